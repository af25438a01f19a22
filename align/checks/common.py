"""Helpers every check shares: word-list tables, language codes, "X became Y" reasons."""

from __future__ import annotations

import re

from ..types import Reason

# Scripts without letter case: a name there cannot be told from a word by its capital.
_UNCASED = frozenset({"ar", "zh", "ja", "ko"})


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
