"""Shares said in words (align.checks.fractions) and the number check's reading of them."""

from __future__ import annotations

import pytest

from align.checks.fractions import shares_in
from align.checks.numbers import compare_quantities


@pytest.mark.parametrize(
    ("text", "share", "value"),
    [
        ("A third of the residents", "A third", 33.333),
        ("Две трети жителей", "Две трети", 66.667),
        ("Половина жителей", "Половина", 50.0),
        ("在三分之一的地区", "三分之一", 33.333),
        ("的一半", "一半", 50.0),
        ("un tiers des habitants", "un tiers", 33.333),
        ("drei Viertel der Stimmen", "drei Viertel", 75.0),
    ],
)
def test_share_in_words(text: str, share: str, value: float) -> None:
    ((start, end, found),) = shares_in(text)
    assert (text[start:end], found) == (share, value)


@pytest.mark.parametrize(
    "text",
    ["a third country", "the third quarter", "ein Viertel nach fünf", "un quart d'heure"],
)
def test_no_share(text: str) -> None:
    assert shares_in(text) == []


@pytest.mark.parametrize(
    ("src", "src_lang", "tgt", "tgt_lang", "detail"),
    [
        (
            "Треть жителей уехала.",
            "ru",
            "A quarter of the residents left.",
            "en",
            "Треть vs A quarter",
        ),
        ("Две трети жителей", "ru", "A third of the residents", "en", "Две трети vs A third"),
        ("三分之一的居民", "zh", "a quarter of the residents", "en", "三分之一 vs a quarter"),
    ],
)
def test_a_changed_share_is_reported(
    src: str, src_lang: str, tgt: str, tgt_lang: str, detail: str
) -> None:
    (reason,) = compare_quantities(src, src_lang, tgt, tgt_lang)
    assert reason["detail"] == detail


@pytest.mark.parametrize(
    ("src", "src_lang", "tgt", "tgt_lang"),
    [
        ("Половина жителей уехала.", "ru", "50% of the residents left.", "en"),
        ("Две трети жителей", "ru", "Two thirds of the residents", "en"),
        ("在三分之一的地区", "zh", "in 33% of the regions", "en"),
        ("ein Viertel der Einwohner", "de", "25 % des habitants", "fr"),
        ("نصف مليون لاجئ", "ar", "half a million refugees", "en"),
        ("Он ждал полчаса, половину пути", "ru", "He waited half an hour", "en"),
    ],
)
def test_a_share_said_another_way_or_alone_passes(
    src: str, src_lang: str, tgt: str, tgt_lang: str
) -> None:
    assert compare_quantities(src, src_lang, tgt, tgt_lang) == []


@pytest.mark.parametrize(
    ("src", "sl", "tgt", "tl"),
    [
        ("Каждый третий житель.", "ru", "One in three residents.", "en"),
        ("Каждый третий житель.", "ru", "33% of the residents.", "en"),
        ("Jeder dritte Einwohner.", "de", "Un sur trois habitants.", "fr"),
        ("Every second counts.", "en", "Каждая секунда на счету.", "ru"),  # alone: nothing
    ],
)
def test_one_in_n_is_a_share(src: str, sl: str, tgt: str, tl: str) -> None:
    """ "каждый третий", "one in three", "jeder Dritte", "un sur trois" are a third."""
    assert compare_quantities(src, sl, tgt, tl) == []


def test_another_one_in_n_is_a_change() -> None:
    reasons = compare_quantities("Каждый пятый житель.", "ru", "One in three residents.", "en")
    assert [r["detail"] for r in reasons] == ["Каждый пятый vs One in three"]


def test_one_in_n_in_chinese() -> None:
    """ "每五个人中就有一个" is one in five."""
    assert compare_quantities("每三个人中就有一个。", "zh", "One in three people.", "en") == []
    reasons = compare_quantities("每五个人中就有一个。", "zh", "One in three people.", "en")
    assert [r["detail"] for r in reasons] == ["每五个人中就有一个 vs One in three"]


def test_one_in_n_with_its_noun_between() -> None:
    """ "un Suisse sur trois", "one person in three" say the share around their noun."""
    assert compare_quantities("Jeder dritte Schweizer.", "de", "Un Suisse sur trois.", "fr") == []
    assert compare_quantities("Каждый третий житель.", "ru", "One person in three.", "en") == []
    reasons = compare_quantities("Jeder dritte Schweizer.", "de", "Un Suisse sur quatre.", "fr")
    assert [r["detail"] for r in reasons] == ["Jeder dritte vs Un Suisse sur quatre"]
