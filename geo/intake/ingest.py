"""Ingest articles into the store: read, extract, apply curated rows, corroborate, commit."""

from __future__ import annotations

import errno
import os
import sqlite3
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from geo.errors import BadInput, StoreError
from geo.extract.pipeline import extract_incidents
from geo.gazetteer.lookup import Gazetteer
from geo.intake.articles import ArticleMeta, load_metadata, read_article
from geo.intake.curated import CuratedEvent, apply_curated, load_curated
from geo.records import Article, Incident, Place
from geo.store.db import add_article, has_article, pinned_place_index, transaction


@dataclass
class IngestReport:
    articles: int = 0
    skipped: int = 0
    incidents: int = 0
    corroborated: int = 0
    unresolved: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    stopped: str = ""  # why the run stopped before the last article, when it did

    def summary(self) -> str:
        parts = [
            f"articles: {self.articles} ingested, {self.skipped} already stored",
            f"incidents: {self.incidents} new, {self.corroborated} corroborating stored ones",
            f"unresolved places: {len(self.unresolved)}" + (f" ({', '.join(sorted(set(self.unresolved)))})" if self.unresolved else ""),
        ]
        if self.errors:
            parts.append(f"errors: {len(self.errors)}")
        if self.stopped:
            parts.append("stopped early: the store refused a write (see below)")
        return "\n".join(parts)


def _unreadable(path: Path) -> str | None:
    """Why path cannot be read as a file or folder (a symbolic link loop, a broken link), or None."""
    try:
        path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return f"{path}: a symbolic link loop; skipped"
        if path.is_symlink():
            return f"{path}: a broken symbolic link (to {os.readlink(path)}); skipped"
        return f"{path}: {'no such file or folder' if exc.errno == errno.ENOENT else exc.strerror}"
    return None


def find_article_files(paths: Iterable[Path]) -> tuple[list[Path], list[str]]:
    """The .txt files under paths, and a line for each entry that cannot be read (a symbolic link
    loop, a broken link, a missing path): one bad entry does not stop the others."""
    out: list[Path] = []
    problems: list[str] = []
    for path in paths:
        problem = _unreadable(path)
        if problem:
            problems.append(problem)
        elif path.is_dir():
            try:
                found = sorted(path.rglob("*.txt"))
            except OSError as exc:
                problems.append(f"{path}: cannot list the folder: {exc.strerror}")
                continue
            for entry in found:
                problem = _unreadable(entry)
                if problem:
                    problems.append(problem)
                elif entry.is_file():
                    out.append(entry)
        else:
            out.append(path)
    return out, problems


def article_files(paths: Iterable[Path]) -> list[Path]:
    """The .txt files under paths; a BadInput for the first entry that cannot be read."""
    files, problems = find_article_files(paths)
    if problems:
        raise BadInput(problems[0])
    return files


def prepare(article: Article, gazetteer: Gazetteer, curated: list[CuratedEvent],
            user_places: dict[str, Place] | None = None, *, found: list[Incident] | None = None) -> list[Incident]:
    """The article's incidents as they are stored: extracted (or found, when given), then the curated rows."""
    if found is None:
        found = extract_incidents(article, gazetteer, user_places)
    return apply_curated(article, found, curated, gazetteer)


def ingest_article(engine: Engine, article: Article, gazetteer: Gazetteer, curated: list[CuratedEvent],
                   report: IngestReport, user_places: dict[str, Place] | None = None, *,
                   found: list[Incident] | None = None) -> None:
    """One article, one transaction: all its incidents or none of them.

    found: the incidents already extracted from this article (the Add article page's preview),
    stored as they are, with the curated rows applied, instead of extracting them again."""
    if found is None:
        found = prepare(article, gazetteer, curated, pinned_place_index(engine) if user_places is None else user_places)
    else:
        found = prepare(article, gazetteer, curated, found=found)
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
    files, problems = find_article_files(paths)
    if problems and not keep_going:
        raise BadInput(problems[0])
    metadata = load_metadata() if metadata is None else metadata
    curated = load_curated()
    report = IngestReport(errors=problems)
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
        except (StoreError, SQLAlchemyError, sqlite3.Error, OSError) as exc:
            # The store cannot take more (a full disk, a read-only file): what is stored stays
            # stored, and the report says how far it got and why it stopped.
            report.stopped = f"{path}: {exc}" if isinstance(exc, StoreError) else f"{path}: the store refused a write: {exc}"
            if not keep_going:
                raise
            break
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
