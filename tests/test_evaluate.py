"""`incident-map evaluate`: matching predictions to gold rows (place within 25 km or the folded name,
date within a day or 20 days of a month, one-to-one) and the numbers it reports. The scoring is
tested on hand-made incidents; the corpus of three short articles (our own words) goes through the
real extractor and the real command line."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from geo.errors import BadInput
from geo.evaluate import (
    GoldRow,
    Predicted,
    evaluate,
    names_right,
    read_articles,
    read_gold,
    score,
)
from geo.records import Incident, Source
from tests.conftest import run_cli

OUTLET = "Test Wire"


def incident(place: str, day: date, lat: float, lon: float, *, written: str = "", event_type: str = "Battles",
             actors: tuple[str, ...] = (), claimed_by: tuple[str, ...] = (OUTLET,), quote: str = "",
             fatalities: int | None = None) -> Incident:
    return Incident(
        event_date=day, time_precision=1, place_as_written=written or place, place=place, latitude=lat,
        longitude=lon, admin1="", country="", geonameid=None, geo_precision=1, event_type=event_type,
        sub_event_type="", fatalities=fatalities, actors=actors, claimed_by=claimed_by,
        sources=(Source("x", quote or f"Something happened in {place}.", 0, 10),),
    )


def gold(place: str, day: date, lat: float | None, lon: float | None, *, file: str = "a.txt", month: bool = False,
         canonical: str = "", actor: str = "", event_type: str = "Battles", claimed_by: str = "",
         line: int = 2, fatalities: int | None = None) -> GoldRow:
    return GoldRow(file, line, day, month, place, canonical, lat, lon, actor, event_type, fatalities, claimed_by)


def predicted(i: Incident, file: str = "a.txt") -> Predicted:
    return Predicted(file, i, OUTLET)


# ---- matching rules ----------------------------------------------------------------------------

def test_place_within_25_km_and_date_within_a_day():
    g = gold("Sudzha", date(2024, 8, 8), 51.191, 35.271)
    near = incident("Sudzha", date(2024, 8, 9), 51.191 + 0.2, 35.271)  # 22 km north, a day later
    far = incident("Sudzha", date(2024, 8, 8), 51.191 + 0.25, 35.271)  # 28 km north
    late = incident("Sudzha", date(2024, 8, 10), 51.191, 35.271)  # two days later
    assert len(score([predicted(near)], [g]).pairs) == 1
    assert not score([predicted(far)], [g]).pairs
    assert not score([predicted(late)], [g]).pairs


def test_a_gold_month_takes_20_days_either_side_of_its_middle():
    g = gold("Sudzha", date(2024, 8, 15), 51.191, 35.271, month=True)
    inside = incident("Sudzha", date(2024, 8, 31), 51.191, 35.271)  # 16 days from 15 August
    outside = incident("Sudzha", date(2024, 9, 5), 51.191, 35.271)  # 21 days
    assert len(score([predicted(inside)], [g]).pairs) == 1
    assert not score([predicted(outside)], [g]).pairs


def test_without_coordinates_the_folded_name_matches():
    g = gold("Tyotkino", date(2024, 5, 13), None, None, canonical="Tëtkino")
    resolved = incident("TËTKINO", date(2024, 5, 13), 51.28, 34.29, written="the village")
    as_written = incident("Somewhere", date(2024, 5, 13), 0.0, 0.0, written="tyotkino")
    other = incident("Tetkino Hills", date(2024, 5, 13), 51.28, 34.29)
    assert len(score([predicted(resolved)], [g]).pairs) == 1
    assert len(score([predicted(as_written)], [g]).pairs) == 1
    assert not score([predicted(other)], [g]).pairs


def test_a_gold_row_is_matched_once_and_the_closest_pair_wins():
    g = gold("Sudzha", date(2024, 8, 8), 51.191, 35.271)
    off = incident("Sudzha outskirts", date(2024, 8, 8), 51.191 + 0.1, 35.271)  # 11 km, listed first
    exact = incident("Sudzha", date(2024, 8, 9), 51.191, 35.271)  # 0 km, a day off
    ev = score([predicted(off), predicted(exact)], [g])
    assert len(ev.pairs) == 1 and ev.pairs[0].predicted.incident is exact
    assert [e.incident for e in ev.extras] == [off]
    assert ev.recall == 1.0 and ev.precision == 0.5


def test_the_assignment_with_the_most_pairs_wins_over_the_closest_first():
    # Two villages the gazetteer lacks, coded at the city's point, and a gold row of the city's
    # district coded at the same point: every incident and row can be matched, but taking the
    # closest pair first (all are 0 km) could give the district's row a village's incident and
    # leave that village's row, which only a name matches, with nothing.
    city = (15.64, 32.48)
    a = incident("Qarwan (near Omdurman)", date(2024, 8, 22), *city, written="Qarwan")
    b = incident("Zorkovo (near Omdurman)", date(2024, 8, 22), *city, written="Zorkovo")
    district = incident("Um Bada (near Omdurman)", date(2024, 8, 22), *city, written="Um Bada")
    rows = [gold("Um Bada", date(2024, 8, 22), *city), gold("Qarwan", date(2024, 8, 22), None, None),
            gold("Zorkovo", date(2024, 8, 22), None, None)]
    ev = score([predicted(a), predicted(b), predicted(district)], rows)
    assert ev.recall == 1.0 and ev.precision == 1.0
    assert {(p.gold.place, p.predicted.incident.place_as_written) for p in ev.pairs} == {
        ("Um Bada", "Um Bada"), ("Qarwan", "Qarwan"), ("Zorkovo", "Zorkovo")}


def test_at_equal_distance_and_date_the_pairing_that_agrees_on_type_wins():
    # A strike and a clash drawn at one village, and two gold rows there in the other order: file
    # order alone would pair each with the other's row.
    village = (32.89, 36.48)
    clash = incident("Thornbury", date(2025, 7, 20), *village)
    strike = incident("Thornbury", date(2025, 7, 20), *village, event_type="Explosions/Remote violence")
    rows = [gold("Thornbury", date(2025, 7, 20), *village, event_type="Explosions/Remote violence"),
            gold("Thornbury", date(2025, 7, 20), *village, line=3)]
    ev = score([predicted(clash), predicted(strike)], rows)
    assert {(p.gold.line, p.predicted.incident.event_type) for p in ev.pairs} == {
        (2, "Explosions/Remote violence"), (3, "Battles")}
    # ... but never at the cost of a closer place or date
    late_clash = incident("Thornbury", date(2025, 7, 21), *village)
    ev = score([predicted(late_clash), predicted(strike)], [gold("Thornbury", date(2025, 7, 21), *village),
                                                            gold("Thornbury", date(2025, 7, 20), *village, line=3)])
    assert {(p.gold.line, p.days) for p in ev.pairs} == {(2, 0), (3, 0)}


def test_predictions_match_gold_rows_of_their_own_article_only():
    g = gold("Sudzha", date(2024, 8, 8), 51.191, 35.271, file="a.txt")
    ev = score([predicted(incident("Sudzha", date(2024, 8, 8), 51.191, 35.271), file="b.txt")], [g])
    assert not ev.pairs and len(ev.misses) == 1 and len(ev.extras) == 1


def test_names_right_wants_every_predicted_name_in_the_gold_cell():
    assert names_right(("Military Forces of Ukraine",), "Ukrainian troops")  # the actor table's alias
    assert names_right(("Military Forces of Israel",), "Israel (Israeli strike)")  # gold name inside ours
    assert names_right(("Oleh Syniehubov", "Syniehubov"), "Gov. Oleh Syniehubov")  # ours inside gold
    assert not names_right(("Shelling", "Oleh Syniehubov"), "Gov. Oleh Syniehubov")
    assert not names_right(("Military Forces of Russia", "Military Forces of Ukraine"), "Russian forces")
    assert names_right(("White Army", "SSPDF"), "White Army; SSPDF")
    assert not names_right(("Military Forces of Russia",), "Freedom of Russia Legion (denied by the Russian army)")
    assert names_right((), "") and not names_right(("Hamas",), "") and not names_right((), "gunmen")


# ---- the numbers ---------------------------------------------------------------------------------

def test_counts_metrics_and_matched_fields_exactly():
    d = date(2024, 5, 14)
    golds = [
        gold("Shebekino", d, 50.4134, 36.9254, actor="Ukrainian forces", event_type="Explosions/Remote violence",
             fatalities=2),
        gold("Tyotkino", d, None, None, canonical="Tëtkino", actor="Ukrainian troops", claimed_by="the governor",
             line=3, fatalities=0),
        gold("Sudzha", date(2024, 5, 15), 51.191 + 0.135, 35.271, month=True, actor="Russian forces", line=4),
        gold("Grayvoron", d, 50.4788, 35.6726, line=5),  # nothing extracted there: a miss
    ]
    preds = [
        predicted(incident("Shebekino", d, 50.4134, 36.9254, event_type="Explosions/Remote violence",
                           actors=("Military Forces of Ukraine",), fatalities=2)),
        predicted(incident("Tëtkino", d, 51.2813, 34.2938, actors=("Military Forces of Ukraine",),
                           claimed_by=("governor",))),
        predicted(incident("Sudzha", date(2024, 5, 2), 51.191, 35.271, event_type="Explosions/Remote violence",
                           actors=("Military Forces of Russia", "Military Forces of Ukraine"),
                           claimed_by=("Clashes",))),  # 15 km from the gold point: matched, not within 10 km
        predicted(incident("Kupiansk", d, 49.71, 37.616, quote="Shells fell on Kupiansk.")),  # an extra
    ]
    ev = score(preds, golds)
    assert (len(ev.gold), len(ev.predicted), len(ev.pairs), len(ev.misses), len(ev.extras)) == (4, 4, 3, 1, 1)
    assert ev.recall == 0.75 and ev.precision == 0.75 and ev.f1 == pytest.approx(0.75)
    assert [m.place for m in ev.misses] == ["Grayvoron"]
    assert [e.incident.place for e in ev.extras] == ["Kupiansk"]
    fields = ev.field_scores()
    got = {name: (s.right, s.of) for name, s in fields.items() if s is not None}
    # fatalities: of the two matched gold rows with a number, Shebekino's 2 is right, Tyotkino's 0
    # is not (nothing extracted is not "nobody died").
    # actor: Sudzha's first actor (Russia, who acted) is the gold's; with the side acted on
    # (Ukraine) counted too, it is not.
    assert got == {"place_10km": (1, 2), "actor": (3, 3), "all_actors": (2, 3), "event_type": (2, 3),
                   "claimant": (2, 3), "fatalities": (1, 2)}


# ---- the files -----------------------------------------------------------------------------------

ARTICLES = {
    # Shebekino (gold with a point), Tyotkino (gold without one: matched by its folded name).
    "a1.txt": ("2024-05-15", "Drone strike hits Belgorod\n\n"
               "Russian forces said a Ukrainian drone struck a warehouse in Shebekino on Tuesday, wounding two "
               "workers.\n\nSeparately, Ukrainian troops shelled the village of Tyotkino on Monday, the regional "
               "governor said.\n"),
    # Sudzha (a month-only gold row); Korenevo is in the gold but not in the text: a miss.
    "a2.txt": ("2024-08-09", "Clashes reported near Sudzha\n\n"
               "Ukrainian forces attacked Russian positions in Sudzha on Wednesday, Russia's defence ministry said.\n"),
    # No gold row: its incident is an extra.
    "a3.txt": ("2024-06-08", "Shelling in Kharkiv region\n\n"
               "Russian shelling hit Kupiansk on Friday, killing one man, the governor said.\n"),
}
GOLD = """file,event_date,place,place_canonical,admin1,country,lat,lon,actor,event_type,fatalities,claimed_by,notes
a1.txt,2024-05-14,Shebekino,Shebekino,Belgorod Oblast,RU,50.4134,36.9254,Ukrainian forces,Explosions/Remote violence,,,
a1.txt,2024-05-13,Tyotkino,Tëtkino,Kursk Oblast,RU,,,Ukrainian troops,Explosions/Remote violence,,regional governor,no point
a2.txt,2024-08,Sudzha,Sudzha,Kursk Oblast,RU,51.191,35.271,Ukrainian forces,Battles,,Russian defence ministry,month only
a2.txt,2024-08-08,Korenevo,Korenevo,Kursk Oblast,RU,51.41065,34.90008,Ukrainian forces,Battles,3,,not in the text
"""


@pytest.fixture()
def corpus(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "corpus"
    (folder / "texts").mkdir(parents=True)
    lines = ["file,title,outlet,url,published"]
    for name, (published, text) in ARTICLES.items():
        (folder / "texts" / name).write_text(text, encoding="utf-8")
        lines.append(f"texts/{name},,{OUTLET},,{published}")
    articles = folder / "articles.csv"
    articles.write_text("\n".join(lines) + "\n", encoding="utf-8")
    gold_csv = folder / "gold.csv"
    gold_csv.write_text(GOLD.replace("\na", "\ntexts/a"), encoding="utf-8")
    return articles, gold_csv


def test_the_corpus_through_the_extractor(corpus, gazetteer):
    ev = evaluate(*corpus, gazetteer)
    assert (ev.articles, len(ev.gold), len(ev.predicted), len(ev.pairs)) == (3, 4, 4, 3)
    assert sorted(p.gold.place for p in ev.pairs) == ["Shebekino", "Sudzha", "Tyotkino"]
    assert [m.place for m in ev.misses] == ["Korenevo"]
    assert [(e.file, e.incident.place_as_written) for e in ev.extras] == [("texts/a3.txt", "Kupiansk")]
    assert ev.recall == 0.75 and ev.precision == 0.75


def test_the_command_line(corpus):
    articles, gold_csv = corpus
    result = run_cli("evaluate", str(articles), str(gold_csv), "--json")
    assert result.returncode == 0, result.stderr
    numbers = json.loads(result.stdout)
    assert {k: numbers[k] for k in ("articles", "gold", "predicted", "matched", "misses", "extras")} == {
        "articles": 3, "gold": 4, "predicted": 4, "matched": 3, "misses": 1, "extras": 1}
    assert (numbers["recall"], numbers["precision"], numbers["f1"]) == (0.75, 0.75, 0.75)
    assert numbers["matched_fields"]["place_10km"] == {"right": 2, "of": 2, "share": 1.0}
    assert numbers["matched_fields"]["event_type"]["of"] == 3
    assert set(numbers["matched_fields"]["fatalities"]) == {"right", "of", "share"}

    verbose = run_cli("evaluate", str(articles), str(gold_csv), "--verbose")
    assert verbose.returncode == 0, verbose.stderr
    assert "recall     0.75  (3/4)" in verbose.stdout
    assert "texts/a2.txt:5 2024-08-08 Korenevo" in verbose.stdout  # the miss, by its gold line
    extras = verbose.stdout.split("extras (1):")[1]
    assert "texts/a3.txt 2024-06-07 Kupiansk" in extras
    assert "Russian shelling hit Kupiansk on Friday, killing one man" in extras  # with its quote


def test_bad_files_are_named_with_their_line(corpus, tmp_path: Path):
    articles, gold_csv = corpus
    bad = tmp_path / "bad.csv"
    bad.write_text(GOLD.replace("2024-08,Sudzha", "August,Sudzha"), encoding="utf-8")
    with pytest.raises(BadInput, match=r"bad\.csv, line 4, event_date: not a date"):
        read_gold(bad)
    with pytest.raises(BadInput, match=r"line 2, file: 'a1.txt' is not in the articles list"):
        read_gold(_write(tmp_path / "g.csv", GOLD),
                  {a.file for a in read_articles(articles)})
    with pytest.raises(BadInput, match=r"line 2, lon: empty while lat is given"):
        read_gold(_write(tmp_path / "h.csv", GOLD.replace("50.4134,36.9254", "50.4134,")))
    result = run_cli("evaluate", str(articles), str(tmp_path / "g.csv"))
    assert result.returncode == 2
    assert result.stderr.startswith("incident-map: ") and len(result.stderr.splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
