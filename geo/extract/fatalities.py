"""How many people an incident killed, as ACLED codes it: the number the report gives.

"killing 18", "four civilians were killed", "at least 70 dead", "the death toll rose to 24" and
"12 adults and two children were killed" give 18, 4, 70, 24 and 14; "no casualties" gives 0; a
sentence that gives no number gives None (ACLED's 0 means "none reported"; here a missing number
stays missing, so that a reviewer can tell the two apart). Bounds are kept as the number ("at
least 70" is 70, "more than 21" is 21). Which incident a toll belongs to is decided by
geo.extract.pipeline: a toll that covers several places is not copied to each.

The words (number words, death words, toll nouns, qualifiers, victims, "nobody died" phrases)
are lists in DATA_DIR/fatalities/; this module compiles them once per data folder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geo.errors import BadInput
from geo.extract.cues import word_list
from geo.paths import DATA_DIR
from geo.wordlists import read_table, where

FOLDER = "fatalities"
# A number in figures: "24", "1,200". Four-digit figures from 1900 to 2100 without a comma are
# years ("in 2022 killed"), never tolls.
_FIGURE = r"\d{1,3}(?:,\d{3})+|\d{1,6}"
_YEAR = re.compile(r"(?:19|20)\d\d|2100")
# Killing by hand ("hacked to death 20 villagers", "stabbed two men to death"): the verbs
# before "to death", which alone (without a number) say nothing of deaths.
_BY_HAND = r"(?:hacked|hacking|stabbed|stabbing|clubbed|bludgeoned|beaten|beating|burned|burnt|burning)"
# "between" just before the first figure of "ten and 15": a range, not a sum.
_BETWEEN = re.compile(r"\b(?:between|from)\s+$", re.IGNORECASE)
# A word between a number and the death word ("four Ukrainian soldiers were killed"): not a figure,
# and not a word that ends the noun phrase (a verb of wounding, a conjunction, a preposition).
_STOP_WORDS = ("injured|wounded|hurt|and|or|were|was|is|are|have|has|had|been|in|on|at|by|after|when|"
               "while|during|with|from|as|the|that|which|who")
_WORD = rf"(?!(?:{_STOP_WORDS})\b)(?![\d,]+(?![\w-]))[\w’'-]+"
# A noun in quotation marks ("terrorists", as a report quotes an army's word for its enemy).
_QUOTED = "[\"“‘]?"
_UNQUOTED = "[\"”’]?"


@dataclass(frozen=True)
class FatalityPatterns:
    """The compiled patterns of one data folder."""

    numbers: dict[str, int]  # number words: "four" -> 4
    before_death: re.Pattern[str]  # "four civilians were killed", "24 dead"
    after_death: re.Pattern[str]  # "killing 18"
    left_dead: re.Pattern[str]  # "left 40 dead"
    toll: re.Pattern[str]  # "the death toll rose to 24"
    addend: re.Pattern[str]  # "12 adults and " before "two children were killed"
    more_after: re.Pattern[str]  # "killing 20 students" then " and two teachers": 22
    whole: re.Pattern[str]  # "15 people, including " before "five children were killed": the whole
    part_in: re.Pattern[str]  # "killed 20 across Gaza, including eight in" a house in Rafah: Rafah's
    each_in: re.Pattern[str]  # "killed three people in" Odesa "and two in" Dnipro: each place's own
    none: re.Pattern[str]  # "no casualties"
    superseded: re.Pattern[str]  # "had earlier reported a toll of one": no toll of its own


@lru_cache(maxsize=4)
def load_fatality_patterns(data_dir: Path = DATA_DIR) -> FatalityPatterns:
    """The fatality patterns of a data folder; geo.errors.BadInput names a bad file and line."""
    folder = data_dir / FOLDER
    numbers: dict[str, int] = {}
    path = folder / "number_words.csv"
    for row in read_table(path, ("word", "value")):
        try:
            numbers[" ".join(row["word"].lower().split())] = int(row["value"])
        except ValueError:
            raise BadInput(f"{where(path, row.line, 'value')}: not a whole number: {row['value']!r}") from None
    tens = sorted((w for w, v in numbers.items() if v % 10 == 0 and 20 <= v <= 90), key=len, reverse=True)
    units = sorted((w for w, v in numbers.items() if 1 <= v <= 9 and " " not in w and len(w) > 2), key=len, reverse=True)
    words = sorted(numbers, key=len, reverse=True)  # longest first: "a dozen" before "a"
    spaced = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)
    word_number = rf"(?:{'|'.join(map(re.escape, tens))})[\s-]+(?:{'|'.join(map(re.escape, units))})|{spaced}"
    number = rf"(?P<n>{_FIGURE}|\b(?:{word_number})\b)"
    qualifier = rf"(?:(?:{word_list(folder, 'qualifiers')})\s+)?"
    death = word_list(folder, "death_words")
    victims = word_list(folder, "victim_nouns")
    # The noun phrase between a number and the death word ends in a victim noun ("civilians",
    # "children") or a capitalised plural ("Palestinians"), or is empty ("24 dead", "Four died").
    # Without that, "a drone attack killed five" would read "a ... killed" as one death.
    # The victim noun may be quoted and followed by whose they were ("four soldiers of the
    # Pakistan army", "12 "terrorists"").
    # ... and a second noun joined to it without a number of its own ("50 soldiers and VDP were
    # killed", "20 soldiers and militiamen"): the count holds both.
    victim_phrase = (rf"(?:(?:\s+{_WORD}){{0,3}}?\s+{_QUOTED}(?:{victims}|[A-Z][a-z]+s)\b{_UNQUOTED}"
                     rf"(?:\s+and\s+(?-i:[A-Z]{{2,}})\b|\s+and\s+(?:{victims})\b)?"
                     rf"(?:\s+of\s+(?:the\s+)?(?:{_WORD}\s+)?{_WORD})?)?")
    return FatalityPatterns(
        numbers=numbers,
        before_death=re.compile(
            rf"\b{qualifier}{number}{victim_phrase}(?:\s+of\s+them)?,?\s+"
            r"(?:(?:were|was|have\s+been|has\s+been|had\s+been|are|is|being|got)\s+)?"
            r"(?:(?:reportedly|confirmed|later|also|all|both|now|feared|believed|said\s+to\s+be)\s+)?"
            rf"(?:{death}|deaths|fatalities)\b",
            re.IGNORECASE,
        ),
        after_death=re.compile(
            rf"\b(?:killing|killed|kills|kill|claimed\s+the\s+lives\s+of|claiming\s+the\s+lives\s+of|"
            # (not "executed": "executed 3 search warrants")
            rf"behead(?:ed|ing)|massacr(?:ed|ing)|slaughter(?:ed|ing)|shot\s+dead|shooting\s+dead|gunned\s+down|"
            rf"{_BY_HAND}\s+to\s+death)"
            rf"\s+{qualifier}{number}"
            rf"(?!\s*(?:%|percent|per\s+cent|km|kilomet|miles?|metres|meters|years|days|hours|am|pm|a\.m|p\.m)\b)",
            re.IGNORECASE,
        ),
        # "left 40 dead", and "hacked 20 villagers to death"
        left_dead=re.compile(rf"\b(?:leaving|left|{_BY_HAND})\s+{qualifier}{number}{victim_phrase}\s+"
                             r"(?:dead|killed|to\s+death)\b", re.IGNORECASE),
        toll=re.compile(
            rf"\b(?:{word_list(folder, 'toll_words')})(?:\s+[\w’'-]+){{0,3}}?\s+"
            r"(?:(?:of|at|to|is|was|stands\s+at|stood\s+at|reached|rose\s+to|has\s+risen\s+to|had\s+risen\s+to|"
            r"climbed\s+to|increased\s+to|jumped\s+to|hit)\s+)?"
            rf"{qualifier}{number}",
            re.IGNORECASE,
        ),
        more_after=re.compile(
            rf"(?:\s+{_WORD}){{0,3}}?\s+and\s+{number}(?:\s+(?:other|more))?\s+{_QUOTED}(?:{victims}|[A-Z][a-z]+s)\b{_UNQUOTED}"
            r"(?!\s+(?:(?:were|was|are)\s+)?(?:injured|wounded|hurt|missing|arrested|abducted|kidnapped))",
            re.IGNORECASE,
        ),
        addend=re.compile(rf"\b{number}(?:\s+{_QUOTED}{_WORD}{_UNQUOTED}){{0,3}}\s*(?:,|and)\s*$", re.IGNORECASE),
        whole=re.compile(rf"\b{qualifier}{number}(?:\s+{_QUOTED}{_WORD}{_UNQUOTED}){{0,3}}\s*,\s*"
                         r"(?:including|among\s+them|among\s+whom|of\s+whom)\s+$", re.IGNORECASE),
        part_in=re.compile(rf"\b(?:including|among\s+them)\s+{number}(?:\s+{_WORD}){{0,5}}?\s+(?:in|at|near)\s+", re.IGNORECASE),
        # ("two people were killed in X and one in Y": a verb of the passive may come before "in")
        each_in=re.compile(rf"\b{number}(?:\s+{_WORD}){{0,3}}?(?:\s+(?:were|was|have\s+been|had\s+been)\s+[a-z]+)?"
                           r"\s+(?:in|at|near)\s+", re.IGNORECASE),
        none=re.compile(rf"\b(?:{word_list(folder, 'no_deaths')})\b", re.IGNORECASE),
        superseded=re.compile(rf"\b(?:{word_list(folder, 'superseded')})\b", re.IGNORECASE),
    )


def _value(text: str, patterns: FatalityPatterns) -> int | None:
    """A number as written: figures, a number word, or tens and units ("twenty-five")."""
    text = text.strip()
    if text[:1].isdigit():
        if _YEAR.fullmatch(text):
            return None
        return int(text.replace(",", ""))
    key = " ".join(text.lower().replace("-", " ").split())
    if key in patterns.numbers:
        return patterns.numbers[key]
    parts = key.split()
    if len(parts) == 2 and parts[0] in patterns.numbers and parts[1] in patterns.numbers:
        return patterns.numbers[parts[0]] + patterns.numbers[parts[1]]
    return None


def part_before(text: str, at: int, patterns: FatalityPatterns | None = None) -> int | None:
    """The toll a sentence gives the place named at `at` as a part of a larger one: "killed at least
    20 across the Gaza Strip, including eight in a house in Rafah" gives Rafah 8. None without one."""
    patterns = patterns or load_fatality_patterns()
    window = max(0, at - 80)
    found = [m for m in patterns.part_in.finditer(text, window, at)
             if not re.search(r"[.;]|\b(?:and|while)\b", text[m.end():at])]
    return _value(found[-1].group("n"), patterns) if found else None


def own_tolls(text: str, places_at: list[int], patterns: FatalityPatterns | None = None) -> list[int] | None:
    """The toll of each place of a sentence that gives every one of them its own number: "killed
    three people in the port city of Odesa and two in Dnipro" gives [3, 2]. None when a place has
    no number right before it (a toll over several places is no one place's)."""
    patterns = patterns or load_fatality_patterns()
    # Where the numbers of the dead start: "killed three", "two soldiers were killed"; a number
    # that only follows one of them after "and" ("and two in Dnipro") counts the dead too, but
    # "hit 14 buildings in X" or "wounded 11 in X" does not.
    dead = {m.start("n") for pattern in (patterns.before_death, patterns.after_death, patterns.left_dead)
            for m in pattern.finditer(text)}
    if not dead:
        return None
    tolls: list[int] = []
    for at in places_at:
        found = [m for m in patterns.each_in.finditer(text, max(0, at - 80), at)
                 if not _BREAK.search(text, m.end(), at)]
        # the nearest number that counts the dead ("six soldiers were killed in strikes on an air
        # defence unit in Kisweh": six, not "an")
        counted = [n for n in found if n.start("n") in dead
                   or bool(tolls) and _AND_THEN.search(text, max(0, n.start("n") - 6), n.start("n"))]
        value = _value(counted[-1].group("n"), patterns) if counted else None
        if value is None:
            return None
        tolls.append(value)
    return tolls


# Where a sentence's coordinated clauses meet: ", and four more were killed when ...", "; ...",
# ", while another ..." (each may tell its own event with its own toll).
_CLAUSE_JOIN = re.compile(r",\s+(?:and|while|whereas)\s+|;\s+")


def clause_tolls(text: str, places_at: list[int], patterns: FatalityPatterns | None = None) -> list[int] | None:
    """The toll of each place of a sentence whose coordinated clauses each name one of its places
    and give their own number: "A strike on a car in Gaza City killed three people, and four more
    were killed when a tent was hit in al-Mawasi" gives [3, 4]. None otherwise (a clause with two
    places or none of them, or without a number)."""
    patterns = patterns or load_fatality_patterns()
    bounds = [0, *(m.end() for m in _CLAUSE_JOIN.finditer(text)), len(text) + 1]
    if len(bounds) < 3:
        return None
    parts = list(zip(bounds, bounds[1:]))
    where = [next(k for k, (a, b) in enumerate(parts) if a <= at < b) for at in places_at]
    if len(set(where)) != len(where):
        return None  # two places in one clause: whose number is it?
    tolls: list[int] = []
    for k in where:
        a, b = parts[k]
        n = fatalities_in(text[a:b], patterns)
        if n is None:
            return None
        tolls.append(n)
    # a clause that names no place but counts dead would be a toll of its own: no one's
    if any(k not in where and fatalities_in(text[a:b], patterns) for k, (a, b) in enumerate(parts)):
        return None
    return tolls


# Between a place's number and the place: no other number (a name with a digit in it, "the T4
# airbase", is no number), no end of a clause, no "and".
_BREAK = re.compile(r"[.;,]|\b\d|\b(?:and|while)\b")
# A short aside in brackets right before the verb ("VDP (Volunteers ...) were killed"); not a
# dateline's "(Reuters)", which stands between a date's number and the story.
_ASIDE = re.compile(r"(?<=\w)\s*\([^()]{1,80}\)(?=\s+(?:were|was|have|has|had|are|is)\b)")
# "... and " right before a number: it goes on counting what the number before it counted.
_AND_THEN = re.compile(r"\band\s+$")


def fatalities_in(text: str, patterns: FatalityPatterns | None = None) -> int | None:
    """The deaths a sentence (or clause) reports; None when it gives no number.

    Several figures in one sentence ("two were killed ... the toll rose to five") give the
    largest: a sentence's figures are parts and totals of one toll more often than separate
    tolls, and a sentence naming several places gets no toll at all (geo.extract.pipeline)."""
    patterns = patterns or load_fatality_patterns()
    if patterns.superseded.search(text):
        return None  # an earlier toll, replaced by the one the report now gives
    # "More than 50 soldiers and VDP (Volunteers for the Defence of the Homeland) were killed": an
    # aside in brackets stands between the count and its verb (blanked, so positions stay)
    text = _ASIDE.sub(lambda m: " " * len(m.group()), text)
    found: list[int] = []
    for pattern in (patterns.before_death, patterns.after_death, patterns.left_dead, patterns.toll):
        for m in pattern.finditer(text):
            value = _value(m.group("n"), patterns)
            if value is None:
                continue
            if pattern is patterns.after_death:
                # "killing at least 20 students and two teachers": the figures add up
                joined = patterns.more_after.match(text, m.end())
                extra = _value(joined.group("n"), patterns) if joined is not None else None
                if extra is not None:
                    value += extra
            if pattern is patterns.before_death:
                # "15 people, including five children, were killed": the part's sentence kills the whole
                whole = patterns.whole.search(text, max(0, m.start() - 60), m.start())
                total = _value(whole.group("n"), patterns) if whole is not None else None
                if total is not None:
                    found.append(total)
                    continue
                # "12 adults and two children were killed": the figures joined by "and" add up.
                # "between ten and 15 civilians": a range, coded as its lower end.
                added = patterns.addend.search(text, max(0, m.start() - 40), m.start())
                more = _value(added.group("n"), patterns) if added is not None else None
                if added is not None and more is not None:
                    ranged = _BETWEEN.search(text, max(0, added.start() - 12), added.start())
                    value = min(value, more) if ranged else value + more
            found.append(value)
    if found:
        return max(found)
    if patterns.none.search(text):
        return 0
    return None
