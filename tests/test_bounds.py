"""Bounds of a figure (align.checks.bounds) and the number check's reading of them."""

from __future__ import annotations

import pytest

from align.checks.bounds import bound_around
from align.checks.numbers import compare_quantities, extract_quantities


@pytest.mark.parametrize(
    ("text", "lang", "direction", "written"),
    [
        ("more than 70 people", "en", "+", "more than 70"),
        ("no more than 70 people", "en", "-", "no more than 70"),
        ("not less than 70", "en", "+", "not less than 70"),
        ("70 or more", "en", "+", "70 or more"),
        ("свыше 70 человек", "ru", "+", "свыше 70"),
        ("до 70 человек", "ru", "-", "до 70"),
        ("不到70人", "zh", "-", "不到70"),
        ("70多人", "zh", "+", "70多"),
        ("70人以上", "zh", "+", "70人以上"),
        ("knapp 70 Menschen", "de", "-", "knapp 70"),
        ("plus de 70 personnes", "fr", "+", "plus de 70"),
        ("أكثر من 70 شخصا", "ar", "+", "أكثر من 70"),
    ],
)
def test_bound_of_a_figure(text: str, lang: str, direction: str, written: str) -> None:
    (q,) = extract_quantities(text, lang)
    assert bound_around(text, q.start, q.end) == (direction, written)


@pytest.mark.parametrize("text", ["about 70 people", "the turnover 70", "70 people"])
def test_no_bound(text: str) -> None:
    (q,) = extract_quantities(text, "en")
    assert bound_around(text, q.start, q.end) is None


@pytest.mark.parametrize(
    ("src", "src_lang", "tgt", "tgt_lang", "detail"),
    [
        (
            "Пришли более 70 человек.",
            "ru",
            "Fewer than 70 people came.",
            "en",
            "более 70 vs Fewer than 70",
        ),
        ("不到70人参加", "zh", "More than 70 people attended.", "en", "不到70 vs More than 70"),
        (
            "Es kamen knapp 70 Menschen.",
            "de",
            "Plus de 70 personnes sont venues.",
            "fr",
            "knapp 70 vs Plus de 70",
        ),
    ],
)
def test_a_bound_turned_round_is_reported(
    src: str, src_lang: str, tgt: str, tgt_lang: str, detail: str
) -> None:
    (reason,) = compare_quantities(src, src_lang, tgt, tgt_lang)
    assert reason["type"] == "number_mismatch" and reason["detail"] == detail


@pytest.mark.parametrize(
    ("src", "src_lang", "tgt", "tgt_lang"),
    [
        ("Пришли более 70 человек.", "ru", "More than 70 people came.", "en"),
        ("Пришли более 70 человек.", "ru", "70 people came.", "en"),
        ("70多人参加", "zh", "Over 70 people attended.", "en"),
        ("up to 5 years", "en", "до 5 лет", "ru"),
        ("Pas moins de 20 % de l'eau", "fr", "No less than 20% of the water", "en"),
        ("nicht mehr als 20 Prozent", "de", "pas plus de 20 %", "fr"),
        ("почти 70 человек", "ru", "fewer than 70 people", "en"),
    ],
)
def test_bounds_that_agree_or_one_bound_pass(
    src: str, src_lang: str, tgt: str, tgt_lang: str
) -> None:
    assert compare_quantities(src, src_lang, tgt, tgt_lang) == []
