"""Areas and the towns called like them (issue 13, session 10). Made-up sentences, each beside its
other way.

- A town inside the area of its name keeps its rank against that area only when the area is the one
  the name means: Florida, Uruguay (in Uruguay's department of Florida) is no reading of "Florida",
  which is the US state; Kharkiv and Mendoza stay the cities inside their regions.
- In a text whose other names give no country at all, a country's name is its namesake town where
  the text's other names lie beside that town: an obituary's "Lebanon ... Myerstown" is Lebanon,
  Pennsylvania. A text that names another country keeps the country.
"""

from __future__ import annotations

import pytest

from geo.extract.mentions import find_places
from geo.gazetteer.lookup import Gazetteer


def _found(gazetteer: Gazetteer, text: str) -> list[tuple[str, str, str, str]]:
    return [(m.text, m.place.country, m.place.admin1_code, m.place.kind) for m in find_places(text, gazetteer)
            if m.place]


@pytest.mark.parametrize(("name", "country", "admin1", "kind"), [
    ("Florida", "US", "FL", "region"),  # was Florida, Uruguay, a town inside Uruguay's Florida
    # a town inside the area the name means keeps its rank
    ("Kharkiv", "UA", "07", "populated place"),
    ("Mendoza", "AR", "13", "populated place"),
])
def test_a_town_keeps_its_rank_only_inside_the_area_the_name_means(
        gazetteer: Gazetteer, name: str, country: str, admin1: str, kind: str):
    place = gazetteer.resolve(name)
    assert place is not None and (place.country, place.admin1_code, place.kind) == (country, admin1, kind), place


def test_the_state_in_a_sentence(gazetteer: Gazetteer):
    assert _found(gazetteer, "Storms are moving toward Florida, forecasters said.") == [
        ("Florida", "US", "FL", "region")]


@pytest.mark.parametrize(("text", "country", "admin1"), [
    ("Ruth Miller, 88, of Lebanon, died Sunday at home. Born in Myerstown, she worked for many years in "
     "Lebanon.", "US", "PA"),
    ("Helen Ford of Peru died Friday. She grew up in Kokomo and taught school in Peru.", "US", "IN"),
])
def test_a_countrys_name_among_its_namesakes_neighbours_is_the_town(
        gazetteer: Gazetteer, text: str, country: str, admin1: str):
    found = _found(gazetteer, text)
    assert [f for f in found if f[0] in ("Lebanon", "Peru")] == [
        (found[0][0], country, admin1, "populated place")] * 2, found


@pytest.mark.parametrize(("text", "name"), [
    # another country named: the country stays
    ("Exports from Myerstown to Lebanon and Canada grew last year.", "Lebanon"),
    # the country's own city named: the country stays
    ("Mourners gathered in Lebanon on Monday. The service in Beirut was held later.", "Lebanon"),
    # no neighbour of a namesake town: the country stays
    ("Ruth Miller, 88, of Lebanon, died Sunday at home.", "Lebanon"),
])
def test_otherwise_the_country_stays(gazetteer: Gazetteer, text: str, name: str):
    assert [f[3] for f in _found(gazetteer, text) if f[0] == name] == ["country"]


@pytest.mark.parametrize(("name", "city"), [
    # the city's GeoNames name is another spelling of its region's ("Zaporizhzhya", "Mykolayiv", "Ḩamāh")
    ("Zaporizhzhia", "Zaporizhzhya"),
    ("Mykolaiv", "Mykolayiv"),
    ("Hama", "Ḩamāh"),
])
def test_a_regions_bare_name_is_the_city_inside_it_spelled_another_way(gazetteer: Gazetteer, name: str, city: str):
    place = gazetteer.resolve(name)
    assert place is not None and (place.name, place.kind) == (city, "populated place"), place
    region = gazetteer.resolve(f"{name} region")
    assert region is not None and region.kind == "region" and region.country == place.country, region


@pytest.mark.parametrize("name", ["Dnipropetrovsk", "Sinaloa", "Diyala"])
def test_a_region_not_called_like_a_city_inside_it_stays_the_region(gazetteer: Gazetteer, name: str):
    # Dnipropetrovsk is Dnipro's old name, not a spelling of it; Sinaloa's town of the name is small
    place = gazetteer.resolve(name)
    assert place is not None and place.kind == "region", place


def test_a_missile_on_a_building_in_zaporizhzhia_is_in_the_city(gazetteer: Gazetteer):
    from datetime import date

    from geo.extract.pipeline import extract_incidents
    from geo.intake.articles import article_from_text

    text = ("Two people were killed when a Russian glide bomb struck a residential building in Zaporizhzhia on "
            "Tuesday evening, regional governor Ivan Fedorov said.")
    found = extract_incidents(article_from_text(text, published=date(2025, 3, 12), outlet="Wire"), gazetteer)
    assert [(i.place, i.geo_precision) for i in found] == [("Zaporizhzhya", 1)]
