"""Parity of ``MM.assess`` (``mm-assess.js``) with ``mmlib.assess(case).to_dict()``, the JSON contract.

The whole dict is compared after a JSON round trip: every ``CONTRACT.md`` key, the gates (the SMM
models only for (provisional) SMM, the MGUS model only for (provisional) MGUS) and the ``trace`` list
with its ``section`` keys and its de-duplication of repeated checks.  Cases: the book's worked cases,
the shared generated cases (on the exported cut-offs, both unit systems, fields missing at random)
and the staging/risk cases of ``test_parity_staging``.  An input error raised while assessing (a
stated CRAB item that the laboratory values contradict) must be the same error in JavaScript.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from mmlib.assess import CONTRACT_KEYS, assess
from mmlib.case import Case
from mmlib.errors import MMLibError

from .cases import book_cases, generated_cases
from .jsrun import differences, run_js
from .stage_cases import NEEDS_DIAGNOSIS, start_node, targeted_cases

pytestmark = NEEDS_DIAGNOSIS

#: The compared cases, mmlib's answers and the JavaScript answers.
Parity = tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]


def _python(case: Case) -> dict[str, Any]:
    try:
        return {"ok": assess(case).to_dict()}
    except MMLibError as e:
        return {"error": {"name": type(e).__name__, "field": e.field, "zh": e.zh, "en": e.en}}


@pytest.fixture(scope="module")
def parity() -> Parity:
    """The cases mmlib can read, mmlib's answers and ``MM.assess``'s (Node runs while mmlib computes)."""
    dicts, records, generated = [], [], 0
    book, gen, aimed = book_cases(), generated_cases(12_000, seed=1301), targeted_cases(500, seed=1302)
    for i, d in enumerate(book + gen + aimed):
        try:
            records.append(Case.from_dict(d))
        except MMLibError:  # reading a case is mm-core's part, tested there
            continue
        dicts.append(d)
        generated += len(book) <= i < len(book) + len(gen)
    assert generated >= 10_000
    wait = start_node([{"fn": "assess", "arg": d} for d in dicts])
    py = json.loads(json.dumps([_python(c) for c in records]))  # the JSON round trip, in one go
    js = wait()
    assert len(js) == len(dicts)
    return dicts, py, js


def test_assess_parity(parity: Parity) -> None:
    dicts, py, js = parity
    crashes = [j["crash"] for j in js if "crash" in j]
    assert not crashes, crashes[0]
    bad = [i for i, (p, j) in enumerate(zip(py, js)) if p != j]
    diffs = differences([dicts[i] for i in bad], [py[i] for i in bad], [js[i] for i in bad])
    assert not bad, f"MM.assess differs from mmlib in {len(bad)} of {len(dicts)} cases\n" + "\n".join(diffs)


def test_cases_reach_every_part(parity: Parity) -> None:
    """The compared cases exercise every key of the contract and both sides of each gate."""
    _, py, _ = parity
    ok = [p["ok"] for p in py if "ok" in p]
    assert len(ok) >= 8_000
    for key in CONTRACT_KEYS:
        assert any(d[key] not in (None, [], {}) for d in ok), key
    diagnoses = {d["diagnosis"] for d in ok}
    assert {"mgus", "smoldering_multiple_myeloma", "multiple_myeloma", "indeterminate"} <= diagnoses
    provisional = [d for d in ok if d["diagnosis"] == "indeterminate"
                   and d["diagnosis_detail"]["provisional"] == "smoldering_multiple_myeloma"]
    assert any(d["smm_risk_mayo2018"] for d in provisional)
    sections = {t["section"] for d in ok for t in d["trace"]}
    assert {"iss", "riss", "r2iss", "smm_risk_imwg2020", "mgus_risk_mayo", "cytogenetic_risk",
            "anemia_mechanisms"} <= sections


def test_gates_and_sections() -> None:
    """SMM models only for SMM, the MGUS model only for MGUS; each check once, under its first section."""
    smm = {"m_protein_g_dl": 3.5, "bmpc_percent": 20, "calcium_mg_dl": 9.5, "calcium_uln_mg_dl": 10.5,
           "creatinine_mg_dl": 0.9, "crcl_ml_min": 90, "hemoglobin_g_dl": 13.5, "hemoglobin_lln_g_dl": 12,
           "lytic_lesions": 0, "flc_kappa_mg_l": 30, "flc_lambda_mg_l": 10, "mri_focal_lesions": 0,
           "beta2m_mg_l": 2.0, "albumin_g_dl": 4.0}
    mm = {"bmpc_percent": 65, "beta2m_mg_l": 6.0}
    out = run_js("assess", [smm, mm])
    d_smm, d_mm = out[0]["ok"], out[1]["ok"]
    assert d_smm["diagnosis"] == "smoldering_multiple_myeloma"
    assert d_smm["smm_risk_mayo2018"] == {"score": 1, "group": "intermediate"}  # M-protein 3.5 g/dL > 2
    assert d_smm["mgus_risk_mayo"] is None
    assert d_mm["diagnosis"] == "multiple_myeloma" and d_mm["smm_risk_mayo2018"] is None
    assert d_mm["iss"] == {"stage": "III", "points": None}
    b2m = [t for t in d_mm["trace"] if t["criterion"] == "iss2005.b2m_iii"]
    assert [t["section"] for t in b2m] == ["iss"]  # the same line in R-ISS and R2-ISS is not repeated
    assert sorted(d_smm) == sorted(CONTRACT_KEYS)
