"""incident-map: incidents reported in news articles, geocoded offline.

The pipeline, one subpackage per stage:

- ``geo.intake``: articles in (files, pasted text, encodings), ingest into the store, curated
  rows (data/events.csv), imports of GeoJSON snapshots and ACLED CSV, and their validation;
- ``geo.extract``: from an article's text to incidents (sentences, dates, actors, claims,
  trigger words, place mentions, merging reports of one incident);
- ``geo.gazetteer``: the offline gazetteer (GeoNames), its index and a geopy Geocoder over it;
- ``geo.store``: the SQLite (or any SQLAlchemy) store, its frames and their filters;
- ``geo.export``: GeoJSON (RFC 7946), the snapshot of many incidents, CSV;
- ``geo.map``: the map's payload and Leaflet layer, and the assets it serves.

The public API is re-exported here, imported on first use so that ``python -m geo`` starts fast:
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_API = {
    "Incident": "geo.records", "Article": "geo.records", "Place": "geo.records", "Source": "geo.records",
    "IncidentMapError": "geo.errors", "BadInput": "geo.errors", "StoreError": "geo.errors",
    "GazetteerError": "geo.errors", "TimeLimitExceeded": "geo.errors",
    "read_article": "geo.intake.articles", "article_from_text": "geo.intake.articles",
    "ingest_paths": "geo.intake.ingest", "import_file": "geo.intake.importer",
    "extract_incidents": "geo.extract.pipeline",
    "Gazetteer": "geo.gazetteer.lookup", "Context": "geo.gazetteer.lookup", "OfflineGazetteer": "geo.gazetteer.geocoder",
    "open_engine": "geo.store.db", "update_incident": "geo.store.db", "read_tables": "geo.store.tables",
    "IncidentFilter": "geo.store.filters", "filter_frame": "geo.store.filters",
    "feature_collection": "geo.export.geojson", "snapshot_bytes": "geo.export.snapshot",
    "incidents_csv": "geo.export.csv_file",
}
__all__ = ["__version__", *_API]


def __getattr__(name: str) -> Any:
    if name in _API:
        return getattr(import_module(_API[name]), name)
    raise AttributeError(f"module 'geo' has no attribute {name!r}")
