"""Token-level coverage: which words of one side have a counterpart on the other.

A sentence embedding says *how much* two texts differ, not *where*. Here the
encoder's contextual token vectors from a few middle layers are matched
greedily across the pair, as BERTScore does within one language: each source
token's best cosine with any target token is its *coverage* (recall side), and
each target token's best cosine with any source token the precision side.
Middle layers align words across languages better than the last one, which
is tuned for whole-sentence meaning (multilingual-e5-small on MLQE-PE ru-en
dev: the target's mean layer-8 coverage correlates with human DA at Spearman
0.38, at the last layer 0.26; the sentence cosine 0.23).

Two consumers:

- :mod:`align.drift_model` turns the summary statistics of a pair
  (:attr:`Coverage.features`) into part of its drift score;
- :func:`weak_words` finds the words of one side whose best match is far
  below what faithful translations show: a partial omission inside a bead
  (one name dropped from a list) or an addition, with character spans.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from .encoders.base import Encoder

# Layers whose token vectors are compared (hidden_states index: 0 is the
# embedding layer). Chosen on MLQE-PE dev, see scripts/fit_drift.py.
LAYERS: tuple[int, ...] = (6, 8, 10)
# The layer used for word-level reasons (best single layer on MLQE-PE dev).
SPAN_LAYER = 8
# The layer whose mean token vector describes each side for a language pair's own
# drift head (align.drift_model.head_matrix). Middle layers keep more of the words
# than the sentence vector, which is tuned for whole-sentence meaning: with this
# layer's per-dimension products the ru-en head ranked MLQE-PE ru-en better
# (5-fold Spearman 0.552 -> 0.577; layer 8: 0.572, 10: 0.573, all three 0.583 for
# three times the weights), see scripts/fit_drift.py.
POOL_LAYER = 6
STATS = ("recall", "precision", "recall_min", "precision_min", "recall_p10", "precision_p10")


@dataclass(frozen=True)
class TokenStates:
    """One text's token vectors (unit length) at each of :data:`LAYERS`, and their spans."""

    layers: dict[int, np.ndarray]  # layer -> (n_tokens, dim)
    spans: list[tuple[int, int]]  # character span of each token in the text


@dataclass(frozen=True)
class Coverage:
    """How well each side of a pair is matched by the other."""

    features: np.ndarray  # len(LAYERS) * len(STATS) summary statistics, in that order
    src_best: np.ndarray  # best cosine of each source token at SPAN_LAYER
    tgt_best: np.ndarray
    src_mutual: np.ndarray  # True where a source token and its best match choose each other
    tgt_mutual: np.ndarray
    src_spans: list[tuple[int, int]]
    tgt_spans: list[tuple[int, int]]
    src_tokens: int
    tgt_tokens: int
    # each side's mean token vector at POOL_LAYER, unit length (zeros: no tokens);
    # None only where a caller builds a Coverage by hand without token vectors
    src_pooled: np.ndarray | None = None
    tgt_pooled: np.ndarray | None = None


def feature_names() -> list[str]:
    return [f"{s}@{layer}" for layer in LAYERS for s in STATS]


def _stats(recall: np.ndarray, precision: np.ndarray) -> list[float]:
    return [
        float(recall.mean()),
        float(precision.mean()),
        float(recall.min()),
        float(precision.min()),
        float(np.quantile(recall, 0.1)),
        float(np.quantile(precision, 0.1)),
    ]


def join_states(parts: Sequence[TokenStates], lengths: Sequence[int]) -> TokenStates:
    """Token vectors of ``" ".join(texts)`` from each text's own, spans shifted.

    Beads are runs of sentences that were each encoded once: their coverage
    is computed from the members' stored token vectors instead of encoding
    the joined text again (``lengths`` are the texts' character lengths).
    """
    if len(parts) == 1:
        return parts[0]
    spans: list[tuple[int, int]] = []
    shift = 0
    for part, length in zip(parts, lengths, strict=True):
        spans += [(s + shift, e + shift) for s, e in part.spans]
        shift += length + 1
    layers = {n: np.concatenate([p.layers[n] for p in parts]) for n in LAYERS}
    return TokenStates(layers, spans)


def coverage(src: TokenStates, tgt: TokenStates) -> Coverage:
    """Greedy token matching between the two sides, layer by layer."""
    feats: list[float] = []
    best: dict[str, np.ndarray] = {}
    n_src, n_tgt = len(src.spans), len(tgt.spans)
    mutual_src, mutual_tgt = np.zeros(n_src, bool), np.zeros(n_tgt, bool)
    for layer in LAYERS:
        if n_src == 0 or n_tgt == 0:
            feats += [0.0] * len(STATS)
            recall = np.zeros(n_src, dtype=np.float32)
            precision = np.zeros(n_tgt, dtype=np.float32)
        else:
            a = np.asarray(src.layers[layer], dtype=np.float32)
            sim = a @ np.asarray(tgt.layers[layer], dtype=np.float32).T
            recall, precision = sim.max(1), sim.max(0)
            feats += _stats(recall, precision)
        if layer == SPAN_LAYER:
            best = {"src": recall, "tgt": precision}
            if n_src and n_tgt:
                fwd, back = sim.argmax(1), sim.argmax(0)
                mutual_src = back[fwd] == np.arange(n_src)
                mutual_tgt = fwd[back] == np.arange(n_tgt)
    return Coverage(
        np.asarray(feats, dtype=np.float32),
        best["src"],
        best["tgt"],
        mutual_src,
        mutual_tgt,
        src.spans,
        tgt.spans,
        n_src,
        n_tgt,
        _pooled(src),
        _pooled(tgt),
    )


def _pooled(states: TokenStates) -> np.ndarray:
    """The mean of a text's token vectors at :data:`POOL_LAYER`, unit length."""
    tokens = np.asarray(states.layers[POOL_LAYER], dtype=np.float32)
    if tokens.ndim != 2 or not len(tokens):
        return np.zeros(tokens.shape[-1] if tokens.ndim == 2 else 0, dtype=np.float32)
    mean = tokens.mean(0)
    return mean / max(float(np.linalg.norm(mean)), 1e-9)


_WORD = re.compile(r"\w+", re.UNICODE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def _words(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of content-bearing words: 4+ letters or any digit.

    Scripts written without spaces (Chinese, Japanese) have no words to find
    with a regular expression; there each token of 2+ characters is a word.
    """
    out = []
    for m in _WORD.finditer(text):
        w = m.group()
        if _CJK.search(w):
            out += [
                (max(s, m.start()), min(e, m.end()))
                for s, e in spans
                if s < m.end() and e > m.start() and min(e, m.end()) - max(s, m.start()) >= 2
            ]
        elif len(w) >= 4 or any(c.isdigit() for c in w):
            out.append(m.span())
    return out


def weak_words(
    text: str,
    spans: Sequence[tuple[int, int]],
    best: np.ndarray,
    threshold: float,
    mutual: np.ndarray | None = None,
) -> list[tuple[int, int, float]]:
    """Content words whose every token is matched below ``threshold``: (start, end, score).

    A word counts as matched when any of its sub-word tokens is (a name split
    into pieces needs only one piece to line up), so the test is strict about
    what it reports: only words with no good partner at all. With ``mutual``
    (per token), a word with any piece in a mutual best match is matched too.
    """
    out = []
    for start, end in _words(text, spans):
        pieces = [i for i, (s, e) in enumerate(spans) if s < end and e > start]
        if not pieces or (mutual is not None and mutual[pieces].any()):
            continue
        score = max(float(best[i]) for i in pieces)
        if score < threshold:
            out.append((start, end, score))
    return out


def pair_coverage(
    encoder: Encoder, src_texts: Sequence[str], tgt_texts: Sequence[str], batch_size: int = 32
) -> list[Coverage] | None:
    """Coverage of each (source, target) pair, or None when the encoder has no token vectors.

    Works through the pairs a chunk at a time so that token vectors of a long
    document are never all held at once.
    """
    out: list[Coverage] = []
    chunk = max(batch_size, 256)
    for start in range(0, len(src_texts), chunk):
        s = encoder.token_states(src_texts[start : start + chunk], batch_size)
        t = encoder.token_states(tgt_texts[start : start + chunk], batch_size)
        if s is None or t is None:
            return None
        out += [coverage(a, b) for a, b in zip(s, t, strict=True)]
    return out
