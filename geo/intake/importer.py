"""Import incidents from a GeoJSON snapshot (our export) or an ACLED-format CSV.

Every row is checked by one model (geo.intake.validation); a bad row is reported with its line (or
feature number), field, value and what was expected, and the good rows are kept. A problem of
the whole file (not JSON, not a FeatureCollection, not UTF-8) is one BadInput. All good rows
are stored in one transaction.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, insert, select

from geo.errors import BadInput
from geo.intake.articles import MAX_ARTICLE_BYTES
from geo.intake.validation import RowProblem, check_feature, incident_from_row, shorten
from geo.records import Incident
from geo.store.db import articles, incident_row, incidents, sources, transaction

ACLED_REQUIRED = ("event_date", "event_type", "sub_event_type", "actor1", "latitude", "longitude")
# ACLED writes dates as "22 May 2023" in its exports and as ISO dates in its API.
_ACLED_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%d/%m/%Y")
# The longest CSV field read: an ACLED note is never longer than an article.
MAX_CSV_FIELD = MAX_ARTICLE_BYTES


@dataclass
class ImportReport:
    read: int = 0
    stored: int = 0
    already: int = 0
    bad: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"rows read: {self.read}, stored: {self.stored}, already stored: {self.already}, "
                f"rejected: {len(self.bad)}")


def _number(value: str, name: str, low: float, high: float) -> float:
    """A number written in a CSV cell (text: parsing it is not coercion)."""
    try:
        number = float(value)
    except ValueError:
        raise RowProblem(f"{name} is not a number: {shorten(value)}") from None
    if not math.isfinite(number) or not low <= number <= high:
        raise RowProblem(f"{name} {number} is outside [{low}, {high}]")
    return number


def _code(value: str | None, name: str) -> int | None:
    """A precision code written in a CSV cell: 1, 2 or 3 (empty: the default)."""
    text = (value or "").strip()
    if not text:
        return None
    if text not in ("1", "2", "3"):
        raise RowProblem(f"{name} {shorten(text)}: expected 1, 2 or 3")
    return int(text)


def _acled_date(value: str) -> date:
    for fmt in _ACLED_DATE_FORMATS:
        try:
            return datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    raise RowProblem(f"event_date is not a date: {shorten(value)}")


def _digest(*parts: str) -> str:
    return hashlib.sha1("|".join(parts).encode(), usedforsecurity=False).hexdigest()[:16]


def incident_from_feature(feature: Any) -> Incident:
    """One feature of our own GeoJSON snapshot back into an Incident (raises RowProblem)."""
    row = check_feature(feature)
    # A feature without an id is named by its content, so that importing it again adds nothing.
    return incident_from_row(row, default_id="" if row.id or row.properties.id else
                             _digest(json.dumps(feature, sort_keys=True)))


# Fields of the feature an ACLED row becomes, by the CSV column they come from (for reports).
_ACLED_COLUMNS = {
    "id": "event_id_cnty", "properties.event_date": "event_date", "properties.place": "location",
    "properties.place_as_written": "location", "properties.admin1": "admin1", "properties.country": "iso/country",
    "properties.actors": "actor1/actor2", "properties.claimed_by": "source", "properties.summary": "notes",
    "properties.sources.quote": "notes", "properties.sources.title": "source", "properties.sources.outlet": "source",
    "properties.sources.article_id": "source", "properties.event_type": "event_type",
    "properties.sub_event_type": "sub_event_type", "geometry.coordinates": "latitude/longitude",
    "properties.time_precision": "time_precision", "properties.geo_precision": "geo_precision",
}


def incident_from_acled(row: dict[str | None, Any]) -> Incident:
    """One ACLED CSV row as an Incident: its text parsed, then checked as a feature (raises RowProblem)."""
    cells = {k: v if isinstance(v, str) else "" for k, v in row.items() if isinstance(k, str)}
    missing = [c for c in ACLED_REQUIRED if not cells.get(c, "").strip()]
    if missing:
        raise RowProblem(f"empty {', '.join(missing)}")
    day = _acled_date(cells["event_date"])
    lat = _number(cells["latitude"], "latitude", -90, 90)
    lon = _number(cells["longitude"], "longitude", -180, 180)
    if cells.get("fatalities", "").strip():
        _number(cells["fatalities"], "fatalities", 0, 1e7)
    event_type, sub = cells["event_type"].strip(), cells["sub_event_type"].strip()
    actors = [a.strip() for a in (cells.get("actor1"), cells.get("actor2")) if a and a.strip()]
    source_name = cells.get("source", "").strip() or "ACLED"
    notes = cells.get("notes", "").strip()
    place = cells.get("location", "").strip() or f"{lat:.4f}, {lon:.4f}"
    incident_key = cells.get("event_id_cnty", "").strip() or _digest(day.isoformat(), place, sub, *actors)
    feature = {
        "type": "Feature", "id": f"acled-{incident_key}", "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": {
            "event_date": day.isoformat(), "time_precision": _code(cells.get("time_precision"), "time_precision"),
            "place_as_written": place, "place": place,
            "country": (cells.get("iso") or cells.get("country") or "").strip()[:8],
            "admin1": cells.get("admin1", "").strip(),
            "geo_precision": _code(cells.get("geo_precision"), "geo_precision"), "event_type": event_type,
            "sub_event_type": sub, "actors": actors, "claimed_by": [source_name],
            "sources": [{"article_id": "acled-" + _digest(source_name), "quote": notes, "start": 0,
                         "end": len(notes), "title": source_name, "outlet": source_name}],
            "summary": notes[:200] or f"{sub} at {place}", "confidence": 0.8, "status": "reviewed",
        },
    }
    return incident_from_row(check_feature(feature, _ACLED_COLUMNS), default_id="")


def _geojson_rows(path: Path, report: ImportReport) -> list[Incident]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise BadInput(f"{path}: cannot read: {exc.strerror}") from None
    try:
        # utf-8-sig: a byte order mark, which some editors write, is not part of the JSON.
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadInput(f"{path}: not UTF-8 text (byte {exc.start})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadInput(f"{path}: not JSON: {exc}") from None
    except RecursionError:
        raise BadInput(f"{path}: not a GeoJSON file: its JSON is nested too deep to read") from None
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        raise BadInput(f"{path}: not a readable GeoJSON file: {exc}") from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise BadInput(f"{path}: not a GeoJSON FeatureCollection")
    features = data.get("features")
    if not isinstance(features, list):
        raise BadInput(f"{path}: the FeatureCollection's \"features\" is {type(features).__name__}, not a list")
    out: list[Incident] = []
    for n, feature in enumerate(features, 1):
        report.read += 1
        try:
            out.append(incident_from_feature(feature))
        except RowProblem as exc:
            report.bad.append(f"{path}, feature {n}: {exc}")
        except RecursionError:  # a feature nested deep enough to defeat json.dumps (its digest)
            report.bad.append(f"{path}, feature {n}: nested too deep")
    return out


def _acled_rows(path: Path, report: ImportReport) -> list[Incident]:
    # A CSV field longer than the csv module's default limit (131,072 characters) would end the
    # file with an error; an ACLED note is never longer than an article. (A process-wide setting:
    # only ever raised, never lowered, so that concurrent readers are not affected.)
    csv.field_size_limit(max(csv.field_size_limit(), MAX_CSV_FIELD))
    out: list[Incident] = []
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in ACLED_REQUIRED if c not in (reader.fieldnames or [])]
            if missing:
                raise BadInput(f"{path}: missing column(s) {', '.join(missing)} (ACLED format expected)")
            last = 1  # the last line read (the reader's line_num lags behind after an error)
            while True:
                line = max(reader.line_num, last) + 1  # where the next row starts
                try:
                    row = next(reader)
                except StopIteration:
                    break
                except csv.Error as exc:  # the rest of that line is dropped; reading goes on with the next
                    report.read += 1
                    report.bad.append(f"{path}, line {line}: {exc}")
                    last = line
                    continue
                report.read += 1
                try:
                    out.append(incident_from_acled(row))
                except RowProblem as exc:
                    report.bad.append(f"{path}, line {line}: {exc}")
    except UnicodeDecodeError:
        raise BadInput(f"{path}: not UTF-8 text") from None
    except csv.Error as exc:  # its header row (the rows' errors are reported one by one)
        raise BadInput(f"{path}: not an ACLED CSV file: line 1: {exc}") from None
    except OSError as exc:
        raise BadInput(f"{path}: cannot read: {exc.strerror}") from None
    return out


def read_rows(path: Path, report: ImportReport) -> list[Incident]:
    """The good rows of a GeoJSON or ACLED CSV file; bad ones go to report.bad."""
    if path.suffix.lower() in (".geojson", ".json"):
        return _geojson_rows(path, report)
    return _acled_rows(path, report)


def import_file(engine: Engine, path: Path) -> ImportReport:
    report = ImportReport()
    found = read_rows(path, report)
    with transaction(engine) as conn:
        known = {r[0] for r in conn.execute(select(incidents.c.id))}
        known_articles = {r[0] for r in conn.execute(select(articles.c.id))}
        new_articles: dict[str, dict[str, Any]] = {}
        rows, source_rows = [], []
        now = datetime.now().isoformat(timespec="seconds")
        for incident in found:
            if incident.id in known:
                report.already += 1
                continue
            known.add(incident.id)
            rows.append(incident_row(incident))
            seen: set[tuple[str, int]] = set()
            for s in incident.sources:
                if s.article_id not in known_articles and s.article_id not in new_articles:
                    new_articles[s.article_id] = {
                        "id": s.article_id, "title": s.article_title, "outlet": s.outlet, "url": s.url,
                        "published": None, "path": "", "text": "", "ingested_at": now,
                    }
                if (s.article_id, s.start) not in seen:
                    seen.add((s.article_id, s.start))
                    source_rows.append({"incident_id": incident.id, "article_id": s.article_id, "start": s.start,
                                        "end": s.end, "quote": s.quote})
        if new_articles:
            conn.execute(insert(articles), list(new_articles.values()))
        if rows:
            conn.execute(insert(incidents), rows)
        if source_rows:
            conn.execute(insert(sources), source_rows)
        report.stored = len(rows)
    return report
