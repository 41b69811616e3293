"""The map's label layer: place names from our gazetteer's index, largest first, inside the asked box."""

from __future__ import annotations

import pytest

from geo.map.labels import MARGIN_DEG, RANKS, label_rows, rank_of


@pytest.fixture(scope="module")
def rows(gazetteer):
    return label_rows(gazetteer.path, (49.0, 35.0, 52.0, 38.0))  # Belgorod, Kharkiv and around


def test_places_and_regions_inside_the_box_and_its_margin(rows):
    assert len(rows) > 100
    for name, lat, lon, rank, kind in rows:
        assert 49.0 - MARGIN_DEG <= lat <= 52.0 + MARGIN_DEG and 35.0 - MARGIN_DEG <= lon <= 38.0 + MARGIN_DEG
        assert name and kind in ("place", "region")
    names = {r[0] for r in rows}
    assert {"Kharkiv", "Belgorod", "Shebekino"} <= names
    assert any(r[4] == "region" for r in rows)


def test_largest_first(rows, gazetteer):
    ranks = [r[3] for r in rows]
    assert ranks == sorted(ranks, reverse=True)
    kharkiv = next(r for r in rows if r[0] == "Kharkiv" and r[4] == "place")
    assert kharkiv[3] == 6  # a city of over a million shows at every zoom


@pytest.mark.parametrize(("population", "rank"), [(0, 0), (1_999, 0), (2_000, 1), (99_999, 3), (100_000, 4),
                                                   (5_000_000, 6)])
def test_rank_of(population, rank):
    assert rank_of(population) == rank
    assert rank <= max(r for _, r in RANKS)


@pytest.mark.parametrize(("point", "country", "region"), [
    ((50.60, 36.95), "RU", "Belgorod"),   # between Belgorod and Shebekino
    ((49.99, 36.20), "UA", "Kharkiv"),    # Kharkiv's outskirts
    ((52.52, 13.40), "DE", "Berlin"),
])
def test_a_pinned_point_takes_the_country_and_region_of_its_neighbours(gazetteer, point, country, region):
    from geo.map.labels import nearest_known

    got_country, got_region = nearest_known(gazetteer.path, *point)
    assert got_country == country and region in got_region


def test_a_point_far_from_any_place_gets_nothing(gazetteer):
    from geo.map.labels import nearest_known

    assert nearest_known(gazetteer.path, -40.0, -120.0) == ("", "")  # the South Pacific


# A store whose incidents span the world: the box's largest places are the world's cities; where the
# incidents are, the towns around them are labelled too (incident_cells), and only there.
WORLD = (-40.0, -120.0, 70.0, 150.0)


@pytest.mark.parametrize(("point", "towns", "elsewhere"), [
    ((50.60, 36.95), {"Shebekino", "Stroitel"}, "Obninsk"),          # Belgorod oblast; not around Moscow
])
def test_the_incidents_cells_add_their_towns_to_a_world_wide_box(gazetteer, point, towns, elsewhere):
    from geo.map.labels import incident_cells

    wide = {r[0] for r in label_rows(gazetteer.path, WORLD)}
    assert not towns & wide  # the world's largest places only
    names = {r[0] for r in label_rows(gazetteer.path, WORLD, incident_cells([point[0]], [point[1]]))}
    assert towns <= names and elsewhere not in names and wide <= names


def test_incident_cells_are_whole_degrees_and_skip_unplaced():
    from geo.map.labels import incident_cells

    assert incident_cells([50.6, 50.1, -0.5, float("nan")], [36.9, 36.2, -0.5, 1.0]) == ((-1, -1), (50, 36))
