"""Several encoders as one: concatenated unit vectors, each scaled by sqrt(weight).

The cosine of two such vectors is the weighted mean of the members' cosines, so the
aligner needs no special case. multilingual-e5 and USE-m3 fail in different
places (e5 knows Icelandic, USE-m3 separates Chinese better), and the mean
is better than either alone on the dev sets.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .base import Encoder


class EnsembleEncoder(Encoder):
    def __init__(
        self, members: list[Encoder], name: str, weights: list[float] | None = None
    ) -> None:
        self.members = members
        self.name = name
        w = np.asarray(weights or [1.0] * len(members), dtype=np.float64)
        self.weights = (w / w.sum()).tolist()
        self.dim = sum(m.dim for m in members)
        self.device = members[0].device

    def encode(
        self, texts: Sequence[str], batch_size: int = 64, progress_bar: bool = False
    ) -> np.ndarray:
        parts = [
            m.encode(texts, batch_size, progress_bar) * np.sqrt(w)
            for m, w in zip(self.members, self.weights, strict=True)
        ]
        return np.concatenate(parts, axis=1).astype(np.float32)

    def _encode_batch(self, texts: list[str]) -> np.ndarray:  # pragma: no cover - unused
        raise NotImplementedError

    def signature(self) -> dict[str, object]:
        return {
            "model": self.name,
            "weights": self.weights,
            "members": [m.signature() for m in self.members],
        }
