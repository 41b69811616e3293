"""Import incidents from the files analysts have: our GeoJSON snapshot, ACLED exports in any layout,
any GeoJSON FeatureCollection of points, TimeMap events JSON, and any CSV through a column mapping.

Each record is read (geo.intake.readers), mapped to our fields (geo.intake.mapping: columns guessed
by their names or given with --map) and checked by one model (geo.intake.validation). A bad record
is reported with its file, line (or feature), column, value and what was expected, and the good
ones are kept. A problem of the whole file (not JSON, not a FeatureCollection, not text) is one
BadInput.

Identity: an imported row is the same incident again only by its dataset's own id (ACLED's
event_id_cnty, a TimeMap's id, our own incident id). A row without one is named by its whole
content, so two identical rows stay two incidents (and are counted as exact duplicates), and
importing the file again adds nothing. A row whose id is stored is skipped, unless --update is
given and the dataset re-issued it (a newer ACLED timestamp), when it replaces the stored one.

A file is stored in one transaction (all its good rows or none), written BATCH rows at a time:
memory holds a few batches, not the file. A thread reads and converts the next batch while the
store writes one. A plain CSV file of ACLED's columns is read by polars itself a batch at a time
and its plainly valid rows converted by geo.intake.fast; plainly valid features of our own
snapshot are converted by it too, as soon as they are read; every other row goes row by row
through the pydantic model here, which reads it or explains its rejection. Into an empty store
(or one small beside the file) the secondary indexes are built once at the end.
"""

from __future__ import annotations

import gc
import io
import json
import queue
import threading
import time
from collections.abc import Callable, Generator, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from itertools import accumulate, islice
from pathlib import Path
from typing import Any, Protocol

import polars as pl
from sqlalchemy import Connection, Date, Engine, Index, Table, delete, func, insert, select, update

from geo.errors import BadInput
from geo.intake import fast
from geo.intake.dates import Ambiguous, DateReader, Order
from geo.intake.fast import Prepared
from geo.intake.mapping import (
    ACLED,
    ColumnMap,
    FieldProblem,
    RowContext,
    digest,
    feature_of,
    guess_columns,
    id_prefix,
    incident_id,
)
from geo.intake.readers import (
    GDAL_SUFFIXES,
    MAX_CSV_FIELD,
    Counting,
    PlainCsv,
    Record,
    csv_records,
    gdal_records,
    json_records,
    kind_of,
    open_binary,
    plain_csv,
)
from geo.intake.validation import RowProblem, check_feature, incident_from_row
from geo.records import Incident
from geo.store.db import articles, incident_row, incidents, sources, transaction

__all__ = ["MAX_CSV_FIELD", "ImportOptions", "ImportReport", "RowError", "import_file", "preview_file"]

BATCH = 10_000  # rows converted and written at a time: memory holds one batch
SQLITE_CACHE_KB = 64 * 1024
PROGRESS_EVERY = 10_000  # rows between progress lines (a log); a terminal's bar moves every BAR_EVERY
BAR_EVERY = 1_000
# Records read at a time. Few: a feature of ours is converted as soon as its chunk is read, while
# its objects are still in the processor's cache (chunks of 1,000 made reading 1.6 times slower).
# Divides GUESS_FROM, BAR_EVERY and BATCH.
CHUNK = 25
# Rows read to guess a file's columns (GeoJSON properties and JSON events may differ row to row).
GUESS_FROM = 200


class Progress(Protocol):
    """Told of the import's progress: a line, how much of the file is read (0-1, None if not known),
    and whether the line is one for a log (every PROGRESS_EVERY rows; the others move a bar)."""

    def __call__(self, line: str, *, share: float | None = None, log: bool = True) -> None: ...


@dataclass(frozen=True)
class RowError:
    """A row that was not stored: where, which column or field, and why (the value and what was expected)."""

    file: str
    where: str
    column: str  # the file's column (or our field, for our own snapshot)
    problem: str
    row: Mapping[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.file}, {self.where}: {self.problem}"


@dataclass
class ImportReport:
    read: int = 0
    stored: int = 0
    already: int = 0
    updated: int = 0
    reissued: int = 0  # already stored, and the file has a newer version (import --update takes it)
    duplicates: int = 0  # rows without an id identical to an earlier row (each stored: nothing is merged)
    repeated: int = 0  # rows with an id identical to an earlier row with it (the same row twice: stored once)
    errors: list[RowError] = field(default_factory=list)
    mapping: list[str] = field(default_factory=list)  # one line per field: `event_date <- date (guessed)`
    columns: list[str] = field(default_factory=list)  # the file's columns (of its first rows)
    fields: dict[str, str] = field(default_factory=dict)  # field -> the column it was read from
    dataset: str = ""

    @property
    def bad(self) -> list[str]:
        return [str(e) for e in self.errors]

    def summary(self) -> str:
        out = (f"rows read: {self.read}, stored: {self.stored}, already stored: {self.already}, "
               f"updated: {self.updated}, rejected: {len(self.errors)}")
        if self.duplicates:
            out += f"; {self.duplicates} row(s) without an id repeat an earlier row exactly (each stored as the file lists it)"
        if self.repeated:
            out += f"; {self.repeated} row(s) repeat an earlier row exactly, id included (stored once)"
        if self.reissued:
            out += f"; {self.reissued} stored row(s) have a newer version in the file: import --update takes it"
        return out


@dataclass(frozen=True)
class ImportOptions:
    mapping: Mapping[str, str] = field(default_factory=dict)  # field -> column (`--map`)
    order: Order | None = None  # --dayfirst / --monthfirst
    update: bool = False
    dataset: str = ""  # the dataset's name (default: ACLED for ACLED's columns, else the file's name)


def _flat(record: Record) -> dict[str, Any]:
    """A record's values as one row of the errors file (lists and objects as JSON text)."""
    if record.ours:
        feature = record.feature if isinstance(record.feature, dict) else {"feature": record.feature}
        props = feature.get("properties")
        row: dict[str, Any] = dict(props) if isinstance(props, dict) else {"properties": props}
        point = feature.get("geometry")
        coords = point.get("coordinates") if isinstance(point, dict) else None
        if isinstance(coords, list) and len(coords) >= 2:
            row["longitude"], row["latitude"] = coords[0], coords[1]
        if "id" in feature and "id" not in row:
            row["id"] = feature["id"]
    else:
        row = dict(record.row)
        if record.geometry is not None:
            row.setdefault("longitude", record.geometry[0])
            row.setdefault("latitude", record.geometry[1])
    return {k: v if v is None or isinstance(v, str | int | float) else json.dumps(v, ensure_ascii=False, default=str)
            for k, v in row.items()}


class _Reader:
    """Turns the records of one file into incidents, collecting the errors in the report."""

    def __init__(self, path: Path, options: ImportOptions, report: ImportReport) -> None:
        self.path, self.options, self.report = path, options, report
        self.cmap: ColumnMap | None = None
        self.ctx: RowContext | None = None
        self.rename: dict[str, str] = {}
        self.occurrences: dict[str, int] = {}
        self.ids: dict[str, tuple[int, str]] = {}  # id -> fingerprint of its row, where it was read
        self.pending: list[Record] = []  # rows whose dates wait for the file's day/month order
        self.header: list[str] | None = None  # a CSV's header, when polars read its first rows

    def error(self, record: Record, column: str, problem: str) -> None:
        self.report.errors.append(RowError(str(self.path), record.where, column, problem, _flat(record)))

    def start(self, first: list[Record], name: str, progress: Progress | None) -> None:
        columns = list(dict.fromkeys(k for r in first if not r.ours for k in r.row))
        if all(r.ours or r.problem for r in first):
            return
        self.cmap = guess_columns(columns, self.options.mapping)
        required = ["event_date"] + ([] if any(r.geometry for r in first) else ["latitude", "longitude"])
        missing = [name for name in required if name not in self.cmap.columns]
        # A file of other people's rows without a date column is refused as a whole; in our own
        # snapshot, a feature with foreign properties is one bad row among good ones.
        if missing and not any(r.ours for r in first):
            raise BadInput(f"{self.path}: missing column(s) for {', '.join(missing)}: none of its columns "
                           f"({', '.join(columns[:30])}) is known to hold them; name them with "
                           f"{' '.join(f'--map {m}=COLUMN' for m in missing)}")
        dataset = self.options.dataset or (ACLED if self.cmap.is_acled else Path(name).stem)
        self.ctx = RowContext(dataset, id_prefix(dataset), DateReader(self.options.order))
        self.report.mapping = self.cmap.describe()
        self.report.columns = columns
        self.report.fields = {name: cols[0] for name, cols in self.cmap.columns.items()}
        self.report.dataset = dataset
        if progress is not None:
            progress(f"dataset {dataset!r}; columns read:")
            for line in self.report.mapping:
                progress(f"  {line}")
        self.rename = {f"properties.{name}": self.cmap.column_of(name) for name in self.cmap.columns}
        column_of = self.cmap.column_of
        self.rename.update({
            "geometry.coordinates": f"{column_of('latitude')}/{column_of('longitude')}", "id": column_of("source_id"),
            "properties.actors": column_of("actors") if "actors" in self.cmap.columns
            else f"{column_of('actor1')}/{column_of('actor2')}",
            "properties.place_as_written": column_of("place_as_written" if "place_as_written" in self.cmap.columns
                                                     else "place"),
            "properties.sources.quote": column_of("notes"), "properties.sources.title": column_of("outlets"),
            "properties.sources.outlet": column_of("outlets"), "properties.sources.url": column_of("url"),
        })
        if "claimed_by" not in self.cmap.columns:
            self.rename["properties.claimed_by"] = column_of("outlets")

    def incident(self, record: Record) -> Incident | None:
        """The record's incident, or None (an error reported, or its date put aside)."""
        if record.problem:
            self.error(record, "", record.problem)
            return None
        if record.ours:
            try:
                return _incident_from_feature(record.feature)
            except RowProblem as exc:
                self.error(record, str(exc).split(" ", 1)[0], str(exc))
            except RecursionError:  # a feature nested deep enough to defeat json.dumps (its digest)
                self.error(record, "", "nested too deep")
            return None
        assert self.cmap is not None and self.ctx is not None
        try:
            feature = feature_of(record.row, self.cmap, self.ctx, record.geometry)
        except Ambiguous:
            self.pending.append(record)
            return None
        except FieldProblem as exc:
            self.error(record, exc.column, str(exc))
            return None
        props = feature["properties"]
        content = ""
        if not props.get("id") and not props.get("source_id"):
            key = content_key(record)
            seen = self.occurrences.get(key, 0)
            self.occurrences[key] = seen + 1
            if seen:
                self.report.duplicates += 1
            content = key + str(seen)
        feature["id"] = incident_id(self.ctx, props, content, 0)
        props.pop("id", None)
        if not content and not self.first_with_id(record, feature["id"], props.get("source_id") or feature["id"]):
            return None
        try:
            return incident_from_row(check_feature(feature, self.rename), default_id="")
        except RowProblem as exc:
            self.error(record, str(exc).split(" ", 1)[0], str(exc))
            return None

    def first_with_id(self, record: Record, incident_id: str, shown: str) -> bool:
        """Whether the record is the first of the file with its id. A second row with it is the same
        row again (counted, not stored) or an error of the file (reported, never merged)."""
        mine = fingerprint(record)
        first = self.ids.setdefault(incident_id, (mine, record.where))
        if first[1] == record.where:
            return True
        if first[0] == mine:
            self.report.repeated += 1
            return False
        assert self.cmap is not None
        column = self.cmap.column_of("id" if "id" in self.cmap.columns else "source_id")
        self.error(record, column, f"{column} {shown!r} is also the id of {first[1]}, with other values: ids must "
                                   "name one incident each (give this row its own id)")
        return False

    def settled_pending(self, final: bool) -> list[Incident]:
        """The put-aside rows once the file's order is known (or, at its end, their errors)."""
        if not self.pending or self.ctx is None:
            return []
        dates = self.ctx.dates
        if dates.settled is None and not final:
            return []
        waiting, self.pending = self.pending, []
        if dates.settled is None:
            why = ("the file writes dates both day-first and month-first" if dates.mixed
                   else "no other row of the file settles whether the day or the month comes first")
            for record in waiting:
                column = self.cmap.column_of("event_date") if self.cmap else "event_date"
                value = self.cmap and next((record.row.get(c) for c in self.cmap.columns.get("event_date", ())
                                            if record.row.get(c)), "")
                self.error(record, column, f"{column} {value!r} is ambiguous: {why}; "
                                           "import again with --dayfirst or --monthfirst")
            return []
        out = []
        for record in waiting:
            found = self.incident(record)
            if found is not None:
                out.append(found)
        return out


def content_key(record: Record) -> str:
    """A digest of everything a record says (its cells in order, and its point): the name of a row
    without an id, the same in every run."""
    return digest("\x1f".join(map(str, record.row.values())), repr(record.geometry))


def fingerprint(record: Record) -> int:
    """What a record says, to tell within one run whether two rows with one id are the same row
    (Python's hash of its cells: quick, and the same for equal rows within a process; polars' hash
    of the row for a CSV file polars reads: _polars_csv, polars_fingerprints)."""
    if record.fingerprint is not None:
        return record.fingerprint
    try:
        return hash((*record.row.values(), record.geometry))
    except TypeError:  # lists or objects among the values (JSON events)
        return hash(content_key(record))


def _incident_from_feature(feature: Any) -> Incident:
    """One feature of our own GeoJSON snapshot back into an Incident (raises RowProblem)."""
    row = check_feature(feature)
    # A feature without an id is named by its content, so that importing it again adds nothing.
    return incident_from_row(row, default_id="" if row.id or row.properties.id else
                             digest(json.dumps(feature, sort_keys=True)))


def _records(path: Path) -> tuple[Iterator[Record], Callable[[], float | None], str]:
    """The file's records, a function telling how much of it was read (0-1, None if unknown), its name."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise BadInput(f"{path}: cannot read: {exc.strerror}") from None
    if path.suffix.lower() in GDAL_SUFFIXES:
        return gdal_records(path), (lambda: None), path.name
    stream, name = open_binary(path)
    compressed = path.suffix.lower() in (".gz", ".zip")
    counting = Counting(stream)
    buffered = io.BufferedReader(counting, buffer_size=1 << 20)
    head = buffered.peek(64 * 1024)[:64 * 1024]
    kind = kind_of(name, head)

    def done() -> float | None:
        return None if compressed or not size else min(1.0, counting.count / size)

    if kind == "csv":
        return csv_records(path, buffered, head), done, name
    buffered.close()

    def opener() -> tuple[Any, str]:
        return open_binary(path)

    return json_records(path, opener, size if not compressed else 2**62), (lambda: None), name


Row = Incident | Prepared


def read_incidents(path: Path, options: ImportOptions, report: ImportReport,
                   progress: Progress | None = None, quick: bool = True) -> Iterator[list[Row]]:
    """The file's good rows in batches of BATCH; errors, counts and the mapping go to report.
    quick: plain CSV rows of ACLED's shape are converted a batch at a time (geo.intake.fast)."""
    reader = _Reader(path, options, report)
    shape = plain_csv(path) if quick else None
    skip: int | None = 0
    if shape is not None and fast.usable(guess_columns(shape.header, options.mapping)):
        skip = yield from _polars_csv(path, shape, reader, progress)
        if skip is None:
            return
    records, done, name = _records(path)
    if skip:  # polars could not read the rest (quotes it reads otherwise): the csv module reads it
        records = islice(records, skip, None)
    started = time.monotonic()
    buffer: list[Record] = []
    # (Started already when polars read the file's first rows.)
    use_quick: bool | None = None if reader.cmap is None else quick and _quick_for(path, reader)
    records = iter(records)
    # Read CHUNK records at a time (the counts and checks below once per chunk, not per row).
    while chunk := list(islice(records, CHUNK)):
        if quick:
            _features_now(chunk)
        buffer.extend(chunk)
        report.read += len(chunk)
        if report.read % BAR_EVERY == 0 and progress is not None:
            share = done()
            progress(f"{report.read:,} rows read{f' ({share:.0%})' if share is not None else ''}, "
                     f"{len(report.errors):,} rejected, {time.monotonic() - started:.1f} s", share=share,
                     log=report.read % PROGRESS_EVERY == 0)
        if use_quick is None and len(buffer) >= min(GUESS_FROM, BATCH):
            reader.start(buffer[:GUESS_FROM], name, progress)
            use_quick = quick and _quick_for(path, reader)
        if len(buffer) >= BATCH:
            yield [*_convert(reader, buffer[:BATCH], bool(use_quick)), *reader.settled_pending(final=False)]
            buffer = buffer[BATCH:]
    if use_quick is None:
        reader.start(buffer, name, progress)
        use_quick = quick and _quick_for(path, reader)
    batch: list[Row] = [*_convert(reader, buffer, bool(use_quick)), *reader.settled_pending(final=True)]
    if batch:
        yield batch


def polars_fingerprints(records: list[Record], header: list[str]) -> None:
    """Give CSV records the fingerprints polars gives the rows it reads (an empty cell is null
    there), so that a row is known again whichever of the two read it."""
    frame = pl.DataFrame({c: [r.row.get(c) or None for r in records] for c in header},
                         schema=dict.fromkeys(header, pl.String))
    for record, number in zip(records, frame.hash_rows().to_list(), strict=True):
        record.fingerprint = number


def _polars_csv(path: Path, shape: PlainCsv, reader: _Reader,
                progress: Progress | None) -> Generator[list[Row], None, int | None]:
    """The batches of a plain CSV file of ACLED's shape read by polars itself (a tenth of the
    time of the csv module, its rows as dicts and their conversion to a frame), converted by
    geo.intake.fast.prepare_frame; the rows it does not take go the row way as Records, as
    csv_records would make them (the same line numbers: a cell's line breaks are counted).
    Returns None when the whole file was read, else how many rows were (polars refuses quoting
    the csv module reads, such as a quote inside a cell that does not start with one: the rest
    of the file is then read by the csv module)."""
    report = reader.report
    try:
        frames = pl.scan_csv(path, separator=shape.delimiter, infer_schema=False, truncate_ragged_lines=True,
                             quote_char='"', encoding="utf8")
        if frames.collect_schema().names() != shape.header:
            return 0
        batches = iter(frames.collect_batches(chunk_size=BATCH))
    except pl.exceptions.PolarsError:
        return 0
    reader.start([Record("line 2", dict.fromkeys(shape.header, ""))], path.name, progress)
    reader.header = shape.header  # (the rows the csv module may read after polars hashed as polars does)
    assert reader.cmap is not None and reader.ctx is not None
    started = time.monotonic()
    line = 2  # the line the next row starts on
    while True:
        try:
            frame = next(batches, None)
        except pl.exceptions.PolarsError:
            return report.read
        if frame is None:
            break
        breaks = frame.select(pl.sum_horizontal(pl.all().str.count_matches(r"\r\n|\r|\n").fill_null(0))).to_series()
        total = int(breaks.sum())
        starts = (list(range(line, line + len(frame))) if not total else
                  [line + k + before for k, before in enumerate(accumulate(breaks.to_list()[:-1], initial=0))])
        now = _now()
        quickly = dict(fast.prepare_frame(frame, reader.cmap, reader.ctx, now)[0])
        hashes = frame.hash_rows().to_list()
        header = shape.header
        # A cell longer than the csv module reads makes its row an error there: here too.
        long = frame.select(pl.any_horizontal(pl.all().str.len_bytes() > MAX_CSV_FIELD)).to_series()
        too_long = {k for k in long.arg_true().to_list()
                    if any(len(v or "") > MAX_CSV_FIELD for v in frame.row(k))} if long.any() else set()
        out: list[Row] = []
        for k in range(len(frame)):  # in the file's order: which row comes first matters (ids)
            if k in too_long:
                reader.incident(Record(f"line {starts[k]}", {}, problem=f"field larger than field limit "
                                                                        f"({MAX_CSV_FIELD})"))
                continue
            row = quickly.get(k)
            if row is not None and row.id not in reader.ids:
                reader.ids[row.id] = (hashes[k], f"line {starts[k]}")
                out.append(row)
                continue
            record = Record(f"line {starts[k]}", {c: "" if v is None else v for c, v in zip(header, frame.row(k),
                                                                                            strict=True)},
                            fingerprint=hashes[k])
            _keep(reader, record, row, out)
        report.read += len(frame)
        line += len(frame) + total
        if progress is not None:
            share = min(1.0, (line - 1) / max(shape.lines, 1))
            progress(f"{report.read:,} rows read ({share:.0%}), {len(report.errors):,} rejected, "
                     f"{time.monotonic() - started:.1f} s", share=share, log=True)
        yield [*out, *reader.settled_pending(final=False)]
    last = reader.settled_pending(final=True)
    if last:
        yield list(last)
    return None


def _quick_for(path: Path, reader: _Reader) -> bool:
    return (reader.cmap is not None and reader.ctx is not None and path.suffix.lower() in (".csv", ".tsv", ".txt")
            and fast.usable(reader.cmap))


_SOURCE_ID = fast.ROW_COLUMNS.index("source_id")


def _convert(reader: _Reader, buffer: list[Record], quick: bool) -> list[Row]:
    """The batch's good rows. quick: its CSV rows of ACLED's shape by geo.intake.fast.prepare (the
    features of our own snapshot taken the quick way were converted as read: _features_now)."""
    out: list[Row] = []
    quickly: dict[int, Prepared] = {}
    now = _now()
    if reader.header is not None:  # the rest of a file polars read the first rows of
        polars_fingerprints(buffer, reader.header)
    if quick and buffer:
        assert reader.cmap is not None and reader.ctx is not None
        quickly = dict(fast.prepare(buffer, reader.cmap, reader.ctx, now)[0])
    for k, record in enumerate(buffer):  # in the file's order: which row comes first matters (ids)
        if record.prepared is not None:
            out.append(record.prepared)
            continue
        _keep(reader, record, quickly.get(k), out)
    return out


def _keep(reader: _Reader, record: Record, row: Prepared | None, out: list[Row]) -> None:
    """A record's row into out: the quick way's when it is the first row with its id, else the
    row way's (which explains a bad row, or leaves out a repeat)."""
    if row is not None:
        if reader.first_with_id(record, row.id, row.values[_SOURCE_ID]):
            out.append(row)
        return
    found = reader.incident(record)
    if found is not None:
        out.append(found)


def _features_now(chunk: list[Record]) -> None:
    """The features of our own snapshot among a chunk just read, turned into the store's rows
    the quick way (geo.intake.fast.feature_row) at once, and let go: a batch holds their rows, not
    their parsed JSON (holding 10,000 features' objects until the batch was converted made reading
    them twice as slow: memory no longer in the processor's cache)."""
    now = _now()
    for record in chunk:
        if record.ours:
            row = fast.feature_row(record.feature, now)
            if row is not None:
                record.prepared, record.feature = row, None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _prepared(incident: Incident) -> Prepared:
    return fast.prepared_of(incident_row(incident), incident.id, incident.timestamp,
                            [(s.article_id, s.start, s.end, s.quote) for s in incident.sources],
                            [(s.article_id, s.article_title, s.outlet, s.url) for s in incident.sources])


def _store(conn: Connection, batch: list[Row], report: ImportReport, do_update: bool,
           known_articles: set[str]) -> None:
    """One batch in the import's transaction: new ids inserted, stored ids skipped or (--update) replaced."""
    rows = [r if isinstance(r, Prepared) else _prepared(r) for r in batch]
    ids = [r.id for r in rows]
    distinct = list(dict.fromkeys(ids))
    stored: dict[str, int | None] = dict(_existing(conn, incidents, distinct, incidents.c.timestamp))
    replaced: dict[str, Prepared] = {}
    if not stored and len(distinct) == len(ids):  # the usual batch: every row new (no per-row checks)
        fresh = rows
    else:
        new: dict[str, Prepared] = {}
        for row in rows:
            if row.id in stored or row.id in new:
                before = stored.get(row.id) if row.id in stored else new[row.id].timestamp
                newer = row.timestamp is not None and (before is None or row.timestamp > before)
                if do_update and (newer or (row.timestamp is None and before is None)):
                    (new if row.id in new else replaced)[row.id] = row
                    report.updated += row.id not in new
                else:
                    report.already += 1
                    report.reissued += newer
                continue
            new[row.id] = row
        fresh = [*new.values(), *replaced.values()]
    if replaced:
        gone = list(replaced)
        for k in range(0, len(gone), 500):
            conn.execute(delete(sources).where(sources.c.incident_id.in_(gone[k:k + 500])))
        for row in replaced.values():
            conn.execute(update(incidents).where(incidents.c.id == row.id).values(
                {k: v for k, v in row.row.items() if k != "id"}))
    # The articles the rows cite, each with what its first citing row says of it (the comprehension
    # goes backwards so that the first row's values are the ones kept), minus those stored.
    cited = {a[0]: a for row in reversed(fresh) for a in reversed(row.articles)}
    unknown = [key for key in cited if key not in known_articles]
    known_articles.update(key for key, _ in _existing(conn, articles, unknown, articles.c.id))
    now = _now()
    new_articles = [{"id": key, "title": title, "outlet": outlet, "url": url, "published": None, "path": "",
                     "text": "", "ingested_at": now}
                    for key, title, outlet, url in (cited[key] for key in unknown if key not in known_articles)]
    source_rows = [(row.id, *quote) for row in fresh
                   for quote in (row.sources if len(row.sources) < 2 else _distinct(row.sources))]
    if new_articles:
        conn.execute(insert(articles), new_articles)
        known_articles.update(str(a["id"]) for a in new_articles)
    inserted = [r.values for r in fresh if r.id not in replaced]
    if inserted:
        _insert(conn, incidents, fast.ROW_COLUMNS, inserted)
    if source_rows:
        _insert(conn, sources, _SOURCE_COLUMNS, source_rows)
    report.stored += len(inserted)


def _distinct(quotes: list[tuple[str, int, int, str]]) -> list[tuple[str, int, int, str]]:
    """A row's quotes, the first of each (article, start) only (the sources table's key)."""
    if len({quote[0] for quote in quotes}) == len(quotes):  # one quote per article (ACLED's outlets)
        return quotes
    seen: set[tuple[str, int]] = set()
    out = []
    for quote in quotes:
        if (quote[0], quote[1]) not in seen:
            seen.add((quote[0], quote[1]))
            out.append(quote)
    return out


_SOURCE_COLUMNS = ("incident_id", "article_id", "start", "end", "quote")


def _existing(conn: Connection, table: Table, ids: list[str], column: Any) -> list[tuple[str, Any]]:
    """(id, column) of the rows of table whose id is among ids. On SQLite, one query per batch
    with the ids as one JSON array: SQLAlchemy's IN of 500 parameters, compiled for every 500
    ids, took half a second at 200,000 rows."""
    if not ids:
        return []
    if conn.dialect.name == "sqlite":
        return [tuple(r) for r in conn.exec_driver_sql(  # type: ignore[misc]
            f'SELECT id, "{column.name}" FROM {table.name} WHERE id IN (SELECT value FROM json_each(?))',
            (json.dumps(ids),)).all()]
    out: list[tuple[str, Any]] = []
    for k in range(0, len(ids), 500):
        out.extend(tuple(r) for r in conn.execute(select(table.c.id, column).where(table.c.id.in_(ids[k:k + 500]))))
    return out


def _insert(conn: Connection, table: Table, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """Insert rows (tuples of values in columns' order, dates as ISO text). On SQLite one executemany
    of the driver: SQLAlchemy's own insert builds the parameters of each row in Python, which took a
    third of an import."""
    if conn.dialect.name != "sqlite":
        dates = [c for c in columns if isinstance(table.c[c].type, Date)]
        dicts = [dict(zip(columns, r, strict=True)) for r in rows]
        for d in dicts:
            for c in dates:
                d[c] = None if d[c] is None else date.fromisoformat(d[c])
        conn.execute(insert(table), dicts)
        return
    sql = (f'INSERT INTO {table.name} ({", ".join(chr(34) + c + chr(34) for c in columns)}) '
           f'VALUES ({", ".join("?" * len(columns))})')
    conn.exec_driver_sql(sql, rows)


def import_file(engine: Engine, path: Path, options: ImportOptions | None = None,
                progress: Progress | None = None, quick: bool = True) -> ImportReport:
    """Read path and store its good rows; the report counts them and lists every rejected row.
    quick=False takes every row the row-by-row way (the tests compare both ways)."""
    options = options or ImportOptions()
    report = ImportReport()
    known_articles: set[str] = set()
    # One transaction for the file: all its good rows or none (a file found broken half-way stores
    # nothing), and SQLite writes each index page once, not once per batch (per-batch commits made
    # 200,000 rows twice as slow). Memory still holds a few batches at a time (_read_ahead).
    with transaction(engine) as conn, _young_collections_only():
        rebuilt: list[Index] = []
        if conn.dialect.name == "sqlite":
            # The indexes of a growing store outgrow SQLite's default 2 MB page cache. 64 MB, for
            # this connection only.
            conn.exec_driver_sql(f"PRAGMA cache_size = -{SQLITE_CACHE_KB}")
            rebuilt = _drop_secondary_indexes(conn, path)
        batches = _read_ahead(lambda relay: read_incidents(path, options, report, relay, quick), progress)
        try:
            for k, batch in enumerate(batches, 1):
                _store(conn, batch, report, options.update, known_articles)
                if k % COLLECT_EVERY == 0:
                    gc.collect(1)
        finally:
            batches.close()  # the reading thread stops now, not when the generator is collected
        for index in rebuilt:
            index.create(conn)
    return report


def _read_ahead(produce: Callable[[Progress | None], Iterator[list[Row]]],
                progress: Progress | None) -> Generator[list[Row], None, None]:
    """The batches of produce, read and converted by a thread of its own while this one writes
    the batch before: SQLite (and polars) work without Python's lock, so the file's reading and
    the store's writing overlap. The reader is at most one batch ahead (memory holds three: one
    written, one waiting, one being read). Its progress lines are told from this thread (a
    Streamlit page can only be updated from its own), and its exceptions raised here."""
    items: queue.Queue[tuple[str, Any]] = queue.Queue()
    room = threading.Semaphore(1)  # batches read and not yet taken
    stop = threading.Event()

    def relay(line: str, *, share: float | None = None, log: bool = True) -> None:
        items.put(("progress", (line, share, log)))

    def work() -> None:
        try:
            for batch in produce(relay if progress is not None else None):
                while not room.acquire(timeout=0.1):
                    if stop.is_set():
                        return
                if stop.is_set():
                    return
                items.put(("batch", batch))
            items.put(("done", None))
        except BaseException as exc:  # noqa: BLE001 - raised in the writing thread, below
            items.put(("error", exc))

    thread = threading.Thread(target=work, name="import-reader", daemon=True)
    thread.start()
    try:
        while True:
            kind, value = items.get()
            if kind == "progress":
                assert progress is not None
                progress(value[0], share=value[1], log=value[2])
            elif kind == "batch":
                room.release()
                yield value
            elif kind == "error":
                raise value
            else:
                return
    finally:
        stop.set()
        thread.join()


# Bytes of a file per row, at least (a five-column ACLED extract): a file of size S holds at most
# S / BYTES_PER_ROW rows. Used to tell an import that is large beside the store.
BYTES_PER_ROW = 100


def _drop_secondary_indexes(conn: Connection, path: Path) -> list[Index]:
    """Drop the store's secondary indexes (dates, places, articles' quotes) when the file may hold
    as many rows as the store: they are rebuilt at the import's end, one sort each, instead of
    being updated row by row in random order (which made the import slow down as it grew). Done
    in the import's transaction: other processes go on reading the store as it was, indexes
    included, and a failed import leaves them in place. The primary keys stay (the import looks
    rows up by id)."""
    try:
        size = path.stat().st_size
    except OSError:
        return []
    stored = conn.execute(select(func.count()).select_from(incidents)).scalar_one()
    if stored and size / BYTES_PER_ROW < stored:
        return []
    dropped = [index for table in (incidents, sources) for index in sorted(table.indexes, key=lambda i: str(i.name))]
    present = set(conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'index'").scalars())
    dropped = [index for index in dropped if index.name in present]
    for index in dropped:
        index.drop(conn)
    return dropped


# Batches between two collections of the young generations during an import.
COLLECT_EVERY = 10


@contextmanager
def _young_collections_only() -> Iterator[None]:
    """Python's cyclic garbage collector off during the import but for a collection of the young
    generations every COLLECT_EVERY batches (gc.collect(1), in the loop above): its automatic
    collections walk the objects an import keeps again and again, which cost a fifth of the
    time, and one after each batch still cost 80 ms. The collections it does make free any
    cycles the batches made (few: an import's objects are plain), so memory stays bounded by
    COLLECT_EVERY batches at worst, not by the file."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def preview_file(path: Path, options: ImportOptions | None = None, limit: int = 20) -> tuple[ImportReport,
                                                                                             list[Incident]]:
    """What importing path would store, without a store: the report of the whole file and its
    first `limit` incidents (the dashboard's import page shows them before the user confirms)."""
    report = ImportReport()
    shown: list[Incident] = []
    for batch in read_incidents(path, options or ImportOptions(), report, quick=False):
        shown.extend(i for i in batch[:max(0, limit - len(shown))] if isinstance(i, Incident))
        report.stored += len(batch)  # what would be stored in an empty store
    return report, shown


def write_errors(report: ImportReport, path: Path) -> None:
    """Every rejected row as a CSV that can be fixed and imported again: the row's own columns, then
    where it was and why it was refused (columns the importer does not read)."""
    from geo.export.csv_file import write_csv
    from geo.files import write_atomically

    columns = list(dict.fromkeys(k for e in report.errors for k in e.row))
    extra = ["error_file", "error_where", "error_column", "error_problem"]
    rows = ([e.row.get(c, "") for c in columns] + [e.file, e.where, e.column, e.problem] for e in report.errors)
    write_atomically(path, write_csv([*columns, *extra], rows, numbers_as_text=True))

