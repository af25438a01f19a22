"""Tests for align.report: a self-contained, escaped, offline HTML report."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from align import formats
from align.report import REPORT_NAME, highlight, render_report, write_report
from align.types import Alignment, Document, Passage, ScoredBead, Sentence

lxml_html = pytest.importorskip("lxml.html")

EVIL = "<script>alert(1)</script>"
SPEAKER = f"В.Путин {EVIL} & Co"
SRC = [
    "Добрый день, коллеги!",
    f"Цитата: {EVIL} & всё.",
    "В 2021 году рост составил 70 процентов.",
    "Это предложение пропущено в переводе.",
    "Спасибо.",
]
TGT = [
    "Good afternoon, colleagues!",
    f"A quote: {EVIL} & that's all.",
    "In 2021 growth was 700 percent.",
    "An added sentence.",
    "Thank you.",
]
# "70" in SRC[2] and "700" in TGT[2].
SRC_SPAN = (SRC[2].index("70 "), SRC[2].index("70 ") + 2)
TGT_SPAN = (TGT[2].index("700"), TGT[2].index("700") + 3)


def make_alignment(tgt_lang: str = "en") -> Alignment:
    p0 = Passage(index=0, speaker=SPEAKER)
    p1 = Passage(index=1, speaker="Moderator", retranslated=True, marker="(retranslated)")
    passages = [p0, p1]
    src = Document(
        "ru",
        [Sentence(i, t, passage=int(i >= 2)) for i, t in enumerate(SRC)],
        passages,
        path="in/kremlin <ru>.txt",
    )
    tgt = Document(
        tgt_lang,
        [Sentence(i, t, passage=int(i >= 2)) for i, t in enumerate(TGT)],
        passages,
        path="in/kremlin & en.txt",
    )
    reason = {
        "type": "number_mismatch",
        "src": list(SRC_SPAN),
        "tgt": list(TGT_SPAN),
        "src_value": 70,
        "tgt_value": 700,
        "detail": "70 vs 700 <&>",
    }
    beads = [
        ScoredBead((0,), (0,), SRC[0], TGT[0], 0.93, 0.04, [], passage=p0),
        ScoredBead((1,), (1,), SRC[1], TGT[1], 0.81, 0.2, [], passage=p0),
        ScoredBead(
            (2,), (2,), SRC[2], TGT[2], 0.7, 0.55, ["number_mismatch"], [reason], passage=p1
        ),
        ScoredBead((3,), (), SRC[3], "", None, 1.0, ["omission"], passage=p1),
        ScoredBead((), (3,), "", TGT[3], None, 1.0, ["addition"], passage=p1),
        ScoredBead((4,), (4,), SRC[4], TGT[4], 0.95, 0.02, [], passage=p1),
    ]
    summary = {
        "beads": 6,
        "mean_drift": 0.4683,
        "omissions": 1,
        "additions": 1,
        "flagged": 3,
        "retranslated": {"passages": 1, "mean_drift": 0.6425},
        "direct": {"passages": 1, "mean_drift": 0.12},
        "most_drifted": [4, 5, 3, 99],
    }
    signature = {"encoder": {"model": f"e5 {EVIL}", "dim": 384}, "version": "0.1.0"}
    return Alignment(src, tgt, beads, summary, signature)


@pytest.fixture
def alignment() -> Alignment:
    return make_alignment()


@pytest.fixture
def doc(alignment: Alignment):  # an lxml element
    return lxml_html.document_fromstring(render_report(alignment))


def test_one_row_per_bead_and_groups(alignment: Alignment, doc) -> None:
    rows = doc.xpath('//table[@id="beads"]/tbody/tr[contains(@class, "bead")]')
    assert [r.get("id") for r in rows] == [f"b{n}" for n in range(1, 7)]
    assert [r.get("data-drift") for r in rows][:3] == ["0.0400", "0.2000", "0.5500"]
    assert [r.get("data-flagged") for r in rows] == ["0", "0", "1", "1", "1", "0"]
    groups = doc.xpath('//tr[@class="group"]')
    assert [g.get("data-passage") for g in groups] == ["p0", "p1"]
    assert doc.xpath("//table[@id='beads']/caption") and doc.xpath("//thead//th[@scope='col']")
    # The drift number is always shown next to the colour.
    assert [
        c.text_content() for c in doc.xpath("//td[contains(@class,'drift')]/span[@class='num']")
    ] == ["0.04", "0.20", "0.55", "1.00", "1.00", "0.02"]


def test_input_is_escaped(doc) -> None:
    scripts = doc.xpath("//script")
    assert len(scripts) == 1
    assert all("alert(1)" not in (s.text or "") for s in scripts)
    body = doc.xpath("//table[@id='beads']")[0].text_content()
    assert EVIL in body and "& всё" in body and SPEAKER in body
    assert f"e5 {EVIL}" in doc.xpath("//header")[0].text_content()
    assert "kremlin <ru>.txt" in doc.xpath("//title")[0].text_content()


def test_raw_markup_never_unescaped(alignment: Alignment) -> None:
    text = render_report(alignment)
    assert text.count("<script") == 1
    assert "<script>alert(1)" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_self_contained(alignment: Alignment, doc) -> None:
    text = render_report(alignment)
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", text, re.I)
    assert "@import" not in text and "url(" not in text
    for el in doc.iter():
        for attr in ("src", "href", "xlink:href"):
            value = el.get(attr)
            assert value is None or value.startswith("#"), (el.tag, value)
    assert not doc.xpath("//link | //img | //iframe | //script[@src]")


def test_reason_spans_marked(doc) -> None:
    marks = doc.xpath("//mark[@class='reason']")
    assert [m.text_content() for m in marks] == ["70", "700"]
    assert all(m.get("title") == "70 vs 700 <&>" for m in marks)
    row = doc.get_element_by_id("b3")
    assert row.xpath("td")[1].text_content() == SRC[2]
    assert row.xpath("td")[2].text_content() == TGT[2]


def test_highlight_escapes_pieces_and_merges_overlaps() -> None:
    text = "a<b & c>d"
    out = highlight(text, [(1, 4, "x")])
    assert out == 'a<mark class="reason" title="x">&lt;b </mark>&amp; c&gt;d'
    frag = lxml_html.fragment_fromstring(f"<p>{highlight(text, [(0, 3, 'x'), (2, 6, 'y')])}</p>")
    assert frag.text_content() == text


def test_bad_and_overlapping_spans_do_not_break_text() -> None:
    alignment = make_alignment()
    bead = alignment.beads[2]
    bead.reasons = [
        *bead.reasons,
        {
            "type": "number_mismatch",
            "src": [SRC_SPAN[0] - 3, SRC_SPAN[1]],
            "tgt": None,
            "detail": "overlap",
        },
        {"type": "number_mismatch", "src": [5, 999], "tgt": [-1, 2], "detail": "out of range"},
        {"type": "other", "src": "junk"},
    ]
    doc = lxml_html.document_fromstring(render_report(alignment))
    cells = doc.get_element_by_id("b3").xpath("td")
    assert cells[1].text_content() == SRC[2]
    marks = cells[1].xpath(".//mark")
    assert len(marks) == 1 and marks[0].text_content() == SRC[2][SRC_SPAN[0] - 3 : SRC_SPAN[1]]
    assert "overlap" in marks[0].get("title")


def test_chart_has_one_bar_per_bead(doc) -> None:
    bars = doc.xpath("//svg//rect[contains(@class,'bar')]")
    assert len(bars) == 6
    links = [b.getparent().get("href") for b in bars]
    assert links == [f"#b{n}" for n in range(1, 7)]
    assert all(b.xpath("title") for b in bars)
    shaded = doc.xpath("//svg//rect[@class='rt']")
    assert [(r.get("x"), r.get("width")) for r in shaded] == [("2", "4")]


def test_flags_badges_and_retranslated(doc) -> None:
    badges = [b.text_content() for b in doc.xpath("//td[@class='flags']/span")]
    assert badges == ["number_mismatch", "omission", "addition"]
    rt = doc.xpath("//tr[@data-passage='p1']//span[contains(@class,'rt')]")
    assert rt and rt[0].text_content() == "retranslated"
    assert not doc.xpath("//tr[@data-passage='p0']//span[contains(@class,'rt')]")


def test_header_summary(doc) -> None:
    header = doc.xpath("//header")[0].text_content()
    for piece in ("0.468", "0.642", "0.120", "omissions", "additions", "flagged", "Russian"):
        assert piece in header
    most = [a.get("href") for a in doc.xpath("//header//p/a")]
    assert most == ["#b4", "#b5", "#b3"]  # 99 is out of range and dropped


def test_lang_and_rtl() -> None:
    doc = lxml_html.document_fromstring(render_report(make_alignment("ar")))
    src_cells = doc.xpath("//tr[contains(@class,'bead')]/td[2]")
    tgt_cells = doc.xpath("//tr[contains(@class,'bead')]/td[3]")
    assert all(c.get("lang") == "ru" and c.get("dir") is None for c in src_cells)
    assert all(c.get("lang") == "ar" and c.get("dir") == "rtl" for c in tgt_cells)
    ltr = lxml_html.document_fromstring(render_report(make_alignment()))
    assert not ltr.xpath("//td[@dir='rtl']")
    assert all(c.get("lang") == "en" for c in ltr.xpath("//tr[contains(@class,'bead')]/td[3]"))


def test_empty_alignment_renders(alignment: Alignment) -> None:
    alignment.beads, alignment.summary, alignment.signature = [], {}, {}
    doc = lxml_html.document_fromstring(render_report(alignment))
    assert not doc.xpath("//tr[contains(@class,'bead')]")


def test_write_report_file_or_directory(alignment: Alignment, tmp_path: Path) -> None:
    assert write_report(alignment, tmp_path) == tmp_path / REPORT_NAME
    assert (
        write_report(alignment, tmp_path / "x.html")
        .read_text(encoding="utf-8")
        .startswith("<!DOCTYPE html>")
    )


def test_write_outputs_html(alignment: Alignment, tmp_path: Path) -> None:
    assert formats.WRITERS["html"] is write_report
    out = tmp_path / "out"
    paths = formats.write_outputs(alignment, out, formats=["html"])
    assert paths == [out / REPORT_NAME]
    assert sorted(os.listdir(out)) == [formats.MARKER_NAME, REPORT_NAME]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # temp dir gone
    assert (out / REPORT_NAME).read_text(encoding="utf-8") == render_report(alignment)


def test_write_outputs_html_is_atomic(
    alignment: Alignment, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(alignment: Alignment, directory: Path) -> Path:
        raise RuntimeError("boom")

    monkeypatch.setitem(formats.WRITERS, "jsonl", boom)
    out = tmp_path / "out"
    with pytest.raises(RuntimeError):
        formats.write_outputs(alignment, out, formats=["html", "jsonl"])
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_most_drifted_from_a_real_summary(alignment: Alignment) -> None:
    """drift.summarise lists objects (0-based ``bead``); each links to the row of its sentences."""
    alignment.summary["most_drifted"] = [
        {"bead": 3, "src": [3], "tgt": [], "drift": 1.0, "flags": ["omission"]},
        {"bead": 4, "src": [], "tgt": [3], "drift": 1.0, "flags": ["addition"]},
        {"bead": 2, "src": [2], "tgt": [2], "drift": 0.55, "flags": ["number_mismatch"]},
    ]
    doc = lxml_html.document_fromstring(render_report(alignment))
    links = doc.xpath("//header//p/a")
    assert [a.get("href") for a in links] == ["#b4", "#b5", "#b3"]
    assert [a.text_content() for a in links] == ["#4", "#5", "#3"]
    row = doc.xpath('//tr[@id="b4"]')[0]
    assert "not in target (omission)" in row.text_content()  # #4 is the omission


def test_reason_details_are_visible_without_hovering(doc) -> None:
    cell = doc.xpath('//tr[@id="b3"]/td[@class="flags"]')[0]
    assert "number_mismatch: 70 vs 700 <&>" in cell.text_content()


def test_review_state_is_shown(alignment: Alignment) -> None:
    alignment.beads[0].confirmed = True
    alignment.beads[1].note = "check <this> with the editor"
    doc = lxml_html.document_fromstring(render_report(alignment))
    first, second = (doc.xpath(f'//tr[@id="b{n}"]/td[@class="flags"]')[0] for n in (1, 2))
    assert "confirmed" in first.text_content()
    assert "Note: check <this> with the editor" in second.text_content()
