// The incident map's layer: markers, clusters and popups drawn in the browser from one JSON payload.
//
// geo/map/layer.py (IncidentLayer) adds this file to the page as a script and then one line,
//   incidentMapLayer(map, "<payload as a JSON string>", {fit, heat, bordersUrl, maxZoom, clusterMaxZoom});
// The payload is a string for JSON.parse, which V8 reads faster than the same data as an object
// literal (BENCHMARKS.md, issue 5). Popups are built with textContent, so article text can never
// become markup. Needs Leaflet and Supercluster (and leaflet.heat / topojson-client when asked for).
(function () {
  "use strict";

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  function colourOf(c) { return /^#[0-9a-fA-F]{6}$/.test(c) ? c : "#7f7f7f"; }
  var GLYPHS = {"●": 1, "◆": 1, "▲": 1, "■": 1, "✱": 1, "⬢": 1};

  function incidentMapLayer(map, payloadText, opts) {
    var data = JSON.parse(payloadText);
    var n = data.p.length, i;
    var day0 = Date.parse(data.day0 + "T00:00:00Z");
    function dateOf(k) { return new Date(day0 + data.d[k] * 86400000).toISOString().slice(0, 10); }
    // What a click on a marker hands to streamlit-folium: a marker's `feature` becomes
    // last_active_drawing (its toGeoJSON). It names the payload rows of the marker's incidents
    // and the payload's key; geo.map.layer.clicked_ids turns them into incident ids.
    function clickFeature(incidents) {
      return {type: "Feature", properties: {rows: incidents.slice(), key: data.key || null}};
    }
    function incidentPopup(k) {
      var place = data.places[data.p[k]], combo = data.combos[data.c[k]], kind = data.kinds[data.k[k]];
      var box = el("div", null, "im-popup");
      box.appendChild(el("div", kind[1] + " at " + place[2], "im-popup-title"));
      var dl = el("dl");
      [["Date", dateOf(k) + " (" + data.precision[data.f[k] >> 2] + ")"], ["Type", kind[0] + " / " + kind[1]],
       ["Groups", combo[0]], ["Claimed by", combo[1]],
       ["Place", place[2] + (place[3] ? ", " + place[3] : "") + " (" + data.geo[data.f[k] & 3] + ")"]
      ].forEach(function (kv) { dl.appendChild(el("dt", kv[0])); dl.appendChild(el("dd", kv[1])); });
      box.appendChild(dl);
      box.appendChild(el("div", data.n[k] + (data.n[k] === 1 ? " source" : " sources") +
                         ": the quotes are in the Details panel beside the map.", "im-count"));
      return box;
    }
    function placePopup(incidents) {
      var total = incidents.length, place = data.places[data.p[incidents[0]]];
      var box = el("div", null, "im-popup");
      box.appendChild(el("div", total + " incidents at " + place[2] + (place[3] ? ", " + place[3] : ""), "im-popup-title"));
      var list = el("ul", null, "im-list");
      var shownHere = incidents.slice().sort(function (a, b) { return data.d[b] - data.d[a]; }).slice(0, 25);
      shownHere.forEach(function (k) {
        list.appendChild(el("li", dateOf(k) + " · " + data.kinds[data.k[k]][1] + " · " + data.combos[data.c[k]][0]));
      });
      box.appendChild(list);
      if (total > shownHere.length) { box.appendChild(el("div", "and " + (total - shownHere.length) + " more (the newest are listed).", "im-count")); }
      box.appendChild(el("div", "Their quotes and sources are in the Details panel beside the map.", "im-cite"));
      return box;
    }
    // Supercluster indexes places, not incidents: the incidents at one place are one point that
    // carries their number (a tenth of the points at 200,000 incidents), and clusters add them up.
    var byPlace = new Array(data.places.length);
    for (i = 0; i < n; i++) { var at = data.p[i]; (byPlace[at] || (byPlace[at] = [])).push(i); }
    var features = [];
    var south = 90, north = -90, west = 180, east = -180;
    for (var pi = 0; pi < byPlace.length; pi++) {
      if (!byPlace[pi]) { continue; }
      var pl = data.places[pi];
      features.push({type: "Feature", properties: {pl: pi, n: byPlace[pi].length},
                     geometry: {type: "Point", coordinates: [pl[1], pl[0]]}});
      if (pl[0] < south) { south = pl[0]; } if (pl[0] > north) { north = pl[0]; }
      if (pl[1] < west) { west = pl[1]; } if (pl[1] > east) { east = pl[1]; }
    }
    var index = new Supercluster({radius: 60, maxZoom: opts.clusterMaxZoom,
      map: function (props) { return {n: props.n}; }, reduce: function (sum, props) { sum.n += props.n; }}).load(features);
    // Clicks on single markers and on places with several incidents reach streamlit-folium through
    // this FeatureGroup (it forwards its children's clicks); clusters of several places only zoom.
    var objects = L.featureGroup().addTo(map);
    var clusters = L.layerGroup().addTo(map);
    function single(k) {
      var place = data.places[data.p[k]], combo = data.combos[data.c[k]], kind = data.kinds[data.k[k]];
      var glyph = GLYPHS[kind[2]] ? kind[2] : "●";
      var icon = L.divIcon({className: "im-marker" + ((data.f[k] & 3) > 1 ? " im-approx" : ""),
        html: '<span style="color:' + colourOf(combo[2]) + '">' + glyph + '</span>', iconSize: [18, 18], iconAnchor: [9, 9]});
      var m = L.marker([place[0], place[1]], {icon: icon, title: place[2] + " " + dateOf(k)});
      m.feature = clickFeature([k]);
      m.bindPopup(function () { return incidentPopup(k); }, {maxWidth: 380});
      m.bindTooltip(function () { return el("span", place[2] + " · " + dateOf(k) + " · " + kind[1]); });
      return m;
    }
    function bubbleIcon(count) {
      var size = count < 10 ? "small" : count < 100 ? "medium" : "large";
      return L.divIcon({html: "<div><span>" + Number(count) + "</span></div>",
                        className: "marker-cluster marker-cluster-" + size, iconSize: L.point(40, 40)});
    }
    function placeBubble(pi) {
      // several incidents at one place: list them instead of zooming
      var place = data.places[pi], list = byPlace[pi];
      var m = L.marker([place[0], place[1]], {icon: bubbleIcon(list.length), title: place[2]});
      m.feature = clickFeature(list);
      m.bindPopup(function () { return placePopup(list); }, {maxWidth: 420});
      return m;
    }
    function bubble(f) {
      var ll = [f.geometry.coordinates[1], f.geometry.coordinates[0]], id = f.properties.cluster_id;
      var m = L.marker(ll, {icon: bubbleIcon(f.properties.n)});
      m.on("click", function () { map.flyTo(ll, Math.min(index.getClusterExpansionZoom(id), opts.maxZoom)); });
      return m;
    }
    // Markers on the map by key; a redraw keeps those still wanted, so that an open popup
    // survives the small pan that opening it may cause.
    var shown = {};
    function draw() {
      var b = map.getBounds(), w = b.getWest(), e = b.getEast();
      var box = (e - w >= 360) ? [-180, b.getSouth(), 180, b.getNorth()]
        : [((w + 180) % 360 + 360) % 360 - 180, b.getSouth(), ((e + 180) % 360 + 360) % 360 - 180, b.getNorth()];
      var next = {};
      index.getClusters(box, Math.round(map.getZoom())).forEach(function (f) {
        var key = f.properties.cluster ? "c" + f.properties.cluster_id : "p" + f.properties.pl;
        if (shown[key]) { next[key] = shown[key]; delete shown[key]; return; }
        var list = f.properties.cluster ? null : byPlace[f.properties.pl];
        var made = list === null ? [bubble(f), clusters]
          : [list.length === 1 ? single(list[0]) : placeBubble(f.properties.pl), objects];
        made[1].addLayer(made[0]);
        next[key] = made;
      });
      for (var key in shown) { shown[key][1].removeLayer(shown[key][0]); }
      shown = next;
    }
    if (opts.heat) {
      var heat = new Array(n);
      for (i = 0; i < n; i++) { var hp = data.places[data.p[i]]; heat[i] = [hp[0], hp[1]]; }
      L.heatLayer(heat, {radius: 18, blur: 22, minOpacity: 0.35}).addTo(map);
    }
    if (opts.fit && n) {
      if (north - south < 0.05 && east - west < 0.05) { map.setView([(north + south) / 2, (east + west) / 2], 9); }
      else { map.fitBounds([[south, west], [north, east]], {maxZoom: 9, padding: [20, 20]}); }
    }
    map.on("moveend", draw);
    // After streamlit-folium has bound its click handlers to the layers present at render time.
    setTimeout(function () { draw(); window.incidentMapCount = n; }, 0);
    if (opts.bordersUrl) {
      map.createPane("borders"); map.getPane("borders").style.zIndex = 250;
      fetch(opts.bordersUrl).then(function (r) { return r.json(); }).then(function (topo) {
        var geo = topojson.feature(topo, topo.objects.countries);
        L.geoJSON(geo, {pane: "borders", interactive: false,
          style: {color: "#5b6770", weight: 0.8, fill: true, fillColor: "#f3f1ea", fillOpacity: 0.35}}).addTo(map);
      }).catch(function () {});
    }
  }

  window.incidentMapLayer = incidentMapLayer;
})();
