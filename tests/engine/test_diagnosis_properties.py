"""Property tests: monotonicity of the diagnosis, unit-system invariance, Kleene consistency."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from mm_cases import case_dicts, to_si, with_

from mmlib.case import Case
from mmlib.diagnosis import SEVERITY, classify, crab, slim
from mmlib.labs import cockcroft_gault_formula
from mmlib.staging import iss, r2iss, riss

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _add_finding(d: dict, finding: str) -> dict:
    """The same case with one CRAB or SLiM finding added (or made more marked)."""
    if finding == "C":
        return with_(d, calcium_mg_dl=12.5)
    if finding == "R":
        return with_(d, creatinine_mg_dl=3.0)
    if finding == "A":
        return with_(d, hemoglobin_g_dl=8.0)
    if finding == "B":
        return with_(d, lytic_lesions=d.get("lytic_lesions", 0) + 2)
    if finding == "S":
        return with_(d, bmpc_percent=max(70.0, d.get("bmpc_percent", 0.0)))
    if finding == "Li":
        if d.get("light_chain") == "lambda":
            return with_(d, flc_kappa_mg_l=2.0, flc_lambda_mg_l=2000.0)
        return with_(d, flc_kappa_mg_l=2000.0, flc_lambda_mg_l=2.0)
    assert finding == "M"
    return with_(d, mri_focal_lesions=3)


@SETTINGS
@given(case_dicts(), st.sampled_from(["C", "R", "A", "B", "S", "Li", "M"]))
def test_adding_a_finding_never_lowers_severity(d, finding):
    before = classify(Case.from_dict(d))
    after = classify(Case.from_dict(_add_finding(d, finding)))
    key = {"S": "slim", "Li": "slim", "M": "slim"}.get(finding, "crab")
    assert after.details[key][finding] is True
    if before.value in SEVERITY and after.value in SEVERITY:
        assert SEVERITY[after.value] >= SEVERITY[before.value]
    if before.value == "multiple_myeloma":
        assert after.value == "multiple_myeloma"
    assert after.details["mde"] is True


@SETTINGS
@given(case_dicts())
def test_same_values_in_either_unit_system_give_the_same_results(d):
    """Values are laboratory-precision numbers, so none falls in the parallel-threshold gaps
    (11 mg/dL vs 2.75 mmol/L, 2 mg/dL vs 177 µmol/L; those are unit-tested separately)."""
    if {"age_years", "sex", "weight_kg", "creatinine_mg_dl"} <= d.keys():
        crcl = float(cockcroft_gault_formula(d["age_years"], d["weight_kg"], d["sex"] == "female",
                                             d["creatinine_mg_dl"]))
        assume(abs(crcl - 40) > 1e-6)
    conv, si = Case.from_dict(d), Case.from_dict(to_si(d))
    for rule in (crab, slim):
        assert rule(conv).details == rule(si).details
    a, b = classify(conv), classify(si)
    assert (a.value, a.details["reason"], a.details["provisional"]) == (b.value, b.details["reason"],
                                                                          b.details["provisional"])
    for rule in (iss, riss, r2iss):
        assert rule(conv).value == rule(si).value


@SETTINGS
@given(case_dicts())
def test_verdicts_agree_with_the_trace(d):
    """Each CRAB/SLiM item is the Kleene "or"/"and" of the verdicts printed in its trace."""
    r = crab(Case.from_dict(d))
    if r.value is True:
        assert any(c.verdict is True for c in r.checks)
    if r.value is False:
        assert not any(c.verdict is True for c in r.checks if c.comparison is not None)
    explained = r.explain()
    for c in r.checks:
        assert c.explain() in explained


@SETTINGS
@given(case_dicts(complete=True))
def test_complete_cases_are_never_indeterminate_for_missing_data(d):
    """With every field of the model present, every item is evaluable and no case lacks data."""
    r = classify(Case.from_dict(d))
    assert None not in r.details["crab"].values() and None not in r.details["slim"].values()
    assert r.details["reason"] != "missing_data"
    for rule in (iss, riss, r2iss):
        assert rule(Case.from_dict(d)).value is not None


@pytest.mark.parametrize("d", [
    {"bmpc_percent": 12, "mri_focal_lesions": 2},
    {"bmpc_percent": 12, "mri_focal_lesions": 2, "calcium_mg_dl": 9.0},
])
def test_more_data_never_changes_an_mm_conclusion(d):
    assert classify(Case.from_dict(d)).value == "multiple_myeloma"
