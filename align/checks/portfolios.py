"""Ministries: ``entity_mismatch`` when one minister's portfolio became another's.

"Министр иностранных дел" -> "the defence minister", "وزير الخارجية" -> "the
Interior Minister", 外交部长 -> "Defence Minister", "МИД России" -> "the Russian
Defence Ministry" name another person and another office, yet the title check reads
only "minister" on both sides and the sentence vectors barely move (drift 0.08).

Each side's portfolios are read where an office word goes with them: English
"defence minister", "Minister of Foreign Affairs", "Health Secretary", "Foreign
Office"; Russian "министр обороны", "министерство иностранных дел" and the acronyms
(МИД, Минобороны, МВД, МЧС); Arabic "وزير الخارجية", "وزارة الدفاع"; Chinese 外交部,
外长, 国防部长; German compounds ("Verteidigungsminister", "Außenministerium"); French
"ministre des Affaires étrangères"; Spanish "ministro de Defensa". A list ("Economy and
Finance Minister", "министр экономики и финансов") is read whole. Precision first, as
titles are compared: a portfolio is reported only when each side has one the other
lacks, paired in order; a portfolio dropped ("the minister") says nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..types import Reason
from .common import _base_lang, paired_mismatches

__all__ = ["compare_portfolios"]

# language -> portfolio words (as regexes on lower-cased text) -> the portfolio
_PORTFOLIOS: dict[str, dict[str, str]] = {
    "en": {
        r"foreign(?:\s+affairs)?": "foreign", r"defen[cs]e": "defence", r"finance": "finance",
        r"interior|home(?:\s+affairs)?": "interior", r"justice": "justice",
        r"health": "health", r"education": "education", r"energy": "energy",
        r"agriculture": "agriculture", r"trade|commerce": "trade",
        r"economy|economic(?:\s+development)?": "economy",
        r"transport(?:ation)?": "transport", r"culture": "culture", r"labou?r": "labour",
        r"emergenc(?:y|ies)(?:\s+situations)?": "emergencies",
    },
    "ru": {
        r"иностранных\s+дел": "foreign", r"обороны": "defence", r"финансов": "finance",
        r"внутренних\s+дел": "interior", r"юстиции": "justice",
        r"здравоохранения": "health", r"просвещения|образования(?:\s+и\s+науки)?": "education",
        r"энергетики": "energy", r"сельского\s+хозяйства": "agriculture",
        r"(?:промышленности\s+и\s+)?торговли": "trade",
        r"экономического\s+развития|экономики": "economy", r"транспорта": "transport",
        r"культуры": "culture", r"труда(?:\s+и\s+социальной\s+защиты)?": "labour",
        r"(?:по\s+)?чрезвычайным\s+ситуациям": "emergencies",
    },
    "ar": {
        r"الخارجية": "foreign", r"الدفاع": "defence", r"المالية": "finance",
        r"الداخلية": "interior", r"العدل": "justice", r"الصحة": "health",
        r"التربية(?:\s+والتعليم)?|التعليم": "education", r"الطاقة": "energy",
        r"الزراعة": "agriculture", r"التجارة": "trade", r"الاقتصاد": "economy",
        r"النقل": "transport", r"الثقافة": "culture", r"العمل": "labour",
    },
    "de": {
        r"außen|aussen": "foreign", r"verteidigungs": "defence", r"finanz": "finance",
        r"innen": "interior", r"justiz": "justice", r"gesundheits": "health",
        r"bildungs": "education", r"energie": "energy", r"landwirtschafts|agrar": "agriculture",
        r"handels": "trade", r"wirtschafts": "economy", r"verkehrs": "transport",
        r"kultur": "culture", r"arbeits": "labour",
    },
    "fr": {
        r"affaires\s+étrangères": "foreign", r"défense|armées": "defence",
        r"finances|comptes\s+publics": "finance", r"intérieur": "interior",
        r"justice": "justice", r"santé": "health", r"éducation(?:\s+nationale)?": "education",
        r"énergie": "energy", r"agriculture": "agriculture", r"commerce": "trade",
        r"économie": "economy", r"transports?": "transport", r"culture": "culture",
        r"travail": "labour",
    },
    "es": {
        r"asuntos\s+exteriores|relaciones\s+exteriores": "foreign", r"defensa": "defence",
        r"hacienda|finanzas": "finance", r"interior": "interior", r"justicia": "justice",
        r"sanidad|salud": "health", r"educación": "education", r"energía": "energy",
        r"agricultura": "agriculture", r"comercio": "trade", r"economía": "economy",
        r"transportes?": "transport", r"cultura": "culture", r"trabajo": "labour",
    },
}  # fmt: skip
# Chinese writes a ministry as one word: 外交部, 外交部长, 外长
_ZH = {
    r"外交部|外长": "foreign", r"国防部|防长": "defence", r"财政部|财长": "finance",
    r"内政部|内务部|公安部": "interior", r"司法部": "justice", r"卫生部": "health",
    r"教育部": "education", r"能源部": "energy", r"农业部|农业农村部": "agriculture",
    r"商务部|贸易部": "trade", r"经济部|经济发展部": "economy", r"交通部|运输部": "transport",
    r"文化部": "culture", r"劳工部|劳动部": "labour", r"紧急情况部": "emergencies",
}  # fmt: skip
# Russian acronyms, read in capitals as written
_RU_ACRONYMS = {
    r"МИД\w*": "foreign", r"Минобороны": "defence", r"Минфин\w*": "finance",
    r"МВД": "interior", r"Минюст\w*": "justice", r"Минздрав\w*": "health",
    r"Минпросвещения|Минобрнауки": "education", r"Минэнерго": "energy",
    r"Минсельхоз\w*": "agriculture", r"Минпромторг\w*": "trade",
    r"Минэкономразвития|Минэкономики": "economy", r"Минтранс\w*": "transport",
    r"Минкультуры": "culture", r"Минтруд\w*": "labour", r"МЧС": "emergencies",
}  # fmt: skip
# ministries named without a portfolio word (capitalised: "the royal treasury" is none)
_EN_NAMED = {
    r"state\s+department|department\s+of\s+state": "foreign", r"foreign\s+office": "foreign",
    r"pentagon": "defence", r"treasury": "finance", r"home\s+office": "interior",
}  # fmt: skip

_OFFICE = {
    "en": r"minister|ministers|ministry|ministries|secretary|secretaries|department",
    "ru": r"министр\w*|министерств\w*|замминистр\w*|замглав\w*|ведомств\w*",
    "ar": r"(?:و|ف|ل|ب)?(?:ل)?(?:وزير|وزيرة|وزارة|وزراء|وزيري)",
    "de": r"minister|ministerin|ministers|ministerium|ministeriums|ministerien|ressort\w*",
    "fr": r"ministre|ministres|ministère|ministères",
    "es": r"ministro|ministra|ministros|ministerio|ministerios",
}
# a list of portfolios: "Economy and Finance", "экономики и финансов"
_AND = {"en": r"and|&", "ru": r"и", "ar": r"و", "fr": r"et\s+des|et\s+de\s+la|et", "es": r"y"}


@dataclass(frozen=True)
class _Portfolio:
    name: str
    start: int
    end: int
    surface: str


def _one_of(table: dict[str, str]) -> str:
    return "|".join(f"(?:{p})" for p in table)


def _which(table: dict[str, str], word: str) -> str:
    return next(name for p, name in table.items() if re.fullmatch(p, word))


def _compiled(lang: str) -> list[re.Pattern[str]]:
    """Where an office and its portfolios go together, portfolios in group ``p``."""
    table, office = _PORTFOLIOS[lang], _OFFICE[lang]
    one = _one_of(table)
    if lang == "de":  # compounds: "Verteidigungsminister", "Außenministerium"
        return [re.compile(rf"(?<!\w)(?:bundes)?(?P<p>{one})(?:{office})(?!\w)")]
    listed = rf"(?P<p>(?:{one})(?:\s*(?:,|{_AND.get(lang, 'and')})\s*(?:{one}))*)"
    after = {
        "en": rf"(?<!\w)(?:{office})\s+(?:of|for)\s+(?:the\s+)?{listed}(?!\w)",
        "ru": rf"(?<!\w)(?:{office})\s+{listed}(?!\w)",
        "ar": rf"(?<!\w)(?:{office})\s+{listed}(?!\w)",
        "fr": rf"(?<!\w)(?:{office})\s+(?:des|de\s+la|de\s+l'|de\s+l’|du|de)\s*{listed}(?!\w)",
        "es": rf"(?<!\w)(?:{office})\s+(?:de|del)\s+(?:la\s+|las\s+|los\s+)?{listed}(?!\w)",
    }[lang]
    patterns = [re.compile(after)]
    if lang == "en":  # "defence minister", "Foreign and Defence Ministers"
        patterns.append(re.compile(rf"(?<!\w){listed}\s+(?:{office})(?!\w)"))
    return patterns


_PATTERNS = {lang: _compiled(lang) for lang in _PORTFOLIOS}
_PORTFOLIO_WORDS = {lang: re.compile(_one_of(t)) for lang, t in _PORTFOLIOS.items()}


def _portfolios(text: str, lang: str) -> list[_Portfolio]:
    """Every portfolio text names with an office word (or by a ministry's own name)."""
    out: list[_Portfolio] = []
    if lang == "zh":
        for word, name in _ZH.items():
            out += [
                _Portfolio(name, m.start(), m.end(), m.group()) for m in re.finditer(word, text)
            ]
        return sorted(out, key=lambda p: p.start)
    low = text.lower()
    table = _PORTFOLIOS[lang]
    for together in _PATTERNS[lang]:
        for m in together.finditer(low):
            base = m.start("p")
            for w in _PORTFOLIO_WORDS[lang].finditer(m.group("p")):
                start, end = base + w.start(), base + w.end()
                out.append(_Portfolio(_which(table, w.group()), start, end, text[start:end]))
    for ministry, name in (_EN_NAMED if lang == "en" else {}).items():
        for m in re.finditer(rf"(?<!\w)(?:{ministry})(?!\w)", low):
            if text[m.start()].isupper():
                out.append(_Portfolio(name, m.start(), m.end(), text[m.start() : m.end()]))
    if lang == "ru":
        for acronym, name in _RU_ACRONYMS.items():
            for m in re.finditer(rf"(?<!\w)(?:{acronym})(?!\w)", text):
                out.append(_Portfolio(name, m.start(), m.end(), m.group()))
    unique = {(p.start, p.end): p for p in out}
    return sorted(unique.values(), key=lambda p: p.start)


_READ = frozenset({*_PORTFOLIOS, "zh"})


def compare_portfolios(src_text: str, src_lang: str, tgt_text: str, tgt_lang: str) -> list[Reason]:
    """``entity_mismatch`` for a minister's or ministry's portfolio that became another."""
    sl, tl = _base_lang(src_lang), _base_lang(tgt_lang)
    if sl not in _READ or tl not in _READ or sl == tl:
        return []
    src = _portfolios(src_text, sl)
    if not src:
        return []
    tgt = _portfolios(tgt_text, tl)
    if not tgt:
        return []
    src_names, tgt_names = {p.name for p in src}, {p.name for p in tgt}
    lost = [p for p in src if p.name not in tgt_names]
    new = [p for p in tgt if p.name not in src_names]
    return paired_mismatches("portfolio", lost, new)
