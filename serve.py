"""`streamlit run serve.py`: the dashboard (app.py), its caches filled before the server opens.

Streamlit runs app.py only when a visitor opens a page, so the first visitor after a start
waited for the store to be read and the map built (16.5 s at 200,000 incidents). st.App's
lifespan hook runs before the server answers: it reads the store and builds the unfiltered map
through the same cached functions the pages call, so the first visitor finds them ready. The
server takes that much longer to start (about 5 s at 200,000 incidents; nothing for a small
store); a store that cannot be read is left to the page, which says why."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import lru_cache
from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from streamlit import config

from geo.map.layer import PACKED_MAGIC
from pages.payloads import (
    COMPONENT_FILES,
    COMPONENT_ROUTE,
    DRAWN_ROUTE,
    FIRST_VIEW_CACHE,
    FIRST_VIEW_ROUTE,
    KEEP,
    PAYLOAD_ROUTE,
    ROUTE_ENV,
    component_file,
    digest,
    gzipped,
    kept_payload,
    mark_drawn,
)
from pages.preload import map_page_scripts, with_preloads

# Streamlit watches the files of every module a page imported, to rerun a page whose source was
# edited: after each run of a page (and, for each open page, every 3 s: the store's watch is a
# fragment) it resolves the paths of all the loaded modules, and each new visitor's session adds
# watches over their folders, on the server's event loop, which meanwhile answers no request. In
# cold loads of the Map page at 200,000 incidents, Streamlit's component script and the map's page
# waited 0.19-0.27 s for their first byte then. The dashboard `make run` serves is not edited while
# it is used; `streamlit run app.py` still reruns on an edit.
config.set_option("server.fileWatcherType", "none")
# Smaller answers are not worth a gzip stream's header and a browser's inflating.
GZIP_FROM = 1024


def warm_caches() -> None:
    """What the Map page reads for a view with no filter, through the pages' own caches, and the
    modules its first run would import (not those that declare a component: a component declared
    outside a script run is not registered)."""
    import geo.export.formats  # noqa: F401
    import pages.sidebar  # noqa: F401
    import pages.timeline  # noqa: F401
    from geo.errors import IncidentMapError
    from geo.store.filters import IncidentFilter
    from pages.data import (
        colours,
        current_version,
        db_url,
        filter_options,
        load_tables,
        map_payload_for,
        place_labels,
        timeline_for,
    )

    url = db_url()
    try:
        version = current_version(url)
        # The tables are read inside filter_options, a cached function without a spinner: read
        # first by load_tables, whose spinner ("Loading incidents…") has no page to be drawn in
        # here, Streamlit logged "missing ScriptRunContext" at every start.
        filter_options(url, version)
        load_tables(url, version)
        colours(url, version)
        map_payload_for(url, version, IncidentFilter())
        first = _first_view()
        if first:
            gzipped(*first)  # as a browser will ask for it
        for name in COMPONENT_FILES:
            found = component_file(name, None)
            if found:
                gzipped(found[0])
        place_labels(url, version)
        timeline_for(url, version, IncidentFilter())
    except IncidentMapError:
        return  # the page says why when someone opens it


# The Map page's addresses (the default page, "/", and "/map"): their HTML names the Streamlit
# scripts the page will need (pages.preload).
MAP_PAGE_PATHS = ("/", "/map")


class PreloadMapScripts:
    """ASGI middleware: the Map page's HTML with pages.preload's links in it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") != "GET" or scope.get("path") not in MAP_PAGE_PATHS \
                or not map_page_scripts():
            await self.app(scope, receive, send)
            return
        # asked for as it is (Streamlit gzips the HTML of addresses other than "/"): it is rewritten
        scope = {**scope, "headers": [(k, v) for k, v in scope["headers"] if k.lower() != b"accept-encoding"]}
        start: Message | None = None
        parts: list[bytes] = []

        async def rewritten(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                return
            if message["type"] != "http.response.body" or start is None:
                await send(message)
                return
            parts.append(message.get("body", b""))
            if message.get("more_body"):
                return
            body, headers = b"".join(parts), list(start.get("headers", []))
            if any(k.lower() == b"content-type" and v.startswith(b"text/html") for k, v in headers):
                body = with_preloads(body)
                headers = [(k, v) for k, v in headers if k.lower() != b"content-length"]
                headers.append((b"content-length", str(len(body)).encode("ascii")))
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, rewritten)


async def _answer(request: Request, data: bytes, media_type: str, headers: dict[str, str],
                  key: str | None = None) -> Response:
    """data as the answer, gzipped when the browser takes gzip (once per content: pages.payloads.gzipped;
    key: its digest when known)."""
    if len(data) >= GZIP_FROM and "gzip" in request.headers.get("accept-encoding", ""):
        body = await asyncio.to_thread(gzipped, data, key)
        headers = {**headers, "Content-Encoding": "gzip", "Vary": "Accept-Encoding"}
        return Response(body, media_type=media_type, headers=headers)
    return Response(data, media_type=media_type, headers={**headers, "Vary": "Accept-Encoding"})


async def payload(request: Request) -> Response:
    """A map payload, the map's place names or its timeline, by digest (pages.map_component): immutable, so
    browsers may keep it."""
    data = kept_payload(request.path_params["key"])
    if data is None:
        return Response(status_code=404)
    packed = data.startswith(PACKED_MAGIC)  # the map's payload; else place names or the timeline (JSON)
    return await _answer(request, data, "application/octet-stream" if packed else "application/json",
                         {"Cache-Control": KEEP}, request.path_params["key"])


def _first_view() -> tuple[bytes, str] | None:
    """The payload of the view of every incident and its digest, or None when the store cannot be read."""
    from geo.errors import IncidentMapError
    from pages.data import current_version, db_url

    url = db_url()
    try:
        return _first_view_of(url, current_version(url))
    except IncidentMapError:
        return None


@lru_cache(maxsize=2)
def _first_view_of(url: str, version: str) -> tuple[bytes, str]:
    """Kept here as well: each answer would otherwise copy 2.5 MB out of Streamlit's cache at
    200,000 incidents and hash it again for its ETag."""
    from geo.store.filters import IncidentFilter
    from pages.data import map_payload_for

    data = map_payload_for(url, version, IncidentFilter())
    return data, digest(data)


async def first_view(request: Request) -> Response:
    """The payload of the view of every incident, asked for by the map's page as it opens, with the
    query string of the page around it (pages.payloads.FIRST_VIEW_ROUTE): nothing (204) when that
    holds a filter. Its ETag is the payload's digest (FIRST_VIEW_CACHE: used at once and checked)."""
    from pages.sidebar import URL_FILTER_KEYS

    if any(key in request.query_params for key in URL_FILTER_KEYS):
        return Response(status_code=204)
    found = await asyncio.to_thread(_first_view)
    if found is None:
        return Response(status_code=204)
    data, key = found
    etag = f'"{key}"'
    headers = {"Cache-Control": FIRST_VIEW_CACHE, "ETag": etag}
    if etag in (t.strip() for t in request.headers.get("if-none-match", "").split(",")):
        return Response(status_code=304, headers=headers)
    return await _answer(request, data, "application/octet-stream", headers, key)


async def component(request: Request) -> Response:
    """The Map page's component: one page holding its scripts, and the map's country borders, kept
    by browsers by their content's digest (pages.payloads)."""
    found = component_file(request.path_params["name"], request.query_params.get("v"))
    if found is None:
        return Response(status_code=404)
    data, media_type, cache_control = found
    if cache_control == KEEP:
        return await _answer(request, data, media_type, {"Cache-Control": cache_control})
    # another address of the page is checked on every visit: unchanged, it is answered "not modified"
    etag = f'"{digest(data)}"'
    headers = {"Cache-Control": cache_control, "ETag": etag}
    if etag in (t.strip() for t in request.headers.get("if-none-match", "").split(",")):
        return Response(status_code=304, headers=headers)
    return await _answer(request, data, media_type, headers)


async def drawn(request: Request) -> Response:
    """The map's frame has drawn its first view (pages.payloads.DRAWN_ROUTE): the page's script,
    which waits for it, draws the sidebar's filters."""
    return Response(status_code=204 if mark_drawn(request.path_params["token"]) else 404)


@asynccontextmanager
async def _lifespan(_app: st.App) -> AsyncIterator[None]:
    await asyncio.to_thread(warm_caches)
    yield


os.environ[ROUTE_ENV] = "1"
app = st.App(Path(__file__).with_name("app.py"), lifespan=_lifespan,
             middleware=[Middleware(PreloadMapScripts)],
             routes=[Route(PAYLOAD_ROUTE + "/{key}", payload, methods=["GET"]),
                     Route(FIRST_VIEW_ROUTE, first_view, methods=["GET"]),
                     Route(COMPONENT_ROUTE + "/{name}", component, methods=["GET"]),
                     Route(DRAWN_ROUTE + "/{token}", drawn, methods=["POST"])])
