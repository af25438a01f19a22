"""The fitted drift model (models/drift/e5.json) and what it adds to drift: real e5, real text."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import numpy as np
import pytest

from align.api import sentences_document
from align.coverage import POOL_LAYER, Coverage, feature_names
from align.drift import FLAG_WEIGHTS, DriftConfig, DriftScorer, score_beads
from align.drift_model import (
    FAITHFUL_MEDIAN_DRIFT,
    LEVEL_RAISE_MAX,
    RECENTRE_FROM,
    RECENTRE_MARGIN,
    _models_dir,
    load_drift_model,
    pair_features,
    scalar_names,
)
from align.evaluate import read_beads
from align.types import Bead

from .conftest import shared


def test_parameter_file_matches_the_features() -> None:
    model = load_drift_model("e5")
    assert model is not None
    raw = json.loads((_models_dir() / "e5.json").read_text(encoding="utf-8"))
    n = len(scalar_names())  # no per-dimension vector features: they tie a model to a pair
    assert len(model.weights) == len(model.mean) == len(model.scale) == n
    assert 0.5 < model.prior < 1.0  # e5's cosine of unrelated sentences
    assert raw["features"]["scalar"] == scalar_names()  # the file was fitted on these features
    assert model.calibration[0] > 0  # higher predicted quality, lower drift
    assert model.candidates >= 1 and np.isfinite(model.omission_threshold)
    assert model.signature()["drift_model"] == "e5.json" and len(model.digest) == 16


def test_word_thresholds_rise_only_for_loosely_matched_documents() -> None:
    model = load_drift_model("e5")
    assert model is not None and 0.0 < model.typical_gap < 0.2
    gap = model.typical_gap
    tight = np.full(50, 1.0 - gap / 2)  # matched more closely than the fitted pairs
    loose = np.full(50, 1.0 - 1.5 * gap)  # ParIce en-is is about this loose
    assert model.word_scale(tight) == 1.0  # never lowered
    assert model.word_scale(loose) == pytest.approx(1.5)
    assert model.word_scale(loose[:5]) == 1.0  # too few pairs for a median
    assert model.for_pair("ru", "en").typical_gap == gap  # the head keeps the shared spans


def test_the_low_similarity_level_rises_a_little_for_loosely_matched_documents() -> None:
    """ParIce en-is: faithful beads sit at a median drift of 0.36, Text+Berg's at 0.24."""
    model = load_drift_model("e5")
    assert model is not None
    tight = np.full(30, 0.15)
    loose = np.full(30, 0.36)
    assert model.flag_level(tight) == model.low_similarity  # never lowered
    assert model.flag_level(np.full(30, 0.22)) == pytest.approx(model.low_similarity + 0.02)
    assert model.flag_level(loose) == pytest.approx(model.low_similarity + LEVEL_RAISE_MAX)
    assert model.flag_level(np.full(30, 0.9)) == pytest.approx(model.low_similarity + 0.05)
    assert model.flag_level(loose[:5]) == model.low_similarity  # too few pairs for a median


def test_a_document_read_loosely_throughout_is_recentred_within_bounds() -> None:
    model = load_drift_model("e5")
    assert model is not None
    rng = np.random.default_rng(0)
    loose = np.sort(rng.uniform(0.2, 0.5, 41))  # median 0.35: ParIce en-is reads so
    clear = np.full(41, RECENTRE_MARGIN + 0.03)  # beads well above unrelated text
    moved, shift = model.recentre(loose, clear)
    assert shift > 0 and np.median(moved) == pytest.approx(FAITHFUL_MEDIAN_DRIFT)
    assert np.array_equal(np.argsort(moved), np.argsort(loose))  # beads keep their order
    assert np.all(moved < loose)
    # a median above RECENTRE_FROM moves only as far as one at RECENTRE_FROM
    worse, most = model.recentre(np.full(41, 0.7), clear)
    assert most == pytest.approx(np.log(RECENTRE_FROM / (1 - RECENTRE_FROM)) + np.log(4))
    assert 0.4 < worse[0] < 0.7
    # never raised; not for a handful of beads; not where beads sit near unrelated text
    tight = np.full(41, 0.1)
    assert model.recentre(tight, clear)[1] == 0.0
    assert model.recentre(loose[:5], clear[:5])[1] == 0.0
    assert model.recentre(loose, np.full(41, 0.01))[1] == 0.0  # mis-paired, wrong file
    # a shift found before applies to a few beads as it is (a review edit's rescore)
    few, same = model.recentre(loose[:3], clear[:3], shift)
    assert same == shift and np.allclose(few, moved[:3])


def test_the_unrelated_margin_threshold_scales_down_for_a_loosely_read_document() -> None:
    """ParIce en-is's faithful beads sit at a median margin of 0.06-0.09 over unrelated
    sentences, the faithful training pairs at 0.12: the threshold follows the document."""
    model = load_drift_model("e5")
    assert model is not None and 0.08 < model.typical_margin < 0.2
    typical = model.typical_margin
    assert model.margin_scale(np.full(40, typical / 2)) == pytest.approx(0.5)
    assert model.margin_scale(np.full(40, 2 * typical)) == 1.0  # never raised
    assert model.margin_scale(np.full(5, typical / 2)) == 1.0  # too few beads for a median
    # beads barely above unrelated text throughout: mis-paired, the full threshold stays
    assert model.margin_scale(np.full(40, RECENTRE_MARGIN / 2)) == 1.0


def test_faithful_icelandic_reads_as_faithful_and_a_mispaired_one_does_not(aligner) -> None:  # type: ignore[no-untyped-def]
    """ParIce en-is: e5 reads it less closely than the pairs drift was fitted on."""
    root = shared("align", "parice_enis")
    name = "s_2.txt"

    def lines(path):  # type: ignore[no-untyped-def]
        rows = path.read_text(encoding="utf-8").splitlines()
        return [r.split("\t", 1)[-1] for r in rows if r.strip()]

    source = sentences_document(lines(root / "en" / name), "en", name)
    target = sentences_document(lines(root / "is" / name), "is", name)
    gold = [Bead(tuple(s), tuple(t)) for s, t in read_beads(root / "gold" / name) if s and t]
    stats: dict[str, object] = {}
    beads = aligner.scorer.score(source, target, gold, stats=stats)
    assert float(stats["logit_shift"]) > 0  # type: ignore[arg-type]
    assert 0.3 < float(stats["margin_scale"]) < 1.0  # type: ignore[arg-type]
    assert float(stats["median_semantic_drift"]) > 0.25  # type: ignore[arg-type]
    assert np.median([b.drift for b in beads]) <= 0.25
    # the same document's targets moved on: beads barely above unrelated text
    ones = [b for b in gold if len(b.src) == len(b.tgt) == 1]
    wrong = [Bead(b.src, ones[(k + 7) % len(ones)].tgt) for k, b in enumerate(ones)]
    stats = {}
    scored = aligner.scorer.score(source, target, wrong, stats=stats)
    assert stats["logit_shift"] == 0.0 and stats["margin_scale"] == 1.0
    assert np.mean([bool(b.flags) for b in scored]) > 0.6
    # pairs are each their own: never re-centred
    stats = {}
    aligner.scorer.score(source, target, gold, pairs_only=True, stats=stats)
    assert stats["logit_shift"] == 0.0


def test_the_mlqe_pairs_have_heads_of_their_own_and_other_pairs_the_heads_mean() -> None:
    model = load_drift_model("e5")
    assert model is not None
    assert model.kind == "shared"
    # the MLQE-PE pairs, in the direction they were rated
    rated = ("ru-en", "en-zh", "et-en", "ne-en", "ro-en", "si-en")  # en-de: too weak (fit_drift)
    anchored = ("ar-en", "zh-en")  # faithful rows, no rated MT: see the next test
    assert sorted(model.pairs) == sorted(rated + anchored)
    # a pair of languages the heads know (en, ru, zh, et, ne, ro, si) reads their mean
    unheaded = model.unheaded
    assert unheaded is not None and unheaded.kind == "heads"
    assert unheaded.languages() == {"en", "ru", "zh", "et", "ne", "ro", "si"}
    for pair in (("en", "ru"), ("ru", "zh"), ("en", "ro")):
        assert model.for_pair(*pair) is unheaded
    assert [h.pair for h in unheaded.averaged] == list(rated)
    assert np.array_equal(unheaded.guard.weights, model.weights)  # type: ignore[union-attr]
    assert unheaded.calibration[0] > 0 and model.low_similarity < unheaded.low_similarity < 1.0
    # any other: the shared model
    others = (("en", "de"), ("de", "fr"), ("en", "is"), ("en", "ar"), ("ja", "en"))
    for pair in (*others, (None, "en"), (None, "ru")):
        assert model.for_pair(*pair) is model  # only the pairs it was fitted on
    # the shared features, every coverage statistic, vs*vt and |vs-vt| of 384 dimensions,
    # and the same of the pooled token vectors with their cosine
    width = len(scalar_names()) + len(feature_names()) + 2 * 384 + 1 + 2 * 384
    for name in rated:
        head = model.for_pair(*name.split("-"))
        assert head is not model and head.kind == "head" and head.guard is not None
        assert np.array_equal(head.guard.weights, model.weights)  # the shared model on guard
        assert len(head.weights) == len(head.mean) == len(head.scale) == width
        assert head.calibration[0] > 0 and 0.5 <= head.low_similarity < 1.0
        assert head.prior == model.prior and head.omission_threshold == model.omission_threshold
        assert head.digest == model.digest  # one file, one signature


def test_pairs_with_faithful_rows_alone_keep_the_shared_model_on_their_own_scale() -> None:
    """ar-en and zh-en have no rated MT, only faithful rows (formulas, STS17 ar-en pairs
    scored equivalent): the shared model, its logistic moved down so that those rows read
    at the faithful median; never up, and the ranking is the shared model's."""
    model = load_drift_model("e5")
    assert model is not None
    for pair in ("ar-en", "zh-en"):
        own = model.for_pair(*pair.split("-"))
        assert own is not model and own.kind == "shared" and own.guard is None
        assert np.array_equal(own.weights, model.weights)
        assert own.low_similarity == model.low_similarity
        assert own.calibration[0] == model.calibration[0]
        assert own.calibration[1] < model.calibration[1]  # reads lower, at every quality
        features = np.tile(model.mean, (3, 1)) + np.outer([-2.0, 0.0, 2.0], model.scale)
        assert np.all(own.drift(features) < model.drift(features))
        assert np.all(np.diff(own.drift(features)) * np.diff(model.drift(features)) > 0)


def test_mt_its_raters_scored_90_reads_as_faithful_through_a_pairs_head(aligner) -> None:  # type: ignore[no-untyped-def]
    """si-en: most of its MT is poor, so its head's P(DA < 70) read even the rows rated 90+
    at a median of 0.32. Each head is anchored where faithful text reads (the median every
    document is re-centred to); the ranking is the head's own."""
    import csv

    from align.drift_model import FAITHFUL_MEDIAN_DRIFT

    path = shared("drift", "mlqe-pe_other", "si-en", "dev.sien.df.short.tsv")
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    good = [r for r in rows if float(r["mean"]) >= 90][:48]
    poor = [r for r in rows if float(r["mean"]) < 30][:48]
    assert len(good) >= 40 and len(poor) >= 40

    def drift(rs):  # type: ignore[no-untyped-def]
        pairs = [(r["original"].strip(), r["translation"].strip()) for r in rs]
        return [b.drift for b in aligner.score_pairs(pairs, "si", "en").beads]

    faithful, broken = drift(good), drift(poor)
    assert np.median(faithful) <= FAITHFUL_MEDIAN_DRIFT + 0.05
    assert np.median(broken) > np.median(faithful) + 0.2


def test_the_ru_en_head_reads_its_own_features(e5) -> None:  # type: ignore[no-untyped-def]
    """The head scores from vectors and token coverage of real text; a broken
    translation gets a lower predicted quality than a faithful one."""
    from align.coverage import pair_coverage

    head = load_drift_model("e5").for_pair("ru", "en")  # type: ignore[union-attr]
    src = [SRC, SRC]
    tgt = [CANDIDATES[0], CANDIDATES[3]]
    vs, vt = e5.encode(src), e5.encode(tgt)
    covs = pair_coverage(e5, src, tgt)
    x = head.features(vs, vt, covs, None, None)
    assert x.shape == (2, len(head.weights))
    faithful, reversed_ = head.quality(x)
    assert faithful > reversed_
    # its last columns are the pooled middle-layer vectors' cosine, products and
    # differences (align.coverage.POOL_LAYER): swapping the two pairs' pooled
    # vectors alone moves the head's reading
    dim = vs.shape[1]
    assert np.allclose(x[:, -(2 * dim + 1)], [c.src_pooled @ c.tgt_pooled for c in covs])  # type: ignore[operator]
    swapped = [replace(c, tgt_pooled=d.tgt_pooled) for c, d in zip(covs, covs[::-1], strict=True)]
    y = head.features(vs, vt, swapped, None, None)
    assert np.allclose(x[:, : -(2 * dim + 1)], y[:, : -(2 * dim + 1)])
    assert not np.allclose(head.quality(x), head.quality(y))


def test_a_pair_without_a_head_reads_the_mean_of_the_heads(e5) -> None:  # type: ignore[no-untyped-def]
    """en-ru has no rated MT of its own, but the heads know both languages: its drift is
    the heads' mean quality on a logistic of its own, which ranks the faithful
    translation first and an unrelated sentence far behind."""
    from align.coverage import pair_coverage

    model = load_drift_model("e5")
    assert model is not None and model.unheaded is not None
    heads = model.for_pair("en", "ru")
    assert heads is model.unheaded
    src = ["The minister said that the talks would continue next week in Geneva."] * 4
    tgt = [
        "Министр заявил, что переговоры продолжатся на следующей неделе в Женеве.",
        "Министр заявил, что переговоры продолжатся в Женеве.",  # "next week" lost
        "Министр заявил, что переговоры завершатся на следующей неделе в Женеве.",  # end
        "В воскресенье на севере страны ожидаются сильные дожди.",  # unrelated
    ]
    vs, vt = e5.encode(src), e5.encode(tgt)
    x = heads.features(vs, vt, pair_coverage(e5, src, tgt), None, None)
    assert x.shape[1] == len(heads.averaged[0].weights)  # the heads' own features
    q = heads.quality(x)
    assert np.allclose(q, np.mean([h.quality(x) for h in heads.averaged], axis=0))
    faithful, lost, ended, unrelated = heads.drift(x)
    assert faithful < lost and faithful < ended
    assert unrelated > 0.5 > max(faithful, lost, ended)


def test_the_summary_says_what_read_the_document(aligner) -> None:  # type: ignore[no-untyped-def]
    """One model file reads pairs four ways; a run's summary names the one it used."""
    model = load_drift_model("e5")
    assert model is not None
    assert model.for_pair("ru", "en").reading() == "the ru-en head"
    assert model.for_pair("en", "ru").reading().startswith("the mean of the heads (ru-en, ")
    assert model.for_pair("ar", "en").reading() == "the shared model on ar-en's scale"
    assert model.for_pair("de", "fr").reading() == "the shared model"
    en = "The talks will continue next week. The ministers will meet in Geneva."
    ru = "Переговоры продолжатся на следующей неделе. Министры встретятся в Женеве."
    for (a, la), (b, lb), reads in (
        ((en, "en"), (ru, "ru"), "the mean of the heads"),
        ((ru, "ru"), (en, "en"), "the ru-en head"),
    ):
        run = aligner.align_documents(
            sentences_document(a.split(". "), la, "a"), sentences_document(b.split(". "), lb, "b")
        )
        assert str(run.summary["drift_recentring"]["reading"]).startswith(reads)
    pairs = aligner.score_pairs([(en, ru)], "en", "ru")  # pairs say it too, never re-centred
    assert str(pairs.summary["drift_recentring"]["reading"]).startswith("the mean of the heads")
    assert pairs.summary["drift_recentring"]["logit_shift"] == 0.0


def test_a_file_without_the_heads_mean_keeps_the_shared_model_for_other_pairs() -> None:
    from align.drift_model import DriftModel

    raw = json.loads((_models_dir() / "e5.json").read_text(encoding="utf-8"))
    del raw["unheaded"]
    model = DriftModel.from_dict(raw)
    assert model.unheaded is None and model.for_pair("en", "ru") is model
    assert model.for_pair("ru", "en").kind == "head"


def test_no_fitted_model_for_paths_and_other_encoders() -> None:
    assert load_drift_model("use-m3") is None
    assert load_drift_model("../models/drift/e5") is None  # never a path
    assert load_drift_model("/home/me/labse") is None
    assert DriftScorer(_NoEncoder(), "use-m3").model is None  # type: ignore[arg-type]
    assert DriftScorer(_NoEncoder(), "e5").signature()["semantic"] == "fitted"  # type: ignore[arg-type]


class _NoEncoder:
    """The scorer picks its fitted model from the encoder's name; nothing is encoded here."""

    name = "unused"


def _pairs(aligner, src: list[str], tgt: list[str], src_lang: str, tgt_lang: str = "en"):  # type: ignore[no-untyped-def]
    return aligner.score_pairs(zip(src, tgt, strict=True), src_lang, tgt_lang).beads


SRC = "Министр заявил, что переговоры продолжатся на следующей неделе в Женеве."
CANDIDATES = [
    "The minister said that the talks would continue next week in Geneva.",  # faithful
    "According to the minister, negotiations will go on in Geneva next week.",  # rephrased
    "The minister said that the talks would continue in Geneva.",  # "next week" lost
    "The minister said that the talks would end next week in Geneva.",  # meaning reversed
    "Heavy rain is expected in the north of the country on Sunday.",  # unrelated
]


def test_drift_orders_translations_by_how_much_meaning_moved(aligner) -> None:  # type: ignore[no-untyped-def]
    beads = _pairs(aligner, [SRC] * len(CANDIDATES), CANDIDATES, "ru")
    faithful, rephrased, lost, reversed_, unrelated = (b.drift for b in beads)
    assert all(0.0 < d < 1.0 for d in (faithful, rephrased, lost, reversed_, unrelated))
    assert faithful < lost and faithful < reversed_ and rephrased < lost
    assert max(faithful, rephrased) < 0.2 and unrelated > 0.65
    assert not beads[0].flags and not beads[1].flags
    assert beads[2].flags == ["partial_omission"]  # "next week" has no counterpart
    week = beads[2].reasons[0]["src"]
    assert SRC[slice(*week)] in ("следующей", "неделе")  # type: ignore[misc]
    # unrelated first; "Женеве" is missing from it too
    assert beads[4].flags == ["low_similarity", "entity_missing"]


def test_the_floor_of_a_meeting_is_no_word_the_source_lacks(aligner) -> None:  # type: ignore[no-untyped-def]
    """ "Вам слово" is "the floor is yours": "floor" was a partial_addition in three of ten
    faithful floor formulas. A word added beside the idiom is still one."""
    src = ["Слово предоставляется министру.", "Прошу вас, вам слово.", "الكلمة لكم."]
    tgt = [
        "The floor is given to the minister.",
        "Please, the floor is yours.",
        "The floor is yours.",
    ]
    for s, t, lang in zip(src, tgt, ["ru", "ru", "ar"], strict=True):
        (bead,) = _pairs(aligner, [s], [t], lang)
        assert "partial_addition" not in bead.flags, (s, t, bead.reasons)
    (bead,) = _pairs(
        aligner,
        ["Слово предоставляется министру."],
        ["The floor is given to the former minister."],
        "ru",
    )
    assert "partial_addition" in bead.flags


@pytest.mark.parametrize(
    ("src", "src_lang", "tgt", "tgt_lang"),
    [
        ("You have the floor.", "en", "Вам слово.", "ru"),  # "have" was a partial omission
        ("الكلمة الآن لسعادة السفير.", "ar", "The floor now goes to the ambassador.", "en"),
        ("سيداتي وسادتي.", "ar", "Ladies and gentlemen.", "en"),  # "gentlemen" was one
        ("Meine Damen und Herren, guten Abend.", "de", "Ladies and gentlemen, good evening.",
         "en"),
    ],
)  # fmt: skip
def test_no_word_of_a_meeting_idiom_is_one_the_other_side_lacks(  # type: ignore[no-untyped-def]
    aligner, src: str, src_lang: str, tgt: str, tgt_lang: str
) -> None:
    (bead,) = _pairs(aligner, [src], [tgt], src_lang, tgt_lang)
    partial = {"partial_omission", "partial_addition"}
    assert not partial & set(bead.flags), bead.reasons


def test_a_floor_formula_reads_as_its_literal_gloss(aligner) -> None:  # type: ignore[no-untyped-def]
    """e5 reads "the floor" as a floor: the drift model reads the idiom's gloss instead
    ("I give the word to ..."; Arabic's "my ladies and my gentlemen"); the bead's
    similarity stays its own text's."""
    src = ["Слово моему коллеге."]
    (idiom,) = _pairs(aligner, src, ["I give the floor to my colleague."], "ru")
    (literal,) = _pairs(aligner, src, ["I give the word to my colleague."], "ru")
    assert idiom.drift == pytest.approx(literal.drift, abs=0.01)
    assert idiom.similarity < literal.similarity
    src = ["سيداتي وسادتي."]
    (idiom,) = _pairs(aligner, src, ["Ladies and gentlemen."], "ar")
    (literal,) = _pairs(aligner, src, ["My ladies and my gentlemen."], "ar")
    assert idiom.drift == pytest.approx(literal.drift, abs=0.01)


# (source language, source, target language, full translation, one listed item dropped)
LISTS = [
    (
        "ru",
        "Во встрече участвовали министры обороны, финансов и культуры.",
        "en",
        "Ministers of defence, finance and culture took part in the meeting.",
        "Ministers of defence and culture took part in the meeting.",
    ),
    (
        "de",
        "Das Land exportiert Stahl, Kohle und Weizen.",
        "en",
        "The country exports steel, coal and wheat.",
        "The country exports steel and wheat.",
    ),
    (
        "ar",
        "طالب الرئيس بوقف العدوان فورا ورفع الحصار.",
        "en",
        "The president called for an immediate end to the aggression and the lifting of the siege.",
        "The president called for an end to the aggression and the lifting of the siege.",
    ),
    (
        "zh",
        "会议讨论了经济、教育和医疗问题。",
        "en",
        "The meeting discussed economic, educational and medical issues.",
        "The meeting discussed economic and medical issues.",
    ),
    (
        "en",
        "The country exports steel, coal and wheat.",
        "ru",
        "Страна экспортирует сталь, уголь и пшеницу.",
        "Страна экспортирует сталь и пшеницу.",
    ),
]


@pytest.mark.parametrize(
    ("lang", "src", "tgt_lang", "full", "part"), LISTS, ids=[x[0] for x in LISTS]
)
def test_a_dropped_item_raises_drift(aligner, lang, src, tgt_lang, full, part) -> None:  # type: ignore[no-untyped-def]
    whole, partial = _pairs(aligner, [src, src], [full, part], lang, tgt_lang)
    assert whole.flags == []
    assert partial.drift > whole.drift


# (source language, source, faithful English, its content words: each dropped in turn)
WORDS_DROPPED = [
    (
        "de",
        "Die Regierung hat gestern ein grosses Hilfspaket für kleine Unternehmen beschlossen.",
        "Yesterday the government approved a large aid package for small businesses.",
        ["large", "small", "aid"],
    ),
    (
        "fr",
        "Le ministre a annoncé une hausse importante des salaires des enseignants.",
        "The minister announced a significant increase in teachers' salaries.",
        ["significant", "teachers'"],
    ),
    (
        "es",
        "Los investigadores descubrieron restos de un antiguo templo romano cerca del río.",
        "The researchers discovered the remains of an ancient Roman temple near the river.",
        ["ancient", "Roman"],
    ),
    (
        "cs",
        "Policie zadržela dva muže podezřelé z krádeže drahých obrazů.",
        "Police detained two men suspected of stealing expensive paintings.",
        ["expensive", "detained"],
    ),
    (
        "it",
        "Il treno è partito in ritardo a causa di un guasto tecnico.",
        "The train left late because of a technical fault.",
        ["technical", "late"],
    ),
    (
        "pl",
        "Mieszkańcy miasta protestowali wczoraj przeciwko budowie nowej autostrady.",
        "Residents of the city protested yesterday against the construction of a new motorway.",
        ["new", "protested"],
    ),
    (
        "ja",
        "政府は来年度の防衛予算を大幅に増やす方針を決めた。",
        "The government decided to significantly increase next year's defence budget.",
        ["significantly", "defence"],
    ),
]


@pytest.mark.parametrize(
    ("lang", "src", "full", "words"), WORDS_DROPPED, ids=[x[0] for x in WORDS_DROPPED]
)
def test_one_content_word_dropped_raises_drift(aligner, lang, src, full, words) -> None:  # type: ignore[no-untyped-def]
    """DEMETR's test, on sentences of our own: an adjective, adverb, noun or verb of a
    faithful translation into English left out, in languages with no head of their own
    (the shared model reads them; scripts/fit_drift.py teaches it with one word changed in
    rated MT)."""
    parts = [re.sub(rf"{re.escape(w)} ", "", full, count=1) for w in words]
    assert all(p != full for p in parts)
    whole, *dropped = _pairs(aligner, [src] * (1 + len(parts)), [full, *parts], lang)
    assert whole.flags == []
    for word, bead in zip(words, dropped, strict=True):
        assert bead.drift > whole.drift, word


def test_a_name_dropped_from_a_list_is_flagged_with_its_span(aligner) -> None:  # type: ignore[no-untyped-def]
    src = "Во встрече участвовали Лавров, Шойгу и Песков."
    full, part = _pairs(
        aligner,
        [src, src],
        [
            "Lavrov, Shoigu and Peskov took part in the meeting.",
            "Lavrov and Peskov took part in the meeting.",
        ],
        "ru",
    )
    assert full.flags == [] and part.flags == ["entity_missing"]
    assert src[slice(*part.reasons[0]["src"])] == "Шойгу"  # type: ignore[misc]
    assert part.drift >= FLAG_WEIGHTS["entity_missing"] and part.drift > full.drift


def test_flags_raise_drift_by_noisy_or_without_ties(e5) -> None:  # type: ignore[no-untyped-def]
    src = sentences_document(["В 2020 году погибли 70 человек."] * 2, "ru", "s")
    tgt = sentences_document(["In 2020, 70 people died.", "In 2020, 700 people died."], "en", "t")
    beads = [Bead((0,), (0,)), Bead((1,), (1,))]
    embed = lambda texts: e5.encode(list(texts))  # noqa: E731
    plain = score_beads(src, tgt, beads, embed, DriftConfig(model=load_drift_model("e5")))
    good, wrong = DriftScorer(e5).score(src, tgt, beads, embed)
    assert wrong.flags[0] == "number_mismatch" and wrong.drift >= FLAG_WEIGHTS["number_mismatch"]
    assert good.drift < wrong.drift < 1.0
    # without token coverage the fitted model is not used: the rescaled cosine instead
    assert plain[0].drift != good.drift


def _one_token_coverage(src_tokens: int, tgt_tokens: int) -> Coverage:
    """A pair's coverage with every statistic 0 and the given token counts."""
    return Coverage(
        np.zeros(18, np.float32),
        np.zeros(1),
        np.zeros(1),
        np.zeros(1, bool),
        np.zeros(1, bool),
        [(0, 1)],
        [(0, 1)],
        src_tokens,
        tgt_tokens,
    )


def test_feature_columns_match_their_names() -> None:
    cov = _one_token_coverage(1, 3)
    v = np.ones((1, 4)) / 2
    unrelated = np.array([[0.5, 0.5, 0.5, -0.5]])  # cosine 0.5 with v
    x = pair_features(v, v, [cov], unrelated, unrelated, prior=0.5)
    names = scalar_names()
    assert x.shape == (1, len(names))
    assert x[0, names.index("cosine")] == pytest.approx(1.0)
    assert x[0, names.index("margin")] == pytest.approx(0.5)  # 1.0 above the unrelated 0.5
    assert x[0, names.index("relative")] == pytest.approx(1.0)
    # the ratio is centred on the document's median, shrunk towards 0 for a short one
    assert x[0, names.index("abs_log_ratio")] == pytest.approx(np.log(4 / 2) * 8 / 9)
    # few unrelated sentences: their level is shrunk towards the stored prior
    far = pair_features(v, v, [cov], -unrelated, -unrelated, prior=0.5)
    assert 0.5 < far[0, names.index("margin")] < 1.5


def test_a_pair_is_not_measured_against_its_own_translation() -> None:
    """In a short text the other side's sentences, the references for what unrelated
    text scores, include the pair's own counterpart: it must not count as unrelated."""
    cov = _one_token_coverage(2, 2)
    vs = np.array([[1.0, 0.0, 0.0]])
    vt = np.array([[0.8, 0.6, 0.0]])  # cosine 0.8
    margin = scalar_names().index("margin")
    # a text of this one pair: its references are the pair itself, so only the prior is left
    alone = pair_features(vs, vt, [cov], vs, vt, prior=0.3)
    assert alone[0, margin] == pytest.approx(0.8 - 0.3)
    # another sentence of the documents still counts: (0.0 + 8 * 0.3) / 9 on each side
    other = np.array([[0.0, 0.0, 1.0]])
    both = pair_features(vs, vt, [cov], np.vstack([vs, other]), np.vstack([vt, other]), 0.3)
    assert both[0, margin] == pytest.approx(0.8 - 8 * 0.3 / 9)


def test_a_parameter_file_for_other_features_is_refused(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import align.drift_model as dm
    from align.errors import ModelError

    raw = json.loads((_models_dir() / "e5.json").read_text(encoding="utf-8"))
    raw["features"]["scalar"] = raw["features"]["scalar"][:-1]
    (tmp_path / "e5.json").write_text(json.dumps(raw), encoding="utf-8")
    monkeypatch.setattr(dm, "_models_dir", lambda: tmp_path)
    with pytest.raises(ModelError, match="regenerate it with scripts/fit_drift.py"):
        dm.load_drift_model("e5")


def test_heads_fitted_without_the_pooled_vectors_are_refused(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A file whose heads read other columns than head_matrix builds would score every
    pair with misplaced weights; it must be refused, not read."""
    import align.drift_model as dm
    from align.errors import ModelError

    raw = json.loads((_models_dir() / "e5.json").read_text(encoding="utf-8"))
    assert raw["features"]["pooled_layer"] == POOL_LAYER
    del raw["features"]["pooled_layer"]
    (tmp_path / "e5.json").write_text(json.dumps(raw), encoding="utf-8")
    monkeypatch.setattr(dm, "_models_dir", lambda: tmp_path)
    with pytest.raises(ModelError, match="regenerate it with scripts/fit_drift.py"):
        dm.load_drift_model("e5")


def test_a_heads_mean_naming_a_head_the_file_lacks_is_refused(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import align.drift_model as dm
    from align.errors import ModelError

    raw = json.loads((_models_dir() / "e5.json").read_text(encoding="utf-8"))
    del raw["pairs"]["ro-en"]  # a head not kept, still named by the heads' mean
    path = tmp_path / "e5.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    monkeypatch.setattr(dm, "_models_dir", lambda: tmp_path)
    with pytest.raises(ModelError, match=r"e5\.json: .*ro-en.*regenerate it"):
        dm.load_drift_model("e5")


# Faithful short formulas of the kind issue #9 listed (not training rows: the fit's own
# formulas are other phrases), in several language pairs: they must read as faithful.
FORMULAS = [
    ("ru", "en", "Добрый день, коллеги.", "Good afternoon, colleagues."),
    ("ru", "en", "Её возглавят заместители министров.", "It will be headed by deputy ministers."),
    ("ru", "en", "Слово моему коллеге.", "I give the floor to my colleague."),
    ("ar", "en", "شكراً سيادة الرئيس.", "Thank you, Mr President."),
    ("ar", "en", "شكراً جزيلاً سيادة الرئيس.", "Thank you very much, Mr President."),
    ("de", "fr", "Danke schön, Frau Präsidentin.", "Merci beaucoup, Madame la Présidente."),
    ("en", "zh", "Good afternoon, everyone.", "大家下午好。"),
]


@pytest.mark.parametrize(("sl", "tl", "src", "tgt"), FORMULAS, ids=[f[2][:12] for f in FORMULAS])
def test_faithful_formulas_read_as_faithful(aligner, sl, tl, src, tgt) -> None:  # type: ignore[no-untyped-def]
    (bead,) = _pairs(aligner, [src], [tgt], sl, tl)
    # not flagged, near the 0.2 (met by all but the Arabic "very much", 0.22:
    # 0.07-0.22 since ar-en reads on its own scale; 0.13-0.49 with models/drift/e5.json
    # of 2026-11-30, and 0.35-0.77 before it; that Arabic one was 0.29 the day before)
    assert bead.flags == [] and bead.drift <= 0.25


def test_faithful_pairs_of_other_languages_are_not_flagged(aligner) -> None:  # type: ignore[no-untyped-def]
    """A document of faithful translations outside ru-en reads as faithful (issue #9)."""
    de = [
        "Die Regierung hat den Haushalt für das nächste Jahr verabschiedet.",
        "Die Gespräche werden morgen in Berlin fortgesetzt.",
        "Der Bericht wurde am Montag veröffentlicht.",
    ]
    fr = [
        "Le gouvernement a adopté le budget de l'année prochaine.",
        "Les discussions se poursuivront demain à Berlin.",
        "Le rapport a été publié lundi.",
    ]
    beads = _pairs(aligner, de, fr, "de", "fr")
    assert all(b.flags == [] and b.drift < 0.25 for b in beads)
