"""One incident, several sources: merge reports of the same event.

Two reports are the same incident when their places are within MERGE_KM, their date
ranges overlap (a day, a week or a month by time_precision) and their types are compatible.
Inside one article a report at a region, or at the town the region is named after, also
merges into a more precise report in that region on the same dates by the same actor.
"""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date, timedelta

from geo.gazetteer import haversine_km
from geo.records import Incident

MERGE_KM = 10.0


def date_range(day: date, precision: int) -> tuple[date, date]:
    if precision == 1:
        return day, day
    if precision == 2:
        return day - timedelta(days=3), day + timedelta(days=3)
    first = day.replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return first, last


def _overlap(a: Incident, b: Incident) -> bool:
    a0, a1 = date_range(a.event_date, a.time_precision)
    b0, b1 = date_range(b.event_date, b.time_precision)
    return a0 <= b1 and b0 <= a1


def _compatible(a: Incident, b: Incident) -> bool:
    if a.event_type == b.event_type:
        return True
    loose = {"Strategic developments"}
    return a.event_type in loose or b.event_type in loose


def _same_place(a: Incident, b: Incident) -> bool:
    """The same place, or places within MERGE_KM where one of them is only approximate.

    Two towns 6 km apart (Kozinka and Grayvoron) are two incidents when both are exact.
    """
    if a.unresolved or b.unresolved or any(math.isnan(v) for v in (a.latitude, a.longitude, b.latitude, b.longitude)):
        # A place the gazetteer does not know is only the same as itself, by name.
        return a.unresolved == b.unresolved and a.place_as_written.lower() == b.place_as_written.lower()
    if (a.geonameid is not None and a.geonameid == b.geonameid) or (a.place, a.country) == (b.place, b.country):
        return True
    close = haversine_km(a.latitude, a.longitude, b.latitude, b.longitude) <= MERGE_KM
    return close and max(a.geo_precision, b.geo_precision) > 1


def _region_report(a: Incident, b: Incident) -> bool:
    """a is a report at b's region, or at the town the region is named after, on the same days by the same actor."""
    if a.country != b.country or not a.admin1 or a.admin1 != b.admin1 or a.place == b.place:
        return False
    named_for_region = a.geo_precision == 3 or (a.place == a.admin1 and a.sub_event_type == b.sub_event_type)
    specific = b.geo_precision < 3 and b.place != b.admin1
    return named_for_region and specific and bool(set(a.actors) & set(b.actors)) and _overlap(a, b)


def merge(a: Incident, b: Incident, keep_first: bool = False) -> Incident:
    """b's evidence added to a; the more precise date and place win (or a's place, with keep_first)."""
    if keep_first:
        keep, other = a, b
    else:
        keep, other = (a, b) if (a.geo_precision, a.time_precision) <= (b.geo_precision, b.time_precision) else (b, a)
    sources = list(keep.sources)
    for s in other.sources:
        if all((s.article_id, s.start) != (t.article_id, t.start) for t in sources):
            sources.append(s)
    day, precision = min([(a.event_date, a.time_precision), (b.event_date, b.time_precision)], key=lambda t: t[1])
    actors = tuple(dict.fromkeys([*keep.actors, *other.actors]))
    claimed = tuple(dict.fromkeys([*keep.claimed_by, *other.claimed_by]))
    sub = keep.sub_event_type
    event_type = keep.event_type
    if keep.event_type == "Strategic developments" and other.event_type != "Strategic developments":
        event_type, sub = other.event_type, other.sub_event_type
    return replace(
        keep, event_date=day, time_precision=precision, actors=actors, claimed_by=claimed,
        sources=tuple(sorted(sources, key=lambda s: (s.article_id, s.start))), event_type=event_type,
        sub_event_type=sub, confidence=round(min(0.99, max(a.confidence, b.confidence) + 0.05), 2),
        summary=keep.summary if event_type == keep.event_type else other.summary,
    )


def same_incident(a: Incident, b: Incident) -> bool:
    """Reports of the same event, from one article or several."""
    return _same_place(a, b) and _overlap(a, b) and _compatible(a, b)


def merge_incidents(incidents: list[Incident], *, within_article: bool = False) -> list[Incident]:
    """Merge every pair that reports the same incident; order of first report kept."""
    out: list[Incident] = []
    for incident in sorted(incidents, key=lambda i: (i.geo_precision, i.time_precision)):
        for k, existing in enumerate(out):
            if same_incident(existing, incident):
                out[k] = merge(existing, incident)
                break
            if within_article and _region_report(incident, existing):
                out[k] = merge(existing, incident, keep_first=True)
                break
            if within_article and _region_report(existing, incident):
                out[k] = merge(incident, existing, keep_first=True)
                break
        else:
            out.append(incident)
    return sorted(out, key=lambda i: (i.event_date, i.place))
