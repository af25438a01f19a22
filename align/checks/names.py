"""Words and names across scripts: tokens, transliteration, spelling-variant matching.

Every check that compares names (persons, institutions, places) needs to know
that "Лавров", "Lavrov" and "لافروف" are one name; this module is that one
place.  Only the stdlib is used.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

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


def romanise(word: str) -> str:
    """Lower-case Latin spelling of a word in Latin, Cyrillic, Greek, Arabic or
    Devanagari script."""
    if any("\u0900" <= c <= "\u097f" for c in word):
        word = _devanagari(unicodedata.normalize("NFC", word))
    word = unicodedata.normalize("NFC", word.lower()).replace("ου", "ou")
    out = "".join(_TRANSLIT.get(c, c) for c in word)  # й, ё before accents are stripped
    bare = "".join(c for c in unicodedata.normalize("NFKD", out) if not unicodedata.combining(c))
    out = "".join(_TRANSLIT.get(c, c) for c in bare)  # accented Greek: ό -> ο -> o
    return "".join(c for c in out if c.isascii() and c.isalpha())


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


def same_name(a: str, b: str) -> bool:
    """Whether two words in any supported scripts spell the same name.

    Case endings are absorbed by a shared-prefix rule ("Каримом" = "Karim"),
    spelling variants by _fold and a Levenshtein threshold; a word in Arabic is
    compared on its consonant skeleton (عباس = Abbas).
    """
    ra, rb = _fold(romanise(a)), _fold(romanise(b))
    if not ra or not rb:
        return False
    if _is_arabic(a) or _is_arabic(b):
        sa, sb = _skeleton(romanise(a)), _skeleton(romanise(b))
        return len(sa) >= 2 and (
            sa == sb or (min(len(sa), len(sb)) >= 4 and _ratio(sa, sb) >= _SIMILAR)
        )
    if ra == rb:
        return True
    # the folds may change the letters where a case ending starts: "Persiei" folds to
    # "persei", away from "persia", "Dietă" to "deta"; endings are absorbed on the
    # plain spelling too
    pa, pb = romanise(a), romanise(b)
    cp = _prefix(pa, pb)
    if cp >= 4 and cp >= 0.7 * min(len(pa), len(pb)):
        return True
    if min(len(ra), len(rb)) < 4:
        return False
    cp = _prefix(ra, rb)
    return _ratio(ra, rb) >= _SIMILAR or (cp >= 4 and cp >= 0.7 * min(len(ra), len(rb)))
