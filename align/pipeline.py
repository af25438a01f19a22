"""The main job: two text files in, aligned and drift-scored bilingual files out.

read -> segment -> check -> embed -> align -> score drift -> write (atomically).
"""

from __future__ import annotations

import logging
import platform
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from . import __version__
from .aligner import AlignConfig, align
from .coverage import Coverage, pair_coverage
from .drift import CoverFn, DriftConfig, score_beads, summarise
from .drift_model import load_drift_model
from .encoders import DEFAULT_MODEL, Encoder, cache_root, faithful_quality, load
from .encoders.cache import CachedEncoder
from .errors import InputError
from .formats import write_outputs
from .languages import normalize_lang
from .reading import check_pair, read_text
from .segment import segment
from .types import Alignment, Document

logger = logging.getLogger(__name__)


@dataclass
class RunOptions:
    model: str = DEFAULT_MODEL
    presplit: bool = False
    device: str | None = None
    batch_size: int = 64
    embedding_cache: bool = True
    progress_bar: bool = False
    formats: Sequence[str] | None = None  # None: all of formats.WRITERS
    aligner: AlignConfig = field(default_factory=AlignConfig)


def load_encoder(name_or_path: str, device: str | None = None, cache: bool = True) -> Encoder:
    """The encoder, with each member wrapped in the on-disk embedding cache."""
    enc = load(name_or_path, device=device)
    if not cache:
        return enc
    from .encoders.ensemble import EnsembleEncoder

    root = cache_root() / "embeddings"
    if isinstance(enc, EnsembleEncoder):
        enc.members = [CachedEncoder(m, root) for m in enc.members]
        return enc
    return CachedEncoder(enc, root)


def read_document(path: Path, lang: str, presplit: bool) -> Document:
    text = read_text(path)
    return segment(text, lang, path=str(path), presplit=presplit)


def _lang(code: str, path: Path) -> str:
    try:
        return normalize_lang(code)
    except ValueError as exc:
        raise InputError(path, str(exc)) from exc


def align_documents(
    source: Document, target: Document, encoder: Encoder, options: RunOptions
) -> Alignment:
    """Align two segmented documents and score every bead."""
    started = time.perf_counter()

    def embed(texts: Sequence[str]) -> np.ndarray:
        return encoder.encode(list(texts), options.batch_size, options.progress_bar)

    beads = align(source, target, embed, options.aligner)
    drift_cfg = drift_config(options.model)
    scored = score_beads(source, target, beads, embed, drift_cfg, coverer(encoder, options))
    summary = summarise(scored)
    summary.update(
        source={"path": source.path, "lang": source.lang, "sentences": len(source)},
        target={"path": target.path, "lang": target.lang, "sentences": len(target)},
        seconds=round(time.perf_counter() - started, 2),
    )
    return Alignment(source, target, scored, summary, signature(encoder, options, drift_cfg))


def drift_config(model: str) -> DriftConfig:
    """Drift settings for an encoder: its fitted drift model when one ships."""
    return DriftConfig(faithful_quality=faithful_quality(model), model=load_drift_model(model))


def coverer(encoder: Encoder, options: RunOptions) -> CoverFn:
    """Token coverage of bead pairs with ``encoder`` (None per call when it has no tokens)."""

    def cover(src: Sequence[str], tgt: Sequence[str]) -> list[Coverage] | None:
        return pair_coverage(encoder, src, tgt, options.batch_size // 2 or 1)

    return cover


def signature(encoder: Encoder, options: RunOptions, drift: DriftConfig) -> dict[str, object]:
    """Everything needed to reproduce the numbers: model, versions, parameters."""
    import torch
    import transformers

    return {
        "driftalign": __version__,
        "encoder": encoder.signature(),
        "aligner": options.aligner.signature(),
        "drift": drift.signature(),
        "presplit": options.presplit,
        "python": platform.python_version(),
        "torch": torch.__version__,
        "transformers": transformers.__version__,
    }


def run(
    source_path: Path,
    target_path: Path,
    src_lang: str,
    tgt_lang: str,
    outdir: Path,
    options: RunOptions | None = None,
) -> Alignment:
    """``align run``: read, align, score and write every output format."""
    options = options or RunOptions()
    src_lang = _lang(src_lang, source_path)
    tgt_lang = _lang(tgt_lang, target_path)
    src_text = read_text(source_path)
    tgt_text = read_text(target_path)
    source = segment(src_text, src_lang, path=str(source_path), presplit=options.presplit)
    target = segment(tgt_text, tgt_lang, path=str(target_path), presplit=options.presplit)
    check_pair(source_path, src_text, target_path, tgt_text, len(source), len(target))
    logger.info(
        "%s: %d sentences; %s: %d sentences", source_path, len(source), target_path, len(target)
    )
    encoder = load_encoder(options.model, options.device, options.embedding_cache)
    result = align_documents(source, target, encoder, options)
    write_outputs(result, outdir, options.formats)
    return result
