"""Drift v1 on real text with the bundled model."""

from __future__ import annotations

from align.drift import score_beads, summarise
from align.segment import segment
from align.types import Bead


def _embed(enc):  # type: ignore[no-untyped-def]
    return lambda texts: enc.encode(list(texts))


SRC = """В.Путин: Мы уже направили туда 70 тонн грузов. Это наш долг.
М.Аббас (через переводчика): Благодарю вас. Мы требуем прекратить огонь.
Погода в Москве сегодня хорошая."""
TGT = """Vladimir Putin: We have already sent 700 tonnes of goods there. It is our duty.
Mahmoud Abbas (retranslated): Thank you. We demand a ceasefire.
The committee will publish its annual report next spring."""


def test_flags_and_drift(e5) -> None:  # type: ignore[no-untyped-def]
    src, tgt = segment(SRC, "ru"), segment(TGT, "en")
    assert len(src) == 5 and len(tgt) == 5
    beads = [
        Bead((0,), (0,)),
        Bead((1,), (1,)),
        Bead((2,), (2,)),
        Bead((3,), (3,)),
        Bead((4,), ()),
        Bead((), (4,)),
    ]
    scored = score_beads(src, tgt, beads, _embed(e5))
    numbers, faithful, thanks, ceasefire, omitted, added = scored
    assert numbers.flags == ["number_mismatch"] and numbers.drift >= 0.6
    reason = numbers.reasons[0]
    assert numbers.src_text[slice(*reason["src"])] == "70"  # type: ignore[misc]
    assert numbers.tgt_text[slice(*reason["tgt"])] == "700"  # type: ignore[misc]
    assert faithful.flags == [] and faithful.drift < 0.3
    assert 0.8 < faithful.similarity <= 1.0  # type: ignore[operator]
    assert omitted.flags == ["omission"] and omitted.drift == 1.0 and omitted.similarity is None
    assert added.flags == ["addition"] and added.drift == 1.0
    assert ceasefire.passage is not None and ceasefire.passage.retranslated
    assert thanks.passage is not None and thanks.passage.speaker == "М.Аббас"

    summary = summarise(scored)
    assert summary["omissions"] == 1 and summary["additions"] == 1
    assert summary["number_mismatches"] == 1
    # the last paragraph has no label, so it continues the retranslated turn
    assert summary["retranslated"]["beads"] == 4  # type: ignore[index]
    assert summary["direct"]["beads"] == 2  # type: ignore[index]
    assert summary["most_drifted"][0]["drift"] == 1.0  # type: ignore[index]
