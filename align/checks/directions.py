"""Compass directions: ``entity_mismatch`` when north became south, or east west.

"Войска отошли на север" -> "The troops withdrew to the south", "انسحبت القوات إلى
الشمال" -> "to the south": a front line moved across the map in one word, and the
sentence vectors stay where they were (drift 0.22-0.25, no flag before).

Each side's directions are read by their stems, with their adjectives and compounds
("северо-восток" is north and east, "Middle East" east, "South Ossetia" south):
English, Russian and Arabic (the article and the conjunctions may lead: "والشمال";
"المغرب", Morocco, is no west), German (a compound by its start: "Nordwand", "Südafrika";
not "Ostern"), French and Spanish ("est" and "este" only after an article or a
preposition: they are also "is" and "this"). As places are compared, a direction is
reported only when each side has one the other lacks, paired in order; one dropped or
added says nothing. Chinese writes directions inside names (北京 Beijing, 南非 South
Africa): not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..types import Reason
from .common import _base_lang, paired_mismatches, whole_words

__all__ = ["compare_directions"]

# language -> direction -> stems (regexes on lower-cased text, a word's start)
_STEMS: dict[str, dict[str, str]] = {
    "en": {
        "north": r"north(?:ern|erly|erlies|ward|wards|erner|erners)?",
        "south": r"south(?:ern|erly|erlies|ward|wards|erner|erners)?",
        "east": r"east(?:ern|erly|erlies|ward|wards)?",
        "west": r"west(?:ern|erly|erlies|ward|wards|erner|erners)?",
    },
    "ru": {
        "north": r"север\w*",
        "south": r"юг|юга|югу|югом|юге|южн\w*|юго",
        "east": r"восток\w*|восточн\w*",
        # not "западня" (a trap)
        "west": r"запад(?!н(?:я|и|ю|ей|ями|ях|ям)\b)\w*",
    },
    # German compounds start with their direction ("Nordwand", "Südafrika", "Westjordanland")
    "de": {
        "north": r"nord\w*|nördlich\w*",
        "south": r"süd\w*|sued\w*",
        "east": r"ost(?!ern)\w*|östlich\w*|oestlich\w*",
        "west": r"west\w*",
    },
    # French "est" and Spanish "este" are also "is" and "this": only after an article or
    # a preposition
    "fr": {
        "north": r"nord\w*|septentrional\w*",
        "south": r"sud\w*|méridional\w*",
        "east": r"(?:l'|l’|de\s+l'|à\s+l'|au\s+)est|oriental\w*",
        "west": r"ouest\w*|occidental\w*",
    },
    "es": {
        "north": r"norte\w*|septentrional\w*|norteñ\w*",
        "south": r"sur|sureñ\w*|meridional\w*",
        "east": r"(?:el|al|del)\s+este|oriental\w*",
        "west": r"oeste|occidental\w*",
    },
    "ar": {
        "north": r"(?:و|ف|ب|ل)?(?:ال|لل)?شمال\w*",
        "south": r"(?:و|ف|ب|ل)?(?:ال|لل)?جنوب\w*",
        "east": r"(?:و|ف|ب|ل)?(?:ال|لل)?شرق\w*",
        "west": r"(?:و|ف|ب|ل)?(?:ال|لل)?غرب\w*",
    },
}
# compounds name two directions: "north-east", "northeastern", "nordöstlich", "Südwesten"
# ("северо-восток", "юго-запад" are two words to the tokeniser)
_COMPOUNDS = {
    "en": re.compile(r"(?<!\w)(north|south)-?(east|west)(?:ern|erly|ward|wards)?(?!\w)"),
    "de": re.compile(r"(?<!\w)(nord|süd|sued)-?(ost|öst|oest|west)\w*"),
}
_GERMAN = {"nord": "north", "süd": "south", "sued": "south", "ost": "east", "öst": "east"}
_GERMAN |= {"oest": "east", "west": "west"}


@dataclass(frozen=True)
class _Direction:
    way: str
    start: int
    end: int
    surface: str


_PATTERNS = {
    lang: [(way, re.compile(whole_words(p, lang))) for way, p in table.items()]
    for lang, table in _STEMS.items()
}


def _directions(text: str, lang: str) -> list[_Direction]:
    low = text.lower()
    out = []
    compound = _COMPOUNDS.get(lang)
    if compound:
        for m in compound.finditer(low):
            ways = [_GERMAN.get(w, w) for w in m.groups()]
            out += [_Direction(w, m.start(), m.end(), text[m.start() : m.end()]) for w in ways]
        low = compound.sub(lambda m: "_" * len(m.group()), low)
    for way, pattern in _PATTERNS[lang]:
        out += [
            _Direction(way, m.start(), m.end(), text[m.start() : m.end()])
            for m in pattern.finditer(low)
        ]
    return sorted(out, key=lambda d: d.start)


def compare_directions(src_text: str, src_lang: str, tgt_text: str, tgt_lang: str) -> list[Reason]:
    """``entity_mismatch`` for a direction of one side the other turned into another."""
    sl, tl = _base_lang(src_lang), _base_lang(tgt_lang)
    if sl not in _STEMS or tl not in _STEMS or sl == tl:
        return []
    src = _directions(src_text, sl)
    if not src:
        return []
    tgt = _directions(tgt_text, tl)
    src_ways, tgt_ways = {d.way for d in src}, {d.way for d in tgt}
    lost = [d for d in src if d.way not in tgt_ways]
    new = [d for d in tgt if d.way not in src_ways]
    return paired_mismatches("direction", lost, new)
