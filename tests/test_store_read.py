"""Reading the store: one SQLite library in the process, exact values, the order of the frames,
clear messages for a damaged store."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from geo.errors import StoreError
from geo.records import Incident, Source
from geo.store.db import add_article, open_engine, store_version, transaction
from geo.store.tables import read_tables
from tests.conftest import ROOT


def _incident(n: int, **changes: object) -> Incident:
    base = Incident(
        event_date=date(2023, 6, 1), time_precision=1, place_as_written="Shebekino", place="Shebekino",
        latitude=50.4, longitude=36.9, country="RU", admin1="Belgorod", geonameid=None, geo_precision=1,
        event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack",
        actors=("Military Forces of Ukraine",), claimed_by=(), summary=f"incident {n}", confidence=0.5,
        status="extracted", unresolved=False, id=f"i{n:04d}",
        sources=(Source("art1", f"quote {n}", n * 10, n * 10 + 5, "Title", "", "Outlet"),),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def _copy_store(url: str, path: Path) -> str:
    """A copy of a store made with SQLite's backup API (the file alone lacks what its -wal holds)."""
    with sqlite3.connect(url.removeprefix("sqlite:///")) as src, sqlite3.connect(path) as dst:
        src.backup(dst)
    return f"sqlite:///{path}"


def _store(url: str, found: list[Incident]) -> None:
    from geo.intake.articles import article_from_text

    article = replace(article_from_text("text " * 50, title="Title", outlet="Outlet", published=date(2023, 6, 2)),
                      id="art1")
    with transaction(open_engine(url)) as conn:
        add_article(conn, article, found)


def test_reals_come_back_exactly_and_rows_in_date_place_id_order(db_url):
    # Stored in an order unlike the frame's (rowids run against the sort), with doubles that
    # 15 significant digits would not give back.
    found = [
        _incident(1, event_date=date(2023, 7, 1), place="B", latitude=50.123456789012345, longitude=-0.1 - 0.2),
        _incident(2, event_date=date(2023, 6, 1), place="Z", latitude=10.0, longitude=1 / 3, confidence=0.1 + 0.2),
        _incident(3, event_date=date(2023, 6, 1), place="Ärzte", latitude=-89.99999999999999, longitude=179.0),
        _incident(4, event_date=date(2023, 6, 1), place="A", latitude=1e-300, longitude=0.0),
    ]
    _store(db_url, found)
    frame = read_tables(open_engine(db_url)).incidents
    # SQLite's ORDER BY compares text by its UTF-8 bytes: "Z" before "Ä".
    assert frame["id"].tolist() == ["i0004", "i0002", "i0003", "i0001"]
    by_id = frame.set_index("id")
    for incident in found:
        assert by_id.loc[incident.id, "latitude"] == incident.latitude
        assert by_id.loc[incident.id, "longitude"] == incident.longitude
        assert by_id.loc[incident.id, "confidence"] == incident.confidence


def test_large_ids_and_text_survive(db_url):
    found = [_incident(1, geonameid=2**31 - 1, summary='quote " \\ \n \u2028 \U0001F600 done', actors=("A", "B; C"))]
    _store(db_url, found)
    row = read_tables(open_engine(db_url)).incidents.iloc[0]
    assert row["geonameid"] == 2**31 - 1
    assert row["summary"] == found[0].summary
    assert row["actors"] == ("A", "B; C")


_ONE_SQLITE = textwrap.dedent("""
    import mmap, sys
    from pathlib import Path
    sys.path.insert(0, {root!r})
    from geo.store.db import open_engine, update_incident
    from geo.store.tables import read_tables
    import pages.data  # everything the dashboard loads

    engine = open_engine({url!r})
    tables = read_tables(engine)
    update_incident(engine, tables.incidents["id"].iloc[0], summary="edited")
    read_tables(engine)
    libraries = {{line.split()[-1] for line in open("/proc/self/maps")
                 if len(line.split()) >= 6 and ".so" in line.split()[-1]}}
    copies = []
    for path in sorted(libraries):
        try:
            with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
                # Every build of SQLite carries its file header magic.
                if data.find(b"SQLite format 3\\x00") >= 0:
                    copies.append(path)
        except (OSError, ValueError):
            pass
    print("\\n".join(copies))
""")


def test_one_sqlite_library_in_a_process_that_reads_and_writes(seeded_store, tmp_path):
    """A second copy of SQLite in the process (as the ADBC driver brought) breaks SQLite's
    POSIX locks and deleted the -wal file under our writers: there must be exactly one."""
    script = _ONE_SQLITE.format(root=str(ROOT), url=_copy_store(seeded_store, tmp_path / "db.sqlite"))
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT)
    copies = out.stdout.split()
    assert len(copies) == 1, copies


def test_a_write_between_two_reads_is_seen_and_the_wal_stays(seeded_store, tmp_path):
    path = tmp_path / "db.sqlite"
    url = _copy_store(seeded_store, path)
    engine = open_engine(url)
    before = read_tables(engine).incidents
    version = store_version(engine)
    from geo.store.db import update_incident

    with engine.connect():  # a connection stays open, as the dashboard's pool keeps one
        target = before["id"].iloc[0]
        update_incident(engine, target, summary="seen at once")
        after = read_tables(engine).incidents
        assert after.set_index("id").loc[target, "summary"] == "seen at once"
        assert store_version(engine) != version
        assert Path(f"{path}-wal").exists()
    engine.dispose()
    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.parametrize(("content", "expected"), [
    (b"this is not a database, just some text" * 200, "not a database"),
    (b"SQLite format 3\x00" + b"\xff" * 8000, "damaged|malformed|not a database"),
])
def test_a_damaged_store_file_gives_a_clear_message(tmp_path, content, expected):
    path = tmp_path / "db.sqlite"
    path.write_bytes(content)
    with pytest.raises(StoreError, match=expected) as err:
        read_tables(open_engine(f"sqlite:///{path}"))
    assert "[SQL:" not in str(err.value)


def test_a_store_damaged_in_its_pages_gives_a_clear_message(seeded_store, tmp_path):
    path = tmp_path / "db.sqlite"
    _copy_store(seeded_store, path)
    with sqlite3.connect(path) as con:
        page_size = con.execute("PRAGMA page_size").fetchone()[0]
        pages = con.execute("PRAGMA page_count").fetchone()[0]
    data = bytearray(path.read_bytes())
    for page in range(2, pages):  # every page but the first (the schema): the tables' b-trees are garbage
        data[page * page_size - page_size + 8: page * page_size - 16] = b"\x07" * (page_size - 24)
    path.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="damaged|malformed|not a database"):
        read_tables(open_engine(f"sqlite:///{path}"))


def test_a_full_disk_gives_a_clear_message_and_changes_nothing(seeded_store, tmp_path):
    """SQLite says "database or disk is full" when it cannot grow the file; max_page_count makes
    that happen here without filling a real disk."""
    from sqlalchemy import event

    from geo.intake.articles import article_from_text
    from geo.store.db import update_incident

    url = _copy_store(seeded_store, tmp_path / "db.sqlite")
    engine = open_engine(url)
    before = read_tables(engine)

    @event.listens_for(engine, "connect")
    def _full(dbapi_connection, _record):
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

    engine.dispose()  # new connections get the limit
    big = article_from_text("Shelling hit Shebekino on Sunday, the governor said. " * 4000, title="Big",
                            published=date(2023, 6, 5))
    with pytest.raises(StoreError, match="full") as err, transaction(engine) as conn:
        add_article(conn, big, [_incident(9, summary="x" * 200_000)])
    assert "[SQL:" not in str(err.value) and "free some disk space" in str(err.value)
    after = read_tables(open_engine(url))
    assert len(after.incidents) == len(before.incidents)
    assert len(after.sources) == len(before.sources)
    update_incident(open_engine(url), after.incidents["id"].iloc[0], summary="small edits still fit")


def test_a_read_only_store_is_read_and_refuses_writes_clearly(seeded_store, tmp_path):
    from geo.store.db import update_incident

    path = tmp_path / "db.sqlite"
    _copy_store(seeded_store, path)
    engine = open_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    tables = read_tables(engine)  # reading needs no write: the tables exist
    assert len(tables.incidents) > 5
    with pytest.raises(StoreError, match="not writable"):
        update_incident(engine, tables.incidents["id"].iloc[0], summary="nope")
    assert read_tables(open_engine(f"sqlite:///{path}")).incidents.equals(tables.incidents)


@pytest.mark.parametrize(("changes", "message"), [
    ({"status": "approved by me"}, "status must be one of"),
    ({"actors": [1, 2]}, "groups must be"),
    ({"actors": [""]}, "groups must be"),
    ({"summary": "x" * 100_000}, "summary is text"),
    ({"latitude": float("nan")}, "latitude must be a number"),
    ({"colour": "red"}, "cannot edit"),
])
def test_a_bad_edit_is_refused_and_changes_nothing(seeded_store, tmp_path, changes, message):
    from geo.errors import IncidentMapError
    from geo.store.db import update_incident

    url = _copy_store(seeded_store, tmp_path / "db.sqlite")
    engine = open_engine(url)
    before = read_tables(engine).incidents
    with pytest.raises(IncidentMapError, match=message):
        update_incident(engine, before["id"].iloc[0], **changes)
    assert read_tables(engine).incidents.equals(before)
