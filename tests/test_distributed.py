"""`align batch --ray`: a real two-node local Ray cluster, a worker killed mid-run.

The cluster is started as a user would (``ray start --head`` and a second
node with ``ray start --address``); the batch runs in a subprocess, one
worker process is killed with SIGKILL while pairs are being aligned, and
every pair must come out once, identical to the single-process batch.
Skipped when Ray is not installed (``pip install 'driftalign[ray]'``).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("ray")

from align.cli import main  # noqa: E402

from .test_batch import PAIRS  # noqa: E402

RAY = shutil.which("ray") or str(Path(sys.executable).with_name("ray"))
ENV = os.environ | {"RAY_USAGE_STATS_ENABLED": "0", "RAY_DEDUP_LOGS": "0"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _ray(*args: str) -> None:
    subprocess.run([RAY, *args], env=ENV, check=True, capture_output=True, timeout=180)


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    subprocess.run([RAY, "stop", "--force"], env=ENV, capture_output=True, timeout=120)
    port = _free_port()
    address = f"127.0.0.1:{port}"
    _ray("start", "--head", f"--port={port}", "--num-cpus=1", "--include-dashboard=false")
    try:
        _ray("start", f"--address={address}", "--num-cpus=1")
        yield address
    finally:
        subprocess.run([RAY, "stop", "--force"], env=ENV, capture_output=True, timeout=120)


def _corpus(root: Path, copies: int = 2) -> Path:
    """Six pairs: the three test pairs, each twice under another id."""
    lines = []
    for k in range(copies):
        for pid, ru, en in PAIRS:
            name = f"{pid}{k}"
            (root / f"{name}.ru").write_text(ru, encoding="utf-8")
            (root / f"{name}.en").write_text(en, encoding="utf-8")
            lines.append(f"{name}.ru\t{name}.en\tru\ten\t{name}")
    manifest = root / "pairs.tsv"
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return manifest


def _worker_pids() -> list[int]:
    """Processes of our Ray actors (their process title names the actor class)."""
    out = subprocess.run(["pgrep", "-f", "ray::_Worker"], capture_output=True, text=True)
    return [int(p) for p in out.stdout.split()]


def _outputs(outdir: Path) -> dict[str, object]:
    """Every pair's files, with the run time (the one thing allowed to differ) removed."""
    seen: dict[str, object] = {}
    for folder in sorted(p for p in outdir.iterdir() if p.is_dir()):
        seen[folder.name + "/alignment.jsonl"] = (folder / "alignment.jsonl").read_text()
        seen[folder.name + "/alignment.tsv"] = (folder / "alignment.tsv").read_text()
        summary = json.loads((folder / "summary.json").read_text())
        summary.pop("seconds")
        seen[folder.name + "/summary.json"] = summary
    return seen


@pytest.mark.slow
def test_ray_batch_survives_a_killed_worker_and_matches_local(cluster: str, tmp_path: Path) -> None:
    manifest = _corpus(tmp_path)
    local = tmp_path / "local"
    common = ["--manifest", str(manifest), "--no-cache"]
    assert main(["-q", "batch", *common, "-o", str(local)]) == 0

    distributed = tmp_path / "ray"
    run = subprocess.Popen(
        [sys.executable, "-m", "align.cli", "-q", "batch", *common, "-o", str(distributed)]
        + ["--ray", cluster, "--workers", "2"],
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    # Kill one worker once both are up and the first pair is written (or 60 s later).
    killed = None
    both_up = None
    deadline = time.monotonic() + 600
    while killed is None and time.monotonic() < deadline and run.poll() is None:
        pids = _worker_pids()
        if len(pids) >= 2 and both_up is None:
            both_up = time.monotonic()
        written = distributed.exists() and any(distributed.glob("*/summary.json"))
        if both_up is not None and (written or time.monotonic() - both_up > 60):
            killed = pids[0]
            os.kill(killed, signal.SIGKILL)
        time.sleep(0.1)
    stdout, stderr = run.communicate(timeout=900)
    assert killed is not None, f"no worker to kill: {stderr[-2000:]}"
    assert run.returncode == 0, stderr[-3000:]

    corpus = json.loads((distributed / "corpus.json").read_text())
    assert (corpus["pairs"], corpus["done"], corpus["failed"]) == (6, 6, 0)
    assert _outputs(distributed) == _outputs(local)
    assert corpus["documents"] == json.loads((local / "corpus.json").read_text())["documents"]
