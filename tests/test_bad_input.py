"""Bad input is refused with a message naming the file, line and field: empty, binary or oversized
articles, other encodings read, broken articles.csv, events.csv and places.csv, a missing publication date."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from geo.errors import BadInput, GazetteerError
from geo.gazetteer.index import build_index
from geo.intake.articles import MAX_ARTICLE_BYTES, decode, load_metadata, read_article
from geo.intake.curated import load_curated
from geo.paths import DATA_DIR
from tests.conftest import run_cli

SHEBEKINO = "Russian forces shelled Shebekino on Sunday, the governor of the Belgorod region said."


@pytest.mark.parametrize(("data", "message"), [
    (b"", "empty"), (b"   \n\t  ", "empty"), (b"\x00\x01\x02\xff" * 100, "binary"),
    (b"x" * (MAX_ARTICLE_BYTES + 1), "limit"),
])
def test_unusable_articles_are_refused_with_the_file_name(data: bytes, message: str):
    with pytest.raises(BadInput, match=message) as err:
        decode(data, "upload.txt")
    assert "upload.txt" in str(err.value)


@pytest.mark.parametrize("encoding", ["cp1251", "latin-1", "utf-16"])
def test_other_encodings_are_read(tmp_path: Path, encoding: str):
    text = "Обстрел: " + SHEBEKINO if encoding == "cp1251" else "Café report. " + SHEBEKINO
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode(encoding))
    assert read_article(path).text.strip() == text


def test_bad_articles_csv(tmp_path: Path):
    path = tmp_path / "articles.csv"
    path.write_text("file,title\na.txt,T\n", encoding="utf-8")
    with pytest.raises(BadInput, match="missing column"):
        load_metadata(path)
    path.write_text("file,title,outlet,url,published\na.txt,T,O,,2023-02-30\n", encoding="utf-8")
    with pytest.raises(BadInput, match=r"line 2, published"):
        load_metadata(path)


def test_bad_events_csv(tmp_path: Path):
    path = tmp_path / "events.csv"
    header = "file,place_as_written,event_date,time_precision,geo_precision,group,event_type,sub_event_type,summary\n"
    path.write_text(header + "a.txt,Kozinka,22 May,1,1,G,Battles,Armed clash,s\n", encoding="utf-8")
    with pytest.raises(BadInput, match="line 2, event_date"):
        load_curated(path)
    path.write_text(header + "a.txt,Kozinka,2023-05-22,one,1,G,Battles,Armed clash,s\n", encoding="utf-8")
    with pytest.raises(BadInput, match="line 2"):
        load_curated(path)


@pytest.mark.parametrize(("row", "message"), [
    ("Nowhere,,95.0,35.5,RU,09,village,0,somewhere", "latitude 95.0 is outside"),
    ("Nowhere,,fifty,35.5,RU,09,village,0,somewhere", "latitude is not a number"),
    ("Nowhere,,50.0,35.5,RU,09,village,0,", "needs its source"),
])
def test_bad_places_csv_names_line_and_field(tmp_path: Path, row: str, message: str):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)  # the vocabulary the index is built from
    (data / "places.csv").write_text(
        "name,aliases,latitude,longitude,country,admin1code,kind,population,source\n" + row + "\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=message) as err:
        build_index(tmp_path / "index.sqlite", data)
    assert "line 2" in str(err.value)
    assert not (tmp_path / "index.sqlite").exists()  # nothing half-built


def test_missing_publication_date_in_cli(tmp_path: Path):
    path = tmp_path / "x.txt"
    path.write_text(SHEBEKINO, encoding="utf-8")
    result = run_cli("ingest", str(path), db=f"sqlite:///{tmp_path / 'db.sqlite'}")
    assert result.returncode == 1 and "x.txt" in result.stderr and "publication date" in result.stderr
