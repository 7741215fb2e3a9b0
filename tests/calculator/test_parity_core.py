"""The calculator's plumbing (mm-core.js) against mmlib: reading a case, numbers as read, formatting.

Expected values come from mmlib itself here on purpose: the claim under test is that the browser and
the library give the *same* answer for the same input (the library's own tests check the library
against the papers).
"""

from __future__ import annotations

import json
import random

import pytest

from mmlib.case import Case, field_zh
from mmlib.trace import Threshold, as_read, fmt_number, fmt_quantity, zh_join
from mmlib.calculator import calculator_data

from .cases import book_cases, cut_offs, generated_cases
from .jsrun import differences, python_side, run_js


def _case_dict(a):
    return Case.from_dict(a).to_dict()


def _js_case(results):
    """MM.readCase returns every field (null when absent); keep the given ones, as Case.to_dict does."""
    return [{"ok": {k: v for k, v in r["ok"].items() if v is not None}} if "ok" in r else r for r in results]


def test_reading_generated_cases_matches_mmlib():
    cases = generated_cases(10_000)
    py = python_side(_case_dict, cases)
    js = _js_case(run_js("readCase", cases))
    assert not differences(cases, py, js), "\n".join(differences(cases, py, js))
    errors = sum("error" in r for r in py)
    assert 100 < errors < 1000, errors          # malformed values are in the sample, and errors are compared too


def test_reading_the_books_cases_matches_mmlib():
    cases = book_cases()
    assert len(cases) >= 100
    py = python_side(_case_dict, cases)
    js = _js_case(run_js("readCase", cases))
    assert not differences(cases, py, js), "\n".join(differences(cases, py, js))


@pytest.mark.parametrize("bad", [
    {"calcium_mg_dl": 2.6}, {"hemoglobin_g_dl": 95}, {"creatinine_mg_dl": 180}, {"height_cm": 1.7},
    {"calcium_mg_dl": 10.2, "calcium_mmol_l": 2.55}, {"mri_lesion_sizes_mm": [6], "mri_focal_lesions": 1},
    {"calcium": 2.6}, {"del17p": 1}, {"sex": "m"}, {"crab_absent": False}, {"crab_absent": True, "anemia": True},
    {"lytic_lesions": 2.5}, {"mri_lesion_sizes_mm": "6, 7"}, {"mri_lesion_sizes_mm": [0.6]}, {"ldh_u_l": 5},
    {"flc_kappa_mg_l": 0}, {"bmpc_percent": -3}, {"sex": "x" * 80}, {"isotype": "it's"},
])
def test_input_errors_name_the_field_in_both_languages_as_mmlib_does(bad):
    py = python_side(_case_dict, [bad])
    js = run_js("readCase", [bad])
    assert "error" in py[0] and js[0].get("error") == py[0]["error"], (py, js)


def test_numbers_are_read_as_mmlib_reads_them():
    rng = random.Random(11)
    xs = [rng.uniform(-1, 1) * 10 ** rng.randint(-25, 25) for _ in range(20_000)]
    xs += [440 / 4.4, 0.1 + 0.2, 3.29 - 2.99, 2.5, 0.125, 1e22, 123456789012.5, 99.99999999999999, -0.0]
    xs += [v * k / k for vs in cut_offs().values() for v in vs for k in (3, 7, 4.4, 1.1, 4.008, 88.4)]
    js = run_js("asRead", xs)
    bad = [(x, as_read(x), j) for x, j in zip(xs, js) if j["ok"] != as_read(x)]
    assert not bad, bad[:5]
    assert run_js("asRead", [440 / 4.4])[0]["ok"] == 100


def test_formatting_matches_mmlib():
    rng = random.Random(12)
    xs = [round(rng.uniform(0, 500), rng.randint(0, 7)) for _ in range(5000)] + [0.03125, 0.125, 2.5, 0.00005, 1e21, 12.0]
    assert [r["ok"] for r in run_js("fmtNumber", xs)] == [fmt_number(x) for x in xs]
    jobs = [[x, "mL/min", d] for x in xs[:2000] for d in (1, 2)] + [[0.125, "", 2], [2.675, "g/L", 2], [19.25, "%", 1]]
    assert [r["ok"] for r in run_js("fmtQuantity", jobs, spread=True)] == [fmt_quantity(*j) for j in jobs]
    parts = [["推断", "t(4;14)"], ["推断", "超二倍体"], ["dFLC", "较最低值升高"], ["del(17p)", "计分"], ["1q+（获得或扩增）", "计分"]]
    assert [r["ok"] for r in run_js("zhJoin", parts, spread=True)] == [zh_join(*p) for p in parts]
    names = list(calculator_data()["fields"]) + ["calcium_mg_dl/calcium_mmol_l", "mri_lesion_sizes_mm/mri_focal_lesions", "nope"]
    assert [r["ok"] for r in run_js("fieldZh", names)] == [field_zh(n) for n in names]


def test_thresholds_compare_and_describe_as_in_mmlib():
    data = calculator_data()["thresholds"]
    jobs, expected, described = [], [], []
    for key, t in data.items():
        mm = Threshold(key, t["zh"], t["op"], t["value"], t["unit"], si=t["si"], si_unit=t["si_unit"], source=t["source"])
        for unit in [t["unit"]] + ([t["si_unit"]] if t["si_unit"] else []):
            cut = mm.value_in(unit)
            for v in (cut, cut * 3 / 3, cut + 1e-9, cut - 1e-9, None):
                jobs.append([key, v, unit])
                c = mm.check(v, unit)
                expected.append({k: getattr(c, k) for k in ("criterion", "label", "value", "unit", "threshold",
                                                            "comparison", "verdict", "source", "note")})
            described.append(([key, unit], mm.describe(unit)))
    got = [r["ok"] for r in run_js("check", jobs, spread=True)]
    assert got == json.loads(json.dumps(expected))
    assert [r["ok"] for r in run_js("describe", [a for a, _ in described], spread=True)] == [d for _, d in described]


def test_quantities_in_the_other_unit_match_mmlib():
    from mmlib.case import Measured

    rng = random.Random(13)
    jobs, expected = [], []
    specs = list(calculator_data()["measured"].values())
    for _ in range(3000):
        spec = rng.choice(specs)
        field, unit, other = rng.choice(((spec["conventional_field"], spec["conventional_unit"], spec["si_unit"]),
                                         (spec["si_field"], spec["si_unit"], spec["conventional_unit"])))
        value = round(rng.uniform(0.1, 300), rng.randint(0, 3))
        jobs.append([{"value": value, "unit": unit, "field": field}, other])
        expected.append(Measured(value, unit, field).to(other))
    assert [r["ok"] for r in run_js("toUnit", jobs, spread=True)] == expected
