"""What the page-speed measures must not cost a reader (issue 10): read as a reader would, in Chromium.

* Blocks further down a page are drawn only near the screen (``content-visibility``, book.css);
  a jump to a heading still lands on it, from the table of contents and when a page is opened at
  one; print draws everything.
* The light/dark switch is the book's own script (overrides/partials/palette.html) in place of
  Material's palette component: it follows the system setting on a first visit, switches on a
  click and with the keyboard, keeps the choice from page to page, and leaves one
  ``<meta name="color-scheme">`` that says the scheme shown.
"""

from __future__ import annotations

import pytest

from test_browser import _foreign, browser, page  # noqa: F401  (the fixtures, shared)

pytestmark = [pytest.mark.slow, pytest.mark.browser]

STAGING = "chapter_applications/staging.html"      # a long text page
NOTEBOOK = "chapter_principles/model_bone.html"     # a notebook page

# where the heading is, and whether the page is scrolled to its end (a heading near the end cannot
# reach the top of the window; it must still be on screen)
HEADING_TOP = """id => [Math.round(document.getElementById(id).getBoundingClientRect().top),
    scrollY + innerHeight >= document.documentElement.scrollHeight - 2]"""
TOC_LINKS = ".md-sidebar--secondary a.md-nav__link"


def _settled(page) -> None:
    page.wait_for_load_state("load")
    page.wait_for_timeout(700)


def _lands_on(page, heading_id: str) -> bool:
    top, at_end = page.evaluate(HEADING_TOP, heading_id)
    return 0 <= top <= 150 or (at_end and 0 <= top <= 800)


@pytest.mark.parametrize("path", [STAGING, NOTEBOOK])
def test_a_jump_from_the_table_of_contents_lands_on_its_heading(site, page, path):
    page.goto((site / path).as_uri())
    _settled(page)
    links = page.locator(TOC_LINKS)
    assert links.count() >= 4
    # far down the page first (the blocks above it were never drawn), then back up
    for n in (links.count() - 1, links.count() // 2, 1):
        href = links.nth(n).get_attribute("href")
        links.nth(n).click()
        page.wait_for_timeout(900)
        assert _lands_on(page, href[1:]), (path, href, page.evaluate(HEADING_TOP, href[1:]))
    assert _foreign(page.requests) == []


def test_a_page_opened_at_a_heading_shows_that_heading(site, page):
    page.goto((site / STAGING).as_uri())
    links = page.locator(TOC_LINKS)
    for href in (links.nth(links.count() // 2).get_attribute("href"), links.last.get_attribute("href")):
        page.goto("about:blank")
        page.goto((site / STAGING).as_uri() + href)
        _settled(page)
        assert _lands_on(page, href[1:]), (href, page.evaluate(HEADING_TOP, href[1:]))


def test_blocks_far_down_are_drawn_lazily_but_printed(site, page):
    page.goto((site / STAGING).as_uri())
    _settled(page)
    visibility = """() => [...document.querySelectorAll('.md-content__inner > *')].map(e =>
        [e.tagName, getComputedStyle(e).contentVisibility])"""
    blocks = page.evaluate(visibility)
    lazy = [tag for tag, v in blocks if v == "auto"]
    assert len(lazy) >= 20 and "H2" not in lazy and "H3" not in lazy
    assert blocks[-1][1] == "visible"                  # the last block (over the footer) is always drawn
    page.emulate_media(media="print")
    assert {v for _, v in page.evaluate(visibility)} == {"visible"}


@pytest.mark.parametrize("scheme, shown, other", [("light", "default", "slate"), ("dark", "slate", "default")])
def test_light_dark_switch_follows_the_system_switches_and_is_remembered(site, browser, scheme, shown, other):
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    state = """() => ({scheme: document.body.getAttribute('data-md-color-scheme'),
        meta: [...document.querySelectorAll('meta[name=color-scheme]')].map(m => m.content),
        labels: [...document.querySelectorAll('form.md-header__option label')].map(l => l.hidden),
        switching: document.body.hasAttribute('data-md-color-switching')})"""
    meta = {"default": "light", "slate": "dark"}

    page.goto((site / "index.html").as_uri())
    _settled(page)
    first = page.evaluate(state)
    assert first["scheme"] == shown and first["meta"] == [meta[shown]]   # Material adds no second one
    assert first["labels"].count(False) == 1
    page.locator("form.md-header__option label:not([hidden])").click()
    page.wait_for_timeout(300)
    after = page.evaluate(state)
    assert after["scheme"] == other and after["meta"] == [meta[other]] and not after["switching"]
    assert after["labels"] != first["labels"]

    page.goto((site / STAGING).as_uri())                # the choice is kept on the next page
    _settled(page)
    assert page.evaluate(state)["scheme"] == other
    page.locator("form.md-header__option input:checked").focus()
    page.keyboard.press("Enter")                          # and the keyboard switches back
    page.wait_for_timeout(300)
    assert page.evaluate(state)["scheme"] == shown
    assert errors == []
    context.close()
