"""Monotone many-to-many sentence alignment in linear time.

The method, in three steps:

1. **Normalised similarity.** Raw cosines mean different things for different
   models (multilingual-e5 squeezes every pair into 0.75-0.95), so each cosine
   is rescaled against the document itself, as Vecalign does: the distance
   ``1 - cos(x, y)`` is divided by the mean distance of ``x`` and of ``y`` to
   sentences drawn at random from the other side. ``quality = 1 - that ratio``
   is about 0 for an unrelated pair and approaches 1 for a perfect one.
2. **A coarse path.** A dynamic programme over single sentences with small
   beads finds where the documents correspond. Above ``coarse_limit``
   sentences the documents are first halved (neighbouring sentence vectors
   averaged), aligned, and the path projected back, so no full N x M matrix is
   ever built.
3. **Beads.** A second programme, restricted to a window around that path,
   chooses among 0-1, 1-0 and all many-to-many beads up to ``max_bead``
   sentences, scoring each with the embedding of the joined sentences, a
   length-ratio term and soft paragraph / speaker-turn anchors.

Time and memory are O((N + M) * window).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass

import numpy as np

from .types import Bead, Document

logger = logging.getLogger(__name__)

EmbedFn = Callable[[Sequence[str]], np.ndarray]
NEG = -1e9


@dataclass(frozen=True)
class AlignConfig:
    """The knobs. Defaults were chosen on the Text+Berg dev document."""

    max_bead: int = 5  # most sentences in one bead, both sides together
    max_side: int = 4  # most sentences on one side of a bead
    window: int = 10  # half-width, in sentences, of the search band around the coarse path
    skip: float = -0.05  # score of leaving one sentence unaligned (omission/addition)
    length_weight: float = 1.0  # exponent of the length-agreement factor (0: ignore lengths)
    merge_penalty: float = 0.0  # per extra sentence in a bead: prefer fine beads on ties
    anchor_bonus: float = 0.05  # bead starts a paragraph on both sides
    cross_penalty: float = 0.3  # bead spans a paragraph break on one side
    cover_weight: float = 0.0  # penalty weight for a merged bead with an unrelated member
    cover_floor: float = 0.2  # normalised quality below which a member counts as unrelated
    coarse_limit: int = 1500  # above this, the coarse pass runs on halved documents
    samples: int = 48  # random sentences used to normalise each cosine
    seed: int = 13

    def signature(self) -> dict[str, object]:
        return asdict(self)


# ----------------------------------------------------------------------------
# Embeddings of joined sentences ("overlaps")


def joined_texts(texts: Sequence[str], n: int) -> list[str]:
    """``texts[i : i + n]`` joined with a space, for every i (shorter at the end)."""
    return [" ".join(texts[i : i + n]) for i in range(len(texts))]


class Overlaps:
    """Vectors of every run of 1..k consecutive sentences of one document."""

    def __init__(self, texts: Sequence[str], k: int, embed: EmbedFn) -> None:
        self.n = len(texts)
        self.k = k
        self.lengths = np.array([len(t) for t in texts], dtype=np.float64)
        strings: list[str] = []
        for size in range(1, k + 1):
            strings.extend(joined_texts(texts, size))
        vecs = embed(strings) if strings else np.zeros((0, 1), dtype=np.float32)
        dim = vecs.shape[1]
        # vec[size - 1, i] = embedding of texts[i : i + size]; a zero row at i = n
        self.vec = np.zeros((k, self.n + 1, dim), dtype=np.float32)
        for size in range(1, k + 1):
            self.vec[size - 1, : self.n] = vecs[(size - 1) * self.n : size * self.n]
        cum = np.concatenate([[0.0], np.cumsum(self.lengths)])
        self.cum_len = cum

    def span_length(self, start: np.ndarray | int, size: int) -> np.ndarray:
        start = np.asarray(start)
        end = np.minimum(start + size, self.n)
        return self.cum_len[end] - self.cum_len[start] + (size - 1)


# ----------------------------------------------------------------------------
# Normalisation


def _normaliser(vecs: np.ndarray, other: np.ndarray, samples: int, seed: int) -> np.ndarray:
    """Mean cosine distance of each row of ``vecs`` to random rows of ``other``."""
    if len(other) == 0 or len(vecs) == 0:
        return np.ones(len(vecs))
    rng = np.random.default_rng(seed)
    idx = rng.choice(len(other), size=min(samples, len(other)), replace=False)
    d = 1.0 - vecs @ other[idx].T
    return np.maximum(d.mean(axis=1), 1e-3)


# ----------------------------------------------------------------------------
# The banded dynamic programme


def _band_from_path(path: list[tuple[int, int]], n: int, m: int, width: int) -> np.ndarray:
    """For each row 0..n, the allowed column range [lo, hi] around a monotone path."""
    lo = np.full(n + 1, m, dtype=np.int64)
    hi = np.zeros(n + 1, dtype=np.int64)
    for i, j in path:
        i = min(max(i, 0), n)
        lo[i] = min(lo[i], j)
        hi[i] = max(hi[i], j)
    # rows the path skipped over (it moved along j only) inherit their neighbours
    lo = np.minimum.accumulate(lo[::-1])[::-1]
    hi = np.maximum.accumulate(hi)
    band = np.empty((n + 1, 2), dtype=np.int64)
    for i in range(n + 1):
        a, b = max(0, i - width), min(n, i + width)
        band[i, 0] = max(0, int(lo[a : b + 1].min()) - width)
        band[i, 1] = min(m, int(hi[a : b + 1].max()) + width)
    band[0, 0] = 0
    band[n, 1] = m
    band[:, 0] = np.maximum.accumulate(band[:, 0])
    band[:, 1] = np.maximum.accumulate(band[:, 1])
    return band


BeadScorer = Callable[[int, int, int, np.ndarray], np.ndarray]


def _dp(
    n: int,
    m: int,
    band: np.ndarray,
    shapes: list[tuple[int, int]],
    score: BeadScorer,
) -> list[tuple[int, int]]:
    """Best monotone segmentation of (n, m) into beads of the given shapes.

    ``score(i, a, b, js)`` gives the score of the bead that ends at row i,
    column j (for each j in ``js``), taking ``a`` source and ``b`` target
    sentences. Returns the bead shapes in document order.
    """
    best: list[np.ndarray] = []
    back: list[np.ndarray] = []
    for i in range(n + 1):
        lo, hi = int(band[i, 0]), int(band[i, 1])
        js = np.arange(lo, hi + 1)
        row = np.full(len(js), NEG)
        ptr = np.full(len(js), -1, dtype=np.int8)
        if i == 0:
            row[js == 0] = 0.0
        for s, (a, b) in enumerate(shapes):
            if a > i:
                continue
            if a == 0:
                continue  # additions: handled below, they chain within the row
            prev_i = i - a
            plo, phi = int(band[prev_i, 0]), int(band[prev_i, 1])
            pj = js - b
            ok = (pj >= plo) & (pj <= phi)
            if not ok.any():
                continue
            prev = np.full(len(js), NEG)
            prev[ok] = best[prev_i][pj[ok] - plo]
            live = ok & (prev > NEG / 2)
            if not live.any():
                continue
            cand = np.full(len(js), NEG)
            cand[live] = prev[live] + score(i, a, b, js[live])
            better = cand > row
            row[better] = cand[better]
            ptr[better] = s
        # beads with no source sentence (additions) chain along the row:
        # row[k] = max(row[k], row[k - 1] + skip), computed as a running maximum
        for s, (a, b) in enumerate(shapes):
            if a != 0:
                continue
            step = float(score(i, 0, b, js[:1])[0])
            idx = np.arange(len(js)) * step
            chained = np.maximum.accumulate(row - idx) + idx
            better = chained > row + 1e-12
            row[better] = chained[better]
            ptr[better] = s
        best.append(row)
        back.append(ptr)
    # trace back from (n, m)
    out: list[tuple[int, int]] = []
    i, j = n, m
    while i > 0 or j > 0:
        lo = int(band[i, 0])
        s = int(back[i][j - lo])
        if s < 0:
            raise RuntimeError(f"alignment band broke at ({i}, {j})")
        a, b = shapes[s]
        out.append((a, b))
        i, j = i - a, j - b
    out.reverse()
    return out


def _shapes(max_bead: int, max_side: int) -> list[tuple[int, int]]:
    shapes = [(1, 0), (0, 1)]
    for a in range(1, max_side + 1):
        for b in range(1, max_side + 1):
            if a + b <= max_bead:
                shapes.append((a, b))
    return shapes


def _path_nodes(beads: list[tuple[int, int]]) -> list[tuple[int, int]]:
    nodes = [(0, 0)]
    i = j = 0
    for a, b in beads:
        i, j = i + a, j + b
        nodes.append((i, j))
    return nodes


# ----------------------------------------------------------------------------
# Pass 1: the coarse path


def _coarse_path(
    src: np.ndarray, tgt: np.ndarray, cfg: AlignConfig, depth: int = 0
) -> list[tuple[int, int]]:
    """Monotone path of DP nodes over single-sentence vectors (recursive halving)."""
    n, m = len(src), len(tgt)
    if n * m <= cfg.coarse_limit**2 or min(n, m) < 4:
        band = np.stack([np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m)], axis=1)
    else:
        half_s = _halve(src)
        half_t = _halve(tgt)
        coarse = _coarse_path(half_s, half_t, cfg, depth + 1)
        band = _band_from_path([(2 * i, 2 * j) for i, j in coarse], n, m, cfg.window)
    ns = _normaliser(src, tgt, cfg.samples, cfg.seed)
    nt = _normaliser(tgt, src, cfg.samples, cfg.seed + 1)

    def score(i: int, a: int, b: int, js: np.ndarray) -> np.ndarray:
        if a == 0 or b == 0:
            return np.full(len(js), cfg.skip)
        x = src[i - a : i].sum(0)
        x /= max(float(np.linalg.norm(x)), 1e-9)
        y = tgt[js - 1]
        norm_t = nt[js - 1]
        if b == 2:
            y = y + tgt[js - 2]
            y /= np.maximum(np.linalg.norm(y, axis=1, keepdims=True), 1e-9)
            norm_t = (norm_t + nt[js - 2]) / 2
        q = 1.0 - (1.0 - y @ x) / ((ns[i - a : i].mean() + norm_t) / 2)
        return (a + b) / 2 * q - cfg.merge_penalty * (a + b - 2)

    beads = _dp(n, m, band, [(1, 0), (0, 1), (1, 1), (2, 1), (1, 2)], score)
    return _path_nodes(beads)


def _halve(vecs: np.ndarray) -> np.ndarray:
    n = len(vecs)
    if n % 2:
        vecs = np.concatenate([vecs, vecs[-1:]], axis=0)
    out = vecs[0::2] + vecs[1::2]
    out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)
    return out


# ----------------------------------------------------------------------------
# Pass 2: beads


def _neighbour_mean(
    singles: np.ndarray, v: np.ndarray, left: np.ndarray, right: np.ndarray
) -> np.ndarray:
    """Mean cosine of ``v`` (one vector or one per row) with singles[left] and singles[right].

    Out-of-range neighbours are left out (Bertalign's local margin).
    """
    n = len(singles)
    total = np.zeros(len(left))
    count = np.zeros(len(left))
    for idx in (left, right):
        ok = (idx >= 0) & (idx < n)
        if ok.any():
            vv = v[ok] if v.ndim == 2 else v
            total[ok] += np.einsum(
                "ij,ij->i", singles[idx[ok]], np.broadcast_to(vv, (int(ok.sum()), singles.shape[1]))
            )
            count[ok] += 1
    return total / np.maximum(count, 1)


def _paragraph_starts(doc: Document) -> np.ndarray:
    starts = np.zeros(len(doc) + 1, dtype=bool)
    prev = None
    for k, s in enumerate(doc.sentences):
        starts[k] = s.paragraph != prev
        prev = s.paragraph
    starts[len(doc)] = True
    return starts


def align_vectors(
    src_ov: Overlaps,
    tgt_ov: Overlaps,
    cfg: AlignConfig,
    src_par: np.ndarray | None = None,
    tgt_par: np.ndarray | None = None,
) -> list[Bead]:
    """Align two documents given the vectors of their sentence runs."""
    n, m = src_ov.n, tgt_ov.n
    if n == 0 or m == 0:
        return [Bead((i,), ()) for i in range(n)] + [Bead((), (j,)) for j in range(m)]
    src1, tgt1 = src_ov.vec[0, :n], tgt_ov.vec[0, :m]
    nodes = _coarse_path(src1, tgt1, cfg)
    band = _band_from_path(nodes, n, m, cfg.window)

    k = min(cfg.max_side, src_ov.k, tgt_ov.k)
    # per-run normalisers (mean distance to random singles of the other side)
    ns = np.stack([_normaliser(src_ov.vec[s, :n], tgt1, cfg.samples, cfg.seed) for s in range(k)])
    nt = np.stack(
        [_normaliser(tgt_ov.vec[s, :m], src1, cfg.samples, cfg.seed + 1) for s in range(k)]
    )
    ratio = (tgt_ov.cum_len[-1] + 1.0) / (src_ov.cum_len[-1] + 1.0)
    if src_par is None:
        src_par = np.zeros(n + 1, dtype=bool)
    if tgt_par is None:
        tgt_par = np.zeros(m + 1, dtype=bool)
    # number of paragraph starts strictly inside a run [i, i + size)
    src_pc = np.concatenate([[0], np.cumsum(src_par[:n])])
    tgt_pc = np.concatenate([[0], np.cumsum(tgt_par[:m])])

    def score(i: int, a: int, b: int, js: np.ndarray) -> np.ndarray:
        if a == 0 or b == 0:
            return np.full(len(js), cfg.skip)
        s0 = i - a
        t0 = js - b
        x = src_ov.vec[a - 1, s0]
        y = tgt_ov.vec[b - 1, t0]
        cos = y @ x
        ls = src_ov.span_length(s0, a) * ratio
        lt = tgt_ov.span_length(t0, b)
        # cosine minus the mean cosine with the sentences just before and after
        # each side (a local margin, as Bertalign), times a length-agreement factor
        t_nb = _neighbour_mean(tgt1, x, t0 - 1, js)
        s_nb = _neighbour_mean(src1, y, np.full(len(js), s0 - 1), np.full(len(js), i))
        sim = cos - (t_nb + s_nb) / 2
        lpen = np.log2(1.0 + np.minimum(ls, lt) / np.maximum(np.maximum(ls, lt), 1e-9))
        sc = sim * (lpen**cfg.length_weight) - cfg.merge_penalty * (a + b - 2)
        if cfg.cover_weight and (a > 1 or b > 1):
            # every sentence of a merged bead must relate to the other side: a bead
            # that swallowed an unrelated sentence is an omission or addition in disguise
            worst = np.full(len(js), np.inf)
            for k in range(a if a > 1 else 0):
                c = y @ src1[s0 + k]
                q = 1.0 - (1.0 - c) / ((ns[0, s0 + k] + nt[b - 1, t0]) / 2)
                worst = np.minimum(worst, q)
            for k in range(b if b > 1 else 0):
                c = tgt1[t0 + k] @ x
                q = 1.0 - (1.0 - c) / ((ns[a - 1, s0] + nt[0, t0 + k]) / 2)
                worst = np.minimum(worst, q)
            sc = sc - cfg.cover_weight * np.maximum(0.0, cfg.cover_floor - worst)
        anchor = src_par[s0] & tgt_par[t0]
        sc = sc + cfg.anchor_bonus * anchor
        inside_s = (src_pc[i] - src_pc[s0 + 1]) > 0 if a > 1 else False
        inside_t = (tgt_pc[js] - tgt_pc[t0 + 1]) > 0
        sc = sc - cfg.cross_penalty * (np.asarray(inside_s) | (inside_t & (b > 1)))
        return sc

    shapes = _shapes(cfg.max_bead, k)
    beads = _dp(n, m, band, shapes, score)
    out: list[Bead] = []
    i = j = 0
    for a, b in beads:
        out.append(Bead(tuple(range(i, i + a)), tuple(range(j, j + b))))
        i, j = i + a, j + b
    return out


def align(
    source: Document, target: Document, embed: EmbedFn, cfg: AlignConfig | None = None
) -> list[Bead]:
    """Align two segmented documents; ``embed`` maps texts to unit vectors."""
    cfg = cfg or AlignConfig()
    src_ov = Overlaps(source.texts, cfg.max_side, embed)
    tgt_ov = Overlaps(target.texts, cfg.max_side, embed)
    return align_vectors(src_ov, tgt_ov, cfg, _paragraph_starts(source), _paragraph_starts(target))


def bead_cost(q: float) -> float:
    """Vecalign-style cost in [0, 2] for the .vecalign file: 1 - quality, clipped."""
    return float(min(2.0, max(0.0, 1.0 - q))) if math.isfinite(q) else 2.0
