"""A single capitalised word that names a town only as a misspelling, or a small town only as a
transliteration skeleton, is a word of prose unless a place word stands before it (issue 13).

Made-up sentences; each rule shown with the case that must stay a place beside it."""

from __future__ import annotations

import pytest

from geo.extract.mentions import find_places
from geo.gazetteer.lookup import Gazetteer


def _names(gazetteer: Gazetteer, text: str) -> dict[str, str]:
    return {m.text: m.place.name for m in find_places(text, gazetteer) if m.place is not None}


def _toponyms(gazetteer: Gazetteer, text: str) -> dict[str, str]:
    return {m.text: m.place.name for m in find_places(text, gazetteer, all_toponyms=True) if m.place is not None}


@pytest.mark.parametrize(("text", "word"), [
    ("Flooding hit McAllen, Texas, on Monday. Missy and her son waited for help.", "Missy"),  # not Mission
    ("Three people died in Chalmette, Louisiana. The Metro desk reported it.", "Metro"),  # not Meraux
    # "of" between capitalised words joins one name: no place word
    ("Police in Laurel, Maryland, visited the Chapel of Jesus Ethic.", "Jesus"),  # not Jessup
])
def test_an_uncued_near_miss_is_a_word(gazetteer: Gazetteer, text: str, word: str):
    names = _names(gazetteer, text)
    assert word not in names and word not in _toponyms(gazetteer, text)
    assert len(names) >= 2  # the real places of the sentence stay


@pytest.mark.parametrize(("text", "word", "place"), [
    # a place word before it: a misspelt village is still looked for
    ("Troops overran the settlement of Kozina in the Belgorod region.", "Kozina", "Kozinka"),
    ("Fighting near Kozina, in the Belgorod region, went on.", "Kozina", "Kozinka"),
    # a city's transliteration needs no place word
    ("Israeli jets struck Hodeidah on Sunday.", "Hodeidah", "Al Ḩudaydah"),
])
def test_cued_misspellings_and_cities_stay(gazetteer: Gazetteer, text: str, word: str, place: str):
    assert _names(gazetteer, text).get(word) == place


@pytest.mark.parametrize(("text", "found"), [
    # a place word before a recorded spelling of a small town's name supports it, though the story
    # names only another country
    ("Russian forces captured Kupiansk, Moscow said.", True),
    # without one, a spelling the text gives no other reason for stays unread
    ("Kupiansk was quiet, Moscow said.", False),
])
def test_a_place_word_supports_a_small_towns_spelling(gazetteer: Gazetteer, text: str, found: bool):
    assert (_names(gazetteer, text).get("Kupiansk") == "Kupyansk") is found
