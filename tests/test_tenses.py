"""What will happen said to have happened, and the reverse (align.checks.tenses)."""

from __future__ import annotations

import pytest

from align import Aligner
from align.checks import compare_tenses, run_checks


@pytest.mark.parametrize(
    ("src", "sl", "tgt", "tl", "was", "became"),
    [
        ("Соглашение будет подписано в марте.", "ru", "The agreement was signed in March.", "en",
         "будет", "was"),
        ("Соглашение было подписано в марте.", "ru", "The agreement will be signed in March.",
         "en", "было", "will"),
        ("Мы подписали соглашение.", "ru", "We will sign the agreement.", "en", "подписали",
         "will"),
        ("Переговоры будут продолжены.", "ru", "The talks have continued.", "en", "будут",
         "continued"),
        ("Стороны договорились о прекращении огня.", "ru",
         "The parties are going to agree on a ceasefire.", "en", "договорились", "going"),
        ("سوف نواصل دعم الشعب الفلسطيني.", "ar", "We continued to support the Palestinian people.",
         "en", "سوف", "continued"),
        ("ستعقد القمة في الرياض.", "ar", "The summit was held in Riyadh.", "en", "ستعقد", "was"),
        ("لقد وقعنا الاتفاق.", "ar", "We will sign the agreement.", "en", "لقد", "will"),
        ("双方将于下月签署协议。", "zh", "The two sides signed the agreement.", "en", "将于",
         "signed"),
        ("双方已经签署协议。", "zh", "The two sides will sign the agreement.", "en", "已经",
         "will"),
        ("上周一是血腥的一天。", "zh", "Last Monday will be a bloody day.", "en", "上周", "will"),
        ("The talks will be held next week.", "en", "Переговоры прошли на следующей неделе.",
         "ru", "will", "прошли"),
        # the perfective future, told by the dictionary ("подпишем": we will sign)
        ("Мы подпишем соглашение в марте.", "ru", "We signed the agreement in March.", "en",
         "подпишем", "signed"),
        ("Переговоры продолжатся завтра.", "ru", "The talks were continued yesterday.", "en",
         "продолжатся", "were"),
        ("Я скажу об этом министру.", "ru", "I told the minister about it.", "en", "скажу",
         "told"),
        # an -ed form before its object's determiner is a past, whatever its subject
        ("Стороны подпишут соглашение в марте.", "ru",
         "The parties signed the agreement in March.", "en", "подпишут", "signed"),
        ("We signed the agreement.", "en", "Мы подпишем соглашение.", "ru", "signed",
         "подпишем"),
        # tokenised text: the clitic set apart is joined back ("We 'll" is "We'll")
        ("Мы подписали соглашение .", "ru", "We 'll sign the agreement .", "en", "подписали",
         "We"),
    ],
)  # fmt: skip
def test_a_tense_turned_round_is_reported(
    src: str, sl: str, tgt: str, tl: str, was: str, became: str
) -> None:
    """A promise read as a done deal: every name, number and date kept."""
    reasons = compare_tenses(src, sl, tgt, tl)
    assert [(r["type"], src[slice(*r["src"])], tgt[slice(*r["tgt"])]) for r in reasons] == [
        ("tense_changed", was, became)
    ]


@pytest.mark.parametrize(
    ("src", "sl", "tgt", "tl"),
    [
        ("Соглашение будет подписано в марте.", "ru", "The agreement will be signed in March.",
         "en"),
        ("Мы подписали соглашение.", "ru", "We have signed the agreement.", "en"),
        ("Мы подписали соглашение.", "ru", "We signed the agreement.", "en"),
        # "бы", "чтобы": a conditional or a purpose, no past
        ("Я хотел бы поблагодарить вас.", "ru", "I will now thank you.", "en"),
        ("Мы добиваемся, чтобы договор был подписан.", "ru",
         "We seek to ensure that the treaty will be signed.", "en"),
        # a future in a clause of time is English's present; and the main clause is "is"
        ("Работы нужны, пока дома не будут признаны аварийными.", "ru",
         "The work is needed until the houses are deemed unsafe.", "en"),
        # reported speech: both tenses on the Russian side, "would" on the English
        ("Он сказал, что договор будет подписан.", "ru", "He said the treaty would be signed.",
         "en"),
        ("Что будет, если мы уйдём?", "ru", "What would happen if we left?", "en"),
        # nouns and names of a past verb's form
        ("Посол и Михаил обсудят цели и модели.", "ru",
         "The ambassador and Mikhail will discuss goals and models.", "en"),
        # the perfective future has no word of its own: a past with a present or
        # perfective verb beside it is no past only
        ("Министр заявил, что переговоры продолжатся в Женеве.", "ru",
         "According to the minister, negotiations will go on in Geneva.", "en"),
        ("Мы подписали соглашение, которое вступает в силу.", "ru",
         "We will sign an agreement that enters into force.", "en"),
        ("Саакашвили пообещал, что Украина выберется из ямы.", "ru",
         "Saakashvili promised Ukraine will get out of the hole.", "en"),
        # participles are no simple past; "will" as a noun is no future
        ("Ожидается, что сделка будет подписана.", "ru",
         "The deal is widely expected to be signed.", "en"),
        ("Россия проявила политическую волю.", "ru", "Russia showed political will.", "en"),
        ("Эти утверждения будут основаны на теориях.", "ru",
         "These claims will be based on theories debunked by the US.", "en"),
        ("إذا كان ذلك ممكنا، سنواصل.", "ar", "If possible, we will continue.", "en"),
        # a perfective future against an -ed form with no subject pronoun: that form is a
        # participle as often as a past ("Russia to ask Latvia to extradite journalist
        # accused of", a headline's "jailed for"), so neither side is read firmly
        ("Россия попросит Латвию выдать журналиста, обвиняемого в клевете.", "ru",
         "Russia to ask Latvia to extradite journalist accused of slander.", "en"),
        ("Школьник сядет в тюрьму за флирт.", "ru", "Schoolboy jailed for flirting.", "en"),
        # a word that may be a present ("признает" for "признаёт"), a second person (the
        # "you" of proverbs, an imperative) and "let's" are no perfective future
        ("Сам имам не признает себя виновным.", "ru", "The imam himself has pleaded not guilty.",
         "en"),
        ("На немазаной сковороде блинов не испечёшь.", "ru",
         "You can't bake pancakes in a non-greased pan, as we learned.", "en"),
        ("Напомним, что в КНР поставлена задача ликвидации бедности.", "ru",
         "Recall that the PRC has set a goal of eliminating poverty.", "en"),
        ("Посмотрите любое выступление Жукова.", "ru", "Watch any speech Zhukov made.", "en"),
        ("Мы подпишем соглашение в марте.", "ru", "We will sign the agreement in March.", "en"),
        # tokenised "won 't" is "won't", no "won" (MLQE-PE's post-edits are tokenised so)
        ("Я не буду это терпеть .", "ru", "I won 't tolerate it .", "en"),
        ("Гордому кошка на грудь не вскочит .", "ru",
         "The cat won 't jump up on the proud person 's chest .", "en"),
        # the King James Bible's perfect: "hath ... been" beside "shall"
        ("For these two years hath the famine been in the land: and yet there shall be no "
         "harvest.", "en", "现在这地的饥荒已经二年了，还有五年不能收成。", "zh"),
        ("在旅程即将结束时，莫扎特写下了这首经文歌。", "zh",
         "Toward the end of the journey, Mozart wrote the motet.", "en"),
    ],
)  # fmt: skip
def test_a_tense_rendered_faithfully_passes(src: str, sl: str, tgt: str, tl: str) -> None:
    assert compare_tenses(src, sl, tgt, tl) == []


def test_the_registry_runs_it() -> None:
    reasons = run_checks("Соглашение будет подписано.", "ru", "The deal was signed.", "en")
    assert [r["type"] for r in reasons] == ["tense_changed"]


def test_the_scorer_flags_a_changed_tense(aligner: Aligner) -> None:
    src = "Соглашение будет подписано в марте."
    got = aligner.score_pairs(
        [
            (src, "The agreement was signed in March."),
            (src, "The agreement will be signed in March."),
        ],
        "ru",
        "en",
    ).beads
    assert list(got[0].flags) == ["tense_changed"]
    assert got[0].drift > got[1].drift
    assert not got[1].flags


@pytest.mark.parametrize(
    ("src", "tgt", "changed"),
    [
        ("双方同意在明年三月举行下一轮会谈。",
         "Both sides agreed to hold the next round of talks in March next year.", False),
        ("去年双方签署了协议。", "The two sides signed the agreement last year.", False),
        ("去年双方签署了协议。", "The two sides will sign the agreement next year.", True),
    ],
)  # fmt: skip
def test_a_chinese_time_word_said_as_a_date_on_the_other_side_is_no_tense(
    src: str, tgt: str, changed: bool
) -> None:
    """Chinese verbs carry no tense, so 明年 (next year) counts as a future: against
    "agreed … next year" it was "'明年' became 'agreed'". The English says the same year."""
    assert bool(compare_tenses(src, "zh", tgt, "en")) is changed
