"""What a person sees: a real `streamlit run app.py` driven in Debian's Chromium through Playwright."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from geo.intake.ingest import ingest_paths
from geo.store.db import open_engine
from tests.conftest import CHROMIUM, ROOT, SEEDS, namesakes_in_one_country, streamlit_server

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
        _STORE_OF[live.base] = url_db
        yield live.base


_STORE_OF: dict[str, str] = {}  # the store each server fixture runs on, by the server's address


def server_store(base: str) -> str:
    return _STORE_OF[base]


def map_frame(page):
    """The Map page's map (pages/map_component.py), once it has drawn its first payload."""
    page.wait_for_selector("iframe[title*='incident_map']", timeout=90_000)
    deadline = time.time() + 60
    while time.time() < deadline:
        for frame in page.frames:
            if "incident_map" in frame.url:
                try:
                    if frame.evaluate("() => typeof window.incidentMapCount === 'number'"):
                        return frame
                except Exception:  # the frame is still loading
                    pass
        time.sleep(0.3)
    raise AssertionError("the map never drew")


def markers_on_map(frame) -> int:
    """What the map shows: single markers plus the totals written in cluster bubbles."""
    frame.wait_for_function("() => document.querySelectorAll('.im-marker, .im-cluster').length > 0", timeout=30_000)
    return int(frame.evaluate("""() => {
        const singles = document.querySelectorAll('.leaflet-marker-icon.im-marker').length;
        const clustered = Array.from(document.querySelectorAll('.im-cluster span'))
            .reduce((n, s) => n + parseInt(s.textContent.replace(/,/g, ''), 10), 0);
        return singles + clustered;
    }"""))


def shown(page) -> tuple[int, int]:
    text = page.locator(".st-key-incident-count").inner_text()
    a, _, b, *_ = text.replace(",", "").split()
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
    hint = "text=Click a marker to see its incidents here"
    assert page.locator(hint).count() == 1
    marker = frame.locator(".leaflet-marker-icon.im-marker").first
    marker.wait_for(state="visible", timeout=30_000)
    time.sleep(1)  # the component reports its first state to the server before the click is sent
    marker.click()
    page.wait_for_selector("text=Claimed by:", timeout=60_000)
    assert page.locator(hint).count() == 0
    page.locator("text=“").first.wait_for(timeout=30_000)  # a quote (drawn after the claimant, in one run)
    page.screenshot(path=str(SCREENSHOTS / "map-selected.png"), full_page=True)

    # Choose one group in the sidebar, as a person would.
    box = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").first
    box.click()
    page.keyboard.type("Freedom of Russia Legion")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_function(
        f"() => !document.querySelector(\".st-key-incident-count\").innerText.startsWith('{total} of')",
        timeout=60_000)
    fewer, _ = shown(page)
    assert 0 < fewer < total
    assert "group=Freedom" in page.url  # the view can be shared
    frame = map_frame(page)
    frame.wait_for_function("n => window.incidentMapCount === n", arg=fewer, timeout=30_000)
    assert markers_on_map(frame) == fewer
    page.screenshot(path=str(SCREENSHOTS / "map-one-group.png"), full_page=True)

    _settled(page)  # as the other downloads: a click during a run may be lost
    path = _download(page, "GeoJSON", tmp_path / "snapshot.geojson")
    data = json.loads(path.read_text(encoding="utf-8"))
    from geojson_pydantic import FeatureCollection

    FeatureCollection.model_validate(data)
    assert len(data["features"]) == fewer
    assert all("Freedom of Russia Legion" in f["properties"]["actors"] for f in data["features"])
    assert dialogs == []


def _download(page, label: str, path):
    """Click the Map page's download button named label and save the file it gives to path.
    (A click used to start nothing about once in five runs under load: the button's click reran
    the page, whose run replaced the button's pending file while the browser asked for it; the
    buttons no longer rerun: pages.map._downloads.)"""
    _settled(page)
    for attempt in range(2):
        with page.expect_download(timeout=60_000) as download:
            page.get_by_role("button", name=label, exact=True).click()
        try:
            download.value.save_as(path)
            return path
        except PlaywrightError as exc:
            # Seen once in some 20 runs, for the GeoPackage (the slowest to make): the browser
            # reported the deferred file's download "canceled". A person clicks again; so does
            # the test, once: a second failure fails it.
            if attempt or "canceled" not in str(exc):
                raise
            _settled(page)
    return path


GROUP = "Freedom of Russia Legion"


def test_the_view_downloads_in_every_export_format(server, browser, tmp_path):
    """The Map page offers the command line's formats (geo.export.formats); each file, read back
    by what reads it elsewhere (json, csv, GDAL through pyogrio), holds exactly the view."""
    import csv
    import urllib.parse

    import pyogrio

    page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page.goto(f"{server}/?group={urllib.parse.quote(GROUP)}")
    map_frame(page)  # drawn after the count
    n, total = shown(page)
    assert 0 < n < total
    _settled(page)
    data = json.loads(_download(page, "GeoJSON", tmp_path / "view.geojson").read_text(encoding="utf-8"))
    ids = {f["properties"]["id"] for f in data["features"]}
    assert len(ids) == n and data["metadata"]["filters"]["groups"] == [GROUP]
    with _download(page, "CSV", tmp_path / "view.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert {r["id"] for r in rows} == ids
    with _download(page, "ACLED CSV", tmp_path / "view-acled.csv").open(encoding="utf-8", newline="") as f:
        acled = list(csv.DictReader(f))
    assert len(acled) == n and all(GROUP in " ".join((r["actor1"], r["assoc_actor_1"], r["actor2"], r["assoc_actor_2"]))
                                   for r in acled)
    gpkg = _download(page, "GeoPackage", tmp_path / "view.gpkg")
    info = pyogrio.read_info(gpkg, layer="incidents")
    frame = pyogrio.read_dataframe(gpkg, layer="incidents")
    assert info["features"] == n and set(frame["id"]) == ids
    assert all(GROUP in json.loads(actors) for actors in frame["actors"])
    assert info["layer_metadata"]["attribution"] == data["metadata"]["attribution"]
    page.close()


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


# ---- issue 15: the dashboard an analyst lives in ------------------------------------------

def _pick_group(page, name: str) -> None:
    box = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").first
    box.click()
    page.keyboard.type(name)
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")


def _wait_count_changes(page, before: str, timeout: int = 60_000) -> None:
    page.wait_for_function(
        "t => { const e = document.querySelector(\".st-key-incident-count\"); return e && e.innerText !== t; }",
        arg=before, timeout=timeout)


def _settled(page) -> None:
    """Wait until the script has finished its run (a click during a run may be lost)."""
    time.sleep(0.5)
    page.wait_for_selector("[data-testid='stStatusWidget']", state="detached", timeout=60_000)
    time.sleep(0.5)


def _count_text(page) -> str:
    return page.locator(".st-key-incident-count").inner_text()


def test_map_first_with_its_legend_above_the_fold(server, browser):
    """At 1400x900 the map starts near the top and ends, legend included, inside the window."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(server)
    frame = map_frame(page)
    box = frame.locator("#map").bounding_box()  # in the page's coordinates
    assert box is not None and box["y"] < 200 and box["y"] + box["height"] <= 900 and box["height"] >= 450, box
    legend = frame.locator("[data-testid='map-legend']")
    legend.wait_for(state="visible", timeout=30_000)
    inner = legend.bounding_box()
    assert inner is not None and inner["y"] + inner["height"] <= 900
    assert "Groups" in legend.inner_text() and "Battles" in legend.inner_text()
    # no marker or ring of the first view lies under the legend, in part either (the scale bar lifts it)
    under = frame.evaluate("""() => { const l = document.querySelector("[data-testid='map-legend']").getBoundingClientRect();
        return Array.from(document.querySelectorAll('.im-ring, .leaflet-marker-icon.im-marker')).map(e => e.getBoundingClientRect())
            .filter(r => r.right > l.left && r.left < l.right && r.bottom > l.top && r.top < l.bottom).length; }""")
    assert under == 0
    # the timeline, under the map in the same frame, drawn after it; no Vega chart on the page
    plot = frame.locator("[data-testid='timeline-plot']")
    plot.wait_for(timeout=30_000)
    under = plot.bounding_box()
    assert under is not None and under["y"] >= box["y"] + box["height"]
    assert page.locator("[data-testid='stVegaLiteChart']").count() == 0
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "map-1400x900.png"))
    page.close()


def test_the_map_reaches_the_browser_before_the_filters(server, browser):
    """The Map page sends the map's element before the sidebar's widgets (pages.sidebar.prepared_filter):
    a browser that meets the widgets first loads and runs their scripts before it opens the map.
    The filters are there all the same, showing the view the URL names."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    messages: list[bytes] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda m: messages.append(
        m if isinstance(m, bytes) else m.encode("utf-8"))))
    scripts: list[str] = []
    page.on("request", lambda r: scripts.append(r.url.rsplit("/", 1)[-1]) if r.resource_type == "script" else None)
    page.goto(f"{server}/?group=Wagner+Group")
    frame = map_frame(page)
    page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").first.wait_for(timeout=30_000)
    # no Markdown with HTML on the page: its renderer (rehype-raw, 190 kB) is not loaded before the map's frame
    assert scripts and not [s for s in scripts if s.startswith("rehype-raw")], scripts

    def first(text: bytes) -> int:
        return next(n for n, m in enumerate(messages) if text in m)

    assert first(b"incident_map") < first(b"Date range (or brush the timeline)") < first(b"Search summaries")
    assert shown(page)[0] == markers_on_map(frame) < shown(page)[1]  # the URL's group, on the map and in the count
    assert "Wagner Group" in page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").first.inner_text()
    page.close()


def test_a_filter_change_redraws_the_data_only_and_back_undoes_it(server, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(server)
    frame = map_frame(page)
    total = shown(page)[1]
    # the user's own view, and a mark that lives as long as this map's page does
    frame.evaluate("() => { window.map.setView([50.6, 36.9], 8, {animate: false}); window.__sameMap = 1; }")
    # where the user's centre is drawn: the same zoom, and the centre within a pixel of the map's middle (the page's
    # scroll bar may come or go with a shorter timeline: Leaflet keeps the centre, to its rounding of half the width)
    same_view = ("() => window.map.getZoom() === 8 && "
                 "window.map.latLngToContainerPoint([50.6, 36.9]).distanceTo(window.map.getSize().divideBy(2)) <= 1")
    assert frame.evaluate(same_view)
    assert frame.evaluate("() => window.incidentMapRenders") == 1
    before = _count_text(page)
    _pick_group(page, "Freedom of Russia Legion")
    _wait_count_changes(page, before)
    fewer = shown(page)[0]
    assert 0 < fewer < total and "group=Freedom" in page.url
    frame.wait_for_function("() => window.incidentMapRenders === 2", timeout=30_000)
    assert frame.evaluate("() => window.__sameMap") == 1  # the same map: not rebuilt
    assert frame.evaluate("() => window.incidentMapCount") == fewer
    assert frame.evaluate(same_view)
    page.go_back()
    page.wait_for_function("t => document.querySelector(\".st-key-incident-count\").innerText.startsWith(t)",
                           arg=f"{total} of", timeout=60_000)
    assert "group=" not in page.url
    frame.wait_for_function("n => window.incidentMapCount === n", arg=total, timeout=30_000)
    assert frame.evaluate("() => window.__sameMap") == 1
    page.go_forward()
    page.wait_for_function("t => document.querySelector(\".st-key-incident-count\").innerText.startsWith(t)",
                           arg=f"{fewer} of", timeout=60_000)
    assert "group=Freedom" in page.url
    page.close()


@pytest.mark.parametrize("field", ["start", "end"])
def test_a_typed_date_applies_on_enter(server, browser, field):
    """Typing a date into the sidebar's range and pressing Enter applies it: no click elsewhere."""
    from datetime import date

    from geo.store.tables import read_tables

    days = read_tables(open_engine(server_store(server))).incidents["event_date"]
    lo, hi = days.min().date(), days.max().date()
    # a day of the first (or last) month that moves the range inwards
    day = date(lo.year, lo.month, 28) if field == "start" else date(hi.year, hi.month, 1)
    assert lo < day < hi
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(server)
    map_frame(page)
    _settled(page)
    total, before = shown(page)[1], _count_text(page)
    page.locator(f"[data-testid='stSidebar'] [data-range-field='{field}'] [data-type='day']").click()
    page.keyboard.type(f"{day:%d}")
    page.keyboard.press("Enter")
    _wait_count_changes(page, before)
    assert 0 < shown(page)[0] < total
    assert (f"since={day}" if field == "start" else f"until={day}") in page.url
    page.close()


def _quartile_bars(frame) -> tuple[float, float]:
    """The page's x of the timeline's bars at a quarter and at three quarters of them in time: a brush from
    one to the other holds some incidents and not all (whatever the store's dates)."""
    return tuple(frame.evaluate("""() => {
        const xs = Array.from(document.querySelectorAll('.im-tl-bar')).map(e => e.getBoundingClientRect())
            .map(r => r.left + r.width / 2).sort((a, b) => a - b);
        const left = window.frameElement.getBoundingClientRect().left;
        return [left + xs[Math.floor(xs.length / 4)], left + xs[Math.floor(3 * xs.length / 4)]];
    }"""))


def _brush(page, frame) -> None:
    """Drag across the timeline from its first quartile of bars to its third, once the map's frame has
    stopped moving (its height follows the timeline drawn in it), and see the brush drawn."""
    box = None
    for _ in range(20):
        now = page.locator("iframe[title*='incident_map']").bounding_box()
        if now is not None and now == box:
            break
        box = now
        time.sleep(0.5)
    plot = frame.locator("[data-testid='timeline-plot']").bounding_box()
    assert plot is not None
    y = plot["y"] + plot["height"] / 2
    start, end = _quartile_bars(frame)
    assert end - start >= 3, (start, end)  # a drag, not a click
    page.mouse.move(start, y)
    page.mouse.down()
    page.mouse.move(end, y, steps=6)
    page.mouse.up()
    frame.wait_for_function("() => document.querySelector('.im-tl-brush').getAttribute('visibility') === 'visible'",
                            timeout=10_000)


def _brush_and_wait(page, frame) -> int:
    """Brush the timeline of a page at rest and wait for the count to follow; the total incidents.
    (Seen about once in six runs of the browser suite, never alone: the brush is drawn but the page
    does not rerun with it, cause not found. A person brushes again; so does this, once: a second
    loss fails the test.)"""
    _settled(page)
    total = shown(page)[1]
    before = _count_text(page)
    _brush(page, frame)
    try:
        _wait_count_changes(page, before, timeout=20_000)
    except PlaywrightTimeoutError:
        _settled(page)
        _brush(page, frame)
        _wait_count_changes(page, before)
    return total


def _brushed_page(browser, server, height: int):
    """A fresh page of the map at 1400 x height, its timeline brushed: (page, frame, total incidents)."""
    page = browser.new_page(viewport={"width": 1400, "height": height})
    page.goto(server)
    frame = map_frame(page)
    frame.locator("[data-testid='timeline-plot']").wait_for(timeout=60_000)
    return page, frame, _brush_and_wait(page, frame)


def test_the_brush_is_a_filter_in_the_url_the_count_the_table_and_the_download(server, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page.goto(server)
    map_frame(page)
    total = shown(page)[1]
    frame = map_frame(page)
    chart = frame.locator("[data-testid='timeline-plot']")
    chart.wait_for(timeout=60_000)
    _brush_and_wait(page, frame)
    n, m = shown(page)
    assert m == total and 0 < n < total
    assert "since=" in page.url and "until=" in page.url
    since = page.url.split("since=")[1].split("&")[0]
    until = page.url.split("until=")[1].split("&")[0]
    assert since in _count_text(page) and until in _count_text(page)
    # the brush stays drawn over the dates chosen
    frame.wait_for_function("() => document.querySelector('.im-tl-brush').getAttribute('visibility') === 'visible'",
                            timeout=30_000)
    _settled(page)
    data = json.loads(_download(page, "GeoJSON", tmp_path / "brushed.geojson").read_text(encoding="utf-8"))
    assert len(data["features"]) == n
    assert (data["metadata"]["filters"]["since"], data["metadata"]["filters"]["until"]) == (since, until)
    assert all(since <= f["properties"]["event_date"][:10] <= until for f in data["features"])
    # the Incidents page shows the same view (the navigation drops the URL's query; the view goes on)
    page.locator("[data-testid='stSidebarNav'] a:has-text('Incidents')").click()
    page.wait_for_selector(f"text={n} of {total} incidents shown", timeout=60_000)
    assert f"since={since}" in page.url
    page.close()


def test_the_timeline_shows_every_group_and_incidents_or_deaths_and_a_click_clears_the_brush(server, browser):
    from geo.store.tables import read_tables

    incidents = read_tables(open_engine(server_store(server))).incidents
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(server)
    frame = map_frame(page)
    timeline = frame.locator("[data-testid='timeline']")
    frame.locator("[data-testid='timeline-plot']").wait_for(timeout=30_000)
    assert timeline.get_attribute("data-kind") == "bars"
    lanes = frame.evaluate("() => Array.from(document.querySelectorAll('.im-tl-lane')).map(e => e.querySelector('title').textContent)")
    assert lanes == sorted(set(incidents["group"]))  # every group's name, however many
    assert frame.locator(".im-tl-bar").count() == len(incidents)
    # deaths: per day by group, or a sentence when no incident gives a number
    frame.locator("[data-measure='deaths']").click()
    frame.wait_for_function("() => document.querySelector('[data-testid=timeline]').dataset.measure === 'deaths'")
    if incidents["fatalities"].notna().any():
        assert timeline.get_attribute("data-kind") == "stack" and "Deaths per" in timeline.inner_text()
    else:
        assert f"None of these {len(incidents)} incidents gives a number of deaths." in timeline.inner_text()
    page.screenshot(path=str(SCREENSHOTS / "timeline-deaths.png"))
    frame.locator("[data-measure='incidents']").click()
    frame.locator("[data-testid='timeline-plot']").wait_for(timeout=30_000)
    # brush, then a click on the timeline clears the dates again
    _settled(page)
    total = shown(page)[1]
    before = _count_text(page)
    _brush(page, frame)
    _wait_count_changes(page, before)
    assert shown(page)[0] < total and "since=" in page.url
    _settled(page)
    before = _count_text(page)
    box = frame.locator("[data-testid='timeline-plot']").bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] * 0.8, box["y"] + box["height"] / 2)
    _wait_count_changes(page, before)
    assert shown(page) == (total, total) and "since=" not in page.url
    page.close()


def test_evidence_per_article_then_to_the_sentence_and_back_to_the_map(server, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(server)
    frame = map_frame(page)
    marker = frame.locator(".leaflet-marker-icon.im-marker").first
    marker.wait_for(state="visible", timeout=30_000)
    time.sleep(1)
    marker.click()
    page.wait_for_selector("text=Claimed by:", timeout=60_000)
    # the popup is panned clear of the controls in the map's corners, not drawn under them
    frame.locator(".leaflet-popup-content-wrapper").wait_for(state="visible", timeout=30_000)
    time.sleep(1)  # (the pan's animation)
    overlaps = frame.locator("body").evaluate("""() => {
        const p = document.querySelector('.leaflet-popup-content-wrapper').getBoundingClientRect();
        return [...document.querySelectorAll('.leaflet-top .leaflet-control')].filter(c => {
            const r = c.getBoundingClientRect();
            return r.left < p.right && p.left < r.right && r.top < p.bottom && p.top < r.bottom;
        }).length;
    }""")
    assert overlaps == 0
    details = page.locator("[data-testid='stColumn']").nth(1).inner_text()
    # each article once, with its outlet and a linked title; "N sources" counts those articles
    links = page.locator("[data-testid='stColumn']").nth(1).locator("a[href^='http']")
    articles = links.count()
    assert articles >= 1
    assert f"{articles} source" in details.replace("\u2060", "")
    quotes = [line for line in details.splitlines() if line.startswith("“")]
    assert quotes and len(quotes) == len(set(quotes))  # a quote is never repeated
    assert "Denied by:" in details and "Deaths:" in details
    page.screenshot(path=str(SCREENSHOTS / "details.png"))
    page.get_by_text("Read it in the article").first.click()
    page.wait_for_selector("#im-quote", timeout=60_000)
    assert "/sources?" in page.url
    time.sleep(1)
    top = page.evaluate("() => document.getElementById('im-quote').getBoundingClientRect().top")
    assert 0 <= top <= 1000  # scrolled into view
    incident = page.url.split("incident=")[1].split("&")[0]
    page.get_by_text("Show on the map").first.click()
    page.wait_for_selector("text=Claimed by:", timeout=60_000)
    assert f"incident={page.url.split('incident=')[1].split('&')[0]}" in page.url
    frame = map_frame(page)
    frame.wait_for_function("() => window.map.getZoom() >= 10", timeout=30_000)
    assert incident
    page.close()


def test_labels_group_rings_and_time_playback(server, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(server)
    frame = map_frame(page)
    total = shown(page)[1]
    # place names from our gazetteer, with no tile server: largest first, more as one zooms in
    frame.wait_for_function("() => document.querySelectorAll('.im-label').length > 5", timeout=30_000)
    names_js = "() => Array.from(document.querySelectorAll('.im-label')).map(e => e.textContent)"
    assert frame.evaluate("() => window.map.getZoom()") <= 6
    wide = frame.evaluate(names_js)
    assert "Kharkiv" in wide and "Shebekino" not in wide  # a city of a million, not a town of 40,000
    frame.evaluate("() => { window.map.setView([50.45, 36.9], 10, {animate: false}); }")
    frame.wait_for_function("() => Array.from(document.querySelectorAll('.im-label')).some(e => e.textContent === 'Shebekino')",
                            timeout=30_000)
    # a cluster is a ring split by the colours of its groups
    frame.evaluate("() => { window.map.setView([49.5, 37], 5, {animate: false}); }")
    frame.wait_for_selector(".im-ring", timeout=30_000)
    rings = frame.evaluate("() => Array.from(document.querySelectorAll('.im-ring')).map(e => e.style.background)")
    assert any("conic-gradient" in r and r.count("deg") >= 4 for r in rings), rings  # at least two colours
    # every ring's colours add up to the number it shows, at every zoom (clusters are made from clusters)
    checked = 0
    for zoom in range(3, 12):  # (a view without animation is redrawn at once)
        frame.evaluate("z => { window.map.setView([50, 37], z, {animate: false}); }", zoom)
        pairs = frame.evaluate("() => Array.from(document.querySelectorAll('.im-ring')).map(e => "
                               "[e.dataset.mix, e.querySelector('span').textContent.replace(/,/g, '')])")
        assert all(mix == number for mix, number in pairs), (zoom, pairs)
        checked += len(pairs)
    assert checked >= 5
    frame.evaluate("() => { window.map.setView([49.5, 37], 5, {animate: false}); }")
    # playback: a window of days moves over the range; the map and its count follow
    frame.locator("[data-testid='play']").click()
    frame.wait_for_function("() => document.querySelector('[data-testid=play-label]').textContent.includes(' of ')",
                            timeout=30_000)
    counts = set()
    for _ in range(12):
        counts.add(frame.evaluate("() => window.incidentMapCount"))
        time.sleep(0.5)
    assert counts and max(counts) < total and len(counts) >= 2, counts
    label = frame.locator("[data-testid='play-label']").inner_text()
    assert f"of {total} incidents" in label
    # the page's count follows the window shown (paused, so that the two are read at one step)
    frame.locator("[data-testid='play']").click()
    playing = frame.evaluate("() => window.incidentMapCount")
    assert shown(page) == (playing, total) and "(playing)" in _count_text(page)
    page.screenshot(path=str(SCREENSHOTS / "playback.png"))
    frame.locator("[data-testid='play-reset']").click()
    frame.wait_for_function("n => window.incidentMapCount === n", arg=total, timeout=10_000)
    assert shown(page) == (total, total) and "playing" not in _count_text(page)
    page.close()


def test_pinning_an_unknown_place_shows_the_pin_and_uses_it_at_once(server, browser):
    """The unknown place is drawn at its region; a click drops a marker; Pin saves the place with the
    country and region of the known places around it and the preview uses it without a second preview."""
    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    page.goto(f"{server}/about")
    page.wait_for_selector("h1:has-text('About incident-map')", timeout=60_000)
    page.locator("[data-testid='stSidebarNav'] a:has-text('Add article')").click()
    page.wait_for_selector("textarea", timeout=60_000)
    page.locator("textarea").first.fill("Fighters crossed into the Belgorod region on Monday. "
                                        "They attacked the village of Zzyzxovka on Monday, the governor said.")
    page.locator("[data-testid='stDateInput'] [role=spinbutton]").first.click()
    page.keyboard.type("20230605")
    page.keyboard.press("Tab")
    page.get_by_role("button", name="Preview incidents").click()
    page.wait_for_selector("text=Places the gazetteer does not know", timeout=90_000)
    iframe = page.locator("iframe[title*='st_folium']")
    iframe.wait_for(timeout=60_000)
    iframe.scroll_into_view_if_needed()
    preview = page.frame_locator("iframe[title*='st_folium']")
    preview.locator(".leaflet-marker-icon").first.wait_for(timeout=60_000)  # the unknown place, at its region
    before = preview.locator(".leaflet-marker-icon").count()
    time.sleep(1)
    box = iframe.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.3)
    pin = page.locator("button:has-text('Pin Zzyzxovka at')")
    pin.wait_for(timeout=60_000)
    page.wait_for_function("n => { const f = document.querySelector(\"iframe[title*='st_folium']\"); "
                           "return f && f.contentDocument.querySelectorAll('.leaflet-marker-icon').length > n; }",
                           arg=before, timeout=30_000)  # the click's marker
    pin.click()
    page.wait_for_selector("text=Zzyzxovka is pinned", timeout=90_000)
    message = page.locator("text=Zzyzxovka is pinned").inner_text().replace("\u2060", "")
    assert "no country" not in message and "no region" not in message
    # used at once: no place of the preview is unknown any more
    # (the preview reruns after the message: wait for it, up to a minute on a loaded machine)
    page.locator("text=Places the gazetteer does not know").wait_for(state="detached", timeout=60_000)
    # one incident: the report at the Belgorod region is an echo of the village's (geo.extract.pipeline)
    assert page.locator("text=1 incident found").count() == 1
    from geo.store.db import pinned_places

    rows = [r for r in pinned_places(open_engine(server_store(server))) if r["name"] == "Zzyzxovka"]
    assert rows and rows[0]["country"] in ("RU", "UA") and rows[0]["admin1"]
    page.close()


def test_counts_are_words_one_incident_not_one_incidents(server, browser):
    """Each article's heading on the Sources page counts its incidents in words: "1 incident", never
    "1 incidents" (a seed article holds a single incident)."""
    from geo.store.tables import read_tables

    sources = read_tables(open_engine(server_store(server))).sources
    per_article = sources.groupby("article_id")["incident_id"].nunique().to_dict()
    assert 1 in per_article.values()
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    for article, n in sorted(per_article.items(), key=lambda kv: kv[1])[:2]:  # the single one and one more
        page.goto(f"{server}/sources?article={article}")
        heading = page.locator("h3").filter(has_text="incident")
        heading.first.wait_for(timeout=60_000)
        assert heading.first.inner_text().strip() == (f"{n} incident" if n == 1 else f"{n} incidents")
    page.close()


# The country borders' edges that cross the map from one side to the other (more than half the world in
# longitude), away from the poles: drawn flat, each is a line, and a band of fill, across the whole world.
WORLD_CROSSING_EDGES_JS = """() => {
    const steps = [];
    let rings = 0;
    const walk = (a) => {
        if (a.length && a[0].lat !== undefined) {
            rings += 1;
            for (let i = 1; i <= a.length; i++) {
                const p = a[i - 1], q = a[i % a.length];
                if (Math.abs(q.lng - p.lng) > 180 && Math.min(Math.abs(p.lat), Math.abs(q.lat)) < 89.9) {
                    steps.push([p.lat, p.lng, q.lat, q.lng]);
                }
            }
        } else { a.forEach(walk); }
    };
    window.map.eachLayer((l) => { if (l.options && l.options.pane === 'borders' && l.getLatLngs) { walk(l.getLatLngs()); } });
    return {rings, steps};
}"""


def test_no_country_border_is_drawn_across_the_world(server, browser):
    """Russia, Fiji and Antarctica cross the antimeridian: their shapes are cut there, not joined by lines
    across the map (seen at the first view of a store spread over the world)."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(server)
    frame = map_frame(page)
    frame.wait_for_function("() => { let n = 0; window.map.eachLayer((l) => { if (l.options && l.options.pane === "
                            "'borders' && l.getLatLngs) { n += 1; } }); return n > 100; }", timeout=60_000)
    edges = frame.evaluate(WORLD_CROSSING_EDGES_JS)
    assert edges["rings"] > 1000 and edges["steps"] == [], edges["steps"][:5]
    frame.evaluate("() => { window.map.setView([40, 0], 1, {animate: false}); }")
    time.sleep(0.5)
    frame.locator("#map").screenshot(path=str(SCREENSHOTS / "borders-world.png"))
    page.close()


# ---- issue 15, round 5: the brush in the history, the table, region names ----------------------

def _brush_shown(frame) -> bool:
    return frame.evaluate("() => document.querySelector('.im-tl-brush').getAttribute('visibility') === 'visible'")


def _wait_view(page, frame, count: int, total: int) -> None:
    """The page's count line and the map both show count of total incidents."""
    page.wait_for_function("t => { const e = document.querySelector('.st-key-incident-count');"
                           " return e && e.innerText.startsWith(t); }", arg=f"{count} of {total}", timeout=60_000)
    frame.wait_for_function("n => window.incidentMapCount === n", arg=count, timeout=30_000)


def test_a_brush_and_its_clearing_are_steps_back_and_forward_go_through(server, browser):
    """Brushing the timeline is a view of its own in the browser's history, and so is clearing the brush:
    Back returns to the view before each, Forward goes to it again; the URL, "N of M incidents shown",
    the map's incidents and the brush drawn on the timeline follow every step."""
    page, frame, total = _brushed_page(browser, server, 1000)
    _settled(page)
    brushed, _ = shown(page)
    assert 0 < brushed < total and "since=" in page.url
    brushed_url = page.url
    frame.wait_for_function("n => window.incidentMapCount === n", arg=brushed, timeout=30_000)
    # clear the brush with a click on the timeline: another step
    box = frame.locator("[data-testid='timeline-plot']").bounding_box()
    assert box is not None
    before = _count_text(page)
    page.mouse.click(box["x"] + box["width"] * 0.95, box["y"] + box["height"] / 2)
    _wait_count_changes(page, before)
    _wait_view(page, frame, total, total)
    assert "since=" not in page.url and not _brush_shown(frame)

    def step(move, brushed_view: bool) -> None:
        """One move through the history, and the view it must show: the brushed one or the whole."""
        _settled(page)
        move()
        _wait_view(page, frame, brushed if brushed_view else total, total)
        if brushed_view:
            assert page.url == brushed_url
        else:
            assert "since=" not in page.url and "until=" not in page.url
        visibility = "visible" if brushed_view else "hidden"
        frame.wait_for_function(
            f"() => document.querySelector('.im-tl-brush').getAttribute('visibility') === '{visibility}'", timeout=30_000)

    step(page.go_back, True)  # the brushed view again
    step(page.go_back, False)  # the view before the brush
    step(page.go_forward, True)  # the brush applied again
    step(page.go_forward, False)  # and cleared again
    page.close()


# The ids in the Incidents page's table: its grid's accessible rows (the first cell of each is the id).
TABLE_IDS_JS = """() => Array.from(document.querySelectorAll("[data-testid='stDataFrame'] [role=row]"))
    .filter(r => r.getAttribute('aria-rowindex') !== '1')
    .map(r => r.querySelector('[role=gridcell], td, th')).filter(c => c).map(c => c.innerText.trim())"""


def test_the_incidents_table_holds_exactly_the_brushed_incidents(server, browser):
    """After a brush, the Incidents page's table lists the incidents of the brushed dates, and only them:
    its rows are the ids of the view that the store's own filter gives for the URL's dates."""
    from datetime import date

    from geo.store.filters import IncidentFilter, filter_frame
    from geo.store.tables import read_tables

    page, frame, total = _brushed_page(browser, server, 1400)
    n = shown(page)[0]
    assert 0 < n < total
    since = date.fromisoformat(page.url.split("since=")[1].split("&")[0])
    until = date.fromisoformat(page.url.split("until=")[1].split("&")[0])
    _settled(page)
    page.locator("[data-testid='stSidebarNav'] a:has-text('Incidents')").click()
    page.wait_for_selector(f"text={n} of {total} incidents shown", timeout=60_000)
    page.locator("[data-testid='stDataFrame'] [role=row]").nth(n).wait_for(state="attached", timeout=60_000)
    incidents = read_tables(open_engine(server_store(server))).incidents
    wanted = set(filter_frame(incidents, IncidentFilter(since=since, until=until))["id"])
    rows = page.evaluate(TABLE_IDS_JS)
    assert len(rows) == n == len(wanted) and set(rows) == wanted, (rows, wanted)
    outside = set(incidents["id"]) - wanted
    assert outside and not outside & set(rows)
    page.screenshot(path=str(SCREENSHOTS / "incidents-brushed.png"))
    page.close()


def test_first_level_region_names_are_in_the_label_layer(server, browser, gazetteer):
    """Zoomed to a region that holds incidents, the label layer names first-level regions (drawn apart, as
    regions), the incidents' own among them, each a region the gazetteer knows."""
    import sqlite3

    from geo.store.tables import read_tables

    incidents = read_tables(open_engine(server_store(server))).incidents
    row = incidents[incidents["admin1"] != ""].iloc[0]
    con = sqlite3.connect(f"file:{gazetteer.path}?mode=ro", uri=True)
    try:
        regions = {r[0] for r in con.execute("SELECT name FROM places WHERE kind = 'region'")}
    finally:
        con.close()
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(server)
    frame = map_frame(page)
    frame.wait_for_function("() => document.querySelectorAll('.im-label').length > 5", timeout=30_000)
    frame.evaluate("([lat, lon]) => { window.map.setView([lat, lon], 7, {animate: false}); }",
                   [float(row["latitude"]), float(row["longitude"])])
    frame.wait_for_function("() => document.querySelectorAll('.im-label.im-region').length > 0", timeout=30_000)
    names = frame.evaluate("() => Array.from(document.querySelectorAll('.im-label.im-region')).map(e => e.textContent)")
    assert row["admin1"] in names, (row["admin1"], names)
    assert set(names) <= regions
    # visible: inside the map, in the region style (not hidden, not a town's)
    box = frame.locator(".im-label.im-region", has_text=row["admin1"]).first.bounding_box()
    size = frame.locator("#map").bounding_box()
    assert box and size and size["x"] <= box["x"] and box["x"] + box["width"] <= size["x"] + size["width"]
    frame.locator("#map").screenshot(path=str(SCREENSHOTS / "region-labels.png"))
    page.close()


# Names longer than a line of the timeline's lane labels (30 characters) and of its legend (22), made up.
LONG_NAMES = ("Joint Brigade of the Northern Steppe Volunteer Militias", "United Coastal Defence Auxiliary Force")


@pytest.fixture(scope="module")
def long_named(tmp_path_factory, gazetteer) -> Iterator[str]:
    """The seeds, two of whose incidents are given long group names and deaths (as a reviewer would)."""
    from geo.store.db import update_incident
    from geo.store.tables import read_tables

    url_db = f"sqlite:///{tmp_path_factory.mktemp('long_names') / 'db.sqlite'}"
    engine = open_engine(url_db)
    ingest_paths(engine, [SEEDS], gazetteer)
    ids = sorted(read_tables(engine).incidents["id"])
    for incident_id, name, deaths in zip(ids, LONG_NAMES, (3, 5), strict=False):
        update_incident(engine, incident_id, actors=[name], fatalities=deaths)
    with streamlit_server(url_db) as live:
        yield live.base


# What each label of the timeline reads on screen: its lines (tspans) or its text, without its tooltip.
TIMELINE_LABELS_JS = """cls => Array.from(document.querySelectorAll(cls)).map(e => {
    const parts = e.querySelectorAll('tspan');
    return parts.length ? Array.from(parts).map(t => t.textContent).join('')
                        : Array.from(e.childNodes).filter(n => n.nodeType === 3).map(n => n.textContent).join('');
})"""


def test_the_timeline_shows_long_group_names_whole(long_named, browser):
    """A group's name longer than a line is written whole on the timeline, on two lines of its lane and on
    more lines of the deaths' legend, not cut with an ellipsis (its tooltip says it too)."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(long_named)
    frame = map_frame(page)
    frame.locator("[data-testid='timeline-plot']").wait_for(timeout=60_000)
    lanes = frame.evaluate(TIMELINE_LABELS_JS, ".im-tl-lane")
    assert set(LONG_NAMES) <= set(lanes) and not [n for n in lanes if "…" in n], lanes
    frame.locator("#timeline").screenshot(path=str(SCREENSHOTS / "timeline-long-lanes.png"))
    frame.locator("[data-measure='deaths']").click()
    frame.wait_for_function("() => document.querySelector('[data-testid=timeline]').dataset.kind === 'stack'",
                            timeout=30_000)
    legend = frame.evaluate(TIMELINE_LABELS_JS, ".im-tl-legend")
    assert set(LONG_NAMES) <= set(legend) and not [n for n in legend if "…" in n], legend
    # the legend's last line lies inside the chart
    inside = frame.evaluate("""() => { const svg = document.querySelector('.im-tl-svg').getBoundingClientRect();
        return Array.from(document.querySelectorAll('.im-tl-legend')).every(e => e.getBoundingClientRect().bottom <= svg.bottom); }""")
    assert inside
    frame.locator("#timeline").screenshot(path=str(SCREENSHOTS / "timeline-long-names.png"))
    page.close()


def test_an_incident_without_a_group_is_named_alike_in_its_popup_and_its_details(server, browser):
    """An incident whose sources name no group: the Details panel and the marker's popup give it the same
    words (geo.store.tables.UNKNOWN_GROUP), not "not stated" in one and "Unknown group" in the other."""
    from geo.store.tables import UNKNOWN_GROUP, read_tables

    incidents = read_tables(open_engine(server_store(server))).incidents
    nameless = incidents[incidents["actors"].map(len) == 0]
    assert len(nameless), "the seeds hold an incident that names no group"
    row = nameless.iloc[0]
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{server}/?incident={row['id']}")
    page.wait_for_selector("text=Claimed by:", timeout=60_000)
    details = page.locator("[data-testid='stColumn']").nth(1).inner_text()
    assert f"Groups: {UNKNOWN_GROUP}" in details and "Groups: not stated" not in details, details
    frame = map_frame(page)
    frame.wait_for_function("() => window.map.getZoom() >= 10", timeout=30_000)
    popups = frame.evaluate("""([lat, lon]) => { const out = []; window.map.eachLayer(l => {
        if (l.getPopup && l.getPopup() && l.getLatLng && l.getLatLng().distanceTo([lat, lon]) < 1) {
            l.getPopup().options.autoPan = false; l.openPopup();
            const e = l.getPopup().getElement(); if (e) { out.push(e.innerText); } } }); return out; }""",
                            [float(row["latitude"]), float(row["longitude"])])
    assert popups and any(UNKNOWN_GROUP in p for p in popups), popups
    page.close()


# The preview's map (streamlit-folium's frame): the latitude and longitude of every marker on it.
PREVIEW_MARKERS_JS = """() => {
    const f = document.querySelector("iframe[title*='st_folium']");
    const w = f && f.contentWindow;
    if (!w || !w.L) { return []; }
    const maps = Object.values(w).filter(v => v instanceof w.L.Map);
    const out = [];
    maps.forEach(m => m.eachLayer(l => { if (l instanceof w.L.Marker && !(l.options.icon && l.options.icon.options
        && /im-label/.test(l.options.icon.options.className || ''))) { const p = l.getLatLng(); out.push([p.lat, p.lng]); } }));
    return out;
}"""


def _village_unknown_in_a_region(gazetteer) -> tuple[str, str, str]:
    """A village's name the gazetteer knows in several Ukrainian regions, a Ukrainian region that has none
    of them, and an article that puts the village there (read from the index: no town written here)."""
    import sqlite3
    from datetime import date

    from geo.extract.pipeline import extract_incidents
    from geo.intake.articles import Article

    con = sqlite3.connect(f"file:{gazetteer.path}?mode=ro", uri=True)
    try:
        regions = sorted(r[0] for r in con.execute("SELECT name FROM regions WHERE country = 'UA'") if r[0].isalpha())
    finally:
        con.close()
    for name, held in namesakes_in_one_country(gazetteer, "UA", 30):
        if not name.isalpha():
            continue
        region = next(r for r in regions if r not in held)
        text = (f"Fighters crossed into the {region} region on Monday. They shelled the village of {name} in the "
                f"{region} region on Monday, the governor said.")
        found = [i for i in extract_incidents(Article("t", text, published=date(2023, 6, 5)), gazetteer)
                 if i.place_as_written == name]
        if found and found[0].unresolved and found[0].admin1 == region:
            return name, region, text
    raise AssertionError("no village of several namesakes is read as unknown in a region that has none of them")


def test_a_village_whose_namesakes_lie_in_other_regions_is_previewed_where_the_article_puts_it(server, browser, gazetteer):
    """An article puts a village in a region that has no place of that name; the gazetteer knows villages
    so called in other regions. The preview lists it as a place to pin and draws it in the article's
    region, not at a namesake; a click there drops a marker, and the pin is used at once."""
    import math
    import sqlite3
    from datetime import date

    from geo.extract.pipeline import extract_incidents
    from geo.intake.articles import Article

    name, _region, text = _village_unknown_in_a_region(gazetteer)
    expected = [i for i in extract_incidents(Article("t", text, published=date(2023, 6, 5)), gazetteer)
                if i.place_as_written == name]
    con = sqlite3.connect(f"file:{gazetteer.path}?mode=ro", uri=True)
    try:
        namesakes = con.execute("SELECT latitude, longitude FROM places WHERE name = ?", (name,)).fetchall()
    finally:
        con.close()

    def km(a: tuple[float, float], b: tuple[float, float]) -> float:
        dy, dx = math.radians(b[0] - a[0]), math.radians(b[1] - a[1]) * math.cos(math.radians(a[0]))
        return 6371 * math.hypot(dy, dx)

    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    page.goto(f"{server}/about")
    page.wait_for_selector("h1:has-text('About incident-map')", timeout=60_000)
    page.locator("[data-testid='stSidebarNav'] a:has-text('Add article')").click()
    page.wait_for_selector("textarea", timeout=60_000)
    page.locator("textarea").first.fill(text)
    page.locator("[data-testid='stDateInput'] [role=spinbutton]").first.click()
    page.keyboard.type("20230605")
    page.keyboard.press("Tab")
    page.get_by_role("button", name="Preview incidents").click()
    unknown = page.locator("text=Places the gazetteer does not know")
    unknown.wait_for(timeout=90_000)
    assert f"know: {name}." in unknown.inner_text().replace("\u2060", "")
    iframe = page.locator("iframe[title*='st_folium']")
    iframe.wait_for(timeout=60_000)
    iframe.scroll_into_view_if_needed()
    page.frame_locator("iframe[title*='st_folium']").locator(".leaflet-marker-icon").first.wait_for(timeout=60_000)
    time.sleep(1)
    markers = page.evaluate(PREVIEW_MARKERS_JS)
    point = (expected[0].latitude, expected[0].longitude)
    assert any(km(m, point) < 1 for m in markers), (markers, point)
    assert not any(km(m, n) < 5 for m in markers for n in namesakes), (markers, namesakes)
    # the map shows where the article puts it: the point lies inside the preview's view
    inside = page.evaluate("""([lat, lon]) => { const w = document.querySelector("iframe[title*='st_folium']").contentWindow;
        return Object.values(w).filter(v => v instanceof w.L.Map).some(m => m.getBounds().contains([lat, lon])); }""",
                           list(point))
    assert inside
    page.screenshot(path=str(SCREENSHOTS / "pin-namesake-preview.png"))
    before = len(markers)
    box = iframe.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] * 0.45, box["y"] + box["height"] * 0.45)
    pin = page.locator(f"button:has-text('Pin {name} at')")
    pin.wait_for(timeout=60_000)
    page.wait_for_function(f"n => ({PREVIEW_MARKERS_JS})().length > n", arg=before, timeout=30_000)  # the click's marker
    pin.click()
    page.wait_for_selector("text=is pinned", timeout=90_000)
    page.locator("text=Places the gazetteer does not know").wait_for(state="detached", timeout=60_000)
    page.close()
