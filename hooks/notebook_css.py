"""The notebook stylesheet without the rules no notebook page can use.

nbconvert's template brings the whole JupyterLab theme (about 590 kB) for a page that shows
static cells; hooks/notebooks.py moves it into one shared file.  After the build this hook
keeps only the rules whose class names all occur in some notebook page (rules without class
names and @font-face are kept), then the custom properties that nothing uses (JupyterLab's theme
defines about 560, a notebook page uses about a hundred), which cuts the file to a small part and
the browser's style work on notebook pages with it.  The link to it moves from the page body
into <head>, where the browser finds it at once instead of after the notebook's HTML.  Notebook pages run no notebook JavaScript,
so a class that is not in their HTML is never added later.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

CLASS_ATTR = re.compile(r'class="([^"]*)"')
CLASS_NAME = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
NOT_ARGUMENT = re.compile(r":not\([^()]*\)")
DECLARATIONS = re.compile(r"\{([^{}]*)\}")      # innermost blocks: declaration lists
VAR_REF = re.compile(r"var\(\s*(--[\w-]+)")

NOTEBOOK_LINK = re.compile(r'<link rel="stylesheet" href="[^"]*assets/stylesheets/notebook\.[0-9a-f]+\.css">')

CACHE = Path(os.environ.get("MM_BOOK_CACHE") or Path(__file__).resolve().parents[1] / ".cache") / "notebook-css"

_used: set[str] = set()
_vars: set[str] = set()     # custom properties the notebook pages' own inline styles use


def blocks(css: str) -> list[tuple[str, str | None]]:
    """Top-level (prelude, body) pairs of a stylesheet; body is None for @import-like statements.

    >>> blocks("a{color:red}@media print{.x{y:z}}")
    [('a', 'color:red'), ('@media print', '.x{y:z}')]
    """
    out: list[tuple[str, str | None]] = []
    i, n = 0, len(css)
    while i < n:
        brace = css.find("{", i)
        semi = css.find(";", i)
        if brace < 0:
            break
        if css[i:].lstrip().startswith("@") and 0 <= semi < brace:
            out.append((css[i:semi + 1].strip(), None))
            i = semi + 1
            continue
        depth, j = 1, brace + 1
        while depth and j < n:
            depth += {"{": 1, "}": -1}.get(css[j], 0)
            j += 1
        out.append((css[i:brace].strip(), css[brace + 1:j - 1]))
        i = j
    return out


def split_top(text: str, sep: str) -> list[str]:
    """Split on ``sep`` outside parentheses (selector lists on commas, declarations on semicolons).

    >>> split_top(".a, .b:is(.c, .d) > e", ",")
    ['.a', '.b:is(.c, .d) > e']
    >>> split_top('--i: url("data:image/svg+xml;base64,AA"); color: red', ";")
    ['--i: url("data:image/svg+xml;base64,AA")', 'color: red']
    """
    parts, depth, start = [], 0, 0
    for k, ch in enumerate(text):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if ch == sep and depth == 0:
            parts.append(text[start:k].strip())
            start = k + 1
    parts.append(text[start:].strip())
    return [p for p in parts if p]


def split_selectors(prelude: str) -> list[str]:
    """Split a selector list on top-level commas (not those inside ``:is(...)`` and the like)."""
    return split_top(prelude, ",")


def prune_variables(css: str, referenced: set[str]) -> str:
    """Drop the custom properties (``--name: …``) that no rule, no page and no kept property uses.

    JupyterLab's theme defines about 560 of them on every element's ancestor (the browser carries
    them through the style of every element); a notebook page uses about a hundred.
    ``referenced`` holds the names the pages' own inline styles use.

    >>> prune_variables(":root{--a:1px;--b:var(--c);--c:red;--d:0}.x{width:var(--a)}", {"--b"})
    ':root{--a:1px;--b:var(--c);--c:red}.x{width:var(--a)}'
    """
    bodies = DECLARATIONS.findall(css)
    values: dict[str, list[str]] = {}
    used = set(referenced)
    for body in bodies:
        for decl in split_top(body, ";"):
            name, _, value = decl.partition(":")
            if name.strip().startswith("--"):
                values.setdefault(name.strip(), []).append(value)
            else:
                used.update(VAR_REF.findall(value))
    todo = list(used)
    while todo:
        for value in values.get(todo.pop(), []):
            for ref in VAR_REF.findall(value):
                if ref not in used:
                    used.add(ref)
                    todo.append(ref)

    def keep(m: re.Match) -> str:
        decls = [d for d in split_top(m.group(1), ";")
                 if not d.startswith("--") or d.partition(":")[0].strip() in used]
        return "{" + ";".join(decls) + "}"

    return DECLARATIONS.sub(keep, css)


def prune(css: str, used: set[str]) -> str:
    """Keep the rules whose selectors can match an element with the ``used`` class names.

    >>> prune(".a .b{x:1}.a,.c{y:2}@media (max-width:1px){.c{z:3}}p{w:4}", {"a", "b"})
    '.a .b{x:1}\\n.a{y:2}\\np{w:4}'
    """
    out = []
    for prelude, body in blocks(css):
        if body is None:
            out.append(prelude)
        elif prelude.startswith(("@media", "@supports", "@layer")):
            inner = prune(body, used)
            if inner:
                out.append(f"{prelude}{{{inner}}}")
        elif prelude.startswith("@"):
            out.append(f"{prelude}{{{body}}}")
        else:
            kept = [s for s in split_selectors(prelude)
                    if set(CLASS_NAME.findall(NOT_ARGUMENT.sub("", s))) <= used]
            if kept:
                out.append(f"{','.join(kept)}{{{body.strip()}}}")
    return "\n".join(out)


def on_pre_build(config):
    _used.clear()
    _vars.clear()


def on_page_content(html: str, page, config, files):
    if "jp-Notebook" in html:
        for m in CLASS_ATTR.finditer(html):
            _used.update(m.group(1).split())
        _vars.update(VAR_REF.findall(html))
    return html


def on_post_page(output: str, page, config):
    """Move the notebook stylesheet from the page body into <head>, so it loads with the others."""
    m = NOTEBOOK_LINK.search(output)
    if not m or output.find("</head>") < 0 or m.start() < output.find("</head>"):
        return output
    output = output[:m.start()] + output[m.end():]
    head_end = output.find("</head>")
    return output[:head_end] + m.group(0) + "\n" + output[head_end:]


def pruned(css: str) -> str:
    """``css`` without unused rules and custom properties; kept in ``.cache/notebook-css`` by what it depends on."""
    key = hashlib.sha256("\0".join([css, *sorted(_used), "", *sorted(_vars), Path(__file__).read_text(
        encoding="utf-8")]).encode("utf-8")).hexdigest()[:24]
    cached = CACHE / f"{key}.css"
    if cached.is_file():
        return cached.read_text(encoding="utf-8")
    text = prune_variables(prune(css, _used), _vars)
    CACHE.mkdir(parents=True, exist_ok=True)
    for old in CACHE.glob("*.css"):   # one entry: the stylesheet of the last build
        old.unlink()
    cached.write_text(text, encoding="utf-8")
    return text


def on_post_build(config):
    if not _used:
        return
    for path in (Path(config["site_dir"]) / "assets" / "stylesheets").glob("notebook.*.css"):
        path.write_text(pruned(path.read_text(encoding="utf-8")), encoding="utf-8")
