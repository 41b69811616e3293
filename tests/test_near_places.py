"""A place the text gives only as a reference point ("off the coast of X", "40 nautical miles west of
X") is coded near it (ACLED geo-precision 2); "in X" is the place itself (1)."""

from datetime import date

import pytest

from geo.extract.pipeline import extract_incidents
from geo.gazetteer.lookup import Gazetteer
from geo.intake.articles import article_from_text


@pytest.mark.parametrize(("where", "precision"), [
    ("in the port city of Hodeidah", 1),
    ("near Hodeidah", 2),
    ("on the outskirts of Hodeidah", 2),
    ("off the coast of Hodeidah", 2),
    ("about 60 nautical miles off the coast of Hodeidah", 2),
    ("some 40 nautical miles west of Hodeidah", 2),
    ("25 nautical miles southwest of Hodeidah", 2),
    ("12 nautical miles off Hodeidah", 2),
    ("in the Red Sea off Hodeidah", 2),
    # the settlement's noun, and its adjectives, between the near word and the name
    ("near the town of Hodeidah", 2),
    ("near the western port city of Hodeidah", 2),
    ("on the outskirts of the city of Hodeidah", 2),
    ("77 nautical miles west of the Yemeni port of Hodeidah", 2),
])
def test_a_reference_point_is_coded_near(gazetteer: Gazetteer, where: str, precision: int):
    text = f"A merchant ship was hit by a drone boat {where} on Tuesday, the maritime agency said."
    found = extract_incidents(article_from_text(text, published=date(2024, 10, 1)), gazetteer)
    assert [(i.place_as_written, i.geo_precision) for i in found] == [("Hodeidah", precision)]


@pytest.mark.parametrize("text", [
    "The Houthis claimed a missile attack on a tanker off Hodeidah on Tuesday.",
    "A drone hit a merchant vessel off Hodeidah on Tuesday, the maritime agency said.",
])
def test_a_ship_off_a_port_is_near_it(gazetteer: Gazetteer, text: str):
    found = extract_incidents(article_from_text(text, published=date(2024, 10, 1)), gazetteer)
    assert [(i.place_as_written, i.geo_precision) for i in found] == [("Hodeidah", 2)]


def test_a_road_between_two_towns_is_near_the_first(gazetteer: Gazetteer):
    text = "An Israeli drone struck a car on the road between Tyre and Naqoura on Wednesday, killing two."
    found = extract_incidents(article_from_text(text, published=date(2024, 10, 3)), gazetteer)
    assert [(i.place_as_written, i.geo_precision) for i in found] == [("Tyre", 2)]


@pytest.mark.parametrize(("text", "expected"), [
    # a town of the region named after it with "near" says more precisely where
    ("Ukraine's forces struck a Russian air defence system in occupied Crimea near Dzhankoi on Monday, the navy "
     "said.", [("Dzhankoi", 2, "Explosions/Remote violence")]),
    # a town of another region is only a reference point for the region
    ("Drones hit the Kharkiv region near Belgorod on Monday, the governor said.",
     [("Kharkiv region", 3, "Explosions/Remote violence")]),
])
def test_a_region_near_a_town_of_its_own_is_near_the_town(gazetteer: Gazetteer, text: str, expected):
    found = extract_incidents(article_from_text(text, published=date(2024, 6, 10)), gazetteer)
    assert [(i.place_as_written, i.geo_precision, i.event_type) for i in found] == expected
