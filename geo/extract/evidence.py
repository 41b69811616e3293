"""From what one clause says (Evidence) to the Incident it reports, coded as ACLED codes it.

geo.extract.pipeline reads the article and collects the evidence; this module codes it: the
date and its precision, the place and its precision (or the region an unknown place is coded
to), the event type, the actors, who claims it, the confidence and the incident's id.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from geo.extract.dates import DateMention
from geo.extract.mentions import PlaceMention
from geo.extract.segment import Span
from geo.gazetteer.index import AREA_KINDS
from geo.records import Article, Incident, Place, Source


@dataclass(frozen=True)
class Evidence:
    """What one clause says: kept until the clause becomes an Incident."""

    place: PlaceMention
    dates: DateMention | None
    inherited_date: tuple[date, int] | None
    actors: tuple[str, ...]
    claimed_by: tuple[str, ...]
    event_type: str
    sub_event_type: str
    weight: float
    sentence: Span
    region: Place | None = None  # a region the same sentence names: where an unknown place is coded
    attempt_to_capture: bool = False  # the sentence says "attempted to capture": a clash, not a capture
    fatalities: int | None = None  # the toll its sentence (or the next) gives for this one place
    denied_by: tuple[str, ...] = ()  # who its sentence says denies it
    container: Place | None = None  # for an unknown place, the known place named as where it is


_REGION_WORD = " region"


def incident_id(article_id: str, place: str, day: date, sub_event_type: str) -> str:
    return short_digest(f"{article_id}|{place}|{day.isoformat()}|{sub_event_type}")


def short_digest(text: str) -> str:
    """The 16 hex digits an incident's id is made of."""
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:16]


def _geo_precision(text: str, mention: PlaceMention, near: re.Pattern[str], district: re.Pattern[str] | None) -> int:
    place = mention.place
    if place is None or place.kind in ("region", "country"):
        return 3
    if near.search(text[max(0, mention.start - 50):mention.start]):
        return 2
    if district is not None and district.match(text, mention.end):
        return 2  # "the Graivoron district": somewhere in the district, coded at its town
    return 1


def main_region(mentions: list[PlaceMention], area: Callable[[str, str], Place | None] = lambda c, a: None,
                ) -> Place | None:
    """The region the article names most (directly or through its towns): where unknown places
    are coded. area: the region of a country and admin1 code, for a region named only through
    its towns (Omdurman and Khartoum: Khartoum State)."""
    counts: dict[tuple[str, str], int] = {}
    regions: dict[tuple[str, str], Place] = {}
    for m in mentions:
        if m.place is None or m.place.kind == "country" or not m.place.admin1_code:
            continue
        key = (m.place.country, m.place.admin1_code)
        counts[key] = counts.get(key, 0) + 1
        if m.place.kind == "region":
            regions[key] = m.place
    if not counts:
        return None
    best = max(counts, key=lambda k: counts[k])
    return regions.get(best) or area(*best)


def main_country(mentions: list[PlaceMention], area: Callable[[str, str], Place | None]) -> Place | None:
    """The country the article's places lie in most (ties: none), for an unknown place in an
    article that names no region: "the town of Touline" in a story that names Lebanon."""
    counts: dict[str, int] = {}
    for m in mentions:
        if m.place is not None and m.place.kind != "continent" and m.place.country:
            counts[m.place.country] = counts.get(m.place.country, 0) + 1
    ranked = sorted(counts.values(), reverse=True)
    if not ranked or (len(ranked) > 1 and ranked[0] == ranked[1]):
        return None
    return area(max(counts, key=lambda c: counts[c]), "")


def to_incident(article: Article, e: Evidence, text: str, article_region: Place | None, kinds: dict[str, str],
                near: re.Pattern[str], seat: Callable[[Place], Place | None] = lambda area: None,
                district: re.Pattern[str] | None = None, article_country: Place | None = None) -> Incident | None:
    """The incident a clause's evidence reports, coded as ACLED codes it; None for an unknown place
    in an article that names no region. kinds: the actor table's kinds; near: the "near X" cue;
    seat: the town where a report known only by its region or country is drawn (Gazetteer.seat:
    ACLED's convention, README "Where areas are drawn"), the area's own point where it gives none;
    district: the words after a town's name that make it a district's ("Graivoron district");
    article_country: where an unknown place is coded when neither its sentence nor the article
    names a region (main_country)."""
    mention = e.place
    place: Place | None = mention.place
    if e.dates is not None:
        day, time_precision = e.dates.value, e.dates.precision
    else:
        assert e.inherited_date is not None
        day, time_precision = e.inherited_date
    sub = e.sub_event_type
    event_type = e.event_type
    actor_kinds = {kinds.get(a, "") for a in e.actors}
    if sub == "Non-state actor overtakes territory" and actor_kinds and not actor_kinds & {"non-state", "unidentified"}:
        sub = "Armed clash"  # states taking ground from each other: ACLED codes the fighting
    if e.attempt_to_capture:
        event_type, sub = "Battles", "Armed clash"
    geo_precision = _geo_precision(text, mention, near, district)
    unresolved = place is None
    if place is None:
        # A place the gazetteer does not know, reported as unresolved: coded at the town the text
        # says it lies in ("the village of X in the Chuhuiv district", "... all in Bokkos") with
        # precision 2, else to the region its sentence names, else the region the article is
        # about (precision 3), as ACLED codes a place it cannot find.
        container = e.container
        near_town = container is not None and container.kind not in ("region", "country")
        where: Place | None
        if container is not None and container.kind == "country":
            # "Koniko gas field in Syria": the region its sentence names there, if any (not the
            # article's: "the Ayn al-Asad airbase in western Iraq" in a story about Erbil)
            where = e.region if e.region is not None and e.region.country == container.country else container
        else:
            where = container if container is not None else e.region or article_region or article_country
        if where is None:
            return None
        point = where if near_town else seat(where) or where
        label = (f"{mention.text} (near {where.name})" if near_town else f"{mention.text} (somewhere in {where.name})"
                 if where.kind == "country" or where.name.lower().endswith(_REGION_WORD)
                 else f"{mention.text} (somewhere in {where.name} region)")  # (not "Sagaing Region region")
        return Incident(
            event_date=day, time_precision=time_precision, place_as_written=mention.text,
            place=label,
            latitude=point.latitude, longitude=point.longitude, country=where.country, admin1=where.admin1,
            geonameid=None, geo_precision=2 if near_town else 3, event_type=event_type, sub_event_type=sub,
            fatalities=e.fatalities, actors=e.actors, denied_by=e.denied_by,
            claimed_by=e.claimed_by or ((article.outlet,) if article.outlet else ()),
            sources=(_source(article, e.sentence),), summary=summary(sub, mention.text, e.actors),
            confidence=0.35 if near_town else 0.3, unresolved=True, id=incident_id(article.id, mention.text, day, sub),
        )
    confidence = 0.4 + (0.2 if time_precision == 1 and e.dates is not None else 0.1 if e.dates is not None else 0.0)
    confidence += 0.15 if geo_precision == 1 else 0.05
    confidence += 0.1 if e.actors else 0.0
    confidence += 0.1 if e.weight >= 3 else 0.05
    if place.matched_by.startswith("fuzzy"):
        confidence -= 0.1
    claimed = e.claimed_by or ((article.outlet,) if article.outlet else ())
    point = seat(place) or place if place.kind in AREA_KINDS else place
    return Incident(
        event_date=day, time_precision=time_precision, place_as_written=mention.text, place=place.name,
        latitude=point.latitude, longitude=point.longitude, country=place.country, admin1=place.admin1,
        geonameid=place.geonameid, geo_precision=geo_precision, event_type=event_type, sub_event_type=sub,
        fatalities=e.fatalities, actors=e.actors, denied_by=e.denied_by, claimed_by=claimed, sources=(_source(article, e.sentence),),
        summary=summary(sub, place.name if place.kind != "region" else f"{place.name} region", e.actors),
        confidence=round(min(0.95, max(0.05, confidence)), 2), unresolved=unresolved,
        id=incident_id(article.id, place.name, day, sub),
    )


def _source(article: Article, sentence: Span) -> Source:
    return Source(article.id, sentence.text, sentence.start, sentence.end, article.title, article.url, article.outlet)


def summary(sub: str, place: str, actors: tuple[str, ...]) -> str:
    """The one-line summary of an incident: what, by whom, where."""
    who = f" by {', '.join(actors)}" if actors else ""
    return f"{sub}{who} at {place}"
