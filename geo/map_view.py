"""The incident map: one JSON payload, markers, clusters and popups built in the browser.

folium builds a Python object and a block of HTML per marker, which is slow past a few
thousand incidents. Here the incidents travel as one compact JSON array; Leaflet and
Leaflet.markercluster draw them, and each popup is built from its feature's properties with
textContent, so article text can never become markup. Country borders from the world-atlas
npm package keep the map readable when no tile server can be reached.
"""

from __future__ import annotations

import json
import math
from typing import Any

import folium
import folium.plugins
from branca.element import Element, Figure, MacroElement
from folium.elements import JSCSSMixin
from jinja2 import Template

from geo.assets import URL_PREFIX, use_local_assets

DEFAULT_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
TILE_ATTRIBUTION = "&copy; OpenStreetMap contributors"
# Colour-blind-safe qualitative palette (Okabe & Ito), then Tableau's for more groups.
PALETTE = (
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442",
    "#4E79A7", "#F28E2B", "#E15759", "#76B7B2", "#59A14F", "#EDC948", "#B07AA1", "#FF9DA7",
)
UNKNOWN_GROUP = "Unknown group"
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
# Column order of each incident in the payload (keeps 200,000 incidents a few MB).
FIELDS = ("id", "lat", "lon", "colour", "shape", "approx", "date", "tp", "type", "sub", "groups", "claimed", "place",
          "gp", "summary", "n", "quotes")
PRECISION_WORDS = {1: "exact day", 2: "within a week", 3: "month only"}
GEO_WORDS = {1: "the place itself", 2: "near the place", 3: "region only (drawn at its capital)"}


def group_colours(groups: list[str]) -> dict[str, str]:
    ordered = sorted(g for g in set(groups) if g and g != UNKNOWN_GROUP)
    out = {g: PALETTE[k % len(PALETTE)] for k, g in enumerate(ordered)}
    out[UNKNOWN_GROUP] = UNKNOWN_COLOUR
    return out


def payload_rows(rows: list[dict[str, Any]], colours: dict[str, str], *, max_quotes: int = 3) -> list[list[Any]]:
    """Incidents (dicts with the frame's columns) as compact arrays in FIELDS order."""
    out = []
    for r in rows:
        groups = list(r["actors"]) or [UNKNOWN_GROUP]
        quotes = [[s.get("title") or s.get("outlet") or "article", s.get("url") or "", s.get("quote", "")[:600]]
                  for s in r["sources"][:max_quotes]]
        out.append([
            r["id"], round(float(r["latitude"]), 5), round(float(r["longitude"]), 5), colours.get(groups[0], UNKNOWN_COLOUR),
            SHAPES.get(r["event_type"], DEFAULT_SHAPE), int(r["geo_precision"] > 1),
            r["event_date"].strftime("%Y-%m-%d"), PRECISION_WORDS.get(int(r["time_precision"]), ""), r["event_type"],
            r["sub_event_type"], ", ".join(groups), ", ".join(r["claimed_by"]) or "not stated", r["place"],
            GEO_WORDS.get(int(r["geo_precision"]), ""), r["summary"], int(r["n_sources"]), quotes,
        ])
    return out


_LAYER_TEMPLATE = Template("""
{% macro script(this, kwargs) %}
(function() {
  var map = {{ this._parent.get_name() }};
  var fields = {{ this.fields_json }};
  var rows = {{ this.rows_json }};
  var col = {}; fields.forEach(function(f, i) { col[f] = i; });
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  function safeUrl(u) { return /^https?:\\/\\//i.test(u || "") ? u : ""; }
  function popup(r) {
    var box = el("div", null, "im-popup");
    box.appendChild(el("div", r[col.summary], "im-popup-title"));
    var dl = el("dl");
    [["Date", r[col.date] + " (" + r[col.tp] + ")"], ["Type", r[col.type] + " / " + r[col.sub]],
     ["Groups", r[col.groups]], ["Claimed by", r[col.claimed]], ["Place", r[col.place] + " (" + r[col.gp] + ")"]
    ].forEach(function(kv) { dl.appendChild(el("dt", kv[0])); dl.appendChild(el("dd", kv[1])); });
    box.appendChild(dl);
    r[col.quotes].forEach(function(q) {
      var bq = el("blockquote", q[2]);
      var cite = el("div", "— ", "im-cite");
      var url = safeUrl(q[1]);
      if (url) { var a = el("a", q[0]); a.href = url; a.target = "_blank"; a.rel = "noopener noreferrer"; cite.appendChild(a); }
      else { cite.appendChild(el("span", q[0])); }
      bq.appendChild(cite);
      box.appendChild(bq);
    });
    box.appendChild(el("div", r[col.n] + (r[col.n] === 1 ? " source" : " sources"), "im-count"));
    return box;
  }
  var cluster = L.markerClusterGroup({chunkedLoading: true, chunkInterval: 100, maxClusterRadius: 45,
                                      showCoverageOnHover: false});
  var markers = new Array(rows.length);
  for (var i = 0; i < rows.length; i++) {
    var r = rows[i];
    var icon = L.divIcon({
      className: "im-marker" + (r[col.approx] ? " im-approx" : ""),
      html: '<span style="color:' + (/^#[0-9a-fA-F]{6}$/.test(r[col.colour]) ? r[col.colour] : "#7f7f7f") + '">' +
            ({"●":1,"◆":1,"▲":1,"■":1,"✱":1,"⬢":1}[r[col.shape]] ? r[col.shape] : "●") + '</span>',
      iconSize: [18, 18], iconAnchor: [9, 9]});
    var m = L.marker([r[col.lat], r[col.lon]], {icon: icon, title: r[col.place] + " " + r[col.date]});
    m.bindPopup((function(row) { return function() { return popup(row); }; })(r), {maxWidth: 380});
    m.bindTooltip((function(row) { return function() { return el("span", row[col.place] + " · " + row[col.date] + " · " + row[col.id]); }; })(r));
    markers[i] = m;
  }
  cluster.addLayers(markers);
  map.addLayer(cluster);
  window.incidentMapCount = rows.length;
  {% if this.fit %}
  if (rows.length) { map.fitBounds(cluster.getBounds(), {maxZoom: 9, padding: [20, 20]}); }
  {% endif %}
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


class IncidentLayer(JSCSSMixin, MacroElement):
    """The incidents as one clustered layer, drawn by the browser from a JSON payload."""

    default_js: list[tuple[str, str]] = []

    def __init__(self, rows: list[list[Any]], *, fit: bool = True, borders_url: str | None = None) -> None:
        super().__init__()
        if borders_url:
            # listed as the layer's own resource so that streamlit-folium loads it too
            self.default_js = [("topojson", f"{URL_PREFIX}/topojson-client/dist/topojson-client.min.js")]
        self._name = "IncidentLayer"
        self._template = _LAYER_TEMPLATE
        # json.dumps escapes nothing HTML-special by default: make "</script>" in a quote harmless.
        self.rows_json = json.dumps(rows, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
        self.fields_json = json.dumps(FIELDS)
        self.fit = fit
        self.borders_url = borders_url


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
</style>
"""


def build_map(rows: list[list[Any]], *, tiles_url: str = DEFAULT_TILES, heatmap: bool = False,
              heat_points: list[list[float]] | None = None, center: tuple[float, float] = (50.0, 36.0),
              zoom: int = 5) -> folium.Map:
    local = use_local_assets()
    fmap = folium.Map(location=list(center), zoom_start=zoom, tiles=None, control_scale=True, prefer_canvas=True)
    folium.TileLayer(tiles=tiles_url, attr=TILE_ATTRIBUTION, name="Base map", max_zoom=18).add_to(fmap)
    # The cluster plugin's JS and CSS: through folium's own MarkerCluster resources.
    cluster_assets = folium.plugins.MarkerCluster()
    cluster_assets.add_to(fmap)
    root = fmap.get_root()
    assert isinstance(root, Figure)
    root.header.add_child(Element(_CSS))
    borders = f"{URL_PREFIX}/world-atlas/countries-50m.json" if local else None
    if heatmap and heat_points:
        folium.plugins.HeatMap(heat_points, name="Heat map", radius=18, blur=22, min_opacity=0.35).add_to(fmap)
    IncidentLayer(rows, fit=bool(rows), borders_url=borders).add_to(fmap)
    return fmap


def heat_points(latitudes: list[float], longitudes: list[float]) -> list[list[float]]:
    return [[round(a, 4), round(b, 4)] for a, b in zip(latitudes, longitudes) if not (math.isnan(a) or math.isnan(b))]
