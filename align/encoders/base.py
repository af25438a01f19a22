"""What every encoder offers the pipeline, whatever runs underneath."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..coverage import TokenStates
from ..memory import release


@dataclass(frozen=True)
class SentenceStates:
    """What one forward pass over a sentence leaves for everything downstream.

    ``total`` / ``count`` is the mean-pooled sentence vector before
    normalisation; because it is a sum, the vector of a run of sentences is
    pooled from its members' sums without running the encoder again.
    ``tokens`` are the per-token vectors coverage compares (None when the
    model has none to offer, or when they were not asked for).
    """

    total: np.ndarray  # (dim,) float32: sum of the pooled token vectors
    count: int  # tokens summed into ``total``
    tokens: TokenStates | None = None


class Encoder(ABC):
    """Turns sentences into L2-normalised float32 vectors.

    Subclasses implement :meth:`_encode_batch`; batching by length, progress and
    the empty-input case are handled here once.
    """

    name: str = "encoder"
    dim: int = 0
    device: str = "cpu"
    # Most characters in one batch: long runs of joined sentences get smaller
    # batches, which bounds activation memory (peak RSS) without slowing short ones.
    char_budget: int = 8000

    @property
    def can_pool(self) -> bool:
        """True when run vectors can be pooled from sentence sums (see sentence_states)."""
        return False

    def encode(
        self, texts: Sequence[str], batch_size: int = 64, progress_bar: bool = False
    ) -> np.ndarray:
        """Embed ``texts``; returns an (N, dim) float32 array, rows L2-normalised.

        Texts are sorted by length before batching so that padding is minimal,
        and put back in input order afterwards.
        """
        n = len(texts)
        out = np.zeros((n, self.dim), dtype=np.float32)
        if n == 0:
            return out
        order = sorted(range(n), key=lambda i: len(texts[i]))
        batches = _batches(order, [len(t) for t in texts], batch_size, self.char_budget)
        bar = None
        if progress_bar:
            from tqdm import tqdm

            bar = tqdm(total=n, desc=f"embedding ({self.name})", unit="sent", leave=False)
        for idx in batches:
            release()  # freed activations of the last batch (see align.memory)
            vecs = self._encode_batch([texts[i] for i in idx])
            out[idx] = vecs
            if bar is not None:
                bar.update(len(idx))
        if bar is not None:
            bar.close()
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        out /= np.maximum(norms, 1e-12)
        return out

    @abstractmethod
    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        """Embed one batch; may return unnormalised vectors."""

    def token_states(self, texts: Sequence[str], batch_size: int = 32) -> list[TokenStates] | None:
        """Per-token vectors for word-level coverage (:mod:`align.coverage`), or None.

        Only encoders that expose contextual token vectors (transformers
        models) implement this; drift then falls back to sentence vectors.
        """
        return None

    def sentence_states(
        self, texts: Sequence[str], batch_size: int = 32, tokens: bool = True
    ) -> list[SentenceStates] | None:
        """Pooling sums (and token vectors with ``tokens``) of each text, or None.

        None means the encoder cannot pool runs from sentences (CLS pooling,
        a Dense head, USE-m3, an ensemble): callers then embed joined texts.
        """
        return None

    def signature(self) -> dict[str, object]:
        """Identifies the model so that scores are reproducible."""
        return {"model": self.name, "dim": self.dim, "device": self.device}


def _batches(order: list[int], lengths: list[int], size: int, char_budget: int) -> list[list[int]]:
    """Consecutive groups of ``order`` with at most ``size`` items and ``char_budget`` chars."""
    out: list[list[int]] = []
    cur: list[int] = []
    chars = 0
    for i in order:
        if cur and (len(cur) >= size or chars + lengths[i] > char_budget):
            out.append(cur)
            cur, chars = [], 0
        cur.append(i)
        chars += lengths[i]
    if cur:
        out.append(cur)
    return out
