"""Which side of a figure a text puts the truth on: "more than 70" or "fewer than 70".

The number check matches "более 70 человек" with "70 people" and with "fewer than 70
people" alike: the figure is the same. A bound turned round is still a changed fact,
so the words right before a figure (and, in Chinese and Japanese, right after it)
are read as a lower bound ("more than", "at least", "свыше", 以上) or an upper one
("less than", "up to", "almost", "до", 不到, 未満). Only two explicit bounds that
face each other are a difference; "about 70" against either says nothing.
"""

from __future__ import annotations

import re

from .common import _table_lines

__all__ = ["bound_around"]

# "+": the figure is a floor; "-": a ceiling (including "almost", "up to"). Longer
# phrases are tried first, so "no more than" is a ceiling and "not less than" a floor.
_BEFORE_TEXT = """
+ more than|over|above|at least|upwards of|in excess of|exceeding|no fewer than
    |no less than|not less than|not fewer than|more than|>
- less than|fewer than|under|below|at most|up to|no more than|not more than|almost|nearly
    |just under|<
+ более|больше|свыше|сверх|не менее|не меньше|по меньшей мере|как минимум|минимум
- менее|меньше|не более|не больше|почти|до|максимум|не свыше
+ mehr als|über|mindestens|wenigstens
- weniger als|unter|höchstens|fast|beinahe|knapp|bis zu
+ nicht weniger als
- nicht mehr als
+ plus de|plus d'|au moins|au-delà de|pas moins de|pas moins d'
- moins de|moins d'|au plus|au maximum|presque|jusqu'à|pas plus de|pas plus d'
+ más de|al menos|por lo menos|più di|oltre|almeno|mais de|pelo menos|no menos de
    |non meno di|não menos de
- menos de|casi|hasta|como máximo|meno di|quasi|fino a|al massimo|quase|até|no más de
    |non più di|não mais de
+ أكثر من|ما يزيد على|ما يزيد عن|أزيد من|على الأقل
- أقل من|ما يقل عن|حتى
+ 超过|超過|逾|至少|多于|多於|高于|高於|少なくとも
- 不到|不足|少于|少於|低于|低於|近|将近|將近|至多|最多|最高
"""
_AFTER_TEXT = """
+ 以上|多|余|餘|超|余り|or more|and more|plus|\\+
- 以下|以内|以內|未満|弱|近く|or less|or fewer
"""


def _table(text: str) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for entry in _table_lines(text):
        direction, _, words = entry.partition(" ")
        rows += [(w, direction) for w in words.split("|")]
    return sorted(rows, key=lambda r: -len(r[0]))


_CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
_AFTER_ROWS = _table(_AFTER_TEXT)
# the bounds written before a figure, lower-cased, longest first: read by a suffix test
_BEFORE_ROWS = [(words.lower(), direction) for words, direction in _table(_BEFORE_TEXT)]


def _after_pattern(rows: list[tuple[str, str]]) -> re.Pattern[str]:
    alts = []
    for k, (words, _) in enumerate(rows):
        body = r"\+" if words == "\\+" else re.escape(words)
        if not _CJK.match(words) and words[0].isalpha():
            body += r"(?!\w)"
        alts.append(f"(?P<b{k}>{body})")
    # a counter may stand between a Chinese or Japanese figure and its bound: 70人以上
    return re.compile(r"[ \u00a0]*[人个個名位家次件岁歲]?(?:" + "|".join(alts) + ")", re.IGNORECASE)


_AFTER = _after_pattern(_AFTER_ROWS)


def _bound_before(text: str, start: int) -> tuple[str, int] | None:
    """(direction, where the bound begins) of the words that end right before ``start``."""
    window = text[max(0, start - 24) : start].rstrip(" \u00a0$€£¥₽")  # "more than $70"
    lower = window.lower()
    for words, direction in _BEFORE_ROWS:
        if not lower.endswith(words):
            continue
        at = len(window) - len(words)
        if words[0].isalpha() and not _CJK.match(words) and at and window[at - 1].isalnum():
            continue  # inside a word: "turnover 70" is no "over 70"
        return direction, max(0, start - 24) + at
    return None


def bound_around(text: str, start: int, end: int) -> tuple[str, str] | None:
    """("+" floor | "-" ceiling, the figure with its bound as written: "more than 70")
    of the figure at ``start:end``, read from the words right before it ("more than
    70", "свыше 70", 不到70) or right after it (70多, "70 or more"), or None."""
    before = _bound_before(text, start)
    if before is not None:
        return before[0], text[before[1] : end]
    m = _AFTER.match(text, end)
    if m is not None and m.lastgroup is not None:
        return _AFTER_ROWS[int(m.lastgroup[1:])][1], text[start : m.end()]
    return None
