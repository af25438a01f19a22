"""How often the registered checks flag faithful text, and how often they catch planted changes.

The checks (:mod:`align.checks`) promise precision: a faithful translation must
come out with no reason.  This runs ONLY the checks (no encoder, so it takes
seconds) on the gold beads of every shared aligned set and on human or
post-edited translations, and prints per set and per flag type the share of
beads flagged.  On DEMETR it also prints, per perturbation that a check should
see, the share of perturbed translations flagged with the matching flag next to
the share of the unperturbed ones.

    python scripts/benchmark_checks.py --data ../shared/data [--json after.json]
    python scripts/benchmark_checks.py --data ../shared/data --compare before.json
    python scripts/benchmark_checks.py --data ../shared/data --show 5 --only textberg

"Faithful" sets:

* Text+Berg dev+test (de-fr), ParIce (en-is), Bible 001 (en-zh): professional
  translations; two-sided gold beads, sentences joined with a space as
  :mod:`align.drift` joins them.
* MLQE-PE ru-en: source vs human post-edit (train, dev, test20).
* MLQE-PE other pairs: only NMT output with direct assessments is shared, so
  translations whose mean DA is >= 90 stand in for faithful ones; train and dev
  are reported apart (check fixes are found in train rows: dev is held out).
* DEMETR: source vs the human reference (``eng_sent``).
"""

from __future__ import annotations

import argparse
import ast
import csv
import json
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from benchlib import DEMETR_LANGS, text_table

from align.checks import CHECKS, flag_weights, run_checks

csv.field_size_limit(sys.maxsize)

Pair = tuple[str, str]  # (source text, target text)

# perturbation file -> the flag types that should catch it
DEMETR_TARGETS = {
    "critical_id10_numbers_replaced": {"number_mismatch"},
    "critical_id8_negation": {"negation_mismatch"},
    "critical_id9_ne_replaced": {"entity_mismatch", "entity_missing"},
    "critical_id25_ne_removed": {"entity_missing"},
    "critical_id7_antonym": {"trend_reversed", "stance_reversed", "antonym"},
    # mostly past <-> present, which tense_changed does not read (only future <-> past)
    "major_id17_tense": {"tense_changed"},
}
MLQE_FAITHFUL_DA = 90.0


def _lines(path: Path, indexed: bool = False) -> list[str]:
    out = path.read_text(encoding="utf-8").split("\n")
    if out and out[-1] == "":
        out.pop()
    if indexed:
        out = [line.split("\t", 1)[1] if "\t" in line else line for line in out]
    return out


def _gold(path: Path) -> Iterator[tuple[list[int], list[int]]]:
    """``[i, j]:[k]`` or ``[i, j]:[k]:cost`` lines -> (source indices, target indices)."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        a, b = line.split(":")[:2]
        yield ast.literal_eval(a), ast.literal_eval(b)


def _beads(src: list[str], tgt: list[str], gold: Path) -> list[Pair]:
    """The two-sided gold beads, each side's sentences joined as align.drift joins them."""
    return [
        (" ".join(src[i] for i in s), " ".join(tgt[j] for j in t))
        for s, t in _gold(gold)
        if s and t
    ]


def faithful_sets(data: Path) -> Iterator[tuple[str, str, str, list[Pair]]]:
    """(name, source language, target language, pairs) for every faithful set found."""
    tb = data / "align" / "textberg_defr"
    if tb.is_dir():
        pairs: list[Pair] = []
        for gold in sorted(tb.glob("*/*.defr")):
            pairs += _beads(_lines(gold.with_suffix(".de")), _lines(gold.with_suffix(".fr")), gold)
        yield "textberg de-fr", "de", "fr", pairs
    pi = data / "align" / "parice_enis"
    if pi.is_dir():
        pairs = []
        for gold in sorted((pi / "gold").glob("*.txt")):
            en, is_ = pi / "en" / gold.name, pi / "is" / gold.name
            pairs += _beads(_lines(en, indexed=True), _lines(is_, indexed=True), gold)
        yield "parice en-is", "en", "is", pairs
    bible = data / "align" / "bible_enzh"
    if (bible / "001.gold").is_file():
        pairs = _beads(_lines(bible / "001.en"), _lines(bible / "001.zh"), bible / "001.gold")
        yield "bible001 en-zh", "en", "zh", pairs
    ru = data / "drift" / "mlqe-pe_ru-en"
    if ru.is_dir():
        pairs = []
        for split in ("train", "dev", "test20"):
            d = ru / f"pe_{split}"
            if d.is_dir():
                pairs += list(
                    zip(_lines(d / f"{split}.src"), _lines(d / f"{split}.pe"), strict=True)
                )
        yield "mlqe-pe ru-en (post-edits)", "ru", "en", pairs
    # each split apart: check fixes are found in train rows, so dev is the held-out figure
    other = data / "drift" / "mlqe-pe_other"
    for d in sorted(p for p in other.glob("*-*") if p.is_dir()):
        sl, tl = d.name.split("-")
        for tsv in sorted(d.glob("*.df.short.tsv")):
            pairs = []
            with tsv.open(encoding="utf-8", newline="") as f:
                for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
                    if float(row["mean"]) >= MLQE_FAITHFUL_DA:
                        pairs.append((row["original"], row["translation"]))
            split = tsv.name.split(".")[0]
            yield f"mlqe {d.name} {split} (DA>={MLQE_FAITHFUL_DA:.0f})", sl, tl, pairs
    demetr = data / "drift" / "demetr" / "dataset" / "base_id35_reference.json"
    if demetr.is_file():
        by_lang: dict[str, list[Pair]] = {}
        for item in json.loads(demetr.read_text(encoding="utf-8")):
            lang = DEMETR_LANGS[item["lang_tag"]]
            by_lang.setdefault(lang, []).append((item["src_sent"], item["eng_sent"]))
        for lang, pairs in sorted(by_lang.items()):
            yield f"demetr {lang}-en (reference)", lang, "en", pairs


def flag_counts(
    pairs: list[Pair], sl: str, tl: str, show: int = 0, name: str = ""
) -> tuple[Counter[str], int]:
    """Beads flagged per flag type (a bead counts once per type) and beads flagged at all."""
    per_type: Counter[str] = Counter()
    shown: Counter[str] = Counter()
    anything = 0
    for src, tgt in pairs:
        reasons = run_checks(src, sl, tgt, tl)
        types = {r["type"] for r in reasons}
        per_type.update(types)
        anything += bool(types)
        for r in reasons:
            if shown[r["type"]] < show:
                shown[r["type"]] += 1
                print(f"--- {name} {r['type']}: {r['detail']}\n  S: {src}\n  T: {tgt}")
    return per_type, anything


def demetr_catch(data: Path) -> list[dict[str, object]]:
    """Per targeted perturbation: share of perturbed / clean MT flagged with a target flag."""
    rows = []
    root = data / "drift" / "demetr" / "dataset"
    for stem, targets in DEMETR_TARGETS.items():
        path = root / f"{stem}.json"
        if not path.is_file():
            continue
        items = [i for i in json.loads(path.read_text(encoding="utf-8")) if i["pert_check"]]

        def hit(item: dict, key: str, targets: set[str] = targets) -> bool:
            lang = DEMETR_LANGS[item["lang_tag"]]
            reasons = run_checks(item["src_sent"], lang, item[key], "en")
            return any(r["type"] in targets for r in reasons)

        pert = sum(hit(i, "pert_sent") for i in items)
        clean = sum(hit(i, "mt_sent") for i in items)
        rows.append(
            {
                "set": stem,
                "n": len(items),
                "perturbed": pert / len(items),
                "clean": clean / len(items),
            }
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, required=True, help="the shared data folder")
    ap.add_argument("--json", type=Path, help="write the figures here")
    ap.add_argument("--compare", type=Path, help="an earlier --json: print it as 'before'")
    ap.add_argument("--show", type=int, default=0, help="print N flagged beads per flag type")
    ap.add_argument("--only", default="", help="only the sets whose name contains this")
    args = ap.parse_args(argv)
    before = json.loads(args.compare.read_text()) if args.compare else None
    flags = list(flag_weights())
    print(f"checks: {', '.join(CHECKS)}")
    result: dict[str, object] = {"faithful": {}, "demetr": []}
    heads = ["set", "beads", "any", *flags, "s"]
    cells = []
    for name, sl, tl, pairs in faithful_sets(args.data):
        if args.only not in name or not pairs:
            continue
        t0 = time.perf_counter()
        per_type, anything = flag_counts(pairs, sl, tl, args.show, name)
        secs = time.perf_counter() - t0
        n = len(pairs)
        shares = {"any": anything / n, **{f: per_type[f] / n for f in flags}}
        result["faithful"][name] = {"beads": n, **shares}  # type: ignore[index]
        old = (before or {}).get("faithful", {}).get(name)

        def cell(key: str, shares: dict = shares, old: dict | None = old) -> str:
            now = f"{100 * shares[key]:.1f}"
            if old is None or key not in old:
                return now
            return f"{100 * old[key]:.1f}>{now}"

        cells.append([name, str(n), cell("any"), *(cell(f) for f in flags), f"{secs:.1f}"])
    print("\n% of faithful beads flagged by the checks" + (" (before>after)" if before else ""))
    print(text_table(heads, set(heads) - {"set"}, cells))
    if not args.only:
        rows = demetr_catch(args.data)
        result["demetr"] = rows
        old_rows = {r["set"]: r for r in (before or {}).get("demetr", [])}
        print("\nDEMETR: % flagged with the targeted flag, perturbed vs clean MT")
        dcells = []
        for r in rows:
            o = old_rows.get(r["set"])
            p, c = f"{100 * r['perturbed']:.1f}", f"{100 * r['clean']:.1f}"
            if o:
                p, c = f"{100 * o['perturbed']:.1f}>{p}", f"{100 * o['clean']:.1f}>{c}"
            dcells.append([str(r["set"]), str(r["n"]), p, c])
        dh = ["perturbation", "n", "perturbed", "clean"]
        print(text_table(dh, {"n", "perturbed", "clean"}, dcells))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
