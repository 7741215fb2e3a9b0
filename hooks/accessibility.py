"""Accessible, phone-friendly pages: fixes that need the page's HTML (the rest is CSS in book.css).

* The search dialog gets an accessible name (Material's ``role="dialog"`` has none).
* Notebook figures: each ``<img>`` of a code cell's output gets the alt text that
  the cell states in a ``# alt: …`` comment (one comment per figure, in the order
  the figures appear).  A cell whose figures and comments do not match in number
  stops the build, naming the page and the cell's first line.  The PNG, inlined
  as base64 by nbconvert, is written once to ``assets/figures/<hash>.png`` and the image links to it, so a reader on a
  phone can open a multi-panel figure full size and zoom in; the page itself
  gets lighter and loads its figures lazily.
* Code regions that scroll sideways (notebook code, notebook outputs, display
  formulas) can be reached with the keyboard (``tabindex="0"``).
"""

from __future__ import annotations

import base64
import hashlib
import html as htmllib
import re
import struct

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from html_blocks import CODE_CELL, replace_blocks

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
SEARCH_DIALOG_NAMED = ('<div class="md-search" data-md-component="search" role="dialog" '
                       'aria-label="搜索本书">')
CELL_SOURCE = re.compile(r'<div class="clipboard-copy-txt"[^>]*>(.*?)</div>', re.S)
ALT_COMMENT = re.compile(r"^\s*# alt:\s*(.+?)\s*$", re.M)
IMG = re.compile(r'<img alt="[^"]*" class="[^"]*" src="data:image/png;base64,([A-Za-z0-9+/=\s]+)"\s*/?>')
NOTEBOOK_PRE = re.compile(r'(<div class="highlight-ipynb[^"]*"><pre)>')
OUTPUT_WITHOUT_TABINDEX = re.compile(r'<div class="([^"]*\bjp-OutputArea-output\b[^"]*)"((?:(?!tabindex)[^>])*)>')
FIGURES = "assets/figures"

_figures: dict[str, bytes] = {}   # site path -> PNG bytes


def alt_texts(cell_html: str) -> list[str]:
    """The ``# alt:`` comments of a code cell, from the source nbconvert keeps for the copy button.

    >>> alt_texts('<div class="clipboard-copy-txt" id="cell-3"># alt: 两条曲线 &lt;上升&gt;\\nplt.show()</div>')
    ['两条曲线 <上升>']
    """
    m = CELL_SOURCE.search(cell_html)
    return ALT_COMMENT.findall(htmllib.unescape(m.group(1))) if m else []


def first_line(cell_html: str) -> str:
    r"""The first non-empty source line of a code cell, for messages.

    >>> first_line('<div class="clipboard-copy-txt" id="cell-3">\nfig, ax = plt.subplots()\nplt.show()</div>')
    'fig, ax = plt.subplots()'
    """
    m = CELL_SOURCE.search(cell_html)
    lines = [line.strip() for line in htmllib.unescape(m.group(1)).splitlines() if line.strip()] if m else []
    return lines[0][:80] if lines else "?"


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG from its header.

    >>> png_size(bytes.fromhex("89504e470d0a1a0a0000000d49484452") + struct.pack(">II", 640, 480))
    (640, 480)
    """
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise PluginError("accessibility: a notebook figure is not a PNG")
    return struct.unpack(">II", data[16:24])


def figure_html(data: bytes, alt: str, page_url: str) -> str:
    """The figure as a file-backed, lazily loaded image that links to itself at full size."""
    name = f"{FIGURES}/{hashlib.sha256(data).hexdigest()[:16]}.png"
    _figures[name] = data
    src = get_relative_url(name, page_url)
    width, height = png_size(data)
    wide = " mm-figure--wide" if width > 1.8 * height else ""
    hint = '<span class="mm-figure-hint" aria-hidden="true">左右滑动查看各分图，点按打开原图</span>' if wide else ""
    return (f'<a class="mm-figure{wide}" href="{src}" title="查看原尺寸的图（可放大）">'
            f'<img alt="{htmllib.escape(alt)}" src="{src}" '
            f'width="{width}" height="{height}" '
            f'loading="lazy" decoding="async"></a>{hint}')


def notebook_figures(html: str, page_url: str, where: str) -> str:
    """Give every figure of every code cell its alt text and a file of its own."""

    def cell_figures(cell: str) -> str:
        alts = alt_texts(cell)
        images = IMG.findall(cell)
        if images and len(alts) != len(images):
            raise PluginError(f"accessibility: {where}: the code cell '{first_line(cell)}' shows {len(images)} "
                              f"figure(s) but states {len(alts)} '# alt: …' comment(s); write one comment per "
                              f"figure, in order, saying what it shows (README, STYLE_GUIDE)")
        queue = iter(alts)
        return IMG.sub(lambda im: figure_html(base64.b64decode(im.group(1)), next(queue), page_url), cell)

    return replace_blocks(html, CODE_CELL, cell_figures)


def on_pre_build(config):
    _figures.clear()


def on_page_content(html: str, page, config, files):
    if 'class="jupyter-wrapper"' in html or "jp-Notebook" in html:
        html = notebook_figures(html, page.url, page.file.src_uri)
        html = NOTEBOOK_PRE.sub(r'\1 tabindex="0">', html)
        # every output area can scroll sideways (wide tables, long lines): each is reachable by keyboard
        html = OUTPUT_WITHOUT_TABINDEX.sub(r'<div class="\1"\2 tabindex="0">', html)
    return html.replace('<span class="katex-display">', '<span class="katex-display" tabindex="0">')


def on_post_page(output: str, page, config):
    if SEARCH_DIALOG not in output:
        raise PluginError("accessibility: Material's search dialog markup changed; update SEARCH_DIALOG in "
                          "hooks/accessibility.py so that the dialog keeps its accessible name")
    return output.replace(SEARCH_DIALOG, SEARCH_DIALOG_NAMED)


def on_post_build(config):
    from pathlib import Path

    site = Path(config["site_dir"])
    for name, data in _figures.items():
        target = site / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.is_file() or target.read_bytes() != data:
            target.write_bytes(data)
