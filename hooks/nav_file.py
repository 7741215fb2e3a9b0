"""The book's whole navigation as ``site/nav.json``, for tools that follow the reading order.

Every page shows only the navigation a reader can see there (``navigation.prune``: a smaller
page), so no page holds the whole tree any more; ``tools/pdf.py`` reads this file to put every
page into the PDF edition in nav order, with its bookmarks.  Each entry is
``{"title": ..., "href": <site-relative URL or null>, "children": [...]}``; a section whose first
page is its ``index.md`` links to that page and does not list it again, as the theme shows it
(``navigation.indexes``).
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

NAV_FILE = "nav.json"

_nav: list[Navigation] = []


def entry(item) -> dict:
    """One nav item as a plain entry (pages must have been read, for their titles)."""
    if isinstance(item, Page):
        return {"title": item.title, "href": item.url, "children": []}
    if isinstance(item, Link):
        return {"title": item.title, "href": item.url, "children": []}
    if isinstance(item, Section):
        children = list(item.children)
        href = None
        if children and isinstance(children[0], Page) and children[0].is_index:
            href = children.pop(0).url
        return {"title": item.title, "href": href, "children": [entry(c) for c in children]}
    raise PluginError(f"nav_file: unknown nav item {item!r}")


def on_nav(nav, config, files):
    _nav[:] = [nav]
    return nav


def on_post_build(config) -> None:
    if not _nav:
        raise PluginError("nav_file: the build has no navigation")
    tree = [entry(item) for item in _nav[0].items]
    Path(config["site_dir"], NAV_FILE).write_text(json.dumps(tree, ensure_ascii=False, indent=1), encoding="utf-8")
