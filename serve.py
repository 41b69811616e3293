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
from pathlib import Path

import streamlit as st
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from geo.map.layer import PACKED_MAGIC
from pages.payloads import COMPONENT_ROUTE, KEEP, PAYLOAD_ROUTE, ROUTE_ENV, component_file, digest, kept_payload


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
        label_box,
        load_frame,
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
        place_labels(label_box(load_frame(url, version)))
        timeline_for(url, version, IncidentFilter())
    except IncidentMapError:
        return  # the page says why when someone opens it


async def payload(request: Request) -> Response:
    """A map payload, the map's place names or its timeline, by digest (pages.map_component): immutable, so
    browsers may keep it."""
    data = kept_payload(request.path_params["key"])
    if data is None:
        return Response(status_code=404)
    packed = data.startswith(PACKED_MAGIC)  # the map's payload; else place names or the timeline (JSON)
    return Response(data, media_type="application/octet-stream" if packed else "application/json",
                    headers={"Cache-Control": "public, max-age=31536000, immutable"})


async def component(request: Request) -> Response:
    """The Map page's component: one page holding its scripts, kept by browsers by its content's digest
    (pages.payloads)."""
    found = component_file(request.path_params["name"], request.query_params.get("v"))
    if found is None:
        return Response(status_code=404)
    data, media_type, cache_control = found
    if cache_control == KEEP:
        return Response(data, media_type=media_type, headers={"Cache-Control": cache_control})
    # another address of the page is checked on every visit: unchanged, it is answered "not modified"
    etag = f'"{digest(data)}"'
    headers = {"Cache-Control": cache_control, "ETag": etag}
    if etag in (t.strip() for t in request.headers.get("if-none-match", "").split(",")):
        return Response(status_code=304, headers=headers)
    return Response(data, media_type=media_type, headers=headers)


@asynccontextmanager
async def _lifespan(_app: st.App) -> AsyncIterator[None]:
    await asyncio.to_thread(warm_caches)
    yield


os.environ[ROUTE_ENV] = "1"
app = st.App(Path(__file__).with_name("app.py"), lifespan=_lifespan,
             routes=[Route(PAYLOAD_ROUTE + "/{key}", payload, methods=["GET"]),
                     Route(COMPONENT_ROUTE + "/{name}", component, methods=["GET"])])
