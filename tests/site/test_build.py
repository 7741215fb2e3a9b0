"""The book builds strictly, mirrors the source's structure and loads nothing from other hosts."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"

pytestmark = pytest.mark.slow


def test_strict_build_has_no_warnings(build):
    _, log = build
    warnings = [line for line in log.splitlines() if re.match(r"\s*(WARNING|ERROR)\b", line)]
    assert warnings == []


def test_notebook_kernels_log_no_warnings(build):
    """Kernels talk to the build over Unix sockets and are shut down by it: no TCP or orphan warnings."""
    _, log = build
    kernel = [line for line in log.splitlines() if "IPKernelApp" in line or "running over TCP" in line
              or re.search(r"\bWARNING\b", line)]
    assert kernel == []


# --- zero loads from other hosts ------------------------------------------------------

class _Loads(HTMLParser):
    """Collect every URL an HTML page makes the browser load (not plain links)."""

    LOADING = {"script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src",
               "video": "src", "embed": "src", "track": "src", "object": "data"}
    LINK_RELS = {"stylesheet", "preload", "prefetch", "preconnect", "dns-prefetch", "icon",
                 "modulepreload", "manifest"}

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.inline: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in self.LOADING and a.get(self.LOADING[tag]):
            self.urls.append(a[self.LOADING[tag]])
        if tag == "link" and set((a.get("rel") or "").lower().split()) & self.LINK_RELS and a.get("href"):
            self.urls.append(a["href"])
        if "style" in a and a["style"]:
            self.inline.append(a["style"])
        self._in_script = tag in ("script", "style")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.inline.append(data)


REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)
CODE_REMOTE = [
    re.compile(r"url\(\s*['\"]?(?:https?:)?//", re.I),
    re.compile(r"@import\s+(?:url\()?['\"]?(?:https?:)?//", re.I),
    re.compile(r"\bimport\s*\(\s*['\"`](?:https?:)?//"),
    re.compile(r"\bfrom\s*['\"](?:https?:)?//"),
    re.compile(r"\bimportScripts\s*\(\s*['\"`](?:https?:)?//"),
    re.compile(r"\bfetch\s*\(\s*['\"`](?:https?:)?//"),
    re.compile(r"//(?:unpkg\.com|cdn\.jsdelivr\.net|cdnjs\.cloudflare\.com|fonts\.googleapis\.com|"
               r"fonts\.gstatic\.com|polyfill\.io|esm\.sh)", re.I),
]


def remote_in_html(text: str) -> list[str]:
    parser = _Loads()
    parser.feed(text)
    hits = [u for u in parser.urls if REMOTE.match(u.strip())]
    for chunk in parser.inline:
        hits += [p.pattern for p in CODE_REMOTE if p.search(chunk)]
    return hits


def remote_in_code(text: str) -> list[str]:
    return [m.group(0) for p in CODE_REMOTE for m in p.finditer(text)]


def test_scanner_detects_remote_loads():
    # the checks below must be able to fail
    assert remote_in_html('<script src="https://cdn.example.org/x.js"></script>')
    assert remote_in_html('<link rel="stylesheet" href="//fonts.googleapis.com/css?family=Roboto">')
    assert remote_in_html("<style>@import url('https://example.org/a.css');</style>")
    assert remote_in_code("const m = await import('https://cdnjs.cloudflare.com/x.mjs')")
    assert remote_in_code("src: url(https://fonts.gstatic.com/a.woff2)")
    assert not remote_in_html('<a href="https://doi.org/10.1/x">DOI</a><script src="../a.js"></script>')


def test_no_file_loads_anything_from_another_host(site):
    offenders = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace") if path.suffix in (
            ".html", ".css", ".js", ".mjs") else None
        if text is None:
            continue
        hits = remote_in_html(text) if path.suffix == ".html" else remote_in_code(text)
        if hits:
            offenders[str(path.relative_to(site))] = hits[:3]
    assert offenders == {}


def test_diagrams_and_formulas_are_prerendered_and_no_page_loads_their_javascript(html_pages):
    with_diagram = [p for p, t in html_pages.items() if 'class="mm-diagram"' in t]
    assert len(with_diagram) >= 5, "the book is expected to contain diagrams"
    for page, text in html_pages.items():
        assert 'class="mermaid"' not in text, page
        assert not re.search(r"<script[^>]+(?:mermaid|katex|auto-render|math\.js)", text), page
        assert "katex-error" not in text, page
        for svg in re.findall(r'<div class="mm-diagram"><svg\b.*?</svg>', text, re.S):
            # an accessible name and a description that lists the arrows
            assert re.search(r'<title id="[^"]+">[^<]{4,}</title><desc id="[^"]+">[^<]{10,}</desc>', svg), page
            assert "var(--md-mermaid-node-bg-color)" in svg, page   # palette colours: light, dark and print
    # formulas are KaTeX HTML in the page itself, in Markdown pages and notebook pages alike
    assert 'class="katex"' in html_pages["chapter_principles/disease-spectrum.html"]
    assert 'class="katex"' in html_pages["chapter_principles/model_bone.html"]
    assert "$$" not in re.sub(r"<(script|pre|code)\b.*?</\1>", "", html_pages["chapter_principles/model_bone.html"],
                              flags=re.S)


def test_every_page_carries_the_teaching_notice(html_pages):
    missing = [p for p, t in html_pages.items() if p != "404.html" and "不构成临床建议" not in t]
    assert missing == []


# --- structure mirrors the source ---------------------------------------------------------

def _norm(text: str) -> str:
    text = re.sub(r"\[([^\]]+)\]\(@entry_id:\d+\)", r"\1", text)
    text = html.unescape(re.sub(r"<[^>]+>", "", text))
    text = re.sub(r"[\s*]", "", text)
    return text.replace("(", "（").replace(")", "）").replace(":", "：").replace("¶", "")


def test_every_section_heading_of_the_source_is_in_the_site(seed_outline, html_pages):
    headings = [text for _, text in seed_outline["headings"]]
    assert len(headings) >= 12
    built = set()
    for text in html_pages.values():
        for m in re.finditer(r"<h[1-4][^>]*>(.*?)</h[1-4]>", text, re.S):
            built.add(_norm(m.group(1)))
    missing = [h for h in headings if _norm(h) not in built]
    assert missing == []


def test_heading_ids_are_meaningful_and_toc_links_land(html_pages):
    bad = {}
    for page, text in html_pages.items():
        ids = set(re.findall(r'\sid="([^"]+)"', text))
        for m in re.finditer(r'<h([1-4]) id="([^"]*)"', text):
            if re.fullmatch(r"_?\d*", m.group(2)):
                bad.setdefault(page, []).append(m.group(2))
        for target in re.findall(r'<a href="#([^"]+)" class="md-nav__link">', text):
            from urllib.parse import unquote
            if unquote(target) not in ids:
                bad.setdefault(page, []).append(f"toc->{target}")
    assert bad == {}


# --- the source's defects are not copied ------------------------------------------------

def test_no_lost_comparison_sign_pattern_in_docs():
    offenders = []
    for path in sorted(DOCS.rglob("*.md")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"\$\s+\\?[0-9]", line):
                offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()[:80]}")
    assert offenders == []


def test_no_seed_placeholders_reach_the_reader(html_pages):
    for page, text in html_pages.items():
        visible = re.sub(r"<!--.*?-->", "", text, flags=re.S)
        assert "@problem_id" not in visible and "@entry_id" not in visible, page


def test_nav_file_lists_every_page_once_in_reading_order(site):
    """site/nav.json (hooks/nav_file.py) is the whole navigation, which the pruned page navs no longer hold."""
    import json

    def walk(items, depth=0):
        for item in items:
            assert item["title"], item
            if item["href"]:
                yield depth, item["href"]
            yield from walk(item["children"], depth + 1)

    tree = json.loads((site / "nav.json").read_text(encoding="utf-8"))
    entries = list(walk(tree))
    pages = [href + "index.html" if href.endswith("/") else href for _, href in entries]
    assert len(pages) == len(set(pages))
    assert set(pages) == {str(p.relative_to(site)) for p in site.rglob("*.html")} - {"404.html"}
    assert pages[0] == "index.html" and pages[-1] == "references.html"
    assert (3, "chapter_principles/model_bone.html") in entries   # 原理与机制 > CRAB > 骨骼病变 > the page
    # a page's own navigation is pruned: a page of one chapter does not list another chapter's pages
    spectrum = (site / "chapter_principles" / "disease-spectrum.html").read_text(encoding="utf-8")
    assert 'href="../chapter_applications/cases_workup.html"' not in spectrum
