"""Review edits as pure functions on a bead list (no database, no HTTP).

A bead *record* is the JSON the API serves, minus ``index``:
``src``/``tgt`` sentence indices, the texts, ``similarity``, ``drift``,
``flags``, ``reasons``, ``passage``, ``cost``, and the review state:
``confirmed``, ``note``, ``edited`` (a reviewer changed its boundaries) and
``version`` (the review version that last changed it; 0 = as aligned), which
every export carries.

Every op touches one contiguous range of beads, so :func:`plan_edit` returns
a :class:`Change` ("replace beads [start, start+len(old)) by new"). That is
all the store needs to write the edit, and ``old`` is exactly what undo must
put back, so undo never has to replay history. Invalid ops raise
ValueError, which the API turns into 400.

Beads whose sentence indices changed are rescored with
:func:`align.drift.score_beads` against the job's own documents, so an edited
bead is scored exactly as the aligner would have scored it (same per-document
normalisation, same number checks).
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..drift import CoverFn, DriftConfig, EmbedFn, score_beads, summarise
from ..types import Alignment, Bead, Document, Passage, ScoredBead, Sentence

Record = dict[str, Any]

OPS = ("merge", "split", "shift", "confirm", "note", "rescore", "undo")
MAX_NOTE_CHARS = 10_000
# The fields each op may carry besides "op" (and the request's "base_version").
OP_FIELDS: dict[str, frozenset[str]] = {
    "merge": frozenset({"bead"}),
    "split": frozenset({"bead", "src_at", "tgt_at"}),
    "shift": frozenset({"bead", "side", "direction"}),
    "confirm": frozenset({"bead", "confirmed"}),
    "note": frozenset({"bead", "text"}),
    "rescore": frozenset({"bead"}),
    "undo": frozenset(),
}


@dataclass
class Change:
    """Replace ``len(old)`` beads starting at ``start`` by ``new``."""

    start: int
    old: list[Record]
    new: list[Record]
    rescore: list[int] = field(default_factory=list)  # positions in ``new`` to rescore
    structural: bool = False  # bead boundaries or scores change: the summary must be redone
    undo_of: int | None = None  # the edit log id an undo reverts


@dataclass
class LastEdit:
    """What undo needs to know about the most recent undoable edit."""

    id: int
    start: int
    old: list[Record]
    new_count: int


# --------------------------------------------------------------------------- validation


def _int(op: dict[str, Any], key: str) -> int:
    value = op.get(key)
    # bool is an int subclass: "bead": true must not mean bead 1.
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"'{key}' must be an integer, got {value!r}")
    return value


def _bead_index(op: dict[str, Any], n: int, last_ok: int | None = None) -> int:
    k = _int(op, "bead")
    hi = n - 1 if last_ok is None else last_ok
    if not 0 <= k <= hi:
        if n == 0:
            raise ValueError("the job has no beads")
        raise ValueError(f"bead {k} is out of range (0..{hi})")
    return k


def _choice(op: dict[str, Any], key: str, choices: tuple[str, ...]) -> str:
    value = op.get(key)
    if value not in choices:
        raise ValueError(f"'{key}' must be one of {', '.join(choices)}, got {value!r}")
    return str(value)


def _fresh(src: Sequence[int], tgt: Sequence[int], note: str = "") -> Record:
    """A bead whose boundaries changed: unscored until rescored, and no longer confirmed."""
    return {
        "src": list(src),
        "tgt": list(tgt),
        "src_text": "",
        "tgt_text": "",
        "similarity": None,
        "drift": 1.0,
        "flags": [],
        "reasons": [],
        "passage": None,
        "cost": 0.0,
        "confirmed": False,
        "note": note,
        "edited": True,
        "version": 0,  # set to the version the edit produces by stamp_version
    }


REVIEW_FIELDS = ("confirmed", "note", "edited", "version")


def review_state(rec: Record) -> Record:
    """A record's review fields, with the defaults of a bead as aligned (older records)."""
    return {
        "confirmed": bool(rec.get("confirmed", False)),
        "note": str(rec.get("note", "") or ""),
        "edited": bool(rec.get("edited", False)),
        "version": int(rec.get("version", 0) or 0),
    }


def stamp_version(change: Change, version: int) -> None:
    """Mark the beads an edit produced as last changed in ``version`` (undo restores the
    records it puts back, review state included, so it is not stamped)."""
    if change.undo_of is not None:
        return
    for rec in change.new:
        rec["version"] = version


def _join_notes(*notes: str) -> str:
    return "\n".join(n for n in notes if n)


def check_fields(op: dict[str, Any]) -> None:
    """Refuse fields the op does not use: the op is stored verbatim in the edit log."""
    name = op.get("op")
    if name not in OPS:
        raise ValueError(f"unknown op {str(name)[:40]!r}; expected one of {', '.join(OPS)}")
    extra = sorted(str(k)[:40] for k in op if k != "op" and k not in OP_FIELDS[name])
    if extra:
        allowed = ", ".join(sorted(OP_FIELDS[name])) or "none"
        raise ValueError(
            f"unknown field(s) for op {name!r}: {', '.join(extra[:5])} (allowed: {allowed})"
        )


# --------------------------------------------------------------------------- ops


def plan_edit(beads: Sequence[Record], op: Any, last_edit: LastEdit | None = None) -> Change:
    """Validate ``op`` against ``beads`` and say which range it replaces with what."""
    if not isinstance(op, dict):
        raise ValueError("an edit must be a JSON object")
    name = op.get("op")
    if name not in OPS:
        raise ValueError(f"unknown op {name!r}; expected one of {', '.join(OPS)}")
    n = len(beads)
    if name == "undo":
        if last_edit is None:
            raise ValueError("nothing to undo")
        end = last_edit.start + last_edit.new_count
        if not 0 <= last_edit.start <= end <= n:
            raise ValueError("the edit log does not match the beads; cannot undo")
        return Change(
            start=last_edit.start,
            old=copy.deepcopy(list(beads[last_edit.start : end])),
            new=copy.deepcopy(last_edit.old),
            structural=True,
            undo_of=last_edit.id,
        )
    if name == "merge":
        if n < 2:
            raise ValueError("merge needs at least two beads")
        k = _bead_index(op, n, last_ok=n - 2)
        a, b = beads[k], beads[k + 1]
        merged = _fresh(a["src"] + b["src"], a["tgt"] + b["tgt"], _join_notes(a["note"], b["note"]))
        return Change(k, copy.deepcopy([a, b]), [merged], rescore=[0], structural=True)
    if name == "split":
        k = _bead_index(op, n)
        bead = beads[k]
        i, j = _int(op, "src_at"), _int(op, "tgt_at")
        if not 0 <= i <= len(bead["src"]):
            raise ValueError(f"src_at {i} is out of range (0..{len(bead['src'])})")
        if not 0 <= j <= len(bead["tgt"]):
            raise ValueError(f"tgt_at {j} is out of range (0..{len(bead['tgt'])})")
        first = _fresh(bead["src"][:i], bead["tgt"][:j], bead["note"])
        second = _fresh(bead["src"][i:], bead["tgt"][j:])
        if not (first["src"] or first["tgt"]) or not (second["src"] or second["tgt"]):
            raise ValueError("split would leave a part with no sentence on either side")
        return Change(k, copy.deepcopy([bead]), [first, second], rescore=[0, 1], structural=True)
    if name == "shift":
        k = _bead_index(op, n)
        side = _choice(op, "side", ("src", "tgt"))
        direction = _choice(op, "direction", ("prev", "next"))
        if direction == "prev" and k == 0:
            raise ValueError("bead 0 has no previous bead")
        if direction == "next" and k == n - 1:
            raise ValueError(f"bead {k} is the last bead; there is no next bead")
        if not beads[k][side]:
            raise ValueError(f"bead {k} has no {side} sentence to move")
        if direction == "prev":
            start, prev, cur = k - 1, beads[k - 1], beads[k]
            moved = cur[side][0]
            gain = {**prev, side: prev[side] + [moved]}
            lose = {**cur, side: cur[side][1:]}
            pair = [gain, lose]
        else:
            start, cur, nxt = k, beads[k], beads[k + 1]
            moved = cur[side][-1]
            lose = {**cur, side: cur[side][:-1]}
            gain = {**nxt, side: [moved] + nxt[side]}
            pair = [lose, gain]
        kept = [b for b in pair if b["src"] or b["tgt"]]
        if len(kept) == 1:  # the move emptied a bead: its note goes with the text, not away
            kept = [{**kept[0], "note": _join_notes(*(b["note"] for b in pair))}]
        new = [_fresh(b["src"], b["tgt"], b["note"]) for b in kept]
        return Change(
            start,
            copy.deepcopy(list(beads[start : start + 2])),
            new,
            rescore=list(range(len(new))),
            structural=True,
        )
    k = _bead_index(op, n)
    bead = copy.deepcopy(dict(beads[k]))
    if name == "confirm":
        confirmed = op.get("confirmed")
        if not isinstance(confirmed, bool):
            raise ValueError(f"'confirmed' must be true or false, got {confirmed!r}")
        return Change(k, [copy.deepcopy(dict(beads[k]))], [bead | {"confirmed": confirmed}])
    if name == "note":
        text = op.get("text")
        if not isinstance(text, str):
            raise ValueError("'text' must be a string")
        if len(text) > MAX_NOTE_CHARS:
            raise ValueError(f"a note may have at most {MAX_NOTE_CHARS} characters")
        return Change(k, [copy.deepcopy(dict(beads[k]))], [bead | {"note": text}])
    # rescore: same boundaries, fresh numbers (e.g. after a model or rule update)
    return Change(k, [copy.deepcopy(dict(beads[k]))], [bead], rescore=[0], structural=True)


def rescore(
    records: list[Record],
    positions: Sequence[int],
    source: Document,
    target: Document,
    embed: EmbedFn,
    cfg: DriftConfig,
    cover: CoverFn | None = None,
    shift: float | None = None,
    margin_scale: float | None = None,
) -> None:
    """Recompute texts, similarity, drift, flags and reasons of ``records[p]`` in place.

    ``shift`` and ``margin_scale``: the document's drift re-centring found by the
    run (its summary's ``drift_recentring``), so a rescored bead reads on the same
    scale as the rest.
    """
    if not positions:
        return
    beads = [Bead(tuple(records[p]["src"]), tuple(records[p]["tgt"])) for p in positions]
    for p in positions:
        check_indices(records[p], source, target)
    scored = score_beads(
        source,
        target,
        beads,
        embed,
        cfg,
        cover,
        shift=shift or 0.0,
        margin_scale=margin_scale or 1.0,
    )
    for p, s in zip(positions, scored, strict=True):
        records[p] = s.to_json() | review_state(records[p])


def check_indices(rec: Record, source: Document, target: Document) -> None:
    for side, doc in (("src", source), ("tgt", target)):
        for i in rec[side]:
            if not 0 <= i < len(doc):
                raise ValueError(f"{side} sentence {i} is out of range (0..{len(doc) - 1})")


def apply_change(beads: Sequence[Record], change: Change) -> list[Record]:
    """The bead list after ``change`` (a new list; ``beads`` is not modified)."""
    end = change.start + len(change.old)
    return [*beads[: change.start], *change.new, *beads[end:]]


# --------------------------------------------------------------------------- documents


def documents_to_json(source: Document, target: Document) -> dict[str, Any]:
    """Both documents without their full text (that is stored once, in the job)."""

    def doc(d: Document) -> dict[str, Any]:
        return {
            "lang": d.lang,
            "path": d.path,
            "sentences": [
                [s.text, s.passage, s.paragraph, s.start, s.end, s.line] for s in d.sentences
            ],
            "passages": [
                [p.index, p.speaker, p.retranslated, p.marker, p.paragraph] for p in d.passages
            ],
        }

    return {"source": doc(source), "target": doc(target)}


def documents_from_json(
    data: dict[str, Any], source_text: str = "", target_text: str = ""
) -> tuple[Document, Document]:
    def doc(d: dict[str, Any], text: str) -> Document:
        sentences = [
            Sentence(index=i, text=t, passage=p, paragraph=g, start=a, end=b, line=line)
            for i, (t, p, g, a, b, line) in enumerate(d["sentences"])
        ]
        passages = [
            Passage(index=i, speaker=s, retranslated=r, marker=m, paragraph=g)
            for i, s, r, m, g in d["passages"]
        ]
        return Document(d["lang"], sentences, passages, path=d.get("path"), text=text)

    return doc(data["source"], source_text), doc(data["target"], target_text)


def _passage_of(rec: Record, source: Document, target: Document) -> Passage | None:
    if rec["src"]:
        return source.passages[source.sentences[rec["src"][0]].passage]
    if rec["tgt"]:
        return target.passages[target.sentences[rec["tgt"][0]].passage]
    return None


def to_scored(records: Sequence[Record], source: Document, target: Document) -> list[ScoredBead]:
    """Records back to ScoredBeads, so the library's writers and summary can be reused."""
    out = []
    for rec in records:
        out.append(
            ScoredBead(
                src=tuple(rec["src"]),
                tgt=tuple(rec["tgt"]),
                src_text=rec["src_text"],
                tgt_text=rec["tgt_text"],
                similarity=rec["similarity"],
                drift=float(rec["drift"]),
                flags=list(rec["flags"]),
                reasons=list(rec["reasons"]),
                passage=_passage_of(rec, source, target),
                cost=float(rec.get("cost") or 0.0),
                **review_state(rec),
            )
        )
    return out


def reviewed_summary(
    records: Sequence[Record], source: Document, target: Document, base: dict[str, Any] | None
) -> dict[str, Any]:
    """The run summary recomputed over the reviewed beads (run metadata kept)."""
    summary = dict(base or {})
    summary.update(summarise(to_scored(records, source, target)))
    return summary


def to_alignment(
    records: Sequence[Record],
    source: Document,
    target: Document,
    summary: dict[str, Any] | None,
    signature: dict[str, Any] | None,
) -> Alignment:
    scored = to_scored(records, source, target)
    return Alignment(source, target, scored, dict(summary or {}), dict(signature or {}))
