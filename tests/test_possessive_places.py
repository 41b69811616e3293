"""A known place's possessive before a smaller place's name (issue 13): "X's Y district" is X and a part
of X, not one longer name that hides X. Made-up sentences; each rule beside a case that must go the other way."""

from __future__ import annotations

import pytest

from geo.extract.mentions import find_places
from geo.gazetteer.lookup import Gazetteer


def _found(gazetteer: Gazetteer, text: str) -> dict[str, tuple[str, str] | None]:
    return {m.text: (m.place.country, m.place.kind) if m.place else None for m in find_places(text, gazetteer)}


@pytest.mark.parametrize(("text", "city", "country"), [
    # an unknown part after a city's possessive, with a part's noun after it: the city stays
    ("Two shops burned in Khartoum's Omdurbel quarter overnight, residents said.", "Khartoum", "SD"),
    ("Gunmen raided a market in Lagos's Oyingbo area on Friday.", "Lagos", "NG"),
    ("A mortar round fell on Kabul's Qala-e-Zarif district, police said.", "Kabul", "AF"),
    # a country's possessive before a facility's name
    ("The plane was held at Kenya's Jomo Wanjiru airport for six hours.", "Kenya", "KE"),
])
def test_a_place_before_its_part_is_kept(gazetteer: Gazetteer, text: str, city: str, country: str):
    found = _found(gazetteer, text)
    assert found.get(city) is not None and found[city][0] == country
    assert not any("'s" in name for name in found)  # the part is never glued to the place


def test_a_facility_after_a_country_possessive_is_its_own_unknown_name(gazetteer: Gazetteer):
    found = _found(gazetteer, "The plane was held at Kenya's Jomo Wanjiru airport for six hours.")
    assert "Jomo Wanjiru" in found and found["Jomo Wanjiru"] is None


@pytest.mark.parametrize("text", [
    # no part's noun after the name: a person of the country, not a place inside it
    "Kenya's Jomo Wanjiru said the talks would resume.",
    # a name written with a possessive is one name
    "Ferries to Martha's Vineyard were cancelled.",
])
def test_a_possessive_without_a_part_noun_is_not_cut(gazetteer: Gazetteer, text: str):
    found = _found(gazetteer, text)
    assert "Jomo Wanjiru" not in found and "Vineyard" not in found
