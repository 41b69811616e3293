"""Articles in the encodings people save them in: short Western European texts in Latin-1 and
Windows-1252, Russian in Windows-1251, and UTF-8/16/32 with a byte-order mark, read back exactly;
what cannot be read is refused with a message naming the file."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from geo.errors import BadInput
from geo.intake.articles import decode, read_article

# Short sentences written for these tests, in the style of a news report.
FRENCH = [
    "Deux obus sont tombés près de l'école à Kharkiv, selon le maire.",
    "Le préfet a confirmé trois blessés légers après l'incendie du dépôt.",
    "Une frappe a touché la gare ; la circulation a été interrompue jusqu'à midi.",
    "Les secours ont évacué quarante élèves du lycée voisin.",
]
GERMAN = [
    "Größere Schäden meldete die Stadtverwaltung in der Nähe des Flughafens.",
    "Bei dem Angriff wurden drei Gebäude zerstört, teilte die Behörde mit.",
    "Über Nacht fielen Geschosse auf die Brücke südlich von Cherson.",
    "Die Feuerwehr löschte den Brand an der Straße nach Sumy.",
]
PORTUGUESE = [
    "Ataque em São Paulo deixou três feridos, segundo a polícia.",
    "As explosões atingiram a estação de comboios durante a manhã.",
    "O governador disse que a região está sem eletricidade há dois dias.",
    "Um drone caiu perto da ponte e não houve vítimas.",
]
SPANISH = [
    "El bombardeo alcanzó una fábrica en el sur de la ciudad, según el alcalde.",
    "¿Quién se atribuye el ataque? Ningún grupo lo ha reivindicado aún.",
    "La explosión dañó la línea eléctrica y dejó sin luz a miles de niños.",
    "Los bomberos rescataron a cinco personas del edificio en llamas.",
]
LATIN_1_TEXTS = FRENCH + GERMAN + PORTUGUESE + SPANISH
# Characters only Windows-1252 has: curly quotes, the euro sign, œ, dashes, the ellipsis.
CP1252_TEXTS = [
    "Le maire a déclaré : « C’est une attaque délibérée » – un bilan de 2 morts.",
    "Les dégâts sont estimés à 4 millions d’€ ; l’œuvre du musée a été sauvée…",
    "„Wir haben alles verloren“, sagte eine Anwohnerin – der Schaden liegt bei 3 Mio. €.",
    "O prefeito disse: “A reconstrução vai custar 5 milhões de €” — e pediu ajuda.",
    "El portavoz afirmó: “No hubo víctimas” – los daños superan los 2 000 €.",
    "Un cœur de la ville a été touché ; les sœurs de l’hôpital ont soigné vingt blessés.",
]
RUSSIAN = [
    "Обстрел Шебекино: повреждены два дома, сообщил губернатор.",
    "Беспилотник упал рядом с больницей в Белгороде.",
]

CASES = (
    [pytest.param(t, "latin-1", id=f"latin-1-{n}") for n, t in enumerate(LATIN_1_TEXTS)]
    + [pytest.param(t, "cp1252", id=f"cp1252-{n}") for n, t in enumerate(LATIN_1_TEXTS + CP1252_TEXTS)]
    + [pytest.param(t, "cp1251", id=f"cp1251-{n}") for n, t in enumerate(RUSSIAN)]
)


@pytest.mark.parametrize(("text", "encoding"), CASES)
def test_single_byte_texts_are_read_exactly(tmp_path: Path, text: str, encoding: str):
    path = tmp_path / "article.txt"
    path.write_bytes(text.encode(encoding))
    assert read_article(path).text == text


BOMS = [
    pytest.param(codecs.BOM_UTF8, "utf-8", id="utf-8-bom"),
    pytest.param(codecs.BOM_UTF16_LE, "utf-16-le", id="utf-16-le-bom"),
    pytest.param(codecs.BOM_UTF16_BE, "utf-16-be", id="utf-16-be-bom"),
    pytest.param(codecs.BOM_UTF32_LE, "utf-32-le", id="utf-32-le-bom"),
    pytest.param(codecs.BOM_UTF32_BE, "utf-32-be", id="utf-32-be-bom"),
]


@pytest.mark.parametrize(("bom", "encoding"), BOMS)
@pytest.mark.parametrize("text", [FRENCH[0], GERMAN[0], RUSSIAN[0], CP1252_TEXTS[0] + " 🚀"], ids=["fr", "de", "ru", "quotes"])
def test_unicode_with_a_byte_order_mark(bom: bytes, encoding: str, text: str):
    got = decode(bom + text.encode(encoding), "article.txt")
    assert got == text
    assert "\x00" not in got and "\ufeff" not in got


@pytest.mark.parametrize(("data", "message"), [
    pytest.param(FRENCH[0].encode("utf-32-le"), "binary", id="utf-32-without-bom"),
    pytest.param(FRENCH[0].encode("utf-16-le"), "binary", id="utf-16-without-bom"),
    pytest.param(codecs.BOM_UTF8 + b"caf\xe9 au lait", "UTF-8 byte-order mark", id="utf-8-bom-latin-1-body"),
    pytest.param(codecs.BOM_UTF16_LE + b"a\x00b", "UTF-16-LE", id="utf-16-odd-length"),
    pytest.param(codecs.BOM_UTF32_BE + b"\x00\x11\x00\x00", "UTF-32-BE", id="utf-32-out-of-range"),
])
def test_undecodable_text_is_refused_naming_the_file(data: bytes, message: str):
    with pytest.raises(BadInput, match=message) as err:
        decode(data, "upload.txt")
    assert "upload.txt" in str(err.value)


def test_polish_is_not_read_as_windows_1252():
    text = "Atak na Łódź: zginęło dwóch żołnierzy, mówią świadkowie."
    assert decode(text.encode("cp1250"), "a.txt") == text
