"""The column-wise GeoJSON snapshot (geo.export.snapshot) against the per-incident one (geo.export.geojson)."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from geojson_pydantic import FeatureCollection

from geo.export.geojson import feature_collection
from geo.export.snapshot import snapshot_bytes, write_snapshot_file
from geo.store.db import load_incidents, open_engine
from geo.store.filters import IncidentFilter, filter_frame
from geo.store.tables import read_tables, tables_from_frames


def _by_id(collection: dict) -> dict[str, dict]:
    out = {}
    for f in collection["features"]:
        f["properties"]["sources"].sort(key=lambda s: (s["article_id"], s["start"]))
        out[f["id"]] = f
    return out


@pytest.fixture(scope="module")
def tables(seeded_store):
    return read_tables(open_engine(seeded_store))


def test_same_features_as_the_per_incident_snapshot(seeded_store, tables):
    columns = json.loads(snapshot_bytes(tables, tables.incidents))
    objects = json.loads(json.dumps(feature_collection(load_incidents(open_engine(seeded_store)))))
    assert len(columns["features"]) == len(objects["features"]) > 10
    assert _by_id(columns) == _by_id(objects)
    # property order too, so that diffs between snapshots stay readable
    assert list(columns["features"][0]["properties"]) == list(objects["features"][0]["properties"])


def test_valid_rfc7946_with_longitude_first(tables):
    data = json.loads(snapshot_bytes(tables, tables.incidents, {"groups": ["x"]}))
    FeatureCollection.model_validate(data)
    rows = tables.incidents.set_index("id")
    for f in data["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert (lon, lat) == (round(rows.loc[f["id"], "longitude"], 6), round(rows.loc[f["id"], "latitude"], 6))
    assert data["metadata"]["count"] == len(data["features"])
    assert data["metadata"]["filters"] == {"groups": ["x"]}
    assert "GeoNames" in data["metadata"]["attribution"]


def test_a_filtered_view_holds_exactly_its_rows(tables):
    view = filter_frame(tables.incidents, IncidentFilter(groups=("Russian Volunteer Corps",)))
    data = json.loads(snapshot_bytes(tables, view))
    assert [f["id"] for f in data["features"]] == list(view["id"]) and len(view) > 0
    expected = tables.sources[tables.sources["incident_id"].isin(view["id"])]
    assert sum(len(f["properties"]["sources"]) for f in data["features"]) == len(expected)


def test_empty_view_is_an_empty_collection(tables):
    data = json.loads(snapshot_bytes(tables, tables.incidents.iloc[0:0]))
    FeatureCollection.model_validate(data)
    assert data["features"] == [] and data["metadata"]["count"] == 0


def test_incident_without_quotes_and_awkward_text():
    frame = pd.DataFrame([{
        "id": "a1", "event_date": "2023-05-22", "time_precision": 1, "place": 'Line\nbreak "quoted" </script>',
        "place_as_written": "x", "admin1": "", "country": "RU", "latitude": 50.5, "longitude": 36.25,
        "geo_precision": 1, "event_type": "Battles", "sub_event_type": "Armed clash", "actors": '["Ünïcødé"]',
        "claimed_by": "[]", "summary": "s", "confidence": 0.5, "status": "extracted", "unresolved": 0,
        "geonameid": None,
    }])
    sources = pd.DataFrame(columns=["incident_id", "article_id", "start", "end", "quote", "title", "url", "outlet"])
    tables = tables_from_frames(frame, sources)
    data = json.loads(snapshot_bytes(tables, tables.incidents))
    props = data["features"][0]["properties"]
    assert props["sources"] == [] and props["n_sources"] == 0
    assert props["place"] == 'Line\nbreak "quoted" </script>'
    assert props["actors"] == ["Ünïcødé"] and props["geonameid"] is None
    assert data["features"][0]["geometry"]["coordinates"] == [36.25, 50.5]


def test_bad_coordinates_are_refused(tables):
    broken = tables.incidents.copy()
    broken.loc[broken.index[0], "latitude"] = 123.0
    with pytest.raises(ValueError, match="out of range"):
        snapshot_bytes(tables, broken)


def test_file_is_written_whole(tables, tmp_path):
    target = tmp_path / "out" / "snapshot.geojson"
    write_snapshot_file(target, tables, tables.incidents)
    assert json.loads(target.read_text(encoding="utf-8"))["metadata"]["count"] == len(tables.incidents)
    assert [p.name for p in target.parent.iterdir()] == ["snapshot.geojson"]
