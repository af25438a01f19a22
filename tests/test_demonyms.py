"""Peoples and their adjectives across Russian, Arabic, Chinese, Japanese and English
(align.checks.demonyms)."""

from __future__ import annotations

import pytest

from align.checks import compare_demonyms, run_checks


@pytest.mark.parametrize(
    ("src", "sl", "tgt", "was", "became"),
    [
        ("Мы обсудили российско-палестинские отношения.", "ru",
         "We discussed Russian-Israeli relations.", "палестинские", "Israeli"),
        ("Палестинцы заслуживают своего государства.", "ru",
         "The Egyptians deserve their own state.", "Палестинцы", "Egyptians"),
        ("Мы выступаем за создание независимого палестинского государства.", "ru",
         "We support the creation of an independent Israeli state.", "палестинского", "Israeli"),
        ("ناقشنا العلاقات الروسية الفلسطينية.", "ar",
         "We discussed Russian-Israeli relations.", "الفلسطينية", "Israeli"),
        ("أيد الوفد المبادرة العمانية.", "ar",
         "The delegation supported the Qatari initiative.", "العمانية", "Qatari"),
        # Chinese and Japanese: a country's name is its adjective
        ("我们支持巴勒斯坦人民的正义事业。", "zh",
         "We support the just cause of the Israeli people.", "巴勒斯坦", "Israeli"),
        ("中国外交部发言人表示。", "zh",
         "The Japanese Foreign Ministry spokesperson said.", "中国", "Japanese"),
        ("パレスチナの人々を支援する。", "ja", "We support the Israeli people.",
         "パレスチナ", "Israeli"),
    ],
)  # fmt: skip
def test_a_people_that_became_another_is_a_mismatch(
    src: str, sl: str, tgt: str, was: str, became: str
) -> None:
    """No table of places holds a country's adjective or its people: "российско-
    палестинские" -> "Russian-Israeli" passed."""
    reasons = compare_demonyms(src, sl, tgt, "en")
    assert [(src[slice(*r["src"])], tgt[slice(*r["tgt"])]) for r in reasons] == [(was, became)]
    assert reasons[0]["type"] == "entity_mismatch"


@pytest.mark.parametrize(
    ("src", "sl", "tgt"),
    [
        ("Мы обсудили российско-палестинские отношения.", "ru",
         "We discussed Russian-Palestinian relations."),
        ("Палестинцы заслуживают своего государства.", "ru", "Palestinians deserve a state."),
        # said as the country: no people on one side
        ("Мы за создание палестинского государства.", "ru", "We support a State of Palestine."),
        ("Финны обычно говорят:", "ru", "Finns usually say:"),  # not Fiji's
        ("Что думают американцы?", "ru", "What do Americans think?"),
        ("Немецкая делегация прибыла.", "ru", "The German delegation arrived."),
        ("أيد الوفد المبادرة العمانية.", "ar", "The delegation supported the Omani initiative."),
        ("ناقشنا العلاقات الروسية الفلسطينية.", "ar", "We discussed Russian-Palestinian ties."),
        ("我们支持巴勒斯坦人民的正义事业。", "zh", "We support the Palestinian people."),
        ("俄罗斯总统普京表示。", "zh", "Russian President Putin said."),
        # a demonym inside a longer name is none: "Canadian English", "Indian Wells"
        ("在加拿大英语中，这些元音合并为两个。", "zh", "In Canadian English, they merge to two."),
        ("她前往加利福尼亚州的印第安维尔斯。", "zh", "She traveled to Indian Wells, California."),
        # MLQE-PE ru-en post-edits: "British MPs" (a demonym before a capitalised word)
        # still answers for "Британские", and "русских" is Russian
        ("Британские депутаты требуют мер против русских денег", "ru",
         "British MPs demand measures against Russian money"),
        # a people dropped, or added, is no mismatch
        ("Израильская сторона отказалась.", "ru", "The other side refused."),
    ],
)  # fmt: skip
def test_a_people_rendered_faithfully_passes(src: str, sl: str, tgt: str) -> None:
    assert compare_demonyms(src, sl, tgt, "en") == []


_RU = (
    "палестинский:Palestinian российский:Russian израильский:Israeli египетский:Egyptian "
    "американский:American китайский:Chinese японский:Japanese немецкий:German "
    "французский:French британский:British турецкий:Turkish иранский:Iranian "
    "сирийский:Syrian ливанский:Lebanese иорданский:Jordanian саудовский:Saudi "
    "катарский:Qatari эмиратский:Emirati украинский:Ukrainian белорусский:Belarusian "
    "армянский:Armenian грузинский:Georgian индийский:Indian испанский:Spanish "
    "итальянский:Italian польский:Polish греческий:Greek шведский:Swedish"
)


@pytest.mark.parametrize(("ru", "en"), [tuple(p.split(":")) for p in _RU.split()])
def test_each_people_is_read_as_itself(ru: str, en: str) -> None:
    """A Russian adjective (its neuter here) against the English one, through every check."""
    src = f"Делегация поддержала {ru[:-2]}ое предложение."
    tgt = f"The delegation supported the {en} proposal."
    assert [r for r in run_checks(src, "ru", tgt, "en") if r["type"].startswith("entity")] == []
