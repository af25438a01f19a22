"""normalise_invisible: invisible characters out, visible text and meaningful joiners kept."""

from __future__ import annotations

import numpy as np
import pytest

from align.text import is_blank, normalise_invisible

SRC = "Наша страна уже направила туда 70 тонн продовольствия и медикаментов."
TGT = "Our country has already sent 70 tonnes of food and medicine there."
# The same pair as pasted from a web page and a PDF: BOM, zero-width spaces,
# soft hyphens, a word joiner and direction marks.
DIRTY_SRC = (
    "\ufeffНаша\u200b страна уже на\u00adправила туда 70\u2060 тонн продо\u00adвольствия и "
    "медика\u200bментов.\u200e"
)
DIRTY_TGT = (
    "Our\u200b country has al\u00adready sent 70 tonnes of food and medi\u200bcine there.\u200f"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a\u200bb", "ab"),
        ("\ufeffX\u2060Y", "XY"),
        ("co\u00adoperate", "cooperate"),
        ("\u200fمرحبا\u200e \u2067بكم\u2069", "مرحبا بكم"),
        ("\u202eevil\u202c", "evil"),
        ("Hello\u200c world\u200d!", "Hello world!"),  # joiners mean nothing in Latin
        ("При\u200dвет", "Привет"),
        ("e\u0301te\u0301", "été"),  # NFC
        ("plain ASCII\tstays", "plain ASCII\tstays"),
    ],
)
def test_removed(text: str, expected: str) -> None:
    assert normalise_invisible(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "می\u200cخواهم",  # Persian: ZWNJ separates the prefix, spelling changes without it
        "क्\u200dष",  # Devanagari: ZWJ selects the half form
        "👩\u200d💻",  # emoji sequence
    ],
)
def test_meaningful_joiners_kept(text: str) -> None:
    assert normalise_invisible(text) == text


def test_visible_text_of_the_pair_is_recovered() -> None:
    assert normalise_invisible(DIRTY_SRC) == SRC
    assert normalise_invisible(DIRTY_TGT) == TGT


def test_blank() -> None:
    assert is_blank("\u200b \u200f\n\ufeff")
    assert not is_blank("\u200bx")


def test_faithful_pair_with_invisible_characters_scores_like_the_clean_one() -> None:
    from align.encoders import load

    encoder = load("e5")
    cleaned = [normalise_invisible(DIRTY_SRC), normalise_invisible(DIRTY_TGT)]
    v = encoder.encode([SRC, TGT, DIRTY_SRC, DIRTY_TGT, *cleaned])
    clean, dirty, normalised = (float(np.dot(v[i], v[i + 1])) for i in (0, 2, 4))
    # the encoder drops them before tokenising (they used to cost 0.06 of cosine)
    assert dirty == pytest.approx(clean, abs=1e-5)
    assert normalised == pytest.approx(clean, abs=1e-5)


def test_lone_surrogates_are_written_as_replacement_characters(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from align.text import UNENCODABLE

    path = tmp_path / "x.txt"
    with path.open("w", encoding="utf-8", errors=UNENCODABLE) as f:
        f.write("a\ud800b\udfff")
    assert path.read_text(encoding="utf-8") == "a\ufffdb\ufffd"
