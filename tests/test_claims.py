"""geo.extract.claims.claimants, rule by rule: who a sentence says asserts it ("X said",
", X reported", "according to X"), anaphors resolved to the article's main group, and denials,
which claim nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from geo.extract.actors import load_actors
from geo.extract.claims import attributions, claimants
from geo.extract.pipeline import extract_incidents
from geo.intake.articles import article_from_text

LEGION = "Freedom of Russia Legion"
CORPS = "Russian Volunteer Corps"

CASES = [
    # a subject and a verb of saying
    ("named group says", "The Freedom of Russia Legion said its fighters entered the village.", None, [LEGION]),
    ("person with apposition", "Marat Ibragimov, the mayor of the town, said a school was hit.", None,
     ["Marat Ibragimov"]),
    ("officials", "Officials said the fire was out.", None, ["Officials"]),
    ("two subjects in order", "The RVC said, and the Legion also claimed, that the post fell.", LEGION, [CORPS, "Legion"]),
    ("a repeat is named once", "The Freedom of Russia Legion claimed the raid, the Freedom of Russia Legion said.",
     None, [LEGION]),
    # the claimant after the claim
    ("trailing outlet", "Two depots burned, Reuters reported.", None, ["Reuters"]),
    ("a speaker described, not named", "A medical source told Sudan Tribune that shelling killed two people.", None,
     ["medical source"]),
    ("trailing, then its day", "Gunmen killed eight worshippers in Kaduna State, police said on Wednesday.", None,
     ["police"]),
    ("trailing, how they said it, then its day",
     "Militants attacked two posts in Kalash, the army's media wing said in a statement on Wednesday.", None,
     ["army's media wing"]),
    ("trailing, a speaker with a relative clause", "Jets bombed two villages at dawn, one resident, who declined to be "
     "named, told RFA.", None, ["one resident"]),
    ("told whom, with no one who told", "Jets bombed two villages at dawn, told RFA.", None, []),
    ("trailing, told whom", "Drones hit the port, the mayor told local media on Monday.", None, ["mayor"]),
    ("trailing, told whom and how", "Drones hit the port, a resident told AFP by phone.", None, ["resident"]),
    ("trailing, a long name", "Militants attacked two posts in Kalash, Pakistan military's media wing Inter Services "
     "Public Relations (ISPR) said.", None, ["Military Forces of Pakistan"]),
    ("witnesses", "Drones struck the port on Tuesday, witnesses said.", None, ["witnesses"]),
    ("an institution named with a rank", "Troops repelled 47 assaults near the town, the General Staff said.", None,
     ["General Staff"]),
    # a nation's adjective and the speaker's noun: who spoke, not the nation
    ("demonym and speakers, trailing", "Strikes killed three in the port, Ukrainian officials said on Tuesday.", None,
     ["Ukrainian officials"]),
    ("demonym and speakers, subject", "Israeli officials said the strike hit a depot.", None, ["Israeli officials"]),
    ("demonym and an outlet", "Strikes killed three in the port, Syrian state media reported.", None,
     ["Syrian state media"]),
    ("a military command", "The strike killed three fighters, U.S. Africa Command said.", None,
     ["Military Forces of United States"]),
    # a name, then the speaker's noun: the organisation's, or people of a place
    ("a name's analysts, a verb before the verb of saying", "DeepState analysts have updated the map and reported "
     "that troops had advanced.", None, ["DeepState"]),
    ("a group's officials", "Hamas officials said the strike killed five.", None, ["Hamas"]),
    ("a place's residents", "Mulekera residents said shells fell on the market.", None, ["Mulekera residents"]),
    ("cited as saying", "\"The strike killed two people,\" the agency cited the health ministry's emergency unit as "
     "saying.", None, ["health ministry's emergency unit"]),
    ("quoted as saying", "The agency quoted a police officer as saying that two people died.", None, ["police officer"]),
    ("trailing, then more of what was said", "Two depots burned, local police said, adding that the fire was out.",
     None, ["local police"]),
    ("trailing, then what was not said", "Strikes killed 65, medics said, as tanks advanced in the south.", None, []),
    ("two speakers of one statement", "Fighting broke out near the town, residents and a local official said.", None,
     ["residents", "local official"]),
    ("trailing anaphor is the main group", "Fighters crossed the border at dawn, the group said.", CORPS, [CORPS]),
    # according to / citing / per
    ("according to a person", "Two depots burned, according to the regional governor.", None, ["regional governor"]),
    ("according to an actor alias", "According to Russia's defense ministry, the raid was repelled.", None,
     ["Military Forces of Russia"]),
    ("citing", "Its fighters claimed the attack, citing local residents.", LEGION, ["local residents"]),
    ("as stated by", "Troops now control two villages, as stated by \"Rybar.\"", None, ["Rybar"]),
    ("said, then per an alias", "Hamas said the strike, per Israeli army sources, was wrong.", None,
     ["Hamas", "Military Forces of Israel"]),
    # subjects that name nobody
    ("it said", "It said that photos showed the damage.", None, []),
    ("reports say", "Reports say a bridge fell.", None, []),
    ("they, with a main group", "They claimed responsibility on Telegram.", CORPS, []),
    ("a long lower-case subject", "a group of nervous residents living near the plant said a fire burned.", None, []),
    ("no attribution", "A bridge fell on Sunday.", None, []),
    # "The group" at the start of a sentence, with its adjectives, is the main group
    ("sentence-initial the group", "The group said it had taken two hamlets.", CORPS, [CORPS]),
    ("the anti-Kremlin group has also claimed", "The anti-Kremlin group has also claimed to have taken two hamlets.",
     CORPS, [CORPS]),
    # a possessive and a speaker's noun: "Ukraine's military", "Russia's defence ministry has said"
    ("possessive subject", "Ukraine's military said the port was calm.", None, ["Military Forces of Ukraine"]),
    ("possessive subject, has said", "Russia's defence ministry has said the missiles hit a depot.", None,
     ["Military Forces of Russia"]),
    # the verb before its speaker, at the end: "..., said Saree.", with a rank or an apposition
    ("said, then the speaker", "The toll has risen to five dead, said Saree.", None, ["Saree"]),
    ("said, a rank, an apposition", "Two people were killed, said Gen. Ali Hassan, the army spokesman.", None,
     ["Ali Hassan"]),
    ("said the ministry", "The village was taken, said the ministry.", None, ["ministry"]),
    # "the report by X that ..."
    ("the report by", "Reuters could not verify the report by Ruritania's Defence Ministry that its troops took Velo.",
     None, ["Ruritania's Defence Ministry"]),
    # the day said, written as a date ("on Oct. 30") after the verb
    ("reported on a date", "Russian attacks killed 11 people, regional authorities reported on Oct. 30.", None,
     ["regional authorities"]),
    # a people's word before who spoke is part of it, not a second source
    ("demonym before sources", "Rockets hit the base, two Iraqi security sources said.", None,
     ["Iraqi security sources"]),
    # the relative pronoun before who claimed it is no part of its name
    ("which the group claimed", "Troops blamed the TTP for the attack in Bannu, which the group claimed.",
     "Tehrik-i-Taliban Pakistan", ["Tehrik-i-Taliban Pakistan"]),
    # who said it, before an aside that sums the event up
    ("before an aside", "Gunmen abducted 20 students in Kuriga on Thursday, residents and local authorities said, "
     "the latest mass kidnapping in the region.", None, ["residents", "local authorities"]),
    # a place's public body named by the place and its noun phrase is the body, not the place
    ("body of a place", "A strike killed 20 people, the Gaza civil emergency service said.", None,
     ["Gaza civil emergency service"]),
    # ... nor an armed group named in it ("the Houthi-run Al-Masirah TV" is the channel, not the Houthis)
    ("group-run outlet", "Strikes hit Sanaa on Friday, the Houthi-run Al-Masirah TV reported.", None,
     ["Al-Masirah TV"]),
    # a description joined to the name is no part of it
    ("described source", "Clashes killed 25 people, the Britain-based Syrian Observatory for Human Rights said.", None,
     ["Syrian Observatory for Human Rights"]),
    # men a story leaves unnamed are no source
    ("unnamed men", "Troops responded to reports from villagers about armed men, said Lt. Col. Van Almonte.", None,
     ["Van Almonte"]),
    # a state's forces that speak are not the armed group the story is about
    ("the armed forces", "Rebels attacked a base on Tuesday, killing two soldiers, the armed forces said.",
     "ELN: National Liberation Army", ["armed forces"]),
    # denials claim nothing
    ("group denies", "The Wagner Group denied any role in the blast.", None, []),
    ("capital denies", "Kyiv denied responsibility for the drone attack.", None, []),
    ("ministry denies", "The ministry denied the report, saying no troops were there.", None, []),
]


@pytest.mark.parametrize(("sentence", "main", "expected"), [pytest.param(*c[1:], id=c[0]) for c in CASES])
def test_claimants(sentence: str, main: str | None, expected: list[str]):
    assert claimants(sentence, main) == expected


def test_acronyms_match_only_in_capitals():
    assert claimants("The RVC said the post fell.", None) == [CORPS]
    assert claimants("Two posts fell, the rvc said.", None) == ["rvc"]  # a name, but not the Corps


def test_a_table_of_the_callers_own(tmp_path: Path):
    path = tmp_path / "actors.csv"
    path.write_text("name,kind,aliases\nRiver Guard,non-state,River Guard|Guardians of the River\n", encoding="utf-8")
    table = load_actors(path)
    assert claimants("The Guardians of the River said they held the ford.", None, table) == ["River Guard"]
    # the standard table's groups are not in this one: the capitalised name as written is kept
    assert claimants("The Freedom of Russia Legion said its fighters crossed.", None, table) == [
        "Freedom of Russia Legion"]
    assert claimants("Two posts fell, the Wagner mercenaries said.", None, table) == ["Wagner"]


# ---- denials, titles and repeats (issue 12) ----------------------------------------------------

@pytest.mark.parametrize(("sentence", "claims", "denials"), [
    ("Minsk said it was not responsible for the blast at the depot.", [], ["Minsk"]),
    ("The Ukrainian army denied the report, saying its units held the line.", [], ["Military Forces of Ukraine"]),
    ("Georgia on Friday rejected the claim that its troops crossed the line.", [], ["Georgia"]),
    ("The ministry said its forces had not fired on the town.", [], ["ministry"]),
    ("Officials said two houses burned.", ["Officials"], []),
    # who speaks after a quotation that calls the claim untrue denies it
    ('"They say they took the bridge. This is not true," spokesman Ivan Sirko said on television.', [], ["Ivan Sirko"]),
    ('"That never happened," the army said.', [], ["army"]),
    ('"We took the bridge," spokesman Ivan Sirko said.', ["Ivan Sirko"], []),
])
def test_a_denial_is_recorded_as_a_denial_never_a_claim(sentence, claims, denials):
    from geo.extract.claims import attributions

    assert attributions(sentence, None) == (claims, denials)


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Governor Anna Petrova said two houses burned, Petrova said.", ["Anna Petrova"]),  # title off, surname once
    ("Russia's Defence Ministry said the village was taken.", ["Military Forces of Russia"]),
    ("Shelling said nothing; on Sunday, Reuters reported two fires.", ["Reuters"]),
    # what follows "said" is what was said, not a speaker with a weekday in it
    ("Zorkan Obi, an adviser to the governor, said the attack occurred on Tuesday, March 3.", ["Zorkan Obi"]),
    # a name with "for" in it is one name; a capitalised adjective before the speaker is no name
    ("Nine people were killed in clashes, the Syrian Observatory for Human Rights said.",
     ["Syrian Observatory for Human Rights"]),
    ("Tribal fighters seized two positions near Zorkovo, the Britain-based monitor said.", ["Britain-based monitor"]),
    # ... while a country's ministry is a speaker, possessive and all
    ("A drone hit a house in Zorkovo late on Tuesday, killing three people, Lebanon's health ministry said.",
     ["Lebanon's health ministry"]),
    # one noun and whose it is, however long, is a speaker; a title with whose it is keeps its title
    ("A drone hit a minibus near Zorkovo, killing 11, a relative of one of the victims told Reuters.",
     ["relative of one of the victims"]),
    ("Gunmen burned ten houses in Zorkovo, the head of the village council said.", ["head of the village council"]),
])
def test_claimants_are_parties_not_titles_or_cue_words(sentence, expected):
    assert claimants(sentence, None) == expected


@pytest.mark.parametrize(("names", "expected"), [
    (["Petrova", "Anna Petrova"], ["Anna Petrova"]),  # the surname of one report, the full name of another
    (["Anna Petrova", "Reuters", "Anna Petrova"], ["Anna Petrova", "Reuters"]),
    (["Petrov", "Anna Petrova"], ["Petrov", "Anna Petrova"]),  # another person
    # a common noun beside the name that holds it
    (["prosecutors", "Kharkiv Oblast Prosecutor Office"], ["Kharkiv Oblast Prosecutor Office"]),
    (["police", "Haitian National Police"], ["Haitian National Police"]),
    (["police", "Anna Petrova"], ["police", "Anna Petrova"]),
])
def test_distinct_names(names, expected):
    from geo.extract.claims import distinct_names

    assert distinct_names(names) == expected


# ---- claimants across the article (issue 12) ---------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Governor Anna Petrova visited the town. Two houses burned, a local governor said.", {"governor": "Anna Petrova"}),
    ("Ivan Orlov, the mayor of the town, spoke. Gov. Anna Petrova said two houses burned.",
     {"mayor": "Ivan Orlov", "governor": "Anna Petrova"}),
    # two governors: "the governor" names neither
    ("Governor Anna Petrova and Governor Ivan Orlov met.", {}),
])
def test_named_officials(text, expected):
    from geo.extract.claims import named_officials
    from geo.extract.cues import load_cues

    assert named_officials(text, load_cues()) == expected


@pytest.mark.parametrize(("claims", "expected"), [
    (["local governor"], ["Anna Petrova"]),  # the title, as the article names its holder
    (["Petrova", "governor"], ["Anna Petrova"]),  # a surname and a bare title: one person
    (["Reuters", "is"], ["Reuters"]),  # a function word taken for a subject
    (["prosecutors", "Kharkiv Oblast Prosecutor Office"], ["Kharkiv Oblast Prosecutor Office"]),
    (["residents"], ["residents"]),  # nothing more specific: kept
])
def test_claimants_as_the_article_names_them(claims, expected):
    from geo.extract.claims import with_named_officials
    from geo.extract.cues import load_cues

    assert with_named_officials(claims, {"governor": "Anna Petrova"}, load_cues()) == expected


def test_a_quotation_over_sentences_is_claimed_by_whom_it_is_attributed_to(gazetteer):
    from datetime import date

    from geo.extract.pipeline import extract_incidents
    from geo.intake.articles import article_from_text

    # (a second source, and a sentence between: Kupiansk is claimed by neither, see below)
    text = ("“Saboteurs shelled Vovchansk on Thursday. One resident was killed,” Governor Anna Petrova "
            "wrote. Power failed across the district. Shelling hit Kupiansk on Thursday. Schools stayed shut. "
            "Police said they had arrested two men.")
    found = extract_incidents(article_from_text(text, published=date(2023, 3, 2), outlet="Wire"), gazetteer)
    claims = {i.place_as_written: i.claimed_by for i in found}
    assert claims.get("Vovchansk") == ("Anna Petrova",), claims
    assert claims.get("Kupiansk") == ("Wire",), claims


def test_a_quotation_inside_a_sentence_left_open_claims_nothing_after_it(gazetteer):
    from datetime import date

    from geo.extract.pipeline import extract_incidents
    from geo.intake.articles import article_from_text

    # a mark left open mid-sentence (a broken character ended the quotation), then a balanced
    # quotation with its speaker: the speaker claims only its own sentence
    text = ("The legion says it was formed “out of the wish of Russians to fight. Fighters raided Vovchansk "
            "on Monday. Shops stayed shut. Peskov said the “saboteurs” would be driven out.")
    found = extract_incidents(article_from_text(text, published=date(2023, 6, 2), outlet="Wire"), gazetteer)
    assert {i.place_as_written: i.claimed_by for i in found}.get("Vovchansk") == ("Wire",)


@pytest.mark.parametrize(("text", "claimant"), [
    # a story that names one source only: that source's story
    ("The Syrian Observatory for Human Rights reported heavy fighting on Sunday. Clashes broke out in Shahba on "
     "Sunday. Power failed. Markets closed. Shelling hit Shahba again on Sunday evening.", "Syrian Observatory"),
    # several sources: the one named in the sentence right after ...
    ("The ministry said troops held the line. Markets closed. Gunmen attacked Bokkos on Tuesday. The governor "
     "disclosed this to reporters on Wednesday. Police said calm had returned.", "governor"),
    # ... or before
    ("The ministry said troops held the line. Markets closed. Police said calm had returned. Gunmen attacked "
     "Bokkos on Tuesday.", "Police"),
    # ... the one its paragraph named before it, however far back, before one of the next paragraph
    ("Russian attacks killed 11 people, regional authorities reported. In Kharkiv Oblast, two people were killed in "
     "Kupiansk. In Kherson Oblast, Russian shelling killed a man in Beryslav.\n\nMeanwhile, Russian channels "
     "reported on the talks.", "regional authorities"),
    # ... the one of its own paragraph before one of the paragraph before it
    ("A man was hurt in Kupiansk on Tuesday, Governor Ivan Petrenko said.\n\nIn Mykolaiv Oblast, Russian forces "
     "shelled eight settlements on Tuesday, including Ochakiv. One person was killed, Governor Vitalii Kim "
     "reported.", "Kim"),
])
def test_a_report_without_its_own_source_takes_the_source_named_beside_it(gazetteer, text, claimant):
    from datetime import date

    from geo.extract.pipeline import extract_incidents
    from geo.intake.articles import article_from_text

    found = extract_incidents(article_from_text(text, published=date(2024, 9, 4), outlet="Wire"), gazetteer)
    assert found and all(any(claimant in c for c in i.claimed_by) for i in found), [(i.place, i.claimed_by) for i in found]


def test_a_report_far_from_every_source_of_a_story_with_several_keeps_none(gazetteer):
    from datetime import date

    from geo.extract.pipeline import extract_incidents
    from geo.intake.articles import article_from_text

    text = ("The ministry said troops held the line. Markets closed. Gunmen attacked Bokkos on Tuesday. Schools "
            "stayed shut. Police said calm had returned.")
    found = extract_incidents(article_from_text(text, published=date(2024, 9, 4), outlet="Wire"), gazetteer)
    assert [i.claimed_by for i in found] == [("Wire",)]


@pytest.mark.parametrize(("text", "actors", "claimants"), [
    # the group that claims the attack the sentence before reported is its attacker, and claims it
    ("Militants attacked a security checkpoint in Bannu overnight, killing five soldiers, the military said on "
     "Tuesday. The Pakistani Taliban claimed responsibility for the attack.",
     ("Tehrik-i-Taliban Pakistan",), ("military", "Tehrik-i-Taliban Pakistan")),
    # ... across a sentence that only gave its toll
    ("Militants attacked a security checkpoint in Bannu overnight, the military said on Tuesday. Seven soldiers "
     "were killed. The Pakistani Taliban claimed responsibility for the attack.",
     ("Tehrik-i-Taliban Pakistan",), ("military", "Tehrik-i-Taliban Pakistan")),
    # ... or across one that retells the attack without a place
    ("Militants attacked a security checkpoint in Bannu overnight, the military said on Tuesday. \"The post was "
     "attacked from three sides,\" an officer said. The Pakistani Taliban claimed responsibility for the attack.",
     ("Tehrik-i-Taliban Pakistan",), ("military", "Tehrik-i-Taliban Pakistan")),
    # no group named: nobody's
    ("Militants attacked a security checkpoint in Bannu overnight, killing five soldiers, the military said on "
     "Tuesday. No group claimed responsibility.", ("Unidentified Armed Group",), ("military",)),
    # a named attacker stays the attacker
    ("Israeli jets struck a house in Nabatieh on Tuesday, the health ministry said. Hezbollah claimed "
     "responsibility for a rocket attack later that day.", ("Military Forces of Israel",), ("health ministry",)),
])
def test_a_group_claiming_the_attack_before_is_its_attacker(gazetteer, text, actors, claimants):
    found = extract_incidents(article_from_text(text, published=date(2024, 3, 19), outlet="Wire"), gazetteer)
    assert [(i.actors, i.claimed_by) for i in found] == [(actors, claimants)]



@pytest.mark.parametrize(("text", "actors"), [
    # the group another party blames for the attack before is its attacker; it claims nothing
    ("Drones struck a fuel depot in Port Sudan on Tuesday, witnesses said. The government blamed the Rapid "
     "Support Forces for the strikes.", ("Rapid Support Forces",)),
    # ... those blamed together did it together
    ("A bomb hit a camp for displaced people near Goma on Monday, witnesses said. The army blamed the M23 and "
     "Rwandan troops.", ("M23: March 23 Movement", "Military Forces of Rwanda")),
    # blamed on each other: nobody's
    ("Shelling hit a market in El Fasher on Tuesday, witnesses said. The RSF and the army blamed each other.", ()),
])
def test_a_group_blamed_for_the_attack_before_is_its_attacker(gazetteer, text, actors):
    found = extract_incidents(article_from_text(text, published=date(2025, 7, 22), outlet="Wire"), gazetteer)
    assert [(i.actors, i.claimed_by) for i in found] == [(actors, ("witnesses",))]


@pytest.mark.parametrize(("sentence", "expected"), [
    # who follows the verb is a name, not what was said
    ("Nadia Brenner, the regional governor, said Ruritanian forces attacked.", ["Nadia Brenner"]),
    ("Two guards were killed, said Brig. Gen. Tomas Varga.", ["Tomas Varga"]),
    # a place after a preposition is no subject of the verb that follows its apposition
    ("The attack happened near Kalat, south of Quetta, the capital of the province, said Omar Baig, a spokesman.",
     ["Omar Baig"]),
    # "said Friday": the day of saying after the verb, without "on"
    ("Gunmen killed nine men on a highway, officials said Friday.", ["officials"]),
])
def test_speakers_after_their_verb(sentence: str, expected: list[str]):
    assert claimants(sentence, None) == expected


@pytest.mark.parametrize(("text", "actors", "claimed"), [
    # nobody claimed it: the group suspected is neither attacker nor claimant
    ("Militants attacked a police station in Bannu on Friday, killing two policemen, officials said. No group "
     "immediately claimed responsibility, but suspicion fell on the Pakistani Taliban.",
     ("Unidentified Armed Group",), ("officials",)),
    # the passive: "was claimed by"
    ("Jihadists killed 30 soldiers in an attack on a base in Djibo on Sunday, security sources said. The attack "
     "was claimed by JNIM.", ("JNIM: Group for Support of Islam and Muslims",),
     ("security sources", "JNIM: Group for Support of Islam and Muslims")),
])
def test_claims_of_responsibility_told_after_the_attack(gazetteer, text, actors, claimed):
    found = extract_incidents(article_from_text(text, published=date(2025, 3, 12), outlet="Wire"), gazetteer)
    assert [(i.actors, i.claimed_by) for i in found] == [(actors, claimed)]


def test_a_group_that_only_tells_the_news_did_not_act(gazetteer):
    # ", M23 said": the group speaks after the report; the truck hit a mine nobody is said to have laid
    text = "An army truck hit a mine near Goma on Monday, killing two soldiers, M23 said."
    found = extract_incidents(article_from_text(text, published=date(2025, 3, 12), outlet="Wire"), gazetteer)
    assert [(i.actors, i.claimed_by) for i in found] == [((), ("M23: March 23 Movement",))]


def test_a_denial_of_the_event_told_before(gazetteer):
    text = ("The Russian army said Monday it had captured the small village of Tabaivka in Ukraine's Kharkiv region. "
            "\"This is not true,\" army spokesman Volodymyr Fityo said on television.")
    found = extract_incidents(article_from_text(text, published=date(2024, 1, 29), outlet="Wire"), gazetteer)
    assert [i.denied_by for i in found] == [("Volodymyr Fityo",)]


@pytest.mark.parametrize(("text", "actors"), [
    # blamed for something that is no event: nobody's attack
    ("Another strike on a home in Gaza City killed nine people, said Fares Afana, an ambulance chief. The "
     "Israeli military accused Hamas of hiding among civilians.", ()),
    # blamed, with no object: the attack before
    ("Drones struck a fuel depot in Port Sudan on Tuesday, witnesses said. The government blamed the Rapid "
     "Support Forces.", ("Rapid Support Forces",)),
])
def test_what_a_group_is_blamed_for(gazetteer, text, actors):
    found = extract_incidents(article_from_text(text, published=date(2025, 3, 12), outlet="Wire"), gazetteer)
    assert [i.actors for i in found] == [actors]


def test_a_sentence_about_another_event_does_not_inherit_the_attacker(gazetteer):
    text = ("The RSF said it had repelled an army attack near Bara on Saturday. Separately, a drone attack on "
            "Port Sudan's airport on Sunday caused a fire, officials said.")
    found = extract_incidents(article_from_text(text, published=date(2025, 4, 21), outlet="Wire"), gazetteer)
    assert {i.place: i.actors for i in found}["Port Sudan"] == ()


@pytest.mark.parametrize(("text", "claimed"), [
    # a group the actor list lacks claims the attack before; the attacker stays as reported
    ("Militants opened fire on tourists near Pahalgam on Tuesday, killing 26 people, police said. A little-known "
     "group called The Valley Lions Front claimed responsibility for the attack.", ("police", "The Valley Lions Front")),
    ("Militants opened fire on tourists near Pahalgam on Tuesday, killing 26 people, police said. Nobody claimed "
     "responsibility for the attack.", ("police",)),
])
def test_a_group_not_in_the_actor_list_claims(gazetteer, text, claimed):
    found = extract_incidents(article_from_text(text, published=date(2025, 3, 12), outlet="Wire"), gazetteer)
    assert [(i.actors, i.claimed_by) for i in found] == [(("Unidentified Armed Group",), claimed)]


@pytest.mark.parametrize(("sentence", "claims", "denials"), [
    # who speaks before a quotation that denies, denies
    ("Military spokesman Ivan Horak told Reuters: “This is not true. Our units hold the town.”", [], ["Ivan Horak"]),
    ("The spokesman said: “Our units took the town.”", ["spokesman"], []),
])
def test_a_speaker_before_a_quotation(sentence, claims, denials):
    assert attributions(sentence, None) == (claims, denials)


def test_the_group_a_passive_claim_names(gazetteer):
    # the group right after "claimed ... by", not the one its description names; "the same day" of
    # the next sentence is the attack's, not the claim's
    text = ("Jihadists attacked an army post in Djibo in northern Burkina Faso on Saturday, killing dozens of "
            "soldiers, security sources said on Monday. The attack was claimed on Sunday by JNIM, al-Qaeda's Sahel "
            "affiliate. A dozen civilians were also killed the same day in the village of Sollé, north of Djibo, a "
            "resident said.")
    found = extract_incidents(article_from_text(text, published=date(2025, 4, 1), outlet="Wire"), gazetteer)
    assert sorted((i.place_as_written, i.event_date, i.actors[:1]) for i in found) == [
        ("Djibo", date(2025, 3, 29), ("JNIM: Group for Support of Islam and Muslims",)),
        ("Sollé", date(2025, 3, 29), ("JNIM: Group for Support of Islam and Muslims",))]


def test_a_claim_after_a_toll_and_an_aside(gazetteer):
    text = ("Armed gang members stormed the town of Mirebalais overnight, setting fire to a police station, "
            "authorities said on Monday. At least 10 people were killed in the attack, a local official said. "
            "Thousands of residents fled to the nearby town of Lascahobas. The Viv Ansanm gang coalition claimed "
            "responsibility in a video.")
    found = extract_incidents(article_from_text(text, published=date(2025, 4, 1), outlet="Wire"), gazetteer)
    assert [(i.place, i.actors) for i in found] == [("Mirebalais", ("Viv Ansanm",))]


@pytest.mark.parametrize(("sentence", "expected"), [
    # a place's officials named by the place are those officials, not the place
    ("Twenty bodies were found on Monday, Sinaloa state prosecutors said.", ["Sinaloa state prosecutors"]),
    ("Two were killed, Kharkiv regional authorities said.", ["Kharkiv regional authorities"]),
])
def test_officials_named_by_their_place(sentence: str, expected: list[str]):
    assert claimants(sentence, None) == expected


def test_the_agent_of_a_passive_acted_whoever_spoke_before(gazetteer):
    text = ("The paramilitary Popular Mobilization Forces said in a statement that one of its fighters was killed "
            "by U.S. airstrikes in Al-Qa'im on Tuesday.")
    found = extract_incidents(article_from_text(text, published=date(2024, 1, 24), outlet="Wire"), gazetteer)
    assert [i.actors[:1] for i in found] == [("Military Forces of United States",)]


def test_a_line_that_introduces_a_quoted_paragraph_names_its_source(gazetteer):
    text = ("Governor Vyacheslav Gladkov reported on his Telegram channel on Thursday morning:\n\n\"Over the past day "
            "the Ukrainian armed forces shelled 12 settlements. In the town of Shebekino, a woman died of her wounds "
            "after artillery shelling.\"\n\nEarlier, the Russian Defence Ministry said air defences had "
            "intercepted 18 drones.")
    found = extract_incidents(article_from_text(text, published=date(2024, 8, 15), outlet="Wire"), gazetteer)
    assert {i.place_as_written: i.claimed_by for i in found}.get("Shebekino") == ("Vyacheslav Gladkov",)
