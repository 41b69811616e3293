"""Arabic place names as English news writes them: the spellings of long vowels and q ("Zabeed" for
GeoNames' Zabīd), matched as misspellings only where the text supports the place; region names
without their article before a region word ("Raqqa province" for Ar-Raqqah); and a name read
once in context is the same place where a list gives it bare (one sense per discourse)."""

from __future__ import annotations

from datetime import date

import pytest

from geo.extract.mentions import PlaceMention, context_from_text
from geo.extract.pipeline import extract_incidents
from geo.extract.spans import one_sense
from geo.gazetteer.lookup import Gazetteer
from geo.gazetteer.names import loose_key, skeleton_key, without_arabic_article
from geo.intake.articles import article_from_text
from geo.records import Place


@pytest.mark.parametrize(("news", "gazetteer_name"), [
    ("Zabeed", "Zabīd"),  # ee for a long i
    ("Tikreet", "Tikrīt"),
    ("Areeqa", "‘Arīqah"),  # ... and a silent final h, and the ayn's mark
    ("Soumy", "Sumy"),  # ou for u, as French writes it
    ("Kamishli", "Qamishli"),  # q or k
])
def test_loose_keys_merge_english_spellings(news: str, gazetteer_name: str):
    assert loose_key(news) == loose_key(skeleton_key(gazetteer_name), is_key=True) == loose_key(gazetteer_name)


@pytest.mark.parametrize(("a", "b"), [
    ("House", "Hughes"),
    ("Hays", "Hayes"),  # not every h is silent: only a final one after a vowel
    ("Bajil", "Basil"),
])
def test_loose_keys_keep_other_names_apart(a: str, b: str):
    assert loose_key(a) != loose_key(b)


def test_the_exact_keys_are_not_loosened():
    # the index's exact keys stay as they were: "Zabeed" is found only as a misspelling, with support
    assert skeleton_key("Zabeed") != skeleton_key("Zabīd")


@pytest.mark.parametrize(("text", "name", "expected"), [
    ("Airstrikes hit Hodeidah province in western Yemen overnight.", "Zabeed", ("Zabīd", "YE")),
    ("Drone strikes hit Salahuddin province in Iraq.", "Tikreet", ("Tikrīt", "IQ")),
])
def test_a_spelling_is_found_where_the_text_names_its_region(gazetteer: Gazetteer, text, name, expected):
    found = gazetteer.candidates(name, context_from_text(text, gazetteer))
    assert found and (found[0].name, found[0].country) == expected


def test_no_spelling_is_offered_without_the_texts_support(gazetteer: Gazetteer):
    assert gazetteer.candidates("Zabeed") == []
    assert gazetteer.candidates("Zabeed", context_from_text("Storms hit Ohio on Monday.", gazetteer)) == []


@pytest.mark.parametrize(("key", "forms"), [
    ("ar raqqah", ["raqqah", "raqqa"]),
    ("as suwayda", ["suwayda"]),
    ("al anbar", ["anbar"]),
    ("ash sharqiyah", ["sharqiyah", "sharqiya"]),
    ("el beni", []),  # Spanish too: El Beni, El Oro
    ("an", []),  # a name of its own, not an article
    ("kharkiv", []),
])
def test_forms_without_the_arabic_article(key: str, forms: list[str]):
    assert without_arabic_article(key) == forms


@pytest.mark.parametrize(("name", "country", "admin1"), [
    ("Raqqa province", "SY", "Ar-Raqqah"),
    ("the province of Hasakah", "SY", "Al-Hasakah"),
    ("Suwayda governorate", "SY", "As-Suwayda"),
])
def test_a_region_word_after_a_name_without_its_article(gazetteer: Gazetteer, name: str, country: str, admin1: str):
    place = gazetteer.resolve(name)
    assert place is not None and (place.kind, place.country, place.admin1) == ("region", country, admin1)


def test_bare_the_name_is_the_city_and_el_keeps_its_region(gazetteer: Gazetteer):
    raqqa = gazetteer.resolve("Raqqa")
    assert raqqa is not None and raqqa.kind != "region" and raqqa.country == "SY"
    beni = gazetteer.resolve("Beni region")
    assert beni is None or beni.country != "BO"  # Bolivia's El Beni is not "Beni region"


def _mention(text: str, start: int, place: Place | None) -> PlaceMention:
    return PlaceMention(text, start, start + len(text), place, True)


def test_one_sense_per_discourse(gazetteer: Gazetteer):
    town = gazetteer.resolve("Bajil")
    other = gazetteer.resolve("Sanaa")
    assert town is not None and other is not None
    read = one_sense([_mention("Bajil", 10, None), _mention("Hays", 20, None), _mention("Bajil", 90, town)])
    assert [m.place for m in read] == [town, None, town]
    # a name read as two places stays unknown where it is bare
    read = one_sense([_mention("Bajil", 10, None), _mention("Bajil", 50, other), _mention("Bajil", 90, town)])
    assert read[0].place is None


def test_a_listed_name_is_the_place_it_is_elsewhere_in_the_story(gazetteer: Gazetteer):
    text = ("Tribal fighters clashed with government forces in Hodeidah province on Monday. Clashes also "
            "broke out in Bajil, Zabeed and Hays, residents said. In Zabeed, shelling set three houses on fire.")
    found = {(i.place_as_written, i.place, i.unresolved)
             for i in extract_incidents(article_from_text(text, published=date(2025, 7, 21), outlet="Wire"), gazetteer)}
    zabeed = {(place, unresolved) for written, place, unresolved in found if written == "Zabeed"}
    assert zabeed == {("Zabīd", False)}
