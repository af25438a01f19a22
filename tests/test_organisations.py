"""International organisations across scripts (align.checks.organisations)."""

from __future__ import annotations

import pytest

from align.checks import compare_organisations


@pytest.mark.parametrize(
    ("src", "sl", "tgt", "was", "became"),
    [
        ("Этот вопрос обсуждался в ООН.", "ru", "This issue was discussed at NATO.", "ООН", "NATO"),
        ("Этот вопрос обсуждался в Совете Безопасности ООН.", "ru",
         "This issue was discussed in the UN General Assembly.", "Совете Безопасности",
         "General Assembly"),
        ("Это решение поддержала Лига арабских государств.", "ru",
         "This decision was supported by the African Union.", "Лига арабских государств",
         "African Union"),
        ("أيدت جامعة الدول العربية هذا القرار.", "ar", "The African Union supported this decision.",
         "جامعة الدول العربية", "African Union"),
        ("نوقشت هذه القضية في مجلس الأمن.", "ar", "It was discussed in the General Assembly.",
         "مجلس الأمن", "General Assembly"),
        ("这个问题在联合国安理会讨论过。", "zh",
         "This issue was discussed at the UN General Assembly.", "安理会", "General Assembly"),
        ("中国支持上合组织的工作。", "zh", "China supports BRICS.", "上合组织", "BRICS"),
    ],
)  # fmt: skip
def test_an_organisation_that_became_another_is_a_mismatch(
    src: str, sl: str, tgt: str, was: str, became: str
) -> None:
    """ "ООН" -> "NATO" passed: the acronyms share no letter, "Security Council" and
    "General Assembly" no word."""
    reasons = compare_organisations(src, sl, tgt, "en")
    assert [(src[slice(*r["src"])], tgt[slice(*r["tgt"])]) for r in reasons] == [(was, became)]


@pytest.mark.parametrize(
    ("src", "sl", "tgt"),
    [
        ("Этот вопрос обсуждался в ООН.", "ru", "This issue was discussed at the United Nations."),
        # the UN for one of its bodies, and back
        ("Этот вопрос обсуждался в ООН.", "ru", "It was discussed at the UN Security Council."),
        ("Этот вопрос обсуждался в Совете Безопасности ООН.", "ru", "It was discussed at the UN."),
        ("Решение поддержали в Евросоюзе.", "ru", "The decision was backed in the EU."),
        ("ندعو الأمم المتحدة إلى التحرك.", "ar", "We call on the United Nations to act."),
        ("أيدت جامعة الدول العربية هذا القرار.", "ar", "The Arab League supported this decision."),
        ("中国支持上合组织的工作。", "zh", "China supports the work of the SCO."),
        # "WHO" is an acronym only in capitals
        ("Кто решит, что делает ООН?", "ru", "Who will decide what the UN does?"),
        # a body dropped or added is no mismatch
        ("Мы обратились в ООН и НАТО.", "ru", "We turned to the UN."),
    ],
)  # fmt: skip
def test_an_organisation_rendered_faithfully_passes(src: str, sl: str, tgt: str) -> None:
    assert compare_organisations(src, sl, tgt, "en") == []
