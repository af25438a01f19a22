"""Chinese names written in pinyin (align.checks.pinyin) and the entity rule built on them."""

from __future__ import annotations

import pytest

from align.checks import compare_entities
from align.checks.pinyin import pinyin_names, spelled_in_hanzi


def test_a_name_in_pinyin_is_found_after_its_title() -> None:
    text = "Chinese President Xi Jinping met Foreign Minister Wang Yi in Hong Kong."
    assert [text[s:e] for s, e, _ in pinyin_names(text)] == ["Xi Jinping", "Wang Yi"]


@pytest.mark.parametrize(
    "text",
    [
        "They met in Long Beach.",  # common English words
        "In 1602 Moses served as rabbi of Badia Polesine.",  # ba-di-a: no Chinese name
        "Wilson's costar Kate Mansi told Soap Opera Digest.",  # no spelling only pinyin has
        "Her aviators bombed Chichi Jima.",
        "Hong Kong and Shanghai.",  # places
    ],
)
def test_other_capitalised_words_are_no_pinyin_names(text: str) -> None:
    assert pinyin_names(text) == []


def test_characters_are_read_with_all_their_readings() -> None:
    assert spelled_in_hanzi("xijinping", "习近平主席会见了")
    assert spelled_in_hanzi("shanxiongxin", "单雄信")  # 单 as a surname reads shan
    assert not spelled_in_hanzi("qingang", "王毅外长表示")


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("王毅外长表示。", "Foreign Minister Qin Gang said."),
        (
            "在双打比赛中，她再次与彭帅合作。",
            "In doubles, she again partnered with Li Na and Peng Shuai.",
        ),
    ],
)
def test_a_chinese_name_the_source_spells_passes(zh: str, en: str) -> None:
    reasons = compare_entities(zh, "zh", en, "en")
    assert all("Peng Shuai" not in r["detail"] for r in reasons)


@pytest.mark.parametrize(
    ("zh", "en", "name"),
    [
        ("王毅外长表示。", "Foreign Minister Qin Gang said.", "Qin Gang"),
        ("习近平主席会见了阿巴斯总统。", "President Li Qiang met President Abbas.", "Li Qiang"),
        # MLQE-PE en-zh train: the MT wrote 彭水 for 彭帅
        (
            "在双打比赛中，利斯基再次与彭水合作。",
            "In doubles, Lisicki again partnered with Peng Shuai.",
            "Peng Shuai",
        ),
    ],
)
def test_a_chinese_name_the_source_does_not_spell_is_missing(zh: str, en: str, name: str) -> None:
    """ "王毅" rendered "Qin Gang" names another minister: it passed, as nothing read a
    Chinese name."""
    reasons = compare_entities(zh, "zh", en, "en")
    assert [(r["type"], en[slice(*r["tgt"])]) for r in reasons] == [("entity_missing", name)]
    back = compare_entities(en, "en", zh, "zh")
    assert [(r["type"], en[slice(*r["src"])]) for r in back] == [("entity_missing", name)]
