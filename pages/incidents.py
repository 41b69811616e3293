"""The Incidents page: a sortable table; edits are saved to the store and mark an incident reviewed."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from geo.errors import BadInput, IncidentMapError
from geo.schema import ACLED_TYPES, GEO_PRECISION, STATUSES, SUB_EVENT_TYPES, TIME_PRECISION, is_acled_type
from geo.store.db import update_incident
from pages.data import engine_for
from pages.sidebar import filtered_view
from pages.text import plain, plural

# st.data_editor sends every row to the browser: beyond this many, the page asks for narrower filters.
MAX_EDITABLE_ROWS = 2_000
EDITABLE = ["status", "event_date", "event_type", "sub_event_type", "actors_text", "place", "fatalities", "summary"]


def incidents_page() -> None:
    st.title("Incidents")
    loaded = filtered_view("No incidents yet. Add an article on the **Add article** page.")
    if loaded is None:
        return
    url, frame, view = loaded.url, loaded.frame, loaded.view
    st.markdown(f"{len(view):,} of {plural(len(frame), 'incident')} shown. Edit a cell and press **Save changes**; "
                "an edited incident becomes *reviewed*.")
    if view.empty:
        st.warning("Nothing matches these filters.")
        return
    if len(view) > MAX_EDITABLE_ROWS:
        st.info(f"The table holds the newest {MAX_EDITABLE_ROWS:,} of these {len(view):,} incidents. Narrow the "
                "filters in the sidebar to reach the others; the Map page's downloads hold all of them.")
        view = view.sort_values("event_date", ascending=False, kind="stable").head(MAX_EDITABLE_ROWS)
    table = view[["id", "event_date", "time_precision", "place", "admin1", "country", "geo_precision", "event_type",
                  "sub_event_type", "actors", "claimed_by", "denied_by", "fatalities", "article_ids", "confidence",
                  "status", "summary"]].copy()
    table["actors_text"] = table["actors"].map(lambda a: "; ".join(a))
    table["claimed_by"] = table["claimed_by"].map(lambda a: "; ".join(a))
    table["denied_by"] = table["denied_by"].map(lambda a: "; ".join(a))
    # sources are articles, as the Map page's Details lists them (renamed in place: the columns keep their order)
    table["article_ids"] = table["article_ids"].map(len)
    table = table.rename(columns={"article_ids": "sources"})
    table = table.drop(columns=["actors"]).set_index("id")
    _show_save_messages()
    edited = st.data_editor(
        table, key=f"incident_editor_{st.session_state.get(_EDITOR_ROUND, 0)}", width="stretch", num_rows="fixed",
        disabled=[c for c in table.columns if c not in EDITABLE],
        column_config={
            "event_date": st.column_config.DateColumn("Date", format="YYYY-MM-DD"),
            "time_precision": st.column_config.NumberColumn("Date precision", help=", ".join(f"{k} {v}" for k, v in TIME_PRECISION.items())),
            "geo_precision": st.column_config.NumberColumn("Place precision", help=", ".join(f"{k} {v}" for k, v in GEO_PRECISION.items())),
            "event_type": st.column_config.SelectboxColumn("Event type", options=sorted(ACLED_TYPES)),
            "sub_event_type": st.column_config.SelectboxColumn("Sub-event type", options=SUB_EVENT_TYPES),
            "actors_text": st.column_config.TextColumn("Groups (; between)"),
            "claimed_by": st.column_config.TextColumn("Claimed by"),
            "denied_by": st.column_config.TextColumn("Denied by"),
            "fatalities": st.column_config.NumberColumn("Deaths", min_value=0, step=1, format="%d",
                                                        help="Deaths the sources give; empty when they give no number"),
            "status": st.column_config.SelectboxColumn("Status", options=STATUSES),
            "confidence": st.column_config.ProgressColumn("Confidence", min_value=0.0, max_value=1.0, format="%.2f"),
            "sources": st.column_config.NumberColumn("Sources", help="Articles that report the incident"),
            "summary": st.column_config.TextColumn("Summary", width="large"),
        },
    )
    if st.button("Save changes", type="primary"):
        _save(url, table, edited)


def _geocode(name: str, country: str):  # noqa: ANN202 - Place | None
    from geo.gazetteer.lookup import Context, Gazetteer

    return Gazetteer.open().resolve(name, Context(countries=frozenset({country} if country else ())))


# The outcome of the last save, kept in the session so that it stays on screen after the rerun
# that shows the stored values; and a counter in the editor's key: a new key makes st.data_editor
# drop the user's unsaved (rejected) edits, so every cell shows what the store holds.
_MESSAGES = "incident_save_messages"
_EDITOR_ROUND = "incident_editor_round"


def _show_save_messages() -> None:
    messages = st.session_state.get(_MESSAGES)
    if not messages:
        return
    saved, errors = messages
    if saved:
        st.success(f"Saved {saved} incident{'s' if saved != 1 else ''}.")
    for error in errors:
        st.error(plain(error))  # errors quote what the user typed
    if errors:
        st.caption("Rejected cells show the stored value again.")


def _save(url: str, before: pd.DataFrame, after: pd.DataFrame) -> None:
    engine = engine_for(url)
    saved = 0
    errors: list[str] = []
    for incident_id in after.index:
        old, new = before.loc[incident_id], after.loc[incident_id]
        changes = {column: new[column] for column in EDITABLE if _differs(old[column], new[column])}
        if not changes:
            continue
        try:
            update_incident(engine, str(incident_id), **_checked(incident_id, new, changes))
        except IncidentMapError as exc:
            errors.append(f"{incident_id}: {exc}; not saved.")
            continue
        saved += 1
    if not saved and not errors:
        errors.append("Nothing to save: no cell was changed.")
    st.session_state[_MESSAGES] = (saved, errors)
    st.session_state[_EDITOR_ROUND] = st.session_state.get(_EDITOR_ROUND, 0) + 1
    st.rerun()


def _checked(incident_id: object, new: pd.Series, changes: dict[str, object]) -> dict[str, object]:
    """The store's fields for one row's edited cells; BadInput says why a cell cannot be saved."""
    if "actors_text" in changes:
        changes["actors"] = [a.strip() for a in str(changes.pop("actors_text")).split(";") if a.strip()]
    if "place" in changes:
        place = _geocode(str(changes["place"]), str(new["country"]))
        if place is None:
            raise BadInput(f"no place matches {str(changes['place'])!r}. Pin it on the Add article page or add it "
                           "to data/places.csv")
        changes.update(place=place.name, latitude=place.latitude, longitude=place.longitude,
                       admin1=place.admin1, country=place.country, geo_precision=1)
    if "fatalities" in changes:
        value = changes["fatalities"]
        changes["fatalities"] = None if value is None or pd.isna(value) else _whole(value)
    if "event_date" in changes:
        value = changes["event_date"]
        try:
            stamp = pd.Timestamp(value)
        except (TypeError, ValueError):
            stamp = pd.NaT
        if pd.isna(stamp):
            raise BadInput(f"{value!r} is not a date (YYYY-MM-DD)")
        changes["event_date"] = stamp.date()
    if "sub_event_type" in changes or "event_type" in changes:
        event_type = str(changes.get("event_type", new["event_type"]))
        sub = str(changes.get("sub_event_type", new["sub_event_type"]))
        if not is_acled_type(event_type, sub):
            raise BadInput(f"{sub} is not a sub-event type of {event_type}")
    return changes


def _differs(old: object, new: object) -> bool:
    """A cell was edited (an empty number reads back as NaN, <NA> or None: all the same)."""
    def missing(v: object) -> bool:
        return v is None or v is pd.NA or (isinstance(v, float) and v != v)

    if missing(old) and missing(new):
        return False
    numbers = (int, float, np.integer, np.floating)
    if isinstance(old, numbers) and isinstance(new, numbers) and not missing(old) and not missing(new):
        return float(old) != float(new)
    return str(old) != str(new)


def _whole(value: object) -> int:
    number = float(value)  # type: ignore[arg-type]
    if not number.is_integer():
        raise BadInput(f"deaths are a whole number, not {value!r}")
    return int(number)


if __name__ == "__main__":  # opened as a script by a deep link on a fresh server: see hand_over_to_app
    from pages.data import hand_over_to_app

    hand_over_to_app()
