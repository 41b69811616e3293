"""The Map page: the map first (legend on it), Details beside it, the timeline under it; one view state."""

from __future__ import annotations

import os
import secrets
from datetime import date
from functools import partial
from typing import Any

import pandas as pd
import streamlit as st

from geo.export.formats import FORMATS, export_bytes
from geo.map.layer import DEFAULT_TILES, clicked_ids
from geo.store.filters import IncidentFilter
from geo.store.tables import NOT_STATED, UNKNOWN_GROUP, IncidentTables
from pages.data import (
    load_article_table,
    load_tables,
    map_payload_for,
    place_labels,
    timeline_for,
)
from pages.map_component import incident_map
from pages.payloads import FILTERS_WAIT_S, ROUTE_ENV, expect_drawing
from pages.sidebar import filtered_view
from pages.text import plain, plural, safe_link

# At 1400x900 the map and its legend show without scrolling: a compact page head, then the map.
MAP_HEIGHT = 540
_COMPACT = """<style>
.block-container { padding-top: 3.4rem !important; padding-bottom: 1rem !important; }
h1 { font-size: 1.55rem !important; padding: 0 0 .2rem 0 !important; }
.st-key-incident-count p { margin-bottom: 0 !important; }
</style>"""
# The Details panel lists at most this many incidents of a clicked place (newest first).
MAX_DETAILS = 25


def deaths_text(value: object) -> str:
    return "no number given" if value is None or pd.isna(value) else str(int(value))  # type: ignore[call-overload]


def page_of(url_path: str) -> st.Page:
    """The navigation's page at url_path (a page is known by its url_path), for st.page_link."""
    from pages.map import map_page
    from pages.sources import sources_page

    func = {"map": map_page, "sources": sources_page}[url_path]
    return st.Page(func, title=url_path.capitalize(), url_path=url_path, default=url_path == "map")


def _evidence(incident_id: str, quotes: list[dict[str, Any]], published: dict[str, Any]) -> None:
    """Each article once (outlet, title as a link, date), its quotes under it, a link to the sentence."""
    by_article: dict[str, list[dict[str, Any]]] = {}
    for q in quotes:
        by_article.setdefault(q["article_id"], []).append(q)
    for article_id, rows in by_article.items():
        first = rows[0]
        link = safe_link(first["url"]) if first["url"] else None
        title = plain(first["title"] or "untitled article")
        day = published.get(article_id)
        head = " · ".join(p for p in (plain(first["outlet"] or "unknown outlet"), f"[{title}]({link})" if link else title,
                                      plain(f"{day:%Y-%m-%d}") if isinstance(day, date) else "") if p)
        st.markdown(head)
        seen: set[str] = set()
        for q in sorted(rows, key=lambda r: int(r["start"])):
            if q["quote"] in seen:
                continue
            seen.add(q["quote"])
            st.text(f"“{q['quote']}”")
        st.page_link(page_of("sources"), label="Read it in the article", icon=":material/article:",
                     query_params={"article": article_id, "quote": str(int(rows[0]["start"])), "incident": incident_id})


def _details(rows: pd.DataFrame, tables: IncidentTables, published: dict[str, Any]) -> None:
    if len(rows) > 1:
        st.caption(f"{len(rows)} incidents at this place" + (f"; the newest {MAX_DETAILS} are listed."
                                                              if len(rows) > MAX_DETAILS else "."))
    rows = rows.sort_values("event_date", ascending=False).head(MAX_DETAILS)
    quotes = tables.sources_of(rows["id"])
    for r in rows.to_dict("records"):
        with st.container(border=True):
            st.markdown(f"**{plain(r['summary'])}**")
            st.caption(plain(
                f"{r['event_date']:%Y-%m-%d} · {r['event_type']} / {r['sub_event_type']} · "
                f"{r['place']} ({r['admin1'] or r['country']}) · {r['status']} · "
                f"{plural(len(r['article_ids']), 'source')}"
            ))
            st.text(f"Groups: {', '.join(r['actors']) or UNKNOWN_GROUP}\n"  # the popup's and the legend's words
                    f"Claimed by: {', '.join(r['claimed_by']) or NOT_STATED}\n"
                    f"Denied by: {', '.join(r['denied_by']) or 'nobody quoted'}\n"
                    f"Deaths: {deaths_text(r['fatalities'])}")
            _evidence(str(r["id"]), quotes.get(r["id"], []), published)


def _chosen(view: pd.DataFrame, frame: pd.DataFrame, clicked: object) -> pd.DataFrame:
    """The incidents the Details panel shows: the last click on the map, else the incident the URL names."""
    ids = clicked_ids(clicked, view)
    if ids:
        if "incident" in st.query_params:
            del st.query_params["incident"]  # a click replaces the incident a link opened
        return view[view["id"].isin(ids)]
    wanted = st.query_params.get("incident")
    return frame[frame["id"] == wanted] if wanted else frame.iloc[0:0]


# The session's first run of the Map page has handed the map's frame a token (pages.payloads.DRAWN_ROUTE).
_DRAWING = "_map_first_drawing"


def _first_drawing() -> str | None:
    """A token for the map's frame to post once it has drawn its first view, on the session's first
    run of the Map page under serve.py (whose frame is new); else None. The run draws the sidebar's
    filters only then (pages.payloads: the widgets' drawing held the map's frame back)."""
    if not os.environ.get(ROUTE_ENV) or st.session_state.get(_DRAWING):
        return None
    token = secrets.token_hex(8)
    st.session_state[_DRAWING] = token
    expect_drawing(token)
    return token


def _focus(frame: pd.DataFrame) -> dict[str, Any] | None:
    """Where the map centres for the incident the URL names (a link from the Sources page)."""
    wanted = st.query_params.get("incident")
    rows = frame[frame["id"] == wanted] if wanted else frame.iloc[0:0]
    if rows.empty or pd.isna(rows["latitude"].iloc[0]):
        return None
    return {"lat": float(rows["latitude"].iloc[0]), "lon": float(rows["longitude"].iloc[0]), "token": str(wanted)}


# The formats of `incident-map export --format`, as the Map page offers them.
DOWNLOADS = {
    "geojson": ("GeoJSON", "incidents.geojson", "the same snapshot as `incident-map export`: every field, the quotes, "
                                                "and the view's filters in its metadata (RFC 7946)"),
    "csv": ("CSV", "incidents.csv", "one row per incident, the quotes joined"),
    "acled": ("ACLED CSV", "incidents-acled.csv", "ACLED's columns, which ACLED's tools and `incident-map import` read"),
    "gpkg": ("GeoPackage", "incidents.gpkg", "a Point layer for QGIS and GDAL (EPSG:4326)"),
}


def _downloads(tables: IncidentTables, view: pd.DataFrame, flt: IncidentFilter) -> None:
    """The view in each export format, made only when its button is clicked (geo.export.formats,
    as the command line makes them). A click starts the download and nothing else (on_click
    "ignore"): a rerun for the click would replace the buttons' pending files while the browser
    asks for the one it was given."""
    st.caption(f"Download the {plural(len(view), 'incident')} shown")
    cells = st.columns(2, gap="small")
    for n, (fmt, (label, name, what)) in enumerate(DOWNLOADS.items()):
        cells[n % 2].download_button(
            label, partial(_export, fmt, tables, view, flt), file_name=name, mime=FORMATS[fmt][1], key=f"dl_{fmt}",
            on_click="ignore", width="stretch", help=f"The {len(view):,} incidents shown: {what}.")


def _export(fmt: str, tables: IncidentTables, view: pd.DataFrame, flt: IncidentFilter) -> bytes:
    return export_bytes(fmt, tables, view, flt.as_metadata())


def map_page() -> None:
    st.html(_COMPACT)
    st.title("Incidents on the map")
    # The sidebar's filters are drawn last (pages.sidebar.prepared_filter): the map's element comes first.
    loaded = filtered_view("No incidents yet. Add an article on the **Add article** page, or run "
                           "`incident-map ingest seeds/`.", filters_last=True)
    if loaded is None:
        return
    url, version, frame, flt, view = loaded.url, loaded.version, loaded.frame, loaded.flt, loaded.view
    dates = f" · {flt.since or 'start'} to {flt.until or 'end'}" if flt.since or flt.until else ""
    # Plain Markdown in a keyed container (class st-key-incident-count), not HTML: Markdown with HTML
    # made a browser load a 190 kB renderer before it opened the map's frame (0.3-0.5 s, cold).
    with st.container(key="incident-count"):
        st.markdown(f"{len(view):,} of {plural(len(frame), 'incident')} shown{dates}")  # numbers and dates only
    tables = load_tables(url, version)
    left, right = st.columns([3, 1])
    with left:
        # The timeline shows the view before its dates, with the dates brushed on it; the map's own
        # component draws it after the map (no Vega chart on this page: its bundle delayed the map).
        chosen_days = (flt.since or frame["event_date"].min().date(), flt.until or frame["event_date"].max().date()) \
            if flt.since or flt.until else None
        drawn = _first_drawing()
        clicked = incident_map(
            map_payload_for(url, version, flt), labels=place_labels(url, version), height=MAP_HEIGHT,
            timeline=timeline_for(url, version, flt), chosen=chosen_days,
            tiles=os.environ.get("INCIDENT_MAP_TILES", DEFAULT_TILES), focus=_focus(frame), drawn=drawn)
        if view.empty:
            st.warning("Nothing matches these filters. Widen the date range or clear a filter in the sidebar.")
    with right:
        # the downloads first: a long Details panel does not push them out of sight
        _downloads(tables, view, flt)
        st.subheader("Details", anchor=False)
        chosen = _chosen(view, frame, clicked)
        if chosen.empty:
            st.caption("Click a marker to see its incidents here, with their articles and quotes.")
        else:
            articles = load_article_table(url, version)
            published = dict(zip(articles["id"], articles["published"])) if len(articles) else {}
            _details(chosen, tables, published)
    if drawn:  # the session's first run under serve.py: the filters once the map has drawn (or after a while)
        expect_drawing(drawn).wait(FILTERS_WAIT_S)
    loaded.draw_filters()


if __name__ == "__main__":  # opened as a script by a deep link on a fresh server: see hand_over_to_app
    from pages.data import hand_over_to_app

    hand_over_to_app()
