"""The project reads nothing outside its own folder: no sibling ``shared`` folder at build or test time.

What the tests need from the source document lives in ``tests/fixtures/seed_outline.json``
(extracted once by ``tools/seed_outline.py``, which takes the source's path as an argument).
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SKIP_DIRS = {".git", ".venv", ".cache", "site", "dist", "node_modules", "__pycache__", ".pytest_cache",
             "vendor", ".hypothesis"}
SUFFIXES = {".py", ".yml", ".yaml", ".toml", ".cfg", ".ini", ".json", ".sh", ".md", ".txt", ".js", ".css",
            ".html", ""}
SHARED = "sha" + "red"
OUTSIDE = [
    re.compile(r"\.\./+" + SHARED + r"\b"),                       # a relative path up to the sibling folder
    re.compile(r"/work/" + SHARED + r"\b"),                       # the workplace's absolute path
    re.compile(r"""parents?(?:\[\d+\])?\s*/\s*["']""" + SHARED + r"""["']"""),  # ROOT.parent joined with the sibling folder
    re.compile(r"""["']""" + SHARED + r"""["']\s*/\s*["']seed["']"""),          # the folder joined with its seed folder
    re.compile(r"\bMM_SEED_DIR\b"),
]


def reads_outside(text: str) -> list[str]:
    return [m.group(0) for p in OUTSIDE for m in p.finditer(text)]


def project_files() -> list[Path]:
    out = []
    for path in ROOT.rglob("*"):
        rel = path.relative_to(ROOT)
        if any(part in SKIP_DIRS for part in rel.parts[:-1]) or not path.is_file():
            continue
        if path.suffix in SUFFIXES and path.stat().st_size < 2_000_000:
            out.append(path)
    return out


def test_scanner_finds_paths_outside_the_repository():
    assert reads_outside('SEED = ROOT.parent / "' + SHARED + '" / "seed"')
    assert reads_outside("open('../" + SHARED + "/seed/000.txt')")
    assert reads_outside("cat /work/" + SHARED + "/reference/x.md")
    assert reads_outside("os.environ['MM" + "_SEED_DIR']")
    assert not reads_outside("_" + SHARED + "_css: dict = {}  # CSS shared by every page")


def test_no_project_file_reads_a_sibling_shared_folder():
    files = project_files()
    assert len(files) > 50
    offenders = {}
    for path in files:
        if path == Path(__file__).resolve():
            continue  # its docstring and comments name the patterns
        hits = reads_outside(path.read_text(encoding="utf-8", errors="replace"))
        if hits:
            offenders[str(path.relative_to(ROOT))] = hits[:3]
    assert offenders == {}


def test_the_source_outline_fixture_is_in_the_repository():
    import json

    data = json.loads((ROOT / "tests" / "fixtures" / "seed_outline.json").read_text(encoding="utf-8"))
    assert data["provenance"]["files"] and data["provenance"]["extracted"]
    assert len(data["headings"]) >= 12
    assert len({text for text, _ in data["entry_links"]}) == 76
