"""`make run` starts serve.py: the dashboard with its caches filled before the port opens."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from geo.intake.ingest import ingest_paths
from geo.store.db import open_engine
from pages.payloads import CHECK, COMPONENT_ROUTE, KEEP
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
