"""The sentencepiece tokenizer gives e5 the transformers tokenizer's ids, spans and masks."""

from __future__ import annotations

import shutil

import pytest

from align.encoders import model_path
from align.encoders.cache import CachedEncoder
from align.encoders.spm import MODEL_FILE, SpmTokenizer

# every script the shared corpora hold, and the cases where the two could part:
# spaces (leading, doubled, exotic), invisible and control characters, NFKC
# (ligatures, circled digits, full-width letters, combining accents), special
# tokens written in the text, "<" that starts none, an empty text
TEXTS = [
    "Мы направили туда 70 тонн продовольствия.",
    "شكراً جزيلاً سيادة الرئيس.",
    "中华人民共和国成立于1949年，十足的把握。",
    "Die ca. 600 m hohe Nordostwand des Kingspitz ( Engelhörner , BO )",
    "Þetta er íslenskur texti með ð og þ.",
    "एक दो तीन, और सिंहल: ශ්‍රී ලංකාව",
    "  Hello  world  ",
    "a\u200bb  c\t\td  \ufeffé  ＡＢＣ ①  \x07x",
    "ﬁne  e\u0301tude",
    "One of these is called <unk>manzil or <unk>hisbu.",
    "x<mask> y</s>z<s>",
    "a < b <sx",
    "",
    "   ",
    "Speak unto the children of Israel, saying:",
]


@pytest.fixture(scope="module")
def pair(tmp_path_factory):  # type: ignore[no-untyped-def]
    """(sentencepiece tokenizer, transformers tokenizer) of the built e5."""
    from transformers import AutoTokenizer

    src = model_path("e5")
    # a copy without the sentencepiece file: it is rebuilt from tokenizer.json
    work = tmp_path_factory.mktemp("e5tok")
    for name in ("tokenizer.json", "tokenizer_config.json", "config.json"):
        shutil.copy(src / name, work / name)
    ours = SpmTokenizer(work)
    assert (work / MODEL_FILE).is_file()
    return ours, AutoTokenizer.from_pretrained(str(src), local_files_only=True)


@pytest.mark.parametrize("max_length", [256, 8])
def test_same_ids_spans_and_masks_as_transformers(pair, max_length) -> None:  # type: ignore[no-untyped-def]
    ours, theirs = pair
    args = dict(
        padding=True,
        truncation=True,
        max_length=max_length,
        return_tensors="pt",
        return_offsets_mapping=True,
        return_special_tokens_mask=True,
    )
    a, b = theirs(TEXTS, **args), ours(TEXTS, **args)
    for key in ("input_ids", "attention_mask", "offset_mapping", "special_tokens_mask"):
        assert a[key].shape == b[key].shape, key
        assert (a[key] == b[key]).all(), key


def test_e5_tokenises_with_sentencepiece(e5) -> None:  # type: ignore[no-untyped-def]
    inner = e5.inner if isinstance(e5, CachedEncoder) else e5
    assert isinstance(inner.tokenizer, SpmTokenizer)
