"""The Map page: linked map and timeline, filters, legend, downloads, details of a clicked incident."""

from __future__ import annotations

import html
import math
import os

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo.map_view import DEFAULT_TILES, SHAPES, UNKNOWN_GROUP, build_map, group_colours, heat_points, payload_rows
from pages.data import frame_to_csv, frame_to_incidents_json
from pages.filters_ui import filtered_view
from pages.timeline import timeline


def _legend(colours: dict[str, str], shown_groups: set[str]) -> str:
    items = [
        f'<span style="white-space:nowrap;margin-right:12px"><span style="color:{c};font-size:18px">●</span> {html.escape(g)}</span>'
        for g, c in colours.items() if g in shown_groups
    ]
    shapes = [f'<span style="white-space:nowrap;margin-right:12px">{s} {html.escape(t)}</span>' for t, s in SHAPES.items()]
    approx = ('<span style="white-space:nowrap"><span style="display:inline-block;width:14px;height:14px;'
              'border:2px dashed #555;border-radius:50%;opacity:.6;vertical-align:middle"></span> approximate place '
              '(near a place, or region only)</span>')
    return (f'<div class="im-legend"><b>Groups</b> {"".join(items)}<br><b>Event types</b> {"".join(shapes)}<br>'
            f"{approx}</div>")


def _details(rows: pd.DataFrame) -> None:
    for r in rows.to_dict("records"):
        st.markdown(f"**{html.escape(r['summary'])}**")
        st.caption(
            f"{r['event_date']:%Y-%m-%d} · {r['event_type']} / {r['sub_event_type']} · "
            f"{r['place']} ({r['admin1'] or r['country']}) · {r['status']}"
        )
        st.text(f"Groups: {', '.join(r['actors']) or 'not stated'}\nClaimed by: {', '.join(r['claimed_by']) or 'not stated'}")
        for s in r["sources"]:
            st.text(f"“{s['quote']}”\n— {s['title'] or s['outlet']}")


def map_page() -> None:
    st.title("Incidents on the map")
    loaded = filtered_view("No incidents yet. Add an article on the **Add article** page, or run "
                           "`incident-map ingest seeds/`.")
    if loaded is None:
        return
    frame, flt, view = loaded.frame, loaded.flt, loaded.view
    colours = group_colours(list(frame["group"]))
    st.markdown(f'<div data-testid="incident-count">{len(view)} of {len(frame)} incidents shown</div>',
                unsafe_allow_html=True)
    brushed = timeline(view, colours)
    st.session_state["timeline_range"] = brushed  # the Incidents page follows the brush too
    if brushed is not None:
        view = view[(view["event_date"].dt.date >= brushed[0]) & (view["event_date"].dt.date <= brushed[1])]
        st.caption(f"Timeline selection: {brushed[0]} to {brushed[1]} · {len(view)} incidents")
    if view.empty:
        st.warning("Nothing matches these filters. Widen the date range or clear a filter in the sidebar.")
        return
    left, right = st.columns([3, 1])
    with left:
        heat = st.toggle("Heat map layer", value=False, key="heat")
        located = view[view["latitude"].map(lambda v: not math.isnan(v))]
        rows = payload_rows(located.to_dict("records"), colours)
        fmap = build_map(
            rows, tiles_url=os.environ.get("INCIDENT_MAP_TILES", DEFAULT_TILES), heatmap=heat,
            heat_points=heat_points(list(located["latitude"]), list(located["longitude"])) if heat else None,
        )
        clicked = st_folium(fmap, height=560, use_container_width=True, returned_objects=["last_object_clicked"],
                            key=f"map-{hash(tuple(located['id']))}-{heat}")
        st.markdown(_legend(colours, {g for actors in view["actors"] for g in actors} | {UNKNOWN_GROUP}),
                    unsafe_allow_html=True)
    with right:
        st.subheader("Details")
        point = (clicked or {}).get("last_object_clicked")
        chosen = pd.DataFrame()
        if point:
            near = (located["latitude"] - point["lat"]).abs() + (located["longitude"] - point["lng"]).abs()
            chosen = located[near < 1e-4]
        if chosen.empty:
            st.caption("Click a marker to see its incident here.")
        else:
            _details(chosen)
        snapshot_name = "incidents.geojson"
        st.download_button("Download GeoJSON snapshot", frame_to_incidents_json(view, flt), file_name=snapshot_name,
                           mime="application/geo+json", key="dl_geojson", width="stretch")
        st.download_button("Download CSV", frame_to_csv(view), file_name="incidents.csv", mime="text/csv",
                           key="dl_csv", width="stretch")

