"""A plain BERT encoder in torch alone, read straight from ``model.safetensors``.

Why: importing transformers and building its ``BertModel`` costs about 3 s of
every process's start-up on 2 cores, for a module that is 12 identical layers
(attention, feed-forward, layer norms). The built e5 (``model_type: bert``,
absolute positions, GELU) is run by this module instead: the same weights and
operations (``tests/test_bert.py`` checks it against transformers), and the
weights are memory-mapped, so that the 384 MB word-embedding table is read
only where a token needs a row. Any other model directory (a user's LaBSE, a
RoBERTa) goes through transformers as before: :func:`load` returns None.
"""

from __future__ import annotations

import json
import mmap
import struct
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import torch
from torch import nn

_DTYPES = {"F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16}


@dataclass
class Output:
    """What callers read of transformers' ``BaseModelOutput``."""

    last_hidden_state: torch.Tensor
    hidden_states: tuple[torch.Tensor, ...] | None = None


class _Embeddings(nn.Module):
    def __init__(self, vocab: int, positions: int, types: int, dim: int, eps: float) -> None:
        super().__init__()
        self.word_embeddings = nn.Embedding(vocab, dim)
        self.position_embeddings = nn.Embedding(positions, dim)
        self.token_type_embeddings = nn.Embedding(types, dim)
        self.LayerNorm = nn.LayerNorm(dim, eps=eps)

    def forward(self, ids: torch.Tensor, types: torch.Tensor | None) -> torch.Tensor:
        pos = torch.arange(ids.shape[1], device=ids.device)
        x = self.word_embeddings(ids) + self.position_embeddings(pos)[None]
        if types is None:
            x = x + self.token_type_embeddings.weight[0]
        else:
            x = x + self.token_type_embeddings(types)
        return self.LayerNorm(x)


class _SelfAttention(nn.Module):
    def __init__(self, dim: int) -> None:
        super().__init__()
        self.query = nn.Linear(dim, dim)
        self.key = nn.Linear(dim, dim)
        self.value = nn.Linear(dim, dim)


class _AttentionOutput(nn.Module):
    def __init__(self, dim: int, eps: float) -> None:
        super().__init__()
        self.dense = nn.Linear(dim, dim)
        self.LayerNorm = nn.LayerNorm(dim, eps=eps)


class _Attention(nn.Module):
    def __init__(self, dim: int, heads: int, eps: float) -> None:
        super().__init__()
        self.heads = heads
        self.self = _SelfAttention(dim)
        self.output = _AttentionOutput(dim, eps)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        b, n, d = x.shape

        def split(t: torch.Tensor) -> torch.Tensor:
            return t.view(b, n, self.heads, d // self.heads).transpose(1, 2)

        q, k, v = split(self.self.query(x)), split(self.self.key(x)), split(self.self.value(x))
        att = nn.functional.scaled_dot_product_attention(q, k, v, attn_mask=mask)
        att = att.transpose(1, 2).reshape(b, n, d)
        return self.output.LayerNorm(self.output.dense(att) + x)


class _Intermediate(nn.Module):
    def __init__(self, dim: int, inner: int) -> None:
        super().__init__()
        self.dense = nn.Linear(dim, inner)


class _Output(nn.Module):
    def __init__(self, inner: int, dim: int, eps: float) -> None:
        super().__init__()
        self.dense = nn.Linear(inner, dim)
        self.LayerNorm = nn.LayerNorm(dim, eps=eps)


class _Layer(nn.Module):
    def __init__(self, dim: int, heads: int, inner: int, eps: float) -> None:
        super().__init__()
        self.attention = _Attention(dim, heads, eps)
        self.intermediate = _Intermediate(dim, inner)
        self.output = _Output(inner, dim, eps)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        x = self.attention(x, mask)
        h = nn.functional.gelu(self.intermediate.dense(x))
        return self.output.LayerNorm(self.output.dense(h) + x)


class _Encoder(nn.Module):
    def __init__(self, layers: int, dim: int, heads: int, inner: int, eps: float) -> None:
        super().__init__()
        self.layer = nn.ModuleList(_Layer(dim, heads, inner, eps) for _ in range(layers))


class BertEncoder(nn.Module):
    """transformers' ``BertModel`` without the pooler, called the same way."""

    def __init__(self, config: dict[str, Any]) -> None:
        super().__init__()
        dim, eps = int(config["hidden_size"]), float(config["layer_norm_eps"])
        self.embeddings = _Embeddings(
            int(config["vocab_size"]),
            int(config["max_position_embeddings"]),
            int(config.get("type_vocab_size", 2)),
            dim,
            eps,
        )
        self.encoder = _Encoder(
            int(config["num_hidden_layers"]),
            dim,
            int(config["num_attention_heads"]),
            int(config["intermediate_size"]),
            eps,
        )
        self.config = SimpleNamespace(**config)  # read as transformers' config is

    def forward(
        self,
        input_ids: torch.Tensor,
        attention_mask: torch.Tensor | None = None,
        token_type_ids: torch.Tensor | None = None,
        output_hidden_states: bool = False,
        **_: Any,
    ) -> Output:
        x = self.embeddings(input_ids, token_type_ids)
        if attention_mask is None:
            attention_mask = torch.ones_like(input_ids)
        mask = attention_mask.bool()[:, None, None, :]  # True: attend
        states = [x] if output_hidden_states else None
        for layer in self.encoder.layer:
            x = layer(x, mask)
            if states is not None:
                states.append(x)
        return Output(x, tuple(states) if states is not None else None)


def _plain_bert(config: dict[str, Any]) -> bool:
    return (
        config.get("model_type") == "bert"
        and config.get("position_embedding_type", "absolute") == "absolute"
        and config.get("hidden_act") == "gelu"
        and not config.get("is_decoder", False)
    )


def _mapped(path: Path) -> dict[str, torch.Tensor]:
    """The tensors of a safetensors file as views of a private memory map (no copy)."""
    with path.open("rb") as fh:
        size = struct.unpack("<Q", fh.read(8))[0]
        header = json.loads(fh.read(size))
        mem = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_COPY)
    start = 8 + size
    out: dict[str, torch.Tensor] = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        dtype = _DTYPES[info["dtype"]]
        begin, end = info["data_offsets"]
        count = (end - begin) // dtype.itemsize
        flat = torch.frombuffer(mem, dtype=dtype, count=count, offset=start + begin)
        out[name] = flat.view(info["shape"])
    return out


def load(model_dir: Path) -> BertEncoder | None:
    """The model of ``model_dir`` as a :class:`BertEncoder`, or None where it is not plain BERT."""
    config_path, weights = model_dir / "config.json", model_dir / "model.safetensors"
    if not (config_path.is_file() and weights.is_file()):
        return None
    config = json.loads(config_path.read_text(encoding="utf-8"))
    if not _plain_bert(config):
        return None
    with torch.device("meta"):
        module = BertEncoder(config)
    mapped = _mapped(weights)
    tensors = {k.removeprefix("bert."): v for k, v in mapped.items()}
    tensors = {k: v for k, v in tensors.items() if not k.startswith("pooler.")}
    wanted = set(module.state_dict())
    if set(tensors) != wanted:
        return None  # another layout: transformers knows it
    module.load_state_dict(tensors, assign=True)
    return module.eval()  # each tensor holds a reference to the map: it lives as they do
