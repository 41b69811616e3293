"""The Sources page: an article's text with its places, dates and groups marked, its incidents beside it."""

from __future__ import annotations

from datetime import date

import streamlit as st

from geo.errors import IncidentMapError
from geo.extract.spans import article_spans
from geo.gazetteer.lookup import Gazetteer
from geo.store.tables import IncidentTables
from pages.data import current_version, db_url, load_article_table, load_tables
from pages.map import page_of
from pages.text import html_text, plain, plural, safe_link

QUOTE_STYLE = "outline:2px solid #d55e00;outline-offset:2px;border-radius:2px"
# Our own script (no article text in it): bring the quoted sentence into view.
_SCROLL = "<script>setTimeout(function(){var q=document.getElementById('im-quote');if(q){q.scrollIntoView({block:'center'});}},300);</script>"
MARK_STYLE = {"place": "background:#cfe8ff", "date": "background:#ffe7b3", "group": "background:#d9f2d0"}


@st.cache_data(show_spinner="Reading the article…", max_entries=32)
def marked_spans(text: str, published: date | None) -> list[tuple[int, int, str]]:
    """The groups, places and dates extraction finds in the article (geo.extract.spans)."""
    return [(s.start, s.end, s.kind) for s in article_spans(text, published, Gazetteer.open())]


def marked_html(text: str, spans: list[tuple[int, int, str]], quote: tuple[int, int] | None = None) -> str:
    """The text, escaped, with <mark> around each span, for st.html: nothing in the article becomes markup.
    quote (start, end): a sentence an incident quotes, underlined in a box with id "im-quote"."""
    def marked(lo: int, hi: int) -> str:
        parts, pos = [], lo
        for start, end, kind in spans:
            if end <= lo or start >= hi:
                continue
            start, end = max(start, lo), min(end, hi)
            parts.append(html_text(text[pos:start]))
            parts.append(f'<mark class="im-{kind}" style="{MARK_STYLE[kind]}">{html_text(text[start:end])}</mark>')
            pos = end
        parts.append(html_text(text[pos:hi]))
        return "".join(parts)

    if quote is None or not 0 <= quote[0] < quote[1] <= len(text):
        body = marked(0, len(text))
    else:
        body = (marked(0, quote[0]) + f'<span id="im-quote" style="{QUOTE_STYLE}">' + marked(*quote) + "</span>"
                + marked(quote[1], len(text)))
    return body.replace("\n", "<br>")


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
    wanted = st.query_params.get("article")
    if wanted in labels and st.session_state.get("_source_link") != (wanted, st.query_params.get("quote")):
        st.session_state["source_article"] = wanted  # opened from a link (the Map page's Details)
        st.session_state["_source_link"] = (wanted, st.query_params.get("quote"))
    chosen = st.selectbox("Article", list(labels), format_func=lambda k: labels[k], key="source_article")
    article = articles[articles["id"] == chosen].iloc[0]
    quote = _linked_quote(tables, chosen)
    text, left, right = str(article["text"]), *st.columns([3, 2])
    with left:
        st.caption("Marked: " + " ".join(f'<mark style="{s}">{k}s</mark>' for k, s in MARK_STYLE.items()),
                   unsafe_allow_html=True)
        link = safe_link(article["url"]) if article["url"] else None
        if link:
            st.markdown(f"[Open the original]({link})")
        published = article["published"] if isinstance(article["published"], date) else None
        st.html(f'<div class="im-article">{marked_html(text, marked_spans(text, published), quote)}</div>')
        if quote is not None:
            st.html(_SCROLL, unsafe_allow_javascript=True)
    with right:
        quotes = tables.sources[tables.sources["article_id"] == chosen]
        frame = tables.incidents
        mine = frame[frame["id"].isin(quotes["incident_id"])]
        st.subheader(plural(len(mine), 'incident'))
        by_incident = quotes.groupby("incident_id", sort=False)["quote"].agg(list).to_dict() if len(quotes) else {}
        for r in mine.to_dict("records"):
            with st.container(border=True):
                st.markdown(f"**{plain(r['summary'])}**")
                n = len(r["article_ids"])
                st.caption(plain(f"{r['event_date']:%Y-%m-%d} · {r['place']} · {r['status']} · "
                                 f"{n} source{'s' if n != 1 else ''}"))
                for said in dict.fromkeys(by_incident.get(r["id"], [])):  # each sentence once
                    st.text(f"“{said}”")
                st.page_link(page_of("map"), label="Show on the map", icon=":material/map:",
                             query_params={"incident": str(r["id"])})


def _linked_quote(tables: IncidentTables, article_id: str) -> tuple[int, int] | None:
    """The sentence a link names (?article=…&quote=<start>), if it is one of this article's quotes."""
    if st.query_params.get("article") != article_id:
        return None
    try:
        start = int(st.query_params.get("quote", ""))
    except ValueError:
        return None
    rows = tables.sources[(tables.sources["article_id"] == article_id) & (tables.sources["start"] == start)]
    return None if rows.empty else (start, int(rows["end"].iloc[0]))


if __name__ == "__main__":  # opened as a script by a deep link on a fresh server: see hand_over_to_app
    from pages.data import hand_over_to_app

    hand_over_to_app()
