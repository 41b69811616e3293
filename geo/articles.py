"""Read articles (any common encoding) and their metadata from data/articles.csv."""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from charset_normalizer import from_bytes

from geo.errors import BadInput
from geo.records import Article

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
# Articles above this size are refused with a message: a news report is rarely 100 KB.
MAX_ARTICLE_BYTES = 5 * 1024 * 1024
METADATA_COLUMNS = ("file", "title", "outlet", "url", "published")


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


def decode(data: bytes, where: str) -> str:
    """UTF-8 (with or without BOM), else the encoding charset-normalizer detects; binary is refused."""
    if len(data) > MAX_ARTICLE_BYTES:
        raise BadInput(f"{where}: {len(data):,} bytes is over the {MAX_ARTICLE_BYTES:,}-byte limit for one article")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BadInput(f"{where}: looks like a binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _decode_legacy(data, where)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise BadInput(f"{where}: the article is empty")
    return text


# Multi-byte East Asian encodings that detectors pick for short, mostly-ASCII Western text.
_CJK = frozenset({"big5", "gb2312", "gb18030", "euc_jp", "shift_jis", "euc_kr", "cp949", "johab", "cp932", "hz"})
_WORD = re.compile(r"\w+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z]")


def _decode_legacy(data: bytes, where: str) -> str:
    """Text that is not UTF-8: UTF-16 by its BOM, Windows-1251 when its high bytes form Cyrillic
    words (short Russian texts fool detectors), else what charset-normalizer finds."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    as_cyrillic = data.decode("cp1251", errors="replace")
    words = [w for w in _WORD.findall(as_cyrillic) if _CYRILLIC.search(w)]
    if words and not any(_LATIN.search(w) for w in words):
        return as_cyrillic
    best = from_bytes(data).best()
    if best is None:
        raise BadInput(f"{where}: not text in any encoding that could be detected")
    ascii_share = sum(b < 0x80 for b in data) / len(data)
    if best.encoding in _CJK and ascii_share > 0.9:
        return data.decode("cp1252", errors="replace")
    return str(best)


def article_id(text: str) -> str:
    """Articles are known by their content: the same text twice is the same article."""
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:16]


def load_metadata(path: Path = DATA_DIR / "articles.csv") -> dict[str, ArticleMeta]:
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = {"file", "published"} - set(reader.fieldnames or [])
        if missing:
            raise BadInput(f"{path}: missing column(s) {', '.join(sorted(missing))}")
        out = {}
        for line, row in enumerate(reader, 2):
            name = (row.get("file") or "").strip()
            if not name:
                raise BadInput(f"{path}, line {line}, file: empty")
            out[name] = ArticleMeta(
                name, (row.get("title") or "").strip(), (row.get("outlet") or "").strip(), (row.get("url") or "").strip(),
                parse_date(row.get("published") or "", f"{path}, line {line}, published"),
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
