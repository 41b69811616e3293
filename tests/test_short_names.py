"""Short names the news gives places: cities' initials (geo/data/city_names.csv), countries' short
forms (country_names.csv) and provinces' abbreviations (abbreviations.csv); issue 13."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from geo.errors import GazetteerError
from geo.extract.mentions import find_places
from geo.gazetteer.index import build_index
from geo.gazetteer.lookup import Gazetteer
from geo.paths import DATA_DIR


@pytest.mark.parametrize(("name", "expected"), [
    ("L.A.", ("Los Angeles", "US")),
    ("NYC", ("New York City", "US")),
    ("T&T", ("Trinidad and Tobago", "TT")),
    ("N.L.", ("Newfoundland and Labrador", "CA")),
    ("Loudon Co.", ("Loudon County", "US")),  # the news' abbreviation of "County"
])
def test_short_names_resolve(gazetteer: Gazetteer, name: str, expected: tuple[str, str]):
    place = gazetteer.resolve(name)
    assert place is not None and (place.name, place.country) == expected


def test_a_citys_initials_are_found_in_prose(gazetteer: Gazetteer):
    found = {m.text: m.place.name for m in find_places("Police in L.A. said he later moved to NYC.", gazetteer)
             if m.place is not None}
    assert found == {"L.A.": "Los Angeles", "NYC": "New York City"}


def test_a_small_towns_letters_are_no_short_name(gazetteer: Gazetteer):
    # "LA" alone is only letters (Louisiana's postal code, a transliteration of Łódź): not found in prose
    assert not [m for m in find_places("The LA team won on Sunday in Ohio.", gazetteer) if m.text == "LA"]


def test_a_city_name_of_no_place_names_its_line(tmp_path: Path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    (data / "city_names.csv").write_text("geonameid,name\n999999999,Nowhere City\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match="line 2"):
        build_index(tmp_path / "index.sqlite", data)
