"""The real command line, run as a user runs it, in the situations that used to end in a traceback:
each ends with one `incident-map: ...` line saying what to do, and a non-zero exit."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
from pathlib import Path

import pytest

from geo.gazetteer.index import cache_dir, fingerprint
from tests.conftest import SEEDS, run_cli

ONE_SEED = sorted(SEEDS.glob("*.txt"))[0]


def assert_message(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("incident-map: ")]
    assert lines, result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


@pytest.fixture(scope="module")
def store(tmp_path_factory, seeded_store) -> Path:
    """A copy of the seeded store (four articles), one file (no WAL beside it)."""
    source = Path(seeded_store.removeprefix("sqlite:///"))
    target = tmp_path_factory.mktemp("store") / "incidents.sqlite"
    import sqlite3

    con = sqlite3.connect(source)
    con.execute("VACUUM INTO ?", (str(target),))
    con.close()
    return target


def test_export_onto_a_full_disk(store: Path):
    result = run_cli("export", "--db", f"sqlite:///{store}", "-o", "/dev/full")
    assert_message(result, "/dev/full", "disk is full")


def test_export_of_a_damaged_store(store: Path, tmp_path: Path):
    damaged = tmp_path / "damaged.sqlite"
    shutil.copy(store, damaged)
    size = damaged.stat().st_size
    page = 4096
    assert size > 4 * page
    with damaged.open("r+b") as fh:  # garbage over every page but the first and the last
        fh.seek(page)
        fh.write(bytes((n * 7 + 13) % 256 for n in range(size - 2 * page)))
    result = run_cli("export", "--db", f"sqlite:///{damaged}", "-o", str(tmp_path / "out.geojson"))
    assert_message(result, "damaged.sqlite")
    assert not (tmp_path / "out.geojson").exists()


def test_a_file_that_is_not_a_store(tmp_path: Path):
    garbage = tmp_path / "notes.sqlite"
    garbage.write_bytes(b"these are my notes, not a database\n" * 200)
    assert_message(run_cli("export", "--db", f"sqlite:///{garbage}"), "notes.sqlite")


def test_postgres_without_its_driver():
    pytest.importorskip("sqlalchemy")
    try:
        import psycopg  # noqa: F401
    except ModuleNotFoundError:
        pass
    else:
        pytest.skip("psycopg is installed here: the missing-driver message cannot be seen")
    result = run_cli("export", "--db", "postgresql+psycopg://someone:secret@localhost/incidents")
    assert_message(result, "pip install 'incident-map[postgres]'")
    assert "secret" not in result.stderr


def test_cache_folder_that_is_a_file(tmp_path: Path):
    a_file = tmp_path / "cache"
    a_file.write_text("not a folder")
    result = run_cli("geocode", "Kharkiv", env={"INCIDENT_MAP_CACHE": str(a_file)})
    assert_message(result, str(a_file), "INCIDENT_MAP_CACHE")


def test_damaged_gazetteer_index_is_built_again(tmp_path: Path):
    index = cache_dir() / f"gazetteer-{fingerprint()}.sqlite"
    if not index.exists():  # the session's gazetteer fixture has not built it yet
        run_cli("geocode", "Kharkiv")
    cache = tmp_path / "cache"
    cache.mkdir()
    copy = cache / index.name
    shutil.copy(index, copy)
    size = copy.stat().st_size
    with copy.open("r+b") as fh:  # garbage over a stretch in the middle
        fh.seek(size // 2)
        fh.write(b"\xde\xad\xbe\xef" * 65536)
    result = run_cli("geocode", "Kharkiv", env={"INCIDENT_MAP_CACHE": str(cache)})
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert '"country": "UA"' in result.stdout
    assert (cache / index.name.replace(".sqlite", ".checked")).exists()


def test_symlink_loop_is_reported_and_the_other_files_ingested(tmp_path: Path):
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(ONE_SEED, folder / ONE_SEED.name)
    (folder / "a.txt").symlink_to("b.txt")
    (folder / "b.txt").symlink_to("a.txt")
    (folder / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    result = run_cli("ingest", str(folder), str(folder / "a.txt"), "--db", f"sqlite:///{tmp_path / 'db.sqlite'}",
                 "--published", "2023-06-01")
    assert_message(result, "a.txt: a symbolic link loop", "b.txt: a symbolic link loop", "gone.txt: a broken symbolic link")
    assert "articles: 1 ingested" in result.stdout


def _small_files() -> None:
    """The child process may write files of 160 KB at most: a disk that fills up part-way."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG) instead of killing
    resource.setrlimit(resource.RLIMIT_FSIZE, (160_000, 160_000))


def test_ingest_onto_a_full_disk_says_what_it_stored(tmp_path: Path, gazetteer):  # the index is built first
    result = run_cli("ingest", str(SEEDS), "--db", f"sqlite:///{tmp_path / 'db.sqlite'}", preexec=_small_files)
    assert_message(result, "stopped after")
    assert "articles: " in result.stdout and "incidents: " in result.stdout, result.stdout


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through file permissions (tests run as root in CI)")
def test_ingest_into_a_read_only_store(store: Path, tmp_path: Path):
    folder = tmp_path / "ro"
    folder.mkdir()
    copy = folder / "incidents.sqlite"
    shutil.copy(store, copy)
    copy.chmod(0o444)
    folder.chmod(0o555)
    try:
        result = run_cli("ingest", str(ONE_SEED), "--db", f"sqlite:///{copy}")
    finally:
        folder.chmod(0o755)
    assert_message(result, "incidents.sqlite")


def test_export_to_a_folder_it_cannot_write(store: Path):
    result = run_cli("export", "--db", f"sqlite:///{store}", "-o", "/proc/incidents.geojson")
    assert_message(result, "/proc/incidents.geojson")
