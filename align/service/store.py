"""Persistence for the review service: jobs, their beads and the edit log.

SQLAlchemy 2 so the same code runs on the default SQLite file and on a
server database (any SQLAlchemy URL, e.g. ``postgresql+psycopg://...``).

Design points:

- A bead is one row (``beads``), so an edit rewrites only the beads it
  touches; ``idx`` is a plain indexed column (not part of a key) so the beads
  after a merge or split can be renumbered with one ``UPDATE``.
- Every edit is one transaction that starts with a compare-and-increment of
  ``jobs.version`` (``UPDATE ... WHERE version = :base``). Whoever loses a
  race sees ``rowcount == 0`` and gets :class:`VersionConflict`: never a lost
  update, on SQLite and PostgreSQL alike.
- The edit log stores the touched range *before* the edit (``old``) and how
  many beads replaced it, so undo restores exactly that range and is itself
  one more versioned edit.
- Several worker processes (or machines) may share one server database: a
  worker *claims* a queued job with ``SELECT ... FOR UPDATE SKIP LOCKED``
  (two workers never get the same row), stamps it with its id and keeps a
  ``heartbeat`` column fresh while it runs. Only a running job whose
  heartbeat is older than the stale limit goes back to the queue, and every
  write a worker makes about its job is conditional on still owning it, so a
  job's result is stored exactly once even if a presumed-dead worker wakes up.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    cast,
    create_engine,
    delete,
    event,
    func,
    insert,
    inspect,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.pool import StaticPool

logger = logging.getLogger(__name__)

STATUSES = ("queued", "running", "done", "failed")
# Keys of a bead record that live in their own columns rather than in ``data``.
REVIEW_KEYS = ("confirmed", "note")


class Base(DeclarativeBase):
    pass


class JobRow(Base):
    __tablename__ = "jobs"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(16), default="queued", index=True)
    progress: Mapped[float] = mapped_column(Float, default=0.0)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    source_text: Mapped[str] = mapped_column(Text)
    target_text: Mapped[str] = mapped_column(Text)
    summary: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    # Both segmented documents (sentences, passages) so edits can rebuild bead
    # texts and rescore without re-segmenting (segmentation rules may change).
    documents: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=0)
    # Multi-worker bookkeeping: who runs the job, when it last said so, how many
    # times it was claimed (1 for a job that no worker lost).
    worker: Mapped[str | None] = mapped_column(String(120), nullable=True)
    heartbeat: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    attempts: Mapped[int | None] = mapped_column(Integer, nullable=True, default=0)


# Columns added after the first release: (name, SQL type) for ALTER TABLE on old databases.
_ADDED_JOB_COLUMNS = (
    ("worker", "VARCHAR(120)"),
    ("heartbeat", "TIMESTAMP WITH TIME ZONE"),
    ("attempts", "INTEGER"),
)


class BeadRow(Base):
    __tablename__ = "beads"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    job_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("jobs.id", ondelete="CASCADE"), index=True
    )
    idx: Mapped[int] = mapped_column(Integer, index=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(Text, default="")


class EditRow(Base):
    __tablename__ = "edits"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    job_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("jobs.id", ondelete="CASCADE"), index=True
    )
    seq: Mapped[int] = mapped_column(Integer)  # the job version this edit produced
    kind: Mapped[str] = mapped_column(String(16))  # the op name; "undo" rows are not undoable
    op: Mapped[dict[str, Any]] = mapped_column(JSON)
    start: Mapped[int] = mapped_column(Integer)  # first bead index of the touched range
    old: Mapped[list[dict[str, Any]]] = mapped_column(JSON)  # the range before the edit
    new_count: Mapped[int] = mapped_column(Integer)  # beads that replaced it
    undone: Mapped[bool] = mapped_column(Boolean, default=False)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class JobNotFound(LookupError):
    """No job with that id (deleted, or never existed)."""


class VersionConflict(Exception):
    """The edit was based on a version that is no longer current."""

    def __init__(self, current: int) -> None:
        self.current = current
        super().__init__(f"the job is at version {current}")


@dataclass
class UndoableEdit:
    """The most recent edit that undo would revert."""

    id: int
    seq: int
    kind: str
    start: int
    old: list[dict[str, Any]]
    new_count: int


@dataclass
class BeadSnapshot:
    """A consistent read of one job's review state (one read transaction)."""

    version: int
    status: str
    params: dict[str, Any]
    beads: list[dict[str, Any]]
    last_edit: UndoableEdit | None


def _now() -> datetime:
    return datetime.now(UTC)


def _iso(when: datetime) -> str:
    # SQLite returns naive datetimes; everything is stored in UTC.
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.isoformat(timespec="seconds")


def default_data_dir() -> Path:
    """$DRIFTALIGN_DATA, else ~/.local/share/driftalign (XDG data home when set)."""
    import os

    env = os.environ.get("DRIFTALIGN_DATA")
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share"
    return base / "driftalign"


def sqlite_url(data_dir: Path) -> str:
    return f"sqlite:///{(data_dir / 'driftalign.sqlite').resolve()}"


def make_engine(url: str) -> Engine:
    """One engine per process; SQLite gets WAL, foreign keys and a busy timeout.

    WAL lets the UI keep reading while a job or an edit writes; foreign keys
    make deleting a job cascade to its beads and edits; the busy timeout makes
    a second writer wait for the first instead of failing at once.
    """
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    memory = url in ("sqlite://", "sqlite:///:memory:") or "mode=memory" in url
    engine = create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": 30},
        poolclass=StaticPool if memory else None,
    )

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        if not memory:
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    return engine


def _record(row: Any) -> dict[str, Any]:
    """A bead row as the record the review functions and the API use."""
    rec = dict(row.data)
    rec["confirmed"] = bool(row.confirmed)
    rec["note"] = row.note or ""
    return rec


def _bead_values(job_id: str, idx: int, rec: dict[str, Any]) -> dict[str, Any]:
    data = {k: v for k, v in rec.items() if k not in REVIEW_KEYS and k != "index"}
    return {
        "job_id": job_id,
        "idx": idx,
        "data": data,
        "confirmed": bool(rec.get("confirmed", False)),
        "note": str(rec.get("note", "") or ""),
    }


class Store:
    """The repository: every read and write of the service goes through here."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self.sqlite = self.engine.dialect.name == "sqlite"
        Base.metadata.create_all(self.engine)
        self._add_missing_columns()

    def _add_missing_columns(self) -> None:
        """Bring a database made by an older release up to date (nullable columns only)."""
        have = {c["name"] for c in inspect(self.engine).get_columns("jobs")}
        missing = [(n, t) for n, t in _ADDED_JOB_COLUMNS if n not in have]
        for name, sql_type in missing:
            if self.sqlite and "TIME ZONE" in sql_type:
                sql_type = "DATETIME"
            logger.info("adding column jobs.%s", name)
            try:
                with self._tx() as conn:
                    conn.execute(text(f"ALTER TABLE jobs ADD COLUMN {name} {sql_type}"))
            except Exception:
                # Another process starting at the same moment may have added it first.
                have = {c["name"] for c in inspect(self.engine).get_columns("jobs")}
                if name not in have:
                    raise

    def dispose(self) -> None:
        self.engine.dispose()

    @contextmanager
    def _tx(self) -> Iterator[Connection]:
        with self.engine.begin() as conn:
            yield conn

    # ------------------------------------------------------------------ jobs

    def create_job(
        self, name: str, params: dict[str, Any], source_text: str, target_text: str
    ) -> str:
        job_id = uuid.uuid4().hex
        with self._tx() as conn:
            conn.execute(
                insert(JobRow).values(
                    id=job_id,
                    name=name,
                    status="queued",
                    progress=0.0,
                    created=_now(),
                    params=params,
                    source_text=source_text,
                    target_text=target_text,
                    version=0,
                )
            )
        return job_id

    def list_jobs(self) -> list[dict[str, Any]]:
        """Newest first, with bead counts and the share confirmed (one aggregate query)."""
        counts = (
            select(
                BeadRow.job_id,
                func.count().label("n"),
                func.sum(cast(BeadRow.confirmed, Integer)).label("c"),
            )
            .group_by(BeadRow.job_id)
            .subquery()
        )
        q = (
            select(
                JobRow.id,
                JobRow.name,
                JobRow.status,
                JobRow.progress,
                JobRow.created,
                JobRow.params,
                counts.c.n,
                counts.c.c,
            )
            .outerjoin(counts, counts.c.job_id == JobRow.id)
            .order_by(JobRow.created.desc(), JobRow.id)
        )
        with self.engine.connect() as conn:
            rows = conn.execute(q).all()
        out = []
        for r in rows:
            n, c = int(r.n or 0), int(r.c or 0)
            out.append(
                {
                    "id": r.id,
                    "name": r.name,
                    "status": r.status,
                    "progress": r.progress,
                    "created": _iso(r.created),
                    "src_lang": r.params.get("src_lang"),
                    "tgt_lang": r.params.get("tgt_lang"),
                    "beads": n,
                    "confirmed": round(100.0 * c / n, 1) if n else 0.0,
                }
            )
        return out

    def job_info(self, job_id: str) -> dict[str, Any] | None:
        """Everything about a job except the texts and documents (those can be megabytes)."""
        q = select(
            JobRow.id,
            JobRow.name,
            JobRow.status,
            JobRow.progress,
            JobRow.error,
            JobRow.created,
            JobRow.params,
            JobRow.summary,
            JobRow.version,
        ).where(JobRow.id == job_id)
        with self.engine.connect() as conn:
            r = conn.execute(q).first()
            if r is None:
                return None
            n, c = conn.execute(
                select(func.count(), func.sum(cast(BeadRow.confirmed, Integer))).where(
                    BeadRow.job_id == job_id
                )
            ).one()
        params = dict(r.params)
        n, c = int(n or 0), int(c or 0)
        return {
            "id": r.id,
            "name": r.name,
            "status": r.status,
            "progress": r.progress,
            "error": r.error,
            "summary": r.summary,
            "version": r.version,
            "created": _iso(r.created),
            "src_lang": params.get("src_lang"),
            "tgt_lang": params.get("tgt_lang"),
            "model": params.get("model"),
            "presplit": params.get("presplit", False),
            "beads": n,
            "confirmed": round(100.0 * c / n, 1) if n else 0.0,
        }

    def job_input(self, job_id: str) -> tuple[dict[str, Any], str, str] | None:
        with self.engine.connect() as conn:
            r = conn.execute(
                select(JobRow.params, JobRow.source_text, JobRow.target_text).where(
                    JobRow.id == job_id
                )
            ).first()
        return None if r is None else (dict(r.params), r.source_text, r.target_text)

    def documents(self, job_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            return conn.execute(select(JobRow.documents).where(JobRow.id == job_id)).scalar()

    def job_version(self, job_id: str) -> tuple[str, int] | None:
        """(status, version) of a job: what a cached response of it depends on."""
        with self.engine.connect() as conn:
            r = conn.execute(
                select(JobRow.status, JobRow.version).where(JobRow.id == job_id)
            ).first()
        return None if r is None else (r.status, int(r.version))

    @staticmethod
    def _owned(job_id: str, worker: str | None) -> list[Any]:
        """WHERE clauses for a write about a job: by its running owner when ``worker`` is set."""
        cond: list[Any] = [JobRow.id == job_id]
        if worker is not None:
            cond += [JobRow.worker == worker, JobRow.status == "running"]
        return cond

    def set_status(
        self,
        job_id: str,
        status: str,
        progress: float | None = None,
        error: str | None = None,
        worker: str | None = None,
    ) -> bool:
        """Update status/progress; False when the job was deleted (or, with ``worker``,
        is no longer that worker's running job)."""
        values: dict[str, Any] = {"status": status, "error": error}
        if progress is not None:
            values["progress"] = max(0.0, min(1.0, progress))
        with self._tx() as conn:
            res = conn.execute(update(JobRow).where(*self._owned(job_id, worker)).values(**values))
        return res.rowcount > 0

    def set_progress(self, job_id: str, progress: float, worker: str | None = None) -> bool:
        """Progress (and, with ``worker``, a heartbeat); False when the job is not ours."""
        values: dict[str, Any] = {"progress": max(0.0, min(1.0, progress))}
        if worker is not None:
            values["heartbeat"] = _now()
        with self._tx() as conn:
            res = conn.execute(
                update(JobRow)
                .where(*self._owned(job_id, worker), JobRow.status == "running")
                .values(**values)
            )
        return res.rowcount > 0

    # ------------------------------------------------------------------ workers

    def claim_job(self, worker: str) -> str | None:
        """Take the oldest queued job for ``worker`` (running, stamped), or None.

        On PostgreSQL (and other servers) the candidate row is locked with
        ``FOR UPDATE SKIP LOCKED``, so concurrent workers each get a different
        job without waiting on each other; SQLite has one writer at a time and
        the conditional UPDATE (``status = 'queued'``) settles any race.
        """
        q = select(JobRow.id).where(JobRow.status == "queued").order_by(JobRow.created, JobRow.id)
        if not self.sqlite:
            q = q.with_for_update(skip_locked=True)
        with self._tx() as conn:
            job_id = conn.execute(q.limit(1)).scalar()
            if job_id is None:
                return None
            res = conn.execute(
                update(JobRow)
                .where(JobRow.id == job_id, JobRow.status == "queued")
                .values(
                    status="running",
                    progress=0.02,
                    error=None,
                    worker=worker,
                    heartbeat=_now(),
                    attempts=func.coalesce(JobRow.attempts, 0) + 1,
                )
            )
        return job_id if res.rowcount == 1 else None

    def heartbeat(self, job_id: str, worker: str) -> bool:
        """Say ``worker`` is alive and still on ``job_id``; False when the job was
        deleted or handed to another worker (the caller should stop working on it)."""
        with self._tx() as conn:
            res = conn.execute(
                update(JobRow).where(*self._owned(job_id, worker)).values(heartbeat=_now())
            )
        return res.rowcount > 0

    def requeue_stale(self, stale_after: float) -> list[str]:
        """Put back in the queue the running jobs whose worker stopped beating.

        A running job with no heartbeat at all was left by a release without
        heartbeats (or a crash right after claiming): stale as well.
        """
        limit = _now() - timedelta(seconds=stale_after)
        stale = (JobRow.status == "running") & or_(
            JobRow.heartbeat.is_(None), JobRow.heartbeat < limit
        )
        q = select(JobRow.id).where(stale).order_by(JobRow.created)
        if not self.sqlite:
            q = q.with_for_update(skip_locked=True)
        with self._tx() as conn:
            ids = list(conn.execute(q).scalars())
            if ids:
                conn.execute(
                    update(JobRow)
                    .where(JobRow.id.in_(ids), stale)
                    .values(status="queued", progress=0.0, error=None, worker=None)
                )
        return ids

    def job_attempts(self, job_id: str) -> int | None:
        """How many times the job was claimed (tests and audits)."""
        with self.engine.connect() as conn:
            r = conn.execute(select(JobRow.attempts).where(JobRow.id == job_id)).first()
        return None if r is None else int(r.attempts or 0)

    def save_result(
        self,
        job_id: str,
        records: Sequence[dict[str, Any]],
        summary: dict[str, Any],
        documents: dict[str, Any],
        signature: dict[str, Any],
        worker: str | None = None,
    ) -> bool:
        """Store a finished alignment and mark the job done, all in one transaction.

        With ``worker``, only while that worker still owns the running job: a
        worker that was presumed dead and lost its job stores nothing.
        """
        with self._tx() as conn:
            # The UPDATE comes first: it takes the write lock, so a concurrent
            # delete cannot slip in between the check and the bead inserts.
            res = conn.execute(
                update(JobRow)
                .where(*self._owned(job_id, worker))
                .values(
                    status="done",
                    progress=1.0,
                    error=None,
                    summary=summary,
                    documents=dict(documents) | {"signature": signature},
                    version=0,
                    heartbeat=_now(),
                )
            )
            if res.rowcount != 1:
                return False  # deleted while it ran, or no longer this worker's
            conn.execute(delete(BeadRow).where(BeadRow.job_id == job_id))
            conn.execute(delete(EditRow).where(EditRow.job_id == job_id))
            if records:
                conn.execute(
                    insert(BeadRow),
                    [_bead_values(job_id, i, rec) for i, rec in enumerate(records)],
                )
        return True

    def delete_job(self, job_id: str) -> bool:
        with self._tx() as conn:
            # Explicit deletes as well as ON DELETE CASCADE: a server database
            # created by an older schema might lack the cascade.
            conn.execute(delete(EditRow).where(EditRow.job_id == job_id))
            conn.execute(delete(BeadRow).where(BeadRow.job_id == job_id))
            res = conn.execute(delete(JobRow).where(JobRow.id == job_id))
        return res.rowcount > 0

    def requeue_unfinished(self) -> list[str]:
        """Jobs a previous process left queued or running, oldest first, reset to queued."""
        with self._tx() as conn:
            ids = list(
                conn.execute(
                    select(JobRow.id)
                    .where(JobRow.status.in_(("queued", "running")))
                    .order_by(JobRow.created)
                ).scalars()
            )
            if ids:
                conn.execute(
                    update(JobRow)
                    .where(JobRow.id.in_(ids))
                    .values(status="queued", progress=0.0, error=None)
                )
        return ids

    # ------------------------------------------------------------------ review

    def read_beads(self, job_id: str, with_last_edit: bool = False) -> BeadSnapshot:
        """Version, beads and (optionally) the edit undo would revert, from one snapshot."""
        with self._tx() as conn:
            job = conn.execute(
                select(JobRow.version, JobRow.status, JobRow.params).where(JobRow.id == job_id)
            ).first()
            if job is None:
                raise JobNotFound(job_id)
            rows = conn.execute(
                select(BeadRow.data, BeadRow.confirmed, BeadRow.note)
                .where(BeadRow.job_id == job_id)
                .order_by(BeadRow.idx)
            ).all()
            last = None
            if with_last_edit:
                e = conn.execute(
                    select(
                        EditRow.id,
                        EditRow.seq,
                        EditRow.kind,
                        EditRow.start,
                        EditRow.old,
                        EditRow.new_count,
                    )
                    .where(EditRow.job_id == job_id, EditRow.kind != "undo", ~EditRow.undone)
                    .order_by(EditRow.seq.desc())
                    .limit(1)
                ).first()
                if e is not None:
                    last = UndoableEdit(e.id, e.seq, e.kind, e.start, list(e.old), e.new_count)
        return BeadSnapshot(
            job.version, job.status, dict(job.params), [_record(r) for r in rows], last
        )

    def commit_edit(
        self,
        job_id: str,
        base_version: int,
        op: dict[str, Any],
        start: int,
        old: list[dict[str, Any]],
        new: list[dict[str, Any]],
        undo_of: int | None = None,
    ) -> int:
        """Replace beads [start, start+len(old)) with ``new`` as version base_version+1.

        One transaction whose FIRST statement is the compare-and-increment, so
        on SQLite the write lock is taken before anything is read and two
        concurrent edits are strictly serialised; the loser sees the new
        version and gets VersionConflict. Returns the new version.
        """
        new_version = base_version + 1
        with self._tx() as conn:
            res = conn.execute(
                update(JobRow)
                .where(JobRow.id == job_id, JobRow.version == base_version)
                .values(version=JobRow.version + 1)
            )
            if res.rowcount != 1:
                current = conn.execute(select(JobRow.version).where(JobRow.id == job_id)).scalar()
                if current is None:
                    raise JobNotFound(job_id)
                raise VersionConflict(int(current))
            end = start + len(old)
            conn.execute(
                delete(BeadRow).where(
                    BeadRow.job_id == job_id, BeadRow.idx >= start, BeadRow.idx < end
                )
            )
            delta = len(new) - len(old)
            if delta:
                conn.execute(
                    update(BeadRow)
                    .where(BeadRow.job_id == job_id, BeadRow.idx >= end)
                    .values(idx=BeadRow.idx + delta)
                )
            if new:
                conn.execute(
                    insert(BeadRow),
                    [_bead_values(job_id, start + i, rec) for i, rec in enumerate(new)],
                )
            if undo_of is not None:
                conn.execute(update(EditRow).where(EditRow.id == undo_of).values(undone=True))
            conn.execute(
                insert(EditRow).values(
                    job_id=job_id,
                    seq=new_version,
                    kind=str(op.get("op")),
                    op=op,
                    start=start,
                    old=old,
                    new_count=len(new),
                    undone=False,
                    created=_now(),
                )
            )
        return new_version

    def edit_log(self, job_id: str) -> list[dict[str, Any]]:
        """The edits of a job, oldest first (for audits and tests)."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(EditRow.seq, EditRow.kind, EditRow.op, EditRow.undone, EditRow.created)
                .where(EditRow.job_id == job_id)
                .order_by(EditRow.seq)
            ).all()
        return [
            {"version": r.seq, "op": r.op, "undone": r.undone, "created": _iso(r.created)}
            for r in rows
        ]
