"""The dashboard and the export at scale, beside folium's per-marker MarkerCluster (same run).

    .venv/bin/python bench/dashboard_bench.py [N ...]      (default: 20000 200000)
    .venv/bin/python bench/dashboard_bench.py --browser [N ...]       (only the Chromium figures; default 200000)
    .venv/bin/python bench/dashboard_bench.py --browser --against DIR [N ...]
        (the same, alternating rounds of this tree's and DIR's serve.py on one store: DIR is another
         checkout of the project, e.g. `git worktree add /tmp/main main` with static/node_modules
         copied into it, not linked: Streamlit serves no file behind a link out of static/)
    .venv/bin/python bench/dashboard_bench.py --server-time [N ...]   (only the AppTest server times)

For each N: a store of N synthetic incidents is made through `incident-map import`, then
- in-process: reading the store into frames, filtering, the map payload and its HTML;
- server time of the Map page (Streamlit's AppTest runs the page script, map element included):
  first run, a filter change, the same filter again, a second filter;
- the GeoJSON snapshot: in memory, to a file, and `incident-map export -o` as a new process;
- a real `streamlit run` in Debian's Chromium (Playwright): seconds from navigation to the
  first cluster for the first visitor after the server starts; then the map against Streamlit's
  About page on the same server (medians of BENCH_RUNS loads each, alternating) with a cold
  browser and with a warm one, and their ratio; a filter change typed into the sidebar until
  the map has redrawn; the server process's memory (peak and current).
The baseline, at the largest size it is measured (5,000 by default; it grows linearly): folium's
MarkerCluster with a Marker and a Popup per incident, built in Python and opened in Chromium
as a plain page, beside our own map opened the same way at that size.
Reading the store is also timed beside the ADBC reader it replaced (bench/store_read.py, each
reader in a process of its own, alternating). `--store-read` runs only that comparison.
Prints JSON; the last run is kept in bench/dashboard.json.
"""

from __future__ import annotations

import http.server
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import folium  # noqa: E402
import folium.plugins  # noqa: E402
import psutil  # noqa: E402

from bench.make_store import make_store  # noqa: E402
from bench.store_read import compare as compare_store_reads  # noqa: E402
from bench.synthetic import incidents  # noqa: E402
from geo.export.snapshot import snapshot_bytes, write_snapshot_file  # noqa: E402
from geo.gazetteer.lookup import Gazetteer  # noqa: E402
from geo.map.assets import use_local_assets  # noqa: E402
from geo.map.layer import build_map, group_colours, map_payload  # noqa: E402
from geo.store.db import open_engine  # noqa: E402
from geo.store.filters import IncidentFilter, filter_frame  # noqa: E402
from geo.store.tables import read_tables  # noqa: E402

BASELINE_N = int(os.environ.get("BENCH_BASELINE_N", "5000"))
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
GROUP = "Wagner Group"


def timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    t = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - t


def mb(n: int) -> float:
    return round(n / 2**20, 1)


def in_process(url: str, out_dir: Path) -> dict[str, Any]:
    tables, t_read = timed(lambda: read_tables(open_engine(url)))
    frame = tables.incidents
    flt = IncidentFilter(groups=(GROUP,), types=("Battles",))
    view, t_filter = timed(lambda: filter_frame(frame, flt))
    colours = group_colours(list(set(frame["group"])))
    payload, t_payload = timed(lambda: map_payload(frame, colours))
    html, t_html = timed(lambda: build_map(payload).get_root().render())
    # Three runs each, the median reported (single runs of these vary by a third on this machine).
    snapshots = [timed(lambda: snapshot_bytes(tables, frame)) for _ in range(3)]
    data = snapshots[0][0]
    t_snapshot = statistics.median(t for _, t in snapshots)
    files = [timed(lambda: write_snapshot_file(out_dir / "all.geojson", tables, frame))[1] for _ in range(3)]
    t_file = statistics.median(files)
    cli, t_cli = timed(lambda: subprocess.run(
        [sys.executable, "-m", "geo", "export", "--db", url, "-o", str(out_dir / "cli.geojson")],
        cwd=ROOT, capture_output=True, text=True, check=False))
    if cli.returncode:
        raise RuntimeError(cli.stderr)
    return {
        "read_store_s": round(t_read, 2), "filter_s": round(t_filter, 3), "filtered_rows": len(view),
        "map_payload_s": round(t_payload, 3), "map_payload_mb": mb(len(payload)), "map_html_s": round(t_html, 3),
        "map_html_mb": mb(len(html.encode())), "snapshot_in_memory_s": round(t_snapshot, 2),
        "snapshot_in_memory_runs_s": [round(t, 2) for _, t in snapshots], "snapshot_mb": mb(len(data)),
        "snapshot_file_s": round(t_file, 2), "snapshot_file_runs_s": [round(t, 2) for t in files],
        "cli_export_process_s": round(t_cli, 2),
    }


def _map_page() -> None:  # run by AppTest as a script: imports inside
    from pages.map import map_page

    map_page()


def server_time(url: str) -> dict[str, Any]:
    """Wall time of each run of the Map page's script, in-process (Streamlit's AppTest)."""
    from streamlit.testing.v1 import AppTest

    os.environ["INCIDENT_MAP_DB"] = url
    at = AppTest.from_function(_map_page, default_timeout=900)
    _, first = timed(at.run)
    _, again = timed(at.run)
    groups = at.sidebar.multiselect(key="f_group")
    groups.select(GROUP)
    _, change = timed(at.run)
    at.sidebar.multiselect(key="f_group").unselect(GROUP)
    _, back = timed(at.run)
    at.sidebar.multiselect(key="f_group").select(GROUP)
    _, cached = timed(at.run)
    at.sidebar.multiselect(key="f_type").select("Battles")
    _, second = timed(at.run)
    if at.exception:
        raise RuntimeError(at.exception)
    return {"first_run_s": round(first, 2), "rerun_nothing_changed_s": round(again, 2),
            "filter_change_s": round(change, 2), "filter_cleared_s": round(back, 2),
            "filter_again_cached_s": round(cached, 2), "second_filter_change_s": round(second, 2)}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def streamlit_server(url: str, root: Path = ROOT) -> Iterator[tuple[str, psutil.Process]]:
    port = free_port()
    proc = subprocess.Popen(
        # serve.py: the dashboard as `make run` starts it (its caches filled before the port opens)
        [sys.executable, "-m", "streamlit", "run", str(root / "serve.py"), "--server.port", str(port),
         "--server.headless", "true", "--server.address", "127.0.0.1"],
        cwd=root, env=dict(os.environ, INCIDENT_MAP_DB=url), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    deadline = time.time() + 300
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2):  # noqa: S310 - our loopback server
                break
        except OSError:
            time.sleep(0.3)
    SERVER_START_S[base] = round(time.perf_counter() - started, 2)
    try:
        yield base, psutil.Process(proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


SERVER_START_S: dict[str, float] = {}  # seconds from `streamlit run` to the health check's answer, by address


def peak_rss_mb(process: psutil.Process) -> float:
    """VmHWM: the most resident memory the process has held since it started (Linux)."""
    for line in Path(f"/proc/{process.pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024)
    return float("nan")


VIEWPORT = {"width": 1400, "height": 900}


def _new_page(opener: Any) -> Any:
    """A page of a Browser (in a context of its own: a cold cache) or of a BrowserContext (its cache)."""
    return opener.new_page(viewport=VIEWPORT) if hasattr(opener, "new_context") else opener.new_page()


# A cluster of our map (static/incident_map.js): a ring split by group
CLUSTER = ".im-cluster"
# The Map page's last sidebar filter (pages/sidebar.py), drawn after the map
_LAST_FILTER = "[data-testid='stSidebar'] [data-testid='stTextInput']"


# What the map's own timings (static/map_component.js: window.incidentMapTimings) say, in seconds
# from the navigation: when the component's page opened, was handed the payload's address, had
# fetched it, had unpacked it, had drawn it and painted it, and had drawn the timeline under it.
_STEPS_JS = """([origin]) => { const t = window.incidentMapTimings || {}; const at = performance.timeOrigin - origin;
  const s = v => v === undefined ? null : Math.round(at + v) / 1000;
  return {opened: s(0), scripts_run: s(t.started), ready: s(t.ready), args: s(t.args), asked: s(t.asked), fetched: s(t.fetched), unpacked: s(t.parsed), drawn: s(t.drawn),
          painted: s(t.painted), timeline: s(t.timeline)}; }"""


# Whether the map's frame (same origin under serve.py) holds a cluster, asked in the page itself.
_CLUSTER_IN_FRAME_JS = """() => { const f = document.querySelector("iframe[title*='incident_map']");
  const d = f && f.contentDocument; return !!(d && d.querySelector('.im-cluster')); }"""


def seconds_to_clusters(browser: Any, address: str, *, plain: bool = False, timeout_s: float = 600,
                        selector: str = CLUSTER, steps: list[dict[str, Any]] | None = None) -> float:
    """From navigation to the first cluster drawn inside the map (plain: a bare HTML map page).
    browser: a Browser (each page in a new context: a cold cache) or a BrowserContext (its cache kept).
    steps: a list that gets the map's own timings of this load (_STEPS_JS).
    The page is asked on each of its animation frames (as seconds_to_text asks About's): Playwright's
    own waiting polls every 0.5 s after its first few tries, and the map took two such waits (its
    frame attached, then a cluster in it), which added up to 0.5-0.8 s to a map load and less to
    About's."""
    page = _new_page(browser)
    try:
        t = time.perf_counter()
        page.goto(address, timeout=timeout_s * 1000, wait_until="commit")  # not "load": tiles may never come
        if plain:
            page.main_frame.wait_for_selector(selector, timeout=timeout_s * 1000)
        else:
            page.wait_for_function(_CLUSTER_IN_FRAME_JS, polling="raf", timeout=timeout_s * 1000)
        seconds = round(time.perf_counter() - t, 2)
        frame = page.main_frame if plain else _map_frame(page, timeout_s)
        if steps is not None and not plain:
            steps.append(frame.evaluate(_STEPS_JS, [page.evaluate("performance.timeOrigin")]))
        if not plain:  # the rest of the page drawn, so that none of its work spills into the next load timed
            page.wait_for_selector(_LAST_FILTER, timeout=timeout_s * 1000)
            frame.wait_for_selector("[data-testid='timeline-plot']", timeout=timeout_s * 1000)
        return seconds
    finally:
        page.close()


# When the page itself first held a text in its main area, in seconds from the navigation: a
# MutationObserver installed before the page's own scripts (textContent: no layout forced).
# Playwright sees a change only at its next poll (every 0.5 s after the first few), and in a
# frame of the page after a further round trip; the page's own clock has neither delay.
_SEEN_JS = """text => { if (window !== window.top) { return; }
  new MutationObserver((changes, observer) => {
    const main = document.querySelector("[data-testid='stMain']");
    if (main && main.textContent.includes(text)) { window.__textSeenAt = performance.now(); observer.disconnect(); }
  }).observe(document, {subtree: true, childList: true, characterData: true}); }"""


def seconds_to_text(browser: Any, address: str, text: str, timeout_s: float = 600,
                    seen: list[float] | None = None) -> float:
    """From navigation to a text on a page: the reference for what Streamlit itself costs.
    seen: a list that gets the page's own time of it (_SEEN_JS)."""
    page = _new_page(browser)
    try:
        page.add_init_script(f"({_SEEN_JS})({json.dumps(text)})")
        t = time.perf_counter()
        page.goto(address, timeout=timeout_s * 1000, wait_until="commit")  # not "load": tiles may never come
        page.wait_for_function("t => { const m = document.querySelector(\"[data-testid='stMain']\"); "
                               "return !!(m && m.textContent.includes(t)); }", arg=text, polling="raf",
                               timeout=timeout_s * 1000)
        seconds = round(time.perf_counter() - t, 2)
        if seen is not None:
            seen.append(round(page.evaluate("window.__textSeenAt") / 1000, 3))
        return seconds
    finally:
        page.close()


def _map_frame(page: Any, timeout_s: float) -> Any:
    handle = page.wait_for_selector("iframe[title*='incident_map']", state="attached", timeout=timeout_s * 1000)
    return handle.content_frame()


# Runs of each page load, alternating map and About; the median is reported.
RUNS = int(os.environ.get("BENCH_RUNS", "3"))


def ratios(browser: Any, base: str) -> dict[str, Any]:
    """The map drawn, against Streamlit's About page showing its text, on the same server in one run:
    with a cold browser (a new context per load: nothing cached) and a warm one (one context whose
    cache already holds the pages' assets)."""
    out: dict[str, Any] = {}
    warm = browser.new_context(viewport=VIEWPORT)
    seconds_to_clusters(warm, base)  # fills the warm context's cache
    seconds_to_text(warm, f"{base}/about", "GeoNames")
    for name, opener in (("cold", browser), ("warm", warm)):
        maps, abouts, steps, seen = [], [], [], []
        for _ in range(RUNS):
            maps.append(seconds_to_clusters(opener, base, steps=steps))
            abouts.append(seconds_to_text(opener, f"{base}/about", "GeoNames", seen=seen))
        m, a = statistics.median(maps), statistics.median(abouts)
        # the same comparison by the pages' own clocks: the map's first drawing painted, the About text there
        painted = [s["painted"] for s in steps]
        pm, pa = statistics.median(painted), statistics.median(seen)
        out[f"{name}_browser"] = {"map_s": m, "about_s": a, "ratio": round(m / a, 2), "map_runs_s": maps,
                                  "about_runs_s": abouts, "map_steps_s": steps,
                                  "by_the_pages_clocks": {"map_painted_s": pm, "about_text_s": pa,
                                                          "ratio": round(pm / pa, 2), "map_runs_s": painted,
                                                          "about_runs_s": seen}}
    warm.close()
    return out


def in_browser(url: str, root: Path = ROOT) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    out: dict[str, Any] = {"tree": str(root), "load_average_before": [round(x, 1) for x in os.getloadavg()]}
    with streamlit_server(url, root) as (base, server), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        out["server_start_s"] = SERVER_START_S[base]
        first_steps: list[dict[str, Any]] = []
        out["first_visitor_after_start_s"] = seconds_to_clusters(browser, base, steps=first_steps)
        out["first_visitor_steps_s"] = first_steps[0]
        print(json.dumps(out), file=sys.stderr)
        out.update(ratios(browser, base))
        out["server_rss_after_load_mb"] = round(server.memory_info().rss / 2**20)
        page = browser.new_page(viewport={"width": 1400, "height": 1200})
        page.goto(base)
        frame = _map_frame(page, 600)
        frame.wait_for_selector(CLUSTER, timeout=600_000)
        before = page.locator("[data-testid='incident-count'], .st-key-incident-count").inner_text()
        box = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").first
        box.click()
        page.keyboard.type(GROUP)
        page.evaluate("() => { window.__enterAt = null; window.addEventListener('keydown', e => { "
                      "if (e.key === 'Enter' && window.__enterAt === null) { window.__enterAt = performance.now(); } }, true); }")
        t = time.perf_counter()
        page.keyboard.press("Enter")
        page.wait_for_function(
            "b => document.querySelector(\"[data-testid='incident-count'], .st-key-incident-count\").innerText !== b", arg=before,
            timeout=600_000)
        shown = int(page.locator("[data-testid='incident-count'], .st-key-incident-count").inner_text().replace(",", "").split()[0])
        # the redrawn map: the same map, whose layer now holds exactly the filtered incidents
        frame.wait_for_function("n => window.incidentMapCount === n && document.querySelector('.im-cluster, .im-marker')",
                                arg=shown, timeout=600_000)
        out["filter_change_in_browser_s"] = round(time.perf_counter() - t, 2)
        # by the page's own clock: from the Enter key to the redrawn map painted (no polling delay)
        painted = frame.evaluate("([origin]) => performance.timeOrigin - origin + window.incidentMapTimings.painted",
                                 [page.evaluate("performance.timeOrigin")])
        out["filter_change_by_the_pages_clock_s"] = round((painted - page.evaluate("window.__enterAt")) / 1000, 2)
        out["server_rss_after_filter_mb"] = round(server.memory_info().rss / 2**20)
        out["server_peak_rss_mb"] = peak_rss_mb(server)
        browser.close()
    return out


@contextmanager
def static_site() -> Iterator[tuple[Path, str]]:
    """A folder served over HTTP in which /app/static/ is this project's static/ (as Streamlit serves it)."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "app").mkdir()
        (root / "app" / "static").symlink_to(ROOT / "static")

        class Quiet(http.server.SimpleHTTPRequestHandler):
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, directory=str(root), **kwargs)

            def log_message(self, *args: Any) -> None:
                pass

        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        try:
            yield root, f"http://127.0.0.1:{httpd.server_address[1]}"
        finally:
            httpd.shutdown()


def baseline(n: int, gazetteer: Gazetteer) -> dict[str, Any]:
    """folium's MarkerCluster with one Marker and Popup per incident, beside our map, as plain pages."""
    from playwright.sync_api import sync_playwright

    use_local_assets()
    found = incidents(n, gazetteer)

    def folium_html() -> str:
        fmap = folium.Map(location=[50, 36], zoom_start=5)  # OpenStreetMap tiles, as our map has
        cluster = folium.plugins.MarkerCluster().add_to(fmap)
        for i in found:
            folium.Marker([i.latitude, i.longitude],
                          popup=folium.Popup(i.summary + " " + i.sources[0].quote)).add_to(cluster)
        return fmap.get_root().render()

    theirs, t_theirs = timed(folium_html)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'store.sqlite'}"
        make_store(n, url)
        frame = read_tables(open_engine(url)).incidents
    ours, t_ours = timed(lambda: build_map(map_payload(frame, group_colours(list(set(frame["group"]))))).get_root().render())
    out: dict[str, Any] = {"n": n, "folium_html_s": round(t_theirs, 2), "folium_html_mb": mb(len(theirs.encode())),
                           "ours_html_s": round(t_ours, 2), "ours_html_mb": mb(len(ours.encode()))}
    with static_site() as (root, base), sync_playwright() as p:
        (root / "folium.html").write_text(theirs, encoding="utf-8")
        (root / "ours.html").write_text(ours, encoding="utf-8")
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        out["folium_page_to_clusters_s"] = seconds_to_clusters(browser, f"{base}/folium.html", plain=True,
                                                                selector=".marker-cluster")
        out["ours_page_to_clusters_s"] = seconds_to_clusters(browser, f"{base}/ours.html", plain=True)
        browser.close()
    return out


def plain_page(url: str) -> float:
    """Our map of the whole store as a bare HTML page (no Streamlit): the browser's own share."""
    from playwright.sync_api import sync_playwright

    frame = read_tables(open_engine(url)).incidents
    html = build_map(map_payload(frame, group_colours(list(set(frame["group"]))))).get_root().render()
    with static_site() as (root, base), sync_playwright() as p:
        (root / "ours.html").write_text(html, encoding="utf-8")
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        seconds = seconds_to_clusters(browser, f"{base}/ours.html", plain=True)
        browser.close()
    return seconds


def main() -> None:
    args = sys.argv[1:]
    if "--store-read" in args:
        store_read_only([int(a) for a in args if a != "--store-read"] or [20_000, 200_000])
        return
    if "--server-time" in args:  # only the Map page's server time under AppTest (a filter change and others)
        for n in [int(a) for a in args if a != "--server-time"] or [20_000, 200_000]:
            with tempfile.TemporaryDirectory() as tmp:
                url = f"sqlite:///{Path(tmp) / 'store.sqlite'}"
                make_store(n, url)
                print(json.dumps({"n": n, "server_time": server_time(url)}, indent=2))
        return
    if "--browser" in args:  # only the Chromium figures (the ratios to the About page, the first visitor)
        against = Path(args[args.index("--against") + 1]).resolve() if "--against" in args else None
        sizes = [int(a) for a in args if a.isdigit()] or [200_000]
        for n in sizes:
            with tempfile.TemporaryDirectory() as tmp:
                url = f"sqlite:///{Path(tmp) / 'store.sqlite'}"
                make_store(n, url)
                if against is None:
                    print(json.dumps({"n": n, "browser": in_browser(url)}, indent=2))
                    continue
                rounds = [in_browser(url, root) for _ in range(2) for root in (against, ROOT)]  # alternating
                print(json.dumps({"n": n, "rounds": rounds}, indent=2))
        return
    sizes = [int(a) for a in args] or [20_000, 200_000]
    gazetteer = Gazetteer.open()
    results: dict[str, Any] = {"ours": [], "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]}}
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite:///{Path(tmp) / 'store.sqlite'}"
            row: dict[str, Any] = {"n": n, "store": make_store(n, url)}
            row["in_process"] = in_process(url, Path(tmp))
            row["store_read"] = compare_store_reads(url)
            row["server_time"] = server_time(url)
            row["browser"] = in_browser(url) if CHROMIUM else "chromium not installed"
            if CHROMIUM:
                row["browser"]["plain_page_to_clusters_s"] = plain_page(url)
            results["ours"].append(row)
            print(json.dumps(row), file=sys.stderr)
    results["baseline"] = baseline(BASELINE_N, gazetteer) if CHROMIUM else "chromium not installed"
    text = json.dumps(results, indent=2)
    (ROOT / "bench" / "dashboard.json").write_text(text + "\n", encoding="utf-8")
    print(text)


def store_read_only(sizes: list[int]) -> None:
    rows = []
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite:///{Path(tmp) / 'store.sqlite'}"
            rows.append({"n": n, "store": make_store(n, url), "store_read": compare_store_reads(url)})
            print(json.dumps(rows[-1]), file=sys.stderr)
    text = json.dumps({"store_read": rows, "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]}},
                      indent=2)
    (ROOT / "bench" / "store_read.json").write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
