"""Background alignment jobs: segment, align and score submitted pairs off the request path.

One worker by default: an alignment saturates the CPU, so running two at
once only makes both slower, and a queue gives honest progress. Encoders are
loaded once per model and kept for the life of the process (loading costs
seconds, an edit's rescoring milliseconds).

Each encoder lives on a thread of its own. The embedding cache keeps a
``sqlite3`` connection that may only be used by the thread that opened it,
and the aligner (on the job worker) and edit rescoring (on request threads)
share the encoder; routing every ``encode`` through the encoder's thread
satisfies sqlite3 and serialises inference without a global lock. Edits
interleave with a running job between its ``encode`` calls.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import numpy as np

from ..coverage import TokenStates
from ..drift import CoverFn, DriftConfig, EmbedFn
from ..encoders import DEFAULT_MODEL
from ..errors import AlignError
from ..pipeline import RunOptions, align_documents, coverer, drift_config, load_encoder
from ..reading import check_pair
from ..segment import segment
from .review import documents_to_json
from .store import Store

logger = logging.getLogger(__name__)


class BoundEncoder:
    """An encoder confined to its own thread; ``encode`` may be called from any thread."""

    def __init__(self, model: str, device: str | None = None, cache: bool = True) -> None:
        self._thread = ThreadPoolExecutor(1, thread_name_prefix=f"encoder-{model}")
        self._inner = self._thread.submit(load_encoder, model, device, cache).result()
        self.model = model
        self.name: str = self._inner.name
        self.dim: int = self._inner.dim
        self.device: str = self._inner.device

    def encode(
        self, texts: Sequence[str], batch_size: int = 64, progress_bar: bool = False
    ) -> np.ndarray:
        return self._thread.submit(self._inner.encode, list(texts), batch_size, False).result()

    def token_states(self, texts: Sequence[str], batch_size: int = 32) -> list[TokenStates] | None:
        return self._thread.submit(self._inner.token_states, list(texts), batch_size).result()

    def signature(self) -> dict[str, object]:
        return self._inner.signature()

    def close(self) -> None:
        self._thread.shutdown(wait=False)


class _ProgressEncoder:
    """Reports each ``encode`` call: embedding is nearly all of an alignment's time."""

    def __init__(self, inner: BoundEncoder, tick: Callable[[], None]) -> None:
        self._inner, self._tick = inner, tick
        self.name, self.dim, self.device = inner.name, inner.dim, inner.device

    def encode(
        self, texts: Sequence[str], batch_size: int = 64, progress_bar: bool = False
    ) -> np.ndarray:
        out = self._inner.encode(texts, batch_size, progress_bar)
        self._tick()
        return out

    def token_states(self, texts: Sequence[str], batch_size: int = 32) -> list[TokenStates] | None:
        return self._inner.token_states(texts, batch_size)

    def signature(self) -> dict[str, object]:
        return self._inner.signature()


class _DocMemo:
    """LRU of whole-document embeddings, which every rescoring asks for again.

    score_beads embeds both documents to normalise similarity; the on-disk
    cache would answer, but a thousand lookups per edit is avoidable latency.
    Bounded by rows (about 2 KB each for 512-d vectors).
    """

    def __init__(self, max_rows: int = 200_000) -> None:
        self._data: OrderedDict[tuple[str, tuple[str, ...]], np.ndarray] = OrderedDict()
        self._rows = 0
        self._max = max_rows
        self._lock = threading.Lock()

    def get(self, key: tuple[str, tuple[str, ...]]) -> np.ndarray | None:
        with self._lock:
            v = self._data.get(key)
            if v is not None:
                self._data.move_to_end(key)
            return v

    def put(self, key: tuple[str, tuple[str, ...]], value: np.ndarray) -> None:
        with self._lock:
            if key in self._data:
                return
            self._data[key] = value
            self._rows += len(value)
            while self._rows > self._max and len(self._data) > 1:
                _, old = self._data.popitem(last=False)
                self._rows -= len(old)


class JobRunner:
    """Runs queued jobs one at a time (by default) and lends its encoders to edits."""

    def __init__(
        self,
        store: Store,
        default_model: str = DEFAULT_MODEL,
        workers: int = 1,
        device: str | None = None,
        batch_size: int = 64,
    ) -> None:
        self.store = store
        self.default_model = default_model
        self.device = device
        self.batch_size = batch_size
        self._pool = ThreadPoolExecutor(workers, thread_name_prefix="align-job")
        self._encoders: dict[str, BoundEncoder] = {}
        self._enc_lock = threading.Lock()
        self._memo = _DocMemo()
        self._futures: dict[str, Future[None]] = {}

    # ------------------------------------------------------------------ encoders

    def encoder(self, model: str) -> BoundEncoder:
        """The encoder for ``model``, loaded on first use and then kept."""
        with self._enc_lock:
            enc = self._encoders.get(model)
            if enc is None:
                logger.info("loading encoder %s", model)
                enc = BoundEncoder(model, self.device)
                self._encoders[model] = enc
            return enc

    def embedder(self, model: str) -> EmbedFn:
        """An embed function for rescoring, with whole documents memoised."""
        enc = self.encoder(model)

        def embed(texts: Sequence[str]) -> np.ndarray:
            if len(texts) < 32:
                return enc.encode(texts, self.batch_size)
            key = (model, tuple(texts))
            hit = self._memo.get(key)
            if hit is None:
                hit = enc.encode(texts, self.batch_size)
                self._memo.put(key, hit)
            return hit

        return embed

    def drift_config(self, model: str) -> DriftConfig:
        return drift_config(model)

    def coverer(self, model: str) -> CoverFn:
        """Token coverage for rescoring edited beads (a handful of pairs per edit)."""
        enc = self.encoder(model)
        return coverer(enc, RunOptions(model=model, batch_size=self.batch_size))  # type: ignore[arg-type]

    # ------------------------------------------------------------------ jobs

    def submit(self, job_id: str) -> None:
        self._futures[job_id] = self._pool.submit(self._run, job_id)

    def resume(self) -> list[str]:
        """Re-queue what a previous process left queued or running (after a crash or restart)."""
        ids = self.store.requeue_unfinished()
        for job_id in ids:
            logger.info("re-queueing job %s", job_id)
            self.submit(job_id)
        return ids

    def wait(self, job_id: str, timeout: float | None = None) -> None:
        """Block until a submitted job has finished (tests, scripts)."""
        fut = self._futures.get(job_id)
        if fut is not None:
            fut.result(timeout)

    def shutdown(self, wait: bool = False) -> None:
        self._pool.shutdown(wait=wait, cancel_futures=True)
        for enc in self._encoders.values():
            enc.close()

    def _run(self, job_id: str) -> None:
        try:
            self._align(job_id)
        except AlignError as exc:  # the user's input or set-up: say what to fix
            logger.info("job %s failed: %s", job_id, exc)
            self.store.set_status(job_id, "failed", error=str(exc))
        except Exception as exc:  # a bug: keep the worker alive, report it on the job
            logger.exception("job %s crashed", job_id)
            self.store.set_status(
                job_id, "failed", error=f"internal error: {type(exc).__name__}: {exc}"
            )
        finally:
            self._futures.pop(job_id, None)

    def _align(self, job_id: str) -> None:
        loaded = self.store.job_input(job_id)
        if loaded is None:
            return  # deleted while queued
        params, source_text, target_text = loaded
        if not self.store.set_status(job_id, "running", 0.02):
            return
        model = str(params.get("model") or self.default_model)
        presplit = bool(params.get("presplit", False))
        src_name = str(params.get("source_name") or "source")
        tgt_name = str(params.get("target_name") or "target")
        started = time.perf_counter()
        source = segment(source_text, params["src_lang"], path=src_name, presplit=presplit)
        target = segment(target_text, params["tgt_lang"], path=tgt_name, presplit=presplit)
        check_pair(src_name, source_text, tgt_name, target_text, len(source), len(target))
        self.store.set_progress(job_id, 0.1)
        encoder = self.encoder(model)
        self.store.set_progress(job_id, 0.2)

        # Progress: each encode call closes a third of the remaining gap to 0.9.
        # The aligner makes a handful of calls of unknown size, so this is
        # monotone and honest about "still working" without pretending precision.
        state = {"p": 0.2, "last": 0.0}

        def tick() -> None:
            state["p"] += (0.9 - state["p"]) / 3
            now = time.monotonic()
            if now - state["last"] > 0.5:
                state["last"] = now
                self.store.set_progress(job_id, state["p"])

        options = RunOptions(model=model, presplit=presplit, batch_size=self.batch_size)
        result = align_documents(source, target, _ProgressEncoder(encoder, tick), options)  # type: ignore[arg-type]
        records: list[dict[str, Any]] = [
            b.to_json() | {"confirmed": False, "note": ""} for b in result.beads
        ]
        saved = self.store.save_result(
            job_id,
            records,
            result.summary,
            documents_to_json(source, target),
            result.signature,
        )
        logger.info(
            "job %s: %d beads in %.1f s%s",
            job_id,
            len(records),
            time.perf_counter() - started,
            "" if saved else " (job deleted meanwhile; result dropped)",
        )
