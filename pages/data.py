"""Everything the pages read, behind st.cache_data; every input is an argument."""

from __future__ import annotations

import os
from typing import Any

import pandas as pd
import streamlit as st

from geo.filters import IncidentFilter, filter_frame, search_text
from geo.records import Incident
from geo.store import database_url, load_articles, load_incidents, open_engine, store_version

COLUMNS = [
    "id", "event_date", "time_precision", "place", "place_as_written", "admin1", "country", "latitude", "longitude",
    "geo_precision", "event_type", "sub_event_type", "actors", "claimed_by", "summary", "confidence", "status",
    "unresolved", "geonameid", "n_sources", "sources", "outlets", "article_ids", "group", "search_text",
]


def db_url() -> str:
    return database_url(os.environ.get("INCIDENT_MAP_DB"))


@st.cache_resource(show_spinner=False)
def engine_for(url: str):  # noqa: ANN201 - an SQLAlchemy Engine, shared by the sessions
    return open_engine(url)


def current_version(url: str) -> str:
    return store_version(engine_for(url))


def _row(i: Incident) -> dict[str, Any]:
    return {
        "id": i.id, "event_date": pd.Timestamp(i.event_date), "time_precision": i.time_precision, "place": i.place,
        "place_as_written": i.place_as_written, "admin1": i.admin1, "country": i.country, "latitude": i.latitude,
        "longitude": i.longitude, "geo_precision": i.geo_precision, "event_type": i.event_type,
        "sub_event_type": i.sub_event_type, "actors": tuple(i.actors), "claimed_by": tuple(i.claimed_by),
        "summary": i.summary, "confidence": i.confidence, "status": i.status, "unresolved": i.unresolved,
        "geonameid": i.geonameid, "n_sources": len(i.sources),
        "sources": [
            {"article_id": s.article_id, "title": s.article_title, "url": s.url, "outlet": s.outlet, "quote": s.quote,
             "start": s.start, "end": s.end}
            for s in i.sources
        ],
        "outlets": tuple(sorted({s.outlet for s in i.sources if s.outlet})),
        "article_ids": tuple(sorted({s.article_id for s in i.sources})),
        "group": i.actors[0] if i.actors else "Unknown group",
        "search_text": search_text(i),
    }


@st.cache_data(show_spinner="Loading incidents…", max_entries=4)
def load_frame(url: str, version: str) -> pd.DataFrame:
    """All stored incidents, one row each; version is the store's, so edits show at once."""
    incidents = load_incidents(engine_for(url))
    if not incidents:
        return pd.DataFrame(columns=COLUMNS)
    return pd.DataFrame([_row(i) for i in incidents], columns=COLUMNS)


@st.cache_data(show_spinner=False, max_entries=64)
def filtered(url: str, version: str, flt: IncidentFilter) -> pd.DataFrame:
    return filter_frame(load_frame(url, version), flt)


@st.cache_data(show_spinner=False, max_entries=4)
def load_article_table(url: str, version: str) -> pd.DataFrame:
    return pd.DataFrame(load_articles(engine_for(url)))


def frame_to_incidents_json(frame: pd.DataFrame, flt: IncidentFilter) -> str:
    """The filtered view as the same GeoJSON snapshot as `incident-map export`."""
    from geo.geojson import dumps, feature_collection
    from geo.records import Source

    incidents = []
    for r in frame.to_dict("records"):
        incidents.append(Incident(
            event_date=r["event_date"].date(), time_precision=int(r["time_precision"]),
            place_as_written=r["place_as_written"], place=r["place"], latitude=float(r["latitude"]),
            longitude=float(r["longitude"]), country=r["country"], admin1=r["admin1"],
            geonameid=None if pd.isna(r["geonameid"]) else int(r["geonameid"]),
            geo_precision=int(r["geo_precision"]), event_type=r["event_type"], sub_event_type=r["sub_event_type"],
            actors=tuple(r["actors"]), claimed_by=tuple(r["claimed_by"]), summary=r["summary"],
            confidence=float(r["confidence"]), status=r["status"], unresolved=bool(r["unresolved"]), id=r["id"],
            sources=tuple(Source(s["article_id"], s["quote"], s["start"], s["end"], s["title"], s["url"], s["outlet"])
                          for s in r["sources"]),
        ))
    return dumps(feature_collection(incidents, flt.as_metadata()))


# Cells that a spreadsheet would run as a formula start with one of these (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def frame_to_csv(frame: pd.DataFrame) -> str:
    out = frame.drop(columns=["sources", "search_text", "outlets", "article_ids", "group"], errors="ignore").copy()
    for column in ("actors", "claimed_by"):
        out[column] = out[column].map(lambda v: "; ".join(v))
    out["event_date"] = out["event_date"].dt.strftime("%Y-%m-%d")
    out["quotes"] = frame["sources"].map(lambda s: " | ".join(x["quote"] for x in s))
    return out.map(safe_cell).to_csv(index=False)
