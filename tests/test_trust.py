"""Bad input, hostile text and concurrent use: nothing lost, nothing half-written, nothing run."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

import pytest
from geojson_pydantic import FeatureCollection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.errors import BadInput, GazetteerError
from geo.export.geojson import dumps, feature_collection, write_atomically
from geo.extract.pipeline import extract_incidents
from geo.gazetteer.index import build_index
from geo.intake.articles import MAX_ARTICLE_BYTES, article_from_text, decode, load_metadata, read_article
from geo.intake.curated import load_curated
from geo.intake.importer import import_file
from geo.intake.ingest import ingest_paths
from geo.records import Incident, Source
from geo.store.db import load_incidents, open_engine, update_incident
from tests.conftest import ROOT, SEEDS

SHEBEKINO = "Russian forces shelled Shebekino on Sunday, the governor of the Belgorod region said."


# ---- bad input -------------------------------------------------------------------------
@pytest.mark.parametrize(("data", "message"), [
    (b"", "empty"), (b"   \n\t  ", "empty"), (b"\x00\x01\x02\xff" * 100, "binary"),
    (b"x" * (MAX_ARTICLE_BYTES + 1), "limit"),
])
def test_unusable_articles_are_refused_with_the_file_name(data: bytes, message: str):
    with pytest.raises(BadInput, match=message) as err:
        decode(data, "upload.txt")
    assert "upload.txt" in str(err.value)


@pytest.mark.parametrize("encoding", ["cp1251", "latin-1", "utf-16"])
def test_other_encodings_are_read(tmp_path: Path, encoding: str):
    text = "Обстрел: " + SHEBEKINO if encoding == "cp1251" else "Café report. " + SHEBEKINO
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode(encoding))
    assert read_article(path).text.strip() == text


def test_bad_articles_csv(tmp_path: Path):
    path = tmp_path / "articles.csv"
    path.write_text("file,title\na.txt,T\n", encoding="utf-8")
    with pytest.raises(BadInput, match="missing column"):
        load_metadata(path)
    path.write_text("file,title,outlet,url,published\na.txt,T,O,,2023-02-30\n", encoding="utf-8")
    with pytest.raises(BadInput, match=r"line 2, published"):
        load_metadata(path)


def test_bad_events_csv(tmp_path: Path):
    path = tmp_path / "events.csv"
    header = "file,place_as_written,event_date,time_precision,geo_precision,group,event_type,sub_event_type,summary\n"
    path.write_text(header + "a.txt,Kozinka,22 May,1,1,G,Battles,Armed clash,s\n", encoding="utf-8")
    with pytest.raises(BadInput, match="line 2, event_date"):
        load_curated(path)
    path.write_text(header + "a.txt,Kozinka,2023-05-22,one,1,G,Battles,Armed clash,s\n", encoding="utf-8")
    with pytest.raises(BadInput, match="line 2"):
        load_curated(path)


@pytest.mark.parametrize(("row", "message"), [
    ("Nowhere,,95.0,35.5,RU,09,village,0,somewhere", "latitude 95.0 is outside"),
    ("Nowhere,,fifty,35.5,RU,09,village,0,somewhere", "latitude is not a number"),
    ("Nowhere,,50.0,35.5,RU,09,village,0,", "needs its source"),
])
def test_bad_places_csv_names_line_and_field(tmp_path: Path, row: str, message: str):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("*.sqlite*"))
    (data / "places.csv").write_text(
        "name,aliases,latitude,longitude,country,admin1code,kind,population,source\n" + row + "\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=message) as err:
        build_index(tmp_path / "index.sqlite", data)
    assert "line 2" in str(err.value)
    assert not (tmp_path / "index.sqlite").exists()  # nothing half-built


def test_missing_publication_date_in_cli(tmp_path: Path):
    path = tmp_path / "x.txt"
    path.write_text(SHEBEKINO, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "geo", "ingest", str(path)], capture_output=True, text=True,
                            cwd=ROOT, env=dict(os.environ, INCIDENT_MAP_DB=f"sqlite:///{tmp_path / 'db.sqlite'}"))
    assert result.returncode == 1 and "x.txt" in result.stderr and "publication date" in result.stderr


# ---- property tests ----------------------------------------------------------------------
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(min_size=1, max_size=400))
def test_no_text_crashes_extraction(gazetteer, text):
    if not text.strip():
        return
    found = extract_incidents(article_from_text(text, published=date(2023, 6, 2)), gazetteer)
    for incident in found:
        assert -90 <= incident.latitude <= 90 and -180 <= incident.longitude <= 180


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=200), st.sampled_from(
    ["Shebekino", "Kozinka", "Belgorod region", "Avdiivka", "Dnipro"]))
def test_text_around_a_real_report_does_not_crash(gazetteer, noise, place):
    text = f"{noise}\nRussian forces shelled {place} on Sunday, officials said. {noise}"
    extract_incidents(article_from_text(text, published=date(2023, 6, 2)), gazetteer)


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


# ---- atomic exports ------------------------------------------------------------------------
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


# ---- concurrency ---------------------------------------------------------------------------
def _ingest_process(url: str, *paths: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "geo", "ingest", *paths], cwd=ROOT, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=dict(os.environ, INCIDENT_MAP_DB=url))


def _snapshot(url: str) -> list[tuple]:
    return sorted((i.place, i.event_date, i.sub_event_type, len(i.sources)) for i in load_incidents(open_engine(url)))


def _evidence(url: str) -> list[tuple]:
    quotes = [(s.article_id, s.start, s.end) for i in load_incidents(open_engine(url)) for s in i.sources]
    return sorted(quotes)


def test_two_ingests_and_the_dashboard_writing_at_once(tmp_path: Path, gazetteer):
    reference = f"sqlite:///{tmp_path / 'ref.sqlite'}"
    ingest_paths(open_engine(reference), [SEEDS], gazetteer)
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    engine = open_engine(url)
    stop = threading.Event()
    edits: list[Exception] = []

    def dashboard_edits() -> None:  # a reviewer saving edits while the ingests run
        while not stop.is_set():
            try:
                for incident in load_incidents(engine, with_sources=False):
                    update_incident(engine, incident.id, summary=incident.summary)
            except Exception as exc:  # noqa: BLE001 - collected and asserted below
                edits.append(exc)
            time.sleep(0.05)

    editor = threading.Thread(target=dashboard_edits)
    editor.start()
    procs = [_ingest_process(url, str(SEEDS)), _ingest_process(url, str(SEEDS))]
    outs = [p.communicate(timeout=300) for p in procs]
    stop.set()
    editor.join()
    assert all(p.returncode == 0 for p in procs), outs
    assert edits == []
    # Every piece of evidence is stored exactly once. (Which of several corroborating reports
    # becomes the kept record depends on arrival order, so whole records are not compared.)
    assert _evidence(url) == _evidence(reference)
    con = sqlite3.connect(tmp_path / "db.sqlite")
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 4
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_killed_ingest_leaves_whole_articles(tmp_path: Path, gazetteer):
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(8):  # distinct articles (the content is the identity), dated like the seeds
        for seed in sorted(SEEDS.glob("*.txt")):
            (folder / f"{n:02d}_{seed.name}").write_text(seed.read_text(encoding="utf-8") + f"\nCopy {n}.\n",
                                                        encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    open_engine(url)
    proc = _ingest_process(url, str(folder), "--published", "2023-06-02")
    db = tmp_path / "db.sqlite"
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            if sqlite3.connect(db, timeout=1).execute("SELECT count(*) FROM articles").fetchone()[0] >= 3:
                break
        except sqlite3.OperationalError:
            pass
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert 3 <= stored < 32
    # every stored article has all of its quotes: finishing the ingest gives what one clean run gives
    finish = _ingest_process(url, str(folder), "--published", "2023-06-02")
    finish.communicate(timeout=600)
    clean = f"sqlite:///{tmp_path / 'clean.sqlite'}"
    one = _ingest_process(clean, str(folder), "--published", "2023-06-02")
    one.communicate(timeout=600)
    assert _snapshot(url) == _snapshot(clean)
