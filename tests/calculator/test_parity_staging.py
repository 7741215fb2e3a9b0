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
import random
import shutil
import subprocess
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable

import pytest
from cases import book_cases, generated_cases
from jsrun import NODE, RUNNER, bundle_path, differences, run_js

from mmlib import cytogenetics, mechanisms, risk, staging
from mmlib.case import Case
from mmlib.errors import MMLibError
from mmlib.trace import RuleResult

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

_BOOLS = ("del17p", "t4_14", "t14_16", "t14_20", "t11_14", "gain_1q", "amp_1q", "del1p32", "del1p32_biallelic",
          "tp53_mutation", "del13q", "hyperdiploid")
# values on, and one step beside, this part's cut-offs (as typed decimals)
_ON = {
    "beta2m_mg_l": ("3.5", "5.5", "3.49", "5.49", "5.51", "2.1", "8"),
    "albumin_g_dl": ("3.5", "3.49", "3.51", "2.8", "4.2"),
    "albumin_g_l": ("35", "34.9", "35.1", "28", "42"),
    "bmpc_percent": ("15", "20", "30", "40", "15.1", "20.1", "30.1", "40.1", "10", "60", "5"),
    "m_protein_g_dl": ("1.5", "2", "3", "1.49", "1.51", "2.01", "3.01", "0.5"),
    "m_protein_g_l": ("15", "20", "30", "14.9", "15.1", "20.1", "30.1", "5"),
    "del17p_ccf_percent": ("20", "20.1", "19.9", "60"),
    "creatinine_mg_dl": ("1.2", "1.19", "1.21", "2.5"),
    "creatinine_umol_l": ("106.08", "106.07", "106.09", "80", "200"),
    "ferritin_ng_ml": ("100", "99.9", "400"),
    "ferritin_ug_l": ("100", "100.1", "40"),
    "transferrin_saturation_percent": ("20", "19.9", "35"),
    "epo_miu_ml": ("30", "29.9", "250"),
    "hemoglobin_g_dl": ("10", "9.9", "12"),
    "hemoglobin_g_l": ("100", "99", "125"),
}
_RATIOS = ("10", "25", "40", "20", "1.65", "0.26", "10.1", "24.9", "40.1", "20.1", "3")
_EXCLUSIVE = (("albumin_g_dl", "albumin_g_l"), ("m_protein_g_dl", "m_protein_g_l"),
              ("creatinine_mg_dl", "creatinine_umol_l"), ("ferritin_ng_ml", "ferritin_ug_l"),
              ("hemoglobin_g_dl", "hemoglobin_g_l"))


def targeted_cases(n: int, seed: int = 13) -> list[dict[str, Any]]:
    """Cases on this part's cut-offs, with fields missing at random and both unit systems."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        p = rng.choice((0.3, 0.6, 0.9))
        case: dict[str, Any] = {}
        for name, values in _ON.items():
            if rng.random() < p:
                case[name] = float(rng.choice(values))
        for a, b in _EXCLUSIVE:
            if a in case and b in case:
                del case[rng.choice((a, b))]
        for name in _BOOLS:
            if rng.random() < p:
                case[name] = rng.random() < 0.4
        if rng.random() < p:
            small = Decimal(rng.choice(("4.4", "10", "1.1", "12.5", "0.3")))
            ratio = Decimal(rng.choice(_RATIOS))
            kappa, lam = (ratio * small, small) if rng.random() < 0.5 else (small, ratio * small)
            case["flc_kappa_mg_l"], case["flc_lambda_mg_l"] = float(kappa), float(lam)
            if rng.random() < 0.3:
                case["light_chain"] = rng.choice(("kappa", "lambda"))
        if rng.random() < p:
            uln = float(rng.choice(("250", "225", "190.5")))
            case["ldh_uln_u_l"] = uln
            case["ldh_u_l"] = rng.choice((uln, uln + 1, uln - 1, uln * 2))
        if rng.random() < p:
            case["isotype"] = rng.choice(("IgG", "IgA", "IgM", "IgD", "light_chain"))
        out.append(case)
    return out


def start_rules(fns: list[str], dicts: list[dict[str, Any]]) -> Callable[[], dict[str, list[dict[str, Any]]]]:
    """Start ``MM.<fn>(MM.readCase(d))`` for every rule and case in one Node process; the returned function
    waits for it and gives the answers by rule (so mmlib can compute its side meanwhile)."""
    folder = Path(tempfile.mkdtemp(prefix="mm-stage-"))
    (folder / "in.jsonl").write_text("".join(json.dumps({"fn": fn, "arg": d, "case": True}, ensure_ascii=False)
                                             + "\n" for d in dicts for fn in fns), encoding="utf-8")
    with open(folder / "in.jsonl", "rb") as stdin, open(folder / "out.jsonl", "wb") as stdout:
        proc = subprocess.Popen([NODE, str(RUNNER), str(bundle_path())], stdin=stdin, stdout=stdout)

    def wait() -> dict[str, list[dict[str, Any]]]:
        assert proc.wait(timeout=600) == 0
        text = (folder / "out.jsonl").read_text(encoding="utf-8")
        shutil.rmtree(folder)
        out = [json.loads(line) for line in text.splitlines() if line.strip()]
        assert len(out) == len(fns) * len(dicts)
        return {fn: out[i::len(fns)] for i, fn in enumerate(fns)}
    return wait


@pytest.fixture(scope="module")
def parity() -> dict[str, tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]]:
    """Per rule: the valid cases, mmlib's answers and the JavaScript answers.

    Reading a case (and its errors) is tested with mm-core; here only cases that mmlib accepts run."""
    dicts, records, generated = [], [], 0
    book, gen, aimed = book_cases(), generated_cases(11_500), targeted_cases(2_000)
    for i, d in enumerate(book + gen + aimed):
        try:
            records.append(Case.from_dict(d))
        except MMLibError:
            continue
        dicts.append(d)
        generated += len(book) <= i < len(book) + len(gen)
    assert generated >= 10_000
    wait = start_rules(sorted(RULES), dicts)
    py = {fn: [_python(RULES[fn], c) for c in records] for fn in RULES}
    js = wait()
    return {fn: (dicts, py[fn], js[fn]) for fn in RULES}


def _python(rule: Callable[[Case], RuleResult], case: Case) -> dict[str, Any]:
    r = rule(case)
    return {"ok": json.loads(json.dumps({**r.to_dict(), "label": r.label, "summary": r.summary}))}


@pytest.mark.parametrize("fn", sorted(RULES))
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


def test_published_values() -> None:
    # ISS (Greipp 2005): β2M ≥ 5.5 mg/L is stage III whatever the albumin; median OS 29 months
    r = _js("staging.iss", {"beta2m_mg_l": 5.5})
    assert (r["value"], r["details"]["median_os_months"]) == ("III", 29)
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
    # IMS/IMWG 2025 (Avet-Loiseau 2025): del(17p) CCF > 20 % is high risk; = 20 % alone is not
    assert _js("cytogenetics.cytogeneticRisk", {"del17p": True, "del17p_ccf_percent": 20.1})["value"] == "high"
    r = _js("cytogenetics.cytogeneticRisk", {"del17p": True, "del17p_ccf_percent": 20, "tp53_mutation": False,
                                             "t4_14": False, "t14_16": False, "t14_20": False, "del1p32": False,
                                             "beta2m_mg_l": 3})
    assert r["details"]["criteria"][0] is False
