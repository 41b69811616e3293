"""A longer name the gazetteer lacks is at the place named inside it (Gazetteer.inside, issue 13):
what a geocoder asked for a whole name answers. Made-up names, each beside one that must stay unknown."""

from __future__ import annotations

import pytest

from geo.gazetteer.geocoder import OfflineGazetteer
from geo.gazetteer.lookup import Context, Gazetteer


@pytest.mark.parametrize(("name", "country", "kind", "admin1"), [
    ("Colorado State University", "US", "region", "CO"),   # a region inside an institution's name
    ("Port of Los Angeles", "US", "populated place", "CA"),  # a city, "of" no part of it
    ("Manila Cathedral", "PH", "populated place", None),
    ("Nairobi's Central Business Park", "KE", "populated place", None),  # possessive
    ("British Embassy Tokyo", "JP", "populated place", None),  # a place's own name before a demonym
    ("Mexican Senate", "MX", "country", None),  # a demonym alone names its country
])
def test_a_longer_name_is_at_the_place_inside_it(gazetteer: Gazetteer, name: str, country: str, kind: str,
                                                 admin1: str | None):
    assert gazetteer.resolve(name) is None or gazetteer.resolve(name).matched_by != "inside a longer name"
    place = gazetteer.resolve(name, inside=True)
    assert place is not None and (place.country, place.kind) == (country, kind)
    assert place.matched_by == "inside a longer name"
    if admin1 is not None:
        assert place.admin1_code == admin1


@pytest.mark.parametrize("name", [
    "Trump Tower",  # a village called so somewhere, which nothing in the text supports
    "City Hall",  # common words name nothing
    "Acme Widget Corporation",
    "Lake Wobegon",  # "Lake" begins place names; it names none
])
def test_a_small_or_common_inner_name_is_no_answer(gazetteer: Gazetteer, name: str):
    assert gazetteer.resolve(name, inside=True) is None


def test_a_small_town_inside_a_name_needs_the_context(gazetteer: Gazetteer):
    # Nenagh (Tipperary, Ireland, 8,000 people) only when the text is about its region
    assert gazetteer.resolve("Nenagh District Court", inside=True) is None
    tipperary = gazetteer.resolve("Nenagh")
    assert tipperary is not None
    context = Context(frozenset({"IE"}), frozenset({("IE", tipperary.admin1_code)}))
    place = gazetteer.resolve("Nenagh District Court", context, inside=True)
    assert place is not None and place.name == "Nenagh"


def test_the_geocoder_answers_a_longer_name(gazetteer: Gazetteer):
    location = OfflineGazetteer(gazetteer).geocode("Arizona State University")
    assert location is not None and location.raw["admin1_code"] == "AZ"
    assert OfflineGazetteer(gazetteer).geocode("City Hall") is None


def test_an_inner_name_must_be_a_places_own(gazetteer: Gazetteer):
    # "Grove" is an old name of Grove City, Ohio, which the context supports: still no reading of
    # "Meadow Grove" (Nebraska); "Columbus" is Columbus's own name
    ohio = Context(frozenset({"US"}), frozenset({("US", "OH")}))
    assert gazetteer.resolve("Meadow Grove", ohio, inside=True) is None
    place = gazetteer.resolve("Columbus Metropolitan Library", ohio, inside=True)
    assert place is not None and (place.name, place.admin1_code) == ("Columbus", "OH")
