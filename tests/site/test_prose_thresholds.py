"""Every threshold written in the prose is one that mmlib defines.

A criterion typed by hand in a page (``≥ 10%``, ``> 2 mg/dL``, ``< 100 g/L``)
must equal a :class:`mmlib.trace.Threshold` of the library, in the same unit,
either as written or as its complement (the MGUS ``< 10%`` is the negation of
the SMM/MM ``≥ 10%``).  Changing a threshold in mmlib therefore fails this test
until the prose agrees, and a typo in the prose fails it at once.  A wording
quoted in order to be refuted (inside “…”) is not a criterion and is skipped.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import mmlib
from mmlib.trace import Threshold

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
CRITERION = re.compile(r"(<|>|≥|≤)\s*(\d+(?:\.\d+)?)\s*(g/dL|g/L|mg/dL|mmol/L|µmol/L|mL/min|mg/L|%|mg/24 ?h)")
COMPLEMENT = {"<": "≥", "≥": "<", ">": "≤", "≤": ">"}


def _thresholds_in(value, depth: int = 3):
    """The Thresholds in a module-level value: itself, or inside tuples/lists/dicts (the score bands
    of mmlib.risk are tuples of (Threshold, points) pairs; CRITERIA_TABLES is a dict of tuples)."""
    if isinstance(value, Threshold):
        yield value
    elif depth and isinstance(value, (tuple, list)):
        for v in value:
            yield from _thresholds_in(v, depth - 1)
    elif depth and isinstance(value, dict):
        for v in value.values():
            yield from _thresholds_in(v, depth - 1)


def library_thresholds() -> set[tuple[str, float, str]]:
    found: set[tuple[str, float, str]] = set()
    for info in pkgutil.walk_packages(mmlib.__path__, "mmlib."):
        if info.name in ("mmlib.__main__",):
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            for t in _thresholds_in(value):
                found.add((t.op, float(t.value), t.unit.replace(" ", "")))
                if t.si is not None:
                    found.add((t.op, float(t.si), t.si_unit.replace(" ", "")))
    return found


def prose_criteria(text: str) -> list[tuple[int, str, str, float, str]]:
    """(line, matched text, op, value, unit) for each criterion outside code blocks and quotes."""
    text = re.sub(r"```.*?```", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    text = text.replace("\\%", "%").replace("\\,", " ").replace("\\ge", "≥").replace("\\le", "≤")
    text = re.sub(r"\\mathrm\{([^}]*)\}", r"\1", text)
    text = re.sub(r"“[^”]*”", lambda m: " " * len(m.group(0)), text)
    out = []
    for m in CRITERION.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        out.append((line, m.group(0), m.group(1), float(m.group(2)), m.group(3).replace(" ", "")))
    return out


def test_checker_finds_a_wrong_threshold():
    known = library_thresholds()
    assert ("≥", 60.0, "%") in known
    found = prose_criteria("骨髓浆细胞 ≥ 55%，肌酐 $> 2 \\, \\mathrm{mg/dL}$，以及“> 5 mm”这种错误写法")
    assert [(op, v, u) for _, _, op, v, u in found] == [("≥", 55.0, "%"), (">", 2.0, "mg/dL")]
    assert ("≥", 55.0, "%") not in known and ("<", 55.0, "%") not in known
    assert (">", 2.0, "mg/dL") in known
    assert (">", 1.5, "g/dL") in known   # an IMWG 2020 score band, inside mmlib.risk.IMWG2020_M_PROTEIN_BANDS


def test_every_threshold_in_the_prose_is_defined_in_mmlib():
    known = library_thresholds()
    unknown = []
    for path in sorted(DOCS.rglob("*.md")):
        for line, shown, op, value, unit in prose_criteria(path.read_text(encoding="utf-8")):
            if (op, value, unit) not in known and (COMPLEMENT[op], value, unit) not in known:
                unknown.append(f"{path.relative_to(ROOT)}:{line}: {shown}")
    assert unknown == []
