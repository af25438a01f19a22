"""Shares said in words: "a third of", "треть", 三分之一, "la moitié", "zwei Drittel",
"one in three", "каждый третий", "jeder Dritte".

The number reader takes "Две трети" for a 2 and 三分之一 for a 3 and a 1, and reads
"a quarter of" or "половина" not at all, so "треть жителей" → "a quarter of the
residents" passes and "половина" → "50%" reads as an added figure. Here a share is
read as the percentage it is (a third: 33.3), to be compared with the other side's
shares and percentages. A share word alone says little ("half an hour", "четверть
века", "the first half"): the number check pairs it only with a share or percentage
the other side has left.
"""

from __future__ import annotations

import re

from .common import _CJK_DIGITS, _set, _table_lines

__all__ = ["shares_in"]

# One share per line: its percentage, then the phrases that say it in the languages
# the number check reads (regular expressions, case-insensitive); an indented line
# continues the entry above. A lone English "third" or "quarter" is an ordinal or a
# period ("a third country", "the third quarter"): only with "of" after it.
_SHARES_TEXT = r"""
50 one (?:[a-z]+ )?in two|every second|кажд(?:ый|ая|ое|ого|ую|ой) втор(?:ой|ая|ое|ого|ую)
    |jede[rs]? zweiten?|une? (?:[\w-]+ ){0,2}sur deux|uno de cada dos
33.333 one (?:[a-z]+ )?in three|every third|кажд(?:ый|ая|ое|ого|ую|ой) трет(?:ий|ья|ье|ьего|ью|ьей)
    |jede[rs]? dritten?|une? (?:[\w-]+ ){0,2}sur trois|uno de cada tres
25 one (?:[a-z]+ )?in four|every fourth|кажд(?:ый|ая|ое|ого|ую|ой) четв[её]рт(?:ый|ая|ое|ого|ую|ой)
    |jede[rs]? vierten?|une? (?:[\w-]+ ){0,2}sur quatre|uno de cada cuatro
20 one (?:[a-z]+ )?in five|every fifth|кажд(?:ый|ая|ое|ого|ую|ой) пят(?:ый|ая|ое|ого|ую|ой)
    |jede[rs]? fünften?|une? (?:[\w-]+ ){0,2}sur cinq|uno de cada cinco
10 one (?:[a-z]+ )?in ten|every tenth|кажд(?:ый|ая|ое|ого|ую|ой) десят(?:ый|ая|ое|ого|ую|ой)
    |jede[rs]? zehnten?|une? (?:[\w-]+ ){0,2}sur dix|uno de cada diez
50 half(?= of\b| the\b)|половин[аыуеой]\w*|die hälfte|der hälfte|la moitié|une moitié|la mitad
    |a metà|la metà|metade|一半|半数|نصف(?= ال)
33.333 (?:a|one) third(?= of\b)|треть|трети|третью|ein drittel|einem drittel|un tiers
    |un tercio|un terzo|um terço|ثلث
66.667 two[ -]thirds|две трети|двух третей|двумя третями|zwei drittel|deux tiers|dos tercios
    |due terzi|dois terços|ثلثا|ثلثي
25 (?:a|one) quarter(?= of\b)|четверть|четверти|ein viertel(?! nach| vor)|einem viertel
    |un quart(?! d'heure)|una cuarta parte|un quarto|um quarto|ربع
75 three[ -]quarters|три четверти|трёх четвертей|трех четвертей|drei viertel|trois quarts
    |tres cuartas partes|tre quarti|três quartos
20 (?:a|one) fifth(?= of\b)|пятая часть|пятую часть|ein fünftel|un cinquième|una quinta parte
10 (?:a|one) tenth(?= of\b)|десятая часть|десятую часть|ein zehntel|un dixième
    |una décima parte
"""

# "X分之Y": Y parts of X (三分之一 a third, 百分之 is a percentage, read elsewhere), and
# "Y/X of" in digits ("1/10 of a millimeter"; without "of" a slash is as often a date)
_CJK_SHARE = re.compile(r"([一二两三四五六七八九十]|\d{1,2})分之([一二两三四五六七八九十]|\d{1,2})")
_DIGIT_SHARE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})(?= of\b)")


# "每五个人中就有一个": one in five
_ZH_ONE_IN = re.compile(
    r"每([二两三四五六七八九十]|\d{1,2})[个名位户家]?[^，。,]{0,6}?中?就?有一[个名位户家人]"
)

# word boundaries that let a CJK phrase touch CJK text (的一半)
_START = r"(?<![^\W\u3040-\u30ff\u4e00-\u9fff])"
_END = r"(?![^\W\u3040-\u30ff\u4e00-\u9fff])"


def _table() -> tuple[re.Pattern[str], list[float]]:
    values: list[float] = []
    alts: list[str] = []
    for k, entry in enumerate(_table_lines(_SHARES_TEXT)):
        value, _, phrases = entry.partition(" ")
        values.append(float(value))
        alts.append(f"(?P<s{k}>{_START}(?:{phrases}){_END})")
    return re.compile("|".join(alts), re.IGNORECASE), values


_SHARES, _VALUES = _table()


def _cjk_number(text: str) -> int:
    return int(text) if text.isdigit() else 10 if text == "十" else _CJK_DIGITS[text]


# what every share phrase holds: a text with none of these is not searched (the whole
# pattern cost a twentieth of the number check's time on every text)
_STEMS = _set(
    "half third quarter fifth tenth половин трет четверт пят десят hälfte drittel viertel "
    "fünftel zehntel moitié tiers quart cinquième dixième mitad tercio cuart quinta décima "
    "metà terz metade terço 分之 一半 半数 每 نصف ثلث ربع "
    # "one in three", "every third", "каждый третий", "jeder dritte", "un sur trois",
    # "uno de cada tres"
    "кажд jede"
) | {
    "one in",
    "every second",
    "every third",
    "every fourth",
    "every fifth",
    "every tenth",
    "sur deux",
    "sur trois",
    "sur quatre",
    "sur cinq",
    "sur dix",
    "de cada",
    " in two",
    " in three",
    " in four",
    " in five",
    " in ten",
}


def shares_in(text: str) -> list[tuple[int, int, float]]:
    """(start, end, percentage) of every share said in words in ``text``, in order."""
    out: list[tuple[int, int, float]] = []
    lower = text.lower()
    if not any(stem in lower for stem in _STEMS) and "/" not in text:
        return out
    for m in _SHARES.finditer(text):
        if m.lastgroup is not None:
            out.append((m.start(), m.end(), _VALUES[int(m.lastgroup[1:])]))
    for m in _CJK_SHARE.finditer(text):
        whole, part = _cjk_number(m.group(1)), _cjk_number(m.group(2))
        if whole and part < whole:
            out.append((m.start(), m.end(), round(100.0 * part / whole, 3)))
    for m in _ZH_ONE_IN.finditer(text):
        whole = _cjk_number(m.group(1))
        if whole > 1:
            out.append((m.start(), m.end(), round(100.0 / whole, 3)))
    for m in _DIGIT_SHARE.finditer(text):
        part, whole = int(m.group(1)), int(m.group(2))
        if whole and part < whole:
            out.append((m.start(), m.end(), round(100.0 * part / whole, 3)))
    return sorted(out)
