"""The map payloads serve.py hands out over HTTP, by digest (see pages.map_component).

Apart from pages.map_component because serve.py imports it when the server starts, before
Streamlit's runtime exists: a component declared then would not be registered."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict


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


