"""Score the extractor against hand-made gold incidents (issue 12, point 1).

ARTICLES.csv lists the articles (`file,title,outlet,url,published`; `file` relative to the CSV's
folder); GOLD.csv holds one row per incident (`file,event_date,place,place_canonical,admin1,country,
lat,lon,actor,event_type,fatalities,claimed_by,notes`; only `file`, `event_date` and `place` are
required, a missing column scores nothing for its field).

A predicted incident matches a gold row of the same article when
- the place is within MATCH_KM of the gold point, or, where the gold row has no coordinates, a name of
  the predicted place (as written or as resolved) equals a gold name (as written or canonical) after
  folding case, accents and punctuation (geo.gazetteer.names.name_key); and
- the date is within DAY_TOLERANCE days of a gold day, or MONTH_TOLERANCE days of a gold month
  (YYYY-MM), a month being taken at its 15th as the extractor and ACLED date a month-only event.

Matching is one-to-one: of the assignments of incidents to gold rows that match, the one with
the most pairs, and of those the closest in total (by distance in km, a name match counting as 0
km, then by days apart, then in file order); each incident and each gold row is used once. The
rest of the gold rows are misses, the rest of the predictions extras. (Until the fifth session of
issue 12 the closest pair was taken first, greedily; EVALUATION.md gives both where they differ.)

Of the matched pairs, each field is right when:
- place: within PLACE_KM of the gold point (pairs whose gold row has no coordinates are not counted);
- event type: the same ACLED event type (case folded);
- actor: the incident's first actor (ACLED's actor 1, the one who acted; the extractor puts the
  side acted on after it) is one the gold row gives, or none on both sides; "all actors" asks the
  same of every actor the incident names, the side acted on included (gold rows name only who
  acted, so this share is lower by design);
- claimant: every name predicted is one the gold row gives, and one at least is predicted (or
  none on both sides). A predicted name is one the gold row gives when, folded, it appears as whole
  words in the gold text, a gold name (the text split at ';', '/' and ' and ') appears as whole words
  in it, or both are the same actor of the project's actor table (geo.extract.actors). Text in
  parentheses in a gold cell is a coder's comment and is left out. The article's outlet, which the
  extractor gives as claimant when no one else claims an incident, counts as no claimant;
- fatalities: the same number, over the matched gold rows that give one.

Scoring is pure (score()); evaluate() reads the files and runs the extractor.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geo.extract.actors import find_actors
from geo.gazetteer.lookup import Gazetteer, haversine_km
from geo.gazetteer.names import name_key
from geo.intake.articles import ArticleMeta, read_article
from geo.intake.gold import GoldRow, read_articles, read_gold
from geo.records import Incident

MATCH_KM = 25.0
PLACE_KM = 10.0
DAY_TOLERANCE = 1
MONTH_TOLERANCE = 20

# A coder's comment in a gold cell: "Israel (Israeli strike)", "ADF rebels (blamed)".
_PARENTHESES = re.compile(r"\([^()]*\)")
# Several names in one gold cell: "White Army; SSPDF", "Ukrainian saboteurs / Russian Volunteer Corps".
_NAME_SEPARATORS = re.compile(r"\s*(?:;|/|\band\b)\s*")
# Runs of white space in a quote shown on one line.
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Predicted:
    """One extracted incident and the article it came from."""

    file: str
    incident: Incident
    outlet: str = ""


@dataclass(frozen=True)
class Pair:
    predicted: Predicted
    gold: GoldRow
    km: float | None  # None: matched by name, the gold row has no point
    days: int


@dataclass(frozen=True)
class FieldScore:
    right: int
    of: int

    @property
    def share(self) -> float | None:
        return self.right / self.of if self.of else None


@dataclass(frozen=True)
class Evaluation:
    articles: int
    gold: tuple[GoldRow, ...]
    predicted: tuple[Predicted, ...]
    pairs: tuple[Pair, ...]
    misses: tuple[GoldRow, ...]
    extras: tuple[Predicted, ...]

    @property
    def recall(self) -> float:
        return len(self.pairs) / len(self.gold) if self.gold else 0.0

    @property
    def precision(self) -> float:
        return len(self.pairs) / len(self.predicted) if self.predicted else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def field_scores(self) -> dict[str, FieldScore | None]:
        """Of the matched pairs, how many are right for each field (fatalities: of the pairs whose
        gold row gives a number)."""
        near = [p for p in self.pairs if p.km is not None]
        out: dict[str, FieldScore | None] = {
            "place_10km": FieldScore(sum(p.km is not None and p.km <= PLACE_KM for p in near), len(near)),
            "actor": FieldScore(sum(actor_right(p) for p in self.pairs), len(self.pairs)),
            "all_actors": FieldScore(sum(names_right(p.predicted.incident.actors, p.gold.actor) for p in self.pairs),
                                     len(self.pairs)),
            "event_type": FieldScore(sum(event_type_right(p) for p in self.pairs), len(self.pairs)),
            "claimant": FieldScore(sum(claimant_right(p) for p in self.pairs), len(self.pairs)),
        }
        counted = [p for p in self.pairs if p.gold.fatalities is not None]
        out["fatalities"] = FieldScore(sum(p.predicted.incident.fatalities == p.gold.fatalities for p in counted),
                                       len(counted))
        return out


# ---- matching ----------------------------------------------------------------------------------

def _has_point(incident: Incident) -> bool:
    lat, lon = incident.latitude, incident.longitude
    return lat == lat and lon == lon and -90 <= lat <= 90 and -180 <= lon <= 180  # lat == lat: not NaN


def place_distance(incident: Incident, gold: GoldRow) -> float | None:
    """How far the incident's place is from the gold point in km when it matches the gold row's
    place (within MATCH_KM; 0.0 for a name match where the gold row has no point), else None."""
    if gold.latitude is not None and gold.longitude is not None:
        if not _has_point(incident):
            return None
        km = haversine_km(incident.latitude, incident.longitude, gold.latitude, gold.longitude)
        return km if km <= MATCH_KM else None
    gold_names = {name_key(n) for n in (gold.place, gold.place_canonical) if n}
    ours = {name_key(n) for n in (incident.place_as_written, incident.place) if n}
    return 0.0 if gold_names & ours else None


def date_gap(incident: Incident, gold: GoldRow) -> int | None:
    """Days between the incident's date and the gold date when within tolerance, else None."""
    days = abs((incident.event_date - gold.event_date).days)
    return days if days <= (MONTH_TOLERANCE if gold.month else DAY_TOLERANCE) else None


def match_article(predicted: Sequence[Predicted], gold: Sequence[GoldRow]) -> list[Pair]:
    """One article's one-to-one matching: the assignment with the most pairs, and of those the one
    closest in total (km, then days, then the most pairs of one event type, then file order);
    closest pairs first in the result. (Two incidents of different types drawn at one point, and
    two gold rows there: the pairing that agrees on type, not the one that file order gives.)

    A greedy choice (the closest pair first) can leave a row unmatched that another assignment
    matches: three incidents drawn at one city's point and three gold rows there, two of them
    matched by name, lose a row when a name-matched incident is taken first by the third row."""
    candidates: dict[tuple[int, int], tuple[float, int, Pair]] = {}
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold):
            km = place_distance(p.incident, g)
            if km is None:
                continue
            days = date_gap(p.incident, g)
            if days is None:
                continue
            candidates[(i, j)] = (km, days, Pair(p, g, km if g.latitude is not None else None, days))
    if not candidates:
        return []
    # km first, then days, then type, then file order; an impossible pair costs more than any whole
    # assignment (an article has far fewer than 100 incidents, so the order's term stays below a type's)
    size = max(len(predicted), len(gold))
    unmatched = 1e12
    cost = [[unmatched] * size for _ in range(size)]
    for (i, j), (km, days, _pair) in candidates.items():
        other_type = predicted[i].incident.event_type != gold[j].event_type
        cost[i][j] = km * 1e6 + days * 1e3 + other_type * 100 + i + j / size
    chosen = [(i, j) for i, j in enumerate(_assignment(cost)) if (i, j) in candidates]
    return [candidates[k][2] for k in sorted(chosen, key=lambda k: (candidates[k][0], candidates[k][1], *k))]


def _assignment(cost: list[list[float]]) -> list[int]:
    """For a square cost matrix, the column of each row in the assignment of least total cost
    (the Hungarian method with potentials, O(n^3); an article has a few dozen rows at most)."""
    n = len(cost)
    inf = float("inf")
    u, v = [0.0] * (n + 1), [0.0] * (n + 1)
    way, owner = [0] * (n + 1), [0] * (n + 1)  # owner[j]: the row holding column j (1-based; 0 none)
    for row in range(1, n + 1):
        owner[0] = row
        col = 0
        least = [inf] * (n + 1)
        used = [False] * (n + 1)
        while True:
            used[col] = True
            r, delta, nxt = owner[col], inf, 0
            for j in range(1, n + 1):
                if used[j]:
                    continue
                reduced = cost[r - 1][j - 1] - u[r] - v[j]
                if reduced < least[j]:
                    least[j], way[j] = reduced, col
                if least[j] < delta:
                    delta, nxt = least[j], j
            for j in range(n + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    least[j] -= delta
            col = nxt
            if owner[col] == 0:
                break
        while col:
            prev = way[col]
            owner[col] = owner[prev]
            col = prev
    of_row = [0] * n
    for j in range(1, n + 1):
        if owner[j]:
            of_row[owner[j] - 1] = j - 1
    return of_row


def score(predicted: Sequence[Predicted], gold: Sequence[GoldRow], articles: int | None = None) -> Evaluation:
    """Match predictions to gold rows article by article and count; pure."""
    files = list(dict.fromkeys([p.file for p in predicted] + [g.file for g in gold]))
    pairs: list[Pair] = []
    for f in files:
        pairs += match_article([p for p in predicted if p.file == f], [g for g in gold if g.file == f])
    matched_p = {id(p.predicted) for p in pairs}
    matched_g = {id(p.gold) for p in pairs}
    return Evaluation(
        articles if articles is not None else len(files), tuple(gold), tuple(predicted), tuple(pairs),
        tuple(g for g in gold if id(g) not in matched_g), tuple(p for p in predicted if id(p) not in matched_p),
    )


# ---- the fields of a matched pair --------------------------------------------------------------

def _gold_names(text: str) -> tuple[str, set[str], set[str]]:
    """A gold cell without its comments: its folded text, its folded names, and the actors of the
    project's table it names."""
    bare = _PARENTHESES.sub(" ", text)
    names = {name_key(n) for n in _NAME_SEPARATORS.split(bare) if name_key(n)}
    return name_key(bare), names, {m.name for m in find_actors(bare)}


def _within(words: str, text: str) -> bool:
    """words appear in text as whole words (both folded)."""
    return bool(words) and f" {words} " in f" {text} "


def _name_given(name: str, gold_text: str, gold_names: set[str], gold_actors: set[str]) -> bool:
    key = name_key(_PARENTHESES.sub(" ", name))
    if _within(key, gold_text) or any(_within(g, key) for g in gold_names):
        return True
    return bool(gold_actors & ({name} | {m.name for m in find_actors(name)}))


def names_right(predicted: Sequence[str], gold: str) -> bool:
    """Every predicted name is one the gold cell gives, and one at least is predicted (or none on
    either side)."""
    text, names, actors = _gold_names(gold)
    if not text:
        return not predicted
    return bool(predicted) and all(_name_given(n, text, names, actors) for n in predicted)


def actor_right(pair: Pair) -> bool:
    """The first actor (ACLED's actor 1) is one the gold row names."""
    return names_right(pair.predicted.incident.actors[:1], pair.gold.actor)


def claimant_right(pair: Pair) -> bool:
    outlet = pair.predicted.outlet
    claimants = [c for c in pair.predicted.incident.claimed_by if not outlet or c != outlet]
    return names_right(claimants, pair.gold.claimed_by)


def event_type_right(pair: Pair) -> bool:
    return pair.predicted.incident.event_type.casefold() == pair.gold.event_type.casefold()


# ---- running the extractor and reporting -------------------------------------------------------

def evaluate(articles_csv: Path, gold_csv: Path, gazetteer: Gazetteer) -> Evaluation:
    """Extract the incidents of every article ARTICLES.csv lists and score them against GOLD.csv."""
    from geo.extract.pipeline import extract_incidents

    articles = read_articles(articles_csv)
    gold = read_gold(gold_csv, {a.file for a in articles})
    predicted: list[Predicted] = []
    for a in articles:
        article = read_article(a.path, ArticleMeta(a.file, a.title, a.outlet, a.url, a.published))
        predicted += [Predicted(a.file, i, a.outlet) for i in extract_incidents(article, gazetteer)]
    return score(predicted, gold, len(articles))


def _share(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def as_json(ev: Evaluation) -> dict[str, Any]:
    scores: dict[str, Any] = {}
    for name, s in ev.field_scores().items():
        scores[name] = "not extracted" if s is None else {
            "right": s.right, "of": s.of, "share": None if s.share is None else round(s.share, 4)}
    return {
        "articles": ev.articles, "gold": len(ev.gold), "predicted": len(ev.predicted), "matched": len(ev.pairs),
        "misses": len(ev.misses), "extras": len(ev.extras),
        "recall": round(ev.recall, 4), "precision": round(ev.precision, 4), "f1": round(ev.f1, 4),
        "matched_fields": scores,
    }


_FIELD_LABELS = {"place_10km": "place within 10 km", "actor": "actor", "all_actors": "all actors", "event_type": "event type",
                 "claimant": "claimant", "fatalities": "fatalities"}


def as_text(ev: Evaluation, verbose: bool = False) -> str:
    lines = [
        f"{ev.articles} articles, {len(ev.gold)} gold incidents, {len(ev.predicted)} extracted, {len(ev.pairs)} matched",
        f"recall     {ev.recall:.2f}  ({len(ev.pairs)}/{len(ev.gold)})",
        f"precision  {ev.precision:.2f}  ({len(ev.pairs)}/{len(ev.predicted)})",
        f"F1         {ev.f1:.2f}",
        "of the matched:",
    ]
    for name, s in ev.field_scores().items():
        shown = "not extracted" if s is None else f"{_share(s.share)}  ({s.right}/{s.of})"
        lines.append(f"  {_FIELD_LABELS[name]:<20} {shown}")
    if verbose:
        lines.append(f"misses ({len(ev.misses)}):")
        for g in ev.misses:
            lines.append(f"  {g.file}:{g.line} {g.shown_date} {g.place} | {g.event_type} | {g.actor or '-'}"
                         f" | {_nearest(ev, g)}")
        lines.append(f"extras ({len(ev.extras)}):")
        for p in ev.extras:
            i = p.incident
            quote = _SPACES.sub(" ", i.sources[0].quote).strip() if i.sources else ""
            lines.append(f"  {p.file} {i.event_date.isoformat()} {i.place_as_written} -> {i.place} | {i.event_type}"
                         f" | {', '.join(i.actors) or '-'} | \"{quote}\"")
    return "\n".join(lines)


def _nearest(ev: Evaluation, g: GoldRow) -> str:
    """Why a gold row was missed: an incident at its place with another date, or one on its date
    elsewhere, or nothing."""
    same_file = [p for p in ev.predicted if p.file == g.file]
    at_place = [p for p in same_file if place_distance(p.incident, g) is not None]
    if at_place:
        taken = [p for p in at_place if date_gap(p.incident, g) is not None]
        if taken:
            return "its incident went to another gold row"
        return "extracted at this place on " + ", ".join(sorted({p.incident.event_date.isoformat() for p in at_place}))
    return "nothing extracted at this place"
