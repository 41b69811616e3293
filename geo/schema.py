"""An incident's schema, defined once: the fields of geo.records.Incident and the facts that every
stage shares about them (ACLED's event types, the precision codes).

The store's table, the frames' columns, the GeoJSON properties and the snapshot's columns are all
derived from INCIDENT_FIELDS, which reads the dataclass: a new field is one line in
geo/records.py (its type says how it is stored; `editable` in its metadata lets a reviewer
change it), plus whatever genuinely differs (a validation bound, a column on a page).
"""

from __future__ import annotations

import json
from dataclasses import MISSING, dataclass, fields
from datetime import date
from typing import Any, Literal

from geo.records import Incident

Kind = Literal["text", "int", "real", "date", "bool", "names", "sources"]

# How a field's annotation (a string: the records module uses postponed annotations) is stored.
_KINDS: dict[str, tuple[Kind, bool]] = {
    "str": ("text", False), "int": ("int", False), "int | None": ("int", True), "float": ("real", False),
    "date": ("date", False), "bool": ("bool", False), "tuple[str, ...]": ("names", False),
    "tuple[Source, ...]": ("sources", False),
}


@dataclass(frozen=True)
class IncidentField:
    """One field of an incident and how each stage carries it."""

    name: str
    kind: Kind
    nullable: bool
    default: Any  # MISSING when the field is required
    editable: bool  # a reviewer may change it (geo.store.db.update_incident)

    @property
    def stored(self) -> bool:
        """A column of the incidents table (sources are a table of their own)."""
        return self.kind != "sources"


def _incident_fields() -> tuple[IncidentField, ...]:
    out = []
    for f in fields(Incident):
        annotation = f.type if isinstance(f.type, str) else getattr(f.type, "__name__", str(f.type))
        if annotation not in _KINDS:
            raise TypeError(f"Incident.{f.name}: no storage kind for the type {annotation!r} (geo/schema.py _KINDS)")
        kind, nullable = _KINDS[annotation]
        default = f.default if f.default is not MISSING else (
            f.default_factory() if f.default_factory is not MISSING else MISSING)
        out.append(IncidentField(f.name, kind, nullable, default, bool(f.metadata.get("editable"))))
    return tuple(out)


INCIDENT_FIELDS: tuple[IncidentField, ...] = _incident_fields()
FIELD: dict[str, IncidentField] = {f.name: f for f in INCIDENT_FIELDS}
STORED: tuple[IncidentField, ...] = tuple(f for f in INCIDENT_FIELDS if f.stored)
EDITABLE: frozenset[str] = frozenset(f.name for f in INCIDENT_FIELDS if f.editable)
# The coordinates are the GeoJSON geometry, not properties (RFC 7946 §3.1.2).
GEOMETRY = ("longitude", "latitude")
# A GeoJSON feature's properties in order: the id first, then the fields, with the number of
# sources after the sources (a convenience for GIS tools, not stored).
PROPERTIES: tuple[str, ...] = ("id", *(
    name for f in INCIDENT_FIELDS if f.name not in ("id", *GEOMETRY)
    for name in ((f.name, "n_sources") if f.kind == "sources" else (f.name,))
))

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
SUB_EVENT_TYPES: tuple[str, ...] = tuple(sorted({s for subs in ACLED_TYPES.values() for s in subs}))


def is_acled_type(event_type: str, sub_event_type: str) -> bool:
    return sub_event_type in ACLED_TYPES.get(event_type, frozenset())


# ACLED's precision codes, as the dashboard words them.
TIME_PRECISION: dict[int, str] = {1: "exact day", 2: "within a week", 3: "month only"}
GEO_PRECISION: dict[int, str] = {1: "the place itself", 2: "near the place", 3: "region only (drawn at its main town)"}
# The review states: extraction's output until a person saves it.
STATUSES: tuple[str, ...] = ("extracted", "reviewed")


def to_stored(f: IncidentField, value: Any) -> Any:
    """A field's value as the store keeps it (lists of names as JSON text)."""
    if f.kind == "names":
        return json.dumps(list(value)) if value else "[]"  # most lists of an import are empty
    return value


def from_stored(f: IncidentField, value: Any) -> Any:
    """A stored value back as the record's (the inverse of to_stored; dates from text too)."""
    if f.kind == "names":
        return tuple(json.loads(value)) if isinstance(value, str) else tuple(value)
    if f.kind == "date" and not isinstance(value, date):
        return date.fromisoformat(str(value)[:10])
    if f.kind == "bool":
        return bool(value)
    if value is None:
        return None
    return {"int": int, "real": float, "text": str}.get(f.kind, lambda v: v)(value)
