"""The records of an import file, one at a time: CSV rows, GeoJSON features, TimeMap events.

Files may be compressed (.gz, or a .zip holding one data file). A CSV's encoding (UTF-8, else what
charset-normalizer finds in its first 64 KB) and its delimiter (",", ";", tab or "|") are sniffed.
A JSON file larger than STREAM_FROM is read as a stream (_JsonText: a chunk of text at a time,
each feature parsed by the json module's C decoder): memory holds one batch of features, not the
file; a smaller one is parsed at once. Both read the same JSON as json.loads (NaN included), and
report deeply nested JSON as such.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from geo.errors import BadInput
from geo.intake.articles import MAX_ARTICLE_BYTES

# The longest CSV field read: an ACLED note is never longer than an article.
MAX_CSV_FIELD = MAX_ARTICLE_BYTES
# GeoJSON files from this size on are streamed (our own 200,000-incident snapshot is 170 MB).
STREAM_FROM = 32 * 2**20
_SNIFF_BYTES = 64 * 1024
_DATA_SUFFIXES = (".csv", ".tsv", ".txt", ".geojson", ".json")
# Keys only our own snapshot's features have: such a feature is checked by our strict model.
OUR_KEYS = frozenset({"place_as_written", "claimed_by", "n_sources"})


@dataclass
class Record:
    """One row of a file: where it is, its values by column, and its point when the format has one."""

    where: str  # "line 3", "feature 2", "event 5"
    row: dict[str, Any]
    geometry: tuple[float, float] | None = None
    feature: Any = None  # a feature of our own snapshot, checked as a whole (when ours)
    ours: bool = False
    problem: str = ""  # what is wrong with the record as a whole (an unreadable CSV line, a polygon)
    prepared: Any = None  # the store's row of a feature of ours taken the quick way (its feature let go)
    fingerprint: int | None = None  # what the row says, as a number (see importer.fingerprint), when known


class Counting(io.RawIOBase):
    """A binary stream that counts the bytes read from it (progress on compressed files too)."""

    def __init__(self, inner: IO[bytes]) -> None:
        self.inner = inner
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.inner.read(len(buffer))
        buffer[:len(data)] = data
        self.count += len(data)
        return len(data)


def open_binary(path: Path) -> tuple[IO[bytes], str]:
    """The file's data as a binary stream, uncompressed, and the name of what it holds."""
    try:
        if path.suffix.lower() == ".gz":
            return gzip.GzipFile(path, "rb"), path.stem  # type: ignore[return-value]
        if path.suffix.lower() == ".zip":
            archive = zipfile.ZipFile(path)
            members = [m for m in archive.namelist() if m.lower().endswith(_DATA_SUFFIXES)
                       and not m.startswith("__MACOSX/")]
            if len(members) != 1:
                raise BadInput(f"{path}: expected one CSV, GeoJSON or JSON file in the archive, found "
                               f"{len(members)}: {', '.join(members[:5]) or 'none'}")
            return archive.open(members[0]), members[0]
        return path.open("rb"), path.name
    except (OSError, zipfile.BadZipFile, gzip.BadGzipFile) as exc:
        raise BadInput(f"{path}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None


def kind_of(name: str, head: bytes) -> str:
    """"csv", "geojson" or "json" (a list of events), by the file's name and first bytes."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if name.lower().endswith((".geojson", ".json")) or start in (b"{", b"["):
        return "json" if start == b"[" else "geojson"
    return "csv"


def _encoding(head: bytes) -> str:
    try:
        head.decode("utf-8")
        return "utf-8-sig"
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 3 and len(head) >= _SNIFF_BYTES:  # a character cut by the sample's end
            return "utf-8-sig"
    from charset_normalizer import from_bytes

    best = from_bytes(head).best()
    return best.encoding if best is not None else "utf-8-sig"


def _delimiter(sample: str) -> str:
    """The delimiter the header row uses most (column names hardly ever hold one; csv.Sniffer
    guesses from the rows too and is misled by the ";" in ACLED's source column)."""
    first = sample.lstrip("\ufeff").split("\n", 1)[0]
    return max(",;\t|", key=lambda d: (first.count(d), d == ","))


@dataclass(frozen=True)
class PlainCsv:
    """A CSV file polars can read as csv_records would: its header, delimiter and number of lines."""

    header: list[str]
    delimiter: str
    lines: int


def plain_csv(path: Path) -> PlainCsv | None:
    """The shape of an uncompressed UTF-8 CSV file without blank lines (a blank line is skipped by
    the csv module and read as a row of nulls by polars) whose header names are distinct, else
    None. One pass over its bytes (which also brings the file into the page cache)."""
    if path.suffix.lower() not in (".csv", ".tsv", ".txt"):
        return None
    lines, last, blank = 0, b"\n", False
    try:
        with path.open("rb") as fh:
            head = fh.read(_SNIFF_BYTES)
            fh.seek(0)
            while chunk := fh.read(1 << 20):
                joined = last[-2:] + chunk
                blank = blank or b"\n\n" in joined or b"\n\r\n" in joined or b"\r\r" in joined
                lines += chunk.count(b"\n")
                last = chunk
    except OSError:
        return None
    try:
        sample = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 3 or len(head) < _SNIFF_BYTES:
            return None
        sample = head[:exc.start].decode("utf-8")
    if blank or not sample.strip():
        return None
    delimiter = _delimiter(sample)
    try:
        header = next(csv.reader(io.StringIO(sample.lstrip("\ufeff"), newline=""), delimiter=delimiter), [])
    except csv.Error:
        return None
    if not header or len(set(header)) != len(header) or "" in header or any('"' in name for name in header):
        return None
    return PlainCsv(header, delimiter, lines + (not last.endswith(b"\n")))


def csv_records(path: Path, stream: IO[bytes], head: bytes) -> Iterator[Record]:
    # A CSV field longer than the csv module's default limit (131,072 characters) would end the
    # file with an error. (A process-wide setting: only ever raised, so that concurrent readers are
    # not affected.)
    csv.field_size_limit(max(csv.field_size_limit(), MAX_CSV_FIELD))
    encoding = _encoding(head)
    text = io.TextIOWrapper(stream, encoding=encoding, newline="")
    sample = head.decode(encoding, errors="ignore")
    reader = csv.reader(text, delimiter=_delimiter(sample))
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise BadInput(f"{path}: not a readable CSV file: line 1: {exc}") from None
    except UnicodeDecodeError:
        raise BadInput(f"{path}: not {encoding} text") from None
    if not header:
        raise BadInput(f"{path}: empty: expected a header row and rows")
    width = len(header)
    last = 1  # the last line read (the reader's line_num lags behind after an error)
    while True:
        line = max(reader.line_num, last) + 1  # where the next row starts
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # the rest of that line is dropped; reading goes on with the next
            last = line
            yield Record(f"line {line}", {}, problem=str(exc))
            continue
        except UnicodeDecodeError as exc:
            raise BadInput(f"{path}: line {line}: not {encoding} text ({exc.reason})") from None
        if not values:  # a blank line, as csv.DictReader skips it
            continue
        # Cells beyond the header have no column and are not read; missing cells are missing.
        yield Record(f"line {line}", dict(zip(header, values[:width] if len(values) > width else values)))


def _point(geometry: Any) -> tuple[tuple[float, float] | None, str]:
    """A feature's point as (longitude, latitude), or None for a null geometry, or a problem."""
    if geometry is None:
        return None, ""
    if not isinstance(geometry, dict) or geometry.get("type") != "Point":
        kind = geometry.get("type") if isinstance(geometry, dict) else type(geometry).__name__
        return None, f"geometry {str(kind)[:40]!r}: expected a Point (or a null geometry with coordinates in properties)"
    coords = geometry.get("coordinates")
    if (not isinstance(coords, list) or not 2 <= len(coords) <= 3
            or not all(isinstance(c, int | float) and not isinstance(c, bool) for c in coords)):
        return None, "geometry.coordinates: expected [longitude, latitude] numbers"
    return (float(coords[0]), float(coords[1])), ""


def _feature_record(n: int, feature: Any) -> Record:
    where = f"feature {n}"
    props = feature.get("properties") if isinstance(feature, dict) else None
    if not isinstance(props, dict) or OUR_KEYS & props.keys():
        return Record(where, {}, feature=feature, ours=True)
    point, problem = _point(feature.get("geometry"))
    row = dict(props)
    if "id" not in row and isinstance(feature.get("id"), str | int) and not isinstance(feature.get("id"), bool):
        row["id"] = feature["id"]
    return Record(where, row, geometry=point, problem=problem)


def _load_json(path: Path, stream: IO[bytes]) -> Any:
    raw = stream.read()
    try:
        # utf-8-sig: a byte order mark, which some editors write, is not part of the JSON.
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadInput(f"{path}: not UTF-8 text (byte {exc.start})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadInput(f"{path}: not JSON: {exc}") from None
    except RecursionError:
        raise BadInput(f"{path}: not a GeoJSON file: its JSON is nested too deep to read") from None
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        raise BadInput(f"{path}: not a readable GeoJSON file: {exc}") from None


def json_records(path: Path, opener: Any, size: int) -> Iterator[Record]:
    """Features of a FeatureCollection, or the events of a JSON list (a TimeMap export)."""
    stream, _name = opener()
    with stream:
        head = stream.read(_SNIFF_BYTES)
    is_list = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"["
    if size < STREAM_FROM:
        stream, _name = opener()
        with stream:
            data = _load_json(path, stream)
        if isinstance(data, list) and data and all(isinstance(e, dict) and "type" not in e for e in data[:10]):
            for n, event in enumerate(data, 1):
                yield Record(f"event {n}", event)
            return
        if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
            raise BadInput(f"{path}: not a GeoJSON FeatureCollection (nor a JSON list of events)")
        features = data.get("features")
        if not isinstance(features, list):
            raise BadInput(f"{path}: the FeatureCollection's \"features\" is {type(features).__name__}, not a list")
        for n, feature in enumerate(features, 1):
            yield _feature_record(n, feature)
        return
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BadInput(f"{path}: not UTF-8 text (UTF-16: save it as UTF-8)")
    stream, _name = opener()
    try:
        with stream:
            if is_list:
                for n, event in enumerate(_items(_JsonText(path, stream), whole=True), 1):
                    if not isinstance(event, dict):
                        yield Record(f"event {n}", {}, problem=f"{type(event).__name__}: expected a JSON object")
                    else:
                        yield Record(f"event {n}", event)
                return
            top, features = _top_level(path, stream)
            if top != "FeatureCollection":
                raise BadInput(f"{path}: not a GeoJSON FeatureCollection")
            if features != "list":
                raise BadInput(f"{path}: the FeatureCollection's \"features\" is not a list")
        stream, _name = opener()
        with stream:
            for n, feature in enumerate(_array_items(path, stream, "features"), 1):
                yield _feature_record(n, feature)
    except MemoryError:
        raise BadInput(f"{path}: not a GeoJSON file: its JSON is nested too deep to read") from None


_CHUNK = 1 << 20  # bytes of a streamed JSON file decoded at a time
MAX_VALUE = 64 << 20  # the longest feature read from a stream, in characters (a feature holds one point)
_BLANK = " \t\r\n"


class _JsonText:
    """A JSON file's text decoded a chunk at a time, with a position in it: the top-level object
    is walked here, and each value in it parsed whole by the json module's C decoder (raw_decode),
    which reads the same JSON as json.loads (the way smaller files are read), and a feature in
    half the time ijson's event parser (used before) took."""

    def __init__(self, path: Path, stream: IO[bytes]) -> None:
        import codecs

        self.path, self.stream = path, stream
        self.decode = codecs.getincrementaldecoder("utf-8-sig")().decode
        self.text, self.at, self.ended = "", 0, False
        self.decoder = json.JSONDecoder()

    def more(self) -> bool:
        """Decode the next chunk (the text already walked is let go). False at the file's end."""
        if self.ended:
            return False
        raw = self.stream.read(_CHUNK)
        try:
            chunk = self.decode(raw, final=not raw)
        except UnicodeDecodeError as exc:
            raise BadInput(f"{self.path}: not UTF-8 text ({exc.reason})") from None
        self.ended = not raw
        self.text, self.at = self.text[self.at:] + chunk, 0
        return True

    def peek(self) -> str:
        """The next character that is not blank ("" at the file's end), not taken."""
        while True:
            text, at = self.text, self.at
            while at < len(text) and text[at] in _BLANK:
                at += 1
            self.at = at
            if at < len(text):
                return text[at]
            if not self.more():
                return ""

    def take(self, expected: str, what: str) -> str:
        found = self.peek()
        if not found or found not in expected:
            shown = repr(found) if found else "the end of the file"
            raise BadInput(f"{self.path}: not JSON: expected {what}, found {shown}")
        self.at += 1
        return found

    def end(self) -> None:
        """Nothing but blanks may follow the file's JSON value (as json.loads requires)."""
        if self.peek():
            raise BadInput(f"{self.path}: not JSON: extra data after the end of its JSON value")

    def key(self) -> str:
        """A member's name and its ":"."""
        if self.peek() != '"':
            self.take('"', "a member's name")
        name = self.value()
        self.take(":", "':'")
        return str(name)

    def value(self) -> Any:
        """The next JSON value whole. Parsed again with more text when it ends at the text's end
        (a number cut in two, or a value not complete yet)."""
        self.peek()
        while True:
            try:
                value, end = self.decoder.raw_decode(self.text, self.at)
            except json.JSONDecodeError as exc:
                # Only an error at the text's end (or in a string not ended yet) may be the cut
                # between two chunks; a value longer than MAX_VALUE is not read further.
                cut = exc.pos >= len(self.text) - 8 or exc.msg.startswith("Unterminated string")
                if cut and len(self.text) - self.at < MAX_VALUE and self.more():
                    continue
                raise BadInput(f"{self.path}: not JSON: {exc.msg}") from None
            except RecursionError:
                raise BadInput(f"{self.path}: not a GeoJSON file: its JSON is nested too deep to read") from None
            except ValueError as exc:  # e.g. an integer of more than 4,300 digits
                raise BadInput(f"{self.path}: not a readable GeoJSON file: {exc}") from None
            # A number may go on in the next chunk ("1.5" of "1.5e-7" ends two characters before).
            number = type(value) in (int, float)
            if (end < len(self.text) - (2 if number else 0)) or not self.more():
                self.at = end
                return value


def _top_level(path: Path, stream: IO[bytes]) -> tuple[str | None, str | None]:
    """A streamed object's "type" (when a string) and the JSON kind of its "features" ("list" when
    it is one), read without holding the features: the walk stops when both are known, and goes
    through the features one at a time when "type" comes after them."""
    text = _JsonText(path, stream)
    text.take("{", "an object")
    top: str | None = None
    kind: str | None = None
    if text.peek() == "}":
        return top, kind
    while True:
        name = text.key()
        if name == "features" and kind is None and text.peek() == "[":
            kind = "list"
            if top is None:
                for _ in _items(text):
                    pass
        elif name == "features" and kind is None:
            kind = type(text.value()).__name__
        elif name == "type" and top is None:
            value = text.value()
            top = value if isinstance(value, str) else repr(value)
            if top != "FeatureCollection":
                return top, kind
        else:
            text.value()
        if top is not None and kind is not None:
            return top, kind
        if text.take(",}", "',' or '}'") == "}":
            return top, kind


def _items(text: _JsonText, whole: bool = False) -> Iterator[Any]:
    """The items of the array that starts at the text's position, one at a time (whole: the
    array is the file's JSON, and nothing may follow it)."""
    text.take("[", "'['")
    if text.peek() == "]":
        text.take("]", "']'")
    else:
        while True:
            yield text.value()
            if text.take(",]", "',' or ']'") == "]":
                break
    if whole:
        text.end()


def _array_items(path: Path, stream: IO[bytes], key: str) -> Iterator[Any]:
    """The items of the top-level object's array under key, one at a time: memory holds one item
    and a chunk of text, not the file. The file's shape was checked before (_top_level)."""
    text = _JsonText(path, stream)
    text.take("{", "an object")
    if text.peek() == "}":
        return
    while True:
        name = text.key()
        if name == key and text.peek() == "[":
            yield from _items(text)
        else:
            text.value()  # another member ("type", "metadata"), read and let go
        if text.take(",}", "',' or '}'") == "}":
            text.end()
            return


# Files GDAL reads (pyogrio): a GeoPackage or Shapefile, read a batch at a time.
GDAL_SUFFIXES = (".gpkg", ".shp", ".fgb", ".gml", ".kml", ".sqlite")
_GDAL_BATCH = 10_000


def _plain(value: Any) -> Any:
    """A value pyogrio read as a plain JSON value (numpy numbers, dates as ISO text)."""
    import numpy as np

    if isinstance(value, np.datetime64):
        return None if np.isnat(value) else str(value)[:10] if str(value)[10:].strip("T0:.") == "" else str(value)
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return None if np.isnan(value) else float(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return value


def _wkb_point(wkb: bytes | None) -> tuple[tuple[float, float] | None, str]:
    import struct

    if wkb is None:
        return None, ""
    order = "<" if wkb[:1] == b"\x01" else ">"
    kind = struct.unpack(order + "I", wkb[1:5])[0] & 0xFFFF
    if kind % 1000 != 1 or len(wkb) < 21:
        return None, "geometry: expected a Point"
    x, y = struct.unpack(order + "dd", wkb[5:21])
    return (x, y), ""


def gdal_records(path: Path) -> Iterator[Record]:
    """The features of a GIS file's first layer: ours (our GPKG export) checked as our snapshot's."""
    import pyogrio
    import pyogrio.raw
    from pyogrio.errors import DataLayerError, DataSourceError

    try:
        total = int(pyogrio.read_info(path)["features"])
    except (DataSourceError, DataLayerError) as exc:
        raise BadInput(f"{path}: not a file GDAL can read: {exc}") from None
    n = 0
    for skip in range(0, max(total, 0), _GDAL_BATCH):
        meta, _fids, geometry, data = pyogrio.raw.read(path, skip_features=skip, max_features=_GDAL_BATCH)
        names = [str(f) for f in meta["fields"]]
        ours = OUR_KEYS <= set(names)
        for k in range(len(geometry) if geometry is not None else 0):
            n += 1
            row = {name: _plain(column[k]) for name, column in zip(names, data, strict=True)}
            point, problem = _wkb_point(geometry[k])
            if ours:
                feature_id = row.pop("id", None)
                feature = {"type": "Feature", "id": feature_id, "properties": {**row, "id": feature_id},
                           "geometry": None if point is None else {"type": "Point", "coordinates": list(point)}}
                yield Record(f"feature {n}", {}, feature=feature, ours=True)
            else:
                yield Record(f"feature {n}", row, geometry=point, problem=problem)
