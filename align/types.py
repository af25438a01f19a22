"""The records that flow through the pipeline: documents in, beads out.

Data flows one way: ``reading`` -> ``segment`` (Document) -> ``encoders``
(vectors) -> ``aligner`` (Bead) -> ``drift`` (ScoredBead) -> ``formats``.
Each stage takes and returns these plain dataclasses, so any stage can be
tested on its own with hand-made values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NotRequired, TypedDict


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


@dataclass
class Alignment:
    """Everything one ``align run`` produced: what the writers serialise."""

    source: Document
    target: Document
    beads: list[ScoredBead]
    summary: dict[str, object]
    signature: dict[str, object]
