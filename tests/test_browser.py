"""The review UI end to end: the real app under uvicorn, driven by headless Chromium.

Skipped (with the reason) when Debian's ``/usr/bin/chromium``, the Playwright
package or the service itself is not available, so the rest of the suite runs
anywhere. Everything listens on 127.0.0.1 only and every wait is bounded.

Set ``DRIFTALIGN_SCREENSHOT=1`` to refresh ``align/service/static/screenshot.png``
(the picture the README shows); otherwise the screenshot goes to ``tmp_path``.
"""

from __future__ import annotations

import json
import math
import os
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOT = Path(__file__).resolve().parents[1] / "align" / "service" / "static" / "screenshot.png"
WAIT_S = 30  # the longest any single wait may take...
JOB_WAIT_S = 180  # ...except the first alignment job, which loads the model on a shared machine
UI_MS = 15_000  # Playwright's default timeout for one action or expectation

XSS = "<script>alert(1)</script>"
SOURCE = "\n".join(
    [
        "Привет, мир.",
        "Сегодня хорошая погода.",
        f"{XSS} Это проверка.",
        "Мы идём в парк в 5 часов.",
        "Там мы встретим старых друзей.",
        "Вечером будет дождь.",
    ]
)
TARGET = "\n".join(
    [
        "Hello, world.",
        "The weather is nice today.",
        f"{XSS} This is a test.",
        "We are going to the park at 7 o'clock.",
        "It will rain in the evening.",
    ]
)


def _requirements() -> Any:
    """The Playwright sync API, or skip with the reason the browser test cannot run."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    pytest.importorskip("uvicorn", reason="uvicorn is not installed")
    try:
        import align.service.app  # noqa: F401
    except ImportError as exc:
        pytest.skip(f"align.service.app cannot be imported: {exc}")
    return sync_api


# --------------------------------------------------------------------------- HTTP helpers


def _call(method: str, url: str, body: dict[str, Any] | None = None) -> tuple[int, Any]:
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=WAIT_S) as res:
            raw = res.read()
            return res.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as err:
        raw = err.read()
        return err.code, json.loads(raw) if raw else None


def _wait_done(base: str, job_id: str) -> dict[str, Any]:
    deadline = time.monotonic() + JOB_WAIT_S
    while time.monotonic() < deadline:
        status, job = _call("GET", f"{base}/api/jobs/{job_id}")
        assert status == 200, job
        if job["status"] == "failed":
            pytest.fail(f"the alignment job failed: {job.get('error')}")
        if job["status"] == "done":
            return job
        time.sleep(0.2)
    pytest.fail(f"job {job_id} not done within {JOB_WAIT_S} s")


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real app on 127.0.0.1 and a free port, in a background thread."""
    _requirements()
    import uvicorn

    from align.service.app import create_app

    tmp = tmp_path_factory.mktemp("service")
    app = create_app(db_url=f"sqlite:///{tmp}/t.sqlite", data_dir=tmp)
    # Bind the socket ourselves: no window in which another process could take the port.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", lifespan="on")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + WAIT_S
    while not srv.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(WAIT_S)
        sock.close()


@pytest.fixture(scope="module")
def job(server: str) -> str:
    """A small finished job (one sentence a line; a number changed, a sentence omitted)."""
    status, body = _call(
        "POST",
        f"{server}/api/jobs",
        {
            "source_text": SOURCE,
            "target_text": TARGET,
            "src_lang": "ru",
            "tgt_lang": "en",
            "model": "use-m3",
            "presplit": True,
            "name": "browser test",
        },
    )
    assert status == 202, body
    _wait_done(server, body["id"])
    return str(body["id"])


@pytest.fixture
def browser_page() -> Iterator[tuple[Any, dict[str, list[str]]]]:
    """A fresh Chromium page plus what it reported: dialogs, page errors, CSP violations."""
    sync_api = _requirements()
    seen: dict[str, list[str]] = {"dialogs": [], "errors": [], "csp": []}
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"]
        )
        try:
            context = browser.new_context(
                accept_downloads=True, viewport={"width": 1280, "height": 760}
            )
            context.set_default_timeout(UI_MS)
            page = context.new_page()

            def on_dialog(dialog: Any) -> None:
                seen["dialogs"].append(dialog.message)
                dialog.dismiss()

            def on_console(msg: Any) -> None:
                if "Content Security Policy" in msg.text:
                    seen["csp"].append(msg.text)

            page.on("dialog", on_dialog)
            page.on("pageerror", lambda exc: seen["errors"].append(str(exc)))
            page.on("console", on_console)
            yield page, seen
        finally:
            browser.close()
    assert seen["dialogs"] == [], "a dialog fired (script injection?)"
    assert seen["errors"] == [], "JavaScript errors on the page"
    assert seen["csp"] == [], "the page broke its Content Security Policy"


# --------------------------------------------------------------------------- tests


def test_review_edit_persist_export(
    server: str, job: str, browser_page: Any, tmp_path: Path
) -> None:
    sync_api = _requirements()
    expect = sync_api.expect
    page, _seen = browser_page
    page.goto(f"{server}/jobs/{job}")

    rows = page.get_by_test_id("bead-row")
    expect(rows.first).to_be_visible()
    n = rows.count()
    assert n >= 3, f"expected at least three beads, got {n}"

    # Input text is shown as text: the <script> is visible, never parsed (no dialog fires).
    expect(page.get_by_test_id("src-text").filter(has_text=XSS)).to_have_count(1)
    assert page.locator("#bead-body script").count() == 0
    # Only Latin/Cyrillic here: no cell may claim right-to-left.
    assert page.locator("#bead-body td[dir=rtl]").count() == 0

    # Merge beads 1 and 2 with the toolbar button (bead 1 is current after a click).
    rows.nth(0).locator("td.n").click()
    page.get_by_test_id("merge-btn").click()
    expect(rows).to_have_count(n - 1)
    expect(rows.nth(0).get_by_test_id("src-text")).to_contain_text("Сегодня")
    n -= 1

    # Confirm the (new) second bead with the keyboard: j moves down, c toggles.
    page.keyboard.press("j")
    expect(rows.nth(1)).to_have_attribute("aria-current", "true")
    page.keyboard.press("c")
    expect(rows.nth(1).get_by_test_id("confirm-toggle")).to_be_checked()
    pct = f"{math.floor(100 / n)}%"
    expect(page.get_by_test_id("confirmed-pct")).to_have_text(pct)

    # Confirm a third bead by clicking its checkbox, then ctrl+z takes exactly that back.
    rows.nth(2).get_by_test_id("confirm-toggle").check()
    expect(page.get_by_test_id("confirmed-pct")).to_have_text(f"{math.floor(200 / n)}%")
    page.locator("body").press("Control+z")
    expect(rows.nth(2).get_by_test_id("confirm-toggle")).not_to_be_checked()
    expect(rows.nth(1).get_by_test_id("confirm-toggle")).to_be_checked()

    # n jumps to the most drifted bead.
    page.keyboard.press("n")
    current = page.locator("tr.bead[aria-current=true]")
    drifts = [float(d) for d in rows.evaluate_all("rs => rs.map(r => r.dataset.drift)")]
    assert float(current.get_attribute("data-drift")) == max(drifts)

    # ? opens the key list, Escape closes it.
    page.keyboard.press("?")
    expect(page.get_by_test_id("help-overlay")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.get_by_test_id("help-overlay")).to_have_count(0)

    # A reload shows what the server kept: the merge, the confirmation, the percentage.
    page.reload()
    expect(rows).to_have_count(n)
    expect(rows.nth(0).get_by_test_id("src-text")).to_contain_text("Сегодня")
    expect(rows.nth(1).get_by_test_id("confirm-toggle")).to_be_checked()
    expect(page.get_by_test_id("confirmed-pct")).to_have_text(pct)

    # The picture the README shows (refreshed only on request).
    shot = SCREENSHOT if os.environ.get("DRIFTALIGN_SCREENSHOT") == "1" else tmp_path / "review.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 0

    # The JSONL export is the reviewed alignment: one line per bead, the merge included.
    with page.expect_download(timeout=UI_MS) as info:
        page.get_by_test_id("export-jsonl").click()
    lines = Path(info.value.path()).read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.strip()]
    assert len(records) == n
    assert len(records[0]["src"]) == 2 and len(records[0]["tgt"]) >= 1


def test_conflict_banner_never_overwrites(server: str, job: str, browser_page: Any) -> None:
    sync_api = _requirements()
    expect = sync_api.expect
    page, _seen = browser_page
    page.goto(f"{server}/jobs/{job}")
    rows = page.get_by_test_id("bead-row")
    expect(rows.first).to_be_visible()
    first = rows.nth(0).get_by_test_id("confirm-toggle")
    was = first.is_checked()

    # Someone else edits the job behind the page's back.
    status, info = _call("GET", f"{server}/api/jobs/{job}")
    assert status == 200
    status, body = _call(
        "POST",
        f"{server}/api/jobs/{job}/edits",
        {"op": "note", "bead": 0, "text": "edited elsewhere", "base_version": info["version"]},
    )
    assert status == 200, body

    # The page's next edit is refused: a banner, and the checkbox goes back to what it was.
    rows.nth(0).locator("td.n").click()
    page.keyboard.press("c")
    banner = page.get_by_test_id("conflict-banner")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("Someone else changed this job")
    expect(first).to_be_checked(checked=was)
    _, beads = _call("GET", f"{server}/api/jobs/{job}/beads")
    assert beads["beads"][0]["confirmed"] == was

    # Reload brings in the other change and lifts the banner.
    banner.get_by_role("button", name="Reload").click()
    expect(banner).to_be_hidden()
    expect(rows.nth(0).get_by_test_id("note-input")).to_have_value("edited elsewhere")


def test_job_list_and_submit_form(server: str, job: str, browser_page: Any) -> None:
    sync_api = _requirements()
    expect = sync_api.expect
    page, _seen = browser_page
    page.goto(f"{server}/")
    expect(page.locator(f"[data-testid=job-row][data-id='{job}']")).to_be_visible()

    # Submit a pair through the form (pasted texts: the JSON request).
    before = page.get_by_test_id("job-row").count()
    page.get_by_label("Source text").fill("Один. Два.")
    page.get_by_label("Target text").fill("One. Two.")
    page.get_by_label("Model").select_option("use-m3")
    page.get_by_label("Job name").fill("from the form")
    page.get_by_test_id("submit-btn").click()
    expect(page.get_by_test_id("job-row")).to_have_count(before + 1)
    new_row = page.get_by_test_id("job-row").filter(has_text="from the form")
    # The list polls while a job runs: the row turns "done" without a reload.
    expect(new_row.get_by_test_id("job-status")).to_have_text("done", timeout=WAIT_S * 1000)

    # A file on one side, pasted text on the other: the multipart request.
    page.get_by_label("Source file").set_input_files(
        files=[{"name": "src.txt", "mimeType": "text/plain", "buffer": "Три. Четыре.".encode()}]
    )
    page.get_by_label("Target text").fill("Three. Four.")
    page.get_by_label("Model").select_option("use-m3")
    page.get_by_label("Job name").fill("uploaded")
    page.get_by_test_id("submit-btn").click()
    uploaded = page.get_by_test_id("job-row").filter(has_text="uploaded")
    expect(uploaded.get_by_test_id("job-status")).to_have_text("done", timeout=WAIT_S * 1000)

    # Delete takes two clicks (no blocking confirm() dialog).
    count = page.get_by_test_id("job-row").count()
    uploaded.get_by_test_id("delete-btn").click()
    expect(uploaded.get_by_test_id("delete-btn")).to_have_text("Really delete?")
    uploaded.get_by_test_id("delete-btn").click()
    expect(page.get_by_test_id("job-row")).to_have_count(count - 1)

    # Refusals show the server's message: a binary file (415) names the side…
    error = page.get_by_test_id("submit-error")
    page.get_by_label("Source file").set_input_files(
        files=[
            {"name": "src.bin", "mimeType": "application/octet-stream", "buffer": bytes(range(256))}
        ]
    )
    page.get_by_label("Target text").fill("Text.")
    page.get_by_test_id("submit-btn").click()
    expect(error).to_contain_text("source", ignore_case=True)

    # …and an unknown language (422) is refused too, never silently accepted.
    page.get_by_label("Source file").set_input_files(files=[])
    page.get_by_label("Source language").fill("xx-not-a-language")
    page.get_by_label("Source text").fill("Текст.")
    page.get_by_test_id("submit-btn").click()
    expect(error).to_contain_text("language", ignore_case=True)


def test_split_shift_undo(server: str, job: str, browser_page: Any) -> None:
    sync_api = _requirements()
    expect = sync_api.expect
    page, _seen = browser_page
    page.goto(f"{server}/jobs/{job}")
    rows = page.get_by_test_id("bead-row")
    expect(rows.first).to_be_visible()
    n = rows.count()
    # The aligner pairs the omitted sentence with its neighbour: a 2-1 bead.
    two_one = rows.filter(has_text="Там мы")
    expect(two_one).to_have_count(1)
    two_one.locator("td.n").click()
    k = int(two_one.get_attribute("data-pos") or "")

    # s: the default split, after the first source and the first target sentence.
    page.keyboard.press("s")
    expect(rows).to_have_count(n + 1)
    expect(rows.nth(k).get_by_test_id("src-text")).not_to_contain_text("Там мы")
    expect(rows.nth(k + 1).get_by_test_id("src-text")).to_contain_text("Там мы")
    expect(rows.nth(k + 1).get_by_test_id("tgt-text")).to_contain_text("not in target")

    # ]: the current bead's last target sentence moves on to the next bead.
    page.keyboard.press("]")
    expect(rows.nth(k + 1).get_by_test_id("tgt-text")).to_contain_text("park")
    expect(rows.nth(k).get_by_test_id("tgt-text")).to_contain_text("not in target")

    # Two undos (keyboard, then the button) restore the 2-1 bead.
    page.keyboard.press("Control+z")
    expect(rows.nth(k).get_by_test_id("tgt-text")).to_contain_text("park")
    page.get_by_test_id("undo-btn").click()
    expect(rows).to_have_count(n)
    expect(rows.nth(k).get_by_test_id("src-text")).to_contain_text("Там мы")

    # The inline split control chooses where: both source sentences stay, no target one.
    rows.nth(k).locator("td.n").click()
    page.get_by_test_id("split-btn").click()
    panel = page.get_by_test_id("split-panel")
    expect(panel).to_be_visible()
    panel.get_by_test_id("split-src-at").fill("2")
    panel.get_by_test_id("split-tgt-at").fill("0")
    panel.get_by_test_id("split-confirm").click()
    expect(rows).to_have_count(n + 1)
    expect(rows.nth(k).get_by_test_id("src-text")).to_contain_text("Там мы")
    expect(rows.nth(k).get_by_test_id("tgt-text")).to_contain_text("not in target")
    expect(rows.nth(k + 1).get_by_test_id("src-text")).to_contain_text("not in source")
    page.get_by_test_id("undo-btn").click()
    expect(rows).to_have_count(n)


def test_chart_filter_and_reason_details(server: str, job: str, browser_page: Any) -> None:
    sync_api = _requirements()
    expect = sync_api.expect
    page, _seen = browser_page
    page.goto(f"{server}/jobs/{job}")
    rows = page.get_by_test_id("bead-row")
    expect(rows.first).to_be_visible()
    n = rows.count()
    drifts = [float(d) for d in rows.evaluate_all("rs => rs.map(r => r.dataset.drift)")]
    flagged = rows.evaluate_all("rs => rs.map(r => r.classList.contains('flagged'))")

    # The chart: one bar per bead, in document order, the height following the drift.
    bars = page.locator("[data-testid=drift-chart] rect.bar")
    expect(bars).to_have_count(n)
    heights = [float(h) for h in bars.evaluate_all("bs => bs.map(b => b.getAttribute('height'))")]
    assert [round(max(d * 100, 1.5), 1) for d in drifts] == heights

    # Reason details are text on the page, not only a tooltip (5 o'clock became 7).
    details = page.get_by_test_id("reason-detail")
    expect(details.first).to_be_visible()
    assert any("5" in t and "7" in t for t in details.all_inner_texts())

    # Minimum drift hides the beads below it; passage headings follow; the count is shown.
    # (the slider moves in steps of 0.05: a threshold at or below the median drift)
    cut = math.floor(sorted(drifts)[len(drifts) // 2] * 20) / 20
    page.get_by_test_id("min-drift").fill(f"{cut:.2f}")
    want = sum(d >= cut - 1e-9 for d in drifts)
    assert want > 0
    expect(page.locator("tr.bead:visible")).to_have_count(want)
    expect(page.get_by_test_id("shown")).to_have_text(f"{want} of {n} beads shown")
    page.get_by_test_id("min-drift").fill("0")
    expect(page.locator("tr.bead:visible")).to_have_count(n)

    # Only flagged.
    page.get_by_test_id("only-flagged").check()
    expect(page.locator("tr.bead:visible")).to_have_count(sum(flagged))
    page.get_by_test_id("only-flagged").uncheck()
    expect(page.locator("tr.bead:visible")).to_have_count(n)

    # A click on the highest bar makes its bead the current one.
    top = max(range(n), key=lambda i: drifts[i])
    bars.nth(top).click()
    expect(rows.nth(top)).to_have_attribute("aria-current", "true")
