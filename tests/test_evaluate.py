"""Tests for align.evaluate: Vecalign's strict/lax precision, recall and F1."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.errors import AlignError, InputError
from align.evaluate import evaluate_files, format_table, read_beads, score

SHARED_ALIGN = Path(__file__).resolve().parents[1].parent / "shared/data/align"
TEXTBERG_TEST = SHARED_ALIGN / "textberg_defr" / "test"

# Gold links: (0,0) (1,1) (1,2) (3,3) (4,3); [2]:[] is an omission.
GOLD = [((0,), (0,)), ((1,), (1, 2)), ((2,), ()), ((3, 4), (3,))]
HYP = [
    ((0,), (0,)),  # strict
    ((1,), (1,)),  # lax via (1,1)
    ((), (2,)),  # no links, not in gold: wrong
    ((2,), ()),  # identical to the gold omission: strict
    ((3,), (3,)),  # lax via (3,3)
    ((4,), ()),  # no links, not in gold: wrong
]


def _check(result: dict, kind: str, p: float, r: float, f1: float) -> None:
    got = result[kind]
    assert got["precision"] == pytest.approx(p)
    assert got["recall"] == pytest.approx(r)
    assert got["f1"] == pytest.approx(f1)


def test_hand_computed_single_document() -> None:
    result = score([GOLD], [HYP])
    # precision: 6 distinct hyp beads, strict 2, lax 4.
    # recall (no empty sides): gold {[0]:[0], [1]:[1,2], [3,4]:[3]} vs
    # hyp {[0]:[0], [1]:[1], [3]:[3]}: strict 1, lax 3.
    _check(result, "strict", 2 / 6, 1 / 3, 2 * (1 / 3) * (1 / 3) / (2 / 3))
    _check(result, "lax", 4 / 6, 3 / 3, 2 * (4 / 6) / (4 / 6 + 1))
    counts = result["counts"]
    assert counts == {
        "documents": 1,
        "hyp_beads": 6,
        "gold_beads": 3,
        "precision_strict": 2,
        "precision_lax": 4,
        "recall_strict": 1,
        "recall_lax": 3,
    }


def test_empty_side_beads_count_for_precision_only() -> None:
    gold = [((0,), (0,)), ((1,), ())]
    result = score([gold], [[((0,), (0,))]])
    _check(result, "strict", 1.0, 1.0, 1.0)  # the missed omission costs no recall
    result = score([gold], [[((0,), (0,)), ((), (1,))]])
    _check(result, "strict", 0.5, 1.0, 2 / 3)  # a spurious addition costs precision
    _check(result, "lax", 0.5, 1.0, 2 / 3)  # and has no links to be lax-correct with


def test_pooled_over_documents_not_averaged() -> None:
    doc2 = [((0,), (0,))]
    result = score([GOLD, doc2], [HYP, doc2])
    _check(result, "strict", 3 / 7, 2 / 4, 2 * (3 / 7) * (2 / 4) / (3 / 7 + 2 / 4))
    _check(result, "lax", 5 / 7, 4 / 4, 2 * (5 / 7) / (5 / 7 + 1))
    assert result["counts"]["documents"] == 2
    # Links never cross documents: doc2's (0,0) does not rescue anything in doc1.
    assert score([doc2, GOLD], [HYP, doc2])["lax"]["precision"] == pytest.approx(2 / 7)


def test_sides_are_sorted_and_duplicates_count_once() -> None:
    gold = [((227, 218), (198,)), ((1,), (1,))]
    hyp = [((218, 227), (198,)), ((1,), (1,)), ((1,), (1,)), ((), ())]
    result = score([gold], [hyp])
    _check(result, "strict", 1.0, 1.0, 1.0)
    assert result["counts"]["hyp_beads"] == 2


def test_zero_denominators() -> None:
    result = score([[((0,), (0,))]], [[]])
    _check(result, "strict", 0.0, 0.0, 0.0)
    _check(result, "lax", 0.0, 0.0, 0.0)
    result = score([], [])
    _check(result, "strict", 0.0, 0.0, 0.0)


def test_document_count_mismatch() -> None:
    with pytest.raises(AlignError, match="2 document"):
        score([GOLD, GOLD], [HYP])


def test_read_beads(tmp_path: Path) -> None:
    path = tmp_path / "beads"
    path.write_text(
        "[0]:[0, 1]\n\n[]:[22]\n[16]:[]\n[6, 7]:[9, 10]:0.3412\n  [5]:[8]:1e-3  \n",
        encoding="utf-8",
    )
    assert read_beads(path) == [
        ((0,), (0, 1)),
        ((), (22,)),
        ((16,), ()),
        ((6, 7), (9, 10)),
        ((5,), (8,)),
    ]


@pytest.mark.parametrize(
    "line",
    ["[0]:[1", "[a]:[1]", "[0] [1]", "[0]:[1]:cost", "[-1]:[0]", "[0,]:[1]", "0:1", "[[0]]:[1]"],
)
def test_read_beads_malformed(tmp_path: Path, line: str) -> None:
    path = tmp_path / "beads"
    path.write_text(f"[0]:[0]\n{line}\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"line 2: not a bead") as info:
        read_beads(path)
    assert str(path) in str(info.value)


def test_read_beads_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        read_beads(tmp_path / "nope")


def test_evaluate_files_and_table(tmp_path: Path) -> None:
    pairs = []
    for d, (gold, hyp) in enumerate([(GOLD, HYP), ([((0,), (0,))], [((0,), (0,))])]):
        g, h = tmp_path / f"gold{d}", tmp_path / f"hyp{d}"
        g.write_text("".join(f"{list(s)}:{list(t)}\n" for s, t in gold), encoding="utf-8")
        h.write_text("".join(f"{list(s)}:{list(t)}:0.5\n" for s, t in hyp), encoding="utf-8")
        pairs.append((g, h))
    result = evaluate_files(pairs)
    assert result == score([GOLD, [((0,), (0,))]], [HYP, [((0,), (0,))]])
    table = format_table(result).splitlines()
    assert table[0].split() == ["P", "R", "F1"]
    assert table[1].split()[0] == "strict" and table[2].split()[0] == "lax"
    assert table[1].split()[1:] == ["0.4286", "0.5000", "0.4615"]
    assert table[2].split()[1:] == ["0.7143", "1.0000", "0.8333"]
    assert len({len(line) for line in table[:3]}) == 1  # columns line up


@pytest.mark.skipif(
    not (TEXTBERG_TEST / "test0.defr").exists(), reason="Text+Berg gold data not available"
)
def test_textberg_gold_against_itself() -> None:
    golds = sorted(TEXTBERG_TEST.glob("test*.defr"))
    for pairs in ([(golds[0], golds[0])], [(g, g) for g in golds]):
        result = evaluate_files(pairs)
        for kind in ("strict", "lax"):
            assert result[kind]["f1"] == 1.0
            assert result[kind]["precision"] == 1.0 and result[kind]["recall"] == 1.0
    assert result["counts"]["documents"] == 7
    assert result["counts"]["hyp_beads"] == 916  # matches the data README
