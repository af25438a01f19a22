"""Throughput of ``align batch`` (model loaded once) against a loop of ``align run``.

Builds ``--pairs`` short document pairs from the gold-aligned Text+Berg test
documents (each pair a stretch of consecutive gold beads, about
``--sentences`` source sentences, written as presplit files in a temporary
folder), then times, each in fresh processes and without the embedding
cache so that every sentence is embedded:

- ``batch``: one ``align batch --manifest`` over all pairs;
- ``loop``: one ``align run`` per pair, as a user scripting the CLI would;
- ``ray``: ``align batch --ray`` with a local cluster (with ``--ray``; needs Ray).

Prints wall time, pairs/s, sentences/s, peak RSS of the largest process, and
the speed-up of batch over the loop, and checks that both wrote the same
alignments.

    python scripts/benchmark_batch.py --data ../shared/data/align --pairs 50
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchlib import machine, text_table

from align.evaluate import read_beads


def build_pairs(data: Path, n_pairs: int, sentences: int, root: Path) -> tuple[Path, int]:
    """Presplit pair files and a manifest; returns the manifest and the sentence count."""
    tb = data / "textberg_defr" / "test"
    lines, total = [], 0
    docs = sorted(tb.glob("test*.defr"))
    k = 0
    while len(lines) < n_pairs:
        for gold in docs:
            if len(lines) >= n_pairs:
                break
            stem = gold.with_suffix("")
            de = stem.with_suffix(".de").read_text(encoding="utf-8").split("\n")
            fr = stem.with_suffix(".fr").read_text(encoding="utf-8").split("\n")
            beads = [b for b in read_beads(gold) if b[0] and b[1]]
            # the k-th stretch of this document: consecutive gold beads
            start = k * sentences
            chunk, n_src = [], 0
            for b in beads:
                if min(b[0]) < start:
                    continue
                chunk.append(b)
                n_src += len(b[0])
                if n_src >= sentences:
                    break
            if n_src < sentences:
                continue
            src = [de[i] for b in chunk for i in b[0]]
            tgt = [fr[j] for b in chunk for j in b[1]]
            pid = f"{stem.name}-{k}"
            (root / f"{pid}.de").write_text("\n".join(src) + "\n", encoding="utf-8")
            (root / f"{pid}.fr").write_text("\n".join(tgt) + "\n", encoding="utf-8")
            lines.append(f"{pid}.de\t{pid}.fr\tde\tfr\t{pid}")
            total += len(src) + len(tgt)
        k += 1
        if k > 1000:
            raise SystemExit("not enough text for that many pairs")
    manifest = root / "pairs.tsv"
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return manifest, total


def _timed(commands: list[list[str]]) -> tuple[float, float]:
    """Run commands one after the other; wall seconds and the largest one's peak RSS (MB)."""
    started = time.perf_counter()
    peak = 0.0
    for cmd in commands:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        assert proc.stderr is not None
        err = proc.stderr.read()
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            raise SystemExit(f"{' '.join(cmd)} failed:\n{err.decode()[-2000:]}")
        peak = max(peak, usage.ru_maxrss / 1024)
    return time.perf_counter() - started, peak


def _jsonl(folder: Path) -> dict[str, list[dict[str, object]]]:
    return {
        p.parent.name: [json.loads(line) for line in p.read_text().splitlines()]
        for p in sorted(folder.glob("*/alignment.jsonl"))
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, required=True, help="../shared/data/align")
    ap.add_argument("--pairs", type=int, default=50)
    ap.add_argument("--sentences", type=int, default=8, help="source sentences per pair")
    ap.add_argument("--model", default="e5")
    ap.add_argument("--ray", action="store_true", help="also time align batch --ray")
    args = ap.parse_args()

    align = [sys.executable, "-m", "align.cli", "-q"]
    opts = ["--presplit", "--no-cache", "--model", args.model]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "in").mkdir()
        manifest, sentences = build_pairs(args.data, args.pairs, args.sentences, root / "in")
        pairs = [line.split("\t") for line in manifest.read_text().splitlines()]
        methods: dict[str, list[list[str]]] = {
            "batch": [
                [*align, "batch", "--manifest", str(manifest), "-o", str(root / "batch"), *opts]
            ],
            "loop": [
                [*align, "run", str(root / "in" / p[0]), str(root / "in" / p[1])]
                + ["--src-lang", "de", "--tgt-lang", "fr", "-o", str(root / "loop" / p[4]), *opts]
                for p in pairs
            ],
        }
        if args.ray:
            methods["ray"] = [
                [*align, "batch", "--manifest", str(manifest), "-o", str(root / "ray"), *opts]
                + ["--ray"]
            ]
        results = {}
        for name, commands in methods.items():
            wall, peak = _timed(commands)
            results[name] = wall
            rows.append(
                [
                    name,
                    str(len(pairs)),
                    str(sentences),
                    f"{wall:.1f}",
                    f"{len(pairs) / wall:.2f}",
                    f"{sentences / wall:.1f}",
                    f"{peak:.0f}",
                ]
            )
            print(f"{name}: {wall:.1f} s", file=sys.stderr)
        same = _jsonl(root / "batch") == _jsonl(root / "loop")
        if args.ray:
            same = same and _jsonl(root / "ray") == _jsonl(root / "batch")
    print(machine())
    heads = ["method", "pairs", "sentences", "wall s", "pairs/s", "sent/s", "peak RSS MB"]
    print(text_table(heads, set(heads[1:]), rows))
    print(f"batch is {results['loop'] / results['batch']:.1f}x faster than a loop of align run")
    print(f"same alignments in every method: {same}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
