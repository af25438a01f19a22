"""Antonyms: ``antonym`` when a word of a statement became its opposite.

"Переговоры продолжатся" -> "The talks will end", "до начала переговоров" -> "after
the talks began", "Мы открыли границу" -> "We closed the border", "Санкции были
сняты" -> "The sanctions were imposed", "Это законное решение" -> "an illegal
decision", "Многие страны" -> "Few countries", "Мы выиграли" -> "We lost": each keeps
every name and number, and each passed with drift 0.08-0.24 and no flag before this
check. What a statement says happens, in what order, to how many, and whether it is
lawful, turned round in one word.

Each sense and its opposite is an :class:`.opposites.Opposites` and is compared as
trends and stances are: a bead is reported only when every word of the sense on one
side goes one way and every one on the other side the other way, none negated. The
senses: going on or beginning / stopping or ending; before / after; opening /
closing; imposing / lifting (only where both sides speak of sanctions, restrictions,
a siege or an embargo); many / few; more / less (not before a figure: a bound is
the number check's); largest / smallest; winning / losing; certain /
doubting; and the adjectives whose opposite English and Russian make with a prefix,
which no negation word marks: legal / illegal, possible / impossible, acceptable /
unacceptable, stable / unstable. Read in English, Russian, Arabic and Chinese.

Left out as too often another sense: English "close" (close cooperation),
"following" (the following), "conclude" (an agreement), "the end of" and "the
beginning of" (a time), "a few" (some, not few), "without doubt" (certain); Russian
"начала"/"начале" (с начала года: since January), "конец" (в конце года),
"окончательно" (finally), a bare "до" (up to, until), "перед" (in front of) and the
noun "продолжением" ("является продолжением": is an extension of); Arabic "فتح"
(Fatah), "من قبل" (by), "تعليق" (a comment); Chinese 以前/以后 (formerly, from now on)
and 随后 (then: "A, before B" is "A，随后 B"). Before and after can also be swapped
faithfully with the clauses they join ("the talks began after the meeting"), which
this check cannot see.
"""

from __future__ import annotations

from ..types import Reason
from .opposites import DOWN, UP, Opposites

__all__ = ["compare_antonyms"]

_GOING_ON = Opposites(
    "antonym",
    {
        "en": {
            UP: r"continu\w*|resum\w*|begin|begins|began|begun|beginning(?!\s+of)|start"
            r"(?:s|ed|ing)?(?!\s+of)|launch\w*|commenc\w*|go\s+on|goes\s+on|going\s+on"
            r"|went\s+on|carr(?:y|ies|ied)\s+on",
            DOWN: r"stop|stops|stopped|stopping|(?<!the\s)end(?:s|ed|ing)?(?!\s+of|\s+up)"
            r"|ceas\w*|halt\w*|terminat\w*|discontinu\w*|suspend\w*|suspension|finish\w*"
            r"|break\s+off|broke\s+off|broken\s+off",
        },
        "ru": {
            UP: r"продолж(?!ением)\w*|возобнов\w*|начн\w*|начина\w*|начал(?:ся|ась|ось|ись|и)?"
            r"|начат\w*|стартова\w*|стартует|стартуют|запуст\w*|запуск\w*",
            DOWN: r"прекрат\w*|прекращ\w*|останов\w*|приостанов\w*|заверш\w*|законч\w*"
            r"|оконч(?!ательн)\w*|прерв\w*|прерыва\w*|сверн\w*|свёрнут\w*|сворачива\w*"
            r"|переста\w*|полож\w*\s+конец|класть\s+конец",
        },
        "ar": {
            UP: r"[وفب]?(?:استمر\w*|يستمر\w*|تستمر\w*|ستستمر\w*|سيستمر\w*|مواصلة|نواصل|يواصل"
            r"|تواصل|سنواصل|سيواصل|ستواصل|واصل\w*|استئناف|استؤنف\w*|يستأنف|تستأنف|بدأ\w*|بدء"
            r"|يبدأ|تبدأ|ستبدأ|سيبدأ|انطلاق|انطلق\w*)",
            DOWN: r"[وفب]?(?:توقف\w*|يتوقف|تتوقف|وقف|إيقاف|ايقاف|إنهاء|انهاء|انتهاء|انتهى|انتهت"
            r"|ينتهي|تنتهي|أنهى|أنهت)",
        },
        "zh": {
            UP: r"继续|持续|恢复|开始|启动|重启",
            DOWN: r"停止|结束|终止|暂停|中止|中断|停火|叫停",
        },
    },
)

_BEFORE = Opposites(
    "antonym",
    {
        "en": {
            UP: r"before|prior\s+to|ahead\s+of|earlier\s+than",
            DOWN: r"(?<!look\s)(?<!looked\s)(?<!looking\s)(?<!named\s)after(?!\s+all)"
            r"|later\s+than|subsequent\s+to",
        },
        "ru": {
            UP: r"накануне|до\s+того,?\s+как|перед\s+тем,?\s+как|прежде,?\s+чем"
            r"|до\s+начала|перед\s+началом|раньше,?\s+чем",
            DOWN: r"после|по\s+окончании|по\s+завершении|вслед\s+за|спустя",
        },
        "ar": {
            UP: r"(?<!من\s)[وف]?قبل",
            DOWN: r"(?<!عن\s)(?<!ما\s)[وف]?بعد",
        },
        "zh": {UP: r"之前|前夕", DOWN: r"之后"},
    },
)

_OPENING = Opposites(
    "antonym",
    {
        "en": {
            UP: r"open|opens|opened|opening|reopen\w*",
            DOWN: r"closed|closes|closing|closure|shut|shuts|shutting|shutdown"
            r"|(?<=to\s)close|(?<=will\s)close",
        },
        "ru": {UP: r"откр[ыо]\w*", DOWN: r"закр[ыо]\w*"},
        "ar": {
            UP: r"[وف]?(?:افتتاح|افتتح\w*|يفتتح|تفتتح|إعادة\s+فتح)",
            DOWN: r"[وف]?(?:إغلاق|اغلاق|أغلق\w*|يغلق|تغلق|مغلق\w*|أقفل\w*)",
        },
        "zh": {UP: r"开放|开通|开启|打开|开设|重开|开幕", DOWN: r"关闭|封锁|关停|闭幕|封闭"},
    },
)

_IMPOSING = Opposites(
    "antonym",
    {
        "en": {
            UP: r"impos\w*|reimpos\w*|introduc\w*|tighten\w*",
            DOWN: r"lift\w*|remov\w*|eas(?:e|es|ed|ing)|loosen\w*|relax\w*|abolish\w*"
            r"|revok\w*|scrap(?:s|ped|ping)?",
        },
        "ru": {
            UP: r"ввод\w*|введ\w*|ввел\w*|ввёл|ввест\w*|налож\w*|налага\w*|ужесточ\w*",
            DOWN: r"сня\w*|снят\w*|снима\w*|снимут|снимет|отмен\w*|смягч\w*|ослаб\w*",
        },
        "ar": {
            UP: r"[وفب]?(?:فرض\w*|يفرض|تفرض|تشديد)",
            DOWN: r"[وفب]?(?:رفع|رفعت|يرفع|ترفع|سيرفع|رفعها|إلغاء|الغاء|تخفيف)",
        },
        "zh": {UP: r"实施|施加|实行|加征", DOWN: r"解除|取消|放宽|撤销|减轻"},
    },
    topics={
        "en": r"sanction\w*|restriction\w*|embargo\w*|blockade\w*|siege\w*|tariff\w*",
        "ru": r"санкци\w*|ограничени\w*|эмбарго|блокад\w*|осад\w*|пошлин\w*",
        "ar": r"\w*عقوبات\w*|\w*حصار\w*|\w*قيود\w*|\w*حظر\w*",
        "zh": r"制裁|限制|禁运|封锁|关税",
    },
)


_MANY = Opposites(
    "antonym",
    {
        "en": {
            UP: r"many|numerous|a\s+lot\s+of|lots\s+of",
            # "a few" is "some", not the opposite of "many"
            DOWN: r"(?<!a\s)(?<!quite\s)few|fewer|hardly\s+any",
        },
        "ru": {
            UP: r"многие|многих|многим|многими|много|множество",
            DOWN: r"немногие|немногих|мало",
        },
        "ar": {UP: r"[وف]?(?:العديد|عديد\w*|كثير\w*|الكثير)", DOWN: r"[وف]?(?:قليل\w*|القليل)"},
        "zh": {UP: r"许多|很多|众多", DOWN: r"很少|极少|少数"},
    },
)

# more / less; not before a figure ("более 70" / "fewer than 70" is the number check's
# bound), nor "once more", "more or less", "more and more"
_MORE = Opposites(
    "antonym",
    {
        "en": {
            UP: r"(?<!once\s)(?<!no\s)(?<!any\s)more(?!\s+or\s+less|\s+and\s+more|\s+than\s+\d"
            r"|\s+\d)|greater",
            DOWN: r"less(?!\s+and\s+less|\s+than\s+\d|\s+\d)|fewer(?!\s+than\s+\d|\s+\d)"
            r"|smaller|lesser",
        },
        "ru": {
            UP: r"больше(?!,?\s+(?:чем\s+)?\d)|более(?!\s+\d)",
            DOWN: r"меньше(?!,?\s+(?:чем\s+)?\d)|менее(?!\s+\d)",
        },
        "ar": {
            UP: r"[وف]?(?:أكثر|اكثر)(?!\s+من\s+\d)",
            DOWN: r"[وف]?(?:أقل|اقل)(?!\s+من\s+\d)",
        },
        "zh": {UP: r"更多", DOWN: r"更少"},
    },
)

_LARGEST = Opposites(
    "antonym",
    {
        "en": {UP: r"largest|biggest", DOWN: r"smallest"},
        "ru": {UP: r"крупнейш\w*|больш(?:ая|ий|ое|ие)\s+часть|самы\w*\s+больш\w*",
               DOWN: r"мельчайш\w*|самы\w*\s+мал\w*|наименьш\w*"},
        "ar": {UP: r"[وف]?(?:أكبر|الأكبر)", DOWN: r"[وف]?(?:أصغر|الأصغر)"},
        "zh": {UP: r"最大", DOWN: r"最小"},
    },
)  # fmt: skip

_WINNING = Opposites(
    "antonym",
    {
        "en": {UP: r"win|wins|won|winning|victor(?:y|ies|ious)", DOWN: r"lose|loses|losing|lost"},
        "ru": {UP: r"выигра\w*|побед\w*", DOWN: r"проигра\w*|поражени\w*"},
        "ar": {UP: r"[وف]?(?:فوز|فاز\w*|يفوز|تفوز|انتصار|انتصر\w*)",
               DOWN: r"[وف]?(?:خسر\w*|يخسر|تخسر|خسارة|هزيمة)"},
        "zh": {UP: r"获胜|胜利|赢得|战胜", DOWN: r"失败|输掉|输给|负于|落败|战败"},
    },
)  # fmt: skip

_CERTAIN = Opposites(
    "antonym",
    {
        "en": {UP: r"sure|certain|certainly|confident|convinced",
               DOWN: r"(?<!without\s)(?<!no\s)(?<!beyond\s)doubt\w*|uncertain\w*|unsure"},
        "ru": {UP: r"уверен\w*|убежден\w*|убеждён\w*|несомненн\w*",
               DOWN: r"сомнева\w*|сомнени\w*|неуверен\w*"},
        "ar": {UP: r"[وف]?(?:واثق\w*|متأكد\w*|مقتنع\w*|على\s+ثقة)",
               DOWN: r"[وف]?(?:نشك|يشك|أشك|تشك|شكوك|مشكوك)"},
        "zh": {UP: r"相信|确信|坚信|肯定", DOWN: r"怀疑|不确定"},
    },
)  # fmt: skip


def _prefixed(
    en: tuple[str, str], ru: tuple[str, str], ar: tuple[str, str], zh: tuple[str, str]
) -> Opposites:
    """A sense English and Russian turn round with a prefix: (positive, negative) per
    language."""
    tables = {lang: {UP: up, DOWN: down} for lang, (up, down) in zip(
        ("en", "ru", "ar", "zh"), (en, ru, ar, zh), strict=True
    )}  # fmt: skip
    return Opposites("antonym", tables)


_LEGAL = _prefixed(
    (r"legal|lawful|legitimate|legally|lawfully|legitimately",
     r"illegal|unlawful|illegitimate|illegally|unlawfully|illegitimately"),
    (r"законн\w*|легитимн\w*|правомерн\w*",
     r"незаконн\w*|нелегитимн\w*|неправомерн\w*|противоправн\w*"),
    (r"(?<!غير\s)(?:ال)?(?:شرعي|قانوني)\w*", r"غير\s+(?:ال)?(?:شرعي|قانوني)\w*"),
    (r"(?<!不)(?<!非)合法", r"非法|不合法|违法"),
)  # fmt: skip
_POSSIBLE = _prefixed(
    (r"possible|possibility", r"impossible|impossibility"),
    (r"возможн\w*", r"невозможн\w*"),
    (r"(?<!غير\s)(?:ال)?ممكن\w*|بالإمكان", r"غير\s+(?:ال)?ممكن\w*|(?:ال)?مستحيل\w*"),
    (r"(?<!不)可能", r"不可能"),
)  # fmt: skip
_ACCEPTABLE = _prefixed(
    (r"acceptable", r"unacceptable|inadmissible"),
    (r"приемлем\w*|допустим\w*", r"неприемлем\w*|недопустим\w*"),
    (r"(?<!غير\s)(?:ال)?مقبول\w*", r"غير\s+(?:ال)?مقبول\w*|(?:ال)?مرفوض\w*"),
    (r"(?<!不)(?<!不可)(?<!无法)(?<!不能)可以接受", r"不可接受|无法接受|不能接受"),
)  # fmt: skip
_STABLE = _prefixed(
    (r"stable|stability|stabilis\w*|stabiliz\w*",
     r"unstable|instability|destabilis\w*|destabiliz\w*"),
    (r"стабильн\w*|стабилиз\w*|устойчив\w*",
     r"нестабильн\w*|дестабилиз\w*|неустойчив\w*"),
    (r"(?<!عدم\s)(?:ال)?استقرار|(?<!غير\s)مستقر\w*",
     r"عدم\s+(?:ال)?استقرار|زعزعة|غير\s+مستقر\w*"),
    (r"(?<!不)稳定", r"不稳定|动荡"),
)  # fmt: skip

SENSES: tuple[Opposites, ...] = (
    _GOING_ON,
    _BEFORE,
    _OPENING,
    _IMPOSING,
    _MANY,
    _MORE,
    _LARGEST,
    _WINNING,
    _CERTAIN,
    _LEGAL,
    _POSSIBLE,
    _ACCEPTABLE,
    _STABLE,
)


def compare_antonyms(src_text: str, src_lang: str, tgt_text: str, tgt_lang: str) -> list[Reason]:
    """``antonym`` for every sense of :data:`SENSES` turned round between the sides."""
    return [r for sense in SENSES for r in sense.compare(src_text, src_lang, tgt_text, tgt_lang)]
