"""``e5-fast``: sentence vectors as the mean of fitted static token vectors.

Thousands of sentences per second on a CPU, for whole books where e5 would
take hours. The table is not a plain distillation (token vectors embedded
alone lose e5's cross-lingual alignment) but fitted so that mean-pooled token
vectors reproduce e5's *sentence* vectors on sentences of many languages;
``scripts/build_fast_encoder.py`` builds it offline from the shared corpora.

A model directory holds ``embeddings.npy`` (the fp16 table, one row per
token of e5's vocabulary: memory-mapped, so loading costs nothing), e5's
``tokenizer.json`` and ``driftalign.json`` (``"kind": "static"`` and how it
was built).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelError
from .base import Encoder, SentenceStates

DIR_NAME = "e5-fast"
MAX_TOKENS = 256  # as e5: longer texts are cut
TABLE = "embeddings.npy"
BUILD_HINT = "python scripts/build_fast_encoder.py --data ../shared/data"


def is_static(model_dir: Path) -> bool:
    """Whether ``model_dir`` holds a static table (rather than a transformers model)."""
    meta = Path(model_dir) / "driftalign.json"
    if not meta.exists():
        return False
    return json.loads(meta.read_text(encoding="utf-8")).get("kind") == "static"


def locate(cache_dir: Path, log: Callable[[str], None] | None = None) -> Path:
    """The built ``e5-fast`` directory under ``cache_dir``; never built implicitly.

    Fitting needs the shared corpora and ~16 minutes, so unlike e5 it is not
    built on first use: the error says how.
    """
    target = Path(cache_dir) / DIR_NAME
    if not (target / TABLE).exists() or not is_static(target):
        raise ModelError(
            f"the fast encoder 'e5-fast' is not built ({target} is missing). It is fitted "
            f"offline to e5 on the shared corpora (~16 min on 2 cores); build it from a "
            f"source checkout with: {BUILD_HINT}"
        )
    return target


class StaticEncoder(Encoder):
    """Mean of per-token vectors over e5's tokenisation, without the special tokens.

    Leaving out ``<s>`` and ``</s>`` makes a run's vector the pooled sum of its
    sentences' (``can_pool``; only a sentence's first word may be split otherwise
    after another): a book's runs of 1..4 sentences cost one table lookup per
    token instead of four.
    """

    char_budget = 200_000  # no activations to bound: big batches are cheapest
    can_pool = True
    worth_caching = False  # a table lookup beats the embedding cache's (api.load_encoder)
    # the aligner compares runs after taking away their document's mean vector
    # (align.aligner.Overlaps.centred): Text+Berg test top-1 partner retrieval 0.41 -> 0.50
    centre = True

    def __init__(self, model_dir: Path, name: str | None = None) -> None:
        from tokenizers import Tokenizer

        model_dir = Path(model_dir)
        if not is_static(model_dir):
            raise ModelError(f"{model_dir}: not a static encoder directory (driftalign.json)")
        try:
            self.table = np.load(model_dir / TABLE, mmap_mode="r")
            self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        except Exception as exc:  # a missing, truncated or foreign file
            raise ModelError(f"{model_dir}: cannot load the static encoder: {exc}") from exc
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.meta = json.loads((model_dir / "driftalign.json").read_text(encoding="utf-8"))
        self.name = name or model_dir.name
        self.dim = int(self.table.shape[1])
        self.device = "cpu"

    def encode(
        self, texts: Sequence[str], batch_size: int = 4096, progress_bar: bool = False
    ) -> np.ndarray:
        return super().encode(texts, batch_size=max(batch_size, 1024), progress_bar=progress_bar)

    def _ids(self, texts: Sequence[str]) -> list[list[int]]:
        return [e.ids for e in self.tokenizer.encode_batch(list(texts), add_special_tokens=False)]

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        return mean_rows(self.table, self._ids(texts))

    def sentence_states(
        self, texts: Sequence[str], batch_size: int = 4096, tokens: bool = True
    ) -> list[SentenceStates]:
        """Each sentence's sum of token vectors (no token states: coverage needs e5's)."""
        out: list[SentenceStates] = []
        for start in range(0, len(texts), 8192):
            ids = self._ids(texts[start : start + 8192])
            sums = sum_rows(self.table, ids)
            # count as a transformer's (two special tokens included): callers subtract them
            out += [SentenceStates(sums[i], len(x) + 2) for i, x in enumerate(ids)]
        return out

    def signature(self) -> dict[str, object]:
        # the table's digest: a rebuilt table must not be answered from the old one's cache
        return super().signature() | {
            "kind": "static",
            "teacher": self.meta.get("teacher"),
            "table": self.meta.get("table_sha256"),
            "special_tokens": False,
        }


def sum_rows(table: np.ndarray, ids: Sequence[Sequence[int]]) -> np.ndarray:
    """Per text, the float32 sum of its rows of ``table`` (zeros for a text of no tokens).

    Only the distinct tokens' rows are taken out of the (memory-mapped, float16)
    table and summed by torch's ``embedding_bag``: gathering a row per token
    first, as ``table[ids]`` would, moves gigabytes for a book (72,687
    sentences, 1.8 M tokens: 20 s against 0.5 s).
    """
    import torch

    lengths = np.fromiter((len(x) for x in ids), dtype=np.int64, count=len(ids))
    flat = np.fromiter(itertools.chain.from_iterable(ids), dtype=np.int64, count=int(lengths.sum()))
    if not flat.size:
        return np.zeros((len(ids), table.shape[1]), dtype=np.float32)
    distinct, where = np.unique(flat, return_inverse=True)
    rows = torch.from_numpy(np.asarray(table[distinct], dtype=np.float32))
    offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    sums = torch.nn.functional.embedding_bag(
        torch.from_numpy(where.reshape(-1).astype(np.int64)),
        rows,
        torch.from_numpy(offsets),
        mode="sum",
    )
    return sums.numpy()


def mean_rows(table: np.ndarray, ids: Sequence[Sequence[int]]) -> np.ndarray:
    """Per text, the float32 mean of its rows of ``table`` (see :func:`sum_rows`)."""
    lengths = np.fromiter((max(len(x), 1) for x in ids), dtype=np.float32, count=len(ids))
    return sum_rows(table, ids) / lengths[:, None]


def fit(
    ids: Sequence[Sequence[int]],
    e0: np.ndarray,
    targets: np.ndarray,
    epochs: int = 4,
    seed: int = 0,
    lr: float = 1e-3,
    log: Callable[[str], None] = print,
    pairs: Sequence[tuple[Sequence[int], Sequence[int]]] = (),
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``W``, ``b``, the seen token ids and their corrections ``D`` (see :func:`fit_and_save`).

    Targets are centred first: e5's vectors share one strong common direction
    (unrelated sentences sit at cosine ~0.7), which would otherwise dominate a
    cosine loss while telling sentences apart is what alignment needs. The
    epoch kept is the one with the best cosine on 5% of the sentences held out
    (epoch 0 is the least-squares start).

    ``pairs`` (token ids of translation pairs, e.g. MT training data) add a
    contrastive term between the two sides: cross-lingual signal that costs
    no teacher pass. The epoch kept is then the best top-1 retrieval among 5%
    of the pairs held out.
    """
    import torch

    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    n_teacher = len(ids)
    ids = list(ids) + [p[0] for p in pairs] + [p[1] for p in pairs]
    x = mean_rows(e0, ids)  # (N, d) mean input embedding per sentence
    y = np.asarray(targets, dtype=np.float32)
    y = y - y.mean(0)
    y /= np.maximum(np.linalg.norm(y, axis=1, keepdims=True), 1e-12)
    n, d = n_teacher, x.shape[1]
    perm = rng.permutation(n)
    val, train = perm[: n // 20], perm[n // 20 :]
    n_pairs = len(pairs)
    pperm = rng.permutation(n_pairs)
    pval, ptrain = pperm[: min(1000, n_pairs // 20)], pperm[min(1000, n_pairs // 20) :]
    # start: ridge least squares from mean input embedding (+ bias) to the teacher
    xa = np.hstack([x[train], np.ones((len(train), 1), np.float32)])
    gram = xa.T @ xa + 1e-3 * len(train) * np.eye(d + 1, dtype=np.float32)
    wb = np.linalg.solve(gram, xa.T @ y[train]).astype(np.float32)
    fitted_rows = [*train, *(n + i for i in ptrain), *(n + n_pairs + i for i in ptrain)]
    seen = np.unique(np.concatenate([np.asarray(ids[i]) for i in fitted_rows]))
    remap = np.full(e0.shape[0], -1, dtype=np.int64)
    remap[seen] = np.arange(len(seen))

    w = torch.nn.Parameter(torch.from_numpy(wb[:d].copy()))
    b = torch.nn.Parameter(torch.from_numpy(wb[d].copy()))
    delta = torch.nn.EmbeddingBag(len(seen), d, mode="sum", sparse=True)
    torch.nn.init.zeros_(delta.weight)
    dense_opt = torch.optim.Adam([w, b], lr=lr * 0.01)
    sparse_opt = torch.optim.SparseAdam(list(delta.parameters()), lr=lr)
    xt, yt = torch.from_numpy(x), torch.from_numpy(y)

    def student(rows: np.ndarray) -> torch.Tensor:
        flat = [remap[t] for i in rows for t in ids[i]]
        bag_ids = torch.tensor(flat, dtype=torch.long)
        lengths = [len(ids[i]) for i in rows]
        offsets = torch.tensor(np.concatenate([[0], np.cumsum(lengths)[:-1]]), dtype=torch.long)
        # the correction's share of the mean: 1/length per token; unseen tokens
        # (validation only) have none, exactly as in the saved table
        inv = np.repeat(1.0 / np.asarray(lengths, dtype=np.float32), lengths)
        weights = torch.from_numpy(inv) * (bag_ids >= 0).float()
        corr = delta(bag_ids.clamp(min=0), offsets, per_sample_weights=weights)
        return xt[rows] @ w + b + corr

    def val_cos() -> float:
        with torch.no_grad():
            s = torch.nn.functional.normalize(student(val), dim=1)
            return float((s * yt[val]).sum(1).mean())

    def pair_top1() -> float:
        with torch.no_grad():
            a = torch.nn.functional.normalize(student(n + pval), dim=1)
            b_ = torch.nn.functional.normalize(student(n + n_pairs + pval), dim=1)
            return float(((a @ b_.T).argmax(1) == torch.arange(len(pval))).float().mean())

    def score() -> float:
        return pair_top1() if len(pval) else val_cos()

    def snapshot() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        return (
            w.detach().numpy().copy(),
            b.detach().numpy().copy(),
            seen,
            delta.weight.detach().numpy().copy(),
        )

    log(
        f"fit: {len(train)} train / {len(val)} val sentences, {len(ptrain)} / {len(pval)} "
        f"pairs, {len(seen)} distinct tokens"
    )
    best_score, best = score(), snapshot()
    log(f"epoch 0 (least squares): val cos {val_cos():.4f}, score {best_score:.4f}")
    batch, tau, alpha = 256, 0.05, 0.2
    for epoch in range(1, epochs + 1):
        order = rng.permutation(train)
        porder = rng.permutation(ptrain)
        steps = max(len(order), len(porder)) // batch + 1
        for step in range(steps):
            start = (step * batch) % max(len(order), 1)
            rows = order[start : start + batch]
            s = torch.nn.functional.normalize(student(rows), dim=1)
            t = yt[rows]
            cos_loss = (1 - (s * t).sum(1)).mean()
            nce = torch.nn.functional.cross_entropy(s @ t.T / tau, torch.arange(len(rows)))
            loss = cos_loss + alpha * nce
            pr = porder[step * batch : (step + 1) * batch]
            if len(pr) > 1:
                a = torch.nn.functional.normalize(student(n + pr), dim=1)
                b_ = torch.nn.functional.normalize(student(n + n_pairs + pr), dim=1)
                logits = a @ b_.T / tau
                target = torch.arange(len(pr))
                loss = loss + 0.5 * (
                    torch.nn.functional.cross_entropy(logits, target)
                    + torch.nn.functional.cross_entropy(logits.T, target)
                )
            dense_opt.zero_grad()
            sparse_opt.zero_grad()
            loss.backward()
            dense_opt.step()
            sparse_opt.step()
        now = score()
        log(f"epoch {epoch}: val cos {val_cos():.4f}, score {now:.4f}")
        if now > best_score:
            best_score, best = now, snapshot()
    return best


def fit_and_save(
    texts: Sequence[str],
    targets: np.ndarray,
    e5_dir: Path,
    out: Path,
    epochs: int = 4,
    seed: int = 0,
    lr: float = 1e-3,
    meta: dict[str, Any] | None = None,
    log: Callable[[str], None] = print,
    pairs: Sequence[tuple[str, str]] = (),
) -> Path:
    """Fit the table to ``targets`` (e5's unit vectors of ``texts``) and write it to ``out``.

    The table is ``E0 @ W + b + D``: e5's input embeddings ``E0`` through one
    fitted linear map (so every token, seen in training or not, lands in e5's
    sentence space) plus a per-token correction ``D`` for tokens seen in
    training. Loss: 1 - cosine to the (centred) teacher, plus an in-batch
    contrastive term that keeps different sentences apart (what retrieval needs),
    and with ``pairs`` (translations) a contrastive term between their sides.
    """
    import torch
    from safetensors.torch import load_file
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(e5_dir / "tokenizer.json"))
    tok.enable_truncation(MAX_TOKENS)
    ids = [e.ids for e in tok.encode_batch(list(texts), add_special_tokens=False)]
    e0 = load_file(str(e5_dir / "model.safetensors"))["embeddings.word_embeddings.weight"].float()
    pair_ids = list(
        zip(
            [e.ids for e in tok.encode_batch([a for a, _ in pairs], add_special_tokens=False)],
            [e.ids for e in tok.encode_batch([b for _, b in pairs], add_special_tokens=False)],
            strict=True,
        )
    )
    w_np, b_np, seen, d_np = fit(ids, e0.numpy(), targets, epochs, seed, lr, log, pair_ids)
    w, b = torch.from_numpy(w_np), torch.from_numpy(b_np)

    with torch.no_grad():
        table = e0 @ w + b
        table[torch.from_numpy(seen)] += torch.from_numpy(d_np)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".e5-fast-", dir=out.parent))
    try:
        half = table.numpy().astype(np.float16)
        np.save(tmp / TABLE, half)
        shutil.copy(e5_dir / "tokenizer.json", tmp / "tokenizer.json")
        teacher_meta = json.loads((e5_dir / "driftalign.json").read_text(encoding="utf-8"))
        info = {
            "kind": "static",
            "teacher": "e5",
            "teacher_source": teacher_meta.get("source"),
            "pooling": "mean",
            "sentences": len(texts),
            "epochs": epochs,
            "seed": seed,
            "lr": lr,
            "pairs": len(pairs),
            "special_tokens": False,
            "table_sha256": hashlib.sha256(half.tobytes()).hexdigest()[:16],
        } | (meta or {})
        (tmp / "driftalign.json").write_text(json.dumps(info, indent=2), encoding="utf-8")
        if out.exists():
            shutil.rmtree(out)
        os.replace(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return out
