"""The Streamlit scripts the Map page needs, named in its HTML so that a browser fetches them early.

Streamlit's page loads the script of an element (the map's component, st.html, a download button,
each kind of sidebar widget) only when an element of that kind arrives, after its own scripts have
run and the page's script has run on the server. On the Map page, in a browser that had not kept
them, that was some 40 scripts asked for at once on HTTP/1.1's six connections, just when the
map's frame and its payload were asked for, which waited behind them (0.1-0.3 s each); the
component's own script came 0.1-0.3 s after the page's run. serve.py answers the Map page's
addresses with Streamlit's HTML plus a `modulepreload` link for each of these scripts, after
Streamlit's own: the browser fetches them while it loads Streamlit's scripts.

The scripts are named by their content (Streamlit's build), so they are read from the installed
package: the page's main script lists, for each element's script, the scripts it imports."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import streamlit

# The kinds of element the Map page draws whose scripts Streamlit loads when they arrive, in the
# order they matter: the map first.
MAP_PAGE_ELEMENTS = ("ComponentInstance", "Html", "DownloadButton", "DateInput", "Multiselect", "NumberInput",
                     "TextInput")
STREAMLIT_STATIC = Path(streamlit.__file__).parent / "static"
# In Streamlit's main script: the list of its scripts' names, and each lazily loaded script with the
# positions in that list of what it imports (Vite's dependency map).
_NAMES = re.compile(r"m\.f\|\|\(m\.f=\[([^\]]*)\]\)")
_LAZY = re.compile(r"import\(`\./([\w.-]+\.js)`\),__vite__mapDeps\(\[([\d,]*)\]\)")
# The scripts Streamlit's HTML names already: its main script, and its modulepreload links.
_MAIN = re.compile(r'<script type="module" crossorigin src="\./static/js/([\w.-]+\.js)">')
_NAMED = re.compile(r'(?:src|href)="\./static/js/([\w.-]+\.js)"')


@lru_cache(maxsize=1)
def map_page_scripts() -> tuple[str, ...]:
    """The names (in static/js/) of the scripts of MAP_PAGE_ELEMENTS and those they import, but the
    ones Streamlit's HTML names already; () when Streamlit's build is not laid out as expected."""
    folder = STREAMLIT_STATIC / "static" / "js"
    html = (STREAMLIT_STATIC / "index.html").read_text(encoding="utf-8")
    named = set(_NAMED.findall(html))
    main = _MAIN.findall(html)
    if len(main) != 1:
        return ()
    source = (folder / main[0]).read_text(encoding="utf-8")
    names = _NAMES.search(source)
    if names is None:
        return ()
    listed = [n.removeprefix("./") for n in re.findall(r'"([^"]+)"', names[1])]
    imports = {script: [listed[int(i)] for i in positions.split(",") if i and int(i) < len(listed)]
               for script, positions in _LAZY.findall(source)}
    wanted: list[str] = []
    for element in MAP_PAGE_ELEMENTS:
        script = next((s for s in imports if s.split(".")[0] == element), None)
        if script is None:
            return ()  # another build: name nothing rather than something wrong
        for name in [script, *imports[script]]:
            if name.endswith(".js") and name not in named and name not in wanted and (folder / name).is_file():
                wanted.append(name)
    return tuple(wanted)


def with_preloads(html: bytes) -> bytes:
    """Streamlit's HTML with a modulepreload link for each of map_page_scripts, after its own links."""
    links = "".join(f'    <link rel="modulepreload" crossorigin href="./static/js/{name}">\n'
                    for name in map_page_scripts())
    at = html.find(b"</head>")
    return html if not links or at < 0 else html[:at] + links.encode("ascii") + html[at:]
