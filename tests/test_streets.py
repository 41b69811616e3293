"""A place's name followed by a street noun names a street, not the place (issue 13): "on Rivers
Avenue" is not Nigeria's Rivers State, "2517 Memphis St." not Memphis. Made-up sentences."""

from __future__ import annotations

import pytest

from geo.extract.mentions import find_places
from geo.gazetteer.lookup import Gazetteer


def _names(gazetteer: Gazetteer, text: str) -> list[str]:
    return [m.text for m in find_places(text, gazetteer) if m.place is not None]


@pytest.mark.parametrize(("text", "street", "places"), [
    ("A motorcycle wreck on Rivers Avenue killed a man in North Charleston, S.C.", "Rivers",
     ["North Charleston", "S.C."]),
    ("Police arrested a man of 2517 Memphis St. in Alexandria, La., on Monday.", "Memphis", ["Alexandria", "La."]),
    ("He lives at 69 Wooster St. in Akron, Ohio.", "Wooster", ["Akron", "Ohio"]),
])
def test_a_street_named_after_a_place_is_no_place(gazetteer: Gazetteer, text: str, street: str, places: list[str]):
    names = _names(gazetteer, text)
    assert street not in names
    assert all(p in names for p in places)


def test_what_follows_a_street_noun_is_read_on_its_own(gazetteer: Gazetteer):
    assert "Akron" in _names(gazetteer, "Crews closed Main Street Akron to traffic on Monday.")
