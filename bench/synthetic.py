"""Deterministic synthetic incidents for benchmarks: real gazetteer places, plausible dates,
groups and types. Same seed, same incidents."""

from __future__ import annotations

import random
import sqlite3
from datetime import date, timedelta

from geo.gazetteer.lookup import Gazetteer
from geo.records import Incident, Source
from geo.schema import ACLED_TYPES

GROUPS = ("Freedom of Russia Legion", "Russian Volunteer Corps", "Military Forces of Russia",
          "Military Forces of Ukraine", "Wagner Group", "Rapid Support Forces", "Military Forces of Sudan")
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


# Sentences of the kinds a wire report is made of. {place}, {other}, {group}, {day} and {claimant}
# are filled from the gazetteer and the lists above; the rest is filler that names no event.
EVENT_SENTENCES = (
    "{group} shelled {place} on {day}, killing two people, the regional governor said.",
    "Fighting between {group} and local defence units continued near {place} on {day}, {claimant} said.",
    "A drone strike hit a warehouse in {place} on {day}, according to {claimant}.",
    "{claimant} said {group} had captured the village of {place} after days of heavy fighting.",
    "Residents of {other} reported explosions in {place} on {day}.",
    "On {day}, {group} attacked positions outside {place}, {claimant} claimed in a statement.",
    "Protesters rallied in {place} on {day} to demand the release of detained activists.",
    "Gunmen abducted at least five civilians in {place} on {day}, local officials said.",
)
FILLER_SENTENCES = (
    "The claims could not be independently verified.",
    "Officials gave no further details about the damage or the number of people affected.",
    "Aid groups have warned for months that the humanitarian situation is getting worse.",
    "The ministry said it would publish a fuller account once the information had been checked.",
    "Analysts said the latest developments were part of a wider pattern seen since the spring.",
    "Several families said they had spent the night in basements and shelters.",
    "The governor urged residents to stay indoors and follow official announcements.",
    "Correspondents on the ground described long queues at fuel stations and shops.",
    "Diplomats at the United Nations called for restraint and for the protection of civilians.",
    "Electricity and water supplies were interrupted for several hours, the utility company said.",
    "Schools in the district moved their lessons online for the rest of the week.",
    "The statement did not say how many fighters had taken part in the operation.",
)
CLAIMANTS = ("the defence ministry", "a military spokesperson", "local authorities", "the regional administration",
             "a monitoring group", "state media")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def articles(n: int, gazetteer: Gazetteer, *, words: int = 800, seed: int = 7) -> list[tuple[str, str, date]]:
    """n synthetic news reports of about `words` words: (file name, text, publication date).

    Each has a headline, a handful of event sentences on real places of one country, dated by
    weekday or by day and month, and filler sentences around them, as a wire report has."""
    rng = random.Random(seed)
    places = real_places(gazetteer, seed=seed)
    by_country: dict[str, list[str]] = {}
    for _gid, name, _lat, _lon, country, _admin in places:
        by_country.setdefault(country, []).append(name)
    countries = sorted(c for c, names in by_country.items() if len(names) >= 20)
    start = date(2022, 3, 1)
    out = []
    for k in range(n):
        names = by_country[countries[rng.randrange(len(countries))]]
        published = start + timedelta(days=rng.randrange(900))
        body: list[str] = []
        headline_place = names[rng.randrange(len(names))]
        body.append(f"Fighting reported around {headline_place} as attacks continue\n")
        while sum(len(s.split()) for s in body) < words:
            if rng.random() < 0.2:
                ago = rng.randrange(0, 6)
                day_text = (WEEKDAYS[(published - timedelta(days=ago)).weekday()] if rng.random() < 0.6
                            else f"{(published - timedelta(days=ago)).day} {(published - timedelta(days=ago)):%B}")
                body.append(EVENT_SENTENCES[rng.randrange(len(EVENT_SENTENCES))].format(
                    place=names[rng.randrange(len(names))], other=names[rng.randrange(len(names))],
                    group=GROUPS[rng.randrange(len(GROUPS))], day=day_text,
                    claimant=CLAIMANTS[rng.randrange(len(CLAIMANTS))]))
            else:
                body.append(FILLER_SENTENCES[rng.randrange(len(FILLER_SENTENCES))])
        paragraphs = []
        for p in range(0, len(body), 4):
            paragraphs.append(" ".join(s[:1].upper() + s[1:] for s in body[p:p + 4]))
        out.append((f"synthetic-{k:06d}.txt", "\n\n".join(paragraphs), published))
    return out


def long_article(size_bytes: int, gazetteer: Gazetteer, *, one_line: bool = False, seed: int = 7) -> tuple[str, date]:
    """One article of about size_bytes (UTF-8): synthetic reports one after another, as a long
    live blog or a pasted dossier is; with one_line, every line break is a space (text pasted
    from a page that kept none). Returns (text, publication date of the first report)."""
    reports = articles(max(1, size_bytes // 5000 + 1), gazetteer, seed=seed)
    published = reports[0][2]
    parts: list[str] = []
    size = 0
    k = 0
    while size < size_bytes:
        text = reports[k % len(reports)][1]
        parts.append(text)
        size += len(text.encode("utf-8")) + 2
        k += 1
    text = "\n\n".join(parts)
    if one_line:
        text = " ".join(text.split("\n"))
    return text[:size_bytes], published
