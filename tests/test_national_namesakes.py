"""A city over a small namesake in one of several regions the text names (issue 13, round 7): a
national story (sports, a wire report with datelines) names states in passing, and a bare city name in
it is the city, not a town ten or more times smaller that shares its name and happens to lie in one of those
states. A local story that names one state, a town written with its state, or a town beside the places
the text names keeps its reading. Made-up sentences."""

from __future__ import annotations

import pytest

from geo.extract.mentions import context_from_text, find_places
from geo.gazetteer.lookup import Gazetteer


def _places(gazetteer: Gazetteer, text: str) -> dict[str, tuple[str, str]]:
    return {m.text: (m.place.country, m.place.admin1_code) for m in find_places(text, gazetteer) if m.place}


@pytest.mark.parametrize(("text", "name", "admin1"), [
    ("COLUMBUS, Ohio (AP) - The Buckeyes beat Michigan on Saturday. Next week they travel to Louisville "
     "for the tournament's second round.", "Louisville", "KY"),
    ("The Mavericks lost to Portland in overtime on Friday. The team flies to California on Sunday and "
     "comes home to Texas for three games next week.", "Portland", "OR"),
    ("Snow closed schools across Texas and Oklahoma. Flights out of Buffalo were cancelled as the storm "
     "moved north.", "Buffalo", "NY"),
])
def test_a_city_over_a_small_namesake_in_a_region_named_in_passing(gazetteer: Gazetteer, text: str, name: str,
                                                                     admin1: str):
    assert gazetteer.resolve(name, context_from_text(text, gazetteer), allow_common=True).admin1_code == admin1
    assert _places(gazetteer, text)[name] == ("US", admin1)


@pytest.mark.parametrize(("text", "name", "admin1"), [
    # one state named: a local story, whose small town stays
    ("Louisville firefighters were called to a barn fire on Tuesday, the Stark County sheriff said. Ohio "
     "fire marshals are investigating.", "Louisville", "OH"),
    # the town written with its state
    ("Storms hit Texas and Oklahoma overnight. In Portland, Texas, the water rose a foot.", "Portland", "TX"),
])
def test_a_small_town_the_text_points_at_keeps_its_reading(gazetteer: Gazetteer, text: str, name: str, admin1: str):
    assert _places(gazetteer, text)[name] == ("US", admin1)
