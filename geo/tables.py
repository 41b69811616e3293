"""The store read as two pandas frames: one row per incident, one row per quote.

The dashboard and `incident-map export` work on these. Reading them is a handful of SQL
queries and vectorised pandas, with no Python object per incident, so 200,000 incidents load
in seconds and the GeoJSON snapshot is built from columns (geo.snapshot).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import Engine, text

from geo.records import Incident, Source

UNKNOWN_GROUP = "Unknown group"
INCIDENT_COLUMNS = [
    "id", "event_date", "time_precision", "place", "place_as_written", "admin1", "country", "latitude", "longitude",
    "geo_precision", "event_type", "sub_event_type", "actors", "claimed_by", "summary", "confidence", "status",
    "unresolved", "geonameid", "n_sources", "outlets", "article_ids", "group", "search_text",
]
SOURCE_COLUMNS = ["incident_id", "article_id", "start", "end", "quote", "title", "url", "outlet"]

_INCIDENTS_SQL = text(
    "SELECT id, event_date, time_precision, place, place_as_written, admin1, country, latitude, longitude, "
    "geo_precision, event_type, sub_event_type, actors, claimed_by, summary, confidence, status, unresolved, "
    "geonameid FROM incidents ORDER BY event_date, place, id"
)
_SOURCES_SQL = text(
    'SELECT s.incident_id, s.article_id, s.start, s."end", s.quote, a.title, a.url, a.outlet '
    "FROM sources s JOIN articles a ON a.id = s.article_id ORDER BY s.incident_id, s.article_id, s.start"
)


@dataclass(frozen=True)
class IncidentTables:
    incidents: pd.DataFrame
    sources: pd.DataFrame

    def sources_of(self, ids: list[str] | pd.Series) -> dict[str, list[dict[str, Any]]]:
        """The quotes of some incidents, as dicts with SOURCE_COLUMNS (minus incident_id)."""
        rows = self.sources[self.sources["incident_id"].isin(list(ids))]
        out: dict[str, list[dict[str, Any]]] = {}
        for r in rows.to_dict("records"):
            out.setdefault(r.pop("incident_id"), []).append(r)
        return out

    def incidents_of(self, frame: pd.DataFrame) -> list[Incident]:
        """Rows of the incidents frame as Incident records, with their sources."""
        quotes = self.sources_of(frame["id"])
        return [
            Incident(
                event_date=r["event_date"].date(), time_precision=int(r["time_precision"]),
                place_as_written=r["place_as_written"], place=r["place"], latitude=float(r["latitude"]),
                longitude=float(r["longitude"]), country=r["country"], admin1=r["admin1"],
                geonameid=None if pd.isna(r["geonameid"]) else int(r["geonameid"]),
                geo_precision=int(r["geo_precision"]), event_type=r["event_type"], sub_event_type=r["sub_event_type"],
                actors=tuple(r["actors"]), claimed_by=tuple(r["claimed_by"]), summary=r["summary"],
                confidence=float(r["confidence"]), status=r["status"], unresolved=bool(r["unresolved"]), id=r["id"],
                sources=tuple(Source(s["article_id"], s["quote"], int(s["start"]), int(s["end"]), s["title"], s["url"],
                                     s["outlet"]) for s in quotes.get(r["id"], [])),
            )
            for r in frame.to_dict("records")
        ]


def _object_array(values: list[Any]) -> np.ndarray:
    """A 1-d object array of tuples (np.array would make a 2-d array of equal-length tuples)."""
    out = np.empty(len(values), dtype=object)
    for k, v in enumerate(values):
        out[k] = v
    return out


def _tuples(column: pd.Series) -> np.ndarray:
    """JSON lists (as stored) to tuples, decoding each distinct value once."""
    codes, uniques = pd.factorize(column)
    decoded = np.empty(len(uniques), dtype=object)
    for k, value in enumerate(uniques):
        decoded[k] = tuple(json.loads(value))
    return decoded[codes] if len(codes) else np.empty(0, dtype=object)


def _per_incident(sources: pd.DataFrame, ids: list[str]) -> tuple[list[int], list[tuple], list[tuple], list[str]]:
    """For each incident id: its number of quotes, its outlets and articles (sorted, distinct) and
    its quotes joined. A plain loop: pandas' groupby runs Python per group, which is slower here."""
    count: dict[str, int] = {}
    outlets: dict[str, set[str]] = {}
    articles: dict[str, set[str]] = {}
    quotes: dict[str, list[str]] = {}
    for incident_id, article_id, outlet, quote in zip(sources["incident_id"].tolist(), sources["article_id"].tolist(),
                                                      sources["outlet"].tolist(), sources["quote"].tolist(), strict=True):
        count[incident_id] = count.get(incident_id, 0) + 1
        articles.setdefault(incident_id, set()).add(article_id)
        if outlet:
            outlets.setdefault(incident_id, set()).add(outlet)
        quotes.setdefault(incident_id, []).append(quote)
    return ([count.get(i, 0) for i in ids], [tuple(sorted(outlets.get(i, ()))) for i in ids],
            [tuple(sorted(articles.get(i, ()))) for i in ids], [" ".join(quotes.get(i, ())) for i in ids])


def read_tables(engine: Engine) -> IncidentTables:
    with engine.connect() as conn:
        frame = pd.read_sql_query(_INCIDENTS_SQL, conn)
        sources = pd.read_sql_query(_SOURCES_SQL, conn)
    return tables_from_frames(frame, sources)


def tables_from_frames(frame: pd.DataFrame, sources: pd.DataFrame) -> IncidentTables:
    """Derive the dashboard's columns from the stored columns of incidents and sources."""
    sources = sources.astype({"start": "int64", "end": "int64"}).fillna({"title": "", "url": "", "outlet": ""})
    frame["event_date"] = pd.to_datetime(frame["event_date"].astype(str).str.slice(0, 10), format="%Y-%m-%d")
    for column in ("time_precision", "geo_precision"):
        frame[column] = frame[column].astype("int64")
    for column in ("latitude", "longitude", "confidence"):
        frame[column] = frame[column].astype("float64")
    frame["geonameid"] = frame["geonameid"].astype("Int64")
    frame["unresolved"] = frame["unresolved"].astype(bool)
    frame["actors"] = _tuples(frame["actors"])
    frame["claimed_by"] = _tuples(frame["claimed_by"])
    n_sources, outlets, article_ids, quotes = _per_incident(sources, frame["id"].tolist())
    frame["n_sources"] = np.asarray(n_sources, dtype="int64")
    frame["outlets"] = _object_array(outlets)
    frame["article_ids"] = _object_array(article_ids)
    frame["group"] = [a[0] if a else UNKNOWN_GROUP for a in frame["actors"]]
    frame["search_text"] = (frame["summary"] + " " + frame["place"] + " " + pd.Series(quotes, index=frame.index,
                                                                                      dtype="str")).str.casefold()
    return IncidentTables(frame[INCIDENT_COLUMNS].reset_index(drop=True), sources[SOURCE_COLUMNS].reset_index(drop=True))
