"""Where the project's files are: the word lists and curated rows in data/, the map's scripts in
static/. One definition, so that moving a module never moves what it reads."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
STATIC_DIR = ROOT / "static"
