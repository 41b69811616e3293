"""The Sources page: an article's text with its places, dates and groups marked, its incidents beside it."""

from __future__ import annotations

from datetime import date

import streamlit as st

from geo.errors import IncidentMapError
from geo.extract.spans import article_spans
from geo.gazetteer.lookup import Gazetteer
from pages.data import current_version, db_url, load_article_table, load_tables
from pages.text import html_text, plain, safe_link

MARK_STYLE = {"place": "background:#cfe8ff", "date": "background:#ffe7b3", "group": "background:#d9f2d0"}


@st.cache_data(show_spinner="Reading the article…", max_entries=32)
def marked_spans(text: str, published: date | None) -> list[tuple[int, int, str]]:
    """The groups, places and dates extraction finds in the article (geo.extract.spans)."""
    return [(s.start, s.end, s.kind) for s in article_spans(text, published, Gazetteer.open())]


def marked_html(text: str, spans: list[tuple[int, int, str]]) -> str:
    """The text, escaped, with <mark> around each span, for st.html: nothing in the article becomes markup."""
    parts, pos = [], 0
    for start, end, kind in spans:
        parts.append(html_text(text[pos:start]))
        parts.append(f'<mark class="im-{kind}" style="{MARK_STYLE[kind]}">{html_text(text[start:end])}</mark>')
        pos = end
    parts.append(html_text(text[pos:]))
    return "".join(parts).replace("\n", "<br>")


def sources_page() -> None:
    st.title("Sources")
    url = db_url()
    try:
        version = current_version(url)
        articles = load_article_table(url, version)
        tables = load_tables(url, version)
    except IncidentMapError as exc:
        st.error(plain(f"Could not read the incident store: {exc}"))
        return
    if articles.empty:
        st.info("No articles yet. Add one on the **Add article** page.")
        return
    labels = {r["id"]: f"{r['published'] or 'undated'} · {r['outlet'] or 'unknown outlet'} · {r['title'][:90]}"
              for r in articles.to_dict("records")}
    chosen = st.selectbox("Article", list(labels), format_func=lambda k: labels[k], key="source_article")
    article = articles[articles["id"] == chosen].iloc[0]
    text, left, right = str(article["text"]), *st.columns([3, 2])
    with left:
        st.caption("Marked: " + " ".join(f'<mark style="{s}">{k}s</mark>' for k, s in MARK_STYLE.items()),
                   unsafe_allow_html=True)
        link = safe_link(article["url"]) if article["url"] else None
        if link:
            st.markdown(f"[Open the original]({link})")
        published = article["published"] if isinstance(article["published"], date) else None
        st.html(f'<div class="im-article">{marked_html(text, marked_spans(text, published))}</div>')
    with right:
        quotes = tables.sources[tables.sources["article_id"] == chosen]
        frame = tables.incidents
        mine = frame[frame["id"].isin(quotes["incident_id"])]
        st.subheader(f"{len(mine)} incidents")
        by_incident = quotes.groupby("incident_id", sort=False)["quote"].agg(list).to_dict() if len(quotes) else {}
        for r in mine.to_dict("records"):
            with st.container(border=True):
                st.markdown(f"**{plain(r['summary'])}**")
                st.caption(plain(f"{r['event_date']:%Y-%m-%d} · {r['place']} · {r['status']} · {r['n_sources']} sources"))
                for quote in by_incident.get(r["id"], []):
                    st.text(f"“{quote}”")


if __name__ == "__main__":  # opened as a script by a deep link on a fresh server: see hand_over_to_app
    from pages.data import hand_over_to_app

    hand_over_to_app()
