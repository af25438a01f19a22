"""Titles of office: ``entity_mismatch`` when one became another.

"the President" rendered as "the Prime Minister", "посол" as "minister", "الملك" as
"the Crown Prince" move a sentence vector no more than a synonym would, yet they name
another person.  Each language's words for an office map to the offices they can
mean: French "président" and Russian "председатель" are a president or a chair,
Arabic "رئيس" heads a state, a body or (with "الوزراء") a government, Chinese
主席 is a chairman and China's president; two titles differ only when no office is
common to both.

Precision first, as for places: a title is reported only when it has no counterpart
on the other side AND the other side has a title with no counterpart either; they
are paired in order.  A title dropped or rendered by a description ("глава
государства") says nothing here.  A deputy's title ("vice-president",
"заместитель министра") is another office than its holder's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..types import Reason
from .common import _base_lang, paired_mismatches
from .names import _ar_forms, _words

__all__ = ["compare_titles"]

# Offices: language -> [(words of a title, offices it may name)].  Longer titles are
# tried first ("prime minister" before "minister"); a word matches its stem plus a
# case ending in the inflecting languages ("министра", "Präsidenten").
_OFFICES: dict[str, list[tuple[str, str]]] = {
    "en": [
        ("vice president", "vice-president"), ("vice-president", "vice-president"),
        ("deputy prime minister", "deputy-pm"), ("prime minister", "pm"), ("premier", "pm"),
        ("deputy minister", "deputy-minister"), ("minister", "minister"),
        ("secretary general", "secretary-general"), ("secretary-general", "secretary-general"),
        ("secretary", "minister secretary"), ("president", "president"),
        ("chancellor", "chancellor"), ("chairman", "chair"), ("chairwoman", "chair"),
        ("chairperson", "chair"), ("speaker", "chair"), ("king", "king"), ("queen", "queen"),
        ("crown prince", "crown-prince"), ("prince", "prince"), ("emir", "emir prince"),
        ("ambassador", "ambassador"), ("governor", "governor"), ("mayor", "mayor"),
        ("pope", "pope"),
    ],
    "ru": [  # stems: a case ending may follow (see _ENDINGS)
        ("вице-президент", "vice-president"), ("вице-премьер", "deputy-pm"),
        ("заместител председател правительств", "deputy-pm"),
        ("председател правительств", "pm"), ("премьер-министр", "pm"), ("премьер", "pm"),
        ("заместител министр", "deputy-minister"), ("замминистр", "deputy-minister"),
        ("министр", "minister"), ("генеральн секретар", "secretary-general"),
        ("генсек", "secretary-general"), ("госсекретар", "minister"),
        ("президент", "president"), ("председател", "chair president"),
        ("спикер", "chair"), ("канцлер", "chancellor"), ("корол", "king"),
        ("королев", "queen"), ("наследн принц", "crown-prince"), ("принц", "prince"),
        ("эмир", "emir prince"), ("посол", "ambassador"), ("посла", "ambassador"),
        ("послу", "ambassador"), ("послом", "ambassador"), ("послы", "ambassador"),
        ("послов", "ambassador"), ("губернатор", "governor"), ("мэр", "mayor"),
        ("пап римск", "pope"),
    ],
    "de": [
        ("vizepräsident", "vice-president"), ("vizekanzler", "deputy-pm"),
        ("bundespräsident", "president"), ("bundespräsidentin", "president"),
        ("premierminister", "pm"), ("ministerpräsident", "pm"), ("regierungschef", "pm"),
        ("minister", "minister"), ("ministerin", "minister"),
        ("generalsekretär", "secretary-general"), ("präsident", "president chair"),
        ("präsidentin", "president chair"), ("bundeskanzler", "chancellor"),
        ("bundeskanzlerin", "chancellor"), ("kanzler", "chancellor"),
        ("kanzlerin", "chancellor"), ("vorsitzende", "chair"), ("vorsitzender", "chair"),
        ("könig", "king"), ("königin", "queen"), ("kronprinz", "crown-prince"),
        ("prinz", "prince"), ("emir", "emir prince"), ("botschafter", "ambassador"),
        ("botschafterin", "ambassador"), ("gouverneur", "governor"),
        ("bürgermeister", "mayor"), ("papst", "pope"),
    ],
    "fr": [
        ("vice-président", "vice-president"), ("premier ministre", "pm"),
        ("ministre", "minister"), ("secrétaire général", "secretary-general"),
        ("président", "president chair"), ("présidente", "president chair"),
        ("chancelier", "chancellor"), ("chancelière", "chancellor"), ("roi", "king"),
        ("reine", "queen"), ("prince héritier", "crown-prince"), ("prince", "prince"),
        ("émir", "emir prince"), ("ambassadeur", "ambassador"),
        ("ambassadrice", "ambassador"), ("gouverneur", "governor"), ("maire", "mayor"),
        ("pape", "pope"),
    ],
    "es": [
        ("vicepresidente", "vice-president"), ("primer ministro", "pm"),
        ("primera ministra", "pm"), ("ministro", "minister"), ("ministra", "minister"),
        ("secretario general", "secretary-general"), ("presidente", "president chair"),
        ("presidenta", "president chair"), ("canciller", "chancellor minister"),
        ("rey", "king"), ("reina", "queen"), ("príncipe heredero", "crown-prince"),
        ("príncipe", "prince"), ("embajador", "ambassador"), ("embajadora", "ambassador"),
        ("gobernador", "governor"), ("alcalde", "mayor"), ("alcaldesa", "mayor"),
        ("papa", "pope"),
    ],
    "ar": [  # without the article or a proclitic: "الرئيس", "بالرئيس" are "رئيس"
        ("نائب الرئيس", "vice-president"), ("نائب رئيس الوزراء", "deputy-pm"),
        ("رئيس الوزراء", "pm"), ("رئيس الحكومة", "pm"), ("وزير", "minister"),
        ("وزيرة", "minister"), ("وزراء", "minister"), ("أمين العام", "secretary-general"),
        ("رئيس", "president chair pm"), ("رئيسة", "president chair pm"),
        ("مستشار", "chancellor"), ("ملك", "king"), ("ملكة", "queen"),
        ("ولي العهد", "crown-prince"), ("أمير", "prince emir crown-prince"),
        ("سفير", "ambassador"), ("سفراء", "ambassador"), ("محافظ", "governor"),
        ("عمدة", "mayor"), ("بابا", "pope"),
    ],
    "zh": [
        ("副总统", "vice-president"), ("副总理", "deputy-pm"), ("总理", "pm"),
        ("首相", "pm"), ("副部长", "deputy-minister"), ("部长", "minister"),
        ("外长", "minister"), ("秘书长", "secretary-general"), ("总统", "president"),
        ("主席", "chair president"), ("国王", "king"),
        ("女王", "queen"), ("王储", "crown-prince"), ("大使", "ambassador"),
        ("州长", "governor"), ("市长", "mayor"), ("教皇", "pope"), ("教宗", "pope"),
    ],
}  # fmt: skip

# Endings after a title's stem: cases in Russian and German, plurals and the possessive.
_ENDINGS = {
    "ru": re.compile(
        r"(?:[аеиоуыэюяйь]|ом|ем|ём|ой|ей|ам|ям|ами|ями|ах|ях|ов|ев|ого|его|ому|ему|ым|им|ых"
        r"|их|ий|ый|ую|юю|ая|яя|ое|ее|ые|ие)?"
    ),
    "de": re.compile(r"(?:en|n|s|es|nen)?"),
    "en": re.compile(r"(?:s|es|'s|’s|s'|s’)?"),
    "fr": re.compile(r"(?:s|x)?"),
    "es": re.compile(r"(?:s|es)?"),
}
_CJK = frozenset({"zh", "ja"})
# A deputy's title may have words between ("deputy interior minister", "stellvertretenden
# Premierminister", "заместитель министра внутренних дел"): one of these up to two words
# before a title makes it the deputy's office.
_DEPUTY = {
    "en": re.compile(r"deputy|vice"),
    "ru": re.compile(r"заместител[ьяюемий]*|зам|вице"),
    "de": re.compile(r"stellvertretende[nrs]?|vize"),
    "fr": re.compile(r"vice|adjoint[es]*"),
    "es": re.compile(r"vice|adjunt[oa]s?"),
    "ar": re.compile(r"نائب|ونائب"),
}


@dataclass(frozen=True)
class _Title:
    offices: frozenset[str]
    start: int
    end: int
    surface: str


Row = tuple[tuple[str, ...], frozenset[str]]


@lru_cache(maxsize=16)
def _table(lang: str) -> list[Row]:
    rows = [(tuple(t.split()), frozenset(o.split())) for t, o in _OFFICES.get(lang, [])]
    return sorted(rows, key=lambda r: -len(r[0]))


@lru_cache(maxsize=16)
def _by_first(lang: str) -> dict[str, list[Row]]:
    """The table's rows by the first two letters of their first word (longest first):
    a word of text is tried only against the titles it may start."""
    out: dict[str, list[Row]] = {}
    for row in _table(lang):
        out.setdefault(row[0][0][:2], []).append(row)
    return out


def _word_is(word: str, title_word: str, lang: str) -> bool:
    """Whether a (lower-case) word of text is a word of a title, with its ending."""
    if word == title_word:
        return True
    if lang == "ar":
        return title_word in _ar_forms(word)
    ending = _ENDINGS.get(lang)
    return bool(
        ending and word.startswith(title_word) and ending.fullmatch(word[len(title_word) :])
    )


def _titles(text: str, lang: str) -> list[_Title]:
    """The titles of office in text, longest first where they overlap."""
    table = _table(lang)
    if not table:
        return []
    if lang in _CJK:
        out: list[_Title] = []
        for title, offices in table:
            # a title inside a longer word: 大使馆 (embassy), 城市长期 (urban, long-term)
            for m in re.finditer(re.escape(title[0]) + r"(?![馆館期])", text):
                if not any(t.start < m.end() and m.start() < t.end for t in out):
                    deputy_of = text[m.start() - 1 : m.start()] == "副"
                    found = frozenset(f"deputy-{o}" for o in offices) if deputy_of else offices
                    out.append(_Title(found, m.start(), m.end(), m.group()))
        return sorted(out, key=lambda t: t.start)
    words = _words(text)
    low = [w.text.lower() for w in words]
    deputy = _DEPUTY.get(lang)
    by_first = _by_first(lang)
    out = []
    i = 0
    while i < len(words):
        firsts = _ar_forms(low[i]) if lang == "ar" else [low[i]]
        rows = [r for f in dict.fromkeys(f[:2] for f in firsts) for r in by_first.get(f, ())]
        for title, offices in sorted(rows, key=lambda r: -len(r[0])):
            n = len(title)
            if i + n <= len(words) and all(_word_is(low[i + k], title[k], lang) for k in range(n)):
                start = words[i].start
                before = [
                    j for j in (i - 1, i - 2) if j >= 0 and deputy and deputy.fullmatch(low[j])
                ]
                if before and not any(o.startswith(("deputy", "vice")) for o in offices):
                    offices = frozenset(f"deputy-{o}" for o in offices)
                    start = words[before[0]].start
                out.append(_Title(offices, start, words[i + n - 1].end, ""))
                i += n
                break
        else:
            i += 1
    return [_Title(t.offices, t.start, t.end, text[t.start : t.end]) for t in out]


def compare_titles(src_text: str, src_lang: str, tgt_text: str, tgt_lang: str) -> list[Reason]:
    """``entity_mismatch`` for a title of office that became another office."""
    sl, tl = _base_lang(src_lang), _base_lang(tgt_lang)
    if sl not in _OFFICES or tl not in _OFFICES:
        return []
    src = _titles(src_text, sl)
    if not src:
        return []
    tgt = _titles(tgt_text, tl)
    if not tgt:
        return []
    # one to one: "the President met the Prime Minister" -> "the Prime Minister met the
    # Prime Minister" has one title left on each side
    new = list(tgt)
    lost = []
    for s in src:
        match = next((t for t in new if s.offices & t.offices), None)
        if match is None:
            lost.append(s)
        else:
            new.remove(match)
    return paired_mismatches("title", lost, new)
