"""Place names for the map's own label layer, read from our gazetteer's index (GeoNames, CC BY 4.0).

Offline the base map has no tiles: these labels make it readable. The map draws the largest
places first and more as one zooms in (static/map_component.js), so each row carries a size
rank. Read straight from the index's `places` table (geo/gazetteer/index.py SCHEMA): the
gazetteer's lookups are by name, and this is a box query over positions.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Iterable
from pathlib import Path

import orjson

# Population from which a place gets each rank (6 = a million and more); the map shows rank 6
# at continental zooms, every place of rank 0 from zoom 10.
RANKS = ((1_000_000, 6), (300_000, 5), (100_000, 4), (30_000, 3), (10_000, 2), (2_000, 1))
# A first-level region's name ranks beside towns of 100,000 (drawn at zooms 5 to 8 only).
REGION_RANK = 4
# Labels around the incidents: this many degrees beyond their box, at most this many places.
MARGIN_DEG = 3.0
MAX_LABELS = 5_000
# Where the incidents are, more: the box's largest places alone are a world's cities when the
# incidents span the world, and zoomed in on one of them the map has no town to read. So each
# whole-degree cell holding incidents, and its eight neighbours, adds its most populous places
# of rank 1 and more (at zoom 9 a cell is about 2 by 3 of the map's widths of 100 px), up to a
# total: about 25 labels a cell is what the map draws there at zooms 9-10 on the seeds.
LOCAL_PER_CELL = 25
MAX_LOCAL_LABELS = 6_000


def rank_of(population: int) -> int:
    return next((rank for floor, rank in RANKS if population >= floor), 0)


def incident_cells(latitudes: Iterable[float], longitudes: Iterable[float]) -> tuple[tuple[int, int], ...]:
    """The whole-degree cells (floor of latitude, floor of longitude) that hold the given points, sorted."""
    return tuple(sorted({(math.floor(lat), math.floor(lon)) for lat, lon in zip(latitudes, longitudes, strict=True)
                         if lat == lat and lon == lon}))  # noqa: PLR0124 - NaN is not equal to itself


def label_rows(index_path: Path, box: tuple[float, float, float, float],
               cells: Iterable[tuple[int, int]] = ()) -> list[list]:
    """[name, lat, lon, rank, kind] for places and regions inside box (south, west, north, east)
    widened by MARGIN_DEG, largest first; kind is "place" or "region". cells (incident_cells of the
    incidents) add, in each and around it, its LOCAL_PER_CELL most populous places of rank 1 and more."""
    south, west, north, east = box
    south, north = max(-90.0, south - MARGIN_DEG), min(90.0, north + MARGIN_DEG)
    west, east = max(-180.0, west - MARGIN_DEG), min(180.0, east + MARGIN_DEG)
    near = {(cy + dy, cx + dx) for cy, cx in cells for dy in (-1, 0, 1) for dx in (-1, 0, 1)}
    con = sqlite3.connect(f"file:{index_path}?mode=ro&immutable=1", uri=True)
    try:
        where = "latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ?"
        found = con.execute(  # regions have no population: asked for apart from the places
            f"SELECT name, latitude, longitude, population, kind FROM places WHERE kind = 'region' AND {where}",
            (south, north, west, east)).fetchall()
        found += con.execute(
            f"SELECT name, latitude, longitude, population, kind FROM places WHERE kind = 'populated place' AND {where} "
            "ORDER BY population DESC LIMIT ?", (south, north, west, east, MAX_LABELS)).fetchall()
        if near:
            # each near cell's places, most populous first (CAST truncates; +90 and +180 make it a floor)
            con.execute("CREATE TEMP TABLE near (cy INTEGER, cx INTEGER, PRIMARY KEY (cy, cx)) WITHOUT ROWID")
            con.executemany("INSERT INTO near VALUES (?, ?)", sorted(near))
            local = con.execute(
                "SELECT name, latitude, longitude, population, kind, rn FROM ("
                "SELECT name, latitude, longitude, population, kind, ROW_NUMBER() OVER (PARTITION BY "
                "CAST(latitude + 90 AS INTEGER), CAST(longitude + 180 AS INTEGER) ORDER BY population DESC) AS rn "
                f"FROM places WHERE kind = 'populated place' AND population >= ? AND {where} AND EXISTS (SELECT 1 "
                "FROM near WHERE cy = CAST(latitude + 90 AS INTEGER) - 90 AND cx = CAST(longitude + 180 AS INTEGER) - 180)"
                ") WHERE rn <= ? ORDER BY rn, population DESC LIMIT ?",
                (RANKS[-1][0], south, north, west, east, LOCAL_PER_CELL, MAX_LOCAL_LABELS)).fetchall()
            seen = {(r[0], r[1], r[2]) for r in found}
            found += [r[:5] for r in local if (r[0], r[1], r[2]) not in seen]
    finally:
        con.close()
    rows = [[name, round(lat, 4), round(lon, 4), REGION_RANK if kind == "region" else rank_of(population),
             "region" if kind == "region" else "place"] for name, lat, lon, population, kind in found]
    rows.sort(key=lambda r: -r[3])  # stable: within a rank, the most populous first
    return rows


def labels_payload(index_path: Path, box: tuple[float, float, float, float],
                   cells: Iterable[tuple[int, int]] = ()) -> bytes:
    return orjson.dumps(label_rows(index_path, box, cells))


# How far (degrees) around a pinned point to look for known places; the nearest few decide.
NEAR_DEG = 0.75
NEAREST = 5


def nearest_known(index_path: Path, latitude: float, longitude: float) -> tuple[str, str]:
    """The country code and first-level region of a point, from the known places nearest to it
    (a majority of the NEAREST closest within NEAR_DEG; ("", "") when none is that close): a place
    pinned on the map gets them, so that the country and region filters keep its incidents."""
    import math
    from collections import Counter

    con = sqlite3.connect(f"file:{index_path}?mode=ro&immutable=1", uri=True)
    try:
        found = con.execute(
            "SELECT p.latitude, p.longitude, p.country, COALESCE(r.name, '') FROM places p LEFT JOIN regions r "
            "ON r.country = p.country AND r.admin1_code = p.admin1_code WHERE p.kind = 'populated place' "
            "AND p.latitude BETWEEN ? AND ? AND p.longitude BETWEEN ? AND ?",
            (latitude - NEAR_DEG, latitude + NEAR_DEG, longitude - NEAR_DEG, longitude + NEAR_DEG)).fetchall()
    finally:
        con.close()
    if not found:
        return "", ""
    cos = math.cos(math.radians(latitude))
    found.sort(key=lambda r: (r[0] - latitude) ** 2 + ((r[1] - longitude) * cos) ** 2)
    votes = Counter((country, region) for _, _, country, region in found[:NEAREST])
    best = max(votes.values())
    # ties go to the nearest place's answer
    return next((c, r) for _, _, c, r in found[:NEAREST] if votes[(c, r)] == best)
