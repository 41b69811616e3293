"""Every country the gazetteer holds is drawn where the country is: never at (0, 0)."""

from __future__ import annotations

import json
import sqlite3

import pytest

from geo.gazetteer.index import COUNTRIES_FILE, index_path
from geo.gazetteer.lookup import Context, haversine_km


def _places_span(con: sqlite3.Connection, iso: str) -> tuple[float, float, float, float] | None:
    row = con.execute("SELECT min(latitude), max(latitude), min(longitude), max(longitude) FROM places "
                      "WHERE kind = 'populated place' AND country = ?", (iso,)).fetchone()
    return None if row[0] is None else row


def test_no_country_at_zero_zero_and_each_inside_the_span_of_its_places(gazetteer):
    """A country is drawn at its centre (README, "Where areas are drawn"): inside the span of its
    own places (with five degrees to spare for a small island state or archipelago), never at (0, 0)."""
    countries = json.loads(COUNTRIES_FILE.read_text(encoding="utf-8"))
    with sqlite3.connect(index_path()) as con:
        points = {iso: (lat, lon) for iso, lat, lon in con.execute(
            "SELECT country, latitude, longitude FROM places WHERE kind = 'country'")}
        spans = {iso: _places_span(con, iso) for iso in points}
    assert len(points) > 240
    for iso, (lat, lon) in points.items():
        assert (lat, lon) != (0.0, 0.0), iso
        span = spans[iso]
        if span is None or span[3] - span[2] > 180:  # no place, or astride the antimeridian (Fiji, Kiribati)
            continue
        assert span[0] - 5 <= lat <= span[1] + 5 and span[2] - 5 <= lon <= span[3] + 5, (iso, lat, lon, span)
    missing = {c["name"] for c in countries.values() if c["iso"] not in points}
    assert missing <= {"Bouvet Island", "Heard Island and McDonald Islands",
                       "United States Minor Outlying Islands", "Serbia and Montenegro", "Netherlands Antilles"}


@pytest.mark.parametrize(("name", "centre", "capital"), [
    # the geographic centre of the contiguous United States (near Lebanon, Kansas), not Washington
    ("United States", (39.83, -98.58), (38.90, -77.04)),
    ("Russia", (60.0, 100.0), (55.75, 37.62)),
    ("Brazil", (-10.0, -53.0), (-15.8, -47.9)),
    ("Australia", (-25.0, 134.0), (-35.28, 149.13)),
])
def test_a_country_is_drawn_at_its_centre_not_its_capital(gazetteer, name, centre, capital):
    place = gazetteer.resolve(name, Context())
    assert place is not None and place.kind == "country", name
    assert haversine_km(place.latitude, place.longitude, *centre) < 200, place
    assert haversine_km(place.latitude, place.longitude, *capital) > 500, place


@pytest.mark.parametrize(("name", "iso"), [
    ("U.S.", "US"), ("US", "US"), ("USA", "US"), ("UK", "GB"), ("U.K.", "GB"), ("Britain", "GB"), ("DRC", "CD"),
    ("Burma", "MM"), ("United States", "US"),
    # "Congo" alone is the DRC in the news (AP, Reuters), not Congo, Paraiba (Brazil): issue 13, session 11
    ("Congo", "CD"), ("Congo-Brazzaville", "CG"),
    # "Korea" alone is South Korea, as "Korean" is, not Koréa, Côte d'Ivoire: issue 13, round 7
    ("Korea", "KR"), ("North Korea", "KP"),
])
def test_news_names_of_countries_beat_towns_called_the_same(gazetteer, name, iso):
    """A town called Us (France) or Uk (Russia) took "US" and "UK" before geo/data/country_names.csv."""
    place = gazetteer.resolve(name, Context())
    assert place is not None and place.kind == "country" and place.country == iso, place


@pytest.mark.parametrize(("name", "countries", "expected"), [
    ("Mexico", {"US"}, ("MX", "country")),        # not Mexico, Indiana
    ("Virginia", {"US"}, ("US", "region")),       # not Virginia, South Africa
    ("California", {"US"}, ("US", "region")),     # not California, Maryland
    ("Kyiv", {"UA"}, ("UA", "populated place")),  # a city of its own keeps its name
    ("Kharkiv", {"UA"}, ("UA", "populated place")),
])
def test_an_area_outranks_a_small_namesake_town_elsewhere(gazetteer, name, countries, expected):
    place = gazetteer.resolve(name, Context(countries=frozenset(countries)))
    assert place is not None and (place.country, place.kind) == expected, place


def test_a_town_written_with_its_region_keeps_its_name(gazetteer):
    """"Mexico, Ind." is the town; a story that only names Indiana somewhere still means the country."""
    pinned = Context(countries=frozenset({"US"}), regions=frozenset({("US", "IN")}), pinned=True)
    indiana = gazetteer.resolve("Mexico", pinned)
    assert indiana is not None and indiana.kind == "populated place" and indiana.country == "US", indiana
    loose = gazetteer.resolve("Mexico", Context(countries=frozenset({"US"}), regions=frozenset({("US", "IN")})))
    assert loose is not None and loose.kind == "country", loose


def test_a_town_written_with_its_state_in_text(gazetteer):
    text = "A fire destroyed a barn near Mexico, Ind., on Sunday, the sheriff said."
    from geo.extract.mentions import find_places

    found = [m.place for m in find_places(text, gazetteer) if m.text == "Mexico"]
    assert found and found[0] is not None and found[0].kind == "populated place" and found[0].admin1_code == "IN"


@pytest.mark.parametrize(("name", "country", "south_of_point"), [
    # a region with a Natural Earth polygon is drawn at its centroid, not at the middle of its places,
    # which fill only the settled south (README, "Where areas are drawn")
    ("Ontario", "CA", 48.0),
    ("British Columbia", "CA", 53.0),
    ("Manitoba", "CA", 54.0),
    ("Alaska", "US", 63.0),
])
def test_a_region_with_a_polygon_is_at_its_centroid(gazetteer, name: str, country: str, south_of_point: float):
    place = gazetteer.resolve(name, Context(frozenset({country})))
    assert place is not None and place.kind == "region" and place.country == country
    assert place.latitude > south_of_point, (name, place.latitude)


def test_regions_elsewhere_stay_at_the_middle_of_their_places(gazetteer):
    # no polygon at hand: the middle of the span of its places, inside that span
    place = gazetteer.resolve("Donetsk Oblast")
    assert place is not None and place.kind == "region"
    with sqlite3.connect(index_path(gazetteer.data_dir)) as con:
        lat_min, lat_max, lon_min, lon_max = con.execute(
            "SELECT min(latitude), max(latitude), min(longitude), max(longitude) FROM places "
            "WHERE kind = 'populated place' AND country = 'UA' AND admin1_code = ?", (place.admin1_code,)).fetchone()
    assert lat_min <= place.latitude <= lat_max and lon_min <= place.longitude <= lon_max
