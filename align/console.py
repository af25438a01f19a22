"""What the commands print: short, and every number says what it counts.

The terminal summary is a pointer into the files, not a second report, so it
names beads by the number they have everywhere else (``#n``: row ``n`` of
report.html, line ``n`` of alignment.jsonl) and says what its list holds, so
the count above it and the lines below it can be checked against each other.
"""

from __future__ import annotations

import re
from pathlib import Path

from .types import Alignment, ScoredBead, unmatched

__all__ = ["clip", "format_run", "ranking_legend"]

TOP = 5  # beads listed under `align run`
WIDTH = 60  # characters of each side shown

_SPACE = re.compile(r"\s+")


def clip(text: str, width: int = WIDTH) -> str:
    """``text`` on one line, cut to ``width`` characters with "…" when it was longer."""
    text = _SPACE.sub(" ", text).strip()
    if len(text) <= width:
        return text
    return text[: width - 1].rstrip() + "…"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _side(bead: ScoredBead, side: str) -> str:
    if side == "src":
        return f"“{clip(bead.src_text)}”" if bead.src else "(not in source)"
    return f"“{clip(bead.tgt_text)}”" if bead.tgt else "(not in target)"


def format_run(alignment: Alignment, outdir: Path | str | None = None, top: int = TOP) -> str:
    """The summary ``align run`` prints: counts, then the most drifted flagged beads.

    The list holds flagged beads only, most drifted first (ties in document
    order), at most ``top`` of them, and its heading says how many of the
    flagged beads it shows.
    """
    src, tgt, beads = alignment.source, alignment.target, alignment.beads
    omissions, additions = unmatched(beads)  # as summary.json counts them
    drifts = [b.drift for b in beads]
    mean = f"{sum(drifts) / len(drifts):.2f}" if drifts else "-"
    lines = [
        f"aligned {len(src)} {src.lang} and {len(tgt)} {tgt.lang} sentences into "
        f"{_plural(len(beads), 'bead')} ({_plural(omissions, 'omission')}, "
        f"{_plural(additions, 'addition')}); mean drift {mean}"
    ]
    flagged = sorted(
        ((n, b) for n, b in enumerate(beads, start=1) if b.flags), key=lambda nb: -nb[1].drift
    )
    if not flagged:
        line = "no bead flagged"
        if beads:
            n, b = max(enumerate(beads, start=1), key=lambda nb: nb[1].drift)
            line += f"; the most drifted is #{n} (drift {b.drift:.2f})"
        lines.append(line)
    else:
        shown = flagged[:top]
        what = (
            f"{_plural(len(flagged), 'bead')} flagged"
            + (
                ", most drifted first"
                if len(shown) == len(flagged)
                else f"; the {len(shown)} most drifted"
            )
            + " (#n = row n of report.html, line n of alignment.jsonl):"
        )
        lines.append(what)
        width = len(str(max(n for n, _ in shown)))
        for n, b in shown:
            lines.append(
                f"  #{n:<{width}}  drift {b.drift:.2f}  {','.join(b.flags)}\n"
                f"  {'':<{width + 1}}  {_side(b, 'src')} → {_side(b, 'tgt')}"
            )
    if outdir is not None:
        lines.append(f"wrote {outdir}/")
    return "\n".join(lines)


def ranking_legend(with_metrics: bool = False) -> str:
    """What the columns of :func:`align.ranking.format_ranking`'s table mean."""
    lines = [
        "rank: 1 = lowest mean drift; drift: mean drift of the translation's beads "
        "(0 faithful .. 1 unrelated or missing);",
        "beads: aligned beads; omit / add: source sentences the translation leaves out / "
        "translation sentences with no source (alone, or named inside a merged bead); "
        "flag: beads with at least one flag.",
    ]
    if with_metrics:
        lines.append(
            "BLEU, chrF++ (higher is better) and TER (lower is better): corpus scores "
            "against the --reference translations, 0-100."
        )
    return "\n".join(lines)
