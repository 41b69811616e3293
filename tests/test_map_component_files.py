"""The Map page's component as serve.py hands it out (pages.payloads.component_file): the page
names one script, the page's own scripts joined in its order, and holds its stylesheets; every
file is named by a digest of its content, and only such an address may be kept by a browser."""

from __future__ import annotations

import re

import pytest

from geo.paths import STATIC_DIR
from pages.payloads import BUNDLE, CHECK, COMPONENT_FILES, KEEP, component_file, component_page_url, digest

OWN = [name for name in COMPONENT_FILES if name not in ("index.html", BUNDLE)]
SOURCE = (STATIC_DIR / "index.html").read_text(encoding="utf-8")
SCRIPTS = re.findall(r'<script src="([^"]+)"></script>', SOURCE)
STYLESHEETS = re.findall(r'<link rel="stylesheet" href="([^"]+)">', SOURCE)


def _served(name: str, version: str | None = None) -> tuple[bytes, str]:
    found = component_file(name, version)
    assert found is not None
    data, media_type, cache_control = found
    assert media_type == COMPONENT_FILES[name]
    return data, cache_control


def _file(address: str) -> bytes:
    return (STATIC_DIR / address.removeprefix("/app/static/")).read_bytes()


def test_the_page_names_one_script_the_bundle_by_its_content():
    page = _served("index.html")[0].decode("utf-8")
    assert len(SCRIPTS) >= 5  # Leaflet, its plugins, ours: the test reads them from the page
    addresses = re.findall(r'<script src="([^"]+)"></script>', page)
    assert addresses == [f"{BUNDLE}?v={digest(_served(BUNDLE)[0])}"]


def test_the_bundle_is_the_pages_scripts_in_their_order():
    bundle = _served(BUNDLE)[0]
    at = 0
    for address in SCRIPTS:
        body = re.sub(rb"//# sourceMappingURL=\S*\s*$", b"", _file(address)).rstrip()
        found = bundle.find(body, at)
        assert found >= at, address
        at = found + len(body)
    assert b"sourceMappingURL" not in bundle  # a source map would be looked for beside the bundle


def test_the_page_holds_its_stylesheets_with_their_images_at_their_addresses():
    page = _served("index.html")[0].decode("utf-8")
    assert "<link" not in page and len(STYLESHEETS) == 2
    for address in STYLESHEETS:
        first_rule = _file(address).decode("utf-8").replace("\r\n", "\n").split("}")[0].split("{")[0].strip()
        assert first_rule in page, address
    relative = [u for u in re.findall(r"url\(([^)]+)\)", page) if not u.startswith(("#", "/", "data:"))]
    assert relative == []
    assert "url(/app/static/node_modules/leaflet/dist/images/layers.png)" in page


def test_the_page_is_index_html_apart_from_its_scripts_and_stylesheets():
    page = _served("index.html")[0].decode("utf-8")
    page = re.sub(r"<style>\n.*?\n</style>", "", page, count=len(STYLESHEETS), flags=re.S)
    page = re.sub(r'<script src="[^"]+"></script>\n', "", page)
    source = re.sub(r'<link rel="stylesheet" href="[^"]+">', "", SOURCE)
    source = re.sub(r'<script src="[^"]+"></script>\n', "", source)
    assert page == source


def test_the_declared_address_names_the_pages_content():
    url = component_page_url()
    assert url.endswith(f"/index.html?v={digest(_served('index.html')[0])}")


@pytest.mark.parametrize("name", [*OWN, BUNDLE, "index.html"])
@pytest.mark.parametrize(("version", "kept"), [("right", True), ("0" * 20, False), (None, False)])
def test_only_the_address_of_the_current_content_is_kept(name, version, kept):
    content = _served(name)[0]
    if name in OWN:
        assert content == (STATIC_DIR / name).read_bytes()
    data, cache_control = _served(name, digest(content) if version == "right" else version)
    assert data == content
    assert cache_control == (KEEP if kept else CHECK)


@pytest.mark.parametrize("name", ["package.json", "node_modules/leaflet/dist/leaflet.js", "../pyproject.toml",
                                  "", "INDEX.HTML"])
def test_nothing_else_is_served(name):
    assert component_file(name, None) is None
