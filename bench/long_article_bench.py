"""Extraction time against an article's length, before and after issue 16.2, in one run.

    .venv/bin/python bench/long_article_bench.py [--base COMMIT] [--base-max BYTES] [--cap SECONDS] [--sizes ...]

Makes one synthetic article per size (bench/synthetic.py `long_article`: 800-word reports one
after another; with line breaks, and the same text on one line) and times extract_incidents on
it, each size in a new process (the gazetteer's keys loaded, one small article extracted first,
so that no cache carries from one size to the next), twice: the first extraction pays for the
gazetteer's lookups of every name and region the article brings (SQLite reads, fuzzy pools per
region, a fixed cost per region that a longer article repeats less); the second, with those
cached, is the work of extraction itself, which is what grew with the square of the length. The baseline is the code before the fix, taken
from git (`git worktree add --detach /tmp/incident-map-base COMMIT`) and run the same way on
the same files, up to --base-max bytes, each run stopped after --cap seconds.

Prints a table of seconds and milliseconds per KB; the ratio of the largest to the smallest
time per KB of the second extraction must be within 2 (the script exits 1 when it is not).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASE_COMMIT = "37c826d"  # HEAD before the fix (issue 16.2)
SIZES = (25_000, 50_000, 100_000, 200_000, 1_000_000, 5_000_000)
WORKER = r"""
import json, sys, time
from datetime import date
from pathlib import Path
tree, path, published, data_dir = sys.argv[1:5]
sys.path.insert(0, tree)
from geo.intake.articles import article_from_text
from geo.extract.pipeline import extract_incidents
from geo.gazetteer.lookup import Gazetteer
gazetteer = Gazetteer.open(Path(data_dir))
gazetteer.warm(wait=True)
day = date.fromisoformat(published)
warm = "Fighting reported around Kharkiv\n\nRussian forces shelled Kharkiv on Monday, the governor said."
extract_incidents(article_from_text(warm, published=day), gazetteer)
text = Path(path).read_text(encoding="utf-8")
article = article_from_text(text, published=day)
t = time.perf_counter()
found = extract_incidents(article, gazetteer)
cold = time.perf_counter() - t
warm = float("inf")
for _ in range(3 if len(text) <= 200_000 else 1):  # the least of three: the machine is shared
    t = time.perf_counter()
    again = extract_incidents(article, gazetteer)
    warm = min(warm, time.perf_counter() - t)
    assert again == found
print(json.dumps({"cold": cold, "seconds": warm, "incidents": len(found)}))
"""


def run(tree: Path, path: Path, published: str, cap: float) -> dict | None:
    """One timed extraction in a new process; None when it ran past cap seconds.

    The baseline keeps its gazetteer index in a cache folder of its own: building an index
    removes the other indexes in its folder, and the two trees' index code differs."""
    env = dict(os.environ)
    if tree != ROOT:
        env["INCIDENT_MAP_CACHE"] = str(Path(tempfile.gettempdir()) / "incident-map-base-cache")
    try:
        done = subprocess.run(
            [sys.executable, "-c", WORKER, str(tree), str(path), published, str(ROOT / "data")],
            capture_output=True, text=True, timeout=cap + 120, cwd=str(tree), check=False, env=env,
        )
    except subprocess.TimeoutExpired:
        return None
    if done.returncode != 0:
        raise SystemExit(f"worker failed in {tree}:\n{done.stderr[-2000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return None if result["cold"] + result["seconds"] > cap else result


def base_tree(commit: str) -> Path:
    tree = Path(tempfile.gettempdir()) / "incident-map-base"
    if not (tree / "geo" / "extract.py").exists():
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), commit], check=True)
    head = subprocess.run(["git", "-C", str(tree), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True)
    print(f"baseline: {tree} at {head.stdout.strip()}", file=sys.stderr)
    return tree


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", default=BASE_COMMIT, help="commit of the code before the fix")
    parser.add_argument("--base-max", type=int, default=100_000, help="largest size run through the baseline")
    parser.add_argument("--cap", type=float, default=120.0, help="seconds after which a baseline run is stopped")
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    from bench.synthetic import long_article
    from geo.gazetteer.lookup import Gazetteer

    gazetteer = Gazetteer.open()
    base = base_tree(args.base)
    rows = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for one_line in (False, True):
            for size in args.sizes:
                text, published = long_article(size, gazetteer, one_line=one_line)
                path = Path(tmp) / f"{size}-{int(one_line)}.txt"
                path.write_text(text, encoding="utf-8")
                kb = len(text.encode("utf-8")) / 1000
                new = run(ROOT, path, published.isoformat(), cap=3600.0)
                assert new is not None
                old = run(base, path, published.isoformat(), args.cap) if size <= args.base_max else None
                rows.append({"size_kb": kb, "layout": "one line" if one_line else "paragraphs", "seconds": new["seconds"],
                             "ms_per_kb": 1000 * new["seconds"] / kb, "incidents": new["incidents"], "cold": new["cold"],
                             "base_seconds": old["seconds"] if old else None, "base_cold": old["cold"] if old else None,
                             "base_incidents": old["incidents"] if old else None,
                             "base_skipped": "not run" if size > args.base_max else ("over cap" if old is None else "")})
                print(_row(rows[-1]), file=sys.stderr)
    per_kb = [r["ms_per_kb"] for r in rows]
    spread = max(per_kb) / min(per_kb)
    print("| size | layout | first run, s | again, s | again, ms per KB | incidents | baseline first run, s "
          "| baseline again, s | baseline again, ms per KB | speed-up (again) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(_row(r))
    print(f"\nlargest / smallest time per KB of the second extraction (fixed code): {spread:.2f} (must be within 2)")
    cold = [1000 * r["cold"] / r["size_kb"] for r in rows]
    print(f"first extraction in a process, ms per KB: {max(cold):.1f} to {min(cold):.1f} (the gazetteer's lookups of "
          "names and regions not seen before, which repeat less as an article grows)")
    print(f"whole run: {time.perf_counter() - started:.0f} s")
    if spread > 2:
        raise SystemExit(1)


def _row(r: dict) -> str:
    if r["base_seconds"] is not None:
        base = (f"{r['base_cold']:.2f} | {r['base_seconds']:.2f} | {1000 * r['base_seconds'] / r['size_kb']:.1f} "
                f"| {r['base_seconds'] / r['seconds']:.1f}×")
        if r["base_incidents"] != r["incidents"]:
            base += f" (baseline found {r['base_incidents']})"
    else:
        base = f"{r['base_skipped']} | | | "
    return (f"| {r['size_kb']:,.0f} KB | {r['layout']} | {r['cold']:.2f} | {r['seconds']:.2f} | {r['ms_per_kb']:.1f} "
            f"| {r['incidents']} | {base} |")


if __name__ == "__main__":
    main()
