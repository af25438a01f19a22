"""Ranking translations of one source, with reference-based scores where references exist.

:meth:`align.Aligner.rank` aligns every translation (and every reference) to
the source, then this module ranks them by mean drift and, with references,
computes sacrebleu's corpus BLEU, chrF++ and TER for each translation.

Translations and references are different segmentations of different texts,
so they are brought together *through the source*:

- the source sentences are cut into *groups*: the smallest runs of
  consecutive source sentences that no bead (of the translation's alignment or
  of any reference's alignment) crosses. A group's hypothesis is the
  translation text aligned to its source sentences, its reference the
  reference text aligned to the same sentences. Every sentence of the
  translation and of each reference lands in exactly one group (an addition,
  a bead with no source side, joins the group of the bead before it, or the
  first group), so nothing is counted twice or dropped. These groups are the
  segments sacrebleu scores.
- per bead of the translation (``reference_scores.jsonl``), the reference is
  the reference sentences aligned to any of the bead's source sentences. When
  a reference bead spans two translation beads, its text is the reference of
  both: right for a sentence-level diagnostic, which is why corpus scores use
  the groups instead.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .types import Alignment, ScoredBead

if TYPE_CHECKING:
    from .api import ScoredTranslation

logger = logging.getLogger(__name__)

RANKING_NAME = "ranking.json"
REFERENCE_SCORES_NAME = "reference_scores.jsonl"


# --------------------------------------------------------------------------- reference mapping


def _joined(beads: Sequence[ScoredBead], n_src: int) -> list[bool]:
    """``joined[i]``: some bead holds source sentences ``i`` and ``i + 1`` together."""
    joined = [False] * max(0, n_src - 1)
    for b in beads:
        if len(b.src) > 1:
            for i in range(min(b.src), max(b.src)):
                joined[i] = True
    return joined


def source_groups(n_src: int, alignments: Sequence[Sequence[ScoredBead]]) -> list[int]:
    """Group number of each source sentence: the finest cut no bead of any alignment crosses."""
    joined = [False] * max(0, n_src - 1)
    for beads in alignments:
        joined = [a or b for a, b in zip(joined, _joined(beads, n_src), strict=True)]
    groups, g = [], 0
    for i in range(n_src):
        if i and not joined[i - 1]:
            g += 1
        groups.append(g)
    return groups


def texts_by_group(beads: Sequence[ScoredBead], groups: list[int]) -> list[str]:
    """The target text of ``beads`` gathered per source group, in document order.

    A bead with no source side (an addition) joins the group of the bead
    before it; additions before the first source sentence join the first group.
    """
    n_groups = (groups[-1] + 1) if groups else 0
    parts: list[list[str]] = [[] for _ in range(n_groups)]
    pending: list[str] = []
    current: int | None = None
    for b in beads:
        if b.src:
            current = groups[b.src[0]]
            parts[current].extend(pending)
            pending = []
        if not b.tgt:
            continue
        if current is None:
            pending.append(b.tgt_text)
        else:
            parts[current].append(b.tgt_text)
    if pending and parts:
        parts[-1].extend(pending)
    return [" ".join(p) for p in parts]


def reference_for_beads(
    beads: Sequence[ScoredBead], reference: Alignment
) -> list[tuple[list[int], str]]:
    """Per translation bead: the reference sentences aligned to its source sentences."""
    by_src: dict[int, tuple[int, ...]] = {}
    for rb in reference.beads:
        for i in rb.src:
            by_src[i] = rb.tgt
    out: list[tuple[list[int], str]] = []
    for b in beads:
        idx = sorted({j for i in b.src for j in by_src.get(i, ())})
        out.append((idx, " ".join(reference.target.sentences[j].text for j in idx)))
    return out


def _bleu(lang: str, **kwargs: Any) -> Any:
    """BLEU with sacrebleu's tokenizer for the target language (``zh`` for Chinese).

    Japanese and Korean need MeCab; without it BLEU falls back to character
    tokens, which the signature then records.
    """
    from sacrebleu.metrics import BLEU

    try:
        return BLEU(trg_lang=lang, **kwargs)
    except RuntimeError as exc:  # ja/ko without their tokenizer packages
        logger.warning("BLEU tokenizer for %s unavailable (%s); using tokenize=char", lang, exc)
        return BLEU(tokenize="char", **kwargs)


def _metrics(lang: str) -> tuple[Any, Any, Any]:
    """Corpus BLEU, chrF++ and TER set up for the target language."""
    from sacrebleu.metrics import CHRF, TER

    ter = TER(asian_support=lang in ("zh", "ja", "ko"))
    return _bleu(lang), CHRF(word_order=2), ter


def corpus_metrics(translation: Alignment, references: Sequence[Alignment]) -> dict[str, object]:
    """Corpus BLEU, chrF++ and TER of a translation over source groups, with signatures."""
    n_src = len(translation.source)
    groups = source_groups(n_src, [translation.beads, *(r.beads for r in references)])
    hyps = texts_by_group(translation.beads, groups)
    refs = [texts_by_group(r.beads, groups) for r in references]
    keep = [g for g in range(len(hyps)) if hyps[g] or any(r[g] for r in refs)]
    hyps = [hyps[g] for g in keep]
    refs = [[r[g] for g in keep] for r in refs]
    out: dict[str, object] = {"segments": len(hyps)}
    for key, metric in zip(("bleu", "chrf", "ter"), _metrics(translation.target.lang), strict=True):
        score = metric.corpus_score(hyps, refs)
        out[key] = {
            "score": round(float(score.score), 2),
            "signature": metric.get_signature().format(),
        }
    return out


def bead_reference_scores(
    translation: Alignment, references: Sequence[Alignment]
) -> list[dict[str, object]]:
    """One record per bead: its reference text(s) and sentence-level BLEU and chrF++.

    Scores are null when no reference text maps to the bead (an addition,
    or source sentences every reference left out).
    """
    from sacrebleu.metrics import CHRF

    sentence_bleu: Any = _bleu(translation.target.lang, effective_order=True)
    chrf = CHRF(word_order=2)
    per_ref = [reference_for_beads(translation.beads, r) for r in references]
    records: list[dict[str, object]] = []
    for k, bead in enumerate(translation.beads):
        texts = [refs[k][1] for refs in per_ref]
        usable = [t for t in texts if t]
        hyp = bead.tgt_text if bead.tgt else ""
        b = c = None
        if usable:
            b = round(float(sentence_bleu.sentence_score(hyp, usable).score), 2)
            c = round(float(chrf.sentence_score(hyp, usable).score), 2)
        records.append(
            {
                "bead": k + 1,  # as in alignment.jsonl
                "references": texts,
                "reference_indices": [refs[k][0] for refs in per_ref],
                "bleu": b,
                "chrf": c,
            }
        )
    return records


# --------------------------------------------------------------------------- ranking


def _entry(t: ScoredTranslation) -> dict[str, object]:
    s = t.alignment.summary
    return {
        "dir": t.directory,
        "path": t.alignment.target.path,
        "sentences": len(t.alignment.target),
        "beads": s["beads"],
        "mean_drift": s["mean_drift"],
        "omissions": s["omissions"],
        "additions": s["additions"],
        "number_mismatches": s["number_mismatches"],
        "flagged": s["flagged"],
        "metrics": t.metrics,
    }


def rank_entries(translations: Sequence[ScoredTranslation]) -> list[dict[str, object]]:
    """Ranking entries, lowest mean drift first; ties keep the order given."""

    def key(t: ScoredTranslation) -> float:
        drift: Any = t.alignment.summary["mean_drift"]
        return float("inf") if drift is None else float(drift)

    ordered = sorted(translations, key=key)
    return [{"rank": n, **_entry(t)} for n, t in enumerate(ordered, start=1)]


_METRIC_NAMES = (("bleu", "BLEU"), ("chrf", "chrF++"), ("ter", "TER"))


def format_ranking(ranking: dict[str, object]) -> str:
    """The ranking as a plain-text table, with metric signatures underneath."""
    entries: list[dict[str, Any]] = ranking["translations"]  # type: ignore[assignment]
    with_metrics = any(e["metrics"] for e in entries)
    width = max([len("translation"), *(len(str(e["dir"])) for e in entries)])
    head = f"{'rank':>4}  {'translation':<{width}}  {'drift':>6}  {'beads':>5}  "
    head += f"{'omit':>4}  {'add':>4}  {'flag':>4}"
    if with_metrics:
        head += "".join(f"  {label:>6}" for _, label in _METRIC_NAMES)
    lines = [head]
    for e in entries:
        drift = "-" if e["mean_drift"] is None else f"{e['mean_drift']:.3f}"
        row = f"{e['rank']:>4}  {e['dir']!s:<{width}}  {drift:>6}  {e['beads']:>5}  "
        row += f"{e['omissions']:>4}  {e['additions']:>4}  {e['flagged']:>4}"
        if with_metrics:
            m: dict[str, Any] = e["metrics"] or {}
            row += "".join(f"  {m[k]['score']:>6.2f}" for k, _ in _METRIC_NAMES)
        lines.append(row)
    if with_metrics:
        first: dict[str, Any] = next(e["metrics"] for e in entries if e["metrics"])
        lines.append("")
        lines.extend(f"{label}: {first[k]['signature']}" for k, label in _METRIC_NAMES)
    return "\n".join(lines)
