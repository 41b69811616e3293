"""Everything the pages read, behind Streamlit's caches; every input is an argument.

The store is read once per version into two frames (geo.store.tables) held by st.cache_resource, so
that no rerun copies 200,000 incidents: st.cache_data would unpickle a fresh copy on each
access. What depends on the filter (the row positions, the map payload) is small and sits in
st.cache_data keyed by the filter, so changing a filter back and forth costs nothing.
"""

from __future__ import annotations

import os
from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd
import streamlit as st

from geo.errors import IncidentMapError
from geo.export.snapshot import snapshot_bytes
from geo.map.layer import group_colours, packed_payload
from geo.store.db import database_url, load_articles, open_engine, store_version
from geo.store.filters import IncidentFilter, filter_frame
from geo.store.tables import UNKNOWN_GROUP, IncidentTables, read_tables


def db_url() -> str:
    return database_url(os.environ.get("INCIDENT_MAP_DB"))


@st.cache_resource(show_spinner=False)
def engine_for(url: str):  # noqa: ANN201 - an SQLAlchemy Engine, shared by the sessions
    return open_engine(url)


def current_version(url: str) -> str:
    return store_version(engine_for(url))


def version_or_none(url: str) -> str | None:
    """The store's version, or None when it cannot be read (the page says why)."""
    try:
        return current_version(url)
    except IncidentMapError:
        return None


# How often an open page asks whether the store changed (one indexed row): a write made by another
# session or another process (`incident-map ingest`) shows within this many seconds, unasked.
WATCH_EVERY_S = 3.0


@st.fragment(run_every=WATCH_EVERY_S)
def watch_store(url: str, seen: str | None) -> None:
    """Rerun the page when the store's version moves past the one the page was drawn from."""
    try:
        changed = current_version(url) != seen
    except IncidentMapError:
        return  # the page itself shows why the store cannot be read
    if changed:
        st.rerun(scope="app")


@st.cache_resource(show_spinner="Loading incidents…", max_entries=2)
def load_tables(url: str, version: str) -> IncidentTables:
    """All stored incidents and their quotes; version is the store's, so edits show at once.
    Shared by every session and never modified: pages select from it, they do not write to it."""
    return read_tables(engine_for(url))


def load_frame(url: str, version: str) -> pd.DataFrame:
    return load_tables(url, version).incidents


@st.cache_data(show_spinner=False, max_entries=64)
def _positions(url: str, version: str, flt: IncidentFilter) -> np.ndarray:
    frame = load_frame(url, version)
    return frame.index.get_indexer(filter_frame(frame, flt).index)


def filtered(url: str, version: str, flt: IncidentFilter) -> pd.DataFrame:
    frame = load_frame(url, version)
    if flt == IncidentFilter():
        return frame
    return frame.take(_positions(url, version, flt))


@st.cache_data(show_spinner=False, max_entries=4)
def filter_options(url: str, version: str) -> dict[str, Any]:
    """What the sidebar offers: computed once per store version, not on every rerun."""
    frame = load_frame(url, version)
    groups = {a for actors in frame["actors"].tolist() for a in actors}
    if (frame["actors"].map(len) == 0).any():
        groups.add(UNKNOWN_GROUP)
    return {
        "dates": (frame["event_date"].min().date(), frame["event_date"].max().date()) if len(frame) else None,
        "group": sorted(groups),
        "type": sorted(set(frame["event_type"])),
        "country": sorted(c for c in set(frame["country"]) if c),
        "region": sorted(r for r in set(frame["admin1"]) if r),
        "outlet": sorted({o for outlets in frame["outlets"].tolist() for o in outlets}),
        "status": ["reviewed", "extracted"],
    }


@st.cache_data(show_spinner=False, max_entries=4)
def colours(url: str, version: str) -> dict[str, str]:
    """One colour per group, the same whatever the filter."""
    return group_colours(list(set(load_frame(url, version)["group"])))


@st.cache_data(show_spinner=False, max_entries=32)
def map_payload_for(url: str, version: str, flt: IncidentFilter) -> bytes:
    """The Map page's payload for the view (packed: the browser reads its columns without parsing)."""
    return packed_payload(filtered(url, version, flt), colours(url, version))


@st.cache_data(show_spinner=False, max_entries=32)
def timeline_for(url: str, version: str, flt: IncidentFilter) -> tuple[bytes, str] | None:
    """The timeline of the view before its dates (geo.map.timeline: both measures), and its digest;
    None when nothing matches."""
    from geo.map.timeline import timeline_payload
    from pages.payloads import digest

    data = timeline_payload(filtered(url, version, replace(flt, since=None, until=None)), colours(url, version))
    return None if data is None else (data, digest(data))


def label_box(frame: pd.DataFrame) -> tuple[float, float, float, float]:
    """The incidents' box, rounded outwards to whole degrees (so that the labels' cache key is stable)."""
    import math

    lat, lon = frame["latitude"].dropna(), frame["longitude"].dropna()
    if lat.empty:
        return (40.0, 20.0, 60.0, 50.0)
    return (math.floor(lat.min()), math.floor(lon.min()), math.ceil(lat.max()), math.ceil(lon.max()))


@st.cache_data(show_spinner=False, max_entries=8)
def place_labels(url: str, version: str) -> tuple[bytes, str]:
    """The gazetteer's place names for the map of the store's incidents (around their box, and more
    in the cells that hold them: geo.map.labels), and their digest."""
    from geo.gazetteer.lookup import Gazetteer
    from geo.map.labels import incident_cells, labels_payload
    from pages.payloads import digest

    frame = load_frame(url, version)
    data = labels_payload(Gazetteer.open().path, label_box(frame),
                          incident_cells(frame["latitude"].to_numpy(), frame["longitude"].to_numpy()))
    return data, digest(data)


@st.cache_data(show_spinner=False, max_entries=4)
def load_article_table(url: str, version: str) -> pd.DataFrame:
    return pd.DataFrame(load_articles(engine_for(url)))


def snapshot(tables: IncidentTables, view: pd.DataFrame, flt: IncidentFilter) -> bytes:
    """The view as the same GeoJSON snapshot as `incident-map export`."""
    return snapshot_bytes(tables, view, flt.as_metadata())


def hand_over_to_app() -> None:
    """Run app.py instead of this page file.

    Until st.navigation has run once in a server process, Streamlit treats pages/ as an old-style
    page directory: a first visitor arriving on a deep link (/sources) gets pages/sources.py run
    as a script, which only defines a function, and sees a blank page. A page file run that way
    clears Streamlit's flag for the page directory (st.navigation clears the same flag when it
    runs) and reruns; the rerun runs app.py, whose navigation opens the page the URL names."""
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False
    st.rerun()
