"""A one-word region inside another name (issue 13): "Maritime" in an agency's name is Togo's Maritime
region only when the text is about Togo; "Texas" in "the Texas Department of Health" stays in a story
of Texan towns, or of no other place. Made-up sentences; all toponyms, as the pipeline reads them."""

from __future__ import annotations

import pytest

from geo.extract.mentions import find_places
from geo.gazetteer.lookup import Gazetteer


def _names(gazetteer: Gazetteer, text: str) -> dict[str, str]:
    return {m.text: m.place.country for m in find_places(text, gazetteer, all_toponyms=True) if m.place}


@pytest.mark.parametrize(("text", "word"), [
    ("The Japan Maritime Safety Agency said a freighter sank off Okinawa.", "Maritime"),
    ("The United Kingdom Maritime and Coastguard Agency said a yacht sank off Cornwall.", "Maritime"),
    ("A Canada Maritime Rescue Centre spokesman said the boat sank near Halifax.", "Maritime"),
    ("Councillor Paul Whitcombe of Leeds voted against the plan.", "Paul"),
])
def test_a_region_word_of_another_country_is_a_word_of_the_name(gazetteer: Gazetteer, text: str, word: str):
    assert word not in _names(gazetteer, text)


@pytest.mark.parametrize(("text", "name", "country"), [
    ("The Texas Department of Health said cases rose in Waco and Temple.", "Texas", "US"),
    ("The Texas Department of Health said cases rose.", "Texas", "US"),  # no other place
    ("The Lome port authority and the Maritime Police of Togo met.", "Maritime", "TG"),
])
def test_a_region_of_the_story_stays(gazetteer: Gazetteer, text: str, name: str, country: str):
    assert _names(gazetteer, text).get(name) == country
