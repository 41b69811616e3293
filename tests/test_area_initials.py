"""An area's initials, in a text that names the area (issue 13, round 7): "NJ" in a story about New
Jersey is the state, "SA" in a story about South Africa the country, "NSW" beside New South Wales the
state. Initials are no name by themselves: without the area in the text, or with two named areas of
the same initials, they stay unread as initials. Made-up sentences."""

from __future__ import annotations

import pytest

from geo.extract.mentions import context_from_text
from geo.gazetteer.lookup import Gazetteer


@pytest.mark.parametrize(("text", "initials", "country", "admin1"), [
    ("Heavy rain flooded basements across New Jersey on Tuesday, and the NJ Transit trains ran late.",
     "NJ", "US", "NJ"),
    ("Miners in South Africa went on strike for higher pay; SA produces most of the world's platinum.",
     "SA", "ZA", ""),
    ("Bushfires burned near Dubbo in New South Wales. Crews from across NSW were sent to help.",
     "NSW", "AU", "02"),
])
def test_the_initials_of_an_area_the_text_names(gazetteer: Gazetteer, text: str, initials: str, country: str,
                                                 admin1: str):
    place = gazetteer.resolve(initials, context_from_text(text, gazetteer), allow_common=True)
    assert place is not None and (place.country, place.admin1_code) == (country, admin1)
    assert place.kind == ("region" if admin1 else "country")


def test_initials_of_an_area_the_text_does_not_name(gazetteer: Gazetteer):
    place = gazetteer.resolve("NJ", context_from_text("Heavy rain flooded basements across Ohio on Tuesday.",
                                                      gazetteer), allow_common=True)
    assert place is None or place.admin1_code != "NJ"


def test_initials_shared_by_two_areas_the_text_names(gazetteer: Gazetteer):
    text = ("Wine exports from South Africa to Adelaide in South Australia rose this year, and SA growers "
            "expect more.")
    place = gazetteer.resolve("SA", context_from_text(text, gazetteer), allow_common=True)
    assert place is None or place.kind not in ("region", "country")
