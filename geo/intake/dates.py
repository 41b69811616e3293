"""The dates of imported files, in the forms people and tools write them.

ISO dates (with or without a time), "15 April 2022", "15-Apr-22", "April 15, 2022", Excel's day
numbers ("41712": what a spreadsheet leaves when a date column is saved as a number), and numeric
dates with the day and the month in either order ("15/04/2022", "4/15/2022", "26/10/25").

A numeric date whose first two numbers are both 12 or less ("04/05/2022") can be read two ways.
It is never guessed: the order comes from the user (--dayfirst / --monthfirst) or from the file's
other rows (a "15/04/2022" in the same column settles it: files keep one order). DateReader
collects that evidence; a date still open when the file ends is refused with a message that says
how to settle it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Literal

Order = Literal["dayfirst", "monthfirst"]

# A time after the date ("2022-04-15 10:00:00", "2022-04-15T10:00:00Z", "4/15/2022 10:00 PM"):
# the time of day is not kept (ACLED's precision codes are about days).
_TIME = re.compile(r"(?:[T ]+\d{1,2}:\d\d(?::\d\d(?:\.\d+)?)?\s*(?:[AaPp][Mm])?\s*(?:Z|UTC|[+-]\d\d:?\d\d)?)$")
# Year first: "2022-04-15", "2022/4/15", "2022.04.15".
_YMD = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})")
# Year last, the day and month in some order: "15/04/2022", "4-15-2022", "26.10.25".
_XXY = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})")
# Month names: "15 April 2022", "15-Apr-22", "15 Apr. 2022", "April 15, 2022", "Apr 15 2022".
_D_MON_Y = re.compile(r"(\d{1,2})[-\s/.]+([A-Za-z]{3,9})\.?[-\s/.,]+(\d{4}|\d{2})")
_MON_D_Y = re.compile(r"([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")
# Excel's serial day numbers (days since 1899-12-30) for 1927 to 2119: a bare number in a date
# column has no other reading.
_SERIAL = re.compile(r"\d{5}(?:\.0+)?")
_EXCEL_EPOCH = date(1899, 12, 30)
_MONTHS = {name: n for n, names in enumerate((
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
    ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
    ("dec", "december")), 1) for name in names}


class DateProblem(ValueError):
    """A text that is no date; the message says what was expected."""


class Ambiguous(ValueError):
    """A numeric date that reads as two different days."""


def _year(text: str) -> int:
    if len(text) == 4:
        return int(text)
    # Two digits: the nearest century, as Python's %y reads them (69-99 are the 1900s).
    number = int(text)
    return 1900 + number if number >= 69 else 2000 + number


def _make(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise DateProblem("not a calendar date") from None


EXPECTED = "a date such as 2022-04-15, 15 April 2022, 15-Apr-22 or 15/04/2022"


@dataclass
class DateReader:
    """Reads the dates of one column of one file, learning its day/month order from its rows."""

    order: Order | None = None  # given by the user: never overruled
    seen: dict[Order, int] = field(default_factory=lambda: {"dayfirst": 0, "monthfirst": 0})

    @property
    def settled(self) -> Order | None:
        """The order this file uses: the user's, or the only one its unambiguous dates show."""
        if self.order:
            return self.order
        day, month = self.seen["dayfirst"], self.seen["monthfirst"]
        if day and not month:
            return "dayfirst"
        if month and not day:
            return "monthfirst"
        return None

    @property
    def mixed(self) -> bool:
        return bool(self.seen["dayfirst"] and self.seen["monthfirst"])

    def read(self, value: object) -> date:
        """The date of a cell, or DateProblem, or Ambiguous (ask again once the order is settled)."""
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise DateProblem(f"expected {EXPECTED}")
        text = _TIME.sub("", value.strip()).strip()
        if m := _YMD.fullmatch(text):
            return _make(int(m[1]), int(m[3]), int(m[4]), value)
        if m := _XXY.fullmatch(text):
            first, second, year = int(m[1]), int(m[3]), _year(m[4])
            if (first > 12 and self.order == "monthfirst") or (second > 12 and self.order == "dayfirst"):
                raise DateProblem(f"not a {'month' if self.order == 'monthfirst' else 'day'}-first date "
                                  f"(--{self.order} was given)")
            if first > 12 and second <= 12:
                self.seen["dayfirst"] += 1
                return _make(year, second, first, value)
            if second > 12 and first <= 12:
                self.seen["monthfirst"] += 1
                return _make(year, first, second, value)
            if first == second:
                return _make(year, first, second, value)
            order = self.settled
            if order is None:
                raise Ambiguous(f"may be {first} {_name(second)} or {_name(first)} {second}")
            return _make(year, second, first, value) if order == "dayfirst" else _make(year, first, second, value)
        if m := _D_MON_Y.fullmatch(text):
            return _make(_year(m[3]), _month(m[2], value), int(m[1]), value)
        if m := _MON_D_Y.fullmatch(text):
            return _make(int(m[3]), _month(m[1], value), int(m[2]), value)
        if _SERIAL.fullmatch(text):
            return _EXCEL_EPOCH + timedelta(days=int(float(text)))
        raise DateProblem(f"expected {EXPECTED}")


def _month(name: str, text: str) -> int:
    month = _MONTHS.get(name.lower())
    if month is None:
        raise DateProblem(f"{name!r} is not a month's name")
    return month


def _name(month: int) -> str:
    return datetime(2000, month, 1).strftime("%B") if 1 <= month <= 12 else str(month)
