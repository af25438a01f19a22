"""Tests for align.formats: every writer, TMX validity, and atomic output."""

from __future__ import annotations

import copy
import json
import os
import re
import stat
from pathlib import Path

import pytest

import align
from align import formats
from align.errors import AlignError, InputError
from align.evaluate import read_beads
from align.types import Alignment, Document, Passage, ScoredBead, Sentence

etree = pytest.importorskip("lxml.etree")

DTD_PATH = Path(align.__file__).resolve().parent / "data" / "tmx14.dtd"
JSONL_KEYS = {"src", "tgt", "src_text", "tgt_text", "similarity", "drift", "flags", "passage"}

SRC_SENTENCES = [
    "Добрый день, коллеги!",
    "Он сказал:\t«مرحبا بكم» & ушёл.",
    'Цитата: "<script>alert(1)</script>".',
    "Это предложение пропущено в переводе.",
    "Текст\x07с управляющим символом.",
]
TGT_SENTENCES = [
    "Good afternoon, colleagues!",
    "He said \"welcome\" & 'left'. <script>alert(1)</script>",
    "An added sentence.",
    "Text with a control character.",
    "And a second sentence.",
]


def make_alignment(src_lang: str = "ru", tgt_lang: str = "en") -> Alignment:
    p0 = Passage(index=0, speaker="В.Путин")
    p1 = Passage(index=1, speaker=None, retranslated=True, marker="(retranslated)", paragraph=1)
    src = Document(
        lang=src_lang,
        sentences=[Sentence(i, t, passage=0 if i < 4 else 1) for i, t in enumerate(SRC_SENTENCES)],
        passages=[p0, p1],
    )
    tgt = Document(
        lang=tgt_lang,
        sentences=[Sentence(i, t, passage=0 if i < 3 else 1) for i, t in enumerate(TGT_SENTENCES)],
        passages=[p0, p1],
    )
    s, t = SRC_SENTENCES, TGT_SENTENCES
    beads = [
        ScoredBead((0,), (0,), s[0], t[0], 0.91234, 0.05, [], passage=p0, cost=0.123456),
        ScoredBead((1, 2), (1,), f"{s[1]} {s[2]}", t[1], 0.7, 0.3, ["merge", "quote"], passage=p0),
        ScoredBead((3,), (), s[3], "", None, 1.0, ["omission"], passage=p0, cost=0.5),
        ScoredBead((), (2,), "", t[2], None, 1.0, ["addition"], passage=p0),
        ScoredBead((4,), (3, 4), s[4], f"{t[3]} {t[4]}", 0.8, 0.2, [], passage=p1, cost=1.25),
    ]
    return Alignment(
        source=src,
        target=tgt,
        beads=beads,
        summary={"beads": len(beads), "mean_drift": 0.51, "note": "сводка"},
        signature={"encoder": "test", "version": align.__version__},
    )


@pytest.fixture
def alignment() -> Alignment:
    return make_alignment()


@pytest.fixture
def written(alignment: Alignment, tmp_path: Path) -> Path:
    out = tmp_path / "out"
    formats.write_outputs(alignment, out)
    return out


def _dtd() -> etree.DTD:
    return etree.DTD(str(DTD_PATH))


# --------------------------------------------------------------------------- registry


def test_registry_and_file_names(written: Path) -> None:
    assert list(formats.WRITERS) == ["jsonl", "tsv", "vecalign", "tmx", "moses", "summary", "html"]
    assert sorted(p.name for p in written.iterdir()) == sorted(
        [
            "alignment.jsonl",
            "alignment.tsv",
            "alignment.vecalign",
            "alignment.tmx",
            "alignment.ru",
            "alignment.en",
            "alignment.moses.tsv",
            "summary.json",
            "report.html",
            formats.MARKER_NAME,
        ]
    )


def test_write_outputs_returns_written_paths(alignment: Alignment, tmp_path: Path) -> None:
    out = tmp_path / "out"
    paths = formats.write_outputs(alignment, out, ["moses", "jsonl"])
    assert [p.name for p in paths] == [
        "alignment.ru",
        "alignment.en",
        "alignment.moses.tsv",
        "alignment.jsonl",
    ]
    assert all(p.parent == out and p.is_file() for p in paths)
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [formats.MARKER_NAME, *(p.name for p in paths)]
    )


def test_unknown_format(alignment: Alignment, tmp_path: Path) -> None:
    with pytest.raises(AlignError, match="unknown output format"):
        formats.write_outputs(alignment, tmp_path / "out", ["jsonl", "docx"])
    assert not (tmp_path / "out").exists()


# --------------------------------------------------------------------------- jsonl / tsv


def test_jsonl(written: Path, alignment: Alignment) -> None:
    raw = (written / "alignment.jsonl").read_text(encoding="utf-8")
    assert "Добрый день" in raw and "مرحبا" in raw  # ensure_ascii=False
    lines = raw.splitlines()
    assert len(lines) == len(alignment.beads)
    records = [json.loads(line) for line in lines]
    for number, (rec, bead) in enumerate(zip(records, alignment.beads, strict=True), start=1):
        assert rec.keys() >= JSONL_KEYS
        assert set(rec["passage"]) == {"id", "speaker", "retranslated"}
        assert rec == {"bead": number, **bead.to_json()}
        assert list(rec)[0] == "bead"
    assert records[1]["src"] == [1, 2]
    assert records[2]["tgt"] == [] and records[2]["similarity"] is None
    assert records[4]["passage"] == {"id": "p1", "speaker": None, "retranslated": True}
    assert formats.read_jsonl(written / "alignment.jsonl") == records


def test_tsv(written: Path, alignment: Alignment) -> None:
    raw = (written / "alignment.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in raw.split("\n")[:-1]]
    assert rows[0] == list(formats.TSV_COLUMNS)
    assert len(rows) == len(alignment.beads) + 1
    assert {len(r) for r in rows} == {15}
    assert [r[0] for r in rows[1:]] == ["1", "2", "3", "4", "5"]  # bead numbers
    merge, omission, addition, retrans = (r[1:] for r in rows[2:6])
    assert merge[0] == "1,2" and merge[1] == "1"
    assert "Он сказал: «مرحبا بكم» & ушёл." in merge[2]  # tab became a space
    assert "<script>alert(1)</script>" in merge[3]
    assert merge[6] == "merge,quote"
    assert merge[7:10] == ["p0", "В.Путин", "false"]
    assert merge[10:] == ["false", "false", "0", ""]  # review state: not reviewed
    assert omission[1] == "" and omission[3] == "" and omission[4] == ""
    assert omission[5] == "1.0000" and omission[6] == "omission"
    assert addition[0] == "" and addition[2] == ""
    assert retrans[1] == "3,4" and retrans[7:10] == ["p1", "", "true"]
    assert rows[1][5] == "0.9123"


def test_tsv_text_never_breaks_rows(alignment: Alignment, tmp_path: Path) -> None:
    alignment.beads[0].src_text = "a\nb\r\nc\u2028d\te"
    formats.write_outputs(alignment, tmp_path / "o", ["tsv"])
    lines = (tmp_path / "o" / "alignment.tsv").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(alignment.beads) + 1
    assert lines[1].split("\t")[3] == "a b  c d e"


# --------------------------------------------------------------------------- vecalign


def test_vecalign_format_and_round_trip(written: Path, alignment: Alignment) -> None:
    path = written / "alignment.vecalign"
    assert path.read_text(encoding="utf-8").splitlines() == [
        "[0]:[0]:0.12346",
        "[1, 2]:[1]:0.00000",
        "[3]:[]:0.50000",
        "[]:[2]:0.00000",
        "[4]:[3, 4]:1.25000",
    ]
    assert read_beads(path) == [(b.src, b.tgt) for b in alignment.beads]


# --------------------------------------------------------------------------- TMX


def test_tmx_is_valid_and_complete(written: Path, alignment: Alignment) -> None:
    path = written / "alignment.tmx"
    raw = path.read_text(encoding="utf-8")
    assert raw.startswith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">'
    )
    assert "<script>" not in raw and "&lt;script&gt;" in raw
    assert "\x07" not in raw

    tree = etree.parse(str(path))
    dtd = _dtd()
    assert dtd.validate(tree), dtd.error_log.filter_from_errors()

    root = tree.getroot()
    assert root.tag == "tmx" and root.get("version") == "1.4"
    header = root.find("header")
    assert header.get("creationtool") == "driftalign"
    assert header.get("creationtoolversion") == align.__version__
    assert header.get("srclang") == "ru" and header.get("segtype") == "sentence"
    assert re.fullmatch(r"\d{8}T\d{6}Z", header.get("creationdate"))
    assert header.findtext("prop[@type='x-skipped-beads']") == "2"

    tus = root.findall("body/tu")
    both = [i for i, b in enumerate(alignment.beads, 1) if b.src and b.tgt]
    assert [tu.get("tuid") for tu in tus] == [str(i) for i in both]
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    for tu in tus:
        bead = alignment.beads[int(tu.get("tuid")) - 1]
        tuvs = tu.findall("tuv")
        assert [t.get(lang) for t in tuvs] == ["ru", "en"]
        assert tuvs[1].findtext("seg") == bead.tgt_text
        props = {p.get("type"): p.text for p in tu.findall("prop")}
        assert props["x-drift"] == f"{bead.drift:.4f}"
        assert props["x-src-indices"] == ",".join(map(str, bead.src))
        assert props["x-tgt-indices"] == ",".join(map(str, bead.tgt))
        assert props["x-passage"] == bead.passage.id

    merge = tus[1]
    assert merge.findtext("tuv/seg") == alignment.beads[1].src_text  # &, quotes, tab, Arabic
    props = {p.get("type"): p.text for p in merge.findall("prop")}
    assert props["x-flags"] == "merge,quote" and props["x-speaker"] == "В.Путин"
    assert "x-retranslated" not in props
    last = {p.get("type"): p.text for p in tus[-1].findall("prop")}
    assert last["x-retranslated"] == "true" and "x-speaker" not in last
    assert tus[-1].findtext("tuv/seg") == "Текстс управляющим символом."  # \x07 stripped


def _corruptions() -> list[tuple[str, object]]:
    def drop_tuvs(root: etree._Element) -> None:
        tu = root.find("body/tu")
        for tuv in tu.findall("tuv"):
            tu.remove(tuv)

    def prop_after_tuv(root: etree._Element) -> None:
        tu = root.find("body/tu")
        prop = tu.find("prop")
        tu.remove(prop)
        tu.append(prop)

    def drop_srclang(root: etree._Element) -> None:
        del root.find("header").attrib["srclang"]

    def bad_segtype(root: etree._Element) -> None:
        root.find("header").set("segtype", "word")

    def unknown_element(root: etree._Element) -> None:
        etree.SubElement(root.find("body/tu/tuv/seg"), "b").text = "bold"

    def tuv_without_lang(root: etree._Element) -> None:
        tuv = root.find("body/tu/tuv")
        del tuv.attrib["{http://www.w3.org/XML/1998/namespace}lang"]

    def two_segs(root: etree._Element) -> None:
        etree.SubElement(root.find("body/tu/tuv"), "seg").text = "again"

    def no_body(root: etree._Element) -> None:
        root.remove(root.find("body"))

    return [
        (f.__name__, f)
        for f in (
            drop_tuvs,
            prop_after_tuv,
            drop_srclang,
            bad_segtype,
            unknown_element,
            tuv_without_lang,
            two_segs,
            no_body,
        )
    ]


@pytest.mark.parametrize("name,corrupt", _corruptions())
def test_tmx_dtd_is_not_vacuous(written: Path, name: str, corrupt) -> None:
    tree = etree.parse(str(written / "alignment.tmx"))
    bad = copy.deepcopy(tree)
    corrupt(bad.getroot())
    dtd = _dtd()
    assert dtd.validate(tree)
    assert not dtd.validate(bad), name


def test_tmx_dtd_accepts_inline_markup() -> None:
    doc = etree.fromstring(
        '<tmx version="1.4"><header creationtool="x" creationtoolversion="1" '
        'segtype="sentence" o-tmf="x" adminlang="en" srclang="en" datatype="html">'
        '<note>n</note><ude name="u"><map unicode="#xF8FF" code="#xF0" /></ude></header>'
        '<body><tu><note>n</note><tuv xml:lang="en"><seg>a <bpt i="1">&lt;b&gt;</bpt>b'
        '<ept i="1">&lt;/b&gt;</ept> <ph x="2">&lt;br/&gt;</ph> <it pos="begin">&lt;i&gt;</it>'
        '<hi type="x">h<ph>p</ph></hi><ut>u</ut><bpt i="3">&lt;a title="<sub>t</sub>"&gt;</bpt>'
        "</seg></tuv></tu></body></tmx>"
    )
    dtd = _dtd()
    assert dtd.validate(doc), dtd.error_log.filter_from_errors()


def test_dtd_is_shipped_as_ours() -> None:
    text = DTD_PATH.read_text(encoding="utf-8")
    assert "TMX 1.4b" in text and "LISA" in text
    for element in ("tmx", "header", "body", "tu", "tuv", "seg", "note", "prop", "ude"):
        assert f"<!ELEMENT {element} " in text
    for element in ("map", "bpt", "ept", "it", "ph", "hi", "ut", "sub"):
        assert f"<!ELEMENT {element} " in text


# --------------------------------------------------------------------------- Moses / summary


def test_moses(written: Path, alignment: Alignment) -> None:
    src = (written / "alignment.ru").read_text(encoding="utf-8").split("\n")
    tgt = (written / "alignment.en").read_text(encoding="utf-8").split("\n")
    assert src[-1] == "" and tgt[-1] == ""
    src, tgt = src[:-1], tgt[:-1]
    n_parallel = sum(1 for b in alignment.beads if b.src and b.tgt)
    assert len(src) == len(tgt) == n_parallel == 3
    assert src[1] == f"{SRC_SENTENCES[1]} {SRC_SENTENCES[2]}".replace("\t", " ")
    assert tgt[2] == f"{TGT_SENTENCES[3]} {TGT_SENTENCES[4]}"
    assert SRC_SENTENCES[3] not in "\n".join(src)  # the omission is skipped
    assert TGT_SENTENCES[2] not in "\n".join(tgt)  # and so is the addition


def test_moses_same_language(tmp_path: Path) -> None:
    alignment = make_alignment("en", "en")
    paths = formats.write_outputs(alignment, tmp_path / "o", ["moses"])
    assert [p.name for p in paths] == [
        "alignment.src.en",
        "alignment.moses.tsv",
        "alignment.tgt.en",
    ]
    counts = [len(p.read_text(encoding="utf-8").splitlines()) for p in paths]
    assert counts == [3, 4, 3]  # the bead map has a header


def test_summary(written: Path, alignment: Alignment) -> None:
    raw = (written / "summary.json").read_text(encoding="utf-8")
    assert "сводка" in raw
    data = json.loads(raw)
    assert data["signature"] == alignment.signature
    assert data["beads"] == 5 and data["mean_drift"] == 0.51


# --------------------------------------------------------------------------- atomic output


def _temp_dirs(parent: Path) -> list[str]:
    return [p.name for p in parent.iterdir() if ".tmp-" in p.name]


def _boom(alignment: Alignment, directory: Path) -> Path:
    (directory / "alignment.tmx").write_text("<partial", encoding="utf-8")
    raise RuntimeError("disk on fire")


def test_failure_leaves_no_output(
    alignment: Alignment, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(formats.WRITERS, "tmx", _boom)
    out = tmp_path / "out"
    with pytest.raises(RuntimeError, match="disk on fire"):
        formats.write_outputs(alignment, out)
    assert not out.exists()
    assert _temp_dirs(tmp_path) == []


def test_failure_keeps_previous_output(
    alignment: Alignment, written: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = {p.name: p.read_bytes() for p in written.iterdir()}
    monkeypatch.setitem(formats.WRITERS, "tmx", _boom)
    alignment.beads = alignment.beads[:1]
    with pytest.raises(RuntimeError):
        formats.write_outputs(alignment, written)
    assert {p.name: p.read_bytes() for p in written.iterdir()} == before
    assert _temp_dirs(written.parent) == []


def test_rewrite_replaces_previous_output(alignment: Alignment, written: Path) -> None:
    alignment.beads = alignment.beads[:2]
    formats.write_outputs(alignment, written)
    lines = (written / "alignment.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    assert _temp_dirs(written.parent) == []


def test_foreign_files_are_refused_and_kept(alignment: Alignment, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    (out / "alignment.jsonl").write_text("old\n", encoding="utf-8")
    with pytest.raises(AlignError, match=r"notes.txt.*--force") as info:
        formats.write_outputs(alignment, out, ["jsonl", "summary"])
    assert str(out) in str(info.value)
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert (out / "alignment.jsonl").read_text(encoding="utf-8") == "old\n"
    assert _temp_dirs(tmp_path) == []


def test_empty_existing_dir(alignment: Alignment, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    formats.write_outputs(alignment, out, ["vecalign"])
    assert sorted(p.name for p in out.iterdir()) == [formats.MARKER_NAME, "alignment.vecalign"]


def test_outdir_is_a_file(alignment: Alignment, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.write_text("x", encoding="utf-8")
    with pytest.raises(AlignError, match="exists and is not a directory"):
        formats.write_outputs(alignment, out)
    assert out.read_text(encoding="utf-8") == "x"
    assert _temp_dirs(tmp_path) == []


def test_new_outdir_has_normal_permissions(alignment: Alignment, tmp_path: Path) -> None:
    reference = tmp_path / "reference"
    reference.mkdir()
    out = tmp_path / "nested" / "out"
    formats.write_outputs(alignment, out, ["summary"])
    assert stat.S_IMODE(os.stat(out).st_mode) == stat.S_IMODE(os.stat(reference).st_mode)


# --------------------------------------------------------------------------- read_jsonl


def test_read_jsonl_errors(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"src": [0]}\n\n{"src": [1],\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"line 3: not valid JSON") as info:
        formats.read_jsonl(path)
    assert str(path) in str(info.value)

    path.write_text('{"src": [0]}\n[1, 2]\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"line 2: expected a JSON object, got list"):
        formats.read_jsonl(path)

    with pytest.raises(InputError, match="cannot read"):
        formats.read_jsonl(tmp_path / "missing.jsonl")

    path.write_bytes(b'{"a": "\xff"}\n')
    with pytest.raises(InputError, match="not UTF-8"):
        formats.read_jsonl(path)


# --------------------------------------------------------------------------- review state


def test_every_export_carries_review_state(alignment: Alignment, tmp_path: Path) -> None:
    b = alignment.beads
    b[0].confirmed = True
    b[1].note = "«مرحبا» kept on purpose\tsee\nstyle guide & <rules>"
    b[1].edited, b[1].version = True, 3
    b[2].confirmed = True  # an omission: no TMX unit, no Moses line, still in JSONL/TSV
    out = tmp_path / "o"
    formats.write_outputs(alignment, out)

    records = formats.read_jsonl(out / "alignment.jsonl")
    review = [{k: r[k] for k in ("confirmed", "note", "edited", "version")} for r in records]
    assert review[0] == {"confirmed": True, "note": "", "edited": False, "version": 0}
    assert review[1] == {"confirmed": False, "note": b[1].note, "edited": True, "version": 3}
    assert review[2]["confirmed"] is True

    rows = [line.split("\t") for line in (out / "alignment.tsv").read_text().splitlines()]
    head = rows[0]
    col = {name: head.index(name) for name in ("confirmed", "edited", "version", "note")}
    assert rows[1][col["confirmed"]] == "true" and rows[3][col["confirmed"]] == "true"
    assert rows[2][col["note"]] == "«مرحبا» kept on purpose see style guide & <rules>"
    assert (rows[2][col["edited"]], rows[2][col["version"]]) == ("true", "3")

    tree = etree.parse(str(out / "alignment.tmx"))
    dtd = _dtd()
    assert dtd.validate(tree), dtd.error_log.filter_from_errors()
    tus = {tu.get("tuid"): tu for tu in tree.getroot().iter("tu")}
    assert tus["1"].find("prop[@type='x-confirmed']").text == "true"
    assert tus["2"].find("prop[@type='x-confirmed']").text == "false"
    assert tus["2"].find("prop[@type='x-edited']").text == "true"
    assert tus["2"].find("prop[@type='x-review-version']").text == "3"
    assert tus["2"].find("note").text == b[1].note
    assert tus["1"].find("note") is None

    moses = [line.split("\t") for line in (out / "alignment.moses.tsv").read_text().splitlines()]
    assert moses[0] == list(formats.MOSES_BEADS_COLUMNS)
    # Moses lines 1..3 are beads 1, 2 and 5 (the omission and addition have no line).
    assert [(r[0], r[1], r[2]) for r in moses[1:]] == [
        ("1", "1", "true"),
        ("2", "2", "false"),
        ("3", "5", "false"),
    ]
    assert moses[2][5] == "«مرحبا» kept on purpose see style guide & <rules>"


def test_summary_bead_numbers_are_the_report_rows(alignment: Alignment, tmp_path: Path) -> None:
    # bead numbers in summary.json are matched to the beads by their sentences, from 1.
    alignment.summary["most_drifted"] = [
        {"bead": 2, "src": [3], "tgt": [], "drift": 1.0},
        {"bead": 3, "src": [], "tgt": [2], "drift": 1.0},
    ]
    formats.write_outputs(alignment, tmp_path / "o", ["summary", "jsonl"])
    most = json.loads((tmp_path / "o" / "summary.json").read_text())["most_drifted"]
    assert [m["bead"] for m in most] == [3, 4]
    records = formats.read_jsonl(tmp_path / "o" / "alignment.jsonl")
    for m in most:
        rec = records[m["bead"] - 1]
        assert rec["bead"] == m["bead"] and (rec["src"], rec["tgt"]) == (m["src"], m["tgt"])
    assert alignment.summary["most_drifted"][0]["bead"] == 2  # the in-memory summary untouched
