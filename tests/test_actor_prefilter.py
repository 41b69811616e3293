"""find_actors searches each text with a pattern of only the actors whose words it contains
(geo.extract.actors): it must find exactly what the whole table's pattern finds."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.synthetic import articles
from geo.extract.actors import ActorMention, ActorTable, _needs, find_actors, load_actors
from geo.gazetteer.lookup import Gazetteer

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "dev" / "articles"


def _whole_table(text: str, table: ActorTable) -> list[ActorMention]:
    out = []
    for m in table.pattern.finditer(text):
        assert m.lastgroup is not None
        name = table.names[int(m.lastgroup[1:])]
        out.append(ActorMention(name, table.kinds[name], m.start(), m.end()))
    return out


SENTENCES = [
    "Russian forces and Ukrainian troops fought near Bakhmut; the RSF and SAF clashed in El Fasher.",
    "A Myanmar junta airstrike hit Sittwe as the Arakan Army advanced.",
    "Suspected jihadists and unidentified gunmen attacked; Wagner mercenaries and the FLA answered.",
    "Moscow's forces, Putin's army and the Freedom of Russian Legion were named.",
    "TÜRKİYE'S ARMY and Türkiye's forces, in capitals and with dotted letters.",
    "Nothing here names anyone at all.",
    "",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_the_prefilter_finds_what_the_whole_table_finds(text: str) -> None:
    table = load_actors()
    assert find_actors(text, table) == _whole_table(text, table)


def test_the_prefilter_finds_what_the_whole_table_finds_in_the_seeds_and_synthetic_reports(
        gazetteer: Gazetteer) -> None:
    table = load_actors()
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    texts += [text for _name, text, _day in articles(60, gazetteer)]
    for text in texts:
        assert find_actors(text, table) == _whole_table(text, table)


def test_the_prefilter_finds_what_the_whole_table_finds_in_the_dev_articles() -> None:
    if not DEV.is_dir():
        pytest.skip(f"the development set is not beside the project ({DEV})")
    table = load_actors()
    for path in sorted(DEV.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert find_actors(text, table) == _whole_table(text, table), path.name


@pytest.mark.parametrize(("aliases", "needs"), [
    ("Freedom of Russia Legion|FRL", {"freedom of russia legion", "frl"}),
    ("(?:suspected |armed )?jihadists?", {"jihadist"}),
    # the parser moves a shared prefix out of the branches; the words are whole all the same
    ("Russian (?:forces|troops)|Russia['’]s army", {"russia"}),
    ("SA|M23", None),  # "sa" is in most texts: always tried
    ("(?:a|b)+c", None),
])
def test_what_a_pattern_requires(aliases: str, needs: set[str] | None) -> None:
    assert _needs(aliases) == (frozenset(needs) if needs is not None else None)
