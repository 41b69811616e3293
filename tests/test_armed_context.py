"""Event words that report an incident only in a story about armed men (event_triggers.csv's
context "armed"): a team that advanced, a car accident, a police arrest or a storm that hit a town
is no incident on the map; the same words beside troops, militants or an actor of actors.csv are."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from geo.extract.pipeline import extract_incidents
from geo.extract.triggers import find_triggers, load_triggers
from geo.gazetteer.lookup import Gazetteer
from geo.intake.articles import article_from_text

PUBLISHED = date(2024, 3, 12)


def _found(gazetteer: Gazetteer, text: str) -> list[tuple[str, str]]:
    article = article_from_text(text, published=PUBLISHED, outlet="Wire")
    return sorted((i.place_as_written, i.event_type) for i in extract_incidents(article, gazetteer))


@pytest.mark.parametrize("text", [
    "The Wichita team advanced to the state final on Saturday with a win over Dodge City.",
    "A 58-year-old woman was killed in a car accident on icy roads in Dodge City on Friday, police said.",
    "Police arrested two men in Dodge City on Tuesday after a burglary at a pharmacy.",
    "A late winter storm hit Dodge City on Monday, and two deaths were reported on the roads.",
    "Officers executed a search warrant at a home in Dodge City on Thursday, police said.",
    "The county board pushed back the vote on the Dodge City budget on Monday.",
    "The candidates clashed over taxes in Dodge City on Monday.",
    "Projectile points and shells made by the first settlers went on show in Dodge City on Monday.",
    "A settlement on Monday ended a suit in Dodge City over detectives who infiltrated student groups.",
])
def test_no_incident_where_no_armed_men_are_named(gazetteer: Gazetteer, text: str):
    assert _found(gazetteer, text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Russian troops advanced near Kupiansk on Saturday, the general staff said.", [("Kupiansk", "Battles")]),
    ("Ukrainian saboteurs infiltrated Kupiansk on Saturday, the general staff said.", [("Kupiansk", "Battles")]),
    # (soldiers killed by no one named: a fight, not violence against civilians)
    ("Two soldiers were killed in Kupiansk on Friday, officials said.", [("Kupiansk", "Battles")]),
    ("Militants kidnapped ten people in Maiduguri on Tuesday, police said.",
     [("Maiduguri", "Violence against civilians")]),
    # an actor of actors.csv is enough
    ("Hamas said two people were killed in Khan Younis on Monday.", [("Khan Younis", "Violence against civilians")]),
    # words that alone say armed violence need no one named
    ("Heavy shelling was reported in Kupiansk on Monday.", [("Kupiansk", "Explosions/Remote violence")]),
    ("A firefight broke out near Kupiansk on Monday.", [("Kupiansk", "Battles")]),
])
def test_the_same_words_among_armed_men_are_incidents(gazetteer: Gazetteer, text: str,
                                                      expected: list[tuple[str, str]]):
    assert _found(gazetteer, text) == expected


def test_find_triggers_leaves_out_armed_words_when_told():
    text = "Troops advanced and shelled the town."
    every = {text[t.start:t.end] for t in find_triggers(text)}
    unarmed = {text[t.start:t.end] for t in find_triggers(text, armed=False)}
    assert every == {"advanced", "shelled"} and unarmed == {"shelled"}


# (a context other than "armed" is named with its line: tests/test_wordlists.py)


def test_a_table_without_the_context_column_still_loads(tmp_path: Path):
    # users' own tables from before the column: every word counts in every story
    path = tmp_path / "event_triggers.csv"
    path.write_text("pattern,event_type,sub_event_type,weight\nadvanced,Battles,Armed clash,2\n", encoding="utf-8")
    (trigger,) = load_triggers(path)
    assert not trigger.armed_only


@pytest.mark.parametrize("word", ["abducted", "abducting", "abductions", "kidnapped", "kidnapping", "kidnaps"])
def test_every_form_of_abduction_is_an_abduction(word: str):
    text = f"Gunmen were {word} ten villagers."
    found = [t for t in find_triggers(text) if text[t.start:t.end] == word]
    assert found and found[0].trigger.sub_event_type == "Abduction/forced disappearance"
