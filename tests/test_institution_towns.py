"""A town's name that begins a local institution's name, in a text that names no other country
(issue 13, session 10). Made-up sentences, each beside its other way.

- "Dublin City Council": "Dublin City" is only an alternate name of Dublin, Ireland; the town is
  "Dublin", and "City Council" the institution's ("Council" is no town after "City").
- A metropolis abroad (Dublin, Ireland) in a text whose other names give no country has its
  namesakes anywhere in the joint choices: Dublin among the Columbus Metropolitan Library and the
  Franklin County Auditor's Office is Dublin, Ohio.
- A one-word region inside a person's name ("planning chief Paul Stone", Cape Verde's Paul) is no
  country of the text for those joint choices.
"""

from __future__ import annotations

import pytest

from geo.extract.mentions import find_places
from geo.gazetteer.lookup import Gazetteer


def _found(gazetteer: Gazetteer, text: str) -> list[tuple[str, str, str]]:
    return [(m.text, m.place.country, m.place.admin1_code) for m in find_places(text, gazetteer) if m.place]


@pytest.mark.parametrize(("text", "names"), [
    ("The Dublin City Council met on Monday.", ["Dublin"]),
    ("The Kansas City Council met on Monday.", ["Kansas City"]),  # the city's own name stays whole
])
def test_a_town_before_city_and_an_institution(gazetteer: Gazetteer, text: str, names: list[str]):
    assert [name for name, _c, _a in _found(gazetteer, text)] == names


@pytest.mark.parametrize("text", [
    "Dublin residents will vote in May. The Columbus Metropolitan Library and the Franklin County Auditor's "
    "Office sent letters to every home in Dublin.",
    "Dublin City Council approved a new park on Monday, said planning chief Paul Stone. The Franklin County "
    "Engineer's Office will pave the road to the Dublin branch of the Columbus Metropolitan Library.",
])
def test_institutions_place_a_metropolis_namesake(gazetteer: Gazetteer, text: str):
    found = _found(gazetteer, text)
    assert found and all(place == ("Dublin", "US", "OH") for place in found), found


def test_the_metropolis_among_its_own_neighbours(gazetteer: Gazetteer):
    found = _found(gazetteer, "Dublin hosted a rugby final on Saturday. Fans travelled from Cork and Galway.")
    assert found[0] == ("Dublin", "IE", "L")
