"""find_places on the language of news: people's names, countries' short names, namesakes placed
by the text's other names, capitals and alternate names (issue 13). General rules, each shown on
made-up sentences, and the opposite case beside it so that a rule cannot pass by saying no to all."""

from __future__ import annotations

import sqlite3

import pytest

from geo.extract.mentions import find_places
from geo.gazetteer.index import HOW_SKELETON
from geo.gazetteer.lookup import Context, Gazetteer
from geo.gazetteer.names import loose_key


def _found(gazetteer: Gazetteer, text: str, **kwargs: bool) -> list[tuple[str, str, str]]:
    return [(m.text, m.place.country, m.place.admin1_code) if m.place else (m.text, "", "")
            for m in find_places(text, gazetteer, **kwargs)]


@pytest.mark.parametrize(("text", "person", "place"), [
    # a town's name that the text gives a person in full is the person's later on
    ("White House chief of staff John Kelly met officials in Ohio. Kelly said nothing.", "Kelly", "Ohio"),
    ("Officer Lisa Jones answered calls in Texas on Monday. Jones will be paid $9 an hour.", "Jones", "Texas"),
    # a surname after a middle initial
    ("Senate President Bill M. Harris has been away from Ohio. Harris broke a leg.", "Harris", "Ohio"),
])
def test_people_are_no_places(gazetteer: Gazetteer, text: str, person: str, place: str):
    names = [name for name, _c, _a in _found(gazetteer, text)]
    assert person not in names
    assert place in names  # the place in the same text is still found


def test_a_place_word_keeps_the_town(gazetteer: Gazetteer):
    # "North Richmond" is no person: Richmond stays a place afterwards
    text = "A man was shot in a North Richmond neighborhood of Virginia. Richmond police were called."
    assert ("Richmond", "US", "VA") in _found(gazetteer, text)


@pytest.mark.parametrize(("text", "name", "country"), [
    ("Officials in the U.S. said the talks failed.", "U.S.", "US"),
    ("Troops from the US and the UK arrived in Iraq.", "US", "US"),
    ("Troops from the US and the UK arrived in Iraq.", "UK", "GB"),
])
def test_short_names_of_countries(gazetteer: Gazetteer, text: str, name: str, country: str):
    assert (name, country, "") in _found(gazetteer, text)


def test_initials_that_are_no_country_are_no_place(gazetteer: Gazetteer):
    assert _found(gazetteer, "The NFL and the NBA met in New York.") == [("New York", "US", "NY")]


def test_a_region_abbreviation_ends_at_its_full_stop(gazetteer: Gazetteer):
    text = "CHARLESTON, W.Va. -- Lanes reopened."
    spans = [(m.start, m.end) for m in find_places(text, gazetteer)]
    start = text.index("W.Va.")
    assert (start, start + len("W.Va.")) in spans


@pytest.mark.parametrize(("text", "name", "admin1"), [
    # two names with namesakes: the pair of candidates that lie together wins over larger namesakes
    ("Paris and Henry County are rich in history, the Henry County class heard.", "Paris", "TN"),
    ("Paris and Henry County are rich in history, the Henry County class heard.", "Henry County", "TN"),
])
def test_namesakes_placed_by_each_other(gazetteer: Gazetteer, text: str, name: str, admin1: str):
    assert (name, "US", admin1) in _found(gazetteer, text)


def test_a_large_city_is_not_moved_by_one_small_namesake_pair(gazetteer: Gazetteer):
    found = _found(gazetteer, "The prince visited Washington, New York and Boston this week.")
    assert ("Boston", "US", "MA") in found and ("Washington", "US", "DC") in found


def test_capital_in_a_text_about_its_country(gazetteer: Gazetteer):
    context = Context(frozenset({"US"}), frozenset({("US", "NH")}))
    capital = gazetteer.resolve("Washington", context)
    assert capital is not None and capital.admin1_code == "DC"
    # the region alone still decides for an ordinary town of that name
    concord = gazetteer.resolve("Concord", context)
    assert concord is not None and concord.admin1_code == "NH"


@pytest.mark.parametrize(("name", "context", "country", "kind"), [
    ("Mexico", Context(frozenset({"MX", "US"}), frozenset({("MX", "09")})), "MX", "country"),  # not Mexico City
    ("Moscow", Context(frozenset({"US", "RU"}), frozenset({("US", "MO")})), "RU", "populated place"),
])
def test_an_alternate_name_gives_way_to_a_place_called_so(gazetteer: Gazetteer, name: str, context: Context,
                                                          country: str, kind: str):
    place = gazetteer.resolve(name, context)
    assert place is not None and (place.country, place.kind) == (country, kind)


def test_an_alternate_name_alone_lists_its_places(gazetteer: Gazetteer):
    # asked with no text, every place known by the name is a candidate, alternate names included
    assert any(p.matched_by != "name" for p in gazetteer.candidates("Kiev"))


def test_fuzzy_pools_are_the_places_of_their_part(gazetteer: Gazetteer):
    """The precomputed pools hold what the join over the index gives, for a region and a country,
    each skeleton key loosened as misspellings are compared (names.loose_key)."""
    con = sqlite3.connect(f"file:{gazetteer.path}?mode=ro", uri=True)
    try:
        for kind, values, where in [("region", ("RU", "09"), "p.country = 'RU' AND p.admin1_code = '09'"),
                                    ("country", ("UA",), "p.country = 'UA' AND p.population >= 1000")]:
            expected = sorted((place_id, loose_key(key, is_key=True)) for place_id, key in con.execute(
                f"SELECT p.id, n.key FROM places p JOIN names n ON n.place = p.id AND n.how = {HOW_SKELETON} "
                f"WHERE p.kind != 'region' AND {where}"))
            ids, keys = gazetteer._pool_part(kind, values)
            assert expected and sorted(zip(ids, keys)) == expected
    finally:
        con.close()


@pytest.mark.parametrize(("text", "name", "region"), [
    # "the city of X", X a region's name: the region's own city called so, though the text names
    # another region that holds a smaller namesake (Mykolaivka, Donetsk)
    ("Fighting went on in the Donetsk region near Kostiantynivka. A missile hit the southern city of "
     "Mykolaiv on Monday.", "Mykolaiv", "16"),
    # the counter-case: a town of the named region with that exact name stays that town
    ("Fighting went on in the Donetsk region near Kostiantynivka. Shells hit the town of Mykolaivka on "
     "Monday.", "Mykolaivka", "05"),
])
def test_the_city_of_a_region_is_its_city(gazetteer: Gazetteer, text: str, name: str, region: str):
    assert (name, "UA", region) in _found(gazetteer, text)


@pytest.mark.parametrize(("text", "name", "placed"), [
    # a name whose word begins with another letter is another name, not a misspelling
    # (Dasht-e Archi, Kunduz): known to the text as a place, placed nowhere
    ("KABUL - Gunmen attacked a mosque in the western Dasht-e-Barchi area of Afghanistan on Friday.",
     "Dasht-e-Barchi", False),
    # the counter-case: a misspelling that keeps its letters' starts is still read in its country
    ("KABUL - Gunmen attacked a police post in the Dasht-e-Arche area of Afghanistan on Friday.", "Dasht-e-Arche",
     True),
])
def test_a_misspelling_keeps_its_words_initials(gazetteer: Gazetteer, text: str, name: str, placed: bool):
    found = {n: c for n, c, _a in _found(gazetteer, text)}
    assert name in found
    assert (found[name] == "AF") is placed


@pytest.mark.parametrize(("text", "word"), [
    ("Russian drones hit Kyiv overnight. Drone debris fell on a house near Milan in Italy.", "Drone"),
    ("Drones struck Kyiv overnight. Drone debris fell on a house near Milan in Italy.", "Drone"),
])
def test_a_sentence_start_with_its_plural_is_a_noun(gazetteer: Gazetteer, text: str, word: str):
    names = [n for n, _c, _a in _found(gazetteer, text)]
    assert word not in names
    assert "Milan" in names and "Kyiv" in names


def test_a_sentence_start_without_its_plural_is_still_read(gazetteer: Gazetteer):
    # a place's name begins a sentence without its plural or singular anywhere: still the place
    text = "Police were called to a house in Piedmont, Italy. Dronero police said two men were held."
    assert ("Dronero", "IT", "12") in _found(gazetteer, text)
