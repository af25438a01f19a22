"""Benchmark: a retranslated statement with planted meaning changes, as the founding example.

This is a benchmark, not a test: it asserts nothing, it measures. One short
statement of a Palestinian leader at talks in Moscow, written for this project
in Arabic and in Russian (the same content), against one English text into
which seven changes were planted — a figure multiplied, a demand softened, one
court for another, one person for another (no title), one city for another, a
negation dropped and a sentence left out — the rest faithful. Each source is
aligned with :meth:`align.Aligner.align` and every planted change is looked up
in the bead that holds its source sentence.

Per source language it prints: planted changes among the top-N beads by drift
(N = the number planted), the AUC of drift (planted beads against faithful
ones), planted beads flagged, faithful beads flagged, and the planted ones'
reasons. A reviewer reads the top of the list: what is not there is missed.

Usage::

    python scripts/benchmark_planted.py
    python scripts/benchmark_planted.py --model e5 --md planted.md
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence

from align import Aligner, ScoredBead

# (Arabic, Russian, English, planted change or "" when the English is faithful);
# English None: the sentence is left out of the translation
SENTENCES: list[tuple[str, str, str | None, str]] = [
    (
        "شكراً جزيلاً سيادة الرئيس على حسن الاستقبال.",
        "Большое спасибо, господин Президент, за тёплый приём.",
        "Thank you very much, Mr President, for the warm welcome.",
        "",
    ),
    (
        "نحن سعداء بوجودنا في موسكو مرة أخرى.",
        "Мы рады снова быть в Москве.",
        "We are glad to be in Moscow again.",
        "",
    ),
    (
        "إن العلاقات بين بلدينا تاريخية ومتينة.",
        "Отношения между нашими странами исторические и прочные.",
        "The relations between our countries are historic and strong.",
        "",
    ),
    (
        "لقد قتل أكثر من سبعين ألف فلسطيني في قطاع غزة منذ بداية الحرب.",
        "С начала войны в секторе Газа убиты более семидесяти тысяч палестинцев.",
        "More than 700,000 Palestinians have been killed in the Gaza Strip since the start "
        "of the war.",
        "number: 70,000 -> 700,000",
    ),
    (
        "نطالب بوقف العدوان فوراً ودون أي شروط.",
        "Мы требуем немедленно и без всяких условий прекратить агрессию.",
        "We will do our best to stop the actions.",
        "demand softened: 'stop the aggression immediately' -> 'do our best to stop the actions'",
    ),
    (
        "لقد توجهنا إلى المحكمة الجنائية الدولية لمحاسبة المسؤولين.",
        "Мы обратились в Международный уголовный суд, чтобы виновные понесли ответственность.",
        "We have turned to the International Court of Justice to hold those responsible "
        "to account.",
        "court: International Criminal Court -> International Court of Justice",
    ),
    (
        "نحن نقدر جهودكم من أجل السلام في المنطقة.",
        "Мы ценим ваши усилия ради мира в регионе.",
        "We appreciate your efforts for peace in the region.",
        "",
    ),
    (
        "وقال لافروف إن روسيا تدعم إقامة دولة فلسطينية مستقلة.",
        "Лавров сказал, что Россия поддерживает создание независимого палестинского государства.",
        "Blinken said that Russia supports the establishment of an independent Palestinian state.",
        "person: Lavrov -> Blinken",
    ),
    (
        "يجب أن يتوقف الاستيطان في الأراضي المحتلة.",
        "Строительство поселений на оккупированных территориях должно прекратиться.",
        "Settlement building in the occupied territories must stop.",
        "",
    ),
    (
        "سنعقد الاجتماع القادم في القاهرة.",
        "Следующую встречу мы проведём в Каире.",
        "We will hold the next meeting in Amman.",
        "city: Cairo -> Amman",
    ),
    (
        "إن الشعب الفلسطيني لن يغادر أرضه.",
        "Палестинский народ не покинет свою землю.",
        "The Palestinian people will leave their land.",
        "negation dropped: 'will not leave' -> 'will leave'",
    ),
    (
        "نحن ممتنون للمساعدات الإنسانية التي أرسلتها روسيا.",
        "Мы благодарны за гуманитарную помощь, которую направила Россия.",
        "We are grateful for the humanitarian aid that Russia has sent.",
        "",
    ),
    (
        "ونأمل أن تصل المزيد من المساعدات قريباً.",
        "Надеемся, что в ближайшее время поступит ещё больше помощи.",
        None,
        "sentence left out",
    ),
    (
        "سنواصل العمل مع شركائنا في الأمم المتحدة.",
        "Мы продолжим работу с нашими партнёрами в Организации Объединённых Наций.",
        "We will continue to work with our partners at the United Nations.",
        "",
    ),
    (
        "شكراً لكم.",
        "Спасибо.",
        "Thank you.",
        "",
    ),
]


def _bead_of(beads: Sequence[ScoredBead], i: int) -> ScoredBead:
    return next(b for b in beads if i in b.src)


def _auc(pos: list[float], neg: list[float]) -> float:
    """Probability that a planted bead drifts more than a faithful one (ties count half)."""
    pairs = [(p > n) + 0.5 * (p == n) for p in pos for n in neg]
    return sum(pairs) / len(pairs) if pairs else float("nan")


def run(aligner: Aligner, lang: str) -> tuple[dict[str, str], list[str]]:
    source = [s[0] if lang == "ar" else s[1] for s in SENTENCES]
    target = [s[2] for s in SENTENCES if s[2] is not None]
    started = time.perf_counter()
    result = aligner.align(source, target, lang, "en", presplit=True)
    took = time.perf_counter() - started
    beads = result.beads
    planted = [i for i, s in enumerate(SENTENCES) if s[3]]
    faithful = [i for i, s in enumerate(SENTENCES) if not s[3]]
    p_beads = {id(_bead_of(beads, i)): _bead_of(beads, i) for i in planted}
    f_beads = {id(b): b for b in (_bead_of(beads, i) for i in faithful) if id(b) not in p_beads}
    ranked = sorted(beads, key=lambda b: -b.drift)[: len(planted)]
    top = sum(id(_bead_of(beads, i)) in {id(b) for b in ranked} for i in planted)
    auc = _auc([b.drift for b in p_beads.values()], [b.drift for b in f_beads.values()])
    lines = []
    for i in planted:
        b = _bead_of(beads, i)
        why = "; ".join(f"{r['type']}: {r.get('detail', '')}" for r in b.reasons[:2]) or "-"
        lines.append(f"| {lang}-en | {SENTENCES[i][3]} | {b.drift:.3f} | {why} |")
    row = {
        "pair": f"{lang}-en",
        "planted in top": f"{top} of {len(planted)}",
        "AUC": f"{auc:.3f}",
        "planted flagged": f"{sum(bool(b.flags) for b in p_beads.values())} of {len(p_beads)}",
        "faithful flagged": f"{sum(bool(b.flags) for b in f_beads.values())} of {len(f_beads)}",
        "faithful max drift": f"{max(b.drift for b in f_beads.values()):.3f}",
        "seconds": f"{took:.1f}",
    }
    return row, lines


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--model", default="e5")
    p.add_argument("--md", help="also write the tables to this Markdown file")
    args = p.parse_args(argv)
    aligner = Aligner(args.model)
    rows, details = [], []
    try:
        for lang in ("ar", "ru"):
            row, lines = run(aligner, lang)
            rows.append(row)
            details += lines
    finally:
        aligner.close()
    heads = list(rows[0])
    out = ["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
    out += ["| " + " | ".join(str(r[h]) for h in heads) + " |" for r in rows]
    out += ["", "| pair | planted | drift | reasons |", "|---|---|---|---|", *details]
    text = "\n".join(out)
    print(text)
    if args.md:
        with open(args.md, "w", encoding="utf-8") as f:
            f.write(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
