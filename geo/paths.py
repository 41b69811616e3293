"""Where the project's files are. One definition, so that moving a module never moves what it reads.

DATA_DIR: the vocabulary the extractor and the gazetteer read (actors, event triggers, places,
regions, not-places and the cue-word lists in cues/). It ships inside the package (package data
in pyproject.toml), so an installed wheel works from any folder; pass another folder to
Gazetteer.open(data_dir) and extract_incidents(..., data_dir=...) to use extended lists.

PROJECT_DATA_DIR: what belongs to the user's project: articles.csv (article metadata), events.csv
(curated rows) and the store (data/incidents.sqlite). In a source checkout that is the checkout's
data/ folder; in an installed package, data/ under the current folder, as the store's default
URL (sqlite:///data/incidents.sqlite) is.

STATIC_DIR: the map's scripts.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
ROOT = PACKAGE_DIR.parent
DATA_DIR = PACKAGE_DIR / "data"
PROJECT_DATA_DIR = ROOT / "data" if (ROOT / "pyproject.toml").exists() else Path("data")
STATIC_DIR = ROOT / "static"
