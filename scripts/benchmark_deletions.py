"""Benchmark: are deleted and inserted sentences reported where they happened?

This is a benchmark, not a test: it asserts nothing, it measures.

From gold-aligned documents (Text+Berg de->fr test, ParIce en->is; with ``--sets
bible``, Bible 001 en->zh cut into documents of 200 verse-level gold beads) the script
deletes translated sentences at random (each from a gold 1-1 bead, so its
source sentence becomes untranslated) and inserts target sentences taken from
elsewhere in the same document (at least ``FAR`` sentences away), with a fixed
seed and never two edits within two gold beads of each other. The edited pair
is aligned and scored with :class:`align.Aligner` (presplit, one sentence per
item), as ``align --omissions NAME`` runs, and every bead is checked:

* a deletion is *reported in place* when its source sentence is a 1-0 bead, or
  its bead has an ``omission`` reason naming that sentence (the member check of
  a merged bead, or a 1-1 bead of two unrelated sentences: :mod:`align.members`);
  an insertion likewise (0-1 bead or ``addition``);
* every other bead with an ``omission``/``addition`` (an empty side or a member
  reason) counts as *flagged elsewhere*, except where it names a sentence the
  gold already leaves unaligned (a real omission/addition of the original
  translation: counted apart, as ``gold``).

Rows: ``off`` (the aligner alone, the balanced preset's skip, no member check: what the
summary counted before), then each ``--omissions`` preset (its skip, member
thresholds and ``unpaired`` margin). Targets: >= 90% reported in place, <= 2% of
other beads flagged.

``--tune`` instead chooses the member thresholds. Text+Berg dev is edited the
same way with five seeds and aligned with each preset's skip; a grid of (gain,
mutual share, coverage) thresholds is scored, and the best points for at most
1%, 2%, 3% and 4.5% of the other beads flagged are printed, then the presets.
It then scores the presets on beads built directly from the gold (no aligner)
of Text+Berg dev, Text+Berg test and ParIce: positives are two adjacent gold
1-1 beads merged with one translation dropped (``[i, i+1] -> [j]``: an omission
inside a 2-1 bead; the same on the target side for additions, and a far target
sentence joined to a 1-1 bead); negatives are every gold bead with two or more
sentences on a side and adjacent 1-1 beads merged whole
(``[i, i+1] -> [j, j+1]``): recall, and how often a faithful merged bead is
flagged.

Usage::

    python scripts/benchmark_deletions.py --data /work/shared/data
    python scripts/benchmark_deletions.py --data /work/shared/data --tune
    python scripts/benchmark_deletions.py --data ../shared/data --sets tbdev --seeds 11,12,13,14,15
    python scripts/benchmark_deletions.py --data /work/shared/data --sets parice --limit 3
    python scripts/benchmark_deletions.py --data ../shared/data --sets bible

Exit status: 0, or 2 when ``--data`` lacks the align gold folders.
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from benchlib import machine, text_table

from align import Aligner, Document, __version__
from align.api import Bead, sentences_document
from align.evaluate import read_beads
from align.members import PRESETS, Member, MemberConfig, member_reasons, merged_members
from align.types import Reason

SEED = 11
FAR = 10  # an inserted sentence comes from at least this many sentences away
DATA_EXIT = 2


class DataError(Exception):
    """--data is not the shared data folder."""


@dataclass
class Doc:
    name: str
    src: list[str]
    tgt: list[str]
    gold: list[tuple[tuple[int, ...], tuple[int, ...]]]
    src_lang: str
    tgt_lang: str


def _lines(path: Path, tabbed: bool) -> list[str]:
    if not path.is_file():
        raise DataError(f"{path}: missing (expected the shared align gold data)")
    rows = path.read_text(encoding="utf-8").splitlines()
    return [r.split("\t", 1)[1] if tabbed and "\t" in r else r for r in rows if r.strip()]


# --sets bible: Bible 001 en->zh cut into documents of this many gold beads (the first
# BIBLE_DOCS of them): English into a language of another script, read through a head
BIBLE_BEADS = 200
BIBLE_DOCS = 4


def _bible(root: Path) -> list[Doc]:
    """The first BIBLE_DOCS x BIBLE_BEADS gold beads of Bible 001 (en -> zh, verse-level),
    as documents of BIBLE_BEADS beads each, their sentences numbered from 0."""
    src = _lines(root / "001.en", False)
    tgt = _lines(root / "001.zh", False)
    if not (root / "001.gold").is_file():
        raise DataError(f"{root / '001.gold'}: missing (expected the shared align gold data)")
    gold = read_beads(root / "001.gold")
    docs = []
    for k in range(BIBLE_DOCS):
        part = gold[k * BIBLE_BEADS : (k + 1) * BIBLE_BEADS]
        s_ids = sorted({i for s, _ in part for i in s})
        t_ids = sorted({j for _, t in part for j in t})
        s_at = {i: n for n, i in enumerate(s_ids)}
        t_at = {j: n for n, j in enumerate(t_ids)}
        docs.append(
            Doc(
                f"bible/001-{k}",
                [src[i] for i in s_ids],
                [tgt[j] for j in t_ids],
                [(tuple(s_at[i] for i in s), tuple(t_at[j] for j in t)) for s, t in part],
                "en",
                "zh",
            )
        )
    return docs


def load(data: Path, name: str) -> list[Doc]:
    """``tbdev``, ``tbtest``, ``parice`` or ``bible`` under ``data/align``."""
    root = data / "align"
    if name == "bible":
        return _bible(root / "bible_enzh")
    if name in ("tbdev", "tbtest"):
        folder = root / "textberg_defr" / ("dev" if name == "tbdev" else "test")
        stems = ["dev"] if name == "tbdev" else [f"test{i}" for i in range(7)]
        return [
            Doc(
                f"{name}/{s}",
                _lines(folder / f"{s}.de", False),
                _lines(folder / f"{s}.fr", False),
                read_beads(folder / f"{s}.defr"),
                "de",
                "fr",
            )
            for s in stems
        ]
    folder = root / "parice_enis"
    names = sorted(p.name for p in (folder / "en").glob("*.txt"))
    if not names:
        raise DataError(f"{folder / 'en'}: no documents")
    return [
        Doc(
            f"parice/{n}",
            _lines(folder / "en" / n, True),
            _lines(folder / "is" / n, True),
            read_beads(folder / "gold" / n),
            "en",
            "is",
        )
        for n in names
    ]


# ----------------------------------------------------------------------------- edits


@dataclass
class Edited:
    """A document with deletions and insertions, and where they are."""

    doc: Doc
    tgt: list[str]
    deleted: set[int]  # source sentences whose translation was deleted
    inserted: set[int]  # indices (in ``tgt``) of inserted sentences
    gold_src: set[int] = field(default_factory=set)  # unaligned in the gold already
    gold_tgt: set[int] = field(default_factory=set)  # (indices in ``tgt``)


def edit(doc: Doc, rng: random.Random, p_delete: float, p_insert: float) -> Edited:
    """Delete the target of some gold 1-1 beads and insert far sentences between beads.

    No two edits touch the same or adjacent gold beads, so each is judged alone.
    """
    busy: set[int] = set()
    delete: set[int] = set()
    insert: dict[int, int] = {}  # gold bead k -> the target sentence inserted before it
    for k, (s, t) in enumerate(doc.gold):
        if k in busy:
            continue
        if len(s) == 1 and len(t) == 1 and rng.random() < p_delete:
            delete.add(k)
            busy.update(range(k - 1, k + 2))
        elif k > 0 and t and rng.random() < p_insert:
            far = [j for j in range(len(doc.tgt)) if abs(j - t[0]) >= FAR]
            if far:
                insert[k] = rng.choice(far)
                busy.update(range(k - 1, k + 2))
    out: list[str] = []
    deleted: set[int] = set()
    inserted: set[int] = set()
    gold_src: set[int] = set()
    gold_tgt: set[int] = set()
    for k, (s, t) in enumerate(doc.gold):
        if k in insert:
            inserted.add(len(out))
            out.append(doc.tgt[insert[k]])
        if k in delete:
            deleted.add(s[0])
            continue
        if not t:
            gold_src.update(s)
        if not s:
            gold_tgt.update(range(len(out), len(out) + len(t)))
        out += [doc.tgt[j] for j in t]
    return Edited(doc, out, deleted, inserted, gold_src, gold_tgt)


# ----------------------------------------------------------------------------- judging


@dataclass
class Count:
    deletions: int = 0
    insertions: int = 0
    deletions_found: int = 0
    insertions_found: int = 0
    other_beads: int = 0
    other_flagged: int = 0
    gold_flagged: int = 0
    beads: int = 0

    def add(self, other: Count) -> None:
        for f in dataclasses.fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))


def judge(ed: Edited, beads: Sequence[Bead], reasons: Sequence[list[Reason]]) -> Count:
    """Deletions and insertions reported in place, and other beads flagged."""
    c = Count(len(ed.deleted), len(ed.inserted), beads=len(beads))
    found_src: set[int] = set()
    found_tgt: set[int] = set()
    for bead, rs in zip(beads, reasons, strict=True):
        named_src = {int(str(r["sentence"])) for r in rs if r["type"] == "omission"}
        named_tgt = {int(str(r["sentence"])) for r in rs if r["type"] == "addition"}
        if not bead.tgt:
            named_src |= set(bead.src)
        if not bead.src:
            named_tgt |= set(bead.tgt)
        found_src |= named_src & ed.deleted
        found_tgt |= named_tgt & ed.inserted
        edited = bool(set(bead.src) & ed.deleted or set(bead.tgt) & ed.inserted)
        if edited:
            continue
        c.other_beads += 1
        if named_src or named_tgt:
            if named_src <= ed.gold_src and named_tgt <= ed.gold_tgt:
                c.gold_flagged += 1
            else:
                c.other_flagged += 1
    c.deletions_found, c.insertions_found = len(found_src), len(found_tgt)
    return c


# ----------------------------------------------------------------------------- features


def features(
    aligner: Aligner, source: Document, target: Document, beads: Sequence[Bead]
) -> list[Member]:
    """Member gain, coverage and mutual share for the beads with two or more sentences on a
    side, as a run computes them (each merged bead's joined text encoded as one)."""
    return merged_members(source, target, beads, aligner.scorer.embed, aligner.scorer.cover)


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:.1f}%" if b else "-"


# ----------------------------------------------------------------------------- main run


def table(variants: Sequence[tuple[str, float, MemberConfig]], counts: dict[str, Count]) -> str:
    """One row per variant: what it found in place and what else it flagged."""
    heads = (
        "variant",
        "skip",
        "gain>=",
        "mutual<=",
        "unpaired<=",
        "deleted found",
        "inserted found",
        "in place",
        "other flagged",
        "gold null flagged",
        "beads",
    )
    cells = []
    for name, skip, cfg in variants:
        c = counts[name]
        hits = c.deletions_found + c.insertions_found
        cells.append(
            (
                name,
                f"{skip:+.3f}",
                "-" if not cfg.enabled else f"{cfg.gain:+.3f}",
                "-" if not cfg.enabled else f"{cfg.mutual:.2f}",
                "-" if not cfg.enabled or cfg.unpaired is None else f"{cfg.unpaired:.2f}",
                f"{c.deletions_found}/{c.deletions} {_pct(c.deletions_found, c.deletions)}",
                f"{c.insertions_found}/{c.insertions} {_pct(c.insertions_found, c.insertions)}",
                _pct(hits, c.deletions + c.insertions),
                f"{c.other_flagged}/{c.other_beads} {_pct(c.other_flagged, c.other_beads)}",
                str(c.gold_flagged),
                str(c.beads),
            )
        )
    return text_table(heads, {"skip", "beads", "gold null flagged"}, cells)


def run(args: argparse.Namespace, aligner: Aligner) -> int:
    docs = [d for name in args.sets for d in load(args.data, name)[: args.limit]]
    edited: list[Edited] = []
    for seed in args.seeds:  # each seed edits every document once more
        rng = random.Random(seed)
        edited += [edit(d, rng, args.p_delete, args.p_insert) for d in docs]
    print(
        f"# {len(docs)} documents; {sum(len(e.deleted) for e in edited)} deletions, "
        f"{sum(len(e.inserted) for e in edited)} insertions (seeds {args.seeds})",
        flush=True,
    )
    off = MemberConfig(enabled=False)
    variants = [("off", PRESETS["balanced"].skip(args.model), off)] + [
        (name, p.skip(args.model), p.members) for name, p in PRESETS.items()
    ]
    counts: dict[str, Count] = {name: Count() for name, _, _ in variants}
    started = time.perf_counter()
    for n, (name, skip, cfg) in enumerate(variants):
        # the whole run, as `align --omissions NAME` does: aligner, member check, and
        # the 1-1 beads of two unrelated sentences (MemberConfig.unpaired)
        aligner.config = dataclasses.replace(aligner.config, skip=skip)
        aligner.scorer.config = dataclasses.replace(aligner.scorer.config, members=cfg)
        for ed in edited:
            source = sentences_document(ed.doc.src, ed.doc.src_lang, ed.doc.name)
            target = sentences_document(ed.tgt, ed.doc.tgt_lang, ed.doc.name)
            scored = aligner.align_documents(source, target, presplit=True).beads
            beads = [Bead(b.src, b.tgt) for b in scored]
            reasons = [
                [r for r in b.reasons if r["type"] in ("omission", "addition")] for b in scored
            ]
            counts[name].add(judge(ed, beads, reasons))
            took = time.perf_counter() - started
            print(f"#   {ed.doc.name} ({name}): {len(beads)} beads, {took:.0f} s", flush=True)
        print(f"# {name}: aligned and scored in {time.perf_counter() - started:.0f} s", flush=True)
        print()
        print(table(variants[: n + 1], counts), flush=True)
    print("# targets: in place >= 90%, other flagged <= 2% of the beads without an edit")
    return 0


# ----------------------------------------------------------------------------- tuning


@dataclass
class Case:
    bead: Bead
    positive: bool
    sentence: int | None  # the member with no counterpart (positives)
    side: str


def cases(doc: Doc, rng: random.Random) -> list[Case]:
    """Beads built from the gold: merged omissions/additions (positive), true merges."""
    out: list[Case] = []
    gold = [(tuple(s), tuple(t)) for s, t in doc.gold]
    for k, (s, t) in enumerate(gold):
        if s and t and (len(s) > 1 or len(t) > 1):
            out.append(Case(Bead(s, t), False, None, ""))
        if k + 1 >= len(gold):
            continue
        s2, t2 = gold[k + 1]
        if not (len(s) == len(t) == len(s2) == len(t2) == 1):
            continue
        pick = rng.random()
        if pick < 0.25:
            out.append(Case(Bead(s + s2, t), True, s2[0], "src"))
        elif pick < 0.5:
            out.append(Case(Bead(s + s2, t2), True, s[0], "src"))
        elif pick < 0.625:
            out.append(Case(Bead(s, t + t2), True, t2[0], "tgt"))
        elif pick < 0.75:
            out.append(Case(Bead(s2, t + t2), True, t[0], "tgt"))
        elif pick < 0.875:
            far = [j for j in range(len(doc.tgt)) if abs(j - t[0]) >= FAR]
            if far:  # a short document may have none
                out.append(Case(Bead(s, (t[0], rng.choice(far))), True, None, "tgt"))
        else:
            out.append(Case(Bead(s + s2, t + t2), False, None, ""))
    return out


def tune_set(aligner: Aligner, docs: Sequence[Doc]) -> list[tuple[Case, list[Member]]]:
    rng = random.Random(SEED)
    rows: list[tuple[Case, list[Member]]] = []
    for doc in docs:
        source = sentences_document(doc.src, doc.src_lang, doc.name)
        target = sentences_document(doc.tgt, doc.tgt_lang, doc.name)
        cs = cases(doc, rng)
        found = features(aligner, source, target, [c.bead for c in cs])
        per: list[list[Member]] = [[] for _ in cs]
        for m in found:
            per[m.bead].append(m)
        for c, ms in zip(cs, per, strict=True):
            if c.positive and c.sentence is None:  # the far sentence: the second target
                c.sentence = c.bead.tgt[1]
            rows.append((c, ms))
    return rows


def rates(rows: Sequence[tuple[Case, list[Member]]], cfg: MemberConfig) -> tuple[float, float]:
    """Recall on positives (the right member named), false alarms on negatives (any)."""
    hit = pos = fa = neg = 0
    for case, ms in rows:
        reasons = member_reasons([dataclasses.replace(m, bead=0) for m in ms], 1, cfg)[0]
        named = {(r["type"], r.get("sentence")) for r in reasons}
        if case.positive:
            pos += 1
            kind = "omission" if case.side == "src" else "addition"
            hit += (kind, case.sentence) in named
        else:
            neg += 1
            fa += bool(reasons)
    return hit / max(pos, 1), fa / max(neg, 1)


TUNE_SEEDS = range(11, 16)  # Text+Berg dev edited five ways: 444 edits
GRID_GAIN = (-0.02, -0.01, -0.005, 0.0, 0.005, 0.01)
GRID_MUTUAL = (0.2, 0.25, 0.3, 0.35, 0.4)
GRID_COVERAGE = (0.62, 0.7, 1.0)


Aligned = list[tuple[Edited, list[Bead], list[Member]]]


def measure(aligned: Aligned, cfg: MemberConfig) -> tuple[float, float, MemberConfig]:
    """Share of edits reported in place and of other beads flagged under ``cfg``."""
    c = Count()
    for ed, beads, found in aligned:
        c.add(judge(ed, beads, member_reasons(found, len(beads), cfg)))
    hits = (c.deletions_found + c.insertions_found) / max(c.deletions + c.insertions, 1)
    return hits, c.other_flagged / max(c.other_beads, 1), cfg


def tune_aligned(args: argparse.Namespace, aligner: Aligner) -> None:
    """The choice: Text+Berg dev edited (five seeds), aligned with each preset skip.

    Prints, per skip, the grid points with the most edits reported in place
    for at most 1%, 2%, 3% and 4.5% of the other beads flagged.
    """
    docs = load(args.data, "tbdev")
    edited = [
        edit(d, random.Random(seed), args.p_delete, args.p_insert)
        for seed in TUNE_SEEDS
        for d in docs
    ]
    n_edits = sum(len(e.deleted) + len(e.inserted) for e in edited)
    print(f"# Text+Berg dev, seeds {list(TUNE_SEEDS)}: {n_edits} edits", flush=True)
    grid = [
        MemberConfig(gain=g, mutual=m, coverage=c)
        for g in GRID_GAIN
        for m in GRID_MUTUAL
        for c in GRID_COVERAGE
    ] + [MemberConfig(gain=g, mutual=1.0, coverage=c) for g in GRID_GAIN for c in (0.62, 0.65)]
    for skip in sorted({p.skip(args.model) for p in PRESETS.values()}):
        aligner.config = dataclasses.replace(aligner.config, skip=skip)
        aligned: Aligned = []
        for ed in edited:
            source = sentences_document(ed.doc.src, ed.doc.src_lang, ed.doc.name)
            target = sentences_document(ed.tgt, ed.doc.tgt_lang, ed.doc.name)
            beads = aligner.beads(source, target)
            aligned.append((ed, beads, features(aligner, source, target, beads)))
        cells = []
        scored = [measure(aligned, cfg) for cfg in grid]
        for limit in (0.01, 0.02, 0.03, 0.045):
            ok = sorted((x for x in scored if x[1] <= limit), key=lambda x: (-x[0], x[1]))
            for hits, flagged, cfg in ok[:3]:
                cells.append(
                    (
                        f"{skip:+.3f}",
                        f"<= {limit:.1%}",
                        f"{cfg.gain:+.3f}",
                        f"{cfg.mutual:.2f}",
                        f"{cfg.coverage:.2f}",
                        f"{hits:.3f}",
                        f"{flagged:.3f}",
                    )
                )
        for name, preset in PRESETS.items():
            if preset.skip(args.model) == skip:
                hits, flagged, _ = measure(aligned, preset.members)
                cells.append(
                    (
                        f"{skip:+.3f}",
                        name,
                        f"{preset.members.gain:+.3f}",
                        f"{preset.members.mutual:.2f}",
                        f"{preset.members.coverage:.2f}",
                        f"{hits:.3f}",
                        f"{flagged:.3f}",
                    )
                )
        print()
        print(
            text_table(
                ("skip", "other flagged", "gain>=", "mutual<=", "cov<=", "in place", "flagged"),
                {"in place", "flagged"},
                cells,
            ),
            flush=True,
        )


def tune(args: argparse.Namespace, aligner: Aligner) -> int:
    tune_aligned(args, aligner)
    # the presets on merged beads built from the gold (no aligner): how often a
    # faithful merged bead is flagged, per set
    cells = []
    for set_name in ("tbdev", "tbtest", "parice"):
        rows = tune_set(aligner, load(args.data, set_name))
        n_pos = sum(c.positive for c, _ in rows)
        for name, p in PRESETS.items():
            r, f = rates(rows, p.members)
            cells.append(
                (set_name, name, str(n_pos), str(len(rows) - n_pos), f"{r:.3f}", f"{f:.3f}")
            )
    print()
    print("# merged beads built from the gold: recall on positives, false alarms on faithful ones")
    print(
        text_table(
            ("set", "preset", "positives", "faithful", "recall", "false alarms"),
            {"positives", "faithful", "recall", "false alarms"},
            cells,
        )
    )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--data", type=Path, required=True, help="the shared data folder")
    p.add_argument(
        "--sets",
        default="tbtest,parice",
        help="tbtest,parice (default both); tbdev; bible (Bible 001 en->zh, 4 x 200 gold beads)",
    )
    p.add_argument("--limit", type=int, help="at most the first N documents of each set")
    p.add_argument("--p-delete", type=float, default=0.25, help="share of 1-1 beads deleted")
    p.add_argument("--p-insert", type=float, default=0.15, help="share of insertion points")
    p.add_argument(
        "--seeds",
        default=str(SEED),
        help=f"comma-separated seeds, each editing every document once (default {SEED}; "
        "Text+Berg dev as --tune edits it: --sets tbdev --seeds 11,12,13,14,15)",
    )
    p.add_argument("--model", default="e5")
    p.add_argument("--tune", action="store_true", help="choose thresholds on Text+Berg dev")
    args = p.parse_args(argv)
    args.sets = [s.strip() for s in args.sets.split(",") if s.strip()]
    args.seeds = [int(s) for s in args.seeds.split(",") if s.strip()]
    if not (args.data / "align").is_dir():
        print(f"benchmark_deletions: error: {args.data}/align: missing", file=sys.stderr)
        return DATA_EXIT
    host = machine()
    print(
        f"# driftalign {__version__} deletions benchmark; {host['cpu_count']} CPUs, "
        f"torch {host['torch']}; model {args.model}"
    )
    aligner = Aligner(args.model)
    try:
        return tune(args, aligner) if args.tune else run(args, aligner)
    except DataError as exc:
        print(f"benchmark_deletions: error: {exc}", file=sys.stderr)
        return DATA_EXIT
    finally:
        aligner.close()


if __name__ == "__main__":
    sys.exit(main())
