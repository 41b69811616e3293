"""The Map page's first view: fitted to the incidents, clear of the legend, and large enough to read,
on a store whose incidents spread over two continents under a legend of eight groups (the bench's);
drawn from the clusters the server made (geo/map/clusters.py), which are the browser's index's own."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from bench.make_store import make_store
from bench.synthetic import incidents
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
    assert legend.locator(".im-row").count() >= 8  # seven groups and "Unknown group": a tall legend
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
