"""Reading input files: good text comes back normalised, bad files get actionable errors."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from align.errors import InputError
from align.reading import (
    check_lengths,
    check_not_identical,
    check_pair,
    read_pairs,
    read_text,
)

RU = "Это важно, т. е. необходимо. Следующее предложение. Мы уже направили туда грузы.\n"
AR = "قال د. أحمد إن الوضع صعب. هل هذا صحيح؟ نعم، بالتأكيد. الرئيس محمود عباس في موسكو.\n"
ZH = "我们很高兴。你好吗？好的！中华人民共和国主席习近平今天在北京会见了来访的总统。\n"
FR = "Le café était très bon, l'élève a répondu à la question. Où est-ce ?\n"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def problem(path: Path) -> str:
    with pytest.raises(InputError) as info:
        read_text(path)
    assert info.value.path == str(path)
    return info.value.problem


def test_plain_utf8(tmp_path: Path) -> None:
    path = write(tmp_path, "read_ok.txt", "Привет.\nHello.\n".encode())
    assert read_text(path) == "Привет.\nHello.\n"
    assert read_text(str(path)) == "Привет.\nHello.\n"


def test_bom_and_crlf_normalised(tmp_path: Path) -> None:
    path = write(tmp_path, "read_bom.txt", b"\xef\xbb\xbfFirst line.\r\nSecond.\r\n\r\nThird.\rEnd")
    assert read_text(path) == "First line.\nSecond.\n\nThird.\nEnd"


def test_missing_file(tmp_path: Path) -> None:
    assert "not found" in problem(tmp_path / "nope.txt")


def test_directory(tmp_path: Path) -> None:
    assert "directory" in problem(tmp_path)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads all")
def test_unreadable(tmp_path: Path) -> None:
    path = write(tmp_path, "read_locked.txt", b"text")
    path.chmod(0)
    try:
        assert "cannot read" in problem(path)
    finally:
        path.chmod(0o644)


def test_empty(tmp_path: Path) -> None:
    assert problem(write(tmp_path, "read_empty.txt", b"")) == "file is empty"


@pytest.mark.parametrize("data", [b"   \n\t\r\n  ", b"\xef\xbb\xbf\n\n", "\u3000\n".encode()])
def test_whitespace_only(tmp_path: Path, data: bytes) -> None:
    assert "only whitespace" in problem(write(tmp_path, "read_ws.txt", data))


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 4,
        b"abc\x00def\x00\x01\x02\x03ghi" * 10,
        b"\x01\x02\x03\x04\x05\x06hello\x07\x08\x0e\x0f" * 20,
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
        b"PK\x03\x04\x14\x00\x06\x00",
    ],
)
def test_binary(tmp_path: Path, data: bytes) -> None:
    assert "looks like a binary file" in problem(write(tmp_path, "read_bin.dat", data))


def test_cp1251(tmp_path: Path) -> None:
    path = write(tmp_path, "read_ru.txt", RU.encode("cp1251"))
    msg = problem(path)
    assert "not valid UTF-8 (byte 0xdd at offset 0, line 1)" in msg
    assert "cp1251 (Cyrillic)" in msg
    assert "iconv -f cp1251 -t utf-8" in msg
    assert str(path) in msg


def test_cp1251_offset_points_at_first_bad_byte(tmp_path: Path) -> None:
    data = b"Hello world.\n" + "Привет.".encode("cp1251")
    msg = problem(write(tmp_path, "read_ru2.txt", data))
    assert "byte 0xcf at offset 13, line 2" in msg


def test_koi8r(tmp_path: Path) -> None:
    assert "koi8-r" in problem(write(tmp_path, "read_koi.txt", RU.encode("koi8-r")))


def test_cp1256(tmp_path: Path) -> None:
    msg = problem(write(tmp_path, "read_ar.txt", AR.encode("cp1256")))
    assert "cp1256 (Arabic)" in msg and "iconv -f cp1256" in msg


def test_gb18030(tmp_path: Path) -> None:
    msg = problem(write(tmp_path, "read_zh.txt", ZH.encode("gb18030")))
    assert "GB18030" in msg and "Chinese" in msg


def test_latin1(tmp_path: Path) -> None:
    msg = problem(write(tmp_path, "read_fr.txt", FR.encode("cp1252")))
    assert "cp1252" in msg and "latin-1" in msg


@pytest.mark.parametrize(("encoding", "name"), [("utf-16", "UTF-16"), ("utf-32", "UTF-32")])
def test_utf16_utf32_with_bom(tmp_path: Path, encoding: str, name: str) -> None:
    msg = problem(write(tmp_path, "read_wide.txt", "Hello world. Привет.\n".encode(encoding)))
    assert name in msg and "iconv" in msg


@pytest.mark.parametrize(
    ("text", "encoding", "name"),
    [
        ("The talks began in Moscow. Thank you.\n", "utf-16-le", "UTF-16LE"),
        ("The talks began in Moscow. Thank you.\n", "utf-16-be", "UTF-16BE"),
        (RU, "utf-16-le", "UTF-16LE"),
        (ZH, "utf-16-be", "UTF-16BE"),
    ],
)
def test_utf16_without_bom(tmp_path: Path, text: str, encoding: str, name: str) -> None:
    msg = problem(write(tmp_path, "read_u16.txt", text.encode(encoding)))
    assert name in msg and "binary" not in msg


# --------------------------------------------------------------------------- pairs


def test_identical_pair_refused() -> None:
    with pytest.raises(InputError, match="source and target are the same text"):
        check_pair("a.txt", "Hello.\nWorld.", "b.txt", "Hello. \r\nWorld.\n", 2, 2)


def test_different_pair_accepted() -> None:
    check_pair("a.txt", "Hello.", "b.txt", "Привет.", 1, 1)
    check_not_identical("a.txt", "Hello.", "b.txt", "Hallo.")


def test_sentence_ratio_refused() -> None:
    src, tgt = "One sentence only. " * 2, "A sentence. " * 120
    with pytest.raises(InputError) as info:
        check_pair("src.txt", src, "tgt.txt", tgt, 2, 120)
    msg = str(info.value)
    assert "src.txt" in msg and "tgt.txt" in msg
    assert "2 sentences" in msg and "120 sentences" in msg
    assert info.value.path == "src.txt"  # the short side is the suspicious one


def test_character_ratio_refused() -> None:
    with pytest.raises(InputError, match=r"characters\) differ \d+x in characters"):
        check_lengths("src.txt", "x" * 5000, "tgt.txt", "Short one.", 10, 1)


def test_tiny_inputs_do_not_trip_character_check() -> None:
    check_lengths("src.txt", "Hi.", "tgt.txt", "Hello there, how are you doing today? " * 20, 1, 20)


def test_ratio_exactly_at_limit_is_fine() -> None:
    check_lengths("src.txt", "a" * 100, "tgt.txt", "b" * 5000, 1, 50)


# --------------------------------------------------------------------------- read_pairs


def pairs_problem(path: Path) -> str:
    with pytest.raises(InputError) as info:
        read_pairs(path)
    assert info.value.path == str(path)
    return info.value.problem


def test_pairs_crlf_bom_and_no_final_newline(tmp_path: Path) -> None:
    tsv = write(tmp_path, "p.tsv", b"\xef\xbb\xbfa\tb\r\nc \t d")
    assert read_pairs(tsv) == (["a", "c"], ["b", "d"])


def test_pairs_bare_cr_inside_a_field_is_not_a_line_break(tmp_path: Path) -> None:
    tsv = write(tmp_path, "p.tsv", "Первая\rстрока\tFirst line\nВторая\tSecond\rline\r\n".encode())
    assert read_pairs(tsv) == (["Первая строка", "Вторая"], ["First line", "Second line"])


def test_pairs_classic_mac_line_ends(tmp_path: Path) -> None:
    tsv = write(tmp_path, "p.tsv", b"a\tb\rc\td\r")
    assert read_pairs(tsv) == (["a", "c"], ["b", "d"])


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("a\tb\n\u200b\tHello\n", "line 2: the source has only invisible characters (U+200B ZERO"),
        ("a\tb\nHallo\t\u200e\ufeff \u2060\n", "line 2: the translation has only invisible"),
        ("a\tb\n\nc\td\n", "line 2: empty line"),
        ("a\tb\nc d\n", "line 2: expected source<TAB>translation (found no tab)"),
        ("a\tb\tc\n", "line 1: expected source<TAB>translation (found 2 tabs)"),
        ("a\t  \n", "line 1: empty translation"),
    ],
)
def test_pairs_bad_lines_are_named(tmp_path: Path, data: str, message: str) -> None:
    assert message in pairs_problem(write(tmp_path, "p.tsv", data.encode()))


def test_pairs_file_of_only_invisible_characters(tmp_path: Path) -> None:
    problem_text = pairs_problem(write(tmp_path, "p.tsv", "\u200b\n\u200b\n".encode()))
    assert "only whitespace and invisible characters (U+200B ZERO WIDTH SPACE)" in problem_text


def test_text_file_of_only_invisible_characters(tmp_path: Path) -> None:
    path = write(tmp_path, "t.txt", "\u200b \u200f\n\u00ad\n".encode())
    assert "only whitespace and invisible characters" in problem(path)


def test_pairs_not_utf8_is_named(tmp_path: Path) -> None:
    tsv = write(tmp_path, "p.tsv", "Привет, друзья!\tHello, friends!\n".encode("cp1251"))
    assert "not valid UTF-8" in pairs_problem(tsv)
    assert "file not found" in pairs_problem(tmp_path / "missing.tsv")
