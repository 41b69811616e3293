"""ACLED event types from trigger words in data/event_triggers.csv (users extend it)."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geo.errors import BadInput
from geo.paths import DATA_DIR

# ACLED's event types and their sub-event types (ACLED Codebook, 2023).
ACLED_TYPES: dict[str, frozenset[str]] = {
    "Battles": frozenset({"Armed clash", "Government regains territory", "Non-state actor overtakes territory"}),
    "Explosions/Remote violence": frozenset({
        "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED", "Grenade",
    }),
    "Violence against civilians": frozenset({"Sexual violence", "Attack", "Abduction/forced disappearance"}),
    "Protests": frozenset({"Peaceful protest", "Protest with intervention", "Excessive force against protesters"}),
    "Riots": frozenset({"Violent demonstration", "Mob violence"}),
    "Strategic developments": frozenset({
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use", "Headquarters or base established",
        "Looting/property destruction", "Non-violent transfer of territory", "Other",
    }),
}


@dataclass(frozen=True)
class Trigger:
    pattern: re.Pattern[str]
    event_type: str
    sub_event_type: str
    weight: float


@dataclass(frozen=True)
class TriggerMatch:
    trigger: Trigger
    start: int
    end: int


@lru_cache(maxsize=4)
def load_triggers(path: Path = DATA_DIR / "event_triggers.csv") -> tuple[Trigger, ...]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    out: list[Trigger] = []
    for number, row in enumerate(csv.DictReader(lines), 2):
        try:
            event_type, sub = row["event_type"].strip(), row["sub_event_type"].strip()
            if sub not in ACLED_TYPES.get(event_type, frozenset()):
                raise BadInput(f"{path}, row {number}: {event_type} / {sub} is not an ACLED type")
            out.append(Trigger(re.compile(rf"\b(?:{row['pattern']})\b", re.IGNORECASE), event_type, sub, float(row["weight"])))
        except (KeyError, ValueError, re.error) as exc:
            raise BadInput(f"{path}, row {number}: {exc}") from None
    return tuple(out)


def find_triggers(text: str, triggers: tuple[Trigger, ...] | None = None) -> list[TriggerMatch]:
    out: list[TriggerMatch] = []
    for trigger in triggers or load_triggers():
        out.extend(TriggerMatch(trigger, m.start(), m.end()) for m in trigger.pattern.finditer(text))
    return sorted(out, key=lambda t: t.start)


def type_of(found: list[TriggerMatch]) -> tuple[str, str, float]:
    """The event type and sub-event type of the strongest trigger, and its weight."""
    best = max(found, key=lambda t: t.trigger.weight)
    return best.trigger.event_type, best.trigger.sub_event_type, best.trigger.weight
