"""Every page under streamlit.testing.v1.AppTest: no exception, filters change counts, exports match."""

from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from geo.intake.ingest import ingest_paths
from geo.store.db import open_engine
from tests.conftest import ROOT, SEEDS

PAGES = ["map", "incidents", "sources", "add", "about"]


@pytest.fixture(scope="module")
def seeded_url(tmp_path_factory, gazetteer) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('app') / 'db.sqlite'}"
    ingest_paths(open_engine(url), [SEEDS], gazetteer)
    return url


def shown_count(at: AppTest) -> tuple[int, int]:
    for md in at.markdown:
        m = re.search(r"(\d+) of (\d+) incidents shown", md.value)
        if m:
            return int(m.group(1)), int(m.group(2))
    raise AssertionError("no count shown")


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_without_exception(seeded_url, page, monkeypatch):
    monkeypatch.setenv("INCIDENT_MAP_DB", seeded_url)
    at = AppTest.from_function(_page_runner, args=(page,), default_timeout=120)
    at.run()
    assert not at.exception, at.exception


def _page_runner(page: str) -> None:
    import importlib

    module = importlib.import_module({"map": "pages.map", "incidents": "pages.incidents", "sources": "pages.sources",
                                      "add": "pages.add_article", "about": "pages.about"}[page])
    func = {"map": "map_page", "incidents": "incidents_page", "sources": "sources_page", "add": "add_article_page",
            "about": "about_page"}[page]
    getattr(module, func)()


def test_app_opens_on_the_map(seeded_url, monkeypatch):
    monkeypatch.setenv("INCIDENT_MAP_DB", seeded_url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception
    assert at.title[0].value == "Incidents on the map"
    assert shown_count(at)[1] > 5


# AppTest does not rerun st.navigation pages after a widget changes (streamlit issue 9446),
# so interactions are tested on the page function itself.
def test_group_filter_changes_the_count(seeded_url, monkeypatch):
    monkeypatch.setenv("INCIDENT_MAP_DB", seeded_url)
    at = AppTest.from_function(_page_runner, args=("map",), default_timeout=120)
    at.run()
    shown, total = shown_count(at)
    assert shown == total > 5
    at.sidebar.multiselect(key="f_group").select("Freedom of Russia Legion").run()
    shown_after, _ = shown_count(at)
    assert 0 < shown_after < total
    assert at.query_params.get("group") in ("Freedom of Russia Legion", ["Freedom of Russia Legion"])


def test_filters_come_from_the_url(seeded_url, monkeypatch):
    monkeypatch.setenv("INCIDENT_MAP_DB", seeded_url)
    at = AppTest.from_function(_page_runner, args=("map",), default_timeout=120)
    at.query_params["type"] = "Battles"
    at.query_params["until"] = "2023-06-30"
    at.run()
    shown, total = shown_count(at)
    assert 0 < shown < total


def test_geojson_download_holds_exactly_the_filtered_view(seeded_url, monkeypatch):
    from geo.store.filters import IncidentFilter, filter_frame
    from pages.data import load_tables, snapshot

    tables = load_tables(seeded_url, "test")
    flt = IncidentFilter(groups=("Russian Volunteer Corps",))
    view = filter_frame(tables.incidents, flt)
    data = json.loads(snapshot(tables, view, flt))
    assert len(data["features"]) == len(view) > 0
    assert {f["id"] for f in data["features"]} == set(view["id"])
    assert data["metadata"]["filters"]["groups"] == ["Russian Volunteer Corps"]


def test_empty_store_shows_a_message(tmp_path, monkeypatch):
    monkeypatch.setenv("INCIDENT_MAP_DB", f"sqlite:///{tmp_path / 'empty.sqlite'}")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception
    assert any("No incidents yet" in i.value for i in at.info)


def test_csv_export_neutralises_formulas():
    import pandas as pd

    from geo.export.csv_file import incidents_csv

    frame = pd.DataFrame([{
        "id": "x", "event_date": pd.Timestamp("2023-06-01"), "actors": ("=HYPERLINK(\"http://evil\")",),
        "claimed_by": ("@SUM(A1)",), "summary": "+1", "place": "A",
    }])
    text = incidents_csv(frame, pd.DataFrame({"incident_id": ["x"], "quote": ["-2"]}))
    assert "'=HYPERLINK" in text and "'@SUM" in text and "'+1" in text and "'-2" in text


@pytest.mark.parametrize(("text", "day", "message"), [
    ("   ", "2023-06-02", "empty"),
    ("Russian forces shelled Shebekino on Sunday.", None, "publication date"),
])
def test_add_article_errors_are_messages(seeded_url, monkeypatch, text, day, message):
    from datetime import date

    monkeypatch.setenv("INCIDENT_MAP_DB", seeded_url)
    at = AppTest.from_function(_page_runner, args=("add",), default_timeout=120)
    at.run()
    at.text_area[0].input(text)
    if day:
        at.date_input[0].set_value(date.fromisoformat(day))
    at.button[0].click().run()
    assert not at.exception
    assert any(message in e.value for e in at.error), [e.value for e in at.error]


def test_add_article_preview_then_store(seeded_url, monkeypatch):
    from datetime import date

    monkeypatch.setenv("INCIDENT_MAP_DB", seeded_url)
    at = AppTest.from_function(_page_runner, args=("add",), default_timeout=120)
    at.run()
    at.text_area[0].input("Russian forces shelled the town of Vovchansk on Sunday, the regional governor said.")
    at.date_input[0].set_value(date(2024, 5, 13))
    at.button[0].click().run()
    assert not at.exception
    assert any("1 incident found" in s.value for s in at.subheader), [s.value for s in at.subheader]
    store = next(b for b in at.button if b.label == "Store these incidents")
    store.click().run()
    assert any("Stored: 1 new incident," in s.value for s in at.success), [s.value for s in at.success]


@pytest.fixture(scope="module")
def tolls_url(tmp_path_factory, seeded_url) -> str:
    """The seeded store with deaths given for two incidents: 5, and 0 (the sources say nobody died)."""
    import sqlite3
    from contextlib import closing

    from geo.store.db import update_incident
    from geo.store.tables import read_tables

    path = tmp_path_factory.mktemp("tolls") / "db.sqlite"
    # SQLite's backup: the seeded store's last writes may still be in its WAL file
    with closing(sqlite3.connect(seeded_url.removeprefix("sqlite:///"))) as source, \
            closing(sqlite3.connect(path)) as copy:
        source.backup(copy)
    url = f"sqlite:///{path}"
    engine = open_engine(url)
    ids = read_tables(engine).incidents["id"].tolist()
    update_incident(engine, ids[0], fatalities=5)
    update_incident(engine, ids[1], fatalities=0)
    return url


@pytest.mark.parametrize(("deaths", "expected"), [("1", 1), ("5", 1), ("6", 0), ("0", 2)])
def test_minimum_deaths_from_the_url(tolls_url, monkeypatch, deaths, expected):
    monkeypatch.setenv("INCIDENT_MAP_DB", tolls_url)
    at = AppTest.from_function(_page_runner, args=("map",), default_timeout=120)
    at.query_params["deaths"] = deaths
    at.run()
    assert not at.exception, at.exception
    shown, total = shown_count(at)
    assert (shown, total) == (expected, total) and total > 5
    assert at.sidebar.number_input(key="f_deaths").value == int(deaths)


def test_minimum_deaths_widget_writes_the_url(tolls_url, monkeypatch):
    monkeypatch.setenv("INCIDENT_MAP_DB", tolls_url)
    at = AppTest.from_function(_page_runner, args=("map",), default_timeout=120)
    at.run()
    assert shown_count(at)[0] == shown_count(at)[1]
    at.sidebar.number_input(key="f_deaths").set_value(1).run()
    assert shown_count(at)[0] == 1
    assert at.query_params.get("deaths") in ("1", ["1"])


def test_dates_from_the_url_are_the_filter_and_the_metadata(seeded_url, monkeypatch):
    """The dates a brush sets live in the URL (since/until): a link opens the same view."""
    from datetime import date

    from geo.store.filters import IncidentFilter

    monkeypatch.setenv("INCIDENT_MAP_DB", seeded_url)
    at = AppTest.from_function(_page_runner, args=("map",), default_timeout=120)
    at.query_params["since"] = "2023-05-20"
    at.query_params["until"] = "2023-06-05"
    at.run()
    assert not at.exception
    shown, total = shown_count(at)
    assert 0 < shown < total
    assert at.sidebar.date_input(key="f_dates").value == (date(2023, 5, 20), date(2023, 6, 5))
    assert IncidentFilter(since=date(2023, 5, 20)).as_metadata()["since"] == "2023-05-20"


@pytest.mark.parametrize(("since", "until"), [(None, None), ("2023-05-20", "2023-06-05"), ("2023-05-20", None)])
def test_the_timeline_is_the_view_before_its_dates_with_the_dates_brushed(tolls_url, monkeypatch, since, until):
    """The map's component gets the timeline (both measures) of the view without its dates, and the
    dates chosen, which it draws as the brush; no Vega chart is on the page."""
    from geo.map.timeline import timeline_doc
    from geo.store.db import open_engine
    from geo.store.tables import read_tables

    monkeypatch.setenv("INCIDENT_MAP_DB", tolls_url)
    at = AppTest.from_function(_page_runner, args=("map",), default_timeout=120)
    for name, value in (("since", since), ("until", until)):
        if value:
            at.query_params[name] = value
    at.run()
    assert not at.exception, at.exception
    assert len(at.get("vega_lite_chart")) == 0
    (component,) = at.get("component_instance")
    args = json.loads(component.proto.json_args)
    timeline = next(a.bytes for a in component.proto.special_args if a.key == "timeline")
    frame = read_tables(open_engine(tolls_url)).incidents
    doc = json.loads(timeline)
    assert doc["total"] == len(frame) == shown_count(at)[1]
    assert doc["deaths"]["kind"] == "stack" and sum(r[2] for r in doc["deaths"]["rows"]) == 5
    assert doc == json.loads(json.dumps(timeline_doc(frame, {g: c for g, c in doc["groups"]})))
    if since:
        assert args["chosen"] == [since, until or f"{frame['event_date'].max():%Y-%m-%d}"]
    else:
        assert args["chosen"] is None


@pytest.mark.parametrize(("old", "new", "edited"), [
    (None, float("nan"), False), (__import__("pandas").NA, None, False), (3, 3.0, False), (3, 4.0, True),
    (None, 0.0, True), (0, float("nan"), True), ("Shebekino", "Shebekino", False), ("a", "b", True),
])
def test_an_edited_cell_is_told_from_one_read_back(old, new, edited):
    """The table hands back an empty Deaths cell as NaN, <NA> or None and numbers as floats: no edit."""
    from pages.incidents import _differs

    assert _differs(old, new) is edited


@pytest.mark.parametrize(("value", "stored"), [(2.0, 2), (0, 0), (float("nan"), None), (None, None)])
def test_deaths_typed_in_the_table_are_stored_as_whole_numbers(value, stored):
    import pandas as pd

    from pages.incidents import _checked

    assert _checked("x", pd.Series({"fatalities": value}), {"fatalities": value}) == {"fatalities": stored}


def test_a_fraction_of_a_death_is_refused():
    import pandas as pd

    from geo.errors import BadInput
    from pages.incidents import _checked

    with pytest.raises(BadInput, match="whole number"):
        _checked("x", pd.Series({"fatalities": 2.5}), {"fatalities": 2.5})


def test_every_filter_the_page_writes_in_the_url_is_one_of_its_filter_keys(seeded_url, monkeypatch):
    """serve.py's first view is the payload of every incident for a page whose URL holds none of
    pages.sidebar.URL_FILTER_KEYS: each filter set in the sidebar writes one of them, and no other key."""
    from datetime import timedelta

    from pages.data import current_version, filter_options
    from pages.sidebar import PASSTHROUGH, URL_FILTER_KEYS

    monkeypatch.setenv("INCIDENT_MAP_DB", seeded_url)
    options = filter_options(seeded_url, current_version(seeded_url))
    at = AppTest.from_function(_page_runner, args=("map",), default_timeout=120)
    at.run()
    assert not at.query_params
    for key in ("group", "type", "country", "region", "outlet", "status"):
        at.sidebar.multiselect(key=f"f_{key}").select(options[key][0])
    lo, hi = options["dates"]
    at.sidebar.date_input(key="f_dates").set_value((lo + timedelta(days=1), hi - timedelta(days=1)))
    at.sidebar.number_input(key="f_deaths").set_value(0)
    at.sidebar.text_input(key="f_q").set_value("drone")
    at.run()
    assert not at.exception, at.exception
    assert set(at.query_params) == set(URL_FILTER_KEYS) and not set(URL_FILTER_KEYS) & set(PASSTHROUGH)
