"""Roles: ``role_reversed`` when where something goes, or comes from, moved to the other place.

"Россия поставляет газ в Турцию" -> "Turkey supplies gas to Russia" keeps both
countries, so the place check sees nothing lost, and its vectors sit as close as a
faithful rendering's (drift 0.10 before this check): who supplies whom, who visits
whom, turned round.

This check reads the one role a word marks in every language: the destination
("to", "into", "towards"; Russian "в"/"на" with the accusative; Arabic "إلى",
"نحو"; Chinese 向, 到, 往, 赴, 前往) and the origin ("from"; "из", "от"; "من"; 从, 自)
of the places the place check knows (:mod:`.places`: countries and cities, from CLDR
and GeoNames, in every script). A bead is reported when both sides name the same two
places, each side marks exactly one of them as the destination (or as the origin),
and the marked one differs. Places in one list ("from Russia and China", "from the
Gaza Strip, the West Bank, or Jerusalem") share one role word and may come in any
order: they say nothing. The two places must be of one kind (two
countries, two cities: "Samarkand, Uzbekistan" is one place). A place in the Russian
prepositional case ("в Турции", "в Москве": in, not to) is no destination, nor one
after "к" ("любовь к России"). Subject and object without such a word ("Russia
attacked Ukraine" -> "Украина атаковала Россию", the Russian dative "передаст
Кыргызстану") are not read. Read in English, Russian, Arabic and Chinese.
"""

from __future__ import annotations

import re

from ..types import Reason
from .common import _base_lang
from .places import Concept, _mentions

__all__ = ["compare_roles"]

TO, FROM = "destination", "origin"

# the word right before a place that marks its role, per language (lower-cased)
_MARKERS: dict[str, dict[str, str]] = {
    "en": {"to": TO, "into": TO, "towards": TO, "toward": TO, "from": FROM},
    # not "к": "любовь к России" is love of Russia, not a way there
    "ru": {"в": TO, "во": TO, "на": TO, "из": FROM, "от": FROM},
    "ar": {"إلى": TO, "الى": TO, "نحو": TO, "من": FROM},
}
# Chinese marks the role with a character glued to the name
_ZH_MARKERS = {"向": TO, "到": TO, "往": TO, "赴": TO, "前往": TO, "从": FROM, "自": FROM}
# Russian "в"/"на" take the accusative for a destination ("в Турцию", "в Иран") and the
# prepositional for a location ("в Турции", "в Иране", "в Москве")
_RU_LOCATIVE = re.compile(r"(?:и|е|ё)$")
_WORD_BEFORE = re.compile(r"(\w+)\s+$")


def _role(text: str, start: int, surface: str, lang: str) -> str | None:
    """The role the word before a place gives it ("to Russia": destination), or None."""
    if lang == "zh":
        before = text[max(0, start - 2) : start]
        return next((r for mark, r in _ZH_MARKERS.items() if before.endswith(mark)), None)
    m = _WORD_BEFORE.search(text, 0, start)
    if m and lang == "en" and m.group(1).lower() == "the":  # "to the United States"
        m = _WORD_BEFORE.search(text, 0, m.start(1))
    if not m:
        return None
    marker = m.group(1).lower()
    if lang == "ru" and marker in ("в", "во", "на") and _RU_LOCATIVE.search(surface.lower()):
        return None  # "в Турции": where, not whither
    return _MARKERS.get(lang, {}).get(marker)


def _places(text: str, lang: str) -> list[tuple[frozenset[Concept], str | None, str, int, int]]:
    """The places of text the tables know, each with its role."""
    return [
        (m.concepts, _role(text, m.start, m.surface, lang), m.surface, m.start, m.end)
        for m in _mentions(text, lang)
        if m.kind == "place" and m.concepts
    ]


# what joins the places of a list: "from the Gaza Strip, the West Bank, or Jerusalem"
_LIST = re.compile(r",|，|、|;|\b(?:and|or|и|или|либо)\b|[和与及]|(?<!\w)و", re.IGNORECASE)


def _listed(text: str, places: list[tuple[frozenset[Concept], str | None, str, int, int]]) -> bool:
    """Whether the places stand in one list: the role word before the first is shared."""
    return bool(_LIST.search(text, places[0][4], places[-1][3]))


def _same(a: frozenset[Concept], b: frozenset[Concept]) -> bool:
    return bool(a & b)


def compare_roles(src_text: str, src_lang: str, tgt_text: str, tgt_lang: str) -> list[Reason]:
    """``role_reversed`` when the destination (or origin) moved to the other of two places."""
    sl, tl = _base_lang(src_lang), _base_lang(tgt_lang)
    if not all(lang in _MARKERS or lang == "zh" for lang in (sl, tl)):
        return []
    src = _places(src_text, sl)
    if len(src) < 2:
        return []
    tgt = _places(tgt_text, tl)
    if len(tgt) < 2:
        return []
    # the same two places on both sides, and no other, of one kind: a city and a country
    # may be one place ("Samarkand, Uzbekistan")
    src_set = {frozenset(c) for c, *_ in src}
    if len(src_set) != 2 or not all(any(_same(c, t[0]) for t in tgt) for c in src_set):
        return []
    if len({kind for c in src_set for kind, _ in c}) != 1:
        return []
    if not all(any(_same(t[0], c) for c in src_set) for t in tgt):
        return []
    # in a list ("from Russia and China", "из сектора Газа, с Западного берега или из
    # Иерусалима") one role word serves every place, and the order of a list is free
    if _listed(src_text, src) or _listed(tgt_text, tgt):
        return []
    for role in (TO, FROM):
        s = [p for p in src if p[1] == role]
        t = [p for p in tgt if p[1] == role]
        if len(s) == 1 and len(t) == 1 and not _same(s[0][0], t[0][0]):
            return [
                {
                    "type": "role_reversed",
                    "src": [s[0][3], s[0][4]],
                    "tgt": [t[0][3], t[0][4]],
                    "detail": f"the {role} '{s[0][2]}' became '{t[0][2]}'",
                }
            ]
    return []
