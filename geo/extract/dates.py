"""Date expressions in news text, resolved against the publication date, as ACLED codes them.

time_precision: 1 the day is known; 2 the week or weekend (dated mid-week); 3 only the
month (dated mid-month). A weekday is the latest one on or before the publication date,
unless the clause is in the future tense (as HeidelTime resolves them). Explicit dates are
parsed by dateparser, relative to the publication date.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from geo.extract.cues import load_cues

MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"

# "on the night of 23-24 August", "the night of August 23 to 24": the morning's date.
# Between "overnight" and the date it is told with: "overnight on June 8", "overnight into Sunday".
_NIGHT_OF = re.compile(r"\s+(?:on|to|into|of|from)\s+(?:the\s+night\s+of\s+)?")
NIGHT_RANGE = re.compile(
    rf"\bnight of (?P<d1>{_DAY})\s*(?:-|–|to|into)\s*(?P<d2>{_DAY})\s+(?P<m>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?"
    rf"|\bnight of (?P<m2>{_MONTH})\s+(?P<d3>{_DAY})\s*(?:-|–|to|into)\s*(?P<d4>{_DAY})(?:,?\s+(?P<y2>{_YEAR}))?",
    re.IGNORECASE,
)
# "May 22", "May 22, 2023", "22 May", "1 June 2023"
DAY_MONTH = re.compile(
    rf"\b(?:(?P<m1>{_MONTH})\s+(?P<d1>{_DAY})(?!\d)(?:,?\s+(?P<y1>{_YEAR}))?|(?P<d2>{_DAY})\s+(?:of\s+)?(?P<m2>{_MONTH})(?:,?\s+(?P<y2>{_YEAR}))?)\b",
    re.IGNORECASE,
)
# A clock time right after a date with its year ("October 14, 2024 10:32 AM"): the page's byline
# or update stamp.
_CLOCK_AFTER = re.compile(r",?\s*\d{1,2}:\d{2}(?:\s*(?:[AaPp]\.?[Mm]\.?|GMT|UTC))?(?!\w)")
# ISO dates in text: 2023-05-22
ISO_DATE = re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b")
# "in April", "in April 2023", "April 2023", "earlier in May", "since February 2022"
MONTH_ONLY = re.compile(
    rf"\b(?P<prep>in|during|since|by|early|late|mid|earlier in|later in|last|this|of)?\s*(?:-\s*)?(?P<m>{_MONTH})(?:\s+(?P<y>{_YEAR}))?\b",
    re.IGNORECASE,
)
# Weekdays: "on Sunday", "Thursday", "last Monday", "this Friday"
WEEKDAY = re.compile(r"\b(?P<mod>last|this|next|on|early|late)?\s*(?P<w>monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b", re.IGNORECASE)
# The day of publication and the day before, in words.
# ("overnight into Tuesday" is Tuesday's and "on the night of March 3" March 3rd's: the weekday
# or date named after them decides)
SAME_DAY = re.compile(r"\b(?:today|overnight(?!\s+(?:into|to|on|before|from)\s+\w+day)|this morning|this afternoon|"
                      r"this evening|tonight|last night|earlier today|on the night(?!\s+of\b))\b", re.IGNORECASE)
# "two days ago": the day; "a few days ago": that week.
DAYS_AGO = re.compile(r"\b(?P<n>a day|two|three|four|five|six|[1-6]|a few|several) days? ago\b", re.IGNORECASE)
_DAYS_AGO = {"a day": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
YESTERDAY = re.compile(r"\byesterday\b", re.IGNORECASE)
# The day before the one the sentence speaks from: "a day earlier", "the previous day" (counted from
# the day said, as "yesterday" is). Not "the day before the vote", which dates by another event.
DAY_BEFORE = re.compile(r"\b(?:a\s+day\s+earlier|the\s+(?:previous|preceding)\s+day|(?:the|a)\s+day\s+before"
                        r"(?!\s+(?:the|a|an|his|her|its|their|yesterday|[A-Z]|\w+['’]s)\b))\b", re.IGNORECASE)
# ... and some days before it: "two days earlier", "three days before" (counted the same way).
DAYS_BEFORE = re.compile(r"\b(?P<n>two|three|four|five|six|[2-6])\s+days\s+(?:earlier|before"
                         r"(?!\s+(?:the|a|an|his|her|its|their|[A-Z]|\w+['’]s)\b))\b", re.IGNORECASE)


def days_before(text: str) -> int | None:
    """How many days before the day a sentence speaks from a date written so means: "a day earlier"
    1, "two days earlier" 2; None for other dates."""
    if DAY_BEFORE.fullmatch(text):
        return 1
    m = DAYS_BEFORE.fullmatch(text)
    return (_DAYS_AGO.get(m.group("n").lower()) or int(m.group("n"))) if m else None


# A morning roundup of "the past day": dated the day before, where most of its 24 hours fall.
PAST_DAY = re.compile(r"\b(?:over|in|during|for)\s+(?:the\s+)?(?:past|last|previous)\s+(?:day|24\s+hours|twenty-four\s+hours)\b",
                      re.IGNORECASE)
LAST_WEEK = re.compile(r"\b(?:last|past|previous) week(?:end)?\b", re.IGNORECASE)
THIS_WEEK = re.compile(r"\b(?:this|earlier this|later this) week\b|\bin recent days\b|\bthis past week\b", re.IGNORECASE)
# The weekend just past: "over the weekend", "at the weekend", "weekend attacks" (dated its Sunday,
# the week's precision; on a Saturday or Sunday, that day).
WEEKEND = re.compile(r"\b(?:over|at|during|on) the weekend\b|\bthis (?:past )?weekend\b|\bweekend(?=\s+(?:attacks?|strikes?|raids?|"
                     r"fighting|clashes|violence|shelling|bombings?|assaults?|killings?)\b)", re.IGNORECASE)
THIS_MONTH = re.compile(r"\b(?:this|earlier this|later this) month\b|\bin recent (?:weeks|months)\b|\brecent months\b", re.IGNORECASE)
LAST_MONTH = re.compile(r"\blast month\b", re.IGNORECASE)
# A season or year before the present one: "last summer", "last year", "the previous winter".
# Dated at its middle, with a year's precision (4): context for this tool, never a day's news.
LAST_SEASON = re.compile(r"\b(?:last|the previous|the past)\s+(?P<s>spring|summer|autumn|fall|winter|year)\b", re.IGNORECASE)
_SEASON_MONTH = {"spring": 4, "summer": 7, "autumn": 10, "fall": 10, "winter": 1, "year": 7}
# The year so far: "has seen fierce fighting this year", "earlier this year". Context too (precision 4).
THIS_YEAR = re.compile(r"\b(?:(?:earlier|so far|later)\s+)?this\s+year\b", re.IGNORECASE)
# Years on their own, and spans of years: "in 2014", "between 1999 and 2009".
YEAR_ONLY = re.compile(
    rf"\b(?:in|since|back in|of|from|between|until|and|spring|summer|autumn|fall|winter)\s+(?P<y>{_YEAR})\b", re.IGNORECASE
)
# A clause about what will happen (its words: DATA_DIR/cues/future_markers.txt, compiled by
# geo.extract.cues) is no incident, and a weekday in it is the next one.


@dataclass(frozen=True)
class DateMention:
    """A date the text names: its span, the date it means and how precise it is."""

    text: str
    start: int
    end: int
    value: date
    precision: int
    # Said relative to the moment of writing ("overnight", "yesterday", "two days ago"): in a
    # sentence that dates its own statement ("said on Friday") it is relative to that day.
    deictic: bool = False


def _month_number(name: str) -> int:
    key = name.lower().rstrip(".")[:3]
    return [m[:3] for m in MONTHS].index(key) + 1


def _day(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def _latest_on_or_before(month: int, day: int, published: date, future: bool) -> date | None:
    """The date with this month and day nearest the publication date: on or before it, or after it in the future tense."""
    for year in ((published.year, published.year + 1) if future else (published.year, published.year - 1)):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if (candidate >= published) if future else (candidate <= published + timedelta(days=1)):
            return candidate
    return None


@lru_cache(maxsize=4096)
def _dateparser_day(text: str, published: date) -> date | None:
    """Explicit dates go through dateparser, relative to the publication date."""
    import dateparser  # imported on first use: it takes half a second

    parsed = dateparser.parse(
        text,
        languages=["en"],
        settings={"RELATIVE_BASE": _as_datetime(published), "PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"]},
    )
    return parsed.date() if parsed else None


def _as_datetime(day: date):  # noqa: ANN202 - datetime without importing it at module level
    from datetime import datetime

    return datetime(day.year, day.month, day.day, 12)


def find_dates(text: str, published: date | None, *, future: bool | None = None,
               future_pattern: re.Pattern[str] | None = None) -> list[DateMention]:
    """Every date expression in text, resolved; an empty list when there is none or no publication date.

    future: whether text is in the future tense; looked for with future_pattern (a data folder's
    cue list, the default folder's unless given) when not said."""
    if published is None:
        return []
    if future is None:
        future = bool((future_pattern or load_cues().future).search(text))
    is_future = future
    out: list[DateMention] = []
    # Spans already taken, in order: they do not overlap, so their ends are in order too and
    # one look at the span before a new one says whether they overlap (a scan of every taken
    # span per match was quadratic in a long sentence full of dates).
    starts: list[int] = []
    ends: list[int] = []

    def add(m: re.Match[str], value: date | None, precision: int, deictic: bool = False, told: bool = True) -> None:
        """(told False: the span is taken, so no shorter pattern reads it, but no date is told there)"""
        if value is None:
            return
        k = bisect_left(starts, m.end())
        if k > 0 and ends[k - 1] > m.start():
            return
        starts.insert(k, m.start())
        ends.insert(k, m.end())
        if told:
            # (a pattern may take the space before its words: the span is the words' own)
            raw = m.group(0)
            lead, trail = len(raw) - len(raw.lstrip()), len(raw) - len(raw.rstrip())
            out.append(DateMention(raw.strip(), m.start() + lead, m.end() - trail, value, precision, deictic))

    for m in NIGHT_RANGE.finditer(text):
        month = _month_number(m.group("m") or m.group("m2"))
        day = _day(m.group("d2") or m.group("d4"))
        year = m.group("y") or m.group("y2")
        value = date(int(year), month, day) if year else _latest_on_or_before(month, day, published, is_future)
        add(m, value, 1)
    for m in ISO_DATE.finditer(text):
        try:
            add(m, date(int(m.group("y")), int(m.group("m")), int(m.group("d"))), 1)
        except ValueError:
            continue
    for m in DAY_MONTH.finditer(text):
        month_text = m.group("m1") or m.group("m2")
        if (m.group("y1") or m.group("y2")) and _CLOCK_AFTER.match(text, m.end()):
            # "October 14, 2024 10:32 AM": a page's timestamp, not the day of anything told
            add(m, published, 1, told=False)
            continue
        if month_text.lower() == "may" and m.group("m1") and not m.group("y1") and not re.match(r"\d", m.group("d1")):
            continue
        year = m.group("y1") or m.group("y2")
        if year:
            add(m, _dateparser_day(m.group(0), published), 1)
        else:
            add(m, _latest_on_or_before(_month_number(month_text), _day(m.group("d1") or m.group("d2")), published, is_future), 1)
    for m in WEEKDAY.finditer(text):
        weekday = WEEKDAYS.index(m.group("w").lower())
        mod = (m.group("mod") or "").lower()
        if mod == "next" or (is_future and mod != "last"):
            value = published + timedelta(days=(weekday - published.weekday()) % 7 or 7)
        else:
            value = published - timedelta(days=(published.weekday() - weekday) % 7)
            if mod == "last" and value == published:
                value -= timedelta(days=7)
        add(m, value, 1)
    for m in YESTERDAY.finditer(text):
        add(m, published - timedelta(days=1), 1, deictic=True)
    for m in DAY_BEFORE.finditer(text):
        add(m, published - timedelta(days=1), 1, deictic=True)
    for m in DAYS_BEFORE.finditer(text):
        add(m, published - timedelta(days=days_before(m.group()) or 1), 1, deictic=True)
    for m in PAST_DAY.finditer(text):
        add(m, published - timedelta(days=1), 1, deictic=True)
    for m in DAYS_AGO.finditer(text):
        n = m.group("n").lower()
        if n in ("a few", "several"):
            add(m, published - timedelta(days=3), 2, deictic=True)
        else:
            add(m, published - timedelta(days=_DAYS_AGO.get(n) or int(n)), 1, deictic=True)
    for m in SAME_DAY.finditer(text):
        add(m, published, 1, deictic=True)
    for m in LAST_WEEK.finditer(text):
        monday = published - timedelta(days=published.weekday() + 7)
        add(m, monday + timedelta(days=5 if "weekend" in m.group(0).lower() else 2), 2)
    for m in WEEKEND.finditer(text):
        if is_future:
            add(m, published + timedelta(days=(6 - published.weekday()) % 7), 2)
        else:
            add(m, published if published.weekday() >= 5 else published - timedelta(days=published.weekday() + 1), 2)
    for m in THIS_WEEK.finditer(text):
        monday = published - timedelta(days=published.weekday())
        add(m, min(published, monday + timedelta(days=2)), 2)
    for m in MONTH_ONLY.finditer(text):
        if m.group("m").lower() == "may" and not (m.group("prep") or m.group("y")):
            continue  # "may" is mostly a verb
        month = _month_number(m.group("m"))
        if m.group("y"):
            year = int(m.group("y"))
        else:
            year = published.year if (month <= published.month) != is_future else published.year + (1 if is_future else -1)
        add(m, date(year, month, 15), 3)
    for m in THIS_MONTH.finditer(text):
        add(m, date(published.year, published.month, 15), 3)
    for m in LAST_MONTH.finditer(text):
        first = published.replace(day=1) - timedelta(days=1)
        add(m, date(first.year, first.month, 15), 3)
    for m in LAST_SEASON.finditer(text):
        # (which year's summer "last summer" means varies with the month and the writer; a year
        # before is near enough for a date that is only context)
        add(m, date(published.year - 1, _SEASON_MONTH[m.group("s").lower()], 15), 4)
    for m in THIS_YEAR.finditer(text):
        add(m, date(published.year, min(published.month, 7), 1), 4)
    for m in YEAR_ONLY.finditer(text):
        year = int(m.group("y"))
        add(m, date(year, 7, 1), 4)  # 4: the year only; always background for this tool
    out.sort(key=lambda d: d.start)
    # "overnight on June 8", "overnight into Sunday": the night is the date that follows, not the
    # night before the report
    return [d for d, after in zip(out, [*out[1:], None])
            if not (d.deictic and after is not None and not after.deictic
                    and _NIGHT_OF.fullmatch(text, d.end, after.start))]
