"""Drift per bead and per passage: how far the target's meaning moved from the source.

Each bead gets:

- ``similarity``: the raw cosine between the embeddings of its joined source
  and joined target text (model-specific scale; reported, never thresholded);
- ``drift`` in [0, 1], built in two layers:

  1. a *semantic* drift. With a fitted drift model for the encoder
     (:mod:`align.drift_model`, shipped for ``e5``) it is the calibrated
     chance that human raters would say the meaning was not preserved,
     from sentence vectors and token coverage. Without one (USE-m3, an
     ensemble, a user's model) it is the cosine rescaled against the
     document itself (distance to unrelated sentences of the other side),
     mapped so that a typical faithful pair is near 0 and an unrelated one 1;
  2. every *reason* found by the precise checks then raises it by a
     noisy-or: ``drift = 1 - (1 - semantic) * prod(1 - weight)``. A flagged
     bead thus always scores at least its strongest flag's weight, more
     flags score higher, and nothing saturates, so beads keep their order;

- ``flags`` and ``reasons``: ``omission`` and ``addition`` (whole bead, drift
  1); ``number_mismatch`` (numbers, dates and centuries across scripts, see
  :mod:`align.numbers`); ``entity_mismatch``, ``entity_missing``,
  ``negation_mismatch``, ``softened``, ``hardened``, ``trend_reversed``,
  ``stance_reversed``, ``antonym``, ``tense_changed``, ``attribution_changed``,
  ``untranslated`` (:mod:`align.checks`);
  ``partial_omission`` / ``partial_addition`` (content words of one side with
  no counterpart at the token level, :mod:`align.coverage`); and
  ``low_similarity`` when the whole-bead drift alone is high or the cosine is
  barely above that of unrelated sentences. Each reason carries
  the character spans that triggered it.
"""

from __future__ import annotations

import logging
import multiprocessing
import re
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from .checks import flag_weights, run_checks
from .coverage import Coverage, pair_coverage, weak_words
from .drift_model import (
    FAITHFUL_MEDIAN_DRIFT,
    RECENTRE_FROM,
    RECENTRE_MARGIN,
    WORD_SCALE_MIN_PAIRS,
    DriftModel,
    load_drift_model,
    margin,
)
from .encoders.quant import usable_cores
from .members import PRESETS, MemberConfig, check_members, unpaired_reasons
from .memory import release
from .text import visible
from .types import Bead, Document, Passage, Reason, ScoredBead, unmatched

if TYPE_CHECKING:
    from .encoders import Encoder

logger = logging.getLogger(__name__)

EmbedFn = Callable[[Sequence[str]], np.ndarray]
# (source texts, target texts) -> token coverage of each pair, or None if unavailable
CoverFn = Callable[[Sequence[str], Sequence[str]], "list[Coverage] | None"]

# How far each reason raises drift (noisy-or, see the module docstring). The
# registered checks declare their own weights (align.checks: a wrong number,
# referent or polarity is as bad as a pair raters call broken, a dropped name
# or a softened claim counts less); these are the scorer's own word-level flags.
WORD_FLAG_WEIGHTS: dict[str, float] = {
    "partial_omission": 0.35,
    "partial_addition": 0.25,
    # a member sentence of a merged bead with no counterpart (align.members); a
    # whole bead with an empty side is drift 1 regardless
    "omission": 0.4,
    "addition": 0.4,
}
FLAG_WEIGHTS: dict[str, float] = flag_weights() | WORD_FLAG_WEIGHTS  # at import, for reference
# Two-sided beads whose token coverage and word cuts are worked out at once:
# bounds drift's memory on a book (the coverage of 36,000 Bible beads is ~0.5 GB)
DRIFT_CHUNK = 2048
# beads from which the checks run on every core (check_all): below it, starting
# the workers costs about as much as they save
PARALLEL_CHECKS = 4000


@dataclass(frozen=True)
class DriftConfig:
    faithful_quality: float = 0.55  # normalised quality of a typical faithful pair
    faithful_drift: float = 0.2  # drift at that quality: better pairs fall towards 0
    low_similarity: float = 0.65  # flag beads whose semantic drift is at least this (no model)
    # no model: a document of this many beads or more (enough to have a median, as for
    # the fitted model's DriftModel.flag_level) is its own reference (document_reference),
    # which may sit at most reference_shift below faithful_quality
    reference_beads: int = WORD_SCALE_MIN_PAIRS
    reference_shift: float = 0.3
    # with a fitted model, also flag a bead whose cosine is at most this much above the
    # mean cosine of unrelated sentences of the documents: below every faithful training
    # pair (post-edits, formulas, Text+Berg dev gold beads; the lowest, a formula, 0.0295)
    unrelated_margin: float = 0.02
    samples: int = 64  # random sentences used to normalise similarity
    seed: int = 7
    model: DriftModel | None = None  # fitted semantic drift; None: rescaled cosine
    members: MemberConfig | None = None  # sentences hidden in merged beads; None: balanced

    def signature(self) -> dict[str, object]:
        members = self.members or PRESETS["balanced"].members
        sig: dict[str, object] = {
            "flag_weights": flag_weights() | WORD_FLAG_WEIGHTS,
            "members": members.signature(),
        }
        if self.model is None:
            sig |= {
                "semantic": "rescaled cosine",
                "faithful_quality": self.faithful_quality,
                "low_similarity": self.low_similarity,
                "reference_beads": self.reference_beads,
                "reference_shift": self.reference_shift,
            }
        else:
            sig |= {
                "semantic": "fitted",
                "low_similarity": self.model.low_similarity,
                "unrelated_margin": self.unrelated_margin,
                # a document's drift re-centred on the document (DriftModel.recentre)
                "recentre": {
                    "to": FAITHFUL_MEDIAN_DRIFT,
                    "from_at_most": RECENTRE_FROM,
                    "min_margin": RECENTRE_MARGIN,
                },
            }
            sig |= self.model.signature()
        return sig


# Cost written to .vecalign files: for a pair, the cosine distance divided by the mean
# distance to unrelated sentences (about 1 for an unrelated pair, near 0 for a perfect
# one); a sentence left unaligned costs as much as an unrelated pair.
UNALIGNED_COST = 1.0


def quality_to_drift(q: float, cfg: DriftConfig, reference: float | None = None) -> float:
    """Map normalised quality (1 identical, 0 unrelated) to drift, monotone and unclipped.

    Piecewise linear: qualities at or above a typical faithful pair (``reference``,
    default ``cfg.faithful_quality``) share the band [0, faithful_drift], the rest
    spread over [faithful_drift, 1]. Keeping faithful pairs apart (instead of all
    at 0) preserves their ranking, which is what a reviewer sorting by drift and
    every rank-based benchmark rely on.
    """
    ref = cfg.faithful_quality if reference is None else reference
    low = cfg.faithful_drift
    if q >= ref:
        return float(low * (1.0 - q) / max(1.0 - ref, 1e-9)) if q < 1.0 else 0.0
    return float(min(1.0, low + (1.0 - low) * (ref - q) / ref))


def document_reference(quality: np.ndarray, cfg: DriftConfig) -> float:
    """The quality of a typical faithful pair *in this document*, for encoders without a
    fitted drift model.

    A static table (``e5-fast``) or a model of your own reads a pair of languages
    or a domain it knows less well at a lower normalised quality throughout: on
    Text+Berg test the gold beads' median is about 0.29 with e5-fast against
    the 0.55 a typical faithful pair has with e5, so 27% of them would be flagged.
    Most beads of a document are faithful, so its median quality is the reference
    when lower, down to ``reference_shift`` below the configured one: a document
    whose every bead is unrelated (median near 0) still reads as unrelated. With a
    fitted model the same idea moves the flag level instead (DriftModel.flag_level).
    """
    ref = cfg.faithful_quality
    return float(min(ref, max(float(np.median(quality)), ref - cfg.reference_shift)))


def _join(doc: Document, idx: tuple[int, ...]) -> str:
    return " ".join(doc.sentences[i].text for i in idx)


def _passage(src: Document, tgt: Document, bead: Bead) -> Passage | None:
    if bead.src:
        return src.passages[src.sentences[bead.src[0]].passage]
    if bead.tgt:
        return tgt.passages[tgt.sentences[bead.tgt[0]].passage]
    return None


def _random_rows(vecs: np.ndarray, k: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return vecs[rng.choice(len(vecs), size=min(k, len(vecs)), replace=False)]


def _unaligned(
    bead: Bead, source: Document, target: Document, passage: Passage | None
) -> ScoredBead:
    """An omission (no target) or addition (no source): drift 1.

    One reason per sentence of the side that is there, naming it
    (``"sentence"``, its document index) and its span in the bead's text,
    as the member check names a sentence hidden in a merged bead.
    """
    src_text, tgt_text = _join(source, bead.src), _join(target, bead.tgt)
    if not bead.tgt:
        flag, side, idx, doc = "omission", "src", bead.src, source
        detail = "source sentence with no counterpart in the translation"
    else:
        flag, side, idx, doc = "addition", "tgt", bead.tgt, target
        detail = "translation sentence with no counterpart in the source"
    reasons: list[Reason] = []
    start = 0
    for i in idx:
        end = start + len(doc.sentences[i].text)
        span = [start, end]
        reasons.append(
            {
                "type": flag,
                "src": span if side == "src" else None,
                "tgt": span if side == "tgt" else None,
                "detail": detail,
                "sentence": i,
            }
        )
        start = end + 1  # the joining space
    return ScoredBead(
        bead.src, bead.tgt, src_text, tgt_text, None, 1.0, [flag], reasons, passage, UNALIGNED_COST
    )


def _raise(drift: float, kind: str, weights: dict[str, float]) -> float:
    """Noisy-or: one more reason of ``kind`` raises drift without ever reaching 1."""
    return 1.0 - (1.0 - drift) * (1.0 - weights.get(kind, 0.4))


def _overlaps(span: tuple[int, int], reasons: Sequence[Mapping[str, object]], side: str) -> bool:
    for r in reasons:
        other = r.get(side)
        if isinstance(other, list) and other[0] < span[1] and span[0] < other[1]:
            return True
    return False


# Phrases that meeting language renders by an idiom, as (English phrase, the other
# side's phrase): "Вам слово", "الكلمة لكم", "Sie haben das Wort", "Vous avez la parole"
# are "You have the floor", so no word of "have the floor" or of "слово" is one the other
# side lacks (three of ten faithful floor formulas got a false partial_addition for
# "floor"; "have" of "You have the floor" / "Вам слово" and "goes" of "The floor now goes
# to the ambassador" / "الكلمة الآن لسعادة السفير" were partial omissions and additions);
# "سيداتي وسادتي" is "Ladies and gentlemen" ("gentlemen" was a partial_addition).
_FLOOR_VERB = (
    r"give|gives|giving|gave|given|have|has|had|take|takes|took|taken|yield|yields|pass"
    r"|passes|passed|hand|hands|handed|turn|turns|turned"
)
_IDIOMS = [
    (
        re.compile(
            rf"\b(?:(?:{_FLOOR_VERB})\s+(?:(?:now|over|again)\s+)?(?:the\s+)?)?floor"
            r"(?:\s+(?:is|now|goes|go|passes|will|be|given|yours)\b)*",
            re.IGNORECASE,
        ),
        # whole words: not the "слова" of "словарь" or the "Wort" of "Antwort"
        re.compile(r"\b(?:слов[оау]|الكلمة|Wort|parole|palabra|parola)\b|发言|発言", re.IGNORECASE),
    ),
    (
        re.compile(r"\bladies\s+and\s+gentlemen\b", re.IGNORECASE),
        re.compile(
            r"(?<!\w)(?:سيداتي\s+و\s*سادتي|سيداتي\s+سادتي|дамы\s+и\s+господа|Damen\s+und\s+Herren"
            r"|mesdames(?:\s+et|,)\s+messieurs|señoras\s+y\s+señores|signore\s+e\s+signori)(?!\w)"
            r"|女士们[，,、]?\s*先生们",
            re.IGNORECASE,
        ),
    ),
]


def _idiom(text: str, start: int, end: int, other: str) -> bool:
    """Whether the word ``text[start:end]`` lies in one half of an idiom whose other half
    ``other`` holds."""
    return any(
        theirs.search(other)
        and any(m.start() <= start and end <= m.end() for m in mine.finditer(text))
        for a, b in _IDIOMS
        for mine, theirs in ((a, b), (b, a))
    )


def _floor_as_word(m: re.Match[str]) -> str:
    return re.sub(r"\bfloor\b", "word", m.group(), flags=re.IGNORECASE)


def _my_ladies(m: re.Match[str]) -> str:
    return ("My" if m.group()[:1].isupper() else "my") + " ladies and my gentlemen"


# An idiom's literal gloss, read by the drift model in its place: e5 reads "the floor"
# as a floor, and "I give the floor to my colleague" against "Слово моему коллеге" read
# at drift 0.35 where "I give the word to my colleague" reads at 0.15 (five other floor
# formulas written for this project, ru, de, ar: 0.24-0.39 -> 0.09-0.22). The bead keeps
# its text, its checks and its word cuts; only the fitted model's features are measured
# on the gloss (_read_glossed). Each entry: the idiom in English, its other half, the
# English said literally. "The floor": only the whole idiom, a verb or a predicate with
# it, not "on the floor".
_GLOSSES: list[tuple[re.Pattern[str], re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (
        re.compile(
            rf"\b(?:(?:{_FLOOR_VERB})\s+(?:(?:now|over|again)\s+)?the\s+floor\b"
            r"|the\s+floor\s+(?:is\s+(?:now\s+)?(?:yours|given|passed|handed)"
            r"|(?:now\s+)?(?:goes|passes)))",
            re.IGNORECASE,
        ),
        _IDIOMS[0][1],
        _floor_as_word,
    ),
    # Arabic says "my ladies and my gentlemen": "سيداتي وسادتي." → "Ladies and gentlemen."
    # read at 0.64, a hair below the flag level, and at 0.32 against its literal gloss
    (
        re.compile(r"\bladies\s+and\s+gentlemen\b", re.IGNORECASE),
        re.compile(r"(?<!\w)سيداتي\s+و\s*سادتي(?!\w)"),
        _my_ladies,
    ),
]


def gloss(text: str, other: str) -> str:
    """``text`` with the idioms whose other half ``other`` holds said literally."""
    for phrase, theirs, literally in _GLOSSES:
        if theirs.search(other):
            text = phrase.sub(literally, text)
    return text


def _read_glossed(
    src_texts: list[str],
    tgt_texts: list[str],
    vs: np.ndarray,
    vt: np.ndarray,
    covs: list[Coverage],
    embed: EmbedFn,
    cover: CoverFn,
) -> tuple[np.ndarray, np.ndarray, list[Coverage]]:
    """``vs``, ``vt`` and ``covs`` with each bead that holds an idiom read on its
    :func:`gloss` (one encoder and one coverage call for those beads alone)."""
    idx: list[int] = []
    gs: list[str] = []
    gt: list[str] = []
    for k, (s, t) in enumerate(zip(src_texts, tgt_texts, strict=True)):
        s2, t2 = gloss(s, t), gloss(t, s)
        if s2 != s or t2 != t:
            idx += [k]
            gs += [s2]
            gt += [t2]
    got = cover(gs, gt) if idx else None
    if got is None:
        return vs, vt, covs
    vs, vt, covs = vs.copy(), vt.copy(), list(covs)
    vs[idx], vt[idx] = embed(gs), embed(gt)
    for k, c in zip(idx, got, strict=True):
        covs[k] = c
    return vs, vt, covs


def _without(text: str, start: int, end: int) -> str:
    """``text`` with one word cut out, spaces and punctuation tidied."""
    out = re.sub(r"\s{2,}", " ", text[:start] + text[end:])
    return re.sub(r"\s+([,.;:!?،。，])", r"\1", out).strip()


# Sides longer than this are not cut: over Text+Berg test, ParIce, MLQE-PE post-edits
# and DEMETR's word removals, no side of more than 40 tokens ever gained enough to be
# flagged (0 of 62 flags), while such sides were 43% of Text+Berg's cuts and the most
# costly ones to re-embed.
MAX_CUT_TOKENS = 40


def word_gains(
    src_texts: Sequence[str],
    tgt_texts: Sequence[str],
    vs: np.ndarray,
    vt: np.ndarray,
    covs: Sequence[Coverage],
    embed: EmbedFn,
    candidates: int,
    found: Sequence[Sequence[Mapping[str, object]]] | None = None,
) -> list[tuple[int, str, int, int, float]]:
    """(pair, side, start, end, gain) for the worst-covered words of each side.

    Two steps, cheap then precise. Token coverage names the content words of
    a side that have no mutual best match on the other side, and keeps the
    ``candidates`` worst matched (skipping words already explained by
    ``found`` reasons); each is then cut out and the text re-embedded. ``gain`` is how
    much closer the text without the
    word is to the other side: positive when the other side lacks the word.
    """
    jobs: list[tuple[int, str, int, int]] = []
    variants: list[str] = []
    for k, cov in enumerate(covs):
        for side, text, spans, best, mutual, tokens in (
            ("src", src_texts[k], cov.src_spans, cov.src_best, cov.src_mutual, cov.src_tokens),
            ("tgt", tgt_texts[k], cov.tgt_spans, cov.tgt_best, cov.tgt_mutual, cov.tgt_tokens),
        ):
            if tokens > MAX_CUT_TOKENS:
                continue  # one word of a long text never moved its cosine past a threshold
            words = sorted(weak_words(text, spans, best, np.inf, mutual), key=lambda w: w[2])
            if found is not None:
                words = [w for w in words if not _overlaps((w[0], w[1]), found[k], side)]
            other = tgt_texts[k] if side == "src" else src_texts[k]
            words = [w for w in words if not _idiom(text, w[0], w[1], other)]
            for start, end, _ in words[:candidates]:
                jobs.append((k, side, start, end))
                variants.append(_without(text, start, end))
    if not jobs:
        return []
    vecs = embed(variants)
    base = np.einsum("ij,ij->i", vs, vt)
    return [
        (k, side, start, end, float(v @ (vt[k] if side == "src" else vs[k]) - base[k]))
        for (k, side, start, end), v in zip(jobs, vecs, strict=True)
    ]


def _dropped_words(
    src_texts: list[str],
    tgt_texts: list[str],
    vs: np.ndarray,
    vt: np.ndarray,
    covs: list[Coverage],
    found: list[list[Reason]],
    embed: EmbedFn,
    model: DriftModel,
    scale: float = 1.0,
) -> list[list[Reason]]:
    """Partial omissions and additions: words whose removal brings the two sides closer.

    Catches what a whole-bead score averages away (the dropped name from a
    list, "next week" gone from a date). A gain above the threshold fitted on
    faithful translations (``scripts/fit_drift.py``) is a reason, with its
    span. A smaller gain is not used: raising drift in proportion to it, as an
    earlier version did, was noise as much as evidence (DEMETR: drift rose
    for an added word 0.84 of the time with it, 0.96 without; faithful
    ParIce beads' median drift 0.45 with it, 0.37 without). ``scale`` raises the
    thresholds for a loosely matched document (:meth:`DriftModel.word_scale`).
    """
    out: list[list[Reason]] = [[] for _ in covs]
    gains = word_gains(src_texts, tgt_texts, vs, vt, covs, embed, model.candidates, found)
    for k, side, start, end, gain in gains:
        kind = "partial_omission" if side == "src" else "partial_addition"
        limit = model.omission_threshold if side == "src" else model.addition_threshold
        if gain <= limit * scale:
            continue
        text = src_texts[k] if side == "src" else tgt_texts[k]
        where = "translation" if side == "src" else "source"
        out[k].append(
            {
                "type": kind,
                "src": [start, end] if side == "src" else None,
                "tgt": [start, end] if side == "tgt" else None,
                "detail": f"{text[start:end]!r} has no counterpart in the {where} "
                f"(without it the texts are closer: cosine +{gain:.3f})",
            }
        )
    return out


class _Evidence(NamedTuple):
    reasons: list[list[Reason]]
    drift: np.ndarray | None = None  # the fitted model's
    margin: np.ndarray | None = None  # cosine minus that of unrelated sentences


def _no_coverage(src: Sequence[str], tgt: Sequence[str]) -> None:
    return None


def _reuse(
    covs: list[Coverage] | None, src: list[str], tgt: list[str], cover: CoverFn | None
) -> CoverFn:
    """The coverage already computed for these pairs, as a cover function (the member
    check asks again for its merged beads); ``cover`` answers any other pair (a bead
    less a sentence reported, :func:`align.members.recheck`)."""
    if covs is None:
        return _no_coverage
    known = dict(zip(zip(src, tgt, strict=True), covs, strict=True))

    def reuse(s: Sequence[str], t: Sequence[str]) -> list[Coverage] | None:
        asked = list(zip(s, t, strict=True))
        new = list(dict.fromkeys(pair for pair in asked if pair not in known))
        if new:
            got = cover([a for a, _ in new], [b for _, b in new]) if cover else None
            if got is None:
                return None
            known.update(zip(new, got, strict=True))
        return [known[pair] for pair in asked]

    return reuse


def _evidence(
    source: Document,
    target: Document,
    pairs: list[Bead],
    src_texts: list[str],
    tgt_texts: list[str],
    vs: np.ndarray,
    vt: np.ndarray,
    refs: tuple[np.ndarray, np.ndarray],
    embed: EmbedFn,
    cfg: DriftConfig,
    model: DriftModel | None,
    cover: CoverFn | None,
    found: list[list[Reason]],
    word_scale: float = 1.0,
    exact: tuple[EmbedFn, CoverFn] | None = None,
) -> _Evidence:
    """Reasons of a chunk of two-sided beads and the fitted model's view of them.

    ``found`` holds the checks' reasons of each bead. The arrays are None where
    there is no fitted model or no token coverage (the caller keeps the
    rescaled cosine).
    """
    covs = cover(src_texts, tgt_texts) if model is not None and cover is not None else None
    # sentences of a merged bead with no counterpart: omissions/additions inside beads,
    # read from the joined texts (``exact``) where the caller has them
    members = getattr(cfg, "members", None)  # None: the balanced preset
    m_embed, m_cover = exact or (embed, _reuse(covs, src_texts, tgt_texts, cover))
    if model is None:
        m_cover = _no_coverage
    found = check_members(source, target, pairs, found, m_embed, m_cover, members)
    if model is None or covs is None:
        return _Evidence(found)
    read = _read_glossed(src_texts, tgt_texts, vs, vt, covs, embed, cover) if cover else None
    features = model.features(*(read or (vs, vt, covs)), *refs)
    dropped = _dropped_words(src_texts, tgt_texts, vs, vt, covs, found, embed, model, word_scale)
    found = [a + b for a, b in zip(found, dropped, strict=True)]
    return _Evidence(found, model.drift(features), margin(features))


def score_beads(
    source: Document,
    target: Document,
    beads: list[Bead],
    embed: EmbedFn,
    cfg: DriftConfig | None = None,
    cover: CoverFn | None = None,
    checks: Sequence[str] | None = None,
    *,
    pairs_only: bool = False,
    shift: float | None = None,
    margin_scale: float | None = None,
    stats: dict[str, object] | None = None,
    exact: tuple[EmbedFn, CoverFn] | None = None,
) -> list[ScoredBead]:
    """Attach similarity, drift, flags and reasons to every bead.

    ``cover`` gives token coverage (see :func:`align.coverage.pair_coverage`);
    with it and a fitted ``cfg.model`` drift is the fitted model's, and
    partial omissions and additions are reported. ``checks`` names the
    registered checks to run (None: all of :data:`align.checks.CHECKS`).

    The fitted drift of a document is re-centred on the document
    (:meth:`DriftModel.recentre`); ``pairs_only`` (independent pairs, not one
    document) leaves every pair's drift its own; ``shift`` and ``margin_scale``
    apply what was found before for the whole document (beads rescored after a
    review edit; :meth:`DriftModel.margin_scale`). ``stats``, when given, receives
    the median semantic drift before and after, the shift and the margin scale.
    ``exact`` (embed, cover) encode a merged bead's joined text as one, for the
    member check (:mod:`align.members`), where ``embed`` / ``cover`` answer runs of
    sentences from per-sentence vectors; None: ``embed`` and ``cover``.
    """
    cfg = cfg or DriftConfig()
    weights = flag_weights() | WORD_FLAG_WEIGHTS
    pairs = [b for b in beads if b.src and b.tgt]
    src_texts = [_join(source, b.src) for b in pairs]
    tgt_texts = [_join(target, b.tgt) for b in pairs]
    vs = embed(src_texts) if pairs else np.zeros((0, 1))
    vt = embed(tgt_texts) if pairs else np.zeros((0, 1))
    cos = np.einsum("ij,ij->i", vs, vt)
    quality = np.zeros(len(pairs))
    semantic = np.zeros(len(pairs))
    # low_similarity: the fitted model's drift reaches its level, or the cosine is
    # barely above unrelated sentences' (the margin: the fitted level misses half
    # the mis-paired Text+Berg beads)
    unrelated = np.zeros(len(pairs), dtype=bool)
    margins = np.zeros(len(pairs))
    scale = 1.0  # the document's margin scale (DriftModel.margin_scale)
    found: list[list[Reason]] = []
    model: DriftModel | None = None  # the fitted model, when it can be used here
    if pairs:
        # distances to unrelated text of the other document: the per-document scale
        # (each distinct sentence once: several translations of one repeated source
        # must not make that source its own "unrelated" reference)
        ref_t = _random_rows(embed(list(dict.fromkeys(target.texts))), cfg.samples, cfg.seed)
        ref_s = _random_rows(embed(list(dict.fromkeys(source.texts))), cfg.samples, cfg.seed + 1)
        norm_s = np.maximum((1.0 - vs @ ref_t.T).mean(1), 1e-3)
        norm_t = np.maximum((1.0 - vt @ ref_s.T).mean(1), 1e-3)
        quality = 1.0 - (1.0 - cos) / ((norm_s + norm_t) / 2)
        semantic = np.array([quality_to_drift(float(q), cfg) for q in quality])
        if cfg.model is not None and cover is not None:
            # the head fitted on this language pair where there is one (ru-en),
            # else the shared model: its features are measured against unrelated
            # sentences of the same documents (ref_*), comparable across language
            # pairs, see align.drift_model
            model = cfg.model.for_pair(source.lang, target.lang)
        word_scale = model.word_scale(cos) if model is not None else 1.0
        # numbers, names, institutions, polarity, ... (the registry of align.checks)
        checked = check_all(src_texts, source.lang, tgt_texts, target.lang, checks)
        if not pairs_only:  # independent pairs share no sentence boundary
            checked = _moved_numbers(checked)
        # token coverage and word cuts a chunk of beads at a time: a book's
        # coverage never sits in memory at once (every step below is per bead)
        for begin in range(0, len(pairs), DRIFT_CHUNK):
            part = slice(begin, begin + DRIFT_CHUNK)
            got = _evidence(
                source,
                target,
                pairs[part],
                src_texts[part],
                tgt_texts[part],
                vs[part],
                vt[part],
                (ref_s, ref_t),
                embed,
                cfg,
                model,
                cover,
                checked[part],
                word_scale,
                exact,
            )
            found += got.reasons
            if got.drift is not None and got.margin is not None:
                semantic[part] = got.drift
                margins[part] = got.margin
            elif model is not None:
                logger.warning(
                    "the fitted drift model is not used: the encoder gives no token vectors"
                )
                model = None
            release()
    if model is None and len(pairs) >= cfg.reference_beads:
        ref = document_reference(quality, cfg)
        semantic = np.array([quality_to_drift(float(q), cfg, ref) for q in quality])
    if model is not None and len(pairs):
        before = float(np.median(semantic))
        moved = 0.0
        if not pairs_only:
            semantic, moved = model.recentre(semantic, margins, shift)
            scale = model.margin_scale(margins) if margin_scale is None else margin_scale
        unrelated = margins <= cfg.unrelated_margin * scale
        if stats is not None:
            stats |= {
                "reading": model.reading(),
                "median_semantic_drift": round(before, 4),
                "recentred_median": round(float(np.median(semantic)), 4),
                "logit_shift": round(moved, 4),
                "margin_scale": round(scale, 4),
            }
    # the fitted level, raised a little for a document matched loosely throughout
    low_similarity = model.flag_level(semantic) if model is not None else cfg.low_similarity
    # two neighbours that each lost their counterpart, paired by the aligner: the margin
    # tells (align.members.unpaired_reasons); not for pairs given as pairs
    unpaired = model is not None and not pairs_only
    k = 0
    out: list[ScoredBead] = []
    for bead in beads:
        src_text, tgt_text = _join(source, bead.src), _join(target, bead.tgt)
        passage = _passage(source, target, bead)
        if not bead.src or not bead.tgt:
            out.append(_unaligned(bead, source, target, passage))
            continue
        sim, q, drift = float(cos[k]), float(quality[k]), float(semantic[k])
        reasons = found[k]
        lost = (
            unpaired_reasons(source, target, bead, sim, margins[k], scale, cfg.members)
            if unpaired and not any(r["type"] in ("omission", "addition") for r in reasons)
            else []
        )
        if drift >= low_similarity or unrelated[k] or lost:
            # a bead that reads as unrelated reads at least the flag level, whether or not
            # a check also names a difference ("Женеве" missing from an unrelated sentence)
            drift = max(drift, low_similarity)
            # a check's reason says more than "meaning differs", unless the bead is barely
            # closer than unrelated sentences: then that is the news, first, with the
            # sentences that have no counterpart
            news: list[Reason] = []
            if (not reasons and not lost) or unrelated[k]:
                news.append(
                    {
                        "type": "low_similarity",
                        "src": None,
                        "tgt": None,
                        "detail": f"meaning differs (cosine {sim:.3f})",
                    }
                )
            reasons[:0] = news + lost
        k += 1
        flags: list[str] = []
        for r in reasons:
            kind = str(r["type"])
            if kind not in flags:
                flags.append(kind)
            if kind != "low_similarity":
                drift = _raise(drift, kind, weights)
        out.append(
            ScoredBead(
                bead.src,
                bead.tgt,
                src_text,
                tgt_text,
                sim,
                drift,
                flags,
                reasons,
                passage,
                float(np.clip(1.0 - q, 0.0, 2.0)),
            )
        )
    return out


def _moved_numbers(found: list[list[Reason]]) -> list[list[Reason]]:
    """Drop a number one bead lacks when the next bead has that value on the other side
    alone: the translator moved it across the sentence boundary ("... Schrofen 41 und
    Felsband" / "... en 41 automne"), nothing was dropped. ``found``: each two-sided
    bead's reasons, in document order."""
    out = [list(rs) for rs in found]

    def lone(r: Reason, side: str) -> object:
        other = "tgt_value" if side == "src_value" else "src_value"
        if r.get("type") == "number_mismatch" and r.get(other) is None:
            return r.get(side)
        return None

    for k in range(len(out) - 1):
        for r in list(out[k]):
            for side, other in (("src_value", "tgt_value"), ("tgt_value", "src_value")):
                value = lone(r, side)
                if value is None:
                    continue
                partner = next((q for q in out[k + 1] if lone(q, other) == value), None)
                if partner is not None:
                    out[k].remove(r)
                    out[k + 1].remove(partner)
                    break
    return out


def _remap(span: object, where: list[int] | None) -> object:
    if where is None or not isinstance(span, list) or len(span) != 2:
        return span
    start, end = span
    if not where or end <= start:
        return span
    return [where[start], where[end - 1] + 1]


def check_all(
    src_texts: Sequence[str],
    src_lang: str,
    tgt_texts: Sequence[str],
    tgt_lang: str,
    checks: Sequence[str] | None = None,
    workers: int | None = None,
    min_beads: int = PARALLEL_CHECKS,
) -> list[list[Reason]]:
    """:func:`clean_checks` of every pair, on every core for a long document.

    The checks are pure Python (patterns, word tables), about 1,000 beads a
    second on one core: a book's 30,000 beads are worth a worker process per
    core. They start from a fork server (never a fork of this process, which
    may run threads: a progress bar's, the review service's) that has imported
    the checks once.
    """
    jobs = list(zip(src_texts, tgt_texts, strict=True))
    workers = usable_cores() if workers is None else workers
    if (
        len(jobs) < min_beads
        or workers < 2
        or "forkserver" not in multiprocessing.get_all_start_methods()
    ):
        return _check_chunk((jobs, src_lang, tgt_lang, checks))
    size = -(-len(jobs) // (workers * 4))  # a few chunks a worker: none waits on a slow one
    chunks = [(jobs[i : i + size], src_lang, tgt_lang, checks) for i in range(0, len(jobs), size)]
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload([__name__])
    try:
        with ProcessPoolExecutor(workers, mp_context=ctx) as pool:
            return [reasons for part in pool.map(_check_chunk, chunks) for reasons in part]
    except (BrokenProcessPool, OSError) as exc:  # a worker killed (memory), no processes
        logger.warning("checks workers failed (%s); running the checks in this process", exc)
        return _check_chunk((jobs, src_lang, tgt_lang, checks))


def _check_chunk(
    job: tuple[list[tuple[str, str]], str, str, Sequence[str] | None],
) -> list[list[Reason]]:
    pairs, src_lang, tgt_lang, checks = job
    return [clean_checks(s, src_lang, t, tgt_lang, checks) for s, t in pairs]


def clean_checks(
    src_text: str,
    src_lang: str,
    tgt_text: str,
    tgt_lang: str,
    checks: Sequence[str] | None = None,
) -> list[Reason]:
    """The registered checks on the visible text; spans point into the original text."""
    src, src_map = visible(src_text)
    tgt, tgt_map = visible(tgt_text)
    reasons = run_checks(src, src_lang, tgt, tgt_lang, checks)
    if src_map is None and tgt_map is None:
        return reasons
    for r in reasons:
        r["src"] = _remap(r.get("src"), src_map)  # type: ignore[typeddict-item]
        r["tgt"] = _remap(r.get("tgt"), tgt_map)  # type: ignore[typeddict-item]
    return reasons


class DriftScorer:
    """Scores drift of aligned beads; built once from the encoder in use.

    It owns what drift needs besides the beads: the fitted drift model of
    that encoder (none for encoders without one: rescaled cosine then), token
    coverage through the same encoder, and the checks to run (all registered
    ones by default; see :mod:`align.checks` to add one).
    """

    def __init__(
        self,
        encoder: Encoder,
        name: str | None = None,
        batch_size: int = 64,
        checks: Sequence[str] | None = None,
    ) -> None:
        from .encoders import faithful_quality

        self.encoder = encoder
        self.name = name or encoder.name
        self.batch_size = batch_size
        self.checks = None if checks is None else list(checks)
        self.model = load_drift_model(self.name)
        self.config = DriftConfig(faithful_quality=faithful_quality(self.name), model=self.model)

    def cover(self, src: Sequence[str], tgt: Sequence[str]) -> list[Coverage] | None:
        """Token coverage of each pair (None when the encoder has no token vectors)."""
        return pair_coverage(self.encoder, src, tgt, self.batch_size // 2 or 1)

    def score(
        self,
        source: Document,
        target: Document,
        beads: list[Bead],
        embed: EmbedFn | None = None,
        cover: CoverFn | None = None,
        *,
        pairs_only: bool = False,
        stats: dict[str, object] | None = None,
    ) -> list[ScoredBead]:
        """Similarity, drift, flags and reasons for every bead (see :func:`score_beads`).

        ``embed`` and ``cover`` default to the encoder itself; the aligner passes
        the vectors and token states it already computed (one forward pass).
        ``pairs_only``: the beads are independent pairs, not one document.
        """
        # the caller's vectors may be sums of per-sentence ones (the aligner's): the
        # member check reads merged beads as one text each
        own = embed is None and cover is None
        return score_beads(
            source,
            target,
            beads,
            embed or self.embed,
            self.config,
            cover or self.cover,
            self.checks,
            pairs_only=pairs_only,
            stats=stats,
            exact=None if own else (self.embed, self.cover),
        )

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors of ``texts``, each encoded as one text."""
        return self.encoder.encode(list(texts), self.batch_size, False)

    def signature(self) -> dict[str, object]:
        return self.config.signature()


def passage_summary(beads: list[ScoredBead]) -> list[dict[str, object]]:
    """Drift aggregated per passage (speaker turn or paragraph), in document order."""
    groups: dict[str, list[ScoredBead]] = {}
    info: dict[str, Passage] = {}
    for b in beads:
        if b.passage is None:
            continue
        groups.setdefault(b.passage.id, []).append(b)
        info[b.passage.id] = b.passage
    rows: list[dict[str, object]] = []
    for pid, items in groups.items():
        weights = np.array([max(1, len(b.src) + len(b.tgt)) for b in items], dtype=float)
        drifts = np.array([b.drift for b in items])
        p = info[pid]
        rows.append(
            {
                "id": pid,
                "speaker": p.speaker,
                "retranslated": p.retranslated,
                "beads": len(items),
                "mean_drift": round(float((drifts * weights).sum() / weights.sum()), 4),
                "max_drift": round(float(drifts.max()), 4),
                "flags": sorted({f for b in items for f in b.flags}),
            }
        )
    return rows


def summarise(beads: list[ScoredBead], top: int = 10) -> dict[str, object]:
    """Counts, mean drift, retranslated vs direct passages, the most drifted beads."""
    drifts = np.array([b.drift for b in beads]) if beads else np.zeros(0)
    passages = passage_summary(beads)

    def part(retranslated: bool) -> dict[str, object]:
        sel = [b for b in beads if b.passage is not None and b.passage.retranslated == retranslated]
        return {
            "passages": sum(1 for p in passages if p["retranslated"] == retranslated),
            "beads": len(sel),
            "mean_drift": round(float(np.mean([b.drift for b in sel])), 4) if sel else None,
            "flagged": sum(1 for b in sel if b.flags),
        }

    order = list(np.argsort(-drifts, kind="stable")[:top]) if len(drifts) else []
    omissions, additions = unmatched(beads)
    return {
        "beads": len(beads),
        "one_to_one": sum(1 for b in beads if len(b.src) == 1 and len(b.tgt) == 1),
        "omissions": omissions,
        "additions": additions,
        "number_mismatches": sum(1 for b in beads if "number_mismatch" in b.flags),
        "flagged": sum(1 for b in beads if b.flags),
        "mean_drift": round(float(drifts.mean()), 4) if len(drifts) else None,
        "retranslated": part(True),
        "direct": part(False),
        "most_drifted": [
            {
                "bead": int(i) + 1,  # beads count from 1 everywhere (report, JSONL, TMX)
                "src": list(beads[i].src),
                "tgt": list(beads[i].tgt),
                "drift": round(beads[i].drift, 4),
                "flags": beads[i].flags,
                "src_text": beads[i].src_text[:200],
                "tgt_text": beads[i].tgt_text[:200],
            }
            for i in order
        ],
        "passages": passages,
    }
