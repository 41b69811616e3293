"""A town before the name of its own public service is a toponym (issue 13, round 7): "Gainesville
Police", "the Butler County Sheriff's Office". The geoparsing corpora count the town there, and it is
where the story is; find_places returns it when asked for every toponym. A name before "University",
"Township" or "Court" stays inside its longer name. Made-up sentences."""

from __future__ import annotations

import pytest

from geo.extract.mentions import find_places
from geo.gazetteer.lookup import Gazetteer


def _found(gazetteer: Gazetteer, text: str) -> dict[str, tuple[str, str]]:
    return {m.text: (m.place.country, m.place.admin1_code) for m in find_places(text, gazetteer, all_toponyms=True)
            if m.place is not None}


@pytest.mark.parametrize(("text", "name", "admin1"), [
    ("Two teenagers were arrested after a break-in at a pawn shop, Tallahassee Police said. Officers found "
     "the stolen rings in a car nearby.", "Tallahassee", "FL"),
    ("A hiker was rescued from a ravine on Sunday. Deputies from the Flathead County Sheriff's Office "
     "carried him out on a stretcher.", "Flathead County", "MT"),
    ("Smoke filled a warehouse on Monday morning, and Spokane Fire crews needed three hours to put out the "
     "flames.", "Spokane", "WA"),
])
def test_a_town_before_its_public_service_is_a_toponym(gazetteer: Gazetteer, text: str, name: str, admin1: str):
    assert _found(gazetteer, text).get(name) == ("US", admin1)


@pytest.mark.parametrize(("text", "name"), [
    ("The study was led by a chemist at Cornell University who grew up on a farm.", "Cornell"),
    ("Voters in Madison Township approved the school levy by a wide margin on Tuesday.", "Madison"),
])
def test_a_name_inside_a_university_or_township_stays_inside(gazetteer: Gazetteer, text: str, name: str):
    assert name not in _found(gazetteer, text)
