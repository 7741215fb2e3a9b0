"""The PDF edition (tools/pdf.py): built from the strict build of this session, then read back with pypdf."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.slow, pytest.mark.browser]


def _pdf_tool():
    spec = importlib.util.spec_from_file_location("book_pdf", ROOT / "tools" / "pdf.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def edition(site, tmp_path_factory):
    tool = _pdf_tool()
    out = tmp_path_factory.mktemp("pdf") / "mm-book.pdf"
    measures = tool.write_pdf(site, out)
    from pypdf import PdfReader

    return tool, measures, PdfReader(str(out)), out


def _nav_pages(tool, site):
    return [(e.title, tool._page_path(e.href)) for _, e in tool.flatten(tool.read_nav(site)) if e.href]


def test_every_page_in_nav_order_with_its_heading(edition, site):
    tool, m, reader, _ = edition
    pages = _nav_pages(tool, site)
    assert m["site_pages"] == len({p for _, p in pages}) >= 20
    assert len(reader.pages) > m["site_pages"] + 2     # cover, contents, then at least a page each
    text = "\n".join(p.extract_text() or "" for p in reader.pages)
    flat = re.sub(r"\s+", "", text)
    positions = []
    for _, page in pages:
        h1 = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser").select_one(
            "article.md-content__inner h1")
        for link in h1.select("a.headerlink, a.anchor-link") if h1 else []:
            link.decompose()
        heading = re.sub(r"\s+", "", h1.get_text(" ", strip=True)) if h1 else ""
        assert heading and heading in flat, (page, heading)
        positions.append(flat.index(heading, positions[-1] if positions else 0))
    assert positions == sorted(positions)           # in the nav's order
    assert "教学材料，不构成临床建议" in flat and "目录" in flat


def test_math_and_diagrams_are_rendered_not_raw(edition, site):
    tool, m, reader, _ = edition
    formulas = diagrams = 0
    for page in dict.fromkeys(p for _, p in _nav_pages(tool, site)):
        article = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser").select_one(
            "article.md-content__inner")
        formulas += len(article.select(".arithmatex"))
        diagrams += len(article.select(".mermaid, .mm-diagram"))
    assert formulas >= 40 and diagrams >= 10
    assert m["math"] >= formulas and m["diagrams"] == diagrams
    assert m["raw_math"] == 0                       # no TeX left as text outside code
    text = "\n".join(p.extract_text() or "" for p in reader.pages)
    assert "flowchart" not in text and "graph TD" not in text


def test_every_figure_of_the_site_is_in_the_pdf(edition, site):
    tool, _, reader, _ = edition
    on_site = 0
    for _, page in dict.fromkeys(_nav_pages(tool, site)):
        article = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser").select_one(
            "article.md-content__inner")
        on_site += len(article.find_all("img"))
    in_pdf = 0
    for p in reader.pages:
        xobjects = (p.get("/Resources") or {}).get("/XObject") or {}
        in_pdf += sum(1 for x in xobjects.values() if x.get_object().get("/Subtype") == "/Image")
    assert on_site >= 20 and in_pdf >= on_site


def test_fonts_are_embedded_and_there_are_no_bitmap_fonts(edition):
    _, m, reader, _ = edition
    fonts = {}
    for p in reader.pages:
        for name, ref in ((p.get("/Resources") or {}).get("/Font") or {}).items():
            fonts[ref.get_object().get("/BaseFont")] = ref.get_object()
    assert fonts
    for base, font in fonts.items():
        assert font.get("/Subtype") != "/Type3", base
        desc = font.get("/FontDescriptor") or (font["/DescendantFonts"][0].get_object().get("/FontDescriptor"))
        desc = desc.get_object()
        assert any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")), base
    assert any("NotoSansCJK" in str(b) or "Noto" in str(b) for b in fonts)
    assert not [w for w in m["warnings"] if "glyph" in w.lower()]


def test_bookmarks_follow_the_nav_and_links_work_inside(edition):
    _, _, reader, _ = edition
    top = [o.title for o in reader.outline if not isinstance(o, list)]
    assert "原理与机制" in top and "目录" in top
    internal = 0
    for p in reader.pages:
        for a in p.get("/Annots") or []:
            a = a.get_object()
            if a.get("/Subtype") == "/Link" and ("/Dest" in a or (a.get("/A") or {}).get("/S") == "/GoTo"):
                internal += 1
    assert internal > 100


def test_a4_pages(edition):
    _, _, reader, _ = edition
    box = reader.pages[5].mediabox
    assert round(float(box.width) / 72 * 25.4) == 210 and round(float(box.height) / 72 * 25.4) == 297


def test_calculators_are_a_note_on_paper_not_empty_form_controls(edition, site):
    tool, _, reader, _ = edition
    forms = sum(len(BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser").select("form.mm-calc"))
                for p in site.rglob("*.html"))
    assert forms >= 5                                   # the calculator chapter and the embedded forms
    flat = re.sub(r"\s+", "", "\n".join(p.extract_text() or "" for p in reader.pages))
    note = re.sub(r"\s+", "", tool.CALCULATOR_NOTE)[:12]     # short enough not to be split by a page break
    assert flat.count(note) == forms


def test_a_calculator_form_becomes_one_paragraph_without_controls():
    tool = _pdf_tool()
    soup = BeautifulSoup('<article><form class="mm-calc" id="mm-x"><p class="mm-title">诊断计算器</p>'
                         '<input name="bmpc_percent"><select name="sex"><option>未知</option></select>'
                         '<button>下载 JSON</button><section data-mm-result="">结果</section></form></article>',
                         "html.parser")
    tool._rewrite(soup.article, "chapter_calculators/diagnosis.html", set(), ROOT / "site")
    assert not soup.select("form, input, select, button, section")
    (note,) = soup.select("p.mm-calc-print")
    assert note.get_text() == "【诊断计算器】" + tool.CALCULATOR_NOTE
