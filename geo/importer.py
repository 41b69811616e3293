"""Import incidents from a GeoJSON snapshot (our export) or an ACLED-format CSV.

Every row is checked; a bad row is reported with its line (or feature number) and reason and
the good rows are kept. All good rows are stored in one transaction.
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
from geo.event_types import ACLED_TYPES
from geo.records import Incident, Source
from geo.store import articles, incident_row, incidents, sources, transaction

ACLED_REQUIRED = ("event_date", "event_type", "sub_event_type", "actor1", "latitude", "longitude")
# ACLED writes dates as "22 May 2023" in its exports and as ISO dates in its API.
_ACLED_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%d/%m/%Y")


@dataclass
class ImportReport:
    read: int = 0
    stored: int = 0
    already: int = 0
    bad: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"rows read: {self.read}, stored: {self.stored}, already stored: {self.already}, "
                f"rejected: {len(self.bad)}")


def _number(value: Any, name: str, low: float, high: float) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} is not a number: {value!r}") from None
    if math.isnan(number) or not low <= number <= high:
        raise ValueError(f"{name} {number} is outside [{low}, {high}]")
    return number


def _precision(value: Any, name: str, default: int) -> int:
    if value in (None, ""):
        return default
    try:
        number = int(float(value))
    except (TypeError, ValueError):
        raise ValueError(f"{name} is not a whole number: {value!r}") from None
    if number not in (1, 2, 3):
        raise ValueError(f"{name} must be 1, 2 or 3, not {number}")
    return number


def _types(event_type: str, sub: str) -> tuple[str, str]:
    if sub not in ACLED_TYPES.get(event_type, frozenset()):
        raise ValueError(f"event_type {event_type!r} / sub_event_type {sub!r} is not an ACLED type")
    return event_type, sub


def _acled_date(value: str) -> date:
    for fmt in _ACLED_DATE_FORMATS:
        try:
            return datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    raise ValueError(f"event_date is not a date: {value!r}")


def _digest(*parts: str) -> str:
    return hashlib.sha1("|".join(parts).encode(), usedforsecurity=False).hexdigest()[:16]


def incident_from_feature(feature: dict[str, Any]) -> Incident:
    """One feature of our own GeoJSON snapshot back into an Incident (raises ValueError)."""
    if feature.get("type") != "Feature" or (feature.get("geometry") or {}).get("type") != "Point":
        raise ValueError("not a Point feature")
    lon, lat = feature["geometry"]["coordinates"][:2]
    p = feature.get("properties") or {}
    try:
        day = date.fromisoformat(str(p["event_date"]))
    except (KeyError, ValueError):
        raise ValueError(f"event_date is not a date: {p.get('event_date')!r}") from None
    event_type, sub = _types(str(p.get("event_type", "")), str(p.get("sub_event_type", "")))
    srcs = tuple(
        Source(str(s["article_id"]), str(s.get("quote", "")), int(s.get("start", 0)), int(s.get("end", 0)),
               str(s.get("title", "")), str(s.get("url", "")), str(s.get("outlet", "")))
        for s in p.get("sources") or []
    )
    return Incident(
        event_date=day, time_precision=_precision(p.get("time_precision"), "time_precision", 1),
        place_as_written=str(p["place_as_written"] if "place_as_written" in p else p.get("place") or ""),
        place=str(p.get("place") or ""),
        latitude=_number(lat, "latitude", -90, 90), longitude=_number(lon, "longitude", -180, 180),
        country=str(p.get("country") or ""), admin1=str(p.get("admin1") or ""),
        geonameid=int(p["geonameid"]) if p.get("geonameid") not in (None, "") else None,
        geo_precision=_precision(p.get("geo_precision"), "geo_precision", 1), event_type=event_type,
        sub_event_type=sub, actors=tuple(p.get("actors") or ()), claimed_by=tuple(p.get("claimed_by") or ()),
        sources=srcs, summary=str(p.get("summary") or ""),
        confidence=0.5 if p.get("confidence") is None else _number(p["confidence"], "confidence", 0, 1),
        status=str(p.get("status") or "extracted"), unresolved=bool(p.get("unresolved")),
        id=str(feature.get("id") or p.get("id") or _digest(json.dumps(feature, sort_keys=True))),
    )


def incident_from_acled(row: dict[str, str]) -> Incident:
    missing = [c for c in ACLED_REQUIRED if not (row.get(c) or "").strip()]
    if missing:
        raise ValueError(f"empty {', '.join(missing)}")
    day = _acled_date(row["event_date"])
    event_type, sub = _types(row["event_type"].strip(), row["sub_event_type"].strip())
    lat = _number(row["latitude"], "latitude", -90, 90)
    lon = _number(row["longitude"], "longitude", -180, 180)
    if (row.get("fatalities") or "").strip():
        _number(row["fatalities"], "fatalities", 0, 1e7)
    actors = tuple(a.strip() for a in (row.get("actor1"), row.get("actor2")) if a and a.strip())
    source_name = (row.get("source") or "ACLED").strip()
    article_id = "acled-" + _digest(source_name)
    notes = (row.get("notes") or "").strip()
    place = (row.get("location") or "").strip() or f"{lat:.4f}, {lon:.4f}"
    incident_key = (row.get("event_id_cnty") or "").strip() or _digest(day.isoformat(), place, sub, *actors)
    return Incident(
        event_date=day, time_precision=_precision(row.get("time_precision"), "time_precision", 1),
        place_as_written=place, place=place, latitude=lat, longitude=lon, country=(row.get("iso") or row.get("country") or "").strip()[:8],
        admin1=(row.get("admin1") or "").strip(), geonameid=None,
        geo_precision=_precision(row.get("geo_precision"), "geo_precision", 1), event_type=event_type,
        sub_event_type=sub, actors=actors, claimed_by=(source_name,),
        sources=(Source(article_id, notes, 0, len(notes), source_name, "", source_name),),
        summary=notes[:200] or f"{sub} at {place}", confidence=0.8, status="reviewed", id=f"acled-{incident_key}",
    )


def read_rows(path: Path, report: ImportReport) -> list[Incident]:
    """The good rows of a GeoJSON or ACLED CSV file; bad ones go to report.bad."""
    out: list[Incident] = []
    if path.suffix.lower() in (".geojson", ".json"):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise BadInput(f"{path}: not a readable GeoJSON file: {exc}") from None
        if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
            raise BadInput(f"{path}: not a GeoJSON FeatureCollection")
        for n, feature in enumerate(data.get("features") or [], 1):
            report.read += 1
            try:
                out.append(incident_from_feature(feature))
            except (ValueError, KeyError, TypeError, IndexError) as exc:
                report.bad.append(f"{path}, feature {n}: {exc}")
        return out
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in ACLED_REQUIRED if c not in (reader.fieldnames or [])]
            if missing:
                raise BadInput(f"{path}: missing column(s) {', '.join(missing)} (ACLED format expected)")
            for line, row in enumerate(reader, 2):
                report.read += 1
                try:
                    out.append(incident_from_acled(row))
                except ValueError as exc:
                    report.bad.append(f"{path}, line {line}: {exc}")
    except UnicodeDecodeError:
        raise BadInput(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise BadInput(f"{path}: cannot read: {exc.strerror}") from None
    return out


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
