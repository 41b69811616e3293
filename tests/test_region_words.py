"""An area written with the word its country calls its first-level areas ("Plateau State", "Kharkiv
Oblast") is that country's before a same-named area elsewhere (geo/data/region_words.csv; issue 13)."""

from __future__ import annotations

import pytest

from geo.extract.mentions import find_places
from geo.gazetteer.lookup import Context, Gazetteer, load_region_words


@pytest.mark.parametrize(("name", "country"), [
    ("Plateau State", "NG"),  # Nigeria's state, not Benin's Plateau department
    ("the Plateau State", "NG"),
    ("Unity State", "SS"),
    ("Blue Nile State", "SD"),
])
def test_the_region_word_picks_the_country_that_calls_its_areas_so(gazetteer: Gazetteer, name: str, country: str):
    place = gazetteer.resolve(name)
    assert place is not None and (place.kind, place.country) == ("region", country)


def test_the_bare_name_is_not_helped(gazetteer: Gazetteer):
    worded = {(c.country, c.score) for c in gazetteer.candidates("Plateau State")}
    bare = {(c.country, c.score) for c in gazetteer.candidates("Plateau")}
    assert dict(worded)["NG"] > dict(worded)["BJ"]
    assert dict(bare)["NG"] == dict(bare)["BJ"]


def test_the_text_naming_the_other_country_still_wins(gazetteer: Gazetteer):
    place = gazetteer.resolve("Plateau State", Context(frozenset({"BJ"})))
    assert place is not None and place.country == "BJ"


def test_every_country_code_in_the_file_is_a_country_of_the_gazetteer(gazetteer: Gazetteer):
    words = load_region_words(gazetteer.data_dir / "region_words.csv")
    assert {"state", "oblast", "province"} <= set(words)
    for word, countries in words.items():
        for country in countries:
            assert gazetteer.area(country) is not None, (word, country)


@pytest.mark.parametrize(("name", "country"), [
    # same-named regions tie: the region of the more populous country first
    ("Maryland", "US"),  # not Liberia's Maryland County
    ("Plateau", "NG"),  # not Benin's department
])
def test_same_named_regions_tie_to_the_more_populous_country(gazetteer: Gazetteer, name: str, country: str):
    place = gazetteer.resolve(name)
    assert place is not None and (place.kind, place.country) == ("region", country)


def test_a_town_written_with_maryland_is_marylands(gazetteer: Gazetteer):
    found = {m.text: (m.place.country, m.place.admin1_code) for m in find_places(
        "Police in Laurel, Maryland, made an arrest.", gazetteer) if m.place is not None}
    assert found == {"Laurel": ("US", "MD"), "Maryland": ("US", "MD")}
