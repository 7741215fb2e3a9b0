"""Cases for the calculator parity tests: the book's worked cases and generated cases on the cut-offs.

``generated_cases(n, seed)`` draws case dicts that put values *exactly* on the exported thresholds
(in the field's own unit, so both unit systems are hit), one step beside them, and at random; it
also builds the paired cut-offs (κ/λ ratios, calcium above the ULN, haemoglobin below the LLN,
LDH at its ULN) from typed decimals, leaves fields out at random, and adds a few malformed values
so that the input errors are compared too.  ``book_cases()`` is every case dict the book's notebooks
build (``tests/fixtures/book_cases.json``, collected by ``tools/collect_book_cases.py``) plus the
inputs of the practice problems.
"""

from __future__ import annotations

import json
import random
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from mmlib.calculator import calculator_data
from mmlib.case import FIELD_NAMES

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "book_cases.json"


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    return calculator_data()


def _decimals(x: float) -> int:
    text = repr(float(x))
    return 0 if "e" in text or text.endswith(".0") else len(text.split(".")[1])


@lru_cache(maxsize=1)
def cut_offs() -> dict[str, list[float]]:
    """Field name → every exported threshold value published in that field's unit, inside its plausible range."""
    d = _data()
    by_unit: dict[str, set[float]] = {}
    for t in d["thresholds"].values():
        by_unit.setdefault(t["unit"], set()).add(t["value"])
        if t["si_unit"]:
            by_unit.setdefault(t["si_unit"], set()).add(t["si"])
    out: dict[str, list[float]] = {}
    for name, f in d["fields"].items():
        if f["kind"] not in ("number", "int", "list"):
            continue
        lo, hi = f["plausible"]
        values = by_unit.get(f["unit"], set()) | by_unit.get("", set())
        out[name] = sorted(v for v in values if lo <= v <= hi and (f["kind"] != "int" or float(v).is_integer()))
    return out


def _beside(v: float, rng: random.Random) -> float:
    step = 10.0 ** -max(_decimals(v), 1)
    return float(Decimal(repr(v)) + Decimal(repr(step)) * rng.choice((-1, 1)))


def _number(name: str, rng: random.Random) -> float | int:
    f = _data()["fields"][name]
    lo, hi = f["plausible"]
    cuts = cut_offs().get(name, [])
    roll = rng.random()
    if cuts and roll < 0.45:
        v: float = rng.choice(cuts)
    elif cuts and roll < 0.6:
        v = _beside(rng.choice(cuts), rng)
    else:
        top = min(hi, lo + (hi - lo) * rng.choice((0.02, 0.1, 1.0)))
        v = round(rng.uniform(lo, top), rng.choice((0, 1, 2)))
    v = min(max(v, lo), hi)
    if f["kind"] == "int" or float(v).is_integer():
        return int(round(v))
    return v


def _pairs(case: dict[str, Any], rng: random.Random) -> None:
    """Put paired quantities on their cut-offs, computed from typed decimals as a reader would enter them."""
    d = _data()["thresholds"]
    if "flc_kappa_mg_l" in case and "flc_lambda_mg_l" in case and rng.random() < 0.6:
        ratios = [d[k]["value"] for k in d if "ratio" in k and d[k]["unit"] == ""]
        r = Decimal(repr(rng.choice(ratios)))
        small = Decimal(rng.choice(("4.4", "3.3", "10", "12.5", "7.2", "1.1", "0.3")))
        big, other = ("flc_kappa_mg_l", "flc_lambda_mg_l") if rng.random() < 0.5 else ("flc_lambda_mg_l", "flc_kappa_mg_l")
        if rng.random() < 0.5 or r < 1:
            case[big], case[other] = float(r * small), float(small)
        else:
            case[other], case[big] = float(r * small), float(small)
        for k in (big, other):
            case[k] = min(max(case[k], 0.01), 100_000)
    for value, limit, key in (("calcium_mg_dl", "calcium_uln_mg_dl", "imwg2014.crab.calcium_above_uln"),
                              ("calcium_mmol_l", "calcium_uln_mmol_l", "imwg2014.crab.calcium_above_uln"),
                              ("hemoglobin_g_dl", "hemoglobin_lln_g_dl", "imwg2014.crab.hemoglobin_below_lln"),
                              ("hemoglobin_g_l", "hemoglobin_lln_g_l", "imwg2014.crab.hemoglobin_below_lln")):
        if limit in case and value in case and rng.random() < 0.5:
            t = d[key]
            gap = Decimal(repr(t["value"] if value.endswith("_dl") else t["si"]))
            sign = 1 if "calcium" in value else -1
            case[value] = float(Decimal(repr(case[limit])) + sign * gap)
    if "ldh_u_l" in case and "ldh_uln_u_l" in case and rng.random() < 0.5:
        case["ldh_u_l"] = case["ldh_uln_u_l"]


_MALFORMED: tuple[Any, ...] = ("12", -1, True, None, [], {}, "kappa", 10 ** 9, 2.6, 0.5, "", [1, "a"])


def _draw(rng: random.Random) -> dict[str, Any]:
    fields = _data()["fields"]
    p = rng.choice((0.15, 0.35, 0.6, 0.85))
    case: dict[str, Any] = {}
    done: set[str] = set()
    for name in FIELD_NAMES:
        f = fields[name]
        if name in done or rng.random() > p:
            continue
        if name in ("hypercalcemia", "renal_insufficiency", "anemia", "bone_lesions", "crab_absent"):
            if rng.random() < 0.25:
                case[name] = True if name == "crab_absent" else rng.random() < 0.6
            continue
        if f.get("sibling"):
            done.add(f["sibling"])
            if rng.random() < 0.5:
                name = f["sibling"]
        if name == "mri_lesion_sizes_mm":
            done.add("mri_focal_lesions")
            if rng.random() < 0.5:
                sizes = [rng.choice(cut_offs()["mri_lesion_sizes_mm"] + [4.9, 5.1, 3, 12.5])
                         for _ in range(rng.randint(0, 4))]
                case[name] = sizes
            else:
                case["mri_focal_lesions"] = rng.choice((0, 1, 2, 3))
            continue
        kind = fields[name]["kind"]
        if kind == "choice":
            case[name] = rng.choice(fields[name]["choices"])
        elif kind == "bool":
            case[name] = rng.random() < 0.5
        else:
            case[name] = _number(name, rng)
    _pairs(case, rng)
    if case and rng.random() < 0.03:
        case[rng.choice(sorted(case))] = rng.choice(_MALFORMED)
    return case


def generated_cases(n: int = 10_000, seed: int = 20261201) -> list[dict[str, Any]]:
    """``n`` reproducible case dicts (see the module docstring).

    >>> cs = generated_cases(200, seed=1)
    >>> len(cs), any("calcium_mmol_l" in c for c in cs), any("calcium_mg_dl" in c for c in cs)
    (200, True, True)
    """
    rng = random.Random(seed)
    return [_draw(rng) for _ in range(n)]


def book_cases() -> list[dict[str, Any]]:
    """Every case dict built by the book's notebooks, and the case inputs of the practice problems."""
    from mmlib.practice.problems import PROBLEMS

    cases = json.loads(FIXTURE.read_text(encoding="utf-8")) if FIXTURE.exists() else []
    for p in PROBLEMS:
        inputs = p.get("inputs") if isinstance(p, dict) else getattr(p, "inputs", None)
        if isinstance(inputs, dict) and inputs and set(inputs) <= set(FIELD_NAMES):
            cases.append(dict(inputs))
    return cases
