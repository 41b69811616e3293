"""Counts in the pages' words: "1 source", "2 sources" (pages.text.plural), never "1 sources"."""

from __future__ import annotations

import pytest

from pages.text import plural


@pytest.mark.parametrize(("n", "one", "many", "said"), [
    (1, "incident", None, "1 incident"),
    (0, "incident", None, "0 incidents"),
    (2, "source", None, "2 sources"),
    (1, "new incident", None, "1 new incident"),
    (1250, "incident", None, "1,250 incidents"),
    (3, "country", "countries", "3 countries"),
])
def test_a_count_takes_the_noun_of_its_number(n: int, one: str, many: str | None, said: str) -> None:
    assert plural(n, one, many) == said
