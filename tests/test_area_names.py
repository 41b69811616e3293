"""Names of areas the news writes otherwise than GeoNames: abbreviations, demonyms, continents,
US counties; and misspelling matches that never jump to another continent."""

from __future__ import annotations

import pytest

from geo.extract.mentions import find_places, places_and_context
from geo.gazetteer.lookup import Context, Gazetteer


@pytest.mark.parametrize(("name", "country", "admin1_code"), [
    ("W.Va.", "US", "WV"), ("W. Va.", "US", "WV"), ("D.C.", "US", "DC"), ("Calif.", "US", "CA"),
    ("B.C.", "CA", "02"), ("Ont.", "CA", "08"),
    ("Calif", "US", "CA"),  # without its full stop: no word (unlike "Ill" or "Miss")
])
def test_abbreviations_name_their_region(gazetteer: Gazetteer, name: str, country: str, admin1_code: str):
    place = gazetteer.resolve(name, Context(countries=frozenset({"PL"})))  # W.Va. was Warsaw
    assert place is not None and place.kind == "region", (name, place)
    assert (place.country, place.admin1_code) == (country, admin1_code)


def test_an_abbreviation_is_matched_as_written_only(gazetteer: Gazetteer):
    """"Ill." is Illinois; "Miss" (no full stop) is no state."""
    miss = gazetteer.resolve("Miss")
    assert miss is None or miss.kind != "region" or miss.admin1_code != "MS"


@pytest.mark.parametrize(("name", "iso"), [
    ("Egyptian", "EG"), ("Russian", "RU"), ("Russians", "RU"), ("Israelis", "IL"), ("Chinese", "CN"),
    ("Canadian", "CA"),  # not Canadian, Texas
    ("Maori", "NZ"), ("Māori", "NZ"),
])
def test_demonyms_name_their_country(gazetteer: Gazetteer, name: str, iso: str):
    place = gazetteer.resolve(name, Context(countries=frozenset({"US"})), allow_common=True)
    assert place is not None and place.kind == "country" and place.country == iso, (name, place)


def test_demonyms_give_context_but_are_places_only_when_asked(gazetteer: Gazetteer):
    text = "Egyptian officials said the convoy reached the border on Monday."
    mentions, context = places_and_context(text, gazetteer)
    assert "EG" in context.countries
    assert not [m for m in mentions if m.text == "Egyptian"]
    assert [m for m in find_places(text, gazetteer, all_toponyms=True) if m.text == "Egyptian"]


@pytest.mark.parametrize(("name", "lat", "lon"), [("Europe", 48.7, 9.1), ("Africa", 7.2, 21.1), ("Asia", 29.8, 89.3)])
def test_continents_at_their_geonames_point(gazetteer: Gazetteer, name: str, lat: float, lon: float):
    place = gazetteer.resolve(name, allow_common=True)
    assert place is not None and place.kind == "continent", (name, place)
    assert abs(place.latitude - lat) < 0.5 and abs(place.longitude - lon) < 0.5


@pytest.mark.parametrize(("name", "regions", "state"), [
    ("Rapides Parish", frozenset(), "LA"),
    ("Orange County", frozenset(), "CA"),          # the most populous of its namesakes
    ("Orange County", frozenset({("US", "NY")}), "NY"),  # unless the text names another one's state
])
def test_us_counties(gazetteer: Gazetteer, name: str, regions: frozenset, state: str):
    place = gazetteer.resolve(name, Context(countries=frozenset({"US"}), regions=regions))
    assert place is not None and place.kind == "county" and place.admin1_code == state, place


def test_a_county_places_an_ambiguous_town(gazetteer: Gazetteer):
    text = "An Alexandria woman was charged on Tuesday, Rapides Parish deputies said."
    town = [m.place for m in find_places(text, gazetteer) if m.text == "Alexandria"]
    assert town and town[0] is not None and (town[0].country, town[0].admin1_code) == ("US", "LA"), town


@pytest.mark.parametrize(("name", "countries", "iso"), [("China", {"US"}, "CN"), ("Missouri", {"US"}, "US")])
def test_an_exact_area_is_never_a_misspelling_of_a_town(gazetteer: Gazetteer, name: str, countries: set, iso: str):
    """"China" in a US story was Chino, California (a fuzzy match)."""
    place = gazetteer.resolve(name, Context(countries=frozenset(countries)))
    assert place is not None and place.kind in ("country", "region") and place.country == iso, place


@pytest.mark.parametrize(("name", "country", "region"), [
    # the names the news and ACLED give first-level regions that GeoNames spells otherwise
    ("North Kivu", "CD", "North Kivu"), ("Ituri province", "CD", "Ituri"), ("Lower Shabelle region", "SO", "Lower Shabeelle"),
    ("Hodeidah province", "YE", "Hodeidah Governorate"), ("Nineveh", "IQ", "Ninawa"), ("Rural Damascus", "SY", "Rif-dimashq"),
    ("Sagaing Region", "MM", "Sagaing Region"), ("Oromia", "ET", "Oromiya"), ("South Lebanon", "LB", "Liban-Sud"),
])
def test_regions_by_the_names_the_news_uses(gazetteer, name: str, country: str, region: str):
    found = gazetteer.candidates(name)
    assert found and (found[0].kind, found[0].country, found[0].name) == ("region", country, region), found[:2]


@pytest.mark.parametrize(("name", "country"), [("Hodeidah", "YE"), ("Sagaing", "MM")])
def test_a_city_keeps_its_name_beside_its_region(gazetteer, name: str, country: str):
    found = gazetteer.candidates(name)
    assert found and (found[0].kind, found[0].country) == ("populated place", country), found[:2]
