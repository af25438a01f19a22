"""Terminal output: the count and the list agree, long text is cut visibly, columns explained."""

from __future__ import annotations

import re

from align.console import clip, format_run, ranking_legend
from tests.test_formats import make_alignment


def _listed(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"^  #(\d+) ", text, flags=re.M)]


def test_clip_marks_the_cut() -> None:
    assert clip("short") == "short"
    long = "Наш парламент одобрил соглашение о свободной торговле в прошлом месяце."
    cut = clip(long)
    assert len(cut) == 60 and cut.endswith("…") and long.startswith(cut[:-1])
    assert clip("a\n b\tc") == "a b c"


def test_every_flagged_bead_is_listed_when_there_are_few() -> None:
    out = format_run(make_alignment(), "out/x")
    assert "3 beads flagged, most drifted first" in out
    assert _listed(out) == [3, 4, 2]  # drift 1.0, 1.0 (document order), 0.3
    assert "(not in target)" in out and "(not in source)" in out
    assert '“Он сказал: «مرحبا بكم» & ушёл. Цитата: "<script>alert(1)</s…”' in out
    assert out.splitlines()[0] == (
        "aligned 5 ru and 5 en sentences into 5 beads (1 omission, 1 addition); mean drift 0.51"
    )
    assert out.endswith("wrote out/x/")


def test_a_sentence_a_merged_bead_hides_is_counted_as_summary_json_counts_it() -> None:
    """The issue's first complaint: a dropped sentence merged into a 2-1 bead was
    reported in the bead and summary.json, but the printed line said "0 omissions"."""
    from align.drift import summarise

    alignment = make_alignment()
    merged = alignment.beads[1]  # (1, 2) -> (1,)
    merged.flags = ["omission"]
    merged.reasons = [
        {"type": "omission", "src": [0, 5], "tgt": None, "detail": "no counterpart", "sentence": 1}
    ]
    out = format_run(alignment)
    assert "(2 omissions, 1 addition)" in out.splitlines()[0]
    summary = summarise(alignment.beads)
    assert (summary["omissions"], summary["additions"]) == (2, 1)


def test_the_heading_says_how_many_of_the_flagged_are_shown() -> None:
    out = format_run(make_alignment(), top=2)
    assert "3 beads flagged; the 2 most drifted" in out
    assert _listed(out) == [3, 4]
    assert "wrote" not in out


def test_nothing_flagged_lists_nothing() -> None:
    alignment = make_alignment()
    for bead in alignment.beads:
        bead.flags = []
    out = format_run(alignment)
    assert _listed(out) == []
    assert "no bead flagged; the most drifted is #3 (drift 1.00)" in out


def test_ranking_legend_names_every_column() -> None:
    plain, with_metrics = ranking_legend(), ranking_legend(with_metrics=True)
    for column in ("rank", "drift", "beads", "omit", "add", "flag"):
        assert f"{column}:" in plain or f"{column} /" in plain or f"/ {column}" in plain
    assert "BLEU" not in plain and "TER (lower is better)" in with_metrics
