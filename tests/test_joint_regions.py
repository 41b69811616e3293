"""Joint choices inside the regions the text names (issue 13, session 10): two names that have
namesakes side by side in several states ("Princeton" and "Mercer County": New Jersey, West Virginia,
Missouri) are the pair in the state the text names, not the pair whose points lie closest together.
Made-up sentences."""

from __future__ import annotations

import pytest

from geo.extract.mentions import find_places
from geo.gazetteer.lookup import Gazetteer


def _regions(gazetteer: Gazetteer, text: str) -> dict[str, tuple[str, str]]:
    return {m.text: (m.place.country, m.place.admin1_code) for m in find_places(text, gazetteer) if m.place}


@pytest.mark.parametrize(("text", "admin1"), [
    ("West Virginia lawmakers met on Monday. Flooding closed roads in Princeton, and Mercer County officials "
     "asked for help.", "WV"),
    ("Storms crossed West Virginia overnight. In Mercer County, the Princeton fire department pumped out "
     "basements.", "WV"),
])
def test_the_pair_in_the_state_the_text_names(gazetteer: Gazetteer, text: str, admin1: str):
    found = _regions(gazetteer, text)
    assert found["Princeton"] == ("US", admin1) and found["Mercer County"] == ("US", admin1), found


def test_a_name_first_in_a_region_the_text_names_stays_there(gazetteer: Gazetteer):
    """Dallas, Georgia lies beside a Cherokee County; Texas has one too, farther from Dallas: the
    story names Texas, so its Dallas stays."""
    text = ("A storm moved across Texas on Monday. Power failed in Dallas, and the Cherokee County Sheriff's "
            "Office reported flooding.")
    assert _regions(gazetteer, text)["Dallas"] == ("US", "TX")
