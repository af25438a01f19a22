"""Places, months, weekdays and relative dates: ``entity_mismatch`` when one became another.

"в Анкаре" -> "in Izmir", "Стамбуле" -> "Moscow", "в марте" -> "in May", "вчера"
-> "tomorrow", "loni" -> "this year" leave a sentence vector almost where it
was.  Names of countries, major cities, months, weekdays and relative dates are
*translated*, not transliterated, so the tables come from CLDR through babel
(localised territory names, time-zone exemplar cities, month and day names,
"yesterday" / "last year" and their kin, for every locale) rather than
hand-written lists; a
capitalised word after a locative preposition ("в Анкаре", "in Izmir") is a
place too, matched across scripts by transliteration (:func:`.names.same_name`).

Precision first: a mention is only reported when it has no counterpart on the
other side AND the other side has a mention of the same kind (place, month,
weekday) with no counterpart either; they are paired in order.  A place that
is simply dropped or rendered as an adjective ("Россия" -> "Russian") says
nothing here.  One exception: a source in Arabic, Chinese or Japanese has no
capitals to find an unknown place by, so a country or city that the
translation adds, and that the source neither names nor implies (an adjective,
a short form such as "美方", "our country"), is ``entity_missing``.  Month names
inside a date ("7 марта") are left to the numbers check, which compares the
whole date.
"""

from __future__ import annotations

import re
import unicodedata
import zoneinfo
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..types import Reason
from .common import _CJK_DIGITS, _UNCASED, _base_lang, _common_english, _set
from .names import (
    _ar_forms,
    _bare,
    _fold,
    _is_arabic,
    _ratio,
    _skeleton,
    _words,
    romanise,
    same_name,
)
from .numbers import extract_quantities

__all__ = [
    "calendar_spans",
    "compare_places",
    "is_demonym",
    "is_place",
    "place_named",
]

Concept = tuple[str, str]  # ("country", "TR"), ("city", "Moscow"), ("month", "3"), ...

# CLDR's short and variant territory names ("Turkey" next to "Türkiye", "USA",
# "США") are not in babel's data; these are the ones in everyday use.
_ALIASES: dict[str, dict[str, str]] = {
    "en": {
        "Turkey": "TR", "USA": "US", "US": "US", "U.S.": "US", "America": "US", "UK": "GB",
        "Britain": "GB", "Great Britain": "GB", "Holland": "NL", "Czech Republic": "CZ",
        "Burma": "MM", "Ivory Coast": "CI", "Swaziland": "SZ", "Palestine": "PS",
        "UAE": "AE", "PRC": "CN", "DPRK": "KP",
        # the Soviet Union by ISO 3166-3's retired code
        "USSR": "SU", "Soviet Union": "SU",
    },
    "ru": {
        "США": "US", "РФ": "RU", "КНР": "CN", "Америка": "US", "Англия": "GB", "Британия": "GB",
        "Белоруссия": "BY", "Молдавия": "MD", "Киргизия": "KG", "Палестина": "PS",
        "ОАЭ": "AE", "КНДР": "KP", "ЮАР": "ZA", "ФРГ": "DE", "СССР": "SU",
        "Советский Союз": "SU",
    },
    "de": {"USA": "US", "Amerika": "US", "England": "GB", "Holland": "NL", "UdSSR": "SU",
           "Sowjetunion": "SU"},
    "fr": {"USA": "US", "Amérique": "US", "Angleterre": "GB", "URSS": "SU",
           "Union soviétique": "SU"},
    "ro": {
        "SUA": "US", "Statele Unite": "US", "America": "US", "Olanda": "NL", "Anglia": "GB",
        "Marea Britanie": "GB",
    },
    "et": {"USA": "US", "Ühendriigid": "US", "Ameerika": "US", "Inglismaa": "GB",
           "Suurbritannia": "GB"},
    "ar": {"أمريكا": "US", "امريكا": "US", "فلسطين": "PS", "الاتحاد السوفيتي": "SU",
           "الاتحاد السوفياتي": "SU"},
    "zh": {"美国": "US", "美國": "US", "英国": "GB", "英國": "GB", "巴勒斯坦": "PS", "苏联": "SU",
           "蘇聯": "SU"},
    "ja": {"米国": "US", "英国": "GB", "パレスチナ": "PS", "ソ連": "SU", "ソビエト連邦": "SU"},
}  # fmt: skip
# Time-zone cities that are also common words or given names in running text.
_NOT_CITIES = _set("Christmas Easter Hope Regina Victoria Mahe Chatham Norfolk Guam Bermuda")
# Capitals and large towns (align/data/major_cities.tsv) whose name, in the script a
# language reads it in, is also a common word or a given name: English "Male", "Pest",
# "Queens"; Russian "вали" (go away), "осла" (a donkey's), "Питер" (Peter); Arabic
# "المدينة" (the city), "جدة" (grandmother), "خفي" (hidden), "لوم" (blame), "بحري"
# (naval); Chinese 关口 (a juncture), 长治 (as in 长治久安), 开封 (to unseal), 或索 (或: or).
_NOT_MAJOR = {
    "en": _set("Male Stanley Douglas Hamilton Kingston Pest Queens Phoenix Jos Aba Kota Teni "
               "Salvador Plymouth Sucre Victoria Budta Touba"),
    "cyrillic": _set("Питер Вали Валли Тане Осла Ром Хуе Софи Кота Кали Мале Лиме Мека Боку "
                     "Омва Омбы Уси Уху Иян Беч Праг Разо Самар Сана Туба"),
    "ar": _set("المدينة مدينه جدة جده عدن خفي لوم لومي بحري الجزيره البلا بشت جاس جوس ثين "
               "تاني بلم رم روم رىم صهيون زيبو ساليم هيو واها يبوس سوجو تانه كالي الرباط رباط "
               "ربات لقدس فاس"),
    "cjk": _set("关口 長治 长治 开封 開封 或索 新港 新界 天府 呼市 中山 玉山 阿巴 阿哇 巨港 旧港 "
                "新安 宝安 寶安 普陀 新北 澄江 剌八 培亞 赫山 德博 班竹 科塔 卡利 瓦利 宜城 "
                "天水 皮金 圖巴 古龍 关口 玉林 青阳 浦阳"),
}  # fmt: skip
_CYRILLIC_READ = _set("ru uk be bg")
# Words where a month name is also something else: "may" (modal), "march" (verb),
# "august" (adjective), "mars" (the planet): these need a capital and no name before.
_AMBIGUOUS = _set("may march august mars")
# Capitalised after "in"/"в" without being places: "believe in God", "in Arabic".
_NOT_PLACES = _set("God Gott Dieu Бог Бога Богу Богом Allah Аллах Christ Христа Христе")
# Languages whose names are looked up (others are passed over: their case endings,
# e.g. Estonian "Saksamaal", or their script are not read reliably enough).
_READ = _set("en ru uk be bg de fr es it pt nl pl cs sk ar zh ja")
# Short forms a vowel-stripped stem cannot find: "в мае" (May).
# Everyday relative dates CLDR writes another way ("l’année dernière", not "l'an dernier";
# "minulý rok", not "loni"; "сегодня" but not "текущем году").
_EXTRA: dict[str, dict[str, Concept]] = {
    "en": {"the day before yesterday": ("relative-day", "-2"),
           "the day after tomorrow": ("relative-day", "2"),
           # "over the past week": the span up to now, said against "за последнюю неделю"
           "the past week": ("relative-week", "-1"), "the past month": ("relative-month", "-1"),
           "the past year": ("relative-year", "-1")},
    "ru": {
        "мае": ("month", "5"), "мая": ("month", "5"), "маю": ("month", "5"),
        "в текущем году": ("relative-year", "0"), "в нынешнем году": ("relative-year", "0"),
        "в прошлом месяце": ("relative-month", "-1"),
        "в будущем году": ("relative-year", "1"), "на будущей неделе": ("relative-week", "1"),
        "в будущем месяце": ("relative-month", "1"), "в минувшем году": ("relative-year", "-1"),
        "на минувшей неделе": ("relative-week", "-1"),
        "в минувшем месяце": ("relative-month", "-1"),
        "за последнюю неделю": ("relative-week", "-1"),
        "за последний месяц": ("relative-month", "-1"),
        "за последний год": ("relative-year", "-1"),
        "за прошедшую неделю": ("relative-week", "-1"),
        "за прошедший месяц": ("relative-month", "-1"),
        "за прошедший год": ("relative-year", "-1"),
    },
    "cs": {"loni": ("relative-year", "-1"), "letos": ("relative-year", "0")},
    "pl": {"dziś": ("relative-day", "0")},
    "fr": {"l'an dernier": ("relative-year", "-1"), "l'an prochain": ("relative-year", "1")},
    "de": {"vergangenes Jahr": ("relative-year", "-1"), "voriges Jahr": ("relative-year", "-1")},
    "es": {"el año que viene": ("relative-year", "1")},
    # news Arabic says المقبل / المنصرم / الجاري where CLDR has القادم / الماضي / هذا
    "ar": {"غدا": ("relative-day", "1"), "العام الماضي": ("relative-year", "-1"),
           "هذا العام": ("relative-year", "0"), "العام المقبل": ("relative-year", "1"),
           "العام القادم": ("relative-year", "1"), "العام الجاري": ("relative-year", "0"),
           "العام المنصرم": ("relative-year", "-1"), "السنة المقبلة": ("relative-year", "1"),
           "الأسبوع المقبل": ("relative-week", "1"), "الأسبوع الجاري": ("relative-week", "0"),
           "الأسبوع المنصرم": ("relative-week", "-1"), "الشهر المقبل": ("relative-month", "1"),
           "الشهر الجاري": ("relative-month", "0"), "الشهر المنصرم": ("relative-month", "-1")},
    "zh": {"今日": ("relative-day", "0"), "昨日": ("relative-day", "-1"),
           "明日": ("relative-day", "1"), "上星期": ("relative-week", "-1"),
           "下星期": ("relative-week", "1"), "上个星期": ("relative-week", "-1"),
           "下个星期": ("relative-week", "1")},
    "ja": {"去年": ("relative-year", "-1")},
}  # fmt: skip
# CLDR's relative date fields read: "yesterday" is ("relative-day", "-1")
_RELATIVE_UNITS = ("day", "week", "month", "year")
# Relative dates that are also nouns: German "Morgen" ("Guten Morgen", "heute Morgen")
# is the morning where capitalised inside a sentence; Spanish "mañana" after an article
# or a demonstrative ("esta mañana", "por la mañana")
_CALENDAR = ("month", "weekday")
# Month names a language also writes, from CLDR's regional locales: the Levant and Iraq
# say "آذار" where Egypt and the Gulf say "مارس" (the founding transcript's speaker is
# Palestinian)
_REGIONAL_MONTHS = {"ar": ("ar_SY",)}
_MORNING = {"de": _set("morgen"), "es": _set("mañana")}
_ARTICLES = {"es": _set("la una esta esa cada toda media")}
# Languages whose nouns take case endings: "в Стамбуле", "w Warszawie", "Deutschlands".
_INFLECTING = _set("ru uk be bg pl cs sk sl hr sr lt lv fi et hu is de ro el")
_ENDING = {
    "cyrillic": re.compile(r"[аеёиоуыэюяйьмх]{0,3}"),
    "latin": re.compile(r"[aeiouyąęóäöüsnm]{0,3}"),
}
# Estonian: a stem vowel, then a case ending ("Bagdadi-s", "Saksamaa-l", "Iraagi-st").
_ET_ENDING = re.compile(r"[aeiuõäöü]{0,2}(?:s|st|sse|l|lt|le|ks|ni|na|ta|ga|t|d|de|te)?")
_ET_GRADE = {"k": "g", "p": "b", "t": "d"}
_IS_ENDING = re.compile(r"[aeiouyáéíóúýæö]{0,2}[rsm]?")
_STRIP_VOWELS = re.compile(r"[аеёиоуыэюяйьaeiouyąę]+$")
# Prepositions of place: a capitalised word after one is a place name.  Not for
# German, which capitalises every noun ("nach Süden", "in Staffel 2").
_LOCATIVE = {
    "ru": _set("в во из под около возле близ"),
    "uk": _set("в у із з під біля"),
    "en": _set("in from near"),
    "fr": _set("à dans"),
    "es": _set("en desde"),
    "it": _set("a in da"),
    "pl": _set("w we z ze pod"),
}
# Nouns after a region's name: a capitalised word before one is a place too ("в
# Донецкой области", "in the Luhansk region"), which no table of countries and cities
# holds. Not for German (every noun is capitalised) nor for languages that put the noun
# first ("la région de Louhansk").
_REGION_NOUNS = {
    "ru": _set("область области областью край края крае краем краю район района районе"),
    "uk": _set("область області областю край краю району районі"),
    "en": _set("region province oblast governorate prefecture county district krai territory"),
}
_AR_HAMZA = str.maketrans("أإآ", "ااا")
_AR_MARKS = re.compile(r"[\u064b-\u0652]")  # short vowels and tanween: "غدًا" is "غدا"
_CJK_MONTH = re.compile(
    r"(?<![0-9〇零一二三四五六七八九十])([0-9]{1,2}|[一二三四五六七八九十]{1,3})月(?![0-9〇零一二三四五六七八九十]+[日号])"
)
_CASED = re.compile(r"[A-Za-zÀ-ɏͰ-ϿЀ-ӿ]")


@dataclass(frozen=True)
class _Mention:
    kind: str  # "place" | "month" | "weekday"
    concepts: frozenset[Concept]  # empty for a place known only from its preposition
    start: int
    end: int
    surface: str


def _norm(word: str) -> str:
    word = unicodedata.normalize("NFC", word.lower()).replace("ё", "е").replace("’", "'")
    word = _AR_MARKS.sub("", word)
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    return word.translate(_AR_HAMZA) if _is_arabic(word) else word


@lru_cache(maxsize=32)
def _ar_table_words(lang: str) -> frozenset[str]:
    return frozenset(w for bucket in _table(lang).values() for key, _ in bucket for w in key)


def _text_norm(word: str, lang: str) -> str:
    """A word of running text, normalised; an Arabic one as the table spells it if some
    form of it without its proclitics is a table word ("لباريس" -> "باريس")."""
    norm = _norm(word)
    if not _is_arabic(norm):
        return norm
    known = _ar_table_words(lang)
    return next((f for f in _ar_forms(norm) if f in known), norm)


def _script(word: str) -> str:
    return "cyrillic" if any("Ѐ" <= c <= "ӿ" for c in word) else "latin"


def _stem(word: str, lang: str, shortest: int = 4) -> str:
    """What a case ending leaves alone: "Стамбул" -> "стамбул", "Москва" -> "москв"."""
    if lang not in _INFLECTING:
        return word
    if lang == "is" and len(word) > 5 and word.endswith("r"):
        word = word[:-1]  # the nominative's -r: "Færeyjar" is "Færeyja" in the genitive
    stem = _STRIP_VOWELS.sub("", word)
    return stem if len(stem) >= shortest else word  # "Самоа" is no stem of "Самым"


@lru_cache(maxsize=32)
def _cldr_names(lang: str) -> dict[str, set[Concept]]:
    """Name as written -> concepts, from CLDR (babel) for one language."""
    from babel import Locale, UnknownLocaleError
    from babel.dates import get_timezone_location

    try:
        loc = Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return {}
    out: dict[str, set[Concept]] = {}

    def add(name: str, concept: Concept) -> None:
        name = name.strip(" .")
        if len(name) >= 2:
            out.setdefault(name, set()).add(concept)

    for code, name in loc.territories.items():
        if len(code) == 2 and code.isalpha() and code not in ("ZZ", "EU", "EZ", "UN", "QO"):
            add(name, ("country", code))
            if "&" in name:  # CLDR writes "Trinidad & Tobago"; text has "and"
                add(
                    name.replace("&", {"en": "and", "de": "und", "fr": "et"}.get(lang, "&")),
                    ("country", code),
                )
    for name, code in _ALIASES.get(lang, {}).items():
        add(name, ("country", code))
    for name, concept in _EXTRA.get(lang, {}).items():
        add(name, concept)
    for english, names in _major_cities(lang):
        for name in names:
            add(name, ("city", english))
    for zone in sorted(zoneinfo.available_timezones()):
        area = zone.split("/")[0]
        if area not in ("Africa", "America", "Asia", "Australia", "Europe", "Atlantic", "Indian"):
            continue
        english = get_timezone_location(zone, locale="en", return_city=True)
        if english in _NOT_CITIES:
            continue
        local = get_timezone_location(zone, locale=loc, return_city=True)
        add(local, ("city", english))
        # CLDR may gloss a name: "Tripoli (Libye)", and "هيبرون (مدينة الخليل)" is
        # Hebron, said "الخليل"
        if m := re.fullmatch(r"(.+?)\s*\((.+)\)", local):
            add(m.group(1), ("city", english))
            if city := re.fullmatch(r"مدينة\s+(.+)", m.group(2)):
                add(city.group(1), ("city", english))
    for unit in _RELATIVE_UNITS:
        for offset, name in loc._data["date_fields"][unit].get("relative", {}).items():
            if lang == "hi" and unit == "day":
                continue  # "कल" is both yesterday and tomorrow
            add(name, (f"relative-{unit}", str(offset)))
    for context in ("format", "stand-alone"):
        for month, name in loc.months[context]["wide"].items():
            add(name, ("month", str(month)))
        for region in _REGIONAL_MONTHS.get(lang, ()):
            for month, name in Locale.parse(region).months[context]["wide"].items():
                add(name, ("month", str(month)))
        for day, name in loc.days[context]["wide"].items():
            add(name, ("weekday", str(day)))
    if lang == "zh":
        for day, name in enumerate("一二三四五六日"):
            add(f"周{name}", ("weekday", str(day)))
    return out


@lru_cache(maxsize=1)
def _major_rows() -> tuple[tuple[str, ...], ...]:
    path = resources.files("align") / "data" / "major_cities.tsv"
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(tuple(line.split("\t")) for line in lines if line and not line.startswith("#"))


@lru_cache(maxsize=1)
def _city_countries() -> dict[str, frozenset[str]]:
    """A capital's or large town's English name -> its country codes (GeoNames)."""
    out: dict[str, set[str]] = {}
    for row in _major_rows():
        out.setdefault(row[0], set()).add(row[1])
    return {k: frozenset(v) for k, v in out.items()}


def _countries_of(m: _Mention) -> frozenset[str]:
    """The countries of the towns a mention names: "in Beijing, China" adds no place to a
    source that names 北京, "Talks in Tokyo, Japan" none to one naming 東京."""
    table = _city_countries()
    return frozenset(code for c in m.concepts if c[0] == "city" for code in table.get(c[1], ()))


def _major_cities(lang: str) -> list[tuple[str, list[str]]]:
    """National capitals and towns of a million people (GeoNames, built by
    ``scripts/build_cities.py``), by English name, with their names in ``lang``'s
    script: CLDR's time-zone cities leave out Beijing, Ankara, New Delhi, Washington,
    Geneva. English, the Russian alphabet, Arabic and CJK only: GeoNames does not say
    which language a Latin name is (its "Genf" and "Ginebra" would be German and
    Spanish). Names that are common words in that script are left out (_NOT_MAJOR)."""
    if lang == "en":
        script, column = "en", 0
    elif lang in _CYRILLIC_READ:
        script, column = "cyrillic", 2
    elif lang == "ar":
        script, column = "ar", 3
    elif lang in ("zh", "ja"):
        script, column = "cjk", 4
    else:
        return []
    skip = _NOT_MAJOR[script] | (_NOT_CITIES if script == "en" else frozenset())
    out: list[tuple[str, list[str]]] = []
    for row in _major_rows():
        english = row[0]
        names = [n for n in row[column].split("|") if n and n not in skip]
        if script == "cyrillic":
            names = [n for n in names if len(n) >= 4]
        elif script == "ar":
            names = [n.removeprefix("مدينة ") for n in names]
        elif script == "cjk":  # 北京市 is also written 北京
            names = sorted({_CJK_ADMIN.sub("", n) or n for n in names} - skip)
        if names:
            out.append((english, names))
    return out


@lru_cache(maxsize=32)
def _table(lang: str) -> dict[str, list[tuple[tuple[str, ...], frozenset[Concept]]]]:
    """Stemmed word tuples and their concepts, by the first two letters of the first word."""
    table: dict[tuple[str, ...], set[Concept]] = {}
    for name, concepts in _cldr_names(lang).items():
        # Cyrillic month names are short: "июль" is "июл-е" in "в июле".  (Latin ones
        # keep four letters: German "Juli" would take in "Julia".)
        cyrillic_month = _kind(frozenset(concepts)) == "month" and _script(name) == "cyrillic"
        words = tuple(_stem(_norm(w.text), lang, 3 if cyrillic_month else 4) for w in _words(name))
        if words and all(words):
            table.setdefault(words, set()).update(concepts)
    by_first: dict[str, list[tuple[tuple[str, ...], frozenset[Concept]]]] = {}
    for key, concepts in table.items():
        by_first.setdefault(key[0][:2], []).append((key, frozenset(concepts)))
    return by_first


@lru_cache(maxsize=32)
def _cjk_table(lang: str) -> list[tuple[str, frozenset[Concept]]]:
    """Table names, longest first, for substring search in text without spaces."""
    names = _cldr_names(lang).items()
    return [
        (name, frozenset(c))
        for name, c in sorted(names, key=lambda kv: -len(kv[0]))
        if len(name) >= 2 and not any(k[0] == "month" for k in c)
    ]


@lru_cache(maxsize=32)
def _cjk_index(lang: str) -> dict[str, tuple[int, ...]]:
    """First character -> the rows of :func:`_cjk_table` starting with it: a sentence is
    looked up for the few names that can start in it, not all 2,000."""
    out: dict[str, list[int]] = {}
    for k, (name, _) in enumerate(_cjk_table(lang)):
        out.setdefault(name[0], []).append(k)
    return {ch: tuple(v) for ch, v in out.items()}


def _kind(concepts: frozenset[Concept]) -> str:
    kinds = {c[0] for c in concepts}
    if kinds <= {"country", "city"}:
        return "place"
    return next(iter(sorted(kinds - {"country", "city"})))


@lru_cache(maxsize=32)
def _stems_of(lang: str) -> dict[Concept, tuple[str, ...]]:
    """Concept -> the lower-case stems of its names in lang (for adjectives: "московском")."""
    out: dict[Concept, set[str]] = {}
    for name, concepts in _cldr_names(lang).items():
        low = _norm(name)
        stem = _STRIP_VOWELS.sub("", low) if len(_STRIP_VOWELS.sub("", low)) >= 4 else low
        for c in concepts:
            out.setdefault(c, set()).add(stem)
    return {c: tuple(v) for c, v in out.items()}


def _loosely_in(m: _Mention, text: str, lang: str, others: Sequence[_Mention] = ()) -> bool:
    """Whether a word of text starts with a name of m's concepts: "Russia" in "Российская".

    A word that names another place of the tables (``others``, the text's mentions) is
    that place: "Australia" starts like "Austria"'s stem but is no form of it.
    """
    stems = [s for c in m.concepts for s in _stems_of(lang).get(c, ()) if len(s) >= 4]
    if not stems:
        return False
    if lang in ("zh", "ja"):
        return any(s in text for s in stems)
    taken = [(o.start, o.end) for o in others if o.concepts and not (o.concepts & m.concepts)]
    words = [
        form
        for w in _words(text)
        if not any(a <= w.start and w.end <= b for a, b in taken)
        for form in _ar_forms(_norm(w.text))
    ]
    if any(w.startswith(s) for w in words for s in stems):
        return True
    return lang == "en" and _demonym_in(m, [w.text for w in _words(text) if w.text[:1].isupper()])


# English demonyms: a country's name less one of these endings, plus one of those
# suffixes ("Belgi-um" -> "Belgian", "Philippin-es" -> "Filipino", "Turk-ey" ->
# "Turkish"); CLDR has no demonyms.  The irregular ones are listed.
_NAME_ENDINGS = ("", "a", "ia", "y", "ey", "ay", "es", "us", "e", "ce", "on", "um", "al", "en",
                 "istan", "stan", "land")  # fmt: skip
_DEMONYM_SUFFIXES = frozenset(
    _fold(s) for s in ("", "n", "an", "ian", "ean", "ese", "i", "ish", "ic", "er", "ite", "o",
                       "k", "uese", "egian", "iot")
)  # fmt: skip
_IRREGULAR_DEMONYMS = {
    "french": "FR", "spanish": "ES", "polish": "PL", "danish": "DK", "finnish": "FI",
    "swiss": "CH", "dutch": "NL", "irish": "IE", "british": "GB", "english": "GB",
    "scottish": "GB", "welsh": "GB", "lao": "LA", "burmese": "MM", "malagasy": "MG",
    "emirati": "AE", "saudi": "SA",
}  # fmt: skip
_COMPASS = _set("north south east west")


@lru_cache(maxsize=1)
def _demonym_stems() -> dict[str, tuple[str, ...]]:
    """Country code -> folded stems of its English names a demonym is derived from."""
    out: dict[str, set[str]] = {}
    for name, concepts in _cldr_names("en").items():
        words = name.lower().split()
        if len(words) == 2 and words[0] in _COMPASS:
            words = words[1:]  # "South Korea": "Korean"
        if len(words) != 1:
            continue
        for code in (c[1] for c in concepts if c[0] == "country"):
            for cut in _NAME_ENDINGS:
                if words[0].endswith(cut) and len(words[0]) - len(cut) >= 4:
                    out.setdefault(code, set()).add(
                        _fold(romanise(words[0][: len(words[0]) - len(cut)]))
                    )
    return {c: tuple(v) for c, v in out.items()}


def is_demonym(word: str) -> bool:
    """Whether an English word is the demonym of some country: "Croatian", "Italians"
    (not the country's own name: "Iraq", "Egypt")."""
    return word not in _cldr_names("en") and bool(_demonym_codes(word))


@lru_cache(maxsize=16384)
def _demonym_codes(word: str) -> frozenset[str]:
    """The countries an English word is a demonym of (every country's stems are tried:
    a few milliseconds, so cached)."""
    low = word.lower()
    codes = {_IRREGULAR_DEMONYMS[low]} if low in _IRREGULAR_DEMONYMS else set()
    folded = _fold(romanise(low))
    for w in (folded, folded[:-1] if folded.endswith("s") else folded):
        for code, stems in _demonym_stems().items():
            if any(w.startswith(s) and w[len(s) :] in _DEMONYM_SUFFIXES for s in stems):
                codes.add(code)
    return frozenset(codes)


def _demonym_in(m: _Mention, words: list[str]) -> bool:
    """Whether an English word is a demonym of m's country: "Filipino", "French"."""
    codes = {c[1] for c in m.concepts if c[0] == "country"}
    if not codes:
        return False
    stems = [s for code in codes for s in _demonym_stems().get(code, ())]
    for word in words:
        low = word.lower()
        if _IRREGULAR_DEMONYMS.get(low) in codes:
            return True
        folded = _fold(romanise(low))
        for w in (folded, folded[:-1] if folded.endswith("s") else folded):
            if any(w.startswith(s) and w[len(s) :] in _DEMONYM_SUFFIXES for s in stems):
                return True
    return False


def _matches(word: str, stem: str, lang: str) -> bool:
    if word == stem:
        return True
    if lang == "et" and stem[-1:] in _ET_GRADE and not word.startswith(stem):
        # consonant gradation before a case ending: "Iraak" is "Iraagi", "Egiptus" ...
        weak = stem[:-2] + stem[-1] if stem[-2:-1] == stem[-1] else stem[:-1] + _ET_GRADE[stem[-1]]
        return word.startswith(weak) and bool(_ET_ENDING.fullmatch(word[len(weak) :]))
    if lang not in _INFLECTING or not word.startswith(stem) or len(stem) < 2:
        return False
    ending = word[len(stem) :]
    if lang == "et":
        return bool(_ET_ENDING.fullmatch(ending))
    if lang == "is":  # Noreg-ur, -s, -i; Færeyj-ar, -a, -um; Svíþjóð-ar
        return bool(_IS_ENDING.fullmatch(ending))
    return bool(_ENDING[_script(word)].fullmatch(ending))


def _in_date(start: int, end: int, dates: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in dates)


@lru_cache(maxsize=4096)
def _mentions(text: str, lang: str) -> tuple[_Mention, ...]:
    """Known places, months and weekdays in text, and places known by their preposition
    (read once per text: a sentence is tried in several beads)."""
    return tuple(_read_mentions(text, lang))


def _read_mentions(text: str, lang: str) -> list[_Mention]:
    dates = [(q.start, q.end) for q in extract_quantities(text, lang) if q.kind == "date"]
    if lang in ("zh", "ja"):
        return _cjk_mentions(text, lang, dates)
    by_first = _table(lang)
    words = _words(text)
    norms = [_text_norm(w.text, lang) for w in words]
    out: list[_Mention] = []
    i = 0
    while i < len(words):
        best: tuple[int, frozenset[Concept]] | None = None
        for key, concepts in by_first.get(norms[i][:2], []):
            n = len(key)
            fits = i + n <= len(words) and all(
                _matches(norms[i + k], key[k], lang) for k in range(n)
            )
            if fits and (best is None or n > best[0]):
                best = (n, concepts)
        if best is not None:
            n, concepts = best
            first, last = words[i], words[i + n - 1]
            kind = _kind(concepts)
            if _plausible(words, i, kind, lang) and not _in_date(first.start, last.end, dates):
                out.append(
                    _Mention(kind, concepts, first.start, last.end, text[first.start : last.end])
                )
            i += n
            continue
        w = words[i]
        named = (
            w.text[:1].isupper()
            and not w.text.isupper()
            and len(w.text) >= 3
            and w.text not in _NOT_PLACES
        )
        after_preposition = (
            i > 0 and norms[i - 1] in _LOCATIVE.get(lang, ()) and words[i - 1].end + 1 == w.start
        )
        before_region = (
            i + 1 < len(words)
            and norms[i + 1] in _REGION_NOUNS.get(lang, ())
            and w.end + 1 == words[i + 1].start
            # "the Jewish Region", "the Central District": a word, not a name
            and not (lang == "en" and _common_english(norms[i]))
        )
        if named and (after_preposition or before_region):
            out.append(_Mention("place", frozenset(), w.start, w.end, w.text))
        i += 1
    return out


def calendar_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """Where ``text`` names a month or a weekday (English capitalises them), dates included."""
    if _UNREAD.search(text) or _base_lang(lang) in ("zh", "ja"):
        return []
    by_first = _table(_base_lang(lang))
    out = []
    for w in _words(text):
        norm = _text_norm(w.text, _base_lang(lang))
        for key, concepts in by_first.get(norm[:2], []):
            if len(key) == 1 and _matches(norm, key[0], lang) and _kind(concepts) in _CALENDAR:
                out.append((w.start, w.end))
                break
    return out


def is_place(surface: str, lang: str) -> bool:
    """Whether ``surface`` names a country or city of the tables ("Parigi", "Noruega")."""
    lang = _base_lang(lang)
    return lang in _READ and any(m.concepts and m.kind == "place" for m in _mentions(surface, lang))


def country_of(town: str, country: str, lang: str) -> bool:
    """Whether ``country`` names the country of the capital or large town ``town`` names:
    "Cairo, Egypt" is one place said twice, not a list of two."""
    codes = {c[1] for m in _mentions(country, lang) for c in m.concepts if c[0] == "country"}
    return bool(codes) and any(codes & _countries_of(m) for m in _mentions(town, lang))


def place_named(surface: str, lang: str, other_text: str, other_lang: str) -> bool:
    """Whether ``surface``, a country, city, month or weekday of the tables in ``lang``, is
    named in ``other_text`` too, in that text's language ("Denmark" in "... Danmörk,
    Finnland ...", "July" in "Pod koniec lipca"), or, in English, by its demonym.
    """
    lang, other_lang = _base_lang(lang), _base_lang(other_lang)
    if "zh" in (lang, other_lang) or "ja" in (lang, other_lang):
        return False
    if _UNREAD.search(surface + other_text):
        return False
    mine = [m for m in _mentions(surface, lang) if m.concepts]  # months too: "July", "lipca"
    if not mine:
        return False
    others = _mentions(other_text, other_lang)
    if any(_found_in(m, others, other_text, other_lang) for m in mine):
        return True
    # "Rusia" rendered as "Russian": English demonyms only
    return other_lang == "en" and any(
        _demonym_in(m, [part for w in _words(other_text) for part in w.text.split("-")])
        for m in mine
    )


def _plausible(words: list, i: int, kind: str, lang: str) -> bool:
    """Whether a table hit is the name and not a word spelled like it."""
    w = words[i]
    low = w.text.lower()
    if any(low.startswith(m) for m in _MORNING.get(lang, ())):
        if low not in _MORNING[lang]:
            return False  # "morgens": in the morning
        if lang == "de":
            return not w.text[:1].isupper() or w.initial
        return not i or words[i - 1].text.lower() not in _ARTICLES.get(lang, ())
    cased = bool(_CASED.search(w.text))
    if kind == "place" and cased and not w.text[:1].isupper():
        return False  # "turkey", "nice", "bath"
    if w.text.lower() in _AMBIGUOUS:
        prev = words[i - 1] if i else None
        if not w.text[:1].isupper() or w.initial:
            return False
        if prev is not None and prev.text[:1].isupper() and not prev.initial:
            return False  # "Theresa May"
    return True


_CHUGOKU = re.compile(r"地方|地域|・四国|四国|山地|山陽|山陰|電力|新聞|自動車道")


# a country's side in Chinese diplomatic prose (中方, 俄方, 美方), not 方面 (aspect), 方向,
# 方式, 方法, 方案 …: "立法方面" holds 法方; nor 西方 (the West) or 比方 (for example)
_ZH_SIDE = re.compile(r"([美中日英俄法德意韩印澳加朝越乌菲])方(?![面向式法案针便位言圆块程子])")


def _cjk_mentions(text: str, lang: str, dates: list[tuple[int, int]]) -> list[_Mention]:
    """Table names found as substrings (no spaces to split on) and N月 without a day."""
    out: list[_Mention] = []
    taken: list[tuple[int, int]] = []
    index = _cjk_index(lang)
    rows = sorted({k for ch in set(text) for k in index.get(ch, ())})
    table = _cjk_table(lang)
    for name, concepts in (table[k] for k in rows):  # longest first, as the table is
        if name not in text:
            continue
        for m in re.finditer(re.escape(name), text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            if name[0] == "本" and text[m.start() - 1 : m.start()] == "日":
                continue  # "日本周边" is Japan's surroundings, not this week
            if lang == "ja" and name == "中国" and _CHUGOKU.match(text, m.end()):
                taken.append(m.span())
                continue  # 中国地方: the Chūgoku region of western Japan, not China
            taken.append(m.span())
            out.append(_Mention(_kind(concepts), concepts, *m.span(), name))
    if lang == "zh":  # 俄方, 美方: "the Russian side", "the US side"
        for m in _ZH_SIDE.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            code = next(c for c, chars in _CJK_SHORT.items() if m.group(1) in chars)
            concepts = frozenset([("country", code)])
            out.append(_Mention("place", concepts, *m.span(), m.group()))
    for m in _CJK_MONTH.finditer(text):
        num = m.group(1)
        month = int(num) if num.isdigit() else _cjk_int(num)
        if 1 <= month <= 12 and not _in_date(m.start(), m.end(), dates):
            out.append(_Mention("month", frozenset([("month", str(month))]), *m.span(), m.group()))
    return sorted(out, key=lambda m: m.start)


def _cjk_int(num: str) -> int:
    if num == "十":
        return 10
    if num.startswith("十"):
        return 10 + _CJK_DIGITS.get(num[1], 0)
    if num.endswith("十"):
        return 10 * _CJK_DIGITS.get(num[0], 0)
    return _CJK_DIGITS.get(num, 0)


_SENTENCE_START = re.compile(r"(?:^|[.!?…:;\"«»“”(])[\s\"«»“”(]*")


def _found_in(m: _Mention, others: Sequence[_Mention], other_text: str, other_lang: str) -> bool:
    """Whether the other side has this mention: a shared concept, a word derived from its
    name ("московском" for Moscow), or, for a place, the name spelled alike."""
    if any(m.concepts & o.concepts for o in others) or _loosely_in(
        m, other_text, other_lang, others
    ):
        return True
    if m.kind != "place":
        return False
    # a common English word that only starts a sentence is no place: "Дохе" is spelled
    # like "The", not like "Riyadh"
    starts = (
        {s.end() for s in _SENTENCE_START.finditer(other_text)} if other_lang == "en" else set()
    )
    words = [
        w.text
        for w in _words(other_text)
        if (w.text[:1].isupper() or not _cased(w.text))
        and not (w.start in starts and _common_english(w.text.lower()))
    ]
    if m.concepts:
        return any(same_name(a.text, b) for a in _words(m.surface) for b in words)
    return any(_alike(a.text, b) for a in _words(m.surface) for b in words)


def _named_otherwise(known: _Mention, other: _Mention, other_text: str, other_lang: str) -> bool:
    """Whether a place the tables know became a place known only by its preposition: the
    tables name the known one in the other language, and the other mention is spelled
    like none of those names nor like the known one ("Эр-Рияде" -> "in Doha": Riyadh is
    "Riyadh" in English), and no capitalised word of the other text is spelled like
    them either (a case the tables miss, "района Китая" for "China"). Where the tables
    have no such name, a name found on one side only is more often translated than
    replaced ("Salzburg" -> "萨尔茨堡")."""
    if known.kind != "place" or other.kind != "place":
        return False
    names = [n for n, cs in _cldr_names(other_lang).items() if cs & known.concepts]
    spellings = [*names, *(w.text for w in _words(known.surface))]
    words = [w.text for w in _words(other_text) if w.text[:1].isupper()]
    return bool(names) and not any(
        _alike(a, b) or _exonym(a, b) for a in spellings for b in [other.surface, *words]
    )


def _cased(text: str) -> bool:
    return bool(_CASED.search(text))


def _subkind(m: _Mention) -> str:
    """Countries pair with countries, cities with cities: "РФ" -> "Moscow" is an adjective."""
    kinds = {c[0] for c in m.concepts}
    return "city" if kinds == {"city"} else "country" if kinds == {"country"} else m.kind


# Scripts whose vowel signs split words in our tokeniser (Devanagari, Sinhala, Thai, ...):
# nothing is read there.
_UNREAD = re.compile(r"[\u0900-\u0dff\u0e00-\u0eff\u1000-\u109f]")


# A Russian or Ukrainian adjective of a place name: the name, -ск-/-цк-, an ending
# ("Донецкой (области)" is Donetsk's, "Киевской" Kyiv's)
_PLACE_ADJECTIVE = re.compile(
    r"(.{3,}?)(ск|цк)(?:ая|ой|ую|ом|ий|ого|ому|им|ей|ие|их|ої|ою)", re.IGNORECASE
)


def _adjective_places(word: str) -> list[str]:
    """The places a Russian adjective may be of, without its ending and with its
    -ск/-цк ("Донецкой": Доне, Донецк), or ending in ь ("Тверской": Тверь); none for
    any other word."""
    m = _PLACE_ADJECTIVE.fullmatch(word)
    if not m:
        return []
    stem, suffix = m.groups()
    return [stem, stem + suffix, stem + "ь"]


def _without_ending(word: str) -> str:
    """A place adjective as its -ск/-цк stem ("Донецкой": Донецк), any other word as is."""
    places = _adjective_places(word)
    return places[1] if places else word


def _alike(a: str, b: str) -> bool:
    """Two renderings of one name ("Орле"/"Oryol", "Venice"/"Venedig", "Азии"/"Asia",
    "Донецкой"/"Donetsk")."""
    a, b = (_without_ending(w).lower() for w in (a, b))
    ra, rb = _fold(romanise(a)), _fold(romanise(b))
    if not ra or not rb:
        return False
    if ra[:3] == rb[:3] or _ratio(ra, rb) >= 0.5 or _shared_run(ra, rb) >= 5:
        return True  # the last: a name inside a longer one, "Приангарье" / "Angarya"
    sa, sb = _skeleton(ra), _skeleton(rb)  # consonants: "Орле"/"Oryol", "Уэльсе"/"Wales"
    # from the same first consonant (a w, which Russian writes as a vowel, aside):
    # "Донецк" (d-n-s-k) is not "Luhansk" (l-h-n-s-k), "Уэльс" (l-s) is "Wales" (v-l-s)
    first = sa.removeprefix("v")[:1] == sb.removeprefix("v")[:1]
    return bool(sa and sb) and (sa[:2] == sb[:2] or (first and _ratio(sa, sb) >= 0.6))


def _shared_run(a: str, b: str) -> int:
    """The length of the longest run of letters two words share."""
    best = 0
    for i in range(len(a)):
        for j in range(len(b)):
            k = 0
            while i + k < len(a) and j + k < len(b) and a[i + k] == b[j + k]:
                k += 1
            best = max(best, k)
    return best


def _exonym(a: str, b: str) -> bool:
    """Whether b may be another language's name for a: exonyms keep the first letter and
    some consonant after it ("Gandawa"/"Ghent", "Mediolan"/"Milan", "Lizbona"/"Lisbon").

    Only for places the tables do not know, where nothing else tells them apart.
    """
    ra, rb = _fold(romanise(a)), _fold(romanise(b))
    if not ra or not rb or ra[0] != rb[0]:
        return False
    sa, sb = _skeleton(ra[1:]), _skeleton(rb[1:])
    return any(c in sb for c in sa[:2])


# One-character short forms of countries in Chinese and Japanese compounds ("美方" the
# US side, "中美两国" China and the US, "俄总统" Russia's president, "米国" the US), and
# words for one's own country, which a translation names ("回国" returning to China).
_CJK_SHORT = {
    "US": "美米", "CN": "中华華", "JP": "日", "GB": "英", "RU": "俄露", "FR": "法仏",
    "DE": "德独", "IT": "意伊", "KR": "韩韓", "IN": "印", "AU": "澳豪", "CA": "加",
    "ES": "西", "TW": "台", "KP": "朝", "VN": "越", "UA": "乌", "PH": "菲比",
}  # fmt: skip
_HOME = {
    "zh": re.compile(r"我国|本国|回国|祖国|国内|全国|国外|两国|双方"),
    "ja": re.compile(r"我が国|自国|帰国|国内|両国"),
    "ar": re.compile(r"بلاد|بلد|وطن"),
}
# the capital implies a city, a country's own words do not: "两国领导人在北京举行了会谈"
# -> "in Shanghai" passed because 两国 ("the two countries") implied any place
_CAPITAL = {
    "zh": re.compile(r"首都|京城"),
    "ja": re.compile(r"首都"),
    "ar": re.compile(r"عاصم"),
}


def _implied(m: _Mention, text: str, lang: str) -> bool:
    """Whether an uncased source implies a place the translation names: a country's
    short form in a CJK compound, an Arabic adjective of it ("الأمريكية" for America),
    a word for one's own country (a country only), or the capital."""
    codes = {c[1] for c in m.concepts if c[0] == "country"}
    if (codes and _HOME[lang].search(text)) or _CAPITAL[lang].search(text):
        return True
    if lang == "ja" and "JP" in codes and re.search("中国(?:" + _CHUGOKU.pattern + ")", text):
        return True  # 中国地方 is a region of Japan
    if lang in ("zh", "ja"):
        return any(ch in text for code in codes for ch in _CJK_SHORT.get(code, ""))
    words = [form for w in _words(text) for form in _ar_forms(_norm(w.text))]
    for name, concepts in _cldr_names(lang).items():
        if concepts & m.concepts:
            stem = _norm(name).rstrip("اةىي")
            if len(stem) >= 3 and any(w.startswith(stem) for w in words):
                return True
    return False


# Towns of the translation an uncased source must name: GeoNames's towns of 30,000+
# people with a name in Arabic or CJK script (align/data/cities.tsv, written by
# scripts/build_cities.py). A town only its preposition makes a place ("in Izmir") was
# invisible next to an Arabic or Chinese source; with these it is missing when the
# source spells none of its names. A common English word is no town here ("in Spring").


@dataclass(frozen=True)
class _Town:
    words: tuple[str, ...]  # its name's words, folded (accents off, lower case)
    arabic: tuple[str, ...]  # normalised as _norm does
    cjk: tuple[str, ...]


def _fold_name(text: str) -> str:
    return _bare(text.lower())


_CJK_ADMIN = re.compile(r"(?<=..)(?:市|县|縣|区|區|省|州|城)$")


@lru_cache(maxsize=1)
def _towns() -> dict[str, list[_Town]]:
    """The towns by the first word of their name, folded."""
    path = resources.files("align") / "data" / "cities.tsv"
    out: dict[str, list[_Town]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        name, arabic, cjk = line.split("\t")
        words = tuple(_fold_name(name).replace("-", " ").split())
        if not words:
            continue
        town = _Town(
            words,
            tuple({_norm(a).removeprefix("مدينة ") for a in arabic.split("|") if a}),
            # 福冈市 is 福冈 in "福冈县": the name without its administrative suffix
            tuple({_CJK_ADMIN.sub("", c) or c for c in cjk.split("|") if c}),
        )
        out.setdefault(words[0], []).append(town)
    return out


@lru_cache(maxsize=1)
def _towns_by_consonants() -> dict[str, list[_Town]]:
    """The towns by the consonants of the first word of their name: GeoNames spells Arabic
    names by a scholarly transliteration ("Janīn", "Khān Yūnis"), English news by ear
    ("Jenin", "Khan Younis"). Chinese and Japanese names have one spelling (pinyin,
    Hepburn), so only a town of an Arabic source is looked for here."""
    out: dict[str, list[_Town]] = {}
    for towns in _towns().values():
        for town in towns:
            out.setdefault(_skeleton(_by_ear(town.words[0])), []).append(town)
    return out


def _named(words: list[str], town: _Town) -> bool:
    """Whether the words begin with the town's name, letter for letter or, failing
    that, consonant for consonant with the first letter alike and the words a letter
    or so apart ("Jenin" / "Janīn", "Khan Younis" / "Khān Yūnis")."""
    n = len(town.words)
    if len(words) < n:
        return False
    if tuple(words[:n]) == town.words:
        return True
    return all(
        a[:1] == b[:1] and _skeleton(_by_ear(a)) == _skeleton(_by_ear(b)) and _ratio(a, b) >= 0.75
        for a, b in zip(words[: len(town.words)], town.words, strict=True)
    )


def _by_ear(word: str) -> str:
    """A word without the "h" of a final ة, which English mostly leaves out: "Qalqīlyah"
    is "Qalqilya"."""
    return re.sub(r"(?<=[aeiou])h$", "", word)


def _unnamed_town(m: _Mention, text: str, source: str, lang: str) -> int | None:
    """Where the name ends in ``text`` when m, a place known by its preposition there, is
    a town whose Arabic or CJK names the uncased ``source`` holds none of; None when
    there are no such names to look for, the source holds one, or m is no town."""
    town = _town_spelling(m, text, source, lang)
    return None if town is None or town[0] else town[1]


_KATAKANA_TO_HIRAGANA = {k: k - 0x60 for k in range(ord("ァ"), ord("ヶ") + 1)}


def _arabic_spelled(names: Sequence[str], source: str) -> bool:
    """Whether the Arabic ``source``, its words normalised, holds one of a town's names."""
    norm = " ".join(_norm(w.text) for w in _words(source))
    return any(name in norm for name in names)


def _spelled_in_source(m: _Mention, source: str, lang: str) -> bool:
    """Whether the uncased ``source`` spells a town the tables know, m, by any of its
    GeoNames names in the source's script, in any script variant (福冈县 for "Fukuoka",
    whose names are 福岡 and 福岡市; 国际米兰 for "Inter Milan", 米蘭)."""
    words = [re.sub(r"['’]s$", "", _fold_name(w.text)) for w in _words(m.surface)]
    if not words:
        return False
    if lang == "ja":  # ナゴヤドーム: GeoNames writes 名古屋 and なごやし, not ナゴヤ
        source = source.translate(_KATAKANA_TO_HIRAGANA)
    for town in _towns().get(words[0], []):
        if tuple(words[: len(town.words)]) != town.words:
            continue
        if lang in ("zh", "ja"):
            # a name in kana ends in し (市, city) as 名古屋市 does in kanji: なごやし
            names = [n[:-1] if len(n) >= 4 and n[-1] in "しシ" else n for n in town.cjk]
            if any(_variant_spelled(name, source) for name in names):
                return True
        else:
            if _arabic_spelled(town.arabic, source):
                return True
    return False


def _town_spelling(m: _Mention, text: str, source: str, lang: str) -> tuple[bool, int] | None:
    """Whether the uncased ``source`` spells the town m names in ``text`` (by any of its
    Arabic or CJK names), and where the name ends in ``text``; None when m is no town
    with such names."""
    found = _words(text[m.start :])[:4]
    words = [_fold_name(w.text) for w in found]
    candidates = _towns().get(words[0], [])
    if not candidates and lang == "ar":  # GeoNames's Arabic names are not spelled by ear
        candidates = _towns_by_consonants().get(_skeleton(_by_ear(words[0])), [])
    for town in candidates:
        n = len(town.words)
        if not _named(words, town):
            continue
        after = _words(text[m.start :])[n : n + 1]
        if after and after[0].text[:1].isupper():
            continue  # part of a longer name: "Independence Square", "Victoria Station"
        if n == 1 and _common_english(words[0]):
            continue
        names = town.cjk if lang in ("zh", "ja") else town.arabic
        if not names:
            continue
        if lang in ("zh", "ja"):
            spelled = any(_cjk_spelled(name, source) for name in names)
        else:
            spelled = _arabic_spelled(names, source)
        return spelled, m.start + found[n - 1].end
    return None


def _unsounded_place(m: _Mention, text: str, chinese: str) -> int | None:
    """Where the name ends in ``text`` when m, a place known there only by its context
    (after "in", before "Province"), is written nowhere in the Chinese ``source`` by its
    sound (:func:`.pinyin.transcribed_in_hanzi`): "在海南举行" -> "held in Yunnan",
    "广东省" -> "Fujian Province", "达沃斯" -> "in Sochi". None for a town of the
    table (:func:`_unnamed_town` asks that), a Japanese place (written in kanji: "Aichi
    Prefecture"), and a word common in English that is no pinyin ("Tibet" is 西藏,
    "Autonomous" a word of a name).
    """
    from wordfreq import zipf_frequency

    from .pinyin import _splits, japanese_name, transcribed_in_hanzi

    word = m.surface
    if any(t.words for t in _towns().get(_fold_name(word), [])):
        return None
    if text[m.end :].lower().startswith((" prefecture", " ken")):
        return None  # Japan's: written in kanji, 爱知县 "Aichi Prefecture"
    if not _splits(word.lower()) and (
        japanese_name(word) or zipf_frequency(word.lower(), "en") >= 3.0
    ):
        return None
    return None if transcribed_in_hanzi(word, chinese) else m.end


def _variant_spelled(name: str, text: str) -> bool:
    """Whether text holds name with each character the same or another form of it, read
    alike (福冈 for 福岡, 米兰 for 米蘭; not 北京 for 东京, which :func:`_cjk_spelled`'s
    half the characters would take)."""
    from .pinyin import _readings

    if name in text:
        return True
    n = len(name)
    want = _readings(name)
    for k in range(len(text) - n + 1):
        got = _readings(text[k : k + n])
        if all(
            a == b or want[i] & got[i]
            for i, (a, b) in enumerate(zip(name, text[k : k + n], strict=True))
        ):
            return True
    return False


def _cjk_spelled(name: str, text: str) -> bool:
    """Whether text holds name, or a run as long sharing half its characters in place:
    GeoNames may list a town in one script variant only (福岡, where Chinese writes 福冈)."""
    if name in text:
        return True
    n = len(name)
    need = (n + 1) // 2
    return any(
        sum(a == b for a, b in zip(name, text[k : k + n], strict=True)) >= need
        for k in range(len(text) - n + 1)
    )


_KINDS = ("place", *_CALENDAR, "relative")
_LABELS = {"relative": "date"}


def _paired_as(kind: str) -> str:
    """Relative dates pair across units: "الأسبوع المقبل" -> "next month" is one date changed."""
    return "relative" if kind.startswith("relative-") else kind


def compare_places(src_text: str, src_lang: str, tgt_text: str, tgt_lang: str) -> list[Reason]:
    """``entity_mismatch`` for a place, month or weekday replaced by another one.

    Both mentions must come from the tables (a known place became another known
    place), or both be places known only by their preposition ("в Анкаре" ->
    "in Izmir") and not spelled alike: a name found in a table on one side only
    is more often translated than replaced ("Salzburg" -> "萨尔茨堡").
    """
    sl, tl = _base_lang(src_lang), _base_lang(tgt_lang)
    if sl not in _READ or tl not in _READ or _UNREAD.search(src_text + tgt_text):
        return []
    src = _mentions(src_text, sl)
    if not src and sl not in _UNCASED:  # most sentences name no place: skip the translation
        return []
    tgt = _mentions(tgt_text, tl)
    if not tgt:
        return []
    lost = [m for m in src if not _found_in(m, tgt, tgt_text, tl)]
    new = [
        m
        for m in tgt
        if not _found_in(m, src, src_text, sl)
        # a town an uncased source writes otherwise than the tables (福冈 for 福岡)
        and not (sl in _UNCASED and m.concepts and _spelled_in_source(m, src_text, sl))
    ]
    reasons: list[Reason] = []
    paired: list[_Mention] = []
    for kind in _KINDS:
        pairs = zip(
            [m for m in lost if _paired_as(m.kind) == kind],
            [m for m in new if _paired_as(m.kind) == kind],
            strict=False,
        )
        for s, t in pairs:
            if bool(s.concepts) != bool(t.concepts):
                known, other = (s, t) if s.concepts else (t, s)
                lang, text = (tl, tgt_text) if s.concepts else (sl, src_text)
                if (sl if s.concepts else tl) in _UNCASED:
                    # a name in CJK script may hide another (日本の中国地方); the place the
                    # translation adds is still looked for in the source below ("في أنقرة"
                    # -> "in Izmir")
                    continue
                paired += (s, t)
                if not _named_otherwise(known, other, text, lang):
                    continue
            paired += (s, t)
            # two renderings of a place known by its preposition alone are spelled alike;
            # one the tables know is told by its code, a month or weekday by its number:
            # "Австрии" / "Australia", "Juni" / "July", "مارس" / "May" are alike but differ
            if not s.concepts and _alike(s.surface, t.surface):
                continue
            if not s.concepts and _exonym(s.surface, t.surface):
                continue  # known by the preposition alone, maybe an exonym: "Gandawie"/"Ghent"
            if (
                s.concepts
                and t.concepts
                and _subkind(s) != _subkind(t)
                and "place" in (s.kind, t.kind)
            ):
                continue
            reasons.append(
                {
                    "type": "entity_mismatch",
                    "src": [s.start, s.end],
                    "tgt": [t.start, t.end],
                    "detail": f"{_LABELS.get(kind, kind)} '{s.surface}' became '{t.surface}'",
                }
            )
    # a source with no capitals (Arabic, Chinese, Japanese) has no word to tell an unknown
    # place by: a place the translation adds is the one trace of a place replaced
    # ("مطار العريش" -> "Cairo airport"), and so is a town the source spells nowhere ("في
    # أنقرة" -> "in Izmir", :func:`_unnamed_town`).  Not the other way round: CJK table names hide
    # inside words ("布法罗" holds "法罗", the Faroes), and a place dropped is often
    # rendered by a pronoun.
    if sl in _UNCASED and tl not in _UNCASED:
        for m in new:
            if m in paired or m.kind != "place":
                continue
            end: int | None = None
            if m.concepts:
                towns_of = {c for t in src for c in _countries_of(t)}
                implied = any(c[1] in towns_of for c in m.concepts if c[0] == "country")
                end = None if implied or _implied(m, src_text, sl) else m.end
            elif sl in ("ar", "zh", "ja") and tl == "en":
                end = _unnamed_town(m, tgt_text, src_text, sl)  # "Khan Younis": two words
                if end is None and sl == "zh":
                    end = _unsounded_place(m, tgt_text, src_text)  # "in Yunnan" for 海南
            if end is not None:
                reasons.append(
                    {
                        "type": "entity_missing",
                        "src": None,
                        "tgt": [m.start, end],
                        "detail": f"place '{tgt_text[m.start : end]}' has no counterpart in"
                        " the source",
                    }
                )
    return reasons
