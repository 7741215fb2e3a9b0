"""Every internal link and anchor of the built book lands: Markdown and notebook pages alike.

Each ``href``/``src`` of every built HTML page that points inside the site is resolved
against the page's own location (a root-relative URL against the site's root); the target file must exist, and a ``#fragment`` must be
an ``id`` (or ``name``) in the target page.
"""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

LINKING = {"a": "href", "area": "href", "link": "href", "img": "src", "script": "src", "iframe": "src",
           "source": "src"}


class _Page(HTMLParser):
    """The ids a page defines and the local URLs it links to or loads."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("id", "name"):
            if a.get(key) and (key == "id" or tag == "a"):
                self.ids.add(a[key])
        url = a.get(LINKING.get(tag, ""))
        if url is not None:
            self.urls.append(url)


def parse(text: str) -> _Page:
    page = _Page()
    page.feed(text)
    page.close()
    return page


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc and not url.startswith("//")


def broken_links(pages: dict[str, str], exists=None) -> list[str]:
    """Every local link of ``pages`` (site-relative path -> HTML) that misses its file or anchor.

    ``exists(path)`` says whether a non-HTML file is in the site (defaults to: it is one of ``pages``).
    """
    parsed = {path: parse(text) for path, text in pages.items()}
    exists = exists or (lambda p: p in pages)
    broken = []
    for path, page in parsed.items():
        base = posixpath.dirname(path)
        for url in page.urls:
            if not url.strip() or not is_local(url):
                continue
            parts = urlsplit(url)
            target = unquote(parts.path)
            if target:
                # a root-relative URL (only 404.html has them: a server shows it at any depth)
                target = posixpath.normpath(target.lstrip("/") if target.startswith("/")
                                            else posixpath.join(base, target))
                if url.split("#")[0].split("?")[0].endswith("/") or target == ".":
                    target = posixpath.join(target, "index.html") if target != "." else "index.html"
            else:
                target = path
            if target.startswith("../"):
                broken.append(f"{path}: {url} leaves the site")
                continue
            if target not in parsed and not exists(target):
                broken.append(f"{path}: {url} -> {target} is missing")
                continue
            fragment = unquote(parts.fragment)
            if fragment and target in parsed and fragment not in parsed[target].ids:
                broken.append(f"{path}: {url} -> no id {fragment!r} in {target}")
    return broken


def test_the_checker_finds_broken_files_and_anchors():
    pages = {
        "index.html": '<h2 id="a">A</h2><a href="#a">ok</a><a href="sub/p.html#%E4%B8%AD">ok</a>'
                      '<a href="sub/">dir</a><a href="https://doi.org/10.1/x">ext</a><a href="#nope">bad</a>',
        "sub/p.html": '<h2 id="中">中</h2><a href="../index.html#a">ok</a><a href="q.html">bad</a>'
                      '<img src="../img/x.png"><a href="../../out.html">out</a>',
        "sub/index.html": '<a href="./p.html#中">ok</a>',
        "404.html": '<a href="/sub/p.html#中">ok</a><a href="/gone.html">bad</a>',
    }
    broken = broken_links(pages, exists=lambda p: p == "img/x.png")
    assert broken == [
        "index.html: #nope -> no id 'nope' in index.html",
        "sub/p.html: q.html -> sub/q.html is missing",
        "sub/p.html: ../../out.html leaves the site",
        "404.html: /gone.html -> gone.html is missing",
    ]


@pytest.mark.slow
def test_no_broken_internal_links_or_anchors(site, html_pages):
    notebook_pages = [p for p, t in html_pages.items() if "jp-Notebook" in t or "jupyter-wrapper" in t]
    assert len(notebook_pages) >= 10, "notebook pages are checked too"
    checked = sum(len([u for u in parse(t).urls if is_local(u)]) for t in html_pages.values())
    assert checked > 500
    broken = broken_links(html_pages, exists=lambda p: (site / p).is_file())
    assert broken == []
