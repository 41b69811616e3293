"""The map payloads serve.py hands out over HTTP, by digest (see pages.map_component).

Apart from pages.map_component because serve.py imports it when the server starts, before
Streamlit's runtime exists: a component declared then would not be registered."""

from __future__ import annotations

import gzip
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
# The payload of the view of every incident, at an address that does not name it: the map's page
# asks for it as soon as it opens, when the page around it has no filter in its URL, instead of
# waiting for its first arguments (which name the payload by its digest) to come through the
# page's busy main thread (0.05-0.1 s). The answer's ETag is the payload's digest: the map uses it
# only when its arguments name the same digest. See serve.py.
FIRST_VIEW_ROUTE = "/incident-map/first-view"
# A browser uses the first view it keeps at once and asks the server whether it changed meanwhile
# (stale-while-revalidate): with "no-cache", a warm browser's first view waited for the server,
# which is answering the page's other requests then (0.1-0.3 s), where the payload by its address
# came from the browser's cache. A kept first view that is no longer the store's differs from the
# digest the map is handed, which then fetches its payload by address; the next visit has the new one.
FIRST_VIEW_CACHE = "max-age=0, stale-while-revalidate=604800"
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


# Under serve.py the Map page's first run in a session draws the sidebar's filters only once the
# map's frame has drawn its first view, or after FILTERS_WAIT_S: the map's frame runs on the page's
# own thread (same origin), and Streamlit's page drew the filters' nine widgets (and loaded their
# scripts) just when the frame opened, which in some loads held the map's frame back until the
# widgets were drawn. The frame says so at DRAWN_ROUTE/<token> (the token is one of the run's
# arguments); the page's script waits for it (pages.map). No rerun: the run goes on where it waited.
DRAWN_ROUTE = "/incident-map/drawn"
FILTERS_WAIT_S = 1.5
_drawings: OrderedDict[str, threading.Event] = OrderedDict()


def expect_drawing(token: str) -> threading.Event:
    """The event that mark_drawn(token) sets (the last few hundred tokens are kept)."""
    with _payloads_lock:
        event = _drawings.setdefault(token, threading.Event())
        while len(_drawings) > 256:
            _drawings.popitem(last=False)
    return event


def mark_drawn(token: str) -> bool:
    """The map's frame has drawn the first view of the run that handed it token; False for an unknown token."""
    with _payloads_lock:
        event = _drawings.get(token)
    if event is None:
        return False
    event.set()
    return True


# What serve.py hands out, gzipped once per content rather than on every request. Streamlit's
# server gzips every answer but its own bundle's at level 9, anew for each request: 0.09 s of a core
# for the 2.5 MB payload at 200,000 incidents, 0.33 s for the borders' 750 kB of JSON, on every
# load by a browser that has not kept them, on a machine whose browser needs the same cores then.
# Level 1: the payload's typed arrays gain little more from a higher one (985 against 932 kB, a
# third of the time of level 6); an answer that says it is encoded is passed on as it is.
GZIP_LEVEL = 1
_gzipped: OrderedDict[str, bytes] = OrderedDict()


def gzipped(data: bytes, key: str | None = None) -> bytes:
    """data gzipped (kept for the last KEPT_PAYLOADS + a few contents, by their digest; key: the
    digest when known)."""
    key = key or digest(data)
    with _payloads_lock:
        found = _gzipped.get(key)
        if found is not None:
            _gzipped.move_to_end(key)
            return found
    packed = gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)
    with _payloads_lock:
        _gzipped[key] = packed
        while len(_gzipped) > KEPT_PAYLOADS + 4:
            _gzipped.popitem(last=False)
    return packed



# Under serve.py the Map page's component is served from COMPONENT_ROUTE rather than Streamlit's
# component route, whose answers carry neither a validator nor a lifetime: a browser fetched the
# page and its scripts again on every visit. Here the page is one file, which holds its scripts
# (Leaflet, its plugins and ours, joined in the page's order) and its stylesheets: Leaflet's files
# from /app/static/ were asked again on every visit too (no lifetime), and in a cold browser each
# request waited for one of HTTP/1.1's six connections, which the page's 70 other scripts hold
# (0.1-0.2 s for the joined scripts as a file of their own). The page is declared at an address
# carrying a digest of its content (component_page_url), which a browser may keep for good;
# another address of it is checked on every visit (with an ETag, serve.py).
COMPONENT_ROUTE = "/incident-map/component/incident_map"
COMPONENT_FILES = {"index.html": "text/html", "borders.json": "application/json"}
# The country borders: world-atlas (npm, ISC) at 1:50m, Natural Earth's data (public domain)
BORDERS_FILE = "node_modules/world-atlas/countries-50m.json"
KEEP = "public, max-age=31536000, immutable"
CHECK = "no-cache"
STATIC_URL = "/app/static/"  # Streamlit's serving of static/ (server.enableStaticServing)
# index.html's script and stylesheet elements, one per line as it writes them: each names a file
# of static/, by an address relative to the page or under STATIC_URL.
_SCRIPT = re.compile(r'[ \t]*<script src="([^"]+)"></script>\n')
_STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)">')
# A url() in a stylesheet relative to it (Leaflet's images), which an inline copy must spell out.
_CSS_URL = re.compile(r"url\((?![#/]|data:)([^)]+)\)")
# A script's last line naming its source map, which the page would look for at the wrong address.
_SOURCE_MAP = re.compile(r"^//# sourceMappingURL=\S*\s*$", re.MULTILINE)


def _static_path(address: str) -> str:
    """The path in static/ of an address in index.html ("/app/static/x/y.js" or "y.js")."""
    return address[len(STATIC_URL):] if address.startswith(STATIC_URL) else address


def joined_scripts(addresses: list[str]) -> str:
    """The scripts at these addresses of index.html, joined in their order, as one inline script's text
    ("</script" spelled "<\\/script", which means the same inside a script's strings and patterns)."""
    text = "\n;\n".join(_SOURCE_MAP.sub("", (STATIC_DIR / _static_path(a)).read_text(encoding="utf-8")).rstrip()
                         for a in addresses)
    return text.replace("</script", "<\\/script") + "\n"


@lru_cache(maxsize=4)
def _made(stamps: tuple[tuple[str, int, int], ...]) -> bytes:
    """index.html as serve.py hands it out. stamps: its files' names, modification times and sizes
    (a changed file makes it again)."""
    html = (STATIC_DIR / "index.html").read_text(encoding="utf-8")
    scripts = joined_scripts(_SCRIPT.findall(html))
    html = _SCRIPT.sub("", html).replace("</body>", f"<script>\n{scripts}</script>\n</body>")

    def inline(m: re.Match[str]) -> str:
        path = _static_path(m[1])
        folder = STATIC_URL + path.rpartition("/")[0] + "/" if "/" in path else STATIC_URL
        css = _CSS_URL.sub(lambda u: f"url({folder}{u[1]})", (STATIC_DIR / path).read_text(encoding="utf-8"))
        return f"<style>\n{css}\n</style>"

    return _STYLESHEET.sub(inline, html).encode("utf-8")


def _stamps() -> tuple[tuple[str, int, int], ...]:
    html = (STATIC_DIR / "index.html").read_text(encoding="utf-8")
    names = ["index.html", *(_static_path(a) for a in _SCRIPT.findall(html) + _STYLESHEET.findall(html))]
    return tuple((n, (info := (STATIC_DIR / n).stat()).st_mtime_ns, info.st_size) for n in names)


@lru_cache(maxsize=2)
def _borders(stamp: tuple[int, int]) -> bytes:
    """The country borders the map draws under its incidents (stamp: the file's modification time and size)."""
    return (STATIC_DIR / BORDERS_FILE).read_bytes()


def _content(name: str) -> bytes:
    if name == "borders.json":
        info = (STATIC_DIR / BORDERS_FILE).stat()
        return _borders((info.st_mtime_ns, info.st_size))
    return _made(_stamps())


def component_file(name: str, version: str | None) -> tuple[bytes, str, str] | None:
    """The component's page or its borders (content, media type, Cache-Control), or None for
    another name. version: the ?v= of the address; the file is kept by browsers only when it
    matches its content."""
    if name not in COMPONENT_FILES:
        return None
    data = _content(name)
    return data, COMPONENT_FILES[name], KEEP if version == digest(data) else CHECK


def component_page_url() -> str:
    """The address of the component's page under serve.py, with the digest of what it holds (its
    scripts and stylesheets included): a browser keeps it until one of them changes."""
    return f"{COMPONENT_ROUTE}/index.html?v={digest(_content('index.html'))}"


def component_borders_url() -> str:
    """The address of the country borders under serve.py, named by their digest: Streamlit's static
    serving gave them no lifetime (a warm browser asked again) and gzipped them anew each time."""
    return f"{COMPONENT_ROUTE}/borders.json?v={digest(_content('borders.json'))}"
