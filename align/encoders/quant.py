"""CPU inference backends for transformers encoders: fp32, bf16 autocast, int8, ONNX.

Embedding dominates run time on CPU, so the backend is chosen at load
(:func:`align.encoders.load`, ``backend=``). A backend is only worth having
where it keeps e5's sentence vectors (cosine >= 0.999 to fp32 on real
sentences, measured by ``scripts/bench_backends.py``) *and* is faster on the
machine at hand; ``auto`` encodes what that script measured:

* bf16 autocast where the CPU has native bf16 (AVX512-BF16 / AMX), as
  :class:`~align.encoders.hf.TransformersEncoder` already does by default:
  cosine to fp32 >= 0.99999 on real sentences of 17 languages;
* fp32 elsewhere. int8 dynamic quantisation of the Linear layers does *not*
  hold: min / mean cosine to fp32 0.94 / 0.978 per tensor, 0.96 / 0.986 per
  channel, 0.99 / 0.996 with the FFN output projections left in fp32, and
  layer-8 token vectors (drift's coverage) at 0.90. It stays available as an
  explicit, lossy choice (``backend="int8"``); "auto" never picks it.

ONNX Runtime (``backend="onnx"``, :mod:`align.encoders.onnx`, the ``onnx``
extra) keeps fp32's vectors -- min cosine to fp32 1.000000 (6 decimals) for
sentence vectors and for the token vectors at every coverage layer (6, 8, 10),
360-990 sentences of 18 languages; Text+Berg dev and ParIce F1 identical, the
same beads and flags, drift within 1e-5 -- but is not fast enough to be
"auto": 1.11-1.16x fp32 on 2 idle cores (sentences/s, median of 5 rounds,
backends alternating in one process: ``encode`` batch 32 51.4 vs 45.8, batch
64 39.4 vs 35.2, ``sentence_states`` with tokens 50.3 vs 45.1; the forward
pass alone 1.22x), short of the 1.2x bar. Only on a busy machine did it lead
by 1.4-1.6x (torch's threads suffer more from a neighbour). On a bf16 CPU
bf16 autocast is faster still (1.7-1.9x fp32). It is an explicit choice;
setting :data:`AUTO_WITHOUT_BF16` to "onnx" would make "auto" take it where
onnxruntime is installed, falling back to torch for a model it cannot export.
"""

from __future__ import annotations

import logging
import os
import warnings
from pathlib import Path
from typing import Any

from ..errors import ModelError

logger = logging.getLogger(__name__)

BACKENDS = ("auto", "fp32", "bf16", "int8", "onnx")
# What each backend costs, in a few words: the CLI's --backend help is made from these
NOTES = {
    "auto": "bf16 where the CPU has native bf16, else fp32",
    "fp32": "plain float32, the reference",
    "bf16": "bf16 autocast (fast and within cosine 0.99999 of fp32 where the CPU supports it)",
    "int8": "about 2x faster but lossy (min cosine 0.96 to fp32)",
    "onnx": "ONNX Runtime, exact (fp32's vectors), ~1.1-1.2x faster; "
    "needs pip install 'driftalign[onnx]'",
}
# What "auto" runs on a CPU without native bf16 (see the module docstring)
AUTO_WITHOUT_BF16 = "fp32"
# ... were that "onnx", what it runs where onnxruntime (or onnx, to export) is missing
AUTO_FALLBACK = "fp32"

_threads_set = False


def usable_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def set_threads() -> int:
    """Use every core this process may run on (once; torch cannot change it after use)."""
    global _threads_set
    n = usable_cores()
    if not _threads_set:
        import torch

        if torch.get_num_threads() != n:
            torch.set_num_threads(n)
        _threads_set = True
    return n


def cpu_has_bf16() -> bool:
    """Native bf16 matrix instructions: then bf16 autocast keeps fp32's vectors, faster."""
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        return False
    return "avx512_bf16" in flags or "amx_bf16" in flags


def check(backend: str) -> str:
    """``backend`` if it is one of :data:`BACKENDS`; a clear error otherwise."""
    if backend not in BACKENDS:
        raise ModelError(f"unknown backend {backend!r}: choose one of {', '.join(BACKENDS)}")
    return backend


def resolve(backend: str, device: str) -> str:
    """The concrete backend for ``backend`` on ``device`` ("auto" decided here)."""
    check(backend)
    if not device.startswith("cpu"):
        if backend in ("int8", "onnx"):
            raise ModelError(f"the {backend} backend runs on CPU only; use --device cpu")
        return "bf16" if backend == "auto" else backend
    if backend == "auto":
        return "bf16" if cpu_has_bf16() else auto_without_bf16()
    return backend


def auto_without_bf16() -> str:
    """What "auto" runs on a CPU without native bf16 (onnx only where it is installed)."""
    if AUTO_WITHOUT_BF16 != "onnx":
        return AUTO_WITHOUT_BF16
    from . import onnx

    return AUTO_WITHOUT_BF16 if onnx.available() else AUTO_FALLBACK


def quantize_model(model: Any) -> Any:
    """``model`` with int8 dynamic Linear layers (weights per output channel, activations
    quantised per batch; per channel keeps e5 closer to fp32 than per tensor).

    Not cached on disk: it takes well under a second for e5-small, and the
    quantised module could not be rebuilt without the fp32 one anyway.
    """
    import torch
    from torch.ao.quantization import per_channel_dynamic_qconfig, quantize_dynamic

    # torch deprecates eager quantisation (for torchao, not installed) and warns on each call
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        warnings.simplefilter("ignore", DeprecationWarning)
        return quantize_dynamic(
            model, {torch.nn.Linear: per_channel_dynamic_qconfig}, dtype=torch.qint8
        )


def apply(encoder: Any, backend: str) -> Any:
    """Switch a :class:`TransformersEncoder` to ``backend`` in place and return it.

    Relies on its ``model`` (the torch module), ``device`` and ``autocast``
    (bf16 autocast on/off) attributes.
    """
    device = str(getattr(encoder, "device", "cpu"))
    if backend == "auto" and not device.startswith("cpu"):
        encoder.backend = "bf16" if encoder.autocast else "fp32"  # the encoder's own choice
        return encoder
    threads = set_threads()
    chosen = resolve(backend, device)
    if chosen == "onnx":
        from .onnx import INSTALL, OnnxModel, available

        if not available(export=False):
            raise ModelError(f"the onnx backend needs onnxruntime: {INSTALL}")

        # the session is opened (the graph exported, once) on first use; "auto" falls
        # back to torch for a model that cannot be exported faithfully
        fallback = encoder.torch_module if backend == "auto" else None
        encoder.model = OnnxModel(encoder.model_dir, threads, fallback=fallback)
        encoder.autocast = False
        # float rounding may differ from torch's: the embedding cache keeps them apart
        plain = encoder.signature
        encoder.signature = lambda: plain() | {"backend": "onnx"}
    elif chosen == "int8":
        # quantised Linear layers take fp32 input: autocast must be off
        encoder.model = quantize_model(encoder.model)
        encoder.autocast = False
        # int8 vectors differ from fp32's: the signature (embedding-cache key) says so
        plain = encoder.signature
        encoder.signature = lambda: plain() | {"backend": "int8"}
    elif chosen == "bf16":
        encoder.autocast = True
    else:
        encoder.autocast = False
    encoder.backend = chosen
    return encoder
