"""The Import page in a real browser (issue 14, point 7): upload a file, see the columns read, the
first rows and the rejected ones, confirm, and the rows are in the store."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from geo.store.db import load_incidents, open_engine
from tests.conftest import CHROMIUM, streamlit_server

FIXTURES = Path(__file__).parent / "fixtures" / "interop"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None and not os.environ.get("CI"), reason="Debian's chromium is not installed"),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('import_page') / 'db.sqlite'}"
    open_engine(url)
    with streamlit_server(url) as live:
        yield live.base, url  # type: ignore[misc]


def test_upload_preview_and_confirm(server, browser):
    base, url = server
    page = browser.new_page()
    try:
        page.goto(f"{base}/about")
        page.wait_for_selector("h1:has-text('About incident-map')", timeout=60_000)
        time.sleep(1)
        page.get_by_role("link", name="Import").click()
        page.wait_for_selector("h1:has-text('Import incidents')", timeout=60_000)
        page.locator("[data-testid='stFileUploader'] input[type=file]").set_input_files(
            str(FIXTURES / "civilian_harm.csv"))
        page.wait_for_selector("[data-testid='stFileChip']", timeout=30_000)
        time.sleep(1)
        page.get_by_role("button", name="Preview").click()
        page.wait_for_selector("text=would be stored", timeout=60_000)
        page.wait_for_selector("text=would be rejected", timeout=30_000)
        # plain() puts a word joiner after each colon, so that no ":name:" becomes an icon
        body = page.locator("[data-testid='stMain']").inner_text().replace("\u2060", "")
        assert "would be stored: 3" in body and "2 rows would be rejected" in body
        assert load_incidents(open_engine(url)) == []  # nothing stored before the confirmation
        page.get_by_role("button", name="Import these rows").click()
        page.wait_for_selector("text=Imported:", timeout=60_000)
        stored = load_incidents(open_engine(url))
        assert sorted(i.source_id for i in stored) == ["UW9001", "UW9002", "UW9003"]
        assert {i.dataset for i in stored} == {"civilian_harm"}
    finally:
        page.close()
