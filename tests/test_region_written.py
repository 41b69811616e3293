"""A name written with its region decides among its namesakes, or is a place the gazetteer lacks
(issue 13, session 11).

"Kamianka in the Kharkiv region": the gazetteer has Kamiankas in Cherkasy, Chernivtsi and Odesa
oblasts, none in Kharkiv; the text says where it is, so a namesake elsewhere is no answer and the
name is reported unresolved, to be coded in its region. The same for a town known only abroad by
another name ("Mambasa in Ituri province" is not Mombasa, Kenya). A region's name that a city
shares ("Donetsk") is the region when the name before it has a town there ("Pokrovsk in Donetsk").
Three-letter names, otherwise too often initials or words, are read when written with a region that
has a town of that name ("Bor in Jonglei"). Lists stay lists ("Sumy, Chernihiv Oblast and ...").
Made-up sentences."""

from __future__ import annotations

import pytest

from geo.extract.mentions import find_places
from geo.gazetteer.lookup import Gazetteer


def _mentions(gazetteer: Gazetteer, text: str) -> dict[str, tuple[str, str] | None]:
    return {m.text: (m.place.country, m.place.admin1) if m.place else None for m in find_places(text, gazetteer)}


def test_no_namesake_outside_the_region_written(gazetteer: Gazetteer):
    found = _mentions(gazetteer, "A guided bomb hit Kamianka in the Kharkiv region on Tuesday, the governor said.")
    assert "Kamianka" in found and found["Kamianka"] is None, found


def test_no_other_name_abroad_for_a_town_in_the_region_written(gazetteer: Gazetteer):
    found = _mentions(gazetteer, "Gunmen raided Mambasa in Ituri province overnight, a local official said.")
    assert "Mambasa" in found and found["Mambasa"] is None, found


@pytest.mark.parametrize("text", [
    "Moscow said its troops took a village near Pokrovsk in Donetsk on Monday.",
    "Russian units shelled Pokrovsk, in Donetsk, on Monday, Moscow said.",
])
def test_a_city_named_region_after_in(gazetteer: Gazetteer, text: str):
    found = _mentions(gazetteer, text)
    assert found["Pokrovsk"] == ("UA", "Donetsk") and found["Donetsk"] == ("UA", "Donetsk"), found


@pytest.mark.parametrize("text", [
    "Cattle raiders attacked Bor in Jonglei on Saturday, the county commissioner said.",
    "Floods cut the road to Bor, Jonglei state, last week.",
])
def test_a_three_letter_town_with_its_region(gazetteer: Gazetteer, text: str):
    assert _mentions(gazetteer, text).get("Bor") == ("SS", "Jonglei")


def test_three_letters_without_a_region_stay_words(gazetteer: Gazetteer):
    assert "Bor" not in _mentions(gazetteer, "Bor said the road was closed.")


def test_a_list_after_a_comma_is_no_region_written(gazetteer: Gazetteer):
    found = _mentions(gazetteer, "Drones struck Sumy, Chernihiv Oblast and Kharkiv Oblast overnight.")
    assert found["Sumy"] == ("UA", "Sumy"), found


def test_a_namesake_in_the_region_written_still_wins(gazetteer: Gazetteer):
    found = _mentions(gazetteer, "Shelling hit Pokrovsk in the Donetsk region on Friday.")
    assert found["Pokrovsk"] == ("UA", "Donetsk")


@pytest.mark.parametrize(("text", "town", "region"), [
    # after a bare comma, a region's name that a city shares is the region where the name before it is
    # first read: Tacoma is first the one in the state of Washington (not the capital, Washington, D.C.)
    ("Police in Tacoma, Washington, said two men were arrested.", "Tacoma", "Washington"),
    ("Russian units shelled Pokrovsk, Donetsk, on Monday, Moscow said.", "Pokrovsk", "Donetsk"),
])
def test_a_city_named_region_after_a_comma(gazetteer: Gazetteer, text: str, town: str, region: str):
    found = {m.text: m.place for m in find_places(text, gazetteer) if m.place}
    after = next(name for name in found if name not in (town, "Moscow"))
    assert found[town].admin1 == region and found[after].kind == "region" and found[after].admin1 == region, found


def test_a_list_of_capitals_stays_cities(gazetteer: Gazetteer):
    found = {m.text: m.place for m in find_places("Leaders met in Moscow, Kiev, Minsk and Riga.", gazetteer) if m.place}
    assert all(p.kind == "populated place" for p in found.values()), found
