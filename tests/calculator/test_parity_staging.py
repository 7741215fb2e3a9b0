"""Parity of the JavaScript staging, risk, cytogenetics and anaemia-mechanism rules with mmlib.

Each rule of ``mm-staging.js``, ``mm-risk.js``, ``mm-cytogenetics.js`` and ``mm-mechanisms.js`` runs in
Node on the book's worked cases, the shared generated cases (``cases.generated_cases``) and cases aimed
at this part's own cut-offs (β2M, albumin in g/dL and g/L, LDH/ULN, the IMWG 2020 band edges, the
Mayo 20/2/20 edges, del(17p) CCF, creatinine for the 2025 β2M criterion, ferritin/TSAT/EPO), with
fields left out at random.  The JS answer must equal ``RuleResult.to_dict()`` (plus ``label`` and
``summary``) after a JSON round trip; a failure prints each differing JSON path.  A few results are
also pinned to the published values directly.
"""

from __future__ import annotations

import json
from typing import Any, Callable

import pytest

from mmlib import cytogenetics, mechanisms, risk, staging
from mmlib.case import Case
from mmlib.errors import MMLibError
from mmlib.trace import RuleResult

from .cases import book_cases, generated_cases
from .jsrun import differences, run_js
from .stage_cases import NEEDS_DIAGNOSIS, start_node, targeted_cases

RULES: dict[str, Callable[[Case], RuleResult]] = {
    "staging.iss": staging.iss,
    "staging.riss": staging.riss,
    "staging.r2iss": staging.r2iss,
    "risk.smmMayo2018": risk.smm_mayo2018,
    "risk.smmImwg2020": risk.smm_imwg2020,
    "risk.mgusMayo": risk.mgus_mayo,
    "cytogenetics.cytogeneticRisk": cytogenetics.cytogenetic_risk,
    "mechanisms.anemiaMechanisms": mechanisms.anemia_mechanisms,
}


@pytest.fixture(scope="module")
def parity() -> dict[str, tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]]:
    """Per rule: the valid cases, mmlib's answers and the JavaScript answers.

    Reading a case (and its errors) is tested with mm-core; here only cases that mmlib accepts run."""
    dicts, records, generated = [], [], 0
    book, gen, aimed = book_cases(), generated_cases(11_500), targeted_cases(1_500)
    for i, d in enumerate(book + gen + aimed):
        try:
            records.append(Case.from_dict(d))
        except MMLibError:
            continue
        dicts.append(d)
        generated += len(book) <= i < len(book) + len(gen)
    assert generated >= 10_000
    fns = sorted(RULES)
    wait = start_node([{"fn": fn, "arg": d, "case": True} for d in dicts for fn in fns])
    py = {fn: json.loads(json.dumps([_python(RULES[fn], c) for c in records])) for fn in fns}  # one round trip
    js = wait()
    return {fn: (dicts, py[fn], js[i::len(fns)]) for i, fn in enumerate(fns)}


def _python(rule: Callable[[Case], RuleResult], case: Case) -> dict[str, Any]:
    r = rule(case)
    return {"ok": {**r.to_dict(), "label": r.label, "summary": r.summary}}


@pytest.mark.parametrize("fn", [pytest.param(fn, marks=NEEDS_DIAGNOSIS) if fn.startswith("risk.") else fn
                                for fn in sorted(RULES)])
def test_rule_parity(fn: str, parity: dict[str, Any]) -> None:
    dicts, py, js = parity[fn]
    crashes = [j["crash"] for j in js if "crash" in j]
    assert not crashes, crashes[0]
    bad = [i for i, (p, j) in enumerate(zip(py, js)) if p != j]
    diffs = differences([dicts[i] for i in bad], [py[i] for i in bad], [js[i] for i in bad])
    assert not bad, f"{fn}: JS differs from mmlib in {len(bad)} cases\n" + "\n".join(diffs)
    evaluated = sum(1 for p in py if p["ok"]["value"] is not None)
    assert evaluated > 500, f"{fn}: only {evaluated} cases reach a value"


# ---- published values, checked on the JavaScript side directly --------------------------------------------------

def _js(fn: str, case: dict[str, Any]) -> dict[str, Any]:
    out = run_js(fn, [case], case=True)[0]
    assert "ok" in out, out
    return out["ok"]


def test_published_staging_values() -> None:
    # ISS (Greipp 2005): β2M ≥ 5.5 mg/L is stage III whatever the albumin; median OS 29 months
    r = _js("staging.iss", {"beta2m_mg_l": 5.5})
    assert (r["value"], r["details"]["median_os_months"]) == ("III", 29)
    assert run_js("staging.iss", [{"beta2m_mg_l": 5.5}])[0]["ok"] == r  # a plain object of fields works too
    # ISS I needs β2M < 3.5 and albumin ≥ 3.5 g/dL (35 g/L): 3.5 mg/L is already stage II
    assert _js("staging.iss", {"beta2m_mg_l": 3.5, "albumin_g_l": 40})["value"] == "II"
    assert _js("staging.iss", {"beta2m_mg_l": 3.4, "albumin_g_l": 35})["value"] == "I"
    # R2-ISS (D'Agostino 2022): ISS II 1 + t(4;14) 1 + 1q+ 0.5 = 2.5 → group III
    r = _js("staging.r2iss", {"beta2m_mg_l": 4.0, "albumin_g_dl": 4.0, "del17p": False, "t4_14": True,
                              "gain_1q": True, "amp_1q": False, "ldh_u_l": 100, "ldh_uln_u_l": 250})
    assert (r["value"], r["details"]["points"]) == ("III", 2.5)
    # R-ISS (Palumbo 2015): LDH equal to the ULN is not high
    r = _js("staging.riss", {"beta2m_mg_l": 6.0, "albumin_g_dl": 3.0, "ldh_u_l": 200, "ldh_uln_u_l": 200,
                             "del17p": False, "t4_14": False, "t14_16": False})
    assert (r["value"], r["details"]["ldh_high"]) == ("II", False)
    # IMS/IMWG 2025 (Avet-Loiseau 2025): del(17p) CCF > 20 % is high risk; = 20 % alone is not
    assert _js("cytogenetics.cytogeneticRisk", {"del17p": True, "del17p_ccf_percent": 20.1})["value"] == "high"
    r = _js("cytogenetics.cytogeneticRisk", {"del17p": True, "del17p_ccf_percent": 20, "tp53_mutation": False,
                                             "t4_14": False, "t14_16": False, "t14_20": False, "del1p32": False,
                                             "beta2m_mg_l": 3})
    assert r["details"]["criteria"][0] is False


@NEEDS_DIAGNOSIS
def test_published_risk_values() -> None:
    # Mayo 2018 20/2/20 (Lakshman 2018): strict inequalities; two factors → high, median TTP 29 months
    assert _js("risk.smmMayo2018", {"bmpc_percent": 20, "m_protein_g_l": 20, "flc_kappa_mg_l": 200,
                                    "flc_lambda_mg_l": 10})["value"] == "low"
    r = _js("risk.smmMayo2018", {"bmpc_percent": 25, "m_protein_g_dl": 2.5})
    assert (r["value"], r["details"]["median_ttp_months"]) == ("high", 29)
    # IMWG 2020 (Mateos 2020): FLC 30 → 3, M 2.0 g/dL → 3, BMPC 25 → 3, 1q+ → 2: 11, high-intermediate, 51 %
    r = _js("risk.smmImwg2020", {"flc_kappa_mg_l": 300, "flc_lambda_mg_l": 10, "m_protein_g_dl": 2.0,
                                 "bmpc_percent": 25, "t4_14": False, "t14_16": False, "gain_1q": True,
                                 "del13q": False})
    assert (r["details"]["score"], r["value"], r["details"]["progression_2y_percent"]) == (11, "high_intermediate", 51)
    # MGUS (Rajkumar 2005): abnormal ratio, M ≥ 15 g/L, IgA → 3 factors, 58 % at 20 years
    r = _js("risk.mgusMayo", {"isotype": "IgA", "m_protein_g_l": 15, "flc_kappa_mg_l": 16.6, "flc_lambda_mg_l": 10})
    assert (r["value"], r["details"]["progression_20y_percent"]) == ("high", 58)
