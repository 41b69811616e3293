"""The Map page's first view: fitted to the incidents, clear of the legend, and large enough to read,
on a store whose incidents spread over two continents under a legend of eight groups (the bench's);
drawn from the clusters the server made (geo/map/clusters.py), which are the browser's index's own."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

import pytest

from bench.make_store import make_store
from bench.synthetic import GROUPS, incidents
from tests.conftest import CHROMIUM, streamlit_server
from tests.test_browser import SCREENSHOTS, map_frame

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None and not os.environ.get("CI"), reason="Debian's chromium is not installed"),
]
N = 400


@pytest.fixture(scope="module")
def spread(tmp_path_factory) -> Iterator[str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('fit') / 'db.sqlite'}"
    assert make_store(N, url)["stored"] == N
    with streamlit_server(url) as live:
        yield live.base


# The incidents' bounds as pixels of the map's container, the legend's box in the same pixels, the map's size.
VIEW_JS = """([south, west, north, east]) => {
    const m = window.map, c = m.getContainer().getBoundingClientRect();
    const sw = m.latLngToContainerPoint([south, west]), ne = m.latLngToContainerPoint([north, east]);
    const l = document.querySelector("[data-testid='map-legend']").getBoundingClientRect();
    return {box: [sw.x, ne.y, ne.x, sw.y], legend: [l.left - c.left, l.top - c.top, l.right - c.left, l.bottom - c.top],
            size: [c.width, c.height], zoom: m.getZoom()};
}"""


@pytest.mark.parametrize("viewport", [(1400, 900), (1100, 800)])
def test_the_first_view_shows_the_incidents_large_and_clear_of_a_tall_legend(spread, browser, gazetteer, viewport):
    found = incidents(N, gazetteer)
    lats = [i.latitude for i in found]
    lons = [i.longitude for i in found]
    bounds = [min(lats), min(lons), max(lats), max(lons)]
    page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
    page.goto(spread)
    frame = map_frame(page)
    legend = frame.locator("[data-testid='map-legend']")
    legend.wait_for(state="visible", timeout=30_000)
    assert legend.locator(".im-row").count() == len(GROUPS)  # seven groups, a tall legend
    view = frame.evaluate(VIEW_JS, bounds)
    (left, top, right, bottom), (lx0, ly0, lx1, ly1), (width, height) = view["box"], view["legend"], view["size"]
    # every incident inside the map ...
    assert left >= 0 and top >= 0 and right <= width and bottom <= height, view
    # ... none under the legend (its box and the incidents' do not meet) ...
    assert right <= lx0 or left >= lx1 or bottom <= ly0 or top >= ly1, view
    # ... and spread over at least half of the map's width or of its height, not squeezed in a corner
    assert right - left >= width / 2 or bottom - top >= height / 2, view
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    frame.locator("#map").screenshot(path=str(SCREENSHOTS / f"map-spread-{viewport[0]}x{viewport[1]}.png"))
    page.close()


# The clusters and places of a view from the server's levels and from Supercluster's index, for each
# zoom of the first band and several boxes (the world, a region, one across the antimeridian).
COMPARE_JS = """() => {
    const layer = window.incidentMapLayerShown, seen = {served: 0, clusters: 0}, differ = [];
    const norm = (fs) => fs.map((f) => JSON.stringify(f.properties.cluster
        ? ["c", f.properties.cluster_id, f.properties.n, Array.from(f.properties.mix), f.geometry.coordinates]
        : ["p", f.properties.pl])).sort();
    for (let zoom = 0; zoom <= 5; zoom++) {
        for (const box of [[-180, -85, 180, 85], [20, 0, 60, 60], [150, -30, -150, 80]]) {
            const ours = norm(layer.clustersAt(box, zoom, true)), theirs = norm(layer.clustersAt(box, zoom, false));
            seen.served += ours.length; seen.clusters += ours.filter((t) => t.startsWith('["c"')).length;
            if (ours.join() !== theirs.join()) { differ.push([zoom, box, ours.length, theirs.length]); }
        }
    }
    return {seen, differ};
}"""
LAYER_STATE_JS = "() => ({served: window.incidentMapLayerShown.served(), indexed: window.incidentMapLayerShown.indexed()})"


def test_the_first_view_is_drawn_from_the_server_s_clusters_which_are_the_index_s(spread, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(spread)
    frame = map_frame(page)
    frame.wait_for_function("() => document.querySelectorAll('.im-cluster').length > 0", timeout=30_000)
    state = frame.evaluate(LAYER_STATE_JS)
    assert state["served"] and not any(state["indexed"]), state  # drawn without an index
    compared = frame.evaluate(COMPARE_JS)
    assert compared["seen"]["clusters"] > 0 and compared["seen"]["served"] > compared["seen"]["clusters"], compared
    assert compared["differ"] == [], compared
    # a click on a cluster zooms to where it splits: the index is built for it then
    page.reload()
    frame = map_frame(page)
    frame.wait_for_function("() => document.querySelectorAll('.im-cluster').length > 0", timeout=30_000)
    before = frame.evaluate("() => window.map.getZoom()")
    frame.locator(".im-cluster").first.click()
    frame.wait_for_function(f"() => window.map.getZoom() > {before}", timeout=30_000)
    assert frame.evaluate(LAYER_STATE_JS)["indexed"][0]
    page.close()


def test_zoomed_in_where_incidents_are_the_towns_around_are_named(spread, browser, gazetteer):
    """On a store spanning two continents the labels are not only the world's cities: at zoom 10 on an
    incident's place the map names the towns around it (geo.map.labels.incident_cells)."""
    found = incidents(N, gazetteer)
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(spread)
    frame = map_frame(page)
    frame.wait_for_function("() => document.querySelectorAll('.im-label').length > 0", timeout=30_000)
    named = []
    for place in found[:3]:
        frame.evaluate("([lat, lon]) => { window.map.setView([lat, lon], 10, {animate: false}); }",
                       [place.latitude, place.longitude])
        frame.wait_for_timeout(300)
        named.append(frame.evaluate("() => document.querySelectorAll('.im-label').length"))
    frame.locator("#map").screenshot(path=str(SCREENSHOTS / "map-spread-zoom10.png"))
    assert min(named) >= 3, named
    page.close()


# Each of the legend's rows and notes, and whether it lies whole inside the legend's box and inside the
# box of the groups' list that holds it (a row cut in two by either is not read).
LEGEND_ROWS_JS = """() => {
    const legend = document.querySelector("[data-testid='map-legend']").getBoundingClientRect();
    const list = document.querySelector("[data-testid='map-legend-groups']");
    const shown = list.getBoundingClientRect();
    const inside = (r, b) => r.top >= b.top - 0.5 && r.bottom <= b.bottom + 0.5 && r.left >= b.left - 0.5;
    return {rows: Array.from(list.querySelectorAll('.im-row')).map(e => [e.title,
                inside(e.getBoundingClientRect(), legend) && inside(e.getBoundingClientRect(), shown)]),
            notes: Array.from(document.querySelectorAll("[data-testid='map-legend'] .im-note")).map(e =>
                [e.textContent, inside(e.getBoundingClientRect(), legend)]),
            scrolls: list.scrollHeight > list.clientHeight + 1};
}"""


def test_the_legend_shows_every_group_whole_and_no_unknown_group_when_none_lacks_one(spread, browser):
    """The legend of seven groups shows each of them whole, and its notes, with nothing cut at its
    bottom; no incident of this store lacks a group, so there is no "Unknown group" row."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(spread)
    frame = map_frame(page)
    frame.locator("[data-testid='map-legend'] .im-row").first.wait_for(timeout=30_000)
    seen = frame.evaluate(LEGEND_ROWS_JS)
    assert [name for name, _ in seen["rows"]] == sorted(GROUPS), seen
    assert all(whole for _, whole in seen["rows"]) and not seen["scrolls"], seen
    assert seen["notes"] and all(whole for _, whole in seen["notes"]), seen
    frame.locator("[data-testid='map-legend']").screenshot(path=str(SCREENSHOTS / "legend-seven-groups.png"))
    page.close()


# Pairs of cluster rings drawn over one another: their centres closer than their radii added up.
OVERLAPS_JS = """() => {
    const r = Array.from(document.querySelectorAll('.im-ring')).map(e => e.getBoundingClientRect());
    const over = [];
    for (let i = 0; i < r.length; i++) { for (let j = i + 1; j < r.length; j++) {
        const a = r[i], b = r[j];
        const d = Math.hypot(a.x + a.width / 2 - b.x - b.width / 2, a.y + a.height / 2 - b.y - b.height / 2);
        if (d < (a.width + b.width) / 2 - 0.5) { over.push([i, j, Math.round(d)]); }
    } }
    return {rings: r.length, over: over, shown: Array.from(document.querySelectorAll('.im-ring'))
        .reduce((n, e) => n + parseInt(e.querySelector('span').textContent.replace(/,/g, ''), 10), 0)};
}"""


def test_cluster_rings_do_not_cover_one_another_at_the_world_s_zooms(spread, browser):
    """At the first view and at zooms 1 to 4, the cluster rings are drawn apart (rings that would meet are
    one ring of their incidents), and the rings and single markers still add up to every incident."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(spread)
    frame = map_frame(page)
    frame.wait_for_function("() => document.querySelectorAll('.im-ring').length > 1", timeout=30_000)
    views = [frame.evaluate(OVERLAPS_JS)]
    for zoom in (1, 2, 3, 4):
        frame.evaluate("z => { window.map.setView([35, 45], z, {animate: false}); }", zoom)
        frame.wait_for_timeout(300)
        views.append(frame.evaluate(OVERLAPS_JS))
    frame.locator("#map").screenshot(path=str(SCREENSHOTS / "rings-world.png"))
    assert all(v["rings"] > 0 and v["over"] == [] for v in views), views
    singles = frame.evaluate("() => window.map.setView([35, 45], 1, {animate: false}) && "
                             "document.querySelectorAll('.leaflet-marker-icon.im-marker').length")
    frame.wait_for_timeout(300)
    assert frame.evaluate(OVERLAPS_JS)["shown"] + singles == N
    page.close()


MANY = 12  # groups, past the legend's eight rows


@pytest.fixture(scope="module")
def many_groups(tmp_path_factory, gazetteer) -> Iterator[str]:
    """A store of the bench's incidents, each given one of MANY groups."""
    from dataclasses import replace

    from geo.export.geojson import dumps_bytes, feature_collection
    from geo.files import write_atomically
    from geo.intake.importer import import_file
    from geo.store.db import open_engine

    found = [replace(i, actors=(f"Test Brigade {k % MANY + 1:02d}",)) for k, i in enumerate(incidents(120, gazetteer))]
    folder = tmp_path_factory.mktemp("many")
    write_atomically(folder / "many.geojson", dumps_bytes(feature_collection(found)))
    url = f"sqlite:///{folder / 'db.sqlite'}"
    assert import_file(open_engine(url), folder / "many.geojson").stored == len(found)
    with streamlit_server(url) as live:
        yield live.base


def test_a_legend_of_more_groups_than_its_rows_scrolls_in_whole_rows_and_says_so(many_groups, browser):
    """Past eight groups the legend's list scrolls: every group is in it, the rows in view are whole, a
    note says how many groups there are, and scrolled to its end the list shows the last group whole."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(many_groups)
    frame = map_frame(page)
    frame.locator("[data-testid='map-legend'] .im-row").first.wait_for(timeout=30_000)
    seen = frame.evaluate(LEGEND_ROWS_JS)
    names = [name for name, _ in seen["rows"]]
    assert names == [f"Test Brigade {k:02d}" for k in range(1, MANY + 1)] and seen["scrolls"], seen
    assert sum(whole for _, whole in seen["rows"]) >= 8, seen  # eight rows in view, whole
    assert any(f"{MANY} groups" in text and whole for text, whole in seen["notes"]), seen
    frame.locator("[data-testid='map-legend-groups']").evaluate("e => { e.scrollTop = e.scrollHeight; }")
    time.sleep(0.3)
    seen = frame.evaluate(LEGEND_ROWS_JS)
    assert seen["rows"][-1][1], seen  # the last group, whole, at the list's end
    frame.locator("[data-testid='map-legend']").screenshot(path=str(SCREENSHOTS / "legend-twelve-groups.png"))
    page.close()
