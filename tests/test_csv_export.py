"""The CSV download: read back with the csv module and with pandas, it holds exactly the rows and
cells shown, and no cell starts a formula in a spreadsheet."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.export.csv_file import FORMULA_START, _first_significant, incidents_csv, safe_cell, write_csv

HOSTILE = [
    "line one\rline two",
    "line one\nline two",
    "line one\r\nline two",
    "x\r=1+1",
    "x\n=1+1",
    " =1+1",
    "\t@SUM(A1:A9)",
    "\r=1+1",
    "\x01=1+1",
    "\u200b-2+3",
    '=HYPERLINK("http://evil.example/","click")',
    "+49 30 1234",
    "-2",
    "@cmd",
    'she said "leave", then left',
    "a, b, and c",
    "one; two; three",
    "Ataque em São Paulo — 3 feridos; Größere Schäden à l'œuvre, 5 €",
    "Обстрел Шебекино",
    "\"\"\"",
    "",
    "plain",
]


def _incidents(cells: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    n = len(cells)
    frame = pd.DataFrame({
        "id": [f"i{k}" for k in range(n)],
        "event_date": pd.to_datetime(["2023-06-01"] * n),
        "place": cells,
        "summary": list(reversed(cells)),
        "actors": [(c, "Group B") for c in cells],
        "claimed_by": [() for _ in cells],
        "latitude": [50.5 - k for k in range(n)],
        "search_text": ["internal"] * n,
    })
    sources = pd.DataFrame({"incident_id": [f"i{k}" for k in range(n)] * 2, "quote": cells + ["second quote"] * n})
    return frame, sources


def _expected(cells: list[str]) -> list[dict[str, str]]:
    n = len(cells)
    return [{
        "id": f"i{k}", "event_date": "2023-06-01", "place": safe_cell(c), "summary": safe_cell(cells[n - 1 - k]),
        "actors": safe_cell(f"{c}; Group B"), "claimed_by": "", "latitude": str(50.5 - k),
        "quotes": safe_cell(f"{c} | second quote"),
    } for k, c in enumerate(cells)]


def _read_with_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def _read_with_pandas(text: str) -> list[dict[str, str]]:
    return pd.read_csv(io.StringIO(text, newline=""), dtype=str, keep_default_na=False).to_dict("records")


def _runs_nothing(rows: list[dict[str, str]]) -> None:
    for row in rows:
        for value in row.values():
            assert _first_significant(value) not in FORMULA_START or value.startswith("'"), value


@pytest.mark.parametrize("reader", [_read_with_csv, _read_with_pandas], ids=["csv", "pandas"])
def test_hostile_cells_read_back_exactly(reader):
    frame, sources = _incidents(HOSTILE)
    rows = reader(incidents_csv(frame, sources))
    assert len(rows) == len(HOSTILE)
    assert rows == _expected(HOSTILE)
    _runs_nothing(rows)


@pytest.mark.parametrize(("cell", "neutralised"), [
    ("=1+1", True), (" =1+1", True), ("\t@SUM", True), ("\r=1+1", True), ("\x01+1", True), ("\u200b-1", True),
    ("\tplain", True), ("\rplain", True), ("x\r=1+1", False), ("a-b", False), ("1-2", False), ("", False),
])
def test_formula_cells_get_a_leading_quote(cell: str, neutralised: bool):
    assert safe_cell(cell) == ("'" + cell if neutralised else cell)


def test_numbers_are_left_alone():
    assert safe_cell(-3.5) == -3.5
    assert write_csv(["a", "b"], [[-3.5, None]]) == "a,b\r\n-3.5,\r\n"


def test_carriage_return_cannot_start_a_row():
    text = write_csv(["a", "b"], [["x\r=1+1", "y"]])
    assert text == 'a,b\r\n"x\r=1+1",y\r\n'


_cells = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), max_size=30)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_cells, min_size=1, max_size=6))
def test_any_text_reads_back_as_written(cells: list[str]):
    frame, sources = _incidents(cells)
    text = incidents_csv(frame, sources)
    expected = _expected(cells)
    assert _read_with_csv(text) == expected
    assert _read_with_pandas(text) == expected
