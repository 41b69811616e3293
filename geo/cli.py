"""The incident-map command line: geocode, extract, ingest, export, import."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from geo.errors import IncidentMapError


def _cmd_geocode(args: argparse.Namespace) -> int:
    from geo.gazetteer import Gazetteer
    from geo.geocoding import OfflineGazetteer

    geocoder = OfflineGazetteer(Gazetteer.open())
    location = geocoder.geocode(args.name, context=args.context or None)
    if location is None:
        print(f"incident-map: no place matches {args.name!r}", file=sys.stderr)
        return 1
    assert not isinstance(location, list)
    raw = location.raw
    print(json.dumps({
        "name": raw["name"], "lat": location.latitude, "lon": location.longitude,
        "country": raw["country_code"], "admin1": raw["admin1"], "geonameid": raw["geonameid"],
        "score": raw["score"], "kind": raw["kind"], "matched_by": raw["matched_by"],
    }, ensure_ascii=False))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="incident-map", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    geocode = sub.add_parser("geocode", help="find a place by name, offline")
    geocode.add_argument("name")
    geocode.add_argument("--context", default="", help="text around the name (its article, a region)")
    geocode.set_defaults(func=_cmd_geocode)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except IncidentMapError as exc:
        print(f"incident-map: {exc}", file=sys.stderr)
        return 2
