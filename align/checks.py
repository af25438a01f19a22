"""Names, institutions and polarity compared across a bead's source and translation.

Sentence embeddings barely move when "International Criminal Court" becomes
"International Court of Justice", when "не" is dropped, or when "we demand
that it stop immediately" becomes "we will do our best to stop it", yet each
of these changes what the speaker said.  These checks look for exactly those
edits, and favour precision: a faithful translation must come out with no
reason at all, so every rule below needs positive evidence on both sides.

Layout (as in :mod:`align.numbers`): tables, then tokenising and
transliteration, then extraction, then comparison.  Only the stdlib is used.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["compare_entities", "compare_polarity", "romanise", "same_name"]

# --------------------------------------------------------------------------- tables


def _set(words: str) -> frozenset[str]:
    """A table written as whitespace-separated words."""
    return frozenset(words.split())


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

# Spelling variants that transliteration standards disagree on, folded to one form
# (applied in order, on lower-case Latin): Yury/Yuriy/Iurii, Khaddi/Haddi, ...
_FOLDS = (
    ("shch", "sc"), ("kh", "h"), ("ph", "f"), ("ck", "k"), ("q", "k"), ("w", "v"),
    ("ou", "u"), ("y", "i"), ("j", "i"), ("ie", "e"), ("z", "s"),
)  # fmt: skip

# Institution vocabulary: surface stem -> concept.  Russian and German capitalise
# only the first word of a name ("Международный уголовный суд"), so these words
# also extend a name through lower-case words.  Kept small on purpose.
_INSTITUTION_STEMS: dict[str, dict[str, str]] = {
    "ru": {
        "международн": "international", "уголовн": "criminal", "суд": "court",
        "справедливост": "justice", "правосуди": "justice", "совет": "council",
        "безопасност": "security", "ассамбле": "assembly", "генеральн": "general",
        "организаци": "organization", "объединённ": "united", "объединенн": "united",
        "наци": "nations", "оон": "un", "трибунал": "tribunal", "комитет": "committee",
        "комисси": "commission", "арбитраж": "arbitration", "верховн": "supreme",
        "конституционн": "constitutional", "прав": "rights", "человек": "human",
        "европейск": "european", "экономическ": "economic", "социальн": "social",
        "парламент": "parliament", "министерств": "ministry",
    },
    "en": {
        "international": "international", "criminal": "criminal", "court": "court",
        "justice": "justice", "council": "council", "security": "security",
        "assembly": "assembly", "general": "general", "organization": "organization",
        "organisation": "organization", "united": "united", "nations": "nations",
        "un": "un", "tribunal": "tribunal", "committee": "committee",
        "commission": "commission", "arbitration": "arbitration", "supreme": "supreme",
        "constitutional": "constitutional", "rights": "rights", "human": "human",
        "european": "european", "economic": "economic", "social": "social",
        "parliament": "parliament", "ministry": "ministry",
    },
    "de": {
        "internationale": "international", "strafgerichtshof": "criminal court",
        "gerichtshof": "court",
        "sicherheitsrat": "security council", "generalversammlung": "general assembly",
        "vereinte": "united", "nationen": "nations", "uno": "un",
        "rat": "council", "rates": "council", "rats": "council", "ratspräsident": "council",
        "parlament": "parliament", "parlaments": "parliament",
        "ministerium": "ministry", "ministeriums": "ministry",
    },
    "fr": {
        "international": "international", "pénal": "criminal", "cour": "court",
        "justice": "justice", "conseil": "council", "sécurité": "security",
        "assemblée": "assembly", "générale": "general", "onu": "un",
    },
}  # fmt: skip
# The noun that says what kind of body a name denotes.
_HEADS = _set(
    "court council assembly organization tribunal committee commission parliament ministry"
)
# Qualifiers that tell two bodies of one kind apart (ICC vs ICJ).  "international",
# "UN", "united nations" are shared by most and distinguish nothing.
_DISTINCT = _set(
    "criminal justice security general arbitration supreme constitutional rights human "
    "european economic social"
)

# Person-name cues, used before calling a name missing: given names and honorifics.
# (Surname endings were tried and dropped: "Соединённых Штатов" ends like "Лавров".)
_GIVEN_NAMES = _set("""
    сергей юрий антон игорь гоча владимир дмитрий михаил алексей александр андрей
    николай иван пётр петр анна мария елена ольга наталья татьяна карим махмуд
    sergei sergey yury yuri anton igor vladimir dmitry mikhail alexei alexander andrei
    nikolai ivan anna maria elena olga natalia tatiana karim mahmoud john james david
    michael robert william emmanuel angela olaf joe donald xi
    """)
# Titles: capitalised in running text ("господин Президент") but no names.
_TITLES = _set("""
    президент президента президенту президентом президенте министр министра министру
    министром председатель премьер канцлер посол president minister chancellor premier
    ambassador secretary chairman präsident minister bundeskanzler président ministre
    """)
# Honorifics: a capitalised word next to them is a person.
_HONORIFICS = _set("mr mrs ms dr herr frau господин госпожа господина госпожу господином госпожой")

# Articles capitalised at the start of a sentence, before a name.
_ARTICLES = _set("the a an der die das den dem des ein eine le la les l un une el los las")
# Words joining the capitalised words of one name ("Court of Justice", "von der").
_CONNECTORS = _set("of the for and de du des la le von der den van al el")
# words that join the members of a list of names: "Лавров, Шойгу и Песков"
_LIST_JOINERS = _set("и а and und et e y i oraz ve та")

# ---- polarity

_NEGATIONS: dict[str, frozenset[str]] = {
    "en": _set("not no never none nobody nothing neither nor without cannot unable"),
    "ru": _set("не нет никогда никто ничего без нельзя ни"),
    "de": _set(
        "nicht kein keine keinen keinem keiner keines nie niemals ohne nichts niemand "
        "keineswegs weder nein"
    ),
    # "pas" is also "step": French counts on "ne"; "personne" is also "person"
    "fr": _set("ne n non sans aucun aucune rien jamais ni"),
    # no غير: "غير مقبول" is "unacceptable", negated only by an affix in English
    "ar": _set("لا لم لن ليس ليست بدون ولا ولم ولن وليس فلا فلم فلن"),
}
# Russian negative concord: никто/ничего/никогда/ни reinforce a "не" nearby
# ("никто не пришёл" is one negation), so they only count when alone.
_CONCORD = {
    "ru": _set("никогда никто ничего ни"),
    "en": frozenset(["nor"]),
    "fr": _set("aucun aucune rien jamais ni"),
    "de": _set("weder"),
}
# Fixed phrases whose negative word negates nothing, and phrases that negate
# without a negative word; each is a regex on lower-cased text.
_NEUTRAL = {
    "ru": [
        r"\bтем не менее\b", r"\bне только\b", r"\bне раз\b", r"\bне менее\b",
        r"\bне более\b", r"\bбез вести\b", r"\bне теря\w* надежд\w*", r"\bни разу\b",
        r"\bбез сомнени\w*", r"\bне так ли\b", r"\bчуть не\b", r"\bедва не\b",
        r"\bнельзя не\b",
        # concessive "ни": "что бы ни случилось" is "whatever happens"
        r"\b(?:кто|что|где|куда|когда|как|какой|какая|какие|сколько)\s+(?:бы\s+)?ни\b",
    ],
    "en": [
        r"\bnot only\b", r"\bno doubt\b", r"\bno less than\b", r"\bno more than\b",
        r"\bnone the less\b", r"\bnot least\b",
    ],
    "de": [
        r"\bnicht nur\b", r"\bohne zweifel\b", r"\bnicht (?:weniger|mehr) als\b",
        r"\bnicht zuletzt\b", r"\bnicht anders\b",
    ],
    # "ne ... que" is "only"
    "fr": [
        r"\bnon seulement\b", r"\bsans doute\b",
        r"\bn(?:e\s+|['’]\s*)(?:(?!pas\b|jamais\b|rien\b|plus\b)[\w'’-]+\s*){1,8}?qu(?:e\b|'|’)",
        # expletive "ne": "avant qu'il n'ait disparu" is "before it has gone"
        r"\b(?:avant|moins) qu(?:e\b|['’])\s*(?:(?!pas\b)[\w'’-]+\s*){0,8}?n(?:e\b|['’])",
        r"\bsi ce n(?:'|’|\s)\s*est\b", r"\bn(?:'|’)\s*importe\b",
        # litotes: "does not cease to", "is not slow to"
        r"\bne (?:cesse|cessent|tarde|tardent|manque|manquent)\b", r"\bje ne sais\b",
    ],
    "ar": [r"لا سيما", r"لا بد", r"ولا سيما"],
}  # fmt: skip
_IMPLICIT = {
    "en": [r"\bfail(?:s|ed)? to\b", r"\bsince (?:we|i|they|you|he|she) last\b"],
}
# Negation carried by an affix ("unable", "unacceptable", "hoffnungslos", "inutile"):
# a side with one of these may well render the other side's "не", so a bare
# parity difference is not trusted then.  Stems that only look negative are listed.
_AFFIXAL = {
    "en": re.compile(r"\b(?:un[a-z]{4,}|[a-z]{3,}less|non-[a-z]+|dis(?:agree|like|approve)\w*)\b"),
    "de": re.compile(r"\b(?:un[a-zäöüß]{4,}|[a-zäöüß]{3,}los|miss[a-zäöüß]{4,})\b"),
    "fr": re.compile(
        r"\b(?:in(?:utile|capable|connu|suffisant|acceptable|admissible|consistant|terdi)\w*"
        r"|im(?:possible|puissant|prévu|mobile)\w*|déteste\w*|manque\w*)\b"
    ),
}
_NOT_AFFIXAL = re.compile(
    r"\b(?:under\w*|until|unit\w*|union\w*|universe|universal\w*|university|unique\w*"
    r"|unanimous\w*|unless|unter\w*|unser\w*|ungefähr|unbedingt)\b"
)
_ZH_NEG = re.compile(r"没有|不|没|别|未|无")
# Words holding a negation character without negating: 未来 "future", 不少 "many",
# 特别 "especially", 无人机 "drone", ...
_ZH_NEUTRAL = re.compile(
    r"不仅|不但|不断|无论|不过|毫无疑问|无疑|不管|差不多|不少|无数|不久|未来|无人机|"
    r"特别|区别|分别|个别|级别|告别|别人|别的|类别|识别|差别"
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

_SIMILAR = 0.75  # normalised Levenshtein similarity for two spellings of one name

# --------------------------------------------------------------------------- tokens


@dataclass(frozen=True)
class _Word:
    text: str
    start: int
    end: int
    initial: bool  # first word of a sentence (or after a speaker colon)


_WORD_RE = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_SENTENCE_END = re.compile(r"[.!?…:;«»\"“”(\[—–-]\s*$")


def _base_lang(lang: str) -> str:
    return re.split(r"[-_]", lang.strip().lower())[0]


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
        out.append(_Word(m.group(), m.start(), m.end(), initial))
    return out


def _is_arabic(word: str) -> bool:
    return any("\u0600" <= c <= "\u06ff" for c in word)


def romanise(word: str) -> str:
    """Lower-case Latin spelling of a word in Latin, Cyrillic, Greek or Arabic script."""
    word = unicodedata.normalize("NFC", word.lower()).replace("ου", "ou")
    out = "".join(_TRANSLIT.get(c, c) for c in word)  # й, ё before accents are stripped
    bare = "".join(c for c in unicodedata.normalize("NFKD", out) if not unicodedata.combining(c))
    out = "".join(_TRANSLIT.get(c, c) for c in bare)  # accented Greek: ό -> ο -> o
    return "".join(c for c in out if c.isascii() and c.isalpha())


def _fold(latin: str) -> str:
    """One spelling for the variants transliteration tables disagree on; doubles removed."""
    for a, b in _FOLDS:
        latin = latin.replace(a, b)
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
    if min(len(ra), len(rb)) < 4:
        return False
    cp = _prefix(ra, rb)
    return _ratio(ra, rb) >= _SIMILAR or (cp >= 4 and cp >= 0.7 * min(len(ra), len(rb)))


# --------------------------------------------------------------------------- entities


@dataclass(frozen=True)
class _Entity:
    words: tuple[_Word, ...]
    concepts: frozenset[str]  # institution concepts of its words
    person: bool
    surface: str  # as written: "В.Путин", "Court of Justice"

    @property
    def span(self) -> list[int]:
        return [self.words[0].start, self.words[-1].end]

    @property
    def head(self) -> str | None:
        heads = [c for c in self.concepts if c in _HEADS]
        return heads[0] if len(heads) == 1 else None

    @property
    def distinct(self) -> frozenset[str]:
        return frozenset(c for c in self.concepts if c in _DISTINCT)


def _concepts(word: str, lang: str) -> list[str]:
    """Institution concepts of a word: longest matching stem of the language's table."""
    table = _INSTITUTION_STEMS.get(lang, {})
    low = word.lower()
    if low in table:
        return table[low].split()
    if lang != "ru":
        return []
    stems = [s for s in table if low.startswith(s) and len(low) - len(s) <= 4]
    return table[max(stems, key=len)].split() if stems else []


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _acronym(word: str) -> bool:
    return len(word) >= 2 and word.isupper()


def _extract(text: str, lang: str) -> list[_Entity]:
    """Capitalised sequences, extended through lower-case institution words.

    A sentence-initial word alone is no name ("Мы", "This") unless the text also
    capitalises it mid-sentence; initials ("В.Путин") and honorifics mark persons.
    """
    words = _words(text)
    mid_caps = {w.text for w in words if not w.initial and _capitalised(w.text)}
    out: list[_Entity] = []
    i = 0
    while i < len(words):
        w = words[i]
        if not _capitalised(w.text) or _is_arabic(w.text):
            i += 1
            continue
        j = i + 1
        while j < len(words):
            nxt = words[j]
            gap = text[words[j - 1].end : nxt.start]
            initial_dot = gap.strip(" ") == "." and len(words[j - 1].text) == 1
            if (gap.strip(" ") and not initial_dot) or "\n" in gap:
                break
            if (_capitalised(nxt.text) and not nxt.initial) or (
                lang != "en" and _concepts(nxt.text, lang)
            ):
                j += 1
            elif (
                nxt.text.lower() in _CONNECTORS
                and j + 1 < len(words)
                and _capitalised(words[j + 1].text)
                and text[nxt.end : words[j + 1].start] == " "
            ):
                j += 2
            else:
                break
        group = words[i:j]
        i = j
        # trailing lower-case words that are no institution word are no part of it
        while len(group) > 1 and not (
            _capitalised(group[-1].text) or (lang != "en" and _concepts(group[-1].text, lang))
        ):
            group = group[:-1]
        while len(group) > 1 and group[0].text.lower() in _ARTICLES:
            group = group[1:]  # "The International Court ...": the name starts after it
        caps = [g for g in group if _capitalised(g.text)]
        if all(len(c.text) < 2 for c in caps):
            continue  # initials ("z. B.", "В.") are no name by themselves
        if (
            len(caps) == 1
            and group[0].initial
            and group[0].text not in mid_caps
            and not _acronym(group[0].text)
            and not _concepts(group[0].text, lang)
        ):
            continue
        concepts = frozenset(c for g in group for c in _concepts(g.text, lang))
        before = text[max(0, group[0].start - 5) : group[0].start]
        prev = words[words.index(group[0]) - 1].text.lower() if words.index(group[0]) else ""
        person = (
            not concepts
            and caps[-1].text.lower() not in _TITLES
            and (
                (bool(_INITIAL_BEFORE.search(before)) and not _acronym(caps[-1].text))
                or (len(group[0].text) == 1 and text[group[0].end : group[0].end + 1] == ".")
                or prev in _HONORIFICS
                or (len(caps) >= 2 and any(c.text.lower() in _GIVEN_NAMES for c in caps[:-1]))
            )
        )
        surface = text[group[0].start : group[-1].end]
        out.append(_Entity(tuple(group), concepts, person, surface))
    return out


def _present(entity: _Entity, words: list[_Word], lang: str) -> bool:
    """Whether any name word of the entity (or its institution head) occurs in words."""
    if entity.head and any(entity.head in _concepts(w.text, lang) for w in words):
        return True
    names = [
        w.text
        for w in entity.words
        if len(w.text) >= 3 and w.text.lower() not in _CONNECTORS | _TITLES | _HONORIFICS
    ]
    return any(same_name(n, w.text) for n in names for w in words)


def _mismatches(a: list[_Entity], b: list[_Entity], a_is_src: bool) -> list[dict]:
    """Institutions of one kind on both sides, told apart by different qualifiers."""
    reasons: list[dict] = []
    for ea in a:
        if not ea.head or not ea.distinct:
            continue
        same_kind = [eb for eb in b if eb.head == ea.head]
        if any(
            ea.distinct <= eb.distinct or (eb.distinct and eb.distinct <= ea.distinct)
            for eb in same_kind
        ):
            continue  # the same body, or one named more or less specifically
        rivals = [eb for eb in same_kind if eb.distinct and not (eb.distinct & ea.distinct)]
        if not rivals:
            continue
        eb = rivals[0]
        s, t = (ea, eb) if a_is_src else (eb, ea)
        lost, added = sorted(s.distinct - t.distinct), sorted(t.distinct - s.distinct)
        reasons.append(
            {
                "type": "entity_mismatch",
                "src": s.span,
                "tgt": t.span,
                "detail": f"'{s.surface}' vs '{t.surface}': "
                + ", ".join([f"'{w}' missing" for w in lost] + [f"'{w}' added" for w in added]),
            }
        )
    return reasons


def compare_entities(src_text: str, src_lang: str, tgt_text: str, tgt_lang: str) -> list[dict]:
    """Near-miss institutions (``entity_mismatch``) and dropped names (``entity_missing``).

    A mismatch needs a body of the same kind (court, council, ...) on both
    sides whose distinguishing qualifiers are disjoint: "уголовный суд" vs
    "Court of Justice".  "Суд ООН" vs "Court of Justice" is only less specific,
    so it passes.  A name is missing only when it is clearly a person (initials,
    honorific, given name, surname ending) or an institution, none of its words
    has a spelling match anywhere on the other side, and that side is at least
    half as long.  Text in Arabic or Chinese has no case: names there are never
    extracted, only matched, so nothing is reported for them.
    """
    sl, tl = _base_lang(src_lang), _base_lang(tgt_lang)
    src_ents = _extract(src_text, sl) if sl not in ("ar", "zh", "ja", "ko") else []
    tgt_ents = _extract(tgt_text, tl) if tl not in ("ar", "zh", "ja", "ko") else []
    reasons = _mismatches(src_ents, tgt_ents, True)
    seen = {tuple(r["src"]) for r in reasons}
    reasons += [r for r in _mismatches(tgt_ents, src_ents, False) if tuple(r["src"]) not in seen]
    if reasons:
        return reasons
    uncased = {"ar", "zh", "ja", "ko"}
    if sl in uncased or tl in uncased:
        return reasons
    sides = ((src_ents, tgt_text, tl, True), (tgt_ents, src_text, sl, False))
    for ents, other, other_lang, is_src in sides:
        own = src_text if is_src else tgt_text
        if len(other) < 0.5 * len(own):
            continue
        other_words = _words(other)
        for e in ents:
            if not (e.person or e.head) or _present(e, other_words, other_lang):
                continue
            reasons.append(_missing(e, is_src, f"'{e.surface}'"))
        own_text = src_text if is_src else tgt_text
        side = "src" if is_src else "tgt"
        done = {tuple(r[side]) for r in reasons if r[side] is not None}
        reasons += [
            r
            for r in _missing_from_lists(own_text, ents, other_words, other_lang, is_src)
            if tuple(r[side]) not in done
        ]
    return reasons


def _missing(e: _Entity, is_src: bool, what: str) -> dict:
    """An ``entity_missing`` reason for an entity of the source (``is_src``) or target."""
    return {
        "type": "entity_missing",
        "src": e.span if is_src else None,
        "tgt": None if is_src else e.span,
        "detail": f"{what} has no counterpart in the " + ("translation" if is_src else "source"),
    }


def _name_like(e: _Entity) -> bool:
    """A single capitalised word or a person's name; no institution word, title or honorific.

    Several words that are not a person ("Северной Республики") are usually a
    description, translated word by word rather than transliterated.
    """
    return (
        not e.concepts
        and (len(e.words) == 1 or (e.person and len(e.words) <= 3))
        and all(
            _capitalised(w.text) and w.text.lower() not in _TITLES | _HONORIFICS for w in e.words
        )
    )


def _name_lists(text: str, ents: list[_Entity]) -> list[list[_Entity]]:
    """Runs of two or more names joined only by commas and "and": "A, B and C"."""
    runs: list[list[_Entity]] = []
    for prev, nxt in zip(ents, ents[1:], strict=False):
        if not (_name_like(prev) and _name_like(nxt)):
            continue
        gap = text[prev.words[-1].end : nxt.words[0].start].strip().lower().strip(",").strip()
        if gap in _LIST_JOINERS or gap == "":
            if runs and runs[-1][-1] is prev:
                runs[-1].append(nxt)
            else:
                runs.append([prev, nxt])
    return runs


def _missing_from_lists(
    text: str, ents: list[_Entity], other_words: list[_Word], other_lang: str, is_src: bool
) -> list[dict]:
    """Names dropped from a list whose other members the other side does have.

    A bare surname is not clearly a name on its own ("Шойгу" could be anything
    capitalised), but in a list next to names that *are* found on the other
    side, the one that is not found was dropped.
    """
    reasons = []
    for run in _name_lists(text, ents):
        found = [_present(e, other_words, other_lang) for e in run]
        if not any(found):
            continue  # the list was translated, not transliterated: nothing to compare
        for e, ok in zip(run, found, strict=True):
            if ok:
                continue
            names = ", ".join(o.surface for o in run if o is not e)
            reasons.append(_missing(e, is_src, f"'{e.surface}' (listed with {names})"))
    return reasons


# --------------------------------------------------------------------------- polarity


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
        spans += [(m.start(), m.end()) for m in re.finditer(r"n['’]t\b", low)]
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


def compare_polarity(src_text: str, src_lang: str, tgt_text: str, tgt_lang: str) -> list[dict]:
    """``negation_mismatch`` when one side is negated and the other is not, and
    ``softened`` / ``hardened`` when a demand became a hedge or the reverse.

    Negations are counted per side (negative concord and idioms such as "тем не
    менее" folded away) and compared by parity.  Softening needs a strong marker
    in the source, a hedge in the translation and no strong marker there.
    """
    sl, tl = _base_lang(src_lang), _base_lang(tgt_lang)
    reasons: list[dict] = []
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


def _became(
    kind: str, src_text: str, src: tuple[int, int], tgt_text: str, tgt: tuple[int, int]
) -> dict:
    """A reason whose source words turned into these target words."""
    return {
        "type": kind,
        "src": list(src),
        "tgt": list(tgt),
        "detail": f"'{src_text[slice(*src)]}' became '{tgt_text[slice(*tgt)]}'",
    }


# --------------------------------------------------------------------------- attribution

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


def compare_attribution(src_text: str, src_lang: str, tgt_text: str, tgt_lang: str) -> list[dict]:
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
    reason = _became("attribution_changed", src_text, src, tgt_text, tgt)
    reason["detail"] += f": {became}"
    return [reason]
