"""Place names joined by a lowercase particle are one name: Spanish, Portuguese, French and Italian
particles (Valle del Cauca, Foz do Iguaçu) and Arabic's article before a hyphen (Deir ez-Zor)."""

from __future__ import annotations

import pytest

from geo.extract.mentions import find_places
from geo.gazetteer.lookup import Gazetteer


@pytest.mark.parametrize(("text", "name", "country"), [
    ("Rebels attacked a police station in Colombia's Valle del Cauca province on Saturday.",
     "Valle del Cauca province", "CO"),
    ("Smugglers crossed the bridge at Ciudad del Este on Monday.", "Ciudad del Este", "PY"),
    ("Tourists left Foz do Iguaçu on Monday.", "Foz do Iguaçu", "BR"),
    ("Clashes broke out in Deir ez-Zor on Monday.", "Deir ez-Zor", "SY"),
])
def test_a_particle_joins_one_name(gazetteer: Gazetteer, text: str, name: str, country: str):
    found = [(m.text, m.place.country) for m in find_places(text, gazetteer) if m.place is not None]
    assert (name, country) in found
    # no half of the name read alone, as a place somewhere else
    assert all(place_country == country for _text, place_country in found)


def test_a_particle_between_a_persons_names_makes_no_place(gazetteer: Gazetteer):
    # "Ursula von der Leyen" is no run of place names; neither is "Leyen" alone
    assert [m.text for m in find_places("Ursula von der Leyen visited Kyiv on Monday.", gazetteer)] == ["Kyiv"]
