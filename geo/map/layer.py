"""The incident map: one JSON payload, markers, clusters and popups built in the browser.

folium builds a Python object and a block of HTML per marker, which is slow past a few
thousand incidents. Here the incidents travel as one compact, dictionary-encoded JSON document
(map_payload); Supercluster clusters them in the browser and Leaflet draws only what is in
view. Each popup is built from the payload with textContent, so article text can never become
markup. Country borders from the world-atlas
npm package keep the map readable when no tile server can be reached.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import folium
import folium.plugins
import numpy as np
import orjson
import pandas as pd
from branca.element import CssLink, Element, Figure, JavascriptLink, MacroElement
from folium.elements import JSCSSMixin
from jinja2 import Template

from geo.map import clusters
from geo.map.assets import LAYER_CSS_URL, LAYER_SCRIPT_URL, URL_PREFIX, use_local_assets
from geo.schema import GEO_PRECISION, TIME_PRECISION
from geo.store.tables import NOT_STATED, UNKNOWN_GROUP

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
MAX_ZOOM = 18
# Places closer than a cluster's radius stay clustered up to this zoom; beyond it every place
# is drawn on its own (incidents at one place are always one marker, listing them).
CLUSTER_MAX_ZOOM = 16
# Columns a frame handed to map_payload must have (the dashboard's frame has them all).
# With "article_ids" the sources counted are articles (as the Details panel lists them), else n_sources;
# with "fatalities" the popups give the deaths.
PAYLOAD_COLUMNS = ("latitude", "longitude", "place", "admin1", "country", "event_date", "time_precision",
                   "geo_precision", "event_type", "sub_event_type", "actors", "claimed_by", "n_sources")
NO_FATALITIES = -1  # the payload's "x" for an incident whose sources give no number


def group_colours(groups: list[str]) -> dict[str, str]:
    ordered = sorted(g for g in set(groups) if g and g != UNKNOWN_GROUP)
    out = {g: PALETTE[k % len(PALETTE)] for k, g in enumerate(ordered)}
    out[UNKNOWN_GROUP] = UNKNOWN_COLOUR
    return out


def _codes(frame: pd.DataFrame) -> tuple[np.ndarray, list[list]]:
    """Dictionary-encode the rows of frame: a code per row and the distinct rows, in first-seen order."""
    codes = frame.groupby(list(frame.columns), sort=False, dropna=False).ngroup().to_numpy()
    return codes, frame.drop_duplicates().to_numpy(object).tolist()


def _located(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of frame that have a position: the payload's incidents, in the payload's order."""
    lat = frame["latitude"].to_numpy(float)
    lon = frame["longitude"].to_numpy(float)
    return frame[np.isfinite(lat) & np.isfinite(lon)]


def _ids_key(ids: pd.Series) -> str:
    """A digest of the payload's ids in order: a click names rows of the payload it was drawn from.
    (pandas' hash of each id, then one digest: 0.05 s at 200,000 ids, against 0.18 s for the joined text.)"""
    hashed = pd.util.hash_pandas_object(ids, index=False).to_numpy()
    return hashlib.blake2b(hashed.tobytes(), digest_size=8).hexdigest()


def legend_of(frame: pd.DataFrame, colours: dict[str, str]) -> dict[str, list[list[str]]]:
    """The map's legend for the incidents of frame: the colour of each group that is the first of an
    incident's groups, in the order of colours ("Unknown group" only when an incident names no group:
    a legend row for what the map never shows was read as a group); a glyph per event type."""
    groups = set(frame["group"]) if "group" in frame.columns else \
        {actors[0] if len(actors) else UNKNOWN_GROUP for actors in frame["actors"]}
    return {"groups": [[g, c] for g, c in colours.items() if g in groups], "shapes": [[t, s] for t, s in SHAPES.items()]}


def payload_doc(frame: pd.DataFrame, colours: dict[str, str]) -> dict[str, Any]:
    """The incidents of frame as one compact document for IncidentLayer (map_payload writes it as
    JSON, packed_payload as tables in JSON and the per-incident columns as typed arrays).

    Repeated values (places, groups, types) are sent once in tables and each incident is a
    handful of small integers, so 200,000 incidents weigh a few MB. Quotes are not sent: the
    popup says where to read them, and the Details panel fetches them for a clicked place.
    Nor are ids (they would double the payload): a click hands back the payload's row numbers
    of the incidents clicked with the payload's key, and clicked_ids turns them into ids.
    The legend travels with the incidents (legend_of): a map can draw the payload, legend
    included, before the page's arguments reach it (static/map_component.js, the first view)."""
    located = _located(frame)
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
        combo_table.append([", ".join(actors) or UNKNOWN_GROUP, ", ".join(claimed) or NOT_STATED,
                            colours.get(first, UNKNOWN_COLOUR)])
    days = located["event_date"].to_numpy("datetime64[D]")
    day0 = days.min() if len(days) else np.datetime64("2000-01-01")
    doc: dict[str, Any] = {
        "day0": str(day0),
        "places": place_table,
        "combos": combo_table,
        "kinds": [[t, s, SHAPES.get(t, DEFAULT_SHAPE)] for t, s in kind_table],
        "precision": TIME_PRECISION, "geo": GEO_PRECISION, "legend": legend_of(frame, colours),
        "p": places.astype(np.int32), "d": (days - day0).astype(np.int32), "c": combos.astype(np.int32),
        "k": kinds.astype(np.int32),
        "f": (located["time_precision"].to_numpy(np.int32) * 4 + located["geo_precision"].to_numpy(np.int32)),
        # sources: the articles that report the incident (several quotes of one article are one source)
        "n": (located["article_ids"].map(len) if "article_ids" in located.columns
              else located["n_sources"]).to_numpy(np.int32),
    }
    if "fatalities" in located.columns:
        doc["x"] = pd.array(located["fatalities"], dtype="Int64").fillna(NO_FATALITIES).to_numpy(np.int32)
    if "id" in located.columns:
        doc["key"] = _ids_key(located["id"])
    return doc


def map_payload(frame: pd.DataFrame, colours: dict[str, str]) -> bytes:
    """payload_doc as one JSON document (the Add article preview, whose page holds it as text)."""
    return orjson.dumps(payload_doc(frame, colours), option=orjson.OPT_SERIALIZE_NUMPY | orjson.OPT_NON_STR_KEYS)


# The packed payload (the Map page's component): "IMP1", the header's length (uint32, little-endian),
# the header (JSON: the tables and, for each per-incident column, its type, offset and length), then
# the columns as little-endian typed arrays, each at an offset that is a multiple of 8. At 200,000
# incidents the browser spent most of a second on JSON.parse of the 4.8 MB of integers; a typed
# array over the fetched buffer costs nothing, and the smallest type that holds a column halves the bytes.
PACKED_MAGIC = b"IMP1"
PACKED_COLUMNS = ("p", "d", "c", "k", "f", "n", "x")
_TYPES = (("u1", 0, 2**8 - 1), ("u2", 0, 2**16 - 1), ("i2", -(2**15), 2**15 - 1), ("i4", -(2**31), 2**31 - 1))


def _smallest(values: np.ndarray) -> np.ndarray:
    """values (integers) in the smallest little-endian type of _TYPES that holds them all."""
    lo, hi = (int(values.min()), int(values.max())) if len(values) else (0, 0)
    name = next(t for t, tlo, thi in _TYPES if tlo <= lo and hi <= thi)
    return np.ascontiguousarray(values, dtype=np.dtype(name).newbyteorder("<"))


def packed_payload(frame: pd.DataFrame, colours: dict[str, str]) -> bytes:
    """payload_doc packed for the browser (see PACKED_MAGIC); unpack_payload reads it back."""
    doc = payload_doc(frame, colours)
    arrays = {name: _smallest(np.asarray(doc.pop(name))) for name in PACKED_COLUMNS if name in doc}
    # The first band's clusters (geo.map.clusters), drawn without an index in the browser: per zoom,
    # its entries' integers ("x", "y"), ids ("i") and, for each place or entry of the zoom above, the
    # entry holding it ("u"). Their options travel with them: the browser uses them only if its own match.
    doc["clusters"] = {"radius": clusters.RADIUS, "extent": clusters.EXTENT, "min": clusters.MIN_ZOOM,
                       "max": clusters.MAX_ZOOM, "places": len(doc["places"])}
    for level in clusters.levels([pl[0] for pl in doc["places"]], [pl[1] for pl in doc["places"]]):
        for name, values in (("x", level.x), ("y", level.y), ("i", level.ident), ("u", level.up)):
            arrays[f"z{level.zoom}{name}"] = _smallest(values)
    layout: list[list[Any]] = []
    offsets: list[int] = []
    chunks: list[bytes] = []
    at = 0
    for name, values in arrays.items():
        layout.append([name, values.dtype.str[1:], at, len(values)])
        offsets.append(at)
        chunks.append(values.tobytes())
        at += -(-len(chunks[-1]) // 8) * 8
    doc["columns"] = layout
    header = orjson.dumps(doc, option=orjson.OPT_NON_STR_KEYS)
    start = -(-(8 + len(header)) // 8) * 8  # the columns' offsets count from here
    out = bytearray(start + at)
    out[0:4] = PACKED_MAGIC
    out[4:8] = len(header).to_bytes(4, "little")
    out[8:8 + len(header)] = header
    for offset, chunk in zip(offsets, chunks, strict=True):
        out[start + offset:start + offset + len(chunk)] = chunk
    return bytes(out)


def unpack_payload(data: bytes) -> dict[str, Any]:
    """A packed payload as the document it was made from (the columns as lists), as the browser reads it."""
    if data[:4] != PACKED_MAGIC:
        raise ValueError("not a packed map payload")
    size = int.from_bytes(data[4:8], "little")
    doc = orjson.loads(data[8:8 + size])
    start = -(-(8 + size) // 8) * 8
    for name, kind, offset, length in doc.pop("columns"):
        doc[name] = np.frombuffer(data, dtype=np.dtype(kind).newbyteorder("<"), count=length,
                                  offset=start + offset).tolist()
    return dict(doc)




def clicked_ids(clicked: object, frame: pd.DataFrame) -> list[str]:
    """The ids of the incidents a click on the map chose; [] when nothing was clicked.

    clicked is what the Map page's component (pages/map_component.py) returned for a map drawn
    from map_payload(frame), {"rows": [...], "key": ...}, or what st_folium returned, where a
    marker's `feature` comes back as last_active_drawing with the same properties: the payload
    rows of the marker's incidents and the payload's key. Rows of another payload (the key
    differs) or malformed values choose nothing."""
    if isinstance(clicked, dict) and "rows" in clicked:
        props: object = clicked
    else:
        drawing = clicked.get("last_active_drawing") if isinstance(clicked, dict) else None
        props = drawing.get("properties") if isinstance(drawing, dict) else None
    if not isinstance(props, dict) or "id" not in frame.columns:
        return []
    rows = props.get("rows")
    if not isinstance(rows, list) or not rows:
        return []
    ids = _located(frame)["id"]
    if props.get("key") != _ids_key(ids):
        return []
    n = len(ids)
    chosen = [r for r in rows if isinstance(r, int) and not isinstance(r, bool) and 0 <= r < n]
    return ids.iloc[chosen].astype(str).tolist()


def _js_literal(value: object) -> str:
    """value as JSON for a script element: "<" escaped, so that "</script>" in a name can never
    close the element."""
    return json.dumps(value).replace("<", "\\u003c")


class _ScriptText(Element):
    """Script text added to the figure as it is. branca's MacroElement.render wraps what a macro
    produced in a new Element, which compiles it as a Jinja template: for a payload of
    megabytes that is a second of lexing on every render, and st_folium renders several times."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs: object) -> str:
        return self.text


# streamlit-folium builds its script by calling each element's `_template.module.script(element)`:
# this one inserts the layer's call as a value (nothing in it is read as a template).
_CALL_TEMPLATE = Template("{% macro script(this, kwargs) %}{{ this.script() }}{% endmacro %}")


class IncidentLayer(JSCSSMixin, MacroElement):
    """The incidents as one clustered layer, drawn by the browser from a JSON payload.

    Supercluster indexes every incident once in the browser; only the clusters and markers
    inside the view become Leaflet objects, so the page stays quick at 200,000 incidents.
    The drawing is static/incident_map.js (a script file, like Leaflet's); the page itself
    holds one call to it, with the payload."""

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
        # Last: it draws with all of the above.
        self.default_js.append(("incident_map", LAYER_SCRIPT_URL))
        self._name = "IncidentLayer"
        self._template = _CALL_TEMPLATE
        # The payload as a JavaScript string for JSON.parse, which V8 reads faster than the same
        # data written as an object literal. "<" is escaped inside the JSON first, so that
        # "</script>" in a name can never close the script element.
        self.payload_literal = json.dumps(payload.decode("utf-8").replace("<", "\\u003c"))
        self.options = {"fit": fit, "heat": heat, "maxZoom": MAX_ZOOM, "clusterMaxZoom": CLUSTER_MAX_ZOOM,
                        "bordersUrl": borders_url}

    def script(self) -> str:
        """The page's part of the layer: one call to static/incident_map.js, with the payload."""
        assert self._parent is not None, "IncidentLayer is added to a map before it is rendered"
        return (f"incidentMapLayer({self._parent.get_name()}, {self.payload_literal}, "
                f"{_js_literal(self.options)});\n")

    def render(self, **kwargs: object) -> str:
        """As JSCSSMixin and MacroElement render, without compiling the script as a template."""
        figure = self.get_root()
        assert isinstance(figure, Figure)
        for name, url in self.default_js:
            figure.header.add_child(JavascriptLink(url), name=name)
        for name, url in self.default_css:
            figure.header.add_child(CssLink(url), name=name)
        figure.script.add_child(_ScriptText(self.script()), name=self.get_name())
        return ""




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
    root.header.add_child(CssLink(LAYER_CSS_URL), name="incident_map_css")
    borders = f"{URL_PREFIX}/world-atlas/countries-50m.json" if local else None
    IncidentLayer(payload, fit=True, heat=heatmap, local=local, borders_url=borders).add_to(fmap)
    return fmap
