"""A figure that rose said to have fallen, across scripts (align.checks.trends)."""

from __future__ import annotations

import pytest

from align import Aligner
from align.checks import compare_trends, run_checks


@pytest.mark.parametrize(
    ("src", "sl", "tgt", "was", "became"),
    [
        ("Товарооборот увеличился на 10 процентов.", "ru",
         "Trade turnover decreased by 10 percent.", "увеличился", "decreased"),
        ("Цены на нефть выросли.", "ru", "Oil prices fell.", "выросли", "fell"),
        ("Число беженцев сократилось.", "ru", "The number of refugees has grown.",
         "сократилось", "grown"),
        ("Безработица снизилась до 3 процентов.", "ru", "Unemployment rose to 3 percent.",
         "снизилась", "rose"),
        ("ارتفعت الأسعار بشكل كبير.", "ar", "Prices fell sharply.", "ارتفعت", "fell"),
        ("وانخفض عدد الضحايا.", "ar", "The number of victims increased.", "وانخفض", "increased"),
        ("双边贸易额增长了百分之十。", "zh", "Bilateral trade fell by 10%.", "增长", "fell"),
        ("失业率下降了。", "zh", "Unemployment rose.", "下降", "rose"),
        ("Die Preise sind gestiegen.", "de", "Prices have fallen.", "gestiegen", "fallen"),
        ("Les exportations ont diminué.", "fr", "Exports increased.", "diminué", "increased"),
        ("Las ventas aumentaron.", "es", "Sales declined.", "aumentaron", "declined"),
        ("Trade between our countries grew.", "en", "Товарооборот между нашими странами упал.",
         "grew", "упал"),
        ("Зарплаты в Москве значительно выше.", "ru", "Salaries are much lower in Moscow.",
         "выше", "lower"),
        ("Цены должны расти.", "ru", "Prices should decrease.", "расти", "decrease"),
    ],
)  # fmt: skip
def test_a_trend_turned_round_is_reported(
    src: str, sl: str, tgt: str, was: str, became: str
) -> None:
    """Every number and name stays; only the verb turned round (drift 0.15 before)."""
    tl = "ru" if sl == "en" else "en"
    reasons = compare_trends(src, sl, tgt, tl)
    assert [(r["type"], src[slice(*r["src"])], tgt[slice(*r["tgt"])]) for r in reasons] == [
        ("trend_reversed", was, became)
    ]


@pytest.mark.parametrize(
    ("src", "sl", "tgt"),
    [
        ("Товарооборот увеличился на 10 процентов.", "ru", "Trade turnover grew by 10 percent."),
        ("Цены на нефть выросли.", "ru", "Oil prices rose."),
        # both ways on each side: which figure went where is for the reader
        ("Экспорт вырос, а импорт сократился.", "ru", "Exports fell and imports rose."),
        # a negated trend is no trend the other way: "did not decrease" / "kept growing"
        ("Число жертв не уменьшается.", "ru", "The death toll keeps rising."),
        ("لم تنخفض الأسعار.", "ar", "Prices rose."),
        ("价格没有下降。", "zh", "Prices rose."),
        # a trend said without a trend word
        ("Инфляция замедлилась.", "ru", "Inflation declined."),
        # the gap narrowed while Russia grew: both ways in the source
        ("Этот разрыв сокращался. Россия росла медленнее.", "ru",
         "The gap narrowed. Russia has grown more slowly."),
        # "возраст" (age) and "Ростов" are no growth
        ("Средний возраст снизился.", "ru", "The average age fell."),
        ("В Ростове цены снизились.", "ru", "In Rostov, prices fell."),
        ("Мы будем снижать напряжённость.", "ru", "We will reduce tensions."),
        ("中国将扩大进口。", "zh", "China will expand imports."),
    ],
)  # fmt: skip
def test_a_trend_rendered_faithfully_passes(src: str, sl: str, tgt: str) -> None:
    assert compare_trends(src, sl, tgt, "en") == []


def test_unread_languages_pass() -> None:
    assert compare_trends("Hinnad tõusid.", "et", "Prices fell.", "en") == []


def test_the_registry_runs_it() -> None:
    reasons = run_checks("Цены на нефть выросли.", "ru", "Oil prices fell.", "en")
    assert [r["type"] for r in reasons] == ["trend_reversed"]


def test_the_scorer_flags_a_reversed_trend_and_raises_drift(aligner: Aligner) -> None:
    """With the bundled model: the reversal is flagged and reads as drifted, the faithful
    rendering does not."""
    src = "Товарооборот увеличился на 10 процентов."
    got = aligner.score_pairs(
        [
            (src, "Trade turnover decreased by 10 percent."),
            (src, "Trade turnover increased by 10 percent."),
        ],
        "ru",
        "en",
    ).beads
    assert list(got[0].flags) == ["trend_reversed"]
    assert got[0].drift >= 0.5 > got[1].drift
    assert not got[1].flags
