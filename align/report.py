"""A self-contained HTML report for editors checking where a retranslation drifted.

``report.html`` opens offline from disk: CSS and a little vanilla JS are
inline, there are no external fonts, images or scripts. The bead table and
the drift chart are static HTML/SVG, so the report is complete with JS
disabled; the script only adds filtering (minimum drift, only flagged) and
sorting (most drifted first). Every piece of input text (sentences, speakers,
file names, model names, reason details) goes through :func:`html.escape`.

Rows carry ``data-drift`` / ``data-flagged`` attributes and CSS classes
instead of per-row script, which keeps a 30,000-bead report reasonably small.
"""

from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path

from .languages import LANGUAGES, is_rtl
from .text import UNENCODABLE
from .types import Alignment, ScoredBead

__all__ = ["bead_number", "render_report", "write_report"]

REPORT_NAME = "report.html"
_BINS = 10  # drift colours: classes d0 .. d10


def _mix(stops: list[tuple[int, int, int]], t: float) -> str:
    """Colour at ``t`` in [0, 1] along evenly spaced RGB stops."""
    pos = t * (len(stops) - 1)
    i = min(int(pos), len(stops) - 2)
    f = pos - i
    a, b = stops[i], stops[i + 1]
    return "#" + "".join(f"{round(x + (y - x) * f):02x}" for x, y in zip(a, b, strict=True))


# Green -> amber -> red. Light tints are cell backgrounds behind #111 text
# (contrast >= 7:1); the dark shades are bars and chart columns.
_LIGHT = [(212, 244, 221), (253, 230, 168), (240, 150, 140)]
_DARK = [(26, 127, 55), (183, 121, 31), (198, 40, 40)]
_BIN_CSS = "".join(
    f".d{k}{{background:{_mix(_LIGHT, k / _BINS)}}}"
    f".d{k} .meter i,rect.d{k}{{background:{_mix(_DARK, k / _BINS)};fill:{_mix(_DARK, k / _BINS)}}}"
    for k in range(_BINS + 1)
)

_CSS = (
    """
*{box-sizing:border-box}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111;
background:#fff;margin:0 auto;padding:1rem 1.5rem;max-width:110rem}
h1{font-size:1.4rem;margin:.2rem 0 .8rem}
h2{font-size:1.1rem;margin:1.2rem 0 .4rem}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:0}
dl.meta dt{font-weight:600}dl.meta dd{margin:0;overflow-wrap:anywhere}
.stats{display:flex;flex-wrap:wrap;gap:.5rem;margin:.8rem 0;padding:0;list-style:none}
.stats li{border:1px solid #bbb;border-radius:.4rem;padding:.3rem .7rem}
.stats b{font-size:1.15rem;margin-right:.3rem}
details{margin:.5rem 0}summary{cursor:pointer}
table.sig{border-collapse:collapse;font-size:.9rem}
table.sig th,table.sig td{border:1px solid #ccc;padding:.15rem .5rem;text-align:left;
vertical-align:top}
figure{margin:.5rem 0 1rem}
svg.chart{width:100%;height:140px;border:1px solid #bbb;background:#fafafa;display:block}
svg.chart rect.rt{fill:#dbe4ff}svg.chart line{stroke:#999;stroke-dasharray:4 3}
svg.chart a:hover rect,svg.chart a:focus rect{fill:#000}
figcaption{font-size:.9rem;color:#333}
.key{display:inline-block;width:.9em;height:.9em;vertical-align:middle;border:1px solid #888}
#controls{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;margin:.6rem 0;
padding:.5rem .7rem;background:#f3f3f3;border-radius:.4rem}
table.beads{border-collapse:collapse;width:100%;table-layout:fixed}
table.beads caption{text-align:left;font-weight:600;padding:.3rem 0;caption-side:top}
table.beads th,table.beads td{border:1px solid #ccc;padding:.3rem .45rem;vertical-align:top}
table.beads thead th{position:sticky;top:0;background:#e9e9e9;text-align:left;z-index:1}
col.c-n{width:4.2rem}col.c-d{width:7rem}col.c-s{width:5.5rem}col.c-f{width:16rem}
ul.reasons{margin:.2rem 0 0;padding-left:1rem;font-size:.85rem}
p.note{margin:.3rem 0 0;font-size:.85rem;background:#f3f3f3;padding:.1rem .3rem}
.badge.confirmed{background:#d4f4dd;border-color:#1a7f37}
td.txt{white-space:pre-wrap;overflow-wrap:anywhere}
td.n a{color:#0645ad}
tr.group th{background:#eef1f6;text-align:left;font-weight:600}
tr.bead:target td{outline:3px solid #0645ad;outline-offset:-3px}
.none{color:#555;font-style:italic}
td.drift .num{font-weight:700;font-variant-numeric:tabular-nums}
.meter{display:block;height:.4rem;background:#fff;border:1px solid #777;margin-top:.2rem}
.meter i{display:block;height:100%}
td.sim{font-variant-numeric:tabular-nums}
.badge{display:inline-block;font-size:.78rem;line-height:1.3;padding:0 .4rem;margin:0 .2rem .2rem 0;
border-radius:.6rem;background:#e4e4e4;border:1px solid #999;color:#111}
.badge.f-omission,.badge.f-addition{background:#ffe0e0;border-color:#b00}
.badge.f-number_mismatch{background:#fff0c2;border-color:#946200}
.badge.rt{background:#dbe4ff;border-color:#2b4acb}
mark.reason{background:#ffe27a;color:#111;border-bottom:2px solid #946200;cursor:help}
[hidden]{display:none!important}
"""
    + _BIN_CSS
)

_JS = """
(function () {
  "use strict";
  var table = document.getElementById("beads"), ctl = document.getElementById("controls");
  if (!table || !ctl) return;
  var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
  var beads = rows.filter(function (r) { return r.classList.contains("bead"); });
  var min = document.getElementById("min-drift"), out = document.getElementById("min-drift-out");
  var flag = document.getElementById("only-flagged"), order = document.getElementById("order");
  var shown = document.getElementById("shown"), current = "doc";
  function drift(r) { return parseFloat(r.getAttribute("data-drift")); }
  function apply() {
    var m = parseFloat(min.value) || 0, f = flag.checked, n = 0;
    out.textContent = m.toFixed(2);
    beads.forEach(function (r) {
      var ok = drift(r) >= m - 1e-9 && (!f || r.getAttribute("data-flagged") === "1");
      r.hidden = !ok;
      if (ok) n++;
    });
    if (order.value !== current) {
      current = order.value;
      var list = current === "drift" ? beads.slice().sort(function (a, b) {
        return drift(b) - drift(a);  // stable sort: ties stay in document order
      }) : rows;
      var frag = document.createDocumentFragment();
      list.forEach(function (r) { frag.appendChild(r); });
      body.appendChild(frag);
    }
    var group = null, any = false;
    rows.forEach(function (r) {
      if (r.classList.contains("bead")) { if (!r.hidden) any = true; return; }
      if (group) group.hidden = current === "drift" || !any;
      group = r; any = false;
    });
    if (group) group.hidden = current === "drift" || !any;
    shown.textContent = n + " of " + beads.length + " beads shown";
  }
  function reveal() {
    var id = location.hash.slice(1), row = id && document.getElementById(id);
    if (row && row.hidden) { min.value = 0; flag.checked = false; apply(); row.scrollIntoView(); }
  }
  ctl.hidden = false;
  min.addEventListener("input", apply);
  flag.addEventListener("change", apply);
  order.addEventListener("change", apply);
  window.addEventListener("hashchange", reveal);
  apply();
})();
"""


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _clamp(d: float) -> float:
    """Drift as a number in [0, 1]; NaN (no score) is shown as full drift."""
    return 1.0 if d != d else max(0.0, min(1.0, float(d)))


def _num(value: object, digits: int = 3) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "—" if value is None else _e(value)
    return f"{value:.{digits}f}" if isinstance(value, float) else str(value)


def _plain(value: object) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)


def _lang_name(code: str) -> str:
    return LANGUAGES.get(code.lower().split("-")[0], code)


def _lang_attrs(code: str) -> str:
    return f' lang="{_e(code)}"' + (' dir="rtl"' if is_rtl(code) else "")


def _css_name(flag: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "-", flag)


def _find(data: object, key: str) -> object | None:
    """First value under ``key`` anywhere in a nested signature dict."""
    if isinstance(data, dict):
        if key in data and not isinstance(data[key], dict):
            return data[key]
        for value in data.values():
            found = _find(value, key)
            if found is not None:
                return found
    return None


def bead_number(item: object, beads: list[ScoredBead]) -> int | None:
    """The number (from 1) of the bead a ``summary["most_drifted"]`` entry describes.

    Beads are numbered from 1 in document order in every output: report row
    ``#n``, line ``n`` of ``alignment.jsonl`` and its ``bead`` field, TMX
    ``tuid``, ``summary.json`` and the terminal. An entry is matched by its
    ``src``/``tgt`` sentence indices, so whatever its own ``bead`` field
    counted from, it names the right row; a bare int (older summaries) is
    already a bead number.
    """
    if isinstance(item, bool):
        return None
    if isinstance(item, int):
        return item if 1 <= item <= len(beads) else None
    if not isinstance(item, dict):
        return None
    src, tgt = item.get("src"), item.get("tgt")
    if isinstance(src, list) and isinstance(tgt, list):
        key = (tuple(src), tuple(tgt))
        for n, bead in enumerate(beads, start=1):
            if (bead.src, bead.tgt) == key:
                return n
    return None


# --------------------------------------------------------------------------- text


def _spans(bead: ScoredBead, side: str) -> list[tuple[int, int, str]]:
    """The ``[start, end]`` spans that reasons give for one side, with their details."""
    found: list[tuple[int, int, str]] = []
    for reason in bead.reasons:
        span = reason.get(side) if isinstance(reason, dict) else None
        if isinstance(span, (list, tuple)) and len(span) == 2:
            start, end = span
            if isinstance(start, int) and isinstance(end, int):
                found.append((start, end, str(reason.get("detail") or reason.get("type") or "")))
    return found


def _merge(spans: list[tuple[int, int, str]], length: int) -> list[tuple[int, int, str]]:
    """Spans inside ``[0, length]`` in order; overlapping ones merged, details joined."""
    merged: list[tuple[int, int, str]] = []
    for start, end, detail in sorted(s for s in spans if 0 <= s[0] < s[1] <= length):
        if merged and start < merged[-1][1]:
            s0, e0, d0 = merged[-1]
            merged[-1] = (s0, max(e0, end), d0 if detail in d0.split("; ") else f"{d0}; {detail}")
        else:
            merged.append((start, end, detail))
    return merged


def highlight(text: str, spans: list[tuple[int, int, str]]) -> str:
    """Escape ``text`` piece by piece, wrapping each span in ``<mark class="reason">``.

    Escaping each piece separately (never the marked-up whole) means input can
    not inject markup; spans out of range are dropped and overlaps merged.
    """
    out, pos = [], 0
    for start, end, detail in _merge(spans, len(text)):
        out.append(escape(text[pos:start], quote=True))
        out.append(f'<mark class="reason" title="{_e(detail)}">{_e(text[start:end])}</mark>')
        pos = end
    out.append(escape(text[pos:], quote=True))
    return "".join(out)


# --------------------------------------------------------------------------- parts


def _header(al: Alignment) -> str:
    src, tgt, summary, sig = al.source, al.target, al.summary, al.signature
    src_name = Path(src.path).name if src.path else "source"
    tgt_name = Path(tgt.path).name if tgt.path else "target"
    model = _find(sig, "model") or _find(sig, "encoder") or "—"
    version = _find(sig, "version")
    meta = [
        ("Source", f"{src.path or '—'} ({_lang_name(src.lang)}, {src.lang})"),
        ("Target", f"{tgt.path or '—'} ({_lang_name(tgt.lang)}, {tgt.lang})"),
        ("Model", model),
    ]
    if version is not None:
        meta.append(("driftalign", version))
    parts = [
        f"<h1>Drift report: {_e(src_name)} → {_e(tgt_name)}</h1>",
        '<dl class="meta">',
        *(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in meta),
        "</dl>",
        '<ul class="stats">',
    ]
    stats = [
        ("beads", summary.get("beads", len(al.beads)), 0),
        ("mean drift", summary.get("mean_drift"), 3),
        ("omissions", summary.get("omissions"), 0),
        ("additions", summary.get("additions"), 0),
        ("flagged", summary.get("flagged"), 0),
    ]
    for key in ("retranslated", "direct"):
        part = summary.get(key)
        if isinstance(part, dict):
            label = f"mean drift, {key} ({part.get('passages', '?')} passages)"
            stats.append((label, part.get("mean_drift"), 3))
    parts += [f"<li><b>{_num(v, d)}</b>{_e(label)}</li>" for label, v, d in stats if v is not None]
    parts.append("</ul>")
    most = summary.get("most_drifted")
    if isinstance(most, list) and most:
        numbers = [bead_number(item, al.beads) for item in most]
        links = [f'<a href="#b{n}">#{n}</a>' for n in numbers if n is not None]
        parts.append(f"<p>Most drifted beads: {', '.join(links) or '—'}</p>")
    rows = "".join(
        f'<tr><th scope="row">{_e(k)}</th><td>{_e(_plain(v))}</td></tr>' for k, v in sig.items()
    )
    parts.append(
        f'<details><summary>Run signature</summary><table class="sig">{rows}</table></details>'
    )
    return "\n".join(parts)


def _chart(al: Alignment) -> str:
    """Drift per bead as SVG bars; retranslated passages shaded behind them."""
    n = max(len(al.beads), 1)
    shade, run = [], None
    for i, bead in enumerate([*al.beads, None]):
        rt = bead is not None and bead.passage is not None and bead.passage.retranslated
        if rt and run is None:
            run = i
        elif not rt and run is not None:
            shade.append(f'<rect class="rt" x="{run}" y="0" width="{i - run}" height="100"/>')
            run = None
    bars = []
    for i, bead in enumerate(al.beads):
        d = _clamp(bead.drift)
        h = max(d * 100, 1.5)
        tip = f"#{i + 1}: drift {d:.2f}" + (f" ({', '.join(bead.flags)})" if bead.flags else "")
        bars.append(
            f'<a href="#b{i + 1}"><rect class="bar d{round(d * _BINS)}" x="{i}" y="{100 - h:.1f}" '
            f'width=".9" height="{h:.1f}"><title>{_e(tip)}</title></rect></a>'
        )
    return (
        '<figure><svg class="chart" viewBox="0 0 {n} 100" preserveAspectRatio="none" role="img" '
        'aria-labelledby="chart-title"><title id="chart-title">Drift along the document</title>'
        '{shade}<line x1="0" y1="50" x2="{n}" y2="50" vector-effect="non-scaling-stroke"/>'
        "{bars}</svg><figcaption>Drift along the document, one bar per bead (taller and redder "
        "= more drift; dashed line = 0.5). Click a bar to jump to its row. "
        '<span class="key" style="background:#dbe4ff"></span> retranslated passage.'
        "</figcaption></figure>"
    ).format(n=n, shade="".join(shade), bars="".join(bars))


_CONTROLS = (
    '<div id="controls" hidden>'
    '<label>Minimum drift <input type="range" id="min-drift" min="0" max="1" step="0.05" '
    'value="0"> <output id="min-drift-out" for="min-drift">0.00</output></label>'
    '<label><input type="checkbox" id="only-flagged"> Only flagged</label>'
    '<label>Order <select id="order"><option value="doc">Document order</option>'
    '<option value="drift">Most drifted first</option></select></label>'
    '<span id="shown" aria-live="polite"></span></div>'
)


def _cell(
    text: str, present: bool, spans: list[tuple[int, int, str]], lang: str, missing: str
) -> str:
    body = (
        highlight(text, spans)
        if present
        else f'<span class="none" lang="en" dir="ltr">{missing}</span>'
    )
    return f'<td class="txt"{_lang_attrs(lang)}>{body}</td>'


def _row(n: int, bead: ScoredBead, src_lang: str, tgt_lang: str) -> str:
    d = _clamp(bead.drift)
    kinds = list(
        dict.fromkeys(
            [
                *bead.flags,
                *(
                    str(r.get("type"))
                    for r in bead.reasons
                    if isinstance(r, dict) and r.get("type")
                ),
            ]
        )
    )
    flagged = bool(kinds)
    badges = "".join(f'<span class="badge f-{_css_name(k)}">{_e(k)}</span>' for k in kinds)
    details = [
        f"<li><b>{_e(r.get('type') or '')}</b>: {_e(r['detail'])}</li>"
        for r in bead.reasons
        if isinstance(r, dict) and r.get("detail")
    ]
    if details:
        badges += f'<ul class="reasons">{"".join(details)}</ul>'
    if bead.confirmed:
        badges += '<span class="badge confirmed">confirmed</span>'
    if bead.edited:
        badges += '<span class="badge">edited</span>'
    if bead.note:
        badges += f'<p class="note"><b>Note:</b> <span dir="auto">{_e(bead.note)}</span></p>'

    sim = "—" if bead.similarity is None else f"{bead.similarity:.3f}"
    return (
        f'<tr id="b{n}" class="bead{" flagged" if flagged else ""}" '
        f'data-drift="{d:.4f}" data-flagged="{int(flagged)}">'
        f'<td class="n"><a href="#b{n}">{n}</a></td>'
        + _cell(
            bead.src_text,
            bool(bead.src),
            _spans(bead, "src"),
            src_lang,
            "not in source (addition)",
        )
        + _cell(
            bead.tgt_text,
            bool(bead.tgt),
            _spans(bead, "tgt"),
            tgt_lang,
            "not in target (omission)",
        )
        + f'<td class="drift d{round(d * _BINS)}"><span class="num">{d:.2f}</span>'
        f'<span class="meter" aria-hidden="true"><i style="width:{d * 100:.0f}%"></i></span></td>'
        f'<td class="sim">{sim}</td><td class="flags">{badges}</td></tr>'
    )


def _table(al: Alignment) -> str:
    src_lang, tgt_lang = al.source.lang, al.target.lang
    out = [
        '<table id="beads" class="beads"><caption>Beads side by side: source, target, drift '
        "(0 = faithful, 1 = unrelated or missing), cosine similarity, flags and why; the "
        "words behind each reason are highlighted in the text. Beads are numbered from 1: "
        "bead #n is line n of alignment.jsonl and tuid n in alignment.tmx.</caption>",
        '<colgroup><col class="c-n"><col><col><col class="c-d"><col class="c-s"><col class="c-f">'
        "</colgroup>",
        '<thead><tr><th scope="col">#</th>'
        f'<th scope="col">Source ({_e(_lang_name(src_lang))})</th>'
        f'<th scope="col">Target ({_e(_lang_name(tgt_lang))})</th>'
        '<th scope="col">Drift</th><th scope="col">Similarity</th><th scope="col">Flags</th>'
        "</tr></thead><tbody>",
    ]
    previous: object = object()
    for n, bead in enumerate(al.beads, start=1):
        p = bead.passage
        key = None if p is None else p.index
        if key != previous and p is not None:
            speaker = f' · <span dir="auto">{_e(p.speaker)}</span>' if p.speaker else ""
            badge = ""
            if p.retranslated:
                marker = f' title="{_e(p.marker)}"' if p.marker else ""
                badge = f' <span class="badge rt"{marker}>retranslated</span>'
            out.append(
                f'<tr class="group" data-passage="{_e(p.id)}"><th colspan="6">'
                f"Passage {p.index + 1}{speaker}{badge}</th></tr>"
            )
        previous = key
        out.append(_row(n, bead, src_lang, tgt_lang))
    out.append("</tbody></table>")
    return "\n".join(out)


# --------------------------------------------------------------------------- entry points


def render_report(alignment: Alignment) -> str:
    """The whole report as one HTML string (UTF-8, no external resources)."""
    src = Path(alignment.source.path).name if alignment.source.path else "source"
    tgt = Path(alignment.target.path).name if alignment.target.path else "target"
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>Drift report: {_e(src)} → {_e(tgt)}</title>",
            f"<style>{_CSS}</style></head><body>",
            "<header>",
            _header(alignment),
            "</header><main>",
            "<h2>Drift along the document</h2>",
            _chart(alignment),
            "<h2>Beads</h2>",
            _CONTROLS,
            _table(alignment),
            f"</main><script>{_JS}</script></body></html>",
            "",
        ]
    )


def write_report(alignment: Alignment, path: Path) -> Path:
    """Write ``report.html``; ``path`` is the output directory (as for every writer) or a file."""
    path = Path(path)
    if not path.is_dir() and path.suffix.lower() in (".html", ".htm"):
        target = path
    else:
        target = path / REPORT_NAME
    with target.open("w", encoding="utf-8", newline="\n", errors=UNENCODABLE) as f:
        f.write(render_report(alignment))
    return target
