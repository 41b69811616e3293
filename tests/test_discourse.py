"""What one sentence hands to the next: who acted, and on what day. Made-up sentences, each beside
a case that goes the other way."""

from __future__ import annotations

from datetime import date

import pytest

from geo.extract.pipeline import extract_incidents
from geo.gazetteer.lookup import Gazetteer
from geo.intake.articles import article_from_text


def _found(gazetteer: Gazetteer, text: str, published: date):
    return extract_incidents(article_from_text(text, published=published, outlet="Wire"), gazetteer)


@pytest.mark.parametrize(("between", "handed_on"), [
    # a group named only as asked for comment did not do what the next sentence tells
    ("The Congolese army did not immediately comment.", False),
    ("The army declined to comment on the fighting.", False),
    ("A spokesman for the M23 could not be reached.", False),
    # ... but a group that acted did ("The M23 shelled the camp. A bomb hit ...")
    ("The M23 shelled the area on Sunday.", True),
])
def test_the_actors_of_the_sentence_before(gazetteer: Gazetteer, between: str, handed_on: bool):
    text = (f"Fighting went on near Goma on Sunday, residents said. {between} On Monday, a bomb hit a camp for "
            "displaced people in Sake, killing five people, the U.N. said.")
    sake = [i for i in _found(gazetteer, text, date(2024, 4, 30)) if i.place_as_written == "Sake"]
    assert len(sake) == 1
    assert bool(sake[0].actors) is handed_on


@pytest.mark.parametrize(("claim", "claimant"), [
    ("The Pakistani Taliban claimed responsibility.", "Tehrik-i-Taliban Pakistan"),
    ("Islamic State claimed the attack in a statement on Tuesday.", "Islamic State"),
])
def test_a_group_already_a_side_that_claims_the_attack_is_its_claimant(gazetteer: Gazetteer, claim: str, claimant: str):
    # (a battle's named sides stay as they are; the claim is added to who says so)
    text = (f"Militants of the {claimant} fought soldiers near Bannu on Monday, killing ten soldiers, the army "
            f"said. {claim}")
    found = _found(gazetteer, text, date(2024, 3, 19))
    assert found and all(claimant in i.claimed_by for i in found)


@pytest.mark.parametrize(("retold", "days"), [
    # the other side's statement about the night's attack on Kyiv is that attack, not an event of the
    # day the sentence before it names
    ("Russia's Defence Ministry said its forces had struck military facilities in Kyiv.",
     [date(2024, 6, 1), date(2024, 6, 2)]),
    # ... unless it says it is another
    ("Russian drones struck Kyiv again, the mayor said.", [date(2024, 6, 1), date(2024, 6, 1), date(2024, 6, 2)]),
])
def test_an_undated_report_of_a_place_dated_before_retells_it(gazetteer: Gazetteer, retold: str, days):
    text = ("Russia launched a large drone attack on Kyiv overnight, killing one person, city officials said on "
            "Sunday. In the southern city of Kherson, Russian shelling killed a man on Saturday evening, the "
            f"governor said. {retold}")
    found = _found(gazetteer, text, date(2024, 6, 2))
    assert sorted(i.event_date for i in found) == days


@pytest.mark.parametrize(("text", "places"), [
    # where troops pulled back to is not where the fighting was
    ("Fano fighters took control of Debre Tabor on Sunday after the soldiers withdrew towards Gondar, residents "
     "said.", ["Debre Tabor"]),
    ("Rebels seized Sake on Monday as the army retreated to Goma, witnesses said.", ["Sake"]),
    # ... while the place they withdrew from is
    ("Ukrainian forces withdrew from Avdiivka on Saturday after heavy fighting, the army said.", ["Avdiivka"]),
])
def test_where_troops_withdrew_to_is_no_incident_place(gazetteer: Gazetteer, text: str, places):
    assert [i.place_as_written for i in _found(gazetteer, text, date(2024, 2, 19))] == places


def test_a_share_of_a_town_held_is_fighting_in_the_town(gazetteer: Gazetteer):
    text = ("Russian forces attacked the town of Vovchansk on May 30, prosecutors said. Ukrainian forces control "
            "about 70% of the town as of May 31, a military spokesman said.")
    found = sorted(_found(gazetteer, text, date(2024, 5, 31)), key=lambda i: i.event_date)
    assert [(i.place_as_written, i.event_date, i.event_type) for i in found] == [
        ("Vovchansk", date(2024, 5, 30), "Battles"), ("Vovchansk", date(2024, 5, 31), "Battles")]
    assert found[1].actors[:1] == ("Military Forces of Ukraine",)


def test_a_day_earlier_counts_from_the_day_just_told(gazetteer: Gazetteer):
    text = ("Militants killed 50 soldiers in an attack on a base in Djibo on Sunday, security sources said. The army "
            "has not commented. A day earlier, gunmen killed 12 civilians in Kaya, a resident said.")
    found = {i.place_as_written: i.event_date for i in _found(gazetteer, text, date(2024, 5, 14))}
    assert found == {"Djibo": date(2024, 5, 12), "Kaya": date(2024, 5, 11)}


@pytest.mark.parametrize(("teller", "actors"), [
    # who tells it, "according to" a member of a group, did not do it
    ("according to a member of the local People's Defence Force", ("Military Forces of Myanmar",)),
    ("according to the People's Defence Force", ("Military Forces of Myanmar",)),
])
def test_a_group_that_tells_is_no_actor(gazetteer: Gazetteer, teller: str, actors):
    text = f"Myanmar's military bombed a school in Monywa on Tuesday, killing 40 people, {teller}."
    found = _found(gazetteer, text, date(2023, 4, 12))
    assert [i.actors for i in found] == [actors]


def test_a_camp_is_no_town_that_the_city_refers_to(gazetteer: Gazetteer):
    # "east of the city" after "the Abu Shouk camp north of the city" is the city named before the camp
    text = ("Shelling by the RSF killed 19 civilians in El Fasher on Saturday, a committee said. The shells hit the "
            "Abu Shouk displacement camp north of the city, it said. The RSF said it had repelled an army attack on "
            "its positions east of the city.")
    found = _found(gazetteer, text, date(2024, 11, 3))
    battles = [i.place_as_written for i in found if i.event_type == "Battles"]
    assert battles == ["El Fasher"]


def test_the_fighting_told_again_keeps_its_named_sides(gazetteer: Gazetteer):
    # "The fighting erupted in X when troops responded to reports of armed men": the sides of the
    # clash told before, not the unnamed men of the story
    text = ("Philippine army troops clashed with New People's Army guerrillas in Negros Occidental province on "
            "Wednesday, the military said. The fighting erupted in the town of Kabankalan when troops responded to "
            "reports from villagers about armed men extorting money, a local commander said.")
    found = _found(gazetteer, text, date(2024, 5, 23))
    assert [(i.place_as_written, i.actors) for i in found] == [
        ("Kabankalan", ("Military Forces of Philippines", "New People's Army"))]


def test_an_attack_on_a_country_handed_on_is_the_other_states(gazetteer: Gazetteer):
    # Russia's air defences acted in the sentence before; the drone that hit Shebekino was Ukraine's
    text = ("Russia's Defence Ministry said air defences had destroyed 164 Ukrainian drones overnight. In the "
            "Belgorod region, a drone hit a car in the town of Shebekino, wounding two people, the governor said.")
    found = _found(gazetteer, text, date(2025, 11, 2))
    assert [i.actors[:1] for i in found] == [("Military Forces of Ukraine",)]


@pytest.mark.parametrize(("text", "actors", "kind"), [
    # the unnamed agent of a passive attacked the named ones before the verb
    ('At least 23 Nigerien soldiers were killed on Monday in an attack by "terrorists" near Tillaberi, the '
     "defence ministry said.", ("Unidentified Armed Group", "Military Forces of Niger"), "Battles"),
    # armed men killed make a fight of it, not violence against civilians
    ("Nigerien soldiers killed 10 militants near Tillaberi on Monday, the defence ministry said.",
     ("Military Forces of Niger",), "Battles"),
    ("Gunmen killed two police officers in Bannu on Friday, officials said.", ("Unidentified Armed Group",), "Battles"),
    # ... unarmed people killed do not
    ("Gunmen shot dead two polio workers in Bannu on Friday, police said.", ("Unidentified Armed Group",),
     "Violence against civilians"),
])
def test_who_attacked_whom(gazetteer: Gazetteer, text: str, actors, kind: str):
    found = _found(gazetteer, text, date(2024, 3, 21))
    assert [(i.actors, i.event_type) for i in found] == [(actors, kind)]


def test_the_gunmen_told_again_are_the_group_told_before(gazetteer: Gazetteer):
    text = ("Suspected al-Shabab extremists ambushed a bus near Garsen in Kenya's Tana River county on Tuesday, killing "
            "three people, police said. The gunmen then burned a car in the village of Milimani, a police commander "
            "said.")
    found = _found(gazetteer, text, date(2023, 6, 27))
    assert {i.place_as_written: i.actors for i in found}.get("Milimani") == ("Al Shabaab",)


@pytest.mark.parametrize(("tally", "told"), [
    # a group's record of many attacks is no event of the day
    ("Al-Shabab has carried out several attacks in Lamu county.", False),
    ("The group has staged dozens of raids near Lamu since 2020.", False),
    # ... one attack told is
    ("Al-Shabab fighters attacked a police post in Lamu on Tuesday.", True),
])
def test_a_tally_of_attacks_is_no_event(gazetteer: Gazetteer, tally: str, told: bool):
    text = f"Militants ambushed a bus near Garsen on Tuesday, killing three people, police said. {tally}"
    found = _found(gazetteer, text, date(2023, 6, 27))
    assert ("Lamu" in {i.place_as_written for i in found}) is told


def test_days_earlier_count_from_the_day_just_told(gazetteer: Gazetteer):
    text = ("Shelling killed a woman in Grayvoron on Saturday evening, the governor said. Two days earlier, a drone "
            "hit a minibus in Shebekino, wounding four people.")
    found = {i.place_as_written: i.event_date for i in _found(gazetteer, text, date(2024, 5, 20))}
    assert found == {"Grayvoron": date(2024, 5, 18), "Shebekino": date(2024, 5, 16)}


@pytest.mark.parametrize("weapon", ["guided bombs", "glide bombs", "rockets", "tanks", "jets", "shells"])
def test_a_states_weapons_name_its_forces(gazetteer: Gazetteer, weapon: str):
    text = f"Russian {weapon} struck the outskirts of Kharkiv on Sunday, killing six people, the governor said."
    found = _found(gazetteer, text, date(2024, 5, 19))
    assert [i.actors[:1] for i in found] == [("Military Forces of Russia",)]


def test_two_countries_that_strike_together_are_both_actors(gazetteer: Gazetteer):
    text = ("The United States and Britain carried out air strikes on Houthi targets in Sanaa on Friday, the "
            "Houthis' television reported.")
    found = _found(gazetteer, text, date(2024, 5, 31))
    assert [i.actors[:2] for i in found] == [("Military Forces of United States", "Military Forces of United Kingdom")]


def test_a_group_claiming_a_battle_against_troops_was_its_unnamed_side(gazetteer: Gazetteer):
    text = ("Jihadists attacked a Malian army camp in Mopti on Sunday, killing at least 30 soldiers, security "
            "sources said. JNIM claimed the attack in a statement.")
    found = _found(gazetteer, text, date(2024, 5, 13))
    assert [i.actors for i in found] == [("JNIM: Group for Support of Islam and Muslims", "Military Forces of Mali")]
    # ... a battle of two named sides keeps them
    text = ("Malian troops and Wagner fighters clashed with rebels near Mopti on Sunday, sources said. JNIM claimed "
            "the attack in a statement.")
    found = _found(gazetteer, text, date(2024, 5, 13))
    assert all("JNIM: Group for Support of Islam and Muslims" not in i.actors[:1] for i in found)


@pytest.mark.parametrize(("gap", "day", "precision"), [
    # the event told after "comes days after" came some days before the one told (dated within a week)
    ("comes days after", date(2024, 11, 6), 2),
    ("came a day after", date(2024, 11, 8), 1),
    # ... "hours after" keeps its day
    ("came hours after", date(2024, 11, 9), 1),
])
def test_an_event_told_as_what_came_before(gazetteer: Gazetteer, gap: str, day: date, precision: int):
    text = ("Militants killed three villagers in Jiribam on Saturday, police said. The attack "
            f"{gap} two people were killed in clashes in Bishnupur.")
    found = {i.place_as_written: (i.event_date, i.time_precision) for i in _found(gazetteer, text, date(2024, 11, 10))}
    assert found.get("Bishnupur") == (day, precision)


@pytest.mark.parametrize("retold", [
    "The strike hit the monastery in Lin Ta Lu village, where displaced people had sought refuge.",
    "A local news outlet said the strike hit the monastery in Lin Ta Lu village.",
])
def test_a_village_named_when_the_strike_is_retold_is_where_it_was(gazetteer: Gazetteer, retold: str):
    # one incident, at the village the gazetteer lacks, near the town of the first report
    text = ("An airstrike by Myanmar's military on a monastery near Monywa killed at least 25 people on Friday, "
            f"residents said. {retold}")
    found = _found(gazetteer, text, date(2025, 7, 11))
    assert [(i.place, i.geo_precision, i.fatalities) for i in found] == [("Lin Ta Lu (near Monywa)", 2, 25)]


def test_an_event_told_without_a_place_placed_by_the_next_sentence(gazetteer: Gazetteer):
    text = ("Yemen's Houthis said on Friday they had targeted a container ship in the Red Sea with drones and "
            "missiles. The incident took place 97 nautical miles northwest of the port of Hodeidah, UKMTO said.")
    found = _found(gazetteer, text, date(2024, 7, 12))
    assert [(i.place_as_written, i.geo_precision, i.actors, i.event_date) for i in found] == [
        ("Hodeidah", 2, ("Houthis",), date(2024, 7, 12))]
    # ... not a sentence that is no retelling of it
    text = ("Yemen's Houthis said on Friday they had targeted a container ship in the Red Sea with drones and "
            "missiles. Port officials in Hodeidah said trade was normal.")
    assert _found(gazetteer, text, date(2024, 7, 12)) == []


def test_a_month_told_as_background_is_no_day_to_retell(gazetteer: Gazetteer):
    # "the attack on Belgorod" claimed later is the raid of the day told, not the jet's bombing "in April"
    text = ("The city of Belgorod was hit in April by a Russian jet that dropped a bomb by mistake. Saboteurs "
            "attacked the Grayvoron district on Monday, the governor said. For the attack on Belgorod, the Freedom "
            "of Russia Legion claimed responsibility.")
    found = _found(gazetteer, text, date(2023, 5, 23))
    assert len([i for i in found if i.event_date.month == 4]) <= 1, [(i.place, i.event_date, i.event_type) for i in found]
