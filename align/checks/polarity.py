"""Polarity: ``negation_mismatch`` and demands turned hedges (``softened``/``hardened``).

A dropped "не" or "we demand that it stop immediately" rendered as "we will do
our best to stop it" changes what the speaker said while the sentence vectors
stay close.  Negations are counted per side with idioms and negative concord
folded away, so a faithful rendering comes out with no reason.
"""

from __future__ import annotations

import re

from ..types import Reason
from .common import _base_lang, _became, _set

__all__ = ["compare_polarity"]

# --------------------------------------------------------------------------- tables


_NEGATIONS: dict[str, frozenset[str]] = {
    "en": _set("not no never none nobody nothing neither nor cannot unable nay"),
    "ru": _set("не нет никогда никто ничего нельзя ни нечего некому негде некуда незачем некогда"),
    "de": _set(
        "nicht kein keine keinen keinem keiner keines nie niemals nichts niemand "
        "keineswegs weder nein nirgends nirgendwo"
    ),
    # "pas" is also "step": French counts on "ne"; "personne" is also "person"
    "fr": _set("ne n non aucun aucune rien jamais ni nulle pas guère"),
    "es": _set("no nunca nada nadie ningún ninguna ninguno jamás ni tampoco"),
    "pt": _set("não nunca nada ninguém nenhum nenhuma jamais nem"),
    "it": _set("non mai niente nulla nessuno nessuna nessun né"),
    "pl": _set("nie nigdy nic nikt żaden żadna żadne ani"),
    # no غير: "غير مقبول" is "unacceptable", negated only by an affix in English
    "ar": _set("لا لم لن ليس ليست ولا ولم ولن وليس فلا فلم فلن"),
}
# Russian negative concord: никто/ничего/никогда/ни reinforce a "не" nearby
# ("никто не пришёл" is one negation), so they only count when alone.
_CONCORD = {
    "ru": _set("никогда никто ничего ни"),
    "en": frozenset(["nor"]),
    "fr": _set("aucun aucune rien jamais ni nulle pas guère"),
    "de": _set("weder"),
    "es": _set("nunca nada nadie ningún ninguna ninguno jamás ni tampoco"),
    "pt": _set("nunca nada ninguém nenhum nenhuma jamais nem"),
    "it": _set("mai niente nulla nessuno nessuna nessun né"),
    "pl": _set("nigdy nic nikt żaden żadna żadne ani"),
}
# Fixed phrases whose negative word negates nothing, and phrases that negate
# without a negative word; each is a regex on lower-cased text.
_NEUTRAL = {
    "ru": [
        r"\bтем не менее\b", r"\bне только\b", r"\bне раз\b", r"\bне менее\b",
        r"\bне более\b", r"\bне иначе\b", r"\bбез вести\b", r"\bне теря\w* надежд\w*",
        r"\bни разу\b",
        r"\bбез сомнени\w*", r"\bне так ли\b", r"\bчуть не\b", r"\bедва не\b",
        r"\bнельзя не\b",
        # concessive "ни": "что бы ни случилось" is "whatever happens"
        r"\b(?:кто|что|где|куда|когда|как|какой|какая|какие|каков\w*|сколько)\s+(?:бы\s+)?ни\b",
    ],
    "en": [
        r"\bnot only\b", r"\bno doubt\b", r"\bno less than\b", r"\bno more than\b",
        r"\bnone the less\b", r"\bnot least\b", r"\bnot (?:just|merely|solely)\b",
        # "No. 41", "No 69 Dean Street", "vol. 3, no. 2": a number sign
        r"\bno\.?(?=\s*\d)", r"\bno\.(?=\s*$)",
    ],
    "de": [
        r"\bnicht nur\b", r"\bohne zweifel\b", r"\bnicht (?:weniger|mehr) als\b",
        r"\bnicht zuletzt\b", r"\bnicht anders\b",
    ],
    # "ne ... que" is "only"
    "fr": [
        r"\bnon seulement\b", r"\bsans doute\b", r"\bn\s?°",
        r"\bn(?:e\s+|['’]\s*)(?:(?!pas\b|jamais\b|rien\b|plus\b(?!\s*qu))[\w'’-]+\s*){1,12}?"
        r"qu(?:e\b|'|’)",
        # expletive "ne": "avant qu'il n'ait disparu" is "before it has gone"
        r"\b(?:avant|moins) qu(?:e\b|['’])\s*(?:(?!pas\b)[\w'’-]+\s*){0,8}?n(?:e\b|['’])",
        r"\bsi ce n(?:'|’|\s)\s*est\b", r"\bn(?:'|’)\s*importe\b",
        # litotes: "does not cease to", "is not slow to"
        r"\bne (?:cesse|cessent|tarde|tardent|manque|manquent)\b", r"\bje ne sais\b",
    ],
    "es": [r"\bno (?:sólo|solo)\b", r"\bsin embargo\b", r"\bno obstante\b", r"\bni siquiera\b"],
    "pt": [r"\bnão (?:só|apenas)\b"],
    "it": [r"\bnon solo\b", r"\bnon appena\b", r"\bnon ché\b", r"\bnonché\b"],
    "pl": [r"\bnie tylko\b", r"\bniemniej\b"],
    "ar": [
        r"لا سيما", r"لا بد", r"ولا سيما",
        # "ولا يزال", "ما زال": "still", literally "does not cease"
        r"(?:[وف]?(?:لا|ما)\s+(?:ي|ت|ن)?زا?ل\w*)",
    ],
}  # fmt: skip
_IMPLICIT = {
    "en": [r"\bfail(?:s|ed)? to\b", r"\bsince (?:we|i|they|you|he|she) last\b"],
    "fr": [r"\bhors (?:de )?question\b"],
}
# Negation carried by an affix ("unable", "unacceptable", "hoffnungslos", "inutile"):
# a side with one of these may well render the other side's "не", so a bare
# parity difference is not trusted then.  Stems that only look negative are listed.
_AFFIXAL = {
    # "неплохо" (not bad), "недолго", "неучастие"; not "несколько", "неделя", "немецкий"
    "ru": re.compile(
        r"\bне(?!сколько|дел|котор|фт|б[оаеу]\b|мец|мецк|мц|рв|обходим|жн|ктар|вест|йтрал)"
        r"[а-яё]{4,}"
    ),
    "en": re.compile(r"\b(?:un[a-z]{4,}|[a-z]{3,}less|non-[a-z]+|dis(?:agree|like|approve)\w*)\b"),
    "de": re.compile(r"\b(?:un[a-zäöüß]{4,}|[a-zäöüß]{3,}los|miss[a-zäöüß]{4,})\b"),
    "fr": re.compile(
        r"\b(?:in(?:utile|capable|connu|suffisant|acceptable|admissible|consistant|terdi)\w*"
        r"|im(?:possible|puissant|prévu|mobile)\w*|déteste\w*|manque\w*)\b"
    ),
}
# Privatives ("without", "без", "ohne", "sans", "بدون", 无): "without form" is "formless",
# "без вести" is "missing".  They neither count as a negation nor let the other side
# be called bare: a negation there may well render them.
_PRIVATIVE = {
    "en": re.compile(r"\bwithout\b|\b(?:hardly|barely|scarcely)\b|\bnon[a-z]{4,}"
                     r"|\brather than\b|\binstead of\b"
                     r"|\b(?:refrain|bar|prevent|keep|stop)(?:s|ed|red|ped|ing)? from\b"),
    "ru": re.compile(r"\bбез\b|\bбезо\b|\bвместо\b|\bбез\w{3,}"),
    "de": re.compile(r"\bohne\b|\bstatt\b|\banstatt\b|\bkaum\b"),
    "fr": re.compile(r"\bsans\b|\bau lieu\b"),
    "es": re.compile(r"\bsin\b|\ben lugar de\b"),
    "pt": re.compile(r"\bsem\b"),
    "it": re.compile(r"\bsenza\b|\binvece di\b"),
    "pl": re.compile(r"\bbez\b|\bzamiast\b"),
    "ar": re.compile(r"(?<!\w)[وف]?(?:بدون|دون|بلا|غير)(?!\w)"),
    "zh": re.compile(r"无|非"),
}  # fmt: skip
# French "pas" after a determiner is the noun "step".
_STEP = re.compile(
    r"\b(?:un|le|du|ce|mon|ton|son|notre|votre|leur|premier|dernier|au|les|des|ses|mes|quelques|chaque"
    r"|grands?|petits?)\s+$"
)
_NOT_AFFIXAL = re.compile(
    r"\b(?:under\w*|until|unit\w*|union\w*|universe|universal\w*|university|unique\w*"
    r"|unanimous\w*|unless|unter\w*|unser\w*|ungefähr|unbedingt)\b"
)
_ZH_NEG = re.compile(r"没有|不|没|未")
# Words holding a negation character without negating: 未来 "future", 不少 "many",
# 特别 "especially", 无人机 "drone", ...
_ZH_NEUTRAL = re.compile(
    r"不仅|不但|不断|无论|不过|毫无疑问|无疑|不管|差不多|不少|无数|不久|未来|无人机|"
    r"不同(?!意)|不论|不得不|不禁|不免|不如|不止|不外|要不|不然|了不起|"
    # 没 inside verbs (淹没 "flooded", 没收 "confiscate"); 了没有 asks a question
    r"淹没|埋没|沉没|吞没|出没|没收|隐没|覆没|了没有|"
    r"未曾不|未尝不|莫不|不料|"
    # double negation is "all", "must": 无一不死 "every one died", 不能不 "cannot but"
    r"无一不|无不|没有不|不能不|"
    # 未 ... 以先 / 之前 is "before": 在耶和华未灭所多玛以先 "before the LORD destroyed Sodom"
    r"未[^，。！？；]{1,10}?(?:以先|以前|之前)"
)

# Strong commitment vs hedge, by language.  Multi-word items are regexes.
_STRONG = {
    "ru": [
        r"\bнемедленн\w*", r"\bобязательно\b", r"\bтребу(?:ем|ю|ют)\b",
        r"\bдолжн(?:ы|а|о|ен)\b",
        r"\bкатегорическ\w*", r"\bнастаива\w*",
    ],
    "en": [
        r"\bimmediately\b", r"\bmust\b", r"\bdemand\w*", r"\bwill certainly\b",
        r"\binsist\w*", r"\bwithout delay\b", r"\bcategorically\b",
        # not demands, but commitments a faithful rendering of one may use
        r"\bhave to\b", r"\bhas to\b", r"\bneed to\b", r"\bshould\b", r"\burge\w*",
        r"\bcall(?:s|ed)? (?:on|for)\b", r"\bimperative\b", r"\brequire\w*",
    ],
    "de": [r"\bsofort\w*", r"\bunverzüglich\w*", r"\bmüssen\b", r"\bmuss\b", r"\bforder\w*"],
    "fr": [r"\bimmédiatement\b", r"\bexige\w*", r"\bdevons\b", r"\bdoit\b"],
    "ar": [r"فورا", r"فوراً", r"يجب", r"نطالب"],
    "zh": [r"立即", r"立刻", r"必须", r"要求", r"坚决"],
}  # fmt: skip
_HEDGE = {
    "ru": [
        r"\bпостара\w*", r"\bпопыта\w*", r"\bвозможно\b", r"\bможет быть\b",
        r"\bнадеемся\b",
    ],
    "en": [
        r"\bdo (?:our|my|their|its|his|her) best\b", r"\btry to\b", r"\btrying to\b",
        r"\bhope(?:s|d|ful)?\b", r"\bmight\b", r"\bmay\b", r"\bcould\b", r"\bpossibly\b",
        r"\bconsider(?:s|ing)?\b", r"\bperhaps\b",
    ],
    "de": [r"\bversuchen\b", r"\bhoffen\b", r"\bvielleicht\b", r"\bmöglicherweise\b"],
    "fr": [r"\bessayer\w*", r"\bespér\w*", r"\bpeut-être\b", r"\bpourrai\w*"],
    "ar": [r"ربما", r"سنحاول", r"نحاول", r"نأمل"],
    "zh": [r"尽力", r"尽量", r"希望", r"可能", r"也许", r"试图"],
}  # fmt: skip


# --------------------------------------------------------------------------- comparison


def _blank(text: str, patterns: list[str]) -> str:
    """Same-length copy of lower-cased text with the matches of patterns blanked."""
    low = text.lower()
    for p in patterns:
        low = re.sub(p, lambda m: " " * len(m.group()), low)
    return low


def _negations(text: str, lang: str) -> list[tuple[int, int]]:
    """Spans of the negations in text, one per negated clause as far as words tell."""
    if lang == "zh":
        low = _ZH_NEUTRAL.sub(lambda m: "_" * len(m.group()), text)
        return [(m.start(), m.end()) for m in _ZH_NEG.finditer(low)]
    low = _blank(text, _NEUTRAL.get(lang, []))
    words = [(m.group(), m.start(), m.end()) for m in re.finditer(r"[^\W\d_]+", low)]
    table = _NEGATIONS.get(lang, frozenset())
    concord = _CONCORD.get(lang, frozenset())
    spans: list[tuple[int, int]] = []
    counted_concord: list[tuple[str, int]] = []
    for k, (w, s, e) in enumerate(words):
        if w in table and len(w) > 1 and text[s:e].isupper():
            continue  # "NE" (north-east), "NO": abbreviations, not words
        if lang == "fr" and w == "n" and (text[s:e] == "N" or low[e : e + 1] not in ("'", "’")):
            continue  # "N. Hardie": an initial; the negation is the elided "n'"
        if lang == "fr" and w == "pas" and _STEP.search(low[max(0, s - 12) : s]):
            continue  # "un pas", "emboîter le pas": a step
        if w in table:
            if w in concord:
                near = words[max(0, k - 4) : k + 5]
                if any(x in table and x not in concord for x, _, _ in near):
                    continue
                # "ни A, ни B" is one negation, as "neither A nor B" is
                if any(t in concord and s - ps < 60 for t, ps in counted_concord):
                    continue
                counted_concord.append((w, s))
                if w == "nor" and any(x == "neither" for x, _, _ in words[:k]):
                    continue
            spans.append((s, e))
    if lang == "en":  # don't, can't, isn't
        spans += [(m.start(), m.end()) for m in re.finditer(r"n\s?['’]t\b", low)]
    for p in _IMPLICIT.get(lang, []):
        spans += [(m.start(), m.end()) for m in re.finditer(p, low)]
    return sorted(spans)


def _find(text: str, patterns: list[str]) -> list[tuple[int, int]]:
    low = text.lower()
    return sorted((m.start(), m.end()) for p in patterns for m in re.finditer(p, low))


def _hedges(text: str, lang: str) -> list[tuple[int, int]]:
    spans = _find(text, _HEDGE.get(lang, []))
    if lang == "en":  # "May 12" is a date, not a hedge
        spans = [(s, e) for s, e in spans if text[s:e] != "May"]
    return spans


def compare_polarity(src_text: str, src_lang: str, tgt_text: str, tgt_lang: str) -> list[Reason]:
    """``negation_mismatch`` when one side is negated and the other is not, and
    ``softened`` / ``hardened`` when a demand became a hedge or the reverse.

    Negations are counted per side (negative concord and idioms such as "тем не
    менее" folded away) and compared by parity.  Softening needs a strong marker
    in the source, a hedge in the translation and no strong marker there.
    """
    sl, tl = _base_lang(src_lang), _base_lang(tgt_lang)
    reasons: list[Reason] = []
    known = {*_NEGATIONS, "zh"}
    # a language with no negation table would always look affirmative
    ns = _negations(src_text, sl) if sl in known and tl in known else []
    nt = _negations(tgt_text, tl) if sl in known and tl in known else []
    # one side negated, the other not at all: when both have negations, a differing
    # count is mostly restructuring ("ne ... que", "nicht ... gar nicht"), not a flip
    bare = src_text if not ns else tgt_text if not nt else ""
    bare_lang = sl if not ns else tl
    affixal = _AFFIXAL.get(bare_lang)
    hedged = bool(affixal and bare and affixal.search(_NOT_AFFIXAL.sub(" ", bare.lower())))
    privative = _PRIVATIVE.get(bare_lang)
    hedged = hedged or bool(privative and bare and privative.search(bare.lower()))
    if len(ns) % 2 != len(nt) % 2 and min(len(ns), len(nt)) == 0 and not hedged:
        more_src = len(ns) > len(nt)
        spans = ns if more_src else nt
        first = [spans[0][0], spans[-1][1]] if spans else None
        negated = "source" if more_src else "translation"
        words = ", ".join(repr((src_text if more_src else tgt_text)[s:e]) for s, e in spans)
        reasons.append(
            {
                "type": "negation_mismatch",
                "src": first if more_src else None,
                "tgt": None if more_src else first,
                "src_spans": [list(s) for s in ns],
                "tgt_spans": [list(s) for s in nt],
                "detail": f"{len(ns)} negation(s) in the source, {len(nt)} in the translation; "
                f"the {negated} has {words}",
            }
        )
    strong_s, strong_t = _find(src_text, _STRONG.get(sl, [])), _find(tgt_text, _STRONG.get(tl, []))
    hedge_s, hedge_t = _hedges(src_text, sl), _hedges(tgt_text, tl)
    # the hedge must be new: "vielleicht ... müssen" -> "peut-être" kept the source's own hedge
    if strong_s and len(hedge_t) > len(hedge_s) and not strong_t:
        reasons.append(_became("softened", src_text, strong_s[0], tgt_text, hedge_t[0]))
    elif hedge_s and strong_t and not strong_s and not hedge_t:
        reasons.append(_became("hardened", src_text, hedge_s[0], tgt_text, strong_t[0]))
    return reasons
