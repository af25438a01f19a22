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


def test_encoders_trained_on_a_language() -> None:
    from align.encoders import registry
    from align.languages import TRAINED_ON, encoders_for

    reg = registry()
    assert encoders_for("ru", reg) == ["e5", "use-m3", "e5+use-m3"]
    assert encoders_for("zh-Hant", reg) == ["e5", "use-m3", "e5+use-m3"]
    assert encoders_for("is", reg) == ["e5"]  # use-m3 was not trained on Icelandic
    assert encoders_for("nb", reg) == ["e5"]
    assert encoders_for("zu", reg) == []
    assert len(TRAINED_ON["use-m3"]) == 15  # USE-m3's 16, with one code for Chinese
    assert TRAINED_ON["e5"] <= set(LANGUAGES) and TRAINED_ON["use-m3"] <= TRAINED_ON["e5"]


def test_align_languages_says_which_encoder_covers_which() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "align.cli", "languages"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    rows = {line.split()[0]: line for line in done.stdout.splitlines() if line[:1].islower()}
    assert rows["ru"].split(None, 2)[2] == "e5, use-m3, e5+use-m3"
    assert rows["is"].split(None, 2)[2] == "e5"
    assert "none" in rows["zu"]
    assert len([c for c, line in rows.items() if "use-m3" in line and len(c) == 2]) == 15
    assert "use-m3: 15 codes here, 16 languages" in done.stdout
