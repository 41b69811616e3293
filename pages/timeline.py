"""The timeline: incidents over time by group, with a brush that filters the map and the table."""

from __future__ import annotations

from datetime import date, timedelta

import altair as alt
import pandas as pd
import streamlit as st

from geo.schema import TIME_PRECISION

# Up to this many incidents each gets its own bar; beyond, the chart counts incidents per week
# (a bar per incident is unreadable and, at 200,000, megabytes sent to the browser).
MAX_BARS = 1_500


def _span(row: pd.Series) -> tuple[pd.Timestamp, pd.Timestamp]:
    day = row["event_date"]
    if row["time_precision"] == 1:
        return day, day + pd.Timedelta(days=1)
    if row["time_precision"] == 2:
        return day - pd.Timedelta(days=3), day + pd.Timedelta(days=4)
    start = day.replace(day=1)
    return start, start + pd.offsets.MonthBegin(1)


def timeline(frame: pd.DataFrame, colours: dict[str, str]) -> tuple[date, date] | None:
    """Draw the timeline; returns the brushed date range, if the user brushed one."""
    if frame.empty:
        return None
    chart = _bars(frame, colours) if len(frame) <= MAX_BARS else _weekly(frame, colours)
    height = chart.height if isinstance(chart.height, int) else 160
    event = st.altair_chart(chart, on_select="rerun", key="timeline", width="stretch", height=height + 80)
    return _brushed(event)


def _scale(groups: list[str], colours: dict[str, str]) -> alt.Scale:
    return alt.Scale(domain=groups, range=[colours.get(g, "#7f7f7f") for g in groups])


def _weekly(frame: pd.DataFrame, colours: dict[str, str]) -> alt.Chart:
    data = (frame.groupby([pd.Grouper(key="event_date", freq="W-MON", label="left", closed="left"), "group"])
            .size().rename("incidents").reset_index())
    groups = sorted(set(data["group"]))
    brush = alt.selection_interval(encodings=["x"], name="brush")
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("event_date:T", title=f"Week ({len(frame):,} incidents: counted per week; filter to fewer than "
                                          f"{MAX_BARS:,} to see each one)"),
            y=alt.Y("sum(incidents):Q", title="Incidents per week"),
            color=alt.Color("group:N", scale=_scale(groups, colours), legend=alt.Legend(title="Group", orient="bottom")),
            tooltip=[alt.Tooltip("event_date:T", title="Week of"), "group:N", "incidents:Q"],
        )
        .add_params(brush)
        .properties(height=200)
    )


def _bars(frame: pd.DataFrame, colours: dict[str, str]) -> alt.Chart:
    data = frame[["id", "event_date", "time_precision", "group", "place", "sub_event_type"]].copy()
    spans = data.apply(_span, axis=1, result_type="expand")
    data["start"], data["end"] = spans[0], spans[1]
    data["precision"] = data["time_precision"].map(TIME_PRECISION)
    data["date"] = data["event_date"].dt.strftime("%Y-%m-%d")
    groups = sorted(set(data["group"]))
    brush = alt.selection_interval(encodings=["x"], name="brush")
    return (
        alt.Chart(data)
        .mark_bar(height=10, cornerRadius=2)
        .encode(
            x=alt.X("start:T", title="Date (bars span the uncertainty of imprecise dates)"),
            x2="end:T",
            y=alt.Y("group:N", title=None, axis=alt.Axis(labelLimit=260)),
            color=alt.Color("group:N", scale=_scale(groups, colours), legend=None),
            opacity=alt.Opacity("precision:N", scale=alt.Scale(domain=list(TIME_PRECISION.values()), range=[1.0, 0.55, 0.3]), sort=list(TIME_PRECISION.values()),
                                legend=alt.Legend(title="Date precision", orient="bottom")),
            tooltip=["date:N", "precision:N", "place:N", "sub_event_type:N", "group:N"],
        )
        .add_params(brush)
        .properties(height=max(120, 36 * len(groups)))
    )


def _brushed(event: object) -> tuple[date, date] | None:
    selection = (event or {}).get("selection", {}).get("brush") if isinstance(event, dict) else getattr(getattr(event, "selection", None), "brush", None)
    if not selection:
        return None
    values = selection.get("start") or selection.get("x") or next(iter(selection.values()), None)
    if not values or len(values) != 2:
        return None
    lo, hi = (pd.to_datetime(v, unit="ms") if isinstance(v, int | float) else pd.to_datetime(v) for v in values)
    return lo.date(), (hi - timedelta(seconds=1)).date()
