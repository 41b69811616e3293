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


@lru_cache(maxsize=4)
def region_suffixes(data_dir: Path) -> tuple[str, ...]:
    """Words the news writes after a region's name ("Belgorod Oblast", "the Kursk region"), from
    DATA_DIR/cues/region_suffixes.txt: one list for the gazetteer's index, which adds "NAME WORD"
    and "WORD of NAME" keys, and for finding names in text (geo.extract.mentions)."""
    return tuple(name_key(w) for w in read_words(data_dir / "cues" / "region_suffixes.txt", error=GazetteerError))
