"""Who asserts what: attribution in news sentences ("X said", "according to X", "X claimed").

The attribution verbs and phrases, speaker nouns and empty subjects are lists in DATA_DIR/cues/
(geo.extract.cues compiles them): SUBJECT_VERB "Vyacheslav Gladkov, the governor of Russia's
Belgorod region, said" / "The group said"; TRAILING ", the group said." / ", Reuters reported."
after the claim; ACCORDING "according to X". Subjects that say nothing about who claims ("Reports
say", "It said that photos ...") are dropped."""

from __future__ import annotations

import re
from functools import lru_cache

from geo.extract.actors import UNIDENTIFIED, ActorTable, find_actors, load_actors
from geo.extract.cues import Cues, load_cues

_LEADING = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_RELATIVE_PRONOUN = re.compile(r"^(?:which|who|whom|that)\s+", re.IGNORECASE)
# ... and a description before a name ("the Britain-based Syrian Observatory for Human Rights")
_LEADING_DESCRIPTION = re.compile(r"^(?:(?i:the|a|an)\s+)?[A-Z][\w'’.]*-(?:based|led|backed|run|linked|aligned|allied|"
                                  r"owned|funded)\s+(?=[A-Z])")
# The subject of a possible denial: a capitalised name of up to five words, or "the army" and the
# like, right before what it says (geo/data/cues/denial_statements.txt).
_DENIER = re.compile(r"(?P<who>[Tt]he\s+(?:[\w'’]+\s+)?(?:army|military|ministry|government|group|militia|forces)"
                     r"|(?:[A-Z][\w'’.&-]*\s+(?:of\s+(?:the\s+)?)?){0,4}[A-Z][\w'’.&-]*)(?=[\s,])")
# Words that are no party: weekdays, months, and cue words taken for names at a sentence's start.
_NOT_A_PARTY = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|April|May|June|July|"
                          r"August|September|October|November|December|Shelling|Clashes|Fighting|"
                          r"Sources?|Reports?|Official", re.IGNORECASE)


# A title that begins an institution's name: "the General Staff", "the General Command".
_STAFF = re.compile(r"(?:[A-Z][\w'’-]*\s+)?General\s+(?:Staff|Command|Headquarters)", re.IGNORECASE)

# A nation's adjective before the speaker's common nouns: "Ukrainian officials", "Syrian state media".
_DEMONYM_NOUN = re.compile(r"[A-Z][\w'’-]*(?:an|ese|ish|i|ch)(?:\s+[a-z][\w'’-]*){1,3}")

# Capitalised words, then people who belong to no organisation ("Mulekera residents", "Local medics"),
# or a place's officials named by its place ("Sinaloa state prosecutors", not the state).
_PEOPLE_OF = re.compile(r"(?:[A-Z][\w'’-]*\s+){1,3}(?:(?:state|regional|local|provincial|district|city|county|federal)\s+)?"
                        r"(?:residents|witnesses|medics|doctors|villagers|locals|survivors|prosecutors|police|officials|"
                        r"authorities|officers|investigators)")
# A place's public body named by one capitalised word and its lower-case noun phrase ("Gaza civil
# emergency service", "Kharkiv regional military administration"): the body, not the place.
_BODY_OF = re.compile(r"[A-Z][a-z][\w'’-]*(?:\s+[a-z][\w-]*){0,3}\s+(?:service|ministry|agency|office|authority|"
                      r"administration|department|directorate|headquarters|committee|council|command|centre|center)")

# "the agency cited the health ministry's emergency unit as saying": the one cited speaks.
_CITED_AS_SAYING = re.compile(r"\b(?:cited|quoted|citing|quoting)\s+(?P<who>[^,.;:“”\"]{2,80}?)\s+as\s+say(?:ing|s)\b")

# Between two speakers of one statement: "residents and a local official said".
# After a verb of saying: whom it was told, a colon, a quotation mark ("told Reuters: “This ...").
_QUOTE_FOLLOWS = re.compile(r"(?:\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)?)?\s*:\s*[“\"‘']")
# A preposition right before a name: the name is its object, not the subject of the verb after it.
_GOVERNED = re.compile(r"\b(?:of|in|near|from|at|to|outside|into)\s+$")
# One noun (with an adjective) and whose it is: "relative of one of the victims".
_WHOSE_NOUN = re.compile(r"[a-z][\w'’-]*(?:\s+[a-z][\w'’-]*)?\s+of\s+")
_AND = re.compile(r"\s*,\s*|\s+and\s+")

# A capitalised word that only describes a speaker: "Britain-based", "Iranian-backed", "Kurdish-led".
_DESCRIBES = re.compile(r"[A-Z][\w'’.]*-(?:based|led|backed|run|linked|aligned|allied|born|owned|funded)", re.IGNORECASE)


def _canonical(who: str, main: str | None, table: ActorTable | None, cues: Cues) -> str | None:
    # (a description before the name goes first: "the Houthi-run Al-Masirah TV" is the channel; and
    # the relative pronoun of "the attack in Bannu, which the group claimed")
    who = _LEADING_DESCRIPTION.sub("", _RELATIVE_PRONOUN.sub("", who.strip(" \"'“”‘’")))
    if not who:
        return None
    actor = _first_actor(who) if table is None or table is load_actors() else next(
        (a.name for a in find_actors(who, table)), None)
    if actor:
        return actor
    if cues.home_forces.fullmatch(who):
        return _LEADING.sub("", who)  # "the armed forces said": a state's forces, no armed group told of before
    if cues.anaphor.fullmatch(who) or re.fullmatch(r"(?:the|its)\s+(?:\w+\s+)?(?:group|legion|militia|corps)", who, re.I):
        return main
    if who.lower() in cues.empty_subjects:
        return None
    who = _LEADING.sub("", who)
    if not _STAFF.fullmatch(who):  # ("the General Staff" is no general)
        untitled = cues.person_title.sub("", who)  # "Governor Vadym Filashkin": the person is the name
        # ... but a title with whose it is names the speaker: "the head of the village council"
        who = who if untitled.lstrip().startswith("of ") else untitled
    who = re.sub(r"['’]s$", "", who)  # "Russia's": the party, not its possessive
    if not who or _NOT_A_PARTY.fullmatch(who):
        return None
    if _DEMONYM_NOUN.fullmatch(who) or _PEOPLE_OF.fullmatch(who) or _BODY_OF.fullmatch(who):
        # "Ukrainian officials": the nation's word alone would name a people, not who spoke;
        # "Mulekera residents", "Local witnesses": people of a place, no organisation's members
        return who
    # "Russia's TASS state-run news agency" -> keep the name and drop the description
    # ("for" inside a name: "the Syrian Observatory for Human Rights")
    caps = re.findall(r"(?:[A-Z][\w'’.&-]*(?:\s+(?:of|for)(?:\s+the)?)?\s*)+", who)
    # "the Britain-based monitor", "the Kurdish-led SDF": a capitalised adjective is no name
    caps = [c for c in caps if not _DESCRIBES.fullmatch(c.strip())]
    # ... but no day or cue word: "..., said the attack occurred on Tuesday" names no speaker
    days = [c for c in caps if _NOT_A_PARTY.fullmatch(c.strip())]
    named = [c.strip() for c in caps if c.strip() and not re.fullmatch(r"[A-Z][a-z]+['’]s", c.strip())
             and c not in days]
    if named:
        best = max(named, key=len)
        return re.sub(r"\s+of(?:\s+the)?$", "", best)
    if days:
        return None  # a clause with a date in it, not a speaker
    # a lower-case phrase of more than four words is a clause, not a speaker, unless it is one noun
    # and whose it is ("a relative of one of the victims", "the head of the village council")
    if who[:1].islower() and len(who.split()) > 4 and not (len(who.split()) <= 7 and _WHOSE_NOUN.match(who)):
        return None
    return who[:60]


@lru_cache(maxsize=8192)
def _first_actor(who: str) -> str | None:
    """The first actor of the standard table named in who (claimant phrases repeat: cached)."""
    return next((a.name for a in find_actors(who)), None)


def claimants(sentence: str, main: str | None, table: ActorTable | None = None, cues: Cues | None = None) -> list[str]:
    """Who the sentence says asserts its content, in order, without repeats; [] when it does not say.

    table and cues: a data folder's actors and cue lists; the default folder's unless given."""
    return attributions(sentence, main, table, cues)[0]


def speakers_named(said_by: str, main: str | None, table: ActorTable | None = None,
                   cues: Cues | None = None) -> list[str]:
    """The claimants a phrase naming who spoke gives ("police and witnesses", "Governor Vadym
    Filashkin", "DeepState"), each as claims name them; [] when it names no party."""
    cues = cues or load_cues()
    said_by = said_by.strip()
    # "police and witnesses said", "residents and a local official said": each speaker is a
    # claimant. (A capitalised name with "and" in it, "the Ministry of Culture and Sport", is one.)
    parts = _AND.split(said_by) if said_by[:1].islower() else []
    speakers = [w for part in parts if (w := _canonical(part, main, table, cues))]
    if not speakers and (who := _canonical(said_by, main, table, cues)):
        speakers = [who]
    # (attackers a report leaves unnamed tell nothing: "reports from villagers about armed men
    # extorting money, said Lt. Col. X" is X's word)
    kinds = (table or load_actors()).kinds
    return [w for w in speakers if kinds.get(w) != UNIDENTIFIED]


def attributions(sentence: str, main: str | None, table: ActorTable | None = None,
                 cues: Cues | None = None) -> tuple[list[str], list[str]]:
    """Who the sentence says asserts its content, and who it says denies it ("Kyiv said it was
    not responsible", "the army denied"), each in order without repeats. A party that denies is
    not a claimant."""
    cues = cues or load_cues()
    found: list[tuple[int, int, str, bool]] = []  # (where, which of its speakers, who, denies), sorted below
    for pattern in (cues.according, cues.subject_verb, cues.trailing):
        for m in pattern.finditer(sentence):
            if pattern is cues.subject_verb and _GOVERNED.search(sentence, max(0, m.start() - 12), m.start()):
                continue  # "south of Quetta, the capital of the province, said X": a place, not who spoke
            speakers = speakers_named(m.group("who") or m.groupdict().get("inverted") or "", main, table, cues)
            # "'... This is not true,' the spokesman said": who speaks after a quotation that denies, denies
            # ... and so does who speaks before one: "X told Reuters: “This is not true.”"
            denies = pattern is not cues.according and bool(
                cues.denial_quote.search(sentence, 0, m.start())
                or _QUOTE_FOLLOWS.match(sentence, m.end()) and cues.denial_quote.search(sentence, m.end()))
            found.extend((m.start(), k, w, denies) for k, w in enumerate(speakers))
    for m in _CITED_AS_SAYING.finditer(sentence):
        who = _canonical(m.group("who"), main, table, cues)
        if who:
            found.append((m.start("who"), 0, who, False))
    for m in _DENIER.finditer(sentence):
        if cues.denial_statement.match(sentence, m.end()):
            who = _canonical(m.group("who"), main, table, cues)
            if who:
                found.append((m.start(), 0, who, True))
    deniers = list(dict.fromkeys(who for _, _, who, denies in sorted(found) if denies))
    claims = list(dict.fromkeys(who for _, _, who, denies in sorted(found) if not denies and who not in deniers))
    return distinct_names(claims), distinct_names(deniers)


def speaker_spans(sentence: str, cues: Cues) -> list[tuple[int, int]]:
    """Where the sentence names who speaks ("..., residents said", "according to villagers"):
    words there say who told the news, not whom it happened to."""
    spans = []
    for pattern in (cues.according, cues.subject_verb, cues.trailing):
        for m in pattern.finditer(sentence):
            if m.group("who"):
                spans.append(m.span("who"))
            if m.groupdict().get("inverted"):
                spans.append(m.span("inverted"))
    return spans


def distinct_names(names: list[str] | tuple[str, ...]) -> list[str]:
    """The names without repeats, a surname alone dropped beside the full name ("Oleh Syniehubov
    ... Syniehubov said", from one sentence or two reports of one incident), and a common noun
    beside the name that holds it ("prosecutors" beside "Kharkiv Oblast Prosecutor Office")."""
    unique = list(dict.fromkeys(names))
    # (and a word that begins the name beside it: "Iraqi" beside "Iraqi security sources")
    return [c for c in unique if not any(c != o and (o.endswith(" " + c) or o.startswith(c + " ") or _common_noun_of(c, o))
                                         for o in unique)]


def _common_noun_of(common: str, name: str) -> bool:
    """common is a lower-case noun the name holds: "prosecutors" beside "Kharkiv Oblast Prosecutor
    Office", "police" beside "Haitian National Police"."""
    if not common.islower() or " " in common:
        return False
    stem = common[:-1] if common.endswith("s") else common
    return any(w.casefold().rstrip("s") == stem for w in name.split()[1:] if w[:1].isupper())


# A title's holder named in the text: "Governor Alexander Bogomaz", "Gov. Oleg Synegubov", and
# "Vyacheslav Gladkov, the governor of the Belgorod region" (geo/data/cues/official_titles.txt).
_NAME = r"(?:[A-Z][\w'’-]+\s+){0,2}[A-Z][\w'’-]+"


@lru_cache(maxsize=4)
def _title_patterns(titles: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    before = re.compile(rf"\b(?P<title>(?i:{titles}|gov))\.?\s+(?P<name>{_NAME})")
    after = re.compile(rf"(?P<name>{_NAME}),\s+(?:the\s+|a\s+)?(?:[\w'’-]+\s+){{0,3}}?(?P<title>(?i:{titles}))\b")
    return before, after


def named_officials(text: str, cues: Cues) -> dict[str, str]:
    """Each title the text gives exactly one named person ("governor" -> "Alexander Bogomaz"), in
    lower case; a title held by two people names neither. "Gov." is a governor."""
    before, after = _title_patterns(cues.official_titles)
    holders: dict[str, set[str]] = {}
    for pattern in (before, after):
        for m in pattern.finditer(text):
            title = m.group("title").lower()
            title = "governor" if title == "gov" else title
            name = cues.person_title.sub("", m.group("name")).strip()
            if " " in name:  # a full name, not a lone word after a title ("President Putin")
                holders.setdefault(title, set()).add(name)
    return {t: next(iter(names)) for t, names in holders.items() if len(names) == 1}


def with_named_officials(claims: list[str], officials: dict[str, str], cues: Cues) -> list[str]:
    """Claimants as the article names them: "the governor", "a local governor" -> the governor it
    names elsewhere; "Bogomaz" -> "Alexander Bogomaz"; a bare lower-case word ("governor",
    "prosecutors") dropped beside a named claimant; function words ("is") dropped."""
    out: list[str] = []
    surnames = {name.rsplit(" ", 1)[-1]: name for name in officials.values()}
    for c in claims:
        words = c.split()
        last = words[-1].lower() if words else ""
        if c.lower() in cues.function_words or len(c) < 3:
            continue
        if all(w[:1].islower() for w in words) and last in officials:
            c = officials[last]
        elif len(words) == 1 and c in surnames:
            c = surnames[c]
        if c not in out:
            out.append(c)
    named = [c for c in out if c[:1].isupper()]
    if named:
        out = [c for c in out if c[:1].isupper() or " " in c]
    return out
