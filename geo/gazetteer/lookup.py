"""The offline gazetteer: find the place a name means, using the text around it.

Candidates come from the on-disk index (geo.gazetteer.index): exact names, alternate names,
transliteration skeletons and, inside the regions and countries the text names, fuzzy
matches (rapidfuzz) for misspellings. They are ranked by how well they match, by the
countries, regions and places the same text names, and by population.
"""

from __future__ import annotations

import math
import re
import sqlite3
import threading
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

from geo.errors import GazetteerError
from geo.gazetteer.index import (
    AREA_KINDS,
    DATA_DIR,
    HOW_ALTERNATE,
    HOW_BARE_COUNTY,
    HOW_BARE_REGION,
    HOW_DEMONYM,
    HOW_LABELS,
    HOW_NAME,
    HOW_SKELETON,
    build_index,
    index_path,
)
from geo.gazetteer.names import loose_key, name_key, skeleton_key
from geo.records import Place
from geo.wordlists import read_table, read_words

# How much each kind of match is worth before context; a fuzzy match is worth its
# rapidfuzz ratio times FUZZY_WEIGHT. An old or foreign name is worth less than a place's own name by
# more than the population of a large place adds: Twickenham, England, in a story that names England,
# is not Huntsville, Alabama (once called Twickenham).
MATCH_QUALITY = {HOW_NAME: 1.0, HOW_ALTERNATE: 0.85, HOW_SKELETON: 0.85, HOW_BARE_REGION: 0.85, HOW_DEMONYM: 0.9,
                 HOW_BARE_COUNTY: 0.85}
# An area written with the word its country calls its first-level areas ("Plateau State", "Kharkiv
# Oblast": DATA_DIR/region_words.csv) gets this much before same-named areas of other countries.
REGION_WORD_BONUS = 0.2
# Regions carry no population in the index; for the population prior they count as this.
REGION_POPULATION = 1_000_000
# Weight of log10(population)/7 in a score: Avdiivka (Donetsk, 36,000) over its namesakes.
POPULATION_WEIGHT = 0.5
FUZZY_WEIGHT = 0.8
# Below this ratio two names are different names (Kozina/Kozinka is 92, Shebikino/Shebekino 89).
FUZZY_MIN_RATIO = 86.0
# Context bonuses: the text names the candidate's country, its region, or places near it.
COUNTRY_BONUS, REGION_BONUS, NEAR_BONUS, FAR_PENALTY = 0.3, 0.5, 0.3, 0.3
NEAR_KM = 150.0
# A country's capital, named bare in a text about that country, is the capital: "Washington" in a
# story that also names New Hampshire is not Washington, New Hampshire. It also keeps its name against
# a same-named region (the state of Washington), as a city of AREA_NAMESAKE_CITY people does.
CAPITAL_BONUS = 0.35
# A city this large keeps its name against a same-named area elsewhere; a smaller namesake does not
# (Mexico, Indiana; Virginia, Free State, 120,000 people, against the US state). A city inside the
# area of its name keeps it at any size ("Kyiv" is the city, not Kyiv Oblast).
AREA_NAMESAKE_CITY = 1_000_000
# A city this large, called by the name, outranks a namesake town of under ALTERNATE_ALONE people that
# the text supports only by naming its country (no region, no neighbour): "London" in an American
# story that names Washington is England's, not London, Ohio; "Rome" is not Rome, Georgia.
METROPOLIS = 1_000_000
# A city this many times larger than a namesake town, called by the name in a country the text names,
# outranks the town when the text supports the town only by naming its region (no place near it, the
# name not written with its region): "Portland" in a sports story that names Texas and its cities is
# Oregon's, not Portland, Texas; "Louisville" beside a dateline's Ohio is Kentucky's.
CITY_OVER_REGION_TOWN_RATIO = 10
# A town this large keeps its rank against a same-named area elsewhere (Gazetteer._areas_first) when the
# text names its region and no other country (a local paper's Palestine, Texas), or, against a region,
# when the text names its country; a smaller one does not (Indiana, a Peruvian village, is not the state).
AREA_TOWN_IN_REGION = 10_000
# A place this large is found by any of its names alone; a smaller one by an alternate name or a
# transliteration only with the context's support.
ALTERNATE_ALONE = 100_000
# A town known by a name only as an alternate name (an old or foreign name, a transliteration) is no
# candidate beside a place called so by its own name unless it is this many times larger.
OWN_NAME_RATIO = 10
# A town known by the name only as an alternate name, in a country the text does not name, needs the
# text's support when it lies this far from every place the text names.
ABROAD_KM = 800.0
# From this likeness (rapidfuzz ratio of the skeletons) an alternate name is a spelling of the place's
# own name (Kupiansk / Kupyansk), not another word (Keith / Bay Shore).
SPELLING_RATIO = 80.0
# A town this close to a more populous one is a section of that city when towns are ranked by size
# (Brooklyn and New York City lie 10 km apart; Kharkiv and Kyiv 410 km).
SECTION_KM = 25.0
# ... and a rank is read only where the town is this many times more populous than the next one,
# and the one before it this many times more populous than it (largest_town).
RANK_MARGIN = 1.25
# From this size a town's spelling is read after a place word without other support (candidates, cued).
CUED_SPELLING_TOWN = 10_000
# The words of a longer name (Gazetteer.inside): split at spaces and slashes, each without its
# possessive ending or the punctuation around it ("Dubai's", "(Tokyo)").
_INNER_SPLIT = re.compile(r"[\s/]+")
_INNER_EDGE = re.compile(r"['’]s$|^[^\w]+|[^\w.]+$")
# How an inner name must match to place a longer one (Gazetteer.inside): by a place's own name.
_OWN_NAMES = frozenset({HOW_LABELS[HOW_NAME], HOW_LABELS[HOW_BARE_REGION], HOW_LABELS[HOW_DEMONYM],
                        HOW_LABELS[HOW_BARE_COUNTY], "abbreviation"})
# A name written as an area's initials: two to four capitals ("NJ", "NSW"); the area's words that give
# them are its capitalised ones ("Newfoundland and Labrador" is "NL").
_INITIALS = re.compile(r"[A-Z]{2,4}")
_INITIAL_WORDS = re.compile(r"(?<![\w'’])[A-Z][\w'’]*")
# Words that start a region mention: "the Kursk region" -> "kursk region".
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, a)))


@dataclass(frozen=True)
class Context:
    """What a text says about where it is: countries, regions (country, admin1 code) and points."""

    countries: frozenset[str] = frozenset()
    regions: frozenset[tuple[str, str]] = frozenset()
    points: tuple[tuple[float, float], ...] = field(default=())
    # The name is written with its region ("Mexico, Mo.", "Novoselivka in the Donetsk region"): the
    # only support that lets a town outrank the country of its name.
    pinned: bool = False
    # What each written name alone gave the context (its name key, countries, regions, points): a name
    # is resolved without the context its own first reading made, or "Dublin" would vouch for Ireland
    # by naming Dublin, and a local paper's Dublin, Ohio would never win (Context.without).
    own: tuple[tuple[str, frozenset[str], frozenset[tuple[str, str]], frozenset[tuple[float, float]]], ...] = (
        field(default=(), compare=False))
    # Names the text itself settles, by name key: one it writes once with its region ("Springfield,
    # Ohio") or beside its neighbours means that place wherever else the same text writes it bare
    # (one sense per discourse).
    settled: tuple[tuple[str, Place], ...] = field(default=(), compare=False)

    def __bool__(self) -> bool:
        return bool(self.countries or self.regions or self.points)

    def without(self, key: str) -> Context:
        """This context less what only the name key gave it."""
        for name, countries, regions, points in self.own:
            if name == key:
                return Context(self.countries - countries, self.regions - regions,
                               tuple(p for p in self.points if p not in points), self.pinned)
        return self


EMPTY_CONTEXT = Context()


def _same_initials(written: str, name: str) -> bool:
    """Whether two names begin their words with the same letters (compared as loose keys: "Kharkov"
    and "Harkiv" do): a misspelling keeps the first letter of each word, while a name whose word
    starts otherwise is another name ("Dasht-e-Barchi", Kabul, is not Dasht-e Archi, Kunduz). With
    a different number of words ("Al-Amiriya" / "Amiriyah"), only the first letter is compared."""
    a, b = loose_key(written).split(), loose_key(name).split()
    if not a or not b:
        return False
    if len(a) != len(b):
        return a[0][0] == b[0][0]
    return all(x[0] == y[0] for x, y in zip(a, b))


def load_word_list(path: Path) -> frozenset[str]:
    """One entry a line, '#' starts a comment (geo.wordlists); entries are compared as name keys."""
    if not path.exists():
        return frozenset()
    return frozenset(name_key(w) for w in read_words(path, error=GazetteerError))


def compact(name: str) -> str:
    """An abbreviation as written, spaces aside: "W. Va." and "W.Va." are one."""
    return "".join(name.split())


def load_abbreviations(path: Path) -> dict[str, tuple[str, str]]:
    """DATA_DIR/abbreviations.csv: written form -> (country, admin1 code); a missing file is none."""
    if not path.exists():
        return {}
    return {compact(r["abbreviation"]): (r["country"].strip().upper(), r["admin1code"].strip())
            for r in read_table(path, {"abbreviation", "country", "admin1code"}, error=GazetteerError)}


def load_region_words(path: Path) -> dict[str, frozenset[str]]:
    """DATA_DIR/region_words.csv: a region word ("state", "oblast") -> the countries whose first-level
    areas it names; a missing file is none."""
    if not path.exists():
        return {}
    return {name_key(r["word"]): frozenset(c.upper() for c in r["countries"].split())
            for r in read_table(path, {"word", "countries"}, error=GazetteerError)}


def load_abbreviated_prefixes(path: Path) -> dict[str, str]:
    """DATA_DIR/abbreviated_prefixes.csv: an abbreviated first word of place names ("mt") -> the word in
    full ("mount"), both as name keys; a missing file is none."""
    if not path.exists():
        return {}
    return {name_key(r["abbreviation"]): name_key(r["word"])
            for r in read_table(path, {"abbreviation", "word"}, error=GazetteerError)}


# Which places a fuzzy match may choose from: ("region", (country, admin1)) or ("country", (country,)) parts.
PoolKey = tuple[tuple[str, tuple[str, ...]], ...]


class Gazetteer:
    """Look places up by name, offline. Thread-safe; open one with Gazetteer.open()."""

    def __init__(self, path: Path, data_dir: Path = DATA_DIR) -> None:
        self.path = path
        self.data_dir = data_dir  # the word lists' folder: extraction with this gazetteer reads the same one
        self._local = threading.local()
        self._rows: dict[int, tuple] = {}  # place rows by id, filled as they are asked for
        self._exact_keys: dict[str, str] | None = None  # every exact key, once warm() has run
        self._warm_lock = threading.Lock()
        self._exact_places: dict[tuple[int, int], Place] = {}  # frozen, so shared between lookups
        # The places a context allows misspellings to mean, kept per context: articles about
        # one region ask for the same pool again and again.
        self._fuzzy_pools: dict[PoolKey, tuple[list[int], list[str]]] = {}
        self._pool_parts: dict[tuple[str, tuple[str, ...]], tuple[list[int], list[str]]] = {}
        self._fuzzy_results: dict[tuple[str, PoolKey], list[tuple[tuple, float]]] = {}
        self._warm_thread: threading.Thread | None = None
        self.not_places = load_word_list(data_dir / "not_places.txt")
        self.abbreviations = load_abbreviations(data_dir / "abbreviations.csv")
        self.region_words = load_region_words(data_dir / "region_words.csv")
        self.name_prefixes = load_word_list(data_dir / "name_prefixes.txt")
        self.abbreviated_prefixes = load_abbreviated_prefixes(data_dir / "abbreviated_prefixes.csv")
        self.town_suffixes = load_word_list(data_dir / "town_suffixes.txt")
        found = self._db().execute("SELECT value FROM meta WHERE key = 'capitals'").fetchone()
        self.capitals = frozenset(int(i) for i in found[0].split()) if found else frozenset()
        self._capital_gids: frozenset[int] | None = None  # the capitals' GeoNames ids, read when first asked
        self._seat_ids: dict[tuple[str, str], int] | None = None  # regions.csv's seats, read when first asked
        self._seats: dict[tuple[str, str], Place | None] = {}  # each area's seat, found once
        self._country_populations: dict[str, int] | None = None  # read when first asked
        self._initials: dict[tuple[str, str], tuple[tuple | None, str]] = {}  # areas' initials, when first asked
        self._regions: dict[tuple[str, str], str] = dict(
            ((c, a), n) for c, a, n in self._db().execute("SELECT country, admin1_code, name FROM regions")
        )

    @classmethod
    def open(cls, data_dir: Path = DATA_DIR) -> Gazetteer:
        return _open_cached(data_dir)

    def _db(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            uri = f"file:{self.path}?mode=ro&immutable=1"
            con = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._local.con = con
        return con

    # ---- lookups --------------------------------------------------------------------
    def region_name(self, country: str, admin1_code: str) -> str:
        return self._regions.get((country, admin1_code), "")

    def _place(self, row: tuple, how: str, score: float) -> Place:
        _id, geonameid, name, lat, lon, country, admin1_code, population, kind, source = row
        return Place(
            name=name, latitude=lat, longitude=lon, country=country,
            admin1=self.region_name(country, admin1_code) if kind != "country" else "",
            admin1_code=admin1_code, geonameid=geonameid, population=population, kind=kind,
            source=source, matched_by=how, score=round(score, 3),
        )

    def _row(self, place_id: int) -> tuple:
        row = self._rows.get(place_id)
        if row is None:
            row = self._db().execute("SELECT * FROM places WHERE id = ?", (place_id,)).fetchone()
            self._rows[place_id] = row
        return row

    def warm(self, *, wait: bool = False) -> None:
        """Load every exact key into memory (about 2 s and 250 MB, in a background thread).

        Until then, and for processes that never call this (the dashboard), lookups read
        the SQLite index directly: a cold process still answers its first lookup at once.
        """
        with self._warm_lock:
            if self._warm_thread is None:
                self._warm_thread = threading.Thread(target=self._load_exact, name="gazetteer-warm", daemon=True)
                self._warm_thread.start()
        if wait:
            self._warm_thread.join()

    def _load_exact(self) -> None:
        con = sqlite3.connect(f"file:{self.path}?mode=ro&immutable=1", uri=True)
        try:
            keys = dict(con.execute("SELECT key, entries FROM exact"))
            rows = {row[0]: row for row in con.execute("SELECT * FROM places")}
        finally:
            con.close()
        self._rows.update(rows)
        self._exact_keys = keys

    def exact(self, key: str, *, bare_counties: bool = False) -> list[tuple[tuple, int]]:
        """Index rows whose key equals key (already normalised), each with how it matched. A US
        county's bare name ("Gwinnett") only with bare_counties: ranking asks for it, while what
        decides that a word is a place, or a person's, does not."""
        keys = self._exact_keys
        if keys is not None:
            entries = keys.get(key)
        else:
            found = self._db().execute("SELECT entries FROM exact WHERE key = ?", (key,)).fetchone()
            entries = found[0] if found else None
        if entries is None:
            return []
        out = []
        for entry in entries.split(" "):
            place_id, how = entry.split(":")
            if bare_counties or int(how) != HOW_BARE_COUNTY:
                out.append((self._row(int(place_id)), int(how)))
        return out

    def lookup(self, name: str) -> list[Place]:
        """Every place with exactly this name or alternate name (case and accents aside)."""
        out = []
        for row, how in self.exact(name_key(name)):
            place = self._exact_places.get((row[0], how))
            if place is None:
                place = self._exact_places[(row[0], how)] = self._place(row, HOW_LABELS[how], MATCH_QUALITY[how])
            out.append(place)
        return out

    def suffixed_town(self, key: str) -> list[tuple[tuple, int]]:
        """The towns a name the gazetteer does not know whole means when its last word is one the
        news writes after a town's name (town_suffixes.txt: "Kabankalan City" is Kabankalan): the
        towns called by the rest as their own name, no area (an area "City" is no town's), matched as
        by an alternate name. Ranking (candidates) keeps a town of under ALTERNATE_ALONE people only
        where the text names its region or places near it: "Harbor City", a Los Angeles
        neighbourhood, is no Harbor, Oregon, though the story names the United States."""
        head, _, last = key.rpartition(" ")
        if not head or last not in self.town_suffixes or self.exact(key):
            return []
        return [(row, HOW_ALTERNATE) for row, how in self.exact(head) if how == HOW_NAME and row[8] not in AREA_KINDS]

    def area_row(self, country: str, admin1_code: str) -> tuple | None:
        """The index row of a first-level region (or, with no admin1 code, of a country)."""
        kind = "region" if admin1_code else "country"
        return self._db().execute("SELECT * FROM places WHERE country = ? AND admin1_code = ? AND kind = ? LIMIT 1",
                                  (country, admin1_code, kind)).fetchone()

    def _pool_part(self, kind: str, values: tuple[str, ...]) -> tuple[list[int], list[str]]:
        """Place ids and their loose keys (names.loose_key): of one region, or of one country's places
        of 1,000 people or more. Precomputed when the index is built (its pools table): one probe each."""
        part = self._pool_parts.get((kind, values))
        if part is None:
            found = self._db().execute("SELECT entries FROM pools WHERE part = ?",
                                       (":".join((kind, *values)),)).fetchone()
            ids: list[int] = []
            keys: list[str] = []
            for entry in (found[0].split("\n") if found else ()):
                place_id, _, key = entry.partition(":")
                ids.append(int(place_id))
                keys.append(key)
            part = (ids, keys)
            if len(self._pool_parts) > 2_000:
                self._pool_parts.clear()
            self._pool_parts[(kind, values)] = part
        return part

    def _fuzzy(self, query: str, context: Context) -> list[tuple[tuple, float]]:
        """Misspellings: fuzzy matches among places in the regions (or else countries) of the context."""
        parts: list[tuple[str, tuple[str, ...]]]
        if context.regions:
            parts = [("region", tuple(pair)) for pair in sorted(context.regions)]
        elif context.countries:
            parts = [("country", (country,)) for country in sorted(context.countries)]
        else:
            return []
        pool_key = tuple(parts)
        pool = self._fuzzy_pools.get(pool_key)
        if pool is None:
            if len(parts) == 1:
                pool = self._pool_part(*parts[0])
            else:
                pool = ([], [])
                for kind, values in parts:
                    ids, keys = self._pool_part(kind, values)
                    pool[0].extend(ids)
                    pool[1].extend(keys)
            if len(self._fuzzy_pools) > 64:
                self._fuzzy_pools.clear()
            self._fuzzy_pools[pool_key] = pool
        ids, choices = pool
        if not ids:
            return []
        # The same capitalised words ("Officials", "Diplomats") come back in article after article.
        cache_key = (loose_key(query), pool_key)
        cached = self._fuzzy_results.get(cache_key)
        if cached is None:
            found = process.extract(cache_key[0], choices, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_RATIO, limit=10)
            cached = [(self._row(ids[i]), score) for _, score, i in found]
            if len(self._fuzzy_results) > 50_000:
                self._fuzzy_results.clear()
            self._fuzzy_results[cache_key] = cached
        return list(cached)

    # ---- ranking --------------------------------------------------------------------
    def candidates(self, name: str, context: Context = EMPTY_CONTEXT, *, allow_common: bool = False,
                   cued: bool = False) -> list[Place]:
        """Places the name may mean, best first, each with its score. cued: a place word stands before
        the name in its text ("captured Kupiansk"), which supports a small town's spelling of its name."""
        query = _LEADING_THE.sub("", name.strip())
        written = compact(query)
        # "N.Y", "W.Va": an abbreviation with inner full stops is the same without its last one
        abbreviated = self.abbreviations.get(written) or (
            self.abbreviations.get(written + ".") if "." in written and not written.endswith(".") else None)
        if abbreviated is not None:  # "W.Va.", "B.C.": the region, whatever the context
            row = self.area_row(*abbreviated)
            return [] if row is None else [self._place(row, "abbreviation", MATCH_QUALITY[HOW_NAME])]
        initials = self._initials_of_named_area(written, context)
        if initials is not None:  # "NJ" in a story that names New Jersey, "SA" beside South Africa
            return [initials]
        key = name_key(query)
        if not key or (key in self.not_places and not allow_common):
            return []
        pools = context  # the fuzzy pools of the whole context, shared by all its names (cached)
        settled = next((place for name, place in context.settled if name == key), None)
        context = context.without(key)
        scored: dict[int, tuple[float, str, tuple]] = {}
        supported_ids: set[int] = set()  # places the text gives a reason for
        pointed: set[int] = set()  # ... by naming their region or places near them
        near: set[int] = set()  # ... by naming places near them
        worded = self._worded_countries(key)

        def offer(row: tuple, quality: float, how: str, fuzzy: bool = False) -> None:
            supported, bonus, points_here, near_here = self._context_bonus(row, context)
            if fuzzy and not supported:
                return  # never jump to a misspelling the text gives no reason for
            if supported:
                supported_ids.add(row[0])
            if points_here:
                pointed.add(row[0])
            if near_here:
                near.add(row[0])
            population = REGION_POPULATION if row[8] == "region" else row[7]
            if row[8] == "region" and row[5] in worded:
                bonus += REGION_WORD_BONUS
            score = quality + bonus + POPULATION_WEIGHT * math.log10(population + 1) / 7
            if row[0] not in scored or scored[row[0]][0] < score:
                scored[row[0]] = (score, how, row)

        if key.endswith(" co") and not self.exact(key):
            key = key[:-3] + " county"  # "Loudon Co.": the news' abbreviation of a county's name
        exact_rows = self.exact(key, bare_counties=True)
        # "Mt. Pleasant" is written for every town called Mount Pleasant, not only those GeoNames also
        # calls so: the name with its first word in full is the town's own name too
        first, _, rest = key.partition(" ")
        if rest and first in self.abbreviated_prefixes:
            seen = {row[0] for row, _ in exact_rows}
            exact_rows = exact_rows + [(row, how) for row, how in self.exact(
                f"{self.abbreviated_prefixes[first]} {rest}") if row[0] not in seen and row[8] not in AREA_KINDS]
        suffixed = [] if exact_rows else self.suffixed_town(key)
        # ... a small one only where the text points at it (names its region or places near it)
        suffixed = [(row, how) for row, how in suffixed if row[7] >= ALTERNATE_ALONE or self._context_bonus(row, context)[2]]
        exact_rows = exact_rows or suffixed or [
            (row, HOW_SKELETON) for row, how in self.exact(skeleton_key(key, is_key=True)) if how == HOW_SKELETON
        ]
        # A town known by this name only as an old or foreign alternate name gives way to a larger
        # place that is called so: "Paris" is no alternate name of Swainsboro, Georgia, "Moscow" none of
        # Moscow Mills, "Mexico" not Mexico City (the country is called so).
        called = max((row[7] for row, how in exact_rows if how == HOW_NAME), default=-1)
        # A county named bare ("DeKalb", "Gwinnett") only in a text that names its state, and only when
        # nothing else called so could be meant: no area, no city of ALTERNATE_ALONE people, no town of
        # a region the text names (Charlotte, Washington, Texas, a Montana story's Shelby).
        bare_county = any(how == HOW_BARE_COUNTY for _, how in exact_rows) and not any(
            how != HOW_BARE_COUNTY and (row[8] in AREA_KINDS or row[7] >= ALTERNATE_ALONE
                                        or (row[5], row[6]) in context.regions)
            for row, how in exact_rows)
        for row, how in exact_rows:
            # ... and so does a larger one, unless it is OWN_NAME_RATIO times larger or the text names its
            # region: "Pokrovsk" is the Donetsk town called so (60,000), not Engels (196,000, once
            # Pokrovsk), even in a story that names Saratov beside Engels; "Lemberg" may still be Lviv
            if (how in (HOW_ALTERNATE, HOW_SKELETON) and row[8] not in AREA_KINDS
                    and (row[7] <= called or (row[7] < called * OWN_NAME_RATIO
                                              and (row[5], row[6]) not in context.regions))):
                continue
            if how == HOW_BARE_COUNTY and not (bare_county and (row[5], row[6]) in context.regions):
                continue
            # In a text, a small town known by this name only as an alternate name or a transliteration
            # needs the context's support, as a misspelling does: "Keith" is no old name of Bay Shore,
            # New York, "House" no spelling of Housse, Belgium. A name asked alone lists them all.
            weak = (bool(context) and how in (HOW_ALTERNATE, HOW_SKELETON) and row[8] not in AREA_KINDS
                    and row[7] < ALTERNATE_ALONE)
            # ... unless a place word stands before a recorded spelling of a town's own name: "Russian
            # forces captured Kupiansk" is Kupyansk, Ukraine (27,000 people), though the story names only
            # Russia. Not a bare skeleton ("the Human" is no Uman), nor a village ("the Bagram air base
            # in Afghanistan" is not Bahram, Iran, 1,300 people)
            if weak and cued and how == HOW_ALTERNATE and row[7] >= CUED_SPELLING_TOWN and fuzz.ratio(skeleton_key(key, is_key=True), skeleton_key(row[2])) >= SPELLING_RATIO:
                weak = False
            # ... and a small town whose transliteration skeleton matches the name through another of
            # its names, unlike its own: "Rubaya" (skeleton "ruba") is no spelling of Luba, Equatorial
            # Guinea (once "Ruba"), even in a text that names no place at all
            if (how == HOW_SKELETON and row[8] not in AREA_KINDS and row[7] < ALTERNATE_ALONE
                    and fuzz.ratio(skeleton_key(key, is_key=True), skeleton_key(row[2])) < SPELLING_RATIO):
                weak = True
            # ... and a town of any size known so only by another name, in a country the text does not
            # name and far from every place it does, place word or not: "near Mambasa" in a story of
            # Ituri's towns is the Congolese town the gazetteer lacks, not Mombasa, Kenya (GeoNames'
            # alternate name)
            if (how in (HOW_ALTERNATE, HOW_SKELETON) and row[8] not in AREA_KINDS and context.countries
                    and context.points and row[5] not in context.countries
                    and min(haversine_km(row[3], row[4], lat, lon) for lat, lon in context.points) > ABROAD_KM):
                weak = True
            offer(row, MATCH_QUALITY[how], HOW_LABELS[how], fuzzy=weak)
        # Misspellings are looked for when no exact candidate has the context's support:
        # "Kozina" in a text about Belgorod region is Kozinka, not the Slovenian village. A name
        # that is exactly an area or a city is no misspelling: "China" is never Chino, California.
        if not any(row[0] in supported_ids or row[8] in AREA_KINDS or row[7] >= AREA_NAMESAKE_CITY
                   for row, _ in exact_rows):
            for row, ratio in self._fuzzy(query, pools):
                if not _same_initials(query, row[2]) and not self._context_bonus(row, context)[2]:
                    continue  # another word, not a misspelling: "Dasht-e-Barchi" is no Dasht-e Archi
                if ratio < 100 or row[0] not in scored:
                    offer(row, ratio / 100 * FUZZY_WEIGHT, f"fuzzy ({ratio:.0f})", fuzzy=True)
        # a county named bare ranks as a name, not as an area called so ("Athens" is no Athens County)
        self._areas_first(scored, {row[0] for row, how in exact_rows if how != HOW_BARE_COUNTY}, pointed, near, context)
        self._metropolis_first(scored, pointed)
        self._city_before_region_towns(scored, near, context)
        self._city_of_its_region_first(scored, key)
        # ties (same-named regions carry no population) go to the more populous place, then to the
        # region of the more populous country: "Maryland" alone is the US state, not Liberia's county
        ranked = sorted(scored.values(), key=lambda t: (-t[0], -t[2][7], -self._country_population(t[2][5])))
        found = [self._place(row, how, score) for score, how, row in ranked]
        if settled is not None:  # what the text settled comes first, the other candidates after it
            found = [settled, *(p for p in found if (p.geonameid, p.name, p.latitude) != (
                settled.geonameid, settled.name, settled.latitude))]
        return found

    def _initials_of_named_area(self, written: str, context: Context) -> Place | None:
        """The one area the text names whose initials the name is, written in capitals: "NJ" in a
        story that names New Jersey, "NSW" beside New South Wales, "SA" in a story about South Africa
        (the news abbreviates an area it has named). None when no named area, or more than one, has
        these initials: "SA" in a story naming both South Africa and South Australia is neither."""
        if not context or not _INITIALS.fullmatch(written):
            return None
        areas = [(country, "") for country in context.countries] + sorted(context.regions)
        rows = [row for row, initials in map(self._area_initials, areas) if row is not None and initials == written]
        return self._place(rows[0], "abbreviation", MATCH_QUALITY[HOW_NAME]) if len(rows) == 1 else None

    def _area_initials(self, area: tuple[str, str]) -> tuple[tuple | None, str]:
        """An area's index row and initials, read once per area."""
        found = self._initials.get(area)
        if found is None:
            row = self.area_row(*area)
            found = self._initials[area] = (row, "" if row is None else "".join(
                w[0] for w in _INITIAL_WORDS.findall(row[2])))
        return found

    def _country_population(self, country: str) -> int:
        if self._country_populations is None:
            self._country_populations = dict(
                self._db().execute("SELECT country, MAX(population) FROM places WHERE kind = 'country' GROUP BY country"))
        return self._country_populations.get(country, 0)

    def _worded_countries(self, key: str) -> frozenset[str]:
        """The countries whose first-level areas are called by the region word the name is written
        with ("plateau state", "province of quebec"); none for a name without one."""
        words = key.split()
        if len(words) < 2:
            return frozenset()
        if words[-1] in self.region_words:
            return self.region_words[words[-1]]
        if len(words) > 2 and words[1] == "of" and words[0] in self.region_words:
            return self.region_words[words[0]]
        return frozenset()

    def _areas_first(self, scored: dict[int, tuple[float, str, tuple]], exact_ids: set[int], pointed: set[int],
                     near: set[int], context: Context) -> None:
        """A country or first-level region called exactly this outranks a town of the same name
        unless the text points at the town itself: it names places near the town, or writes the
        town's region beside its name (pinned: "Mexico, Mo."), and places near it count only when
        nothing else in the text names the area's country. "Mexico" in a US story is the country,
        not Mexico, Indiana; "Virginia" is the state, not the South African town; "California" in a
        story that also names Missouri is the state, not California, Missouri. A town known by this
        name only as an alternate name never does ("Minnesota" is no old name of Minneota that a
        story means). Against a region of a country the text does not name, a town of a country it
        names keeps its rank: Gaza in a story about Israel is not the Mozambican province."""
        areas = [scored[i] for i in exact_ids if i in scored and scored[i][2][8] in AREA_KINDS]
        if not areas:
            return
        top = max(score for score, _, _ in areas)
        areas_named = any(row[5] in context.countries for _, _, row in areas)
        only_regions = all(row[8] == "region" for _, _, row in areas)
        # A town inside the area of its name (Kharkiv in Kharkiv Oblast, Mexico City) is what the
        # bare name usually means, and keeps its rank: inside the area the name means, that is the
        # first of them as ranked below (same-named regions tie to the more populous country).
        # Florida, Uruguay, in its department of Florida is no reading of the US state's name.
        best = max(areas, key=lambda t: (t[0], t[2][7], self._country_population(t[2][5])))[2]
        inside = {(best[5], best[6] if best[8] == "region" else None)}
        for place_id, (score, how, row) in list(scored.items()):
            if row[8] in AREA_KINDS or score < top:
                continue
            called = how == HOW_LABELS[HOW_NAME]
            if called and context.pinned and place_id in pointed:
                continue
            # a county (no first-level area) does not outrank a town beside the text's other places,
            # whatever else names its country: "Kent" among Connecticut's towns is Kent, Connecticut,
            # though the same story's "Cornwall" and "Salisbury" have English readings too
            if called and place_id in near and best[8] not in ("country", "region"):
                continue
            # places near the town are enough when nothing else in the text names the area's country
            # ("Russian artists ... Russia" is the country, whatever Ohio towns the story names); against
            # a region, so is the town's country, for a town of AREA_TOWN_IN_REGION people (Indiana, a
            # Peruvian village, is no reading of the US state's name in a story that names Peru)
            # ... and so is naming the region of a town of AREA_TOWN_IN_REGION people, in a text that names
            # no country but the town's ("LEBANON (AP) ... an Ohio man" is Lebanon, Ohio; "the Middle
            # East, Italy and Russia" in a Texas story is still the country, not Italy, Texas; "Mexico" in
            # a story that names Indiana is the country, not the Indiana village of 800 people)
            if called and not areas_named and (place_id in near or (only_regions and row[5] in context.countries
                                                                    and row[7] >= AREA_TOWN_IN_REGION)
                                               or ((row[5], row[6]) in context.regions and row[7] >= AREA_TOWN_IN_REGION
                                                   and context.countries <= {row[5]})):
                continue
            # a city in a text that names places but not the area's country keeps its rank: "Gaza" in a
            # story about Israel and Egypt is not the Mozambican province
            if called and not areas_named and context and row[7] >= ALTERNATE_ALONE:
                continue
            # inside the area of its name, only a town called so keeps its rank: Minneota, Minnesota
            # (once "Minnesota") is no reading of the state's name
            if ((called and ((row[5], None) in inside or (row[5], row[6]) in inside)) or row[7] >= AREA_NAMESAKE_CITY
                    or row[0] in self.capitals):
                continue
            scored[place_id] = (top - 0.01, how, row)

    @staticmethod
    def _metropolis_first(scored: dict[int, tuple[float, str, tuple]], pointed: set[int]) -> None:
        """A city of METROPOLIS people called by the name outranks a namesake town of under
        ALTERNATE_ALONE people that the text does not point at (it names neither the town's region nor
        places near it): naming a country is no reason to read a world city's name as a village's."""
        called = HOW_LABELS[HOW_NAME]
        bigs = [score for score, how, row in scored.values()
                if how == called and row[8] not in AREA_KINDS and row[7] >= METROPOLIS]
        if not bigs:
            return
        top = max(bigs)
        for place_id, (score, how, row) in list(scored.items()):
            if score >= top and row[8] not in AREA_KINDS and row[7] < ALTERNATE_ALONE and place_id not in pointed:
                scored[place_id] = (top - 0.01, how, row)

    @staticmethod
    def _city_before_region_towns(scored: dict[int, tuple[float, str, tuple]], near: set[int],
                                  context: Context) -> None:
        """A city of ALTERNATE_ALONE people called by the name, in a country the text names, outranks a
        namesake town CITY_OVER_REGION_TOWN_RATIO times smaller that the text supports only by naming
        the town's region: a region named in a national story (a dateline, a team's state) says
        little about which of its towns a bare city name means. The town keeps its rank when the text
        names places near it or writes the name with its region (pinned)."""
        if context.pinned:
            return
        called = HOW_LABELS[HOW_NAME]
        cities = [(score, row[7], row[5]) for score, how, row in scored.values()
                  if how == called and row[8] not in AREA_KINDS and row[7] >= ALTERNATE_ALONE
                  and row[5] in context.countries]
        if not cities:
            return
        top, size, country = max(cities)
        for place_id, (score, how, row) in list(scored.items()):
            if (score >= top and row[8] not in AREA_KINDS and place_id not in near and row[5] == country
                    and row[7] * CITY_OVER_REGION_TOWN_RATIO <= size
                    and (row[5], row[6]) in context.regions
                    and sum(1 for country, _ in context.regions if country == row[5]) > 1):
                scored[place_id] = (top - 0.01, how, row)

    @staticmethod
    def _city_of_its_region_first(scored: dict[int, tuple[float, str, tuple]], key: str) -> None:
        """A first-level region's bare name means the city of ALTERNATE_ALONE people inside it that
        is called so, by its own name or a spelling of it, as "Kharkiv" means the city and not the
        oblast: "a missile hit a building in Zaporizhzhia" is the city GeoNames calls Zaporizhzhya
        (Mykolayiv, Ḩamāh likewise); a report names the region with its word ("the Zaporizhzhia
        region"). Not a city the region was once named after ("Dnipropetrovsk" is the oblast, not Dnipro)."""
        if not scored:
            return
        top_score, _, top = max(scored.values(), key=lambda t: t[0])
        if top[8] != "region":
            return
        written = skeleton_key(key, is_key=True)
        for place_id, (_, how, row) in list(scored.items()):
            if (row[8] not in AREA_KINDS and (row[5], row[6]) == (top[5], top[6]) and row[7] >= ALTERNATE_ALONE
                    and (how == HOW_LABELS[HOW_NAME] or fuzz.ratio(written, skeleton_key(row[2])) >= SPELLING_RATIO)):
                scored[place_id] = (top_score + 0.01, how, row)

    def _context_bonus(self, row: tuple, context: Context) -> tuple[bool, float, bool, bool]:
        """(supported, bonus, pointed, near): the text names the place's country, region or places
        near it; what that adds to its score; whether it names the region or nearby places, which
        point at this place rather than at its whole country; and whether it names places near it."""
        if not context:
            return False, 0.0, False, False
        country, admin1_code, kind = row[5], row[6], row[8]
        bonus, supported, pointed, near = 0.0, False, False, False
        if country in context.countries:
            bonus += COUNTRY_BONUS + (CAPITAL_BONUS if row[0] in self.capitals else 0.0)
            supported = True
        if (country, admin1_code) in context.regions and kind != "country":
            bonus += REGION_BONUS
            supported = pointed = True
        if context.points and kind not in ("country", "region", "continent"):
            nearest = min(haversine_km(row[3], row[4], lat, lon) for lat, lon in context.points)
            if nearest <= NEAR_KM:
                bonus += NEAR_BONUS * (1 - nearest / NEAR_KM) + 0.1
                supported = pointed = near = True
            elif not supported:
                bonus -= FAR_PENALTY
        return supported, bonus, pointed, near

    def resolve(self, name: str, context: Context = EMPTY_CONTEXT, *, allow_common: bool = False,
                inside: bool = False, cued: bool = False) -> Place | None:
        """The best candidate; with inside, a name the gazetteer lacks that holds a place's name is
        at that place (Gazetteer.inside): what a geocoder asked for a whole name does, not the text
        scanner, which finds the names inside longer ones itself."""
        found = self.candidates(name, context, allow_common=allow_common, cued=cued)
        if not found and inside:
            found = self.inside(name, context)
        return found[0] if found else None

    def inside(self, name: str, context: Context = EMPTY_CONTEXT) -> list[Place]:
        """The place named inside a longer name that the gazetteer does not know: "Colorado State
        University" is in Colorado, "Manila Cathedral" in Manila, "Port of Los Angeles" in Los
        Angeles. The longest inner name first (a place's own name before a demonym: "British
        Embassy Tokyo" is in Tokyo), and only a place that stands on its own: an area, a city of
        ALTERNATE_ALONE people, or a town the context supports ("Trump Tower" is no town called
        Trump), called so by its own name (no old or foreign name, no misspelling: "Meadow Grove" is
        not Grove City, once "Grove"). Common words (not_places.txt: "City", "University", "State")
        and the words that begin place names (name_prefixes.txt: "Lake", "Port") name nothing."""
        words = [w for w in (_INNER_EDGE.sub("", part) for part in _INNER_SPLIT.split(name.strip())) if w]
        for size in range(len(words) - 1, 0, -1):
            found: list[Place] = []
            for i in range(len(words) - size + 1):
                part = words[i:i + size]
                if not (part[0][0].isupper() and part[-1][0].isupper()):
                    continue  # "of Los", "Los Angeles' port"
                sub = " ".join(part)
                if len(sub) < 4 and not sub.isupper():
                    continue
                if name_key(sub) in self.name_prefixes:
                    continue  # "Lake", "Port", "Mount": the start of a name, not one
                place = next(iter(self.candidates(sub, context)), None)
                if place is not None and place.matched_by in _OWN_NAMES and self._stands_alone(place, context):
                    found.append(place)
            if found:
                best = min(found, key=lambda p: p.matched_by == HOW_LABELS[HOW_DEMONYM])  # the first, or a name
                return [replace(best, matched_by="inside a longer name")]
        return []

    def _stands_alone(self, place: Place, context: Context) -> bool:
        if place.kind in AREA_KINDS or place.population >= ALTERNATE_ALONE:
            return True
        return place.country in context.countries and (
            (place.country, place.admin1_code) in context.regions
            or any(haversine_km(place.latitude, place.longitude, lat, lon) <= NEAR_KM for lat, lon in context.points))

    def area(self, country: str, admin1_code: str = "") -> Place | None:
        """A first-level region (or, with no admin1 code, a country) as a place."""
        row = self.area_row(country, admin1_code)
        return self._place(row, "area", 1.0) if row is not None else None

    def seat(self, area: Place) -> Place | None:
        """Where an incident known only by its area is coded (README, "Where areas are drawn"): a
        region's seat (its most populous place, as regions.csv records it) or a country's capital.
        None for any other kind of place, or an area without a seat in the index."""
        if area.kind not in ("region", "country"):
            return None
        key = (area.country, area.admin1_code if area.kind == "region" else "")
        if key not in self._seats:
            self._seats[key] = self._find_seat(*key)
        return self._seats[key]

    def _find_seat(self, country: str, admin1_code: str) -> Place | None:
        if admin1_code:
            if self._seat_ids is None:
                rows = read_table(self.data_dir / "regions.csv", {"country", "admin1code", "seat_geonameid"},
                                  error=GazetteerError)
                self._seat_ids = {(r["country"], r["admin1code"]): int(r["seat_geonameid"])
                                  for r in rows if r["seat_geonameid"].strip().isdigit()}
            geonameid = self._seat_ids.get((country, admin1_code))
            row = self._db().execute("SELECT * FROM places WHERE geonameid = ? AND kind = 'populated place' LIMIT 1",
                                     (geonameid,)).fetchone() if geonameid is not None else None
        else:
            row = next((r for i in self.capitals if (r := self._row(i))[5] == country), None)
        return self._place(row, "seat", 1.0) if row is not None else None

    def largest_town(self, country: str, rank: int = 1) -> Place | None:
        """A country's rank-th most populous town ("Ukraine's second largest city": Kharkiv), or None
        where the populations do not set it clearly apart.

        GeoNames gives a big city's sections a population of their own (Brooklyn, Iztapalapa,
        West Jerusalem), so a town within SECTION_KM of a larger one counts as part of it, not as
        the next in rank."""
        if rank < 1:
            return None
        kept: list[tuple] = []
        for row in self._db().execute(
                "SELECT * FROM places WHERE country = ? AND kind = 'populated place' ORDER BY population DESC LIMIT ?",
                (country, 8 * (rank + 1))):
            if any(haversine_km(row[3], row[4], r[3], r[4]) <= SECTION_KM for r in kept):
                continue
            kept.append(row)
            if len(kept) == rank + 1:
                break
        if len(kept) < rank:
            return None
        # GeoNames counts a city's own limits, which news does not always rank by (Karachi is
        # Pakistan's largest city; GeoNames has Lahore 12% larger): a rank is read only where the
        # town stands clear of its neighbours in the order
        pops = [r[7] for r in kept]
        k = rank - 1
        if (k + 1 < len(pops) and pops[k] < RANK_MARGIN * pops[k + 1]) or (k > 0 and pops[k - 1] < RANK_MARGIN * pops[k]):
            return None
        return self._place(kept[k], "rank", 1.0)

    def _capital_geonameids(self) -> frozenset[int]:
        if self._capital_gids is None:
            self._capital_gids = frozenset(self._row(i)[1] for i in self.capitals)
        return self._capital_gids

    def context_of(self, places: list[Place], names: list[str] | None = None) -> Context:
        """The context that a list of already resolved places gives to the others.

        names, when given, are the places' names as the text writes them (one for each place): the
        context then knows what each name alone gave it (Context.without)."""
        def parts(group: list[Place]) -> tuple[frozenset[str], frozenset[tuple[str, str]], tuple[tuple[float, float], ...]]:
            countries = frozenset(p.country for p in group if p.kind != "continent")
            # Regions come from areas, towns and villages: a large city named in passing says little
            # about the region of the text's events ("Washington, New York and Boston" is no reason to
            # read Boston as the village in New York State). A city gives its point (a place within
            # NEAR_KM of Shreveport or Hartford is a neighbour: Mansfield, Louisiana; Berlin,
            # Connecticut), a metropolis of a million or more not even that.
            regions = frozenset((p.country, p.admin1_code) for p in group if p.kind not in ("country", "continent")
                                and p.admin1_code and (p.kind in AREA_KINDS or p.population < 100_000))
            # ... nor a country's capital, named for its government as often as for the city ("Washington
            # said"): Cambridge, Maryland is no neighbour of a story that names Washington
            points = tuple(
                (p.latitude, p.longitude) for p in group if p.kind not in ("country", "region", "continent")
                and p.population < 1_000_000 and p.geonameid not in self._capital_geonameids()
            )
            return countries, regions, points

        # a region's demonym is no context ("English" names a language as often as England)
        kept = [i for i, p in enumerate(places) if not (p.kind == "region" and p.matched_by == HOW_LABELS[HOW_DEMONYM])]
        if len(kept) < len(places):
            places = [places[i] for i in kept]
            names = None if names is None else [names[i] for i in kept]
        countries, regions, points = parts(places)
        if names is None:
            return Context(countries, regions, points)
        by_name: dict[str, list[Place]] = {}
        for place, name in zip(places, names):
            by_name.setdefault(name_key(_LEADING_THE.sub("", name.strip())), []).append(place)
        given = {key: parts(group) for key, group in by_name.items()}
        # how many names give each country, region and point: what one name alone gives is its own
        givers: Counter[object] = Counter()
        for c, r, p in given.values():
            givers.update(c)
            givers.update(r)
            givers.update(set(p))
        own = []
        for key, (c, r, p) in given.items():
            sole_c = frozenset(x for x in c if givers[x] == 1)
            sole_r = frozenset(x for x in r if givers[x] == 1)
            sole_p = frozenset(x for x in p if givers[x] == 1)
            if sole_c or sole_r or sole_p:
                own.append((key, sole_c, sole_r, sole_p))
        return Context(countries, regions, points, own=tuple(own))


_lock = threading.Lock()


@lru_cache(maxsize=4)
def _open_once(data_dir: Path) -> Gazetteer:
    path = index_path(data_dir)  # checked whole when it changed since it was built
    try:
        return Gazetteer(path, data_dir)
    except sqlite3.Error:  # damaged without its stamp changing: build it again, once
        build_index(path, data_dir)
    try:
        return Gazetteer(path, data_dir)
    except sqlite3.Error as exc:
        raise GazetteerError(f"cannot read the gazetteer index {path}: {exc}; delete it to have it built "
                             "again") from None


def _open_cached(data_dir: Path) -> Gazetteer:
    with _lock:
        return _open_once(data_dir)  # the lock keeps two threads from building the index at once
