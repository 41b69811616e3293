"""What extraction finds in an article, as marked spans: its groups, places and dates.

The Sources page marks an article with these, so that what it shows is what extract_incidents
reads: the same vocabulary (the gazetteer's data folder), actors found first and kept out of
place names, wire-story datelines kept out too, and dates read sentence by sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Literal

from geo.extract.actors import ActorMention, find_actors
from geo.extract.cues import Cues
from geo.extract.dates import find_dates
from geo.extract.mentions import CONTEXT_ONLY_KINDS, PlaceMention, find_places, lowercase_words
from geo.extract.segment import Deadline, sentences
from geo.extract.vocabulary import Vocabulary, load_vocabulary
from geo.gazetteer.index import AREA_KINDS, HOW_ALTERNATE, HOW_LABELS, HOW_NAME, HOW_SKELETON
from geo.gazetteer.lookup import Gazetteer
from geo.gazetteer.names import name_key
from geo.records import Place

# How the gazetteer labels a country found by its demonym ("Russian"): context, not a place.
DEMONYM = "demonym"
SpanKind = Literal["group", "place", "date"]
# A wire story's dateline names where the reporter is, not where anything happened:
# "KHARTOUM (Reuters) -", "GAZA (AP) —", "KYIV, Ukraine (AFP) –", "JERUSALEM, Oct 7 -", "KANO,
# Nigeria, Aug 20 (Reuters) -", "JERUSALEM/DUBAI (Reuters) -" (a name in capitals and a dash, the
# agency left out); and a paragraph that opens with a place and a colon ("Kyiv: Ukraine's military on
# Sunday reported ..."), as some outlets date.
DATELINE = re.compile(r"^[ \t]*[A-Z][A-Z .'’/-]{2,40}(?:,\s*[A-Z][\w .]{1,30}){0,2}\s*(?:\([^)\n]{1,30}\)\s*)?[-—–]"
                      # a city in small letters needs its agency in brackets: "Bangkok (AFP) -", "Goma, Congo (AP) —"
                      r"|^[ \t]*[A-Z][\w'’-]+(?:[ -][A-Z][\w'’-]+){0,2}(?:,\s*[A-Z][\w .]{1,30}){0,2}\s*\([A-Z][^)\n]{1,30}\)\s*[-—–]"
                      r"|^[ \t]*[A-Z][\w'’-]+(?:[ -][A-Z][\w'’-]+){0,2}:(?=[ \t]+[A-Z“\"‘])", re.MULTILINE)


# A lower-case word after a name: the name is an adjective there ("Arab tribal gunmen").
_LOWER_AFTER = re.compile(r"[ \t]+[a-z]")


def _a_community_word(text: str, m: PlaceMention, cues: Cues) -> bool:
    """A community's name used as an adjective ("Arab tribal gunmen", "Rakhine villagers"), though a
    place is called so too (Arab, Alabama; Rakhine State): no place, unless a region's or a
    settlement's noun follows ("Rakhine state", "Kachin villages" stay places)."""
    return bool(cues.group_adjectives.fullmatch(m.text) and _LOWER_AFTER.match(text, m.end)
                and not cues.region_after.match(text, m.end) and not cues.settlement_after.match(text[m.end:m.end + 60]))


@dataclass(frozen=True)
class MarkedSpan:
    start: int
    end: int
    kind: SpanKind


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """Where a wire story's datelines are ("KHARKIV (Reuters) -"): not incident places."""
    return [m.span() for m in DATELINE.finditer(text)]


def read_names(text: str, gazetteer: Gazetteer, vocabulary: Vocabulary, *, deadline: Deadline | None = None,
               ) -> tuple[list[ActorMention], list[PlaceMention]]:
    """The groups and the place names of a text, as extract_incidents reads them and the Sources
    page marks them: actors first, and neither their names nor datelines taken for places."""
    named, places, _countries = read_names_and_countries(text, gazetteer, vocabulary, deadline=deadline)
    return named, places


def read_names_and_countries(text: str, gazetteer: Gazetteer, vocabulary: Vocabulary, *,
                             deadline: Deadline | None = None,
                             ) -> tuple[list[ActorMention], list[PlaceMention], frozenset[str]]:
    """read_names, and the countries the text names outright: by name or by demonym
    ("Nigerian police"), which locate no incident but say which country the story is in."""
    named = find_actors(text, vocabulary.actors)
    datelines = dateline_spans(text)
    blocked = [(a.start, a.end) for a in named] + datelines
    # A dateline's place is no incident place, but it says where the story is ("DHAKA — ... the
    # district of Gopalganj" is Bangladesh's, not India's namesake): read with the rest, then dropped.
    found = find_places(text, gazetteer, blocked=[(a.start, a.end) for a in named], deadline=deadline,
                        cues=vocabulary.cues, all_toponyms=True)
    found = [m for m in found if not any(a <= m.start < b for a, b in datelines)]
    cues = vocabulary.cues
    places = [m for m in found if (m.place is None and not cues.group_adjectives.fullmatch(m.text))
              or (m.place is not None and not (m.place.kind in CONTEXT_ONLY_KINDS or m.place.matched_by == DEMONYM)
                  and not _a_community_word(text, m, cues))]
    # "the Gulf of Aden": the sea's noun is no place (the name after it is, near_words.txt)
    water_of = vocabulary.cues.water_of
    places = [m for m in places if (w := water_of.match(text, m.start)) is None or w.end() != m.end]
    countries = frozenset(m.place.country for m in found if m.place is not None and m.place.kind == "country")
    places = with_facility_names(text, in_countries_said(text, places, gazetteer, vocabulary.cues), vocabulary.cues)
    places = with_listed_unknowns(text, with_region_adjectives(text, places, gazetteer), vocabulary.cues, blocked,
                                  gazetteer)
    places = with_unknowns_near_places(text, places, vocabulary.cues, blocked)
    places = with_unknowns_in_areas(text, places, vocabulary.cues, blocked)
    places = with_district_towns(text, places, gazetteer, vocabulary.cues, blocked)
    return named, one_sense(places), countries


def one_sense(places: list[PlaceMention]) -> list[PlaceMention]:
    """The mentions, a name read as unknown where the text gives it no context ("clashes in Rima
    Hazem, Areeqa and Shahba") read as the place the same name is elsewhere in the text ("in Areeqa,
    homes were set ablaze"), when that is one place: one sense per discourse."""
    known: dict[str, set[Place]] = {}
    for m in places:
        if m.place is not None:
            known.setdefault(name_key(m.text), set()).add(m.place)
    out = []
    for m in places:
        senses = known.get(name_key(m.text), set()) if m.place is None else set()
        out.append(replace(m, place=next(iter(senses))) if len(senses) == 1 else m)
    return out


def in_countries_said(text: str, places: list[PlaceMention], gazetteer: Gazetteer, cues: Cues) -> list[PlaceMention]:
    """The mentions, a town the text says lies in another country than the gazetteer's reading of
    its name ("the Ayn al-Asad airbase in western Iraq" read as a village in Israel) read as that
    country's place of the name, or as a place the gazetteer lacks; and so wherever the text
    writes the name (one sense per discourse)."""
    said: dict[tuple[str, int | None], Place | None] = {}
    for m, nxt in zip(places, places[1:]):
        q, c = m.place, nxt.place
        if (q is None or c is None or q.kind in AREA_KINDS or c.kind != "country" or c.country == q.country
                or not cues.container_after.match(text[m.end:nxt.start])):
            continue
        said[(name_key(m.text), q.geonameid)] = _town_named(gazetteer, m.text, {c.country})
    if not said:
        return places
    out = []
    for m in places:
        key = (name_key(m.text), m.place.geonameid) if m.place is not None else None
        out.append(replace(m, place=said[key], cue=True) if key in said else m)
    return out


def _town_named(gazetteer: Gazetteer, name: str, countries: AbstractSet[str] = frozenset(),
                regions: AbstractSet[tuple[str, str]] = frozenset()) -> Place | None:
    """The gazetteer's first town of the name in one of the countries or regions (country, admin1
    code), if any; the name read alone, so no misspelling is offered."""
    return next((p for p in gazetteer.candidates(name) if p.kind not in AREA_KINDS
                 and (p.country in countries or (p.country, p.admin1_code) in regions)), None)


def with_facility_names(text: str, places: list[PlaceMention], cues: Cues) -> list[PlaceMention]:
    """The mentions, a name the gazetteer does not know written with a facility's noun ("Koniko
    gas field", "the Hmeimim air base") taken with its noun: the field or base, not a village."""
    out = []
    for m in places:
        noun = cues.facility_after.match(text, m.end) if m.place is None else None
        out.append(replace(m, text=text[m.start:noun.end()], end=noun.end()) if noun is not None else m)
    return out


# "the Kursk border region", "its western Kursk region" read as "the Kursk ... region": one word
# between a region's name and its region word.
_REGION_AFTER_WORD = re.compile(r"\s+(?:border|frontier|front-line|frontline|western|eastern|northern|southern|central)"
                                r"\s+(?:region|oblast|province|governorate|state)\b", re.IGNORECASE)


def with_region_adjectives(text: str, places: list[PlaceMention], gazetteer: Gazetteer) -> list[PlaceMention]:
    """The mentions, a town's name followed by a word and "region" ("the Kursk border region")
    read as the region of that name that holds the town."""
    out = []
    for m in places:
        p = m.place
        if p is not None and p.kind not in ("region", "country", "continent") and p.admin1 \
                and name_key(p.admin1) == name_key(p.name) and _REGION_AFTER_WORD.match(text, m.end):
            region = gazetteer.area(p.country, p.admin1_code)
            if region is not None:
                m = replace(m, place=region)
        out.append(m)
    return out


# A name in a list: up to three capitalised words, or an ordinal and one ("1st Knyazhy").
_ITEM = r"(?:\d{1,2}(?:st|nd|rd|th)\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}"
# A list of names: "A, B and C", "A, B, and C", "A and B".
_NAME_LIST = re.compile(rf"{_ITEM}(?:\s*,\s*{_ITEM})*\s*,?\s+(?:and|or)\s+{_ITEM}")
_LIST_ITEM = re.compile(_ITEM)


def with_listed_unknowns(text: str, places: list[PlaceMention], cues: Cues,
                         blocked: list[tuple[int, int]] | None = None,
                         gazetteer: Gazetteer | None = None) -> list[PlaceMention]:
    """The mentions, and the names that a text lists with a town (one the gazetteer knows, or a
    village a place word marks) after a place word ("the recapture of Viktorovka, Nikolayevka and
    Staraya Sorochina", "at Ras Isa and Hodeidah", "villages including Knyazhy, 1st Knyazhy and
    2nd Knyazhy"): places too. A name the list's known towns have a namesake of in their region
    is that place ("shelled Kupiansk and Vovchansk": a small town read alone as a word, but beside
    Kupiansk the town of Kharkiv region); any other is unknown."""
    towns = _Spans([(m.start, m.end) for m in places
                    if (m.place is None and m.cue) or (m.place is not None and m.place.kind not in ("country", "continent"))])
    if not towns:
        return places
    unknown = _UnknownNames(text, places, cues, blocked)
    starts = [m.start for m in places]  # (the mentions come in order)
    added: list[PlaceMention] = []
    for lst in _NAME_LIST.finditer(text):
        before = text[max(0, lst.start() - 40):lst.start()]
        if not (cues.place_cue.search(before) or cues.settlement_before.search(before)):
            continue
        if not towns.meets(lst.start(), lst.end()):
            continue
        listed = places[bisect_left(starts, lst.start()):bisect_left(starts, lst.end())]
        regions = {(p.country, p.admin1_code) for m in listed
                   if (p := m.place) is not None and p.kind not in AREA_KINDS and p.admin1_code}
        for item in _LIST_ITEM.finditer(text, lst.start(), lst.end()):
            m = unknown.mention(item.start(), item.end())
            if m is None:
                continue
            if gazetteer is not None and regions:
                there = _town_named(gazetteer, m.text, regions=regions)
                m = replace(m, place=there) if there is not None else m
            added.append(m)
    return sorted([*places, *added], key=lambda m: m.start) if added else places


class _UnknownNames:
    """Names a text gives beside places that are places too, unknown: each new one that is no
    mention or blocked span already, no function word ("The"), and, a single word, not a word the
    text also writes in lower case ("Border" beside "the border")."""

    def __init__(self, text: str, places: list[PlaceMention], cues: Cues,
                 blocked: list[tuple[int, int]] | None) -> None:
        self._text = text
        self._cues = cues
        self._taken = _Spans([(m.start, m.end) for m in places] + list(blocked or ()))
        self._lowercase: frozenset[str] | None = None  # the text's lower-case words, read when first needed

    def mention(self, start: int, end: int) -> PlaceMention | None:
        name = self._text[start:end]
        if self._taken.meets(start, end) or name.lower() in self._cues.function_words:
            return None
        if " " not in name:
            if self._lowercase is None:
                self._lowercase = lowercase_words(self._text)
            if name.lower() in self._lowercase:
                return None
        return PlaceMention(name, start, end, None, True)


# After a place's name: "near" and a name ("in the Lower Shabelle region near Buslee", "the
# Chuhuiv district near Zorkovo"); the words a region's or district's name may end with first.
_NEAR_NAME = re.compile(rf"\s+(?:(?:region|district|province|state|area)\s+)?near\s+(?P<name>{_ITEM})")


def with_unknowns_near_places(text: str, places: list[PlaceMention], cues: Cues,
                              blocked: list[tuple[int, int]] | None = None) -> list[PlaceMention]:
    """The mentions, and a name the gazetteer does not know right after a known place and "near"
    ("militants attacked a base in the Lower Shabelle region near Buslee"): a place too, unknown,
    the more precise of the two."""
    unknown = _UnknownNames(text, places, cues, blocked)
    added: list[PlaceMention] = []
    for m in places:
        if m.place is None or m.place.kind in ("country", "continent"):
            continue
        near = _NEAR_NAME.match(text, m.end)
        if near is not None and (found := unknown.mention(near.start("name"), near.end("name"))) is not None:
            added.append(found)
    return sorted([*places, *added], key=lambda m: m.start) if added else places


# A name right before "in" and the area a mention names ("near Maungdaw in Rakhine State", "attacked
# Zorkovo in Ukraine's eastern Donetsk region"): up to three words between "in" and the area's name.
_NAME_IN_AREA = re.compile(rf"(?P<name>{_ITEM}),?\s+in\s+(?:the\s+)?(?:[\w'’-]+\s+){{0,3}}$")


def with_unknowns_in_areas(text: str, places: list[PlaceMention], cues: Cues,
                           blocked: list[tuple[int, int]] | None = None) -> list[PlaceMention]:
    """The mentions, and a name the gazetteer does not know that a place word puts in a region or
    country the text names ("captured a post near Maungdaw in Rakhine State"): a place too,
    unknown, in that area (the area alone was the incident's place before)."""
    unknown = _UnknownNames(text, places, cues, blocked)
    added: list[PlaceMention] = []
    for m in places:
        if m.place is None or m.place.kind not in ("region", "country"):
            continue
        found = _NAME_IN_AREA.search(text, max(0, m.start - 90), m.start)
        if found is None:
            continue
        start, end = found.span("name")
        if not cues.place_cue.search(text[max(0, start - 40):start]):
            continue  # "Rebels in Rakhine State": no place word before the name
        if (new := unknown.mention(start, end)) is not None:
            added.append(new)
    return sorted([*places, *added], key=lambda m: m.start) if added else places


# A capitalised word: the name a district is called by ("Graivoron", "Klimovsky").
_NAME_WORD = re.compile(r"\b[A-Z][\w'’-]+")


class _Spans:
    """Spans of the text, asked whether any meets a stretch: by bisection over their starts and
    the furthest end reached so far (a scan of all of them for each stretch was quadratic)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self._starts = [a for a, _ in spans]
        self._reach: list[int] = []
        furthest = -1
        for _, b in spans:
            furthest = max(furthest, b)
            self._reach.append(furthest)

    def __bool__(self) -> bool:
        return bool(self._starts)

    def meets(self, start: int, end: int) -> bool:
        """Some span starts before end and ends after start."""
        k = bisect_left(self._starts, end)
        return k > 0 and self._reach[k - 1] > start


def with_district_towns(text: str, places: list[PlaceMention], gazetteer: Gazetteer, cues: Cues,
                        blocked: list[tuple[int, int]] | None = None) -> list[PlaceMention]:
    """The mentions, with each district named after its centre town read as that town: "the
    Graivoron district" is Grayvoron's, "Klimovsky district" Klimovo's (the adjective undone by
    cues/district_adjectives.csv). The town is taken only in a region the article names (or,
    naming none, the region of a town it names, or a country it names), so that a district is
    never a namesake far away; the
    district word after the name makes the incident's precision 2 (geo.extract.evidence)."""
    # Regions by name: "Plateau State" is read as Benin's Plateau until the story's country is
    # weighed (geo.extract.pipeline), and Bokkos Local Government Area lies in Nigeria's.
    regions = {p.admin1 for m in places if (p := m.place) is not None and p.kind == "region" and p.admin1}
    # ... and where the article names no region, the regions of the towns it names: "the Kyivskyi
    # district" of a story about Kharkiv is a district of Kharkiv, not Kyiv's
    regions = regions or {p.admin1 for m in places if (p := m.place) is not None and p.kind != "country" and p.admin1}
    countries = {p.country for m in places if (p := m.place) is not None}
    if not countries:
        return places
    blocks = _Spans(list(blocked or ()))
    found: list[PlaceMention] = []
    for d in cues.district_after.finditer(text):
        word = next((w for w in _NAME_WORD.finditer(text, max(0, d.start() - 40), d.start()) if w.end() == d.start()),
                    None)
        if word is None or blocks.meets(word.start(), d.end()):
            continue
        town = _district_town(word.group(), gazetteer, regions, countries, cues)
        if town is not None:
            found.append(PlaceMention(word.group(), word.start(), d.end(), town, True))
    if not found:
        return places
    replaced = _Spans([(m.start, m.end) for m in found])
    # (each found mention spans the district word too while it replaces what it meets, then its name alone)
    kept = [m for m in places if not replaced.meets(m.start, m.end)]
    return sorted([*kept, *(replace(m, end=m.start + len(m.text)) for m in found)], key=lambda m: m.start)


def _district_town(name: str, gazetteer: Gazetteer, regions: set[str], countries: set[str],
                   cues: Cues) -> Place | None:
    """The town a district's name (or adjective) stands for, in the article's regions or countries."""
    forms = [name]
    lower = name.lower()
    for ending, towns in cues.district_adjectives:
        if lower.endswith(ending) and len(name) > len(ending) + 2:
            forms += [name[:-len(ending)] + t for t in towns]
    found = [p for form in forms for p in gazetteer.candidates(form)
             if p.kind == "populated place" and p.matched_by in _EXACT
             and (p.admin1 in regions if regions else p.country in countries)]
    return max(found, key=lambda p: p.population) if found else None


# How a candidate matched the name when it is the name, not a misspelling of it.
_EXACT = frozenset(HOW_LABELS[how] for how in (HOW_NAME, HOW_ALTERNATE, HOW_SKELETON))


def article_spans(text: str, published: date | None, gazetteer: Gazetteer, *,
                  data_dir: Path | None = None) -> list[MarkedSpan]:
    """The groups, places and dates extraction finds in text, in order and never overlapping
    (where two overlap, the one that starts first is kept; at one start, the shorter).

    Places are every name find_places reads as a place, known to the gazetteer or not; dates
    need the publication date (none are found without it), as in extract_incidents."""
    vocabulary = load_vocabulary(data_dir or gazetteer.data_dir)
    cues = vocabulary.cues
    named, places = read_names(text, gazetteer, vocabulary)
    found: list[tuple[int, int, SpanKind]] = [(a.start, a.end, "group") for a in named]
    found += [(m.start, m.end, "place") for m in places]
    if published is not None:
        for sentence in sentences(text, cues.abbreviations):
            found += [(sentence.start + d.start, sentence.start + d.end, "date")
                      for d in find_dates(sentence.text, published, future_pattern=cues.future)]
    found.sort()
    out: list[MarkedSpan] = []
    for start, end, kind in found:
        if not out or start >= out[-1].end:
            out.append(MarkedSpan(start, end, kind))
    return out
