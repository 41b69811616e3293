// The Map page's timeline, drawn as SVG in the map's frame (static/index.html) from the document
// geo/map/timeline.py makes: incidents by group over time (a bar per incident spanning the
// uncertainty of its date, or counts per week past 1,500 incidents), or deaths per day or week.
// A range dragged on it (the brush) is handed to opts.onBrush as [first day, last day] ("YYYY-MM-DD"),
// a click without a drag clears it (null); the page makes it the view's date filter.
// (It replaces a Vega-Lite chart, whose bundle, loaded with the map, delayed the map's drawing.)
// Every text is set with textContent: group names and places never become markup.
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg", DAY_MS = 86400000;
  var MEASURES = [["incidents", "Incidents"], ["deaths", "Deaths"]];
  var OPACITY = {1: 1, 2: 0.55, 3: 0.3};  // by the precision of the date, as the map's dashed rings
  var MEASURE_KEY = "incident-map-timeline-measure";  // the measure chosen stays for this tab

  function node(tag, attrs, parent, text) {
    var e = document.createElementNS(NS, tag);
    for (var k in attrs) { e.setAttribute(k, attrs[k]); }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (parent) { parent.appendChild(e); }
    return e;
  }
  function tip(e, text) { node("title", {}, e, text); return e; }
  function iso(day) { return new Date(day * DAY_MS).toISOString().slice(0, 10); }
  function dayOf(text) { return Math.round(Date.parse(text + "T00:00:00Z") / DAY_MS); }
  function colourOf(c) { return /^#[0-9a-fA-F]{6}$/.test(c) ? c : "#7f7f7f"; }
  function cut(text, chars) { return text.length > chars ? text.slice(0, chars - 1) + "…" : text; }
  // text in lines of at most chars, broken between words (a word longer than a line is cut); at most
  // most lines, the last cut when the text is longer. A name is shown whole where it fits in them.
  function wrap(text, chars, most) {
    var lines = [], line = "";
    text.split(/\s+/).forEach(function (word) {
      if (!word) { return; }
      if (line && (line + " " + word).length > chars) { lines.push(line); line = word; }
      else { line = line ? line + " " + word : word; }
    });
    if (line) { lines.push(line); }
    if (lines.length > most) { lines = lines.slice(0, most - 1).concat([lines.slice(most - 1).join(" ")]); }
    return lines.map(function (l, k) { return cut(l, chars) + (k < lines.length - 1 ? " " : ""); });
  }
  // A text element of lines (tspans, each line's height apart; the first at the element's y).
  function lines(e, parts, x, height) {
    parts.forEach(function (part, k) { node("tspan", {x: x, dy: k ? height : 0}, e, part); });
    return e;
  }
  function num(n) { return Number(n).toLocaleString("en"); }

  // Ticks for days [d0, d1) at least 80 px apart: days, weeks (Mondays), or months (their first day).
  function ticks(d0, d1, width) {
    var want = Math.max(2, Math.floor(width / 80)), span = d1 - d0, out = [], d;
    var dayStep = [1, 2, 3, 7, 14].filter(function (s) { return span / s <= want; })[0];
    if (dayStep) {
      d = dayStep >= 7 ? d0 + (7 - (d0 + 3) % 7) % 7 : d0;  // weeks from the first Monday (day 0 was a Thursday)
      for (; d < d1; d += dayStep) { out.push(d); }
      return out;
    }
    var months = [1, 2, 3, 6, 12, 24, 60].filter(function (m) { return span / (30.4 * m) <= want; })[0] || 120;
    var first = new Date(d0 * DAY_MS), y = first.getUTCFullYear(), m = first.getUTCMonth();
    m = months >= 12 ? 0 : m - m % months;  // months on multiples of the step; years from January
    for (var k = 0; k < 400; k++) {
      d = Math.round(Date.UTC(y, m + k * months, 1) / DAY_MS);
      if (d >= d1) { break; }
      if (d >= d0) { out.push(d); }
    }
    return out;
  }
  // A round maximum for a count axis, and its ticks (0, half, max).
  function niceMax(v) {
    if (v <= 1) { return 1; }
    var p = Math.pow(10, Math.floor(Math.log10(v))), steps = [1, 2, 2.5, 5, 10];
    for (var i = 0; i < steps.length; i++) { if (steps[i] * p >= v) { return steps[i] * p; } }
    return 10 * p;
  }

  function IncidentTimeline(box, opts) {
    var doc = null, chosen = null, measure = "incidents", dragging = null;
    try { measure = window.sessionStorage.getItem(MEASURE_KEY) || measure; } catch (e) { /* storage off */ }
    var head = document.createElement("div");
    head.className = "im-tl-head"; head.setAttribute("data-testid", "timeline-measure");
    var buttons = {};
    MEASURES.forEach(function (m) {
      var b = document.createElement("button");
      b.type = "button"; b.textContent = m[1]; b.setAttribute("data-measure", m[0]);
      b.addEventListener("click", function () {
        measure = m[0];
        try { window.sessionStorage.setItem(MEASURE_KEY, measure); } catch (e) { /* storage off */ }
        draw();
      });
      buttons[m[0]] = b; head.appendChild(b);
    });
    var chart = document.createElement("div");
    chart.className = "im-tl-chart";
    box.appendChild(head); box.appendChild(chart);
    var plot = null;  // {left, top, width, height, d0, d1, brush: the brush's rect}

    function x(day) { return plot.left + (day - plot.d0) / (plot.d1 - plot.d0) * plot.width; }
    function dayAt(px) { return plot.d0 + (px - plot.left) / plot.width * (plot.d1 - plot.d0); }

    function showBrush(lo, hi) {  // pixels, or null to hide
      if (!plot) { return; }
      if (lo === null) { plot.brush.setAttribute("visibility", "hidden"); return; }
      lo = Math.max(plot.left, Math.min(plot.left + plot.width, lo));
      hi = Math.max(plot.left, Math.min(plot.left + plot.width, hi));
      plot.brush.setAttribute("x", lo); plot.brush.setAttribute("width", Math.max(1, hi - lo));
      plot.brush.setAttribute("visibility", hi - lo >= 1 ? "visible" : "hidden");
    }
    function showChosen() {
      if (!plot) { return; }
      if (chosen) { showBrush(x(dayOf(chosen[0])), x(dayOf(chosen[1]) + 1)); } else { showBrush(null); }
    }

    function legend(svg, left, top, title, rows) {  // rows: [text, colour, opacity]
      if (title) { node("text", {x: left, y: top + 10, "class": "im-tl-legend-title"}, svg, title); top += 16; }
      rows.forEach(function (r) {  // a group's whole name, on more lines when it is long
        var parts = wrap(r[0], 22, 3);
        node("rect", {x: left, y: top + 2, width: 10, height: 10, fill: r[1], "fill-opacity": r[2]}, svg);
        tip(lines(node("text", {x: left + 15, y: top + 11, "class": "im-tl-legend"}, svg), parts, left + 15, 12), r[0]);
        top += 16 + 12 * (parts.length - 1);
      });
      return top;
    }

    function axisX(svg, part) {
      var y0 = plot.top + plot.height;
      node("line", {x1: plot.left, x2: plot.left + plot.width, y1: y0 + 0.5, y2: y0 + 0.5, "class": "im-tl-axis"}, svg);
      ticks(plot.d0, plot.d1, plot.width).forEach(function (d) {
        var px = Math.round(x(d)) + 0.5;
        node("line", {x1: px, x2: px, y1: y0, y2: y0 + 4, "class": "im-tl-axis"}, svg);
        node("text", {x: px, y: y0 + 16, "text-anchor": "middle", "class": "im-tl-tick"}, svg, iso(d));
      });
      node("text", {x: plot.left + plot.width / 2, y: y0 + 34, "text-anchor": "middle", "class": "im-tl-title"}, svg,
           part.title);
    }

    function drawBars(svg, part) {
      var lane = plot.height / doc.groups.length;
      doc.groups.forEach(function (g, k) {
        // on two lines when the lane has room for them and one line would cut the name
        var parts = wrap(g[0], Math.floor((plot.left - 8) / 6), lane >= 22 ? 2 : 1);
        tip(lines(node("text", {x: plot.left - 6, y: plot.top + lane * k + lane / 2 + 4 - 5.5 * (parts.length - 1),
                                "text-anchor": "end", "class": "im-tl-lane"}, svg), parts, plot.left - 6, 11), g[0]);
      });
      var precision = {};
      part.precision.forEach(function (p) { precision[p[0]] = p[1]; });
      var h = Math.max(4, Math.min(10, lane - 4));
      part.rows.forEach(function (r) {  // [day, first day, day after the last, group, precision, place, kind]
        var x0 = x(r[1]), x1 = x(r[2]);
        tip(node("rect", {x: x0, y: plot.top + lane * r[3] + (lane - h) / 2, width: Math.max(2, x1 - x0), height: h,
                          rx: 2, fill: colourOf(doc.groups[r[3]][1]), "fill-opacity": OPACITY[r[4]] || 1,
                          "class": "im-tl-bar"}, svg),
            iso(r[0]) + " (" + (precision[r[4]] || "") + ") · " + part.places[r[5]] + " · " + part.kinds[r[6]] +
            " · " + doc.groups[r[3]][0]);
      });
      return part.precision.map(function (p) { return [p[1], "#222222", OPACITY[p[0]] || 1]; });
    }

    function drawStack(svg, part) {
      var sums = {}, top = 0;
      part.rows.forEach(function (r) { sums[r[0]] = (sums[r[0]] || 0) + r[2]; if (sums[r[0]] > top) { top = sums[r[0]]; } });
      var max = niceMax(top), y0 = plot.top + plot.height, scale = plot.height / max, base = {};
      [0, max / 2, max].forEach(function (v) {
        if (v !== Math.round(v)) { return; }
        var py = Math.round(y0 - v * scale) + 0.5;
        node("line", {x1: plot.left, x2: plot.left + plot.width, y1: py, y2: py, "class": "im-tl-grid"}, svg);
        node("text", {x: plot.left - 5, y: py + 4, "text-anchor": "end", "class": "im-tl-tick"}, svg, num(v));
      });
      node("text", {transform: "translate(11," + (plot.top + plot.height / 2) + ") rotate(-90)", "text-anchor": "middle",
                    "class": "im-tl-title"}, svg, part.y);
      var unit = part.unit === "week" ? "Week of " : "";
      part.rows.forEach(function (r) {  // [first day of the bin, group, value], in bin then group order
        var below = base[r[0]] || 0, x0 = x(r[0]), x1 = x(r[0] + part.width);
        base[r[0]] = below + r[2];
        tip(node("rect", {x: x0, y: y0 - (below + r[2]) * scale, width: Math.max(1, x1 - x0 - (x1 - x0 > 3 ? 1 : 0)),
                          height: r[2] * scale, fill: colourOf(doc.groups[r[1]][1]), "class": "im-tl-bar"}, svg),
            unit + iso(r[0]) + " · " + doc.groups[r[1]][0] + " · " + num(r[2]) + " " + part.y.split(" per ")[0].toLowerCase());
      });
      var present = {};
      part.rows.forEach(function (r) { present[r[1]] = true; });
      return doc.groups.filter(function (g, k) { return present[k]; }).map(function (g) { return [g[0], colourOf(g[1]), 1]; });
    }

    function draw() {
      plot = null;
      chart.textContent = "";
      Object.keys(buttons).forEach(function (m) { buttons[m].setAttribute("aria-pressed", String(m === measure)); });
      box.style.display = doc ? "" : "none";
      if (!doc) { opts.onHeight(0); return; }
      var part = doc[measure] || doc.incidents;
      box.setAttribute("data-kind", part.kind); box.setAttribute("data-measure", measure);
      if (part.kind === "none") {
        var note = document.createElement("div");
        note.className = "im-tl-empty"; note.textContent = part.message;
        chart.appendChild(note);
        opts.onHeight(box.offsetHeight);
        return;
      }
      var bars = part.kind === "bars", n = doc.groups.length;
      var width = Math.max(320, chart.clientWidth || box.clientWidth || 800);
      var longest = 0;
      doc.groups.forEach(function (g) { longest = Math.max(longest, Math.min(g[0].length, 30)); });
      var left = bars ? Math.min(190, 6.2 * longest + 14) : 52, right = width > 560 ? 160 : 8;
      var height = bars ? Math.max(90, (n > 12 ? 14 : 24) * n) : 110;
      var svg = node("svg", {width: width, height: height + 46, "class": "im-tl-svg"});
      plot = {left: left, top: 6, width: width - left - right, height: height,
              d0: part.domain[0], d1: part.domain[1]};
      var rows = bars ? drawBars(svg, part) : drawStack(svg, part);
      axisX(svg, part);
      if (right > 8) {  // the chart grows to hold a legend of long names on several lines
        var bottom = legend(svg, width - right + 14, plot.top, bars ? "Date precision" : null, rows);
        if (bottom + 4 > height + 46) { svg.setAttribute("height", bottom + 4); }
      }
      // the brush: drag across the plot to choose dates, click to clear them
      plot.brush = node("rect", {y: plot.top, height: plot.height, "class": "im-tl-brush", visibility: "hidden"}, svg);
      var area = node("rect", {x: plot.left, y: plot.top, width: plot.width, height: plot.height, "class": "im-tl-area",
                               "data-testid": "timeline-plot"}, svg);
      area.addEventListener("pointerdown", function (e) {
        var r = svg.getBoundingClientRect();
        dragging = {from: e.clientX - r.left, to: e.clientX - r.left, left: r.left};
        area.setPointerCapture(e.pointerId);
        e.preventDefault();
      });
      area.addEventListener("pointermove", function (e) {
        if (!dragging) { return; }
        dragging.to = e.clientX - dragging.left;
        showBrush(Math.min(dragging.from, dragging.to), Math.max(dragging.from, dragging.to));
      });
      area.addEventListener("pointerup", function (e) {
        if (!dragging) { return; }
        var d = dragging; dragging = null;
        d.to = e.clientX - d.left;
        if (Math.abs(d.to - d.from) < 3) {  // a click: no dates chosen
          showBrush(null);
          if (chosen) { chosen = null; opts.onBrush(null); }
          return;
        }
        var lo = Math.max(plot.d0, Math.floor(dayAt(Math.min(d.from, d.to))));
        var hi = Math.min(plot.d1 - 1, Math.floor(dayAt(Math.max(d.from, d.to))));
        if (hi < lo) { hi = lo; }
        chosen = [iso(lo), iso(hi)];
        showChosen();
        opts.onBrush(chosen.slice());
      });
      chart.appendChild(svg);
      showChosen();
      window.incidentTimelineDraws = (window.incidentTimelineDraws || 0) + 1;
      opts.onHeight(box.offsetHeight);
    }

    var lastWidth = 0;
    window.addEventListener("resize", function () {
      var w = chart.clientWidth;
      if (doc && w && w !== lastWidth) { lastWidth = w; draw(); }
    });
    return {
      setData: function (d) { doc = d; draw(); },
      setChosen: function (range) {
        chosen = range && range.length === 2 ? range.slice() : null;
        if (!dragging) { showChosen(); }
      },
      measure: function () { return measure; },
    };
  }
  window.IncidentTimeline = IncidentTimeline;
})();
