"""International organisations: ``entity_mismatch`` when one became another.

"ООН" -> "NATO", "Совет Безопасности" -> "the General Assembly", "جامعة الدول العربية"
-> "the African Union", 安理会 -> "the General Assembly" leave a sentence vector where
it was, and the names check cannot tell them: acronyms differ by script ("ООН" is
"UN"), and "Security Council" and "General Assembly" share no word to compare.

No maintained package lists these bodies' names in several languages (CLDR names
countries, not organisations), so :data:`_ORGANISATIONS` is a table of the bodies
official statements name most, each in English, Russian, Arabic, Chinese, German,
French and Spanish, by its full name and its short forms. A body is reported only
when each side names one the other does not (a body of the UN and the UN itself
agree: "ООН" may be rendered "the UN Security Council"); they are paired in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..types import Reason
from .common import _base_lang, paired_mismatches

__all__ = ["compare_organisations"]

# code -> language -> patterns (regular expressions, matched case-insensitively on word
# boundaries; a Russian word's case ending and an Arabic clitic or article are allowed
# for where the pattern says so). The UN's bodies name their parent in _PARENT.
_W = r"\w*"  # a case ending
_AL = r"(?:[وفبل]?ال|لل)"  # an Arabic article with its clitics
_ORGANISATIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "UN": {
        "en": (r"UN", r"United Nations", r"U\.N\."),
        "ru": (
            r"ООН",
            rf"Организаци{_W} Объединённых Наций",
            rf"Организаци{_W} Объединенных Наций",
        ),
        "ar": (rf"{_AL}أمم المتحدة", rf"{_AL}امم المتحدة"),
        "zh": (r"联合国",),
        "de": (r"UN", r"UNO", r"Vereinten Nationen"),
        "fr": (r"ONU", r"Nations unies"),
        "es": (r"ONU", r"Naciones Unidas"),
    },
    "UNSC": {
        "en": (r"Security Council", r"UNSC"),
        "ru": (rf"Совет{_W} Безопасности", r"СБ ООН"),
        "ar": (rf"مجلس {_AL}أمن",),
        "zh": (r"安理会", r"安全理事会"),
        "de": (r"Sicherheitsrat\w*", r"Weltsicherheitsrat\w*"),
        "fr": (r"Conseil de sécurité",),
        "es": (r"Consejo de Seguridad",),
    },
    "UNGA": {
        "en": (r"General Assembly", r"UNGA"),
        "ru": (rf"Генеральн{_W} Ассамбле{_W}", rf"Генассамбле{_W}"),
        "ar": (rf"{_AL}جمعية {_AL}عامة",),
        "zh": (r"联大", r"联合国大会"),
        "de": (r"Generalversammlung",),
        "fr": (r"Assemblée générale",),
        "es": (r"Asamblea General",),
    },
    "UNRWA": {
        "en": (r"UNRWA",),
        "ru": (r"БАПОР", r"UNRWA"),
        "ar": (rf"{_AL}?أونروا", rf"{_AL}?اونروا", r"وكالة غوث"),
        "zh": (r"近东救济工程处", r"工程处"),
        "de": (r"UNRWA",),
        "fr": (r"UNRWA",),
        "es": (r"UNRWA",),
    },
    "NATO": {
        "en": (r"NATO", r"North Atlantic Treaty Organi[sz]ation", r"North Atlantic Alliance"),
        "ru": (r"НАТО", rf"Североатлантическ{_W} альянс{_W}"),
        "ar": (rf"{_AL}?ناتو", r"حلف شمال الأطلسي", r"حلف شمال الاطلسي"),
        "zh": (r"北约", r"北大西洋公约组织"),
        "de": (r"NATO", r"Nato"),
        "fr": (r"OTAN",),
        "es": (r"OTAN",),
    },
    "EU": {
        "en": (r"EU", r"European Union"),
        "ru": (r"ЕС", rf"Евросоюз{_W}", rf"Европейск{_W} союз{_W}"),
        "ar": (rf"{_AL}اتحاد {_AL}أوروبي", rf"{_AL}اتحاد {_AL}اوروبي"),
        "zh": (r"欧盟", r"欧洲联盟"),
        "de": (r"EU", r"Europäische[n]? Union"),
        "fr": (r"UE", r"Union européenne"),
        "es": (r"UE", r"Unión Europea"),
    },
    "AU": {
        "en": (r"African Union",),
        "ru": (rf"Африканск{_W} союз{_W}",),
        "ar": (rf"{_AL}اتحاد {_AL}أفريقي", rf"{_AL}اتحاد {_AL}افريقي"),
        "zh": (r"非盟", r"非洲联盟"),
        "de": (r"Afrikanische[n]? Union",),
        "fr": (r"Union africaine",),
        "es": (r"Unión Africana",),
    },
    "LAS": {
        "en": (r"Arab League", r"League of Arab States"),
        "ru": (r"ЛАГ", rf"Лиг{_W} арабских государств", rf"Арабск{_W} лиг{_W}"),
        "ar": (r"جامعة الدول العربية", rf"{_AL}جامعة {_AL}عربية"),
        "zh": (r"阿盟", r"阿拉伯国家联盟"),
        "de": (r"Arabische[n]? Liga",),
        "fr": (r"Ligue arabe", r"Ligue des États arabes"),
        "es": (r"Liga Árabe",),
    },
    "OIC": {
        "en": (r"Organi[sz]ation of Islamic Cooperation", r"OIC"),
        "ru": (r"ОИС", rf"Организаци{_W} исламского сотрудничества"),
        "ar": (r"منظمة التعاون الإسلامي", r"منظمة التعاون الاسلامي"),
        "zh": (r"伊斯兰合作组织", r"伊合组织"),
        "de": (r"Organisation für Islamische Zusammenarbeit",),
        "fr": (r"Organisation de la coopération islamique", r"OCI"),
        "es": (r"Organización para la Cooperación Islámica", r"OCI"),
    },
    "PLO": {
        "en": (r"PLO", r"Palestine Liberation Organi[sz]ation"),
        "ru": (r"ООП", rf"Организаци{_W} освобождения Палестины"),
        "ar": (r"منظمة التحرير",),
        "zh": (r"巴解组织", r"巴勒斯坦解放组织"),
        "de": (r"PLO",),
        "fr": (r"OLP",),
        "es": (r"OLP",),
    },
    "WHO": {
        "en": (r"WHO", r"World Health Organi[sz]ation"),
        "ru": (r"ВОЗ", rf"Всемирн{_W} организаци{_W} здравоохранения"),
        "ar": (r"منظمة الصحة العالمية",),
        "zh": (r"世卫组织", r"世界卫生组织"),
        "de": (r"WHO", r"Weltgesundheitsorganisation"),
        "fr": (r"OMS",),
        "es": (r"OMS",),
    },
    "IAEA": {
        "en": (r"IAEA", r"International Atomic Energy Agency"),
        "ru": (r"МАГАТЭ",),
        "ar": (r"الوكالة الدولية للطاقة الذرية",),
        "zh": (r"国际原子能机构",),
        "de": (r"IAEA", r"IAEO"),
        "fr": (r"AIEA",),
        "es": (r"OIEA",),
    },
    "BRICS": {
        "en": (r"BRICS",),
        "ru": (r"БРИКС",),
        "ar": (r"بريكس",),
        "zh": (r"金砖",),
        "de": (r"BRICS",),
        "fr": (r"BRICS",),
        "es": (r"BRICS",),
    },
    "SCO": {
        "en": (r"SCO", r"Shanghai Cooperation Organi[sz]ation"),
        "ru": (r"ШОС", rf"Шанхайск{_W} организаци{_W} сотрудничества"),
        "ar": (r"منظمة شنغهاي",),
        "zh": (r"上合组织", r"上海合作组织"),
        "de": (r"SOZ", r"Shanghaier Organisation"),
        "fr": (r"OCS",),
        "es": (r"OCS",),
    },
    "OPEC": {
        "en": (r"OPEC",),
        "ru": (r"ОПЕК",),
        "ar": (r"أوبك", r"اوبك"),
        "zh": (r"欧佩克", r"石油输出国组织"),
        "de": (r"OPEC",),
        "fr": (r"OPEP",),
        "es": (r"OPEP",),
    },
    "IMF": {
        "en": (r"IMF", r"International Monetary Fund"),
        "ru": (r"МВФ", rf"Международн{_W} валютн{_W} фонд{_W}"),
        "ar": (r"صندوق النقد الدولي",),
        "zh": (r"国际货币基金组织",),
        "de": (r"IWF", r"Internationale[n]? Währungsfonds"),
        "fr": (r"FMI",),
        "es": (r"FMI",),
    },
    "WTO": {
        "en": (r"WTO", r"World Trade Organi[sz]ation"),
        "ru": (r"ВТО",),
        "ar": (r"منظمة التجارة العالمية",),
        "zh": (r"世贸组织", r"世界贸易组织"),
        "de": (r"WTO", r"Welthandelsorganisation"),
        "fr": (r"OMC",),
        "es": (r"OMC",),
    },
    "OSCE": {
        "en": (r"OSCE",),
        "ru": (r"ОБСЕ",),
        "ar": (r"منظمة الأمن والتعاون في أوروبا",),
        "zh": (r"欧安组织",),
        "de": (r"OSZE",),
        "fr": (r"OSCE",),
        "es": (r"OSCE",),
    },
    "CSTO": {
        "en": (r"CSTO", r"Collective Security Treaty Organi[sz]ation"),
        "ru": (r"ОДКБ",),
        "ar": (r"منظمة معاهدة الأمن الجماعي",),
        "zh": (r"集安组织", r"集体安全条约组织"),
        "de": (r"OVKS",),
        "fr": (r"OTSC",),
        "es": (r"OTSC",),
    },
    "CIS": {
        "en": (r"CIS", r"Commonwealth of Independent States"),
        "ru": (r"СНГ", rf"Содружеств{_W} Независимых Государств"),
        "ar": (r"رابطة الدول المستقلة",),
        "zh": (r"独联体",),
        "de": (r"GUS",),
        "fr": (r"CEI",),
        "es": (r"CEI",),
    },
    "ASEAN": {
        "en": (r"ASEAN",),
        "ru": (r"АСЕАН",),
        "ar": (r"آسيان", r"اسيان"),
        "zh": (r"东盟",),
        "de": (r"ASEAN",),
        "fr": (r"ASEAN", r"ANASE"),
        "es": (r"ASEAN", r"ANSEA"),
    },
}
_PARENT = {"UNSC": "UN", "UNGA": "UN", "UNRWA": "UN", "WHO": "UN", "IAEA": "UN"}
# scripts without word boundaries of their own: a pattern matches anywhere
_NO_SPACES = frozenset({"zh", "ja"})
_CASE_SENSITIVE = re.compile(r"^[A-ZА-ЯЁ]{2,6}$")  # an acronym: "UN" is no "un"


@dataclass(frozen=True)
class _Body:
    code: str
    start: int
    end: int
    surface: str


@lru_cache(maxsize=16)
def _patterns(lang: str) -> list[tuple[str, re.Pattern[str]]]:
    """(code, compiled pattern) for a language, longest patterns first."""
    out: list[tuple[str, str]] = []
    for code, names in _ORGANISATIONS.items():
        out += [(code, p) for p in names.get(lang, ())]
    out.sort(key=lambda cp: -len(cp[1]))
    compiled: list[tuple[str, re.Pattern[str]]] = []
    for code, p in out:
        flags = 0 if _CASE_SENSITIVE.match(p) else re.IGNORECASE
        if lang in _NO_SPACES:
            compiled.append((code, re.compile(p, flags)))
        else:
            compiled.append((code, re.compile(rf"(?<!\w){p}(?!\w)", flags)))
    return compiled


def _bodies(text: str, lang: str) -> list[_Body]:
    """The bodies a text names, a longer name first ("Совет Безопасности ООН" is one)."""
    taken: list[tuple[int, int]] = []
    out: list[_Body] = []
    for code, pattern in _patterns(lang):
        for m in pattern.finditer(text):
            if any(a <= m.start() and m.end() <= b for a, b in taken):
                continue  # inside a longer name: "ООН" of "СБ ООН"
            taken.append((m.start(), m.end()))
            out.append(_Body(code, m.start(), m.end(), m.group()))
    return sorted(out, key=lambda b: b.start)


def _named_in(body: _Body, others: list[_Body]) -> bool:
    """Whether the other side names this body, or its parent or a body of it ("ООН" for
    "the UN Security Council") while naming no other body of the same parent."""
    if any(o.code == body.code for o in others):
        return True
    family = _PARENT.get(body.code, body.code)
    related = [o for o in others if _PARENT.get(o.code, o.code) == family]
    siblings = [o for o in related if o.code != family]  # "General Assembly" for "Council"
    return bool(related) and (body.code == family or not siblings)


def compare_organisations(
    src_text: str, src_lang: str, tgt_text: str, tgt_lang: str
) -> list[Reason]:
    """``entity_mismatch`` for an organisation of the table that became another one."""
    sl, tl = _base_lang(src_lang), _base_lang(tgt_lang)
    if sl == tl:
        return []
    src = _bodies(src_text, sl)
    if not src:
        return []
    tgt = _bodies(tgt_text, tl)
    if not tgt:
        return []
    lost = [s for s in src if not _named_in(s, tgt)]
    new = [t for t in tgt if not _named_in(t, src)]
    return paired_mismatches("organisation", lost, new)
