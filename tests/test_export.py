"""GeoJSON snapshots: RFC 7946 ([lon, lat], WGS84), validated by a schema; the CLI commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from geojson_pydantic import FeatureCollection

from geo.export.geojson import feature_collection
from geo.intake.ingest import ingest_paths
from geo.store.db import load_incidents, open_engine
from tests.annotations import CORE_INCIDENTS
from tests.conftest import SEEDS, run_cli


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory) -> tuple[dict, str]:
    tmp = tmp_path_factory.mktemp("export")
    url = f"sqlite:///{tmp / 'db.sqlite'}"
    ingest = run_cli("ingest", "seeds/", db=url)
    assert ingest.returncode == 0, ingest.stderr
    assert "articles: 4 ingested" in ingest.stdout
    out = tmp / "snapshot.geojson"
    export = run_cli("export", "-o", str(out), db=url)
    assert export.returncode == 0, export.stderr
    return json.loads(out.read_text(encoding="utf-8")), url


def test_snapshot_validates_against_geojson_schema(snapshot):
    data, _ = snapshot
    FeatureCollection.model_validate(data)
    assert data["metadata"]["attribution"].startswith("Places: GeoNames")


def test_coordinates_are_lon_lat(snapshot):
    data, _ = snapshot
    shebekino = next(f for f in data["features"] if f["properties"]["place"] == "Shebekino")
    lon, lat = shebekino["geometry"]["coordinates"]
    assert abs(lon - 36.925) < 0.01 and abs(lat - 50.413) < 0.01  # longitude first (RFC 7946 §3.1.1)


def test_snapshot_holds_every_core_incident_with_sources(snapshot):
    data, _ = snapshot
    props = [f["properties"] for f in data["features"]]
    for _file, place, day, precision, _group, _type in CORE_INCIDENTS:
        wanted = day.isoformat() if precision == 1 else day.isoformat()[:7]
        hits = [p for p in props if p["place"] == place and p["event_date"].startswith(wanted)]
        assert hits, (place, wanted)
        assert all(p["sources"] and p["sources"][0]["quote"] for p in hits)
        assert isinstance(hits[0]["actors"], list) and isinstance(hits[0]["claimed_by"], list)


def test_export_filters(snapshot, tmp_path):
    _, url = snapshot
    out = tmp_path / "legion.geojson"
    result = run_cli("export", "--group", "Freedom of Russia Legion", "--since", "2023-05-01", "--until", "2023-05-31",
                 "-o", str(out), db=url)
    assert result.returncode == 0
    data = json.loads(out.read_text())
    assert data["features"]
    for f in data["features"]:
        assert "Freedom of Russia Legion" in f["properties"]["actors"]
        assert "2023-05-01" <= f["properties"]["event_date"] <= "2023-05-31"
    assert data["metadata"]["filters"]["groups"] == ["Freedom of Russia Legion"]


def test_extract_command_prints_geojson_and_touches_no_store(tmp_path):
    result = run_cli("extract", str(SEEDS / "000_40f2111fe8493bd1.txt"), "--published", "2023-12-18",
                 db=f"sqlite:///{tmp_path / 'untouched.sqlite'}")
    assert result.returncode == 0, result.stderr
    FeatureCollection.model_validate(json.loads(result.stdout))
    assert not (tmp_path / "untouched.sqlite").exists()


def test_extract_needs_a_publication_date():
    result = run_cli("extract", str(SEEDS / "000_40f2111fe8493bd1.txt"))
    assert result.returncode != 0 and "--published" in result.stderr


def test_feature_collection_rejects_out_of_range(db_url, gazetteer):
    from dataclasses import replace

    engine = open_engine(db_url)
    ingest_paths(engine, [SEEDS / "000_40f2111fe8493bd1.txt"], gazetteer)
    incident = load_incidents(engine)[0]
    with pytest.raises(ValueError):
        feature_collection([replace(incident, latitude=95.0)])


def test_ingest_reports_bad_files(tmp_path: Path, db_url):
    bad = tmp_path / "binary.txt"
    bad.write_bytes(b"\x00\x01\x02garbage")
    result = run_cli("ingest", str(bad), "--published", "2023-06-02", db=db_url)
    assert result.returncode == 1 and "binary.txt" in result.stderr and "binary" in result.stderr
