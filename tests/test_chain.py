"""`align chain`: attributing drift to the hop of ORIGINAL -> INTERPRETATION -> RETRANSLATION.

The end-to-end tests run the real encoder with ``--model use-m3`` (it covers
Arabic, Russian and English and is fast on CPU); the composition tests use
hand-made beads so the edge cases do not depend on the aligner.
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

from align.chain import CHAIN_NAME, CHAIN_SUMMARY_NAME, attribute, compose, parse_langs
from align.cli import main
from align.errors import AlignError
from align.formats import MARKER_NAME
from align.types import Alignment, Document, Passage, ScoredBead, Sentence

FAST = ["--model", "use-m3"]
LANGS = ["--langs", "ar,ru,en"]

# Six sentences. The interpreter turns 70 into 700 tonnes (hop1 drift) and
# drops the thanks (hop1 omission); the English, made from the Russian,
# moves the meeting from 12 to 21 March (hop2 drift). Everything else is faithful.
ORIGINAL = """\
وصل الرئيس إلى موسكو صباح اليوم. استمرت المحادثات مع الجانب الروسي أكثر من ثلاث ساعات.
أرسلت بلادنا 70 طنا من المساعدات الإنسانية إلى المنطقة. \
نحن نشكر الشعب الروسي على دعمه المستمر لنا طوال هذه السنوات الصعبة.
سيعقد الاجتماع القادم للجنة المشتركة في 12 مارس. نأمل أن يتحقق السلام في منطقتنا قريبا.
"""
INTERPRETATION = """\
Президент прибыл в Москву сегодня утром. Переговоры с российской стороной длились более трёх часов.
Наша страна направила в регион 700 тонн гуманитарной помощи.
Следующее заседание совместной комиссии состоится 12 марта. \
Мы надеемся, что мир в нашем регионе скоро наступит.
"""
RETRANSLATION = """\
The president arrived in Moscow this morning. The talks with the Russian side lasted more than \
three hours.
Our country sent 700 tonnes of humanitarian aid to the region.
The next meeting of the joint commission will take place on 21 March. \
We hope that peace will soon come to our region.
"""
HOP1_NUMBER, DROPPED, HOP2_NUMBER = 2, 3, 4  # original sentence indices
FAITHFUL = (0, 1, 5)


def _run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def texts(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    d = tmp_path_factory.mktemp("chain-texts")
    paths = []
    for name, text in (
        ("speech.ar", ORIGINAL),
        ("interp.ru", INTERPRETATION),
        ("en", RETRANSLATION),
    ):
        path = d / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture(scope="module")
def chain_out(texts: list[Path], tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    outdir = tmp_path_factory.mktemp("chain-run") / "out"
    code, printed, err = _run(["chain", *map(str, texts), *LANGS, "-o", str(outdir), *FAST])
    assert code == 0, err
    return outdir, printed


def _unit_of(records: list[dict], orig: int) -> dict:
    (unit,) = [r for r in records if orig in r["orig"]]
    return unit


# --------------------------------------------------------------------------- end to end


def test_writes_three_alignments_and_the_chain(chain_out: tuple[Path, str]) -> None:
    outdir, printed = chain_out
    names = sorted(p.name for p in outdir.iterdir())
    assert names == [
        MARKER_NAME,
        CHAIN_NAME,
        CHAIN_SUMMARY_NAME,
        "direct-ar-en",
        "hop1-ar-ru",
        "hop2-ru-en",
    ]
    for d in ("direct-ar-en", "hop1-ar-ru", "hop2-ru-en"):
        assert (outdir / d / "alignment.jsonl").is_file()
        assert (outdir / d / "summary.json").is_file()
    assert "hop1-ar-ru" in printed and "chain units" in printed
    assert not [p for p in outdir.parent.iterdir() if p.name.startswith(".")]  # no temp dirs


def test_attribution_per_unit(chain_out: tuple[Path, str]) -> None:
    records = _jsonl(chain_out[0] / CHAIN_NAME)

    number1 = _unit_of(records, HOP1_NUMBER)
    assert number1["attribution"] == "hop1"
    assert "number_mismatch" in number1["flags_hop1"]
    assert not number1["flags_hop2"]
    assert "number_mismatch" in number1["flags_direct"]  # the cross-check agrees

    number2 = _unit_of(records, HOP2_NUMBER)
    assert number2["attribution"] == "hop2"
    assert "number_mismatch" in number2["flags_hop2"]
    assert not number2["flags_hop1"]

    dropped = _unit_of(records, DROPPED)
    assert dropped["attribution"] == "hop1"
    assert dropped["flags_hop1"] == ["omission"]
    assert dropped["interp"] == [] and dropped["retrans"] == []
    assert dropped["drift_hop2"] is None  # hop2 never saw it

    for i in FAITHFUL:
        unit = _unit_of(records, i)
        assert unit["attribution"] == "none", unit
        assert unit["drift_hop1"] < 0.4 and unit["drift_hop2"] < 0.4


def test_every_sentence_in_exactly_one_unit_in_order(chain_out: tuple[Path, str]) -> None:
    records = _jsonl(chain_out[0] / CHAIN_NAME)
    for key, n in (("orig", 6), ("interp", 5), ("retrans", 5)):
        seen = [i for r in records for i in r[key]]
        assert sorted(seen) == list(range(n))
        assert seen == sorted(seen)  # document order
    assert [r["unit"] for r in records] == list(range(len(records)))


def test_summary(chain_out: tuple[Path, str]) -> None:
    summary = json.loads((chain_out[0] / CHAIN_SUMMARY_NAME).read_text(encoding="utf-8"))
    assert summary["attribution"] == {"hop1": 2, "hop2": 1, "both": 0, "none": 3}
    assert summary["units"] == 6
    assert set(summary["hops"]) == {"hop1", "hop2", "direct"}
    assert summary["hops"]["hop1"]["omissions"] == 1
    assert summary["hops"]["hop1"]["mean_drift"] > summary["hops"]["hop2"]["mean_drift"]
    top = summary["most_drifted"][0]
    assert top["attribution"] == "hop1" and top["drift_hop1"] == 1.0  # the omission
    assert summary["signature"]["chain"]["threshold"] == 0.4
    assert "encoder" in summary["signature"]


def test_failure_while_writing_leaves_nothing(
    texts: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
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
        main(["-q", "chain", *map(str, texts), *LANGS, "-o", str(outdir), *FAST])
    assert len(calls) == 2
    assert list(tmp_path.iterdir()) == []  # neither OUTDIR nor a temporary directory


# --------------------------------------------------------------------------- CLI errors


@pytest.mark.parametrize("langs", ["ar,ru", "ar,ru,en,de", "ar,,en"])
def test_langs_must_be_three_codes(texts: list[Path], tmp_path: Path, langs: str) -> None:
    outdir = tmp_path / "out"
    code, _, err = _run(["chain", *map(str, texts), "--langs", langs, "-o", str(outdir), *FAST])
    assert code == 1 and "three comma-separated codes" in err
    assert not outdir.exists()


def test_unknown_language(texts: list[Path], tmp_path: Path) -> None:
    outdir = tmp_path / "out"
    code, _, err = _run(["chain", *map(str, texts), "--langs", "ar,xx,en", "-o", str(outdir)])
    assert code == 2 and str(texts[1]) in err
    assert not outdir.exists()


def test_refuses_a_foreign_outdir(texts: list[Path], tmp_path: Path) -> None:
    outdir = tmp_path / "out"
    outdir.mkdir()
    (outdir / "notes.txt").write_text("mine", encoding="utf-8")
    code, _, err = _run(["chain", *map(str, texts), *LANGS, "-o", str(outdir), *FAST])
    assert code == 1 and "not an `align chain` output" in err
    assert [p.name for p in outdir.iterdir()] == ["notes.txt"]


def test_parse_langs() -> None:
    assert parse_langs(" ar, ru ,en") == ("ar", "ru", "en")
    with pytest.raises(AlignError):
        parse_langs("ar;ru;en")


# --------------------------------------------------------------------------- composition


def _doc(lang: str, n: int) -> Document:
    sentences = [Sentence(i, f"{lang}{i}", 0) for i in range(n)]
    return Document(lang, sentences, [Passage(0)])


def _bead(
    src: tuple[int, ...], tgt: tuple[int, ...], drift: float = 0.0, *flags: str
) -> ScoredBead:
    return ScoredBead(src, tgt, "", "", None, drift, list(flags))


def _alignment(src: Document, tgt: Document, beads: list[ScoredBead]) -> Alignment:
    return Alignment(src, tgt, beads, {}, {})


def test_compose_components_and_additions() -> None:
    o, i, r = _doc("ar", 4), _doc("ru", 4), _doc("en", 4)
    hop1 = _alignment(
        o,
        i,
        [
            _bead((0,), (0,)),
            _bead((1, 2), (1,), 0.1),  # 2:1 in hop1 ...
            _bead((), (2,), 1.0, "addition"),  # the interpreter added a sentence
            _bead((3,), (3,), 0.5),
        ],
    )
    hop2 = _alignment(
        i,
        r,
        [
            _bead((0,), (0,)),
            _bead((1, 2), (1,), 0.2),  # ... and the addition merged with it in hop2
            _bead((), (2,), 1.0, "addition"),  # the retranslator added one
            _bead((3,), (3,), 0.45),
        ],
    )
    direct = _alignment(o, r, [_bead((0,), (0,)), _bead((1, 2, 3), (1, 2, 3), 0.7)])
    units = compose(hop1, hop2, direct)
    assert [(u["orig"], u["interp"], u["retrans"]) for u in units] == [
        ([0], [0], [0]),
        ([1, 2], [1, 2], [1]),
        ([], [], [2]),
        ([3], [3], [3]),
    ]
    assert [u["attribution"] for u in units] == ["none", "hop1", "hop2", "both"]
    assert units[1]["drift_hop1"] == 1.0  # the max over the unit's beads, not a mean
    assert units[1]["beads_hop1"] == [1, 2]
    assert units[2]["drift_hop1"] is None and units[2]["beads_direct"] == [1]
    assert units[3]["drift_direct"] == 0.7  # a direct bead may straddle units


def test_attribute() -> None:
    assert attribute(True, False) == "hop1"
    assert attribute(False, True) == "hop2"
    assert attribute(True, True) == "both"
    assert attribute(False, False) == "none"
