"""动手实践: the chapter's pages from mmlib.practice, and the offline practice pack.

1. ``on_files``: render ``chapter_practice/index.md`` and one page per group of
   sections from the problem registry (:mod:`mmlib.practice.render`), so the
   pages can never drift from the problems, and add them to the build.  Rendering
   builds every problem (and imports most of mmlib and SciPy); the pages are kept in
   ``.cache/practice`` (``$MM_BOOK_CACHE`` if set) and reused while mmlib, this hook
   and the book's file list are unchanged.
2. ``on_post_build`` (after hooks/notebooks.py has published the output-free
   notebooks and the wheel): write ``downloads/mm-practice-pack.zip`` with every
   notebook of the book, the mmlib wheel, a pinned ``requirements.txt`` and a
   Chinese README.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import zipfile
from importlib import metadata
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from source_digest import tree_digest

log = logging.getLogger("mkdocs.hooks.practice")

ROOT = Path(__file__).resolve().parents[1]
CACHE = Path(os.environ.get("MM_BOOK_CACHE") or ROOT / ".cache") / "practice"
PAGES = CACHE / "pages"
RENDERED = CACHE / "rendered.json"    # {"key": ..., "pages": {uri: Markdown}}
PACK = "downloads/mm-practice-pack.zip"
PACK_DIR = "mm-practice-pack"
#: Runtime dependencies of mmlib, pinned to the versions the book was built and tested with.
PINNED = ("numpy", "scipy", "pandas", "matplotlib")
#: Jupyter for the learner (not a dependency of the build); checked by the pack test.
NOTEBOOK_PIN = "notebook==7.6.5"


def rendered_key(files) -> str:
    """What the rendered pages depend on: mmlib, this hook, the Python version and which files the book has."""
    uris = "\n".join(sorted(f.src_uri for f in files))
    return tree_digest(ROOT, ROOT / "mmlib", Path(__file__)) + sys.version + uris


def rendered_pages(files) -> dict[str, str]:
    """The practice pages (uri -> Markdown), from the cache when its key matches."""
    key = rendered_key(files)
    try:
        stored = json.loads(RENDERED.read_text(encoding="utf-8"))
        if stored.get("key") == key:
            return stored["pages"]
    except (OSError, ValueError, KeyError):
        pass  # no cache yet, or a damaged one: render anew
    from mmlib.practice.render import pages

    exists = lambda path: files.get_file_from_path(path) is not None  # noqa: E731
    rendered = pages(exists)
    RENDERED.parent.mkdir(parents=True, exist_ok=True)
    RENDERED.write_text(json.dumps({"key": key, "pages": rendered}, ensure_ascii=False), encoding="utf-8")
    return rendered


def on_files(files, config):
    for uri, text in rendered_pages(files).items():
        if files.get_file_from_path(uri) is not None:
            raise PluginError(f"practice: docs/{uri} exists; the practice pages are generated from mmlib.practice")
        target = PAGES / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
        files.append(File(uri, src_dir=str(PAGES), dest_dir=config["site_dir"],
                          use_directory_urls=config["use_directory_urls"]))
    return files


def on_page_content(html, page, config, files):
    """Keep the practice notebooks out of the site search, like the problem pages (their front matter)."""
    if page.file.src_uri.startswith("chapter_practice/") and page.file.src_uri.endswith(".ipynb"):
        page.meta.setdefault("search", {})["exclude"] = True
    return html


def requirements(wheel: str) -> str:
    """The pinned requirements of the pack (the wheel first, by its relative path)."""
    pins = [f"{name}=={metadata.version(name)}" for name in PINNED]
    return "\n".join([f"./{wheel}", *pins, NOTEBOOK_PIN, ""])


def readme(wheel: str, notebooks: list[str]) -> str:
    listing = "\n".join(f"- `{n}`" for n in notebooks)
    return f"""# 多发性骨髓瘤：可执行教科书 · 练习包

本练习包含有本书全部 notebook（病例、模型与练习，均不含输出）、本书的 Python 库 `mmlib`（`{wheel}`）
和固定版本的依赖清单 `requirements.txt`。需要 Python 3.11 或更新版本。

## 安装与打开（三条命令）

在解压后的 `{PACK_DIR}` 目录中打开终端，依次运行：

```bash
python -m venv .venv && . .venv/bin/activate      # Windows：python -m venv .venv && .venv\\Scripts\\activate
python -m pip install -r requirements.txt
jupyter notebook
```

浏览器会打开 Jupyter；进入 `notebooks/`，从 `chapter_practice/` 中的练习 notebook 开始，从上到下依次运行。
在练习 notebook 中，把答案写进代码格，再运行 `practice.check(...)`：答错时会得到中文反馈和逐步给出的提示。
也可以在命令行中练习：`python -m mmlib practice list`、`python -m mmlib practice new --seed 7`。

notebook 不含输出，这是有意的：请在自己的电脑上运行，再与书中页面的结果对照。

## 内容

{listing}

*教学材料，不构成临床建议。*
"""


def build_pack(site: Path) -> Path:
    """Write the practice pack into ``site/downloads`` from the notebooks and wheel already published there."""
    wheels = sorted((site / "downloads").glob("mmlib-*.whl"))
    if not wheels:
        raise PluginError("practice: no mmlib wheel in downloads/ (hooks/notebooks.py must run first)")
    notebooks = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.ipynb")
                       if "downloads" not in p.parts)
    if not any(n.startswith("chapter_practice/") for n in notebooks):
        raise PluginError("practice: no practice notebooks were published")
    target = site / PACK
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(f"{PACK_DIR}/README.md", readme(wheels[-1].name, notebooks))
        z.writestr(f"{PACK_DIR}/requirements.txt", requirements(wheels[-1].name))
        z.write(wheels[-1], f"{PACK_DIR}/{wheels[-1].name}")
        for n in notebooks:
            z.write(site / n, f"{PACK_DIR}/notebooks/{n}")
    log.info("practice: %s with %d notebooks (%.0f kB)", PACK, len(notebooks), target.stat().st_size / 1024)
    return target


def on_post_build(config):
    build_pack(Path(config["site_dir"]))
