"""Stances: ``stance_reversed`` when support became opposition, or the reverse.

"Мы поддерживаем эту инициативу" -> "We oppose this initiative", "نرحب بهذا القرار"
-> "We condemn this decision", 中方支持 -> "China opposes": a government's position
turned round in one verb, and the sentence vectors sit as close as a faithful
rendering's (drift 0.10 before this check). It is what a reader of an official
statement most needs to be right.

Each side's words of support ("support", "welcome", "endorse", "accept", "agree",
"поддерживаем", "приветствуем", "выступаем за", "ندعم", "نرحب", 支持, 欢迎, 赞成,
"unterstützen", "soutenir", "apoyar") and of opposition ("oppose", "reject",
"condemn", "refuse", "выступаем против", "осуждаем", "отвергаем", "نرفض", "ندين", 反对,
谴责, 拒绝, "ablehnen", "condamner", "rechazar") are found by stem, per language, and
compared as :mod:`.opposites` compares: a sentence with both ("we support the talks
and condemn the strikes") or a negated one ("не поддерживаем" / "do not support")
says nothing here. Read in English, Russian, Arabic, Chinese, German, French and
Spanish.
"""

from __future__ import annotations

from ..types import Reason
from .opposites import DOWN, UP, Opposites

__all__ = ["compare_stances"]

# UP: support; DOWN: opposition. Words with another common sense are left out: English
# "back" (return), "opposition" (a party), "object" (a thing); Russian "принять" (adopt,
# take part), "против" but after a verb of speaking or voting; Arabic "قبل" (before),
# "معارضة" stays (the opposition is read on both sides or neither); French "salut"
_STANCES: dict[str, dict[int, str]] = {
    "en": {
        UP: r"support(?:s|ed|ing)?|backed|backing|endors\w*|welcom(?:e|es|ed|ing)"
        r"|approv(?:e|es|ed|ing|al)|accept(?:s|ed|ing)?|agree(?:s|d|ing)?|in\s+favou?r\s+of"
        r"|prais\w*|espous\w*|advocat(?:e|es|ed|ing)|recogni[sz]\w*|acknowledg\w*|supporters?",
        DOWN: r"oppos(?:e|es|ed|ing)|reject\w*|condemn\w*|denounc\w*|disapprov\w*|refus\w*"
        r"|objected|objecting|objects\s+to|criticis\w*|criticiz\w*|disagree\w*",
    },
    "ru": {
        UP: r"(?:гос)?поддерж\w*|одобр\w*|приветств\w*|соглас(?:ен|на|ны|ились|ился|илась|ятся"
        r"|ится|имся|ие|ия|ии)\b|согласова\w*|договори\w*|призна(?!к)\w*|сторонник\w*"
        r"|выступ\w*\s+за|высказ\w*\s+за|проголосова\w*\s+за",
        DOWN: r"выступ\w*\s+против|высказ\w*\s+против|проголосова\w*\s+против|голосова\w*\s+"
        r"против|осужда\w*|осуди\w*|осуждени\w*|отверга\w*|отверг\w*|отклони\w*|отклоня\w*"
        r"|отклон(?:ен|ён|ена|ено|ены)\b|возража\w*|возрази\w*|раскритикова\w*|критику\w*"
        r"|противосто\w*|противник\w*",
    },
    "ar": {
        UP: r"(?:و|ف)?(?:ن|ي|ت|أ)?(?:دعم|يدعم|تدعم|ندعم|دعمت|تأييد|يؤيد|تؤيد|نؤيد|أيد\w*|رحب\w*"
        r"|يرحب|ترحب|نرحب|ترحيب\w*|وافق\w*|يوافق|توافق|نوافق|موافقة)",
        DOWN: r"(?:و|ف)?(?:رفض\w*|يرفض|ترفض|نرفض|إدانة|أدان\w*|يدين|تدين|ندين|يعارض|تعارض"
        r"|نعارض|عارض\w*|استنكار|استنكر\w*|يستنكر|نستنكر|شجب\w*|يشجب|نشجب)",
    },
    "zh": {
        UP: r"支持|赞成|欢迎|拥护|赞同|同意|接受|认可|赞扬",
        DOWN: r"反对|谴责|拒绝|抵制|批评|驳斥|否决",
    },
    "de": {
        UP: r"unterstütz\w*|befürwort\w*|begrüß\w*|begrüss\w*|akzeptier\w*|zustimm\w*"
        r"|zugestimmt",
        DOWN: r"ablehn\w*|abgelehnt|verurteil\w*|kritisier\w*|widersprech\w*|widersproch\w*"
        r"|(?:sind|ist|war|waren|bin|seien|stimmt|stimmten|stimmen)\s+(?:\w+\s+)?gegen",
    },
    "fr": {
        UP: r"soutien\w*|souten\w*|soutenu\w*|appui\w*|appuy\w*|approuv\w*|accept\w*"
        r"|favorable\w*",
        DOWN: r"oppos(?:e|es|ent|ons|ez|é|ée|és|ées|er|ait|aient)|rejet\w*|rejett\w*"
        r"|condamn\w*|dénonc\w*|refus\w*|critiqu\w*|déclin(?:e|ent|er|ons|ez|é|ée|ait)",
    },
    "es": {
        UP: r"apoy\w*|respald\w*|acept\w*|aprob\w*|aprueb\w*",
        DOWN: r"opon\w*|opus\w*|rechaz\w*|conden\w*|denunci\w*|critic\w*",
    },
}

STANCES = Opposites("stance_reversed", _STANCES)


def compare_stances(src_text: str, src_lang: str, tgt_text: str, tgt_lang: str) -> list[Reason]:
    """``stance_reversed`` when one side supports what the other opposes."""
    return STANCES.compare(src_text, src_lang, tgt_text, tgt_lang)
