"""The FastAPI application of the review service; the HTTP contract is ``API.md``.

Security model (a local or intranet tool that handles other people's texts):

- nothing a client sends is ever used as a file-system path: job ids must be
  32 lowercase hex characters (anything else is 404 before any lookup),
  uploaded file names are reduced to a display name for messages only, the
  model must be a registry name (not a local directory), and exports are
  written under fresh temporary directories with fixed names;
- request bodies are capped before they are read in full (Content-Length,
  then a counting read), so a huge upload costs nothing;
- data reach the page only as JSON, and the page is static, so texts cannot
  inject markup; CSP forbids inline scripts anyway;
- state-changing requests from another origin are refused (a web page the
  reviewer visits cannot submit, edit or delete jobs behind their back);
- the Host header must name an allowed host (localhost names by default), so
  a DNS-rebinding page cannot talk to a service on the reviewer's machine;
- with a token (required by ``align serve`` beyond localhost) every request
  must carry it: ``Authorization: Bearer`` for scripts, or an HttpOnly,
  SameSite=Strict cookie that ``/?token=...`` sets once for the browser;
  compared in constant time;
- JSON bodies are size-capped, nesting that would exhaust the parser's stack
  is a 400, and an edit may carry only its op's known fields, so nothing
  unexpected reaches the edit log.
"""

from __future__ import annotations

import gzip
import hashlib
import hmac
import io
import json
import logging
import re
import tempfile
import threading
import unicodedata
import zipfile
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit
from xml.sax.saxutils import escape, quoteattr

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import OperationalError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException

from ..encoders import DEFAULT_MODEL, registry
from ..errors import InputError
from ..formats import WRITERS, moses_names
from ..languages import normalize_lang
from ..reading import decode_text
from ..types import Alignment, Document
from . import review
from .jobs import DEFAULT_STALE_AFTER, JobRunner
from .store import JobNotFound, Store, VersionConflict, default_data_dir, sqlite_url

logger = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).resolve().parent / "static"
JOB_ID = re.compile(r"[0-9a-f]{32}")
EXPORT_FORMATS = ("jsonl", "tsv", "tmx", "xliff", "moses")
# An edit is a small JSON object; its largest field, a note of 10,000 characters,
# takes at most 120 kB even with every character \u-escaped as a surrogate pair.
MAX_EDIT_BYTES = 160 * 1024
MAX_NAME_CHARS = 200
# Host names accepted by default: the service is a local tool unless told otherwise.
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
BEADS_CACHE_BYTES = 64 * 1024 * 1024  # serialised GET .../beads bodies kept in memory

CSP = "default-src 'self'; style-src 'self' 'unsafe-inline'"
# Swagger UI and ReDoc load their bundles from a CDN and bootstrap with an
# inline script; only those two pages get a policy that allows it.
DOCS_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net https://fonts.googleapis.com; "
    "font-src 'self' https://fonts.gstatic.com; img-src 'self' data: https://fastapi.tiangolo.com; "
    "worker-src 'self' blob:"
)
DOCS_PATHS = ("/docs", "/docs/oauth2-redirect", "/redoc")

PLACEHOLDER_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>driftalign review</title></head>
<body><h1>driftalign review service</h1>
<p>The browser UI is not installed (align/service/static/index.html is missing).
The HTTP API is available; see <a href="/docs">/docs</a>.</p></body></html>
"""

EXPORT_TYPES = {
    "jsonl": ("application/x-ndjson; charset=utf-8", "jsonl"),
    "tsv": ("text/tab-separated-values; charset=utf-8", "tsv"),
    "tmx": ("application/x-tmx+xml; charset=utf-8", "tmx"),
    "xliff": ("application/xliff+xml; charset=utf-8", "xlf"),
    "moses": ("application/zip", "zip"),
}

SUBMIT_OPENAPI: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "required": ["source_text", "target_text", "src_lang", "tgt_lang"],
                    "properties": {
                        "source_text": {"type": "string"},
                        "target_text": {"type": "string"},
                        "src_lang": {"type": "string", "example": "ru"},
                        "tgt_lang": {"type": "string", "example": "en"},
                        "model": {"type": "string", "example": "use-m3"},
                        "presplit": {"type": "boolean"},
                        "name": {"type": "string"},
                    },
                }
            },
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["source", "target", "src_lang", "tgt_lang"],
                    "properties": {
                        "source": {"type": "string", "format": "binary"},
                        "target": {"type": "string", "format": "binary"},
                        "src_lang": {"type": "string"},
                        "tgt_lang": {"type": "string"},
                        "model": {"type": "string"},
                        "presplit": {"type": "string", "enum": ["true", "false"]},
                        "name": {"type": "string"},
                    },
                }
            },
        },
    }
}

EDIT_OPENAPI: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "required": ["op", "base_version"],
                    "properties": {
                        "op": {"type": "string", "enum": list(review.OPS)},
                        "base_version": {"type": "integer"},
                        "bead": {"type": "integer"},
                        "src_at": {"type": "integer"},
                        "tgt_at": {"type": "integer"},
                        "side": {"type": "string", "enum": ["src", "tgt"]},
                        "direction": {"type": "string", "enum": ["prev", "next"]},
                        "confirmed": {"type": "boolean"},
                        "text": {"type": "string"},
                    },
                }
            }
        },
    }
}


class SafeJSONResponse(JSONResponse):
    """JSON with ``<``, ``>`` and ``&`` as \\u escapes.

    The parsed value is unchanged (those characters only occur inside JSON
    strings), but the raw body never contains markup such as ``<script>``, so
    even a client that wrongly pastes a response into HTML, or a browser that
    sniffs it, sees no tags. Non-ASCII text stays readable UTF-8.
    """

    def render(self, content: Any) -> bytes:
        return self.render_json(content)

    @staticmethod
    def render_json(content: Any) -> bytes:
        text = json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        return text.encode("utf-8")


class ApiError(Exception):
    """An error response with a clear message (and optional extra JSON fields)."""

    def __init__(self, status_code: int, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.status, self.detail, self.extra = status_code, detail, extra


# --------------------------------------------------------------------------- middleware

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


UNAUTHORIZED_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>driftalign review: token needed</title></head>
<body><h1>This driftalign review service needs its access token</h1>
<p>Open the address <code>align serve</code> printed when it started (it ends with
<code>?token=&hellip;</code>); the browser then remembers the token for this site.
Scripts send <code>Authorization: Bearer TOKEN</code>.</p></body></html>
"""


def host_name(host_header: str) -> str:
    """The host of a Host header, without port, brackets or trailing dot, lower case."""
    host = host_header.strip().lower()
    if host.startswith("["):  # [::1]:8000
        host = host[1:].split("]", 1)[0]
    elif host.count(":") == 1:
        host = host.split(":", 1)[0]
    return host.rstrip(".")


class SecurityMiddleware:
    """Host allow-list, token, cross-origin writes refused, security headers (pure ASGI)."""

    UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})

    def __init__(
        self,
        app: ASGIApp,
        allowed_hosts: Sequence[str] | None = LOCAL_HOSTS,
        token: str | None = None,
    ) -> None:
        self.app = app
        # None or "*" in the list: any Host (the operator vouches for the network).
        hosts = None if allowed_hosts is None else {host_name(h) for h in allowed_hosts}
        self.hosts = None if hosts is None or "*" in hosts else frozenset(hosts)
        self.token = token.encode("utf-8") if token else None
        # The cookie holds a value derived from the token, not the token itself.
        self.cookie_value = (
            hmac.new(self.token, b"driftalign review cookie", hashlib.sha256).hexdigest()
            if self.token
            else None
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        refusal = self._refuse(scope, headers)
        if refusal is not None:
            await self._with_headers(refusal, path)(scope, receive, send)
            return
        await self._with_headers(self.app, path)(scope, receive, send)

    def _refuse(self, scope: Scope, headers: dict[str, str]) -> Response | None:
        """The response that stops this request, or None to let it through."""
        if self.hosts is not None:
            host = host_name(headers.get("host", ""))
            if host not in self.hosts:
                return SafeJSONResponse(
                    {
                        "detail": f"host {host or '(none)'!r} is not served here; start the "
                        "service with --allowed-host NAME to accept it"
                    },
                    status_code=400,
                )
        if self.token is not None:
            login = self._login(scope)
            if login is not None:
                return login
            if not self._authorised(headers):
                return _unauthorised(headers)
        if scope["method"] in self.UNSAFE and not _same_origin(headers):
            return SafeJSONResponse(
                {"detail": "cross-origin request refused; use the service's own pages"},
                status_code=403,
            )
        return None

    def cookie_name(self, scope: Scope) -> str:
        # Cookies ignore the port: two services on one host must not share a name.
        server = scope.get("server") or (None, None)
        return f"driftalign_token_{server[1] or 0}"

    def _login(self, scope: Scope) -> Response | None:
        """``GET ...?token=T``: set the cookie and redirect to the URL without the token."""
        if scope["method"] != "GET" or not scope.get("query_string"):
            return None
        query = parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)
        given = [v for k, v in query if k == "token"]
        if not given:
            return None
        assert self.token is not None and self.cookie_value is not None
        if not hmac.compare_digest(given[-1].encode("utf-8"), self.token):
            return SafeJSONResponse({"detail": "wrong token"}, status_code=401)
        rest = urlencode([(k, v) for k, v in query if k != "token"])
        target = scope.get("path", "/") + (f"?{rest}" if rest else "")
        resp = Response(status_code=303, headers={"Location": target})
        resp.set_cookie(
            self.cookie_name(scope),
            self.cookie_value,
            httponly=True,
            samesite="strict",
            secure=scope.get("scheme") == "https",
            path="/",
        )
        return resp

    def _authorised(self, headers: dict[str, str]) -> bool:
        assert self.token is not None and self.cookie_value is not None
        auth = headers.get("authorization", "")
        scheme, _, value = auth.partition(" ")
        if scheme.lower() == "bearer" and value:
            return hmac.compare_digest(value.strip().encode("utf-8"), self.token)
        for part in headers.get("cookie", "").split(";"):
            name, _, value = part.strip().partition("=")
            if name.startswith("driftalign_token_") and hmac.compare_digest(
                value.encode("utf-8"), self.cookie_value.encode()
            ):
                return True
        return False

    @staticmethod
    def _with_headers(app: ASGIApp, path: str) -> ASGIApp:
        extra = [
            (b"content-security-policy", (DOCS_CSP if path in DOCS_PATHS else CSP).encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"x-frame-options", b"DENY"),
            (b"referrer-policy", b"no-referrer"),
        ]
        if path.startswith("/api/"):
            extra.append((b"cache-control", b"no-store"))

        async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
            async def send_with_headers(message: Message) -> None:
                if message["type"] == "http.response.start":
                    names = {k.lower() for k, _ in message.get("headers", [])}
                    message["headers"] = list(message.get("headers", [])) + [
                        (k, v) for k, v in extra if k not in names
                    ]
                await send(message)

            await app(scope, receive, send_with_headers)

        return wrapped


def _unauthorised(headers: dict[str, str]) -> Response:
    challenge = {"WWW-Authenticate": 'Bearer realm="driftalign"'}
    if "text/html" in headers.get("accept", ""):
        return HTMLResponse(UNAUTHORIZED_PAGE, status_code=401, headers=challenge)
    return SafeJSONResponse(
        {
            "detail": "this service needs its token: send 'Authorization: Bearer TOKEN' "
            "(or open /?token=TOKEN once in the browser)"
        },
        status_code=401,
        headers=challenge,
    )


def _same_origin(headers: dict[str, str]) -> bool:
    """True unless the browser says the request comes from another origin.

    Non-browser clients (curl, scripts, the test client) send no Origin and
    are allowed; ``Origin: null`` (sandboxed frames, file://) is not.
    """
    origin = headers.get("origin")
    if origin is None:
        return True
    host = headers.get("host", "")
    try:
        parts = urlsplit(origin)
    except ValueError:
        return False
    return bool(parts.netloc) and parts.netloc.lower() == host.lower()


# --------------------------------------------------------------------------- helpers


def _check_job_id(job_id: str) -> str:
    if not JOB_ID.fullmatch(job_id):
        raise ApiError(404, "no such job (job ids are 32 hexadecimal characters)")
    return job_id


def display_name(filename: str | None, fallback: str) -> str:
    """A client file name reduced to something safe to show; never used as a path."""
    if not filename:
        return fallback
    base = re.split(r"[\\/]", filename)[-1]
    base = "".join(c for c in base if unicodedata.category(c)[0] != "C").strip()
    if base in ("", ".", ".."):
        return fallback
    return base[:100]


def _clean_name(value: Any) -> str:
    text = "".join(c for c in str(value) if unicodedata.category(c)[0] != "C" or c == " ")
    return " ".join(text.split())[:MAX_NAME_CHARS]


def _parse_bool(value: Any, field: str) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in (
        "true",
        "1",
        "yes",
        "on",
        "false",
        "0",
        "no",
        "off",
        "",
    ):
        return value.strip().lower() in ("true", "1", "yes", "on")
    raise ApiError(422, f"'{field}' must be true or false, got {value!r}")


def _decode_upload(data: bytes, label: str, name: str) -> str:
    """Bytes of one side to text: 422 when empty, 415 (naming the file) when not UTF-8 text."""
    if not data.strip():
        raise ApiError(422, f"{label} is empty")
    try:
        return decode_text(data, name)
    except InputError as exc:
        raise ApiError(415, f"{label} is not UTF-8 text: {exc.problem}") from None


async def _read_capped(request: Request, limit: int, too_large: str | None = None) -> bytes:
    """The request body, refusing (413) as soon as it exceeds ``limit`` bytes."""
    message = too_large or _too_large(limit)
    length = request.headers.get("content-length")
    if length is not None:
        try:
            declared = int(length)
        except ValueError:
            raise ApiError(400, "invalid Content-Length header") from None
        if declared > limit:
            raise ApiError(413, message)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, message)
        chunks.append(chunk)
    return b"".join(chunks)


def _parse_json(body: bytes) -> Any:
    """Parse a request body; 400 for invalid JSON or nesting too deep for the parser."""
    try:
        return json.loads(body)
    except RecursionError:
        # e.g. 200,000 "[": the C parser's stack guard, not a server fault.
        raise ApiError(400, "the JSON body is nested too deeply") from None
    except (ValueError, UnicodeDecodeError):
        raise ApiError(400, "the body is not valid JSON") from None


def _too_large(limit: int) -> str:
    return (
        f"the upload is larger than the limit of {limit / 1024 / 1024:g} MB "
        "(both texts together; start the server with --max-upload-mb to change it)"
    )


def _replay(request: Request, body: bytes) -> Request:
    """A Request over an already-read body, so Starlette's multipart parser can run on it."""
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return Request(request.scope, receive)


def xliff(alignment: Alignment, records: list[review.Record], job_id: str) -> bytes:
    """XLIFF 2.0: one unit per bead; drift, flags and reviewer notes as <note>s.

    Every bead becomes a unit (an omission has an empty target, an addition an
    empty source), so unit ids b1..bN match the bead numbers of the other
    exports. Confirmed beads are state="reviewed", others "translated".
    """

    def text(value: str) -> str:
        return escape(review_xml_text(value))

    src, tgt = alignment.source.lang, alignment.target.lang
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" '
        f"srcLang={quoteattr(src)} trgLang={quoteattr(tgt)}>\n",
        f'  <file id="f1" original={quoteattr("driftalign-" + job_id)}>\n',
    ]
    for n, (bead, rec) in enumerate(zip(alignment.beads, records, strict=True), start=1):
        state = "reviewed" if rec.get("confirmed") else "translated" if bead.tgt else "initial"
        out.append(f'    <unit id="b{n}">\n      <notes>\n')
        out.append(f'        <note category="drift">{bead.drift:.4f}</note>\n')
        if bead.similarity is not None:
            out.append(f'        <note category="similarity">{bead.similarity:.4f}</note>\n')
        if bead.flags:
            out.append(f'        <note category="flags">{text(",".join(bead.flags))}</note>\n')
        if rec.get("note"):
            out.append(f'        <note category="reviewer">{text(rec["note"])}</note>\n')
        if rec.get("edited"):
            out.append('        <note category="edited">yes</note>\n')
        out.append(
            f'        <note category="review-version">{int(rec.get("version") or 0)}</note>\n'
        )
        out.append("      </notes>\n")
        out.append(f'      <segment state="{state}">\n')
        out.append(f"        <source>{text(bead.src_text if bead.src else '')}</source>\n")
        if bead.tgt:
            out.append(f"        <target>{text(bead.tgt_text)}</target>\n")
        out.append("      </segment>\n    </unit>\n")
    out.append("  </file>\n</xliff>\n")
    return "".join(out).encode("utf-8")


_XML_ILLEGAL = re.compile("[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def review_xml_text(value: str) -> str:
    """Drop characters XML 1.0 forbids (they would make the file unparsable)."""
    return _XML_ILLEGAL.sub("", value)


# --------------------------------------------------------------------------- the app


class _Service:
    """The state behind the endpoints: store, runner, cached documents, limits."""

    def __init__(self, store: Store, runner: Any, max_upload_bytes: int, default_model: str):
        self.store = store
        self.runner = runner
        self.max_upload = max_upload_bytes
        self.default_model = default_model
        self._docs: OrderedDict[str, tuple[Document, Document, dict[str, Any]]] = OrderedDict()
        self._docs_lock = threading.Lock()
        self._summaries: OrderedDict[tuple[str, int], dict[str, Any]] = OrderedDict()
        # job id -> (version, GET .../beads body, its gzip or None); LRU bounded by bytes.
        self._beads: OrderedDict[str, tuple[int, bytes, bytes | None]] = OrderedDict()
        self._beads_bytes = 0

    def cached_beads(self, job_id: str, gzipped: bool) -> tuple[bytes, bool] | None:
        """The cached body when it is still the job's current version, else None.

        Cheap enough (one primary-key lookup, no rendering) to run on the event
        loop: under 50 concurrent readers, handing each request to a thread
        costs more in GIL hand-offs than the lookup itself.
        """
        state = self.store.job_version(_check_job_id(job_id))
        if state is None:
            raise ApiError(404, "no such job")
        with self._docs_lock:
            hit = self._beads.get(job_id)
            if state[0] != "done" or hit is None or hit[0] != state[1]:
                return None
            self._beads.move_to_end(job_id)
            if not gzipped:
                return hit[1], False
            return (hit[2], True) if hit[2] is not None else None

    def beads_body(self, job_id: str, gzipped: bool = False) -> tuple[bytes, bool]:
        """The GET .../beads body, rendered (and gzipped) once per job version.

        Reading a thousand bead rows and rendering them costs tens of
        milliseconds of CPU; a reviewer's page and its colleagues ask for the
        same version again and again. The check is one indexed lookup of
        (status, version), which also sees edits made by other processes.
        Returns (body, whether it is gzip-encoded); gzip shrinks a
        thousand-bead body about fourfold, for the price of one compression.
        """
        state = self.store.job_version(_check_job_id(job_id))
        if state is None:
            raise ApiError(404, "no such job")
        if state[0] == "done":
            with self._docs_lock:
                hit = self._beads.get(job_id)
                if hit is not None and hit[0] == state[1]:
                    self._beads.move_to_end(job_id)
                    if not gzipped:
                        return hit[1], False
                    if hit[2] is not None:
                        return hit[2], True
            if hit is not None and hit[0] == state[1]:
                packed = gzip.compress(hit[1], compresslevel=5, mtime=0)
                self._cache_beads(job_id, hit[0], hit[1], packed)
                return packed, True
        snap = self.snapshot(job_id)
        body = SafeJSONResponse.render_json(
            {
                "version": snap.version,
                "src_lang": snap.params.get("src_lang"),
                "tgt_lang": snap.params.get("tgt_lang"),
                "beads": _with_index(snap.beads),
            }
        )
        zipped = gzip.compress(body, compresslevel=5, mtime=0) if gzipped else None
        self._cache_beads(job_id, snap.version, body, zipped)
        return (zipped, True) if zipped is not None else (body, False)

    def _cache_beads(self, job_id: str, version: int, body: bytes, packed: bytes | None) -> None:
        def size(entry: tuple[int, bytes, bytes | None]) -> int:
            return len(entry[1]) + len(entry[2] or b"")

        with self._docs_lock:
            old = self._beads.pop(job_id, None)
            if old is not None:
                self._beads_bytes -= size(old)
                if old[0] > version:  # a newer version got here first: keep it
                    version, body, packed = old
            entry = (version, body, packed)
            self._beads[job_id] = entry
            self._beads_bytes += size(entry)
            while self._beads_bytes > BEADS_CACHE_BYTES and len(self._beads) > 1:
                _, dropped = self._beads.popitem(last=False)
                self._beads_bytes -= size(dropped)

    def documents(self, job_id: str) -> tuple[Document, Document, dict[str, Any]]:
        """The job's segmented documents (immutable once done: cached, small LRU)."""
        with self._docs_lock:
            hit = self._docs.get(job_id)
            if hit is not None:
                self._docs.move_to_end(job_id)
                return hit
        data = self.store.documents(job_id)
        loaded = self.store.job_input(job_id)
        if data is None or loaded is None:
            raise ApiError(409, "the job has no alignment yet")
        _, src_text, tgt_text = loaded
        source, target = review.documents_from_json(data, src_text, tgt_text)
        entry = (source, target, dict(data.get("signature") or {}))
        with self._docs_lock:
            self._docs[job_id] = entry
            while len(self._docs) > 16:
                self._docs.popitem(last=False)
        return entry

    def forget(self, job_id: str) -> None:
        with self._docs_lock:
            self._docs.pop(job_id, None)
            old = self._beads.pop(job_id, None)
            if old is not None:
                self._beads_bytes -= len(old[1]) + len(old[2] or b"")
            for key in [k for k in self._summaries if k[0] == job_id]:
                del self._summaries[key]

    def job(self, job_id: str) -> dict[str, Any]:
        info = self.store.job_info(_check_job_id(job_id))
        if info is None:
            raise ApiError(404, "no such job")
        if info["status"] == "done" and info["version"] > 0:
            info["summary"] = self.reviewed_summary(job_id, info)
        return info

    def reviewed_summary(self, job_id: str, info: dict[str, Any]) -> dict[str, Any] | None:
        """The run summary recomputed over the reviewed beads, cached per version.

        A version identifies the bead list of a done job, so the cache can only
        be stale if the job was deleted (then it is forgotten) or re-run.
        """
        key = (job_id, int(info["version"]))
        with self._docs_lock:
            hit = self._summaries.get(key)
        if hit is not None:
            return hit
        try:
            snap = self.store.read_beads(job_id)
        except JobNotFound:
            return info["summary"]
        if snap.status != "done" or snap.version != key[1]:
            return info["summary"]  # changed meanwhile: the next poll gets the new one
        source, target, _ = self.documents(job_id)
        summary = review.reviewed_summary(snap.beads, source, target, info["summary"])
        summary["reviewed_version"] = snap.version
        with self._docs_lock:
            self._summaries[key] = summary
            while len(self._summaries) > 64:
                self._summaries.popitem(last=False)
        return summary

    def _recentring(self, job_id: str) -> tuple[float, float]:
        """The run's re-centring of the document's drift: (logit shift, margin scale);
        (0, 1) for pairs, or where none was found."""
        info = self.store.job_info(job_id) or {}
        found = (info.get("summary") or {}).get("drift_recentring") or {}
        return float(found.get("logit_shift", 0.0)), float(found.get("margin_scale", 1.0))

    def snapshot(self, job_id: str, with_last_edit: bool = False) -> Any:
        try:
            snap = self.store.read_beads(_check_job_id(job_id), with_last_edit)
        except JobNotFound:
            raise ApiError(404, "no such job") from None
        if snap.status != "done":
            raise ApiError(
                409,
                f"the job is {snap.status}; beads are available once it is done",
                status=snap.status,
            )
        return snap

    def edit(self, job_id: str, body: Any) -> dict[str, Any]:
        if not isinstance(body, dict):
            raise ApiError(400, "an edit must be a JSON object")
        base = body.get("base_version")
        if not isinstance(base, int) or isinstance(base, bool):
            raise ApiError(400, "'base_version' (an integer) is required")
        op = {k: v for k, v in body.items() if k != "base_version"}
        try:
            review.check_fields(op)  # only known fields reach the edit log
        except ValueError as exc:
            raise ApiError(400, str(exc)) from None
        snap = self.snapshot(job_id, with_last_edit=op.get("op") == "undo")
        if base != snap.version:
            raise ApiError(
                409,
                f"the job was edited meanwhile (now version {snap.version}, your edit was "
                f"based on {base}); reload and redo the edit",
                version=snap.version,
            )
        last = snap.last_edit
        try:
            change = review.plan_edit(
                snap.beads,
                op,
                None
                if last is None
                else review.LastEdit(last.id, last.start, last.old, last.new_count),
            )
            if change.rescore:
                source, target, _ = self.documents(job_id)
                model = str(snap.params.get("model") or self.default_model)
                review.rescore(
                    change.new,
                    change.rescore,
                    source,
                    target,
                    self.runner.embedder(model),
                    self.runner.drift_config(model),
                    self.runner.coverer(model),
                    *self._recentring(job_id),
                )
            review.stamp_version(change, base + 1)
            beads = review.apply_change(snap.beads, change)
        except ValueError as exc:
            raise ApiError(400, str(exc)) from None
        # The summary is not recomputed here (that is most of an edit's cost on a
        # long document); GET /api/jobs/{id} derives it from the reviewed beads.
        try:
            version = self.store.commit_edit(
                job_id, base, op, change.start, change.old, change.new, change.undo_of
            )
        except VersionConflict as exc:
            raise ApiError(
                409,
                f"the job was edited meanwhile (now version {exc.current}, your edit was "
                f"based on {base}); reload and redo the edit",
                version=exc.current,
            ) from None
        except JobNotFound:
            raise ApiError(404, "no such job") from None
        return {"version": version, "beads": _with_index(beads)}

    def export(self, job_id: str, fmt: str) -> Response:
        if fmt not in EXPORT_FORMATS:
            raise ApiError(
                400, f"unknown format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}"
            )
        snap = self.snapshot(job_id)
        source, target, signature = self.documents(job_id)
        alignment = review.to_alignment(snap.beads, source, target, {}, signature)
        media, ext = EXPORT_TYPES[fmt]
        if fmt == "xliff":
            data = xliff(alignment, snap.beads, job_id)
        else:
            with tempfile.TemporaryDirectory(prefix="driftalign-export-") as tmp:
                out = Path(tmp)
                path = WRITERS[fmt](alignment, out)
                if fmt == "moses":
                    buf = io.BytesIO()
                    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
                        for name in moses_names(source.lang, target.lang):
                            zf.write(out / name, arcname=name)
                        # The bead map with each line's review state, when the writer makes one.
                        for extra in sorted(out.glob("*.tsv")):
                            zf.write(extra, arcname=extra.name)
                    data = buf.getvalue()
                else:
                    data = path.read_bytes()
        filename = f"driftalign-{job_id[:8]}-v{snap.version}.{ext}"
        return Response(
            data,
            media_type=media,
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )


def _with_index(beads: list[review.Record]) -> list[dict[str, Any]]:
    return [{"index": i} | b for i, b in enumerate(beads)]


def _page() -> HTMLResponse:
    """The single page, read at request time so a UI update needs no restart."""
    try:
        html = (STATIC_DIR / "index.html").read_text(encoding="utf-8")
    except OSError:
        html = PLACEHOLDER_PAGE
    return HTMLResponse(html, headers={"Cache-Control": "no-cache"})


def create_app(
    db_url: str | None = None,
    data_dir: Path | None = None,
    max_upload_mb: float = 5,
    runner: Any = None,
    default_model: str = DEFAULT_MODEL,
    allowed_hosts: Sequence[str] | None = LOCAL_HOSTS,
    token: str | None = None,
    run_jobs: bool = True,
    stale_after: float = DEFAULT_STALE_AFTER,
    backend: str = "auto",
) -> FastAPI:
    """Build the service. ``runner`` (tests, embedding) must offer submit/resume/embedder/
    drift_config and a ``store``; by default a :class:`JobRunner` on a new store.

    ``allowed_hosts``: Host header names served (``None`` or ``"*"``: any).
    ``token``: required on every request when set. ``run_jobs=False``: no
    in-process worker (``align worker`` processes on the same database run
    the jobs). Jobs whose worker stopped beating are re-queued here. ``backend``:
    how the default runner's encoders run on CPU (:mod:`align.encoders.quant`).
    """
    if runner is not None:
        store: Store = runner.store
        own_runner = False
    else:
        if db_url is None:
            data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
            data_dir.mkdir(parents=True, exist_ok=True)
            db_url = sqlite_url(data_dir)
        store = Store(db_url)
        runner = JobRunner(
            store, default_model, run_jobs=run_jobs, stale_after=stale_after, backend=backend
        )
        own_runner = True
    svc = _Service(store, runner, int(max_upload_mb * 1024 * 1024), default_model)
    runner.resume()

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        if own_runner:
            runner.shutdown()

    app = FastAPI(
        title="driftalign review service",
        version="1",
        description="Submit a text and its translation, review the aligned beads, export. "
        "Contract: align/service/API.md.",
        lifespan=lifespan,
        default_response_class=SafeJSONResponse,
    )
    app.state.service = svc
    app.state.store = store
    app.state.runner = runner
    app.add_middleware(SecurityMiddleware, allowed_hosts=allowed_hosts, token=token)

    @app.exception_handler(ApiError)
    async def _api_error(_: Request, exc: ApiError) -> SafeJSONResponse:
        return SafeJSONResponse({"detail": exc.detail, **exc.extra}, status_code=exc.status)

    @app.exception_handler(OperationalError)
    async def _db_busy(_: Request, exc: OperationalError) -> SafeJSONResponse:
        logger.warning("database error: %s", exc)
        return SafeJSONResponse(
            {"detail": "the database is busy or unavailable; try again"}, status_code=503
        )

    # ------------------------------------------------------------------ jobs

    @app.post("/api/jobs", status_code=202, openapi_extra=SUBMIT_OPENAPI, tags=["jobs"])
    async def submit_job(request: Request) -> SafeJSONResponse:
        """Submit a pair (multipart files or JSON texts); alignment runs in the background."""
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype not in ("application/json", "multipart/form-data"):
            raise ApiError(
                415, "send multipart/form-data (files source, target) or application/json"
            )
        body = await _read_capped(request, svc.max_upload)
        if ctype == "application/json":
            data = _parse_json(body)
            if not isinstance(data, dict):
                raise ApiError(422, "the body must be a JSON object")
            texts = {}
            for side in ("source_text", "target_text"):
                value = data.get(side)
                if not isinstance(value, str):
                    raise ApiError(422, f"'{side}' (a string) is required")
                # The same checks as for files: JSON can carry NULs and control characters.
                texts[side] = _decode_upload(value.encode("utf-8", "surrogatepass"), side, side)
            fields: dict[str, Any] = data
            src_name, tgt_name = "source", "target"
            src_text, tgt_text = texts["source_text"], texts["target_text"]
        else:
            try:
                form = await _replay(request, body).form(
                    max_files=2, max_fields=16, max_part_size=64 * 1024
                )
            except MultiPartException as exc:
                raise ApiError(400, f"malformed multipart body: {exc.message}") from None
            uploads = {}
            for side in ("source", "target"):
                item = form.get(side)
                if not isinstance(item, UploadFile):
                    raise ApiError(422, f"the file '{side}' is required")
                uploads[side] = (display_name(item.filename, side), await item.read())
            (src_name, src_bytes), (tgt_name, tgt_bytes) = uploads["source"], uploads["target"]
            src_text = _decode_upload(src_bytes, f"source file {src_name!r}", src_name)
            tgt_text = _decode_upload(tgt_bytes, f"target file {tgt_name!r}", tgt_name)
            fields = {k: v for k, v in form.items() if isinstance(v, str)}
        params = _job_params(fields, svc.default_model)
        params |= {"source_name": src_name, "target_name": tgt_name}
        name = _clean_name(fields.get("name") or "")
        if not name:
            if ctype == "application/json":
                first = src_text.strip().splitlines()[0] if src_text.strip() else ""
                name = _clean_name(first[:60]) or "untitled"
            else:
                name = _clean_name(f"{src_name} / {tgt_name}")
        job_id = await run_in_threadpool(store.create_job, name, params, src_text, tgt_text)
        runner.submit(job_id)
        return SafeJSONResponse(
            {"id": job_id, "status": "queued"},
            status_code=202,
            headers={"Location": f"/api/jobs/{job_id}"},
        )

    @app.get("/api/jobs", tags=["jobs"])
    def list_jobs() -> list[dict[str, Any]]:
        """All jobs, newest first, with bead counts and the percentage confirmed."""
        return store.list_jobs()

    @app.get("/api/jobs/{job_id}", tags=["jobs"])
    def get_job(job_id: str) -> dict[str, Any]:
        """Status, progress, error, summary and the current review version."""
        return svc.job(job_id)

    @app.delete("/api/jobs/{job_id}", status_code=204, tags=["jobs"])
    def delete_job(job_id: str) -> Response:
        """Delete a job with its beads and edit log."""
        if not store.delete_job(_check_job_id(job_id)):
            raise ApiError(404, "no such job")
        # Stop it now if it runs here; a worker elsewhere notices at its next
        # progress update or heartbeat (its writes are conditional on the row).
        cancel = getattr(runner, "cancel", None)
        if cancel is not None:
            cancel(job_id)
        svc.forget(job_id)
        return Response(status_code=204)

    # ------------------------------------------------------------------ review

    @app.get("/api/jobs/{job_id}/beads", tags=["review"])
    async def get_beads(job_id: str, request: Request) -> Response:
        """The reviewed beads in document order, with the version edits must be based on."""
        # Pre-rendered bytes, not a dict: FastAPI's generic encoding of a thousand
        # beads would cost more than everything else in the request. A cache hit
        # is answered on the event loop; reading and rendering go to a thread.
        gzipped = "gzip" in request.headers.get("accept-encoding", "").lower()
        found = svc.cached_beads(job_id, gzipped)
        if found is None:
            found = await run_in_threadpool(svc.beads_body, job_id, gzipped)
        body, packed = found
        headers = {"Vary": "Accept-Encoding"}
        if packed:
            headers["Content-Encoding"] = "gzip"
        return Response(body, media_type="application/json", headers=headers)

    @app.post("/api/jobs/{job_id}/edits", openapi_extra=EDIT_OPENAPI, tags=["review"])
    async def post_edit(job_id: str, request: Request) -> SafeJSONResponse:
        """Apply one edit as one transaction; 409 when base_version is stale."""
        _check_job_id(job_id)
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype != "application/json":
            raise ApiError(415, "edits must be sent as application/json")
        raw = await _read_capped(
            request,
            MAX_EDIT_BYTES,
            f"an edit may be at most {MAX_EDIT_BYTES // 1024} kB (a note at most "
            f"{review.MAX_NOTE_CHARS} characters)",
        )
        body = _parse_json(raw)
        return SafeJSONResponse(await run_in_threadpool(svc.edit, job_id, body))

    @app.get("/api/jobs/{job_id}/export", tags=["review"])
    def export(job_id: str, fmt: str = Query("jsonl", alias="format")) -> Response:
        """The reviewed alignment as a download: jsonl, tsv, tmx, xliff or moses (zip)."""
        _check_job_id(job_id)
        return svc.export(job_id, fmt)

    # ------------------------------------------------------------------ pages

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index() -> HTMLResponse:
        return _page()

    @app.get("/jobs/{job_id}", response_class=HTMLResponse, include_in_schema=False)
    def job_page(job_id: str) -> HTMLResponse:
        _check_job_id(job_id)
        return _page()

    STATIC_DIR.mkdir(parents=True, exist_ok=True)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app


def _job_params(fields: dict[str, Any], default_model: str) -> dict[str, Any]:
    """Validate the non-file fields (422 with the reason)."""
    langs = {}
    for key in ("src_lang", "tgt_lang"):
        value = fields.get(key)
        if not isinstance(value, str) or not value.strip():
            raise ApiError(422, f"'{key}' is required (an ISO 639-1 code such as ru or en)")
        try:
            langs[key] = normalize_lang(value)
        except ValueError as exc:
            raise ApiError(422, f"{key}: {exc}") from None
    model = fields.get("model") or default_model
    names = [n for n in registry() if not n.startswith("_")]
    # Only registry names: a client must not make the server load an arbitrary directory.
    if not isinstance(model, str) or model not in names:
        raise ApiError(422, f"unknown model {model!r}; choose one of {', '.join(names)}")
    presplit = _parse_bool(fields.get("presplit", False), "presplit")
    return {**langs, "model": model, "presplit": presplit}
