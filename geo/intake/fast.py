"""The quick way through a batch of plain CSV rows: their columns converted at once with polars.

A large ACLED export is 200,000 rows of the same plain shape. Converting each row through
geo.intake.mapping, the pydantic model and the Incident record costs about 150 µs a row; here a
batch's columns are parsed, checked and turned into the store's rows by polars' native code.

Only rows whose every value is plainly valid take this way: an ISO or "15 April 2022" date,
numbers within their bounds, an ACLED event type pair, a known country, texts within their
lengths, the row's own id. Every other row (a numeric date, a bad value, a type of another
dataset, an unknown country, a cell starting with "'") is handed back to the row-by-row way,
which reads it or explains its rejection. Both ways store the same row for the same input
(tests/test_import_formats.py compares them), so which one a row takes is never visible.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import polars as pl

from geo.intake.mapping import MAX_STORED_ID, MISSING, ColumnMap, RowContext, _countries, digest
from geo.intake.readers import Record
from geo.intake.validation import (
    IMPORT_DEFAULTS,
    ISO_WITH_TIME,
    MAX_ACTORS,
    MAX_COUNTRY_LENGTH,
    MAX_DATE,
    MAX_FATALITIES,
    MAX_GEONAMEID,
    MAX_ID_LENGTH,
    MAX_NAME_LENGTH,
    MAX_OFFSET,
    MAX_QUOTE_LENGTH,
    MAX_SOURCES,
    MAX_SUMMARY_LENGTH,
    MAX_URL_LENGTH,
    MIN_DATE,
)
from geo.schema import ACLED_TYPES, STATUSES, STORED, is_acled_type

# The fields this way reads: ACLED's columns. A file mapping any other field goes row by row.
SUPPORTED = frozenset({
    "source_id", "event_date", "latitude", "longitude", "place", "admin1", "admin2", "admin3", "country",
    "event_type", "sub_event_type", "actor1", "actor2", "assoc_actor_1", "assoc_actor_2", "inter1", "inter2",
    "interaction", "fatalities", "time_precision", "geo_precision", "outlets", "url", "source_scale",
    "disorder_type", "civilian_targeting", "tags", "notes", "summary", "timestamp", "geonameid",
})
_TEXTS = ("place", "admin1", "admin2", "admin3", "inter1", "inter2", "interaction", "source_scale", "disorder_type",
          "civilian_targeting")
_LONG_TEXTS = {"notes": MAX_QUOTE_LENGTH, "url": MAX_URL_LENGTH, "source_id": MAX_ID_LENGTH}
_LISTS = ("assoc_actor_1", "assoc_actor_2", "tags", "outlets")
# (low, high, whole) of each number, as geo.intake.validation bounds them.
_NUMBERS = {"latitude": (-90, 90, False), "longitude": (-180, 180, False), "fatalities": (0, MAX_FATALITIES, True),
            "time_precision": (1, 3, True), "geo_precision": (1, 3, True), "timestamp": (0, 2**40, True),
            "geonameid": (1, MAX_GEONAMEID, True)}
# The date forms read here (the others, the numeric ones above all, go row by row).
_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d %b %Y")
_VALID_PAIRS = [f"{t}|{s}" for t, subs in ACLED_TYPES.items() for s in subs]
_MISSING = list(MISSING)


def usable(cmap: ColumnMap) -> bool:
    """Whether a file's columns suit this way: ACLED's fields only, with the rows' own ids."""
    return set(cmap.columns) <= SUPPORTED and {"source_id", "event_date", "latitude", "longitude"} <= set(cmap.columns)


# The store's columns in the order Prepared.values holds them (geo.store.db.incident_row's keys).
ROW_COLUMNS = (*(f.name for f in STORED), "updated_at")
_DATE_COLUMNS = tuple(k for k, f in enumerate(STORED) if f.kind == "date")


@dataclass
class Prepared:
    """One row as the store takes it: the incidents row (values in ROW_COLUMNS order, dates as
    ISO text), its quotes and their articles."""

    id: str
    timestamp: int | None
    values: tuple[Any, ...]
    sources: list[tuple[str, int, int, str]]  # article_id, start, end, quote
    articles: list[tuple[str, str, str, str]]  # article_id, title, outlet, url

    @property
    def row(self) -> dict[str, Any]:
        """The row by column, dates as dates (for an UPDATE through SQLAlchemy)."""
        out = dict(zip(ROW_COLUMNS, self.values, strict=True))
        for k in _DATE_COLUMNS:
            if out[ROW_COLUMNS[k]] is not None:
                out[ROW_COLUMNS[k]] = date.fromisoformat(out[ROW_COLUMNS[k]])
        return out


def prepared_of(row: dict[str, Any], incident_id: str, timestamp: int | None, sources: list[tuple[str, int, int, str]],
                articles: list[tuple[str, str, str, str]]) -> Prepared:
    """A row of geo.store.db.incident_row as Prepared."""
    values = tuple(row[c] for c in ROW_COLUMNS)
    dated = tuple(v.isoformat() if k in _DATE_COLUMNS and v is not None else v for k, v in enumerate(values))
    return Prepared(incident_id, timestamp, dated, sources, articles)


def _clean(column: str) -> pl.Expr:
    text = pl.col(column).str.strip_chars()
    return pl.when(text.str.to_lowercase().is_in(_MISSING)).then(None).otherwise(text)


def _value(mapped: dict[str, tuple[str, ...]], name: str) -> pl.Expr:
    columns = mapped.get(name, ())
    if not columns:
        return pl.lit(None, dtype=pl.String)
    exprs = [_clean(c) for c in columns]
    return pl.coalesce(exprs) if len(exprs) > 1 else exprs[0]


def _names(value: pl.Expr) -> pl.Expr:
    parts = value.str.split(";").list.eval(pl.element().str.strip_chars())
    kept = parts.list.eval(pl.element().filter(~pl.element().str.to_lowercase().is_in(_MISSING)))
    return pl.when(value.is_null()).then(pl.lit([], dtype=pl.List(pl.String))).otherwise(kept)


def prepare(records: Sequence[Record], cmap: ColumnMap, ctx: RowContext,
            now: str) -> tuple[list[tuple[int, Prepared]], list[int]]:
    """The store's rows of the batch's plainly valid records (with their positions), and the
    positions of the others."""
    columns = _plan(tuple(sorted(cmap.columns.items())))[0]
    return prepare_frame(pl.from_dicts([r.row for r in records], schema={c: pl.String for c in columns}), cmap, ctx,
                         now)


def prepare_frame(raw: pl.DataFrame, cmap: ColumnMap, ctx: RowContext,
                  now: str) -> tuple[list[tuple[int, Prepared]], list[int]]:
    """prepare for a batch read by polars itself: its columns as text (null: an empty cell)."""
    _columns, values, checked = _plan(tuple(sorted(cmap.columns.items())))
    # Lazily: polars then computes the expressions the checks and the values share once each.
    out = raw.lazy().select(*values).with_row_index("_k").select(*checked).collect()
    rest = out.filter(pl.col("_bad"))["_k"].to_list()
    good = out.filter(~pl.col("_bad")).drop("_bad")
    return _rows(good, ctx, now), rest


@functools.lru_cache(maxsize=8)
def _plan(mapping: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[list[str], list[pl.Expr], list[pl.Expr]]:
    """For a file's columns (field -> columns): the columns read, the expressions of each field's
    value, and those of the checks and the store's values. Made once per file, not per batch
    (building them took a tenth of a batch's time)."""
    mapped = dict(mapping)
    columns = sorted({c for cols in mapped.values() for c in cols})
    # Each field's value once (stripped, missing as null), then everything else from those columns.
    values = [_value(mapped, name).alias(name) for name in sorted(SUPPORTED)]
    v = {name: pl.col(name) for name in SUPPORTED}
    bad = pl.lit(False)
    # A leading "'" is our CSV export's guard against formulas: the row way takes it off.
    for name in SUPPORTED:
        if name in mapped:
            marked = (v[name].str.contains(r"(^|;)\s*'") if name in _LISTS or name in ("actor1", "actor2")
                      else v[name].str.starts_with("'"))
            bad = bad | marked.fill_null(False)
    # Dates
    parsed = [v["event_date"].str.strptime(pl.Date, fmt, strict=False) for fmt in _DATE_FORMATS]
    day = pl.coalesce(parsed)
    bad = bad | day.is_null() | (day < MIN_DATE) | (day > MAX_DATE)
    # Numbers
    numbers = {}
    for name, (low, high, whole) in _NUMBERS.items():
        number = v[name].cast(pl.Float64, strict=False)
        bad = bad | (v[name].is_not_null() & (number.is_null() | number.is_nan() | (number < low) | (number > high)))
        if whole:
            bad = bad | (number.is_not_null() & (number != number.floor()))
        numbers[name] = number
    bad = bad | numbers["latitude"].is_null() | numbers["longitude"].is_null()
    # Texts within their lengths
    for name in _TEXTS:
        bad = bad | (v[name].str.len_chars() > MAX_NAME_LENGTH).fill_null(False)
    for name, limit in _LONG_TEXTS.items():
        bad = bad | (v[name].str.len_chars() > limit).fill_null(False)
    # Types: an ACLED event type, with a sub-event type of its own or none
    event_type, sub = v["event_type"], v["sub_event_type"]
    bad = bad | (event_type.is_not_null() & ~event_type.is_in(list(ACLED_TYPES)))
    bad = bad | (event_type.is_null() & sub.is_not_null())
    bad = bad | (sub.is_not_null() & ~pl.concat_str([event_type, sub], separator="|").is_in(_VALID_PAIRS).fill_null(False))
    # Country: a code or name GeoNames knows
    country = v["country"]
    key = pl.when(country.str.contains(r"^\d+$")).then(country.str.strip_chars_start("0")).otherwise(
        country.str.to_lowercase())
    code = key.replace_strict(_countries(), default=None, return_dtype=pl.String)
    bad = bad | (country.is_not_null() & code.is_null())
    # Names
    lists = {name: _names(v[name]) for name in _LISTS}
    for name in _LISTS:
        bad = bad | v[name].str.starts_with("[").fill_null(False) | (lists[name].list.len() > MAX_SOURCES) | (
            lists[name].list.eval(pl.element().str.len_chars() > MAX_NAME_LENGTH).list.any())
    actors = pl.concat_list([v["actor1"], v["actor2"]]).list.drop_nulls()
    bad = bad | actors.list.eval(pl.element().str.len_chars() > MAX_NAME_LENGTH).list.any() | (
        actors.list.len() > MAX_ACTORS)
    place = pl.coalesce([v["place"], v["admin3"], v["admin2"], v["admin1"]])
    bad = bad | place.is_null() | v["source_id"].is_null()
    bad = bad | ((lists["outlets"].list.len() == 0) & v["url"].is_not_null())
    bad = bad | v["outlets"].str.contains("\x1f", literal=True).fill_null(False)  # _rows joins names with it
    notes = v["notes"].fill_null("")
    summary0 = pl.when(v["summary"].is_not_null()).then(v["summary"]).otherwise(
        notes.str.slice(0, 200).str.strip_chars_end())
    quote = pl.when(notes != "").then(notes).otherwise(summary0).str.slice(0, MAX_QUOTE_LENGTH)
    summary = pl.when(summary0 != "").then(summary0).otherwise(pl.format(
        "{} at {}", pl.coalesce([sub, event_type, pl.lit("Incident")]), place)).str.slice(0, MAX_SUMMARY_LENGTH)
    checked = [
        pl.col("_k"), bad.alias("_bad"), day.alias("event_date"), place.alias("place"),
        *(numbers[n].alias(n) for n in _NUMBERS), code.fill_null("").alias("country"),
        event_type.fill_null("").alias("event_type"), sub.fill_null("").alias("sub_event_type"),
        actors.alias("actors"), *(lists[n].alias(n) for n in _LISTS), notes.alias("notes"),
        summary.alias("summary"), quote.alias("quote"), v["url"].fill_null("").alias("url"),
        *(v[n].fill_null("").alias(n) for n in ("admin1", "admin2", "admin3", "inter1", "inter2", "interaction",
                                                "source_scale", "disorder_type", "civilian_targeting", "source_id")),
    ]
    return columns, values, checked


# A list of names whose JSON text polars may write itself: printable ASCII without quotes or
# backslashes (json.dumps would escape anything else; such lists are written by json.dumps).
_PLAIN_NAMES = r'^[ !#-\[\]-~]*$'


def _json_expr(names: pl.Expr) -> pl.Expr:
    """The JSON text json.dumps gives a list of plain names, else null (written in Python)."""
    plain = names.list.eval(pl.element().str.contains(_PLAIN_NAMES)).list.all()
    return (pl.when(names.list.len() == 0).then(pl.lit("[]"))
            .when(plain).then(pl.concat_str([pl.lit('["'), names.list.join('", "'), pl.lit('"]')]))
            .otherwise(None))


_LIST_COLUMNS = ("actors", "claimed_by", "denied_by", "assoc_actor_1", "assoc_actor_2", "tags")


def _rows(good: pl.DataFrame, ctx: RowContext, now: str) -> list[tuple[int, Prepared]]:
    """Prepared rows: the values in ROW_COLUMNS order from polars, the quotes and articles in Python."""
    confidence = 0.8 if ctx.prefix == "acled" else 0.5
    lists = {"actors": "actors", "claimed_by": "outlets", "assoc_actor_1": "assoc_actor_1",
             "assoc_actor_2": "assoc_actor_2", "tags": "tags"}
    key = pl.format("{}-{}", pl.lit(ctx.prefix), pl.col("source_id"))
    exprs: dict[str, pl.Expr] = {
        "event_date": pl.col("event_date").dt.strftime("%Y-%m-%d"),
        "time_precision": pl.col("time_precision").fill_null(1).cast(pl.Int64),
        "place_as_written": pl.col("place"),
        "geonameid": pl.col("geonameid").cast(pl.Int64), "geo_precision": pl.col("geo_precision").fill_null(1)
        .cast(pl.Int64), "fatalities": pl.col("fatalities").cast(pl.Int64),
        "timestamp": pl.col("timestamp").cast(pl.Int64), "denied_by": pl.lit("[]"),
        "confidence": pl.lit(confidence), "status": pl.lit("reviewed"), "unresolved": pl.lit(False),
        "dataset": pl.lit(ctx.dataset), "id": pl.when(key.str.len_chars() <= MAX_STORED_ID).then(key),
        "updated_at": pl.lit(now),
        **{name: _json_expr(pl.col(column)) for name, column in lists.items()},
    }
    values = good.select(*(exprs.get(c, pl.col(c) if c in good.columns else pl.lit("")).alias(c)
                           for c in ROW_COLUMNS))
    # The outlets as one text (a list column's conversion to Python lists took a fifth of the
    # import); "\x1f" never is in a name (prepare sends such rows the row way).
    extra = good.select("_k", pl.col("outlets").list.join("\x1f"), "url", "quote", "source_id")
    # The lists themselves only for the rows whose JSON text polars could not write.
    fixes = good.filter(values.select(pl.any_horizontal(pl.col("id").is_null(),
                                                        *(pl.col(n).is_null() for n in lists))).to_series())
    raw_lists = dict(zip(fixes["_k"].to_list(), zip(*(fixes.get_column(c).to_list() for c in lists.values()),
                                                     strict=True), strict=True)) if len(fixes) else {}
    id_at, ts_at = ROW_COLUMNS.index("id"), ROW_COLUMNS.index("timestamp")
    json_at = [ROW_COLUMNS.index(n) for n in lists]
    cache: dict[tuple[str, ...], str] = {}
    articles: dict[str, str] = {}
    named: dict[tuple[str, str], tuple[list[tuple[str, str, str, str]], tuple[str, ...]]] = {}
    out: list[tuple[int, Prepared]] = []
    # Columns to Python lists and zipped into rows: several times quicker than iter_rows.
    rows = zip(*(values.get_column(c).to_list() for c in values.columns), strict=True)
    others = zip(*(extra.get_column(c).to_list() for c in extra.columns), strict=True)
    for row, (k, outlets, url, quote, source_id) in zip(rows, others, strict=True):
        if k in raw_lists:  # a long id, or names json.dumps escapes
            fixed = list(row)
            if fixed[id_at] is None:
                fixed[id_at] = f"{ctx.prefix}-{digest(source_id)}"
            for i, names in zip(json_at, raw_lists[k], strict=True):
                if fixed[i] is None:
                    fixed[i] = _json(names, cache)
            row = tuple(fixed)
        # The articles of a row's outlets, once per batch for each set of outlets (and link).
        found = named.get((outlets, url))
        if found is None:
            refs = _articles(outlets.split("\x1f") if outlets else [ctx.dataset], url, ctx, articles)
            found = named[(outlets, url)] = (refs, tuple(dict.fromkeys(r[0] for r in refs)))
        end = len(quote)
        out.append((k, Prepared(row[id_at], row[ts_at], row, [(a, 0, end, quote) for a in found[1]], found[0])))
    return out


def _articles(names: list[str], url: str, ctx: RowContext, ids: dict[str, str]) -> list[tuple[str, str, str, str]]:
    """(article id, title, outlet, url) of each outlet named: one article per outlet, the row's
    link on it when it is the only one (ids: each outlet's article id, made once)."""
    link = url if len(names) == 1 else ""
    out = []
    for name in names:
        article = ids.get(name)
        if article is None:
            article = ids[name] = f"{ctx.prefix}-{digest(name)}"
        out.append((article, name, name, link))
    return out


def _json(values: list[str] | None, cache: dict[tuple[str, ...], str]) -> str:
    key = tuple(values or ())
    text = cache.get(key)
    if text is None:
        text = cache[key] = json.dumps(list(key)) if key else "[]"
    return text


# Our own snapshot's features: a Python check per feature instead of the pydantic model, the
# Incident record and geo.store.db.incident_row (a fifth of the time a row). The bounds are the
# model's (geo.intake.validation); a value it would coerce, refuse or read otherwise (a list as
# JSON text, a float offset, a field this table does not know) sends the feature the row way.
_BAD = object()
_TEXT_LIMITS: dict[str, tuple[int, int]] = {
    **{f.name: (0, MAX_NAME_LENGTH) for f in STORED if f.kind == "text"},
    "country": (0, MAX_COUNTRY_LENGTH), "summary": (0, MAX_SUMMARY_LENGTH), "notes": (0, MAX_QUOTE_LENGTH),
    "source_id": (0, MAX_ID_LENGTH), "id": (1, MAX_ID_LENGTH),
}
_WHOLE_LIMITS = {"time_precision": (1, 3), "geo_precision": (1, 3), "geonameid": (1, MAX_GEONAMEID),
                 "fatalities": (0, MAX_FATALITIES), "timestamp": (0, 2**40)}
_LIST_LIMITS = {f.name: MAX_ACTORS if f.name == "actors" else MAX_SOURCES for f in STORED if f.kind == "names"}


def _text_ok(value: Any, low: int, high: int) -> bool:
    """A string within its length that UTF-8 can hold (no unpaired surrogate, which the model refuses)."""
    return type(value) is str and low <= len(value) <= high and (value.isascii() or _encodable(value))


def _encodable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _whole_value(value: Any, low: int, high: int) -> Any:
    if type(value) is float and value.is_integer() and abs(value) < 2**53:  # as the model's _whole
        value = int(value)
    return value if type(value) is int and low <= value <= high else _BAD


def _names_value(value: Any, most: int) -> Any:
    if type(value) is not list or len(value) > most:
        return _BAD
    if not value:
        return "[]"
    for name in value:
        if type(name) is not str or not 0 < len(name) <= MAX_NAME_LENGTH:
            return _BAD
    joined = "".join(value)  # one check of the characters for all of them
    if not (joined.isascii() or _encodable(joined)):
        return _BAD
    return _names_json(tuple(value))


@functools.lru_cache(maxsize=4096)  # the same few groups and outlets on most rows of a dataset
def _names_json(names: tuple[str, ...]) -> str:
    return json.dumps(list(names))  # as geo.schema.to_stored writes it


def _check(name: str) -> Any:
    """The function giving a property's stored value, or _BAD."""
    if name == "status":
        return lambda v: v if type(v) is str and v in STATUSES else _BAD
    if name == "unresolved":
        return lambda v: v if type(v) is bool else _BAD
    if name == "confidence":
        return lambda v: float(v) if type(v) in (int, float) and 0 <= v <= 1 else _BAD
    if name in _WHOLE_LIMITS:
        low, high = _WHOLE_LIMITS[name]
        return lambda v: _whole_value(v, low, high)
    if name in _LIST_LIMITS:
        most = _LIST_LIMITS[name]
        return lambda v: _names_value(v, most)
    if name in _TEXT_LIMITS:
        shortest, longest = _TEXT_LIMITS[name]
        return lambda v: v if _text_ok(v, shortest, longest) else _BAD
    return lambda v: _BAD  # a field added to the schema without a quick check: the row way


def _default(name: str) -> Any:
    f = next(f for f in STORED if f.name == name)
    if f.nullable:
        return None
    value = IMPORT_DEFAULTS.get(name, f.default)
    return "[]" if f.kind == "names" else value


# Every stored property but those read on their own (the point, the date, the id, the place as written).
_SPECIAL = ("latitude", "longitude", "event_date", "id", "place_as_written")
# Each such property's column and how it is checked: its longest length for a text (checked in
# feature_row's loop itself: a call per property cost a third), else the function giving its
# stored value. The loop goes through the properties a feature has (a snapshot's twenty), not
# through every field the store has (fifty lookups a feature were a fifth of its time).
_HANDLERS: dict[str, tuple[int, int, Any]] = {
    f.name: (ROW_COLUMNS.index(f.name), _TEXT_LIMITS[f.name][1], None)
    if f.name in _TEXT_LIMITS and f.name != "status" and _TEXT_LIMITS[f.name][0] == 0
    else (ROW_COLUMNS.index(f.name), 0, _check(f.name))
    for f in STORED if f.name not in _SPECIAL
}
# A row of the defaults: what a property the feature lacks (or gives as null) is stored as.
_DEFAULT_ROW = tuple(_default(name) if name in _HANDLERS else None for name in ROW_COLUMNS)
_AT = {name: ROW_COLUMNS.index(name) for name in (*_SPECIAL, "place", "timestamp", "updated_at")}


def _coordinate_ok(value: Any) -> bool:
    return (type(value) is float and math.isfinite(value)) or (type(value) is int and abs(value) < 2**53)


def feature_row(feature: Any, now: str) -> Prepared | None:
    """A feature of our own snapshot as the store's row when every value is plainly valid, else
    None: the row way then reads it, or explains why not, as for any other feature."""
    if type(feature) is not dict or feature.get("type") != "Feature":
        return None
    geometry, props = feature.get("geometry"), feature.get("properties")
    if type(geometry) is not dict or type(props) is not dict or geometry.get("type") != "Point":
        return None
    coords = geometry.get("coordinates")
    if type(coords) is not list or not 2 <= len(coords) <= 3 or not (
            _coordinate_ok(coords[0]) and _coordinate_ok(coords[1]) and (len(coords) == 2 or _coordinate_ok(coords[2]))):
        return None
    if not (-180 <= coords[0] <= 180 and -90 <= coords[1] <= 90):
        return None
    feature_id, own_id = feature.get("id"), props.get("id")
    if (feature_id is not None and not _text_ok(feature_id, 1, MAX_ID_LENGTH)) or (
            own_id is not None and not _text_ok(own_id, 1, MAX_ID_LENGTH)):
        return None
    incident_id = feature_id or own_id
    day = props.get("event_date")
    if not incident_id or type(day) is not str or not ISO_WITH_TIME.fullmatch(day):
        return None
    try:
        parsed = date.fromisoformat(day[:10])
    except ValueError:
        return None
    event_type: Any = props.get("event_type")
    sub: Any = props.get("sub_event_type")
    if not (MIN_DATE <= parsed <= MAX_DATE and _text_ok(event_type, 0, MAX_NAME_LENGTH)
            and _text_ok(sub, 0, MAX_NAME_LENGTH)):
        return None
    if not (is_acled_type(event_type, sub) or event_type == sub == "" or (sub == "" and event_type in ACLED_TYPES)):
        return None
    values = list(_DEFAULT_ROW)
    handlers = _HANDLERS
    for name, value in props.items():
        handler = handlers.get(name)
        if handler is None or value is None:  # a property the store does not keep (n_sources), or null
            continue
        k, longest, check = handler
        if check is None:
            if not (type(value) is str and len(value) <= longest and (value.isascii() or _encodable(value))):
                return None
        else:
            value = check(value)
            if value is _BAD:
                return None
        values[k] = value
    written = props.get("place_as_written")
    if written is not None and not _text_ok(written, 0, MAX_NAME_LENGTH):
        return None
    values[_AT["place_as_written"]] = values[_AT["place"]] if written is None else written
    values[_AT["latitude"]], values[_AT["longitude"]] = float(coords[1]), float(coords[0])
    values[_AT["event_date"]] = parsed.isoformat()
    values[_AT["id"]] = incident_id
    values[_AT["updated_at"]] = now
    found = _sources(props.get("sources"))
    if found is None:
        return None
    return Prepared(incident_id, values[_AT["timestamp"]], tuple(values), *found)


def _sources(value: Any) -> tuple[list[tuple[str, int, int, str]], list[tuple[str, str, str, str]]] | None:
    """A feature's sources as (quotes, articles), or None when one is not plainly valid."""
    if value is None:
        return [], []
    if type(value) is not list or len(value) > MAX_SOURCES:
        return None
    quotes: list[tuple[str, int, int, str]] = []
    articles: list[tuple[str, str, str, str]] = []
    for s in value:
        if type(s) is not dict:
            return None
        get = s.get
        article_id: Any = get("article_id")
        quote, start, end = get("quote", ""), get("start", 0), get("end", 0)
        title, url, outlet = get("title", ""), get("url", ""), get("outlet", "")
        if not (type(article_id) is str and type(quote) is str and type(title) is str and type(url) is str
                and type(outlet) is str and type(start) is int and type(end) is int
                and 0 < len(article_id) <= MAX_ID_LENGTH and len(quote) <= MAX_QUOTE_LENGTH
                and len(title) <= MAX_NAME_LENGTH and len(url) <= MAX_URL_LENGTH and len(outlet) <= MAX_NAME_LENGTH
                and 0 <= start <= MAX_OFFSET and 0 <= end <= MAX_OFFSET):
            return None
        joined = article_id + quote + title + url + outlet  # one check of the characters for all five
        if not (joined.isascii() or _encodable(joined)):
            return None
        quotes.append((article_id, start, end, quote))
        articles.append((article_id, title, outlet, url))
    return quotes, articles
