"""Words turned to their opposite: the machinery :mod:`.trends` and :mod:`.stances` share.

A check of this kind holds, per language, the stems of one sense and of its
opposite ("rose" / "fell", "support" / "oppose") and reports a bead only when every
such word of one side goes one way and every one of the other side the other way.
A sentence with both ("exports rose while imports fell") or a negated one ("did not
decrease", "не поддерживаем": a negation in its clause) says nothing: precision
first, as polarity is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..types import Reason
from .common import _base_lang, _became, whole_words
from .polarity import _CLAUSE_BREAK, _negations

UP, DOWN = 1, -1  # one sense and its opposite


@dataclass(frozen=True)
class _Word:
    way: int
    start: int
    end: int
    negated: bool


@dataclass(frozen=True)
class Opposites:
    """One pair of opposite senses: language -> {UP: stems, DOWN: stems} (regexes on
    lower-cased text, a word's start; the rest of the word follows) and the flag it
    raises."""

    flag: str
    tables: dict[str, dict[int, str]]
    # language -> what both sides must be about for the words to mean these senses
    # ("lift" is the opposite of "impose" where sanctions are lifted); None: anything
    topics: dict[str, str] | None = None
    _patterns: dict[str, dict[int, re.Pattern[str]]] = field(init=False, repr=False)
    _topics: dict[str, re.Pattern[str]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        patterns = {
            lang: {way: re.compile(whole_words(p, lang)) for way, p in table.items()}
            for lang, table in self.tables.items()
        }
        object.__setattr__(self, "_patterns", patterns)
        topics = {lang: re.compile(whole_words(p, lang)) for lang, p in (self.topics or {}).items()}
        object.__setattr__(self, "_topics", topics)

    def _on_topic(self, text: str, lang: str) -> bool:
        if self.topics is None:
            return True
        pattern = self._topics.get(lang)
        return bool(pattern and pattern.search(text.lower()))

    def words(self, text: str, lang: str) -> list[_Word]:
        """Every word of either sense in text, and whether its clause is negated."""
        low = text.lower()
        found = [
            (way, m.start(), m.end())
            for way, pattern in self._patterns[lang].items()
            for m in pattern.finditer(low)
        ]
        if not found:
            return []

        def clause(at: int) -> int:
            return len(_CLAUSE_BREAK.findall(text, 0, at))

        negated = {clause(start) for start, _ in _negations(text, lang)}
        return sorted(
            (_Word(way, start, end, clause(start) in negated) for way, start, end in found),
            key=lambda w: w.start,
        )

    def compare(self, src_text: str, src_lang: str, tgt_text: str, tgt_lang: str) -> list[Reason]:
        """The flag when one side goes only one way and the other only the other."""
        sl, tl = _base_lang(src_lang), _base_lang(tgt_lang)
        if sl not in self.tables or tl not in self.tables:
            return []
        if not (self._on_topic(src_text, sl) and self._on_topic(tgt_text, tl)):
            return []
        src = self.words(src_text, sl)
        if not src:
            return []
        tgt = self.words(tgt_text, tl)
        way = _one_way(src)
        if not way or _one_way(tgt) != -way:
            return []
        s, t = src[0], tgt[0]
        return [_became(self.flag, src_text, (s.start, s.end), tgt_text, (t.start, t.end))]


def _one_way(words: list[_Word]) -> int:
    """UP or DOWN when every word goes that way and none is negated, else 0."""
    ways = {w.way for w in words}
    if len(ways) != 1 or any(w.negated for w in words):
        return 0
    return ways.pop()
