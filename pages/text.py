"""Text from articles, imports and users, made safe to show: the one place the pages escape it.

Streamlit renders Markdown in st.markdown, st.caption, st.info/st.error/…, headers, widget labels
and more: a group name such as "G9\\n\\n![b](http://host/beacon.png)" would be fetched as an image
by every visitor. `plain` turns a value into Markdown that shows exactly its text, on one line.

How Streamlit 1.67's Markdown works (checked in its frontend bundle, StreamlitMarkdown.*.js, and
in the browser by tests/test_browser_hostile.py):
- the source is parsed by remark (CommonMark + GFM + math + directives): every ASCII punctuation
  character may be backslash-escaped, which stops links, images, autolinks, emphasis, HTML,
  `:red[…]` directives, `$…$` LaTeX, tables, headings and lists;
- after parsing, plugins find-and-replace in the *text* (where escapes are already gone):
  emoji shortcodes (":smile:"), ":streamlit:", ":material_x:" (the source's ":material/" is
  rewritten to ":material_" before parsing), and typography ("->" to an arrow). A backslash does not
  stop those, so `plain` puts an invisible WORD JOINER (U+2060) after each ":" and inside those
  character pairs: every shortcode needs a ":" directly followed by a letter. GFM's autolink
  literals ("www.x.org", "a@b.org") are found in the text too: a word joiner goes after "www" and "@".

`html_text` is for st.html, which renders HTML without Markdown; `safe_link` is the only way a
page turns a stored URL into a link. `plural` counts things in words ("1 source", "2 sources").
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote, urlsplit

WORD_JOINER = "\u2060"
# Every ASCII punctuation character: CommonMark lets each one be backslash-escaped, and escaping
# all of them is simpler to trust than a list of the ones some extension honours.
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
# Where GFM's autolink literals start after parsing (like the shortcodes, in the text): "www." and
# the domain after an "@"; a word joiner there leaves the text as it is and links nothing.
_AUTOLINK = re.compile(r"(?<=www)(?=\.)|(?<=@)", re.IGNORECASE)
# Pairs that Streamlit's typography plugin replaces in text ("->", "<=", "--", "~=", …): a word
# joiner between the two characters keeps them as typed.
_TYPOGRAPHY = re.compile(r"(?<=[<>~-])(?=[>=-])")
# Characters kept as they are in a re-serialised URL's path, query and fragment: the URL
# delimiters, but not ( ) [ ] < > ' " ` \ or spaces, which could end a Markdown link or an attribute.
_URL_SAFE = "/%:@!$&*+,;=-._~?"
# A host name after IDNA encoding: letters, digits, dots and hyphens only.
_HOST = re.compile(r"[A-Za-z0-9.-]+")


def plain(value: object) -> str:
    """Markdown that Streamlit shows as exactly this text (on one line: whitespace runs,
    newlines included, become one space)."""
    text = " ".join(str(value).split())
    text = _AUTOLINK.sub(WORD_JOINER, _TYPOGRAPHY.sub(WORD_JOINER, text))
    text = _PUNCTUATION.sub(r"\\\1", text)
    return text.replace(":", ":" + WORD_JOINER)


def html_text(value: object) -> str:
    """HTML that shows exactly this text (for st.html, which does not read Markdown)."""
    return html.escape(str(value), quote=True)


def safe_link(url: object) -> str | None:
    """The URL parsed and written again, or None unless it is http(s) with a host.

    User names and passwords are dropped; characters that could end a Markdown link or an
    HTML attribute are percent-encoded."""
    try:
        parts = urlsplit(str(url).strip())
        port = parts.port
        host = (parts.hostname or "").encode("idna").decode("ascii")
    except (ValueError, UnicodeError):
        return None
    if parts.scheme.lower() not in ("http", "https") or not host:
        return None
    if ":" in (parts.hostname or ""):  # an IPv6 address
        host = f"[{quote(parts.hostname or '', safe=':')}]"
    elif not _HOST.fullmatch(host):
        return None
    netloc = host + (f":{port}" if port is not None else "")
    out = f"{parts.scheme.lower()}://{netloc}{quote(parts.path, safe=_URL_SAFE) or '/'}"
    if parts.query:
        out += "?" + quote(parts.query, safe=_URL_SAFE)
    if parts.fragment:
        out += "#" + quote(parts.fragment, safe=_URL_SAFE)
    return out


def plural(n: int, one: str, many: str | None = None) -> str:
    """n and the noun for it: "1 incident", "1,250 incidents" (many: the plural when not one + "s")."""
    return f"{n:,} {one if n == 1 else (many or one + 's')}"
