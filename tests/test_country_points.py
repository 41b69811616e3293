"""Every country the gazetteer holds is drawn where the country is: never at (0, 0)."""

from __future__ import annotations

import json
import sqlite3

import pytest

from geo.gazetteer.index import COUNTRIES_FILE, index_path
from geo.gazetteer.lookup import Context


def test_no_country_at_zero_zero_and_each_at_one_of_its_own_places(gazetteer):
    countries = json.loads(COUNTRIES_FILE.read_text(encoding="utf-8"))
    with sqlite3.connect(index_path()) as con:
        points = {iso: (lat, lon) for iso, lat, lon in con.execute(
            "SELECT country, latitude, longitude FROM places WHERE kind = 'country'")}
        own = {(iso, lat, lon) for iso, lat, lon in con.execute(
            "SELECT country, latitude, longitude FROM places WHERE kind = 'populated place'")}
    assert len(points) > 240
    for iso, (lat, lon) in points.items():
        assert (lat, lon) != (0.0, 0.0), iso
        assert (iso, lat, lon) in own, f"{iso} is not drawn at one of its own places"
    missing = {c["name"] for c in countries.values() if c["iso"] not in points}
    assert missing <= {"Antarctica", "Bouvet Island", "Heard Island and McDonald Islands",
                       "United States Minor Outlying Islands", "Serbia and Montenegro", "Netherlands Antilles"}


def test_capitals_with_accents_are_found(gazetteer):
    """cities500 writes "Brasília", "Bogotá", "San José", "Reykjavík"; the country file does not."""
    for name, lat, lon in [("Brazil", -15.8, -47.9), ("Colombia", 4.6, -74.1), ("Costa Rica", 9.9, -84.1),
                           ("Iceland", 64.1, -21.9)]:
        place = gazetteer.resolve(name, Context())
        assert place is not None and place.kind == "country", name
        assert abs(place.latitude - lat) < 0.2 and abs(place.longitude - lon) < 0.2, (name, place)


@pytest.mark.parametrize(("name", "iso"), [
    ("U.S.", "US"), ("US", "US"), ("USA", "US"), ("UK", "GB"), ("U.K.", "GB"), ("Britain", "GB"), ("DRC", "CD"),
    ("Burma", "MM"), ("United States", "US"),
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


def test_a_town_the_text_points_at_keeps_its_name(gazetteer):
    """The same "Mexico" in a story about Indiana's towns is the town."""
    indiana = gazetteer.resolve("Mexico", Context(countries=frozenset({"US"}), regions=frozenset({("US", "IN")})))
    assert indiana is not None and indiana.kind == "populated place" and indiana.country == "US", indiana
