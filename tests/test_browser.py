"""What a person sees: a real `streamlit run app.py` driven in Debian's Chromium through Playwright."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator

import pytest

from geo.intake.ingest import ingest_paths
from geo.store.db import open_engine
from tests.conftest import CHROMIUM, ROOT, SEEDS, streamlit_server

SCREENSHOTS = ROOT / "tests" / "screenshots"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None and not os.environ.get("CI"), reason="Debian's chromium is not installed"),
]
HOSTILE = """Raiders attacked the village of Shebekino on Sunday, officials said.
<script>window.__pwned = 1; alert("script ran")</script>
<img src=x onerror="window.__pwned = 2; alert('img ran')">
[click me](javascript:window.__pwned=3) Shelling hit Belgorod on Sunday, the governor said.
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory, gazetteer) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("browser")
    url_db = f"sqlite:///{tmp / 'db.sqlite'}"
    engine = open_engine(url_db)
    ingest_paths(engine, [SEEDS], gazetteer)
    hostile = tmp / "hostile.txt"
    hostile.write_text(HOSTILE, encoding="utf-8")
    from geo.intake.articles import ArticleMeta

    ingest_paths(engine, [hostile], gazetteer, metadata={}, defaults=ArticleMeta(
        "hostile.txt", '<img src=x onerror="window.__pwned=4">', "<b>Outlet</b>", "javascript:alert(1)",
        __import__("datetime").date(2023, 6, 5)))
    with streamlit_server(url_db) as live:
        yield live.base


def map_frame(page):
    page.wait_for_selector("iframe[title*='st_folium']", timeout=90_000)
    deadline = time.time() + 60
    while time.time() < deadline:
        for frame in page.frames:
            if "st_folium" in frame.url:
                try:
                    if frame.evaluate("() => typeof window.incidentMapCount === 'number'"):
                        return frame
                except Exception:  # the frame is still loading
                    pass
        time.sleep(0.3)
    raise AssertionError("the map never drew")


def markers_on_map(frame) -> int:
    """What the map shows: single markers plus the totals written in cluster bubbles."""
    frame.wait_for_function("() => document.querySelectorAll('.im-marker, .marker-cluster').length > 0", timeout=30_000)
    return int(frame.evaluate("""() => {
        const singles = document.querySelectorAll('.leaflet-marker-icon.im-marker').length;
        const clustered = Array.from(document.querySelectorAll('.marker-cluster span'))
            .reduce((n, s) => n + parseInt(s.textContent, 10), 0);
        return singles + clustered;
    }"""))


def shown(page) -> tuple[int, int]:
    text = page.locator("[data-testid='incident-count']").inner_text()
    a, _, b, *_ = text.split()
    return int(a), int(b)


def test_deep_link_on_a_fresh_server(server, browser):
    """The first visitor of a new server arrives on /incidents, not on the home page (this test
    runs first in this module, so nobody has opened the app yet): the Incidents page shows."""
    page = browser.new_page(viewport={"width": 1400, "height": 1200})
    page.goto(f"{server}/incidents")
    page.wait_for_selector("h1:has-text('Incidents')", timeout=60_000)
    page.wait_for_selector("text=incidents shown", timeout=60_000)


def test_seed_incidents_on_the_map_and_group_filter(server, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1400, "height": 1600}, accept_downloads=True)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server)
    frame = map_frame(page)
    count, total = shown(page)
    assert count == total >= 10
    assert markers_on_map(frame) == total
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "map.png"), full_page=True)

    # Clicking a marker shows its incident, with its quotes, beside the map.
    hint = "text=Click a marker to see its incident here"
    assert page.locator(hint).count() == 1
    marker = frame.locator(".leaflet-marker-icon.im-marker").first
    marker.wait_for(state="visible", timeout=30_000)
    time.sleep(1)  # the component reports its first state to the server before the click is sent
    marker.click()
    page.wait_for_selector("text=Claimed by:", timeout=60_000)
    assert page.locator(hint).count() == 0
    assert page.locator("text=“").count() >= 1  # a quote
    page.screenshot(path=str(SCREENSHOTS / "map-selected.png"), full_page=True)

    # Choose one group in the sidebar, as a person would.
    box = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").first
    box.click()
    page.keyboard.type("Freedom of Russia Legion")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_function(
        f"() => !document.querySelector(\"[data-testid='incident-count']\").innerText.startsWith('{total} of')",
        timeout=60_000)
    fewer, _ = shown(page)
    assert 0 < fewer < total
    assert "group=Freedom" in page.url  # the view can be shared
    time.sleep(2)
    frame = map_frame(page)
    assert markers_on_map(frame) == fewer
    page.screenshot(path=str(SCREENSHOTS / "map-one-group.png"), full_page=True)

    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Download GeoJSON snapshot").click()
    path = tmp_path / "snapshot.geojson"
    download.value.save_as(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    from geojson_pydantic import FeatureCollection

    FeatureCollection.model_validate(data)
    assert len(data["features"]) == fewer
    assert all("Freedom of Russia Legion" in f["properties"]["actors"] for f in data["features"])
    assert dialogs == []


def test_hostile_article_runs_nothing(server, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1600})
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{server}/sources")
    page.wait_for_selector("h1:has-text('Sources')", timeout=60_000)
    # pick the hostile article in the selectbox
    page.locator("[data-testid='stSelectbox']").first.click()
    page.get_by_role("option").filter(has_text="Outlet").first.click()
    page.wait_for_selector("text=<script>", timeout=60_000)  # shown as text
    time.sleep(1)
    assert page.evaluate("() => window.__pwned") is None
    page.screenshot(path=str(SCREENSHOTS / "hostile-source.png"), full_page=True)
    # the map popups too: open the map, click every single marker
    page.goto(server)
    frame = map_frame(page)
    opened = frame.evaluate("() => { let n = 0; for (const k in window.map._layers) { const l = window.map._layers[k]; "
                            "if (l.getPopup && l.getPopup() && l._map) { l.getPopup().options.autoPan = false; "
                            "l.openPopup(); n += 1; } } return n; }")
    assert opened >= 1
    time.sleep(1)
    assert frame.evaluate("() => window.__pwned") is None
    assert page.evaluate("() => window.__pwned") is None
    assert dialogs == []
