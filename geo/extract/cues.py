"""The English cue words of the extraction rules, read from the data folder's cues/ lists.

The word lists (attribution verbs, denial words, settlement nouns, prepositions of place...) are
data that users extend, so they live in DATA_DIR/cues/*.txt, one list a file, each saying what it
is for; the rules around them (what may stand between, what follows) stay here. Each list is
read once per data folder (load_cues is cached) and compiled into the same patterns the rules
always used: compiled once because the patterns run for every sentence, clause and name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geo.gazetteer.names import region_suffixes
from geo.paths import DATA_DIR
from geo.wordlists import alternation, read_patterns, read_table, read_words

CUES = "cues"


@dataclass(frozen=True)
class Cues:
    """The compiled cue patterns of one data folder."""

    # geo.extract.mentions
    region_after: re.Pattern[str]  # "X region", "X Oblast"
    region_before: re.Pattern[str]  # "the region of X"
    place_cue: re.Pattern[str]  # "near X", "the village of X", "shelled X"
    settlement_before: re.Pattern[str]  # "the village of X"
    settlement_after: re.Pattern[str]  # "X village", "X airbase"
    facility_after: re.Pattern[str]  # "X airbase": the noun is part of the facility's name
    district_after: re.Pattern[str]  # "Graivoron district": the district of a town
    district_adjectives: tuple[tuple[str, tuple[str, ...]], ...]  # "Klimovsky" -> "Klimov" + "o"
    unnamed_settlement: re.Pattern[str]  # "a village just over the border": named later, if at all
    person_before: re.Pattern[str]  # "President X"
    function_words: frozenset[str]
    group_adjectives: re.Pattern[str]  # "Christian villages": a community's name, not a place's
    outlet_words: frozenset[str]
    # geo.extract.actors and claims
    anaphor: re.Pattern[str]  # "the group", "its fighters"
    subject_verb: re.Pattern[str]  # "X said", "The group said"
    trailing: re.Pattern[str]  # ", the group said."
    according: re.Pattern[str]  # "according to X"
    empty_subjects: frozenset[str]
    denial_statement: re.Pattern[str]  # "X said it was not responsible": X denies
    denial_quote: re.Pattern[str]  # "'This is not true,' X said": X denies
    person_title: re.Pattern[str]  # "Governor " before a claimant's name: not part of it
    official_titles: str  # officials' titles, as one alternation (geo.extract.claims)
    # geo.extract.pipeline
    near: re.Pattern[str]  # "near X": ACLED geo_precision 2
    container_after: re.Pattern[str]  # "X village, which is in Y"
    container_before: re.Pattern[str]  # "the Y settlement of X"
    container_apposition: re.Pattern[str]  # "X, Y's southernmost city": Y holds X
    relative_after: re.Pattern[str]  # "X, which is 10 km from Y": Y is a reference point
    reference_before: re.Pattern[str]  # "near the border with X": X is a landmark
    sector_after: re.Pattern[str]  # "the Donetsk and Zaporizhzhia axes": X names a stretch of front
    campaign_after: re.Pattern[str]  # "Ukraine's Kursk incursion": X names a whole campaign
    distance_after: re.Pattern[str]  # "hospitals in Kaya, 40 kilometers away": a reference point
    street_after: re.Pattern[str]  # "Rivers Avenue": a street named after the place
    place_anaphor: re.Pattern[str]  # "in the neighbourhood": the place last named
    said_on: re.Pattern[str]  # "local medics said on Tuesday": the day of the statement
    official_of: re.Pattern[str]  # "the governor of X"
    official_in: re.Pattern[str]  # "officials in Kyiv": a capital as its government
    meeting_in: re.Pattern[str]  # "talks in Doha": where diplomats met, no place of the day's violence
    speaks: re.Pattern[str]  # "X said": a place as its government
    titled: re.Pattern[str]  # "Mulekera Mayor Ngongo Mayanga": a place naming an official
    locative: re.Pattern[str]  # "in X", "shelled X", "the outskirts of X": a capital as a place
    ongoing: re.Pattern[str]  # "reports ongoing clashes": dated at the report
    aircraft: re.Pattern[str]  # "fighter jets bombed": an event word only a state force's aircraft make
    photo_credit: re.Pattern[str]  # "Alamy Stock Photo": the line is a caption
    background_heading: re.Pattern[str]  # "Background:": the lines under it, up to a blank line, are context
    civilians: re.Pattern[str]  # "14 civilians were killed in attacks blamed on ADF": violence against civilians
    armed_targets: re.Pattern[str]  # "attacked a military base, killing 12 soldiers": a battle, not violence against civilians
    combatants: re.Pattern[str]  # "troops", "militants", "artillery": a story about armed men (event_triggers.csv)
    responsibility: re.Pattern[str]  # "claimed responsibility for the attack": whose the report before is
    blame: re.Pattern[str]  # "the government blamed the RSF for the strikes": who made the report before's attack
    event_anaphor: re.Pattern[str]  # "The attack took place in X": the sentence places the event told before
    part_of_town: re.Pattern[str]  # "'s Hodan district": a part of the town whose possessive comes before
    group_part_after: re.Pattern[str]  # "al-Qaeda's Sahel affiliate": a part of a group, no place
    accident: re.Pattern[str]  # "feared dead after a boat capsized": the dead of no incident
    no_comment: re.Pattern[str]  # "the army did not immediately comment": named as asked, not as acting
    repeated: re.Pattern[str]  # "struck Kyiv again": another event at a place already reported
    history: re.Pattern[str]  # "captured at the Battle of Richmond": a war of history
    new_story: re.Pattern[str]  # "Separately, ...": the sentence tells another event than the one before
    home_forces: re.Pattern[str]  # "the army", "government forces": the forces of the story's country
    state_acts: re.Pattern[str]  # "Russia launched 112 drones": the country's forces acted
    water_of: re.Pattern[str]  # "Gulf" before "of Aden": a sea's noun, no place of its own
    period: re.Pattern[str]  # "has been losing men in recent months": dated to the month
    negated: re.Pattern[str]
    negated_reach: int  # how far before an event word a denial can start
    habitual: re.Pattern[str]
    background_date: re.Pattern[str]  # "since Aug. 6", "last week": a date that is context
    # geo.extract.dates
    future: re.Pattern[str]
    # geo.extract.segment
    abbreviations: frozenset[str]

    def settlement_beside(self, text: str, start: int, end: int) -> bool:
        """A settlement noun names the place at text[start:end], directly or across its list:
        "the village of X", "X village", "the villages of W and X", "X and Y communities"."""
        return bool(self.settlement_before.search(text[max(0, start - SETTLEMENT_REACH_BEFORE):start])
                    or self.settlement_after.match(text[end:end + SETTLEMENT_REACH_AFTER]))


# A name in a list of settlements: "the villages of Al-Amiriya and Al-Hawawir", "several villages
# including Kazachya Loknya, Bogdanovka, Knyazhy", "Kwatas and Daffo communities": the settlement
# noun covers every name of the list (one to three capitalised words each).
_LISTED = r"[A-Z][\w'’-]*(?:\s+[A-Z0-9][\w'’-]*){0,2}"
# How far before and after a name a settlement noun of its list is looked for (characters).
SETTLEMENT_REACH_BEFORE, SETTLEMENT_REACH_AFTER = 120, 60


def word_list(folder: Path, name: str) -> str:
    """The entries of folder/name.txt as one alternation of patterns (geo.wordlists' rules)."""
    return alternation(read_patterns(folder / f"{name}.txt"))



def _words(folder: Path, name: str) -> frozenset[str]:
    return frozenset(w.lower() for w in read_words(folder / f"{name}.txt"))


# A word of a name written out: capitalised, an abbreviation before the next ("Brig. Gen. Yahya
# Saree"), or Arabic's article joined to it ("al-Jolani").
_NAME_WORD = r"(?:[A-Z][\w'’-]*(?:\.(?=\s))?|(?:al|el|ad|as|ar|an|at)-[\w'’-]+)"

@lru_cache(maxsize=4)
def load_cues(data_dir: Path = DATA_DIR) -> Cues:
    """The cue patterns of a data folder, read and compiled once per folder.

    Raises geo.errors.BadInput naming the file and line of an entry that is not a valid pattern."""
    folder = data_dir / CUES
    verbs = word_list(folder, "attribution_verbs")
    anaphor_adjectives = word_list(folder, "anaphor_adjectives")
    anaphor_nouns = word_list(folder, "anaphor_nouns")
    denials = read_patterns(folder / "denial_words.txt")
    # A settlement's or a facility's noun after a name: "Terebreno village", "the Ayn al-Asad airbase".
    settlement_nouns = f"{word_list(folder, 'settlement_after')}|{word_list(folder, 'facility_nouns')}"
    # ... and before one: "the village of Kozinka", "the port of Hodeidah"
    settlements_before = word_list(folder, "settlement_before")
    return Cues(
        region_after=re.compile(rf"\s+({alternation(region_suffixes(data_dir))})\b", re.IGNORECASE),
        region_before=re.compile(rf"\b({word_list(folder, 'region_of')})\s+of\s+$", re.IGNORECASE),
        place_cue=re.compile(
            rf"\b(?:{word_list(folder, 'place_prepositions')}|{word_list(folder, 'place_nouns')}|{word_list(folder, 'place_verbs')})"
            # (who holds the place may stand between: "captured Russian-held Kupiansk")
            r"\s+(?:the\s+)?(?:[A-Z][\w'’]*-(?:held|controlled|occupied|captured|seized|run)\s+)?$",
            re.IGNORECASE,
        ),
        # (a list only after a plural: "the villages of A, B and C"; "the town of Seltso, Russian
        # Telegram channels reported" names one town)
        settlement_before=re.compile(
            rf"\b(?:(?i:{settlements_before})(?<![sS])\s+(?i:of\s+)?(?:the\s+)?"
            rf"|(?i:{settlements_before})(?<=[sS])\s+(?i:of\s+|including\s+|such\s+as\s+)?(?:the\s+)?"
            rf"(?:{_LISTED}(?:,\s+(?:and\s+)?|\s+and\s+))*)$"
        ),
        district_after=re.compile(rf"\s+(?i:{word_list(folder, 'district_nouns')})\b"),
        district_adjectives=tuple(
            (r["ending"].strip().lower(), tuple(t.strip() for t in r["towns"].split(";")))
            for r in read_table(folder / "district_adjectives.csv", ("ending", "towns"))),
        unnamed_settlement=re.compile(rf"\b(?:a|an|one)\s+(?:[a-z-]+\s+)?(?i:{settlements_before})\b"),
        settlement_after=re.compile(rf"^(?:(?:,\s+(?:and\s+)?|\s+and\s+){_LISTED})*\s+(?i:{settlement_nouns})\b"),
        facility_after=re.compile(rf"\s+(?i:{word_list(folder, 'facility_nouns')})\b"),
        person_before=re.compile(rf"\b{word_list(folder, 'person_titles')}\.?\s+$", re.IGNORECASE),
        function_words=_words(folder, "function_words"),
        group_adjectives=re.compile(rf"(?i:{word_list(folder, 'group_adjectives')})"),
        outlet_words=_words(folder, "outlet_words"),
        anaphor=re.compile(
            rf"\b(?:the|this|that|its|their)\s+(?:{anaphor_adjectives}\s+)?{anaphor_nouns}\b", re.IGNORECASE
        ),
        subject_verb=re.compile(
            rf"(?P<who>(?:[A-Z][\w'’.&-]*\s+(?:(?:of|for)\s+(?:the\s+)?)?){{0,6}}[A-Z][\w'’.&-]*|(?:[Tt]he|[Ii]ts|[Tt]his|[Aa]n?|[A-Z][\w'’.&-]*)\s+(?:[\w'’-]+\s+){{0,2}}{word_list(folder, 'speaker_nouns')}|they|it)"
            # ("DeepState analysts have updated the map and reported that ...": a first verb and
            # its object may come before the verb of saying)
            rf"(?:,\s+[^,]{{3,80}},)?\s+(?:(?:also|has|have|had)\s+){{0,2}}(?:[a-z]+ed\s+(?:[\w'’-]+\s+){{0,3}}?and\s+)?{verbs}\b"
        ),
        # "..., police said." and "..., police said on Wednesday." (or "said Wednesday"): the speaker after the report
        # ... and "..., said Saree." with the verb first; where they said it may come between
        # ("said in a statement on Wednesday", "told local media", "wrote on Telegram")
        # ("one resident, who declined to be named, told RFA": a relative clause may follow the
        # speaker; "..., told RFA" after a report names whom it was told, not who told it)
        trailing=re.compile(rf",\s+(?:(?P<who>[^,]{{2,90}}?)(?:,\s+(?:who|whose)\s+[^,]{{3,80}},)?\s+{verbs}"
                            r"(?:(?<=told)\s+[\w-]+(?:\s+[\w-]+)?)?"
                            r"(?:\s+(?:in|on|to|via|by|over)\s+(?:(?:a|an|the|its|his|her|their)\s+)?[\w-]+(?:\s+[\w-]+)?)?"
                            # (and the day it was said: "on Tuesday", "on Oct. 30", "on 30 October 2024")
                            r"(?:\s+(?:on|late|early|last|this)\s+(?:\d{1,2}\s+)?\w+\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s+\d{4})?"
                            r"|\s+(?:today|yesterday|overnight)|\s+[A-Z][a-z]+day)?"
                            # (who follows the verb by name, in capitalised words: "said Yahya Saree", not
                            # "said Russian forces attacked", which is what was said)
                            rf"|(?-i:said|says|added|wrote)\s+(?P<inverted>{_NAME_WORD}(?:\s+(?:(?:of|al|bin|ibn|de|da|van|von|the)\s+)?{_NAME_WORD}){{0,5}}|the\s+[^,]{{2,50}}?)(?:,\s+[^,]{{3,60}})?)"
                            # (at the sentence's end, or before more of what they said: ", adding that
                            # ..."; not before ", as tanks advanced in X", which they did not say)
                            # ... or before an aside that sums the event up: ", the latest mass kidnapping in ..."
                            r"(?:[.!]?[\"”]?\s*$|,\s+(?:adding|saying)\b|,\s+(?:the|a|an)\s+(?:latest|first|second|third|"
                            r"deadliest|worst|biggest|largest|bloodiest|most\s+\w+)\b)"),
        according=re.compile(rf"\b{word_list(folder, 'attribution_phrases')}\s+(?P<who>[^,.;:]{{2,80}})", re.IGNORECASE),
        empty_subjects=_words(folder, "empty_subjects"),
        denial_quote=re.compile(rf"\b{word_list(folder, 'denial_quotes')}\b", re.IGNORECASE),
        denial_statement=re.compile(rf"\s*(?:,[^,]{{3,80}},\s*)?(?:(?:also|has|have|had|on \w+)\s+)?(?:{word_list(folder, 'denial_statements')})\b",
                                    re.IGNORECASE),
        person_title=re.compile(rf"^(?:(?:{word_list(folder, 'person_titles')})\.?\s+)+", re.IGNORECASE),
        official_titles=word_list(folder, "official_titles"),
        # ("near the northern town of Macomia": the settlement's noun and its adjectives may stand between)
        near=re.compile(rf"\b{word_list(folder, 'near_words')}\s+(?:the\s+)?(?:(?:[a-z-]+\s+){{0,2}}"
                        rf"(?:{settlements_before})\s+of\s+)?$", re.IGNORECASE),
        container_after=re.compile(
            # ("Tabaivka, located in northeastern Ukraine's Kharkiv region": a direction may come
            # before the country's possessive or after it)
            rf"^\s*(?i:{settlement_nouns})?\s*,?\s*(?:(?:which|that)\s+(?:is|lies|sits)\s+(?:located\s+|situated\s+)?|(?:located|situated)\s+|(?:all|both|also)\s+)?(?:in|(?<=area\s)of)\s+"
            # ("the Kokernag area of south Kashmir's Anantnag district": an area of the place after it)
            r"(?:the\s+)?(?:(?:north|south)?-?(?:east|west)?(?:ern)?\s+(?=[A-Z][\w'’]*['’]s\s))?"
            r"(?:[A-Z][\w'’]*['’]s\s+)?(?:(?:north|south)?-?(?:east|west)?(?:ern)?\s+|central\s+)?"
            rf"(?:(?i:{word_list(folder, 'surroundings')})\s+of\s+(?:the\s+)?)?"  # "in the northern countryside of Omdurman"
            r"(?:capital,?\s+)?$"  # "Omdurman in the capital, Khartoum"
        ),
        # After Y in "X, Y's southernmost city": a possessive, up to three words, a settlement noun.
        container_apposition=re.compile(
            rf"['’]s\s+(?:[\w-]+\s+){{0,3}}?(?i:{settlements_before}|capital)\b"),
        container_before=re.compile(rf"^\s+(?:region['’]s\s+)?{word_list(folder, 'container_nouns')}\s+of\s+(?:the\s+)?$"),
        # Between two names: an optional "which is" or "located", an optional distance, a relative
        # word, then up to two words and a noun for the second ("the Iraqi capital", "the
        # recently captured"). A distance or a direction must be there, or "near".
        # An attribution verb, its speaker at most three words long ("told AFP", "told local
        # media"), then the date: "said on Tuesday", "told AFP on Monday".
        said_on=re.compile(rf"\b(?:{verbs})(?:\s+[\w.]+){{0,3}}?\s+(?:on\s+|late\s+|early\s+)?$"),
        place_anaphor=re.compile(rf"\b{word_list(folder, 'place_anaphors')}\b", re.IGNORECASE),
        reference_before=re.compile(
            rf"\b(?i:{word_list(folder, 'reference_before')})\s+(?:the\s+)?(?:[a-z][\w-]*\s+){{0,4}}$"),
        # After a name: more names of the list, then the front's noun ("Donetsk and Zaporizhzhia
        # axes", "Pokrovsk-Kurakhove direction"); each name is capitalised, a direction may go first.
        # ("Kherson and the Zaporizhzhia front": "the" starts a phrase of its own; Kherson is a place.)
        sector_after=re.compile(
            r"^(?:\s*(?:,|-|–|\band\b|\bor\b)\s*(?:(?:north|south)?-?(?:east|west)?(?:ern)?\s+)?"
            r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)*"
            rf"\s+(?i:{word_list(folder, 'sector_nouns')})\b"),
        campaign_after=re.compile(rf"\s+(?:border\s+)?(?i:{word_list(folder, 'campaign_nouns')})\b"),
        street_after=re.compile(rf"\s+{word_list(folder, 'street_nouns')}(?!\w)"),
        distance_after=re.compile(
            r"^\s*,\s*(?:about\s+|around\s+|some\s+|just\s+|roughly\s+)?\d+(?:[.,]\d+)?\s*(?:km|kms|kilometres|kilometers|miles)\s+away\b"
        ),
        relative_after=re.compile(
            rf"^\s*(?:(?i:{settlement_nouns})\s+)?,?\s*(?:(?:which|that)\s+(?:is\s+|lies\s+|sits\s+)(?:also\s+)?|(?:also\s+)?(?:located|situated|lying)\s+)?"
            r"(?:about\s+|around\s+|some\s+|just\s+|roughly\s+)?"
            r"(?:\d+(?:[.,]\d+)?\s*(?:km|kms|kilometres|kilometers|miles)\s+(?:\([^)]{0,24}\)\s+)?)?"
            rf"(?i:{word_list(folder, 'relative_words')})\s+(?:the\s+)?(?:[a-z][\w-]*\s+|[A-Z]\w+(?:an|i|ese|ish)\s+){{0,2}}"
            r"(?:(?:capital|city|town|village|settlement|hub)(?:\s+of)?,?\s+)?$"
        ),
        official_of=re.compile(rf"\b{word_list(folder, 'official_nouns')}\s+of\s+(?:the\s+)?$", re.IGNORECASE),
        official_in=re.compile(rf"\b{word_list(folder, 'government_nouns')}\s+in\s+$", re.IGNORECASE),
        # ("talks on a ceasefire in Cairo", "negotiations over the hostages in Doha": what is talked
        # about may stand between, in up to four words)
        meeting_in=re.compile(rf"\b{word_list(folder, 'meeting_nouns')}\s+(?:(?:on|over|about|for)\s+(?:[\w'’-]+\s+){{1,4}}?)?"
                              r"(?:held\s+)?in\s+(?:the\s+)?$", re.IGNORECASE),
        # A place's name right before an official's title, in capitals ("Mulekera Mayor", "Belgorod
        # Governor"): the official's, as "the mayor of Mulekera" is (person_titles.txt).
        titled=re.compile(rf"^\s+(?i:{word_list(folder, 'person_titles')})\b(?!\s+of\b)"),
        speaks=re.compile(rf"^\s+(?:\w+\s+)?{word_list(folder, 'speech_verbs')}\b"),
        locative=re.compile(
            rf"\b(?:{word_list(folder, 'capital_locatives')}|{word_list(folder, 'place_verbs')}|{word_list(folder, 'place_nouns')}(?:\s+of)?)"
            # (the country's name or demonym before "capital": "in the Sudanese capital, Khartoum",
            # "in Sudan's capital Khartoum")
            r"\s+(?:the\s+)?(?:(?:Ukrainian|Russian|[A-Z]\w+(?:['’]s)?)\s+)?(?:capital,?\s+|city,?\s+)?$",
            re.IGNORECASE,
        ),
        ongoing=re.compile(word_list(folder, "ongoing_markers"), re.IGNORECASE),
        aircraft=re.compile(word_list(folder, "aircraft_words"), re.IGNORECASE),
        photo_credit=re.compile(rf"\b(?:{word_list(folder, 'photo_credits')})", re.IGNORECASE),
        background_heading=re.compile(rf"(?:{word_list(folder, 'background_headings')})\s*:", re.IGNORECASE),
        civilians=re.compile(rf"\b{word_list(folder, 'civilian_victims')}\b", re.IGNORECASE),
        armed_targets=re.compile(rf"\b{word_list(folder, 'armed_targets')}\b", re.IGNORECASE),
        combatants=re.compile(rf"\b(?:{word_list(folder, 'combatant_nouns')})\b", re.IGNORECASE),
        responsibility=re.compile(rf"\b(?:{word_list(folder, 'responsibility_claims')})\b", re.IGNORECASE),
        blame=re.compile(rf"\b(?:{word_list(folder, 'blame_words')})\b", re.IGNORECASE),
        # (the nouns of DATA_DIR/town_parts.txt, which find_places reads too)
        part_of_town=re.compile(rf"['’]s\s+(?:[\w'’-]+\s+){{0,3}}?(?i:{word_list(data_dir, 'town_parts')})s?\b"),
        event_anaphor=re.compile(rf"^\W*(?:the|this|that)\s+(?:[\w-]+\s+)?(?:{word_list(folder, 'event_anaphors')})\b",
                                 re.IGNORECASE),
        # (not inside a compound that describes something else: "the army-backed government")
        group_part_after=re.compile(rf"\s+(?i:{word_list(folder, 'group_part_nouns')})\b"),
        accident=re.compile(rf"\b(?:{word_list(folder, 'accident_words')})\b", re.IGNORECASE),
        no_comment=re.compile(rf"\b(?:{word_list(folder, 'no_comment')})\b", re.IGNORECASE),
        repeated=re.compile(rf"\b(?:{word_list(folder, 'repeated_markers')})\b", re.IGNORECASE),
        history=re.compile(rf"\b(?:{word_list(folder, 'history_markers')})\b"),
        new_story=re.compile(rf"^\W*(?:{word_list(folder, 'new_story_markers')})\b", re.IGNORECASE),
        home_forces=re.compile(rf"\b(?:{word_list(folder, 'home_forces')})\b(?!-\w)", re.IGNORECASE),
        # After a country's name, a verb of attack: "Russia launched 112 drones", "Israel struck"
        # (the attack verbs of place_verbs.txt, and launching and firing)
        state_acts=re.compile(rf"\s+(?:(?:has|have|had|also|again|then)\s+)?(?:launched|fired|carried\s+out|conducted|"
                              rf"{word_list(folder, 'place_verbs')})\b"),
        water_of=re.compile(rf"(?i:{word_list(folder, 'water_bodies')})(?=\s+of\s+(?:the\s+)?[A-Z])"),
        period=re.compile(word_list(folder, "period_markers"), re.IGNORECASE),
        negated=re.compile(rf"\b{alternation(denials)}\b[^.;]{{0,40}}$", re.IGNORECASE),
        # The denial's longest entry and the 40 characters after it, as the pattern allows
        # (at least 64, as before the list was a file).
        negated_reach=max(64, max(len(d) for d in denials) + 40),
        habitual=re.compile(rf"\b{word_list(folder, 'habitual_markers')}\b", re.IGNORECASE),
        background_date=re.compile(rf"\b{word_list(folder, 'background_dates')}\b", re.IGNORECASE),
        future=re.compile(rf"\b{word_list(folder, 'future_markers')}\b", re.IGNORECASE),
        abbreviations=_words(folder, "abbreviations"),
    )
