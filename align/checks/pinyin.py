"""Chinese names written in pinyin, and whether a Chinese text spells them.

English writes a Chinese person's name in pinyin ("Wang Yi", "Xi Jinping", "Qin
Gang"), so a Chinese source can be asked whether it holds the characters that
read so: "王毅外长表示" rendered "Foreign Minister Qin Gang said" names another
minister. Readings come from ``pypinyin`` (MIT) with every reading of a character
(surnames such as 单 read "shan"); tones are dropped, as English drops them.

Precision first: a run of two or more capitalised words each of which is one or two
pinyin syllables, one of them spelled as only pinyin spells (x, q, zh, a final ng, ao,
ou, ai, ei, ...), not a place of the tables and not only common English words
("Long Beach"), is taken for a Chinese name ("Badia Polesine", ba-di-a po-le-si-ne,
and "Kate Mansi" are not; "Li Na" is missed).

A name of other origin is written in Chinese by its sound, with characters read as the
nearest syllables: "Biden" 拜登 bai-deng, "Trump" 特朗普 te-lang-pu, "Zelensky" 泽连斯基
ze-lian-si-ji. :func:`transcribed_in_hanzi` asks whether a run of characters sounds like a
name, comparing both in coarse sound classes (voiced and voiceless stops alike, r as l,
the sibilants and pinyin's j/q/x as one, m and n alike) and forgiving the vowels
Chinese puts between consonants ("Trump": four syllables' worth of letters in three).
"""

from __future__ import annotations

import re
import zoneinfo
from functools import lru_cache

from .common import _common_english, _set

__all__ = ["pinyin_names", "spelled_in_hanzi", "transcribed_in_hanzi"]

_WORD = re.compile(r"[A-Z][a-z]+(?:-[a-z]+)?")
# spellings pinyin has and English, Japanese or Urdu names of open syllables ("Kate
# Mansi", "Chichi Jima", "Bani Gala") mostly lack: one word of the name must hold one
_PINYIN_MARK = re.compile(r"x|q|zh|ng\b|ao|ou|ai|ei|ui|iu|ua|uo")


@lru_cache(maxsize=1)
def _syllables() -> frozenset[str]:
    """Every toneless reading pypinyin gives a CJK Unified Ideograph (about 400)."""
    from pypinyin import Style, pinyin

    out: set[str] = set()
    for cp in range(0x4E00, 0xA000):
        for reading in pinyin(chr(cp), style=Style.NORMAL, heteronym=True)[0]:
            if reading.isascii() and reading.isalpha() and re.search(r"[aeiouv]", reading):
                out.add(reading.replace("v", "u"))
    return frozenset(out)


@lru_cache(maxsize=8192)
def _splits(word: str) -> bool:
    """Whether a lower-case word is one or two pinyin syllables ("jinping": jin + ping), as
    a Chinese surname or given name is; "Badia" (ba-di-a) or "Polesine" is no such name."""
    syllables = _syllables()
    fewest = [0] + [9] * len(word)  # fewest syllables spelling word[:end]
    for end in range(1, len(word) + 1):
        fewest[end] = min(
            [fewest[start] + 1 for start in range(end) if word[start:end] in syllables] + [9]
        )
    return fewest[-1] <= 2


def pinyin_names(text: str) -> list[tuple[int, int, str]]:
    """(start, end, letters) of the runs of capitalised pinyin words in English ``text``;
    letters is the name in lower case without spaces or hyphens ("xijinping")."""
    from .places import is_place

    out: list[tuple[int, int, str]] = []
    run: list[re.Match[str]] = []

    def close() -> None:
        words = [m.group() for m in run]
        if (
            len(run) >= 2
            and any(_PINYIN_MARK.search(w.lower()) for w in words)
            and not all(_common_english(w.lower()) for w in words)
            and not is_place(" ".join(words), "en")
        ):
            letters = "".join(words).lower().replace("-", "")
            out.append((run[0].start(), run[-1].end(), letters))
        run.clear()

    for m in _WORD.finditer(text):
        if run and text[run[-1].end() : m.start()] != " ":
            close()
        if _splits(m.group().lower().replace("-", "")):
            run.append(m)
        else:
            close()  # "President | Xi Jinping": the name is the pinyin words after it
    close()
    return out


@lru_cache(maxsize=4096)
def _readings(text: str) -> tuple[frozenset[str], ...]:
    """Every toneless reading of each character of text (none for a non-Chinese one)."""
    from pypinyin import Style, pinyin

    return tuple(
        frozenset(r.replace("v", "u") for r in pinyin(ch, style=Style.NORMAL, heteronym=True)[0])
        if "\u4e00" <= ch <= "\u9fff"
        else frozenset()
        for ch in text
    )


def spelled_in_hanzi(letters: str, text: str) -> bool:
    """Whether consecutive characters of ``text`` read ``letters`` ("xijinping": 习近平)."""
    readings = _readings(text)
    for start in range(len(readings)):
        todo = [(start, 0)]
        while todo:
            k, at = todo.pop()
            if at == len(letters):
                return True
            if k >= len(readings):
                continue
            todo += [(k + 1, at + len(r)) for r in readings[k] if letters.startswith(r, at)]
    return False


# A name and a run of characters read alike when their sounds align at this similarity
# (1 - cost / the name's letters) with few consonants changed (:func:`_alike`). Chosen
# on 82 names of heads of state, ministers and given names in both scripts (Putin 普京,
# Trump 特朗普, Merkel 默克尔, Mahmoud 马哈茂德). Names not written by sound (Kishida 岸田)
# are not found.
TRANSCRIBED = 0.65

# Latin spellings to one letter per sound, longest first; then _classes.
_LATIN_SOUNDS = (
    ("tch", "s"), ("sch", "s"), ("sh", "s"), ("ch", "s"), ("ph", "f"), ("th", "t"),
    ("ck", "k"), ("dg", "s"), ("gh", "g"), ("kh", "h"), ("x", "ks"), ("qu", "k"),
    ("q", "k"), ("w", ""), ("y", "i"), ("z", "s"),
)  # fmt: skip
# pinyin spellings to the same letters; j, q and x stay as they are (:func:`_change`)
_PINYIN_SOUNDS = (
    ("zh", "s"), ("ch", "s"), ("sh", "s"), ("ng", "n"), ("er", "l"), ("c", "s"), ("z", "s"),
    ("r", "l"), ("y", "i"), ("w", "u"), ("v", "u"),
)  # fmt: skip
_CLASSES = str.maketrans("rmeo", "lniu")  # l for r, n for m, i for e, u for o
_VOWELS = frozenset("aiu")
# a stop for its voiced or voiceless twin: Chinese writes b, d, g for both at times
# ("Clinton" 克林顿, "Peter" 彼得), but mostly keeps them apart ("Biden" 拜登, "Putin" 普京)
_TWINS = frozenset({("b", "p"), ("p", "b"), ("d", "t"), ("t", "d"), ("g", "k"), ("k", "g")})


def _classes(letters: str) -> str:
    return re.sub(r"(.)\1+", r"\1", letters.translate(_CLASSES))


@lru_cache(maxsize=8192)
def _name_sounds(name: str) -> str:
    """A name in Latin, Cyrillic, Greek or Arabic letters as sound classes."""
    from .names import romanise

    low = romanise(name)
    low = re.sub(r"c(?=[eiy])", "s", low).replace("c", "k")
    low = re.sub(r"g(?=[eiy])", "j", low)  # a soft g: "George" 乔治 qiao-zhi
    low = re.sub(r"(?<=[^aeiou])er$", "a", low)  # an English "-er" has no r: "Peter" 彼得
    for a, b in _LATIN_SOUNDS:
        low = low.replace(a, b)
    return _classes(low)


@lru_cache(maxsize=2048)
def _syllable_sounds(reading: str) -> str:
    for a, b in _PINYIN_SOUNDS:
        reading = reading.replace(a, b)
    return reading


# (cost, consonants changed, consonants changed for a near one)
_Cost = tuple[float, int, int]


# Pinyin's j, q and x stand before an i or u for the consonants made near them: the
# English letters each writes as a matter of course, and those it writes at times
# (a near change: "Putin" 普京 pu-jing, "Hillary" 希拉里 xi-la-li)
_PALATALS = {"j": ("gkj", "dts"), "q": ("kgj", "tds"), "x": ("s", "hk")}


def _change(a: str, b: str) -> _Cost:
    """What putting run letter ``b`` for name letter ``a`` costs: a stop for its twin
    and a palatal for a consonant it writes at times are near changes."""
    if a == b:
        return 0.0, 0, 0
    if a in _VOWELS and b in _VOWELS:
        return 0.3, 0, 0
    if b in _PALATALS:
        usual, at_times = _PALATALS[b]
        if a in usual:  # "Kim" 金 jin, "Sisi" 塞西 sai-xi
            return 0.1, 0, 0
        if a in at_times:
            return 0.3, 0, 1
        return 1.0, 1, 0
    if (a, b) in _TWINS:
        return 0.3, 0, 1
    if a == "v":  # f or w: "Lavrov" 拉夫罗夫 la-fu, "Davis" 戴维斯 dai-wei
        return (0.0, 0, 0) if b == "f" else (0.3, 0, 1) if b == "u" else (1.0, 1, 0)
    if a == "j" and b == "s":  # "George" 乔治 qiao-zhi
        return 0.3, 0, 1
    return 1.0, 1, 0


def _plus(x: _Cost, y: _Cost) -> _Cost:
    return x[0] + y[0], x[1] + y[1], x[2] + y[2]


def _cost(name: str, run: str) -> _Cost:
    """Edit cost of the name's sounds against a run's on the cheapest path: a vowel the
    run adds costs 0.2 (Chinese gives each consonant its syllable), one it lacks 0.4,
    as does an "h" ("Mahmoud" 马哈茂德), one vowel for another 0.3, a near consonant
    0.3 (:func:`_change`), any other difference 1."""
    vowel: _Cost = (0.2, 0, 0)
    other: _Cost = (1.0, 1, 0)
    prev: list[_Cost] = [(0.0, 0, 0)]
    for b in run:
        prev.append(_plus(prev[-1], vowel if b in _VOWELS else other))
    # the last consonant of a name of two syllables or more may go unsaid ("Roosevelt"
    # 罗斯福 luo-si-fu, "Isaac" 以撒 yi-sa), a near change; "Trump" keeps its p (特朗普)
    syllables = len(re.findall(r"[aiu]+", name))
    for i, a in enumerate(name):
        lost: _Cost = (0.4, 0, 0) if a in _VOWELS or a == "h" else other
        if i == len(name) - 1 and lost is other and syllables >= 2:
            lost = (0.4, 0, 1)
        cur = [_plus(prev[0], lost)]
        for j, b in enumerate(run, 1):
            extra = vowel if b in _VOWELS else other
            cur.append(
                min(
                    _plus(prev[j - 1], _change(a, b)),
                    _plus(cur[j - 1], extra),
                    _plus(prev[j], lost),
                )
            )
        prev = cur
    return prev[-1]


def _alike(sounds: str, run: str, characters: int) -> bool:
    """Near enough in cost, in as many characters as the name has syllables or more, and
    with few consonants changed: one near change in a name of two or three consonants
    ("Putin" 普京; "Biden" is not: b for p and d for j), half of them in a longer name,
    no more than one plain change in four to six (:func:`_change`)."""
    if characters < len(re.findall(r"[aiu]+", sounds)):
        return False  # "Netanyahu" is not 命 ming
    cost, changed, near = _cost(sounds, run)
    consonants = sum(c not in _VOWELS for c in sounds)
    return (
        cost <= (1.0 - TRANSCRIBED) * len(sounds)
        and changed <= (consonants - 1) // 3
        and changed + near <= max(1, consonants // 2)
    )


_MAX_READINGS = 16  # spellings of one run kept (characters with several readings)
# Time zones of East Asian cities: their Chinese names are Chinese, not written by sound.
_EAST_ASIA = _set("CN TW HK MO JP KR KP")
_EAST_ASIAN_ZONES = _set(
    "Shanghai Urumqi Hong_Kong Macau Taipei Tokyo Seoul Pyongyang Harbin Chongqing "
    "Chungking Kashgar Syowa"
)


@lru_cache(maxsize=1)
def _sound_characters() -> frozenset[str]:
    """The characters Chinese writes foreign names with, as CLDR (babel) writes the
    countries, languages and cities of the world outside East Asia in Chinese: 普, 斯,
    尔, 克, 拉 (about 500). A run of characters is read as a name only where these
    make it, which keeps a name from being "found" across ordinary words."""
    from babel import Locale
    from babel.dates import get_timezone_location

    loc = Locale.parse("zh")
    names = [v for k, v in loc.territories.items() if len(k) == 2 and k not in _EAST_ASIA]
    names += [v.removesuffix("语").removesuffix("文") for v in loc.languages.values()]
    for zone in sorted(zoneinfo.available_timezones()):
        if zone.count("/") and zone.split("/")[-1] not in _EAST_ASIAN_ZONES:
            names.append(get_timezone_location(zone, locale=loc, return_city=True))
    return frozenset(c for n in names for c in n if "\u4e00" <= c <= "\u9fff")


def transcribed_in_hanzi(name: str, text: str) -> bool:
    """Whether consecutive characters of ``text`` sound like the foreign ``name``
    ("Biden": 拜登; "Putin", "Путина": 普京), or read it in pinyin ("Wang": 王)."""
    from .names import _RU_CASE_ENDINGS, _cyrillic

    forms = [re.sub(r"['’]s?$", "", name)]  # "Davis'", "Boyardee's"
    if _cyrillic(name):  # "Эрдоганом" is Erdogan
        low = name.lower()
        forms += [
            low[: -len(e)] for e in _RU_CASE_ENDINGS if low.endswith(e) and len(low) > len(e) + 2
        ]
    return any(_transcribed(form, text) for form in forms)


def _transcribed(name: str, text: str) -> bool:
    sounds = _name_sounds(name)
    if len(sounds) < 2:
        return False
    letters = re.sub(r"[^a-z]", "", name.lower())
    if letters and (letters in text.lower() or spelled_in_hanzi(letters, text)):
        return True  # left in Latin letters, or a Chinese name in pinyin
    readings = _readings(text)
    by_sound = _sound_characters()
    longest = 2 * len(sounds) + 2
    for start, first in enumerate(readings):
        spellings = {_classes(_syllable_sounds(r)) for r in first}
        others = text[start] not in by_sound  # at most one other character: 普京
        at = start
        while spellings:
            if any(_alike(sounds, s, at - start + 1) for s in spellings):
                return True
            at += 1
            if at >= len(readings) or not readings[at]:
                break
            if text[at] not in by_sound:
                if others:
                    break
                others = True
            spellings = {
                _classes(s + _syllable_sounds(r))
                for s in sorted(spellings)[:_MAX_READINGS]
                for r in readings[at]
                if len(s) <= longest
            }
    return False


# Hepburn romaji, to tell a Japanese name: China writes one in its own characters (岸田
# Kishida), which no sound matches.
_ROMAJI = re.compile(
    r"(?:(?:[kgnhmrbp]y|sh|ch|ts|[kgnmrbp])[aiueo]|[sz][aueo]|[td][aeo]|h[aieo]|y[auo]|w[ao]"
    r"|ji?|[aiueo]|fu|n(?![aiueoy])|k(?=k)|s(?=s)|t(?=t|ch)|p(?=p))+"
)
_ROMAJI_MARK = re.compile(r"shi|chi|tsu|fu|ji|[kgnhmrbp]y[aou]|sh[aou]|ch[aou]|j[aou]")


def japanese_name(word: str) -> bool:
    """Whether a word reads as a Japanese name in Hepburn romaji: every letter a kana's
    and either three syllables or more ("Kishida", "Tanaka") or a spelling only romaji
    has ("Fumio", "Abe Shinzo"). "Biden" (bi-de-n) is not; "Obama" is, and goes
    unjudged."""
    low = word.lower()
    if not _ROMAJI.fullmatch(low):
        return False
    return bool(_ROMAJI_MARK.search(low)) or len(re.findall(r"[aiueo]", low)) >= 3
