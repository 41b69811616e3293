"""ACLED event types from trigger words in DATA_DIR/event_triggers.csv (users extend it)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geo.errors import BadInput
from geo.paths import DATA_DIR
from geo.schema import is_acled_type
from geo.wordlists import read_table, where


@dataclass(frozen=True)
class Trigger:
    pattern: re.Pattern[str]
    event_type: str
    sub_event_type: str
    weight: float
    armed_only: bool = False  # context "armed": an incident only in a story that names armed men


CONTEXTS = ("", "armed")


@dataclass(frozen=True)
class TriggerMatch:
    trigger: Trigger
    start: int
    end: int


def load_triggers(path: Path = DATA_DIR / "event_triggers.csv") -> tuple[Trigger, ...]:
    """The trigger table (read once per file): each pattern a regular expression, matched as whole
    words in any case."""
    return _load_triggers(path)  # one cache entry per file, whether the path was given or not


@lru_cache(maxsize=4)
def _load_triggers(path: Path) -> tuple[Trigger, ...]:
    out: list[Trigger] = []
    for row in read_table(path, ("pattern", "event_type", "sub_event_type", "weight")):
        event_type, sub = row["event_type"].strip(), row["sub_event_type"].strip()
        if not is_acled_type(event_type, sub):
            raise BadInput(f"{where(path, row.line, 'sub_event_type')}: {event_type} / {sub} is not an ACLED type")
        if not row["pattern"].strip():
            raise BadInput(f"{where(path, row.line, 'pattern')}: empty")
        try:
            pattern = re.compile(rf"\b(?:{row['pattern']})\b", re.IGNORECASE)
        except re.error as exc:
            raise BadInput(f"{where(path, row.line, 'pattern')}: not a valid pattern: {exc}") from None
        try:
            weight = float(row["weight"])
        except ValueError:
            raise BadInput(f"{where(path, row.line, 'weight')}: not a number: {row['weight']!r}") from None
        context = row.get("context").strip().lower()
        if context not in CONTEXTS:
            raise BadInput(f"{where(path, row.line, 'context')}: {row['context']!r} is not one of: (empty), "
                           + ", ".join(c for c in CONTEXTS if c))
        out.append(Trigger(pattern, event_type, sub, weight, armed_only=context == "armed"))
    return tuple(out)


def find_triggers(text: str, triggers: tuple[Trigger, ...] | None = None, *, armed: bool = True) -> list[TriggerMatch]:
    """The trigger words of the text in order; with armed=False (a story that names no armed men),
    not those of context "armed"."""
    out: list[TriggerMatch] = []
    for trigger in triggers or load_triggers():
        if trigger.armed_only and not armed:
            continue
        out.extend(TriggerMatch(trigger, m.start(), m.end()) for m in trigger.pattern.finditer(text))
    return sorted(out, key=lambda t: t.start)


def type_of(found: list[TriggerMatch]) -> tuple[str, str, float]:
    """The event type and sub-event type of the strongest trigger, and its weight."""
    best = max(found, key=lambda t: t.trigger.weight)
    return best.trigger.event_type, best.trigger.sub_event_type, best.trigger.weight
