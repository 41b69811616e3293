"""Every real file of ../shared/interop imports (issue 14): each row is stored or its rejection
explained, no string is split into characters, and the figures the files themselves give (rows,
deaths, outlets, countries) are what the store holds. The expectations are read from each file
with the csv and json modules, independently of the importer. Skipped when the folder is absent."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from geo.errors import BadInput
from geo.intake.importer import ImportOptions, ImportReport, import_file
from geo.records import Incident
from geo.store.db import load_incidents, open_engine

INTEROP = Path(__file__).resolve().parents[2] / "shared" / "interop"
NAME_FIELDS = ("actors", "claimed_by", "denied_by", "assoc_actor_1", "assoc_actor_2", "tags")
FILES = sorted(p.name for p in INTEROP.glob("*") if p.suffix in (".csv", ".geojson", ".json")) if INTEROP.is_dir() else []

pytestmark = pytest.mark.skipif(not FILES, reason=f"the interop files are not in {INTEROP} (CI has them)")


def _rows(path: Path) -> list[dict]:
    """The file's rows as its own format gives them (CSV rows, features' properties, events)."""
    if path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as fh:
            return list(csv.DictReader(fh))
    data = json.loads(path.read_text(encoding="utf-8"))
    return [f["properties"] for f in data["features"]] if isinstance(data, dict) else data


def _cells(row: dict, *names: str) -> Iterator[str]:
    lowered = {k.lower(): v for k, v in row.items()}
    for name in names:
        value = lowered.get(name)
        if value not in (None, "", "NA"):
            yield str(value)


def _import(tmp_path: Path, name: str, **options) -> tuple[ImportReport, list[Incident]]:
    engine = open_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    report = import_file(engine, INTEROP / name, ImportOptions(**options))
    return report, load_incidents(engine)


@pytest.mark.parametrize("name", FILES)
def test_every_row_is_stored_or_its_rejection_explained(tmp_path: Path, name: str):
    rows = _rows(INTEROP / name)
    try:
        report, stored = _import(tmp_path, name)
    except BadInput as exc:  # the whole file: it must say which column is missing and how to name it
        assert str(INTEROP / name) in str(exc) and "--map" in str(exc)
        return
    assert report.read == len(rows)
    assert report.stored + len(report.errors) + report.repeated == len(rows) == len(stored) + len(report.errors) + \
        report.repeated
    for error in report.errors:
        assert error.file.endswith(name) and error.where.split()[0] in ("line", "feature", "event") and error.problem
    for incident in stored:
        for field in NAME_FIELDS:
            names = getattr(incident, field)
            assert isinstance(names, tuple) and all(len(n) > 1 for n in names), (incident.id, field, names)
            assert "NA" not in names
        assert incident.country == "" or (len(incident.country) == 2 and incident.country.isupper())
    assert len({i.id for i in stored}) == len(stored)


@pytest.mark.parametrize("name", [n for n in FILES if n.startswith("acled_") or "acled" in n])
def test_acled_figures_are_kept(tmp_path: Path, name: str):
    rows = _rows(INTEROP / name)
    report, stored = _import(tmp_path, name, order="dayfirst")  # ACLED's numeric dates are day-first
    assert report.stored == len(rows), report.bad[:3]
    deaths = sum(int(float(v)) for r in rows for v in _cells(r, "fatalities"))
    assert sum(i.fatalities or 0 for i in stored) == deaths
    outlets = {o.strip() for r in rows for v in _cells(r, "source") for o in v.split(";")}
    assert {s.outlet for i in stored for s in i.sources} == (outlets or {s.outlet for i in stored for s in i.sources})
    ids = {v for r in rows for v in _cells(r, "event_id_cnty")}
    if ids:
        assert {i.source_id for i in stored} == ids and all(i.dataset == "ACLED" for i in stored)
    actors = {v for r in rows for v in _cells(r, "actor1", "actor2")}
    assert {a for i in stored for a in i.actors} == actors
    assoc = {a.strip() for r in rows for v in _cells(r, "assoc_actor_1", "ally_actor_1") for a in v.split(";")}
    assert {a for i in stored for a in i.assoc_actor_1} == assoc
    for column in ("admin2", "admin3", "notes"):
        assert {getattr(i, column) for i in stored} - {""} == {v.strip() for r in rows for v in _cells(r, column)}


def test_ukraine_acled_has_its_deaths_outlets_and_country(tmp_path: Path):
    if "acled_ukraine_egm722.csv" not in FILES:
        pytest.skip("acled_ukraine_egm722.csv is not there")
    rows = _rows(INTEROP / "acled_ukraine_egm722.csv")
    report, stored = _import(tmp_path, "acled_ukraine_egm722.csv")
    assert report.stored == len(rows) and {i.country for i in stored} == {"UA"}
    assert {i.timestamp for i in stored} == {int(r["timestamp"]) for r in rows}
    assert {i.interaction for i in stored} == {r["interaction"] for r in rows}
    engine = open_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    again = import_file(engine, INTEROP / "acled_ukraine_egm722.csv")
    assert (again.stored, again.already) == (0, len(rows))


def test_an_ambiguous_single_row_file_is_refused_then_read_day_first(tmp_path: Path):
    if "acled_v5_algeria_smitchell.csv" not in FILES:
        pytest.skip("acled_v5_algeria_smitchell.csv is not there")
    report, _ = _import(tmp_path, "acled_v5_algeria_smitchell.csv")
    assert report.stored == 0 and "ambiguous" in report.bad[0] and "--dayfirst" in report.bad[0]
    (tmp_path / "dayfirst").mkdir()
    report, stored = _import(tmp_path / "dayfirst", "acled_v5_algeria_smitchell.csv", order="dayfirst")
    row = _rows(INTEROP / "acled_v5_algeria_smitchell.csv")[0]
    day, month, year = row["EVENT_DATE"].split("/")
    assert [i.event_date.isoformat() for i in stored] == [f"{year}-{month}-{day}"]


def test_timemap_keeps_its_association_and_source_ids(tmp_path: Path):
    name = "bellingcat_timemap_export_events.json"
    if name not in FILES:
        pytest.skip(f"{name} is not there")
    events = _rows(INTEROP / name)
    report, stored = _import(tmp_path, name)
    by_id = {i.source_id: i for i in stored}
    kept = 0
    first = {}
    for event in events:  # a second event with an id is rejected, with its reason (the test above)
        first.setdefault(str(event["id"]), event)
    for key, event in first.items():
        incident = by_id[key]
        ids = {f"associations={a}" for a in event["associations"]} | {f"sources={s}" for s in event["sources"]}
        assert ids <= set(incident.tags), key
        kept += len(ids)
    assert len(by_id) == report.stored and kept >= len(by_id)


@pytest.mark.parametrize("name", [n for n in FILES if n.endswith(".csv")])
def test_the_quick_way_reads_each_real_csv_as_the_row_way_does(tmp_path: Path, name: str):
    """A plain CSV is read by polars and converted a batch at a time (geo.intake.fast), others by
    the csv module row by row: on each real file, the same incidents, quotes and the same errors."""
    from geo.export.snapshot import snapshot_bytes
    from geo.store.tables import read_tables

    dumps = []
    for quick in (True, False):
        engine = open_engine(f"sqlite:///{tmp_path / f'{quick}.sqlite'}")
        try:
            report = import_file(engine, INTEROP / name, quick=quick)
        except BadInput as exc:
            dumps.append(str(exc))
            continue
        tables = read_tables(engine)
        features = json.loads(snapshot_bytes(tables, tables.incidents))["features"]
        dumps.append((report.stored, report.repeated, report.duplicates, report.bad,
                      [(f["id"], f["geometry"], {k: v for k, v in f["properties"].items() if k != "updated_at"})
                       for f in features], tables.sources.to_dict("records")))
    assert dumps[0] == dumps[1]
