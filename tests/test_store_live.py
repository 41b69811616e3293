"""Nothing saved is ever lost (issue 10): a write, from any page or process, is seen by every
reader, the store stays whole, and no second SQLite library in the process pulls the WAL away
from under Python's sqlite3 (a dashboard that read the store through ADBC lost edits and ingests
until a restart, and sometimes ended with "database disk image is malformed")."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

from geo.articles import ArticleMeta, read_article
from geo.extract import extract_incidents
from geo.ingest import ingest_paths
from geo.store import add_place, load_articles, load_incidents, open_engine, store_version, update_incident
from geo.tables import read_tables
from tests.conftest import ROOT, SEEDS

PUBLISHED = date(2023, 6, 5)
# Small articles on places far from the seeds (Belgorod region), so that nothing corroborates a seed incident.
KURSK = """Drone strike on a warehouse in Kursk
A drone strike hit a warehouse in Kursk on Sunday, the regional governor said.
Shelling hit Voronezh on Monday, officials said.
"""
PASTED = """Explosions reported in Bryansk
Shelling hit Bryansk on Saturday, the regional governor said.
Officials gave no further details about the damage.
"""
BY_CLI = """Attack reported in Lipetsk
A drone strike hit an oil depot in Lipetsk on Friday, local authorities said.
"""
FIRST = """A first report from Tambov
Shelling hit Tambov on Sunday, the regional administration said.
"""


def _db(tmp: Path) -> tuple[str, Path]:
    path = tmp / "db.sqlite"
    return f"sqlite:///{path}", path


def _integrity(path: Path) -> str:
    """PRAGMA integrity_check as a fresh process would see the file (Python's sqlite3, own connection)."""
    con = sqlite3.connect(path)
    try:
        return "\n".join(r[0] for r in con.execute("PRAGMA integrity_check").fetchall())
    finally:
        con.close()


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """`incident-map …` as a separate process, on this checkout's code."""
    return subprocess.run([sys.executable, "-m", "geo", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout, check=False)


def _ingest_defaults() -> ArticleMeta:
    return ArticleMeta("", published=PUBLISHED)


# 1. One process: the dashboard's reader, then writes, then the reader again.

def test_writes_in_one_process_are_read_back_and_the_wal_stays(tmp_path, gazetteer):
    url, path = _db(tmp_path)
    engine = open_engine(url)
    ingest_paths(engine, [SEEDS], gazetteer)
    wal = Path(f"{path}-wal")
    article = _write(tmp_path / "articles" / "kursk.txt", KURSK)
    expected = extract_incidents(read_article(article, ArticleMeta("kursk.txt", published=PUBLISHED)), gazetteer)
    assert expected, "the test article must hold incidents"
    held = engine.raw_connection()  # another session of the dashboard, open the whole time
    try:
        held.cursor().execute("SELECT count(*) FROM incidents").fetchall()
        before = read_tables(engine)
        assert wal.exists(), "reading the store deleted the -wal file under an open connection"
        target = str(before.incidents["id"].iloc[0])
        update_incident(engine, target, summary="Edited while the dashboard is open")
        report = ingest_paths(engine, [article], gazetteer, metadata={}, defaults=_ingest_defaults())
        assert report.articles == 1 and report.incidents == len(expected)
        after = read_tables(engine)
        assert wal.exists(), "reading the store deleted the -wal file under an open connection"
        summaries = dict(zip(after.incidents["id"], after.incidents["summary"], strict=True))
        assert summaries[target] == "Edited while the dashboard is open"
        assert len(after.incidents) == len(before.incidents) + len(expected)
        assert {i.id for i in expected} <= set(after.incidents["id"])
        seen_by_held = held.cursor().execute("SELECT summary FROM incidents WHERE id = ?", (target,)).fetchone()
        assert seen_by_held == ("Edited while the dashboard is open",)
    finally:
        held.close()
    assert _integrity(path) == "ok"
    engine.dispose()
    con = sqlite3.connect(path)
    try:  # a new process's view of the file, once every connection is closed
        assert con.execute("SELECT summary FROM incidents WHERE id = ?", (target,)).fetchone() == (
            "Edited while the dashboard is open",)
        assert con.execute("SELECT count(*) FROM incidents").fetchone() == (len(after.incidents),)
    finally:
        con.close()
    assert _integrity(path) == "ok"


# 2. The store's version: the dashboard's cache key.

def test_store_version_changes_with_every_write_and_only_then(tmp_path, gazetteer):
    url, _ = _db(tmp_path)
    engine = open_engine(url)
    ingest_paths(engine, [_write(tmp_path / "a" / "kursk.txt", KURSK)], gazetteer, metadata={},
                 defaults=_ingest_defaults())
    versions = [store_version(engine)]

    def unchanged(why: str) -> None:
        assert store_version(engine) == versions[-1], f"the version moved on a read: {why}"

    def moved(why: str) -> None:
        now = store_version(engine)
        assert now != versions[-1], f"the version did not change after {why}"
        versions.append(now)

    read_tables(engine)
    load_incidents(engine)
    load_articles(engine)
    unchanged("read_tables, load_incidents, load_articles")
    target = load_incidents(engine, with_sources=False)[0].id
    update_incident(engine, target, summary="first edit")
    moved("an edit")
    update_incident(engine, target, summary="second edit")  # within the same second as the first, usually
    moved("a second edit of the same incident")
    update_incident(engine, target, status="extracted")
    moved("an edit of the status alone")
    ingest_paths(engine, [_write(tmp_path / "b" / "bryansk.txt", PASTED)], gazetteer, metadata={},
                 defaults=_ingest_defaults())
    moved("an ingest")

    from geo.geojson import dumps, feature_collection
    from geo.importer import import_file

    other = read_article(_write(tmp_path / "c" / "lipetsk.txt", BY_CLI), ArticleMeta("lipetsk.txt", published=PUBLISHED))
    snapshot = tmp_path / "snapshot.geojson"
    snapshot.write_text(dumps(feature_collection(extract_incidents(other, gazetteer))), encoding="utf-8")
    assert import_file(engine, snapshot).stored >= 1
    moved("an import of a GeoJSON snapshot")
    add_place(engine, "Nowhere Farm", 52.0, 37.0, source="pinned on the map")
    moved("a pinned place")
    done = _cli("ingest", str(_write(tmp_path / "d" / "tambov.txt", FIRST)), "--db", url, "--published",
                PUBLISHED.isoformat())
    assert done.returncode == 0, done.stderr
    assert "1 ingested" in done.stdout
    moved("an ingest by another process")
    read_tables(engine)
    unchanged("read_tables after the writes")
    assert len(set(versions)) == len(versions)


# 5. Exports keep the user's file mode.

def test_export_file_has_the_mode_the_umask_gives(tmp_path, gazetteer):
    url, _ = _db(tmp_path)
    ingest_paths(open_engine(url), [_write(tmp_path / "a" / "kursk.txt", KURSK)], gazetteer, metadata={},
                 defaults=_ingest_defaults())
    out = tmp_path / "out" / "incidents.geojson"
    out.parent.mkdir()
    done = subprocess.run([sys.executable, "-m", "geo", "export", "--db", url, "-o", str(out)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=False, umask=0o022)
    assert done.returncode == 0, done.stderr
    assert oct(out.stat().st_mode & 0o777) == oct(0o644)
