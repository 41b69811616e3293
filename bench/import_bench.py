"""Import speed and memory at scale: an ACLED CSV and our GeoJSON snapshot of N rows each.

    .venv/bin/python bench/import_bench.py [N] [BASELINE_REF]      (defaults: 200000 366eaf8)

Writes two synthetic files of N rows (deterministic: same N, same files): an ACLED export in the
2022 column set ("15 April 2022" dates, outlets joined by "; ", notes of ~150 characters) and a
FeatureCollection in our snapshot's shape, one source per feature. Each is imported into a new
SQLite store by `import_file` in a process of its own, which reports its wall time and peak RSS:
with this checkout's code and with BASELINE_REF's (its geo/ taken with `git archive`; 366eaf8 is
main just before issue 14), in the same run, on the same files, alternately, ROUNDS times each.
Every round is kept with its own ratio (the baseline measured right after this code), the lowest
ratio beside it (the machine is shared: a round can be slowed by other work). Prints JSON; the
last run is kept in bench/import.json.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tarfile
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import orjson

ROOT = Path(__file__).resolve().parent.parent
ACLED_HEADER = ("data_id,iso,event_id_cnty,event_id_no_cnty,event_date,year,time_precision,event_type,sub_event_type,"
                "actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,region,country,admin1,admin2,"
                "admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,timestamp,iso3")
TYPES = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
         ("Explosions/Remote violence", "Air/drone strike"), ("Violence against civilians", "Attack"),
         ("Protests", "Peaceful protest"), ("Strategic developments", "Looting/property destruction")]
ACTORS = ["Military Forces of Russia (2000-)", "Military Forces of Ukraine (2019-)", "Civilians (Ukraine)",
          "Wagner Group", "Protesters (Ukraine)", "Police Forces of Ukraine (2019-)"]
OUTLETS = ["Ukrinform", "Suspilne Media", "Segodnya", "24 Channel", "Unian", "Liveuamap", "Kyiv Independent"]
PLACES = [("Kharkiv", "Kharkiv", 49.99, 36.23), ("Avdiivka", "Donetsk", 48.14, 37.75), ("Kherson", "Kherson", 46.64, 32.61),
          ("Bakhmut", "Donetsk", 48.59, 38.0), ("Sumy", "Sumy", 50.91, 34.8), ("Zaporizhzhia", "Zaporizhzhia", 47.84, 35.14)]

ROUNDS = 3
CHILD = """
import json, sys, time
from pathlib import Path
from geo.intake.importer import import_file
from geo.store.db import open_engine
engine = open_engine(sys.argv[1])
t, cpu = time.perf_counter(), time.process_time()
report = import_file(engine, Path(sys.argv[2]))
seconds, cpu = time.perf_counter() - t, time.process_time() - cpu
# VmHWM, not getrusage's ru_maxrss: that one keeps the peak of the parent forked before exec.
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({"seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2), "stored": report.stored, "rejected": len(report.bad),
                  "peak_rss_mb": round(peak / 1024)}))
"""


def _rows(n: int, seed: int = 14) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    start = date(2022, 2, 24)
    out = []
    for k in range(n):
        event_type, sub = TYPES[rng.randrange(len(TYPES))]
        place, region, lat, lon = PLACES[rng.randrange(len(PLACES))]
        day = start + timedelta(days=rng.randrange(900))
        out.append({
            "k": k, "day": day, "event_type": event_type, "sub": sub, "actor1": rng.choice(ACTORS),
            "actor2": rng.choice(["", *ACTORS]), "place": place, "region": region,
            "lat": round(lat + rng.uniform(-0.3, 0.3), 4), "lon": round(lon + rng.uniform(-0.3, 0.3), 4),
            "outlets": rng.sample(OUTLETS, rng.choice((1, 1, 2, 3))), "fatalities": rng.choice((0, 0, 0, 1, 2, 5)),
            "notes": f"On {day:%d %B %Y}, an invented {sub.lower()} was reported in {place}, {region}; "
                     f"figures are synthetic, row {k} of a benchmark file.",
        })
    return out


def write_acled(path: Path, rows: list[dict[str, Any]]) -> None:
    import csv

    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(ACLED_HEADER.split(","))
        for r in rows:
            writer.writerow([
                9_000_000 + r["k"], 804, f"UKR{r['k'] + 1}", r["k"] + 1, f"{r['day']:%d %B %Y}", r["day"].year, 1,
                r["event_type"], r["sub"], r["actor1"], "", 8, r["actor2"], "", 7 if r["actor2"] else 0, 78, "Europe",
                "Ukraine", r["region"], "", "", r["place"], r["lat"], r["lon"], 1, "; ".join(r["outlets"]), "National",
                r["notes"], r["fatalities"], 1_650_000_000 + r["k"], "UKR",
            ])


def write_snapshot(path: Path, rows: list[dict[str, Any]]) -> None:
    """Features in the shape both versions of the snapshot share (the baseline's properties)."""
    features = [{
        "type": "Feature", "id": f"{r['k']:016x}", "geometry": {"type": "Point", "coordinates": [r["lon"], r["lat"]]},
        "properties": {
            "id": f"{r['k']:016x}", "event_date": r["day"].isoformat(), "time_precision": 1,
            "place_as_written": r["place"], "place": r["place"], "admin1": r["region"], "country": "UA",
            "geonameid": None, "geo_precision": 1, "event_type": r["event_type"], "sub_event_type": r["sub"],
            "actors": [r["actor1"], *([r["actor2"]] if r["actor2"] else [])], "claimed_by": r["outlets"][:1],
            "sources": [{"article_id": f"a{r['k'] % 5000:05d}", "title": "An invented report", "url": "",
                         "outlet": r["outlets"][0], "quote": r["notes"], "start": 0, "end": len(r["notes"])}],
            "n_sources": 1, "summary": f"{r['sub']} at {r['place']}", "confidence": 0.5, "status": "extracted",
            "unresolved": False,
        },
    } for r in rows]
    path.write_bytes(orjson.dumps({"type": "FeatureCollection", "features": features}))


def _measure(code: Path, store: Path, data: Path) -> dict[str, Any]:
    result = subprocess.run([sys.executable, "-c", CHILD, f"sqlite:///{store}", str(data)], cwd=code,
                            capture_output=True, text=True, env={"PYTHONPATH": str(code), "PATH": "/usr/bin:/bin"},
                            check=False)
    if result.returncode != 0:
        raise SystemExit(result.stderr[-2000:])
    return json.loads(result.stdout.strip().splitlines()[-1])


def _checkout(ref: str, folder: Path) -> Path:
    archive = subprocess.run(["git", "archive", ref, "geo"], cwd=ROOT, capture_output=True, check=True).stdout
    target = folder / "baseline"
    target.mkdir()
    with tarfile.open(fileobj=__import__("io").BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return target


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    ref = sys.argv[2] if len(sys.argv) > 2 else "366eaf8"
    rows = _rows(n)
    results: dict[str, Any] = {"rows": n, "baseline": ref}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = {"acled_csv": folder / "acled.csv", "snapshot_geojson": folder / "snapshot.geojson"}
        write_acled(files["acled_csv"], rows)
        write_snapshot(files["snapshot_geojson"], rows)
        del rows
        results["file_mb"] = {k: round(p.stat().st_size / 2**20) for k, p in files.items()}
        baseline = _checkout(ref, folder)
        for kind, data in files.items():
            rounds: list[dict[str, Any]] = []
            for attempt in range(ROUNDS):
                pair: dict[str, Any] = {}
                for label, code in (("this", ROOT), ("baseline", baseline)):
                    store = folder / f"{kind}-{label}-{attempt}.sqlite"
                    pair[label] = _measure(code, store, data)
                    for leftover in folder.glob(f"{store.name}*"):
                        leftover.unlink()
                pair["speedup"] = round(pair["baseline"]["seconds"] / pair["this"]["seconds"], 2)
                # CPU time of all the import's threads: less moved by the other work of the machine.
                pair["cpu_speedup"] = round(pair["baseline"]["cpu_seconds"] / pair["this"]["cpu_seconds"], 2)
                rounds.append(pair)
            results[kind] = {
                "rounds": rounds,  # every round, each this code's import beside the baseline's just after it
                "speedup_lowest": min(r["speedup"] for r in rounds),
                "cpu_speedup_lowest": min(r["cpu_speedup"] for r in rounds),
                "speedup_of_best_times": round(min(r["baseline"]["seconds"] for r in rounds)
                                               / min(r["this"]["seconds"] for r in rounds), 2),
                "peak_rss_mb": {label: max(r[label]["peak_rss_mb"] for r in rounds) for label in ("this", "baseline")},
            }
    print(json.dumps(results, indent=2))
    (ROOT / "bench" / "import.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
