"""Occasions: ``number_mismatch`` when a first time is said as a second, or the reverse.

"Президент впервые посетил Египет" -> "The president visited Egypt for the second
time" passed with no flag: the number check leaves "first" out (it is too often an
idiom: "first of all", "at first", "zum ersten Mal" for "once"), so a first visit
made a repeat one, or a repeat made a first, was never compared. Official
statements make much of firsts.

This check reads only the phrases that count occasions ("for the first time",
"впервые", "в третий раз", "لأول مرة", "للمرة الثانية", 首次, 第二次, "zum ersten Mal",
"pour la première fois", "por segunda vez") and reports a bead when each side has
one such phrase, they differ, and one of them is the first: a second said as a
third is the number check's already ("2 vs 3"). A negated first ("not the first
time", "не впервые") counts as no phrase. Read in en, ru, ar, zh, de, fr, es.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..types import Reason
from .common import _base_lang, whole_words

__all__ = ["compare_occasions"]


def _ranks(words: str) -> dict[str, int]:
    """Ordinal words from the second on, in order ("/" between two words of one rank):
    word -> its value."""
    return {w: k + 2 for k, rank in enumerate(words.split()) for w in rank.split("/")}


# the first time, per language
_FIRST: dict[str, str] = {
    "en": r"(?:for\s+)?the\s+first(?:\s+ever|-ever)?\s+time|first[\s-]ever",
    "ru": r"впервые|(?:в\s+)?первый\s+раз",
    "ar": r"[لل]?(?:أول|اول)\s+مرة|للمرة\s+الأولى|للمرة\s+الاولى",
    "zh": r"首次|第一次|头一次|初次|第1次",
    "de": r"zum\s+ersten\s+mal|erstmals|erstmalig|das\s+erste\s+mal",
    "fr": r"(?:pour\s+)?la\s+première\s+fois",
    "es": r"(?:por\s+)?primera\s+vez|la\s+primera\s+vez",
}
# the n-th time, its ordinal as group "n", and the ordinals' values (Russian: stems,
# which take the ending of "второй", "третий", "пятый")
_NTH: dict[str, tuple[str, dict[str, int]]] = {
    "en": (
        r"(?:for\s+)?the\s+(?P<n>\w+)\s+time",
        _ranks("second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth"),
    ),
    "ru": (
        r"(?:(?:в|во)\s+)?(?P<n>\w+)\s+раз|вторично",
        _ranks("втор трет четверт пят шест седьм восьм девят десят"),
    ),
    "ar": (
        r"للمرة\s+(?P<n>\w+)",
        _ranks("الثانية الثالثة الرابعة الخامسة السادسة السابعة الثامنة التاسعة العاشرة"),
    ),
    "zh": (r"第(?P<n>[二三四五六七八九十])次", _ranks(" ".join("二三四五六七八九十"))),
    "de": (
        r"zum\s+(?P<n>\w+)\s+mal",
        _ranks("zweiten dritten vierten fünften sechsten siebten achten neunten zehnten"),
    ),
    "fr": (
        r"(?:pour\s+)?la\s+(?P<n>\w+)\s+fois",
        _ranks("deuxième/seconde troisième quatrième cinquième sixième septième huitième"),
    ),
    "es": (
        r"(?:por\s+)?(?P<n>\w+)\s+vez",
        _ranks("segunda tercera cuarta quinta sexta séptima octava novena décima"),
    ),
}
_RU_ENDINGS = ("ой", "ий", "ый")
_NOT_BEFORE = re.compile(
    r"(?:\b(?:not|no|не|nicht|pas)|ليست|ليس|لم|不是|并非|非)\s*$", re.IGNORECASE
)


@dataclass(frozen=True)
class _Occasion:
    value: int
    start: int
    end: int


def _rank(word: str, ordinals: dict[str, int], lang: str) -> int | None:
    """2 for "second", "втором", "الثانية", 二; None for a word that is no ordinal."""
    if lang != "ru":
        return ordinals.get(word)
    word = word.replace("ё", "е")
    for stem, value in ordinals.items():
        # "в пять раз" is five times as much, not a fifth time
        if word.startswith(stem) and word[len(stem) :] in _RU_ENDINGS:
            return value
    return None


def occasions(text: str, lang: str) -> list[_Occasion]:
    """Every phrase of ``text`` that counts occasions, with its count."""
    lang = _base_lang(lang)
    if lang not in _FIRST:
        return []
    low = text.lower()
    found: list[_Occasion] = []
    for m in re.finditer(whole_words(_FIRST[lang], lang), low):
        found.append(_Occasion(1, m.start(), m.end()))
    pattern, ordinals = _NTH[lang]
    for m in re.finditer(whole_words(pattern, lang), low):
        n = m.groupdict().get("n")
        value = 2 if n is None else _rank(n, ordinals, lang)  # "вторично"
        if value:
            found.append(_Occasion(value, m.start(), m.end()))
    return [o for o in found if not _NOT_BEFORE.search(low, 0, o.start)]


def compare_occasions(src_text: str, src_lang: str, tgt_text: str, tgt_lang: str) -> list[Reason]:
    """``number_mismatch`` when a first time became an n-th or the reverse."""
    src = occasions(src_text, src_lang)
    if len(src) != 1:
        return []
    tgt = occasions(tgt_text, tgt_lang)
    if len(tgt) != 1:
        return []
    s, t = src[0], tgt[0]
    if s.value == t.value or 1 not in (s.value, t.value):
        return []
    was, became = src_text[s.start : s.end], tgt_text[t.start : t.end]
    return [
        {
            "type": "number_mismatch",
            "src": [s.start, s.end],
            "tgt": [t.start, t.end],
            "src_value": s.value,
            "tgt_value": t.value,
            "detail": f"'{was}' became '{became}' (occasion {s.value} vs {t.value})",
        }
    ]
