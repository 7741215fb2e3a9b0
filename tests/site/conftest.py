"""Shared fixtures: one strict build of the book per test session."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEED_OUTLINE = ROOT / "tests" / "fixtures" / "seed_outline.json"


@pytest.fixture(scope="session")
def seed_outline() -> dict:
    """Headings and glossary links of the source document (extracted once by tools/seed_outline.py)."""
    return json.loads(SEED_OUTLINE.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def build(tmp_path_factory):
    """Build the book with --strict into a temporary folder; return (site dir, build log)."""
    site = tmp_path_factory.mktemp("site")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT, capture_output=True, text=True, env=env,
    )
    log = proc.stdout + proc.stderr
    if proc.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{log[-4000:]}")
    return site, log


@pytest.fixture(scope="session")
def site(build) -> Path:
    return build[0]


@pytest.fixture(scope="session")
def html_pages(site) -> dict[str, str]:
    return {str(p.relative_to(site)): p.read_text(encoding="utf-8")
            for p in sorted(site.rglob("*.html"))}
