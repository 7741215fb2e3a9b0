"""Collect every input the book and its tests give to the IMWG response rule, for the calculator parity tests.

Runs the response notebook, the response page's doctests, the response and CLI tests and the practice
problems in a fresh interpreter in which :func:`mmlib.response.assess_response` and
:func:`~mmlib.response.assess_visits` record each JSON-representable argument, and writes the
distinct inputs to ``tests/fixtures/response_cases.json``.  Run it again when those cases change:

    .venv/bin/python tools/collect_response_cases.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "fixtures" / "response_cases.json"

_RECORDER = r'''
import atexit, json, os, mmlib.response as _r
MAX_CHARS = 4000
from collections.abc import Mapping
_seen = []
def _wrap(fn):
    def recorded(data, *a, **k):
        try:
            text = json.dumps(data, allow_nan=False, ensure_ascii=False,
                              default=lambda o: dict(o) if isinstance(o, Mapping) else None)
            text.encode("utf-8")  # lone surrogates (tests of byte handling) are not JSON text
            if len(text) > MAX_CHARS:  # the size limits of the JSON reader: not the rule's business
                raise ValueError
            _seen.append(json.loads(text))
        except (TypeError, ValueError):
            pass
        return fn(data, *a, **k)
    return recorded
_r.assess_response, _r.assess_visits = _wrap(_r.assess_response), _wrap(_r.assess_visits)
atexit.register(lambda: open(os.environ["MM_CASES_OUT"], "w").write(json.dumps(_seen, ensure_ascii=False)))
'''
_PRACTICE = ("from mmlib.practice.problems import PROBLEMS\n"
             "from mmlib.practice.compute import COMPUTE\n"
             "for p in PROBLEMS:\n"
             "    if getattr(p, 'compute', None) == 'response': COMPUTE['response'](p.inputs)\n")
#: What is run: (label, arguments after the interpreter).
RUNS: tuple[tuple[str, list[str]], ...] = (
    ("notebook", ["examples/chapter_applications/cases_response.py"]),
    ("practice", ["-c", _PRACTICE]),
    ("tests", ["-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", "tests/engine/test_response.py",
               "tests/engine/test_response_series.py", "tests/practice/test_practice.py",
               "tests/engine/test_cli.py", "tests/engine/test_cli_input.py",
               "docs/chapter_applications/response-mrd.md", "mmlib/response.py"]),
)


def collect() -> list:
    """The distinct recorded inputs, in the order first seen."""
    cases: list = []
    seen: set[str] = set()
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "sitecustomize.py").write_text(_RECORDER, encoding="utf-8")
        for label, argv in RUNS:
            out = Path(tmp) / "cases.json"
            env = dict(os.environ, MPLBACKEND="Agg", MM_CASES_OUT=str(out),
                       PYTHONPATH=os.pathsep.join([tmp, str(ROOT)]))
            proc = subprocess.run([sys.executable, *argv], cwd=ROOT, env=env, capture_output=True, text=True,
                                  timeout=900, check=False)
            if proc.returncode != 0:
                raise SystemExit(f"{label} failed:\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
            found = json.loads(out.read_text(encoding="utf-8")) if out.exists() else []
            new = 0
            for case in found:
                key = json.dumps(case, sort_keys=True, ensure_ascii=False)
                if key not in seen:
                    seen.add(key)
                    cases.append(case)
                    new += 1
            print(f"{label}: {len(found)} calls, {new} new inputs")
    return cases


def main() -> None:
    cases = collect()
    lines = ",\n".join(json.dumps(c, ensure_ascii=False, sort_keys=True) for c in cases)
    OUT.write_text(f"[\n{lines}\n]\n", encoding="utf-8")
    print(f"{len(cases)} inputs → {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
