"""Output trees of several alignments: a ranking (``align score``) and a chain (``align chain``).

One alignment is written by :func:`align.formats.write_outputs` (the registry
of formats lives there); these write a folder per alignment plus the file
that ties them together, built in a temporary sibling folder and moved into
place whole, so an error leaves nothing half-written.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .chain import CHAIN_NAME, CHAIN_SUMMARY_NAME
from .formats import _make_temp_dir, check_replaceable, move_tree_into_place, write_outputs
from .ranking import RANKING_NAME, REFERENCE_SCORES_NAME

if TYPE_CHECKING:
    from .api import Chain, Ranking


def write_json(path: Path, data: object) -> None:
    """Pretty JSON with a final newline (the form of every summary file)."""
    with path.open("w", encoding="utf-8", newline="\n") as f:
        f.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def write_jsonl(path: Path, records: Sequence[object]) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def write_tree(
    outdir: Path,
    marker: str,
    command: str,
    fill: Callable[[Path], None],
    force: bool | None = None,
) -> Path:
    """Build a tree with ``fill(tmp)`` beside ``outdir`` and move it into place whole."""
    outdir = Path(outdir)
    check_replaceable(outdir, marker, command, force)
    outdir.parent.mkdir(parents=True, exist_ok=True)
    tmp = _make_temp_dir(outdir)
    try:
        fill(tmp)
        move_tree_into_place(tmp, outdir, marker, command, force)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return outdir


def write_ranking(
    ranking: Ranking,
    outdir: Path,
    formats: Iterable[str] | None = None,
    force: bool | None = None,
) -> Path:
    """``OUTDIR/<n>-<name>/`` per translation, ``reference-<n>-<name>/``, ``ranking.json``."""
    formats = None if formats is None else list(formats)
    with_refs = bool(ranking.references)

    def fill(tmp: Path) -> None:
        for t in ranking.translations:
            write_outputs(t.alignment, tmp / t.directory, formats)
            if with_refs:
                write_jsonl(tmp / t.directory / REFERENCE_SCORES_NAME, t.reference_scores)
        for n, (name, a) in enumerate(ranking.references, 1):
            write_outputs(a, tmp / f"reference-{n}-{name}", formats)
        write_json(tmp / RANKING_NAME, ranking.table)

    return write_tree(outdir, RANKING_NAME, "align score", fill, force)


def write_chain(
    chain: Chain,
    outdir: Path,
    formats: Iterable[str] | None = None,
    force: bool | None = None,
) -> Path:
    """One ``align run`` folder per hop, ``chain.jsonl`` and ``chain_summary.json``."""
    formats = None if formats is None else list(formats)

    def fill(tmp: Path) -> None:
        for hop, alignment in chain.alignments.items():
            write_outputs(alignment, tmp / chain.dirs[hop], formats)
        write_jsonl(tmp / CHAIN_NAME, chain.records)
        write_json(tmp / CHAIN_SUMMARY_NAME, chain.summary)

    return write_tree(outdir, CHAIN_SUMMARY_NAME, "align chain", fill, force)
