"""`make run` starts serve.py: the dashboard with its caches filled before the port opens."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from geo.intake.ingest import ingest_paths
from geo.map.layer import PACKED_MAGIC
from geo.store.db import open_engine
from pages.payloads import CHECK, COMPONENT_ROUTE, FIRST_VIEW_CACHE, FIRST_VIEW_ROUTE, KEEP, PAYLOAD_ROUTE, digest
from tests.conftest import CHROMIUM, ROOT, SEEDS, free_port
from tests.test_browser import map_frame, markers_on_map, shown

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None and not os.environ.get("CI"), reason="Debian's chromium is not installed"),
]


@pytest.fixture(scope="module")
def served(tmp_path_factory, gazetteer):
    url = f"sqlite:///{tmp_path_factory.mktemp('serve') / 'db.sqlite'}"
    ingest_paths(open_engine(url), [SEEDS], gazetteer)
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "serve.py"), "--server.port", str(port),
         "--server.headless", "true", "--server.address", "127.0.0.1"],
        cwd=ROOT, env=dict(os.environ, INCIDENT_MAP_DB=url), text=True, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2):
                break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail(f"serve.py did not start: {proc.stdout.read() if proc.stdout else ''}")
    yield base
    proc.terminate()
    proc.wait(timeout=30)


def test_the_first_visitor_finds_the_map_ready(served, browser):
    """The lifespan hook has read the store before the port opened: the map and the other pages
    show as under `streamlit run app.py`."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    answers: dict[str, str | None] = {}
    page.on("response", lambda r: answers.__setitem__(r.url.split("?")[0], r.headers.get("cache-control")))
    page.goto(f"{served}/sources")  # a deep link, first of all
    page.wait_for_selector("h1:has-text('Sources')", timeout=60_000)
    page.goto(served)
    frame = map_frame(page)
    # the component's page comes from serve.py's route, at an address a browser keeps, and holds
    # its scripts: no other script is asked for but Streamlit's own
    assert frame.url.startswith(f"{served}{COMPONENT_ROUTE}/index.html")
    assert answers.get(f"{served}{COMPONENT_ROUTE}/index.html") == KEEP, answers
    assert not [a for a in answers if a.endswith(".js") and not a.startswith(f"{served}/static/js/")], answers
    count, total = shown(page)
    assert count == total >= 10
    assert markers_on_map(frame) == total
    # the timeline's document travels by address too (serve.py's route), and is drawn under the map
    frame.locator("[data-testid='timeline-plot']").wait_for(timeout=30_000)
    assert frame.locator(".im-tl-bar").count() == total
    page.close()


def test_the_page_at_another_address_is_checked_and_not_sent_again_unchanged(served):
    """An address of the component's page without its current digest (an older page's) is checked
    on every visit; an unchanged page is answered "not modified", without its body."""
    with urllib.request.urlopen(f"{served}{COMPONENT_ROUTE}/index.html") as answer:  # noqa: S310 - our server
        etag, body = answer.headers["ETag"], answer.read()
        assert answer.headers["Cache-Control"] == CHECK and b"incidentMapEarly" in body and etag
    request = urllib.request.Request(f"{served}{COMPONENT_ROUTE}/index.html", headers={"If-None-Match": etag})
    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.urlopen(request)  # noqa: S310 - our server
    assert answer.value.code == 304 and answer.value.read() == b""
    request = urllib.request.Request(f"{served}{COMPONENT_ROUTE}/index.html", headers={"If-None-Match": '"other"'})
    with urllib.request.urlopen(request) as answer:  # noqa: S310 - our server
        assert answer.read() == body


def _get(address: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    """An answer of our server as it came: status, headers (lower-case names), body (not inflated)."""
    request = urllib.request.Request(address, headers=headers)
    try:
        with urllib.request.urlopen(request) as answer:  # noqa: S310 - our server
            return answer.status, {k.lower(): v for k, v in answer.headers.items()}, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def test_the_first_view_is_the_payload_of_every_incident_and_none_for_a_filtered_page(served):
    """The map's page asks for the first view with the query string of the page around it: the
    payload of every incident (its ETag its digest, used at once and checked), or nothing when that
    query string holds a filter; an incident a link names is no filter."""
    for query in ("", "?incident=abc"):
        status, headers, body = _get(f"{served}{FIRST_VIEW_ROUTE}{query}")
        assert status == 200 and body.startswith(PACKED_MAGIC)
        assert headers["etag"] == f'"{digest(body)}"' and headers["cache-control"] == FIRST_VIEW_CACHE
    assert _get(f"{served}{FIRST_VIEW_ROUTE}", **{"If-None-Match": headers["etag"]})[0] == 304
    for query in ("?group=Wagner+Group", "?since=2023-05-01", "?q=drone", "?deaths=1", "?incident=abc&type=Battles"):
        status, _, body = _get(f"{served}{FIRST_VIEW_ROUTE}{query}")
        assert (status, body) == (204, b""), query


@pytest.mark.parametrize("address", ["first view", "payload", "page", "borders"])
def test_answers_are_gzipped_for_browsers_that_take_it_and_the_same_inflated(served, address):
    """serve.py gzips its answers itself (once per content, pages.payloads.gzipped) and says so;
    Streamlit's middleware passes them on as they are. A client that takes no gzip gets the bytes."""
    _, headers, plain = _get(f"{served}{FIRST_VIEW_ROUTE}")
    key = headers["etag"].strip('"')
    html = _get(f"{served}{COMPONENT_ROUTE}/index.html")[2].decode("utf-8")
    borders = _get(f"{served}{COMPONENT_ROUTE}/borders.json")[2]
    url, expected = {
        "first view": (f"{served}{FIRST_VIEW_ROUTE}", plain),
        "payload": (f"{served}{PAYLOAD_ROUTE}/{key}", plain),  # kept since a page showed the map (first test)
        "page": (f"{served}{COMPONENT_ROUTE}/index.html", html.encode("utf-8")),
        "borders": (f"{served}{COMPONENT_ROUTE}/borders.json", borders),
    }[address]
    status, headers, body = _get(url, **{"Accept-Encoding": "gzip, deflate"})
    assert status == 200 and headers.get("content-encoding") == "gzip", headers
    assert gzip.decompress(body) == expected and len(body) < len(expected)
    status, headers, body = _get(url, **{"Accept-Encoding": "identity"})
    assert status == 200 and "content-encoding" not in headers and body == expected


def test_the_map_draws_the_first_view_without_its_payload_again_and_a_filtered_link_its_own(served, browser):
    """Opened without a filter, the map draws the first view its page asked for as it opened and
    fetches no payload by its address; opened by a link with a filter, it is handed the filtered
    payload by address, and draws exactly the filtered incidents."""
    for query, filtered in (("", False), ("?type=Battles", True)):
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        asked: list[str] = []
        # answered: not the look into the browser's cache (only-if-cached) that a cold browser fails
        page.on("requestfinished", lambda r: asked.append(r.url) if "/incident-map/" in r.url else None)
        page.goto(f"{served}/{query}")
        frame = map_frame(page)
        count, total = shown(page)
        assert (count < total) if filtered else (count == total)
        frame.wait_for_function("n => window.incidentMapCount === n", arg=count, timeout=30_000)
        assert markers_on_map(frame) == count
        # the place names and the timeline are asked for once the map's first drawing is painted
        deadline = time.time() + 30
        while time.time() < deadline and len([a for a in asked if f"{PAYLOAD_ROUTE}/" in a]) < (3 if filtered else 2):
            page.wait_for_timeout(100)
        first_view = [a for a in asked if FIRST_VIEW_ROUTE in a]
        by_address = [a for a in asked if f"{PAYLOAD_ROUTE}/" in a]
        assert len(first_view) == 1 and first_view[0].endswith(f"{FIRST_VIEW_ROUTE}{query}"), asked
        # by address: the place names and the timeline, and the payload only for the filtered view
        assert len(by_address) == (3 if filtered else 2), asked
        page.close()


@pytest.mark.parametrize(("path", "preloads"), [("/", True), ("/map", True), ("/about", False), ("/sources", False)])
def test_the_map_pages_html_names_the_scripts_its_elements_need(served, path, preloads):
    """The Map page's addresses answer Streamlit's HTML with a modulepreload link for each script of
    its elements (pages.preload), files that Streamlit serves; other pages' HTML is Streamlit's."""
    import re

    from pages.preload import STREAMLIT_STATIC, map_page_scripts

    def preloaded(html: str) -> list[str]:
        return re.findall(r'<link\s+rel="modulepreload"\s+crossorigin\s+href="\./static/js/([^"]+)"', html)

    status, _, body = _get(f"{served}{path}", **{"Accept-Encoding": "gzip"})
    html = (gzip.decompress(body) if body[:2] == b"\x1f\x8b" else body).decode("utf-8")
    assert status == 200 and "<html" in html.lower()
    streamlits = preloaded((STREAMLIT_STATIC / "index.html").read_text(encoding="utf-8"))
    assert len(streamlits) > 10 and preloaded(html)[:len(streamlits)] == streamlits
    ours = preloaded(html)[len(streamlits):]
    assert ours == (list(map_page_scripts()) if preloads else [])
    if preloads:
        assert ours[0].startswith("ComponentInstance.") and len(ours) >= 10
        for name in ours[:3]:
            status, headers, _ = _get(f"{served}/static/js/{name}")
            assert status == 200 and "javascript" in headers["content-type"]


def test_a_cold_browser_asks_for_no_streamlit_script_the_map_pages_html_does_not_name(served, browser):
    """Every script of Streamlit's that the Map page loads is named in its HTML, so it is asked for
    at the start, not when its element arrives (while the map's frame and payload are asked for)."""
    import re

    page = browser.new_page(viewport={"width": 1400, "height": 900})
    scripts: list[str] = []
    page.on("request", lambda r: scripts.append(r.url.split("/static/js/")[1])
            if f"{served}/static/js/" in r.url else None)
    answer = page.goto(served)
    assert answer is not None
    named = set(re.findall(r'(?:src|href)="\./static/js/([^"]+)"', answer.text()))
    frame = map_frame(page)
    frame.locator("[data-testid='timeline-plot']").wait_for(timeout=30_000)
    page.wait_for_selector("[data-testid='stSidebar'] [data-testid='stTextInput']", timeout=30_000)
    assert scripts and not set(scripts) - named, sorted(set(scripts) - named)
    page.close()


# When the map's first view was painted and when the sidebar's first filter appeared, by the page's
# own clock (a MutationObserver installed before Streamlit's scripts; the frame's incidentMapTimings).
_FILTER_SEEN_JS = """() => { if (window !== window.top) { return; }
  new MutationObserver((changes, observer) => {
    if (document.querySelector("[data-testid='stSidebar'] [data-testid='stDateInput']")) {
      window.__filterAt = performance.now(); observer.disconnect(); }
  }).observe(document, {subtree: true, childList: true}); }"""


@pytest.mark.parametrize("said", [True, False], ids=["the frame says it has drawn", "the frame's word is lost"])
def test_the_first_run_draws_the_filters_once_the_map_is_drawn(served, browser, said):
    """On a session's first run the page draws the sidebar's filters once the map's frame has said
    (at DRAWN_ROUTE) that it drew its first view, so that their drawing does not hold the frame
    back; when that word never comes, the filters still come (after FILTERS_WAIT_S), and work."""
    from pages.payloads import DRAWN_ROUTE

    page = browser.new_page(viewport={"width": 1400, "height": 900})
    said_at: list[str] = []
    page.on("requestfinished", lambda r: said_at.append(r.url) if DRAWN_ROUTE in r.url else None)
    if not said:
        page.route(f"**{DRAWN_ROUTE}/**", lambda route: route.abort())
    page.add_init_script(f"({_FILTER_SEEN_JS})()")
    page.goto(served)
    frame = map_frame(page)
    count, total = shown(page)
    page.wait_for_selector("[data-testid='stSidebar'] [data-testid='stDateInput']", timeout=30_000)
    frame.wait_for_function("n => window.incidentMapCount === n", arg=count, timeout=30_000)
    painted = frame.evaluate("([origin]) => performance.timeOrigin - origin + window.incidentMapTimings.painted",
                             [page.evaluate("performance.timeOrigin")])
    filter_at = page.evaluate("window.__filterAt")
    if said:
        assert len(said_at) == 1, said_at  # once, on the first view only
        assert painted < filter_at
    else:
        assert said_at == []
    # the filters work either way: a group chosen in the sidebar filters the same map
    box = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").first
    box.click()
    page.keyboard.type("Wagner")
    page.keyboard.press("Enter")
    page.wait_for_function("t => !document.querySelector('.st-key-incident-count').innerText.startsWith(t)",
                           arg=f"{total:,} of", timeout=30_000)
    fewer = shown(page)[0]
    assert fewer < total
    frame.wait_for_function("n => window.incidentMapCount === n", arg=fewer, timeout=30_000)
    assert frame.evaluate("window.incidentMapRenders") == 2  # the same map, redrawn
    page.close()


def test_the_drawn_route_knows_only_the_tokens_it_was_given(served):
    from pages.payloads import DRAWN_ROUTE, expect_drawing, mark_drawn

    request = urllib.request.Request(f"{served}{DRAWN_ROUTE}/not-a-token", method="POST")
    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.urlopen(request)  # noqa: S310 - our server
    assert answer.value.code == 404
    event = expect_drawing("t1")  # in this process: the same functions the route calls
    assert not event.is_set() and not mark_drawn("t2")
    assert mark_drawn("t1") and event.is_set() and expect_drawing("t1") is event
