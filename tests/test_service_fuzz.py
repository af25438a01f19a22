"""Property test of the review service's edit API: random edit sequences never break a job.

Hypothesis sends sequences of edits to one real job (use-m3, the small ru/en
pair of ``test_service``): well-formed ops with random bead numbers and cut
points, ops with wrong types, unknown fields, stale or missing base versions,
and bodies that are not edits at all. After every request:

* the answer is 200, 400, 409 or 413, never a 5xx;
* a refused edit changed nothing (the beads and version are as before);
* the beads still cover every source and target sentence exactly once, in
  order: an edit never loses or duplicates text;
* every note a reviewer saved is still there, word for word, in the beads
  and in the JSONL export, until an edit that says what happens to it.

Deterministic (``derandomize``): CI runs the same ~200 requests every time.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient  # noqa: E402

from align.service.app import create_app  # noqa: E402

from .test_service import BASE, MODEL, submit, wait_done  # noqa: E402

DB_URL = os.environ.get("DRIFTALIGN_TEST_DB") or None

SMALL = st.integers(0, 6)  # the job has about eight beads: mostly in range
ANY = st.one_of(st.integers(-2, 12), st.sampled_from([10**12, True, "1", None, 1.5, [0]]))
NOTES = st.one_of(st.text(max_size=40), st.sampled_from(["", "x" * 10_001, "\u200b", "<b>"]))


def ops(i: st.SearchStrategy[Any], side: list[Any], way: list[Any], flag: list[Any]) -> Any:
    return st.one_of(
        st.fixed_dictionaries({"op": st.just("merge"), "bead": i}),
        st.fixed_dictionaries({"op": st.just("split"), "bead": i, "src_at": i, "tgt_at": i}),
        st.fixed_dictionaries(
            {
                "op": st.just("shift"),
                "bead": i,
                "side": st.sampled_from(side),
                "direction": st.sampled_from(way),
            }
        ),
        st.fixed_dictionaries(
            {"op": st.just("confirm"), "bead": i, "confirmed": st.sampled_from(flag)}
        ),
        st.fixed_dictionaries({"op": st.just("note"), "bead": i, "text": NOTES}),
        st.fixed_dictionaries({"op": st.just("undo")}),
    )


# Well-typed ops (most apply, so the job keeps changing) and ill-typed ones.
GOOD_OPS = ops(SMALL, ["src", "tgt"], ["prev", "next"], [True, False])
ODD_OPS = st.one_of(
    ops(ANY, ["src", "both", 3], ["next", "up"], [1, "yes", None]),
    st.fixed_dictionaries({"op": st.sampled_from(["explode", "", None, 7])}),
    st.fixed_dictionaries({"op": st.just("confirm"), "bead": SMALL, "extra": st.text(max_size=9)}),
    st.dictionaries(st.text(max_size=6), st.integers(), max_size=3),
)
# How the request carries its base version: current, stale, absent, or wrongly typed.
VERSIONS = st.sampled_from(["current"] * 6 + ["stale", "absent", "string"])
BODIES = st.one_of(
    st.tuples(st.just("op"), GOOD_OPS, VERSIONS),
    st.tuples(st.just("op"), GOOD_OPS, VERSIONS),
    st.tuples(st.just("op"), GOOD_OPS, VERSIONS),
    st.tuples(st.just("op"), ODD_OPS, VERSIONS),
    st.tuples(
        st.just("raw"),
        st.sampled_from([b"[1, 2]", b"{not json", b"null", b'"op"', b"{}", b"[" * 5000]),
        st.just("absent"),
    ),
)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    app = create_app(
        db_url=DB_URL, data_dir=tmp_path_factory.mktemp("fuzz-data"), default_model=MODEL
    )
    with TestClient(app, base_url=BASE) as c:
        yield c


@pytest.fixture(scope="module")
def job(client: TestClient) -> dict[str, Any]:
    """One finished job, shared by every example; its sentence counts for the invariants."""
    done = wait_done(client, submit(client))
    assert done["status"] == "done", done
    first = client.get(f"/api/jobs/{done['id']}/beads").json()
    n_src = sum(len(b["src"]) for b in first["beads"])
    n_tgt = sum(len(b["tgt"]) for b in first["beads"])
    return {"id": done["id"], "n_src": n_src, "n_tgt": n_tgt}


def _covers(beads: list[dict[str, Any]], side: str, n: int) -> bool:
    ids = [i for b in beads for i in b[side]]
    return ids == list(range(n))


def _notes(beads: list[dict[str, Any]]) -> list[str]:
    return [b["note"] for b in beads if b["note"]]


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    database=None,
    derandomize=True,
)
@given(steps=st.lists(BODIES, min_size=1, max_size=6))
def test_random_edits_never_break_a_job(
    client: TestClient, job: dict[str, Any], steps: list[tuple[str, Any, str]]
) -> None:
    url = f"/api/jobs/{job['id']}"
    for kind, payload, version in steps:
        before = client.get(f"{url}/beads").json()
        if kind == "raw":
            content = payload
        else:
            body = dict(payload)
            if version == "current":
                body["base_version"] = before["version"]
            elif version == "stale":
                body["base_version"] = before["version"] - 1
            elif version == "string":
                body["base_version"] = str(before["version"])
            content = json.dumps(body).encode()
        r = client.post(
            f"{url}/edits", content=content, headers={"content-type": "application/json"}
        )
        assert r.status_code in (200, 400, 409, 413), (payload, r.status_code, r.text)
        after = client.get(f"{url}/beads").json()
        if r.status_code != 200:
            assert r.json()["detail"]
            assert after == before, payload
            continue
        beads = after["beads"]
        assert after["version"] == before["version"] + 1
        assert _covers(beads, "src", job["n_src"]), payload
        assert _covers(beads, "tgt", job["n_tgt"]), payload
        if payload.get("op") == "note":
            k = payload["bead"]
            assert beads[k]["note"] == payload["text"]
        elif payload.get("op") == "confirm":
            assert _notes(beads) == _notes(before["beads"])
        elif payload.get("op") in ("merge", "shift", "split"):
            # Beads may join (a merge, or a shift that empties one): their notes
            # join too, in order; no reviewer's word is dropped.
            assert "\n".join(_notes(beads)) == "\n".join(_notes(before["beads"]))
        export = client.get(f"{url}/export", params={"format": "jsonl"})
        assert export.status_code == 200
        records = [json.loads(line) for line in export.text.splitlines()]
        assert [rec.get("note") or "" for rec in records] == [b["note"] for b in beads]


def test_fuzz_job_is_intact_at_the_end(client: TestClient, job: dict[str, Any]) -> None:
    """After the property test (same module, same job), the job still exports in every format."""
    for fmt in ("jsonl", "tsv", "tmx", "xliff", "moses"):
        r = client.get(f"/api/jobs/{job['id']}/export", params={"format": fmt})
        assert r.status_code == 200, (fmt, r.text)
        assert r.content
