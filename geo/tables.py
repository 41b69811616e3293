"""The store read as two pandas frames: one row per incident, one row per quote.

The dashboard and `incident-map export` work on these. Reading them is a handful of SQL
queries and vectorised pandas, with no Python object per incident, so 200,000 incidents load
in seconds and the GeoJSON snapshot is built from columns (geo.snapshot).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

import numpy as np
import orjson
import pandas as pd
import polars as pl
from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

from geo.errors import StoreError
from geo.records import Incident, Source
from geo.store import store_error_text

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
    decoded = _object_array([tuple(json.loads(value)) for value in uniques])
    return decoded[codes] if len(codes) else np.empty(0, dtype=object)


def _per_incident(sources: pd.DataFrame, ids: pd.Series) -> pd.DataFrame:
    """For each incident id, in the order of ids: its number of quotes, its outlets and articles
    (sorted, distinct, as tuples) and its quotes joined. Aggregated by polars: pandas' groupby
    runs Python code per group, which takes seconds at 200,000 incidents."""
    grouped = (
        pl.from_pandas(sources[["incident_id", "article_id", "outlet", "quote"]])
        .group_by("incident_id")
        .agg(pl.len().alias("n_sources"),
             pl.col("outlet").filter(pl.col("outlet") != "").unique().sort().alias("outlets"),
             pl.col("article_id").unique().sort().alias("article_ids"),
             pl.col("quote").str.join(" ").alias("quotes"))
    )
    ordered = pl.DataFrame({"incident_id": pl.from_pandas(ids)}).join(
        grouped, on="incident_id", how="left", maintain_order="left")
    return pd.DataFrame({
        "n_sources": ordered["n_sources"].fill_null(0).to_numpy().astype("int64"),
        "outlets": _object_array([tuple(v) if v is not None else () for v in ordered["outlets"].to_list()]),
        "article_ids": _object_array([tuple(v) if v is not None else () for v in ordered["article_ids"].to_list()]),
        "quotes": ordered["quotes"].fill_null("").to_pandas(),
    })


# Columns read from SQLite as one JSON array each (text and integers, which JSON keeps exact), and
# the REAL columns read as plain rows: SQLite's JSON writes a real with 15 significant digits,
# which would not give back the stored double. rowid lines the two reads up.
_JSON_COLUMNS = ("id", "event_date", "time_precision", "place", "place_as_written", "admin1", "country",
                 "geo_precision", "event_type", "sub_event_type", "actors", "claimed_by", "summary", "status",
                 "unresolved", "geonameid")
_REAL_COLUMNS = ("latitude", "longitude", "confidence")
_SOURCE_SELECT = ('SELECT s.incident_id, s.article_id, s.start, s."end", s.quote, a.title, a.url, a.outlet '
                  "FROM sources s JOIN articles a ON a.id = s.article_id")


def _json_arrays(cursor: Any, columns: tuple[str, ...] | list[str], select: str) -> dict[str, list[Any]]:
    """One query that returns each column as a JSON array, parsed by orjson: the rows never become
    Python tuples, which is what makes row-by-row fetching three times slower."""
    arrays = ", ".join(f'json_group_array("{c}")' for c in columns)
    row = cursor.execute(f"SELECT {arrays} FROM ({select})").fetchone()
    return {c: orjson.loads(v) for c, v in zip(columns, row, strict=True)}


def _read_sqlite(engine: Engine) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Both frames through the engine's own sqlite3 connection, in one read transaction.

    The store is read by the same SQLite library that writes it. A second copy of SQLite in the
    process (the ADBC driver, which this replaced) deletes the -wal and -shm files when it closes
    its connection while Python's sqlite3 is still using them: writes were lost and stores
    corrupted (SQLite's "How To Corrupt An SQLite Database File", 2.2.1)."""
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("BEGIN")  # one snapshot for the three queries (the store runs in autocommit)
        try:
            cols = _json_arrays(cursor, ("rowid", *_JSON_COLUMNS),
                                "SELECT rowid, " + ", ".join(f'"{c}"' for c in _JSON_COLUMNS) + " FROM incidents")
            reals = cursor.execute(f"SELECT rowid, {', '.join(_REAL_COLUMNS)} FROM incidents ORDER BY rowid").fetchall()
            quotes = _json_arrays(cursor, SOURCE_COLUMNS, _SOURCE_SELECT)
        finally:
            cursor.execute("COMMIT")
            cursor.close()
    finally:
        raw.close()
    rowids = np.asarray(cols.pop("rowid"), dtype="int64")
    frame = pd.DataFrame(cols)
    real = np.asarray(reals, dtype="float64").reshape(-1, len(_REAL_COLUMNS) + 1)
    by_rowid = real[:, 0].astype("int64")
    if not np.array_equal(by_rowid, rowids):  # the aggregate saw the rows in another order
        frame = frame.iloc[np.argsort(rowids, kind="stable")].reset_index(drop=True)
        if not np.array_equal(np.sort(rowids), by_rowid):
            raise StoreError("the store changed while it was read")
    for k, column in enumerate(_REAL_COLUMNS, start=1):
        frame[column] = real[:, k]
    frame = frame.iloc[_order(frame, ["event_date", "place", "id"])].reset_index(drop=True)
    sources = pd.DataFrame(quotes)
    sources = sources.iloc[_order(sources, ["incident_id", "article_id", "start"])].reset_index(drop=True)
    return frame, sources


def _order(frame: pd.DataFrame, keys: list[str]) -> np.ndarray:
    """Row positions sorted by keys as SQLite's ORDER BY sorts them (strings by their UTF-8 bytes,
    as polars does); polars sorts 200,000 rows in milliseconds, the SQLite sorter in a second."""
    if frame.empty:
        return np.arange(0)
    keyed = pl.DataFrame({k: pl.Series(frame[k].tolist()) for k in keys}).with_row_index("_row")
    return keyed.sort(keys, maintain_order=True)["_row"].to_numpy()


def _read_portable(engine: Engine) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Both frames through SQLAlchemy and pandas: any database, row by row."""
    with engine.connect() as conn:
        return pd.read_sql_query(_INCIDENTS_SQL, conn), pd.read_sql_query(_SOURCES_SQL, conn)


def read_tables(engine: Engine) -> IncidentTables:
    try:
        raw = _read_sqlite(engine) if engine.dialect.name == "sqlite" else _read_portable(engine)
    except (SQLAlchemyError, sqlite3.Error) as exc:
        raise StoreError(f"cannot read the store: {store_error_text(exc)}") from exc
    return tables_from_frames(*raw)


def tables_from_frames(frame: pd.DataFrame, sources: pd.DataFrame) -> IncidentTables:
    """Derive the dashboard's columns from the stored columns of incidents and sources."""
    sources = sources.fillna({"title": "", "url": "", "outlet": ""}).astype(
        {"incident_id": "str", "article_id": "str", "start": "int64", "end": "int64", "quote": "str", "title": "str",
         "url": "str", "outlet": "str"})
    frame = frame.astype({c: "str" for c in ("id", "place", "place_as_written", "admin1", "country", "event_type",
                                             "sub_event_type", "actors", "claimed_by", "summary", "status")})
    frame["event_date"] = pd.to_datetime(frame["event_date"].astype(str).str.slice(0, 10), format="%Y-%m-%d")
    for column in ("time_precision", "geo_precision"):
        frame[column] = frame[column].astype("int64")
    for column in ("latitude", "longitude", "confidence"):
        frame[column] = frame[column].astype("float64")
    frame["geonameid"] = frame["geonameid"].astype("Int64")
    frame["unresolved"] = frame["unresolved"].astype(bool)
    frame["actors"] = _tuples(frame["actors"])
    frame["claimed_by"] = _tuples(frame["claimed_by"])
    per_incident = _per_incident(sources, frame["id"])
    for column in ("n_sources", "outlets", "article_ids"):
        frame[column] = per_incident[column].to_numpy()
    frame["group"] = [a[0] if a else UNKNOWN_GROUP for a in frame["actors"]]
    # Lower case, as filter_frame lowers the query: Arrow does it for the whole column at once.
    frame["search_text"] = (frame["summary"] + " " + frame["place"] + " "
                            + per_incident["quotes"].to_numpy()).str.lower()
    return IncidentTables(frame[INCIDENT_COLUMNS].reset_index(drop=True), sources[SOURCE_COLUMNS].reset_index(drop=True))
