"""ONNX Runtime in place of torch for a transformers encoder (``backend="onnx"``).

The model directory's torch weights are exported once to ONNX (legacy
TorchScript exporter, eager attention, dynamic batch and sequence axes), the
graph is fused by ONNX Runtime's transformer optimizer where the architecture
is BERT-like (one Attention, SkipLayerNormalization and BiasGelu node per
layer), checked against torch on a few sentences, and saved next to the
weights as ``onnx-<key>.onnx`` with its weights beside it in
``onnx-<key>.data``, which ONNX Runtime maps rather than copies: a later
process only opens it (~0.1 s for e5-small; the export takes ~30 s, once).
The key covers the config, the weight files (size and mtime),
:data:`align.coverage.LAYERS` and the ONNX Runtime version, so a changed model
re-exports. The graph's outputs are the last hidden state and the hidden
states at each of ``LAYERS``, so coverage's token vectors come from the same
pass as the sentence vectors.

:class:`OnnxModel` stands in for the torch module in
:class:`~align.encoders.hf.TransformersEncoder`: it is called with the
tokenizer's batch and ``output_hidden_states`` and answers with
``.last_hidden_state`` and ``.hidden_states[n]`` (torch tensors), so the
encoder's code does not change. The session is opened on first use: a re-run
whose every text is in the embedding cache never pays for it.

Exporting needs the ``onnx`` package as well as ``onnxruntime``, both in the
``onnx`` extra (``pip install 'driftalign[onnx]'``); a saved graph only needs
``onnxruntime``. Measured fidelity and speed: :mod:`align.encoders.quant`.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import os
import shutil
import sys
import tempfile
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from inspect import signature
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np

from ..coverage import LAYERS
from ..errors import ModelError

logger = logging.getLogger(__name__)

FORMAT = 1  # bump when the export changes (inputs, outputs, fusion)
OPSET = 17
INPUTS = ("input_ids", "attention_mask")
LAST = "last_hidden_state"
# Architectures whose graphs ONNX Runtime's "bert" fusions fit (checked after fusing anyway)
FUSABLE = {"bert", "roberta", "xlm-roberta"}
# Sentences of different lengths and scripts: the export's sample and the check after it
CHECK = [
    "Die ca. 600 m hohe Nordostwand des Kingspitz ist selten begangen.",
    "Наша страна уже направила туда 70 тонн продовольствия и медикаментов.",
    "我们已经向那里运送了大约700吨各种货物。",
    "x",
]
MIN_COSINE = 0.999
INSTALL = "pip install 'driftalign[onnx]'  (onnxruntime and onnx)"


def available(export: bool = True) -> bool:
    """onnxruntime importable (and onnx too, which exporting needs, with ``export``)."""
    names = ("onnxruntime", "onnx") if export else ("onnxruntime",)
    return all(importlib.util.find_spec(n) is not None for n in names)


def _hidden(n: int) -> str:
    return f"hidden_state_{n}"


def model_key(model_dir: Path) -> str:
    """What the exported graph depends on: config, weight files, LAYERS, runtimes."""
    import onnxruntime

    parts: list[object] = [FORMAT, OPSET, list(LAYERS), onnxruntime.__version__]
    for name in ("config.json", "driftalign.json"):
        f = model_dir / name
        parts.append(f.read_text(encoding="utf-8") if f.exists() else None)
    for f in sorted(model_dir.glob("*.safetensors")) + sorted(model_dir.glob("*.bin")):
        st = f.stat()
        parts.append([f.name, st.st_size, st.st_mtime_ns])
    blob = json.dumps(parts, sort_keys=True).encode()
    return hashlib.sha256(blob).hexdigest()[:16]


def graph_path(model_dir: Path) -> Path:
    """Where the graph of ``model_dir`` is saved: next to its weights, or in the
    cache when that directory is not writable (a user's read-only model)."""
    name = f"onnx-{model_key(model_dir)}.onnx"
    if os.access(model_dir, os.W_OK):
        return model_dir / name
    from . import cache_root

    tag = hashlib.sha256(str(model_dir.resolve()).encode()).hexdigest()[:12]
    return cache_root() / "onnx" / f"{model_dir.name}-{tag}" / name


@dataclass
class Output:
    """What hf.py reads from a transformers model's output."""

    last_hidden_state: Any  # torch.Tensor (batch, tokens, hidden)
    hidden_states: dict[int, Any] | None = None  # layer number -> tensor, for LAYERS only


class OnnxModel:
    """An ONNX Runtime session that answers like the transformers module it replaces.

    ``fallback`` (used by ``backend="auto"``) builds the torch module to run
    instead when the model cannot be exported faithfully; without it such a
    model raises :class:`~align.errors.ModelError`.
    """

    def __init__(
        self,
        model_dir: Path,
        threads: int,
        fallback: Callable[[], Any] | None = None,
        log: Callable[[str], None] | None = None,
    ) -> None:
        self.model_dir = Path(model_dir)
        self.threads = threads
        self.fallback = fallback
        self.log = log or _announce
        config = json.loads((self.model_dir / "config.json").read_text(encoding="utf-8"))
        self.config = SimpleNamespace(**config)
        self._session: Any = None
        self._torch: Any = None  # the fallback module, once it is needed

    def session(self) -> Any:
        """The session, opened (and the graph exported, the first time) on first use;
        None where the graph cannot be made and the fallback is to run instead."""
        if self._session is None:
            path = graph_path(self.model_dir)
            failed = path.with_suffix(".failed")  # a failed export, recorded for "auto"
            if not path.exists():
                if self.fallback is not None and failed.exists():
                    reason = failed.read_text(encoding="utf-8")
                    logger.warning("%s: runs in torch, not ONNX: %s", self.model_dir, reason)
                    return None
                try:
                    export(self.model_dir, path, log=self.log)
                except ModelError as exc:
                    if self.fallback is None:
                        raise
                    failed.parent.mkdir(parents=True, exist_ok=True)
                    failed.write_text(str(exc), encoding="utf-8")
                    logger.warning("%s: runs in torch, not ONNX: %s", self.model_dir, exc)
                    return None
            self._session = open_session(path, self.threads)
        return self._session

    def __call__(self, output_hidden_states: bool = False, **batch: Any) -> Any:
        if self._torch is not None:
            return self._torch(**batch, output_hidden_states=output_hidden_states)
        session = self.session()
        if session is None:  # export failed: the fallback runs the torch module
            assert self.fallback is not None
            self._torch = self.fallback()
            return self._torch(**batch, output_hidden_states=output_hidden_states)
        import torch

        feed = {k: _ids(batch[k]) for k in INPUTS}
        names = [LAST] + ([_hidden(n) for n in LAYERS] if output_hidden_states else [])
        outs = session.run(names, feed)
        last = torch.from_numpy(outs[0])
        if not output_hidden_states:
            return Output(last)
        return Output(last, {n: torch.from_numpy(o) for n, o in zip(LAYERS, outs[1:], strict=True)})


def _ids(tensor: Any) -> np.ndarray:
    return np.ascontiguousarray(tensor.detach().cpu().numpy(), dtype=np.int64)


def _announce(message: str) -> None:
    print(f"driftalign: {message}", file=sys.stderr, flush=True)


def _runtime() -> Any:
    try:
        import onnxruntime
    except ImportError as exc:
        raise ModelError(f"the onnx backend needs onnxruntime: {INSTALL}") from exc
    return onnxruntime


def open_session(path: Path, threads: int) -> Any:
    """An ONNX Runtime CPU session on ``threads`` cores, all graph optimisations on."""
    ort = _runtime()
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = threads
    opts.inter_op_num_threads = 1
    opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    opts.log_severity_level = 3  # errors only
    try:
        return ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
    except Exception as exc:  # a truncated or foreign file: say which one
        raise ModelError(f"{path}: cannot open the ONNX graph ({exc}); delete it") from exc


def _graph(model: Any, layers: tuple[int, ...]) -> Any:
    """The module that is exported: the outputs hf.py reads, nothing else (no pooler)."""
    import torch

    class Graph(torch.nn.Module):
        def __init__(self, inner: Any) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: Any, attention_mask: Any) -> tuple:
            out = self.inner(
                input_ids=input_ids,
                attention_mask=attention_mask,
                output_hidden_states=bool(layers),
            )
            return (out.last_hidden_state, *(out.hidden_states[n] for n in layers))

    # in eval mode: the exporter puts the wrapper back in its mode afterwards, and a
    # module starts in training mode (dropout on, in the torch reference too)
    return Graph(model).eval()


def _torch_outputs(model: Any, batch: dict[str, Any], layers: tuple[int, ...]) -> list[np.ndarray]:
    import torch

    with torch.inference_mode():
        out = model(**batch, output_hidden_states=bool(layers))
    return [out.last_hidden_state.numpy()] + [out.hidden_states[n].numpy() for n in layers]


def agreement(reference: list[np.ndarray], got: list[np.ndarray], mask: np.ndarray) -> float:
    """Least cosine between matching vectors: pooled sentences and every real token."""
    m = mask[..., None].astype(np.float32)
    pooled = [(x * m).sum(1) for x in (reference[0], got[0])]
    tokens = [(a[mask > 0], b[mask > 0]) for a, b in zip(reference, got, strict=True)]
    pairs = [(pooled[0], pooled[1]), *tokens]
    worst = 1.0
    for a, b in pairs:
        na = np.linalg.norm(a, axis=-1) * np.linalg.norm(b, axis=-1)
        worst = min(worst, float(((a * b).sum(-1) / np.maximum(na, 1e-12)).min()))
    return worst


def export(model_dir: Path, target: Path, log: Callable[[str], None] | None = None) -> Path:
    """Export, fuse, check and save the graph of ``model_dir`` as ``target`` (atomically)."""
    ort = _runtime()
    if importlib.util.find_spec("onnx") is None:
        raise ModelError(f"exporting a model to ONNX needs the onnx package: {INSTALL}")
    import torch
    from transformers import AutoModel, AutoTokenizer

    (log or logger.info)(f"converting {model_dir.name} to ONNX into {target.parent} (once, ~30 s)")
    where = str(model_dir)
    try:
        tokenizer = AutoTokenizer.from_pretrained(where, local_files_only=True)
        # eager attention traces to the MatMul/Softmax pattern the fusions recognise
        model = AutoModel.from_pretrained(
            where, local_files_only=True, attn_implementation="eager"
        ).eval()
    except (OSError, ValueError) as exc:
        raise ModelError(f"{model_dir}: cannot load the model: {exc}") from exc
    config = model.config
    # a model too small for coverage's layers is never asked for them (hf.py)
    layers = LAYERS if int(getattr(config, "num_hidden_layers", 0)) >= max(LAYERS) else ()
    # padded, so that the attention mask is part of the traced graph
    sample = dict(tokenizer(CHECK, padding=True, return_tensors="pt"))
    missing = set(sample) - set(INPUTS)
    if missing and any(bool(sample[k].any()) for k in missing):
        raise ModelError(f"{model_dir}: the tokenizer's {sorted(missing)} are not exported")
    sample = {k: sample[k] for k in INPUTS}
    target.parent.mkdir(parents=True, exist_ok=True)
    names = [LAST] + [_hidden(n) for n in layers]
    axes = {name: {0: "batch", 1: "tokens"} for name in [*INPUTS, *names]}
    tmp = Path(tempfile.mkdtemp(prefix=".onnx-", dir=target.parent))
    try:
        raw = tmp / "raw.onnx"
        reference = _torch_outputs(model, sample, layers)
        # torch >= 2.5 has two exporters (and 2.9 made dynamo the default): ask for the
        # TorchScript one, which takes dynamic_axes and traces transformers models as is
        legacy: dict[str, Any] = {}
        if "dynamo" in signature(torch.onnx.export).parameters:
            legacy["dynamo"] = False
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # tracer warnings about Python booleans
                torch.onnx.export(
                    _graph(model, layers),
                    (sample["input_ids"], sample["attention_mask"]),
                    str(raw),
                    input_names=list(INPUTS),
                    output_names=names,
                    dynamic_axes=axes,
                    opset_version=OPSET,
                    **legacy,
                )
        except Exception as exc:  # the exporter's errors have many types
            raise ModelError(f"{model_dir}: torch cannot export it to ONNX: {exc}") from exc
        feed = {k: v.numpy() for k, v in sample.items()}
        mask = sample["attention_mask"].numpy()
        candidates = [("plain", lambda: _load_graph(raw))]
        if getattr(config, "model_type", "") in FUSABLE:
            candidates.insert(0, ("fused", lambda: _fuse(raw, config)))
        worst, why = -1.0, ""
        for kind, make in candidates:
            try:
                graph = _save(make(), tmp / target.name)
            except Exception as exc:  # an unexpected graph: try the next candidate
                why = f"{kind}: {exc}"
                logger.info("ONNX %s graph of %s failed: %s", kind, model_dir, exc)
                continue
            session = open_session(graph, 1)
            worst = agreement(reference, session.run(names, feed), mask)
            del session
            if worst >= MIN_COSINE:
                # the weights first: the graph's name is what says "done"
                os.replace(_data(graph), _data(target))
                os.replace(graph, target)
                break
            why = f"{kind}: cosine to torch {worst:.4f}"
        else:
            raise ModelError(f"{model_dir}: no ONNX graph reproduces torch ({why})")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    keep = {target, _data(target)}
    for pattern in ("onnx-*.onnx", "onnx-*.data", "onnx-*.failed"):
        for stale in target.parent.glob(pattern):
            if stale not in keep:
                stale.unlink(missing_ok=True)
    logger.debug("ONNX graph %s (onnxruntime %s)", target, ort.__version__)
    return target


def _data(graph: Path) -> Path:
    """The weights of a saved graph, beside it: ONNX Runtime maps them instead of
    copying (e5-small opens in ~0.1 s and ~0.6 GB less resident than from one file)."""
    return graph.with_suffix(".data")


def _load_graph(path: Path) -> Any:
    import onnx

    return onnx.load(str(path))


def _save(proto: Any, path: Path) -> Path:
    import onnx

    _data(path).unlink(missing_ok=True)
    onnx.save_model(
        proto,
        str(path),
        save_as_external_data=True,
        all_tensors_to_one_file=True,
        location=_data(path).name,
        size_threshold=1024,
    )
    return path


def _fuse(raw: Path, config: Any) -> Any:
    """ONNX Runtime's transformer fusions (offline, so a later start-up only loads)."""
    from onnxruntime.transformers import optimizer

    model = optimizer.optimize_model(
        str(raw),
        model_type="bert",
        num_heads=int(config.num_attention_heads),
        hidden_size=int(config.hidden_size),
        opt_level=0,  # fusions only; ONNX Runtime applies its own at load
        use_gpu=False,
    )
    return model.model
