"""Read articles (any common encoding) and their metadata from the project's data/articles.csv."""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from charset_normalizer import from_bytes

from geo.errors import BadInput
from geo.paths import PROJECT_DATA_DIR
from geo.records import Article
from geo.wordlists import read_table, where

# Articles above this size are refused with a message: a news report is rarely 100 KB.
MAX_ARTICLE_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class ArticleMeta:
    file: str
    title: str = ""
    outlet: str = ""
    url: str = ""
    published: date | None = None


def parse_date(value: str, where: str) -> date | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise BadInput(f"{where}: not a date (YYYY-MM-DD): {value!r}") from None


# Byte-order marks, longest first: the UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Control characters no article holds (NUL, and the C1 block that only a wrong single-byte decoding
# produces): their presence means the text was decoded with the wrong encoding.
_NUL = re.compile(r"\x00")
_C1 = re.compile(r"[\x80-\x9f]")


def decode(data: bytes, where: str) -> str:
    """Article bytes as text: a byte-order mark decides first (UTF-8, UTF-16, UTF-32), then UTF-8,
    then short Western European (Windows-1252/Latin-1) and Russian (Windows-1251) texts by their
    words, then what charset-normalizer detects. Binary or undecidable input is refused, naming where."""
    if len(data) > MAX_ARTICLE_BYTES:
        raise BadInput(f"{where}: {len(data):,} bytes is over the {MAX_ARTICLE_BYTES:,}-byte limit for one article")
    text = _decode_bytes(data, where)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _NUL.search(text):
        raise BadInput(f"{where}: holds NUL characters after decoding: not text, or a wrong byte-order mark "
                       "(save it as UTF-8)")
    if not text.strip():
        raise BadInput(f"{where}: the article is empty")
    return text


def _decode_bytes(data: bytes, where: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise BadInput(f"{where}: starts with a {encoding.upper()} byte-order mark but is not valid "
                               f"{encoding.upper()} (byte {exc.start + len(bom)})") from None
    if b"\x00" in data[:8192]:
        raise BadInput(f"{where}: looks like a binary file, not text (or UTF-16/UTF-32 without a byte-order mark)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _decode_legacy(data, where)


# Multi-byte East Asian encodings that detectors pick for short, mostly-ASCII Western text.
_CJK = frozenset({"big5", "gb2312", "gb18030", "euc_jp", "shift_jis", "euc_kr", "cp949", "johab", "cp932", "hz"})
_WORD = re.compile(r"\w+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z]")
# The letters of French, German, Portuguese, Spanish, Italian, Dutch and the Nordic languages as
# Windows-1252 has them (not the Icelandic Ð ð Ý ý Þ þ: in texts that are not Western European,
# such as Russian or Turkish read as Windows-1252, they are the commonest wrong letters).
_WESTERN_LETTERS = frozenset("ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜßàáâãäåæçèéêëìíîïñòóôõöøùúûüÿŒœŠšŽžŸ")
# Punctuation and signs a Western European news text holds outside ASCII.
_WESTERN_SIGNS = frozenset("\xa0€‘’‚“”„–—…«»°ºª§·¿¡£©®™•†×")
# Western words hold at most two non-ASCII letters in a row ("ção", "Größe"); Russian or Greek
# read as Windows-1252 gives long runs of them ("Îáñòðåë").
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]{3,}")
# Three characters: a letter, a non-ASCII character (checked to be a letter) and a letter.
_BETWEEN_LETTERS = re.compile(r"(?<=[^\W\d_])[^\x00-\x7f](?=[^\W\d_])")
# Non-letters that do sit between letters: apostrophe, middle dot (Catalan), soft hyphen.
_INSIDE_WORDS = frozenset("\u2019\u00b7\u00ad")


def _western(data: bytes) -> str | None:
    """data as Windows-1252 when that reads as Western European text, else None."""
    try:
        text = data.decode("cp1252")  # strict: the five bytes cp1252 leaves undefined fail here
    except UnicodeDecodeError:
        return None
    for ch in set(text):
        if ord(ch) >= 0x80 and ch not in _WESTERN_LETTERS and ch not in _WESTERN_SIGNS:
            return None
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        if _NON_ASCII_RUN.search(word) or (len(word) > 2 and not _LATIN.search(word)):
            return None
    return text


def _words_are_words(text: str) -> bool:
    """False when a sign (not a letter) sits inside a word: "zginê³o" is Polish read as Windows-1252."""
    return all(ch.isalpha() or ch in _INSIDE_WORDS for ch in _BETWEEN_LETTERS.findall(text))


def _cyrillic(data: bytes) -> str | None:
    """data as Windows-1251 when its high bytes form Cyrillic words (short Russian texts fool detectors)."""
    as_cyrillic = data.decode("cp1251", errors="replace")
    words = [w for w in _WORD.findall(as_cyrillic) if _CYRILLIC.search(w)]
    if words and not any(_LATIN.search(w) for w in words):
        return as_cyrillic
    return None


def _decode_legacy(data: bytes, where: str) -> str:
    """Text that is neither UTF-8 nor marked by a BOM."""
    text = _western(data) or _cyrillic(data)
    if text is not None:
        return text
    # Mostly-ASCII text is not in a multi-byte East Asian encoding, whatever a detector says of it.
    mostly_ascii = sum(b < 0x80 for b in data) / len(data) > 0.9
    matches = from_bytes(data, cp_exclusion=sorted(_CJK) if mostly_ascii else None)
    if not matches:
        raise BadInput(f"{where}: not text in any encoding that could be detected (save it as UTF-8)")
    # The detector ranks short texts poorly: take its first guess whose words are words (no sign
    # between two letters, as "zginê³o" is Polish read as Windows-1252), else its best one.
    best = next((m for m in matches if _words_are_words(str(m))), matches.best())
    assert best is not None
    text = str(best)
    if _C1.search(text):
        raise BadInput(f"{where}: its encoding could not be recognised (detected {best.encoding}, which gives "
                       "control characters); save it as UTF-8")
    return text


def article_id(text: str) -> str:
    """Articles are known by their content: the same text twice is the same article."""
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:16]


def load_metadata(path: Path = PROJECT_DATA_DIR / "articles.csv") -> dict[str, ArticleMeta]:
    """The project's article metadata by file name; {} when there is no such file."""
    if not path.exists():
        return {}
    out = {}
    for row in read_table(path, {"file", "published"}):
        name = row["file"].strip()
        if not name:
            raise BadInput(f"{where(path, row.line, 'file')}: empty")
        out[name] = ArticleMeta(
            name, row["title"].strip(), row["outlet"].strip(), row["url"].strip(),
            parse_date(row["published"], where(path, row.line, "published")),
        )
    return out


def article_from_text(text: str, *, title: str = "", outlet: str = "", url: str = "", published: date | None = None,
                      path: str = "") -> Article:
    if not text.strip():
        raise BadInput(f"{path or 'article'}: the article is empty")
    return Article(article_id(text), text, title, outlet, url, published, path)


def read_article(path: Path, meta: ArticleMeta | None = None) -> Article:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BadInput(f"{path}: cannot read: {exc.strerror}") from None
    text = decode(data, str(path))
    meta = meta or ArticleMeta(path.name)
    title = meta.title or text.strip().splitlines()[0][:200]
    return article_from_text(text, title=title, outlet=meta.outlet, url=meta.url, published=meta.published, path=str(path))
