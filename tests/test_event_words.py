"""The event words of geo/data/event_triggers.csv, case by case: which words report an incident,
and of which kind, in a story about armed men."""

from __future__ import annotations

from datetime import date

import pytest

from geo.extract.pipeline import extract_incidents
from geo.gazetteer.lookup import Gazetteer
from geo.intake.articles import article_from_text


def _found(gazetteer: Gazetteer, text: str) -> list[tuple[str, str]]:
    article = article_from_text(text, published=date(2025, 7, 21), outlet="Wire")
    return sorted((i.place_as_written, i.event_type) for i in extract_incidents(article, gazetteer))


@pytest.mark.parametrize(("text", "expected"), [
    # a warning of an air raid is no incident
    ("Houthi rebels fired a missile at Israel on Sunday. Air raid sirens sounded in Haifa.", []),
    ("Russian drones flew over Ukraine on Sunday. An air-raid alert was declared in Odesa.", []),
    # an air raid is an air strike
    ("An air raid on Haifa on Sunday killed two people, Houthi rebels said.", [("Haifa", "Explosions/Remote violence")]),
    # rebels' raid on a town is fighting
    ("Rebels raided Kupiansk on Sunday.", [("Kupiansk", "Battles")]),
])
def test_air_raids_and_their_warnings(gazetteer: Gazetteer, text: str, expected: list[tuple[str, str]]):
    assert _found(gazetteer, text) == expected


@pytest.mark.parametrize("weapon", ["an unknown projectile", "a missile", "a drone"])
def test_a_ship_hit_by_a_weapon(gazetteer: Gazetteer, weapon: str):
    text = (f"A merchant vessel was hit by {weapon} off Hodeidah on Monday, a maritime agency said. Yemen's Houthis "
            "have attacked shipping in the area.")
    assert _found(gazetteer, text) == [("Hodeidah", "Explosions/Remote violence")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Hundreds of protesters rallied against the new tax in Haifa on Sunday.", [("Haifa", "Protests")]),
    ("Students marched through Haifa on Sunday to demand lower fees.", [("Haifa", "Protests")]),
    ("Farmers demonstrated outside the town hall in Haifa on Sunday.", [("Haifa", "Protests")]),
    # words of protest used for other things
    ("Chefs demonstrated new recipes at a market in Haifa on Sunday.", []),
    ("The town of Haifa hosted its annual biker rally on Sunday.", []),
    ("Recycling in Haifa was collected on Sunday, as every week from March through November.", []),
])
def test_protest_words(gazetteer: Gazetteer, text: str, expected: list[tuple[str, str]]):
    assert _found(gazetteer, text) == expected


@pytest.mark.parametrize("text", [
    # among armed men still: fighting a flood, a detention facility's name
    "Soldiers and volunteers joined the flood fighting effort in Fargo on Monday.",
    "A retired Army major was hired on Monday by the detention facility in Fargo.",
])
def test_words_of_armed_violence_used_for_other_things(gazetteer: Gazetteer, text: str):
    assert _found(gazetteer, text) == []


@pytest.mark.parametrize(("text", "expected"), [
    # a team's name is no weapon, and names no armed men
    ("Paul hit a layup with a second left to lift the Houston Rockets to a win over Portland on Sunday. "
     "The Rockets swept the series.", []),
    # ... nor a wrestler's move named in quotes
    ('The "Adamek Bomb" ignited an eight-match winning streak in Portland on Sunday, the coach said.', []),
    # rockets in running text are rockets; a title's last word is no team's first
    ("Russian rockets hit Kharkiv on Sunday, the governor said.", [("Kharkiv", "Explosions/Remote violence")]),
    ("A first report from Kharkiv\nShelling hit Kharkiv on Sunday, the governor said.",
     [("Kharkiv", "Explosions/Remote violence")]),
])
def test_a_teams_name(gazetteer: Gazetteer, text: str, expected: list[tuple[str, str]]):
    assert _found(gazetteer, text) == expected


def _typed(gazetteer: Gazetteer, text: str) -> list[tuple[str, str, str]]:
    article = article_from_text(text, published=date(2025, 3, 12), outlet="Wire")
    return sorted((i.place_as_written, i.event_type, i.sub_event_type) for i in extract_incidents(article, gazetteer))


@pytest.mark.parametrize(("text", "expected"), [
    # a mine is a weapon when something set it off; a coltan mine is a mine
    ("An army truck hit a mine near Goma on Monday, killing two soldiers, M23 rebels said.",
     [("Goma", "Explosions/Remote violence", "Remote explosive/landmine/IED")]),
    ("M23 rebels captured the town of Sake on Monday. Sake is home to coltan mines that employ thousands.",
     [("Sake", "Battles", "Non-state actor overtakes territory")]),
    # an assault beaten off is a battle, not ground retaken; so is a shootout
    ("The army repelled an assault by rebels on Goma on Monday, the governor said.",
     [("Goma", "Battles", "Armed clash")]),
    ("Soldiers killed 12 suspected cartel gunmen in a shootout near Culiacán on Tuesday, the army said.",
     [("Culiacán", "Battles", "Armed clash")]),
])
def test_weapons_and_battles_by_their_words(gazetteer: Gazetteer, text: str, expected):
    assert _typed(gazetteer, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Police fired tear gas at hundreds of protesters in Nakuru on Tuesday.",
     [("Nakuru", "Protests", "Protest with intervention")]),
    ("Police shot dead two protesters in Nakuru on Tuesday, a rights group said.",
     [("Nakuru", "Protests", "Excessive force against protesters")]),
    ("Hundreds of protesters marched peacefully in Nakuru on Tuesday.", [("Nakuru", "Protests", "Peaceful protest")]),
])
def test_force_against_a_protest(gazetteer: Gazetteer, text: str, expected):
    assert _typed(gazetteer, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # who tells the news is not whom it hit: two armed groups fighting, as residents tell it
    ("Heavy fighting broke out in Misrata late on Monday between two armed groups, residents said.",
     [("Misrata", "Battles", "Armed clash")]),
    # gunmen storming a village attack those who live there, whoever tells it
    ("Gunmen stormed a village near Misrata late on Monday, killing 12 people, residents said.",
     [("Misrata", "Violence against civilians", "Attack")]),
    # "the village of X" only says what X is
    ("Fighting broke out in the village of Abu Salim near Misrata on Monday between two armed groups.",
     [("Abu Salim", "Battles", "Armed clash")]),
])
def test_civilians_as_victims_not_as_speakers(gazetteer: Gazetteer, text: str, expected):
    assert _typed(gazetteer, text) == expected


def test_an_abduction_by_an_armed_group_stays_an_abduction(gazetteer: Gazetteer):
    assert _typed(gazetteer, "Gunmen kidnapped 15 passengers near Kaduna on Sunday night, police said.") == [
        ("Kaduna", "Violence against civilians", "Abduction/forced disappearance")]


@pytest.mark.parametrize(("text", "expected"), [
    # charges, warrants, space launches and comebacks, in stories that name armed men
    ("Police said Smith, a gang member, faces three counts of assault in Houston.", []),
    ("Gang members assaulted a guard in Houston on Monday, police said.", [("Houston", "Battles")]),
    ("Police hunting a gang executed two search warrants in Houston on Thursday.", []),
    ("Militants executed five hostages in Mosul on Monday.", [("Mosul", "Violence against civilians")]),
    ("The Russian rocket lifted off from Baikonur on Monday, the Russian army said.", []),
    ("The militia leader re-entered the spotlight in Houston this week.", []),
])
def test_legal_and_other_uses_of_violent_words(gazetteer: Gazetteer, text: str, expected):
    assert _found(gazetteer, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # men who struck a village attacked it; a weapon that struck is a shelling
    ("Gunmen struck a village near Kaduna on Monday, killing five villagers.",
     [("Kaduna", "Violence against civilians", "Attack")]),
    ("Russian missiles struck Kharkiv on Monday.", [("Kharkiv", "Explosions/Remote violence",
                                                    "Shelling/artillery/missile attack")]),
    # shooting residents, whatever other word of attack the clause uses
    ("Gunmen killed 52 people in attacks on two villages in Nigeria's Plateau state on Monday, residents said. The "
     "attackers struck Zike village in Bassa local government area, burning houses and shooting residents as they "
     "fled, said a local chairman.",
     [("Zike", "Violence against civilians", "Attack")]),
    # the next sentence names the weapon of the event before: its kind
    ("An explosion tore through a mosque in Kunduz on Friday, killing 14 worshippers. The blast was caused by a "
     "suicide bomber, a spokesman said.", [("Kunduz", "Explosions/Remote violence", "Suicide bomb")]),
])
def test_the_kind_of_attack_from_its_words(gazetteer: Gazetteer, text: str, expected):
    assert _typed(gazetteer, text) == expected


def test_the_weapon_told_next_at_the_same_place(gazetteer: Gazetteer):
    # an attack told only as attacks, then its weapon at the same city: one incident, of that weapon
    # (in a story whose other news is fighting, so that its kind is not the story's)
    text = ("Russian troops clashed with Ukrainian forces near Kupiansk on Saturday, the General Staff said. Russian "
            "attacks on Kharkiv killed three people on Saturday night, the mayor said. A guided aerial bomb hit a "
            "children's playground in the city's Osnovianskyi district.")
    found = extract_incidents(article_from_text(text, published=date(2025, 6, 10), outlet="Wire"), gazetteer)
    assert sorted((i.place, i.sub_event_type, i.fatalities) for i in found) == [
        ("Kharkiv", "Air/drone strike", 3), ("Kupyansk", "Armed clash", None)]


@pytest.mark.parametrize(("text", "sub"), [
    # ground taken by the forces of the country it lies in is regained; by an armed group, overtaken
    ("Sudan's army said on Monday it had liberated the town of Bara in North Kordofan state from the RSF.",
     "Government regains territory"),
    ("The RSF said on Monday it had taken control of the town of Bara in North Kordofan state.",
     "Non-state actor overtakes territory"),
])
def test_territory_by_who_took_it(gazetteer: Gazetteer, text: str, sub: str):
    assert [s for _p, _t, s in _typed(gazetteer, text)] == [sub]


@pytest.mark.parametrize(("text", "expected"), [
    # a crowd's clash with the police is a riot, in any story; a team's clash is a game
    ("Fans clashed with police outside the stadium in Leeds on Saturday.",
     [("Leeds", "Riots", "Violent demonstration")]),
    ("The Lakers clashed with the Celtics in Boston on Saturday.", []),
])
def test_clashes_with_the_police(gazetteer: Gazetteer, text: str, expected):
    assert _typed(gazetteer, text) == expected


def test_a_region_reports_kind_for_a_village_told_only_with_arrests(gazetteer: Gazetteer):
    text = ("At least 42 people were killed in clashes between herders and farmers in Chad's Mandoul province on "
            "Tuesday, the government spokesman said. The violence broke out in the village of Mandakao after a "
            "dispute over cattle, the spokesman said, adding that 12 people had been arrested. The government has "
            "deployed troops to the south.")
    assert _typed(gazetteer, text) == [("Mandakao", "Battles", "Armed clash")]


def test_an_assault_tried_is_fighting(gazetteer: Gazetteer):
    assert _typed(gazetteer, "Russian troops tried to storm Ukrainian positions near Toretsk on Sunday.") == [
        ("Toretsk", "Battles", "Armed clash")]


def test_an_abduction_with_killings_is_an_attack(gazetteer: Gazetteer):
    text = ("Armed bandits stormed a village in Nigeria's Zamfara state on Saturday night, killing at least 12 people "
            "and abducting dozens of others, police said.")
    assert [(t, s) for _p, t, s in _typed(gazetteer, text)] == [("Violence against civilians", "Attack")]


def test_killings_and_abductions_in_one_raid_are_an_attack(gazetteer: Gazetteer):
    text = ("Rapid Support Forces fighters raided villages in Gezira state over the weekend. In the village of Wad "
            "Al-Nura, the fighters shot dead five men who tried to resist and abducted at least 20 women, a resident "
            "said on Monday.")
    assert [(t, s) for _p, t, s in _typed(gazetteer, text)] == [("Violence against civilians", "Attack")]


@pytest.mark.parametrize(("text", "places"), [
    # "The strike came a day after ...": the event before, dated by another event, whose place is no
    # incident; the other event's own words of violence still report it
    ("A Russian drone struck a bus in Bilopillia in Ukraine's Sumy region on Saturday, killing nine people. The "
     "strike came a day after Russian and Ukrainian delegations held talks in Istanbul.", ["Bilopillia"]),
    ("Militants attacked a U.S. base in Syria on Tuesday, officials said. The attacks came hours after a fighter "
     "was killed by U.S. airstrikes in Al-Qa'im in Iraq.", ["Al-Qa'im"]),
])
def test_an_event_dated_by_another(gazetteer: Gazetteer, text: str, places: list[str]):
    found = extract_incidents(article_from_text(text, published=date(2025, 5, 19), outlet="Wire"), gazetteer)
    assert sorted(i.place_as_written for i in found) == places


def test_bodies_found_among_armed_men(gazetteer: Gazetteer):
    text = ("The bodies of 20 men were found in an abandoned van on the outskirts of Culiacán on Monday, amid a war "
            "between cartel gunmen, prosecutors said.")
    found = extract_incidents(article_from_text(text, published=date(2025, 5, 19), outlet="Wire"), gazetteer)
    assert [(i.place, i.event_type, i.fatalities) for i in found] == [("Culiacán", "Violence against civilians", 20)]


@pytest.mark.parametrize("text", [
    "Militiamen hacked to death 20 villagers in Djugu on Monday, local officials said.",
    "Twenty villagers were hacked to death with machetes by militiamen in Djugu on Monday.",
    "Gunmen burned alive seven farmers in Djugu on Monday, residents said.",
])
def test_killing_by_hand_among_armed_men_is_an_attack_on_civilians(gazetteer: Gazetteer, text: str):
    found = extract_incidents(article_from_text(text, published=date(2025, 3, 4), outlet="Wire"), gazetteer)
    assert [(i.place, i.event_type, i.actors) for i in found] == [
        ("Djugu", "Violence against civilians", ("Unidentified Armed Group",))]


def test_a_stabbing_in_a_crime_story_is_no_armed_incident(gazetteer: Gazetteer):
    text = "A shopkeeper was stabbed to death in Djugu on Monday after a quarrel over a debt, police said."
    assert extract_incidents(article_from_text(text, published=date(2025, 3, 4), outlet="Wire"), gazetteer) == []


@pytest.mark.parametrize("holder", ["Russian-occupied", "Russian-held", "Russian-captured"])
def test_who_holds_a_shelled_town_does_not_make_the_shelling_a_capture(gazetteer: Gazetteer, holder: str):
    text = f"Ukrainian artillery shelled {holder} Kupiansk on Monday, killing two people, officials said."
    found = extract_incidents(article_from_text(text, published=date(2025, 3, 4), outlet="Wire"), gazetteer)
    assert [(i.place_as_written, i.event_type) for i in found] == [("Kupiansk", "Explosions/Remote violence")]


@pytest.mark.parametrize("fight", ["Fighting between the army and Fano militiamen", "Clashes between the army and rebels"])
def test_fighting_between_two_sides_is_a_battle_whoever_it_killed(gazetteer: Gazetteer, fight: str):
    text = f"{fight} killed at least 30 civilians in Debre Markos on Sunday, residents said."
    found = extract_incidents(article_from_text(text, published=date(2025, 5, 5), outlet="Wire"), gazetteer)
    assert [(i.place_as_written, i.event_type, i.fatalities) for i in found] == [("Debre Markos", "Battles", 30)]


@pytest.mark.parametrize(("text", "expected"), [
    # an armed group's raid that burns homes is an attack on civilians, whatever else the story tells
    ("Dozens of Israeli settlers attacked the village of Turmus Ayya on Sunday, setting fire to homes and "
     "shooting dead a man, the health ministry said. Israeli troops clashed with Palestinian militants in Jenin on "
     "Monday, the army said.", [("Jenin", "Battles"), ("Turmus Ayya", "Violence against civilians")]),
    # ... and an attack on troops is a battle in a story of massacres
    ("Gunmen killed 12 civilians in Kaya on Saturday. On Sunday, militants killed 50 soldiers in an attack on a "
     "military base in Djibo, security sources said.",
     [("Djibo", "Battles"), ("Kaya", "Violence against civilians")]),
    # people an armed group killed, fighting no one, are civilians; people killed in clashes of two
    # sides are a battle's dead
    ("ADF rebels killed at least 40 people in an overnight attack on the village of Masala near Lubero, a local "
     "official said on Saturday.", [("Masala", "Violence against civilians")]),
    ("Clashes between the RSF and the army killed 25 people in El Obeid on Saturday, residents said.",
     [("El Obeid", "Battles")]),
])
def test_who_was_attacked_decides_the_kind(gazetteer: Gazetteer, text: str, expected):
    assert _found(gazetteer, text) == expected


@pytest.mark.parametrize(("text", "sub"), [
    # what was seized or captured may be no ground
    ("JNIM fighters attacked an army post in Djibo on Sunday and seized weapons and vehicles, sources said.",
     "Armed clash"),
    ("Rebels attacked troops near Djibo on Sunday and captured two soldiers, sources said.", "Armed clash"),
    # ... and when it is, a capture
    ("JNIM fighters seized Djibo on Sunday after clashes with the army, sources said.",
     "Non-state actor overtakes territory"),
])
def test_what_was_seized(gazetteer: Gazetteer, text: str, sub: str):
    found = extract_incidents(article_from_text(text, published=date(2025, 7, 21), outlet="Wire"), gazetteer)
    assert [i.sub_event_type for i in found] == [sub]


@pytest.mark.parametrize("text", [
    "The Sudanese army said its aircraft had struck RSF gatherings near the town of Bara on Friday.",
    "Sudanese army jets later struck RSF positions near the town of Bara on Friday, the army said.",
])
def test_what_aircraft_struck_is_an_air_strike(gazetteer: Gazetteer, text: str):
    found = extract_incidents(article_from_text(text, published=date(2024, 11, 3), outlet="Wire"), gazetteer)
    assert [(i.place_as_written, i.sub_event_type) for i in found] == [("Bara", "Air/drone strike")]


@pytest.mark.parametrize(("text", "expected"), [
    # gunmen that troops fought are a side of a battle, not attackers of civilians
    ("Soldiers clashed with gunmen on the outskirts of Culiacan on Sunday, killing four of them, the army said.",
     [("Culiacan", "Battles")]),
    ("Police exchanged fire with armed men in Navolato on Sunday, officials said.", [("Navolato", "Battles")]),
    # ... gunmen who opened fire on a party are not
    ("Gunmen opened fire at a party in Navolato on Saturday, killing seven people, prosecutors said.",
     [("Navolato", "Violence against civilians")]),
])
def test_gunmen_fought_and_gunmen_who_kill(gazetteer: Gazetteer, text: str, expected):
    assert _found(gazetteer, text) == expected


def test_a_vehicle_packed_with_explosives_is_an_explosive_attack(gazetteer: Gazetteer):
    text = ("ELN guerrillas attacked a military base in the town of Arauca on Tuesday with a truck packed with explosives, "
            "killing two soldiers, the army said.")
    found = extract_incidents(article_from_text(text, published=date(2024, 9, 17), outlet="Wire"), gazetteer)
    assert [i.sub_event_type for i in found] == ["Remote explosive/landmine/IED"]


@pytest.mark.parametrize(("text", "expected"), [
    # a war of history told on a day of today is no event of that day
    ("Wednesday's event featured an exhibit of Civil War documents, including a pass for a soldier captured at "
     "the Battle of Richmond, the library said.", []),
    ("On Monday veterans recalled how the village of Oosterbeek was shelled in World War II, the mayor said.", []),
    # ... a civil war named by its country is today's
    ("Sudan's civil war went on as RSF shelling hit El Fasher on Monday, killing 12 people, medics said.",
     [("El Fasher", "Explosions/Remote violence")]),
    # a bomb squad called, or a bomb threat, is no explosion
    ("A bomb squad was called to a house in El Fasher on Monday, police said.", []),
    ("A bomb threat closed a school in El Fasher on Monday, police said. Police said RSF fighters had been seen "
     "nearby.", []),
])
def test_history_and_bombs_that_did_not_go_off(gazetteer: Gazetteer, text: str, expected):
    assert _found(gazetteer, text) == expected
