"""Compare CPU inference backends of e5 on real sentences: fidelity to fp32 and speed.

For each backend (fp32, bf16 autocast, int8 dynamic quantisation) it embeds the
same sentences of several languages from the shared corpora and prints the
min / mean cosine of its sentence vectors to fp32's (a backend is only adopted
at >= 0.999), the mean cosine of the layer-8 token vectors that drift's
coverage uses, and sentences/s (median of ``--repeat`` rounds; the backends
take turns within each round, so a busy neighbour slows them alike).

    python scripts/bench_backends.py --data ../shared/data --n 2000 --speed-n 500 --repeat 3
"""

from __future__ import annotations

import argparse
import copy
import statistics
import sys
import time
from pathlib import Path

import numpy as np
from benchlib import machine, text_table
from build_fast_encoder import corpus

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


def backends(path: Path) -> dict[str, TransformersEncoder]:
    base = TransformersEncoder(path, device="cpu", dtype="fp32", name="e5")
    out = {"fp32": base}
    bf16 = copy.copy(base)
    out["bf16"] = quant.apply(bf16, "bf16")
    int8 = copy.copy(base)
    int8.model = copy.deepcopy(base.model)
    out["int8"] = quant.apply(int8, "int8")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--n", type=int, default=2000, help="sentences for the fidelity check")
    ap.add_argument("--speed-n", type=int, default=500, help="sentences per timed round")
    ap.add_argument("--token-n", type=int, default=200, help="sentences for token vectors")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(f"no data at {args.data}", file=sys.stderr)
        return 1
    quant.set_threads()
    texts = sample(args.data, args.n, args.seed)
    print(machine(), f"bf16 CPU: {quant.cpu_has_bf16()}", f"{len(texts)} sentences")
    encs = backends(model_path("e5"))
    names = list(encs)
    vecs = {name: enc.encode(texts) for name, enc in encs.items()}
    toks = {name: enc.token_states(texts[: args.token_n]) for name, enc in encs.items()}
    fidelity = {}
    for name in names:
        cos = (vecs[name] * vecs["fp32"]).sum(1)
        tok = [
            float((a.layers[8] * b.layers[8]).sum(1).mean())
            for a, b in zip(toks[name] or [], toks["fp32"] or [], strict=True)
        ]
        fidelity[name] = (f"{cos.min():.5f}", f"{cos.mean():.5f}", f"{np.mean(tok):.4f}")
        print(name, "min / mean cosine to fp32, layer-8 token cosine:", *fidelity[name], flush=True)
    rng = np.random.default_rng(args.seed)
    pick = rng.choice(len(texts), size=min(args.speed_n, len(texts)), replace=False)
    timed = [texts[i] for i in pick]
    speed: dict[str, list[float]] = {name: [] for name in encs}
    for r in range(args.repeat):
        for name in names[r % len(names) :] + names[: r % len(names)]:
            t0 = time.perf_counter()
            encs[name].encode(timed)
            speed[name].append(len(timed) / (time.perf_counter() - t0))
    rows = [
        [
            name,
            *fidelity[name],
            f"{statistics.median(speed[name]):.1f}",
            " / ".join(f"{s:.1f}" for s in speed[name]),
        ]
        for name in names
    ]
    heads = ["backend", "min cos", "mean cos", "tok cos L8", "sent/s (median)", "rounds"]
    print(text_table(heads, set(heads[1:5]), rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
