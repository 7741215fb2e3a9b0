"""A reader opens the offline build from file:// in headless Chromium (Debian's package)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
        "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is required (tools/book.py test installs it with apt)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.requests = []
    pg.on("request", lambda r: pg.requests.append(r.url))
    yield pg
    context.close()


def _foreign(requests: list[str]) -> list[str]:
    return [u for u in requests if not u.startswith(("file://", "data:", "blob:", "about:"))]


def test_formulas_render_from_file_url(site, page):
    page.goto((site / "chapter_principles" / "disease-spectrum.html").as_uri())
    page.wait_for_selector(".arithmatex .katex", timeout=60000)
    assert page.locator(".arithmatex .katex").count() >= 3
    assert page.locator(".katex-error").count() == 0
    assert _foreign(page.requests) == []


def _search(page, site, query: str) -> list[str]:
    """Type a query as a reader would and return the result pages (paths in the site), best first."""
    page.goto((site / "index.html").as_uri())
    page.locator("input.md-search__input").click()
    # the search worker loads the inlined index first; a query typed before that is dropped
    page.wait_for_function(
        "() => { const m = document.querySelector('.md-search-result__meta');"
        " return m && m.textContent.trim() !== '' && !m.textContent.includes('初始化'); }", timeout=60000)
    page.keyboard.type(query)
    page.keyboard.press("End")  # an IME commits with a key event; Material searches on keyup
    page.wait_for_selector(".md-search-result__item", timeout=60000)
    previous: list[str] | None = None
    for _ in range(60):
        current = page.locator(".md-search-result__item > a").evaluate_all(
            "els => els.map(e => e.getAttribute('href'))")
        if current == previous:
            break
        previous = current
        page.wait_for_timeout(500)
    pages: list[str] = []
    for href in previous or []:
        # the page's path in the site (two chapters have a therapy.html)
        name = href.split("?")[0].split("#")[0].removeprefix(site.as_uri() + "/").removeprefix("./")
        if name not in pages:
            pages.append(name)
    return pages


#: A term from a page's title (or the page's ``tags`` front matter, its search keywords) -> that page
#: ranks first, ahead of the glossary entry and the notebooks that mention the term.
TITLE_TERMS = [
    ("蛋白酶体抑制剂", "chapter_principles/therapy.html"),
    ("治疗原理", "chapter_principles/therapy.html"),
    ("管型肾病", "chapter_principles/renal.html"),
    ("铁调素", "chapter_principles/anemia.html"),
    ("贫血", "chapter_principles/anemia.html"),
    ("高钙血症", "chapter_principles/bone-calcium.html"),
    ("单克隆性", "chapter_principles/monoclonality.html"),
    ("肿瘤微环境", "chapter_principles/microenvironment.html"),
    ("遗传发病机制", "chapter_principles/genetics.html"),
    ("疾病谱系", "chapter_principles/disease-spectrum.html"),
    ("恶性浆细胞", "chapter_principles/plasma-cell.html"),
    ("终末器官损害", "chapter_principles/end-organ-damage.html"),
]


@pytest.mark.parametrize("query, expected, within", [(q, e, 1) for q, e in TITLE_TERMS] + [
    ("骨髓瘤", "chapter_principles/disease-spectrum.html", 8),
    ("免疫固定电泳", "chapter_applications/diagnosis.html", 5),
    ("浆细胞白血病", "chapter_applications/diagnosis.html", 3),
    ("荧光原位杂交", "chapter_applications/diagnosis.html", 3),
    ("乳酸脱氢酶", "chapter_applications/staging.html", 5),
    ("国际分期系统", "chapter_applications/staging.html", 3),
    ("达雷妥尤单抗", "chapter_applications/therapy.html", 3),
    ("耐药", "chapter_applications/resistance.html", 3),
])
def test_chinese_search_finds_the_right_page_offline(site, page, query, expected, within):
    pages = _search(page, site, query)
    assert expected in pages[:within], pages[:within]
    assert _foreign(page.requests) == []


def test_search_returns_nothing_for_a_word_not_in_the_book(site, page):
    page.goto((site / "index.html").as_uri())
    page.locator("input.md-search__input").click()
    page.wait_for_function("() => !document.querySelector('.md-search-result__meta').textContent.includes('初始化')",
                           timeout=60000)
    page.keyboard.type("xyzzyplugh")
    page.keyboard.press("End")
    page.wait_for_timeout(1500)
    assert page.locator(".md-search-result__item").count() == 0


def test_diagram_is_drawn_without_javascript(site, browser):
    """The diagrams are inline SVG: they show with JavaScript switched off, in light and dark mode."""
    for scheme in ("light", "dark"):
        context = browser.new_context(java_script_enabled=False, color_scheme=scheme)
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto((site / "chapter_principles" / "disease-spectrum.html").as_uri())
        boxes = page.locator(".mm-diagram svg").evaluate_all(
            "els => els.map(e => e.getBoundingClientRect().height)")
        assert len(boxes) == 2 and min(boxes) > 50, boxes
        assert _foreign(requests) == [] and not [u for u in requests if "mermaid" in u]
        context.close()


def test_notebook_page_formulas_plot_and_download(site, browser):
    """From the offline copy (file://) both buttons really download; the notebook has no outputs."""
    import json

    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto((site / "chapter_principles" / "cases_spectrum.html").as_uri())
    page.wait_for_selector(".jupyter-wrapper .katex", timeout=60000)
    assert page.locator(".jupyter-wrapper img").count() >= 1
    with page.expect_download(timeout=30000) as notebook:
        page.click(".mm-download a[download$='.ipynb']")
    assert notebook.value.suggested_filename == "cases_spectrum.ipynb"
    nb = json.loads(Path(notebook.value.path()).read_text(encoding="utf-8"))
    assert "pip install" in "".join(nb["cells"][0]["source"])
    assert all(not c.get("outputs") for c in nb["cells"] if c["cell_type"] == "code")
    with page.expect_download(timeout=30000) as wheel:
        page.click(".mm-download a[href$='.whl']")
    assert wheel.value.suggested_filename.startswith("mmlib-") and wheel.value.suggested_filename.endswith(".whl")
    assert Path(wheel.value.path()).stat().st_size > 100_000
    assert _foreign(requests) == []
    context.close()
