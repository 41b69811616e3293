"""A town beside the text's other places over a same-named county elsewhere (issue 13, round 7): a
county is no first-level area, and the text naming its country through other ambiguous names ("Cornwall",
"Salisbury") does not let it outrank a town among the text's places. Made-up sentences."""

from __future__ import annotations

from geo.extract.mentions import context_from_text
from geo.gazetteer.lookup import Gazetteer


def test_a_town_among_the_texts_places_over_a_county_abroad(gazetteer: Gazetteer):
    text = ("Connecticut state police said a Kent man was hurt in a crash near Torrington on Friday. "
            "Firefighters from Cornwall and Salisbury helped free him.")
    place = gazetteer.resolve("Kent", context_from_text(text, gazetteer), allow_common=True)
    assert place is not None and (place.country, place.admin1_code, place.kind) == ("US", "CT", "populated place")


def test_a_county_alone_stays_the_county(gazetteer: Gazetteer):
    text = "Storms brought down trees across Kent overnight, and trains to London were cancelled."
    place = gazetteer.resolve("Kent", context_from_text(text, gazetteer), allow_common=True)
    assert place is not None and (place.country, place.kind) == ("GB", "county")
