"""An on-disk embedding cache, so that re-running an alignment does no encoder work.

Keyed by the encoder's signature and the exact text; one SQLite file per
model. Two tables: ``vec`` holds unit vectors of texts embedded whole (cut
variants, texts of encoders that cannot pool); ``sent`` holds what one forward
pass over a sentence leaves (:class:`~align.encoders.base.SentenceStates`:
the pooling sum and count, and the token vectors coverage compares, in
float16), so that run vectors, bead vectors and bead coverage of a re-run
are all read back instead of computed.

Everything read is verified (SQLite's header and ``PRAGMA quick_check`` on
open, a checksum, the shape and finiteness of every row): a damaged file is
moved aside with a one-line warning naming it, and the run goes on with a
fresh one; a folder that cannot be written is bypassed, also with a warning.
The cache can cost speed, never correctness.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import sqlite3
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TypeVar

import numpy as np

from ..coverage import LAYERS, TokenStates
from .base import Encoder, SentenceStates

logger = logging.getLogger(__name__)

SCHEMA = 2  # bump when the stored layout changes: older files are simply not read
QUICK_CHECK_BYTES = 256 * 2**20  # full page check on open below this size; above, per row
STATES_CHUNK = 1024  # sentences encoded and written per step (bounds token-vector memory)
_MAGIC = b"SQLite format 3\x00"
_T = TypeVar("_T")


def _key(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


def _digest(*parts: bytes) -> bytes:
    h = hashlib.blake2b(digest_size=8)
    for p in parts:
        h.update(p)
    return h.digest()


class CorruptCache(Exception):
    """A row or the file failed verification."""


def pack_tokens(tokens: TokenStates) -> bytes:
    """Token spans (int32) and unit vectors at :data:`LAYERS` (float16) as one blob."""
    n = len(tokens.spans)
    dim = int(tokens.layers[LAYERS[0]].shape[1]) if n else 0
    head = np.array([n, len(LAYERS), dim], dtype="<i4").tobytes()
    spans = np.asarray(tokens.spans, dtype="<i4").reshape(n, 2).tobytes()
    vecs = b"".join(np.asarray(tokens.layers[k], dtype="<f2").tobytes() for k in LAYERS)
    return head + spans + vecs


def unpack_tokens(blob: bytes) -> TokenStates:
    """Inverse of :func:`pack_tokens`; raises :class:`CorruptCache` on any inconsistency."""
    if len(blob) < 12:
        raise CorruptCache("token blob too short")
    n, n_layers, dim = (int(x) for x in np.frombuffer(blob[:12], dtype="<i4"))
    if (
        n < 0
        or n_layers != len(LAYERS)
        or dim < 0
        or len(blob) != 12 + 8 * n + 2 * n * dim * n_layers
    ):
        raise CorruptCache("token blob of the wrong size")
    spans = np.frombuffer(blob[12 : 12 + 8 * n], dtype="<i4").reshape(n, 2)
    vecs = np.frombuffer(blob[12 + 8 * n :], dtype="<f2").reshape(n_layers, n, dim)
    if not np.isfinite(vecs).all():
        raise CorruptCache("non-finite token vector")
    return TokenStates(
        {k: vecs[i] for i, k in enumerate(LAYERS)}, [(int(a), int(b)) for a, b in spans]
    )


class CachedEncoder(Encoder):
    """Wraps an encoder; looks every text up before embedding it."""

    def __init__(self, inner: Encoder, cache_dir: Path) -> None:
        self.inner = inner
        self.name, self.dim, self.device = inner.name, inner.dim, inner.device
        self.char_budget = inner.char_budget
        sig = json.dumps(
            {k: v for k, v in inner.signature().items() if k != "device"}, sort_keys=True
        )
        tag = hashlib.blake2b(sig.encode(), digest_size=8).hexdigest()
        self.path = Path(cache_dir) / f"{inner.name.replace('/', '_')}-{tag}.v{SCHEMA}.sqlite"
        self.hits = 0
        self.misses = 0
        self.db: sqlite3.Connection | None = self._open()

    @property
    def can_pool(self) -> bool:
        return bool(getattr(self.inner, "can_pool", False))

    @property
    def centre(self) -> bool:
        return bool(getattr(self.inner, "centre", False))

    # ------------------------------------------------------------------ the file

    def _open(self) -> sqlite3.Connection | None:
        folder = self.path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
            probe = folder / f".probe-{os.getpid()}"
            probe.touch()
            probe.unlink()
        except OSError as exc:
            logger.warning(
                "embedding cache %s: cannot write there (%s); running without it",
                self.path,
                exc.strerror or exc,
            )
            return None
        for attempt in range(2):
            problem = self._problem()
            if problem is None:
                try:
                    return self._connect()
                except sqlite3.DatabaseError as exc:
                    problem = str(exc)
            if attempt == 0:
                self._move_aside(problem)
        logger.warning("embedding cache %s: unusable; running without it", self.path)
        return None

    def _problem(self) -> str | None:
        """Why the file cannot be a cache of ours (None: it can, or it does not exist yet)."""
        if not self.path.exists() and not self.path.is_symlink():
            return None
        if not self.path.is_file():
            return "not a regular file"
        size = self.path.stat().st_size
        if size == 0:
            return None  # an empty file is a new database to SQLite
        with open(self.path, "rb") as fh:
            if fh.read(16) != _MAGIC:
                return "not an SQLite file (bad header)"
        return None

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=60)
        try:
            if self.path.stat().st_size <= QUICK_CHECK_BYTES:
                verdict = db.execute("PRAGMA quick_check").fetchone()
                if not verdict or verdict[0] != "ok":
                    raise sqlite3.DatabaseError(f"quick_check: {verdict[0] if verdict else '?'}")
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(
                "CREATE TABLE IF NOT EXISTS vec (k BLOB PRIMARY KEY, v BLOB NOT NULL, "
                "c BLOB NOT NULL)"
            )
            db.execute(
                "CREATE TABLE IF NOT EXISTS sent (k BLOB PRIMARY KEY, total BLOB NOT NULL, "
                "n INTEGER NOT NULL, c BLOB NOT NULL, tokens BLOB, ct BLOB)"
            )
            db.commit()
        except BaseException:
            db.close()
            raise
        return db

    def _move_aside(self, problem: str) -> None:
        """Rename the damaged file (and SQLite's side files) out of the way, with a warning."""
        aside = self.path.with_name(f"{self.path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
        logger.warning(
            "embedding cache %s is damaged (%s): moved aside to %s; recomputing",
            self.path,
            problem,
            aside.name,
        )
        with contextlib.suppress(OSError):
            os.replace(self.path, aside)
        for side in ("-wal", "-shm", "-journal"):
            extra = self.path.with_name(self.path.name + side)
            if extra.exists():
                with contextlib.suppress(OSError):
                    os.replace(extra, aside.with_name(aside.name + side))

    def _guard(self, op: Callable[[sqlite3.Connection], _T], fallback: _T) -> _T:
        """Run ``op`` on the database; a damaged file is replaced and ``fallback`` returned."""
        if self.db is None:
            return fallback
        try:
            return op(self.db)
        except (sqlite3.DatabaseError, CorruptCache) as exc:
            problem = str(exc)
        self.db.close()
        if "readonly" in problem or "read-only" in problem:
            logger.warning("embedding cache %s: %s; running without it", self.path, problem)
            self.db = None
            return fallback
        self._move_aside(problem)
        self.db = self._open()
        return fallback

    def _lookup(
        self,
        texts: Sequence[str],
        read: Callable[[sqlite3.Connection, list[bytes]], dict[bytes, _T]],
    ) -> tuple[list[bytes], dict[bytes, _T], dict[bytes, str]]:
        """Each text's key, what the database holds for them, and the texts still to compute.

        A text asked for twice is computed once; hits and misses are counted here.
        """
        keys = [_key(t) for t in texts]
        uniq = list(dict.fromkeys(keys))
        empty: dict[bytes, _T] = {}
        found = self._guard(lambda db: read(db, uniq), empty)
        todo: dict[bytes, str] = {}
        for k, t in zip(keys, texts, strict=True):
            if k not in found:
                todo.setdefault(k, t)
        self.hits += len(texts) - sum(1 for k in keys if k in todo)
        self.misses += len(todo)
        return keys, found, todo

    # ------------------------------------------------------------------ whole texts

    def encode(
        self, texts: Sequence[str], batch_size: int = 64, progress_bar: bool = False
    ) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        keys, found, todo = self._lookup(texts, self._read_vectors)
        if todo:
            vecs = self.inner.encode(list(todo.values()), batch_size, progress_bar)
            rows = []
            for k, v in zip(todo, vecs, strict=True):
                found[k] = v
                blob = v.astype("<f4").tobytes()
                rows.append((k, blob, _digest(blob)))
            self._guard(
                lambda db: self._write(db, "INSERT OR REPLACE INTO vec VALUES (?,?,?)", rows), None
            )
        for n, k in enumerate(keys):
            out[n] = found[k]
        return out

    def _read_vectors(self, db: sqlite3.Connection, keys: list[bytes]) -> dict[bytes, np.ndarray]:
        """Unit vectors of texts embedded whole, or pooled from a stored sentence's sum."""
        found: dict[bytes, np.ndarray] = {}
        for chunk in _chunks(keys):
            marks = ",".join("?" * len(chunk))
            for k, v, c in db.execute(f"SELECT k, v, c FROM vec WHERE k IN ({marks})", chunk):
                found[k] = self._vector(v, c)
        rest = [k for k in keys if k not in found]
        for chunk in _chunks(rest):
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT k, total, n, c FROM sent WHERE k IN ({marks})"
            for k, total, n, c in db.execute(sql, chunk):
                vec = self._total(total, n, c)
                found[k] = vec / max(float(np.linalg.norm(vec)), 1e-12)
        return found

    def _vector(self, blob: bytes, check: bytes) -> np.ndarray:
        if _digest(blob) != check or len(blob) != 4 * self.dim:
            raise CorruptCache("a stored vector fails its checksum or has the wrong length")
        vec = np.frombuffer(blob, dtype="<f4")
        if not np.isfinite(vec).all():
            raise CorruptCache("a stored vector is not finite")
        return vec

    def _total(self, blob: bytes, n: int, check: bytes) -> np.ndarray:
        if _digest(blob, int(n).to_bytes(8, "little", signed=True)) != check:
            raise CorruptCache("a stored sentence sum fails its checksum")
        if len(blob) != 4 * self.dim or n <= 0:
            raise CorruptCache("a stored sentence sum has the wrong length")
        vec = np.frombuffer(blob, dtype="<f4")
        if not np.isfinite(vec).all():
            raise CorruptCache("a stored sentence sum is not finite")
        return vec

    @staticmethod
    def _write(db: sqlite3.Connection, sql: str, rows: list[tuple]) -> None:
        with db:
            db.executemany(sql, rows)

    def _encode_batch(self, texts: list[str]) -> np.ndarray:  # pragma: no cover - unused
        return self.inner._encode_batch(texts)

    # ------------------------------------------------------------------ sentences

    def sentence_states(
        self, texts: Sequence[str], batch_size: int = 32, tokens: bool = True
    ) -> list[SentenceStates] | None:
        """Stored pooling sums (and token vectors); the missing ones from one forward pass."""
        if not self.can_pool:
            return None
        keys, found, todo = self._lookup(
            texts, lambda db, uniq: self._read_states(db, uniq, tokens)
        )
        # a bounded chunk at a time: the token vectors of a whole book never sit in memory
        # at once unless the caller asked for them (``tokens``)
        items = list(todo.items())
        for begin in range(0, len(items), STATES_CHUNK):
            part = items[begin : begin + STATES_CHUNK]
            fresh = self.inner.sentence_states([t for _, t in part], batch_size, tokens=True)
            if fresh is None:
                return None
            rows = []
            for (k, _), st in zip(part, fresh, strict=True):
                found[k] = st if tokens else SentenceStates(st.total, st.count)
                total = st.total.astype("<f4").tobytes()
                blob = pack_tokens(st.tokens) if st.tokens is not None else None
                rows.append(
                    (
                        k,
                        total,
                        st.count,
                        _digest(total, int(st.count).to_bytes(8, "little", signed=True)),
                        blob,
                        _digest(blob) if blob is not None else None,
                    )
                )
            self._guard(
                partial(
                    self._write, sql="INSERT OR REPLACE INTO sent VALUES (?,?,?,?,?,?)", rows=rows
                ),
                None,
            )
        return [found[k] for k in keys]

    def _read_states(
        self, db: sqlite3.Connection, keys: list[bytes], tokens: bool
    ) -> dict[bytes, SentenceStates]:
        found: dict[bytes, SentenceStates] = {}
        cols = "k, total, n, c, tokens, ct" if tokens else "k, total, n, c, NULL, NULL"
        for chunk in _chunks(keys):
            marks = ",".join("?" * len(chunk))
            for k, total, n, c, blob, ct in db.execute(
                f"SELECT {cols} FROM sent WHERE k IN ({marks})", chunk
            ):
                vec = self._total(total, n, c)
                states = None
                if blob is not None:
                    if _digest(blob) != ct:
                        raise CorruptCache("stored token vectors fail their checksum")
                    states = unpack_tokens(blob)
                found[k] = SentenceStates(vec, int(n), states)
        return found

    def token_states(self, texts: Sequence[str], batch_size: int = 32) -> list[TokenStates] | None:
        states = self.sentence_states(texts, batch_size, tokens=True)
        if states is None or any(s.tokens is None for s in states):
            return self.inner.token_states(texts, batch_size)
        return [s.tokens for s in states]  # type: ignore[misc]

    def signature(self) -> dict[str, object]:
        return self.inner.signature()

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None


def _chunks(keys: list[bytes], size: int = 500) -> list[list[bytes]]:
    return [keys[i : i + size] for i in range(0, len(keys), size)]
