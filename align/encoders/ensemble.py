"""Several encoders as one: concatenated unit vectors, each scaled by 1/sqrt(k).

The cosine of two such vectors is the mean of the members' cosines, so the
aligner needs no special case. multilingual-e5 and USE-m3 fail in different
places (e5 knows Icelandic, USE-m3 separates Chinese better), and the mean
is better than either alone on the dev sets.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .base import Encoder


class EnsembleEncoder(Encoder):
    def __init__(self, members: list[Encoder], name: str) -> None:
        self.members = members
        self.name = name
        self.dim = sum(m.dim for m in members)
        self.device = members[0].device

    def encode(
        self, texts: Sequence[str], batch_size: int = 64, progress_bar: bool = False
    ) -> np.ndarray:
        scale = 1.0 / np.sqrt(len(self.members))
        parts = [m.encode(texts, batch_size, progress_bar) * scale for m in self.members]
        return np.concatenate(parts, axis=1).astype(np.float32)

    def _encode_batch(self, texts: list[str]) -> np.ndarray:  # pragma: no cover - unused
        raise NotImplementedError

    def signature(self) -> dict[str, object]:
        return {"model": self.name, "members": [m.signature() for m in self.members]}
