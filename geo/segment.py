"""Split article text into paragraphs, sentences and clauses, keeping character offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends at . ! ? (and closing quotes) followed by space and a capital or quote,
# or at a line break. Abbreviations that end in a dot and do not end a sentence:
_ABBREVIATIONS = frozenset("mr mrs ms dr gen col lt sgt st u.s u.k jan feb mar apr jun jul aug sep sept oct nov dec no vs etc approx".split())
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"“‘'(]?[A-ZА-Я0-9])|\n\s*")
# Clauses: "…, while …", "…; …", "…, but …", ", and that …" - each may report its own incident.
_CLAUSE_BREAK = re.compile(
    r";\s+|,\s+(?=(?:while|whereas|but|although|though|and\s+(?:that|in|on|the|its|their))\b)|\s+(?=(?:and\s+that|while|whereas)\b)"
)


@dataclass(frozen=True)
class Span:
    text: str
    start: int
    end: int


def sentences(text: str) -> list[Span]:
    out: list[Span] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.group(0).strip() == "" and "\n" not in m.group(0):
            last_word = re.search(r"([\w.]+)\.$", text[start:m.start()])
            if last_word and last_word.group(1).lower() in _ABBREVIATIONS:
                continue
        _add(out, text, start, m.start())
        start = m.end()
    _add(out, text, start, len(text))
    return _join_broken_lines(out, text)


def _add(out: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Span(text[start:end], start, end))


def _join_broken_lines(spans: list[Span], text: str) -> list[Span]:
    """Scraped text breaks lines mid-sentence ("The\\nFreedom of Russia Legion said on\\nTelegram"):
    a line that does not end a sentence is joined to the next one."""
    out: list[Span] = []
    for span in spans:
        if out and not re.search(r"[.!?:][\"”’)]*$", out[-1].text) and (span.text[:1].islower() or len(out[-1].text.split()) < 40 and not _looks_like_heading(out[-1].text)):
            prev = out.pop()
            out.append(Span(text[prev.start:span.end], prev.start, span.end))
        else:
            out.append(span)
    return out


def _looks_like_heading(line: str) -> bool:
    words = line.split()
    return 3 <= len(words) <= 16 and sum(w[:1].isupper() for w in words) / max(1, len(words)) > 0.6


def clauses(sentence: Span) -> list[Span]:
    out: list[Span] = []
    start = 0
    for m in _CLAUSE_BREAK.finditer(sentence.text):
        _add(out, sentence.text, start, m.start())
        start = m.end()
    _add(out, sentence.text, start, len(sentence.text))
    return [Span(c.text, sentence.start + c.start, sentence.start + c.end) for c in out]
