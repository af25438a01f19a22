"""Chinese names written in pinyin, and whether a Chinese text spells them.

English writes a Chinese person's name in pinyin ("Wang Yi", "Xi Jinping", "Qin
Gang"), so a Chinese source can be asked whether it holds the characters that
read so: "王毅外长表示" rendered "Foreign Minister Qin Gang said" names another
minister. Readings come from ``pypinyin`` (MIT) with every reading of a character
(surnames such as 单 read "shan"); tones are dropped, as English drops them.

Precision first: a run of two or more capitalised words each of which is one or two
pinyin syllables, one of them spelled as only pinyin spells (x, q, zh, a final ng, ao,
ou, ai, ei, ...), not a place of the tables and not only common English words
("Long Beach"), is taken for a Chinese name ("Badia Polesine", ba-di-a po-le-si-ne,
and "Kate Mansi" are not; "Li Na" is missed). A name of other origin
("Putin", 普京 "pujing") is never judged here.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .common import _common_english

__all__ = ["pinyin_names", "spelled_in_hanzi"]

_WORD = re.compile(r"[A-Z][a-z]+(?:-[a-z]+)?")
# spellings pinyin has and English, Japanese or Urdu names of open syllables ("Kate
# Mansi", "Chichi Jima", "Bani Gala") mostly lack: one word of the name must hold one
_PINYIN_MARK = re.compile(r"x|q|zh|ng\b|ao|ou|ai|ei|ui|iu|ua|uo")


@lru_cache(maxsize=1)
def _syllables() -> frozenset[str]:
    """Every toneless reading pypinyin gives a CJK Unified Ideograph (about 400)."""
    from pypinyin import Style, pinyin

    out: set[str] = set()
    for cp in range(0x4E00, 0xA000):
        for reading in pinyin(chr(cp), style=Style.NORMAL, heteronym=True)[0]:
            if reading.isascii() and reading.isalpha() and re.search(r"[aeiouv]", reading):
                out.add(reading.replace("v", "u"))
    return frozenset(out)


@lru_cache(maxsize=8192)
def _splits(word: str) -> bool:
    """Whether a lower-case word is one or two pinyin syllables ("jinping": jin + ping), as
    a Chinese surname or given name is; "Badia" (ba-di-a) or "Polesine" is no such name."""
    syllables = _syllables()
    fewest = [0] + [9] * len(word)  # fewest syllables spelling word[:end]
    for end in range(1, len(word) + 1):
        fewest[end] = min(
            [fewest[start] + 1 for start in range(end) if word[start:end] in syllables] + [9]
        )
    return fewest[-1] <= 2


def pinyin_names(text: str) -> list[tuple[int, int, str]]:
    """(start, end, letters) of the runs of capitalised pinyin words in English ``text``;
    letters is the name in lower case without spaces or hyphens ("xijinping")."""
    from .places import is_place

    out: list[tuple[int, int, str]] = []
    run: list[re.Match[str]] = []

    def close() -> None:
        words = [m.group() for m in run]
        if (
            len(run) >= 2
            and any(_PINYIN_MARK.search(w.lower()) for w in words)
            and not all(_common_english(w.lower()) for w in words)
            and not is_place(" ".join(words), "en")
        ):
            letters = "".join(words).lower().replace("-", "")
            out.append((run[0].start(), run[-1].end(), letters))
        run.clear()

    for m in _WORD.finditer(text):
        if run and text[run[-1].end() : m.start()] != " ":
            close()
        if _splits(m.group().lower().replace("-", "")):
            run.append(m)
        else:
            close()  # "President | Xi Jinping": the name is the pinyin words after it
    close()
    return out


@lru_cache(maxsize=4096)
def _readings(text: str) -> tuple[frozenset[str], ...]:
    """Every toneless reading of each character of text (none for a non-Chinese one)."""
    from pypinyin import Style, pinyin

    return tuple(
        frozenset(r.replace("v", "u") for r in pinyin(ch, style=Style.NORMAL, heteronym=True)[0])
        if "\u4e00" <= ch <= "\u9fff"
        else frozenset()
        for ch in text
    )


def spelled_in_hanzi(letters: str, text: str) -> bool:
    """Whether consecutive characters of ``text`` read ``letters`` ("xijinping": 习近平)."""
    readings = _readings(text)
    for start in range(len(readings)):
        todo = [(start, 0)]
        while todo:
            k, at = todo.pop()
            if at == len(letters):
                return True
            if k >= len(readings):
                continue
            todo += [(k + 1, at + len(r)) for r in readings[k] if letters.startswith(r, at)]
    return False
