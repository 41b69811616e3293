"""One incident schema: every place that lists an incident's fields agrees with geo.schema."""

from __future__ import annotations

import json
from dataclasses import fields, replace
from datetime import date
from typing import get_args

import pytest

from geo.export.geojson import feature_collection, incident_properties
from geo.export.snapshot import snapshot_bytes
from geo.intake.validation import PropertiesRow, Status
from geo.records import Incident, Source
from geo.schema import ACLED_TYPES, EDITABLE, FIELD, PROPERTIES, STATUSES, STORED, SUB_EVENT_TYPES, is_acled_type
from geo.store.db import open_engine, transaction, update_incident
from geo.store.model import incidents as incidents_table
from geo.store.tables import INCIDENT_COLUMNS, frame_of, read_tables

INCIDENT = Incident(
    event_date=date(2023, 6, 1), time_precision=2, place_as_written="Shebekino", place="Shebekino",
    latitude=50.41, longitude=36.9, admin1="Belgorod Oblast", country="RU", geonameid=496285, geo_precision=1,
    event_type="Battles", sub_event_type="Armed clash", actors=("Group A", "Group B"), claimed_by=("Group A",),
    sources=(Source("art1", "a quote", 0, 7, "Title", "https://example.org/a", "Outlet"),), summary="s",
    confidence=0.7, status="extracted", unresolved=False, id="inc1",
)


def test_every_field_of_the_record_has_a_kind_and_is_stored_or_a_table_of_its_own():
    assert [f.name for f in fields(Incident)] == list(FIELD)
    assert {f.name for f in STORED} == {f.name for f in fields(Incident)} - {"sources"}


def test_the_store_table_is_the_schema():
    assert [c.name for c in incidents_table.columns] == [*(f.name for f in STORED), "updated_at"]
    assert incidents_table.c.geonameid.nullable and not incidents_table.c.place.nullable


def test_the_frame_and_the_geojson_properties_are_the_schema():
    assert INCIDENT_COLUMNS[: len(STORED)] == ["id", *(f.name for f in STORED if f.name != "id")]
    assert list(incident_properties(INCIDENT)) == list(PROPERTIES)
    assert set(PROPERTIES) == ({f.name for f in fields(Incident)} - {"latitude", "longitude"}) | {"n_sources"}


def test_import_validates_every_property():
    """A new field needs its validation rule (what genuinely differs): this test says so."""
    assert set(PropertiesRow.model_fields) == set(PROPERTIES) - {"n_sources"}
    assert set(get_args(Status)) == set(STATUSES)


def test_a_record_goes_through_store_frame_and_snapshot_unchanged(db_url):
    from geo.intake.articles import article_from_text
    from geo.store.db import add_article

    article = replace(article_from_text("text " * 20, title="Title", outlet="Outlet", published=date(2023, 6, 2)),
                      id="art1")
    with transaction(open_engine(db_url)) as conn:
        add_article(conn, article, [INCIDENT])
    tables = read_tables(open_engine(db_url))
    (back,) = tables.incidents_of(tables.incidents)
    assert replace(back, sources=()) == replace(INCIDENT, sources=())
    assert [(s.article_id, s.quote, s.start, s.end) for s in back.sources] == [("art1", "a quote", 0, 7)]
    # The frame made from records (a preview) equals the frame read from the store.
    preview = frame_of([INCIDENT])
    stored = tables.incidents
    for column in [f.name for f in STORED]:
        assert preview[column].tolist() == stored[column].tolist(), column
    # The column-wise snapshot writes what the record-wise GeoJSON writes.
    snap = json.loads(snapshot_bytes(tables, tables.incidents))["features"][0]
    one = json.loads(json.dumps(feature_collection([back])))["features"][0]
    assert list(snap["properties"]) == list(PROPERTIES)
    assert snap["properties"] == one["properties"]


@pytest.mark.parametrize("name", sorted(EDITABLE))
def test_every_editable_field_is_accepted_by_update_incident(db_url, name):
    from geo.intake.articles import article_from_text
    from geo.store.db import add_article

    article = replace(article_from_text("text " * 20, published=date(2023, 6, 2)), id="art1")
    with transaction(open_engine(db_url)) as conn:
        add_article(conn, article, [INCIDENT])
    value = {"date": date(2023, 6, 3), "int": 3, "real": 10.5, "names": ["Group C"], "text": "new"}[FIELD[name].kind]
    if name == "status":
        value = "reviewed"
    update_incident(open_engine(db_url), "inc1", **{name: value})


def test_the_acled_taxonomy_is_defined_once():
    assert is_acled_type("Battles", "Armed clash") and not is_acled_type("Battles", "Grenade")
    assert set(SUB_EVENT_TYPES) == {s for subs in ACLED_TYPES.values() for s in subs}


def test_a_store_made_before_a_field_existed_gets_its_column(db_url):
    """A field added to the schema reaches stores made before it: open_engine adds its column
    with the field's default (here the store is made without `summary` and `confidence`)."""
    import sqlite3

    from geo.store.model import incidents

    path = db_url.removeprefix("sqlite:///")
    open_engine(db_url)
    with sqlite3.connect(path) as con:
        kept = [c.name for c in incidents.columns if c.name not in ("summary", "confidence")]
        con.execute("ALTER TABLE incidents RENAME TO old")
        con.execute(f"CREATE TABLE incidents AS SELECT {', '.join(kept)} FROM old WHERE 0")
        con.execute("DROP TABLE old")
        con.execute("INSERT INTO incidents (id, event_date, time_precision, place_as_written, place, latitude, "
                    "longitude, admin1, country, geo_precision, event_type, sub_event_type, actors, claimed_by, "
                    "status, unresolved, updated_at) VALUES ('x', '2023-06-01', 1, 'A', 'A', 1.0, 2.0, '', 'RU', 1, "
                    "'Battles', 'Armed clash', '[]', '[]', 'extracted', 0, 'now')")
    frame = read_tables(open_engine(db_url)).incidents
    assert frame.loc[0, "summary"] == "" and frame.loc[0, "confidence"] == 0.5
