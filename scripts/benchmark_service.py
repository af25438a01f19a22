"""Benchmark the review service under load: job throughput and API latency, on loopback only.

This is a benchmark, not a test: it asserts nothing beyond "the requests
succeeded", it measures. It starts the real app (``align.service.app``) under
uvicorn in a background thread on a free ``127.0.0.1`` port, with a fresh
temporary data directory and SQLite database, and drives it over HTTP with
httpx, exactly as a client would. Nothing listens beyond loopback; every wait
is bounded (jobs: 30 minutes in all; one request: 120 s).

Usage::

    python scripts/benchmark_service.py --data ../shared/data/align
    python scripts/benchmark_service.py --data ../shared/data/align --model use-m3 \\
        --jobs 1 --requests 20
    python scripts/benchmark_service.py --data ../shared/data/align --model e5 \\
        --jobs 2 --requests 100 --json service.json

Options: ``--model`` (a registry name, default ``e5``), ``--jobs N`` (default 3),
``--requests N`` (requests per measured endpoint, default 200), ``--json OUT``
(write the header and every row as JSON).

The pair (read in place under ``--data``, never copied): the Text+Berg
documents ``textberg_defr/dev/dev`` then ``textberg_defr/test/test0..6``
(``.de`` source, ``.fr`` target), whole documents in that order until both
sides have at least 1,000 lines, joined with newlines and submitted as JSON
with ``presplit=true``, ``src_lang=de``, ``tgt_lang=fr``.

The embedding cache: ``DRIFTALIGN_CACHE`` points at a new temporary folder, so
the on-disk embedding cache starts EMPTY; its ``models`` entry is a symlink to
the models already built on this machine (``$DRIFTALIGN_CACHE/models`` or
``~/.cache/driftalign/models``), so no model is rebuilt. The cache is keyed by
each text, so rotating documents would not stop job 2 from reading job 1's
embeddings. Instead every line of job ``k`` (counting from 0) ends with ``k``
zero-width spaces (U+200B): invisible, and every text is new to the cache,
so every job really embeds, and all jobs have the same size. The tokenizer
may still see them (e5's maps them to a space), so embeddings and beads can
differ slightly between jobs (e5: 941 vs 936 beads in one run). The ``embedded`` line
(texts the encoder computed, i.e. cache misses, counted in-process) shows it.
The model is loaded (and warmed up with one sentence) before the first job,
so job times do not include loading; the load time is printed on its own.

What each figure means:

* Jobs table, one row per job (all submitted at once; the service's runner
  aligns them one at a time, in order):

  - ``sents`` -- source + target sentences of the pair.
  - ``beads`` -- beads of the finished alignment.
  - ``queued s`` -- from the submit request until the job was seen running.
  - ``wall s`` -- from seen running until seen done (polled every 0.1 s):
    segmenting, embedding, aligning, scoring and saving the result.
  - ``server s`` -- the alignment's own time as the job summary records it
    (``summary.seconds``: embedding + aligning + scoring, no saving).
  - ``sent/s`` -- ``sents / wall s``.
  - ``embedded`` line -- texts (sentences and joined "overlaps") the encoder
    had to compute in all jobs together (embedding-cache misses), and cache
    hits (texts asked for again, mostly within a job). Only totals: the cache
    counts a call's misses before computing them, so the next job's first big
    call would leak into a per-job count taken when a job is seen done.

* Throughput line: ``jobs/min`` = completed jobs / minutes from the first
  submit to the last job seen done (queueing included); overall ``sent/s`` =
  all sentences / that time.

* Latency table, on the first finished job (after all jobs are done, so
  no job is running): ``--requests`` sequential requests per row,
  client-side time until the whole response body has arrived (the client and
  the server share one process, as in the tests):

  - ``GET beads`` -- ``GET /api/jobs/{id}/beads`` (every bead, ~1,000 beads).
  - ``edit confirm`` -- ``POST .../edits`` ``{"op": "confirm"}``, toggling a bead.
  - ``edit note`` -- ``POST .../edits`` ``{"op": "note"}``.
  - ``edit merge`` / ``edit split`` -- a merge of bead k with k+1, then the
    split that restores the two beads; each request counted in its own row.
    Both rescore the beads they touch (embedding new joined texts).
  - ``GET job`` -- ``GET /api/jobs/{id}``.

  Every edit answers with all beads, so edit latency includes serialising
  about a thousand beads. Columns: ``n``, ``p50 ms``, ``p95 ms``, ``max ms``
  (p95: nearest-rank percentile).

* Concurrent reads (``--concurrency N``, default 50; 0 skips it), measured
  first, before any edit: N clients at once, each sending ``--concurrent-requests``
  (default 10) ``GET /api/jobs/{id}/beads`` one after another on its own
  keep-alive connection. The clients run in a separate Python process, so
  they do not compete with the server for its GIL. Two rows:
  ``GET beads xN (raw)`` -- a minimal asyncio HTTP/1.1 client that stops the
  clock when the last body byte arrives and decodes nothing: the server's
  latency; ``GET beads xN (httpx)`` -- asyncio + httpx, which also
  decompresses every body, as a Python client would: on 2 cores, with 50
  clients in one process, its own decoding adds to the tail.

* ``--keep-db FILE`` copies the SQLite database (with the finished jobs) to
  FILE at the end; ``--db-from FILE`` starts from a copy of such a file and
  skips the jobs and the edits (only the read rows run, on its first finished
  job), so two versions of the service can be timed on the same 1,000-bead job.

Exit status: 0 on success, 2 when ``--data`` is wrong (the message names the
path), 1 when the service fails a job, a request or the time limit.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import math
import os
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from benchlib import machine, text_table

from align import __version__
from align.encoders import cache_root, registry

TEXTBERG_DIR = "textberg_defr"
DOC_STEMS: tuple[str, ...] = ("dev/dev", *(f"test/test{i}" for i in range(7)))
MIN_LINES = 1000
DATA_EXIT = 2
JOBS_TIMEOUT_S = 30 * 60
REQUEST_TIMEOUT_S = 120.0
START_TIMEOUT_S = 30.0
POLL_S = 0.1
LATENCY_ROWS = ("GET beads", "edit confirm", "edit note", "edit merge", "edit split", "GET job")
MARK = "\u200b"  # zero-width space: makes each job's texts new to the embedding cache


class DataError(Exception):
    """The --data folder is missing or is not the shared align folder."""


class BenchError(Exception):
    """The service failed a job or a request, or ran out of time."""


@dataclass
class JobRow:
    job: int
    id: str
    sents: int
    beads: int
    queued_s: float
    wall_s: float
    server_s: float | None
    sent_per_s: float


@dataclass
class LatencyRow:
    request: str
    n: int
    p50_ms: float
    p95_ms: float
    max_ms: float
    samples_ms: list[float] = dataclasses.field(default_factory=list)


# ----------------------------------------------------------------------------- data


def read_pair(data: Path) -> tuple[list[str], list[str], list[str]]:
    """Source lines, target lines and the documents used (whole documents, in order)."""
    if not data.is_dir():
        raise DataError(f"{data}: no such directory (give --data the shared align folder)")
    root = data / TEXTBERG_DIR
    if not root.is_dir():
        raise DataError(f"{root}: missing (give --data the shared align folder)")
    src: list[str] = []
    tgt: list[str] = []
    used: list[str] = []
    for stem in DOC_STEMS:
        if len(src) >= MIN_LINES and len(tgt) >= MIN_LINES:
            break
        paths = [root / f"{stem}.de", root / f"{stem}.fr"]
        for path in paths:
            if not path.is_file():
                raise DataError(f"{path}: missing (expected the shared Text+Berg data)")
        de, fr = (p.read_text(encoding="utf-8").splitlines() for p in paths)
        src += [line for line in de if line.strip()]
        tgt += [line for line in fr if line.strip()]
        used.append(stem)
    if len(src) < MIN_LINES or len(tgt) < MIN_LINES:
        raise DataError(f"{root}: fewer than {MIN_LINES} lines a side in all documents")
    return src, tgt, used


def job_texts(lines: Sequence[str], job: int) -> str:
    """The lines of job ``job``: each ends with ``job`` zero-width spaces (see the docstring)."""
    suffix = MARK * job
    return "\n".join(line + suffix for line in lines) + "\n"


# ----------------------------------------------------------------------------- server


def real_models_dir() -> Path:
    return cache_root() / "models"


@contextmanager
def empty_cache(models: Path) -> Iterator[Path]:
    """DRIFTALIGN_CACHE -> a new temp folder whose ``models`` links to the built models."""
    old = os.environ.get("DRIFTALIGN_CACHE")
    with tempfile.TemporaryDirectory(prefix="driftalign-bench-cache-") as tmp:
        (Path(tmp) / "models").symlink_to(models.resolve(), target_is_directory=True)
        os.environ["DRIFTALIGN_CACHE"] = tmp
        try:
            yield Path(tmp)
        finally:
            if old is None:
                os.environ.pop("DRIFTALIGN_CACHE", None)
            else:
                os.environ["DRIFTALIGN_CACHE"] = old


@contextmanager
def serve(data_dir: Path, model: str) -> Iterator[tuple[str, Any]]:
    """The real app on 127.0.0.1 and a free port in a background thread: (base URL, app)."""
    import uvicorn

    from align.service.app import create_app

    app = create_app(
        db_url=f"sqlite:///{data_dir}/bench.sqlite", data_dir=data_dir, default_model=model
    )
    # Bind the socket ourselves: no window in which another process could take the port.
    # proto=IPPROTO_TCP matters: asyncio sets TCP_NODELAY on accepted connections only
    # when the socket's proto is TCP (as with ``align serve``, which lets uvicorn bind).
    # With a plain socket.socket() (proto 0), keep-alive clients see a ~40 ms floor
    # per request (Nagle + delayed ACK), which would swamp every latency figure.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + START_TIMEOUT_S
    try:
        while not srv.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise BenchError("uvicorn did not start")
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}", app
    finally:
        srv.should_exit = True
        thread.join(START_TIMEOUT_S)
        sock.close()


def cache_counts(app: Any, model: str) -> tuple[int, int] | None:
    """(misses, hits) of the model's on-disk embedding cache so far, if visible in-process."""
    enc = getattr(app.state.runner, "_encoders", {}).get(model)
    inner = getattr(enc, "_inner", None)
    misses, hits = getattr(inner, "misses", None), getattr(inner, "hits", None)
    return (misses, hits) if isinstance(misses, int) and isinstance(hits, int) else None


def load_model(app: Any, model: str) -> tuple[float, str]:
    """Load the service's encoder and embed one sentence: (seconds, device)."""
    t0 = time.perf_counter()
    enc = app.state.runner.encoder(model)
    enc.encode(["Aufwärmen des Modells."])
    return time.perf_counter() - t0, str(enc.device)


# ----------------------------------------------------------------------------- jobs


def _ok(resp: httpx.Response, expect: int = 200) -> Any:
    if resp.status_code != expect:
        raise BenchError(
            f"{resp.request.method} {resp.request.url.path}: "
            f"HTTP {resp.status_code}: {resp.text[:300]}"
        )
    return resp.json()


def run_jobs(
    client: httpx.Client,
    model: str,
    src: Sequence[str],
    tgt: Sequence[str],
    jobs: int,
) -> tuple[list[JobRow], float]:
    """Submit all jobs, wait for all: a row per job, and seconds from first submit to last done."""
    submitted: list[tuple[str, float]] = []
    t_start = time.perf_counter()
    for k in range(jobs):
        body = {
            "source_text": job_texts(src, k),
            "target_text": job_texts(tgt, k),
            "src_lang": "de",
            "tgt_lang": "fr",
            "model": model,
            "presplit": True,
            "name": f"benchmark job {k + 1}",
        }
        t = time.perf_counter()
        job_id = str(_ok(client.post("/api/jobs", json=body), 202)["id"])
        submitted.append((job_id, t))

    seen_running: dict[str, float] = {}
    seen_done: dict[str, float] = {}
    infos: dict[str, dict[str, Any]] = {}
    deadline = t_start + JOBS_TIMEOUT_S
    while len(seen_done) < jobs:
        if time.perf_counter() > deadline:
            raise BenchError(
                f"only {len(seen_done)} of {jobs} jobs finished within {JOBS_TIMEOUT_S // 60} min"
            )
        for job_id, _ in submitted:
            if job_id in seen_done:
                continue
            info = _ok(client.get(f"/api/jobs/{job_id}"))
            now = time.perf_counter()
            if info["status"] in ("running", "done"):
                seen_running.setdefault(job_id, now)
            if info["status"] == "done":
                seen_done[job_id] = now
                infos[job_id] = info
            elif info["status"] == "failed":
                raise BenchError(f"job {job_id} failed: {info.get('error')}")
        time.sleep(POLL_S)
    elapsed = max(seen_done.values()) - t_start

    rows: list[JobRow] = []
    for k, (job_id, t_sub) in enumerate(submitted):
        info = infos[job_id]
        summary = info.get("summary") or {}
        sents = int(summary.get("source", {}).get("sentences", len(src))) + int(
            summary.get("target", {}).get("sentences", len(tgt))
        )
        wall = seen_done[job_id] - seen_running[job_id]
        seconds = summary.get("seconds")
        rows.append(
            JobRow(
                job=k + 1,
                id=job_id,
                sents=sents,
                beads=int(info.get("beads", 0)),
                queued_s=seen_running[job_id] - t_sub,
                wall_s=wall,
                server_s=float(seconds) if isinstance(seconds, int | float) else None,
                sent_per_s=sents / wall if wall > 0 else math.inf,
            )
        )
    return rows, elapsed


# ----------------------------------------------------------------------------- latency


def _percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def _latency_row(name: str, samples: list[float]) -> LatencyRow:
    return LatencyRow(
        request=name,
        n=len(samples),
        p50_ms=_percentile(samples, 50),
        p95_ms=_percentile(samples, 95),
        max_ms=max(samples),
        samples_ms=[round(s, 3) for s in samples],
    )


def _timed(client: httpx.Client, method: str, url: str, body: Any = None) -> tuple[float, Any]:
    t0 = time.perf_counter()
    resp = client.request(method, url, json=body)
    resp.read()
    ms = (time.perf_counter() - t0) * 1000
    return ms, _ok(resp)


def _shape(beads: Sequence[dict[str, Any]]) -> list[tuple[list[int], list[int]]]:
    return [(b["src"], b["tgt"]) for b in beads]


async def _concurrent_gets(url: str, clients: int, each: int) -> list[float]:
    import asyncio

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(timeout=REQUEST_TIMEOUT_S, limits=limits) as client:
        await client.get(url)  # one warm-up request

        async def one_client() -> list[float]:
            out = []
            for _ in range(each):
                t0 = time.perf_counter()
                resp = await client.get(url)
                await resp.aread()
                out.append((time.perf_counter() - t0) * 1000)
                if resp.status_code != 200:
                    raise BenchError(f"GET {url}: HTTP {resp.status_code}")
            return out

        results = await asyncio.gather(*(one_client() for _ in range(clients)))
    return [ms for r in results for ms in r]


async def _raw_gets(url: str, clients: int, each: int) -> list[float]:
    """Like ``_concurrent_gets`` but with a minimal HTTP/1.1 client on asyncio streams.

    It sends the same request (keep-alive, ``Accept-Encoding: gzip``) and stops the
    clock when the last byte of the body has arrived, without decompressing or
    parsing it: the server's latency, without the client library's own cost. With
    50 clients in one process, httpx's decoding of ~1,000-bead bodies queues the
    later responses behind it and that shows in the httpx row's tail.
    """
    import asyncio
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    request = (
        f"GET {parts.path} HTTP/1.1\r\nHost: {parts.netloc}\r\n"
        "Accept-Encoding: gzip\r\nConnection: keep-alive\r\n\r\n"
    ).encode("ascii")

    async def get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> float:
        t0 = time.perf_counter()
        writer.write(request)
        await writer.drain()
        head = await reader.readuntil(b"\r\n\r\n")
        status = head.split(b" ", 2)[1]
        length = None
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        if status != b"200" or length is None:
            raise BenchError(f"GET {url}: HTTP {status.decode()} (content-length {length})")
        await reader.readexactly(length)
        return (time.perf_counter() - t0) * 1000

    async def one_client() -> list[float]:
        reader, writer = await asyncio.open_connection(host, port)
        try:
            await get(reader, writer)  # its warm-up request, not counted
            await ready.wait()
            return [await get(reader, writer) for _ in range(each)]
        finally:
            writer.close()

    ready = asyncio.Event()
    tasks = [asyncio.create_task(one_client()) for _ in range(clients)]
    await asyncio.sleep(0.5)  # every connection open and warm before the clock
    ready.set()
    results = await asyncio.gather(*tasks)
    return [ms for r in results for ms in r]


def measure_concurrent(url: str, clients: int, each: int, client: str = "httpx") -> LatencyRow:
    """``clients`` concurrent GETs of ``url``, ``each`` per client, from a separate process.

    ``client``: "httpx" (asyncio + httpx, decoding every body, as a Python client
    would) or "raw" (a minimal HTTP client that only reads the bytes: the server's
    own latency).
    """
    import subprocess

    # CPU seconds of this process (the server; the clients are another process):
    # a figure that other load on the machine does not inflate, unlike latency.
    cpu0 = time.process_time()
    proc = subprocess.run(
        [sys.executable, __file__, "--client", client, url, str(clients), str(each)],
        capture_output=True,
        text=True,
        timeout=JOBS_TIMEOUT_S,
    )
    cpu = time.process_time() - cpu0
    if proc.returncode != 0:
        raise BenchError(f"the concurrent client failed: {proc.stderr[-500:]}")
    n = clients * each + (1 if client == "httpx" else clients)  # warm-up requests included
    name = f"GET beads x{clients} ({client})"
    print(
        f"# {name}: server CPU {cpu:.2f} s for {n} requests = {1000 * cpu / n:.1f} ms a request",
        flush=True,
    )
    return _latency_row(name, json.loads(proc.stdout))


def measure_all_concurrent(url: str, clients: int, each: int) -> list[LatencyRow]:
    """The raw client's row (server latency) then the httpx client's row."""
    return [measure_concurrent(url, clients, each, c) for c in ("raw", "httpx")]


def measure_reads(client: httpx.Client, job_id: str, requests: int) -> list[LatencyRow]:
    """``--db-from``: the two read rows only (no edit: the database is a copy to compare on)."""
    base = f"/api/jobs/{job_id}"
    beads = [_timed(client, "GET", f"{base}/beads")[0] for _ in range(requests)]
    job = [_timed(client, "GET", base)[0] for _ in range(requests)]
    return [_latency_row("GET beads", beads), _latency_row("GET job", job)]


def measure_latency(client: httpx.Client, job_id: str, requests: int) -> list[LatencyRow]:
    """Sequential requests against one finished job, ``requests`` per row."""
    base = f"/api/jobs/{job_id}"
    samples: dict[str, list[float]] = {name: [] for name in LATENCY_ROWS}

    state = _ok(client.get(f"{base}/beads"))
    version: int = state["version"]
    beads: list[dict[str, Any]] = state["beads"]
    n = len(beads)
    if n < 2:
        raise BenchError(f"job {job_id} has {n} bead(s); need at least 2 to merge")

    for _ in range(requests):
        ms, _body = _timed(client, "GET", f"{base}/beads")
        samples["GET beads"].append(ms)

    def edit(name: str, op: dict[str, Any]) -> None:
        nonlocal version, beads
        ms, body = _timed(client, "POST", f"{base}/edits", op | {"base_version": version})
        samples[name].append(ms)
        version, beads = body["version"], body["beads"]

    for i in range(requests):
        k = (i * 37) % n
        edit("edit confirm", {"op": "confirm", "bead": k, "confirmed": not beads[k]["confirmed"]})
    for i in range(requests):
        k = (i * 37) % n
        edit("edit note", {"op": "note", "bead": k, "text": f"benchmark note {i}"})
    for i in range(requests):
        k = (i * 37) % (n - 1)
        before = _shape(beads)
        first = beads[k]
        edit("edit merge", {"op": "merge", "bead": k})
        edit(
            "edit split",
            {"op": "split", "bead": k, "src_at": len(first["src"]), "tgt_at": len(first["tgt"])},
        )
        if _shape(beads) != before:
            raise BenchError(f"merge + split of bead {k} did not restore the beads")
    for _ in range(requests):
        ms, _body = _timed(client, "GET", base)
        samples["GET job"].append(ms)

    return [_latency_row(name, values) for name, values in samples.items()]


# ----------------------------------------------------------------------------- output


def header(args: argparse.Namespace, used: Sequence[str], src: int, tgt: int) -> dict[str, Any]:
    return {
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": machine(),
        "driftalign": __version__,
        "model": args.model,
        "jobs": args.jobs,
        "requests": args.requests,
        "data": str(args.data),
        "documents": [f"{TEXTBERG_DIR}/{stem}" for stem in used],
        "lines": {"de": src, "fr": tgt},
    }


def header_lines(head: dict[str, Any]) -> list[str]:
    host = head["machine"]
    return [
        f"# driftalign {head['driftalign']} service benchmark, {head['date']}",
        f"# machine: {host['cpu_count']} CPUs (torch threads {host['torch_threads']}), "
        f"{host['platform']}, Python {host['python']}, torch {host['torch']}",
        f"# model: {head['model']}; jobs: {head['jobs']}; requests per row: {head['requests']}; "
        "server: uvicorn on 127.0.0.1, fresh SQLite db",
        f"# pair: {head['lines']['de']} de / {head['lines']['fr']} fr lines from "
        + ", ".join(head["documents"])
        + f" under {head['data']} (presplit)",
        "# embedding cache: EMPTY at start (temp DRIFTALIGN_CACHE, models symlinked); "
        "job k's lines end in k zero-width",
        "# spaces so no job reuses another's embeddings (the cache is keyed by text).",
    ]


def jobs_table(rows: Sequence[JobRow]) -> str:
    heads = ("job", "sents", "beads", "queued s", "wall s", "server s", "sent/s")
    cells = [
        (
            str(r.job),
            str(r.sents),
            str(r.beads),
            f"{r.queued_s:.1f}",
            f"{r.wall_s:.1f}",
            "-" if r.server_s is None else f"{r.server_s:.1f}",
            f"{r.sent_per_s:.1f}",
        )
        for r in rows
    ]
    return text_table(heads, set(heads), cells)


def latency_table(rows: Sequence[LatencyRow]) -> str:
    heads = ("request", "n", "p50 ms", "p95 ms", "max ms")
    cells = [
        (r.request, str(r.n), f"{r.p50_ms:.1f}", f"{r.p95_ms:.1f}", f"{r.max_ms:.1f}") for r in rows
    ]
    return text_table(heads, {"n", "p50 ms", "p95 ms", "max ms"}, cells)


# ----------------------------------------------------------------------------- main


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        description="Benchmark driftalign's review service on 127.0.0.1: jobs per minute, "
        "sentences/s, and API latency (p50/p95/max).",
    )
    p.add_argument("--data", type=Path, required=True, help="the shared align folder")
    p.add_argument("--model", default="e5", help="registry model for the jobs (default e5)")
    p.add_argument("--jobs", type=int, default=3, help="alignment jobs to submit (default 3)")
    p.add_argument(
        "--requests", type=int, default=200, help="requests per latency row (default 200)"
    )
    p.add_argument("--json", type=Path, metavar="OUT.json", help="also write all rows as JSON")
    p.add_argument(
        "--keep-db", type=Path, metavar="FILE", help="copy the SQLite database here at the end"
    )
    p.add_argument(
        "--db-from",
        type=Path,
        metavar="FILE",
        help="start from a copy of this SQLite database (from --keep-db) and skip the jobs",
    )
    p.add_argument(
        "--concurrency",
        type=int,
        default=50,
        help="concurrent clients for the GET beads row (default 50; 0: skip)",
    )
    p.add_argument(
        "--concurrent-requests",
        type=int,
        default=10,
        help="GET beads requests per concurrent client (default 10)",
    )
    args = p.parse_args(argv)
    if args.jobs < 1:
        p.error("--jobs must be at least 1")
    if args.requests < 1:
        p.error("--requests must be at least 1")
    if args.model not in registry():
        p.error(f"--model {args.model!r}: not a registry model ({', '.join(registry())})")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["--client"]:  # internal: the concurrent clients' process
        import asyncio

        kind, url, clients, each = argv[1], argv[2], int(argv[3]), int(argv[4])
        gets = _raw_gets if kind == "raw" else _concurrent_gets
        print(json.dumps(asyncio.run(gets(url, clients, each))))
        return 0
    args = parse_args(argv)
    if args.db_from is not None:
        return reads_only(args)
    try:
        src, tgt, used = read_pair(args.data)
    except DataError as exc:
        print(f"benchmark_service: error: {exc}", file=sys.stderr)
        return DATA_EXIT
    models = real_models_dir()
    if not models.is_dir():
        print(
            f"benchmark_service: error: {models}: no built models "
            f"(build them with: align models --build {args.model})",
            file=sys.stderr,
        )
        return 1

    head = header(args, used, len(src), len(tgt))
    for text in header_lines(head):
        print(text, flush=True)

    try:
        with (
            empty_cache(models),
            tempfile.TemporaryDirectory(prefix="driftalign-bench-data-") as data_dir,
            serve(Path(data_dir), args.model) as (base, app),
            httpx.Client(base_url=base, timeout=REQUEST_TIMEOUT_S) as client,
        ):
            load_s, device = load_model(app, args.model)
            print(f"# {args.model}: loaded in {load_s:.1f} s on {device} (before the jobs)")
            base_counts = cache_counts(app, args.model)
            job_rows, elapsed = run_jobs(client, args.model, src, tgt, args.jobs)
            end_counts = cache_counts(app, args.model)
            print()
            print(jobs_table(job_rows))
            total = sum(r.sents for r in job_rows)
            per_min = len(job_rows) / (elapsed / 60)
            print(
                f"# throughput: {len(job_rows)} jobs in {elapsed:.1f} s = {per_min:.2f} jobs/min "
                f"(one at a time); {total / elapsed:.1f} sent/s overall",
                flush=True,
            )
            cache: dict[str, int] | None = None
            if base_counts is not None and end_counts is not None:
                cache = {
                    "embedded": end_counts[0] - base_counts[0],
                    "hits": end_counts[1] - base_counts[1],
                }
                print(
                    f"# embedded: {cache['embedded']} texts computed in all jobs "
                    f"({cache['embedded'] / len(job_rows):.0f} a job), {cache['hits']} cache hits",
                    flush=True,
                )
            conc_rows = []
            if args.concurrency > 0:
                url = f"{base}/api/jobs/{job_rows[0].id}/beads"
                conc_rows += measure_all_concurrent(url, args.concurrency, args.concurrent_requests)
            lat_rows = conc_rows + measure_latency(client, job_rows[0].id, args.requests)
            if args.keep_db is not None:
                import sqlite3

                # The backup API copies a consistent snapshot, WAL included.
                src_db = sqlite3.connect(Path(data_dir) / "bench.sqlite")
                dst_db = sqlite3.connect(args.keep_db)
                with dst_db:
                    src_db.backup(dst_db)
                src_db.close()
                dst_db.close()
    except BenchError as exc:
        print(f"benchmark_service: error: {exc}", file=sys.stderr)
        return 1

    print()
    print(latency_table(lat_rows))
    print(
        f"# latency on job 1 ({job_rows[0].beads} beads), sequential, client-side until the "
        "body has arrived; each edit answers with every bead."
    )
    if args.concurrency > 0:
        print(
            f"# GET beads x{args.concurrency}: {args.concurrency} clients at once, "
            f"{args.concurrent_requests} requests each, from a separate process, before any edit."
        )

    if args.json is not None:
        payload = {
            **head,
            "model_load_s": load_s,
            "device": device,
            "elapsed_s": elapsed,
            "jobs_per_min": per_min,
            "sent_per_s_overall": total / elapsed,
            "embedding_cache": cache,
            "jobs_rows": [dataclasses.asdict(r) for r in job_rows],
            "latency_rows": [dataclasses.asdict(r) for r in lat_rows],
        }
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
        print(f"# rows written to {args.json}")
    return 0


def reads_only(args: argparse.Namespace) -> int:
    """``--db-from``: the latency rows on the first finished job of a copied database."""
    import shutil

    if not args.db_from.is_file():
        print(f"benchmark_service: error: {args.db_from}: no such file", file=sys.stderr)
        return DATA_EXIT
    print(
        f"# driftalign {__version__} service benchmark (reads on {args.db_from}), "
        f"{dt.datetime.now().astimezone().isoformat(timespec='seconds')}"
    )
    host = machine()
    print(f"# machine: {host['cpu_count']} CPUs, Python {host['python']}, torch {host['torch']}")
    try:
        with (
            tempfile.TemporaryDirectory(prefix="driftalign-bench-data-") as data_dir,
        ):
            shutil.copyfile(args.db_from, Path(data_dir) / "bench.sqlite")
            with (
                serve(Path(data_dir), args.model) as (base, _app),
                httpx.Client(base_url=base, timeout=REQUEST_TIMEOUT_S) as client,
            ):
                done = [j for j in _ok(client.get("/api/jobs")) if j["status"] == "done"]
                if not done:
                    raise BenchError(f"{args.db_from} holds no finished job")
                job = done[-1]  # the oldest: job 1 of the run that kept the file
                rows = []
                if args.concurrency > 0:
                    url = f"{base}/api/jobs/{job['id']}/beads"
                    rows += measure_all_concurrent(url, args.concurrency, args.concurrent_requests)
                rows += measure_reads(client, job["id"], args.requests)
    except BenchError as exc:
        print(f"benchmark_service: error: {exc}", file=sys.stderr)
        return 1
    print()
    print(latency_table(rows))
    print(
        f"# latency on job {job['id'][:8]} ({job['beads']} beads); GET beads x"
        f"{args.concurrency}: {args.concurrency} clients at once, "
        f"{args.concurrent_requests} requests each, from a separate process, before any edit."
    )
    if args.json is not None:
        payload = {
            "db_from": str(args.db_from),
            "job_beads": job["beads"],
            "latency_rows": [dataclasses.asdict(r) for r in rows],
        }
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
