"""geopy geocoders: the offline gazetteer, and Nominatim behind it when a user turns it on.

Network access lives only in OnlineFallback._fetch; everything else is pure or local.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from geopy.exc import GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location

from geo.gazetteer.lookup import EMPTY_CONTEXT, Context, Gazetteer
from geo.records import Place

USER_AGENT = "incident-map/0.1 (+https://github.com/incident-map/incident-map)"


def place_raw(place: Place) -> dict[str, Any]:
    """What Location.raw holds for a gazetteer answer."""
    return {
        "name": place.name, "geonameid": place.geonameid, "country_code": place.country,
        "admin1": place.admin1, "admin1_code": place.admin1_code, "population": place.population,
        "kind": place.kind, "matched_by": place.matched_by, "score": place.score, "source": place.source,
    }


def location_from_place(place: Place) -> Location:
    parts = [place.name, place.admin1 if place.kind != "region" else "", place.country]
    return Location(", ".join(p for p in parts if p), (place.latitude, place.longitude), place_raw(place))


def location_from_nominatim(raw: dict[str, Any]) -> Location:
    """Parse one Nominatim result (as JSON) into a Location; pure, tested on saved answers."""
    return Location(raw["display_name"], (float(raw["lat"]), float(raw["lon"])), raw)


class OfflineGazetteer(Geocoder):
    """A geopy Geocoder answered from the offline GeoNames gazetteer; it never uses the network.

    geocode() takes the usual geopy arguments plus context: a Context, or text whose
    places give one (the article the name comes from).
    """

    def __init__(self, gazetteer: Gazetteer | None = None, fallback: OnlineFallback | None = None) -> None:
        super().__init__(user_agent=USER_AGENT)
        self.gazetteer = gazetteer or Gazetteer.open()
        self.fallback = fallback

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        timeout: object = DEFAULT_SENTINEL,
        context: Context | str | None = None,
        limit: int = 10,
    ) -> Location | list[Location] | None:
        if isinstance(context, str):
            from geo.extract.mentions import context_from_text  # the text scanner needs the gazetteer

            context = context_from_text(context, self.gazetteer)
        # a name it lacks is at the place named inside it ("Manila Cathedral"), as resolve(inside=True)
        places = (self.gazetteer.candidates(query, context or EMPTY_CONTEXT)
                  or self.gazetteer.inside(query, context or EMPTY_CONTEXT))
        if not places and self.fallback is not None:
            return self.fallback.geocode(query, exactly_one=exactly_one)
        if not places:
            return None
        if exactly_one:
            return location_from_place(places[0])
        return [location_from_place(p) for p in places[:limit]]


class OnlineFallback:
    """Nominatim at no more than one request a second, each answer cached in SQLite.

    Only constructed when the user turns online geocoding on (--online or
    INCIDENT_MAP_ONLINE=1); tests construct it with a fetch function of their own.
    """

    def __init__(self, cache_path: Path, fetch: Callable[[str], list[dict[str, Any]]] | None = None) -> None:
        self.cache_path = cache_path
        cache_path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        with self._connect() as con:
            con.execute("CREATE TABLE IF NOT EXISTS nominatim (query TEXT PRIMARY KEY, answer TEXT NOT NULL)")
        self._fetch = fetch or self._nominatim_fetch()

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.cache_path, timeout=30)

    @staticmethod
    def _nominatim_fetch() -> Callable[[str], list[dict[str, Any]]]:
        from geopy.geocoders import Nominatim

        nominatim = Nominatim(user_agent=USER_AGENT, timeout=10)
        limited = RateLimiter(nominatim.geocode, min_delay_seconds=1.0, swallow_exceptions=False)

        def fetch(query: str) -> list[dict[str, Any]]:
            found = limited(query, exactly_one=False, limit=5)
            return [loc.raw for loc in found or []]

        return fetch

    def geocode(self, query: str, *, exactly_one: bool = True) -> Location | list[Location] | None:
        with self._lock, self._connect() as con:
            row = con.execute("SELECT answer FROM nominatim WHERE query = ?", (query,)).fetchone()
            if row is None:
                try:
                    answer = self._fetch(query)
                except GeopyError:
                    return None  # offline, refused or timed out: the caller reports it as unresolved
                con.execute("INSERT OR REPLACE INTO nominatim VALUES (?, ?)", (query, json.dumps(answer)))
            else:
                answer = json.loads(row[0])
        locations = [location_from_nominatim(raw) for raw in answer]
        if not locations:
            return None
        return locations[0] if exactly_one else locations
