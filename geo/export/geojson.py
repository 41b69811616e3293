"""RFC 7946 GeoJSON: one Point feature per incident, [longitude, latitude] in WGS84."""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

import numpy as np
import orjson

from geo.records import Incident
from geo.schema import FIELD, PROPERTIES

ATTRIBUTION = (
    "Places: GeoNames (https://www.geonames.org/), CC BY 4.0. Incidents: extracted by incident-map from the "
    "cited articles; most are claims by the parties named in claimed_by."
)
_PLACES = "Places: GeoNames (https://www.geonames.org/), CC BY 4.0."
_EXTRACTED = "Incidents: extracted by incident-map from the cited articles; most are claims by the parties named in claimed_by."
# The citation ACLED's terms of use require of any work that uses its data.
ACLED_CITATION = ("Armed Conflict Location & Event Data (ACLED), https://acleddata.com: ACLED's data are used under "
                  "its terms of use (https://acleddata.com/terms-of-use/), which require this citation.")


def attribution(datasets: Iterable[str] = ("",)) -> str:
    """Credits for the incidents of the given datasets ("" for incidents extracted from articles)."""
    names = sorted(set(datasets))
    parts = [_PLACES]
    if "" in names:
        parts.append(_EXTRACTED)
    if "ACLED" in names:
        parts.append("Incidents: " + ACLED_CITATION)
    others = [n for n in names if n not in ("", "ACLED")]
    if others:
        parts.append(f"Incidents imported from: {'; '.join(others)} (each incident's dataset field names its own).")
    return " ".join(parts)


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


def collection_metadata(count: int, filters: dict[str, Any] | None = None,
                        datasets: Iterable[str] = ("",)) -> dict[str, Any]:
    """The snapshot's metadata; its attribution credits every dataset its incidents come from."""
    names = sorted(set(datasets)) if count else [""]
    return {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "generator": "incident-map",
        "count": count,
        "filters": {k: v for k, v in (filters or {}).items() if v not in (None, "", [], ())},
        "datasets": [n or "incident-map" for n in names],
        "attribution": attribution(names),
    }


def feature_collection(incidents: list[Incident], filters: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": [feature(i) for i in incidents],
            "metadata": collection_metadata(len(incidents), filters, (i.dataset for i in incidents))}


def dumps_bytes(collection: dict[str, Any]) -> bytes:
    """UTF-8 JSON, compact. orjson: about ten times quicker than the json module on a large snapshot."""
    return orjson.dumps(collection)


def dumps(collection: dict[str, Any]) -> str:
    return dumps_bytes(collection).decode("utf-8")


