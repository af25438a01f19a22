"""Segmentation: sentence splits, speaker turns, retranslation markers, presplit files."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.errors import InputError
from align.reading import read_text
from align.segment import is_speaker_name, segment, split_sentences
from align.types import Document

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = Path(__file__).resolve().parents[1].parent / "shared/data/seed"


def sents(text: str, lang: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text, lang)]


def assert_spans(doc: Document) -> None:
    """Every sentence's text is exactly its span of the document text."""
    for s in doc.sentences:
        assert doc.text[s.start : s.end] == s.text


# --------------------------------------------------------------------------- sentences


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("ru", "Это важно, т. е. необходимо. Следующее предложение.", 2),
        ("ru", "Это важно, т.е. необходимо. Следующее предложение.", 2),
        ("ru", "Согласно ст. 15 Конституции всё ясно. Далее.", 2),
        ("ru", "Согласно\u00a0ст.\u00a015 всё ясно, т.\u00a0е. хорошо. Далее.", 2),
        ("ru", "Это было в 2024 г. Москва тогда росла. Далее.", 2),
        ("ru", "Он живёт на ул. Ленина, д. 5. Это центр.", 2),
        ("ru", "Бюджет — 5 млрд руб. и 300 тыс. Человек много. Конец.", 2),
        ("ru", "В.Путин и В. В. Путин встретились. Ю. Ушаков тоже был.", 2),
        ("ru", "Кто это сделал? Это сделал я. Потом ушёл.", 3),
        ("ru", "«Куда?» — спросил он. — Домой.", 2),
        ("ru", "Уважаемый господин Президент! Друзья!", 2),
        ("en", "See art. 5 of the treaty. Next.", 2),
        ("en", "The price rose to 3.5 percent, or 40,000 tonnes. Next.", 2),
        ("en", "It cost 40 000 dollars. Fine.", 2),
        ("en", "Dr. Smith met Mr. Jones in the U.S. on Jan. 5. They talked.", 2),
        ("en", "We saw apples, pears, etc. and more. Then we left.", 2),
        ("en", "J. R. R. Tolkien wrote it. Next one.", 2),
        ("en", "Wait... what happened? I don't know! Really.", 3),
        ("en", "Visit www.example.com for details. Then email a.b@c.de now.", 2),
        ("en", "See p. 12 and No. 5, e.g. Chapter 3. Done.", 2),
        ("en", 'He said "Stop." Then he left.', 2),
        ("en", "1. Introduction of the topic. Second sentence.", 2),
        ("en", "Mr President, friends,", 1),
        ("de", "Das ist z. B. gut. Weiter.", 2),
        ("de", "Das ist z.B. gut. Weiter.", 2),
        ("de", "Am 9. September 1988 war es kalt. Dann regnete es.", 2),
        ("de", "Am 3. Oktober feiern wir. Das ist gut.", 2),
        ("de", "Er wurde 1988 geboren. Dann zog er um.", 2),
        ("de", "Siehe Art. 5 Abs. 2 GG. Prof. Müller stimmt zu.", 2),
        ("de", "Das gilt für Äpfel, Birnen usw. Kartoffeln nicht. Ende.", 2),
        ("fr", "M. Dupont est venu en 50 av. J.-C. à Rome. Ensuite.", 2),
        ("fr", "Mme Martin parle. Voir art. 3 du traité. Fin.", 3),
        ("ar", "قال د. أحمد إن الوضع صعب. هل هذا صحيح؟ نعم، بالتأكيد.", 3),
        ("ar", "وصل الرئيس عام 2024 م. وكان الجو حارا! انتهى.", 2),
        ("zh", "我们很高兴。你好吗？好的！", 3),
        ("zh", "他说：“我们很高兴。”然后离开了。价格是3.5元。", 3),
        ("zh", "你好!我们走吧?好。", 3),
        ("ja", "今日は晴れです。明日は雨でしょう。", 2),
        ("is", "Þetta er t.d. gott. Næsta setning.", 2),
        ("is", "Þetta er o.s.frv. Næsta, þ.e. sú síðasta.", 1),
        ("is", "Skv. lögum nr. 5 er það bannað. Svo er það.", 2),
    ],
)
def test_split(lang: str, text: str, expected: int) -> None:
    got = sents(text, lang)
    assert len(got) == expected, got
    assert "".join(got).replace(" ", "") == text.replace(" ", "")


def test_split_spans_exclude_whitespace() -> None:
    text = "  First one.   Second one.  \n\n  Third.  "
    assert sents(text, "en") == ["First one.", "Second one.", "Third."]


def test_newline_is_a_hard_boundary() -> None:
    assert sents("No end here\nnew line", "en") == ["No end here", "new line"]


def test_split_accepts_regional_codes() -> None:
    assert sents("Hallo Welt. Tschüss.", "de-AT") == ["Hallo Welt.", "Tschüss."]
    assert sents("Hello. Bye.", "xx") == ["Hello.", "Bye."]  # unknown: generic rules
    assert segment("Hello. Bye.", "EN-us").lang == "en"


# --------------------------------------------------------------------------- speakers


@pytest.mark.parametrize(
    ("line", "speaker", "marker"),
    [
        (
            "President of Russia Vladimir Putin: Good afternoon.",
            "President of Russia Vladimir Putin",
            None,
        ),
        ("Vladimir Putin: Good afternoon.", "Vladimir Putin", None),
        ("V.Putin: Good afternoon.", "V.Putin", None),
        ("В.Путин: Добрый день.", "В.Путин", None),
        ("В. Путин: Добрый день.", "В. Путин", None),
        ("Президент Палестины Махмуд Аббас: Спасибо.", "Президент Палестины Махмуд Аббас", None),
        (
            "Министр иностранных дел Сергей Лавров: Да.",
            "Министр иностранных дел Сергей Лавров",
            None,
        ),
        ("M. Abbas (retranslated): Thank you.", "M. Abbas", "(retranslated)"),
        ("Mahmoud Abbas (retranslated): Thank you.", "Mahmoud Abbas", "(retranslated)"),
        ("М.Аббас (как переведено): Спасибо.", "М.Аббас", "(как переведено)"),
        ("Mahmoud Abbas [Interpretation]: Thank you.", "Mahmoud Abbas", "[Interpretation]"),
        (
            "PRESIDENT ZELENSKYY (As interpreted.): Thank you.",
            "PRESIDENT ZELENSKYY",
            "(As interpreted.)",
        ),
        ("الرئيس محمود عباس: شكرا جزيلا.", "الرئيس محمود عباس", None),
        ("الرئيس محمود عباس (مترجم): شكرا جزيلا.", "الرئيس محمود عباس", "(مترجم)"),
        ("Q: Why now?", "Q", None),
        ("Question: Why now?", "Question", None),
        ("Вопрос: Почему сейчас?", "Вопрос", None),
        ("PUTIN: Yes.", "PUTIN", None),
        ("Bundeskanzler Scholz: Vielen Dank.", "Bundeskanzler Scholz", None),
        ("Olaf Scholz (übersetzt): Danke.", "Olaf Scholz", "(übersetzt)"),
        ("Emmanuel Macron (traduction) : Merci.", "Emmanuel Macron", "(traduction)"),
        ("习近平：你好。", "习近平", None),
        ("习近平（翻译）：你好。", "习近平", "（翻译）"),
    ],
)
def test_speaker_labels(line: str, speaker: str, marker: str | None) -> None:
    lang = "zh" if "习" in line else "en"
    doc = segment(line, lang)
    (passage,) = doc.passages
    assert passage.speaker == speaker
    assert passage.marker == marker
    assert passage.retranslated is (marker is not None)
    first = doc.sentences[0].text
    assert speaker not in first and first[0] not in ":：" and first == first.strip()
    assert marker is None or all(marker not in s.text for s in doc.sentences)
    assert_spans(doc)


@pytest.mark.parametrize(
    "line",
    [
        "There are three points: first, we talk.",
        "The answer is simple: no.",
        "Note: this is important.",
        "NOTE: this is important.",
        "Example: a cat.",
        "The meeting starts at 10:30 today.",
        "Прежде всего хочу поприветствовать вас в Москве: мы не виделись два года.",
        "Ответ простой: нет.",
        "Die Antwort ist einfach: nein.",
        "Wichtig ist Folgendes: wir gehen.",
        "La réponse est simple : non.",
        "قال الرئيس: شكرا.",
        "他说：我们走吧。",
        "In the words of President Putin: we go.",
        "Mr President, friends: welcome.",
        "President Putin said: we will win.",
        "See http://example.com: it works.",
        "As you mentioned, since October 7, more than 40,000 people are missing: this is real.",
    ],
)
def test_not_a_speaker(line: str) -> None:
    doc = segment(line, "en")
    assert doc.passages[0].speaker is None
    assert doc.text.startswith(doc.sentences[0].text)  # nothing stripped


@pytest.mark.parametrize("name", ["Putin", "However", "Summary"])
def test_single_titlecase_word_is_not_a_label(name: str) -> None:
    """Conservative: a lone capitalised word may be a heading ("Summary:")."""
    assert not is_speaker_name(name)


def test_speaker_turn_with_two_sentences() -> None:
    doc = segment("В.Путин: Добрый день. Рад вас видеть.", "ru")
    assert [s.text for s in doc.sentences] == ["Добрый день.", "Рад вас видеть."]
    assert doc.passages[0].speaker == "В.Путин"
    assert doc.passages[0].retranslated is False
    assert_spans(doc)


def test_retranslated_turn_marker_stripped() -> None:
    doc = segment("M. Abbas (retranslated): Thank you. We are grateful.", "en")
    (p,) = doc.passages
    assert (p.speaker, p.retranslated, p.marker) == ("M. Abbas", True, "(retranslated)")
    assert doc.texts == ["Thank you.", "We are grateful."]
    assert_spans(doc)


TRANSCRIPT = """\
The beginning of the talks

President of Russia Vladimir Putin:
Mr President, friends, welcome.
It is good to see you.
M. Abbas (retranslated): Thank you. We are grateful.
This country has been a friend for decades.
* * *
Closing remarks followed.
(Retranslated) We will meet again.
Vladimir Putin: Thank you.
"""


def test_turns_persist_until_the_next_label() -> None:
    doc = segment(TRANSCRIPT, "en", path="t.txt")
    speakers = [(p.speaker, p.retranslated) for p in doc.passages]
    assert speakers == [
        (None, False),  # heading
        ("President of Russia Vladimir Putin", False),  # label alone on its line: no sentence
        ("President of Russia Vladimir Putin", False),
        ("M. Abbas", True),
        ("M. Abbas", True),  # the retranslated turn continues
        (None, False),  # "* * *" ends the turn and is no sentence
        (None, True),  # a marker at the start of an unlabelled paragraph
        ("Vladimir Putin", False),  # a new label resets the marker
    ]
    assert [p.index for p in doc.passages] == list(range(8))
    assert [p.paragraph for p in doc.passages] == list(range(8))
    assert doc.texts[1] == "Mr President, friends, welcome."
    assert doc.texts[-2] == "We will meet again."
    assert "* * *" not in doc.texts
    assert [s.passage for s in doc.sentences] == [0, 1, 2, 3, 3, 4, 5, 6, 7]
    assert all(s.paragraph == s.passage and s.line is None for s in doc.sentences)
    assert doc.path == "t.txt" and doc.lang == "en" and doc.text == TRANSCRIPT
    assert_spans(doc)


def test_marker_at_paragraph_end() -> None:
    doc = segment("Thank you very much. (Via interpreter)", "en")
    assert doc.passages[0].retranslated and doc.passages[0].marker == "(Via interpreter)"
    assert doc.texts == ["Thank you very much."]


def test_crlf_and_bom_in_segment_input() -> None:
    doc = segment("\ufeffOne.\r\nTwo. Three.\r\n", "en")
    assert doc.text == "One.\nTwo. Three.\n"
    assert doc.texts == ["One.", "Two.", "Three."]
    assert [s.paragraph for s in doc.sentences] == [0, 1, 1]
    assert_spans(doc)


@pytest.mark.parametrize("text", ["", "   \n\n", "* * *\n***\n", "President Vladimir Putin:\n"])
def test_no_sentences(text: str) -> None:
    with pytest.raises(InputError) as info:
        segment(text, "en", path="empty.txt")
    assert info.value.path == "empty.txt" and info.value.problem == "no sentences found"
    with pytest.raises(InputError, match="<text>: no sentences found"):
        segment(text, "en")


# --------------------------------------------------------------------------- presplit


def test_presplit_one_sentence_per_line() -> None:
    text = "First. Second in the same line.\n\n\nЗ. Third\n?!\n\n* * *\nPresident Vladimir Putin:\n"
    doc = segment(text, "en", presplit=True)
    assert doc.texts == [
        "First. Second in the same line.",
        "З. Third",
        "?!",  # never dropped
        "* * *",  # kept
        "President Vladimir Putin:",  # only a label: the line is kept as it is
    ]
    assert [s.line for s in doc.sentences] == [0, 3, 4, 6, 7]
    assert [s.index for s in doc.sentences] == [0, 1, 2, 3, 4]
    assert [s.paragraph for s in doc.sentences] == [0, 1, 1, 2, 2]
    assert doc.passages[-1].speaker == "President Vladimir Putin"
    assert_spans(doc)


def test_presplit_labels_and_markers() -> None:
    text = "В.Путин: Добрый день.\nРад вас видеть.\nМ.Аббас (как переведено): Спасибо.\nДа.\n"
    doc = segment(text, "ru", presplit=True)
    assert doc.texts == ["Добрый день.", "Рад вас видеть.", "Спасибо.", "Да."]
    assert [s.passage for s in doc.sentences] == [0, 0, 1, 1]
    assert [(p.speaker, p.retranslated) for p in doc.passages] == [
        ("В.Путин", False),
        ("М.Аббас", True),
    ]
    assert_spans(doc)


def test_presplit_index_column_parice() -> None:
    path = FIXTURES / "seg_presplit_indexed_is.txt"
    doc = segment(read_text(path), "is", path=str(path), presplit=True)
    assert doc.texts == [
        "Þetta er t.d. fyrsta setningin.",
        "Önnur setning, þ.e. sú næsta.",
        "…",
        "hvað nú?",  # "Spurning:" (question) is a role label, stripped even here
    ]
    assert [s.line for s in doc.sentences] == [0, 1, 2, 3]
    assert doc.passages[-1].speaker == "Spurning"
    assert_spans(doc)


def test_presplit_index_column_only_when_every_line_has_it() -> None:
    doc = segment("1\tOne.\nTwo.\n", "en", presplit=True)
    assert doc.texts == ["1\tOne.", "Two."]
    doc = segment("1\tOne.\n\n22\tTwo.\n", "en", presplit=True)
    assert doc.texts == ["One.", "Two."] and [s.line for s in doc.sentences] == [0, 2]


def test_presplit_textberg_file_keeps_every_line() -> None:
    path = FIXTURES / "seg_presplit_de.txt"
    text = read_text(path)
    doc = segment(text, "de", presplit=True)
    lines = [line for line in text.split("\n") if line.strip()]
    assert len(doc) == len(lines) == 5
    assert [s.line for s in doc.sentences] == list(range(5))
    assert doc.texts[0] == "Guten Tag." and doc.passages[0].speaker == "Bundeskanzler Scholz"
    assert doc.texts[2:4] == ["* * *", "-"]
    prose = segment(text, "de")
    assert prose.texts == [
        "Guten Tag.",
        "Am 9. September 1988 war es kalt.",
        "Das ist z. B. gut.",
        "Noch ein Satz im selben Zeilen.",
    ]


# --------------------------------------------------------------------------- seed data


def seed(name: str) -> str:
    path = SEED / name
    if not path.is_file():
        pytest.skip(f"seed data not present: {path}")
    return read_text(path)


def test_seed_english() -> None:
    doc = segment(seed("putin_abbas_2024_en.txt"), "en")
    speakers = {p.speaker for p in doc.passages}
    assert "President of Russia Vladimir Putin" in speakers
    abbas = [p for p in doc.passages if p.speaker and "Abbas" in p.speaker]
    assert abbas and all(p.retranslated and p.marker == "(retranslated)" for p in abbas)
    putin = [p for p in doc.passages if p.speaker == "President of Russia Vladimir Putin"]
    assert not any(p.retranslated for p in putin)
    assert not any(
        "retranslated" in s.text or s.text.startswith("President") for s in doc.sentences
    )
    assert 30 < len(doc) < 80
    assert_spans(doc)


def test_seed_russian() -> None:
    doc = segment(seed("putin_abbas_2024_ru.txt"), "ru")
    speakers = [p.speaker for p in doc.passages]
    assert "В.Путин" in speakers
    abbas = [p for p in doc.passages if p.speaker == "М.Аббас"]
    assert abbas and all(p.retranslated for p in abbas)
    assert not any(s.text.startswith("В.Путин") for s in doc.sentences)
    assert 30 < len(doc) < 80
    assert_spans(doc)
