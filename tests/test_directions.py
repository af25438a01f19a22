"""North said as south, across scripts (align.checks.directions)."""

from __future__ import annotations

import pytest

from align.checks import compare_directions, run_checks


@pytest.mark.parametrize(
    ("src", "sl", "tgt", "was", "became"),
    [
        ("Войска отошли на север.", "ru", "The troops withdrew to the south.", "север", "south"),
        ("انسحبت القوات إلى الشمال.", "ar", "The troops withdrew to the south.", "الشمال",
         "south"),
        ("Обстрелы продолжаются в восточных районах.", "ru",
         "Shelling continues in the western districts.", "восточных", "western"),
        ("The convoy moved west.", "en", "Колонна двинулась на восток.", "west", "восток"),
        ("Die Truppen zogen nach Norden.", "de", "The troops moved south.", "Norden", "south"),
        ("Les troupes se sont repliées vers l'ouest.", "fr", "The troops withdrew to the east.",
         "ouest", "east"),
    ],
)  # fmt: skip
def test_a_direction_turned_round_is_a_mismatch(
    src: str, sl: str, tgt: str, was: str, became: str
) -> None:
    """A front line moved across the map in one word (drift 0.22-0.25, no flag before)."""
    tl = "ru" if sl == "en" else "en"
    reasons = compare_directions(src, sl, tgt, tl)
    assert [(r["type"], src[slice(*r["src"])], tgt[slice(*r["tgt"])]) for r in reasons] == [
        ("entity_mismatch", was, became)
    ]
    assert reasons[0]["detail"].startswith("direction ")


@pytest.mark.parametrize(
    ("src", "sl", "tgt"),
    [
        ("Войска отошли на север.", "ru", "The troops withdrew northward."),
        ("Мы обсудили ситуацию на Ближнем Востоке.", "ru",
         "We discussed the situation in the Middle East."),
        ("Страны Запада ввели санкции.", "ru", "Western countries imposed sanctions."),
        ("Это северо-восток страны.", "ru", "This is the north-east of the country."),
        ("Это северо-восток страны.", "ru", "This is the country's northeastern region."),
        ("Делегация Южной Осетии прибыла.", "ru", "The South Ossetian delegation arrived."),
        ("زار الوفد المغرب والشرق الأوسط.", "ar",
         "The delegation visited Morocco and the Middle East."),
        ("Они попали в западню.", "ru", "They fell into a trap."),
        # one dropped or added says nothing
        ("Войска отошли на север.", "ru", "The troops withdrew."),
        ("The delegation arrived in Southampton.", "en", "Делегация прибыла в Саутгемптон."),
    ],
)  # fmt: skip
def test_a_direction_rendered_faithfully_passes(src: str, sl: str, tgt: str) -> None:
    tl = "ru" if sl == "en" else "en"
    assert compare_directions(src, sl, tgt, tl) == []


@pytest.mark.parametrize(
    ("src", "sl", "tgt", "tl"),
    [
        # compounds name two directions; French "est" is also "is"
        ("A surge from the westerlies, just to the northeast of Saipan.", "en",
         "Eine Welle aus dem Westen, nordöstlich von Saipan.", "de"),
        ("Die Nordwand des Eigers ist steil.", "de", "La face nord de l'Eiger est raide.", "fr"),
        ("Wir stiegen über den Südwestgrat ab.", "de",
         "Nous sommes descendus par l'arête sud-ouest.", "fr"),
        ("Zu Ostern waren wir im Süden.", "de", "À Pâques, nous étions dans le sud.", "fr"),
        ("La cima está al este del valle.", "es", "The summit lies east of the valley.", "en"),
        ("Este año viajamos al sur.", "es", "This year we travelled south.", "en"),
    ],
)  # fmt: skip
def test_german_french_spanish_directions_pass(src: str, sl: str, tgt: str, tl: str) -> None:
    assert compare_directions(src, sl, tgt, tl) == []


def test_chinese_is_not_read() -> None:
    """北京 is Beijing: Chinese writes directions inside names."""
    assert compare_directions("北京和南方", "zh", "Beijing and the north", "en") == []


def test_the_registry_runs_it() -> None:
    reasons = run_checks("Войска отошли на север.", "ru", "The troops withdrew south.", "en")
    assert [r["type"] for r in reasons] == ["entity_mismatch"]
