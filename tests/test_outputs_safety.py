"""Output folders: nothing of the user's is lost, nothing stale stays, nothing half-written.

No model is loaded here: every refusal must happen before the slow work, and
the writers are exercised with the hand-made alignment of test_formats.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from align import cli, formats
from align.errors import AlignError
from tests.test_formats import make_alignment

ROOT = Path(__file__).resolve().parents[1]


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _temp_dirs(parent: Path) -> list[str]:
    return [p.name for p in parent.iterdir() if ".tmp-" in p.name or ".old-" in p.name]


# --------------------------------------------------------------------------- check_outdir


def test_check_outdir_accepts_new_empty_and_own_folders(tmp_path: Path) -> None:
    formats.check_outdir(tmp_path / "new" / "deeper")
    (tmp_path / "empty").mkdir()
    formats.check_outdir(tmp_path / "empty")
    formats.write_outputs(make_alignment(), tmp_path / "ours", ["jsonl"])
    formats.check_outdir(tmp_path / "ours")
    assert not (tmp_path / "new").exists()  # checking creates nothing
    assert _names(tmp_path) == ["empty", "ours"]


def test_check_outdir_refuses_a_file_on_the_way(tmp_path: Path) -> None:
    (tmp_path / "file.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(AlignError, match=r"file.txt is a file, not a folder"):
        formats.check_outdir(tmp_path / "file.txt" / "sub")
    with pytest.raises(AlignError, match=r"file.txt: exists and is not a directory"):
        formats.check_outdir(tmp_path / "file.txt")
    assert (tmp_path / "file.txt").read_text(encoding="utf-8") == "mine"


def test_check_outdir_refuses_a_place_that_takes_no_folders() -> None:
    if not Path("/proc/self").exists():
        pytest.skip("no /proc")
    with pytest.raises(AlignError, match=r"/proc/x: cannot write there"):
        formats.check_outdir(Path("/proc/x"))


def test_check_outdir_refuses_an_unwritable_parent(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can write into a read-only folder")
    parent = tmp_path / "ro"
    parent.mkdir()
    parent.chmod(0o500)
    try:
        with pytest.raises(AlignError, match=r"cannot write there"):
            formats.check_outdir(parent / "out")
    finally:
        parent.chmod(0o700)


def test_check_outdir_refuses_a_foreign_folder_and_names_its_files(tmp_path: Path) -> None:
    out = tmp_path / "thesis"
    out.mkdir()
    (out / "chapter1.docx").write_bytes(b"PK")
    (out / "summary.json").write_text('{"mine": true}', encoding="utf-8")
    with pytest.raises(AlignError) as info:
        formats.check_outdir(out)
    message = str(info.value)
    assert str(out) in message and "chapter1.docx" in message and "--force" in message
    formats.check_outdir(out, force=True)  # --force: allowed
    assert _names(out) == ["chapter1.docx", "summary.json"]


# --------------------------------------------------------------------------- replacing


def test_rerun_with_fewer_formats_leaves_nothing_stale(tmp_path: Path) -> None:
    out = tmp_path / "out"
    formats.write_outputs(make_alignment(), out)
    assert "summary.json" in _names(out) and "report.html" in _names(out)
    formats.write_outputs(make_alignment(), out, ["jsonl"])
    assert _names(out) == [formats.MARKER_NAME, "alignment.jsonl"]
    marker = json.loads((out / formats.MARKER_NAME).read_text(encoding="utf-8"))
    assert marker["tool"] == "driftalign" and marker["files"] == ["alignment.jsonl"]
    assert _temp_dirs(tmp_path) == []


def test_a_file_added_to_an_output_is_not_deleted(tmp_path: Path) -> None:
    out = tmp_path / "out"
    formats.write_outputs(make_alignment(), out, ["jsonl", "tsv"])
    (out / "my-review-notes.txt").write_text("bead 3 is fine", encoding="utf-8")
    with pytest.raises(AlignError, match="my-review-notes.txt"):
        formats.write_outputs(make_alignment(), out, ["jsonl"])
    assert (out / "my-review-notes.txt").read_text(encoding="utf-8") == "bead 3 is fine"
    assert "alignment.tsv" in _names(out)


def test_force_replaces_a_foreign_folder_whole(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "old.txt").write_text("x", encoding="utf-8")
    formats.write_outputs(make_alignment(), out, ["jsonl"], force=True)
    assert _names(out) == [formats.MARKER_NAME, "alignment.jsonl"]
    assert _temp_dirs(tmp_path) == []


def test_forcing_context_reaches_the_writers(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "old.txt").write_text("x", encoding="utf-8")
    with formats.forcing():
        formats.write_outputs(make_alignment(), out, ["tsv"])
    assert _names(out) == [formats.MARKER_NAME, "alignment.tsv"]
    (out / "old.txt").write_text("x", encoding="utf-8")
    with pytest.raises(AlignError):  # outside the block: refused again
        formats.write_outputs(make_alignment(), out, ["tsv"])


def test_an_output_from_before_the_marker_is_recognised(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    summary = {"beads": 1, "signature": {"driftalign": "0.1.0", "encoder": {"model": "e5"}}}
    (out / "summary.json").write_text(json.dumps(summary), encoding="utf-8")
    (out / "alignment.jsonl").write_text("{}\n", encoding="utf-8")
    (out / "alignment.ru").write_text("x\n", encoding="utf-8")
    formats.write_outputs(make_alignment(), out, ["tsv"])
    assert _names(out) == [formats.MARKER_NAME, "alignment.tsv"]


def test_tree_outputs_get_the_marker_and_are_replaced_whole(tmp_path: Path) -> None:
    out = tmp_path / "scored"
    for run in range(2):
        tmp = formats._make_temp_dir(out)
        formats.write_outputs(make_alignment(), tmp / f"{run + 1}-a.en", ["jsonl"])
        (tmp / "ranking.json").write_text("{}", encoding="utf-8")
        formats.move_tree_into_place(tmp, out, "ranking.json", "align score")
    assert _names(out) == [formats.MARKER_NAME, "2-a.en", "ranking.json"]
    (out / "mine.txt").write_text("x", encoding="utf-8")
    with pytest.raises(AlignError, match=r"not an `align score` output folder.*mine.txt"):
        formats.check_replaceable(out, "ranking.json", "align score")


# --------------------------------------------------------------------------- the command line


def _main(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = cli.main(argv)
    return code, capsys.readouterr().err


def test_cli_refuses_a_foreign_outdir_before_loading_anything(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`score --pairs` once overwrote an unrelated summary.json; now every command refuses."""
    tsv = tmp_path / "pairs.tsv"
    tsv.write_text("Привет.\tHello.\n", encoding="utf-8")
    out = tmp_path / "project"
    out.mkdir()
    (out / "summary.json").write_text('{"my": "summary"}', encoding="utf-8")
    langs = ["--src-lang", "ru", "--tgt-lang", "en"]
    code, err = _main(["score", "--pairs", str(tsv), *langs, "-o", str(out)], capsys)
    assert code == 1 and "not an `align score` output folder" in err and "--force" in err
    code, err = _main(["run", str(tsv), str(tsv), *langs, "-o", str(out)], capsys)
    assert code == 1 and "summary.json" in err
    assert (out / "summary.json").read_text(encoding="utf-8") == '{"my": "summary"}'
    code, err = _main(["run", str(tsv), str(tsv), *langs, "-o", str(tsv / "sub")], capsys)
    assert code == 1 and "pairs.tsv is a file, not a folder" in err
    assert _names(tmp_path) == ["pairs.tsv", "project"]


_SLOW_WRITE = """
import sys, time
from pathlib import Path
from align import cli, formats
from tests.test_formats import make_alignment

def slow(alignment, directory):
    (directory / "alignment.jsonl").write_text("half", encoding="utf-8")
    Path(sys.argv[2]).write_text("writing", encoding="utf-8")
    time.sleep(120)
    return directory / "alignment.jsonl"

def command(args):
    formats.write_outputs(make_alignment(), args.outdir, ["tsv", "jsonl"])
    return 0

formats.WRITERS["jsonl"] = slow
cli.COMMANDS["run"] = command
sys.exit(cli.main(["run", "a", "b", "--src-lang", "ru", "--tgt-lang", "en", "-o", sys.argv[1]]))
"""


def _ctrl_c_as_in_a_terminal() -> None:
    """A job started in the background by a non-interactive shell (``pytest &``, CI
    wrappers) inherits SIGINT ignored, and Python then never raises KeyboardInterrupt:
    the child gets the default back, as a command typed in a terminal has it."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_mid_write_leaves_the_previous_output_and_no_temp(
    tmp_path: Path, sig: signal.Signals
) -> None:
    out = tmp_path / "out"
    formats.write_outputs(make_alignment(), out, ["vecalign"])
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    ready = tmp_path / "ready"
    proc = subprocess.Popen(
        [sys.executable, "-c", _SLOW_WRITE, str(out), str(ready)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_ctrl_c_as_in_a_terminal,
    )
    try:
        for _ in range(600):  # wait (at most a minute) until it is inside the writer
            if ready.exists() or proc.poll() is not None:
                break
            time.sleep(0.1)
        assert ready.exists(), proc.communicate()[1]
        assert _temp_dirs(tmp_path), "the writer should be writing into a temporary folder"
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    if sig == signal.SIGTERM:
        assert proc.returncode == 143 and "align: terminated" in err
    else:
        assert proc.returncode == 130 and "align: interrupted" in err
    assert _temp_dirs(tmp_path) == []
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_a_symbolic_link_is_refused(tmp_path: Path) -> None:
    real = tmp_path / "real"
    formats.write_outputs(make_alignment(), real, ["jsonl"])
    link = tmp_path / "link"
    link.symlink_to(real)
    with pytest.raises(AlignError, match=r"link: is a symbolic link"):
        formats.write_outputs(make_alignment(), link, ["tsv"])
    assert _names(real) == [formats.MARKER_NAME, "alignment.jsonl"] and link.is_symlink()
