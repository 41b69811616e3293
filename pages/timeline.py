"""The timeline: incidents (or deaths) over time by group; a brush on it sets the view's dates."""

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


MEASURES = ("Incidents", "Deaths")


def timeline(frame: pd.DataFrame, colours: dict[str, str], chosen: tuple[date, date] | None) -> None:
    """Draw the timeline of frame (the view before its date filter), the dates chosen brushed on it.
    Brushing calls on_brush's callback, which makes the brushed range the view's date filter
    (pages.sidebar.set_date_range): the brush is a filter like the others, in the URL and the count."""
    if frame.empty:
        return
    measure = st.segmented_control("Timeline", MEASURES, default=MEASURES[0], key="tl_measure",
                                   label_visibility="collapsed") or MEASURES[0]
    if measure == "Deaths" and frame["fatalities"].isna().all():
        st.caption(f"None of these {len(frame):,} incidents gives a number of deaths.")
        return
    if measure == "Deaths":
        chart = _deaths(frame, colours, chosen)
    else:
        chart = _bars(frame, colours, chosen) if len(frame) <= MAX_BARS else _weekly(frame, colours, chosen)
    height = chart.height if isinstance(chart.height, int) else 120
    st.altair_chart(chart, on_select=_on_brush, key="timeline", width="stretch", height=height + 60)


def _on_brush() -> None:
    from pages.sidebar import set_date_range

    set_date_range(_brushed(st.session_state.get("timeline")))


def _brush(chosen: tuple[date, date] | None) -> alt.Parameter:
    value = {"x": [chosen[0], chosen[1] + timedelta(days=1)]} if chosen else alt.Undefined
    return alt.selection_interval(encodings=["x"], name="brush", value=value)


def _x_scale(frame: pd.DataFrame) -> alt.Scale:
    """At least a week wide: a view of one day got hour ticks."""
    lo, hi = frame["event_date"].min(), frame["event_date"].max()
    if hi - lo >= pd.Timedelta(days=7):
        return alt.Scale()
    middle = lo + (hi - lo) / 2
    return alt.Scale(domain=[(middle - pd.Timedelta(days=4)).isoformat(), (middle + pd.Timedelta(days=4)).isoformat()])


def _deaths(frame: pd.DataFrame, colours: dict[str, str], chosen: tuple[date, date] | None) -> alt.Chart:
    """Deaths per day (per week past half a year) by group; incidents with no number count none."""
    span = frame["event_date"].max() - frame["event_date"].min()
    freq, unit = ("D", "day") if span <= pd.Timedelta(days=183) else ("W-MON", "week")
    counted = frame[frame["fatalities"].notna()]
    data = (counted.groupby([pd.Grouper(key="event_date", freq=freq, label="left", closed="left"), "group"])["fatalities"]
            .sum().astype("int64").rename("deaths").reset_index())
    data = data[data["deaths"] > 0]
    groups = sorted(set(data["group"])) or sorted(set(frame["group"]))
    given = len(counted)
    return (
        alt.Chart(data if len(data) else pd.DataFrame({"event_date": [frame["event_date"].min()], "group": [groups[0]],
                                                         "deaths": [0]}))
        .mark_bar()
        .encode(
            x=alt.X("event_date:T", scale=_x_scale(frame),
                    title=f"Deaths per {unit} ({given:,} of {len(frame):,} incidents give a number)",
                    axis=alt.Axis(format="%Y-%m-%d", labelOverlap=True)),
            y=alt.Y("sum(deaths):Q", title=f"Deaths per {unit}"),
            color=alt.Color("group:N", scale=_scale(groups, colours), legend=alt.Legend(title=None, orient="right")),
            tooltip=[alt.Tooltip("event_date:T", title=unit.capitalize()), "group:N", "deaths:Q"],
        )
        .add_params(_brush(chosen))
        .properties(height=110)
    )


def _scale(groups: list[str], colours: dict[str, str]) -> alt.Scale:
    return alt.Scale(domain=groups, range=[colours.get(g, "#7f7f7f") for g in groups])


def _weekly(frame: pd.DataFrame, colours: dict[str, str], chosen: tuple[date, date] | None) -> alt.Chart:
    data = (frame.groupby([pd.Grouper(key="event_date", freq="W-MON", label="left", closed="left"), "group"])
            .size().rename("incidents").reset_index())
    groups = sorted(set(data["group"]))
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("event_date:T", title=f"Week ({len(frame):,} incidents: counted per week; filter to fewer than "
                                          f"{MAX_BARS:,} to see each one)"),
            y=alt.Y("sum(incidents):Q", title="Incidents per week"),
            color=alt.Color("group:N", scale=_scale(groups, colours), legend=alt.Legend(title=None, orient="right")),
            tooltip=[alt.Tooltip("event_date:T", title="Week of"), "group:N", "incidents:Q"],
        )
        .add_params(_brush(chosen))
        .properties(height=110)
    )


def _bars(frame: pd.DataFrame, colours: dict[str, str], chosen: tuple[date, date] | None) -> alt.Chart:
    data = frame[["id", "event_date", "time_precision", "group", "place", "sub_event_type"]].copy()
    spans = data.apply(_span, axis=1, result_type="expand")
    data["start"], data["end"] = spans[0], spans[1]
    data["precision"] = data["time_precision"].map(TIME_PRECISION)
    data["date"] = data["event_date"].dt.strftime("%Y-%m-%d")
    groups = sorted(set(data["group"]))
    return (
        alt.Chart(data)
        .mark_bar(height=10, cornerRadius=2)
        .encode(
            x=alt.X("start:T", title="Date (bars span the uncertainty of imprecise dates)", scale=_x_scale(frame),
                    axis=alt.Axis(format="%Y-%m-%d", labelOverlap=True)),
            x2="end:T",
            # every group's name, however many (labelOverlap dropped one of three)
            y=alt.Y("group:N", title=None, axis=alt.Axis(labelLimit=220, labelOverlap=False)),
            color=alt.Color("group:N", scale=_scale(groups, colours), legend=None),
            opacity=alt.Opacity("precision:N", scale=alt.Scale(domain=list(TIME_PRECISION.values()), range=[1.0, 0.55, 0.3]), sort=list(TIME_PRECISION.values()),
                                legend=alt.Legend(title="Date precision", orient="right")),
            tooltip=["date:N", "precision:N", "place:N", "sub_event_type:N", "group:N"],
        )
        .add_params(_brush(chosen))
        .properties(height=max(90, 24 * len(groups)))
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
