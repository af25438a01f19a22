"""Benchmark: are meanings turned round in real translations reported, and by the right flag?

This is a benchmark, not a test: it asserts nothing, it measures.

Faithful English translations of real sentences (MLQE-PE ru-en post-edits, the
clean MT of DEMETR's ten source languages) and of the Arabic and Chinese statement
sentences the tests hold (``tests/fixtures/faithful_*_en.tsv``) are
changed the way a careless or tendentious retranslation changes them, one word each:

* ``trend``      -- "increased" <-> "decreased", "rose" <-> "fell", "growth" <-> "decline"
  (``trend_reversed``);
* ``stance``     -- "support" <-> "oppose", "welcomed" <-> "condemned", "accept" <->
  "reject" (``stance_reversed``);
* ``quantifier`` -- "all" <-> "some" before a plural (``softened`` / ``hardened``);
* ``condition``  -- a leading "If ..., " clause cut off where the source has a
  condition (``hardened``);
* ``direction``  -- "north" <-> "south", "eastern" <-> "western" (``entity_mismatch``);
* ``tense``      -- "will be" <-> "was", "were" -> "will be": what will happen said to
  have happened (``tense_changed``);
* ``occasion``   -- "the first time" <-> "the second time" (``number_mismatch``);
* ``antonym``    -- "continued" <-> "stopped", "began" <-> "ended", "before" <-> "after",
  "opened" <-> "closed", "legal" <-> "illegal", "possible" <-> "impossible", "many" <->
  "few", "won" <-> "lost", "more" <-> "less" (``antonym``);
* ``role``       -- two places of one kind trading places where one is marked "to" or
  "from" ("supplies gas to Turkey" -> "to Russia", Russia and Turkey both named)
  (``role_reversed``).

Per set and kind: how many sentences the change applies to, the share of changed
translations the targeted flag reports (*caught*), and the share of the same
sentences unchanged that it reports (*clean*, false flags). The checks are run
alone (:func:`align.checks.run_checks`): no encoder, seconds to run. A change the
source side's words do not show (a source language the check does not read, or a
sense it says in words the tables lack) is missed, so *caught* measures the tables'
reach in real text, not only their precision.

Usage::

    python scripts/benchmark_reversals.py --data ../shared/data

Exit status: 0, or 2 when ``--data`` lacks the drift folders.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from benchlib import detokenize, text_table
from benchmark_drift import load_demetr

from align.checks import run_checks
from align.checks.places import _mentions

DATA_EXIT = 2
SEED = 7
Pair = tuple[str, str, str]  # (source, source language, English translation)

# one word swapped for its opposite, both ways
_OPPOSITES = {
    "trend": [
        ("increased", "decreased"), ("increase", "decrease"), ("increases", "decreases"),
        ("increasing", "decreasing"), ("rose", "fell"), ("risen", "fallen"),
        ("rising", "falling"), ("grew", "shrank"), ("growth", "decline"),
        ("higher", "lower"),
    ],
    "stance": [
        ("support", "oppose"), ("supports", "opposes"), ("supported", "opposed"),
        ("supporting", "opposing"), ("welcomed", "condemned"), ("welcomes", "condemns"),
        ("welcome", "condemn"), ("accept", "reject"), ("accepted", "rejected"),
        ("accepts", "rejects"), ("agreed", "disagreed"),
    ],
    "antonym": [
        ("continue", "stop"), ("continued", "stopped"), ("continues", "stops"),
        ("continuing", "stopping"), ("began", "ended"), ("begin", "end"), ("before", "after"),
        ("opened", "closed"), ("legal", "illegal"), ("possible", "impossible"),
        ("stable", "unstable"), ("acceptable", "unacceptable"), ("imposed", "lifted"),
        ("many", "few"), ("largest", "smallest"), ("won", "lost"), ("more", "less"),
    ],
    "direction": [
        ("north", "south"), ("east", "west"), ("northern", "southern"), ("eastern", "western"),
    ],
}  # fmt: skip
FLAGS = {
    "trend": {"trend_reversed"},
    "stance": {"stance_reversed"},
    "quantifier": {"softened", "hardened"},
    "condition": {"hardened"},
    "direction": {"entity_mismatch"},
    "tense": {"tense_changed"},
    "occasion": {"number_mismatch"},
    "antonym": {"antonym"},
    "role": {"role_reversed"},
}
_ALL_SOME = re.compile(r"\b(all|All|some|Some)(\s+(?:[\w-]+\s+)?\w+s)\b")
_IF_CLAUSE = re.compile(r"^(?:If|if)\s[^,;:]{3,80},\s+(\w)")
_OCCASION = re.compile(r"\bthe (first|second) time\b")
_TENSE = re.compile(r"\b(will be|was|were)\b")
_SOURCE_CONDITION = re.compile(r"если|إذا|لو|如果|假如|wenn|falls|si\b|se\b|jeśli|pokud", re.I)


def _swap_word(text: str, pairs: list[tuple[str, str]]) -> str | None:
    """The first word of ``pairs`` found in text swapped for its opposite (case kept)."""
    table = {a: b for a, b in pairs} | {b: a for a, b in pairs}
    for m in re.finditer(r"[A-Za-z]+", text):
        low = m.group().lower()
        if low in table:
            new = table[low]
            new = new.capitalize() if m.group()[0].isupper() else new
            return text[: m.start()] + new + text[m.end() :]
    return None


def _swap_quantifier(text: str) -> str | None:
    m = _ALL_SOME.search(text)
    if not m:
        return None
    word = m.group(1)
    new = {"all": "some", "All": "Some", "some": "all", "Some": "All"}[word]
    return text[: m.start(1)] + new + text[m.end(1) :]


def _cut_condition(text: str, source: str) -> str | None:
    """ "If the talks fail, we will leave." -> "We will leave.", where the source has a
    conditional word of its own."""
    m = _IF_CLAUSE.match(text)
    if not m or not _SOURCE_CONDITION.search(source):
        return None
    return m.group(1).upper() + text[m.end() :]


def _swap_tense(text: str) -> str | None:
    """The first "will be" said as "was", or "was" / "were" as "will be"."""
    m = _TENSE.search(text)
    if not m:
        return None
    new = "was" if m.group(1) == "will be" else "will be"
    return text[: m.start(1)] + new + text[m.end(1) :]


def _swap_occasion(text: str) -> str | None:
    """ "the first time" said as "the second time", or the reverse."""
    m = _OCCASION.search(text)
    if not m:
        return None
    new = "second" if m.group(1) == "first" else "first"
    return text[: m.start(1)] + new + text[m.end(1) :]


def _swap_places(text: str) -> str | None:
    """Two places of one kind, one after "to"/"from", traded ("Russia supplies gas to
    Turkey" -> "Turkey supplies gas to Russia")."""
    found = [m for m in _mentions(text, "en") if m.kind == "place" and m.concepts]
    if len(found) != 2 or found[0].concepts & found[1].concepts:
        return None
    if len({kind for m in found for kind, _ in m.concepts}) != 1:
        return None
    if not any(re.search(r"\b(?:to|from|into)\s+(?:the\s+)?$", text[: m.start]) for m in found):
        return None
    a, b = found
    return text[: a.start] + b.surface + text[a.end : b.start] + a.surface + text[b.end :]


CHANGES: dict[str, Callable[[str, str], str | None]] = {
    "trend": lambda t, s: _swap_word(t, _OPPOSITES["trend"]),
    "stance": lambda t, s: _swap_word(t, _OPPOSITES["stance"]),
    "quantifier": lambda t, s: _swap_quantifier(t),
    "condition": _cut_condition,
    "direction": lambda t, s: _swap_word(t, _OPPOSITES["direction"]),
    "tense": lambda t, s: _swap_tense(t),
    "occasion": lambda t, s: _swap_occasion(t),
    "antonym": lambda t, s: _swap_word(t, _OPPOSITES["antonym"]),
    "role": lambda t, s: _swap_places(t),
}


# ----------------------------------------------------------------------------- sets


def _lines(path: Path) -> list[str]:
    if not path.is_file():
        raise FileNotFoundError(f"{path}: missing (expected the shared drift data)")
    return path.read_text(encoding="utf-8").splitlines()


def mlqe_post_edits(data: Path) -> Iterator[Pair]:
    folder = data / "drift" / "mlqe-pe_ru-en" / "pe_train"
    for s, t in zip(_lines(folder / "train.src"), _lines(folder / "train.pe"), strict=True):
        yield detokenize(s), "ru", detokenize(t)


def demetr_clean_mt(data: Path) -> Iterator[Pair]:
    files = load_demetr(data / "drift")
    seen: set[int] = set()
    for items in files.values():
        for x in items:
            if x.id not in seen:
                seen.add(x.id)
                yield x.src, x.lang, x.mt


def statement_fixtures(data: Path) -> Iterator[Pair]:
    """Faithful Arabic and Chinese statement sentences written for this project's tests."""
    fixtures = Path(__file__).resolve().parents[1] / "tests" / "fixtures"
    for name, lang in (("faithful_ar_en.tsv", "ar"), ("faithful_zh_en.tsv", "zh")):
        for row in _lines(fixtures / name):
            cells = row.split("\t")
            if len(cells) >= 2 and not row.startswith("#"):
                yield cells[0], lang, cells[1]


SETS: dict[str, Callable[[Path], Iterator[Pair]]] = {
    "mlqe-pe ru-en post-edits": mlqe_post_edits,
    "demetr clean MT (10 langs)": demetr_clean_mt,
    "ar/zh statements (tests/fixtures)": statement_fixtures,
}


def _flagged(src: str, lang: str, tgt: str, flags: set[str]) -> bool:
    return any(r["type"] in flags for r in run_checks(src, lang, tgt, "en"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, required=True, help="the shared data folder")
    ap.add_argument("--limit", type=int, default=400, help="changed sentences per set and kind")
    ap.add_argument("--show", type=int, default=0, help="print N missed changes per row")
    args = ap.parse_args(argv)
    if not (args.data / "drift").is_dir():
        print(f"benchmark_reversals: error: {args.data}/drift: missing", file=sys.stderr)
        return DATA_EXIT
    rng = random.Random(SEED)
    rows = []
    started = time.perf_counter()
    for name, read in SETS.items():
        try:
            pairs = list(read(args.data))
        except FileNotFoundError as exc:
            print(f"benchmark_reversals: error: {exc}", file=sys.stderr)
            return DATA_EXIT
        rng.shuffle(pairs)
        for kind, change in CHANGES.items():
            changed = [(s, lang, t, c) for s, lang, t in pairs if (c := change(t, s))]
            changed = changed[: args.limit]
            caught = clean = 0
            missed = []
            for s, lang, t, c in changed:
                hit = _flagged(s, lang, c, FLAGS[kind])
                caught += hit
                clean += _flagged(s, lang, t, FLAGS[kind])
                if not hit and len(missed) < args.show:
                    missed.append((s, c))
            n = len(changed)
            rows.append(
                (
                    name,
                    kind,
                    str(n),
                    f"{100 * caught / n:.1f}%" if n else "-",
                    f"{100 * clean / n:.1f}%" if n else "-",
                )
            )
            for s, c in missed:
                print(f"--- missed {kind} ({name}):\n  S: {s}\n  T: {c}")
    print(text_table(("set", "kind", "changed", "caught", "clean flagged"), {"changed"}, rows))
    print(f"# {time.perf_counter() - started:.0f} s; seed {SEED}; at most {args.limit} per row")
    return 0


if __name__ == "__main__":
    sys.exit(main())
