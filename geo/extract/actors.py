"""Armed groups and forces, from DATA_DIR/actors.csv: canonical names found by their aliases.

Anaphors ("the group", "the legion", "its fighters") are resolved to the article's main
actor: the non-state actor the article names most, where there is one.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geo.errors import BadInput
from geo.extract.cues import load_cues
from geo.paths import DATA_DIR
from geo.wordlists import read_table, where

# An acronym alias (RVC, SAF, PDF): matched only in capitals (compiled once: asked per alias).
_ACRONYM = re.compile(r"[A-Z]{2,6}")


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


def load_actors(path: Path = DATA_DIR / "actors.csv") -> ActorTable:
    """Read the actors table (once per file); every alias is a regular expression matched as whole words."""
    return _load_actors(path)  # one cache entry per file, whether the path was given or not


@lru_cache(maxsize=4)
def _load_actors(path: Path) -> ActorTable:
    parts: list[str] = []
    names: list[str] = []
    kinds: dict[str, str] = {}
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
        names.append(row["name"].strip())
        kinds[row["name"].strip()] = row["kind"].strip()
    pattern = re.compile("|".join(parts), re.IGNORECASE)
    return ActorTable(tuple(names), kinds, pattern)


def find_actors(text: str, table: ActorTable | None = None) -> list[ActorMention]:
    """Every named actor in text, longest alias first, with spans."""
    table = table or load_actors()
    out = []
    for m in table.pattern.finditer(text):
        index = int(m.lastgroup[1:]) if m.lastgroup else -1
        if index < 0:
            continue
        name = table.names[index]
        out.append(ActorMention(name, table.kinds[name], m.start(), m.end()))
    return out


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
