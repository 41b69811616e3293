"""The map payloads serve.py hands out over HTTP, by digest (see pages.map_component).

Apart from pages.map_component because serve.py imports it when the server starts, before
Streamlit's runtime exists: a component declared then would not be registered."""

from __future__ import annotations

import hashlib
import re
import threading
from collections import OrderedDict
from functools import lru_cache

from geo.paths import STATIC_DIR


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=10).hexdigest()


# Under serve.py the browser fetches the payload over HTTP from PAYLOAD_ROUTE, by its digest:
# the page's websocket message stays small, and a browser that has seen this view keeps the
# payload in its cache (the address names the content, so it never changes). serve.py sets
# INCIDENT_MAP_PAYLOAD_ROUTE; under `streamlit run app.py` the payload travels in the message.
PAYLOAD_ROUTE = "/incident-map/payload"
ROUTE_ENV = "INCIDENT_MAP_PAYLOAD_ROUTE"
KEPT_PAYLOADS = 16
_payloads: OrderedDict[str, bytes] = OrderedDict()
_payloads_lock = threading.Lock()


def keep_payload(key: str, data: bytes) -> None:
    with _payloads_lock:
        _payloads[key] = data
        _payloads.move_to_end(key)
        while len(_payloads) > KEPT_PAYLOADS:
            _payloads.popitem(last=False)


def kept_payload(key: str) -> bytes | None:
    with _payloads_lock:
        return _payloads.get(key)




# Under serve.py the Map page's component (static/index.html and our scripts) is served from
# COMPONENT_ROUTE rather than Streamlit's component route, whose answers carry neither a
# validator nor a lifetime: a browser fetched and compiled our scripts again on every visit.
# Each file is named by a digest of its content (?v=...), and may then be kept for good: the
# page itself too (component_page_url, the address the Map page declares), since a browser asked
# the server for it on every visit, and the server is busiest then (the page's own script run).
# An address without the current digest is checked on every visit (with an ETag, serve.py).
# Under serve.py the page names one script, BUNDLE: Leaflet, its plugins and our scripts, joined
# in the page's order. One request instead of seven (Leaflet's from /app/static/ were asked again
# on every visit: no lifetime), one script for Chromium to compile while it streams in and to keep
# compiled in its code cache; and the page's two stylesheets are written into it.
COMPONENT_ROUTE = "/incident-map/component/incident_map"
BUNDLE = "incident_map.bundle.js"
COMPONENT_FILES = {"index.html": "text/html", "incident_map.css": "text/css", "incident_map.js": "text/javascript",
                   "timeline.js": "text/javascript", "map_component.js": "text/javascript", BUNDLE: "text/javascript"}
KEEP = "public, max-age=31536000, immutable"
CHECK = "no-cache"
STATIC_URL = "/app/static/"  # Streamlit's serving of static/ (server.enableStaticServing)
# index.html's script and stylesheet elements, one per line as it writes them: each names a file
# of static/, by an address relative to the page or under STATIC_URL.
_SCRIPT = re.compile(r'[ \t]*<script src="([^"]+)"></script>\n')
_STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)">')
# A url() in a stylesheet relative to it (Leaflet's images), which an inline copy must spell out.
_CSS_URL = re.compile(r"url\((?![#/]|data:)([^)]+)\)")
# A script's last line naming its source map, which the joined file would name at the wrong address.
_SOURCE_MAP = re.compile(rb"^//# sourceMappingURL=\S*\s*$", re.MULTILINE)


def _static_path(address: str) -> str:
    """The path in static/ of an address in index.html ("/app/static/x/y.js" or "y.js")."""
    return address[len(STATIC_URL):] if address.startswith(STATIC_URL) else address


@lru_cache(maxsize=4)
def _made(stamps: tuple[tuple[str, int, int], ...]) -> tuple[bytes, bytes]:
    """index.html as serve.py hands it out, and the bundle of its scripts. stamps: index.html's files'
    names, modification times and sizes (a changed file makes both again)."""
    html = (STATIC_DIR / "index.html").read_text(encoding="utf-8")
    scripts = _SCRIPT.findall(html)
    bundle = b"\n;\n".join(_SOURCE_MAP.sub(b"", (STATIC_DIR / _static_path(s)).read_bytes()).rstrip()
                            for s in scripts) + b"\n"
    html = _SCRIPT.sub("", html).replace("</body>", f'<script src="{BUNDLE}?v={digest(bundle)}"></script>\n</body>')

    def inline(m: re.Match[str]) -> str:
        path = _static_path(m[1])
        folder = STATIC_URL + path.rpartition("/")[0] + "/" if "/" in path else STATIC_URL
        css = _CSS_URL.sub(lambda u: f"url({folder}{u[1]})", (STATIC_DIR / path).read_text(encoding="utf-8"))
        return f"<style>\n{css}\n</style>"

    return _STYLESHEET.sub(inline, html).encode("utf-8"), bundle


def _stamps() -> tuple[tuple[str, int, int], ...]:
    html = (STATIC_DIR / "index.html").read_text(encoding="utf-8")
    names = ["index.html", *(_static_path(a) for a in _SCRIPT.findall(html) + _STYLESHEET.findall(html))]
    return tuple((n, (info := (STATIC_DIR / n).stat()).st_mtime_ns, info.st_size) for n in names)


def component_file(name: str, version: str | None) -> tuple[bytes, str, str] | None:
    """One of the component's files (content, media type, Cache-Control), or None for another name.
    version: the ?v= of the address; a file is kept by browsers only when it matches its content."""
    if name not in COMPONENT_FILES:
        return None
    if name in ("index.html", BUNDLE):
        page, bundle = _made(_stamps())
        data = page if name == "index.html" else bundle
    else:
        data = (STATIC_DIR / name).read_bytes()
    return data, COMPONENT_FILES[name], KEEP if version == digest(data) else CHECK


def component_page_url() -> str:
    """The address of the component's page under serve.py, with the digest of what it holds (the
    bundle's digest included): a browser keeps it until a file changes."""
    return f"{COMPONENT_ROUTE}/index.html?v={digest(_made(_stamps())[0])}"
