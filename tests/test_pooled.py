"""Every sentence through the encoder once: pooled runs, stored coverage, free re-runs."""

from __future__ import annotations

import numpy as np
import pytest

from align import aligner as aligner_mod
from align.aligner import AlignConfig, PairVectors, align
from align.api import Aligner, read_document
from align.coverage import pair_coverage
from align.encoders import model_path
from align.encoders.cache import CachedEncoder
from align.encoders.hf import TransformersEncoder

from .conftest import EXAMPLES

POOLED = AlignConfig(overlaps="pooled")


@pytest.fixture(scope="module")
def inner(e5):  # type: ignore[no-untyped-def]
    return e5.inner if isinstance(e5, CachedEncoder) else e5


@pytest.fixture(scope="module")
def docs():  # type: ignore[no-untyped-def]
    src = read_document(EXAMPLES / "press_conference_ru.txt", "ru")
    tgt = read_document(EXAMPLES / "press_conference_en.txt", "en")
    return src, tgt


def test_a_sentence_sum_is_its_embedding(inner, docs) -> None:  # type: ignore[no-untyped-def]
    texts = docs[0].texts[:6]
    states = inner.sentence_states(texts)
    pooled = np.stack([s.total / np.linalg.norm(s.total) for s in states])
    assert (pooled * inner.encode(texts)).sum(1).min() > 0.9999
    assert all(s.tokens is not None and len(s.tokens.spans) < s.count for s in states)


def test_pooled_runs_are_close_to_embedding_the_joined_text(inner, docs) -> None:  # type: ignore[no-untyped-def]
    src = docs[0]
    vectors = PairVectors(src, docs[1], inner, POOLED)
    assert vectors.pooled
    joined = [" ".join(src.texts[i : i + 2]) for i in range(0, 10)]
    exact = inner.encode(joined)
    pooled = vectors.src.vec[1, :10]
    cos = (exact * pooled).sum(1)
    assert cos.min() > 0.95, cos
    # and a run is nearer its own joined text than the neighbouring run's
    assert ((exact @ pooled.T).argmax(0) == np.arange(10)).all()


def test_drift_gets_bead_vectors_and_coverage_from_the_one_pass(inner, docs, tmp_path) -> None:  # type: ignore[no-untyped-def]
    src, tgt = docs
    cached = CachedEncoder(inner, tmp_path)
    vectors = PairVectors(src, tgt, cached, POOLED)
    beads = align(src, tgt, vectors, POOLED)
    pairs = [b for b in beads if b.src and b.tgt]
    s_texts = [" ".join(src.texts[i] for i in b.src) for b in pairs]
    t_texts = [" ".join(tgt.texts[j] for j in b.tgt) for b in pairs]
    before = cached.misses
    vs = vectors.embed(s_texts)
    covs = vectors.cover(s_texts, t_texts)
    assert cached.misses == before  # no encoder work for beads
    assert covs is not None
    assert np.allclose(vs, inner.encode(s_texts), atol=0.05)
    fresh = pair_coverage(inner, s_texts, t_texts)
    assert fresh is not None
    for b, a, f in zip(pairs, covs, fresh, strict=True):
        assert a.src_spans == f.src_spans or len(b.src) > 1
        if len(b.src) == 1 and len(b.tgt) == 1:  # the same forward pass, stored in float16
            assert np.allclose(a.features, f.features, atol=5e-3)


def test_long_documents_read_token_vectors_back_per_chunk(
    inner, docs, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    src, tgt = docs
    texts = ([src.texts[0]], [tgt.texts[0]])
    kept = PairVectors(src, tgt, CachedEncoder(inner, tmp_path), POOLED)
    monkeypatch.setattr(aligner_mod, "TOKENS_IN_MEMORY", 0)
    cached = CachedEncoder(inner, tmp_path)
    lean = PairVectors(src, tgt, cached, POOLED)
    assert lean.sides[0].tokens is None and kept.sides[0].tokens is not None
    a, b = kept.cover(*texts), lean.cover(*texts)
    assert a is not None and b is not None
    assert np.array_equal(a[0].features, b[0].features)
    assert cached.misses == 0


@pytest.mark.parametrize("method", ["pooled", "refined"])
def test_a_rerun_of_the_same_pair_does_no_encoder_work(inner, docs, tmp_path, method) -> None:  # type: ignore[no-untyped-def]
    src, tgt = docs
    cfg = AlignConfig(overlaps=method)
    first = Aligner(encoder=CachedEncoder(inner, tmp_path), config=cfg).align_documents(src, tgt)
    cached = CachedEncoder(inner, tmp_path)
    again = Aligner(encoder=cached, config=cfg).align_documents(src, tgt)
    assert cached.misses == 0 and cached.hits > 0
    assert [(b.src, b.tgt, b.flags) for b in again.beads] == [
        (b.src, b.tgt, b.flags) for b in first.beads
    ]
    assert np.allclose([b.drift for b in again.beads], [b.drift for b in first.beads], atol=1e-6)


def test_pooled_and_exact_beads_agree_on_the_example(inner, docs) -> None:  # type: ignore[no-untyped-def]
    src, tgt = docs
    pooled = align(src, tgt, inner, AlignConfig(overlaps="pooled"))
    exact = align(src, tgt, inner, AlignConfig(overlaps="exact"))
    assert [(b.src, b.tgt) for b in pooled] == [(b.src, b.tgt) for b in exact]


def test_an_encoder_that_cannot_pool_embeds_joined_runs(docs) -> None:  # type: ignore[no-untyped-def]
    src, tgt = docs
    cls = TransformersEncoder(model_path("e5"), device="cpu", pooling="cls")
    assert not cls.can_pool and cls.sentence_states(["x"]) is None
    vectors = PairVectors(src, tgt, cls, POOLED)
    assert not vectors.pooled
    joined = cls.encode([" ".join(src.texts[:2])])[0]
    assert float(vectors.src.vec[1, 0] @ joined) > 0.9999  # the same text, batched differently


def test_unsure_sentences_are_those_of_beads_that_are_not_one_to_one() -> None:
    from align.aligner import unsure_sentences
    from align.types import Bead

    beads = [
        Bead((0,), (0,)),
        Bead((1, 2), (1,)),
        Bead((3,), (2,)),
        Bead((), (3,)),
        Bead((4,), (4,)),
    ]
    assert unsure_sentences(beads) == ({1, 2}, {1, 3})
    assert unsure_sentences(beads, reach=1) == ({0, 1, 2, 3, 4}, {0, 1, 2, 3, 4})


def test_refined_embeds_only_the_runs_of_unsure_beads(inner, docs) -> None:  # type: ignore[no-untyped-def]
    """The second pass asks the encoder for joined runs inside non-1-1 pooled beads only."""
    from dataclasses import replace

    from align.aligner import unsure_sentences

    src, tgt = docs
    one_round = replace(AlignConfig(overlaps="refined"), refine_rounds=1, refine_max_tokens=0)
    vectors = PairVectors(src, tgt, inner, one_round)
    wanted = unsure_sentences(align(src, tgt, PairVectors(src, tgt, inner, POOLED), POOLED))
    asked: list[str] = []
    encode = vectors._encode
    vectors._encode = lambda texts: asked.extend(texts) or encode(texts)  # type: ignore[method-assign]
    align(src, tgt, vectors, one_round)
    inside = set()
    all_runs = 0
    for doc, unsure in ((src, wanted[0]), (tgt, wanted[1])):
        for size in range(2, one_round.max_side + 1):
            for i in range(len(doc) - size + 1):
                all_runs += 1
                if set(range(i, i + size)) <= unsure:
                    inside.add(" ".join(doc.texts[i : i + size]))
    assert asked, "the example has merged beads: the second pass must embed their runs"
    assert set(asked) == inside
    assert len(asked) < all_runs / 3
    # and with the default rounds, the beads are exact's
    beads = align(src, tgt, inner, AlignConfig(overlaps="refined"))
    exact = align(src, tgt, inner, AlignConfig(overlaps="exact"))
    assert [(b.src, b.tgt) for b in beads] == [(b.src, b.tgt) for b in exact]


def test_refined_keeps_pooled_vectors_for_runs_over_the_token_limit(inner, docs) -> None:  # type: ignore[no-untyped-def]
    """The second pass embeds an unsure run only up to ``refine_max_tokens`` tokens."""
    from dataclasses import replace

    from align.types import Bead

    src, tgt = docs
    beads = [Bead(tuple(range(0, 4)), (0,)), Bead(tuple(range(4, 8)), (1, 2))]  # all unsure
    asked: dict[int, list[str]] = {}
    for limit in (0, 60):
        cfg = replace(AlignConfig(overlaps="refined"), refine_max_tokens=limit)
        vectors = PairVectors(src, tgt, inner, cfg)
        asked[limit] = []
        encode = vectors._encode
        vectors._encode = lambda texts, n=limit, e=encode: asked[n].extend(texts) or e(texts)  # type: ignore[method-assign]
        before = vectors.src.vec.copy()
        vectors.refine(beads, cfg)
        tokens = vectors.sides[0].tokens_in
    runs = {
        " ".join(src.texts[i : i + size]): (size, i, int(tokens[i : i + size].sum()))
        for size in range(2, 5)
        for i in range(0, 9 - size)
    }
    assert set(asked[0]) >= set(runs)  # no limit: every run inside the unsure sentences
    kept = {r for r, (_, _, n) in runs.items() if n <= 60}
    assert kept and kept != set(runs)
    assert {r for r in asked[60] if r in runs} == kept
    for size, i, n in runs.values():  # the others keep their pooled vectors
        assert np.array_equal(vectors.src.vec[size - 1, i], before[size - 1, i]) == (n > 60)
