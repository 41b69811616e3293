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
COMPONENT_FILES = {"index.html": "text/html"}
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


def component_file(name: str, version: str | None) -> tuple[bytes, str, str] | None:
    """The component's page (content, media type, Cache-Control), or None for another name.
    version: the ?v= of the address; the page is kept by browsers only when it matches its content."""
    if name not in COMPONENT_FILES:
        return None
    data = _made(_stamps())
    return data, COMPONENT_FILES[name], KEEP if version == digest(data) else CHECK


def component_page_url() -> str:
    """The address of the component's page under serve.py, with the digest of what it holds (its
    scripts and stylesheets included): a browser keeps it until one of them changes."""
    return f"{COMPONENT_ROUTE}/index.html?v={digest(_made(_stamps()))}"
