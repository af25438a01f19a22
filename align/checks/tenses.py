"""Tenses: ``tense_changed`` when what will happen is said to have happened, or the reverse.

"Мы подписали соглашение о прекращении огня" -> "We will sign a ceasefire
agreement" keeps every name and number, and scored drift 0.16 with no flag before
this check; "Соглашение будет подписано в марте" -> "The agreement was signed in
March" was flagged, but as a ``partial_omission`` of "будет". A promise read as a
done deal, or a deal read as a promise, is the change a retranslated statement can
least afford, and a reviewer filtering on flags must see it named.

Each side's *future* (English "will", "shall", "going to", "is to be"; Russian
"будет", "будут"; Arabic "سوف", "لن", "سيتم"; Chinese 将会, 即将, 将于, 明年) and
*past* (English "was", "had", "did", a simple past or a perfect; Russian "был",
"подписал", "договорились"; Arabic "كان", "تم", "لقد"; Chinese 已经, 曾经, 去年, 上周:
its verbs carry no tense, so its time words count) are found
and compared as :mod:`.opposites` compares: a bead is reported only when every
such word of one side looks ahead and every one of the other side looks back. A
sentence with both ("he said it will be signed") says nothing; present tenses and
"would" say nothing either. Negation does not matter here ("will not sign" -> "did
not sign" is a tense change too).

The Russian perfective future has no word of its own: "подпишем" (we will sign) has
the endings of a present tense. It is told by its aspect, which only a dictionary
knows: pymorphy3's (OpenCorpora) reading of the word, asked only of words with a
present tense's ending.

English past forms are told from participles by the word around them: "was
signed", "will be held", "the agreed text", "is expected" and "theories debunked by"
are no simple past (adverbs in between are skipped); "has signed" is read as past. A
past form after "if" is hypothetical, and a sentence with "would" is not compared
("said it would", "if we were"). A Russian sentence with "бы" or "чтобы" is not
compared either: its past forms are a conditional or a purpose ("чтобы договор был
подписан" -> "so that the treaty will be signed"); nor is a future in a clause of
time or condition ("пока они не будут признаны" -> "until they are deemed"). Read in
English, Russian, Arabic and Chinese.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Callable
from typing import Any

from ..types import Reason
from .common import _base_lang, _became, _set
from .opposites import DOWN, UP, _one_way, _Word
from .polarity import _CLAUSE_BREAK

__all__ = ["compare_tenses"]

FUTURE, PAST = UP, DOWN

_WORD = re.compile(r"\w+(?:['’]\w+)?")

# ----------------------------------------------------------------------------- English

_EN_FUTURE = _set("will shall shalt wilt won't won’t shan't shan’t")
# "hath", "hast": the perfect of the King James Bible ("the LORD hath spoken")
_EN_PAST = _set(
    "was were wasn't wasn’t weren't weren’t had hadn't hadn’t did didn't didn’t hath hast"
)
# simple pasts that are no -ed word; participles among them ("made", "held") are told
# apart by the word before, as -ed words are
_EN_IRREGULAR = _set(
    "said told met went came took gave made held left sent spoke saw knew thought found "
    "became began brought bought built felt fought kept led lost paid ran sold stood "
    "understood won wrote sought taught caught meant heard drew chose flew forgot froze "
    "got hid struck swore threw withdrew overcame undertook arose fled spent dealt sat "
    "shot broke ate drove fell rode rang shook stole woke wore"
)
# -ed words that are no past: nouns, adjectives, names written in lower case
_EN_NOT_PAST = _set(
    "need speed seed feed indeed proceed succeed exceed breed greed creed deed heed weed "
    "bleed steed hundred sacred naked wicked kindred shed bed red wed embed ahmed "
    "mohammed mohamed hamed sled"
)
# a participle after these is no simple past: passives, "to be", "get", an adjective
# after an article or a possessive
_EN_BEFORE_PARTICIPLE = _set(
    "be been being is are am 's ’s get gets got getting become becomes the a an this that "
    "these those its their our your my his her to will would shall should can could may "
    "might must well"
)
# words skipped when looking for the word before: adverbs and negations between an
# auxiliary and its participle ("is also expected", "was not signed")
_EN_BETWEEN = _set(
    "also already not now still just then never ever all both yet further often always since"
)
# "will" as a noun: "political will", "the will of the people"
_EN_WILL_NOUN_BEFORE = _set(
    "the political good free own ill his her their our your my its people's popular strong firm"
)
_EN_WILL_NOUN_AFTER = _set("of and or is was")
# a past form in a clause with these is hypothetical or unknown ("if we were", "whether
# it was")
_EN_IF = _set("if unless whether wish")
_EN_PERFECT = _set("has have 've ’ve")
_EN_BE = _set("is are am was were")
_EN_PARTICIPLES = _set(
    "come done been gone seen taken given become begun shown known grown risen fallen "
    "written spoken chosen driven eaten forgotten hidden ridden stolen sworn thrown woken "
    "worn withdrawn undertaken arisen broken frozen drawn flown run won put set cut hit "
    "let gotten"
)
_EN_DETERMINERS = _set("the a an this that these those my our your his her their its")


def _before(words: list[str], k: int) -> str:
    """The word before ``words[k]``, skipping adverbs ("is also expected" -> "is")."""
    j = k - 1
    while j >= 0 and (not words[j] or words[j] in _EN_BETWEEN or words[j].endswith("ly")):
        j -= 1
    return words[j] if j >= 0 else ""


def _clauses(text: str) -> list[int]:
    """The clause number of every character of ``text``, cut where polarity and
    opposites cut clauses (, ; : . ! ? dashes)."""
    ends = [m.end() for m in _CLAUSE_BREAK.finditer(text)]
    return [bisect_right(ends, i) for i in range(len(text))]


_CLITICS = _set("t ll s ve re d")


def _joined_clitics(text: str, ms: list[re.Match[str]]) -> list[str]:
    """The lower-cased words, with a clitic that tokenised text sets apart ("won 't",
    "I 'll", "did n't") joined back to the word before it (and left as "")."""
    low = [m.group().lower() for m in ms]
    for k in range(1, len(ms)):
        gap = text[ms[k - 1].end() : ms[k].start()]
        if gap[:1].isspace() and gap.strip() in ("'", "’") and low[k] in _CLITICS:
            low[k - 1], low[k] = f"{low[k - 1]}'{low[k]}", ""
        elif low[k] in ("n't", "n’t"):
            low[k - 1], low[k] = f"{low[k - 1]}n't", ""
    return low


def _english(text: str) -> list[_Word]:
    found: list[_Word] = []
    ms = list(_WORD.finditer(text))
    low = _joined_clitics(text, ms)
    clause = _clauses(text)
    # "would" makes the tenses around it hypothetical or reported ("if we were", "said it
    # would"): such a sentence is not compared
    if {"would", "wouldn't", "wouldn’t"} & set(low):
        return []
    # where each clause's "if" is: a past form after it is hypothetical ("if we were")
    if_at: dict[int, int] = {}
    for m, w in zip(ms, low, strict=True):
        if w in _EN_IF:
            if_at.setdefault(clause[m.start()], m.start())
    for k, m in enumerate(ms):
        w, nxt = low[k], (low[k + 1] if k + 1 < len(low) else "")
        way = 0
        if w in _EN_FUTURE or re.fullmatch(r"\w+['’]ll", w):
            noun = w == "will" and (
                (k and low[k - 1] in _EN_WILL_NOUN_BEFORE)
                or nxt in _EN_WILL_NOUN_AFTER
                or not nxt
                or text[m.end() : m.end() + 1] in ",.;:!?)"
            )
            way = 0 if noun else FUTURE
        elif w == "going" and nxt == "to" and k + 2 < len(low):
            way = FUTURE if low[k + 2] not in _EN_DETERMINERS else 0
        elif w in ("is", "are", "am") and nxt == "to" and k + 2 < len(low) and low[k + 2] == "be":
            way = FUTURE
        elif w == "about" and nxt == "to" and k and low[k - 1] in _EN_BE:
            way = FUTURE  # "was about to": a past and a future, which say nothing together
        elif m.start() > if_at.get(clause[m.start()], len(text)):
            continue
        elif w in _EN_PAST:
            way = PAST
        elif _before(low, k) in _EN_PERFECT and (
            w in _EN_PARTICIPLES or w in _EN_IRREGULAR or re.fullmatch(r"\w{3,}(?:ed|en)", w)
        ):
            way = PAST  # a perfect: "has signed", "have come"
        elif w in _EN_IRREGULAR or (
            w.endswith("ed") and len(w) > 4 and m.group()[0].islower() and w not in _EN_NOT_PAST
        ):
            # "theories debunked by ...": a participle
            participle = _before(low, k) in _EN_BEFORE_PARTICIPLE or nxt == "by"
            way = 0 if participle else PAST
        if way:
            found.append(_Word(way, m.start(), m.end(), False))
    return found


# ----------------------------------------------------------------------------- Russian

_RU_FUTURE = _set("буду будешь будет будем будете будут")
_RU_PAST_FORM = re.compile(r"\w{2,}[аеиоуыяё]л[аои]?(?:ся|сь)?|\w*(?:шёл|шел|шла|шли|шло)(?:сь)?")
# words of that form that are no past: nouns and adverbs (read off pymorphy3 over the
# Russian sentences of MLQE-PE ru-en train/dev, DEMETR and the seed)
_RU_NOT_PAST = _set(
    "около сначала начала начало правило правила тяжело весело смело мало тепло светло "
    "зло дела дело тело тела село села сила цели недели модели детали морали прибыли "
    "гибели печали автомобили параллели мели неужели нежели школа шкала скала формула "
    "могила или пошло число пошли светел"
)
# nouns in -ал/-ол/-ел/-ил/-ул and their forms in -а/-и ("канал", "канала", "посол")
_RU_NOUN_STEMS = _set(
    "канал телеканал стол правил символ колокол посол сигнал генерал бокал капитал журнал "
    "прикол материал апостол раскол потенциал либерал дьявол угол сериал квартал престол "
    "ритуал отдел социал козел протокол замысел консул орел орёл кинжал выстрел персонал "
    "терминал идеал развал ареал беспредел монгол оригинал скандал трибунал маршал "
    "арсенал финал интервал вокзал зал провал портал минерал кардинал адмирал пьедестал "
    "радикал профессионал криминал предел раздел"
)
_RU_AGENT_NOUN = re.compile(r"\w*(?:ител|ател|ятел|детел)[иья]")
# a sentence with "бы" or "чтобы" is conditional or says a purpose: its past forms are
# no past and its tenses are not compared
_RU_NO_TENSE = re.compile(r"(?<!\w)(?:бы|б|чтобы|чтоб)(?!\w)", re.I)
_RU_WHEN = _set("пока когда если коли как только после")
_RU_IF = _set("если коли")


# A verb of the present or of the perfective future ("продолжатся", "вступает"): the
# perfective future has no word of its own, so a sentence with one of these shows no
# past only ("Министр заявил, что переговоры продолжатся" -> "talks will go on")
_RU_NON_PAST = re.compile(r"\w{2,}(?:[еиуюая]т|ёт)(?:ся|сь)?")
# nouns of that form
_RU_NOT_VERB = _set(
    "совет комитет бюджет ответ запрет отчет отчёт пакет билет завет привет скелет балет "
    "банкет полет полёт расчет расчёт учет учёт счет счёт налет налёт кабинет предмет "
    "портрет паритет приоритет авторитет иммунитет суверенитет нейтралитет интернет "
    "результат депутат кандидат формат мандат аппарат климат штат сенат брат солдат "
    "адвокат дипломат плакат закат кредит визит лимит дефицит транзит бандит депозит "
    "аппетит минут институт маршрут статут салют валют приют самолёт самолет вертолёт "
    "вертолет пулемёт пулемет"
)


# the endings of a present or perfective future ("подпишем", "продолжатся", "скажу")
_RU_PRESENT_ENDING = re.compile(
    r"\w{2,}(?:у|ю|ешь|ишь|ёшь|ет|ит|ёт|ем|им|ём|ете|ите|ёте|ут|ют|ат|ят)(?:ся|сь)?"
)


@functools.cache
def _morph() -> Any:
    """pymorphy3's analyser, loaded on first use (0.1 s); None where it is not installed."""
    try:
        import pymorphy3
    except ImportError:  # pragma: no cover - a dependency; without it, no perfective future
        return None
    return pymorphy3.MorphAnalyzer()


@functools.lru_cache(maxsize=65536)
def _ru_perfective_future(word: str) -> str:
    """The person and number of ``word`` (lower case) where every likely reading of it is a
    verb of the perfective future ("подпишет": "3per sing"), else "".

    A word that may also be a present ("признает" for "признаёт", "оперирует") is not
    one; nor a second person ("не испечёшь": the "you" of proverbs, and "поддержите" is
    an imperative too), nor an archaic form ("стыжуся").
    """
    if not _RU_PRESENT_ENDING.fullmatch(word) or word in _RU_NOT_VERB:
        return ""
    morph = _morph()
    if morph is None:
        return ""
    parses = [p for p in morph.parse(word) if p.score >= 0.1 and "impr" not in p.tag]
    if not parses or not all({"VERB", "perf", "futr"} <= p.tag.grammemes for p in parses):
        return ""
    tag = parses[0].tag
    if tag.person not in ("1per", "3per") or "Infr" in tag:
        return ""
    return f"{tag.person} {tag.number}"


def _ru_non_past(words: list[str]) -> bool:
    """Whether a word (not the first, not a name) looks like a present or perfective
    future verb."""
    return any(
        k and not w[0].isupper() and _RU_NON_PAST.fullmatch(w) and w not in _RU_NOT_VERB
        for k, w in enumerate(words)
    )


def _ru_past(word: str) -> bool:
    low = word.lower()
    if low in ("был", "была", "было", "были"):
        return True
    if not _RU_PAST_FORM.fullmatch(low) or low in _RU_NOT_PAST or _RU_AGENT_NOUN.fullmatch(low):
        return False
    if low.endswith("швили"):  # Georgian surnames
        return False
    return not any(low in (s, s + "а", s + "и", s + "ы") for s in _RU_NOUN_STEMS)


def _russian(text: str) -> list[_Word]:
    if _RU_NO_TENSE.search(text):
        return []
    clause = _clauses(text)
    found: list[_Word] = []
    ms = list(_WORD.finditer(text))
    # the future of a clause of time or condition is English's present ("пока они не
    # будут признаны" -> "until they are deemed")
    when = {clause[m.start()] for m in ms if m.group().lower() in _RU_WHEN}
    # and a past in a clause of condition is hypothetical ("коли приспичило")
    if_clauses = {clause[m.start()] for m in ms if m.group().lower() in _RU_IF}
    we = {clause[m.start()] for m in ms if m.group().lower() == "мы"}
    for k, m in enumerate(ms):
        w = m.group()
        name = k > 0 and w[0].isupper()  # a capital inside the sentence ("Михаил", "Павел")
        perfective = "" if name else _ru_perfective_future(w.lower())
        # "Подпишем" alone is also "let's sign": the first person plural needs its "мы"
        if perfective == "1per plur" and clause[m.start()] not in we:
            perfective = ""
        if w.lower() in _RU_FUTURE or perfective:
            if clause[m.start()] not in when:
                found.append(_Word(FUTURE, m.start(), m.end(), False))
        elif not name and clause[m.start()] not in if_clauses and _ru_past(w):
            found.append(_Word(PAST, m.start(), m.end(), False))
    if _one_way(found) == PAST and _ru_non_past([m.group() for m in ms]):
        return []
    return found


# ----------------------------------------------------------------------------- Arabic

# the future prefix س on the verbs statements use most ("سيتم", "ستكون", "سنواصل");
# a bare س+word is too often a noun ("سياسة", "سيارة", "سنة", "سيادة")
_AR_FUTURE = re.compile(
    r"(?<!\w)(?:[وف]?(?:سوف|لن)|[وف]?س[يتنأ](?:تم|كون\w*|عقد|عمل|واصل|بقى|صبح|قوم|زور|تمكن"
    r"|بذل|ستمر|جري|شارك|دعم|عود|لتقي|ناقش|وقع|قدم|بحث|رسل|ساعد|تخذ|طلب|ساهم|حصل|فتح"
    r"|صل|نفذ|ضع|توجه|علن|صدر|كون|نظم)\w*)(?!\w)"
)
# "إذا كان" (if it is) and its kin are no past
_AR_PAST = re.compile(
    r"(?<!إذا )(?<!إن )(?<!لو )(?<!وإذا )(?<!وإن )(?<!\w)"
    r"(?:[وف]?(?:كان|كانت|كانوا|كنا|كنت|تم|تمت|لقد))(?!\w)"
)

# ----------------------------------------------------------------------------- Chinese

# 将 alone is as often the object marker (将其, 将问题提交): only its future compounds
_ZH_FUTURE = re.compile(
    r"将会|将要|即将|将于|将在|届时|将是|将成为|将继续|将进一步|将举行|将召开|将访问|将出席"
    r"|将签署|将开展|将加强|将推动"
)
_ZH_PAST = re.compile(r"已经|曾经|已于|业已|早已")
# Chinese verbs carry no tense: the time words a sentence places itself with count too,
# unless it reports speech (他说，明天 ...: "tomorrow" of the speaker's day)
_ZH_PAST_DAY = re.compile(r"昨天|昨日|前天|去年|前年|上周|上星期|上个月|上月|日前|当时")
_ZH_FUTURE_DAY = re.compile(r"明天|明日|后天|明年|下周|下星期|下个月|下月|今后|将来")
_ZH_SPEECH = re.compile(r"[说道][，,：:]")
# a condition: 若灾病处的毛已经变白 (if the hair has turned white) is no past
_ZH_CONDITION = re.compile(r"若|如果|假如|要是|倘若|假若|万一|一旦")


def _words(
    text: str, future: re.Pattern[str], past: re.Pattern[str], when: re.Pattern[str] | None = None
) -> list[_Word]:
    """The future and past words of ``text``; ``when`` matches right after a future word
    that is in a clause of time instead (在旅程即将结束时: "as the journey neared its
    end")."""
    found = [(FUTURE, m) for m in future.finditer(text) if not (when and when.match(text, m.end()))]
    found += [(PAST, m) for m in past.finditer(text)]
    return sorted(
        (_Word(way, m.start(), m.end(), False) for way, m in found), key=lambda w: w.start
    )


def _arabic(text: str) -> list[_Word]:
    return _words(text, _AR_FUTURE, _AR_PAST)


_ZH_WHEN = re.compile(r"[^，。,；;]{0,8}时")


def _chinese(text: str) -> list[_Word]:
    if _ZH_CONDITION.search(text):
        return []
    found = _words(text, _ZH_FUTURE, _ZH_PAST, _ZH_WHEN)
    if not _ZH_SPEECH.search(text):
        found = sorted(found + _words(text, _ZH_FUTURE_DAY, _ZH_PAST_DAY), key=lambda w: w.start)
    return found


_READERS: dict[str, Callable[[str], list[_Word]]] = {
    "en": _english,
    "ru": _russian,
    "ar": _arabic,
    "zh": _chinese,
}


def tense_words(text: str, lang: str) -> list[_Word]:
    """Every word of the future or the past in ``text`` (none in a language not read)."""
    read = _READERS.get(_base_lang(lang))
    return read(text) if read else []


_EN_SUBJECTS = _set("i we you he she it they who")


def _firm(text: str, lang: str, words: list[_Word]) -> bool:
    """Whether any of ``words`` is read firmly: not a Russian perfective future (told only
    by the dictionary's reading) nor an English -ed form without its subject pronoun,
    auxiliary or object's determiner ("accused of", "the vetted", "jailed for" in a
    headline: a participle as often as a past)."""
    lang = _base_lang(lang)
    ms = list(_WORD.finditer(text))
    low = _joined_clitics(text, ms) if lang == "en" else []
    at = {m.start(): k for k, m in enumerate(ms)}
    for w in words:
        token = text[w.start : w.end].lower()
        if lang == "ru" and w.way == FUTURE and token not in _RU_FUTURE:
            continue
        if lang == "en" and w.way == PAST and token.endswith("ed") and token not in _EN_PAST:
            k = at[w.start]
            after = next((x for x in low[k + 1 :] if x), "")
            # after its subject pronoun or "has"/"have", or before its object's determiner
            # ("The parties signed the agreement"; "accused of", "jailed for" are not)
            if _before(low, k) not in _EN_SUBJECTS | _EN_PERFECT and after not in _EN_DETERMINERS:
                continue
        return True
    return False


def _said_both_ways(
    words: list[_Word], text: str, lang: str, other: str, other_lang: str
) -> list[_Word]:
    """``words`` less the Chinese time words (明年, 去年) whose time the other side says as
    a date too: "双方同意在明年三月举行" → "agreed to hold … in March next year" has its
    future in "next year", not in "agreed"."""
    if _base_lang(lang) != "zh":
        return words
    from .places import _mentions

    ahead = {
        int(c[1]) > 0
        for m in _mentions(other, _base_lang(other_lang))
        for c in m.concepts
        if c[0].startswith("relative-") and c[1] != "0"
    }
    if not ahead:
        return words
    return [
        w
        for w in words
        if not (
            (_ZH_FUTURE_DAY if w.way == FUTURE else _ZH_PAST_DAY).fullmatch(text, w.start, w.end)
            and (w.way == FUTURE) in ahead
        )
    ]


def compare_tenses(src_text: str, src_lang: str, tgt_text: str, tgt_lang: str) -> list[Reason]:
    """``tense_changed`` when one side only looks ahead and the other only looks back, and
    one of them is read firmly (:func:`_firm`)."""
    src = _said_both_ways(tense_words(src_text, src_lang), src_text, src_lang, tgt_text, tgt_lang)
    way = _one_way(src)
    if not way:
        return []
    tgt = _said_both_ways(tense_words(tgt_text, tgt_lang), tgt_text, tgt_lang, src_text, src_lang)
    if _one_way(tgt) != -way:
        return []
    if not (_firm(src_text, src_lang, src) or _firm(tgt_text, tgt_lang, tgt)):
        return []
    s, t = src[0], tgt[0]
    return [_became("tense_changed", src_text, (s.start, s.end), tgt_text, (t.start, t.end))]
