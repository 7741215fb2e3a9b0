"""Formulas and diagrams rendered once, at build time: pages ship no math or diagram JavaScript.

* **Formulas** (``pymdownx.arithmatex`` spans/divs of Markdown pages and ``$…$`` /
  ``$$…$$`` in the Markdown cells and Markdown outputs of notebook pages) become
  KaTeX HTML, rendered by the KaTeX copy the site vendors
  (``docs/assets/vendor/katex``) in one long-lived Node process that receives
  all formulas of a page in one call (``hooks/katex_server.js``).  Pages need
  KaTeX's CSS and fonts only.  A formula KaTeX cannot parse stops the build.
* **Mermaid diagrams** become inline SVG, drawn by the vendored Mermaid bundle
  in headless Chromium (Playwright).  The SVG carries Material's Mermaid theme
  CSS, whose colours are CSS variables of the page palette, so the same SVG is
  right in light mode, dark mode and print.  Labels are SVG text (not HTML in a
  foreignObject), which the PDF edition's typesetter can draw too.  Each diagram gets an accessible
  name (its ``accTitle:`` or the section it stands in) and a description
  listing its arrows (its ``accDescr:`` or generated from the flowchart).
* Both are cached in ``.cache/prerender`` (``$MM_BOOK_CACHE/prerender`` if set) by their text (and the renderer's
  version), so a rebuild starts neither Node nor Chromium.
* The search index is built from a copy of each page in which a formula is its
  TeX source, a diagram its description, and notebook code cells (code and
  outputs) are left out; the page itself keeps everything.  After the build the
  index (``search/search_index.json`` and the offline plugin's ``.js`` copy) is
  written as UTF-8 instead of ``\\uXXXX`` escapes: the same data, about half
  the bytes before compression and a tenth fewer after.

If Node or Chromium is needed (a formula or diagram not in the cache) and is
missing, the build stops with a message saying what to install.
"""

from __future__ import annotations

import hashlib
import html as htmllib
import json
import logging
import os
import re
import shutil
import subprocess
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority

from html_blocks import CODE_CELL, replace_blocks

log = logging.getLogger("mkdocs.hooks.prerender")

ROOT = Path(__file__).resolve().parents[1]
VENDOR = ROOT / "docs" / "assets" / "vendor"
CACHE = Path(os.environ.get("MM_BOOK_CACHE") or ROOT / ".cache") / "prerender"  # the benchmark uses a fresh one
KATEX_CACHE = CACHE / "katex.json"
MERMAID_CACHE = CACHE / "mermaid"
KATEX_SERVER = Path(__file__).with_name("katex_server.js")
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
RENDER_VERSION = "2"   # bump when the way formulas or diagrams are drawn changes
FONT_STACK = ('-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", '
              '"Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", '
              '"WenQuanYi Micro Hei", Roboto, "Helvetica Neue", Arial, sans-serif')


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _vendor_version(name: str) -> str:
    for line in (VENDOR / "VERSIONS.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith(name + " "):
            return line.split()[1]
    raise PluginError(f"prerender: {name} is missing from docs/assets/vendor/VERSIONS.txt")


# ---------------------------------------------------------------------------
# Finding formulas
# ---------------------------------------------------------------------------

ARITHMATEX = re.compile(r'<(span|div) class="arithmatex">(.*?)</\1>', re.S)
CODE = re.compile(r"(<(code|pre)\b.*?</\2>)", re.S)
DISPLAY_DOLLARS = re.compile(r"\$\$(.+?)\$\$", re.S)
INLINE_DOLLARS = re.compile(r"(?<![\\$])\$(?=\S)((?:[^$\n\\]|\\.|\n(?!\s*\n))+?)(?<=\S)\$(?!\d)")
MARKDOWN_REGION = re.compile(r'<div class="[^"]*\bjp-RenderedMarkdown\b[^"]*"[^>]*>')


def arithmatex_tex(inner: str) -> tuple[str, bool]:
    r"""TeX source and display flag of an arithmatex (generic mode) element's content.

    >>> arithmatex_tex(r"\(a &lt; b\)")
    ('a < b', False)
    >>> arithmatex_tex("\\[\nx^2\n\\]")
    ('x^2', True)
    """
    text = htmllib.unescape(inner).strip()
    if text.startswith(r"\(") and text.endswith(r"\)"):
        return text[2:-2].strip(), False
    if text.startswith(r"\[") and text.endswith(r"\]"):
        return text[2:-2].strip(), True
    return text, True   # \begin{...} environments stand alone


def _dollar_math(fragment: str, replace) -> str:
    """Replace $$…$$ and $…$ in an HTML fragment, outside <code>/<pre>."""
    parts = CODE.split(fragment)
    out = []
    i = 0
    while i < len(parts):
        piece = parts[i]
        if piece.startswith(("<code", "<pre")) and i + 1 < len(parts) and parts[i + 1] in ("code", "pre"):
            out.append(piece)
            i += 2
            continue
        piece = DISPLAY_DOLLARS.sub(lambda m: replace(htmllib.unescape(m.group(1)).strip(), True), piece)
        piece = INLINE_DOLLARS.sub(lambda m: replace(htmllib.unescape(m.group(1)), False), piece)
        out.append(piece)
        i += 1
    return "".join(out)


def substitute_math(html: str, replace) -> str:
    r"""Call ``replace(tex, display)`` for every formula of a page and put its result in place.

    >>> substitute_math(r'<p><span class="arithmatex">\(x\)</span></p>', lambda t, d: f"[{t}]")
    '<p><span class="arithmatex">[x]</span></p>'
    >>> page = '<div class="jp-RenderedMarkdown"><p>$a$ and <code>$b$</code> $$c$$</p></div> $d$'
    >>> substitute_math(page, lambda t, d: f"[{t}:{d}]")
    '<div class="jp-RenderedMarkdown"><p>[a:False] and <code>$b$</code> [c:True]</p></div> $d$'
    """
    html = ARITHMATEX.sub(lambda m: _arithmatex_repl(m, replace), html)
    return replace_blocks(html, MARKDOWN_REGION, lambda block: _markdown_block_math(block, replace))


def _markdown_block_math(block: str, replace) -> str:
    head = block.index(">") + 1
    return block[:head] + _dollar_math(block[head:], replace)


def _arithmatex_repl(m: re.Match, replace) -> str:
    tag = m.group(1)
    return f'<{tag} class="arithmatex">{replace(*arithmatex_tex(m.group(2)))}</{tag}>'


# ---------------------------------------------------------------------------
# KaTeX in one Node process
# ---------------------------------------------------------------------------

class Katex:
    def __init__(self) -> None:
        self.proc: subprocess.Popen | None = None
        self.version = _vendor_version("katex")
        self.cache: dict[str, str] = {}
        self.dirty = False
        if KATEX_CACHE.is_file():
            self.cache = json.loads(KATEX_CACHE.read_text(encoding="utf-8"))

    def key(self, tex: str, display: bool) -> str:
        return _sha(f"{RENDER_VERSION}|{self.version}|{int(display)}|{tex}")

    def _start(self) -> subprocess.Popen:
        node = shutil.which("node") or shutil.which("nodejs")
        if node is None:
            raise PluginError("prerender: Node.js is needed to pre-render formulas with KaTeX and was not found "
                              "on PATH. Install it (Debian: apt-get install nodejs; tools/book.py setup does this) "
                              "and build again.")
        return subprocess.Popen([node, str(KATEX_SERVER)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                text=True, encoding="utf-8", bufsize=1)

    def render_all(self, formulas: list[tuple[str, bool]], where: str) -> None:
        """Render (and cache) every formula not yet in the cache, in one call."""
        todo = list(dict.fromkeys(f for f in formulas if self.key(*f) not in self.cache))
        if not todo:
            return
        if self.proc is None or self.proc.poll() is not None:
            self.proc = self._start()
        self.proc.stdin.write(json.dumps(todo, ensure_ascii=False) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise PluginError("prerender: the KaTeX Node process stopped without answering")
        results = json.loads(line)
        if isinstance(results, dict):
            raise PluginError(f"prerender: KaTeX process: {results['error']}")
        errors = []
        for (tex, display), result in zip(todo, results):
            if "error" in result:
                errors.append(f"  {tex}\n    → {result['error']}")
            else:
                self.cache[self.key(tex, display)] = result["html"]
                self.dirty = True
        if errors:
            raise PluginError(f"prerender: KaTeX cannot render formulas in {where}:\n" + "\n".join(errors))

    def html(self, tex: str, display: bool) -> str:
        return self.cache[self.key(tex, display)]

    def save(self) -> None:
        if self.dirty:
            CACHE.mkdir(parents=True, exist_ok=True)
            KATEX_CACHE.write_text(json.dumps(self.cache, ensure_ascii=False, sort_keys=True), encoding="utf-8")
            self.dirty = False

    def close(self) -> None:
        if self.proc is not None:
            self.proc.stdin.close()
            self.proc.wait(timeout=10)
            self.proc = None


# ---------------------------------------------------------------------------
# Mermaid in headless Chromium
# ---------------------------------------------------------------------------

MERMAID_BLOCK = re.compile(r'<pre class="mermaid"><code>(.*?)</code></pre>', re.S)
HEADING = re.compile(r"<h([1-3])\b[^>]*>(.*?)</h\1>", re.S)
TAGS = re.compile(r"<[^>]+>")

RENDER_JS = """async ([id, text, css, font]) => {
  if (!window.__mmInit) {
    mermaid.initialize({startOnLoad: false, themeCSS: css, fontFamily: font, htmlLabels: false,
                        flowchart: {htmlLabels: false},
                        sequence: {actorFontSize: "16px", messageFontSize: "16px", noteFontSize: "16px"}});
    window.__mmInit = true;
  }
  const {svg} = await mermaid.render(id, text);
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
  const db = diagram.db;
  const info = {svg, type: diagram.type, title: db.getAccTitle ? db.getAccTitle() : "",
                desc: db.getAccDescription ? db.getAccDescription() : "", nodes: {}, edges: []};
  if (db.getVertices && db.getEdges) {
    for (const [key, v] of db.getVertices().entries()) info.nodes[key] = v.text || key;
    info.edges = db.getEdges().map(e => [e.start, e.end, e.text || ""]);
  }
  return info;
}"""


def _plain(label: str) -> str:
    """A node or edge label as plain text (``<br>`` becomes a space)."""
    return " ".join(htmllib.unescape(TAGS.sub(" ", re.sub(r"<br\s*/?>", " ", label))).split())


def describe(info: dict) -> str:
    """A sentence listing a flowchart's arrows, for readers who cannot see it.

    >>> describe({"desc": "", "nodes": {"A": "MGUS<br>前驱", "B": "SMM"}, "edges": [["A", "B", "每年 1%"]]})
    '流程图，箭头依次为：MGUS 前驱 → SMM（每年 1%）。'
    >>> describe({"desc": "作者写的说明", "nodes": {}, "edges": []})
    '作者写的说明'
    """
    if info.get("desc"):
        return info["desc"]
    if not info.get("edges"):
        names = [_plain(v) for v in info.get("nodes", {}).values()]
        return "图示，包含：" + "；".join(names) + "。" if names else "图示。"
    nodes = info["nodes"]
    arrows = []
    for start, end, label in info["edges"]:
        arrow = f"{_plain(nodes.get(start, start))} → {_plain(nodes.get(end, end))}"
        if _plain(label):
            arrow += f"（{_plain(label)}）"
        arrows.append(arrow)
    return "流程图，箭头依次为：" + "；".join(arrows) + "。"


def material_theme_css() -> str:
    """The Mermaid theme CSS of the installed Material version (colours as palette CSS variables)."""
    import material

    bundles = list((Path(material.__file__).parent / "templates" / "assets" / "javascripts").glob("bundle.*.min.js"))
    if len(bundles) != 1:
        raise PluginError(f"prerender: expected one Material bundle, found {len(bundles)}")
    text = bundles[0].read_text(encoding="utf-8")
    name = re.search(r"mermaid\.initialize\(\{startOnLoad:!1,themeCSS:([\w$]+)", text)
    css = name and re.search(re.escape(name.group(1)) + r'="([^"]*md-mermaid[^"]*)"', text)
    if not css:
        raise PluginError("prerender: cannot find Material's Mermaid theme CSS in its bundle; review "
                          "hooks/prerender.py for this Material version")
    return css.group(1)


class Mermaid:
    def __init__(self) -> None:
        self.version = _vendor_version("mermaid")
        self._pw = None
        self._browser = None
        self._page = None
        self._css: str | None = None

    def key(self, text: str) -> str:
        return _sha(f"{RENDER_VERSION}|{self.version}|{self.css}|{text}")[:16]

    @property
    def css(self) -> str:
        if self._css is None:
            self._css = material_theme_css()
        return self._css

    def _open(self):
        chromium = next(filter(None, map(shutil.which, CHROMIUM_NAMES)), None)
        if chromium is None:
            raise PluginError("prerender: Chromium is needed to draw the Mermaid diagrams at build time and was "
                              "not found on PATH. Install it (Debian: apt-get install chromium; "
                              "tools/book.py setup does this) and build again.")
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            raise PluginError("prerender: the Python package playwright is needed to draw the Mermaid diagrams "
                              "(pip install -e '.[book]'; tools/book.py setup does this)") from None
        self._pw = sync_playwright().start()
        self._browser = self._pw.chromium.launch(executable_path=chromium, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"])
        self._page = self._browser.new_page()
        self._page.route("**/*", lambda route: route.abort() if not route.request.url.startswith(
            ("about:", "data:")) else route.continue_())
        self._page.set_content(f"<!doctype html><html><body style='font-family:{FONT_STACK};"
                               f"font-size:16px'></body></html>")
        self._page.add_script_tag(path=str(VENDOR / "mermaid" / "mermaid.min.js"))

    def render(self, text: str) -> dict:
        key = self.key(text)
        path = MERMAID_CACHE / f"{key}.json"
        if path.is_file():
            return json.loads(path.read_text(encoding="utf-8"))
        if self._page is None:
            self._open()
        try:
            info = self._page.evaluate(RENDER_JS, [f"mmd-{key}", text, self.css, FONT_STACK])
        except Exception as exc:  # a syntax error in the diagram
            raise PluginError(f"prerender: Mermaid cannot draw this diagram:\n{text}\n{exc}") from None
        info["id"] = f"mmd-{key}"
        MERMAID_CACHE.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(info, ensure_ascii=False), encoding="utf-8")
        return info

    def close(self) -> None:
        if self._browser is not None:
            self._browser.close()
            self._pw.stop()
        self._pw = self._browser = self._page = None


def diagram_html(info: dict, title: str, desc: str, n: int) -> str:
    """The inline SVG with an accessible name and description, its ids unique on the page."""
    svg = info["svg"]
    uid = info["id"] if n == 0 else f"{info['id']}-{n}"
    if n:
        svg = svg.replace(info["id"], uid)
    svg = re.sub(r'\saria-(?:labelledby|describedby)="[^"]*"', "", svg, count=2)
    svg = re.sub(r"<title\b[^>]*>.*?</title>|<desc\b[^>]*>.*?</desc>", "", svg, flags=re.S)
    head = re.match(r"<svg\b[^>]*>", svg)
    if not head:
        raise PluginError("prerender: Mermaid returned no <svg> element")
    open_tag = head.group(0)[:-1] + f' aria-labelledby="{uid}-title" aria-describedby="{uid}-desc">'
    accessible = (f'<title id="{uid}-title">{htmllib.escape(title)}</title>'
                  f'<desc id="{uid}-desc">{htmllib.escape(desc)}</desc>')
    return f'<div class="mm-diagram">{open_tag}{accessible}{svg[head.end():]}</div>'


# ---------------------------------------------------------------------------
# Notebook code cells (left out of the search index)
# ---------------------------------------------------------------------------

def without_code_cells(html: str) -> str:
    """The page without its notebook code cells (their code and outputs).

    >>> without_code_cells('<h2>A</h2><div class="jp-Cell jp-CodeCell"><div>x</div></div><p>b</p>')
    '<h2>A</h2><p>b</p>'
    """
    return replace_blocks(html, CODE_CELL, lambda cell: "")


# ---------------------------------------------------------------------------
# MkDocs events
# ---------------------------------------------------------------------------

_katex: Katex | None = None
_mermaid: Mermaid | None = None
_search_copy: dict[str, str] = {}   # page url -> HTML the search index is built from
_page_content: dict[str, str] = {}  # page url -> HTML the page shows (restored after indexing)


def _heading_before(html: str, pos: int) -> str:
    found = [m for m in HEADING.finditer(html, 0, pos)]
    return _plain(re.sub(r'<a class="(?:headerlink|anchor-link)".*?</a>', "", found[-1].group(2))) if found else ""


def on_pre_build(config):
    global _katex, _mermaid
    if _katex is None:
        _katex = Katex()
    if _mermaid is None:
        _mermaid = Mermaid()
    _search_copy.clear()


def on_page_content(html: str, page, config, files):
    where = page.file.src_uri
    formulas: list[tuple[str, bool]] = []
    substitute_math(html, lambda tex, display: formulas.append((tex, display)) or "")
    if formulas:
        _katex.render_all(formulas, where)
        search = substitute_math(html, lambda tex, display: htmllib.escape(tex, quote=False))
        html = substitute_math(html, _katex.html)
    else:
        search = html

    if 'class="mermaid"' in html:
        counts: dict[str, int] = {}

        def draw(m: re.Match, for_search: bool) -> str:
            text = htmllib.unescape(m.group(1))
            info = _mermaid.render(text)
            desc = describe(info)
            if for_search:
                return f"<p>{htmllib.escape(desc)}</p>"
            title = info.get("title") or f"示意图：{_heading_before(html, m.start()) or page.title}"
            n = counts.get(info["id"], 0)
            counts[info["id"]] = n + 1
            return diagram_html(info, title, desc, n)

        search = MERMAID_BLOCK.sub(lambda m: draw(m, True), search)
        html = MERMAID_BLOCK.sub(lambda m: draw(m, False), html)
        if 'class="mermaid"' in html:
            raise PluginError(f"prerender: {where} has a Mermaid block in an unexpected form")
    _search_copy[page.url] = without_code_cells(search)
    return html


@event_priority(100)   # before the search plugin indexes the page
def _index_search_copy(context, page, config, nav):
    if page.url in _search_copy:
        _page_content[page.url] = page.content
        page.content = _search_copy.pop(page.url)
    return context


@event_priority(-100)  # after the search plugin: the page shows its full content again
def _restore_page(context, page, config, nav):
    if page.url in _page_content:
        page.content = _page_content.pop(page.url)
    return context


on_page_context = CombinedEvent(_index_search_copy, _restore_page)


def compact_search_index(site: Path) -> None:
    """Rewrite the search index (and its offline .js copy) with UTF-8 text instead of \\u escapes."""
    index = site / "search" / "search_index.json"
    if not index.is_file():
        return
    data = json.loads(index.read_text(encoding="utf-8"))
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    index.write_text(text, encoding="utf-8")
    offline = index.with_suffix(".js")
    if offline.is_file():
        head = offline.read_text(encoding="utf-8")[:40]
        if not head.startswith("var __index = {"):
            raise PluginError("prerender: search/search_index.js no longer starts with 'var __index = '; review "
                              "compact_search_index for this version of the offline plugin")
        offline.write_text("var __index = " + text, encoding="utf-8")


def on_post_build(config):
    if _katex is not None:
        _katex.save()
    if _mermaid is not None:
        _mermaid.close()   # Playwright objects belong to one thread; `serve` may rebuild from another
    compact_search_index(Path(config["site_dir"]))


def on_shutdown():
    if _katex is not None:
        _katex.close()
    if _mermaid is not None:
        _mermaid.close()
