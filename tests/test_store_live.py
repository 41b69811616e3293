"""Nothing saved is ever lost (issue 10): a write, from any page or process, is seen by every
reader, the store stays whole, and no second SQLite library in the process pulls the WAL away
from under Python's sqlite3 (a dashboard that read the store through ADBC lost edits and ingests
until a restart, and sometimes ended with "database disk image is malformed")."""

from __future__ import annotations

import json
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from geo.extract.pipeline import extract_incidents
from geo.intake.articles import ArticleMeta, read_article
from geo.intake.ingest import ingest_paths
from geo.store.db import add_place, load_articles, load_incidents, open_engine, store_version, update_incident
from geo.store.tables import read_tables
from tests.conftest import SEEDS, StreamlitServer, needs_chromium, run_cli, start_cli, streamlit_server
from tests.test_browser import shown

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

    from geo.export.geojson import dumps, feature_collection
    from geo.intake.importer import import_file

    other = read_article(_write(tmp_path / "c" / "lipetsk.txt", BY_CLI), ArticleMeta("lipetsk.txt", published=PUBLISHED))
    snapshot = tmp_path / "snapshot.geojson"
    snapshot.write_text(dumps(feature_collection(extract_incidents(other, gazetteer))), encoding="utf-8")
    assert import_file(engine, snapshot).stored >= 1
    moved("an import of a GeoJSON snapshot")
    add_place(engine, "Nowhere Farm", 52.0, 37.0, source="pinned on the map")
    moved("a pinned place")
    done = run_cli("ingest", str(_write(tmp_path / "d" / "tambov.txt", FIRST)), "--db", url, "--published",
                PUBLISHED.isoformat())
    assert done.returncode == 0, done.stderr
    assert "1 ingested" in done.stdout
    moved("an ingest by another process")
    read_tables(engine)
    unchanged("read_tables after the writes")
    assert len(set(versions)) == len(versions)


# 3. What a person sees: one dashboard server, never restarted, and writes from its pages and from outside.

@dataclass(frozen=True)
class LiveServer:
    server: StreamlitServer
    path: Path

    @property
    def base(self) -> str:
        return self.server.base

    @property
    def url(self) -> str:
        return self.server.url

    def stop(self) -> None:
        self.server.stop()


@pytest.fixture(scope="module")
def live(tmp_path_factory) -> Iterator[LiveServer]:
    """`streamlit run app.py` on an empty store; the tests below fill it while it runs."""
    tmp = tmp_path_factory.mktemp("live")
    url, path = _db(tmp)
    open_engine(url).dispose()
    with streamlit_server(url, log=False) as server:
        yield LiveServer(server, path)


def _settled(page) -> None:  # noqa: ANN001 - a Playwright Page
    """Wait until the script has finished its run: a click during a run may be lost (the Store
    button, clicked as the preview's run drew its last elements, once stored nothing in CI)."""
    time.sleep(0.5)
    page.wait_for_selector("[data-testid='stStatusWidget']", state="detached", timeout=60_000)
    time.sleep(0.5)


def _go(page, title: str) -> None:  # noqa: ANN001 - a Playwright Page
    """Open a page by its link in the sidebar, as a person would (the session stays the same)."""
    page.locator("[data-testid='stSidebarNav'] a", has_text=title).click()


def _wait_for_total(page, total: int) -> None:  # noqa: ANN001
    page.wait_for_function(
        "n => { const e = document.querySelector(\".st-key-incident-count\"); "
        "return e !== null && e.innerText.trim().endsWith(' of ' + n + (n === 1 ? ' incident' : ' incidents') + ' shown'); }",
        arg=total, timeout=60_000)


@pytest.mark.browser
@needs_chromium
def test_map_of_an_empty_store_shows_the_first_ingest(live, browser, tmp_path):
    """Runs first in this module: the store is empty when the page opens."""
    page = browser.new_page(viewport={"width": 1400, "height": 1200})
    page.goto(live.base)
    page.wait_for_selector("text=No incidents yet", timeout=90_000)
    done = run_cli("ingest", str(_write(tmp_path / "first.txt", FIRST)), "--db", live.url, "--published",
                PUBLISHED.isoformat())
    assert done.returncode == 0, done.stderr
    new = int(re.search(r"incidents: (\d+) new", done.stdout).group(1))  # type: ignore[union-attr]
    assert new >= 1
    _go(page, "Map")
    _wait_for_total(page, new)
    assert shown(page) == (new, new)
    page.close()


UNKNOWN_PLACE = "Qwxzyville"  # a place no gazetteer knows


def _click_row(page, row: int) -> None:  # noqa: ANN001 - a Playwright Page
    grid = page.locator("[data-testid='stDataFrame']")
    grid.wait_for(timeout=60_000)
    time.sleep(1)  # the grid draws its canvas after the element appears (and moves when a message is shown)
    box = grid.bounding_box()
    assert box is not None
    # A click on the selected cell opens its editor: first move off a selected id cell (to the last
    # column), then click the row's id, which stays at the left however the grid is scrolled.
    page.keyboard.press("End")
    page.mouse.click(box["x"] + 20, box["y"] + 52 + 35 * row)  # the header and each row are 35 px high


def _columns(page) -> dict[str, int]:  # noqa: ANN001
    """The grid's columns by title: the grid lists the headers it shows (with their index), so look
    at its left end and at its right end."""
    headers = page.locator("[data-testid='stDataFrame'] th[role='columnheader']")
    found: dict[str, int] = {}
    _click_row(page, 0)
    for key in ("Home", "End"):
        page.keyboard.press(key)
        time.sleep(0.5)
        for k in range(headers.count()):
            header = headers.nth(k)
            found[header.inner_text().strip()] = int(header.get_attribute("aria-colindex") or 0) - 1
    return found


def _cell(page, row: int, column: int, last: int) -> str:  # noqa: ANN001
    """Select the cell as a person would (a click in the row, then the grid's keys) and read it."""
    _click_row(page, row)
    page.keyboard.press("End")
    for _ in range(last - column):
        page.keyboard.press("ArrowLeft")
    return page.locator(f"[data-testid='glide-cell-{column}-{row}']").inner_text().strip()


def _type_into_selected_cell(page, value: str) -> None:  # noqa: ANN001
    page.keyboard.press("Enter")
    editor = page.locator("textarea.gdg-input")
    editor.wait_for(timeout=10_000)
    editor.fill(value)
    editor.press("Enter")
    editor.wait_for(state="detached", timeout=10_000)
    time.sleep(1)  # the grid sends the edit to the server before the button's click is sent


def _save_messages(page) -> tuple[list[str], list[str]]:  # noqa: ANN001
    """The success and error messages on screen after a save, once the page's rerun has drawn it again."""
    page.wait_for_selector("text=incidents shown", timeout=60_000)
    time.sleep(2)  # any later rerun would have drawn by now
    saved = page.locator("[data-testid='stAlertContentSuccess']").all_inner_texts()
    errors = page.locator("[data-testid='stAlertContentError']").all_inner_texts()
    return saved, errors


@pytest.mark.browser
@needs_chromium
def test_a_rejected_edit_says_why_and_shows_the_stored_value(live, browser, gazetteer):
    """Runs before the next test (which stops the server). A place no gazetteer knows is refused:
    the error naming it stays after the rerun, the cell shows the stored place, nothing says Saved;
    then a valid and a rejected edit in one save: both messages."""
    ingest_paths(open_engine(live.url), [SEEDS], gazetteer)
    page = browser.new_page(viewport={"width": 1400, "height": 1200})
    page.goto(live.base)
    page.wait_for_selector(".st-key-incident-count", timeout=90_000)
    _go(page, "Incidents")
    page.wait_for_selector("text=incidents shown", timeout=60_000)
    columns = _columns(page)
    place, last = columns["place"], max(columns.values())
    assert columns["id"] == 0 and columns["Summary"] == last - 1, columns
    first = _cell(page, 0, 0, last)
    stored_place = _cell(page, 0, place, last)
    assert first and stored_place and stored_place != UNKNOWN_PLACE

    # (a) One rejected cell.
    _type_into_selected_cell(page, UNKNOWN_PLACE)
    page.get_by_role("button", name="Save changes").click()
    page.locator("[data-testid='stAlertContentError']", has_text=UNKNOWN_PLACE).wait_for(timeout=60_000)
    saved, errors = _save_messages(page)
    assert saved == []
    assert len(errors) == 1 and UNKNOWN_PLACE in errors[0] and first in errors[0], errors
    assert page.get_by_text(re.compile(r"Saved \d+ incident")).count() == 0
    assert _cell(page, 0, 0, last) == first
    assert _cell(page, 0, place, last) == stored_place  # the grid holds the stored value again
    by_id = {i.id: i for i in load_incidents(open_engine(live.url), with_sources=False)}
    assert by_id[first].place == stored_place

    # (b) A valid edit (row 0's summary) and a rejected one (row 1's place) in one save.
    summary = "Checked while a place was refused"
    _cell(page, 0, columns["Summary"], last)
    _type_into_selected_cell(page, summary)
    second = _cell(page, 1, 0, last)
    second_place = _cell(page, 1, place, last)
    assert second and second != first
    _type_into_selected_cell(page, UNKNOWN_PLACE)
    page.get_by_role("button", name="Save changes").click()
    page.get_by_text("Saved 1 incident.").wait_for(timeout=60_000)
    saved, errors = _save_messages(page)
    assert saved == ["Saved 1 incident."]
    assert len(errors) == 1 and UNKNOWN_PLACE in errors[0] and second in errors[0], errors
    assert _cell(page, 1, place, last) == second_place
    by_id = {i.id: i for i in load_incidents(open_engine(live.url), with_sources=False)}
    assert by_id[first].summary == summary and by_id[first].status == "reviewed"
    assert by_id[second].place == second_place
    page.close()


@pytest.mark.browser
@needs_chromium
def test_an_edit_a_stored_article_and_an_ingest_all_show_in_one_session(live, browser, tmp_path, gazetteer):
    ingest_paths(open_engine(live.url), [SEEDS], gazetteer)  # the seeds, by another process than the server's
    page = browser.new_page(viewport={"width": 1400, "height": 1200})
    page.goto(live.base)
    page.wait_for_selector(".st-key-incident-count", timeout=90_000)
    _, total = shown(page)
    assert total >= 10

    # (a) Edit a summary on the Incidents page and save it.
    edited = "Edited live in the dashboard"
    _go(page, "Incidents")
    page.wait_for_selector("text=incidents shown", timeout=60_000)
    grid = page.locator("[data-testid='stDataFrame']")
    grid.wait_for(timeout=60_000)
    time.sleep(1)  # the grid draws its canvas after the element appears
    box = grid.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 150, box["y"] + 52)  # a cell of the first row (the header is 35 px high)
    target = page.locator("[data-testid='glide-cell-0-0']").inner_text().strip()  # its incident id
    # The Summary column is the one before the last: the grid's keys reach it, Enter opens its editor.
    page.keyboard.press("End")
    page.keyboard.press("ArrowLeft")
    _type_into_selected_cell(page, edited)
    page.get_by_role("button", name="Save changes").click()
    page.get_by_text(re.compile(r"^Saved 1 incident")).wait_for(timeout=60_000)
    page.wait_for_selector("text=incidents shown", timeout=60_000)
    time.sleep(1)
    box = grid.bounding_box()  # the grid may have moved (a message above it)
    assert box is not None
    page.mouse.click(box["x"] + 150, box["y"] + 52)  # back to the Summary cell of the redrawn grid
    page.keyboard.press("End")
    page.keyboard.press("ArrowLeft")
    assert page.locator("[data-testid='glide-cell-0-0']").inner_text().strip() == target
    # The first row's cells (the grid draws only the columns in view, so look for the text in any
    # of them rather than by the Summary header's position, which may not be drawn).
    row = page.locator("[data-testid='stDataFrame'] [data-testid^='glide-cell-'][data-testid$='-0']")
    shown_edit = row.filter(has_text=edited).first
    for _ in range(3):  # a rerun of the page may take the grid's focus (and its scroll) back to the start
        try:
            shown_edit.wait_for(state="attached", timeout=10_000)  # glide's cells are hidden
            break
        except Exception:  # noqa: BLE001 - Playwright's TimeoutError: scroll to the Summary column again
            page.mouse.click(box["x"] + 150, box["y"] + 52)
            page.keyboard.press("End")
            page.keyboard.press("ArrowLeft")
    shown_edit.wait_for(state="attached", timeout=10_000)

    # (b) Store an article from the Add article page.
    _go(page, "Add article")
    page.wait_for_selector("h1:has-text('Add an article')", timeout=60_000)
    page.get_by_label("…or paste the article's text").fill(PASTED)
    page.get_by_label("Title").fill("Pasted in the live test")
    page.get_by_role("spinbutton", name="year, Publication date").click()
    page.keyboard.type(PUBLISHED.strftime("%Y%m%d"))
    page.get_by_role("button", name="Preview incidents").click()
    page.wait_for_selector("text=/incidents? found in/", timeout=60_000)
    _settled(page)
    page.get_by_role("button", name="Store these incidents").click()
    stored = page.locator("text=Stored:")
    stored.wait_for(timeout=60_000)
    from_page = int(re.search(r"Stored: (\d+) new", stored.inner_text()).group(1))  # type: ignore[union-attr]

    # (c) `incident-map ingest` of another article, while the page is open.
    done = run_cli("ingest", str(_write(tmp_path / "by_cli.txt", BY_CLI)), "--db", live.url, "--published",
                PUBLISHED.isoformat(), "--title", "Ingested by the CLI in the live test")
    assert done.returncode == 0, done.stderr
    assert "1 ingested" in done.stdout
    from_cli = int(re.search(r"incidents: (\d+) new", done.stdout).group(1))  # type: ignore[union-attr]
    assert from_page >= 1 and from_cli >= 1

    # All three show in the same session, the server never restarted.
    _go(page, "Map")
    _wait_for_total(page, total + from_page + from_cli)
    _go(page, "Sources")
    page.wait_for_selector("h1:has-text('Sources')", timeout=60_000)
    articles = page.locator("[data-testid='stSelectbox']").first
    time.sleep(2)
    if page.locator("h1:has-text('Incidents on the map')").count():
        # Known defect (closing note of issue 15's merge): a click on the navigation while the Map
        # page's component is still settling can bring the Map page back. Not what this test is
        # about (writes shown live): go again, once.
        _go(page, "Sources")
    try:
        articles.wait_for(timeout=90_000)  # the page reads the store after its title: slow on a loaded machine
        articles.click(timeout=60_000)
    except Exception:
        page.screenshot(path=str(tmp_path / "live-sources-failed.png"), full_page=True)
        print(f"screenshot: {tmp_path / 'live-sources-failed.png'}")
        raise
    options = page.get_by_role("option")
    options.first.wait_for(timeout=30_000)
    labels = " | ".join(options.all_inner_texts())
    assert "Pasted in the live test" in labels
    assert "Ingested by the CLI in the live test" in labels
    page.keyboard.press("Escape")
    _go(page, "Incidents")
    search = page.get_by_label("Search summaries and quotes")
    search.wait_for(timeout=60_000)
    search.fill(edited)
    search.press("Enter")
    page.wait_for_selector(f"text=1 of {total + from_page + from_cli} incidents shown", timeout=60_000)
    page.close()

    # A new process, once the server has stopped, finds all three in a whole store.
    live.stop()
    check = subprocess.run([sys.executable, "-c", (
        "import json, sqlite3, sys\n"
        "con = sqlite3.connect(sys.argv[1])\n"
        "print(json.dumps({'integrity': con.execute('PRAGMA integrity_check').fetchone()[0],\n"
        "    'summary': con.execute('SELECT summary FROM incidents WHERE id = ?', (sys.argv[2],)).fetchone(),\n"
        "    'titles': [r[0] for r in con.execute('SELECT title FROM articles')],\n"
        "    'incidents': con.execute('SELECT count(*) FROM incidents').fetchone()[0]}))\n"
    ), str(live.path), target], capture_output=True, text=True, timeout=60, check=False)
    assert check.returncode == 0, check.stderr
    seen = json.loads(check.stdout)
    assert seen["integrity"] == "ok"
    assert seen["summary"] == [edited]
    assert {"Pasted in the live test", "Ingested by the CLI in the live test"} <= set(seen["titles"])
    assert seen["incidents"] == total + from_page + from_cli


# 4. Two ingests and the dashboard's edits at once, one ingest killed.

VICTIM_ARTICLES = 120

def _synthetic_folder(folder: Path, gazetteer, seed: int, count: int = 20) -> None:  # noqa: ANN001 - a Gazetteer
    from bench.synthetic import articles

    for name, text, _published in articles(count, gazetteer, words=60, seed=seed):
        _write(folder / name, text)


def _stored_quotes(con: sqlite3.Connection, article_id: str) -> list[tuple[int, int, str]]:
    return sorted(con.execute('SELECT start, "end", quote FROM sources WHERE article_id = ?', (article_id,)).fetchall())


def test_two_ingests_edits_and_a_killed_ingest_lose_nothing(tmp_path, gazetteer):
    url, path = _db(tmp_path)
    engine = open_engine(url)
    ingest_paths(engine, [SEEDS], gazetteer)
    folders = [tmp_path / "a", tmp_path / "b"]
    # The ingest to be killed has many more articles than it can ingest before the kill: 20 of 60
    # words each had all been stored once (in a CI run) before this loop read its second progress line.
    for k, (folder, count) in enumerate(zip(folders, (20, VICTIM_ARTICLES))):
        _synthetic_folder(folder, gazetteer, seed=101 + k, count=count)
    files = sorted(p for folder in folders for p in folder.glob("*.txt"))
    articles = {p: read_article(p, ArticleMeta(p.name, published=PUBLISHED)) for p in files}
    assert len({a.id for a in articles.values()}) == len(files) == 20 + VICTIM_ARTICLES
    editable = [i.id for i in load_incidents(engine, with_sources=False)]

    def start(folder: Path) -> subprocess.Popen[str]:
        return start_cli("ingest", str(folder), "--db", url, "--published", PUBLISHED.isoformat())

    survivor, victim = start(folders[0]), start(folders[1])
    edits: dict[str, str] = {}
    killed_after = ""
    try:
        assert victim.stderr is not None
        for k, line in enumerate(victim.stderr):
            if k >= 1 and line.startswith("ingest: "):  # its second progress line (a tenth of the way each)
                killed_after = line.strip()
                victim.send_signal(signal.SIGKILL)
                break
            # The dashboard's part: a read and an edit for each progress line of the victim.
            read_tables(engine)
            target = editable[k % len(editable)]
            edits[target] = f"Edit {k} while two ingests run"
            update_incident(engine, target, summary=edits[target])
        victim.wait(timeout=120)
        out, err = survivor.communicate(timeout=300)
    finally:
        for proc in (survivor, victim):
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    assert killed_after, "the killed ingest never reported its progress"
    assert victim.returncode == -signal.SIGKILL
    assert survivor.returncode == 0, err
    assert "20 ingested" in out
    for k in range(3):  # the dashboard goes on reading and editing after the crash, now alone on the store
        read_tables(engine)
        target = editable[k]
        edits[target] = f"Edit after the crash {k}"
        update_incident(engine, target, summary=edits[target])
    engine.dispose()

    def check() -> set[str]:
        assert _integrity(path) == "ok"
        con = sqlite3.connect(path)
        try:
            stored = {r[0] for r in con.execute("SELECT id FROM articles")}
            assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == len(stored)
            for name, article in articles.items():
                if article.id not in stored:
                    continue
                # How many of the article's incidents carry each quote (a sentence naming two
                # places is the quote of two incidents).
                expected = Counter((s.start, s.end, s.quote) for i in extract_incidents(article, gazetteer)
                                   for s in i.sources)
                got = Counter(_stored_quotes(con, article.id))
                # All of its quotes are there, none more often than extraction gives it (fewer when
                # two of its incidents were merged into one stored incident).
                assert set(got) == set(expected), name
                assert all(got[q] <= expected[q] for q in got), name
            assert con.execute('SELECT count(*) FROM (SELECT 1 FROM sources GROUP BY incident_id, article_id, start '
                               "HAVING count(*) > 1)").fetchone() == (0,)
            assert con.execute("SELECT count(*) FROM incidents WHERE id NOT IN "
                               "(SELECT incident_id FROM sources)").fetchone() == (0,)
            for incident_id, summary in edits.items():
                assert con.execute("SELECT summary FROM incidents WHERE id = ?", (incident_id,)).fetchone() == (
                    summary,), incident_id
            return stored
        finally:
            con.close()

    stored = check()
    from_victim = {articles[p].id for p in files if p.parent == folders[1]}
    assert 0 < len(from_victim & stored) < VICTIM_ARTICLES, f"killed after {killed_after!r}: not mid-run"
    rerun = run_cli("ingest", str(folders[1]), "--db", url, "--published", PUBLISHED.isoformat())
    assert rerun.returncode == 0, rerun.stderr
    assert (f"{VICTIM_ARTICLES - len(from_victim & stored)} ingested, {len(from_victim & stored)} already stored"
            in rerun.stdout)
    assert check() >= {a.id for a in articles.values()}


# 5. Exports keep the user's file mode.

def test_export_file_has_the_mode_the_umask_gives(tmp_path, gazetteer):
    url, _ = _db(tmp_path)
    ingest_paths(open_engine(url), [_write(tmp_path / "a" / "kursk.txt", KURSK)], gazetteer, metadata={},
                 defaults=_ingest_defaults())
    out = tmp_path / "out" / "incidents.geojson"
    out.parent.mkdir()
    done = run_cli("export", "--db", url, "-o", str(out), timeout=120, umask=0o022)
    assert done.returncode == 0, done.stderr
    assert oct(out.stat().st_mode & 0o777) == oct(0o644)
