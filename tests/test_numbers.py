"""Quantities found and compared across ru, ar, en, de, fr, zh and is."""

from __future__ import annotations

import pytest

from align.numbers import Quantity, compare_quantities, extract_quantities

# (text, lang, value, kind): the single quantity each text must yield.
SINGLE = [
    ("40,000", "en", 40000, "number"),
    # a half before a scale word belongs to it; a year in words ends in an ordinal
    ("one and a half million people", "en", 1500000, "number"),
    ("two and a half thousand", "en", 2500, "number"),
    ("в тысяча девятьсот девяносто первом году", "ru", 1991, "year"),
    ("в две тысячи двадцать первом году", "ru", 2021, "year"),
    ("на сто первом километре", "ru", 101, "ordinal"),
    # Arabic duals of a scale start its group; "ونصف" after a scale is its half
    ("مليونان وخمسمائة ألف", "ar", 2500000, "number"),
    ("نحو مليونين ومئتي ألف نسمة", "ar", 2200000, "number"),
    ("مليون ونصف المليون لاجئ", "ar", 1500000, "number"),
    ("ثلاثة آلاف ونصف", "ar", 3500, "number"),
    ("40 тысяч", "ru", 40000, "number"),
    # the spoken "тыща": "а хоть 3 тыщи" is "at least 3 thousand"
    ("а хоть 3 тыщи", "ru", 3000, "number"),
    ("40 000 человек", "ru", 40000, "number"),
    ("40\u00a0000 personnes", "fr", 40000, "number"),
    ("40\u202f000 personnes", "fr", 40000, "number"),
    ("40.000 Menschen", "de", 40000, "number"),
    ("٤٠ ألف", "ar", 40000, "number"),
    ("٤٠٬٠٠٠", "ar", 40000, "number"),
    ("۴۰ ألف", "ar", 40000, "number"),
    ("4万", "zh", 40000, "number"),
    ("４０", "zh", 40, "number"),
    ("1,500", "en", 1500, "number"),
    ("1,500", "ru", 1.5, "number"),
    ("1.500", "de", 1500, "number"),
    ("1.500", "en", 1.5, "number"),
    ("3,5", "fr", 3.5, "number"),
    ("٣٫٥", "ar", 3.5, "number"),
    ("1,5 млрд", "ru", 1.5e9, "number"),
    ("1.5 billion", "en", 1.5e9, "number"),
    ("$5bn", "en", 5e9, "number"),
    ("2,3 Mio.", "de", 2.3e6, "number"),
    ("3 milliards", "fr", 3e9, "number"),
    ("5 مليارات", "ar", 5e9, "number"),
    ("1.5亿", "zh", 1.5e8, "number"),
    ("3 milljónir", "is", 3e6, "number"),
    ("seventy", "en", 70, "number"),
    ("seventy-five", "en", 75, "number"),
    ("two hundred and fifty thousand", "en", 250000, "number"),
    ("a hundred", "en", 100, "number"),
    ("семьдесят пять", "ru", 75, "number"),
    ("семьсот", "ru", 700, "number"),
    ("двухсот", "ru", 200, "number"),
    ("трёх", "ru", 3, "number"),
    ("двадцати пяти тысяч", "ru", 25000, "number"),
    ("полторы тысячи", "ru", 1500, "number"),
    ("около миллиона", "ru", 1e6, "number"),
    ("fünfundsiebzig", "de", 75, "number"),
    ("zweihundertdreißig", "de", 230, "number"),
    ("eine Million", "de", 1e6, "number"),
    ("soixante-dix", "fr", 70, "number"),
    ("soixante et onze", "fr", 71, "number"),
    ("quatre-vingt-dix-sept", "fr", 97, "number"),
    ("deux mille", "fr", 2000, "number"),
    ("خمسة وعشرون", "ar", 25, "number"),
    ("خمسة عشر", "ar", 15, "number"),
    ("ثلاثة آلاف", "ar", 3000, "number"),
    ("مائة وخمسون", "ar", 150, "number"),
    ("七十", "zh", 70, "number"),
    ("七百", "zh", 700, "number"),
    ("两年", "zh", 2, "number"),
    ("1亿5000万", "zh", 1.5e8, "number"),
    ("tuttugu og fimm þúsund", "is", 25000, "number"),
    ("5%", "en", 5, "percent"),
    ("5 %", "fr", 5, "percent"),
    ("5 процентов", "ru", 5, "percent"),
    ("5 percent", "en", 5, "percent"),
    ("5 per cent", "en", 5, "percent"),
    ("5 Prozent", "de", 5, "percent"),
    ("vingt pour cent", "fr", 20, "percent"),
    ("٥٪", "ar", 5, "percent"),
    ("5 في المئة", "ar", 5, "percent"),
    ("百分之五", "zh", 5, "percent"),
    ("7 октября", "ru", 1007, "date"),
    ("October 7", "en", 1007, "date"),
    ("7 October", "en", 1007, "date"),
    ("Oct. 7th", "en", 1007, "date"),
    ("7th of October", "en", 1007, "date"),
    ("7. Oktober", "de", 1007, "date"),
    ("7 octobre", "fr", 1007, "date"),
    ("1er octobre", "fr", 1001, "date"),
    ("٧ أكتوبر", "ar", 1007, "date"),
    ("٧ تشرين الأول", "ar", 1007, "date"),
    ("10月7日", "zh", 1007, "date"),
    ("十月七日", "zh", 1007, "date"),
    ("7. október", "is", 1007, "date"),
    ("XX век", "ru", 20, "century"),
    ("ХХ века", "ru", 20, "century"),  # Cyrillic Х typed for the Roman numeral
    ("20-й век", "ru", 20, "century"),
    ("двадцать первого века", "ru", 21, "century"),
    ("20th century", "en", 20, "century"),
    ("20th-century art", "en", 20, "century"),
    ("the twentieth century", "en", 20, "century"),
    ("XXI century", "en", 21, "century"),
    ("20. Jahrhundert", "de", 20, "century"),
    ("XXe siècle", "fr", 20, "century"),
    ("XXᵉ siècle", "fr", 20, "century"),
    ("القرن العشرين", "ar", 20, "century"),
    ("القرن الحادي والعشرين", "ar", 21, "century"),
    ("القرن الـ20", "ar", 20, "century"),
    ("20世纪", "zh", 20, "century"),
    ("二十一世纪", "zh", 21, "century"),
    ("20. öld", "is", 20, "century"),
    ("in 1988", "en", 1988, "year"),
    ("1988 год", "ru", 1988, "year"),
    ("二〇二三年", "zh", 2023, "year"),
    ("ст. 15", "ru", 15, "number"),
    ("20th Congress", "en", 20, "ordinal"),
    ("1. Introduction", "en", 1, "ordinal"),
    ("第一", "zh", 1, "ordinal"),
    ("第20届", "zh", 20, "ordinal"),
    ("5 بالمئة", "ar", 5, "percent"),
    ("5千克", "zh", 5, "number"),
    ("20世紀", "ja", 20, "century"),
]


@pytest.mark.parametrize(("text", "lang", "value", "kind"), SINGLE)
def test_extracts_one_quantity(text: str, lang: str, value: float, kind: str) -> None:
    found = extract_quantities(text, lang)
    assert [(q.value, q.kind) for q in found] == [(pytest.approx(value), kind)]
    assert all(text[q.start : q.end] == q.surface for q in found)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("В.Путин", "ru"),
        ("M. Abbas", "en"),
        ("I think so", "en"),
        ("hundreds of people", "en"),
        ("тысячи людей", "ru"),
        ("COVID-19 at the G20", "en"),
        ("十分重要", "zh"),
        ("老百姓", "zh"),
        ("in October", "en"),
        ("No numbers here at all.", "en"),
    ],
)
def test_extracts_nothing(text: str, lang: str) -> None:
    assert extract_quantities(text, lang) == []


def test_date_with_year_gives_date_and_year() -> None:
    for text, lang in [
        ("7 октября 1988 года", "ru"),
        ("October 7, 1988", "en"),
        ("2023-10-07", "en"),
        ("7.10.2023", "de"),
    ]:
        found = extract_quantities(text, lang)
        assert [q.kind for q in found] == ["date", "year"], text
        assert all(text[q.start : q.end] == q.surface for q in found)


def test_century_range() -> None:
    assert [(q.value, q.kind) for q in extract_quantities("XX–XXI вв.", "ru")] == [
        (20, "century"),
        (21, "century"),
    ]
    assert compare_quantities("XIX-XX веков", "ru", "19th and 20th centuries", "en") == []


def test_quantity_is_frozen() -> None:
    q = extract_quantities("70", "en")[0]
    assert q == Quantity(70.0, "number", 0, 2, "70")
    with pytest.raises(AttributeError):
        q.value = 1  # type: ignore[misc]


EQUAL = [
    ("40,000", "en", "40 тысяч", "ru"),
    ("около полутора миллионов", "ru", "about one and a half million", "en"),
    ("В тысяча девятьсот девяносто первом году.", "ru", "In 1991.", "en"),
    ("в девяносто первом году", "ru", "in 1991", "en"),
    ("الدورة الحادية عشرة", "ar", "the 11th session", "en"),
    ("في الذكرى الخامسة والسبعين", "ar", "on the 75th anniversary", "en"),
    ("40 тысяч", "ru", "٤٠ ألف", "ar"),
    ("٤٠ ألف", "ar", "4万", "zh"),
    ("4万", "zh", "40.000", "de"),
    ("40.000", "de", "40,000", "en"),
    ("about 40 thousand", "en", "40,000", "en"),
    ("about 40 thousand", "en", "40,300", "en"),
    ("1.5 million", "en", "1 500 000", "fr"),
    ("1.5 million", "en", "1,460,000", "en"),
    ("XX век", "ru", "20th century", "en"),
    ("XX века", "ru", "20. Jahrhundert", "de"),
    ("XXe siècle", "fr", "القرن العشرين", "ar"),
    ("20世纪", "zh", "the twentieth century", "en"),
    ("7 октября", "ru", "October 7", "en"),
    ("7 October", "en", "7. Oktober", "de"),
    ("7 octobre", "fr", "٧ أكتوبر", "ar"),
    ("10月7日", "zh", "7. október", "is"),
    ("7 октября 1988 года", "ru", "October 7, 1988", "en"),
    ("в 1988 году", "ru", "in 1988", "en"),
    ("около 700 тонн", "ru", "about 700 tonnes", "en"),
    ("1,5 млрд", "ru", "1.5 billion", "en"),
    ("$5bn", "en", "5 млрд долларов", "ru"),
    ("3,5 %", "ru", "3.5 percent", "en"),
    ("5%", "en", "5 процентов", "ru"),
    ("٥٪", "ar", "5 Prozent", "de"),
    ("5 percent", "en", "five", "en"),
    ("семьдесят пять", "ru", "seventy-five", "en"),
    ("quatre-vingt-dix", "fr", "90", "en"),
    ("soixante-douze", "fr", "72", "en"),
    ("fünfundsiebzig", "de", "75", "en"),
    ("خمسة وعشرون", "ar", "25", "en"),
    ("七十", "zh", "70", "en"),
    ("七百", "zh", "seven hundred", "en"),
    ("两年", "zh", "two years", "en"),
    ("tuttugu og fimm þúsund", "is", "25,000", "en"),
    ("полторы тысячи", "ru", "1,500", "en"),
    ("ст. 15", "ru", "Article 15", "en"),
    ("one of the world's", "en", "один из", "ru"),
    ("Das ist ein Haus", "de", "C'est une maison", "fr"),
    ("1. Введение", "ru", "Introduction", "en"),
    ("20th Congress", "en", "съезд", "ru"),
    ("COVID-19", "en", "COVID-19", "ru"),
    ("Путин встретился с Аббасом.", "ru", "Putin met Abbas.", "en"),
    ("В.Путин", "ru", "M. Abbas", "en"),
    # a day named by its ordinal, with "من" (of) and "شهر" (month); half a magnitude
    ("في الخامس عشر من أيار", "ar", "on May 15", "en"),
    ("في الحادي عشر من سبتمبر", "ar", "on September 11", "en"),
    ("في الأول من شهر تشرين الأول", "ar", "on 1 October", "en"),
    ("الاجتماع الأول", "ar", "the first meeting", "en"),
    ("نصف مليون لاجئ", "ar", "half a million refugees", "en"),
    ("نصف مليون لاجئ", "ar", "500,000 refugees", "en"),
    # duals: two million, two thousand; after a number the same form is "million(s)"
    ("أكثر من مليوني شخص", "ar", "more than two million people", "en"),
    ("مليونا شخص", "ar", "2 million people", "en"),
    ("ألفا شخص", "ar", "two thousand people", "en"),
    ("ثلاثون مليوناً", "ar", "thirty million", "en"),
    ("ملياري دولار", "ar", "$2 billion", "en"),
    # a century and a decade or hundred of it; a military time
    ("自19世纪初以来", "zh", "since the 1800s", "en"),
    ("Lata dwudzieste XX wieku", "pl", "the 1920s", "en"),
    ("в XIX веке", "ru", "in the 1800's", "en"),
    ("vers 12 h 00 GMT", "fr", "at about 1200 GMT", "en"),
    # a 1 before a counter is an article; a full-width league name is a label
    ("同僚船員１人も解放された", "ja", "a fellow sailor was released too", "en"),
    ("Ｊ３で１０試合８ゴール", "ja", "8 goals in 10 games in J3", "en"),
    # Czech in its cases, Portuguese with "e"
    ("o dva roky mladšího", "cs", "2 years younger", "en"),
    ("před třemi lety", "cs", "three years ago", "en"),
    ("pět set korun", "cs", "500 crowns", "en"),
    ("vyhrál první set", "cs", "he won the first set", "en"),
    ("vinte e cinco mil pessoas", "pt", "25,000 people", "en"),
    # ten, a hundred years in one word; a peak in the genitive
    ("seit hundert Jahren bekannt", "de", "connues depuis un siècle", "fr"),
    ("за последние десять лет", "ru", "over the last decade", "en"),
    ("des letzten Achttausenders", "de", "dernier « 8000 »", "fr"),
    ("3 Rupies ( Fr. 2.70 ) pro Tag", "de", "3 roupies ( 2 fr .  70 ) par jour", "fr"),
    ("seit zwei Wochen", "de", "depuis quinze jours", "fr"),
    ("dois milhões", "pt", "two million", "en"),
    # one measure in two units, converted by the translator or restated in brackets
    ("Город находится в 160 км от столицы.", "ru", "The town is 100 miles from the capital.", "en"),
    ("Мешок весил 5 кг.", "ru", "The bag weighed 11 pounds.", "en"),
    ("Температура достигла 38 °C.", "ru", "It reached 100 °F (38 °C).", "en"),
    ("距离160公里", "zh", "a distance of 100 miles (160 km)", "en"),
    ("etwa drei Schritt", "de", "environ 3 yards ( 2,75 m )", "fr"),
    ("gut 30 cm lang und 20 cm breit", "de", "12 pouces ( 305 mm ) sur 8 ( 203 mm )", "fr"),
    ("um 60 ft .  = 18,29 m", "de", "de 60 pieds ( 18,29 m )", "fr"),
    ("Er lief 10 km.", "de", "He ran 10 kilometres.", "en"),
    # one sum in one currency, however written
    ("Убыток составил 5 млрд долларов.", "ru", "The loss was $5 billion.", "en"),
    ("损失50亿美元", "zh", "a loss of 5 billion US dollars", "en"),
    ("¥500", "en", "500円", "ja"),
    ("1 млрд рублей ($15 млн)", "ru", "1 billion roubles ($15 million)", "en"),
    # a dozen, half a dozen
    ("He bought a dozen eggs.", "en", "Он купил 12 яиц.", "ru"),
    ("two dozen eggs", "en", "zwei Dutzend Eier", "de"),
    ("half a dozen eggs", "en", "полдюжины яиц", "ru"),
    ("A half-dozen objects", "en", "с полдюжины предметов", "ru"),
    # percentage points as percentage points
    ("выросла на 5 процентных пунктов", "ru", "rose by 5 percentage points", "en"),
    ("上升5个百分点", "zh", "up 5 percentage points", "en"),
    ("um vier Prozentpunkte", "de", "de quatre points de pourcentage", "fr"),
]


@pytest.mark.parametrize(("src", "src_lang", "tgt", "tgt_lang"), EQUAL)
def test_equal_quantities_give_no_mismatch(
    src: str, src_lang: str, tgt: str, tgt_lang: str
) -> None:
    assert compare_quantities(src, src_lang, tgt, tgt_lang) == []
    assert compare_quantities(tgt, tgt_lang, src, src_lang) == []


MISMATCHED = [
    # (src, src_lang, tgt, tgt_lang, src_surface, tgt_surface, detail)
    (
        "в девяносто первом году",
        "ru",
        "in 1992",
        "en",
        "девяносто первом",
        "1992",
        "91 vs 1992",
    ),
    (
        "около полутора миллионов",
        "ru",
        "about two and a half million",
        "en",
        "полутора миллионов",
        "two and a half million",
        "1,500,000 vs 2,500,000",
    ),
    ("Они сказали 70.", "ru", "They said 700.", "en", "70", "700", "70 vs 700"),
    ("seventy", "en", "семьсот", "ru", "seventy", "семьсот", "70 vs 700"),
    ("XIX век", "ru", "20th century", "en", "XIX век", "20th century", "century 19 vs century 20"),
    ("7 октября", "ru", "October 8", "en", "7 октября", "October 8", "Oct 7 vs Oct 8"),
    (
        "1,5 млрд",
        "ru",
        "15 billion",
        "en",
        "1,5 млрд",
        "15 billion",
        "1,500,000,000 vs 15,000,000,000",
    ),
    ("1,500", "en", "1,5", "ru", "1,500", "1,5", "1500 vs 1.5"),
    ("٧٠ ألف", "ar", "7千", "zh", "٧٠ ألف", "7千", "70,000 vs 7000"),
    ("полторы тысячи", "ru", "1,900", "en", "полторы тысячи", "1,900", "1500 vs 1900"),
    ("１人が死亡した。", "ja", "Two people died.", "en", "１", "Two", "1 vs 2"),
    ("o dva roky mladší", "cs", "3 years younger", "en", "dva", "3", "2 vs 3"),
    ("seit hundert Jahren", "de", "depuis deux siècles", "fr", "hundert", "deux", "100 vs 2"),
    (
        "seit drei Wochen",
        "de",
        "depuis quinze jours",
        "fr",
        "drei",
        "quinze",
        "3 Wochen vs 15 jours",
    ),
    ("trezentos e cinquenta", "pt", "530", "en", "trezentos e cinquenta", "530", "350 vs 530"),
    # the same sum in another currency
    (
        "Убыток составил 5 млрд долларов.",
        "ru",
        "The loss was €5 billion.",
        "en",
        "5 млрд",
        "5 billion",
        "5,000,000,000 долларов vs €5,000,000,000",
    ),
    ("Il a payé 300 £", "fr", "He paid $300", "en", "300", "300", "300 £ vs $300"),
    # a French "billion" is a trillion
    (
        "La dette atteint 2 billions d'euros.",
        "fr",
        "The debt reaches 2 billion euros.",
        "en",
        "2 billions",
        "2 billion",
        "2,000,000,000,000 vs 2,000,000,000",
    ),
    ("a dozen eggs", "en", "6 яиц", "ru", "dozen", "6", "12 vs 6"),
    # percentage points are no percentage
    (
        "выросла на 5 процентных пунктов",
        "ru",
        "rose by 5%",
        "en",
        "5",
        "5%",
        "5 процентных пунктов vs 5%",
    ),
    ("上升5个百分点", "zh", "up 5%", "en", "5", "5%", "5 个百分点 vs 5%"),
    # the same figure with another unit, a wrong conversion
    ("Er lief 10 km.", "de", "He ran 10 miles.", "en", "10", "10", "10 km vs 10 miles"),
    ("в 300 км от", "ru", "300 miles away", "en", "300", "300", "300 км vs 300 miles"),
    ("в 100 км от", "ru", "105 km away", "en", "100", "105", "100 vs 105"),
    ("в 300 км от", "ru", "100 miles away", "en", "300", "100", "300 км vs 100 miles"),
    ("500 acres of land", "en", "500 Hektar Land", "de", "500", "500", "500 acres vs 500 Hektar"),
    (
        "Мешок весил 5 кг.",
        "ru",
        "The bag weighed 5 pounds.",
        "en",
        "5",
        "5",
        "5 кг vs 5 pounds",
    ),
    (
        "في الخامس عشر من أيار",
        "ar",
        "on May 25",
        "en",
        "الخامس عشر من أيار",
        "May 25",
        "May 15 vs May 25",
    ),
]


@pytest.mark.parametrize(
    ("src", "src_lang", "tgt", "tgt_lang", "src_surface", "tgt_surface", "detail"),
    MISMATCHED,
)
def test_different_values_give_one_mismatch(
    src: str,
    src_lang: str,
    tgt: str,
    tgt_lang: str,
    src_surface: str,
    tgt_surface: str,
    detail: str,
) -> None:
    reasons = compare_quantities(src, src_lang, tgt, tgt_lang)
    assert len(reasons) == 1
    reason = reasons[0]
    assert reason["type"] == "number_mismatch"
    assert src[slice(*reason["src"])] == src_surface
    assert tgt[slice(*reason["tgt"])] == tgt_surface
    assert reason["detail"] == detail


def test_mismatch_values() -> None:
    (reason,) = compare_quantities("Они сказали 70.", "ru", "They said 700.", "en")
    assert reason["src"] == [12, 14] and reason["tgt"] == [10, 13]
    assert (reason["src_value"], reason["tgt_value"]) == (70, 700)


def test_missing_number_on_target() -> None:
    src = "Погибли 12 человек."
    (reason,) = compare_quantities(src, "ru", "People died.", "en")
    assert src[slice(*reason["src"])] == "12"
    assert reason["tgt"] is None and reason["tgt_value"] is None
    assert reason["detail"] == "12 has no counterpart"


def test_added_number_on_target() -> None:
    tgt = "About 700 people came."
    (reason,) = compare_quantities("Пришли люди.", "ru", tgt, "en")
    assert reason["src"] is None
    assert tgt[slice(*reason["tgt"])] == "700"
    assert reason["detail"] == "700 has no counterpart"


def test_date_does_not_match_a_plain_number() -> None:
    reasons = compare_quantities("7 октября", "ru", "7", "en")
    assert sorted(r["detail"] for r in reasons) == [
        "7 has no counterpart",
        "Oct 7 has no counterpart",
    ]


def test_number_word_one_only_ignored_when_unmatched() -> None:
    assert compare_quantities("один из них", "ru", "one of them", "en") == []
    assert compare_quantities("1 из них", "ru", "one of them", "en") == []
    (reason,) = compare_quantities("1 человек", "ru", "a person", "en")
    assert reason["detail"] == "1 has no counterpart"


def test_a_city_of_a_million_is_a_million() -> None:
    """MLQE-PE test20: "регионы-миллионники" are regions with a population over a million."""
    ru = "наибольшее увеличение придется на регионы-миллионники"
    en = "the largest increase will occur in the regions with a population over one million"
    assert compare_quantities(ru, "ru", en, "en") == []
    assert compare_quantities(en, "en", ru, "ru") == []
    (reason,) = compare_quantities(ru, "ru", "in regions of over two million", "en")
    assert reason["detail"] == "2,000,000 has no counterpart"


def test_no_numbers_on_either_side() -> None:
    assert (
        compare_quantities("Мы обсудили ситуацию.", "ru", "We discussed the situation.", "en") == []
    )


def test_arabic_weekdays_are_not_numbers() -> None:
    """الاثنين is Monday, not "the two"; الأحد is Sunday, not "the one"."""
    assert extract_quantities("صباح يوم الاثنين وصل الوزير", "ar") == []
    assert extract_quantities("وفي يوم الأحد والخميس", "ar") == []
    assert [q.value for q in extract_quantities("اثنين من الوزراء", "ar")] == [2.0]


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("这是十足的谎言。", "This is an utter lie."),
        ("我们讨论了一些问题。", "We discussed some issues."),
        ("他一直在等。", "He kept waiting."),
        ("万一下雨，我们就不去。", "In case it rains, we will not go."),
        (
            "天地万物都造齐了。",
            "Thus the heavens and the earth were finished, and all the host of them.",
        ),
        ("发火焰的剑四面转动。", "A flaming sword turned every way."),
        ("地上的万国都必因他得福。", "All the nations of the earth shall be blessed in him."),
        ("他们和百兽，各从其类。", "They, and every beast after his kind."),
        ("你千万要小心。", "Do be careful."),
    ],
)
def test_chinese_numerals_inside_words_are_no_numbers(zh: str, en: str) -> None:
    assert compare_quantities(zh, "zh", en, "en") == []


def test_a_numeral_before_those_words_is_still_read() -> None:
    assert [q.value for q in extract_quantities("他挣了两千万。", "zh")] == [20_000_000]
    assert compare_quantities("ten thousand nations", "en", "一万国", "zh") == []


def test_chinese_numbers_still_count() -> None:
    (reason,) = compare_quantities("他们派了十名医生。", "zh", "They sent twelve doctors.", "en")
    assert reason["detail"] == "10 vs 12"


@pytest.mark.parametrize(
    "en", ["We met on the Fourth of July.", "We met on July 4.", "We met on July the fourth."]
)
def test_dates_written_either_way_round(en: str) -> None:
    assert compare_quantities("我们在7月4日见面。", "zh", en, "en") == []
    assert compare_quantities(en, "en", "Мы встретились 4 июля.", "ru") == []
    (reason,) = compare_quantities("我们在7月5日见面。", "zh", en, "en")
    assert reason["detail"] == "Jul 5 vs Jul 4"


@pytest.mark.parametrize(
    ("ru", "en"),
    [
        ("Встреча состоится первого мая.", "The meeting is on the first of May."),
        ("Встреча состоится первого мая.", "The meeting is on May 1."),
        ("Мы празднуем Девятое мая.", "We celebrate the Ninth of May."),
        ("К двадцать третьему февраля всё было готово.", "By February 23 everything was ready."),
        ("Это случилось тридцать первого декабря.", "It happened on December 31."),
        ("Это случилось третьего марта.", "It happened on March 3."),
    ],
)
def test_russian_days_written_as_ordinal_words(ru: str, en: str) -> None:
    assert compare_quantities(ru, "ru", en, "en") == []
    assert compare_quantities(en, "en", ru, "ru") == []


def test_a_russian_ordinal_day_still_compares_and_needs_its_month_after() -> None:
    (reason,) = compare_quantities(
        "Это случилось третьего марта.", "ru", "It happened on March 4.", "en"
    )
    assert reason["detail"] == "Mar 3 vs Mar 4"
    # after the month, "первого" belongs to the next noun: "the first deputy prime minister"
    assert extract_quantities("В конце мая первого вице-премьера уволили.", "ru") == []


def test_a_month_without_a_day_is_no_number() -> None:
    assert compare_quantities("Мы встретились в марте.", "ru", "We met in March.", "en") == []


def test_small_number_words_without_a_partner_are_grammar() -> None:
    """ "the two main characters" -> "die beiden Hauptfiguren", "both" -> "二人"."""
    assert (
        compare_quantities(
            "The book describes how the two main characters inhale ether.",
            "en",
            "Das Buch beschreibt, wie die beiden Hauptfiguren Ether inhalieren.",
            "de",
        )
        == []
    )
    assert (
        compare_quantities("And they were both naked.", "en", "当时夫妻二人赤身露体。", "zh") == []
    )
    # a changed number word still pairs up, and a dropped figure is still reported
    (reason,) = compare_quantities("Они прислали три танка.", "ru", "They sent four tanks.", "en")
    assert reason["detail"] == "3 vs 4"
    (reason,) = compare_quantities("Они прислали 3 танка.", "ru", "They sent tanks.", "en")
    assert reason["detail"] == "3 has no counterpart"


def test_number_words_of_a_language_without_a_table_are_not_compared() -> None:
    """Romanian "trei" is not read, so English "Three" has nothing to match."""
    src = "Trei noi lagăre au fost construite în 1942."
    assert compare_quantities(src, "ro", "Three new camps were built in 1942.", "en") == []
    (reason,) = compare_quantities(src, "ro", "Three new camps were built in 1943.", "en")
    assert reason["detail"] == "1942 vs 1943"


def test_months_and_scales_of_languages_without_tables() -> None:
    """CLDR month names (babel) read "13 februarie"; an unread scale word is a factor 1000**k."""
    ro = "Pe 13 februarie 1862, 4 milioane de copii."
    assert compare_quantities(ro, "ro", "On 13 February 1862, 4 million children.", "en") == []
    reasons = compare_quantities(ro, "ro", "On 14 February 1862, 5 million children.", "en")
    assert sorted(r["detail"] for r in reasons) == ["4 vs 5,000,000", "Feb 13 vs Feb 14"]
    # between two read languages a factor of 1000 is an error
    (reason,) = compare_quantities("70 тонн", "ru", "70,000 tonnes", "en")
    assert reason["detail"] == "70 vs 70,000"


@pytest.mark.parametrize(
    ("src", "lang", "en"),
    [
        ("Teine voor toimub 2. detsembril.", "et", "The second round is on 2 December."),
        (
            "Se lanzó el 10 de octubre de 1958.",
            "es",
            "It was launched on the 10th of October 1958.",
        ),
    ],
)
def test_inflected_and_prepositional_dates(src: str, lang: str, en: str) -> None:
    assert compare_quantities(src, lang, en, "en") == []
    (reason,) = compare_quantities(
        src, lang, en.replace("10th", "11th").replace("2 D", "3 D"), "en"
    )
    assert reason["type"] == "number_mismatch" and " vs " in reason["detail"]


def test_devanagari_month_names_hold_together() -> None:
    """Vowel signs are part of a word: "जुन २३" is June 23 (CLDR Nepali month name)."""
    ne = "सो कार्यक्रम, जुन २३ मा, ३ घण्टे लामो श्रृङ्खला पछि बन्द गरिएको थियो।"
    assert (
        compare_quantities(ne, "ne", "The program, on June 23, closed after 3 hours.", "en") == []
    )
    (reason,) = compare_quantities(ne, "ne", "The program, on June 24, closed after 3 hours.", "en")
    assert reason["detail"] == "Jun 23 vs Jun 24"


# --------------------------------------------------------------------------- es, it, pl, hi


@pytest.mark.parametrize(
    ("text", "lang", "value", "kind"),
    [
        ("treinta y cinco", "es", 35, "number"),
        ("doscientas personas", "es", 200, "number"),
        ("tres mil millones de dólares", "es", 3e9, "number"),  # "mil millones" is a billion
        ("el 10 por ciento", "es", 10, "percent"),  # "ciento" is no 100 here
        ("el siglo XV", "es", 15, "century"),
        ("trentacinque", "it", 35, "number"),
        ("duecentomila", "it", 200000, "number"),
        ("milleduecento", "it", 1200, "number"),
        ("10 mila euro", "it", 10000, "number"),
        ("il 5 per cento", "it", 5, "percent"),
        ("nel Novecento", "it", 20, "century"),  # capitalised, a hundred names its century
        ("novecento persone", "it", 900, "number"),
        ("dwadzieścia pięć tysięcy", "pl", 25000, "number"),
        ("dwóch", "pl", 2, "number"),
        ("pięciu", "pl", 5, "number"),
        ("półtora miliona", "pl", 1.5e6, "number"),
        ("XX wieku", "pl", 20, "century"),
        ("5 procent", "pl", 5, "percent"),
        ("पाँच", "hi", 5, "number"),  # candrabindu, as पांच
        ("पच्चीस", "hi", 25, "number"),
        ("पांच लाख", "hi", 500000, "number"),
        ("दो हज़ार", "hi", 2000, "number"),  # nukta, as हजार
        ("5 हजार करोड़", "hi", 5e10, "number"),  # Indian scales stack
        ("डेढ़ लाख", "hi", 150000, "number"),
        ("10 प्रतिशत", "hi", 10, "percent"),
        ("8वीं सदी", "hi", 8, "century"),
        ("इक्कीसवीं सदी", "hi", 21, "century"),
    ],
)
def test_number_words_of_spanish_italian_polish_hindi(
    text: str, lang: str, value: float, kind: str
) -> None:
    found = extract_quantities(text, lang)
    assert [(q.value, q.kind) for q in found] == [(pytest.approx(value), kind)]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("miles de personas", "es"),  # "thousands of": vague
        ("tysiące ludzi", "pl"),
        ("हजारों लोग", "hi"),
        ("अरब देशों में", "hi"),  # "in Arab countries": अरब is a billion only after a number
    ],
)
def test_vague_and_lookalike_number_words(text: str, lang: str) -> None:
    assert [q for q in extract_quantities(text, lang) if q.value != 1] == []


@pytest.mark.parametrize(
    ("src", "lang", "en", "changed", "detail"),
    [
        (
            "Los cinco millones de habitantes de Noruega.",
            "es",
            "The five million inhabitants of Norway.",
            "The four million inhabitants of Norway.",
            "5,000,000 vs 4,000,000",
        ),
        (
            "Sei ostaggi sono stati liberati.",
            "it",
            "Six hostages were released.",
            "Seven hostages were released.",
            "6 vs 7",
        ),
        (
            "Trzech marynarzy popełniło samobójstwo.",
            "pl",
            "Three seamen committed suicide.",
            "Five seamen committed suicide.",
            "3 vs 5",
        ),
        (
            "उनके बीच में नौ बार संवाद हुआ था।",
            "hi",
            "They had conversations nine times.",
            "They had conversations seven times.",
            "9 vs 7",
        ),
        (
            "सरकार ने 1.5 लाख करोड़ रुपये खर्च किए।",
            "hi",
            "The government spent Rs 1.5 trillion.",
            "The government spent Rs 1.5 billion.",
            "1,500,000,000,000 vs 1,500,000,000",
        ),
        (
            "La historia de Taiwán data del siglo XV.",
            "es",
            "Taiwan's history dates back to the 15th century.",
            "Taiwan's history dates back to the 14th century.",
            "century 15 vs century 14",
        ),
    ],
)
def test_changed_number_words_are_caught(
    src: str, lang: str, en: str, changed: str, detail: str
) -> None:
    assert compare_quantities(src, lang, en, "en") == []
    (reason,) = compare_quantities(src, lang, changed, "en")
    assert reason["detail"] == detail


@pytest.mark.parametrize(
    ("src", "lang", "en"),
    [
        # "uno"/"una" are articles and pronouns as often as numbers
        (
            "Uno de los hijos y una hija viven allí.",
            "es",
            "One of the sons and a daughter live there.",
        ),
        ("Tu sei il migliore.", "it", "You are the best."),  # "sei" is also "you are"
        ("मुझे वह किताब दो।", "hi", "Give me that book."),  # "दो" is also "give!"
        ("El 10 por ciento votó.", "es", "Ten percent voted."),
        ("Pobiera 570 tys. zł.", "pl", "She gets PLN 570 thousand."),
        # month names still come from CLDR for languages with a number table
        ("Spotkanie odbyło się 10 października.", "pl", "The meeting was on October 10."),
    ],
)
def test_number_word_lookalikes_pass(src: str, lang: str, en: str) -> None:
    assert compare_quantities(src, lang, en, "en") == []


@pytest.mark.parametrize(
    ("de", "fr"),
    [
        # a telephone number grouped by twos on one side (Text+Berg)
        ("Telefon 031/433611, Telefax 031/446063", "téléphone 031/43 36 11, telefax 031/446063"),
        ("Telefon 039/26 7364", "téléphone 039/26 73 64"),
        # a year and its last two digits
        ("als Abschluss der Saison 1977", "pour finir la saison 77"),
        ("im Sommer 1968", "à l'été '68"),
    ],
)
def test_the_same_digits_written_another_way_match(de: str, fr: str) -> None:
    assert compare_quantities(de, "de", fr, "fr") == []


def test_regrouped_digits_and_short_years_still_catch_changes() -> None:
    assert compare_quantities("Telefon 433611", "de", "téléphone 43 36 12", "fr")
    assert compare_quantities("Saison 1977", "de", "saison 78", "fr")
    assert compare_quantities("70 Tonnen", "de", "7 0 tonnes", "fr")  # too short to regroup


@pytest.mark.parametrize(
    ("ru", "en"),
    [
        # a half after a number, spelled either way (MLQE-PE ru-en test20)
        ("Через 2,5 года горельеф не восстановлен", "Two and a half years later"),
        ("два с половиной года", "2.5 years"),
        ("полтора года", "one and a half years"),
        # an ordinal unit after a spelled-out ten, and "20го" without its hyphen
        ("вот уже двадцать девятый год", "for twenty nine years"),
        ("Начало 20го века.", "The beginning of the 20th century."),
    ],
)
def test_halves_and_russian_ordinals_match(ru: str, en: str) -> None:
    assert compare_quantities(ru, "ru", en, "en") == []


def test_halves_and_russian_ordinals_still_catch_changes() -> None:
    assert compare_quantities("два с половиной года", "ru", "two years", "en")
    assert compare_quantities("вот уже двадцать девятый год", "ru", "for twenty years", "en")
    assert compare_quantities("Начало 20го века.", "ru", "the 19th century", "en")


@pytest.mark.parametrize(
    ("de", "fr"),
    [
        # times of day written the German and the French way (Text+Berg test)
        ("es ist 4.45 Uhr morgens", "il est 4 h 45 du matin"),
        ("um 20.30 Uhr steigt der Vollmond", "à 20 h 30 la pleine lune se lève"),
        ("um halb fünf talwärts", "à 4 heures et demie"),
        ("um 14:30 Uhr", "à 14h30"),
        # an approximate French numeral, a German decade and a multiple
        ("etwa dreissig Sicherungspunkte", "une trentaine de points"),
        ("in den dreissiger Jahren", "dans les années trente"),
        ("hundertfach erlebt", "vécu cent fois"),
        # a peak of so many metres
        ("die vier pakistanischen Achttausender", "les quatre « 8000 » pakistanais"),
    ],
)
def test_times_decades_and_approximations_match(de: str, fr: str) -> None:
    assert compare_quantities(de, "de", fr, "fr") == []


def test_vulgar_fractions_and_labelled_roman_numerals_are_numbers() -> None:
    """Text+Berg test: "1 ½ m" is "1,50 m", "Lager 3" is "le camp III"."""
    assert compare_quantities("etwa 1 ½ m tief", "de", "profonde de 1,50 m", "fr") == []
    assert [q.value for q in extract_quantities("2½ Stunden, ½ Liter", "de")] == [2.5, 0.5]
    assert (
        compare_quantities("zwischen Camp 2 und 3", "de", "entre le camp II et le camp III", "fr")
        == []
    )
    assert compare_quantities("Endlich Lager 4!", "de", "Enfin le camp IV.", "fr") == []
    assert compare_quantities("Bd. XI", "de", "Bd. 11", "fr") == []
    assert [r["detail"] for r in compare_quantities("Lager 4", "de", "le camp V", "fr")] == [
        "4 vs 5"
    ]
    assert compare_quantities("etwa 1 ½ m tief", "de", "profonde de 2,50 m", "fr")
    # a Roman numeral with no numbered noun before it is left alone: "I" is a pronoun;
    # after a name, "Louis XIV" is a regnal ordinal (路易十四), which alone says nothing
    assert extract_quantities("I went to the camp.", "en") == []
    assert [(q.value, q.kind) for q in extract_quantities("Louis XIV", "en")] == [(14, "ordinal")]


@pytest.mark.parametrize(
    ("src", "lang", "good", "bad", "detail"),
    [
        # Russian numbers congresses, games and convocations in Roman capitals before the
        # noun, and in ordinal words past ten; French writes the ordinal's ending
        (
            "Решение было принято на XX съезде партии.",
            "ru",
            "The decision was taken at the 20th Party Congress.",
            "The decision was taken at the 22nd Party Congress.",
            "20 vs 22",
        ),
        (
            "XXII зимние Олимпийские игры прошли в Сочи.",
            "ru",
            "The 22nd Winter Olympic Games were held in Sochi.",
            "The 23rd Winter Olympic Games were held in Sochi.",
            "22 vs 23",
        ),
        (
            "Решение было принято на двадцатом съезде партии.",
            "ru",
            "The decision was taken at the 20th Party Congress.",
            "The decision was taken at the 22nd Party Congress.",
            "20 vs 22",
        ),
        (
            "Мы отмечаем пятидесятую годовщину договора.",
            "ru",
            "We mark the fiftieth anniversary of the treaty.",
            "We mark the sixtieth anniversary of the treaty.",
            "50 vs 60",
        ),
        (
            "Le XXe congrès du parti a eu lieu à Moscou.",
            "fr",
            "The 20th Party Congress was held in Moscow.",
            "The 22nd Party Congress was held in Moscow.",
            "20 vs 22",
        ),
        (
            "La Ve République est née en 1958.",
            "fr",
            "The Fifth Republic was born in 1958.",
            "The Fourth Republic was born in 1958.",
            "5 vs 4",
        ),
        # Arabic ordinals past ten: unit + "عشر(ة)", unit + "و" + the tens, either gender
        (
            "عقدت الدورة الحادية عشرة للمؤتمر في جنيف.",
            "ar",
            "The 11th session of the conference was held in Geneva.",
            "The 10th session of the conference was held in Geneva.",
            "11 vs 10",
        ),
        (
            "عقد المؤتمر الثاني والعشرين للحزب في موسكو.",
            "ar",
            "The 22nd Party Congress was held in Moscow.",
            "The 20th Party Congress was held in Moscow.",
            "22 vs 20",
        ),
        (
            "احتفلنا بالذكرى الخامسة والسبعين للنصر.",
            "ar",
            "We celebrated the 75th anniversary of the victory.",
            "We celebrated the 70th anniversary of the victory.",
            "75 vs 70",
        ),
    ],
)
def test_ordinals_before_their_noun_in_roman_capitals_or_words_past_ten(
    src: str, lang: str, good: str, bad: str, detail: str
) -> None:
    """ "XX съезд" → "the 22nd Congress" passed: a Roman numeral was read only after a
    name or a numbered noun, and Russian ordinal words only up to the tenth."""
    assert compare_quantities(src, lang, good, "en") == []
    assert [r["detail"] for r in compare_quantities(src, lang, bad, "en")] == [detail]


def test_a_leading_roman_numeral_or_ordinal_word_alone_says_nothing() -> None:
    """An ordinal left unmatched says nothing (the translation may drop it; "IV" may be
    an abbreviation), and a decade word stays a decade, a day of the month a date."""
    assert compare_quantities("на XX съезде", "ru", "at the Party Congress", "en") == []
    assert [(q.value, q.kind) for q in extract_quantities("в девяностых годах", "ru")] == [
        (90, "number")
    ]
    assert compare_quantities("в девяностые годы", "ru", "in the 1990s", "en") == []
    assert [q.kind for q in extract_quantities("двадцатого мая", "ru")] == ["date"]
    assert (
        compare_quantities("He was put on an IV drip.", "en", "Ему поставили капельницу.", "ru")
        == []
    )


def test_a_number_against_an_ordinal_names_both() -> None:
    """An Arabic ordinal of the tens is its cardinal ("العشرين", 20th or twenty), so against
    "the 22nd" a number meets an ordinal: the reason names both, not "20 has no counterpart"."""
    reasons = compare_quantities(
        "عقد المؤتمر العشرين للحزب في موسكو.", "ar", "The 22nd Party Congress was held.", "en"
    )
    named = [(r["detail"], r["src_value"], r["tgt_value"]) for r in reasons]
    assert named == [("20 vs 22", 20, 22)]
    assert compare_quantities("المؤتمر العشرين", "ar", "the 20th Congress", "en") == []
    # a number alone still has no counterpart, and an ordinal alone still says nothing
    assert [r["detail"] for r in compare_quantities("20 человек", "ru", "people", "en")] == [
        "20 has no counterpart"
    ]
    assert compare_quantities("الاجتماع الخامس", "ar", "the meeting", "en") == []
    # an ordinal of another size names nothing the number became (Text+Berg dev)
    de = "Dasselbe gilt für den fünfthöchsten Berg der Erde, den Makalu (8481 m)."
    fr = "Il en est de même pour le Makalu, la cinquième des montagnes du globe."
    assert [r["detail"] for r in compare_quantities(de, "de", fr, "fr")] == [
        "8481 has no counterpart"
    ]


def test_biblical_numerals_and_chinese_words_holding_numerals() -> None:
    """Bible 001 en-zh: "threescore", "fourscore"; 百姓 "the people", 利百加 "Rebekah"."""
    assert [q.value for q in extract_quantities("an hundred threescore and fifteen", "en")] == [175]
    assert (
        compare_quantities("Abram was fourscore and six years old", "en", "亚伯兰年八十六岁", "zh")
        == []
    )
    assert compare_quantities("threescore and ten", "en", "七十", "zh") == []
    assert compare_quantities("threescore and ten", "en", "八十", "zh")
    assert extract_quantities("利百加对百姓说，百夫长和千夫长都来了。", "zh") == []
    assert [q.value for q in extract_quantities("利百加有三个百姓。", "zh")] == [3]


def test_estonian_and_sinhala_centuries_and_sinhala_months() -> None:
    """MLQE-PE et-en and si-en: "12. ja 14. sajandi", "19වන සියවසේ", "අප්‍රේල් 29 දින"."""
    en = "between the 12th and 14th centuries"
    assert compare_quantities("12. ja 14. sajandi vahel", "et", en, "en") == []
    assert compare_quantities("19වන සියවසේ අවසානය", "si", "the end of the 19th century", "en") == []
    si = "අප්\u200dරේල් 29 දින යටත් වූ අතර මැයි 7 වෙනිදා"
    assert compare_quantities(si, "si", "on 29 April and on 7 May", "en") == []
    assert compare_quantities(si, "si", "on 29 April and on 8 May", "en")
    assert compare_quantities("17. sajandil", "et", "in the 18th century", "en")


def test_a_changed_time_is_caught() -> None:
    reasons = compare_quantities("um 4.45 Uhr", "de", "à 5 h 45", "fr")
    assert [r["detail"] for r in reasons] == ["4:45 vs 5:45"]
    assert compare_quantities("um halb fünf", "de", "à 5 heures et demie", "fr")
    assert compare_quantities("in den dreissiger Jahren", "de", "dans les années quarante", "fr")
    assert compare_quantities("die vier Achttausender", "de", "les quatre « 7000 »", "fr")


def test_an_english_ordinal_scale_ends_the_number() -> None:
    """ "the two hundredth anniversary" is 200, not 2 (Bible 001: "the six hundredth year")."""
    assert [q.value for q in extract_quantities("the two hundredth anniversary", "en")] == [200]
    assert compare_quantities("the two hundredth anniversary", "en", "200-летие", "ru") == []
    assert compare_quantities("In the six hundredth year", "en", "当挪亚六百岁", "zh") == []
    assert compare_quantities("the two hundredth anniversary", "en", "300-летие", "ru")
    assert extract_quantities("for the hundredth time", "en") == []  # no number before it


def test_tokenised_chinese_keeps_digits_and_their_scale_together() -> None:
    """MLQE-PE en-zh writes "50 万" and "2.04 亿": a bare 万 / 亿 after digits multiplies them."""
    assert [q.value for q in extract_quantities("约有 50 万头鲑鱼", "zh")] == [500_000]
    assert compare_quantities("US$204 million", "en", "2.04 亿美元", "zh") == []
    assert compare_quantities("about 600,000 salmon", "en", "约有 50 万头鲑鱼", "zh")
    assert [q.value for q in extract_quantities("他有 3 个孩子", "zh")] == [3]


def test_english_ordinals_are_read_but_never_reported_alone() -> None:
    """ "first, second and last" holds ordinals that nothing on the other side needs to
    answer; "the thirteenth year" is what 十三年 counts."""
    found = extract_quantities("first, second and last", "en")
    assert [(q.value, q.kind) for q in found] == [(1, "ordinal"), (2, "ordinal")]
    assert compare_quantities("first, second and last", "en", "erstens und zuletzt", "de") == []
    assert (
        compare_quantities(
            "Twelve years they served him, and in the thirteenth year they rebelled.",
            "en",
            "他们已经事奉他十二年，到十三年就背叛了。",
            "zh",
        )
        == []
    )
    # the ordinal left unanswered names what the number became
    changed = compare_quantities("in the thirteenth year", "en", "到十四年", "zh")
    assert [r["detail"] for r in changed] == ["13 vs 14"]


def test_a_date_matches_its_month_and_day_written_as_numbers() -> None:
    src = "in the second month, on the seven and twentieth day of the month"
    assert compare_quantities(src, "en", "到了二月二十七日", "zh") == []
    assert [r["detail"] for r in compare_quantities(src, "en", "到了二月二十八日", "zh")] == [
        "Feb 28 has no counterpart"
    ]


def test_a_value_repeated_on_one_side_is_one_value() -> None:
    assert compare_quantities("forty days and forty nights", "en", "四十昼夜", "zh") == []
    assert compare_quantities("an hundredfold, sevenfold", "en", "百倍，七倍", "zh") == []
    # a changed value still pairs up, repeated or not
    assert [
        r["detail"]
        for r in compare_quantities("40 days and 40 nights", "en", "40 Tage und 50 Nächte", "de")
    ] == ["40 vs 50"]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("zwanzigsten dreissigste hundertste tausendsten", "de", [20, 30, 100, 1000]),
        ("zweite vierten dreizehnte neunzehnten", "de", [2, 4, 13, 19]),
        ("erste dritte siebte siebente achte", "de", [1, 3, 7, 7, 8]),
        ("einundzwanzigste hundertunderste", "de", [21, 101]),
        ("deuxième troisième cinquième neuvième vingtième centième", "fr", [2, 3, 5, 9, 20, 100]),
        ("cent unième, vingt et unième, trente-deuxième", "fr", [101, 21, 32]),
        ("dix-septième, quatre-vingtième", "fr", [17, 80]),
    ],
)
def test_german_and_french_ordinal_words(text: str, lang: str, expected: list[int]) -> None:
    found = extract_quantities(text, lang)
    assert [(q.value, q.kind) for q in found] == [(v, "ordinal") for v in expected]


def test_words_ending_like_ordinals_are_no_numbers() -> None:
    """An ordinal stem must be a whole cardinal: "be-st-e" is no "zwanzig-st-e"."""
    assert extract_quantities("die beste Gerste, die Geste, die Weste", "de") == []
    assert extract_quantities("Hunderte und Tausende, einte, Denkmal, manchmal", "de") == []


def test_german_multiplicatives_and_ordinal_centuries() -> None:
    assert [q.value for q in extract_quantities("zwanzigmal, dreimal, hundertmal", "de")] == [
        20,
        3,
        100,
    ]
    assert compare_quantities("im sechzehnten Jahrhundert", "de", "au XVIe siècle", "fr") == []
    assert compare_quantities("im zwanzigsten Jahrhundert", "de", "au XXe siècle", "fr") == []
    assert compare_quantities("im sechzehnten Jahrhundert", "de", "au XVIIe siècle", "fr")


def test_ocr_letter_o_inside_digits_is_zero() -> None:
    """Text+Berg OCR: "1OOjäh-rigen" is "100jährigen"; the span still indexes the text."""
    text = "zum 1OOjäh-rigen Bestehen (1O )"
    found = extract_quantities(text, "de")
    assert [q.value for q in found] == [100, 10]
    assert [text[q.start : q.end] for q in found] == ["1OO", "1O"]
    assert [q.value for q in extract_quantities("2Ost H2O", "de")] == [2]


@pytest.mark.parametrize(
    ("de", "fr"),
    [
        # ordinal words (Text+Berg)
        ("lange nach dem dreissigsten Lebensjahr", "la trentaine largement passée"),
        ("Die hundertunderste der schönsten Touren", "La cent unième plus belle course"),
        # a multiplicative
        ("mehr als zwanzigmal den Grépon", "plus de vingt fois le Grépon"),
        # an OCR'd zero
        ("zum 1OOjäh-rigen Bestehen des SAC", "lors du 100e anniversaire du CAS"),
        # a French title left in French
        (
            "dank der ausschliesslichen Lektüre der Cent plus belles courses des Alpes valaisannes",
            "par la lecture exclusive des Cent plus belles courses des Alpes valaisannes",
        ),
        # belays numbered R5, R7; "K 2" is "K2"
        ("dass wir an Stand 5 und Stand 7", "Signalons qu'à R5 et R7"),
        ("Die Aussicht vom K2 über Broad Peak", "La vue du K 2 sur le Broad Peak"),
        # a duration, and a time written "20 h. 30"
        ("Aufstieg zur Hütte in 1 Std. 30 Min.", "montée au refuge en 1 h 30."),
        ("Um 20.30 Uhr waren sie am Fuss", "A 20 h. 30 ils étaient au pied"),
        ("um 20.00 Uhr", "à 20 heures"),
        # "a thousand" for "countless"
        (
            "die zahllose Male das weisse Spitzchen in meinen Gedanken gemalt hat",
            "qui, mille fois, m'a fait imaginer la petite pointe",
        ),
        ("unzähligen Windungen", "mille virages"),
        ("unzählige Male", "cent fois"),
        # a Roman numeral standing alone (Text+Berg dev)
        (
            "wo meine Expedition 1934 ihr Hauptlager ( Camp 4 ) gehabt hatte",
            "où mon expédition de 1934 avait eu son camp principal ( IV )",
        ),
        # a day of the month whose month the sentences before name (Text+Berg dev)
        (
            "Am 3. Juli kamen Larch und Reinagl nach Lager II",
            "Le 3 , Larch et Reinagl montent à leur tour au camp II",
        ),
        # OCR's "1'" for the article "l'"
        (
            "Auf Verlangen des Verbindungsoffiziers",
            "A la demande de 1' officier de liaison",
        ),
        ("dass « human interest » nicht übertrieben werden sollte", "exagérer 1'«Human Interest»"),
    ],
)
def test_numbers_answered_in_other_words_match(de: str, fr: str) -> None:
    assert compare_quantities(de, "de", fr, "fr") == []
    assert compare_quantities(fr, "fr", de, "de") == []


@pytest.mark.parametrize(
    ("de", "fr", "details"),
    [
        ("20 Meter", "200 mètres", ["20 vs 200"]),
        ("an Stand 5", "à R6", ["5 has no counterpart"]),
        ("Die hundertste der schönsten Touren", "La 101e plus belle course", ["100 vs 101"]),
        ("unzählige Windungen", "1000 virages", ["1000 has no counterpart"]),
        ("1000 Windungen", "des virages", ["1000 has no counterpart"]),
        ("unzählige Windungen", "trois mille virages", ["3000 has no counterpart"]),
        ("mehr als zwanzigmal", "plus de trente fois", ["20 vs 30"]),
        ("der Cent plus belles courses", "des Deux Cents plus belles courses", None),
        ("in 1 Std. 30 Min.", "en 1 h 40.", None),
        ("zum 1OOjährigen Bestehen", "lors du 200e anniversaire", None),
        # a Roman numeral answers only its own value, and not one both sides copy
        ("im Lager ( Camp 4 )", "au camp principal ( VI )", ["4 has no counterpart"]),
        ("Gasherbrum II mit 4 Trägern", "le Gasherbrum II avec des porteurs", None),
        # a day alone answers only its own day, and only after the article of a day
        ("Am 3. Juli kamen sie", "Le 4 , ils montent", None),
        ("Am 3. Juli kamen sie", "Ils sont 3 à monter", None),
        # "1'" before a digit is a minute or a foot, not OCR
        ("eine Minute", "1' 30 de plus", None),
    ],
)
def test_changed_numbers_still_caught_both_ways(
    de: str, fr: str, details: list[str] | None
) -> None:
    forward = compare_quantities(de, "de", fr, "fr")
    backward = compare_quantities(fr, "fr", de, "de")
    assert forward and backward
    if details is not None:
        assert [r["detail"] for r in forward] == details


def test_lone_ordinals_and_list_markers_are_not_reported() -> None:
    """An ordinal with no ordinal to answer it says nothing, nor does a list marker."""
    assert compare_quantities("die zweite Seilschaft", "de", "la cordée suivante", "fr") == []
    assert compare_quantities("21. Nördlich des Mustagh Ata", "de", "18. Au nord", "fr") == []
    assert compare_quantities("zum ersten Mal", "de", "la 2e fois", "fr") == []


def test_countless_needs_a_free_word_and_a_spelled_round_number() -> None:
    # "тысячный" (thousandth) is no "thousands"; "две тысячи" is a number, not a plural
    assert compare_quantities("тысячный подписчик", "ru", "a thousand subscribers", "en")
    assert compare_quantities("две тысячи лет назад", "ru", "a thousand years ago", "en")
    assert compare_quantities("пару тысяч лет", "ru", "a couple of thousand years", "en") == []
    assert compare_quantities("maintenant", "fr", "hundert Mal", "de")


def test_icelandic_nouns_that_name_a_figure() -> None:
    """A die's face, a card: "ég þarf að fá sexu" is "come on, 6" (ParIce subtitles)."""
    assert (
        compare_quantities(
            "Come on, 6. I've been waiting all night.", "en", "Ég þarf að fá sexu.", "is"
        )
        == []
    )
    assert compare_quantities("He played a three.", "en", "Hann spilaði út þristi.", "is") == []
    reasons = compare_quantities("Come on, 5.", "en", "Ég þarf að fá sexu.", "is")
    assert [r["detail"] for r in reasons] == ["5 vs 6"]


def test_a_scanned_pages_number_on_its_rule_is_no_quantity() -> None:
    """OCR of a printed page: the page number and its rule run into the sentence."""
    src = "Er leuchtet direkt in unsere Höhle, und es fällt sein 42__________ mildes Licht."
    assert compare_quantities(src, "de", "Elle éclaire notre abri d'une douce lumière.", "fr") == []
    reasons = compare_quantities("Er zahlte 42 Franken.", "de", "Il paya 43 francs.", "fr")
    assert [r["detail"] for r in reasons] == ["42 vs 43"]


# DEMETR clean MT, each read faithfully: (source, language, English)
CLEAN_MT = [
    # a time with ":00" is its bare hour; 12-hour times with pm / a.m.
    ("Le groupe d’étude a présenté son rapport à 12 h GMT.", "fr", "at 12:00 GMT."),
    ("截至7月25日24时，现有确诊病例135例。", "zh", "As of 24:00 on July 25, 135 cases."),
    ("domare il fuoco alle 23:35.", "it", "put out the fire at 11:35 pm."),
    ("L'inizio è stato alle 20:30 locali (15:00 UTC).", "it", "at 8:30 p.m. (15.00 UTC)."),
    ("um ca. 14 Uhr am 4. Juni 1782", "de", "at about 2 p.m. on June 4, 1782"),
    ("kell 15.00, kuid", "et", "at 3 p.m. in local time"),
    ("в 14 : 00 врачи", "ru", "at 2 p.m. , doctors"),
    ("グリニッジ標準時12:00頃に", "ja", "at approximately 12:00 GMT"),
    # Chinese and Japanese clock times: 点半 :30, 下午 pm, 午前0時 is midnight
    ("7月26日上午9点半，记者看到", "zh", "At 9:30 a.m. on July 26, the reporter saw"),
    ("下午3点一刻开会", "zh", "The meeting is at 3:15 pm"),
    ("8月6日午前0時から48時間実施する", "ja", "for 48 hours from midnight on August 6th"),
    # a Chinese day without its 日 before the next one; a day sharing its month
    ("7月17和7月22日，下达资金", "zh", "On July 17 and July 22, issued funds"),
    ("7月17和7月22日，下达资金", "zh", "On July 17 and 22, issued funds"),
    ("с 18 по 24 июля", "ru", "from July 18 to 24"),
    # a bare magnitude is vague
    ("Plusieurs millions de flacons de vaccin", "fr", "Several million vials of vaccine"),
    # digits hyphened into a compound
    ("sagte Formel-1-Boss Chase Carey.", "de", "said Formula 1 boss Chase Carey."),
    ("zu einem Kategorie-3-Taifun", "de", "to a Category 3 typhoon"),
    # a German ordinal day, English decades
    ("Am ersten November kämpfen sie", "de", "On November 1st, they will fight"),
    ("市内の３０代の男性", "ja", "a man in his thirties"),
    ("５０代と６０代の男性", "ja", "one in his fifties, and one in his sixties"),
]


@pytest.mark.parametrize(("src", "lang", "en"), CLEAN_MT)
def test_faithful_times_dates_and_magnitudes_match(src: str, lang: str, en: str) -> None:
    assert compare_quantities(src, lang, en, "en") == []


# the same, each with one real change: (source, language, English, expected details)
CHANGED_MT = [
    ("à 12 h GMT", "fr", "at 12:30 GMT", ["12 has no counterpart", "12:30 has no counterpart"]),
    ("alle 23:35.", "it", "at 11:35 am.", ["23:35 vs 11:35"]),
    ("alle 23:35.", "it", "at 11:45 pm.", ["23:35 vs 23:45"]),
    ("上午9点半", "zh", "at 9:15 a.m.", ["9:30 vs 9:15"]),
    ("下午3点半", "zh", "at 3:30 a.m.", ["15:30 vs 3:30"]),
    ("7月17和7月22日", "zh", "On July 18 and July 22", ["Jul 17 vs Jul 18"]),
    (
        "7月17和7月22日",
        "zh",
        "On July 17 and 23",
        ["23 has no counterpart", "Jul 22 has no counterpart"],
    ),
    ("sagte Formel-1-Boss", "de", "said Formula 2 boss", ["2 has no counterpart"]),
    ("Am ersten November", "de", "On November 10th", ["Nov 1 vs Nov 10"]),
    ("３０代の男性", "ja", "a man in his forties", ["30 vs 40"]),
    ("8月6日午前0時から", "ja", "from noon on August 6th", ["0:00 has no counterpart"]),
    ("Plusieurs millions de flacons", "fr", "two million vials", ["2,000,000 has no counterpart"]),
    ("数百万人", "zh", "several thousand people", ["1,000,000 vs 1000"]),
]


@pytest.mark.parametrize(("src", "lang", "en", "details"), CHANGED_MT)
def test_changed_times_dates_and_magnitudes_are_caught(
    src: str, lang: str, en: str, details: list[str]
) -> None:
    assert [r["detail"] for r in compare_quantities(src, lang, en, "en")] == details


def test_clock_readings_and_their_limits() -> None:
    """ "12:00" is one time, "3 pm" a time, but "48時間" is hours, "三点" may be points,
    "rulers of fifties" no decade and a lone "midnight" or "million" is never reported."""
    assert [(q.value, q.kind) for q in extract_quantities("at 12:00:00", "en")] == [(720, "time")]
    assert [q.value for q in extract_quantities("at 3 pm, 12 am, 12 noon", "en")] == [900, 0, 720]
    assert [q.kind for q in extract_quantities("48時間", "ja")] == ["number"]
    assert [q.kind for q in extract_quantities("三点意见", "zh")] == ["number"]
    assert extract_quantities("rulers of fifties", "en") == []
    assert compare_quantities("um Mitternacht", "de", "at midnight", "en") == []
    assert compare_quantities("Millionen Menschen", "de", "a million people", "en")
    assert compare_quantities("des millions de gens", "fr", "million people", "en") == []
    # a time's hour may be said on the 12-hour clock, but not the other way round
    assert compare_quantities("下午3点", "zh", "at 3 pm", "en") == []
    assert compare_quantities("um 15 Uhr", "de", "at 3:00", "en")


# MLQE-PE machine translations raters scored 90+: the same quantities, written otherwise
FAITHFUL_TRAIN = [
    # a German day with its dot and a short month name
    ("10 Nov 1947 accedes to India 24 Feb 1948.", "en",
     "10. Nov 1947 Beitritt 24. Feb 1948.", "de"),
    # an ordinal word before a noun ranks the noun: no November 1
    ("In November the first professional personnel arrived.", "en",
     "Im November kam das erste Fachpersonal.", "de"),
    # a short month name with a case ending, after a day: Estonian "mail", Nepali "जूनको"
    ("Ta kohtus 24. mail 2002 patriarhiga.", "et", "On 24 May 2002 he met the patriarch.", "en"),
    ("सन् १९४४ मे ६ मा रिहा गरियो ।", "ne", "he was released on 1944 May 6.", "en"),
    ("बिलबोर्ड २००मा १५ जूनको हप्तामा", "ne", "on the week of 15 June on the billboard 200", "en"),
    # Romanian puts the century word first; "6 centuries" counts them
    ("la începutul secolului XX.", "ro", "at the beginning of the 20th century.", "en"),
    ("În secolele XIX și XX", "ro", "In the 19th and 20th centuries", "en"),
    ("ale secolului 19.", "ro", "of the 19th century.", "en"),
    ("pe mai mult de 6 secole.", "ro", "over more than 6 centuries.", "en"),
    ("16වන සියවසෙහි අගභාගයෙහිදී", "si", "At the end of the sixteenth century", "en"),
    ("In the mid-1970s and the mid-11th century", "en",
     "Mitte der 1970er und Mitte des 11. Jahrhunderts", "de"),
    ("In the 1950s, he pioneered it.", "en", "20 世纪 50 年代 ， 他开创了它。", "zh"),
    ("a door or shutter, Encyclopedia, Bermuda, lily", "en",
     "门或百叶窗 ， 百科全书 ， 百慕大 ， 百合", "zh"),
    # tokenised thousands: "3, 000 多万" is over 30 million
    ("over 30 million migrated, about 100,000 immigrated", "en",
     "3, 000 多万人移居 ， 约有 100, 000 人移民", "zh"),
    ("६४५,५७६ र ६४९,६२१ टेस्लाले", "ne", "645, 576 and 649, 621 Tesla", "en"),
    ("kell 11.00 alanud üritusel", "et", "at 11: 00 at the event", "en"),
    # a figure copied verbatim keeps its value, whichever way the language reads it
    ("a density of 3.749 g/cm³ at −153.415 °C", "en",
     "eine Dichte von 3.749 g / cm ³ bei − 153.415 ° C", "de"),
    # "one of" is an article, and rounds no 1.3
    ("1,3 miljoni elanikuga on Eesti üks väiksemaid", "et",
     "With 1.3 million inhabitants, Estonia is one of the smallest", "en"),
]  # fmt: skip


@pytest.mark.parametrize(("src", "src_lang", "tgt", "tgt_lang"), FAITHFUL_TRAIN)
def test_faithful_train_translations_match(
    src: str, src_lang: str, tgt: str, tgt_lang: str
) -> None:
    assert compare_quantities(src, src_lang, tgt, tgt_lang) == []


CHANGED_TRAIN = [
    ("10 Nov 1947", "en", "11. Nov 1947", "de", ["Nov 10 vs Nov 11"]),
    ("In November the first personnel arrived.", "en", "Am 1. November kam das Personal.", "de",
     ["Nov 1 has no counterpart"]),
    ("Ta kohtus 24. mail 2002.", "et", "On 24 March 2002 he met.", "en", ["May 24 vs Mar 24"]),
    ("सन् १९४४ मे ६ मा", "ne", "on 1944 June 6.", "en", ["May 6 vs Jun 6"]),
    ("În secolul IX a construit palatul.", "ro", "In the 19th century he built the palace.", "en",
     ["century 9 vs century 19"]),
    ("pe mai mult de 6 secole.", "ro", "over the 6th century.", "en",
     ["6 has no counterpart", "century 6 has no counterpart"]),
    ("In the 1950s", "en", "20 世纪 60 年代", "zh", ["1950 vs 1960"]),
    ("over 30 million Europeans", "en", "3, 000 多人", "zh", ["30,000,000 vs 3000"]),
    ("६४५,५७६ र", "ne", "645, 577 and", "en", ["645,576 vs 645", "577 has no counterpart"]),
    ("a density of 3.749 g/cm³", "en", "eine Dichte von 3.748 g / cm ³", "de", ["3.749 vs 3748"]),
    ("at 11:00", "en", "um 10: 00", "de", ["11:00 vs 10:00"]),
    # inches read as a time, and a day dropped: real changes the raters missed
    ("peaking at 10.15 in in the barrio", "en", "Höhepunkt um 10.15 Uhr im Barrio", "de",
     ["10.15 has no counterpart", "10:15 has no counterpart"]),
    ("late on March 23, on the island", "en", "Ende März auf der Insel", "de",
     ["Mar 23 has no counterpart"]),
]  # fmt: skip


@pytest.mark.parametrize(("src", "src_lang", "tgt", "tgt_lang", "details"), CHANGED_TRAIN)
def test_changed_train_translations_are_caught(
    src: str, src_lang: str, tgt: str, tgt_lang: str, details: list[str]
) -> None:
    assert [r["detail"] for r in compare_quantities(src, src_lang, tgt, tgt_lang)] == details


def test_short_month_names_need_a_day_and_lists_keep_apart() -> None:
    """Estonian "mais" alone is also "maize"; "1, 2" and "1990, 200" stay lists."""
    assert [q.kind for q in extract_quantities("mais 5 tonni", "et")] == ["number"]
    assert [q.value for q in extract_quantities("In 1990, 200 people", "en")] == [1990, 200]
    assert [q.value for q in extract_quantities("1, 2, 3", "en")] == [1, 2, 3]
    assert [q.value for q in extract_quantities("30多万", "zh")] == [300000]


def test_anniversaries_and_tokenised_digit_groups() -> None:
    """ "the Bicentenary" is "der 200." (an ordinal, never reported alone) and tokenised
    "10 500" may be "ten 500"; changes are still caught."""
    essays = "Essays in Honor of the Bicentenary of her Birth"
    assert compare_quantities(essays, "en", "Aufsätze zu Ehren des 200. Geburtstages", "de") == []
    assert [r["detail"] for r in compare_quantities(essays, "en", "des 300. Geburtstages", "de")]
    bombs = "dropped ten {} lb bombs"
    assert compare_quantities(bombs.format(500), "en", "投掷了 10 500 磅炸弹", "zh") == []
    assert [
        r["detail"] for r in compare_quantities(bombs.format(400), "en", "投掷了 10 500 磅", "zh")
    ] == ["400 vs 10,500"]


@pytest.mark.parametrize(
    ("en", "zh"),
    [
        # a bare 百 / 千 / 万 is a name's syllable or a hyperbole, no number
        ("He murdered Ivan Shatov.", "他谋杀了伊万 · 沙托夫。"),
        ("She is a Broadway performer, 94.", "她是百老汇表演者，94 岁。"),
        ("Zufuru Kella, youngest millionaire", "ZuFuru Kella，最小的百万富翁"),
        ("uprooting thousands of trees", "使成千上万棵树被连根拔起"),
        # words: 十四行诗 "sonnet", 三角洲 "delta"; 十分之一 is a fraction, not 十分 "very"
        ("He published his sonnet in 1803.", "他在 1803 年发表了他的十四行诗。"),
        ("They formed the Second Triumvirate.", "他们组成了第二三角洲。"),
        ("The seal distorts 1/10 of a millimeter.", "密封扭曲了十分之一毫米。"),
        # regnal numerals, a day before a comma, a decimal without its zero
        ("Louis XIV Routledge, 2007.", "路易十四 · 罗特里奇，2007 年。"),
        ("Pope Leo XIII wrote it.", "教皇利奥十三世写了它。"),
        ("He attended a séance on 23, July 1855.", "1855 年 7 月 23 日，他参加了一个降神会。"),
        ("batting .205 in 2012", "2012 年打了 0.205 球"),
    ],
)
def test_english_to_chinese_numbers_read_alike(en: str, zh: str) -> None:
    assert compare_quantities(en, "en", zh, "zh") == []


@pytest.mark.parametrize(
    ("en", "zh", "detail"),
    [
        ("He paid 500 dollars to Ivan.", "他付给伊万 600 美元。", "500 vs 600"),
        ("ten thousand people", "一万人", None),
        ("ten thousand people", "两万人", "10,000 vs 20,000"),
        ("Louis XIV Routledge", "路易十三 · 罗特里奇", "14 vs 13"),
        ("The seal distorts 1/10 of a millimeter.", "密封扭曲了十分之三毫米。", "1/10 vs 十分之三"),
        ("on 23, July 1855", "1855 年 7 月 25 日", "Jul 23 vs Jul 25"),
        ("batting .209 in 2013", "2013 年打了 0.290 球", "209 vs 0.29"),
        ("He has 205 cats.", "他有 0.205 只猫。", "205 vs 0.205"),
    ],
)
def test_a_changed_number_beside_those_words_is_still_flagged(
    en: str, zh: str, detail: str | None
) -> None:
    assert [r["detail"] for r in compare_quantities(en, "en", zh, "zh")] == (
        [detail] if detail else []
    )


@pytest.mark.parametrize(
    ("ru", "en"),
    [
        ("В Москве живёт полмиллиона человек.", "Half a million people live in Moscow."),
        ("Активы ещё на полтриллиона.", "Half a trillion more in assets."),
        ("Россия отстаёт на сотню лет.", "Russia lags a hundred years behind."),
        ("В середине 90-х его имя пугало.", "In the mid-1990s his name was feared."),
        ("Рейтинг вырос вдвое за сутки.", "The rating doubled in 24 hours."),
    ],
)
def test_russian_halves_hundreds_decades_and_days_match(ru: str, en: str) -> None:
    """Half ("пол-"), a hundred ("сотня"), the 1990s ("90-х"), 24 hours ("сутки")."""
    assert compare_quantities(ru, "ru", en, "en") == []


@pytest.mark.parametrize(
    ("src", "sl"),
    [
        ("Ein Quadratmillimeter enthält eine halbe Million Chloroplasten.", "de"),
        ("Un milímetro cuadrado contiene medio millón de cloroplastos.", "es"),
    ],
)
def test_half_a_million_in_other_languages(src: str, sl: str) -> None:
    tgt = "One square millimetre contains half a million chloroplasts."
    assert compare_quantities(src, sl, tgt, "en") == []


def test_those_readings_still_tell_other_numbers_apart() -> None:
    assert compare_quantities("Активы на полмиллиона.", "ru", "A million in assets.", "en")
    assert compare_quantities("Рейтинг вырос за сутки.", "ru", "It rose in 48 hours.", "en")
    assert compare_quantities("Рейтинг вырос за час.", "ru", "It rose in 24 hours.", "en")
    assert compare_quantities("Eine Million Menschen.", "de", "Half a million people.", "en")


def test_a_year_is_no_century_but_its_decade_is() -> None:
    """ "in 1850" is no "19th century" (a year said more vaguely is a change); "the 1850s" or
    "the 1800s" against the century is the same time said two ways."""
    assert len(compare_quantities("в 1850 году", "ru", "in the 19th century", "en")) == 2
    assert compare_quantities("в 1850-х годах", "ru", "in the 19th century", "en") == []
    assert len(compare_quantities("в XIX веке", "ru", "in the 1900s", "en")) == 2


def test_a_price_in_francs_and_centimes() -> None:
    """ "Fr. 3.60" is "3 fr. 60", not "3 fr. 50"."""
    assert compare_quantities("Preis: Fr. 3.60", "de", "prix : 3 fr. 60", "fr") == []
    assert compare_quantities("Preis: Fr. 3.60", "de", "prix : 3 fr. 50", "fr") != []


@pytest.mark.parametrize(
    ("src", "sl", "en"),
    [
        ("Это произошло в девяностые годы.", "ru", "This happened in the 1990s."),
        ("Это произошло в конце восьмидесятых.", "ru", "This happened in the late 1980s."),
        ("Это произошло в двадцатые годы прошлого века.", "ru", "This happened in the 1920s."),
        ("Это произошло в девяностые годы.", "ru", "This happened in the nineties."),
        ("这发生在上世纪九十年代。", "zh", "This happened in the 1990s."),
        ("Das geschah in den neunziger Jahren.", "de", "This happened in the 1990s."),
        ("Cela s'est passé dans les années quatre-vingt-dix.", "fr", "It was in the 1990s."),
        ("Cela s'est passé dans les années 1960.", "fr", "It was in the sixties."),
        ("Ocurrió en los años noventa.", "es", "It happened in the 1990s."),
        ("حدث ذلك في التسعينيات.", "ar", "This happened in the 1990s."),
        ("حدث ذلك في ثمانينات القرن الماضي.", "ar", "This happened in the 1980s."),
    ],
)
def test_a_decade_named_by_its_tens_is_its_years(src: str, sl: str, en: str) -> None:
    """ "девяностые", 九十年代, "neunziger Jahre", "años noventa", "التسعينيات" are "the
    1990s": they were "1990 has no counterpart" or "90 vs 1990"."""
    assert compare_quantities(src, sl, en, "en") == []


@pytest.mark.parametrize(
    ("src", "sl", "en", "detail"),
    [
        ("Это произошло в девяностые.", "ru", "This happened in 1990.", "90 vs 1990"),
        ("Это произошло в девяностые.", "ru", "This happened in the 1980s.", "90 vs 1980"),
        ("Это произошло в девяностые.", "ru", "This happened in the eighties.", "90 vs 80"),
        ("这发生在八十年代。", "zh", "This happened in the 1990s.", "80 vs 1990"),
        ("حدث ذلك في الثمانينيات.", "ar", "This happened in the 1990s.", "80 vs 1990"),
    ],
)
def test_another_decade_or_a_year_is_still_a_change(
    src: str, sl: str, en: str, detail: str
) -> None:
    assert [r["detail"] for r in compare_quantities(src, sl, en, "en")] == [detail]


@pytest.mark.parametrize(
    ("src", "sl", "tgt", "tl"),
    [
        ("Встреча в 10 утра.", "ru", "The meeting is at 10 a.m.", "en"),
        ("Встреча в 10 вечера.", "ru", "The meeting is at 22:00.", "en"),
        ("Встреча в 3 часа дня.", "ru", "The meeting is at 3 in the afternoon.", "en"),
        ("С 9 утра до 6 вечера.", "ru", "From 9 a.m. to 6 p.m.", "en"),
        ("Um 8 Uhr abends.", "de", "À 20 heures.", "fr"),
        ("A las 8 de la tarde.", "es", "At 8 in the evening.", "en"),
        # "3 дня", "3 ночи" are also three days, three nights
        ("Он провёл там 3 дня.", "ru", "He spent 3 days there.", "en"),
        ("Он провёл 3 ночи в отеле.", "ru", "He spent 3 nights at the hotel.", "en"),
    ],
)
def test_an_hour_and_its_part_of_the_day(src: str, sl: str, tgt: str, tl: str) -> None:
    """ "в 10 утра" is 10:00, "в 10 вечера" 22:00, as "10 a.m." and "10 p.m." are."""
    assert compare_quantities(src, sl, tgt, tl) == []


@pytest.mark.parametrize(
    ("src", "sl", "tgt", "tl", "detail"),
    [
        ("Встреча в 10 утра.", "ru", "The meeting is at 10 p.m.", "en", "10:00 vs 22:00"),
        ("Встреча в 3 часа дня.", "ru", "The meeting is at 3 am.", "en", "15:00 vs 3:00"),
        ("Um 8 Uhr abends.", "de", "À 8 heures du matin.", "fr", "20:00 vs 8:00"),
    ],
)
def test_morning_and_evening_swapped_is_a_change(
    src: str, sl: str, tgt: str, tl: str, detail: str
) -> None:
    assert [r["detail"] for r in compare_quantities(src, sl, tgt, tl)] == [detail]


def test_a_five_year_plan_is_its_number_and_its_five_years() -> None:
    """ "十四五规划" is the 14th Five-Year Plan: it read as 15 (and "15 vs 5")."""
    assert compare_quantities("十四五规划。", "zh", "The 14th Five-Year Plan.", "en") == []
    assert compare_quantities("十三五期间。", "zh", "The 14th Five-Year Plan period.", "en")
    assert [q.value for q in extract_quantities("他十五岁。", "zh")] == [15.0]


@pytest.mark.parametrize(
    ("src", "sl", "tgt", "detail"),
    [
        ("Товарооборот вырос в два раза.", "ru", "Trade turnover tripled.", "2 vs 3"),
        ("Товарооборот вырос вдвое.", "ru", "Trade turnover grew three times.", "2 vs 3"),
        ("Мы планируем удвоить поставки.", "ru", "We plan to triple supplies.", "2 vs 3"),
        ("双边贸易额增长了一倍。", "zh", "Bilateral trade tripled.", "2 vs 3"),
        ("贸易额翻了两番。", "zh", "Trade doubled.", "4 vs 2"),
        ("Las ventas se duplicaron.", "es", "Sales tripled.", "2 vs 3"),
        ("Der Handel hat sich verdoppelt.", "de", "Trade has quadrupled.", "2 vs 4"),
    ],
)  # fmt: skip
def test_a_multiple_said_in_words_is_compared(src: str, sl: str, tgt: str, detail: str) -> None:
    """ "в два раза" -> "tripled" passed: a multiplying verb was no number."""
    assert [r["detail"] for r in compare_quantities(src, sl, tgt, "en")] == [detail]


@pytest.mark.parametrize(
    ("src", "sl", "tgt"),
    [
        ("Товарооборот вырос в два раза.", "ru", "Trade turnover doubled."),
        ("Товарооборот вырос вдвое.", "ru", "Trade turnover has doubled."),
        ("Мы планируем удвоить поставки.", "ru", "We plan to double supplies."),
        ("Он дважды посетил Москву.", "ru", "He visited Moscow twice."),
        ("Утром мы встретились дважды.", "ru", "We met twice in the morning."),
        ("Это двойные стандарты, и их три.", "ru", "These are double standards; there are three."),
        ("双边贸易额增长了一倍。", "zh", "Bilateral trade doubled."),
        ("贸易额翻了两番。", "zh", "Trade quadrupled."),
        ("贸易额是去年的两倍。", "zh", "Trade is twice last year's."),
        # 增长了两倍 is read as tripled and as doubled alike
        ("双边贸易额增长了两倍。", "zh", "Bilateral trade tripled."),
        ("双边贸易额增长了两倍。", "zh", "Bilateral trade doubled."),
    ],
)  # fmt: skip
def test_a_multiple_rendered_faithfully_passes(src: str, sl: str, tgt: str) -> None:
    assert compare_quantities(src, sl, tgt, "en") == []


@pytest.mark.parametrize(
    ("src", "tgt", "reasons"),
    [
        ("Это мой второй визит в Палестину.", "This is my third visit to Palestine.", ["2 vs 3"]),
        ("Это пятая встреча министров.", "This is the fourth meeting of ministers.", ["5 vs 4"]),
        ("Это его третий срок.", "This is his third term.", []),
        ("Это второй визит за год.", "This is the second visit in a year.", []),
        # "first" is too often idiom to compare ("в первую очередь", "for the first time")
        ("В первую очередь мы обсудим экономику.", "Secondly, we will discuss the economy.", []),
        # a date's ordinal is the date's
        ("Третьего мая мы встретились.", "We met on the third of May.", []),
    ],
)  # fmt: skip
def test_russian_ordinal_words_are_compared(src: str, tgt: str, reasons: list[str]) -> None:
    """ "второй визит" -> "third visit" passed: no Russian ordinal word was read."""
    assert [r["detail"] for r in compare_quantities(src, "ru", tgt, "en")] == reasons
