"""Names inside hyphenated compounds (issue 13): "Egyptian-US relations", "a London-based firm".

Made-up sentences; each rule beside the case that must stay whole."""

from __future__ import annotations

import pytest

from geo.extract.mentions import find_places
from geo.gazetteer.lookup import Gazetteer


def _names(gazetteer: Gazetteer, text: str) -> list[tuple[str, str]]:
    return [(m.text, m.place.country if m.place else "") for m in find_places(text, gazetteer, all_toponyms=True)]


@pytest.mark.parametrize(("text", "expected"), [
    # two places joined by a hyphen are two names
    ("Talks on Egyptian-US relations resumed on Monday.", [("Egyptian", "EG"), ("US", "US")]),
    ("Fighting on the Syrian-Turkish border went on.", [("Syrian", "SY"), ("Turkish", "TR")]),
    ("The flight's Paris-Berlin leg was cancelled.", [("Paris", "FR"), ("Berlin", "DE")]),
    ("Delegates prepared the DPRK-South Korea summit.", [("DPRK", "KP"), ("South Korea", "KR")]),
    # a place's name before a hyphen and a word of compound_tails.txt is the place
    ("A Berlin-based company bought the plant.", [("Berlin", "DE")]),
    ("Calls from the Atlanta-area centres rose.", [("Atlanta", "US")]),
])
def test_places_joined_by_a_hyphen_are_found(gazetteer: Gazetteer, text: str, expected: list[tuple[str, str]]):
    found = _names(gazetteer, text)
    for name in expected:
        assert name in found


@pytest.mark.parametrize(("text", "whole"), [
    # names written with a hyphen stay whole, alone or with the words after them
    ("Police in Winston-Salem said the road was closed.", "Winston-Salem"),
    ("Flights to Guinea-Bissau resumed.", "Guinea-Bissau"),
    ("Shelling hit Rostov-on-Don overnight.", "Rostov-on-Don"),
    ("Deputies in Miami-Dade County made the arrest.", "Miami-Dade County"),
])
def test_names_written_with_a_hyphen_stay_whole(gazetteer: Gazetteer, text: str, whole: str):
    assert [n for n, _ in _names(gazetteer, text)][:1] == [whole]


@pytest.mark.parametrize("text", [
    # a town's name in a hyphenated surname, a brand or before another lowercase word is no place
    "Congressman Mario Diaz-Balart spoke on Monday.",
    "Ambassador Anthony Phillips-Spencer gave a brief.",
    "The engine gives 850 Newton-meters of torque.",
    "Tesco bought the building from K-Mart in 1996.",
])
def test_other_hyphenated_words_name_no_place(gazetteer: Gazetteer, text: str):
    assert _names(gazetteer, text) == []


@pytest.mark.parametrize(("text", "home"), [
    # a legislator's party and home, as US papers write them: the home is a toponym
    ("Sen. Walt Helmick, D-Pocahontas, said the bill would pass in Charleston, W.Va.", "Pocahontas"),
    ("Rep. Jane Doe (R-Huntington) voted against the bill in Charleston, West Virginia.", "Huntington"),
])
def test_a_legislators_home_after_the_party(gazetteer: Gazetteer, text: str, home: str):
    assert (home, "US") in _names(gazetteer, text)


def test_a_letter_and_a_hyphen_elsewhere_is_no_party(gazetteer: Gazetteer):
    # (no comma or bracket after it: "D-Day", "X-Men" are no legislator's home)
    assert ("Day", "US") not in _names(gazetteer, "Veterans marked D-Day in Normandy, France, on Monday.")
