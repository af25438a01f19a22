"""A condition the translation drops, across scripts (align.checks.conditions)."""

from __future__ import annotations

import pytest

from align import Aligner
from align.checks import compare_conditions, run_checks


@pytest.mark.parametrize(
    ("src", "sl", "tgt", "word"),
    [
        ("Если стороны договорятся, санкции будут сняты.", "ru", "The sanctions will be lifted.",
         "Если"),
        ("При условии вывода войск мы вернёмся к переговорам.", "ru",
         "We will return to the negotiations.", "При условии"),
        ("إذا توقف العدوان فسنعود إلى المفاوضات.", "ar", "We will return to negotiations.",
         "إذا"),
        ("如果双方达成协议，制裁将被取消。", "zh", "The sanctions will be lifted.", "如果"),
        ("We will sign the treaty if the troops leave.", "en", "Мы подпишем договор.", "if"),
        ("Коли войска уйдут, мы подпишем договор.", "ru", "We will sign the treaty.", "Коли"),
    ],
)  # fmt: skip
def test_a_condition_dropped_is_reported(src: str, sl: str, tgt: str, word: str) -> None:
    """A promise on terms became an announcement (drift 0.18-0.42, no flag before)."""
    tl = "ru" if sl == "en" else "en"
    reasons = compare_conditions(src, sl, tgt, tl)
    assert [(r["type"], src[slice(*r["src"])], r["tgt"]) for r in reasons] == [
        ("hardened", word, None)
    ]


@pytest.mark.parametrize(
    ("src", "sl", "tgt", "tl"),
    [
        ("Если стороны договорятся, санкции будут сняты.", "ru",
         "If the parties agree, the sanctions will be lifted.", "en"),
        ("Если стороны договорятся, санкции будут сняты.", "ru",
         "Once the parties agree, the sanctions will be lifted.", "en"),
        ("Если стороны договорятся, санкции будут сняты.", "ru",
         "Should the parties agree, the sanctions will be lifted.", "en"),
        ("إذا توقف العدوان فسنعود إلى المفاوضات.", "ar",
         "We will return to negotiations when the aggression stops.", "en"),
        ("如果不进行处理，这些糖最终会阻碍结晶。", "zh",
         "Left untreated, these sugars would eventually frustrate crystallization.", "en"),
        # "whether", "as if", idioms: no condition of the sentence
        ("He asked if she would come.", "en", "Он спросил, придёт ли она.", "ru"),
        ("Если честно, я вижу такие пробки впервые.", "ru",
         "To be honest, I see such traffic jams for the first time.", "en"),
        ("В случае отказа нарушителя могут оштрафовать.", "ru",
         "A refusal can result in a fine.", "en"),
        # 主要是 "mainly is", 他的话 "his words", 若昂 "João": no condition
        ("他主要是腿旋转，听他的话，若昂来了。", "zh",
         "He mainly bowled leg spin, obeyed him, and João came.", "en"),
        # a condition the translation adds is not reported (proverbs say it without one)
        ("Был бы друг, найдется и досуг.", "ru", "If there was a friend, we would find leisure.",
         "en"),
        # Chinese marks a condition by a relative clause as often: not read as a translation
        ("And if a man lie with his daughter in law, both shall be put to death.", "en",
         "与儿妇同房的，总要把他们二人治死。", "zh"),
        ("If his words are true, we will act.", "en", "Если его слова верны, мы будем действовать.",
         "ru"),
        ("Если будет нужно, мы поможем.", "ru", "If needed, we will help.", "en"),
        # the colloquial "коли" (MLQE-PE test20, a proverb read en -> ru)
        ("Do not seek truth in others if it is not in you.", "en",
         "Не ищи правды в других, коли её в тебе нет.", "ru"),
        ("Коль пришёл, садись.", "ru", "If you have come, sit down.", "en"),
        ("Что, если люди сражаются, защищая себя?", "ru",
         "What if people are fighting to defend themselves?", "en"),
        ("Если допустить, что рецензия верна, он анархист.", "ru",
         "Assuming the review is true, he is an anarchist.", "en"),
        # German "wenn" is "when" as often as "if": not read
        ("Wenn die Parteien sich einigen, werden die Sanktionen aufgehoben.", "de",
         "The sanctions will be lifted.", "en"),
    ],
)  # fmt: skip
def test_a_condition_kept_or_unread_passes(src: str, sl: str, tgt: str, tl: str) -> None:
    assert compare_conditions(src, sl, tgt, tl) == []


def test_the_registry_runs_it() -> None:
    reasons = run_checks(
        "Если стороны договорятся, санкции будут сняты.",
        "ru",
        "The sanctions will be lifted.",
        "en",
    )
    assert [r["type"] for r in reasons] == ["hardened"]


def test_the_scorer_flags_a_dropped_condition(aligner: Aligner) -> None:
    src = "Если стороны договорятся, санкции будут сняты."
    got = aligner.score_pairs(
        [(src, "The sanctions will be lifted."), (src, "If the parties agree, sanctions go.")],
        "ru",
        "en",
    ).beads
    assert list(got[0].flags) == ["hardened"]
    assert got[0].drift >= 0.5
    assert "hardened" not in got[1].flags
