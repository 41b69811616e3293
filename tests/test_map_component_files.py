"""The Map page's component as serve.py hands it out (pages.payloads.component_file): index.html
names our own files by a digest of their content, and only such an address may be kept by a browser."""

from __future__ import annotations

import re

import pytest

from geo.paths import STATIC_DIR
from pages.payloads import CHECK, COMPONENT_FILES, KEEP, component_file, digest

OWN = [name for name in COMPONENT_FILES if name != "index.html"]


def _page() -> str:
    found = component_file("index.html", None)
    assert found is not None
    data, media_type, cache_control = found
    assert media_type == "text/html" and cache_control == CHECK  # checked on every visit: an upgrade shows at once
    return data.decode("utf-8")


@pytest.mark.parametrize("name", OWN)
def test_the_page_names_each_own_file_by_its_content(name):
    addresses = re.findall(r'(?:src|href)="' + re.escape(name) + r'\?v=([0-9a-f]+)"', _page())
    assert addresses == [digest((STATIC_DIR / name).read_bytes())]


def test_the_page_is_static_index_html_apart_from_the_addresses():
    assert re.sub(r"\?v=[0-9a-f]+", "", _page()) == (STATIC_DIR / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", OWN)
@pytest.mark.parametrize(("version", "kept"), [("right", True), ("0" * 20, False), (None, False)])
def test_only_the_address_of_the_current_content_is_kept(name, version, kept):
    content = (STATIC_DIR / name).read_bytes()
    found = component_file(name, digest(content) if version == "right" else version)
    assert found is not None
    data, media_type, cache_control = found
    assert data == content and media_type == COMPONENT_FILES[name]
    assert cache_control == (KEEP if kept else CHECK)


@pytest.mark.parametrize("name", ["package.json", "node_modules/leaflet/dist/leaflet.js", "../pyproject.toml",
                                  "", "INDEX.HTML"])
def test_nothing_else_is_served(name):
    assert component_file(name, None) is None
