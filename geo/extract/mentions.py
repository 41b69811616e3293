"""Find the places a text names, with their character spans, and the context they give.

Two passes: names that are unambiguous on their own (countries, "X region", large cities)
make a context; every name is then resolved with that context (geo.gazetteer.lookup ranks).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz

from geo.errors import GazetteerError
from geo.extract.cues import Cues, load_cues, word_list
from geo.extract.fatalities import load_fatality_patterns
from geo.extract.segment import Deadline
from geo.gazetteer.index import AREA_KINDS, HOW_ALTERNATE, HOW_DEMONYM, HOW_LABELS, HOW_NAME, HOW_SKELETON
from geo.gazetteer.lookup import (
    ALTERNATE_ALONE,
    AREA_NAMESAKE_CITY,
    METROPOLIS,
    SPELLING_RATIO,
    Context,
    Gazetteer,
    haversine_km,
)
from geo.gazetteer.names import name_key, region_suffixes, skeleton_key
from geo.records import Place
from geo.wordlists import read_words

# A capitalised word, in Latin or Cyrillic script, with inner apostrophes and hyphens:
# Kharkiv, Rostov-on-Don, Kryvyi Rih, Bila Tserkva, Dar'a, Ras al-Ayn.
_WORD = r"[A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐ][\w'’]*(?:-(?:[a-z]{1,3}-)?[\w'’]+)*"
# The abbreviations that begin place names, with their full stop: "St. Louis", "Mt. Pleasant", "Ft. Worth".
_ABBREVIATED = r"(?:(?:St|Ste|Mt|Ft)\.\s?)?"
# Runs of capitalised words, optionally linked by a lowercase particle: Arabic's article (Ras al-Ain,
# Deir ez-Zor), and the particles of Spanish, Portuguese, French and Italian names (Valle del Cauca,
# Ciudad del Este, Foz do Iguaçu, Reggio di Calabria).
_RUN = re.compile(
    rf"{_ABBREVIATED}{_WORD}(?:\s+(?:(?:al|el|de|del|de\s+la|de\s+los|de\s+las|da|do|dos|das|di|du|des|la|le)\s+"
    rf"|(?:al|el|ad|ash|as|an|ar|at|az|ez|es|ed|en|er|ad-d|ash-sh)-)?"
    rf"{_ABBREVIATED}{_WORD}){{0,4}}"
)
# The cue words around names ("X region", "the region of X", "near X", "the village of X",
# "President X", function words, outlet words) are lists in DATA_DIR/cues/, compiled once per
# data folder by geo.extract.cues.load_cues.
# Words of a line, to tell a Title Case headline from prose (compiled once: asked per line).
_HEADLINE_WORD = re.compile(r"[A-Za-z][\w'’]*")
_NEWLINE = re.compile(r"\n")
# Names shorter than this are too often initials or words ("Ur", "Uk"); countries and regions
# are looked up by their full names, or by the short names the news gives countries ("US", "U.S.").
MIN_NAME_LENGTH = 4
# Capitals only, with or without full stops: "US", "U.S", "UAE" (a trailing full stop is cleaned off first).
_INITIALS = re.compile(r"[A-Z]{2,4}|(?:[A-Z]\.)+[A-Z]")
# Initials with full stops, as a whole: "U.S.", "U.K." (not inside "W.Va." or a longer word).
_DOTTED = re.compile(r"(?<![\w.])(?:[A-Z]\.){2,4}(?!\w)")
# The word after a name, and a capitalised word right before one (compiled: asked per inner name).
_NEXT_WORD = re.compile(r"\s+([A-Z][a-z]+)\b")
_WORD_BEFORE = re.compile(r"[A-Z][\w'’.]*\s+$")
# Names placed together by their candidates' distances (_joint_choices): how near, how many
# candidates of each name are compared, and the kinds of place that take no part (areas are
# placed by the context's countries and regions).
JOINT_KM = 50.0
JOINT_CANDIDATES = 12
JOINT_SKIPPED_KINDS = frozenset({"country", "region", "continent"})
JOINT_MARGIN = 0.35  # how far below the first-ranked candidate a namesake may score and still be chosen
JOINT_LARGE = 100_000
# A county's population is that of all its towns: a county this large is a metropolis's (Orange County,
# California), a smaller one counts as a town does.
JOINT_LARGE_COUNTY = 1_000_000
# A finite verb right after a name that follows "said": the name is the subject of what was said
# ("officials said Kupiansk was shelled"), not the speaker ("..., said Wang.").
_CLAUSE_VERB = re.compile(r"\s+(?:was|were|is|are|has|had|have|had been|remains|remained|came|fell|will|would)\b")
# The first word of a name (compiled: asked per name after "said").
_FIRST_WORD = re.compile(r"[\w'’-]+")
# An ampersand after a name: a firm's ("Johnson & Johnson", "Park & Ride").
_FIRM = re.compile(r"\s*&")
# The word a verb of speech may follow a speaker's name by ("Robbins also said", "Nelson quickly
# added"; not "the Woodstock mayor said"); the verbs are DATA_DIR/cues/speech_verbs.txt (cues.speaks).
_ADVERB = re.compile(r"also|then|later|again|\w+ly")
# A first name and a middle initial before a name: "Bill M. Harris", "George W. Bush".
_MIDDLE_INITIAL = re.compile(r"\b[A-Z][a-z]+\s+[A-Z]\.\s+$")
# A capitalised word and "of" right before a name: both inside one longer name ("Chapel of Jesus").
_NAME_OF = re.compile(r"[A-Z][\w'’]*\s+of\s+$")
# What follows a middle initial: its full stop and the surname ("Ashley L. Evans"; not "N. C.").
_INITIAL_NEXT = re.compile(r"\.\s+[A-Z][a-z]")
# A word of a person's name: capitalised, then lower case ("Kelly", "McCoy", "O'Brien").
_NAME_WORD = re.compile(r"[A-Z][a-z]*(?:['’][A-Z])?[a-z]+\.?|[A-Z]\.")
# Demonyms ("Russian forces") and continents name no incident's place: they give context, and are
# returned as places only when asked (all_toponyms), as the geoparsing corpora count them.
CONTEXT_ONLY_KINDS = frozenset({"continent"})
# Below this likeness (rapidfuzz ratio of the skeletons) an alternate name is another word, not a
# spelling of the place's name ("Park" / Rockville 33, "Kharkov" / Kharkiv 71): _other_name.
UNLIKE_RATIO = 60.0
# How far from the text's other places a town's part written with its noun ("Kyivskyi district") may
# lie: a district lies inside its city.
TOWN_PART_KM = 100.0
# Areas that a settlement noun beside their name ("the city of X") turns into their namesake town.
SETTLED_AREA_KINDS = frozenset({"region", "county"})
# Countries and large places are taken without help from the context.
LARGE_PLACE = 100_000
# A small place without a place word before it must have support from the context.
SMALL_PLACE_ALONE = 5_000


@dataclass(frozen=True)
class PlaceMention:
    """A name in the text that means a place; place is None when the gazetteer does not know it."""

    text: str
    start: int
    end: int
    place: Place | None
    cue: bool = False


def _spans(text: str, cues: Cues, gaz: Gazetteer | None = None) -> list[tuple[int, int]]:
    """Candidate name spans: capitalised runs, each with its region word when one follows; with a
    gazetteer, two runs joined by "of", "of the", "and" or "&" into a name it knows ("Port of Spain",
    "Trinidad and Tobago", "Newfoundland and Labrador", "the Isle of Man") are one span."""
    spans = []
    for m in _RUN.finditer(text):
        start, end = m.span()
        after = cues.region_after.match(text, end)
        if after:
            end = after.end()
        if gaz is None or "-" not in text[start:end]:
            spans.append((start, end))
        else:
            spans.extend(_unhyphenated(text, start, end, gaz))
    if gaz is None:
        return spans
    return _joined(text, [p for a, b in spans for p in _unpossessed(text, a, b, gaz, cues)], gaz, cues)


def _seat_called(gaz: Gazetteer, name: str, area: Place) -> Place | None:
    """The area's seat when it is called much as the name ("the city of Zaporizhia": Zaporizhzhia, the
    seat of the region so spelled); None when the seat has another name ("the city of Gezira" is no
    reading of Wad Medani)."""
    seat = gaz.seat(area)
    if seat is None or fuzz.ratio(skeleton_key(name), skeleton_key(seat.name)) < SPELLING_RATIO:
        return None
    return seat


# "the" right before a name (compiled: asked per region whose name ends in a water's noun).
_THE_BEFORE = re.compile(r"\bthe\s+$")


def _a_water(text: str, start: int, end: int, name: str, gaz: Gazetteer, cues: Cues) -> bool:
    """Whether a region's name that ends in a water's noun (cues/water_bodies.txt: "Red Sea") is written
    as the water's: after a lowercase "the" and with no region word after it ("in the Red Sea", "the Red
    Sea port of Hodeidah"; not "the Red Sea state", "Hawke's Bay")."""
    words = name_key(name).split()
    return (len(words) > 1 and words[-1] in _word_keys(gaz.data_dir, "cues/water_bodies.txt")
            and _THE_BEFORE.search(text, max(0, start - 8), start) is not None
            and cues.region_after.match(text, end) is None)


def _without_far_town_parts(mentions: list[PlaceMention], gaz: Gazetteer) -> list[PlaceMention]:
    """A name written with a noun of a town's part ("a neighbourhood in the Kyivskyi district") that the
    gazetteer reads as a town farther than TOWN_PART_KM from every other place the text names, and
    outside their regions, is a namesake: the district of another city so called, not of the one the
    text is about (Kharkiv's Kyivskyi district, not Donetsk's). Such a part is an unknown place."""
    parts = _word_keys(gaz.data_dir, "town_parts.txt")
    out = []
    for m in mentions:
        p = m.place
        words = name_key(m.text).split()
        if p is None or p.kind in AREA_KINDS or len(words) < 2 or words[-1].rstrip("s") not in parts:
            out.append(m)
            continue
        others = [o.place for o in mentions if o.place is not None and o.place.kind != "country"
                  and name_key(o.text) != name_key(m.text)]
        far = bool(others) and all(
            (o.country, o.admin1_code) != (p.country, p.admin1_code)
            and haversine_km(p.latitude, p.longitude, o.latitude, o.longitude) > TOWN_PART_KM for o in others)
        out.append(PlaceMention(m.text, m.start, m.end, None, True) if far else m)
    return out


@lru_cache(maxsize=8)
def _town_part(data_dir: Path) -> re.Pattern[str]:
    """A noun of DATA_DIR/town_parts.txt right after a name ("Shejaiya neighbourhood"), singular or
    plural; compiled once per data folder."""
    words = "|".join(re.escape(w) for w in sorted(_word_keys(data_dir, "town_parts.txt"), key=len, reverse=True))
    return re.compile(rf"\s+(?i:(?:{words or '(?!)'})s?)\b")


# A possessive ending inside a run, before the next capitalised word ("Gaza City's Shejaiya").
_POSSESSIVE = re.compile(r"['’]s\s+(?=[A-Z])")


def _unpossessed(text: str, start: int, end: int, gaz: Gazetteer, cues: Cues) -> list[tuple[int, int]]:
    """A run cut after a known place's possessive when the name after it is followed by a settlement,
    facility or district noun: "Gaza City's Shejaiya neighbourhood", "Mogadishu's Hodan district",
    "Israel's Ben Gurion airport" are a place and a smaller one inside it, not one longer name
    ("Russia's Vladimir Putin" stays one run: an other name holds the country). Names written with a
    possessive stay whole ("Martha's Vineyard", "Prince George's County")."""
    cut = _POSSESSIVE.search(text, start, end)
    if cut is None:
        return [(start, end)]
    words = [(m.start() + start, m.end() + start) for m in re.finditer(r"\S+", text[start:end])]
    left_end, right_start = cut.start(), cut.end()
    if any(gaz.exact(name_key(_clean(text[a:b]))) for a, _ in words if a < left_end
           for _, b in words if b > right_start):
        return [(start, end)]  # a known name across the possessive
    rest = _unpossessed(text, right_start, end, gaz, cues)
    after = text[end:end + 40]
    noun_after = (cues.settlement_after.match(after) or cues.region_after.match(after)
                  or _town_part(gaz.data_dir).match(after) or cues.region_after.search(text[right_start:end]))
    left = next((a for a, _ in words if a < left_end and gaz.exact(name_key(_clean(text[a:left_end])))), None)
    if left is None or not noun_after:
        return [(start, end)]
    return [(start, left_end + 2), *rest]


# A legislator's party and home, the way US papers write them after the name: "D-Pocahontas,",
# "(R-Charleston)" (the party's initial, a hyphen, the place, then a comma or a bracket).
_PARTY_HOME = re.compile(r"[DRI]-(?=[A-Z][a-z])")
_PARTY_HOME_END = re.compile(r"\s*[,)]")
# A hyphen inside a capitalised word, with the parts on either side (_unhyphenated).
_HYPHEN = re.compile(r"(?<=[\w.])-(?=[\w])")
_LOWER_WORD = re.compile(r"[a-z]+\b")


@lru_cache(maxsize=8)
def compound_tails(data_dir: Path) -> frozenset[str]:
    """DATA_DIR/compound_tails.txt: the lowercase words that follow a place's name after a hyphen
    ("London-based", "Atlanta-area"), as keys."""
    return _word_keys(data_dir, "compound_tails.txt")


def _compound_part(gaz: Gazetteer, name: str) -> bool:
    """Whether a part of a hyphenated compound names a place on its own: a country, region, county or
    continent, a demonym, a country's short name, or a place of LARGE_PLACE people ("Egyptian-US",
    "Amsterdam-London"); a town's name may be a surname ("Diaz-Balart", "Phillips-Spencer")."""
    key = name_key(_clean(name))
    return bool(key) and (_is_short_name(gaz, key) or any(
        row[8] in AREA_KINDS or how == HOW_DEMONYM or row[7] >= LARGE_PLACE
        for row, how in gaz.exact(key) if how in (HOW_NAME, HOW_DEMONYM)))


def _unhyphenated(text: str, start: int, end: int, gaz: Gazetteer) -> list[tuple[int, int]]:
    """A run of capitalised words cut at the hyphens that join two names, or a name and the lowercase
    word of compound_tails.txt, when the hyphenated word is no name the gazetteer knows: "Egyptian-US
    relations", "the Amsterdam-London leg", "the DPRK-South Korea summit", "a London-based firm",
    "Northbrook-based", "Atlanta-area calls". Names written with a hyphen stay whole ("Winston-Salem",
    "Guinea-Bissau", "Rostov-on-Don", "Miami-Dade County"), and so do compounds whose parts are not
    both places standing alone ("Mercedes-Benz", "K-Mart", "Diaz-Balart")."""
    tails = compound_tails(gaz.data_dir)
    pieces: list[tuple[int, int]] = []
    cur = start
    if _PARTY_HOME.match(text, start, end) and _PARTY_HOME_END.match(text, end):
        cur = start + 2  # "Sen. Walt Helmick, D-Pocahontas," and "(R-Charleston)": the legislator's home
    for hyphen in _HYPHEN.finditer(text, cur, end):
        h = hyphen.start()
        if h < cur:
            continue
        word_start = max(text.rfind(" ", start, h) + 1, start, cur)
        following = text[word_start:end].split()[:4]
        if any(gaz.exact(name_key(_clean(" ".join(following[:n])))) for n in range(1, len(following) + 1)):
            continue  # the whole is a name, alone or with the words after it ("Miami-Dade County")
        left = text[max(text.rfind("-", word_start, h) + 1, word_start):h]
        tail = _LOWER_WORD.match(text, h + 1, end)
        if tail is not None:
            if name_key(tail.group()) in tails and gaz.exact(name_key(_clean(left))):
                pieces.append((cur, h))
                cur = next((i for i in range(tail.end(), end) if text[i].isupper()), end)
            continue  # "Ras al-Ayn", "Rostov-on-Don", "Newton-meters"
        # the name after the hyphen: its part before the next hyphen, with the run's next words
        right_end = next((i for i in range(h + 1, end) if text[i] == "-"), end)
        right_words = text[h + 1:right_end].split()
        if _compound_part(gaz, left) and any(_compound_part(gaz, " ".join(right_words[:n]))
                                             for n in range(1, min(len(right_words), 3) + 1)):
            pieces.append((cur, h))
            cur = h + 1
    if cur < end:
        pieces.append((cur, end))
    return [(a, b) for a, b in pieces if b > a]


# What may join two runs of capitalised words inside one name: "Port of Spain", "Bosnia and Herzegovina".
_LINK = re.compile(r"\s+(?:of|of the|and|&)\s+")


def _generic(words: str, gaz: Gazetteer, cues: Cues) -> bool:
    """A region word ("State", "Province"), a settlement noun ("City", "Town") or a word of
    not_places.txt ("Republic")."""
    key = name_key(words)
    return (key in gaz.not_places or key in _region_words(gaz.data_dir)
            or cues.settlement_before.search(words + " of ") is not None)


@lru_cache(maxsize=8)
def _region_words(data_dir: Path) -> frozenset[str]:
    return frozenset(region_suffixes(data_dir))


def _joined(text: str, spans: list[tuple[int, int]], gaz: Gazetteer, cues: Cues) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(spans):
        s, e = spans[i]
        if i + 1 < len(spans) and _LINK.fullmatch(text, e, spans[i + 1][0]):
            s2, e2 = spans[i + 1]
            starts = [s + m.start() for m in re.finditer(r"\S+", text[s:e])]
            ends = [s2 + m.end() for m in re.finditer(r"\S+", text[s2:e2])][::-1]
            # "the State of Ohio", "the City of Richmond": a region word or a common word before "of" is no
            # part of the name the news means (the index knows "state of ohio" as Ohio's)
            starts = [a for a in starts if not _generic(text[a:e], gaz, cues)]
            found = next(((a, b) for a in starts for b in ends if gaz.exact(name_key(_clean(text[a:b])))), None)
            if found is not None:
                a, b = found
                if a > s:
                    out.append((s, a - 1))
                out.append((a, b))
                if b < e2:
                    spans[i + 1] = (b + 1, e2)
                    i += 1
                else:
                    i += 2
                continue
        out.append((s, e))
        i += 1
    return out


def _sub_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Word-aligned sub-spans of a run, longest first, then left to right."""
    words = [(m.start() + start, m.end() + start) for m in re.finditer(r"\S+", text[start:end])]
    out = []
    for size in range(len(words), 0, -1):
        for i in range(len(words) - size + 1):
            out.append((words[i][0], words[i + size - 1][1]))
    return out


def _clean(span_text: str) -> str:
    return re.sub(r"['’]s$", "", span_text.strip(" ,.;:'’\""))


def _is_headline_line(line: str) -> bool:
    """True for a line written in Title Case, where capitals say nothing about names."""
    words = _HEADLINE_WORD.findall(line)
    if len(words) < 4:
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised / len(words) > 0.6


class _Lines:
    """Whether the line holding a position is a headline, each line judged once.

    Asking per name rescanned the whole line every time (and searched back to its start for
    its beginning): quadratic on a long line."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
        self._known: dict[int, bool] = {}

    def is_headline(self, start: int) -> bool:
        line = bisect_right(self._starts, start) - 1
        known = self._known.get(line)
        if known is None:
            end = self._starts[line + 1] - 1 if line + 1 < len(self._starts) else len(self.text)
            known = _is_headline_line(self.text[self._starts[line]:end])
            self._known[line] = known
        return known


def _is_headline(text: str, start: int) -> bool:
    """True inside a line written in Title Case, where capitals say nothing about names."""
    return _Lines(text).is_headline(start)


# What ends a sentence, a dateline or a quotation's opening before a sentence's first word.
_SENTENCE_END = re.compile(r"(?:^|[.!?:;\"“‘(\n]|\s[-–—])\s*$")


# Words of letters, in any case (for their singulars and plurals: _inflections).
_PLAIN_WORD = re.compile(r"(?<![\w'’])[A-Za-z][a-z'’-]+")


def _sentence_start(text: str, start: int) -> bool:
    """Whether the word at start begins a sentence (or a line, or follows a dateline's dash)."""
    return _SENTENCE_END.search(text, max(0, start - 6), start) is not None or start == 0


def _inflections(word: str) -> frozenset[str]:
    """A word's English singular and plural forms besides itself: drone -> drones, drones -> drone,
    city -> cities, cities -> city."""
    forms = {word + "s", word + "es"}
    if word.endswith("y"):
        forms.add(word[:-1] + "ies")
    if word.endswith("ies"):
        forms.add(word[:-3] + "y")
    elif word.endswith("es"):
        forms.update((word[:-1], word[:-2]))
    elif word.endswith("s"):
        forms.add(word[:-1])
    return frozenset(forms)


def lowercase_words(text: str) -> frozenset[str]:
    """Words the text itself writes in lower case: common nouns there ("the raid", "a surprise")."""
    return frozenset(re.findall(r"(?<![\w'’])[a-z][a-z'’-]+", text))


@lru_cache(maxsize=8)
def _abbreviation_pattern(forms: tuple[str, ...]) -> re.Pattern[str] | None:
    """The abbreviations of DATA_DIR/abbreviations.csv as written ("W.Va.", "B.C."), compiled once
    per list: the capitalised-word scanner takes "W" and "Va" for two short words."""
    if not forms:
        return None
    # "W.Va." is W, Va and a final dot: a space may follow an inner dot ("W. Va."), never the last one
    alternatives = "|".join(r"\.\s?".join(re.escape(part) for part in f.rstrip(".").split("."))
                            + (r"\." if f.endswith(".") else "") for f in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:{alternatives})(?![\w])")


def _abbreviations(text: str, gaz: Gazetteer) -> list[tuple[int, int]]:
    pattern = _abbreviation_pattern(tuple(sorted(gaz.abbreviations)))
    spans = [] if pattern is None else [m.span() for m in pattern.finditer(text)]
    # "U.S.", "U.K.": the capitalised-word scanner sees single letters; a country's short name is kept
    spans.extend(m.span() for m in _DOTTED.finditer(text) if _is_short_name(gaz, name_key(m.group())))
    return sorted(spans)


def _is_short_name(gaz: Gazetteer, key: str) -> bool:
    """Whether initials ("US", "UAE", "EU", "L.A.") are a country's, a continent's or a city of a million
    people's own short name in the data files (country_names.csv, demonyms.csv, city_names.csv), not
    just letters some town is also known by."""
    return any((row[8] in ("country", "continent") or (row[8] == "populated place" and row[7] >= AREA_NAMESAKE_CITY))
               and how in (HOW_NAME, HOW_DEMONYM) for row, how in gaz.exact(key))


def _raw_mentions(
    text: str, gaz: Gazetteer, blocked: list[tuple[int, int]], deadline: Deadline | None, cues: Cues,
    context_only: list[tuple[int, int, str]] | None = None, streets: list[tuple[int, int, str]] | None = None,
) -> list[tuple[int, int, str, bool, bool, bool]]:
    """(start, end, name, cue, known, in_headline) for each name that may be a place.

    context_only, when given, receives the known names inside other names ("the Texas Department of
    State Health Services", "the Russian Defense Ministry"): no place of the text, but its context.
    streets, when given, receives the known names that streets are named after ("Lone Oak Road")."""
    place_cue, settlement_after = cues.place_cue, cues.settlement_after
    function_words = cues.function_words
    lowercase = lowercase_words(text)
    every_word = frozenset(w.lower() for w in _PLAIN_WORD.findall(text))
    lines = _Lines(text)
    found: list[tuple[int, int, str, bool, bool, bool]] = []
    surnames: set[str] = set()  # last words of people's names the text writes in full
    prefixes = name_prefixes(gaz.data_dir)
    directions = _word_keys(gaz.data_dir, "direction_words.txt")
    # Blocked spans by start, swept along with the runs (which come in order of their start):
    # each run looks only at the spans that can touch it, not at every span of the text.
    by_start = sorted(range(len(blocked)), key=lambda k: blocked[k][0])
    next_blocked = 0
    active: list[int] = []
    for count, (run_start, run_end) in enumerate(_spans(text, cues, gaz)):
        if deadline is not None and count % 256 == 0:
            deadline.check(f"finding places, character {run_start:,} of {len(text):,}")
        while next_blocked < len(by_start) and blocked[by_start[next_blocked]][0] < run_end:
            active.append(by_start[next_blocked])
            next_blocked += 1
        active = [k for k in active if blocked[k][1] > run_start]
        pieces = [(run_start, run_end)]
        for k in sorted(k for k in active if blocked[k][0] < run_end):
            s, e = blocked[k]
            # Part of an actor's or outlet's name ("Freedom of Russia Legion"): keep what is outside.
            pieces = [p for a, b in pieces for p in ((a, min(b, s)), (max(a, e), b)) if p[1] - p[0] > 1]
        for piece_start, piece_end in pieces:
            lga = _LGA_TAIL.search(text, piece_start, piece_end)
            if lga is not None and lga.start() > piece_start:
                piece_end = lga.start()  # "Guma Local Government Area": the name is Guma, the rest its noun
            whose = _WHOSE.match(text, piece_start, piece_end)
            if whose is not None:
                # "an Ossetian-controlled village", "Russian-captured Kupiansk": whose, not a name
                piece_start = whose.end()
                if piece_end - piece_start <= 1:
                    continue
            street = _street_end(text, piece_start, piece_end, cues)
            if street is not None:
                if streets is not None:
                    streets.extend(_street_named_after(text, piece_start, street, cues, gaz))
                # "on Rivers Avenue", "of 2517 Memphis St.": a street named after a place is no place of
                # the text, nor a sign of where it is; what follows the street noun is read on its own
                piece_start = street
                while piece_start < piece_end and text[piece_start].isspace():
                    piece_start += 1
                if piece_end - piece_start <= 1:
                    continue
            lead = _FIRST_WORD.match(text, piece_start)
            if (lead is not None and name_key(lead.group()) in function_words and lead.end() < piece_end
                    and not gaz.exact(name_key(_clean(text[piece_start:piece_end])))):
                # a sentence's first word is no part of the name after it ("Though London's total"),
                # unless the whole is a name ("The Hague")
                piece_start = piece_end - len(text[lead.end():piece_end].lstrip())
            before_piece = text[max(0, piece_start - 40):piece_start]
            title = cues.person_before.search(before_piece)
            # "said Wang" is a person, "He said China and Russia ..." the countries, and "Officials
            # said Kupiansk was shelled" the town: the subject of the clause said
            if title and not (cues.speaks.match(" " + title.group().strip()) and (
                    _a_country(gaz, text, piece_start) or _is_short_name(gaz, name_key(_clean(text[piece_start:piece_end])))
                    or _CLAUSE_VERB.match(text, piece_end))):
                continue
            if (_FIRM.match(text, piece_end) or before_piece.rstrip().endswith("&")) and _small_town(
                    gaz, text[piece_start:piece_end]):
                continue  # a firm's name: "Johnson & Johnson", "Park & Ride" (not "Tijuana & San Diego")
            if _INITIAL_NEXT.match(text, piece_end) and re.search(r"(?:^|\s)[A-Z]$", text[piece_start:piece_end]):
                continue  # "Ashley L. Evans", "George W. Bush": a first name and a middle initial
            if _MIDDLE_INITIAL.search(before_piece):
                # "Bill M. Harris": a surname; "Harris" alone is the person later in the text too
                if " " not in text[piece_start:piece_end].strip():
                    surnames.add(name_key(_clean(text[piece_start:piece_end])))
                continue
            if name_key(text[piece_start:piece_end]).rsplit(" ", 1)[-1] in cues.outlet_words and " " in text[piece_start:piece_end].strip():
                # an outlet named after its city ("The Washington Post"): the city is inside another name
                if context_only is not None:
                    words = text[piece_start:piece_end].split()[:-1]
                    start = piece_start
                    while words and name_key(words[0]) in function_words:  # "The Washington Post"
                        start = text.index(words[1], start + len(words[0])) if len(words) > 1 else start
                        words = words[1:]
                    for size in range(len(words), 0, -1):
                        inside = " ".join(words[:size])
                        if len(inside) >= MIN_NAME_LENGTH and gaz.exact(name_key(inside)):
                            context_only.append((start, start + len(inside), inside))
                            break
                continue
            headline = lines.is_headline(piece_start)
            taken: list[tuple[int, int]] = []
            modifiers: list[tuple[int, int, int]] = []  # direction words not taken alone, with their next word's start
            piece_found: list[tuple[int, int, str, bool, bool, bool]] = []
            for s, e in _sub_spans(text, piece_start, piece_end):
                if any(s < te and ts < e for ts, te in taken):
                    continue
                name = _clean(text[s:e])
                initials = _INITIALS.fullmatch(name)
                if initials and text.startswith(".", s + len(name)) and "." in name:
                    name += "."  # "U.S.", "D.C.": the last full stop belongs to the name
                plain = name_key(name)
                if initials:
                    if not _is_short_name(gaz, plain):  # "US", "UK", "UAE", "EU"
                        continue
                elif (len(name) < MIN_NAME_LENGTH or not name[0].isupper()) and not _short_in_region(text, e, name, gaz):
                    continue
                elif plain in function_words or (" " not in plain and plain in lowercase):
                    continue
                elif (" " not in plain and _sentence_start(text, s) and not every_word.isdisjoint(_inflections(plain))
                      and _small_town(gaz, name)):
                    # a sentence's first word whose singular or plural the text also writes is that
                    # common noun (a town's name has no plural): "Drones also hit Odesa" after "Russian
                    # drones", "Drone debris" after "Drones struck" (not Dronero, Italy, once "Drone");
                    # an area's or a city's name stays ("America" beside "the Americas")
                    continue
                elif plain in directions and (nxt := _NEXT_WORD.match(text, e)) is not None and nxt.end() <= piece_end \
                        and cues.region_after.match(text, e) is None:
                    # "Northern Samar": a direction word begins a longer name, not Ghana's Northern region
                    modifiers.append((s, e, nxt.start(1)))
                    continue
                before = text[max(0, s - 40):s]
                is_region_phrase = bool(cues.region_before.search(text[max(0, s - 30):s]))
                lookup_name = ("region of " if is_region_phrase else "") + name
                cue = bool(place_cue.search(before) or settlement_after.match(text[e:e + 20])) and not headline
                # ... or a town's name and "City" ending the run ("Kabankalan City"; not "Gainesville City
                # Elections", whose town is "Gainesville")
                known = bool(gaz.exact(name_key(lookup_name)) or gaz.exact(plain)
                             or (e == piece_end and gaz.suffixed_town(plain)))
                if known:
                    taken.append((s, s + len(name)))
                    piece_found.append((s, s + len(name), lookup_name, cue, True, headline))
            if len(taken) > 1:
                # "the United Kingdom Maritime and Coastguard Agency": a one-word region of another country
                # right beside a country's name in one run is a word of a longer name (Togo's Maritime)
                foreign = _foreign_regions(gaz, text, taken)
                if foreign:
                    taken = [t for t in taken if t not in foreign]
                    piece_found = [f for f in piece_found if (f[0], f[1]) not in foreign]
            # In a run of capitalised words that is not itself a place, a place name that
            # covers only part of it belongs to another name: "Vladimir Putin", "The New
            # York Times", "Federal Security Service", "Kyiv Post".
            words = re.findall(r"[^\s'’]+(?:['’]s)?", text[piece_start:piece_end])
            covered = sum(len(_clean(text[a:b])) for a, b in taken)
            # ... a direction word before an area or a city is its part ("Eastern Ukraine", "Northern Gaza"),
            # before anything else part of a name the gazetteer lacks ("Northern Samar")
            covered += sum(e - s for s, e, nxt_start in modifiers if any(
                a == nxt_start and any(row[8] in AREA_KINDS or row[7] >= LARGE_PLACE
                                       for row, _ in gaz.exact(name_key(_clean(text[a:b])))) for a, b in taken))
            uncovered = len(re.sub(r"\s+|['’]s\b", "", text[piece_start:piece_end])) - covered
            # Towns side by side with no comma between them ("Officer Lisa Jones": Officer, Australia;
            # Lisa, Romania; Jones, Oklahoma) are a person's name too, unless one is an area.
            # Three such words are a name even when one is also an area's ("Paul Francis Floyd": Paul is a
            # region of Cape Verde too); lists of areas are written with commas.
            side_by_side = len(taken) > 1 and not any(" " in text[a:b] for a, b in taken) and (
                (len(taken) == len(words) == 3 and all(_NAME_WORD.fullmatch(w) for w in words))
                or not any(any(row[8] in AREA_KINDS for row, _ in gaz.exact(name_key(text[a:b]))) for a, b in taken))
            # A two-letter word left over counts beside a settlement noun: "within Um Bada
            # locality" is the locality Um Bada, not India's Bada.
            if len(words) > 1 and (uncovered > 2 or side_by_side
                                   or (uncovered == 2 and cues.settlement_beside(text, piece_start, piece_end))):
                surname = _surname(text, piece_start, piece_end, taken, prefixes)
                if surname and not any(row[8] in AREA_KINDS for row, _ in gaz.exact(surname)):
                    surnames.add(surname)
                if context_only is not None:
                    context_only.extend((a, b, n) for a, b, n, _c, _k, _h in piece_found)
                # a known place was part of it, and more than a region word ("the Chuhuiv district")
                within_name = bool(taken) and not (len(taken) == 1 and (r := cues.region_after.match(
                    text, taken[0][1])) is not None and r.end() == piece_end)
                piece_found.clear()
                taken.clear()
            else:
                within_name = False
            found.extend(piece_found)
            piece_found.clear()
            # A known place inside a longer name ("in Superior Court") is no guess for a place either.
            if taken or not ((place_cue.search(before_piece) and not within_name)
                             or cues.settlement_beside(text, piece_start, piece_end)):
                continue
            # Nothing known, but a place word stands before it ("overran the settlement of
            # Kozina"): its first word(s) may be a misspelling or a place the gazetteer lacks.
            words = text[piece_start:piece_end].split()
            settlement_named = cues.settlement_beside(text, piece_start, piece_end)
            # beside a settlement noun the whole name is the place ("the village of Wad al-Nourah");
            # after a bare preposition only its first word is a guess
            name = _clean(" ".join(words[:3]) if settlement_named else words[0])
            plain = name_key(name)
            if len(name) >= MIN_NAME_LENGTH and plain not in function_words and plain not in gaz.not_places and not headline:
                found.append((piece_start, piece_start + len(name), name, True, False, headline))
    for _s, e, name, cue, _known, _headline in found:
        # "Nelson says", "Robbins said": a small town's name as the subject of a verb of speech is a
        # person's (a country or a city speaks through its government: "Moscow said" stays a place).
        speech = cues.speaks.match(text[e:e + 30]) if not cue and " " not in name else None
        if speech and (len(words := speech.group().split()) == 1 or _ADVERB.fullmatch(words[0])):
            if _small_town(gaz, name):
                surnames.add(name_key(name))
    if surnames:
        # "John Kelly ... Kelly said": a town's name that the text gives a person is the person's,
        # unless a place word stands before it ("in Kelly").
        found = [f for f in found if f[3] or name_key(f[2]) not in surnames]
    abbreviated = _abbreviations(text, gaz)
    if abbreviated:
        found = [f for f in found if not any(f[0] < e and s < f[1] for s, e in abbreviated)]
        found.extend((s, e, text[s:e], False, True, lines.is_headline(s)) for s, e in abbreviated
                     if not any(s < be and bs < e for bs, be in blocked))
        found.sort()
    return found


def _foreign_regions(gaz: Gazetteer, text: str, taken: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The one-word names among a run's known names that are only regions, of none of the countries
    the run's other names are ("Maritime" beside "United Kingdom"); none when no country is named by its
    name (a demonym is no country's name here: "the Quiche Indians" are Guatemala's Quiche)."""
    rows = {(a, b): gaz.exact(name_key(_clean(text[a:b]))) for a, b in taken}
    countries = {row[5] for found in rows.values() for row, how in found if row[8] == "country" and how == HOW_NAME}
    if not countries:
        return set()
    return {span for span, found in rows.items() if " " not in text[span[0]:span[1]].strip() and found
            and all(row[8] == "region" and row[5] not in countries for row, _ in found)}


def _street_end(text: str, start: int, end: int, cues: Cues) -> int | None:
    """Where a street's name ends when a word of the run from start to end is followed by a street noun
    (cues/street_nouns.txt: "Rivers Avenue", "Memphis St."); None when no street noun follows one."""
    for word in re.finditer(r"\S+", text[start:end]):
        street = cues.street_after.match(text, start + word.end())
        if street is not None:
            return street.end()
    return None


def _street_named_after(text: str, start: int, end: int, cues: Cues, gaz: Gazetteer) -> list[tuple[int, int, str]]:
    """The known name a street from start to end is named after, the longest that ends right before
    its street noun ("Lone Oak" in "Lone Oak Road"); none when the gazetteer knows no such name."""
    noun = cues.street_after.search(text, start, end + 1)
    if noun is None:
        return []
    words = [(m.start() + start, m.end() + start) for m in re.finditer(r"\S+", text[start:noun.start()])]
    for i in range(len(words)):
        name = _clean(text[words[i][0]:words[-1][1]])
        if len(name) >= MIN_NAME_LENGTH and name[0].isupper() and gaz.exact(name_key(name)):
            return [(words[i][0], words[i][0] + len(name), name)]
    return []


def _other_name(name: str, place: Place) -> bool:
    """Whether a single word names a town under a million people only as an alternate name unlike its
    own ("Park" for Rockville, "Story" for Rochelle; not "Kharkov" for Kharkiv): without a place word
    before it, such a word in prose is a word or a person's name."""
    return (place.matched_by == HOW_LABELS[HOW_ALTERNATE] and " " not in name.strip() and place.kind not in AREA_KINDS
            and place.population < AREA_NAMESAKE_CITY
            and fuzz.ratio(skeleton_key(name), skeleton_key(place.name)) < UNLIKE_RATIO)


def _near_miss(name: str, place: Place) -> bool:
    """Whether a single word names a town only as a misspelling, or a town under ALTERNATE_ALONE
    people only as a transliteration skeleton of its name: without a place word before it ("the
    village of Kozina"), such a capitalised word of prose is a word or a person's name ("Health" is
    not Heath, Ohio, "Metro" not Meraux, "Bridge" not Brigg). A city's skeleton stays: "Hodeidah" is
    Al Hudaydah."""
    if " " in name.strip() or place.kind in AREA_KINDS:
        return False
    return place.matched_by.startswith("fuzzy") or (
        place.matched_by == HOW_LABELS[HOW_SKELETON] and place.population < ALTERNATE_ALONE)


def _unlike(name: str, place: Place) -> bool:
    """Whether the place is called so only by an alternate name unlike its own ("Goose Creek" for
    Toms River; not "Andriivka" for Andriyivka)."""
    return (place.matched_by == HOW_LABELS[HOW_ALTERNATE]
            and fuzz.ratio(skeleton_key(name), skeleton_key(place.name)) < UNLIKE_RATIO)


def _a_country(gaz: Gazetteer, text: str, start: int) -> bool:
    """Whether the first word at start names a country or a continent, by name or demonym."""
    word = _FIRST_WORD.match(text, start)
    return word is not None and _is_short_name(gaz, name_key(word.group()))


def _small_town(gaz: Gazetteer, name: str) -> bool:
    """Whether every place called so is a town under LARGE_PLACE people (no area, no city)."""
    rows = gaz.exact(name_key(_clean(name)))
    return bool(rows) and not any(row[8] in AREA_KINDS or row[7] >= LARGE_PLACE for row, _ in rows)


@lru_cache(maxsize=8)
def _word_keys(data_dir: Path, filename: str) -> frozenset[str]:
    """The words of DATA_DIR/filename as name keys; none when the file is missing."""
    path = data_dir / filename
    return frozenset(name_key(w) for w in read_words(path, error=GazetteerError)) if path.exists() else frozenset()


def name_prefixes(data_dir: Path) -> frozenset[str]:
    """DATA_DIR/name_prefixes.txt: words that begin place names ("North", "Lake", "Fort"), as keys."""
    return _word_keys(data_dir, "name_prefixes.txt")


def _surname(text: str, start: int, end: int, taken: list[tuple[int, int]], prefixes: frozenset[str]) -> str | None:
    """The key of a run's last word when the run reads as a person's name: two or three
    capitalised words ("John Kelly", "Lisa M. Jones"), the last one a known single-word place
    name, none of the others a word that begins place names ("North Richmond", "Lake Charles":
    geo/data/name_prefixes.txt). The caller leaves out areas ("Michael Jordan" is no reason to
    doubt "Jordan")."""
    words = text[start:end].split()
    if not 2 <= len(words) <= 3 or not all(_NAME_WORD.fullmatch(w) for w in words[:-1]):
        return None
    last = _clean(words[-1])
    last_start = end - len(words[-1])
    if not _NAME_WORD.fullmatch(last) or (last_start, last_start + len(last)) not in taken:
        return None
    if any(name_key(w) in prefixes for w in words[:-1]):
        return None  # "North Richmond", "Lake Charles"
    return name_key(last)


# A county's name in a list: up to three capitalised words ("Otter Tail", "St. Louis", "Prince George's").
_LIST_NAME = rf"{_ABBREVIATED}{_WORD}(?:\s+{_WORD}){{0,2}}"
# What joins a list's names: "Becker, Clay, Douglas and Grant", "Butler, Clark ... or Warren".
_LIST_JOIN = r"\s*,\s*(?:(?:and|or|&)\s+)?|\s+(?:and|or|&)\s+"


def _plural(word: str) -> str:
    """English plural of a county word: county -> counties, parish -> parishes, borough -> boroughs."""
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + ("es" if word.endswith(("s", "sh", "ch", "x")) else "s")


@lru_cache(maxsize=8)
def _county_list_pattern(data_dir: Path) -> re.Pattern[str] | None:
    """Names listed before a plural county word ("Walton and Oconee counties", "Becker, Clay, Douglas and
    Grant counties"): each is a county, whatever towns share its name. The county words are
    DATA_DIR/county_words.txt ("County", "Parish", "Borough"); compiled once per data folder."""
    words = sorted(_word_keys(data_dir, "county_words.txt"))
    if not words:
        return None
    plurals = "|".join(re.escape(_plural(w)) for w in words)
    return re.compile(rf"(?<![\w'’])(?:{_LIST_NAME}(?:{_LIST_JOIN}))+{_LIST_NAME}\s+(?i:({plurals}))\b")


def _by_list(listed: list[tuple[int, int, str, int]]) -> dict[int, list[tuple[int, int, str, int]]]:
    out: dict[int, list[tuple[int, int, str, int]]] = {}
    for member in listed:
        out.setdefault(member[3], []).append(member)
    return out


def _common_region(gaz: Gazetteer, counties: list[str]) -> tuple[str, str] | None:
    """The one region that has a county of more of these names than any other region, and of at
    least two; None when no such region is alone at the top."""
    counts: dict[tuple[str, str], int] = {}
    for county in counties:
        for region in {(row[5], row[6]) for row, _ in gaz.exact(name_key(county)) if row[8] == "county"}:
            counts[region] = counts.get(region, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def _county_lists(text: str, gaz: Gazetteer, cues: Cues) -> list[tuple[int, int, str, int]]:
    """(start, end, county name, end of the list) for each name of a list of counties whose county the
    gazetteer knows: "Walton" in "between Walton and Oconee counties" is looked up as "Walton County"."""
    pattern = _county_list_pattern(gaz.data_dir)
    if pattern is None or not any(p in text for p in ("unties", "rishes", "roughs", "UNTIES")):
        return []
    out = []
    for m in pattern.finditer(text):
        singular = next(w for w in _word_keys(gaz.data_dir, "county_words.txt") if _plural(w) == m.group(1).lower())
        names = m.group()[:m.start(1) - m.start()]
        for name in re.finditer(_LIST_NAME, names):
            written = name.group()
            if name_key(written) in cues.function_words:
                continue  # "The", "In" before a list
            county = f"{written} {singular.title()}"
            if any(row[8] == "county" for row, _ in gaz.exact(name_key(county))):
                out.append((m.start() + name.start(), m.start() + name.end(), county, m.end()))
    return out


# "X in the Y region", "X, in Russia's Y Oblast", "Paris, Tenn.", "Dublin, Ohio": Y tells which X is meant.
# A sentence's first word "In" before a region's name ("In Russia's Belgorod region, ..."), and the
# end of a sentence (the region frames only its own sentence).
_SENTENCE_OPENS_IN = re.compile(r"(?:^|[.!?][\"”’]?\s+|\n\s*)In\s+(?:the\s+)?(?:[A-Z][\w'’]*['’]s\s+)?$")
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’]?\s+[A-Z\"“]|\n")
_IN_REGION = re.compile(r",?\s+in\s+(?:the\s+)?(?:[A-Z][\w'’]*['’]s\s+)?|,\s*")
def _written_in(local: re.Match[str] | None) -> bool:
    """Whether _IN_REGION matched "in" ("X in the Y region", "X, in Y"), not a bare comma."""
    return local is not None and local.group().lstrip(", \t\n").startswith("in")


# A three-letter word that is a town's whole name ("Bor", "Ado", "Ath"): capitalised, then lower case.
_SHORT_NAME = re.compile(r"[A-Z][a-z]{2}")


# Settlements counted before the region that holds them: "three villages seized by Ukraine in the Kursk
# border region", "two villages in its western Kursk region" (the numbers a report counts villages
# with; a region's name follows the match).
_COUNTED_TAIL = (r"\s+(?:[a-z-]+\s+){0,2}(?:villages|settlements|towns|localities|hamlets)\b[^.!?\n]{0,120}?\bin\s+"
                 r"(?:the\s+|its\s+)?(?:[A-Z][\w'’]*['’]s\s+)?(?:[a-z-]+\s+){0,2}$")


@lru_cache(maxsize=8)
def _counted_before(data_dir: Path) -> tuple[re.Pattern[str], dict[str, int]]:
    """_COUNTED_TAIL after a number, a figure or a word of data/fatalities/number_words.csv, and
    those words' values."""
    numbers = load_fatality_patterns(data_dir).numbers
    words = sorted((w for w in numbers if " " not in w), key=len, reverse=True)
    return re.compile(rf"\b(?P<n>{'|'.join(map(re.escape, words))}|[2-9]){_COUNTED_TAIL}", re.IGNORECASE), numbers
_BORDER_REGION = re.compile(r"\s+border\s+(?:region|area|oblast|province)\b", re.IGNORECASE)
_NAMES_GAP = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
_NAME_ITEM = r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}"
_NAME_LIST = re.compile(rf"{_NAME_ITEM}(?:\s*,\s*{_NAME_ITEM})*\s*,?\s+and\s+{_NAME_ITEM}")
# How far after the region's name the list of names may come (characters: two or three sentences).
_COUNTED_REACH = 600


def _counted_in_region(text: str, raw_end: dict[int, int], gaz: Gazetteer, cues: Cues) -> dict[int, tuple[str, str]]:
    """The names of a list that follows "N villages ... in REGION" with exactly N names, by where
    each starts, each with that region's (country, admin1 code)."""
    starts = sorted(raw_end)
    found: dict[int, tuple[str, str]] = {}
    for r in starts:
        end = raw_end[r]
        if not (cues.region_after.search(text, r, end) or cues.region_after.match(text, end) or _BORDER_REGION.match(text, end)):
            continue  # (the region's word in the name, "Kursk region", or after it)
        line_start = max(text.rfind(".", 0, r), text.rfind("\n", 0, r)) + 1
        pattern, numbers = _counted_before(gaz.data_dir)
        counted = pattern.search(text, line_start, r)
        if counted is None:
            continue
        called = _regions_called(gaz, text[r:end])
        if len(called) != 1:
            continue
        word = counted.group("n").lower()
        n = int(word) if word.isdigit() else numbers[word]
        if n < 2:
            continue
        # (the list's names may be ones the gazetteer lacks: counted as written, pinned where known)
        listed = next((m for m in _NAME_LIST.finditer(text, end, end + _COUNTED_REACH)
                       if len(_NAMES_GAP.split(m.group())) == n), None)
        if listed is not None:
            found.update({a: next(iter(called)) for a in starts if listed.start() <= a < listed.end()})
    return found


def _regions_called(gaz: Gazetteer, name: str) -> set[tuple[str, str]]:
    """The first-level regions a name means as written, with or without its region word ("Jonglei",
    "Jonglei state", "Donetsk", "the Kharkiv region"): (country, admin1 code) pairs."""
    key = name_key(_clean(name))
    pairs = {(row[5], row[6]) for row, _how in gaz.exact(key) if row[8] == "region"}
    head, _, last = key.rpartition(" ")
    if not pairs and head and gaz.region_words.get(last) is not None:
        pairs = {(row[5], row[6]) for row, _how in gaz.exact(head) if row[8] == "region"}
    return pairs


def _short_in_region(text: str, end: int, name: str, gaz: Gazetteer) -> bool:
    """Whether a three-letter name is written with a region that has a town called so: "Bor in
    Jonglei", "Bor, Jonglei state" (three letters alone are too often initials or words: "Ali",
    "Gen"). The region must hold a town whose own name it is."""
    if not _SHORT_NAME.fullmatch(name):
        return False
    local = _IN_REGION.match(text, end)
    run = _RUN.match(text, local.end()) if local else None
    if run is None:
        return False
    regions = _regions_called(gaz, run.group())
    return bool(regions) and any(how == HOW_NAME and row[8] not in AREA_KINDS and (row[5], row[6]) in regions
                                 for row, how in gaz.exact(name_key(name)))


def find_places(
    text: str, gaz: Gazetteer, *, blocked: list[tuple[int, int]] | None = None, deadline: Deadline | None = None,
    cues: Cues | None = None, all_toponyms: bool = False,
) -> list[PlaceMention]:
    """Every place the text names, in order, resolved with the context of the whole text.

    deadline: raise geo.errors.TimeLimitExceeded once it has passed (checked every few hundred names).
    cues: the cue lists of a data folder; those of the gazetteer's data folder unless given.
    all_toponyms: also demonyms ("Egyptian officials") and continents, which locate no incident but
    which the geoparsing corpora count as toponyms."""
    return places_and_context(text, gaz, blocked=blocked, deadline=deadline, cues=cues,
                              all_toponyms=all_toponyms)[0]


def places_and_context(
    text: str, gaz: Gazetteer, *, blocked: list[tuple[int, int]] | None = None, deadline: Deadline | None = None,
    cues: Cues | None = None, all_toponyms: bool = False,
) -> tuple[list[PlaceMention], Context]:
    """find_places, and the context of the whole text: every place it names, demonyms and the
    places inside other names included."""
    cues = cues or load_cues(gaz.data_dir)
    inner: list[tuple[int, int, str]] = []
    streets: list[tuple[int, int, str]] = []
    raw = _raw_mentions(text, gaz, blocked or [], deadline, cues, inner, streets)
    split = [_town_before_its_noun(text, r, gaz, cues) for r in raw]
    # ... and the word after the noun is the institution's ("Council"), not a town's name after "City"
    institutions = {start for _r, start in split if start is not None}
    raw = [r for r, _start in split if r[0] not in institutions]
    # names listed before "counties" are counties ("between Walton and Oconee counties in Georgia"),
    # looked up as "Walton County"; what follows the list pins them ("counties in Georgia")
    listed = [c for c in _county_lists(text, gaz, cues) if not any(c[0] < e and s < c[1] for s, e in blocked or [])]
    list_end: dict[int, int] = {}
    if listed:
        raw = sorted([r for r in raw if not any(r[0] < e and s < r[1] for s, e, _n, _l in listed)]
                     + [(s, e, county, True, True, False) for s, e, county, _l in listed])
        list_end = {s: end for s, _e, _n, end in listed}
    # Anchors: the areas the text names (countries, regions, counties, also inside other names),
    # then its large cities, resolved in the context of those areas: "An Alexandria woman ... Rapides
    # Parish deputies" is Alexandria, Louisiana, and the Egyptian city must not vouch for itself.
    anchors: list[tuple[Place, str]] = []  # each with its name as resolved: a name is no context for itself
    large: list[tuple[int, int, str]] = []
    regions_at: dict[int, Place] = {}  # regions named in the text, by where their name starts
    for s, e, name, _cue, known, _headline in raw:
        if not known:
            continue
        place = gaz.resolve(name, allow_common=cues.settlement_beside(text, s, e))
        # a county that shares its name with towns ("Norfolk", "Kent") is no anchor: the text's
        # other names decide which is meant
        if place and place.kind in AREA_KINDS and not (place.kind == "county" and any(
                row[8] not in AREA_KINDS for row, _ in gaz.exact(name_key(name)))):
            anchors.append((place, name))
            if place.kind == "region":
                regions_at[s] = place
        elif place and place.population >= LARGE_PLACE:
            large.append((s, e, name))
    extra: list[tuple[Place, str]] = []  # what gives context without being one of the text's places
    inner_areas: list[PlaceMention] = []  # ... but toponyms all the same ("the Texas Department of Health")
    inner_named: list[tuple[str, Place]] = []  # ... and their names and first readings
    for s, e, name in inner:
        place = gaz.resolve(name)
        if place and (place.kind in ("country", "region") or place.matched_by == "demonym"):
            extra.append((place, name))
            inner_areas.append(PlaceMention(text[s:e], s, e, place))
            inner_named.append((name, place))
    areas = _context(gaz, [*anchors, *extra])
    for s, e, name in large:
        place = gaz.resolve(name, areas, allow_common=cues.settlement_beside(text, s, e))
        if place is not None:
            anchors.append((place, name))
    # a one-word region inside another name, of a country none of the text's areas and large cities
    # is in, is a word of that name ("Director Paul Hammersmith" is no Cape Verdean region): no context
    # for the joint choices, as it is none of the text's places at the end (below)
    anchor_countries = {p.country for p, _n in anchors}
    if anchor_countries:
        extra = [(p, n) for p, n in extra if not (p.kind == "region" and " " not in n.strip()
                                                  and p.matched_by != HOW_LABELS[HOW_DEMONYM]
                                                  and p.country not in anchor_countries)]
    context = _context(gaz, [*anchors, *extra])
    # Towns and counties that begin an institution's name ("the Columbus Metropolitan Library",
    # "Henderson County Crimestoppers") are no places of the text, but they say where it is: they
    # take part in the joint choices, and where those put them is context.
    institution = institution_words(gaz.data_dir)
    leading = [(s, e, name, False, True, False) for s, e, name in inner
               if _begins_name(text, s, cues) and _of_institution(text, e, institution)]
    # ... and so do the towns streets are named after ("1205 Lone Oak Road" in a Paris, Tennessee story):
    # roads are often named after the town they lead to
    leading += [(s, e, name, False, True, False) for s, e, name in streets if _begins_name(text, s, cues)]
    # a name written with its region ("HELENA, Mont.") is in that region in the joint choices too:
    # its namesakes elsewhere (Helena, Alabama) place none of the text's other names (Shelby, Alabama)
    written_in: dict[str, set[tuple[str, str]]] = {}
    for s, e, name, _cue, _known, _headline in raw:
        local = _IN_REGION.match(text, list_end.get(s, e))
        region = regions_at.get(local.end()) if local else None
        if region is not None:
            written_in.setdefault(name_key(name), set()).add((region.country, region.admin1_code))
    # the regions the text names as such ("W.Va.", "West Virginia", "the Texas Department of Health")
    named_regions = frozenset((p.country, p.admin1_code) for p, _n in [*anchors, *extra] if p.kind == "region")
    joint = _joint_choices([*raw, *leading], gaz, context, text, cues, written_in, named_regions)
    inner_keys = {name_key(n) for _s, _e, n, *_rest in leading} - {name_key(n) for _s, _e, n, *_rest in raw}
    placed_inner = [(p, key) for key, p in joint.items() if key in inner_keys]  # context for the final reading
    if joint:
        context = _context(gaz, [*[(joint.get(name_key(n), p), n) for p, n in anchors],
                                 *((p, key) for key, p in joint.items()), *extra])
    # the places inside other names, read again in the text's context ("Md. ... Maryland State Police"
    # is the US state, not Liberia's Maryland, which a bare reading ties with it)
    if inner_areas:
        again = [gaz.resolve(name, context) or first for name, first in inner_named]
        inner_areas = [PlaceMention(m.text, m.start, m.end, place) for m, place in zip(inner_areas, again)]
        if any(place != first for place, (_name, first) in zip(again, inner_named)):
            # extra holds only these names so far: their new readings give the context
            extra = [(place, name) for place, (name, _first) in zip(again, inner_named)]
            context = _context(gaz, [*[(joint.get(name_key(n), p), n) for p, n in anchors],
                                     *((p, key) for key, p in joint.items()), *extra])
    # "Novoselivka in the Donetsk region", "Springfield, Ohio": the region written beside a name
    # decides among its namesakes, there and wherever else the text writes the name bare.
    pinned: dict[int, Place | None] = {}  # by where the name starts
    for members in _by_list(listed).values():
        # a list of counties names counties of one state: the state that has a county of most of its
        # names ("Butler, Clark, Hamilton, Madison ... counties" are Ohio's), unless the text writes
        # another beside the list (below)
        state = _common_region(gaz, [county for _s, _e, county, _l in members])
        if state is not None:
            for s, _e, county, _l in members:
                pinned[s] = gaz.resolve(county, Context(context.countries, frozenset({state}), (), pinned=True))
    raw_at = {r[0]: r[2] for r in raw}
    raw_end = {r[0]: r[1] for r in raw}
    unknown_in_region: set[int] = set()  # names written with a region that has no place so called
    read_as_region: dict[int, tuple[str, str]] = {}  # a city's name read as its region's, by where it starts
    for s, e, name, _cue, _known, _headline in raw:
        local = _IN_REGION.match(text, list_end.get(s, e))
        region = regions_at.get(local.end()) if local else None
        pair = (region.country, region.admin1_code) if region is not None else None
        if pair is None and _written_in(local) and local is not None and local.end() in raw_at:
            # "Pokrovsk in Donetsk": a region's name that a city shares, read bare as the city, is the
            # region where the name before it has a town in that region only (after a bare comma, below:
            # "Moscow, Kiev, Minsk" is a list of cities, whatever villages Kyiv oblast holds)
            held = {(p.country, p.admin1_code) for p in gaz.candidates(name, Context(), allow_common=True)
                    if p.kind not in AREA_KINDS}
            # ... or, after "in", the one region so called ("Penha in Rio de Janeiro": the city's
            # neighbourhood, not Penha, Santa Catarina); after a bare comma the name may begin a list
            called_regions = _regions_called(gaz, raw_at[local.end()])
            shared = called_regions & held
            if len(shared) == 1:
                read_as_region[local.end()] = next(iter(shared))  # ... and the name after is that region here
            elif not shared and len(called_regions) == 1:
                shared = called_regions
            pair = next(iter(shared)) if len(shared) == 1 else None
        elif pair is None and local is not None and local.end() in raw_at:
            # after a bare comma, only where the name's own first reading lies in that region: "Tacoma,
            # Washington" is the state (Tacoma is first the one there), "Moscow, Kiev" a list
            first = next(iter(gaz.candidates(name, Context(), allow_common=True)), None)
            if first is not None and first.kind not in AREA_KINDS and (
                    (first.country, first.admin1_code) in _regions_called(gaz, raw_at[local.end()])):
                pair = read_as_region[local.end()] = (first.country, first.admin1_code)
        if pair is not None:
            place = gaz.resolve(name, Context(context.countries, frozenset({pair}), (), pinned=True),
                                allow_common=cues.settlement_beside(text, s, e))
            # the region written beside a name is where the place is: a namesake elsewhere in its
            # country ("Kamianka in the Kharkiv region" is no Kamianka of Cherkasy), or one known by
            # another name abroad ("Mambasa in Ituri province" is not Mombasa, Kenya), is a place the
            # gazetteer lacks, reported unresolved in that region (a town of another country called so
            # by its own name stays: the region may be the wrong reading of the name after it, unless the
            # text writes it as a region: "the village of Horodnye in the Belgorod region" is no Horodnye
            # of Ukraine's Odesa region)
            # (after a bare comma, a city elsewhere stays: "Sumy, Chernihiv Oblast and ..." is a list)
            written_as_region = local is not None and local.end() in raw_at and bool(
                cues.region_after.search(raw_at[local.end()]) or cues.region_after.match(text, raw_end[local.end()]))
            if place is not None and place.kind not in AREA_KINDS and (place.country, place.admin1_code) != pair and (
                    place.country == pair[0] or place.matched_by != HOW_LABELS[HOW_NAME] or written_as_region) and (
                    _written_in(local) or place.population < LARGE_PLACE):
                place = None
                unknown_in_region.add(s)
            pinned[s] = place
    for s, pair in read_as_region.items():
        if s not in pinned and (area := gaz.area(*pair)) is not None:
            pinned[s] = area
    # "In Russia's Belgorod region, shelling damaged houses in the village of Zhuravlevka": a sentence
    # that opens with its region holds the villages it names with their noun, as "X in the region"
    # does (a namesake in another region or country is a village the gazetteer lacks)
    openings = {r: next(iter(called)) for r, name in raw_at.items()
                if _SENTENCE_OPENS_IN.search(text, max(0, r - 40), r)
                and (cues.region_after.search(name) or cues.region_after.match(text, raw_end[r]))
                and len(called := _regions_called(gaz, name)) == 1}
    def pin_in_region(s: int, name: str, pair: tuple[str, str]) -> None:
        # the name's place in that region; a namesake elsewhere, however large ("the village of
        # Oktyabrsky" is no city of 108,000), is a village the gazetteer lacks, coded in that region
        place = gaz.resolve(name, Context(context.countries, frozenset({pair}), (), pinned=True), allow_common=True)
        if place is not None and place.kind not in AREA_KINDS and (place.country, place.admin1_code) != pair:
            place = None
            unknown_in_region.add(s)
        pinned[s] = place

    for s, e, name, _cue, _known, _headline in raw:
        if s in pinned or not openings or not cues.settlement_beside(text, s, e):
            continue
        opening = next((r for r in sorted(openings, reverse=True) if r < s and not _SENTENCE_BREAK.search(text, r, s)),
                       None)
        if opening is not None:
            pin_in_region(s, name, openings[opening])
    # "retook three villages in the Kursk border region. The ministry announced the recapture of
    # Viktorovka, Nikolayevka and Staraya Sorochina": a list of as many names as the villages
    # counted in a region, told right after, names those villages
    for s, pair in _counted_in_region(text, raw_end, gaz, cues).items():
        if s not in pinned:
            pin_in_region(s, raw_at[s], pair)
    # "the English city of Salisbury", "the Georgian town of Gori": a demonym before the settlement
    # noun says whose town it is, as a region written beside it does
    demonym_before = _demonym_settlement(gaz.data_dir)
    for s, _e, name, _cue, _known, _headline in raw:
        if s in pinned:
            continue
        demonym = demonym_before.search(text, max(0, s - 60), s)
        owner = gaz.resolve(demonym.group(1)) if demonym else None
        if owner is not None and owner.matched_by == HOW_LABELS[HOW_DEMONYM] and owner.kind in ("country", "region"):
            regions = frozenset({(owner.country, owner.admin1_code)}) if owner.kind == "region" else frozenset()
            place = gaz.resolve(name, Context(frozenset({owner.country}), regions, (), pinned=True),
                                allow_common=True)
            if place is not None and place.country == owner.country and place.kind not in AREA_KINDS:
                pinned[s] = place
    settled = _settled(raw, pinned, joint)
    mentions = []
    for s, e, name, cue, _known, headline in raw:
        settlement = cues.settlement_beside(text, s, e)
        if s in pinned:
            place = pinned[s]
        else:
            place = settled.get(name_key(name)) or gaz.resolve(name, context, allow_common=settlement, cued=cue)
        if place is None:
            if settlement or s in unknown_in_region:
                # A name beside "village"/"town" that the gazetteer does not know, or knows only
                # elsewhere with no support from the text ("the villages of Al-Amiriya"): still a place.
                mentions.append(PlaceMention(text[s:e], s, e, None, True))
            continue
        if place.kind == "region" and _a_water(text, s, e, name, gaz, cues):
            continue  # "ships in the Red Sea", "the Red Sea port of Hodeidah": the sea, not Egypt's governorate
        if (place.kind in SETTLED_AREA_KINDS and cues.settlement_before.search(text[max(0, s - 40):s])
                and not cues.region_after.match(text, e)):
            # "the city of Zaporizhzhia": the town called so in that area, not the area ("the Virginia
            # area" stays the state). A town of that name inside the area comes first, then the area's
            # seat, then a namesake elsewhere in the country: "the southern city of Mykolaiv" is the
            # Mykolaiv region's city, whatever other region the text names (not Mykolaivka, Donetsk)
            towns = [p for p in gaz.candidates(name, context, allow_common=True, cued=True)
                     if p.kind not in AREA_KINDS and p.country == place.country]
            place = next((p for p in towns if place.admin1_code and p.admin1_code == place.admin1_code), None) or (
                _seat_called(gaz, name, place) or next(iter(towns), None) or place)
        in_context = place.country in context.countries or (place.country, place.admin1_code) in context.regions
        if place.kind not in AREA_KINDS and not in_context and (
            headline or (not cue and place.population < LARGE_PLACE) or place.population < SMALL_PLACE_ALONE
        ):
            # a small place far from everything else the text names, and no place word: a name; beside a
            # settlement noun ("the village of Andriivka, south of Bakhmut", whose namesakes the gazetteer
            # has only far away), a place it lacks, as one it does not know at all
            if settlement and not headline:
                mentions.append(PlaceMention(text[s:e], s, e, None, True))
            continue
        if not cue and _other_name(name, place):
            continue  # "Park" is an old name of Rockville, "Julia" one of Plovdiv: in prose, words
        # "of" after a capitalised word joins one name ("the Chapel of Jesus", "Court of Human Rights"):
        # no place word for a misspelling
        linked = _NAME_OF.search(text, max(0, s - 40), s) is not None
        if (not cue or linked) and _near_miss(name, place):
            continue  # "Health" is no misspelling of Heath, Ohio, nor "Take" a spelling of Takeo: words
        if not all_toponyms and (place.kind in CONTEXT_ONLY_KINDS or place.matched_by == "demonym"):
            extra.append((place, name))
            continue
        mentions.append(PlaceMention(text[s:e], s, e, place, cue))
    mentions = _without_far_town_parts(mentions, gaz)
    if all_toponyms and inner:
        # A town's name that begins a name of an institution ("the Paris Public Library", "Dublin City
        # Council": the next word is one the text writes in lower case too) names the town as well.
        lowercase = lowercase_words(text)
        authority = _word_keys(gaz.data_dir, "authority_words.txt")
        for s, e, name in inner:
            nxt = _NEXT_WORD.match(text, e)
            before = _WORD_BEFORE.search(text, max(0, s - 40), s)
            if (not nxt or (before and name_key(before.group()) not in cues.function_words)
                    or any(m.start == s for m in inner_areas)):
                continue  # "The Washington Post" names Washington; "Michael Dublin Smith" does not
            # ... or after a place word, when the text names the town's region: "at the Oakdale Fire
            # Department" among Oakdale's neighbours (not "in Superior Court")
            cued = bool(cues.place_cue.search(text[max(0, s - 40):s]))
            if cues.street_after.match(text, e):
                continue  # "Concord Street": a street's name, not the town's (cues/street_nouns.txt)
            # an outlet's city ("The Washington Post") names the city, as the corpora count it
            # ... and so does a town before a word of its own public services ("Gainesville Police", "the
            # Butler County Sheriff's Office": authority_words.txt)
            common = (nxt.group(1).lower() in lowercase or name_key(nxt.group(1)) in cues.outlet_words
                      or name_key(nxt.group(1)) in authority)
            if common or cued:
                place = gaz.resolve(name, context)
                if place is not None and place.kind not in CONTEXT_ONLY_KINDS and not _near_miss(name, place) and (
                        common or (place.country, place.admin1_code) in context.regions):
                    inner_areas.append(PlaceMention(text[s:e], s, e, place))
        mentions = sorted([*mentions, *inner_areas], key=lambda m: m.start)
    # a one-word region inside another name, of a country none of the text's other places is in, is a
    # word of that name: "the United Kingdom Maritime Trade Operations agency ... off Yemen" (not Togo's
    # Maritime), "Paul Francis Floyd" (not Cape Verde's Paul); "the Texas Department of Health" in a
    # story of Texan towns, or of no other place, stays
    inner_words = {(m.start, m.end) for m in inner_areas if m.place is not None and m.place.kind == "region"
                   and " " not in m.text.strip()}
    if inner_words:
        countries = {m.place.country for m in mentions if m.place is not None and (m.start, m.end) not in inner_words}
        words = {(m.start, m.end) for m in mentions if (m.start, m.end) in inner_words and countries
                 and m.place is not None and m.place.country not in countries}
        if words:
            dropped = {name_key(text[a:b]) for a, b in words}
            mentions = [m for m in mentions if (m.start, m.end) not in words]
            extra = [(p, n) for p, n in extra if name_key(n) not in dropped]
    final = _context(gaz, [*((m.place, m.text) for m in mentions if m.place is not None), *extra, *placed_inner])
    if listed:
        # a name the text lists as a county is that county wherever else it writes the name bare
        by_start = {m.start: m.place for m in mentions if m.place is not None and m.place.kind == "county"}
        for s, e, _county, _end in listed:
            key = name_key(text[s:e])
            if s in by_start and key not in settled:
                settled[key] = by_start[s]
    return mentions, replace(final, settled=tuple(settled.items())) if settled else final


# Nigeria's second-level areas written in capitals after their name ("Guma Local Government Area"):
# the noun, not part of the name (cues/district_nouns.txt reads it as a district's).
_LGA_TAIL = re.compile(r"\s+Local\s+Government(?:\s+Area)?$")

# A capitalised word made an adjective of who holds a place: "Ossetian-controlled", "Russian-occupied".
_WHOSE = re.compile(r"[\w'’]+-(?:controlled|held|occupied|run|administered|annexed|captured|seized)(?:\s+|$)")

# A capitalised word right after a name: the rest of a longer name it begins.
_CAPITALISED_NEXT = re.compile(r"\s+[A-Z]")


def _town_before_its_noun(text: str, mention: tuple[int, int, str, bool, bool, bool], gaz: Gazetteer,
                          cues: Cues) -> tuple[tuple[int, int, str, bool, bool, bool], int | None]:
    """"Dublin City Council", "Springfield City Schools": a town's name and a settlement noun that the
    gazetteer knows only as an alternate name of the town called by the name alone ("Dublin City" for
    Dublin), before another capitalised word, name the town; the noun begins an institution's name.
    The town's own name then reads as it does elsewhere in the text. "Kansas City" and "Jersey City"
    are the places' own names and stay whole. Returns the mention, and where the capitalised word
    after the noun starts (a word of the institution's name, not a town's after "City"), else None."""
    s, e, name, cue, known, headline = mention
    head, _, last = name.rpartition(" ")
    after = _CAPITALISED_NEXT.match(text, e)
    if not head or not known or not cues.settlement_after.match(" " + last) or after is None:
        return mention, None
    rows = gaz.exact(name_key(name))
    head_key = name_key(head)
    if rows and all(how != HOW_NAME and name_key(row[2]) == head_key for row, how in rows):
        return (s, s + len(head), head, cue, known, headline), after.end() - 1
    return mention, after.end() - 1  # "Kansas City Council": no town called Council either


@lru_cache(maxsize=8)
def _demonym_settlement(data_dir: Path) -> re.Pattern[str]:
    """A capitalised word, a settlement noun (cues/settlement_before.txt) and "of" right before a name:
    "the English city of ", "the Cypriot port of "."""
    nouns = word_list(data_dir / "cues", "settlement_before")
    return re.compile(rf"\b([A-Z][a-z]+)\s+(?i:{nouns}|port|capital)\s+of\s+$")


def _settled(raw: list[tuple[int, int, str, bool, bool, bool]], pinned: dict[int, Place | None],
             joint: dict[str, Place]) -> dict[str, Place]:
    """The names the text settles, by name key: those it writes with their region (one place however
    often), else those its other names place (_joint_choices). A name written with two regions
    ("Springfield, Ill." and "Springfield, Mass.") is settled by neither."""
    by_key: dict[str, set[Place]] = {}
    for s, _e, name, _cue, _known, _headline in raw:
        place = pinned.get(s)
        if place is not None:
            by_key.setdefault(name_key(name), set()).add(place)
    out = dict(joint)
    for key, places in by_key.items():
        if len(places) == 1:
            out[key] = next(iter(places))
        else:
            out.pop(key, None)
    return out


def institution_words(data_dir: Path) -> frozenset[str]:
    """DATA_DIR/institution_words.txt: words of local institutions' names ("Library", "Sheriff"), as keys."""
    return _word_keys(data_dir, "institution_words.txt")


# Up to four capitalised words after a name: the rest of the institution's name it begins.
_NAME_REST = re.compile(r"(?:\s+[A-Z][\w'’]*){1,4}")


def _of_institution(text: str, end: int, words: frozenset[str]) -> bool:
    """Whether the capitalised words after a name hold an institution's word ("Metropolitan Library")."""
    rest = _NAME_REST.match(text, end)
    return rest is not None and any(name_key(w) in words for w in rest.group().split())


def _begins_name(text: str, start: int, cues: Cues) -> bool:
    """Whether the name at start begins a longer name: no capitalised word other than a function
    word stands right before it ("The Columbus Dispatch", not "Michael Jordan")."""
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    return before is None or name_key(before.group()) in cues.function_words


def _context(gaz: Gazetteer, named: list[tuple[Place, str]]) -> Context:
    """The context of places, each with the name it was found by (Context.without)."""
    return gaz.context_of([p for p, _ in named], [n for _, n in named])


def _joint_choices(raw: list[tuple[int, int, str, bool, bool, bool]], gaz: Gazetteer, context: Context, text: str,
                   cues: Cues, written_in: dict[str, set[tuple[str, str]]] | None = None,
                   named_regions: frozenset[tuple[str, str]] = frozenset()) -> dict[str, Place]:
    """Names with namesakes that the text's other names place together: "Paris and Henry County" is
    Paris, Tennessee, in Henry County, Tennessee, though Paris, France and Henry County, Georgia are
    larger. For each pair of names, the closest pair of their candidates (towns and counties) supports
    both when they lie within JOINT_KM of each other; a candidate so supported by at least one other
    name, and more than the one ranked first, is chosen. Of two names' pairs of candidates within
    JOINT_KM, a pair inside the regions the text names (named_regions) comes before a closer pair
    elsewhere: "Princeton ... Mercer County" in a story that names West Virginia is the pair there,
    not the one in Missouri, whose points lie nearer each other. Returns the choices that differ
    from the ranking alone, by name key."""
    names: dict[str, list[Place]] = {}
    supporters: set[str] = set()  # names read first as areas: their towns support others
    # ... and those of a text whose other names give no country at all: their town may be chosen
    lone_areas: set[str] = set()
    countries = Context(context.countries, own=context.own)
    cued = {name_key(name) for _s, _e, name, cue, _known, _headline in raw if cue}
    # ranked by the countries alone: a region that the first guesses put in the context (Henry County,
    # Georgia, the most populous) must not vouch for itself
    ranked: dict[str, list[Place]] = {}
    for s, e, name, _cue, known, _headline in raw:
        key = name_key(name)
        if known and key not in ranked:
            ranked[key] = gaz.candidates(name, countries, allow_common=cues.settlement_beside(text, s, e))
    # the countries of the towns the text names that are only in one country ("Novohrodivka"): their
    # namesakes there may be chosen too, as those of the text's countries are ("Russian troops took
    # Novohrodivka near Pokrovsk" is Pokrovsk, Donetsk, beside it, not Pokrovsk, Sakha)
    sure = {key: found[0].country for key, found in ranked.items() if found
            and found[0].kind not in JOINT_SKIPPED_KINDS and len({p.country for p in found}) == 1}
    for _s, _e, name, _cue, known, _headline in raw:
        key = name_key(name)
        if known and key not in names:
            found = ranked[key]
            if not found:
                names[key] = []
                continue
            if found[0].kind in JOINT_SKIPPED_KINDS:
                # an area is placed by the context ("California" is the state), but its namesake towns
                # may place the text's other names: "Lebanon Police and the Boone County Sheriff's Office"
                # is Boone County, Indiana, which holds a Lebanon
                supporters.add(key)
            # namesakes in the first one's country only (in any country when the text names none: a
            # local paper's Athens may be Athens, Texas), and not far below it: Moscow is never Moscow Mills
            # ... and, when the first is called so, no town known by the name only as an alternate name
            # unlike its own: "Goose Creek" (South Carolina) is no old name of Toms River that New Jersey
            # towns around it could choose (a spelling, Andriyivka for Andriivka, is weighed, and so is
            # an old name after a place word: "the village of Story near Rochelle")
            called = found[0].matched_by == HOW_LABELS[HOW_NAME] and key not in cued
            # (an area's towns: in the text's countries)
            # (a metropolis of a country the text does not otherwise name, ranked first because the text
            # points at none of its namesakes: its namesakes in the text's countries too, "Paris and
            # Henry County" in Tennessee)
            others = countries.without(key).countries  # the countries the text's other names give
            abroad = found[0].population >= METROPOLIS and found[0].country not in others
            # (an area's towns: in the countries the text's other names give, anywhere when they give
            # none: "Lebanon" in a text that names no other country may be Lebanon, Pennsylvania)
            home = others if key in supporters else ({found[0].country, *others} if abroad else {found[0].country})
            if key not in supporters and found[0].population < JOINT_LARGE:
                # (a large city's name stays in its country: "St. Petersburg ... Petersburg" in a story
                # that names Ohio's Delta is Russia's)
                home = home | {c for k, c in sure.items() if k != key}
            # (a metropolis abroad in a text whose other names give no country: its namesakes anywhere,
            # as an area's: "Dublin ... the Columbus Metropolitan Library" may be Dublin, Ohio)
            anywhere = not (others if key in supporters or abroad else countries.countries)
            if key in supporters and not others:
                lone_areas.add(key)
            names[key] = [p for p in found if p.kind not in JOINT_SKIPPED_KINDS
                          and (p.country in home or anywhere)
                          and p.score >= found[0].score - JOINT_MARGIN
                          and not (called and _unlike(name, p))][:JOINT_CANDIDATES]
            # a name the text writes with one region is only its namesakes there (two regions: any)
            regions = (written_in or {}).get(key, set())
            if len(regions) == 1:
                names[key] = [p for p in names[key] if (p.country, p.admin1_code) in regions]
    keys = [k for k, places in names.items() if places]
    if len(keys) < 2:
        return {}
    owner = np.array([i for i, k in enumerate(keys) for _ in names[k]])
    lat = np.radians([p.latitude for k in keys for p in names[k]])
    lon = np.radians([p.longitude for k in keys for p in names[k]])
    # haversine distances between every two candidates
    dlat = lat[:, None] - lat[None, :]
    dlon = lon[:, None] - lon[None, :]
    a = np.sin(dlat / 2) ** 2 + np.cos(lat)[:, None] * np.cos(lat)[None, :] * np.sin(dlon / 2) ** 2
    km = 2 * 6371.0 * np.arcsin(np.sqrt(np.clip(a, 0, 1)))
    km[owner[:, None] == owner[None, :]] = np.inf  # a name does not support itself
    named = np.array([(p.country, p.admin1_code) in named_regions for k in keys for p in names[k]])
    support = np.zeros(len(owner))
    starts = np.searchsorted(owner, np.arange(len(keys) + 1))
    partners: dict[int, list[int]] = defaultdict(list)  # candidate -> the other names' candidates that placed it
    for i in range(len(keys)):
        block = km[starts[i]:starts[i + 1]]
        for j in range(i + 1, len(keys)):
            pair = block[:, starts[j]:starts[j + 1]]
            both_named = (pair <= JOINT_KM) & named[starts[i]:starts[i + 1], None] & named[None, starts[j]:starts[j + 1]]
            flat = int(np.argmin(np.where(both_named, pair, np.inf))) if both_named.any() else int(np.argmin(pair))
            r, c = divmod(flat, pair.shape[1])
            if pair[r, c] <= JOINT_KM:
                support[starts[i] + r] += 1
                support[starts[j] + c] += 1
                partners[starts[i] + r].append(starts[j] + c)
                partners[starts[j] + c].append(starts[i] + r)
    out: dict[str, Place] = {}
    held: list[tuple[str, int]] = []  # large towns' namesakes placed by one name only
    for i, key in enumerate(keys):
        mine = support[starts[i]:starts[i + 1]]
        if key in supporters:
            # an area's name is its namesake town when the text's other names lie beside that town and
            # none of them names a country: the obituary's "Lebanon ... Myerstown" is Lebanon,
            # Pennsylvania, not the country; with "Texas" or "Canada" beside it, "Mexico" or "Peru"
            # stays the country
            best = int(np.argmax(mine))
            if key in lone_areas and mine[best] >= 1:
                out[key] = names[key][best]
            continue
        best = int(np.argmax(mine))
        # A large city gives way only to a namesake that two other names place ("Washington, New
        # York and Boston" stay where they are).
        first = names[key][0]
        needed = 1 if first.population < (JOINT_LARGE_COUNTY if first.kind == "county" else JOINT_LARGE) else 2
        if (first.country, first.admin1_code) in named_regions and (
                names[key][best].country, names[key][best].admin1_code) not in named_regions:
            # first in a region the text names: chance neighbours elsewhere do not move it ("Texas ...
            # Dallas ... the Cherokee County Sheriff's Office" is not Dallas, Georgia)
            continue
        if mine[best] > mine[0] and mine[best] >= needed:
            out[key] = names[key][best]
        elif mine[best] > mine[0] and first.kind != "county":
            held.append((key, starts[i] + best))
    # ... or to a namesake that lies in a county the text names, where the county's own reading puts
    # it: "Huntsville ... Walker County" is Huntsville, Texas, the county's seat, not Huntsville,
    # Alabama. A county written as such is no chance neighbour, as a small town near a namesake is.
    flat_places = [p for k in keys for p in names[k]]
    for key, index in held:
        for partner in partners[index]:
            county_key = keys[int(owner[partner])]
            county = flat_places[partner]
            if (county.kind == "county" and county_key not in supporters
                    and out.get(county_key, names[county_key][0]) is county):
                out[key] = flat_places[index]
                break
    return out


def context_from_text(text: str, gaz: Gazetteer) -> Context:
    """The countries, regions and points a text names (for geocoding a name out of it)."""
    return places_and_context(text, gaz)[1]
