"""Filtering incidents: one definition shared by the CLI export and the dashboard."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class IncidentFilter:
    since: date | None = None
    until: date | None = None
    groups: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    admin1: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    text: str = ""
    # Incidents whose sources give at least this many deaths (None: no condition; an incident
    # with no number given is left out by any minimum, 0 included).
    min_fatalities: int | None = None

    def as_metadata(self) -> dict[str, Any]:
        out = {}
        for key, value in asdict(self).items():
            if isinstance(value, date):
                value = value.isoformat()
            if isinstance(value, tuple):
                value = list(value)
            out[key] = value
        return out


def filter_frame(frame: pd.DataFrame, flt: IncidentFilter) -> pd.DataFrame:
    """Vectorised version over the dashboard's frame (one row per incident)."""
    mask = pd.Series(True, index=frame.index)
    if flt.since:
        mask &= frame["event_date"] >= pd.Timestamp(flt.since)
    if flt.until:
        mask &= frame["event_date"] <= pd.Timestamp(flt.until)
    if flt.groups:
        mask &= _shares_any(frame["actors"], flt.groups)
    if flt.types:
        mask &= frame["event_type"].isin(flt.types) | frame["sub_event_type"].isin(flt.types)
    if flt.countries:
        mask &= frame["country"].isin(flt.countries)
    if flt.admin1:
        mask &= frame["admin1"].isin(flt.admin1)
    if flt.outlets:
        mask &= _shares_any(frame["outlets"], flt.outlets)
    if flt.statuses:
        mask &= frame["status"].isin(flt.statuses)
    if flt.text:
        mask &= frame["search_text"].str.contains(flt.text.lower(), regex=False)
    if flt.min_fatalities is not None:
        mask &= (frame["fatalities"] >= flt.min_fatalities).fillna(False).astype(bool)
    return frame[mask]


def _shares_any(column: pd.Series, wanted: tuple[str, ...]) -> np.ndarray:
    """Rows whose tuple holds any of wanted. Few distinct tuples repeat across many rows: each
    distinct one is tested once and the answers spread by code, instead of a call per row."""
    codes, uniques = pd.factorize(column)
    wanted_set = set(wanted)
    answers = np.fromiter((not wanted_set.isdisjoint(u) for u in uniques), dtype=bool, count=len(uniques))
    return np.append(answers, False)[codes]  # code -1 (a missing value) picks the False at the end
