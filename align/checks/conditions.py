"""Conditions: a condition dropped makes a promise unconditional (``hardened``).

"Если стороны договорятся, санкции будут сняты" -> "The sanctions will be lifted",
"إذا توقف العدوان فسنعود إلى المفاوضات" -> "We will return to negotiations", 如果双方达成
协议，制裁将被取消 -> "The sanctions will be lifted": what was offered on terms is now
announced, and the clause dropped moves the sentence vectors little (drift 0.18-0.42,
no flag).

Conditions are read where a language marks them without doubt: English "if",
"unless", "provided that", "in case", "as long as"; Russian "если", "ежели", "коли",
"при условии", "в случае"; Arabic "إذا", "لو", "في حال", "شريطة", "ما لم"; Chinese 如果, 假如,
要是, 若, 一旦, 的话, 除非. The translation may carry the condition in other words: one
that says "when", "once", "otherwise", "without", "even", a modal ("would", "can"), or
starts a clause with a participle ("Left untreated, ..."), or in Chinese 时, 即使, 只要,
a question or a wish (吗, 愿), says nothing here. Only a condition the translation
drops is reported: one it adds is as often the source's own, said without a
conjunction (Russian proverbs: "Был бы друг, найдется и досуг" -> "If there was a
friend ..."; "Peradventure there be fifty" -> 假若). German "wenn" and French "si"
are "when" and "so" as often as "if", so only English, Russian, Arabic and Chinese
are read, and Chinese only as the source: it marks a condition by clause order or a
relative clause as often as by a word ("And if a man lie with ..." -> 与儿妇同房的).
"""

from __future__ import annotations

import re

from ..types import Reason
from .common import _base_lang

__all__ = ["compare_conditions"]

# a condition, as regexes on lower-cased text
_CONDITIONS = {
    "en": r"(?<!\w)(?:if|unless|provided\s+that|providing\s+that|on\s+condition\s+that"
    r"|in\s+case|in\s+the\s+event\s+(?:of|that)|as\s+long\s+as|only\s+if|assuming|supposing"
    r"|suppose)(?!\w)",
    # and the colloquial or old "коли", "коль", "буде" ("Не ищи правды в других, коли её
    # в тебе нет": MLQE-PE's proverbs)
    "ru": r"(?<!\w)(?:если|ежели|коли|коль|буде|при\s+условии|в\s+случае|коль\s+скоро)(?!\w)",
    # "إذاً" (so, with its tanwin) is no "if"; "في حالة" is also "in a state of"
    "ar": r"(?<!\w)(?:و|ف)?(?:إذا(?!ً)|لو|لولا|في\s+حال(?!ة)|شريطة|بشرط|ما\s+لم)(?!\w)",
    # 要是 not in 主要是 "mainly is"; 的话 closing a clause, not 他的话 "his words"; 若 "if"
    # (我若, 你若 in the Bible), not 若干 "several" or in a name (若昂 João, 若瑟 Joseph)
    "zh": r"如果|假如|假若|倘若|倘或|(?<![主重需只还总就可])要是"
    r"|(?<![他她我你们亲人])的话(?=\s*[，,])|若(?![干昂望瑟泽热阿奥塞])|一旦|除非|万一",
}
# words that may carry a condition: a side with one of these says nothing
_MAYBE = {
    # and an inverted condition at a clause's start: "Should talks fail, ..."
    # and an inverted condition or a participle at a clause's start: "Should talks fail,
    # ...", "Left untreated, ..."
    "en": r"(?<!\w)(?:when|whenever|once|otherwise|or\s+else|else|whether|in\s+that\s+case"
    r"|then|without|given|absent|barring|failing|even|would|could|can|may|might|whereas)(?!\w)"
    r"|(?:^|[,;:]\s*)(?:(?:should|were|had)\s+\w+|(?:\w+ed|left|given|taken|seen|done|made"
    r"|held|kept|put|set|known|shown|told|found|built|written|brought)\b(?=[^,;:]*,))",
    "ru": r"(?<!\w)(?:когда|иначе|тогда|ли|в\s+противном\s+случае|а\s+то)(?!\w)",
    "ar": r"(?<!\w)(?:و|ف)?(?:عندما|حين|حينما|متى|كلما|وإلا|إلا|إن)(?!\w)",
    # 即使 / 哪怕 "even if" render "even" as often; 只要 "as long as" also "it only takes"
    "zh": r"时|候|否则|不然|那么|就|即使|即便|哪怕|只要|吗|愿|能|可以|会",
}
# an English "if" after a verb of asking or knowing is "whether" ("asked him if"); "as
# if", "even if", "what if" are no conditions of the sentence
_EN_WHETHER = re.compile(
    r"(?<!\w)(?:(?:ask|asks|asked|asking|wonder\w*|know|knows|knew|see|saw|check\w*|tell"
    r"|told|find\s+out|found\s+out|determine\w*|doubt\w*|unsure|decide\w*)\s+(?:\w+\s+)?"
    r"|as\s+|even\s+|what\s+)if(?!\w)"
)
# Russian phrases with "если" that set no condition: "если честно" (to be honest)
_RU_IDIOMS = re.compile(
    r"(?<!\w)(?:если\s+честно|если\s+что|если\s+не\s+ошиба\w+|если\s+можно\s+так\s+сказать"
    r"|если\s+в\s+двух\s+словах|если\s+коротко|(?:а\s+)?что\s*,?\s+если|что\s+делать\s*,?\s+если)"
    r"(?!\w)"
)
_FOUND = {lang: re.compile(p) for lang, p in _CONDITIONS.items()}
# Chinese marks a condition by clause order or a relative clause as often as by a word
# ("And if a man lie with ..." -> 与儿妇同房的 ...): read as a source, not as a translation
_TARGETS = frozenset({"en", "ru", "ar"})
_MAYBE_FOUND = {lang: re.compile(p) for lang, p in _MAYBE.items()}


def _conditions(text: str, lang: str) -> list[tuple[int, int]]:
    low = text.lower()
    if lang == "en":  # "asked if", "as if", "even if", "what if": left out
        low = _EN_WHETHER.sub(lambda m: "_" * len(m.group()), low)
    if lang == "ru":
        low = _RU_IDIOMS.sub(lambda m: "_" * len(m.group()), low)
    found = [(m.start(), m.end()) for m in _FOUND[lang].finditer(low)]
    # "IF" in capitals is an abbreviation (an infielder), not "if"
    return [(a, b) for a, b in found if not (lang == "en" and text[a:b].isupper())]


def compare_conditions(src_text: str, src_lang: str, tgt_text: str, tgt_lang: str) -> list[Reason]:
    """``hardened`` for a condition of the source the translation drops."""
    sl, tl = _base_lang(src_lang), _base_lang(tgt_lang)
    if sl not in _CONDITIONS or tl not in _TARGETS or sl == tl:
        return []
    src = _conditions(src_text, sl)
    if not src or _conditions(tgt_text, tl) or _MAYBE_FOUND[tl].search(tgt_text.lower()):
        return []
    first = src[0]
    word = src_text[first[0] : first[1]]
    return [
        {
            "type": "hardened",
            "src": list(first),
            "tgt": None,
            "detail": f"the condition '{word}' has no counterpart in the translation",
        }
    ]
