"""Benchmark: are foreign names read in the Chinese characters that write them?

This is a benchmark, not a test: it asserts nothing, it measures
:func:`align.checks.pinyin.transcribed_in_hanzi` and the ``entity_missing`` rule built
on it (:func:`align.checks.entities.compare_entities`, a person's name the Chinese side
does not write).

* ``own`` -- of the names in ``tests/fixtures/names_zh.tsv`` (82 heads of state,
  ministers and given names with their Chinese spelling), how many are read in their
  own characters (set in a sentence): a miss is a false ``entity_missing``;
* ``another's`` -- how often a name is read in another name's characters (a swap that
  would pass);
* with ``--data``: over MLQE-PE en-zh train and dev (English source, Chinese MT),
  the rows where the rule flags a name (false flags, or names the MT got wrong), and
  the rows with a title before a name ("President X", "Mr X") with that name swapped
  for one of the fixture's: how many swaps are reported, and why the rest are not
  (the swapped name read by chance, or no person found: the title is not one the rule
  knows, or the name starts no run it reads).

Usage::

    python scripts/benchmark_names_zh.py
    python scripts/benchmark_names_zh.py --data ../shared/data
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import time
from pathlib import Path

from benchlib import text_table

from align.checks import compare_entities
from align.checks.pinyin import transcribed_in_hanzi

FIXTURE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "names_zh.tsv"
SEED = 0
_TITLED = re.compile(
    r"\b(?:President|Prime Minister|Minister|Chancellor|King|Queen|Senator|Governor"
    r"|General|Mr\.?|Mrs\.?|Dr\.?|Professor) ([A-Z][a-z]+(?: [A-Z][a-z]+)*)\b"
)


def read_names(path: Path) -> list[tuple[str, str]]:
    rows = [line.rstrip("\n").split("\t") for line in path.read_text(encoding="utf-8").splitlines()]
    return [(r[0], r[1]) for r in rows if r and not r[0].startswith("#") and len(r) == 2]


def mlqe_rows(data: Path) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for split in ("train", "dev"):
        path = data / "drift" / "mlqe-pe_other" / "en-zh" / f"{split}.enzh.df.short.tsv"
        with path.open(encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                rows.append((r["original"], r["translation"]))
    return rows


def missing(en: str, zh: str) -> list[str]:
    reasons = compare_entities(en, "en", zh, "zh")
    return [en[slice(*r["src"])] for r in reasons if r["type"] == "entity_missing" and r["src"]]


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", type=Path, help="the shared data folder (MLQE-PE en-zh)")
    args = p.parse_args()
    names = read_names(FIXTURE)
    started = time.perf_counter()
    own = [n for n, zh in names if transcribed_in_hanzi(n, f"会谈中{zh}表示支持。")]
    cross = [
        transcribed_in_hanzi(a, f"会谈中{zh}表示支持。")
        for a, _ in names
        for b, zh in names
        if a != b
    ]
    cells = [
        ("own characters", f"{len(own)}/{len(names)}", f"{100 * len(own) / len(names):.1f}%"),
        (
            "another's characters",
            f"{sum(cross)}/{len(cross)}",
            f"{100 * sum(cross) / len(cross):.1f}%",
        ),
    ]
    print(
        f"# names read ({time.perf_counter() - started:.1f} s); not read in their own: "
        + ", ".join(n for n, _ in names if n not in own)
    )
    if args.data:
        rows = mlqe_rows(args.data)
        flagged = [(en, m) for en, zh in rows if (m := missing(en, zh))]
        cells.append(
            (
                "MLQE-PE en-zh rows flagged",
                f"{len(flagged)}/{len(rows)}",
                f"{100 * len(flagged) / len(rows):.2f}%",
            )
        )
        rng = random.Random(SEED)
        surnames = [n for n, _ in names]
        swapped = caught = by_chance = 0
        for en, zh in rows:
            m = _TITLED.search(en)
            if not m or missing(en, zh):
                continue
            new = rng.choice([n for n in surnames if n != m.group(1)])
            planted = en[: m.start(1)] + new + en[m.end(1) :]
            swapped += 1
            if new in missing(planted, zh):
                caught += 1
            elif transcribed_in_hanzi(new, zh):
                by_chance += 1
        cells.append(
            (
                "titled name swapped: reported",
                f"{caught}/{swapped}",
                f"{100 * caught / max(swapped, 1):.1f}%",
            )
        )
        cells.append(
            (
                "  read by chance in the Chinese",
                f"{by_chance}/{swapped}",
                f"{100 * by_chance / max(swapped, 1):.1f}%",
            )
        )
        cells.append(
            (
                "  no person found (title, run)",
                f"{swapped - caught - by_chance}/{swapped}",
                f"{100 * (swapped - caught - by_chance) / max(swapped, 1):.1f}%",
            )
        )
        for en, m in flagged[:10]:
            print(f"# flagged: {m} | {en[:100]}")
    print()
    print(text_table(("measure", "count", "share"), {"count", "share"}, cells))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
