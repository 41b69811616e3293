"""The timeline's brush: a range brushed on the timeline (drawn by the map's component,
static/timeline.js, from geo.map.timeline) becomes the view's date filter, like the sidebar's dates."""

from __future__ import annotations

from datetime import date
from typing import Any

import streamlit as st


def brushed(value: Any) -> tuple[date, date] | None:
    """The first and last day a brush value names ({"brush": ["YYYY-MM-DD", "YYYY-MM-DD"]}); None
    for a cleared brush or anything malformed."""
    days = value.get("brush") if isinstance(value, dict) else None
    if not isinstance(days, list) or len(days) != 2 or not all(isinstance(d, str) for d in days):
        return None
    try:
        lo, hi = date.fromisoformat(days[0]), date.fromisoformat(days[1])
    except ValueError:
        return None
    return (lo, hi) if lo <= hi else (hi, lo)


def on_map_value(key: str) -> None:
    """The map component's on_change: a brush (or a cleared one) sets the view's dates (a click on a
    marker is read by the page itself). As a widget's callback it runs before the sidebar's widgets
    are drawn, so they show the brushed dates."""
    from pages.sidebar import set_date_range

    value = st.session_state.get(key)
    if isinstance(value, dict) and "brush" in value:
        set_date_range(brushed(value))
