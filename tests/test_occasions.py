"""A first time said as a second, and the reverse (align.checks.occasions)."""

from __future__ import annotations

import pytest

from align import Aligner
from align.checks import compare_occasions, run_checks


@pytest.mark.parametrize(
    ("src", "sl", "tgt", "was", "became"),
    [
        ("Президент впервые посетил Египет.", "ru",
         "The president visited Egypt for the second time.", "впервые", "for the second time"),
        ("Президент во второй раз посетил Египет.", "ru",
         "The president visited Egypt for the first time.", "во второй раз",
         "for the first time"),
        ("Это уже второй раз.", "ru", "This is the first time.", "второй раз", "the first time"),
        ("الرئيس يزور مصر لأول مرة.", "ar",
         "The president is visiting Egypt for the second time.", "لأول مرة",
         "for the second time"),
        ("الرئيس يزور مصر للمرة الثالثة.", "ar",
         "The president is visiting Egypt for the first time.", "للمرة الثالثة",
         "for the first time"),
        ("主席首次访问埃及。", "zh", "The president visited Egypt for the second time.", "首次",
         "for the second time"),
        ("主席第二次访问埃及。", "zh", "The president visited Egypt for the first time.", "第二次",
         "for the first time"),
        ("Der Präsident besuchte Ägypten zum ersten Mal.", "de",
         "The president visited Egypt for the third time.", "zum ersten Mal",
         "for the third time"),
        ("Le président a visité l'Égypte pour la seconde fois.", "fr",
         "The president visited Egypt for the first time.", "pour la seconde fois",
         "for the first time"),
        ("El presidente visitó Egipto por primera vez.", "es",
         "The president visited Egypt for the second time.", "por primera vez",
         "for the second time"),
    ],
)  # fmt: skip
def test_a_first_time_turned_into_another_is_reported(
    src: str, sl: str, tgt: str, was: str, became: str
) -> None:
    """The number check leaves "first" out (too often an idiom): this one reads it."""
    reasons = compare_occasions(src, sl, tgt, "en")
    assert [(r["type"], src[slice(*r["src"])], tgt[slice(*r["tgt"])]) for r in reasons] == [
        ("number_mismatch", was, became)
    ]


@pytest.mark.parametrize(
    ("src", "sl", "tgt"),
    [
        ("Президент впервые посетил Египет.", "ru",
         "The president visited Egypt for the first time."),
        ("主席首次访问埃及。", "zh", "The president visited Egypt for the first-ever time."),
        ("الرئيس يزور مصر للمرة الأولى.", "ar",
         "The president is visiting Egypt for the first time."),
        # five times as much is no fifth time
        ("Цены выросли в пять раз.", "ru", "Prices rose for the first time."),
        # a negated first: "not the first time" is a repeat said another way
        ("Это не первый раз.", "ru", "This is the second time."),
        # a second said as a third is the number check's ("2 vs 3"), not reported twice
        ("Президент в третий раз посетил Египет.", "ru",
         "The president visited Egypt for the second time."),
        # two on a side: which answers which is for the reader
        ("Впервые за год, и во второй раз в жизни.", "ru",
         "For the second time this year, and the first time in my life."),
    ],
)  # fmt: skip
def test_an_occasion_rendered_faithfully_or_not_ours_passes(src: str, sl: str, tgt: str) -> None:
    assert compare_occasions(src, sl, tgt, "en") == []


def test_the_registry_runs_it_once() -> None:
    reasons = run_checks(
        "Президент впервые посетил Египет.", "ru", "He visited Egypt for the second time.", "en"
    )
    assert [r["type"] for r in reasons] == ["number_mismatch"]
    third = run_checks(
        "Президент в третий раз посетил Египет.",
        "ru",
        "He visited Egypt for the second time.",
        "en",
    )
    assert [r["detail"] for r in third] == ["3 vs 2"]


def test_the_scorer_flags_a_first_made_second(aligner: Aligner) -> None:
    src = "Президент впервые посетил Египет."
    got = aligner.score_pairs(
        [
            (src, "The president visited Egypt for the second time."),
            (src, "The president visited Egypt for the first time."),
        ],
        "ru",
        "en",
    ).beads
    assert list(got[0].flags) == ["number_mismatch"]
    assert got[0].drift >= 0.5 > got[1].drift
    assert not got[1].flags
