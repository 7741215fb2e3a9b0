"""PDF edition: time beyond the site build, and file size (prints figures; not a timed test).

    .venv/bin/python benchmarks/pdf_build.py [SITE_DIR]     # default: site/ (build it first)

Goal on the 2-core build machine: ≤ 60 s beyond the site build, ≤ 25 MB.
"""

from __future__ import annotations

import importlib.util
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site"
    spec = importlib.util.spec_from_file_location("book_pdf", ROOT / "tools" / "pdf.py")
    tool = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = tool  # dataclasses look their module up while the class is made
    spec.loader.exec_module(tool)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "mm-book.pdf"
        t0 = time.perf_counter()
        m = tool.write_pdf(site.resolve(), out)
        total = time.perf_counter() - t0
    print(f"PDF pages:            {m['pages']} (from {m['site_pages']} site pages)")
    print(f"render (Chromium):    {m['render_s']:.1f} s")
    print(f"typeset (WeasyPrint): {m['typeset_s']:.1f} s")
    print(f"total beyond build:   {total:.1f} s   (goal ≤ 60 s)")
    print(f"file size:            {m['bytes'] / 1e6:.1f} MB   (goal ≤ 25 MB)")
    print(f"warnings:             {len(m['warnings'])}")


if __name__ == "__main__":
    main()
