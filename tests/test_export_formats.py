"""Exports survive GIS tools and come back (issue 14, point 6): GeoJSON, CSV, ACLED CSV and
GeoPackage, each imported again keeps every field; GPKG read by GDAL (pyogrio) and geopandas."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from geo.export.formats import FORMATS, export_bytes, write_export
from geo.export.snapshot import snapshot_bytes
from geo.intake.importer import import_file
from geo.store.db import open_engine
from geo.store.tables import IncidentTables, read_tables

FIXTURES = Path(__file__).parent / "fixtures" / "interop"
ACLED_FILES = ("acled_2022.csv", "acled_2023_na.csv", "acled_points.geojson", "acled_nullgeom.geojson")
OTHER_FILES = ("timemap.json", "tracker.geojson", "civilian_harm.csv")


@pytest.fixture(scope="module")
def mixed_store(tmp_path_factory, seeded_store) -> str:
    """Incidents extracted from the seed articles, ACLED rows and rows of other datasets."""
    folder = tmp_path_factory.mktemp("mixed")
    url = f"sqlite:///{folder / 'mixed.sqlite'}"
    engine = open_engine(url)
    seeded = read_tables(open_engine(seeded_store))
    (folder / "seeded.geojson").write_bytes(snapshot_bytes(seeded, seeded.incidents))
    for path in (folder / "seeded.geojson", *(FIXTURES / n for n in ACLED_FILES + OTHER_FILES)):
        import_file(engine, path)
    return url


def _features(tables: IncidentTables) -> dict[str, tuple[Any, dict[str, Any]]]:
    data = json.loads(snapshot_bytes(tables, tables.incidents))
    return {f["id"]: (f["geometry"], f["properties"]) for f in data["features"]}


def _round_trip(tmp_path: Path, path: Path) -> IncidentTables:
    engine = open_engine(f"sqlite:///{tmp_path / 'back.sqlite'}")
    report = import_file(engine, path)
    assert not report.bad, report.bad[:3]
    return read_tables(engine)


@pytest.mark.parametrize("fmt", ["geojson", "gpkg"])
def test_geojson_and_gpkg_keep_every_field(tmp_path: Path, mixed_store: str, fmt: str):
    tables = read_tables(open_engine(mixed_store))
    path = tmp_path / f"out{FORMATS[fmt][0]}"
    write_export(path, fmt, tables, tables.incidents)
    before, after = _features(tables), _features(_round_trip(tmp_path, path))
    assert len(before) > 25 and after == before  # the seeds give 12, the fixtures the rest


def test_gpkg_through_geopandas_keeps_every_field(tmp_path: Path, mixed_store: str):
    geopandas = pytest.importorskip("geopandas")
    tables = read_tables(open_engine(mixed_store))
    write_export(tmp_path / "out.gpkg", "gpkg", tables, tables.incidents)
    frame = geopandas.read_file(tmp_path / "out.gpkg")
    assert list(frame["actors"].map(json.loads)) == [list(a) for a in tables.incidents["actors"]]
    frame.to_file(tmp_path / "back.geojson", driver="GeoJSON")  # dates come back with a time, integers as reals
    assert _features(_round_trip(tmp_path, tmp_path / "back.geojson")) == _features(tables)


def test_gdal_reads_the_gpkg_lists_as_text(tmp_path: Path, mixed_store: str):
    import pyogrio
    import pyogrio.raw

    tables = read_tables(open_engine(mixed_store))
    write_export(tmp_path / "out.gpkg", "gpkg", tables, tables.incidents)
    info = pyogrio.read_info(tmp_path / "out.gpkg")
    assert info["geometry_type"] == "Point" and info["crs"] == "EPSG:4326" and info["features"] == len(tables.incidents)
    types = dict(zip(info["fields"], info["ogr_types"], strict=True))
    assert types["event_date"] == "OFTDate" and types["actors"] == "OFTString" and types["fatalities"] == "OFTInteger64"
    _meta, _fids, _geometry, data = pyogrio.raw.read(tmp_path / "out.gpkg", columns=["actors"])
    assert [tuple(json.loads(v)) for v in data[0]] == list(tables.incidents["actors"])
    assert "ACLED" in pyogrio.read_info(tmp_path / "out.gpkg")["layer_metadata"]["attribution"]


@pytest.mark.parametrize("chosen", [
    {},
    {"since": "2022-04-01", "countries": ["UA"]},
    {"until": "2023-12-31", "types": ["Battles", "Protests"], "groups": ["Civilians (Ukraine)"], "text": "Kharkiv"},
], ids=["none", "dates and a country", "types, a group and words"])
def test_the_gpkg_names_the_view_s_filters_where_gdal_reads_them(tmp_path: Path, mixed_store: str,
                                                                   chosen: dict[str, Any]):
    """The filters of the view exported: in the layer's metadata (gpkg_metadata, read by GDAL as
    the layer's metadata items) and in its description (gpkg_contents), both read back through GDAL."""
    import pyogrio

    from geo.store.filters import IncidentFilter, filter_frame

    since, until = (date.fromisoformat(chosen[k]) if k in chosen else None for k in ("since", "until"))
    flt = IncidentFilter(since=since, until=until, types=tuple(chosen.get("types", ())),
                         groups=tuple(chosen.get("groups", ())), countries=tuple(chosen.get("countries", ())),
                         text=chosen.get("text", ""))
    tables = read_tables(open_engine(mixed_store))
    view = filter_frame(tables.incidents, flt)
    write_export(tmp_path / "view.gpkg", "gpkg", tables, view, flt.as_metadata())
    info = pyogrio.read_info(tmp_path / "view.gpkg")
    meta = info["layer_metadata"]
    assert info["features"] == len(view) and meta["count"] == str(len(view))
    assert json.loads(meta["filters"]) == chosen
    for name, value in chosen.items():
        shown = "; ".join(value) if isinstance(value, list) else value
        assert meta[f"filter_{name}"] == shown
        assert f"{name}: {shown}" in meta["DESCRIPTION"]
    assert not [k for k in meta if k.startswith("filter_") and k.removeprefix("filter_") not in chosen]
    assert ("no filter" in meta["DESCRIPTION"]) == (not chosen)
    assert meta["attribution"] in meta["DESCRIPTION"]


def test_acled_csv_keeps_every_field_of_acled_rows(tmp_path: Path):
    engine = open_engine(f"sqlite:///{tmp_path / 'acled.sqlite'}")
    for name in ACLED_FILES:
        import_file(engine, FIXTURES / name)
    tables = read_tables(engine)
    path = tmp_path / "acled.csv"
    write_export(path, "acled", tables, tables.incidents)
    header = path.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header[:3] == ["event_id_cnty", "event_date", "year"] and "assoc_actor_1" in header
    assert "15 " not in header and "UKR90001,03 March 2022,2022" in path.read_text(encoding="utf-8")
    assert _features(_round_trip(tmp_path, path)) == _features(tables)


def test_csv_keeps_every_field_but_the_quotes_offsets(tmp_path: Path, mixed_store: str):
    tables = read_tables(open_engine(mixed_store))
    path = tmp_path / "out.csv"
    write_export(path, "csv", tables, tables.incidents)
    before, after = _features(tables), _features(_round_trip(tmp_path, path))
    assert before.keys() == after.keys()
    for key, (geometry, props) in before.items():
        assert after[key][0] == geometry
        back = after[key][1]
        assert {k: v for k, v in back.items() if k not in ("sources", "n_sources")} == {
            k: v for k, v in props.items() if k not in ("sources", "n_sources")}, key
        assert {s["outlet"] for s in back["sources"]} == {s["outlet"] for s in props["sources"]}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_exported_files_are_readable_by_others(tmp_path: Path, mixed_store: str, fmt: str):
    tables = read_tables(open_engine(mixed_store))
    path = tmp_path / f"out{FORMATS[fmt][0]}"
    old = os.umask(0o022)
    try:
        write_export(path, fmt, tables, tables.incidents)
    finally:
        os.umask(old)
    assert (path.stat().st_mode & 0o777) == 0o644
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left


def test_the_attribution_names_every_dataset(mixed_store: str, tmp_path: Path):
    tables = read_tables(open_engine(mixed_store))
    metadata = json.loads(export_bytes("geojson", tables, tables.incidents))["metadata"]
    assert {"ACLED", "incident-map", "timemap", "tracker", "civilian_harm"} <= set(metadata["datasets"])
    assert "Armed Conflict Location & Event Data (ACLED)" in metadata["attribution"]
    assert "GeoNames" in metadata["attribution"] and "timemap" in metadata["attribution"]
    extracted = tables.incidents[tables.incidents["dataset"] == ""]
    only_ours = json.loads(export_bytes("geojson", tables, extracted))["metadata"]
    assert only_ours["datasets"] == ["incident-map"] and "ACLED" not in only_ours["attribution"]


def test_a_shapefile_made_from_the_gpkg_keeps_the_lists(tmp_path: Path, mixed_store: str):
    import pyogrio.raw

    tables = read_tables(open_engine(mixed_store))
    write_export(tmp_path / "out.gpkg", "gpkg", tables, tables.incidents)
    meta, _fids, geometry, data = pyogrio.raw.read(tmp_path / "out.gpkg", columns=["actors", "claimed_by"])
    pyogrio.raw.write(str(tmp_path / "out.shp"), geometry, data, list(meta["fields"]), crs="EPSG:4326",
                      driver="ESRI Shapefile", geometry_type="Point")
    _meta, _fids, _geometry, back = pyogrio.raw.read(tmp_path / "out.shp")
    assert [tuple(json.loads(v)) for v in back[0]] == list(tables.incidents["actors"])
    assert [tuple(json.loads(v)) for v in back[1]] == list(tables.incidents["claimed_by"])


# Every field an ACLED row fills (ACLED's columns by our names), and the ways out and back in.
ACLED_FIELDS = ("source_id", "event_date", "time_precision", "disorder_type", "event_type", "sub_event_type",
                "actors", "assoc_actor_1", "inter1", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
                "country", "admin1", "admin2", "admin3", "place", "latitude", "longitude", "geo_precision",
                "claimed_by", "source_scale", "notes", "fatalities", "tags", "timestamp", "dataset", "summary")
ROUTES = ("geojson", "csv", "acled", "gpkg", "gpkg-geopandas-geojson")


@pytest.fixture(scope="module")
def acled_routes(tmp_path_factory) -> dict[str, Any]:
    """The ACLED fixtures' store, its incidents as features, and (filled as tests ask) the features
    read back after each route."""
    folder = tmp_path_factory.mktemp("routes")
    url = f"sqlite:///{folder / 'acled.sqlite'}"
    engine = open_engine(url)
    for name in ACLED_FILES:
        import_file(engine, FIXTURES / name)
    return {"url": url, "before": _features(read_tables(engine)), "after": {}}


def _routed(routes: dict[str, Any], route: str, tmp_path_factory) -> dict[str, Any]:
    if route not in routes["after"]:
        folder = tmp_path_factory.mktemp(route)
        tables = read_tables(open_engine(routes["url"]))
        fmt = route.split("-")[0]
        path = folder / f"out{FORMATS[fmt][0]}"
        write_export(path, fmt, tables, tables.incidents)
        if route == "gpkg-geopandas-geojson":
            geopandas = pytest.importorskip("geopandas")
            geopandas.read_file(path).to_file(folder / "back.geojson", driver="GeoJSON")
            path = folder / "back.geojson"
        routes["after"][route] = _features(_round_trip(folder, path))
    return routes["after"][route]


def _value(feature: tuple[Any, dict[str, Any]], field: str) -> Any:
    geometry, props = feature
    if field in ("longitude", "latitude"):
        return geometry["coordinates"][field == "latitude"]
    return props[field]


@pytest.mark.parametrize("field", ACLED_FIELDS)
@pytest.mark.parametrize("route", ROUTES)
def test_each_acled_field_survives_each_format(acled_routes, tmp_path_factory, route: str, field: str):
    """One test per format and field, so that a field lost on one way out is named: the fixtures
    give the field a value in some row (else the test could not fail), and every row has its own
    value back."""
    before = acled_routes["before"]
    values = {key: _value(feature, field) for key, feature in before.items()}
    assert any(v not in ("", None, [], 0) for v in values.values()), f"no fixture row has a {field}"
    after = _routed(acled_routes, route, tmp_path_factory)
    assert after.keys() == before.keys()
    assert {key: _value(feature, field) for key, feature in after.items()} == values
