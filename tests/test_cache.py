"""The embedding cache: re-runs read back everything, and damage never changes a result."""

from __future__ import annotations

import logging
import os
import sqlite3
import struct
from pathlib import Path

import numpy as np
import pytest

from align.encoders.cache import CachedEncoder, _digest

TEXTS = [
    "Der Rat hat den Vorschlag gestern angenommen.",
    "Le Conseil a adopté la proposition hier.",
    "Nous avons envoyé 70 tonnes de vivres.",
    "x",
]


@pytest.fixture(scope="module")
def inner(e5):  # type: ignore[no-untyped-def]
    return e5.inner if isinstance(e5, CachedEncoder) else e5


@pytest.fixture(scope="module")
def truth(inner):  # type: ignore[no-untyped-def]
    """Vectors and sums straight from the model, no cache involved."""
    return inner.encode(TEXTS), inner.sentence_states(TEXTS)


def _filled(inner, folder: Path) -> Path:  # type: ignore[no-untyped-def]
    cache = CachedEncoder(inner, folder)
    cache.encode(TEXTS)
    cache.sentence_states(TEXTS[::-1])
    cache.close()  # checkpoints the WAL: everything is in the main file
    return cache.path


def _same_results(inner, folder: Path, truth) -> CachedEncoder:  # type: ignore[no-untyped-def]
    cache = CachedEncoder(inner, folder)
    vecs, states = truth
    assert np.allclose(cache.encode(TEXTS), vecs, atol=1e-5)
    got = cache.sentence_states(TEXTS)
    assert got is not None
    for a, b in zip(got, states, strict=True):
        assert a.count == b.count and np.allclose(a.total, b.total, atol=1e-4)
        assert a.tokens is not None and b.tokens is not None
        assert a.tokens.spans == b.tokens.spans
        for layer in b.tokens.layers:
            assert np.allclose(a.tokens.layers[layer], b.tokens.layers[layer], atol=2e-3)
    return cache


def _warned_about(caplog, path: Path) -> None:  # type: ignore[no-untyped-def]
    lines = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(lines) == 1 and str(path) in lines[0] and "\n" not in lines[0], lines


def _moved_aside(path: Path) -> None:
    assert list(path.parent.glob(path.name + ".corrupt-*")), list(path.parent.iterdir())


def test_a_rerun_reads_back_sums_and_token_vectors(inner, tmp_path, truth) -> None:  # type: ignore[no-untyped-def]
    _filled(inner, tmp_path)
    cache = _same_results(inner, tmp_path, truth)
    assert cache.misses == 0 and cache.hits == 2 * len(TEXTS)
    # a text stored only as a sentence is served to encode() from its sum
    fresh = CachedEncoder(inner, tmp_path / "other")
    fresh.sentence_states(["Ein neuer Satz."], tokens=False)
    before = fresh.misses
    assert np.allclose(
        fresh.encode(["Ein neuer Satz."]), inner.encode(["Ein neuer Satz."]), atol=1e-5
    )
    assert fresh.misses == before


def test_token_states_are_served_from_the_cache(inner, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _filled(inner, tmp_path)
    cache = CachedEncoder(inner, tmp_path)
    got = cache.token_states(TEXTS)
    want = inner.token_states(TEXTS)
    assert cache.misses == 0 and got is not None and want is not None
    for a, b in zip(got, want, strict=True):
        assert a.spans == b.spans
        assert np.allclose(np.asarray(a.layers[8], np.float32), b.layers[8], atol=2e-3)


def test_scrambled_header_is_moved_aside(inner, tmp_path, truth, caplog) -> None:  # type: ignore[no-untyped-def]
    path = _filled(inner, tmp_path)
    with open(path, "r+b") as fh:
        fh.write(os.urandom(16))
    with caplog.at_level(logging.WARNING):
        _same_results(inner, tmp_path, truth)
    _warned_about(caplog, path)
    _moved_aside(path)


def test_truncated_file_is_moved_aside(inner, tmp_path, truth, caplog) -> None:  # type: ignore[no-untyped-def]
    path = _filled(inner, tmp_path)
    size = path.stat().st_size
    with open(path, "r+b") as fh:
        fh.truncate(size // 2)
    with caplog.at_level(logging.WARNING):
        _same_results(inner, tmp_path, truth)
    _warned_about(caplog, path)
    _moved_aside(path)


def test_zeroed_pages_are_moved_aside(inner, tmp_path, truth, caplog) -> None:  # type: ignore[no-untyped-def]
    path = _filled(inner, tmp_path)
    data = bytearray(path.read_bytes())
    page = struct.unpack(">H", data[16:18])[0] or 65536
    assert len(data) >= 4 * page
    data[page : 3 * page] = bytes(2 * page)  # the schema's neighbours: table roots and rows
    path.write_bytes(bytes(data))
    with caplog.at_level(logging.WARNING):
        _same_results(inner, tmp_path, truth)
    _warned_about(caplog, path)
    _moved_aside(path)


def test_a_directory_in_its_place_is_moved_aside(inner, tmp_path, truth, caplog) -> None:  # type: ignore[no-untyped-def]
    path = CachedEncoder(inner, tmp_path).path
    path.unlink()
    path.mkdir()
    (path / "something").write_text("not ours")
    with caplog.at_level(logging.WARNING):
        _same_results(inner, tmp_path, truth)
    _warned_about(caplog, path)
    _moved_aside(path)
    assert path.is_file()


def test_a_short_vector_is_caught(inner, tmp_path, truth, caplog) -> None:  # type: ignore[no-untyped-def]
    path = _filled(inner, tmp_path)
    with sqlite3.connect(path) as db:
        for k, v in db.execute("SELECT k, v FROM vec").fetchall():
            db.execute("UPDATE vec SET v = ?, c = ? WHERE k = ?", (v[:100], _digest(v[:100]), k))
    with caplog.at_level(logging.WARNING):
        cache = _same_results(inner, tmp_path, truth)
    _warned_about(caplog, path)
    _moved_aside(path)
    cache.close()
    again = _same_results(inner, tmp_path, truth)  # the fresh file works
    assert again.misses == 0


def test_nan_vectors_are_caught(inner, tmp_path, truth, caplog) -> None:  # type: ignore[no-untyped-def]
    """Finite values are checked on their own: a NaN row with a valid checksum is refused."""
    path = _filled(inner, tmp_path)
    with sqlite3.connect(path) as db:
        for k, n in db.execute("SELECT k, n FROM sent").fetchall():
            bad = np.full(inner.dim, np.nan, dtype="<f4").tobytes()
            check = _digest(bad, int(n).to_bytes(8, "little", signed=True))
            db.execute("UPDATE sent SET total = ?, c = ? WHERE k = ?", (bad, check, k))
    with caplog.at_level(logging.WARNING):
        _same_results(inner, tmp_path, truth)
    _warned_about(caplog, path)
    _moved_aside(path)


def test_a_flipped_byte_in_token_vectors_is_caught(inner, tmp_path, truth, caplog) -> None:  # type: ignore[no-untyped-def]
    path = _filled(inner, tmp_path)
    with sqlite3.connect(path) as db:
        k, blob = db.execute("SELECT k, tokens FROM sent LIMIT 1").fetchone()
        bad = bytearray(blob)
        bad[-3] ^= 0xFF
        db.execute("UPDATE sent SET tokens = ? WHERE k = ?", (bytes(bad), k))
    with caplog.at_level(logging.WARNING):
        _same_results(inner, tmp_path, truth)
    _warned_about(caplog, path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_is_bypassed(inner, tmp_path, truth, caplog) -> None:  # type: ignore[no-untyped-def]
    path = _filled(inner, tmp_path)
    tmp_path.chmod(0o555)
    try:
        with caplog.at_level(logging.WARNING):
            cache = _same_results(inner, tmp_path, truth)
        _warned_about(caplog, path)
        assert cache.db is None and path.exists()
    finally:
        tmp_path.chmod(0o755)


def test_an_unwritable_place_is_bypassed(inner, tmp_path, truth, caplog) -> None:  # type: ignore[no-untyped-def]
    """A cache folder that cannot be created (a file is in the way): no cache, same results."""
    blocker = tmp_path / "file"
    blocker.write_text("in the way")
    with caplog.at_level(logging.WARNING):
        cache = _same_results(inner, blocker / "cache", truth)
    assert cache.db is None
    lines = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(lines) == 1 and str(blocker / "cache") in lines[0]
