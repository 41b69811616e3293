"""The records the library passes around: frozen dataclasses, nothing else."""

from __future__ import annotations

from dataclasses import dataclass, field
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


# A reviewer may change these (geo.store.db.update_incident); the place's coordinates and
# region change with the place.
_EDITABLE = {"editable": True}


@dataclass(frozen=True)
class Incident:
    """Something that happened at a place on a date, done by someone, as a source reports it.

    The one definition of an incident's fields: geo.schema derives the store's table, the
    frames, the GeoJSON properties and the snapshot from it. A field's type says how it is
    stored (geo.schema._KINDS)."""

    event_date: date = field(metadata=_EDITABLE)
    time_precision: int = field(metadata=_EDITABLE)  # ACLED's codes: 1 day, 2 week, 3 month
    place_as_written: str
    place: str = field(metadata=_EDITABLE)
    latitude: float = field(metadata=_EDITABLE)
    longitude: float = field(metadata=_EDITABLE)
    admin1: str = field(metadata=_EDITABLE)
    country: str = field(metadata=_EDITABLE)
    geonameid: int | None
    geo_precision: int = field(metadata=_EDITABLE)  # 1 the place, 2 near it, 3 its region
    event_type: str = field(metadata=_EDITABLE)
    sub_event_type: str = field(metadata=_EDITABLE)
    # Deaths as ACLED codes them: the number the sources give for this incident (the lowest of a
    # range or of "at least"); 0 when they say nobody died; None when they give no number.
    fatalities: int | None = field(default=None, metadata=_EDITABLE)
    actors: tuple[str, ...] = field(default=(), metadata=_EDITABLE)
    claimed_by: tuple[str, ...] = ()
    denied_by: tuple[str, ...] = ()  # parties the sources quote denying responsibility
    sources: tuple[Source, ...] = ()
    summary: str = field(default="", metadata=_EDITABLE)
    confidence: float = 0.5
    status: str = field(default="extracted", metadata=_EDITABLE)
    unresolved: bool = False
    # What a dataset imported from elsewhere says beyond the fields above (ACLED's columns, by
    # their ACLED names; empty for extracted incidents). "" and () are "not given".
    dataset: str = ""  # the dataset the row came from ("ACLED", a file's name), for attribution
    source_id: str = ""  # the row's id in that dataset (ACLED's event_id_cnty): its identity
    admin2: str = field(default="", metadata=_EDITABLE)
    admin3: str = field(default="", metadata=_EDITABLE)
    assoc_actor_1: tuple[str, ...] = ()  # groups acting with actors[0] (ACLED's assoc_actor_1)
    assoc_actor_2: tuple[str, ...] = ()  # groups acting with actors[1]
    inter1: str = ""  # ACLED's actor type codes and their interaction (numbers, or words since 2024)
    inter2: str = ""
    interaction: str = ""
    disorder_type: str = ""
    civilian_targeting: str = ""
    source_scale: str = ""
    tags: tuple[str, ...] = ()
    notes: str = ""
    timestamp: int | None = None  # when the dataset last (re)issued the row, Unix seconds
    id: str = ""
