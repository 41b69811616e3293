"""The Map page's component as serve.py hands it out (pages.payloads.component_file): one page
that holds its scripts (joined in index.html's order) and its stylesheets, at an address named by
a digest of its content, which only then may be kept by a browser."""

from __future__ import annotations

import re

import pytest

from geo.paths import STATIC_DIR
from pages.payloads import CHECK, COMPONENT_FILES, KEEP, component_file, component_page_url, digest, joined_scripts

SOURCE = (STATIC_DIR / "index.html").read_text(encoding="utf-8")
SCRIPTS = re.findall(r'<script src="([^"]+)"></script>', SOURCE)
STYLESHEETS = re.findall(r'<link rel="stylesheet" href="([^"]+)">', SOURCE)


def _page(version: str | None = None) -> tuple[str, str]:
    found = component_file("index.html", version)
    assert found is not None
    data, media_type, cache_control = found
    assert media_type == COMPONENT_FILES["index.html"] == "text/html"
    return data.decode("utf-8"), cache_control


def _file(address: str) -> str:
    return (STATIC_DIR / address.removeprefix("/app/static/")).read_text(encoding="utf-8")


def test_the_page_holds_its_scripts_in_their_order_and_names_none():
    page = _page()[0]
    assert len(SCRIPTS) >= 5  # Leaflet, its plugins, ours: the test reads them from index.html
    assert "<script src=" not in page
    inline = re.findall(r"<script>\n(.*?)</script>", page, flags=re.S)
    assert inline[-1] == joined_scripts(SCRIPTS)
    at = 0
    for address in SCRIPTS:
        body = re.sub(r"//# sourceMappingURL=\S*\s*$", "", _file(address)).rstrip()
        found = inline[-1].find(body, at)
        assert found >= at, address
        at = found + len(body)
    assert "sourceMappingURL" not in page  # a source map would be looked for beside the page


def test_a_script_cannot_end_the_pages_script_element():
    assert "<\\/script>" in joined_scripts(["index.html"])  # the test reads a file that holds "</script>"
    assert "</script" not in joined_scripts(["index.html"])


def test_the_page_holds_its_stylesheets_with_their_images_at_their_addresses():
    page = _page()[0]
    assert "<link" not in page and len(STYLESHEETS) == 2
    for address in STYLESHEETS:
        first_rule = _file(address).split("}")[0].split("{")[0].strip()
        assert first_rule in page, address
    relative = [u for u in re.findall(r"url\(([^)]+)\)", page) if not u.startswith(("#", "/", "data:"))]
    assert relative == []
    assert "url(/app/static/node_modules/leaflet/dist/images/layers.png)" in page


def test_the_page_is_index_html_apart_from_its_scripts_and_stylesheets():
    page = _page()[0]
    page = re.sub(r"<style>\n.*?\n</style>", "", page, count=len(STYLESHEETS), flags=re.S)
    page = re.sub(r"<script>\n(?:(?!</script>).)*</script>\n</body>", "</body>", page, flags=re.S)
    source = re.sub(r'<link rel="stylesheet" href="[^"]+">', "", SOURCE)
    source = re.sub(r'<script src="[^"]+"></script>\n', "", source)
    assert page == source


def test_the_declared_address_names_the_pages_content():
    assert component_page_url().endswith(f"/index.html?v={digest(_page()[0].encode('utf-8'))}")


@pytest.mark.parametrize(("version", "kept"), [("right", True), ("0" * 20, False), (None, False)])
def test_only_the_address_of_the_current_content_is_kept(version, kept):
    content = _page()[0]
    data, cache_control = _page(digest(content.encode("utf-8")) if version == "right" else version)
    assert data == content
    assert cache_control == (KEEP if kept else CHECK)


@pytest.mark.parametrize("name", ["incident_map.js", "map_component.js", "package.json",
                                  "node_modules/leaflet/dist/leaflet.js", "../pyproject.toml", "", "INDEX.HTML"])
def test_nothing_else_is_served(name):
    assert component_file(name, None) is None


def test_the_borders_are_kept_only_at_the_address_that_names_them():
    from pages.payloads import BORDERS_FILE, component_borders_url

    data, media_type, cache_control = component_file("borders.json", None) or (b"", "", "")
    assert data == (STATIC_DIR / BORDERS_FILE).read_bytes() and media_type == "application/json"
    assert cache_control == CHECK
    version = component_borders_url().partition("?v=")[2]
    assert version == digest(data) and (component_file("borders.json", version) or ("", "", ""))[2] == KEEP
    assert component_file("countries-50m.json", version) is None  # only the names it serves


@pytest.mark.parametrize("size", [0, 1, 5000, 300_000])
def test_gzipped_is_the_content_and_made_once(size):
    import gzip
    import random

    from pages.payloads import gzipped

    data = bytes(random.Random(size).choice(b"abc\x00\x01") for _ in range(size))
    packed = gzipped(data)
    assert gzip.decompress(packed) == data
    assert gzipped(bytes(data)) is packed  # the same content, from the kept answer
