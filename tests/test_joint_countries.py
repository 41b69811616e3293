"""Joint choices across the countries of the text's unambiguous towns (issue 13, session 11).

Names whose candidates lie within 50 km of each other place each other (mentions._joint_choices);
a name's namesakes were looked for in its first candidate's country only. "Russian troops took
Novohrodivka near Pokrovsk": Novohrodivka is only Ukrainian, while a story that names only Russia
ranks Pokrovsk, Sakha first; the Donetsk Pokrovsk, 10 km from Novohrodivka, is a namesake in the
country of a town the text names, and is chosen. Made-up sentences."""

from __future__ import annotations

from geo.extract.mentions import find_places
from geo.gazetteer.lookup import Gazetteer


def _found(gazetteer: Gazetteer, text: str) -> dict[str, tuple[str, str]]:
    return {m.text: (m.place.country, m.place.admin1) for m in find_places(text, gazetteer) if m.place}


def test_a_namesake_beside_an_unambiguous_town_of_another_country(gazetteer: Gazetteer):
    text = "Russian troops captured Novohrodivka near Pokrovsk, the Russian defence ministry said."
    found = _found(gazetteer, text)
    assert found["Pokrovsk"] == ("UA", "Donetsk") and found["Novohrodivka"] == ("UA", "Donetsk"), found

