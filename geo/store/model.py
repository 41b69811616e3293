"""The store's tables. The incidents table is derived from the incident's schema (geo.schema):
a new field of geo.records.Incident becomes a column here without an edit."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

from geo.schema import STORED, IncidentField, to_stored

metadata = MetaData()
_SQL_TYPES: dict[str, Any] = {"text": Text, "int": Integer, "real": Float, "date": Date, "bool": Boolean,
                              "names": Text}


def _column(f: IncidentField) -> Column[Any]:
    if f.name == "id":
        return Column("id", String(32), primary_key=True)
    default = None if f.default is None or f.kind == "date" else to_stored(f, f.default)
    if default is not None and not isinstance(default, str | int | float | bool):
        default = None
    return Column(f.name, _SQL_TYPES[f.kind], nullable=f.nullable, default=default)


articles = Table(
    "articles", metadata,
    Column("id", String(32), primary_key=True),
    Column("title", Text, nullable=False, default=""),
    Column("outlet", Text, nullable=False, default=""),
    Column("url", Text, nullable=False, default=""),
    Column("published", Date),
    Column("path", Text, nullable=False, default=""),
    Column("text", Text, nullable=False),
    Column("ingested_at", String(32), nullable=False),
)
incidents = Table(
    "incidents", metadata,
    *(_column(f) for f in STORED),
    # When the row was last written: the store's own, not the incident's.
    Column("updated_at", String(32), nullable=False),
    Index("incidents_date", "event_date"),
    Index("incidents_place", "latitude", "longitude"),
)
sources = Table(
    "sources", metadata,
    Column("incident_id", String(32), ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True),
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("start", Integer, primary_key=True),
    Column("end", Integer, nullable=False),
    Column("quote", Text, nullable=False),
    Index("sources_article", "article_id"),
)
# One row: a number every write transaction raises (transaction() below), so that every process
# and every dashboard session sees that the store changed on its next read, whoever wrote.
store_meta = Table(
    "store_meta", metadata,
    Column("key", String(32), primary_key=True),
    Column("value", Integer, nullable=False),
)
places = Table(
    "places", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False),
    Column("latitude", Float, nullable=False),
    Column("longitude", Float, nullable=False),
    Column("country", String(8), nullable=False, default=""),
    Column("admin1", Text, nullable=False, default=""),
    Column("source", Text, nullable=False),
    Column("created_at", String(32), nullable=False),
)
