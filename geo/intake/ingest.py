"""Ingest articles into the store: read, extract, apply curated rows, corroborate, commit."""

from __future__ import annotations

import errno
import os
import sqlite3
import sys
from collections.abc import Callable, Generator, Iterable, Iterator
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
                 progress: Callable[[int, int, str], None] | None = None, keep_going: bool = True,
                 jobs: int = 1) -> IngestReport:
    """Read, extract and store every article file under paths, one transaction an article.

    jobs > 1 extracts in that many worker processes while this process alone writes, in the
    order of the files (SQLite takes one writer; extraction is where the time goes)."""
    files, problems = find_article_files(paths)
    if problems and not keep_going:
        raise BadInput(problems[0])
    metadata = load_metadata() if metadata is None else metadata
    curated = load_curated()
    report = IngestReport(errors=problems)
    user_places = pinned_place_index(engine)
    work = [(path, _meta(path, metadata, defaults)) for path in files]
    if jobs > 1 and len(work) > 1:
        results: Iterable[tuple[Article | None, list[Incident] | None, str | None]] = _extracted_in_workers(
            work, jobs, gazetteer.data_dir, user_places)
    else:
        results = ((None, None, None) for _ in work)
    try:
        for n, ((path, meta), (article, found, error)) in enumerate(zip(work, results, strict=True), 1):
            try:
                if error is not None:
                    raise BadInput(error)
                ingest_article(engine, article or read_article(path, meta), gazetteer, curated, report, user_places,
                               found=found)
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
    finally:
        # The workers' pool is shut down here, in this thread, however the loop ended: left to the
        # garbage collector, the generator could be closed in the pool's own feeder thread, which
        # then waited for itself (a hang at exit, seen once in bench/ingest_bench.py).
        if isinstance(results, Generator):
            results.close()
    return report


def _meta(path: Path, metadata: dict[str, ArticleMeta], defaults: ArticleMeta | None) -> ArticleMeta | None:
    """A file's metadata (data/articles.csv), with the command line's defaults filling what it lacks."""
    meta = metadata.get(path.name) or defaults
    if meta is not None and defaults is not None:
        meta = ArticleMeta(path.name, meta.title or defaults.title, meta.outlet or defaults.outlet,
                           meta.url or defaults.url, meta.published or defaults.published)
    return meta


# The worker's gazetteer and pinned places, opened once per worker process (_start_worker).
_WORKER: dict[str, object] = {}


def _start_worker(data_dir: Path, user_places: dict[str, Place]) -> None:
    # (not warmed: loading every key, 2 s of CPU and 250 MB a process, made 600 articles no faster
    # than lookups in the index's SQLite file; bench/ingest_bench.py, BENCHMARKS.md)
    _WORKER["gazetteer"] = Gazetteer.open(data_dir)
    _WORKER["user_places"] = user_places


def _extract_file(item: tuple[Path, ArticleMeta | None]) -> tuple[Article | None, list[Incident] | None, str | None]:
    """In a worker: one file's article and incidents, or the message of the bad input it is."""
    path, meta = item
    gazetteer = _WORKER["gazetteer"]
    user_places = _WORKER["user_places"]
    assert isinstance(gazetteer, Gazetteer) and isinstance(user_places, dict)
    try:
        article = read_article(path, meta)
        return article, extract_incidents(article, gazetteer, user_places), None
    except BadInput as exc:
        return None, None, str(exc)


def _extracted_in_workers(work: list[tuple[Path, ArticleMeta | None]], jobs: int, data_dir: Path,
                          user_places: dict[str, Place]) -> Iterator[tuple[Article | None, list[Incident] | None, str | None]]:
    """Each file's extraction from a pool of `jobs` processes, in the order of the files.

    Workers are spawned (not forked): they open the gazetteer's index themselves from its disk
    cache, and no lock or connection of this process is copied into them."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"),
                             initializer=_start_worker, initargs=(data_dir, user_places)) as pool:
        try:
            # Small chunks keep the writer busy as soon as the first articles are done.
            yield from pool.map(_extract_file, work, chunksize=max(1, min(8, len(work) // (jobs * 8))))
        except GeneratorExit:  # the writer stopped early (keep_going=False, a full disk): no more work
            pool.shutdown(wait=True, cancel_futures=True)
            raise


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
