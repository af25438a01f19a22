"""The check registry (align.checks): order, weights, selection, and one-file extension."""

from __future__ import annotations

import pytest

from align.checks import (
    CHECKS,
    Check,
    compare_antonyms,
    compare_attribution,
    compare_conditions,
    compare_copy,
    compare_entities,
    compare_occasions,
    compare_places,
    compare_polarity,
    compare_quantifiers,
    compare_quantities,
    compare_roles,
    compare_stances,
    compare_tenses,
    compare_titles,
    compare_trends,
    flag_weights,
    register,
    run_checks,
)
from align.numbers import compare_quantities as shim_quantities

SRC = (
    "Наша страна уже направила туда 70 тонн продовольствия. Мы требуем немедленно "
    "прекратить огонь. Международный уголовный суд не вынес решения."
)
TGT = (
    "Our country has already sent 700 tonnes of food. We will do our best to stop the "
    "fire. The International Court of Justice has ruled."
)


def test_registered_in_drift_order_with_drift_weights() -> None:
    # drift.py's order, then the checks added since
    assert list(CHECKS) == [
        "numbers",
        "occasions",
        "entities",
        "polarity",
        "trends",
        "stances",
        "antonyms",
        "quantifiers",
        "conditions",
        "tenses",
        "attribution",
        "places",
        "roles",
        "directions",
        "demonyms",
        "organisations",
        "titles",
        "portfolios",
        "copies",
    ]
    assert flag_weights() == {
        "number_mismatch": 0.6,
        "entity_mismatch": 0.6,
        "entity_missing": 0.4,
        "negation_mismatch": 0.6,
        "softened": 0.4,
        "hardened": 0.4,
        "trend_reversed": 0.6,
        "stance_reversed": 0.6,
        "antonym": 0.6,
        "tense_changed": 0.4,
        "role_reversed": 0.6,
        "attribution_changed": 0.4,
        "untranslated": 0.6,
    }
    assert shim_quantities is compare_quantities


def test_run_checks_is_every_check_in_order() -> None:
    expected = (
        compare_quantities(SRC, "ru", TGT, "en")
        + compare_occasions(SRC, "ru", TGT, "en")
        + compare_entities(SRC, "ru", TGT, "en")
        + compare_polarity(SRC, "ru", TGT, "en")
        + compare_trends(SRC, "ru", TGT, "en")
        + compare_stances(SRC, "ru", TGT, "en")
        + compare_antonyms(SRC, "ru", TGT, "en")
        + compare_quantifiers(SRC, "ru", TGT, "en")
        + compare_conditions(SRC, "ru", TGT, "en")
        + compare_tenses(SRC, "ru", TGT, "en")
        + compare_attribution(SRC, "ru", TGT, "en")
        + compare_places(SRC, "ru", TGT, "en")
        + compare_roles(SRC, "ru", TGT, "en")
        + compare_titles(SRC, "ru", TGT, "en")
        + compare_copy(SRC, "ru", TGT, "en")
    )
    got = run_checks(SRC, "ru", TGT, "en")
    assert got == expected
    assert {r["type"] for r in got} >= {
        "number_mismatch",
        "entity_mismatch",
        "negation_mismatch",
        "softened",
    }
    only = run_checks(SRC, "ru", TGT, "en", names=["polarity"])
    assert only == compare_polarity(SRC, "ru", TGT, "en")
    with pytest.raises(KeyError, match="no such check"):
        run_checks(SRC, "ru", TGT, "en", names=["spelling"])


def test_a_new_check_is_one_registration() -> None:
    def exclamations(src: str, sl: str, tgt: str, tl: str) -> list:
        if src.count("!") == tgt.count("!"):
            return []
        return [{"type": "tone_changed", "src": None, "tgt": None, "detail": "'!' count"}]

    register(Check("tone", {"tone_changed": 0.2}, exclamations))
    try:
        assert list(CHECKS)[-1] == "tone"
        assert flag_weights()["tone_changed"] == 0.2
        assert [r["type"] for r in run_checks("Стоп!", "ru", "Stop.", "en")] == ["tone_changed"]
        with pytest.raises(ValueError, match="weighs"):
            register(Check("other", {"number_mismatch": 0.1}, exclamations))
        with pytest.raises(TypeError):
            CHECKS["numbers"].weights["number_mismatch"] = 0.0  # type: ignore[index]
    finally:
        del CHECKS["tone"]
    assert "tone_changed" not in flag_weights()
