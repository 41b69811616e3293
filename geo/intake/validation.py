"""The one row model of an import: a GeoJSON feature of our snapshot, checked field by field.

Pydantic in strict mode: a string is a string, a boolean is JSON true or false, a number is a
finite number in its range and a code is one of its set; nothing is coerced. Every text has a
bound, so that one row can neither hold the store's memory nor break its export (geo.store.tables,
geo.export.snapshot). An ACLED CSV row is turned into the same shape (geo.intake.importer) and checked here
too, so both formats obey the same limits.

`check_feature` returns the checked FeatureRow or raises RowProblem, whose message names the
field, the value (shortened) and what was expected; `incident_from_row` builds the Incident.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from geo.intake.articles import MAX_ARTICLE_BYTES
from geo.records import Incident, Source
from geo.schema import ACLED_TYPES, INCIDENT_FIELDS, is_acled_type

# Ids are ours (16 hex digits, "acled-" + an ACLED event id): 64 leaves room and keeps the
# store's primary keys short.
MAX_ID_LENGTH = 64
# A place name, an actor, an outlet or an article title: a few words; 300 leaves room for the
# longest official names.
MAX_NAME_LENGTH = 300
# The store's country column is String(8) (ISO codes; ACLED rows are cut to 8).
MAX_COUNTRY_LENGTH = 8
MAX_URL_LENGTH = 2048  # what browsers and servers reliably accept
# A quote is a sentence or an ACLED note: far shorter than this, yet bounded.
MAX_QUOTE_LENGTH = 20_000
# Summaries we write are one line ("Armed clash by X at Y"); ACLED's are cut to 200 characters.
MAX_SUMMARY_LENGTH = 2_000
# Actors of one incident: a handful in practice; claimants and sources grow with corroboration.
MAX_ACTORS = 100
MAX_SOURCES = 1_000
# More deaths than any single recorded event (the largest ACLED rows are in the tens of thousands).
MAX_FATALITIES = 1_000_000
# Offsets point into one article, which is at most MAX_ARTICLE_BYTES long.
MAX_OFFSET = MAX_ARTICLE_BYTES
# GeoNames ids are below 2**31; the store keeps them in a signed 64-bit integer and pandas may
# pass them through a float (exact only below 2**53), so larger ones would change on export.
MAX_GEONAMEID = 2**31 - 1
# pandas before 3.0 (pyproject allows 2.2) reads dates as nanosecond timestamps, years 1677 to
# 2262: a date outside them would break geo.store.tables for the whole store. No reported incident
# falls outside these.
MIN_DATE, MAX_DATE = date(1900, 1, 1), date(2100, 12, 31)
SHOWN_VALUE = 60  # characters of a bad value quoted back in a report


class RowProblem(ValueError):
    """A row (feature or CSV line) that cannot be stored; the message names the field."""


# An ISO date, or an ISO date and time as GIS tools write a date field back (geopandas, GDAL):
# "2023-06-02T00:00:00", "2023-06-02 10:30:00+00:00"; the time is not kept.
ISO_WITH_TIME = re.compile(r"\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?")


def _iso_date(value: Any) -> date:
    if not isinstance(value, str) or not ISO_WITH_TIME.fullmatch(value):
        raise ValueError("expected an ISO date YYYY-MM-DD")
    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        raise ValueError("expected an ISO date YYYY-MM-DD") from None
    if not MIN_DATE <= day <= MAX_DATE:
        raise ValueError(f"expected a date from {MIN_DATE} to {MAX_DATE}")
    return day


def _lon_lat(coordinates: list[float]) -> list[float]:
    lon, lat = coordinates[:2]
    if not -180 <= lon <= 180:
        raise ValueError(f"longitude {lon} is outside [-180, 180]")
    if not -90 <= lat <= 90:
        raise ValueError(f"latitude {lat} is outside [-90, 90]")
    return coordinates


def _json_list(value: Any) -> Any:
    """A list that a GIS format had to store as text (GPKG and Shapefile have no list fields: our
    exports write them as JSON arrays) back as the list; any other value is left to the model,
    so that a plain string is refused, never split into characters."""
    if isinstance(value, str) and value.lstrip().startswith("["):
        try:
            decoded = json.loads(value)
        except (ValueError, RecursionError):
            return value
        return decoded if isinstance(decoded, list) else value
    return value


# Pydantic's str refuses unpaired surrogates (JSON may escape them: "\ud800"), which no UTF-8
# store or export can hold: the row is reported, never a UnicodeEncodeError from the store.
Id = Annotated[str, StringConstraints(min_length=1, max_length=MAX_ID_LENGTH)]
Name = Annotated[str, StringConstraints(max_length=MAX_NAME_LENGTH)]
Actor = Annotated[str, StringConstraints(min_length=1, max_length=MAX_NAME_LENGTH)]
Country = Annotated[str, StringConstraints(max_length=MAX_COUNTRY_LENGTH)]
Url = Annotated[str, StringConstraints(max_length=MAX_URL_LENGTH)]
Quote = Annotated[str, StringConstraints(max_length=MAX_QUOTE_LENGTH)]
Summary = Annotated[str, StringConstraints(max_length=MAX_SUMMARY_LENGTH)]
IsoDate = Annotated[date, BeforeValidator(_iso_date)]
def _whole(value: Any) -> Any:
    """A JSON number with no fraction (5.0) as the whole number it is: GDAL and geopandas write a
    nullable integer field as a real one. 2.7, "5" and true stay errors."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


Whole = BeforeValidator(_whole)
Precision = Annotated[int, Field(ge=1, le=3), Whole]  # 1 exact, 2 near / week, 3 region / month
Offset = Annotated[int, Field(ge=0, le=MAX_OFFSET)]
GeonameId = Annotated[int, Field(ge=1, le=MAX_GEONAMEID), Whole]
Confidence = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]
Status = Literal["extracted", "reviewed"]  # the review states (pages/incidents.py)
Names = Annotated[list[Actor], Field(max_length=MAX_SOURCES), BeforeValidator(_json_list)]
# ACLED's upload time: Unix seconds (2**40 is the year 36812).
Timestamp = Annotated[int, Field(ge=0, le=2**40), BeforeValidator(_whole)]


class _Strict(BaseModel):
    # extra="ignore": a snapshot's derived fields (n_sources, bbox, metadata) are not stored.
    model_config = ConfigDict(strict=True, extra="ignore", frozen=True)


class SourceRow(_Strict):
    article_id: Id
    quote: Quote = ""
    start: Offset = 0
    end: Offset = 0
    title: Name = ""
    url: Url = ""
    outlet: Name = ""


class PropertiesRow(_Strict):
    event_date: IsoDate
    event_type: Name
    sub_event_type: Name
    time_precision: Precision | None = None
    place_as_written: Name | None = None
    place: Name | None = None
    admin1: Name | None = None
    country: Country | None = None
    geonameid: GeonameId | None = None
    geo_precision: Precision | None = None
    fatalities: Annotated[int, Field(ge=0, le=MAX_FATALITIES), Whole] | None = None
    actors: Annotated[list[Actor], Field(max_length=MAX_ACTORS), BeforeValidator(_json_list)] | None = None
    claimed_by: Names | None = None
    denied_by: Names | None = None
    sources: Annotated[list[SourceRow], Field(max_length=MAX_SOURCES), BeforeValidator(_json_list)] | None = None
    summary: Summary | None = None
    confidence: Confidence | None = None
    status: Status | None = None
    unresolved: bool | None = None
    dataset: Name | None = None
    source_id: Annotated[str, StringConstraints(max_length=MAX_ID_LENGTH)] | None = None
    admin2: Name | None = None
    admin3: Name | None = None
    assoc_actor_1: Names | None = None
    assoc_actor_2: Names | None = None
    inter1: Name | None = None
    inter2: Name | None = None
    interaction: Name | None = None
    disorder_type: Name | None = None
    civilian_targeting: Name | None = None
    source_scale: Name | None = None
    tags: Names | None = None
    notes: Quote | None = None
    timestamp: Timestamp | None = None
    id: Id | None = None

    @model_validator(mode="after")
    def _acled_type(self) -> PropertiesRow:
        # A dataset without types (a TimeMap, a list of strikes) leaves both empty; one with ACLED's
        # event types only (a five-column extract) leaves the sub-event type empty.
        if not (is_acled_type(self.event_type, self.sub_event_type) or self.event_type == self.sub_event_type == ""
                or (self.sub_event_type == "" and self.event_type in ACLED_TYPES)):
            raise ValueError(f"event_type {self.event_type!r} / sub_event_type {self.sub_event_type!r} "
                             "is not an ACLED type")
        return self


class PointRow(_Strict):
    type: Literal["Point"]
    # [longitude, latitude], and an altitude that is not kept (RFC 7946 §3.1.1)
    coordinates: Annotated[list[Annotated[float, Field(allow_inf_nan=False)]], Field(min_length=2, max_length=3),
                           AfterValidator(_lon_lat)]


class FeatureRow(_Strict):
    type: Literal["Feature"]
    id: Id | None = None
    geometry: PointRow
    properties: PropertiesRow


# "[0]" in a field's name: a rename (CSV column for a field) holds for every item of a list.
_INDEX = re.compile(r"\[\d+\]")


def _field(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif not part.startswith(("function-", "tuple[", "list[", "literal[")):  # pydantic's union branch names
            out += f".{part}" if out else part
    return out or "feature"


def shorten(value: Any) -> str:
    shown = repr(value)
    return shown if len(shown) <= SHOWN_VALUE else shown[:SHOWN_VALUE - 1] + "…"


# Pydantic's words for these name our classes; a reader of a report wants the JSON type.
_EXPECTED = {"model_type": "expected a JSON object", "model_attributes_type": "expected a JSON object",
             "string_unicode": "expected text, found an unpaired surrogate", "string_type": "expected a string",
             "bool_type": "expected true or false", "int_type": "expected a whole number",
             "float_type": "expected a number", "list_type": "expected a list"}


def describe(exc: ValidationError, rename: dict[str, str] | None = None) -> str:
    """The first problems of a row: field, value (shortened) and what was expected."""
    parts: list[str] = []
    seen: set[str] = set()
    for error in exc.errors(include_url=False):
        field = _field(error["loc"])
        if field in seen:  # a union reports each branch: its first complaint is enough
            continue
        seen.add(field)
        if rename:
            field = rename.get(_INDEX.sub("", field), field)
        message = _EXPECTED.get(error["type"]) or error["msg"].removeprefix("Value error, ")
        # A check of a whole object (the ACLED taxonomy) names its values in its message.
        if error["type"] != "missing" and not (error["type"] == "value_error" and isinstance(error["input"], dict)):
            parts.append(f"{field} {shorten(error['input'])}: {message}")
        else:
            parts.append(f"{field}: {message}")
        if len(parts) == 3:
            break
    more = exc.error_count() - len(parts)
    return "; ".join(parts) + (f" (and {more} more)" if more > 0 else "")


def check_feature(feature: Any, rename: dict[str, str] | None = None) -> FeatureRow:
    """The feature as a FeatureRow, or RowProblem naming its bad fields."""
    try:
        return FeatureRow.model_validate(feature)
    except ValidationError as exc:
        raise RowProblem(describe(exc, rename)) from None


# What an imported feature may leave out beyond the record's own defaults (a snapshot from another
# tool often has no precision codes or region).
IMPORT_DEFAULTS: dict[str, Any] = {"time_precision": 1, "geo_precision": 1, "place": "", "admin1": "", "country": ""}


def incident_from_row(row: FeatureRow, default_id: str) -> Incident:
    """The record of a checked feature, field by field from geo.schema."""
    p = row.properties
    lon, lat = row.geometry.coordinates[:2]
    values: dict[str, Any] = {"latitude": lat, "longitude": lon}
    for f in INCIDENT_FIELDS:
        if f.name in values:
            continue
        value: Any = getattr(p, f.name, None)
        if value is None and not f.nullable:
            value = IMPORT_DEFAULTS.get(f.name, f.default)
        if f.kind == "names":
            value = tuple(value)
        elif f.kind == "sources":
            value = tuple(Source(s.article_id, s.quote, s.start, s.end, s.title, s.url, s.outlet) for s in value)
        values[f.name] = value
    if p.place_as_written is None:
        values["place_as_written"] = values["place"]
    values["id"] = row.id or p.id or default_id
    return Incident(**values)
