"""Peoples and their adjectives: ``entity_mismatch`` when one nation became another.

"российско-палестинские отношения" -> "Russian-Israeli relations", "Палестинцы" ->
"The Egyptians", "العلاقات الروسية الفلسطينية" -> "Russian-Israeli relations" leave a
sentence vector where it was, and no table of places holds these words: a country's
adjective or its people is no country's name.

Each side's nationality words are read by the country they name: English demonyms as
:mod:`.places` reads them ("Palestinian", "Israelis"); Russian adjectives and peoples
("палестинский", "российско-", "палестинцы", "россияне") and Arabic nisbas
("الفلسطينية", "روسي") built on CLDR's name of each country in that language
(Палестина, فلسطين) through babel, with the few a name does not give ("американский",
"немецкий", "أمريكي"). Precision first, as places are compared: a nationality is
reported only when each side has one the other lacks (as a nationality or as a
country it names), and they are paired in order; a nationality dropped or said as
the country ("палестинского государства" -> "the State of Palestine") passes.
Chinese and Japanese write a country's name as its adjective (巴勒斯坦人民 "the
Palestinian people"), so there the countries the places check reads stand for the
peoples. An English demonym inside a longer name ("Indian Wells", "Canadian English")
is none. Read in English, Russian, Arabic, Chinese and Japanese.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..types import Reason
from .common import _base_lang, _set, paired_mismatches
from .names import _words
from .places import _demonym_codes, _mentions, is_demonym

__all__ = ["compare_demonyms"]

# English words a country's name gives that are not its people's: "Roman" (Romania),
# "African" (South Africa), "Finns" (read as Fiji's)
_NOT_DEMONYMS_EN = frozenset(
    {"roman", "romans", "african", "africans", "america", "americas", "africa", "albany"}
)
# capitalised words a demonym may stand before and still be one ("Russian President
# Putin"); before any other it is part of a name ("Indian Ocean", "Indian Wells")
_BEFORE_EN = _set(
    "president prime minister foreign defence defense government ministry embassy "
    "ambassador army navy parliament people state authorities side delegation"
)
# capitalised words a sentence may start with before a demonym ("The Israeli side");
# after any other capitalised word it is part of a name ("Native American", "Canadian
# English")
_AFTER_EN = _set(
    "the a an in on at for with by and but as from to of his her their our its this that "
    "these those both all many some most several"
)
# English peoples their country's name does not give
_EN_IRREGULAR = {
    "finn": "FI", "finns": "FI", "swede": "SE", "swedes": "SE", "dane": "DK", "danes": "DK",
    "pole": "PL", "poles": "PL", "brit": "GB", "brits": "GB", "scot": "GB", "scots": "GB",
    "saudis": "SA", "spaniard": "ES", "spaniards": "ES", "turk": "TR", "turks": "TR",
}  # fmt: skip

# Russian adjectives and peoples no CLDR name gives, by their stem
_RU_IRREGULAR = {
    "американ": "US", "русск": "RU", "немецк": "DE", "немец": "DE", "немц": "DE",
    "француз": "FR", "британ": "GB", "англичан": "GB", "английск": "GB", "турецк": "TR",
    "турк": "TR", "греческ": "GR",
    "грек": "GR", "итальян": "IT", "польск": "PL", "поляк": "PL", "чешск": "CZ",
    "шведск": "SE", "швед": "SE", "норвежск": "NO", "норвеж": "NO", "финск": "FI",
    "финн": "FI", "датск": "DK", "венгерск": "HU", "венгр": "HU", "мексиканск": "MX",
    "мексикан": "MX", "белорус": "BY", "армянск": "AM", "армян": "AM", "грузинск": "GE",
    "грузин": "GE", "казахск": "KZ", "казах": "KZ", "узбекск": "UZ", "узбек": "UZ",
    "эмиратск": "AE", "саудовск": "SA", "израильтян": "IL", "египтян": "EG",
    "голландск": "NL", "голланд": "NL", "индийск": "IN", "индийц": "IN",
}  # fmt: skip
# Russian endings after a stem: adjectives (-ский in every case, "российско-" in a
# compound) and peoples (-ец/-цы, -янин/-яне)
_RU_ADJECTIVE = r"(?:ь|и|й)?ск(?:ий|ая|ое|ие|ого|ой|ому|ую|ом|им|ими|их|о)"
_RU_PEOPLE = r"(?:ий|й)?(?:ец|цы|цев|цам|цами|цах|ца|цу|цем|ка|ки|ок|ян|яне|янин|янам|янами|янах)"
_RU_ENDINGS = re.compile(rf"(?:{_RU_ADJECTIVE}|{_RU_PEOPLE})")
_RU_IRREGULAR_ENDINGS = re.compile(
    rf"(?:{_RU_ADJECTIVE}|{_RU_PEOPLE}|ий|ая|ое|ие|ого|ой|ому|ую|ом|им|ими|их|о|ы|ов|ам|ами|ах|а|у|е|и|ем|ец)?"
)

# Arabic nisbas no CLDR name gives
_AR_IRREGULAR = {
    "امريكي": "US", "اميركي": "US", "بريطاني": "GB", "اماراتي": "AE", "سعودي": "SA",
    "فلسطيني": "PS", "روسي": "RU", "الماني": "DE", "فرنسي": "FR", "ايطالي": "IT",
    "ياباني": "JP", "هندي": "IN", "صيني": "CN", "تركي": "TR", "ايراني": "IR",
}  # fmt: skip
_AR_PREFIX = re.compile(r"^(?:[وفبلك])?(?:ال)?")
_AR_NISBA = re.compile(r"(?:ي|ية|يه|يين|يون|يان|يتين|يات)$")
_AR_FOLD = str.maketrans("أإآة", "اااه")


@dataclass(frozen=True)
class _Nation:
    codes: frozenset[str]
    start: int
    end: int
    surface: str


@lru_cache(maxsize=8)
def _country_names(lang: str) -> dict[str, frozenset[str]]:
    """CLDR's country names in one language (one word, lower case) -> country codes."""
    from babel import Locale

    out: dict[str, set[str]] = {}
    for code, name in Locale.parse(lang).territories.items():
        if len(code) == 2 and code.isalpha() and code not in ("ZZ", "EU", "EZ", "UN", "QO"):
            words = re.sub(r"[\u064b-\u0652]", "", name).lower().split()  # "عُمان": Oman
            # "Саудовская Аравия", "Палестинские территории": the adjective is the stem
            if len(words) == 1 or (lang == "ru" and re.search(r"ск(?:ая|ие|ий|ое)$", words[0])):
                out.setdefault(words[0], set()).add(code)
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _ru_stems() -> dict[str, frozenset[str]]:
    """Russian stems a nationality word starts with -> country codes: the name itself
    ("израиль-ский", "иран-цы") and without its last vowel ("палестин-ский",
    "росси-йский", "сири-йцы", "японск-ий"), four letters at least."""
    out: dict[str, set[str]] = {}
    for name, codes in _country_names("ru").items():
        name = name.replace("ё", "е")
        stems = {
            name,
            re.sub(r"(?:ия|ья|я|а|ь|ск(?:ая|ие|ий|ое))$", "", name),
            re.sub(r"я$", "", name),
        }
        for stem in stems:
            if len(stem) >= 4:
                out.setdefault(stem, set()).update(codes)
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=16384)
def _ru_codes(word: str) -> frozenset[str]:
    low = word.lower().replace("ё", "е")
    for stem, code in _RU_IRREGULAR.items():
        if low.startswith(stem) and _RU_IRREGULAR_ENDINGS.fullmatch(low[len(stem) :]):
            return frozenset({code})
    codes: set[str] = set()
    for cut in range(4, len(low)):
        stem = low[:cut]
        if stem in _ru_stems() and _RU_ENDINGS.fullmatch(low[cut:]):
            codes |= _ru_stems()[stem]
    return frozenset(codes)


@lru_cache(maxsize=1)
def _ar_stems() -> dict[str, frozenset[str]]:
    """Arabic nisba stems -> country codes: CLDR's name without its article and a final
    alif or ta marbuta ("فلسطين", "روسي(ا)", "سوري(ا)")."""
    out: dict[str, set[str]] = {}
    for name, codes in _country_names("ar").items():
        name = name.translate(_AR_FOLD)
        stem = re.sub(r"^ال", "", name)
        for s in {stem, re.sub(r"[اه]$", "", stem), re.sub(r"يا$", "", stem)}:
            if len(s) >= 3:
                out.setdefault(s, set()).update(codes)
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=16384)
def _ar_codes(word: str) -> frozenset[str]:
    low = _AR_PREFIX.sub("", word.translate(_AR_FOLD))
    m = _AR_NISBA.search(low)
    if not m or m.start() < 3:
        return frozenset()
    stem = low[: m.start()]
    for form, code in _AR_IRREGULAR.items():
        if stem + "ي" == form.translate(_AR_FOLD):
            return frozenset({code})
    return _ar_stems().get(stem, frozenset())


def _english_nation(part: str, before: str, after: str, strict: bool) -> frozenset[str]:
    """The countries an English word is the people or adjective of: not a country's own
    name ("Israel", "Bahrain": the places check compares those) nor, ``strict``, a word
    of a longer name ("Indian Wells"; "British MPs" too, so such a word still answers
    for the other side's people)."""
    low = part.lower()
    if not part[:1].isupper() or low in _NOT_DEMONYMS_EN:
        return frozenset()
    if strict and after[:1].isupper() and after.lower() not in _BEFORE_EN:
        return frozenset()
    if strict and before[:1].isupper() and before.lower() not in _AFTER_EN:
        return frozenset()
    if low in _EN_IRREGULAR:
        return frozenset({_EN_IRREGULAR[low]})
    return _demonym_codes(part) if is_demonym(part) else frozenset()


def _nations(text: str, lang: str, strict: bool = True) -> list[_Nation]:
    if lang in ("zh", "ja"):
        # a country's name is its adjective too: 巴勒斯坦人民 "the Palestinian people",
        # 中国外交部 "the Chinese Foreign Ministry"
        return [
            _Nation(
                frozenset(c for k, c in m.concepts if k == "country"), m.start, m.end, m.surface
            )
            for m in _mentions(text, lang)
            if any(k == "country" for k, _ in m.concepts)
        ]
    out: list[_Nation] = []
    words = _words(text)
    for i, w in enumerate(words):
        start = w.start
        after = words[i + 1].text if i + 1 < len(words) else ""
        before = words[i - 1].text if i > 0 and words[i - 1].end + 1 == w.start else ""
        for part in w.text.split("-"):  # "российско-палестинские", "Russian-Israeli"
            end = start + len(part)
            codes: frozenset[str] = frozenset()
            if lang == "en":
                codes = _english_nation(part, before, after, strict)
            elif lang == "ru" and len(part) >= 5:
                codes = _ru_codes(part)
            elif lang == "ar" and len(part) >= 4:
                codes = _ar_codes(part)
            if codes:
                out.append(_Nation(codes, start, end, part))
            start = end + 1
    return out


def _countries(text: str, lang: str) -> frozenset[str]:
    """The countries a text names (the places check's tables): "the State of Palestine"."""
    return frozenset(
        code for m in _mentions(text, lang) for kind, code in m.concepts if kind == "country"
    )


_READ = frozenset({"en", "ru", "ar", "zh", "ja"})


def _named(text: str, lang: str) -> frozenset[str]:
    """Every country a text names, as a people (in a longer name too) or as a country."""
    loose = _nations(text, lang, strict=False)
    return frozenset().union(*(n.codes for n in loose)) | _countries(text, lang)


def compare_demonyms(src_text: str, src_lang: str, tgt_text: str, tgt_lang: str) -> list[Reason]:
    """``entity_mismatch`` for a nation's adjective or people that became another's."""
    sl, tl = _base_lang(src_lang), _base_lang(tgt_lang)
    if sl not in _READ or tl not in _READ or sl == tl or {sl, tl} <= {"zh", "ja"}:
        return []
    src = _nations(src_text, sl)
    if not src:
        return []
    tgt = _nations(tgt_text, tl)
    if not tgt:
        return []
    src_all = _named(src_text, sl)
    tgt_all = _named(tgt_text, tl)
    lost = [n for n in src if not n.codes & tgt_all]
    new = [n for n in tgt if not n.codes & src_all]
    return paired_mismatches("nationality", lost, new)
