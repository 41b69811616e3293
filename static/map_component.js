// The Map page's map as a Streamlit component (the component protocol of streamlit's
// components.v1, spoken directly: no build step, no CDN).
//
// Streamlit posts "streamlit:render" with the arguments of pages/map_component.incident_map on
// every rerun. The map is made once; a new payload (its digest differs) is drawn with
// IncidentLayer.setData, so a filter change keeps the user's zoom and centre. A click on a marker
// sends the payload rows of its incidents back as the component's value.
(function () {
  "use strict";
  var started = performance.now();  // this script runs: the page and its libraries are loaded
  var el = window.incidentMapEl;
  var map = L.map("map", {preferCanvas: true, maxZoom: 18, zoomControl: true}).setView([50, 36], 5);
  window.map = map;
  L.control.scale({position: "bottomright"}).addTo(map);  // not under the legend, which it lifted by 50 px
  var timings = {};
  var layer = null, digest = null, labelsDigest = null, focusToken = null, tilesUrl = null, heightSent = 0;
  var mapHeight = 0, timelineHeight = 0;
  window.incidentMapRenders = 0;  // payloads drawn by this one map (tests: a filter change does not make a new map)

  function send(type, data) {
    var msg = {isStreamlitMessage: true, type: type};
    for (var k in data) { msg[k] = data[k]; }
    window.parent.postMessage(msg, "*");
  }

  // ---- controls on the map ---------------------------------------------------------------
  function control(position, build) {
    var C = L.Control.extend({onAdd: function () {
      var box = el("div", null, "im-box leaflet-control");
      L.DomEvent.disableClickPropagation(box); L.DomEvent.disableScrollPropagation(box);
      build(box);
      return box;
    }});
    return new C({position: position}).addTo(map);
  }
  var legendBox = null;
  var LEGEND_ROWS = 8;  // the groups' list shows this many rows, and scrolls past them (.im-groups)
  control("bottomleft", function (box) { box.classList.add("im-legend"); box.setAttribute("data-testid", "map-legend"); legendBox = box; });
  function drawLegend(legend) {
    legendBox.textContent = "";
    var groups = legend.groups || [];
    // two columns, the groups and the event types, and the note under both: a legend of eight groups in
    // one column was 260 px of a 540 px map, and the first view's incidents had to keep clear of it
    var cols = el("div", null, "im-legend-cols"), left = el("div"), right = el("div");
    cols.appendChild(left); cols.appendChild(right); legendBox.appendChild(cols);
    left.appendChild(el("b", "Groups"));
    // The groups' rows scroll on their own, past LEGEND_ROWS of them, in whole rows (incident_map.css):
    // the whole legend scrolled in a box of fixed height, and cut a line in two whatever the groups.
    var list = el("div", null, "im-groups");
    list.setAttribute("data-testid", "map-legend-groups");
    groups.forEach(function (g) {
      var row = el("div", null, "im-row");
      var sw = el("span", "●", "im-swatch"); sw.style.color = /^#[0-9a-fA-F]{6}$/.test(g[1]) ? g[1] : "#7f7f7f";
      row.appendChild(sw); row.appendChild(document.createTextNode(g[0])); row.title = g[0];
      list.appendChild(row);
    });
    left.appendChild(list);
    if (groups.length > LEGEND_ROWS) { left.appendChild(el("div", groups.length + " groups: scroll the list for all", "im-note")); }
    right.appendChild(el("b", "Event types"));
    var kinds = el("div", null, "im-kinds");
    (legend.shapes || []).forEach(function (s) { kinds.appendChild(el("div", s[1] + " " + s[0], "im-kind")); });
    right.appendChild(kinds);
    legendBox.appendChild(el("div", "◌ dashed: approximate place · ring: a cluster split by group; dark edge: one place", "im-note"));
  }

  // The heat map and the time playback: both act on the data in the browser, no rerun.
  var heatBox = null, playLabel = null, playButton = null, spanSelect = null;
  control("topright", function (box) {
    var label = el("label"); heatBox = el("input"); heatBox.type = "checkbox"; heatBox.setAttribute("data-testid", "heat-toggle");
    label.appendChild(heatBox); label.appendChild(document.createTextNode(" Heat map"));
    heatBox.addEventListener("change", function () { if (layer) { layer.setHeat(heatBox.checked); } });
    box.appendChild(label);
    var fit = el("button", "Fit to incidents"); fit.style.marginLeft = "8px";
    fit.addEventListener("click", function () { if (layer) { layer.fit(); } });
    box.appendChild(fit);
  });
  control("topright", function (box) {
    box.classList.add("im-play");
    playButton = el("button", "▶ Play"); playButton.setAttribute("data-testid", "play");
    spanSelect = el("select");
    [["7", "a week at a time"], ["30", "a month at a time"], ["1", "a day at a time"]].forEach(function (o) {
      var opt = el("option", o[1]); opt.value = o[0]; spanSelect.appendChild(opt);
    });
    playLabel = el("div", "", "im-play-label"); playLabel.setAttribute("data-testid", "play-label");
    var reset = el("button", "■ All dates"); reset.setAttribute("data-testid", "play-reset");
    box.appendChild(playButton); box.appendChild(reset); box.appendChild(spanSelect); box.appendChild(playLabel);
    playButton.addEventListener("click", function () { if (timer) { stop(false); } else { play(); } });
    reset.addEventListener("click", function () { resetPlayback(); });
  });
  var timer = null, playFrom = 0;
  function dayText(d) {
    var data = layer.data();
    return new Date(Date.parse(data.day0 + "T00:00:00Z") + d * 86400000).toISOString().slice(0, 10);
  }
  function showCount() {
    if (!layer) { return; }
    window.incidentMapCount = layer.count();
  }
  // The page's "N of M incidents shown" (pages/map.py) follows the playback: this page is served
  // by the same server as the page around it, so it may write that line's text while a window is
  // played, and puts the page's own text back when the playback stops or the page wrote a new
  // one meanwhile (a rerun's text is left alone). No rerun: the server never hears of it. The
  // line is Streamlit's Markdown (no HTML, whose renderer is a large script of its own): its text
  // node's value is changed, never the node, which Streamlit's next rerun updates in place.
  var countLine = null, countOwn = null, countWritten = null;
  function pageCount(window_) {  // window_: [shown, first day, last day], or null when the playback stops
    try {
      if (window_ === null) {
        if (countLine && countLine.isConnected && countLine.nodeValue === countWritten) { countLine.nodeValue = countOwn; }
        countLine = null;
        return;
      }
      var box = window.parent.document.querySelector(".st-key-incident-count p");
      var line = box && box.firstChild;
      if (!line || line.nodeType !== Node.TEXT_NODE) { return; }
      if (line !== countLine || line.nodeValue !== countWritten) { countLine = line; countOwn = line.nodeValue; }
      var total = /of ([0-9,]+) incidents?/.exec(countOwn), m = total ? total[1] : layer.total().toLocaleString("en");
      line.nodeValue = countWritten = window_[0].toLocaleString("en") + " of " +
        m + (m === "1" ? " incident" : " incidents") + " shown · " +
        window_[1] + " to " + window_[2] + " (playing)";
    } catch (e) { /* a page of another origin: the map's own label says it */ }
  }
  function play() {
    var data = layer && layer.data();
    if (!data || !data.d.length) { return; }
    var last = 0;
    for (var i = 0; i < data.d.length; i++) { if (data.d[i] > last) { last = data.d[i]; } }
    var span = parseInt(spanSelect.value, 10);
    if (playFrom > last) { playFrom = 0; }
    playButton.textContent = "❚❚ Pause";
    function step() {
      var hi = playFrom + span - 1;
      layer.setWindow(playFrom, hi);
      showCount();
      playLabel.textContent = dayText(playFrom) + " to " + dayText(hi) + ": " + layer.count().toLocaleString("en") +
        " of " + layer.total().toLocaleString("en") + (layer.total() === 1 ? " incident" : " incidents");
      pageCount([layer.count(), dayText(playFrom), dayText(hi)]);
      playFrom += span;
      if (playFrom > last) { stop(true); }
    }
    step();
    if (timer === null && playFrom <= last) { timer = setInterval(step, 900); }
  }
  function stop(finished) {
    if (timer) { clearInterval(timer); timer = null; }
    playButton.textContent = finished ? "↺ Replay" : "▶ Play";
    if (finished) { playFrom = 0; }
  }
  function resetPlayback() {
    stop(false); playFrom = 0; playLabel.textContent = ""; pageCount(null);
    if (layer) { layer.setWindow(null, null); showCount(); }
  }

  // ---- place names from our own gazetteer (pages/map_component.label_rows) -----------------
  // Largest first; at each zoom, places above a size threshold, skipping any whose box would
  // overlap one already drawn.
  var labelRows = [], labelLayer = L.layerGroup().addTo(map);
  map.createPane("labels"); map.getPane("labels").style.zIndex = 450; map.getPane("labels").style.pointerEvents = "none";
  function minRankAt(zoom) { return zoom <= 4 ? 6 : zoom <= 5 ? 5 : zoom <= 6 ? 4 : zoom <= 7 ? 3 : zoom <= 9 ? 2 : 0; }
  function drawLabels() {
    labelLayer.clearLayers();
    var zoom = map.getZoom(), b = map.getBounds().pad(0.1), taken = [], drawn = 0, need = minRankAt(zoom);
    for (var i = 0; i < labelRows.length && drawn < 220; i++) {
      var r = labelRows[i];  // [name, lat, lon, rank, kind]
      if (r[4] === "region" ? zoom < 5 || zoom > 8 : r[3] < need) { continue; }
      if (!b.contains([r[1], r[2]])) { continue; }
      var p = map.latLngToContainerPoint([r[1], r[2]]), w = 6.5 * r[0].length + 8, h = 14;
      var box = [p.x - w / 2, p.y - h, p.x + w / 2, p.y + 2], clash = false;
      for (var j = 0; j < taken.length; j++) {
        var t = taken[j];
        if (box[0] < t[2] && box[2] > t[0] && box[1] < t[3] && box[3] > t[1]) { clash = true; break; }
      }
      if (clash) { continue; }
      taken.push(box); drawn++;
      var cls = "im-label" + (r[4] === "region" ? " im-region" : r[3] >= 5 ? " im-big" : "");
      var icon = L.divIcon({className: cls, html: "", iconSize: null, iconAnchor: [w / 2, h]});
      var m = L.marker([r[1], r[2]], {icon: icon, pane: "labels", interactive: false, keyboard: false});
      m.on("add", (function (name, mk) { return function () { var e = mk.getElement(); if (e) { e.textContent = name; } }; })(r[0], m));
      labelLayer.addLayer(m);
    }
  }
  map.on("moveend", drawLabels);

  // ---- the packed payload (geo/map/layer.packed_payload) ------------------------------------
  // "IMP1", the header's length (uint32 little-endian), the header (JSON: the tables, and each
  // per-incident column's type, offset and length), then the columns, each a typed array over the
  // buffer itself (little-endian, as every browser's platform is): nothing to parse for 200,000 rows.
  var ARRAYS = {u1: Uint8Array, u2: Uint16Array, i2: Int16Array, i4: Int32Array};
  function unpack(buf) {
    var bytes = new Uint8Array(buf);
    if (String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]) !== "IMP1") { throw new Error("not a packed map payload"); }
    var size = new DataView(buf).getUint32(4, true);
    var doc = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + size)));
    var start = Math.ceil((8 + size) / 8) * 8;
    doc.columns.forEach(function (c) { doc[c[0]] = new ARRAYS[c[1]](buf, start + c[2], c[3]); });
    delete doc.columns;
    return doc;
  }

  // ---- the timeline under the map (static/timeline.js) ------------------------------------
  // Drawn after the map's first incidents are painted: the map comes first. A brush is the
  // component's value ({brush: [first day, last day] or null}), which the page makes its dates.
  var timelineDigest = null, timelineDoc = null, timelineShown = null;
  var timeline = window.IncidentTimeline(document.getElementById("timeline"), {
    onBrush: function (range) { send("streamlit:setComponentValue", {value: {brush: range, t: Date.now()}, dataType: "json"}); },
    onHeight: function (h) { timelineHeight = h; sendHeight(); }
  });
  function sendHeight() {
    var h = mapHeight + timelineHeight;
    if (h !== heightSent) { send("streamlit:setFrameHeight", {height: h}); heightSent = h; }
  }
  function showTimeline() {  // once the map has drawn (or has nothing to draw)
    if (timelineDoc === timelineShown) { return; }
    timelineShown = timelineDoc;
    timeline.setData(timelineDoc);
    timings.timeline = performance.now();
  }
  var mapDrawn = false;  // the first payload is drawn and painted, or there is none
  // What waits for the map's first drawing: the place names (300 kB of JSON at 200,000 incidents)
  // and the timeline are fetched and parsed only then. This page's thread is the page around it's
  // (same origin), busy drawing Streamlit's elements while the map's payload comes; their answers,
  // asked for with the payload's, were read and parsed before it.
  var afterFirst = [];
  function later(fn) { if (mapDrawn) { fn(); } else { afterFirst.push(fn); } }
  // The page's first run waits, before it draws the sidebar's filters, for this frame to say at
  // drawn_url that it has drawn (pages.payloads.DRAWN_ROUTE): said once, when both are known.
  var drawnUrl = null, drawnSaid = null;
  function sayDrawn() {
    if (!mapDrawn || !drawnUrl || drawnSaid === drawnUrl) { return; }
    drawnSaid = drawnUrl;
    fetch(drawnUrl, {method: "POST", keepalive: true}).catch(function () {});
  }
  function firstDrawn() {
    mapDrawn = true;
    sayDrawn();
    var queued = afterFirst; afterFirst = [];
    queued.forEach(function (fn) { fn(); });
  }

  // ---- the render loop -----------------------------------------------------------------------
  var bordersUrl = null, bordersDrawn = false, reserved = false, argsPayload = null;
  var confirmed = false;  // the page's arguments have named a payload (the first view drawn before them is not yet)
  function drawBorders() {  // once, after the first incidents are painted and the page has said where the borders are
    if (bordersDrawn || !bordersUrl || !mapDrawn) { return; }
    bordersDrawn = true;
    window.incidentMapBorders(map, bordersUrl);
  }
  function makeLayer(clusterMaxZoom) {
    if (layer) { return; }
    layer = window.IncidentLayer(map, {maxZoom: 18, clusterMaxZoom: clusterMaxZoom || 16,
      onPick: function (props) { send("streamlit:setComponentValue", {value: {rows: props.rows, key: props.key, t: Date.now()}, dataType: "json"}); }});
    window.incidentMapLayerShown = layer;  // tests read its clusters
  }
  // Draw the payload whose digest is wanted: bytes is its buffer, or a promise of it. fit: move the
  // view to its incidents (a first view), else the user's zoom and centre stay.
  function showPayload(bytes, wanted, fit) {
    digest = wanted;
    timings = {started: started, ready: readyAt, args: argsAt, asked: performance.now()};
    window.incidentMapTimings = timings;  // milliseconds since this page opened (the bench reads them)
    var drawn = function (buf) {
      if (digest !== wanted) { return; }  // a newer payload was asked for meanwhile
      var decoded = unpack(buf);
      timings.parsed = performance.now();
      resetPlayback();
      if (decoded.legend) { drawLegend(decoded.legend); }  // before the fit, which keeps clear of it
      layer.setData(decoded, fit);
      timings.drawn = performance.now();
      // first the incidents, painted; then the place names, the borders (750 kB of shapes) and the timeline
      requestAnimationFrame(function () {
        timings.painted = performance.now();
        setTimeout(function () {
          if (fit) { drawLabels(); }
          firstDrawn(); drawBorders(); showTimeline();
        }, 0);
      });
      window.incidentMapRenders += 1;
      showCount();
    };
    if (bytes instanceof ArrayBuffer) { drawn(bytes); return; }
    bytes.then(function (buf) { timings.fetched = performance.now(); drawn(buf); })
      .catch(function (e) {
        console.error(e);
        if (digest !== wanted) { return; }
        digest = null;
        // the first view failed after the arguments named the same payload: fetch it by its address
        if (argsPayload && argsPayload.digest === wanted && argsPayload.url) { showPayload(get(argsPayload.url), wanted, fit); }
        else if (!mapDrawn) { firstDrawn(); drawBorders(); }  // no map to wait for: the rest is drawn without it
      });
  }
  function get(url) {
    return fetch(url).then(function (r) { if (!r.ok) { throw new Error("payload " + r.status); } return r.arrayBuffer(); });
  }
  function onRender(args) {
    var height = args.height || 560;
    if (height !== mapHeight) { document.getElementById("map").style.height = height + "px"; mapHeight = height; map.invalidateSize(); }
    if (args.timeline_digest && timelineShown === null && !timelineHeight) { timelineHeight = 190; }  // its room, until drawn
    if (reserved && !args.timeline_digest && timelineShown === null) { timelineHeight = 0; }  // reserved before the arguments came
    reserved = false;
    sendHeight();
    if (args.tiles && args.tiles !== tilesUrl) {
      tilesUrl = args.tiles;
      L.tileLayer(args.tiles, {attribution: args.attribution || "", maxZoom: 18}).addTo(map);
    }
    makeLayer(args.clusterMaxZoom);
    if (args.drawn_url) { drawnUrl = args.drawn_url; sayDrawn(); }
    if (args.borders && !bordersUrl) { bordersUrl = args.borders; drawBorders(); }
    if (args.labels_digest && args.labels_digest !== labelsDigest && (args.labels || args.labels_url)) {
      var wantedLabels = args.labels_digest;
      labelsDigest = wantedLabels;
      var useLabels = function (rows) {
        if (labelsDigest !== wantedLabels) { return; }
        labelRows = rows;
        if (window.incidentMapRenders > 0) { drawLabels(); }  // else with the first incidents drawn
      };
      var labelsText = args.labels, labelsUrl = args.labels_url;
      later(function () {
        if (labelsDigest !== wantedLabels) { return; }
        if (labelsText) { useLabels(JSON.parse(new TextDecoder().decode(labelsText))); return; }
        fetch(labelsUrl).then(function (r) { if (!r.ok) { throw new Error("labels " + r.status); } return r.json(); })
          .then(useLabels).catch(function (e) { console.error(e); if (labelsDigest === wantedLabels) { labelsDigest = null; } });
      });
    }
    if (!(args.payload || args.payload_url)) { firstDrawn(); drawBorders(); }
    if ((args.timeline_digest || null) !== timelineDigest) {
      var wantedTimeline = timelineDigest = args.timeline_digest || null;
      var useTimeline = function (doc) {
        if (timelineDigest !== wantedTimeline) { return; }
        timelineDoc = doc;
        if (mapDrawn) { showTimeline(); }
      };
      var timelineText = args.timeline, timelineUrl = args.timeline_url;
      if (!wantedTimeline) { useTimeline(null); }
      else {
        later(function () {
          if (timelineDigest !== wantedTimeline) { return; }
          if (timelineText) { useTimeline(JSON.parse(new TextDecoder().decode(timelineText))); return; }
          fetch(timelineUrl).then(function (r) { if (!r.ok) { throw new Error("timeline " + r.status); } return r.json(); })
            .then(useTimeline).catch(function (e) { console.error(e); if (timelineDigest === wantedTimeline) { timelineDigest = null; } });
        });
      }
    }
    timeline.setChosen(args.chosen || null);
    if (args.payload || args.payload_url) {
      argsPayload = {digest: args.digest, url: args.payload_url || null};
      // the first payload the arguments name is fitted to, unless it is the first view already drawn for them
      var fit = !confirmed;
      confirmed = true;
      if (args.digest !== digest) {
        if (args.payload) { showPayload(args.payload.slice().buffer, args.digest, fit); }  // a copy: the columns' offsets count from 0
        else {
          // an address on the Streamlit server, which serves this page too; the first one is
          // usually on its way already (index.html's script asked for it, or for the first view,
          // before this one loaded)
          var asked = early && early.payload ? early.payload(args.payload_url, args.digest) : null;
          if (early) { early.payloads = {}; early.firstView = null; }
          showPayload(asked || get(args.payload_url), args.digest, fit);
        }
      }
    }
    if (args.focus && args.focus.token !== focusToken) {
      focusToken = args.focus.token;
      map.setView([args.focus.lat, args.focus.lon], Math.max(map.getZoom(), 10));
    }
  }
  // The first view (index.html asked for it as this page opened, when the page around it has no
  // filter in its URL) is drawn as soon as it is here, without waiting for the page's arguments,
  // which come through the page's busy main thread: it holds its legend, the map's height is the
  // page's (MAP_HEIGHT, this page's own style) and the timeline's room is kept. When the arguments
  // name the same digest nothing more is done; else their payload replaces it.
  function firstView(fv) {
    if (!fv || confirmed || digest !== null) { return; }  // the arguments came first: onRender has it
    if (!map.getContainer().clientWidth) { return; }  // not shown yet (Streamlit shows the frame once it is ready): no view to fit
    if (!mapHeight) { mapHeight = document.getElementById("map").offsetHeight; }
    if (!timelineHeight) { timelineHeight = 190; reserved = true; }
    sendHeight();
    makeLayer(null);
    showPayload(fv.body, fv.digest, true);
  }
  // index.html's first script has told Streamlit this frame is ready and keeps what it was sent
  // meanwhile; without it (an older page), this script says so itself.
  var early = window.incidentMapEarly || null, readyAt, argsAt = null;
  function take(args) {
    if (argsAt === null) { argsAt = (early && early.argsAt) || performance.now(); if (timings.args === null) { timings.args = argsAt; } }
    onRender(args);
  }
  if (early) {
    readyAt = early.readyAt;
    early.take = take;
    if (early.args) { var kept = early.args; early.args = null; take(kept); }
    if (early.firstView) { early.firstView.then(firstView, function () {}); }
  } else {
    window.addEventListener("message", function (event) {
      if (event.data && event.data.type === "streamlit:render") { take(event.data.args || {}); }
    });
    readyAt = performance.now();
    send("streamlit:componentReady", {apiVersion: 1});
  }
})();
