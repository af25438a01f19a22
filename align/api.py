"""The public API: one :class:`Aligner`, loaded once, does everything the CLI does.

>>> from align import Aligner
>>> aligner = Aligner("e5")                                  # doctest: +SKIP
>>> result = aligner.align(ru_text, en_text, "ru", "en")     # doctest: +SKIP
>>> result.summary["mean_drift"], result.beads[0].flags      # doctest: +SKIP
>>> result.write("out/", formats=["jsonl", "html"])          # doctest: +SKIP

Everything is in memory: inputs are strings (or lists of sentences) and
results are objects; files are one adapter (:meth:`Alignment.write`,
:meth:`Ranking.write`, :meth:`Chain.write`). The CLI, ``align batch``, the
service's job runner and the benchmark scripts are thin layers over this
module, so there is one pipeline:

    segment -> check the pair -> embed -> align -> score drift -> (write)

Progress is reported through a callback (``progress=fn``) called between
encoder batches with a :class:`Progress`; an exception raised inside it
stops the work (the service cancels jobs that way).
"""

from __future__ import annotations

import logging
import platform
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from . import __version__
from .aligner import AlignConfig, PairVectors, align
from .drift import DriftScorer, summarise
from .encoders import DEFAULT_MODEL, Encoder, cache_root, load
from .errors import AlignError, InputError
from .languages import normalize_lang
from .reading import check_pair
from .segment import segment
from .types import Alignment, Bead, Document, Passage, Sentence, Signature

logger = logging.getLogger(__name__)

__all__ = ["Aligner", "Chain", "Progress", "Ranking", "document", "read_document"]


@dataclass(frozen=True)
class Progress:
    """Where a call stands: ``done`` of ``total`` texts embedded in ``stage``."""

    stage: str  # "embed"
    done: int
    total: int


ProgressFn = Callable[[Progress], None]
Text = str | Sequence[str]  # a whole text, or its sentences one by one


# --------------------------------------------------------------------------- documents


def _lang(code: str, where: str | Path) -> str:
    try:
        return normalize_lang(code)
    except ValueError as exc:
        raise InputError(where, str(exc)) from exc


def sentences_document(sentences: Sequence[str], lang: str, name: str) -> Document:
    """A Document that keeps ``sentences`` exactly as given, one passage, one paragraph.

    ``Document.text`` joins them with newlines so that spans index it, as for
    a ``--presplit`` file.
    """
    out: list[Sentence] = []
    offset = 0
    for i, text in enumerate(sentences):
        if not isinstance(text, str):
            raise InputError(name, f"sentence {i}: expected a string, got {type(text).__name__}")
        if not text.strip():
            raise InputError(name, f"sentence {i}: empty sentence")
        out.append(Sentence(i, text, 0, 0, offset, offset + len(text), line=i))
        offset += len(text) + 1
    if not out:
        raise InputError(name, "no sentences found")
    return Document(lang, out, [Passage(0)], path=name, text="\n".join(sentences))


def document(text: Text, lang: str, name: str = "<text>", presplit: bool = False) -> Document:
    """Segment ``text`` (a string) or wrap ``text`` (a list of sentences) into a Document."""
    lang = _lang(lang, name)
    if isinstance(text, str):
        return segment(text, lang, path=name, presplit=presplit)
    return sentences_document(list(text), _base_lang(lang), name)


def read_document(path: str | Path, lang: str, presplit: bool = False) -> Document:
    """Read a UTF-8 text file and segment it (errors name the file)."""
    from .reading import read_text

    return document(read_text(Path(path)), lang, str(path), presplit)


def _base_lang(lang: str) -> str:
    from .segment import _base

    return _base(lang)


def _raw(doc: Document) -> str:
    return doc.text or "\n".join(doc.texts)


def check_documents(source: Document, target: Document) -> None:
    """The pair checks of ``align run`` (not identical, comparable lengths)."""
    check_pair(
        source.path or "source",
        _raw(source),
        target.path or "target",
        _raw(target),
        len(source),
        len(target),
    )


# --------------------------------------------------------------------------- results


@dataclass
class Ranking:
    """Several translations of one source aligned to it and ranked by mean drift."""

    source: Document
    translations: list[ScoredTranslation]  # in the order given
    references: list[tuple[str, Alignment]]  # (name, alignment to the source)
    table: dict[str, object]  # the content of ranking.json

    def write(
        self, outdir: str | Path, formats: Iterable[str] | None = None, force: bool | None = None
    ) -> Path:
        """One folder per translation and reference, and ``ranking.json``, atomically."""
        from .outputs import write_ranking

        return write_ranking(self, Path(outdir), formats, force)


@dataclass
class ScoredTranslation:
    """One translation's alignment to the source and, with references, its metrics."""

    name: str
    directory: str  # "<n>-<name>": its folder in a written ranking
    alignment: Alignment
    metrics: dict[str, object] | None = None
    reference_scores: list[dict[str, object]] = field(default_factory=list)


@dataclass
class Chain:
    """A retranslation chain: the three alignments and their composed units."""

    alignments: dict[str, Alignment]  # hop1, hop2, direct
    dirs: dict[str, str]  # hop -> folder name in a written chain
    records: list[dict[str, Any]]
    summary: dict[str, object]

    def write(
        self, outdir: str | Path, formats: Iterable[str] | None = None, force: bool | None = None
    ) -> Path:
        """One folder per hop, ``chain.jsonl`` and ``chain_summary.json``, atomically."""
        from .outputs import write_chain

        return write_chain(self, Path(outdir), formats, force)


# --------------------------------------------------------------------------- encoder plumbing


def load_encoder(
    name_or_path: str, device: str | None = None, cache: bool = True, backend: str = "auto"
) -> Encoder:
    """The encoder, with each member wrapped in the on-disk embedding cache.

    ``backend`` (:data:`align.encoders.quant.BACKENDS`) picks how a transformers
    model runs on CPU; "auto" is bf16 autocast where the CPU has it, else fp32.
    """
    from .encoders.cache import CachedEncoder
    from .encoders.ensemble import EnsembleEncoder

    enc = load(name_or_path, device=device, backend=backend)
    # a static table (e5-fast) computes a vector faster than the cache could look it up
    if not cache or not getattr(enc, "worth_caching", True):
        return enc
    root = cache_root() / "embeddings"
    if isinstance(enc, EnsembleEncoder):
        enc.members = [CachedEncoder(m, root) for m in enc.members]
        return enc
    return CachedEncoder(enc, root)


def encoder_backend(encoder: Any) -> str | None:
    """The backend ``encoder`` actually runs ("auto" resolved), through the cache and
    ensemble wrappers; None for an encoder without one (static, USE-m3)."""
    members = getattr(encoder, "members", None)
    if isinstance(members, list):  # an ensemble: its members' backends, each once
        found = [encoder_backend(m) for m in members]
        return "+".join(dict.fromkeys(b for b in found if b)) or None
    backend = getattr(encoder, "backend", None)
    if isinstance(backend, str):
        return backend
    inner = getattr(encoder, "inner", None)  # CachedEncoder
    return encoder_backend(inner) if inner is not None else None


class _Reporting:
    """An encoder view that reports progress between the encoder's own batches.

    Embedding is nearly all of a run's time and the aligner makes a few large
    calls, so each call is cut into batches and ``progress`` runs between
    them, every second or so: that is what makes a progress bar smooth and
    cancellation prompt (``progress`` may raise). ``encode`` is cut into
    exactly the batches the encoder would make (sorted by length, same size and
    character budget), so its vectors are the same bits as without a callback.
    """

    def __init__(self, inner: Encoder, progress: ProgressFn) -> None:
        self._inner = inner
        self._progress = progress

    def _sorted(self, texts: list[str], stage: str) -> list[int]:
        self._progress(Progress(stage, 0, len(texts)))
        return sorted(range(len(texts)), key=lambda i: len(texts[i]))

    def encode(
        self, texts: Sequence[str], batch_size: int = 64, progress_bar: bool = False
    ) -> np.ndarray:
        from .encoders.base import _batches

        texts = list(texts)
        budget = int(getattr(self._inner, "char_budget", 8000))
        out = np.zeros((len(texts), self._inner.dim), dtype=np.float32)
        order = self._sorted(texts, "embed")
        done = 0
        for idx in _batches(order, [len(t) for t in texts], batch_size, budget):
            out[idx] = self._inner.encode([texts[i] for i in idx], batch_size, False)
            done += len(idx)
            self._progress(Progress("embed", done, len(texts)))
        return out

    def _in_batches(self, stage: str, texts: Sequence[str], batch_size: int, call: Any) -> Any:
        """``call`` on length-sorted batches, results put back in order (None: unsupported)."""
        texts = list(texts)
        out: list[Any] = [None] * len(texts)
        order = self._sorted(texts, stage)
        for start in range(0, len(order), batch_size):
            idx = order[start : start + batch_size]
            part = call([texts[i] for i in idx])
            if part is None:
                return None
            for i, item in zip(idx, part, strict=True):
                out[i] = item
            self._progress(Progress(stage, start + len(idx), len(texts)))
        return out

    def token_states(self, texts: Sequence[str], batch_size: int = 32) -> Any:
        return self._in_batches(
            "tokens", texts, batch_size, lambda part: self._inner.token_states(part, batch_size)
        )

    def sentence_states(
        self, texts: Sequence[str], batch_size: int = 32, tokens: bool = True
    ) -> Any:
        fn = self._inner.sentence_states
        return self._in_batches(
            "sentences", texts, batch_size, lambda part: fn(part, batch_size, tokens)
        )

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


# --------------------------------------------------------------------------- the aligner


class Aligner:
    """An encoder and a drift scorer, loaded once and reused for every call.

    ``model`` is a registry name (``e5``, ``use-m3``, ``e5+use-m3``) or a local
    model directory; ``device`` None picks CUDA when present. ``config`` sets
    the aligner (bead shapes, window, skip penalty). ``omissions`` (strict,
    balanced, lenient: see :mod:`align.members`) sets how eagerly sentences
    with no counterpart are reported, also inside merged beads. ``cache``
    keeps embeddings on disk so a re-run of the same text costs no encoder time.
    ``backend`` (auto, fp32, bf16, int8, onnx: :mod:`align.encoders.quant`) picks
    how a transformers encoder runs on CPU (not a given ``encoder``'s); the one
    used is in the signature.
    """

    def __init__(
        self,
        model: str = DEFAULT_MODEL,
        device: str | None = None,
        config: AlignConfig | None = None,
        *,
        omissions: str = "balanced",
        batch_size: int = 64,
        cache: bool = True,
        encoder: Encoder | None = None,
        backend: str = "auto",
    ) -> None:
        from .members import PRESETS

        if omissions not in PRESETS:
            raise AlignError(f"omissions={omissions!r}: choose one of {', '.join(PRESETS)}")
        preset = PRESETS[omissions]
        self.model = model
        # the model's skip times the preset's factor, unless the config sets one
        self.config = config or AlignConfig()
        if self.config.skip is None:
            self.config = replace(self.config, skip=preset.skip(model))
        self.batch_size = batch_size
        self.encoder: Encoder = encoder or load_encoder(model, device, cache, backend)
        members = preset.members
        if getattr(self.encoder, "centre", False):  # a static table (e5-fast)
            self.config = self.config.for_static()
            # no token vectors: the member check would rest on the bead's cosine gain
            # alone, which a static table gives too freely (Text+Berg test + ParIce
            # deletions: 59% reported in place with it, 49% without, but 15% of the
            # other beads flagged instead of 5%)
            members = replace(members, enabled=False)
        self.scorer = DriftScorer(self.encoder, model, batch_size)
        self.scorer.config = replace(self.scorer.config, members=members)

    @property
    def backend(self) -> str | None:
        """The backend the encoder runs ("auto" resolved; None: the encoder has none)."""
        return encoder_backend(self.encoder)

    # ------------------------------------------------------------------ helpers

    def _embedder(self, progress: ProgressFn | None) -> Callable[[Sequence[str]], np.ndarray]:
        enc: Any = self.encoder if progress is None else _Reporting(self.encoder, progress)

        def embed(texts: Sequence[str]) -> np.ndarray:
            return enc.encode(list(texts), self.batch_size, False)

        return embed

    def signature(self, aligned: bool = True, presplit: bool = False) -> Signature:
        """Everything needed to reproduce the numbers: model, versions, parameters.

        Each component supplies its own part (encoder, aligner, drift scorer).
        """
        from importlib.metadata import version  # not importing transformers: start-up

        parts: dict[str, object] = {"driftalign": __version__}
        encoder = self.encoder.signature()
        backend = self.backend
        if backend is not None:  # the encoder's own names only int8 and onnx (cache keys)
            encoder = encoder | {"backend": backend}
        parts["encoder"] = encoder
        if aligned:
            parts["aligner"] = self.config.signature()
        parts["drift"] = self.scorer.signature()
        parts |= {
            "presplit": presplit,
            "python": platform.python_version(),
            "torch": version("torch"),
            "transformers": version("transformers"),
        }
        return Signature(parts)

    # ------------------------------------------------------------------ documents

    def align(
        self,
        source: Text,
        target: Text,
        src_lang: str,
        tgt_lang: str,
        *,
        presplit: bool = False,
        source_name: str = "source",
        target_name: str = "target",
        progress: ProgressFn | None = None,
    ) -> Alignment:
        """Align a text (or a list of sentences) with its translation and score every bead."""
        src = document(source, src_lang, source_name, presplit)
        tgt = document(target, tgt_lang, target_name, presplit)
        check_documents(src, tgt)
        return self.align_documents(src, tgt, presplit=presplit, progress=progress)

    def align_documents(
        self,
        source: Document,
        target: Document,
        *,
        presplit: bool = False,
        progress: ProgressFn | None = None,
    ) -> Alignment:
        """Align two segmented documents and score every bead (no checks, no I/O)."""
        started = time.perf_counter()
        # every sentence through the encoder once: run vectors, bead vectors and
        # bead coverage all come from it ("refined" re-embeds the runs of unsure
        # beads, "exact" every run)
        vectors = self._vectors(source, target, progress)
        beads = align(source, target, vectors, self.config)
        recentring: dict[str, object] = {}
        scored = self.scorer.score(
            source, target, beads, vectors.embed, vectors.cover, stats=recentring
        )
        summary = summarise(scored)
        if recentring:  # how far the document's drift was re-centred (DriftModel.recentre)
            summary["drift_recentring"] = recentring
        summary.update(
            source={"path": source.path, "lang": source.lang, "sentences": len(source)},
            target={"path": target.path, "lang": target.lang, "sentences": len(target)},
            seconds=round(time.perf_counter() - started, 2),
        )
        return Alignment(source, target, scored, summary, self.signature(presplit=presplit))

    def beads(
        self, source: Document, target: Document, *, progress: ProgressFn | None = None
    ) -> list[Bead]:
        """Only the alignment, no drift: for alignment benchmarks and corpus building."""
        return align(source, target, self._vectors(source, target, progress), self.config)

    def _vectors(
        self, source: Document, target: Document, progress: ProgressFn | None
    ) -> PairVectors:
        enc: Any = self.encoder if progress is None else _Reporting(self.encoder, progress)
        return PairVectors(source, target, enc, self.config, self.batch_size)

    # ------------------------------------------------------------------ pairs

    def score_pairs(
        self,
        pairs: Iterable[tuple[str, str]],
        src_lang: str,
        tgt_lang: str,
        *,
        name: str = "pairs",
        progress: ProgressFn | None = None,
    ) -> Alignment:
        """Drift of every ``(source, translation)`` pair, as given (never aligned).

        Pair ``i`` is bead ``[i]:[i]``. Each side is embedded in one encoder
        call. With a fitted drift model a pair's drift depends on that pair
        only; otherwise it is normalised against the other pairs.
        """
        pairs = list(pairs)
        if not pairs:
            raise InputError(name, "no pairs to score")
        src_lang, tgt_lang = _lang(src_lang, name), _lang(tgt_lang, name)
        source = sentences_document([p[0] for p in pairs], _base_lang(src_lang), name)
        target = sentences_document([p[1] for p in pairs], _base_lang(tgt_lang), name)
        for doc in (source, target):  # one pair a line: a pair is its own paragraph
            doc.sentences = [replace(s, paragraph=s.index) for s in doc.sentences]
        return self.score_pair_documents(source, target, progress=progress)

    def score_pair_documents(
        self, source: Document, target: Document, *, progress: ProgressFn | None = None
    ) -> Alignment:
        """Score sentence ``i`` of ``source`` against sentence ``i`` of ``target``."""
        started = time.perf_counter()
        embed = self._side_embedder(source, target, progress)
        beads = [Bead((i,), (i,)) for i in range(len(source))]
        reading: dict[str, object] = {}
        scored = self.scorer.score(source, target, beads, embed, pairs_only=True, stats=reading)
        seconds = time.perf_counter() - started
        summary = summarise(scored)
        if reading:  # what read the pairs; pairs are never re-centred (logit_shift 0)
            summary["drift_recentring"] = reading
        summary.update(
            source={"path": source.path, "lang": source.lang, "sentences": len(source)},
            target={"path": target.path, "lang": target.lang, "sentences": len(target)},
            mode="pairs",
            seconds=round(seconds, 2),
            pairs_per_second=round(len(source) / max(seconds, 1e-9), 1),
        )
        sig = self.signature(aligned=False)
        sig["mode"] = "pairs"
        return Alignment(source, target, scored, summary, sig)

    def _side_embedder(
        self, source: Document, target: Document, progress: ProgressFn | None
    ) -> Callable[[Sequence[str]], np.ndarray]:
        """Each whole side embedded once; the scorer asks for exactly these texts again."""
        embed = self._embedder(progress)
        src_texts, tgt_texts = source.texts, target.texts
        vs, vt = embed(src_texts), embed(tgt_texts)
        quiet = self._embedder(None)

        def side(texts: Sequence[str]) -> np.ndarray:
            texts = list(texts)
            if texts == src_texts:
                return vs
            if texts == tgt_texts:
                return vt
            return quiet(texts)

        return side

    # ------------------------------------------------------------------ ranking

    def rank(
        self,
        source: Text,
        translations: Mapping[str, Text] | Sequence[Text],
        src_lang: str,
        tgt_lang: str,
        references: Mapping[str, Text] | Sequence[Text] | None = None,
        *,
        presplit: bool = False,
        source_name: str = "source",
        progress: ProgressFn | None = None,
    ) -> Ranking:
        """Align each translation to ``source`` and rank them by mean drift, lowest first.

        With ``references``, sacrebleu's BLEU, chrF++ and TER are computed for
        each translation through the source (see :mod:`align.ranking`).
        Every input is segmented and checked before any encoder work.
        """
        src = document(source, src_lang, source_name, presplit)
        named = _named(translations, "translation")
        if not named:
            raise AlignError("give at least one translation to score")
        docs = [(n, document(t, tgt_lang, n, presplit)) for n, t in named]
        refs = [(n, document(t, tgt_lang, n, presplit)) for n, t in _named(references, "reference")]
        for _, doc in docs + refs:
            check_documents(src, doc)
        return self.rank_documents(src, docs, refs, presplit=presplit, progress=progress)

    def rank_documents(
        self,
        source: Document,
        translations: Sequence[tuple[str, Document]],
        references: Sequence[tuple[str, Document]] = (),
        *,
        presplit: bool = False,
        progress: ProgressFn | None = None,
    ) -> Ranking:
        """:meth:`rank` on documents already segmented and checked."""
        from .ranking import bead_reference_scores, corpus_metrics, rank_entries

        started = time.perf_counter()

        def run(doc: Document) -> Alignment:
            return self.align_documents(source, doc, presplit=presplit, progress=progress)

        ref_alignments = [(name, run(doc)) for name, doc in references]
        scored = [
            ScoredTranslation(name, f"{n}-{name}", run(doc))
            for n, (name, doc) in enumerate(translations, 1)
        ]
        if ref_alignments:
            refs = [a for _, a in ref_alignments]
            for t in scored:
                t.metrics = corpus_metrics(t.alignment, refs)
                t.reference_scores = bead_reference_scores(t.alignment, refs)
        table: dict[str, object] = {
            "source": {"path": source.path, "lang": source.lang, "sentences": len(source)},
            "ranked_by": "mean_drift (lower is better)",
            "translations": rank_entries(scored),
            "references": [
                {
                    "dir": f"reference-{n}-{name}",
                    "path": a.target.path,
                    "sentences": len(a.target),
                    "mean_drift": a.summary["mean_drift"],
                    "omissions": a.summary["omissions"],
                    "additions": a.summary["additions"],
                }
                for n, (name, a) in enumerate(ref_alignments, 1)
            ],
            "signature": scored[0].alignment.signature,
            "seconds": round(time.perf_counter() - started, 2),
        }
        return Ranking(source, scored, ref_alignments, table)

    # ------------------------------------------------------------------ chain

    def chain(
        self,
        original: Text,
        interpretation: Text,
        retranslation: Text,
        langs: Sequence[str],
        *,
        presplit: bool = False,
        names: Sequence[str] = ("original", "interpretation", "retranslation"),
        threshold: float | None = None,
        progress: ProgressFn | None = None,
    ) -> Chain:
        """Attribute drift to the hop of a retranslation chain where it appeared.

        ``langs``: the three languages, e.g. ``("ar", "ru", "en")``. See
        :mod:`align.chain` for how units are composed and attributed.
        """
        if len(langs) != 3:
            raise AlignError("three languages are needed: ORIGINAL,INTERPRETATION,RETRANSLATION")
        texts = (original, interpretation, retranslation)
        docs = [
            document(t, code, name, presplit)
            for t, code, name in zip(texts, langs, names, strict=True)
        ]
        for a, b in ((0, 1), (1, 2), (0, 2)):
            check_documents(docs[a], docs[b])
        return self.chain_documents(docs, presplit=presplit, threshold=threshold, progress=progress)

    def chain_documents(
        self,
        docs: Sequence[Document],
        *,
        presplit: bool = False,
        threshold: float | None = None,
        progress: ProgressFn | None = None,
    ) -> Chain:
        """:meth:`chain` on three documents already segmented and checked."""
        from .chain import HOPS, ChainConfig, compose, hop_dirs, summarise_chain

        started = time.perf_counter()
        cfg = ChainConfig() if threshold is None else ChainConfig(threshold=threshold)
        alignments = {
            "hop1": self.align_documents(docs[0], docs[1], presplit=presplit, progress=progress),
            "hop2": self.align_documents(docs[1], docs[2], presplit=presplit, progress=progress),
            "direct": self.align_documents(docs[0], docs[2], presplit=presplit, progress=progress),
        }
        assert list(alignments) == list(HOPS)
        records = compose(alignments["hop1"], alignments["hop2"], alignments["direct"], cfg)
        dirs = hop_dirs([d.lang for d in docs])
        summary = summarise_chain(records, alignments, dirs, cfg)
        summary["documents"] = {
            kind: {"path": d.path, "lang": d.lang, "sentences": len(d)}
            for kind, d in zip(("original", "interpretation", "retranslation"), docs, strict=True)
        }
        summary["seconds"] = round(time.perf_counter() - started, 2)
        return Chain(alignments, dirs, records, summary)

    def close(self) -> None:
        """Release the embedding cache (the model goes with the object)."""
        close = getattr(self.encoder, "close", None)
        if close is not None:
            close()


def _named(items: Mapping[str, Text] | Sequence[Text] | None, kind: str) -> list[tuple[str, Text]]:
    """``(name, text)`` pairs from a mapping, or numbered names for a plain sequence."""
    if items is None:
        return []
    if isinstance(items, Mapping):
        return [(str(k), v) for k, v in items.items()]
    if isinstance(items, str):
        raise AlignError(f"give a list or a mapping of {kind}s, not one string")
    return [(f"{kind}{n}", t) for n, t in enumerate(items, 1)]
