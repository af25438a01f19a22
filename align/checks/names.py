"""Words and names across scripts: tokens, transliteration, spelling-variant matching.

Every check that compares names (persons, institutions, places) needs to know
that "Лавров", "Lavrov" and "لافروف" are one name; this module is that one
place.  Only the stdlib is used.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["romanise", "same_name"]

# --------------------------------------------------------------------------- transliteration

# Cyrillic -> Latin, BGN/GOST-like; variants (й = y/i, х = kh/h, ё = yo/e) are
# absorbed later by _fold, which maps both spellings of a variant to one form.
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "u", "ј": "j", "љ": "lj",
    "њ": "nj", "ћ": "c", "ђ": "dj", "џ": "dz",
}  # fmt: skip
_GREEK = {
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th",
    "ι": "i", "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p",
    "ρ": "r", "σ": "s", "ς": "s", "τ": "t", "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps",
    "ω": "o",
}  # fmt: skip
# Arabic consonants; short vowels are unwritten, so Arabic is compared on consonant
# skeletons only (see _skeleton).
_ARABIC = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ٱ": "a", "ء": "", "ؤ": "", "ئ": "",
    "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh",
    "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z",
    "ع": "", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n",
    "ه": "h", "ة": "a", "و": "w", "ي": "y", "ى": "a", "پ": "p", "چ": "ch", "گ": "g",
}  # fmt: skip
_TRANSLIT = {**_CYRILLIC, **_GREEK, **_ARABIC}
# Devanagari: consonants carry an inherent "a" unless a vowel sign or virama follows,
# or the word ends there (Hindi drops it: "मोल" is "Mol").  ै, ॅ are "e" in English
# names ("कैनेडी" Kennedy).
_DEVA_CONSONANTS = dict(
    zip(
        "कखगघङचछजझञटठडढणतथदधनपफबभमयरलवशषसह",  # nukta (ज़, फ़) is dropped
        ["k", "kh", "g", "gh", "n", "ch", "chh", "j", "jh", "n", "t", "th", "d", "dh", "n",
         "t", "th", "d", "dh", "n", "p", "f", "b", "bh", "m", "y", "r", "l", "v", "sh", "sh",
         "s", "h"],
        strict=True,
    )
)  # fmt: skip
_DEVA_VOWELS = dict(
    zip(
        "अआइईउऊऋएऐओऔऑािीुूृेैोौॉॅंँः",
        ["a", "a", "i", "i", "u", "u", "ri", "e", "e", "o", "au", "o", "a", "i", "i", "u",
         "u", "ri", "e", "e", "o", "au", "o", "e", "n", "n", "h"],
        strict=True,
    )
)  # fmt: skip
_DEVA_SIGNS = frozenset("ािीुूृेैोौॉॅ")  # vowel signs: they replace the inherent "a"
_DEVA_VIRAMA, _DEVA_NUKTA = "\u094d", "\u093c"

# Spelling variants that transliteration standards disagree on, folded to one form
# (applied in order, on lower-case Latin): Yury/Yuriy/Iurii, Khaddi/Haddi, ...
_FOLDS = (
    # "Дж" and Italian "gi" before a vowel are English "j": Джулиани = Giuliani, Джокер = Joker
    ("dzh", "j"), ("gia", "ja"), ("gio", "jo"), ("giu", "ju"),
    # German "sch", "z" and Russian "ш", "ц": Шольц = Scholz, Шмидт = Schmidt
    ("sch", "sh"), ("ts", "s"),
    ("shch", "sc"), ("kh", "h"), ("ph", "f"), ("ck", "k"), ("q", "k"), ("w", "v"),
    ("ou", "u"), ("y", "i"), ("j", "i"), ("ie", "e"), ("z", "s"),
)  # fmt: skip

# Institution vocabulary: surface stem -> concept.  Russian and German capitalise
# only the first word of a name ("Международный уголовный суд"), so these words
_SIMILAR = 0.75  # normalised Levenshtein similarity for two spellings of one name

# --------------------------------------------------------------------------- tokens


@dataclass(frozen=True)
class _Word:
    text: str
    start: int
    end: int
    initial: bool  # first word of a sentence (or after a speaker colon)


# Devanagari vowel signs and virama are marks, not letters: they belong to the word.
_WORD_RE = re.compile(r"[^\W\d_](?:[^\W\d_]|[\u0900-\u0963])*(?:['’ʼ\-][^\W\d_]+)*")
# French and Italian elided articles and prepositions ("l’Autriche", "d'Allemagne",
# "dell'Italia"): the name starts after the apostrophe, typographic or not.  Only
# lower-case clitics and "L'" so that "D'Angelo", "O'Brien" stay whole.
_ELIDED = re.compile(
    r"^(?:[ldjmnstc]|qu|jusqu|lorsqu|puisqu|dell|all|nell|dall|sull|coll|quell|un|L)['’ʼ]"
    r"(?=[^\W\d_])"
)
_SENTENCE_END = re.compile(r"[.!?…:;«»\"“”(\[—–-]\s*$")


# A single-letter initial just before a word ("В.Путин", "J. Smith"), not "народ."
_INITIAL_BEFORE = re.compile(r"(?<![^\W\d_])[^\W\d_]\.\s?$")


def _words(text: str) -> list[_Word]:
    out: list[_Word] = []
    for m in _WORD_RE.finditer(text):
        before = text[max(0, m.start() - 24) : m.start()]  # a window: beads can be long
        initial = not out or not before.strip() or "\n" in before[-2:]
        before = before.rstrip()
        initial = initial or bool(_SENTENCE_END.search(before))
        if re.search(r"(?:^|\W)[^\W\d_]\.$", before):
            initial = False  # "В.Путин": a name after its initial
        word = m.group()
        elided = _ELIDED.match(word) if "'" in word or "’" in word or "ʼ" in word else None
        skip = elided.end() if elided else 0
        out.append(_Word(word[skip:], m.start() + skip, m.end(), initial))
    return out


def _is_arabic(word: str) -> bool:
    return any("\u0600" <= c <= "\u06ff" for c in word)


def _devanagari(word: str) -> str:
    out = []
    for i, c in enumerate(word):
        if c in _DEVA_CONSONANTS:
            out.append(_DEVA_CONSONANTS[c])
            nxt = word[i + 1 : i + 2]
            if nxt and nxt not in _DEVA_SIGNS and nxt not in (_DEVA_VIRAMA, _DEVA_NUKTA):
                out.append("a")  # the inherent vowel, but not at the end of the word
        elif c in _DEVA_VOWELS:
            out.append(_DEVA_VOWELS[c])
    return "".join(out)


# Arabic proclitics before a name: "و" and, "ف" so, "ب" in, "ل" to, "ك" as, "ال" the;
# "لل" is "ل" + "ال" ("للقاهرة" to Cairo).  Names may start with the same letters
# ("باريس", "فلسطين", "لبنان"), so each shorter form is tried, longest first.
_AR_CLITICS = (
    re.compile(r"^[وف]"), re.compile(r"^[وف]?[بلك]"), re.compile(r"^[وف]?[بلك]?ال"),
)  # fmt: skip
_AR_LIL = re.compile(r"^[وف]?لل")


def _ar_forms(word: str) -> list[str]:
    """An Arabic word (normalised) and what it leaves without its proclitics, longest first."""
    forms = [word]
    for clitic in _AR_CLITICS:
        m = clitic.match(word)
        if m and len(word) - m.end() >= 2 and word[m.end() :] not in forms:
            forms.append(word[m.end() :])
    m = _AR_LIL.match(word)
    if m and len(word) - m.end() >= 2:
        forms.append("ال" + word[m.end() :])
    return forms


def _bare(text: str) -> str:
    """Text without its accents and other combining marks: "Guaycurú" -> "Guaycuru"."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def romanise(word: str) -> str:
    """Lower-case Latin spelling of a word in Latin, Cyrillic, Greek, Arabic or
    Devanagari script."""
    if any("\u0900" <= c <= "\u097f" for c in word):
        word = _devanagari(unicodedata.normalize("NFC", word))
    word = unicodedata.normalize("NFC", word.lower()).replace("ου", "ou")
    out = "".join(_TRANSLIT.get(c, c) for c in word)  # й, ё before accents are stripped
    bare = _bare(out)
    out = "".join(_TRANSLIT.get(c, c) for c in bare)  # accented Greek: ό -> ο -> o
    return "".join(c for c in out if c.isascii() and c.isalpha())


@lru_cache(maxsize=65536)
def _fold(latin: str) -> str:
    """One spelling for the variants transliteration tables disagree on; doubles removed."""
    for a, b in _FOLDS:
        latin = latin.replace(a, b)
    latin = re.sub(r"c(?=[aou])", "k", latin)  # a hard "c": "Balcani" is "Balkan"
    return re.sub(r"(.)\1+", r"\1", latin)


def _skeleton(latin: str) -> str:
    """Consonants only: Arabic writes no short vowels, so names compare on these."""
    return re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiouyw']", "", _fold(latin)))


def _ratio(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return 1.0 - prev[-1] / max(len(a), len(b))


def _prefix(a: str, b: str) -> int:
    n = 0
    for ca, cb in zip(a, b, strict=False):
        if ca != cb:
            break
        n += 1
    return n


# Arabic letters by sound class, for names written in Arabic and in another script.
# Arabic has no p, v, g or ch and writes no short vowels: a foreign name is spelled with
# the nearest letters (Putin بوتين, Lavrov لافروف, Guterres غوتيريش, Chita تشيتا), and
# alif, waw and ya stand for its long vowels, so they are left out on both sides.
_AR_CLASS = {
    "ب": "b", "پ": "b", "ت": "t", "ط": "t", "ث": "t", "ج": "g", "غ": "g", "گ": "g",
    "ح": "h", "خ": "h", "ه": "h", "د": "d", "ض": "d", "ذ": "z", "ز": "z", "ظ": "z",
    "ر": "r", "س": "s", "ص": "s", "ش": "s", "ف": "f", "ق": "k", "ك": "k", "ل": "l",
    "م": "m", "ن": "n", "چ": "ts",
}  # fmt: skip
# Latin spellings to the same classes, longest first: "sch"/"sh" are ش, "kh" خ.  A
# "ch", "j" or "z" is read each way the languages read it: ch as تش (Chita), ش (Chicago)
# or ك (Chios); j as ج (George), خ (Tijuana) or a vowel (Sarajevo); z as ز or, German,
# تس (Scholz شولتس).
_LATIN_CLASS = (
    ("sch", "s"), ("sh", "s"), ("zh", "g"), ("kh", "h"), ("gh", "g"), ("ph", "f"),
    ("th", "t"), ("dzh", "g"), ("dj", "g"), ("ck", "k"), ("x", "ks"), ("q", "k"),
    ("v", "f"), ("p", "b"), ("w", ""), ("y", ""),
)  # fmt: skip
_LATIN_EITHER = (
    ("tch", ("ts", "s")), ("ch", ("ts", "s", "k")), ("j", ("g", "h", "")), ("z", ("z", "s")),
)  # fmt: skip


def _latin_classes(latin: str) -> set[str]:
    """A Latin spelling's consonants by the sound classes of :data:`_AR_CLASS`, each way
    its ambiguous letters may be read."""
    for a, b in _LATIN_CLASS:
        latin = latin.replace(a, b)
    forms = {latin}
    for a, readings in _LATIN_EITHER:
        forms = {f.replace(a, r) for f in forms for r in readings} if a in latin else forms
    out = set()
    for f in forms:
        f = re.sub(r"c(?=[eiy])", "s", f).replace("c", "k")
        # a doubled letter is one ("Abbas"), a consonant repeated across a vowel two ("Sisi")
        out.add(re.sub(r"[aeiou']", "", re.sub(r"(.)\1+", r"\1", f)).replace("ts", "s"))
    return out


def _arabic_classes(word: str) -> str:
    """An Arabic word's consonants by sound class, its article left out ("الجزائر")."""
    word = re.sub(r"[\u064b-\u0652]", "", word)
    if word.startswith("ال") and len(word) > 4:
        word = word[2:]
    classes = "".join(_AR_CLASS.get(c, "_") for c in word)  # "_": a vowel letter or ع
    return re.sub(r"(.)\1+", r"\1", classes).replace("_", "").replace("ts", "s")


def _same_in_arabic(arabic: str, other: str) -> bool:
    """Whether an Arabic word spells the name ``other`` (any other script) is spelled:
    their consonants by sound class agree, exactly for short names, nearly for long
    ones, or up to a case ending ("Путина")."""
    sa = _arabic_classes(arabic)
    others = {_arabic_classes(other)} if _is_arabic(other) else _latin_classes(romanise(other))
    return len(sa) >= 2 and any(_same_classes(sa, sb) for sb in others)


def _same_classes(sa: str, sb: str) -> bool:
    if len(sb) < 2:
        return False
    if sa == sb:
        return True
    n = min(len(sa), len(sb))
    return n >= 3 and (
        (n >= 4 and _ratio(sa, sb) >= _SIMILAR) or (len(sb) - len(sa) == 1 and sb.startswith(sa))
    )


# Chinese names in Russian are spelled by Palladius's system, English uses pinyin:
# "Си Цзиньпин" is "Xi Jinping", "Дэн Сяопин" "Deng Xiaoping", "Ли Цян" "Li Qiang". Read
# as Palladius, a Cyrillic word is rewritten in pinyin's letters; a syllable-final "н"
# is pinyin's "ng" ("пин" ping, "дун" dong), "нь" its "n" ("цзинь" jin).
_PALLADIUS = (
    ("цз", "j"), ("чж", "zh"), ("ун", "ong"), ("юн", "iong"), ("нь", "n"), ("н", "ng"),
    ("ш", "sh"), ("ч", "ch"), ("ж", "r"), ("х", "h"), ("в", "w"), ("ц", "c"), ("с", "s"),
    ("ы", "i"), ("ю", "iu"), ("я", "ia"), ("е", "ie"), ("э", "e"), ("й", "i"), ("ь", ""),
)  # fmt: skip
_PALLADIUS_RE = re.compile("|".join(re.escape(c) for c, _ in _PALLADIUS))
_PALLADIUS_MAP = dict(_PALLADIUS)
_CYR_VOWELS = "аеиоуыэюя"


def palladius(word: str) -> str:
    """A Cyrillic word read as a Palladius spelling of Chinese, in pinyin's letters."""
    low = word.lower()
    out = []
    at = 0
    while at < len(low):
        m = _PALLADIUS_RE.match(low, at)
        if not m:
            out.append(_CYRILLIC.get(low[at], low[at]))
            at += 1
            continue
        seq, nxt = m.group(), low[m.end() : m.end() + 1]
        latin = _PALLADIUS_MAP[seq]
        if seq in ("ун", "юн", "н") and nxt and (nxt in _CYR_VOWELS or nxt == "ь"):
            # not syllable-final: "н" starts the next syllable ("Аньнин"), "унь" is "un"
            latin = {"ун": "un", "юн": "iun", "н": "n"}[seq]
        elif seq == "цз" and nxt not in ("и", "я", "ю", "е"):
            latin = "z"  # "Цзэдун" Zedong, "Цзинь" Jin
        elif seq == "ц" and nxt in ("и", "я", "ю", "е"):
            latin = "q"  # "Цин" Qing, "Цян" Qiang
        elif seq == "с" and nxt in ("и", "я", "ю", "е"):
            latin = "x"  # "Си" Xi, "Сяо" Xiao
        out.append(latin)
        at = m.end()
    return "".join(out)


@lru_cache(maxsize=65536)
def _cyrillic(word: str) -> bool:
    return any("\u0400" <= c <= "\u04ff" for c in word)


@lru_cache(maxsize=16384)
def _folded_pinyin(cyrillic: str) -> str:
    return _fold(palladius(cyrillic))


@lru_cache(maxsize=16384)
def _folded_latin(latin: str) -> str:
    return _fold(latin.lower())


def _pinyin_of(a: str, b: str) -> bool:
    """Whether a Cyrillic word spells a Latin one as Palladius spells its pinyin."""
    cyr, lat = (a, b) if _cyrillic(a) else (b, a)
    if not _cyrillic(cyr) or not lat.isascii():
        return False
    pa, pl = _folded_pinyin(cyr), _folded_latin(lat)
    if pa[:1] != pl[:1]:  # Palladius spells a pinyin initial one way: "Си" is "Xi"
        return False
    return pa == pl or (min(len(pa), len(pl)) >= 4 and _ratio(pa, pl) >= _SIMILAR)


def same_name(a: str, b: str) -> bool:
    """Whether two words in any supported scripts spell the same name.

    Case endings are absorbed by a shared-prefix rule ("Каримом" = "Karim"),
    spelling variants by _fold and a Levenshtein threshold; a word in Arabic is
    compared on its consonant skeleton (عباس = Abbas).
    """
    if "ё" in a.lower() or "ё" in b.lower():
        # ё is "yo" ("Фёдор", Fyodor) or, as Russian print mostly writes it, е ("Пётр"
        # is "Петр", Peter)
        plain = str.maketrans("ёЁ", "еЕ")
        if same_name(a.translate(plain), b.translate(plain)):
            return True
    ra, rb = _fold(romanise(a)), _fold(romanise(b))
    if not ra or not rb:
        return False
    if _is_arabic(a) or _is_arabic(b):
        return _same_in_arabic(a, b) if _is_arabic(a) else _same_in_arabic(b, a)
    if ra == rb:
        return True
    # the folds may change the letters where a case ending starts: "Persiei" folds to
    # "persei", away from "persia", "Dietă" to "deta"; endings are absorbed on the
    # plain spelling too
    pa, pb = romanise(a), romanise(b)
    cp = _prefix(pa, pb)
    if cp >= 4 and cp >= 0.7 * min(len(pa), len(pb)):
        return True
    # a Cyrillic word against a Latin one: a Chinese name by Palladius, a declined name
    if (
        (_cyrillic(a) or _cyrillic(b))
        and (a.isascii() or b.isascii())
        and (_pinyin_of(a, b) or _declined_of(a, b))
    ):
        return True
    if min(len(ra), len(rb)) < 4:
        return False
    cp = _prefix(ra, rb)
    return _ratio(ra, rb) >= _SIMILAR or (cp >= 4 and cp >= 0.7 * min(len(ra), len(rb)))


# Russian case endings: "Кима" is Kim, "Фурмана" Fuhrman (a short name or one spelled
# a letter apart is no longer found by a shared prefix once the ending is on)
_RU_CASE_ENDINGS = ("ами", "ями", "ого", "его", "ому", "ему", "ой", "ей", "ом", "ем",
                    "ым", "им", "ую", "ах", "ях", "а", "я", "у", "ю", "е", "ы")  # fmt: skip


def _declined_of(a: str, b: str) -> bool:
    """Whether a Cyrillic word without its case ending spells a Latin one."""
    cyr, lat = (a, b) if _cyrillic(a) else (b, a)
    if not _cyrillic(cyr) or not lat.isascii():
        return False
    pl = _folded_latin(lat)
    for stem in _declined_stems(cyr.lower()):
        if abs(len(stem) - len(pl)) > 0.25 * max(len(stem), len(pl)):
            continue  # no Levenshtein ratio of 0.75 spans a longer gap
        # a short stem must be the name: "Ирак(е)" is no "Iran"
        if stem == pl or (min(len(stem), len(pl)) >= 5 and _ratio(stem, pl) >= _SIMILAR):
            return True
    return False


@lru_cache(maxsize=16384)
def _declined_stems(low: str) -> tuple[str, ...]:
    """A lower-case Cyrillic word's romanised, folded stems without each case ending."""
    return tuple(
        _fold(romanise(low[: -len(e)]))
        for e in _RU_CASE_ENDINGS
        if low.endswith(e) and len(low) - len(e) >= 3
    )
