"""Names listed before a plural county word are counties, of one state unless the text says otherwise
(issue 13).

Made-up sentences; each rule shown with the case that must go the other way beside it."""

from __future__ import annotations

import pytest

from geo.extract.mentions import find_places, places_and_context
from geo.gazetteer.lookup import Gazetteer


def _found(gazetteer: Gazetteer, text: str) -> dict[str, tuple[str, str, str]]:
    return {m.text: (m.place.kind, m.place.country, m.place.admin1_code) for m in find_places(text, gazetteer, all_toponyms=True)
            if m.place is not None}


@pytest.mark.parametrize(("text", "expected"), [
    # towns called Walton and Oconee exist elsewhere; the list says counties, "in Georgia" says which
    ("The old bridge between Walton and Oconee counties in Georgia was closed on Monday.",
     {"Walton": ("county", "US", "GA"), "Oconee": ("county", "US", "GA"), "Georgia": ("region", "US", "GA")}),
    # two lists, each pinned by the state written after it
    ("Volunteers from Camden and Charlton counties in Georgia and Nassau and Baker counties in Florida came.",
     {"Camden": ("county", "US", "GA"), "Nassau": ("county", "US", "FL"), "Baker": ("county", "US", "FL")}),
    # no state written: the state that has a county of most of the names (Clark and Madison are also
    # counties of Kentucky, side by side there)
    ("Students who live in Butler, Clark, Hamilton, Madison, Montgomery, Preble or Warren counties may apply.",
     {"Clark": ("county", "US", "OH"), "Madison": ("county", "US", "OH"), "Preble": ("county", "US", "OH")}),
    ("Water covers roads in Becker, Clay, Douglas, Grant, Mahnomen, Otter Tail, Swift and Wilkin counties.",
     {"Clay": ("county", "US", "MN"), "Otter Tail": ("county", "US", "MN"), "Wilkin": ("county", "US", "MN")}),
    # parishes too
    ("Flooding closed roads in Rapides and Avoyelles parishes.",
     {"Rapides": ("county", "US", "LA"), "Avoyelles": ("county", "US", "LA")}),
])
def test_names_listed_before_counties_are_counties(gazetteer: Gazetteer, text: str,
                                                   expected: dict[str, tuple[str, str, str]]):
    found = _found(gazetteer, text)
    for name, place in expected.items():
        assert found.get(name) == place, (name, found.get(name))


@pytest.mark.parametrize("text", [
    # no county word after the list: the names are what they are alone
    "Officials from Walton and Oconee met in Atlanta.",
    # a county word that ends another name is no list of counties
    "Walton and Oconee County Schools closed.",
])
def test_only_a_plural_county_word_makes_a_list_of_counties(gazetteer: Gazetteer, text: str):
    assert _found(gazetteer, text).get("Walton", ("",))[0] != "county"


def test_a_listed_county_is_that_county_wherever_the_text_writes_it_bare(gazetteer: Gazetteer):
    _mentions, context = places_and_context("Clarke, Madison, Oconee and Oglethorpe counties lost jobs.", gazetteer)
    place = gazetteer.resolve("Madison", context)
    assert place is not None and (place.kind, place.admin1_code) == ("county", "GA")
