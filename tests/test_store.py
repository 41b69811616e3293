"""The store: idempotent ingest, one transaction per article, corroboration across articles, edits."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from geo.intake.ingest import ingest_paths
from geo.store.db import StoreError, articles, incidents, load_incidents, open_engine, sources, update_incident
from tests.conftest import SEEDS


@pytest.fixture()
def seeded(db_url, gazetteer):
    engine = open_engine(db_url)
    report = ingest_paths(engine, [SEEDS], gazetteer)
    return engine, report


def test_ingest_is_idempotent(seeded, gazetteer):
    engine, report = seeded
    assert report.articles == 4 and report.errors == []
    before = load_incidents(engine)
    again = ingest_paths(engine, [SEEDS], gazetteer)
    assert again.articles == 0 and again.skipped == 4
    assert load_incidents(engine) == before


def test_corroboration_across_articles(seeded):
    engine, _ = seeded
    stored = load_incidents(engine)
    for place, day in [("Kozinka", "2023-05-22"), ("Grayvoron", "2023-05-22"), ("Shebekino", "2023-06-01")]:
        matches = [i for i in stored if i.place == place and i.event_date.isoformat() == day]
        assert len(matches) == 1, (place, matches)
        assert len({s.article_id for s in matches[0].sources}) == 2, place


def test_curated_rows_mark_incidents_reviewed(seeded):
    engine, _ = seeded
    stored = {(i.place, i.event_date.isoformat()): i for i in load_incidents(engine)}
    assert stored[("Terebreno", "2023-12-17")].status == "reviewed"
    assert any(i.status == "extracted" for i in stored.values())


def test_an_article_is_one_transaction(db_url, gazetteer, tmp_path, monkeypatch):
    engine = open_engine(db_url)
    import geo.store.db as store

    calls = {"n": 0}
    real = store._add_sources

    def failing(conn, incident_id, new_sources, **options):
        calls["n"] += 1
        if calls["n"] == 2:
            raise store.SQLAlchemyError("disk full")
        return real(conn, incident_id, new_sources, **options)

    monkeypatch.setattr(store, "_add_sources", failing)
    with pytest.raises(StoreError):
        ingest_paths(engine, [SEEDS / "003_9958bf51f3480b78.txt"], gazetteer, keep_going=False)
    with engine.connect() as conn:
        assert conn.execute(select(articles)).all() == []
        assert conn.execute(select(incidents)).all() == []
        assert conn.execute(select(sources)).all() == []


def test_edit_survives_reopening(seeded, db_url):
    engine, _ = seeded
    target = next(i for i in load_incidents(engine) if i.status == "extracted")
    update_incident(engine, target.id, event_type="Battles", sub_event_type="Armed clash", actors=["Wagner Group"])
    reopened = {i.id: i for i in load_incidents(open_engine(db_url))}
    assert reopened[target.id].status == "reviewed"
    assert reopened[target.id].actors == ("Wagner Group",)


def test_edit_rejects_unknown_fields(seeded):
    engine, _ = seeded
    with pytest.raises(StoreError):
        update_incident(engine, "nope", status="reviewed")
    with pytest.raises(StoreError):
        update_incident(engine, "x", bogus=1)


def test_a_new_report_does_not_overwrite_a_review(db_url, gazetteer):
    engine = open_engine(db_url)
    ingest_paths(engine, [SEEDS / "002_1943200aa988dab2.txt"], gazetteer)
    shebekino = next(i for i in load_incidents(engine) if i.place == "Shebekino")
    update_incident(engine, shebekino.id, summary="Checked by hand", actors=["Military Forces of Ukraine"])
    ingest_paths(engine, [SEEDS / "001_4a8d532ccd6c4d10.txt"], gazetteer)
    after = next(i for i in load_incidents(engine) if i.id == shebekino.id)
    assert after.summary == "Checked by hand" and after.actors == ("Military Forces of Ukraine",)
    assert len({s.article_id for s in after.sources}) == 2  # the evidence was still added
