"""The sidebar filters; their whole state round-trips through the URL (st.query_params)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from geo.store.filters import IncidentFilter

_LIST_KEYS = {"group": "groups", "type": "types", "country": "countries", "region": "admin1", "outlet": "outlets",
              "status": "statuses"}
# Every key of the URL that holds a filter (_to_url writes no other, but PASSTHROUGH's): a URL
# without any of them is the view of every incident (serve.py's first view).
URL_FILTER_KEYS = (*_LIST_KEYS, "since", "until", "deaths", "q")


def _from_url(name: str) -> list[str]:
    return [v for v in st.query_params.get_all(name) if v]


def _date_from_url(name: str, default: date) -> date:
    try:
        return date.fromisoformat(st.query_params.get(name, ""))
    except ValueError:
        return default


# The widgets' session keys (f_<URL key>) and where the URL's view state goes: the sidebar's
# widgets hold the view; the URL mirrors them. When the URL changes under them (a page opened
# from a link, Back or Forward), the widgets are set from the URL before they are drawn.
_WRITTEN = "_filters_url_written"
# Kept in the URL as they are by the filters: the incident a link opens (pages.map).
PASSTHROUGH = ("incident",)
# The page shown by this run and by the one before (app.py sets them).
PAGE_NOW, PAGE_BEFORE = "_page_now", "_page_before"


def _url_now() -> dict[str, list[str]]:
    return {k: st.query_params.get_all(k) for k in st.query_params}


def _widgets_from_url(options: dict[str, Any]) -> None:
    lo, hi = options["dates"]
    since = max(lo, min(hi, _date_from_url("since", lo)))
    until = max(since, min(hi, _date_from_url("until", hi)))
    st.session_state["f_dates"] = (since, until)
    for key in _LIST_KEYS:
        st.session_state[f"f_{key}"] = [v for v in _from_url(key) if v in options[key]]
    st.session_state["f_q"] = st.query_params.get("q", "")
    try:
        deaths: int | None = max(0, int(st.query_params.get("deaths", "")))
    except ValueError:
        deaths = None
    st.session_state["f_deaths"] = deaths


# Streamlit's date input applies typed dates only when its calendar closes (Escape, or a click
# elsewhere); Enter did nothing. This makes Enter inside any date input close it, as Escape does,
# so that the typed range applies at once. Our own script, installed once per page (no user text in it).
_ENTER_APPLIES_DATES = """<script>
if (!window.incidentMapEnterDates) {
  window.incidentMapEnterDates = true;
  document.addEventListener("keydown", function (e) {
    var field = e.key === "Enter" && e.target && e.target.closest ? e.target.closest("[data-testid='stDateInput']") : null;
    if (!field) { return; }
    e.target.dispatchEvent(new KeyboardEvent("keydown", {key: "Escape", code: "Escape", keyCode: 27, bubbles: true, cancelable: true}));
  }, true);
}
</script>"""


_LABELS = {"group": "Groups", "type": "Event types", "country": "Countries", "region": "Regions",
           "outlet": "Outlets", "status": "Status"}


def sidebar_filter(options: dict[str, Any]) -> IncidentFilter:
    """Draw the filters (options: pages.data.filter_options) and return what they select."""
    flt, draw = prepared_filter(options)
    draw()
    return flt


def prepared_filter(options: dict[str, Any]) -> tuple[IncidentFilter, Callable[[], None]]:
    """What the filters select, and a function that draws them in the sidebar.

    The widgets hold the view in their session state (set from the URL here, before they are
    drawn), and a widget drawn with a key returns what its state holds; so the filter is known
    before the widgets are drawn, and a page may draw them after its main content. The Map page
    does: a browser that has not seen the date input and the multiselects yet loads and runs
    their scripts (30 of Streamlit's chunks) when their elements arrive, and those that arrive
    before the map's held its frame back by 0.3-0.5 s."""
    if options["dates"] is None:
        def draw_empty() -> None:
            st.sidebar.header("Filters")
            st.sidebar.caption("No incidents stored yet.")
        return IncidentFilter(), draw_empty
    lo, hi = options["dates"]
    written = st.session_state.get(_WRITTEN)
    url = _url_now()
    moved = st.session_state.get(PAGE_BEFORE) != st.session_state.get(PAGE_NOW)
    if moved and written and not set(url) - set(PASSTHROUGH):
        # Arrived through the navigation, which drops the query string: the view goes on.
        url = {**written, **{k: v for k, v in url.items() if k in PASSTHROUGH}}
        st.query_params.from_dict(url)
    if moved or url != written or "f_dates" not in st.session_state:
        _widgets_from_url(options)
    days = st.session_state.get("f_dates")
    if isinstance(days, tuple | list) and len(days) == 2:  # a brush may reach past the stored dates
        st.session_state["f_dates"] = (max(lo, min(hi, days[0])), max(lo, min(hi, days[1])))
    # What each widget will return when drawn: its state (a list keeps only what it offers).
    picked = st.session_state.get("f_dates")
    since, until = lo, hi
    if isinstance(picked, tuple | list) and len(picked) == 2:  # one date: a range being picked
        since, until = picked[0], picked[1]
    chosen = {key: [v for v in st.session_state.get(f"f_{key}") or [] if v in options[key]] for key in _LABELS}
    for key, values in chosen.items():
        if st.session_state.get(f"f_{key}") is not None and st.session_state[f"f_{key}"] != values:
            st.session_state[f"f_{key}"] = values
    deaths = st.session_state.get("f_deaths")
    text = st.session_state.get("f_q") or ""
    flt = IncidentFilter(
        since=since if since > lo else None, until=until if until < hi else None,
        text=text.strip(), min_fatalities=None if deaths is None else int(deaths),
        **{_LIST_KEYS[k]: tuple(v) for k, v in chosen.items()},
    )
    _to_url(flt, chosen)

    def draw() -> None:
        st.sidebar.header("Filters")
        st.sidebar.date_input("Date range (or brush the timeline)", min_value=lo, max_value=hi, key="f_dates",
                              help="Type the dates and press Enter, or pick them on the calendar.")
        st.sidebar.html(_ENTER_APPLIES_DATES, unsafe_allow_javascript=True)
        for key, label in _LABELS.items():
            st.sidebar.multiselect(label, options[key], key=f"f_{key}")
        st.sidebar.number_input("At least this many deaths", min_value=0, step=1, key="f_deaths",
                                placeholder="any, or none given",
                                help="Deaths the sources give for an incident. Empty: every incident; "
                                     "0: those whose sources give a number, 0 included.")
        st.sidebar.text_input("Search summaries and quotes", key="f_q")

    return flt, draw


def set_date_range(days: tuple[date, date] | None) -> None:
    """Set the date filter (from a brush on the timeline): call it from a widget's callback,
    which runs before the sidebar's widgets are drawn."""
    if days is None:
        st.session_state.pop("f_dates", None)
        st.session_state[_WRITTEN] = None  # the widgets are set from the URL again, without its dates
        # One change of the URL, so one step in the browser's history: each removal of a key on its own
        # sent the browser a URL of its own, and Back after clearing a brush went to a view with
        # "until" only, which nobody chose.
        if "since" in st.query_params or "until" in st.query_params:
            st.query_params.from_dict({k: st.query_params.get_all(k) for k in st.query_params
                                       if k not in ("since", "until")})
    else:
        st.session_state["f_dates"] = days


def _to_url(flt: IncidentFilter, chosen: dict[str, list[str]]) -> None:
    params: dict[str, str | list[str]] = {k: v for k, v in chosen.items() if v}
    if flt.since:
        params["since"] = flt.since.isoformat()
    if flt.until:
        params["until"] = flt.until.isoformat()
    if flt.min_fatalities is not None:
        params["deaths"] = str(flt.min_fatalities)
    if flt.text:
        params["q"] = flt.text
    for key in PASSTHROUGH:
        if st.query_params.get_all(key):
            params[key] = st.query_params.get_all(key)
    wanted = {k: v if isinstance(v, list) else [v] for k, v in params.items()}
    if _url_now() != wanted:
        st.query_params.from_dict(params)  # the browser adds a history entry: Back returns to this view
    st.session_state[_WRITTEN] = wanted


@dataclass(frozen=True)
class FilteredView:
    """What a page that lists incidents works with: the store, all incidents, the filter, the view."""

    url: str
    version: str
    frame: pd.DataFrame
    flt: IncidentFilter
    view: pd.DataFrame
    # Draws the sidebar's filters, when filtered_view was asked to leave them (filters_last); else nothing.
    draw_filters: Callable[[], None] = lambda: None


def filtered_view(empty_message: str, *, filters_last: bool = False) -> FilteredView | None:
    """Load the incidents, draw the sidebar filters and apply them; None (with a message shown)
    when the store cannot be read or holds nothing yet. filters_last: the filters are drawn by the
    caller, with the view's draw_filters, after its own content (see prepared_filter)."""
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
    flt, draw = prepared_filter(filter_options(url, version))
    if frame.empty or not filters_last:
        draw()
    if frame.empty:
        st.info(empty_message)
        return None
    return FilteredView(url, version, frame, flt, filtered(url, version, flt), draw if filters_last else lambda: None)
