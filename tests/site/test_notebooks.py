"""Notebooks: every source executes, the cache tracks its real dependencies, downloads run for a learner."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import time
import venv
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load_hook():
    spec = importlib.util.spec_from_file_location("book_notebooks_hook", ROOT / "hooks" / "notebooks.py")
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(ROOT / "hooks"))  # as MkDocs does while it loads hooks (their shared helpers)
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(ROOT / "hooks"))
    return module


hook = _load_hook()
SOURCES = hook.sources()


def test_there_are_notebooks():
    assert len(SOURCES) >= 8


@pytest.mark.slow
@pytest.mark.parametrize("src", SOURCES, ids=[s.stem for s in SOURCES])
def test_notebook_executes_without_error(src):
    nb_path, _, _ = hook.execute(src)
    nb = nbformat.read(nb_path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(c.execution_count for c in code)
    for cell in code:
        for out in cell.outputs:
            assert out.output_type != "error"
            text = out.get("text", "")
            assert "missing from font" not in text and "Glyph" not in text, text[:200]


@pytest.mark.slow
def test_cache_reexecutes_only_when_source_or_used_mmlib_file_changes(tmp_path, monkeypatch):
    examples = tmp_path / "examples" / "demo"
    examples.mkdir(parents=True)
    src = examples / "tiny.py"
    src.write_text("# ---\n# jupyter:\n#   jupytext:\n#     formats: py:percent\n# ---\n\n"
                   "# %%\nfrom mmlib.units import to_si\nprint(to_si('m_protein', 3, 'g/dL'))\n",
                   encoding="utf-8")
    monkeypatch.setattr(hook, "EXAMPLES", tmp_path / "examples")
    monkeypatch.setattr(hook, "STORE", tmp_path / "store")
    _, hit, _ = hook.execute(src)
    assert not hit
    meta = json.loads((tmp_path / "store" / "demo__tiny.json").read_text())
    assert "mmlib/units.py" in meta["deps"] and "mmlib/plotting.py" not in meta["deps"]
    _, hit, _ = hook.execute(src)
    assert hit
    # a used mmlib file whose content differs from the recorded one invalidates the entry
    meta["deps"]["mmlib/units.py"] = "0" * 64
    (tmp_path / "store" / "demo__tiny.json").write_text(json.dumps(meta))
    _, hit, _ = hook.execute(src)
    assert not hit
    # an edited notebook source is executed again
    src.write_text(src.read_text() + "print('x')\n", encoding="utf-8")
    _, hit, _ = hook.execute(src)
    assert not hit


@pytest.mark.slow
def test_a_notebook_that_raises_fails_the_build(tmp_path, monkeypatch):
    from mkdocs.exceptions import PluginError

    examples = tmp_path / "examples" / "demo"
    examples.mkdir(parents=True)
    src = examples / "broken.py"
    src.write_text("# ---\n# jupyter:\n#   jupytext:\n#     formats: py:percent\n# ---\n\n"
                   "# %%\nx = 1\n\n# %%\nraise ValueError('计算失败')\n", encoding="utf-8")
    monkeypatch.setattr(hook, "EXAMPLES", tmp_path / "examples")
    monkeypatch.setattr(hook, "STORE", tmp_path / "store")
    with pytest.raises(PluginError, match="broken.py raised while executing"):
        hook.execute(src)
    assert not (tmp_path / "store" / "demo__broken.json").exists()  # a failure is never cached


@pytest.mark.slow
def test_forked_kernels_give_the_outputs_of_fresh_kernels_and_still_fail_the_build(tmp_path, monkeypatch):
    """hooks/kernel_forkserver.py: a kernel forked from the warm process is a fresh kernel for the notebook."""
    from mkdocs.exceptions import PluginError

    examples = tmp_path / "examples" / "demo"
    examples.mkdir(parents=True)
    header = "# ---\n# jupyter:\n#   jupytext:\n#     formats: py:percent\n# ---\n\n"
    src = examples / "wide.py"
    # pandas decides at import whether it prints for a terminal (80 characters) or a notebook (20 columns)
    src.write_text(header + "# %%\nimport pandas as pd\nfrom mmlib.units import to_si\n"
                   "pd.DataFrame([[to_si('m_protein', 3, 'g/dL')] * 16])\n\n"
                   "# %%\nimport sys\nprint('mmlib.staging' in sys.modules, 'leftover' in globals(),\n"
                   "      get_ipython().history_manager.hist_file)\n"
                   "leftover = 1\n", encoding="utf-8")
    broken = examples / "broken.py"
    broken.write_text(header + "# %%\nraise ValueError('计算失败')\n", encoding="utf-8")
    monkeypatch.setattr(hook, "EXAMPLES", tmp_path / "examples")

    def outputs(path):
        cells = nbformat.read(path, as_version=4).cells
        return [[{k: v for k, v in o.items() if k != "metadata"} for o in c.outputs] for c in cells]

    monkeypatch.setattr(hook, "STORE", tmp_path / "plain")
    plain, _, _ = hook.execute(src)
    monkeypatch.setattr(hook, "STORE", tmp_path / "forked")
    with hook.ForkServer(dict(os.environ, MPLBACKEND=hook.INLINE_BACKEND)) as server:
        forked, hit, _ = hook.execute(src, server)
        again, _, _ = hook.execute(src.rename(examples / "wide2.py"), server)  # a second kernel, same state
        with pytest.raises(PluginError, match="broken.py raised while executing"):
            hook.execute(broken, server)
    assert not hit and outputs(forked) == outputs(plain) == outputs(again)
    assert "..." not in outputs(forked)[0][0]["data"]["text/plain"]
    # no leftovers from another notebook; the kernel manager's arguments reach the kernel (no history file)
    assert outputs(forked)[1][0]["text"] == "False False :memory:\n"
    assert json.loads((tmp_path / "forked" / "demo__wide.json").read_text())["deps"] == \
        json.loads((tmp_path / "plain" / "demo__wide.json").read_text())["deps"]


@pytest.mark.slow
def test_notebooks_run_in_the_background_and_a_failure_stops_the_page_that_waits_for_it(tmp_path, monkeypatch):
    """on_files starts every notebook and returns; a page waits for its own; a raising one fails there."""
    from mkdocs.exceptions import PluginError

    examples = tmp_path / "examples" / "demo"
    examples.mkdir(parents=True)
    header = "# ---\n# jupyter:\n#   jupytext:\n#     formats: py:percent\n# ---\n\n"
    (examples / "a_good.py").write_text(header + "# %%\nprint(6 * 7)\n", encoding="utf-8")
    (examples / "b_broken.py").write_text(header + "# %%\nraise ValueError('计算失败')\n", encoding="utf-8")
    for name, value in (("EXAMPLES", tmp_path / "examples"), ("STORE", tmp_path / "store"),
                        ("PAGES", tmp_path / "pages")):
        monkeypatch.setattr(hook, name, value)
    runs = hook._Runs()
    started = time.perf_counter()
    pages = runs.start(hook.sources())
    assert time.perf_counter() - started < 5            # returns before the kernels are done
    assert [uri for uri, _ in pages] == ["demo/a_good.ipynb", "demo/b_broken.ipynb"]
    assert not (tmp_path / "pages" / "demo" / "a_good.ipynb").exists()
    runs.wait("demo/a_good.ipynb")
    page_nb = nbformat.read(tmp_path / "pages" / "demo" / "a_good.ipynb", as_version=4)
    assert page_nb.cells[0].outputs[0]["text"] == "42\n"
    with pytest.raises(PluginError, match="b_broken.py raised while executing"):
        runs.wait("demo/b_broken.ipynb")
    assert runs.pool is None and runs.fork is None      # the failure closed the workers
    assert not (tmp_path / "pages" / "demo" / "b_broken.ipynb").exists()


def test_a_python_file_that_is_not_a_notebook_is_refused(tmp_path, monkeypatch):
    from mkdocs.exceptions import PluginError

    (tmp_path / "helper.py").write_text("print('not a notebook')\n", encoding="utf-8")
    monkeypatch.setattr(hook, "EXAMPLES", tmp_path)
    with pytest.raises(PluginError, match="not a jupytext percent notebook"):
        hook.sources()


@pytest.mark.slow
def test_downloaded_notebook_runs_in_a_fresh_venv(site, tmp_path):
    """Follow the install instruction of the first cell, as a learner would."""
    nb_file = site / "chapter_principles" / "cases_spectrum.ipynb"
    nb = nbformat.read(nb_file, as_version=4)
    first = nb.cells[0].source
    wheels = sorted((site / "downloads").glob("mmlib-*.whl"))
    assert len(wheels) == 1 and wheels[0].name in first
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")
    import re
    command = re.search(r"```bash\n(python -m pip install [^\n]+)\n```", first).group(1)
    work = tmp_path / "learner"
    work.mkdir()
    (work / nb_file.name).write_bytes(nb_file.read_bytes())
    (work / wheels[0].name).write_bytes(wheels[0].read_bytes())
    venv.EnvBuilder(with_pip=True).create(tmp_path / "venv")
    bindir = tmp_path / "venv" / "bin"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "JUPYTER", "MPL"))}
    env.update(PATH=f"{bindir}:{env.get('PATH', '')}", HOME=str(tmp_path / "home"))
    subprocess.run(command.split(), cwd=work, env=env, check=True, capture_output=True)
    run = subprocess.run(
        ["jupyter", "nbconvert", "--to", "notebook", "--execute", "--output", "ran.ipynb", nb_file.name],
        cwd=work, env=env, capture_output=True, text=True,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    ran = nbformat.read(work / "ran.ipynb", as_version=4)
    outputs = [o for c in ran.cells if c.cell_type == "code" for o in c.outputs]
    assert outputs and not any(o.output_type == "error" for o in outputs)
    assert not any("Glyph" in o.get("text", "") for o in outputs)
    # mmlib came from the book's wheel, not from the checkout
    probe = subprocess.run(["python", "-c", "import mmlib; print(mmlib.__file__)"], cwd=tmp_path,
                           env=env, capture_output=True, text=True, check=True)
    assert str(tmp_path / "venv") in probe.stdout


def _tiny_notebook(path: Path) -> Path:
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# 模型：演示\n\n正文 `code # not a heading`"),
        nbformat.v4.new_code_cell("# a comment, not a heading\nx = 1"),
        nbformat.v4.new_markdown_cell("## 第一节（A）\n\n```python\n# inside a fence\n```\n\n### 小节 `x`"),
    ])
    nbformat.write(nb, path)
    return path


def test_toc_source_gives_the_same_toc_as_mkdocs_jupyter(tmp_path):
    from mkdocs_jupyter import nbconvert2, plugin

    hook._patch_mkdocs_jupyter()  # Unicode slugs for both
    path = str(_tiny_notebook(tmp_path / "demo.ipynb"))
    fast = plugin._get_markdown_toc(hook.notebook_markdown(path), 6)
    assert fast == plugin._get_markdown_toc(nbconvert2.nb2md(path), 6)
    names = [t["name"] for t in fast] + [c["name"] for t in fast for c in t["children"]]
    assert names == ["模型：演示", "第一节（A）"]


def test_page_notebook_stamp_keys_the_html_cache_and_stays_out_of_the_download(tmp_path):
    path = _tiny_notebook(tmp_path / "demo.ipynb")
    data = path.read_bytes()
    assert hook._page_notebook(data, "a") == hook._page_notebook(data, "a")  # same input, same key
    assert hook._page_notebook(data, "a") != hook._page_notebook(data, "b")
    page = tmp_path / "page.ipynb"
    page.write_bytes(hook._page_notebook(data, "a"))
    first = nbformat.writes(hook.download_notebook(page, "mmlib-0.1.0-py3-none-any.whl"))
    assert "mm_book_render" not in first
    # the download is the same file on every build (no random cell id)
    assert first == nbformat.writes(hook.download_notebook(page, "mmlib-0.1.0-py3-none-any.whl"))


def test_links_to_markdown_pages_point_at_the_built_pages():
    from types import SimpleNamespace

    from mkdocs.structure.files import File, Files

    pages = [File(uri, "docs", "site", use_directory_urls=False)
             for uri in ("chapter_applications/diagnosis.md", "index.md", "chapter_applications/cases.ipynb")]
    page = SimpleNamespace(file=pages[2], url=pages[2].url)
    html = ('<a href="diagnosis.md">a</a><a href="../index.md#x">b</a><a href="https://e.org/x.md">c</a>'
            '<a href="#h">d</a>')
    assert hook._md_links_to_pages(html, page, Files(pages)) == (
        '<a href="diagnosis.html">a</a><a href="../index.html#x">b</a><a href="https://e.org/x.md">c</a>'
        '<a href="#h">d</a>')
