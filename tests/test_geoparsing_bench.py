"""The geoparsing bench's scorer (bench/geoparsing_bench.py) on tiny corpora written here, in the
formats of LGL and GeoWebNews: no copy of the real corpora is needed."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from bench.geoparsing_bench import (
    MAX_ERROR_KM,
    PopulationBaseline,
    distance_scores,
    main,
    read_corpus,
    score_corpus,
    span_scores,
)
from geo.gazetteer.lookup import Gazetteer

TEXT = "Shelling hit Kharkiv on Monday, officials said. Zqxwvtown stayed calm. Donetsk was quiet, and Odesa too."


def _lgl_toponym(text: str, phrase: str, lat: float, lon: float, fclass: str, fcode: str) -> str:
    start = text.index(phrase)
    return (f"<toponym><start>{start}</start><end>{start + len(phrase)}</end><phrase>{phrase}</phrase>"
            f'<gaztag geonameid="1"><name>{phrase}</name><fclass>{fclass}</fclass><fcode>{fcode}</fcode>'
            f"<lat>{lat}</lat><lon>{lon}</lon></gaztag></toponym>")


def write_lgl(path: Path) -> Path:
    # Kharkiv at its true point (resolved right); Donetsk's gold point put in Sydney, so that our
    # answer (Donetsk, Ukraine) is wrong; Zqxwvtown, which no gazetteer knows. Odesa is found in
    # the text but is not gold (a false positive end to end).
    toponyms = "".join([
        _lgl_toponym(TEXT, "Kharkiv", 49.98, 36.25, "P", "PPLA"),
        _lgl_toponym(TEXT, "Zqxwvtown", 10.0, 10.0, "A", "ADM1"),
        _lgl_toponym(TEXT, "Donetsk", -33.87, 151.21, "P", "PPLA"),
    ])
    path.write_text(
        f'<?xml version="1.0" encoding="utf-8"?><articles><article docid="7"><title>t</title>'
        f"<text><![CDATA[{TEXT}]]></text><toponyms>{toponyms}</toponyms></article></articles>",
        encoding="utf-8",
    )
    return path


GWN_TEXT = "Troops left Ukraine, the citizens said."


def write_gwn(path: Path) -> Path:
    ukraine, citizens = GWN_TEXT.index("Ukraine"), GWN_TEXT.index("citizens")
    path.write_text(
        '<?xml version="1.0" ?><articles><article file="0"><title>t</title><link>x</link>'
        f"<text>{GWN_TEXT}</text><toponyms>"
        f"<toponym><extractedName>Ukraine</extractedName><normalisedName>Ukraine</normalisedName><type>Literal</type>"
        f"<modifierType/><nonLocational>No</nonLocational><start>{ukraine}</start><end>{ukraine + 7}</end>"
        "<geonamesID>690791</geonamesID><latitude>49.0</latitude><longitude>32.0</longitude></toponym>"
        f"<toponym><extractedName>citizens</extractedName><normalisedName/><type>Non_Lit_Expression</type>"
        f"<modifierType/><nonLocational>Yes</nonLocational><start>{citizens}</start><end>{citizens + 8}</end>"
        "</toponym></toponyms></article></articles>",
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="module")
def baseline() -> PopulationBaseline:
    return PopulationBaseline()


def test_distance_scores_follow_the_field() -> None:
    s = distance_scores([0.0, 100.0, 200.0, None])
    assert s["n"] == 4
    assert s["acc161"] == 0.5  # 0 and 100 km are within 161 km; 200 km and no answer are not
    assert s["no_answer"] == 0.25
    assert s["median_km"] == 150.0
    assert s["mean_km"] == round((0 + 100 + 200 + MAX_ERROR_KM) / 4, 1)
    logs = [0.0, math.log(101), math.log(201), math.log(1 + MAX_ERROR_KM)]
    area = sum(logs) - (logs[0] + logs[-1]) / 2  # trapezoids of unit width
    assert s["auc"] == round(area / (math.log(MAX_ERROR_KM) * 3), 4)
    # The bounds: all exact is 0, nothing answered is 1 (the order of the errors does not matter).
    assert distance_scores([0.0, 0.0, 0.0])["auc"] == 0.0
    assert distance_scores([None, None])["auc"] == 1.0
    assert distance_scores([200.0, None, 0.0, 100.0]) == s
    assert distance_scores([])["acc161"] is None


def test_span_scores() -> None:
    gold = {("a", 0, 5), ("a", 10, 15), ("b", 0, 3)}
    found = {("a", 0, 5), ("b", 0, 3), ("b", 5, 9), ("a", 10, 14)}  # one off by a character: a miss
    s = span_scores(gold, found)
    assert (s["matched"], s["precision"], s["recall"]) == (2, 0.5, round(2 / 3, 4))
    assert s["f1"] == round(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3), 4)
    assert span_scores(gold, set())["f1"] == 0.0


def test_scorer_on_a_tiny_lgl_corpus(tmp_path: Path, gazetteer: Gazetteer, baseline: PopulationBaseline) -> None:
    articles = read_corpus(write_lgl(tmp_path / "lgl.xml"))
    assert [t.kind for t in articles[0].toponyms] == ["town", "region", "town"]
    fresh = Gazetteer(gazetteer.path, gazetteer.data_dir)
    result = score_corpus(articles, fresh, baseline.resolve, baseline.kind_by_geonameid)

    ours = result["resolution_given_gold_names"]["ours"]
    assert ours["all"]["n"] == 3
    assert ours["all"]["acc161"] == round(1 / 3, 4)  # Kharkiv right, Donetsk wrong, Zqxwvtown unknown
    assert ours["all"]["no_answer"] == round(1 / 3, 4)
    assert 0.5 < ours["all"]["auc"] < 1.0  # one near-exact, one ~14,000 km off, one at the maximum
    assert ours["all"]["median_km"] > 10_000  # Donetsk's error, the middle one
    assert (ours["town"]["n"], ours["town"]["acc161"], ours["town"]["no_answer"]) == (2, 0.5, 0.0)
    assert (ours["region"]["n"], ours["region"]["no_answer"]) == (1, 1.0)
    assert ours["country"]["n"] == 0
    base = result["resolution_given_gold_names"]["population_baseline"]
    assert (base["all"]["acc161"], base["all"]["no_answer"]) == (round(1 / 3, 4), round(1 / 3, 4))
    assert result["resolution_given_gold_names"]["kind_known_from"] == {"gold feature class": 3}

    e2e = result["end_to_end"]
    # gold: Kharkiv, Zqxwvtown, Donetsk; found: Kharkiv, Donetsk, Odesa
    assert (e2e["gold"], e2e["found"], e2e["matched"]) == (3, 3, 2)
    assert e2e["precision"] == e2e["recall"] == e2e["f1"] == round(2 / 3, 4)
    assert (e2e["found_with_gold_point"]["n"], e2e["found_with_gold_point"]["acc161"]) == (2, 0.5)
    assert result["speed"]["articles_per_s_cold"] > 0


def test_gwn_format_kind_from_geonames_id_and_expressions_left_out(
    tmp_path: Path, gazetteer: Gazetteer, baseline: PopulationBaseline,
) -> None:
    articles = read_corpus(write_gwn(tmp_path / "gwn.xml"))
    assert [(t.name, t.label) for t in articles[0].toponyms] == [("Ukraine", "Literal")]  # "citizens" is no toponym
    result = score_corpus(articles, gazetteer, baseline.resolve, baseline.kind_by_geonameid, timing=False)
    res = result["resolution_given_gold_names"]
    assert res["kind_known_from"] == {"gold GeoNames id": 1}
    assert res["ours"]["country"]["n"] == 1
    assert "Literal" in res["ours_by_gwn_type"]
    assert result["end_to_end"]["gold"] == 1
    assert "speed" not in result


def test_gwn_toponyms_without_a_geonames_id_are_other_and_out_of_scope(
    tmp_path: Path, gazetteer: Gazetteer, baseline: PopulationBaseline,
) -> None:
    # GeoWebNews gives a street or a building a point but no GeoNames id: out of scope ("other"),
    # whatever our answer is (here Kharkiv, the city inside the street's name)
    text = "Troops left Ukraine by Kharkiv Street."
    street, ukraine = text.index("Kharkiv Street"), text.index("Ukraine")
    (tmp_path / "gwn.xml").write_text(
        '<?xml version="1.0" ?><articles><article file="0"><title>t</title><link>x</link>'
        f"<text>{text}</text><toponyms>"
        f"<toponym><extractedName>Ukraine</extractedName><type>Literal</type><start>{ukraine}</start>"
        f"<end>{ukraine + 7}</end><geonamesID>690791</geonamesID><latitude>49.0</latitude>"
        "<longitude>32.0</longitude></toponym>"
        f"<toponym><extractedName>Kharkiv Street</extractedName><type>Literal</type><start>{street}</start>"
        f"<end>{street + 14}</end><geonamesID/><latitude>50.45</latitude><longitude>30.52</longitude></toponym>"
        "</toponyms></article></articles>", encoding="utf-8")
    articles = read_corpus(tmp_path / "gwn.xml")
    res = score_corpus(articles, gazetteer, baseline.resolve, baseline.kind_by_geonameid,
                       timing=False)["resolution_given_gold_names"]
    assert res["kind_known_from"] == {"gold GeoNames id": 1, "no GeoNames id": 1}
    assert (res["ours"]["other"]["n"], res["ours"]["town"]["n"]) == (1, 0)
    assert (res["ours"]["in_scope"]["n"], res["ours"]["all"]["n"]) == (1, 2)
    assert "out of issue 13's scope" in res["scope"]


def test_missing_corpus_is_skipped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.json"
    assert main([str(tmp_path / "absent.xml"), "--out", str(out)]) == 0
    assert "skipped" in capsys.readouterr().err
    assert not out.exists()
