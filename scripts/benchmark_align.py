"""Benchmark the aligner on the shared gold sets: accuracy, speed and memory per encoder.

This is a benchmark, not a test: it asserts nothing, it measures. For every
encoder x data set it aligns each document and prints one row.

Usage::

    python scripts/benchmark_align.py --data ../shared/data/align
    python scripts/benchmark_align.py --data ../shared/data/align --sets tbdev \\
        --models use-m3 --repeat 1
    python scripts/benchmark_align.py --data ../shared/data/align --no-cache \\
        --set skip=-0.05 --set window=8 --json bench.json

Options: ``--sets`` (comma-separated, default ``tbdev,tbtest,parice``),
``--models`` (comma-separated, default ``e5,use-m3,e5+use-m3``), ``--repeat N``
(default 3), ``--limit N`` (the first N documents of each set), ``--no-cache``
(embed afresh in every repeat), ``--json OUT`` (write every row plus the header as
JSON), ``--set key=value`` (override an AlignConfig field, parsed with that field's
type; may be repeated).

Data sets (read in place under ``--data``, never copied):

* ``tbdev``  -- ``textberg_defr/dev/dev.{de,fr,defr}``, de -> fr, 1 document.
* ``tbtest`` -- ``textberg_defr/test/test{0..6}.{de,fr,defr}``, de -> fr,
  7 documents scored pooled (the standard Text+Berg test figure).
* ``parice`` -- ``parice_enis/{en,is,gold}/*.txt``, en -> is, 10 documents
  pooled; the ``index<TAB>`` column is dropped by ``segment(presplit=True)``.

What each figure means:

* ``docs``, ``sents`` -- documents in the set, and source + target sentences.
* ``strict P/R/F1`` -- precision / recall / F1 of exactly matching beads
  (Vecalign's definition, see :mod:`align.evaluate`), counts pooled over docs.
* ``lax P/R/F1`` -- the same, where a bead also counts if it shares at least
  one (source, target) sentence link with a bead on the other side.
* ``wall s`` -- median over ``--repeat`` runs of the wall-clock seconds to
  read, segment and align every document of the set (embedding included).
  Model loading (and a one-sentence warm-up) is excluded and printed once
  per model. Without ``--no-cache`` embeddings come from the on-disk cache:
  the first run fills it (unless an earlier process already did), so later
  runs time the aligner alone -- the footer says so and the JSON has every
  run's time and the first run's cache misses.
* ``sent/s`` -- ``sents / wall s``.
* ``peak RSS MB`` -- ``resource.getrusage(RUSAGE_SELF).ru_maxrss`` after the
  set: the peak of the whole process so far (models loaded earlier and sets
  run earlier included), not of this set alone; it never goes down.

Exit status: 0 on success, 2 if ``--data`` is missing or does not look like
the shared align folder (the message names the path), or the library's own
exit code for an input or model error.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import resource
import statistics
import sys
import time
import typing
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import torch
from benchlib import machine, text_table

from align import AlignConfig, Aligner, AlignError, __version__
from align.api import read_document
from align.evaluate import Bead as GoldBead
from align.evaluate import read_beads, score

ALL_SETS: tuple[str, ...] = ("tbdev", "tbtest", "parice")
ALL_MODELS: tuple[str, ...] = ("e5", "use-m3", "e5+use-m3", "e5-fast")
# e5-fast is fitted on the shared corpora (scripts/build_fast_encoder.py): asked for by name
DEFAULT_MODELS: tuple[str, ...] = ("e5", "use-m3", "e5+use-m3")
TEXTBERG_DIR = "textberg_defr"
PARICE_DIR = "parice_enis"
TBTEST_DOCS = 7
DATA_EXIT = 2


class DataError(Exception):
    """The --data folder is missing or is not the shared align folder."""


@dataclass(frozen=True)
class DocPair:
    src: Path
    tgt: Path
    gold: Path
    src_lang: str
    tgt_lang: str


@dataclass
class Row:
    model: str
    set: str
    docs: int
    sents: int
    strict: dict[str, float]
    lax: dict[str, float]
    wall_s: float
    sent_per_s: float
    peak_rss_mb: float
    runs_s: list[float] = field(default_factory=list)
    cache_misses_first_run: int | None = None
    counts: dict[str, int] = field(default_factory=dict)


# ----------------------------------------------------------------------------- data


def _need(path: Path) -> Path:
    if not path.is_file():
        raise DataError(f"{path}: missing (expected the shared align gold data)")
    return path


def check_data_root(data: Path) -> None:
    """Fail unless ``data`` looks like the shared align folder."""
    if not data.exists():
        raise DataError(f"{data}: no such directory (give --data the shared align folder)")
    if not data.is_dir():
        raise DataError(f"{data}: not a directory (give --data the shared align folder)")
    if not (data / TEXTBERG_DIR).is_dir() and not (data / PARICE_DIR).is_dir():
        raise DataError(
            f"{data}: does not look like the shared align folder "
            f"(no {TEXTBERG_DIR}/ or {PARICE_DIR}/ inside)"
        )


def textberg_pair(folder: Path, stem: str) -> DocPair:
    return DocPair(
        src=_need(folder / f"{stem}.de"),
        tgt=_need(folder / f"{stem}.fr"),
        gold=_need(folder / f"{stem}.defr"),
        src_lang="de",
        tgt_lang="fr",
    )


def parice_pairs(root: Path) -> list[DocPair]:
    en_dir = root / "en"
    if not en_dir.is_dir():
        raise DataError(f"{en_dir}: missing (expected the shared align gold data)")
    names = sorted(p.name for p in en_dir.glob("*.txt"))
    if not names:
        raise DataError(f"{en_dir}: no *.txt documents")
    return [
        DocPair(
            src=_need(en_dir / name),
            tgt=_need(root / "is" / name),
            gold=_need(root / "gold" / name),
            src_lang="en",
            tgt_lang="is",
        )
        for name in names
    ]


def data_set(data: Path, name: str) -> list[DocPair]:
    """The document pairs of one named set, every file checked to exist."""
    if name == "tbdev":
        return [textberg_pair(data / TEXTBERG_DIR / "dev", "dev")]
    if name == "tbtest":
        folder = data / TEXTBERG_DIR / "test"
        return [textberg_pair(folder, f"test{i}") for i in range(TBTEST_DOCS)]
    if name == "parice":
        return parice_pairs(data / PARICE_DIR)
    raise ValueError(name)  # argparse already restricted the names


# ----------------------------------------------------------------------------- options


def _csv(allowed: Sequence[str]) -> typing.Callable[[str], list[str]]:
    def parse(value: str) -> list[str]:
        items = [v.strip() for v in value.split(",") if v.strip()]
        bad = [v for v in items if v not in allowed]
        if bad or not items:
            raise argparse.ArgumentTypeError(
                f"{value!r}: choose from {', '.join(allowed)} (comma-separated)"
            )
        return list(dict.fromkeys(items))

    return parse


def _parse_bool(text: str) -> bool:
    low = text.strip().lower()
    if low in ("1", "true", "yes", "on"):
        return True
    if low in ("0", "false", "no", "off"):
        return False
    raise ValueError(f"not a boolean: {text!r}")


def align_config(overrides: Sequence[str]) -> AlignConfig:
    """AlignConfig with ``key=value`` overrides, each parsed with its field's type."""
    types = typing.get_type_hints(AlignConfig)
    names = [f.name for f in dataclasses.fields(AlignConfig)]
    values: dict[str, object] = {}
    for item in overrides:
        key, sep, raw = item.partition("=")
        key = key.strip()
        if not sep or key not in types:
            raise ValueError(
                f"--set {item!r}: expected key=value with key one of {', '.join(names)}"
            )
        kind = types[key]
        optional = [a for a in typing.get_args(kind) if a is not type(None)]
        kind = optional[0] if optional else kind  # ``float | None``: a float
        try:
            values[key] = _parse_bool(raw) if kind is bool else kind(raw.strip())
        except (TypeError, ValueError) as exc:
            raise ValueError(f"--set {item!r}: {key} takes {kind.__name__}: {exc}") from None
    return AlignConfig(**values)  # type: ignore[arg-type]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        description="Benchmark driftalign's aligner on the shared gold sets "
        "(strict/lax P/R/F1, wall time, sentences/s, peak RSS).",
    )
    p.add_argument("--data", type=Path, required=True, help="the shared align folder")
    p.add_argument(
        "--sets",
        type=_csv(ALL_SETS),
        default=list(ALL_SETS),
        help=f"comma-separated, from {','.join(ALL_SETS)} (default: all)",
    )
    p.add_argument(
        "--models",
        type=_csv(ALL_MODELS),
        default=list(DEFAULT_MODELS),
        help=f"comma-separated, from {','.join(ALL_MODELS)} (default: {','.join(DEFAULT_MODELS)})",
    )
    p.add_argument("--repeat", type=int, default=3, help="runs per set; wall = median (3)")
    p.add_argument(
        "--limit",
        type=int,
        metavar="N",
        help="at most the first N documents of each set (a quick check; default: all)",
    )
    p.add_argument(
        "--no-cache",
        action="store_true",
        help="no embedding cache: every run re-embeds (the real end-to-end cost)",
    )
    p.add_argument("--json", type=Path, metavar="OUT.json", help="also write all rows as JSON")
    p.add_argument(
        "--set",
        dest="overrides",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="override an AlignConfig field, e.g. --set skip=-0.05 --set window=8",
    )
    args = p.parse_args(argv)
    if args.repeat < 1:
        p.error("--repeat must be at least 1")
    if args.limit is not None and args.limit < 1:
        p.error("--limit must be at least 1")
    try:
        args.config = align_config(args.overrides)
    except ValueError as exc:
        p.error(str(exc))
    return args


# ----------------------------------------------------------------------------- running


def _members(enc: object) -> list[typing.Any]:
    """The models of an ensemble, or the encoder itself (duck-typed: public API only)."""
    return list(getattr(enc, "members", None) or [enc])


def warm_up(enc: object) -> None:
    """One tiny encode through the real models (not the cache), so lazy set-up
    (thread pools, first kernels) is counted in load time, not in the first set."""
    for member in _members(enc):
        getattr(member, "inner", member).encode(["Warm-up sentence."])


def cache_misses(enc: object) -> int | None:
    """Texts embedded so far because the on-disk cache lacked them (None: no cache)."""
    cached = [m for m in _members(enc) if hasattr(m, "misses")]
    return sum(int(m.misses) for m in cached) if cached else None


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024  # bytes vs KiB


def align_set(pairs: Sequence[DocPair], aligner: Aligner) -> tuple[list[list[GoldBead]], int]:
    """Read, segment and align every pair; hypothesis beads per doc, and sentence count."""
    hyp: list[list[GoldBead]] = []
    sents = 0
    for pair in pairs:
        src = read_document(pair.src, pair.src_lang, presplit=True)
        tgt = read_document(pair.tgt, pair.tgt_lang, presplit=True)
        beads = aligner.beads(src, tgt)
        hyp.append([(tuple(b.src), tuple(b.tgt)) for b in beads])
        sents += len(src) + len(tgt)
    return hyp, sents


def bench_set(
    model: str,
    name: str,
    pairs: Sequence[DocPair],
    aligner: Aligner,
    repeat: int,
) -> Row:
    gold = [read_beads(p.gold) for p in pairs]
    enc = aligner.encoder
    times: list[float] = []
    first_misses: int | None = None
    hyp: list[list[GoldBead]] = []
    sents = 0
    for run in range(repeat):
        before = cache_misses(enc)
        t0 = time.perf_counter()
        hyp, sents = align_set(pairs, aligner)
        times.append(time.perf_counter() - t0)
        if run == 0 and before is not None:
            first_misses = (cache_misses(enc) or 0) - before
    result = score(gold, hyp)
    wall = statistics.median(times)
    return Row(
        model=model,
        set=name,
        docs=len(pairs),
        sents=sents,
        strict=typing.cast(dict[str, float], result["strict"]),
        lax=typing.cast(dict[str, float], result["lax"]),
        wall_s=wall,
        sent_per_s=sents / wall if wall > 0 else float("inf"),
        peak_rss_mb=peak_rss_mb(),
        runs_s=times,
        cache_misses_first_run=first_misses,
        counts=typing.cast(dict[str, int], result["counts"]),
    )


# ----------------------------------------------------------------------------- output


def header(args: argparse.Namespace) -> dict[str, object]:
    return {
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": machine(),
        "driftalign": __version__,
        "aligner": args.config.signature(),
        "embedding_cache": not args.no_cache,
        "repeat": args.repeat,
        "data": str(args.data),
    }


def header_lines(head: dict[str, object]) -> list[str]:
    host = typing.cast(dict[str, object], head["machine"])
    cfg = typing.cast(dict[str, object], head["aligner"])
    return [
        f"# driftalign {head['driftalign']} benchmark, {head['date']}",
        f"# machine: {host['cpu_count']} CPUs (torch threads {host['torch_threads']}), "
        f"{host['platform']}, Python {host['python']}, torch {host['torch']}",
        "# AlignConfig: " + " ".join(f"{k}={v}" for k, v in cfg.items()),
        f"# data: {head['data']}; repeat={head['repeat']}; "
        f"embedding cache {'on' if head['embedding_cache'] else 'off (--no-cache)'}",
    ]


def _prf(d: dict[str, float]) -> str:
    return f"{d['precision']:.3f}/{d['recall']:.3f}/{d['f1']:.3f}"


def table(rows: Sequence[Row]) -> str:
    heads = (
        "model",
        "set",
        "docs",
        "sents",
        "strict P/R/F1",
        "lax P/R/F1",
        "wall s",
        "sent/s",
        "peak RSS MB",
    )
    right = {"docs", "sents", "wall s", "sent/s", "peak RSS MB"}
    cells = [
        (
            r.model,
            r.set,
            str(r.docs),
            str(r.sents),
            _prf(r.strict),
            _prf(r.lax),
            f"{r.wall_s:.2f}",
            f"{r.sent_per_s:.1f}",
            f"{r.peak_rss_mb:.0f}",
        )
        for r in rows
    ]
    return text_table(heads, right, cells)


def footer(no_cache: bool, rows: Sequence[Row]) -> list[str]:
    lines = [
        "# wall s: median of the runs (read + segment + align, embedding included); "
        "sent/s = sents / wall s.",
        "# peak RSS MB: peak resident memory of the whole benchmark process so far "
        "(ru_maxrss), not of one set.",
    ]
    if no_cache:
        lines.append("# embeddings NOT cached (--no-cache): every run re-embedded every text.")
    else:
        misses = ", ".join(f"{r.model}/{r.set}={r.cache_misses_first_run}" for r in rows)
        lines += [
            "# embeddings CACHED on disk: the first run embeds what the cache lacks, later runs",
            "# read it, so times after the first run are aligner-only (--no-cache: real cost).",
        ]
        lines.append(f"# texts embedded in the first run (cache misses): {misses}")
    return lines


# ----------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        check_data_root(args.data)
        sets = {name: data_set(args.data, name)[: args.limit] for name in args.sets}
    except DataError as exc:
        print(f"benchmark_align: error: {exc}", file=sys.stderr)
        return DATA_EXIT

    torch.set_num_threads(os.cpu_count() or 1)
    head = header(args)
    for text in header_lines(head):
        print(text, flush=True)

    rows: list[Row] = []
    loads: dict[str, float] = {}
    try:
        for model in args.models:
            t0 = time.perf_counter()
            aligner = Aligner(model, config=args.config, cache=not args.no_cache)
            enc = aligner.encoder
            warm_up(enc)
            loads[model] = time.perf_counter() - t0
            print(
                f"# {model}: loaded in {loads[model]:.1f} s on {enc.device} "
                "(build on first use + warm-up; excluded from wall s)",
                flush=True,
            )
            for name, pairs in sets.items():
                rows.append(bench_set(model, name, pairs, aligner, args.repeat))
            for member in _members(enc):
                close = getattr(member, "close", None)
                if close is not None:
                    close()
            del enc, aligner
    except AlignError as exc:
        print(f"benchmark_align: error: {exc}", file=sys.stderr)
        return getattr(exc, "exit_code", 1)

    print()
    print(table(rows))
    for text in footer(args.no_cache, rows):
        print(text)

    if args.json is not None:
        payload = {
            **head,
            "model_load_s": loads,
            "rows": [dataclasses.asdict(r) for r in rows],
        }
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
        print(f"# rows written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
