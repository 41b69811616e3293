"""Import: our GeoJSON snapshot round-trips; ACLED CSV rows are checked one by one."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from geo.errors import BadInput
from geo.export.geojson import dumps, feature_collection
from geo.intake.importer import import_file
from geo.intake.ingest import ingest_paths
from geo.store.db import load_incidents, open_engine
from tests.conftest import SEEDS

ACLED_HEADER = ("event_id_cnty,event_date,event_type,sub_event_type,actor1,actor2,admin1,location,latitude,longitude,"
                "geo_precision,time_precision,source,notes,fatalities\n")


def test_geojson_round_trip(tmp_path: Path, gazetteer):
    first = open_engine(f"sqlite:///{tmp_path / 'a.sqlite'}")
    ingest_paths(first, [SEEDS], gazetteer)
    before = load_incidents(first)
    snapshot = tmp_path / "s.geojson"
    snapshot.write_text(dumps(feature_collection(before)), encoding="utf-8")
    second = open_engine(f"sqlite:///{tmp_path / 'b.sqlite'}")
    report = import_file(second, snapshot)
    assert report.stored == len(before) and not report.bad
    after = load_incidents(second)
    strip = [json.loads(dumps(feature_collection(x)))["features"] for x in (before, after)]
    assert strip[0] == strip[1]
    assert import_file(second, snapshot).already == len(before)  # idempotent


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("A2,2023-05-22,Battles,Armed clash,Group,,Belgorod,Kozinka,95.0,35.6,1,1,X,notes,0", "latitude 95.0"),
        ("A3,not a date,Battles,Armed clash,Group,,Belgorod,Kozinka,50.4,35.6,1,1,X,notes,0", "event_date"),
        ("A4,2023-05-22,Battles,Armed clash,Group,,Belgorod,Kozinka,fifty,35.6,1,1,X,notes,0", "not a number"),
        ("A5,2023-05-22,Battles,Air/drone strike,Group,,Belgorod,Kozinka,50.4,35.6,1,1,X,notes,0", "not an ACLED type"),
        ("A6,,Battles,Armed clash,,,Belgorod,Kozinka,50.4,35.6,1,1,X,notes,0", "event_date is empty"),
        ("A7,2023-05-22,Battles,Armed clash,Group,,Belgorod,Kozinka,50.4,35.6,7,1,X,notes,0", "geo_precision"),
    ],
)
def test_acled_bad_rows_are_reported_and_good_rows_kept(tmp_path: Path, row: str, reason: str):
    good = "A1,22 May 2023,Battles,Armed clash,Freedom of Russia Legion,Military Forces of Russia,Belgorod,Kozinka,50.4613,35.6026,1,1,Telegram,Raid,0"
    path = tmp_path / "acled.csv"
    path.write_text(ACLED_HEADER + good + "\n" + row + "\n", encoding="utf-8")
    engine = open_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    report = import_file(engine, path)
    assert report.stored == 1 and len(report.bad) == 1
    assert "line 3" in report.bad[0] and reason in report.bad[0]
    stored = load_incidents(engine)
    assert stored[0].actors == ("Freedom of Russia Legion", "Military Forces of Russia")


def test_acled_missing_column_is_refused(tmp_path: Path):
    path = tmp_path / "acled.csv"
    path.write_text("event_date,event_type\n2023-01-01,Battles\n", encoding="utf-8")
    with pytest.raises(BadInput, match="missing column"):
        import_file(open_engine(f"sqlite:///{tmp_path / 'db.sqlite'}"), path)


def _indexes(engine) -> dict[str, str]:
    with engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
        return {name: sql for name, sql in rows}


def _acled_rows(first: int, count: int) -> str:
    return ACLED_HEADER + "".join(
        f"A{k},22 May 2023,Battles,Armed clash,Group {k % 7},,Belgorod,Kozinka,50.{k % 9000:04d},35.6,1,1,Telegram,"
        f"Raid number {k},0\n" for k in range(first, first + count))


@pytest.mark.parametrize("stored_first", [0, 5_000])
def test_an_import_leaves_the_stores_indexes_as_they_were(tmp_path: Path, stored_first: int):
    """A bulk import (into an empty store, or one small beside the file) drops the secondary indexes
    and builds them again at its end; a small one into a large store keeps them. Either way the
    store has the same indexes after, and the queries that use them still do."""
    engine = open_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    before = _indexes(engine)
    assert {"incidents_date", "incidents_place", "sources_article"} <= before.keys()
    if stored_first:
        (tmp_path / "first.csv").write_text(_acled_rows(0, stored_first), encoding="utf-8")
        assert import_file(engine, tmp_path / "first.csv").stored == stored_first
    (tmp_path / "more.csv").write_text(_acled_rows(stored_first, 20), encoding="utf-8")
    assert import_file(engine, tmp_path / "more.csv").stored == 20
    assert _indexes(engine) == before
    with engine.connect() as conn:
        plan = " ".join(str(r[-1]) for r in conn.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT id FROM incidents WHERE event_date >= '2023-01-01'"))
        assert "incidents_date" in plan
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"


def test_an_import_that_fails_half_way_stores_nothing_and_keeps_the_indexes(tmp_path: Path):
    engine = open_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    before = _indexes(engine)
    path = tmp_path / "broken.csv"
    # Past the first 64 KB (where the encoding is sniffed), a byte that is not UTF-8: the file is refused.
    path.write_bytes(_acled_rows(0, 2_000).encode("utf-8") + b"A9999,22 May 2023,Battles,\xff\xfe\n")
    with pytest.raises(BadInput, match="not utf-8"):
        import_file(engine, path)
    assert _indexes(engine) == before and load_incidents(engine) == []
    assert not [t for t in threading.enumerate() if t.name == "import-reader"]  # the reading thread ended
