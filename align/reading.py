"""Reading input files, with errors that tell the user what to do.

Alignment quality depends on getting the text right, so anything doubtful
(wrong encoding, binary data, empty file, a file paired with itself) is
refused with a message that names the file and the fix, instead of being
decoded with replacement characters and silently producing garbage.
"""

from __future__ import annotations

import re
import shlex
import unicodedata
from collections.abc import Callable
from pathlib import Path

from .errors import InputError
from .text import INVISIBLE, is_blank

MAX_LENGTH_RATIO = 50  # beyond this, the two files cannot be a text and its translation
MIN_CHARS_FOR_RATIO = 1000  # the longer side must have at least this many characters
_SAMPLE = 65536  # bytes inspected by the binary and encoding heuristics
_WORD = re.compile(r"[^\W\d_]+")

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (e.g. .docx, .odt, .epub)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document (.doc)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
)
# C0 controls that do not occur in ordinary text (tab, LF, VT, FF, CR and ESC do).
_CONTROL_BYTES = frozenset([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])


def read_text(path: str | Path) -> str:
    """Read a UTF-8 text file: BOM stripped, CRLF/CR turned into LF.

    Raises InputError with an actionable message for anything that is not
    non-empty UTF-8 text.
    """
    return decode_text(_read_bytes(path), path)


def decode_text(data: bytes, path: str | Path = "<text>") -> str:
    """Decode bytes as read_text does (split out so it can be tested without files)."""
    text = _decode_utf8(data, path).replace("\r\n", "\n").replace("\r", "\n")
    _check_not_blank(text, path)
    return text


def _read_bytes(path: str | Path) -> bytes:
    p = Path(path)
    if not p.exists():
        raise InputError(path, "file not found")
    if p.is_dir():
        raise InputError(path, "is a directory, not a text file")
    try:
        return p.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read the file ({exc.strerror or exc})") from exc


def _decode_utf8(data: bytes, path: str | Path) -> str:
    """UTF-8 text with its BOM removed and line breaks as they were; binary refused."""
    if not data:
        raise InputError(path, "file is empty")
    _check_not_binary_or_wide(data, path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(path, _not_utf8_message(data, exc, path)) from None
    return text.removeprefix("\ufeff")


def _check_not_blank(text: str, path: str | Path) -> None:
    if not text.strip():
        raise InputError(path, "file contains only whitespace")
    if is_blank(text):
        raise InputError(
            path, f"file contains only whitespace and invisible characters ({_invisible(text)})"
        )


def _invisible(text: str) -> str:
    """The invisible characters of ``text`` by code point and name, for messages."""
    found = dict.fromkeys(c for c in text if c in INVISIBLE or c in "\u200c\u200d")
    return ", ".join(
        f"U+{ord(c):04X} {INVISIBLE.get(c) or unicodedata.name(c, '?')}" for c in found
    )


def read_pairs(path: str | Path) -> tuple[list[str], list[str]]:
    """Parse a ``source<TAB>translation`` file, one pair a line, no header.

    Every line must be a pair: an empty line, a line without exactly one tab
    or with an empty side (or one of only invisible characters, such as a
    zero-width space) is an InputError naming the line, because skipping it
    would break the promise that output object ``i`` is input line ``i``.
    Lines end at LF (CRLF tolerated); a bare CR inside a line is a stray
    carriage return from a spreadsheet cell, read as a space, not a line
    break (a file with no LF at all has classic Mac CR line ends and is read
    so). Sides are stripped of surrounding whitespace; no quoting is interpreted.
    """
    text = _decode_utf8(_read_bytes(path), path)
    _check_not_blank(text, path)
    if "\n" not in text:
        text = text.replace("\r", "\n")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the final newline ends the last line, it does not add one
    sources: list[str] = []
    translations: list[str] = []
    expected = "expected source<TAB>translation"
    for n, raw in enumerate(lines, start=1):
        line = raw.removesuffix("\r").replace("\r", " ")
        if not line.strip():
            raise InputError(path, f"line {n}: empty line; {expected} on every line")
        tabs = line.count("\t")
        if tabs != 1:
            found = "no tab" if tabs == 0 else f"{tabs} tabs"
            raise InputError(path, f"line {n}: {expected} (found {found})")
        src, tgt = (side.strip() for side in line.split("\t"))
        for side, value in (("source", src), ("translation", tgt)):
            if not value:
                raise InputError(path, f"line {n}: empty {side}; {expected}")
            if is_blank(value):
                raise InputError(
                    path,
                    f"line {n}: the {side} has only invisible characters "
                    f"({_invisible(value)}); {expected}",
                )
        sources.append(src)
        translations.append(tgt)
    return sources, translations


def _iconv_hint(encoding: str, path: str | Path) -> str:
    quoted = shlex.quote(str(path))
    out = shlex.quote(f"{path}.utf8")
    return f"Convert it with: iconv -f {encoding} -t utf-8 {quoted} > {out}"


def _check_not_binary_or_wide(data: bytes, path: str | Path) -> None:
    """Refuse UTF-32/UTF-16 and binary data before trying UTF-8."""
    for bom, name in (
        (b"\xff\xfe\x00\x00", "UTF-32LE"),
        (b"\x00\x00\xfe\xff", "UTF-32BE"),
        (b"\xff\xfe", "UTF-16LE"),
        (b"\xfe\xff", "UTF-16BE"),
    ):
        if data.startswith(bom):
            raise InputError(
                path,
                f"the file is {name} (it starts with a {name} byte-order mark), not UTF-8. "
                + _iconv_hint(name[:6], path),
            )
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(
                path, f"looks like a binary file ({what}); export it as plain UTF-8 text"
            )
    if data.lstrip().startswith(b"{\\rtf"):
        raise InputError(path, "looks like an RTF document, not plain text; save it as UTF-8 text")
    sample = data[:_SAMPLE]
    nuls = sample.count(0)
    if nuls:
        wide = _utf16_name(sample)
        if wide:
            raise InputError(
                path,
                f"looks like {wide} without a byte-order mark (NUL bytes between the "
                "characters), not UTF-8. " + _iconv_hint(wide, path),
            )
        raise InputError(path, f"looks like a binary file ({nuls} NUL bytes), not text")
    controls = sum(1 for b in sample if b in _CONTROL_BYTES)
    if controls > max(8, len(sample) // 20):
        raise InputError(
            path, f"looks like a binary file ({controls} control characters), not text"
        )


def _utf16_name(sample: bytes) -> str | None:
    """Name the UTF-16 byte order in which ``sample`` decodes to plausible text, if any.

    Plausible: no control, unassigned or private-use characters, and ASCII
    whitespace (line breaks, spaces) now and then, as every real text has.
    """
    sample = sample[: len(sample) // 2 * 2]
    for name in ("UTF-16LE", "UTF-16BE"):
        try:
            text = sample.decode(name)
        except UnicodeDecodeError:
            continue
        bad = sum(
            1
            for c in text
            if unicodedata.category(c) in ("Cc", "Cn", "Co", "Cs") and c not in "\t\n\r\f"
        )
        spaces = sum(1 for c in text if c in " \t\n\r\u3000")
        if bad <= len(text) // 100 and spaces >= max(1, len(text) // 500):
            return name
    return None


def _share(text: str, pred: Callable[[str], bool]) -> float:
    """Fraction of the non-ASCII characters of ``text`` for which ``pred`` holds."""
    chars = [c for c in text if ord(c) > 0x7F]
    if not chars:
        return 0.0
    return sum(1 for c in chars if pred(c)) / len(chars)


def _is_cyrillic(c: str) -> bool:
    return "\u0400" <= c <= "\u04ff"


def _is_arabic(c: str) -> bool:
    return "\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f"


def _is_cjk(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef"


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def guess_legacy_encoding(data: bytes) -> tuple[str, str] | None:
    """Best guess (iconv name, description) for non-UTF-8 text, or None.

    A handful of scored candidates is enough for the encodings that actually
    turn up in translation corpora; the goal is a useful hint, not certainty.
    A decoding only counts if its words are not a mix of ASCII and non-ASCII
    letters: a wrong 8-bit code page turns "café" into "cafй", real text does not.
    """
    sample = data[:_SAMPLE]
    candidates: list[tuple[float, str, str]] = []
    # Cutting the sample may split a multi-byte character; retry without the tail byte.
    gb = _try(sample, "gb18030") or _try(sample[:-1], "gb18030")
    if gb is not None and _mixed_words(gb) < 0.2:
        hanzi = [c for c in gb if "\u4e00" <= c <= "\u9fff"]
        common = sum(1 for c in hanzi if _is_common_gb(c))
        score = _share(gb, _is_cjk)
        if score > 0.9 and hanzi and common / len(hanzi) > 0.6:
            candidates.append((score, "GB18030", "GB18030/GBK (Chinese)"))
    for enc in ("cp1251", "koi8-r"):
        cyr = _try(sample, enc)
        if cyr is None or _mixed_words(cyr) >= 0.2:
            continue
        letters = [c for c in cyr if _is_cyrillic(c)]
        lower = sum(1 for c in letters if c.islower()) / len(letters) if letters else 0.0
        score = _share(cyr, _is_cyrillic)
        if score > 0.8 and lower > 0.6:
            candidates.append((score * lower, enc, f"{enc} (Cyrillic)"))
    arb = _try(sample, "cp1256")
    if arb is not None and _mixed_words(arb) < 0.2:
        letters = [c for c in arb if _is_arabic(c)]
        # Alef and lam (the article) make up about a fifth of Arabic letters.
        al = sum(1 for c in letters if c in "\u0627\u0644") / len(letters) if letters else 0.0
        score = _share(arb, _is_arabic)
        if score > 0.8 and al > 0.12:
            candidates.append((score, "cp1256", "cp1256 (Arabic)"))
    if candidates:
        _, enc, desc = max(candidates)
        return enc, desc
    west = _try(sample, "cp1252")
    if west is not None:
        score = _share(west, lambda c: c.isalpha() or unicodedata.category(c) in ("Pi", "Pf", "Pd"))
        if score > 0.8:
            return "cp1252", "cp1252/latin-1 (Western European)"
    return None


def _mixed_words(text: str) -> float:
    """Share of words with non-ASCII letters that also contain ASCII letters."""
    words = [w for w in _WORD.findall(text) if any(ord(c) > 0x7F for c in w)]
    if not words:
        return 0.0
    return sum(1 for w in words if any(c.isascii() and c.isalpha() for c in w)) / len(words)


def _is_common_gb(c: str) -> bool:
    """True for a GB2312 level-1 hanzi: the ~3,700 characters most Chinese text uses."""
    try:
        lead = c.encode("gb2312")[0]
    except UnicodeEncodeError:
        return False
    return 0xB0 <= lead <= 0xD7


def _not_utf8_message(data: bytes, exc: UnicodeDecodeError, path: str | Path) -> str:
    offset = exc.start
    line = data.count(b"\n", 0, offset) + 1
    where = f"byte 0x{data[offset]:02x} at offset {offset}, line {line}"
    guess = guess_legacy_encoding(data)
    if guess is None:
        return (
            f"not valid UTF-8 ({where}); the encoding could not be recognised. "
            "Convert the file to UTF-8 first, e.g. with: iconv -f ENCODING -t utf-8 "
            f"{shlex.quote(str(path))} > {shlex.quote(f'{path}.utf8')}"
        )
    enc, desc = guess
    return f"not valid UTF-8 ({where}); it looks like {desc}. " + _iconv_hint(enc, path)


def check_not_identical(
    src_path: str | Path, src_text: str, tgt_path: str | Path, tgt_text: str
) -> None:
    """Refuse a text paired with itself: it 'aligns' perfectly and proves nothing."""
    if " ".join(src_text.split()) == " ".join(tgt_text.split()):
        raise InputError(
            tgt_path,
            f"source and target are the same text ({src_path} and {tgt_path} are identical "
            "apart from whitespace); the target should be the translation",
        )


def check_lengths(
    src_path: str | Path,
    src_text: str,
    tgt_path: str | Path,
    tgt_text: str,
    src_doc_len: int,
    tgt_doc_len: int,
) -> None:
    """Refuse pairs whose lengths differ by more than MAX_LENGTH_RATIO times.

    Checked in sentences and, separately, in characters (the character check
    only once the longer side has MIN_CHARS_FOR_RATIO characters, so a tiny
    test pair never trips it). Such pairs are a wrong file, not a translation.
    """
    src_chars, tgt_chars = len(src_text.strip()), len(tgt_text.strip())
    sent_ratio = max(src_doc_len, tgt_doc_len) / max(1, min(src_doc_len, tgt_doc_len))
    char_ratio = max(src_chars, tgt_chars) / max(1, min(src_chars, tgt_chars))
    too_many_sents = sent_ratio > MAX_LENGTH_RATIO
    too_many_chars = char_ratio > MAX_LENGTH_RATIO and max(src_chars, tgt_chars) >= (
        MIN_CHARS_FOR_RATIO
    )
    if not (too_many_sents or too_many_chars):
        return
    shorter = src_path if (src_chars, src_doc_len) < (tgt_chars, tgt_doc_len) else tgt_path
    measure = "sentences" if too_many_sents else "characters"
    ratio = sent_ratio if too_many_sents else char_ratio
    raise InputError(
        shorter,
        f"source {src_path} ({src_doc_len:,} sentences, {src_chars:,} characters) and target "
        f"{tgt_path} ({tgt_doc_len:,} sentences, {tgt_chars:,} characters) differ "
        f"{ratio:.0f}x in {measure} (limit {MAX_LENGTH_RATIO}x); "
        "check that the right files were given",
    )


def check_pair(
    src_path: str | Path,
    src_text: str,
    tgt_path: str | Path,
    tgt_text: str,
    src_doc_len: int,
    tgt_doc_len: int,
) -> None:
    """All checks on a source/target pair: not identical, lengths comparable."""
    check_not_identical(src_path, src_text, tgt_path, tgt_text)
    check_lengths(src_path, src_text, tgt_path, tgt_text, src_doc_len, tgt_doc_len)
