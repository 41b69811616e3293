"""The actor table (geo/data/actors.csv) names armed groups as ACLED does, across conflicts: each
row of this table is a way news reports name a group, and the name the map gives it."""

from __future__ import annotations

import pytest

from geo.extract.actors import find_actors

CASES = [
    ("RSF fighters shelled the city", "Rapid Support Forces"),
    ("M23 rebels seized the town", "M23: March 23 Movement"),
    ("ADF rebels attacked the village", "Allied Democratic Forces"),
    ("al-Shabaab militants stormed the base", "Al Shabaab"),
    ("Houthi rebels fired a missile", "Houthis"),
    ("the Pakistani Taliban claimed the attack", "Tehrik-i-Taliban Pakistan"),
    # a group linked to the Pakistani Taliban is its own actor, named before its link
    ("Hafiz Gul Bahadur, a group linked to the Pakistani Taliban, claimed it", "Hafiz Gul Bahadur Group"),
    ("The Resistance Front, an offshoot of Lashkar-e-Taiba, claimed the attack", "The Resistance Front"),
    ("Inter-Services Public Relations said", "Military Forces of Pakistan"),
    ("U.S. Africa Command said the strike killed three", "Military Forces of United States"),
    ("the United States military said", "Military Forces of United States"),
    # Islamic State's provinces are actors of their own in ACLED's list
    ("a bomb planted by Islamic State West Africa Province (ISWAP) militants", "Islamic State West Africa Province"),
    ("ISWAP fighters overran the camp", "Islamic State West Africa Province"),
    ("the Islamic State Sahel Province claimed", "Islamic State Sahel Province"),
    ("ISIS-K claimed the bombing", "Islamic State Khorasan Province"),
    ("Islamic State fighters attacked", "Islamic State"),
    ("the Islamic State Mozambique Province claimed the raid", "Islamic State Mozambique Province"),
    ("Anglophone separatists killed four soldiers", "Ambazonian Separatists"),
    ("suspected Anglophone separatist fighters attacked a market", "Ambazonian Separatists"),
    ("Ambazonian fighters ambushed a patrol", "Ambazonian Separatists"),
    ("Israeli settlers attacked the village", "Settlers (Israel)"),
    # groups across conflicts, as ACLED names them
    ("PKK militants attacked a military outpost", "PKK: Kurdistan Workers Party"),
    ("forces loyal to Khalifa Haftar shelled the suburb", "Libyan National Army"),
    ("fighters of the Southern Transitional Council clashed with", "Southern Transitional Council"),
    ("al-Qaeda in the Arabian Peninsula (AQAP) claimed the bombing", "AQAP: Al Qaeda in the Arabian Peninsula"),
    ("Lakurawa fighters raided the village", "Lakurawa"),
    ("Mai-Mai militias attacked the convoy", "Mai-Mai Militia"),
    ("Algerian troops killed two smugglers", "Military Forces of Algeria"),
    ("the Chinese coast guard fired water cannon", "Military Forces of China"),
    ("Ethiopia's federal army shelled the town", "Military Forces of Ethiopia"),
    ("Somali federal troops retook the village", "Military Forces of Somalia"),
    # militias the report does not name stay unnamed
    ("Tehran-backed militias fired rockets at the base", "Unidentified Armed Group"),
    ("armed militiamen hacked the villagers to death", "Unidentified Armed Group"),
]


@pytest.mark.parametrize(("text", "name"), CASES)
def test_the_name_acled_gives(text: str, name: str) -> None:
    assert [a.name for a in find_actors(text)][:1] == [name]


@pytest.mark.parametrize("text", ["The officer told him to let go of the gun.", "Jem and Tom went home."])
def test_an_acronym_in_mixed_case_matches_only_as_written(text: str) -> None:
    # LeT (Lashkar-e-Taiba) and JeM (Jaish-e-Mohammed) are no ordinary words
    assert find_actors(text) == []
