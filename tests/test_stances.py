"""Support said as opposition, across scripts (align.checks.stances, .opposites)."""

from __future__ import annotations

import pytest

from align import Aligner
from align.checks import compare_stances, run_checks


@pytest.mark.parametrize(
    ("src", "sl", "tgt", "was", "became"),
    [
        ("Мы поддерживаем эту инициативу.", "ru", "We oppose this initiative.",
         "поддерживаем", "oppose"),
        ("Россия выступает против расширения НАТО.", "ru", "Russia supports NATO expansion.",
         "выступает против", "supports"),
        ("Мы осуждаем эти удары.", "ru", "We welcome these strikes.", "осуждаем", "welcome"),
        ("نرحب بهذا القرار.", "ar", "We condemn this decision.", "نرحب", "condemn"),
        ("نرفض هذا المقترح.", "ar", "We accept this proposal.", "نرفض", "accept"),
        ("中方支持这一倡议。", "zh", "China opposes this initiative.", "支持", "opposes"),
        ("中方坚决反对这种做法。", "zh", "China firmly supports this practice.", "反对",
         "supports"),
        ("Deutschland unterstützt den Plan.", "de", "Germany rejects the plan.", "unterstützt",
         "rejects"),
        ("La France condamne cette attaque.", "fr", "France welcomes this attack.", "condamne",
         "welcomes"),
        ("España apoya la resolución.", "es", "Spain rejects the resolution.", "apoya",
         "rejects"),
        ("Студенты выступили против лекций.", "ru", "The students supported the lectures.",
         "выступили против", "supported"),
        ("Все обращения были отклонены.", "ru", "All the appeals were accepted.", "отклонены",
         "accepted"),
        ("Стороны договорились о прекращении огня.", "ru", "The parties disagreed on a ceasefire.",
         "договорились", "disagreed"),
    ],
)  # fmt: skip
def test_a_stance_turned_round_is_reported(
    src: str, sl: str, tgt: str, was: str, became: str
) -> None:
    """One verb, and a government's position turned round (drift 0.10 before)."""
    reasons = compare_stances(src, sl, tgt, "en")
    assert [(r["type"], src[slice(*r["src"])], tgt[slice(*r["tgt"])]) for r in reasons] == [
        ("stance_reversed", was, became)
    ]


@pytest.mark.parametrize(
    ("src", "sl", "tgt", "tl"),
    [
        ("Мы поддерживаем эту инициативу.", "ru", "We support this initiative.", "en"),
        ("Мы поддерживаем эту инициативу.", "ru", "We back this initiative.", "en"),
        ("Россия выступает против расширения НАТО.", "ru", "Russia opposes NATO expansion.",
         "en"),
        ("نرحب بهذا القرار.", "ar", "We welcome this decision.", "en"),
        ("中方支持这一倡议。", "zh", "China supports this initiative.", "en"),
        # both on a side: what was supported and what condemned is for the reader
        ("Мы поддерживаем переговоры и осуждаем удары.", "ru",
         "We condemn the strikes and support the talks.", "en"),
        # a negated stance says nothing here (the negation check reads it)
        ("Мы не поддерживаем эту инициативу.", "ru", "We oppose this initiative.", "en"),
        ("We do not oppose the plan.", "en", "Мы поддерживаем этот план.", "ru"),
        # read off faithful sets' flags
        ("The Liberal Democrats oppose the federalism espoused by others.", "en",
         "Die Liberaldemokraten sind gegen den Föderalismus, der von anderen befürwortet wird.",
         "de"),
        ("Beiträge werden gerne entgegengenommen, doch wird jede Haftung abgelehnt.", "de",
         "La rédaction accepte volontiers les articles, mais décline toute responsabilité.", "fr"),
    ],
)  # fmt: skip
def test_a_stance_rendered_faithfully_passes(src: str, sl: str, tgt: str, tl: str) -> None:
    assert compare_stances(src, sl, tgt, tl) == []


def test_the_registry_runs_it() -> None:
    reasons = run_checks("Мы поддерживаем эту инициативу.", "ru", "We oppose it.", "en")
    assert [r["type"] for r in reasons] == ["stance_reversed"]


def test_the_scorer_flags_a_reversed_stance(aligner: Aligner) -> None:
    src = "Мы поддерживаем эту инициативу."
    got = aligner.score_pairs(
        [(src, "We oppose this initiative."), (src, "We support this initiative.")], "ru", "en"
    ).beads
    assert list(got[0].flags) == ["stance_reversed"]
    assert got[0].drift >= 0.5 > got[1].drift
    assert not got[1].flags
