"""Words of direction that begin longer names (geo/data/direction_words.txt, issue 13): "Southern" in
"Southern Cebu" is no region of its own, though Sri Lanka has a Southern Province; before an area or a
city it is that place's part; before a region word it is the region. Made-up sentences."""

from __future__ import annotations

import pytest

from geo.extract.mentions import find_places
from geo.gazetteer.lookup import Gazetteer


def _found(gazetteer: Gazetteer, text: str) -> dict[str, tuple[str, str]]:
    return {m.text: (m.place.country, m.place.kind) for m in find_places(text, gazetteer) if m.place}


@pytest.mark.parametrize(("text", "word"), [
    ("Floods hit the province of Southern Cebu in the Philippines.", "Southern"),
    ("Floods hit the province of Eastern Samar in the Philippines.", "Eastern"),
])
def test_a_direction_word_before_another_name_is_no_region_alone(gazetteer: Gazetteer, text: str, word: str):
    found = _found(gazetteer, text)
    assert word not in found
    assert all(country == "PH" for country, _kind in found.values())


@pytest.mark.parametrize(("text", "name", "expected"), [
    # before a country or a city: that place
    ("Fighting continued in Western Ukraine on Sunday.", "Ukraine", ("UA", "country")),
    ("Strikes hit Northern Gaza overnight.", "Gaza", None),
    # with a region word after it: the region of that name
    ("Ghana's Northern Region was quiet.", "Northern Region", ("GH", "region")),
    # a known name that begins with the word stays whole
    ("Police in Northern Ireland said.", "Northern Ireland", ("GB", "region")),
])
def test_a_direction_word_leaves_the_rest_of_its_name(gazetteer: Gazetteer, text: str, name: str,
                                                     expected: tuple[str, str] | None):
    found = _found(gazetteer, text)
    assert name in found
    if expected is not None:
        assert found[name] == expected
