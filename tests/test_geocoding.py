"""The geopy Geocoder over the gazetteer, the online fallback (with saved answers), the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from geopy.location import Location

from geo.gazetteer.geocoder import OfflineGazetteer, OnlineFallback, location_from_nominatim
from geo.gazetteer.lookup import Gazetteer
from tests.conftest import run_cli

# A Nominatim answer as the service returns it (trimmed), saved for the parser.
SAVED_NOMINATIM = [{
    "place_id": 1, "licence": "Data © OpenStreetMap contributors, ODbL 1.0", "osm_type": "node",
    "lat": "50.7227800", "lon": "35.5050000", "display_name": "Теребрено, Белгородская область, Россия",
    "class": "place", "type": "village", "importance": 0.3,
}]


def test_geocoder_is_a_geopy_geocoder(gazetteer: Gazetteer):
    geocoder = OfflineGazetteer(gazetteer)
    location = geocoder.geocode("Grayvoron")
    assert isinstance(location, Location)
    assert abs(location.latitude - 50.479) < 0.01 and abs(location.longitude - 35.681) < 0.01
    for key in ("geonameid", "country_code", "admin1", "population", "matched_by", "score"):
        assert key in location.raw


def test_geocoder_exactly_one_false_lists_candidates(gazetteer: Gazetteer):
    found = OfflineGazetteer(gazetteer).geocode("Avdiivka", exactly_one=False)
    assert isinstance(found, list) and len(found) >= 3
    assert found[0].raw["admin1"] == "Donetsk"


def test_geocoder_uses_context_text(gazetteer: Gazetteer):
    location = OfflineGazetteer(gazetteer).geocode("Kozina", context="Raiders entered the Belgorod region of Russia.")
    assert isinstance(location, Location) and location.raw["name"] == "Kozinka"


def test_nominatim_parser_is_pure():
    location = location_from_nominatim(SAVED_NOMINATIM[0])
    assert (location.latitude, location.longitude) == (50.72278, 35.505)


def test_online_fallback_caches_answers(tmp_path: Path, gazetteer: Gazetteer):
    calls: list[str] = []

    def fetch(query: str) -> list[dict]:
        calls.append(query)
        return SAVED_NOMINATIM

    fallback = OnlineFallback(tmp_path / "cache.sqlite", fetch=fetch)
    geocoder = OfflineGazetteer(gazetteer, fallback=fallback)
    for _ in range(3):
        location = geocoder.geocode("Nowhereville Zzzq")
        assert isinstance(location, Location) and location.latitude == 50.72278
    assert calls == ["Nowhereville Zzzq"]  # asked once, then answered from the cache


def test_cli_geocode_with_context():
    result = run_cli("geocode", "Shebikino", "--context", "Belgorod region")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["name"] == "Shebekino"
    assert abs(answer["lat"] - 50.41) < 0.02 and abs(answer["lon"] - 36.93) < 0.02
    assert set(answer) >= {"name", "lat", "lon", "country", "admin1", "geonameid", "score"}


def test_cli_geocode_no_match_exits_1():
    result = run_cli("geocode", "Qqqxxzzv")
    assert result.returncode == 1
    assert "no place matches" in result.stderr and result.stdout == ""
