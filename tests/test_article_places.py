"""Which places of an article are incident places, and where they are (geo.extract.pipeline).

The sentences are written for these tests, in the style of wire reports from several conflicts.
"""

from __future__ import annotations

from datetime import date

import pytest

from geo.extract.cues import load_cues
from geo.extract.pipeline import extract_incidents
from geo.gazetteer.lookup import Gazetteer
from geo.intake.articles import article_from_text


def _found(gazetteer: Gazetteer, text: str, published: date) -> list[tuple[str, str, bool]]:
    article = article_from_text(text, published=published, outlet="Wire")
    return sorted({(i.place_as_written, i.country, i.unresolved) for i in extract_incidents(article, gazetteer)})


@pytest.mark.parametrize(("text", "place", "country"), [
    # "Plateau" is a region of Benin and a state of Nigeria: a Nigerian story means Nigeria's.
    ("Gunmen attacked Plateau State on Tuesday, killing seven people, Nigerian police said.", "Plateau State", "NG"),
    # "Beni" is also Bolivia's El Beni; beside Butembo and Goma it is the Congolese town.
    ("Rebels attacked Beni on Friday, killing 14 civilians, officials in Butembo and Goma said.", "Beni", "CD"),
])
def test_a_namesake_in_a_country_the_story_is_not_about_gives_way(gazetteer, text, place, country):
    assert (place, country, False) in _found(gazetteer, text, date(2024, 9, 5))


def test_a_name_far_from_the_story_with_no_namesake_there_is_not_a_place(gazetteer):
    # Police (a Polish town) in a Nigerian story: a word, not a place; nothing is coded there.
    text = ("Gunmen attacked the village of Kwatas in Bokkos on Tuesday, killing seven people. "
            "Police in Jos said the attackers fled.")
    found = _found(gazetteer, text, date(2024, 9, 4))
    assert all(country != "PL" for _, country, _ in found), found


def test_two_wrong_namesakes_far_away_do_not_vouch_for_each_other(gazetteer):
    # Bada and Karari are towns of India; in a story about Omdurman they are its districts.
    text = ("RSF shelling hit the Karari locality and Um Bada locality of Omdurman on Thursday, killing two "
            "people, medics in Khartoum said. Residents of El Obeid and El Fasher fled.")
    found = _found(gazetteer, text, date(2024, 8, 23))
    assert all(country != "IN" for _, country, _ in found), found


def test_a_story_with_no_country_named_keeps_its_places(gazetteer):
    text = "Russian forces shelled the village of Bilozerka on Monday, the governor said."
    assert [p for p, _, _ in _found(gazetteer, text, date(2024, 5, 7))] == ["Bilozerka"]


@pytest.mark.parametrize(("text", "names"), [
    ("Shelling also hit the villages of Zorkovo and Ptashnoye on Sunday, the governor said.", {"Zorkovo", "Ptashnoye"}),
    ("Gunmen attacked Vuzhka and Dremlovo communities on Sunday, killing four people.", {"Vuzhka", "Dremlovo"}),
    ("Troops took control of several villages including Zorkovo, Ptashnoye and Krovets on Sunday.",
     {"Zorkovo", "Ptashnoye", "Krovets"}),
])
def test_a_plural_settlement_noun_covers_every_name_of_its_list(gazetteer, text, names):
    text = "Fighting went on in the Kursk region. " + text
    found = _found(gazetteer, text, date(2024, 8, 12))
    assert {p for p, _, unresolved in found if unresolved} == names


@pytest.mark.parametrize(("before", "after", "beside"), [
    ("the villages of ", " and Ptashnoye", True),
    ("", " and Ptashnoye villages", True),
    ("", " Local Government Area", False),  # "Area" of a name, not the noun "area"
    ("", " area", True),
    ("President ", " said", False),
])
def test_settlement_nouns_beside_a_name(before, after, beside):
    from geo.gazetteer.index import DATA_DIR

    cues = load_cues(DATA_DIR)
    text = f"{before}Zorkovo{after}"
    start = len(before)
    assert cues.settlement_beside(text, start, start + len("Zorkovo")) is beside


def test_an_unknown_village_named_again_without_a_place_word_is_the_same_village(gazetteer):
    text = ("Russian forces attacked the village of Zorkovo in the Kharkiv region on May 30. "
            "Russian artillery shelled Zorkovo again on May 31, damaging houses.")
    article = article_from_text(text, published=date(2024, 6, 1), outlet="Wire")
    days = sorted(i.event_date for i in extract_incidents(article, gazetteer) if i.place_as_written == "Zorkovo")
    assert days == [date(2024, 5, 30), date(2024, 5, 31)]


@pytest.mark.parametrize("text", [
    "Russian artillery shelled the village of Zorkovo in the Chuhuiv district on May 31, damaging houses.",
    "On May 31 shelling hit the village of Zorkovo, also in Chuhuiv, and damaged houses.",
])
def test_an_unknown_village_is_coded_at_the_town_it_is_said_to_lie_in(gazetteer, text):
    article = article_from_text(text, published=date(2024, 6, 1), outlet="Wire")
    found = extract_incidents(article, gazetteer)
    assert found and all(i.unresolved and i.geo_precision == 2 and i.place.endswith("(near Chuhuyiv)") for i in found), [
        (i.place, i.geo_precision) for i in found]


@pytest.mark.parametrize(("text", "event_type"), [
    # In a story of shelling, "the attack" is the shelling ...
    ("Russian artillery shelled Kupiansk on Monday. The attack on Vovchansk on Monday killed two people.",
     "Explosions/Remote violence"),
    # ... but a named armed group's attack is a raid: fighting.
    ("Russian artillery shelled Kupiansk on Monday. The Freedom of Russia Legion attacked Shebekino on Monday.",
     "Battles"),
])
def test_the_word_attack_takes_the_kind_of_the_story(gazetteer, text, event_type):
    article = article_from_text(text, published=date(2024, 6, 4), outlet="Wire")
    second = [i for i in extract_incidents(article, gazetteer) if i.place_as_written in ("Vovchansk", "Shebekino")]
    assert [i.event_type for i in second] == [event_type]


@pytest.mark.parametrize("clutter", [
    "Rebels shell Kupiansk in new attack\n\n",  # a title in sentence case, above its story
    "Russian shelling of Kupiansk, 12 May 2024\n\n",  # a caption
    "More news: * Russian shelling hits Vovchansk * Kupiansk residents flee\n\n",  # a digest of headlines
    # a teaser for another story, its headline in sentence case joined to the digest's heading
    ("War latest: Troops hold the line near Vovchansk despite Russian attacks, the general says\n"
     "Key developments on June 3: * Troops hold the line near Vovchansk despite Russian attacks * Shelling…\n\n"),
])
def test_lines_that_are_not_sentences_report_nothing_of_their_own(gazetteer, clutter):
    body = "Russian artillery shelled Kupiansk on Monday, killing two people, the governor said."
    article = article_from_text(clutter + body, published=date(2024, 6, 4), outlet="Wire")
    found = extract_incidents(article, gazetteer)
    assert [(i.place_as_written, i.event_date) for i in found] == [("Kupiansk", date(2024, 6, 3))]
    assert all(s.quote == body for i in found for s in i.sources)


@pytest.mark.parametrize(("text", "place", "near"), [
    # a distance from a town: the village lies near it, and the town itself is no incident place
    ("Fighting between the two armies was reported on Monday in the village of Zorkovo, which is 10 km from Korenevo.",
     "Zorkovo", "Korenevo"),
    # a direction from a capital
    ("Airstrikes on Monday hit the Zorkovo area south of the Iraqi capital Baghdad.", "Zorkovo", "Baghdad"),
    # on a town's edge, a camp of its own (its toll not split between the two names)
    ("At least 12 civilians were killed on Friday when RSF shells hit the Zorkovo displacement camp on the northern "
     "edge of El-Fasher.", "Zorkovo displacement camp", "El Fasher"),
])
def test_a_place_named_as_a_reference_point_locates_the_village_and_is_no_incident(gazetteer, text, place, near):
    article = article_from_text(text, published=date(2024, 8, 13), outlet="Wire")
    found = extract_incidents(article, gazetteer)
    assert [(i.place_as_written, i.place, i.geo_precision) for i in found] == [(place, f"{place} (near {near})", 2)]


@pytest.mark.parametrize("edge", ["on the northern edge of", "at the edge of", "on the fringes of"])
def test_on_a_towns_edge_is_near_it(gazetteer, edge):
    text = f"Shelling hit a market {edge} El-Fasher on Friday, killing 12 civilians."
    found = extract_incidents(article_from_text(text, published=date(2025, 7, 21), outlet="Wire"), gazetteer)
    assert [(i.place, i.geo_precision, i.fatalities) for i in found] == [("El Fasher", 2, 12)]


@pytest.mark.parametrize("between", [" in", ", in"])
def test_an_unknown_town_in_a_region_is_a_place_of_that_region(gazetteer, between):
    text = f"ADF rebels attacked a church in Zorkovo{between} Congo's northeastern Ituri province, early on Sunday."
    found = extract_incidents(article_from_text(text, published=date(2025, 7, 22), outlet="Wire"), gazetteer)
    assert [(i.place_as_written, i.admin1, i.unresolved) for i in found] == [("Zorkovo", "Ituri", True)]


@pytest.mark.parametrize(("text", "expected"), [
    # in a capital's part, the city itself ("Mogadishu's claim" would be the government's)
    ("A suicide bomber drove a car into a restaurant in Mogadishu's Hodan district on Friday, police said.",
     [("Mogadishu", "SO")]),
    # a place the gazetteer lacks, after its country's possessive, is in that country
    ("Houthi rebels said on Sunday they had fired a missile at Israel's Zorkovo airport, hours after Israeli "
     "warplanes struck the Red Sea port of Hodeidah.", [("Hodeidah", "YE"), ("Zorkovo airport", "IL")]),
])
def test_a_possessive_before_a_part_or_a_facility(gazetteer, text, expected):
    found = extract_incidents(article_from_text(text, published=date(2025, 7, 21), outlet="Wire"), gazetteer)
    assert sorted((i.place_as_written, i.country) for i in found) == expected


def test_a_district_named_after_a_town_is_sought_in_the_region_of_the_towns_named(gazetteer):
    # Kharkiv's Kyivskyi district is no district of Kyiv, 400 km away
    text = "Russian drones struck the city of Kharkiv on Saturday, hitting homes in the Kyivskyi district."
    found = extract_incidents(article_from_text(text, published=date(2025, 7, 21), outlet="Wire"), gazetteer)
    assert "Kyiv" not in {i.place for i in found}


def test_a_town_measured_from_is_not_where_it_happened(gazetteer):
    text = ("Gunmen killed 20 people in the village of Zorkovo in Sanmatenga province on Saturday; the wounded were "
            "taken to hospitals in Kaya, 40 kilometers away.")
    found = _found(gazetteer, text, date(2024, 8, 26))
    assert "Kaya" not in {p for p, _, _ in found}


def test_what_was_to_be_prevented_did_not_happen(gazetteer):
    text = "Troops dug in near Kupiansk on Monday to prevent a Russian advance on the town of Vovchansk."
    assert "Vovchansk" not in {p for p, _, _ in _found(gazetteer, text, date(2024, 6, 4))}


def test_in_the_village_names_the_village_named_before(gazetteer):
    text = ("An official of Kupiansk told reporters about the raids by Russian troops. "
            "He said 14 civilians were killed on Friday in the town.")
    article = article_from_text(text, published=date(2024, 6, 9), outlet="Wire")
    found = extract_incidents(article, gazetteer)
    assert [(i.place_as_written, i.event_date, i.fatalities) for i in found] == [("Kupiansk", date(2024, 6, 7), 14)]


def test_the_day_a_statement_was_made_gives_way_to_the_day_of_the_event(gazetteer):
    text = ("Shelling by paramilitary forces killed at least 18 people in El Fasher, local medics said on Tuesday. "
            "The medics said the shelling of El Fasher began on Monday evening.")
    article = article_from_text(text, published=date(2025, 9, 3), outlet="Wire")
    found = extract_incidents(article, gazetteer)
    assert [(i.place_as_written, i.event_date, i.time_precision, i.fatalities) for i in found] == [
        ("El Fasher", date(2025, 9, 1), 1, 18)]


@pytest.mark.parametrize("text", [
    # a report that names only the region
    "Russian shelling of the Kharkiv region killed two people on Monday, the governor said.",
    # a village the gazetteer does not know, coded to the region its sentence names
    "Russian shelling of the village of Zorkovo in the Kharkiv region killed two people on Monday.",
])
def test_a_report_known_only_by_its_region_is_drawn_at_the_regions_seat(gazetteer, text):
    # ACLED's convention (README, "Where areas are drawn"): the region's seat, not its centre, while
    # the gazetteer itself answers "Kharkiv region" with the region's centre.
    article = article_from_text(text, published=date(2024, 6, 4), outlet="Wire")
    found = extract_incidents(article, gazetteer)
    region = gazetteer.resolve("Kharkiv region")
    seat = gazetteer.seat(region)
    assert region is not None and seat is not None and seat.name == "Kharkiv" and seat.kind == "populated place"
    assert [(i.geo_precision, i.latitude, i.longitude) for i in found] == [(3, seat.latitude, seat.longitude)]
    assert (region.latitude, region.longitude) != (seat.latitude, seat.longitude)


def test_a_country_seat_is_its_capital(gazetteer):
    country = gazetteer.resolve("Mali")
    seat = gazetteer.seat(country)
    assert country is not None and country.kind == "country" and seat is not None
    assert (seat.name, seat.country) == ("Bamako", "ML")
    assert gazetteer.seat(gazetteer.resolve("Bamako")) is None  # a town has no seat: it is drawn where it is


def test_targeted_takes_the_kind_of_the_story(gazetteer):
    text = ("Shelling by paramilitary forces hit El Fasher on Tuesday, medics said. "
            "The fighters also targeted homes in Kutum on Tuesday.")
    article = article_from_text(text, published=date(2025, 9, 3), outlet="Wire")
    kinds = {i.place_as_written: i.event_type for i in extract_incidents(article, gazetteer)}
    assert kinds.get("Kutum") == "Explosions/Remote violence", kinds


@pytest.mark.parametrize(("text", "place", "day"), [
    # the town's past, in its description, does not make the shelling old news
    ("Russian forces shelled the town of Izium on Monday, a city that was occupied in 2022.", "Izium", date(2024, 6, 3)),
    ("Russian forces shelled Izium, a rail hub which was occupied in 2022, the governor said.", "Izium",
     date(2024, 6, 4)),
    # a relative clause about the place reports on it
    ("The governor visited Kramatorsk, which was shelled on Monday.", "Kramatorsk", date(2024, 6, 3)),
])
def test_a_places_description_is_about_the_place(gazetteer, text, place, day):
    article = article_from_text(text, published=date(2024, 6, 4), outlet="Wire")
    found = extract_incidents(article, gazetteer)
    assert [(i.place_as_written, i.event_date) for i in found] == [(place, day)]


@pytest.mark.parametrize(("text", "place", "event_type"), [
    # two kinds of event word in one clause: the one that governs the place is the last before it
    ("Clashes broke out on Monday in Shahba, involving mortar fire and machine guns.", "Shahba", "Battles"),
    ("Warplanes bombed Mosul on Monday after militants stormed a checkpoint near Sinjar.", "Sinjar", "Battles"),
    ("Warplanes bombed Mosul on Monday after militants stormed a checkpoint near Sinjar.", "Mosul",
     "Explosions/Remote violence"),
])
def test_the_event_word_nearest_before_a_place_gives_its_kind(gazetteer, text, place, event_type):
    article = article_from_text(text, published=date(2025, 7, 22), outlet="Wire")
    kinds = {i.place_as_written: i.event_type for i in extract_incidents(article, gazetteer)}
    assert kinds.get(place) == event_type, kinds


@pytest.mark.parametrize(("text", "event_type"), [
    # an armed group's attack on unarmed people
    ("Twelve civilians were killed on Friday in attacks on Oicha blamed on ADF rebels.", "Violence against civilians"),
    ("Gunmen attacked villagers in Oicha on Friday, killing nine.", "Violence against civilians"),
    # the same words with no civilians named: fighting
    ("ADF rebels attacked an army post in Oicha on Friday.", "Battles"),
    # a raid of one armed group on a village, told with fighting words, that kills villagers
    ("Gunmen on motorcycles stormed a village near Oicha on Friday, killing 12 villagers.", "Violence against civilians"),
    ("ADF rebels raided Oicha on Friday, killing nine residents and abducting 20 others.", "Violence against civilians"),
    # ... or on a place where only civilians gather
    ("ADF rebels attacked a church in Oicha during a prayer vigil on Sunday, killing 40 people.",
     "Violence against civilians"),
    # ... but soldiers or a base among the targets make it a battle, civilians killed or not
    ("ADF rebels attacked an army post in Oicha on Friday, killing three soldiers and two civilians.", "Battles"),
    ("ADF rebels raided Oicha on Friday, killing nine residents and two soldiers.", "Battles"),
])
def test_an_armed_groups_attack_on_civilians_is_violence_against_civilians(gazetteer, text, event_type):
    article = article_from_text(text, published=date(2024, 4, 14), outlet="Wire")
    assert [i.event_type for i in extract_incidents(article, gazetteer)] == [event_type]


def test_in_a_story_of_shelling_a_raid_on_a_village_is_still_a_raid(gazetteer):
    text = ("A drone operated by the Rapid Support Forces struck a market in the town of Um Rawaba on Thursday, killing 14 "
            "people. In a separate attack, RSF fighters stormed the village of Zorkovo near El Fasher, killing more "
            "than 200 people, including women and children.")
    article = article_from_text(text, published=date(2025, 7, 24), outlet="Wire")
    kinds = {i.place_as_written: i.event_type for i in extract_incidents(article, gazetteer)}
    assert kinds == {"Um Rawaba": "Explosions/Remote violence", "Zorkovo": "Violence against civilians"}


def test_in_a_story_of_shelling_an_attack_on_civilians_is_the_shelling(gazetteer):
    text = ("Shelling by the Rapid Support Forces killed 18 people in El Fasher on Monday, medics said. "
            "Medics accused the RSF of targeting homes in Kutum on Monday, wounding women and children.")
    article = article_from_text(text, published=date(2025, 9, 2), outlet="Wire")
    assert {i.place_as_written: i.event_type for i in extract_incidents(article, gazetteer)}.get("Kutum") == \
        "Explosions/Remote violence"


@pytest.mark.parametrize(("text", "event_type"), [
    # looting by armed men is property destruction, not a riot
    ("Rebels looted a health centre in Oicha on Saturday.", "Strategic developments"),
    # "hit by" names no weapon of its own: the province "hit by attacks" was not shelled
    ("The town of Oicha, hard hit by ADF attacks, was attacked again on Saturday, killing two civilians.",
     "Violence against civilians"),
])
def test_words_that_name_no_kind_of_their_own(gazetteer, text, event_type):
    article = article_from_text(text, published=date(2024, 4, 14), outlet="Wire")
    assert [i.event_type for i in extract_incidents(article, gazetteer)] == [event_type]


def test_a_heading_does_not_give_the_story_its_kind(gazetteer):
    # "Looting" (or "Riots") as a heading between paragraphs: the story's killings are not riots
    text = ("Rebels attacked Oicha on Friday, residents said.\n\nRiots\n\n"
            "Six people were killed on Friday in Oicha, residents said.")
    article = article_from_text(text, published=date(2024, 4, 14), outlet="Wire")
    assert all(i.event_type != "Riots" for i in extract_incidents(article, gazetteer))


@pytest.mark.parametrize(("text", "actor"), [
    ("A Myanmar junta airstrike hit Sittwe on Tuesday.", "Military Forces of Myanmar"),
    ("Mali's junta said its drones struck Kidal on Tuesday.", "Military Forces of Mali"),
])
def test_a_countrys_junta_is_its_armed_forces(gazetteer, text, actor):
    article = article_from_text(text, published=date(2024, 5, 22), outlet="Wire")
    assert [i.actors[:1] for i in extract_incidents(article, gazetteer)] == [(actor,)]


@pytest.mark.parametrize(("second", "actors"), [
    # jets: the one state force the story names, not the rebels of the sentence before
    ("Fighter jets bombed Kyauktaw on Tuesday.", ("Military Forces of Myanmar",)),
    # other weapons: the sentence before still says who
    ("Shells hit Kyauktaw on Tuesday.", ("Arakan Army",)),
])
def test_an_unnamed_air_attack_is_the_state_forces(gazetteer, second, actors):
    text = ("Myanmar troops are fighting across Rakhine. Since November, the Arakan Army has captured eight towns. "
            + second)
    article = article_from_text(text, published=date(2024, 5, 22), outlet="Wire")
    found = {i.place_as_written: i.actors for i in extract_incidents(article, gazetteer)}
    assert found.get("Kyauktaw") == actors, found


@pytest.mark.parametrize("text", [
    # two state forces in the story: which one flew is not said
    "Russian forces and Ukrainian troops fought near Bakhmut. The Wagner Group has captured two villages. "
    "Warplanes struck Kramatorsk on Tuesday.",
    # one state force, but jets over another country are not its own (a foreign air force)
    "Myanmar troops are fighting the Arakan Army. The Arakan Army has captured eight towns. "
    "Fighter jets struck Cox's Bazar on Tuesday.",
])
def test_an_unnamed_air_attack_stays_unnamed_when_the_story_does_not_say_whose(gazetteer, text):
    article = article_from_text(text, published=date(2024, 5, 22), outlet="Wire")
    found = {i.place_as_written: i.actors for i in extract_incidents(article, gazetteer) if i.event_date.day == 21}
    assert list(found.values()) == [()], found


@pytest.mark.parametrize("text", [
    # a paragraph that opens with its dateline and a colon
    "Kharkiv: Ukraine's military said on Sunday that its troops recaptured Bakhmut after heavy fighting.",
    # officials in a capital are its government
    "Ukraine's military said on Sunday that its troops recaptured Bakhmut, as officials in Kyiv stayed silent.",
    # where the one who told it is
    "A police officer in Kharkiv province told Reuters that troops recaptured Bakhmut on Sunday.",
])
def test_where_the_reporter_or_the_government_is_is_no_incident_place(gazetteer, text):
    found = _found(gazetteer, text, date(2023, 6, 12))
    assert {p for p, _, _ in found} == {"Bakhmut"}, found


@pytest.mark.parametrize(("later", "place"), [
    # the village is named later: the report is coded there
    ("The village of Suzemka, where it happened, lies 10 km from the border.", "Suzëmka"),
    # two villages of the region named later: which one is not said, so the region stays
    ("The villages of Suzemka and Sevsk lie near the border.", "Bryansk"),
])
def test_a_village_left_unnamed_is_the_one_named_later(gazetteer, later, place):
    text = ("Ukrainian shelling on a village in Russia's Bryansk region killed four civilians on Saturday, "
            "the governor said. " + later)
    article = article_from_text(text, published=date(2023, 4, 30), outlet="Wire")
    found = extract_incidents(article, gazetteer)
    assert [(i.place, i.fatalities) for i in found] == [(place, 4)], [(i.place, i.geo_precision) for i in found]


@pytest.mark.parametrize("text", [
    "Israeli airstrikes on Sunday hit two houses in Rafah, Gaza's southernmost city, medics said.",
    "Shelling on Sunday hit Kupiansk, the Kharkiv region's main rail town, the governor said.",
])
def test_the_place_a_town_is_said_to_lie_in_by_apposition_is_no_incident_place(gazetteer, text):
    found = _found(gazetteer, text, date(2024, 4, 22))
    assert len(found) == 1 and found[0][0] in ("Rafah", "Kupiansk"), found


def test_a_border_named_as_a_landmark_is_no_incident_place(gazetteer):
    text = ("Russian forces captured Kupiansk on Monday, the ministry said. The town lies near the border with "
            "the partially occupied Luhansk region.")
    assert {p for p, _, _ in _found(gazetteer, text, date(2024, 1, 30))} == {"Kupiansk"}


def test_a_place_measured_from_in_words_is_a_landmark(gazetteer):
    text = ("Russian forces captured two villages on Wednesday, one of them several kilometers away from the "
            "logistics hub of Pokrovsk.")
    assert "Pokrovsk" not in {p for p, _, _ in _found(gazetteer, text, date(2024, 10, 16))}


def test_an_evacuation_is_no_incident(gazetteer):
    text = ("Russian artillery shelled Kupiansk on Wednesday. Authorities rushed the evacuation of thousands "
            "of people from Vovchansk on Wednesday.")
    assert {p for p, _, _ in _found(gazetteer, text, date(2024, 10, 16))} == {"Kupiansk"}


def test_a_truce_keeps_its_own_type_in_a_story_of_fighting(gazetteer):
    text = "Heavy fighting broke out in Sweida on Sunday. A ceasefire took hold in Shahba on Sunday."
    article = article_from_text(text, published=date(2025, 7, 21), outlet="Wire")
    kinds = {i.place_as_written: i.event_type for i in extract_incidents(article, gazetteer)}
    assert kinds.get("Shahba") == "Strategic developments", kinds


@pytest.mark.parametrize(("text", "town"), [
    ("The Graivoron district of the Belgorod region was shelled on Wednesday, the governor said.", "Grayvoron"),
    # the adjective of the town's name
    ("Saboteurs attacked the Klimovsky district of the Bryansk region on Thursday, the governor said.", "Klimovo"),
    ("Russian shelling hit the Chuhuivskyi district of the Kharkiv region on Thursday.", "Chuhuyiv"),
])
def test_a_district_is_coded_at_its_centre_town(gazetteer, text, town):
    article = article_from_text(text, published=date(2024, 3, 21), outlet="Wire")
    found = extract_incidents(article, gazetteer)
    assert [(i.place, i.geo_precision) for i in found] == [(town, 2)]


def test_a_district_is_never_a_namesake_far_away(gazetteer):
    # Klimovsk, a town near Moscow, is not the Klimovsky district of the Bryansk region
    text = "Saboteurs attacked the Klimovsky district of the Bryansk region on Thursday, the governor said."
    found = extract_incidents(article_from_text(text, published=date(2024, 3, 21), outlet="Wire"), gazetteer)
    assert all(i.admin1 == "Bryansk" for i in found), [(i.place, i.admin1) for i in found]


@pytest.mark.parametrize("text", [
    # the gazetteer's Andriivkas lie far from Bakhmut: the one meant is a village it lacks
    "Troops retook the village of Andriivka, located south of Bakhmut, on Friday.",
    "Troops said on Friday that the village of Andriivka, also located south of the eastern Ukrainian city of "
    "Bakhmut, had been retaken.",
])
def test_a_namesake_far_from_the_town_a_village_lies_by_is_not_the_village(gazetteer, text):
    article = article_from_text(text, published=date(2023, 9, 17), outlet="Wire")
    found = extract_incidents(article, gazetteer)
    assert [(i.place, i.geo_precision) for i in found] == [("Andriivka (near Bakhmut)", 2)]


@pytest.mark.parametrize(("distance", "place"), [
    # Sibi is 110 km from Quetta as the crow flies, 160 km by road: the town meant
    ("about 160 km", "Sibi"),
    # ... but no town 10 km from Quetta
    ("10 km", "Sibi (near Quetta)"),
])
def test_a_distance_the_text_gives_sets_how_far_the_town_may_lie(gazetteer, distance, place):
    text = (f"Separatists attacked a passenger train near Sibi, {distance} southeast of Quetta, in Pakistan's "
            "Balochistan province on Tuesday.")
    found = extract_incidents(article_from_text(text, published=date(2025, 3, 12), outlet="Wire"), gazetteer)
    assert [i.place for i in found] == [place]


@pytest.mark.parametrize(("second", "day"), [
    # the next sentence gives the day of the attack the first one placed
    ("Tuesday's coordinated assaults on a training camp killed more than 70 people, sources said.", date(2024, 9, 17)),
    # a day of speaking is no day of the attack
    ("Officials said on Tuesday that the assaults killed more than 70 people.", date(2024, 9, 20)),
])
def test_a_sentence_with_the_day_but_no_place_dates_the_one_before(gazetteer, second, day):
    text = "A rare jihadist attack in Bamako, the capital of Mali, has caused heavy losses. " + second
    article = article_from_text(text, published=date(2024, 9, 20), outlet="Wire")
    assert [(i.place, i.event_date) for i in extract_incidents(article, gazetteer)] == [("Bamako", day)]


def test_a_sentence_dated_by_those_before_it_keeps_their_day(gazetteer):
    # the last sentence's "overnight" is the day of another report, not of the Kupiansk bomb
    text = ("Russian drones struck Kharkiv on Saturday, killing two people, the mayor said. Separately, a glide bomb "
            "attack on the town of Kupiansk killed one man, the governor said. Ukraine's air force said it shot down "
            "38 of the 51 drones Russia launched at the country overnight.")
    found = extract_incidents(article_from_text(text, published=date(2025, 7, 21), outlet="Wire"), gazetteer)
    assert sorted((i.place_as_written, i.event_date) for i in found) == [("Kharkiv", date(2025, 7, 19)),
                                                                        ("Kupiansk", date(2025, 7, 19))]


def test_a_part_of_a_town_is_near_the_town(gazetteer):
    text = "Gunmen attacked an upscale community in Port-au-Prince early Tuesday, police said."
    found = extract_incidents(article_from_text(text, published=date(2024, 11, 19), outlet="Wire"), gazetteer)
    assert [(i.place, i.geo_precision) for i in found] == [("Port-au-Prince", 2)]


@pytest.mark.parametrize(("text", "country"), [
    # Lima is "Rima" in another language; a Syrian story names a village, not Peru's capital
    ("Clashes broke out in Rima Hazem and Shahba on Sunday, Syrian officials said.", "PE"),
    # Jizan, a Saudi city, by an alternate spelling: here a Gazan is a Palestinian
    ("Israeli airstrikes on Sunday killed 24 people in the southern Gazan city of Rafah, Palestinian medics said.",
     "SA"),
])
def test_a_large_city_named_only_by_an_alternate_name_is_not_named_in_passing(gazetteer, text, country):
    found = _found(gazetteer, text, date(2025, 7, 21))
    assert all(c != country for _, c, _ in found), found


def test_an_unknown_village_is_coded_in_the_region_the_storys_towns_lie_in(gazetteer):
    # No region is named, but Omdurman and Khartoum both lie in Khartoum State.
    text = ("Shelling hit Omdurman and Khartoum on Thursday, medics said. The shelling also hit the villages "
            "of Zorkovo and Qarwan on Thursday.")
    article = article_from_text(text, published=date(2024, 8, 22), outlet="Wire")
    unknown = [i for i in extract_incidents(article, gazetteer) if i.unresolved]
    assert sorted(i.place_as_written for i in unknown) == ["Qarwan", "Zorkovo"]
    assert {(i.country, i.admin1, i.geo_precision) for i in unknown} == {("SD", "Khartoum", 3)}


@pytest.mark.parametrize(("text", "name"), [
    # "Um" is no word of its own: beside a settlement noun the run is one name, not India's Bada
    ("Shelling hit neighbourhoods within Um Bada locality on Monday.", "Um Bada"),
    ("Gunmen raided Um Bada village on Monday.", "Um Bada"),
])
def test_a_short_first_word_beside_a_settlement_noun_is_part_of_the_name(gazetteer, text, name):
    from geo.extract.mentions import find_places

    assert [(m.text, m.place) for m in find_places(text, gazetteer)] == [(name, None)]


def test_a_town_listed_with_a_known_town_is_its_regions_namesake(gazetteer):
    # Vovchansk alone, with no place word and nothing naming Ukraine, is taken for a word; listed
    # with Kupiansk it is the town of Kupiansk's region. A name with no namesake there stays unknown.
    text = "Russian troops shelled Kupiansk, Zorkwa and Vovchansk on Monday."
    assert _found(gazetteer, text, date(2024, 5, 6)) == [
        ("Kupiansk", "UA", False), ("Vovchansk", "UA", False), ("Zorkwa", "UA", True)]


def test_the_land_around_a_town_holds_the_villages_listed_in_it(gazetteer):
    text = "RSF shelling hit the villages of Qarwan and Zorkovo in the northern countryside of Omdurman on Thursday."
    found = extract_incidents(article_from_text(text, published=date(2024, 8, 23), outlet="Wire"), gazetteer)
    assert sorted((i.place, i.geo_precision) for i in found) == [("Qarwan (near Omdurman)", 2), ("Zorkovo (near Omdurman)", 2)]


@pytest.mark.parametrize("caption", [
    "Smoke rises after an air strike on the village of Zorkovo on Monday. Alamy Stock Photo\n\n",
    # a headline repeated over a gallery's file names and its caption: one line of clutter
    "Airstrike kills woman near Zorkovo\nzorkovo_0521.jpg zorkovo_0522.jpg\nThe village of Zorkovo is seen "
    "on Monday after an airstrike destroyed much of it. (Satellite image)\n\n",
])
def test_a_photo_caption_reports_nothing_of_its_own(gazetteer, caption):
    text = caption + "Israeli strikes killed two people in Nabatieh on Monday, the health ministry said."
    assert {p for p, _, _ in _found(gazetteer, text, date(2025, 3, 22))} == {"Nabatieh"}


def test_an_unknown_village_in_a_story_that_names_only_its_country_is_coded_in_that_country(gazetteer):
    text = "An Israeli strike on the town of Zorkovo in Lebanon killed two people on Saturday, the ministry said."
    found = extract_incidents(article_from_text(text, published=date(2025, 3, 22), outlet="Wire"), gazetteer)
    capital = gazetteer.seat(gazetteer.area("LB"))
    assert capital is not None
    assert [(i.place, i.geo_precision, i.unresolved, i.latitude) for i in found] == [
        ("Zorkovo (somewhere in Lebanon)", 3, True, capital.latitude)]


@pytest.mark.parametrize(("text", "unknown"), [
    # listed with a town the gazetteer knows, after a place word
    ("Russia's army announced on Saturday the recapture of Sudzha, Zorkovo and Staraya Qarwan.",
     {"Zorkovo", "Staraya Qarwan"}),
    ("Israeli jets struck fuel depots at Ras Qarwan and Hodeidah on Sunday.", {"Ras Qarwan"}),
    # listed with villages a place word marks, ordinals included
    ("Ukrainian troops in the Kursk region now control several villages including Zorkovo, Qarwan, 1st Qarwan, "
     "and 2nd Qarwan, a channel said on Thursday.", {"Zorkovo", "Qarwan", "1st Qarwan", "2nd Qarwan"}),
    # a list of people after no place word is no list of places
    ("Putin, Lavrov and Shoigu met in Moscow on Thursday, as shelling hit Belgorod.", set()),
])
def test_names_listed_with_places_are_places(gazetteer, text, unknown):
    found = _found(gazetteer, text, date(2024, 8, 10))
    assert {p for p, _, is_unknown in found if is_unknown} == unknown, found


def test_the_actor_whose_name_holds_the_event_word_did_it(gazetteer):
    text = "Houthi leaders had a setback on Sunday when an Israeli airstrike destroyed fuel tanks in Hodeidah."
    found = extract_incidents(article_from_text(text, published=date(2024, 9, 30), outlet="Wire"), gazetteer)
    assert [i.actors[:1] for i in found] == [("Military Forces of Israel",)]


def test_a_place_naming_an_official_is_no_incident_place(gazetteer):
    text = ("Rebels attacked the village of Zorkovo near Kupiansk on Friday. "
            "Zorkovo Mayor Ivan Petrenko gave a toll of ten dead from the latest attacks on Saturday.")
    found = extract_incidents(article_from_text(text, published=date(2024, 4, 14), outlet="Wire"), gazetteer)
    assert [(i.place_as_written, i.event_date) for i in found] == [("Zorkovo", date(2024, 4, 12))]


def test_the_setting_of_a_story_is_no_incident_place(gazetteer):
    text = ("Rebels fired rockets at a base in Kirkuk on Monday, saying the attacks were part of a response "
            "amid the ongoing Israel-Hamas war in the Gaza Strip.")
    assert {p for p, _, _ in _found(gazetteer, text, date(2024, 1, 24))} == {"Kirkuk"}


def test_a_region_named_with_a_word_before_region_is_the_region(gazetteer):
    text = "Russia on Saturday said its troops had retaken three villages in the Kursk border region."
    found = extract_incidents(article_from_text(text, published=date(2025, 3, 8), outlet="Wire"), gazetteer)
    assert [(i.place, i.geo_precision) for i in found] == [("Kursk", 3)]


def test_a_name_once_unknown_is_not_a_misspelling_of_a_far_town_elsewhere(gazetteer):
    # "Areeqa" is a village the gazetteer lacks; read alone it could pass for a misspelt Ar Raqqah
    text = ("Clashes broke out on Sunday in Rima Hazem, Areeqa, and Shahba, Syrian monitors said. "
            "In Areeqa, several homes were set ablaze during the shelling on Sunday.")
    found = _found(gazetteer, text, date(2025, 7, 21))
    assert all(not (p == "Areeqa" and not unknown) for p, _, unknown in found), found


def test_two_attackers_strikes_on_one_place_and_day_are_two_incidents_with_ids_of_their_own(gazetteer, tmp_path):
    from geo.intake.ingest import IngestReport, ingest_article
    from geo.store.db import load_incidents, open_engine

    text = ("Israeli airstrikes hit Hodeidah on Sunday, killing five. "
            "Houthi drones struck Hodeidah on Sunday too, the navy said.")
    article = article_from_text(text, published=date(2024, 9, 30), outlet="Wire")
    found = [i for i in extract_incidents(article, gazetteer) if i.place_as_written == "Hodeidah"]
    assert len(found) == 2 and len({i.id for i in found}) == 2, [(i.id, i.actors) for i in found]
    engine = open_engine(f"sqlite:///{tmp_path / 's.sqlite'}")
    report = IngestReport()
    ingest_article(engine, article, gazetteer, [], report, {})
    assert report.incidents == len(load_incidents(engine)) >= 2




@pytest.mark.parametrize(("text", "days"), [
    # one event a day, as ACLED codes them
    ("Two airstrikes late Sunday and early Monday hit houses in Rafah, medics said.", [date(2024, 4, 21), date(2024, 4, 22)]),
    ("Drones hit Odesa on Saturday, Sunday and Monday, officials said.",
     [date(2024, 4, 20), date(2024, 4, 21), date(2024, 4, 22)]),
    # one night is one event
    ("Russian forces shelled Kherson between Sunday and Monday, officials said.", [date(2024, 4, 21)]),
])
def test_a_list_of_days_is_an_event_a_day(gazetteer, text, days):
    article = article_from_text(text, published=date(2024, 4, 22), outlet="Wire")
    assert sorted(i.event_date for i in extract_incidents(article, gazetteer)) == days


def test_a_district_named_beside_an_unknown_village_is_where_the_village_is(gazetteer):
    text = "In the Belgorod district, in the village of Zorkovo, a drone hit a bus on Sunday, the governor said."
    found = extract_incidents(article_from_text(text, published=date(2024, 8, 4), outlet="Wire"), gazetteer)
    assert [(i.place_as_written, i.unresolved, i.geo_precision) for i in found] == [("Zorkovo", True, 2)]
    assert "Belgorod" in found[0].place




def test_a_district_is_found_in_the_region_of_its_name_in_any_country(gazetteer):
    # "Plateau State" is also a region of Benin, and is read so until the story's country is weighed;
    # Bokkos Local Government Area lies in Nigeria's Plateau, and holds the unknown villages.
    text = ("Gunmen attacked Kwatas and Daffo communities of Bokkos Local Government Area of Plateau State on "
            "Tuesday, killing seven people. The governor spoke to reporters in Jos, the state capital, on Wednesday.")
    found = extract_incidents(article_from_text(text, published=date(2024, 9, 4), outlet="Wire"), gazetteer)
    assert sorted((i.place, i.country) for i in found) == [("Daffo (near Bokkos)", "NG"), ("Kwatas (near Bokkos)", "NG")]




@pytest.mark.parametrize("district", ["township", "locality", "district"])
def test_an_unknown_district_beside_its_places_is_where_they_are(gazetteer, district):
    # the district is the area the named villages lie in, as a region is; the town is a place
    text = ("Insurgents attacked a border post near Zorkaw town on Monday. In response, aircraft dropped three "
            f"bombs on two villages in Rakhine State's Zorkaw {district} on Tuesday. The bombs hit the villages "
            "of Qarwan and Tilbo on Tuesday, residents said.")
    article = article_from_text(text, published=date(2024, 5, 22), outlet="Wire")
    found = sorted((i.event_date.day, i.place_as_written) for i in extract_incidents(article, gazetteer))
    assert found == [(20, "Zorkaw"), (21, "Qarwan"), (21, "Tilbo")]


@pytest.mark.parametrize(("text", "actors"), [
    # the group of the one who speaks did not act
    ("An Iraqi army officer told Xinhua that a drone hit the Ayn al-Asad airbase near Baghdad on Wednesday.", ()),
    ("Hamas officials said an Israeli airstrike killed 12 people in Rafah on Sunday.", ("Military Forces of Israel",)),
    ("A drone hit a school near Baghdad on Wednesday, a member of the Popular Mobilization Forces told reporters.", ()),
    ("The Houthi-run health ministry said an Israeli strike killed three people in Hodeidah on Sunday.",
     ("Military Forces of Israel",)),
    ("A vessel was hit by a projectile off Hodeidah on Monday, the British military's UKMTO agency said.", ()),
    ("A suicide bomber killed six people at a ministry in Kabul on Monday, a Taliban government spokesman said.", ()),
    # the group that acted
    ("A commander of the Popular Mobilization Forces led an attack near Baghdad on Wednesday.",
     ("Popular Mobilization Forces",)),
    ("The Iraqi army shelled positions near Baghdad on Wednesday.", ("Military Forces of Iraq",)),
])
def test_the_group_of_one_who_speaks_is_no_actor(gazetteer, text, actors):
    found = extract_incidents(article_from_text(text, published=date(2024, 1, 24), outlet="Wire"), gazetteer)
    assert [i.actors for i in found] == [actors]


def test_the_next_sentence_does_not_take_the_group_of_one_who_spoke(gazetteer):
    text = ("An Iraqi army officer told Xinhua that air defences shot down a drone on Wednesday. There has been no "
            "comment from the authorities about the attack on the U.S. base near Erbil airport on Wednesday.")
    found = extract_incidents(article_from_text(text, published=date(2024, 1, 24), outlet="Wire"), gazetteer)
    assert [(i.place, i.actors) for i in found] == [("Erbil", ())]


@pytest.mark.parametrize(("text", "actors"), [
    # an unnamed attacker as the subject comes first, the named side it attacked after it
    ("A large group of terrorists attacked two Pakistani military posts in Chitral on Wednesday.",
     ("Unidentified Armed Group", "Military Forces of Pakistan")),
    ("Gunmen attacked Nigerian soldiers in Maiduguri on Wednesday.",
     ("Unidentified Armed Group", "Military Forces of Nigeria")),
    # the named side as the subject acted
    ("Nigerian soldiers killed ten gunmen in Maiduguri on Wednesday.", ("Military Forces of Nigeria",)),
])
def test_an_unnamed_attacker_of_a_named_side_is_actor_one(gazetteer, text, actors):
    found = extract_incidents(article_from_text(text, published=date(2025, 7, 21), outlet="Wire"), gazetteer)
    assert [i.actors for i in found] == [actors]


def test_a_region_reports_attacker_is_the_attacker_of_its_places_that_name_none(gazetteer):
    text = ("Ukrainian forces attacked three settlements in the Belgorod region with drones on Sunday, the governor "
            "said. Sirens sounded for an hour. In the village of Zorkovo near Shebekino, a drone attacked a bus on "
            "Sunday, he said.")
    found = extract_incidents(article_from_text(text, published=date(2024, 8, 4), outlet="Wire"), gazetteer)
    assert [(i.place_as_written, i.actors) for i in found] == [("Zorkovo", ("Military Forces of Ukraine",))]


ISRAEL = ("Military Forces of Israel",)


@pytest.mark.parametrize(("second", "expected"), [
    # "the two airstrikes" at the place of the strikes told before: theirs
    ("The two airstrikes late Sunday and early Monday targeted two houses in Rafah, officials said.",
     [("Rafah", 21, ISRAEL), ("Rafah", 22, ISRAEL)]),
    # ... but an airstrike elsewhere is no strike told before
    ("The airstrike on Khan Younis on Sunday hit a house, officials said.", [("Khan Younis", 21, ()), ("Rafah", 22, ISRAEL)]),
])
def test_strikes_told_before_are_by_the_same_hands(gazetteer, second, expected):
    text = ("Israeli airstrikes overnight killed 24 Palestinians in the southern Gazan city of Rafah, the health "
            "ministry said. Aid groups warned of famine. " + second)
    found = extract_incidents(article_from_text(text, published=date(2024, 4, 22), outlet="Wire"), gazetteer)
    assert sorted((i.place_as_written, i.event_date.day, i.actors) for i in found) == expected



@pytest.mark.parametrize(("text", "place", "kind"), [
    # a withdrawal with no fighting told: territory changes hands without a battle (ACLED's
    # non-violent transfer of territory)
    ("Ukrainian forces have withdrawn from the village of Lastochkyne near the recently captured Avdiivka, "
     "a spokesman said on Monday.", "Lastochkyne", "Non-violent transfer of territory"),
    ("The army pulled out of Kupiansk on Monday, officials said.", "Kupiansk", "Non-violent transfer of territory"),
    # the capture of the place after a withdrawal elsewhere: a battle
    ("After Ukrainian troops withdrew from Avdiivka, Russian forces captured Kupiansk on Monday.", "Kupiansk",
     "Battles"),
])
def test_a_withdrawal_is_a_transfer_of_territory(gazetteer, text, place, kind):
    found = extract_incidents(article_from_text(text, published=date(2024, 2, 26), outlet="Wire"), gazetteer)
    kinds = {i.place_as_written: (i.event_type, i.sub_event_type) for i in found}
    assert kind in kinds.get(place, ()), kinds


# Which places of a sentence are incident places, rule by rule: the day of publication, then each
# sentence with the places found in it (as written), in order.
PLACE_RULES: dict[str, tuple[date, list[tuple[str, list[str]]]]] = {
    "a clause after a context date is context": (date(2023, 9, 6), [
        # a context date opens the sentence: its second clause is context too
        ("Last week, six guards were killed while three others were wounded in an ambush in Bannu, police said.", []),
        ("Two weeks ago, militants stormed a checkpoint in Bannu and burned a truck in Lakki Marwat.", []),
        # a context date after the place describes the place, not the event
        ("Soldiers shelled the town of Kupiansk, a rail hub that was captured in 2022, officials said.", ["Kupiansk"]),
        # a day of its own in the clause: an incident
        ("Last week the army retreated, and on Tuesday militants attacked Bannu, police said.", ["Bannu"]),
    ]),
    "the town near a city is the town named before": (date(2024, 8, 4), [
        ("A drone hit an apartment block in the Russian town of Shebekino on Sunday, killing a woman, the "
         "governor said. The blast damaged two buildings. The town near Belgorod was shelled twice on Sunday.",
         ["Shebekino"]),
    ]),
    "a stretch of front named for a town is not the town": (date(2024, 8, 24), [
        ("Assaults on the southern Donetsk and Zaporizhzhia axes failed on Friday, the ministry said.", []),
        ("Fighting raged on the Pokrovsk-Kurakhove direction on Friday.", []),
        ("Troops repelled eleven attacks in the Kupiansk sector on Friday, the general staff said.", []),
        # a town beside a front's name is a place of its own; so is a town the fighting was near
        ("Russian forces shelled Kherson and the Zaporizhzhia front line on Friday.", ["Kherson"]),
        ("Russian troops attacked near Kupiansk on Friday.", ["Kupiansk"]),
    ]),
    "a region's report weeks old is background": (date(2024, 5, 31), [
        # a region's fighting three weeks ago is the story's background ...
        ("Moscow launched a new offensive on May 10 in northern Kharkiv Oblast. Russian forces shelled Vovchansk "
         "on May 31, injuring three people.", ["Vovchansk"]),
        # ... a town's is news still, and a region's of the day before is news
        ("Russian forces shelled Vovchansk on May 10. Drones hit Sumy Oblast on May 30.", ["Sumy Oblast", "Vovchansk"]),
    ]),
    "an earlier event or a refuge is no incident place": (date(2024, 2, 21), [
        ("Following the capture of Avdiivka, Russian troops have intensified attacks, the ministry said on Feb. 21.", []),
        ("After the fall of Bakhmut, Russian forces attacked Chasiv Yar on Monday.", ["Chasiv Yar"]),
        # where people fled to is a refuge
        ("Thousands of civilians have fled to Pokrovsk as Russia wages a campaign to capture eastern Ukraine.", []),
        ("Shelling hit Avdiivka on Monday and residents fled to Pokrovsk.", ["Avdiivka"]),
        # the capture itself, reported as news
        ("Russian troops completed the capture of Avdiivka on Saturday, the ministry said.", ["Avdiivka"]),
    ]),
    "repeated attacks without a day are no incident": (date(2024, 4, 16), [
        ("For a month, our neighbourhood has been the victim of repeated Russian attacks, an official in Kupiansk in "
         "Ukraine's Kharkiv region told AFP.", []),
        ("Residents of Beni said repeated raids had emptied their villages.", []),
        # a day of their own: news
        ("Repeated Russian drone strikes hit Kupiansk on Monday, killing two people.", ["Kupiansk"]),
        # in the simple past, one day's shelling (the report's), however often it came
        ("Russian artillery repeatedly shelled Kupiansk, injuring more than 10 people, officials said on Monday.",
         ["Kupiansk"]),
    ]),
    "a place naming a whole campaign is no incident place": (date(2024, 9, 16), [
        ("Zelensky said on Friday that Ukraine's Kursk incursion had slowed Russian forces.", []),
        ("Putin said on Friday that the Kursk assault had proved a costly distraction.", []),
        # an assault on the place is an event there
        ("Russian troops launched an assault on Kupiansk on Friday.", ["Kupiansk"]),
        # ... or the talks and truces about it: "a Gaza ceasefire" names which one
        ("The Gaza ceasefire collapsed as Israeli strikes hit Rafah on Friday.", ["Rafah"]),
    ]),
    "who holds a place is no name of it, and no bar to it": (date(2024, 9, 16), [
        ("Ukrainian drones struck Russian-held Kupiansk on Friday, killing two.", ["Kupiansk"]),
        ("Russian troops shelled the Russian-occupied village of Zorkivka in Donetsk Oblast on Friday.", ["Zorkivka"]),
        ("Georgian forces attacked an Ossetian-controlled village in the Shida Kartli region on Friday, officials "
         "said.", ["Shida Kartli region"]),
    ]),
    "a Nigerian local government area's noun is no part of its name": (date(2024, 9, 16), [
        ("Gunmen killed 12 villagers in Zorkula village of Gumo Local Government Area of Benue State on Friday, "
         "police said.", ["Zorkula"]),
    ]),
    "a comparison with other events is no event": (date(2024, 9, 16), [
        ("Gunmen stormed a school in Kati on Friday, killing 12 people. It was the first such attack on Bamako in "
         "years.", ["Kati"]),
    ]),
    "where diplomats meet is no incident place": (date(2024, 9, 16), [
        ("Talks in Doha stalled as Israeli strikes killed 30 people in Khan Younis on Friday.", ["Khan Younis"]),
        ("Israeli strikes hit Rafah on Friday as negotiations in Cairo went on.", ["Rafah"]),
        ("A summit held in Geneva ended on Friday as shelling hit Kupiansk in eastern Ukraine.", ["Kupiansk"]),
        # ... with what they talk about between
        ("Israeli strikes killed 30 people in Khan Younis on Friday as talks on a ceasefire in Cairo stalled.",
         ["Khan Younis"]),
    ]),
    "a community's name used as an adjective is no place": (date(2023, 8, 30), [
        ("Clashes between U.S.-backed Kurdish-led fighters and Arab tribal gunmen killed 25 people in the village of "
         "Dhiban in Syria's Deir ez-Zor province on Sunday, a monitor said.", ["Dhiban"]),
    ]),
    "one town named after its noun is no list": (date(2024, 10, 30), [
        ("Ukrainian drones targeted an ammunition depot near the town of Seltso, Russian Telegram channels "
         "reported on Wednesday.", ["Seltso"]),
    ]),
    "a place judged is no incident place": (date(2024, 6, 10), [
        ('Zelensky said fighting in the Donetsk region was "the most difficult" and troops held their positions.', []),
        ("Officials said clashes in Kupiansk were fiercer than ever.", []),
        ("The situation after shelling in Kupiansk remains extremely tense, officials said.", []),
        # what happened there, told
        ("Officials said the town of Kupiansk was shelled on Monday.", ["Kupiansk"]),
    ]),
    "a city named like its region is a place unless it says where another is": (date(2024, 6, 10), [
        # a city and a town of the region named after the city: two places
        ("Russian troops shelled Kharkiv and Kupiansk on Monday.", ["Kharkiv", "Kupiansk"]),
        # the capital named to say where a town is
        ("The RSF shelled Omdurman in the capital, Khartoum, on Thursday, killing two people.", ["Omdurman"]),
    ]),
    "an unknown name near a known place is a place": (date(2024, 3, 24), [
        # a name the gazetteer lacks, right after a region and "near": the more precise place
        ("Al Shabaab militants attacked a military base in the Lower Shabelle region near Zorkaw on Saturday.",
         ["Zorkaw"]),
        # Somalia's regions as the news spells them
        ("Al-Shabaab fighters stormed a military base in Middle Shabelle region on Friday, the army said.",
         ["Middle Shabelle region"]),
        # a word the text also writes in lower case is no name
        ("Troops shelled positions in the Kharkiv region near Border crossings on Friday; the border stayed shut.",
         ["Kharkiv region"]),
    ]),
    "the settlement named before, at its entrance": (date(2024, 8, 8), [
        # no date of its own: the report's, as for any report with no day
        ("The town of Korenevo lies 30 km from the border, a channel said on Thursday. Another channel "
         "mentions battles between the troops at the entrance to the settlement.", ["Korenevo"]),
    ]),
    "a community's name is no place": (date(2024, 5, 6), [
        # a religion or a people before a settlement noun names who lives there, not where
        ("Gunmen attacked Christian villages and the village of Zorkwa in Nigeria's Plateau State on Sunday.",
         ["Zorkwa"]),
        ("Militants attacked Yazidi settlements and the village of Zorkwa in Iraq on Sunday.", ["Zorkwa"]),
    ]),
    "an unknown name a place word puts in a named area is the place": (date(2024, 5, 6), [
        ("The Arakan Army captured a border guard post near Zorkovo in Rakhine State on Sunday.", ["Zorkovo"]),
        ("Russian troops attacked Zorkovo in Ukraine's eastern Donetsk region on Sunday.", ["Zorkovo"]),
        # no place word before the name: the area
        ("Rebels in Rakhine State attacked a border guard post on Sunday.", ["Rakhine State"]),
    ]),
    "where a source spoke from is no incident place": (date(2024, 5, 6), [
        ("Rebels shelled Sake on Sunday, killing two people, a resident told AFP by phone from Goma.", ["Sake"]),
        ("Russian troops attacked Kupiansk on Sunday, an official said by telephone from Kharkiv.", ["Kupiansk"]),
        # the event's own place, named again, stays
        ("Rebels shelled Goma on Sunday, a resident told AFP from Goma.", ["Goma"]),
    ]),
    "where someone lives is no incident place": (date(2024, 5, 6), [
        ("Shelling in Kupiansk wounded a woman who lived in Kharkiv on Sunday.", ["Kupiansk"]),
        ("A soldier who was born in Lviv was killed in Bakhmut on Monday.", ["Bakhmut"]),
        # the place the victims were living in is where they were hit
        ("An Israeli strike killed 20 people who lived in tents in Khan Younis on Monday.", ["Khan Younis"]),
    ]),
    "a place hard hit is not a place struck": (date(2024, 5, 6), [
        ("Sumy, the hardest hit of the border towns, received generators on Monday.", []),
        ("Generators reached the hard-hit town of Sumy on Monday.", []),
        ("A missile hit Kharkiv on Monday.", ["Kharkiv"]),
    ]),
    "a street named after a place is not the place": (date(2024, 5, 6), [
        ("A motorcycle wreck on Rivers Avenue killed a passenger on Sunday, police said.", []),
        ("An Israeli strike hit a car on Salah al-Din Street in Gaza City on Monday.", ["Gaza City"]),
        # a road in lower case is the road near the town
        ("Russian drones hit a car on the Kupiansk road in Ukraine on Monday.", ["Kupiansk"]),
    ]),
    "an illness, or a figure that hit a level, is no attack": (date(2024, 5, 6), [
        ("A 72-year-old man died of an apparent heart attack in Kharkiv on Saturday.", []),
        ("Unemployment in Kharkiv has hit 8.8 percent, officials said on Monday.", []),
        ("Two men died in Kharkiv on Saturday after shelling.", ["Kharkiv"]),
    ]),
    "fighting a fire is no battle": (date(2024, 5, 6), [
        ("Firefighters were busy fighting two apartment fires in Kharkiv overnight, officials said.", []),
        ("Fighting raged in Kupiansk on Monday, military officials said.", ["Kupiansk"]),
    ]),
    "a facility's name keeps its noun": (date(2024, 2, 5), [
        # a base or a field the gazetteer lacks is a place, named with its noun
        ("Drones struck the Hmeimim air base in western Syria on Monday, a war monitor said.", ["Hmeimim air base"]),
        ("Rockets hit a U.S. base in Kharab gas field in Syria on Monday.", ["Kharab gas field"]),
        # a village's noun is no part of its name
        ("Gunmen attacked Zorkaw village in Somalia on Monday, police said.", ["Zorkaw"]),
    ]),
}


@pytest.mark.parametrize(("text", "found"), [
    # The gazetteer's only Bagram is a village in Iran: said to be in Afghanistan, the base is one
    # the gazetteer lacks, reported in Afghanistan.
    ("Rockets hit the Bagram air base in northern Afghanistan on Monday, officials said.",
     ("Bagram air base", "AF", True)),
    # Alexandria is Egypt's city unless the text says which: Romania's town.
    ("A gas explosion was blamed on saboteurs after gunmen attacked Alexandria in southern Romania on Monday.",
     ("Alexandria", "RO", False)),
    # The same name again without its country is the same place (one sense per discourse).
    ("Rockets hit the Bagram air base in northern Afghanistan on Monday. Drones attacked Bagram air base "
     "again on Tuesday.", ("Bagram air base", "AF", True)),
])
def test_a_town_said_to_lie_in_another_country_is_that_countrys(gazetteer, text, found):
    incidents = _found(gazetteer, text, date(2024, 2, 6))
    assert found in incidents
    assert all(country == found[1] for _, country, _ in incidents)


@pytest.mark.parametrize(("published", "text", "places"), [
    pytest.param(day, text, places, id=f"{rule}: {text[:50]}")
    for rule, (day, cases) in PLACE_RULES.items() for text, places in cases
])
def test_incident_places_rule_by_rule(gazetteer, published, text, places):
    assert [p for p, _, _ in _found(gazetteer, text, published)] == places


@pytest.mark.parametrize(("text", "expected"), [
    # a spot located only by the town named before is coded at that town
    ("Ukrainian troops entered the town of Sudzha on Tuesday. On Wednesday, a car was shelled at a roundabout "
     "east of the town, officials said.", [("Sudzha", "Battles"), ("Sudzha", "Explosions/Remote violence")]),
    ("Russian forces shelled the village of Kozinka in the Belgorod region on Monday. On Tuesday, a checkpoint "
     "just outside the village was hit by a drone.",
     [("Kozinka", "Explosions/Remote violence"), ("Kozinka", "Explosions/Remote violence")]),
    # ... when the sentence reports an event: where people fled is none
    ("Ukrainian troops entered the town of Sudzha on Tuesday. Residents fled to villages north of the town "
     "last year, officials said.", [("Sudzha", "Battles")]),
])
def test_a_spot_located_by_the_town_named_before(gazetteer: Gazetteer, text: str, expected: list[tuple[str, str]]):
    article = article_from_text(text, published=date(2025, 7, 21), outlet="Wire")
    assert sorted((i.place_as_written, i.event_type) for i in extract_incidents(article, gazetteer)) == expected


def test_a_sea_named_after_a_town_is_near_the_town(gazetteer: Gazetteer):
    text = "Houthi rebels fired missiles at a cargo ship in the Gulf of Aden on Tuesday, the group said."
    article = article_from_text(text, published=date(2024, 3, 12), outlet="Wire")
    assert [(i.place_as_written, i.geo_precision) for i in extract_incidents(article, gazetteer)] == [("Aden", 2)]
