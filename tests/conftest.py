"""Shared fixtures: one gazetteer for the session (its index is built once per machine), the seeded
store and its frames, the command line as a separate process, and the dashboard in Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from geo.gazetteer.lookup import Gazetteer

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return Gazetteer.open()


def namesakes_in_one_country(gazetteer: Gazetteer, country: str, limit: int) -> list[tuple[str, list[str]]]:
    """Names the gazetteer gives to two or three populated places, all of them in country and in more
    than one of its regions, in order of name, each with those regions' names sorted (read from the
    index, so that no town is written into a test)."""
    import sqlite3

    con = sqlite3.connect(f"file:{gazetteer.path}?mode=ro", uri=True)
    try:
        rows = con.execute(
            "SELECT p.name, GROUP_CONCAT(r.name, '|') FROM places p JOIN regions r ON r.country = p.country AND "
            "r.admin1_code = p.admin1_code WHERE p.kind = 'populated place' GROUP BY p.name "
            "HAVING COUNT(*) BETWEEN 2 AND 3 AND MIN(p.country) = ? AND MAX(p.country) = ? "
            "AND COUNT(DISTINCT p.admin1_code) > 1 ORDER BY p.name LIMIT ?", (country, country, limit)).fetchall()
    finally:
        con.close()
    return [(name, sorted(held.split("|"))) for name, held in rows]


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}


@pytest.fixture(scope="session")
def seed_articles():
    from geo.intake.articles import load_metadata, read_article

    meta = load_metadata(ROOT / "data" / "articles.csv")
    return {p.name: read_article(p, meta.get(p.name)) for p in sorted(SEEDS.glob("*.txt"))}


@pytest.fixture(scope="session")
def extracted(seed_articles, gazetteer):
    from geo.extract.pipeline import extract_incidents

    return {name: extract_incidents(article, gazetteer) for name, article in seed_articles.items()}


@pytest.fixture()
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'incidents.sqlite'}"


@pytest.fixture(scope="session")
def seeded_store(tmp_path_factory, gazetteer) -> str:
    """A store holding the four seed articles (read-only for the tests that use it)."""
    from geo.intake.ingest import ingest_paths
    from geo.store.db import open_engine

    url = f"sqlite:///{tmp_path_factory.mktemp('seeded') / 'db.sqlite'}"
    ingest_paths(open_engine(url), [SEEDS], gazetteer)
    return url


@pytest.fixture(scope="session")
def seeded_tables(seeded_store):
    """The seeded store read as frames (geo.store.tables.read_tables), once per session."""
    from geo.store.db import open_engine
    from geo.store.tables import read_tables

    return read_tables(open_engine(seeded_store))


# ---- the command line, as a user runs it -------------------------------------------------

def geo_command(*args: str) -> list[str]:
    """`incident-map …` on this checkout's code: `python -m geo …`."""
    return [sys.executable, "-m", "geo", *args]


def run_cli(*args: str, db: str | None = None, env: dict[str, str] | None = None, timeout: float = 600,
            preexec: Callable[[], object] | None = None, umask: int = -1) -> subprocess.CompletedProcess[str]:
    """Run `incident-map …` as a separate process from the project's folder and wait for it; db sets
    INCIDENT_MAP_DB, env adds to the environment. Never raises on a non-zero exit: tests look at it."""
    return subprocess.run(geo_command(*args), cwd=ROOT, capture_output=True, text=True, timeout=timeout,
                          env=_environment(db, env), preexec_fn=preexec, umask=umask, check=False)


def start_cli(*args: str, db: str | None = None) -> subprocess.Popen[str]:
    """`incident-map …` started and not waited for (its output in pipes): for runs killed or raced."""
    return subprocess.Popen(geo_command(*args), cwd=ROOT, text=True, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=_environment(db, None))


def _environment(db: str | None, env: dict[str, str] | None) -> dict[str, str]:
    return {**os.environ, **({"INCIDENT_MAP_DB": db} if db else {}), **(env or {})}


@pytest.fixture(scope="session")
def cli() -> Callable[..., subprocess.CompletedProcess[str]]:
    """run_cli, for tests that take it as a fixture."""
    return run_cli


# ---- the dashboard in a browser ------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
needs_chromium = pytest.mark.skipif(CHROMIUM is None and not os.environ.get("CI"),
                                    reason="Debian's chromium is not installed")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True)
class StreamlitServer:
    """`streamlit run app.py` on the store at url; base is its address."""

    base: str
    url: str
    proc: subprocess.Popen[str]

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def start_streamlit(url: str, *, log: bool = True) -> StreamlitServer:
    """Start the dashboard on the store at url and wait (up to 90 s) until it answers its health check;
    the test fails with the server's output (log=True) when it does not start."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
         "--server.headless", "true", "--server.address", "127.0.0.1"],
        cwd=ROOT, env=dict(os.environ, INCIDENT_MAP_DB=url), text=True,
        stdout=subprocess.PIPE if log else subprocess.DEVNULL, stderr=subprocess.STDOUT if log else subprocess.DEVNULL,
    )
    server = StreamlitServer(f"http://127.0.0.1:{port}", url, proc)
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"{server.base}/_stcore/health", timeout=2) as r:  # noqa: S310 - loopback
                if r.status == 200:
                    return server
        except OSError:
            time.sleep(0.5)
    proc.kill()
    output = proc.stdout.read() if proc.stdout else ""
    server.stop()
    pytest.fail(f"streamlit did not start: {output}")


@contextmanager
def streamlit_server(url: str, *, log: bool = True) -> Iterator[StreamlitServer]:
    """start_streamlit, stopped when the block ends."""
    server = start_streamlit(url, log=log)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium through Playwright, one per test module."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()
