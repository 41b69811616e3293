"""Extraction does work linear in an article's length (issue 16.2), and stops at a time limit.

Nothing here times anything: the work is counted. A trace counts the lines and calls the
extraction modules execute (loop iterations included, comprehensions too), and the article's
text is a str that counts the characters cut out of it or searched by find/rfind. Doubling
the article must about double the count; the quadratic code multiplied it by three to four.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import date
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from bench.synthetic import incidents as synthetic_incidents
from bench.synthetic import long_article
from geo.errors import IncidentMapError, TimeLimitExceeded
from geo.extract import corroborate as corroborate
from geo.extract.dates import find_dates
from geo.extract.pipeline import extract_incidents
from geo.extract.segment import sentences
from geo.gazetteer.lookup import Gazetteer
from geo.intake.articles import article_from_text

GEO = Path(__file__).resolve().parent.parent / "geo"
# The extraction's own modules; the gazetteer (SQLite and its caches) is counted by its own benchmark.
# Every module of the extraction stage, and the name keys it computes.
COUNTED = {str(p) for p in (GEO / "extract").glob("*.py")} | {str(GEO / "gazetteer" / "names.py")}
# Doubling the input: linear work gives 2; the quadratic code gave 3 to 4 at these sizes.
MAX_GROWTH = 2.4


class CountingText(str):
    """The article's text, counting the characters that slices and find/rfind go over."""

    scanned = 0

    def __getitem__(self, key: Any) -> str:  # type: ignore[override]
        part = str.__getitem__(self, key)
        CountingText.scanned += len(part)
        return part

    def _range(self, args: tuple) -> int:
        start = args[1] if len(args) > 1 and args[1] is not None else 0
        end = args[2] if len(args) > 2 and args[2] is not None else len(self)
        start, end, _ = slice(start, end).indices(len(self))
        return max(0, end - start)

    def find(self, *args: Any) -> int:  # type: ignore[override]
        CountingText.scanned += self._range(args)
        return str.find(self, *args)

    def rfind(self, *args: Any) -> int:  # type: ignore[override]
        CountingText.scanned += self._range(args)
        return str.rfind(self, *args)


def _work(run: Any) -> int:
    """Lines and calls executed in the extraction modules, plus characters of the text gone over."""
    events = 0

    def local(frame: FrameType, event: str, arg: object) -> Any:
        nonlocal events
        events += 1
        return local

    def on_call(frame: FrameType, event: str, arg: object) -> Any:
        nonlocal events
        if frame.f_code.co_filename in COUNTED:
            events += 1
            return local
        return None

    CountingText.scanned = 0
    sys.settrace(on_call)
    try:
        run()
    finally:
        sys.settrace(None)
    return events + CountingText.scanned


def _extraction_work(text: str, published: date, gazetteer: Gazetteer) -> int:
    article = article_from_text(text, published=published)
    counted = replace(article, text=CountingText(article.text))
    extract_incidents(counted, gazetteer)  # the gazetteer's caches filled, so both runs do the same kind of work
    return _work(lambda: extract_incidents(counted, gazetteer))


@pytest.mark.parametrize("one_line", [False, True], ids=["paragraphs", "one-line"])
def test_extraction_work_grows_linearly(gazetteer: Gazetteer, one_line: bool) -> None:
    small, published = long_article(20_000, gazetteer, one_line=one_line)
    large, _ = long_article(40_000, gazetteer, one_line=one_line)
    growth = _extraction_work(large, published, gazetteer) / _extraction_work(small, published, gazetteer)
    assert growth < MAX_GROWTH, f"doubling the article multiplied the work by {growth:.2f}"


def test_an_article_without_a_sentence_end_is_read_in_linear_work(gazetteer: Gazetteer) -> None:
    """Pasted text with no full stops is one sentence: its names were compared pairwise."""
    def flat(size: int) -> str:
        text, _ = long_article(size, gazetteer, one_line=True)
        return text.replace(". ", " ").replace("? ", " ").replace("! ", " ")

    _, published = long_article(20_000, gazetteer)
    growth = _extraction_work(flat(40_000), published, gazetteer) / _extraction_work(flat(20_000), published, gazetteer)
    assert growth < MAX_GROWTH, f"doubling the article multiplied the work by {growth:.2f}"


def test_many_broken_lines_and_abbreviations_are_split_in_linear_work() -> None:
    """Lines that do not end a sentence are joined, and abbreviations do not end one: both used to
    go over the whole growing sentence again at every line or dot."""
    def text(n: int) -> CountingText:
        return CountingText("Mr. Dr. Gen. Col. " * n + "\n".join("the convoy moved on towards the river" for _ in range(n)))

    def work(n: int) -> int:
        t = text(n)
        return _work(lambda: sentences(t))

    growth = work(4000) / work(2000)
    assert growth < MAX_GROWTH, f"doubling the text multiplied the work by {growth:.2f}"


def test_a_sentence_full_of_dates_is_read_in_linear_work() -> None:
    """Each date found was compared with every date taken before it."""
    months = ("January", "March", "June", "October")

    def work(n: int) -> int:
        sentence = ", ".join(f"{1 + k % 28} {months[k % 4]} {1990 + k % 30}" for k in range(n))
        return _work(lambda: find_dates(sentence, date(2023, 6, 1)))

    growth = work(1200) / work(600)
    assert growth < MAX_GROWTH, f"doubling the dates multiplied the work by {growth:.2f}"


def test_merging_many_reports_of_one_place_grows_linearly(gazetteer: Gazetteer) -> None:
    """Many reports of one incident: the sources are gathered once, not copied at every merge."""
    one = synthetic_incidents(1, gazetteer)[0]

    def work(n: int) -> int:
        reports = [replace(one, sources=(replace(one.sources[0], start=k, end=k + 10),), id=str(k)) for k in range(n)]
        return _work(lambda: corroborate.merge_incidents(reports, within_article=True))

    growth = work(4000) / work(2000)
    assert growth < MAX_GROWTH, f"doubling the reports multiplied the work by {growth:.2f}"


@pytest.mark.parametrize("within_article", [False, True])
def test_merging_by_position_equals_comparing_every_pair(gazetteer: Gazetteer, within_article: bool) -> None:
    """The indexed merge gives exactly what comparing each report with every merged one gives."""
    reports = synthetic_incidents(3000, gazetteer, seed=3)
    # Crowd them: two hundred places, a few weeks, repeated sources, so that many merge.
    reports = [
        replace(r, latitude=reports[k % 200].latitude + (k % 7) * 0.01, longitude=reports[k % 200].longitude,
                place=reports[k % 200].place, country=reports[k % 200].country, admin1=reports[k % 200].admin1,
                geonameid=reports[k % 200].geonameid if k % 5 else None, geo_precision=1 + k % 3,
                event_date=date(2023, 5, 1 + k % 28), unresolved=k % 11 == 0,
                sources=(r.sources[0], replace(r.sources[0], start=k % 13)))
        for k, r in enumerate(reports)
    ]
    fast = corroborate.merge_incidents(reports, within_article=within_article)
    assert fast == corroborate._merge_pairwise(reports, within_article=within_article)
    assert len(fast) < 0.7 * len(reports)  # the case is one where much is merged


def test_a_time_limit_stops_a_long_article_saying_how_far_it_got(gazetteer: Gazetteer) -> None:
    text, published = long_article(200_000, gazetteer, one_line=True)
    article = article_from_text(text, published=published, title="Long paste")
    with pytest.raises(TimeLimitExceeded) as caught:
        extract_incidents(article, gazetteer, time_limit_s=0.0)
    assert isinstance(caught.value, IncidentMapError)
    message = str(caught.value)
    assert "Long paste" in message and "0 s time limit" in message
    assert "character" in message and "of 200,000" in message


def test_no_time_limit_and_a_generous_one_change_nothing(gazetteer: Gazetteer) -> None:
    text, published = long_article(20_000, gazetteer)
    article = article_from_text(text, published=published)
    found = extract_incidents(article, gazetteer)
    assert found
    assert extract_incidents(article, gazetteer, time_limit_s=None) == found
    assert extract_incidents(article, gazetteer, time_limit_s=3600.0) == found
