"""An on-disk embedding cache, so that re-running an alignment is instant.

Keyed by the encoder's signature and the exact text; one SQLite file per
model. Embedding overlaps of consecutive sentences is >99% of an alignment's
run time, and users re-run often (new parameters, another output format).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ..coverage import TokenStates
from .base import Encoder


def _key(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


class CachedEncoder(Encoder):
    """Wraps an encoder; looks every text up before embedding it."""

    def __init__(self, inner: Encoder, cache_dir: Path) -> None:
        self.inner = inner
        self.name, self.dim, self.device = inner.name, inner.dim, inner.device
        sig = json.dumps(
            {k: v for k, v in inner.signature().items() if k != "device"}, sort_keys=True
        )
        tag = hashlib.blake2b(sig.encode(), digest_size=8).hexdigest()
        cache_dir.mkdir(parents=True, exist_ok=True)
        self.path = cache_dir / f"{inner.name.replace('/', '_')}-{tag}.sqlite"
        self.db = sqlite3.connect(self.path, timeout=60)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("CREATE TABLE IF NOT EXISTS emb (k BLOB PRIMARY KEY, v BLOB NOT NULL)")
        self.hits = 0
        self.misses = 0

    def encode(
        self, texts: Sequence[str], batch_size: int = 64, progress_bar: bool = False
    ) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        keys = [_key(t) for t in texts]
        found: dict[bytes, np.ndarray] = {}
        uniq = list(dict.fromkeys(keys))
        for start in range(0, len(uniq), 500):
            chunk = uniq[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for k, v in self.db.execute(f"SELECT k, v FROM emb WHERE k IN ({marks})", chunk):
                found[k] = np.frombuffer(v, dtype=np.float32)
        todo: dict[bytes, str] = {}
        for k, t in zip(keys, texts, strict=True):
            if k not in found:
                todo.setdefault(k, t)
        self.hits += len(texts) - sum(1 for k in keys if k in todo)
        self.misses += len(todo)
        if todo:
            vecs = self.inner.encode(list(todo.values()), batch_size, progress_bar)
            rows = []
            for k, v in zip(todo, vecs, strict=True):
                found[k] = v
                rows.append((k, v.astype(np.float32).tobytes()))
            with self.db:
                self.db.executemany("INSERT OR REPLACE INTO emb (k, v) VALUES (?, ?)", rows)
        for n, k in enumerate(keys):
            out[n] = found[k]
        return out

    def _encode_batch(self, texts: list[str]) -> np.ndarray:  # pragma: no cover - unused
        return self.inner._encode_batch(texts)

    def token_states(self, texts: Sequence[str], batch_size: int = 32) -> list[TokenStates] | None:
        return self.inner.token_states(texts, batch_size)  # too large to be worth caching

    def signature(self) -> dict[str, object]:
        return self.inner.signature()

    def close(self) -> None:
        self.db.close()
