"""Namesakes decided by the text's other names, never by the name's own first reading (issue 13).

Made-up sentences; each rule shown with the case that must go the other way beside it."""

from __future__ import annotations

import pytest

from geo.extract.mentions import find_places, places_and_context
from geo.gazetteer.lookup import Context, Gazetteer
from tests.conftest import namesakes_in_one_country


def _found(gazetteer: Gazetteer, text: str) -> list[tuple[str, str, str]]:
    return [(m.text, m.place.country, m.place.admin1_code) if m.place else (m.text, "", "")
            for m in find_places(text, gazetteer, all_toponyms=True)]


@pytest.mark.parametrize(("text", "expected"), [
    # a local paper's town, named bare, among the towns around it: not the capital of Ireland
    ("Dublin police said the driver was taken to a hospital in Columbus. Officers from Worthington and "
     "Hilliard helped at the scene.", ("Dublin", "US", "OH")),
    # ... and the capital when the text is about Ireland
    ("Dublin and Cork were quiet on Sunday, Irish police said.", ("Dublin", "IE", "L")),
])
def test_a_name_is_no_context_for_itself(gazetteer: Gazetteer, text: str, expected: tuple[str, str, str]):
    assert expected in _found(gazetteer, text)


def test_what_one_name_gives_the_context_is_taken_out_for_that_name(gazetteer: Gazetteer):
    _mentions, context = places_and_context("Dublin police thanked Cork officers.", gazetteer)
    assert "IE" in context.countries
    assert "IE" in context.without("cork").countries  # Dublin still names Ireland
    alone = places_and_context("Dublin police said nothing.", gazetteer)[1]
    assert "IE" in alone.countries and "IE" not in alone.without("dublin").countries


@pytest.mark.parametrize(("name", "context", "kind", "country"), [
    # a town known by a state's name only as an alternate name never outranks the state
    ("Idaho", Context(frozenset({"US"}), frozenset({("US", "CO")})), "region", "US"),
    ("Minnesota", Context(frozenset({"US"}), frozenset({("US", "MN")})), "region", "US"),
    ("New Mexico", Context(frozenset({"US"}), frozenset({("US", "GA")})), "region", "US"),
    # a state named in a story that names another state is the state, not a town of the other one
    ("California", Context(frozenset({"US"}), frozenset({("US", "MO")})), "region", "US"),
])
def test_areas_outrank_towns_only_the_text_could_point_at(gazetteer: Gazetteer, name: str, context: Context,
                                                          kind: str, country: str):
    place = gazetteer.resolve(name, context)
    assert place is not None and (place.kind, place.country) == (kind, country)


def test_a_town_written_with_its_state_still_beats_the_state(gazetteer: Gazetteer):
    pinned = Context(frozenset({"US"}), frozenset({("US", "MO")}), pinned=True)
    place = gazetteer.resolve("California", pinned)
    assert place is not None and (place.kind, place.admin1_code) == ("populated place", "MO")


def test_places_near_a_town_beat_a_country_only_the_name_itself_names(gazetteer: Gazetteer):
    # the country named again by its demonym: Ohio towns around do not make it Russia, Ohio
    text = "Russian painters who moved to America are shown in Russia and in Dayton. Sidney and Troy lent works."
    assert ("Russia", "RU", "") in _found(gazetteer, text)
    # nothing else names the country: a place near the town decides (Zionsville, Indiana)
    near = Context(frozenset({"US", "LB"}), frozenset({("US", "IN")}), ((39.951, -86.262),),
                   own=(("lebanon", frozenset({"LB"}), frozenset(), frozenset()),))
    place = gazetteer.resolve("Lebanon", near)
    assert place is not None and (place.country, place.admin1_code) == ("US", "IN")
    # ... unless another name (a demonym) names the country too
    named = Context(frozenset({"US", "LB"}), frozenset({("US", "IN")}), ((39.951, -86.262),))
    place = gazetteer.resolve("Lebanon", named)
    assert place is not None and place.kind == "country"


def test_a_large_city_gives_no_region_to_the_context(gazetteer: Gazetteer):
    # New York City puts no New York State village called Boston before Boston, Massachusetts
    assert ("Boston", "US", "MA") in _found(gazetteer, "The prince visited New York and Boston this week.")
    # a state named as such does
    assert ("Boston", "US", "NY") in _found(gazetteer, "A barn burned in Boston, in Erie County, New York State.")


@pytest.mark.parametrize(("text", "expected"), [
    # Shreveport (190,000 people) lies 60 km from Mansfield, Louisiana: not the larger Mansfield of Texas
    ("Mansfield police and Shreveport officers searched the area on Sunday.", ("Mansfield", "US", "LA")),
    # with nothing near it, the most populous Mansfield in the country named
    ("Mansfield police searched the area on Sunday, US officials said.", ("Mansfield", "US", "TX")),
])
def test_a_city_named_beside_a_small_town_places_it(gazetteer: Gazetteer, text: str, expected: tuple[str, str, str]):
    assert expected in _found(gazetteer, text)


def test_a_places_own_name_beats_an_old_name_of_a_larger_place(gazetteer: Gazetteer):
    place = gazetteer.resolve("Twickenham", Context(frozenset({"GB"})))
    assert place is not None and place.country == "GB"


@pytest.mark.parametrize(("text", "state"), [
    # written once with its state, the town is that town wherever else the text writes it bare
    ("Springfield officials met on Monday. The meeting in Springfield, Ohio, was short.", "OH"),
    ("Springfield officials met on Monday. The meeting in Springfield, Mass., was short.", "MA"),
])
def test_a_name_written_with_its_region_is_that_place_throughout(gazetteer: Gazetteer, text: str, state: str):
    found = [m for m in find_places(text, gazetteer) if m.text == "Springfield"]
    assert len(found) == 2 and all(m.place is not None and m.place.admin1_code == state for m in found)
    # ... and a gazetteer asked for the name in that text's context answers the same
    context = places_and_context(text, gazetteer)[1]
    place = gazetteer.resolve("Springfield", context)
    assert place is not None and place.admin1_code == state


def test_a_name_written_with_two_regions_is_settled_by_neither(gazetteer: Gazetteer):
    text = "Springfield, Ill., and Springfield, Mass., both voted. Springfield turnout was high."
    context = places_and_context(text, gazetteer)[1]
    assert "springfield" not in dict(context.settled)


def test_a_town_known_by_a_states_name_only_as_an_old_name_never_beats_the_state(gazetteer: Gazetteer):
    # Minneota, Minnesota was once "Minnesota": even with the text's places near it, the name is the state's
    near_minneota = Context(frozenset({"US"}), frozenset({("US", "MN")}), ((44.66, -95.99),))
    place = gazetteer.resolve("Minnesota", near_minneota)
    assert place is not None and place.kind == "region"


@pytest.mark.parametrize(("countries", "country"), [
    # a city in a text that names other countries, not the province's: the city
    (frozenset({"IL", "EG"}), "PS"),
    # ... the province when the text names its country
    (frozenset({"MZ", "ZA"}), "MZ"),
])
def test_a_city_against_a_region_of_a_country_the_text_does_not_name(gazetteer: Gazetteer,
                                                                      countries: frozenset[str], country: str):
    place = gazetteer.resolve("Gaza", Context(countries))
    assert place is not None and place.country == country


def test_a_place_inside_an_institutions_name_is_read_in_the_texts_context(gazetteer: Gazetteer):
    # "Maryland State" alone ties the US state with Liberia's Maryland; the text names Maryland towns
    text = ("SEVERN, Md. (ABC7) - A 55-year-old Severn, Md. man was arrested after police say things were found. "
            "Maryland State Police say inside the locker were devices.")
    found = [m for m in find_places(text, gazetteer, all_toponyms=True) if m.text.startswith("Maryland")]
    assert found and all(m.place is not None and m.place.country == "US" for m in found)


def test_neighbours_do_not_choose_a_town_known_by_the_name_only_as_an_old_name(gazetteer: Gazetteer):
    # Toms River, New Jersey was once "Goose Creek": New Jersey towns around do not make the South
    # Carolina city (called so) into it
    text = "Goose Creek police said the man was taken to a hospital in Lakewood. Officers from Brick and Jackson helped."
    found = {m.text: m.place for m in find_places(text, gazetteer)}
    assert found["Goose Creek"] is not None and found["Goose Creek"].name == "Goose Creek"


@pytest.mark.parametrize(("text", "expected"), [
    # a town beginning an institution's name ("the Concord Public Library") places the text's other towns
    ("Students from Hopkinton met at the Concord Public Library.", ("Hopkinton", "US", "NH")),
    # ... and a county beginning one ("the Alachua County Sheriff's Office") too
    ("The Newberry home of a retired teacher was robbed, the Alachua County Sheriff's Office said.",
     ("Newberry", "US", "FL")),
])
def test_a_place_beginning_an_institutions_name_places_the_others(gazetteer: Gazetteer, text: str,
                                                                    expected: tuple[str, str, str]):
    assert expected in _found(gazetteer, text)


@pytest.mark.parametrize("text", [
    # a person named like the town is no institution: it places nothing
    "Students from Hopkinton met Jim Concord and the library staff.",
])
def test_a_person_named_like_a_town_places_nothing(gazetteer: Gazetteer, text: str):
    assert ("Hopkinton", "US", "NH") not in _found(gazetteer, text)
    assert ("US", "NH") not in places_and_context(text, gazetteer)[1].regions


@pytest.mark.parametrize(("text", "street"), [
    ("Students from Hopkinton met on Concord Street.", "Concord"),
    ("Students from Hopkinton met at 12 Concord St. on Monday.", "Concord"),
])
def test_a_street_named_after_a_town_is_no_place_but_places_its_neighbours(gazetteer: Gazetteer, text: str,
                                                                          street: str):
    # roads are often named after the town they lead to: the street takes part in the joint choices as
    # an institution's town does, and is not itself one of the text's places
    found = _found(gazetteer, text)
    assert ("Hopkinton", "US", "NH") in found
    assert not any(name == street for name, *_ in found)


def test_a_text_that_names_no_country_weighs_namesakes_in_every_country(gazetteer: Gazetteer):
    # Athens, Greece ranks first, but Athens, Texas lies in Henderson County, Texas: with no country
    # named, the namesakes of every country are compared, and the county is placed in Texas
    text = "The Athens Police Department asked for help on Tuesday. Tips go to Henderson County Crimestoppers."
    assert ("US", "TX") in places_and_context(text, gazetteer)[1].regions


@pytest.mark.parametrize("text", [
    "Madison County officials met in Richmond on Monday.",
    "Richmond police and Madison County deputies searched the area on Monday.",
])
def test_a_county_is_placed_by_one_neighbour_as_a_town_is(gazetteer: Gazetteer, text: str):
    # Madison County, Alabama is the most populous of its name, but a county's population is that of
    # all its towns: one name beside it (Richmond, Kentucky, its seat) places it, as it would a town
    found = _found(gazetteer, text)
    assert ("Madison County", "US", "KY") in found and ("Richmond", "US", "KY") in found


@pytest.mark.parametrize(("text", "state"), [
    # Orange County, California (three million people) is a metropolis's county: like a large city, it
    # gives way to a namesake only when two other names place it there, not one
    ("Orange County officials met in Winter Park on Monday.", "CA"),
    ("Orange County officials met in Winter Park and Apopka on Monday.", "FL"),
])
def test_a_metropolitan_county_gives_way_only_to_two_names(gazetteer: Gazetteer, text: str, state: str):
    assert ("Orange County", "US", state) in _found(gazetteer, text)


def test_the_towns_of_a_name_read_first_as_a_country_place_the_texts_other_names(gazetteer: Gazetteer):
    # "Lebanon" alone is the country, but Boone County, Indiana holds a Lebanon: the county is
    # Indiana's, and the town beside it then Lebanon, Indiana
    text = "A man from Lebanon was arrested in Boone County on Thursday, the sheriff said."
    found = _found(gazetteer, text)
    assert ("Boone County", "US", "IN") in found and ("Lebanon", "US", "IN") in found


def test_a_country_named_among_countries_stays_the_country(gazetteer: Gazetteer):
    # its namesake towns support nothing here: Syria has no Lebanon beside it
    text = "Officials from Lebanon and Syria met in Damascus on Thursday."
    assert ("Lebanon", "LB", "") in _found(gazetteer, text)



@pytest.mark.parametrize(("text", "name", "state"), [
    # a large city's small namesake that lies in a county the text names is that namesake: a county
    # written as such is no chance neighbour (both names begin institutions' names here, so only the
    # joint choices place them)
    ("The Huntsville City Council asked for help with the road plan. At a recent Walker County "
     "Commissioners Court meeting, the court agreed to pay for half.", "Huntsville", "TX"),
    ("The Athens City Council heard the report on Monday. The Clarke County Sheriff's Office will patrol "
     "the fair.", "Athens", "GA"),
    # ... and the large city stays when the county named is its own
    ("The Huntsville City Council asked for help with the road plan. At a recent Madison County "
     "Commission meeting, the commission agreed to pay for half.", "Huntsville", "AL"),
])
def test_a_county_the_text_names_places_a_large_citys_namesake_in_it(gazetteer: Gazetteer, text: str, name: str,
                                                                     state: str):
    _mentions, context = places_and_context(text, gazetteer, all_toponyms=True)
    place = gazetteer.resolve(name, context, allow_common=True)
    assert place is not None and (place.country, place.admin1_code) == ("US", state)


@pytest.mark.parametrize(("written", "state"), [
    ("DeSoto Parish", "LA"),  # De Soto Parish, written joined
    ("De Kalb County", "GA"),  # DeKalb County, written apart
    ("La Porte County", "IN"),
])
def test_a_county_named_with_a_particle_is_found_joined_or_apart(gazetteer: Gazetteer, written: str, state: str):
    found = gazetteer.candidates(written, Context(frozenset({"US"})), allow_common=True)
    assert found and found[0].kind == "county" and found[0].admin1_code == state


@pytest.mark.parametrize(("name", "context", "country"), [
    # naming the United States is no reason to read a world city's name as a village's
    ("London", Context(frozenset({"US"}), frozenset({("US", "DC")})), "GB"),
    ("Rome", Context(frozenset({"US", "GB"})), "IT"),
    # ... but a text that names the town's region points at it
    ("London", Context(frozenset({"US"}), frozenset({("US", "KY")})), "US"),
    ("Paris", Context(frozenset({"US"}), frozenset({("US", "TX")})), "US"),
])
def test_a_metropolis_outranks_a_namesake_only_its_country_supports(gazetteer: Gazetteer, name: str,
                                                                     context: Context, country: str):
    place = gazetteer.resolve(name, context)
    assert place is not None and place.country == country


def test_a_metropolis_abroad_leaves_its_namesakes_to_the_texts_other_names(gazetteer: Gazetteer):
    # Paris, France ranks first (nothing names Tennessee), but Henry County places Paris, Tennessee
    text = ("All residents of Paris and Henry County will receive a letter from the rescue squad, "
            "a U.S. volunteer group.")
    found = _found(gazetteer, text)
    assert ("Paris", "US", "TN") in found and ("Henry County", "US", "TN") in found


def test_a_name_written_with_its_region_places_others_only_from_there(gazetteer: Gazetteer):
    # Helena, Alabama lies beside Shelby, Alabama; but the dateline puts Helena in Montana
    text = "HELENA, Mont. (AP) — The state moved 40 inmates to a prison in Shelby on Friday, officials said."
    assert ("Shelby", "US", "MT") in _found(gazetteer, text)


@pytest.mark.parametrize(("text", "expected"), [
    # a demonym before the settlement noun says whose town it is, there and wherever the text repeats it
    ("US officials said the attack in the English city of Salisbury was planned. Police in Salisbury "
     "found traces.", ("Salisbury", "GB")),
    ("Troops entered the Georgian town of Gori, officials in Washington said.", ("Gori", "GE")),
])
def test_a_demonym_before_the_settlement_noun_places_the_town(gazetteer: Gazetteer, text: str,
                                                               expected: tuple[str, str]):
    found = [f[:2] for f in _found(gazetteer, text) if f[0] == expected[0]]
    assert found and all(f == expected for f in found)


def _namesakes_in_one_country(gazetteer: Gazetteer, country: str, n: int = 12) -> list[tuple[str, str]]:
    """n village names the gazetteer knows in two or three places, all of them in country, picked across
    the index's list, each with the first-level region of one of them."""
    found = []
    for name, held in namesakes_in_one_country(gazetteer, country, 200):
        if name.isalpha() and len(name) >= 6 and " " not in held[0]:
            place = gazetteer.resolve(name)
            if place is not None and place.country == country:
                found.append((name, held[0]))
    assert len(found) >= n, f"too few namesakes found in {country}"
    return found[:: max(1, len(found) // n)][:n]


def test_a_namesake_in_another_country_than_the_region_written_beside_it_is_not_the_place(gazetteer: Gazetteer):
    """"the village of X in the R region": when the gazetteer knows X only in another country than R's,
    it does not know the village the text means (the preview draws it at R, where the user pins it);
    a namesake in R's own country is read as before. Names picked across the index's list."""
    for name, region in _namesakes_in_one_country(gazetteer, "UA"):
        elsewhere = _found(gazetteer, f"Shelling hit the village of {name} in the Belgorod region on Monday.")
        assert (name, "", "") in elsewhere and any(c == "RU" for t, c, _ in elsewhere if t != name), elsewhere
        own = _found(gazetteer, f"Shelling hit the village of {name} in the {region} region on Monday.")
        assert any(t == name and c == "UA" for t, c, _ in own), own
