"""The Map page's timeline document (geo.map.timeline), which the map's component draws as SVG:
incidents by group over time, or deaths, read back against the frame it came from."""

from __future__ import annotations

import json
from datetime import date

import numpy as np
import pandas as pd
import pytest

from geo.map.layer import group_colours
from geo.map.timeline import DAILY_DEATHS_SPAN, MAX_BARS, MIN_DOMAIN_DAYS, timeline_doc, timeline_payload
from geo.schema import TIME_PRECISION


def day_number(day: object) -> int:
    return int((pd.Timestamp(day) - pd.Timestamp("1970-01-01")).days)


@pytest.fixture(scope="module")
def frame(seeded_tables) -> pd.DataFrame:
    return seeded_tables.incidents


def many(frame: pd.DataFrame, n: int, days: int) -> pd.DataFrame:
    """n incidents: the seeded ones repeated, their dates spread over days (deterministic)."""
    out = pd.concat([frame] * (n // len(frame) + 1), ignore_index=True).iloc[:n].copy()
    rng = np.random.default_rng(3)
    out["event_date"] = pd.Timestamp("2023-01-01") + pd.to_timedelta(rng.integers(0, days, n), unit="D")
    out["fatalities"] = pd.array(np.where(rng.random(n) < 0.5, rng.integers(0, 9, n), -1), dtype="Int64")
    out.loc[out["fatalities"] < 0, "fatalities"] = pd.NA
    return out


def test_each_incident_is_a_bar_in_its_groups_lane(frame):
    doc = timeline_doc(frame, group_colours(list(frame["group"])))
    assert doc is not None and doc["total"] == len(frame)
    names = [g[0] for g in doc["groups"]]
    assert names == sorted(set(frame["group"]))  # every group gets a lane, however many
    part = doc["incidents"]
    assert part["kind"] == "bars" and len(part["rows"]) == len(frame)
    for row, (_, incident) in zip(part["rows"], frame.iterrows(), strict=True):
        day, first, after, group, precision, place, kind = row
        assert day == day_number(incident["event_date"])
        assert first <= day < after
        assert names[group] == incident["group"] and precision == incident["time_precision"]
        assert part["places"][place] == incident["place"] and part["kinds"][kind] == incident["sub_event_type"]
    assert dict(part["precision"]) == TIME_PRECISION
    lo, hi = part["domain"]
    assert lo <= min(r[1] for r in part["rows"]) and hi >= max(r[2] for r in part["rows"])


@pytest.mark.parametrize(("precision", "day", "first", "after"), [
    (1, "2023-06-14", "2023-06-14", "2023-06-15"),   # the day itself
    (2, "2023-06-14", "2023-06-11", "2023-06-18"),   # the week around it
    (3, "2023-02-14", "2023-02-01", "2023-03-01"),   # its month
    (3, "2024-02-10", "2024-02-01", "2024-03-01"),   # a leap February
])
def test_a_bar_spans_the_uncertainty_of_its_date(frame, precision, day, first, after):
    one = frame.iloc[:1].copy()
    one["event_date"], one["time_precision"] = pd.Timestamp(day), precision
    row = timeline_doc(one, {})["incidents"]["rows"][0]  # type: ignore[index]
    assert row[1:3] == [day_number(first), day_number(after)]


def test_a_view_of_one_day_still_spans_a_week(frame):
    one = frame.iloc[:3].copy()
    one["event_date"], one["time_precision"] = pd.Timestamp("2023-06-14"), 1
    lo, hi = timeline_doc(one, {})["incidents"]["domain"]  # type: ignore[index]
    assert hi - lo >= MIN_DOMAIN_DAYS and lo <= day_number("2023-06-14") < hi


@pytest.mark.parametrize("n", [MAX_BARS + 1, 20_000])
def test_past_the_bar_limit_incidents_are_counted_per_week(frame, n):
    big = many(frame, n, 400)
    doc = timeline_doc(big, group_colours(list(big["group"])))
    part = doc["incidents"]  # type: ignore[index]
    assert part["kind"] == "stack" and part["unit"] == "week" and part["width"] == 7
    assert sum(r[2] for r in part["rows"]) == n
    assert all(date.fromordinal(date(1970, 1, 1).toordinal() + r[0]).weekday() == 0 for r in part["rows"])  # Mondays
    names = [g[0] for g in doc["groups"]]  # type: ignore[index]
    by_group = pd.Series({names[g]: 0 for g in range(len(names))})
    for _, g, count in part["rows"]:
        by_group[names[g]] += count
    assert by_group.to_dict() == big["group"].value_counts().to_dict()
    assert len(timeline_payload(big, {}) or b"") < 60_000  # a few kilobytes, whatever n


@pytest.mark.parametrize(("days", "unit"), [(DAILY_DEATHS_SPAN, "day"), (DAILY_DEATHS_SPAN + 60, "week")])
def test_deaths_per_day_or_week_add_up_to_the_deaths_given(frame, days, unit):
    big = many(frame, 900, days)
    big.loc[big.index[0], "event_date"] = pd.Timestamp("2023-01-01")
    big.loc[big.index[1], "event_date"] = pd.Timestamp("2023-01-01") + pd.Timedelta(days=days)
    part = timeline_doc(big, {})["deaths"]  # type: ignore[index]
    assert part["kind"] == "stack" and part["unit"] == unit
    assert sum(r[2] for r in part["rows"]) == int(big["fatalities"].sum())
    given = int(big["fatalities"].notna().sum())
    assert f"{given:,} of {len(big):,} incidents give a number" in part["title"]
    assert all(r[2] > 0 for r in part["rows"])


@pytest.mark.parametrize(("n", "message"), [
    (None, "None of these {n:,} incidents gives a number of deaths."),
    (1, "This incident gives no number of deaths."),  # not "None of these 1 incidents"
])
def test_no_deaths_given_says_so(frame, n, message):
    none = frame.copy() if n is None else frame.head(n).copy()
    none["fatalities"] = pd.array([pd.NA] * len(none), dtype="Int64")
    part = timeline_doc(none, {})["deaths"]  # type: ignore[index]
    assert part == {"kind": "none", "message": message.format(n=len(none))}


def test_an_empty_view_has_no_timeline(frame):
    assert timeline_doc(frame.iloc[0:0], {}) is None and timeline_payload(frame.iloc[0:0], {}) is None


def test_the_payload_is_the_document_as_json(frame):
    colours = group_colours(list(frame["group"]))
    assert json.loads(timeline_payload(frame, colours) or b"") == json.loads(json.dumps(timeline_doc(frame, colours)))


@pytest.mark.parametrize(("value", "expected"), [
    ({"brush": ["2023-05-20", "2023-06-05"], "t": 1}, (date(2023, 5, 20), date(2023, 6, 5))),
    ({"brush": ["2023-06-05", "2023-05-20"], "t": 2}, (date(2023, 5, 20), date(2023, 6, 5))),
    ({"brush": None, "t": 3}, None),
    ({"brush": ["2023-05-20"], "t": 4}, None),
    ({"brush": ["not a day", "2023-06-05"], "t": 5}, None),
    ({"rows": [1], "key": "x"}, None),
    ("2023-05-20", None),
])
def test_a_brush_value_names_its_days(value, expected):
    from pages.timeline import brushed

    assert brushed(value) == expected
