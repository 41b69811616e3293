"""The Map page's timeline as data: incidents (or deaths) over time by group, drawn in the browser.

The timeline used to be a Vega-Lite chart (st.altair_chart). Vega is Streamlit's largest
frontend bundle, and loading it on the same renderer thread as the map delayed the map's first
drawing by 0.5-1 s. Now the map's own component (static/timeline.js, in the map's frame) draws it
as SVG from this small document after the map is drawn: a few kilobytes, whatever the number
of incidents (past MAX_BARS incidents it holds counts per week, not incidents).

Days are whole days since 1970-01-01 (what the browser's Date.UTC gives divided by a day).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import orjson
import pandas as pd

from geo.map.layer import UNKNOWN_COLOUR
from geo.schema import TIME_PRECISION

# Up to this many incidents each gets its own bar; beyond, the chart counts incidents per week
# (a bar per incident is unreadable and, at 200,000, megabytes sent to the browser).
MAX_BARS = 1_500
# Deaths per day up to this span of days, per week beyond.
DAILY_DEATHS_SPAN = 183
# The narrowest date axis, in days: a view of one day got hour ticks.
MIN_DOMAIN_DAYS = 8


def _days(frame: pd.DataFrame) -> np.ndarray:
    return frame["event_date"].to_numpy("datetime64[D]").astype(np.int64)


def _week_start(days: np.ndarray) -> np.ndarray:
    """The Monday on or before each day (1970-01-01 was a Thursday)."""
    return days - (days + 3) % 7


def _spans(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Each incident's span of days [start, end): its day, the week around it, or its month, by the
    precision of its date (ACLED's time_precision 1, 2, 3)."""
    days = _days(frame)
    precision = frame["time_precision"].to_numpy(np.int64)
    months = frame["event_date"].to_numpy("datetime64[M]")
    month_start = months.astype("datetime64[D]").astype(np.int64)
    month_end = (months + 1).astype("datetime64[D]").astype(np.int64)
    start = np.where(precision == 1, days, np.where(precision == 2, days - 3, month_start))
    end = np.where(precision == 1, days + 1, np.where(precision == 2, days + 4, month_end))
    return start, end


def _domain(lo: int, hi: int) -> list[int]:
    """The axis's days [lo, hi), at least MIN_DOMAIN_DAYS wide, around the middle."""
    if hi - lo >= MIN_DOMAIN_DAYS:
        return [lo, hi]
    middle = (lo + hi) // 2
    return [middle - MIN_DOMAIN_DAYS // 2, middle + MIN_DOMAIN_DAYS // 2]


def _stack(bins: np.ndarray, groups: np.ndarray, values: np.ndarray) -> list[list[int]]:
    """[bin's first day, group's number, the sum of values] for each bin and group with a sum above 0."""
    data = pd.DataFrame({"b": bins, "g": groups, "v": values}).groupby(["b", "g"], sort=True)["v"].sum()
    data = data[data > 0]
    return [[int(b), int(g), int(v)] for (b, g), v in data.items()]


def _bars(frame: pd.DataFrame, group_of: np.ndarray) -> dict[str, Any]:
    start, end = _spans(frame)
    places, place_table = pd.factorize(frame["place"].fillna(""))
    kinds, kind_table = pd.factorize(frame["sub_event_type"].fillna(""))
    precision = frame["time_precision"].to_numpy(np.int64)
    rows = np.column_stack([_days(frame), start, end, group_of, precision, places, kinds]).tolist()
    return {"kind": "bars", "title": "Date (bars span the uncertainty of imprecise dates)", "rows": rows,
            "places": list(place_table), "kinds": list(kind_table),
            "precision": [[code, name] for code, name in TIME_PRECISION.items()],
            "domain": _domain(int(start.min()), int(end.max()))}


def _weekly(frame: pd.DataFrame, group_of: np.ndarray) -> dict[str, Any]:
    weeks = _week_start(_days(frame))
    return {"kind": "stack", "unit": "week", "width": 7, "y": "Incidents per week",
            "title": f"Week ({len(frame):,} incidents: counted per week; filter to fewer than {MAX_BARS:,} "
                     "to see each one)",
            "rows": _stack(weeks, group_of, np.ones(len(frame), np.int64)),
            "domain": _domain(int(weeks.min()), int(weeks.max()) + 7)}


def _deaths(frame: pd.DataFrame, group_of: np.ndarray) -> dict[str, Any]:
    """Deaths per day (per week past half a year) by group; incidents with no number count none."""
    given = frame["fatalities"].notna().to_numpy()
    if not given.any():
        message = (f"None of these {len(frame):,} incidents gives a number of deaths." if len(frame) != 1
                   else "This incident gives no number of deaths.")
        return {"kind": "none", "message": message}
    days = _days(frame)
    daily = days.max() - days.min() <= DAILY_DEATHS_SPAN
    bins = days if daily else _week_start(days)
    width, unit = (1, "day") if daily else (7, "week")
    deaths = pd.array(frame["fatalities"], dtype="Int64").fillna(0).to_numpy(np.int64)
    return {"kind": "stack", "unit": unit, "width": width, "y": f"Deaths per {unit}",
            "title": f"Deaths per {unit} ({int(given.sum()):,} of {len(frame):,} incidents give a number)",
            "rows": _stack(bins[given], group_of[given], deaths[given]),
            "domain": _domain(int(bins.min()), int(bins.max()) + width)}


def timeline_doc(frame: pd.DataFrame, colours: dict[str, str]) -> dict[str, Any] | None:
    """The timeline of frame (the view before its date filter) in both measures; None when empty.

    groups: [name, colour] in the order the bars stack and the lanes run (by name); incidents and
    deaths: {"kind": "bars"} (one row per incident: its day, the first day of its span, the day after
    the last, group, date precision, place, sub-event type, the last two as numbers into "places"
    and "kinds"),
    {"kind": "stack"} (first day of a bin of "width" days, group, count or deaths), or
    {"kind": "none", "message": ...}; each with its axis "title" and its days "domain"."""
    if frame.empty:
        return None
    names = sorted(set(frame["group"]))
    group_of = pd.Categorical(frame["group"], categories=names).codes.astype(np.int64)
    incidents = _bars(frame, group_of) if len(frame) <= MAX_BARS else _weekly(frame, group_of)
    doc: dict[str, Any] = {"groups": [[g, colours.get(g, UNKNOWN_COLOUR)] for g in names],
                           "total": len(frame), "incidents": incidents}
    doc["deaths"] = _deaths(frame, group_of) if "fatalities" in frame.columns else \
        {"kind": "none", "message": "These incidents have no numbers of deaths."}
    return doc


def timeline_payload(frame: pd.DataFrame, colours: dict[str, str]) -> bytes | None:
    """timeline_doc as JSON (what static/timeline.js reads)."""
    doc = timeline_doc(frame, colours)
    return None if doc is None else orjson.dumps(doc)
