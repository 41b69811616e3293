"""The map payloads serve.py hands out over HTTP, by digest (see pages.map_component).

Apart from pages.map_component because serve.py imports it when the server starts, before
Streamlit's runtime exists: a component declared then would not be registered."""

from __future__ import annotations

import hashlib
import re
import threading
from collections import OrderedDict

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
# Here index.html names each of them with a digest of its content (?v=...), and those addresses
# may be kept for good; index.html itself is checked on every visit, so an upgrade shows at once.
COMPONENT_ROUTE = "/incident-map/component/incident_map"
COMPONENT_FILES = {"index.html": "text/html", "incident_map.css": "text/css", "incident_map.js": "text/javascript",
                   "timeline.js": "text/javascript", "map_component.js": "text/javascript"}
KEEP = "public, max-age=31536000, immutable"
CHECK = "no-cache"
# A src or href attribute naming one of our files, relative to index.html.
_OWN_FILE = re.compile(r'(src|href)="(' + "|".join(re.escape(n) for n in COMPONENT_FILES if n != "index.html") + ')"')


def component_file(name: str, version: str | None) -> tuple[bytes, str, str] | None:
    """One of the component's files (content, media type, Cache-Control), or None for another name.
    version: the ?v= of the address; a file is kept by browsers only when it matches its content."""
    if name not in COMPONENT_FILES:
        return None
    data = (STATIC_DIR / name).read_bytes()
    if name == "index.html":
        html = _OWN_FILE.sub(lambda m: f'{m[1]}="{m[2]}?v={digest((STATIC_DIR / m[2]).read_bytes())}"',
                             data.decode("utf-8"))
        return html.encode("utf-8"), COMPONENT_FILES[name], CHECK
    return data, COMPONENT_FILES[name], KEEP if version == digest(data) else CHECK
