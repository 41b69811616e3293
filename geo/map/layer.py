"""The incident map: one JSON payload, markers, clusters and popups built in the browser.

folium builds a Python object and a block of HTML per marker, which is slow past a few
thousand incidents. Here the incidents travel as one compact, dictionary-encoded JSON document
(map_payload); Supercluster clusters them in the browser and Leaflet draws only what is in
view. Each popup is built from the payload with textContent, so article text can never become
markup. Country borders from the world-atlas
npm package keep the map readable when no tile server can be reached.
"""

from __future__ import annotations

import json

import folium
import folium.plugins
import numpy as np
import orjson
import pandas as pd
from branca.element import CssLink, Element, Figure, JavascriptLink, MacroElement
from folium.elements import JSCSSMixin
from jinja2 import Template

from geo.map.assets import URL_PREFIX, use_local_assets
from geo.store.tables import UNKNOWN_GROUP

# static/package.json pins the same version; the CDN is used only when static/ is not installed.
SUPERCLUSTER_VERSION = "9.1.0"
DEFAULT_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
TILE_ATTRIBUTION = "&copy; OpenStreetMap contributors"
# Colour-blind-safe qualitative palette (Okabe & Ito), then Tableau's for more groups.
PALETTE = (
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442",
    "#4E79A7", "#F28E2B", "#E15759", "#76B7B2", "#59A14F", "#EDC948", "#B07AA1", "#FF9DA7",
)
UNKNOWN_COLOUR = "#7f7f7f"
# One glyph per ACLED event type, as Liveuamap draws an icon per kind of event.
SHAPES = {
    "Battles": "●",
    "Explosions/Remote violence": "◆",
    "Violence against civilians": "▲",
    "Protests": "■",
    "Riots": "✱",
    "Strategic developments": "⬢",
}
DEFAULT_SHAPE = "●"
PRECISION_WORDS = {1: "exact day", 2: "within a week", 3: "month only"}
GEO_WORDS = {1: "the place itself", 2: "near the place", 3: "region only (drawn at its capital)"}
MAX_ZOOM = 18
# Places closer than a cluster's radius stay clustered up to this zoom; beyond it every place
# is drawn on its own (incidents at one place are always one marker, listing them).
CLUSTER_MAX_ZOOM = 16
# Columns a frame handed to map_payload must have (the dashboard's frame has them all).
PAYLOAD_COLUMNS = ("latitude", "longitude", "place", "admin1", "country", "event_date", "time_precision",
                   "geo_precision", "event_type", "sub_event_type", "actors", "claimed_by", "n_sources")


def group_colours(groups: list[str]) -> dict[str, str]:
    ordered = sorted(g for g in set(groups) if g and g != UNKNOWN_GROUP)
    out = {g: PALETTE[k % len(PALETTE)] for k, g in enumerate(ordered)}
    out[UNKNOWN_GROUP] = UNKNOWN_COLOUR
    return out


def _codes(frame: pd.DataFrame) -> tuple[np.ndarray, list[list]]:
    """Dictionary-encode the rows of frame: a code per row and the distinct rows, in first-seen order."""
    codes = frame.groupby(list(frame.columns), sort=False, dropna=False).ngroup().to_numpy()
    return codes, frame.drop_duplicates().to_numpy(object).tolist()


def map_payload(frame: pd.DataFrame, colours: dict[str, str]) -> bytes:
    """The incidents of frame as one compact JSON document for IncidentLayer.

    Repeated values (places, groups, types) are sent once in tables and each incident is a
    handful of small integers, so 200,000 incidents weigh a few MB. Quotes are not sent: the
    popup says where to read them, and the Details panel fetches them for a clicked place."""
    lat = frame["latitude"].to_numpy(float)
    lon = frame["longitude"].to_numpy(float)
    located = frame[np.isfinite(lat) & np.isfinite(lon)]
    places, place_table = _codes(pd.DataFrame({
        "lat": located["latitude"].round(5), "lon": located["longitude"].round(5), "place": located["place"],
        "region": located["admin1"].where(located["admin1"] != "", located["country"]),
    }))
    kinds, kind_table = _codes(located[["event_type", "sub_event_type"]])
    # Groups and claimants are tuples: encode each column, then the pairs of codes.
    actor_codes, actor_sets = pd.factorize(located["actors"])
    claim_codes, claim_sets = pd.factorize(located["claimed_by"])
    combos, pairs = pd.factorize(actor_codes.astype(np.int64) * (len(claim_sets) + 1) + claim_codes)
    combo_table = []
    for pair in pairs:
        actors, claimed = actor_sets[pair // (len(claim_sets) + 1)], claim_sets[pair % (len(claim_sets) + 1)]
        first = actors[0] if actors else UNKNOWN_GROUP
        combo_table.append([", ".join(actors) or UNKNOWN_GROUP, ", ".join(claimed) or "not stated",
                            colours.get(first, UNKNOWN_COLOUR)])
    days = located["event_date"].to_numpy("datetime64[D]")
    day0 = days.min() if len(days) else np.datetime64("2000-01-01")
    doc = {
        "day0": str(day0),
        "places": place_table,
        "combos": combo_table,
        "kinds": [[t, s, SHAPES.get(t, DEFAULT_SHAPE)] for t, s in kind_table],
        "precision": PRECISION_WORDS, "geo": GEO_WORDS,
        "p": places.astype(np.int32), "d": (days - day0).astype(np.int32), "c": combos.astype(np.int32),
        "k": kinds.astype(np.int32),
        "f": (located["time_precision"].to_numpy(np.int32) * 4 + located["geo_precision"].to_numpy(np.int32)),
        "n": located["n_sources"].to_numpy(np.int32),
    }
    return orjson.dumps(doc, option=orjson.OPT_SERIALIZE_NUMPY | orjson.OPT_NON_STR_KEYS)


_LAYER_TEMPLATE = Template("""
{% macro script(this, kwargs) %}
(function() {
  var map = {{ this._parent.get_name() }};
  var data = JSON.parse({{ this.payload_literal }});
  var n = data.p.length, i;
  var day0 = Date.parse(data.day0 + "T00:00:00Z");
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  function colourOf(c) { return /^#[0-9a-fA-F]{6}$/.test(c) ? c : "#7f7f7f"; }
  var GLYPHS = {"●":1,"◆":1,"▲":1,"■":1,"✱":1,"⬢":1};
  function dateOf(k) { return new Date(day0 + data.d[k] * 86400000).toISOString().slice(0, 10); }
  function incidentPopup(k) {
    var place = data.places[data.p[k]], combo = data.combos[data.c[k]], kind = data.kinds[data.k[k]];
    var box = el("div", null, "im-popup");
    box.appendChild(el("div", kind[1] + " at " + place[2], "im-popup-title"));
    var dl = el("dl");
    [["Date", dateOf(k) + " (" + data.precision[data.f[k] >> 2] + ")"], ["Type", kind[0] + " / " + kind[1]],
     ["Groups", combo[0]], ["Claimed by", combo[1]],
     ["Place", place[2] + (place[3] ? ", " + place[3] : "") + " (" + data.geo[data.f[k] & 3] + ")"]
    ].forEach(function(kv) { dl.appendChild(el("dt", kv[0])); dl.appendChild(el("dd", kv[1])); });
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
    var shownHere = incidents.slice().sort(function(a, b) { return data.d[b] - data.d[a]; }).slice(0, 25);
    shownHere.forEach(function(k) {
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
  var index = new Supercluster({radius: 60, maxZoom: {{ this.cluster_max_zoom }},
    map: function(props) { return {n: props.n}; }, reduce: function(sum, props) { sum.n += props.n; }}).load(features);
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
    m.bindPopup(function() { return incidentPopup(k); }, {maxWidth: 380});
    m.bindTooltip(function() { return el("span", place[2] + " · " + dateOf(k) + " · " + kind[1]); });
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
    m.bindPopup(function() { return placePopup(list); }, {maxWidth: 420});
    return m;
  }
  function bubble(f) {
    var ll = [f.geometry.coordinates[1], f.geometry.coordinates[0]], id = f.properties.cluster_id;
    var m = L.marker(ll, {icon: bubbleIcon(f.properties.n)});
    m.on("click", function() { map.flyTo(ll, Math.min(index.getClusterExpansionZoom(id), {{ this.max_zoom }})); });
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
    index.getClusters(box, Math.round(map.getZoom())).forEach(function(f) {
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
  {% if this.heat %}
  var heat = new Array(n);
  for (i = 0; i < n; i++) { var hp = data.places[data.p[i]]; heat[i] = [hp[0], hp[1]]; }
  L.heatLayer(heat, {radius: 18, blur: 22, minOpacity: 0.35}).addTo(map);
  {% endif %}
  {% if this.fit %}
  if (n) {
    if (north - south < 0.05 && east - west < 0.05) { map.setView([(north + south) / 2, (east + west) / 2], 9); }
    else { map.fitBounds([[south, west], [north, east]], {maxZoom: 9, padding: [20, 20]}); }
  }
  {% endif %}
  map.on("moveend", draw);
  // After streamlit-folium has bound its click handlers to the layers present at render time.
  setTimeout(function() { draw(); window.incidentMapCount = n; }, 0);
  {% if this.borders_url %}
  map.createPane("borders"); map.getPane("borders").style.zIndex = 250;
  fetch("{{ this.borders_url }}").then(function(r) { return r.json(); }).then(function(topo) {
    var geo = topojson.feature(topo, topo.objects.countries);
    L.geoJSON(geo, {pane: "borders", interactive: false,
      style: {color: "#5b6770", weight: 0.8, fill: true, fillColor: "#f3f1ea", fillOpacity: 0.35}}).addTo(map);
  }).catch(function() {});
  {% endif %}
})();
{% endmacro %}
""")


class _ScriptText(Element):
    """Script text added to the figure as it is. branca's MacroElement.render wraps what a macro
    produced in a new Element, which compiles it as a Jinja template: for a payload of
    megabytes that is a second of lexing on every render, and st_folium renders several times."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs: object) -> str:
        return self.text


class IncidentLayer(JSCSSMixin, MacroElement):
    """The incidents as one clustered layer, drawn by the browser from a JSON payload.

    Supercluster indexes every incident once in the browser; only the clusters and markers
    inside the view become Leaflet objects, so the page stays quick at 200,000 incidents."""

    default_js: list[tuple[str, str]] = []
    default_css: list[tuple[str, str]] = []

    def __init__(self, payload: bytes, *, fit: bool = True, heat: bool = False, local: bool = True,
                 borders_url: str | None = None) -> None:
        super().__init__()
        # The cluster bubbles' look: Leaflet.markercluster's stylesheets, through folium's resource list
        # (made local by use_local_assets when static/ is installed).
        self.default_css = list(folium.plugins.MarkerCluster.default_css)
        self.default_js = [("supercluster", f"{URL_PREFIX}/supercluster/dist/supercluster.min.js" if local
                            else f"https://unpkg.com/supercluster@{SUPERCLUSTER_VERSION}/dist/supercluster.min.js")]
        if heat:
            # folium's own resource for leaflet.heat (made local by use_local_assets when it can be)
            self.default_js.append(("leaflet-heat.js", dict(folium.plugins.HeatMap.default_js)["leaflet-heat.js"]))
        if borders_url:
            # listed as the layer's own resource so that streamlit-folium loads it too
            self.default_js.append(("topojson", f"{URL_PREFIX}/topojson-client/dist/topojson-client.min.js"))
        self._name = "IncidentLayer"
        self._template = _LAYER_TEMPLATE
        # The payload as a JavaScript string for JSON.parse, which V8 reads faster than the same
        # data written as an object literal. "<" is escaped inside the JSON first, so that
        # "</script>" in a name can never close the script element.
        self.payload_literal = json.dumps(payload.decode("utf-8").replace("<", "\\u003c"))
        self.fit = fit
        self.heat = heat
        self.max_zoom = MAX_ZOOM
        self.cluster_max_zoom = CLUSTER_MAX_ZOOM
        self.borders_url = borders_url

    def render(self, **kwargs: object) -> str:
        """As JSCSSMixin and MacroElement render, without compiling the script as a template."""
        figure = self.get_root()
        assert isinstance(figure, Figure)
        for name, url in self.default_js:
            figure.header.add_child(JavascriptLink(url), name=name)
        for name, url in self.default_css:
            figure.header.add_child(CssLink(url), name=name)
        figure.script.add_child(_ScriptText(self._template.module.script(self, kwargs)), name=self.get_name())
        return ""


_CSS = """
<style>
.im-marker span { font-size: 17px; line-height: 18px; text-shadow: 0 0 2px #fff, 0 0 2px #fff; display:block; text-align:center; }
.im-approx span { opacity: .55; border: 2px dashed currentColor; border-radius: 50%; width: 18px; height: 18px; font-size: 11px; }
.im-popup { font: 13px/1.35 system-ui, sans-serif; }
.im-popup-title { font-weight: 600; margin-bottom: 4px; }
.im-popup dl { display: grid; grid-template-columns: auto 1fr; gap: 1px 8px; margin: 0 0 6px; }
.im-popup dt { color: #555; } .im-popup dd { margin: 0; }
.im-popup blockquote { margin: 4px 0; padding-left: 8px; border-left: 3px solid #ccc; color: #333; }
.im-cite { font-size: 12px; color: #555; margin-top: 2px; } .im-count { font-weight: 600; }
.im-list { margin: 0 0 4px; padding-left: 16px; max-height: 220px; overflow-y: auto; }
</style>
"""


def build_map(payload: bytes, *, tiles_url: str = DEFAULT_TILES, heatmap: bool = False,
              center: tuple[float, float] = (50.0, 36.0), zoom: int = 5) -> folium.Map:
    local = use_local_assets()
    fmap = folium.Map(location=list(center), zoom_start=zoom, tiles=None, control_scale=True, prefer_canvas=True,
                      max_zoom=MAX_ZOOM)
    # Only Leaflet itself: folium also lists jQuery, Bootstrap, Font Awesome and awesome-markers
    # for its own markers and popups, which this map does not use (about 1 MB less to load).
    fmap.default_js = [(n, u) for n, u in fmap.default_js if n == "leaflet"]
    fmap.default_css = [(n, u) for n, u in fmap.default_css if n == "leaflet_css"]
    folium.TileLayer(tiles=tiles_url, attr=TILE_ATTRIBUTION, name="Base map", max_zoom=MAX_ZOOM).add_to(fmap)
    root = fmap.get_root()
    assert isinstance(root, Figure)
    root.header.add_child(Element(_CSS))
    borders = f"{URL_PREFIX}/world-atlas/countries-50m.json" if local else None
    IncidentLayer(payload, fit=True, heat=heatmap, local=local, borders_url=borders).add_to(fmap)
    return fmap
