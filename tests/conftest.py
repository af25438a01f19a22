"""Shared fixtures. Models are built once into the user cache (as `align run` does)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "align" / "data"
SHARED = ROOT.parent / "shared" / "data"


def shared(*parts: str) -> Path:
    """A path under ../shared/data, or skip the test when it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path


@pytest.fixture(scope="session")
def aligner():  # type: ignore[no-untyped-def]
    """The library's Aligner with the default encoder, loaded once for the session."""
    from align import Aligner

    return Aligner("e5")


@pytest.fixture(scope="session")
def e5(aligner):  # type: ignore[no-untyped-def]
    return aligner.encoder
