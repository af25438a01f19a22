/* driftalign review UI: the job list (/) and the review view (/jobs/{id}).
 *
 * Plain JS, no framework and no external resources, because the service must work
 * offline and runs under a strict CSP (`default-src 'self'`): no inline scripts or
 * handlers, so every listener is attached here. All text coming from the server is
 * inserted with textContent / text nodes (never innerHTML), which keeps user-supplied
 * source and target text from ever becoming markup.
 *
 * The server is the only source of truth: every edit is POSTed with the version the
 * page last saw, and the page re-renders from the beads the server returns. A 409
 * (someone else edited first) shows a banner instead of retrying, so no edit is
 * ever silently overwritten. The HTTP contract is align/service/API.md.
 */
(function () {
  "use strict";

  var EXPORT_FORMATS = ["jsonl", "tsv", "tmx", "xliff", "moses"];
  var MODELS = ["e5", "use-m3", "e5+use-m3"];
  // Mirrors align/languages.py (RTL_LANGUAGES and the aliases that map onto them).
  var RTL = new Set(["ar", "he", "fa", "ur", "ps", "sd", "ug", "yi"]);
  var LANG_ALIASES = { iw: "he", ji: "yi", ara: "ar", fas: "fa", per: "fa", heb: "he" };
  var BINS = 10; // drift colour classes d0 .. d10, as in report.html

  // ------------------------------------------------------------------ DOM helpers

  /** Create an element. attrs: class, text, on{event:fn}, DOM properties, or attributes. */
  function h(tag, attrs) {
    var node = document.createElement(tag);
    var props = ["value", "checked", "disabled", "hidden", "type", "htmlFor", "min", "max"];
    Object.keys(attrs || {}).forEach(function (key) {
      var value = attrs[key];
      if (value === undefined || value === null || value === false) return;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else if (key === "on") {
        Object.keys(value).forEach(function (ev) { node.addEventListener(ev, value[ev]); });
      } else if (props.indexOf(key) >= 0) node[key] = value;
      else node.setAttribute(key, value === true ? "" : String(value));
    });
    for (var i = 2; i < arguments.length; i++) append(node, arguments[i]);
    return node;
  }

  /** Append children: nodes, strings (as text nodes, never parsed) or arrays of them. */
  function append(node, child) {
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child)) { child.forEach(function (c) { append(node, c); }); return; }
    node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function byId(id) { return document.getElementById(id); }

  function setStatus(message, kind) {
    var line = byId("status-line");
    if (!line) return;
    line.textContent = message || "";
    line.className = kind || "";
  }

  // ------------------------------------------------------------------ HTTP

  /** fetch wrapper: resolves to {status, ok, data}; never throws (network errors are status 0). */
  function api(method, url, body) {
    var opts = { method: method, headers: { Accept: "application/json" } };
    if (body instanceof FormData) opts.body = body;
    else if (body !== undefined) {
      opts.headers["Content-Type"] = "application/json";
      opts.body = JSON.stringify(body);
    }
    return fetch(url, opts).then(function (res) {
      return res.text().then(function (text) {
        var data = null;
        if (text) {
          try { data = JSON.parse(text); } catch (e) { data = { detail: text }; }
        }
        return { status: res.status, ok: res.ok, data: data };
      });
    }, function (err) {
      return { status: 0, ok: false, data: { detail: "network error: " + err.message } };
    });
  }

  /** A readable message from an error body (FastAPI gives a string or a list of problems). */
  function detailOf(res) {
    var d = res.data && res.data.detail;
    if (Array.isArray(d)) {
      return d.map(function (p) {
        var loc = Array.isArray(p.loc) ? p.loc.filter(function (x) { return x !== "body"; }) : [];
        return (loc.length ? loc.join(".") + ": " : "") + (p.msg || JSON.stringify(p));
      }).join("; ");
    }
    if (typeof d === "string" && d) return d;
    return "HTTP " + res.status;
  }

  function jobUrl(id, rest) { return "/api/jobs/" + encodeURIComponent(id) + (rest || ""); }

  // ------------------------------------------------------------------ small utilities

  function baseLang(code) {
    var base = String(code || "").trim().toLowerCase().split(/[-_.@]/)[0];
    return LANG_ALIASES[base] || base;
  }

  /** lang / dir attributes for a text cell, so Arabic, Hebrew, Persian, Urdu… read right to left. */
  function langAttrs(code) {
    return { lang: code || null, dir: RTL.has(baseLang(code)) ? "rtl" : null };
  }

  /** Drift in [0, 1]; a missing score counts as full drift (as in the report). */
  function clampDrift(d) {
    var x = Number(d);
    return d === null || d === undefined || isNaN(x) ? 1 : Math.max(0, Math.min(1, x));
  }

  function pctText(p) { return Math.floor(p) + "%"; }

  /** % of beads confirmed; floor so that 100% means every bead really is confirmed. */
  function confirmedPct(beads) {
    if (!beads.length) return 0;
    var n = beads.filter(function (b) { return b.confirmed; }).length;
    return (100 * n) / beads.length;
  }

  function cssName(flag) { return String(flag).replace(/[^A-Za-z0-9_-]/g, "-"); }

  // ================================================================== job list (/)

  var listTimer = null;

  function jobListView() {
    var app = byId("app");
    clear(app);
    document.title = "driftalign: jobs";
    append(app, [
      h("h1", { text: "Alignment jobs" }),
      h("h2", { text: "Submit a text and its translation" }),
      submitForm(),
      h("h2", { text: "Jobs" }),
      h("div", { id: "jobs", "data-testid": "job-list" }, h("p", { class: "muted", text: "Loading…" })),
    ]);
    refreshJobs();
  }

  function sideFieldset(side, label, lang) {
    return h("fieldset", {},
      h("legend", { text: label }),
      h("label", { class: "block" }, "Language ",
        h("input", { type: "text", name: side + "_lang", value: lang, required: true,
          placeholder: "ISO code, e.g. " + lang, "aria-label": label + " language",
          "data-testid": side + "-lang" })),
      h("label", { class: "block" }, "File ",
        h("input", { type: "file", name: side + "_file", accept: ".txt,text/plain",
          "aria-label": label + " file", "data-testid": side + "-file" })),
      h("label", { class: "block" }, "…or paste the text",
        h("textarea", { name: side + "_text", "aria-label": label + " text",
          "data-testid": side + "-text" })));
  }

  function submitForm() {
    var model = h("select", { name: "model", "aria-label": "Model", "data-testid": "model" },
      h("option", { value: "", text: "server default" }),
      MODELS.map(function (m) { return h("option", { value: m, text: m }); }));
    var error = h("p", { class: "err", role: "alert", "data-testid": "submit-error" });
    var form = h("form", { class: "submit", "data-testid": "submit-form", novalidate: true },
      sideFieldset("src", "Source", "ru"),
      sideFieldset("tgt", "Target", "en"),
      h("div", { class: "row" },
        h("label", {}, "Name ", h("input", { type: "text", name: "name", "aria-label": "Job name",
          placeholder: "optional" })),
        h("label", {}, "Model ", model),
        h("label", {}, h("input", { type: "checkbox", name: "presplit" }),
          " one sentence per line (presplit)"),
        h("button", { type: "submit", "data-testid": "submit-btn", text: "Align" })),
      h("div", { class: "row" }, error));
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      submitJob(form, error);
    });
    return form;
  }

  /** Build the request: multipart when a file was chosen (the other side may be pasted), else JSON. */
  function buildSubmission(form) {
    var f = form.elements;
    var sides = ["src", "tgt"].map(function (s) {
      var file = f.namedItem(s + "_file").files[0];
      return { file: file, text: f.namedItem(s + "_text").value,
        lang: f.namedItem(s + "_lang").value.trim() };
    });
    var problems = [];
    sides.forEach(function (s, i) {
      var name = i ? "target" : "source";
      if (!s.lang) problems.push("the " + name + " language is missing");
      if (!s.file && !s.text.trim()) problems.push("choose a " + name + " file or paste its text");
    });
    if (problems.length) return { error: problems.join("; ") };
    var name = f.namedItem("name").value.trim(), model = f.namedItem("model").value;
    var presplit = f.namedItem("presplit").checked;
    if (sides[0].file || sides[1].file) {
      var fd = new FormData();
      ["source", "target"].forEach(function (key, i) {
        var s = sides[i];
        if (s.file) fd.append(key, s.file, s.file.name);
        else fd.append(key, new Blob([s.text], { type: "text/plain" }), key + ".txt");
      });
      fd.append("src_lang", sides[0].lang);
      fd.append("tgt_lang", sides[1].lang);
      fd.append("presplit", presplit ? "true" : "false");
      if (model) fd.append("model", model);
      if (name) fd.append("name", name);
      return { body: fd };
    }
    var body = { source_text: sides[0].text, target_text: sides[1].text,
      src_lang: sides[0].lang, tgt_lang: sides[1].lang, presplit: presplit };
    if (model) body.model = model;
    if (name) body.name = name;
    return { body: body };
  }

  function submitJob(form, error) {
    error.textContent = "";
    var sub = buildSubmission(form);
    if (sub.error) { error.textContent = sub.error; return; }
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    setStatus("Submitting…");
    api("POST", "/api/jobs", sub.body).then(function (res) {
      button.disabled = false;
      if (res.status === 202 || res.ok) {
        setStatus("Job submitted.", "ok");
        clearInputs(form);
        refreshJobs();
      } else {
        var why = { 413: "File too large", 415: "Not a UTF-8 text file", 422: "Invalid input" };
        error.textContent = (why[res.status] ? why[res.status] + ": " : "") + detailOf(res);
        setStatus("");
      }
    });
  }

  /** After a submit, clear the texts, files and name but keep languages and model for the next pair. */
  function clearInputs(form) {
    ["src_text", "tgt_text", "name"].forEach(function (n) { form.elements.namedItem(n).value = ""; });
    ["src_file", "tgt_file"].forEach(function (n) { form.elements.namedItem(n).value = ""; });
  }

  /** Fetch the list; keep polling (1 s) while any job is queued or running. */
  function refreshJobs() {
    clearTimeout(listTimer);
    return api("GET", "/api/jobs").then(function (res) {
      var box = byId("jobs");
      if (!box) return; // navigated away
      if (!res.ok) {
        clear(box);
        append(box, h("p", { class: "err", text: "Could not load jobs: " + detailOf(res) }));
        listTimer = setTimeout(refreshJobs, 5000);
        return;
      }
      var jobs = Array.isArray(res.data) ? res.data : [];
      renderJobs(box, jobs);
      var active = jobs.some(function (j) { return j.status === "queued" || j.status === "running"; });
      if (active) listTimer = setTimeout(refreshJobs, 1000);
    });
  }

  function renderJobs(box, jobs) {
    clear(box);
    if (!jobs.length) {
      append(box, h("p", { class: "muted", text: "No jobs yet: submit a pair above." }));
      return;
    }
    var body = h("tbody");
    jobs.forEach(function (job) { body.appendChild(jobRow(job)); });
    append(box, h("table", { class: "jobs" },
      h("thead", {}, h("tr", {}, ["Name", "Languages", "Status", "Beads", "Confirmed", "Created", ""]
        .map(function (t) { return h("th", { scope: "col", text: t }); }))),
      body));
  }

  function jobRow(job) {
    var name = job.name || job.id;
    var progress = Math.max(0, Math.min(1, Number(job.progress) || 0));
    var status = h("td", { "data-testid": "job-status" }, String(job.status || "?"));
    if (job.status === "queued" || job.status === "running") {
      append(status, [" ", h("progress", { max: 1, value: progress,
        "aria-label": "Progress of " + name }), " " + Math.round(progress * 100) + "%"]);
    }
    var confirmed = job.confirmed === null || job.confirmed === undefined
      ? "—" : pctText(Number(job.confirmed));
    return h("tr", { "data-testid": "job-row", "data-id": job.id },
      h("td", {}, h("a", { href: "/jobs/" + encodeURIComponent(job.id), text: name })),
      h("td", { text: (job.src_lang || "?") + " → " + (job.tgt_lang || "?") }),
      status,
      h("td", { text: job.beads === null || job.beads === undefined ? "—" : String(job.beads) }),
      h("td", { text: confirmed }),
      h("td", { text: job.created ? new Date(job.created).toLocaleString() : "" }),
      h("td", {}, deleteButton(job, name)));
  }

  /** Two-step delete (no window.confirm, which blocks and is awkward to automate). */
  function deleteButton(job, name) {
    var armed = null;
    var button = h("button", { type: "button", class: "danger", text: "Delete",
      "aria-label": "Delete job " + name, "data-testid": "delete-btn" });
    button.addEventListener("click", function () {
      if (!armed) {
        button.textContent = "Really delete?";
        armed = setTimeout(function () { armed = null; button.textContent = "Delete"; }, 4000);
        return;
      }
      clearTimeout(armed);
      button.disabled = true;
      api("DELETE", jobUrl(job.id)).then(function (res) {
        if (res.ok || res.status === 404) setStatus("Deleted " + name + ".", "ok");
        else setStatus("Delete failed: " + detailOf(res), "err");
        refreshJobs();
      });
    });
    return button;
  }

  // ================================================================== review view (/jobs/{id})

  var state = null; // the review view's state; see reviewView()

  function reviewView(id) {
    state = {
      id: id, job: null, version: null, srcLang: "", tgtLang: "", beads: [],
      cur: 0, driftRank: -1, conflict: false, busy: 0, editSeq: 0,
      queue: Promise.resolve(), rows: [], ready: false,
      minDrift: 0, onlyFlagged: false, // the report's filter; kept across re-renders
    };
    var app = byId("app");
    clear(app);
    append(app, [
      h("p", {}, h("a", { href: "/", text: "← all jobs" })),
      h("h1", { id: "job-title", "data-testid": "job-title", text: "Job " + id }),
      h("div", { id: "job-state" }),
      h("div", { id: "review", hidden: true }),
    ]);
    document.addEventListener("keydown", onKey);
    window.addEventListener("resize", function () { if (state.ready) syncBarHeight(); });
    loadJob();
  }

  /** Poll the job until it is done, then load its beads. */
  function loadJob() {
    api("GET", jobUrl(state.id)).then(function (res) {
      var box = byId("job-state");
      clear(box);
      if (res.status === 404) {
        append(box, h("p", { class: "err", text: "No such job (it may have been deleted)." }));
        return;
      }
      if (!res.ok) {
        append(box, h("p", { class: "err", text: "Could not load the job: " + detailOf(res) }));
        setTimeout(loadJob, 3000);
        return;
      }
      var job = res.data;
      state.job = job;
      byId("job-title").textContent = "Review: " + (job.name || job.id);
      document.title = "driftalign: " + (job.name || job.id);
      if (job.status === "done") { loadBeads(); return; }
      if (job.status === "failed") {
        append(box, h("p", { class: "err", "data-testid": "job-error",
          text: "The job failed: " + (job.error || "unknown error") }));
        return;
      }
      var p = Math.max(0, Math.min(1, Number(job.progress) || 0));
      append(box, h("p", { "data-testid": "job-status" }, "Status: " + job.status + " ",
        h("progress", { max: 1, value: p, "aria-label": "Progress" }),
        " " + Math.round(p * 100) + "%"));
      setTimeout(loadJob, 1000);
    });
  }

  /** (Re)load every bead from the server: first load, and the conflict banner's Reload. */
  function loadBeads() {
    return api("GET", jobUrl(state.id, "/beads")).then(function (res) {
      if (res.status === 409) { setTimeout(loadJob, 1000); return; } // not done after all
      if (!res.ok) { setStatus("Could not load beads: " + detailOf(res), "err"); return; }
      state.version = res.data.version;
      state.srcLang = res.data.src_lang || (state.job && state.job.src_lang) || "";
      state.tgtLang = res.data.tgt_lang || (state.job && state.job.tgt_lang) || "";
      state.beads = res.data.beads || [];
      state.conflict = false;
      state.driftRank = -1;
      if (!state.ready) buildReview();
      state.ready = true;
      hideConflict();
      render();
      watchVersion();
    });
  }

  /** The static parts of the review view; render() fills in the changing ones. */
  function buildReview() {
    var box = byId("review");
    box.hidden = false;
    append(box, [
      h("ul", { class: "stats", id: "stats" }),
      h("div", { class: "banner", id: "conflict-banner", role: "alert", hidden: true,
        "data-testid": "conflict-banner" },
        h("span", { text: "Someone else changed this job; reload to see their changes." }),
        h("button", { type: "button", "data-testid": "reload-btn", text: "Reload",
          on: { click: function () { setStatus("Reloading…"); loadBeads().then(function () {
            setStatus("Reloaded the latest version.", "ok"); }); } } })),
      exportLinks(),
      h("figure", { class: "chart-box" },
        svgEl("svg", { class: "chart", id: "chart", role: "img", "aria-labelledby": "chart-title",
          preserveAspectRatio: "none", "data-testid": "drift-chart" }),
        h("figcaption", {}, "Drift along the document, one bar per bead (taller and redder = " +
          "more drift; dashed line = 0.5; on long documents a bar is the highest drift of " +
          "its stretch). Click a bar to go to its bead. ",
          h("span", { class: "key rt-key" }), " retranslated passage.")),
      filterControls(),
      toolbar(),
      h("div", { id: "split-panel", class: "split-panel", hidden: true, "data-testid": "split-panel" }),
      beadTable(),
      h("p", { class: "muted" }, "Press ", h("kbd", { text: "?" }), " for keyboard shortcuts."),
    ]);
    byId("chart").addEventListener("click", onChartClick);
  }

  /** The report's filter: minimum drift and only flagged beads (rows hidden, not removed). */
  function filterControls() {
    var min = h("input", { type: "range", id: "min-drift", min: "0", max: "1", step: "0.05",
      value: String(state.minDrift), "data-testid": "min-drift" });
    var out = h("output", { id: "min-drift-out", for: "min-drift", text: state.minDrift.toFixed(2) });
    var flagged = h("input", { type: "checkbox", id: "only-flagged", checked: state.onlyFlagged,
      "data-testid": "only-flagged" });
    min.addEventListener("input", function () {
      state.minDrift = parseFloat(min.value) || 0;
      out.textContent = state.minDrift.toFixed(2);
      applyFilter();
    });
    flagged.addEventListener("change", function () {
      state.onlyFlagged = flagged.checked;
      applyFilter();
    });
    return h("div", { id: "controls" },
      h("label", {}, "Minimum drift ", min, " ", out),
      h("label", {}, flagged, " Only flagged"),
      h("span", { id: "shown", "aria-live": "polite", "data-testid": "shown" }));
  }

  function passes(bead) {
    return clampDrift(bead.drift) >= state.minDrift - 1e-9 &&
      (!state.onlyFlagged || uniqueKinds(bead).length > 0);
  }

  /** Hide the beads the filter excludes, and passage headings left with no bead shown. */
  function applyFilter() {
    var shown = 0, group = null, any = false;
    var body = byId("bead-body");
    if (!body) return;
    Array.prototype.forEach.call(body.rows, function (row) {
      if (row.classList.contains("bead")) {
        var ok = passes(state.beads[Number(row.getAttribute("data-pos"))]);
        row.hidden = !ok;
        if (ok) { shown++; any = true; }
        return;
      }
      if (group) group.hidden = !any;
      group = row; any = false;
    });
    if (group) group.hidden = !any;
    var filtering = state.minDrift > 0 || state.onlyFlagged;
    byId("shown").textContent = filtering
      ? shown + " of " + state.beads.length + " beads shown" : "";
  }

  var SVG_NS = "http://www.w3.org/2000/svg";
  function svgEl(tag, attrs) {
    var node = document.createElementNS(SVG_NS, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
    for (var i = 2; i < arguments.length; i++) if (arguments[i]) node.appendChild(arguments[i]);
    return node;
  }

  var MAX_BARS = 2000; // beyond this, one bar per stretch of beads (its highest drift)

  /** The drift-along-the-document chart of report.html, drawn from the current beads. */
  function renderChart() {
    var svg = byId("chart");
    if (!svg) return;
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    var beads = state.beads, n = beads.length;
    var per = Math.max(1, Math.ceil(n / MAX_BARS)), bars = Math.max(1, Math.ceil(n / per));
    svg.setAttribute("viewBox", "0 0 " + bars + " 100");
    var title = svgEl("title", { id: "chart-title" });
    title.textContent = "Drift along the document";
    svg.appendChild(title);
    var run = -1;
    for (var i = 0; i <= bars; i++) {
      var b = i < bars ? beads[i * per] : null;
      var rt = !!(b && b.passage && b.passage.retranslated);
      if (rt && run < 0) run = i;
      if (!rt && run >= 0) {
        svg.appendChild(svgEl("rect", { class: "rt", x: run, y: 0, width: i - run, height: 100 }));
        run = -1;
      }
    }
    svg.appendChild(svgEl("line", { x1: 0, y1: 50, x2: bars, y2: 50,
      "vector-effect": "non-scaling-stroke" }));
    for (var k = 0; k < bars; k++) {
      var top = k * per, d = -1, flags = [];
      for (var j = k * per; j < Math.min(n, (k + 1) * per); j++) {
        var dj = clampDrift(beads[j].drift);
        if (dj > d) { d = dj; top = j; flags = beads[j].flags || []; }
      }
      var ht = Math.max(d * 100, 1.5);
      var tip = svgEl("title");
      tip.textContent = "#" + (top + 1) + ": drift " + d.toFixed(2) +
        (flags.length ? " (" + flags.join(", ") + ")" : "");
      var bar = svgEl("rect", { class: "bar d" + Math.round(d * BINS), x: k, y: (100 - ht).toFixed(1),
        width: 0.9, height: ht.toFixed(1), "data-pos": top }, tip);
      svg.appendChild(svgEl("a", { href: "#b" + (top + 1), "data-pos": top }, bar));
    }
  }

  function onChartClick(ev) {
    var a = ev.target.closest && ev.target.closest("a[data-pos]");
    if (!a) return;
    ev.preventDefault();
    var pos = Number(a.getAttribute("data-pos"));
    if (state.rows[pos] && state.rows[pos].hidden) {
      setStatus("Bead " + (pos + 1) + " is hidden by the filter; showing every bead.");
      state.minDrift = 0; state.onlyFlagged = false;
      byId("min-drift").value = "0"; byId("min-drift-out").textContent = "0.00";
      byId("only-flagged").checked = false;
      applyFilter();
    }
    setCurrent(pos, true);
  }

  function exportLinks() {
    return h("div", { class: "exports" }, "Export the reviewed alignment: ",
      EXPORT_FORMATS.map(function (fmt) {
        return h("a", { class: "btn", href: jobUrl(state.id, "/export?format=" + fmt), download: true,
          "data-testid": "export-" + fmt, text: fmt.toUpperCase(),
          "aria-label": "Export as " + fmt.toUpperCase() });
      }));
  }

  // Every action, once: keyboard shortcuts and toolbar buttons both call these.
  var ACTIONS = {
    prev: { label: "Previous bead", keys: ["k", "↑"], run: function () { move(-1); } },
    next: { label: "Next bead", keys: ["j", "↓"], run: function () { move(1); } },
    prevDrift: { label: "Previous most drifted", keys: ["p"], run: function () { drifted(-1); } },
    nextDrift: { label: "Next most drifted", keys: ["n"], run: function () { drifted(1); } },
    unconfirmed: { label: "Next unconfirmed", keys: ["u"], run: nextUnconfirmed },
    confirm: { label: "Toggle confirmed", keys: ["c"], run: toggleConfirmed, testid: "confirm-btn" },
    merge: { label: "Merge with next", keys: ["m"], run: mergeCurrent, testid: "merge-btn" },
    split: { label: "Split…", keys: ["S"], run: openSplit, testid: "split-btn",
      help: "Split the bead, choosing where" },
    splitDefault: { label: "Split after first sentences", keys: ["s"], run: splitDefault,
      toolbar: false, help: "Split after the first source and first target sentence" },
    tgtPrev: { label: "Target first → previous", keys: ["["], testid: "shift-tgt-prev",
      help: "Move the first target sentence to the previous bead",
      run: function () { shift("tgt", "prev"); } },
    tgtNext: { label: "Target last → next", keys: ["]"], testid: "shift-tgt-next",
      help: "Move the last target sentence to the next bead",
      run: function () { shift("tgt", "next"); } },
    srcPrev: { label: "Source first → previous", keys: ["{", "shift+["], testid: "shift-src-prev",
      help: "Move the first source sentence to the previous bead",
      run: function () { shift("src", "prev"); } },
    srcNext: { label: "Source last → next", keys: ["}", "shift+]"], testid: "shift-src-next",
      help: "Move the last source sentence to the next bead",
      run: function () { shift("src", "next"); } },
    note: { label: "Edit note", keys: ["e"], run: focusNote, testid: "note-btn" },
    rescore: { label: "Rescore", keys: ["r"], run: rescoreCurrent, testid: "rescore-btn" },
    undo: { label: "Undo", keys: ["ctrl+z"], run: undo, testid: "undo-btn" },
    help: { label: "Keys", keys: ["?"], run: toggleHelp, testid: "help-btn",
      help: "Show or hide this list" },
  };

  function toolbar() {
    var groups = [["prev", "next", "prevDrift", "nextDrift", "unconfirmed"],
      ["confirm", "note", "rescore"], ["merge", "split", "tgtPrev", "tgtNext", "srcPrev", "srcNext"],
      ["undo", "help"]];
    var bar = h("div", { class: "toolbar", role: "toolbar", "aria-label": "Bead actions" },
      h("span", { class: "cur", id: "current-label", "data-testid": "current-label" }));
    groups.forEach(function (group, i) {
      if (i) append(bar, h("span", { class: "sep", "aria-hidden": "true" }));
      group.forEach(function (name) {
        var a = ACTIONS[name];
        append(bar, h("button", { type: "button", text: a.label,
          title: (a.help || a.label) + " (" + a.keys.join(" / ") + ")",
          "aria-keyshortcuts": a.keys.map(ariaKey).join(" "),
          "data-testid": a.testid || "action-" + name,
          on: { click: function () { a.run(); } } }));
      });
    });
    return bar;
  }

  /** A key as written in the help ("ctrl+z", "↑") in aria-keyshortcuts syntax ("Control+Z"). */
  function ariaKey(k) {
    var named = { "↑": "ArrowUp", "↓": "ArrowDown", "ctrl+z": "Control+Z" };
    return named[k] || k.replace(/^shift\+/, "Shift+");
  }

  function beadTable() {
    var body = h("tbody", { id: "bead-body" });
    // One delegated listener per event rather than per row: documents can have 30,000 beads.
    body.addEventListener("click", onTableClick);
    body.addEventListener("change", onTableChange);
    body.addEventListener("keydown", onNoteKey);
    return h("table", { id: "beads", class: "beads", "data-testid": "bead-table" },
      h("caption", { text: "Beads side by side: source, target, drift (0 = faithful, 1 = unrelated or " +
        "missing), similarity and flags. Click a row or use j/k to choose the current bead." }),
      h("colgroup", {}, h("col", { class: "c-n" }), h("col"), h("col"), h("col", { class: "c-d" }),
        h("col", { class: "c-s" }), h("col", { class: "c-f" }), h("col", { class: "c-c" }),
        h("col", { class: "c-note" })),
      h("thead", {}, h("tr", {}, [
        h("th", { scope: "col", text: "#" }),
        h("th", { scope: "col", id: "src-head", text: "Source" }),
        h("th", { scope: "col", id: "tgt-head", text: "Target" }),
        h("th", { scope: "col", text: "Drift" }),
        h("th", { scope: "col", text: "Similarity" }),
        h("th", { scope: "col", text: "Flags" }),
        h("th", { scope: "col", text: "Confirmed" }),
        h("th", { scope: "col", text: "Note" }),
      ])),
      body);
  }

  // ------------------------------------------------------------------ rendering

  /** Re-render everything that depends on the beads (after load and after every edit). */
  function render() {
    state.cur = Math.max(0, Math.min(state.cur, state.beads.length - 1));
    renderStats();
    renderChart();
    renderRows();
    applyFilter();
    keepSplit();
    setCurrent(state.cur, false);
    syncBarHeight();
  }

  function renderStats() {
    var beads = state.beads;
    var drifts = beads.map(function (b) { return clampDrift(b.drift); });
    var mean = drifts.length ? drifts.reduce(function (a, b) { return a + b; }, 0) / drifts.length : 0;
    var flagged = beads.filter(function (b) { return (b.flags || []).length > 0; }).length;
    var pct = confirmedPct(beads);
    var nConf = beads.filter(function (b) { return b.confirmed; }).length;
    var stats = byId("stats");
    clear(stats);
    append(stats, [
      h("li", {}, h("b", { text: String(beads.length) }), "beads"),
      h("li", {}, h("b", { text: mean.toFixed(3) }), "mean drift"),
      h("li", {}, h("b", { text: String(flagged) }), "flagged"),
      h("li", {}, h("b", { class: "pct", "data-testid": "confirmed-pct", "data-value": pct.toFixed(2),
        text: pctText(pct) }), "confirmed (" + nConf + " of " + beads.length + ") ",
        h("progress", { max: 100, value: pct, "aria-label": "Share of beads confirmed" })),
      h("li", { class: "muted" }, "version ", h("b", { "data-testid": "version", text: String(state.version) })),
    ]);
    byId("src-head").textContent = "Source (" + state.srcLang + ")";
    byId("tgt-head").textContent = "Target (" + state.tgtLang + ")";
  }

  function renderRows() {
    var body = byId("bead-body");
    var frag = document.createDocumentFragment();
    var previous = {}; // a sentinel no passage id equals
    state.rows = [];
    state.beads.forEach(function (bead, pos) {
      var p = bead.passage;
      var key = p ? p.id : null;
      if (p && key !== previous) frag.appendChild(passageRow(p));
      previous = key;
      var row = beadRow(bead, pos);
      state.rows.push(row);
      frag.appendChild(row);
    });
    clear(body);
    body.appendChild(frag);
  }

  function passageRow(p) {
    var num = typeof p.index === "number" ? p.index + 1 : Number(String(p.id).replace(/\D/g, "")) + 1;
    var th = h("th", { colspan: 8 }, "Passage " + (isNaN(num) ? p.id : num));
    if (p.speaker) append(th, [" · ", h("span", { dir: "auto", text: p.speaker })]);
    if (p.retranslated) {
      append(th, [" ", h("span", { class: "badge rt", title: p.marker || null, text: "retranslated",
        "data-testid": "retranslated-badge" })]);
    }
    return h("tr", { class: "group", "data-passage": p.id }, th);
  }

  function beadRow(bead, pos) {
    var d = clampDrift(bead.drift);
    var kinds = uniqueKinds(bead);
    var row = h("tr", { id: "b" + (pos + 1), class: "bead" + (kinds.length ? " flagged" : "") +
        (bead.confirmed ? " confirmed" : ""),
      "data-testid": "bead-row", "data-index": bead.index, "data-pos": pos,
      "data-drift": d.toFixed(4), "data-confirmed": bead.confirmed ? "1" : "0" });
    var sim = bead.similarity === null || bead.similarity === undefined
      ? "—" : Number(bead.similarity).toFixed(3);
    append(row, [
      h("td", { class: "n", text: String(pos + 1) }),
      textCell(bead, "src", state.srcLang, "not in source (addition)"),
      textCell(bead, "tgt", state.tgtLang, "not in target (omission)"),
      h("td", { class: "drift d" + Math.round(d * BINS), "data-testid": "drift" },
        h("span", { class: "num", text: d.toFixed(2) }),
        meter(d)),
      h("td", { class: "sim", text: sim }),
      h("td", { class: "flags" }, kinds.map(function (k) {
        return h("span", { class: "badge f-" + cssName(k), "data-testid": "flag", text: k });
      }), reasonList(bead)),
      h("td", { class: "conf" }, h("input", { type: "checkbox", checked: !!bead.confirmed,
        "aria-label": "Confirmed: bead " + (pos + 1), "data-testid": "confirm-toggle" })),
      h("td", { class: "note" }, h("input", { type: "text", value: bead.note || "",
        "aria-label": "Note for bead " + (pos + 1), "data-testid": "note-input",
        placeholder: "note" })),
    ]);
    return row;
  }

  function meter(d) {
    var fill = h("i");
    fill.style.width = Math.round(d * 100) + "%"; // CSSOM, allowed by the CSP
    return h("span", { class: "meter", "aria-hidden": "true" }, fill);
  }

  /** Each reason's detail, visible under the badges (as report.html lists them). */
  function reasonList(bead) {
    var items = (bead.reasons || []).filter(function (r) {
      return r && typeof r === "object" && r.detail;
    }).map(function (r) {
      return h("li", { "data-testid": "reason-detail" }, h("b", { text: String(r.type || "") }),
        ": ", h("span", { dir: "auto", text: String(r.detail) }));
    });
    return items.length ? h("ul", { class: "reasons" }, items) : null;
  }

  /** Flags plus reason types, de-duplicated in order (as the report shows them). */
  function uniqueKinds(bead) {
    var out = [];
    (bead.flags || []).concat((bead.reasons || []).map(function (r) {
      return r && typeof r === "object" ? r.type : null;
    })).forEach(function (k) {
      if (k && out.indexOf(String(k)) < 0) out.push(String(k));
    });
    return out;
  }

  function textCell(bead, side, lang, missing) {
    var ids = bead[side] || [];
    var text = bead[side + "_text"] || "";
    if (!ids.length && !text) {
      return h("td", { class: "txt", "data-testid": side + "-text" },
        h("span", { class: "none", lang: "en", dir: "ltr", text: missing }));
    }
    var td = h("td", Object.assign({ class: "txt", "data-testid": side + "-text" }, langAttrs(lang)));
    append(td, highlight(text, reasonSpans(bead, side)));
    return td;
  }

  /** [start, end, detail] spans the reasons give for one side (character offsets). */
  function reasonSpans(bead, side) {
    var found = [];
    (bead.reasons || []).forEach(function (r) {
      var span = r && typeof r === "object" ? r[side] : null;
      if (Array.isArray(span) && span.length === 2 && Number.isInteger(span[0]) &&
          Number.isInteger(span[1])) {
        found.push([span[0], span[1], String(r.detail || r.type || "")]);
      }
    });
    return found;
  }

  /** Text nodes with <mark> around reason spans; overlaps merged, out-of-range spans dropped. */
  function highlight(text, spans) {
    var merged = [];
    spans.filter(function (s) { return s[0] >= 0 && s[0] < s[1] && s[1] <= text.length; })
      .sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; })
      .forEach(function (s) {
        var last = merged[merged.length - 1];
        if (last && s[0] < last[1]) {
          last[1] = Math.max(last[1], s[1]);
          if (last[2].split("; ").indexOf(s[2]) < 0) last[2] += "; " + s[2];
        } else merged.push(s.slice());
      });
    var out = [], pos = 0;
    merged.forEach(function (s) {
      out.push(text.slice(pos, s[0]));
      out.push(h("mark", { class: "reason", title: s[2], text: text.slice(s[0], s[1]) }));
      pos = s[1];
    });
    out.push(text.slice(pos));
    return out.filter(function (x) { return x !== ""; });
  }

  // ------------------------------------------------------------------ navigation

  function setCurrent(pos, scroll) {
    if (!state.beads.length) {
      byId("current-label").textContent = "No beads";
      return;
    }
    pos = Math.max(0, Math.min(pos, state.beads.length - 1));
    var old = state.rows[state.cur];
    if (old) { old.classList.remove("current"); old.removeAttribute("aria-current"); }
    state.cur = pos;
    var row = state.rows[pos];
    row.classList.add("current");
    row.setAttribute("aria-current", "true");
    byId("current-label").textContent = "Bead " + (pos + 1) + " of " + state.beads.length;
    if (scroll) row.scrollIntoView({ block: "nearest" });
    var panel = byId("split-panel");
    if (panel && !panel.hidden && panel.getAttribute("data-pos") !== String(pos)) closeSplit();
  }

  /** The table header sticks below the (sticky, possibly wrapped) toolbar: tell CSS its height. */
  function syncBarHeight() {
    var bar = document.querySelector(".toolbar");
    if (bar) document.documentElement.style.setProperty("--bar-h", bar.offsetHeight + "px");
  }

  /** j/k: the next or previous bead the filter shows. */
  function move(step) {
    var pos = state.cur + step;
    while (pos >= 0 && pos < state.rows.length && state.rows[pos].hidden) pos += step;
    if (pos < 0 || pos >= state.rows.length) return;
    setCurrent(pos, true);
  }

  /** Positions by descending drift; Array.sort is stable, so ties keep document order. */
  function driftOrder() {
    return state.beads.map(function (b, i) { return i; }).sort(function (a, b) {
      return clampDrift(state.beads[b].drift) - clampDrift(state.beads[a].drift);
    });
  }

  /** n / p walk a cycle through the beads from most to least drifted. */
  function drifted(step) {
    var order = driftOrder();
    if (!order.length) return;
    var rank = state.driftRank < 0 && step < 0 ? 0 : state.driftRank;
    state.driftRank = (((rank + step) % order.length) + order.length) % order.length;
    var pos = order[state.driftRank];
    setCurrent(pos, true);
    setStatus("Drift rank " + (state.driftRank + 1) + " of " + order.length + " (drift " +
      clampDrift(state.beads[pos].drift).toFixed(2) + ")");
  }

  function nextUnconfirmed() {
    var n = state.beads.length;
    for (var k = 1; k <= n; k++) {
      var pos = (state.cur + k) % n;
      if (!state.beads[pos].confirmed) { setCurrent(pos, true); return; }
    }
    setStatus("Every bead is confirmed.", "ok");
  }

  function focusNote() {
    var row = state.rows[state.cur];
    var input = row && row.querySelector("td.note input");
    if (input) { input.focus(); input.select(); }
  }

  function onTableClick(ev) {
    var row = ev.target.closest("tr.bead");
    if (row) setCurrent(Number(row.getAttribute("data-pos")), false);
  }

  function onTableChange(ev) {
    var row = ev.target.closest("tr.bead");
    if (!row) return;
    var pos = Number(row.getAttribute("data-pos"));
    var bead = state.beads[pos];
    if (ev.target.type === "checkbox") {
      var checked = ev.target.checked;
      edit(beadRef(bead), function (k) { return { op: "confirm", bead: k, confirmed: checked }; });
    } else if (ev.target.closest("td.note") && ev.target.value !== (bead.note || "")) {
      var text = ev.target.value;
      edit(beadRef(bead), function (k) { return { op: "note", bead: k, text: text }; });
    }
  }

  /** Enter saves a note (blur fires change), Escape abandons it. */
  function onNoteKey(ev) {
    if (!ev.target.closest("td.note")) return;
    if (ev.key === "Enter") { ev.preventDefault(); ev.target.blur(); }
    else if (ev.key === "Escape") {
      var row = ev.target.closest("tr.bead");
      ev.target.value = state.beads[Number(row.getAttribute("data-pos"))].note || "";
      ev.target.blur();
    }
  }

  // ------------------------------------------------------------------ keyboard

  function isTyping(t) {
    if (!t || !t.tagName) return false;
    if (t.isContentEditable || t.tagName === "TEXTAREA" || t.tagName === "SELECT") return true;
    return t.tagName === "INPUT" && ["checkbox", "radio", "button", "submit"].indexOf(t.type) < 0;
  }

  /** Map a keydown to an action name (or null). Brackets also go by e.code for non-US layouts. */
  function keyAction(e) {
    var byKey = { j: "next", ArrowDown: "next", k: "prev", ArrowUp: "prev", n: "nextDrift",
      p: "prevDrift", u: "unconfirmed", c: "confirm", m: "merge", s: "splitDefault", S: "split",
      "[": "tgtPrev", "]": "tgtNext", "{": "srcPrev", "}": "srcNext", e: "note", r: "rescore",
      "?": "help" };
    if (e.key === "[" || e.key === "]") {
      var side = e.shiftKey ? "src" : "tgt";
      return side + (e.key === "[" ? "Prev" : "Next");
    }
    if (byKey[e.key]) return byKey[e.key];
    if (e.code === "BracketLeft") return e.shiftKey ? "srcPrev" : "tgtPrev";
    if (e.code === "BracketRight") return e.shiftKey ? "srcNext" : "tgtNext";
    return null;
  }

  function onKey(e) {
    if (!state || !state.ready) return;
    var typing = isTyping(e.target);
    if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && (e.key === "z" || e.key === "Z")) {
      if (typing) return; // let text fields keep their own undo
      e.preventDefault();
      undo();
      return;
    }
    if (e.key === "Escape") { closeHelp(); closeSplit(); return; }
    if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
    if (byId("help-overlay") && e.key !== "?") return; // the overlay is modal
    var name = keyAction(e);
    if (!name) return;
    e.preventDefault(); // arrows must not scroll, "e" must not type into the note it focuses
    ACTIONS[name].run();
  }

  // ------------------------------------------------------------------ edits

  /**
   * Queue an edit. `ref()` finds the bead's index at send time (earlier queued edits may have
   * renumbered the beads) and `build(index)` makes the op. Edits go one at a time, each with
   * the version the previous one returned.
   */
  function edit(ref, build) {
    state.queue = state.queue.then(function () { return sendEdit(ref, build); })
      .catch(function (err) { // keep the queue alive after a bug or a dropped connection
        state.busy = 0;
        setStatus("Edit failed: " + err.message, "err");
      });
    return state.queue;
  }

  /** The current bead, resolved when the edit is sent. */
  function currentRef() {
    return function () {
      var b = state.beads[state.cur];
      return b ? b.index : null;
    };
  }

  /** A specific bead (by its sentences), resolved when the edit is sent. */
  function beadRef(bead) {
    var key = beadKey(bead);
    return function () {
      for (var i = 0; i < state.beads.length; i++) {
        if (beadKey(state.beads[i]) === key) return state.beads[i].index;
      }
      return null;
    };
  }

  function beadKey(b) { return (b.src || []).join(",") + "|" + (b.tgt || []).join(","); }

  function sendEdit(ref, build) {
    if (state.conflict) {
      setStatus("Reload first: this job was changed elsewhere.", "err");
      render(); // undo any optimistic checkbox / note change
      return Promise.resolve();
    }
    var k = ref ? ref() : null;
    if (ref && (k === null || k === undefined)) {
      setStatus("That bead changed before the edit was sent; nothing done.", "err");
      render();
      return Promise.resolve();
    }
    var op = build(k);
    if (!op) return Promise.resolve();
    op.base_version = state.version;
    state.busy++;
    state.editSeq++;
    setStatus("Saving…");
    return api("POST", jobUrl(state.id, "/edits"), op).then(function (res) {
      state.busy--;
      if (res.status === 200 && res.data && Array.isArray(res.data.beads)) {
        state.version = res.data.version;
        state.beads = res.data.beads;
        render();
        setStatus(describe(op) + " (version " + state.version + ").", "ok");
      } else if (res.status === 409) {
        showConflict();
        render();
      } else {
        setStatus("Edit refused: " + detailOf(res), "err");
        render();
      }
    });
  }

  function describe(op) {
    var n = op.bead === undefined ? "" : " bead " + (positionOf(op.bead) + 1);
    switch (op.op) {
      case "merge": return "Merged" + n + " with the next";
      case "split": return "Split" + n;
      case "shift": return "Moved a " + (op.side === "src" ? "source" : "target") + " sentence of" + n;
      case "confirm": return (op.confirmed ? "Confirmed" : "Unconfirmed") + n;
      case "note": return "Saved the note on" + n;
      case "rescore": return "Rescored" + n;
      case "undo": return "Undid the last edit";
      default: return "Saved";
    }
  }

  function positionOf(index) {
    for (var i = 0; i < state.beads.length; i++) if (state.beads[i].index === index) return i;
    return index;
  }

  function showConflict() {
    state.conflict = true;
    byId("conflict-banner").hidden = false;
    setStatus("Edit not saved: the job changed elsewhere.", "err");
  }

  function hideConflict() {
    var banner = byId("conflict-banner");
    if (banner) banner.hidden = true;
  }

  /**
   * Notice edits made elsewhere (another tab or reviewer) without waiting for our next edit
   * to bounce: poll the job's version while idle. Responses that overlap one of our own
   * edits are ignored, since that edit may be what changed the version.
   */
  function watchVersion() {
    clearTimeout(state.watchTimer);
    state.watchTimer = setTimeout(function () {
      if (state.busy || state.conflict) { watchVersion(); return; }
      var seq = state.editSeq;
      api("GET", jobUrl(state.id)).then(function (res) {
        if (res.ok && !state.busy && seq === state.editSeq && typeof res.data.version === "number" &&
            res.data.version > state.version) {
          showConflict();
        }
        watchVersion();
      });
    }, 10000);
  }

  function toggleConfirmed() {
    var b = state.beads[state.cur];
    if (!b) return;
    var want = !b.confirmed;
    edit(beadRef(b), function (k) { return { op: "confirm", bead: k, confirmed: want }; });
  }

  function mergeCurrent() {
    if (state.cur >= state.beads.length - 1) {
      setStatus("The last bead has no next bead to merge with.");
      return;
    }
    edit(currentRef(), function (k) { return { op: "merge", bead: k }; });
  }

  function shift(side, direction) {
    var b = state.beads[state.cur];
    if (!b) return;
    // Refuse the obvious no-ops here; the server still validates everything (400).
    var problem = !(b[side] || []).length
      ? "This bead has no " + (side === "src" ? "source" : "target") + " sentence to move."
      : direction === "prev" && state.cur === 0 ? "The first bead has no previous bead."
        : direction === "next" && state.cur === state.beads.length - 1
          ? "The last bead has no next bead." : null;
    if (problem) { setStatus(problem); return; }
    edit(currentRef(), function (k) {
      return { op: "shift", bead: k, side: side, direction: direction };
    });
  }

  function rescoreCurrent() {
    edit(currentRef(), function (k) { return { op: "rescore", bead: k }; });
  }

  function undo() {
    edit(null, function () { return { op: "undo" }; });
  }

  // ------------------------------------------------------------------ split

  /** A split is useful only when both parts keep at least one sentence. */
  function splitProblem(b, i, j) {
    var n = (b.src || []).length, m = (b.tgt || []).length;
    if (i < 0 || j < 0 || i > n || j > m) {
      return "choose 0–" + n + " source and 0–" + m + " target sentences";
    }
    if (i === 0 && j === 0) return "the first part would be empty";
    if (i === n && j === m) return "the second part would be empty";
    return null;
  }

  function splitDefault() {
    var b = state.beads[state.cur];
    if (!b) return;
    var i = Math.min(1, (b.src || []).length), j = Math.min(1, (b.tgt || []).length);
    if (splitProblem(b, i, j)) {
      setStatus("Nothing to split: this bead has at most one sentence per side.");
      return;
    }
    doSplit(b, i, j);
  }

  function doSplit(bead, i, j) {
    edit(beadRef(bead), function (k) { return { op: "split", bead: k, src_at: i, tgt_at: j }; });
  }

  /**
   * Sentences are joined with spaces in src_text / tgt_text, so the UI can only guess where
   * they break; the guess is shown as a preview only when it finds exactly the right count.
   */
  function guessSentences(text, n) {
    if (n <= 1) return n === 1 ? [text] : [];
    var parts = text.split(/(?<=[.!?…。！？؟])\s+/);
    return parts.length === n ? parts : null;
  }

  function openSplit() {
    var panel = byId("split-panel");
    var b = state.beads[state.cur];
    if (!b) return;
    var n = (b.src || []).length, m = (b.tgt || []).length;
    clear(panel);
    panel.hidden = false;
    panel.setAttribute("data-pos", String(state.cur));
    panel.setAttribute("data-key", beadKey(b));
    var srcAt = h("input", { type: "number", min: 0, max: n, value: String(Math.min(1, n)),
      "aria-label": "Source sentences in the first part", "data-testid": "split-src-at" });
    var tgtAt = h("input", { type: "number", min: 0, max: m, value: String(Math.min(1, m)),
      "aria-label": "Target sentences in the first part", "data-testid": "split-tgt-at" });
    var preview = h("div", { class: "muted", "data-testid": "split-preview" });
    var go = h("button", { type: "button", "data-testid": "split-confirm", text: "Split here" });
    function update() {
      var i = Number(srcAt.value), j = Number(tgtAt.value);
      var problem = splitProblem(b, i, j);
      go.disabled = !!problem;
      clear(preview);
      if (problem) { preview.textContent = problem; return; }
      var s = guessSentences(b.src_text || "", n), t = guessSentences(b.tgt_text || "", m);
      if (s && t) {
        append(preview, ["First part: ",
          h("q", langAttrs(state.srcLang), s.slice(0, i).join(" ")), " / ",
          h("q", langAttrs(state.tgtLang), t.slice(0, j).join(" "))]);
      }
    }
    function submit() {
      var i = Number(srcAt.value), j = Number(tgtAt.value);
      if (splitProblem(b, i, j)) return;
      closeSplit();
      doSplit(b, i, j);
    }
    [srcAt, tgtAt].forEach(function (input) {
      input.addEventListener("input", update);
      input.addEventListener("keydown", function (ev) {
        if (ev.key === "Enter") { ev.preventDefault(); submit(); }
      });
    });
    go.addEventListener("click", submit);
    append(panel, [
      h("strong", { text: "Split bead " + (state.cur + 1) + ":" }),
      h("label", {}, "first part keeps ", srcAt, " of " + n + " source"),
      h("label", {}, "and ", tgtAt, " of " + m + " target sentences"),
      go,
      h("button", { type: "button", text: "Cancel", "data-testid": "split-cancel",
        on: { click: closeSplit } }),
      preview,
    ]);
    update();
    srcAt.focus();
  }

  /** After a render, keep the split control only if its bead is still there unchanged. */
  function keepSplit() {
    var panel = byId("split-panel");
    if (!panel || panel.hidden) return;
    var b = state.beads[state.cur];
    if (!b || panel.getAttribute("data-key") !== beadKey(b)) closeSplit();
  }

  function closeSplit() {
    var panel = byId("split-panel");
    if (panel && !panel.hidden) { panel.hidden = true; clear(panel); }
  }

  // ------------------------------------------------------------------ help overlay

  function toggleHelp() { if (byId("help-overlay")) closeHelp(); else openHelp(); }

  function openHelp() {
    var rows = Object.keys(ACTIONS).map(function (name) {
      var a = ACTIONS[name];
      return h("tr", {},
        h("td", {}, a.keys.map(function (k, i) { return [i ? " / " : "", h("kbd", { text: k })]; })),
        h("td", { text: a.help || a.label }));
    });
    rows.push(h("tr", {}, h("td", {}, h("kbd", { text: "Esc" })),
      h("td", { text: "Close this help or the split control" })));
    var close = h("button", { type: "button", text: "Close", "data-testid": "help-close",
      on: { click: closeHelp } });
    var overlay = h("div", { id: "help-overlay", class: "overlay", "data-testid": "help-overlay",
      on: { click: function (ev) { if (ev.target === overlay) closeHelp(); } } },
      h("div", { class: "dialog", role: "dialog", "aria-modal": "true",
        "aria-labelledby": "help-title" },
        h("h2", { id: "help-title", text: "Keyboard shortcuts" }),
        h("p", { text: "Shortcuts act on the current (outlined) bead; click a row to choose it. " +
          "They are off while typing in a field." }),
        h("table", {}, h("tbody", {}, rows)),
        close));
    state.helpReturn = document.activeElement;
    document.body.appendChild(overlay);
    close.focus({ preventScroll: true }); // keep the dialog's title in view
  }

  function closeHelp() {
    var overlay = byId("help-overlay");
    if (!overlay) return;
    overlay.remove();
    if (state.helpReturn && state.helpReturn.focus) state.helpReturn.focus();
  }

  // ================================================================== start

  function start() {
    var m = location.pathname.match(/^\/jobs\/([^/]+)\/?$/);
    if (m) reviewView(decodeURIComponent(m[1]));
    else jobListView();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
