"""A town named like a country, in the region a text names (issue 13, round 7): "LEBANON (AP) ... a
Tennessee woman" is Lebanon, Tennessee, and "a diner in Peru ... Indiana" is Peru, Indiana (towns of
10,000 people or more), when the text names no country but the town's. A text that names another
country keeps the country ("Indiana farmers sell corn to Peru and Canada"); so does a village ("Mexico"
beside Indiana: tests/test_country_points.py). Made-up sentences."""

from __future__ import annotations

import pytest

from geo.extract.mentions import context_from_text, find_places
from geo.gazetteer.lookup import Gazetteer


@pytest.mark.parametrize(("text", "name", "admin1"), [
    ("A fire destroyed a diner in Peru early on Sunday. Nobody was hurt, the Indiana State Police said.",
     "Peru", "IN"),
    ("LEBANON (AP) - A Tennessee woman was charged on Monday with stealing cattle from a neighbour's farm.",
     "LEBANON", "TN"),
])
def test_a_town_named_like_a_country_in_the_region_the_text_names(gazetteer: Gazetteer, text: str, name: str,
                                                                  admin1: str):
    place = gazetteer.resolve(name, context_from_text(text, gazetteer), allow_common=True)
    assert place is not None and (place.country, place.admin1_code) == ("US", admin1), place


@pytest.mark.parametrize(("text", "name", "country"), [
    ("Indiana farmers sell more corn to Peru and Canada than ever before, the state's trade office said.",
     "Peru", "PE"),
    ("An Indiana company opened a plant in Peru; Chile and Bolivia are next.", "Peru", "PE"),
])
def test_a_country_beside_other_countries_stays_the_country(gazetteer: Gazetteer, text: str, name: str,
                                                            country: str):
    place = gazetteer.resolve(name, context_from_text(text, gazetteer), allow_common=True)
    assert place is not None and place.kind == "country" and place.country == country, place
    assert {m.text: m.place.country for m in find_places(text, gazetteer) if m.place}[name] == country


@pytest.mark.parametrize(("text", "name", "expected"), [
    ("Farmers from Indiana visited Peru last week to learn how potatoes are grown in the Andes.", "Indiana",
     ("US", "IN")),
    ("A choir from Maryland toured Australia this summer and sang in Sydney's cathedral.", "Maryland",
     ("US", "MD")),
])
def test_a_region_outranks_a_village_of_a_named_country(gazetteer: Gazetteer, text: str, name: str,
                                                        expected: tuple[str, str]):
    """A town of a country the text names keeps its rank against a same-named region elsewhere only from
    10,000 people ("Gaza" in a story about Israel is the city): Indiana, Loreto (Peru) is no reading of
    the US state's name in a story that names Peru."""
    place = gazetteer.resolve(name, context_from_text(text, gazetteer), allow_common=True)
    assert place is not None and place.kind == "region" and (place.country, place.admin1_code) == expected, place
    assert {m.text: (m.place.country, m.place.admin1_code) for m in find_places(text, gazetteer) if m.place}[name] == expected
