"""The map's first clusters made on the server: Supercluster's algorithm, the same clusters and ids.

In Chromium the first index over the places (Supercluster, zooms 0-5, 12,000 places at 200,000
incidents) took 50-100 ms of a first view's drawing, on the thread the page around the map is
busy with. The packed payload (geo.map.layer.packed_payload) now carries the levels of those
zooms, made here once per payload (kept with it), and static/incident_map.js draws a view at those
zooms from them; the browser builds its own index only when a view needs more (a click on a
cluster, a zoom past 5, a time window).

The version static/package.json installs (supercluster 9.1.0 as packaged there) keeps each level's
points as Int32 coordinates, (x - 0.5) * 2^30 truncated, and a cluster's centre as the truncated
mean of its members' integers weighted by their numbers of places: every step is an integer or a
correctly rounded operation, so Python gets the same integers, hence the same neighbours, the same
clusters in the same order and the same ids (tests/test_map_clusters.py checks it against the
package in Node). Only latY's sine and logarithm may differ from V8's in the last bit, which moves
a truncated integer only for a value within 1e-7 of the next one.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

# Supercluster's options as static/incident_map.js sets them for its first band of zooms (BANDS[0]).
RADIUS = 60
EXTENT = 512
MIN_ZOOM = 0
MAX_ZOOM = 5
SCALE = 1 << 30  # Supercluster's SCALE: coordinates in [0, 1] as integers in [-2^29, 2^29]


@dataclass(frozen=True)
class Level:
    """The points and clusters of one zoom, in Supercluster's order: x, y (its integers), ident (a
    cluster's id, or a place's index for a place on its own), places (how many places each holds),
    and up: for each entry of the zoom above (zoom + 1; the places themselves above MAX_ZOOM), the
    index of the entry here that holds it."""

    zoom: int
    x: np.ndarray
    y: np.ndarray
    ident: np.ndarray
    places: np.ndarray
    up: np.ndarray


def _encode(v: float) -> int:
    return int((v - 0.5) * SCALE)  # an Int32Array's store truncates towards zero, as int() does


def lng_x(lng: float) -> float:
    return lng / 360 + 0.5


def lat_y(lat: float) -> float:
    s = math.sin(lat * math.pi / 180)
    y = 0.5 - 0.25 * math.log((1 + s) / (1 - s)) / math.pi
    return 0.0 if y < 0 else 1.0 if y > 1 else y


def levels(lats: list[float], lons: list[float], *, min_zoom: int = MIN_ZOOM, max_zoom: int = MAX_ZOOM,
           radius: int = RADIUS, extent: int = EXTENT) -> list[Level]:
    """The levels of zooms max_zoom down to min_zoom (in that order) over the points (lats[i], lons[i]),
    as Supercluster(radius, extent, minZoom, maxZoom, minPoints 2).load builds them for the same
    points in the same order."""
    count = len(lats)
    xs = [_encode(lng_x(lon)) for lon in lons]
    ys = [_encode(lat_y(lat)) for lat in lats]
    ids = list(range(count))
    nums = [1] * count
    out: list[Level] = []
    for zoom in range(max_zoom, min_zoom - 1, -1):
        r = radius / (extent * (1 << zoom)) * SCALE
        r2 = r * r
        # a grid of cells of side r: the points within r of a point are in its cell or the eight around it
        cells: dict[tuple[int, int], list[int]] = defaultdict(list)
        for j in range(len(xs)):
            cells[(math.floor(xs[j] / r), math.floor(ys[j] / r))].append(j)
        done = [False] * len(xs)
        nx: list[int] = []
        ny: list[int] = []
        nid: list[int] = []
        nnum: list[int] = []
        up = [0] * len(xs)
        for i in range(len(xs)):
            if done[i]:
                continue
            done[i] = True
            x, y = xs[i], ys[i]
            cx, cy = math.floor(x / r), math.floor(y / r)
            # the squared distance in doubles, as KDBush computes it (2^60 is past a double's integers)
            near = [j for dx in (-1, 0, 1) for dy in (-1, 0, 1) for j in cells.get((cx + dx, cy + dy), ())
                    if not done[j] and float(xs[j] - x) ** 2 + float(ys[j] - y) ** 2 <= r2]
            up[i] = len(nx)
            if near:  # minPoints 2: any neighbour not yet taken makes a cluster
                total = nums[i] + sum(nums[j] for j in near)
                wx, wy = x * nums[i], y * nums[i]
                for j in near:
                    done[j] = True
                    wx += xs[j] * nums[j]
                    wy += ys[j] * nums[j]
                    up[j] = len(nx)
                nx.append(int(wx / total))
                ny.append(int(wy / total))
                nid.append((i << 5) + zoom + 1 + count)
                nnum.append(total)
            else:
                nx.append(x)
                ny.append(y)
                nid.append(ids[i])
                nnum.append(nums[i])
        out.append(Level(zoom, np.array(nx, np.int32), np.array(ny, np.int32), np.array(nid, np.int32),
                         np.array(nnum, np.int32), np.array(up, np.int32)))
        xs, ys, ids, nums = nx, ny, nid, nnum
    return out
