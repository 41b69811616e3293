"""A town's part written with its noun ("the Shevchenkivskyi district") is the namesake the gazetteer
knows only when it lies near the text's other places (issue 13): city districts share their names
across a country, and a story names the city whose district it means. Made-up sentences."""

from __future__ import annotations

from geo.extract.mentions import find_places
from geo.gazetteer.lookup import Gazetteer


def _found(gazetteer: Gazetteer, text: str) -> dict[str, tuple[str, str] | None]:
    return {m.text: (m.place.country, m.place.admin1_code) if m.place else None for m in find_places(text, gazetteer)}


def test_a_district_far_from_the_city_of_the_story_is_unknown(gazetteer: Gazetteer):
    # Kyiv's and Luhansk's Shevchenkivskyi districts are far from Odesa
    found = _found(gazetteer, "Drones hit Odesa at night. A school in the Shevchenkivskyi district burned, "
                              "the Odesa mayor said.")
    assert found["Odesa"] == ("UA", "17")
    assert "Shevchenkivskyi district" in found and found["Shevchenkivskyi district"] is None


def test_a_district_near_the_city_of_the_story_stays(gazetteer: Gazetteer):
    found = _found(gazetteer, "Shells hit the Shevchenkivskyi district of Kyiv on Sunday.")
    assert found["Shevchenkivskyi district"] == ("UA", "12")


def test_a_district_alone_stays(gazetteer: Gazetteer):
    # no other place to be far from
    assert _found(gazetteer, "Shells hit the Shevchenkivskyi district on Sunday.")["Shevchenkivskyi district"] is not None
