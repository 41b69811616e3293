"""Who asserts what: attribution in news sentences ("X said", "according to X", "X claimed")."""

from __future__ import annotations

import re
from functools import lru_cache

from geo.extract.actors import ANAPHOR, ActorTable, find_actors, load_actors

_VERBS = (
    r"said|says|claimed|claims|claim|reported|reports|alleged|alleges|stated|states|announced|announces|told|tells|"
    r"wrote|writes|confirmed|confirms|admitted|admits|insisted|insists|added|noted|posted|released|published|"
    r"took responsibility|claimed responsibility|has claimed|have claimed|has also claimed|also claimed|also released"
)
# "Vyacheslav Gladkov, the governor of Russia's Belgorod region, said" / "The group said"
SUBJECT_VERB = re.compile(
    rf"(?P<who>(?:[A-Z][\w'’.&-]*\s+(?:of\s+(?:the\s+)?)?){{0,6}}[A-Z][\w'’.&-]*|(?:the|its|this)\s+(?:\w+\s+){{0,2}}(?:group|legion|militia|corps|source|ministry|governor|authorities|officials|military|army|spokes\w+)|they|it)"
    rf"(?:,\s+[^,]{{3,80}},)?\s+(?:also\s+|has\s+|have\s+|had\s+)?(?:{_VERBS})\b"
)
# ", the group said." / ", Reuters reported." after the claim
TRAILING = re.compile(rf",\s+(?P<who>[^,]{{2,60}}?)\s+(?:{_VERBS})[.!]?[\"”]?\s*$")
ACCORDING = re.compile(r"\b(?:according to|per|citing|as reported by)\s+(?P<who>[^,.;:]{2,80})", re.IGNORECASE)
_LEADING = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
# Subjects that say nothing about who claims: "Reports say", "It said that photos ..."
_EMPTY_SUBJECTS = frozenset({"it", "they", "he", "she", "reports", "report", "this", "that", "there", "what"})


def _canonical(who: str, main: str | None, table: ActorTable | None) -> str | None:
    who = who.strip(" \"'“”‘’")
    if not who:
        return None
    actor = _first_actor(who) if table is None or table is load_actors() else next(
        (a.name for a in find_actors(who, table)), None)
    if actor:
        return actor
    if ANAPHOR.fullmatch(who) or re.fullmatch(r"(?:the|its)\s+(?:\w+\s+)?(?:group|legion|militia|corps)", who, re.I):
        return main
    if who.lower() in _EMPTY_SUBJECTS:
        return None
    who = _LEADING.sub("", who)
    # "Russia's TASS state-run news agency" -> keep the name and drop the description
    caps = re.findall(r"(?:[A-Z][\w'’.&-]*(?:\s+of(?:\s+the)?)?\s*)+", who)
    named = [c.strip() for c in caps if c.strip() and not re.fullmatch(r"[A-Z][a-z]+['’]s", c.strip())]
    if named:
        best = max(named, key=len)
        return re.sub(r"\s+of(?:\s+the)?$", "", best)
    return None if who[:1].islower() and len(who.split()) > 4 else who[:60]


@lru_cache(maxsize=8192)
def _first_actor(who: str) -> str | None:
    """The first actor of the standard table named in who (claimant phrases repeat: cached)."""
    return next((a.name for a in find_actors(who)), None)


def claimants(sentence: str, main: str | None, table: ActorTable | None = None) -> list[str]:
    """Who the sentence says asserts its content, in order, without repeats; [] when it does not say."""
    found: list[tuple[int, str]] = []
    for pattern in (ACCORDING, SUBJECT_VERB, TRAILING):
        for m in pattern.finditer(sentence):
            who = _canonical(m.group("who"), main, table)
            if who:
                found.append((m.start(), who))
    out: list[str] = []
    for _, who in sorted(found):
        if who not in out:
            out.append(who)
    return out
