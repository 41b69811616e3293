"""A place's own name before another place's old or foreign name (issue 13, session 11).

GeoNames lists "Pokrovsk" as an alternate (historic) name of Engels, Saratov oblast (196,000 people);
Pokrovsk, Donetsk oblast (60,000) is called so today. A town known by a name only as an alternate
name is a candidate beside a place called so by its own name only when it is many times larger
(Gazetteer OWN_NAME_RATIO) or the text names its region. And a town of any size known by the name
only as an alternate name, in a country the text does not name and far from every place the text
names, needs the text's support, as a misspelling does: GeoNames gives "Mambasa" as an alternate
name of Mombasa, Kenya, while the Mambasa of the news is a Congolese town it lacks. So does a small
town whose transliteration skeleton matches the name only through another of its names: "Rubaya"
(skeleton "ruba") is no spelling of Luba, Equatorial Guinea (once "Ruba"). Made-up sentences."""

from __future__ import annotations

from geo.extract.mentions import find_places
from geo.gazetteer.lookup import Context, Gazetteer


def _found(gazetteer: Gazetteer, text: str) -> dict[str, tuple[str, str, str]]:
    return {m.text: (m.place.name, m.place.country, m.place.admin1) for m in find_places(text, gazetteer) if m.place}


def test_a_town_called_so_today_beats_an_old_name_beside_its_neighbour(gazetteer: Gazetteer):
    """Saratov lies beside Engels: still, "Pokrovsk" is the Donetsk town called so."""
    text = ("Ukrainian drones set an oil depot on fire in Saratov overnight, while Russian units pushed "
            "towards Pokrovsk, the general staff said.")
    assert _found(gazetteer, text)["Pokrovsk"] == ("Pokrovsk", "UA", "Donetsk")


def test_the_old_name_is_no_candidate_beside_a_place_called_so(gazetteer: Gazetteer):
    names = {(p.name, p.country) for p in gazetteer.candidates("Pokrovsk", Context(frozenset({"RU"})))}
    assert ("Engels", "RU") not in names and ("Pokrovsk", "UA") in names


def test_an_old_name_stays_where_the_text_names_its_region(gazetteer: Gazetteer):
    context = Context(frozenset({"RU"}), frozenset({("RU", "67")}))  # Saratov oblast
    assert gazetteer.resolve("Pokrovsk", context).name == "Engels"


def test_an_old_name_of_a_far_larger_place_stays_a_candidate(gazetteer: Gazetteer):
    """Bakhmut (GeoNames "Artemivsk", its name until 2016) is far larger than the villages so called."""
    found = gazetteer.candidates("Artemivsk", Context(frozenset({"UA"})))
    assert any(p.name == "Bakhmut" for p in found)


def test_another_name_abroad_far_from_the_text_is_no_answer(gazetteer: Gazetteer):
    text = ("Militiamen killed nine villagers near Mambasa on Sunday, officials in Bunia said, after "
            "attacks on farms around Beni.")
    found = _found(gazetteer, text)
    assert found.get("Mambasa", ("", "", ""))[1] != "KE" and found["Bunia"][1] == "CD"


def test_another_name_abroad_stays_with_no_place_to_measure_from(gazetteer: Gazetteer):
    """A story that names only a country gives no distance: "Kharkov" in a Russian story is Kharkiv."""
    place = gazetteer.resolve("Kharkov", Context(frozenset({"RU"})))
    assert place is not None and place.country == "UA"


def test_a_skeleton_through_another_name_is_no_spelling(gazetteer: Gazetteer):
    assert "Rubaya" not in {k for k, v in _found(gazetteer, "Rebels seized Rubaya on Tuesday.").items() if v[1] == "GQ"}
    assert gazetteer.resolve("Rubaya", Context()) is None


def test_a_skeleton_of_a_town_s_own_name_stays(gazetteer: Gazetteer):
    """"Avdeyevka" is a spelling of Avdiivka's own name (its skeleton is alike)."""
    place = gazetteer.resolve("Avdeyevka", Context())
    assert place is not None and place.country == "UA"
