"""Where something goes, or comes from, moved to the other place (align.checks.roles)."""

from __future__ import annotations

import pytest

from align import Aligner
from align.checks import compare_roles, run_checks


@pytest.mark.parametrize(
    ("src", "sl", "tgt", "was", "became"),
    [
        ("Россия поставляет газ в Турцию.", "ru", "Turkey supplies gas to Russia.", "Турцию",
         "Russia"),
        ("Делегация из России прибыла в Турцию.", "ru",
         "A delegation from Turkey arrived in Russia.", "России", "Turkey"),
        ("俄罗斯向土耳其供应天然气。", "zh", "Turkey supplies natural gas to Russia.", "土耳其",
         "Russia"),
        ("تصدر روسيا الغاز إلى تركيا.", "ar", "Turkey exports gas to Russia.", "تركيا",
         "Russia"),
        ("Я переехала из России в Германию.", "ru", "I moved to Russia from Germany.",
         "Германию", "Russia"),
    ],
)  # fmt: skip
def test_a_destination_moved_to_the_other_place_is_reported(
    src: str, sl: str, tgt: str, was: str, became: str
) -> None:
    """Both places kept, so the place check sees nothing lost (drift 0.10 before)."""
    reasons = compare_roles(src, sl, tgt, "en")
    assert [(r["type"], src[slice(*r["src"])], tgt[slice(*r["tgt"])]) for r in reasons] == [
        ("role_reversed", was, became)
    ]


@pytest.mark.parametrize(
    ("src", "sl", "tgt"),
    [
        ("Россия поставляет газ в Турцию.", "ru", "Russia supplies gas to Turkey."),
        ("Делегация из России прибыла в Турцию.", "ru",
         "A delegation from Russia arrived in Turkey."),
        # "в Турции" is where, not whither
        ("Мы были в Турции и в Египте.", "ru", "We were in Egypt and in Turkey."),
        # places in one list share one role word, and a list's order is free
        ("Вызовы исходят от России и Турции.", "ru", "The challenges come from Turkey and Russia."),
        ("Мы против изгнания людей из Газы, с Западного берега или из Иерусалима.", "ru",
         "We oppose the expulsion of people from Gaza, the West Bank or Jerusalem."),
        # the origin said as the other side's subject: one side marks no destination
        ("Турция получает газ из России.", "ru", "Russia supplies gas to Turkey."),
        # a city and its country are one place
        ("Они летят в Самарканд, Узбекистан.", "ru", "They fly to Uzbekistan, Samarkand."),
        # "к": love of Russia, not a way there
        ("Он не испытывает любви к России, но верит Украине.", "ru",
         "He has no love for Ukraine, but trusts Russia."),
    ],
)  # fmt: skip
def test_roles_rendered_faithfully_or_not_read_pass(src: str, sl: str, tgt: str) -> None:
    assert compare_roles(src, sl, tgt, "en") == []


def test_the_registry_runs_it() -> None:
    reasons = run_checks(
        "Россия поставляет газ в Турцию.", "ru", "Turkey supplies gas to Russia.", "en"
    )
    assert [r["type"] for r in reasons] == ["role_reversed"]


def test_the_scorer_flags_a_reversed_role(aligner: Aligner) -> None:
    src = "Россия поставляет газ в Турцию."
    got = aligner.score_pairs(
        [(src, "Turkey supplies gas to Russia."), (src, "Russia supplies gas to Turkey.")],
        "ru",
        "en",
    ).beads
    assert list(got[0].flags) == ["role_reversed"]
    assert got[0].drift >= 0.5 > got[1].drift
    assert not got[1].flags
