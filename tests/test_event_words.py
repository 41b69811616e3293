"""The event words of geo/data/event_triggers.csv, case by case: which words report an incident,
and of which kind, in a story about armed men."""

from __future__ import annotations

from datetime import date

import pytest

from geo.extract.pipeline import extract_incidents
from geo.gazetteer.lookup import Gazetteer
from geo.intake.articles import article_from_text


def _found(gazetteer: Gazetteer, text: str) -> list[tuple[str, str]]:
    article = article_from_text(text, published=date(2025, 7, 21), outlet="Wire")
    return sorted((i.place_as_written, i.event_type) for i in extract_incidents(article, gazetteer))


@pytest.mark.parametrize(("text", "expected"), [
    # a warning of an air raid is no incident
    ("Houthi rebels fired a missile at Israel on Sunday. Air raid sirens sounded in Haifa.", []),
    ("Russian drones flew over Ukraine on Sunday. An air-raid alert was declared in Odesa.", []),
    # an air raid is an air strike
    ("An air raid on Haifa on Sunday killed two people, Houthi rebels said.", [("Haifa", "Explosions/Remote violence")]),
    # rebels' raid on a town is fighting
    ("Rebels raided Kupiansk on Sunday.", [("Kupiansk", "Battles")]),
])
def test_air_raids_and_their_warnings(gazetteer: Gazetteer, text: str, expected: list[tuple[str, str]]):
    assert _found(gazetteer, text) == expected


@pytest.mark.parametrize("weapon", ["an unknown projectile", "a missile", "a drone"])
def test_a_ship_hit_by_a_weapon(gazetteer: Gazetteer, weapon: str):
    text = (f"A merchant vessel was hit by {weapon} off Hodeidah on Monday, a maritime agency said. Yemen's Houthis "
            "have attacked shipping in the area.")
    assert _found(gazetteer, text) == [("Hodeidah", "Explosions/Remote violence")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Hundreds of protesters rallied against the new tax in Haifa on Sunday.", [("Haifa", "Protests")]),
    ("Students marched through Haifa on Sunday to demand lower fees.", [("Haifa", "Protests")]),
    ("Farmers demonstrated outside the town hall in Haifa on Sunday.", [("Haifa", "Protests")]),
    # words of protest used for other things
    ("Chefs demonstrated new recipes at a market in Haifa on Sunday.", []),
    ("The town of Haifa hosted its annual biker rally on Sunday.", []),
    ("Recycling in Haifa was collected on Sunday, as every week from March through November.", []),
])
def test_protest_words(gazetteer: Gazetteer, text: str, expected: list[tuple[str, str]]):
    assert _found(gazetteer, text) == expected


@pytest.mark.parametrize("text", [
    # among armed men still: fighting a flood, a detention facility's name
    "Soldiers and volunteers joined the flood fighting effort in Fargo on Monday.",
    "A retired Army major was hired on Monday by the detention facility in Fargo.",
])
def test_words_of_armed_violence_used_for_other_things(gazetteer: Gazetteer, text: str):
    assert _found(gazetteer, text) == []


@pytest.mark.parametrize(("text", "expected"), [
    # a team's name is no weapon, and names no armed men
    ("Paul hit a layup with a second left to lift the Houston Rockets to a win over Portland on Sunday. "
     "The Rockets swept the series.", []),
    # rockets in running text are rockets; a title's last word is no team's first
    ("Russian rockets hit Kharkiv on Sunday, the governor said.", [("Kharkiv", "Explosions/Remote violence")]),
    ("A first report from Kharkiv\nShelling hit Kharkiv on Sunday, the governor said.",
     [("Kharkiv", "Explosions/Remote violence")]),
])
def test_a_teams_name(gazetteer: Gazetteer, text: str, expected: list[tuple[str, str]]):
    assert _found(gazetteer, text) == expected
