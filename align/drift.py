"""Drift per bead and per passage: how far the target's meaning moved from the source.

First version. Each bead gets:

- ``similarity``: the raw cosine between the embeddings of its joined source
  and joined target text (model-specific scale; reported, never thresholded);
- ``drift`` in [0, 1]: the cosine rescaled against the document itself (the
  mean distance of each side to unrelated sentences of the other document, as
  the aligner does), mapped so that a typical faithful pair for this model is
  0 and an unrelated pair is 1; omissions and additions are 1;
- ``flags`` and ``reasons``: ``omission``, ``addition``, ``number_mismatch``
  (numbers, dates and centuries compared across scripts; see :mod:`align.numbers`),
  and ``low_similarity`` when drift alone is high.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from .checks import compare_entities, compare_polarity
from .numbers import compare_quantities
from .types import Bead, Document, Passage, ScoredBead

EmbedFn = Callable[[Sequence[str]], np.ndarray]


@dataclass(frozen=True)
class DriftConfig:
    faithful_quality: float = 0.55  # normalised quality of a typical faithful pair
    faithful_drift: float = 0.2  # drift at that quality: better pairs fall towards 0
    number_floor: float = 0.6  # drift is at least this when numbers disagree
    low_similarity: float = 0.65  # flag beads whose drift is at least this
    samples: int = 64  # random sentences used to normalise similarity
    seed: int = 7


# Cost written to .vecalign files: for a pair, the cosine distance divided by the mean
# distance to unrelated sentences (about 1 for an unrelated pair, near 0 for a perfect
# one); a sentence left unaligned costs as much as an unrelated pair.
UNALIGNED_COST = 1.0


def quality_to_drift(q: float, cfg: DriftConfig) -> float:
    """Map normalised quality (1 identical, 0 unrelated) to drift, monotone and unclipped.

    Piecewise linear: qualities at or above a typical faithful pair share the
    band [0, faithful_drift], the rest spread over [faithful_drift, 1]. Keeping
    faithful pairs apart (instead of all at 0) preserves their ranking, which is
    what a reviewer sorting by drift and every rank-based benchmark rely on.
    """
    ref, low = cfg.faithful_quality, cfg.faithful_drift
    if q >= ref:
        return float(low * (1.0 - q) / max(1.0 - ref, 1e-9)) if q < 1.0 else 0.0
    return float(min(1.0, low + (1.0 - low) * (ref - q) / ref))


def _join(doc: Document, idx: tuple[int, ...]) -> str:
    return " ".join(doc.sentences[i].text for i in idx)


def _passage(src: Document, tgt: Document, bead: Bead) -> Passage | None:
    if bead.src:
        return src.passages[src.sentences[bead.src[0]].passage]
    if bead.tgt:
        return tgt.passages[tgt.sentences[bead.tgt[0]].passage]
    return None


def _random_rows(vecs: np.ndarray, k: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return vecs[rng.choice(len(vecs), size=min(k, len(vecs)), replace=False)]


def _unaligned(bead: Bead, src_text: str, tgt_text: str, passage: Passage | None) -> ScoredBead:
    """An omission (no target) or addition (no source): drift 1, the whole side as reason."""
    if not bead.tgt:
        flag, src_span, tgt_span = "omission", [0, len(src_text)], None
        detail = "source text with no counterpart in the translation"
    else:
        flag, src_span, tgt_span = "addition", None, [0, len(tgt_text)]
        detail = "translation text with no counterpart in the source"
    reason: dict[str, object] = {"type": flag, "src": src_span, "tgt": tgt_span, "detail": detail}
    return ScoredBead(
        bead.src, bead.tgt, src_text, tgt_text, None, 1.0, [flag], [reason], passage, UNALIGNED_COST
    )


def score_beads(
    source: Document,
    target: Document,
    beads: list[Bead],
    embed: EmbedFn,
    cfg: DriftConfig | None = None,
) -> list[ScoredBead]:
    """Attach similarity, drift, flags and reasons to every bead."""
    cfg = cfg or DriftConfig()
    pairs = [b for b in beads if b.src and b.tgt]
    src_texts = [_join(source, b.src) for b in pairs]
    tgt_texts = [_join(target, b.tgt) for b in pairs]
    vs = embed(src_texts) if pairs else np.zeros((0, 1))
    vt = embed(tgt_texts) if pairs else np.zeros((0, 1))
    if pairs:
        # distances to unrelated text of the other document: the per-document scale
        ref_t = _random_rows(embed(target.texts), cfg.samples, cfg.seed)
        ref_s = _random_rows(embed(source.texts), cfg.samples, cfg.seed + 1)
        norm_s = np.maximum((1.0 - vs @ ref_t.T).mean(1), 1e-3)
        norm_t = np.maximum((1.0 - vt @ ref_s.T).mean(1), 1e-3)
        cos = np.einsum("ij,ij->i", vs, vt)
        quality = 1.0 - (1.0 - cos) / ((norm_s + norm_t) / 2)
    k = 0
    out: list[ScoredBead] = []
    for bead in beads:
        src_text, tgt_text = _join(source, bead.src), _join(target, bead.tgt)
        passage = _passage(source, target, bead)
        if not bead.src or not bead.tgt:
            out.append(_unaligned(bead, src_text, tgt_text, passage))
            continue
        sim, q = float(cos[k]), float(quality[k])
        k += 1
        drift = quality_to_drift(q, cfg)
        reasons: list[dict[str, object]] = list(
            compare_quantities(src_text, source.lang, tgt_text, target.lang)
        )
        flags: list[str] = []
        if reasons:
            flags.append("number_mismatch")
            drift = max(drift, cfg.number_floor)
        # names, institutions and polarity (see align.checks): precise, so they set a
        # drift floor even when the embeddings barely move; a changed referent or
        # polarity counts like a wrong number, a dropped name or a softened demand less
        checks = compare_entities(src_text, source.lang, tgt_text, target.lang)
        checks += compare_polarity(src_text, source.lang, tgt_text, target.lang)
        for r in checks:
            kind = str(r["type"])
            if kind not in flags:
                flags.append(kind)
            strong = kind in ("entity_mismatch", "negation_mismatch")
            drift = max(drift, cfg.number_floor if strong else 0.4)
        reasons.extend(checks)
        if drift >= cfg.low_similarity and not reasons:
            flags.append("low_similarity")
            reasons.append(
                {
                    "type": "low_similarity",
                    "src": None,
                    "tgt": None,
                    "detail": f"meaning differs (cosine {sim:.3f})",
                }
            )
        out.append(
            ScoredBead(
                bead.src,
                bead.tgt,
                src_text,
                tgt_text,
                sim,
                drift,
                flags,
                reasons,
                passage,
                float(np.clip(1.0 - q, 0.0, 2.0)),
            )
        )
    return out


def passage_summary(beads: list[ScoredBead]) -> list[dict[str, object]]:
    """Drift aggregated per passage (speaker turn or paragraph), in document order."""
    groups: dict[str, list[ScoredBead]] = {}
    info: dict[str, Passage] = {}
    for b in beads:
        if b.passage is None:
            continue
        groups.setdefault(b.passage.id, []).append(b)
        info[b.passage.id] = b.passage
    rows: list[dict[str, object]] = []
    for pid, items in groups.items():
        weights = np.array([max(1, len(b.src) + len(b.tgt)) for b in items], dtype=float)
        drifts = np.array([b.drift for b in items])
        p = info[pid]
        rows.append(
            {
                "id": pid,
                "speaker": p.speaker,
                "retranslated": p.retranslated,
                "beads": len(items),
                "mean_drift": round(float((drifts * weights).sum() / weights.sum()), 4),
                "max_drift": round(float(drifts.max()), 4),
                "flags": sorted({f for b in items for f in b.flags}),
            }
        )
    return rows


def summarise(beads: list[ScoredBead], top: int = 10) -> dict[str, object]:
    """Counts, mean drift, retranslated vs direct passages, the most drifted beads."""
    drifts = np.array([b.drift for b in beads]) if beads else np.zeros(0)
    passages = passage_summary(beads)

    def part(retranslated: bool) -> dict[str, object]:
        sel = [b for b in beads if b.passage is not None and b.passage.retranslated == retranslated]
        return {
            "passages": sum(1 for p in passages if p["retranslated"] == retranslated),
            "beads": len(sel),
            "mean_drift": round(float(np.mean([b.drift for b in sel])), 4) if sel else None,
            "flagged": sum(1 for b in sel if b.flags),
        }

    order = list(np.argsort(-drifts, kind="stable")[:top]) if len(drifts) else []
    return {
        "beads": len(beads),
        "one_to_one": sum(1 for b in beads if len(b.src) == 1 and len(b.tgt) == 1),
        "omissions": sum(1 for b in beads if not b.tgt),
        "additions": sum(1 for b in beads if not b.src),
        "number_mismatches": sum(1 for b in beads if "number_mismatch" in b.flags),
        "flagged": sum(1 for b in beads if b.flags),
        "mean_drift": round(float(drifts.mean()), 4) if len(drifts) else None,
        "retranslated": part(True),
        "direct": part(False),
        "most_drifted": [
            {
                "bead": int(i),
                "src": list(beads[i].src),
                "tgt": list(beads[i].tgt),
                "drift": round(beads[i].drift, 4),
                "flags": beads[i].flags,
                "src_text": beads[i].src_text[:200],
                "tgt_text": beads[i].tgt_text[:200],
            }
            for i in order
        ],
        "passages": passages,
    }
