"""A sentence left untranslated: the translation is the source, copied.

MT systems and hurried translators leave a line in the source language, and
the encoder reads a copy as a perfect match (the same text on both sides), so
only a check catches it. A copy of names, numbers or a bibliographic title is
often right ("Nanga Parbat , Cho Oyu ."; "Berge der Welt , Bd. XI"), so in a
script with letter case only a copy of four words or more, half or more of them
in lower case and two of those of four letters or more, counts (not markup or
code, not a motto such as "Vivant amici montium !"); in a script
without case (Chinese, Arabic) any copy of six letters or more. And only text in
the source language's own script: an English phrase quoted in a Russian source
is rightly left as it is.
"""

from __future__ import annotations

import re
import unicodedata

from ..types import Reason
from .common import _base_lang

_WORD = re.compile(r"[^\W\d_]+")
_MARKUP = re.compile(r"[\\{}<>=#]")  # code and markup are copied on purpose


def untranslated(src_text: str, tgt_text: str) -> bool:
    """The translation is the source copied, ignoring case and spacing ("худу ," = "худу,").

    Only a whole copy: a partly translated German line read as English would
    turn every capitalised German noun into a name.
    """
    a, b = "".join(src_text.casefold().split()), "".join(tgt_text.casefold().split())
    return bool(a) and a == b


# the script each non-Latin language is written in (Unicode character-name prefixes);
# every other language is taken to be written in Latin letters
_SCRIPTS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(["ru", "uk", "bg", "be", "sr", "mk", "kk", "ky", "mn", "tg"], ("CYRILLIC",)),
    **dict.fromkeys(["ar", "fa", "ur", "ps"], ("ARABIC",)),
    **dict.fromkeys(["hi", "mr", "ne", "sa"], ("DEVANAGARI",)),
    **dict.fromkeys(["he", "yi"], ("HEBREW",)),
    "zh": ("CJK",),
    "ja": ("CJK", "HIRAGANA", "KATAKANA"),
    "ko": ("HANGUL",),
    "el": ("GREEK",),
    "bn": ("BENGALI",),
    "si": ("SINHALA",),
    "ta": ("TAMIL",),
    "te": ("TELUGU",),
    "th": ("THAI",),
    "ka": ("GEORGIAN",),
    "hy": ("ARMENIAN",),
}


def _in_script_of(text: str, lang: str) -> bool:
    """Most letters of ``text`` are in the script ``lang`` is written in: an English
    phrase inside a Russian source, copied into the English, was never Russian."""
    letters = [ch for ch in text if ch.isalpha()]
    prefixes = _SCRIPTS.get(_base_lang(lang), ("LATIN",))
    hits = sum(unicodedata.name(ch, "").startswith(prefixes) for ch in letters)
    return 2 * hits > len(letters)


def _prose(text: str) -> bool:
    """Running text rather than names, numbers, a title or markup."""
    if _MARKUP.search(text):
        return False
    words = _WORD.findall(text)
    cased = [w for w in words if w[0].isupper() or w[0].islower()]
    if not cased:  # no letter case to tell names by
        return sum(len(w) for w in words) >= 6
    lower = [w for w in cased if w[0].islower()]
    # a title's lower-case words are short ones: "Memoirs of the Museum of Anthropology";
    # a motto is short: "Vivant amici montium !" is Latin in a German text
    long_lower = sum(len(w) >= 4 for w in lower)
    return len(cased) >= 4 and long_lower >= 2 and 2 * len(lower) >= len(cased)


def compare_copy(src_text: str, src_lang: str, tgt_text: str, tgt_lang: str) -> list[Reason]:
    """``untranslated`` when the translation is the source text itself."""
    if _base_lang(src_lang) == _base_lang(tgt_lang) or not untranslated(src_text, tgt_text):
        return []
    if not _prose(src_text) or not _in_script_of(src_text, src_lang):
        return []
    return [
        {
            "type": "untranslated",
            "src": [0, len(src_text)],
            "tgt": [0, len(tgt_text)],
            "detail": f"the translation is the source text, left in {src_lang}",
        }
    ]
