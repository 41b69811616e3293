"""geo.extract.segment: sentences and clauses keep their character offsets into the text, stops
after abbreviations do not end a sentence, and lines broken mid-sentence are joined."""

from __future__ import annotations

import pytest

from geo.errors import TimeLimitExceeded
from geo.extract.segment import Deadline, Span, clauses, sentences

SENTENCE_CASES = [
    ("end marks", "Shelling hit the port. Two ships burned! Was anyone hurt? Nobody knows.",
     ["Shelling hit the port.", "Two ships burned!", "Was anyone hurt?", "Nobody knows."]),
    ("abbreviations", "Mr. Orlov and Dr. Lenz met Gen. Marsh on Jan. 4 near the U.S. base. They left.",
     ["Mr. Orlov and Dr. Lenz met Gen. Marsh on Jan. 4 near the U.S. base.", "They left."]),
    ("abbreviation before a number", "approx. 40 men came. etc. More.", ["approx. 40 men came. etc. More."]),
    ("a digit starts a sentence", "Numbers follow. 12 people died.", ["Numbers follow.", "12 people died."]),
    ("quote and bracket start sentences", 'It rained. "Quoted start." (Brackets too.)',
     ["It rained.", '"Quoted start.', "(Brackets too.)"]),
    ("closing quote stays between sentences", 'He said: "The bridge is gone." Then he left.',
     ['He said: "The bridge is gone.', "Then he left."]),
    ("lower case after a stop", "The town of St. louis. no capital here.", ["The town of St. louis. no capital here."]),
    ("cyrillic", "Сильный взрыв. Второй взрыв.", ["Сильный взрыв.", "Второй взрыв."]),
    ("white space trimmed", "  Leading spaces.   Trailing spaces.  ", ["Leading spaces.", "Trailing spaces."]),
    # line breaks
    ("broken lines are joined", "The\nRiver Guard said on\nTelegram that the ford fell.",
     ["The\nRiver Guard said on\nTelegram that the ford fell."]),
    ("a lower-case line continues", "Line one without end\n\nline two in lower case.",
     ["Line one without end\n\nline two in lower case."]),
    ("a heading stays apart", "Ford Falls To Rebels\nThe river guard lost the ford on Sunday.",
     ["Ford Falls To Rebels", "The river guard lost the ford on Sunday."]),
    ("a title in sentence case stays apart from its paragraph", "Rebels take the ford at dawn\n\nThe river guard lost it.",
     ["Rebels take the ford at dawn", "The river guard lost it."]),
    ("a digest's headlines are apart", "Key points: * Rebels take the ford * Guards fall back",
     ["Key points:", "Rebels take the ford", "Guards fall back"]),
    ("a line that ends a sentence", "The ford fell.\nThe bridge held.", ["The ford fell.", "The bridge held."]),
    ("a colon ends a line", "The mayor wrote:\nWe hold the ford.", ["The mayor wrote:", "We hold the ford."]),
    ("a long line stays apart", " ".join(["word"] * 45) + "\nNext Line Here Starts",
     [" ".join(["word"] * 45), "Next Line Here Starts"]),
    ("empty", "", []),
    ("only space", " \n\t ", []),
]


@pytest.mark.parametrize(("text", "expected"), [pytest.param(*c[1:], id=c[0]) for c in SENTENCE_CASES])
def test_sentences(text: str, expected: list[str]):
    found = sentences(text)
    assert [s.text for s in found] == expected
    for s in found:
        assert text[s.start:s.end] == s.text  # spans index the original text


def test_offsets_after_leading_space():
    assert sentences("  Leading spaces.   Trailing spaces.  ") == [Span("Leading spaces.", 2, 17),
                                                                   Span("Trailing spaces.", 20, 36)]


CLAUSE_CASES = [
    ("while ; but and-that",
     "The dam broke, while the town slept; the mayor fled, but the police stayed, and that was all.",
     ["The dam broke", "while the town slept", "the mayor fled", "but the police stayed", "and that was all."]),
    ("plain and does not split", "Smoke rose over the city and the port burned.",
     ["Smoke rose over the city and the port burned."]),
    (", and the splits", "Smoke rose over the city, and the port burned.",
     ["Smoke rose over the city", "and the port burned."]),
    ("whereas without comma", "The north held whereas the south fell.", ["The north held", "whereas the south fell."]),
    ("no break", "One clause only.", ["One clause only."]),
]


@pytest.mark.parametrize(("text", "expected"), [pytest.param(*c[1:], id=c[0]) for c in CLAUSE_CASES])
def test_clauses(text: str, expected: list[str]):
    before = "Intro sentence here. "  # clause offsets are the text's, not the sentence's
    full = before + text
    [_, sentence] = sentences(full)
    found = clauses(sentence)
    assert [c.text for c in found] == expected
    for c in found:
        assert full[c.start:c.end] == c.text


def test_deadline_says_how_far_it_got():
    assert not Deadline(3600, "extraction").expired()
    Deadline(3600, "extraction").check("reading sentence 1")
    with pytest.raises(TimeLimitExceeded, match=r"^extraction: stopped after the 0 s time limit while at line 7$"):
        Deadline(0, "extraction").check("at line 7")
