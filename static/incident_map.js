// The incident map's layer: markers, clusters and popups drawn in the browser from one JSON payload.
//
// Two pages use it:
// - static/index.html, the Map page's component (static/map_component.js): one Leaflet map that
//   lives as long as the page, and receives new payloads with setData, so that a filter change
//   redraws the data and keeps the user's zoom and centre;
// - geo/map/layer.py (IncidentLayer, the Add article preview under streamlit-folium), which adds
//   this file and then one line: incidentMapLayer(map, "<payload as a JSON string>", opts).
// Popups are built with textContent, so article text can never become markup. Needs Leaflet and
// Supercluster (and leaflet.heat / topojson-client when asked for).
(function () {
  "use strict";

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  function colourOf(c) { return /^#[0-9a-fA-F]{6}$/.test(c) ? c : "#7f7f7f"; }
  function plural(n, one, many) { return Number(n).toLocaleString("en") + " " + (n === 1 ? one : many); }
  var GLYPHS = {"●": 1, "◆": 1, "▲": 1, "■": 1, "✱": 1, "⬢": 1};
  var DAY_MS = 86400000;

  // A cluster's icon: a ring split by the colours of the groups it holds (their shares of its
  // incidents), the number inside. mix maps colour -> incidents.
  function ringSize(count) { return count < 10 ? 34 : count < 100 ? 40 : count < 1000 ? 46 : 52; }
  function ringIcon(count, mix, extraClass) {
    var size = ringSize(count);
    var total = 0, k, stops = [], at = 0;
    var colours = Object.keys(mix).sort(function (a, b) { return mix[b] - mix[a]; });
    for (k = 0; k < colours.length; k++) { total += mix[colours[k]]; }
    for (k = 0; k < colours.length; k++) {
      var next = at + 360 * mix[colours[k]] / (total || 1);
      stops.push(colourOf(colours[k]) + " " + at.toFixed(1) + "deg " + next.toFixed(1) + "deg");
      at = next;
    }
    var ring = stops.length ? "conic-gradient(" + stops.join(",") + ")" : "#7f7f7f";
    return L.divIcon({  // data-mix: the incidents the colours add up to (the number shown, when right)
      html: '<div class="im-ring" data-mix="' + total + '" style="width:' + size + "px;height:" + size + "px;background:" + ring +
            '"><span>' + Number(count).toLocaleString("en") + "</span></div>",
      className: "im-cluster" + (extraClass ? " " + extraClass : ""), iconSize: L.point(size, size)});
  }

  // The layer: setData(data, fit) draws a decoded payload (replacing the previous one), setHeat
  // switches the heat map, setWindow(lo, hi) keeps only the incidents of days lo..hi (payload day
  // numbers; null for all), count() is how many incidents are drawn.
  function IncidentLayer(map, opts) {
    var data = null, n = 0, day0 = 0, windowDays = null, drawnCount = 0;
    // Clustering indexes over the places, each for a band of zooms (BANDS): every first view is in
    // one of the first two (fit() stops at 9). Supercluster builds a level per zoom, from the band's
    // closest zoom outwards, each level from the points or clusters of the one before: the closest
    // level, where nearly every place is still its own point, costs the most. On the bench's 12,000
    // places (200,000 incidents) one index over zooms 0-9 took 80-110 ms of a first view's 130 in
    // Chromium, and in Node 41-88 ms against 10-30 ms for zooms 0-5, which is all that a view at
    // zoom 5 or less (the world, a large country) needs. Each is built
    // when a view first needs it (a zoom into the next band: 0.03-0.15 s then), never in the
    // background, where it would compete with whatever the browser does next.
    var clusterMaxZoom = opts.clusterMaxZoom || 16, features = [];
    var BANDS = [[0, 5], [6, 9], [10, clusterMaxZoom]].filter(function (b) { return b[0] <= clusterMaxZoom; })
      .map(function (b) { return [b[0], Math.min(b[1], clusterMaxZoom)]; });
    var indexes = BANDS.map(function () { return null; });
    // The first band's clusters as the server made them (geo/map/clusters.py; the packed payload
    // carries them): a view at those zooms is drawn from them, with no index to build (50-100 ms of
    // a first view at 200,000 incidents), the same clusters with the same ids as the index's. Used
    // for the payload's own places only (no time window) and when their options are the index's;
    // the index is still built when a cluster is clicked (its expansion zoom). served: per zoom,
    // its entries' incidents and colours' counts, made when first drawn; null when not used.
    var RADIUS = 60, EXTENT = 512, SCALE = 1073741824, served = null;
    // The incidents by place (rebuild): those of place pi are order[start[pi]] .. order[start[pi + 1] - 1];
    // mixes[pi * K + j]: how many of them have the colour palette[j] (their first group's).
    var start = new Int32Array(1), order = new Int32Array(0), mixes = new Int32Array(0), palette = [], K = 1;
    var objects = L.featureGroup().addTo(map);  // markers whose clicks are reported (streamlit-folium forwards a FeatureGroup's clicks)
    var clusters = L.layerGroup().addTo(map);
    var heat = null, heatOn = !!opts.heat, shown = {};
    var onPick = opts.onPick || null;

    function dateOf(k) { return new Date(day0 + data.d[k] * DAY_MS).toISOString().slice(0, 10); }
    function deathsOf(k) { return data.x ? data.x[k] : -1; }
    // What a click hands back: the payload rows of the clicked marker's incidents and the payload's key.
    function clickFeature(incidents) {
      return {type: "Feature", properties: {rows: incidents.slice(), key: data.key || null}};
    }
    function incidentPopup(k) {
      var place = data.places[data.p[k]], combo = data.combos[data.c[k]], kind = data.kinds[data.k[k]];
      var box = el("div", null, "im-popup"), deaths = deathsOf(k);
      box.appendChild(el("div", kind[1] + " at " + place[2], "im-popup-title"));
      var dl = el("dl");
      [["Date", dateOf(k) + " (" + data.precision[data.f[k] >> 2] + ")"], ["Type", kind[0] + " / " + kind[1]],
       ["Groups", combo[0]], ["Claimed by", combo[1]],
       ["Deaths", deaths < 0 ? "no number given" : String(deaths)],
       ["Place", place[2] + (place[3] ? ", " + place[3] : "") + " (" + data.geo[data.f[k] & 3] + ")"]
      ].forEach(function (kv) { dl.appendChild(el("dt", kv[0])); dl.appendChild(el("dd", kv[1])); });
      box.appendChild(dl);
      box.appendChild(el("div", plural(data.n[k], "source", "sources") +
                         ": the articles and their quotes are in the Details panel.", "im-count"));
      return box;
    }
    function placePopup(incidents) {
      var total = incidents.length, place = data.places[data.p[incidents[0]]];
      var box = el("div", null, "im-popup");
      box.appendChild(el("div", plural(total, "incident", "incidents") + " at " + place[2] +
                         (place[3] ? ", " + place[3] : ""), "im-popup-title"));
      var list = el("ul", null, "im-list");
      var shownHere = incidents.slice().sort(function (a, b) { return data.d[b] - data.d[a]; }).slice(0, 25);
      shownHere.forEach(function (k) {
        var deaths = deathsOf(k);
        list.appendChild(el("li", dateOf(k) + " · " + data.kinds[data.k[k]][1] + " · " + data.combos[data.c[k]][0] +
                            (deaths > 0 ? " · " + plural(deaths, "death", "deaths") : "")));
      });
      box.appendChild(list);
      if (total > shownHere.length) { box.appendChild(el("div", "and " + (total - shownHere.length) + " more (the newest are listed).", "im-count")); }
      box.appendChild(el("div", "Their articles and quotes are in the Details panel.", "im-cite"));
      return box;
    }
    // An opened popup pans clear of the controls in the map's top corners (zoom on the left, heat
    // map and playback on the right): its top stays below the taller of them, measured once a draw.
    var popupTop = 12;
    function controlsBottom() {
      var top = 12;
      Array.prototype.forEach.call(map.getContainer().querySelectorAll(".leaflet-top .leaflet-control"), function (c) {
        top = Math.max(top, c.offsetTop + c.offsetHeight + 12);
      });
      return top;
    }
    function popupOptions(width) {
      return {maxWidth: width, autoPanPaddingTopLeft: L.point(12, popupTop), autoPanPaddingBottomRight: L.point(12, 12)};
    }
    function picked(m, incidents) {
      m.feature = clickFeature(incidents);
      if (onPick) { m.on("click", function () { onPick(m.feature.properties); }); }
    }
    function single(k) {
      var place = data.places[data.p[k]], combo = data.combos[data.c[k]], kind = data.kinds[data.k[k]];
      var glyph = GLYPHS[kind[2]] ? kind[2] : "●";
      var icon = L.divIcon({className: "im-marker" + ((data.f[k] & 3) > 1 ? " im-approx" : ""),
        html: '<span style="color:' + colourOf(combo[2]) + '">' + glyph + "</span>", iconSize: [18, 18], iconAnchor: [9, 9]});
      var m = L.marker([place[0], place[1]], {icon: icon, title: place[2] + " " + dateOf(k)});
      picked(m, [k]);
      m.bindPopup(function () { return incidentPopup(k); }, popupOptions(380));
      m.bindTooltip(function () { return el("span", place[2] + " · " + dateOf(k) + " · " + kind[1]); });
      return m;
    }
    function listAt(pi) { return Array.prototype.slice.call(order.subarray(start[pi], start[pi + 1])); }
    function mixObject(counts, at) {  // {colour: incidents} from K counts at counts[at]
      var mix = {};
      for (var j = 0; j < K; j++) { if (counts[at + j]) { mix[palette[j]] = counts[at + j]; } }
      return mix;
    }
    function placeBubble(pi, list) {
      // several incidents at one place: one marker listing them, never a zoom
      var place = data.places[pi];
      var m = L.marker([place[0], place[1]], {icon: ringIcon(list.length, mixObject(mixes, pi * K), "im-place"), title: place[2]});
      picked(m, list);
      m.bindPopup(function () { return placePopup(list); }, popupOptions(420));
      return m;
    }
    function bubble(f, band) {
      var ll = [f.geometry.coordinates[1], f.geometry.coordinates[0]], id = f.properties.cluster_id;
      var m = L.marker(ll, {icon: ringIcon(f.properties.n, mixObject(f.properties.mix, 0))});
      var merged = f.properties.merged;
      m.on("click", function () {
        if (merged) {  // to where the first of them splits, all of them in view
          var splits = f.properties.members.map(function (m) { return indexOf(band).getClusterExpansionZoom(m); });
          map.flyToBounds(L.latLngBounds(merged), {maxZoom: Math.min(Math.min.apply(null, splits), opts.maxZoom), padding: [40, 40]});
          return;
        }
        map.flyTo(ll, Math.min(indexOf(band).getClusterExpansionZoom(id), opts.maxZoom));
      });
      return m;
    }
    // Clusters whose rings would overlap on screen are drawn as one ring (their incidents and colours
    // added up; a click shows them all). Supercluster keeps the clusters' seeds a radius apart (30 px),
    // not their centres, and a ring is 34-52 px wide: at the world's zooms rings covered one another.
    // Greedy, largest first: C clusters in view cost at most C * C / 2 distances (drawn views hold
    // a few hundred at most).
    function apart(found) {
      var rings = [], out = [], j, zoom = map.getZoom();  // the zoom drawn, fractional at a fitted first view
      found.forEach(function (f) { if (f.properties.cluster) { rings.push(f); } else { out.push(f); } });
      rings.sort(function (a, b) { return b.properties.n - a.properties.n; });
      var kept = [];
      rings.forEach(function (f) {
        var c = f.geometry.coordinates, at = map.project([c[1], c[0]], zoom);
        for (var k = 0; k < kept.length; k++) {
          var o = kept[k];
          if (o.at.distanceTo(at) < (ringSize(o.n) + ringSize(f.properties.n)) / 2 + 2) {
            o.members.push(f); o.n += f.properties.n;
            for (j = 0; j < K; j++) { o.mix[j] += f.properties.mix[j]; }
            return;
          }
        }
        var mix = new Int32Array(K);
        for (j = 0; j < K; j++) { mix[j] = f.properties.mix[j]; }
        kept.push({at: at, members: [f], n: f.properties.n, mix: mix});
      });
      kept.forEach(function (o) {
        if (o.members.length === 1) { out.push(o.members[0]); return; }
        var ids = o.members.map(function (f) { return f.properties.cluster_id; }).sort(function (a, b) { return a - b; });
        out.push({properties: {cluster: true, cluster_id: "m" + ids.join("-"), members: ids, n: o.n, mix: o.mix,
                               merged: o.members.map(function (f) { return [f.geometry.coordinates[1], f.geometry.coordinates[0]]; })},
                  geometry: o.members[0].geometry});
      });
      return out;
    }
    function bandOf(zoom) {
      for (var b = 0; b < BANDS.length - 1; b++) { if (zoom <= BANDS[b][1]) { return b; } }
      return BANDS.length - 1;
    }
    function indexOf(band) {  // the index for the zooms of BANDS[band], built when first asked for
      if (indexes[band] === null) {
        indexes[band] = new Supercluster({radius: RADIUS, extent: EXTENT, minZoom: BANDS[band][0], maxZoom: BANDS[band][1],
          map: function (props) { return {n: props.n, mix: mixes.subarray(props.pl * K, props.pl * K + K), own: null}; },
          // Supercluster starts a cluster's properties from a shallow copy of its first member's: the
          // counts are copied once before they are added to, so that no cluster adds into the counts
          // of the cluster or place it was made from (which showed wrong shares of colours).
          reduce: function (sum, props) {
            if (sum.own !== sum) { sum.mix = sum.mix.slice(); sum.own = sum; }
            sum.n += props.n;
            for (var j = 0; j < K; j++) { sum.mix[j] += props.mix[j]; }
          }
        }).load(features);
      }
      return indexes[band];
    }
    function servedUsable() {
      var c = data.clusters, P = data.places.length;
      return !!c && windowDays === null && c.radius === RADIUS && c.extent === EXTENT && c.min === BANDS[0][0] &&
        c.max === BANDS[0][1] && c.places === P && features.length === P && !!data["z" + c.min + "x"];
    }
    function servedLevel(zoom) {  // {n, mix} of the entries of zoom, from the places' up each zoom above
      if (served[zoom]) { return served[zoom]; }
      var above = zoom === data.clusters.max ? null : servedLevel(zoom + 1), up = data["z" + zoom + "u"];
      var n = new Int32Array(data["z" + zoom + "x"].length), mix = new Int32Array(n.length * K), j, t, q;
      for (j = 0; j < up.length; j++) {
        t = up[j];
        n[t] += above ? above.n[j] : start[j + 1] - start[j];
        for (q = 0; q < K; q++) { mix[t * K + q] += above ? above.mix[j * K + q] : mixes[j * K + q]; }
      }
      served[zoom] = {n: n, mix: mix};
      return served[zoom];
    }
    function encode(c) { return (c - 0.5) * SCALE; }  // Supercluster's, as its getClusters compares
    function lngX(lng) { return lng / 360 + 0.5; }
    function latY(lat) {
      var sin = Math.sin(lat * Math.PI / 180), y = 0.5 - 0.25 * Math.log((1 + sin) / (1 - sin)) / Math.PI;
      return y < 0 ? 0 : y > 1 ? 1 : y;
    }
    function servedClusters(box, zoom) {  // what index.getClusters(box, zoom) gives, from the server's levels
      var minLng = ((box[0] + 180) % 360 + 360) % 360 - 180, minLat = Math.max(-90, Math.min(90, box[1]));
      var maxLng = box[2] === 180 ? 180 : ((box[2] + 180) % 360 + 360) % 360 - 180, maxLat = Math.max(-90, Math.min(90, box[3]));
      if (box[2] - box[0] >= 360) { minLng = -180; maxLng = 180; }
      else if (minLng > maxLng) {
        return servedClusters([minLng, minLat, 180, maxLat], zoom).concat(servedClusters([-180, minLat, maxLng, maxLat], zoom));
      }
      var level = servedLevel(zoom), xs = data["z" + zoom + "x"], ys = data["z" + zoom + "y"], ids = data["z" + zoom + "i"];
      var x0 = encode(lngX(minLng)), y0 = encode(latY(maxLat)), x1 = encode(lngX(maxLng)), y1 = encode(latY(minLat));
      var P = data.places.length, out = [];
      for (var e = 0; e < xs.length; e++) {
        if (xs[e] < x0 || xs[e] > x1 || ys[e] < y0 || ys[e] > y1) { continue; }
        if (ids[e] < P) { out.push({properties: {pl: ids[e]}}); continue; }  // a place on its own
        // the centre as Supercluster decodes it: xLng(decode(x)), yLat(decode(y))
        var cy = ys[e] * (1 / SCALE) + 0.5, y2 = (180 - cy * 360) * Math.PI / 180;
        out.push({properties: {cluster: true, cluster_id: ids[e], n: level.n[e], mix: level.mix.subarray(e * K, e * K + K)},
                  geometry: {coordinates: [(xs[e] * (1 / SCALE) + 0.5 - 0.5) * 360, 360 * Math.atan(Math.exp(y2)) / Math.PI - 90]}});
      }
      return out;
    }
    function clustersAt(box, zoom, fromServer) {  // the clusters and places of a view, from the server's levels or the index
      return fromServer ? servedClusters(box, zoom) : indexOf(bandOf(zoom)).getClusters(box, zoom);
    }
    function inWindow(k) { return windowDays === null || (data.d[k] >= windowDays[0] && data.d[k] <= windowDays[1]); }
    function rebuild(drawNow) {  // drawNow false: the caller moves the view, which draws
      // Supercluster indexes places, not incidents: the incidents at one place are one point that
      // carries their number and their colours' counts, and clusters add them up. The incidents are
      // grouped by place in typed arrays (a counting sort: two passes, no array per place).
      var P = data.places.length, i, pi, k, seen = {};
      palette = [];
      var colourAt = new Int32Array(data.combos.length);
      for (k = 0; k < data.combos.length; k++) {
        var col = colourOf(data.combos[k][2]);
        if (!(col in seen)) { seen[col] = palette.length; palette.push(col); }
        colourAt[k] = seen[col];
      }
      K = Math.max(1, palette.length);
      start = new Int32Array(P + 1); mixes = new Int32Array(P * K); drawnCount = 0;
      for (i = 0; i < n; i++) {
        if (!inWindow(i)) { continue; }
        var at = data.p[i]; start[at + 1]++; mixes[at * K + colourAt[data.c[i]]]++; drawnCount++;
      }
      for (pi = 0; pi < P; pi++) { start[pi + 1] += start[pi]; }
      order = new Int32Array(drawnCount);
      var fill = start.slice(0, P);
      for (i = 0; i < n; i++) { if (inWindow(i)) { order[fill[data.p[i]]++] = i; } }
      features = [];
      for (pi = 0; pi < P; pi++) {
        if (start[pi + 1] === start[pi]) { continue; }
        var pl = data.places[pi];
        features.push({type: "Feature", properties: {pl: pi, n: start[pi + 1] - start[pi]},
                       geometry: {type: "Point", coordinates: [pl[1], pl[0]]}});
      }
      indexes = BANDS.map(function () { return null; });
      served = servedUsable() ? {} : null;
      objects.clearLayers(); clusters.clearLayers(); shown = {};
      drawHeat();
      if (drawNow) { draw(); }
    }
    function bounds() {
      var south = 90, north = -90, west = 180, east = -180, seen = false;
      for (var pi = 0; pi + 1 < start.length; pi++) {
        if (start[pi + 1] === start[pi]) { continue; }
        var pl = data.places[pi]; seen = true;
        if (pl[0] < south) { south = pl[0]; } if (pl[0] > north) { north = pl[0]; }
        if (pl[1] < west) { west = pl[1]; } if (pl[1] > east) { east = pl[1]; }
      }
      return seen ? [south, west, north, east] : null;
    }
    // FIT_SNAP: the first view's zoom in quarters when whole steps leave the incidents in less than half
    // of the map's width and of its height: a spread over two continents in a map of 700x540 beside
    // or above the legend fitted at zoom 1 (a quarter of the map), the next step being too large by a
    // fraction. Else whole steps, whose slack keeps a view's incidents in it when a popup pans the map.
    // Zooming from a quarter goes back to whole steps (the map's zoomSnap).
    var FIT_SNAP = 0.25;
    function fit(still) {  // still: no animation (a first view)
      var b = bounds();
      if (!b) { return; }
      if (b[2] - b[0] < 0.05 && b[3] - b[1] < 0.05) {
        map.setView([(b[0] + b[2]) / 2, (b[1] + b[3]) / 2], 9, {animate: !still}); return;
      }
      var box = L.latLngBounds([b[0], b[1]], [b[2], b[3]]), size = map.getSize();
      // Keep the incidents clear of the legend, which sits over the map's bottom left corner: beside
      // it or above it, whichever shows them larger (then whichever leaves more room). Clearing a
      // corner needs one of the two; padding both ways (as before) left a spread over a continent
      // or the world at zoom 0-1 in the top right quarter, under a legend of eight groups.
      // The margins are a ring's radius and a little more (ringSize: at most 52 px wide): a ring whose
      // centre was kept 20 px clear of the legend lay partly under it.
      // The legend's room is measured from the map's edges: the scale bar under it lifts it 50 px,
      // which its own height left out.
      var legend = map.getContainer().querySelector(".im-legend"), M = ringSize(1000) / 2 + 4;
      var frame = map.getContainer().getBoundingClientRect(), room = legend ? legend.getBoundingClientRect() : null;
      var w = room ? room.right - frame.left + M : M, h = room ? frame.bottom - room.top + M : M;
      var ways = [];
      if (w < size.x / 2) { ways.push({paddingTopLeft: [w, M], paddingBottomRight: [M, M]}); }
      if (h < size.y / 2) { ways.push({paddingTopLeft: [M, M], paddingBottomRight: [M, h]}); }
      if (!ways.length) { ways.push({padding: [M, M]}); }  // a legend too large to keep clear of
      var snap = map.options.zoomSnap;
      function choose(step) {  // the way that shows the incidents largest at zooms in steps of step, and its zoom
        var best = null, bestZoom = -1, bestRoom = -1;
        map.options.zoomSnap = step;
        try {
          ways.forEach(function (way) {
            var tl = way.paddingTopLeft || way.padding, br = way.paddingBottomRight || way.padding;
            var zoom = map.getBoundsZoom(box, false, L.point(tl[0] + br[0], tl[1] + br[1]));
            var room = (size.x - tl[0] - br[0]) * (size.y - tl[1] - br[1]);
            if (zoom > bestZoom || (zoom === bestZoom && room > bestRoom)) { best = way; bestZoom = zoom; bestRoom = room; }
          });
        } finally { map.options.zoomSnap = snap; }
        return [best, bestZoom, step];
      }
      var chosen = choose(snap), zoom = Math.min(chosen[1], 9);
      var span = map.project(box.getNorthEast(), zoom).subtract(map.project(box.getSouthWest(), zoom));
      if (Math.abs(span.x) < size.x / 2 && -span.y < size.y / 2) { chosen = choose(FIT_SNAP); }  // squeezed in whole steps
      map.options.zoomSnap = chosen[2];
      try { map.fitBounds(box, L.extend({maxZoom: 9, animate: !still}, chosen[0])); }  // its zoom is fixed (snapped) here, even animated
      finally { map.options.zoomSnap = snap; }
    }
    // Markers on the map by key; a redraw keeps those still wanted, so that an open popup
    // survives the small pan that opening it may cause.
    function draw() {
      if (!data) { return; }
      var zoom = Math.round(map.getZoom()), band = bandOf(zoom), tag = "c" + band + ":";
      var b = map.getBounds(), w = b.getWest(), e = b.getEast();
      var box = (e - w >= 360) ? [-180, b.getSouth(), 180, b.getNorth()]
        : [((w + 180) % 360 + 360) % 360 - 180, b.getSouth(), ((e + 180) % 360 + 360) % 360 - 180, b.getNorth()];
      var next = {};
      popupTop = controlsBottom();
      apart(clustersAt(box, zoom, band === 0 && served !== null)).forEach(function (f) {
        var key = f.properties.cluster ? tag + f.properties.cluster_id : "p" + f.properties.pl;
        if (shown[key]) { next[key] = shown[key]; delete shown[key]; return; }
        var list = f.properties.cluster ? null : listAt(f.properties.pl);
        var made = list === null ? [bubble(f, band), clusters]
          : [list.length === 1 ? single(list[0]) : placeBubble(f.properties.pl, list), objects];
        made[1].addLayer(made[0]);
        next[key] = made;
      });
      for (var key in shown) { shown[key][1].removeLayer(shown[key][0]); }
      shown = next;
    }
    function drawHeat() {
      if (heat) { map.removeLayer(heat); heat = null; }
      if (!heatOn || !data || typeof L.heatLayer !== "function") { return; }
      var points = [];
      for (var i = 0; i < n; i++) { if (inWindow(i)) { var hp = data.places[data.p[i]]; points.push([hp[0], hp[1]]); } }
      heat = L.heatLayer(points, {radius: 18, blur: 22, minOpacity: 0.35}).addTo(map);
    }
    map.on("moveend", draw);
    return {
      setData: function (decoded, fitToData) {
        data = decoded; n = data.p.length; day0 = Date.parse(data.day0 + "T00:00:00Z"); windowDays = null;
        rebuild(!fitToData);  // a first view: drawn once, where fit() puts it
        if (fitToData) { fit(true); draw(); }
      },
      setHeat: function (on) { heatOn = !!on; drawHeat(); },
      setWindow: function (lo, hi) { windowDays = lo === null ? null : [lo, hi]; if (data) { rebuild(true); } },
      fit: function () { fit(false); },
      data: function () { return data; },
      count: function () { return drawnCount; },
      // tests: the server's levels against the index (clustersAt), and which bands' indexes exist
      clustersAt: function (box, zoom, fromServer) { return clustersAt(box, zoom, fromServer && served !== null); },
      served: function () { return served !== null; },
      indexed: function () { return indexes.map(function (i) { return i !== null; }); },
      total: function () { return n; },
    };
  }

  // Country shapes cut at the antimeridian. world-atlas's rings are drawn for a sphere: Russia's and
  // Fiji's step from 179.9 to -180 degrees and back, which a flat map draws as lines (and a band of
  // fill) across the whole world. Such a ring, made continuous, is cut into the parts on either side
  // of the antimeridian, each moved back into -180..180; a ring around a pole (Antarctica's: made
  // continuous, it ends a turn away from its start) is first closed along the pole.
  function clipX(points, x, keepEast) {  // Sutherland-Hodgman against the meridian x
    var out = [], i, a, b, aIn, bIn;
    for (i = 0; i < points.length; i++) {
      a = points[i]; b = points[(i + 1) % points.length];
      aIn = keepEast ? a[0] >= x : a[0] <= x; bIn = keepEast ? b[0] >= x : b[0] <= x;
      if (aIn) { out.push(a); }
      if (aIn !== bIn) { out.push([x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0])]); }
    }
    return out;
  }
  function cutRing(ring) {
    var i, steps = false;
    for (i = 1; i < ring.length && !steps; i++) { steps = Math.abs(ring[i][0] - ring[i - 1][0]) > 180; }
    if (!steps) { return [ring]; }
    var u = [[ring[0][0], ring[0][1]]], off = 0, lon, lo = Infinity, hi = -Infinity;
    for (i = 1; i < ring.length; i++) {
      lon = ring[i][0] + off;
      if (lon - u[i - 1][0] > 180) { off -= 360; lon -= 360; } else if (u[i - 1][0] - lon > 180) { off += 360; lon += 360; }
      u.push([lon, ring[i][1]]); lo = Math.min(lo, lon); hi = Math.max(hi, lon);
    }
    if (off !== 0) {  // around a pole: closed along it, then cut as the others
      var pole = ring.reduce(function (m, q) { return Math.abs(q[1]) > Math.abs(m) ? q[1] : m; }, 0) < 0 ? -90 : 90;
      u.push([u[u.length - 1][0], pole], [u[0][0], pole]);
    } else if (lo >= -180 && hi <= 180) { return [ring]; }
    var parts = [], k, piece, shift;
    for (k = Math.floor((lo + 180) / 360); k <= Math.floor((hi + 180) / 360); k++) {
      shift = 360 * k;
      piece = clipX(clipX(u, shift - 180, true), shift + 180, false);
      if (piece.some(function (q) { return q[0] > shift - 180 && q[0] < shift + 180; })) {
        piece = piece.map(function (q) { return [q[0] - shift, q[1]]; });
        piece.push(piece[0]); parts.push(piece);
      }
    }
    return parts;
  }
  function inRing(pt, ring) {  // ray casting
    var inside = false, i, j;
    for (i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      if ((ring[i][1] > pt[1]) !== (ring[j][1] > pt[1]) &&
          pt[0] < (ring[j][0] - ring[i][0]) * (pt[1] - ring[i][1]) / (ring[j][1] - ring[i][1]) + ring[i][0]) { inside = !inside; }
    }
    return inside;
  }
  function cutAtAntimeridian(geo) {
    geo.features.forEach(function (f) {
      var g = f.geometry;
      if (!g || (g.type !== "Polygon" && g.type !== "MultiPolygon")) { return; }
      var polygons = g.type === "Polygon" ? [g.coordinates] : g.coordinates, out = [];
      polygons.forEach(function (poly) {
        var outers = cutRing(poly[0]);
        if (outers.length === 1 && outers[0] === poly[0]) { out.push(poly); return; }
        var made = outers.map(function (r) { return [r]; });
        poly.slice(1).forEach(function (hole) {  // a hole goes with the part that holds it
          var home = made.filter(function (m) { return inRing(hole[0], m[0]); })[0];
          if (home) { home.push(hole); }
        });
        out = out.concat(made);
      });
      f.geometry = {type: "MultiPolygon", coordinates: out};
    });
    return geo;
  }

  function drawBorders(map, url) {
    if (!url) { return; }
    map.createPane("borders"); map.getPane("borders").style.zIndex = 250;
    fetch(url).then(function (r) { return r.json(); }).then(function (topo) {
      var geo = cutAtAntimeridian(topojson.feature(topo, topo.objects.countries));
      L.geoJSON(geo, {pane: "borders", interactive: false,
        style: {color: "#5b6770", weight: 0.8, fill: true, fillColor: "#f3f1ea", fillOpacity: 0.35}}).addTo(map);
    }).catch(function () {});
  }

  // The Add article preview (streamlit-folium): one payload, drawn once.
  function incidentMapLayer(map, payloadText, opts) {
    var layer = IncidentLayer(map, opts);
    // After streamlit-folium has bound its click handlers to the layers present at render time.
    setTimeout(function () {
      layer.setData(JSON.parse(payloadText), opts.fit);
      window.incidentMapCount = layer.count();
    }, 0);
    drawBorders(map, opts.bordersUrl);
  }

  window.IncidentLayer = IncidentLayer;
  window.incidentMapLayer = incidentMapLayer;
  window.incidentMapBorders = drawBorders;
  window.incidentMapEl = el;
})();
