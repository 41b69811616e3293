"""RFC 7946 GeoJSON: one Point feature per incident, [longitude, latitude] in WGS84."""

from __future__ import annotations

import math
import os
import stat
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import orjson

from geo.records import Incident
from geo.schema import FIELD, PROPERTIES

ATTRIBUTION = (
    "Places: GeoNames (https://www.geonames.org/), CC BY 4.0. Incidents: extracted by incident-map from the "
    "cited articles; most are claims by the parties named in claimed_by."
)


def incident_properties(incident: Incident) -> dict[str, Any]:
    """The feature's properties in geo.schema.PROPERTIES order (the snapshot writes the same)."""
    out: dict[str, Any] = {}
    for name in PROPERTIES:
        if name == "n_sources":
            out[name] = len(incident.sources)
            continue
        value = getattr(incident, name)
        kind = FIELD[name].kind
        if kind == "date":
            value = value.isoformat()
        elif kind == "names":
            value = list(value)
        elif kind == "sources":
            value = [{"article_id": s.article_id, "title": s.article_title, "url": s.url, "outlet": s.outlet,
                      "quote": s.quote, "start": s.start, "end": s.end} for s in value]
        out[name] = value
    return out


def feature(incident: Incident) -> dict[str, Any]:
    lon, lat = round(incident.longitude, 6), round(incident.latitude, 6)
    if not (-180 <= lon <= 180 and -90 <= lat <= 90) or math.isnan(lon) or math.isnan(lat):
        raise ValueError(f"incident {incident.id}: coordinates out of range: {lat}, {lon}")
    return {"type": "Feature", "id": incident.id, "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": incident_properties(incident)}


def check_coordinates(ids: Any, latitudes: Any, longitudes: Any) -> None:
    """Raise ValueError naming the first incident whose coordinates are not WGS84 degrees (columns)."""
    lat, lon = np.asarray(latitudes, dtype=float), np.asarray(longitudes, dtype=float)
    bad = ~(np.isfinite(lat) & np.isfinite(lon) & (np.abs(lat) <= 90) & (np.abs(lon) <= 180))
    if bad.any():
        k = int(np.argmax(bad))
        raise ValueError(f"incident {list(ids)[k]}: coordinates out of range: {lat[k]}, {lon[k]}")


def collection_metadata(count: int, filters: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "generator": "incident-map",
        "count": count,
        "filters": {k: v for k, v in (filters or {}).items() if v not in (None, "", [], ())},
        "attribution": ATTRIBUTION,
    }


def feature_collection(incidents: list[Incident], filters: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": [feature(i) for i in incidents],
            "metadata": collection_metadata(len(incidents), filters)}


def dumps_bytes(collection: dict[str, Any]) -> bytes:
    """UTF-8 JSON, compact. orjson: about ten times quicker than the json module on a large snapshot."""
    return orjson.dumps(collection)


def dumps(collection: dict[str, Any]) -> str:
    return dumps_bytes(collection).decode("utf-8")


def write_atomically(path: Path, data: str | bytes | memoryview) -> None:
    """Write to a temporary file beside path, then rename: readers never see half a file.

    The file gets the mode a plain open() would give it (0644 under umask 022; mkstemp's 0600
    would hide an export from the user's colleagues), or keeps the mode of the file it replaces.
    A path that exists and is not a regular file (a FIFO, /dev/stdout, /dev/full) is written to
    directly: renaming over a device node would replace the device."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if path.exists() and not path.is_file():
        with open(path, "wb") as fh:
            fh.write(payload)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _umask() -> int:
    """The process's umask, read without changing it where Linux tells it (os.umask would set it
    for every thread for a moment)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    current = os.umask(0o022)
    os.umask(current)
    return current
