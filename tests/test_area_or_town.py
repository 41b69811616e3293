"""A settlement noun before a name chooses the town, a region word after it the region (issue 13):
"the city of Lugansk" is the city, not Luhansk Oblast, which the news' spelling names first; "Sennar
state" is the state (Sinnar in GeoNames), "Sennar" the town. Made-up sentences, each beside its other way."""

from __future__ import annotations

import pytest

from geo.extract.mentions import find_places
from geo.gazetteer.lookup import Gazetteer


def _found(gazetteer: Gazetteer, text: str) -> dict[str, tuple[str, str, str]]:
    return {m.text: (m.place.country, m.place.admin1_code, m.place.kind) for m in find_places(text, gazetteer)
            if m.place}


@pytest.mark.parametrize(("text", "name", "country", "admin1"), [
    ("Sirens sounded in the city of Lugansk before dawn.", "Lugansk", "UA", "14"),
    ("Power failed in the city of Vinnytsia on Monday.", "Vinnytsia", "UA", "23"),
    ("Rockets landed in the town of Kirovohrad.", "Kirovohrad", "UA", "10"),  # the seat's old name
    ("Queues formed in the town of Gedaref, aid workers said.", "Gedaref", "SD", "39"),
])
def test_a_settlement_noun_chooses_the_town(gazetteer: Gazetteer, text: str, name: str, country: str, admin1: str):
    assert _found(gazetteer, text)[name] == (country, admin1, "populated place")


@pytest.mark.parametrize(("text", "name", "kind"), [
    # no settlement noun: the region, as before
    ("Sirens sounded across the Lugansk region.", "Lugansk region", "region"),
    # a town of another name is the region's seat: the region stays
    ("A blast hit the city of Diyala.", "Diyala", "region"),
    # "the X area" is no settlement noun: the state stays
    ("Several houses in the Virginia area are for sale.", "Virginia", "region"),
])
def test_without_a_town_of_that_name_the_area_stays(gazetteer: Gazetteer, text: str, name: str, kind: str):
    assert _found(gazetteer, text)[name][2] == kind


@pytest.mark.parametrize(("text", "name", "kind"), [
    ("Clashes spread through Sennar state, the army said.", "Sennar state", "region"),
    ("Clashes reached the town of Sennar on the Blue Nile.", "Sennar", "populated place"),
])
def test_the_news_spelling_of_a_state_names_it(gazetteer: Gazetteer, text: str, name: str, kind: str):
    assert _found(gazetteer, text)[name] == ("SD", "58", kind)
