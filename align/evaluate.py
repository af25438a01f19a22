"""Score an alignment against gold beads with Vecalign's strict/lax P/R/F1.

This is the definition used by Vecalign's ``score.py`` (and by Bleualign /
Bertalign papers on Text+Berg), so numbers are comparable with theirs:

* A *bead* is one line ``[src indices]:[tgt indices]`` (an optional
  ``:cost`` suffix, as :mod:`align.formats` writes, is ignored). Beads empty
  on both sides are dropped; repeated beads count once.
* Indices within a side are SORTED before comparing, for gold and hypothesis
  alike. Vecalign compares the tuples as written; the two agree on any
  aligner output (always ascending) and differ only on the few Text+Berg gold
  beads written out of order (``[227, 218]:[198]``), which sorting lets an
  aligner match.
* **Precision** judges every distinct hypothesis bead against the gold beads
  of the same document. It is *strict*-correct if an identical bead is in the
  gold, *lax*-correct if it is strict-correct or shares at least one
  (source, target) sentence link with the gold (its src x tgt product meets
  the union of the gold beads' products). A bead with an empty side has no
  links, so it is lax-correct only when strict-correct.
* **Recall** swaps the roles -- every distinct gold bead is judged against
  the hypothesis beads -- after removing beads with an empty side from both,
  so omissions and additions count for precision only.
* Counts are pooled over all documents (micro-average); P = correct / total,
  F1 = 2PR / (P + R), and 0 wherever a denominator is 0.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import cast

from .errors import AlignError, InputError

__all__ = ["Bead", "evaluate_files", "format_table", "read_beads", "score"]

Bead = tuple[tuple[int, ...], tuple[int, ...]]

_BEAD_LINE = re.compile(r"\s*\[([^\[\]]*)\]\s*:\s*\[([^\[\]]*)\]\s*(?::\s*(\S+)\s*)?")
_INDEX = re.compile(r"\s*(\d+)\s*")


def _parse_side(text: str) -> tuple[int, ...] | None:
    if not text.strip():
        return ()
    out: list[int] = []
    for part in text.split(","):
        m = _INDEX.fullmatch(part)
        if m is None:
            return None
        out.append(int(m.group(1)))
    return tuple(out)


def read_beads(path: Path | str) -> list[Bead]:
    """Read a Vecalign-style bead file (gold or hypothesis), indices as written."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        raise InputError(path, "not UTF-8 text") from None
    except OSError as e:
        raise InputError(path, f"cannot read: {e.strerror or e}") from None
    beads: list[Bead] = []
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        m = _BEAD_LINE.fullmatch(line)
        src = tgt = None
        if m is not None:
            src, tgt = _parse_side(m.group(1)), _parse_side(m.group(2))
            if m.group(3) is not None:
                try:
                    float(m.group(3))
                except ValueError:
                    src = None
        if src is None or tgt is None:
            shown = line if len(line) <= 60 else line[:57] + "..."
            raise InputError(path, f"line {n}: not a bead: {shown!r}")
        beads.append((src, tgt))
    return beads


def _normalise(beads: Iterable[Bead]) -> set[Bead]:
    """Distinct beads with sorted sides; beads empty on both sides dropped."""
    return {(tuple(sorted(s)), tuple(sorted(t))) for s, t in beads if len(s) or len(t)}


def _judge(reference: set[Bead], judged: set[Bead]) -> tuple[int, int, int]:
    """(total, strict-correct, lax-correct) of ``judged`` against ``reference``."""
    links = {(i, j) for s, t in reference for i in s for j in t}
    strict = lax = 0
    for bead in judged:
        if bead in reference:
            strict += 1
            lax += 1
        elif any((i, j) in links for i in bead[0] for j in bead[1]):
            lax += 1
    return len(judged), strict, lax


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score(gold: Sequence[Sequence[Bead]], hyp: Sequence[Sequence[Bead]]) -> dict[str, object]:
    """Strict and lax precision/recall/F1, counts pooled over documents.

    ``gold[d]`` and ``hyp[d]`` are the beads of document ``d``. Returns
    ``{"strict": {"precision", "recall", "f1"}, "lax": {...}, "counts": {...}}``
    where counts hold the pooled totals and correct counts behind each ratio.
    """
    if len(gold) != len(hyp):
        raise AlignError(f"gold has {len(gold)} document(s) but the hypothesis has {len(hyp)}")
    p_total = p_strict = p_lax = 0
    r_total = r_strict = r_lax = 0
    for gold_doc, hyp_doc in zip(gold, hyp, strict=True):
        g, h = _normalise(gold_doc), _normalise(hyp_doc)
        total, strict, lax = _judge(g, h)
        p_total, p_strict, p_lax = p_total + total, p_strict + strict, p_lax + lax
        g_full = {b for b in g if b[0] and b[1]}
        h_full = {b for b in h if b[0] and b[1]}
        total, strict, lax = _judge(h_full, g_full)
        r_total, r_strict, r_lax = r_total + total, r_strict + strict, r_lax + lax

    result: dict[str, object] = {}
    for kind, p_ok, r_ok in (("strict", p_strict, r_strict), ("lax", p_lax, r_lax)):
        p, r = _ratio(p_ok, p_total), _ratio(r_ok, r_total)
        result[kind] = {"precision": p, "recall": r, "f1": _f1(p, r)}
    result["counts"] = {
        "documents": len(gold),
        "hyp_beads": p_total,  # distinct hypothesis beads judged for precision
        "gold_beads": r_total,  # distinct gold beads with both sides, judged for recall
        "precision_strict": p_strict,
        "precision_lax": p_lax,
        "recall_strict": r_strict,
        "recall_lax": r_lax,
    }
    return result


def evaluate_files(pairs: Sequence[tuple[Path, Path]]) -> dict[str, object]:
    """Score ``(gold, hypothesis)`` file pairs, one pair per document, pooled."""
    gold = [read_beads(g) for g, _ in pairs]
    hyp = [read_beads(h) for _, h in pairs]
    return score(gold, hyp)


def format_table(result: dict[str, object]) -> str:
    """A small aligned table: one row each for strict and lax P, R, F1."""
    lines = [f"{'':<8}{'P':>8}{'R':>8}{'F1':>8}"]
    for kind in ("strict", "lax"):
        row = cast(dict[str, float], result[kind])
        lines.append(f"{kind:<8}{row['precision']:>8.4f}{row['recall']:>8.4f}{row['f1']:>8.4f}")
    counts = result.get("counts")
    if isinstance(counts, dict):
        lines.append(
            f"({counts['documents']} document(s), {counts['hyp_beads']} hypothesis beads, "
            f"{counts['gold_beads']} gold beads for recall)"
        )
    return "\n".join(lines)
