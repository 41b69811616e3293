"""Reading the store into frames: today's reader beside the ADBC reader it replaced (issue 10).

The ADBC driver carries its own SQLite, which must never share a process with a writer, so each
reader runs in a process of its own that opens the store, reads it once to warm the OS cache
and then times `repeat` reads; the two alternate so that the machine's drift hits both alike.
The ADBC baseline needs the bench extra: pip install -e '.[bench]'.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

_READ = """
import json, sys, time
sys.path.insert(0, {root!r})
from geo.store.db import open_engine
from geo.store import tables as tables

def adbc_read(engine):
    # The reader of commit a2be16b (geo/tables.py, _read_sqlite_arrow), kept here as the baseline.
    import adbc_driver_sqlite.dbapi as adbc
    with adbc.connect(engine.url.database) as con, con.cursor() as cur:
        cur.execute(str(tables._INCIDENTS_SQL))
        frame = cur.fetch_arrow_table().to_pandas()
        cur.execute(str(tables._SOURCES_SQL))
        sources = cur.fetch_arrow_table().to_pandas()
    return tables.tables_from_frames(frame, sources)

engine = open_engine({url!r})
read = adbc_read if {mode!r} == "adbc" else tables.read_tables
read(engine)
times = []
for _ in range({repeat}):
    t = time.perf_counter()
    read(engine)
    times.append(time.perf_counter() - t)
print(json.dumps(times))
"""


def _run(url: str, mode: str, repeat: int) -> list[float]:
    script = _READ.format(root=str(ROOT), url=url, mode=mode, repeat=repeat)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False, cwd=ROOT)
    if out.returncode:
        raise RuntimeError(out.stderr.strip().splitlines()[-1] if out.stderr.strip() else f"{mode} reader failed")
    return [float(t) for t in json.loads(out.stdout)]


def compare(url: str, rounds: int = 3, repeat: int = 3) -> dict[str, Any]:
    """Median seconds of each reader over rounds x repeat reads, and their ratio."""
    ours: list[float] = []
    adbc: list[float] = []
    try:
        for _ in range(rounds):
            ours += _run(url, "ours", repeat)
            adbc += _run(url, "adbc", repeat)
    except RuntimeError as exc:
        if "adbc" not in str(exc).lower():
            raise
        return {"read_store_s": round(statistics.median(ours), 2), "adbc_baseline": f"not measured: {exc}"}
    ratio = statistics.median(ours) / statistics.median(adbc)
    return {"read_store_s": round(statistics.median(ours), 2), "read_store_adbc_s": round(statistics.median(adbc), 2),
            "read_store_ratio_to_adbc": round(ratio, 2), "read_store_runs_s": [round(t, 2) for t in ours],
            "read_store_adbc_runs_s": [round(t, 2) for t in adbc]}
