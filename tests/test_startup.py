"""Start-up: `align --help` without the model stack; a second process reuses built models."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("torch", "transformers", "tokenizers", "safetensors")


def _imported(code: str) -> set[str]:
    """Top-level modules a fresh interpreter imports running ``code`` (-X importtime)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-2000:]
    names = set()
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    return names


def test_help_does_not_import_the_model_stack() -> None:
    code = (
        "import sys; sys.argv = ['align', '--help']\n"
        "from align.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
    )
    loaded = _imported(code)
    assert "align" in loaded
    assert not loaded & set(HEAVY), loaded & set(HEAVY)


def test_encoders_package_imports_lightly() -> None:
    """Resolving names (registry, cache paths) must not pay for torch."""
    loaded = _imported("import align.encoders as e; e.registry(); e.cache_root()")
    assert not loaded & set(HEAVY), loaded & set(HEAVY)


def test_second_process_loads_without_rebuilding(e5) -> None:  # type: ignore[no-untyped-def]
    """The built model is saved in its final form: a fresh process only reads it."""
    code = (
        "from align.encoders import load\n"
        "enc = load('e5', device='cpu')\n"
        "print(enc.encode(['Доброе утро.', 'Good morning.']).shape)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "(2, 384)" in done.stdout
    assert "building" not in done.stderr


def test_every_subpackage_is_packaged() -> None:
    """pyproject.toml lists the packages a wheel holds: align.checks was missing from it,
    so `pip install .` (not editable) gave an align without its checks."""
    import tomllib
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    listed = set(
        tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(p.parent.relative_to(root).parts) for p in (root / "align").rglob("__init__.py")
    }
    assert found <= listed, sorted(found - listed)
