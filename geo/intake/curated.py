"""Curated incidents from the project's data/events.csv: a reviewer's word overrides the extractor's."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from geo.errors import BadInput
from geo.extract.corroborate import date_range
from geo.extract.mentions import context_from_text
from geo.extract.pipeline import incident_id
from geo.gazetteer.lookup import Context, Gazetteer
from geo.gazetteer.names import name_key
from geo.intake.articles import parse_date
from geo.paths import PROJECT_DATA_DIR
from geo.records import Article, Incident, Source
from geo.schema import is_acled_type
from geo.wordlists import read_table, where

COLUMNS = ("file", "place_as_written", "event_date", "time_precision", "group", "event_type", "sub_event_type")


@dataclass(frozen=True)
class CuratedEvent:
    file: str
    place_as_written: str
    event_date: date
    time_precision: int
    geo_precision: int | None
    actors: tuple[str, ...]
    event_type: str
    sub_event_type: str
    summary: str


def load_curated(path: Path = PROJECT_DATA_DIR / "events.csv") -> list[CuratedEvent]:
    """The project's curated rows; [] when there is no such file."""
    if not path.exists():
        return []
    out = []
    for row in read_table(path, COLUMNS):
        at = where(path, row.line)
        day = parse_date(row["event_date"], f"{at}, event_date")
        if day is None:
            raise BadInput(f"{at}, event_date: empty")
        try:
            precision = int(row["time_precision"])
            geo_precision = int(row["geo_precision"]) if row["geo_precision"].strip() else None
        except ValueError:
            raise BadInput(f"{at}, time_precision/geo_precision: not a whole number") from None
        if precision not in (1, 2, 3):
            raise BadInput(f"{at}, time_precision: must be 1, 2 or 3")
        if not is_acled_type(row["event_type"], row["sub_event_type"]):
            raise BadInput(f"{at}, event_type: {row['event_type']} / {row['sub_event_type']} is not an ACLED type")
        out.append(CuratedEvent(
            row["file"].strip(), row["place_as_written"].strip(), day, precision, geo_precision,
            tuple(a.strip() for a in row["group"].split(";") if a.strip()), row["event_type"],
            row["sub_event_type"], row["summary"].strip(),
        ))
    return out


def _matches(event: CuratedEvent, incident: Incident) -> bool:
    same_place = name_key(event.place_as_written) in (name_key(incident.place_as_written), name_key(incident.place))
    lo, hi = date_range(event.event_date, event.time_precision)
    ilo, ihi = date_range(incident.event_date, incident.time_precision)
    return same_place and lo <= ihi and ilo <= hi


def apply_curated(article: Article, found: list[Incident], curated: list[CuratedEvent], gazetteer: Gazetteer) -> list[Incident]:
    """Curated rows for this article override the incidents they match (status 'reviewed'); rows
    that match nothing extracted are added, with the first sentence naming the place as their quote."""
    name = Path(article.path).name if article.path else ""
    mine = [e for e in curated if e.file == name]
    out = list(found)
    context: Context | None = None  # the places the article names: read once, when a row needs them
    for event in mine:
        k = next((k for k, i in enumerate(out) if _matches(event, i)), None)
        if k is not None:
            i = out[k]
            out[k] = replace(
                i, event_date=event.event_date, time_precision=event.time_precision,
                geo_precision=event.geo_precision or i.geo_precision, actors=event.actors or i.actors,
                event_type=event.event_type, sub_event_type=event.sub_event_type, summary=event.summary or i.summary,
                status="reviewed", confidence=max(i.confidence, 0.9),
            )
            continue
        if context is None:
            context = context_from_text(article.text, gazetteer)
        place = gazetteer.resolve(event.place_as_written, context)
        if place is None:
            raise BadInput(f"events.csv: {event.file}: place {event.place_as_written!r} is not in the gazetteer; add it to data/places.csv")
        start = article.text.find(event.place_as_written)
        quote_start = max(article.text.rfind("\n", 0, start) + 1, 0) if start >= 0 else 0
        quote_end = article.text.find("\n", start) if start >= 0 else -1
        quote_end = len(article.text) if quote_end < 0 else quote_end
        source = Source(article.id, article.text[quote_start:quote_end], quote_start, quote_end, article.title, article.url, article.outlet)
        out.append(Incident(
            event_date=event.event_date, time_precision=event.time_precision, place_as_written=event.place_as_written,
            place=place.name, latitude=place.latitude, longitude=place.longitude, country=place.country,
            admin1=place.admin1, geonameid=place.geonameid, geo_precision=event.geo_precision or 1,
            event_type=event.event_type, sub_event_type=event.sub_event_type, actors=event.actors,
            claimed_by=(article.outlet,) if article.outlet else (), sources=(source,), summary=event.summary,
            confidence=0.9, status="reviewed", id=incident_id(article.id, place.name, event.event_date, event.sub_event_type),
        ))
    return out
