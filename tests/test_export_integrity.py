"""Exports: any set of incidents exports as RFC 7946 GeoJSON, importing an export gives the same
incidents back, and a failed write leaves the previous snapshot whole (property tests and one fault)."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest
from geojson_pydantic import FeatureCollection
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.export.geojson import dumps, feature_collection
from geo.files import write_atomically
from geo.intake.importer import import_file
from geo.records import Incident, Source
from geo.store.db import load_incidents, open_engine

incident_strategy = st.builds(
    Incident,
    event_date=st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)),
    time_precision=st.sampled_from([1, 2, 3]),
    place_as_written=st.text(max_size=30), place=st.text(max_size=30),
    latitude=st.floats(min_value=-90, max_value=90), longitude=st.floats(min_value=-180, max_value=180),
    country=st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=2, max_size=2), admin1=st.text(max_size=20),
    geonameid=st.none() | st.integers(min_value=1, max_value=10**8), geo_precision=st.sampled_from([1, 2, 3]),
    event_type=st.just("Battles"), sub_event_type=st.sampled_from(["Armed clash", "Government regains territory"]),
    actors=st.lists(st.text(min_size=1, max_size=20), max_size=3).map(tuple),
    claimed_by=st.lists(st.text(min_size=1, max_size=20), max_size=2).map(tuple),
    # an article's title, link and outlet are the article's: the same for all its quotes
    sources=st.lists(st.builds(lambda a, q, start, end: Source(a[0], q, start, end, a[1], a[2], a[3]),
                               st.sampled_from([("a1", "<b>T1</b>", "https://example.org/1", "O1"),
                                                ("a2", "T2 \u202e", "", "=O2")]),
                               st.text(max_size=80), st.integers(0, 10**6), st.integers(0, 10**6)),
                     min_size=1, max_size=2, unique_by=lambda s: (s.article_id, s.start)).map(tuple),
    summary=st.text(max_size=60), confidence=st.floats(min_value=0, max_value=1),
    status=st.sampled_from(["extracted", "reviewed"]), unresolved=st.booleans(),
    id=st.uuids().map(lambda u: u.hex[:16]),
)


@settings(max_examples=40, deadline=None)
@given(st.lists(incident_strategy, max_size=5, unique_by=lambda i: i.id))
def test_every_export_is_rfc7946(found):
    data = json.loads(dumps(feature_collection(found)))
    FeatureCollection.model_validate(data)
    for feature in data["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90


@settings(max_examples=25, deadline=None)
@given(st.lists(incident_strategy, min_size=1, max_size=4, unique_by=lambda i: i.id))
def test_importing_an_export_gives_the_same_incidents(tmp_path_factory, found):
    tmp = tmp_path_factory.mktemp("roundtrip")
    snapshot = tmp / "s.geojson"
    snapshot.write_text(dumps(feature_collection(found)), encoding="utf-8")
    engine = open_engine(f"sqlite:///{tmp / 'db.sqlite'}")
    report = import_file(engine, snapshot)
    assert not report.bad
    again = json.loads(dumps(feature_collection(load_incidents(engine))))["features"]
    original = json.loads(dumps(feature_collection(found)))["features"]
    key = lambda f: f["id"]  # noqa: E731
    for a, b in zip(sorted(original, key=key), sorted(again, key=key)):
        a["properties"]["sources"].sort(key=lambda s: (s["article_id"], s["start"]))
        b["properties"]["sources"].sort(key=lambda s: (s["article_id"], s["start"]))
        assert a == b


def test_export_is_atomic(tmp_path: Path, monkeypatch):
    target = tmp_path / "snap.geojson"
    target.write_text("previous snapshot", encoding="utf-8")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        write_atomically(target, "new")
    assert target.read_text(encoding="utf-8") == "previous snapshot"
    assert [p.name for p in tmp_path.iterdir()] == ["snap.geojson"]
