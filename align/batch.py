"""``align batch``: align a corpus of document pairs with one model load, resumably.

Input is a manifest (TSV: ``source<TAB>target`` with optional ``src_lang``,
``tgt_lang`` and ``id`` columns; relative paths are relative to the manifest)
or two folders whose files are matched by name. ``OUTDIR`` gets one
``align run`` folder per pair, ``corpus.json`` (per-document figures, the
failures, the most drifted documents) and ``index.html`` linking every report.

- **One model load.** Every pair goes through the same :class:`align.Aligner`.
- **Atomic and resumable.** Each pair's folder is written whole (see
  :func:`align.formats.write_outputs`). A pair is *done* when its folder
  holds a ``summary.json`` whose signature equals the current one, so an
  interrupted batch picks up where it stopped, and a batch re-run with
  another model or parameters redoes everything.
- **Failures don't stop the batch.** A pair that fails (unreadable file,
  identical texts, ...) is recorded with its error in ``corpus.json`` and the
  batch goes on; the command exits non-zero when any pair failed.
- **Scale-out.** The same batch runs on a Ray cluster (:mod:`align.distributed`):
  workers compute alignments, this process writes every file, so the outputs
  are the same as here.
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import AlignError, InputError
from .formats import SUMMARY_NAME, _write_marker, write_outputs

if TYPE_CHECKING:
    from .api import Aligner
    from .types import Alignment

logger = logging.getLogger(__name__)

CORPUS_NAME = "corpus.json"
INDEX_NAME = "index.html"
COLUMNS = ("source", "target", "src_lang", "tgt_lang", "id")
_SAFE_ID = re.compile(r"[^\w.\-]+")


@dataclass(frozen=True)
class Pair:
    """One document pair of a batch; ``id`` names its output folder."""

    id: str
    source: Path
    target: Path
    src_lang: str
    tgt_lang: str


@dataclass
class Outcome:
    """What happened to one pair: done now, done before (skipped), or failed."""

    pair: Pair
    status: str  # "aligned", "skipped", "failed"
    summary: dict[str, Any] | None = None
    error: str | None = None
    seconds: float = 0.0


@dataclass
class BatchResult:
    outcomes: list[Outcome] = field(default_factory=list)
    corpus: dict[str, Any] = field(default_factory=dict)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "failed"]


# --------------------------------------------------------------------------- inputs


def _safe_id(raw: str) -> str:
    safe = _SAFE_ID.sub("_", raw).strip("._") or "pair"
    return safe[:100]


def _unique(pairs: list[Pair]) -> list[Pair]:
    """Ids made unique (``name``, ``name-2``, ...): two pairs never share a folder."""
    seen: dict[str, int] = {}
    out = []
    for p in pairs:
        n = seen.get(p.id, 0) + 1
        seen[p.id] = n
        out.append(p if n == 1 else Pair(f"{p.id}-{n}", p.source, p.target, p.src_lang, p.tgt_lang))
    return out


def read_manifest(path: Path, src_lang: str | None, tgt_lang: str | None) -> list[Pair]:
    """Pairs from a TSV manifest; a header line naming the columns is optional.

    Columns: ``source``, ``target`` and, optionally, ``src_lang``, ``tgt_lang``,
    ``id``, in that order (or in any order under a header). Languages missing
    from a line come from ``--src-lang``/``--tgt-lang``.
    """
    from .reading import read_text

    lines = [ln for ln in read_text(path).split("\n") if ln.strip() and not ln.startswith("#")]
    if not lines:
        raise InputError(path, "no pairs in the manifest")
    first = [c.strip().lower() for c in lines[0].split("\t")]
    if "source" in first and "target" in first:
        unknown = [c for c in first if c not in COLUMNS]
        if unknown:
            raise InputError(path, f"line 1: unknown column(s) {', '.join(unknown)}")
        columns, lines, start = first, lines[1:], 2
    else:
        columns, start = list(COLUMNS), 1
    pairs: list[Pair] = []
    for n, line in enumerate(lines, start):
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) < 2 or len(cells) > len(columns):
            raise InputError(
                path,
                f"line {n}: expected {'<TAB>'.join(columns)} (the first two required), "
                f"got {len(cells)} column(s)",
            )
        row = dict(zip(columns, cells, strict=False))
        if not row.get("source") or not row.get("target"):
            raise InputError(path, f"line {n}: empty source or target path")
        slang = row.get("src_lang") or src_lang
        tlang = row.get("tgt_lang") or tgt_lang
        if not slang or not tlang:
            raise InputError(
                path, f"line {n}: no language given (add columns or --src-lang/--tgt-lang)"
            )
        source = (path.parent / row["source"]).expanduser()
        target = (path.parent / row["target"]).expanduser()
        pid = _safe_id(row.get("id") or source.stem)
        pairs.append(Pair(pid, source, target, slang, tlang))
    return _unique(pairs)


def pair_directories(
    src_dir: Path, tgt_dir: Path, src_lang: str | None, tgt_lang: str | None
) -> list[Pair]:
    """Files of ``src_dir`` and ``tgt_dir`` matched by file name (else by name without suffix)."""
    if not src_lang or not tgt_lang:
        raise AlignError("--src-lang and --tgt-lang are needed when pairing two folders")
    for d in (src_dir, tgt_dir):
        if not d.is_dir():
            raise InputError(d, "not a folder")
    src = {
        p.name: p for p in sorted(src_dir.iterdir()) if p.is_file() and not p.name.startswith(".")
    }
    tgt = {
        p.name: p for p in sorted(tgt_dir.iterdir()) if p.is_file() and not p.name.startswith(".")
    }
    names = sorted(src.keys() & tgt.keys())
    if not names:  # speech.ru.txt / speech.en.txt: match on the part before the first dot
        src = {p.name.split(".")[0]: p for p in src.values()}
        tgt = {p.name.split(".")[0]: p for p in tgt.values()}
        names = sorted(src.keys() & tgt.keys())
    if not names:
        raise AlignError(f"no file of {src_dir} has a namesake in {tgt_dir}")
    lonely = sorted((src.keys() | tgt.keys()) - set(names))
    if lonely:
        logger.warning(
            "%d file(s) without a partner skipped: %s", len(lonely), ", ".join(lonely[:5])
        )
    pairs = [
        Pair(_safe_id(Path(n).stem if "." in n else n), src[n], tgt[n], src_lang, tgt_lang)
        for n in names
    ]
    return _unique(pairs)


# --------------------------------------------------------------------------- resuming


def _canonical(data: object) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)


def done_summary(folder: Path, signature: dict[str, Any]) -> dict[str, Any] | None:
    """The summary of a pair's folder when it was finished with this very signature."""
    try:
        summary = json.loads((folder / SUMMARY_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(summary, dict):
        return None
    if _canonical(summary.get("signature")) != _canonical(signature):
        return None
    return summary


# --------------------------------------------------------------------------- running


Work = Callable[[Sequence[Pair]], Iterator[tuple[Pair, "Alignment | None", str | None, float]]]


def local_work(aligner: Aligner, presplit: bool) -> Work:
    """Align pairs one by one in this process, with the model loaded once."""

    def work(pairs: Sequence[Pair]) -> Iterator[tuple[Pair, Alignment | None, str | None, float]]:
        for pair in pairs:
            started = time.perf_counter()
            try:
                result = align_pair(aligner, pair, presplit)
            except AlignError as exc:
                yield pair, None, str(exc), time.perf_counter() - started
                continue
            yield pair, result, None, time.perf_counter() - started

    return work


def align_pair(aligner: Aligner, pair: Pair, presplit: bool) -> Alignment:
    """Read, check and align one pair (what ``align run`` does, without writing)."""
    from .api import check_documents, read_document

    source = read_document(pair.source, pair.src_lang, presplit)
    target = read_document(pair.target, pair.tgt_lang, presplit)
    check_documents(source, target)
    return aligner.align_documents(source, target, presplit=presplit)


def run_batch(
    pairs: Sequence[Pair],
    outdir: Path,
    signature: dict[str, Any],
    work: Work,
    formats: Iterable[str] | None = None,
    progress: Callable[[Outcome], None] | None = None,
) -> BatchResult:
    """Align every pair not already done, write each atomically, then the corpus summary.

    ``work`` computes alignments (in this process or on a cluster); every
    file is written here, so the outputs do not depend on where the work ran.
    """
    formats = None if formats is None else list(formats)
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    _mark(outdir)
    signature = json.loads(_canonical(signature))  # as it reads back from summary.json
    result = BatchResult()
    todo: list[Pair] = []
    for pair in pairs:
        summary = done_summary(outdir / pair.id, signature)
        if summary is None:
            todo.append(pair)
            continue
        outcome = Outcome(pair, "skipped", summary)
        result.outcomes.append(outcome)
        if progress:
            progress(outcome)
    for pair, alignment, error, seconds in work(todo):
        if alignment is None:
            outcome = Outcome(pair, "failed", error=error, seconds=seconds)
            logger.warning("%s: failed: %s", pair.id, error)
        else:
            try:
                write_outputs(alignment, outdir / pair.id, formats, force=True)
            except AlignError as exc:
                outcome = Outcome(pair, "failed", error=str(exc), seconds=seconds)
            else:
                outcome = Outcome(
                    pair,
                    "aligned",
                    alignment.summary | {"signature": alignment.signature},
                    seconds=seconds,
                )
            _mark(outdir)
        result.outcomes.append(outcome)
        if progress:
            progress(outcome)
    order = {p.id: k for k, p in enumerate(pairs)}
    result.outcomes.sort(key=lambda o: order[o.pair.id])
    result.corpus = corpus_summary(result.outcomes, signature)
    _write_file(
        outdir / CORPUS_NAME, json.dumps(result.corpus, ensure_ascii=False, indent=2) + "\n"
    )
    _write_file(outdir / INDEX_NAME, render_index(result.corpus))
    _mark(outdir)
    return result


def _mark(outdir: Path) -> None:
    """Keep the folder recognisable as driftalign's, listing what is in it now."""
    _write_marker(outdir, "align batch")


def _write_file(path: Path, text: str) -> None:
    """Write beside, then rename: a reader never sees half a file."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        tmp.write_text(text, encoding="utf-8", newline="\n")
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


# --------------------------------------------------------------------------- the corpus summary


def corpus_summary(
    outcomes: Sequence[Outcome], signature: dict[str, Any], top: int = 10
) -> dict[str, Any]:
    """Per-document figures, failures, and the most drifted documents."""
    docs: list[dict[str, Any]] = []
    for o in outcomes:
        entry: dict[str, Any] = {
            "id": o.pair.id,
            "source": str(o.pair.source),
            "target": str(o.pair.target),
            "langs": [o.pair.src_lang, o.pair.tgt_lang],
            "status": "failed" if o.status == "failed" else "done",
        }
        if o.status == "failed":
            entry["error"] = o.error
        elif o.summary is not None:
            s = o.summary
            entry |= {
                "report": f"{o.pair.id}/report.html",
                "sentences": [
                    s.get("source", {}).get("sentences"),
                    s.get("target", {}).get("sentences"),
                ],
                "beads": s.get("beads"),
                "mean_drift": s.get("mean_drift"),
                "flagged": s.get("flagged"),
                "omissions": s.get("omissions"),
                "additions": s.get("additions"),
            }
        docs.append(entry)
    done = [d for d in docs if d["status"] == "done"]
    ranked = sorted(
        (d for d in done if d.get("mean_drift") is not None),
        key=lambda d: d["mean_drift"],
        reverse=True,
    )
    beads = sum(d.get("beads") or 0 for d in done)
    return {
        "pairs": len(docs),
        "done": len(done),
        "failed": len(docs) - len(done),
        "beads": beads,
        "flagged": sum(d.get("flagged") or 0 for d in done),
        "mean_drift": round(
            sum((d.get("mean_drift") or 0.0) * (d.get("beads") or 0) for d in done) / beads, 4
        )
        if beads
        else None,
        "most_drifted": [d["id"] for d in ranked[:top]],
        "documents": docs,
        "signature": signature,
    }


def render_index(corpus: dict[str, Any]) -> str:
    """A self-contained page linking every report, most drifted documents first."""
    rows = []
    docs = sorted(
        corpus["documents"],
        key=lambda d: (d["status"] != "failed", -(d.get("mean_drift") or 0.0)),
    )
    for d in docs:
        name = escape(d["id"])
        if d["status"] == "failed":
            rows.append(
                f'<tr class="failed"><td>{name}</td><td colspan="5">failed: '
                f"{escape(str(d.get('error')))}</td></tr>"
            )
            continue
        drift = "–" if d.get("mean_drift") is None else f"{d['mean_drift']:.3f}"
        rows.append(
            f'<tr><td><a href="{escape(d["report"], quote=True)}">{name}</a></td>'
            f"<td>{drift}</td><td>{d.get('flagged')}</td><td>{d.get('omissions')}</td>"
            f"<td>{d.get('additions')}</td><td>{d.get('beads')}</td></tr>"
        )
    mean = "–" if corpus["mean_drift"] is None else f"{corpus['mean_drift']:.3f}"
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        "<title>driftalign batch</title><style>"
        "body{font:15px/1.45 system-ui,sans-serif;margin:1rem 2rem;color:#111}"
        "table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:.25rem .6rem}"
        "th{background:#eee;text-align:left}tr.failed td{background:#fde2e0}"
        "</style></head><body>"
        f"<h1>driftalign batch: {corpus['pairs']} pairs</h1>"
        f"<p>{corpus['done']} done, {corpus['failed']} failed; {corpus['beads']} beads, "
        f"{corpus['flagged']} flagged; mean drift {mean}. Most drifted first.</p>"
        "<table><thead><tr><th>document</th><th>mean drift</th><th>flagged</th>"
        "<th>omissions</th><th>additions</th><th>beads</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table></body></html>\n"
    )


__all__ = [
    "BatchResult",
    "Outcome",
    "Pair",
    "align_pair",
    "corpus_summary",
    "done_summary",
    "local_work",
    "pair_directories",
    "read_manifest",
    "run_batch",
]
