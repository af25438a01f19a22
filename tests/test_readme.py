"""The README's library example runs as written, with the real model."""

from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path

from .conftest import ROOT


def _library_example() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Library") :]
    match = re.search(r"```python\n(.*?)```", section, re.S)
    assert match, "the README's Library section has no python example"
    return match.group(1)


def test_readme_library_example_runs(tmp_path: Path) -> None:
    code = _library_example()
    out = io.StringIO()
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(code, "README.md", "exec"), {"__name__": "readme_example"})
    finally:
        os.chdir(cwd)
    printed = out.getvalue()
    assert "number_mismatch" in printed  # 70 -> 700 tonnes
    assert "model:e5" in printed  # the signature's short form
    assert (tmp_path / "out" / "api-example" / "alignment.jsonl").is_file()
    assert (tmp_path / "out" / "api-example" / "report.html").is_file()
    assert not (tmp_path / "out" / "api-example" / "alignment.tmx").exists()
    # the careful translation ranks first
    assert printed.splitlines()[-1].startswith("[('2-careful'")
