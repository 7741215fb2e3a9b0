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
    page.wait_for_selector(".arithmatex .katex", timeout=15000)
    assert page.locator(".arithmatex .katex").count() >= 3
    assert page.locator(".katex-error").count() == 0
    assert _foreign(page.requests) == []


@pytest.mark.parametrize("query, expected", [
    ("高钙血症", "bone-calcium.html"),
    ("管型肾病", "renal.html"),
    ("蛋白酶体抑制剂", "therapy.html"),
    ("骨髓瘤", "index.html"),
])
def test_chinese_search_finds_the_right_page_offline(site, page, query, expected):
    page.goto((site / "index.html").as_uri())
    page.locator("input.md-search__input").click()
    page.keyboard.type(query)
    page.wait_for_selector(".md-search-result__item", timeout=20000)
    hrefs = page.locator(".md-search-result__item > a").evaluate_all("els => els.map(e => e.href)")
    assert any(expected in h for h in hrefs[:5]), hrefs[:5]
    assert _foreign(page.requests) == []


def test_diagram_renders_from_the_local_copy(site, page):
    page.goto((site / "chapter_principles" / "disease-spectrum.html").as_uri())
    page.wait_for_selector(".mermaid svg", timeout=20000, state="attached")
    assert _foreign(page.requests) == []


def test_notebook_page_formulas_plot_and_download(site, page):
    page.goto((site / "chapter_principles" / "cases_spectrum.html").as_uri())
    page.wait_for_selector(".jupyter-wrapper .katex", timeout=15000)
    assert page.locator(".jupyter-wrapper img").count() >= 1
    link = page.locator(".mm-download a[download$='.ipynb']")
    assert link.count() == 1
    href = link.get_attribute("href")
    assert (site / "chapter_principles" / href).is_file()
    assert _foreign(page.requests) == []
