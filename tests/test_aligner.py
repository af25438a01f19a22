"""The aligner on synthetic vectors: what it must find, and that it stays linear."""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest

from align import aligner
from align.aligner import AlignConfig, Overlaps, align_vectors

DIM = 48


def _unit(v: np.ndarray) -> np.ndarray:
    return (v / np.linalg.norm(v, axis=-1, keepdims=True)).astype(np.float32)


def _overlaps(sentence_vecs: np.ndarray, lengths: list[int] | None = None) -> Overlaps:
    """Overlaps whose joined runs embed as the normalised sum of their sentences."""
    n = len(sentence_vecs)
    texts = ["x" * (lengths[i] if lengths else 40) for i in range(n)]
    table = {f"{i}": sentence_vecs[i] for i in range(n)}

    def embed(strings):  # type: ignore[no-untyped-def]
        out = np.zeros((len(strings), DIM), dtype=np.float32)
        for row in range(len(strings)):
            size, start = divmod(row, n)
            vec = sum(table[str(k)] for k in range(start, min(n, start + size + 1)))
            out[row] = vec
        return _unit(out)

    return Overlaps(texts, 4, embed)


def _pairs(beads):  # type: ignore[no-untyped-def]
    return [(b.src, b.tgt) for b in beads]


def _docs(n: int, noise: float = 0.35, seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    meaning = rng.normal(size=(n, DIM))
    src = _unit(meaning + noise * rng.normal(size=(n, DIM)))
    tgt = _unit(meaning + noise * rng.normal(size=(n, DIM)))
    return meaning, src, tgt


def test_one_to_one_is_recovered() -> None:
    _, src, tgt = _docs(60)
    beads = align_vectors(_overlaps(src), _overlaps(tgt), AlignConfig())
    assert _pairs(beads) == [((i,), (i,)) for i in range(60)]


def test_split_sentence_becomes_one_to_two_bead() -> None:
    meaning, src, _ = _docs(30, seed=1)
    rng = np.random.default_rng(5)
    # target sentence 10 is split in two halves that each carry part of the meaning
    half_a = meaning[10] + 0.8 * rng.normal(size=DIM)
    half_b = 2 * meaning[10] - half_a
    tgt_rows = (
        [meaning[i] for i in range(10)] + [half_a, half_b] + [meaning[i] for i in range(11, 30)]
    )
    tgt = _unit(np.array(tgt_rows) + 0.3 * rng.normal(size=(31, DIM)))
    beads = _pairs(align_vectors(_overlaps(src), _overlaps(tgt), AlignConfig()))
    assert ((10,), (10, 11)) in beads
    assert ((9,), (9,)) in beads and ((11,), (12,)) in beads


def test_dropped_and_added_sentences_are_omission_and_addition() -> None:
    meaning, src, _ = _docs(40, seed=2)
    rng = np.random.default_rng(9)
    keep = [i for i in range(40) if i != 17]  # sentence 17 is not translated
    rows = (
        [meaning[i] for i in keep[:30]] + [rng.normal(size=DIM)] + [meaning[i] for i in keep[30:]]
    )
    tgt = _unit(np.array(rows) + 0.3 * rng.normal(size=(40, DIM)))
    beads = _pairs(align_vectors(_overlaps(src), _overlaps(tgt), AlignConfig()))
    assert ((17,), ()) in beads
    assert ((), (30,)) in beads  # the invented sentence
    assert ((16,), (16,)) in beads and ((18,), (17,)) in beads


def test_beads_partition_both_documents_in_order() -> None:
    _, src, tgt = _docs(80, seed=3)
    beads = align_vectors(_overlaps(src[:80]), _overlaps(tgt[:70]), AlignConfig())
    src_seen = [i for b in beads for i in b.src]
    tgt_seen = [j for b in beads for j in b.tgt]
    assert src_seen == list(range(80)) and tgt_seen == list(range(70))
    assert all(len(b.src) + len(b.tgt) <= AlignConfig().max_bead for b in beads)


def test_deterministic() -> None:
    _, src, tgt = _docs(50, seed=4)
    first = _pairs(align_vectors(_overlaps(src), _overlaps(tgt), AlignConfig()))
    second = _pairs(align_vectors(_overlaps(src), _overlaps(tgt), AlignConfig()))
    assert first == second


def test_long_documents_use_a_band_not_a_full_matrix(monkeypatch: pytest.MonkeyPatch) -> None:
    """Above coarse_limit the DP only visits a band around the coarse path."""
    n = 3000
    _, src, tgt = _docs(n, seed=6)
    widths: list[int] = []
    real_dp = aligner._dp

    def spy(n_, m_, band, shapes, score):  # type: ignore[no-untyped-def]
        widths.append(int((band[:, 1] - band[:, 0]).max()))
        return real_dp(n_, m_, band, shapes, score)

    monkeypatch.setattr(aligner, "_dp", spy)
    cfg = AlignConfig(coarse_limit=400)
    so, to = _overlaps(src), _overlaps(tgt)
    tracemalloc.start()
    beads = align_vectors(so, to, cfg)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    # the coarsest level may be full (<= 400 x 400); every finer one is banded
    assert max(widths[1:]) < 100, widths
    assert peak < 64 * 2**20  # a float64 3000 x 3000 matrix alone would be 69 MiB
    correct = sum(1 for b in beads if b.src == b.tgt and len(b.src) == 1)
    assert correct >= 0.99 * n


def test_empty_side() -> None:
    _, src, _ = _docs(3)
    so = _overlaps(src)
    empty = Overlaps([], 4, lambda s: np.zeros((0, DIM), dtype=np.float32))
    assert _pairs(align_vectors(so, empty, AlignConfig())) == [((0,), ()), ((1,), ()), ((2,), ())]


def test_pooled_runs_are_the_normalised_sums_of_their_sentences() -> None:
    """Overlaps.pooled adds sentence sums, as the joined runs above are embedded."""
    _, src, _ = _docs(23, seed=4)
    scale = np.linspace(1.0, 30.0, len(src))[:, None]  # sums of differently many tokens
    pooled = Overlaps.pooled(["x" * 40] * len(src), 4, (src * scale).astype(np.float32))
    exact = _overlaps(src * scale)
    assert np.allclose(pooled.vec, exact.vec, atol=1e-5)
    assert np.allclose(pooled.cum_len, exact.cum_len)


def test_overlaps_method_is_checked() -> None:
    assert AlignConfig().overlaps == "refined"
    with pytest.raises(ValueError, match="pooled"):
        AlignConfig(overlaps="joined")


def test_a_short_document_is_not_one_bead() -> None:
    """Sentences of one language sit near 0.8 of each other in e5, unrelated or not.
    A run spanning a whole short document has no neighbours to measure its margin
    against; counted as cosine 0, they let one 3-2 bead beat every split of it."""
    rng = np.random.default_rng(12)
    common = rng.normal(size=DIM)
    meaning = rng.normal(size=(3, DIM))
    noise = 0.25

    def sentences(rows: list[int]) -> np.ndarray:
        out = [2.0 * common + meaning[i] + noise * rng.normal(size=DIM) for i in rows]
        return _unit(np.array(out))

    src, tgt = sentences([0, 1, 2]), sentences([0, 2])  # sentence 1 is not translated
    assert float((src[1] @ tgt.T).max()) > 0.7  # unrelated, yet close
    beads = _pairs(align_vectors(_overlaps(src), _overlaps(tgt), AlignConfig()))
    assert beads[0] == ((0,), (0,))  # not ((0, 1, 2), (0, 1))
    assert any(src == (2,) or src == (1, 2) for src, tgt in beads if tgt == (1,))
