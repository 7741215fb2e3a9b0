"""Rebuild speed: the search index entries of a page are reused while its HTML is unchanged.

Material's search plugin parses every page's HTML and segments its Chinese text with jieba
on every build (the notebook pages alone hold ~25,000 tags, and loading jieba's dictionary
takes about a second).  This hook wraps the plugin's ``add_entry_from_context``: the entries
a page produced are stored in ``.cache/search-entries.json`` (``$MM_BOOK_CACHE`` if set),
keyed by everything they are made from — the page's HTML, URL, title, table of contents
and ``search`` metadata, the plugin's settings and the versions of Material and jieba — so
a page whose key is known is not parsed again.  The index written is the same either way.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
from importlib.metadata import version
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[1]
CACHE_FILE = Path(os.environ.get("MM_BOOK_CACHE") or ROOT / ".cache") / "search-entries.json"
FORMAT = "1"

_stored: dict[str, list[dict]] = {}
_used: dict[str, list[dict]] = {}


def _toc_ids(items) -> list:
    return [[item.id, item.url, _toc_ids(item.children)] for item in items]


def entry_key(page, settings: str) -> str:
    """What a page's search entries are made from, hashed."""
    parts = [page.url, page.content, page.title, page.meta.get("title"), page.meta.get("search"),
             page.meta.get("tags"), _toc_ids(page.toc), settings]
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False, default=str).encode("utf-8")).hexdigest()


def on_config(config):
    search = config.plugins.get("material/search") or config.plugins.get("search")
    index = getattr(search, "search_index", None)
    if index is None or not hasattr(index, "add_entry_from_context"):
        raise PluginError("build_cache: Material's search plugin has no search_index.add_entry_from_context; "
                          "update hooks/build_cache.py for this Material version")
    settings = json.dumps([FORMAT, version("mkdocs-material"), version("jieba"), index.config],
                          default=str, sort_keys=True)
    _stored.clear()
    _used.clear()
    if CACHE_FILE.is_file():
        try:
            _stored.update(json.loads(CACHE_FILE.read_text(encoding="utf-8")))
        except ValueError:
            pass  # a damaged cache is rebuilt
    add_entries = index.add_entry_from_context

    def add_entry_from_context(page):
        key = entry_key(page, settings)
        if key in _stored:
            index.entries.extend(copy.deepcopy(_stored[key]))
            _used[key] = _stored[key]
            return
        before = len(index.entries)
        add_entries(page)
        _used[key] = copy.deepcopy(index.entries[before:])

    index.add_entry_from_context = add_entry_from_context
    return config


def on_post_build(config):
    # only this build's entries are kept, so the file does not grow with every edit
    CACHE_FILE.parent.mkdir(parents=True, exist_ok=True)
    CACHE_FILE.write_text(json.dumps(_used, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
