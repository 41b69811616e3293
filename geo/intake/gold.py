"""The files an evaluation reads: ARTICLES.csv (the articles, with their publication dates) and
GOLD.csv (hand-made incidents). The formats are described in geo/evaluate.py; every problem is a
BadInput naming the file, line and field."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from geo.errors import BadInput
from geo.intake.articles import parse_date
from geo.wordlists import read_table, where

# The day a month-only date stands for (geo.extract.dates dates "in May" to 15 May).
MID_MONTH = 15
# A gold month: "2024-08".
_MONTH = re.compile(r"\d{4}-\d{2}")


@dataclass(frozen=True)
class ArticleRow:
    """One line of ARTICLES.csv: its file as written and the path it resolves to."""

    file: str
    path: Path
    title: str
    outlet: str
    url: str
    published: date


@dataclass(frozen=True)
class GoldRow:
    """One hand-made incident of GOLD.csv; line is the file's line, for messages."""

    file: str
    line: int
    event_date: date  # the day, or the month's MID_MONTH when month is True
    month: bool
    place: str
    place_canonical: str = ""
    latitude: float | None = None
    longitude: float | None = None
    actor: str = ""
    event_type: str = ""
    fatalities: int | None = None
    claimed_by: str = ""
    notes: str = ""

    @property
    def shown_date(self) -> str:
        return self.event_date.isoformat()[:7] if self.month else self.event_date.isoformat()



def _file_key(value: str) -> str:
    """A file as ARTICLES.csv and GOLD.csv write it, so that "./a.txt" and "a.txt" are one."""
    return posixpath.normpath(value.strip().replace("\\", "/"))


def read_articles(path: Path) -> list[ArticleRow]:
    """The articles ARTICLES.csv lists, paths resolved from its folder; BadInput names the line."""
    out: list[ArticleRow] = []
    seen: set[str] = set()
    for row in read_table(path, ("file", "published")):
        name = row["file"].strip()
        if not name:
            raise BadInput(f"{where(path, row.line, 'file')}: empty")
        key = _file_key(name)
        if key in seen:
            raise BadInput(f"{where(path, row.line, 'file')}: {name!r} is listed twice")
        seen.add(key)
        published = parse_date(row["published"], where(path, row.line, "published"))
        if published is None:
            raise BadInput(f"{where(path, row.line, 'published')}: empty (the extractor needs the publication date)")
        out.append(ArticleRow(key, path.parent / name, row["title"].strip(), row["outlet"].strip(),
                              row["url"].strip(), published))
    if not out:
        raise BadInput(f"{path}: lists no article")
    return out


def _gold_date(value: str, at: str) -> tuple[date, bool]:
    value = value.strip()
    try:
        if _MONTH.fullmatch(value):
            return date.fromisoformat(f"{value}-{MID_MONTH:02d}"), True
        return date.fromisoformat(value), False
    except ValueError:
        raise BadInput(f"{at}: not a date (YYYY-MM-DD) or a month (YYYY-MM): {value!r}") from None


def _coordinate(value: str, at: str, limit: float) -> float | None:
    value = value.strip()
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        raise BadInput(f"{at}: not a number: {value!r}") from None
    if not -limit <= number <= limit:
        raise BadInput(f"{at}: {number} is outside -{limit:g}..{limit:g}")
    return number


def _count(value: str, at: str) -> int | None:
    value = value.strip()
    if not value:
        return None
    if not value.isdigit():
        raise BadInput(f"{at}: not a whole number of people: {value!r}")
    return int(value)


def read_gold(path: Path, files: set[str] | None = None) -> list[GoldRow]:
    """The gold rows; files, when given, are the articles they may refer to. BadInput names the
    file, line and field of the first bad value."""
    out = []
    for row in read_table(path, ("file", "event_date", "place")):
        key = _file_key(row["file"]) if row["file"].strip() else ""
        if not key:
            raise BadInput(f"{where(path, row.line, 'file')}: empty")
        if files is not None and key not in files:
            raise BadInput(f"{where(path, row.line, 'file')}: {row['file'].strip()!r} is not in the articles list")
        if not row["place"].strip():
            raise BadInput(f"{where(path, row.line, 'place')}: empty")
        day, month = _gold_date(row["event_date"], where(path, row.line, "event_date"))
        lat = _coordinate(row["lat"], where(path, row.line, "lat"), 90)
        lon = _coordinate(row["lon"], where(path, row.line, "lon"), 180)
        if (lat is None) != (lon is None):
            raise BadInput(f"{where(path, row.line, 'lat' if lat is None else 'lon')}: empty while "
                           f"{'lon' if lat is None else 'lat'} is given (give both or neither)")
        out.append(GoldRow(
            key, row.line, day, month, row["place"].strip(), row["place_canonical"].strip(), lat, lon,
            row["actor"].strip(), row["event_type"].strip(),
            _count(row["fatalities"], where(path, row.line, "fatalities")), row["claimed_by"].strip(),
            row["notes"].strip(),
        ))
    return out
