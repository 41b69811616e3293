"""What extraction finds in an article, as marked spans: its groups, places and dates.

The Sources page marks an article with these, so that what it shows is what extract_incidents
reads: the same vocabulary (the gazetteer's data folder), actors found first and kept out of
place names, wire-story datelines kept out too, and dates read sentence by sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from geo.extract.actors import ActorMention, find_actors
from geo.extract.dates import find_dates
from geo.extract.mentions import CONTEXT_ONLY_KINDS, PlaceMention, find_places
from geo.extract.segment import Deadline, sentences
from geo.extract.vocabulary import Vocabulary, load_vocabulary
from geo.gazetteer.lookup import Gazetteer

# How the gazetteer labels a country found by its demonym ("Russian"): context, not a place.
DEMONYM = "demonym"
SpanKind = Literal["group", "place", "date"]
# A wire story's dateline names where the reporter is, not where anything happened:
# "KHARTOUM (Reuters) -", "GAZA (AP) —", "KYIV, Ukraine (AFP) –"; and a paragraph that opens with
# a place and a colon ("Kyiv: Ukraine's military on Sunday reported ..."), as some outlets date.
DATELINE = re.compile(r"^[ \t]*[A-Z][A-Z .'’-]{2,40}(?:,\s*[A-Z][\w .]{1,30})?\s*\([^)\n]{1,30}\)\s*[-—–]"
                      r"|^[ \t]*[A-Z][\w'’-]+(?:[ -][A-Z][\w'’-]+){0,2}:(?=[ \t]+[A-Z“\"‘])", re.MULTILINE)


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
    blocked = [(a.start, a.end) for a in named] + dateline_spans(text)
    found = find_places(text, gazetteer, blocked=blocked, deadline=deadline, cues=vocabulary.cues, all_toponyms=True)
    places = [m for m in found if m.place is None
              or not (m.place.kind in CONTEXT_ONLY_KINDS or m.place.matched_by == DEMONYM)]
    countries = frozenset(m.place.country for m in found if m.place is not None and m.place.kind == "country")
    return named, places, countries


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
