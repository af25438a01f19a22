"""Units after a number (align.checks.units) and what the number check makes of them."""

from __future__ import annotations

import pytest

from align.checks.numbers import compare_quantities, extract_quantities
from align.checks.units import agree, currency_around, restates, unit_after


def _number_end(text: str) -> int:
    """Where the first run of digits in ``text`` ends."""
    return next(k for k in range(1, len(text)) if text[k - 1].isdigit() and not text[k].isdigit())


@pytest.mark.parametrize(
    ("text", "dimension", "written"),
    [
        ("5 km/h", "speed", "km/h"),
        ("5 km", "length", "km"),
        ("5 km²", "area", "km²"),
        ("a 10-mile walk", "length", "mile"),
        ("160公里", "length", "公里"),
        ("3 yards (", "length", "yards"),
        ("30°C", "temperature", "°C"),
        ("100 square miles", "area", "square miles"),
        ("в 160 км", "length", "км"),
        ("100 كيلومتر", "length", "كيلومتر"),
        ("12 pouces", "length", "pouces"),
    ],
)
def test_unit_after_a_number(text: str, dimension: str, written: str) -> None:
    unit = unit_after(text, _number_end(text))
    assert unit is not None and (unit.dimension, unit.text) == (dimension, written)


@pytest.mark.parametrize(
    "text",
    ["5 in the morning", "5 mille", "2020 г.", "5 h", "5 people", "1985 م"],
)
def test_words_that_are_not_units_after_a_number(text: str) -> None:
    """English "in", French "mille" (thousand), Russian "г" (year), Arabic "م" (AD)."""
    assert unit_after(text, _number_end(text)) is None


def _u(text: str):  # type: ignore[no-untyped-def]
    unit = unit_after(text, 0)
    assert unit is not None
    return unit


def test_agree_allows_the_rounding_a_conversion_shows() -> None:
    assert agree(100, _u(" miles"), 160, _u(" km"))
    assert agree(3, _u(" miles"), 5, _u(" km"))  # 4.83 km, "5" is good to the unit
    assert agree(10_000, _u(" feet"), 3_000, _u(" m"))  # 3048 m, "3,000" to the thousand
    assert agree(100, _u(" °F"), 38, _u(" °C"))
    assert not agree(100, _u(" km"), 100, _u(" miles"))
    assert not agree(1, _u(" km"), 1, _u(" mile"))  # never more than a tenth apart
    assert not agree(5, _u(" kg"), 5, _u(" km"))  # other dimensions


def test_a_precise_restatement_must_be_right() -> None:
    """ "60 ft = 18,29 m" restates; "60 pieds (19,29 m)" is a wrong figure, though 60
    might be rounded to the ten."""
    text = "um 60 ft .  = 18,29 m"
    assert restates(text, (60, 5), (18.29, 14, 19))
    text = "de 60 pieds ( 19,29 m )"
    assert not restates(text, (60, 5), (19.29, 14, 19))


def test_a_wrong_restated_figure_is_still_reported() -> None:
    (reason,) = compare_quantities("в 160 км от", "ru", "100 miles (260 km) away", "en")
    assert reason["src"] is None and reason["detail"] == "260 has no counterpart"
    (reason,) = compare_quantities("um 60 ft .  = 18,29 m", "de", "de 60 pieds ( 19,29 m )", "fr")
    assert reason["detail"] == "18.29 vs 19.29"  # the right restatement answers the wrong one


@pytest.mark.parametrize(
    ("text", "lang", "names", "written"),
    [
        ("$5bn", "en", {"dollar"}, "$"),
        ("US$ 3 million", "en", {"dollar"}, "US$"),
        ("5 млрд долларов", "ru", {"dollar"}, "долларов"),
        ("5 millions d'euros", "fr", {"euro"}, "euros"),
        ("50亿美元", "zh", {"dollar"}, "美元"),
        ("1,5 млрд руб.", "ru", {"rouble"}, "руб."),
        ("¥500", "ja", {"yen", "yuan"}, "¥"),
    ],
)
def test_currency_next_to_a_figure(text: str, lang: str, names: set[str], written: str) -> None:
    (q,) = extract_quantities(text, lang)
    found = currency_around(text, q.start, q.end)
    assert found is not None and (set(found.names), found.text) == (names, written)


@pytest.mark.parametrize("text", ["5 pounds of flour", "5 people", "dont 3 ils ont"])
def test_no_currency(text: str) -> None:
    """ "pounds" alone is a weight (a unit), "ils" is no Israeli shekel."""
    end = _number_end(text)
    assert currency_around(text, end - 1, end) is None
