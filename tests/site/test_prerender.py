"""The build-time rendering hooks: formulas (KaTeX in Node), diagrams, figures, the search copy."""

from __future__ import annotations

import doctest
import re
import importlib.util
import sys
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[2]
HOOKS = ROOT / "hooks"


def _load(name: str):
    sys.path.insert(0, str(HOOKS))
    try:
        spec = importlib.util.spec_from_file_location(f"book_hook_{name}", HOOKS / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(HOOKS))


@pytest.fixture(scope="module")
def prerender():
    return _load("prerender")


@pytest.mark.parametrize("name", ["prerender", "accessibility", "html_blocks", "notebook_css", "source_digest"])
def test_hook_examples(name):
    module = _load(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def test_katex_renders_a_page_of_formulas_in_one_call_and_caches_them(prerender, tmp_path, monkeypatch):
    monkeypatch.setattr(prerender, "KATEX_CACHE", tmp_path / "katex.json")
    monkeypatch.setattr(prerender, "CACHE", tmp_path)
    katex = prerender.Katex()
    try:
        katex.render_all([(r"\kappa/\lambda \ge 100", False), (r"\frac{a}{b}", True)], "test")
        inline = katex.html(r"\kappa/\lambda \ge 100", False)
        assert inline.startswith('<span class="katex">') and "<annotation" in inline and "κ" in inline
        assert 'class="katex-display"' in katex.html(r"\frac{a}{b}", True)
        katex.save()
    finally:
        katex.close()
    again = prerender.Katex()
    monkeypatch.setattr(prerender.shutil, "which", lambda name: None)   # no Node needed on a cache hit
    again.render_all([(r"\frac{a}{b}", True)], "test")
    assert again.proc is None


def test_a_formula_katex_cannot_parse_stops_the_build(prerender, tmp_path, monkeypatch):
    monkeypatch.setattr(prerender, "KATEX_CACHE", tmp_path / "katex.json")
    katex = prerender.Katex()
    try:
        with pytest.raises(PluginError, match=r"(?s)page\.md.*\\frac\{a"):
            katex.render_all([(r"\frac{a", False)], "page.md")
    finally:
        katex.close()


def test_missing_node_is_a_clear_error(prerender, tmp_path, monkeypatch):
    monkeypatch.setattr(prerender, "KATEX_CACHE", tmp_path / "katex.json")
    monkeypatch.setattr(prerender.shutil, "which", lambda name: None)
    with pytest.raises(PluginError, match="Node.js is needed"):
        prerender.Katex().render_all([("x", False)], "page.md")


def test_missing_chromium_is_a_clear_error(prerender, tmp_path, monkeypatch):
    monkeypatch.setattr(prerender, "MERMAID_CACHE", tmp_path)
    monkeypatch.setattr(prerender.shutil, "which", lambda name: None)
    with pytest.raises(PluginError, match="Chromium is needed"):
        prerender.Mermaid().render("flowchart LR\n  A --> B")


def test_search_copy_keeps_prose_and_tex_and_drops_notebook_code(prerender):
    page = ('<h2 id="a">参数</h2><p>比值 <span class="arithmatex">\\(r = \\lambda/\\kappa\\)</span></p>'
            '<div class="jp-Cell jp-CodeCell"><div class="jp-Cell jp-CodeCell" id="c"><pre>import mmlib</pre>'
            '<div class="jp-OutputArea"><pre>raw output</pre></div></div></div><p>小结</p>')
    search = prerender.without_code_cells(prerender.substitute_math(page, lambda tex, display: tex))
    assert search == '<h2 id="a">参数</h2><p>比值 <span class="arithmatex">r = \\lambda/\\kappa</span></p><p>小结</p>'


def _figure_cell(source: str, figures: int) -> str:
    png = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")
    images = "".join(f'<img alt="No description has been provided for this image" class="" '
                     f'src="data:image/png;base64,{png}"/>' for _ in range(figures))
    return (f'<div class="jp-Cell jp-CodeCell jp-Notebook-cell"><div class="clipboard-copy-txt" id="cell-1">'
            f'{source}</div><div class="jp-OutputArea">{images}</div></div>')


def test_a_figure_without_alt_text_stops_the_build():
    accessibility = _load("accessibility")
    two = _figure_cell("# alt: 左图：一条上升的曲线\n# alt: 右图：一条下降的曲线\nplt.show()", 2)
    html = accessibility.notebook_figures(two, "chapter/page.html", "chapter/page.ipynb")
    assert re.findall(r'<img alt="([^"]*)"', html) == ["左图：一条上升的曲线", "右图：一条下降的曲线"]
    for source in ("fig, ax = plt.subplots()\nplt.show()", "# alt: 只有一条\nplt.show()"):
        with pytest.raises(PluginError, match=r"chapter/page\.ipynb.*2 figure\(s\) but states [01] '# alt"):
            accessibility.notebook_figures(_figure_cell(source, 2), "chapter/page.html", "chapter/page.ipynb")
