"""Helpers every check shares: word-list tables, language codes, "X became Y" reasons."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Protocol

from ..types import Reason

# The digits of Chinese and Japanese numerals (their units, 十 百 千 万, are read apart).
_CJK_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}

# Scripts without letter case: a name there cannot be told from a word by its capital.
_UNCASED = frozenset({"ar", "zh", "ja", "ko"})


# Scripts written without spaces: a word is found anywhere, not only between word breaks.
UNSPACED = frozenset({"zh", "ja"})


def whole_words(pattern: str, lang: str) -> str:
    """``pattern`` matched as whole words ("rose", not "prose"); in Chinese and Japanese,
    written without spaces, anywhere."""
    return f"(?:{pattern})" if lang in UNSPACED else rf"(?<!\w)(?:{pattern})(?!\w)"


def _set(words: str) -> frozenset[str]:
    """A table written as whitespace-separated words."""
    return frozenset(words.split())


def _table_lines(table: str) -> list[str]:
    """A table written one entry a line, an indented line continuing the entry above."""
    return re.sub(r"\n\s+", "", table).strip().splitlines()


def _base_lang(lang: str) -> str:
    """'zh-Hans', 'pt_BR' -> 'zh', 'pt': the tables are per base language."""
    return re.split(r"[-_]", lang.strip().lower())[0]


def _became(
    kind: str, src_text: str, src: tuple[int, int], tgt_text: str, tgt: tuple[int, int]
) -> Reason:
    """A reason whose source words turned into these target words."""
    return {
        "type": kind,
        "src": list(src),
        "tgt": list(tgt),
        "detail": f"'{src_text[slice(*src)]}' became '{tgt_text[slice(*tgt)]}'",
    }


class Mention(Protocol):
    """Something a check found in a text: where, and as written."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def surface(self) -> str: ...


def paired_mismatches(what: str, lost: Sequence[Mention], new: Sequence[Mention]) -> list[Reason]:
    """``entity_mismatch`` for the mentions each side has and the other lacks, paired in
    order: "title 'Президент' became 'Prime Minister'"."""
    return [
        {
            "type": "entity_mismatch",
            "src": [s.start, s.end],
            "tgt": [t.start, t.end],
            "detail": f"{what} '{s.surface}' became '{t.surface}'",
        }
        for s, t in zip(lost, new, strict=False)
    ]


# A capitalised word this common in English is no sign of a name by itself ("in Spring",
# "Long Beach"): wordfreq's Zipf frequency at or above this.
COMMON_ENGLISH_ZIPF = 4.0


@lru_cache(maxsize=8192)
def _common_english(word: str) -> bool:
    """Whether a lower-case word is common in English (wordfreq, loaded on first use)."""
    from wordfreq import zipf_frequency

    return bool(zipf_frequency(word, "en") >= COMMON_ENGLISH_ZIPF)
