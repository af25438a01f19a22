"""``align score``: score new translations of a source, or many sentence pairs.

Two jobs share one command because users bring either:

**Documents** (:func:`score_translations`): one SOURCE and several translations
of it, optionally with reference translations. Every translation is aligned to
the source with the ordinary pipeline (the encoder is loaded once), written to
``OUTDIR/<n>-<stem>/`` like ``align run`` output, and the translations are
ranked by mean drift in ``OUTDIR/ranking.json``.

With references, sacrebleu's corpus BLEU, chrF++ and TER are computed for each
translation. Translations and references are different segmentations of
different texts, so they are brought together *through the source*: each
reference is aligned to the source too, and

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

**Pairs** (:func:`score_pairs`): quality estimation on a TSV of
``source<TAB>translation`` lines. Pairs are scored as given, never aligned:
line ``i`` is bead ``[i]:[i]``. All sources are embedded in one encoder call
and all translations in another, because thousands of pairs are the normal
case. With a fitted drift model (``e5``) a pair's drift depends on that pair
only; with other encoders it is normalised against the other pairs of the
same file (as a document's beads are against the rest of the document), so
a file of a handful of pairs gives rough drift values.

Both write their whole output atomically: nothing half-written is left on error.
"""

from __future__ import annotations

import json
import logging
import shutil
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .drift import EmbedFn, score_beads, summarise
from .encoders import Encoder
from .errors import AlignError, InputError
from .formats import WRITERS, _make_temp_dir, check_replaceable, move_tree_into_place, write_outputs
from .languages import normalize_lang
from .pipeline import (
    RunOptions,
    align_documents,
    coverer,
    drift_config,
    load_encoder,
    signature,
)
from .reading import check_pair, read_text
from .segment import segment
from .types import Alignment, Bead, Document, Passage, ScoredBead, Sentence

logger = logging.getLogger(__name__)

RANKING_NAME = "ranking.json"
REFERENCE_SCORES_NAME = "reference_scores.jsonl"
FEW_PAIRS = 10  # below this, per-file drift normalisation is rough: say so


# --------------------------------------------------------------------------- shared


def _lang(code: str, path: Path) -> str:
    try:
        return normalize_lang(code)
    except ValueError as exc:
        raise InputError(path, str(exc)) from exc


def _check_formats(options: RunOptions) -> None:
    """Fail on an unknown format before minutes of embedding, not after."""
    if options.formats is None:
        return
    unknown = [f for f in options.formats if f not in WRITERS]
    if unknown:
        raise AlignError(
            f"unknown output format(s): {', '.join(unknown)} (choose from {', '.join(WRITERS)})"
        )


# --------------------------------------------------------------------------- pairs


@dataclass
class PairsResult:
    """What ``align score --pairs`` produced."""

    alignment: Alignment
    pairs: int
    seconds: float  # embedding and scoring, without loading the model
    pairs_per_second: float


def read_pairs(path: Path) -> tuple[list[str], list[str]]:
    """Parse a ``source<TAB>translation`` file, one pair a line, no header.

    Every line must be a pair: an empty line, a line without exactly one tab
    or with an empty side is an InputError naming the line, because skipping
    it would break the promise that output object ``i`` is input line ``i``.
    Sides are stripped of surrounding whitespace; no quoting is interpreted.
    """
    text = read_text(path)  # UTF-8, BOM and CRLF handled, empty file refused
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the final newline ends the last line, it does not add one
    sources: list[str] = []
    translations: list[str] = []
    expected = "expected source<TAB>translation"
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            raise InputError(path, f"line {n}: empty line; {expected} on every line")
        tabs = line.count("\t")
        if tabs != 1:
            found = "no tab" if tabs == 0 else f"{tabs} tabs"
            raise InputError(path, f"line {n}: {expected} (found {found})")
        src, tgt = (side.strip() for side in line.split("\t"))
        if not src or not tgt:
            side = "source" if not src else "translation"
            raise InputError(path, f"line {n}: empty {side}; {expected}")
        sources.append(src)
        translations.append(tgt)
    return sources, translations


def pairs_document(texts: Sequence[str], lang: str, path: str) -> Document:
    """One Sentence per line, all in one passage; spans index ``Document.text``."""
    sentences: list[Sentence] = []
    offset = 0
    for i, t in enumerate(texts):
        sentences.append(
            Sentence(
                index=i,
                text=t,
                passage=0,
                paragraph=i,
                start=offset,
                end=offset + len(t),
                line=i,
            )
        )
        offset += len(t) + 1
    return Document(lang, sentences, [Passage(0)], path=path, text="\n".join(texts))


def side_embedder(
    source: Document, target: Document, encoder: Encoder, options: RunOptions
) -> EmbedFn:
    """An embed function that has each whole side ready from one encoder call per side.

    ``score_beads`` asks for exactly these texts (per 1-1 bead and for its
    normalisation); anything else, such as texts with one word cut out, goes
    to the encoder.
    """
    src_texts, tgt_texts = source.texts, target.texts
    vs = encoder.encode(src_texts, options.batch_size, options.progress_bar)
    vt = encoder.encode(tgt_texts, options.batch_size, options.progress_bar)

    def embed(texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        if texts == src_texts:
            return vs
        if texts == tgt_texts:
            return vt
        return encoder.encode(texts, options.batch_size, False)

    return embed


def score_pair_documents(
    source: Document, target: Document, encoder: Encoder, options: RunOptions
) -> Alignment:
    """Score sentence ``i`` of ``source`` against sentence ``i`` of ``target``, unaligned.

    Each side is embedded in a single encoder call; ``score_beads`` asks for
    exactly these texts again (per bead and for its normalisation), so the
    embed function hands back the vectors already computed.
    """
    started = time.perf_counter()
    embed = side_embedder(source, target, encoder, options)
    beads = [Bead((i,), (i,)) for i in range(len(source))]
    drift_cfg = drift_config(options.model)
    scored = score_beads(source, target, beads, embed, drift_cfg, coverer(encoder, options))
    seconds = time.perf_counter() - started
    summary = summarise(scored)
    summary.update(
        source={"path": source.path, "lang": source.lang, "sentences": len(source)},
        target={"path": target.path, "lang": target.lang, "sentences": len(target)},
        mode="pairs",
        seconds=round(seconds, 2),
        pairs_per_second=round(len(source) / max(seconds, 1e-9), 1),
    )
    sig = signature(encoder, options, drift_cfg)
    sig.pop("aligner", None)  # nothing was aligned
    sig["mode"] = "pairs"
    return Alignment(source, target, scored, summary, sig)


def score_pairs(
    pairs_path: Path,
    src_lang: str,
    tgt_lang: str,
    outdir: Path,
    options: RunOptions | None = None,
) -> PairsResult:
    """``align score --pairs``: drift of every ``source<TAB>translation`` line, in order.

    The file is parsed completely before the model is loaded, so a bad line
    costs nothing and leaves no output directory.
    """
    options = options or RunOptions()
    _check_formats(options)
    src_lang = _lang(src_lang, pairs_path)
    tgt_lang = _lang(tgt_lang, pairs_path)
    sources, translations = read_pairs(pairs_path)
    if len(sources) < FEW_PAIRS and drift_config(options.model).model is None:
        logger.warning(
            "%s: only %d pairs; drift is normalised against the other pairs of the file, "
            "so it is rough with so few",
            pairs_path,
            len(sources),
        )
    source = pairs_document(sources, src_lang, str(pairs_path))
    target = pairs_document(translations, tgt_lang, str(pairs_path))
    encoder = load_encoder(options.model, options.device, options.embedding_cache)
    result = score_pair_documents(source, target, encoder, options)
    write_outputs(result, outdir, options.formats)
    s: dict[str, Any] = result.summary
    return PairsResult(result, len(sources), float(s["seconds"]), float(s["pairs_per_second"]))


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
                "bead": k,
                "references": texts,
                "reference_indices": [refs[k][0] for refs in per_ref],
                "bleu": b,
                "chrf": c,
            }
        )
    return records


# --------------------------------------------------------------------------- documents


@dataclass
class ScoredTranslation:
    """One translation's alignment to the source and its place in the ranking."""

    path: Path
    directory: str  # name inside OUTDIR: "<n>-<stem>"
    alignment: Alignment
    metrics: dict[str, object] | None = None
    reference_scores: list[dict[str, object]] = field(default_factory=list)


def _entry(t: ScoredTranslation) -> dict[str, object]:
    s = t.alignment.summary
    return {
        "dir": t.directory,
        "path": str(t.path),
        "sentences": len(t.alignment.target),
        "beads": s["beads"],
        "mean_drift": s["mean_drift"],
        "omissions": s["omissions"],
        "additions": s["additions"],
        "number_mismatches": s["number_mismatches"],
        "flagged": s["flagged"],
        "metrics": t.metrics,
    }


def rank(translations: Sequence[ScoredTranslation]) -> list[dict[str, object]]:
    """Ranking entries, lowest mean drift first; ties keep the order given."""

    def key(t: ScoredTranslation) -> float:
        drift: Any = t.alignment.summary["mean_drift"]
        return float("inf") if drift is None else float(drift)

    ordered = sorted(translations, key=key)
    return [{"rank": n, **_entry(t)} for n, t in enumerate(ordered, start=1)]


def _check_outdir(outdir: Path) -> None:
    check_replaceable(outdir, RANKING_NAME, "align score")


def _move_into_place(tmp: Path, outdir: Path) -> None:
    move_tree_into_place(tmp, outdir, RANKING_NAME, "align score")


def _write_jsonl(path: Path, records: Sequence[dict[str, object]]) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def score_translations(
    source_path: Path,
    translation_paths: Sequence[Path],
    src_lang: str,
    tgt_lang: str,
    outdir: Path,
    reference_paths: Sequence[Path] = (),
    options: RunOptions | None = None,
) -> dict[str, object]:
    """``align score SOURCE TRANSLATION...``: align each translation, rank, write OUTDIR.

    Every file is read, segmented and checked before the model is loaded.
    The whole OUTDIR is built in a temporary sibling directory and moved into
    place at the end. Returns the content of ``ranking.json``.
    """
    options = options or RunOptions()
    started = time.perf_counter()
    _check_formats(options)
    if not translation_paths:
        raise AlignError("give at least one TRANSLATION to score")
    outdir = Path(outdir)
    _check_outdir(outdir)
    src_lang = _lang(src_lang, source_path)
    tgt_lang = _lang(tgt_lang, translation_paths[0])
    src_text = read_text(source_path)
    source = segment(src_text, src_lang, path=str(source_path), presplit=options.presplit)

    def read_checked(path: Path) -> Document:
        text = read_text(path)
        doc = segment(text, tgt_lang, path=str(path), presplit=options.presplit)
        check_pair(source_path, src_text, path, text, len(source), len(doc))
        return doc

    translations = [read_checked(p) for p in translation_paths]
    references = [read_checked(p) for p in reference_paths]

    encoder = load_encoder(options.model, options.device, options.embedding_cache)
    ref_alignments = [align_documents(source, r, encoder, options) for r in references]
    scored = [
        ScoredTranslation(path, f"{n}-{path.stem}", align_documents(source, doc, encoder, options))
        for n, (path, doc) in enumerate(zip(translation_paths, translations, strict=True), 1)
    ]
    if ref_alignments:
        for t in scored:
            t.metrics = corpus_metrics(t.alignment, ref_alignments)
            t.reference_scores = bead_reference_scores(t.alignment, ref_alignments)

    reference_dirs = [f"reference-{n}-{p.stem}" for n, p in enumerate(reference_paths, 1)]
    ranking: dict[str, object] = {
        "source": {"path": str(source_path), "lang": source.lang, "sentences": len(source)},
        "ranked_by": "mean_drift (lower is better)",
        "translations": rank(scored),
        "references": [
            {
                "dir": d,
                "path": str(p),
                "sentences": len(a.target),
                "mean_drift": a.summary["mean_drift"],
                "omissions": a.summary["omissions"],
                "additions": a.summary["additions"],
            }
            for d, p, a in zip(reference_dirs, reference_paths, ref_alignments, strict=True)
        ],
        "signature": scored[0].alignment.signature,
        "seconds": round(time.perf_counter() - started, 2),
    }

    outdir.parent.mkdir(parents=True, exist_ok=True)
    tmp = _make_temp_dir(outdir)
    try:
        for t in scored:
            write_outputs(t.alignment, tmp / t.directory, options.formats)
            if ref_alignments:
                _write_jsonl(tmp / t.directory / REFERENCE_SCORES_NAME, t.reference_scores)
        for d, a in zip(reference_dirs, ref_alignments, strict=True):
            write_outputs(a, tmp / d, options.formats)
        with (tmp / RANKING_NAME).open("w", encoding="utf-8", newline="\n") as f:
            f.write(json.dumps(ranking, ensure_ascii=False, indent=2) + "\n")
        _move_into_place(tmp, outdir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return ranking


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
