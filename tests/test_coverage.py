"""Token coverage with the real e5 model: spans, statistics, words without a counterpart."""

from __future__ import annotations

import numpy as np
import pytest

from align.coverage import (
    LAYERS,
    POOL_LAYER,
    STATS,
    TokenStates,
    coverage,
    join_states,
    pair_coverage,
    weak_words,
)


def test_token_states_spans_point_at_the_text(e5) -> None:  # type: ignore[no-untyped-def]
    texts = ["Лавров сказал, что 70 человек погибли.", "在食用受污染宠物食品后死亡"]
    states = e5.token_states(texts)
    assert states is not None and len(states) == 2
    ru = states[0]
    pieces = [texts[0][s:e] for s, e in ru.spans]
    assert pieces[0] == "Лавров" and "70" in pieces and "," in pieces
    assert all(not p[:1].isspace() for p in pieces)  # sentencepiece's leading space stripped
    for layer in LAYERS:
        vecs = ru.layers[layer]
        assert vecs.shape == (len(ru.spans), 384)
        assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-4)
    assert "".join(texts[1][s:e] for s, e in states[1].spans) == texts[1]


def test_coverage_statistics_and_the_dropped_word(e5) -> None:  # type: ignore[no-untyped-def]
    src = "Во встрече участвовали министры обороны, финансов и культуры."
    full = "Ministers of defence, finance and culture took part in the meeting."
    short = "Ministers of defence and culture took part in the meeting."
    s, f, t = e5.token_states([src, full, short])
    whole, part = coverage(s, f), coverage(s, t)
    assert whole.features.shape == (len(LAYERS) * len(STATS),)
    recall = STATS.index("recall")
    # dropping a word lowers source coverage at every layer; precision is untouched
    for i in range(len(LAYERS)):
        assert part.features[i * len(STATS) + recall] < whole.features[i * len(STATS) + recall]
    # the dropped word is the worst-covered source word, by a clear margin
    words = weak_words(src, part.src_spans, part.src_best, np.inf)
    scores = {src[a:b]: x for a, b, x in words}
    assert set(scores) == {"встрече", "участвовали", "министры", "обороны", "финансов", "культуры"}
    assert scores["финансов"] < min(v for k, v in scores.items() if k != "финансов") - 0.1
    # no token of it is in a mutual best match, unlike the words the translation kept
    unmatched = weak_words(src, part.src_spans, part.src_best, np.inf, part.src_mutual)
    assert "финансов" in {src[a:b] for a, b, _ in unmatched}
    assert {"министры", "культуры"}.isdisjoint({src[a:b] for a, b, _ in unmatched})
    # and is covered when the translation keeps it
    kept = {src[a:b]: x for a, b, x in weak_words(src, whole.src_spans, whole.src_best, np.inf)}
    assert kept["финансов"] > scores["финансов"] + 0.2


def test_weak_words_uses_the_best_piece_and_skips_short_words() -> None:
    text = "I saw Lavrov at 10"
    spans = [(0, 1), (2, 5), (6, 9), (9, 12), (13, 15), (16, 18)]
    best = np.array([0.1, 0.1, 0.2, 0.9, 0.1, 0.3], dtype=np.float32)
    # "Lavrov" has one well-matched piece: covered; "I", "saw", "at" are too short;
    # "10" is short but a number, so it is checked
    assert weak_words(text, spans, best, 0.5) == [(16, 18, pytest.approx(0.3))]


def test_empty_side_gives_zero_coverage() -> None:
    empty = TokenStates({n: np.zeros((0, 4), np.float32) for n in LAYERS}, [])
    one = TokenStates({n: np.ones((1, 4), np.float32) / 2 for n in LAYERS}, [(0, 3)])
    cov = coverage(one, empty)
    assert not cov.features.any() and cov.src_tokens == 1 and cov.tgt_tokens == 0
    # a side without tokens has no mean vector: zeros, never NaN
    assert cov.tgt_pooled is not None and not cov.tgt_pooled.any()
    assert cov.src_pooled is not None and np.allclose(cov.src_pooled, 0.5)


def test_each_side_is_also_described_by_its_mean_token_vector(e5) -> None:  # type: ignore[no-untyped-def]
    """The pooled vectors a language pair's head reads: the unit-length mean of a side's
    token vectors at POOL_LAYER; a merged bead's is that of all its sentences' tokens."""
    texts = ["Переговоры продолжатся завтра.", "Talks will go on tomorrow.", "It rained."]
    a, b, c = e5.token_states(texts)
    cov = coverage(a, b)
    assert cov.src_pooled is not None and cov.tgt_pooled is not None
    assert cov.src_pooled.shape == (384,)
    assert np.linalg.norm(cov.src_pooled) == pytest.approx(1.0, abs=1e-5)
    mean = np.asarray(a.layers[POOL_LAYER], np.float32).mean(0)
    assert np.allclose(cov.src_pooled, mean / np.linalg.norm(mean), atol=1e-4)
    # the translation's mean vector is closer to the source's than an unrelated sentence's
    other = coverage(a, c)
    assert float(cov.src_pooled @ cov.tgt_pooled) > float(other.src_pooled @ other.tgt_pooled)  # type: ignore[operator]
    merged = coverage(join_states([b, c], [len(texts[1]), len(texts[2])]), a)
    both = np.concatenate([b.layers[POOL_LAYER], c.layers[POOL_LAYER]]).astype(np.float32).mean(0)
    assert np.allclose(merged.src_pooled, both / np.linalg.norm(both), atol=1e-4)


def test_pair_coverage_needs_token_vectors(e5) -> None:  # type: ignore[no-untyped-def]
    class Sentences:  # an encoder without token vectors (like USE-m3)
        def token_states(self, texts, batch_size=32):  # type: ignore[no-untyped-def]
            return None

    assert pair_coverage(Sentences(), ["a"], ["b"]) is None  # type: ignore[arg-type]
    got = pair_coverage(e5, ["Guten Morgen."] * 3, ["Good morning."] * 3, batch_size=2)
    assert got is not None and len(got) == 3
    assert np.allclose(got[0].features, got[2].features, atol=1e-5)
