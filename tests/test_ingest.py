"""Ingest of many articles: progress is reported, in a log as well as on a terminal."""

from __future__ import annotations

import io

import pytest

from geo.intake.ingest import print_progress


@pytest.mark.parametrize(("total", "lines"), [(5, 0), (20, 10), (95, 11), (1000, 10)])
def test_progress_lines_in_a_log(total, lines, monkeypatch):
    err = io.StringIO()  # not a terminal
    monkeypatch.setattr("sys.stderr", err)
    for n in range(1, total + 1):
        print_progress(n, total, f"a{n}.txt")
    out = err.getvalue().splitlines()
    assert len(out) == lines
    if lines:
        assert out[-1] == f"ingest: {total}/{total} articles (100%)"


def test_progress_bar_on_a_terminal(monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    err = Terminal()
    monkeypatch.setattr("sys.stderr", err)
    for n in range(1, 41):
        print_progress(n, 40, "x.txt")
    text = err.getvalue()
    assert text.count("\r") == 40 and text.endswith("\n")
    assert "[" + "#" * 30 + "] 40/40" in text
