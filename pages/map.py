"""The Map page: linked map and timeline, filters, legend, downloads, details of a clicked incident."""

from __future__ import annotations

import hashlib
import os

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo.export.csv_file import incidents_csv
from geo.map.layer import DEFAULT_TILES, SHAPES, build_map, clicked_ids
from geo.store.tables import UNKNOWN_GROUP, IncidentTables
from pages.data import colours, load_tables, map_payload_for, snapshot, within
from pages.sidebar import filtered_view
from pages.text import html_text, plain
from pages.timeline import timeline


def _legend(colours: dict[str, str], shown_groups: set[str]) -> str:
    """The legend as HTML for st.html (no Markdown is read there); group names are escaped text."""
    items = [
        f'<span style="white-space:nowrap;margin-right:12px"><span style="color:{c};font-size:18px">●</span> {html_text(g)}</span>'
        for g, c in colours.items() if g in shown_groups
    ]
    shapes = [f'<span style="white-space:nowrap;margin-right:12px">{html_text(s)} {html_text(t)}</span>' for t, s in SHAPES.items()]
    approx = ('<span style="white-space:nowrap"><span style="display:inline-block;width:14px;height:14px;'
              'border:2px dashed #555;border-radius:50%;opacity:.6;vertical-align:middle"></span> approximate place '
              '(near a place, or region only)</span>')
    return (f'<div class="im-legend"><b>Groups</b> {"".join(items)}<br><b>Event types</b> {"".join(shapes)}<br>'
            f"{approx}</div>")


# The Details panel lists at most this many incidents of a clicked place (newest first).
MAX_DETAILS = 25


def _details(rows: pd.DataFrame, tables: IncidentTables) -> None:
    if len(rows) > 1:
        st.caption(f"{len(rows)} incidents at this place" + (f"; the newest {MAX_DETAILS} are listed."
                                                              if len(rows) > MAX_DETAILS else "."))
    rows = rows.sort_values("event_date", ascending=False).head(MAX_DETAILS)
    quotes = tables.sources_of(rows["id"])
    for r in rows.to_dict("records"):
        st.markdown(f"**{plain(r['summary'])}**")
        st.caption(plain(
            f"{r['event_date']:%Y-%m-%d} · {r['event_type']} / {r['sub_event_type']} · "
            f"{r['place']} ({r['admin1'] or r['country']}) · {r['status']}"
        ))
        st.text(f"Groups: {', '.join(r['actors']) or 'not stated'}\nClaimed by: {', '.join(r['claimed_by']) or 'not stated'}")
        for s in quotes.get(r["id"], []):
            st.text(f"“{s['quote']}”\n— {s['title'] or s['outlet']}")


def map_page() -> None:
    st.title("Incidents on the map")
    loaded = filtered_view("No incidents yet. Add an article on the **Add article** page, or run "
                           "`incident-map ingest seeds/`.")
    if loaded is None:
        return
    url, version, frame, flt, view = loaded.url, loaded.version, loaded.frame, loaded.flt, loaded.view
    group_colour = colours(url, version)
    st.markdown(f'<div data-testid="incident-count">{len(view)} of {len(frame)} incidents shown</div>',
                unsafe_allow_html=True)
    brushed = timeline(view, group_colour)
    st.session_state["timeline_range"] = brushed  # the Incidents page follows the brush too
    if brushed is not None:
        view = within(view, brushed)
        st.caption(f"Timeline selection: {brushed[0]} to {brushed[1]} · {len(view)} incidents")
    if view.empty:
        st.warning("Nothing matches these filters. Widen the date range or clear a filter in the sidebar.")
        return
    tables = load_tables(url, version)
    left, right = st.columns([3, 1])
    with left:
        heat = st.toggle("Heat map layer", value=False, key="heat")
        payload = map_payload_for(url, version, flt, brushed)
        fmap = build_map(payload, tiles_url=os.environ.get("INCIDENT_MAP_TILES", DEFAULT_TILES), heatmap=heat)
        # A marker's click comes back as last_active_drawing: the payload rows of its incidents.
        clicked = st_folium(fmap, height=560, use_container_width=True, returned_objects=["last_active_drawing"],
                            key=f"map-{hashlib.blake2b(payload, digest_size=8).hexdigest()}-{heat}")
        st.html(_legend(group_colour, set(view["group"].unique()) | {UNKNOWN_GROUP}))
    with right:
        st.subheader("Details")
        # view is the frame the payload was made from (map_payload_for: the same filter and brush)
        chosen = view[view["id"].isin(clicked_ids(clicked, view))]
        if chosen.empty:
            st.caption("Click a marker to see its incident here, with its quotes and sources.")
        else:
            _details(chosen, tables)
        st.download_button("Download GeoJSON snapshot", lambda: snapshot(tables, view, flt),
                           file_name="incidents.geojson", mime="application/geo+json", key="dl_geojson",
                           width="stretch", help=f"The {len(view):,} incidents shown, with their quotes (RFC 7946).")
        st.download_button("Download CSV", lambda: incidents_csv(view, tables.sources), file_name="incidents.csv",
                           mime="text/csv", key="dl_csv", width="stretch")


if __name__ == "__main__":  # opened as a script by a deep link on a fresh server: see hand_over_to_app
    from pages.data import hand_over_to_app

    hand_over_to_app()
