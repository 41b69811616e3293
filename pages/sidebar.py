"""The sidebar filters; their whole state round-trips through the URL (st.query_params)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from geo.store.filters import IncidentFilter

_LIST_KEYS = {"group": "groups", "type": "types", "country": "countries", "region": "admin1", "outlet": "outlets",
              "status": "statuses"}


def _from_url(name: str) -> list[str]:
    return [v for v in st.query_params.get_all(name) if v]


def _date_from_url(name: str, default: date) -> date:
    try:
        return date.fromisoformat(st.query_params.get(name, ""))
    except ValueError:
        return default


def sidebar_filter(options: dict[str, Any]) -> IncidentFilter:
    """Draw the filters (options: pages.data.filter_options) and return what they select."""
    st.sidebar.header("Filters")
    if options["dates"] is None:
        st.sidebar.caption("No incidents stored yet.")
        return IncidentFilter()
    lo, hi = options["dates"]
    since = max(lo, min(hi, _date_from_url("since", lo)))
    until = max(since, min(hi, _date_from_url("until", hi)))
    picked = st.sidebar.date_input("Date range", value=(since, until), min_value=lo, max_value=hi, key="f_dates")
    if isinstance(picked, tuple | list) and len(picked) == 2:
        since, until = picked[0], picked[1]
    labels = {"group": "Groups", "type": "Event types", "country": "Countries", "region": "Regions",
              "outlet": "Outlets", "status": "Status"}
    chosen: dict[str, list[str]] = {}
    for key, label in labels.items():
        default = [v for v in _from_url(key) if v in options[key]]
        chosen[key] = st.sidebar.multiselect(label, options[key], default=default, key=f"f_{key}")
    text = st.sidebar.text_input("Search summaries and quotes", value=st.query_params.get("q", ""), key="f_q")
    flt = IncidentFilter(
        since=since if since > lo else None, until=until if until < hi else None,
        text=text.strip(), **{_LIST_KEYS[k]: tuple(v) for k, v in chosen.items()},
    )
    _to_url(flt, chosen)
    return flt


def _to_url(flt: IncidentFilter, chosen: dict[str, list[str]]) -> None:
    params: dict[str, str | list[str]] = {k: v for k, v in chosen.items() if v}
    if flt.since:
        params["since"] = flt.since.isoformat()
    if flt.until:
        params["until"] = flt.until.isoformat()
    if flt.text:
        params["q"] = flt.text
    current = {k: st.query_params.get_all(k) for k in st.query_params}
    wanted = {k: v if isinstance(v, list) else [v] for k, v in params.items()}
    if current != wanted:
        st.query_params.from_dict(params)


@dataclass(frozen=True)
class FilteredView:
    """What a page that lists incidents works with: the store, all incidents, the filter, the view."""

    url: str
    version: str
    frame: pd.DataFrame
    flt: IncidentFilter
    view: pd.DataFrame


def filtered_view(empty_message: str) -> FilteredView | None:
    """Load the incidents, draw the sidebar filters and apply them; None (with a message shown)
    when the store cannot be read or holds nothing yet."""
    from geo.errors import IncidentMapError
    from pages.data import current_version, db_url, filter_options, filtered, load_frame
    from pages.text import plain

    url = db_url()
    try:
        version = current_version(url)
        frame = load_frame(url, version)
    except IncidentMapError as exc:
        st.error(plain(f"Could not read the incident store: {exc}"))
        return None
    flt = sidebar_filter(filter_options(url, version))
    if frame.empty:
        st.info(empty_message)
        return None
    return FilteredView(url, version, frame, flt, filtered(url, version, flt))
