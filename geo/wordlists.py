"""One reader for the project's data files: CSV tables and plain word lists.

Every loader (actors, triggers, places, regions, the cue-word lists, articles.csv, events.csv)
reads through here, so they share one comment rule, one header check and one way of naming
where a problem is: "FILE, line N: ..." (and "FILE, line N, FIELD: ..." for a field).

- A line whose first non-blank character is '#' is a comment; blank lines are skipped. In a word
  list, '#' after an entry also starts a comment ("Hill  # a village in many countries").
- A CSV file's first line that is not a comment is its header; missing columns are named.
- Line numbers are the file's own lines (comments and blank lines counted), as an editor shows them.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from geo.errors import BadInput, IncidentMapError

# '#' to the end of a line: a comment in a word list.
_COMMENT = re.compile(r"#.*$")


def where(path: Path | str, line: int, field: str | None = None) -> str:
    """How a message names a place in a data file: "PATH, line N" or "PATH, line N, FIELD"."""
    return f"{path}, line {line}" + (f", {field}" if field else "")


def _read_text(path: Path, error: type[IncidentMapError]) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise error(f"{path}: not UTF-8 text (byte {exc.start}); save it as UTF-8") from None
    except OSError as exc:
        raise error(f"{path}: cannot read: {exc.strerror or exc}") from None


def _lines(text: str) -> io.StringIO:
    """The lines of text, ends kept, split only at \\n, \\r and \\r\\n (as the csv module wants:
    str.splitlines would also split inside a field at U+2028 and the like)."""
    return io.StringIO(text, newline="")


def _is_comment_or_blank(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


@dataclass(frozen=True)
class Row:
    """One row of a CSV data file: its line number and its fields by column name ('' when absent)."""

    line: int
    fields: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.fields.get(column) or ""

    def get(self, column: str, default: str = "") -> str:
        return self.fields.get(column) or default


def read_table(path: Path, required: set[str] | tuple[str, ...], *,
               error: type[IncidentMapError] = BadInput) -> list[Row]:
    """The rows of a CSV data file, each with its line number.

    Raises error (BadInput unless told) naming the file when it cannot be read or lacks a
    required column, and the file and line when a row is malformed."""
    text = _read_text(path, error)
    numbers: list[int] = []  # the file line each line handed to the CSV reader came from

    def kept_lines() -> Iterator[str]:
        for number, line in enumerate(_lines(text), 1):
            if not _is_comment_or_blank(line):
                numbers.append(number)
                yield line

    reader = csv.DictReader(kept_lines())
    try:
        header = reader.fieldnames or []
        missing = set(required) - {name.strip() for name in header}
        if missing:
            raise error(f"{path}: missing column(s) {', '.join(sorted(missing))}")
        rows = []
        for record in reader:
            fields = {(k or "").strip(): v for k, v in record.items() if k is not None and isinstance(v, str)}
            rows.append(Row(numbers[-1], fields))
    except csv.Error as exc:
        raise error(f"{where(path, numbers[-1] if numbers else 1)}: {exc}") from None
    return rows


@dataclass(frozen=True)
class Entry:
    """One entry of a word list and the line it is on."""

    line: int
    text: str


def read_entries(path: Path, *, error: type[IncidentMapError] = BadInput) -> list[Entry]:
    """The entries of a word list (one a line, '#' starts a comment), with their line numbers."""
    out = []
    for number, line in enumerate(_lines(_read_text(path, error)), 1):
        entry = _COMMENT.sub("", line).strip()
        if entry:
            out.append(Entry(number, entry))
    return out


def read_words(path: Path, *, error: type[IncidentMapError] = BadInput) -> tuple[str, ...]:
    """A word list's entries, in the file's order."""
    return tuple(e.text for e in read_entries(path, error=error))


def read_patterns(path: Path, *, error: type[IncidentMapError] = BadInput) -> tuple[str, ...]:
    """A list of words or regular expressions (one a line), each checked to compile."""
    out = []
    for entry in read_entries(path, error=error):
        try:
            re.compile(entry.text)
        except re.error as exc:
            raise error(f"{where(path, entry.line)}: not a valid pattern: {exc}") from None
        out.append(entry.text)
    if not out:
        raise error(f"{path}: the list is empty")
    return tuple(out)


def alternation(patterns: tuple[str, ...]) -> str:
    """The entries as one regular-expression alternative, in the list's order: (?:a|b|c)."""
    return "(?:" + "|".join(patterns) + ")"
