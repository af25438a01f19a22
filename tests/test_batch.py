"""`align batch`: a corpus aligned with one model load, resumable, failures recorded."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

from align.batch import (
    CORPUS_NAME,
    INDEX_NAME,
    local_work,
    pair_directories,
    read_manifest,
    run_batch,
)
from align.cli import main
from align.errors import AlignError, InputError

# Short pairs written for these tests: (id, Russian, English).
PAIRS = [
    (
        "lisbon",
        "Министр прибыл в Лиссабон в понедельник. Переговоры длились четыре часа.\n"
        "Стороны договорились создать рабочую группу.\n",
        "The minister arrived in Lisbon on Monday. The talks lasted four hours.\n"
        "The parties agreed to set up a working group.\n",
    ),
    (
        "aid",
        "Наша страна направила 70 тонн продовольствия. Мы продолжим помогать.\n",
        "Our country has sent 700 tonnes of food. We will continue to help.\n",
    ),
    (
        "water",
        "Рабочая группа займётся водными ресурсами. Её первое заседание состоится в марте.\n",
        "The working group will deal with water resources. Its first meeting is in March.\n",
    ),
]


def write_corpus(root: Path, broken: bool = False) -> Path:
    """Files for PAIRS (and an empty source when ``broken``) and a manifest with a header."""
    lines = ["source\ttarget\tsrc_lang\ttgt_lang\tid"]
    for pid, ru, en in PAIRS:
        (root / f"{pid}.ru.txt").write_text(ru, encoding="utf-8")
        (root / f"{pid}.en.txt").write_text(en, encoding="utf-8")
        lines.append(f"{pid}.ru.txt\t{pid}.en.txt\tru\ten\t{pid}")
    if broken:
        (root / "empty.ru.txt").write_text("", encoding="utf-8")
        (root / "empty.en.txt").write_text("Some text.\n", encoding="utf-8")
        lines.append("empty.ru.txt\tempty.en.txt\tru\ten\tempty")
    manifest = root / "pairs.tsv"
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return manifest


def test_manifest_columns_defaults_and_relative_paths(tmp_path: Path) -> None:
    (tmp_path / "m.tsv").write_text("a/x.txt\tb/x.txt\n/abs/y.txt\tb/y.txt\tde\tfr\tmine\n")
    pairs = read_manifest(tmp_path / "m.tsv", "ru", "en")
    assert [p.id for p in pairs] == ["x", "mine"]
    assert pairs[0].source == tmp_path / "a/x.txt" and pairs[0].src_lang == "ru"
    assert pairs[1].source == Path("/abs/y.txt") and (pairs[1].src_lang, pairs[1].tgt_lang) == (
        "de",
        "fr",
    )


def test_manifest_ids_are_unique_and_safe(tmp_path: Path) -> None:
    (tmp_path / "m.tsv").write_text("a/x.txt\tb/x.txt\nc/x.txt\td/x.txt\ne\tf\tru\ten\t../../etc\n")
    ids = [p.id for p in read_manifest(tmp_path / "m.tsv", "ru", "en")]
    assert ids == ["x", "x-2", "etc"]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("only-one-column\n", "line 1: expected"),
        ("a\tb\n", "line 1: no language given"),
        ("source\ttarget\tlanguage\na\tb\n", "unknown column(s) language"),
        ("\n\n# a comment\n", "no pairs"),
    ],
)
def test_bad_manifest_names_the_file_and_line(tmp_path: Path, content: str, problem: str) -> None:
    path = tmp_path / "m.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_manifest(path, None, None)
    assert str(path) in str(err.value) and problem in str(err.value)


def test_two_folders_matched_by_name(tmp_path: Path) -> None:
    for d in ("ru", "en"):
        (tmp_path / d).mkdir()
    for name in ("a.txt", "b.txt"):
        (tmp_path / "ru" / name).write_text("x")
        (tmp_path / "en" / name).write_text("y")
    (tmp_path / "ru" / "lonely.txt").write_text("z")
    pairs = pair_directories(tmp_path / "ru", tmp_path / "en", "ru", "en")
    assert [(p.id, p.source.name, p.target.name) for p in pairs] == [
        ("a", "a.txt", "a.txt"),
        ("b", "b.txt", "b.txt"),
    ]
    with pytest.raises(AlignError, match="--src-lang"):
        pair_directories(tmp_path / "ru", tmp_path / "en", None, "en")


def test_batch_writes_every_pair_records_failures_and_resumes(aligner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pairs = read_manifest(write_corpus(tmp_path, broken=True), None, None)
    out = tmp_path / "out"
    sig = aligner.signature()
    first = run_batch(pairs, out, sig, local_work(aligner, False))
    assert [o.status for o in first.outcomes] == ["aligned", "aligned", "aligned", "failed"]
    assert "file is empty" in str(first.failed[0].error)
    for pid, _, _ in PAIRS:  # each pair: a complete `align run` folder
        summary = json.loads((out / pid / "summary.json").read_text())
        assert summary["signature"]["encoder"]["model"] == "e5"
        assert (out / pid / "report.html").is_file()
    assert not (out / "empty").exists()
    corpus = json.loads((out / CORPUS_NAME).read_text())
    assert (corpus["pairs"], corpus["done"], corpus["failed"]) == (4, 3, 1)
    failed = [d for d in corpus["documents"] if d["status"] == "failed"]
    assert failed[0]["id"] == "empty" and "file is empty" in failed[0]["error"]
    aid = next(d for d in corpus["documents"] if d["id"] == "aid")
    assert aid["flagged"] >= 1  # 70 -> 700 tonnes
    assert corpus["most_drifted"][0] == "aid"
    index = (out / INDEX_NAME).read_text()
    assert 'href="aid/report.html"' in index and "failed" in index
    # resume: nothing done twice, the failed pair tried again
    again = run_batch(pairs, out, sig, local_work(aligner, False))
    assert [o.status for o in again.outcomes] == ["skipped", "skipped", "skipped", "failed"]
    # another signature (other parameters): everything redone
    other = dict(sig) | {"aligner": {"max_bead": 3}}
    redo = run_batch(pairs[:1], out, other, local_work(aligner, False))
    assert [o.status for o in redo.outcomes] == ["aligned"]


def test_an_interrupted_batch_resumes_where_it_stopped(aligner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pairs = read_manifest(write_corpus(tmp_path), None, None)
    out = tmp_path / "out"
    work = local_work(aligner, False)

    def stop_after_first(batch):  # type: ignore[no-untyped-def]
        for n, item in enumerate(work(batch)):
            if n == 1:
                raise KeyboardInterrupt
            yield item

    with pytest.raises(KeyboardInterrupt):
        run_batch(pairs, out, aligner.signature(), stop_after_first)
    assert (out / "lisbon" / "summary.json").is_file() and not (out / "aid").exists()
    assert not [p for p in out.iterdir() if ".tmp-" in p.name]  # nothing half-written
    resumed = run_batch(pairs, out, aligner.signature(), work)
    assert [o.status for o in resumed.outcomes] == ["skipped", "aligned", "aligned"]


def test_cli_batch_exit_code_and_output(tmp_path: Path) -> None:
    manifest = write_corpus(tmp_path, broken=True)
    out = tmp_path / "out"
    stdout = io.StringIO()
    with contextlib.redirect_stdout(stdout):
        code = main(["batch", "--manifest", str(manifest), "-o", str(out), "--model", "use-m3"])
    assert code == 2  # one pair failed, the others are written
    text = stdout.getvalue()
    assert "4 pairs: 3 done" in text and "failed empty:" in text
    assert (out / "lisbon" / "alignment.jsonl").is_file()
    with contextlib.redirect_stdout(io.StringIO()) as again:
        assert (
            main(["batch", "--manifest", str(manifest), "-o", str(out), "--model", "use-m3"]) == 2
        )
    assert "(3 already done before)" in again.getvalue()


def test_cli_batch_takes_the_omissions_preset(tmp_path: Path) -> None:
    """`align batch --omissions lenient`: its skip and member thresholds are what the pairs
    were aligned with (the signature says so), and a corpus aligned with another preset is
    not taken as done."""
    from align.encoders import skip_score
    from align.members import PRESETS

    manifest = write_corpus(tmp_path)
    out = tmp_path / "out"
    args = ["batch", "--manifest", str(manifest), "-o", str(out), "--model", "use-m3", "-q"]
    assert main([*args, "--omissions", "lenient"]) == 0
    summary = json.loads((out / "lisbon" / "summary.json").read_text(encoding="utf-8"))
    sig = summary["signature"]
    assert sig["aligner"]["skip"] == PRESETS["lenient"].skip("use-m3") == 1.5 * skip_score("use-m3")
    assert sig["drift"]["members"]["gain"] == PRESETS["lenient"].members.gain
    with contextlib.redirect_stdout(io.StringIO()) as again:
        assert main([*args[:-1], "--omissions", "strict"]) == 0
    assert "3 done (0 already done before)" in again.getvalue()
