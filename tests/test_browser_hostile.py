"""Hostile text renders as text: a real `streamlit run app.py` in Chromium, on a store whose
articles and imported incidents carry Markdown and HTML payloads (issue 16).

Every payload points at BEACON, a port no page asks for, where a small HTTP server counts hits: an
image, link or autolink made from data would show there or in the browser's request log.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from geo.intake.articles import ArticleMeta
from geo.intake.importer import import_file
from geo.intake.ingest import ingest_paths
from geo.store.db import load_articles, open_engine
from tests.conftest import CHROMIUM, free_port, streamlit_server
from tests.test_browser import map_frame

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None and not os.environ.get("CI"), reason="Debian's chromium is not installed"),
]
BEACON_PORT = free_port()
BEACON = f"http://127.0.0.1:{BEACON_PORT}"
PAYLOADS = [
    f"G9\n\n![b]({BEACON}/beacon.png)",
    f"[x]({BEACON}/l)",
    f"<{BEACON}/a>",
    ":red[RED]",
    ":material/warning:",
    f"<img src={BEACON}/i>",
    "$x^2$",
    f"www.example.com {BEACON}/bare",
]
ALL = " ".join(PAYLOADS)
HOSTILE_URL = f"https://ok.example/a) ![b]({BEACON}/x.png)"
# The literal texts a person must see where the payloads are shown (word joiners aside).
SEEN = ["![b](", ":red[RED]", ":material/warning:", "$x^2$"]


class _Beacon(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        _Beacon.hits.append(self.path)
        self.send_response(204)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - http.server's signature
        pass


@pytest.fixture(scope="module")
def beacon() -> Iterator[list[str]]:
    httpd = ThreadingHTTPServer(("127.0.0.1", BEACON_PORT), _Beacon)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield _Beacon.hits
    httpd.shutdown()
    httpd.server_close()


def _snapshot(path: Path, article_id: str) -> None:
    """A GeoJSON snapshot (geo.export.geojson's schema): one feature per payload, its first group the
    payload (so each is in the legend), every other text field all of them (the country, at most 8
    characters, a colour directive); all at one place."""
    features = []
    for k, payload in enumerate(PAYLOADS):
        features.append({
            "type": "Feature", "id": f"hostile-{k}", "geometry": {"type": "Point", "coordinates": [-60.0, -15.0]},
            "properties": {
                "event_date": "2023-06-05", "time_precision": 1, "place": ALL, "place_as_written": ALL,
                "admin1": ALL, "country": ":red[C]", "geo_precision": 1, "event_type": "Battles",
                "sub_event_type": "Armed clash", "actors": [payload, ALL], "claimed_by": PAYLOADS,
                "summary": ALL, "status": "extracted", "confidence": 0.5,
                "sources": [{"article_id": article_id, "quote": ALL, "start": 0, "end": 1, "title": ALL,
                             "outlet": ALL, "url": HOSTILE_URL}],
            },
        })
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")


@pytest.fixture(scope="module")
def server(tmp_path_factory, gazetteer, beacon) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("hostile")
    url_db = f"sqlite:///{tmp / 'db.sqlite'}"
    engine = open_engine(url_db)
    article = tmp / "hostile.txt"
    article.write_text(ALL + "\n\n" + "\n".join(PAYLOADS) + "\n", encoding="utf-8")
    ingest_paths(engine, [article], gazetteer, metadata={},
                 defaults=ArticleMeta("hostile.txt", ALL, ALL, HOSTILE_URL, date(2023, 6, 5)))
    [stored] = load_articles(engine)
    snapshot = tmp / "hostile.geojson"
    _snapshot(snapshot, stored["id"])
    report = import_file(engine, snapshot)
    assert report.stored == len(PAYLOADS), report.bad
    with streamlit_server(url_db) as live:
        yield live.base


@pytest.fixture()
def page(browser, beacon):
    """A page whose every request (its frames' too) is logged; none may go to the beacon."""
    beacon.clear()  # hits are counted per test
    page = browser.new_page(viewport={"width": 1400, "height": 1600})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    yield page
    time.sleep(1)  # let late image loads reach the log
    page.close()
    assert [u for u in requests if f":{BEACON_PORT}" in u] == []
    assert beacon == []


def _made_from_payloads(page) -> list[str]:
    """Elements that a payload became: anything pointing at the beacon (but the Sources page's
    link to the hostile article's own site, whose path holds the payload percent-encoded), an
    autolink, colours, LaTeX. (An icon shows as its name: the callers look for ":material/warning:".)"""
    found: list[str] = []
    script = f"""() => Array.from(document.querySelectorAll(
        '[src*="{BEACON_PORT}"], [srcset*="{BEACON_PORT}"], a[href*="example.com"], '
        + '[href*="{BEACON_PORT}"]:not([href^="https://ok.example/"]), '
        + '[data-testid=stMain] .stMarkdownColoredText, [data-testid=stMain] .katex, '
        + '[data-testid=stSidebar] .stMarkdownColoredText'))
        .map(e => e.outerHTML.slice(0, 200))"""
    for frame in page.frames:
        try:
            found += frame.evaluate(script)
        except Exception:  # a frame that went away
            pass
    return found


def _text(page, selector: str = "[data-testid=stMain]") -> str:
    return page.locator(selector).first.inner_text().replace("\u2060", "")


def _shows_payloads_as_text(page, selector: str = "[data-testid=stMain]") -> None:
    text = _text(page, selector)
    for literal in SEEN:
        assert literal in text, (literal, text[:2000])
    assert _made_from_payloads(page) == []


def test_map_legend_details_and_filters(server, page):
    page.goto(server)
    frame = map_frame(page)
    frame.wait_for_selector(".im-legend", timeout=60_000)
    legend = frame.locator(".im-legend").inner_text()
    for literal in SEEN:
        assert literal in legend
    bubble = frame.locator(".leaflet-marker-icon:not(.im-label)").first
    bubble.wait_for(state="visible", timeout=30_000)
    time.sleep(1)  # the component reports its first state to the server before the click is sent
    bubble.click()
    page.wait_for_selector("text=Claimed by:", timeout=60_000)
    page.wait_for_selector(f"text={len(PAYLOADS)} incidents at this place", timeout=60_000)
    _shows_payloads_as_text(page)
    # the sidebar's options (groups, countries, regions) are data too
    page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").first.click()
    options = " ".join(page.get_by_role("option").all_inner_texts())
    assert "![b](" in options and ":red[RED]" in options
    page.keyboard.press("Escape")
    assert _made_from_payloads(page) == []


def test_incidents_page(server, page):
    page.goto(f"{server}/incidents")
    page.wait_for_selector("text=incidents shown", timeout=60_000)
    time.sleep(2)
    assert _made_from_payloads(page) == []


def test_sources_page(server, page):
    page.goto(f"{server}/sources")
    page.wait_for_selector(".im-article", timeout=60_000)
    page.wait_for_selector(f"text={len(PAYLOADS)} incidents", timeout=60_000)
    _shows_payloads_as_text(page)
    link = page.get_by_role("link", name="Open the original")
    assert link.get_attribute("href") == "https://ok.example/a%29%20!%5Bb%5D%28http://127.0.0.1:" \
        f"{BEACON_PORT}/x.png%29"
    page.locator("[data-testid='stSelectbox']").first.click()
    options = " ".join(page.get_by_role("option").all_inner_texts())
    assert "![b](" in options and ":red[RED]" in options
    page.keyboard.press("Escape")
    assert _made_from_payloads(page) == []


def _open_add_article(page, server: str) -> None:
    """Through the navigation: a deep link to /add on a server nobody has opened yet shows
    Streamlit's "Page not found" dialog over the page (the old-style page name is add_article)."""
    page.goto(f"{server}/about")
    page.wait_for_selector("h1:has-text('About incident-map')", timeout=60_000)
    time.sleep(1)
    page.get_by_role("link", name="Add article").click()
    page.wait_for_selector("h1:has-text('Add an article')", timeout=60_000)


def test_add_article_upload_name(server, page):
    _open_add_article(page, server)
    name = f"![b]({BEACON}/u.png) :red[RED] :material/warning: $x^2$.txt"
    page.locator("[data-testid='stFileUploader'] input[type=file]").set_input_files(
        files=[{"name": name, "mimeType": "text/plain", "buffer": b"\x00\x01binary"}])
    page.wait_for_selector("[data-testid='stFileChip']", timeout=30_000)
    time.sleep(1)  # the upload reaches the server before the form is sent
    # Playwright finds the button "inert" after this upload (not after one with a plain name),
    # though it is visible and a person can press it: click it where it is.
    page.get_by_role("button", name="Preview incidents").click(force=True)
    page.wait_for_selector("[data-testid='stAlert']:has-text('binary')", timeout=60_000)
    alert = _text(page, "[data-testid='stAlert']")
    for literal in ("![b](", ":red[RED]", ":material/warning:", "$x^2$"):
        assert literal in alert, alert
    assert _made_from_payloads(page) == []


def test_add_article_preview_heading(server, page):
    _open_add_article(page, server)
    # the heading quotes the first line, cut to 120 characters: these payloads fit
    first_line = f"![b]({BEACON}/h.png) :red[RED] :material/warning: $x^2$"
    page.locator("textarea").first.fill(f"{first_line}\n{ALL}\nShelling hit Belgorod on Sunday, the governor said.")
    # the date field is three segments (year, month, day): typing fills them in turn
    page.locator("[data-testid='stDateInput'] [role=spinbutton]").first.click()
    page.keyboard.type("20230605")
    page.keyboard.press("Tab")
    page.get_by_role("button", name="Preview incidents").click()
    page.wait_for_selector("text=/incidents? found in/", timeout=90_000)
    heading = _text(page, "h3:has-text('found in')")
    for literal in SEEN:
        assert literal in heading, heading
    assert _made_from_payloads(page) == []


def test_preview_stops_at_its_time_limit(tmp_path, monkeypatch, gazetteer):
    """The Add article page run by Streamlit's own test runner, with a limit no extraction can
    meet: the page says it stopped, names the limit and the other ways in, and keeps nothing."""
    from streamlit.testing.v1 import AppTest

    import pages.add_article

    monkeypatch.setenv("INCIDENT_MAP_DB", f"sqlite:///{tmp_path / 'db.sqlite'}")
    monkeypatch.setattr(pages.add_article, "PREVIEW_TIME_LIMIT_S", 1e-9)

    def script() -> None:
        from pages.add_article import add_article_page

        add_article_page()

    app = AppTest.from_function(script, default_timeout=60).run()
    app.text_area[0].set_value("Shelling hit Belgorod on Sunday, the governor said.\n" * 20)
    app.date_input[0].set_value(date(2023, 6, 5))
    app.button[0].click().run()
    errors = " ".join(e.value for e in app.error).replace("\u2060", "").replace("\\", "")
    assert "longer than the preview's limit of 1e-09 seconds" in errors, errors
    assert "command line" in errors
    assert "pending_article" not in app.session_state
