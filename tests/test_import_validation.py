"""Import checks each row (issue 16, point 4): a bad row is reported with its field and skipped,
the good rows of the same file are stored, and whatever was stored can still be exported."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from geo.errors import BadInput
from geo.export.snapshot import snapshot_bytes
from geo.intake import readers
from geo.intake.fast import feature_row
from geo.intake.importer import MAX_CSV_FIELD, import_file
from geo.intake.validation import MAX_ACTORS, MAX_ID_LENGTH, MAX_QUOTE_LENGTH, MAX_SUMMARY_LENGTH
from geo.schema import ACLED_TYPES
from geo.store.db import load_incidents, open_engine
from geo.store.tables import read_tables

GOOD: dict[str, Any] = {
    "type": "Feature", "id": "good-1", "geometry": {"type": "Point", "coordinates": [36.925, 50.413]},
    "properties": {
        "id": "good-1", "event_date": "2023-06-02", "time_precision": 1, "place_as_written": "Shebekino",
        "place": "Shebekino", "admin1": "Belgorod", "country": "RU", "geonameid": 496285, "geo_precision": 1,
        "event_type": "Explosions/Remote violence", "sub_event_type": "Shelling/artillery/missile attack",
        "actors": ["Military Forces of Ukraine"], "claimed_by": ["Governor of Belgorod"],
        "sources": [{"article_id": "a1", "title": "T", "url": "https://example.org/a1", "outlet": "O",
                     "quote": "Shebekino was shelled.", "start": 0, "end": 22}],
        "n_sources": 1, "summary": "Shelling at Shebekino", "confidence": 0.7, "status": "extracted",
        "unresolved": False,
    },
}
ACLED_HEADER = ("event_id_cnty,event_date,event_type,sub_event_type,actor1,actor2,admin1,location,latitude,longitude,"
                "geo_precision,time_precision,source,notes,fatalities\n")
ACLED_GOOD = ("A1,22 May 2023,Battles,Armed clash,Freedom of Russia Legion,Military Forces of Russia,Belgorod,Kozinka,"
              "50.4613,35.6026,1,1,Telegram,Raid,0")


def _with(path: str, value: Any) -> dict[str, Any]:
    """GOOD with one field (a dotted path) set to value, and its own id."""
    feature = copy.deepcopy(GOOD)
    *parents, last = path.split(".")
    target: Any = feature
    for key in parents:
        target = target[int(key)] if isinstance(target, list) else target[key]
    if isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value
    if path not in ("id", "properties.id"):
        feature["id"] = "bad-1"
        if isinstance(feature["properties"], dict):
            feature["properties"]["id"] = "bad-1"
    return feature


def _store(tmp_path: Path, name: str = "db.sqlite"):
    return open_engine(f"sqlite:///{tmp_path / name}")


def _exported(engine) -> dict[str, Any]:
    """The store through the path of `incident-map export` (geo/cli.py _cmd_export)."""
    tables = read_tables(engine)
    return json.loads(snapshot_bytes(tables, tables.incidents))


def _write_geojson(path: Path, features: list[Any]) -> Path:
    # json.dumps escapes lone surrogates (ensure_ascii) and writes NaN: both as a hostile file would.
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    return path


BAD_FEATURES = [
    pytest.param(None, "feature None", id="null feature"),
    pytest.param(42, "feature 42", id="number feature"),
    pytest.param("a feature", "feature 'a feature'", id="string feature"),
    pytest.param(_with("geometry", "POINT (36.9 50.4)"), "geometry 'POINT", id="geometry as a string"),
    pytest.param(_with("geometry.type", "Polygon"), "geometry.type", id="not a point"),
    pytest.param(_with("properties.geonameid", 10**30), "properties.geonameid", id="geonameid 10**30"),
    pytest.param(_with("properties.geonameid", 4611686018427387905), "properties.geonameid", id="geonameid 2**62+1"),
    pytest.param(_with("properties.geonameid", "496285"), "properties.geonameid", id="geonameid as a string"),
    pytest.param(_with("properties.place", "Sheb\ud800ekino"), "properties.place", id="lone surrogate"),
    pytest.param(_with("properties.sources.0.quote", "\udfff"), "properties.sources[0].quote",
                 id="lone surrogate in a quote"),
    pytest.param(_with("properties.actors", [1, 2]), "properties.actors[0]", id="actors are numbers"),
    pytest.param(_with("properties.actors", [{"x": 1}]), "properties.actors[0]", id="actors are objects"),
    pytest.param(_with("properties.actors", "Military Forces of Ukraine"), "properties.actors", id="actors a string"),
    pytest.param(_with("properties.actors", ["A"] * (MAX_ACTORS + 1)), "properties.actors", id="too many actors"),
    pytest.param(_with("properties.claimed_by", [None]), "properties.claimed_by[0]", id="claimant null"),
    pytest.param(_with("properties.unresolved", "false"), "properties.unresolved", id="unresolved as a string"),
    pytest.param(_with("properties.unresolved", 0), "properties.unresolved", id="unresolved as a number"),
    pytest.param(_with("geometry.coordinates", [True, False]), "geometry.coordinates[0]", id="coordinates booleans"),
    pytest.param(_with("geometry.coordinates", ["36.9", "50.4"]), "geometry.coordinates[0]",
                 id="coordinates strings"),
    pytest.param(_with("geometry.coordinates", [36.9]), "geometry.coordinates", id="one coordinate"),
    pytest.param(_with("geometry.coordinates", [36.9, 95.0]), "latitude 95.0", id="latitude out of range"),
    pytest.param(_with("geometry.coordinates", [float("nan"), 50.4]), "geometry.coordinates[0]", id="NaN longitude"),
    pytest.param(_with("properties.time_precision", 2.7), "properties.time_precision", id="time_precision 2.7"),
    pytest.param(_with("properties.time_precision", True), "properties.time_precision", id="time_precision true"),
    pytest.param(_with("properties.geo_precision", 4), "properties.geo_precision", id="geo_precision 4"),
    pytest.param(_with("properties.status", "deleted"), "properties.status", id="unknown status"),
    pytest.param(_with("properties.confidence", 1.5), "properties.confidence", id="confidence 1.5"),
    pytest.param(_with("properties.confidence", float("inf")), "properties.confidence", id="confidence infinite"),
    pytest.param(_with("id", "x" * 100_000), "id 'xxxx", id="100 KB id"),
    pytest.param(_with("properties.id", "y" * (MAX_ID_LENGTH + 1)), "properties.id", id="long id in properties"),
    pytest.param(_with("properties.summary", "s" * (MAX_SUMMARY_LENGTH + 1)), "properties.summary",
                 id="long summary"),
    pytest.param(_with("properties.sources.0.start", -1), "properties.sources[0].start", id="negative offset"),
    pytest.param(_with("properties.sources", {"article_id": "a1"}), "properties.sources", id="sources an object"),
    pytest.param(_with("properties.event_date", "2023-02-30"), "properties.event_date", id="impossible date"),
    pytest.param(_with("properties.event_date", "1500-01-01"), "properties.event_date", id="date before 1900"),
    pytest.param(_with("properties.event_date", 20230602), "properties.event_date", id="date as a number"),
    pytest.param(_with("properties.event_type", "Picnic"), "not an ACLED type", id="unknown event type"),
    pytest.param(_with("properties.sub_event_type", "Picnic"), "not an ACLED type", id="unknown sub-event type"),
    pytest.param(_with("properties.event_type", None), "properties.event_type", id="event type null"),
    pytest.param(_with("properties", None), "properties", id="properties null"),
]


@pytest.mark.parametrize(("bad", "field"), BAD_FEATURES)
def test_a_bad_feature_is_reported_and_skipped_and_the_store_exports(tmp_path: Path, bad: Any, field: str):
    path = _write_geojson(tmp_path / "in.geojson", [GOOD, bad])
    engine = _store(tmp_path)
    report = import_file(engine, path)
    assert report.read == 2 and report.stored == 1 and len(report.bad) == 1, report
    assert "in.geojson, feature 2: " in report.bad[0] and field in report.bad[0], report.bad[0]
    assert len(report.bad[0]) < 600  # the value is shortened
    exported = _exported(engine)
    assert [f["id"] for f in exported["features"]] == ["good-1"]


def test_a_feature_without_an_id_imports_once(tmp_path: Path):
    feature = copy.deepcopy(GOOD)
    del feature["id"], feature["properties"]["id"]
    path = _write_geojson(tmp_path / "in.geojson", [feature])
    engine = _store(tmp_path)
    assert import_file(engine, path).stored == 1
    again = import_file(engine, path)
    assert (again.stored, again.already) == (0, 1)


def test_what_is_stored_is_what_the_file_says(tmp_path: Path):
    path = _write_geojson(tmp_path / "in.geojson", [GOOD])
    engine = _store(tmp_path)
    import_file(engine, path)
    (stored,) = load_incidents(engine)
    assert stored.unresolved is False and stored.time_precision == 1 and stored.geonameid == 496285
    assert stored.actors == ("Military Forces of Ukraine",) and stored.status == "extracted"
    assert (stored.latitude, stored.longitude) == (50.413, 36.925)


def test_a_large_geonameid_is_refused_not_changed(tmp_path: Path):
    largest = 2**31 - 1
    path = _write_geojson(tmp_path / "in.geojson", [_with("properties.geonameid", largest)])
    engine = _store(tmp_path)
    assert import_file(engine, path).stored == 1
    assert _exported(engine)["features"][0]["properties"]["geonameid"] == largest
    path = _write_geojson(tmp_path / "big.geojson", [_with("properties.geonameid", largest + 1)])
    report = import_file(_store(tmp_path, "big.sqlite"), path)
    assert report.stored == 0 and "geonameid" in report.bad[0]


NOT_COLLECTIONS = [
    (b"{not json", "not JSON"),
    (b"", "not JSON"),
    (b'{"type": "Feature", "geometry": null, "properties": {}}', "not a GeoJSON FeatureCollection"),
    (b"[1, 2]", "not a GeoJSON FeatureCollection"),
    (b'{"type": "FeatureCollection", "features": {"0": {}}}', "not a list"),
    (b'{"type": "FeatureCollection"}', "not a list"),
    (b'{"type": "FeatureCollection", "features": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "nested too deep"),
    (b'{"type": "FeatureCollection", "features": []}'.replace(b"[]", b'["\xff\xfe"]'), "not UTF-8"),
    ('{"type": "FeatureCollection", "features": []}'.encode("utf-16"), "not UTF-8"),
]
NOT_COLLECTION_IDS = ["truncated", "empty", "a feature", "a list", "features a dict", "no features", "deep",
                      "bad bytes", "utf-16"]


@pytest.mark.parametrize(("data", "message"), NOT_COLLECTIONS, ids=NOT_COLLECTION_IDS)
def test_a_file_that_is_not_a_feature_collection_is_one_clear_error(tmp_path: Path, data: bytes, message: str):
    path = tmp_path / "in.geojson"
    path.write_bytes(data)
    with pytest.raises(BadInput, match=message) as err:
        import_file(_store(tmp_path), path)
    assert str(path) in str(err.value)


BROKEN_STREAMS = [
    (b'{"type": "FeatureCollection", "features": [{"type": "Feature"} {"type": "Feature"}]}', "expected ','"),
    (b'{"type": "FeatureCollection", "features": [{"type": "Feature", "id": }]}', "not JSON"),
    (b'{"type": "FeatureCollection", "features": [{"type": "Feature", "id": "a', "not JSON"),
    (b'{"type": "FeatureCollection", "features": [' + b"[" * 100_000 + b"]" * 100_000 + b"]}", "nested too deep"),
]


@pytest.mark.parametrize(("data", "message"), [
    *(case for case, name in zip(NOT_COLLECTIONS, NOT_COLLECTION_IDS, strict=True) if name != "a list"),
    *BROKEN_STREAMS,
])
def test_a_streamed_file_that_is_not_a_feature_collection_is_one_clear_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data: bytes, message: str):
    """The same files read as a stream (as large files are): the same clear errors. (A JSON list is
    read as a list of events there, each one a row.)"""
    monkeypatch.setattr(readers, "STREAM_FROM", 0)
    # Values cut between chunks everywhere (but in the deep ones, a chunk of each depth is enough).
    monkeypatch.setattr(readers, "_CHUNK", 4096 if message == "nested too deep" else 5)
    path = tmp_path / "in.geojson"
    path.write_bytes(data)
    with pytest.raises(BadInput, match=message) as err:
        import_file(_store(tmp_path), path)
    assert str(path) in str(err.value)


@given(st.lists(st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8), max_size=6), st.integers(1, 9), st.booleans())
@settings(max_examples=150, deadline=None)
def test_a_streamed_array_is_read_as_json_loads_reads_it(items: list[Any], chunk: int, ascii_only: bool):
    """geo.intake.readers reads a large file's features a chunk of text at a time: every value,
    however the chunks cut it (numbers, escapes, characters of several bytes), is what json.loads
    reads from the whole file."""
    import io

    data = json.dumps({"type": "FeatureCollection", "before": items[:1], "features": items, "after": 1},
                      ensure_ascii=ascii_only).encode()
    original = readers._CHUNK
    readers._CHUNK = chunk
    try:
        assert list(readers._array_items(Path("x"), io.BytesIO(data), "features")) == json.loads(data)["features"]
    finally:
        readers._CHUNK = original


def test_a_byte_order_mark_is_accepted(tmp_path: Path):
    path = tmp_path / "in.geojson"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"type": "FeatureCollection", "features": [GOOD]}).encode())
    assert import_file(_store(tmp_path), path).stored == 1


# ---- ACLED CSV -----------------------------------------------------------------------------
def _acled(row: str, **columns: str) -> str:
    cells = dict(zip(ACLED_HEADER.strip().split(","), ACLED_GOOD.split(",")))
    cells.update(event_id_cnty=row, **columns)
    return ",".join(f'"{v}"' for v in cells.values())


@pytest.mark.parametrize(("row", "field"), [
    pytest.param(_acled("A2", notes="n" * (MAX_CSV_FIELD // 2)), "notes", id="note over the csv default limit"),
    pytest.param(_acled("A2", notes="n" * (MAX_QUOTE_LENGTH + 1)), "notes", id="long note"),
    pytest.param(_acled("A" * 100), "event_id_cnty", id="100-character event id"),
    pytest.param(_acled("A2", time_precision="2.7"), "time_precision", id="time_precision 2.7"),
    pytest.param(_acled("A2", geo_precision="true"), "geo_precision", id="geo_precision true"),
    pytest.param(_acled("A2", latitude="nan"), "latitude", id="latitude NaN"),
    pytest.param(_acled("A2", longitude="inf"), "longitude", id="longitude infinite"),
    pytest.param(_acled("A2", event_date="1 January 1500"), "event_date", id="date before 1900"),
    pytest.param(_acled("A2", actor1="a" * 1000), "actor1", id="long actor"),
])
def test_a_bad_acled_row_is_reported_and_skipped(tmp_path: Path, row: str, field: str):
    path = tmp_path / "acled.csv"
    path.write_text(ACLED_HEADER + ACLED_GOOD + "\n" + row + "\n", encoding="utf-8")
    engine = _store(tmp_path)
    report = import_file(engine, path)
    assert report.stored == 1 and len(report.bad) == 1, report
    assert "line 3: " in report.bad[0] and field in report.bad[0], report.bad[0]
    assert len(report.bad[0]) < 600
    assert len(_exported(engine)["features"]) == 1


def test_a_note_longer_than_the_limit_costs_its_row_only(tmp_path: Path):
    path = tmp_path / "acled.csv"
    huge = _acled("A2", notes="n" * (MAX_CSV_FIELD + 1))
    path.write_text(ACLED_HEADER + ACLED_GOOD + "\n" + huge + "\n" + _acled("A3") + "\n", encoding="utf-8")
    engine = _store(tmp_path)
    report = import_file(engine, path)
    assert report.stored == 2 and len(report.bad) == 1, report
    assert "line 3" in report.bad[0] and "field" in report.bad[0]
    assert sorted(i.id for i in load_incidents(engine)) == ["acled-A1", "acled-A3"]


def test_a_csv_header_that_cannot_be_read_is_one_clear_error(tmp_path: Path):
    path = tmp_path / "acled.csv"
    path.write_text('"' + "h" * (MAX_CSV_FIELD + 1) + '"\n' + ACLED_GOOD + "\n", encoding="utf-8")
    with pytest.raises(BadInput, match="line 1: field larger than field limit"):
        import_file(_store(tmp_path), path)


# ---- any mix of good and bad features leaves an exportable store ----------------------------
_JUNK = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70) | st.floats()
    | st.text(alphabet=st.characters(blacklist_categories=()), max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)
_ANY_TEXT = st.text(alphabet=st.characters(blacklist_categories=()), max_size=20)  # surrogates and controls too
_TYPES = sorted((t, s) for t, subs in ACLED_TYPES.items() for s in subs)


@st.composite
def _feature(draw: st.DrawFn) -> Any:
    kind = draw(st.sampled_from(["valid", "valid", "one field junk", "junk"]))
    if kind == "junk":
        return draw(_JUNK)
    event_type, sub = draw(st.sampled_from(_TYPES))
    ident = draw(st.uuids()).hex[:16]
    feature: dict[str, Any] = {
        "type": "Feature", "id": ident,
        "geometry": {"type": "Point", "coordinates": [draw(st.floats(-180, 180)), draw(st.floats(-90, 90))]},
        "properties": {
            "event_date": draw(st.dates(date(1900, 1, 1), date(2100, 12, 31)) | st.dates()).isoformat(), "time_precision": draw(st.integers(1, 3)),
            "place_as_written": draw(_ANY_TEXT), "place": draw(_ANY_TEXT), "admin1": draw(_ANY_TEXT),
            "country": draw(st.text(max_size=3)), "geonameid": draw(st.none() | st.integers(1, 2**31 - 1)),
            "geo_precision": draw(st.integers(1, 3)), "event_type": event_type, "sub_event_type": sub,
            "actors": draw(st.lists(_ANY_TEXT.filter(bool), max_size=3)),
            "claimed_by": draw(st.lists(_ANY_TEXT.filter(bool), max_size=2)),
            "sources": draw(st.lists(st.fixed_dictionaries({
                "article_id": st.sampled_from(["a1", "a2"]), "quote": _ANY_TEXT, "start": st.integers(0, 10**6),
                "end": st.integers(0, 10**6), "title": _ANY_TEXT, "url": st.just(""), "outlet": _ANY_TEXT,
            }), max_size=2)),
            "summary": draw(_ANY_TEXT), "confidence": draw(st.floats(0, 1)),
            "status": draw(st.sampled_from(["extracted", "reviewed"])), "unresolved": draw(st.booleans()),
        },
    }
    if kind == "one field junk":
        where = draw(st.sampled_from(["feature", "geometry", "properties"]))
        target = feature if where == "feature" else feature[where]
        target[draw(st.sampled_from(sorted(target)))] = draw(_JUNK)
    return feature


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(st.lists(_feature(), max_size=6) | st.lists(st.sampled_from([GOOD, _with("properties.summary", "x")]),
                                                     max_size=3))
@example([{"type": "Feature", "id": "e3e70682c2094cac", "geometry": {"type": "Point", "coordinates": [0.0, 0.0]},
           "properties": {}}])
def test_any_mix_of_features_leaves_an_exportable_store(tmp_path_factory, features):
    tmp = tmp_path_factory.mktemp("mix")
    engine = _store(tmp)
    try:
        report = import_file(engine, _write_geojson(tmp / "in.geojson", features))
    except BadInput as exc:
        # a file whose features name no column at all ("properties": {}, or junk in its place) has
        # nothing to map: refused as a whole, with the way to map a column, and nothing stored
        assert not any(isinstance(f.get("properties"), dict) and "event_date" in f["properties"] for f in features)
        assert "--map event_date=COLUMN" in str(exc)
        assert read_tables(engine).incidents.empty
        return
    assert report.read == len(features) == report.stored + report.already + len(report.bad)
    tables = read_tables(engine)
    snapshot = snapshot_bytes(tables, tables.incidents)
    assert len(json.loads(snapshot)["features"]) == report.stored
    (tmp / "out.geojson").write_bytes(snapshot)
    again = import_file(_store(tmp, "again.sqlite"), tmp / "out.geojson")
    assert not again.bad and again.stored == report.stored
    same = import_file(engine, tmp / "out.geojson")  # re-importing its own export adds nothing
    assert same.stored == 0 and same.already == report.stored


@pytest.mark.parametrize(("bad", "field"), BAD_FEATURES)
def test_a_bad_feature_is_left_to_the_row_way(bad: Any, field: str):
    """The quick way for our snapshot's features (geo.intake.fast.feature_row) takes a feature only
    when every value is plainly valid: each bad one goes the row way, which explains it."""
    assert feature_row(bad, "now") is None
    assert feature_row(GOOD, "now") is not None  # so the quick way is taken at all


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(st.lists(_feature(), max_size=6))
@example([{"type": "Feature", "id": "e3e70682c2094cac", "geometry": {"type": "Point", "coordinates": [0, 0]},
           "properties": {}}])
def test_the_quick_way_for_features_stores_what_the_row_way_stores(tmp_path_factory, features):
    tmp = tmp_path_factory.mktemp("quick")
    path = _write_geojson(tmp / "in.geojson", features)
    dumps: list[Any] = []
    for quick in (True, False):
        engine = _store(tmp, f"{quick}.sqlite")
        try:
            report = import_file(engine, path, quick=quick)
        except BadInput as exc:  # a file of junk alone ("properties": {}) has no column to map: both refuse it
            dumps.append(str(exc).replace(str(tmp), ""))
            continue
        dumps.append((report.stored, report.already, report.bad, _exported(engine)["features"],
                      read_tables(engine).sources.to_dict("records")))
    assert dumps[0] == dumps[1]
