"""The first band's clusters made on the server (geo/map/clusters.py) are Supercluster's: the same
levels, integers, ids and memberships as the package static/ installs builds in Node, on places
spread over the world, crowded into a few countries, and repeated."""

from __future__ import annotations

import json
import random
import shutil
import subprocess

import pytest

from bench.synthetic import real_places
from geo.map import clusters
from geo.map.layer import packed_payload, unpack_payload
from geo.paths import STATIC_DIR

SUPERCLUSTER = STATIC_DIR / "node_modules" / "supercluster" / "dist" / "supercluster.min.js"
# Loads the browser's build (a script that sets globalThis.Supercluster), indexes the points read from
# stdin with the layer's options for its first band, and prints each level's flat Int32 data.
NODE_SCRIPT = """
const vm = require("vm"), fs = require("fs"), page = vm.createContext({performance});
vm.runInContext(fs.readFileSync(process.argv[1], "utf8"), page);  // as a page's script: it sets Supercluster
const [points, radius, minZoom, maxZoom] = JSON.parse(fs.readFileSync(0, "utf8"));
const index = new page.Supercluster({radius, minZoom, maxZoom}).load(points.map((p, i) =>
  ({type: "Feature", properties: {pl: i}, geometry: {type: "Point", coordinates: [p[1], p[0]]}})));
const out = {stride: index.stride, levels: {}};
for (let z = minZoom; z <= maxZoom + 1; z++) {
  const t = index.trees[z]; out.levels[z] = Array.from(t.data.subarray(0, t.numItems * index.stride));
}
console.log(JSON.stringify(out));
"""


def _spread(seed: int) -> list[tuple[float, float]]:
    rng = random.Random(seed)
    return [(round(rng.uniform(-70, 80), 5), round(rng.uniform(-180, 180), 5)) for _ in range(3000)]


def _crowded(gazetteer) -> list[tuple[float, float]]:  # noqa: ANN001 - a Gazetteer
    return [(round(row[2], 5), round(row[3], 5)) for row in real_places(gazetteer, limit=6000)]


def _repeated(seed: int) -> list[tuple[float, float]]:
    rng = random.Random(seed)
    some = _spread(seed)[:200]
    return [some[rng.randrange(len(some))] for _ in range(600)] + [(0.0, 0.0), (0.0, 0.0), (89.9, 179.99), (-89.9, -180.0)]


@pytest.mark.skipif(shutil.which("node") is None or not SUPERCLUSTER.exists(), reason="Node or static/node_modules is absent")
@pytest.mark.parametrize(("case", "radius", "max_zoom"), [
    ("spread", clusters.RADIUS, clusters.MAX_ZOOM), ("crowded", clusters.RADIUS, clusters.MAX_ZOOM),
    ("repeated", clusters.RADIUS, clusters.MAX_ZOOM), ("spread", 40, 7), ("crowded", 80, 3)])
def test_the_levels_are_supercluster_s(gazetteer, case, radius, max_zoom):
    points = {"spread": lambda: _spread(5), "crowded": lambda: _crowded(gazetteer), "repeated": lambda: _repeated(9)}[case]()
    made = subprocess.run(["node", "-e", NODE_SCRIPT, str(SUPERCLUSTER)], input=json.dumps([points, radius, 0, max_zoom]),
                          capture_output=True, text=True, check=True, timeout=120)
    theirs = json.loads(made.stdout)
    stride, node = theirs["stride"], {int(z): v for z, v in theirs["levels"].items()}
    ours = clusters.levels([p[0] for p in points], [p[1] for p in points], max_zoom=max_zoom, radius=radius)
    assert [level.zoom for level in ours] == list(range(max_zoom, -1, -1))
    assert len(ours[-1].x) < len(ours[0].x) < len(points)  # some clustering happened at every band's end
    for level in ours:
        data = node[level.zoom]
        assert level.x.tolist() == data[0::stride]
        assert level.y.tolist() == data[1::stride]
        assert level.ident.tolist() == data[3::stride]
        assert level.places.tolist() == data[5::stride]
        # up: what holds each entry of the zoom above is its parent in Node (or its own copy when it has none)
        above = node[level.zoom + 1]
        for j, parent in enumerate(above[4::stride]):
            held = level.ident[level.up[j]]
            assert held == (parent if parent != -1 else above[3 + j * stride]), (level.zoom, j)


def test_every_place_is_held_once_at_every_zoom():
    points = _repeated(2) + _spread(3)
    ours = clusters.levels([p[0] for p in points], [p[1] for p in points])
    count, idents = [1] * len(points), set(range(len(points)))
    for level in ours:
        assert len(level.up) == len(count) and 0 <= level.up.min() and level.up.max() < len(level.x)
        held = [0] * len(level.x)
        for j, k in enumerate(level.up.tolist()):
            held[k] += count[j]
        assert held == level.places.tolist() and sum(held) == len(points)
        # an entry is one of the zoom above (a place keeps its index, a cluster its id), or a cluster
        # made here, whose id says so
        for i in level.ident.tolist():
            assert i in idents or (i - len(points)) % 32 == level.zoom + 1, (level.zoom, i)
        count, idents = level.places.tolist(), set(level.ident.tolist())


def test_the_packed_payload_carries_the_levels_of_its_places(seeded_tables):
    doc = unpack_payload(packed_payload(seeded_tables.incidents, {}))
    options = doc["clusters"]
    assert options == {"radius": clusters.RADIUS, "extent": clusters.EXTENT, "min": clusters.MIN_ZOOM,
                       "max": clusters.MAX_ZOOM, "places": len(doc["places"])}
    ours = clusters.levels([p[0] for p in doc["places"]], [p[1] for p in doc["places"]])
    for level in ours:
        for name, values in (("x", level.x), ("y", level.y), ("i", level.ident), ("u", level.up)):
            assert doc[f"z{level.zoom}{name}"] == values.tolist()
    assert len(doc[f"z{clusters.MAX_ZOOM}u"]) == len(doc["places"])
