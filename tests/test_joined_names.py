"""Names that join capitalised words by "of", "of the", "and" or "&" are one name when the gazetteer
knows the whole ("Port of Spain", "Trinidad and Tobago"); a region word or a settlement noun before
"of" is no part of it ("the State of Ohio" is Ohio, as the corpora mark it). Issue 13; made-up
sentences."""

from __future__ import annotations

import pytest

from geo.extract.mentions import find_places
from geo.gazetteer.lookup import Gazetteer


def _found(gazetteer: Gazetteer, text: str) -> dict[str, tuple[str, str]]:
    return {m.text: (m.place.name, m.place.country) for m in find_places(text, gazetteer, all_toponyms=True)
            if m.place is not None}


@pytest.mark.parametrize(("text", "expected"), [
    ("Police in Port of Spain said protests spread across Trinidad and Tobago.",
     {"Port of Spain": ("Port of Spain", "TT"), "Trinidad and Tobago": ("Trinidad and Tobago", "TT")}),
    ("Troops entered the Democratic Republic of the Congo and Bosnia and Herzegovina.",
     {"Democratic Republic of the Congo": ("Democratic Republic of the Congo", "CD"),
      "Bosnia and Herzegovina": ("Bosnia and Herzegovina", "BA")}),
    ("Ferries to the Isle of Man were cancelled.", {"Isle of Man": ("Isle of Man", "IM")}),
    ("Officials in Newfoundland and Labrador said.", {"Newfoundland and Labrador": ("Newfoundland and Labrador", "CA")}),
])
def test_a_known_name_with_of_or_and_is_one_name(gazetteer: Gazetteer, text: str, expected: dict[str, tuple[str, str]]):
    assert _found(gazetteer, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The deal was registered with the State of Ohio on Monday.", {"Ohio": ("Ohio", "US")}),
    ("Officials of the Province of Ontario met on Monday.", {"Ontario": ("Ontario", "CA")}),
    ("Tools were taken from the City of Richmond, Kentucky.", {"Richmond": ("Richmond", "US"),
                                                              "Kentucky": ("Kentucky", "US")}),
    # two places joined by "and" that make no known name stay two
    ("Officials of Texas and Ohio met on Monday.", {"Texas": ("Texas", "US"), "Ohio": ("Ohio", "US")}),
])
def test_a_region_word_or_settlement_noun_before_of_stays_out(gazetteer: Gazetteer, text: str,
                                                              expected: dict[str, tuple[str, str]]):
    assert _found(gazetteer, text) == expected
