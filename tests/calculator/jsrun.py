"""Run the calculator's JavaScript in Node and compare it with mmlib (the parity tests' harness).

``run_js(fn, args)`` runs ``MM.<fn>(arg)`` for every argument in one Node process, on the same
bundle the build writes into the site (:func:`mmlib.calculator.bundle`).  ``python_side(call, args)``
gives mmlib's answers in the same shape, and ``differences`` lists the cases where the two disagree,
each with a minimal diff (the JSON paths whose values differ).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterable

from mmlib.calculator import bundle
from mmlib.errors import MMLibError

NODE = shutil.which("node")
RUNNER = Path(__file__).with_name("node_runner.js")
_BUNDLE: Path | None = None


def bundle_path() -> Path:
    """The calculator bundle written once per test session to a temporary file."""
    global _BUNDLE
    if _BUNDLE is None:
        folder = Path(tempfile.mkdtemp(prefix="mm-calc-"))
        _BUNDLE = folder / "mm-calculator.js"
        _BUNDLE.write_text(bundle(), encoding="utf-8")
    return _BUNDLE


def run_js(fn: str, args: Iterable[Any], *, case: bool = False, spread: bool = False) -> list[dict[str, Any]]:
    """``{"ok": result}`` / ``{"error": {...}}`` / ``{"crash": text}`` of ``MM.<fn>(arg)`` for each argument.

    ``case=True`` reads each argument with ``MM.readCase`` first (as mmlib's rules take a ``Case``);
    ``spread=True`` passes the items of each argument (a list) as the function's arguments.
    """
    if NODE is None:
        raise RuntimeError("node is required for the calculator parity tests (the build uses it too)")
    jobs = "\n".join(json.dumps({"fn": fn, "arg": a, "case": case, "spread": spread}, ensure_ascii=False) for a in args) + "\n"
    proc = subprocess.run([NODE, str(RUNNER), str(bundle_path())], input=jobs.encode(), capture_output=True,
                          timeout=600, check=False)
    if proc.returncode != 0:
        raise RuntimeError("node failed: " + proc.stderr.decode(errors="replace")[-3000:])
    return [json.loads(line, parse_int=_js_int) for line in proc.stdout.decode().splitlines() if line.strip()]


def _js_int(text: str) -> int | float:
    """A JSON integer written by JavaScript: beyond 2**53 it is a double printed without exponent."""
    value = int(text)
    return value if abs(value) <= 2 ** 53 else float(text)


def python_side(call: Callable[[Any], Any], args: Iterable[Any]) -> list[dict[str, Any]]:
    """mmlib's answers in :func:`run_js`'s shape: ``call(arg)`` JSON round-tripped, or the input error."""
    out: list[dict[str, Any]] = []
    for a in args:
        try:
            out.append({"ok": json.loads(json.dumps(call(a), ensure_ascii=False))})
        except MMLibError as e:
            out.append({"error": {"name": type(e).__name__, "field": e.field, "zh": e.zh, "en": e.en}})
    return out


def _diff(a: Any, b: Any, path: str = "$") -> list[str]:
    if isinstance(a, dict) and isinstance(b, dict):
        out: list[str] = []
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                out.append(f"{path}.{k}: python={a.get(k, '<absent>')!r} js={b.get(k, '<absent>')!r}")
            else:
                out += _diff(a[k], b[k], f"{path}.{k}")
        return out
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return [f"{path}: python has {len(a)} items, js {len(b)}: python={a!r} js={b!r}"[:2000]]
        return [d for i, (x, y) in enumerate(zip(a, b)) for d in _diff(x, y, f"{path}[{i}]")]
    if a != b or isinstance(a, bool) is not isinstance(b, bool) or (
            type(a) is not type(b) and not (isinstance(a, (int, float)) and isinstance(b, (int, float)))):
        return [f"{path}: python={a!r} js={b!r}"]
    return []


def differences(args: list[Any], python: list[dict[str, Any]], js: list[dict[str, Any]],
                limit: int = 5) -> list[str]:
    """Readable disagreements (at most ``limit``), each with its input and the differing JSON paths."""
    assert len(python) == len(js), f"{len(python)} python answers, {len(js)} js answers"
    out = []
    for arg, p, j in zip(args, python, js):
        d = _diff(p, j)
        if d:
            out.append(f"input {json.dumps(arg, ensure_ascii=False)}\n  " + "\n  ".join(d[:8]))
            if len(out) >= limit:
                break
    return out
