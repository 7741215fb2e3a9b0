"""Rebuild speed: the search index entries of a page are reused while its HTML is unchanged.

Material's search plugin parses every page's HTML and segments its Chinese text with jieba
on every build (the notebook pages alone hold ~25,000 tags, and loading jieba's dictionary
takes about a second).  This hook wraps the plugin's ``add_entry_from_context``: the entries
a page produced are stored in ``.cache/search-entries.json`` (``$MM_BOOK_CACHE`` if set),
keyed by everything they are made from — the page's HTML, URL, title, table of contents
and ``search`` metadata, the plugin's settings and the versions of Material and jieba — so
a page whose key is known is not parsed again.  The index written is the same either way.

It also keeps the Markdown conversion of every Markdown page (``.cache/markdown-pages.json``):
MkDocs converts each page anew on every build, which is the largest cost of a warm rebuild.
``Page.render`` is wrapped so that a page whose key is known gets the stored result instead —
its HTML, table of contents, title, anchor ids, links to other pages' anchors and the messages
the conversion logged (logged again, so ``--strict`` fails as it would have).  The key holds the
page's Markdown as the hooks left it, its path and URL, every file of the book (links are checked
against them), ``mkdocs.yml``, ``includes/`` (snippets), this hook and the Markdown packages'
versions.  Notebook pages are converted by mkdocs-jupyter (with its own cache) and not wrapped.
"""

from __future__ import annotations

import copy
import hashlib
import json
import logging
import os
from importlib.metadata import version
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from source_digest import tree_digest

ROOT = Path(__file__).resolve().parents[1]
CACHE_FILE = Path(os.environ.get("MM_BOOK_CACHE") or ROOT / ".cache") / "search-entries.json"
FORMAT = "1"
PAGES_FILE = CACHE_FILE.with_name("markdown-pages.json")
MARKDOWN_PACKAGES = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "pygments")

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
    _stored.update(_load(CACHE_FILE))
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


# --- Markdown pages ---------------------------------------------------------------------------

_pages_stored: dict[str, dict] = {}
_pages_used: dict[str, dict] = {}
_render_settings: list[str] = []      # [settings of this build, signature of its files]


class _Recorder(logging.Handler):
    """Keeps the messages logged while one page is converted."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[list] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append([record.name, record.levelno, record.getMessage()])


def _toc_tokens(items) -> list[dict]:
    return [{"name": i.title, "id": i.id, "level": i.level, "children": _toc_tokens(i.children)} for i in items]


def _convert(page: Page, config, files) -> dict:
    """Convert a page with MkDocs' own ``render`` and return what it set, as JSON-ready data."""
    recorder = _Recorder()
    loggers = [logging.getLogger("mkdocs"), logging.getLogger("MARKDOWN")]
    for lg in loggers:
        lg.addHandler(recorder)
    try:
        _ORIGINAL_RENDER(page, config, files)
    finally:
        for lg in loggers:
            lg.removeHandler(recorder)
    links = page.links_to_anchors
    return {"content": page.content, "toc": _toc_tokens(page.toc), "title": page._title_from_render,
            "anchors": sorted(page.present_anchor_ids or ()),
            "links": None if links is None else {f.src_uri: dict(v) for f, v in links.items()},
            "log": recorder.records}


def _restore(page: Page, stored: dict, files) -> None:
    for name, level, message in stored["log"]:
        logging.getLogger(name).log(level, message)
    page.content = stored["content"]
    page.toc = get_toc(copy.deepcopy(stored["toc"]))
    page._title_from_render = stored["title"]
    page.present_anchor_ids = set(stored["anchors"])
    if stored["links"] is not None:
        page.links_to_anchors = {files.get_file_from_path(uri): links for uri, links in stored["links"].items()}


def cached_render(page: Page, config, files) -> None:
    """``Page.render`` with the conversion taken from the cache when the page's key is known."""
    if not _render_settings:          # not inside a build this hook set up (e.g. a test renders a page)
        return _ORIGINAL_RENDER(page, config, files)
    key = hashlib.sha256(json.dumps([*_render_settings, page.file.src_uri, page.url, page.markdown],
                                    ensure_ascii=False).encode("utf-8")).hexdigest()
    stored = _pages_stored.get(key)
    if stored is None or any(files.get_file_from_path(uri) is None for uri in (stored["links"] or {})):
        stored = _convert(page, config, files)
    else:
        _restore(page, stored, files)
    _pages_used[key] = stored


_ORIGINAL_RENDER = getattr(Page.render, "__wrapped_render__", Page.render)
cached_render.__wrapped_render__ = _ORIGINAL_RENDER
Page.render = cached_render


def _load(path: Path) -> dict:
    if path.is_file():
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            pass  # a damaged cache is rebuilt
    return {}


@event_priority(-100)  # after every hook has added its files (notebooks, practice pages)
def on_files(files, config):
    settings = [FORMAT, tree_digest(ROOT, Path(config.config_file_path), ROOT / "includes", Path(__file__)),
                *(f"{name}={version(name)}" for name in MARKDOWN_PACKAGES)]
    listing = sorted(f"{f.src_uri}\t{f.url}" for f in files)
    _render_settings[:] = [json.dumps(settings), hashlib.sha256("\n".join(listing).encode()).hexdigest()]
    _pages_stored.clear()
    _pages_stored.update(_load(PAGES_FILE))
    _pages_used.clear()
    return files


def on_post_build(config):
    # only this build's entries are kept, so the files do not grow with every edit
    CACHE_FILE.parent.mkdir(parents=True, exist_ok=True)
    CACHE_FILE.write_text(json.dumps(_used, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    PAGES_FILE.write_text(json.dumps(_pages_used, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    _render_settings.clear()
