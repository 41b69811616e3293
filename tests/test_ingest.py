"""Ingest of many articles: progress is reported, in a log as well as on a terminal."""

from __future__ import annotations

import io

import pytest

from geo.intake.ingest import print_progress


@pytest.mark.parametrize(("total", "lines"), [(5, 0), (20, 10), (95, 11), (1000, 10)])
def test_progress_lines_in_a_log(total, lines, monkeypatch):
    err = io.StringIO()  # not a terminal
    monkeypatch.setattr("sys.stderr", err)
    for n in range(1, total + 1):
        print_progress(n, total, f"a{n}.txt")
    out = err.getvalue().splitlines()
    assert len(out) == lines
    if lines:
        assert out[-1] == f"ingest: {total}/{total} articles (100%)"


def test_progress_bar_on_a_terminal(monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    err = Terminal()
    monkeypatch.setattr("sys.stderr", err)
    for n in range(1, 41):
        print_progress(n, 40, "x.txt")
    text = err.getvalue()
    assert text.count("\r") == 40 and text.endswith("\n")
    assert "[" + "#" * 30 + "] 40/40" in text


# ---- ingest --jobs N: extraction in N processes, one writer ------------------------------------

def _store_rows(url: str) -> list[tuple]:
    import sqlite3

    with sqlite3.connect(url.removeprefix("sqlite:///")) as con:
        return sorted(con.execute(
            "SELECT id, event_date, place, latitude, longitude, event_type, actors, fatalities FROM incidents").fetchall())


def test_jobs_store_what_one_process_stores(tmp_path):
    from tests.conftest import run_cli

    one, two = f"sqlite:///{tmp_path / 'one.sqlite'}", f"sqlite:///{tmp_path / 'two.sqlite'}"
    first = run_cli("ingest", "seeds/", db=one)
    assert first.returncode == 0, first.stderr
    parallel = run_cli("ingest", "--jobs", "2", "seeds/", db=two)
    assert parallel.returncode == 0, parallel.stderr
    assert first.stdout == parallel.stdout  # the same summary
    assert _store_rows(one) == _store_rows(two) and _store_rows(one)


def test_jobs_report_bad_files_and_keep_going(tmp_path):
    from tests.conftest import run_cli

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    (folder / "good.txt").write_text("Russian forces shelled Kupiansk on Tuesday, the governor said.\n", encoding="utf-8")
    result = run_cli("ingest", "--jobs", "2", "--published", "2024-08-28", str(folder),
                     db=f"sqlite:///{tmp_path / 's.sqlite'}")
    assert result.returncode == 1
    assert "empty.txt" in result.stderr and "the article is empty" in result.stderr
    assert "articles: 1 ingested" in result.stdout and "incidents: 1 new" in result.stdout, result.stdout


def test_jobs_stopping_early_shut_their_workers_down(tmp_path):
    """keep_going=False stops at the first bad file: the pool is shut down then and there, and the
    process ends (left to the garbage collector, the pool could be closed from its own feeder
    thread, which then waited for itself: a hang at exit). In a fresh interpreter, as `ingest`
    runs: worker processes are spawned, which re-import the main module."""
    import subprocess
    import sys
    from pathlib import Path

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a00_empty.txt").write_text("   \n", encoding="utf-8")
    for k in range(1, 30):
        (folder / f"a{k:02d}.txt").write_text(f"Russian forces shelled Kupiansk on Tuesday, killing {k}.\n", encoding="utf-8")
    script = f"""
import multiprocessing
from datetime import date
from pathlib import Path
from geo.errors import BadInput
from geo.gazetteer.lookup import Gazetteer
from geo.intake.articles import ArticleMeta
from geo.intake.ingest import ingest_paths
from geo.store.db import open_engine
engine = open_engine("sqlite:///{tmp_path / 's.sqlite'}")
try:
    ingest_paths(engine, [Path("{folder}")], Gazetteer.open(), defaults=ArticleMeta("", "", "Wire", "", date(2024, 8, 28)),
                 keep_going=False, jobs=2)
except BadInput as exc:
    print("refused:", exc)
print("workers left:", len(multiprocessing.active_children()))
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300,
                            cwd=Path(__file__).resolve().parents[1])
    assert result.returncode == 0, result.stderr[-2000:]
    assert "refused:" in result.stdout and "empty" in result.stdout and "workers left: 0" in result.stdout, result.stdout


@pytest.mark.parametrize("value", ["0", "two", "65"])
def test_jobs_must_be_a_sensible_number(value, tmp_path):
    from tests.conftest import run_cli

    result = run_cli("ingest", "--jobs", value, "seeds/", db=f"sqlite:///{tmp_path / 's.sqlite'}")
    assert result.returncode == 2 and "--jobs takes" in result.stderr
