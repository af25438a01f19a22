"""Compare CPU inference backends of e5 on real sentences: fidelity to fp32 and speed.

For each backend (fp32, bf16 autocast, int8 dynamic quantisation, ONNX
Runtime) it embeds the same sentences of several languages from the shared
corpora and prints the min / mean cosine of its sentence vectors to fp32's (a
backend is only adopted at >= 0.999), the min / mean cosine of the token
vectors at each of the layers drift's coverage uses (``align.coverage.LAYERS``),
and sentences/s for ``encode`` at the batch sizes the pipeline uses and for
``sentence_states`` with token vectors (the aligner's one pass), median of
``--repeat`` rounds with the ratio to fp32. The backends take turns within
each round, in the same process, so a busy neighbour slows them alike.

    python scripts/bench_backends.py --data ../shared/data --n 2000 --speed-n 500 --repeat 3
"""

from __future__ import annotations

import argparse
import copy
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from benchlib import machine, text_table
from build_fast_encoder import corpus

from align.coverage import LAYERS
from align.encoders import model_path, quant
from align.encoders.hf import TransformersEncoder


def sample(data: Path, n: int, seed: int) -> list[str]:
    """``n`` sentences spread evenly over the languages of the shared corpora."""
    by_lang = corpus(data, per_lang=10_000, seed=seed, include_held_out=True)
    langs = sorted(by_lang)
    per = max(1, n // len(langs))
    out: list[str] = []
    for lang in langs:
        out.extend(by_lang[lang][:per])
    return out[:n]


def backends(path: Path, names: list[str]) -> dict[str, TransformersEncoder]:
    base = TransformersEncoder(path, device="cpu", dtype="fp32", name="e5")
    base.model  # noqa: B018 - load once; the copies share it
    out = {"fp32": base}
    for name in names:
        if name == "fp32":
            continue
        enc = copy.copy(base)
        if name == "int8":
            enc.model = copy.deepcopy(base.model)
        out[name] = quant.apply(enc, name)
    return out


def cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Row-wise cosine (token vectors are stored unit length in float32)."""
    return (a * b).sum(1) / np.maximum(np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1), 1e-12)


def timed(run: Callable[[], object], n: int) -> float:
    t0 = time.perf_counter()
    run()
    return n / (time.perf_counter() - t0)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--n", type=int, default=2000, help="sentences for the fidelity check")
    ap.add_argument("--speed-n", type=int, default=500, help="sentences per timed round")
    ap.add_argument("--token-n", type=int, default=200, help="sentences for token vectors")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--backends",
        default="fp32,bf16,int8,onnx",
        help="comma-separated, compared with fp32 (always run)",
    )
    ap.add_argument(
        "--batch-sizes",
        default="32,64",
        help="encode() batch sizes timed (64: encode's default and the aligner's; 32: "
        "sentence_states', also timed with token vectors as 'states32')",
    )
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(f"no data at {args.data}", file=sys.stderr)
        return 1
    threads = quant.set_threads()
    texts = sample(args.data, args.n, args.seed)
    print(machine(), f"threads: {threads}", f"bf16 CPU: {quant.cpu_has_bf16()}", flush=True)
    encs = backends(model_path("e5"), args.backends.split(","))
    names = list(encs)
    langs = len(corpus(args.data, per_lang=1, seed=args.seed, include_held_out=True))
    print(f"{len(texts)} sentences of {langs} languages; backends {names}", flush=True)
    vecs = {name: enc.encode(texts) for name, enc in encs.items()}
    toks = {name: enc.token_states(texts[: args.token_n]) or [] for name, enc in encs.items()}
    fidelity = {}
    for name in names:
        cos = (vecs[name] * vecs["fp32"]).sum(1)
        cells = [f"{cos.min():.6f}", f"{cos.mean():.6f}"]
        for layer in LAYERS:
            tok = np.concatenate(
                [
                    cosines(a.layers[layer].astype(np.float32), b.layers[layer].astype(np.float32))
                    for a, b in zip(toks[name], toks["fp32"], strict=True)
                ]
            )
            cells.append(f"{tok.min():.5f}/{tok.mean():.6f}")
        fidelity[name] = cells
        print(name, "sentence min / mean, token min/mean per layer:", *cells, flush=True)
    rng = np.random.default_rng(args.seed)
    pick = rng.choice(len(texts), size=min(args.speed_n, len(texts)), replace=False)
    bench = [texts[i] for i in pick]
    runs: dict[str, Callable[[TransformersEncoder], object]] = {
        f"encode{bs}": (lambda enc, bs=bs: enc.encode(bench, batch_size=bs))
        for bs in (int(b) for b in args.batch_sizes.split(","))
    }
    runs["states32"] = lambda enc: enc.sentence_states(bench, 32, tokens=True)
    # every backend once per round, in a rotating order: a busy neighbour slows them alike
    speed: dict[tuple[str, str], list[float]] = {(r, n): [] for r in runs for n in names}
    for r in range(args.repeat):
        for run, call in runs.items():
            for name in names[r % len(names) :] + names[: r % len(names)]:
                speed[run, name].append(timed(lambda: call(encs[name]), len(bench)))  # noqa: B023
    print(f"sentences/s on {len(bench)} sentences, median of {args.repeat} rounds:", flush=True)
    rows = []
    for name in names:
        cells = [name, *fidelity[name]]
        for run in runs:
            med = statistics.median(speed[run, name])
            ratio = med / statistics.median(speed[run, "fp32"])
            cells.append(f"{med:.1f} ({ratio:.2f}x)")
        rows.append(cells)
    heads = ["backend", "min cos", "mean cos", *(f"tok L{n} min/mean" for n in LAYERS), *runs]
    print(text_table(heads, set(heads[1:]), rows))
    for name in names:
        rounds = "; ".join(
            f"{run} " + " / ".join(f"{v:.1f}" for v in speed[run, name]) for run in runs
        )
        print(f"  {name} rounds: {rounds}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
