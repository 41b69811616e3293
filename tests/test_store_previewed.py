"""Add article stores what it previewed: the preview's incidents, with the curated rows and
corroboration applied as for any ingested article, and no second extraction (issue 11)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from streamlit.testing.v1 import AppTest

from geo.extract.pipeline import extract_incidents
from geo.intake.articles import article_from_text
from geo.intake.curated import CuratedEvent
from geo.intake.ingest import IngestReport, ingest_article
from geo.store.db import open_engine
from geo.store.tables import read_tables

TEXT = "Russian forces shelled the town of Vovchansk on Sunday, the regional governor said."
AGAIN = "Russian forces shelled the town of Vovchansk on Sunday, Ukrainian officials said. Two people were wounded."
PUBLISHED = date(2024, 5, 13)


def _stored(url: str):
    return read_tables(open_engine(url)).incidents


def test_the_given_incidents_are_stored_as_they_are(db_url, gazetteer):
    article = article_from_text(TEXT, title="Vovchansk", published=PUBLISHED)
    found = extract_incidents(article, gazetteer)
    assert len(found) == 1
    previewed = [replace(found[0], summary="The summary the preview showed")]
    report = IngestReport()
    ingest_article(open_engine(db_url), article, gazetteer, [], report, found=previewed)
    assert (report.articles, report.incidents) == (1, 1)
    assert list(_stored(db_url)["summary"]) == ["The summary the preview showed"]


def test_curated_rows_and_corroboration_still_apply(db_url, gazetteer):
    engine = open_engine(db_url)
    first = article_from_text(TEXT, title="Vovchansk", published=PUBLISHED, path="vovchansk.txt")
    curated = [CuratedEvent("vovchansk.txt", "Vovchansk", date(2024, 5, 12), 1, None, ("Military Forces of Russia",),
                            "Explosions/Remote violence", "Shelling/artillery/missile attack", "Reviewed by hand")]
    report = IngestReport()
    ingest_article(engine, first, gazetteer, curated, report, found=extract_incidents(first, gazetteer))
    stored = _stored(db_url)
    assert list(stored["status"]) == ["reviewed"] and list(stored["summary"]) == ["Reviewed by hand"]
    second = article_from_text(AGAIN, title="Vovchansk again", published=PUBLISHED)
    ingest_article(engine, second, gazetteer, curated, report, found=extract_incidents(second, gazetteer))
    assert (report.articles, report.incidents, report.corroborated) == (2, 1, 1)
    assert list(_stored(db_url)["n_sources"]) == [2]


def _add_page() -> None:
    from pages.add_article import add_article_page

    add_article_page()


def test_the_page_stores_its_preview_without_extracting_again(db_url, monkeypatch):
    monkeypatch.setenv("INCIDENT_MAP_DB", db_url)
    at = AppTest.from_function(_add_page, default_timeout=120)
    at.run()
    at.text_area[0].input(TEXT)
    at.date_input[0].set_value(PUBLISHED)
    at.button[0].click().run()
    assert not at.exception
    previewed = at.session_state["pending_incidents"]
    assert len(previewed) == 1
    # What the preview holds is what is stored: a second extraction would store its own summary.
    at.session_state["pending_incidents"] = [replace(previewed[0], summary="As previewed")]
    next(b for b in at.button if b.label == "Store these incidents").click().run()
    assert any("Stored: 1 new incident," in s.value for s in at.success), [s.value for s in at.success]
    assert list(_stored(db_url)["summary"]) == ["As previewed"]
    assert "pending_incidents" not in at.session_state
