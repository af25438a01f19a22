"""CPU backends of transformers encoders (align.encoders.quant), with the real e5."""

from __future__ import annotations

import copy

import numpy as np
import pytest

from align.encoders import load, model_path, quant
from align.encoders.hf import TransformersEncoder
from align.errors import ModelError

SENTENCES = [
    "Наша страна уже направила туда 70 тонн продовольствия и медикаментов.",
    "Our country has already sent 70 tonnes of food and medicine there.",
    "صباح الخير يا سيادة الرئيس",
    "Die ca. 600 m hohe Nordostwand des Kingspitz ist selten begangen.",
    "La paroi nord-est du Kingspitz, haute d'environ 600 m, est rarement gravie.",
    "我们已经向那里运送了大约700吨各种货物。",
    "Þetta er t.d. gott.",
    "x",
]


@pytest.fixture(scope="module")
def fp32() -> TransformersEncoder:
    return TransformersEncoder(model_path("e5"), device="cpu", dtype="fp32", name="e5")


def test_unknown_backend_is_refused_before_loading() -> None:
    with pytest.raises(ModelError, match="int8, onnx"):
        load("e5", backend="int4")


def test_auto_follows_the_cpu() -> None:
    expected = "bf16" if quant.cpu_has_bf16() else quant.auto_without_bf16()
    assert quant.resolve("auto", "cpu") == expected
    assert quant.resolve("fp32", "cpu") == "fp32"
    with pytest.raises(ModelError, match="CPU only"):
        quant.resolve("int8", "cuda")


def test_threads_are_the_cores_we_may_use() -> None:
    import os

    import torch

    assert quant.set_threads() == len(os.sched_getaffinity(0)) == torch.get_num_threads()


def _copy(enc: TransformersEncoder) -> TransformersEncoder:
    other = copy.copy(enc)
    other.model = copy.deepcopy(enc.model)
    return other


def test_bf16_keeps_e5_vectors(fp32: TransformersEncoder) -> None:
    bf16 = quant.apply(_copy(fp32), "bf16")
    assert bf16.autocast and bf16.backend == "bf16"
    cos = (bf16.encode(SENTENCES) * fp32.encode(SENTENCES)).sum(1)
    assert cos.min() >= 0.999, cos


def test_int8_is_lossy_so_auto_never_picks_it(fp32: TransformersEncoder) -> None:
    """int8 misses the 0.999 bar (scripts/bench_backends.py): an explicit choice only."""
    import torch

    assert "int8" not in {quant.resolve("auto", "cpu"), quant.AUTO_WITHOUT_BF16}
    int8 = quant.apply(_copy(fp32), "int8")
    assert int8.backend == "int8" and not int8.autocast
    assert not any(isinstance(m, torch.nn.Linear) for m in int8.model.modules())
    # the embedding cache must not mix int8 vectors with fp32 ones
    assert int8.signature() != fp32.signature()
    a, b = int8.encode(SENTENCES), fp32.encode(SENTENCES)
    cos = (a * b).sum(1)
    assert cos.mean() > 0.95 and cos.min() < 0.9999, cos
    # translations still pair up
    assert a[0] @ a[1] > a[0] @ a[3] and a[3] @ a[4] > a[3] @ a[1]
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-4)


# ---------------------------------------------------------------------------- the library's choice


def test_aligner_runs_the_backend_it_is_given_and_signs_it() -> None:
    """``Aligner(backend=...)`` reaches the encoder (through the cache) and its signature."""
    from align import Aligner

    aligner = Aligner("e5", device="cpu", backend="fp32")
    assert aligner.backend == "fp32"
    sig = aligner.signature()
    assert sig["encoder"]["backend"] == "fp32" and sig["encoder"]["bf16_autocast"] is False  # type: ignore[index]
    assert "|device:cpu|backend:fp32|" in sig.short()
    with pytest.raises(ModelError, match="unknown backend 'int4'"):
        Aligner("e5", backend="int4")


def test_auto_is_signed_as_what_it_resolved_to(aligner) -> None:  # type: ignore[no-untyped-def]
    device = str(aligner.encoder.device)
    expected = quant.resolve("auto", device) if device.startswith("cpu") else aligner.backend
    assert aligner.backend == expected and aligner.backend in quant.BACKENDS[1:]
    assert aligner.signature()["encoder"]["backend"] == expected


def test_ensemble_backend_names_each_members_once(fp32: TransformersEncoder) -> None:
    from align.api import encoder_backend
    from align.encoders.ensemble import EnsembleEncoder

    int8 = copy.copy(fp32)
    int8.backend = "int8"  # only the attribute is read
    plain = copy.copy(fp32)
    plain.backend = "fp32"
    assert encoder_backend(EnsembleEncoder([plain, plain], "x")) == "fp32"
    assert encoder_backend(EnsembleEncoder([plain, int8], "x")) == "fp32+int8"
    assert encoder_backend(object()) is None  # static and USE-m3 encoders have none
