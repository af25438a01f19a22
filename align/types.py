"""The records that flow through the pipeline: documents in, beads out.

Data flows one way: ``reading`` -> ``segment`` (Document) -> ``encoders``
(vectors) -> ``aligner`` (Bead) -> ``drift`` (ScoredBead) -> ``formats``.
Each stage takes and returns these plain dataclasses, so any stage can be
tested on its own with hand-made values.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NotRequired, TypedDict


class Reason(TypedDict):
    """Why a bead was flagged: one per difference found, serialised as is.

    ``src``/``tgt`` are ``[start, end]`` character spans in the bead's joined
    text (None when the difference has no place on that side). Checks may add
    their own keys (``src_value``, ``sentence``, ...), declared below so that
    every producer and consumer agrees on their names.
    """

    type: str  # the flag: "number_mismatch", "omission", ...
    src: list[int] | None
    tgt: list[int] | None
    detail: str
    src_value: NotRequired[object]
    tgt_value: NotRequired[object]
    sentence: NotRequired[int]  # 0-based document index of a sentence with no counterpart
    src_spans: NotRequired[list[list[int]]]  # every negation's [start, end] (negation_mismatch)
    tgt_spans: NotRequired[list[list[int]]]


@dataclass(frozen=True)
class Passage:
    """A paragraph or speaker turn: the unit drift is aggregated over."""

    index: int  # 0-based, document order
    speaker: str | None = None  # "President of Russia Vladimir Putin", "В.Путин", ...
    retranslated: bool = False  # a marker such as "(retranslated)" was found
    marker: str | None = None  # the marker as written, e.g. "(retranslated)"
    paragraph: int = 0  # 0-based paragraph (block) index the passage starts in

    @property
    def id(self) -> str:
        return f"p{self.index}"


@dataclass(frozen=True)
class Sentence:
    """One segment to align. ``text`` is what gets embedded (markers stripped)."""

    index: int  # 0-based position in the document
    text: str
    passage: int  # index into Document.passages
    paragraph: int = 0  # 0-based paragraph index
    start: int = 0  # character span in the document's text (after newline normalisation)
    end: int = 0
    line: int | None = None  # 0-based input line (set in --presplit mode)


@dataclass
class Document:
    """A segmented text: sentences and the passages they belong to."""

    lang: str
    sentences: list[Sentence]
    passages: list[Passage]
    path: str | None = None
    text: str = ""  # the whole text after newline normalisation

    def __len__(self) -> int:
        return len(self.sentences)

    @property
    def texts(self) -> list[str]:
        return [s.text for s in self.sentences]


@dataclass(frozen=True)
class Bead:
    """A monotone alignment unit: source indices paired with target indices.

    Either side may be empty (an omission or an addition).
    """

    src: tuple[int, ...]
    tgt: tuple[int, ...]


@dataclass
class ScoredBead:
    """A bead with its drift assessment, ready to be written out."""

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    src_text: str
    tgt_text: str
    similarity: float | None  # raw cosine; None when a side is empty
    drift: float  # 0 faithful ... 1 unrelated or missing
    flags: list[str] = field(default_factory=list)
    reasons: list[Reason] = field(default_factory=list)
    passage: Passage | None = None  # the source passage (target's when src is empty)
    cost: float = 0.0  # Vecalign-style: ~0 perfect, ~1 unrelated or unaligned
    # Review state, set from a reviewer's records (the service); the defaults mean
    # "as aligned, not reviewed". Every export writes them so review work travels.
    confirmed: bool = False  # a reviewer accepted the bead as it stands
    note: str = ""  # the reviewer's note
    edited: bool = False  # a reviewer changed its boundaries (split, merge, move)
    version: int = 0  # review version it was last changed in (0: as aligned)

    def to_json(self) -> dict[str, object]:
        p = self.passage
        return {
            "src": list(self.src),
            "tgt": list(self.tgt),
            "src_text": self.src_text,
            "tgt_text": self.tgt_text,
            "similarity": None if self.similarity is None else round(self.similarity, 4),
            "drift": round(self.drift, 4),
            "flags": list(self.flags),
            "reasons": list(self.reasons),
            "passage": None
            if p is None
            else {"id": p.id, "speaker": p.speaker, "retranslated": p.retranslated},
            "cost": round(self.cost, 4),
            "confirmed": self.confirmed,
            "note": self.note,
            "edited": self.edited,
            "version": self.version,
        }


def unmatched(beads: Sequence[ScoredBead]) -> tuple[int, int]:
    """Omissions and additions of an alignment: whole beads with one side empty, plus
    the sentences two-sided beads name as having no counterpart (:mod:`align.members`).
    A dropped sentence counts the same whether the aligner left it alone or merged it."""
    counts = {"omission": 0, "addition": 0}
    for b in beads:
        if not b.tgt:
            counts["omission"] += 1
        elif not b.src:
            counts["addition"] += 1
        else:
            for r in b.reasons:
                if r.get("type") in counts:
                    counts[str(r["type"])] += 1
    return counts["omission"], counts["addition"]


class Signature(dict[str, object]):
    """Everything needed to reproduce a result: model, versions, every parameter.

    A plain dict (it is written as JSON as is) whose parts each component
    supplies (``encoder``, ``aligner``, ``drift``), plus :meth:`short`, a one-line
    form to quote beside a figure, as sacrebleu does for BLEU.
    """

    def short(self) -> str:
        """``driftalign:0.1.0|model:e5|...``: the parts a reader compares first."""
        enc: Any = self.get("encoder") or {}
        aln: Any = self.get("aligner") or {}
        drift: Any = self.get("drift") or {}
        items = [
            ("driftalign", self.get("driftalign")),
            ("model", enc.get("model")),
            ("device", enc.get("device")),
            ("backend", enc.get("backend")),
            ("mode", self.get("mode", "align")),
            ("max_bead", aln.get("max_bead")),
            ("overlaps", aln.get("overlaps")),
            ("drift", drift.get("semantic")),
            ("drift_model", drift.get("sha256")),
            ("presplit", self.get("presplit")),
        ]
        return "|".join(f"{k}:{_short(v)}" for k, v in items if v is not None)


def _short(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


@dataclass
class Alignment:
    """Everything one alignment produced: beads, summary and signature, in memory.

    :meth:`write` is the file adapter (see :mod:`align.formats`);
    :meth:`to_records` gives the JSONL objects without touching the disk.
    """

    source: Document
    target: Document
    beads: list[ScoredBead]
    summary: dict[str, object]
    signature: dict[str, object]

    @property
    def passages(self) -> list[dict[str, object]]:
        """Drift aggregated per passage (speaker turn or paragraph), in document order."""
        return self.summary.get("passages") or []  # type: ignore[return-value]

    def to_records(self) -> list[dict[str, object]]:
        """One JSON-ready object per bead, exactly as written to ``alignment.jsonl``."""
        from .formats import bead_records

        return bead_records(self.beads)

    def write(
        self, outdir: str | Path, formats: Iterable[str] | None = None, force: bool | None = None
    ) -> list[Path]:
        """Write the chosen formats (default: all) into ``outdir`` atomically, as a whole set.

        An earlier driftalign output there is replaced; any other non-empty
        folder is refused unless ``force``.
        """
        from .formats import write_outputs

        return write_outputs(self, Path(outdir), formats, force)
