"""Ingest rate on synthetic 800-word reports.

    .venv/bin/python bench/ingest_bench.py [N]      (default: 500)

Writes N synthetic articles (bench/synthetic.py: real places, weekdays and dates, groups,
claimants, filler) to a folder, then measures in the same run:
- extraction alone (extract_incidents) per article, in this process, after a warm-up;
- `ingest_paths` into a new SQLite store: read, extract, curate, corroborate, commit; then the same
  with jobs=2 (`incident-map ingest --jobs 2`: two extracting processes, one writer) into another.
  Each ingest runs in a fresh process, as the command does (its start, the gazetteer's opening and
  the workers' start inside the timing), ROUNDS times alternating; the best of each is reported;
- the baseline: dateparser's search_dates over the same texts, the off-the-shelf way to find
  dates in news text, which is one of the several things extraction does.
Prints JSON; the last run is kept in bench/ingest.json.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.synthetic import articles  # noqa: E402
from geo.extract.pipeline import extract_incidents  # noqa: E402
from geo.gazetteer.lookup import Gazetteer  # noqa: E402
from geo.intake.articles import ArticleMeta, article_from_text  # noqa: E402
from geo.intake.ingest import ingest_paths  # noqa: E402
from geo.store.db import open_engine  # noqa: E402

WARM_UP = 20
ROUNDS = 2


def _ingest_once(folder: Path, store: Path, jobs: int) -> tuple[float, int]:
    """Seconds one fresh process takes to ingest folder (with the metadata.json beside it) into store, and the
    incidents stored."""
    import subprocess

    t = time.perf_counter()
    out = subprocess.run([sys.executable, __file__, "--ingest", str(folder), str(folder.parent / "metadata.json"),
                          str(store), str(jobs)],
                         check=True, capture_output=True, text=True).stdout
    return time.perf_counter() - t, int(out)


def _ingest_main(folder: Path, metadata_file: Path, store: Path, jobs: int) -> None:
    """In a fresh process: ingest the folder and print the incidents stored."""
    from datetime import date

    meta = json.loads(metadata_file.read_text(encoding="utf-8"))
    metadata = {name: ArticleMeta(name, name, "Synthetic Wire", "", date.fromisoformat(day)) for name, day in meta.items()}
    engine = open_engine(f"sqlite:///{store}")
    report = ingest_paths(engine, [folder], Gazetteer.open(), metadata=metadata, jobs=jobs)
    print(report.incidents)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    gazetteer = Gazetteer.open()
    found = articles(n + WARM_UP, gazetteer)
    words = sum(len(text.split()) for _, text, _ in found[WARM_UP:]) / n
    records = [article_from_text(text, title=name, published=day, path=name) for name, text, day in found]
    for record in records[:WARM_UP]:
        extract_incidents(record, gazetteer)
    t = time.perf_counter()
    incidents = sum(len(extract_incidents(record, gazetteer)) for record in records[WARM_UP:])
    t_extract = time.perf_counter() - t

    from dateparser.search import search_dates

    t = time.perf_counter()
    for record in records[WARM_UP:WARM_UP + min(n, 100)]:
        search_dates(record.text, languages=["en"])
    t_baseline = (time.perf_counter() - t) / min(n, 100)

    results: dict[str, Any] = {"articles": n, "mean_words": round(words), "incidents_found": incidents}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        for name, text, _day in found[WARM_UP:]:
            (folder / name).write_text(text, encoding="utf-8")
        meta = {name: day.isoformat() for name, _text, day in found[WARM_UP:]}
        (Path(tmp) / "metadata.json").write_text(json.dumps(meta), encoding="utf-8")
        one: list[float] = []
        two: list[float] = []
        for k in range(ROUNDS):
            t, stored = _ingest_once(folder, Path(tmp) / f"one{k}.sqlite", 1)
            one.append(t)
            t, stored2 = _ingest_once(folder, Path(tmp) / f"two{k}.sqlite", 2)
            two.append(t)
            assert stored2 == stored, (stored2, stored)
        t_ingest, t_ingest2 = min(one), min(two)
    results.update({
        "extract_ms_per_article": round(1000 * t_extract / n, 1),
        "extract_articles_per_s": round(n / t_extract, 1),
        "ingest_articles_per_s": round(n / t_ingest, 1),
        "ingest_jobs2_articles_per_s": round(n / t_ingest2, 1),
        "ingest_jobs2_speedup": round(t_ingest / t_ingest2, 2),
        "ingest_seconds_one_process": one, "ingest_seconds_jobs2": two, "ingest_incidents_stored": stored,
        "baseline_dateparser_search_dates_ms_per_article": round(1000 * t_baseline, 1),
        "target_articles_per_s_per_core": 200,
    })
    text = json.dumps(results, indent=2)
    (ROOT / "bench" / "ingest.json").write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--ingest"]:
        _ingest_main(Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]), int(sys.argv[5]))
    else:
        main()
