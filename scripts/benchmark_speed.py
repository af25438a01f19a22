"""End-to-end speed of alignment and drift per way of making run vectors, from a cold cache.

A benchmark, not a test: it measures and prints a table. For every method x
data set a fresh Python process (an empty embedding cache in a temporary
``DRIFTALIGN_CACHE``, the built models linked in) loads the encoder, reads,
aligns, scores drift and writes every output format, timing each phase. All
methods run in one invocation, one after the other, so that their ratios come
from one machine state.

Usage::

    python scripts/benchmark_speed.py --data ../shared/data/align
    python scripts/benchmark_speed.py --data ../shared/data/align --sets textberg,bible001 \\
        --methods exact,pooled,refined --json speed.json

Columns: ``load`` (encoder load plus reading and segmenting), ``embed``
(:class:`align.aligner.PairVectors`: every forward pass the alignment needs;
for ``refined``, also its second-pass runs),
``align`` (the dynamic programmes), ``drift`` (drift scoring: bead vectors,
coverage, word cuts, checks), ``write`` (every output format), ``total``
(their sum), ``sent/s`` (source + target sentences / total), ``peak RSS``
(the worker's ``ru_maxrss``), ``misses`` (texts the encoder had to run on),
``strict F1`` (Vecalign's definition, :mod:`align.evaluate`; for the Bible,
consecutive beads that share a verse are merged first, as the gold is
verse-level).

Methods: ``exact``, ``pooled``, ``refined`` (the default) with e5, and ``fast``
(``align run --fast``: the static ``e5-fast`` table, pooled runs; build it first
with ``scripts/build_fast_encoder.py``).

Sets: ``textberg`` (Text+Berg de-fr test, 7 documents), ``tbdev`` (its dev
document), ``bible001`` (5,000 en x 6,301 zh), ``bible006`` (30,000 x 42,687).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchlib import machine, text_table

SETS = ("textberg", "tbdev", "bible001", "bible006")
METHODS = ("exact", "pooled", "refined", "fast")  # fast: --fast (e5-fast, pooled runs)


def _pairs(data: Path, name: str) -> list[tuple[Path, Path, Path, str, str]]:
    tb = data / "textberg_defr"
    if name == "textberg":
        return [
            (
                tb / "test" / f"test{i}.de",
                tb / "test" / f"test{i}.fr",
                tb / "test" / f"test{i}.defr",
                "de",
                "fr",
            )
            for i in range(7)
        ]
    if name == "tbdev":
        return [(tb / "dev" / "dev.de", tb / "dev" / "dev.fr", tb / "dev" / "dev.defr", "de", "fr")]
    stem = name.removeprefix("bible")
    bib = data / "bible_enzh"
    return [(bib / f"{stem}.en", bib / f"{stem}.zh", bib / f"{stem}.gold", "en", "zh")]


def verse_merge(
    beads: list[tuple[tuple[int, ...], tuple[int, ...]]], src_verse: list[str], tgt_verse: list[str]
) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Merge consecutive beads that share a verse on either side (the gold is verse-level)."""
    out: list[tuple[list[int], list[int]]] = []
    for s, t in beads:
        if out:
            ps, pt = out[-1]
            joined = (ps and s and src_verse[ps[-1]] == src_verse[s[0]]) or (
                pt and t and tgt_verse[pt[-1]] == tgt_verse[t[0]]
            )
            # a one-sided bead inside a verse belongs to it too
            inside = (not s and pt and t and tgt_verse[pt[-1]] == tgt_verse[t[0]]) or (
                not t and ps and s and src_verse[ps[-1]] == src_verse[s[0]]
            )
            if joined or inside:
                ps.extend(s)
                pt.extend(t)
                continue
        out.append((list(s), list(t)))
    return [(tuple(s), tuple(t)) for s, t in out]


# ----------------------------------------------------------------------------- worker


def worker(
    data: Path, name: str, method: str, outdir: Path, docs: int | None = None
) -> dict[str, object]:
    """One method on one set in this (fresh) process; returns the row."""
    t0 = time.perf_counter()
    from align.aligner import AlignConfig, PairVectors, align
    from align.api import Aligner, read_document
    from align.drift import score_beads, summarise
    from align.encoders import DEFAULT_MODEL, FAST_MODEL
    from align.evaluate import read_beads, score
    from align.formats import write_outputs
    from align.types import Alignment

    fast = method == "fast"
    cfg = AlignConfig(overlaps="pooled" if fast else method)
    aligner = Aligner(FAST_MODEL if fast else DEFAULT_MODEL, config=cfg)
    cfg = aligner.config  # a static encoder's own band and merge price (AlignConfig.for_static)
    enc = aligner.encoder
    times = {
        "load": time.perf_counter() - t0,
        "embed": 0.0,
        "align": 0.0,
        "drift": 0.0,
        "write": 0.0,
    }
    gold, hyp = [], []
    sents = flagged = 0
    for k, (src_path, tgt_path, gold_path, sl, tl) in enumerate(_pairs(data, name)[:docs]):
        t = time.perf_counter()
        src = read_document(src_path, sl, presplit=True)
        tgt = read_document(tgt_path, tl, presplit=True)
        times["load"] += time.perf_counter() - t
        sents += len(src) + len(tgt)
        t = time.perf_counter()
        vectors = PairVectors(src, tgt, enc, cfg, aligner.batch_size)
        times["embed"] += time.perf_counter() - t
        # "refined" embeds the unsure runs inside align(): that time counts as embed
        refine_s = [0.0]
        refine = vectors.refine

        def timed_refine(*a: object, _refine=refine, _acc=refine_s) -> bool:  # type: ignore[no-untyped-def]
            t1 = time.perf_counter()
            try:
                return _refine(*a)  # type: ignore[arg-type]
            finally:
                _acc[0] += time.perf_counter() - t1

        vectors.refine = timed_refine  # type: ignore[method-assign]
        t = time.perf_counter()
        beads = align(src, tgt, vectors, cfg)
        times["align"] += time.perf_counter() - t - refine_s[0]
        times["embed"] += refine_s[0]
        t = time.perf_counter()
        sc = aligner.scorer
        scored = score_beads(src, tgt, beads, vectors.embed, sc.config, vectors.cover, sc.checks)
        summary = summarise(scored)
        times["drift"] += time.perf_counter() - t
        t = time.perf_counter()
        result = Alignment(src, tgt, scored, summary, aligner.signature(presplit=True))
        write_outputs(result, outdir / f"{k}", force=True)
        times["write"] += time.perf_counter() - t
        hb = [(tuple(b.src), tuple(b.tgt)) for b in beads]
        if name.startswith("bible"):
            sv = (data / "bible_enzh" / "en.verse").read_text().split("\n")
            tv = (data / "bible_enzh" / "zh.verse").read_text().split("\n")
            hb = verse_merge(hb, sv, tv)
        hyp.append(hb)
        gold.append(read_beads(gold_path))
        flagged += sum(1 for b in scored if b.flags)
    strict = score(gold, hyp)["strict"]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    misses = getattr(enc, "misses", None)
    return {
        "set": name,
        "method": method,
        "sents": sents,
        "times": times,
        "total": sum(times.values()),
        "peak_rss_mb": peak,
        "misses": misses,
        "strict": strict,
        "flagged": flagged,
    }


# ----------------------------------------------------------------------------- parent


def run_one(data: Path, name: str, method: str, docs: int | None = None) -> dict[str, object]:
    """``worker`` in a fresh process with an empty embedding cache (models linked in)."""
    from align.encoders import cache_root

    models = cache_root() / "models"
    with tempfile.TemporaryDirectory(prefix="driftalign-speed-") as tmp:
        root = Path(tmp)
        (root / "cache").mkdir()
        (root / "cache" / "models").symlink_to(models)
        env = dict(os.environ, DRIFTALIGN_CACHE=str(root / "cache"))
        cmd = [
            sys.executable,
            __file__,
            "--worker",
            "--data",
            str(data),
            "--sets",
            name,
            "--methods",
            method,
            "--out",
            str(root / "out"),
        ]
        if docs:
            cmd += ["--docs", str(docs)]
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            sys.stderr.write(proc.stderr[-3000:])
            raise SystemExit(f"worker {name}/{method} failed ({proc.returncode})")
        return json.loads(proc.stdout.strip().splitlines()[-1])


def table(rows: list[dict[str, object]]) -> str:
    heads = (
        "set",
        "method",
        "sents",
        "load",
        "embed",
        "align",
        "drift",
        "write",
        "total s",
        "sent/s",
        "peak RSS MB",
        "misses",
        "strict F1",
    )
    cells = []
    for r in rows:
        t = r["times"]
        assert isinstance(t, dict)
        total = float(r["total"])  # type: ignore[arg-type]
        cells.append(
            [
                str(r["set"]),
                str(r["method"]),
                str(r["sents"]),
                *(f"{t[k]:.1f}" for k in ("load", "embed", "align", "drift", "write")),
                f"{total:.1f}",
                f"{int(r['sents']) / total:.1f}",  # type: ignore[call-overload]
                f"{float(r['peak_rss_mb']):.0f}",  # type: ignore[arg-type]
                str(r["misses"]),
                f"{float(r['strict']['f1']):.4f}",  # type: ignore[index]
            ]
        )
    right = set(heads) - {"set", "method"}
    return text_table(heads, right, cells)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--data", type=Path, required=True, help="the shared align folder")
    p.add_argument("--sets", default="textberg", help=f"comma-separated from {','.join(SETS)}")
    p.add_argument(
        "--methods",
        default="exact,pooled,refined",
        help=f"comma-separated from {','.join(METHODS)}",
    )
    p.add_argument("--docs", type=int, help="only the first N documents of each set")
    p.add_argument("--repeat", type=int, default=1, help="runs per method x set; times are medians")
    p.add_argument("--json", type=Path, help="also write the rows as JSON")
    p.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    sets = [s for s in args.sets.split(",") if s]
    methods = [m for m in args.methods.split(",") if m]
    if any(s not in SETS for s in sets) or any(m not in METHODS for m in methods):
        p.error(f"sets from {SETS}, methods from {METHODS}")
    if not args.data.is_dir():
        print(
            f"{args.data}: no such directory (give --data the shared align folder)", file=sys.stderr
        )
        return 2
    if args.worker:
        print(json.dumps(worker(args.data, sets[0], methods[0], args.out, args.docs)))
        return 0
    host = machine()
    print(
        f"# driftalign speed, {time.strftime('%Y-%m-%d %H:%M %Z')}; {host['cpu_count']} CPUs, "
        f"torch threads {host['torch_threads']}; each row a fresh process, empty cache"
    )
    rows = []
    for name in sets:
        for method in methods:
            runs = [run_one(args.data, name, method, args.docs) for _ in range(args.repeat)]
            row = runs[0]
            if len(runs) > 1:
                row["times"] = {
                    k: statistics.median(r["times"][k] for r in runs) for k in row["times"]
                }  # type: ignore[index,union-attr]
                row["total"] = statistics.median(float(r["total"]) for r in runs)  # type: ignore[arg-type]
            rows.append(row)
            print(f"# {name}/{method}: {float(row['total']):.1f} s", file=sys.stderr, flush=True)  # type: ignore[arg-type]
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps({"machine": host, "rows": rows}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
