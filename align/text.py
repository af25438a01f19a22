"""Invisible characters: what the encoder and the checks should not see.

Text pasted from web pages, PDFs and word processors carries characters that
render as nothing (zero-width spaces, direction marks, soft hyphens, a BOM in
the middle of a file). They change the tokens the encoder sees, so a faithful
pair scores as drifted, and they make a line that looks empty non-empty.
:func:`normalise_invisible` gives the text to embed and check; outputs keep
the original text, so nothing the user wrote is lost.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

__all__ = ["INVISIBLE", "UNENCODABLE", "is_blank", "normalise_invisible"]

# Encoding error handler for every file driftalign writes: a lone surrogate
# (half a UTF-16 pair, which JSON sent to the service can carry) cannot be
# UTF-8, so it is written as a visible U+FFFD instead of failing the export.
UNENCODABLE = "driftalign.replace"


def _replace_unencodable(exc: UnicodeError) -> tuple[bytes, int]:
    # The UTF-8 encoder takes only ASCII str replacements, so U+FFFD goes in as bytes.
    assert isinstance(exc, UnicodeEncodeError)
    return "\ufffd".encode() * (exc.end - exc.start), exc.end


codecs.register_error(UNENCODABLE, _replace_unencodable)

# Always removed: they carry no letters and no word boundary a reader sees.
INVISIBLE: dict[str, str] = {
    "\u00ad": "SOFT HYPHEN",
    "\u180e": "MONGOLIAN VOWEL SEPARATOR",
    "\u200b": "ZERO WIDTH SPACE",
    "\u200e": "LEFT-TO-RIGHT MARK",
    "\u200f": "RIGHT-TO-LEFT MARK",
    "\u061c": "ARABIC LETTER MARK",
    "\u202a": "LEFT-TO-RIGHT EMBEDDING",
    "\u202b": "RIGHT-TO-LEFT EMBEDDING",
    "\u202c": "POP DIRECTIONAL FORMATTING",
    "\u202d": "LEFT-TO-RIGHT OVERRIDE",
    "\u202e": "RIGHT-TO-LEFT OVERRIDE",
    "\u2060": "WORD JOINER",
    "\u2061": "FUNCTION APPLICATION",
    "\u2062": "INVISIBLE TIMES",
    "\u2063": "INVISIBLE SEPARATOR",
    "\u2064": "INVISIBLE PLUS",
    "\u2066": "LEFT-TO-RIGHT ISOLATE",
    "\u2067": "RIGHT-TO-LEFT ISOLATE",
    "\u2068": "FIRST STRONG ISOLATE",
    "\u2069": "POP DIRECTIONAL ISOLATE",
    "\ufeff": "ZERO WIDTH NO-BREAK SPACE (BOM)",
}
_REMOVE = re.compile("[" + "".join(INVISIBLE) + "]")
# ZWNJ and ZWJ change spelling in Persian, Indic scripts and emoji sequences
# (می‌خواهم, क्‍ष, 👩‍💻); elsewhere (Latin, Cyrillic, Greek...) they are noise.
_JOINERS = re.compile("[\u200c\u200d]")
_NO_JOINERS = ("LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "DIGIT")


def _keeps_joiner(before: str, after: str) -> bool:
    """A joiner matters only between two letters/marks/symbols of a script that uses it."""
    for c in (before, after):
        if not c or unicodedata.category(c)[0] not in "LMS":
            return False
        name = unicodedata.name(c, "")
        if c.isascii() or name.startswith(_NO_JOINERS):
            return False
    return True


def normalise_invisible(text: str) -> str:
    """``text`` without invisible format characters, in NFC: what to embed and check.

    Removed: zero-width space, word joiner, BOM, soft hyphen, direction marks,
    embeddings, overrides and isolates (:data:`INVISIBLE`); ZWNJ and ZWJ
    unless they sit between two letters of a script that spells with them.
    Visible text is unchanged apart from Unicode NFC composition.
    """
    if not text.isascii():
        text = _REMOVE.sub("", text)
        if "\u200c" in text or "\u200d" in text:
            text = _JOINERS.sub(
                lambda m: (
                    m.group()
                    if _keeps_joiner(text[m.start() - 1 : m.start()], text[m.end() : m.end() + 1])
                    else ""
                ),
                text,
            )
        text = unicodedata.normalize("NFC", text)
    return text


def is_blank(text: str) -> bool:
    """True when ``text`` shows nothing: only whitespace and invisible characters."""
    return not normalise_invisible(text).strip()


def visible(text: str) -> tuple[str, list[int] | None]:
    """``text`` without invisible format characters, and where each kept character was.

    Checks parse words and numbers, so a zero-width space inside "70" or a
    direction mark before a name must not hide them; their spans must still
    point into the original text, which the outputs keep. Text whose NFC form
    differs (decomposed accents) is checked as it is: a position map would not
    be a plain subsequence there.
    """
    clean = normalise_invisible(text)
    if clean == text or unicodedata.normalize("NFC", text) != text:
        return text, None
    where: list[int] = []
    i = 0
    for ch in clean:  # clean is a subsequence of text: walk both
        while text[i] != ch:
            i += 1
        where.append(i)
        i += 1
    return clean, where
