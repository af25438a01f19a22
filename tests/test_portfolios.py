"""A minister's portfolio that became another's, across scripts (align.checks.portfolios)."""

from __future__ import annotations

import pytest

from align import Aligner
from align.checks import compare_portfolios, run_checks


@pytest.mark.parametrize(
    ("src", "sl", "tgt", "was", "became"),
    [
        ("Министр иностранных дел заявил об этом вчера.", "ru",
         "The defence minister said so yesterday.", "иностранных дел", "defence"),
        ("МИД России выступил с заявлением.", "ru",
         "The Russian Defence Ministry issued a statement.", "МИД", "Defence"),
        ("Глава Минобороны прибыл в Анкару.", "ru",
         "The head of the Foreign Ministry arrived in Ankara.", "Минобороны", "Foreign"),
        ("Министр здравоохранения прокомментировал ситуацию.", "ru",
         "The Minister of Finance commented on the situation.", "здравоохранения", "Finance"),
        ("صرح وزير الخارجية الفلسطيني بذلك.", "ar", "The Palestinian Interior Minister said so.",
         "الخارجية", "Interior"),
        ("外交部长王毅会见了他。", "zh", "Defence Minister Wang Yi met him.", "外交部", "Defence"),
        ("Der Außenminister reiste nach Moskau.", "de", "The Defence Minister travelled to Moscow.",
         "Außen", "Defence"),
        ("Le ministre des Affaires étrangères est arrivé.", "fr", "The Interior Minister arrived.",
         "Affaires étrangères", "Interior"),
    ],
)  # fmt: skip
def test_a_portfolio_that_became_another_is_a_mismatch(
    src: str, sl: str, tgt: str, was: str, became: str
) -> None:
    """The title check reads "minister" on both sides; drift stayed at 0.08."""
    reasons = compare_portfolios(src, sl, tgt, "en")
    assert [(r["type"], src[slice(*r["src"])], tgt[slice(*r["tgt"])]) for r in reasons] == [
        ("entity_mismatch", was, became)
    ]
    assert reasons[0]["detail"].startswith("portfolio ")


@pytest.mark.parametrize(
    ("src", "sl", "tgt"),
    [
        ("Министр иностранных дел заявил об этом вчера.", "ru",
         "The foreign minister said so yesterday."),
        ("МИД России выступил с заявлением.", "ru",
         "The Russian Foreign Ministry issued a statement."),
        ("Сергей Лавров, министр иностранных дел России.", "ru",
         "Sergei Lavrov, Minister of Foreign Affairs of Russia."),
        ("Глава МЧС доложил о пожарах.", "ru", "The Emergencies Minister reported on the fires."),
        # a list of portfolios is read whole, in either order
        ("Министр экономики и финансов выступил.", "ru", "The Economy and Finance Minister spoke."),
        ("Встреча министров обороны и иностранных дел.", "ru",
         "A meeting of foreign and defence ministers."),
        ("وزير الاقتصاد والتجارة يزور موسكو.", "ar",
         "The Minister of Economy and Trade visits Moscow."),
        ("外交部长王毅会见了他。", "zh", "Foreign Minister Wang Yi met him."),
        ("Das Auswärtige Amt und der Verteidigungsminister.", "de",
         "The Foreign Office and the Defence Minister."),
        # a portfolio dropped says nothing
        ("Министр обороны прибыл.", "ru", "The minister arrived."),
        # "the royal treasury" is no ministry
        ("Он перевёл деньги министру финансов.", "ru",
         "He remitted the money to the royal treasury."),
    ],
)  # fmt: skip
def test_a_portfolio_rendered_faithfully_passes(src: str, sl: str, tgt: str) -> None:
    assert compare_portfolios(src, sl, tgt, "en") == []


def test_the_registry_runs_it() -> None:
    reasons = run_checks("МИД России заявил.", "ru", "The Russian Defence Ministry said.", "en")
    assert [r["type"] for r in reasons] == ["entity_mismatch"]


def test_the_scorer_flags_another_portfolio(aligner: Aligner) -> None:
    src = "Министр иностранных дел заявил об этом вчера."
    got = aligner.score_pairs(
        [
            (src, "The defence minister said so yesterday."),
            (src, "The foreign minister said so yesterday."),
        ],
        "ru",
        "en",
    ).beads
    assert list(got[0].flags) == ["entity_mismatch"]
    assert got[0].drift >= 0.5 > got[1].drift
    assert not got[1].flags
