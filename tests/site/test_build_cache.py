"""hooks/build_cache.py: a warm rebuild reuses Markdown conversions and gives the same pages and messages."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _build(project: Path, cache: Path) -> str:
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml")],
                          cwd=project, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "MM_BOOK_CACHE": str(cache)})
    assert proc.returncode == 0, proc.stderr
    return proc.stderr


@pytest.mark.slow
def test_warm_build_reuses_markdown_pages_with_the_same_html_toc_and_warnings(tmp_path):
    project, cache = tmp_path / "book", tmp_path / "cache"
    (project / "docs").mkdir(parents=True)
    (project / "mkdocs.yml").write_text(
        f"site_name: t\ntheme: material\nplugins: [search]\nhooks: [{ROOT / 'hooks' / 'build_cache.py'}]\n"
        "markdown_extensions: [toc, abbr]\nvalidation: {anchors: warn}\n", encoding="utf-8")
    (project / "docs" / "index.md").write_text(
        "# 首页\n\n## 第一节\n\n见 [另一页](other.md#nope) 与 [小节](other.md#section)。\n\n*[MM]: 多发性骨髓瘤\n\nMM\n",
        encoding="utf-8")
    (project / "docs" / "other.md").write_text("# 另一页\n\n## Section\n\n正文。\n", encoding="utf-8")

    cold = _build(project, cache)
    first = {p.name: p.read_text(encoding="utf-8") for p in (project / "site").rglob("*.html")}
    index = (project / "site" / "search" / "search_index.json").read_text(encoding="utf-8")
    stored = json.loads((cache / "markdown-pages.json").read_text(encoding="utf-8"))
    assert len(stored) == 2

    warm = _build(project, cache)
    assert {p.name: p.read_text(encoding="utf-8") for p in (project / "site").rglob("*.html")} == first
    assert (project / "site" / "search" / "search_index.json").read_text(encoding="utf-8") == index
    # the broken anchor is reported again although the page was not converted again
    assert "does not contain an anchor '#nope'" in cold and "does not contain an anchor '#nope'" in warm
    assert "#section'" not in warm

    # an edited page is converted again; the other one still comes from the cache
    (project / "docs" / "other.md").write_text("# 另一页\n\n## Renamed\n\n正文。\n", encoding="utf-8")
    edited = _build(project, cache)
    assert "does not contain an anchor '#section'" in edited
    assert "Renamed" in (project / "site" / "other" / "index.html").read_text(encoding="utf-8")

    # the stored conversion is what a warm build uses (a marker put into the cache shows on the page)
    stored = json.loads((cache / "markdown-pages.json").read_text(encoding="utf-8"))
    for entry in stored.values():
        entry["content"] = entry["content"].replace("正文。", "正文（来自缓存）。")
    (cache / "markdown-pages.json").write_text(json.dumps(stored, ensure_ascii=False), encoding="utf-8")
    _build(project, cache)
    assert "正文（来自缓存）。" in (project / "site" / "other" / "index.html").read_text(encoding="utf-8")
