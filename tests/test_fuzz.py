"""Property tests: whatever bytes or text come in, the project answers with its own errors.

Reading, segmentation, the pairs TSV and the writers are fuzzed with
hypothesis: ~2,400 cases, no model (about 40 s on a shared 2-core machine). A
failure prints the smallest input hypothesis found; add it to the unit tests.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from align import formats
from align.errors import AlignError, InputError
from align.reading import decode_text, read_pairs, read_text
from align.segment import segment
from align.text import INVISIBLE, is_blank, normalise_invisible
from align.types import Alignment, Document, Passage, ScoredBead, Sentence


def fast(examples: int) -> settings:
    """Deterministic (the same cases in CI every time), no deadline on a shared machine."""
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
        database=None,
        derandomize=True,
    )


# Characters that break naive text handling: line and paragraph separators,
# bare CR, tab, NUL and other controls, invisible format characters, RTL,
# combining marks, CJK, emoji, sentence punctuation and speaker-label colons.
_TRICKY = list(
    "\r\n\t\x00\x07\x0b\x0c\x1c\x85\u2028\u2029\u200b\u200c\u200d\u200e\u200f\u202e\u2066"
    "\ufeff\u00ad\u0301.!?;:…。？！؟،()«»\"' 0123456789"
) + ["\ud800", "В.Путин: ", "(retranslated) ", "т. е. ", "Dr. ", "40 000", "٤٠", "👩\u200d💻"]
TEXT = st.lists(st.one_of(st.text(max_size=8), st.sampled_from(_TRICKY)), max_size=25).map("".join)
# Bytes that are mostly text, so decoding gets past the binary checks now and then.
BYTES = st.one_of(
    st.binary(max_size=200),
    TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.tuples(st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe"]), TEXT).map(
        lambda bt: bt[0] + bt[1].encode("utf-8", "surrogatepass")
    ),
)
LANGS = st.sampled_from(["en", "ru", "ar", "zh", "de", "ja", "xx"])


def _file(data: bytes) -> Path:
    fd, name = tempfile.mkstemp(prefix="fuzz-", suffix=".txt")
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    return Path(name)


@fast(600)
@given(BYTES)
def test_decode_and_read_text(data: bytes) -> None:
    try:
        text = decode_text(data, "in.txt")
    except InputError as exc:
        assert exc.path == "in.txt" and exc.problem
        text = None
    else:
        assert "\r" not in text and not is_blank(text)
    path = _file(data)
    try:
        assert read_text(path) == text
    except InputError as exc:
        assert text is None and exc.path == str(path)
    finally:
        path.unlink()


@fast(600)
@given(TEXT, LANGS, st.booleans())
def test_segment(text: str, lang: str, presplit: bool) -> None:
    try:
        doc = segment(text, lang, path="in.txt", presplit=presplit)
    except AlignError:
        return
    assert [s.index for s in doc.sentences] == list(range(len(doc)))
    assert all(s.text.strip() for s in doc.sentences)
    assert all(0 <= s.passage < len(doc.passages) for s in doc.sentences)
    assert all(0 <= s.start <= s.end <= len(doc.text) for s in doc.sentences)


@fast(600)
@given(st.lists(st.tuples(TEXT, TEXT), min_size=1, max_size=6), st.sampled_from(["\n", "\r\n"]))
def test_read_pairs(pairs: list[tuple[str, str]], newline: str) -> None:
    data = newline.join(f"{s}\t{t}" for s, t in pairs).encode("utf-8", "surrogatepass")
    path = _file(data)
    try:
        sources, translations = read_pairs(path)
    except InputError as exc:
        assert exc.path == str(path)
        return
    finally:
        path.unlink()
    assert len(sources) == len(translations) >= 1
    for side in (*sources, *translations):
        assert side == side.strip() and not is_blank(side) and "\n" not in side


@fast(300)
@given(TEXT)
def test_normalise_invisible_is_idempotent(text: str) -> None:
    once = normalise_invisible(text)
    assert normalise_invisible(once) == once
    assert not set(once) & set(INVISIBLE)


def _alignment(texts: list[tuple[str, str]], note: str) -> Alignment:
    passage = Passage(0, speaker=note or None)
    src = Document("ru", [Sentence(i, s, 0) for i, (s, _) in enumerate(texts)], [passage])
    tgt = Document("en", [Sentence(i, t, 0) for i, (_, t) in enumerate(texts)], [passage])
    beads = [
        ScoredBead((i,), (i,), s, t, 0.5, 0.5, ["low_similarity"], passage=passage, note=note)
        for i, (s, t) in enumerate(texts)
    ]
    summary = {"beads": len(beads), "most_drifted": [{"src": [0], "tgt": [0], "note": note}]}
    return Alignment(src, tgt, beads, summary, {"driftalign": "test", "note": note})


@fast(300)
@given(st.lists(st.tuples(TEXT, TEXT), min_size=1, max_size=4), TEXT)
def test_writers_all_or_nothing(texts: list[tuple[str, str]], note: str) -> None:
    parent = Path(tempfile.mkdtemp(prefix="fuzz-out-"))
    try:
        out = parent / "out"
        try:
            written = formats.write_outputs(_alignment(texts, note), out)
        except AlignError:
            assert sorted(os.listdir(parent)) == []  # nothing half-written, no temp folder
            return
        assert sorted(os.listdir(parent)) == ["out"]
        assert sorted(p.name for p in written) == sorted(
            n for n in os.listdir(out) if n != formats.MARKER_NAME
        )
        records = formats.read_jsonl(out / "alignment.jsonl")
        assert [r["bead"] for r in records] == list(range(1, len(texts) + 1))
        tsv = (out / "alignment.tsv").read_text(encoding="utf-8").split("\n")
        assert len(tsv) == len(texts) + 2  # header, one row per bead, final newline
    finally:
        shutil.rmtree(parent)
