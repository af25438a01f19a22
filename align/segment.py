"""Segmentation: text -> paragraphs, speaker turns (passages) and sentences.

Transcripts put one paragraph per line, so every non-blank line is a
paragraph and a sentence never crosses a line break. Speaker labels
("В.Путин:", "M. Abbas (retranslated):") and retranslation markers are
detected so drift can be reported per turn and so the label and marker are
not embedded as if they were part of what was said.

Prose mode: each line that yields sentences is one paragraph and one Passage
(so passage index == paragraph index). A label starts a speaker turn; later
unlabelled lines inherit its speaker and retranslation marker until the next
label or a separator line ("* * *"). A label alone on its line, a separator
and a line of mere punctuation yield no sentence and no paragraph number.

Sentence splitting is rule based (no model, no dependency): a terminator
followed by whitespace and a sentence start, unless the word before it is an
abbreviation or an initial. The rules are tuned for en, ru, ar, de, fr, zh
and is, and are a sane default for other languages.

Presplit mode (gold files, one sentence per line): every non-blank line is
exactly one sentence, in order, so sentence ``i`` is the ``i``-th non-blank
line and ``Sentence.line`` is its 0-based line number in the input. Blank
lines separate paragraphs; a passage starts at each paragraph, label and
separator. A leading ``<digits><TAB>`` column (ParIce) is dropped when every
non-blank line has it. Labels and markers are stripped only if text remains.

In both modes ``Sentence.text == Document.text[start:end]``.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .errors import InputError
from .languages import normalize_lang
from .types import Document, Passage, Sentence

# --------------------------------------------------------------------------- data


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


MARKER_TERMS: tuple[str, ...] = (
    "retranslated", "retranslation", "translated", "translation",
    "interpretation", "interpreted", "as interpreted", "via interpreter",
    "via an interpreter", "through interpreter", "through an interpreter",
    "как переведено", "через переводчика", "в переводе", "перевод", "синхронный перевод",
    "übersetzt", "übersetzung", "traduction", "traduit", "مترجم", "ترجمة", "译", "翻译",
)  # fmt: skip

# Words after which a period is not a sentence end. Entries with a capital
# letter match exactly ("No" but not "no"); lowercase entries match any case.
_ABBR: dict[str, str] = {
    "*": "Dr Mr Mrs Ms Prof St Nr No vs pp cf ca approx Fig Vol",
    "en": "Jr Sr Gen Col Lt Sgt Capt Sen Rep Gov Rev Hon Mt Ft vs e.g i.e U.S U.K "
    "jan feb mar apr jun jul aug sep sept oct nov dec art p pp para paras fig vol ch "
    "sec op cit ed eds approx dept",
    "ru": "т.е т.к т.д т.п т.н ст г гг в вв им ул д стр рис см тыс млн млрд руб "
    "коп др проф акад доц чл обл р-н пр пер пл прим ред изд напр долл сб",
    "uk": "ст м р рр с див тис млн млрд грн проф акад вул обл",
    "de": "z.B d.h u.a usw bzw ca Nr Dr Prof Hr Fr vgl S Abs Art St Mio Mrd bspw "
    "ggf inkl evtl sog Str geb gest Jh Hrsg Tel zit u.ä",
    "fr": "M Mme Mmes Mlle MM Dr Pr St Ste art p etc env cf av vol chap éd c.-à-d "
    "p.ex janv févr avr juil sept oct nov déc",
    "is": "t.d o.s.frv þ.e þ.e.a.s skv nr m.a u.þ.b o.fl kr gr bls sbr f.Kr e.Kr",
    "ar": "هـ",
    "es": "Sr Sra Srta Dña Dr Dra pág núm art etc",
    "it": "Sig Sigg Dott Avv art pag ecc",
    "pt": "Sr Sra Dr Dra art pág",
}
ABBREVIATIONS: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
for _lang, _words in _ABBR.items():
    _all = set(_ABBR["*"].split()) | set(_words.split())
    ABBREVIATIONS[_lang] = (
        frozenset(w for w in _all if w != w.lower()),
        frozenset(w for w in _all if w == w.lower()),
    )
# Single-letter words that can end a sentence (all other single letters are initials).
WORD_SINGLE_LETTERS: dict[str, str] = {"ru": "я", "uk": "я", "be": "я", "bg": "я"}
MONTHS = _set(
    "Januar Jänner Februar März April Mai Juni Juli August September Oktober November "
    "Dezember January February March May June July October December"
)
# Scripts whose lowercase letters can start a sentence (Georgian has Mtavruli capitals
# in Unicode, but nobody writes them).
UNCASED_LANGS = frozenset({"ka"})

TITLES = _set(
    "Mr Mrs Ms Dr Prof St Jr Sr Hr Fr Gen Col Sen Rep Gov Mme Mlle Mgr Lt Capt Sgt Rev "
    "Hon Pres г тов акад проф"
)
ROLE_WORDS = _set(
    "q a question answer reply response interviewer interviewee moderator host presenter "
    "anchor reporter journalist correspondent audience voice voices speaker chair chairman "
    "chairwoman chairperson participant translator interpreter narrator вопрос ответ "
    "реплика ведущий ведущая журналист журналистка корреспондент модератор голос голоса "
    "переводчик frage antwort moderatorin journalistin reporterin sprecher sprecherin "
    "réponse journaliste animateur animatrice présentateur intervenant spurning svar "
    "问 答 记者 主持人 سؤال جواب صحفي المذيع الصحفي المحاور السؤال الجواب שאלה תשובה"
)
# Lowercase words allowed inside a name or title ("Minister of Labour and ...").
CONNECTORS = _set(
    "of the and for to on at de del della di da do dos das du des la le les von van der "
    "den zu und für al el bin ibn bint ben y e et и по при при"
)
# Words that start sentences but never labels ("The answer is simple: no.").
FIRST_STOP = _set(
    "the a an in on at for to with from by and of according as after before since today "
    "now then however thus therefore finally also meanwhile moreover furthermore here "
    "note notes nb ps example examples warning update summary conclusion source sources "
    "see subject date time location place re figure table step tip hint important "
    "attention caution edit chapter part section article keywords abstract title tags "
    "category email tel phone fax address website url link total result results reason "
    "goal problem solution important "
    "примечание внимание итог итоги итак например источник дата место время тема статья "
    "глава раздел часть задача решение цель причина вывод выводы результат важно кстати "
    "в на по как это мы я он она они вы все и но а так вот сегодня прежде согласно для "
    "с из от до после "
    "hinweis anmerkung beispiel achtung fazit quelle datum zeit ort thema die der das ein "
    "eine es wir ich er sie im am auf mit nach bei zum zur und aber so dies heute wichtig "
    "folgendes "
    "remarque exemple résumé il elle nous je on dans en pour avec ce cette mais et voici "
    "voilà"
)
# Function words and verbs: a prefix containing one is a clause, not a name.
SPEAKER_STOP = _set(
    "is are was were be been am have has had do does did will would can could shall "
    "should may might must said says say this that these those there it its we i you "
    "they he she our my your their his her which who what when where why how not no yes "
    "if but so because also all some following "
    "есть был была было были будет это мы я он она они вы что как так не все всё "
    "таков такова следующее следующие хочу могу надо нужно можно "
    "ist sind war waren hat haben wird werden ich wir es sie er nicht auch dass folgendes "
    "folgende "
    "est sont était a ont sera je nous il elle ne pas que qui"
)
# Arabic/Hebrew/CJK words that make a colon introduce speech, not a label.
UNCASED_STOP = _set(
    "قال وقال أضاف وأضاف أكد وأكد أوضح وأوضح ملاحظة مثال المصدر النتيجة هذا هذه هناك إن "
    "ان أن في على من إلى عن كما لكن ثم هي هو هم نحن أنا التي الذي كان يكون ليس لا لم لن "
    "قد 注 注意 备注 例如 总结 结论 原因 问题"
)

_CLOSERS = "\"'»”’)]）」』】〕›"
_TERM = re.compile(rf"(?P<t>[.!?…؟]+|[。！？]+)[{re.escape(_CLOSERS)}]*")
_CJK_TERM = frozenset("。！？")
_OPENERS = "([{«\"“„‘'‹「『（【"
_DASHES = "-–—"
_SEPARATOR = re.compile(r"^\s*(?:[*•·#=~_\-–—.]\s*){3,}$")
_INDEX_COLUMN = re.compile(r"^\d+\t")

_MARKER_ALT = "|".join(
    re.escape(t).replace(r"\ ", r"\s+") for t in sorted(MARKER_TERMS, key=len, reverse=True)
)
_MARKER = (
    rf"[(\[（]\s*(?:{_MARKER_ALT})"
    r"(?:\s+(?:from|into|с|со|из|на|aus|de|du|من|عن)\s+[^()\[\]（）]{1,30}?)?"
    r"\s*\.?\s*[)\]）]"
)
MARKER_RE = re.compile(_MARKER, re.IGNORECASE)
_LEAD_MARKER = re.compile(rf"(?P<m>{_MARKER})\s*[:.]?\s*", re.IGNORECASE)
_TAIL_MARKER = re.compile(rf"\s*(?P<m>{_MARKER})\s*$", re.IGNORECASE)
_PAREN = re.compile(r"\s*[(\[（][^()\[\]（）]*[)\]）]")


# --------------------------------------------------------------------------- sentences


def _base(lang: str) -> str:
    try:
        return normalize_lang(lang)
    except ValueError:
        return re.split(r"[-_]", lang.strip().lower(), maxsplit=1)[0]


def _is_cjk(c: str) -> bool:
    return "\u3040" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff" or "\uac00" <= c <= "\ud7af"


def _is_abbreviation(token: str, lang: str, next_word: str) -> bool:
    """True if the period after ``token`` belongs to an abbreviation or initial."""
    token = token.lstrip(_OPENERS)
    if not token:
        return False
    exact, folded = ABBREVIATIONS.get(lang, ABBREVIATIONS["*"])
    if token in exact or token.lower() in folded:
        return True
    if len(token) == 1 and token.isalpha():
        return token not in WORD_SINGLE_LETTERS.get(lang, "")
    chunks = token.split(".")
    if len(chunks) >= 2 and all(
        0 < len(c) <= 4 and all(ch.isalpha() or ch == "-" for ch in c) for c in chunks
    ):
        return any(len(c.strip("-")) == 1 for c in chunks)  # e.g., U.S, z.B, o.s.frv
    return token.isdigit() and len(token) <= 2 and next_word.rstrip(".,") in MONTHS


def _split_line(line: str, lang: str) -> list[tuple[int, int]]:
    """Sentence boundaries within one line, as (start, end) end-exclusive offsets."""
    uncased = lang in UNCASED_LANGS
    cuts: list[int] = []
    start = 0
    for m in _TERM.finditer(line):
        end = m.end()
        if end >= len(line):
            break
        term = m.group("t")
        if not any(c.isalpha() for c in line[start : m.start()]):
            continue  # "1." or "—" so far: a list number or stray punctuation
        if _CJK_TERM.intersection(term):
            cuts.append(end)
            start = end
            continue
        nxt_char = line[end]
        if not nxt_char.isspace():
            if lang in ("zh", "ja") and "." not in term and _is_cjk(nxt_char):
                cuts.append(end)
                start = end
            continue
        rest = line[end:].lstrip()
        if not rest:
            break
        first = rest[0]
        if (first.islower() and not uncased) or first in ",;:":
            continue
        if first in _DASHES:
            after = rest[1:].lstrip()
            if after[:1].islower():
                continue  # «Куда?» — спросил он.
        if term == ".":
            k = m.start()
            while k > 0 and not line[k - 1].isspace():
                k -= 1
            next_word = rest.split(None, 1)[0]
            if _is_abbreviation(line[k : m.start()], lang, next_word):
                continue
        cuts.append(end)
        start = end
    spans = []
    for a, b in zip([0, *cuts], [*cuts, len(line)], strict=True):
        while a < b and line[a].isspace():
            a += 1
        while b > a and line[b - 1].isspace():
            b -= 1
        if a < b:
            spans.append((a, b))
    return spans


def split_sentences(text: str, lang: str) -> list[tuple[int, int]]:
    """Split ``text`` into sentences; return (start, end) spans without surrounding space.

    Line breaks are hard boundaries (a paragraph is a line in this project).
    """
    base = _base(lang)
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        spans.extend((offset + a, offset + b) for a, b in _split_line(line, base))
        offset += len(line) + 1
    return spans


# --------------------------------------------------------------------------- speakers


def _is_cased_speaker(words: list[str]) -> bool:
    def capitalised(w: str) -> bool:
        letters = [c for c in w if c.isalpha()]
        return bool(letters) and letters[0].isupper()

    def initial_form(w: str) -> bool:  # "V.Putin", "В.", "J.-C."
        chunks = w.split(".")
        return (
            len(chunks) >= 2
            and all(len(c.strip("-")) <= 1 or c in TITLES for c in chunks[:-1])
            and (chunks[-1] == "" or capitalised(chunks[-1]))
        )

    for w in words:
        if "." in w and not initial_form(w):
            return False
        if not all(c.isalpha() or c in ".-'’" for c in w):
            return False
    folded = [w.lower() for w in words]  # "В." is an initial, "в" a preposition
    if folded[0] in FIRST_STOP or any(w in SPEAKER_STOP for w in folded):
        return False
    if len(words) == 1:
        w = words[0]
        letters = [c for c in w if c.isalpha()]
        return (
            folded[0] in ROLE_WORDS
            or (len(letters) == 1 and letters[0].isupper())
            or (len(letters) >= 2 and w.isupper())
            or ("." in w.rstrip(".") and initial_form(w))
        )
    if not capitalised(words[0]) or not capitalised(words[-1]):
        return False
    caps = sum(1 for w in words if capitalised(w))
    lower = sum(
        1 for w, f in zip(words, folded, strict=True) if not capitalised(w) and f not in CONNECTORS
    )
    return lower <= caps


def _is_uncased_speaker(name: str, words: list[str]) -> bool:
    if any(_is_cjk(c) for c in name):
        return (
            len(name) <= 12
            and not any(c in "，。！？、；的是了" for c in name)
            and not name.endswith(("说", "道", "表示", "指出", "强调", "认为", "如下", "称"))
            and name not in UNCASED_STOP
        )
    if len(words) == 1:
        return name.lower() in ROLE_WORDS
    return len(words) <= 6 and not any(w in UNCASED_STOP for w in words)


def is_speaker_name(name: str, has_marker: bool = False) -> bool:
    """Heuristic: does this text before a colon look like a speaker label?

    Labels are short, have no sentence punctuation, and consist of
    capitalised words (names, titles) with at most as many lowercase words,
    or are a role word ("Q", "Question", "Вопрос"). A retranslation marker in
    the prefix is strong evidence, so it relaxes nothing but the word count.
    """
    core = _PAREN.sub("", name).strip()
    words = core.split()
    if not words or len(core) > 80 or len(words) > (10 if has_marker else 8):
        return False
    if any(c.isdigit() or c in '!?;,"«»“”…。！？' for c in core):
        return False
    if any(c.isupper() or c.islower() for c in core):
        return _is_cased_speaker(words)
    return _is_uncased_speaker(core, words)


class _Label(NamedTuple):
    name: str | None  # None: only a marker before the colon
    marker: str | None
    end: int  # offset where the content after the label starts


def _find_label(line: str, start: int, end: int) -> _Label | None:
    """Recognise "Name (marker): text" at ``start``; None if the line has no label."""
    window = line[start : min(end, start + 120)]
    colon = next((i for i, c in enumerate(window) if c in ":："), -1)
    if colon <= 0:
        return None
    after = start + colon + 1
    if window[colon] == ":" and after < end and not line[after].isspace():
        return None  # "10:30", "http://"
    prefix = window[:colon]
    marker_m = MARKER_RE.search(prefix)
    marker = marker_m.group(0) if marker_m else None
    name = prefix
    if marker_m:
        name = prefix[: marker_m.start()] + " " + prefix[marker_m.end() :]
    name = " ".join(name.split())
    if not name:
        return _Label(None, marker, after) if marker else None
    if not is_speaker_name(name, marker is not None):
        return None
    while after < end and line[after].isspace():
        after += 1
    return _Label(name, marker, after)


class _LineInfo(NamedTuple):
    start: int
    end: int
    labelled: bool
    speaker: str | None
    marker: str | None


def _analyse(line: str, start: int, end: int) -> _LineInfo:
    """Find the label and markers of a line; return the span of what was said."""
    while start < end and line[start].isspace():
        start += 1
    while end > start and line[end - 1].isspace():
        end -= 1
    labelled, speaker, marker = False, None, None
    label = _find_label(line, start, end)
    if label is not None:
        labelled = label.name is not None
        speaker, marker, start = label.name, label.marker, label.end
    m = _LEAD_MARKER.match(line, start, end)
    if m:
        marker, start = marker or m.group("m"), m.end()
    m = _TAIL_MARKER.search(line, start, end)
    if m:
        marker, end = marker or m.group("m"), m.start()
    return _LineInfo(start, max(start, end), labelled, speaker, marker)


# --------------------------------------------------------------------------- documents


def _lines(text: str) -> list[tuple[int, str]]:
    out, offset = [], 0
    for line in text.split("\n"):
        out.append((offset, line))
        offset += len(line) + 1
    return out


def segment(text: str, lang: str, path: str | None = None, presplit: bool = False) -> Document:
    """Segment a text into a Document (see the module docstring for the rules)."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    base = _base(lang)
    build = _segment_presplit if presplit else _segment_prose
    sentences, passages = build(text, base)
    if not sentences:
        raise InputError(path or "<text>", "no sentences found")
    return Document(lang=base, sentences=sentences, passages=passages, path=path, text=text)


def _segment_prose(text: str, lang: str) -> tuple[list[Sentence], list[Passage]]:
    """Each line with content is a paragraph and a passage; speakers carry over."""
    sentences: list[Sentence] = []
    passages: list[Passage] = []
    speaker: str | None = None
    marker: str | None = None
    for offset, line in _lines(text):
        if not line.strip():
            continue
        if _SEPARATOR.match(line):
            speaker, marker = None, None  # a new section: the turn is over
            continue
        info = _analyse(line, 0, len(line))
        if info.labelled:
            speaker, marker = info.speaker, info.marker
        elif info.marker:
            marker = info.marker
        body = line[info.start : info.end]
        spans = [
            (info.start + a, info.start + b)
            for a, b in _split_line(body, lang)
            if any(c.isalnum() for c in body[a:b])
        ]
        if not spans:
            continue  # a label alone on its line: the turn starts with the next line
        p = len(passages)
        passages.append(Passage(p, speaker, marker is not None, marker, paragraph=p))
        for a, b in spans:
            sentences.append(Sentence(len(sentences), line[a:b], p, p, offset + a, offset + b))
    return sentences, passages


def _segment_presplit(text: str, lang: str) -> tuple[list[Sentence], list[Passage]]:
    """One sentence per non-blank line, never split or dropped."""
    lines = _lines(text)
    content = [line for _, line in lines if line.strip()]
    index_column = bool(content) and all(_INDEX_COLUMN.match(line) for line in content)
    sentences: list[Sentence] = []
    passages: list[Passage] = []
    speaker: str | None = None
    marker: str | None = None
    paragraph, blank_before, force_new = 0, False, True
    for lineno, (offset, line) in enumerate(lines):
        if not line.strip():
            blank_before = bool(sentences)
            continue
        if blank_before:
            paragraph, blank_before, force_new = paragraph + 1, False, True
        column = _INDEX_COLUMN.match(line) if index_column else None
        skip = column.end() if column else 0
        info = _analyse(line, skip, len(line))
        separator = _SEPARATOR.match(line[skip:]) is not None
        if separator:
            speaker, marker, force_new = None, None, True
        elif info.labelled:
            speaker, marker, force_new = info.speaker, info.marker, True
        elif info.marker and info.marker != marker:
            marker, force_new = info.marker, True
        a, b = info.start, info.end
        if separator or a >= b:  # nothing but a label or marker: keep the line as it is
            a, b = skip, len(line)
            while a < b and line[a].isspace():
                a += 1
            while b > a and line[b - 1].isspace():
                b -= 1
        if force_new:
            passages.append(Passage(len(passages), speaker, marker is not None, marker, paragraph))
            force_new = separator  # the line after a separator starts afresh too
        sentences.append(
            Sentence(
                len(sentences),
                line[a:b],
                len(passages) - 1,
                paragraph,
                offset + a,
                offset + b,
                line=lineno,
            )
        )
    return sentences, passages
