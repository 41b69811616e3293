"""The incident-map command line: geocode, extract, ingest, export, import, evaluate."""

from __future__ import annotations

import argparse
import errno
import json
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from geo.errors import IncidentMapError


def _cmd_geocode(args: argparse.Namespace) -> int:
    from geo.gazetteer.geocoder import OfflineGazetteer
    from geo.gazetteer.lookup import Gazetteer

    fallback = None
    if args.online or os.environ.get("INCIDENT_MAP_ONLINE") == "1":
        from geo.gazetteer.geocoder import OnlineFallback
        from geo.gazetteer.index import cache_dir

        fallback = OnlineFallback(cache_dir() / "nominatim.sqlite")
    geocoder = OfflineGazetteer(Gazetteer.open(), fallback=fallback)
    location = geocoder.geocode(args.name, context=args.context or None)
    if location is None:
        print(f"incident-map: no place matches {args.name!r}", file=sys.stderr)
        return 1
    assert not isinstance(location, list)
    raw = location.raw
    if "geonameid" not in raw:  # a Nominatim answer
        raw = {"name": location.address, "country_code": "", "admin1": "", "geonameid": None, "score": None,
               "kind": raw.get("type", ""), "matched_by": "nominatim"}
    print(json.dumps({
        "name": raw["name"], "lat": location.latitude, "lon": location.longitude,
        "country": raw["country_code"], "admin1": raw["admin1"], "geonameid": raw["geonameid"],
        "score": raw["score"], "kind": raw["kind"], "matched_by": raw["matched_by"],
    }, ensure_ascii=False))
    return 0


def _published(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def _cmd_extract(args: argparse.Namespace) -> int:
    from geo.export.geojson import dumps, feature_collection
    from geo.extract.pipeline import extract_incidents
    from geo.gazetteer.lookup import Gazetteer
    from geo.intake.articles import ArticleMeta, read_article

    article = read_article(Path(args.file), ArticleMeta(Path(args.file).name, args.title or "", args.outlet or "",
                                                        "", args.published))
    found = extract_incidents(article, Gazetteer.open())
    print(dumps(feature_collection(found, {"article": article.id})))
    return 0


def _jobs(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--jobs takes a whole number of processes, not {text!r}") from None
    if not 1 <= n <= 64:
        raise argparse.ArgumentTypeError(f"--jobs takes 1 to 64 processes, not {n}")
    return n


def _cmd_ingest(args: argparse.Namespace) -> int:
    from geo.gazetteer.lookup import Gazetteer
    from geo.intake.articles import ArticleMeta
    from geo.intake.ingest import ingest_paths, print_progress
    from geo.store.db import count_articles, open_engine

    engine = open_engine(args.db)
    if args.if_empty and count_articles(engine) > 0:
        print("the store already holds articles; nothing to do")
        return 0
    defaults = ArticleMeta("", args.title or "", args.outlet or "", "", args.published) if (
        args.published or args.title or args.outlet) else None
    report = ingest_paths(engine, [Path(p) for p in args.paths], Gazetteer.open(), defaults=defaults,
                          progress=print_progress, jobs=args.jobs)
    print(report.summary())
    for error in report.errors:
        print(f"incident-map: {error}", file=sys.stderr)
    if report.stopped:
        print(f"incident-map: stopped after {report.articles} new article(s): {report.stopped}", file=sys.stderr)
    return 1 if report.errors or report.stopped else 0


def _cmd_export(args: argparse.Namespace) -> int:
    from geo.export.formats import FORMATS, export_bytes, write_export
    from geo.store.db import open_engine
    from geo.store.filters import IncidentFilter, filter_frame
    from geo.store.tables import read_tables

    fmt = args.format or next((f for f, (suffix, _) in FORMATS.items() if args.output
                               and args.output.lower().endswith(suffix) and f != "acled"), "geojson")
    flt = IncidentFilter(since=args.since, until=args.until, groups=tuple(args.group or ()), types=tuple(args.type or ()),
                         countries=tuple(args.country or ()))
    tables = read_tables(open_engine(args.db))
    view = filter_frame(tables.incidents, flt)
    if args.output:
        write_export(Path(args.output), fmt, tables, view, flt.as_metadata())
        print(f"{len(view)} incidents written to {args.output} ({fmt})", file=sys.stderr)
    else:
        sys.stdout.buffer.write(export_bytes(fmt, tables, view, flt.as_metadata()) + (b"\n" if fmt == "geojson" else b""))
        sys.stdout.flush()
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    from geo.intake.dates import Order
    from geo.intake.importer import ImportOptions, import_file, write_errors
    from geo.intake.mapping import parse_map
    from geo.store.db import open_engine

    order: Order | None = "dayfirst" if args.dayfirst else "monthfirst" if args.monthfirst else None
    options = ImportOptions(mapping=parse_map(args.map or ()), order=order, update=args.update,
                            dataset=args.dataset or "")
    engine = open_engine(args.db)

    bar = sys.stderr.isatty()

    def progress(line: str, *, share: float | None = None, log: bool = True) -> None:
        """A bar on a terminal (moving every 1,000 rows), a line every 10,000 rows in a log."""
        if bar and share is not None:
            filled = int(30 * share)
            print(f"\r[{'#' * filled}{'.' * (30 - filled)}] {line}", end="", file=sys.stderr, flush=True)
        elif log:
            print(f"import: {line}", file=sys.stderr, flush=True)

    report = import_file(engine, Path(args.file), options, progress=progress)
    if bar and report.read >= 1_000:
        print(file=sys.stderr)  # the end of the bar's line
    print(report.summary())
    for problem in report.bad[:50]:
        print(f"incident-map: {problem}", file=sys.stderr)
    if len(report.bad) > 50:
        print(f"incident-map: … and {len(report.bad) - 50} more rejected rows"
              + ("" if args.errors else " (--errors FILE writes them all)"), file=sys.stderr)
    if args.errors and report.errors:
        write_errors(report, Path(args.errors))
        print(f"incident-map: {len(report.errors)} rejected rows written to {args.errors}", file=sys.stderr)
    return 1 if report.bad else 0


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from geo.evaluate import as_json, as_text, evaluate
    from geo.gazetteer.lookup import Gazetteer

    result = evaluate(Path(args.articles), Path(args.gold), Gazetteer.open())
    print(json.dumps(as_json(result), indent=2) if args.json else as_text(result, verbose=args.verbose))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="incident-map", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    geocode = sub.add_parser("geocode", help="find a place by name, offline")
    geocode.add_argument("name")
    geocode.add_argument("--context", default="", help="text around the name (its article, a region)")
    geocode.add_argument("--online", action="store_true",
                         help="ask OpenStreetMap's Nominatim (1 request/s, answers cached) when the gazetteer has no match")
    geocode.set_defaults(func=_cmd_geocode)

    extract = sub.add_parser("extract", help="print one article's incidents as GeoJSON; touches no store")
    extract.add_argument("file")
    extract.add_argument("--published", type=_published, required=True, help="publication date, YYYY-MM-DD")
    extract.add_argument("--title")
    extract.add_argument("--outlet")
    extract.set_defaults(func=_cmd_extract)

    ingest = sub.add_parser("ingest", help="read articles (files or folders) into the store")
    ingest.add_argument("paths", nargs="+")
    ingest.add_argument("--db", help="SQLAlchemy URL (default: $INCIDENT_MAP_DB or sqlite:///data/incidents.sqlite)")
    ingest.add_argument("--published", type=_published, help="publication date for files not in data/articles.csv")
    ingest.add_argument("--title")
    ingest.add_argument("--outlet")
    ingest.add_argument("--if-empty", action="store_true", help="only when the store holds no article yet")
    ingest.add_argument("--jobs", "-j", type=_jobs, default=1, metavar="N",
                        help="extract in N processes (one writes to the store); default 1")
    ingest.set_defaults(func=_cmd_ingest)

    export = sub.add_parser("export", help="write the stored incidents as GeoJSON, CSV, ACLED CSV or GeoPackage")
    export.add_argument("--db")
    export.add_argument("--since", type=_published)
    export.add_argument("--until", type=_published)
    export.add_argument("--group", action="append", help="an actor; repeat for several")
    export.add_argument("--type", action="append", help="an event type; repeat for several")
    export.add_argument("--country", action="append", help="an ISO country code; repeat for several")
    export.add_argument("-o", "--output", help="file to write (atomically); stdout when absent")
    export.add_argument("--format", choices=("geojson", "csv", "acled", "gpkg"),
                        help="geojson (our snapshot), csv, acled (ACLED's columns) or gpkg (GeoPackage); "
                             "default: by the output's suffix, else geojson")
    export.set_defaults(func=_cmd_export)

    importer = sub.add_parser(
        "import", help="add incidents from an ACLED export, a GeoJSON FeatureCollection, a TimeMap JSON or any CSV")
    importer.add_argument("file", help="CSV, GeoJSON or JSON (also .gz, or a .zip holding one)")
    importer.add_argument("--db")
    importer.add_argument("--map", action="append", metavar="FIELD=COLUMN",
                          help="read FIELD from COLUMN (e.g. date=EVENT_DATE, place=location); repeat for several")
    order = importer.add_mutually_exclusive_group()
    order.add_argument("--dayfirst", action="store_true", help="read 04/05/2022 as 4 May")
    order.add_argument("--monthfirst", action="store_true", help="read 04/05/2022 as 5 April")
    importer.add_argument("--update", action="store_true",
                          help="replace stored rows the file re-issues (a newer ACLED timestamp)")
    importer.add_argument("--errors", metavar="FILE", help="write every rejected row to FILE (CSV, fix and re-import)")
    importer.add_argument("--dataset", help="the dataset's name, for attribution (default: ACLED or the file's name)")
    importer.set_defaults(func=_cmd_import)

    evaluate = sub.add_parser("evaluate", help="score extraction against hand-made gold incidents; touches no store")
    evaluate.add_argument("articles", help="ARTICLES.csv: file,title,outlet,url,published (files relative to it)")
    evaluate.add_argument("gold", help="GOLD.csv: file,event_date,place,place_canonical,lat,lon,actor,event_type,...")
    evaluate.add_argument("--verbose", action="store_true", help="list every miss and every extra with its quote")
    evaluate.add_argument("--json", action="store_true", help="print the numbers as JSON")
    evaluate.set_defaults(func=_cmd_evaluate)
    return parser


# What to do about an OS error, by errno.
_OS_ADVICE = {
    errno.ENOSPC: "the disk is full: free some space or write somewhere else",
    errno.EDQUOT: "the disk quota is used up: free some space or write somewhere else",
    errno.EFBIG: "the file is larger than this system allows: write somewhere else",
    errno.EROFS: "the file system is read-only: write somewhere else",
    errno.EACCES: "permission denied: check the file's and its folder's permissions",
    errno.EPERM: "permission denied: check the file's and its folder's permissions",
    errno.ELOOP: "a symbolic link loop: fix or remove the link",
    errno.ENOENT: "no such file or folder",
    errno.EISDIR: "is a folder, not a file",
}


def _store_of(args: argparse.Namespace) -> str:
    from geo.store.db import database_url, shown_url

    return shown_url(database_url(getattr(args, "db", None)))


def _message(exc: BaseException, args: argparse.Namespace) -> str | None:
    """One line saying what went wrong and what to do, for the errors a user can meet; None for a bug."""
    import sqlite3

    from sqlalchemy.exc import DBAPIError

    if isinstance(exc, IncidentMapError):
        return str(exc)
    cause = exc.orig if isinstance(exc, DBAPIError) else exc
    if isinstance(cause, sqlite3.DatabaseError):  # a store read outside geo.store's own wrappers
        from geo.store.db import store_error_text

        return f"the store {_store_of(args)} failed: {store_error_text(cause)}"
    if isinstance(exc, OSError):
        # export names its target, not the temporary file beside it that failed
        target = getattr(args, "output", None) or exc.filename or "output"
        advice = _OS_ADVICE.get(exc.errno or 0, exc.strerror or str(exc))
        return f"{target}: {advice}"
    return None


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except IncidentMapError as exc:
        print(f"incident-map: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `incident-map export | head`: the reader has what it wanted
        sys.stderr.close()
        return 1
    except KeyboardInterrupt:
        print("incident-map: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        message = _message(exc, args)
        if message is None:
            raise
        print(f"incident-map: {message}", file=sys.stderr)
        return 1
