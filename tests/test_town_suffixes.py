"""A town's name written with "City" after it (issue 13, session 11): "Kabankalan City" is what the
Philippines' chartered cities are called in the news, while GeoNames calls the town "Kabankalan" and
lists no "Kabankalan City". A name the gazetteer does not know whole, ending in a word of
geo/data/town_suffixes.txt, is the town called by the rest. Names that are whole places' own names
("Kansas City", "Lipa City") stay what they are. Made-up sentences."""

from __future__ import annotations

import pytest

from geo.extract.mentions import find_places
from geo.gazetteer.lookup import Gazetteer


def _found(gazetteer: Gazetteer, text: str) -> dict[str, tuple[str, str]]:
    return {m.text: (m.place.name, m.place.country) for m in find_places(text, gazetteer) if m.place}


@pytest.mark.parametrize(("text", "written", "place"), [
    ("Gunmen ambushed a patrol on a highway in Kabankalan City on Friday, the provincial police said.",
     "Kabankalan City", ("Kabankalan", "PH")),
    ("Kabankalan City officials closed schools after the flooding.", "Kabankalan City", ("Kabankalan", "PH")),
])
def test_a_town_written_with_city_after_its_name(gazetteer: Gazetteer, text: str, written: str,
                                                 place: tuple[str, str]):
    assert _found(gazetteer, text).get(written) == place


def test_resolve_takes_the_suffixed_form(gazetteer: Gazetteer):
    place = gazetteer.resolve("Kabankalan City")
    assert place is not None and (place.name, place.country) == ("Kabankalan", "PH")


@pytest.mark.parametrize(("text", "written", "place"), [
    ("Police in Kansas City said two men were wounded.", "Kansas City", ("Kansas City", "US")),
    ("A fire destroyed a market in Mexico City on Sunday.", "Mexico City", ("Mexico City", "MX")),
])
def test_a_place_called_so_whole_stays(gazetteer: Gazetteer, text: str, written: str, place: tuple[str, str]):
    assert _found(gazetteer, text).get(written) == place



def test_an_area_is_no_town_called_by_the_rest(gazetteer: Gazetteer):
    """"Kharkiv City" is the city called Kharkiv, never the oblast of that name."""
    found = gazetteer.candidates("Kharkiv City")
    assert found and all(p.kind == "populated place" for p in found)


def test_a_small_town_so_written_needs_the_text_to_point_at_it(gazetteer: Gazetteer):
    """Harbor, Oregon (2,400 people) is no reading of a Los Angeles story's "Harbor City"."""
    found = _found(gazetteer, "Police in Harbor City arrested two men, Los Angeles police said.")
    assert found.get("Harbor City") != ("Harbor", "US")
