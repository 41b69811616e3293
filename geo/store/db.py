"""The incident store: SQLite by default, any SQLAlchemy URL (PostgreSQL for a team).

Each article is ingested in one transaction: its incidents and sources land together or
not at all. SQLite runs in WAL mode with a busy timeout so that several processes (two
ingests and the dashboard) can write at once.
"""

from __future__ import annotations

import json
import math
import os
import secrets
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    and_,
    bindparam,
    create_engine,
    event,
    insert,
    inspect,
    select,
    update,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from geo.errors import BadInput, StoreError
from geo.extract.corroborate import MERGE_KM, date_range, merge, same_incident
from geo.intake.validation import MAX_ACTORS, MAX_FATALITIES, MAX_NAME_LENGTH, MAX_SUMMARY_LENGTH
from geo.records import Article, Incident, Place, Source
from geo.schema import EDITABLE, STATUSES, STORED, from_stored, to_stored
from geo.store.model import articles, incidents, metadata, places, sources, store_meta

DEFAULT_URL = "sqlite:///data/incidents.sqlite"
def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def database_url(url: str | None = None) -> str:
    return url or os.environ.get("INCIDENT_MAP_DB") or DEFAULT_URL


def open_engine(url: str | None = None) -> Engine:
    url = database_url(url)
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        path = url.removeprefix("sqlite:///")
        if os.path.dirname(path):
            try:
                os.makedirs(os.path.dirname(path), exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create the store's folder {os.path.dirname(path)!r}: {exc.strerror}") from exc
    try:
        engine = create_engine(url, connect_args={"timeout": 60} if url.startswith("sqlite") else {})
    except ModuleNotFoundError as exc:
        raise StoreError(f"the database driver {exc.name!r} for {shown_url(url)} is not installed; for PostgreSQL: "
                         "pip install 'incident-map[postgres]'") from exc
    except (SQLAlchemyError, ValueError) as exc:
        raise StoreError(f"cannot open the store {shown_url(url)}: {exc}") from exc
    if engine.dialect.name == "sqlite":
        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=60000")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

        # Take the write lock at the start of each transaction, so that two writers queue
        # instead of failing on a lock upgrade.
        @event.listens_for(engine, "begin")
        def _begin_immediate(conn: Connection) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE")

        @event.listens_for(engine, "connect")
        def _no_pysqlite_transactions(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.isolation_level = None
    _prepare(engine, url)
    return engine


def _prepare(engine: Engine, url: str) -> None:
    """Create what a new store lacks, and add the columns of fields added to the schema since the
    store was made (with their default). A complete store is only read here, so that a store in
    a read-only folder can still be read and exported."""
    try:
        with engine.connect() as conn:
            inspector = inspect(conn)
            present = set(inspector.get_table_names())
            missing = [t for t in metadata.sorted_tables if t.name not in present]
            has_version = "store_meta" in present and conn.execute(
                select(store_meta.c.value).where(store_meta.c.key == "version")).first() is not None
            columns = {c["name"] for c in inspector.get_columns("incidents")} if "incidents" in present else set()
    except (SQLAlchemyError, sqlite3.Error) as exc:
        raise StoreError(f"cannot open the store {shown_url(url)}: {store_error_text(exc)}") from exc
    new_columns = [c for c in incidents.columns if columns and c.name not in columns]
    if not missing and has_version and not new_columns:
        return
    try:
        metadata.create_all(engine, tables=missing)
        with transaction(engine) as conn:  # transaction() adds the version row
            for column in new_columns:
                kind = column.type.compile(dialect=engine.dialect)
                default = getattr(column.default, "arg", None)
                clause = "" if column.nullable else f" NOT NULL DEFAULT {_sql_literal(default)}"
                conn.exec_driver_sql(f'ALTER TABLE incidents ADD COLUMN "{column.name}" {kind}{clause}')
    except (SQLAlchemyError, StoreError) as exc:
        raise StoreError(f"cannot create the store's tables in {shown_url(url)}: {store_error_text(exc)}") from exc


def _sql_literal(value: Any) -> str:
    """A column default as SQL (the schema's defaults are numbers, booleans and text)."""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int | float):
        return repr(value)
    return "'" + str(value or "").replace("'", "''") + "'"


def shown_url(url: str) -> str:
    """The URL without a password, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (SQLAlchemyError, ValueError):
        return "the store"


def store_error_text(exc: BaseException) -> str:
    """What the database said, without SQLAlchemy's SQL text and parameters, with what to do."""
    orig = getattr(exc, "orig", None) or exc
    if isinstance(orig, StoreError):
        return str(orig)
    message = str(orig).splitlines()[0] if str(orig) else type(orig).__name__
    lowered = message.lower()
    if "not a database" in lowered or "malformed" in lowered:
        return f"{message}: the file is damaged or not an incident-map store (restore it from a backup)"
    if "disk is full" in lowered or "disk i/o" in lowered:
        return f"{message}: free some disk space and try again; nothing was changed"
    if "readonly" in lowered or "read-only" in lowered or "unable to open" in lowered:
        return f"{message}: the store or its folder is not writable by this user"
    return message


@contextmanager
def transaction(engine: Engine) -> Iterator[Connection]:
    """A write transaction. It raises the store's version in the same transaction, so that a
    reader sees a new version exactly when it can see the write."""
    try:
        with engine.begin() as conn:
            yield conn
            _bump_version(conn)
    except (SQLAlchemyError, sqlite3.Error) as exc:
        raise StoreError(f"the store refused a write: {store_error_text(exc)}") from exc


def _bump_version(conn: Connection) -> None:
    if conn.execute(update(store_meta).where(store_meta.c.key == "version")
                    .values(value=store_meta.c.value + 1)).rowcount == 0:
        # A new store: its identity (a random number) goes into the version too, so that a store
        # deleted and made again at the same path never repeats a version a cache still holds.
        conn.execute(insert(store_meta).values(key="version", value=1))
        conn.execute(insert(store_meta).values(key="identity", value=secrets.randbelow(2**31)))


def has_article(conn: Connection, article_id: str) -> bool:
    return conn.execute(select(articles.c.id).where(articles.c.id == article_id)).first() is not None


def incident_row(i: Incident) -> dict[str, Any]:
    """An incident as a row of the incidents table."""
    return {**{f.name: to_stored(f, getattr(i, f.name)) for f in STORED}, "updated_at": _now()}


# The statements add_article runs for every incident, built once: building one (its ~40 values
# coerced, its cache key computed) cost more than running it, about half of a write.
_NEARBY = select(incidents).where(and_(
    incidents.c.event_date >= bindparam("day_lo"), incidents.c.event_date <= bindparam("day_hi"),
    incidents.c.latitude.between(bindparam("lat_lo"), bindparam("lat_hi")),
    incidents.c.longitude.between(bindparam("lon_lo"), bindparam("lon_hi")),
))
_INSERT_ARTICLE = insert(articles)
_INSERT_INCIDENT = insert(incidents)
_UPDATE_INCIDENT = update(incidents).where(incidents.c.id == bindparam("match_id"))


def _nearby(conn: Connection, i: Incident) -> list[Incident]:
    """Stored incidents that may be the same event: dates within a month, places within a box."""
    lo, hi = date_range(i.event_date, i.time_precision)
    box = MERGE_KM / 111.0 * 2
    rows = conn.execute(_NEARBY, {
        "day_lo": lo - timedelta(days=31), "day_hi": hi + timedelta(days=31),
        "lat_lo": i.latitude - box, "lat_hi": i.latitude + box,
        "lon_lo": i.longitude - box * 2, "lon_hi": i.longitude + box * 2,
    }).mappings().all()
    # Without their sources: deciding whether two reports are one (same_incident) and the merged
    # row that is stored read none, and reading them was a query per incident written.
    return [_row_to_incident(r) for r in rows]


def add_article(conn: Connection, article: Article, found: list[Incident]) -> tuple[int, int]:
    """Store an article and its incidents (in the caller's transaction). Returns (new, corroborated)."""
    conn.execute(_INSERT_ARTICLE, {
        "id": article.id, "title": article.title, "outlet": article.outlet, "url": article.url,
        "published": article.published, "path": article.path, "text": article.text, "ingested_at": _now(),
    })
    new = corroborated = 0
    for incident in found:
        match = next((s for s in _nearby(conn, incident) if same_incident(s, incident)), None)
        if match is not None:
            if match.status == "reviewed":
                # A reviewer's word stands: a new report adds its evidence and its claimant only.
                merged = replace(match, claimed_by=tuple(dict.fromkeys([*match.claimed_by, *incident.claimed_by])))
            else:
                merged = merge(match, incident, keep_first=True)
                if incident.status == "reviewed":
                    merged = replace(merged, status="reviewed")
            row = {k: v for k, v in incident_row(replace(merged, id=match.id)).items() if k != "id"}
            conn.execute(_UPDATE_INCIDENT, {"match_id": match.id, **row})
            _add_sources(conn, match.id, incident.sources)
            corroborated += 1
        else:
            conn.execute(_INSERT_INCIDENT, incident_row(incident))
            _add_sources(conn, incident.id, incident.sources, new=True)
            new += 1
    return new, corroborated


def _add_sources(conn: Connection, incident_id: str, new_sources: Iterable[Source], *, new: bool = False) -> None:
    """Add the sources an incident does not have yet (one per article and start), in one insert;
    a new incident has none, so nothing is looked up for it."""
    unique: dict[tuple[str, int], Source] = {}
    for s in new_sources:
        unique.setdefault((s.article_id, s.start), s)
    if not unique:
        return
    if not new:
        have = conn.execute(select(sources.c.article_id, sources.c.start).where(and_(
            sources.c.incident_id == incident_id, sources.c.article_id.in_({a for a, _ in unique}),
        ))).all()
        for key in have:
            unique.pop((key[0], key[1]), None)
    if unique:
        conn.execute(insert(sources), [
            {"incident_id": incident_id, "article_id": s.article_id, "start": s.start, "end": s.end, "quote": s.quote}
            for s in unique.values()
        ])


def _row_to_incident(r: Any) -> Incident:
    return Incident(**{f.name: from_stored(f, r[f.name]) for f in STORED})


def _with_sources(conn: Connection, found: list[Incident]) -> list[Incident]:
    if not found:
        return []
    ids = [i.id for i in found]
    by_incident: dict[str, list[Source]] = {}
    for chunk in range(0, len(ids), 500):
        rows = conn.execute(
            select(sources, articles.c.title, articles.c.url, articles.c.outlet)
            .join(articles, articles.c.id == sources.c.article_id)
            .where(sources.c.incident_id.in_(ids[chunk:chunk + 500]))
            .order_by(sources.c.article_id, sources.c.start)
        ).mappings().all()
        for r in rows:
            by_incident.setdefault(r["incident_id"], []).append(
                Source(r["article_id"], r["quote"], r["start"], r["end"], r["title"], r["url"], r["outlet"])
            )
    return [replace(i, sources=tuple(by_incident.get(i.id, ()))) for i in found]


def load_incidents(engine: Engine, *, with_sources: bool = True) -> list[Incident]:
    with engine.connect() as conn:
        rows = conn.execute(select(incidents).order_by(incidents.c.event_date, incidents.c.place)).mappings().all()
        found = [_row_to_incident(r) for r in rows]
        return _with_sources(conn, found) if with_sources else found


def load_articles(engine: Engine) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(articles).order_by(articles.c.published)).mappings().all()]


def store_version(engine: Engine) -> str:
    """The store's version, raised by every write transaction: the dashboard's cache key. One
    indexed row, so every rerun of every session can afford to ask."""
    try:
        with engine.connect() as conn:
            values = {key: value for key, value in conn.execute(select(store_meta.c.key, store_meta.c.value))}
    except (SQLAlchemyError, sqlite3.Error) as exc:
        raise StoreError(f"cannot read the store: {store_error_text(exc)}") from exc
    return f"{values.get('identity', 0)}:{values.get('version', 0)}"


def count_articles(engine: Engine) -> int:
    with engine.connect() as conn:
        return len(conn.execute(select(articles.c.id)).all())


def update_incident(engine: Engine, incident_id: str, **changes: Any) -> None:
    """Save a reviewer's edit: the incident becomes 'reviewed'."""
    unknown = set(changes) - EDITABLE
    if unknown:
        raise StoreError(f"cannot edit field(s): {', '.join(sorted(unknown))}")
    if "actors" in changes and not isinstance(changes["actors"], str):
        actors = list(changes["actors"])
        if len(actors) > MAX_ACTORS or not all(isinstance(a, str) and 0 < len(a) <= MAX_NAME_LENGTH for a in actors):
            raise BadInput(f"groups must be at most {MAX_ACTORS} names of 1 to {MAX_NAME_LENGTH} characters")
        changes["actors"] = json.dumps(actors)
    if "status" in changes and changes["status"] not in STATUSES:
        raise BadInput(f"status must be one of {', '.join(STATUSES)}, not {str(changes['status'])[:40]!r}")
    if "summary" in changes and (not isinstance(changes["summary"], str)
                                 or len(changes["summary"]) > MAX_SUMMARY_LENGTH):
        raise BadInput(f"a summary is text of at most {MAX_SUMMARY_LENGTH:,} characters")
    if "fatalities" in changes and changes["fatalities"] is not None and (
            isinstance(changes["fatalities"], bool) or not isinstance(changes["fatalities"], int)
            or not 0 <= changes["fatalities"] <= MAX_FATALITIES):
        raise BadInput(f"fatalities must be a whole number from 0 to {MAX_FATALITIES:,}, or empty")
    for key in ("latitude", "longitude"):
        if key in changes and (changes[key] is None or math.isnan(float(changes[key]))):
            raise StoreError(f"{key} must be a number")
    changes.setdefault("status", "reviewed")
    with transaction(engine) as conn:
        result = conn.execute(update(incidents).where(incidents.c.id == incident_id).values(updated_at=_now(), **changes))
        if result.rowcount == 0:
            raise StoreError(f"no incident {incident_id}")


def add_place(engine: Engine, name: str, latitude: float, longitude: float, source: str, country: str = "",
              admin1: str = "") -> None:
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise StoreError(f"{name}: coordinates out of range: {latitude}, {longitude}")
    with transaction(engine) as conn:
        conn.execute(insert(places).values(name=name, latitude=latitude, longitude=longitude, country=country,
                                           admin1=admin1, source=source, created_at=_now()))


def pinned_places(engine: Engine) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(places)).mappings().all()]


def pinned_place_index(engine: Engine) -> dict[str, Place]:
    """Places users pinned on the map, by name key: extraction uses them for names the gazetteer lacks."""
    from geo.gazetteer.names import name_key

    return {
        name_key(r["name"]): Place(r["name"], r["latitude"], r["longitude"], r["country"], r["admin1"],
                                   kind="pinned place", source=r["source"], matched_by="pinned by a user", score=1.0)
        for r in pinned_places(engine)
    }
