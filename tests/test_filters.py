"""The vectorised filter against a plain per-incident reading of the same filter."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from geo.store.filters import IncidentFilter, filter_frame


def keeps(row: dict, flt: IncidentFilter) -> bool:
    day = row["event_date"].date()
    return ((flt.since is None or day >= flt.since) and (flt.until is None or day <= flt.until)
            and (not flt.groups or any(g in row["actors"] for g in flt.groups))
            and (not flt.types or row["event_type"] in flt.types or row["sub_event_type"] in flt.types)
            and (not flt.countries or row["country"] in flt.countries)
            and (not flt.admin1 or row["admin1"] in flt.admin1)
            and (not flt.outlets or any(o in row["outlets"] for o in flt.outlets))
            and (not flt.statuses or row["status"] in flt.statuses)
            and (not flt.text or flt.text.lower() in row["search_text"])
            and (flt.min_fatalities is None
                 or (not pd.isna(row["fatalities"]) and row["fatalities"] >= flt.min_fatalities)))


@pytest.fixture(scope="module")
def frame(seeded_tables):
    """The seeded incidents, with death tolls spread over them (the seeds give few numbers):
    none given, 0, and several counts."""
    out = seeded_tables.incidents.copy()
    tolls = [None, 0, 1, 3, 12, None, 40]
    out["fatalities"] = pd.array([tolls[k % len(tolls)] for k in range(len(out))], dtype="Int64")
    return out


@pytest.mark.parametrize("flt", [
    IncidentFilter(),
    IncidentFilter(groups=("Freedom of Russia Legion",)),
    IncidentFilter(groups=("Russian Volunteer Corps", "Wagner Group")),
    IncidentFilter(groups=("Nobody",)),
    IncidentFilter(types=("Battles",), since=date(2023, 5, 1)),
    IncidentFilter(types=("Air/drone strike",)),
    IncidentFilter(until=date(2023, 5, 31), countries=("RU",)),
    IncidentFilter(statuses=("reviewed",)),
    IncidentFilter(text="SHEBEKINO"),
    IncidentFilter(outlets=("HNGN",), groups=("Freedom of Russia Legion",)),
    IncidentFilter(min_fatalities=0),
    IncidentFilter(min_fatalities=3),
    IncidentFilter(min_fatalities=3, groups=("Freedom of Russia Legion",)),
    IncidentFilter(min_fatalities=1000),
], ids=repr)
def test_same_rows_as_the_plain_reading(frame, flt):
    expected = [r["id"] for r in frame.to_dict("records") if keeps(r, flt)]
    assert list(filter_frame(frame, flt)["id"]) == expected


def test_filters_that_keep_something_do(frame):
    """Guard against the table above passing because every filter keeps nothing."""
    for flt in (IncidentFilter(groups=("Freedom of Russia Legion",)), IncidentFilter(types=("Battles",)),
                IncidentFilter(text="shebekino"), IncidentFilter(min_fatalities=0), IncidentFilter(min_fatalities=3)):
        assert 0 < len(filter_frame(frame, flt)) < len(frame)
