"""Import reads the files analysts have (issue 14): each fixture in tests/fixtures/interop reproduces
the shape of one kind of real file (columns, date forms, geometry) with invented rows."""

from __future__ import annotations

import gzip
import json
import shutil
import zipfile
from datetime import date
from pathlib import Path

import pytest

from geo.errors import BadInput
from geo.export.snapshot import snapshot_bytes
from geo.intake import importer
from geo.intake.importer import ImportOptions, import_file, write_errors
from geo.records import Incident
from geo.store.db import load_incidents, open_engine
from geo.store.tables import read_tables

FIXTURES = Path(__file__).parent / "fixtures" / "interop"
NAME_FIELDS = ("actors", "claimed_by", "denied_by", "assoc_actor_1", "assoc_actor_2", "tags")


def _store(tmp_path: Path, name: str = "db.sqlite"):
    return open_engine(f"sqlite:///{tmp_path / name}")


def _imported(tmp_path: Path, name: str, **options) -> tuple[object, dict[str, Incident]]:
    engine = _store(tmp_path)
    report = import_file(engine, FIXTURES / name, ImportOptions(**options))
    return report, {i.source_id or i.id: i for i in load_incidents(engine)}


def _no_split_strings(found: dict[str, Incident]) -> None:
    for incident in found.values():
        for name in NAME_FIELDS:
            values = getattr(incident, name)
            assert isinstance(values, tuple) and all(len(v) > 1 for v in values), (name, values)
            assert "NA" not in values


# (fixture, rows stored, rows rejected, a row's key, what that row must hold)
CASES = [
    ("acled_2022.csv", 3, 0, "UKR90001", {
        "event_date": date(2022, 3, 3), "country": "UA", "fatalities": 3, "admin2": "Kharkivskyi",
        "admin3": "Kharkivska", "inter1": "8", "inter2": "7", "interaction": "78", "timestamp": 1650000000,
        "dataset": "ACLED", "id": "acled-UKR90001", "claimed_by": ("Suspilne Media", "Ukrinform"),
        "actors": ("Military Forces of Russia (2000-)", "Civilians (Ukraine)"), "source_scale": "National",
        "sub_event_type": "Shelling/artillery/missile attack"}),
    ("acled_2022.csv", 3, 0, "UKR90002", {
        "assoc_actor_1": ("Police Forces of Ukraine (2019-)",), "time_precision": 2,
        "assoc_actor_2": ("Rosgvardia: National Guard of Russia (2016-)", "Wagner Group"),
        "geo_precision": 2}),
    ("acled_2022.csv", 3, 0, "RUS90003", {"country": "RU", "notes": (
        "On 5 March 2022, people protested against the war in Moscow; 'no war' signs.")}),
    ("acled_2023_na.csv", 2, 1, "BEN9001", {
        "assoc_actor_1": (), "tags": (), "admin3": "", "country": "BJ", "disorder_type": "Political violence",
        "civilian_targeting": "Civilian targeting", "actors": ("Unidentified Armed Group (Benin)", "Civilians (Benin)")}),
    ("acled_2023_na.csv", 2, 1, "BEN9002", {
        "assoc_actor_1": ("Teachers (Benin)", "Students (Benin)"), "actors": ("Protesters (Benin)",),
        "tags": ("crowd size=around 200",), "civilian_targeting": "",
        "claimed_by": ("La Nouvelle Tribune", "Benin Web TV")}),
    ("acled_v5.csv", 2, 0, "901ALG", {"event_date": date(1997, 3, 5), "country": "DZ", "fatalities": 4}),
    ("acled_v5.csv", 2, 0, "902ALG", {
        "event_date": date(1997, 3, 17), "event_type": "Battles", "sub_event_type": "Armed clash",
        "tags": ("type=Battle-No change of territory",), "assoc_actor_1": ("Communal Guards",)}),
    ("acled_points.geojson", 2, 0, "9001NIG", {
        "event_date": date(2014, 2, 3), "longitude": 11.16729, "latitude": 10.28969, "interaction": "13",
        "event_type": "Battles", "country": "NG"}),
    ("acled_points.geojson", 2, 0, "9002NIG", {"claimed_by": ("Vanguard", "Leadership (Abuja)"), "fatalities": 5}),
    ("acled_nullgeom.geojson", 2, 0, "9101NIG", {
        "event_date": date(2014, 3, 14), "latitude": 11.846441, "longitude": 13.160274,
        "event_type": "Explosions/Remote violence", "sub_event_type": "", "time_precision": 2}),
    ("acled_nullgeom.geojson", 2, 0, "9102NIG", {
        "event_date": date(2015, 2, 1), "sub_event_type": "Government regains territory",
        "assoc_actor_1": ("BVYG: Borno Vigilance Youths Group",)}),
    ("timemap.json", 3, 0, "CIV9001", {"event_date": date(2022, 3, 14), "latitude": 50.0355, "longitude": 36.3394,
                                       "place": "Kharkiv, Saltivka",
                                       # TimeMap's association and source ids, kept as tags
                                       "tags": ("associations=asc1", "associations=asc3", "sources=src_CIV9001_1",
                                                "sources=src_CIV9001_2", "time=00:00", "graphic=TRUE")}),
    ("timemap.json", 3, 0, "CIV9003", {"event_date": date(2022, 4, 5)}),
    ("civilian_harm.csv", 3, 2, "UW9002", {"country": "BY", "admin1": "Gomel", "admin2": "Rechytsa",
                                           "place": "Rechytsa", "summary": "01/03/2022 Convoy"}),
    ("civilian_harm.csv", 3, 2, "UW9003", {"country": "", "place": "Simferopol",
                                           "tags": ("country=Crimea", "event_group=Invented group",
                                                    "violence level=3")}),
]


@pytest.mark.parametrize(("name", "stored", "rejected", "key", "expected"), CASES,
                         ids=[f"{c[0]}:{c[3]}" for c in CASES])
def test_each_shape_imports_with_its_fields(tmp_path: Path, name: str, stored: int, rejected: int, key: str,
                                            expected: dict):
    report, found = _imported(tmp_path, name)
    assert (report.stored, len(report.errors)) == (stored, rejected), report.bad
    incident = found[key]
    for field, value in expected.items():
        assert getattr(incident, field) == value, field
    _no_split_strings(found)


@pytest.mark.parametrize(("name", "count"), [("acled_api_subset.csv", 4), ("acled_minimal.csv", 4)])
def test_rows_without_ids_are_never_merged(tmp_path: Path, name: str, count: int):
    engine = _store(tmp_path)
    report = import_file(engine, FIXTURES / name)
    assert report.stored == count and report.duplicates == 1 and not report.errors
    assert len({i.id for i in load_incidents(engine)}) == count
    again = import_file(engine, FIXTURES / name)
    assert (again.stored, again.already) == (0, count)


def test_an_acled_extract_keeps_acled_types_without_sub_types(tmp_path: Path):
    _report, found = _imported(tmp_path, "acled_minimal.csv")
    assert {(i.event_type, i.sub_event_type) for i in found.values()} == {
        ("Protests", ""), ("Riots", ""), ("Battles", "")}
    assert all(i.country == "" and i.actors == () for i in found.values())


def test_a_tracker_s_own_types_are_read_as_acled_s_and_kept_as_tags(tmp_path: Path):
    report, found = _imported(tmp_path, "tracker.geojson")
    assert report.stored == 3
    strike = next(i for i in found.values() if "type=Drone Strike" in i.tags)
    assert (strike.event_type, strike.sub_event_type) == ("Explosions/Remote violence", "Air/drone strike")
    assert strike.event_date == date(2025, 9, 14)  # "14/09/25" settles the file's dd/mm/yy
    assert [s.outlet for s in strike.sources] == ["example.org"]
    assert next(i for i in found.values() if "type=Missile Strike" in i.tags).event_type == "Explosions/Remote violence"


def test_a_file_without_dates_is_refused_with_the_reason(tmp_path: Path):
    with pytest.raises(BadInput, match=r"missing column\(s\) for event_date.*--map event_date=COLUMN"):
        import_file(_store(tmp_path), FIXTURES / "no_dates.geojson")


def test_repeated_ids_with_other_values_are_rejected_not_merged(tmp_path: Path):
    report, found = _imported(tmp_path, "civilian_harm.csv")
    problems = {e.where: e for e in report.errors}
    assert set(problems) == {"line 5", "line 6"}
    assert "'UW9003' is also the id of line 4" in problems["line 5"].problem
    assert problems["line 5"].column == "entry" and problems["line 6"].column == "date"
    assert found["UW9003"].place == "Simferopol"


def _csv(tmp_path: Path, rows: list[str], header: str = "event_date,latitude,longitude,location") -> Path:
    path = tmp_path / "dates.csv"
    path.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


AMBIGUOUS = ["04/05/2022,50.1,30.1,A", "03/02/2022,50.2,30.2,B"]


@pytest.mark.parametrize(("order", "dates"), [
    ("dayfirst", [date(2022, 5, 4), date(2022, 2, 3)]),
    ("monthfirst", [date(2022, 4, 5), date(2022, 3, 2)]),
])
def test_ambiguous_dates_are_refused_unless_the_order_is_given(tmp_path: Path, order: str, dates: list[date]):
    path = _csv(tmp_path, AMBIGUOUS)
    report = import_file(_store(tmp_path), path)
    assert report.stored == 0 and len(report.errors) == 2
    assert "'04/05/2022' is ambiguous" in report.bad[0] and "--dayfirst or --monthfirst" in report.bad[0]
    engine = _store(tmp_path, "given.sqlite")
    assert import_file(engine, path, ImportOptions(order=order)).stored == 2  # type: ignore[arg-type]
    assert sorted(i.event_date for i in load_incidents(engine)) == sorted(dates)


@pytest.mark.parametrize(("settler", "first"), [("13/05/2022", date(2022, 5, 4)), ("05/13/2022", date(2022, 4, 5))])
def test_another_row_settles_the_order(tmp_path: Path, settler: str, first: date):
    engine = _store(tmp_path)
    report = import_file(engine, _csv(tmp_path, [AMBIGUOUS[0], f"{settler},50.3,30.3,C"]))
    assert report.stored == 2 and not report.errors
    assert next(i for i in load_incidents(engine) if i.place == "A").event_date == first


def test_a_file_with_both_orders_refuses_its_ambiguous_dates(tmp_path: Path):
    report = import_file(_store(tmp_path), _csv(tmp_path, [AMBIGUOUS[0], "13/05/2022,50,30,C", "05/13/2022,50,30,D"]))
    assert report.stored == 2 and len(report.errors) == 1
    assert "both day-first and month-first" in report.bad[0]


@pytest.mark.parametrize(("cell", "expected"), [
    ("15 April 2022", date(2022, 4, 15)), ("15-Apr-22", date(2022, 4, 15)), ("April 15, 2022", date(2022, 4, 15)),
    ("2022-04-15 10:30:00", date(2022, 4, 15)), ("2022-04-15T10:30:00Z", date(2022, 4, 15)),
    ("4/15/2022", date(2022, 4, 15)), ("15/4/2022 22:10", date(2022, 4, 15)), ("44666", date(2022, 4, 15)),
])
def test_date_forms(tmp_path: Path, cell: str, expected: date):
    engine = _store(tmp_path)
    report = import_file(engine, _csv(tmp_path, [f'"{cell}",50,30,X']))
    assert report.stored == 1, report.bad
    assert load_incidents(engine)[0].event_date == expected


@pytest.mark.parametrize("cell", ["31/02/2022", "yesterday", "2022-13-01", "15 Foo 2022"])
def test_impossible_dates_are_refused(tmp_path: Path, cell: str):
    report = import_file(_store(tmp_path), _csv(tmp_path, [f'"{cell}",50,30,X']))
    assert report.stored == 0 and "event_date" in report.bad[0] and repr(cell) in report.bad[0]


def test_update_replaces_rows_the_dataset_re_issued(tmp_path: Path):
    engine = _store(tmp_path)
    import_file(engine, FIXTURES / "acled_2022.csv")
    text = (FIXTURES / "acled_2022.csv").read_text(encoding="utf-8")
    reissued = tmp_path / "reissued.csv"
    reissued.write_text(text.replace(",3,1650000000,UKR", ",5,1660000000,UKR"), encoding="utf-8")
    report = import_file(engine, reissued)
    assert (report.stored, report.already, report.reissued, report.updated) == (0, 3, 1, 0)
    assert next(i for i in load_incidents(engine) if i.source_id == "UKR90001").fatalities == 3
    report = import_file(engine, reissued, ImportOptions(update=True))
    assert (report.updated, report.already) == (1, 2)
    updated = next(i for i in load_incidents(engine) if i.source_id == "UKR90001")
    assert (updated.fatalities, updated.timestamp) == (5, 1660000000)
    assert len(updated.sources) == 2  # replaced, not added to
    assert import_file(engine, FIXTURES / "acled_2022.csv", ImportOptions(update=True)).updated == 0  # older


def test_the_errors_file_can_be_fixed_and_imported(tmp_path: Path):
    engine = _store(tmp_path)
    report = import_file(engine, FIXTURES / "civilian_harm.csv")
    errors = tmp_path / "errors.csv"
    write_errors(report, errors)
    text = errors.read_text(encoding="utf-8")
    assert text.count("\n") == 3 and "error_problem" in text.splitlines()[0]
    fixed = tmp_path / "fixed.csv"
    fixed.write_text(text.replace("UW9003,2022-03-03", "UW9004,2022-03-03")
                     .replace(",,Invented group,,A row", "UW9005,2022-03-04,Invented group,,A row")
                     .replace("A row without a date,,,", "A row without a date,50.1,30.1,"), encoding="utf-8")
    again = import_file(engine, fixed)
    assert again.stored == 2 and not again.errors, again.bad


def test_a_column_mapping_reads_any_csv(tmp_path: Path):
    path = tmp_path / "mine.csv"
    path.write_text("when,y,x,where,who\n2023-05-02,50.45,30.52,Kyiv,Some group\n", encoding="utf-8")
    with pytest.raises(BadInput, match="missing column"):
        import_file(_store(tmp_path), path)
    engine = _store(tmp_path, "mapped.sqlite")
    mapping = {"event_date": "when", "latitude": "y", "longitude": "x", "place": "where", "actor1": "who"}
    report = import_file(engine, path, ImportOptions(mapping=mapping))
    assert report.stored == 1 and "event_date <- when" in report.mapping
    (incident,) = load_incidents(engine)
    assert (incident.place, incident.actors, incident.latitude) == ("Kyiv", ("Some group",), 50.45)


def test_packed_encoded_and_delimited_files(tmp_path: Path):
    source = FIXTURES / "acled_2022.csv"
    with gzip.open(tmp_path / "a.csv.gz", "wb") as fh:
        fh.write(source.read_bytes())
    with zipfile.ZipFile(tmp_path / "a.zip", "w") as archive:
        archive.write(source, "export/acled.csv")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("event_date;latitude;longitude;location\n2022-01-05;48.85;2.35;Orléans-sur-Mer\n".encode("cp1252"))
    for path, count in ((tmp_path / "a.csv.gz", 3), (tmp_path / "a.zip", 3), (latin, 1)):
        engine = _store(tmp_path, f"{path.name}.sqlite")
        assert import_file(engine, path).stored == count, path
    assert load_incidents(_store(tmp_path, "latin.csv.sqlite"))[0].place == "Orléans-sur-Mer"


def test_a_name_given_as_text_is_one_name(tmp_path: Path):
    path = tmp_path / "one.geojson"
    shutil.copy(FIXTURES / "acled_points.geojson", path)
    text = path.read_text(encoding="utf-8").replace('"ACTOR2": "Unidentified Armed Group (Nigeria)"', '"ACTOR2": 42')
    path.write_text(text, encoding="utf-8")
    engine = _store(tmp_path)
    report = import_file(engine, path)
    assert report.stored == 1 and "ACTOR2 42: expected text" in report.bad[0]
    assert load_incidents(engine)[0].actors == ("Boko Haram - Jama'atu Ahli is-Sunnah lid-Dawatai wal-Jihad",
                                               "Civilians (Nigeria)")


def test_the_cli_prints_the_mapping_and_writes_the_errors(tmp_path: Path, cli):
    db = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    errors = tmp_path / "errors.csv"
    result = cli("import", str(FIXTURES / "civilian_harm.csv"), "--errors", str(errors), db=db)
    assert result.returncode == 1
    assert "stored: 3" in result.stdout and "rejected: 2" in result.stdout
    assert "event_date <- date (guessed)" in result.stderr and "line 5" in result.stderr
    assert errors.exists() and (errors.stat().st_mode & 0o777) == 0o644
    result = cli("import", str(FIXTURES / "acled_v5.csv"), "--monthfirst", "--map", "date=EVENT_DATE", db=db)
    assert result.returncode == 1 and "line 3: EVENT_DATE '17/03/1997': not a month-first date" in result.stderr


EDGES = """event_id_cnty,event_date,event_type,sub_event_type,actor1,actor2,assoc_actor_1,admin1,admin2,location,latitude,longitude,iso,source,notes,fatalities,tags,timestamp,geo_precision
E1,2022-04-15,Battles,Armed clash,A group,nA,,Kharkiv,,Izium,49.2,37.25,804,X; Y; X,"Notes, with a comma",2,,1650000000,1
E2,15 April 2022,Battles,,'=Formula,B,C; 'D,Kharkiv,,Izium,49.2,37.25,UKR,Z,,NA,a=b; c,1650000001,
E3,4/15/2022,Protests,Peaceful protest,P,,,Kyiv,,,50.45,30.52,Ukraine,,,0,,,
E4,2022-04-16,Picnics,,P,,,Kyiv,Kyivskyi,,50.45,30.52,Crimea,,,0,,,2
E5,2022-04-17,Riots,Mob violence,P,,,Kyiv,,Kyiv,"50,45",30.52,804,,,1.0,[x],,3
E6,2022-04-18,Riots,Mob violence,P,,,,,,50.45,30.52,804,,,0,,,
E7,2022-04-19,Protests,Peaceful protest,P,, NA ,Kyiv,,Kyiv,50.45,30.52,0804,S,"a ""quoted"" word",0,,12,1
E8,2022-04-20,Strategic developments,Agreement,P,,,Kyiv,,Kyiv,95,30.52,804,S,,0,,,1
E9,19 Apr 2022,Strategic developments,Arrests,P,,,Kyiv,,Kyiv,50.45,30.52,804,S,,-1,,,1
E1,2022-04-15,Battles,Armed clash,A group,nA,,Kharkiv,,Izium,49.2,37.25,804,X; Y; X,"Notes, with a comma",2,,1650000000,1
E2,2022-04-21,Battles,Armed clash,Other,,,Kharkiv,,Izium,49.2,37.25,804,Z,,0,,,1
"""


# EDGES changed where polars' reading of a CSV may part from the csv module's: a cell over two
# lines (the line numbers of the rows after it), a quote inside a cell that does not start with
# one (polars refuses it: the csv module reads the rest of the file), and a blank line.
EDGE_VARIANTS = {
    "edges": EDGES,
    "edges, a note over lines": EDGES.replace('"a ""quoted"" word"', '"a ""quoted""\r\nword\nover lines"'),
    "edges, a stray quote": EDGES.replace("E6,2022-04-18,Riots,Mob violence,P,", 'E6,2022-04-18,Riots,Mob violence,P"x,'),
    "edges, a blank line": EDGES.replace("\nE8,", "\n\nE8,"),
}


@pytest.mark.parametrize("batch", [10_000, 3])
@pytest.mark.parametrize("name", ["acled_2022.csv", "acled_2023_na.csv", "acled_api_subset.csv", *EDGE_VARIANTS])
def test_the_quick_way_stores_what_the_row_way_stores(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str,
                                                      batch: int):
    """geo.intake.fast converts plain ACLED rows a batch at a time (read by polars itself from a
    plain file); any row it leaves goes row by row. Both ways must store the same incidents,
    quotes and articles, and report the same rows at the same lines, whatever the batches."""
    monkeypatch.setattr(importer, "BATCH", batch)
    path = FIXTURES / name
    if name in EDGE_VARIANTS:
        path = tmp_path / "edges.csv"
        path.write_text(EDGE_VARIANTS[name], encoding="utf-8", newline="")
    dumps = []
    for quick in (True, False):
        engine = _store(tmp_path, f"{quick}.sqlite")
        report = import_file(engine, path, quick=quick)
        tables = read_tables(engine)
        dumps.append((report.stored, report.repeated, report.duplicates, report.bad,
                      json.loads(snapshot_bytes(tables, tables.incidents))["features"],
                      tables.sources.to_dict("records")))
    assert dumps[0] == dumps[1]
    if name in EDGE_VARIANTS:
        assert dumps[0][0] >= 5 and len(dumps[0][3]) >= 3 and dumps[0][1] == 1
        e9 = {"edges, a note over lines": 12, "edges, a blank line": 11}.get(name, 10)  # E9's line
        assert any(f"line {e9}: fatalities" in bad for bad in dumps[0][3]), dumps[0][3]


def test_a_long_file_reports_its_progress(tmp_path: Path, cli):
    lines = (FIXTURES / "acled_2022.csv").read_text(encoding="utf-8").splitlines()
    rows = [lines[1].replace("UKR90001", f"UKR{k}", 1) for k in range(10_500)]
    path = tmp_path / "long.csv"
    path.write_text("\n".join([lines[0], *rows]) + "\n", encoding="utf-8")
    result = cli("import", str(path), db=f"sqlite:///{tmp_path / 'long.sqlite'}")
    assert result.returncode == 0, result.stderr
    assert "import: 10,000 rows read (" in result.stderr and "stored: 10500" in result.stdout


def test_a_foreign_feature_among_ours_is_one_bad_row(tmp_path: Path):
    """Our snapshot with one feature whose properties are another tool's: that feature is rejected
    with its reason, the file is not refused as a whole (found by hypothesis)."""
    ours = {"type": "Feature", "id": "a1", "geometry": {"type": "Point", "coordinates": [30.5, 50.4]},
            "properties": {"event_date": "2023-01-02", "event_type": "Battles", "sub_event_type": "Armed clash",
                           "place_as_written": "Kyiv", "claimed_by": []}}
    other = {"type": "Feature", "id": "b1", "geometry": {"type": "Point", "coordinates": [30.5, 50.4]},
             "properties": {"note": "no date here"}}
    path = tmp_path / "mixed.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [ours, other]}), encoding="utf-8")
    report = import_file(_store(tmp_path), path)
    assert report.stored == 1 and report.bad == [f"{path}, feature 2: event_date is empty: every incident needs a date"]
