"""The fitted part of drift: sentence and token similarity -> calibrated drift.

Raw cosines are a poor drift score: multilingual-e5's cosines of faithful and
broken translations overlap inside 0.75-0.95, and their level depends on the
language pair (unrelated en-de sentences sit near 0.75, ru-en and ne-en near
0.78). So the semantic part of drift is a small linear model over features
that describe the *pair* and mean the same in every language pair:

- the sentence cosine, its margin over the mean cosine of each side with
  unrelated sentences of the other document (as the aligner's local margin),
  and that margin as a share of the distance to them;
- the mean and the lowest best token match of each side at three middle
  layers, and the mean of the side matched worse (:mod:`align.coverage`);
- the token-count ratio centred on the document's median.

The per-dimension products of the two vectors (``vs*vt``, ``|vs-vt|``), which
an earlier model fitted on ru-en alone used, are left out: they made faithful
en-zh and de-fr text read as drifted. One-sided features (the source vector
alone) are left out too: on MLQE-PE they predict DA nearly as well (ridge,
Spearman 0.51), because hard sources get bad translations, but drift must
move with the *translation*.

The slopes are fitted within each training set (MLQE-PE DA of seven language
pairs, STS17 ar-en, post-edits against synthetic meaning changes), and a
logistic turns the score into ``drift``: the estimated chance that raters
would score the pair below 70/100, calibrated with faithful human
translations (gold beads, formulas) as preserved. The parameters live in
``models/drift/<encoder>.json``, written by ``scripts/fit_drift.py``.

Where a language pair has enough rated data of its own (MLQE-PE: ru-en 8,000
rated pairs, en-zh, et-en, ne-en, ro-en and si-en 7,000 each; en-de's head ranked
too poorly to ship), the file also holds a *head* for that pair (``pairs``): a ridge
on the shared features plus every coverage statistic and the vectors'
per-dimension products, with its own calibration and ``low_similarity``
threshold. Features that would mislead across pairs are safe inside one, and
they rank that pair's translations much better. ar-en and zh-en have no rated
MT but faithful rows of their own (formulas, STS17 pairs scored equivalent):
they keep the shared model with its logistic moved down to where those rows
read (``anchored_pairs``), since e5 reads short Arabic and Chinese less closely.

A pair with neither, both of whose languages the heads know (en-ru, en-ro, ru-zh,
...), reads the *mean of the heads* on a logistic of its own (``unheaded``): read
without their own pair's head, the heads' mean ranks every pair's DA train rows
better than the shared model fitted without that pair (mean Spearman 0.363 ->
0.410), and WMT22 en-ru MQM 0.216 -> 0.310. Not for languages no head was fitted
on: there it cost more than it bought (all such pairs through it: ParIce en-is's
faithful median drift 0.221 -> 0.249, REFreSD en-fr 0.869 -> 0.843, DEMETR
additions 0.930 -> 0.890, for MLQE-PE en-de dev 0.111 -> 0.147 and WMT21 CED en-de
0.609 -> 0.657). Every other pair keeps the shared model.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from .coverage import LAYERS, POOL_LAYER, Coverage, feature_names
from .errors import ModelError

# Pseudo-count of the stored unrelated-cosine prior when a document offers few
# sentences to measure against (a handful of pairs given to ``score_pairs``).
PRIOR_WEIGHT = 8.0


# Coverage statistics used, per layer: the mean and the minimum best match of each side.
# The minimum (the worst-matched token) ranks a pair the model was not fitted on better:
# leave-one-language-pair-out Spearman 0.331 -> 0.363 (en-de 0.02 -> 0.12, ro-en 0.53 ->
# 0.60). The 10th percentile adds less (0.345).
COVERAGE_USED = [
    f"{stat}@{layer}"
    for layer in LAYERS
    for stat in ("recall", "precision", "recall_min", "precision_min")
]


def scalar_names() -> list[str]:
    return [
        "cosine",
        "margin",
        "relative",
        *COVERAGE_USED,
        *(f"worse_side@{layer}" for layer in LAYERS),
        "abs_log_ratio",
    ]


def _baseline(
    v: np.ndarray, refs: np.ndarray | None, prior: float, own: np.ndarray | None = None
) -> np.ndarray:
    """Mean cosine of each row of ``v`` with unrelated sentences, shrunk towards ``prior``.

    ``own``: each row's counterpart, left out of its references where it is one of
    them. The references are sentences of the other document, and in a short one they
    include the pair's own translation: a text of one pair measured the translation's
    cosine against itself, as if it were unrelated (its margin shrank by a ninth).
    """
    if refs is None or len(refs) == 0:
        return np.full(len(v), prior)
    sims = v @ refs.T
    keep = np.ones_like(sims, dtype=bool) if own is None else (own @ refs.T) < 1 - 1e-5
    n = keep.sum(1)
    return ((sims * keep).sum(1) + PRIOR_WEIGHT * prior) / (n + PRIOR_WEIGHT)


def feature_matrix(
    vs: np.ndarray,
    vt: np.ndarray,
    stats: np.ndarray,
    ns: np.ndarray,
    nt: np.ndarray,
    ref_s: np.ndarray | None,
    ref_t: np.ndarray | None,
    prior: float,
) -> np.ndarray:
    """The :func:`scalar_names` features of each pair, from arrays (the fit script's entry).

    ``stats`` are all :func:`align.coverage.feature_names` columns of the pairs.

    ``ref_s`` / ``ref_t`` are vectors of unrelated sentences of the source and
    target document. e5 puts unrelated text of some language pairs at a cosine
    of 0.7 and of others at 0.8, so the raw cosine means different things per
    pair; its margin over the unrelated level, and its share of the distance to
    it (``relative``), do not. Likewise the token-count ratio is centred on the
    document's own median: Chinese needs fewer tokens than English whatever the
    translation's quality.
    """
    cos = np.einsum("ij,ij->i", vs, vt)
    base = (_baseline(vs, ref_t, prior, vt) + _baseline(vt, ref_s, prior, vs)) / 2
    margin = cos - base
    relative = margin / np.maximum(1.0 - base, 1e-3)
    ratio = np.log((nt + 1) / (ns + 1))
    if len(ratio):
        n = len(ratio)
        ratio = ratio - np.median(ratio) * n / (n + PRIOR_WEIGHT)
    names = feature_names()
    used = [names.index(n) for n in COVERAGE_USED]
    # the mean coverage of the side worse matched: a word dropped lowers the source's
    # (recall) and raises the translation's (precision), so a model reading the two
    # means with like weights hardly moves; the worse of them does (DEMETR words
    # removed: drift rose for 0.85-0.89 -> 0.86-0.89 of them, alone 0.87-0.91)
    worse = [
        np.minimum(
            stats[:, names.index(f"recall@{layer}")], stats[:, names.index(f"precision@{layer}")]
        )
        for layer in LAYERS
    ]
    cols = [
        cos[:, None],
        margin[:, None],
        relative[:, None],
        stats[:, used],
        np.stack(worse, 1) if len(stats) else np.zeros((0, len(LAYERS))),
        np.abs(ratio)[:, None],
    ]
    return np.hstack(cols).astype(np.float64)


def head_matrix(
    vs: np.ndarray,
    vt: np.ndarray,
    stats: np.ndarray,
    ns: np.ndarray,
    nt: np.ndarray,
    ref_s: np.ndarray | None,
    ref_t: np.ndarray | None,
    prior: float,
    ps: np.ndarray,
    pt: np.ndarray,
) -> np.ndarray:
    """The features of a language pair's own head: :func:`feature_matrix`, every
    coverage statistic, the per-dimension products ``vs*vt`` and ``|vs-vt|``, and
    the same of each side's mean token vector at a middle layer (``ps``, ``pt``:
    :data:`align.coverage.POOL_LAYER`) with their cosine.

    Fitted within one language pair, these rank that pair's translations far
    better than the shared features (MLQE-PE ru-en), but they mean something
    else in every pair, so only a head fitted on that pair may read them.
    """
    scalar = feature_matrix(vs, vt, stats, ns, nt, ref_s, ref_t, prior)
    pooled_cos = np.einsum("ij,ij->i", ps, pt)[:, None]
    return np.hstack(
        [scalar, stats, vs * vt, np.abs(vs - vt), pooled_cos, ps * pt, np.abs(ps - pt)]
    ).astype(np.float64)


WORD_SCALE_MIN_PAIRS = 20  # fewer two-sided pairs: the thresholds stay as fitted
# low_similarity's level rises with a document's median drift above that of the faithful
# pairs the model was calibrated on (Text+Berg dev gold, post-edits: 0.20), by at most
# LEVEL_RAISE_MAX: see DriftModel.flag_level
FAITHFUL_MEDIAN_DRIFT = 0.20
LEVEL_RAISE_MAX = 0.05
# A document's drift is re-centred (DriftModel.recentre) from a median of at most
# RECENTRE_FROM down to FAITHFUL_MEDIAN_DRIFT; one whose median sits higher moves by
# as much as one at RECENTRE_FROM, no more. Only a document that is plainly a
# translation is re-centred: its median bead at least RECENTRE_MARGIN above unrelated
# sentences (faithful gold documents: 0.06-0.14; the same documents mis-paired: <0.01)
RECENTRE_FROM = 0.40
RECENTRE_MARGIN = 0.04


def _plainly_a_translation(margins: np.ndarray) -> bool:
    """Whether a document has enough beads for a median and its median bead sits well
    above unrelated text: the gate of :meth:`DriftModel.recentre` and
    :meth:`DriftModel.margin_scale` (a mis-paired document, or the wrong file, fails it)."""
    return len(margins) >= WORD_SCALE_MIN_PAIRS and float(np.median(margins)) >= RECENTRE_MARGIN


def _logit(p: float) -> float:
    return float(np.log(p / (1 - p)))


def margin(features: np.ndarray) -> np.ndarray:
    """The margin column of :func:`feature_matrix` (or :func:`head_matrix`) rows: each
    pair's cosine minus the mean cosine of unrelated sentences of its documents."""
    return features[:, scalar_names().index("margin")]


def _stats(cov: list[Coverage]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    stats = np.stack([c.features for c in cov]) if cov else np.zeros((0, len(feature_names())))
    ns = np.array([c.src_tokens for c in cov], dtype=np.float32)
    nt = np.array([c.tgt_tokens for c in cov], dtype=np.float32)
    return stats, ns, nt


def pooled_vectors(cov: list[Coverage], side: str, fallback: int) -> np.ndarray:
    """One side's mean token vectors (:attr:`Coverage.src_pooled`), one row per pair; a
    side with no tokens is a row of zeros (``fallback`` wide when no pair has tokens)."""
    vecs = [getattr(c, f"{side}_pooled") for c in cov]
    if any(v is None for v in vecs):
        raise ValueError("a language pair's head needs coverage with pooled token vectors")
    dim = max((len(v) for v in vecs), default=0) or fallback
    out = np.zeros((len(vecs), dim), dtype=np.float32)
    for k, v in enumerate(vecs):
        if len(v) == dim:
            out[k] = v
    return out


def pair_features(
    vs: np.ndarray,
    vt: np.ndarray,
    cov: list[Coverage],
    ref_s: np.ndarray | None = None,
    ref_t: np.ndarray | None = None,
    prior: float = 0.75,
) -> np.ndarray:
    """One row of :func:`scalar_names` features per pair, from its coverage.

    Two-sided only: every feature compares the pair (or one side with the
    other document), none describes one side alone.
    """
    return feature_matrix(vs, vt, *_stats(cov), ref_s, ref_t, prior)


def _models_dir() -> Path:
    here = Path(__file__).resolve().parents[1] / "models" / "drift"
    if here.exists():  # a source checkout or an editable install
        return here
    return Path(sys.prefix) / "share" / "driftalign" / "models" / "drift"


@dataclass(frozen=True)
class DriftModel:
    """A fitted ridge regressor plus its logistic calibration, for one encoder."""

    encoder: str
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    intercept: float
    calibration: tuple[float, float]  # drift = sigmoid(a * (b - z))
    prior: float  # mean cosine of unrelated sentences, for documents with few of them
    low_similarity: float  # flag a pair whose drift alone is at least this
    candidates: int  # worst-covered words per side tested for omission/addition
    omission_threshold: float  # cosine gain from cutting a source word: partial omission
    addition_threshold: float  # the same for a target word: partial addition
    digest: str  # identifies the parameter file in output signatures
    # median 1 - cosine of the faithful pairs the thresholds were fitted on (0: unknown)
    typical_gap: float = 0.0
    # median margin over unrelated sentences of the faithful training pairs (0: unknown)
    typical_margin: float = 0.0
    # "shared": the language-independent features (pair_features); "head": a language
    # pair's own head, which also reads the vectors' dimensions (head_matrix)
    kind: str = "shared"
    # the language pair ("ru-en") of a head, or of the shared model on an anchored
    # pair's scale; "" for the shared model itself
    pair: str = ""
    # heads fitted on one language pair ("ru-en"), used instead of this model for it
    pairs: dict[str, DriftModel] = field(default_factory=dict)
    # a head's shared model: where it finds no correspondence, the head's drift is raised
    guard: DriftModel | None = None
    # kind "heads": the heads whose qualities it averages (see ``unheaded``), and the
    # weight of its shared model's (``guard``) quality beside their mean
    averaged: tuple[DriftModel, ...] = ()
    shared_weight: float = 0.0
    # a pair with neither a head nor an anchor of its own, both of whose languages the
    # heads were fitted on (en-ru), reads the mean of the heads (kind "heads", on its own
    # logistic); None: the shared model reads it
    unheaded: DriftModel | None = None

    def for_pair(self, src_lang: str | None, tgt_lang: str | None) -> DriftModel:
        """The head fitted on this language pair if there is one; else the mean of the
        heads (``unheaded``) where the heads know both languages; else this model."""
        own = self.pairs.get(f"{src_lang}-{tgt_lang}")
        if own is not None:
            return own
        if self.unheaded is not None and {src_lang, tgt_lang} <= self.unheaded.languages():
            return self.unheaded
        return self

    def reading(self) -> str:
        """In words, what reads a document's pairs: the run summary says it
        (``drift_recentring.reading``), since one model file reads pairs differently."""
        if self.kind == "head":
            return f"the {self.pair} head"
        if self.kind == "heads":
            return "the mean of the heads (" + ", ".join(m.pair for m in self.averaged) + ")"
        if self.pair:
            return f"the shared model on {self.pair}'s scale"
        return "the shared model"

    def languages(self) -> set[str | None]:
        """The languages of the heads a kind "heads" model averages."""
        return {lang for m in self.averaged for lang in m.pair.split("-")}

    def word_scale(self, cos: np.ndarray) -> float:
        """How much to raise the partial omission/addition thresholds for one document.

        A word cut out of a loosely matched pair moves its cosine further: in a
        language pair the encoder reads less closely (ParIce en-is: median
        1 - cosine 0.12, against 0.08 on the ru-en post-edits the thresholds
        were fitted on), faithful words "gain" more. The thresholds are scaled
        by the document's median 1 - cosine over the fitted one, never down,
        and only for documents with enough pairs to have a median.
        """
        if self.typical_gap <= 0 or len(cos) < WORD_SCALE_MIN_PAIRS:
            return 1.0
        return max(1.0, float(np.median(1.0 - cos)) / self.typical_gap)

    def margin_scale(self, margins: np.ndarray) -> float:
        """How much to lower the unrelated-margin threshold of ``low_similarity`` for one
        document (:class:`align.drift.DriftConfig` ``unrelated_margin``).

        The threshold sits below every faithful training pair's margin over unrelated
        sentences, but in a language pair the encoder reads less closely every margin
        is smaller: ParIce en-is's faithful beads sit at a median margin of 0.06-0.09
        against 0.12 for the training pairs, and the threshold flagged 2% of them,
        mostly short subtitles ("I want to fight." / "Ég vil berjast."). So it is
        scaled by the document's median margin over :attr:`typical_margin`, never
        raised, and only for a document that is plainly a translation (the gate of
        :meth:`recentre`): a mis-paired one keeps the full threshold.
        """
        if self.typical_margin <= 0 or not _plainly_a_translation(margins):
            return 1.0
        return min(1.0, float(np.median(margins)) / self.typical_margin)

    def flag_level(self, drift: np.ndarray) -> float:
        """The drift at which ``low_similarity`` flags a bead of one document.

        In a language pair the encoder reads less closely every faithful bead
        sits higher (ParIce en-is: median drift 0.36, Text+Berg de-fr 0.24), and
        the fitted level flagged 4.3% of ParIce's faithful beads. So the level
        rises by as much as the document's median drift sits above the faithful
        training pairs', but by at most ``LEVEL_RAISE_MAX``: a document whose
        every bead is wrong (the wrong file paired) must still be flagged, and
        the unrelated-sentence margin does not catch that in every pair (ParIce).
        Only with enough pairs to have a median, as :meth:`word_scale`. Without a
        fitted model the document's median quality becomes the reference instead
        (:func:`align.drift.document_reference`).
        """
        if len(drift) < WORD_SCALE_MIN_PAIRS:
            return self.low_similarity
        rise = float(np.median(drift)) - FAITHFUL_MEDIAN_DRIFT
        return self.low_similarity + min(max(rise, 0.0), LEVEL_RAISE_MAX)

    def recentre(
        self, drift: np.ndarray, margins: np.ndarray, shift: float | None = None
    ) -> tuple[np.ndarray, float]:
        """One document's drift moved so that its median bead reads as a faithful one.

        e5-small reads some language pairs less closely than the pairs the model
        was calibrated on: every faithful bead of an en-is document (ParIce) sits
        at a median drift of 0.36, of en-zh (the Bible) at 0.39, against 0.20 for
        the faithful training pairs. As the aligner scores a candidate against the
        document's own neighbours, drift is read against the document: its logit
        is lowered by as much as puts the median at :data:`FAITHFUL_MEDIAN_DRIFT`,
        at most by what a median of :data:`RECENTRE_FROM` needs, never raised.
        Beads keep their order; a bead flagged by a check is raised from there.

        Not re-centred: a document with too few beads for a median (as
        :meth:`flag_level`), and one whose median bead is barely above unrelated
        text (``margins``: cosine minus unrelated sentences', below
        :data:`RECENTRE_MARGIN`) -- the wrong file, or a misalignment throughout,
        must keep reading as drifted. ``shift`` given: that document's shift,
        applied as it is (a few beads of a document rescored after a review edit).
        Returns the drift and the logit shift.
        """
        clipped = np.clip(drift, 1e-9, 1 - 1e-9)
        logit = np.log(clipped / (1 - clipped))
        if shift is None:
            if not _plainly_a_translation(margins):
                return drift, 0.0
            most = _logit(RECENTRE_FROM) - _logit(FAITHFUL_MEDIAN_DRIFT)
            shift = min(max(float(np.median(logit)) - _logit(FAITHFUL_MEDIAN_DRIFT), 0.0), most)
        if shift == 0.0:
            return drift, 0.0
        return 1.0 / (1.0 + np.exp(-(logit - shift))), shift

    def quality(self, features: np.ndarray) -> np.ndarray:
        """Predicted DA z-score (higher is better); kind "heads": the heads' mean, blended
        with the shared model's (reading the first columns, as the guard does)."""
        if self.averaged:
            heads = np.mean([m.quality(features) for m in self.averaged], axis=0)
            if self.guard is None or self.shared_weight == 0.0:
                return heads
            shared = self.guard.quality(features[:, : len(self.guard.weights)])
            return (1.0 - self.shared_weight) * heads + self.shared_weight * shared
        return ((features - self.mean) / self.scale) @ self.weights + self.intercept

    def features(
        self,
        vs: np.ndarray,
        vt: np.ndarray,
        cov: list[Coverage],
        ref_s: np.ndarray | None,
        ref_t: np.ndarray | None,
    ) -> np.ndarray:
        """:func:`pair_features` (a head, or the heads: :func:`head_matrix`) with this
        model's prior."""
        if self.kind in ("head", "heads"):
            return head_matrix(
                vs,
                vt,
                *_stats(cov),
                ref_s,
                ref_t,
                self.prior,
                pooled_vectors(cov, "src", vs.shape[1]),
                pooled_vectors(cov, "tgt", vs.shape[1]),
            )
        return pair_features(vs, vt, cov, ref_s, ref_t, self.prior)

    def drift(self, features: np.ndarray) -> np.ndarray:
        """Calibrated drift in (0, 1): the chance raters would score the pair below 70.

        A head learned from rated MT, which hardly ever holds unrelated text:
        where its shared model (``guard``, reading the first columns of the
        same features) reaches its own ``low_similarity``, drift is at least
        that model's and at least this head's flag level, so an unrelated
        sentence is flagged as it would be without the head.
        """
        a, b = self.calibration
        drift = 1.0 / (1.0 + np.exp(-a * (b - self.quality(features))))
        if self.guard is not None:
            shared = self.guard.drift(features[:, : len(self.guard.weights)])
            floor = np.maximum(shared, self.low_similarity)
            drift = np.where(shared >= self.guard.low_similarity, np.maximum(drift, floor), drift)
        return drift

    def signature(self) -> dict[str, object]:
        return {"drift_model": f"{self.encoder}.json", "sha256": self.digest}

    @classmethod
    def from_dict(cls, d: dict, digest: str = "") -> DriftModel:
        shared = cls._one(d, digest)
        heads = {
            pair: replace(
                shared,
                mean=np.asarray(h["mean"], dtype=np.float64),
                scale=np.asarray(h["scale"], dtype=np.float64),
                weights=np.asarray(h["weights"], dtype=np.float64),
                intercept=float(h["intercept"]),
                calibration=(float(h["calibration"]["a"]), float(h["calibration"]["b"])),
                low_similarity=float(h["low_similarity"]["threshold"]),
                kind="head",
                pair=pair,
                guard=shared,
            )
            for pair, h in d.get("pairs", {}).items()
        }
        # pairs with no rated MT but faithful rows: the shared model, its logistic moved
        # to where their faithful text reads (scripts/fit_drift.py, ANCHORED_PAIRS)
        anchored = {
            pair: replace(
                shared,
                calibration=(float(h["calibration"]["a"]), float(h["calibration"]["b"])),
                pair=pair,
            )
            for pair, h in d.get("anchored_pairs", {}).items()
            if pair not in heads
        }
        # a pair with neither whose languages the heads know: their mean quality on a
        # logistic of its own (scripts/fit_drift.py, fit_unheaded; for_pair decides)
        unheaded = None
        if "unheaded" in d and heads:
            u = d["unheaded"]
            missing = [p for p in u["heads"] if p not in heads]
            if missing:
                raise ValueError(f"its heads' mean names heads it does not hold: {missing}")
            unheaded = replace(
                shared,
                calibration=(float(u["calibration"]["a"]), float(u["calibration"]["b"])),
                low_similarity=float(u["low_similarity"]["threshold"]),
                kind="heads",
                guard=shared,
                averaged=tuple(heads[p] for p in u["heads"]),
                shared_weight=float(u.get("shared_weight", 0.0)),
            )
        return replace(shared, pairs=heads | anchored, unheaded=unheaded)

    @classmethod
    def _one(cls, d: dict, digest: str) -> DriftModel:
        return cls(
            encoder=d["encoder"],
            mean=np.asarray(d["mean"], dtype=np.float64),
            scale=np.asarray(d["scale"], dtype=np.float64),
            weights=np.asarray(d["weights"], dtype=np.float64),
            intercept=float(d["intercept"]),
            calibration=(float(d["calibration"]["a"]), float(d["calibration"]["b"])),
            prior=float(d["unrelated_prior"]),
            low_similarity=float(d["low_similarity"]["threshold"]),
            candidates=int(d["spans"]["candidates"]),
            omission_threshold=float(d["spans"]["omission_threshold"]),
            addition_threshold=float(d["spans"]["addition_threshold"]),
            digest=digest,
            typical_gap=float(d["spans"].get("typical_gap", 0.0)),
            typical_margin=float(d.get("typical_margin", 0.0)),
        )


def load_drift_model(encoder_name: str) -> DriftModel | None:
    """The fitted model for a registry encoder, or None (drift then uses raw similarity)."""
    if not encoder_name.replace("-", "").replace("+", "").isalnum():
        return None  # a model directory given by path: no fitted parameters
    path = _models_dir() / f"{encoder_name}.json"
    if not path.exists():
        return None
    raw = path.read_bytes()
    params = json.loads(raw)
    fitted = params["features"]
    if fitted["scalar"] != scalar_names() or (
        params.get("pairs") and fitted.get("pooled_layer") != POOL_LAYER
    ):
        raise ModelError(
            f"{path}: fitted on other features than this version computes; "
            "regenerate it with scripts/fit_drift.py"
        )
    try:
        return DriftModel.from_dict(params, hashlib.sha256(raw).hexdigest()[:16])
    except (KeyError, ValueError) as exc:
        raise ModelError(
            f"{path}: not a drift model this version reads ({exc}); "
            "regenerate it with scripts/fit_drift.py"
        ) from exc
