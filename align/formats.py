"""Writers that serialise an :class:`~align.types.Alignment` to disk.

Every format is a plain function ``writer(alignment, directory) -> Path`` in
:data:`WRITERS`, so a new format is one function and one dict entry.
:func:`write_outputs` runs the chosen writers into a temporary directory next
to the output directory and only then moves the files into place, so a crash
never leaves a half-written output directory behind.

Formats (file names inside the output directory):

``jsonl``    ``alignment.jsonl``: one :meth:`ScoredBead.to_json` record a line,
             document order. The complete record; :func:`read_jsonl` reads it.
``tsv``      ``alignment.tsv``: the same as a spreadsheet-friendly table.
             Index lists are comma-joined, tabs and line breaks inside text
             become spaces, an empty side is an empty field.
``vecalign`` ``alignment.vecalign``: ``[src]:[tgt]:cost`` lines, the bead
             format of Vecalign and the Text+Berg gold files, so
             :mod:`align.evaluate` can score it directly.
``tmx``      ``alignment.tmx``: TMX 1.4b (valid against ``align/data/tmx14.dtd``).
             Only beads with both sides non-empty become ``<tu>`` units (an
             omission or addition is not a translation pair); the number
             skipped is the header ``<prop type="x-skipped-beads">``. ``tuid`` is
             the 1-based bead number, so it still points at the JSONL line.
``moses``    ``alignment.<srclang>`` and ``alignment.<tgtlang>`` (or
             ``alignment.src.<lang>`` / ``alignment.tgt.<lang>`` when both
             languages are the same): line-parallel plain text. Beads with an
             empty side are SKIPPED, because they are not parallel; the two
             files therefore always have the same number of lines, one per
             bead with both sides. A multi-sentence side is its sentences
             joined by a single space.
``summary``  ``summary.json``: the run summary plus the signature.

Every output folder also gets ``.driftalign-output`` (:data:`MARKER_NAME`), a
small JSON file listing what was written. It is how a re-run recognises its
own earlier output and replaces it as a whole set; a non-empty folder without
it (or with files it does not list) is the user's and is refused unless
``--force``.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from pathlib import Path

from . import __version__
from .errors import AlignError, InputError
from .report import bead_number, write_report
from .text import UNENCODABLE
from .types import Alignment, Document, ScoredBead

__all__ = [
    "MARKER_NAME",
    "WRITERS",
    "check_outdir",
    "check_replaceable",
    "forcing",
    "move_tree_into_place",
    "read_jsonl",
    "write_jsonl",
    "write_moses",
    "write_outputs",
    "write_summary",
    "write_tmx",
    "write_tsv",
    "write_vecalign",
]

SUMMARY_NAME = "summary.json"

TSV_COLUMNS = (
    "bead",
    "src",
    "tgt",
    "src_text",
    "tgt_text",
    "similarity",
    "drift",
    "flags",
    "passage",
    "speaker",
    "retranslated",
    "confirmed",
    "edited",
    "version",
    "note",
)
MOSES_BEADS_COLUMNS = ("line", "bead", "confirmed", "edited", "version", "note")
MOSES_BEADS_NAME = "alignment.moses.tsv"

_XML_NS = "http://www.w3.org/XML/1998/namespace"

# Characters XML 1.0 forbids (C0 controls other than tab/LF/CR, lone
# surrogates, U+FFFE/U+FFFF): ElementTree would write them and make the file
# unparsable, so they are dropped.
_XML_ILLEGAL = re.compile("[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

# Everything a line-oriented reader (csv, str.splitlines, Moses tools) may
# treat as a field or record separator.
_LINE_BREAKS = re.compile("[\t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def _one_line(text: str) -> str:
    return _LINE_BREAKS.sub(" ", text)


def _xml_text(text: str) -> str:
    return _XML_ILLEGAL.sub("", text)


def _indices(idx: tuple[int, ...]) -> str:
    return ",".join(str(i) for i in idx)


def _both_sides(bead: ScoredBead) -> bool:
    return bool(bead.src) and bool(bead.tgt)


# --------------------------------------------------------------------------- writers


def bead_records(beads: Iterable[ScoredBead]) -> list[dict[str, object]]:
    """The ``alignment.jsonl`` objects: :meth:`ScoredBead.to_json` led by the bead number.

    ``bead`` counts from 1 in document order, as everywhere a bead is named
    (report rows, TMX ``tuid``, the terminal, ``summary.json``): bead ``n`` is
    line ``n`` of the file.
    """
    return [{"bead": n, **bead.to_json()} for n, bead in enumerate(beads, start=1)]


def write_jsonl(alignment: Alignment, directory: Path) -> Path:
    """Write ``alignment.jsonl``: the full record of every bead, document order."""
    path = directory / "alignment.jsonl"
    with path.open("w", encoding="utf-8", newline="\n", errors=UNENCODABLE) as f:
        for record in bead_records(alignment.beads):
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def _yes(value: bool) -> str:
    return "true" if value else "false"


def write_tsv(alignment: Alignment, directory: Path) -> Path:
    """Write ``alignment.tsv`` with a header row and a fixed column count."""
    path = directory / "alignment.tsv"
    with path.open("w", encoding="utf-8", newline="\n", errors=UNENCODABLE) as f:
        f.write("\t".join(TSV_COLUMNS) + "\n")
        for number, bead in enumerate(alignment.beads, start=1):
            p = bead.passage
            row = [
                str(number),
                _indices(bead.src),
                _indices(bead.tgt),
                bead.src_text if bead.src else "",
                bead.tgt_text if bead.tgt else "",
                "" if bead.similarity is None else f"{bead.similarity:.4f}",
                f"{bead.drift:.4f}",
                ",".join(bead.flags),
                "" if p is None else p.id,
                "" if p is None or p.speaker is None else p.speaker,
                "" if p is None else _yes(p.retranslated),
                _yes(bead.confirmed),
                _yes(bead.edited),
                str(bead.version),
                bead.note,
            ]
            f.write("\t".join(_one_line(cell) for cell in row) + "\n")
    return path


def write_vecalign(alignment: Alignment, directory: Path) -> Path:
    """Write ``alignment.vecalign``: ``[0]:[0, 1]:0.12345`` lines (Text+Berg gold style)."""
    path = directory / "alignment.vecalign"
    with path.open("w", encoding="utf-8", newline="\n", errors=UNENCODABLE) as f:
        for bead in alignment.beads:
            f.write(f"{list(bead.src)}:{list(bead.tgt)}:{bead.cost:.5f}\n")
    return path


def _tmx_date(when: datetime | None = None) -> str:
    """TMX dates are ISO 8601 basic format in UTC: ``YYYYMMDDThhmmssZ``."""
    when = datetime.now(UTC) if when is None else when.astimezone(UTC)
    return when.strftime("%Y%m%dT%H%M%SZ")


def _prop(parent: ET.Element, kind: str, value: str) -> None:
    ET.SubElement(parent, "prop", {"type": kind}).text = _xml_text(value)


def _tuv(parent: ET.Element, lang: str, text: str) -> None:
    tuv = ET.SubElement(parent, "tuv", {f"{{{_XML_NS}}}lang": lang})
    ET.SubElement(tuv, "seg").text = _xml_text(text)


def write_tmx(alignment: Alignment, directory: Path) -> Path:
    """Write ``alignment.tmx`` (TMX 1.4b); beads with an empty side are skipped."""
    path = directory / "alignment.tmx"
    src_lang, tgt_lang = alignment.source.lang, alignment.target.lang
    root = ET.Element("tmx", {"version": "1.4"})
    header = ET.SubElement(
        root,
        "header",
        {
            "creationtool": "driftalign",
            "creationtoolversion": __version__,
            "segtype": "sentence",
            "o-tmf": "driftalign-jsonl",
            "adminlang": "en",
            "srclang": src_lang,
            "datatype": "plaintext",
            "creationdate": _tmx_date(),
        },
    )
    skipped = sum(1 for b in alignment.beads if not _both_sides(b))
    _prop(header, "x-skipped-beads", str(skipped))
    _prop(header, "x-tgtlang", tgt_lang)
    body = ET.SubElement(root, "body")
    for number, bead in enumerate(alignment.beads, start=1):
        if not _both_sides(bead):
            continue
        # DTD order inside <tu>: all props first, then the tuvs.
        tu = ET.SubElement(body, "tu", {"tuid": str(number)})
        _prop(tu, "x-drift", f"{bead.drift:.4f}")
        if bead.similarity is not None:
            _prop(tu, "x-similarity", f"{bead.similarity:.4f}")
        if bead.flags:
            _prop(tu, "x-flags", ",".join(bead.flags))
        p = bead.passage
        if p is not None:
            _prop(tu, "x-passage", p.id)
            if p.speaker:
                _prop(tu, "x-speaker", p.speaker)
            if p.retranslated:
                _prop(tu, "x-retranslated", "true")
        _prop(tu, "x-src-indices", _indices(bead.src))
        _prop(tu, "x-tgt-indices", _indices(bead.tgt))
        # Review state: a translation memory keeps what a reviewer accepted or noted.
        _prop(tu, "x-confirmed", _yes(bead.confirmed))
        if bead.edited:
            _prop(tu, "x-edited", "true")
        if bead.version:
            _prop(tu, "x-review-version", str(bead.version))
        if bead.note:
            ET.SubElement(tu, "note").text = _xml_text(bead.note)
        _tuv(tu, src_lang, bead.src_text)
        _tuv(tu, tgt_lang, bead.tgt_text)
    ET.indent(root, space="  ")
    with path.open("w", encoding="utf-8", newline="\n", errors=UNENCODABLE) as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        f.write('<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n')
        f.write(ET.tostring(root, encoding="unicode"))
        f.write("\n")
    return path


def moses_names(src_lang: str, tgt_lang: str) -> tuple[str, str]:
    """File names of the two Moses sides; distinct even when the languages are equal."""
    if src_lang == tgt_lang:
        return f"alignment.src.{src_lang}", f"alignment.tgt.{tgt_lang}"
    return f"alignment.{src_lang}", f"alignment.{tgt_lang}"


def _side_text(doc: Document, idx: tuple[int, ...], fallback: str) -> str:
    """The side's sentences joined by one space; the bead text if indices don't fit."""
    n = len(doc.sentences)
    if all(0 <= i < n for i in idx):
        text = " ".join(doc.sentences[i].text for i in idx)
    else:
        text = fallback
    return _one_line(text)


def write_moses(alignment: Alignment, directory: Path) -> Path:
    """Write the two line-parallel Moses files and their bead map; returns the source side.

    Beads with an empty side are skipped: they have no counterpart line. So
    that line numbers can still be traced to beads, and review state is not
    lost on the way to a Moses corpus, ``alignment.moses.tsv`` gives for each
    line its bead number and the bead's review state.
    """
    src_name, tgt_name = moses_names(alignment.source.lang, alignment.target.lang)
    src_path, tgt_path = directory / src_name, directory / tgt_name
    with (
        src_path.open("w", encoding="utf-8", newline="\n", errors=UNENCODABLE) as fs,
        tgt_path.open("w", encoding="utf-8", newline="\n", errors=UNENCODABLE) as ft,
        (directory / MOSES_BEADS_NAME).open(
            "w", encoding="utf-8", newline="\n", errors=UNENCODABLE
        ) as fb,
    ):
        fb.write("\t".join(MOSES_BEADS_COLUMNS) + "\n")
        line = 0
        for number, bead in enumerate(alignment.beads, start=1):
            if not _both_sides(bead):
                continue
            line += 1
            fs.write(_side_text(alignment.source, bead.src, bead.src_text) + "\n")
            ft.write(_side_text(alignment.target, bead.tgt, bead.tgt_text) + "\n")
            review = [_yes(bead.confirmed), _yes(bead.edited), str(bead.version), bead.note]
            fb.write("\t".join(_one_line(c) for c in [str(line), str(number), *review]) + "\n")
    return src_path


def _numbered(item: object, beads: list[ScoredBead]) -> object:
    n = bead_number(item, beads)
    if not isinstance(item, dict) or n is None:
        return item
    return {"bead": n, **{k: v for k, v in item.items() if k != "bead"}}


def write_summary(alignment: Alignment, directory: Path) -> Path:
    """Write ``summary.json``: the run summary with the signature that reproduces it."""
    path = directory / SUMMARY_NAME
    data = alignment.summary | {"signature": alignment.signature}
    most = data.get("most_drifted")
    if isinstance(most, list):
        data["most_drifted"] = [_numbered(item, alignment.beads) for item in most]
    with path.open("w", encoding="utf-8", newline="\n", errors=UNENCODABLE) as f:
        f.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return path


WRITERS: dict[str, Callable[[Alignment, Path], Path]] = {
    "jsonl": write_jsonl,
    "tsv": write_tsv,
    "vecalign": write_vecalign,
    "tmx": write_tmx,
    "moses": write_moses,
    "summary": write_summary,
    "html": write_report,
}


# --------------------------------------------------------------------------- atomic output

# Written into every output folder (and every folder tree moved into place), so
# that a later run can tell its own earlier output, which it may replace whole,
# from a folder of the user's, which it must never touch without --force.
MARKER_NAME = ".driftalign-output"
# Names an output folder written before the marker existed may hold.
_LEGACY_FILES = re.compile(r"(alignment\.[^/]+|summary\.json|report\.html|reference_scores\.jsonl)")
# The files that marked `align score` and `align chain` outputs before the marker.
_LEGACY_MARKERS = ("ranking.json", "chain_summary.json")

_FORCE: ContextVar[bool] = ContextVar("driftalign_force_outdir", default=False)


@contextmanager
def forcing(force: bool = True) -> Iterator[None]:
    """Within the block, writers replace non-empty foreign folders (the CLI's ``--force``).

    Library callers pass ``force=`` explicitly; this lets ``align --force`` reach
    every writer of every command without threading a flag through each of them.
    """
    token = _FORCE.set(force)
    try:
        yield
    finally:
        _FORCE.reset(token)


def _forced(force: bool | None) -> bool:
    return _FORCE.get() if force is None else force


def _make_temp_dir(outdir: Path) -> Path:
    """Create ``.<name>.tmp-XXXX`` beside ``outdir``.

    ``os.mkdir`` (unlike ``tempfile.mkdtemp``'s 0700) honours the umask, so
    the directory has normal permissions when it is renamed into place.
    """
    for _ in range(100):
        tmp = outdir.parent / f".{outdir.name}.tmp-{secrets.token_hex(4)}"
        try:
            os.mkdir(tmp)
        except FileExistsError:
            continue
        except OSError as e:
            raise AlignError(
                f"{outdir}: cannot create a folder in {outdir.parent} ({e.strerror or e})"
            ) from None
        return tmp
    raise AlignError(f"{outdir.parent}: cannot create a temporary directory")


def _write_marker(directory: Path, command: str) -> None:
    entries = sorted(e for e in os.listdir(directory) if e != MARKER_NAME)
    data = {"tool": "driftalign", "version": __version__, "command": command, "files": entries}
    with (directory / MARKER_NAME).open(
        "w", encoding="utf-8", newline="\n", errors=UNENCODABLE
    ) as f:
        f.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _listed_in_marker(outdir: Path) -> set[str] | None:
    """The entries our marker says we wrote, or None when there is no readable marker."""
    try:
        data = json.loads((outdir / MARKER_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("tool") != "driftalign":
        return None
    files = data.get("files")
    if not isinstance(files, list):
        return None
    return {str(f) for f in files} | {MARKER_NAME}


def _legacy_summary(outdir: Path) -> bool:
    """A ``summary.json`` with driftalign's signature: an output from before the marker."""
    try:
        data = json.loads((outdir / SUMMARY_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    sig = data.get("signature") if isinstance(data, dict) else None
    return isinstance(sig, dict) and "driftalign" in sig


def foreign_entries(outdir: Path, marker: str | None = None) -> list[str]:
    """Entries of an existing folder that driftalign did not write (empty: all ours).

    Ours means listed in :data:`MARKER_NAME`; for folders written before the
    marker existed, the files of an ``align run`` output beside a driftalign
    ``summary.json``, or anything beside ``marker`` (``ranking.json`` of
    ``align score``, ``chain_summary.json`` of ``align chain``) as before.
    """
    entries = sorted(os.listdir(outdir))
    ours = _listed_in_marker(outdir)
    if ours is not None:
        return [e for e in entries if e not in ours]
    markers = _LEGACY_MARKERS if marker is None else (marker,)
    if any(m != MARKER_NAME and (outdir / m).is_file() for m in markers):
        return []
    if _legacy_summary(outdir):
        return [e for e in entries if not _LEGACY_FILES.fullmatch(e)]
    return entries


def _describe(names: list[str]) -> str:
    shown = ", ".join(names[:5])
    return shown + (f" and {len(names) - 5} more" if len(names) > 5 else "")


def check_replaceable(
    outdir: Path, marker: str | None = None, command: str = "align", force: bool | None = None
) -> None:
    """An output is only written over a new, empty or earlier driftalign output folder.

    An earlier output is replaced as a whole (so nothing stale from it stays
    beside the new files); a folder holding anything driftalign did not write
    is refused, naming what is there, unless ``force`` (then it is replaced
    with everything in it). ``marker`` names the file that marked an earlier
    output of ``command`` before :data:`MARKER_NAME` existed.
    """
    outdir = Path(outdir)
    if outdir.is_symlink():
        # Replacing the folder would replace the link, not what it points to.
        raise AlignError(
            f"{outdir}: is a symbolic link (to {os.readlink(outdir)}); give the folder itself"
        )
    if not outdir.exists():
        return
    if not outdir.is_dir():
        raise AlignError(f"{outdir}: exists and is not a directory; -o takes a folder")
    try:
        foreign = foreign_entries(outdir, marker)
    except OSError as e:
        raise AlignError(f"{outdir}: cannot read the folder ({e.strerror or e})") from None
    if foreign and not _forced(force):
        what = f"an `{command}`" if command.startswith("align ") else "a driftalign"
        raise AlignError(
            f"{outdir}: not empty and not {what} output folder (it holds "
            f"{_describe(foreign)}, which driftalign did not write); the output replaces "
            "the whole folder, so choose a new or empty folder, or pass --force to replace "
            "this one and everything in it"
        )


def check_outdir(outdir: Path, force: bool | None = None, command: str = "align") -> None:
    """Refuse an output path that cannot work, before any slow work is done.

    Catches ``-o notes.txt`` (an existing file), ``-o notes.txt/sub`` (a file
    on the way), ``-o /proc/x`` or an unwritable parent (a probe folder is
    made and removed, because as root ``os.access`` says yes to everything),
    and a non-empty folder that is not driftalign's (see :func:`check_replaceable`).
    """
    outdir = Path(outdir)
    if outdir.exists() or outdir.is_symlink():
        check_replaceable(outdir, None, command, force)
    ancestor = outdir.parent
    while not ancestor.exists():
        if ancestor.is_symlink():
            raise AlignError(f"{outdir}: {ancestor} is a broken symbolic link")
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        raise AlignError(f"{outdir}: {ancestor} is a file, not a folder; -o takes a folder path")
    try:
        probe = Path(tempfile.mkdtemp(prefix=f".{outdir.name[:40]}.probe-", dir=ancestor))
    except OSError as e:
        raise AlignError(
            f"{outdir}: cannot write there: {ancestor} does not accept new folders "
            f"({e.strerror or e}); choose another output folder"
        ) from None
    probe.rmdir()


def write_outputs(
    alignment: Alignment,
    outdir: Path,
    formats: Iterable[str] | None = None,
    force: bool | None = None,
) -> list[Path]:
    """Write the chosen formats (default: all) into ``outdir`` atomically, as a whole set.

    Files are written into a temporary sibling directory with the
    :data:`MARKER_NAME` marker; only when every writer succeeded does that
    directory replace ``outdir``. An earlier driftalign output there is
    replaced whole, so ``--formats jsonl`` after a full run leaves no stale
    ``summary.json`` beside the new file; any other non-empty folder is
    refused unless ``force`` (default: the CLI's :func:`forcing`). On any
    error (or Ctrl-C/SIGTERM) the temporary directory is removed and the
    previous output is left as it was. Returns the paths written, in writer order.
    """
    outdir = Path(outdir)
    if isinstance(formats, str):  # a lone name, not an iterable of characters
        formats = [formats]
    names = list(WRITERS) if formats is None else list(dict.fromkeys(formats))
    unknown = [n for n in names if n not in WRITERS]
    if unknown:
        raise AlignError(
            f"unknown output format(s): {', '.join(unknown)} (choose from {', '.join(WRITERS)})"
        )
    check_outdir(outdir, force)
    outdir.parent.mkdir(parents=True, exist_ok=True)

    tmp = _make_temp_dir(outdir)
    try:
        produced: list[str] = []
        for name in names:
            before = set(os.listdir(tmp))
            main = WRITERS[name](alignment, tmp).name
            # The path the writer returned first, then any companions (Moses' target side).
            produced.extend(sorted(set(os.listdir(tmp)) - before, key=lambda f: (f != main, f)))
        _write_marker(tmp, "align")
        _replace(tmp, outdir, None, "align", force)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return [outdir / f for f in produced]


# --------------------------------------------------------------------------- reading


def read_jsonl(path: Path | str) -> list[dict[str, object]]:
    """Read an ``alignment.jsonl`` back; a bad line is an InputError naming its number."""
    path = Path(path)
    records: list[dict[str, object]] = []
    try:
        with path.open(encoding="utf-8") as f:
            for n, line in enumerate(f, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as e:
                    raise InputError(
                        path, f"line {n}: not valid JSON: {e.msg} (column {e.colno})"
                    ) from None
                if not isinstance(record, dict):
                    raise InputError(
                        path, f"line {n}: expected a JSON object, got {type(record).__name__}"
                    )
                records.append(record)
    except UnicodeDecodeError:
        raise InputError(path, "not UTF-8 text") from None
    except OSError as e:
        raise InputError(path, f"cannot read: {e.strerror or e}") from None
    return records


def move_tree_into_place(
    tmp: Path, outdir: Path, marker: str, command: str, force: bool | None = None
) -> None:
    """Put the finished ``tmp`` tree at ``outdir``, replacing an earlier output whole.

    The tree gets the :data:`MARKER_NAME` marker listing its top-level entries,
    so the next run recognises it as its own.
    """
    _write_marker(tmp, command)
    _replace(tmp, outdir, marker, command, force)


def _replace(tmp: Path, outdir: Path, marker: str | None, command: str, force: bool | None) -> None:
    check_replaceable(outdir, marker, command, force)  # again: it may have changed meanwhile
    if outdir.exists() and not any(outdir.iterdir()):
        outdir.rmdir()
    if not outdir.exists():
        os.rename(tmp, outdir)
        return
    old = outdir.parent / f".{outdir.name}.old-{secrets.token_hex(4)}"
    os.rename(outdir, old)
    try:
        os.rename(tmp, outdir)
    except BaseException:
        os.rename(old, outdir)
        raise
    shutil.rmtree(old, ignore_errors=True)
