"""Shared fixtures: one gazetteer for the session (its index is built once per machine)."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.gazetteer.lookup import Gazetteer

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return Gazetteer.open()


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}


@pytest.fixture(scope="session")
def seed_articles():
    from geo.intake.articles import load_metadata, read_article

    meta = load_metadata(ROOT / "data" / "articles.csv")
    return {p.name: read_article(p, meta.get(p.name)) for p in sorted(SEEDS.glob("*.txt"))}


@pytest.fixture(scope="session")
def extracted(seed_articles, gazetteer):
    from geo.extract.pipeline import extract_incidents

    return {name: extract_incidents(article, gazetteer) for name, article in seed_articles.items()}


@pytest.fixture()
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'incidents.sqlite'}"


@pytest.fixture(scope="session")
def seeded_store(tmp_path_factory, gazetteer) -> str:
    """A store holding the four seed articles (read-only for the tests that use it)."""
    from geo.intake.ingest import ingest_paths
    from geo.store.db import open_engine

    url = f"sqlite:///{tmp_path_factory.mktemp('seeded') / 'db.sqlite'}"
    ingest_paths(open_engine(url), [SEEDS], gazetteer)
    return url
