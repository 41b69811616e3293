"""One reader for the data files (geo.wordlists), the cue-word lists in the data folder, one data
folder setting for extraction, and the vocabulary shipped as package data."""

from __future__ import annotations

import fnmatch
import shutil
import tomllib
from datetime import date
from pathlib import Path

import pytest

from geo.errors import BadInput, GazetteerError
from geo.extract.actors import load_actors
from geo.extract.claims import claimants
from geo.extract.cues import load_cues
from geo.extract.pipeline import extract_incidents
from geo.extract.triggers import load_triggers
from geo.gazetteer.index import fingerprint
from geo.gazetteer.lookup import Gazetteer
from geo.intake.articles import article_from_text
from geo.paths import DATA_DIR, PACKAGE_DIR
from geo.wordlists import read_entries, read_table
from tests.conftest import ROOT

SHEBEKINO = "Russian forces {}shelled Shebekino on Sunday, the governor of the Belgorod region said."


@pytest.fixture()
def data_dir(tmp_path: Path) -> Path:
    """A copy of the shipped vocabulary that a test may extend."""
    folder = tmp_path / "vocabulary"
    shutil.copytree(DATA_DIR, folder)
    return folder


def _append(path: Path, line: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")


# ---- the reader ----------------------------------------------------------------------------
def test_comments_and_blank_lines_are_skipped_and_lines_are_the_files_own(tmp_path: Path):
    path = tmp_path / "t.csv"
    path.write_text("# a table\nname,kind\n\nA,x\n  # note\nB,y\n", encoding="utf-8")
    rows = read_table(path, {"name"})
    assert [(r.line, r["name"], r["kind"]) for r in rows] == [(4, "A", "x"), (6, "B", "y")]
    words = tmp_path / "w.txt"
    words.write_text("# a list\nalpha  # the first\n\nbeta\n", encoding="utf-8")
    assert [(e.line, e.text) for e in read_entries(words)] == [(2, "alpha"), (4, "beta")]


def test_missing_columns_are_named(tmp_path: Path):
    path = tmp_path / "actors.csv"
    path.write_text("name,kind\nLegion,non-state\n", encoding="utf-8")
    with pytest.raises(BadInput, match=r"actors\.csv: missing column\(s\) aliases"):
        load_actors(path)


def test_a_comment_in_the_actors_table_is_no_actor(tmp_path: Path):
    path = tmp_path / "actors.csv"
    path.write_text("name,kind,aliases\n# groups of the Sudan war\nRapid Support Forces,non-state,RSF\n",
                    encoding="utf-8")
    assert load_actors(path).names == ("Rapid Support Forces",)


@pytest.mark.parametrize(("table", "message"), [
    ("# triggers\n# more words\npattern,event_type,sub_event_type,weight\n"
     "shelled,Explosions/Remote violence,Shelling/artillery/missile attack,3\n"
     "raided,Battles,Raid,2\n", r"event_triggers\.csv, line 5, sub_event_type: Battles / Raid is not an ACLED type"),
    # a context is empty or "armed" (words that report an incident only in a story of armed men)
    ("pattern,event_type,sub_event_type,weight,context\n"
     "shelled,Explosions/Remote violence,Shelling/artillery/missile attack,2.5,\n"
     "advanced,Battles,Armed clash,2,military\n", r"event_triggers\.csv, line 3, context: 'military' is not one of"),
])
def test_trigger_errors_name_the_files_line_and_field(tmp_path: Path, table: str, message: str):
    path = tmp_path / "event_triggers.csv"
    path.write_text(table, encoding="utf-8")
    with pytest.raises(BadInput, match=message):
        load_triggers(path)


def test_a_bad_pattern_in_a_cue_list_names_file_and_line(data_dir: Path):
    _append(data_dir / "cues" / "place_verbs.txt", "shel(led")
    with pytest.raises(BadInput, match=r"place_verbs\.txt, line \d+: not a valid pattern"):
        load_cues(data_dir)


def test_gazetteer_inputs_report_as_gazetteer_errors(tmp_path: Path):
    path = tmp_path / "places.csv"
    path.write_text("name,latitude\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match="missing column"):
        read_table(path, {"name", "latitude", "source"}, error=GazetteerError)


# ---- cue words in the data folder, one data folder setting --------------------------------
def test_a_word_added_to_a_cue_list_changes_extraction_from_that_folder(gazetteer: Gazetteer, data_dir: Path):
    _append(data_dir / "cues" / "denial_words.txt", "supposedly")
    article = article_from_text(SHEBEKINO.format("supposedly "), published=date(2023, 6, 2))
    assert len(extract_incidents(article, gazetteer)) == 1
    assert extract_incidents(article, gazetteer, data_dir=data_dir) == []


def test_an_attribution_verb_added_to_the_list_names_the_claimant(data_dir: Path):
    sentence = "Russian forces shelled Shebekino, Governor Gladkov tweeted."
    assert claimants(sentence, None) == []
    _append(data_dir / "cues" / "attribution_verbs.txt", "tweeted")
    assert claimants(sentence, None, cues=load_cues(data_dir)) == ["Gladkov"]  # the title is not part of the name


def test_region_suffixes_are_one_list_for_the_index_and_for_the_text(data_dir: Path):
    before = fingerprint(data_dir)
    assert load_cues().region_after.match(" Okrug") is None
    _append(data_dir / "cues" / "region_suffixes.txt", "okrug")
    assert load_cues(data_dir).region_after.match(" Okrug") is not None
    assert fingerprint(data_dir) != before  # the index is rebuilt with the new suffix


# ---- package data --------------------------------------------------------------------------
def test_the_vocabulary_is_in_the_package_and_declared_as_package_data():
    assert DATA_DIR.parent == PACKAGE_DIR
    globs = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"]["geo"]
    files = [p.relative_to(PACKAGE_DIR).as_posix() for p in DATA_DIR.rglob("*") if p.is_file()]
    assert "data/cues/region_suffixes.txt" in files and "data/actors.csv" in files
    assert [f for f in files if not any(fnmatch.fnmatch(f, g) for g in globs)] == []
    # what belongs to the user's project stays out of the package
    assert not (DATA_DIR / "articles.csv").exists() and not (DATA_DIR / "events.csv").exists()
