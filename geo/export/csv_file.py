"""The incidents as CSV for a spreadsheet: every cell quoted where it must be, formulas made inert.

Written with the csv module and RFC 4180 line ends ("\\r\\n"): with that line terminator the
writer quotes any cell holding a CR, a LF, a quote or the delimiter, so a cell can never
split a row or start a new one. (pandas' to_csv ends lines with "\\n" and leaves a bare CR
unquoted: a cell "x\\r=1+1" became a row of its own starting with a formula.)

Formula injection: a spreadsheet runs a cell as a formula when its first character that is
not blank is "=", "+", "-" or "@" (spreadsheets skip leading spaces and control characters
before deciding). Such cells, and cells starting with a tab or CR, get a leading "'", which
spreadsheets show as text and do not run.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from geo.schema import STORED

# What starts a formula once leading blanks and control characters are skipped.
FORMULA_START = frozenset("=+-@")
# A cell starting with one of these is neutralised whatever follows (some spreadsheets treat a
# leading tab or CR as the start of a new cell or row).
_ALWAYS_PREFIX = ("\t", "\r")
# The columns of an incident frame that are internal (search index, grouping) and not exported.
INTERNAL_COLUMNS = ("search_text", "outlets", "article_ids", "group")
NAME_COLUMNS = tuple(f.name for f in STORED if f.kind == "names")


def _first_significant(value: str) -> str:
    """The first character that is neither whitespace nor a control character ('' if none)."""
    for ch in value:
        if not ch.isspace() and unicodedata.category(ch) not in ("Cc", "Cf"):
            return ch
    return ""


def safe_cell(value: Any) -> Any:
    """value, with a leading "'" when a spreadsheet would run it as a formula; non-text unchanged."""
    if isinstance(value, str) and (value.startswith(_ALWAYS_PREFIX) or _first_significant(value) in FORMULA_START):
        return "'" + value
    return value


def is_number(value: str) -> bool:
    """value reads as a number ("12", "-3.5", "1e3"): kept as text in a CSV meant for spreadsheets."""
    try:
        float(value)
    except ValueError:
        return False
    return True


def _text(value: Any, numbers_as_text: bool = False) -> Any:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):  # missing: an empty cell
        return ""
    if numbers_as_text and isinstance(value, str) and is_number(value.strip()):
        return value  # "-35.6" as a file gave it: a number, no formula (a spreadsheet shows it as one)
    return safe_cell(value)


def write_csv(header: Sequence[str], rows: Iterable[Sequence[Any]], numbers_as_text: bool = False) -> str:
    """CSV text: a header row, then the rows, each cell made safe and quoted where needed
    (numbers_as_text: a text cell holding a number, "-35.6" from an imported file, is left as it is)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow([_text(h) for h in header])
    for row in rows:
        writer.writerow([_text(v, numbers_as_text) for v in row])
    return buffer.getvalue()


def frame_to_csv(frame: pd.DataFrame) -> str:
    """A frame as CSV, without its index."""
    columns = [str(c) for c in frame.columns]
    return write_csv(columns, frame.astype(object).itertuples(index=False, name=None))


def incidents_csv(frame: pd.DataFrame, sources: pd.DataFrame) -> str:
    """The incidents of frame as CSV, one row per incident, its quotes (from sources) joined by " | "."""
    out = frame.drop(columns=list(INTERNAL_COLUMNS), errors="ignore").copy()
    # Lists of names as "a; b", the form ACLED uses and `incident-map import` reads back.
    for column in NAME_COLUMNS:
        if column in out:
            out[column] = out[column].map(lambda v: "; ".join(v))
    if "outlets" in frame:  # where each incident is reported: read back as its sources
        out["outlets"] = frame["outlets"].map(lambda v: "; ".join(v) if isinstance(v, list | tuple) else v)
    if "event_date" in out:
        out["event_date"] = out["event_date"].dt.strftime("%Y-%m-%d")
    quotes: dict[str, list[str]] = {}
    wanted = set(frame["id"].tolist())
    for incident_id, quote in zip(sources["incident_id"].tolist(), sources["quote"].tolist(), strict=True):
        if incident_id in wanted:
            quotes.setdefault(incident_id, []).append(quote)
    out["quotes"] = [" | ".join(quotes.get(i, ())) for i in frame["id"].tolist()]
    return frame_to_csv(out)
