"""Deterministic synthetic incidents for benchmarks: real gazetteer places, plausible dates,
groups and types. Same seed, same incidents."""

from __future__ import annotations

import random
import sqlite3
from datetime import date, timedelta

from geo.event_types import ACLED_TYPES
from geo.gazetteer import Gazetteer
from geo.records import Incident, Source

GROUPS = ("Freedom of Russia Legion", "Russian Volunteer Corps", "Military Forces of Russia",
          "Military Forces of Ukraine", "Wagner Group", "Rapid Support Forces", "Sudanese Armed Forces")
COUNTRIES = ("RU", "UA", "SD", "MM", "PS", "ML", "BF")


def real_places(gazetteer: Gazetteer, limit: int = 20_000, seed: int = 7) -> list[tuple]:
    with sqlite3.connect(str(gazetteer.path)) as con:
        rows = con.execute(
            "SELECT geonameid, name, latitude, longitude, country, admin1_code FROM places "
            f"WHERE kind = 'populated place' AND country IN ({','.join('?' * len(COUNTRIES))})", COUNTRIES
        ).fetchall()
    random.Random(seed).shuffle(rows)
    return rows[:limit]


def incidents(n: int, gazetteer: Gazetteer, seed: int = 7) -> list[Incident]:
    rng = random.Random(seed)
    places = real_places(gazetteer, seed=seed)
    types = [(t, s) for t, subs in sorted(ACLED_TYPES.items()) for s in sorted(subs)]
    start = date(2022, 2, 24)
    out = []
    for k in range(n):
        geonameid, name, lat, lon, country, admin1_code = places[rng.randrange(len(places))]
        event_type, sub = types[rng.randrange(len(types))]
        day = start + timedelta(days=rng.randrange(1000))
        groups = tuple(rng.sample(GROUPS, rng.choice((1, 1, 2))))
        quote = f"Reports said {groups[0]} carried out a {sub.lower()} near {name} <b>on</b> {day:%d %B}."
        out.append(Incident(
            event_date=day, time_precision=rng.choice((1, 1, 1, 2, 3)), place_as_written=name, place=name,
            latitude=lat, longitude=lon, country=country, admin1=gazetteer.region_name(country, admin1_code),
            geonameid=geonameid, geo_precision=rng.choice((1, 1, 2, 3)), event_type=event_type, sub_event_type=sub,
            actors=groups, claimed_by=(groups[0],), summary=f"{sub} by {groups[0]} at {name}",
            sources=(Source(f"synthetic-{k % 5000}", quote, 0, len(quote), f"Synthetic report {k % 5000}",
                            f"https://example.org/{k % 5000}", "Synthetic Wire"),),
            confidence=round(rng.random(), 2), id=f"syn{k:07d}",
        ))
    return out
