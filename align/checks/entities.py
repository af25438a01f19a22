"""Persons and institutions: near-miss bodies (``entity_mismatch``) and dropped names
(``entity_missing``).

Sentence embeddings barely move when "International Criminal Court" becomes
"International Court of Justice"; this check looks for exactly that edit, and
needs positive evidence on both sides before it says anything.  A name replaced
by another ("Gladbach" -> "Kovac") is a mismatch when the source's name is no
longer spelled in the translation, the translation has one unexplained name in
its place, the two are not one name in two spellings, and the source's is a
name rather than words capitalised as one: a country or city of the tables, or
words rare in their language (wordfreq), not "Guerra Fría" for "Cold War".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal, cast

from ..types import Reason
from .common import _UNCASED, _base_lang, _set
from .names import (
    _INITIAL_BEFORE,
    _ar_forms,
    _bare,
    _fold,
    _is_arabic,
    _prefix,
    _ratio,
    _skeleton,
    _Word,
    _words,
    romanise,
    same_name,
)
from .numbers import _norm_word
from .places import (
    _adjective_places,
    _exonym,
    calendar_spans,
    compare_places,
    country_of,
    is_demonym,
    is_place,
    place_named,
)

__all__ = ["compare_entities"]

# --------------------------------------------------------------------------- tables
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
        "gerichtshof": "court", "gericht": "court", "gerichts": "court",
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
# Arabic has no capitals to find a name by: a body is a run of these words (the key
# without its clitics, article and short vowels, alef and ta marbuta folded, see _ar_key;
# adjectives in either gender)
_AR_INSTITUTION = {
    "محكمه": "court", "جنائيه": "criminal", "جنائي": "criminal", "دوليه": "international",
    "دولي": "international", "عدل": "justice", "مجلس": "council", "امن": "security",
    "جمعيه": "assembly", "عامه": "general", "امم": "nations", "متحده": "united",
    "منظمه": "organization", "لجنه": "committee", "برلمان": "parliament", "وزاره": "ministry",
    "حقوق": "rights", "انسان": "human", "اوروبي": "european", "اوروبيه": "european",
    "اقتصادي": "economic", "اقتصاديه": "economic", "اجتماعي": "social",
    "اجتماعيه": "social", "عليا": "supreme", "دستوريه": "constitutional",
    "تحكيم": "arbitration",
}  # fmt: skip
_AR_PREFIX = re.compile(r"^(?:[وف])?(?:[بلك])?(?:ال|ل(?=ل))?")


def _ar_key(word: str) -> str | None:
    """An Arabic word's institution concept, if any: "للأمم" is "nations"."""
    w = _norm_word(word).replace("ة", "ه")  # the numbers' folding, and ta marbuta
    if w in _AR_INSTITUTION:
        return _AR_INSTITUTION[w]
    bare = _AR_PREFIX.sub("", w)
    return _AR_INSTITUTION.get(bare) if len(bare) >= 3 else None


# Chinese and Japanese bodies by their parts, longest first where one holds another:
# the ICJ is "国际法院" / "国際司法裁判所", the ICC "国际刑事法院" / "国際刑事裁判所"
_CJK_INSTITUTION = {
    "zh": {
        "国际法院": "international court justice", "法院": "court", "刑事": "criminal",
        "国际": "international", "安全理事会": "security council", "安理会": "security council",
        "联合国大会": "united nations general assembly", "联合国": "united nations",
        "人权理事会": "human rights council", "委员会": "committee", "议会": "parliament",
        "最高": "supreme", "宪法": "constitutional", "仲裁": "arbitration", "欧洲": "european",
    },
    "ja": {
        "裁判所": "court", "刑事": "criminal", "司法": "justice", "国際": "international",
        "安全保障理事会": "security council", "安保理": "security council",
        "国連総会": "united nations general assembly", "国連": "united nations",
        "国際連合": "united nations", "人権理事会": "human rights council",
        "委員会": "committee", "議会": "parliament", "最高": "supreme", "憲法": "constitutional",
        "仲裁": "arbitration", "欧州": "european",
    },
}  # fmt: skip


# one alternation per language, longest part first: "国际法院" before "国际"
_CJK_PARTS = {
    lang: re.compile("|".join(map(re.escape, sorted(table, key=len, reverse=True))))
    for lang, table in _CJK_INSTITUTION.items()
}


def _uncased_bodies(text: str, lang: str) -> list[_Entity]:
    """Institutions in a script without capitals, the only entities read there: runs of
    adjacent institution words in Arabic ("المحكمة الجنائية الدولية"), of adjacent
    institution parts in Chinese and Japanese ("国际刑事法院")."""
    runs: list[list[tuple[_Word, str]]] = []
    for w, concepts in _body_parts(text, lang):
        last = runs[-1][-1][0] if runs else None
        if last is not None and not text[last.end : w.start].strip():
            runs[-1].append((w, concepts))
        else:
            runs.append([(w, concepts)])
    return [
        _Entity(
            tuple(w for w, _ in run),
            frozenset(c for _, cs in run for c in cs.split()),
            False,
            text[run[0][0].start : run[-1][0].end],
        )
        for run in runs
    ]


def _body_parts(text: str, lang: str) -> list[tuple[_Word, str]]:
    """Words (Arabic) or substrings (Chinese, Japanese) naming a body's part, in order."""
    if lang == "ar":
        return [(w, c) for w in _words(text) if (c := _ar_key(w.text)) is not None]
    pattern = _CJK_PARTS.get(lang)
    if pattern is None:
        return []
    table = _CJK_INSTITUTION[lang]
    return [
        (_Word(m.group(), m.start(), m.end(), False), table[m.group()])
        for m in pattern.finditer(text)
    ]


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
    ambassador secretary chairman präsident minister bundeskanzler président ministre chef
    mayor governor sekretär generalsekretär bürgermeister gouverneur
    """)
# Honorifics: a capitalised word next to them is a person.
_HONORIFICS = _set("mr mrs ms dr herr frau господин госпожа господина госпожу господином госпожой")
_LATIN_OR_CYRILLIC = re.compile(r"[A-Za-zÀ-ɏЀ-ӿ]")


def _cased_script(text: str) -> bool:
    """Whether most letters of text are Latin or Cyrillic."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and 2 * len(_LATIN_OR_CYRILLIC.findall(text)) >= len(letters)


# Capitalised after a title without being a name: "Secretary General", "Ambassador
# Extraordinary and Plenipotentiary", "President Elect"
_AFTER_TITLES = _set("general generals elect designate emeritus extraordinary plenipotentiary")

# Words an initial-like "m." or "1." may precede that are no names.
_NOT_NAMES = _set("""
    the a an der die das den dem des ein eine le la les l un une el los las
    il ils elle elles je tu nous vous on ce ces cet cette cela es er sie wir ich ihr auch
    it he she we they this that these those there dies diese dieser
    """)
# Articles capitalised at the start of a sentence, before a name.
_ARTICLES = _set("the a an der die das den dem des ein eine le la les l un une el los las")
# Words joining the capitalised words of one name ("Court of Justice", "von der").
_CONNECTORS = _set("of the for and de du des la le von der den van al el")
# words that join the members of a list of names: "Лавров, Шойгу и Песков"
_LIST_JOINERS = _set("и а and und et e y i oraz ve та")


# --------------------------------------------------------------------------- extraction


@dataclass(frozen=True)
class _Entity:
    words: tuple[_Word, ...]
    concepts: frozenset[str]  # institution concepts of its words
    person: bool
    surface: str  # as written: "В.Путин", "Court of Justice"
    titled: bool = False  # a person by its title alone ("President Macron")

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
    if lang == "en":  # a plural: "Суды" is "the courts", "министерства" "the ministries"
        plural = low.endswith("s") and not re.search(r"['’]s$", low)  # not "Committee's"
        for singular in (low[:-3] + "y", low[:-2], low[:-1]) if plural else ():
            if singular in table and len(singular) >= 4:
                return table[singular].split()
        return []
    if lang == "de":
        # a compound takes its kind from its last part: "Wirtschaftsministerium",
        # "Verfassungsgericht".  Six letters at least: "-rat" ends "Heirat", "Verrat".
        heads = [s for s in table if len(s) >= 6 and low.endswith(s) and len(low) > len(s) + 2]
        return table[max(heads, key=len)].split() if heads else []
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
        prev = words[words.index(group[0]) - 1].text.lower() if words.index(group[0]) else ""
        titled = not concepts and _titled(group, lang)
        person = (
            not concepts
            and caps[-1].text.lower() not in _TITLES
            and (
                _initialled(group, caps, text)
                or prev in _HONORIFICS
                or titled
                # "Xi" is a given name, "XI" a number ("Eesti XI Riigikogu")
                or (
                    len(caps) >= 2
                    and any(
                        c.text.lower() in _GIVEN_NAMES and not _acronym(c.text) for c in caps[:-1]
                    )
                )
            )
        )
        surface = text[group[0].start : group[-1].end]
        out.append(_Entity(tuple(group), concepts, person, surface, titled))
    return out


def _titled(group: list[_Word], lang: str) -> bool:
    """A name after a capitalised title or honorific: "President Macron", "Господин
    Лавров", "Mr Shoigu". Not "President of France", "Secretary General", "Президент
    Франции": the words after the title must be capitalised, no connector, no other title
    and no place, one of them a word (not an initial). A lower-case title before a name
    ("министр Лавров") is not read: it is as often followed by a body ("президент
    Центра по изучению …")."""
    first = group[0].text.lower()
    if first not in _TITLES and first not in _HONORIFICS:
        return False
    rest = group[1:]
    return any(len(w.text) >= 3 for w in rest) and all(
        _capitalised(w.text)
        and w.text.lower() not in _TITLES | _HONORIFICS | _AFTER_TITLES | _CONNECTORS
        and not _acronym(w.text)
        and not is_place(w.text, lang)
        and not is_demonym(w.text)
        for w in rest
    )


def _initialled(group: list[_Word], caps: list[_Word], text: str) -> bool:
    """A name after an initial ("В.Путин", "M. Herzog"), not "8 m. Das" nor "z.B. Erfolge".

    The initial must be a capital letter standing alone (no letter-dot before it, as
    in abbreviations), and the name a word of three letters or more that is no
    article or pronoun ("1. La", "I. Les").
    """
    name = caps[-1].text
    if len(name) < 3 or name.lower() in _NOT_NAMES or _acronym(name):
        return False
    if [w.text for w in group[:2]] == ["P", "S"]:
        return False  # "P.S. Чуть позже": a postscript, not initials
    if len(group[0].text) == 1 and text[group[0].end : group[0].end + 1] == ".":
        start = group[0].start
    else:
        before = text[max(0, group[0].start - 5) : group[0].start]
        m = _INITIAL_BEFORE.search(before)
        if not m:
            return False
        start = group[0].start - len(before) + m.start()
    return text[start].isupper() and text[max(0, start - 1) : start] != "."


def _present(entity: _Entity, words: list[_Word], lang: str) -> bool:
    """Whether any name word of the entity (or its institution head) occurs in words."""
    if entity.head and any(entity.head in _concepts(w.text, lang) for w in words):
        return True
    # a body named by its other words: "Организации Объединённых Наций" is "the United
    # Nations", its head ("organization") left unsaid
    rest = entity.concepts - {entity.head}
    if rest and rest <= {c for w in words for c in _concepts(w.text, lang)}:
        return True
    names = [
        w.text
        for w in entity.words
        if (len(w.text) >= 3 or (_acronym(w.text) and not _REGNAL.match(w.text)))  # "JG 6"
        and w.text.lower() not in _CONNECTORS | _TITLES | _HONORIFICS
    ]
    # a person's two-letter name (Chinese "Си" Xi, "Ли" Li) is a name too: "President Xi"
    # for "Президент Си Цзиньпин"
    if entity.person:
        names += [w.text for w in entity.words if len(w.text) == 2 and w.text[1:].islower()]
    # a hyphenated name by its parts: "Санкт-Петербурга" is "St. Petersburg"
    names += [part for n in names if "-" in n for part in n.split("-") if len(part) >= 5]
    # and by its consonants where a vowel is transcribed another way: "Трампа" is "Trump"
    return any(
        same_name(n, w.text) or _same_acronym(n, w.text) or _same_consonants(n, w.text)
        for n in names
        for w in words
    )


def _same_acronym(a: str, b: str) -> bool:
    """Acronyms of one name in two languages: Romance ones reverse the noun and its
    adjective ("ONU" is "UN", "SUA" "USA", "UE" "EU"), so the letters are compared."""
    if not (_acronym(a) and _acronym(b)) or _REGNAL.match(a) or _REGNAL.match(b):
        return False  # "II" is no "XVI"
    sa, sb = sorted(a), sorted(b)
    if sa == sb:
        return True
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return len(set(short)) >= 2 and len(long_) == len(short) + 1 and set(short) < set(long_)


def _mismatches(a: list[_Entity], b: list[_Entity], a_is_src: bool) -> list[Reason]:
    """Institutions of one kind on both sides, told apart by different qualifiers."""
    reasons: list[Reason] = []
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


def compare_entities(src_text: str, src_lang: str, tgt_text: str, tgt_lang: str) -> list[Reason]:
    """Near-miss institutions (``entity_mismatch``) and dropped names (``entity_missing``).

    A mismatch needs a body of the same kind (court, council, ...) on both
    sides whose distinguishing qualifiers are disjoint: "уголовный суд" vs
    "Court of Justice".  "Суд ООН" vs "Court of Justice" is only less specific,
    so it passes.  A name is missing only when it is clearly a person (initials,
    honorific, given name, surname ending) or an institution, none of its words
    has a spelling match anywhere on the other side, and that side is at least
    half as long.  Text in Arabic or Chinese has no case: names there are never
    extracted, only matched, so none is called missing; Arabic bodies are read by
    their words (:func:`_uncased_bodies`) and compared, and a person named on the
    other side of Arabic text must be spelled in it (:func:`_names_arabic_lacks`).
    """
    sl, tl = _base_lang(src_lang), _base_lang(tgt_lang)
    src_ents = _extract(src_text, sl) if sl not in _UNCASED else _uncased_bodies(src_text, sl)
    tgt_ents = _extract(tgt_text, tl) if tl not in _UNCASED else _uncased_bodies(tgt_text, tl)
    reasons = _mismatches(src_ents, tgt_ents, True)
    seen = {tuple(cast("list[int]", r["src"])) for r in reasons}
    reasons += [
        r
        for r in _mismatches(tgt_ents, src_ents, False)
        if tuple(cast("list[int]", r["src"])) not in seen
    ]
    if reasons:
        return reasons
    if sl in _UNCASED and tl not in _UNCASED and not _unreadable(tgt_text):
        reasons += _latin_names_dropped(src_text, tgt_text)
    if (sl, tl) == ("zh", "en"):
        reasons += _pinyin_lacking(tgt_text, src_text, is_src=False)
    if (sl, tl) == ("en", "zh"):
        reasons += _pinyin_lacking(src_text, tgt_text, is_src=True)
    if (sl, tl) in (("zh", "en"), ("en", "zh")):
        reasons += _new_spans(reasons, _chinese_speaker_swapped(src_text, sl, tgt_text, tl))
    if sl == "zh" and tl not in _UNCASED and not _unreadable(tgt_text):
        reasons += _new_spans(reasons, _names_chinese_lacks(tgt_text, tl, src_text, False))
    if tl == "zh" and sl not in _UNCASED and not _unreadable(src_text):
        reasons += _new_spans(reasons, _names_chinese_lacks(src_text, sl, tgt_text, True))
    if sl == "ar" and tl not in _UNCASED:
        return reasons + _names_arabic_lacks(tgt_text, tl, src_text, is_src=False)
    if tl == "ar" and sl not in _UNCASED:
        return _names_arabic_lacks(src_text, sl, tgt_text, is_src=True)
    if sl in _UNCASED or tl in _UNCASED:
        return reasons  # a body there is only compared with another, never called missing
    if _unreadable(src_text) or _unreadable(tgt_text):
        return reasons  # "टोनी मोल" is "Tony Moll", but nothing here spells Devanagari
    sides = ((src_ents, tgt_text, tl, True), (tgt_ents, src_text, sl, False))
    persons: dict[bool, list[tuple[_Entity, Reason]]] = {True: [], False: []}
    for ents, other, other_lang, is_src in sides:
        own = src_text if is_src else tgt_text
        if len(other) < 0.5 * len(own):
            continue
        other_words = _words(other)
        for e in ents:
            if not (e.person or e.head) or _present(e, other_words, other_lang):
                continue
            if e.titled and not _cased_script(other):
                continue  # "Mr Dutton" is "श्री डट्टन": Devanagari names are spelled loosely
            if _same_regnal(e, other_words):
                continue  # "John Paul II" is "Jan Paweł II": given names are translated
            if not e.person and other_lang not in _INSTITUTION_STEMS:
                continue  # "Council" is "ráðið" in Icelandic: no table here to find it in
            if not e.person and _abbreviated(other_words):
                continue  # "Ministry of Finance" may well be "Минфин", "Interior Ministry" "МВД"
            if _common_noun(e, sl if is_src else tl, other_words, other_lang):
                continue
            reasons.append(_missing(e, is_src, f"'{e.surface}'"))
            if e.person:
                persons[is_src].append((e, reasons[-1]))
        own_text = src_text if is_src else tgt_text
        side: Literal["src", "tgt"] = "src" if is_src else "tgt"
        own_lang = sl if is_src else tl
        found: list[Reason] = []
        if other_lang != "de":  # German capitalises every noun: a match is no name
            found += _missing_from_lists(
                own_text, ents, other_words, other_lang, is_src, own_lang == "de", (own_lang, other)
            )
        found += _dropped_names(ents, own_lang, own, other, other_words, other_lang, is_src)
        for r in found:
            span = tuple(cast("list[int]", r[side]))
            if span not in {tuple(cast("list[int]", q[side])) for q in reasons if q[side]}:
                reasons.append(r)
    if {sl, tl} == {"ru", "en"}:
        reasons += _new_spans(reasons, _speaker_swapped(src_text, sl, tgt_text, tl))
    return _one_person_for_another(reasons, persons)


# a Russian verb of saying after a sentence's first word: its subject, a speaker (English:
# _OPENER_VERB, saying or doing)
_RU_SAYS = re.compile(
    r"\s+(?:сказал|сказала|заявил|заявила|отметил|отметила|подчеркнул|подчеркнула"
    r"|сообщил|сообщила|добавил|добавила|пояснил|пояснила|напомнил|напомнила"
    r"|предупредил|предупредила|написал|написала)(?![^\W\d_])",
    re.IGNORECASE,
)


# a Chinese sentence that opens with its speaker: two to four characters, no pronoun,
# before a verb of saying ("普京表示", "王毅指出")
_ZH_SPEAKER = re.compile(
    r"(?:^|(?<=[。！？；\n]))\s*(?!他|她|我|你|它|这|那|此|该|其)"
    r"([\u4e00-\u9fff]{2,4}?)(?:表示|指出|强调|说|称|认为|宣布)"
)


def _chinese_speaker_swapped(src_text: str, sl: str, tgt_text: str, tl: str) -> list[Reason]:
    """``entity_mismatch`` when an English sentence opens with a speaker ("Biden said") whom
    the Chinese does not write, and a Chinese sentence opens with one ("普京表示") whom the
    English does not spell: "普京表示" -> "Biden said". Only speakers on both sides: a
    name elsewhere in English is as often written by meaning in Chinese."""
    from .pinyin import japanese_name, transcribed_in_hanzi

    chinese, english = (src_text, tgt_text) if sl == "zh" else (tgt_text, src_text)
    zh = list(_ZH_SPEAKER.finditer(chinese))
    en = [
        w
        for w in _speakers(english, "en")
        if not (japanese_name(w.text) or transcribed_in_hanzi(w.text, chinese))
    ]
    names = [w.text for w in _words(english)]
    zh = [m for m in zh if not any(transcribed_in_hanzi(n, m.group(1)) for n in names)]
    if len(zh) != 1 or len(en) != 1:
        return []
    z, e = zh[0], en[0]
    z_span, e_span = [z.start(1), z.end(1)], [e.start, e.end]
    src, tgt = (z_span, e_span) if sl == "zh" else (e_span, z_span)
    a, b = (z.group(1), e.text) if sl == "zh" else (e.text, z.group(1))
    return [
        {"type": "entity_mismatch", "src": src, "tgt": tgt, "detail": f"person '{a}' became '{b}'"}
    ]


def _speakers(text: str, lang: str) -> list[_Word]:
    """First words of sentences that are a speaker by their place: a capitalised word,
    not common in the language (wordfreq Zipf < 4.5: "Лавров", "Blinken"; not "Министр",
    "Он", "Experts"), right before a verb of saying (or, in English, doing: "Лавров
    сказал", "Blinken said", "Blinken met")."""
    return [
        w
        for w in _words(text)
        if w.initial
        and _capitalised(w.text)
        and len(w.text) >= 3
        and not _common_word(w.text, lang)
        and w.text.lower() not in _TITLES | _HONORIFICS
        and (_OPENER_VERB if lang == "en" else _RU_SAYS).match(text, w.end)
    ]


def _speaker_swapped(src_text: str, sl: str, tgt_text: str, tl: str) -> list[Reason]:
    """``entity_mismatch`` when each side has one speaker that the other side does not
    spell: "Лавров сказал" -> "Blinken said". A sentence's first word is no name to the
    extraction (every sentence starts with a capital); a speaker on both sides is."""
    a, b = _speakers(src_text, sl), _speakers(tgt_text, tl)
    words_a, words_b = _words(src_text), _words(tgt_text)

    def spelled(w: _Word, others: list[_Word]) -> bool:
        return any(same_name(w.text, o.text) or _declined(w.text, o.text) for o in others)

    a = [w for w in a if not spelled(w, words_b)]
    b = [w for w in b if not spelled(w, words_a)]
    if len(a) != 1 or len(b) != 1:
        return []
    return [
        {
            "type": "entity_mismatch",
            "src": [a[0].start, a[0].end],
            "tgt": [b[0].start, b[0].end],
            "detail": f"person '{a[0].text}' became '{b[0].text}'",
        }
    ]


def _new_spans(reasons: list[Reason], more: list[Reason]) -> list[Reason]:
    """The reasons of ``more`` whose span no reason of ``reasons`` already names."""
    seen = {(str(r.get("src")), str(r.get("tgt"))) for r in reasons}
    return [r for r in more if (str(r.get("src")), str(r.get("tgt"))) not in seen]


def _one_person_for_another(
    reasons: list[Reason], persons: dict[bool, list[tuple[_Entity, Reason]]]
) -> list[Reason]:
    """One person the translation lacks and one the source lacks: one was put for the
    other ("Президент Путин" -> "President Macron"), said once with both spans."""
    if len(persons[True]) != 1 or len(persons[False]) != 1:
        return reasons
    (s, rs), (t, rt) = persons[True][0], persons[False][0]
    swapped: Reason = {
        "type": "entity_mismatch",
        "src": s.span,
        "tgt": t.span,
        "detail": f"person '{s.surface}' became '{t.surface}'",
    }
    return [swapped if r is rs else r for r in reasons if r is not rt]


def _pinyin_lacking(english: str, chinese: str, is_src: bool) -> list[Reason]:
    """Chinese names the English writes in pinyin that the Chinese does not spell:
    "王毅外长表示" -> "Foreign Minister Qin Gang said" (:mod:`.pinyin`)."""
    from .pinyin import pinyin_names, spelled_in_hanzi

    low = chinese.lower().replace(" ", "").replace("-", "")
    out: list[Reason] = []
    for start, end, letters in pinyin_names(english):
        if letters in low or spelled_in_hanzi(letters, chinese):
            continue
        where = "translation" if is_src else "source"
        out.append(
            {
                "type": "entity_missing",
                "src": [start, end] if is_src else None,
                "tgt": None if is_src else [start, end],
                "detail": f"'{english[start:end]}' has no counterpart in the {where}",
            }
        )
    return out


def _common_noun(e: _Entity, lang: str, other_words: list[_Word], other_lang: str) -> bool:
    """A German body with no qualifier ("Gericht", "Rat des Premierministers") where the
    other side names no body at all: German capitalises every noun, and these are also
    "dish" and "advice".  Against another body ("Rat" / "Parliament") it still counts,
    and so does a compound ("Wirtschaftsministerium"): no common noun."""
    table = _INSTITUTION_STEMS["de"]
    return (
        lang == "de"
        and not e.person
        and not e.distinct
        and all(w.text.lower() in table for w in e.words if _concepts(w.text, lang))
        and not any(c in _HEADS for w in other_words for c in _concepts(w.text, other_lang))
    )


# Letters of the scripts :func:`.names.romanise` spells (Latin, Greek, Cyrillic, Arabic,
# Devanagari), and letters of any other script: counted per character, as reading the
# text's words again for this one test cost a fifth of the checks' time
_LETTER = re.compile(r"[^\W\d_]")
_UNSPELLED = re.compile(
    r"[^\W\d_A-Za-z\u00c0-\u024f\u1e00-\u1eff\u0370-\u03ff\u0400-\u052f\u0600-\u06ff\u0900-\u097f]"
)


def _unreadable(text: str) -> bool:
    """Whether most letters are in a script :func:`.names.romanise` has no table for."""
    letters = len(_LETTER.findall(text))
    return bool(letters) and len(_UNSPELLED.findall(text)) > letters / 2


# Russian compound abbreviations of bodies: Минфин, Госдеп, Минобороны, Роскомнадзор.
_RU_COMPOUND = re.compile(r"^(?:Мин|Гос|Рос|Ген|Глав|Мос|Центро|Нац|Фед)[а-яё]{2,}")


def _abbreviated(words: list[_Word]) -> bool:
    """Whether a text names some body by an acronym or a compound abbreviation."""
    return any((_acronym(w.text) and len(w.text) <= 7) or _RU_COMPOUND.match(w.text) for w in words)


# A regnal number after a name: "Jan Paweł II", "Benedict XVI" (not "I", a pronoun).
_REGNAL = re.compile(r"^(?=[IVXL]{2,}$)L?X{0,3}(?:IX|IV|V?I{0,3})$")


def _same_regnal(e: _Entity, other_words: list[_Word]) -> bool:
    """Whether a name ending in a regnal number has that number after a name on the other
    side: popes and monarchs translate their given names, never their number."""
    last = e.words[-1].text
    if len(e.words) < 2 or not _REGNAL.match(last):
        return False
    return any(
        w.text == last and i and _capitalised(other_words[i - 1].text)
        for i, w in enumerate(other_words)
    )


def _missing(e: _Entity, is_src: bool, what: str) -> Reason:
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


# Adjectives and nouns of faiths and peoples with no country of that name: English
# capitalises them, most other languages do not ("musulmanii", "nõukogude").
_FAITHS = _set("""
    muslim muslims islamic christian christians catholic catholics protestant protestants
    orthodox jewish jew jews buddhist buddhists hindu hindus sikh sikhs arab arabs arabic
    soviet soviets latin slavic slavs celtic celts germanic roman romans mormon mormons
    shia shiite shiites sunni sunnis druze coptic copts
    """)


_MONTH_ABBREVIATION = re.compile(r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)$")


def _no_name(e: _Entity, lang: str, lower: list[_Word]) -> bool:
    """A list member that is a capitalised word but no name: a Roman numeral ("secolului
    XX"), an English demonym ("British", "Italians"; other languages write them in
    lower case), or a word the other side has in lower case, so a common noun
    capitalised as a title's first word ("Contribuții arheologice" is "Archaeological
    contributions", "Jury" is "jury")."""
    word = e.words[0].text
    if len(e.words) == 1 and _REGNAL.match(word):
        return True
    if len(e.words) == 1 and word.lower() in _COMMON_CAPITALISED:
        return True  # God, the State: "Бога" (listed with Google)
    if len(e.words) == 1 and word.isupper() and len(word) <= 3 and not word.isascii():
        return True  # a short Cyrillic acronym is translated: "ЕС" is "EU", "РПЦ" "ROC"
    if [w.text for w in e.words[:2]] == ["P", "S"]:
        return True  # "P.S. More interesting articles"
    if calendar_spans(e.surface, lang) or (lang == "en" and _MONTH_ABBREVIATION.match(word)):
        return True  # a date beside a name: "On 22 August, Maryin"; "MOSCOW, Nov 21"
    if lang == "en" and len(e.words) == 1 and (word.lower() in _FAITHS or is_demonym(word)):
        return True
    return any(same_name(w.text, o.text) for w in e.words if len(w.text) >= 4 for o in lower)


def _missing_from_lists(
    text: str,
    ents: list[_Entity],
    other_words: list[_Word],
    other_lang: str,
    is_src: bool,
    nouns_capitalised: bool = False,
    own: tuple[str, str] | None = None,
) -> list[Reason]:
    """Names dropped from a list whose other members the other side does have.

    A bare surname is not clearly a name on its own ("Шойгу" could be anything
    capitalised), but in a list next to names that *are* found on the other
    side, the one that is not found was dropped.  Only capitalised words count as
    found: "Dichter, Dramatiker, Essayist" matching "dramatist, essayist" is a list
    of nouns (German capitalises them), not of names. ``own`` (the list's language and
    the other side's text) lets a country or city count as found by its translation.
    """
    reasons = []
    capitalised = [w for w in other_words if _capitalised(w.text) or _is_arabic(w.text)]
    lower = [w for w in other_words if not _capitalised(w.text)]
    spelled = {_fold(romanise(w.text)) for w in capitalised}
    for run in _name_lists(text, ents):
        if nouns_capitalised:
            # German "Italiener, Franzosen" are nouns: only two names spelled exactly
            # alike on the other side ("Merkel", "Steinmeier") make it a list of names;
            # then the others may be spelled a little differently ("Muslime", "Muslims")
            found = [all(_fold(romanise(w.text)) in spelled for w in e.words) for e in run]
            if sum(found) < 2:
                continue
            found = [
                ok or _present(e, capitalised, other_lang) for e, ok in zip(run, found, strict=True)
            ]
        else:
            found = [_present(e, capitalised, other_lang) for e in run]
        if own is not None:
            # a country or city is translated, not transliterated: "Denmark" is "Danmörk"
            found = [
                ok or place_named(e.surface, own[0], own[1], other_lang)
                for e, ok in zip(run, found, strict=True)
            ]
        if not any(found):
            continue  # the list was translated, not transliterated: nothing to compare
        for k, (e, ok) in enumerate(zip(run, found, strict=True)):
            if ok or _no_name(e, own[0] if own else "", lower) or _abbreviation(e.words[0], text):
                continue
            if own and k and found[k - 1] and country_of(run[k - 1].surface, e.surface, own[0]):
                continue  # "in Cairo, Egypt": the town's country, said beside it
            names = ", ".join(o.surface for o in run if o is not e)
            reasons.append(_missing(e, is_src, f"'{e.surface}' (listed with {names})"))
    return reasons


# Languages that capitalise names and little else inside a sentence: not German (every
# noun), English or Dutch (demonyms, adjectives of places, titles of works and bodies).
# Common nouns these languages capitalise as a mark of respect or of an institution
# ("il Paese", "l'État", "la Unidad"), God, and the polite pronouns ("Вас", "Lei").
_COMMON_CAPITALISED = _set("""
    i've i’ve i'm i’m i'll i’ll i'd i’d
    paese stato governo chiesa dio état etat ville église eglise dieu estado gobierno
    unidad iglesia dios país pais bóg boga bogu pan pani pana panu państwo
    бог бога богу богом боже господь господа господу
    государство государства государству государством государстве
    вы вас вам вами ваш ваша ваше ваши вашего вашей вашему вашим вашими ваших вашу
    ты тебя тебе тобой твой твоя твоё твое твои твоего твоей меня мне мной него нему ним
    себя себе собой интернет интернете интернета
    usted ustedes lei voi vous ty ciebie tobie wy was wam pán paní vy vás vám
    """)
# A sentence that starts after an ellipsis or a cut marked "(...)"
_AFTER_ELLIPSIS = re.compile(r"(?:[.!?…]|\(\s*[.…]+\s*\))\s*\)?\s*$")
# a word cut short by a full stop inside a longer one: "Dott.ssa"
_ABBREVIATED = re.compile(r"\.[^\W\d_]")
# Roman numerals with an ordinal ending: "XIVe siècle", "Xe", "XXIème", "IIº"
_ROMAN_ORDINAL = re.compile(r"^[IVXLCM]+(?:e|er|re|ème|eme|º|ª|°|-?го|-?й)?$")
_NAME_CASED = _set(
    "fr es it pt ca ro pl cs sk sl hr sr bs ru uk be bg et fi lv lt hu is sv da no nb"
)


def _dropped_names(
    ents: list[_Entity],
    lang: str,
    own: str,
    other: str,
    other_words: list[_Word],
    other_lang: str,
    is_src: bool,
) -> list[Reason]:
    """Names (a capitalised word inside a sentence, or two at its start) that the other
    side neither spells nor translates (a country, a city), when that side names nothing
    this side lacks: "Malouines" is "Falklands", "Cornovaglia" "Cornwall", so a name the
    other side renders some other way is no omission, but one the other side has replaced
    by an unrelated name is a mismatch (see the module's docstring)."""
    if lang not in _NAME_CASED or not is_src:
        return []  # a translator adds names freely ("the job centre" -> "Vinnumálastofnun")
    out = []
    dropped: list[_Entity] = []
    for e in ents:
        if e.person or e.head:
            continue  # reported above, on their own evidence
        if e.words[0].initial and len(e.words) > 1 and _common_word(e.words[0].text, lang):
            # "Pro Mihajloviče" ("for Mihajlović"): the name after a common first word,
            # if it is a name ("Země Evropské unie" is "EU member states")
            rest = _Entity(e.words[1:], e.concepts, e.person, own[e.words[1].start : e.span[1]])
            e = rest if _rare_name(rest, lang) else e
        if e.words[0].initial or _AFTER_ELLIPSIS.search(own[: e.words[0].start]):
            continue  # "Шутил Мартын", "Regatul Unit": no telling where a name starts there
        names = [
            w
            for w in e.words
            if _capitalised(w.text)
            and len(w.text) >= 4
            and w.text.lower() not in _TITLES | _HONORIFICS | _CONNECTORS | _COMMON_CAPITALISED
            and not _ROMAN_ORDINAL.match(w.text)
            and not w.text[:2].isupper()  # "СМИ" is "the media", "ЗАГСа" "the registry office"
            and not _ABBREVIATED.match(own, w.end)  # "Dott.ssa"
        ]
        if not names:
            continue
        # spelled (consonants too: "Стэндингом" is "Standing"), or translated
        if _present(e, other_words, other_lang) or place_named(e.surface, lang, other, other_lang):
            continue
        if any(place_named(p, lang, other, other_lang) for p in _adjective_places(e.surface)):
            continue  # "Киевской (области)" is Kyiv's
        if any(_declined(n.text, o.text) for n in names for o in other_words):
            continue  # "Рика" is "Rick"
        out.append(_missing(e, is_src, f"'{e.surface}'"))
        dropped.append(e)
    if not out:
        return out
    # the first unexplained name is enough to excuse several dropped ones
    extra = _unexplained_names(other, other_words, other_lang, own, lang, len(dropped) > 1)
    if not extra:
        return out
    # one name gone and one unexplained name in its place: a replacement, unless the two
    # may be one name in two languages ("Pechino"/"Beijing" aside, exonyms keep their
    # first letter and a consonant: "Ginevra"/"Geneva", "Cornovaglia"/"Cornwall")
    # demonyms, faiths and the like are adjectives, not names put in the dropped one's place
    runs = _runs([w for w in extra if not _no_name_en(w.text, other_lang)], other)
    # in one script only: a name is kept letter for letter there ("Gladbach"), while
    # across scripts a name is as often translated as transliterated ("Освободителя" is
    # "the Liberator", "Миротворец" the "Peacemaker" website)
    one_script = not _NOT_LATIN.search(own) and not _NOT_LATIN.search(other)
    if one_script and len(dropped) == 1 and len(runs) == 1 and _rare_name(dropped[0], lang):
        e, run = dropped[0], runs[0]
        # a place become another place is the places check's to report
        reported = any(
            r["src"] and r["src"][0] < e.span[1] and e.span[0] < r["src"][1]
            for r in compare_places(own, lang, other, other_lang)
        )
        if not reported and not any(_may_render(a.text, b.text) for a in e.words for b in run):
            surface = other[run[0].start : run[-1].end]
            return [
                {
                    "type": "entity_mismatch",
                    "src": e.span,
                    "tgt": [run[0].start, run[-1].end],
                    "detail": f"name '{e.surface}' became '{surface}'",
                }
            ]
    return []


# Below this Zipf frequency (wordfreq: log10 of uses per billion words) a capitalised
# word is a name rather than a word capitalised as part of one: "Gladbach" 2.0, "Макроном"
# 1.4, but "Guerra Fría" 5.5 / 4.4, "Организации" 5.2, "Госдумы" 4.2, "Пасху" 3.4.
_RARE = 3.3


# English words capitalised in a translation where the source has a common noun or
# an adjective ("Господню" -> "Lord", "Запада" -> "Western")
_EN_CAPITALISED = _set("""
    god lord western eastern northern southern oriental occidental
    easter christmas passover pentecost lent advent sabbath epiphany
    """)


def _no_name_en(word: str, lang: str) -> bool:
    low = word.lower()
    return lang == "en" and (low in _FAITHS or low in _EN_CAPITALISED or is_demonym(word))


@lru_cache(maxsize=1)
def _wordfreq_languages() -> frozenset[str]:
    from wordfreq import available_languages

    return frozenset(available_languages())


def _zipf(word: str, lang: str) -> float | None:
    """wordfreq's Zipf frequency of a word (log10 of uses per billion words), or None
    for a language it lacks.  Loaded on first use: its tables take a second to read."""
    if lang not in _wordfreq_languages():
        return None
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, lang))


def _common_word(word: str, lang: str) -> bool:
    """Whether a sentence's first word is a common word capitalised there ("Pro
    Mihajloviče": "for Mihajlović"), by wordfreq's counts; unknown, so no, for languages
    wordfreq lacks."""
    zipf = _zipf(word, lang)
    return zipf is not None and zipf >= _COMMON_WORD


def _rare_name(e: _Entity, lang: str) -> bool:
    """Whether the entity is a name and not a name translated word by word ("Cold War" for
    "Guerra Fría"): a country or city of the tables, or words all rare in the language
    (unknown, so no, for languages wordfreq lacks)."""
    if is_place(e.surface, lang):
        return True
    words = [w.text for w in e.words if len(w.text) >= 3 and w.text.lower() not in _CONNECTORS]
    zipfs = [_zipf(w, lang) for w in words]
    return bool(zipfs) and all(z is not None and z < _RARE for z in zipfs)


def _may_render(a: str, b: str) -> bool:
    """Whether b may be a's name in another language or script: an exonym ("Ginevra" /
    "Geneva") or a loose transliteration ("Чжэцзян" / "Zhejiang", "Джимми" / "Jimmy")."""
    if _exonym(a, b):
        return True
    ra, rb = _fold(romanise(a)), _fold(romanise(b))
    return _ratio(ra, rb) >= 0.4 or _ratio(_skeleton(ra), _skeleton(rb)) >= 0.5


# A name or acronym in Latin letters inside Chinese, Japanese or Arabic text: "CEP",
# "Point Marion", "COVID-19" (capitalised: "km", "iPhone" aside)
_LATIN_WORD = r"[A-Z][A-Za-z0-9\-.&'’]*[A-Za-z0-9]"
_LATIN_NAME = re.compile(rf"(?<![A-Za-z0-9]){_LATIN_WORD}(?: {_LATIN_WORD})*(?![A-Za-z0-9])")


def _latin_names_dropped(src_text: str, tgt_text: str) -> list[Reason]:
    """``entity_missing`` for a Latin-script name or acronym of a Chinese, Japanese or
    Arabic source that the translation does not carry: such a name is kept as it is
    ("中国 CEP" -> "the CEP"), accents aside ("Guaycurú"), or spelled out ("VIN" ->
    "vehicle identification number")."""
    target = _bare(tgt_text.lower())
    initials = "".join(w.text[0] for w in _words(tgt_text)).lower()
    reasons: list[Reason] = []
    for m in _LATIN_NAME.finditer(src_text):
        name = _bare(m.group().lower()).rstrip(".")
        if name in target or (_acronym(m.group()) and name.replace(".", "") in initials):
            continue
        reasons.append(
            {
                "type": "entity_missing",
                "src": [m.start(), m.end()],
                "tgt": None,
                "detail": f"'{m.group()}' has no counterpart in the translation",
            }
        )
    return reasons


# A word at least this frequent (wordfreq Zipf) in the cased language is a word put in
# capitals, not a name to be transliterated: "West Bank" is "الضفة الغربية", "Central
# Council" "المجلس المركزي"; "Biden" is 3.9, "Macron" 3.5, "Abbas" 3.0.
_COMMON_WORD = 4.5


def _names_arabic_lacks(text: str, lang: str, arabic: str, is_src: bool) -> list[Reason]:
    """``entity_missing`` for a name of ``text`` that the Arabic side does not spell.

    Arabic has no capitals to find a name by, but a person's name in the other language
    is transliterated there, consonant by consonant (:func:`.names.same_name`): "President
    Biden" has no counterpart in "التقى الرئيس بوتين بالرئيس ماكرون".
    """
    words = [w.text for w in _words(arabic)]
    # a name of two Arabic words is one English word: "حزب الله" is "Hezbollah"
    pairs = [a + b for a, b in zip(words, words[1:], strict=False)]
    spelled = [f for w in words + pairs for f in _ar_forms(w)]
    lacking = _names_lacking(
        text,
        lang,
        is_src,
        lambda name: any(same_name(v, a) for v in _ar_name_variants(name) for a in spelled),
        untitled=True,
    )
    return _arabic_person_replaced(lacking, text, arabic, is_src)


# Arabic words after which a person's name stands: a verb of saying or doing (Arabic
# puts it first, "قال لافروف") or "with" ("مع بلينكن"), with "and" or "then" glued on, or a
# title ("الرئيس بوتين")
_AR_VERBS = [
    "قال", "أكد", "أعلن", "صرح", "أشار", "أضاف", "أوضح", "شدد", "اعتبر", "رأى", "كتب",
    "دعا", "حذر", "طالب", "نفى", "وصف", "تحدث", "أشاد", "التقى", "استقبل", "زار", "وصل",
    "بحث", "هنأ", "شكر", "اتصل", "أجرى", "مع",
]  # fmt: skip
_AR_TITLES = frozenset([
    "الرئيس", "الوزير", "السيد", "السيدة", "السفير", "المستشار", "الملك", "الأمير",
    "الشيخ", "الرئيسة", "الوزيرة", "المتحدث", "الأمين", "رئيس", "وزير", "وزيرة", "نائب",
    "سفير", "أمين", "مستشار",
])  # fmt: skip
_AR_BEFORE_PERSON = frozenset(f"{c}{w}" for c in ("", "و", "ف") for w in _AR_VERBS) | _AR_TITLES
# a word at least this frequent in Arabic (wordfreq Zipf) after a title is another title
# word or its qualifier ("وزير الخارجية", "الرئيس الفلسطيني"), not the name: names in
# the news sit lower ("عباس" 4.85, "بوتين" 4.19)
_AR_QUALIFIER = 4.9


def _arabic_persons(arabic: str) -> list[_Word]:
    """Words of an Arabic text that stand where a person's name does: the first uncommon
    word after a verb of saying or doing or a title, past the title's qualifiers ("قال
    لافروف", "وزير الخارجية لافروف"), within three words."""
    words = _words(arabic)
    out: list[_Word] = []
    for k, before in enumerate(words):
        if before.text not in _AR_BEFORE_PERSON:
            continue
        for w in words[k + 1 : k + 4]:
            if w.text in _AR_BEFORE_PERSON:
                continue
            zipf = _zipf(w.text, "ar")
            common = zipf is not None and zipf >= _AR_QUALIFIER
            if common and w.text.startswith("ال"):
                continue  # a title's qualifier: "الخارجية", "الفلسطيني"
            if not common and w not in out:
                out.append(w)
            break  # a particle or other word ("قال السفير إن ..."): no name here
    return out


def _arabic_person_replaced(
    lacking: list[Reason], text: str, arabic: str, is_src: bool
) -> list[Reason]:
    """One name the Arabic does not spell and one Arabic person the other side does not
    spell: one was put for the other ("قال لافروف" -> "Blinken said"), said once with both
    spans as ``entity_mismatch``."""
    if len(lacking) != 1:
        return lacking
    others = [w.text for w in _words(text) if len(w.text) >= 3]
    persons = [
        w
        for w in _arabic_persons(arabic)
        if len(w.text) >= 3 and not any(same_name(o, f) for o in others for f in _ar_forms(w.text))
    ]
    if len(persons) != 1:
        return lacking
    found = lacking[0]
    span = cast("list[int]", found["src"] if is_src else found["tgt"])
    name, person = text[span[0] : span[1]], persons[0]
    there = [person.start, person.end]
    src, tgt = (span, there) if is_src else (there, span)
    a, b = (name, person.text) if is_src else (person.text, name)
    return [
        {
            "type": "entity_mismatch",
            "src": src,
            "tgt": tgt,
            "detail": f"person '{a}' became '{b}'",
        }
    ]


def _ar_name_variants(name: str) -> list[str]:
    """An English spelling of an Arabic name and the forms transliteration drops: the
    article ("Al-Aqsa" is "الأقصى"), a final "-eh"/"-ah" for ة ("Haniyeh" is "هنية"), a
    plural "s" ("the Emirates", "الإمارات")."""
    out = [name]
    core = re.sub(r"^(?:[AaEe]l)[-‐‑’' ]", "", name)
    if core != name and len(core) >= 3:
        out.append(core)
    for n in list(out):
        if re.search(r"[^aeiou](?:eh|ah)$", n):
            out.append(n[:-1])
        if len(n) > 5 and n.endswith("s") and not n.endswith("ss"):
            out.append(n[:-1])
    return out


def _names_chinese_lacks(text: str, lang: str, chinese: str, is_src: bool) -> list[Reason]:
    """``entity_missing`` for a name of ``text`` that the Chinese side does not write:
    Chinese writes a foreign name by its sound ("President Biden" is 拜登总统, so
    普京表示 -> "Biden said" names another man) and a Chinese one in characters that read
    as its pinyin (:func:`.pinyin.transcribed_in_hanzi`). Names Chinese writes by
    meaning or in kanji are not found: a name that reads as Japanese romaji (岸田
    "Kishida") is left unjudged.
    """
    from .pinyin import japanese_name, transcribed_in_hanzi

    def spelled(name: str) -> bool:  # a Japanese name: unjudged, as it would be spelled
        return japanese_name(name) or transcribed_in_hanzi(name, chinese)

    # titled names only: Chinese writes by meaning what English capitalises ("Seas",
    # "Faculty") and by sounds :func:`.pinyin.transcribed_in_hanzi` misses (该隐 "Cain"):
    # read as Arabic is (untitled), Bible 001 would be 3.0% flagged, not 1.6%
    return _names_lacking(text, lang, is_src, spelled)


# a title, honorific or given name anywhere in a text (a quick test before the words)
_PERSON_WORD = re.compile(
    r"(?<![^\W\d_])(?:"
    + "|".join(sorted(map(re.escape, _TITLES | _HONORIFICS | _GIVEN_NAMES), key=len, reverse=True))
    + r")(?![^\W\d_])",
    re.IGNORECASE,
)


# what a person does in the sentence that opens with their name ("Blinken said")
_OPENER_VERB = re.compile(
    r"\s+(?:said|says|told|tells|stressed|stresses|noted|notes|added|adds|met|meets|spoke"
    r"|speaks|visited|visits|called|calls|announced|announces|warned|warns|urged|urges"
    r"|emphasi[sz]ed|emphasi[sz]es|stated|states|declared|declares|expressed|expresses"
    r"|welcomed|welcomes|asked|asks|replied|replies|recalled|recalls|pointed|points"
    r"|underlined|underlines|underscored|thanked|thanks|condemned|condemns|critici[sz]ed"
    r"|praised|praises|confirmed|confirms|denied|denies|insisted|insists|argued|argues"
    r"|believes|believed|thinks|thought|hopes|hoped|wants|wanted|wrote|writes"
    r"|received|receives|signed|signs|arrived|arrives|discussed|discusses|agreed|agrees"
    r")(?![^\W\d_])"
)


_POSSESSIVE = re.compile(r"['’]s$")
_AFTER_ARTICLE = re.compile(r"(?<![^\W\d_])(?:the|a|an|The|A|An)\s+$")
# a verb done to a person, just before a name: "met Biden", "thanked Abbas"
_PERSON_OBJECT = re.compile(
    r"(?<![^\W\d_])(?:met|meets|meeting|received|receives|thanked|thanks|invited|invites"
    r"|urged|urges|asked|asks|told|tells|congratulated|congratulates|welcomed|welcomes"
    r"|called|calls|phoned|phones|visited|visits|with|by)\s+$"
)


def _rare_opener(w: _Word, text: str, lang: str) -> bool:
    """A sentence's first word that is a name rather than a word capitalised there: rare in
    the language ("Blinken said", "Erdogan spoke"), not an adverb ("Conversely,") or any
    word set off by a comma."""
    if not (w.initial and _capitalised(w.text) and len(w.text) >= 3) or _acronym(w.text):
        return False
    if w.text.lower().endswith("ly") or text[w.end : w.end + 1] == ",":
        return False
    zipf = _zipf(w.text, lang)
    return zipf is not None and zipf < _RARE


def _acts_as_person(run: list[_Word], text: str) -> bool:
    """Whether a run of capitals with no title or given name stands where a person does:
    before a verb of saying or doing ("Blinken said") or after one done to a person
    ("met Biden"). A rare noun opens a caption ("Skateboarder in midair") and a
    translated name sits anywhere ("the Holocaust", "a Frisbee")."""
    if _AFTER_ARTICLE.search(text, 0, run[0].start):
        return False  # "The Presidium is", "An Elf will": a thing or a kind, not a person
    return bool(
        _OPENER_VERB.match(text, run[-1].end) or _PERSON_OBJECT.search(text, 0, run[0].start)
    )


def _names_lacking(
    text: str, lang: str, is_src: bool, spelled: Callable[[str], bool], untitled: bool = False
) -> list[Reason]:
    """``entity_missing`` for each person named in ``text`` (cased) whose words the other
    side, in a script without capitals, spells none of (``spelled``).

    A name is a run of capitalised words inside a sentence after a title or with a
    given name, none of them a month, demonym, acronym, institution word, place of the
    tables (the places check's) or a frequent word of the language.
    """
    if lang not in _wordfreq_languages():
        return []
    if not untitled and not _PERSON_WORD.search(text):
        return []  # no title or given name: no person to find
    words = _words(text)
    caps = _capitals_inside(text, words, lang)
    if untitled:
        openers = [w for w in words if _rare_opener(w, text, lang)]
        caps = sorted(caps + openers, key=lambda w: w.start)
    # a possessive is its name: "Earth's" is the common word "Earth", "Florida's" a place
    caps = [replace(w, text=_POSSESSIVE.sub("", w.text)) for w in caps]
    names = [
        w
        for w in caps
        if len(w.text) >= 3
        and not _acronym(w.text)
        and w.text.lower() not in _CONNECTORS | _COMMON_CAPITALISED
        and not _no_name_en(w.text, lang)
    ]
    if not names:
        return []
    after = {b.start: a.text.lower() for a, b in zip(words, words[1:], strict=False)}
    reasons: list[Reason] = []
    for run in _runs(names, text):
        surface = text[run[0].start : run[-1].end]
        # a person by a title before it or a given name in it ("President Biden", "Joe
        # Biden"); other capitals are as often translated words ("the Strip", "the
        # Russian Federation", "Beijing" for "بكين")
        titled = after.get(run[0].start, "") in _TITLES | _HONORIFICS
        if not (titled or any(w.text.lower() in _GIVEN_NAMES for w in run[:-1])) and not (
            untitled and _acts_as_person(run, text)
        ):
            continue
        if any(_concepts(w.text, lang) for w in run) or is_place(surface, lang):
            continue
        if any(is_place(w.text, lang) or _common_word(w.text, lang) for w in run):
            continue
        if any(spelled(w.text) for w in run):
            continue
        span = [run[0].start, run[-1].end]
        reasons.append(
            {
                "type": "entity_missing",
                "src": span if is_src else None,
                "tgt": None if is_src else span,
                "detail": f"'{surface}' has no counterpart in the "
                + ("translation" if is_src else "source"),
            }
        )
    return reasons


# A letter that is not Latin (accented Latin letters are)
_NOT_LATIN = re.compile(r"[^\W\d_A-Za-z\u00c0-\u024f\u1e00-\u1eff]")


def _runs(words: list[_Word], text: str) -> list[list[_Word]]:
    """Words next to each other (one space apart) as one name: "Xi Jinping"."""
    runs: list[list[_Word]] = []
    for w in words:
        if runs and text[runs[-1][-1].end : w.start] == " ":
            runs[-1].append(w)
        else:
            runs.append([w])
    return runs


def _abbreviation(w: _Word, text: str) -> bool:
    """A short word with a full stop: "St." (San, Sankt), "Mt.", "Dr." -- spelled out on the
    other side, if at all."""
    return len(w.text) <= 3 and text[w.end : w.end + 1] == "."


def _same_consonants(a: str, b: str) -> bool:
    """A looser spelling match for names only: the consonants of one start like the
    other's, four at least ("Стэндингом" and "Standing": s-t-n-d-n-g)."""
    sa, sb = _skeleton(romanise(a)), _skeleton(romanise(b))
    n = min(len(sa), len(sb))
    return n >= 4 and _prefix(sa, sb) >= max(4, 0.75 * n)


def _declined(name: str, other: str) -> bool:
    """A short name with a case ending: "Рика" is "Rick", "Дону" "Don"."""
    a, b = _fold(romanise(name)), _fold(romanise(other))
    return len(b) >= 3 and a.startswith(b) and 0 < len(a) - len(b) <= 2


def _capitals_inside(text: str, words: list[_Word], lang: str) -> list[_Word]:
    """Capitalised words inside a sentence that may be names: not "I", a title, an
    honorific, a regnal number, an abbreviation ("St.") or part of a date."""
    calendar = calendar_spans(text, lang)
    return [
        w
        for w in words
        if not w.initial
        and _capitalised(w.text)
        and len(w.text) >= 2
        and w.text != "I"
        and w.text.lower() not in _TITLES | _HONORIFICS
        and not _REGNAL.match(w.text)
        and not _abbreviation(w, text)
        and not any(a <= w.start and w.end <= b for a, b in calendar)
    ]


def _unexplained_names(
    text: str, words: list[_Word], lang: str, own: str, own_lang: str, first: bool = False
) -> list[_Word]:
    """The capitalised words inside a sentence of ``text`` that ``own`` does not spell:
    a name rendered another way, an acronym spelled out, a translated title (only the
    first, with ``first``)."""
    own_words = [w.text for w in _words(own) if len(w.text) >= 2]
    found = []
    for w in _capitals_inside(text, words, lang):
        if any(same_name(w.text, o) or _same_acronym(w.text, o) for o in own_words):
            continue
        if place_named(w.text, lang, own, own_lang):
            continue
        found.append(w)
        if first:
            break
    return found
