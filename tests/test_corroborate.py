"""geo.extract.corroborate: when two reports are one incident (distance, dates and their precision,
event types, places the gazetteer does not know), what a merge keeps, and the region rule that
applies inside one article (a report at a region joins a report at a town in it, by the same actor)."""

from __future__ import annotations

import math
import random
from dataclasses import replace
from datetime import date

import pytest

from geo.extract.corroborate import date_range, merge, merge_incidents, same_incident
from geo.records import Incident, Source

DAY = date(2023, 6, 4)


def report(place: str = "Alderford", lat: float = 50.0, lon: float = 36.0, *, day: date = DAY, tp: int = 1,
           gp: int = 1, gid: int | None = None, event_type: str = "Battles", sub: str = "Armed clash",
           actors: tuple[str, ...] = ("River Guard",), article: str = "a1", start: int = 0, admin1: str = "Vale",
           **changes: object) -> Incident:
    incident = Incident(
        event_date=day, time_precision=tp, place_as_written=place, place=place, latitude=lat, longitude=lon,
        country="RU", admin1=admin1, geonameid=gid, geo_precision=gp, event_type=event_type, sub_event_type=sub,
        actors=actors, sources=(Source(article, f"quote at {start}", start, start + 10),), summary=f"{place} report",
        id=f"{place}-{article}-{start}",
    )
    return replace(incident, **changes)  # type: ignore[arg-type]


# about 5.6 km and 11.1 km north of the first report
NEAR, FAR = 50.05, 50.1

SAME_CASES = [
    ("same name and country", report(), report(gid=None, article="a2"), True),
    ("same geonameid, other names", report("Alderford", gid=7), report("Alder Ford", 50.3, gid=7), True),
    ("two exact towns 5.6 km apart", report(), report("Brookley", NEAR), False),
    ("5.6 km, one approximate", report(), report("Brookley", NEAR, gp=2, start=200), True),
    # "advanced in Alderford and near Brookley": one sentence names two places
    ("5.6 km, one approximate, named beside it", report(), report("Brookley", NEAR, gp=2), False),
    ("5.6 km, one approximate, in another article's sentence at the same offset",
     report(), report("Brookley", NEAR, gp=2, article="a2"), True),
    ("11 km, one approximate", report(), report("Brookley", FAR, gp=2), False),
    ("11 km, a region", report(), report("Vale", FAR, gp=3), False),
    # A report known only by its region is drawn at the region's seat; that makes it no report of the seat.
    ("a region drawn at its seat", report(), report("Vale", gp=3), False),
    ("other day", report(), report(day=date(2023, 6, 5)), False),
    ("week holds a day 3 days later", report(tp=2), report(day=date(2023, 6, 7)), True),
    ("week misses a day 4 days later", report(tp=2), report(day=date(2023, 6, 8)), False),
    ("two weeks 6 days apart overlap", report(tp=2), report(day=date(2023, 6, 10), tp=2), True),
    ("month holds its last day", report(tp=3, day=date(2023, 6, 15)), report(day=date(2023, 6, 30)), True),
    ("month misses the next month", report(tp=3, day=date(2023, 6, 15)), report(day=date(2023, 7, 1)), False),
    ("other event types", report(), report(event_type="Explosions/Remote violence", sub="Shelling/artillery/missile attack"),
     False),
    ("strategic developments go with any type",
     report(), report(event_type="Strategic developments", sub="Other"), True),
    ("in a battle, actors do not matter", report(), report(actors=("Hill Watch",)), True),
    # one-sided violence: two attackers, two events; a report that names none may be either
    ("two attackers' strikes", report(event_type="Explosions/Remote violence", sub="Air/drone strike"),
     report(event_type="Explosions/Remote violence", sub="Air/drone strike", actors=("Hill Watch",)), False),
    ("a strike and an unattributed one", report(event_type="Explosions/Remote violence", sub="Air/drone strike"),
     report(event_type="Explosions/Remote violence", sub="Air/drone strike", actors=()), True),
    ("unknown places, same name in any case", report("Qorvell", math.nan, math.nan, unresolved=True),
     report("QORVELL", math.nan, math.nan, unresolved=True), True),
    ("unknown places, other names", report("Qorvell", math.nan, math.nan, unresolved=True),
     report("Tamsk", math.nan, math.nan, unresolved=True), False),
    ("an unknown place and a known one", report("Qorvell", unresolved=True), report("Qorvell"), False),
]


@pytest.mark.parametrize(("a", "b", "expected"), [pytest.param(*c[1:], id=c[0]) for c in SAME_CASES])
def test_same_incident(a: Incident, b: Incident, expected: bool):
    assert same_incident(a, b) is expected
    assert same_incident(b, a) is expected  # symmetric


WITHIN_ARTICLE_CASES = [
    ("same name", report(), report(gp=2, start=200), True),
    # one article's "strike near Brookley" and, two sentences on, its clash at Alderford: a writer
    # who names two places means two, however close
    ("another name 5.6 km away, one approximate", report(), report("Brookley", NEAR, gp=2, start=200), False),
    ("the same place by another name", report(gid=7), report("Alder Ford", gp=2, gid=7, start=200), True),
]


@pytest.mark.parametrize(("a", "b", "expected"), [pytest.param(*c[1:], id=c[0]) for c in WITHIN_ARTICLE_CASES])
def test_one_article_names_two_places_for_two(a: Incident, b: Incident, expected: bool):
    assert same_incident(a, b, within_article=True) is expected
    assert same_incident(b, a, within_article=True) is expected


@pytest.mark.parametrize(("day", "precision", "first", "last"), [
    (date(2023, 6, 4), 1, date(2023, 6, 4), date(2023, 6, 4)),
    (date(2023, 6, 4), 2, date(2023, 6, 1), date(2023, 6, 7)),
    (date(2023, 12, 30), 2, date(2023, 12, 27), date(2024, 1, 2)),
    (date(2023, 12, 15), 3, date(2023, 12, 1), date(2023, 12, 31)),
    (date(2024, 2, 15), 3, date(2024, 2, 1), date(2024, 2, 29)),
])
def test_date_range(day: date, precision: int, first: date, last: date):
    assert date_range(day, precision) == (first, last)


def test_merge_keeps_the_more_precise_place_and_date_and_all_evidence():
    town = report("Brookley", NEAR, gp=1, tp=2, actors=("River Guard",), claimed_by=("Outlet A",), confidence=0.6,
                  article="a1", start=40)
    near = report("Alderford", gp=2, tp=1, day=date(2023, 6, 5), actors=("Hill Watch", "River Guard"),
                  claimed_by=("Outlet B",), confidence=0.7, article="a2", start=5)
    for merged in (merge(town, near), merge(near, town)):
        assert merged.place == "Brookley" and merged.id == town.id  # geo precision 1 beats 2
        assert (merged.event_date, merged.time_precision) == (date(2023, 6, 5), 1)  # the day beats the week
        assert merged.confidence == 0.75
        assert [(s.article_id, s.start) for s in merged.sources] == [("a1", 40), ("a2", 5)]
    assert merge(town, near).actors == ("River Guard", "Hill Watch")
    assert merge(town, near).claimed_by == ("Outlet A", "Outlet B")


def test_merge_details():
    a, b = report(confidence=0.97), report(article="a2", confidence=0.5)
    assert merge(a, b).confidence == 0.99  # capped
    assert len(merge(a, replace(b, sources=a.sources)).sources) == 1  # one quote is evidence once
    strategic = report(event_type="Strategic developments", sub="Other", summary="moves")
    battle = report("Brookley", gp=2, article="a2")
    merged = merge(strategic, battle)  # the exact place is kept, the type comes from the battle
    assert (merged.place, merged.event_type, merged.sub_event_type, merged.summary) == (
        "Alderford", "Battles", "Armed clash", "Brookley report")
    kept = merge(report("Vale", gp=3), report("Brookley", NEAR), keep_first=True)
    assert kept.place == "Vale"
    # one person, by surname in one report and full name in the other, claims once
    named = merge(replace(a, claimed_by=("Petrova",)), replace(b, claimed_by=("Anna Petrova", "Outlet B")))
    assert named.claimed_by == ("Anna Petrova", "Outlet B")


def _region_and_town(**town_changes: object) -> list[Incident]:
    region = report("Vale", 50.5, 36.5, gp=3, start=0)
    town = report("Brookley", NEAR, start=30, **town_changes)
    return [region, town]


def test_a_region_report_joins_the_town_report_of_the_same_actor_in_one_article():
    [merged] = merge_incidents(_region_and_town(), within_article=True)
    assert merged.place == "Brookley"
    assert [s.start for s in merged.sources] == [0, 30]


@pytest.mark.parametrize(("within_article", "town_changes"), [
    (False, {}),  # across articles the rule does not apply
    (True, {"actors": ("Hill Watch",)}),  # another actor
    (True, {"admin1": "Other Vale"}),  # another region
    (True, {"day": date(2023, 6, 5)}),  # another day
    # another type: an airstrike somewhere in the region is no part of a town's clashes
    (True, {"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike"}),
])
def test_a_region_report_stays_apart(within_article: bool, town_changes: dict[str, object]):
    assert len(merge_incidents(_region_and_town(**town_changes), within_article=within_article)) == 2


@pytest.mark.parametrize(("town_start", "expected"), [
    # "shelled Kharkiv and Kupiansk": beside the town in its sentence, the city is a place of its own
    (0, 2),
    # "the combatants in Belgorod" in another sentence than the raid on Grayvoron: the region
    (30, 1),
])
def test_a_city_named_like_its_region(town_start: int, expected: int):
    city = report("Vale", 50.5, 36.5, gp=1, start=0)
    town = report("Brookley", NEAR, start=town_start)
    assert len(merge_incidents([city, town], within_article=True)) == expected


def test_merge_incidents_orders_by_date_and_place():
    found = merge_incidents([
        report("Cedarby", 51.0, day=date(2023, 6, 2)), report("Alderford", article="a2"),
        report("Brookley", 52.0, day=date(2023, 6, 2)), report("Alderford", article="a3", start=9),
    ])
    assert [(i.place, i.event_date.day, len(i.sources)) for i in found] == [
        ("Brookley", 2, 1), ("Cedarby", 2, 1), ("Alderford", 4, 2)]


def test_infinite_coordinates_raise_as_before():
    with pytest.raises(ValueError):
        merge_incidents([report(lat=math.inf, gp=2), report("Brookley", article="a2")])


def test_the_indexed_merge_equals_comparing_every_pair():
    from geo.extract.corroborate import _merge_pairwise

    rng = random.Random(11)
    found = [
        report(f"P{rng.randrange(6)}", 50 + rng.uniform(0, 0.2), 36 + rng.uniform(0, 0.2),
               day=date(2023, 6, rng.randint(1, 20)), tp=rng.choice([1, 1, 2, 3]), gp=rng.choice([1, 2, 3]),
               actors=(rng.choice(["River Guard", "Hill Watch"]),), article=f"a{k % 3}", start=k,
               admin1=rng.choice(["Vale", "Dale"]))
        for k in range(60)
    ]
    for within in (False, True):
        assert merge_incidents(found, within_article=within) == _merge_pairwise(found, within_article=within)
        assert len(merge_incidents(found, within_article=within)) < len(found)


def test_a_party_denying_in_one_report_claims_in_none():
    a, b = report(claimed_by=("Kadyrov",)), report(article="a2", denied_by=("Anna Petrova",))
    merged = merge(replace(a, claimed_by=("Kadyrov", "Petrova")), b)
    assert (merged.claimed_by, merged.denied_by) == (("Kadyrov",), ("Anna Petrova",))
