"""A word turned into its opposite, across scripts (align.checks.antonyms, .opposites)."""

from __future__ import annotations

import pytest

from align import Aligner
from align.checks import compare_antonyms, run_checks


@pytest.mark.parametrize(
    ("src", "sl", "tgt", "was", "became"),
    [
        ("Переговоры продолжатся на следующей неделе.", "ru", "The talks will end next week.",
         "продолжатся", "end"),
        ("Переговоры начнутся в понедельник.", "ru", "The talks will end on Monday.",
         "начнутся", "end"),
        ("Многие верующие перестали приходить.", "ru", "Many believers continued to come.",
         "перестали", "continued"),
        ("Законопроект положит конец светским бракам.", "ru",
         "The bill would begin secular marriages.", "положит конец", "begin"),
        ("أكد الرئيس أن المفاوضات ستستمر.", "ar",
         "The president confirmed that the negotiations will stop.", "ستستمر", "stop"),
        ("双方同意继续谈判。", "zh", "The two sides agreed to stop the talks.", "继续", "stop"),
        ("Встреча состоялась до начала переговоров.", "ru",
         "The meeting took place after the talks began.", "до начала", "after"),
        ("Мы открыли границу.", "ru", "We closed the border.", "открыли", "closed"),
        ("Посольство было открыто.", "ru", "The embassy was closed.", "открыто", "closed"),
        ("Санкции были сняты.", "ru", "The sanctions were imposed.", "сняты", "imposed"),
        ("رفعت العقوبات.", "ar", "Sanctions were imposed.", "رفعت", "imposed"),
        ("طالب الرئيس بوقف العدوان فورا ورفع الحصار.", "ar",
         "The president called for an immediate end to the aggression and the imposition of "
         "the siege.", "ورفع", "imposition"),
        ("Это законное решение.", "ru", "This is an illegal decision.", "законное", "illegal"),
        ("Это возможно.", "ru", "This is impossible.", "возможно", "impossible"),
        ("Ситуация стабильная.", "ru", "The situation is unstable.", "стабильная", "unstable"),
        ("Это неприемлемо.", "ru", "This is acceptable.", "неприемлемо", "acceptable"),
        ("إن الاستيطان غير شرعي.", "ar", "Settlement is legitimate.", "غير شرعي",
         "legitimate"),
        ("Многие страны поддержали резолюцию.", "ru", "Few countries supported the resolution.",
         "Многие", "Few"),
        ("Это крупнейший проект в регионе.", "ru", "This is the smallest project in the region.",
         "крупнейший", "smallest"),
        ("Мы выиграли.", "ru", "We lost.", "выиграли", "lost"),
        ("Товарооборот стал больше, чем в прошлом году.", "ru",
         "Trade turnover became less than last year.", "больше", "less"),
        ("Мы уверены, что это так.", "ru", "We doubt that this is so.", "уверены", "doubt"),
    ],
)  # fmt: skip
def test_a_word_turned_into_its_opposite_is_reported(
    src: str, sl: str, tgt: str, was: str, became: str
) -> None:
    """Every name and number kept: drift 0.08-0.24 and no flag before this check."""
    reasons = compare_antonyms(src, sl, tgt, "en")
    assert [(r["type"], src[slice(*r["src"])], tgt[slice(*r["tgt"])]) for r in reasons] == [
        ("antonym", was, became)
    ]


@pytest.mark.parametrize(
    ("src", "sl", "tgt", "tl"),
    [
        ("Переговоры продолжатся на следующей неделе.", "ru",
         "The talks will continue next week.", "en"),
        # a time: "the end of", "в конце года", "с начала года"
        ("Мы продолжим работу до конца года.", "ru",
         "We will continue working until the end of the year.", "en"),
        ("С начала года переговоры прекратились.", "ru",
         "Since the start of the year the talks have stopped.", "en"),
        # both senses on a side
        ("После обнаружения приложение изолирует угрозу до того, как она нанесёт ущерб.", "ru",
         "Once detected, the app isolates the threat before it causes damage.", "en"),
        # a negated word says nothing (the negation check reads it)
        ("Переговоры не прекратятся.", "ru", "The talks will not continue.", "en"),
        # lifting and imposing only where sanctions, a siege or an embargo are spoken of
        ("Цены были сняты с сайта.", "ru", "The prices were imposed on the site.", "en"),
        ("طالب الرئيس بوقف العدوان فورا ورفع الحصار.", "ar",
         "The president called for an immediate end to the aggression and the lifting of the "
         "siege.", "en"),
        # Fatah is no opening; "من قبل" is "by"
        ("وقالت حركة فتح إن المعبر أغلق من قبل الاحتلال.", "ar",
         "Fatah said the crossing was closed by the occupation.", "en"),
        # an extension is no continuation: "является продолжением" / "to end poverty"
        ("Фестиваль является продолжением проекта по борьбе с бедностью.", "ru",
         "The festival is an extension of a project hoping to end poverty.", "en"),
        ("Это неприемлемо.", "ru", "This is unacceptable.", "en"),
        ("Close cooperation will continue.", "en", "Тесное сотрудничество продолжится.", "ru"),
        # "a few" is "some"; "without doubt" is certain
        ("Многие страны поддержали резолюцию.", "ru",
         "Many countries, and a few others, supported the resolution.", "en"),
        ("Мы уверены, что это так.", "ru", "We are without doubt sure that this is so.", "en"),
        ("В 1972 году Леонард выиграл четвертьфинал.", "ru",
         "In 1972 Leonard won the quarterfinal.", "en"),
        # a bound before a figure is the number check's, not reported twice
        ("Погибли более 70 человек.", "ru", "Fewer than 70 people died.", "en"),
        ("Мы хотим больше сотрудничества.", "ru", "We want more cooperation.", "en"),
        ("Попробуйте ещё раз.", "ru", "Try once more.", "en"),
    ],
)  # fmt: skip
def test_a_word_rendered_faithfully_passes(src: str, sl: str, tgt: str, tl: str) -> None:
    assert compare_antonyms(src, sl, tgt, tl) == []


def test_the_registry_runs_it() -> None:
    reasons = run_checks("Мы открыли границу.", "ru", "We closed the border.", "en")
    assert [r["type"] for r in reasons] == ["antonym"]


def test_the_scorer_flags_an_antonym(aligner: Aligner) -> None:
    src = "Переговоры продолжатся на следующей неделе."
    got = aligner.score_pairs(
        [(src, "The talks will end next week."), (src, "The talks will continue next week.")],
        "ru",
        "en",
    ).beads
    assert list(got[0].flags) == ["antonym"]
    assert got[0].drift >= 0.5 > got[1].drift
    assert not got[1].flags


def test_a_bound_turned_round_is_reported_once() -> None:
    """ "более 70" -> "fewer than 70": the number check's bound, not also an antonym."""
    reasons = run_checks("Погибли более 70 человек.", "ru", "Fewer than 70 people died.", "en")
    assert [r["type"] for r in reasons] == ["number_mismatch"]
