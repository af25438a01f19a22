"""The member check: a sentence merged into a bead with no counterpart is reported."""

from __future__ import annotations

from align.api import Bead, sentences_document
from align.members import PRESETS, MemberConfig, check_members

RU = [
    "Мы считаем, что торговля между нашими странами выросла на треть за последний год.",
    "Наши страны будут и дальше развивать сотрудничество в области энергетики.",
    "Президент прибыл в Москву утром.",
    "Его встретил министр иностранных дел.",
]
EN = [
    "Our countries will continue to develop cooperation in the field of energy.",
    "We hope that this visit will take place very soon.",
    "The president arrived in Moscow in the morning and was met by the foreign minister.",
]

# "Thank you." for the first Russian sentence, the second one dropped
THANKS_RU = [
    "Спасибо, господин министр.",
    "Я хотел бы поблагодарить вас за ваш доклад.",
    "Теперь перейдём к следующему пункту повестки дня.",
]
THANKS_EN = ["Thank you.", "We now turn to the next item on the agenda."]


def _score(aligner, beads):  # type: ignore[no-untyped-def]
    source = sentences_document(RU, "ru", "ru")
    target = sentences_document(EN, "en", "en")
    return aligner.scorer.score(source, target, beads)


def _members(bead) -> list[tuple[str, int, list[int] | None, list[int] | None]]:  # type: ignore[no-untyped-def]
    return [
        (str(r["type"]), int(str(r["sentence"])), r["src"], r["tgt"])
        for r in bead.reasons
        if "sentence" in r
    ]


def test_untranslated_sentence_in_a_two_to_one_bead_is_an_omission(aligner) -> None:  # type: ignore[no-untyped-def]
    (bead,) = _score(aligner, [Bead((0, 1), (0,))])
    assert _members(bead) == [("omission", 0, [0, len(RU[0])], None)]
    assert "omission" in bead.flags
    assert bead.src_text[0 : len(RU[0])] == RU[0]


def test_added_sentence_in_a_one_to_two_bead_is_an_addition(aligner) -> None:  # type: ignore[no-untyped-def]
    (bead,) = _score(aligner, [Bead((1,), (0, 1))])
    start = len(EN[0]) + 1
    assert _members(bead) == [("addition", 1, None, [start, start + len(EN[1])])]
    assert bead.tgt_text[start:] == EN[1]


def test_a_faithful_merge_is_not_flagged(aligner) -> None:  # type: ignore[no-untyped-def]
    (bead,) = _score(aligner, [Bead((2, 3), (2,))])
    assert _members(bead) == []
    assert "omission" not in bead.flags and "addition" not in bead.flags


def test_a_side_is_read_again_without_the_other_sides_reported_sentence(aligner) -> None:  # type: ignore[no-untyped-def]
    """[A, B] -> [B', X], A untranslated and X from elsewhere: A lends X words to match,
    so the first reading reports only A; read against [B, ...] less A, X stands out."""
    from align.members import member_reasons, merged_members, recheck

    source = sentences_document(RU, "ru", "ru")
    target = sentences_document(EN, "en", "en")
    beads = [Bead((0, 1), (0, 1))]
    (bead,) = _score(aligner, beads)
    assert [(t, i) for t, i, _, _ in _members(bead)] == [("omission", 0), ("addition", 1)]
    embed, cover = aligner.scorer.embed, aligner.scorer.cover
    first = merged_members(source, target, beads, embed, cover)
    cfg = PRESETS["balanced"].members
    assert [r["sentence"] for r in member_reasons(first, 1, cfg)[0]] == [0]
    again = recheck(source, target, beads, first, embed, cover, cfg)
    assert [(r["type"], r["sentence"]) for r in member_reasons(again, 1, cfg)[0]] == [
        ("omission", 0),
        ("addition", 1),
    ]
    # a faithful merge has nothing reported, so nothing is read again
    faithful = [Bead((2, 3), (2,))]
    found = merged_members(source, target, faithful, embed, cover)
    assert recheck(source, target, faithful, found, embed, cover, cfg) == found


def test_a_second_reading_does_not_build_on_a_wrong_report(aligner) -> None:  # type: ignore[no-untyped-def]
    """ "Спасибо, господин министр." is reported with the sentence after it (a false
    omission the first reading makes); read against what is left, "Thank you." has no
    counterpart, but it is clearly closer to the reported sentence: no addition."""
    source = sentences_document(THANKS_RU, "ru", "ru")
    target = sentences_document(THANKS_EN, "en", "en")
    (bead,) = aligner.scorer.score(source, target, [Bead((0, 1, 2), (0, 1))])
    named = [(r["type"], r["sentence"]) for r in bead.reasons if "sentence" in r]
    assert ("omission", 1) in named  # the sentence really dropped
    assert not [n for n in named if n[0] == "addition"]


def test_a_short_document_keeps_its_clear_pair_apart(aligner) -> None:  # type: ignore[no-untyped-def]
    """Three sentences against two: the last pair translates plainly (cosine 0.94) and
    is a bead of its own, not part of one bead spanning the whole document, so the
    member check is left the first two sentences against "Thank you." alone."""
    source = sentences_document(THANKS_RU, "ru", "ru")
    target = sentences_document(THANKS_EN, "en", "en")
    beads = aligner.align_documents(source, target, presplit=True).beads
    assert [(b.src, b.tgt) for b in beads][-1] == ((2,), (1,))
    assert beads[-1].flags == []


def test_disabled_check_adds_nothing_and_presets_order_by_eagerness(aligner) -> None:  # type: ignore[no-untyped-def]
    source = sentences_document(RU, "ru", "ru")
    target = sentences_document(EN, "en", "en")
    beads = [Bead((0, 1), (0,))]
    embed = aligner.scorer.embed

    def no_coverage(src, tgt):  # type: ignore[no-untyped-def]
        return None  # the gain alone decides

    disabled = MemberConfig(enabled=False)
    off = check_members(source, target, beads, [[]], embed, no_coverage, disabled)
    assert off == [[]]
    on = check_members(source, target, beads, [[]], embed, no_coverage, PRESETS["strict"].members)
    assert [r["sentence"] for r in on[0]] == [0]
    strict, lenient = PRESETS["strict"].members, PRESETS["lenient"].members
    assert strict.gain <= lenient.gain and strict.mutual >= lenient.mutual
    skips = [PRESETS[name].skip("e5") for name in ("strict", "balanced", "lenient")]
    assert skips == sorted(skips, reverse=True)  # strict leaves sentences out most readily


def test_the_skip_is_the_models_own_times_the_presets_factor(aligner) -> None:  # type: ignore[no-untyped-def]
    """e5's bead scores are small (its local margins), so its skip is its own; a model the
    registry does not price, and a config that sets a skip, keep theirs."""
    from align import AlignConfig, Aligner
    from align.encoders import DEFAULT_SKIP, registry

    e5_skip = registry()["e5"]["skip"]
    assert e5_skip > DEFAULT_SKIP
    assert aligner.config.skip == e5_skip
    assert PRESETS["strict"].skip("e5") == 0.75 * e5_skip
    assert PRESETS["balanced"].skip("/some/local/model") == DEFAULT_SKIP
    given = Aligner("e5", encoder=aligner.encoder, config=AlignConfig(skip=-0.3))
    assert given.config.skip == -0.3
    lenient = Aligner("e5", encoder=aligner.encoder, omissions="lenient")
    assert lenient.config.skip == 1.5 * e5_skip


def test_a_member_is_missing_when_few_of_its_tokens_are_matched_both_ways() -> None:
    """The rule itself: the mutual share decides, coverage guards, and without token
    coverage only a positive gain reports a member."""
    from align.members import Member

    cfg = PRESETS["balanced"].members
    nan = float("nan")

    def member(gain: float, coverage: float, mutual: float) -> Member:
        return Member(0, "src", 0, (0, 10), gain, coverage, mutual)

    assert member(0.01, 0.50, 0.10).missing(cfg)  # untranslated: few mutual matches
    assert not member(0.01, 0.50, 0.60).missing(cfg)  # translated, though the gain is up
    assert not member(0.01, 0.80, 0.10).missing(cfg)  # closely covered all the same
    assert not member(-0.03, 0.50, 0.10).missing(cfg)  # the bead needs it
    assert member(0.001, nan, nan).missing(cfg)  # no token vectors: the gain alone
    assert not member(-0.003, nan, nan).missing(cfg)
    assert not member(0.05, 0.3, 0.0).missing(MemberConfig(enabled=False))


def test_a_run_reads_merged_beads_as_the_member_check_was_tuned(aligner) -> None:  # type: ignore[no-untyped-def]
    """In a run the aligner hands drift per-sentence vectors; the member check must still
    encode each merged bead's joined text as one (as scripts/benchmark_deletions.py and
    its thresholds do): from summed per-sentence vectors it flagged about twice as many
    faithful beads."""
    import dataclasses

    source = sentences_document(RU, "ru", "ru")
    target = sentences_document(EN, "en", "en")
    saved = aligner.config
    # a skip that forces merged beads; runs pooled from per-sentence token states (as
    # "refined" leaves the runs of beads it is sure of)
    aligner.config = dataclasses.replace(saved, skip=-0.5, overlaps="pooled")
    try:
        result = aligner.align_documents(source, target)
    finally:
        aligner.config = saved
    beads = [Bead(b.src, b.tgt) for b in result.beads]
    assert any(len(b.src) > 1 or len(b.tgt) > 1 for b in beads)
    expected = check_members(
        source,
        target,
        beads,
        [[] for _ in beads],
        aligner.scorer.embed,
        aligner.scorer.cover,
        aligner.scorer.config.members,
    )
    got = [[r for r in b.reasons if "sentence" in r and b.src and b.tgt] for b in result.beads]
    assert got == expected
    assert any(got)  # the untranslated first sentence is reported


def test_unpaired_reasons_need_a_one_to_one_bead_at_or_below_the_presets_margin() -> None:
    """The rule itself: the margin over unrelated sentences, against the preset's
    threshold times the document's margin scale; 1-1 beads only; off in lenient."""
    from align.members import unpaired_reasons

    source = sentences_document(RU, "ru", "ru")
    target = sentences_document(EN, "en", "en")
    one = Bead((0,), (1,))
    balanced, strict = PRESETS["balanced"].members, PRESETS["strict"].members
    got = unpaired_reasons(source, target, one, 0.81, 0.01, 1.0, balanced)
    assert [(r["type"], r["sentence"], r["src"], r["tgt"]) for r in got] == [
        ("omission", 0, [0, len(RU[0])], None),
        ("addition", 1, None, [0, len(EN[1])]),
    ]
    assert "sentence 1 has no counterpart in the translation" in str(got[0]["detail"])
    assert unpaired_reasons(source, target, one, 0.81, 0.025, 1.0, balanced) == []
    assert len(unpaired_reasons(source, target, one, 0.81, 0.025, 1.0, strict)) == 2
    # a document the encoder reads loosely throughout (small margins) lowers the bar
    assert unpaired_reasons(source, target, one, 0.81, 0.015, 0.5, balanced) == []
    assert unpaired_reasons(source, target, Bead((0, 1), (1,)), 0.8, 0.0, 1.0, balanced) == []
    assert unpaired_reasons(source, target, one, 0.8, -0.1, 1.0, PRESETS["lenient"].members) == []
    assert unpaired_reasons(source, target, one, 0.8, -0.1, 1.0, MemberConfig(enabled=False)) == []


def test_a_one_to_one_bead_of_unrelated_sentences_names_both_as_without_counterpart(
    aligner,
) -> None:  # type: ignore[no-untyped-def]
    """The aligner pairs two neighbours that each lost their counterpart rather than skip
    both; such a bead says which source sentence is untranslated and which translated
    sentence has no source, and the summary counts them. Faithful beads, and pairs
    scored as independent pairs, get neither."""
    from dataclasses import replace

    from align.api import read_document
    from align.drift import summarise

    from .conftest import EXAMPLES

    source = read_document(EXAMPLES / "press_conference_en.txt", "en")
    target = read_document(EXAMPLES / "press_conference_ru.txt", "ru")
    ones = [
        b for b in aligner.align_documents(source, target).beads if len(b.src) == len(b.tgt) == 1
    ]
    faithful = [Bead(b.src, b.tgt) for b in ones]
    moved = [Bead(b.src, ones[(k + 3) % len(ones)].tgt) for k, b in enumerate(ones)]
    scored = aligner.scorer.score(source, target, moved + faithful)
    n = len(moved)

    def named(b):  # type: ignore[no-untyped-def]
        return [
            (r["type"], r["sentence"]) for r in b.reasons if r["type"] in ("omission", "addition")
        ]

    hits = [b for b in scored[:n] if named(b)]
    assert len(hits) >= 0.5 * n
    for b in hits:
        assert named(b) == [("omission", b.src[0]), ("addition", b.tgt[0])]
        assert b.flags[:3] == ["low_similarity", "omission", "addition"]  # the news first
    assert not any(named(b) for b in scored[n:])
    summary = summarise(scored)
    assert summary["omissions"] == summary["additions"] == len(hits)
    pairs = aligner.scorer.score(source, target, moved, pairs_only=True)
    assert not any(named(b) for b in pairs)
    default = aligner.scorer.config
    try:
        aligner.scorer.config = replace(default, members=PRESETS["lenient"].members)
        lenient = aligner.scorer.score(source, target, moved + faithful)
    finally:
        aligner.scorer.config = default
    assert not any(named(b) for b in lenient)
    assert [b.flags for b in lenient[:n]] == [
        [f for f in b.flags if f not in ("omission", "addition")] for b in scored[:n]
    ]


def test_a_reason_inside_a_sentence_with_no_counterpart_is_that_omission(aligner) -> None:  # type: ignore[no-untyped-def]
    """The future of the dropped sentence ("ستستمر", will continue) was read against the
    kept translation's "said" as a tense changed: the reason is the omission, once."""
    ar = [
        "وقال الرئيس إن الوضع خطير.",
        "وأضاف أن المفاوضات ستستمر.",
        "وشكر الرئيس الروسي على الدعوة.",
    ]
    en = [
        "The president said the situation was serious.",
        "He thanked the Russian president for the invitation.",
    ]
    source = sentences_document(ar, "ar", "ar")
    target = sentences_document(en, "en", "en")
    (bead,) = aligner.scorer.score(source, target, [Bead((0, 1), (0,))])
    assert [(r["type"], r.get("sentence")) for r in bead.reasons] == [("omission", 1)]
    assert bead.flags == ["omission"]
