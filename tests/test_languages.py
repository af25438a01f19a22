"""Language codes: what users type must map to the base code the models know."""

from __future__ import annotations

import pytest

from align.languages import LANGUAGES, is_rtl, language_name, normalize_lang


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("en", "en"),
        ("EN", "en"),
        (" ru ", "ru"),
        ("en-US", "en"),
        ("en_GB", "en"),
        ("zh-Hans", "zh"),
        ("zh_CN", "zh"),
        ("zh-Hant-TW", "zh"),
        ("pt-BR", "pt"),
        ("iw", "he"),
        ("in", "id"),
        ("eng", "en"),
        ("deu", "de"),
        ("is", "is"),
    ],
)
def test_normalize_lang(given: str, expected: str) -> None:
    assert normalize_lang(given) == expected


@pytest.mark.parametrize("bad", ["xx", "english", "", "zz-ZZ", "q1"])
def test_unknown_code_message(bad: str) -> None:
    with pytest.raises(ValueError) as info:
        normalize_lang(bad)
    assert str(info.value) == (
        f"unknown language code '{bad}'; use an ISO 639-1 code such as en, ru, ar, de, fr, zh "
        "(see `align languages`)"
    )


def test_covers_encoder_languages() -> None:
    required = str.split(
        "en ru ar de fr zh is es it pt nl pl uk cs ja ko tr fa he hi th vi id ms sw "
        "bg ro el hu fi sv da no et lv lt sk sl hr sr bs mk sq hy ka az kk uz ky mn "
        "bn ta te ml kn mr gu pa ur ne si my km lo am so ha yo xh zu af eu ca gl cy ga gd "
        "eo la jv su tl mg ps sd ug yi be"
    )
    missing = [code for code in required if code not in LANGUAGES]
    assert not missing
    assert len(LANGUAGES) >= 100
    assert all(len(code) == 2 and code.islower() for code in LANGUAGES)


@pytest.mark.parametrize(
    ("lang", "rtl"),
    [("ar", True), ("he", True), ("fa", True), ("ur", True), ("ar-EG", True), ("en", False)]
    + [("ru", False), ("zh", False), ("xx", False)],
)
def test_is_rtl(lang: str, rtl: bool) -> None:
    assert is_rtl(lang) is rtl


def test_language_name() -> None:
    assert language_name("is") == "Icelandic"
    assert language_name("ZH-cn") == "Chinese"
