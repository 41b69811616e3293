"""Armed groups and forces, from DATA_DIR/actors.csv: canonical names found by their aliases.

Anaphors ("the group", "the legion", "its fighters") are resolved to the article's main
actor: the non-state actor the article names most, where there is one.
"""

from __future__ import annotations

import heapq
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from re import _constants as _c  # type: ignore[attr-defined]  # the stdlib's parser of patterns:
from re import _parser  # type: ignore[attr-defined]  # what a pattern requires (find_actors' prefilter)
from typing import Any

from geo.errors import BadInput
from geo.extract.cues import load_cues
from geo.paths import DATA_DIR
from geo.wordlists import read_table, where

# An acronym alias (RVC, SAF, PDF; JeM, with two capitals or more): matched only as written, so
# that ordinary words ("let", "jem") are not taken for them (compiled once: asked per alias).
# The kinds of actors.csv rows: attackers a report does not name ("gunmen"), named armed groups,
# and a country's armed forces.
UNIDENTIFIED = "unidentified"
NON_STATE = "non-state"
STATE = "state"
_ACRONYM = re.compile(r"(?=(?:[^A-Z]*[A-Z]){2})[A-Za-z0-9]{2,6}")


@dataclass(frozen=True)
class ActorMention:
    name: str
    kind: str
    start: int
    end: int
    anaphor: bool = False


@dataclass(frozen=True)
class ActorTable:
    names: tuple[str, ...]
    kinds: dict[str, str]
    pattern: re.Pattern[str]  # one named group an actor, a0, a1...: the group's index is the actor's
    # Each actor's alternative as written in `pattern`, and the words one of which any match of it
    # contains (casefolded; None: no such word, the actor is always looked for).
    parts: tuple[str, ...] = ()
    needs: tuple[frozenset[str] | None, ...] = ()


def load_actors(path: Path = DATA_DIR / "actors.csv") -> ActorTable:
    """Read the actors table (once per file); every alias is a regular expression matched as whole words."""
    return _load_actors(path)  # one cache entry per file, whether the path was given or not


@lru_cache(maxsize=4)
def _load_actors(path: Path) -> ActorTable:
    parts: list[str] = []
    names: list[str] = []
    kinds: dict[str, str] = {}
    needs: list[frozenset[str] | None] = []
    for row in read_table(path, ("name", "aliases")):
        if not row["name"].strip() or not row["aliases"].strip():
            raise BadInput(f"{where(path, row.line)}: name and aliases are required")
        try:
            re.compile(row["aliases"])
        except re.error as exc:
            raise BadInput(f"{where(path, row.line, 'aliases')}: not a valid pattern: {exc}") from None
        group = f"a{len(names)}"
        # Aliases match in any case ("Russia's Defense Ministry"), except acronyms (RVC, SAF,
        # PDF), which match only in capitals so that ordinary words are not taken for them.
        aliases = "|".join(
            f"(?-i:{a})" if _ACRONYM.fullmatch(a) else a for a in row["aliases"].split("|")
        )
        parts.append(rf"(?P<{group}>\b(?:{aliases})\b)")
        needs.append(_needs(row["aliases"]))
        names.append(row["name"].strip())
        kinds[row["name"].strip()] = row["kind"].strip()
    pattern = re.compile("|".join(parts), re.IGNORECASE)
    return ActorTable(tuple(names), kinds, pattern, tuple(parts), tuple(needs))


def find_actors(text: str, table: ActorTable | None = None) -> list[ActorMention]:
    """Every named actor in text, longest alias first, with spans.

    The table's pattern tries some 150 actors' aliases at every position of the text, most of
    the extraction's time. Only the actors a word of which the text contains can match, so the
    text is searched with those alone: each actor's own pattern (compiled once) finds its next
    match, and of the next matches the earliest wins, on a tie the actor first in the table, as
    in the whole pattern's alternation; then the search goes on after it. The same matches, in a
    fraction of the time. (A pattern of the active actors compiled per text found the same, but
    compiling took some 12 ms a news article, as long as all the rest of the search.)"""
    table = table or load_actors()
    if not table.parts:
        return [_mention(m, table) for m in table.pattern.finditer(text) if m.lastgroup]
    patterns = _part_patterns(table.parts)
    heap: list[tuple[int, int, re.Match[str]]] = []
    for k in _active(text, table):
        m = patterns[k].search(text)
        if m is not None:
            heap.append((m.start(), k, m))
    heapq.heapify(heap)
    out = []
    pos = 0
    while heap:
        start, k, m = heapq.heappop(heap)
        if start >= pos:  # (a match that starts before pos was overtaken by one accepted since)
            out.append(_mention(m, table))
            pos = max(m.end(), start + 1)
        following = patterns[k].search(text, pos)  # this actor's next match from here
        if following is not None:
            heapq.heappush(heap, (following.start(), k, following))
    return out


def _mention(m: re.Match[str], table: ActorTable) -> ActorMention:
    assert m.lastgroup is not None
    name = table.names[int(m.lastgroup[1:])]
    return ActorMention(name, table.kinds[name], m.start(), m.end())


def _active(text: str, table: ActorTable) -> list[int]:
    """The table's actors that can match in text: those with a word the text contains, or with none to look for."""
    folded = text.casefold()
    return [k for k, need in enumerate(table.needs) if need is None or any(w in folded for w in need)]


@lru_cache(maxsize=8)
def _part_patterns(parts: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    """Each actor's alternative compiled alone, once per table."""
    return tuple(re.compile(part, re.IGNORECASE) for part in parts)


# The shortest word worth looking for: a shorter one is in most texts and prefilters nothing.
_MIN_NEED = 3


def _needs(aliases: str) -> frozenset[str] | None:
    """Words one of which every match of the aliases (one pattern) contains, casefolded; None
    when there are none long enough (then the actor is always looked for)."""
    try:
        need = _required(list(_parser.parse(aliases).data))
    except Exception:  # a pattern the parser of this Python reads otherwise: no prefilter
        return None
    if not need or min(len(w) for w in need) < _MIN_NEED:
        return None
    return frozenset(need)


def _required(items: list[tuple[Any, Any]]) -> set[str] | None:
    """For a parsed regular expression: a set of strings one of which every match contains
    (the longest such choice among its parts), or None."""
    best: set[str] | None = None
    run = ""

    def offer(candidate: set[str] | None) -> None:
        nonlocal best
        if candidate and (best is None or min(map(len, candidate)) > min(map(len, best))):
            best = candidate

    for op, av in items:
        if op is _c.LITERAL:
            run += chr(av).casefold()
            continue
        offer({run} if run else None)
        prefix, run = run, ""
        if op is _c.SUBPATTERN:
            offer(_required(list(av[-1])))
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] >= 1:
            offer(_required(list(av[2])))
        elif op is _c.BRANCH:
            # The parser moves a prefix the branches share out of them ("Freedom ...|FRL" is "F"
            # then "reedom ...|RL"): each branch's own leading letters join the run before it.
            branches = [{prefix + lead} if (lead := _leading(list(b))) else _required(list(b)) for b in av[1]]
            if all(branches):
                offer(set().union(*(b for b in branches if b)))
        run = ""
    offer({run} if run else None)
    return best


def _leading(items: list[tuple[Any, Any]]) -> str:
    """The letters a parsed pattern starts with, casefolded."""
    lead = ""
    for op, av in items:
        if op is not _c.LITERAL:
            break
        lead += chr(av).casefold()
    return lead


def main_actor(mentions: list[ActorMention]) -> str | None:
    """The non-state actor an article names most (the one its anaphors mean), if any."""
    counts = Counter(m.name for m in mentions if m.kind == "non-state")
    if not counts:
        return None
    return counts.most_common(1)[0][0]


def find_anaphors(text: str, main: str | None, kind: str = "non-state", *,
                  anaphor: re.Pattern[str] | None = None) -> list[ActorMention]:
    """Words that refer back to the main actor ("the group", "its fighters"): anaphor is the
    pattern of a data folder's cue lists (geo.extract.cues), the default folder's unless given."""
    if main is None:
        return []
    pattern = anaphor or load_cues().anaphor
    return [ActorMention(main, kind, m.start(), m.end(), anaphor=True) for m in pattern.finditer(text)]
