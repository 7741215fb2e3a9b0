#!/usr/bin/env python3
"""The PDF edition: the built site, in the nav's order, typeset as one A4 book.

    python3 tools/pdf.py [SITE_DIR] [OUT.pdf]     # default: site/ → dist/mm-book.pdf

Called by ``python3 tools/book.py offline`` after the site is built.  Steps:

1. read the whole nav the build writes to ``site/nav.json`` (the same order and
   grouping as the site) and the article of every page;
2. join them into one print document: a cover (title, edition date, the
   teaching-material notice), a 目录 with page numbers, part title pages, every
   prose and notebook page (with its executed outputs and figures), the
   glossary and the references.  Ids are prefixed with the page they come
   from, so cross-references (glossary, references, sections) become links
   inside the PDF; links to files that are not pages become plain text.  What
   paper does not show is left out rather than hidden (permalinks, buttons,
   notebook prompts, tooltips, the token spans of highlighted code except
   keywords and comments): the typesetter's time grows with the elements;
3. open that document once in headless Chromium (Playwright, already used by
   the build and the browser tests): formulas and diagrams are normally already
   rendered at build time (hooks/prerender.py) and only their CSS colours are
   resolved here; any formula or diagram that is not yet rendered is rendered
   with the site's own KaTeX and Mermaid (SVG text labels, which a PDF engine
   can draw).  Chromium also writes down the sizes it found with the same
   style sheet at the A4 text width (formula boxes, table columns), so the
   typesetter lays them out directly instead of searching for them (this
   halves the typesetting time);
4. typeset the rendered document with WeasyPrint: A4, running header with the
   chapter title, page numbers, PDF bookmarks from the headings, embedded
   (subset) Noto Sans CJK SC from the machine's fonts, figures kept whole.

Why WeasyPrint for the typesetting: it implements the CSS paged-media features
a book needs (``string-set`` running headers, ``target-counter`` page numbers in
the table of contents, ``bookmark-level``), which Chromium's printing does not;
Chromium is used only to run the site's JavaScript once.  Everything is local:
fonts come from Debian's ``fonts-noto-cjk`` and the vendored KaTeX fonts.
"""

from __future__ import annotations

import datetime as _dt
import json
import logging
import posixpath
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, Tag

ROOT = Path(__file__).resolve().parents[1]
TITLE = "多发性骨髓瘤：可执行教科书"
NOTICE = "本书是教学材料，不构成临床建议。"
PRINT_CSS = ROOT / "tools" / "pdf.css"


# --------------------------------------------------------------------------
# The nav of the built site
# --------------------------------------------------------------------------

@dataclass
class Entry:
    """One nav entry: a title, the page it opens (site-relative, or None for a plain group) and its children."""

    title: str
    href: str | None
    children: list["Entry"] = field(default_factory=list)


def _entry(item: dict) -> Entry:
    return Entry(" ".join(str(item["title"] or "").split()), item["href"], [_entry(c) for c in item["children"]])


def read_nav(site: Path) -> list[Entry]:
    """The book's whole navigation as a tree of entries (hrefs relative to the site root).

    The pages themselves show a pruned navigation (mkdocs.yml: ``navigation.prune``); the build
    writes the whole tree to ``site/nav.json`` (hooks/nav_file.py).
    """
    nav_file = site / "nav.json"
    if not nav_file.is_file():
        raise SystemExit(f"pdf: {nav_file} is missing (is this a build of the book, with hooks/nav_file.py?)")
    return [_entry(item) for item in json.loads(nav_file.read_text(encoding="utf-8"))]


def _page_path(href: str) -> str:
    """``chapter_x/`` or ``chapter_x/y.html`` → the HTML file relative to the site root."""
    path = unquote(urlsplit(href).path)
    path = posixpath.normpath(path) if path not in ("", ".", "./") else "index.html"
    if path in (".", ""):
        path = "index.html"
    if path.endswith("/") or not path.endswith(".html"):
        path = posixpath.join(path, "index.html")
    return path


def flatten(entries: list[Entry], depth: int = 0) -> list[tuple[int, Entry]]:
    """Depth-first order of the nav, as the reader meets the pages."""
    out: list[tuple[int, Entry]] = []
    for e in entries:
        out.append((depth, e))
        out += flatten(e.children, depth + 1)
    return out


# --------------------------------------------------------------------------
# One print document
# --------------------------------------------------------------------------

def _anchor(page: str) -> str:
    return "p-" + re.sub(r"[^A-Za-z0-9_-]+", "-", page.removesuffix(".html")).strip("-")


# Elements the site shows only on screen (permalinks, buttons, notebook prompts and collapsers, tooltips,
# feedback, download links) or that is in every page's footer instead (the notice).
_JUNK = frozenset({"headerlink", "anchor-link", "md-content__button", "md-source-file", "md-feedback",
                   "zeroclipboard-container", "clipboard-copy-txt", "mm-download", "mm-notice", "md-clipboard",
                   "jp-InputPrompt", "jp-OutputPrompt", "jp-Collapser", "md-tooltip", "md-annotation", "md-top",
                   "md-dialog"})
# Highlighted code keeps only the token kinds print distinguishes (pdf.css: keywords bold, comments italic);
# every other token span becomes plain text.  Pygments wraps nearly every token in its own element, and the
# typesetter's time grows with the number of elements and inline boxes.
# Notebook wrappers that print gives no box of its own (pdf.css styles the cell, the editor and the output)
_WRAPPERS = frozenset({"jp-Cell-inputWrapper", "jp-InputArea", "jp-Cell-inputArea", "CodeMirror", "cm-s-jupyter",
                       "jp-Cell-outputWrapper", "jp-OutputArea", "jp-Cell-outputArea", "jp-OutputArea-child",
                       "jp-OutputArea-executeResult"})
_CODE_KEEP = frozenset({"k", "kc", "kd", "kn", "kp", "kr", "kt", "ow", "c", "c1", "ch", "cm", "cp", "cpf", "cs", "sd"})


#: What paper shows in place of an on-page calculator (its form and live result need the browser).
CALCULATOR_NOTE = "纸质版无法运行此计算器：请在本书网页版或离线版的本页中使用（输入化验结果即可看到诊断、分期与推理过程）。"


def _calculator_note(form: Tag) -> None:
    """Turn a calculator form into one paragraph: its title and where to use it."""
    title = form.find(class_="mm-title")
    text = f"【{title.get_text(strip=True)}】" if title else ""
    form.clear()
    form.name = "p"
    form.attrs = {"class": ["mm-calc-print"]}
    form.string = text + CALCULATOR_NOTE


def _rewrite(article: Tag, page: str, pages: set[str], site: Path) -> None:
    """Prefix ids, point links at the print anchors, make image paths absolute, drop site-only widgets.

    One pass over the article's elements; what print does not show is removed (not hidden), so the
    typesetter handles fewer elements and the page looks the same.
    """
    prefix = _anchor(page)
    base = posixpath.dirname(page)
    # a diagram's own style sheet and markers refer to its ids (hashed, so unique already): left as they are
    in_svg = {id(t) for svg in article.find_all("svg") for t in (svg, *svg.find_all(True))}
    for tag in article.find_all(True):
        if tag.decomposed or tag.parent is None or id(tag) in in_svg:
            continue
        name = tag.name
        # scripts never run in print; notebook style sheets: the rules print needs are in pdf.css
        if name in ("script", "style") or not _JUNK.isdisjoint(tag.get("class") or ()):
            tag.decompose()
            continue
        if name == "form" and "mm-calc" in (tag.get("class") or ()):
            _calculator_note(tag)
            continue
        if "id" in tag.attrs:
            tag["id"] = f"{prefix}--{tag['id']}"
        if name == "abbr":  # a glossary tooltip on screen; the term alone on paper
            tag.unwrap()
        elif name == "div" and "id" not in tag.attrs and _WRAPPERS.issuperset(tag.get("class") or ("-",)):
            tag.unwrap()
        elif name == "a" and tag.has_attr("href"):
            _relink(tag, page, base, pages)
        elif name == "img" and tag.has_attr("src"):
            src = tag["src"]
            if not src.startswith(("data:", "http:", "https:", "file:")):
                tag["src"] = (site / posixpath.normpath(posixpath.join(base, unquote(src)))).resolve().as_uri()
        elif name == "pre" and tag.find("svg") is None:
            for span in tag.find_all("span"):
                cls = span.get("class") or []
                if len(cls) == 1 and cls[0] in _CODE_KEEP:
                    span.attrs = {"class": cls}
                else:
                    span.unwrap()
            tag.smooth()


def _relink(a: Tag, page: str, base: str, pages: set[str]) -> None:
    """A link inside the book points at its print anchor; other local links become plain text."""
    href = a["href"]
    parts = urlsplit(href)
    if parts.scheme in ("http", "https", "mailto"):
        return
    if parts.scheme == "data" or href.startswith(("data:", "#__codelineno")):  # code line anchors: none on paper
        a.unwrap()
        return
    target = _page_path(posixpath.join(base, parts.path)) if parts.path else page
    if target in pages:
        frag = unquote(parts.fragment)
        a["href"] = f"#{_anchor(target)}--{frag}" if frag else f"#{_anchor(target)}"
    else:  # a download or an asset: plain text in print
        a.unwrap()


def _article(path: Path) -> Tag | None:
    """The page's ``<article class="md-content__inner">``, parsed alone (the header, nav and sidebars are
    most of a built page and are not printed)."""
    text = path.read_text(encoding="utf-8")
    start = re.search(r'<article\b[^>]*class="[^"]*\bmd-content__inner\b', text)
    end = text.find("</article>", start.end()) if start else -1
    if end < 0:  # not the usual layout: parse the whole page
        return BeautifulSoup(text, "html.parser").select_one("article.md-content__inner")
    return BeautifulSoup(text[start.start():end + len("</article>")], "html.parser").article


def build_print_html(site: Path) -> tuple[str, list[str]]:
    """The print document (HTML text) and the pages it contains, in order."""
    order = flatten(read_nav(site))
    pages = [_page_path(e.href) for _, e in order if e.href]
    known = set(pages)
    body: list[str] = []
    toc: list[str] = []
    seen: set[str] = set()
    for depth, e in order:
        if e.href is None:  # a group without its own page: a part title
            body.append(f'<section class="part d{min(depth, 3)}"><h1 class="part-title">{e.title}</h1></section>')
            toc.append(f'<li class="toc-part">{e.title}</li>')
            continue
        page = _page_path(e.href)
        if page in seen:
            continue
        seen.add(page)
        article = _article(site / page)
        if article is None:
            raise SystemExit(f"pdf: no article in {page}")
        _rewrite(article, page, known, site)
        h1 = article.find("h1")
        title = " ".join((h1.get_text(" ", strip=True) if h1 else e.title).split())
        anchor = _anchor(page)
        kind = "notebook" if article.select_one(".jupyter-wrapper, .jp-Notebook") else "prose"
        body.append(f'<section class="page {kind} d{min(depth, 3)}" id="{anchor}">'
                    f'{article.decode_contents()}</section>')
        toc.append(f'<li class="toc-{min(depth, 3)}"><a href="#{anchor}">{title}</a></li>')
    head = _head(site)
    today = _dt.date.today().isoformat()
    cover = (f'<section class="cover"><h1 class="cover-title">{TITLE}</h1>'
             f'<p class="cover-sub">Multiple myeloma: an executable textbook</p>'
             f'<p class="cover-edition">版次：{today}</p><p class="cover-notice">{NOTICE}</p></section>')
    contents = f'<section class="toc"><h1 class="toc-title">目录</h1><ul>{"".join(toc)}</ul></section>'
    html = (f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{TITLE}</title>{head}</head>'
            f'<body>{cover}{contents}{"".join(body)}</body></html>')
    return html, pages


def _head(site: Path) -> str:
    """Stylesheets and the scripts that render math and diagrams (local files only)."""
    katex = site / "assets" / "vendor" / "katex"
    mermaid = next(iter(sorted((site / "assets" / "vendor").glob("mermaid*/mermaid*.min.js"))), None)
    parts = [f'<link rel="stylesheet" href="{(katex / "katex.min.css").as_uri()}">',
             f'<style>{PRINT_CSS.read_text(encoding="utf-8")}</style>']
    if (katex / "katex.min.js").exists():
        parts.append(f'<script src="{(katex / "katex.min.js").as_uri()}"></script>')
        parts.append(f'<script src="{(katex / "auto-render.min.js").as_uri()}"></script>')
    if mermaid is not None:
        parts.append(f'<script src="{mermaid.as_uri()}"></script>')
    return "".join(parts)


_RENDER_JS = """
async () => {
  if (window.renderMathInElement) {  // as docs/assets/javascripts/math.js does on the site
    document.querySelectorAll('.arithmatex').forEach(el => {
      renderMathInElement(el, {delimiters: [
        {left: '\\\\(', right: '\\\\)', display: false}, {left: '\\\\[', right: '\\\\]', display: true}],
        throwOnError: false});
    });
    document.querySelectorAll('.jupyter-wrapper .jp-RenderedMarkdown, .jupyter-wrapper .jp-MarkdownOutput')
      .forEach(el => renderMathInElement(el, {delimiters: [
        {left: '$$', right: '$$', display: true}, {left: '$', right: '$', display: false}],
        throwOnError: false}));
  }
  const diagrams = Array.from(document.querySelectorAll('pre.mermaid, div.mermaid'))
    .filter(el => !el.querySelector('svg'));
  if (window.mermaid && diagrams.length) {
    diagrams.forEach(el => { const code = el.querySelector('code'); el.textContent = (code || el).textContent; });
    window.mermaid.initialize({startOnLoad: false, theme: 'neutral', securityLevel: 'strict',
                               flowchart: {htmlLabels: false}, fontFamily: 'Noto Sans CJK SC, sans-serif'});
    await window.mermaid.run({nodes: diagrams});
  }
  // diagrams drawn at build time (hooks/prerender.py) colour themselves with the page's CSS
  // variables; the typesetter gets the resolved colours
  document.querySelectorAll('.mm-diagram svg *').forEach(el => {
    const cs = getComputedStyle(el);
    // as SVG presentation attributes: the typesetter's SVG renderer reads those, not CSS variables
    for (const prop of ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'fill-opacity', 'stroke-opacity',
                        'font-size', 'font-weight', 'text-anchor', 'dominant-baseline']) {
      const v = cs.getPropertyValue(prop);
      if (v) el.setAttribute(prop, v);
    }
    el.removeAttribute('style');
  });
  // the diagrams' own style sheets (CSS variables) are resolved above; the typesetter must not re-apply them
  document.querySelectorAll('.mm-diagram svg style, .mm-diagram svg *').forEach(el => {
    if (el.tagName.toLowerCase() === 'style') el.remove();
  });
  // Sizes the typesetter would otherwise search for (its time grows fast with nesting): Chromium has laid
  // out the same document with the same style sheet at the width of the A4 text block, so its answers are
  // written down.  (1) formula boxes: KaTeX's inline blocks shrink to fit their content; (2) tables: the
  // column widths of Chromium's automatic table layout become a fixed layout of the same widths.
  document.body.style.width = '174mm';  // A4 (210 mm) less the page margins of pdf.css
  const boxes = Array.from(document.querySelectorAll('.katex-html *'))
    .filter(el => !el.style.width && getComputedStyle(el).display === 'inline-block')
    .map(el => [el, getComputedStyle(el).width]);
  const tables = Array.from(document.querySelectorAll('table')).filter(t => !t.closest('.katex, svg'))
    .map(t => {
      const row = t.rows[0];
      if (!row || Array.from(row.cells).some(c => c.colSpan > 1)) return null;
      const width = t.getBoundingClientRect().width;
      return [t, Array.from(row.cells).map(c => (100 * c.getBoundingClientRect().width / width).toFixed(2) + '%')];
    }).filter(Boolean);
  boxes.forEach(([el, w]) => { if (w.endsWith('px')) el.style.width = w; });  // all reads first, then writes
  tables.forEach(([t, widths]) => {
    t.classList.add('pdf-fixed');
    Array.from(t.rows[0].cells).forEach((c, i) => { c.style.width = widths[i]; });
  });
  document.body.style.width = '';
  return {math: document.querySelectorAll('.katex').length,
          diagrams: document.querySelectorAll('.mermaid svg, .mm-diagram svg').length,
          unrendered: document.querySelectorAll('pre.mermaid:not(:has(svg)), div.mermaid:not(:has(svg))').length,
          // TeX left as text outside code (a formula neither build nor this pass rendered)
          raw_math: Array.from(document.querySelectorAll('p, li, td, th, .arithmatex'))
            .filter(el => !el.closest('pre, code, .katex'))
            .filter(el => /\\$\\$|\\\\\\(|\\\\\\[|\\\\frac|\\\\mathrm/.test(
              Array.from(el.childNodes).filter(n => n.nodeType === 3).map(n => n.textContent).join(''))).length};
}
"""


def render_scripts(html_path: Path) -> tuple[str, dict]:
    """Run KaTeX and Mermaid in headless Chromium; return the rendered document (XHTML) and what was rendered."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_chromium(), args=["--no-sandbox"])
        page = browser.new_page()
        external: list[str] = []
        page.on("request", lambda r: external.append(r.url) if r.url.startswith(("http:", "https:")) else None)
        page.goto(html_path.as_uri(), wait_until="load")
        stats = page.evaluate(_RENDER_JS)
        # nothing runs in print; KaTeX's hidden MathML copy (for screen readers) would be typeset as a second,
        # raw TeX copy.  XHTML, so that a C parser reads it back (see _typesetter_input).
        html = page.evaluate("""() => {
          document.querySelectorAll('script, math').forEach(el => el.remove());
          return new XMLSerializer().serializeToString(document);
        }""")
        browser.close()
    if external:
        raise SystemExit(f"pdf: the print document requested another host: {external[:3]}")
    if stats["unrendered"]:
        raise SystemExit(f"pdf: {stats['unrendered']} diagram(s) were not rendered")
    return html, stats


def _chromium() -> str | None:
    import shutil

    return shutil.which("chromium") or shutil.which("chromium-browser")


class _GlyphLog(logging.Handler):
    """Collects WeasyPrint's warnings (missing glyphs, unsupported CSS that matters)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _typesetter_input(xhtml: str, base_url: str):
    """WeasyPrint's document for Chromium's XHTML, read by the C XML parser of the standard library.

    WeasyPrint's own HTML parser is pure Python and needs seconds for the whole book; the tree it would
    build is the same (HTML elements without a namespace, SVG in its own).  Falls back to that parser if
    the serialisation is not well-formed XML.
    """
    import xml.etree.ElementTree as ET

    import cssselect2
    from weasyprint import HTML

    try:
        root = ET.fromstring(xhtml)
    except ET.ParseError:
        return HTML(string=xhtml, base_url=base_url)
    xhtml_ns = "{http://www.w3.org/1999/xhtml}"
    for el in root.iter():
        if el.tag.startswith(xhtml_ns):
            el.tag = el.tag[len(xhtml_ns):]
    doc = HTML(string="<html></html>", base_url=base_url)  # its URL fetcher and media type, then our tree
    doc.wrapper_element = cssselect2.ElementWrapper.from_html_root(root, content_language=None)
    doc.etree_element = doc.wrapper_element.etree_element
    return doc


def write_pdf(site: Path, out: Path) -> dict:
    """Build ``out`` from the built ``site``; returns measurements (pages, seconds, bytes, warnings)."""

    t0 = time.perf_counter()
    html, pages = build_print_html(site)
    staging = site / "print.html"  # inside the site, so relative asset URLs resolve as on the pages
    staging.write_text(html, encoding="utf-8")
    try:
        rendered, stats = render_scripts(staging)
    finally:
        staging.unlink(missing_ok=True)
    t1 = time.perf_counter()
    handler = _GlyphLog()
    wlog = logging.getLogger("weasyprint")
    wlog.addHandler(handler)
    try:
        doc = _typesetter_input(rendered, site.as_uri() + "/").render()
        out.parent.mkdir(parents=True, exist_ok=True)
        doc.write_pdf(out)
    finally:
        wlog.removeHandler(handler)
    t2 = time.perf_counter()
    return {"pages": len(doc.pages), "site_pages": len(dict.fromkeys(pages)), "math": stats["math"], "diagrams": stats["diagrams"], "raw_math": stats["raw_math"],
            "render_s": round(t1 - t0, 1), "typeset_s": round(t2 - t1, 1), "bytes": out.stat().st_size,
            "warnings": handler.messages}


def main(argv: list[str]) -> int:
    site = Path(argv[1]) if len(argv) > 1 else ROOT / "site"
    out = Path(argv[2]) if len(argv) > 2 else ROOT / "dist" / "mm-book.pdf"
    if not (site / "index.html").exists():
        print(f"pdf: {site}/index.html not found: build the site first (python3 tools/book.py build)")
        return 2
    m = write_pdf(site.resolve(), out)
    glyphs = [w for w in m["warnings"] if "glyph" in w.lower()]
    print(f"PDF: {out} — {m['pages']} pages from {m['site_pages']} site pages, {m['math']} formulas, "
          f"{m['diagrams']} diagrams, {m['bytes'] / 1e6:.1f} MB; render {m['render_s']} s, typeset {m['typeset_s']} s")
    if glyphs:
        print("pdf: missing glyphs:\n  " + "\n  ".join(glyphs[:10]))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
