""" "All" said as "some", across scripts (align.checks.quantifiers)."""

from __future__ import annotations

import pytest

from align import Aligner
from align.checks import compare_quantifiers, run_checks


@pytest.mark.parametrize(
    ("src", "sl", "tgt", "flag", "was", "became"),
    [
        ("Все участники поддержали резолюцию.", "ru",
         "Some participants supported the resolution.", "softened", "Все", "Some"),
        ("جميع الدول العربية تدعم هذا القرار.", "ar",
         "Some Arab countries support this decision.", "softened", "جميع", "Some"),
        ("所有成员国都支持这项决议。", "zh", "Some member states support this resolution.",
         "softened", "所有", "Some"),
        ("Alle Mitgliedstaaten haben zugestimmt.", "de", "Several member states agreed.",
         "softened", "Alle", "Several"),
        ("Некоторые страны осудили эти действия.", "ru", "All countries condemned these actions.",
         "hardened", "Некоторые", "All"),
        ("بعض الدول رفضت المشروع.", "ar", "Every country rejected the draft.", "hardened",
         "بعض", "Every"),
        ("Certains pays ont voté contre.", "fr", "All countries voted against.", "hardened",
         "Certains", "All"),
        # "not all" is "some"
        ("Не все участники поддержали резолюцию.", "ru",
         "All participants supported the resolution.", "hardened", "все", "All"),
    ],
)  # fmt: skip
def test_all_said_as_some_is_reported(
    src: str, sl: str, tgt: str, flag: str, was: str, became: str
) -> None:
    reasons = compare_quantifiers(src, sl, tgt, "en")
    assert [(r["type"], src[slice(*r["src"])], tgt[slice(*r["tgt"])]) for r in reasons] == [
        (flag, was, became)
    ]


@pytest.mark.parametrize(
    ("src", "sl", "tgt"),
    [
        ("Все участники поддержали резолюцию.", "ru", "All participants supported the resolution."),
        ("Каждая страна имеет право голоса.", "ru", "Every country has a vote."),
        ("Не все участники поддержали резолюцию.", "ru",
         "Not all participants supported the resolution."),
        ("Не все участники поддержали резолюцию.", "ru",
         "Some participants did not support the resolution."),
        ("Многие страны осудили эти действия.", "ru", "Many countries condemned these actions."),
        ("جميع الدول العربية تدعم هذا القرار.", "ar", "All Arab countries support this decision."),
        ("所有成员国都支持这项决议。", "zh", "All member states support this resolution."),
        # idioms that quantify nothing
        ("Прежде всего, мы благодарим некоторых партнёров.", "ru",
         "First of all, we thank some partners."),
        ("Тем не менее, все же некоторые вопросы остаются.", "ru",
         "After all, some questions remain."),
        ("Мы заявляем об этом со всей ясностью, и некоторые нас поддержали.", "ru",
         "We state this clearly, and some supported us."),
        ("نقول ذلك بكل وضوح، وبعض الدول تؤيدنا.", "ar",
         "We say this clearly, and some countries support us."),
        ("这是两国关系的重要组成部分。", "zh", "This is an important part of all our relations."),
        # read off faithful sets' flags: a negation a few words before "all", "every few
        # steps", a generic "all who", "some" as an article, "всё, что" ("everything that")
        ("Теперь не всем ясно.", "ru", "It is not clear to everyone now."),
        ("Я знаю, что не у всех такое.", "ru", "I know that not everyone has it."),
        ("Alle paar Schritte mussten sie rasten.", "de",
         "Quelques pas, et il fallait s'arrêter."),
        ("Für die meisten, die das Bild anstaunten, galt er als Symbol.", "de",
         "Pour tous ceux qui ont contemplé la photo, cette cime était un symbole."),
        ("Вы тащили все, что не прибито.", "ru",
         "At some stage you did some work and dragged everything."),
        # a negation further back in the clause: its scope is unsure
        ("Это растение не в каждом огороде растёт.", "ru",
         "It is a plant that does not grow in every garden."),
        ("你们不守耶和华所晓谕摩西的这一切命令。", "zh",
         "You have not observed all these commandments."),
        # both on one side: which group did what is for the reader
        ("Все страны подписали, но некоторые возражали.", "ru",
         "Some countries objected, but all signed."),
    ],
)  # fmt: skip
def test_a_quantifier_rendered_faithfully_passes(src: str, sl: str, tgt: str) -> None:
    assert compare_quantifiers(src, sl, tgt, "en") == []


def test_unread_languages_pass() -> None:
    assert (
        compare_quantifiers("Kõik riigid toetasid.", "et", "Some countries supported.", "en") == []
    )


def test_the_registry_runs_it() -> None:
    reasons = run_checks(
        "Все участники поддержали резолюцию.", "ru", "Some participants supported it.", "en"
    )
    assert [r["type"] for r in reasons] == ["softened"]


def test_the_scorer_flags_all_said_as_some(aligner: Aligner) -> None:
    """With the bundled model: drift 0.11 and no flag before this check."""
    src = "Все участники поддержали резолюцию."
    got = aligner.score_pairs(
        [
            (src, "Some participants supported the resolution."),
            (src, "All participants supported the resolution."),
        ],
        "ru",
        "en",
    ).beads
    assert list(got[0].flags) == ["softened"]
    assert got[0].drift > got[1].drift
    assert not got[1].flags
