"""``attribution_changed``: the speaker's "I" became the listener's "you", or the reverse."""

from __future__ import annotations

import re

from ..types import Reason
from .common import _base_lang, _became, _set

__all__ = ["compare_attribution"]

# First person singular and second person pronouns ("as I said" vs "as you mentioned").
# German "Sie"/"ihr" and Spanish "su" are left out: they are also "they"/"her"/"his".
_PERSONS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "en": (_set("i me my mine myself"), _set("you your yours yourself yourselves")),
    "ru": (
        _set("я меня мне мной мой моя моё мое мои моего моей моему моим моих"),
        _set(
            "ты тебя тебе тобой вы вас вам вами твой твоя твоё твои ваш ваша ваше ваши "
            "вашего вашей вашему вашим ваших"
        ),
    ),
    "de": (
        _set("ich mich mir mein meine meinen meinem meiner meines"),
        _set("du dich dir dein deine deinen deinem deiner deines euch euer eure"),
    ),
    "fr": (_set("je j moi me m mon ma mes"), _set("tu te toi ton ta tes vous votre vos")),
    "es": (_set("yo mí mi mis conmigo"), _set("tú tu tus ti contigo usted ustedes vosotros")),
}
_ZH_PERSONS = (re.compile(r"我(?!们)"), re.compile(r"[你您]"))


def _persons(text: str, lang: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Spans of first-person-singular and of second-person words."""
    if lang == "zh":
        first, second = _ZH_PERSONS
        return (
            [m.span() for m in first.finditer(text)],
            [m.span() for m in second.finditer(text)],
        )
    me, you = _PERSONS[lang]
    words = [(m.group().lower(), m.span()) for m in re.finditer(r"\w+", text)]
    return [s for w, s in words if w in me], [s for w, s in words if w in you]


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
    """``attribution_changed``: the speaker's "I" became "you", or the reverse.

    Fires only when one side speaks in the first person singular and never
    addresses anyone, and the other addresses someone and never says "I":
    "как я уже говорил" -> "as you mentioned". Russian and Spanish often drop
    the subject pronoun, so a missing "I" alone is never enough.
    """
    sl, tl = _base_lang(src_lang), _base_lang(tgt_lang)
    known = {*_PERSONS, "zh"}
    if sl not in known or tl not in known:
        return []
    me_s, you_s = _persons(src_text, sl)
    me_t, you_t = _persons(tgt_text, tl)
    if me_s and not you_s and you_t and not me_t:
        src, tgt, became = me_s[0], you_t[0], "the speaker's own words became the listener's"
    elif you_s and not me_s and me_t and not you_t:
        src, tgt, became = you_s[0], me_t[0], "the listener's words became the speaker's"
    else:
        return []
    if not _corresponding(src_text, sl, src, tgt_text, tl, tgt):
        return []  # the clause is missing, not changed: "Я хотел бы ..." -> "Thank you."
    reason = _became("attribution_changed", src_text, src, tgt_text, tgt)
    reason["detail"] += f": {became}"
    return [reason]
