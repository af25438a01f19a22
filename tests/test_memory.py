"""Freed heap memory goes back to the operating system (glibc)."""

from __future__ import annotations

import pytest

from align import memory


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096 / 2**20


@pytest.mark.skipif(memory._libc() is None, reason="needs glibc (malloc_trim, mallinfo2)")
def test_release_returns_scattered_free_heap() -> None:
    # 1 KB blocks come from malloc (not Python's small-object pool); keeping every
    # tenth alive leaves ~90 MB of holes that free() alone cannot hand back
    blocks = [bytes(1024) + bytes([i % 256]) for i in range(100_000)]
    kept = blocks[::10]
    del blocks
    assert memory.free_heap() > 64 << 20
    assert not memory.release(limit=1 << 40)  # under the limit: nothing done
    before = _rss_mb()
    assert memory.release(limit=64 << 20)
    assert before - _rss_mb() > 20
    assert len(kept) == 10_000


def test_release_is_harmless_without_glibc(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(memory, "_libc", lambda: None)
    assert memory.free_heap() == 0 and memory.release(0) is False
