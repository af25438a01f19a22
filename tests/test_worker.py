"""Several workers on one database: claims, heartbeats, a worker killed mid-job.

The store-level tests run on SQLite (or DRIFTALIGN_TEST_DB). The process
tests start real ``align worker`` processes and need PostgreSQL: set
DRIFTALIGN_TEST_DB=postgresql+psycopg://user:pw@host/db (``.ci/run`` does);
without it they are skipped.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("sqlalchemy")

from sqlalchemy import update  # noqa: E402

from align.service.store import JobRow, Store  # noqa: E402

from .test_service import DB_URL, MODEL, SOURCE, TARGET  # noqa: E402
from .test_service_security import fresh_cache, long_pair  # noqa: E402, F401

PARAMS = {"src_lang": "ru", "tgt_lang": "en", "model": MODEL, "presplit": False}
PG_URL = DB_URL if DB_URL and DB_URL.startswith("postgresql") else None


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(DB_URL or f"sqlite:///{tmp_path / 'w.sqlite'}")
    yield s
    s.dispose()


def _clear_queue(store: Store) -> None:
    """Other tests' leftovers must not be claimed here (a shared server database)."""
    with store.engine.begin() as conn:
        conn.execute(
            update(JobRow)
            .where(JobRow.status.in_(("queued", "running")))
            .values(status="failed", error="cleared by tests/test_worker.py")
        )


# --------------------------------------------------------------------------- store


def test_claims_are_exclusive_and_oldest_first(store: Store) -> None:
    _clear_queue(store)
    ids = [store.create_job(f"j{i}", PARAMS, SOURCE, TARGET) for i in range(3)]
    got = [store.claim_job(f"w{i}") for i in range(4)]
    assert got == ids + [None]
    assert [store.job_attempts(i) for i in ids] == [1, 1, 1]
    # Writes about a job are conditional on owning it.
    assert store.heartbeat(ids[0], "w0") and not store.heartbeat(ids[0], "w1")
    assert not store.set_progress(ids[0], 0.5, "w1") and store.set_progress(ids[0], 0.5, "w0")
    assert not store.save_result(ids[0], [], {}, {"source": {}, "target": {}}, {}, worker="w1")
    assert store.job_version(ids[0]) == ("running", 0)
    for i in ids:
        store.delete_job(i)


def test_only_stale_jobs_are_requeued(store: Store) -> None:
    _clear_queue(store)
    fresh = store.create_job("fresh", PARAMS, SOURCE, TARGET)
    assert store.claim_job("alive") == fresh
    legacy = store.create_job("legacy", PARAMS, SOURCE, TARGET)
    store.set_status(legacy, "running", 0.5)  # an older release: running, no heartbeat
    assert store.requeue_stale(30) == [legacy]  # the live worker keeps its job
    assert store.job_version(fresh) == ("running", 0)
    time.sleep(1.2)
    assert store.requeue_stale(1.0) == [fresh]  # ...until it stops beating
    # Back in the queue in order of submission; the second claim counts as a second attempt.
    assert store.claim_job("other") == fresh and store.job_attempts(fresh) == 2
    assert store.claim_job("other") == legacy
    assert not store.heartbeat(fresh, "alive")  # the old owner learns it lost the job
    for i in (fresh, legacy):
        store.delete_job(i)


# --------------------------------------------------------------------------- processes

needs_pg = pytest.mark.skipif(
    PG_URL is None, reason="set DRIFTALIGN_TEST_DB to a PostgreSQL URL to run worker processes"
)


def _worker(stale: float) -> subprocess.Popen[str]:
    p = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "align.cli",
            "worker",
            "--db",
            str(PG_URL),
            "--model",
            MODEL,
            "--stale-after",
            str(stale),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )
    assert p.stdout is not None
    line = p.stdout.readline()
    assert line.startswith("driftalign worker "), line + (p.stderr.read() if p.stderr else "")
    assert "driftalign:" in line and "***" in line  # the password is not printed
    return p


def _owner_pid(store: Store, job_id: str) -> str:
    """The pid part of the id of the worker that holds (or completed) the job."""
    with store.engine.connect() as conn:
        wid = conn.execute(
            JobRow.__table__.select().with_only_columns(JobRow.worker).where(JobRow.id == job_id)
        ).scalar()
    return str(wid).split(":")[1]


def _wait_all(store: Store, ids: list[str], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        states = [store.job_version(i) for i in ids]
        if all(s is not None and s[0] in ("done", "failed") for s in states):
            return
        assert time.monotonic() < deadline, states
        time.sleep(0.2)


def _stop(*procs: subprocess.Popen[str]) -> None:
    for p in procs:
        if p.poll() is None:
            p.send_signal(signal.SIGTERM)
    for p in procs:
        try:
            p.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            p.kill()
            p.communicate()


@needs_pg
@pytest.mark.usefixtures("fresh_cache")
def test_two_workers_ten_jobs_each_done_once() -> None:
    store = Store(str(PG_URL))
    _clear_queue(store)
    a, b = _worker(30), _worker(30)
    try:
        ids = [
            store.create_job(f"job {i}", PARAMS, SOURCE + f"\nПункт {i}.", TARGET + f"\nItem {i}.")
            for i in range(10)
        ]
        _wait_all(store, ids, timeout=300)
        owners = set()
        for i in ids:
            assert store.job_version(i) == ("done", 0)
            assert store.job_attempts(i) == 1  # claimed once, never re-run
            owners.add(_owner_pid(store, i))
        assert owners <= {str(a.pid), str(b.pid)}
        # SIGTERM: both exit cleanly.
        _stop(a, b)
        assert a.returncode in (0, 143) and b.returncode in (0, 143)
    finally:
        _stop(a, b)
        store.dispose()


@needs_pg
@pytest.mark.usefixtures("fresh_cache")
def test_killed_worker_job_is_completed_by_the_other() -> None:
    store = Store(str(PG_URL))
    _clear_queue(store)
    stale = 4.0
    a = _worker(stale)
    b = None
    try:
        source, target = long_pair(300)
        big = store.create_job("big", PARAMS, source, target)
        deadline = time.monotonic() + 120
        while store.job_version(big) != ("running", 0):
            assert time.monotonic() < deadline
            time.sleep(0.05)
        assert _owner_pid(store, big) == str(a.pid)
        b = _worker(stale)  # starts while a holds the job: b must not take it
        time.sleep(1.0)
        assert _owner_pid(store, big) == str(a.pid)
        a.send_signal(signal.SIGKILL)  # no clean-up, no release: only the heartbeat stops
        a.communicate(timeout=30)
        small = store.create_job("small", PARAMS, SOURCE, TARGET)
        _wait_all(store, [big, small], timeout=300)
        assert store.job_version(big) == ("done", 0) and store.job_version(small) == ("done", 0)
        assert store.job_attempts(big) == 2  # a's claim, then b's
        assert _owner_pid(store, big) == str(b.pid)
        assert _owner_pid(store, small) == str(b.pid)
        with store.engine.connect() as conn:
            n = conn.execute(
                JobRow.__table__.select()
                .with_only_columns(JobRow.id)
                .where(JobRow.id == big, JobRow.status == "done")
            ).all()
        assert len(n) == 1
    finally:
        _stop(a, *([b] if b is not None else []))
        store.dispose()


def test_a_database_from_before_workers_gets_the_new_columns(tmp_path: Path) -> None:
    """An older release's SQLite file (no worker/heartbeat/attempts) is upgraded in place."""
    from sqlalchemy import inspect, text

    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    s = Store(url)
    job = s.create_job("old", PARAMS, SOURCE, TARGET)
    with s.engine.begin() as conn:
        for col in ("worker", "heartbeat", "attempts"):
            conn.execute(text(f"ALTER TABLE jobs DROP COLUMN {col}"))
    s.dispose()
    s = Store(url)
    cols = {c["name"] for c in inspect(s.engine).get_columns("jobs")}
    assert {"worker", "heartbeat", "attempts"} <= cols
    assert s.claim_job("w") == job and s.job_attempts(job) == 1
    s.dispose()
