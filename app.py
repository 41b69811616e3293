"""incident-map dashboard: builds the navigation; each page is one function in pages/."""

import streamlit as st

from pages.about import about_page
from pages.add_article import add_article_page
from pages.data import db_url, version_or_none, watch_store
from pages.import_data import import_page
from pages.incidents import incidents_page
from pages.map import map_page
from pages.sidebar import PAGE_BEFORE, PAGE_NOW
from pages.sources import sources_page

st.set_page_config(page_title="incident-map", page_icon=":material/map:", layout="wide")
navigation = st.navigation([
    st.Page(map_page, title="Map", icon=":material/map:", default=True, url_path="map"),
    st.Page(incidents_page, title="Incidents", icon=":material/table:", url_path="incidents"),
    st.Page(sources_page, title="Sources", icon=":material/article:", url_path="sources"),
    st.Page(add_article_page, title="Add article", icon=":material/add:", url_path="add_article"),
    st.Page(import_page, title="Import", icon=":material/upload_file:", url_path="import_data"),
    st.Page(about_page, title="About", icon=":material/info:", url_path="about"),
])
st.sidebar.caption("Places © [GeoNames](https://www.geonames.org/), CC BY 4.0")
# Which page this run shows and which the last one did: the sidebar keeps the view's filters
# when the navigation (which drops the URL's query string) moves between pages.
st.session_state[PAGE_BEFORE] = st.session_state.get(PAGE_NOW)
st.session_state[PAGE_NOW] = navigation.url_path
watch_store(db_url(), version_or_none(db_url()))  # writes by other sessions and processes show unasked
navigation.run()
