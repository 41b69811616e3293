"""Ingest articles into the store: read, extract, apply curated rows, corroborate, commit."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine

from geo.articles import ArticleMeta, load_metadata, read_article
from geo.curated import CuratedEvent, apply_curated, load_curated
from geo.errors import BadInput
from geo.extract import extract_incidents
from geo.gazetteer import Gazetteer
from geo.records import Article, Incident, Place
from geo.store import add_article, has_article, pinned_place_index, transaction


@dataclass
class IngestReport:
    articles: int = 0
    skipped: int = 0
    incidents: int = 0
    corroborated: int = 0
    unresolved: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [
            f"articles: {self.articles} ingested, {self.skipped} already stored",
            f"incidents: {self.incidents} new, {self.corroborated} corroborating stored ones",
            f"unresolved places: {len(self.unresolved)}" + (f" ({', '.join(sorted(set(self.unresolved)))})" if self.unresolved else ""),
        ]
        if self.errors:
            parts.append(f"errors: {len(self.errors)}")
        return "\n".join(parts)


def article_files(paths: Iterable[Path]) -> list[Path]:
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*.txt") if p.is_file()))
        elif path.exists():
            out.append(path)
        else:
            raise BadInput(f"{path}: no such file or folder")
    return out


def prepare(article: Article, gazetteer: Gazetteer, curated: list[CuratedEvent],
            user_places: dict[str, Place] | None = None) -> list[Incident]:
    return apply_curated(article, extract_incidents(article, gazetteer, user_places), curated, gazetteer)


def ingest_article(engine: Engine, article: Article, gazetteer: Gazetteer, curated: list[CuratedEvent],
                   report: IngestReport, user_places: dict[str, Place] | None = None) -> None:
    """One article, one transaction: all its incidents or none of them."""
    found = prepare(article, gazetteer, curated, pinned_place_index(engine) if user_places is None else user_places)
    with transaction(engine) as conn:
        if has_article(conn, article.id):
            report.skipped += 1
            return
        new, corroborated = add_article(conn, article, found)
    report.articles += 1
    report.incidents += new
    report.corroborated += corroborated
    report.unresolved.extend(i.place_as_written for i in found if i.unresolved)


def ingest_paths(engine: Engine, paths: Iterable[Path], gazetteer: Gazetteer, *,
                 metadata: dict[str, ArticleMeta] | None = None, defaults: ArticleMeta | None = None,
                 progress: Callable[[int, int, str], None] | None = None, keep_going: bool = True) -> IngestReport:
    files = article_files(paths)
    metadata = load_metadata() if metadata is None else metadata
    curated = load_curated()
    report = IngestReport()
    user_places = pinned_place_index(engine)
    if len(files) > 20:
        gazetteer.warm()
    for n, path in enumerate(files, 1):
        meta = metadata.get(path.name) or defaults
        if meta is not None and defaults is not None:
            meta = ArticleMeta(path.name, meta.title or defaults.title, meta.outlet or defaults.outlet,
                               meta.url or defaults.url, meta.published or defaults.published)
        try:
            ingest_article(engine, read_article(path, meta), gazetteer, curated, report, user_places)
        except BadInput as exc:
            report.errors.append(str(exc))
            if not keep_going:
                raise
        if progress:
            progress(n, len(files), path.name)
    return report


def print_progress(n: int, total: int, name: str) -> None:
    """A progress bar on stderr for runs of 20 articles or more; where stderr is not a terminal
    (a log file, CI), a plain line at every tenth of the way instead."""
    if total < 20:
        return
    if not sys.stderr.isatty():
        step = max(1, total // 10)
        if n % step == 0 or n == total:
            print(f"ingest: {n}/{total} articles ({100 * n // total}%)", file=sys.stderr)
        return
    width = 30
    done = int(width * n / total)
    print(f"\r[{'#' * done}{'.' * (width - done)}] {n}/{total} {name[:40]:<40}", end="" if n < total else "\n", file=sys.stderr)
