"""Fatalities as ACLED codes them: the number a report gives, per incident (issue 12, point 2).

The sentences are written for these tests, in the forms news reports use."""

from __future__ import annotations

from datetime import date

import pytest

from geo.extract.fatalities import fatalities_in
from geo.extract.pipeline import extract_incidents
from geo.intake.articles import article_from_text


@pytest.mark.parametrize(("sentence", "deaths"), [
    ("Artillery fire on the market killed 18 people.", 18),
    ("Three soldiers were killed when their truck hit a mine.", 3),
    ("At least 70 dead after the strike on the port.", 70),
    ("The death toll from Tuesday's attack rose to 24, officials said.", 24),
    ("A provisional death toll of 31 civilians was given by the mayor.", 31),
    ("Nine adults and three children were killed in the raid.", 12),
    # a part named inside the whole: the whole
    ("At least 15 people, including four children, were killed when the jet bombed the village.", 15),
    ("Twenty people, among them three soldiers, were killed in the raid.", 20),
    # whose the victims were, and a quoted noun, as reports quote an army's word for its enemy
    ("Five soldiers of the border guard were killed at the post.", 5),
    ('At least 9 "militants" and two policemen of Khyber district were killed in the raid.', 11),
    ("Gunmen stormed the village, killing no fewer than eleven persons.", 11),
    # other verbs of killing
    ("Insurgents beheaded 11 villagers in raids on two villages.", 11),
    ("Gunmen shot dead four farmers near the river.", 4),
    # killing by hand, with the number before or after "to death"
    ("Militiamen hacked to death 20 villagers overnight.", 20),
    ("Militiamen hacked 20 villagers to death overnight.", 20),
    ("Fourteen displaced people were stabbed to death in the camp.", 14),
    ("Seven farmers were burned alive in their huts.", 7),
    ("The hackers hacked 20 accounts last week.", None),
    ("Police executed 3 search warrants on Monday.", None),
    ("More than 40 were killed, according to the ministry.", 40),
    ("Between twelve and 20 villagers were killed overnight.", 12),  # a range: its lower end
    ("Twenty-six people died in the blast.", 26),
    ("A 32-year-old woman was killed by the shelling.", 1),
    ("The drone struck a bus, leaving at least 6 passengers dead.", 6),
    ("A drone attack on the depot killed five workers.", 5),  # "a ... killed" is not one death
    ("Two fighters were killed and 14 others wounded.", 2),  # the wounded are not counted
    # the dead named after the verb, joined by "and", add up; the wounded after it do not
    ("The airstrike hit the school, killing at least 20 students and two teachers.", 22),
    ("The raid killed five soldiers and three civilians, the army said.", 8),
    ("The shelling killed 12 people and 30 others were injured.", 12),
    ("The shelling killed 12 people and injured 30 others.", 12),
    ("The strike caused no casualties, the governor said.", 0),
    ("Nobody was killed in the fire.", 0),
    # a toll the report says was replaced: none of its own (the later one stands)
    ("The agency had earlier reported a toll of one killed in the town.", None),
    ("An initial toll of three dead was later raised.", None),
    # No number: no fatalities, never a guess.
    ("Hundreds were killed in the massacre.", None),
    ("Dozens were wounded in the attack.", None),
    ("The shelling injured four people.", None),
    ("Troops were killed on 5 May near the bridge.", None),
    ("The offensive began in 2022.", None),
    ("The convoy was 30 kilometres from the border when it was hit.", None),
])
def test_the_toll_a_sentence_gives(sentence: str, deaths: int | None) -> None:
    assert fatalities_in(sentence) == deaths


def _incidents(text: str, gazetteer, published: date = date(2024, 8, 28)):
    return extract_incidents(article_from_text(text, published=published, title="t", outlet="Test Wire"), gazetteer)


def test_a_toll_goes_to_the_one_place_its_sentence_names(gazetteer) -> None:
    found = _incidents("Russian shelling killed four civilians in Kupiansk on Tuesday, the governor said.", gazetteer)
    assert [(i.place, i.fatalities) for i in found] == [("Kupyansk", 4)]


def test_a_toll_in_the_next_sentence_goes_to_the_incident_before(gazetteer) -> None:
    found = _incidents("A Russian missile struck Kramatorsk on Tuesday. Three people were killed, officials said.",
                       gazetteer)
    assert [(i.place, i.fatalities) for i in found] == [("Kramatorsk", 3)]


def test_a_toll_over_several_places_is_not_copied_to_each(gazetteer) -> None:
    found = _incidents("Shelling of Kupiansk and Kramatorsk on Tuesday killed seven people, the governor said.", gazetteer)
    assert {i.place for i in found} == {"Kupyansk", "Kramatorsk"}
    assert all(i.fatalities is None for i in found)


def test_no_number_is_not_zero(gazetteer) -> None:
    found = _incidents("Russian forces shelled Kupiansk on Tuesday, the governor said.", gazetteer)
    assert [i.fatalities for i in found] == [None]


@pytest.mark.parametrize("part", ["eight", "eight children", "eight members of one family"])
def test_a_part_of_a_larger_toll_named_with_its_place_is_that_places(gazetteer, part: str) -> None:
    # the 20 were killed across the region; the town's own toll is the part named with it
    found = _incidents("Russian strikes killed at least 20 people across the Kharkiv region on Tuesday, including "
                       f"{part} in a school in Kupiansk, officials said.", gazetteer)
    assert [(i.place, i.fatalities) for i in found] == [("Kupyansk", 8)]
    # a part named with another place is not this one's
    found = _incidents("Russian strikes killed at least 20 people in Kupiansk on Tuesday, including eight children, "
                       "officials said.", gazetteer)
    assert [(i.place, i.fatalities) for i in found] == [("Kupyansk", 20)]


def test_a_region_reports_toll_goes_to_the_one_village_it_turns_out_to_be(gazetteer) -> None:
    # the first sentence codes the attack to the state; the next names the village: one incident, its toll
    text = ("Gunmen stormed a village in Nigeria's Zamfara state late on Saturday, killing 12 people, police said "
            "on Sunday. The attackers arrived in Zzyzx village near Gusau and opened fire on residents.")
    found = extract_incidents(article_from_text(text, published=date(2025, 7, 21), outlet="Wire"), gazetteer)
    assert [(i.place_as_written, i.event_date, i.fatalities) for i in found] == [("Zzyzx", date(2025, 7, 19), 12)]


def test_a_region_reports_sides_and_quote_go_with_its_toll(gazetteer) -> None:
    # the toll's sentence names both sides; the town's sentence only one: the town's event has both,
    # and the sentence that gave the toll stays among its sources
    text = ("Clashes between Syrian government forces and gunmen in the coastal province of Latakia killed more "
            "than 70 people on Thursday, a war monitor said. The fighting was concentrated around the town of "
            "Jableh, where gunmen ambushed a security patrol.")
    [found] = extract_incidents(article_from_text(text, published=date(2025, 3, 20), outlet="Wire"), gazetteer)
    assert (found.place_as_written, found.fatalities) == ("Jableh", 70)
    assert "Military Forces of Syria" in found.actors
    assert any("killed more than 70" in s.quote for s in found.sources)


def test_a_city_named_like_its_region_with_a_toll_of_its_own_is_its_own_incident(gazetteer) -> None:
    # "Kharkiv" in another sentence than Kupiansk is often the region; with two tolls it is two events
    text = ("Russian drones struck the city of Kharkiv on Saturday, killing two people, the mayor said. "
            "Separately, a Russian glide bomb attack on the town of Kupiansk killed one man, the governor said.")
    found = extract_incidents(article_from_text(text, published=date(2025, 7, 21), outlet="Wire"), gazetteer)
    assert sorted((i.place, i.fatalities) for i in found) == [("Kharkiv", 2), ("Kupyansk", 1)]


@pytest.mark.parametrize(("text", "tolls"), [
    # each place named with its own number of dead
    ("Russian strikes killed three people in the port city of Odesa and two in the city of Dnipro on Monday.",
     [("Dnipro", 2), ("Odesa", 3)]),
    ("Russian shelling hit the region on Monday. Two people were killed in Kostiantynivka and one in Druzhkivka.",
     [("Druzhkivka", 1), ("Kostyantynivka", 2)]),
    ("Russian shelling hit the region on Monday. Two people were wounded in Kostiantynivka and one in Druzhkivka.",
     [("Druzhkivka", None), ("Kostyantynivka", None)]),
    # one number over both: neither place's
    ("Russian strikes killed five people in Odesa and Dnipro on Monday.", [("Dnipro", None), ("Odesa", None)]),
    # numbers of something else, or of the wounded, are no tolls
    ("Russian drones hit 14 buildings in Odesa and two homes in Dnipro on Monday.", [("Dnipro", None), ("Odesa", None)]),
    ("Russian strikes killed two people in Odesa on Monday and wounded 11 in Dnipro.", [("Dnipro", None), ("Odesa", None)]),
])
def test_each_place_of_a_sentence_with_its_own_toll_has_it(gazetteer, text: str, tolls) -> None:
    found = extract_incidents(article_from_text(text, published=date(2025, 7, 21), outlet="Wire"), gazetteer)
    assert sorted((i.place, i.fatalities) for i in found) == tolls


def test_a_region_reports_toll_over_several_of_its_places_is_none_of_theirs(gazetteer) -> None:
    text = ("Russian forces shelled 26 settlements in the Kherson region on Tuesday, killing three people, the governor "
            "said. The attacks hit Bilozerka, Dniprovske and the city of Kherson on Tuesday, damaging homes.")
    found = extract_incidents(article_from_text(text, published=date(2025, 7, 23), outlet="Wire"), gazetteer)
    assert sorted((i.place, i.fatalities) for i in found) == [("Bilozerka", None), ("Dniprovske", None),
                                                              ("Kherson", None)]


@pytest.mark.parametrize(("second", "toll"), [
    # the sentence after places the event whose toll had no place: its toll
    ("The attack took place in the Mir Ali area of North Waziristan district, the military said.", 7),
    # a sentence about another event there takes none
    ("Separately, a roadside bomb hit a police van in the Mir Ali area of North Waziristan district, wounding two.",
     None),
])
def test_a_toll_told_before_its_place_goes_to_the_place(gazetteer, second: str, toll: int | None) -> None:
    text = ("Militants attacked a security post in northwest Pakistan on Tuesday, killing seven soldiers, the military "
            "said. " + second)
    found = extract_incidents(article_from_text(text, published=date(2025, 7, 16), outlet="Wire"), gazetteer)
    assert [(i.place_as_written, i.fatalities) for i in found] == [("Mir Ali", toll)]


@pytest.mark.parametrize("background", [
    # a toll the sentence dates as context, or counts over a span of time, is its own
    "In August, separatists killed more than 50 people in coordinated attacks.",
    "More than 4,000 people were killed during more than a year of hostilities, according to the authorities.",
])
def test_a_toll_of_the_past_is_not_the_toll_of_the_event_before(gazetteer, background: str) -> None:
    found = _incidents("An Israeli drone hit a car near Nabatieh on Monday, wounding two people, the agency said. "
                       + background, gazetteer, published=date(2025, 3, 12))
    assert [(i.place_as_written, i.fatalities) for i in found] == [("Nabatieh", None)]


def test_the_attackers_own_count_is_not_the_toll(gazetteer) -> None:
    # ACLED takes the most conservative report; the side that attacked gives the highest
    found = _incidents("Al-Shabaab militants stormed a military base in Afgooye on Tuesday, killing several soldiers, "
                       "an officer said. Al-Shabaab said in a statement that it had killed 47 soldiers.", gazetteer,
                       published=date(2025, 3, 11))
    assert [(i.place, i.fatalities) for i in found] == [("Afgooye", None)]


@pytest.mark.parametrize("text", [
    "Gunmen abducted a farmer in Mokwa on Monday. Separately, at least 60 people are feared dead after a boat "
    "capsized on the river near Mokwa on Monday, officials said.",
    "Gunmen abducted a farmer in Mokwa on Monday. Five people died on Monday when a bus crash blocked the road "
    "near Bida, police said.",
])
def test_the_dead_of_an_accident_are_no_incident(gazetteer, text: str) -> None:
    found = _incidents(text, gazetteer, published=date(2025, 4, 22))
    assert [(i.place, i.fatalities) for i in found] == [("Mokwa", None)]


def test_each_place_its_own_toll_past_an_article_and_a_name_with_a_digit(gazetteer) -> None:
    found = _incidents("Israeli strikes hit Syria on Friday and Saturday, a monitor said. The monitor said six soldiers "
                       "were killed in strikes on an air defence unit in Kisweh, south of Damascus, on Friday, and "
                       "three others in a strike near the T4 airbase in Homs province on Saturday.", gazetteer,
                       published=date(2025, 10, 14))
    tolls = {(i.place_as_written, i.event_date.day): i.fatalities for i in found}
    assert (tolls[("Kisweh", 10)], tolls[("Homs province", 11)]) == (6, 3)


def test_a_toll_over_two_days_is_neither_days(gazetteer) -> None:
    found = _incidents("Israeli air strikes hit military positions near Damascus on Friday and Saturday, killing at "
                       "least nine soldiers, a monitor said.", gazetteer, published=date(2025, 10, 14))
    assert sorted((i.event_date.day, i.fatalities) for i in found) == [(10, None), (11, None)]


def test_the_day_the_next_sentence_inherits_is_its_reports(gazetteer) -> None:
    # "overnight" in another clause of the first sentence is not the day the villages were hit
    found = _incidents("Ukrainian shelling killed two civilians in the Russian border region of Belgorod on Monday, "
                       "the governor said, as the defence ministry reported downing dozens of drones overnight. A "
                       "woman was killed in the village of Novaya Tavolzhanka when a shell hit her house, and a man "
                       "died in hospital after a drone dropped explosives on his car near Shebekino, the governor said.",
                       gazetteer,
                       published=date(2025, 10, 14))
    assert sorted((i.place_as_written, i.event_date, i.fatalities) for i in found) == [
        ("Novaya Tavolzhanka", date(2025, 10, 13), 1), ("Shebekino", date(2025, 10, 13), 1)]


@pytest.mark.parametrize(("sentence", "deaths"), [
    # a second noun joined to the first without a number of its own, and an aside in brackets
    ("More than 50 soldiers and VDP (Volunteers for the Defence of the Homeland) were killed, a source said.", 50),
    ("Twenty soldiers and civilians were killed.", 20),
    ("Two soldiers and a civilian were killed.", 3),
])
def test_counts_with_joined_nouns_and_asides(sentence: str, deaths: int) -> None:
    assert fatalities_in(sentence) == deaths


def test_a_datelines_agency_is_no_aside_between_a_number_and_the_dead() -> None:
    assert fatalities_in("NIAMEY, March 22 (Reuters) - Gunmen killed at least 20 worshippers in an attack.") == 20


@pytest.mark.parametrize(("sentence", "deaths"), [
    ("The bodies of 20 men, some of them decapitated, were found in an abandoned van.", 20),
    ("The bodies of at least 12 people were recovered from the river.", 12),
    # no number after the bodies: no toll ("a pile" is no count)
    ("People walked around the bodies of those killed.", None),
    ("Bodies were placed in a pile and set on fire.", None),
])
def test_bodies_found_count_the_dead(sentence: str, deaths: int | None) -> None:
    assert fatalities_in(sentence) == deaths


def test_each_clause_of_a_sentence_may_give_its_place_its_toll(gazetteer) -> None:
    found = _incidents("An Israeli strike on a car in Gaza City killed three people on Saturday, and four more were "
                       "killed when a tent was hit in Khan Younis, medics said.", gazetteer)
    assert {i.place_as_written: i.fatalities for i in found} == {"Gaza City": 3, "Khan Younis": 4}
    # ... not when one clause names both places
    found = _incidents("Israeli strikes on Gaza City and Khan Younis killed three people on Saturday, and four more "
                       "were killed in Rafah, medics said.", gazetteer)
    assert {i.place_as_written: i.fatalities for i in found} == {"Gaza City": None, "Khan Younis": None, "Rafah": None}
