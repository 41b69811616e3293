"""A region named after a sea (Egypt's and Sudan's "Red Sea") is the sea where the text writes the
water's name: after "the", without a region word (issue 13). Made-up sentences."""

from __future__ import annotations

import pytest

from geo.extract.mentions import find_places
from geo.gazetteer.lookup import Gazetteer


def _found(gazetteer: Gazetteer, text: str) -> dict[str, tuple[str, str]]:
    return {m.text: (m.place.country, m.place.kind) for m in find_places(text, gazetteer) if m.place}


@pytest.mark.parametrize(("text", "town", "country"), [
    ("A tanker was hit in the Red Sea off Yemen on Friday.", None, "YE"),
    ("Cranes stood idle in the Red Sea port of Port Sudan.", "Port Sudan", "SD"),
])
def test_the_sea_is_no_region(gazetteer: Gazetteer, text: str, town: str | None, country: str):
    found = _found(gazetteer, text)
    assert "Red Sea" not in found
    if town is not None:
        assert found[town][0] == country


@pytest.mark.parametrize(("text", "name", "country"), [
    ("Police in Red Sea state arrested two men.", "Red Sea state", "SD"),
    ("Floods hit the Red Sea governorate of Egypt.", "Red Sea governorate", "EG"),
])
def test_the_region_written_as_a_region_stays(gazetteer: Gazetteer, text: str, name: str, country: str):
    assert _found(gazetteer, text)[name] == (country, "region")
