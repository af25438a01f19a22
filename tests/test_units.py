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


@pytest.mark.parametrize(
    ("src", "sl", "tgt", "tl"),
    [
        ("Встреча продлилась полчаса.", "ru", "The meeting lasted 30 minutes.", "en"),
        ("Встреча продлилась четверть часа.", "ru", "The meeting lasted fifteen minutes.", "en"),
        ("Встреча продлилась три четверти часа.", "ru", "It lasted 45 minutes.", "en"),
        ("Встреча продлилась полтора часа.", "ru", "The meeting lasted 90 minutes.", "en"),
        ("The meeting lasted an hour and a half.", "en", "Встреча шла 90 минут.", "ru"),
        (
            "Pius hat eine Viertelstunde Vorsprung.",
            "de",
            "Pius a un quart d' heure d'avance.",
            "fr",
        ),
        ("La réunion a duré une demi-heure.", "fr", "The meeting lasted 30 minutes.", "en"),
        ("会议持续了一刻钟。", "zh", "The meeting lasted 15 minutes.", "en"),
        ("استمر الاجتماع نصف ساعة.", "ar", "The meeting lasted 30 minutes.", "en"),
        ("Переговоры длились 3 дня.", "ru", "The talks lasted 72 hours.", "en"),
        ("Проект рассчитан на 2 года.", "ru", "The project runs for 24 months.", "en"),
        ("Это было 20 лет назад.", "ru", "It was two decades ago.", "en"),
        ("Two decades later, they met.", "en", "二十年后，他们见面了。", "zh"),
        # said in words no table holds: a duration in words matches figures, never is one
        ("After half an hour, they left.", "en", "Eftir hálftíma fóru þeir.", "is"),
    ],
)
def test_one_duration_said_two_ways(src: str, sl: str, tgt: str, tl: str) -> None:
    """A duration in hours against minutes, days against hours, and said without a figure
    ("полчаса", "eine Viertelstunde", 一刻钟): each was a number with no counterpart."""
    assert compare_quantities(src, sl, tgt, tl) == []


@pytest.mark.parametrize(
    ("src", "sl", "tgt", "detail"),
    [
        (
            "Переговоры длились 10 минут.",
            "ru",
            "The talks lasted 10 hours.",
            "10 минут vs 10 hours",
        ),
        ("Проект рассчитан на 2 года.", "ru", "It runs for 2 months.", "2 года vs 2 months"),
        ("我们等了三天。", "zh", "We waited three weeks.", "3 天 vs 3 weeks"),
        ("انتظرنا 3 ساعات.", "ar", "We waited three days.", "3 ساعات vs 3 days"),
        (
            "Встреча продлилась полчаса.",
            "ru",
            "The meeting lasted 20 minutes.",
            "20 has no counterpart",
        ),
    ],
)
def test_a_duration_in_another_unit_is_a_change(src: str, sl: str, tgt: str, detail: str) -> None:
    assert [r["detail"] for r in compare_quantities(src, sl, tgt, "en")] == [detail]
