"""Names in Chinese (align.checks.pinyin): Chinese names written in pinyin, foreign names
written by their sound, and the entity rules built on them."""

from __future__ import annotations

import pytest

from align.checks import compare_entities, run_checks
from align.checks.pinyin import (
    japanese_name,
    pinyin_names,
    spelled_in_hanzi,
    transcribed_in_hanzi,
)


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


# A name and how Chinese writes it by its sound (not drawn from any test set).
_WRITTEN = [
    ("Putin", "普京"), ("Путин", "普京"), ("Путиным", "普京"), ("Biden", "拜登"),
    ("Trump", "特朗普"), ("Macron", "马克龙"), ("Abbas", "阿巴斯"), ("Аббасом", "阿巴斯"),
    ("Netanyahu", "内塔尼亚胡"), ("Erdogan", "埃尔多安"), ("Эрдоганом", "埃尔多安"),
    ("Zelensky", "泽连斯基"), ("Scholz", "朔尔茨"), ("Lavrov", "拉夫罗夫"), ("Shoigu", "绍伊古"),
    ("Guterres", "古特雷斯"), ("Lukashenko", "卢卡申科"), ("Blinken", "布林肯"),
    ("Mahmoud", "马哈茂德"), ("Kissinger", "基辛格"), ("Davis", "戴维斯"), ("Isaac", "以撒"),
    ("Roosevelt", "罗斯福"), ("Wang", "王"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "zh"), _WRITTEN)
def test_a_foreign_name_is_read_in_the_characters_of_its_sound(name: str, zh: str) -> None:
    assert transcribed_in_hanzi(name, f"会谈中{zh}表示支持。")


@pytest.mark.parametrize(
    ("name", "zh"),
    [("Biden", "普京"), ("Putin", "拜登"), ("Macron", "阿巴斯"), ("Erdogan", "马克龙"),
     ("Lavrov", "王毅"), ("Trump", "内塔尼亚胡")],
)  # fmt: skip
def test_another_name_does_not_read_as_it(name: str, zh: str) -> None:
    """Putin and Biden are near in sound classes (p-t-n, b-d-n); 普京 pu-jing is Putin's
    only: one near consonant is allowed in so short a name, not two."""
    assert not transcribed_in_hanzi(name, f"会谈中{zh}表示支持。")


@pytest.mark.parametrize(
    ("zh", "zh_lang", "other", "lang", "name"),
    [
        (
            "普京总统表示，俄罗斯支持这一倡议。",
            "zh",
            "President Biden said Russia supports the initiative.",
            "en",
            "Biden",
        ),
        (
            "阿巴斯总统感谢普京总统的支持。",
            "zh",
            "President Abbas thanked President Macron for his support.",
            "en",
            "Macron",
        ),
        (
            "普京总统在索契会见了马克龙总统。",
            "zh",
            "President Putin met President Erdogan in Sochi.",
            "en",
            "Erdogan",
        ),
        (
            "普京总统会见了马克龙总统。",
            "zh",
            "Президент Путин встретился с президентом Эрдоганом.",
            "ru",
            "Эрдоганом",
        ),
    ],
)
def test_a_foreign_name_the_chinese_does_not_write_is_missing(
    zh: str, zh_lang: str, other: str, lang: str, name: str
) -> None:
    """普京 rendered "Biden" passed: nothing read a foreign name in Chinese."""
    for reasons, side in (
        (run_checks(zh, zh_lang, other, lang), "tgt"),
        (run_checks(other, lang, zh, zh_lang), "src"),
    ):
        missing = [other[slice(*r[side])] for r in reasons if r["type"] == "entity_missing"]
        assert missing == [name]


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        (
            "普京总统表示，俄罗斯支持这一倡议。",
            "President Vladimir Putin said Russia supports the initiative.",
        ),
        (
            "内塔尼亚胡总理与拜登总统通了电话。",
            "Prime Minister Netanyahu spoke by phone with President Biden.",
        ),
        (
            "联合国秘书长古特雷斯呼吁停火。",
            "UN Secretary-General Antonio Guterres called for a ceasefire.",
        ),
        ("朝鲜领导人金正恩视察了工厂。", "North Korean leader Kim Jong Un inspected the factory."),
        (
            "岸田文雄首相表示支持。",
            "Prime Minister Fumio Kishida expressed support.",
        ),  # romaji: unjudged
        ("罗斯福总统反驳了艾克斯的命令。", "President Roosevelt countermanded Ickes' orders."),
        # the MT left the name in Latin letters (MLQE-PE en-zh train)
        (
            "1965 年，MSO 预订了第一个国际独奏家 Elena Nikolaidi。",
            "In 1965 the MSO booked its first international soloist, Elena Nikolaidi.",
        ),
    ],
)
def test_a_foreign_name_the_chinese_writes_passes(zh: str, en: str) -> None:
    reasons = run_checks(zh, "zh", en, "en") + run_checks(en, "en", zh, "zh")
    assert [r for r in reasons if r["type"].startswith("entity")] == []


@pytest.mark.parametrize(
    ("word", "japanese"),
    [("Kishida", True), ("Fumio", True), ("Tanaka", True), ("Hayashi", True),
     ("Biden", False), ("Putin", False), ("Netanyahu", False), ("Raisi", False), ("Austin", False)],
)  # fmt: skip
def test_japanese_names_are_told_by_their_romaji(word: str, japanese: bool) -> None:
    """China writes a Japanese name in its own characters (岸田 Kishida): no sound matches
    it, so it is left unjudged rather than called missing."""
    assert japanese_name(word) is japanese
