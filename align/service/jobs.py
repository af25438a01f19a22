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
interleave with a running job between its encoder batches.

Jobs are *claimed* from the database rather than handed over in memory, so
any number of processes (``align serve``, ``align worker``) on one server
database share the queue: each claim locks one queued row (SKIP LOCKED), a
heartbeat thread keeps the claim fresh, and a job whose worker stopped
beating for ``stale_after`` seconds is put back in the queue by whichever
worker notices first. Cancelling is cooperative: the progress callback,
called between encoder batches, raises :class:`JobCancelled` once the job was
deleted (here or in another process), so a deleted job frees its worker
within a batch or two.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from collections import OrderedDict, deque
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np

from ..api import Aligner, encoder_backend, load_encoder
from ..coverage import TokenStates
from ..drift import CoverFn, DriftConfig, DriftScorer, EmbedFn
from ..encoders import DEFAULT_MODEL
from ..errors import AlignError
from ..reading import check_pair
from ..segment import segment
from .review import documents_to_json
from .store import Store

logger = logging.getLogger(__name__)


class BoundEncoder:
    """An encoder confined to its own thread; ``encode`` may be called from any thread."""

    def __init__(
        self, model: str, device: str | None = None, cache: bool = True, backend: str = "auto"
    ) -> None:
        self._thread = ThreadPoolExecutor(1, thread_name_prefix=f"encoder-{model}")
        self._inner = self._thread.submit(load_encoder, model, device, cache, backend).result()
        self.model = model
        self.backend = encoder_backend(self._inner)  # "auto" resolved (the signature's)
        self.name: str = self._inner.name
        self.dim: int = self._inner.dim
        self.device: str = self._inner.device
        self.char_budget: int = int(getattr(self._inner, "char_budget", 8000))

    def encode(
        self, texts: Sequence[str], batch_size: int = 64, progress_bar: bool = False
    ) -> np.ndarray:
        return self._thread.submit(self._inner.encode, list(texts), batch_size, False).result()

    def token_states(self, texts: Sequence[str], batch_size: int = 32) -> list[TokenStates] | None:
        return self._thread.submit(self._inner.token_states, list(texts), batch_size).result()

    def sentence_states(
        self, texts: Sequence[str], batch_size: int = 32, tokens: bool = True
    ) -> list[Any] | None:
        fn = getattr(self._inner, "sentence_states", None)
        if fn is None:  # an encoder from before pooled runs existed
            return None
        return self._thread.submit(fn, list(texts), batch_size, tokens).result()

    def signature(self) -> dict[str, object]:
        return self._inner.signature()

    def close(self) -> None:
        self._thread.shutdown(wait=False)


class JobCancelled(Exception):
    """Raised from a job's progress callback: the job was deleted or taken away.

    Raised *inside* the callback the aligner calls between encoder batches, so
    it unwinds the alignment wherever it is; the worker catches it and moves on.
    """


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


DEFAULT_STALE_AFTER = 30.0


def default_worker_id() -> str:
    """host:pid:random -- unique across machines and restarts, readable in the jobs table."""
    return f"{socket.gethostname()[:80]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class JobRunner:
    """Claims queued jobs from the store and runs them; lends its encoders to edits.

    ``workers`` job threads (default 1: an alignment saturates the CPU) plus
    one heartbeat thread. ``run_jobs=False`` makes a runner that only lends
    encoders (``align serve --no-worker``: separate ``align worker`` processes
    run the jobs). ``stale_after`` seconds without a heartbeat put a running
    job back in the queue.
    """

    def __init__(
        self,
        store: Store,
        default_model: str = DEFAULT_MODEL,
        workers: int = 1,
        device: str | None = None,
        batch_size: int = 64,
        run_jobs: bool = True,
        stale_after: float = DEFAULT_STALE_AFTER,
        poll_interval: float = 1.0,
        worker_id: str | None = None,
        backend: str = "auto",
    ) -> None:
        if stale_after <= 0:
            raise ValueError("stale_after must be positive")
        self.store = store
        self.default_model = default_model
        self.device = device
        self.backend = backend
        self.batch_size = batch_size
        self.run_jobs = run_jobs
        self.workers = max(1, workers)
        self.stale_after = float(stale_after)
        # Several beats per stale period, so one slow database round trip is no death.
        self.heartbeat_every = max(0.2, min(5.0, self.stale_after / 6))
        self.poll_interval = poll_interval
        self.worker_id = worker_id or default_worker_id()
        self._encoders: dict[str, BoundEncoder] = {}
        self._enc_lock = threading.Lock()
        self._aligners: dict[str, Aligner] = {}
        self._memo = _DocMemo()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._running: dict[str, threading.Event] = {}  # job id -> its cancel flag
        self._run_lock = threading.Lock()
        self._last_requeue = 0.0
        # The latest job ids this runner stored a result for (tests, logs); bounded.
        self.completed: deque[str] = deque(maxlen=1000)

    # ------------------------------------------------------------------ encoders

    def encoder(self, model: str) -> BoundEncoder:
        """The encoder for ``model``, loaded on first use and then kept."""
        with self._enc_lock:
            enc = self._encoders.get(model)
            if enc is None:
                logger.info("loading encoder %s", model)
                enc = BoundEncoder(model, self.device, backend=self.backend)
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

    def aligner(self, model: str) -> Aligner:
        """The library's Aligner over ``model``'s encoder, made once per model and kept."""
        enc = self.encoder(model)
        with self._enc_lock:
            found = self._aligners.get(model)
            if found is None:
                found = Aligner(model, encoder=enc, batch_size=self.batch_size)  # type: ignore[arg-type]
                self._aligners[model] = found
            return found

    def scorer(self, model: str) -> DriftScorer:
        """The drift scorer of ``model``'s encoder (fitted model, coverage, checks)."""
        return self.aligner(model).scorer

    def drift_config(self, model: str) -> DriftConfig:
        return self.scorer(model).config

    def coverer(self, model: str) -> CoverFn:
        """Token coverage for rescoring edited beads (a handful of pairs per edit)."""
        return self.scorer(model).cover

    # ------------------------------------------------------------------ jobs

    def submit(self, job_id: str) -> None:
        """A job was queued: wake a job thread now instead of at its next poll."""
        self._wake.set()

    def resume(self) -> list[str]:
        """Re-queue jobs whose worker died, then start the job and heartbeat threads.

        Only jobs whose heartbeat is stale are taken back, so starting one
        more process never steals a job another live worker is running.
        """
        ids = self._requeue_stale()
        self.start()
        return ids

    def start(self) -> None:
        if not self.run_jobs or self._threads:
            return
        for n in range(self.workers):
            t = threading.Thread(target=self._loop, name=f"align-job-{n}", daemon=True)
            t.start()
            self._threads.append(t)
        hb = threading.Thread(target=self._heartbeats, name="align-heartbeat", daemon=True)
        hb.start()
        self._threads.append(hb)
        self._wake.set()

    def cancel(self, job_id: str) -> bool:
        """Stop ``job_id`` at its next batch if it runs here; True if it did."""
        with self._run_lock:
            flag = self._running.get(job_id)
        if flag is not None:
            flag.set()
        return flag is not None

    def running(self) -> list[str]:
        with self._run_lock:
            return list(self._running)

    def wait(self, job_id: str, timeout: float | None = None) -> str | None:
        """Block until a job is no longer queued or running (tests, scripts); its status."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            state = self.store.job_version(job_id)
            if state is None or state[0] not in ("queued", "running"):
                return None if state is None else state[0]
            if deadline is not None and time.monotonic() > deadline:
                raise TimeoutError(f"job {job_id} still {state[0]}")
            time.sleep(0.05)

    def shutdown(self, wait: bool = False) -> None:
        """Stop taking jobs; a job running here goes back to the queue at once."""
        self._stop.set()
        self._wake.set()
        with self._run_lock:
            for flag in self._running.values():
                flag.set()
        if wait:
            for t in self._threads:
                t.join(timeout=30)
        for enc in self._encoders.values():
            enc.close()

    def run_forever(self) -> None:
        """``align worker``: run jobs until :meth:`shutdown` (e.g. from a signal handler)."""
        self.resume()
        while not self._stop.wait(1.0):
            pass
        for t in self._threads:
            t.join(timeout=30)

    # ------------------------------------------------------------------ threads

    def _requeue_stale(self) -> list[str]:
        self._last_requeue = time.monotonic()
        ids = self.store.requeue_stale(self.stale_after)
        for job_id in ids:
            logger.warning("job %s: its worker stopped beating; back in the queue", job_id)
        return ids

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                if time.monotonic() - self._last_requeue > self.stale_after / 3:
                    self._requeue_stale()
                job_id = self.store.claim_job(self.worker_id)
            except Exception:  # the database is away: keep trying, do not die
                logger.exception("could not claim a job; retrying")
                job_id = None
            if job_id is None:
                self._wake.wait(self.poll_interval)
                self._wake.clear()
                continue
            self._run(job_id)

    def _heartbeats(self) -> None:
        while not self._stop.wait(self.heartbeat_every):
            with self._run_lock:
                running = list(self._running.items())
            for job_id, flag in running:
                try:
                    if not self.store.heartbeat(job_id, self.worker_id):
                        logger.info("job %s was deleted or taken over; stopping it", job_id)
                        flag.set()
                except Exception:
                    logger.exception("heartbeat for job %s failed", job_id)

    def _run(self, job_id: str) -> None:
        flag = threading.Event()
        with self._run_lock:
            self._running[job_id] = flag
        me = self.worker_id
        try:
            self._align(job_id, flag)
        except JobCancelled:
            if self._stop.is_set():  # shutting down: let the next worker have it now
                self.store.set_status(job_id, "queued", 0.0, worker=me)
                logger.info("job %s put back in the queue (shutting down)", job_id)
            else:
                logger.info("job %s cancelled", job_id)
        except AlignError as exc:  # the user's input or set-up: say what to fix
            logger.info("job %s failed: %s", job_id, exc)
            self.store.set_status(job_id, "failed", error=str(exc), worker=me)
        except Exception as exc:  # a bug: keep the worker alive, report it on the job
            logger.exception("job %s crashed", job_id)
            try:
                self.store.set_status(
                    job_id,
                    "failed",
                    error=f"internal error: {type(exc).__name__}: {exc}",
                    worker=me,
                )
            except Exception:
                logger.exception("could not record the failure of job %s", job_id)
        finally:
            with self._run_lock:
                self._running.pop(job_id, None)

    def _align(self, job_id: str, cancelled: threading.Event) -> None:
        loaded = self.store.job_input(job_id)
        if loaded is None:
            return  # deleted meanwhile
        params, source_text, target_text = loaded
        me = self.worker_id
        model = str(params.get("model") or self.default_model)
        presplit = bool(params.get("presplit", False))
        src_name = str(params.get("source_name") or "source")
        tgt_name = str(params.get("target_name") or "target")
        started = time.perf_counter()
        source = segment(source_text, params["src_lang"], path=src_name, presplit=presplit)
        target = segment(target_text, params["tgt_lang"], path=tgt_name, presplit=presplit)
        check_pair(src_name, source_text, tgt_name, target_text, len(source), len(target))
        if cancelled.is_set() or not self.store.set_progress(job_id, 0.1, me):
            raise JobCancelled(job_id)
        self.aligner(model)  # load the model (first job only) before the progress below
        if cancelled.is_set() or not self.store.set_progress(job_id, 0.2, me):
            raise JobCancelled(job_id)

        # Progress: each batch closes a small share of the remaining gap to 0.9.
        # The number of batches is not known in advance, so this is monotone and
        # honest about "still working" without pretending precision. The same
        # callback is where cancellation happens: it raises, the aligner unwinds.
        state = {"p": 0.2, "last": time.monotonic()}

        def tick() -> None:
            if cancelled.is_set():
                raise JobCancelled(job_id)
            state["p"] += (0.9 - state["p"]) / 40
            now = time.monotonic()
            if now - state["last"] > 0.5:
                state["last"] = now
                # False: deleted (perhaps by another process) or no longer ours.
                if not self.store.set_progress(job_id, state["p"], me):
                    raise JobCancelled(job_id)

        # The library's one pipeline; its progress callback runs between encoder batches.
        result = self.aligner(model).align_documents(
            source, target, presplit=presplit, progress=lambda _: tick()
        )
        records: list[dict[str, Any]] = [
            b.to_json() | {"confirmed": False, "note": ""} for b in result.beads
        ]
        saved = self.store.save_result(
            job_id,
            records,
            result.summary,
            documents_to_json(source, target),
            result.signature,
            worker=me,
        )
        if saved:
            self.completed.append(job_id)
        logger.info(
            "job %s: %d beads in %.1f s%s",
            job_id,
            len(records),
            time.perf_counter() - started,
            "" if saved else " (job deleted or taken over meanwhile; result dropped)",
        )
