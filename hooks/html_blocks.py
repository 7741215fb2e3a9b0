"""Finding blocks in the HTML of a page (shared by hooks/prerender.py and hooks/accessibility.py).

Not a hook itself: the hooks import it (MkDocs puts hooks/ on the path while it loads them).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from mkdocs.exceptions import PluginError

DIV_TAG = re.compile(r"<div\b|</div>")
CODE_CELL = re.compile(r'<div class="jp-Cell jp-CodeCell\b[^"]*"[^>]*>')


def element_end(text: str, start: int) -> int:
    """Offset just past the ``</div>`` that closes the ``<div`` opening at ``start``.

    >>> s = '<div a><div>x</div></div><div>y</div>'
    >>> s[:element_end(s, 0)]
    '<div a><div>x</div></div>'
    """
    depth = 0
    for m in DIV_TAG.finditer(text, start):
        depth += 1 if m.group(0) == "<div" else -1
        if depth == 0:
            return m.end()
    raise PluginError(f"unbalanced <div> at offset {start}: {text[start:start + 80]!r}")


def replace_blocks(html: str, opening: re.Pattern, change: Callable[[str], str]) -> str:
    """Apply ``change`` to every outermost ``<div>`` block whose opening tag matches ``opening``.

    >>> cells = '<p>a</p><div class="jp-Cell jp-CodeCell"><div class="jp-Cell jp-CodeCell">x</div></div><p>b</p>'
    >>> replace_blocks(cells, CODE_CELL, lambda block: "")
    '<p>a</p><p>b</p>'
    """
    out = []
    pos = 0
    for m in opening.finditer(html):
        if m.start() < pos:
            continue  # inside a block already handled
        end = element_end(html, m.start())
        out.append(html[pos:m.start()])
        out.append(change(html[m.start():end]))
        pos = end
    out.append(html[pos:])
    return "".join(out)
