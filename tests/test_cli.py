"""`align` end to end: the real command, the real bundled model, the bundled example."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from align.cli import main
from align.drift_model import load_drift_model
from align.encoders import registry
from align.evaluate import read_beads
from align.formats import MARKER_NAME

from .conftest import EXAMPLES, shared

RU = EXAMPLES / "press_conference_ru.txt"
EN = EXAMPLES / "press_conference_en.txt"


@pytest.fixture(scope="module")
def example_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("run") / "out"
    code = main(
        ["-q", "run", str(RU), str(EN), "--src-lang", "ru", "--tgt-lang", "en", "-o", str(out)]
    )
    assert code == 0
    return out


def _beads(out: Path) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for line in (out / "alignment.jsonl").read_text().splitlines()]


def test_console_script_is_installed() -> None:
    done = subprocess.run(["align", "run", "--help"], capture_output=True, text=True)
    assert done.returncode == 0
    assert "--presplit" in done.stdout and "--src-lang" in done.stdout


def test_example_writes_every_format(example_out: Path) -> None:
    names = {p.name for p in example_out.iterdir()}
    assert names == {
        MARKER_NAME,
        "alignment.moses.tsv",
        "alignment.jsonl",
        "alignment.tsv",
        "alignment.vecalign",
        "alignment.tmx",
        "alignment.ru",
        "alignment.en",
        "summary.json",
        "report.html",
    }
    beads = _beads(example_out)
    for key in ("src", "tgt", "src_text", "tgt_text", "similarity", "drift", "flags", "passage"):
        assert all(key in b for b in beads)
    # document order, every sentence exactly once
    assert [i for b in beads for i in b["src"]] == list(range(21))
    assert [j for b in beads for j in b["tgt"]] == list(range(20))
    assert [(b["src"], b["tgt"]) for b in beads] == [
        (list(s), list(t)) for s, t in read_beads(example_out / "alignment.vecalign")
    ]
    summary = json.loads((example_out / "summary.json").read_text())
    assert summary["signature"]["encoder"]["model"] == "e5"
    assert summary["signature"]["aligner"]["skip"] == registry()["e5"]["skip"]  # e5's own
    assert summary["beads"] == len(beads)


def test_example_finds_the_planted_drifts(example_out: Path) -> None:
    beads = _beads(example_out)
    by_src = {tuple(b["src"]): b for b in beads}
    tonnes = next(b for b in beads if "70 тонн" in b["src_text"])
    assert "number_mismatch" in tonnes["flags"] and "700 tonnes" in tonnes["tgt_text"]
    # the two sentences about the parliament were dropped from the retranslation
    parliament = [b for b in beads if "парламент" in b["src_text"] or "компаний" in b["src_text"]]
    assert parliament and all(b["tgt"] == [] and "omission" in b["flags"] for b in parliament)
    # the .vecalign cost: unaligned sentences cost 1, faithful pairs well below it
    assert all(b["cost"] == 1.0 for b in parliament)
    assert by_src[(2,)]["cost"] < 0.6
    added = [b for b in beads if "We hope" in b["tgt_text"]]
    assert len(added) == 1 and added[0]["src"] == [] and added[0]["flags"] == ["addition"]
    # the guest's turn is retranslated; the host's is not
    icc = next(b for b in beads if "Международный уголовный суд" in b["src_text"])
    assert icc["passage"]["retranslated"] is True
    assert by_src[(1,)]["passage"]["retranslated"] is False
    # a faithful sentence stays low
    assert by_src[(2,)]["drift"] < 0.3 and by_src[(2,)]["flags"] == []
    summary = json.loads((example_out / "summary.json").read_text())
    assert summary["retranslated"]["mean_drift"] > summary["direct"]["mean_drift"]


def test_tmx_is_valid(example_out: Path) -> None:
    etree = pytest.importorskip("lxml.etree")
    dtd = etree.DTD(str(Path(__file__).resolve().parents[1] / "align" / "data" / "tmx14.dtd"))
    tree = etree.parse(str(example_out / "alignment.tmx"))
    assert dtd.validate(tree), dtd.error_log
    assert tree.find(".//prop[@type='x-drift']") is not None


def test_eval_prints_strict_and_lax(tmp_path: Path, example_out: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    hyp = example_out / "alignment.vecalign"
    assert main(["eval", str(hyp), str(hyp)]) == 0
    out = capsys.readouterr().out
    assert "strict" in out and "lax" in out and "1.0000" in out
    assert main(["eval", str(hyp)]) == 1  # odd number of files


def test_presplit_gold_document(tmp_path: Path) -> None:
    """Text+Berg test0 with --presplit keeps line indices, so gold scoring works."""
    base = shared("align", "textberg_defr", "test")
    out = tmp_path / "tb"
    assert (
        main(
            [
                "-q",
                "run",
                str(base / "test0.de"),
                str(base / "test0.fr"),
                "--src-lang",
                "de",
                "--tgt-lang",
                "fr",
                "-o",
                str(out),
                "--presplit",
                "--formats",
                "vecalign",
            ]
        )
        == 0
    )
    from align.evaluate import evaluate_files

    result = evaluate_files([(base / "test0.defr", out / "alignment.vecalign")])
    assert result["strict"]["f1"] > 0.85 and result["lax"]["f1"] > 0.95


def test_seed_pair_has_low_drift(tmp_path: Path) -> None:
    seed = shared("seed")
    out = tmp_path / "seed"
    assert (
        main(
            [
                "-q",
                "run",
                str(seed / "putin_abbas_2024_ru.txt"),
                str(seed / "putin_abbas_2024_en.txt"),
                "--src-lang",
                "ru",
                "--tgt-lang",
                "en",
                "-o",
                str(out),
                "--formats",
                "jsonl,summary",
            ]
        )
        == 0
    )
    beads = _beads(out)
    assert all(not b["flags"] for b in beads), [b for b in beads if b["flags"]]
    # drift is the calibrated chance raters would judge the meaning not preserved: no
    # bead of this faithful transcript reaches the level where it alone would be flagged
    fitted = load_drift_model("e5")
    assert fitted is not None
    assert max(b["drift"] for b in beads) < fitted.low_similarity
    assert sum(b["drift"] for b in beads) / len(beads) < 0.2
    summary = json.loads((out / "summary.json").read_text())
    assert summary["retranslated"]["passages"] > 0


# ---------------------------------------------------------------------------- bad input


def _run(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "align.cli", *args], capture_output=True, text=True
    )


def _bad(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"  \n\t\n  ", "whitespace"),
        (b"\x00\x01\x02PK\x03\x04" * 200, "binary"),
        ("Добрый день. Спасибо.".encode("cp1251"), "cp1251"),
    ],
    ids=["empty", "whitespace", "binary", "cp1251"],
)
def test_bad_source_file(tmp_path: Path, content: bytes, message: str) -> None:
    src = _bad(tmp_path, "bad.txt", content)
    out = tmp_path / "out"
    done = _run(["run", str(src), str(EN), "--src-lang", "ru", "--tgt-lang", "en", "-o", str(out)])
    assert done.returncode == 2
    assert str(src) in done.stderr and message in done.stderr.lower()
    assert "Traceback" not in done.stderr
    assert not out.exists() and list(tmp_path.iterdir()) == [src]


def test_unknown_language(tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = _run(["run", str(RU), str(EN), "--src-lang", "xx", "--tgt-lang", "en", "-o", str(out)])
    assert done.returncode == 2 and "unknown language code 'xx'" in done.stderr
    assert not out.exists()


def test_identical_source_and_target(tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = _run(["run", str(EN), str(EN), "--src-lang", "en", "--tgt-lang", "en", "-o", str(out)])
    assert done.returncode == 2 and "same text" in done.stderr
    assert not out.exists()


def test_one_side_fifty_times_longer(tmp_path: Path) -> None:
    long = _bad(tmp_path, "long.txt", (EN.read_text() * 60).encode())
    out = tmp_path / "out"
    done = _run(["run", str(RU), str(long), "--src-lang", "ru", "--tgt-lang", "en", "-o", str(out)])
    assert done.returncode == 2 and "50" in done.stderr
    assert not out.exists()


def test_missing_model(tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = _run(
        [
            "run",
            str(RU),
            str(EN),
            "--src-lang",
            "ru",
            "--tgt-lang",
            "en",
            "-o",
            str(out),
            "--model",
            str(tmp_path / "no-such-model"),
        ]
    )
    assert done.returncode == 3 and "never downloads" in done.stderr
    assert not out.exists()


def test_missing_input_file(tmp_path: Path) -> None:
    done = _run(
        [
            "run",
            str(tmp_path / "nope.txt"),
            str(EN),
            "--src-lang",
            "ru",
            "--tgt-lang",
            "en",
            "-o",
            str(tmp_path / "out"),
        ]
    )
    assert done.returncode == 2 and "nope.txt" in done.stderr


def test_models_lists_registry(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["models"]) == 0
    out = capsys.readouterr().out
    assert "e5" in out and "use-m3" in out and "local" in out


def test_quiet_and_verbose_work_after_the_command(tmp_path: Path) -> None:
    out = tmp_path / "o"
    args = ["eval", str(out / "missing.defr"), str(out / "missing.vecalign"), "-q"]
    assert main(args) == 2  # -q accepted after the command; the missing file is the error


# ---------------------------------------------------------------------------- --backend


@pytest.mark.parametrize("backend", ["fp32", "int8"])
def test_backend_option_runs_and_is_signed(tmp_path: Path, backend: str) -> None:
    """The backend chosen is the one run and named in the signature (int8: lossy, still beads)."""
    out = tmp_path / backend
    args = ["-q", "run", str(RU), str(EN), "--src-lang", "ru", "--tgt-lang", "en", "-o", str(out)]
    # pooled runs and no cache: cheap, and no int8 vectors left in the user's cache
    args += ["--backend", backend, "--device", "cpu", "--overlaps", "pooled", "--no-cache"]
    assert main([*args, "--formats", "jsonl,summary"]) == 0
    beads = _beads(out)
    assert [i for b in beads for i in b["src"]] == list(range(21))
    assert [j for b in beads for j in b["tgt"]] == list(range(20))
    summary = json.loads((out / "summary.json").read_text())
    assert summary["signature"]["encoder"]["backend"] == backend
    assert summary["signature"]["encoder"]["bf16_autocast"] is False


@pytest.mark.parametrize("command", ["run", "score", "chain", "batch", "serve", "worker", "models"])
def test_unknown_backend_is_a_usage_error(command: str, capsys) -> None:  # type: ignore[no-untyped-def]
    """Every command that loads an encoder takes --backend, its choices from quant.BACKENDS."""
    with pytest.raises(SystemExit) as exc:
        main([command, "--backend", "nonsense"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "argument --backend: invalid choice: 'nonsense'" in err and "Traceback" not in err
    choices = err.split("invalid choice")[1]
    assert all(name in choices for name in ("auto", "fp32", "bf16", "int8", "onnx"))


def test_backend_help_describes_every_choice(capsys) -> None:  # type: ignore[no-untyped-def]
    from align.encoders import quant

    assert set(quant.NOTES) == set(quant.BACKENDS)
    with pytest.raises(SystemExit):
        main(["run", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "{" + ",".join(quant.BACKENDS) + "}" in help_text
    assert "lossy" in help_text and "pip install 'driftalign[onnx]'" in help_text


def test_onnx_backend_without_onnxruntime(tmp_path: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    """A missing optional extra is a clear model error (exit 3), before any embedding."""
    from align.encoders import onnx

    monkeypatch.setattr(onnx, "available", lambda export=True: False)
    out = tmp_path / "out"
    args = ["run", str(RU), str(EN), "--src-lang", "ru", "--tgt-lang", "en", "-o", str(out)]
    assert main([*args, "--backend", "onnx", "--device", "cpu"]) == 3
    err = capsys.readouterr().err
    assert "the onnx backend needs onnxruntime" in err and "driftalign[onnx]" in err
    assert "Traceback" not in err and not out.exists()


def _example_args(out: Path) -> list[str]:
    return ["run", str(RU), str(EN), "--src-lang", "ru", "--tgt-lang", "en", "-o", str(out)]


def test_fast_needs_the_fitted_encoder(tmp_path: Path) -> None:
    """--fast without a built e5-fast says how to build it (exit 3), before writing anything."""
    import os

    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "align.cli", *_example_args(out), "--fast"],
        capture_output=True,
        text=True,
        env=dict(os.environ, DRIFTALIGN_CACHE=str(tmp_path / "cache")),
    )
    assert done.returncode == 3 and "build_fast_encoder.py" in done.stderr
    assert not out.exists()


def test_fast_and_model_are_one_choice(tmp_path: Path) -> None:
    done = _run([*_example_args(tmp_path / "out"), "--fast", "--model", "use-m3"])
    assert done.returncode == 2 and "--fast" in done.stderr


def test_fast_aligns_with_the_static_encoder(tmp_path: Path) -> None:
    """Where e5-fast is built, --fast runs it with the static encoder's own band and merge
    price, and the output's signature says so."""
    from align.encoders import cache_root
    from align.encoders.static import DIR_NAME, is_static

    if not is_static(cache_root() / "models" / DIR_NAME):
        pytest.skip("e5-fast is not built (scripts/build_fast_encoder.py)")
    out = tmp_path / "out"
    assert main([*_example_args(out), "--fast", "--formats", "jsonl,summary"]) == 0
    summary = json.loads((out / "summary.json").read_text())
    sig = summary["signature"]
    assert sig["encoder"]["model"] == "e5-fast" and sig["encoder"]["kind"] == "static"
    assert sig["aligner"]["overlaps"] == "pooled" and sig["aligner"]["window"] == 5
    assert sig["aligner"]["merge_penalty"] == 0.02
    # no token vectors: no member check, and each long document is its own reference
    assert sig["drift"]["members"]["enabled"] is False
    assert sig["drift"]["semantic"] == "rescaled cosine" and sig["drift"]["reference_beads"] == 20
    beads = [json.loads(x) for x in (out / "alignment.jsonl").read_text().splitlines()]
    assert len(beads) >= 10
