"""`align score`: ranking translations of one source, and scoring sentence pairs (QE).

The end-to-end tests run the real encoder; they use ``--model use-m3`` to stay
fast, except one small pairs test with the default model.
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

from align.cli import main
from align.errors import InputError
from align.formats import MARKER_NAME
from align.ranking import source_groups, texts_by_group
from align.reading import read_pairs
from align.types import ScoredBead

FAST = ["--model", "use-m3"]
LANGS = ["--src-lang", "ru", "--tgt-lang", "en"]

SOURCE = """\
Министр иностранных дел прибыл в Лиссабон в понедельник. Переговоры длились более четырёх часов.
Наша страна уже направила в регион 70 тонн продовольствия. До конца года мы планируем отправить \
ещё две колонны с грузами.
Стороны договорились создать совместную рабочую группу по водным ресурсам. Её первое заседание \
состоится 12 марта.
"""
FAITHFUL = """\
The foreign minister arrived in Lisbon on Monday. The talks lasted more than four hours.
Our country has already sent 70 tonnes of food to the region. By the end of the year we plan to \
send two more convoys with cargo.
The parties agreed to set up a joint working group on water resources. Its first meeting will \
take place on 12 March.
"""
# 70 -> 700 tonnes, and the sentence about the convoys dropped
DRIFTED = """\
The foreign minister arrived in Lisbon on Monday. The negotiations went on for over four hours.
Our country has already delivered 700 tonnes of food to the region.
The sides agreed to form a joint water working group. Its first session is scheduled for March 12.
"""
REFERENCE = """\
The Minister of Foreign Affairs arrived in Lisbon on Monday. The talks went on for more than \
four hours.
Our country has already sent 70 tons of food to the region. We plan to send two more convoys of \
cargo before the end of the year.
The parties agreed to establish a joint working group on water resources. Its first meeting will \
be held on March 12.
"""

PAIRS = [
    ("Доброе утро, друзья.", "Good morning, friends."),
    ("Мы отправили 700 тонн.", "We sent 70 tonnes."),  # planted number mismatch
    ("Переговоры длились четыре часа.", "The talks lasted four hours."),
    ("Река замёрзла в декабре.", "The river froze in December."),
    ("Я люблю читать книги.", "I love reading books."),
    ("Завтра будет дождь.", "It will rain tomorrow."),
    ("Она работает врачом в больнице.", "She works as a doctor in a hospital."),
    ("Мы отправили 70 тонн.", "We sent 70 tonnes."),  # the faithful twin
]
PLANTED, FAITHFUL_TWIN = 1, 7


def _run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def texts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("texts")
    paths = {}
    for name, text in (
        ("source.ru", SOURCE),
        ("faithful.en", FAITHFUL),
        ("drifted.en", DRIFTED),
        ("ref.en", REFERENCE),
    ):
        paths[name] = d / f"{name}.txt"
        paths[name].write_text(text, encoding="utf-8")
    return paths


@pytest.fixture(scope="module")
def scored(texts: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """One `align score` run with a reference: (OUTDIR, what it printed)."""
    outdir = tmp_path_factory.mktemp("score") / "out"
    # the drifted translation first, so that ranking has to reorder
    code, printed, err = _run(
        ["score", str(texts["source.ru"]), str(texts["drifted.en"]), str(texts["faithful.en"])]
        + ["--reference", str(texts["ref.en"]), "-o", str(outdir), *LANGS, *FAST]
    )
    assert code == 0, err
    return outdir, printed


@pytest.fixture(scope="module")
def pairs_tsv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pairs") / "pairs.tsv"
    path.write_text("".join(f"{s}\t{t}\n" for s, t in PAIRS), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- documents


def test_ranking_puts_the_faithful_translation_first(scored: tuple[Path, str]) -> None:
    outdir, printed = scored
    ranking = json.loads((outdir / "ranking.json").read_text(encoding="utf-8"))
    entries = ranking["translations"]
    assert [e["dir"] for e in entries] == ["2-faithful.en", "1-drifted.en"]
    assert [e["rank"] for e in entries] == [1, 2]
    faithful, drifted = entries
    assert faithful["mean_drift"] < drifted["mean_drift"]
    assert drifted["omissions"] >= 1 and drifted["number_mismatches"] >= 1
    assert faithful["omissions"] == 0 and faithful["flagged"] == 0
    assert ranking["source"]["sentences"] == 6
    assert ranking["signature"]["encoder"]["model"] == "use-m3"
    # the printed table: faithful on the first row, metric columns, signatures below
    rows = printed.splitlines()
    assert "chrF++" in rows[0] and "TER" in rows[0]
    assert rows[1].split()[:2] == ["1", "2-faithful.en"]
    assert any(line.startswith("chrF++: nrefs:1|") for line in rows)


def test_every_translation_gets_the_usual_files(scored: tuple[Path, str]) -> None:
    outdir, _ = scored
    assert {p.name for p in outdir.iterdir()} == {
        MARKER_NAME,
        "1-drifted.en",
        "2-faithful.en",
        "reference-1-ref.en",
        "ranking.json",
    }
    for name in ("1-drifted.en", "2-faithful.en"):
        files = {p.name for p in (outdir / name).iterdir()}
        assert {"alignment.jsonl", "alignment.tsv", "summary.json", "report.html"} <= files
        assert "reference_scores.jsonl" in files
        beads = _jsonl(outdir / name / "alignment.jsonl")
        assert [i for b in beads for i in b["src"]] == list(range(6))
    reference_files = {p.name for p in (outdir / "reference-1-ref.en").iterdir()}
    assert "alignment.jsonl" in reference_files and "reference_scores.jsonl" not in reference_files
    assert not [p for p in outdir.parent.iterdir() if p.name.startswith(".")]  # no temp dirs


def test_reference_metrics_with_signatures(scored: tuple[Path, str]) -> None:
    outdir, _ = scored
    ranking = json.loads((outdir / "ranking.json").read_text(encoding="utf-8"))
    by_dir = {e["dir"]: e["metrics"] for e in ranking["translations"]}
    faithful, drifted = by_dir["2-faithful.en"], by_dir["1-drifted.en"]
    for m in (faithful, drifted):
        assert set(m) == {"segments", "bleu", "chrf", "ter"}
        assert m["bleu"]["signature"].startswith("nrefs:1|") and "tok:13a" in m["bleu"]["signature"]
        assert "nw:2" in m["chrf"]["signature"]  # chrF++, not chrF
        assert "tok:tercom" in m["ter"]["signature"]
    assert faithful["chrf"]["score"] > drifted["chrf"]["score"]
    assert faithful["bleu"]["score"] > drifted["bleu"]["score"]
    assert faithful["ter"]["score"] < drifted["ter"]["score"]
    assert ranking["references"][0]["dir"] == "reference-1-ref.en"


def test_reference_scores_follow_the_beads(scored: tuple[Path, str]) -> None:
    outdir, _ = scored
    d = outdir / "1-drifted.en"
    beads, scores = _jsonl(d / "alignment.jsonl"), _jsonl(d / "reference_scores.jsonl")
    assert [s["bead"] for s in scores] == list(range(1, len(beads) + 1))
    for bead, s in zip(beads, scores, strict=True):
        assert len(s["references"]) == 1 and s["bleu"] is not None and s["chrf"] is not None
        if bead["tgt"] == []:  # the dropped sentence: its reference is there, the score is 0
            assert "convoys" in s["references"][0] and s["chrf"] == 0.0
    tonnes = next(s for b, s in zip(beads, scores, strict=True) if "700" in b["tgt_text"])
    assert "70 tons" in tonnes["references"][0]


def test_rerun_replaces_an_earlier_score_output(texts: dict[str, Path], tmp_path: Path) -> None:
    outdir = tmp_path / "out"
    args = [*LANGS, *FAST, "-o", str(outdir)]
    src, a, b = (str(texts[k]) for k in ("source.ru", "faithful.en", "drifted.en"))
    assert _run(["-q", "score", src, a, b, *args])[0] == 0
    assert _run(["-q", "score", src, b, *args])[0] == 0
    assert {p.name for p in outdir.iterdir()} == {"1-drifted.en", "ranking.json", MARKER_NAME}
    ranking = json.loads((outdir / "ranking.json").read_text(encoding="utf-8"))
    assert ranking["translations"][0]["metrics"] is None  # no --reference
    assert ranking["references"] == []
    assert not (outdir / "1-drifted.en" / "reference_scores.jsonl").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_refuses_to_replace_a_foreign_directory(texts: dict[str, Path], tmp_path: Path) -> None:
    outdir = tmp_path / "mine"
    outdir.mkdir()
    (outdir / "notes.txt").write_text("keep me")
    code, _, err = _run(
        ["score", str(texts["source.ru"]), str(texts["faithful.en"]), "-o", str(outdir)]
        + [*LANGS, *FAST]
    )
    assert code == 1 and "not an `align score` output" in err
    assert [p.name for p in outdir.iterdir()] == ["notes.txt"]


def test_failure_while_writing_leaves_nothing(
    texts: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import align.outputs

    real = align.outputs.write_outputs
    calls = []

    def failing(*args, **kwargs):
        calls.append(args)
        if len(calls) == 2:
            raise OSError("disk full")
        return real(*args, **kwargs)

    monkeypatch.setattr(align.outputs, "write_outputs", failing)
    outdir = tmp_path / "out"
    with pytest.raises(OSError, match="disk full"):
        main(
            ["-q", "score", str(texts["source.ru"]), str(texts["faithful.en"])]
            + [str(texts["drifted.en"]), "-o", str(outdir), *LANGS, *FAST]
        )
    assert len(calls) == 2
    assert list(tmp_path.iterdir()) == []  # neither OUTDIR nor a temporary directory


# --------------------------------------------------------------------------- pairs


def test_pairs_one_object_per_line_in_order(pairs_tsv: Path, tmp_path: Path) -> None:
    outdir = tmp_path / "qe"
    argv = ["score", "--pairs", str(pairs_tsv), "-o", str(outdir), *LANGS, *FAST]
    code, printed, err = _run(argv)
    assert code == 0, err
    beads = _jsonl(outdir / "alignment.jsonl")
    assert len(beads) == len(PAIRS)
    for i, (bead, (src, tgt)) in enumerate(zip(beads, PAIRS, strict=True)):
        assert bead["src"] == [i] and bead["tgt"] == [i]
        assert (bead["src_text"], bead["tgt_text"]) == (src, tgt)
    planted, twin = beads[PLANTED], beads[FAITHFUL_TWIN]
    assert "number_mismatch" in planted["flags"]
    assert any(r["type"] == "number_mismatch" for r in planted["reasons"])
    assert twin["flags"] == [] and twin["drift"] < planted["drift"]
    assert "pairs/s" in printed and f"scored {len(PAIRS)} pairs" in printed
    summary = json.loads((outdir / "summary.json").read_text(encoding="utf-8"))
    assert summary["mode"] == "pairs" and summary["beads"] == len(PAIRS)
    assert "aligner" not in summary["signature"]


def test_pairs_with_the_default_model(pairs_tsv: Path, tmp_path: Path) -> None:
    outdir = tmp_path / "qe"
    code, _, err = _run(["-q", "score", "--pairs", str(pairs_tsv), "-o", str(outdir), *LANGS])
    assert code == 0, err
    beads = _jsonl(outdir / "alignment.jsonl")
    assert [b["src"] for b in beads] == [[i] for i in range(len(PAIRS))]
    assert beads[FAITHFUL_TWIN]["drift"] < beads[PLANTED]["drift"]
    assert "number_mismatch" in beads[PLANTED]["flags"]
    summary = json.loads((outdir / "summary.json").read_text(encoding="utf-8"))
    assert summary["signature"]["encoder"]["model"] == "e5"


@pytest.mark.parametrize(
    ("content", "line", "problem"),
    [
        ("a\tb\nc d\ne\tf\n", 2, "found no tab"),
        ("a\tb\nc\td\ne\tf\tg\n", 3, "found 2 tabs"),
        ("a\tb\n\nc\td\n", 2, "empty line"),
        ("a\tb\n \tc\n", 2, "empty source"),
        ("a\tb\nc\t\n", 2, "empty translation"),
    ],
)
def test_bad_pairs_line(tmp_path: Path, content: str, line: int, problem: str) -> None:
    tsv = tmp_path / "bad.tsv"
    tsv.write_text(content, encoding="utf-8")
    outdir = tmp_path / "qe"
    code, _, err = _run(["score", "--pairs", str(tsv), "-o", str(outdir), *LANGS, *FAST])
    assert code == 2
    assert f"bad.tsv: line {line}: " in err and problem in err
    assert not outdir.exists()


def test_read_pairs_tolerates_crlf_and_no_final_newline(tmp_path: Path) -> None:
    tsv = tmp_path / "p.tsv"
    tsv.write_bytes("\ufeffa \tb\r\nc\t d".encode())
    assert read_pairs(tsv) == (["a", "c"], ["b", "d"])
    tsv.write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        read_pairs(tsv)


@pytest.mark.parametrize(
    "argv",
    [
        ["score", "SRC", "TR", "--pairs", "P.tsv"],  # both forms
        ["score", "SRC"],  # no translation
        ["score"],  # nothing to score
        ["score", "--pairs", "P.tsv", "--reference", "REF"],  # references need documents
    ],
)
def test_usage_errors_exit_1(tmp_path: Path, argv: list[str]) -> None:
    outdir = tmp_path / "out"
    code, _, err = _run([*argv, "-o", str(outdir), *LANGS])
    assert code == 1 and "align: error:" in err
    assert not outdir.exists()


# --------------------------------------------------------------------------- the mapping


def _bead(src: tuple[int, ...], tgt: tuple[int, ...], text: str) -> ScoredBead:
    return ScoredBead(src, tgt, "", text, None, 0.0)


def test_groups_join_what_any_alignment_joins() -> None:
    translation = [_bead((0,), (0,), "A"), _bead((1,), (1,), "B"), _bead((2,), (2,), "C")]
    reference = [_bead((0, 1), (0,), "AB"), _bead((2,), (), "")]
    groups = source_groups(3, [translation, reference])
    assert groups == [0, 0, 1]
    assert texts_by_group(translation, groups) == ["A B", "C"]
    assert texts_by_group(reference, groups) == ["AB", ""]


def test_additions_join_the_group_before_them() -> None:
    beads = [
        _bead((), (0,), "lead"),  # before any source sentence: the first group
        _bead((0,), (1,), "A"),
        _bead((), (2,), "extra"),
        _bead((1,), (3,), "B"),
    ]
    groups = source_groups(2, [beads])
    assert groups == [0, 1]
    assert texts_by_group(beads, groups) == ["lead A extra", "B"]
