"""Turn place names into lookup keys that survive how the news spells them."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from unidecode import unidecode

from geo.errors import GazetteerError
from geo.wordlists import read_words

# Apostrophes and soft signs vanish in most transliterations: Kharkiv / Khar'kiv.
_APOSTROPHES = re.compile(r"['’ʼ`´ʹ\"]")
# Hyphens, dots and other separators are spaces in a key: Rostov-on-Don / Rostov on Don.
_SEPARATORS = re.compile(r"[\s\-‐‑–—_./,()]+")
# Folds between transliteration systems of Cyrillic (and some Arabic) names, as one pass:
# Avdiivka / Avdiyivka / Avdeyevka, Grayvoron / Graivoron, Tyotkino / Tetkino,
# Kharkiv / Harkiv, Zaporizhzhia / Zaporizhia. Two-letter folds come first in the pattern.
_SKELETON_FOLDS = {
    "yo": "e", "jo": "e", "ye": "e", "je": "e", "ya": "a", "ja": "a", "yu": "u", "ju": "u",
    "kh": "h", "zh": "z", "ts": "c", "tz": "c", "w": "v", "y": "i", "j": "i",
}
_SKELETON_PATTERN = re.compile("|".join(sorted(_SKELETON_FOLDS, key=len, reverse=True)))
# Doubled letters and runs of i (ii, iyi) collapse: Zaporizhzhia / Zaporizhia.
_REPEATS = re.compile(r"(.)\1+")
# Text that is already a key (lower-case ASCII words, single spaces) is returned as it is.
_ALREADY_KEY = re.compile(r"[a-z0-9]+(?: [a-z0-9]+)*")
_LEADING_ARTICLE = re.compile(r"^(?:the|al|el)\s+")


def name_key(name: str) -> str:
    """Case-, accent- and punctuation-free key: 'Šebekino' and 'SHEBEKINO' -> 'sebekino'/'shebekino'."""
    if _ALREADY_KEY.fullmatch(name):
        return name
    text = _APOSTROPHES.sub("", name)
    if not text.isascii():
        text = _APOSTROPHES.sub("", unidecode(unicodedata.normalize("NFKC", text)))
    text = text.casefold()
    return _SEPARATORS.sub(" ", text).strip()


def skeleton_key(name: str, *, is_key: bool = False) -> str:
    """A coarser key that merges transliteration variants; compare only keys made by this.

    Pass is_key=True when name is already a name_key(), to skip that step.
    """
    key = _LEADING_ARTICLE.sub("", name if is_key else name_key(name))
    key = _SKELETON_PATTERN.sub(lambda m: _SKELETON_FOLDS[m.group(0)], key)
    return _REPEATS.sub(r"\1", key)


# English spellings of Arabic (and French-written) names against GeoNames' romanisation: ee and
# oo/ou for long i and u, q or k, ck, a silent final h ("Areeqa" / "'Ariqah", "Soumy" / "Sumy").
# Used only to compare misspellings (fuzzy matching), where the text must support the place: as
# folds of the index's exact keys they lost names found by their exact key ("Hodeidah") and made
# common words places ("House").
_LOOSE_FOLDS = {"ee": "i", "oo": "u", "ou": "u", "ck": "k", "q": "k"}
_LOOSE_PATTERN = re.compile("|".join(sorted(_LOOSE_FOLDS, key=len, reverse=True)))
_FINAL_H = re.compile(r"(?<=[aeiou])h\b")


def loose_key(name: str, *, is_key: bool = False) -> str:
    """A skeleton key that also merges the English spellings of Arabic vowels (_LOOSE_FOLDS); for
    fuzzy comparison only. A skeleton key (already folded) may be passed with is_key=True."""
    key = name if is_key else name_key(name)
    key = _LOOSE_PATTERN.sub(lambda m: _LOOSE_FOLDS[m.group(0)], _FINAL_H.sub("", key))
    return key if is_key else skeleton_key(key, is_key=True)


# Arabic's article, written as said before sun letters: Al Anbar, As Suwayda, Ar Raqqah, Ash Sharqiyah
# (not "El", which names Spanish regions too: El Beni, El Oro).
# The news drops it before a region word ("Suwayda province", "Raqqa province").
_ARABIC_ARTICLE = re.compile(r"^(?:al|as|ash|ad|adh|ar|at|ath|az|an)\s+(?=\w{3})")


def without_arabic_article(key: str) -> list[str]:
    """Other forms the news gives a name key that begins with Arabic's article: without it, and
    also without a silent final h ("ar raqqah" -> "raqqah", "raqqa"). Empty for other names."""
    found = _ARABIC_ARTICLE.match(key)
    if found is None:
        return []
    rest = key[found.end():]
    short = _FINAL_H.sub("", rest)
    return [rest, short] if short != rest else [rest]


@lru_cache(maxsize=4)
def region_suffixes(data_dir: Path) -> tuple[str, ...]:
    """Words the news writes after a region's name ("Belgorod Oblast", "the Kursk region"), from
    DATA_DIR/cues/region_suffixes.txt: one list for the gazetteer's index, which adds "NAME WORD"
    and "WORD of NAME" keys, and for finding names in text (geo.extract.mentions)."""
    return tuple(name_key(w) for w in read_words(data_dir / "cues" / "region_suffixes.txt", error=GazetteerError))
