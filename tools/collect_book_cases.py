"""Collect every case the book's notebooks build, for the calculator parity tests.

Runs each notebook source in ``examples/`` (jupytext ``py:percent`` files are plain Python) in a
fresh interpreter in which every validated :class:`mmlib.case.Case` records its fields, and writes
the distinct case dicts to ``tests/fixtures/book_cases.json``.  Run it again when a notebook's cases
change:

    .venv/bin/python tools/collect_book_cases.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "fixtures" / "book_cases.json"
#: At most this many cases per notebook: a plotted grid builds thousands; evenly spaced ones are kept.
PER_NOTEBOOK = 150

_RECORDER = r'''
import atexit, json, os, mmlib.case as _c
_seen = []
_orig = _c.Case.__post_init__
def _record(self):
    _orig(self)
    _seen.append(self.to_dict())
_c.Case.__post_init__ = _record
atexit.register(lambda: open(os.environ["MM_CASES_OUT"], "w").write(json.dumps(_seen, ensure_ascii=False)))
'''


def collect() -> list[dict]:
    """The distinct case dicts of all notebooks, in notebook order."""
    cases: list[dict] = []
    seen: set[str] = set()
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "sitecustomize.py").write_text(_RECORDER, encoding="utf-8")
        for source in sorted((ROOT / "examples").glob("*/*.py")):
            out = Path(tmp) / "cases.json"
            env = dict(os.environ, MPLBACKEND="Agg", MM_CASES_OUT=str(out),
                       PYTHONPATH=os.pathsep.join([tmp, str(ROOT)]))
            proc = subprocess.run([sys.executable, str(source)], cwd=source.parent, env=env,
                                  capture_output=True, text=True, timeout=600, check=False)
            if proc.returncode != 0:
                raise SystemExit(f"{source.name} failed:\n{proc.stderr[-2000:]}")
            found = json.loads(out.read_text(encoding="utf-8")) if out.exists() else []
            distinct = list({json.dumps(c, sort_keys=True, ensure_ascii=False): c for c in found}.values())
            step = max(1, -(-len(distinct) // PER_NOTEBOOK))
            for case in distinct[::step]:
                key = json.dumps(case, sort_keys=True, ensure_ascii=False)
                if key not in seen:
                    seen.add(key)
                    cases.append(case)
            print(f"{source.relative_to(ROOT)}: {len(distinct)} distinct cases, {len(distinct[::step])} kept")
    return cases


def main() -> None:
    cases = collect()
    OUT.write_text(json.dumps(cases, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{len(cases)} distinct cases -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
