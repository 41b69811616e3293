"""The Republic of Ireland's counties (geo/data/ie_counties.csv, issue 13): "County Mayo", "Co. Clare",
"Mayo County", and a bare county name in a text that names the county's province."""

from __future__ import annotations

import pytest

from geo.extract.mentions import find_places
from geo.gazetteer.lookup import Context, Gazetteer


@pytest.mark.parametrize(("written", "county", "province"), [
    ("County Mayo", "Mayo", "C"),
    ("Co. Clare", "Clare", "M"),
    ("Mayo County", "Mayo", "C"),
    ("County Cork", "County Cork", "M"),  # the bare name is the city's
])
def test_a_county_written_as_such_is_the_county(gazetteer: Gazetteer, written: str, county: str, province: str):
    place = gazetteer.resolve(written)
    assert place is not None and (place.kind, place.country, place.admin1_code, place.name) == (
        "county", "IE", province, county)
    assert 51.3 < place.latitude < 55.5 and -10.7 < place.longitude < -5.9


def test_a_bare_county_name_needs_its_province_in_the_text(gazetteer: Gazetteer):
    munster = Context(frozenset({"IE"}), frozenset({("IE", "M")}))
    place = gazetteer.resolve("Kerry", munster, allow_common=True)
    assert place is not None and (place.kind, place.country) == ("county", "IE")
    elsewhere = gazetteer.resolve("Kerry", Context(frozenset({"US"})), allow_common=True)
    assert elsewhere is None or elsewhere.kind != "county"


def test_a_county_in_an_irish_story_and_a_person_called_so_elsewhere(gazetteer: Gazetteer):
    irish = find_places("Gardai in Ennis, County Clare, said a man was hurt. Clare county council met.", gazetteer)
    assert [(m.text, m.place.kind) for m in irish if m.place and m.place.kind == "county"] == [
        ("County Clare", "county"), ("Clare", "county")]
    assert find_places("Secretary of State John Kerry met officials. Kerry said talks went well.", gazetteer) == []
