"""Dashboard and export costs at scale, beside folium's per-marker MarkerCluster (same run).

    .venv/bin/python bench/dashboard_bench.py [N ...]     (default: 20000 200000)

Prints JSON: for each N, the time to filter the frame (one group, a date range), to build the
map payload and its HTML, the HTML's size, the time to write the GeoJSON snapshot, and the
baseline: folium.plugins.MarkerCluster with one Marker and popup per incident, at the largest
size it is measured at (5,000 by default: it grows linearly and takes minutes beyond).
"""

from __future__ import annotations

import json
import resource
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import folium  # noqa: E402
import folium.plugins  # noqa: E402
import pandas as pd  # noqa: E402

from bench.synthetic import incidents  # noqa: E402
from geo.filters import IncidentFilter, filter_frame  # noqa: E402
from geo.gazetteer import Gazetteer  # noqa: E402
from geo.geojson import dumps, feature_collection  # noqa: E402
from geo.map_view import build_map, group_colours, payload_rows  # noqa: E402
from pages.data import _row  # noqa: E402

BASELINE_N = 5_000


def timed(fn):  # noqa: ANN001, ANN201
    t = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - t


def measure(n: int, gazetteer: Gazetteer) -> dict[str, object]:
    found = incidents(n, gazetteer)
    frame = pd.DataFrame([_row(i) for i in found])
    flt = IncidentFilter(since=date(2023, 1, 1), until=date(2023, 12, 31), groups=("Wagner Group",))
    view, t_filter = timed(lambda: filter_frame(frame, flt))
    colours = group_colours(list(frame["group"]))
    rows, t_payload = timed(lambda: payload_rows(frame.to_dict("records"), colours))
    html, t_html = timed(lambda: build_map(rows).get_root().render())
    text, t_export = timed(lambda: dumps(feature_collection(found)))
    return {
        "n": n, "filter_s": round(t_filter, 3), "filtered_rows": len(view),
        "map_payload_s": round(t_payload, 2), "map_html_s": round(t_html, 2),
        "map_html_mb": round(len(html.encode()) / 2**20, 1), "export_geojson_s": round(t_export, 2),
        "export_mb": round(len(text.encode()) / 2**20, 1),
    }


def baseline(n: int, gazetteer: Gazetteer) -> dict[str, object]:
    found = incidents(n, gazetteer)

    def build() -> str:
        fmap = folium.Map(location=[50, 36], zoom_start=5)
        cluster = folium.plugins.MarkerCluster().add_to(fmap)
        for i in found:
            folium.Marker([i.latitude, i.longitude], popup=folium.Popup(i.summary + " " + i.sources[0].quote)).add_to(cluster)
        return fmap.get_root().render()

    html, seconds = timed(build)
    return {"n": n, "folium_markercluster_html_s": round(seconds, 2), "html_mb": round(len(html.encode()) / 2**20, 1)}


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [20_000, 200_000]
    gazetteer = Gazetteer.open()
    results: dict[str, object] = {"ours": [measure(n, gazetteer) for n in sizes]}
    results["baseline"] = baseline(BASELINE_N, gazetteer)
    results["max_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
