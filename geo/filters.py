"""Filtering incidents: one definition shared by the CLI export and the dashboard."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

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
        mask &= frame["actors"].map(lambda a: bool(set(a) & set(flt.groups)))
    if flt.types:
        mask &= frame["event_type"].isin(flt.types) | frame["sub_event_type"].isin(flt.types)
    if flt.countries:
        mask &= frame["country"].isin(flt.countries)
    if flt.admin1:
        mask &= frame["admin1"].isin(flt.admin1)
    if flt.outlets:
        mask &= frame["outlets"].map(lambda o: bool(set(o) & set(flt.outlets)))
    if flt.statuses:
        mask &= frame["status"].isin(flt.statuses)
    if flt.text:
        mask &= frame["search_text"].str.contains(flt.text.lower(), regex=False)
    return frame[mask]
