"""PDF edition: time beyond the site build, and file size (prints figures; not a timed test).

    .venv/bin/python benchmarks/pdf_build.py [SITE_DIR] [--repeat N]   # default: site/ (build it first), N = 1

Goal on the 2-core build machine: ≤ 60 s beyond the site build, ≤ 25 MB.  The machine is shared, so the
load average is printed with every run and, with ``--repeat``, the best and the median of the runs.
"""

from __future__ import annotations

import importlib.util
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _tool():
    spec = importlib.util.spec_from_file_location("book_pdf", ROOT / "tools" / "pdf.py")
    tool = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = tool  # dataclasses look their module up while the class is made
    spec.loader.exec_module(tool)
    return tool


def run_once(tool, site: Path) -> tuple[float, float, dict]:
    """One PDF build from ``site`` into a temporary file.

    Returns the wall-clock seconds, the CPU seconds of this process (print document and typesetting; less
    sensitive to other users of the machine than the wall clock) and the measurements of tools/pdf.py.
    """
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "mm-book.pdf"
        t0, c0 = time.perf_counter(), time.process_time()
        m = tool.write_pdf(site.resolve(), out)
        return time.perf_counter() - t0, time.process_time() - c0, m


def main(argv: list[str]) -> None:
    repeat = 1
    if "--repeat" in argv:
        i = argv.index("--repeat")
        repeat = int(argv[i + 1])
        argv = argv[:i] + argv[i + 2:]
    site = Path(argv[1]) if len(argv) > 1 else ROOT / "site"
    tool = _tool()
    totals = []
    for k in range(repeat):
        load = os.getloadavg()[0]
        total, cpu, m = run_once(tool, site)
        totals.append(total)
        print(f"run {k + 1}/{repeat} (load average {load:.1f} on {os.cpu_count()} cores)")
        print(f"  PDF pages:            {m['pages']} (from {m['site_pages']} site pages)")
        print(f"  render (Chromium):    {m['render_s']:.1f} s   (print document, formulas, diagrams, sizes)")
        print(f"  typeset (WeasyPrint): {m['typeset_s']:.1f} s")
        print(f"  total beyond build:   {total:.1f} s   (goal ≤ 60 s; CPU time of this process {cpu:.1f} s)")
        print(f"  file size:            {m['bytes'] / 1e6:.1f} MB   (goal ≤ 25 MB)")
        print(f"  warnings:             {len(m['warnings'])}")
    if repeat > 1:
        print(f"total beyond build: best {min(totals):.1f} s, median {statistics.median(totals):.1f} s "
              f"of {repeat} runs   (goal ≤ 60 s)")


if __name__ == "__main__":
    main(sys.argv)
