"""The store read as two pandas frames: one row per incident, one row per quote.

The dashboard and `incident-map export` work on these. Reading them is a handful of SQL
queries and vectorised pandas, with no Python object per incident, so 200,000 incidents load
in seconds and the GeoJSON snapshot is built from columns (geo.export.snapshot).
"""

from __future__ import annotations

import io
import json
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from dataclasses import MISSING, dataclass
from typing import Any

import numpy as np
import pandas as pd
import polars as pl
from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

from geo.errors import StoreError
from geo.records import Incident, Source
from geo.schema import STORED, IncidentField, from_stored, to_stored
from geo.store.db import store_error_text

# What the map's popups, its legend, its timeline and the Details panel say of an incident that names no
# group, and of one that nobody claims: one wording, defined here.
UNKNOWN_GROUP = "Unknown group"
NOT_STATED = "not stated"
# The stored fields (geo.schema), the id first, then what the frame derives from the quotes.
STORED_COLUMNS = ["id", *(f.name for f in STORED if f.name != "id")]
DERIVED_COLUMNS = ["n_sources", "outlets", "article_ids", "group", "search_text"]
INCIDENT_COLUMNS = [*STORED_COLUMNS, *DERIVED_COLUMNS]
SOURCE_COLUMNS = ["incident_id", "article_id", "start", "end", "quote", "title", "url", "outlet"]

_INCIDENTS_SQL = text(
    f"SELECT {', '.join(STORED_COLUMNS)} FROM incidents ORDER BY event_date, place, id"
)
_SOURCES_SQL = text(
    'SELECT s.incident_id, s.article_id, s.start, s."end", s.quote, a.title, a.url, a.outlet '
    "FROM sources s JOIN articles a ON a.id = s.article_id ORDER BY s.incident_id, s.article_id, s.start"
)
# Each kind of field as a frame column (geo.schema kinds).
_FRAME_TYPES = {"text": "str", "int": "int64", "real": "float64", "bool": bool}


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
            Incident(**{f.name: _record_value(f, r[f.name]) for f in STORED}, sources=tuple(
                Source(s["article_id"], s["quote"], int(s["start"]), int(s["end"]), s["title"], s["url"], s["outlet"])
                for s in quotes.get(r["id"], [])))
            for r in frame.to_dict("records")
        ]


def _record_value(f: IncidentField, value: Any) -> Any:
    """A frame cell as the record's value."""
    if f.kind == "date":
        return value.date()
    if f.nullable and pd.isna(value):
        return None
    return from_stored(f, value)


def frame_of(found: list[Incident]) -> pd.DataFrame:
    """Incident records (not stored, e.g. a preview) as the incidents frame, by the store's own
    conversions: one way from a record to a frame row."""
    from geo.store.db import incident_row

    rows = pd.DataFrame([incident_row(i) for i in found], columns=STORED_COLUMNS)
    quotes = pd.DataFrame([(i.id, s.article_id, s.start, s.end, s.quote, s.article_title, s.url, s.outlet)
                           for i in found for s in i.sources], columns=SOURCE_COLUMNS)
    return tables_from_frames(rows, quotes).incidents


def _object_array(values: list[Any]) -> np.ndarray:
    """A 1-d object array of tuples (np.array would make a 2-d array of equal-length tuples)."""
    out = np.empty(len(values), dtype=object)
    for k, v in enumerate(values):
        out[k] = v
    return out


def _tuples(column: pd.Series) -> np.ndarray:
    """JSON lists (as stored) to tuples, decoding each distinct value once; a missing value (a
    column added by hand without its default) is no names."""
    codes, uniques = pd.factorize(column)
    decoded = _object_array([*(tuple(json.loads(value)) for value in uniques), ()])
    return decoded[codes] if len(codes) else np.empty(0, dtype=object)  # code -1: the last, ()


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


# Read from SQLite as JSON lines that polars parses in native code: the rows never become Python
# tuples (fetching row by row is three times slower). REAL columns are read as plain rows and
# joined back by rowid, because SQLite's JSON writes a real with 15 significant digits, which
# would not give back the stored double; text and integers come back exact.
_TEXT_AND_INTEGERS: dict[str, Any] = {
    f.name: pl.Int64 if f.kind in ("int", "bool") else pl.String for f in STORED if f.kind != "real"}
_REAL_COLUMNS = tuple(f.name for f in STORED if f.kind == "real")
_SOURCE_TYPES: dict[str, Any] = {c: pl.Int64 if c in ("start", "end") else pl.String for c in SOURCE_COLUMNS}
_SOURCE_SELECT = ('SELECT s.rowid AS _rowid, s.incident_id, s.article_id, s.start, s."end", s.quote, a.title, '
                  "a.url, a.outlet FROM sources s JOIN articles a ON a.id = s.article_id")
# Rows per query: one query returns its rows as one string, and SQLite's strings stop at 1 GB.
_CHUNK_ROWS = 20_000


def _json_lines(cursor: Any, select: str, columns: dict[str, Any]) -> pl.DataFrame:
    """The rows of select (which names its rowid _rowid) as a polars frame, chunk by chunk."""
    fields = ", ".join(f"'{c}', \"{c}\"" for c in ["_rowid", *columns])
    schema = {"_rowid": pl.Int64, **columns}
    parts = []
    after = -(2**63)
    while True:
        last, text = cursor.execute(
            f"SELECT max(_rowid), group_concat(json_object({fields}), char(10)) "
            f"FROM ({select} WHERE _rowid > ? ORDER BY _rowid LIMIT {_CHUNK_ROWS})", (after,)).fetchone()
        if last is None:
            break
        parts.append(pl.read_ndjson(io.BytesIO(text.encode("utf-8")), schema=schema))
        after = last
    return pl.concat(parts) if parts else pl.DataFrame(schema=schema)


def _read_sqlite(engine: Engine) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Both frames through the engine's own sqlite3 connections.

    The store is read by the same SQLite library that writes it. A second copy of SQLite in the
    process (the ADBC driver, which this replaced) deletes the -wal and -shm files when it closes
    its connection while Python's sqlite3 is still using them: writes were lost and stores
    corrupted (SQLite's "How To Corrupt An SQLite Database File", 2.2.1).

    Incidents and quotes are read at once on two connections (sqlite3 and polars both release
    the GIL), each in a read transaction; the store's version, read in both, proves that they
    saw the same store, and a write that came between them makes the read start again."""
    for _ in range(5):
        with ThreadPoolExecutor(max_workers=2) as pool:
            incidents_job = pool.submit(_in_read_transaction, engine, _read_incidents)
            sources_job = pool.submit(_in_read_transaction, engine, _read_sources)
            (v1, incidents), (v2, sources) = incidents_job.result(), sources_job.result()
        if v1 == v2:
            return incidents.to_pandas(), sources.to_pandas()
    raise StoreError("the store kept changing while it was read; try again")


def _in_read_transaction(engine: Engine, read: Any) -> tuple[Any, pl.DataFrame]:
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("BEGIN")  # one snapshot for every query of this read (the store runs in autocommit)
        try:
            version = cursor.execute("SELECT key, value FROM store_meta ORDER BY key").fetchall()
            return version, read(cursor)
        finally:
            cursor.execute("COMMIT")
            cursor.close()
    finally:
        raw.close()


def _read_incidents(cursor: Any) -> pl.DataFrame:
    columns = ", ".join(f'"{c}"' for c in _TEXT_AND_INTEGERS)
    incidents = _json_lines(cursor, f"SELECT * FROM (SELECT rowid AS _rowid, {columns} FROM incidents)",
                            _TEXT_AND_INTEGERS)
    reals = cursor.execute(f"SELECT rowid, {', '.join(_REAL_COLUMNS)} FROM incidents").fetchall()
    real = np.asarray(reals, dtype="float64").reshape(-1, len(_REAL_COLUMNS) + 1)
    real_frame = pl.DataFrame({"_rowid": real[:, 0].astype("int64"),
                               **{c: real[:, k] for k, c in enumerate(_REAL_COLUMNS, start=1)}})
    # Sorted as SQLite's ORDER BY sorts (strings by their UTF-8 bytes, as polars does), here rather
    # than in SQLite, whose sorter takes a second at 200,000 rows.
    return (incidents.join(real_frame, on="_rowid", how="inner")
            .sort(["event_date", "place", "id"], maintain_order=True).drop("_rowid"))


def _read_sources(cursor: Any) -> pl.DataFrame:
    sources = _json_lines(cursor, f"SELECT * FROM ({_SOURCE_SELECT})", _SOURCE_TYPES)
    return sources.sort(["incident_id", "article_id", "start"], maintain_order=True).drop("_rowid")


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
    for f in STORED:
        if f.name not in frame.columns:  # a frame made before the field was added to the schema
            frame[f.name] = to_stored(f, f.default) if f.default is not MISSING else None
        if f.kind == "date":
            frame[f.name] = pd.to_datetime(frame[f.name].astype(str).str.slice(0, 10), format="%Y-%m-%d")
        elif f.kind == "names":
            frame[f.name] = _tuples(frame[f.name].astype(str))
        elif f.kind == "int" and f.nullable:
            frame[f.name] = frame[f.name].astype("Int64")
        else:
            frame[f.name] = frame[f.name].astype(_FRAME_TYPES[f.kind])
    per_incident = _per_incident(sources, frame["id"])
    for column in ("n_sources", "outlets", "article_ids"):
        frame[column] = per_incident[column].to_numpy()
    frame["group"] = [a[0] if a else UNKNOWN_GROUP for a in frame["actors"]]
    # Lower case, as filter_frame lowers the query: Arrow does it for the whole column at once.
    frame["search_text"] = (frame["summary"] + " " + frame["place"] + " "
                            + per_incident["quotes"].to_numpy()).str.lower()
    return IncidentTables(frame[INCIDENT_COLUMNS].reset_index(drop=True), sources[SOURCE_COLUMNS].reset_index(drop=True))
