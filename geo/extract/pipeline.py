"""From an article to the incidents it reports, each with its evidence.

A clause that names an event (a trigger word), a place and, directly or from the sentences
before it, a date is an incident. The rules are about the language of news reports
(prepositions of place, attribution verbs, tense), never about particular articles; the word
lists live in data/.
"""

from __future__ import annotations

import hashlib
import re
import sys
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Generic, TypeVar

from geo.errors import BadInput
from geo.extract.actors import ActorMention, find_actors, find_anaphors, load_actors, main_actor
from geo.extract.claims import claimants
from geo.extract.corroborate import merge_incidents
from geo.extract.dates import FUTURE, DateMention, find_dates
from geo.extract.mentions import PlaceMention, find_places
from geo.extract.segment import Deadline, Span, clauses, sentences
from geo.extract.triggers import TriggerMatch, find_triggers, type_of
from geo.gazetteer.lookup import Gazetteer
from geo.gazetteer.names import name_key
from geo.records import Article, Incident, Place, Source

T = TypeVar("T")

# Dates older than this before publication are background, not the news of the day.
BACKGROUND_DAYS = 120
# How far back a date named in an earlier sentence still dates a later one.
DISCOURSE_SENTENCES = 12
# "near X", "outside X", "on the outskirts of X": the incident is near the place (ACLED precision 2).
_NEAR = re.compile(
    r"\b(?:near|outside|around|close to|outskirts of|vicinity of|(?:\d+\s*(?:km|kilometres|kilometers|miles)\s+)?"
    r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+of|"
    r"villages\s+(?:in|of|around)|towns\s+in|areas?\s+(?:of|around)|parts?\s+of|settlements\s+in|across|throughout)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# Text between two places that makes the second say where the first is:
# "Terebreno village, which is in Belgorod", "Grayvoron in Russia's Belgorod region".
_CONTAINER_AFTER = re.compile(
    r"^\s*(?:village|town|city|settlement|hamlet)?\s*,?\s*(?:(?:which|that)\s+(?:is|lies|sits)\s+)?in\s+"
    r"(?:the\s+)?(?:[A-Z][\w'’]*['’]s\s+)?$"
)
# ... and text that makes the first say where the second is: "the Belgorod settlement of Kozinka".
_CONTAINER_BEFORE = re.compile(r"^\s+(?:region['’]s\s+)?(?:village|town|city|settlement|hamlet|district)\s+of\s+(?:the\s+)?$")
# Officials named by their place: "the governor of Belgorod" is not an event there.
_OFFICIAL_OF = re.compile(r"\b(?:governor|mayor|head|chief|authorities|residents|people|citizens|administration|parliament|government)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
# A place name as the subject of a statement is its government: "Kyiv said", "Moscow denied".
_SPEAKS = re.compile(r"^\s+(?:\w+\s+)?(?:said|says|insisted|insists|denied|denies|claimed|claims|announced|warned|accused|stated|responded)\b")
# A wire story's dateline names where the reporter is, not where anything happened:
# "KHARTOUM (Reuters) -", "GAZA (AP) —", "KYIV, Ukraine (AFP) –".
_DATELINE = re.compile(r"^[ \t]*[A-Z][A-Z .'’-]{2,40}(?:,\s*[A-Z][\w .]{1,30})?\s*\([^)\n]{1,30}\)\s*[-—–]", re.MULTILINE)
# Present-tense reports of something ongoing: dated to the month of publication.
_ONGOING = re.compile(r"\b(?:is|are|has been|have been)\s+\w+ing\b|\bongoing\b|\bcontinu(?:es|ing)\b|\btaking place\b|\bin recent months\b", re.IGNORECASE)
# Hypotheticals and denials are no incidents.
_NEGATED = re.compile(r"\b(?:did not|didn't|does not|doesn't|never|no evidence|denie[sd]|not yet)\b[^.;]{0,40}$", re.IGNORECASE)
# Sentences that start "It alleged:" or "They said" carry the claimant of the sentence before.
_PRONOUN_SUBJECT = re.compile(r"^(?:It|They|He|She)\s+\w+(?:ed|s)\b")
# "attempted to capture": fighting, not a capture (looked for once per sentence).
_ATTEMPT_TO_CAPTURE = re.compile(r"\battempt(?:s|ed)?\s+to\s+captur", re.IGNORECASE)
# Where each word starts (a non-space after a space): counts words between two names.
_WORD_START = re.compile(r"(?<!\S)\S")
# How far before a trigger _NEGATED can start: its longest word ("no evidence") and 40 characters.
_NEGATED_REACH = 64
# Generic history, not an event: "since the beginning of the conflict, the region has been shelled".
_HABITUAL = re.compile(r"\bsince the (?:beginning|start) of\b|\bhas been repeatedly\b|\bhave been repeatedly\b|\boften\b|\busually\b|\btypically\b", re.IGNORECASE)


class MissingPublicationDate(BadInput):
    """Relative dates ("on Sunday") cannot be resolved without the article's publication date."""


@dataclass(frozen=True)
class _Evidence:
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


def incident_id(article_id: str, place: str, day: date, sub_event_type: str) -> str:
    digest = hashlib.sha1(f"{article_id}|{place}|{day.isoformat()}|{sub_event_type}".encode(), usedforsecurity=False).hexdigest()
    return digest[:16]


def _geo_precision(text: str, mention: PlaceMention) -> int:
    place = mention.place
    if place is None or place.kind in ("region", "country"):
        return 3
    if _NEAR.search(text[max(0, mention.start - 50):mention.start]):
        return 2
    return 1


def _is_container(text: str, mention: PlaceMention, others: list[PlaceMention]) -> bool:
    """A place named to say where another one is: "Terebreno village, which is in Belgorod"."""
    for other in others:
        if other is mention:
            continue
        q = mention.place
        if other.place is None:  # an unknown village "in Gezira state": the region is its container
            same_area = q is not None and q.kind in ("region", "country")
        else:
            same_area = q is None or q.kind in ("region", "country") or (
                q.country == other.place.country and q.admin1_code == other.place.admin1_code
            )
        if not same_area:
            continue
        if other.end <= mention.start and _CONTAINER_AFTER.match(text[other.end:mention.start]):
            return True
        if mention.end <= other.start and _CONTAINER_BEFORE.match(text[mention.end:other.start]):
            return True
    return False


def _sentence_places(text: str, inside: list[PlaceMention], word_starts: list[int]) -> list[PlaceMention]:
    """The places of one sentence (inside: its mentions, in order) that may be where something happened.

    word_starts: where each word of the text starts, to find the few names close enough to a
    name to be its container (comparing every pair was quadratic in a sentence without end)."""
    nearby = _Nearby(inside, word_starts)
    kept = []
    for m in inside:
        if m.place is not None and m.place.kind == "country":
            continue  # a country alone is no incident location
        if _OFFICIAL_OF.search(text[max(0, m.start - 40):m.start]) or _SPEAKS.match(text[m.end:m.end + 30]):
            continue
        if _is_container(text, m, nearby.of(m)):
            continue
        kept.append(m)
    # A region named beside a town in it ("Kozinka in the Belgorod region") only says where the town is.
    town_areas = {(m.place.country, m.place.admin1_code) for m in kept
                  if m.place is not None and m.place.kind not in ("region", "country")}
    return [
        m for m in kept
        if not (m.place is not None and m.place.kind == "region" and (m.place.country, m.place.admin1_code) in town_areas)
    ]


# The text between a name and its container (_CONTAINER_AFTER: "village, which is in the
# Russia's"; _CONTAINER_BEFORE: "region's village of the") has at most 7 words.
_CONTAINER_WORDS = 8


class _Nearby:
    """The mentions of a sentence that end or start within _CONTAINER_WORDS words of a mention."""

    def __init__(self, mentions: list[PlaceMention], word_starts: list[int]) -> None:
        self._by_end = sorted(mentions, key=lambda m: m.end)
        self._ends = [m.end for m in self._by_end]
        self._by_start = sorted(mentions, key=lambda m: m.start)
        self._starts = [m.start for m in self._by_start]
        self._words = word_starts

    def of(self, m: PlaceMention) -> list[PlaceMention]:
        words = self._words
        # Before m: a gap holding the start of _CONTAINER_WORDS words or more cannot match.
        j = bisect_left(words, m.start)
        low = words[j - _CONTAINER_WORDS] if j >= _CONTAINER_WORDS else -1
        before = self._by_end[bisect_right(self._ends, low):bisect_right(self._ends, m.start)]
        # After m: the same, counting words from its end.
        j = bisect_left(words, m.end)
        high = words[j + _CONTAINER_WORDS - 1] if j + _CONTAINER_WORDS - 1 < len(words) else sys.maxsize
        after = self._by_start[bisect_left(self._starts, m.end):bisect_right(self._starts, high)]
        return before + after


def _recent(d: DateMention, published: date) -> bool:
    return d.precision <= 3 and timedelta(days=-BACKGROUND_DAYS) <= d.value - published <= timedelta(days=3)


def extract_incidents(
    article: Article, gazetteer: Gazetteer, user_places: dict[str, Place] | None = None, *,
    time_limit_s: float | None = None,
) -> list[Incident]:
    """The incidents the article reports; [] when it reports none.

    user_places maps name keys to places a user pinned on the map; they resolve names the
    gazetteer does not know. With time_limit_s, geo.errors.TimeLimitExceeded is raised once
    that many seconds have passed (checked between sentences, and every few hundred names
    while places are found), its message saying how far extraction got.

    The work is linear in the article's length: every list of things found in the whole text
    (names, triggers, actors) is looked up by position for each sentence and clause, never
    scanned whole for each of them.
    """
    if article.published is None:
        raise MissingPublicationDate(
            f"{article.path or article.id}: no publication date; relative dates (\"on Sunday\") need it. "
            "Give --published YYYY-MM-DD or a 'published' column in articles.csv."
        )
    deadline = Deadline(time_limit_s, f"extracting {article.path or article.title or article.id}") \
        if time_limit_s is not None else None
    text = article.text
    published = article.published
    table = load_actors()
    named = find_actors(text, table)
    main = main_actor(named)
    anaphors = find_anaphors(text, main)
    datelines = [m.span() for m in _DATELINE.finditer(text)]
    mentions = find_places(text, gazetteer, blocked=[(a.start, a.end) for a in named] + datelines, deadline=deadline)
    if user_places:
        mentions = [
            replace(m, place=user_places[name_key(m.text)]) if m.place is None and name_key(m.text) in user_places else m
            for m in mentions
        ]
    article_region = _main_region(mentions)
    word_starts = [m.start() for m in _WORD_START.finditer(text)]
    mentions_at = _ByStart(mentions, [m.start for m in mentions])
    # Trigger words found once in the whole text, then handed to the clause that holds each.
    all_triggers = find_triggers(text)
    triggers_at = _ByStart(all_triggers, [t.start for t in all_triggers])
    # Actors and anaphors in order of position (stable: as _actors_in always sorted them).
    actors_in_order = sorted([*named, *anaphors], key=lambda a: a.start)
    actor_starts = [a.start for a in actors_in_order]
    evidence: list[_Evidence] = []
    last_recent: tuple[int, date, int] | None = None  # (sentence index, date, precision) of the last past-tense sentence
    previous_claims: tuple[str, ...] = ()

    all_sentences = sentences(text)
    for index, sentence in enumerate(all_sentences):
        if deadline is not None and deadline.expired():
            deadline.check(f"reading sentence {index + 1:,} of {len(all_sentences):,} (character {sentence.start:,} "
                           f"of {len(text):,}), {len(evidence):,} reports of incidents found so far")
        sentence_claims = tuple(claimants(sentence.text, main, table))
        if not sentence_claims and _PRONOUN_SUBJECT.match(sentence.text):
            sentence_claims = previous_claims
        previous_claims = sentence_claims
        named_dates = find_dates(sentence.text, published)
        sentence_dates = [d for d in named_dates if _recent(d, published)]
        background = [d for d in named_dates if not _recent(d, published)]
        date_starts = [d.start for d in sentence_dates]
        background_starts = [d.start for d in background]
        inside = mentions_at.within(sentence.start, sentence.end)
        places = _sentence_places(text, inside, word_starts)
        places_at = _ByStart(places, [m.start for m in places])
        sentence_actors = _actors_in(sentence, actors_in_order, actor_starts)
        sentence_region = next((m.place for m in inside if m.place is not None and m.place.kind == "region"), None)
        attempt: bool | None = None  # "attempted to capture": looked for once per sentence, when needed
        for clause in clauses(sentence):
            local = clause.start - sentence.start
            clause_text = clause.text
            triggers = [TriggerMatch(t.trigger, t.start - clause.start, t.end - clause.start)
                        for t in triggers_at.within(clause.start, clause.end + 1) if t.end <= clause.end]
            # A denial just before the trigger; only the last few dozen characters can hold it.
            triggers = [t for t in triggers if not _NEGATED.search(clause_text, max(0, t.start - _NEGATED_REACH), t.start)]
            lo = bisect_left(date_starts, local)
            hi = bisect_left(date_starts, local + len(clause_text))
            has_background = bisect_left(background_starts, local) < bisect_left(background_starts, local + len(clause_text))
            if not triggers:
                continue
            if FUTURE.search(clause_text) and lo == hi:
                continue
            if (has_background and lo == hi) or _HABITUAL.search(clause_text) and lo == hi:
                continue
            clause_places = places_at.within(clause.start, clause.end)
            if not clause_places:
                continue
            event_type, sub, weight = type_of(triggers)
            actors = _actors_in(clause, actors_in_order, actor_starts) or sentence_actors
            if lo == hi and sentence_dates:
                lo, hi = 0, len(sentence_dates)
            inherited: tuple[date, int] | None = None
            if lo == hi:
                earlier = last_recent if last_recent is not None and index - last_recent[0] <= DISCOURSE_SENTENCES else None
                if _ONGOING.search(clause_text) or earlier is None:
                    inherited = (date(published.year, published.month, 15), 3) if _ONGOING.search(clause_text) else (published, 2)
                else:
                    inherited = (earlier[1], earlier[2])
            if attempt is None:
                attempt = bool(_ATTEMPT_TO_CAPTURE.search(sentence.text))
            for mention in clause_places:
                best_date = _nearest(sentence_dates, date_starts, lo, hi, mention.start - sentence.start)
                evidence.append(_Evidence(mention, best_date, inherited, actors, sentence_claims, event_type, sub, weight,
                                          sentence, sentence_region, attempt))
        if sentence_dates and not FUTURE.search(sentence.text):
            d = sentence_dates[-1]
            last_recent = (index, d.value, d.precision)

    incidents = [i for i in (_incident(article, e, text, article_region) for e in evidence) if i is not None]
    return merge_incidents(incidents, within_article=True)


class _ByStart(Generic[T]):
    """The items of a list whose start lies in a span, in the list's order, found by bisection
    (a scan of the whole list for every sentence and clause was quadratic)."""

    def __init__(self, items: list[T], starts: list[int]) -> None:
        self._order = sorted(range(len(items)), key=starts.__getitem__)
        self._starts = [starts[k] for k in self._order]
        self._items = items

    def within(self, lo: int, hi: int) -> list[T]:
        """Items with lo <= start < hi."""
        picked = self._order[bisect_left(self._starts, lo):bisect_left(self._starts, hi)]
        return [self._items[k] for k in sorted(picked)]


def _nearest(dates: list[DateMention], starts: list[int], lo: int, hi: int, at: int) -> DateMention | None:
    """Of dates[lo:hi] (in order of start), the one starting nearest to at; the earlier on a tie."""
    if lo == hi:
        return None
    k = bisect_left(starts, at, lo, hi)
    if k == lo:
        return dates[lo]
    if k == hi:
        return dates[hi - 1]
    return dates[k - 1] if at - starts[k - 1] <= starts[k] - at else dates[k]


def _main_region(mentions: list[PlaceMention]) -> Place | None:
    """The region the article names most (directly or through its towns): where unknown places are coded."""
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
    return regions.get(best)


def _actors_in(span: Span, in_order: list[ActorMention], starts: list[int]) -> tuple[str, ...]:
    """The actors named in span, in order, without repeats; in_order is sorted by start."""
    out: list[str] = []
    for a in in_order[bisect_left(starts, span.start):bisect_left(starts, span.end)]:
        if a.name not in out:
            out.append(a.name)
    return tuple(out)


def _incident(article: Article, e: _Evidence, text: str, article_region: Place | None) -> Incident | None:
    mention = e.place
    place: Place | None = mention.place
    if e.dates is not None:
        day, time_precision = e.dates.value, e.dates.precision
    else:
        assert e.inherited_date is not None
        day, time_precision = e.inherited_date
    sub = e.sub_event_type
    event_type = e.event_type
    kinds = {load_actors().kinds.get(a, "") for a in e.actors}
    if sub == "Non-state actor overtakes territory" and kinds and "non-state" not in kinds:
        sub = "Armed clash"  # states taking ground from each other: ACLED codes the fighting
    if e.attempt_to_capture:
        event_type, sub = "Battles", "Armed clash"
    geo_precision = _geo_precision(text, mention)
    unresolved = place is None
    if place is None:
        # A place the gazetteer does not know: coded to the region its sentence names, else the
        # region the article is about, as ACLED codes a place it cannot find (precision 3), and
        # reported as unresolved.
        article_region = e.region or article_region
        if article_region is None:
            return None
        return Incident(
            event_date=day, time_precision=time_precision, place_as_written=mention.text,
            place=f"{mention.text} (somewhere in {article_region.name} region)", latitude=article_region.latitude,
            longitude=article_region.longitude, country=article_region.country, admin1=article_region.admin1,
            geonameid=None, geo_precision=3, event_type=event_type, sub_event_type=sub, actors=e.actors,
            claimed_by=e.claimed_by or ((article.outlet,) if article.outlet else ()),
            sources=(_source(article, e.sentence),), summary=_summary(sub, mention.text, e.actors), confidence=0.3,
            unresolved=True, id=incident_id(article.id, mention.text, day, sub),
        )
    confidence = 0.4 + (0.2 if time_precision == 1 and e.dates is not None else 0.1 if e.dates is not None else 0.0)
    confidence += 0.15 if geo_precision == 1 else 0.05
    confidence += 0.1 if e.actors else 0.0
    confidence += 0.1 if e.weight >= 3 else 0.05
    if place.matched_by.startswith("fuzzy"):
        confidence -= 0.1
    claimed = e.claimed_by or ((article.outlet,) if article.outlet else ())
    return Incident(
        event_date=day, time_precision=time_precision, place_as_written=mention.text, place=place.name,
        latitude=place.latitude, longitude=place.longitude, country=place.country, admin1=place.admin1,
        geonameid=place.geonameid, geo_precision=geo_precision, event_type=event_type, sub_event_type=sub,
        actors=e.actors, claimed_by=claimed, sources=(_source(article, e.sentence),),
        summary=_summary(sub, place.name if place.kind != "region" else f"{place.name} region", e.actors),
        confidence=round(min(0.95, max(0.05, confidence)), 2), unresolved=unresolved,
        id=incident_id(article.id, place.name, day, sub),
    )


def _source(article: Article, sentence: Span) -> Source:
    return Source(article.id, sentence.text, sentence.start, sentence.end, article.title, article.url, article.outlet)


def _summary(sub: str, place: str, actors: tuple[str, ...]) -> str:
    who = f" by {', '.join(actors)}" if actors else ""
    return f"{sub}{who} at {place}"
