"""Pages that print their parts as labelled lines ("Source: ...", "Quote: ...", "Background:"):
the source line names who the next line quotes, and the list under a background heading tells
earlier events as context, not news. The texts are written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from geo.extract.pipeline import extract_incidents
from geo.extract.segment import sentences
from geo.gazetteer.lookup import Gazetteer
from geo.intake.articles import article_from_text

PAGE = """Russian forces advance near Novohrodivka, analysts say
Saturday, 24 August 2024, 10:05
Analysts updated their map of the front on Saturday.
Source: {source}
Quote: "The Russians advanced in Novohrodivka in Donetsk Oblast on Friday."
Background:
- Russian forces captured Krasnohorivka in Donetsk Oblast on 6 August.
- On 10 August, Ukrainian troops took the village of Poroz in Belgorod Oblast.

Russian artillery also shelled Myrnohrad on Friday, the regional governor said.
"""


def _found(gazetteer: Gazetteer, source: str = "DeepState") -> dict[str, tuple[str, ...]]:
    article = article_from_text(PAGE.format(source=source), published=date(2024, 8, 24), outlet="Wire")
    return {i.place_as_written: i.claimed_by for i in extract_incidents(article, gazetteer)}


def test_a_labelled_line_stands_apart_from_the_next():
    found = [s.text for s in sentences("Source: DeepState\nQuote: \"The line held.\"")]
    assert found == ["Source: DeepState", 'Quote: "The line held."']


@pytest.mark.parametrize(("source", "claimant"), [
    ("DeepState", "DeepState"),
    ("Vadym Filashkin, Head of Donetsk Oblast Military Administration, on Telegram", "Vadym Filashkin"),
])
def test_the_source_line_names_who_the_quote_below_it_is_from(gazetteer: Gazetteer, source: str, claimant: str):
    assert _found(gazetteer, source).get("Novohrodivka") == (claimant,)


def test_the_list_under_a_background_heading_is_no_news(gazetteer: Gazetteer):
    found = _found(gazetteer)
    assert "Krasnohorivka" not in found and "Poroz" not in found
    assert "Myrnohrad" in found  # the paragraph after the list is news again
