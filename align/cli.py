"""The ``align`` command. Parses arguments, calls the library, prints; nothing else.

Exit codes: 0 success, 1 a usage or set-up problem, 2 bad input file,
3 model missing or unloadable, 130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import logging
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from . import __version__
from .errors import AlignError

FEW_PAIRS = 10  # below this, per-file drift normalisation is rough: say so

EPILOG = """examples:
  align run speech.ru.txt speech.en.txt --src-lang ru --tgt-lang en -o out/
  align run gold.de gold.fr --src-lang de --tgt-lang fr -o out/ --presplit --model e5
  align eval gold.defr out/alignment.vecalign
  align models --build all

outputs (in OUTDIR): alignment.jsonl alignment.tsv alignment.vecalign alignment.tmx
  alignment.<src> / alignment.<tgt> (Moses) summary.json report.html
"""


def _parser() -> argparse.ArgumentParser:
    from .aligner import AlignConfig

    p = argparse.ArgumentParser(
        prog="align",
        description="Align a text with its (re)translation sentence by sentence "
        "and score where the meaning drifted. Runs offline.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action="version", version=f"driftalign {__version__}")
    p.add_argument(
        "-v", "--verbose", action="count", default=0, help="more log output (-vv: debug)"
    )
    p.add_argument("-q", "--quiet", action="store_true", help="only errors")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    r = sub.add_parser(
        "run",
        help="align SOURCE with TARGET and write the bilingual files",
        description="Segment both texts, embed, align many-to-many (omissions and additions "
        "included), score drift per bead and passage, and write every output format to OUTDIR.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    r.add_argument("source", type=Path, help="source text (UTF-8)")
    r.add_argument("target", type=Path, help="its translation (UTF-8)")
    r.add_argument("--src-lang", required=True, help="ISO 639-1 code of SOURCE, e.g. ru")
    r.add_argument("--tgt-lang", required=True, help="ISO 639-1 code of TARGET, e.g. en")
    _add_common_options(
        r,
        "inputs hold one sentence per line (blank line = paragraph); "
        "line indices are kept exactly, as gold alignments expect",
    )
    r.add_argument(
        "--max-bead",
        type=int,
        default=AlignConfig.max_bead,
        help="most sentences in one bead, both sides together (default: %(default)s)",
    )
    r.add_argument(
        "--window",
        type=int,
        default=AlignConfig.window,
        help="search band half-width around the coarse path (default: %(default)s)",
    )
    r.add_argument(
        "--skip",
        type=float,
        default=None,
        help="expert knob: score of leaving a sentence unaligned (default: the model's, "
        "e5 -0.02, times the --omissions preset's factor; higher makes more 1-0/0-1 beads "
        "and breaks real merges)",
    )

    e = sub.add_parser(
        "eval",
        help="score alignments against gold (strict and lax P/R/F1, as Vecalign)",
        description="Each argument pair is GOLD HYP: files of beads '[0]:[0, 1]' one per line "
        "(an optional ':cost' suffix is ignored). Counts are pooled over all pairs.",
    )
    e.add_argument("files", nargs="+", type=Path, metavar="GOLD HYP")
    e.add_argument("--json", action="store_true", help="print JSON instead of a table")

    m = sub.add_parser("models", help="list, build and check the encoders")
    m.add_argument("--build", metavar="NAME", help="build a model into the cache (or 'all')")
    m.add_argument("--check", metavar="NAME", help="load a model and embed a test pair")
    _add_backend_option(m, " (with --check)")

    sub.add_parser("languages", help="list the language codes --src-lang/--tgt-lang accept")
    _add_score_parser(sub)
    _add_chain_parser(sub)
    _add_batch_parser(sub)
    _add_serve_parser(sub)
    return p


CHAIN_EPILOG = """example:
  align chain speech.ar.txt interpreter.ru.txt retranslation.en.txt --langs ar,ru,en -o chain/

OUTDIR/hop1-<o>-<i>/, hop2-<i>-<r>/ and direct-<o>-<r>/ hold the usual `align run` files;
OUTDIR/chain.jsonl one record per chain unit with drift per hop and its `attribution`
(hop1, hop2, both, none); OUTDIR/chain_summary.json the counts. A hop drifted in a unit
when its drift is >= 0.4 or it has a flag. OUTDIR is written as a whole, atomically.
"""


def _add_chain_parser(sub: argparse._SubParsersAction) -> None:

    c = sub.add_parser(
        "chain",
        help="attribute drift to the hop of a retranslation chain where it appeared",
        description="Align ORIGINAL->INTERPRETATION (hop1), INTERPRETATION->RETRANSLATION "
        "(hop2) and ORIGINAL->RETRANSLATION (direct), compose hop1 and hop2 into chain units "
        "and say for each unit whether its drift appeared in hop1, hop2, both or none.",
        epilog=CHAIN_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    c.add_argument("original", type=Path, help="the original text (UTF-8)")
    c.add_argument("interpretation", type=Path, help="its interpretation/translation")
    c.add_argument("retranslation", type=Path, help="the translation made from INTERPRETATION")
    c.add_argument(
        "--langs", required=True, help="three ISO 639-1 codes in that order, e.g. ar,ru,en"
    )
    _add_common_options(c, "inputs hold one sentence per line (blank line = paragraph)")


def _add_serve_parser(sub: argparse._SubParsersAction) -> None:
    from .encoders import DEFAULT_MODEL

    v = sub.add_parser(
        "serve",
        help="run the review web service (submit pairs, review and fix beads, export)",
        description="Serve the browser UI and the HTTP API (align/service/API.md). Jobs, beads "
        "and edits are kept in a database (SQLite under --data-dir unless --db is given).",
    )
    v.add_argument("--host", default="127.0.0.1", help="interface (default: %(default)s)")
    v.add_argument("--port", type=int, default=8000, help="port (default: %(default)s)")
    v.add_argument(
        "--db",
        default=None,
        metavar="URL",
        help="SQLAlchemy database URL, e.g. postgresql+psycopg://user@host/db "
        "(default: sqlite:///DATA_DIR/driftalign.sqlite)",
    )
    v.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        metavar="DIR",
        help="where the SQLite database lives (default: $DRIFTALIGN_DATA or "
        "~/.local/share/driftalign)",
    )
    v.add_argument(
        "--max-upload-mb",
        type=float,
        default=5,
        help="largest accepted upload, both texts together (default: %(default)s)",
    )
    v.add_argument(
        "--model",
        default=DEFAULT_MODEL,
        help="encoder for jobs that do not name one (default: %(default)s)",
    )
    _add_backend_option(v)
    v.add_argument(
        "--allowed-host",
        action="append",
        default=[],
        metavar="NAME",
        help="also answer requests for this host name (repeatable; localhost, 127.0.0.1 "
        "and ::1 always; '*' for any). Other Host headers get 400, which stops DNS rebinding",
    )
    v.add_argument(
        "--token",
        default=None,
        help="require this token on every request (default: $DRIFTALIGN_TOKEN); required "
        "when --host is not a loopback address. Scripts send 'Authorization: Bearer TOKEN'; "
        "the browser opens the printed URL once",
    )
    v.add_argument(
        "--no-worker",
        action="store_true",
        help="run no alignment jobs in this process (separate `align worker` processes "
        "on the same --db run them)",
    )
    _add_stale_option(v)
    _add_worker_parser(sub)


def _add_stale_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--stale-after",
        type=float,
        default=30.0,
        metavar="SECONDS",
        help="a running job whose worker sent no heartbeat for this long goes back to the "
        "queue (default: %(default)s)",
    )


def _add_worker_parser(sub: argparse._SubParsersAction) -> None:
    from .encoders import DEFAULT_MODEL

    w = sub.add_parser(
        "worker",
        help="run review-service alignment jobs without the web front end",
        description="Take queued jobs from the review service's database and align them. "
        "Start as many as you like, on this or other machines sharing one PostgreSQL "
        "database (--db): each job is claimed by exactly one worker; a job whose worker "
        "died (no heartbeat for --stale-after seconds) is run again by another. "
        "SIGTERM or Ctrl-C puts the running job back in the queue and exits.",
    )
    w.add_argument(
        "--db",
        default=None,
        metavar="URL",
        help="SQLAlchemy database URL, e.g. postgresql+psycopg://user@host/db "
        "(default: the SQLite file of `align serve`, under --data-dir)",
    )
    w.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        metavar="DIR",
        help="where the SQLite database lives without --db (default: $DRIFTALIGN_DATA or "
        "~/.local/share/driftalign)",
    )
    w.add_argument(
        "--model",
        default=DEFAULT_MODEL,
        help="encoder for jobs that do not name one (default: %(default)s)",
    )
    w.add_argument("--threads", type=int, default=1, help="jobs run at once (default: %(default)s)")
    w.add_argument("--device", default=None, help="cpu or cuda (default: cuda when available)")
    _add_backend_option(w)
    _add_stale_option(w)


SCORE_EPILOG = """examples:
  align score source.ru.txt deepl.en.txt human.en.txt --src-lang ru --tgt-lang en -o scored/
  align score source.ru.txt a.en.txt b.en.txt --reference ref.en.txt --src-lang ru --tgt-lang en \\
      -o scored/ --model use-m3
  align score --pairs mt_output.tsv --src-lang de --tgt-lang en -o qe/

documents: OUTDIR/<n>-<translation stem>/ holds the usual `align run` files for the n-th
  TRANSLATION (plus reference_scores.jsonl with --reference), OUTDIR/reference-<n>-<stem>/
  each reference's alignment to SOURCE, and OUTDIR/ranking.json the ranking (lowest mean
  drift first; BLEU, chrF++ and TER with sacrebleu signatures when references are given).
  OUTDIR is written as a whole, atomically; an existing OUTDIR must be empty or an earlier
  `align score` output, which is replaced.
pairs: FILE.tsv holds one `source<TAB>translation` pair per line, no header, no quoting.
  Pairs are scored as given, never aligned: OUTDIR/alignment.jsonl has one object per
  line, in order. Empty lines, lines without exactly one tab and empty sides are errors
  (exit 2, naming the line).
"""


def _add_score_parser(sub: argparse._SubParsersAction) -> None:

    s = sub.add_parser(
        "score",
        help="score and rank translations of a source, or score sentence pairs (QE)",
        usage="align score SOURCE TRANSLATION [TRANSLATION ...] [--reference REF ...] "
        "--src-lang L --tgt-lang L -o OUTDIR [options]\n"
        "       align score --pairs FILE.tsv --src-lang L --tgt-lang L -o OUTDIR [options]",
        description="Align each TRANSLATION to SOURCE, score drift and rank the translations "
        "(lowest mean drift first); with --reference also corpus BLEU, chrF++ and TER. "
        "Or, with --pairs, score every source<TAB>translation line as given.",
        epilog=SCORE_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    s.add_argument(
        "files", nargs="*", type=Path, metavar="FILE", help="SOURCE, then one or more TRANSLATIONs"
    )
    s.add_argument(
        "--pairs",
        type=Path,
        metavar="FILE.tsv",
        help="score source<TAB>translation lines instead (not with SOURCE/TRANSLATION files)",
    )
    s.add_argument(
        "--reference",
        dest="references",
        action="extend",
        nargs="+",
        type=Path,
        default=[],
        metavar="REF",
        help="reference translation(s) of SOURCE for BLEU/chrF++/TER (documents only); "
        "put it after the positional files",
    )
    s.add_argument("--src-lang", required=True, help="ISO 639-1 code of the source, e.g. ru")
    s.add_argument("--tgt-lang", required=True, help="ISO 639-1 code of the translations")
    _add_common_options(s, "document inputs hold one sentence per line (blank line = paragraph)")


def _add_common_options(p: argparse.ArgumentParser, presplit_help: str) -> None:
    """Output, segmentation, encoder and omission options shared by run, score, chain and batch."""
    from .encoders import DEFAULT_MODEL

    p.add_argument(
        "-o",
        "--output",
        dest="outdir",
        required=True,
        type=Path,
        help="output directory, written atomically as a whole; an earlier driftalign "
        "output there is replaced, any other non-empty folder refused",
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="replace a non-empty OUTDIR that is not a driftalign output, with everything in it",
    )
    p.add_argument("--presplit", action="store_true", help=presplit_help)
    p.add_argument(
        "--model",
        default=DEFAULT_MODEL,
        help=f"encoder: e5, use-m3, e5+use-m3, or a local model directory "
        f"(default: {DEFAULT_MODEL}; use-m3 is several times faster on CPU)",
    )
    p.add_argument(
        "--fast",
        action="store_true",
        help="whole books in seconds: the static e5-fast encoder (fitted once with "
        "scripts/build_fast_encoder.py) and pooled runs; strict F1 well below e5's "
        "(README, Speed) and drift from cosines and the checks (no fitted model, word "
        "evidence or member check)",
    )
    p.add_argument(
        "--overlaps",
        choices=("exact", "pooled", "refined"),
        default="refined",
        help="vectors of runs of sentences: refined (the default: pooled from each "
        "sentence's one forward pass, then the runs of every bead that is not 1-1 "
        "embedded as their own string and aligned again; exact's F1 at 2.6x its speed), "
        "exact (every run embedded as its own string) or pooled (no second pass: "
        "fastest, strict F1 0.01-0.06 lower on Text+Berg and ParIce)",
    )
    p.add_argument("--device", default=None, help="cpu, cuda, cuda:1 ... (default: auto)")
    _add_backend_option(p)
    p.add_argument("--batch-size", type=int, default=64, help="sentences per forward pass")
    p.add_argument(
        "--no-cache", action="store_true", help="do not read or write the embedding cache"
    )
    from .formats import WRITERS  # the registry of output formats (light: no torch)

    p.add_argument(
        "--formats",
        default=None,
        help=f"comma-separated subset of: {','.join(WRITERS)} (default: all)",
    )
    p.add_argument(
        "--omissions",
        choices=("strict", "balanced", "lenient"),
        default="balanced",
        help="how eagerly untranslated or added sentences are reported, also inside merged "
        "beads: strict finds the most (a slightly higher skip, looser member check; more "
        "faithful merges flagged), lenient only clear cases; an explicit --skip overrides "
        "the preset's skip (default: %(default)s)",
    )


def _add_backend_option(p: argparse.ArgumentParser, when: str = "") -> None:
    """``--backend``: how a transformers encoder runs on CPU; choices from quant's registry."""
    from .encoders import quant  # light: no torch

    notes = "; ".join(f"{name}: {quant.NOTES[name]}" for name in quant.BACKENDS)
    p.add_argument(
        "--backend",
        choices=quant.BACKENDS,
        default="auto",
        help=f"CPU inference backend of a transformers encoder{when} -- {notes} "
        "(default: %(default)s; the one used is in the output's signature)",
    )


def _formats(args: argparse.Namespace) -> list[str] | None:
    """``--formats`` checked against the registry of writers (None: all of them)."""
    if not args.formats:
        return None
    from .formats import WRITERS

    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    unknown = [f for f in formats if f not in WRITERS]
    if unknown:
        choices = ", ".join(WRITERS)
        raise AlignError(f"unknown format(s) {', '.join(unknown)}; choose from {choices}")
    return formats


def _aligner(args: argparse.Namespace, config: object = None):
    """The library's Aligner from the options `_add_common_options` declared."""
    from dataclasses import replace

    from .aligner import AlignConfig
    from .api import Aligner

    config = replace(config or AlignConfig(), overlaps=args.overlaps)  # type: ignore[type-var]
    return Aligner(
        args.model,
        args.device,
        config,  # type: ignore[arg-type]
        omissions=args.omissions,
        batch_size=args.batch_size,
        cache=not args.no_cache,
        backend=args.backend,
    )


def _progress(args: argparse.Namespace):  # -> ProgressFn | None
    """A progress bar on a terminal (the library reports through a callback)."""
    if args.quiet or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    bar = tqdm(desc="embedding", unit="sent", leave=False, file=sys.stderr)

    def show(p) -> None:
        if bar.total != p.total:
            bar.reset(total=p.total)
        bar.n = p.done
        bar.refresh()

    return show


def _read(path: Path, lang: str, presplit: bool):  # -> Document
    """Read and segment one input file (errors name the file)."""
    from .api import read_document

    return read_document(path, lang, presplit)


def _configure_logging(verbose: int, quiet: bool) -> None:
    level = (
        logging.ERROR if quiet else [logging.WARNING, logging.INFO, logging.DEBUG][min(verbose, 2)]
    )
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    if verbose < 2:
        for noisy in ("transformers", "urllib3", "filelock"):
            logging.getLogger(noisy).setLevel(logging.ERROR)


def _cmd_run(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from .aligner import AlignConfig
    from .api import check_documents

    # --skip, the expert knob, overrides the preset's (None: the Aligner sets it)
    cfg = replace(AlignConfig(), max_bead=args.max_bead, window=args.window, skip=args.skip)
    formats = _formats(args)
    # Every input is read and checked before the model is loaded: a bad file costs nothing.
    source = _read(args.source, args.src_lang, args.presplit)
    target = _read(args.target, args.tgt_lang, args.presplit)
    check_documents(source, target)
    aligner = _aligner(args, cfg)
    result = aligner.align_documents(
        source, target, presplit=args.presplit, progress=_progress(args)
    )
    result.write(args.outdir, formats)
    if not args.quiet:
        from .console import format_run

        print(format_run(result, args.outdir))
    return 0


def _cmd_eval(args: argparse.Namespace) -> int:
    from .evaluate import evaluate_files, format_table

    if len(args.files) % 2:
        raise AlignError("align eval takes pairs of files: GOLD HYP [GOLD HYP ...]")
    pairs = list(zip(args.files[0::2], args.files[1::2], strict=True))
    result = evaluate_files(pairs)
    print(json.dumps(result, indent=2) if args.json else format_table(result))
    return 0


def _cmd_models(args: argparse.Namespace) -> int:
    from .encoders import cache_root, load, model_path, registry

    reg = registry()
    if args.build:
        names = [n for n in reg if "builder" in reg[n]] if args.build == "all" else [args.build]
        for name in names:
            print(f"{name}: built at {model_path(name)}")
        return 0
    if args.check:
        import numpy as np

        from .api import encoder_backend

        enc = load(args.check, backend=args.backend)
        v = enc.encode(["Доброе утро, друзья.", "Good morning, friends.", "The river froze."])
        good, bad = float(np.dot(v[0], v[1])), float(np.dot(v[0], v[2]))
        ok = good > bad
        backend = encoder_backend(enc)
        shown = f", backend {backend}" if backend else ""
        print(
            f"{args.check}: dim {enc.dim}, device {enc.device}{shown}; "
            f"translation cosine {good:.3f} vs unrelated {bad:.3f}: {'OK' if ok else 'FAILED'}"
        )
        return 0 if ok else 1
    print(f"cache: {cache_root() / 'models'}")
    for name, entry in reg.items():
        if "members" in entry:
            state = "ensemble of " + " + ".join(entry["members"])
        else:
            try:
                state = f"built: {model_path(name, build=False)}"
            except AlignError:
                state = f"not built (align models --build {name})"
        print(f"  {name:<10} {entry.get('description', '')}\n             {state}")
    print("  or any local transformers / sentence-transformers directory: --model /path/to/model")
    return 0


def _cmd_languages(_: argparse.Namespace) -> int:
    from .encoders import registry
    from .languages import format_languages

    print(format_languages(registry()))
    return 0


def _cmd_score(args: argparse.Namespace) -> int:
    from .api import check_documents
    from .ranking import format_ranking

    if args.pairs is not None and args.files:
        raise AlignError(
            "give either SOURCE TRANSLATION [TRANSLATION ...] or --pairs FILE.tsv, not both"
        )
    if args.pairs is not None and args.references:
        raise AlignError("--reference applies to SOURCE/TRANSLATION documents, not to --pairs")
    if args.pairs is None and len(args.files) < 2:
        raise AlignError(
            "align score needs SOURCE and at least one TRANSLATION (or --pairs FILE.tsv); "
            "see align score --help"
        )
    formats = _formats(args)
    if args.pairs is not None:
        from .api import _lang
        from .reading import read_pairs

        _lang(args.src_lang, args.pairs), _lang(args.tgt_lang, args.pairs)
        sources, targets = read_pairs(args.pairs)  # all parsed before the model loads
        aligner = _aligner(args)
        if len(sources) < FEW_PAIRS and aligner.scorer.model is None:
            logging.getLogger(__name__).warning(
                "%s: only %d pairs; drift is normalised against the other pairs of the file, "
                "so it is rough with so few",
                args.pairs,
                len(sources),
            )
        result = aligner.score_pairs(
            zip(sources, targets, strict=True),
            args.src_lang,
            args.tgt_lang,
            name=str(args.pairs),
            progress=_progress(args),
        )
        result.write(args.outdir, formats)
        if not args.quiet:
            s = result.summary
            print(
                f"scored {len(sources)} pairs in {s['seconds']:.1f} s "
                f"({s['pairs_per_second']:.1f} pairs/s, model loading excluded); "
                f"mean drift {s['mean_drift']}, {s['flagged']} flagged "
                f"({s['number_mismatches']} number mismatches)"
            )
            print(f"wrote {args.outdir}/")
        return 0
    source_path, paths = args.files[0], args.files[1:]
    source = _read(source_path, args.src_lang, args.presplit)
    translations = [(p.stem, _read(p, args.tgt_lang, args.presplit)) for p in paths]
    references = [(p.stem, _read(p, args.tgt_lang, args.presplit)) for p in args.references]
    for _, doc in translations + references:
        check_documents(source, doc)
    aligner = _aligner(args)
    result_ranking = aligner.rank_documents(
        source, translations, references, presplit=args.presplit, progress=_progress(args)
    )
    result_ranking.write(args.outdir, formats)
    ranking = result_ranking.table
    if not args.quiet:
        from .console import ranking_legend

        print(format_ranking(ranking))
        print()
        print(ranking_legend(any(e["metrics"] for e in ranking["translations"])))
        print(f"wrote {args.outdir}/")
    return 0


BATCH_EPILOG = """examples:
  align batch --manifest pairs.tsv -o corpus/   # source<TAB>target[<TAB>src<TAB>tgt<TAB>id]
  align batch --dirs ru/ en/ --src-lang ru --tgt-lang en -o corpus/
  align batch --manifest pairs.tsv -o corpus/ --ray      # a local Ray cluster
  align batch --manifest pairs.tsv -o corpus/ --ray 10.0.0.5:6379

OUTDIR/<id>/ holds the usual `align run` files of each pair; OUTDIR/corpus.json the
per-document figures and failures; OUTDIR/index.html links every report, most drifted
first. Re-running the same command resumes: pairs already done with the same model and
parameters are skipped. Exit code 2 when any pair failed (the others are written).
"""


def _add_batch_parser(sub: argparse._SubParsersAction) -> None:
    from .aligner import AlignConfig

    b = sub.add_parser(
        "batch",
        help="align a corpus of document pairs (model loaded once, resumable, optional Ray)",
        description="Align every pair of a manifest or of two folders matched by file name, "
        "writing one output folder per pair and a corpus summary.",
        epilog=BATCH_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    src = b.add_mutually_exclusive_group(required=True)
    src.add_argument(
        "--manifest", type=Path, help="TSV: source<TAB>target[<TAB>src_lang<TAB>tgt_lang<TAB>id]"
    )
    src.add_argument("--dirs", nargs=2, type=Path, metavar=("SRC_DIR", "TGT_DIR"))
    b.add_argument("--src-lang", help="language of the sources (default for manifest lines)")
    b.add_argument("--tgt-lang", help="language of the targets (default for manifest lines)")
    b.add_argument(
        "--ray",
        nargs="?",
        const="",
        default=None,
        metavar="ADDRESS",
        help="run on a Ray cluster (no ADDRESS: start a local one; 'auto' inside a cluster)",
    )
    b.add_argument("--workers", type=int, default=None, help="Ray workers (default: one per CPU)")
    b.add_argument("--max-bead", type=int, default=AlignConfig.max_bead, help="as for align run")
    _add_common_options(b, "inputs hold one sentence per line (blank line = paragraph)")


def _cmd_batch(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from .aligner import AlignConfig
    from .batch import Work, local_work, pair_directories, read_manifest, run_batch

    formats = _formats(args)
    if args.manifest is not None:
        pairs = read_manifest(args.manifest, args.src_lang, args.tgt_lang)
    else:
        pairs = pair_directories(args.dirs[0], args.dirs[1], args.src_lang, args.tgt_lang)
    cfg = replace(AlignConfig(), max_bead=args.max_bead, overlaps=args.overlaps)
    pool = None
    work: Work
    if args.ray is not None:
        from .distributed import RayPool

        pool = RayPool(
            args.ray or None,
            args.model,
            args.device,
            cfg,
            args.batch_size,
            not args.no_cache,
            args.presplit,
            args.workers,
            backend=args.backend,
            omissions=args.omissions,
        )
        work, signature = pool.work, pool.signature()
    else:
        aligner = _aligner(args, cfg)
        work = local_work(aligner, args.presplit)
        signature = aligner.signature(presplit=args.presplit)
    bar = None
    if not args.quiet and sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=len(pairs), desc="pairs", unit="pair", file=sys.stderr)

    def tick(outcome) -> None:
        if bar is not None:
            bar.set_postfix_str(f"{outcome.pair.id}: {outcome.status}", refresh=False)
            bar.update(1)

    try:
        result = run_batch(pairs, args.outdir, signature, work, formats, tick)
    finally:
        if bar is not None:
            bar.close()
        if pool is not None:
            pool.close()
    corpus = result.corpus
    if not args.quiet:
        skipped = sum(1 for o in result.outcomes if o.status == "skipped")
        mean = "-" if corpus["mean_drift"] is None else f"{corpus['mean_drift']:.2f}"
        print(
            f"{corpus['pairs']} pairs: {corpus['done']} done ({skipped} already done before), "
            f"{corpus['failed']} failed; {corpus['beads']} beads, mean drift {mean}, "
            f"{corpus['flagged']} flagged"
        )
        for o in result.failed:
            print(f"  failed {o.pair.id}: {o.error}")
        print(f"wrote {args.outdir}/ (index.html links every report)")
    return 2 if result.failed else 0


def _cmd_chain(args: argparse.Namespace) -> int:
    from .api import check_documents
    from .chain import format_chain, parse_langs

    langs = parse_langs(args.langs)
    formats = _formats(args)
    paths = (args.original, args.interpretation, args.retranslation)
    docs = [_read(p, code, args.presplit) for p, code in zip(paths, langs, strict=True)]
    for a, b in ((0, 1), (1, 2), (0, 2)):
        check_documents(docs[a], docs[b])
    aligner = _aligner(args)
    result = aligner.chain_documents(docs, presplit=args.presplit, progress=_progress(args))
    result.write(args.outdir, formats)
    if not args.quiet:
        print(format_chain(result.summary))
        print(f"wrote {args.outdir}/")
    return 0


def _is_loopback(host: str) -> bool:
    import ipaddress

    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _cmd_serve(args: argparse.Namespace) -> int:
    import os
    import socket

    import uvicorn

    from .service.app import LOCAL_HOSTS, create_app

    token = args.token or os.environ.get("DRIFTALIGN_TOKEN") or None
    local = _is_loopback(args.host)
    if not local and not token:
        print(
            f"align serve: error: --host {args.host} makes the service reachable from other "
            "machines, so it needs an access token: pass --token TOKEN or set "
            "DRIFTALIGN_TOKEN (for example: export DRIFTALIGN_TOKEN=$(python -c "
            "'import secrets; print(secrets.token_urlsafe())'))",
            file=sys.stderr,
        )
        return 1
    if args.stale_after <= 0:
        print("align serve: error: --stale-after must be positive", file=sys.stderr)
        return 1
    wildcard = args.host in ("0.0.0.0", "::", "")
    allowed = list(LOCAL_HOSTS) + list(args.allowed_host)
    if not local and not wildcard:
        allowed.append(args.host)
    # Bind before anything else so a busy port is a clear error, and the URL
    # printed below is one that already accepts connections (--port 0 works).
    try:
        family, kind, proto, _, addr = socket.getaddrinfo(
            args.host or None, args.port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
        sock = socket.socket(family, kind, proto)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(addr)
        # listening now, not once the server has started: a bound socket that does not
        # listen refuses connections, and a client may connect as soon as it reads the URL
        sock.listen(2048)
    except OSError as exc:
        print(
            f"align serve: error: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr
        )
        return 1
    port = sock.getsockname()[1]
    app = create_app(
        db_url=args.db,
        data_dir=args.data_dir,
        max_upload_mb=args.max_upload_mb,
        default_model=args.model,
        backend=args.backend,
        allowed_hosts=allowed,
        token=token,
        run_jobs=not args.no_worker,
        stale_after=args.stale_after,
    )
    shown = args.host if not wildcard else (args.allowed_host or ["localhost"])[0]
    if shown == "*":
        shown = socket.gethostname()
    if ":" in shown:
        shown = f"[{shown}]"
    url = f"http://{shown}:{port}/" + (f"?token={token}" if token else "")
    if not args.quiet:
        print(f"driftalign review service: {url}", flush=True)
        if wildcard and not args.allowed_host:
            print(
                "  (listening on all interfaces, but only requests for localhost are "
                "answered; add --allowed-host NAME for the name other machines use)",
                flush=True,
            )
        if args.no_worker:
            print("  (no worker in this process: start `align worker --db ...`)", flush=True)
    level = "info" if args.verbose else "warning"
    server = uvicorn.Server(uvicorn.Config(app, log_level=level))
    server.run(sockets=[sock])
    return 0


def _cmd_worker(args: argparse.Namespace) -> int:
    from sqlalchemy.engine import make_url

    from .service.jobs import JobRunner
    from .service.store import Store, default_data_dir, sqlite_url

    if args.stale_after <= 0 or args.threads < 1:
        print("align worker: error: --stale-after and --threads must be positive", file=sys.stderr)
        return 1
    url = args.db
    if url is None:
        data_dir = args.data_dir if args.data_dir is not None else default_data_dir()
        data_dir.mkdir(parents=True, exist_ok=True)
        url = sqlite_url(data_dir)
    store = Store(url)
    runner = JobRunner(
        store,
        args.model,
        workers=args.threads,
        device=args.device,
        backend=args.backend,
        stale_after=args.stale_after,
    )
    if not args.quiet:
        shown = make_url(url).render_as_string(hide_password=True)
        print(f"driftalign worker {runner.worker_id}: taking jobs from {shown}", flush=True)
    try:
        runner.run_forever()
    finally:
        runner.shutdown(wait=True)  # a job running here goes back to the queue
        store.dispose()
    return 0


COMMANDS = {
    "run": _cmd_run,
    "eval": _cmd_eval,
    "models": _cmd_models,
    "languages": _cmd_languages,
    "score": _cmd_score,
    "chain": _cmd_chain,
    "batch": _cmd_batch,
    "serve": _cmd_serve,
    "worker": _cmd_worker,
}


_GLOBAL_FLAGS = {"-q", "--quiet", "-v", "-vv", "-vvv", "--verbose"}


def _globals_first(argv: list[str]) -> list[str]:
    """``align run ... -q`` means ``align -q run ...``: users put -q/-v anywhere."""
    if "--" in argv:
        return argv
    return [a for a in argv if a in _GLOBAL_FLAGS] + [a for a in argv if a not in _GLOBAL_FLAGS]


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(_globals_first(sys.argv[1:] if argv is None else list(argv)))
    if not args.command:
        parser.print_help()
        return 1
    if getattr(args, "fast", False):
        from .encoders import DEFAULT_MODEL, FAST_MODEL

        if args.model != DEFAULT_MODEL:
            parser.error("--fast is the e5-fast encoder: give --fast or --model, not both")
        args.model = FAST_MODEL  # its own band, merge price and pooled runs: Aligner
    _configure_logging(args.verbose, args.quiet)
    from .formats import check_outdir, forcing

    force = bool(getattr(args, "force", False))
    try:
        with _sigterm_as_interrupt(), forcing(force):
            if getattr(args, "outdir", None) is not None:
                # Before any slow work: a bad -o should not cost a model load.
                check_outdir(args.outdir, force, f"align {args.command}")
            return COMMANDS[args.command](args)
    except AlignError as exc:
        print(f"align: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except Terminated:
        print("align: terminated", file=sys.stderr)
        return 128 + signal.SIGTERM
    except KeyboardInterrupt:
        print("align: interrupted", file=sys.stderr)
        return 130


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so every cleanup path (temporary folders) runs."""


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """Turn SIGTERM into :class:`Terminated` while a command runs (main thread only).

    Python's default for SIGTERM is to die on the spot, skipping ``finally``
    blocks and leaving ``.OUTDIR.tmp-*`` folders behind.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: object) -> None:
        raise Terminated

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":
    sys.exit(main())
