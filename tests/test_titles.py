"""Titles of office across languages (align.checks.titles), and their registration."""

from __future__ import annotations

import pytest

from align.checks import compare_titles, run_checks


@pytest.mark.parametrize(
    ("src", "sl", "tgt", "was", "became"),
    [
        (
            "Президент встретился с премьер-министром.",
            "ru",
            "The Prime Minister met the Prime Minister.",
            "Президент",
            "Prime Minister",
        ),
        (
            "Вице-премьер заявил об этом.",
            "ru",
            "The Prime Minister said so.",
            "Вице-премьер",
            "Prime Minister",
        ),
        (
            "Её возглавят заместители министров.",
            "ru",
            "It will be headed by ministers.",
            "заместители министров",
            "ministers",
        ),
        (
            "Посла вызвали в МИД.",
            "ru",
            "The minister was summoned to the Foreign Ministry.",
            "Посла",
            "minister",
        ),
        (
            "التقى رئيس الوزراء بالوفد.",
            "ar",
            "The President met the delegation.",
            "رئيس الوزراء",
            "President",
        ),
        (
            "استقبل الملك الوفد.",
            "ar",
            "The Crown Prince received the delegation.",
            "الملك",
            "Crown Prince",
        ),
        ("国家主席会见了总理。", "zh", "The President met the King.", "总理", "King"),
        ("副总理会见了大使。", "zh", "The Premier met the ambassador.", "副总理", "Premier"),
        (
            "Bundeskanzlerin Merkel traf den Präsidenten.",
            "de",
            "Minister Merkel met the President.",
            "Bundeskanzlerin",
            "Minister",
        ),
    ],
)
def test_an_office_that_became_another_is_a_mismatch(
    src: str, sl: str, tgt: str, was: str, became: str
) -> None:
    reasons = compare_titles(src, sl, tgt, "en")
    assert len(reasons) == 1, reasons
    assert reasons[0]["type"] == "entity_mismatch"
    assert src[slice(*reasons[0]["src"])] == was
    assert tgt[slice(*reasons[0]["tgt"])] == became
    assert reasons[0] in run_checks(src, sl, tgt, "en")


@pytest.mark.parametrize(
    ("src", "sl", "tgt"),
    [
        (
            "Президент встретился с премьер-министром.",
            "ru",
            "The President met the Prime Minister.",
        ),
        ("Председатель правительства заявил об этом.", "ru", "The Prime Minister said so."),
        ("Её возглавят заместители министров.", "ru", "It will be headed by deputy ministers."),
        (
            "Он служил замминистра внутренних дел республики.",
            "ru",
            "He served as deputy interior minister of the republic.",
        ),
        ("Посол России в США заявил.", "ru", "The Russian Ambassador to the US said."),
        ("Наследный принц Мухаммед бен Сальман.", "ru", "Crown Prince Mohammed bin Salman."),
        ("شكراً سيادة الرئيس.", "ar", "Thank you, Mr President."),
        ("التقى رئيس الوزراء بالملك.", "ar", "The Prime Minister met the King."),
        ("قال الأمين العام للأمم المتحدة.", "ar", "The UN Secretary-General said."),
        ("国家主席习近平会见了总理。", "zh", "President Xi Jinping met the Premier."),
        ("副总理参观了大使馆。", "zh", "The Vice Premier visited the embassy."),
        # one word, two offices: a president or a chair
        ("Le président du conseil a parlé.", "fr", "The chairman of the board spoke."),
        ("Председатель комитета выступил.", "ru", "The committee's chairman spoke."),
        (
            "Bundeskanzlerin Merkel traf den Präsidenten.",
            "de",
            "Chancellor Merkel met the President.",
        ),
        (
            "Er wurde vom stellvertretenden Premierminister begrüßt und traf den Premierminister.",
            "de",
            "He was greeted by the Deputy Prime Minister and met the Prime Minister.",
        ),
        # an acting ambassador is an ambassador, not a deputy
        (
            "Биллом Тейлором, исполняющим обязанности посла в Киеве.",
            "ru",
            "By Bill Taylor, the acting ambassador to Kiev.",
        ),
        # a title dropped or described is no other office
        ("Глава государства прибыл в Москву.", "ru", "The President arrived in Moscow."),
        ("Президент прибыл в Москву.", "ru", "He arrived in Moscow."),
        # English "secretary" is a minister in the US ("Secretary of State")
        ("Госсекретарь США прибыл в Москву.", "ru", "The US Secretary of State arrived in Moscow."),
    ],
)
def test_the_same_office_in_other_words_is_not_flagged(src: str, sl: str, tgt: str) -> None:
    assert compare_titles(src, sl, tgt, "en") == []
