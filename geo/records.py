"""The records the library passes around: frozen dataclasses, nothing else."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Place:
    """A point in the gazetteer: a populated place, a first-level region or a country."""

    name: str
    latitude: float
    longitude: float
    country: str
    admin1: str = ""
    admin1_code: str = ""
    geonameid: int | None = None
    population: int = 0
    kind: str = "populated place"
    source: str = "GeoNames"
    matched_by: str = ""
    score: float = 0.0


@dataclass(frozen=True)
class Article:
    """One news article and what is known about it."""

    id: str
    text: str
    title: str = ""
    outlet: str = ""
    url: str = ""
    published: date | None = None
    path: str = ""


@dataclass(frozen=True)
class Source:
    """Where an incident is reported: the article and the exact quote with its offsets."""

    article_id: str
    quote: str
    start: int
    end: int
    article_title: str = ""
    url: str = ""
    outlet: str = ""


@dataclass(frozen=True)
class Incident:
    """Something that happened at a place on a date, done by someone, as a source reports it."""

    event_date: date
    time_precision: int
    place_as_written: str
    place: str
    latitude: float
    longitude: float
    country: str
    admin1: str
    geonameid: int | None
    geo_precision: int
    event_type: str
    sub_event_type: str
    actors: tuple[str, ...] = ()
    claimed_by: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    summary: str = ""
    confidence: float = 0.5
    status: str = "extracted"
    unresolved: bool = False
    id: str = ""
