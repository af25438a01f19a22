"""Profile: resident memory over one alignment, tagged with the pipeline's phase.

This is a profile, not a benchmark figure: it aligns one Bible pair (``--set
bible001`` or ``bible006``, presplit, default encoder and ``--overlaps``) from
an empty embedding cache in a temporary folder, samples the process's RSS every
``--every`` seconds in a thread, and tags each sample with the phase running
then: ``embed`` (every sentence through the encoder, then the run vectors),
``align`` (the dynamic programme), ``refine`` (the second pass over unsure
runs), ``drift`` / ``drift-evidence`` (scoring). It writes the samples as TSV
(``--out``) and prints each phase's first and last second and its highest RSS.

Usage::

    python scripts/profile_memory.py --data ../shared/data/align --set bible006 --out rss.tsv
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def rss_mb() -> int:
    with open("/proc/self/status", encoding="ascii") as fh:
        line = next(x for x in fh if x.startswith("VmRSS"))
    return int(line.split()[1]) // 1024


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--data", type=Path, required=True, help="the shared align folder")
    p.add_argument("--set", default="bible001", choices=("bible001", "bible006"))
    p.add_argument("--out", type=Path, required=True, help="TSV of (second, phase, RSS MB)")
    p.add_argument("--every", type=float, default=2.0, help="seconds between samples")
    args = p.parse_args()
    folder = args.data / "bible_enzh"
    stem = args.set.removeprefix("bible")
    if not (folder / f"{stem}.en").is_file():
        print(f"profile_memory: error: {folder / (stem + '.en')}: missing", file=sys.stderr)
        return 2
    # an empty embedding cache, with the models already built in the user's cache
    cache = Path(tempfile.mkdtemp(prefix="profile-memory-"))
    home = Path(os.environ.get("DRIFTALIGN_CACHE", Path.home() / ".cache" / "driftalign"))
    if (home / "models").exists():
        (cache / "models").symlink_to(home / "models")
    os.environ["DRIFTALIGN_CACHE"] = str(cache)

    import align.aligner as aligner_mod
    import align.api as api
    import align.drift as drift_mod

    phase = ["load"]
    started = time.time()
    out = args.out.open("w", encoding="utf-8")

    def sample() -> None:
        while True:
            out.write(f"{time.time() - started:.0f}\t{phase[0]}\t{rss_mb()}\n")
            out.flush()
            time.sleep(args.every)

    def tag(owner: Any, name: str, label: str) -> None:
        inner: Callable[..., Any] = getattr(owner, name)

        def tagged(*a: Any, **k: Any) -> Any:
            before = phase[0]
            phase[0] = label
            try:
                return inner(*a, **k)
            finally:
                phase[0] = before

        setattr(owner, name, tagged)

    tag(api.Aligner, "_vectors", "embed")
    tag(api, "align", "align")
    tag(aligner_mod.PairVectors, "refine", "refine")
    tag(drift_mod, "score_beads", "drift")
    tag(drift_mod, "_evidence", "drift-evidence")
    threading.Thread(target=sample, daemon=True).start()
    source = api.read_document(folder / f"{stem}.en", "en", presplit=True)
    target = api.read_document(folder / f"{stem}.zh", "zh", presplit=True)
    result = api.Aligner().align_documents(source, target, presplit=True)
    phase[0] = "done"
    time.sleep(args.every + 0.5)
    out.close()
    phases: dict[str, list[int]] = {}
    for row in args.out.read_text(encoding="utf-8").splitlines():
        second, name, mb = row.split("\t")
        got = phases.setdefault(name, [int(second), int(second), 0])
        got[1], got[2] = int(second), max(got[2], int(mb))
    print(f"# {args.set}: {len(source)} + {len(target)} sentences, {len(result.beads)} beads")
    print("phase            from s    to s   highest RSS MB")
    for name, (first, last, top) in sorted(phases.items(), key=lambda kv: kv[1][0]):
        print(f"{name:15s} {first:7d} {last:7d} {top:16d}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"# peak RSS {peak} MB, wall {time.time() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
