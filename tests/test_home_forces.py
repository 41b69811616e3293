"""Words for a state's forces that do not say which state ("the army", "government forces") are the
forces of the country the story's places lie in, when actors.csv has them; a story of no one
country, or a state named with them, keeps what it had."""

from __future__ import annotations

from datetime import date

import pytest

from geo.extract.pipeline import extract_incidents
from geo.gazetteer.lookup import Gazetteer
from geo.intake.articles import article_from_text


def _actors(gazetteer: Gazetteer, text: str) -> list[tuple[str, ...]]:
    article = article_from_text(text, published=date(2024, 3, 10), outlet="Wire")
    return [i.actors for i in extract_incidents(article, gazetteer)]


@pytest.mark.parametrize(("text", "expected"), [
    ("The army said on Saturday it had repelled an RSF attack on the town of Bara in Sudan's North Kordofan state.",
     [("Military Forces of Sudan", "Rapid Support Forces")]),
    # ... and of what its aircraft did
    ("In Sudan's North Kordofan state, the army said its aircraft had struck RSF gatherings near the town of Bara "
     "on Friday.", [("Military Forces of Sudan", "Rapid Support Forces")]),
    ("M23 rebels seized the town of Nyanzale in Congo's North Kivu province on Saturday after fighting with "
     "government forces, residents said.", [("M23: March 23 Movement", "Military Forces of Democratic Republic of Congo")]),
])
def test_the_army_of_the_storys_country(gazetteer: Gazetteer, text: str, expected: list[tuple[str, ...]]):
    assert _actors(gazetteer, text) == expected


def test_the_army_as_a_source_only_is_no_actor(gazetteer: Gazetteer):
    # "the military said" gives the report's source; the attackers stay unnamed
    text = "Militants attacked a checkpoint in Bannu, Pakistan, on Saturday, killing five soldiers, the military said."
    assert _actors(gazetteer, text) == [("Unidentified Armed Group",)]


def test_a_state_named_with_its_army_is_that_state(gazetteer: Gazetteer):
    # the story lies in Ukraine's Kharkiv region; "Russia's army" is Russia's, not Ukraine's
    text = "Russia's army said on Saturday it had captured the village of Zorkovo in Ukraine's Kharkiv region."
    assert _actors(gazetteer, text) == [("Military Forces of Russia",)]


def test_no_country_no_army(gazetteer: Gazetteer):
    # places in two countries, as many: "the army" stays unnamed
    text = ("The army said on Saturday it had repelled an attack on Kupiansk in Ukraine, while rebels "
            "attacked Bara in Sudan.")
    assert all("Military Forces of Sudan" not in a and "Military Forces of Ukraine" not in a
               for a in _actors(gazetteer, text))


@pytest.mark.parametrize(("text", "expected"), [
    # a country that attacks is its forces
    ("Russia launched missiles at Kharkiv overnight, killing two people, officials said.",
     [("Military Forces of Russia",)]),
    ("Israel struck a house in Rafah on Monday, killing five people.", [("Military Forces of Israel",)]),
    # a country that speaks or is spoken of does not act
    ("Ukraine said a missile hit Kharkiv overnight, killing two people.", [()]),
])
def test_a_country_that_attacks_is_its_forces(gazetteer: Gazetteer, text: str, expected: list[tuple[str, ...]]):
    assert _actors(gazetteer, text) == expected


def test_a_compound_with_the_army_in_it_names_no_army(gazetteer: Gazetteer):
    text = "A drone attack on the airport of Port Sudan, which hosts the army-backed government, started a fire on Sunday."
    assert _actors(gazetteer, text) == [()]


def test_a_country_an_attack_came_from_is_no_actor(gazetteer: Gazetteer):
    text = "A rocket fired from Lebanon struck a house in Kiryat Shmona on Saturday, Israeli police said."
    assert _actors(gazetteer, text) == [()]
