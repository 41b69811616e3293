"""Ingest rate on synthetic 800-word reports, one process (one core), gazetteer warm.

    .venv/bin/python bench/ingest_bench.py [N]      (default: 500)

Writes N synthetic articles (bench/synthetic.py: real places, weekdays and dates, groups,
claimants, filler) to a folder, then measures in the same run:
- extraction alone (extract_incidents) per article, after the gazetteer is warm;
- `ingest_paths` into a new SQLite store: read, extract, curate, corroborate, commit; then the same
  with jobs=2 (`incident-map ingest --jobs 2`: two extracting processes, one writer) into another;
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


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    gazetteer = Gazetteer.open()
    gazetteer.warm(wait=True)
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
        metadata = {}
        for name, text, day in found[WARM_UP:]:
            (folder / name).write_text(text, encoding="utf-8")
            metadata[name] = ArticleMeta(name, name, "Synthetic Wire", "", day)
        engine = open_engine(f"sqlite:///{Path(tmp) / 'store.sqlite'}")
        t = time.perf_counter()
        report = ingest_paths(engine, [folder], gazetteer, metadata=metadata)
        t_ingest = time.perf_counter() - t
        # The same files with --jobs 2: two extracting processes (started, and their gazetteer
        # opened, inside the timing), this one writing.
        engine2 = open_engine(f"sqlite:///{Path(tmp) / 'store2.sqlite'}")
        t = time.perf_counter()
        report2 = ingest_paths(engine2, [folder], gazetteer, metadata=metadata, jobs=2)
        t_ingest2 = time.perf_counter() - t
        assert report2.incidents == report.incidents, (report2.incidents, report.incidents)
    results.update({
        "extract_ms_per_article": round(1000 * t_extract / n, 1),
        "extract_articles_per_s": round(n / t_extract, 1),
        "ingest_articles_per_s": round(n / t_ingest, 1),
        "ingest_jobs2_articles_per_s": round(n / t_ingest2, 1),
        "ingest_jobs2_speedup": round(t_ingest / t_ingest2, 2),
        "ingest_incidents_stored": report.incidents, "ingest_corroborated": report.corroborated,
        "baseline_dateparser_search_dates_ms_per_article": round(1000 * t_baseline, 1),
        "target_articles_per_s_per_core": 200,
    })
    text = json.dumps(results, indent=2)
    (ROOT / "bench" / "ingest.json").write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
