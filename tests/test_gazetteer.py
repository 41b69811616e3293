"""The offline gazetteer: every seed place, spelling variants, ambiguity and non-places."""

from __future__ import annotations

import pytest

from geo.extract.mentions import context_from_text, find_places
from geo.gazetteer.lookup import Context, Gazetteer, haversine_km
from geo.gazetteer.names import name_key, skeleton_key

BELGOROD_TEXT = "Fighters crossed into Russia's Belgorod region from Ukraine."

# The GeoNames point (lat, lon) of each place meant, and the names that must resolve to it: a name,
# or (name, context text) when only the text around it tells which place it is.
NAMES_BY_POINT: dict[tuple[float, float], list[str | tuple[str, str]]] = {
    (50.60343, 36.58091): ["Belgorod"],
    (50.41342, 36.92537): ["Shebekino", ("Shebikino", BELGOROD_TEXT)],
    (50.47893, 35.68087): ["Grayvoron", "Graivoron"],
    (50.4613, 35.6026): ["Kozinka", ("Kozina", BELGOROD_TEXT)],
    (50.72278, 35.505): ["Terebreno"],
    (48.14019, 37.75008): ["Avdiivka", "Avdiyivka", "Avdeyevka"],
    (48.59419, 37.99886): ["Bakhmut"],
    (48.46664, 35.04066): ["Dnipro"],
    (55.75204, 37.61781): ["Moscow"],
    (50.45466, 30.5238): ["Kyiv"],
    (51.28128, 34.29382): ["Tyotkino", "Tetkino"],
}
# name, context text, expected point
SEED_PLACES = [
    (name, "", point) if isinstance(name, str) else (*name, point)
    for point, names in NAMES_BY_POINT.items() for name in names
]


@pytest.mark.parametrize(("name", "context", "point"), SEED_PLACES)
def test_seed_places_resolve_within_5_km(gazetteer: Gazetteer, name: str, context: str, point: tuple[float, float]):
    ctx = context_from_text(context, gazetteer) if context else Context()
    place = gazetteer.resolve(name, ctx)
    assert place is not None, name
    assert haversine_km(place.latitude, place.longitude, *point) < 5, (name, place)


# A region is drawn at its centre (README, "Where areas are drawn"), not at its capital: its name, the
# region meant, and its capital's GeoNames point.
REGIONS = [
    ("Belgorod region", "09", (50.60343, 36.58091)),
    ("Belgorod Oblast", "09", (50.60343, 36.58091)),
    ("the Kursk region", "41", (51.73733, 36.18735)),
    ("Donetsk Oblast", "05", (48.023, 37.80224)),
]


@pytest.mark.parametrize(("name", "admin1_code", "capital"), REGIONS)
def test_regions_resolve_to_their_centre(gazetteer: Gazetteer, name: str, admin1_code: str,
                                         capital: tuple[float, float]):
    place = gazetteer.resolve(name)
    assert place is not None and place.kind == "region" and place.admin1_code == admin1_code, (name, place)
    assert (place.latitude, place.longitude) != capital
    assert haversine_km(place.latitude, place.longitude, *capital) < 200, (name, place)


@pytest.mark.parametrize("word", ["Putin", "Sunday", "Legion", "Telegram", "Reuters", "Wagner", "Hill", "May"])
def test_words_that_are_not_places(gazetteer: Gazetteer, word: str):
    assert gazetteer.resolve(word) is None


def test_common_word_is_a_place_when_the_text_says_so(gazetteer: Gazetteer):
    assert gazetteer.resolve("Hill", allow_common=True) is not None


def test_misspelling_needs_support_from_context(gazetteer: Gazetteer):
    # Without a context, "Kozina" is the Slovenian village of that exact name, never a guess.
    place = gazetteer.resolve("Kozina")
    assert place is not None and place.country == "SI"
    assert gazetteer.resolve("Shebikino") is None


def test_avdiivka_is_the_donetsk_town_not_a_chernihiv_village(gazetteer: Gazetteer):
    names = [p for p in gazetteer.lookup("Avdiivka")]
    assert len({p.admin1 for p in names}) >= 2  # the ambiguity is real
    best = gazetteer.resolve("Avdiivka")
    assert best is not None and best.admin1 == "Donetsk"


def test_region_and_admin1_names(gazetteer: Gazetteer):
    place = gazetteer.resolve("Shebekino")
    assert place is not None and place.country == "RU" and place.admin1 == "Belgorod"
    region = gazetteer.resolve("Belgorod Oblast")
    assert region is not None and region.kind == "region"


@pytest.mark.parametrize(
    ("a", "b"),
    [("Avdiivka", "Avdiyivka"), ("Grayvoron", "Graivoron"), ("Tyotkino", "Tetkino"), ("Zaporizhzhia", "Zaporizhia"),
     ("Khar'kiv", "Kharkiv")],
)
def test_transliteration_variants_share_a_skeleton(a: str, b: str):
    assert skeleton_key(a) == skeleton_key(b)


@pytest.mark.parametrize(("raw", "key"), [("Šebekino", "sebekino"), ("  KYIV ", "kyiv"), ("Rostov-on-Don", "rostov on don")])
def test_name_key(raw: str, key: str):
    assert name_key(raw) == key


def test_cyrillic_names_match(gazetteer: Gazetteer):
    place = gazetteer.resolve("Шебекино")
    assert place is not None and place.name == "Shebekino"


def test_places_csv_rows_carry_their_source(gazetteer: Gazetteer):
    place = gazetteer.resolve("Terebreno")
    assert place is not None and "Wikipedia" in place.source


@pytest.mark.parametrize(("demonym", "country", "admin1"), [
    ("English", "GB", "ENG"), ("Scottish", "GB", "SCT"), ("Texans", "US", "TX"), ("Sicilian", "IT", "15"),
    ("Ohioans", "US", "OH"), ("Ontarians", "CA", "08"), ("South Ossetians", "GE", "73"),
    ("North Ossetian", "RU", "68"), ("Gazans", "PS", "GZ"),
])
def test_a_regions_demonym_names_the_region(gazetteer: Gazetteer, demonym: str, country: str, admin1: str):
    place = gazetteer.resolve(demonym)
    assert place is not None and (place.kind, place.country, place.admin1_code) == ("region", country, admin1)
    # ... and gives the text no context: "English" is a language as often as a place
    assert gazetteer.context_of([place], [demonym]).regions == frozenset()


@pytest.mark.parametrize(("name", "country"), [
    ("Czechs", "CZ"), ("Greeks", "GR"), ("Cypriots", "CY"),  # plurals made from the demonyms
    ("Czech Republic", "CZ"), ("Palestine", "PS"), ("Soviet Union", "RU"),  # names GeoNames' file lacks
])
def test_country_names_and_demonym_plurals(gazetteer: Gazetteer, name: str, country: str):
    place = gazetteer.resolve(name)
    assert place is not None and (place.kind, place.country) == ("country", country)


@pytest.mark.parametrize(("written", "admin1"), [("N.Y.", "NY"), ("N.Y", "NY"), ("W.Va", "WV")])
def test_an_abbreviation_with_inner_full_stops_needs_no_last_one(gazetteer: Gazetteer, written: str, admin1: str):
    place = gazetteer.resolve(written)
    assert place is not None and (place.kind, place.admin1_code) == ("region", admin1)


def test_an_abbreviation_is_never_its_bare_letters(gazetteer: Gazetteer):
    place = gazetteer.resolve("Ill")  # "Ill." is Illinois; "Ill" without any full stop is a word
    assert place is None or place.kind != "region"


US_GA = Context(frozenset({"US"}), frozenset({("US", "GA")}))


@pytest.mark.parametrize(("name", "context", "expected"), [
    # a county named bare, in a text about its state, when no town called so could be meant
    ("Gwinnett", US_GA, ("county", "GA")),
    ("Oconee", US_GA, ("county", "GA")),
    ("Avoyelles", Context(frozenset({"US"}), frozenset({("US", "LA")})), ("county", "LA")),  # a parish
    # ... not in a text that does not name its state
    ("Gwinnett", Context(frozenset({"US"}), frozenset({("US", "TX")})), None),
    # ... and never against a region, a city or a town of a region the text names
    ("Texas", Context(frozenset({"US"}), frozenset({("US", "OK")})), ("region", "TX")),
    ("Charlotte", Context(frozenset({"US"}), frozenset({("US", "FL")})), ("populated place", "NC")),
])
def test_a_county_named_bare(gazetteer: Gazetteer, name: str, context: Context,
                             expected: tuple[str, str] | None):
    place = gazetteer.resolve(name, context, allow_common=True)
    assert (None if place is None else (place.kind, place.admin1_code)) == expected


def test_a_bare_county_name_does_not_make_a_word_a_place(gazetteer: Gazetteer):
    # "Jones" is a town's name and a county's bare name: the county must not make it an area, which
    # would keep "Roy Jones" from being read as a person
    assert all(row[8] != "county" for row, _ in gazetteer.exact("jones"))
    assert any(row[8] == "county" for row, _ in gazetteer.exact("jones", bare_counties=True))


@pytest.mark.parametrize(("name", "county_town"), [
    ("Cambridgeshire", "Cambridge"), ("Lancashire", "Preston"), ("Hampshire", "Winchester"), ("Kent", "Maidstone"),
])
def test_british_counties_at_their_centre(gazetteer: Gazetteer, name: str, county_town: str):
    # geo/data/gb_counties.csv (scripts/build_gb_counties.py): a county of England, in a text about
    # Britain, is the county, drawn near the middle of its towns (within 60 km of its county town)
    britain = Context(frozenset({"GB"}), frozenset({("GB", "ENG")}))
    place = gazetteer.resolve(name, britain)
    town = gazetteer.resolve(county_town, britain)
    assert place is not None and town is not None
    assert (place.kind, place.country, place.admin1_code) == ("county", "GB", "ENG")
    assert haversine_km(place.latitude, place.longitude, town.latitude, town.longitude) < 60


@pytest.mark.parametrize(("text", "name", "country"), [
    # a British county named like American towns is no anchor of an American story
    ("A Norfolk man was hurt in a crash near Wayne on Monday. Officers from Bloomfield and Madison helped.",
     "Norfolk", "US"),
    ("Students from Kent, Sharon and Salisbury met in Falls Village on Monday.", "Kent", "US"),
    # ... nor an anchor that the story's other names are read by: Norfolk is no reason for England
    ("Norfolk police arrested a man on Monday. He was taken to a hospital in Lincoln, deputies said.",
     "Norfolk", "US"),
    # ... and the county in a British one
    ("Police in Kent and Surrey warned of black ice, British forecasters said.", "Kent", "GB"),
])
def test_a_county_named_like_towns_is_read_with_the_text(gazetteer: Gazetteer, text: str, name: str, country: str):
    found = [m for m in find_places(text, gazetteer) if m.text == name]
    assert found and found[0].place is not None and found[0].place.country == country


@pytest.mark.parametrize(("name", "country", "admin1"), [
    # a breakaway region is found at the first-level region that holds it (Tskhinvali is in Shida Kartli)
    ("South Ossetia", "GE", "73"), ("Tskhinvali Region", "GE", "73"),
])
def test_a_region_by_another_name(gazetteer: Gazetteer, name: str, country: str, admin1: str):
    place = gazetteer.resolve(name)
    assert place is not None and (place.kind, place.country, place.admin1_code) == ("region", country, admin1)
