"""The review service end to end, through FastAPI's TestClient.

Real alignment jobs (use-m3: the fast encoder) on a small ru/en pair, one
SQLite data directory per module. Each test that edits starts from a fresh
job, so tests do not depend on each other's order.
"""

from __future__ import annotations

import builtins
import io
import json
import os
import threading
import time
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient  # noqa: E402

from align.service.app import ApiError, create_app  # noqa: E402

from .conftest import SHARED  # noqa: E402

MODEL = "use-m3"
# Set DRIFTALIGN_TEST_DB (e.g. postgresql+psycopg://user:pw@localhost/db) to run the
# same tests against that database instead of a SQLite file; .ci/run does so for PostgreSQL.
DB_URL = os.environ.get("DRIFTALIGN_TEST_DB") or None
# The service answers only to localhost names by default (TestClient's own is "testserver").
BASE = "http://localhost"

SOURCE = """Доброе утро, уважаемые коллеги. Сегодня мы обсудим итоги года.
В 2023 году экономика выросла на 3,6 процента. Это хороший результат.
Безработица снизилась до рекордного минимума. Инфляция остаётся под контролем.
Мы продолжим поддерживать малый бизнес. Спасибо за внимание.
"""

TARGET = """Good morning, dear colleagues. Today we will discuss the results of the year.
In 2023 the economy grew by 3.6 percent. This is a good result.
Unemployment fell to a record low. Inflation remains under control.
We will continue to support small businesses. Thank you for your attention.
"""

BEAD_KEYS = {
    "index",
    "src",
    "tgt",
    "src_text",
    "tgt_text",
    "similarity",
    "drift",
    "flags",
    "reasons",
    "passage",
    "confirmed",
    "note",
    "edited",
    "version",
}


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("driftalign-data")


@pytest.fixture(scope="module")
def client(data_dir: Path) -> Iterator[TestClient]:
    app = create_app(db_url=DB_URL, data_dir=data_dir, default_model=MODEL)
    with TestClient(app, base_url=BASE) as c:
        yield c


def wait_done(client: TestClient, job_id: str, timeout: float = 180) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        job = client.get(f"/api/jobs/{job_id}").json()
        assert 0.0 <= job["progress"] <= 1.0
        if job["status"] in ("done", "failed"):
            return job
        assert time.monotonic() < deadline, f"job {job_id} still {job['status']}"
        time.sleep(0.1)


def submit(client: TestClient, source: str = SOURCE, target: str = TARGET, **extra: Any) -> str:
    body = {
        "source_text": source,
        "target_text": target,
        "src_lang": "ru",
        "tgt_lang": "en",
        "model": MODEL,
    } | extra
    r = client.post("/api/jobs", json=body)
    assert r.status_code == 202, r.text
    return r.json()["id"]


def new_job(client: TestClient, **extra: Any) -> str:
    job_id = submit(client, **extra)
    job = wait_done(client, job_id)
    assert job["status"] == "done", job
    return job_id


def beads(client: TestClient, job_id: str) -> dict[str, Any]:
    r = client.get(f"/api/jobs/{job_id}/beads")
    assert r.status_code == 200, r.text
    return r.json()


def edit(client: TestClient, job_id: str, expect: int = 200, **op: Any) -> dict[str, Any]:
    r = client.post(f"/api/jobs/{job_id}/edits", json=op)
    assert r.status_code == expect, r.text
    return r.json()


def shape(bs: list[dict[str, Any]]) -> list[tuple[list[int], list[int]]]:
    return [(b["src"], b["tgt"]) for b in bs]


# --------------------------------------------------------------------------- jobs


def test_submit_json_poll_and_get(client: TestClient) -> None:
    r = client.post(
        "/api/jobs",
        json={
            "source_text": SOURCE,
            "target_text": TARGET,
            "src_lang": "RU",
            "tgt_lang": "en-US",
            "model": MODEL,
            "name": "year results",
        },
    )
    assert r.status_code == 202
    body = r.json()
    assert body["status"] == "queued" and len(body["id"]) == 32
    assert r.headers["location"] == f"/api/jobs/{body['id']}"
    job = wait_done(client, body["id"])
    assert job["status"] == "done" and job["progress"] == 1.0 and job["error"] is None
    assert job["name"] == "year results"
    assert (job["src_lang"], job["tgt_lang"], job["model"]) == ("ru", "en", MODEL)
    assert job["version"] == 0
    assert job["summary"]["beads"] == job["beads"] >= 6
    assert job["summary"]["source"]["sentences"] == 8


def test_submit_multipart(client: TestClient) -> None:
    files = {
        "source": ("speech.ru.txt", SOURCE.encode(), "text/plain"),
        "target": ("speech.en.txt", TARGET.encode("utf-8-sig"), "text/plain"),  # BOM is fine
    }
    data = {"src_lang": "ru", "tgt_lang": "en", "model": MODEL, "presplit": "false"}
    r = client.post("/api/jobs", files=files, data=data)
    assert r.status_code == 202, r.text
    job = wait_done(client, r.json()["id"])
    assert job["status"] == "done", job
    assert job["name"] == "speech.ru.txt / speech.en.txt"
    assert job["presplit"] is False


def test_list_newest_first(client: TestClient) -> None:
    first = new_job(client, name="older")
    second = submit(client, name="newer")
    listed = client.get("/api/jobs").json()
    ids = [j["id"] for j in listed]
    assert ids.index(second) < ids.index(first)
    row = listed[ids.index(first)]
    assert set(row) == {
        "id",
        "name",
        "status",
        "progress",
        "created",
        "src_lang",
        "tgt_lang",
        "beads",
        "confirmed",
    }
    assert row["beads"] > 0 and row["confirmed"] == 0.0
    wait_done(client, second)


def test_beads_shape_and_conflict_while_not_done(client: TestClient) -> None:
    job_id = new_job(client)
    data = beads(client, job_id)
    assert data["version"] == 0 and (data["src_lang"], data["tgt_lang"]) == ("ru", "en")
    bs = data["beads"]
    assert [b["index"] for b in bs] == list(range(len(bs)))
    for b in bs:
        assert set(b) >= BEAD_KEYS
        assert b["confirmed"] is False and b["note"] == ""
        assert 0.0 <= b["drift"] <= 1.0
    # document order, every sentence exactly once
    assert [i for b in bs for i in b["src"]] == list(range(8))
    assert [i for b in bs for i in b["tgt"]] == list(range(8))

    # A job that never ran (inserted directly, not submitted): beads are not there yet.
    store = client.app.state.store  # type: ignore[attr-defined]
    pending = store.create_job("pending", {"src_lang": "ru", "tgt_lang": "en"}, "a.", "b.")
    r = client.get(f"/api/jobs/{pending}/beads")
    assert r.status_code == 409 and r.json()["status"] == "queued"
    r = client.post(f"/api/jobs/{pending}/edits", json={"op": "undo", "base_version": 0})
    assert r.status_code == 409
    store.delete_job(pending)


def test_failed_job_reports_the_error(client: TestClient) -> None:
    job_id = submit(client, target=SOURCE)  # a text paired with itself
    job = wait_done(client, job_id)
    assert job["status"] == "failed"
    assert "same text" in job["error"]


# --------------------------------------------------------------------------- review


def test_merge_then_split_back(client: TestClient) -> None:
    job_id = new_job(client)
    before = beads(client, job_id)["beads"]
    a, b = before[0], before[1]
    out = edit(client, job_id, op="merge", bead=0, base_version=0)
    assert out["version"] == 1
    merged = out["beads"][0]
    assert merged["src"] == a["src"] + b["src"] and merged["tgt"] == a["tgt"] + b["tgt"]
    assert merged["src_text"] == f"{a['src_text']} {b['src_text']}"
    assert merged["similarity"] is not None and len(out["beads"]) == len(before) - 1
    assert [x["index"] for x in out["beads"]] == list(range(len(before) - 1))
    assert beads(client, job_id)["beads"] == out["beads"]  # persisted as returned
    job = client.get(f"/api/jobs/{job_id}").json()
    assert job["summary"]["beads"] == len(before) - 1  # the summary follows the review
    assert job["summary"]["source"]["sentences"] == 8 and job["beads"] == len(before) - 1

    out = edit(
        client,
        job_id,
        op="split",
        bead=0,
        src_at=len(a["src"]),
        tgt_at=len(a["tgt"]),
        base_version=1,
    )
    assert out["version"] == 2
    assert shape(out["beads"]) == shape(before)
    for x, y in zip(out["beads"], before, strict=True):
        assert x["src_text"] == y["src_text"] and x["tgt_text"] == y["tgt_text"]
        assert x["drift"] == pytest.approx(y["drift"], abs=1e-3)  # rescored like the aligner
    assert client.get(f"/api/jobs/{job_id}").json()["version"] == 2


def test_split_may_leave_an_empty_side(client: TestClient) -> None:
    job_id = new_job(client)
    first = beads(client, job_id)["beads"][0]
    out = edit(client, job_id, op="split", bead=0, src_at=len(first["src"]), tgt_at=0,
               base_version=0)  # fmt: skip
    omission, addition = out["beads"][0], out["beads"][1]
    assert omission["tgt"] == [] and "omission" in omission["flags"]
    assert addition["src"] == [] and "addition" in addition["flags"]
    assert omission["similarity"] is None and omission["drift"] == 1.0


def test_shift(client: TestClient) -> None:
    job_id = new_job(client)
    before = beads(client, job_id)["beads"]
    out = edit(client, job_id, op="shift", bead=1, side="src", direction="prev", base_version=0)
    after = out["beads"]
    moved = before[1]["src"][0]
    assert after[0]["src"] == before[0]["src"] + [moved]
    assert after[1]["src"] == before[1]["src"][1:]
    assert after[0]["tgt"] == before[0]["tgt"]
    if len(before[1]["src"]) == 1:  # bead 1 keeps only its target: now an addition
        assert after[0]["src_text"] == f"{before[0]['src_text']} {before[1]['src_text']}"
        assert "addition" in after[1]["flags"]
    assert after[2:] == before[2:]
    # and back: the last source sentence of bead 0 to the next bead
    out = edit(client, job_id, op="shift", bead=0, side="src", direction="next", base_version=1)
    assert shape(out["beads"]) == shape(before)
    # a bead whose only sentences all move away disappears
    b = out["beads"]
    k = next(i for i, x in enumerate(b) if len(x["src"]) == 1 and len(x["tgt"]) == 1 and i > 0)
    edit(client, job_id, op="shift", bead=k, side="src", direction="prev", base_version=2)
    out = edit(client, job_id, op="shift", bead=k, side="tgt", direction="prev", base_version=3)
    assert len(out["beads"]) == len(before) - 1
    assert [i for x in out["beads"] for i in x["src"]] == list(range(8))


def test_shift_that_empties_a_bead_keeps_its_note(client: TestClient) -> None:
    """A reviewer's note on a bead whose sentences all move away goes with them."""
    job_id = new_job(client)
    b = beads(client, job_id)["beads"]
    k = next(i for i, x in enumerate(b) if len(x["src"]) == 1 and len(x["tgt"]) == 1 and i > 0)
    edit(client, job_id, op="note", bead=k - 1, text="earlier", base_version=0)
    edit(client, job_id, op="note", bead=k, text="check the date", base_version=1)
    edit(client, job_id, op="shift", bead=k, side="src", direction="prev", base_version=2)
    out = edit(client, job_id, op="shift", bead=k, side="tgt", direction="prev", base_version=3)
    assert len(out["beads"]) == len(b) - 1
    assert out["beads"][k - 1]["note"] == "earlier\ncheck the date"


def test_confirm_and_note(client: TestClient) -> None:
    job_id = new_job(client)
    n = len(beads(client, job_id)["beads"])
    out = edit(client, job_id, op="confirm", bead=2, confirmed=True, base_version=0)
    assert out["beads"][2]["confirmed"] is True and out["version"] == 1
    out = edit(client, job_id, op="note", bead=2, text="check the number", base_version=1)
    assert out["beads"][2]["note"] == "check the number" and out["beads"][2]["confirmed"]
    stored = beads(client, job_id)
    assert stored["version"] == 2 and stored["beads"][2]["note"] == "check the number"
    row = next(j for j in client.get("/api/jobs").json() if j["id"] == job_id)
    assert row["confirmed"] == pytest.approx(round(100 / n, 1))
    out = edit(client, job_id, op="confirm", bead=2, confirmed=False, base_version=2)
    assert out["beads"][2]["confirmed"] is False and out["beads"][2]["note"] == "check the number"
    out = edit(client, job_id, op="rescore", bead=2, base_version=3)
    assert out["version"] == 4 and out["beads"][2]["note"] == "check the number"


def test_a_rescored_bead_keeps_the_documents_recentred_scale(client: TestClient) -> None:
    """ParIce en-is reads loosely throughout, so its drift is re-centred on the
    document (DriftModel.recentre); a bead rescored after a review edit must read
    on that scale too, not on the raw one of a lone bead."""
    root = SHARED / "align" / "parice_enis"
    if not root.exists():
        pytest.skip(f"{root} is not available")

    def text(path: Path) -> str:
        rows = path.read_text(encoding="utf-8").splitlines()
        return "\n".join(r.split("\t", 1)[-1] for r in rows if r.strip())

    name = "s_2.txt"
    job_id = submit(
        client,
        text(root / "en" / name),
        text(root / "is" / name),
        src_lang="en",
        tgt_lang="is",
        model="e5",
        presplit=True,
    )
    job = wait_done(client, job_id, timeout=600)
    assert job["status"] == "done", job
    assert job["summary"]["drift_recentring"]["logit_shift"] > 0
    before = beads(client, job_id)["beads"]
    k = next(i for i, b in enumerate(before) if b["src"] and b["tgt"] and not b["flags"])
    out = edit(client, job_id, op="rescore", bead=k, base_version=0)
    assert out["beads"][k]["drift"] == pytest.approx(before[k]["drift"], abs=1e-3)


def test_undo(client: TestClient) -> None:
    job_id = new_job(client)
    original = beads(client, job_id)["beads"]
    edit(client, job_id, op="merge", bead=3, base_version=0)
    edit(client, job_id, op="note", bead=0, text="n", base_version=1)
    edit(client, job_id, op="confirm", bead=1, confirmed=True, base_version=2)
    out = edit(client, job_id, op="undo", base_version=3)  # reverts the confirm
    assert out["version"] == 4 and out["beads"][1]["confirmed"] is False
    assert out["beads"][0]["note"] == "n"
    out = edit(client, job_id, op="undo", base_version=4)  # the note
    assert out["beads"][0]["note"] == ""
    out = edit(client, job_id, op="undo", base_version=5)  # the merge
    assert out["version"] == 6 and out["beads"] == original
    err = edit(client, job_id, expect=400, op="undo", base_version=6)
    assert "nothing to undo" in err["detail"]
    assert beads(client, job_id)["version"] == 6


@pytest.mark.parametrize(
    "op",
    [
        {"op": "merge", "bead": 99},
        {"op": "merge", "bead": -1},
        {"op": "merge", "bead": True},
        {"op": "merge", "bead": "0"},
        {"op": "split", "bead": 0, "src_at": 0, "tgt_at": 0},  # first part empty
        {"op": "split", "bead": 0, "src_at": 5, "tgt_at": 0},
        {"op": "shift", "bead": 0, "side": "src", "direction": "prev"},
        {"op": "shift", "bead": 0, "side": "both", "direction": "next"},
        {"op": "confirm", "bead": 0, "confirmed": "yes"},
        {"op": "note", "bead": 0, "text": 5},
        {"op": "note", "bead": 0, "text": "x" * 10_001},
        {"op": "explode", "bead": 0},
        {"bead": 0},
    ],
)
def test_invalid_edits_are_400_and_change_nothing(client: TestClient, op: dict[str, Any]) -> None:
    job_id = _shared_job(client)
    before = beads(client, job_id)
    r = client.post(f"/api/jobs/{job_id}/edits", json=op | {"base_version": before["version"]})
    assert r.status_code == 400, r.text
    assert r.json()["detail"]
    assert beads(client, job_id) == before


def test_malformed_edit_requests(client: TestClient) -> None:
    job_id = _shared_job(client)
    url = f"/api/jobs/{job_id}/edits"
    assert client.post(url, json={"op": "undo"}).status_code == 400  # no base_version
    assert client.post(url, json=[1, 2]).status_code == 400
    r = client.post(url, content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 400
    r = client.post(url, content=b"op=undo", headers={"content-type": "text/plain"})
    assert r.status_code == 415


_SHARED: dict[str, str] = {}


def _shared_job(client: TestClient) -> str:
    """One read-mostly job for the validation tests."""
    if "id" not in _SHARED:
        _SHARED["id"] = new_job(client)
    return _SHARED["id"]


def test_two_reviewers_conflict(client: TestClient) -> None:
    job_id = new_job(client)
    alice = beads(client, job_id)
    bob = beads(client, job_id)
    v = alice["version"]
    assert bob["version"] == v
    edit(client, job_id, op="note", bead=0, text="alice was here", base_version=v)
    r = client.post(f"/api/jobs/{job_id}/edits", json={"op": "merge", "bead": 0, "base_version": v})
    assert r.status_code == 409
    assert r.json()["version"] == v + 1 and "edited meanwhile" in r.json()["detail"]
    now = beads(client, job_id)
    assert now["version"] == v + 1 and now["beads"][0]["note"] == "alice was here"
    assert shape(now["beads"]) == shape(alice["beads"])  # bob's merge did not happen
    # bob reloads and redoes his edit: both survive
    out = edit(client, job_id, op="merge", bead=0, base_version=v + 1)
    assert out["beads"][0]["note"] == "alice was here" and out["version"] == v + 2


def test_concurrent_edits_exactly_one_wins(client: TestClient) -> None:
    """Eight threads edit from the same version at once: one succeeds, seven get 409."""
    job_id = new_job(client)
    svc = client.app.state.service  # type: ignore[attr-defined]
    barrier = threading.Barrier(8)
    results: list[int] = []
    lock = threading.Lock()

    def reviewer(k: int) -> None:
        barrier.wait()
        try:
            svc.edit(job_id, {"op": "note", "bead": 0, "text": f"r{k}", "base_version": 0})
            code = 200
        except ApiError as exc:
            code = exc.status
        with lock:
            results.append(code)

    threads = [threading.Thread(target=reviewer, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(results) == [200] + [409] * 7
    data = beads(client, job_id)
    assert data["version"] == 1 and data["beads"][0]["note"].startswith("r")
    log = client.app.state.store.edit_log(job_id)  # type: ignore[attr-defined]
    assert [e["version"] for e in log] == [1]


def test_restart_keeps_edits(client: TestClient, data_dir: Path) -> None:
    job_id = new_job(client)
    edit(client, job_id, op="merge", bead=0, base_version=0)
    edit(client, job_id, op="note", bead=0, text="кириллица и «кавычки»", base_version=1)
    before = beads(client, job_id)
    # A new process on the same SQLite file: a new app, store, engine and runner.
    app2 = create_app(db_url=DB_URL, data_dir=data_dir, default_model=MODEL)
    with TestClient(app2, base_url=BASE) as c2:
        after = beads(c2, job_id)
        assert after == before and after["version"] == 2
        out = edit(c2, job_id, op="undo", base_version=2)  # the edit log survived too
        assert out["beads"][0]["note"] == "" and out["version"] == 3
        out = edit(c2, job_id, op="undo", base_version=3)
        assert len(out["beads"]) == len(before["beads"]) + 1
    app2.state.store.dispose()


def test_restart_requeues_unfinished_jobs(client: TestClient, data_dir: Path) -> None:
    store = client.app.state.store  # type: ignore[attr-defined]
    params = {"src_lang": "ru", "tgt_lang": "en", "model": MODEL, "presplit": False}
    job_id = store.create_job("interrupted", params, SOURCE, TARGET)
    store.set_status(job_id, "running", 0.5)  # as if the process died mid-job
    app2 = create_app(db_url=DB_URL, data_dir=data_dir, default_model=MODEL)
    with TestClient(app2, base_url=BASE) as c2:
        job = wait_done(c2, job_id)
        assert job["status"] == "done" and job["beads"] > 0
    app2.state.store.dispose()


# --------------------------------------------------------------------------- exports


def test_exports_reflect_the_review(client: TestClient) -> None:
    job_id = new_job(client)
    n = len(beads(client, job_id)["beads"])
    edit(client, job_id, op="merge", bead=0, base_version=0)
    edit(client, job_id, op="confirm", bead=0, confirmed=True, base_version=1)
    edit(client, job_id, op="note", bead=1, text="a & b <c>", base_version=2)
    url = f"/api/jobs/{job_id}/export"

    r = client.get(url, params={"format": "jsonl"})
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    lines = [json.loads(x) for x in r.text.splitlines()]
    assert len(lines) == n - 1
    assert lines[0]["src"] == [0, 1] and lines[0]["tgt"] == [0, 1]
    # The review state travels with every export: merged (edited) in v1, confirmed in v2.
    assert (lines[0]["confirmed"], lines[0]["edited"], lines[0]["version"]) == (True, True, 2)
    assert (lines[1]["note"], lines[1]["edited"], lines[1]["version"]) == ("a & b <c>", False, 3)
    assert (lines[2]["confirmed"], lines[2]["edited"], lines[2]["version"]) == (False, False, 0)

    r = client.get(url, params={"format": "tsv"})
    rows = r.text.splitlines()
    head = rows[0].split("\t")
    assert head[:3] == ["bead", "src", "tgt"] and len(rows) == n
    first = dict(zip(head, rows[1].split("\t"), strict=True))
    assert (first["bead"], first["src"], first["tgt"]) == ("1", "0,1", "0,1")
    assert first["version"] == "2" and first["edited"] in ("yes", "true", "1")

    r = client.get(url, params={"format": "tmx"})
    root = ET.fromstring(r.content)
    tus = root.findall("./body/tu")
    assert len(tus) == n - 1 and tus[0].get("tuid") == "1"
    props = {p.get("type"): p.text for p in tus[0].findall("prop")}
    assert props.get("x-confirmed") in ("yes", "true", "1") and props.get("x-review-version") == "2"
    assert root.find("header").get("srclang") == "ru"  # type: ignore[union-attr]

    r = client.get(url, params={"format": "xliff"})
    assert r.headers["content-type"].startswith("application/xliff+xml")
    ns = {"x": "urn:oasis:names:tc:xliff:document:2.0"}
    root = ET.fromstring(r.content)
    assert root.get("version") == "2.0" and root.get("srcLang") == "ru"
    assert root.get("trgLang") == "en"
    units = root.findall("./x:file/x:unit", ns)
    assert len(units) == n - 1 and units[0].get("id") == "b1"
    assert units[0].find("x:segment", ns).get("state") == "reviewed"  # type: ignore[union-attr]
    assert units[1].find("x:segment", ns).get("state") == "translated"  # type: ignore[union-attr]
    drift = units[0].find("x:notes/x:note[@category='drift']", ns)
    assert drift is not None and 0.0 <= float(drift.text or "") <= 1.0
    reviewer = units[1].find("x:notes/x:note[@category='reviewer']", ns)
    assert reviewer is not None and reviewer.text == "a & b <c>"
    assert units[0].find("x:notes/x:note[@category='edited']", ns) is not None
    assert units[1].find("x:notes/x:note[@category='edited']", ns) is None
    version = units[1].find("x:notes/x:note[@category='review-version']", ns)
    assert version is not None and version.text == "3"
    first_src = units[0].find("x:segment/x:source", ns)
    assert first_src is not None and first_src.text == lines[0]["src_text"]

    r = client.get(url, params={"format": "moses"})
    assert r.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(r.content)) as zf:
        assert sorted(zf.namelist()) == ["alignment.en", "alignment.moses.tsv", "alignment.ru"]
        ru = zf.read("alignment.ru").decode().splitlines()
        en = zf.read("alignment.en").decode().splitlines()
        bead_map = zf.read("alignment.moses.tsv").decode().splitlines()
    assert len(ru) == len(en) == n - 1 == len(bead_map) - 1
    assert "a & b <c>" in bead_map[2]  # line 2's bead, with its note

    r = client.get(url, params={"format": "docx"})
    assert r.status_code == 400 and "docx" in r.json()["detail"]


def test_delete(client: TestClient) -> None:
    job_id = new_job(client)
    r = client.delete(f"/api/jobs/{job_id}")
    assert r.status_code == 204 and r.content == b""
    assert client.get(f"/api/jobs/{job_id}").status_code == 404
    assert client.get(f"/api/jobs/{job_id}/beads").status_code == 404
    assert client.get(f"/api/jobs/{job_id}/export").status_code == 404
    assert client.delete(f"/api/jobs/{job_id}").status_code == 404
    assert job_id not in [j["id"] for j in client.get("/api/jobs").json()]


# --------------------------------------------------------------------------- input checks


@pytest.fixture(scope="module")
def small_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """An app with a 10 kB upload limit (no job ever runs on it)."""
    app = create_app(
        data_dir=tmp_path_factory.mktemp("small"), max_upload_mb=0.01, default_model=MODEL
    )
    with TestClient(app, base_url=BASE) as c:
        yield c


def test_upload_too_large(small_client: TestClient) -> None:
    big = "Слово. " * 3000  # ~40 kB
    body = {"source_text": big, "target_text": "Word.", "src_lang": "ru", "tgt_lang": "en"}
    r = small_client.post("/api/jobs", json=body)
    assert r.status_code == 413 and "limit" in r.json()["detail"]
    files = {"source": ("big.txt", big.encode()), "target": ("t.txt", b"Word.")}
    r = small_client.post("/api/jobs", files=files, data={"src_lang": "ru", "tgt_lang": "en"})
    assert r.status_code == 413

    def chunks() -> Iterator[bytes]:  # no Content-Length: the counting read must stop it
        for _ in range(100):
            yield b'{"x": "' + b"a" * 1000 + b'"}'

    r = small_client.post(
        "/api/jobs", content=chunks(), headers={"content-type": "application/json"}
    )
    assert r.status_code == 413
    assert small_client.get("/api/jobs").json() == []


def test_binary_upload_is_415_naming_the_file(client: TestClient) -> None:
    files = {
        "source": ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "application/pdf"),
        "target": ("speech.en.txt", TARGET.encode(), "text/plain"),
    }
    r = client.post("/api/jobs", files=files, data={"src_lang": "ru", "tgt_lang": "en"})
    assert r.status_code == 415
    assert "report.pdf" in r.json()["detail"] and "binary" in r.json()["detail"]

    files = {
        "source": ("speech.ru.txt", SOURCE.encode(), "text/plain"),
        "target": ("legacy.txt", SOURCE.encode("cp1251"), "text/plain"),
    }
    r = client.post("/api/jobs", files=files, data={"src_lang": "ru", "tgt_lang": "en"})
    assert r.status_code == 415
    detail = r.json()["detail"]
    assert "legacy.txt" in detail and "UTF-8" in detail and "cp1251" in detail

    r = client.post(
        "/api/jobs",
        json={"source_text": "a\x00b\x00c" * 20, "target_text": TARGET, "src_lang": "ru",
              "tgt_lang": "en"},
    )  # fmt: skip
    assert r.status_code == 415 and "source_text" in r.json()["detail"]

    r = client.post("/api/jobs", content=b"hello", headers={"content-type": "text/plain"})
    assert r.status_code == 415


@pytest.mark.parametrize(
    ("change", "needle"),
    [
        ({"src_lang": "xx"}, "xx"),
        ({"tgt_lang": "klingon"}, "klingon"),
        ({"src_lang": None}, "src_lang"),
        ({"model": "/etc"}, "model"),
        ({"presplit": "maybe"}, "presplit"),
        ({"source_text": "   \n"}, "empty"),
        ({"target_text": 42}, "target_text"),
    ],
)
def test_bad_fields_are_422(client: TestClient, change: dict[str, Any], needle: str) -> None:
    body = {"source_text": SOURCE, "target_text": TARGET, "src_lang": "ru", "tgt_lang": "en"}
    body = {k: v for k, v in (body | change).items() if v is not None}
    r = client.post("/api/jobs", json=body)
    assert r.status_code == 422, r.text
    assert needle in r.json()["detail"]


def test_unknown_language_multipart_is_422(client: TestClient) -> None:
    files = {"source": ("a.txt", SOURCE.encode()), "target": ("b.txt", TARGET.encode())}
    r = client.post("/api/jobs", files=files, data={"src_lang": "zz", "tgt_lang": "en"})
    assert r.status_code == 422 and "zz" in r.json()["detail"]
    r = client.post("/api/jobs", files={"source": files["source"]}, data={"src_lang": "ru"})
    assert r.status_code == 422 and "target" in r.json()["detail"]


# --------------------------------------------------------------------------- security


@pytest.fixture
def file_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every path opened with open() while the test runs."""
    opened: list[str] = []
    real_open = builtins.open

    def spy(file: Any, *args: Any, **kwargs: Any) -> Any:
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy)
    return opened


def test_path_traversal_is_harmless(client: TestClient, file_reads: list[str]) -> None:
    job_id = _shared_job(client)
    for url in (
        "/api/jobs/..%2F..%2Fetc/export",
        "/api/jobs/..%2F..%2Fetc%2Fpasswd",
        "/api/jobs/%2e%2e%2f%2e%2e%2fetc%2fpasswd/beads",
        "/api/jobs/not-a-job-id",
        f"/api/jobs/{job_id.upper()}",
        f"/api/jobs/{job_id}..",
        "/static/..%2F..%2F..%2F..%2Fetc%2Fpasswd",
        "/static/%2e%2e/app.py",
        "/jobs/..%2F..%2Fetc%2Fpasswd",
    ):
        r = client.get(url)
        assert r.status_code in (400, 404), (url, r.status_code)
        assert "root:" not in r.text
    for url in ("/api/jobs/..%2F..%2Fetc%2Fpasswd", "/api/jobs/x/edits"):
        assert client.delete(url).status_code in (404, 405)
        assert client.post(url, json={"op": "undo", "base_version": 0}).status_code in (404, 405)
    r = client.get(f"/api/jobs/{job_id}/export", params={"format": "../../etc/passwd"})
    assert r.status_code == 400

    # A traversal file name is only ever a label: shown reduced, never opened.
    files = {
        "source": ("../../etc/passwd", b"\x00\x01\x02binary\x00" * 10),
        "target": ("..\\..\\boot.ini", TARGET.encode()),
    }
    r = client.post("/api/jobs", files=files, data={"src_lang": "ru", "tgt_lang": "en"})
    assert r.status_code == 415 and "'passwd'" in r.json()["detail"]
    assert "/etc" not in r.json()["detail"]
    files["source"] = ("../../etc/passwd", SOURCE.encode())
    r = client.post("/api/jobs", files=files, data={"src_lang": "ru", "tgt_lang": "en",
                                                    "model": MODEL})  # fmt: skip
    assert r.status_code == 202
    job = wait_done(client, r.json()["id"])
    assert job["name"] == "passwd / boot.ini"
    assert not [p for p in file_reads if "passwd" in p or "boot.ini" in p or "/etc/" in p]


def test_cross_origin_writes_refused(client: TestClient) -> None:
    body = {"source_text": SOURCE, "target_text": TARGET, "src_lang": "ru", "tgt_lang": "en"}
    r = client.post("/api/jobs", json=body, headers={"origin": "https://evil.example"})
    assert r.status_code == 403
    r = client.post("/api/jobs", json=body, headers={"origin": "null"})
    assert r.status_code == 403
    assert client.get("/api/jobs", headers={"origin": "https://evil.example"}).status_code == 200


def test_xss_payload_stays_data(client: TestClient) -> None:
    payload = "<script>alert(1)</script>"
    job_id = new_job(
        client,
        source=SOURCE.replace("Спасибо за внимание.", f"Спасибо за внимание {payload}."),
        name=f"evil {payload}",
    )
    r = client.get(f"/api/jobs/{job_id}/beads")
    assert r.headers["content-type"].startswith("application/json")
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "<script>" not in r.text and "\\u003cscript\\u003e" in r.text  # JSON-escaped
    assert any(payload in b["src_text"] for b in r.json()["beads"])  # ...but intact as data
    assert "<script>" not in client.get("/api/jobs").text
    assert client.get(f"/api/jobs/{job_id}").json()["name"] == f"evil {payload}"
    for page in ("/", f"/jobs/{job_id}"):
        html = client.get(page).text
        assert payload not in html and "alert(1)" not in html
    xlf = client.get(f"/api/jobs/{job_id}/export", params={"format": "xliff"}).content
    assert b"<script>" not in xlf and b"&lt;script&gt;" in xlf
    ET.fromstring(xlf)


def test_pages_and_docs(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert r.headers["content-security-policy"] == (
        "default-src 'self'; style-src 'self' 'unsafe-inline'"
    )
    assert r.headers["x-content-type-options"] == "nosniff"
    job_id = _shared_job(client)
    r = client.get(f"/jobs/{job_id}")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert client.get("/jobs/nope").status_code == 404
    assert client.get("/docs").status_code == 200
    spec = client.get("/openapi.json").json()
    assert {"/api/jobs", "/api/jobs/{job_id}/edits", "/api/jobs/{job_id}/export"} <= set(
        spec["paths"]
    )
    assert client.get("/static/does-not-exist.js").status_code == 404
