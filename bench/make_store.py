"""A store of N synthetic incidents, made the way a user would: a GeoJSON snapshot, then
`incident-map import`.

    .venv/bin/python bench/make_store.py N sqlite:///path/to/store.sqlite

Prints JSON: how long the snapshot and the import took.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import incidents  # noqa: E402
from geo.export.geojson import dumps_bytes, feature_collection  # noqa: E402
from geo.files import write_atomically  # noqa: E402
from geo.gazetteer.lookup import Gazetteer  # noqa: E402
from geo.intake.importer import import_file  # noqa: E402
from geo.store.db import open_engine  # noqa: E402


def make_store(n: int, url: str) -> dict[str, object]:
    found = incidents(n, Gazetteer.open())
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "synthetic.geojson"
        t = time.perf_counter()
        write_atomically(path, dumps_bytes(feature_collection(found)))
        t_write = time.perf_counter() - t
        engine = open_engine(url)
        t = time.perf_counter()
        report = import_file(engine, path)
        t_import = time.perf_counter() - t
    return {"n": n, "snapshot_s": round(t_write, 2), "import_s": round(t_import, 2), "stored": report.stored,
            "already": report.already, "bad": len(report.bad)}


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    print(json.dumps(make_store(int(sys.argv[1]), sys.argv[2]), indent=2))


if __name__ == "__main__":
    main()
