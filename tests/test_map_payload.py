"""The map payload: every incident, decoded back, is the incident it came from; it stays small."""

from __future__ import annotations

import json
from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest

from geo.map.layer import (
    PACKED_MAGIC,
    SHAPES,
    build_map,
    clicked_ids,
    group_colours,
    map_payload,
    packed_payload,
    unpack_payload,
)
from geo.schema import GEO_PRECISION, TIME_PRECISION
from geo.store.db import open_engine
from geo.store.tables import UNKNOWN_GROUP, read_tables


@pytest.fixture(scope="module")
def frame(seeded_store):
    return read_tables(open_engine(seeded_store)).incidents


def doc_of(payload: bytes) -> dict:
    """The document a payload holds, JSON (map_payload) or packed (packed_payload)."""
    return unpack_payload(payload) if payload[:4] == PACKED_MAGIC else json.loads(payload)


# Both encodings of one document: JSON for the Add article preview, packed for the Map page.
ENCODINGS = pytest.mark.parametrize("encode", [map_payload, packed_payload], ids=["json", "packed"])


def decode(payload: bytes) -> list[dict]:
    """What the browser reconstructs for each incident (the same lookups as the layer's JavaScript)."""
    d = doc_of(payload)
    day0 = date.fromisoformat(d["day0"])
    out = []
    for k in range(len(d["p"])):
        lat, lon, place, region = d["places"][d["p"][k]]
        groups, claimed, colour = d["combos"][d["c"][k]]
        event_type, sub, shape = d["kinds"][d["k"][k]]
        out.append({"lat": lat, "lon": lon, "place": place, "region": region, "groups": groups, "claimed": claimed,
                    "colour": colour, "type": event_type, "sub": sub, "shape": shape,
                    "date": day0 + timedelta(days=d["d"][k]), "tp": d["precision"][str(d["f"][k] >> 2)],
                    "gp": d["geo"][str(d["f"][k] & 3)], "n": d["n"][k], "deaths": d["x"][k] if "x" in d else None})
    return out


@ENCODINGS
def test_every_incident_decodes_to_itself(frame, encode):
    colours = group_colours(list(frame["group"]))
    decoded = decode(encode(frame, colours))
    assert len(decoded) == len(frame) > 10
    for got, row in zip(decoded, frame.to_dict("records"), strict=True):
        assert (got["lat"], got["lon"]) == (round(row["latitude"], 5), round(row["longitude"], 5))
        assert got["place"] == row["place"] and got["region"] == (row["admin1"] or row["country"])
        assert got["groups"] == (", ".join(row["actors"]) or "Unknown group")
        assert got["claimed"] == (", ".join(row["claimed_by"]) or "not stated")
        assert got["colour"] == colours[row["group"]]
        assert (got["type"], got["sub"], got["shape"]) == (row["event_type"], row["sub_event_type"],
                                                           SHAPES[row["event_type"]])
        assert got["date"] == row["event_date"].date()
        assert got["tp"] == TIME_PRECISION[row["time_precision"]] and got["gp"] == GEO_PRECISION[row["geo_precision"]]
        assert got["n"] == len(row["article_ids"])  # sources are articles, however many quotes each gives
        assert got["deaths"] == (-1 if pd.isna(row["fatalities"]) else row["fatalities"])


def test_repeated_values_are_sent_once(frame):
    big = frame.loc[np.repeat(frame.index, 50)].reset_index(drop=True)
    small, large = map_payload(frame, {}), map_payload(big, {})
    d = json.loads(large)
    assert len(d["p"]) == 50 * len(frame)
    assert len(d["places"]) == len(json.loads(small)["places"])
    # Each further incident costs a handful of small integers, not its strings again.
    assert (len(large) - len(small)) / (49 * len(frame)) < 30


def test_incidents_without_coordinates_are_left_out(frame):
    broken = frame.copy()
    broken.loc[broken.index[0], "latitude"] = float("nan")
    assert len(json.loads(map_payload(broken, {}))["p"]) == len(frame) - 1


def test_nothing_in_the_payload_can_close_the_script(frame):
    hostile = frame.copy()
    hostile.loc[hostile.index[0], "place"] = "</script><script>alert(1)</script>"
    html = build_map(map_payload(hostile, {})).get_root().render()
    assert "</script><script>alert(1)" not in html
    assert "u003c/script>" in html  # escaped inside the JSON, which is inside a JavaScript string


@ENCODINGS
def test_deaths_travel_with_each_incident(frame, encode):
    """Numbers, zero and no number given (the seeds give few numbers: set here) decode to themselves."""
    tolls = frame.copy()
    tolls["fatalities"] = pd.array([[None, 0, 7, 1200][k % 4] for k in range(len(tolls))], dtype="Int64")
    decoded = decode(encode(tolls, {}))
    assert [g["deaths"] for g in decoded] == [-1 if pd.isna(v) else v for v in tolls["fatalities"]]
    assert {g["deaths"] for g in decoded} == {-1, 0, 7, 1200}


@ENCODINGS
@pytest.mark.parametrize("which", ["all", "one group", "none"])
def test_the_legend_travels_with_the_view(frame, encode, which):
    """The payload holds its legend (the map draws it with the incidents, before the page's
    arguments come): the colour of each group that leads an incident of the view, in the colours'
    order, "Unknown group" only when an incident of the view names no group, and every event type's glyph."""
    colours = group_colours(list(frame["group"]))
    known = sorted(g for g in set(frame["group"]) if g != UNKNOWN_GROUP)
    assert UNKNOWN_GROUP in set(frame["group"])  # the seeds hold an incident that names no group
    view = {"all": frame, "one group": frame[frame["group"] == known[0]], "none": frame.iloc[0:0]}[which]
    legend = doc_of(encode(view, colours))["legend"]
    groups = [g for g, _ in legend["groups"]]
    assert groups == [g for g in colours if g in set(view["group"])]
    assert all(colours[g] == c for g, c in legend["groups"])
    assert len(groups) == {"all": len(known) + 1, "one group": 1, "none": 0}[which]
    assert (UNKNOWN_GROUP in groups) == (which == "all")
    assert legend["shapes"] == [[t, s] for t, s in SHAPES.items()]


@ENCODINGS
def test_empty_view(frame, encode):
    d = doc_of(encode(frame.iloc[0:0], {}))
    assert d["p"] == [] and d["places"] == []


@pytest.mark.parametrize("repeat", [1, 50, 400])
def test_the_packed_payload_is_the_json_document_in_fewer_bytes(frame, repeat):
    """The same document whatever the size (small integers in one byte, larger in two or four),
    and past a few thousand incidents much smaller than the JSON."""
    big = frame.loc[np.repeat(frame.index, repeat)].reset_index(drop=True)
    big["fatalities"] = pd.array([[None, 0, 70_000][k % 3] for k in range(len(big))], dtype="Int64")
    packed, text = packed_payload(big, {}), map_payload(big, {})
    unpacked = unpack_payload(packed)
    # and the first band's clusters (tests/test_map_clusters.py), which only the packed payload carries
    served = {"clusters", *(f"z{z}{c}" for z in range(unpacked["clusters"]["min"], unpacked["clusters"]["max"] + 1)
                            for c in "xyiu")}
    assert served <= set(unpacked) and {k: v for k, v in unpacked.items() if k not in served} == json.loads(text)
    if len(big) > 5_000:
        assert len(packed) < 0.7 * len(text)


def test_a_packed_payload_is_recognised(frame):
    with pytest.raises(ValueError, match="not a packed"):
        unpack_payload(map_payload(frame, {}))


def _click(payload: bytes, rows: list) -> dict:
    """What st_folium returns after a click on a marker of this payload (static/incident_map.js
    sets the marker's feature; streamlit-folium hands its toGeoJSON back as last_active_drawing)."""
    key = json.loads(payload).get("key")
    return {"last_active_drawing": {"type": "Feature", "properties": {"rows": rows, "key": key},
                                    "geometry": {"type": "Point", "coordinates": [0, 0]}}}


def _component_click(payload: bytes, rows: list) -> dict:
    """What the Map page's component returns after a click (static/map_component.js)."""
    return {"rows": rows, "key": json.loads(payload).get("key"), "t": 1}


@pytest.mark.parametrize("click", [_click, _component_click], ids=["st_folium", "component"])
def test_a_click_names_its_incidents_by_id(frame, click):
    payload = map_payload(frame, {})
    d = json.loads(payload)
    for place in range(len(d["places"])):
        rows = [k for k, p in enumerate(d["p"]) if p == place]
        assert clicked_ids(click(payload, rows), frame) == [frame["id"].iloc[k] for k in rows]
    assert clicked_ids(click(payload, [0]), frame.iloc[1:]) == []  # the rows of another view


def test_two_places_at_the_same_point_are_told_apart(frame):
    """Two markers drawn on the same spot (two names for one point): a click on one chooses its
    own incidents only, which matching coordinates could not do."""
    two = frame.iloc[:2].copy()
    two["latitude"], two["longitude"] = 50.0, 36.0
    two["place"] = ["Kharkiv", "Kharkov"]
    payload = map_payload(two, {})
    assert len(json.loads(payload)["places"]) == 2
    assert clicked_ids(_click(payload, [1]), two) == [two["id"].iloc[1]]


def test_a_click_on_another_payload_or_a_malformed_value_chooses_nothing(frame):
    payload = map_payload(frame, {})
    assert clicked_ids(_click(payload, [0]), frame.iloc[1:]) == []  # the rows of another view
    assert clicked_ids(_click(payload, [0, "1", True, -1, 10**9, 1.5]), frame) == [frame["id"].iloc[0]]
    for value in (None, {}, {"last_active_drawing": None}, {"last_active_drawing": {"properties": []}},
                  {"last_active_drawing": {"properties": {"rows": "0", "key": json.loads(payload)["key"]}}}):
        assert clicked_ids(value, frame) == []


def test_the_layer_script_is_a_served_file_and_the_page_holds_one_call(frame):
    """The drawing code is static/incident_map.js, listed with Leaflet's scripts; what
    streamlit-folium evaluates is one call with the payload (never the code compiled as a template)."""
    from streamlit_folium import generate_leaflet_string

    from geo.map.assets import LAYER_SCRIPT, LAYER_SCRIPT_URL

    fmap = build_map(map_payload(frame, {}))
    html = fmap.get_root().render()
    assert f'src="{LAYER_SCRIPT_URL}"' in html
    assert LAYER_SCRIPT_URL.startswith("/app/static/incident_map.js?v=") and LAYER_SCRIPT.is_file()
    assert "function incidentMapLayer" in LAYER_SCRIPT.read_text(encoding="utf-8")
    script = generate_leaflet_string(build_map(map_payload(frame, {})))
    assert script.count("incidentMapLayer(") == 1
    assert "Supercluster" not in script and "Supercluster" not in html.split("<body>")[-1]
