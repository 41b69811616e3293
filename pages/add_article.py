"""The Add article page: paste or upload, preview the incidents on a small map, confirm to store them."""

from __future__ import annotations

from datetime import date

import folium
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo.errors import IncidentMapError, TimeLimitExceeded
from geo.extract.pipeline import extract_incidents
from geo.gazetteer.lookup import Gazetteer
from geo.intake.articles import MAX_ARTICLE_BYTES, article_from_text, decode
from geo.intake.curated import load_curated
from geo.intake.ingest import IngestReport, ingest_article
from geo.map.labels import nearest_known
from geo.map.layer import build_map, group_colours, map_payload
from geo.store.db import add_place, pinned_place_index
from geo.store.tables import frame_of
from pages.data import db_url, engine_for
from pages.text import plain, plural, safe_link

# The preview extracts incidents while the person waits: past this many seconds it stops and says so
# (a long article is better split, or ingested from the command line, which has no limit).
PREVIEW_TIME_LIMIT_S = 20.0


def add_article_page() -> None:
    st.title("Add an article")
    with st.form("add_article"):
        upload = st.file_uploader("A .txt file", type=["txt"], accept_multiple_files=False)
        pasted = st.text_area("…or paste the article's text", height=220)
        c1, c2, c3 = st.columns(3)
        title = c1.text_input("Title")
        outlet = c2.text_input("Outlet")
        published = c3.date_input("Publication date", value=None, min_value=date(1990, 1, 1), max_value=date.today())
        url = st.text_input("Link to the original (optional)")
        submitted = st.form_submit_button("Preview incidents")
    if submitted:
        try:
            if upload is not None:
                data = upload.getvalue()
                # The uploaded name is shown, never used as a path.
                text = decode(data, f"uploaded file {upload.name!r}")
            else:
                text = pasted
                if len(text.encode("utf-8")) > MAX_ARTICLE_BYTES:
                    raise IncidentMapError(f"the text is over the {MAX_ARTICLE_BYTES:,}-byte limit for one article")
            if not text.strip():
                raise IncidentMapError("the article is empty: paste its text or upload a .txt file")
            if published is None:
                raise IncidentMapError("give the publication date: relative dates (\"on Sunday\") need it")
            safe_url = safe_link(url) or ""  # re-serialised: nothing in it can end a link
            article = article_from_text(text, title=title or text.strip().splitlines()[0][:120], outlet=outlet,
                                        url=safe_url, published=published)
            with st.spinner("Finding incidents…"):
                found = _extract(article)
            st.session_state["pending_article"] = article
            st.session_state["pending_incidents"] = found
        except TimeLimitExceeded:
            st.error(plain(
                f"Finding the incidents took longer than the preview's limit of {PREVIEW_TIME_LIMIT_S:g} seconds, "
                "so it was stopped and nothing was stored. Split the article into shorter parts and preview each, "
                "or ingest it from the command line (incident-map ingest FILE), which has no time limit."))
            st.session_state.pop("pending_article", None)
            return
        except IncidentMapError as exc:
            st.error(plain(f"Could not read this article: {exc}"))
            st.session_state.pop("pending_article", None)
            return
    article = st.session_state.get("pending_article")
    found = st.session_state.get("pending_incidents", [])
    if article is None:
        st.caption("The preview shows what will be stored; nothing is saved until you confirm.")
        return
    st.subheader(f"{len(found)} incident{'' if len(found) == 1 else 's'} found in “{plain(article.title)}”", anchor=False)  # no slug of the title
    if st.session_state.get("pin_message"):
        st.success(st.session_state.pop("pin_message"))
    if not found:
        st.info("No incident was found: no sentence names an event at a place on a date. You can still store the article.")
    else:
        # every incident, those at places the gazetteer does not know included: they are drawn at
        # their region (a dashed, approximate marker), where the user will pin them
        payload = map_payload(frame_of(found),
                              group_colours([a for i in found for a in i.actors]))
        # The user's click shows as a marker at once: added as a layer of the same map (no new map,
        # the zoom stays), from the click this rerun was made for.
        pin = folium.FeatureGroup(name="Your pin")
        clicked = (st.session_state.get("preview_map") or {}).get("last_clicked")
        if clicked:
            folium.Marker([clicked["lat"], clicked["lng"]], tooltip="Your pin").add_to(pin)
        picked = st_folium(build_map(payload), height=320, use_container_width=True, key="preview_map",
                           returned_objects=["last_clicked"], feature_group_to_add=pin)
        st.dataframe(pd.DataFrame([{"date": i.event_date, "place": i.place, "type": i.sub_event_type,
                                    "groups": ", ".join(i.actors), "claimed by": ", ".join(i.claimed_by)} for i in found]),
                     width="stretch")
        _pin_unresolved(found, picked)
    if st.button("Store these incidents", type="primary"):
        report = IngestReport()
        try:
            # What the preview showed is what is stored: no second extraction.
            ingest_article(engine_for(db_url()), article, Gazetteer.open(), load_curated(), report, found=found)
        except IncidentMapError as exc:
            st.error(plain(f"Could not store the article: {exc}"))
            return
        st.session_state.pop("pending_article", None)
        st.session_state.pop("pending_incidents", None)
        if report.skipped:
            st.warning("This article is already stored; nothing was added.")
        else:
            st.success(f"Stored: {plural(report.incidents, 'new incident')}, {report.corroborated} adding a source to stored ones.")


def _pin_unresolved(found, picked) -> None:  # noqa: ANN001
    unresolved = sorted({i.place_as_written for i in found if i.unresolved})
    if not unresolved:
        return
    st.warning(plain("Places the gazetteer does not know: " + ", ".join(unresolved) + ".") +
               " Click the map where one is, then pin it.")
    point = (picked or {}).get("last_clicked")
    name = st.selectbox("Place to pin", unresolved, key="pin_name")
    if point and st.button(plain(f"Pin {name} at {point['lat']:.4f}, {point['lng']:.4f}")):
        lat, lon = float(point["lat"]), float(point["lng"])
        # its country and region: those of the known places nearest to the pin
        country, region = nearest_known(Gazetteer.open().path, lat, lon)
        try:
            add_place(engine_for(db_url()), name, lat, lon, source="pinned on the map", country=country, admin1=region)
            # used at once: the article is read again with the pin (no second preview to ask for)
            st.session_state["pending_incidents"] = _extract(st.session_state["pending_article"])
        except TimeLimitExceeded:
            st.error("The pin is saved, but reading the article again took too long; preview it again.")
        except IncidentMapError as exc:
            st.error(plain(str(exc)))
        else:
            st.session_state["pin_message"] = plain(f"{name} is pinned ({region or 'no region'}, {country or 'no country'}) "
                                                    "and its incidents are in the preview.")
            st.rerun()


def _extract(article):  # noqa: ANN001, ANN202 - an Article; a list of Incidents
    return extract_incidents(article, Gazetteer.open(), pinned_place_index(engine_for(db_url())),
                             time_limit_s=PREVIEW_TIME_LIMIT_S)


if __name__ == "__main__":  # opened as a script by a deep link on a fresh server: see hand_over_to_app
    from pages.data import hand_over_to_app

    hand_over_to_app()
