"""The review service left running: host allow-list, token, body limits, cancellation, CLI.

Real app, real jobs (use-m3, the fast encoder) on SQLite by default, or on
the database named by DRIFTALIGN_TEST_DB.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

import httpx  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from align.encoders import cache_root  # noqa: E402
from align.service.app import MAX_EDIT_BYTES, create_app  # noqa: E402

from .test_service import DB_URL, MODEL, SOURCE, TARGET  # noqa: E402

BASE = "http://localhost"
TOKEN = "correct horse battery staple"


def _submit(client: TestClient, source: str = SOURCE, target: str = TARGET) -> str:
    body = {"source_text": source, "target_text": target, "src_lang": "ru", "tgt_lang": "en"}
    r = client.post("/api/jobs", json=body | {"model": MODEL})
    assert r.status_code == 202, r.text
    return r.json()["id"]


def _wait(client: TestClient, job_id: str, timeout: float = 180) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        r = client.get(f"/api/jobs/{job_id}")
        assert r.status_code == 200, r.text
        job = r.json()
        if job["status"] in ("done", "failed"):
            return job
        assert time.monotonic() < deadline, f"job {job_id} still {job['status']}"
        time.sleep(0.05)


def long_pair(sentences: int) -> tuple[str, str]:
    """A pair no embedding cache has seen (random numbers), long enough to take a while."""
    rnd = random.Random()
    src, tgt = [], []
    for i in range(sentences):
        a, b = rnd.randrange(10**6, 10**7), rnd.randrange(1900, 2100)
        src.append(f"В пункте {i} доклада номер {a} говорится о бюджете на {b} год.")
        tgt.append(f"Paragraph {i} of report number {a} discusses the budget for {b}.")
    return "\n".join(src) + "\n", "\n".join(tgt) + "\n"


@pytest.fixture(scope="module")
def fresh_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """An empty embedding cache (so long_pair really embeds) over the already built models."""
    models = cache_root() / "models"
    tmp = tmp_path_factory.mktemp("emb-cache")
    (tmp / "models").symlink_to(models.resolve(), target_is_directory=True)
    old = os.environ.get("DRIFTALIGN_CACHE")
    os.environ["DRIFTALIGN_CACHE"] = str(tmp)
    yield tmp
    if old is None:
        os.environ.pop("DRIFTALIGN_CACHE", None)
    else:
        os.environ["DRIFTALIGN_CACHE"] = old


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory, fresh_cache: Path) -> Iterator[TestClient]:
    app = create_app(
        db_url=DB_URL, data_dir=tmp_path_factory.mktemp("sec-data"), default_model=MODEL
    )
    with TestClient(app, base_url=BASE) as c:
        yield c
    app.state.store.dispose()


@pytest.fixture(scope="module")
def done_job(client: TestClient) -> str:
    job_id = _submit(client)
    assert _wait(client, job_id)["status"] == "done"
    return job_id


def _idle_app(tmp_path: Path, **kw: Any) -> Any:
    """An app whose process runs no jobs (nothing here needs one)."""
    return create_app(data_dir=tmp_path, default_model=MODEL, run_jobs=False, **kw)


# --------------------------------------------------------------------------- Host header


def test_other_hosts_are_refused_by_default(tmp_path: Path) -> None:
    app = _idle_app(tmp_path)
    for base in ("http://localhost", "http://127.0.0.1:8000", "http://[::1]:8000"):
        with TestClient(app, base_url=base) as c:
            assert c.get("/api/jobs").status_code == 200, base
    with TestClient(app, base_url="http://evil.example") as c:
        r = c.get("/api/jobs")
        assert r.status_code == 400 and "evil.example" in r.json()["detail"]
        assert "--allowed-host" in r.json()["detail"]
        assert c.get("/").status_code == 400
        assert c.post("/api/jobs", json={}).status_code == 400
    # A rebinding page's own name, with the port, is no better.
    with TestClient(app, base_url="http://attacker.example:8000") as c:
        assert c.get("/api/jobs").status_code == 400
    app.state.store.dispose()


def test_allowed_hosts_extend_the_list(tmp_path: Path) -> None:
    app = _idle_app(tmp_path, allowed_hosts=["localhost", "review.intranet"])
    with TestClient(app, base_url="http://REVIEW.intranet:8000") as c:
        assert c.get("/api/jobs").status_code == 200
    with TestClient(app, base_url="http://other.intranet") as c:
        assert c.get("/api/jobs").status_code == 400
    app.state.store.dispose()
    app = _idle_app(tmp_path, allowed_hosts=["*"])
    with TestClient(app, base_url="http://anything.example") as c:
        assert c.get("/api/jobs").status_code == 200
    app.state.store.dispose()


# --------------------------------------------------------------------------- token


def test_token_is_required_and_checked(tmp_path: Path) -> None:
    app = _idle_app(tmp_path, token=TOKEN)
    with TestClient(app, base_url=BASE) as c:
        r = c.get("/api/jobs")
        assert r.status_code == 401 and r.headers["www-authenticate"].startswith("Bearer")
        assert "Authorization: Bearer" in r.json()["detail"]
        page = c.get("/", headers={"accept": "text/html"})
        assert page.status_code == 401 and "?token=" in page.text
        assert c.get("/static/app.js").status_code == 401
        assert c.get("/openapi.json").status_code == 401
        assert c.post("/api/jobs", json={}).status_code == 401
        wrong = {"authorization": "Bearer " + TOKEN[:-1] + "X"}
        assert c.get("/api/jobs", headers=wrong).status_code == 401
        assert c.get("/api/jobs", headers={"authorization": TOKEN}).status_code == 401
        ok = {"authorization": f"Bearer {TOKEN}"}
        assert c.get("/api/jobs", headers=ok).status_code == 200
        assert c.get("/api/jobs", headers={"authorization": f"bearer {TOKEN}"}).status_code == 200
    app.state.store.dispose()


def test_browser_logs_in_once_with_the_token_in_the_url(tmp_path: Path) -> None:
    app = _idle_app(tmp_path, token=TOKEN)
    with TestClient(app, base_url=BASE, follow_redirects=False) as c:
        assert c.get("/", params={"token": "nope"}).status_code == 401
        assert not c.cookies
        r = c.get("/", params={"token": TOKEN, "job": "x"})
        assert r.status_code == 303 and r.headers["location"] == "/?job=x"  # token dropped
        cookie = r.headers["set-cookie"]
        assert "HttpOnly" in cookie and "samesite=strict" in cookie.lower()
        assert TOKEN.split()[0] not in cookie  # a derived value, not the token itself
        # The client now holds the cookie: pages and API work without a header.
        assert c.get("/").status_code == 200
        assert c.get("/api/jobs").status_code == 200
        assert c.get("/static/app.js").status_code == 200
        c.cookies.clear()
        assert c.get("/api/jobs").status_code == 401
    app.state.store.dispose()


# --------------------------------------------------------------------------- bodies


def test_deep_json_is_400_not_500(client: TestClient, done_job: str) -> None:
    deep = b"[" * 200_000
    json_type = {"content-type": "application/json"}
    r = client.post("/api/jobs", content=deep, headers=json_type)
    assert r.status_code == 400 and "nested too deeply" in r.json()["detail"]
    # An edit that large is refused for its size before it is parsed...
    r = client.post(f"/api/jobs/{done_job}/edits", content=deep, headers=json_type)
    assert r.status_code == 413
    # ...and one deep enough to exhaust the parser within the size limit for its depth.
    r = client.post(f"/api/jobs/{done_job}/edits", content=deep[:100_000], headers=json_type)
    assert r.status_code == 400 and "nested too deeply" in r.json()["detail"]
    deep_field = b'{"op": "confirm", "base_version": 0, "bead": 0, "x": ' + b"[" * 50_000
    r = client.post(
        f"/api/jobs/{done_job}/edits",
        content=deep_field + b"]" * 50_000 + b"}",
        headers={"content-type": "application/json"},
    )
    assert r.status_code == 400
    assert client.get(f"/api/jobs/{done_job}").json()["version"] == 0


def test_edits_with_unknown_or_huge_fields_are_refused(client: TestClient) -> None:
    job_id = _submit(client)
    assert _wait(client, job_id)["status"] == "done"
    url = f"/api/jobs/{job_id}/edits"
    r = client.post(
        url,
        json={"op": "confirm", "bead": 0, "confirmed": True, "base_version": 0, "evil": "x" * 1000},
    )
    assert r.status_code == 400 and "evil" in r.json()["detail"]
    assert "confirmed" in r.json()["detail"]  # says what is allowed
    r = client.post(url, json={"op": "undo", "base_version": 0, "bead": 3})
    assert r.status_code == 400 and "bead" in r.json()["detail"]
    big = "x" * 900_000
    r = client.post(url, json={"op": "note", "bead": 0, "text": big, "base_version": 0})
    assert r.status_code == 413 and "at most" in r.json()["detail"]
    r = client.post(url, json={"op": "merge", "bead": 0, "base_version": 0, "pad": big})
    assert r.status_code == 413
    assert len(big) > MAX_EDIT_BYTES
    # Nothing above reached the edit log; a proper edit stores just its fields.
    store = client.app.state.store  # type: ignore[attr-defined]
    assert store.edit_log(job_id) == []
    r = client.post(url, json={"op": "note", "bead": 0, "text": "ok", "base_version": 0})
    assert r.status_code == 200
    assert [e["op"] for e in store.edit_log(job_id)] == [{"op": "note", "bead": 0, "text": "ok"}]


def test_submit_ignores_nothing_it_stores(client: TestClient) -> None:
    body = {
        "source_text": SOURCE,
        "target_text": TARGET,
        "src_lang": "ru",
        "tgt_lang": "en",
        "model": MODEL,
        "extra": "y" * 10_000,
    }
    r = client.post("/api/jobs", json=body)
    assert r.status_code == 202
    job = client.get(f"/api/jobs/{r.json()['id']}").json()
    assert "extra" not in job and "y" * 100 not in str(job)


# --------------------------------------------------------------------------- cancellation


def test_deleting_a_running_job_frees_the_worker(client: TestClient) -> None:
    runner = client.app.state.runner  # type: ignore[attr-defined]
    source, target = long_pair(400)  # tens of seconds of embedding on two cores
    big = _submit(client, source, target)
    deadline = time.monotonic() + 120
    while True:  # until it is embedding (past segmenting and the model load)
        job = client.get(f"/api/jobs/{big}").json()
        assert job["status"] in ("queued", "running"), job
        if job["status"] == "running" and job["progress"] > 0.2:
            break
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert runner.running() == [big]
    deleted = time.monotonic()
    assert client.delete(f"/api/jobs/{big}").status_code == 204
    small = _submit(client)  # the worker's next job
    while runner.running() and runner.running()[0] == big:
        assert time.monotonic() - deleted < 10, "the deleted job kept its worker"
        time.sleep(0.02)
    freed = time.monotonic() - deleted
    assert _wait(client, small, timeout=60)["status"] == "done"
    assert client.get(f"/api/jobs/{big}").status_code == 404  # its result was never stored
    assert big not in runner.completed
    print(f"worker freed {freed:.2f} s after DELETE")


# --------------------------------------------------------------------------- align serve


def _align(*args: str, **kw: Any) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "align.cli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kw,
    )


def test_serve_beyond_localhost_needs_a_token(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DRIFTALIGN_TOKEN"}
    p = _align("serve", "--host", "0.0.0.0", "--port", "0", "--data-dir", str(tmp_path), env=env)
    out, err = p.communicate(timeout=60)
    assert p.returncode == 1 and out == ""
    assert "--token" in err and "DRIFTALIGN_TOKEN" in err and "0.0.0.0" in err


def test_serve_prints_its_url(tmp_path: Path) -> None:
    env = os.environ | {"DRIFTALIGN_TOKEN": TOKEN.replace(" ", "-")}
    p = _align("serve", "--port", "0", "--data-dir", str(tmp_path), "--no-worker", env=env)
    try:
        assert p.stdout is not None
        line = p.stdout.readline()  # printed without -v, once the port is bound
        assert line.startswith("driftalign review service: http://127.0.0.1:"), line
        url = line.split()[-1]
        assert url.endswith("/?token=" + TOKEN.replace(" ", "-"))
        with httpx.Client(follow_redirects=True, timeout=30) as c:
            r = c.get(url)  # logs in, lands on the page
            assert r.status_code == 200 and "<html" in r.text.lower()
            assert c.get(url.split("?")[0] + "api/jobs").json() == []
    finally:
        p.send_signal(signal.SIGINT)
        p.communicate(timeout=30)


# --------------------------------------------------------------------------- cached reads


def test_cached_beads_follow_edits_made_by_another_process(client: TestClient) -> None:
    done_job = _submit(client)
    assert _wait(client, done_job)["status"] == "done"
    url = f"/api/jobs/{done_job}/beads"
    first = client.get(url, headers={"accept-encoding": "gzip"})
    assert first.headers.get("content-encoding") == "gzip"  # decoded by the client
    plain = client.get(url, headers={"accept-encoding": "identity"})
    assert "content-encoding" not in plain.headers and plain.json() == first.json()
    version = first.json()["version"]
    # A second service process on the same database (no worker of its own) edits the job.
    store = client.app.state.store  # type: ignore[attr-defined]
    other = create_app(db_url=store.url, default_model=MODEL, run_jobs=False)
    with TestClient(other, base_url=BASE) as c2:
        r = c2.post(
            f"/api/jobs/{done_job}/edits",
            json={"op": "note", "bead": 0, "text": "from B", "base_version": version},
        )
        assert r.status_code == 200, r.text
    other.state.store.dispose()
    after = client.get(url).json()  # the first process's cache must not answer with v0
    assert after["version"] == version + 1 and after["beads"][0]["note"] == "from B"
    assert after["beads"][0]["version"] == version + 1
