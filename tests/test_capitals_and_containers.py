"""A capital named by its country ("the Libyan capital", "Sudan's capital Khartoum"), and the area a
village is said to lie in ("located in northeastern Ukraine's Kharkiv region"), not a landmark it lies
near ("near the border with the Luhansk region"). Made-up sentences, each beside a case that goes the
other way."""

from __future__ import annotations

from datetime import date

import pytest

from geo.extract.pipeline import extract_incidents
from geo.gazetteer.lookup import Gazetteer
from geo.intake.articles import article_from_text


def _where(gazetteer: Gazetteer, text: str, published: date = date(2025, 3, 12)) -> list[tuple[str, str, str]]:
    article = article_from_text(text, published=published, outlet="Wire")
    return [(i.place, i.admin1, i.country) for i in extract_incidents(article, gazetteer)]


@pytest.mark.parametrize(("text", "expected"), [
    # the capital named by the country's demonym, or by its possessive
    ("Heavy fighting broke out in the Libyan capital late on Monday between two armed groups, residents said.",
     [("Tripoli", "Tripoli", "LY")]),
    ("A drone hit a market in Sudan's capital on Monday, killing five people, medics said.",
     [("Khartoum", "Khartoum", "SD")]),
    # ... with its name after it: the name is the place, with or without a comma
    ("Clashes between the army and the RSF erupted in Sudan's capital Khartoum on Monday.",
     [("Khartoum", "Khartoum", "SD")]),
    ("Clashes between the army and the RSF erupted in the Sudanese capital, Khartoum, on Monday.",
     [("Khartoum", "Khartoum", "SD")]),
    # other things called capital
    ("Russian forces shelled Kharkiv on Monday as investors in Kenya's capital markets sold shares.",
     [("Kharkiv", "Kharkiv", "UA")]),
])
def test_a_capital_named_by_its_country(gazetteer: Gazetteer, text: str, expected):
    assert _where(gazetteer, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a city named by its rank in size in its country, in a relative clause after it
    ("Russian forces pressed on in the Kharkiv region, home to Ukraine's second largest city, which was hit by "
     "Russian drones overnight, the governor said.", [("Kharkiv", "Kharkiv", "UA")]),
    ("A car bomb exploded on Monday in Nigeria's largest city, killing four people, police said.",
     [("Lagos", "Lagos", "NG")]),
    # ... by its demonym, and the ranks that skip a big city's own sections (Brooklyn, 10 km from New
    # York City and more populous than Chicago in GeoNames, is no part of the order)
    ("Gunmen opened fire at a rally in the American second-largest city on Monday, police said.",
     [("Los Angeles", "California", "US")]),
    # ... only where the populations set the town apart: GeoNames has Lahore 12% larger than Karachi,
    # which news calls Pakistan's largest city, so neither is read
    ("A bomb exploded at a market in Pakistan's largest city on Monday, killing four people, police said.", []),
    # with its name after it, the name is the place
    ("Russian missiles struck Ukraine's second-largest city Odesa on Monday, the governor said.",
     [("Odesa", "Odesa", "UA")]),
    ("A drone struck Ukraine's second-largest city of Odesa on Monday, the governor said.", [("Odesa", "Odesa", "UA")]),
    # what a region is home to is no place of the region's fighting
    ("Heavy fighting raged in the Donetsk region, home to Kramatorsk, on Monday, the army said.",
     [("Donetsk", "Donetsk", "UA")]),
])
def test_a_city_named_by_its_rank_in_size(gazetteer: Gazetteer, text: str, expected):
    assert _where(gazetteer, text) == expected


def test_the_area_a_village_lies_in_after_a_direction_and_a_possessive(gazetteer: Gazetteer):
    # an unknown village "located in northeastern Ukraine's Kharkiv region" lies in that region, and
    # the region it lies near the border with is no container of it
    text = ("The Russian army said Monday it had captured the small village of Tabaivka, located in northeastern "
            "Ukraine's Kharkiv region. Tabaivka lies near the border with the partially occupied Luhansk region.")
    assert [(admin1, country) for _p, admin1, country in _where(gazetteer, text, date(2024, 1, 29))] == [
        ("Kharkiv", "UA")]


@pytest.mark.parametrize("text", [
    # where reinforcements or travellers came from is not where anything happened
    "Militants stormed a base in Afgooye on Tuesday, an officer said. The army regained control of the base on "
    "Wednesday after reinforcements arrived from Jowhar, the officer said.",
    "Gunmen attacked a bus near Kalat on Thursday. The group has often attacked travellers from Quetta.",
])
def test_where_people_came_from_is_no_place_of_the_event(gazetteer: Gazetteer, text: str):
    found = extract_incidents(article_from_text(text, published=date(2025, 3, 13), outlet="Wire"), gazetteer)
    assert not {"Jowhar", "Quetta"} & {i.place_as_written for i in found}


@pytest.mark.parametrize(("text", "expected"), [
    # an event on the way between two places is one event, at the first the gazetteer knows
    ("An Israeli drone strike on a car on the road between Tyre and Naqoura on Tuesday killed a commander.",
     [("Tyre", "Liban-Sud", "LB")]),
    ("Two Malian soldiers were killed when their convoy was ambushed between Diafarabé and Ténenkou in the "
     "Mopti region on Saturday, the army said.", [("Ténenkou", "Mopti", "ML")]),
    # two places named side by side are two
    ("Clashes between the army and RSF fighters broke out in Bara and El Obeid on Monday.",
     [("Bārah", "North Kordofan", "SD"), ("El Obeid", "North Kordofan", "SD")]),
])
def test_between_two_places(gazetteer: Gazetteer, text: str, expected):
    assert _where(gazetteer, text) == expected


def test_where_an_advance_is_headed_is_no_place_of_fighting(gazetteer: Gazetteer):
    text = ("Russian troops have captured the village of Zelenyi Kut in Donetsk Oblast and are pushing toward the "
            "town of Kostiantynivka, Russia's Defense Ministry claimed on June 9.")
    found = extract_incidents(article_from_text(text, published=date(2025, 6, 10), outlet="Wire"), gazetteer)
    assert [i.place_as_written for i in found] == ["Zelenyi Kut"]


def test_an_unknown_town_lies_where_the_text_first_put_it(gazetteer: Gazetteer):
    # named again bare in a story whose other news is in another region
    text = ("Sudan's army said on Monday it had recaptured the town of Al-Khuwei in West Kordofan state from the RSF, "
            "while drones struck Port Sudan. The army's spokesman said troops had liberated Al-Khuwei. In Port "
            "Sudan, witnesses said drones hit a fuel depot on Monday.")
    found = extract_incidents(article_from_text(text, published=date(2025, 5, 12), outlet="Wire"), gazetteer)
    assert {i.admin1 for i in found if i.place_as_written == "Al-Khuwei"} == {"West Kordofan"}


def test_a_district_after_its_regions_possessive_holds_the_town(gazetteer: Gazetteer):
    text = ("Two men were killed when armed men opened fire at villagers at Moirang in Manipur's Bishnupur district "
            "on Saturday, police said.")
    found = extract_incidents(article_from_text(text, published=date(2025, 9, 7), outlet="Wire"), gazetteer)
    assert [(i.place_as_written, i.fatalities) for i in found] == [("Moirang", 2)]


def test_a_town_a_facility_is_named_after(gazetteer: Gazetteer):
    text = ("Two rockets struck near a base at Baghdad International Airport late Wednesday, causing no casualties, "
            "Iraqi security officials said. Iraq's prime minister condemned the attack.")
    assert [place for place, _a, _c in _where(gazetteer, text, date(2025, 9, 7))] == ["Baghdad"]


def test_a_datelines_place_says_where_the_story_is(gazetteer: Gazetteer):
    # the dateline is no incident place, but Gopalganj is Bangladesh's, not India's namesake
    text = ("DHAKA — Three people were killed in clashes between party supporters and police in the central district "
            "of Gopalganj on Wednesday, police said.")
    assert _where(gazetteer, text, date(2025, 9, 7)) == [("Gopālganj", "Dhaka", "BD")]


def test_where_a_speaker_is_is_no_place_of_the_event(gazetteer: Gazetteer):
    text = ("ADF rebels killed 18 civilians in Ituri province on Friday night. \"They started killing people in their "
            "homes,\" said Dieudonné Malangay, a civil society leader in Beni territory.")
    assert "Beni" not in {i.place_as_written for i in extract_incidents(
        article_from_text(text, published=date(2025, 10, 14), outlet="Wire"), gazetteer)}


@pytest.mark.parametrize(("text", "expected"), [
    # a sentence that opens with its region holds the villages it names with their noun: no namesake
    # in another country
    ("Ukrainian drones struck an oil depot in Feodosia on Monday, Ukraine's General Staff said. In Russia's "
     "Belgorod region, Ukrainian shelling damaged houses in the village of Zhuravlevka on Monday, the governor "
     "said.", [("Feodosiya", "Crimea", "UA"), ("Zhuravlevka (somewhere in Belgorod region)", "Belgorod", "RU")]),
    # ... however large a namesake elsewhere (Oktyabrsky, Bashkortostan, has 108,000 people)
    ("In Russia's Belgorod region, shelling killed a woman in the village of Oktyabrsky on Saturday evening, the "
     "governor said.", [("Oktyabrsky (somewhere in Belgorod region)", "Belgorod", "RU")]),
    # ... only in its own sentence
    ("In Russia's Belgorod region, officials reported no damage on Monday. Russian drones hit houses in the "
     "village of Zhuravlivka on Monday, Ukrainian officials said.", [("Zhuravlivka", "Kharkiv", "UA")]),
    # a region whose name says it is one is not called a region twice
    ("Junta jets bombed the village of Let Yet Kone in the Sagaing region on Tuesday, killing 40 people, "
     "residents said.", [("Let Yet Kone (somewhere in Sagaing Region)", "Sagaing Region", "MM")]),
])
def test_a_sentence_that_opens_with_its_region(gazetteer: Gazetteer, text: str, expected):
    assert _where(gazetteer, text, date(2024, 10, 8)) == expected


def test_an_area_of_a_district_is_in_it(gazetteer: Gazetteer):
    # "the Kokernag area of south Kashmir's Anantnag district": one gunfight, in the area of the district
    text = ("Three Indian Army soldiers and two militants were killed in a gunfight in the Kokernag area of south "
            "Kashmir's Anantnag district, officials said on Wednesday.")
    found = extract_incidents(article_from_text(text, published=date(2023, 9, 13), outlet="Wire"), gazetteer)
    assert [(i.place_as_written, i.fatalities) for i in found] == [("Kokernag", 5)]


@pytest.mark.parametrize(("text", "in_kursk"), [
    # the villages counted in a region, then named in a list of as many names, lie in that region:
    # Viktorovka and Nikolayevka have namesakes in Ukraine, Staraya Sorochina none
    ("Russia on Saturday said its troops had retaken three villages seized by Ukraine in the Kursk border "
     "region.\n\nThe Russian Defense Ministry announced the recapture of Viktorovka, Nikolayevka and Staraya "
     "Sorochina.", True),
    # ... a list of another length is another list
    ("Russia on Saturday said its troops had retaken two villages in the Kursk border region.\n\nThe ministry "
     "said drones hit Viktorovka, Nikolayevka and Staraya Sorochina in Ukraine.", False),
])
def test_villages_counted_in_a_region_then_named(gazetteer: Gazetteer, text: str, in_kursk: bool):
    found = extract_incidents(article_from_text(text, published=date(2025, 3, 8), outlet="Wire"), gazetteer)
    villages = [i for i in found if i.place_as_written in ("Viktorovka", "Nikolayevka")]
    assert len(villages) == 2
    assert all((i.admin1 == "Kursk") is in_kursk for i in villages), [(i.place, i.admin1) for i in villages]


@pytest.mark.parametrize(("text", "place", "admin1"), [
    # a village named with its noun, found only far from the story's region and places, is one the
    # gazetteer lacks in that region (Mirny, Sakha, is 4,000 km from Kursk)
    ("Ukrainian troops pressed on in Russia's Kursk region on Tuesday, channels said. They entered the settlement "
     "of Mirny on Tuesday, a channel said.", "Mirny (somewhere in Kursk region)", "Kursk"),
    ("Three settlements in the Belgorod region were attacked by drones on Sunday, the governor said. In the "
     "Petrovka village, a drone hit a car on Sunday, he said.", "Petrovka (somewhere in Belgorod region)", "Belgorod"),
    # ... a village's noun sets no size ("the village of Murom" is no city of 110,000), and two far
    # namesakes do not vouch for each other
    ("In the Belgorod region, shelling killed a man on Monday, the governor said. Five people were injured in "
     "the village of Murom and the village of Nikolskoye on Monday, he said.", "Murom (somewhere in Belgorod region)",
     "Belgorod"),
    # ... not where the story names the far village's region
    ("Ukrainian troops pressed on in Russia's Kursk region on Tuesday. Separately, a drone hit the settlement of "
     "Mirny in Yakutia on Tuesday, officials in Sakha said.", "Mirny", "Sakha"),
])
def test_a_far_namesake_of_a_village_named_in_a_regions_story(gazetteer: Gazetteer, text: str, place: str, admin1: str):
    found = extract_incidents(article_from_text(text, published=date(2024, 8, 13), outlet="Wire"), gazetteer)
    assert [(i.place, i.admin1) for i in found if i.place_as_written in ("Mirny", "Petrovka", "Murom")] == [(place, admin1)]
