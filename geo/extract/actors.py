"""Armed groups and forces, from data/actors.csv: canonical names found by their aliases.

Anaphors ("the group", "the legion", "its fighters") are resolved to the article's main
actor: the non-state actor the article names most, where there is one.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geo.errors import BadInput
from geo.paths import DATA_DIR

# Words that refer back to the group an article is about.
ANAPHOR = re.compile(
    r"\b(?:the|this|that|its|their)\s+(?:anti-\w+\s+|armed\s+|paramilitary\s+|partisan\s+|rebel\s+|militant\s+)?"
    r"(?:group|legion|militia|corps|volunteers|partisans|fighters|militants|rebels|units|combatants|raiders|saboteurs|forces)\b"
    r"|\b(?:the|its)\s+(?:anti-\w+|paramilitary|partisan|rebel)\s+(?:group|fighters)\b",
    re.IGNORECASE,
)


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
    pattern: re.Pattern[str]
    group_names: tuple[str, ...]  # regex group name -> actor, by index


@lru_cache(maxsize=4)
def load_actors(path: Path = DATA_DIR / "actors.csv") -> ActorTable:
    """Read the actors table; every alias is a regular expression matched as whole words."""
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except OSError as exc:
        raise BadInput(f"{path}: cannot read: {exc}") from exc
    parts: list[str] = []
    names: list[str] = []
    kinds: dict[str, str] = {}
    for line, row in enumerate(rows, 2):
        if not (row.get("name") or "").strip() or not (row.get("aliases") or "").strip():
            raise BadInput(f"{path}, line {line}: name and aliases are required")
        try:
            re.compile(row["aliases"])
        except re.error as exc:
            raise BadInput(f"{path}, line {line}, aliases: not a valid pattern: {exc}") from None
        group = f"a{len(names)}"
        # Aliases match in any case ("Russia's Defense Ministry"), except acronyms (RVC, SAF,
        # PDF), which match only in capitals so that ordinary words are not taken for them.
        aliases = "|".join(
            f"(?-i:{a})" if re.fullmatch(r"[A-Z]{2,6}", a) else a for a in row["aliases"].split("|")
        )
        parts.append(rf"(?P<{group}>\b(?:{aliases})\b)")
        names.append(row["name"].strip())
        kinds[row["name"].strip()] = (row.get("kind") or "").strip()
    pattern = re.compile("|".join(parts), re.IGNORECASE)
    return ActorTable(tuple(names), kinds, pattern, tuple(f"a{i}" for i in range(len(names))))


_CASELESS: dict[int, re.Pattern[str]] = {}


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


def find_anaphors(text: str, main: str | None, kind: str = "non-state") -> list[ActorMention]:
    if main is None:
        return []
    return [ActorMention(main, kind, m.start(), m.end(), anaphor=True) for m in ANAPHOR.finditer(text)]
