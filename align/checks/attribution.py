"""``attribution_changed``: the speaker's "I" became the listener's "you", or the reverse."""

from __future__ import annotations

import re

from ..types import Reason
from .common import _base_lang, _became, _set

__all__ = ["compare_attribution"]

# Persons by pronoun: "1s" the speaker ("I"), "2" the listener ("you"), "1p" the speaker's
# side ("we"), "3p" another party ("they"). The speaker and the listener by every form;
# "we" and "they" as subjects only: an object or possessive is as often an idiom or a
# thing ("в наше время" is "nowadays", "allocated to them" a loan's). Words that are
# also another person are left out: German "Sie"/"sie"/"ihr" (you/she/they/her),
# Spanish "su", French "il"/"elle" (also impersonal or a thing). French "j'" and "m'"
# count before their apostrophe only ("6900 m" is metres).
_PERSONS: dict[str, dict[str, frozenset[str]]] = {
    "en": {
        "1s": _set("i me my mine myself"),
        "2": _set("you your yours yourself yourselves"),
        "1p": _set("we"),
        "3p": _set("they"),
    },
    "ru": {
        "1s": _set("я меня мне мной мой моя моё мое мои моего моей моему моим моих"),
        "2": _set(
            "ты тебя тебе тобой вы вас вам вами твой твоя твоё твои ваш ваша ваше ваши "
            "вашего вашей вашему вашим ваших"
        ),
        "1p": _set("мы"),
        "3p": _set("они"),
    },
    "de": {
        "1s": _set("ich mich mir mein meine meinen meinem meiner meines"),
        "2": _set("du dich dir dein deine deinen deinem deiner deines euch euer eure"),
    },
    "fr": {
        "1s": _set("je j moi me m mon ma mes"),
        "2": _set("tu te toi ton ta tes vous votre vos"),
        "1p": _set("nous"),
        "3p": _set("ils elles"),
    },
    "es": {
        "1s": _set("yo mí mi mis conmigo"),
        "2": _set("tú tu tus ti contigo usted ustedes vosotros"),
        "1p": _set("nosotros nosotras"),
        "3p": _set("ellos ellas"),
    },
}
_ELIDED = _set("j m")  # French: a person only before an apostrophe ("j'ai", "m'a")
# Chinese has no case: "we" and "they" count where no preposition makes them objects
# ("对我们说", "said to us")
_ZH_NOT_SUBJECT = r"(?<![对對给給向跟和与與把被让讓叫为為将將])"
_ZH_PERSONS = {
    "1s": re.compile(r"我(?!们|們)"),
    "2": re.compile(r"[你您]"),
    "1p": re.compile(_ZH_NOT_SUBJECT + r"(?:我们|我們|咱们|咱們)"),
    "3p": re.compile(_ZH_NOT_SUBJECT + r"(?:[他她]们|[他她]們)"),
}
# English "let us" ("Let us make a captain") says "we"
_LET_US = re.compile(r"\blet(?:\s+us\b|['’]s\b)", re.I)
# Which person becoming which is reported, and how it reads: the speaker's words put in
# the listener's mouth ("как я уже говорил" -> "as you mentioned"), and the speaker's
# side become another party ("Мы поддерживаем" -> "They support"), or the reverse.
_CHANGES = {
    ("1s", "2"): "the speaker's own words became the listener's",
    ("2", "1s"): "the listener's words became the speaker's",
    ("1p", "3p"): "the speaker's side became another party",
    ("3p", "1p"): "another party became the speaker's side",
}


def _persons(text: str, lang: str) -> dict[str, list[tuple[int, int]]]:
    """Spans of the words of each person in text."""
    if lang == "zh":
        return {p: [m.span() for m in rx.finditer(text)] for p, rx in _ZH_PERSONS.items()}
    table = _PERSONS[lang]
    out: dict[str, list[tuple[int, int]]] = {p: [] for p in table}
    if lang == "en":
        out["1p"] += [m.span() for m in _LET_US.finditer(text)]
    for m in re.finditer(r"\w+", text):
        word = m.group().lower()
        if word in _ELIDED and text[m.end() : m.end() + 1] not in ("'", "’"):
            continue
        for person, words in table.items():
            if word in words:
                out[person].append(m.span())
    return out


def _length(text: str, lang: str) -> float:
    """Rough content length in words: a CJK character is about half an English word."""
    if lang in ("zh", "ja"):
        return sum(1 for c in text if not c.isspace() and c.isalnum()) / 1.6
    return float(len(re.findall(r"\w+", text)))


def _corresponding(
    src_text: str, sl: str, src: tuple[int, int], tgt_text: str, tl: str, tgt: tuple[int, int]
) -> bool:
    """Whether the two pronouns stand in corresponding places of comparable texts.

    A bead whose target is much shorter lost a clause; the pronoun left on one
    side then belongs to a different clause than the one on the other side.
    """
    ls, lt = _length(src_text, sl), _length(tgt_text, tl)
    if min(ls, lt) < 0.6 * max(ls, lt):
        return False
    ps = _length(src_text[: src[0]], sl) / max(ls, 1.0)
    pt = _length(tgt_text[: tgt[0]], tl) / max(lt, 1.0)
    return abs(ps - pt) <= 0.35


def compare_attribution(src_text: str, src_lang: str, tgt_text: str, tgt_lang: str) -> list[Reason]:
    """``attribution_changed``: words put in another person's mouth.

    Fires only when one side speaks in one person and never in the other, and the
    other side the reverse: "как я уже говорил" -> "as you mentioned", "Мы
    поддерживаем" -> "They support", 我们支持 -> "They support". Russian and Spanish
    often drop the subject pronoun, so a missing pronoun alone is never enough.
    """
    sl, tl = _base_lang(src_lang), _base_lang(tgt_lang)
    known = {*_PERSONS, "zh"}
    if sl not in known or tl not in known:
        return []
    ps, pt = _persons(src_text, sl), _persons(tgt_text, tl)
    for (was, now), became in _CHANGES.items():
        if was not in ps or now not in pt or was not in pt or now not in ps:
            continue  # a language that cannot tell these persons apart
        if not (ps[was] and not ps[now] and pt[now] and not pt[was]):
            continue
        src, tgt = ps[was][0], pt[now][0]
        if not _corresponding(src_text, sl, src, tgt_text, tl, tgt):
            continue  # the clause is missing, not changed: "Я хотел бы ..." -> "Thank you."
        reason = _became("attribution_changed", src_text, src, tgt_text, tgt)
        reason["detail"] += f": {became}"
        return [reason]
    return []
