"""``align chain``: attribute drift to the hop of a retranslation chain where it appeared.

The seed case: a speech in Arabic (ORIGINAL) was interpreted into Russian
(INTERPRETATION) and the English (RETRANSLATION) was made from the Russian.
Aligning only Arabic with English shows *that* the English drifted, not
*who* changed it. So three alignments are made with one encoder:

- ``hop1``: ORIGINAL -> INTERPRETATION,
- ``hop2``: INTERPRETATION -> RETRANSLATION,
- ``direct``: ORIGINAL -> RETRANSLATION (a cross-check, never used for attribution),

each written as a normal ``align run`` directory, and then composed.

**Chain units.** Every sentence of the three documents is a node; every bead
of hop1 links its original and interpretation sentences, every bead of hop2
its interpretation and retranslation sentences. A chain unit is a connected
component of that graph: the smallest group of sentences closed under both
alignments, so a drift can be followed from the original to the English
without cutting through a bead. Every sentence lands in exactly one unit
(an omission in hop1 is a unit with original sentences only; an addition in
hop2 one with retranslation sentences only). Units are in document order.

**Drift per hop** of a unit is the *maximum* drift of the beads of that hop
inside it (not a mean: one mistranslated sentence in a three-sentence unit
must not be averaged away), ``null`` when the hop has no bead there. The
direct drift is the maximum over the direct beads touching the unit's
original or retranslation sentences; direct beads may straddle two units.

**Attribution.** A hop *drifted* in a unit when its drift is at least
:attr:`ChainConfig.threshold` (0.4) or any of its beads there carries a flag
(omission, addition, number_mismatch, low_similarity). Then ``attribution``
is ``"hop1"`` when only hop1 drifted, ``"hop2"`` when only hop2 drifted,
``"both"`` or ``"none"``. A hop that has no bead in the unit did not drift
there: an original sentence the interpreter dropped is an omission of hop1
and attributed to hop1 although hop2 never saw it; an English sentence with
no Russian counterpart is an addition of hop2.

The three alignments come from :meth:`align.Aligner.chain`; the files from
:func:`align.outputs.write_chain`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .errors import AlignError
from .types import Alignment, Document, ScoredBead

logger = logging.getLogger(__name__)

CHAIN_NAME = "chain.jsonl"
CHAIN_SUMMARY_NAME = "chain_summary.json"
ATTRIBUTIONS = ("hop1", "hop2", "both", "none")
HOPS = ("hop1", "hop2", "direct")


@dataclass(frozen=True)
class ChainConfig:
    """When a hop counts as drifted, and how many units the summary lists."""

    threshold: float = 0.4  # drift at or above this (or any flag) means the hop drifted
    top: int = 10  # most drifted units listed in chain_summary.json


def parse_langs(spec: str) -> tuple[str, str, str]:
    """``"ar,ru,en"`` -> three normalised codes; the wrong count is a usage error.

    Unknown codes are checked later against the file they belong to, so the
    message can name that file (exit 2, as ``align run`` does).
    """
    parts = [p.strip() for p in spec.split(",")]
    if len(parts) != 3 or not all(parts):
        raise AlignError(
            f"--langs takes three comma-separated codes, ORIGINAL,INTERPRETATION,RETRANSLATION "
            f"(e.g. ar,ru,en); got {spec!r}"
        )
    return parts[0], parts[1], parts[2]


def hop_dirs(langs: Sequence[str]) -> dict[str, str]:
    """Directory names inside OUTDIR, by hop: ``hop1-ar-ru``, ``hop2-ru-en``, ``direct-ar-en``."""
    o, i, r = langs
    return {"hop1": f"hop1-{o}-{i}", "hop2": f"hop2-{i}-{r}", "direct": f"direct-{o}-{r}"}


# --------------------------------------------------------------------------- composition


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[tuple[str, int], tuple[str, int]] = {}

    def add(self, node: tuple[str, int]) -> None:
        self.parent.setdefault(node, node)

    def find(self, node: tuple[str, int]) -> tuple[str, int]:
        root = node
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[node] != root:  # path compression
            self.parent[node], node = root, self.parent[node]
        return root

    def union(self, a: tuple[str, int], b: tuple[str, int]) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra


def _nodes(bead: ScoredBead, src_kind: str, tgt_kind: str) -> list[tuple[str, int]]:
    return [(src_kind, i) for i in bead.src] + [(tgt_kind, j) for j in bead.tgt]


def _positions(
    hop1: Sequence[ScoredBead], hop2: Sequence[ScoredBead]
) -> dict[tuple[str, int], Any]:
    """A sort key per sentence that follows the documents' order through both hops.

    Original and interpretation sentences take the number of their hop1 bead
    (hop1 is monotone); a retranslation sentence takes the key of its first
    interpretation sentence, or, in a hop2 addition, the key of the bead
    before it plus a tie-breaker, so additions stay where they were written.
    """
    pos: dict[tuple[str, int], Any] = {}
    for k, b in enumerate(hop1):
        for node in _nodes(b, "orig", "interp"):
            pos[node] = (k, 0, 0)
    last: tuple[int, int, int] = (-1, 0, 0)
    for k, b in enumerate(hop2):
        if b.src:
            last = pos.get(("interp", b.src[0]), last)
            key = last
        else:
            key = (last[0], last[1] + 1, k)
            last = key
        for j in b.tgt:
            pos[("retrans", j)] = key
    return pos


def _hop_view(
    beads: Sequence[tuple[int, ScoredBead]], cfg: ChainConfig
) -> tuple[float | None, list[str], bool, list[int]]:
    """Drift (max), flags, drifted? and bead numbers of one hop inside a unit."""
    if not beads:
        return None, [], False, []
    drift = max(b.drift for _, b in beads)
    flags = sorted({f for _, b in beads for f in b.flags})
    drifted = drift >= cfg.threshold or bool(flags)
    return drift, flags, drifted, [k for k, _ in beads]


def attribute(hop1_drifted: bool, hop2_drifted: bool) -> str:
    """Which hop a unit's drift appeared in."""
    if hop1_drifted and hop2_drifted:
        return "both"
    if hop1_drifted:
        return "hop1"
    if hop2_drifted:
        return "hop2"
    return "none"


def _texts(doc: Document, idx: Sequence[int]) -> str:
    return " ".join(doc.sentences[i].text for i in idx)


def compose(
    hop1: Alignment, hop2: Alignment, direct: Alignment, cfg: ChainConfig | None = None
) -> list[dict[str, object]]:
    """Chain units (connected components over hop1 and hop2 links), one record each.

    ``hop1.target`` and ``hop2.source`` must be the same interpretation document.
    """
    cfg = cfg or ChainConfig()
    uf = _UnionFind()
    for kind, doc in (("orig", hop1.source), ("interp", hop1.target), ("retrans", hop2.target)):
        for i in range(len(doc)):
            uf.add((kind, i))
    for beads, sk, tk in ((hop1.beads, "orig", "interp"), (hop2.beads, "interp", "retrans")):
        for b in beads:
            nodes = _nodes(b, sk, tk)
            for n in nodes[1:]:
                uf.union(nodes[0], n)

    members: dict[tuple[str, int], list[tuple[str, int]]] = {}
    for node in uf.parent:
        members.setdefault(uf.find(node), []).append(node)
    pos = _positions(hop1.beads, hop2.beads)
    order = sorted(members.values(), key=lambda ns: min(pos.get(n, (1 << 30, 0, 0)) for n in ns))
    unit_of = {n: u for u, ns in enumerate(order) for n in ns}

    def by_unit(
        beads: Sequence[ScoredBead], sk: str, tk: str
    ) -> dict[int, list[tuple[int, ScoredBead]]]:
        out: dict[int, list[tuple[int, ScoredBead]]] = {}
        for k, b in enumerate(beads):
            for u in sorted({unit_of[n] for n in _nodes(b, sk, tk) if n in unit_of}):
                out.setdefault(u, []).append((k, b))
        return out

    per_hop = {
        "hop1": by_unit(hop1.beads, "orig", "interp"),
        "hop2": by_unit(hop2.beads, "interp", "retrans"),
        # the direct alignment's nodes are original and retranslation sentences too
        "direct": by_unit(direct.beads, "orig", "retrans"),
    }
    records: list[dict[str, object]] = []
    for u, nodes in enumerate(order):
        idx = {
            k: sorted(i for kind, i in nodes if kind == k) for k in ("orig", "interp", "retrans")
        }
        rec: dict[str, object] = {
            "unit": u,
            "orig": idx["orig"],
            "interp": idx["interp"],
            "retrans": idx["retrans"],
            "orig_text": _texts(hop1.source, idx["orig"]),
            "interp_text": _texts(hop1.target, idx["interp"]),
            "retrans_text": _texts(hop2.target, idx["retrans"]),
        }
        drifted: dict[str, bool] = {}
        for hop in HOPS:
            drift, flags, drifted[hop], numbers = _hop_view(per_hop[hop].get(u, []), cfg)
            rec[f"drift_{hop}"] = None if drift is None else round(drift, 4)
            rec[f"flags_{hop}"] = flags
            rec[f"drifted_{hop}"] = drifted[hop]
            rec[f"beads_{hop}"] = numbers
        rec["attribution"] = attribute(drifted["hop1"], drifted["hop2"])
        records.append(rec)
    return records


# --------------------------------------------------------------------------- summary


def _peak(rec: dict[str, Any]) -> float:
    return max((rec[f"drift_{h}"] or 0.0) for h in HOPS)


def summarise_chain(
    records: Sequence[dict[str, Any]],
    alignments: dict[str, Alignment],
    dirs: dict[str, str],
    cfg: ChainConfig,
) -> dict[str, object]:
    """Counts per attribution, drift per hop, the most drifted units, the signature."""
    counts = {a: sum(1 for r in records if r["attribution"] == a) for a in ATTRIBUTIONS}
    hops: dict[str, object] = {}
    for hop in HOPS:
        a = alignments[hop]
        s: dict[str, Any] = a.summary
        hops[hop] = {
            "dir": dirs[hop],
            "langs": [a.source.lang, a.target.lang],
            "mean_drift": s["mean_drift"],
            "beads": s["beads"],
            "omissions": s["omissions"],
            "additions": s["additions"],
            "number_mismatches": s["number_mismatches"],
            "flagged": s["flagged"],
        }
    ranked = sorted(records, key=_peak, reverse=True)[: cfg.top]
    signature = dict(alignments["hop1"].signature)
    signature["chain"] = {"threshold": cfg.threshold, "unit_drift": "max over the unit's beads"}
    return {
        "units": len(records),
        "attribution": counts,
        "hops": hops,
        "most_drifted": [
            {
                "unit": r["unit"],
                "attribution": r["attribution"],
                **{f"drift_{h}": r[f"drift_{h}"] for h in HOPS},
                **{f"flags_{h}": r[f"flags_{h}"] for h in ("hop1", "hop2")},
                "orig_text": str(r["orig_text"])[:200],
                "interp_text": str(r["interp_text"])[:200],
                "retrans_text": str(r["retrans_text"])[:200],
            }
            for r in ranked
        ],
        "signature": signature,
    }


def format_chain(summary: dict[str, Any], threshold: float = ChainConfig.threshold) -> str:
    """The chain summary as a short plain-text table."""
    lines = [f"{'hop':<7} {'dir':<16} {'drift':>6} {'beads':>5} {'omit':>4} {'add':>4} {'flag':>4}"]
    for hop, h in summary["hops"].items():
        drift = "-" if h["mean_drift"] is None else f"{h['mean_drift']:.3f}"
        lines.append(
            f"{hop:<7} {h['dir']:<16} {drift:>6} {h['beads']:>5} {h['omissions']:>4} "
            f"{h['additions']:>4} {h['flagged']:>4}"
        )
    counts = summary["attribution"]
    lines.append(
        f"{summary['units']} chain units: " + ", ".join(f"{counts[a]} {a}" for a in ATTRIBUTIONS)
    )
    for r in summary["most_drifted"]:
        if r["attribution"] == "none" and _peak(r) < threshold:
            continue
        d = " ".join(
            f"{h}={'-' if r[f'drift_{h}'] is None else format(r[f'drift_{h}'], '.2f')}"
            for h in HOPS
        )
        text = (r["orig_text"] or r["interp_text"] or r["retrans_text"])[:60]
        lines.append(f"  unit {r['unit']:>3} {r['attribution']:<5} {d}  {text!r}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- output
