"""find_places and the names of people and firms that are also towns' names (issue 13): a small town's
name as the subject of a verb of speech, three towns' names in a row, a name joined by "&". Made-up
sentences, each beside the case that must stay a place."""

from __future__ import annotations

import pytest

from geo.extract.mentions import find_places
from geo.gazetteer.lookup import Gazetteer


def _names(gazetteer: Gazetteer, text: str) -> list[str]:
    return [m.text for m in find_places(text, gazetteer, all_toponyms=True) if m.place is not None]


@pytest.mark.parametrize(("text", "person", "place"), [
    ('"We will not cut the schools," Robbins said. Robbins has taught in Ohio for years.', "Robbins", "Ohio"),
    ("The budget is tight, Hopkins also said, after a meeting in Ohio.", "Hopkins", "Ohio"),
    ("Police in Ohio arrested Paul Francis Floyd on Friday.", "Floyd", "Ohio"),
    ("Johnson & Johnson will close a plant in Ohio.", "Johnson", "Ohio"),
    # a first name before a middle initial ("Ashley L. Evans"), not only the surname after it
    ("Ashley L. Evans, 26, of Paris, Texas, was charged on Monday.", "Ashley", "Texas"),
    ("George W. Bush spoke in Ohio on Monday.", "George", "Ohio"),
])
def test_people_and_firms_are_no_places(gazetteer: Gazetteer, text: str, person: str, place: str):
    names = _names(gazetteer, text)
    assert person not in names and place in names


@pytest.mark.parametrize(("text", "place"), [
    ("Police in Robbins said the road was closed.", "Robbins"),  # a place word before it
    ("Moscow said the talks were over.", "Moscow"),  # a city speaks through its government
    ("In a letter, the Woodstock mayor said the bridge in Ontario would open next week.", "Woodstock"),
    ("Buses run between Tijuana & San Diego every hour.", "Tijuana"),  # cities, not a firm
])
def test_places_that_speak_or_stand_beside_an_ampersand_stay(gazetteer: Gazetteer, text: str, place: str):
    assert place in _names(gazetteer, text)


@pytest.mark.parametrize(("text", "word", "place"), [
    # an old or foreign name of a town that is unlike its own name is, in prose, a word or a person
    ("Park and ride buses left Ohio early. Park officials said little.", "Park", "Ohio"),
    ("Julia met her brother in Ohio on Sunday.", "Julia", "Ohio"),
])
def test_alternate_names_unlike_the_town_are_words(gazetteer: Gazetteer, text: str, word: str, place: str):
    names = _names(gazetteer, text)
    assert word not in names and place in names


def test_alternate_spellings_and_cued_names_stay(gazetteer: Gazetteer):
    # a spelling of the town's own name, and an old name after a place word
    assert "Kharkov" in _names(gazetteer, "Shelling hit Kharkov and Kupyansk on Sunday.")
    assert "Story" in _names(gazetteer, "Troops entered the village of Story near Rochelle.")


def test_a_place_word_before_an_institution_makes_no_guess(gazetteer: Gazetteer):
    # "in Superior Court": Superior is a word of the court's name, no town guessed after "in"
    text = "He appeared in Superior Court in Texas on Monday."
    assert "Superior" not in _names(gazetteer, text) and "Texas" in _names(gazetteer, text)
    # a name the gazetteer does not know after a place word is still a guess
    found = find_places("Troops overran the settlement of Kozinaq on Monday.", gazetteer)
    assert [m.text for m in found] == ["Kozinaq"]


@pytest.mark.parametrize("word", ["Northeast", "Christmas", "Secretary"])
def test_compass_points_holidays_and_offices_are_no_places(gazetteer: Gazetteer, word: str):
    assert word not in _names(gazetteer, f"Snow fell across the {word} as {word} neared, in Ohio.")


def test_an_outlets_city_is_a_toponym_only_for_the_corpora(gazetteer: Gazetteer):
    text = "The Washington Post reported the fire in Ohio on Monday."
    assert "Washington" in _names(gazetteer, text)  # all_toponyms, as GeoWebNews and LGL count it
    assert [m.text for m in find_places(text, gazetteer)] == ["Ohio"]  # no place of the story's events


@pytest.mark.parametrize(("text", "expected"), [
    # a country after "said" is the country ("said Wang" is a person)
    ("Wang said. He said China and Russia will keep talking.", ["China", "Russia"]),
    ("It is over, said Wang.", []),
    # a town after "said" that a verb follows is what was said about: the subject of the clause
    ("Shelling hit Kharkiv. Officials said Kupiansk was shelled too.", ["Kharkiv", "Kupiansk"]),
    ("Shelling hit Kharkiv. It is over, said Kupiansk, a veteran.", ["Kharkiv"]),
    # a sentence's first word is no part of the name after it, and makes no surname of it
    ("Why is London so violent? Though London’s total was higher, police said.", ["London", "London"]),
    ("Judges met in The Hague on Monday.", ["The Hague"]),
])
def test_words_before_a_name(gazetteer: Gazetteer, text: str, expected: list[str]):
    assert _names(gazetteer, text) == expected


def test_a_state_abbreviated_with_spaces_is_no_middle_initial(gazetteer: Gazetteer):
    assert _names(gazetteer, "He moved to Chapel Hill, N. C. last year.") == ["Chapel Hill", "N. C."]
