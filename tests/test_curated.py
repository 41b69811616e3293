"""geo.intake.curated: events.csv rows (a reviewer's word) are read with errors naming file, line
and field, and override the extracted incident they match, or are added when nothing matches."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from geo.errors import BadInput
from geo.intake.articles import article_from_text
from geo.intake.curated import CuratedEvent, apply_curated, load_curated
from geo.records import Article, Incident, Source

HEADER = "file,place_as_written,event_date,time_precision,geo_precision,group,event_type,sub_event_type,summary\n"
TEXT = ("Smoke over the border\n"
        "A mortar round landed in Shebekino on Sunday, local officials wrote.\n"
        "Later a patrol exchanged fire with raiders near Grayvoron.\n")


def _csv(tmp_path: Path, *rows: str, header: str = HEADER) -> Path:
    path = tmp_path / "events.csv"
    path.write_text(header + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def test_rows_are_read(tmp_path: Path):
    path = _csv(tmp_path,
                "report.txt, Shebekino ,2023-06-04,1,2,River Guard; Hill Watch,Battles,Armed clash, A clash. ",
                "other.txt,Grayvoron,2023-06-15,3,,,Battles,Armed clash,")
    assert load_curated(path) == [
        CuratedEvent("report.txt", "Shebekino", date(2023, 6, 4), 1, 2, ("River Guard", "Hill Watch"), "Battles",
                     "Armed clash", "A clash."),
        CuratedEvent("other.txt", "Grayvoron", date(2023, 6, 15), 3, None, (), "Battles", "Armed clash", ""),
    ]


def test_optional_columns_may_be_left_out(tmp_path: Path):
    path = _csv(tmp_path, "report.txt,Shebekino,2023-06-04,2,River Guard,Battles,Armed clash",
                header="file,place_as_written,event_date,time_precision,group,event_type,sub_event_type\n")
    [event] = load_curated(path)
    assert (event.geo_precision, event.summary, event.time_precision) == (None, "", 2)


def test_no_file_no_rows(tmp_path: Path):
    assert load_curated(tmp_path / "none.csv") == []


@pytest.mark.parametrize(("row", "message"), [
    ("report.txt,Shebekino,,1,1,G,Battles,Armed clash,s", "line 2, event_date: empty"),
    ("report.txt,Shebekino,4 June,1,1,G,Battles,Armed clash,s", "line 2, event_date: not a date"),
    ("report.txt,Shebekino,2023-06-04,day,1,G,Battles,Armed clash,s", "line 2, time_precision/geo_precision"),
    ("report.txt,Shebekino,2023-06-04,1,near,G,Battles,Armed clash,s", "line 2, time_precision/geo_precision"),
    ("report.txt,Shebekino,2023-06-04,4,1,G,Battles,Armed clash,s", "line 2, time_precision: must be 1, 2 or 3"),
    ("report.txt,Shebekino,2023-06-04,1,1,G,Battles,Picnic,s", "line 2, event_type: Battles / Picnic is not"),
])
def test_bad_rows_name_file_line_and_field(tmp_path: Path, row: str, message: str):
    path = _csv(tmp_path, row)
    with pytest.raises(BadInput, match=message) as err:
        load_curated(path)
    assert str(path) in str(err.value)


def test_a_missing_column_is_named(tmp_path: Path):
    path = _csv(tmp_path, "report.txt,Shebekino,2023-06-04", header="file,place_as_written,event_date\n")
    with pytest.raises(BadInput, match="missing column.*group, sub_event_type, time_precision"):
        load_curated(path)


@pytest.fixture()
def article() -> Article:
    return article_from_text(TEXT, title="Border report", outlet="Vale Times", published=date(2023, 6, 5),
                             path="/somewhere/report.txt")


def _extracted(article: Article, **changes: object) -> Incident:
    start = TEXT.index("A mortar")
    incident = Incident(
        event_date=date(2023, 6, 4), time_precision=1, place_as_written="Shebekino", place="Shebekino",
        latitude=50.41, longitude=36.93, country="RU", admin1="Belgorod", geonameid=None, geo_precision=1,
        event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack",
        actors=("Military Forces of Russia",), sources=(Source(article.id, "A mortar round", start, start + 14),),
        summary="extracted summary", confidence=0.6, id="x1")
    return replace(incident, **changes)  # type: ignore[arg-type]


def _event(**changes: object) -> CuratedEvent:
    event = CuratedEvent("report.txt", "shebekino", date(2023, 6, 4), 1, 2, ("River Guard",), "Battles",
                         "Armed clash", "A reviewer's summary.")
    return replace(event, **changes)  # type: ignore[arg-type]


def test_a_matching_row_overrides_the_extracted_incident(article: Article, gazetteer):
    [found] = apply_curated(article, [_extracted(article)], [_event()], gazetteer)
    assert (found.id, found.place, found.sources) == ("x1", "Shebekino", _extracted(article).sources)
    assert (found.event_type, found.sub_event_type, found.actors, found.geo_precision) == (
        "Battles", "Armed clash", ("River Guard",), 2)
    assert (found.summary, found.status, found.confidence) == ("A reviewer's summary.", "reviewed", 0.9)


def test_empty_fields_of_a_row_keep_the_extracted_values(article: Article, gazetteer):
    [found] = apply_curated(article, [_extracted(article, confidence=0.95)],
                            [_event(geo_precision=None, actors=(), summary="")], gazetteer)
    assert (found.geo_precision, found.actors, found.summary, found.confidence) == (
        1, ("Military Forces of Russia",), "extracted summary", 0.95)


@pytest.mark.parametrize(("incident_changes", "event_changes"), [
    ({"place_as_written": "the town", "place": "Shebekino"}, {}),  # matched by the gazetteer's name
    ({"event_date": date(2023, 6, 2), "time_precision": 2}, {}),  # the extracted week holds the day
    ({}, {"event_date": date(2023, 6, 20), "time_precision": 3}),  # the curated month holds the day
])
def test_what_matches(article: Article, gazetteer, incident_changes, event_changes):
    [found] = apply_curated(article, [_extracted(article, **incident_changes)], [_event(**event_changes)], gazetteer)
    assert found.status == "reviewed"


def test_a_row_that_matches_nothing_is_added_with_its_line_as_quote(article: Article, gazetteer):
    extracted = _extracted(article)
    found = apply_curated(article, [extracted], [_event(place_as_written="Grayvoron", geo_precision=None)], gazetteer)
    assert found[0] == extracted
    added = found[1]
    line = "Later a patrol exchanged fire with raiders near Grayvoron."
    [source] = added.sources
    assert (source.quote, TEXT[source.start:source.end]) == (line, line)
    assert (source.article_id, source.article_title, source.outlet) == (article.id, "Border report", "Vale Times")
    assert (added.place, added.country, added.geo_precision, added.status, added.confidence) == (
        "Grayvoron", "RU", 1, "reviewed", 0.9)
    assert added.claimed_by == ("Vale Times",)
    assert added.id and added.id != extracted.id


def test_other_files_rows_are_ignored(article: Article, gazetteer):
    extracted = [_extracted(article)]
    assert apply_curated(article, extracted, [_event(file="elsewhere.txt")], gazetteer) == extracted


def test_an_unknown_place_names_the_row(article: Article, gazetteer):
    with pytest.raises(BadInput, match=r"report.txt: place 'Qwxzyville' is not in the gazetteer"):
        apply_curated(article, [], [_event(place_as_written="Qwxzyville")], gazetteer)
