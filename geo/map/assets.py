"""Serve Leaflet and its plugins from packages the set-up installs, never from a CDN.

`make run` / `make test` run `npm ci` in static/ (pinned versions in static/package.json);
Streamlit serves that folder at /app/static/ (server.enableStaticServing). Where the
assets are missing, folium's own CDN links stay, so an online user still sees a map.
The map layer's own script, static/incident_map.js, is tracked in git and always served from there.
"""

from __future__ import annotations

import hashlib
from functools import cache

import folium
import folium.plugins

from geo.paths import STATIC_DIR

MODULES = STATIC_DIR / "node_modules"
URL_PREFIX = "/app/static/node_modules"
LAYER_SCRIPT = STATIC_DIR / "incident_map.js"
LAYER_CSS = STATIC_DIR / "incident_map.css"


def _versioned(url: str, content: bytes) -> str:
    """url with a digest of the file's content: a browser that cached an older copy fetches the new one."""
    return f"{url}?v={hashlib.blake2b(content, digest_size=6).hexdigest()}"


# The layer's script (see geo.map.layer.IncidentLayer), at the address Streamlit serves it from.
LAYER_SCRIPT_URL = _versioned("/app/static/incident_map.js", LAYER_SCRIPT.read_bytes())
LAYER_CSS_URL = _versioned("/app/static/incident_map.css", LAYER_CSS.read_bytes())

# folium's resource name -> file inside static/node_modules
LOCAL_JS = {
    "leaflet": "leaflet/dist/leaflet.js",
    "jquery": "jquery/dist/jquery.min.js",
    "bootstrap": "bootstrap/dist/js/bootstrap.bundle.min.js",
    "awesome_markers": "leaflet.awesome-markers/dist/leaflet.awesome-markers.min.js",
    "markerclusterjs": "leaflet.markercluster/dist/leaflet.markercluster.js",
    "leaflet-heat.js": "leaflet.heat/dist/leaflet-heat.js",
}
LOCAL_CSS = {
    "leaflet_css": "leaflet/dist/leaflet.css",
    "bootstrap_css": "bootstrap/dist/css/bootstrap.min.css",
    "awesome_markers_font_css": "@fortawesome/fontawesome-free/css/all.min.css",
    "awesome_markers_css": "leaflet.awesome-markers/dist/leaflet.awesome-markers.css",
    "markerclustercss": "leaflet.markercluster/dist/MarkerCluster.css",
    "markerclusterdefaultcss": "leaflet.markercluster/dist/MarkerCluster.Default.css",
}
# Not needed by anything this app draws, and only on CDNs: dropped when serving locally.
DROPPED = {"glyphicons_css", "awesome_rotate_css"}


def local_assets_available() -> bool:
    return all((MODULES / rel).exists() for rel in (*LOCAL_JS.values(), *LOCAL_CSS.values()))


def _localise(resources: list[tuple[str, str]], local: dict[str, str]) -> list[tuple[str, str]]:
    out = []
    for name, url in resources:
        if name in DROPPED:
            continue
        out.append((name, f"{URL_PREFIX}/{local[name]}" if name in local else url))
    return out


@cache
def use_local_assets() -> bool:
    """Point folium's classes at the local copies; returns False (CDN kept) when they are missing.

    Done once per process: every map the dashboard draws on each rerun calls this."""
    if not local_assets_available():
        return False
    classes: list[type] = [folium.Map, folium.plugins.MarkerCluster, folium.plugins.HeatMap,
                           folium.plugins.FastMarkerCluster]
    for cls in classes:
        cls.default_js = _localise(list(getattr(cls, "default_js", [])), LOCAL_JS)  # type: ignore[attr-defined]
        cls.default_css = _localise(list(getattr(cls, "default_css", [])), LOCAL_CSS)  # type: ignore[attr-defined]
    return True
