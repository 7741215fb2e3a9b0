"""axe-core over every page of the built book, at a desktop and a phone width: no serious or critical violation.

axe-core comes from npm (``tests/site/npm``, installed by ``tools/book.py setup`` with ``npm ci``) and is
injected into each page by Playwright; the pages are opened from file://, as the offline copy is read.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from test_browser import ARGS, CHROMIUM  # same Chromium and flags as the other browser tests

pytestmark = [pytest.mark.slow, pytest.mark.browser]

AXE = Path(__file__).resolve().parent / "npm" / "node_modules" / "axe-core" / "axe.min.js"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
BLOCKING = {"serious", "critical"}

RUN_AXE = """async () => {
  // check every block, also those content-visibility would skip until scrolled to (a reader sees
  // them drawn; axe cannot measure a skipped one), once scroll-regions.js has seen the new layout
  const style = document.createElement("style");
  style.textContent = "* { content-visibility: visible !important; }";
  document.head.appendChild(style);
  await new Promise(resolve => requestIdleCallback(resolve, {timeout: 2000}));
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}));
}"""


@pytest.fixture(scope="module")
def axe_source() -> Path:
    if not AXE.is_file():
        pytest.fail(f"axe-core is missing ({AXE}); run 'python3 tools/book.py setup' (npm ci in tests/site/npm)")
    return AXE


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_no_serious_accessibility_violation_on_any_page(site, axe_source, viewport):
    from playwright.sync_api import sync_playwright

    pages = sorted(p for p in site.rglob("*.html") if p.name != "404.html")
    assert len(pages) >= 20
    found: dict[str, list[str]] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport=VIEWPORTS[viewport])
        page = context.new_page()
        for path in pages:
            page.goto(path.as_uri())
            page.add_script_tag(path=str(axe_source))
            for v in page.evaluate(RUN_AXE):
                if v["impact"] in BLOCKING:
                    found.setdefault(str(path.relative_to(site)), []).append(
                        f"{v['impact']} {v['id']} ({v['help']}): {v['nodes']}")
        browser.close()
    assert found == {}


def test_notebook_figures_have_real_alt_text(html_pages):
    """Every notebook figure has the alt text its cell writes ('# alt:' comments; a missing one stops the build)."""
    import re

    figures = {page: re.findall(r'<img alt="([^"]*)"', text)
               for page, text in html_pages.items() if 'class="jupyter-wrapper"' in text}
    assert sum(len(f) for f in figures.values()) >= 45
    written = [alt for f in figures.values() for alt in f]
    assert all(len(alt) >= 20 and "No description" not in alt and not alt.startswith("图：") for alt in written)
    assert 'data-mm-alt="titles"' not in "".join(html_pages.values())
