"""Quantifiers: "all" said as "some" is a claim ``softened`` (the reverse ``hardened``).

"Все участники поддержали резолюцию" -> "Some participants supported the
resolution", "جميع الدول العربية تدعم" -> "Some Arab countries support", 所有成员国都支持
-> "Some member states support": one word, and a statement of consensus becomes one
of division, while the sentence vectors stay close (drift 0.11-0.29, no flag).

Each side's words for every member ("all", "every", "все", "каждый", "جميع", "كل",
所有, "alle", "tous", "todos") and for only some of them ("some", "several", "many",
"некоторые", "несколько", "большинство", "بعض", "عدة", 一些, 部分, "einige",
"certains", "algunos") are found per language, with the idioms that quantify nothing
left out ("after all", "all the same", "все же", "прежде всего", "بكل وضوح", 组成部分,
"vor allem"); "not all" ("не все", "ليس كل", 并非所有, "nicht alle") is "some", and an "all" after a
negation further back in its clause says nothing ("does not grow in every garden").
Precision first, as polarity is read: a reason only when one side says only "all"
and the other only "some". Read in English, Russian, Arabic, Chinese, German,
French and Spanish.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..types import Reason
from .common import UNSPACED, _base_lang, _became, whole_words

__all__ = ["compare_quantifiers"]

ALL, SOME, UNSURE = "all", "some", "unsure"

# as regexes on lower-cased text; Arabic conjunctions and prepositions may lead
_WORDS: dict[str, dict[str, str]] = {
    "en": {
        ALL: r"all|every|each",
        # "some" before a singular noun is an article ("at some stage", какой-то): only
        # "some of" or before a plural within three words ("some Arab countries") is a share
        SOME: r"some(?=\s+(?:of|(?:[\w-]+\s+){0,2}(?:\w+s|people|men|women|children))\b)"
        r"|several|a few|many|most of"
        r"|the majority of|a number of|a minority of|a couple of",
    },
    "ru": {
        ALL: r"все|всех|всем|всеми|каждый|каждая|каждое|каждого|каждой|каждому|каждом|каждую"
        r"|каждые|каждых",
        SOME: r"некотор\w+|несколько|нескольк\w+|многие|многих|многим|многими|большинств\w+"
        r"|ряд|отдельн(?:ые|ых|ым|ыми)",
    },
    "ar": {
        ALL: r"(?:و|ف|ل)?(?:جميع\w*|كل|كافة)",
        SOME: r"(?:و|ف|ل|ب)?(?:بعض\w*|عدة|معظم\w*|أغلب\w*|غالبية|عدد من|العديد من|كثير من)",
    },
    "zh": {
        ALL: r"所有|全部|一切|每个|每一|各国|各方|全体",
        SOME: r"一些|有些|部分|某些|若干|多数|不少|许多|很多",
    },
    "de": {
        ALL: r"alle|allen|aller|jeder|jede|jedes|jedem|jeden|sämtlich\w*",
        SOME: r"einige|einigen|einiger|manche|manchen|mancher|mehrere|mehreren|viele|vielen"
        r"|vieler|die meisten|den meisten|der meisten|ein paar",
    },
    "fr": {
        ALL: r"tous|toutes|chaque",
        SOME: r"certains|certaines|quelques|plusieurs|la plupart|de nombreux|de nombreuses"
        r"|beaucoup de|beaucoup d'",
    },
    "es": {
        ALL: r"todos|todas|cada",
        SOME: r"algunos|algunas|varios|varias|muchos|muchas|la mayoría|ciertos|ciertas",
    },
}
# idioms whose "all" or "some" quantifies nothing
_IDIOMS: dict[str, str] = {
    "en": r"at all|after all|above all|all the same|all right|all but|first of all|all over"
    r"|once and for all|all in all|all of a sudden|all the more|all along|all too|in all"
    r"|by all means|most of all|best of all|all the best|each other|for all that"
    r"|some time|for some reason|somewhat|all those who|all who|for all this",
    "ru": r"все же|все ещё|все еще|все равно|все-таки|прежде всего|больше всего|лучше всего"
    r"|чаще всего|при всем|при всём|все\s+(?:больше|меньше|более|менее|чаще|реже)"
    r"|в ряде случаев|целый ряд|все,? что|все те,? кто|все,? кто",
    "ar": r"بكل|على كل حال|كل من|في كل الأحوال|على أية حال",
    "zh": r"组成部分|一部分人认为",
    "de": r"vor allem|trotz allem|alle beide|vor allen dingen|alle,? die"
    # "alle paar Schritte", "alle zwei Jahre": every few steps, every two years
    r"|alle\s+(?:paar|\d+|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|zwölf|halbe)",
    "fr": r"tous les deux|toutes les deux|tous deux|toutes deux|de toutes façons"
    r"|de toute façon|tous ceux qui|toutes celles qui",
    "es": r"sobre todo|todos los dos|de todas formas|de todas maneras|todos los que"
    r"|todas las que",
}
# a negation a few words before "all" makes it "some": "not all", "не все", "не у
# всех", "is not clear to everyone", "ليس كل", 并非所有 (the words between: _NOT_GAP)
_NOT_ALL: dict[str, str] = {
    "en": r"(?:\bnot|n\s?['’]\s?t)\s+",
    "ru": r"(?<!\w)не\s+",
    "ar": r"(?<!\w)(?:ليس|ليست|لا)\s+",
    "zh": r"(?:并非|并不是|不是|并不|不)",
    "de": r"(?<!\w)nicht\s+",
    "fr": r"(?<!\w)pas\s+",
    "es": r"(?<!\w)no\s+",
}
_NOT_GAP = {"zh": 4}  # characters in Chinese ("不遵行我一切"); else words ("не у всех")


@dataclass(frozen=True)
class _Quantifier:
    kind: str
    start: int
    end: int


def _compiled(
    lang: str,
) -> tuple[dict[str, re.Pattern[str]], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    words = {kind: re.compile(whole_words(p, lang)) for kind, p in _WORDS[lang].items()}
    most = _NOT_GAP.get(lang, 1)
    gap = rf"[^\W\d_]{{0,{most}}}" if lang in UNSPACED else rf"(?:[^\W\d_]+\s+){{0,{most}}}"
    negated_all = re.compile(_NOT_ALL[lang] + gap + whole_words(_WORDS[lang][ALL], lang))
    return (
        words,
        re.compile(whole_words(_IDIOMS[lang], lang)),
        negated_all,
        re.compile(_NOT_ALL[lang]),
    )


_PATTERNS = {lang: _compiled(lang) for lang in _WORDS}


_CLAUSE_BREAK = re.compile(r"[,;:.!?—–，。；：！？]")


def _quantifiers(text: str, lang: str) -> list[_Quantifier]:
    """Every "all" and "some" word of text: "not all" is "some"; an "all" after a
    negation further back in its clause ("does not grow in every garden") is
    ``UNSURE``, as its scope is."""
    words, idioms, not_all, negation = _PATTERNS[lang]
    low = idioms.sub(lambda m: "_" * len(m.group()), text.lower())
    negated = {m.end() for m in not_all.finditer(low)}  # where a negated "all" ends
    found = []
    for kind, pattern in words.items():
        for m in pattern.finditer(low):
            if kind == ALL and m.end() in negated:
                kind_here = SOME
            elif kind == ALL:
                clause = _CLAUSE_BREAK.split(low[: m.start()])[-1]
                kind_here = UNSURE if negation.search(clause) else ALL
            else:
                kind_here = kind
            found.append(_Quantifier(kind_here, m.start(), m.end()))
    return sorted(found, key=lambda q: q.start)


def _only(found: list[_Quantifier]) -> str:
    """ALL or SOME when every quantifier of a side says that, else ''."""
    kinds = {q.kind for q in found}
    return kinds.pop() if len(kinds) == 1 and UNSURE not in kinds else ""


def compare_quantifiers(src_text: str, src_lang: str, tgt_text: str, tgt_lang: str) -> list[Reason]:
    """``softened`` when "all" became "some", ``hardened`` when "some" became "all"."""
    sl, tl = _base_lang(src_lang), _base_lang(tgt_lang)
    if sl not in _WORDS or tl not in _WORDS:
        return []
    src = _quantifiers(src_text, sl)
    if not src:
        return []
    tgt = _quantifiers(tgt_text, tl)
    said, rendered = _only(src), _only(tgt)
    if not said or not rendered or said == rendered:
        return []
    s, t = src[0], tgt[0]
    reason = _became(
        "softened" if said == ALL else "hardened",
        src_text,
        (s.start, s.end),
        tgt_text,
        (t.start, t.end),
    )
    reason["detail"] = (
        f"'{src_text[s.start : s.end]}' ({said}) became '{tgt_text[t.start : t.end]}' ({rendered})"
    )
    return [reason]
