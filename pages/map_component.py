"""The Map page's map: a Streamlit component served from static/ (index.html, map_component.js).

streamlit-folium draws a new map whenever its HTML changes, so every filter change cost a
rebuild and lost the user's zoom. This component is one Leaflet map that stays in the page:
each rerun hands it the payload (geo.map.layer.packed_payload: typed arrays, nothing to parse)
or, under serve.py, its address, and its digest; the browser redraws the data only when the
digest changes. The timeline under the map is drawn in the same frame (static/timeline.js), after
the map, from geo.map.timeline's document; a brush on it is the component's value. A click returns the payload rows of the clicked marker's incidents and the
payload's key (geo.map.layer.clicked_ids reads them).
"""

from __future__ import annotations

import os
from datetime import date
from functools import partial
from typing import Any

import streamlit.components.v1 as components

from geo.map.layer import CLUSTER_MAX_ZOOM, DEFAULT_TILES, TILE_ATTRIBUTION
from geo.paths import STATIC_DIR
from pages.payloads import (
    DRAWN_ROUTE,
    PAYLOAD_ROUTE,
    ROUTE_ENV,
    component_borders_url,
    component_page_url,
    digest,
    keep_payload,
)
from pages.timeline import on_map_value

# The Leaflet assets come from static/node_modules (installed by `make run` / `make test`). Under
# serve.py, the component's page and scripts come from its own route (pages.payloads.COMPONENT_ROUTE),
# by addresses that browsers keep; the url takes precedence over the path.
_component = components.declare_component(
    "incident_map", path=str(STATIC_DIR), url=component_page_url() if os.environ.get(ROUTE_ENV) else None)
# From Streamlit's static serving (server.enableStaticServing); under serve.py from the component's
# route, at an address that a browser keeps, gzipped once (pages.payloads.component_borders_url).
BORDERS = component_borders_url() if os.environ.get(ROUTE_ENV) else "/app/static/node_modules/world-atlas/countries-50m.json"


def incident_map(payload: bytes, *, labels: tuple[bytes, str] | None, height: int,
                 timeline: tuple[bytes, str] | None = None, chosen: tuple[date, date] | None = None,
                 tiles: str = DEFAULT_TILES, focus: dict[str, Any] | None = None, drawn: str | None = None,
                 key: str = "incident_map") -> Any:
    """Draw (or update) the map, and under it the timeline (geo.map.timeline's document and its
    digest; chosen: the dates brushed on it; drawn: a token the frame posts to DRAWN_ROUTE once it has drawn
    its first view, see pages.payloads.expect_drawing). Returns what it last reported: {"rows": [...],
    "key": ..., "t": ...} after a click on a marker, {"brush": [first, last] or None, "t": ...}
    after a brush (pages.timeline.on_map_value applies it), or None."""
    key_of_payload = digest(payload)
    by_route = bool(os.environ.get(ROUTE_ENV))
    if by_route:  # both by address: the arguments sent on every rerun stay a few hundred bytes
        keep_payload(key_of_payload, payload)
        if labels:
            keep_payload(labels[1], labels[0])
        if timeline:
            keep_payload(timeline[1], timeline[0])
    return _component(
        payload=None if by_route else payload,
        payload_url=f"{PAYLOAD_ROUTE}/{key_of_payload}" if by_route else None,
        digest=key_of_payload, height=height, tiles=tiles, attribution=TILE_ATTRIBUTION,
        borders=BORDERS, clusterMaxZoom=CLUSTER_MAX_ZOOM,
        labels=labels[0] if labels and not by_route else None,
        labels_url=f"{PAYLOAD_ROUTE}/{labels[1]}" if labels and by_route else None,
        labels_digest=labels[1] if labels else None,
        timeline=timeline[0] if timeline and not by_route else None,
        timeline_url=f"{PAYLOAD_ROUTE}/{timeline[1]}" if timeline and by_route else None,
        timeline_digest=timeline[1] if timeline else None,
        chosen=[chosen[0].isoformat(), chosen[1].isoformat()] if chosen else None,
        focus=focus, drawn_url=f"{DRAWN_ROUTE}/{drawn}" if drawn and by_route else None,
        key=key, default=None, on_change=partial(on_map_value, key))
