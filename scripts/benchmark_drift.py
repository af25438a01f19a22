"""Benchmark drift scoring on the shared drift sets: correlation, detection, speed.

This is a benchmark, not a test: it asserts nothing, it measures. Every pair is
scored the way ``align score --pairs`` scores a TSV (never aligned: pair ``i``
is bead ``[i]:[i]``), through the public API only
(:func:`align.api.sentences_document`, :meth:`align.Aligner.score_pair_documents`,
``Aligner.scorer.score``), and the script prints one table.

Usage::

    python scripts/benchmark_drift.py --data ../shared/data/drift
    python scripts/benchmark_drift.py --data ../shared/data/drift --model use-m3 --limit 200
    python scripts/benchmark_drift.py --data ../shared/data/drift --sets mlqe,demetr \\
        --limit 400 --json drift-bench.json

Options: ``--model`` (a registry name such as ``e5`` (default), ``use-m3``,
``e5+use-m3``, or a local model directory), ``--sets`` (comma-separated from
``mlqe,mlqe-dev,mqm-enru,words,demetr,refresd,ced22,ced21,halluc``; default all),
``--limit N`` (at most N pairs in each scored batch, see below), ``--no-cache`` (no
on-disk embedding cache), ``--device``, ``--json OUT`` (header and rows as JSON).

Batches and drift normalisation
-------------------------------
Drift is normalised against the other pairs of the same batch, exactly as
``align score --pairs`` normalises against the other lines of its file (each
side's distance to random sentences of the other side sets the scale). So a
pair's drift depends a little on the batch it is scored in, and batches
should hold at least 200 pairs (the script warns below that). One batch is:

* ``mlqe``    -- the test20 pairs (all sources in one encode call, all MT in another);
* ``words``   -- per kind of change: each sampled post-edit twice, as for ``demetr``;
* ``demetr``  -- per perturbation file: every sampled source sentence twice, once
  with its MT and once with its perturbed MT (2 x sentences pairs), so both
  candidates are normalised in the same context and differ only by the
  perturbation. The nine source languages share the batch; each pair's number
  check (:mod:`align.numbers`) still uses its own source language;
* ``refresd`` -- all pairs; ``ced22``, ``ced21`` -- one batch per language pair;
  ``halluc`` -- all pairs.

``--limit N`` keeps a seeded random sample (seed 0, file order kept) of at most
N pairs per batch: N pairs of mlqe / refresd / each ced22 or ced21 language pair (natural
class ratio, so MCC is not distorted), N/2 DEMETR source sentences (the same
ones in every perturbation file, so 2 x N/2 = N pairs per batch), and for halluc
a class-balanced sample (N/2 rows with any flag, N/2 clean; AUC does not depend
on the class ratio, and a random 200 would hold about 2 named-entity errors).
Without ``--limit`` everything is scored.

Data sets (read in place under ``--data``, never copied)
--------------------------------------------------------
* ``mlqe``    -- ``mlqe-pe_ru-en/da_test20/test20.ruen.df.short.tsv`` (ru -> en MT, DA z_mean).
* ``mlqe-dev`` -- the dev split of all seven MLQE-PE pairs (``mlqe-pe_ru-en/da_dev``,
  ``mlqe-pe_other/<pair>/dev.*.df.short.tsv``), 400 pairs each unless ``--limit``.
* ``mqm-enru`` -- ``wmt22_en-ru_mqm/dev2022/en-ru-mqm.2022_dev.csv`` (en -> ru MT, WMT22
  MQM score per segment, 1,005): English into another language, a direction no pair
  head was fitted on (en-ru reads the shared model). Spearman(-drift, MQM score).
* ``words``   -- ``mlqe-pe_ru-en/pe_test20`` (ru -> en post-edits), 300 of them unless
  ``--limit``, each with one change made by ``scripts/fit_drift.py``'s ``perturb`` (seed 3):
  a content word dropped, added or swapped, a negation, a number. DEMETR has no Russian
  source; this is the ru-en head's word-level test (its training changes are of train MT).
* ``demetr``  -- ``demetr/dataset/*.json`` (9 source languages -> en, 35 perturbation files).
* ``refresd`` -- ``refresd_en-fr/REFreSD_sentence_labels`` (en -> fr, WikiMatrix pairs).
* ``ced22``   -- ``wmt22_ced/dev/{en-de,pt-en}-dev/dev.{src,mt,label}`` (WMT22 CED dev).
* ``ced21``   -- ``wmt21_ced/en{cs,de,ja,zh}_majority_dev.tsv`` (WMT21 CED dev, 1,000 each:
  English into four languages, en-zh through its head; targets detokenised).
* ``halluc``  -- ``hallucinations_de-en/annotated_corpus.csv`` (de -> en, Guerreiro et al.
  2023; its one malformed row, an unquoted comma in the source, is repaired).

What each figure means
----------------------
* ``mlqe spearman`` / ``pearson`` -- rank / linear correlation between -drift and
  the human DA ``z_mean`` (higher is better; no reference used). Details: the
  same Spearman for the raw cosine (what drift's clipping at 0 costs), the share
  of pairs at drift 0, and pairs/s = pairs / seconds to embed and score the batch
  (model loading excluded; with the embedding cache on, texts already in the
  cache are not re-embedded, so read pairs/s together with ``embedded``).
* ``words share_up`` -- per kind of change, the share where drift(changed post-edit) >
  drift(post-edit); ties fail. Some dropped "content words" are function words ("been",
  "there"), so 1.0 is out of reach.
* ``demetr share_up`` -- per perturbation type, the share of ``pert_check`` items
  where drift(perturbed MT) > drift(MT), both scored against the source. Ties
  count as failures and are reported separately (``ties``): drift is clipped at 0,
  so two faithful-looking candidates often tie. ``cos down`` is the share where
  the raw cosine fell (no clipping, no normalisation). ``median d`` is the median
  drift(perturbed) - drift(MT); for ``minor_*`` (surface noise a meaning metric
  should mostly ignore) it should stay near 0. ``base_id35_reference`` (the
  human reference as the perturbation) is a sanity check expected near 0.5;
  ``base_id33_shuffle_trans`` (an unrelated translation) near 1.
* ``refresd auc`` -- ROC AUC (Mann-Whitney U, ties count one half) of drift
  separating {some, unrelated meaning difference} from {no difference}; details
  give the two divergent classes on their own.
* ``ced22`` / ``ced21`` ``auc`` / ``mcc*`` -- per language pair, ROC AUC of drift for BAD vs OK,
  and the MCC at the drift threshold that maximises MCC *on this same dev set*
  (optimistic: the threshold is tuned on the data it is scored on).
  ``mcc(flags)`` is the honest figure: BAD predicted when the library raises any
  flag (``low_similarity`` or ``number_mismatch``), no tuning.
* ``halluc auc`` -- ROC AUC of drift for each annotated category vs clean rows
  (all five flags 0): omission, named-entities, hallucination (repetitions,
  strong- or full-unsupport, as Dale et al. 2023 count them) and its three parts.
  Details give the AUC of the binary ``number_mismatch`` flag, of "any flag", and
  for omission and named-entities of the flags made for them
  (``partial_omission|entity_missing``, ``entity_mismatch|entity_missing``).
  The ``omission`` / ``addition`` flags come from alignment (a bead with an empty
  side); pairs are scored 1-1, so they cannot fire here and are not reported.

Targets (from the issue, to compare against)
--------------------------------------------
* MLQE-PE ru-en test20: Spearman(-drift, z_mean) >= 0.62 (issue #9), with no reference.
* DEMETR: share_up >= 0.95 on numbers_replaced, ne_replaced, ne_removed,
  negation, antonym, addition and the removal types (critical_id21-24:
  adj/adv, verb, noun, subject removed). The table marks these rows.
* The seed pair (``../shared/data/seed``, a faithful en/ru transcript) comes out
  unflagged: checked with ``align run`` on those files, not by this script.

Exit status: 0 on success; 2 if ``--data`` (or a file a chosen set needs) is
missing, with a message naming the path; the library's exit code for a model
or input error.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import datetime as dt
import json
import math
import sys
import time
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from benchlib import DEMETR_LANGS, detokenize, machine, text_table

from align import Aligner, AlignError, ScoredBead, __version__
from align.api import Bead, sentences_document

ALL_SETS: tuple[str, ...] = (
    "mlqe",
    "mlqe-dev",
    "mqm-enru",
    "words",
    "demetr",
    "refresd",
    "ced22",
    "ced21",
    "halluc",
)
SET_DIRS: dict[str, str] = {
    "mlqe": "mlqe-pe_ru-en",
    "mlqe-dev": "mlqe-pe_other",
    "mqm-enru": "wmt22_en-ru_mqm",
    "words": "mlqe-pe_ru-en",
    "demetr": "demetr",
    "refresd": "refresd_en-fr",
    "ced22": "wmt22_ced",
    "ced21": "wmt21_ced",
    "halluc": "hallucinations_de-en",
}
DATA_EXIT = 2
MIN_BATCH = 200  # below this, per-batch drift normalisation is rough
SAMPLE_SEED = 0
MLQE_TARGET = 0.62  # issue #9 (an earlier issue asked 0.55)
MLQE_DEV_TARGET = 0.35  # issue #9: every pair's dev Spearman, none below this
MLQE_DEV_PAIRS: tuple[str, ...] = ("ru-en", "en-de", "en-zh", "et-en", "ne-en", "ro-en", "si-en")
MLQE_DEV_DEFAULT = 400  # pairs per language pair without --limit (seeded sample)
DEMETR_TARGET = 0.95
DEMETR_TARGET_TYPES: frozenset[str] = frozenset(
    {
        "critical_id10_numbers_replaced",
        "critical_id9_ne_replaced",
        "critical_id25_ne_removed",
        "critical_id8_negation",
        "critical_id7_antonym",
        "critical_id6_addition",
        "critical_id21_adj_adv_removed",
        "critical_id22_verb_removed",
        "critical_id23_noun_removed",
        "critical_id24_subj_removed",
    }
)
SEVERITY_ORDER = {"critical": 0, "major": 1, "minor": 2, "base": 3}
CED22_PAIRS: tuple[str, ...] = ("en-de", "pt-en")
CED21_PAIRS: tuple[str, ...] = ("en-cs", "en-de", "en-ja", "en-zh")
HALLUC_FLAGS: tuple[str, ...] = (
    "repetitions",
    "named-entities",
    "omission",
    "strong-unsupport",
    "full-unsupport",
)
HALLUCINATION_PARTS: tuple[str, ...] = ("repetitions", "strong-unsupport", "full-unsupport")


class DataError(Exception):
    """The --data folder, or a file a chosen set needs, is missing or malformed."""


# ----------------------------------------------------------------------------- statistics


def rankdata(x: Sequence[float] | np.ndarray) -> np.ndarray:
    """1-based ranks; tied values share the mean of the ranks they span."""
    a = np.asarray(x, dtype=float)
    order = np.argsort(a, kind="mergesort")
    s = a[order]
    starts = np.r_[0, np.flatnonzero(s[1:] != s[:-1]) + 1]
    ends = np.r_[starts[1:], len(s)]
    ranks = np.empty(len(a))
    ranks[order] = np.repeat((starts + ends + 1) / 2.0, ends - starts)
    return ranks


def pearson(x: Sequence[float] | np.ndarray, y: Sequence[float] | np.ndarray) -> float:
    a, b = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    a, b = a - a.mean(), b - b.mean()
    den = math.sqrt(float((a * a).sum() * (b * b).sum()))
    return float((a * b).sum() / den) if den > 0 else math.nan


def spearman(x: Sequence[float] | np.ndarray, y: Sequence[float] | np.ndarray) -> float:
    """Spearman's rho: Pearson on tie-averaged ranks."""
    return pearson(rankdata(x), rankdata(y))


def auc(scores: Sequence[float] | np.ndarray, positive: Sequence[bool] | np.ndarray) -> float:
    """ROC AUC by Mann-Whitney U: P(score of a positive > score of a negative), ties 1/2."""
    s = np.asarray(scores, dtype=float)
    pos = np.asarray(positive, dtype=bool)
    n1, n0 = int(pos.sum()), int((~pos).sum())
    if n1 == 0 or n0 == 0:
        return math.nan
    u = rankdata(s)[pos].sum() - n1 * (n1 + 1) / 2.0
    return float(u / (n1 * n0))


def mcc(predicted: Sequence[bool] | np.ndarray, positive: Sequence[bool] | np.ndarray) -> float:
    p = np.asarray(predicted, dtype=bool)
    y = np.asarray(positive, dtype=bool)
    tp, fp = float((p & y).sum()), float((p & ~y).sum())
    fn, tn = float((~p & y).sum()), float((~p & ~y).sum())
    den = math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn))
    return (tp * tn - fp * fn) / den if den > 0 else 0.0


def best_mcc(
    scores: Sequence[float] | np.ndarray, positive: Sequence[bool] | np.ndarray
) -> tuple[float, float]:
    """The highest MCC of "positive if score >= t" over all t, and that t.

    Predicting nothing positive (t = inf, MCC 0) is one of the candidates.
    """
    s = np.asarray(scores, dtype=float)
    y = np.asarray(positive, dtype=bool).astype(float)
    order = np.argsort(-s, kind="mergesort")
    s, y = s[order], y[order]
    last = np.r_[np.flatnonzero(s[1:] != s[:-1]), len(s) - 1]  # end of each tie group
    tp = np.cumsum(y)[last]
    fp = np.cumsum(1.0 - y)[last]
    p, n = y.sum(), len(y) - y.sum()
    fn, tn = p - tp, n - fp
    den = np.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn))
    with np.errstate(invalid="ignore", divide="ignore"):
        values = np.where(den > 0, (tp * tn - fp * fn) / np.where(den > 0, den, 1.0), 0.0)
    k = int(np.argmax(values))
    if values[k] <= 0:
        return 0.0, math.inf
    return float(values[k]), float(s[last][k])


def _seeded_sample(n: int, k: int | None, seed: int = SAMPLE_SEED) -> list[int]:
    """Indices of a seeded random sample of ``k`` of ``n`` items, in ascending order."""
    if k is None or k >= n:
        return list(range(n))
    rng = np.random.default_rng(seed)
    return sorted(int(i) for i in rng.choice(n, size=k, replace=False))


# ----------------------------------------------------------------------------- data


def _need(path: Path) -> Path:
    if not path.is_file():
        raise DataError(f"{path}: missing (expected the shared drift data)")
    return path


def check_data_root(data: Path, sets: Sequence[str]) -> None:
    """Fail unless ``data`` looks like the shared drift folder with the chosen sets."""
    if not data.exists():
        raise DataError(f"{data}: no such directory (give --data the shared drift folder)")
    if not data.is_dir():
        raise DataError(f"{data}: not a directory (give --data the shared drift folder)")
    if not any((data / d).is_dir() for d in SET_DIRS.values()):
        raise DataError(
            f"{data}: does not look like the shared drift folder "
            f"(none of {', '.join(d + '/' for d in SET_DIRS.values())} inside)"
        )
    for name in sets:
        folder = data / SET_DIRS[name]
        if not folder.is_dir():
            raise DataError(f"{folder}: missing (needed by --sets {name})")


def _read_lines(path: Path) -> list[str]:
    lines = _need(path).read_text(encoding="utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.rstrip("\r") for line in lines]


@dataclass
class MlqeItem:
    src: str
    mt: str
    z_mean: float


def load_mlqe(data: Path, path: Path | None = None) -> list[MlqeItem]:
    """MLQE-PE DA rows: ru-en test20 by default, or the TSV at ``path``."""
    path = _need(path or data / SET_DIRS["mlqe"] / "da_test20" / "test20.ruen.df.short.tsv")
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows or "z_mean" not in rows[0]:
        raise DataError(f"{path}: no header with a z_mean column")
    head = rows[0]
    i_src, i_mt, i_z = head.index("original"), head.index("translation"), head.index("z_mean")
    items: list[MlqeItem] = []
    for n, row in enumerate(rows[1:], start=2):
        if len(row) != len(head):
            raise DataError(f"{path}: line {n}: {len(row)} columns, expected {len(head)}")
        items.append(MlqeItem(row[i_src].strip(), row[i_mt].strip(), float(row[i_z])))
    return items


@dataclass
class DemetrItem:
    id: int
    lang: str
    src: str
    mt: str
    pert: str
    check: bool


def _demetr_sort_key(name: str) -> tuple[int, int, str]:
    severity, ident = name.split("_")[:2]
    number = int(ident[2:]) if ident.startswith("id") and ident[2:].isdigit() else 0
    return SEVERITY_ORDER.get(severity, 9), number, name


def load_demetr(data: Path) -> dict[str, list[DemetrItem]]:
    folder = data / SET_DIRS["demetr"] / "dataset"
    files = sorted(folder.glob("*.json")) if folder.is_dir() else []
    if not files:
        raise DataError(f"{folder}: missing or holds no *.json perturbation files")
    out: dict[str, list[DemetrItem]] = {}
    for path in sorted(files, key=lambda p: _demetr_sort_key(p.stem)):
        records = json.loads(path.read_text(encoding="utf-8"))
        items: list[DemetrItem] = []
        for r in records:
            tag = r["lang_tag"]
            if tag not in DEMETR_LANGS:
                raise DataError(f"{path}: item {r['id']}: unknown lang_tag {tag!r}")
            items.append(
                DemetrItem(
                    int(r["id"]),
                    DEMETR_LANGS[tag],
                    r["src_sent"].strip(),
                    r["mt_sent"].strip(),
                    r["pert_sent"].strip(),
                    bool(r["pert_check"]),
                )
            )
        out[path.stem] = items
    return out


@dataclass
class RefresdItem:
    en: str
    fr: str
    label: str  # no_meaning_difference | some_meaning_difference | unrelated


def load_refresd(data: Path) -> list[RefresdItem]:
    path = _need(data / SET_DIRS["refresd"] / "REFreSD_sentence_labels")
    items: list[RefresdItem] = []
    for n, line in enumerate(_read_lines(path), start=1):
        if n == 1 and line.startswith("#"):
            continue  # the header (space-separated, unlike the rows)
        cols = line.split("\t")
        if len(cols) != 4:
            raise DataError(f"{path}: line {n}: {len(cols)} columns, expected 4")
        items.append(RefresdItem(cols[2].strip(), cols[3].strip(), cols[1].strip()))
    return items


@dataclass
class CedItem:
    src: str
    mt: str
    bad: bool


def load_ced22(data: Path) -> dict[str, list[CedItem]]:
    out: dict[str, list[CedItem]] = {}
    for lp in CED22_PAIRS:
        folder = data / SET_DIRS["ced22"] / "dev" / f"{lp}-dev"
        src = _read_lines(folder / "dev.src")
        mt = _read_lines(folder / "dev.mt")
        label = _read_lines(folder / "dev.label")
        if not len(src) == len(mt) == len(label):
            raise DataError(
                f"{folder}: dev.src/dev.mt/dev.label have {len(src)}/{len(mt)}/{len(label)} lines"
            )
        unknown = sorted(set(label) - {"OK", "BAD"})
        if unknown:
            raise DataError(f"{folder / 'dev.label'}: labels other than OK/BAD: {unknown[:3]}")
        out[lp] = [
            CedItem(s.strip(), m.strip(), lab == "BAD")
            for s, m, lab in zip(src, mt, label, strict=True)
        ]
    return out


def load_ced21(data: Path) -> dict[str, list[CedItem]]:
    """WMT21 CED dev: English into cs, de, ja and zh; targets tokenised as MLQE-PE's."""
    out: dict[str, list[CedItem]] = {}
    for lp in CED21_PAIRS:
        path = _need(data / SET_DIRS["ced21"] / f"{lp.replace('-', '')}_majority_dev.tsv")
        items = []
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            cols = line.split("\t")
            if len(cols) < 4 or cols[-1] not in ("NOT", "ERR"):
                raise DataError(f"{path}: line {n}: expected ID, source, MT, ..., NOT|ERR")
            items.append(CedItem(cols[1].strip(), detokenize(cols[2].strip()), cols[-1] == "ERR"))
        out[lp] = items
    return out


@dataclass
class HallucItem:
    src: str
    mt: str
    flags: dict[str, bool]

    @property
    def clean(self) -> bool:
        return not any(self.flags.values())


def load_halluc(data: Path) -> tuple[list[HallucItem], int]:
    """The annotated rows, and how many malformed rows were repaired.

    A source holding an unquoted comma spills into the next columns; such a row
    has more fields than the header, and the source is the extra fields joined.
    """
    path = _need(data / SET_DIRS["halluc"] / "annotated_corpus.csv")
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    head = rows[0] if rows else []
    if head[1:4] != ["src", "mt", "ref"] or tuple(head[4:]) != HALLUC_FLAGS:
        raise DataError(f"{path}: unexpected header {head}")
    items: list[HallucItem] = []
    repaired = 0
    for n, row in enumerate(rows[1:], start=2):
        extra = len(row) - len(head)
        if extra < 0:
            raise DataError(f"{path}: row {n}: {len(row)} fields, expected {len(head)}")
        if extra:
            row = [row[0], ",".join(row[1 : 2 + extra]), *row[2 + extra :]]
            repaired += 1
        values = row[4:]
        if any(v not in ("0", "1") for v in values):
            raise DataError(f"{path}: row {n}: flags {values} are not 0/1")
        flags = {k: v == "1" for k, v in zip(HALLUC_FLAGS, values, strict=True)}
        items.append(HallucItem(row[1].strip(), row[2].strip(), flags))
    return items, repaired


# ----------------------------------------------------------------------------- scoring


class MemoEncoder:
    """Remembers every vector of this run, so a text is embedded once.

    DEMETR scores the same sources and MT against 35 perturbation files; this
    keeps that from re-embedding them (with or without the on-disk cache).
    Duck-typed (``Aligner(encoder=...)`` takes any object with these methods),
    so the script needs nothing beyond the public API.
    """

    def __init__(self, inner: typing.Any) -> None:
        self.inner = inner
        self.name, self.dim, self.device = inner.name, inner.dim, inner.device
        self.memo: dict[str, np.ndarray] = {}
        self.sent = 0  # texts passed on to the inner encoder

    def encode(
        self, texts: Sequence[str], batch_size: int = 64, progress_bar: bool = False
    ) -> np.ndarray:
        todo = [t for t in dict.fromkeys(texts) if t not in self.memo]
        if todo:
            vecs = self.inner.encode(todo, batch_size, progress_bar)
            self.memo.update(zip(todo, vecs, strict=True))
            self.sent += len(todo)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self.memo[t] for t in texts])

    def token_states(self, texts: Sequence[str], batch_size: int = 32) -> typing.Any:
        return self.inner.token_states(texts, batch_size)

    def signature(self) -> dict[str, object]:
        return typing.cast(dict[str, object], self.inner.signature())

    def close(self) -> None:
        for member in _members(self.inner):
            close = getattr(member, "close", None)
            if close is not None:
                close()


def _members(enc: object) -> list[typing.Any]:
    """The models of an ensemble, or the encoder itself."""
    return list(getattr(enc, "members", None) or [enc])


def model_encodes(memo: MemoEncoder) -> int:
    """Texts the model itself embedded so far (on-disk cache misses, when it is on)."""
    cached = [m for m in _members(memo.inner) if hasattr(m, "misses")]
    return max(int(m.misses) for m in cached) if cached else memo.sent


@dataclass
class Batch:
    """The scored pairs of one batch, in input order."""

    drift: np.ndarray
    similarity: np.ndarray
    flags: list[list[str]]
    seconds: float

    def has(self, flag: str | None = None) -> np.ndarray:
        """Per pair: the flag was raised (any flag when ``flag`` is None)."""
        return np.array([bool(f) if flag is None else flag in f for f in self.flags])


def _batch(beads: Sequence[ScoredBead], seconds: float) -> Batch:
    return Batch(
        np.array([b.drift for b in beads], dtype=float),
        np.array([np.nan if b.similarity is None else b.similarity for b in beads]),
        [list(b.flags) for b in beads],
        seconds,
    )


def score_batch(
    sources: Sequence[str],
    targets: Sequence[str],
    src_langs: str | Sequence[str],
    tgt_lang: str,
    aligner: Aligner,
    label: str,
) -> Batch:
    """Score pair ``i`` = (sources[i], targets[i]) as ``align score --pairs`` does.

    With one source language this *is* the ``--pairs`` path
    (:meth:`Aligner.score_pair_documents`). With several (DEMETR), the batch is embedded
    and normalised as one file, and ``aligner.scorer.score`` is run once per source
    language over the whole batch's documents with only that language's beads,
    so that each pair's numbers are read in its own language; drift values
    are otherwise those of scoring the batch as one file.
    """
    started = time.perf_counter()
    if isinstance(src_langs, str):
        pairs = list(zip(sources, targets, strict=True))
        alignment = aligner.score_pairs(pairs, src_langs, tgt_lang, name=label)
        return _batch(alignment.beads, time.perf_counter() - started)
    if len(src_langs) != len(sources):
        raise ValueError("one source language per pair")
    source = sentences_document(sources, "en", label)  # lang set per language below
    target = sentences_document(targets, tgt_lang, label)
    enc, size = aligner.encoder, aligner.batch_size

    def embed(texts: Sequence[str]) -> np.ndarray:  # the memo embeds each text once
        return enc.encode(list(texts), size, False)

    scored: list[ScoredBead | None] = [None] * len(sources)
    for lang in sorted(set(src_langs)):
        idx = [i for i, code in enumerate(src_langs) if code == lang]
        beads = [Bead((i,), (i,)) for i in idx]
        doc = dataclasses.replace(source, lang=lang)
        scored_lang = aligner.scorer.score(doc, target, beads, embed, pairs_only=True)
        for i, b in zip(idx, scored_lang, strict=True):
            scored[i] = b
    return _batch([b for b in scored if b is not None], time.perf_counter() - started)


# ----------------------------------------------------------------------------- rows


@dataclass
class Row:
    set: str
    subset: str
    n: int
    pos: int | None  # positives (detection sets); None where it does not apply
    figure: str
    value: float
    target: str = ""  # e.g. ">=0.62 MISSED"
    details: str = ""
    extra: dict[str, object] = field(default_factory=dict)


def _f(x: float, digits: int = 3) -> str:
    return "nan" if x is None or math.isnan(x) else f"{x:.{digits}f}"


def _target(value: float, goal: float) -> str:
    ok = not math.isnan(value) and value >= goal
    return f">={goal:.2f} {'met' if ok else 'MISSED'}"


@dataclass
class SetResult:
    rows: list[Row]
    seconds: float
    pairs: int
    embedded: int  # texts the model embedded for this set (cache misses)
    notes: list[str] = field(default_factory=list)


Context = tuple[Aligner, int | None]


def bench_mlqe(data: Path, ctx: Context) -> SetResult:
    aligner, limit = ctx
    items = load_mlqe(data)
    keep = [items[i] for i in _seeded_sample(len(items), limit)]
    b = score_batch([x.src for x in keep], [x.mt for x in keep], "ru", "en", aligner, "mlqe:test20")
    z = np.array([x.z_mean for x in keep])
    rho, r = spearman(-b.drift, z), pearson(-b.drift, z)
    rho_cos = spearman(b.similarity, z)
    zero = float((b.drift == 0).mean())
    pps = len(keep) / max(b.seconds, 1e-9)
    details = (
        f"spearman(cos) {_f(rho_cos)}; drift=0 on {zero:.0%}; "
        f"{pps:.1f} pairs/s ({len(keep)} in {b.seconds:.1f} s, embed+score)"
    )
    extra: dict[str, object] = {
        "spearman_cos": rho_cos,
        "drift_zero_share": zero,
        "pairs_per_s": pps,
    }
    rows = [
        Row(
            "mlqe",
            "test20 ru-en",
            len(keep),
            None,
            "spearman",
            rho,
            _target(rho, MLQE_TARGET),
            details,
            extra,
        ),
        Row("mlqe", "test20 ru-en", len(keep), None, "pearson", r, "", "-drift vs DA z_mean"),
    ]
    return SetResult(rows, b.seconds, len(keep), 0)


def bench_demetr(data: Path, ctx: Context) -> SetResult:
    aligner, limit = ctx
    files = load_demetr(data)
    common = set.intersection(*({x.id for x in items} for items in files.values()))
    ids = sorted(common)
    chosen = {ids[i] for i in _seeded_sample(len(ids), None if limit is None else limit // 2)}
    rows: list[Row] = []
    seconds = 0.0
    pairs = 0
    identical_total = 0
    for name, items in files.items():
        sel = [x for x in items if x.id in chosen]
        k = len(sel)
        b = score_batch(
            [x.src for x in sel] * 2,
            [x.mt for x in sel] + [x.pert for x in sel],
            [x.lang for x in sel] * 2,
            "en",
            aligner,
            f"demetr:{name}",
        )
        seconds += b.seconds
        pairs += 2 * k
        check = np.array([x.check for x in sel], dtype=bool)
        d_mt, d_pert = b.drift[:k][check], b.drift[k:][check]
        c_mt, c_pert = b.similarity[:k][check], b.similarity[k:][check]
        n = int(check.sum())
        identical = sum(1 for x in sel if x.check and x.pert == x.mt)
        identical_total += identical
        up = float((d_pert > d_mt).mean()) if n else math.nan
        ties = float((d_pert == d_mt).mean()) if n else math.nan
        cos_down = float((c_pert < c_mt).mean()) if n else math.nan
        delta = float(np.median(d_pert - d_mt)) if n else math.nan
        target = _target(up, DEMETR_TARGET) if name in DEMETR_TARGET_TYPES else ""
        details = f"ties {_f(ties)}; cos down {_f(cos_down)}; median d {delta:+.3f}"
        if identical:
            details += f"; {identical} checked items identical to the MT"
        if name == "base_id35_reference":
            details += " (sanity: ~0.5 expected)"
        elif name == "base_id33_empty":
            details += " (sanity: pert_sent is '.', ~1 expected)"
        elif name == "base_id33_shuffle_trans":
            details += " (sanity: ~1 expected)"
        extra: dict[str, object] = {
            "ties": ties,
            "cos_down": cos_down,
            "median_delta_drift": delta,
            "batch_pairs": 2 * k,
            "identical_to_mt": identical,
            "mean_drift_mt": float(d_mt.mean()) if n else math.nan,
            "mean_drift_perturbed": float(d_pert.mean()) if n else math.nan,
        }
        rows.append(Row("demetr", name, n, None, "share_up", up, target, details, extra))
    met = [r for r in rows if r.subset in DEMETR_TARGET_TYPES]
    n_met = sum(1 for r in met if r.target.endswith(" met"))
    rows.append(
        Row(
            "demetr",
            "target types",
            sum(r.n for r in met),
            None,
            "types_met",
            float(n_met),
            f"{len(met)}/{len(met)} {'met' if n_met == len(met) else 'MISSED'}",
            f"{n_met} of {len(met)} target types reach share_up >= {DEMETR_TARGET:.2f}",
        )
    )
    notes = [
        f"demetr: {len(chosen)} source sentences x {len(files)} files; each batch "
        f"{2 * len(chosen)} pairs (MT + perturbed MT of every sentence); "
        f"{identical_total} sampled pert_check items have pert_sent == mt_sent (count as ties)"
    ]
    return SetResult(rows, seconds, pairs, 0, notes)


def bench_refresd(data: Path, ctx: Context) -> SetResult:
    aligner, limit = ctx
    items = load_refresd(data)
    keep = [items[i] for i in _seeded_sample(len(items), limit)]
    b = score_batch([x.en for x in keep], [x.fr for x in keep], "en", "fr", aligner, "refresd")
    labels = np.array([x.label for x in keep])
    none = labels == "no_meaning_difference"
    divergent = ~none

    def auc_of(cls: str) -> float:
        sel = none | (labels == cls)
        return auc(b.drift[sel], (labels == cls)[sel])

    a = auc(b.drift, divergent)
    some, unrel = auc_of("some_meaning_difference"), auc_of("unrelated")
    details = (
        f"some vs none {_f(some)}; unrelated vs none {_f(unrel)}; "
        f"any flag: auc {_f(auc(b.has(), divergent))}"
    )
    extra: dict[str, object] = {"auc_some": some, "auc_unrelated": unrel}
    rows = [
        Row(
            "refresd",
            "some+unrelated vs none",
            len(keep),
            int(divergent.sum()),
            "auc",
            a,
            "",
            details,
            extra,
        )
    ]
    return SetResult(rows, b.seconds, len(keep), 0)


def bench_ced22(data: Path, ctx: Context) -> SetResult:
    return _bench_ced("ced22", load_ced22(data), ctx)


def bench_ced21(data: Path, ctx: Context) -> SetResult:
    return _bench_ced("ced21", load_ced21(data), ctx)


def _bench_ced(name: str, sets: dict[str, list[CedItem]], ctx: Context) -> SetResult:
    """ROC AUC of drift for critical errors, and MCC, one batch per language pair."""
    aligner, limit = ctx
    rows: list[Row] = []
    seconds = 0.0
    pairs = 0
    for lp, items in sets.items():
        keep = [items[i] for i in _seeded_sample(len(items), limit)]
        src_lang, tgt_lang = lp.split("-")
        b = score_batch(
            [x.src for x in keep],
            [x.mt for x in keep],
            src_lang,
            tgt_lang,
            aligner,
            f"{name}:{lp}",
        )
        seconds += b.seconds
        pairs += len(keep)
        bad = np.array([x.bad for x in keep])
        a = auc(b.drift, bad)
        best, threshold = best_mcc(b.drift, bad)
        honest = mcc(b.has(), bad)
        details = (
            f"mcc* {_f(best)} at drift>={_f(threshold)} (threshold tuned on this dev set: "
            f"optimistic); mcc(flags) {_f(honest)}"
        )
        extra: dict[str, object] = {
            "mcc_best": best,
            "mcc_threshold": threshold,
            "mcc_flags": honest,
        }
        rows.append(Row(name, f"dev {lp}", len(keep), int(bad.sum()), "auc", a, "", details, extra))
    return SetResult(rows, seconds, pairs, 0)


def _halluc_sample(items: Sequence[HallucItem], limit: int | None) -> list[int]:
    """All rows, or a class-balanced seeded sample: half flagged rows, half clean."""
    if limit is None or limit >= len(items):
        return list(range(len(items)))
    flagged = [i for i, x in enumerate(items) if not x.clean]
    clean = [i for i, x in enumerate(items) if x.clean]
    k_flag = min(len(flagged), limit // 2)
    k_clean = min(len(clean), limit - k_flag)
    picked = [flagged[i] for i in _seeded_sample(len(flagged), k_flag)]
    picked += [clean[i] for i in _seeded_sample(len(clean), k_clean, SAMPLE_SEED + 1)]
    return sorted(picked)


# The library's flags for an annotated hallucination category.
CATEGORY_FLAGS: dict[str, tuple[str, ...]] = {
    "omission": ("partial_omission", "entity_missing"),
    "named-entities": ("entity_mismatch", "entity_missing"),
}


def bench_halluc(data: Path, ctx: Context) -> SetResult:
    aligner, limit = ctx
    items, repaired = load_halluc(data)
    keep = [items[i] for i in _halluc_sample(items, limit)]
    b = score_batch([x.src for x in keep], [x.mt for x in keep], "de", "en", aligner, "halluc")
    clean = np.array([x.clean for x in keep])
    number = b.has("number_mismatch")
    anyflag = b.has()
    categories: list[tuple[str, Callable[[HallucItem], bool]]] = [
        ("omission", lambda x: x.flags["omission"]),
        ("named-entities", lambda x: x.flags["named-entities"]),
        ("hallucination", lambda x: any(x.flags[k] for k in HALLUCINATION_PARTS)),
        *((f"  {k}", (lambda x, k=k: x.flags[k])) for k in HALLUCINATION_PARTS),
    ]
    rows: list[Row] = []
    for name, test in categories:
        pos = np.array([test(x) for x in keep])
        sel = pos | clean
        a = auc(b.drift[sel], pos[sel])
        a_num = auc(number[sel].astype(float), pos[sel])
        a_any = auc(anyflag[sel].astype(float), pos[sel])
        rate = float(number[pos].mean()) if pos.any() else math.nan
        details = (
            f"flag auc: number_mismatch {_f(a_num)} (raised on {_f(rate, 2)} of these, "
            f"{_f(float(number[clean].mean()), 2)} of clean), any flag {_f(a_any)}"
        )
        extra: dict[str, object] = {"auc_number_mismatch": a_num, "auc_any_flag": a_any}
        own = CATEGORY_FLAGS.get(name)
        if own is not None:  # the flags made for this kind of error
            raised = np.any([b.has(f) for f in own], axis=0)
            a_own = auc(raised[sel].astype(float), pos[sel])
            details += (
                f"; {'|'.join(own)} auc {_f(a_own)} (raised on "
                f"{_f(float(raised[pos].mean()), 2)} of these, "
                f"{_f(float(raised[clean].mean()), 2)} of clean)"
            )
            extra["auc_own_flags"] = a_own
        rows.append(
            Row(
                "halluc",
                f"{name} vs clean",
                int(sel.sum()),
                int(pos.sum()),
                "auc",
                a,
                "",
                details,
                extra,
            )
        )
    notes = [
        f"halluc: {len(keep)} rows ({int((~clean).sum())} with a flag, {int(clean.sum())} clean"
        + ("; class-balanced sample" if limit is not None and limit < len(items) else "")
        + f"); {repaired} malformed row(s) repaired; omission/addition flags need alignment "
        "and cannot fire on 1-1 pairs"
    ]
    return SetResult(rows, b.seconds, len(keep), 0, notes)


WORDS_SAMPLE = 300  # post-edits changed, without --limit
WORDS_SEED = 3  # perturb's seed


def bench_words(data: Path, ctx: Context) -> SetResult:
    """One word changed in ru-en post-edits: does drift rise? (DEMETR's test, in ru-en)."""
    from fit_drift import perturb

    aligner, limit = ctx
    folder = data / SET_DIRS["words"] / "pe_test20"
    src = [detokenize(t) for t in _read_lines(folder / "test20.src")]
    pe = [detokenize(t) for t in _read_lines(folder / "test20.pe")]
    if len(src) != len(pe):
        raise DataError(f"{folder}: test20.src and test20.pe differ in length")
    keep = _seeded_sample(len(src), limit or WORDS_SAMPLE, seed=5)
    src, pe = [src[i] for i in keep], [pe[i] for i in keep]
    rows: list[Row] = []
    seconds, pairs = 0.0, 0
    for kind, items in perturb(pe, seed=WORDS_SEED).items():
        idx = [i for i, _ in items]
        b = score_batch(
            [src[i] for i in idx] * 2,
            [pe[i] for i in idx] + [t for _, t in items],
            "ru",
            "en",
            aligner,
            f"words:{kind}",
        )
        seconds += b.seconds
        pairs += 2 * len(idx)
        k = len(idx)
        up = float((b.drift[k:] > b.drift[:k]).mean()) if k else math.nan
        flagged = float(b.has()[k:].mean()) if k else math.nan
        clean = float(b.has()[:k].mean()) if k else math.nan
        details = f"flagged {flagged:.2f} (post-edits {clean:.2f})"
        rows.append(Row("words", f"ru-en {kind}", k, None, "share_up", up, "", details))
    return SetResult(rows, seconds, pairs, 0)


def _reads(aligner: Aligner, sl: str, tl: str) -> tuple[bool, str]:
    """Whether the language pair reads through a head of its own, and in words what it
    reads through (its head, the mean of the heads, or the shared model)."""
    model = aligner.scorer.model
    kind = model.for_pair(sl, tl).kind if model is not None else "shared"
    words = {"head": "the pair's own head", "heads": "the mean of the heads"}
    return kind == "head", words.get(kind, "the shared model")


def bench_mlqe_dev(data: Path, ctx: Context) -> SetResult:
    """Spearman(-drift, DA z) on each language pair's dev split, a batch per pair.

    ru-en dev is read from ``mlqe-pe_ru-en/da_dev``, the six others from
    ``mlqe-pe_other/<pair>/dev.*.tsv``; ``--limit`` (default 400) pairs each.
    ru-en has a head of its own (fitted on its train *and dev* rows, so its dev
    figure is not held out); so may others (``models/drift/<model>.json``).
    """
    aligner, limit = ctx
    rows: list[Row] = []
    total, seconds = 0, 0.0
    for pair in MLQE_DEV_PAIRS:
        code = pair.replace("-", "")
        if pair == "ru-en":
            path = data / SET_DIRS["mlqe"] / "da_dev" / "dev.ruen.df.short.tsv"
        else:
            path = data / SET_DIRS["mlqe-dev"] / pair / f"dev.{code}.df.short.tsv"
        items = load_mlqe(data, path)
        keep = [items[i] for i in _seeded_sample(len(items), limit or MLQE_DEV_DEFAULT)]
        sl, tl = pair.split("-")
        b = score_batch([x.src for x in keep], [x.mt for x in keep], sl, tl, aligner, pair)
        z = np.array([x.z_mean for x in keep])
        rho = spearman(-b.drift, z)
        head, reads = _reads(aligner, sl, tl)
        details = f"spearman(cos) {_f(spearman(b.similarity, z))}; {reads}"
        rows.append(
            Row(
                "mlqe-dev",
                f"dev {pair}",
                len(keep),
                None,
                "spearman",
                rho,
                _target(rho, MLQE_DEV_TARGET),
                details,
                {"head": head},
            )
        )
        total, seconds = total + len(keep), seconds + b.seconds
    return SetResult(rows, seconds, total, 0)


def load_mqm_enru(data: Path) -> list[MlqeItem]:
    """WMT22 en-ru MQM dev segments: source, MT and the MQM score (as ``z_mean``)."""
    path = _need(data / SET_DIRS["mqm-enru"] / "dev2022" / "en-ru-mqm.2022_dev.csv")
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    if not rows or not {"src", "mt", "score"} <= set(rows[0]):
        raise DataError(f"{path}: no header with src, mt and score columns")
    try:
        return [MlqeItem(r["src"].strip(), r["mt"].strip(), float(r["score"])) for r in rows]
    except ValueError as err:
        raise DataError(f"{path}: a score is not a number ({err})") from err


def bench_mqm_enru(data: Path, ctx: Context) -> SetResult:
    """Spearman(-drift, MQM score) of WMT22 en-ru MT: one batch, as ``mlqe``."""
    aligner, limit = ctx
    items = load_mqm_enru(data)
    keep = [items[i] for i in _seeded_sample(len(items), limit)]
    b = score_batch([x.src for x in keep], [x.mt for x in keep], "en", "ru", aligner, "mqm:en-ru")
    score = np.array([x.z_mean for x in keep])
    _, reads = _reads(aligner, "en", "ru")
    details = f"spearman(cos) {_f(spearman(b.similarity, score))}; {reads}"
    rho = spearman(-b.drift, score)
    row = Row("mqm-enru", "dev en-ru", len(keep), None, "spearman", rho, "", details)
    return SetResult([row], b.seconds, len(keep), 0)


BENCHES: dict[str, Callable[[Path, Context], SetResult]] = {
    "mlqe": bench_mlqe,
    "mlqe-dev": bench_mlqe_dev,
    "mqm-enru": bench_mqm_enru,
    "words": bench_words,
    "demetr": bench_demetr,
    "refresd": bench_refresd,
    "ced22": bench_ced22,
    "ced21": bench_ced21,
    "halluc": bench_halluc,
}


# ----------------------------------------------------------------------------- output


def _csv_sets(value: str) -> list[str]:
    items = [v.strip() for v in value.split(",") if v.strip()]
    bad = [v for v in items if v not in ALL_SETS]
    if bad or not items:
        raise argparse.ArgumentTypeError(
            f"{value!r}: choose from {', '.join(ALL_SETS)} (comma-separated)"
        )
    return list(dict.fromkeys(items))


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        description="Benchmark driftalign's drift scores on the shared drift sets "
        "(MLQE-PE correlation, DEMETR perturbations, REFreSD, WMT22 CED, hallucinations).",
    )
    p.add_argument("--data", type=Path, required=True, help="the shared drift folder")
    p.add_argument("--model", default="e5", help="registry name or model directory (e5)")
    p.add_argument(
        "--sets",
        type=_csv_sets,
        default=list(ALL_SETS),
        help=f"comma-separated, from {','.join(ALL_SETS)} (default: all)",
    )
    p.add_argument(
        "--limit",
        type=int,
        metavar="N",
        help="at most N pairs per scored batch (seeded sample); default: everything",
    )
    p.add_argument("--device", help="cpu, cuda, ... (default: the encoder's choice)")
    p.add_argument("--no-cache", action="store_true", help="no on-disk embedding cache")
    p.add_argument("--json", type=Path, metavar="OUT.json", help="also write the rows as JSON")
    args = p.parse_args(argv)
    if args.limit is not None and args.limit < 2:
        p.error("--limit must be at least 2")
    return args


def header(args: argparse.Namespace, aligner: Aligner, load_s: float) -> dict[str, object]:

    cfg = aligner.scorer
    return {
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": machine(),
        "driftalign": __version__,
        "model": args.model,
        "encoder": aligner.encoder.signature(),
        "model_load_s": round(load_s, 1),
        "drift_config": cfg.signature(),
        "data": str(args.data),
        "sets": args.sets,
        "limit": args.limit,
        "sample_seed": SAMPLE_SEED,
        "embedding_cache": not args.no_cache,
    }


def header_lines(head: dict[str, object]) -> list[str]:
    host = typing.cast(dict[str, object], head["machine"])
    cfg = typing.cast(dict[str, object], head["drift_config"])
    encoder = typing.cast(dict[str, object], head["encoder"])
    limit = head["limit"]
    lines = [
        f"# driftalign {head['driftalign']} drift benchmark, {head['date']}",
        f"# machine: {host['cpu_count']} CPUs (torch threads {host['torch_threads']}), "
        f"{host['platform']}, Python {host['python']}, torch {host['torch']}",
        f"# model: {head['model']} ({encoder.get('model')}, dim {encoder.get('dim')}, "
        f"{encoder.get('device')}; loaded in {head['model_load_s']} s, excluded from timings)",
        "# DriftConfig: " + " ".join(f"{k}={v}" for k, v in cfg.items()),
        f"# data: {head['data']}; sets: {','.join(typing.cast(list[str], head['sets']))}; "
        + (
            f"limit: {limit} pairs per batch (seeded sample, seed {head['sample_seed']})"
            if limit is not None
            else "limit: none (every pair)"
        )
        + f"; embedding cache {'on' if head['embedding_cache'] else 'off (--no-cache)'}",
        "# drift is normalised per batch (as `align score --pairs` does per file): "
        "see the module docstring for what a batch is",
    ]
    if isinstance(limit, int) and limit < MIN_BATCH:
        lines.append(f"# WARNING: batches of under {MIN_BATCH} pairs: drift normalisation is rough")
    return lines


def table(rows: Sequence[Row]) -> str:
    heads = ("set", "subset", "n", "pos", "figure", "value", "target", "details")
    right = {"n", "pos", "value"}
    cells = [
        (
            r.set,
            r.subset,
            str(r.n),
            "-" if r.pos is None else str(r.pos),
            r.figure,
            f"{r.value:.0f}" if r.figure == "types_met" else _f(r.value),
            r.target,
            r.details,
        )
        for r in rows
    ]
    return text_table(heads, right, cells)


def _json_safe(x: object) -> object:
    if isinstance(x, float) and not math.isfinite(x):
        return None
    if isinstance(x, dict):
        return {k: _json_safe(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_json_safe(v) for v in x]
    return x


# ----------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        check_data_root(args.data, args.sets)
    except DataError as exc:
        print(f"benchmark_drift: error: {exc}", file=sys.stderr)
        return DATA_EXIT

    results: dict[str, SetResult] = {}
    try:
        t0 = time.perf_counter()
        inner = Aligner(args.model, args.device, cache=not args.no_cache).encoder
        for member in _members(inner):  # lazy set-up counted as loading, not as scoring
            getattr(member, "inner", member).encode(["Warm-up sentence."])
        enc = MemoEncoder(inner)
        aligner = Aligner(args.model, encoder=enc)  # type: ignore[arg-type]  # duck-typed
        head = header(args, aligner, time.perf_counter() - t0)
        for text in header_lines(head):
            print(text, flush=True)
        for name in args.sets:
            before = model_encodes(enc)
            t1 = time.perf_counter()
            result = BENCHES[name](args.data, (aligner, args.limit))
            result.embedded = model_encodes(enc) - before
            results[name] = result
            print(
                f"# {name}: {result.pairs} pairs scored in {time.perf_counter() - t1:.1f} s "
                f"({result.embedded} texts embedded by the model)",
                flush=True,
            )
    except DataError as exc:
        print(f"benchmark_drift: error: {exc}", file=sys.stderr)
        return DATA_EXIT
    except AlignError as exc:
        print(f"benchmark_drift: error: {exc}", file=sys.stderr)
        return getattr(exc, "exit_code", 1)

    rows = [r for res in results.values() for r in res.rows]
    print()
    print(table(rows))
    print()
    for res in results.values():
        for note in res.notes:
            print(f"# {note}")
    print(
        "# share_up: drift(perturbed) > drift(MT), ties fail; auc: Mann-Whitney, ties 1/2; "
        "mcc*: threshold tuned on the same dev set (optimistic)"
    )
    print(
        "# targets: MLQE spearman >= 0.62 (no reference); DEMETR share_up >= 0.95 on the "
        "marked types; seed pair unflagged (checked with `align run`, not here)"
    )

    if args.json is not None:
        payload = {
            **head,
            "sets_summary": {
                k: {
                    "seconds": v.seconds,
                    "pairs": v.pairs,
                    "embedded": v.embedded,
                    "notes": v.notes,
                }
                for k, v in results.items()
            },
            "rows": [dataclasses.asdict(r) for r in rows],
        }
        text = json.dumps(_json_safe(payload), indent=2, ensure_ascii=False)
        args.json.write_text(text + "\n", encoding="utf-8")
        print(f"# rows written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
