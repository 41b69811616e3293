"""Concurrent use: two ingests and the dashboard's edits at once lose nothing, and an ingest killed
mid-run leaves whole articles that a second run completes."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import threading
import time
from pathlib import Path

from geo.intake.ingest import ingest_paths
from geo.store.db import load_incidents, open_engine, update_incident
from tests.conftest import SEEDS, start_cli


def _ingest_process(url: str, *paths: str) -> subprocess.Popen[str]:
    return start_cli("ingest", *paths, db=url)


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
