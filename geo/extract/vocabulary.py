"""Everything extraction reads from a data folder, loaded once per folder and passed down.

One setting says where the vocabulary is, as for the gazetteer (Gazetteer.open(data_dir)): the
actors table, the event triggers and the cue-word lists (geo.extract.cues). No rule module reads
a path of its own; extract_incidents(..., data_dir=...) reads this, by default from the
gazetteer's own data folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geo.extract.actors import ActorTable, load_actors
from geo.extract.cues import Cues, load_cues
from geo.extract.fatalities import FatalityPatterns, load_fatality_patterns
from geo.extract.triggers import Trigger, load_triggers
from geo.paths import DATA_DIR


@dataclass(frozen=True)
class Vocabulary:
    data_dir: Path
    actors: ActorTable
    triggers: tuple[Trigger, ...]
    cues: Cues
    fatalities: FatalityPatterns


@lru_cache(maxsize=4)
def load_vocabulary(data_dir: Path = DATA_DIR) -> Vocabulary:
    """The data folder's actors, triggers, cue lists and fatality words; geo.errors.BadInput names a
    bad file and line."""
    return Vocabulary(
        data_dir, load_actors(data_dir / "actors.csv"), load_triggers(data_dir / "event_triggers.csv"),
        load_cues(data_dir), load_fatality_patterns(data_dir),
    )
