"""The Sources page marks what extraction finds, through geo.extract.spans (issue 11)."""

from __future__ import annotations

from datetime import date

from geo.extract.spans import article_spans
from pages.sources import marked_spans

WIRE = ("KHARKIV (Reuters) - Russian forces shelled the town of Vovchansk on Sunday, the Freedom of Russia "
        "Legion said.\nOn Monday, drones hit Belgorod.")


def _marked(text: str, spans) -> list[tuple[str, str]]:
    return [(text[start:end], kind) for start, end, kind in spans]


def test_the_page_marks_what_extraction_reads():
    """A wire story's dateline names where the reporter is: extraction does not read it as a place,
    and the page does not mark it as one."""
    assert _marked(WIRE, marked_spans(WIRE, date(2024, 5, 13))) == [
        ("Russian forces", "group"), ("Vovchansk", "place"), ("on Sunday", "date"),
        ("Freedom of Russia Legion", "group"), ("On Monday", "date"), ("Belgorod", "place"),
    ]


def test_no_dates_without_a_publication_date(gazetteer):
    assert [s.kind for s in article_spans(WIRE, None, gazetteer)] == ["group", "place", "group", "place"]


def test_every_place_of_an_incident_is_marked(seed_articles, extracted, gazetteer):
    for name, article in seed_articles.items():
        spans = article_spans(article.text, article.published, gazetteer)
        assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False)), name
        places = {article.text[s.start:s.end] for s in spans if s.kind == "place"}
        dates = [s for s in spans if s.kind == "date"]
        assert dates, name
        for incident in extracted[name]:
            assert incident.place_as_written in places, (name, incident.place_as_written)
