"""Fit the drift model for an encoder and write ``models/drift/<model>.json``.

Regenerates the shipped parameter file from the shared data, with no
download: the encoder is built from its PyPI package as usual.

Usage::

    python scripts/fit_drift.py --data ../shared/data                  # e5
    python scripts/fit_drift.py --data ../shared/data --out /tmp/e5.json

What it does (see :mod:`align.drift_model` for why):

1. Samples (seeded) every set it reads, :func:`training_sets`: MLQE-PE DA
   train rows of ru-en (250) and of en-de, en-zh, et-en, ne-en, ro-en, si-en
   (100 each); STS17 ar-en (120); ru-en post-edits (80) and synthetic meaning
   changes of them (81, :func:`perturb`), and one word changed in the English MT of
   every DA train row of the pairs into English (:data:`WORD_CHANGED`); faithful rows:
   the gold beads of
   Text+Berg *dev* (100) and :data:`FORMULAS` (41 greetings, thanks, "the floor
   is yours", written for this project). Held out, only reported: MLQE-PE
   ru-en test20 (200), each other pair's dev (60), Text+Berg test (15 gold
   beads of each of the 7 documents) and ParIce (10 of each of 10).
2. Embeds them once and stores the raw ingredients (sentence vectors, token
   coverage statistics, token counts, vectors of unrelated sentences of the
   same document or batch) in ``--cache`` (``/tmp/drift_features``): about
   2,000 pairs, 40 minutes of e5 in four processes on a shared 2-core machine
   the first time; 18 seconds afterwards.
3. Fits the slopes by ridge on rows centred *within* each set (a language
   pair's DA z-scores are not comparable with another's), the penalty chosen
   by leave-one-language-pair-out Spearman on the DA train rows.
4. Calibrates a logistic P(mean DA < 70) on the DA train rows and STS17 (score
   < 2.5 as not preserved), with the faithful sets as preserved rows
   (``--faithful-weight``), and sets ``low_similarity`` to the lowest drift
   (from 0.5) that flags at most ``--max-faithful-flagged`` of each faithful
   training set; reports its precision per pair.
5. Fits a head of its own for each language pair of :data:`PAIR_HEADS`
   (ru-en: all 1,000 MLQE-PE dev pairs and all 7,000 train pairs, with synthetic
   meaning changes of 1,500 of their MT, :data:`HEAD_SYNTHETIC_ROWS`; en-de, en-zh,
   et-en, ne-en, ro-en, si-en: all 7,000 train pairs each, 400 dev pairs held out):
   ridge on :func:`align.drift_model.head_matrix`, penalty by 5-fold
   cross-validation, its own calibration (out of fold) and ``low_similarity``
   (see :func:`fit_pair_head`); a head below :data:`MIN_HEAD_CV` is not written
   (en-de). The six heads' rows take about 40 minutes of e5 on 2 cores the first
   time. ar-en and zh-en, with faithful rows but no rated MT, get the shared model
   with its logistic moved down to where those rows read (:data:`ANCHORED_PAIRS`).
6. Keeps the partial omission / addition thresholds of the existing file
   (they do not depend on these features); ``--refit-spans`` refits them
   from 2,000 MLQE-PE post-edits (slow).

Prints the penalty table and the held-out figures; writes one small JSON file.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import functools
import hashlib
import json
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchlib import detokenize  # noqa: E402

from align.api import load_encoder  # noqa: E402
from align.coverage import POOL_LAYER, pair_coverage  # noqa: E402
from align.drift import gloss, word_gains  # noqa: E402
from align.drift_model import (  # noqa: E402
    FAITHFUL_MEDIAN_DRIFT,
    feature_matrix,
    head_matrix,
    margin,
    pooled_vectors,
    scalar_names,
)

MLQE = "mlqe-pe_ru-en"
# What load_ingredients stores per set, part of each cache file's key: a cache written
# before the heads read mean token vectors (ps, pt) is not read as if it had them
INGREDIENTS = f"pooled@{POOL_LAYER}"
MEANING_PRESERVED = 70.0  # DA guideline: 70+ means "most of the meaning is preserved"


def read_da(data: Path, split: str) -> tuple[list[str], list[str], np.ndarray, np.ndarray]:
    path = data / MLQE / f"da_{split}" / f"{split}.ruen.df.short.tsv"
    return read_da_file(path)


def read_da_file(path: Path) -> tuple[list[str], list[str], np.ndarray, np.ndarray]:
    """(sources, translations, z_mean, mean DA) of an MLQE-PE ``*.df.short.tsv`` file."""
    src, mt, z, mean = [], [], [], []
    with open(path, encoding="utf-8", newline="") as fh:
        rows = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(rows)
        col = {name: i for i, name in enumerate(header)}
        for row in rows:
            src.append(detokenize(row[col["original"]]))
            mt.append(detokenize(row[col["translation"]]))
            z.append(float(row[col["z_mean"]]))
            mean.append(float(row[col["mean"]]))
    return src, mt, np.array(z), np.array(mean)


def read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


_CONTENT = re.compile(r"\b[A-Za-z]{4,}\b")
_NUMBER = re.compile(r"\b\d+\b")
_AUX = re.compile(r"\b(is|are|was|were|has|have|had|can|will|would|should|could|does|do|did)\b")
_NEG = re.compile(r" not\b|n't\b")


def perturb(texts: list[str], seed: int = 0) -> dict[str, list[tuple[int, str]]]:
    """Synthetic meaning changes of faithful translations: kind -> [(index, changed text)].

    Each change alters one thing a reviewer must not miss, the way DEMETR's
    perturbations do, but made here from training-side data: a content word
    dropped, a content word from another sentence added or swapped in, a
    negation inserted or removed, a number changed.
    """
    rng = np.random.default_rng(seed)
    words = [m.group() for t in texts for m in _CONTENT.finditer(t)]
    out: dict[str, list[tuple[int, str]]] = {
        k: [] for k in ("omit", "add", "replace", "negate", "number")
    }
    for i, t in enumerate(texts):
        content = list(_CONTENT.finditer(t))
        if content:
            m = content[rng.integers(len(content))]
            other = words[rng.integers(len(words))]
            out["omit"].append((i, (t[: m.start()] + t[m.end() :]).replace("  ", " ").strip()))
            out["add"].append((i, t[: m.start()] + other.lower() + " " + t[m.start() :]))
            out["replace"].append((i, t[: m.start()] + other.lower() + t[m.end() :]))
        if _NEG.search(t):
            out["negate"].append(
                (i, _NEG.sub(lambda n: "" if n.group().startswith(" ") else "", t, 1))
            )
        elif aux := _AUX.search(t):
            out["negate"].append((i, t[: aux.end()] + " not" + t[aux.end() :]))
        if num := _NUMBER.search(t):
            n = int(num.group())
            new = str(n * 10 if n < 10 else n + int(rng.integers(1, max(2, n // 2))))
            out["number"].append((i, t[: num.start()] + new + t[num.end() :]))
    return out


OTHER = ("en-de", "en-zh", "et-en", "ne-en", "ro-en", "si-en")
# DA train rows of each of those pairs' own head: all of them. With 1,500 (until
# 2026-12-03) the heads ranked their 400 held-out dev rows at Spearman en-zh 0.325, et-en
# 0.550, ne-en 0.640, ro-en 0.681, si-en 0.489; with 7,000 at 0.368, 0.598, 0.658, 0.717,
# 0.498 (en-de's 5-fold figure 0.10 -> 0.12: still not shipped)
HEAD_ROWS = 7000
SAMPLE_SEED = 0

# Faithful formulas written for this project (not taken from any test or issue): the
# short, fixed phrases of meetings and press conferences that a model fitted on news MT
# never sees, in several languages and both directions. Training rows at a faithful z.
FORMULAS: list[tuple[str, str, str, str]] = [
    ("ru", "Спасибо большое.", "en", "Thank you very much."),
    ("ru", "Добрый вечер, дамы и господа.", "en", "Good evening, ladies and gentlemen."),
    ("ru", "Слово предоставляется министру.", "en", "The floor is given to the minister."),
    ("ru", "Прошу вас, вам слово.", "en", "Please, the floor is yours."),
    ("ru", "Благодарю за внимание.", "en", "Thank you for your attention."),
    ("ru", "Добро пожаловать в Москву.", "en", "Welcome to Moscow."),
    ("ru", "Рад вас видеть.", "en", "I am glad to see you."),
    ("ru", "Спасибо, господин председатель.", "en", "Thank you, Mr Chairman."),
    ("ru", "Заседание объявляется открытым.", "en", "The meeting is declared open."),
    ("ru", "Переходим к следующему вопросу.", "en", "Let us move on to the next item."),
    ("ru", "Есть ли вопросы?", "en", "Are there any questions?"),
    ("ru", "До свидания.", "en", "Goodbye."),
    ("ar", "مرحباً بكم.", "en", "Welcome."),
    ("ar", "صباح الخير.", "en", "Good morning."),
    ("ar", "شكراً لكم على حسن الاستقبال.", "en", "Thank you for the warm welcome."),
    ("ar", "الكلمة لكم.", "en", "The floor is yours."),
    ("ar", "أعطي الكلمة لوزير الخارجية.", "en", "I give the floor to the foreign minister."),
    ("ar", "شكراً على انتباهكم.", "en", "Thank you for your attention."),
    ("ar", "أهلاً وسهلاً بكم في القاهرة.", "en", "Welcome to Cairo."),
    ("de", "Guten Morgen, meine Damen und Herren.", "en", "Good morning, ladies and gentlemen."),
    ("de", "Vielen Dank für Ihre Aufmerksamkeit.", "en", "Thank you for your attention."),
    ("de", "Herzlich willkommen!", "en", "Welcome!"),
    ("de", "Vielen Dank, Herr Präsident.", "fr", "Merci beaucoup, Monsieur le Président."),
    ("de", "Sie haben das Wort.", "fr", "Vous avez la parole."),
    ("de", "Die Sitzung ist eröffnet.", "fr", "La séance est ouverte."),
    ("fr", "Bonjour à tous.", "en", "Hello everyone."),
    ("fr", "Merci, Madame la Présidente.", "en", "Thank you, Madam President."),
    ("zh", "谢谢主席先生。", "en", "Thank you, Mr Chairman."),
    ("zh", "早上好，各位来宾。", "en", "Good morning, dear guests."),
    ("zh", "欢迎大家。", "en", "Welcome, everyone."),
    ("zh", "谢谢大家的关注。", "en", "Thank you all for your attention."),
    ("zh", "现在请外交部长发言。", "en", "I now give the floor to the foreign minister."),
    ("en", "Thank you, Madam Chair.", "ru", "Спасибо, госпожа председатель."),
    ("en", "You have the floor.", "ru", "Вам слово."),
    ("en", "Good evening.", "ru", "Добрый вечер."),
    ("en", "Thank you for coming.", "zh", "谢谢各位的光临。"),
    ("es", "Muchas gracias, señor ministro.", "en", "Thank you very much, Minister."),
    ("es", "Buenos días a todos.", "en", "Good morning, everyone."),
    ("en", "Thank you.", "is", "Takk fyrir."),
    ("en", "Good morning.", "is", "Góðan daginn."),
    ("en", "Welcome to Iceland.", "is", "Velkomin til Íslands."),
]


@dataclass
class PairSet:
    """Pairs of one kind and language pair, with what the fit needs to know about them.

    ``ref_src`` / ``ref_tgt`` are single sentences of the same document (or batch):
    at run time :func:`align.drift.score_beads` measures every pair against
    unrelated sentences of its own document, so the fit does the same.
    """

    src: list[str]
    tgt: list[str]
    pair: str
    z: np.ndarray  # target z-score (NaN: not a regression row)
    mean: np.ndarray  # mean DA (NaN: unknown)
    ref_src: list[str]
    ref_tgt: list[str]
    # synthetic rows: the index of the row of the set they were made from (its fold),
    # and the kind of change (perturb's keys)
    base: np.ndarray | None = None
    kind: np.ndarray | None = None


def _sample(n: int, k: int, seed: int = SAMPLE_SEED) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return np.sort(rng.choice(n, size=min(n, k), replace=False))


def _changed(s: PairSet, k: int, seed: int) -> PairSet:
    """Synthetic meaning changes (:func:`perturb`) of the translations of ``k`` rows of
    ``s`` (seeded), each with the z of the row it was made from and that row's index."""
    idx = _sample(len(s.src), k, seed)
    changes = perturb([s.tgt[i] for i in idx], seed=seed)
    rows = [(kind, idx[j], text) for kind in changes for j, text in changes[kind]]
    base = np.array([i for _, i, _ in rows], dtype=np.int64)
    return PairSet(
        [s.src[i] for i in base],
        [t for _, _, t in rows],
        s.pair,
        s.z[base],
        s.mean[base],
        s.ref_src,
        s.ref_tgt,
        base,
        np.array([k for k, _, _ in rows]),
    )


def _refs(texts: list[str], k: int = 64, seed: int = 7) -> list[str]:
    return [texts[i] for i in _sample(len(texts), k, seed)]


def _da_set(path: Path, pair: str, k: int, skip: int = 0) -> PairSet:
    src, mt, z, mean = read_da_file(path)
    idx = _sample(len(src), k + skip)[skip:] if skip else _sample(len(src), k)
    s, t = [src[i] for i in idx], [mt[i] for i in idx]
    return PairSet(s, t, pair, z[idx], mean[idx], _refs(s), _refs(t))


def _gold_set(
    src_path: Path, tgt_path: Path, gold: Path, pair: str, k: int, tabbed: bool = False
) -> PairSet:
    from align.evaluate import read_beads

    a = read_lines(src_path)
    b = read_lines(tgt_path)
    if tabbed:  # ParIce: "index<TAB>sentence"
        a = [r.split("\t", 1)[-1] for r in a]
        b = [r.split("\t", 1)[-1] for r in b]
    beads = [(s, t) for s, t in read_beads(gold) if s and t]
    idx = _sample(len(beads), k)
    s = [" ".join(a[i] for i in beads[j][0]) for j in idx]
    t = [" ".join(b[i] for i in beads[j][1]) for j in idx]
    nan = np.full(len(s), np.nan)
    return PairSet(s, t, pair, nan, nan, _refs(a), _refs(b))


def _merge(parts: list[PairSet]) -> PairSet:
    """Several documents as one set; each pair keeps only its own document's references."""
    out = PairSet([], [], parts[0].pair, np.zeros(0), np.zeros(0), [], [])
    for p in parts:
        out.src += p.src
        out.tgt += p.tgt
        out.z = np.concatenate([out.z, p.z])
        out.mean = np.concatenate([out.mean, p.mean])
        out.ref_src += p.ref_src[:16]
        out.ref_tgt += p.ref_tgt[:16]
    return out


def training_sets(data: Path, names: list[str] | None = None) -> dict[str, PairSet]:
    """Every set the fit reads, sampled (seeded) so that feature extraction stays cheap.

    ``*_train`` sets are fitted on, ``*_dev`` and ``ruen_test20`` are only reported.
    """
    drift = data / "drift"
    ru = drift / MLQE
    builders: dict[str, Callable[[], PairSet]] = {
        "formulas": lambda: PairSet(
            [f[1] for f in FORMULAS],
            [f[3] for f in FORMULAS],
            "formulas",
            np.full(len(FORMULAS), np.nan),
            np.full(len(FORMULAS), np.nan),
            [f[1] for f in FORMULAS],
            [f[3] for f in FORMULAS],
        ),
        # the ru-en formulas alone: faithful rows of the ru-en head ("Спасибо большое.")
        "formulas_ruen": lambda: PairSet(
            [f[1] for f in FORMULAS if f[0] == "ru"],
            [f[3] for f in FORMULAS if f[0] == "ru"],
            "ru-en",
            np.full(sum(f[0] == "ru" for f in FORMULAS), np.nan),
            np.full(sum(f[0] == "ru" for f in FORMULAS), np.nan),
            [f[1] for f in FORMULAS],
            [f[3] for f in FORMULAS],
        ),
        "ruen_test20": lambda: _da_set(ru / "da_test20" / "test20.ruen.df.short.tsv", "ru-en", 200),
        "ruen_train": lambda: _da_set(ru / "da_train" / "train.ruen.df.short.tsv", "ru-en", 250),
        # all of ru-en dev and train: the rows of the ru-en head (PAIR_HEADS; 3,000 train
        # rows until 2026-12-01, test20 Spearman of the head alone 0.583 -> 0.590 with 7,000)
        "ruen_dev": lambda: _da_set(ru / "da_dev" / "dev.ruen.df.short.tsv", "ru-en", 1000),
        "ruen_head": lambda: _da_set(ru / "da_train" / "train.ruen.df.short.tsv", "ru-en", 7000),
    }
    # synthetic meaning changes of the MT of a head's own rows (PAIR_HEADS)
    for *_, changed_sets in PAIR_HEADS.values():
        for name in changed_sets:
            made_from = name.removesuffix("_synthetic") + "_head"
            builders[name] = functools.partial(
                lambda b: _changed(builders[b](), HEAD_SYNTHETIC_ROWS, HEAD_SYNTHETIC_SEED),
                made_from,
            )
    for pair in OTHER:
        code = pair.replace("-", "")
        folder = drift / "mlqe-pe_other" / pair
        builders[f"{code}_train"] = functools.partial(
            _da_set, folder / f"train.{code}.df.short.tsv", pair, 100
        )
        builders[f"{code}_dev"] = functools.partial(
            _da_set, folder / f"dev.{code}.df.short.tsv", pair, 60
        )
        # the rows of the pair's own head (PAIR_HEADS) and its held-out dev sample
        builders[f"{code}_head"] = functools.partial(
            _da_set, folder / f"train.{code}.df.short.tsv", pair, HEAD_ROWS
        )
        builders[f"{code}_heldout"] = functools.partial(
            _da_set, folder / f"dev.{code}.df.short.tsv", pair, 400
        )
    tb = data / "align" / "textberg_defr" / "dev"
    builders["tbdev_train"] = functools.partial(
        _gold_set, tb / "dev.de", tb / "dev.fr", tb / "dev.defr", "de-fr", 100
    )

    def post_edits() -> PairSet:
        pe = ru / "pe_train"
        idx = _sample(len(read_lines(pe / "train.src")), 80, 1)
        s = [detokenize(read_lines(pe / "train.src")[i]) for i in idx]
        t = [detokenize(read_lines(pe / "train.pe")[i]) for i in idx]
        nan = np.full(len(s), np.nan)
        return PairSet(s, t, "ru-en", nan, nan, _refs(s), _refs(t))

    def synthetic() -> PairSet:
        base = post_edits()
        rng = np.random.default_rng(2)
        rows: list[tuple[int, str]] = []
        for items in perturb(base.tgt, seed=1).values():
            rows += [items[i] for i in rng.permutation(len(items))[:18]]
        nan = np.full(len(rows), np.nan)
        return PairSet(
            [base.src[i] for i, _ in rows],
            [t for _, t in rows],
            "ru-en",
            nan,
            nan,
            base.ref_src,
            base.ref_tgt,
        )

    def sts() -> PairSet:
        folder = drift / "sts17_ar-en"
        rows = [r.split("\t") for r in read_lines(folder / "STS.input.track2.ar-en.txt")]
        gs = np.array([float(v) for v in read_lines(folder / "STS.gs.track2.ar-en.txt")])
        idx = _sample(len(rows), 120)
        gs = gs[idx]
        s, t = [rows[i][1] for i in idx], [rows[i][0] for i in idx]  # Arabic -> English
        return PairSet(s, t, "ar-en", gs, np.full(len(s), np.nan), _refs(s), _refs(t))

    builders["pe_train"] = post_edits
    builders["synthetic_train"] = synthetic
    # one word changed in the English MT of each pair's own DA train rows (WORD_CHANGED)
    for name in WORD_CHANGED:
        made_from = name.removesuffix("_changed") + "_train"
        builders[name] = functools.partial(
            lambda b: _changed(builders[b](), SAMPLE_ALL, WORD_CHANGED_SEED), made_from
        )
    builders["sts_train"] = sts
    # held-out faithful checks (never fitted on): gold beads of Text+Berg test and ParIce
    tbt = data / "align" / "textberg_defr" / "test"
    builders["tbtest_eval"] = lambda: _merge(
        [
            _gold_set(tbt / f"test{i}.de", tbt / f"test{i}.fr", tbt / f"test{i}.defr", "de-fr", 15)
            for i in range(7)
        ]
    )
    pi = data / "align" / "parice_enis"
    builders["parice_eval"] = lambda: _merge(
        [
            _gold_set(f, pi / "is" / f.name, pi / "gold" / f.name, "en-is", 10, tabbed=True)
            for f in sorted((pi / "en").glob("*.txt"))
        ]
    )
    return {n: b() for n, b in builders.items() if names is None or n in names}


def ingredients(encoder, s: PairSet) -> dict[str, np.ndarray]:
    """What every feature is computed from: sentence vectors, coverage, token counts.

    Stored raw (``/tmp/drift_features/<set>.npz`` by default) so that trying
    another feature set or penalty costs seconds, not another hour of e5.
    """
    vs = encoder.encode(s.src, 32)
    vt = encoder.encode(s.tgt, 32)
    cov = pair_coverage(encoder, s.src, s.tgt)
    assert cov is not None, "a drift model needs token vectors"
    return {
        "vs": vs,
        "vt": vt,
        "cov": np.stack([c.features for c in cov]),
        "ns": np.array([c.src_tokens for c in cov], dtype=np.float32),
        "nt": np.array([c.tgt_tokens for c in cov], dtype=np.float32),
        "ps": pooled_vectors(cov, "src", vs.shape[1]),
        "pt": pooled_vectors(cov, "tgt", vs.shape[1]),
        "ref_s": encoder.encode(s.ref_src, 32),
        "ref_t": encoder.encode(s.ref_tgt, 32),
        "z": s.z,
        "mean": s.mean,
        **({"base": s.base, "kind": s.kind} if s.base is not None else {}),
    }


def spearman(a: np.ndarray, b: np.ndarray) -> float:
    ra = np.argsort(np.argsort(a)).astype(float)
    rb = np.argsort(np.argsort(b)).astype(float)
    return float(np.corrcoef(ra, rb)[0, 1])


def ridge(
    x: np.ndarray, y: np.ndarray, alpha: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """Ridge on standardised columns; returns (mean, scale, weights, intercept)."""
    mean, scale = x.mean(0), x.std(0) + 1e-6
    xs = (x - mean) / scale
    w = np.linalg.solve(xs.T @ xs + alpha * np.eye(x.shape[1]), xs.T @ (y - y.mean()))
    return mean, scale, w, float(y.mean())


def logistic_1d(
    z: np.ndarray, bad: np.ndarray, weight: np.ndarray | None = None, iters: int = 100
) -> tuple[float, float]:
    """Fit P(bad) = sigmoid(a * (b - z)) by weighted Newton's method; returns (a, b)."""
    x = np.stack([np.ones_like(z), -z], 1)  # logit = c0 - a z, with b = c0 / a
    w = np.ones_like(z) if weight is None else weight
    c = np.zeros(2)
    for _ in range(iters):
        p = 1 / (1 + np.exp(-(x @ c)))
        grad = x.T @ (w * (bad - p))
        hess = (x * (w * p * (1 - p))[:, None]).T @ x + 1e-9 * np.eye(2)
        step = np.linalg.solve(hess, grad)
        c += step
        if np.abs(step).max() < 1e-10:
            break
    return float(c[1]), float(c[0] / c[1])


def max_gains(encoder, src: list[str], tgt: list[str], candidates: int) -> dict[str, np.ndarray]:
    """Per pair and side, the largest cosine gain from cutting one candidate word."""
    vs, vt = encoder.encode(src, 64), encoder.encode(tgt, 64)
    cov = pair_coverage(encoder, src, tgt)
    assert cov is not None
    embed = functools.partial(encoder.encode, batch_size=64)
    out = {"src": np.full(len(src), -1.0), "tgt": np.full(len(src), -1.0)}
    for k, side, _, _, gain in word_gains(src, tgt, vs, vt, cov, embed, candidates):
        out[side][k] = max(out[side][k], gain)
    out["cos"] = np.einsum("ij,ij->i", vs, vt)
    return out


FAITHFUL_SETS = ("formulas", "tbdev_train", "pe_train")
# Language pairs with a head of their own: its DA rows, its faithful rows, its held-out
# rows, its synthetic rows. The six other MLQE-PE pairs have no post-edits: their
# faithful rows are the head's own DA rows that raters scored 90 or more (fit_pair_head)
PAIR_HEADS = {
    "ru-en": (
        ("ruen_dev", "ruen_head"),
        ("pe_train", "formulas_ruen"),
        ("ruen_test20",),
        ("ruen_synthetic",),
    ),
    **{
        pair: ((f"{pair.replace('-', '')}_head",), (), (f"{pair.replace('-', '')}_heldout",), ())
        for pair in OTHER
    },
}
# Rated MT hardly ever differs from a good translation by one word, so a head learns from
# it that a dropped or added word changes nothing: on 300 post-edits of MLQE-PE ru-en dev
# with one content word cut, added or swapped (perturb), the ru-en head's drift rose for
# only 0.86 / 0.86 / 0.90 of them. Synthetic changes of the MT of HEAD_SYNTHETIC_ROWS of
# its rows, each ``--shift`` below the row it was made from, teach it otherwise (0.88 /
# 0.94 / 0.92; held out, test20's post-edits: 0.91 / 0.90 / 0.90 -> 0.90 / 0.94 / 0.93).
# ru-en only: its held-out test20 Spearman rose too (head alone 0.590 -> 0.609); the same
# rows in the ro-en, et-en and ne-en heads lowered their held-out dev Spearman (0.717 ->
# 0.701, 0.598 -> 0.552, 0.658 -> 0.636) and moved their word changes little.
HEAD_SYNTHETIC_ROWS = 1500
HEAD_SYNTHETIC_SEED = 11
# A dropped word counts twice. It raises the translation's token precision, an added word
# lowers it; with one row of each, the head learned that higher precision is better, and
# a dropped word did not read as more drift any more often than before (dev post-edits:
# 0.863 -> 0.863; twice: 0.876)
SYNTHETIC_REPEATS = {"omit": 2}


def _shifted(
    d: dict[str, np.ndarray], x: np.ndarray, shift: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The rows of a set of changed copies (:func:`_changed`), each ``shift`` below the row it
    was made from and a dropped word repeated (:data:`SYNTHETIC_REPEATS`): (their features,
    from ``x``, the set's own; their targets; the row each was made from)."""
    rows = np.repeat(np.arange(len(d["z"])), [SYNTHETIC_REPEATS.get(str(k), 1) for k in d["kind"]])
    return x[rows], d["z"][rows] - shift, d["base"][rows]


FAITHFUL_DA = 90.0  # mean DA at which an MT stands in for a faithful translation
HEAD_ALPHAS = (100.0, 1000.0, 3000.0, 10000.0, 30000.0)
EVAL_SETS = ("ruen_test20", "tbtest_eval", "parice_eval") + tuple(
    f"{p.replace('-', '')}_dev" for p in OTHER
)
DA_TRAIN = ("ruen_train",) + tuple(f"{p.replace('-', '')}_train" for p in OTHER)
# The shared slopes learn from rated MT, which hardly ever differs from a better
# translation by one word; DEMETR's one-word changes are what they missed most (drift
# rose for 0.84-0.88 of its adjectives, verbs, nouns and subjects removed). So every DA
# train row of the pairs into English (the changes are English words: perturb) is copied
# with one content word dropped (counted twice, as in the heads: _shifted),
# added or swapped, a negation or a number changed, ``--shift`` below its row, in its
# pair's group (so leave-one-pair-out holds them out with it). On 300 DEMETR source
# sentences outside the 100 benchmark_drift samples, the fitted model alone (no checks):
# drift rose for adjectives removed 0.874 -> 0.899, verbs 0.841 -> 0.862, nouns 0.866 ->
# 0.877, subjects 0.883 -> 0.890, antonyms 0.953 -> 0.963, additions 0.957 -> 0.953;
# leave-one-pair-out Spearman 0.363 -> 0.363.
WORD_CHANGED = tuple(
    f"{n.removesuffix('_train')}_changed" for n in DA_TRAIN if n.endswith("en_train")
)
WORD_CHANGED_SEED = 5
SAMPLE_ALL = 10**9  # _changed: every row of the set


def load_ingredients(
    encoder_name: str, data: Path, cache: Path, names: list[str] | None = None
) -> dict[str, dict[str, np.ndarray]]:
    """Every set's ingredients, from ``cache`` or extracted now (the slow part: e5 on CPU)."""
    sets = training_sets(data, names)
    out: dict[str, dict[str, np.ndarray]] = {}
    encoder = None
    for name, s in sets.items():
        # read as the scorer reads them: an idiom on its literal gloss (align.drift.gloss)
        src = [gloss(a, b) for a, b in zip(s.src, s.tgt, strict=True)]
        tgt = [gloss(b, a) for a, b in zip(s.src, s.tgt, strict=True)]
        s = dataclasses.replace(s, src=src, tgt=tgt)
        key = hashlib.sha256(
            json.dumps([encoder_name, INGREDIENTS, s.src, s.tgt]).encode()
        ).hexdigest()[:10]
        path = cache / f"{name}-{key}.npz"
        if not path.exists():
            if encoder is None:
                encoder = load_encoder(encoder_name)
            t0 = time.perf_counter()
            arr = ingredients(encoder, s)
            cache.mkdir(parents=True, exist_ok=True)
            np.savez(path, **arr)  # type: ignore[arg-type]  # numpy types **kwds as allow_pickle
            print(f"  {name}: {len(s.src)} pairs in {time.perf_counter() - t0:.0f} s", flush=True)
        with np.load(path) as d:
            out[name] = {k: d[k] for k in d.files}
    return out


def set_features(d: dict[str, np.ndarray], prior: float) -> np.ndarray:
    return feature_matrix(
        d["vs"], d["vt"], d["cov"], d["ns"], d["nt"], d["ref_s"], d["ref_t"], prior
    )


def head_features(d: dict[str, np.ndarray], prior: float) -> np.ndarray:
    return head_matrix(
        d["vs"],
        d["vt"],
        d["cov"],
        d["ns"],
        d["nt"],
        d["ref_s"],
        d["ref_t"],
        prior,
        d["ps"],
        d["pt"],
    )


def _parameters(
    mean: np.ndarray, scale: np.ndarray, coef: np.ndarray, b0: float, a: float, b: float
) -> dict[str, object]:
    """A fitted ridge and its calibration as written to the model file."""
    return {
        "mean": [round(float(v), 7) for v in mean],
        "scale": [round(float(v), 7) for v in scale],
        "weights": [round(float(v), 7) for v in coef],
        "intercept": round(b0, 7),
        "calibration": {"a": round(a, 6), "b": round(b, 6), "target": "P(mean DA < 70)"},
    }


def print_rows(rows: dict[str, dict[str, float]], indent: str = "") -> None:
    """One line per set of a fit's report: its name, then each figure."""
    for n, row in rows.items():
        print(f"{indent}{n:14s} " + "  ".join(f"{k} {v}" for k, v in row.items()))


def calibrate(
    sets: dict[str, dict[str, np.ndarray]],
    quality: Callable[[str], np.ndarray],
    args: argparse.Namespace,
) -> tuple[float, float]:
    """The logistic P(mean DA < 70) = sigmoid(a * (b - quality)) of a model reading every
    pair (the shared model, the heads' mean): fitted on the DA train rows of every pair and
    STS17 ar-en (below 2.5, "not equivalent, some details", counts as drifted: the end of
    the scale MT rarely reaches), with the faithful sets (formulas, Text+Berg dev gold
    beads, post-edits) as rows judged preserved. ``quality``: of a set's rows, by name."""
    qs, bad, wts = [], [], []
    for n in DA_TRAIN:
        qs.append(quality(n))
        bad.append((sets[n]["mean"] < MEANING_PRESERVED).astype(float))
        wts.append(np.ones(len(qs[-1])))
    n_da = sum(len(v) for v in qs)
    qs.append(quality("sts_train"))
    bad.append((sets["sts_train"]["z"] < 2.5).astype(float))
    wts.append(np.ones(len(qs[-1])))
    for n in FAITHFUL_SETS:
        qs.append(quality(n))
        bad.append(np.zeros(len(qs[-1])))
        wts.append(np.full(len(qs[-1]), args.faithful_weight * n_da / 4 / len(qs[-1]) / 3))
    return logistic_1d(np.concatenate(qs), np.concatenate(bad), np.concatenate(wts))


def flag_level(faithful: Sequence[np.ndarray], args: argparse.Namespace) -> float:
    """``low_similarity``: the lowest drift (0.50, 0.51, ...) that flags at most
    --max-faithful-flagged of each faithful set (the drifts given)."""
    return float(
        next(
            t
            for t in np.arange(0.5, 0.991, 0.01)
            if all(np.mean(v >= t) <= args.max_faithful_flagged for v in faithful)
        )
    )


def fit_pair_head(
    sets: dict[str, dict[str, np.ndarray]],
    prior: float,
    pair: str,
    args: argparse.Namespace,
) -> dict[str, object]:
    """A head for one language pair (see :mod:`align.drift_model`): ridge on
    :func:`head_matrix` features -> DA z, the penalty chosen by 5-fold
    cross-validated Spearman on the pair's DA rows; a logistic P(mean DA < 70)
    on those rows' out-of-fold predictions with the pair's faithful rows as
    preserved (the same share of the weight as in the shared fit; a pair with no
    faithful set of its own: its DA rows rated 90 or more); ``low_similarity`` as
    in the shared fit."""
    da, faithful_sets, held, synthetic = PAIR_HEADS[pair]
    x = np.vstack([head_features(sets[n], prior) for n in da])
    z = np.concatenate([sets[n]["z"] for n in da])
    preserved = np.concatenate([sets[n]["mean"] for n in da]) >= MEANING_PRESERVED
    fold = np.arange(len(z)) % 5
    # synthetic rows sit --shift below the row they were made from, in that row's fold
    # (a changed copy of a held-out row must not be fitted on); the penalty is still
    # chosen by the Spearman of the DA rows alone
    offset = {n: sum(len(sets[d]["z"]) for d in da[: da.index(n)]) for n in da}
    shifted = [_shifted(sets[n], head_features(sets[n], prior), args.shift) for n in synthetic]
    xs = [xx for xx, _, _ in shifted]
    zs = [zz for _, zz, _ in shifted]
    fs = [
        fold[offset[n.removesuffix("_synthetic") + "_head"] + base]
        for n, (_, _, base) in zip(synthetic, shifted, strict=True)
    ]
    x_all = np.vstack([x, *xs])
    z_all = np.concatenate([z, *zs])
    fold_all = np.concatenate([fold, *fs])
    cv = {}
    for alpha in HEAD_ALPHAS:
        rhos = []
        for f in range(5):
            m, sc, w, b = ridge(x_all[fold_all != f], z_all[fold_all != f], alpha)
            rhos.append(spearman(((x[fold == f] - m) / sc) @ w + b, z[fold == f]))
        cv[alpha] = float(np.mean(rhos))
    alpha = max(cv, key=lambda k: cv[k])
    mean, scale, coef, b0 = ridge(x_all, z_all, alpha)

    def quality(xx: np.ndarray) -> np.ndarray:
        return ((xx - mean) / scale) @ coef + b0

    # the DA rows' qualities out of fold: a head of ~1,600 weights reads its own training
    # rows too kindly, and calibrated on them it flagged 3-4% of held-out MT rated 90+
    # where the level was chosen for 2%
    oof = np.empty(len(z))
    for f in range(5):
        m, sc, w, b = ridge(x_all[fold_all != f], z_all[fold_all != f], alpha)
        oof[fold == f] = ((x[fold == f] - m) / sc) @ w + b
    qf = [quality(head_features(sets[n], prior)) for n in faithful_sets]
    if not qf:  # no faithful set of its own: the MT its raters scored 90 or more
        rated = np.concatenate([sets[n]["mean"] for n in da])
        qf = [oof[rated >= FAITHFUL_DA]]
    weight = args.faithful_weight * len(z) / 4 / len(FAITHFUL_SETS)
    a, b = logistic_1d(
        np.concatenate([oof, *qf]),
        np.concatenate([(~preserved).astype(float), *[np.zeros(len(q)) for q in qf]]),
        np.concatenate([np.ones(len(z)), *[np.full(len(q), weight / len(q)) for q in qf]]),
    )
    # Anchored where faithful text reads: where most of a pair's MT is poor (si-en), even
    # the rows its raters scored 90+ came out at P(DA < 70) ~0.3, above the median every
    # document is re-centred to (FAITHFUL_MEDIAN_DRIFT). The logistic is moved down until
    # its faithful rows' median reads there, never up; the ranking is unchanged.
    level = np.log(FAITHFUL_MEDIAN_DRIFT / (1 - FAITHFUL_MEDIAN_DRIFT))
    anchored = float(np.median(np.concatenate(qf))) + level / a
    fitted_b = b
    if anchored < b:
        print(
            f"  {pair}: calibration b {b:.3f} -> {anchored:.3f} (faithful rows' median drift "
            f"{1 / (1 + np.exp(-a * (b - np.median(np.concatenate(qf))))):.3f} -> "
            f"{FAITHFUL_MEDIAN_DRIFT})"
        )
        b = anchored

    def drift(q: np.ndarray) -> np.ndarray:
        return 1 / (1 + np.exp(-a * (b - q)))

    flag = flag_level([drift(q) for q in qf], args)
    report: dict[str, dict[str, float]] = {}
    for n in (*held, *faithful_sets):
        q = quality(head_features(sets[n], prior))
        row = {"pairs": len(q), "median_drift": round(float(np.median(drift(q))), 3)}
        row["flagged"] = round(float(np.mean(drift(q) >= flag)), 3)
        if np.isfinite(sets[n]["z"]).all():
            row["spearman"] = round(spearman(q, sets[n]["z"]), 3)
        report[n] = row
    print(
        f"\n{pair} head: alpha {alpha:g} (5-fold Spearman "
        + ", ".join(f"{k:g}: {v:.3f}" for k, v in cv.items())
        + f"); calibration a={a:.3f} b={b:.3f}; low_similarity at {flag:.2f}"
    )
    print_rows(report, "  ")
    return {
        "rows": {n: len(sets[n]["z"]) for n in (*da, *synthetic)},
        **({"synthetic_shift": args.shift} if synthetic else {}),
        "features": "head_matrix: the shared features, every coverage statistic, vs*vt, |vs-vt|, "
        f"the cosine, products and |difference| of the mean token vectors at layer {POOL_LAYER}",
        "alpha": alpha,
        "cv_spearman": {f"{k:g}": round(v, 4) for k, v in cv.items()},
        "held_out": report,
        **_parameters(mean, scale, coef, b0, a, b),
        # b moved down from the logistic's own so that the faithful rows read at the faithful
        # median (FAITHFUL_MEDIAN_DRIFT): drift is then that scale, no longer P(DA < 70)
        **(
            {"anchored": {"fitted_b": round(fitted_b, 6), "faithful_median": FAITHFUL_MEDIAN_DRIFT}}
            if b != fitted_b
            else {}
        ),
        "low_similarity": {
            "threshold": round(float(flag), 2),
            "criterion": f"lowest drift flagging at most {args.max_faithful_flagged} of "
            + (f"{list(faithful_sets)}" if faithful_sets else f"its rows rated {FAITHFUL_DA:g}+"),
        },
    }


# Language pairs with no rated MT of their own, but faithful rows: the formulas of that
# pair and, for ar-en, the STS17 training rows its annotators scored at least
# STS_EQUIVALENT ("completely equivalent"). e5 reads short Arabic and Chinese less
# closely than the pairs the shared logistic was calibrated on (their faithful rows read
# at a median drift of 0.26 and 0.34, other pairs' formulas at 0.05-0.13), so each gets
# the shared model with its logistic moved down until those rows read at
# FAITHFUL_MEDIAN_DRIFT (never up): the ranking and every feature stay the shared ones.
ANCHORED_PAIRS = ("ar-en", "zh-en")
STS_EQUIVALENT = 4.5
MIN_ANCHOR_ROWS = 5


def anchored_pairs(
    sets: dict[str, dict[str, np.ndarray]],
    quality: Callable[[np.ndarray], np.ndarray],
    prior: float,
    a: float,
    b: float,
) -> dict[str, dict[str, object]]:
    """The calibration of each of :data:`ANCHORED_PAIRS` (see there): ``a`` kept, ``b`` moved
    down so that the median of the pair's faithful rows reads FAITHFUL_MEDIAN_DRIFT."""
    level = np.log(FAITHFUL_MEDIAN_DRIFT / (1 - FAITHFUL_MEDIAN_DRIFT))
    formulas = quality(set_features(sets["formulas"], prior))
    sts = quality(set_features(sets["sts_train"], prior))[sets["sts_train"]["z"] >= STS_EQUIVALENT]
    out: dict[str, dict[str, object]] = {}
    for pair in ANCHORED_PAIRS:
        sl, tl = pair.split("-")
        mine = np.array([f[0] == sl and f[2] == tl for f in FORMULAS])
        parts = {"formulas": formulas[mine], **({"sts_train": sts} if pair == "ar-en" else {})}
        q = np.concatenate(list(parts.values()))
        if len(q) < MIN_ANCHOR_ROWS:
            print(f"  {pair}: {len(q)} faithful rows, too few to anchor (< {MIN_ANCHOR_ROWS})")
            continue
        before = float(1 / (1 + np.exp(-a * (b - np.median(q)))))
        anchored = float(np.median(q)) + level / a
        if anchored >= b:
            print(f"  {pair}: its faithful rows read at {before:.3f}: not anchored")
            continue
        print(
            f"  {pair}: calibration b {b:.3f} -> {anchored:.3f} ({len(q)} faithful rows' "
            f"median drift {before:.3f} -> {FAITHFUL_MEDIAN_DRIFT})"
        )
        out[pair] = {
            "rows": {n: len(v) for n, v in parts.items()},
            "calibration": {"a": round(a, 6), "b": round(anchored, 6), "target": "P(mean DA < 70)"},
            "anchored": {"fitted_b": round(b, 6), "faithful_median": FAITHFUL_MEDIAN_DRIFT},
        }
    return out


# A head ranking its pair's held-out folds no better than this is not shipped: it adds
# ~1,600 weights of noise (en-de: 5-fold Spearman 0.10, 0.147 with the pooled vectors;
# WMT22 CED en-de's critical errors ranked at ROC AUC 0.69 with it, 0.80 without)
MIN_HEAD_CV = 0.2


def _kept(pair: str, head: dict[str, object]) -> bool:
    best = max(head["cv_spearman"].values())  # type: ignore[attr-defined]
    if best < MIN_HEAD_CV:
        print(f"  {pair} head not kept: 5-fold Spearman {best:.3f} < {MIN_HEAD_CV}")
    return bool(best >= MIN_HEAD_CV)


def _head_quality(head: dict[str, object], x: np.ndarray) -> np.ndarray:
    mean, scale, weights = (
        np.asarray(head[k], dtype=np.float64) for k in ("mean", "scale", "weights")
    )
    return ((x - mean) / scale) @ weights + float(head["intercept"])  # type: ignore[arg-type]


# the language pair of each calibration row of fit_unheaded (the formulas: per row)
_SET_PAIRS = {
    **{n: n.removesuffix("_train")[:2] + "-" + n.removesuffix("_train")[2:] for n in DA_TRAIN},
    "sts_train": "ar-en",
    "tbdev_train": "de-fr",
    "pe_train": "ru-en",
}


# weights of the shared model's quality beside the heads' mean tried by fit_unheaded
SHARED_WEIGHTS = (0.0, 0.25, 0.5, 0.75, 1.0)


def fit_unheaded(
    sets: dict[str, dict[str, np.ndarray]],
    prior: float,
    heads: dict[str, dict[str, object]],
    shared: Callable[[str], np.ndarray],
    lopo: Callable[[str], np.ndarray],
    args: argparse.Namespace,
) -> dict[str, object]:
    """The reading of a pair with neither a head nor an anchor whose languages the heads
    know (en-ru): the mean of the heads' qualities, on a logistic of its own
    (:class:`align.drift_model.DriftModel` ``unheaded``, which also says why only there).

    The heads' vector features rank pairs they were not fitted on better than the
    shared features do (WMT22 en-ru MQM 0.216 -> 0.310). So such a pair reads their
    mean. It is calibrated as the shared model is (DA
    train rows of every pair, STS17 ar-en below 2.5 as drifted, the faithful sets as
    preserved, the same weights), each row read by the heads *other than its own
    pair's*: what a pair without a head gets. ``low_similarity`` as in the shared fit.

    The shared model's quality (``shared``: of a set's rows) is blended in with the
    weight (of :data:`SHARED_WEIGHTS`) that ranks the DA train rows of every pair best
    on average, each pair read by the heads other than its own and by the shared model
    fitted without it (``lopo``).
    """
    names = list(heads)

    def mean_of_others(n: str) -> np.ndarray:
        x = head_features(sets[n], prior)
        own = [f"{f[0]}-{f[2]}" for f in FORMULAS] if n == "formulas" else [_SET_PAIRS[n]] * len(x)
        each = np.stack([_head_quality(heads[p], x) for p in names])  # heads x rows
        keep = np.array([[p != o for o in own] for p in names])
        return (each * keep).sum(0) / keep.sum(0)

    read = {n: mean_of_others(n) for n in (*DA_TRAIN, "sts_train", *FAITHFUL_SETS)}
    heads_mean = read.__getitem__

    choice = {
        w: float(
            np.mean(
                [spearman((1 - w) * heads_mean(n) + w * lopo(n), sets[n]["z"]) for n in DA_TRAIN]
            )
        )
        for w in SHARED_WEIGHTS
    }
    weight = max(choice, key=lambda w: choice[w])

    def quality(n: str) -> np.ndarray:
        return (1 - weight) * heads_mean(n) + weight * shared(n)

    a, b = calibrate(sets, quality, args)

    def drift(q: np.ndarray) -> np.ndarray:
        return 1 / (1 + np.exp(-a * (b - q)))

    faithful = {n: drift(quality(n)) for n in FAITHFUL_SETS}
    flag = flag_level(list(faithful.values()), args)
    rows = {n: {"median_drift": round(float(np.median(v)), 3)} for n, v in faithful.items()}
    for n in DA_TRAIN:
        rows[n] = {"spearman": round(spearman(quality(n), sets[n]["z"]), 3)}
    print(
        f"\nunheaded (mean of {names}, the shared model's weight by mean Spearman "
        + ", ".join(f"{w:g}: {v:.3f}" for w, v in choice.items())
        + f"): weight {weight:g}; calibration a={a:.3f} b={b:.3f}; low_similarity at {flag:.2f}"
    )
    print_rows(rows, "  ")
    return {
        "heads": names,
        "shared_weight": weight,
        "about": "pairs with neither a head nor an anchor, both of whose languages these heads "
        "know: the mean of their qualities and the shared model's, with shared_weight",
        "mean_spearman_by_shared_weight": {f"{w:g}": round(v, 4) for w, v in choice.items()},
        "calibration": {"a": round(a, 6), "b": round(b, 6), "target": "P(mean DA < 70)"},
        "rows_read_without_their_own_head": rows,
        "low_similarity": {
            "threshold": round(float(flag), 2),
            "criterion": f"lowest drift flagging at most {args.max_faithful_flagged} of each "
            "faithful training set",
        },
    }


def unrelated_prior(sets: dict[str, dict[str, np.ndarray]]) -> float:
    """Mean cosine of a sentence with unrelated sentences of the other side, over training sets."""
    vals = [
        float((d["vs"] @ d["ref_t"].T).mean() + (d["vt"] @ d["ref_s"].T).mean()) / 2
        for n, d in sets.items()
        if n.endswith("_train")
    ]
    return float(np.mean(vals))


def slope_groups(
    sets: dict[str, dict[str, np.ndarray]], prior: float, shift: float
) -> list[tuple[str, np.ndarray, np.ndarray]]:
    """(name, features, target) of every set whose rows differ in quality among themselves.

    The slopes are fitted on differences *within* a set only: DA z-scores of
    one language pair are not comparable with another's (en-de MT is rated far
    higher than si-en MT), and a pooled fit learns those levels from whatever
    separates the pairs (length, script) instead of from the translation.
    """
    out = []
    for name in DA_TRAIN:
        x, z = set_features(sets[name], prior), sets[name]["z"]
        changed = f"{name.removesuffix('_train')}_changed"
        if changed in sets:  # one word changed in its MT, --shift below the row it was made from
            xc, zc, _ = _shifted(sets[changed], set_features(sets[changed], prior), shift)
            x, z = np.vstack([x, xc]), np.concatenate([z, zc])
        out.append((name, x, z))
    out.append(("sts_train", set_features(sets["sts_train"], prior), sets["sts_train"]["z"] / 5))
    # synthetic meaning changes sit `shift` below the post-edits they were made from
    pe, syn = set_features(sets["pe_train"], prior), set_features(sets["synthetic_train"], prior)
    out.append(
        (
            "pe+synthetic",
            np.vstack([pe, syn]),
            np.concatenate([np.full(len(pe), shift), np.zeros(len(syn))]),
        )
    )
    return out


def within_ridge(
    groups: list[tuple[str, np.ndarray, np.ndarray]], alpha: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Ridge on rows centred within their group; returns (mean, scale, weights)."""
    xs = np.vstack([x - x.mean(0) for _, x, _ in groups])
    ys = np.concatenate([y - y.mean() for _, _, y in groups])
    allx = np.vstack([x for _, x, _ in groups])
    mean, scale = allx.mean(0), xs.std(0) + 1e-6
    xn = xs / scale
    w = np.linalg.solve(xn.T @ xn + alpha * len(ys) * np.eye(xs.shape[1]), xn.T @ ys)
    return mean, scale, w


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, required=True, help="the shared data folder")
    ap.add_argument("--model", default="e5")
    ap.add_argument("--out", type=Path, help="default: models/drift/<model>.json")
    ap.add_argument("--alphas", default="0.1,0.3,1,3")
    ap.add_argument("--shift", type=float, default=1.0, help="z drop of synthetic changes")
    ap.add_argument("--faithful-weight", type=float, default=4.0)
    ap.add_argument("--max-faithful-flagged", type=float, default=0.02)
    ap.add_argument("--cache", type=Path, default=Path("/tmp/drift_features"))
    ap.add_argument(
        "--eval-sets",
        default=",".join(EVAL_SETS),
        help="held-out sets to report (extracted when not cached; '' for none)",
    )
    ap.add_argument(
        "--refit-spans",
        action="store_true",
        help="refit the partial omission/addition thresholds (slow); default: keep the file's",
    )
    ap.add_argument("--false-rate", type=float, default=0.01, help="of faithful pairs flagged")
    ap.add_argument("--span-pairs", type=int, default=2000, help="faithful pairs for thresholds")
    ap.add_argument("--candidates", type=int, default=1, help="words tested per side")
    args = ap.parse_args(argv)
    out = args.out or REPO / "models" / "drift" / f"{args.model}.json"
    started = time.perf_counter()
    evals = [n for n in args.eval_sets.split(",") if n]
    train = [n for n in training_sets(args.data) if n not in EVAL_SETS]
    sets = load_ingredients(args.model, args.data, args.cache, train + evals)
    prior = unrelated_prior(sets)

    # penalty: leave one language pair out (its DA train rows are scored by a model
    # fitted without any of them); the mean of those Spearmans is what a new pair can expect
    groups = slope_groups(sets, prior, args.shift)
    print("| alpha | " + " | ".join(DA_TRAIN) + " | mean |")
    print("|---" * (len(DA_TRAIN) + 2) + "|")
    best = None
    for alpha in [float(a) for a in args.alphas.split(",")]:
        # each pair's DA train rows read by the slopes fitted without its group
        held_out = {}
        for held in DA_TRAIN:
            mean, scale, coef = within_ridge([gr for gr in groups if gr[0] != held], alpha)
            held_out[held] = ((set_features(sets[held], prior) - mean) / scale) @ coef
        rhos = [spearman(q, sets[n]["z"]) for n, q in held_out.items()]
        m = float(np.mean(rhos))
        print(f"| {alpha:g} | " + " | ".join(f"{r:.3f}" for r in rhos) + f" | {m:.3f} |")
        if best is None or m > best[0]:
            best = (m, alpha, rhos, held_out)
    assert best is not None
    _, alpha, lopo, lopo_quality = best
    mean, scale, coef = within_ridge(groups, alpha)
    b0 = 0.0

    def quality(xx: np.ndarray) -> np.ndarray:
        return ((xx - mean) / scale) @ coef + b0

    a, b = calibrate(sets, lambda n: quality(set_features(sets[n], prior)), args)

    def drift(xx: np.ndarray) -> np.ndarray:
        return 1 / (1 + np.exp(-a * (b - quality(xx))))

    faithful = {n: drift(set_features(sets[n], prior)) for n in FAITHFUL_SETS}
    flag = flag_level(list(faithful.values()), args)
    precision = {}
    for n in DA_TRAIN:
        hit = drift(set_features(sets[n], prior)) >= flag
        precision[n] = (
            round(float(np.mean(sets[n]["mean"][hit] < MEANING_PRESERVED)), 3)
            if hit.any()
            else None
        )

    report: dict[str, dict[str, float]] = {}
    for n in [*evals, *FAITHFUL_SETS]:
        dr = drift(set_features(sets[n], prior))
        row = {"pairs": len(dr), "median_drift": round(float(np.median(dr)), 3)}
        row["flagged"] = round(float(np.mean(dr >= flag)), 3)
        if n in evals and np.isfinite(sets[n]["z"]).all():
            q = quality(set_features(sets[n], prior))
            row["spearman"] = round(spearman(q, sets[n]["z"]), 3)
        report[n] = row
    print()
    print_rows(report)

    faithful_margins = np.concatenate(
        [margin(set_features(sets[n], prior)) for n in ("pe_train", "tbdev_train")]
    )
    heads = {
        pair: head
        for pair, head in ((p, fit_pair_head(sets, prior, p, args)) for p in PAIR_HEADS)
        if _kept(pair, head)
    }
    shipped = REPO / "models" / "drift" / f"{args.model}.json"
    old_path = out if out.exists() else shipped
    old = json.loads(old_path.read_text(encoding="utf-8")) if old_path.exists() else {}
    spans = old.get("spans")
    if args.refit_spans or spans is None:
        spans = fit_spans(args, load_encoder(args.model))
    params = {
        "encoder": args.model,
        "about": "driftalign drift model: ridge on language-independent pair features -> DA z; "
        "logistic -> P(DA < 70)",
        "fitted": str(date.today()),
        "script": "scripts/fit_drift.py",
        "training": {
            "rows": {n: len(sets[n]["z"]) for n in sets if n not in EVAL_SETS},
            "slopes": "ridge on rows centred within each set: MLQE-PE DA z (ru-en and the six "
            f"other pairs, train splits), STS17 ar-en score / 5, post-edits {args.shift:g} above "
            "their synthetic meaning changes, the MT of the pairs into English "
            f"{args.shift:g} above one word changed in it ({', '.join(WORD_CHANGED)})",
            "selection": "alpha by leave-one-language-pair-out Spearman on the DA train rows",
            "calibration": "weighted logistic for P(mean DA < 70) on the DA train rows and "
            "STS17 ar-en (score < 2.5 as not preserved), with "
            f"the faithful sets {list(FAITHFUL_SETS)} as preserved (weight "
            f"{args.faithful_weight:g} of the DA rows, shared)",
        },
        "alpha": alpha,
        "leave_one_pair_out_spearman": {
            n: round(r, 4) for n, r in zip(DA_TRAIN, lopo, strict=True)
        },
        "held_out": report,
        "features": {"scalar": scalar_names(), "pooled_layer": POOL_LAYER},
        "unrelated_prior": round(prior, 6),
        # the faithful pairs' median margin over unrelated sentences: the scale of
        # DriftModel.margin_scale (formulas left out: a greeting is no document's bead)
        "typical_margin": round(float(np.median(faithful_margins)), 5),
        **_parameters(mean, scale, coef, b0, a, b),
        "low_similarity": {
            "threshold": round(float(flag), 2),
            "criterion": f"lowest drift flagging at most {args.max_faithful_flagged} of each "
            "faithful training set",
            "precision_da_below_70": precision,
        },
        "spans": spans,
        "pairs": heads,
        "unheaded": fit_unheaded(
            sets,
            prior,
            heads,
            lambda n: quality(set_features(sets[n], prior)),
            lambda n: lopo_quality[n],
            args,
        ),
        # the shared model with a calibration of its own (ANCHORED_PAIRS)
        "anchored_pairs": anchored_pairs(sets, quality, prior, a, b),
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(params, indent=1) + "\n", encoding="utf-8")
    print(
        f"\nchosen alpha {alpha:g} (leave-one-pair-out mean Spearman {best[0]:.3f}); "
        f"calibration a={a:.3f} b={b:.3f}; low_similarity at {flag:.2f}; "
        f"wrote {out} in {time.perf_counter() - started:.0f} s"
    )
    return 0


def fit_spans(args: argparse.Namespace, encoder) -> dict[str, object]:
    """Partial omission / addition thresholds: the cosine gain from cutting a word that
    only ``--false-rate`` of faithful pairs (pe_train sources vs post-edits) exceed."""
    pe = args.data / "drift" / MLQE / "pe_train"
    tsrc = [detokenize(t) for t in read_lines(pe / "train.src")][: args.span_pairs]
    tpe = [detokenize(t) for t in read_lines(pe / "train.pe")][: args.span_pairs]
    faithful = max_gains(encoder, tsrc, tpe, args.candidates)
    return {
        "candidates": args.candidates,
        "omission_threshold": round(float(np.quantile(faithful["src"], 1 - args.false_rate)), 5),
        "addition_threshold": round(float(np.quantile(faithful["tgt"], 1 - args.false_rate)), 5),
        # a document matched more loosely than these pairs gets higher thresholds
        # (DriftModel.word_scale)
        "typical_gap": round(float(np.median(1.0 - faithful["cos"])), 5),
        "from": f"{MLQE} pe_train sources vs post-edits (first {len(tsrc)} pairs), "
        f"false rate {args.false_rate}",
    }


if __name__ == "__main__":
    raise SystemExit(main())
