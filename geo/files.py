"""Files written whole or not at all: one atomic writer for exports and the gazetteer's index."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def atomic_path(path: Path, mode: int | None = None) -> Iterator[Path]:
    """A temporary path beside path to write; renamed over path when the block ends without an
    error, removed otherwise: readers never see half a file. The file gets `mode`, by default the
    mode a plain open() would give it (0644 under umask 022; mkstemp's 0600 would hide an export
    from the user's colleagues) or the mode of the file it replaces."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if mode is None:
        mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, mode)
        os.close(fd)
        yield Path(tmp)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def write_atomically(path: Path, data: str | bytes | memoryview) -> None:
    """Write data to path through atomic_path, fsync'd before the rename.

    A path that exists and is not a regular file (a FIFO, /dev/stdout, /dev/full) is written to
    directly: renaming over a device node would replace the device."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if path.exists() and not path.is_file():
        with open(path, "wb") as fh:
            fh.write(payload)
        return
    with atomic_path(path) as tmp, open(tmp, "wb") as fh:
        fh.write(payload)
        fh.flush()
        os.fsync(fh.fileno())


def _umask() -> int:
    """The process's umask, read without changing it where Linux tells it (os.umask would set it
    for every thread for a moment)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    current = os.umask(0o022)
    os.umask(current)
    return current
