"""Split article text into paragraphs, sentences and clauses, keeping character offsets."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from geo.errors import TimeLimitExceeded
from geo.extract.cues import load_cues

# A sentence ends at . ! ? (and closing quotes) followed by space and a capital or quote,
# at a line break, or at a bullet (" * ", " • ": a digest of headlines); not after an abbreviation (DATA_DIR/cues/abbreviations.txt: "Mr.", "Gen.").
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"“‘'(]?[A-ZА-Я0-9])|\n\s*|\s+[*•]\s+")
# Clauses: "…, while …", "…; …", "…, but …", ", and that …" - each may report its own incident;
# and a place's description (", which …", ", a rail hub that was captured in 2022"), whose
# dates and events are the place's past, not the clause's news.
_CLAUSE_BREAK = re.compile(
    r";\s+|,\s+(?=(?:while|whereas|but|although|though|and\s+(?:that|in|on|the|its|their))\b)|\s+(?=(?:and\s+that|while|whereas)\b)"
    r"|,\s+(?=(?:which\b|an?\s+(?:[\w-]+\s+){0,3}(?:that|which)\b))"
)


# The word before a full stop, to tell "Mr." from the end of a sentence. Looking back twice
# the longest abbreviation (at least 12 characters) is enough: a longer word is none.
_WORD_BEFORE_DOT = re.compile(r"([\w.]+)\.$")
_ABBREVIATION_WINDOW = 12


def _window(abbreviations: frozenset[str]) -> int:
    return max(_ABBREVIATION_WINDOW, 2 * max((len(a) for a in abbreviations), default=0))


class Deadline:
    """A cooperative time limit: work checks it between sentences (or every few hundred names)
    and stops with TimeLimitExceeded, saying how far it got."""

    def __init__(self, seconds: float, what: str) -> None:
        self.seconds = seconds
        self.what = what
        self.started = time.monotonic()
        self.ends = self.started + seconds

    def expired(self) -> bool:
        return time.monotonic() >= self.ends

    def check(self, progress: str) -> None:
        if self.expired():
            raise TimeLimitExceeded(f"{self.what}: stopped after the {self.seconds:g} s time limit while {progress}")


@dataclass(frozen=True)
class Span:
    text: str
    start: int
    end: int


def sentences(text: str, abbreviations: frozenset[str] | None = None) -> list[Span]:
    """The sentences of text, with their offsets; abbreviations: words that end in a dot without
    ending a sentence (the default data folder's list unless given)."""
    if abbreviations is None:
        abbreviations = load_cues().abbreviations
    reach = _window(abbreviations)
    out: list[Span] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.group(0).strip() == "" and "\n" not in m.group(0):
            # Only the last few characters: slicing from the sentence's start each time was
            # quadratic in a run of abbreviations ("Mr. Mr. Mr.").
            window = max(start, m.start() - reach)
            last_word = _WORD_BEFORE_DOT.search(text, window, m.start())
            if last_word and not (last_word.start() == window and window > start) \
                    and last_word.group(1).lower() in abbreviations:
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
    a line that does not end a sentence is joined to the next one.

    The joined text is cut out once at the end, and the words of a joined line are counted
    as it grows: testing the whole joined text again at every line was quadratic in a text of
    many short lines."""
    joined: list[tuple[int, int, int, int]] = []  # (start, end, words, capitalised words)
    for span in spans:
        words = span.text.split()
        capitalised = sum(w[:1].isupper() for w in words)
        if joined:
            start, end, n_words, n_caps = joined[-1]
            # A blank line ends a paragraph, and a bullet an item: a title, a caption or a
            # headline of a digest stands alone there, however it ends (unless what follows
            # goes on in lower case).
            apart = (text.count("\n", end, span.start) >= 2 or _BULLET.search(text, end, span.start) is not None) \
                and not span.text[:1].islower()
            # A field of a structured page ("Source: DeepState" above "Quote: ..."): its line alone.
            apart = apart or _FIELD.match(text, start, end) is not None
            if not apart and not _ends_sentence(text, start, end) and (
                span.text[:1].islower() or n_words < 40 and not _heading_counts(n_words, n_caps)
            ):
                # Only line breaks are joined (a break after . ! ? ends a sentence), so the
                # text between the two is white space and the words add up.
                joined[-1] = (start, span.end, n_words + len(words), n_caps + capitalised)
                continue
        joined.append((span.start, span.end, len(words), capitalised))
    return [Span(text[start:end], start, end) for start, end, _, _ in joined]


_BULLET = re.compile(r"[*•]")
# A line that opens with a one-word label and a colon: a field of a structured page ("Source: X").
_FIELD = re.compile(r"[A-Z][a-z]+:[^\S\n]+[^\n]*$")


# A bullet after a span's colon: the span heads a list ("Key developments on Oct. 13: * ...").
_LIST_AFTER = re.compile(r"\s*[*•]\s")


def heads_a_list(text: str, span: Span) -> bool:
    """The span ends in a colon and a bulleted list follows it: the heading of a digest of
    headlines, which reports nothing of its own (nor does a headline line joined to it)."""
    return span.text.rstrip().endswith(":") and _LIST_AFTER.match(text, span.end) is not None


def ends_sentence(span: Span) -> bool:
    """The span ends as a sentence does; a title, caption, byline or teaser line does not."""
    return _ends_sentence(span.text, 0, len(span.text))


def _ends_sentence(text: str, start: int, end: int) -> bool:
    """text[start:end] ends in . ! ? or : and closing quotes or brackets."""
    k = end
    while k > start and text[k - 1] in _CLOSERS:
        k -= 1
    return k > start and text[k - 1] in ".!?:"


_CLOSERS = frozenset("\"”’)")


def _heading_counts(n_words: int, n_caps: int) -> bool:
    return 3 <= n_words <= 16 and n_caps / max(1, n_words) > 0.6


def clauses(sentence: Span) -> list[Span]:
    out: list[Span] = []
    start = 0
    for m in _CLAUSE_BREAK.finditer(sentence.text):
        _add(out, sentence.text, start, m.start())
        start = m.end()
    _add(out, sentence.text, start, len(sentence.text))
    return [Span(c.text, sentence.start + c.start, sentence.start + c.end) for c in out]
