"""A place name's first word abbreviated ("Mt.", "Ft.", "Pt.": geo/data/abbreviated_prefixes.csv) is
looked up in full too (issue 13, session 10): GeoNames gives "Mt. Pleasant" as an alternate name of
Mount Pleasant, South Carolina only, so a story about Mount Pleasant, Iowa was put in South Carolina.
Made-up sentences."""

from __future__ import annotations

import pytest

from geo.extract.mentions import find_places
from geo.gazetteer.lookup import Context, Gazetteer


@pytest.mark.parametrize(("text", "name", "admin1"), [
    ("A barn burned near Mt. Pleasant, Iowa, on Sunday night.", "Mt. Pleasant", "IA"),
    ("The council of Mt. Vernon, Ohio, met on Tuesday.", "Mt. Vernon", "OH"),
])
def test_an_abbreviated_first_word_finds_every_town_so_called(gazetteer: Gazetteer, text: str, name: str,
                                                             admin1: str):
    found = {m.text: m.place for m in find_places(text, gazetteer) if m.place}
    assert name in found and (found[name].country, found[name].admin1_code) == ("US", admin1), found


@pytest.mark.parametrize(("name", "admin1"), [("Mt. Pleasant", "IA"), ("Pt. Pleasant", "NJ")])
def test_in_the_context_of_its_region(gazetteer: Gazetteer, name: str, admin1: str):
    place = gazetteer.resolve(name, Context(countries=frozenset({"US"}), regions=frozenset({("US", admin1)})))
    assert place is not None and place.admin1_code == admin1, place


@pytest.mark.parametrize(("name", "country", "admin1"), [
    ("St. Louis", "US", "MO"),  # "St." is no abbreviation looked up in full: no Saint-Louis, Senegal,
    ("St. Albans", "GB", "ENG"),  # ... nor a parish called Saint Paul or Saint Albans
    ("Ft. Worth", "US", "TX"),
])
def test_names_written_so_stay_where_they_were(gazetteer: Gazetteer, name: str, country: str, admin1: str):
    place = gazetteer.resolve(name)
    assert place is not None and (place.country, place.admin1_code) == (country, admin1), place
