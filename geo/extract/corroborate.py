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

from geo.extract.claims import distinct_names
from geo.gazetteer.lookup import haversine_km
from geo.records import Incident, Source

MERGE_KM = 10.0


def date_range(day: date, precision: int) -> tuple[date, date]:
    if precision == 1:
        return day, day
    if precision == 2:
        return day - timedelta(days=3), day + timedelta(days=3)
    first = day.replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return first, last


def dates_overlap(a: Incident, b: Incident) -> bool:
    """The date ranges of a and b (a day, a week or a month by time_precision) meet."""
    a0, a1 = date_range(a.event_date, a.time_precision)
    b0, b1 = date_range(b.event_date, b.time_precision)
    return a0 <= b1 and b0 <= a1


def compatible(a: Incident, b: Incident) -> bool:
    """Reports of one event type, or one of them only a strategic development."""
    if a.event_type == b.event_type:
        return True
    loose = {"Strategic developments"}
    return a.event_type in loose or b.event_type in loose


def _same_place(a: Incident, b: Incident, within_article: bool = False) -> bool:
    """The same place, or places within MERGE_KM where one of them is only approximate.

    Two towns 6 km apart (Kozinka and Grayvoron) are two incidents when both are exact.
    """
    if a.unresolved or b.unresolved or any(math.isnan(v) for v in (a.latitude, a.longitude, b.latitude, b.longitude)):
        # A place the gazetteer does not know is only the same as itself, by name.
        return a.unresolved == b.unresolved and a.place_as_written.lower() == b.place_as_written.lower()
    if (a.geonameid is not None and a.geonameid == b.geonameid) or (a.place, a.country) == (b.place, b.country):
        return True
    if a.place_as_written.casefold() != b.place_as_written.casefold() and (within_article or _same_sentence(a, b)):
        # "The Russians advanced in Novohrodivka and near Hrodivka": places a writer names one
        # beside the other are two places, however close; so are one article's "strike near
        # Rafah" and, two sentences on, its tank hit in Khan Younis, 9 km away.
        return False
    # "Near X" and X. A report known only by its region is drawn at the region's seat, but is not
    # the seat's own report by being drawn there (_region_report joins the two when it should).
    close = haversine_km(a.latitude, a.longitude, b.latitude, b.longitude) <= MERGE_KM
    return close and max(a.geo_precision, b.geo_precision) == 2


def _same_sentence(a: Incident, b: Incident) -> bool:
    """a and b are both reported by one sentence of one article (a quote of each)."""
    quotes = {(s.article_id, s.start) for s in a.sources}
    return any((s.article_id, s.start) in quotes for s in b.sources)


def _region_report(a: Incident, b: Incident) -> bool:
    """a is a report at b's region, or at the town the region is named after, on the same days by the same actor."""
    if a.unresolved or a.country != b.country or not a.admin1 or a.admin1 != b.admin1 or a.place == b.place:
        return False  # (a village the gazetteer lacks is coded at its region, but is a place of its own)
    # A city named like its region ("Belgorod") in another sentence than the town is often the
    # region ("the combatants in Belgorod" beside a raid on Grayvoron); beside the town in one
    # sentence ("shelled Kharkiv and Kupiansk") it is a place of its own.
    named_for_region = a.geo_precision == 3 or (a.place == a.admin1 and a.sub_event_type == b.sub_event_type
                                                and not _same_sentence(a, b))
    specific = b.geo_precision < 3 and b.place != b.admin1
    if a.fatalities is not None and b.fatalities is not None and a.fatalities != b.fatalities:
        return False  # each with a toll of its own: two events ("two killed in Kharkiv ... one in Kupiansk")
    # ... of a compatible type: an airstrike somewhere in the province is no part of a town's clashes
    return (named_for_region and specific and bool(set(a.actors) & set(b.actors)) and dates_overlap(a, b)
            and compatible(a, b))


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
    denied = tuple(distinct_names([*keep.denied_by, *other.denied_by]))
    # A party one report quotes denying the event claims it in no other ("Zelensky denied the village
    # was taken ... Zelensky said his forces were in full control there").
    claimed = tuple(c for c in distinct_names([*keep.claimed_by, *other.claimed_by])
                    if not any(c == d or d.endswith(" " + c) or c.endswith(" " + d) for d in denied))
    # Reports that disagree on the toll: the lowest, as ACLED codes conflicting reports.
    tolls = [t for t in (a.fatalities, b.fatalities) if t is not None]
    sub = keep.sub_event_type
    event_type = keep.event_type
    if keep.event_type == "Strategic developments" and other.event_type != "Strategic developments":
        event_type, sub = other.event_type, other.sub_event_type
    return replace(
        keep, event_date=day, time_precision=precision, actors=actors, claimed_by=claimed, denied_by=denied,
        fatalities=min(tolls) if tolls else None,
        sources=tuple(sorted(sources, key=lambda s: (s.article_id, s.start))), event_type=event_type,
        sub_event_type=sub, confidence=round(min(0.99, max(a.confidence, b.confidence) + 0.05), 2),
        summary=keep.summary if event_type == keep.event_type else other.summary,
    )


def same_incident(a: Incident, b: Incident, *, within_article: bool = False) -> bool:
    """Reports of the same event, from several articles, or from one (within_article)."""
    return _same_place(a, b, within_article) and dates_overlap(a, b) and compatible(a, b) and _same_sides(a, b)


# One-sided violence: one attacker a report. (A battle's reports often name one side each.)
ONE_SIDED = frozenset({"Explosions/Remote violence", "Violence against civilians"})


def _same_sides(a: Incident, b: Incident) -> bool:
    """Reports of one-sided violence that both name who acted name at least one actor in common:
    Israel's airstrike on a port and the Houthis' missiles at a ship off it are two events."""
    if a.event_type not in ONE_SIDED or b.event_type not in ONE_SIDED or not a.actors or not b.actors:
        return True
    return bool(set(a.actors) & set(b.actors))


def merge_incidents(incidents: list[Incident], *, within_article: bool = False) -> list[Incident]:
    """Merge every pair that reports the same incident; order of first report kept.

    Each report is compared only with the merged reports it could be the same as (same
    place, name, nearby point or region, in an overlapping month), in the order a comparison
    with every one of them would take, so the result is that of _merge_pairwise; and the
    sources of a report merged many times are gathered once, not copied at every merge.
    Comparing every pair, and copying the sources, was quadratic in a long article."""
    if any(not _finite_or_nan(i) for i in incidents):
        return _merge_pairwise(incidents, within_article=within_article)
    out: list[Incident] = []
    gathered: list[dict[tuple[str, int], list[Source]] | None] = []  # sources of merged reports, by (article, start)
    index: dict[tuple, list[int]] = {}
    for incident in sorted(incidents, key=lambda i: (i.geo_precision, i.time_precision)):
        candidates = sorted({k for key in _query_keys(incident, within_article) for k in index.get(key, ())})
        for k in candidates:
            existing = out[k]
            if same_incident(existing, incident, within_article=within_article):
                first, second, keep_first = existing, incident, False
            elif within_article and _region_report(incident, existing):
                first, second, keep_first = existing, incident, True
            elif within_article and _region_report(existing, incident):
                first, second, keep_first = incident, existing, True
            else:
                continue
            groups = gathered[k]
            if groups is None:
                groups = _grouped(existing.sources)
            incident_groups = _grouped(incident.sources)
            a_groups, b_groups = (groups, incident_groups) if first is existing else (incident_groups, groups)
            keeps_a = keep_first or (first.geo_precision, first.time_precision) <= (second.geo_precision, second.time_precision)
            kept, added = (a_groups, b_groups) if keeps_a else (b_groups, a_groups)
            for key, group in added.items():
                if key not in kept:
                    kept[key] = group[:1]
            gathered[k] = kept
            out[k] = merge(replace(first, sources=()), replace(second, sources=()), keep_first=keep_first)
            _add_keys(index, out[k], k, within_article)
            break
        else:
            out.append(incident)
            gathered.append(None)
            _add_keys(index, incident, len(out) - 1, within_article)
    done = [
        incident if groups is None else replace(incident, sources=tuple(s for key in sorted(groups) for s in groups[key]))
        for incident, groups in zip(out, gathered)
    ]
    return sorted(done, key=lambda i: (i.event_date, i.place))


def _merge_pairwise(incidents: list[Incident], *, within_article: bool = False) -> list[Incident]:
    """merge_incidents by comparing each report with every merged one (what it must equal)."""
    out: list[Incident] = []
    for incident in sorted(incidents, key=lambda i: (i.geo_precision, i.time_precision)):
        for k, existing in enumerate(out):
            if same_incident(existing, incident, within_article=within_article):
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


def _grouped(sources: tuple[Source, ...]) -> dict[tuple[str, int], list[Source]]:
    groups: dict[tuple[str, int], list[Source]] = {}
    for s in sources:
        groups.setdefault((s.article_id, s.start), []).append(s)
    return groups


def _finite_or_nan(i: Incident) -> bool:
    """Coordinates that are numbers or NaN (haversine_km raises on infinities: keep that)."""
    return all(math.isfinite(v) or math.isnan(v) for v in (i.latitude, i.longitude))


# Cells of a grid over the Earth in three dimensions, a little larger than MERGE_KM: places
# within MERGE_KM of each other are in the same or neighbouring cells, near the poles too.
_CELL_KM = MERGE_KM * 1.2
_EARTH_KM = 6371.0


def _cell(i: Incident) -> tuple[int, int, int]:
    lat, lon = math.radians(i.latitude), math.radians(i.longitude)
    x = _EARTH_KM * math.cos(lat) * math.cos(lon)
    y = _EARTH_KM * math.cos(lat) * math.sin(lon)
    z = _EARTH_KM * math.sin(lat)
    return math.floor(x / _CELL_KM), math.floor(y / _CELL_KM), math.floor(z / _CELL_KM)


def _months(i: Incident) -> list[int]:
    """The months i's date range touches (any two reports of one incident share one)."""
    first, last = date_range(i.event_date, i.time_precision)
    return list(range(first.year * 12 + first.month, last.year * 12 + last.month + 1))


def _approximate(i: Incident) -> bool:
    return i.unresolved or math.isnan(i.latitude) or math.isnan(i.longitude)


def _named_for_region(i: Incident) -> bool:
    return i.geo_precision == 3 or i.place == i.admin1


def _specific(i: Incident) -> bool:
    return i.geo_precision < 3 and i.place != i.admin1


def _add_keys(index: dict[tuple, list[int]], i: Incident, k: int, within_article: bool) -> None:
    """File merged report k under every key a report that matches it would look up."""
    keys: list[tuple] = [("name", i.place_as_written.lower())]
    if not _approximate(i):
        keys.append(("place", i.place, i.country))
        if i.geonameid is not None:
            keys.append(("id", i.geonameid))
        keys.append(("cell", *_cell(i)))
    if within_article and i.admin1:
        if _named_for_region(i):
            keys.append(("region-wide", i.country, i.admin1))
        if _specific(i):
            keys.append(("in-region", i.country, i.admin1))
    for month in _months(i):
        for key in keys:
            bucket = index.setdefault((*key, month), [])
            if not bucket or bucket[-1] != k:
                bucket.append(k)


def _query_keys(i: Incident, within_article: bool) -> list[tuple]:
    """The keys under which every merged report that i could merge with is filed."""
    keys: list[tuple] = [("name", i.place_as_written.lower())]
    if not _approximate(i):
        keys.append(("place", i.place, i.country))
        if i.geonameid is not None:
            keys.append(("id", i.geonameid))
        cx, cy, cz = _cell(i)
        keys.extend(("cell", cx + dx, cy + dy, cz + dz) for dx in (-1, 0, 1) for dy in (-1, 0, 1) for dz in (-1, 0, 1))
    if within_article and i.admin1:
        if _specific(i):
            keys.append(("region-wide", i.country, i.admin1))  # i may be merged into a report at its region
        if _named_for_region(i):
            keys.append(("in-region", i.country, i.admin1))  # ... or take in a report at its region
    return [(*key, month) for month in _months(i) for key in keys]
