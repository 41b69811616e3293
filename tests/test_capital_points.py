"""A country's capital gives the text no point to place its other names by (issue 13, session 10): it is
named for its government as often as for the city ("Washington said"), so a story that names
Washington is no reason to read Cambridge as Cambridge, Maryland, 95 km away. Other cities of under
a million people still do (Shreveport places Mansfield, Louisiana). Made-up sentences."""

from __future__ import annotations

import pytest

from geo.extract.mentions import find_places, places_and_context
from geo.gazetteer.lookup import Gazetteer


def test_a_capital_places_no_neighbour(gazetteer: Gazetteer):
    text = "The United States said in Washington that the talks would resume. Students in Cambridge protested."
    found = {m.text: m.place for m in find_places(text, gazetteer) if m.place}
    assert (found["Washington"].admin1_code, found["Cambridge"].admin1_code) == ("DC", "MA"), found


@pytest.mark.parametrize(("text", "city"), [
    ("Officials in Washington met on Monday.", "Washington"),
    ("Officials in Moscow met on Monday.", "Moscow"),
])
def test_a_capital_still_gives_its_country(gazetteer: Gazetteer, text: str, city: str):
    _mentions, context = places_and_context(text, gazetteer)
    place = gazetteer.resolve(city)
    assert place is not None and place.country in context.countries
    assert (place.latitude, place.longitude) not in context.points


def test_another_city_still_gives_its_point(gazetteer: Gazetteer):
    _mentions, context = places_and_context("Flooding closed roads in Shreveport on Monday.", gazetteer)
    assert context.points
