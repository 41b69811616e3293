"""The store read as frames (geo.store.tables): the same incidents as the record-by-record reader."""

from __future__ import annotations

from geo.store.db import load_incidents, open_engine
from geo.store.tables import read_tables


def test_frames_hold_the_same_incidents_as_the_records(seeded_store, seeded_tables):
    tables = seeded_tables
    records = {i.id: i for i in load_incidents(open_engine(seeded_store))}
    again = {i.id: i for i in tables.incidents_of(tables.incidents)}
    assert again.keys() == records.keys() and len(records) > 10
    for key, incident in records.items():
        other = again[key]
        assert other == incident.__class__(**{**incident.__dict__, "sources": other.sources})
        assert sorted(other.sources, key=lambda s: (s.article_id, s.start)) == \
            sorted(incident.sources, key=lambda s: (s.article_id, s.start))


def test_derived_columns(seeded_tables):
    tables = seeded_tables
    frame = tables.incidents.set_index("id")
    for incident_id, quotes in tables.sources.groupby("incident_id"):
        row = frame.loc[incident_id]
        assert row["n_sources"] == len(quotes)
        assert row["article_ids"] == tuple(sorted(set(quotes["article_id"])))
        assert row["outlets"] == tuple(sorted({o for o in quotes["outlet"] if o}))
        assert all(q.lower() in row["search_text"] for q in quotes["quote"])
        assert row["group"] == (row["actors"][0] if row["actors"] else "Unknown group")


def test_portable_reader_gives_the_same_frames(seeded_store, seeded_tables):
    """The JSON-column SQLite path and the SQLAlchemy path (any database) agree, to the last bit."""
    import pandas as pd

    from geo.store.tables import _read_portable, tables_from_frames

    fast = seeded_tables
    portable = tables_from_frames(*_read_portable(open_engine(seeded_store)))
    pd.testing.assert_frame_equal(fast.incidents, portable.incidents)
    pd.testing.assert_frame_equal(fast.sources, portable.sources)


def test_an_empty_store_reads_as_empty_frames(db_url):
    tables = read_tables(open_engine(db_url))
    assert tables.incidents.empty and tables.sources.empty
    assert list(tables.incidents.columns)[:3] == ["id", "event_date", "time_precision"]
