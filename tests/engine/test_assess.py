"""assess(): the JSON contract, the Chinese report, gating of the risk models, the package exports."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from mm_cases import NORMAL, with_

import mmlib
from mmlib.assess import CONTRACT_KEYS, DISCLAIMER, Assessment, assess
from mmlib.case import Case

ROOT = Path(__file__).resolve().parents[2]

MM = dict(age_years=67, sex="male", weight_kg=70, calcium_mmol_l=2.9, calcium_uln_mmol_l=2.6, albumin_g_l=32,
          creatinine_umol_l=190, hemoglobin_g_l=85, hemoglobin_lln_g_l=130, lytic_lesions=3, bmpc_percent=45,
          m_protein_g_l=52, isotype="IgG", light_chain="kappa", flc_kappa_mg_l=850, flc_lambda_mg_l=6.5,
          beta2m_mg_l=6.2, ldh_u_l=310, ldh_uln_u_l=250, del17p=False, t4_14=True, t14_16=False, gain_1q=True,
          amp_1q=False, mri_focal_lesions=4)


def test_contract_keys_always_present():
    for d in ({}, MM, {"bmpc_percent": 5}):
        out = assess(d).to_dict()
        assert tuple(out) == CONTRACT_KEYS
        json.dumps(out, ensure_ascii=False)   # JSON-ready


def test_contract_values_for_a_full_mm_case():
    out = assess(MM).to_dict()
    assert out["diagnosis"] == "multiple_myeloma"
    assert out["crab"] == {"C": True, "R": True, "A": True, "B": True}
    assert out["slim"] == {"S": False, "Li": True, "M": True}
    assert out["flc_ratio_involved_uninvolved"] == pytest.approx(850 / 6.5)
    scr = 190 / 88.4
    assert out["crcl_ml_min"] == pytest.approx((140 - 67) * 70 / (72 * scr))
    assert out["egfr_ml_min_1_73m2"] == pytest.approx(142 * (scr / 0.9) ** -1.2 * 0.9938 ** 67)
    assert out["corrected_calcium_mg_dl"] == pytest.approx((2.9 + 0.02 * (40 - 32)) * 4.008)
    assert out["iss"] == {"stage": "III", "points": None}
    assert out["riss"] == {"stage": "III", "points": None}
    assert out["r2iss"] == {"stage": "IV", "points": 4.0}     # 1.5 + 1 (LDH) + 1 (t(4;14)) + 0.5 (1q+)
    assert out["smm_risk_mayo2018"] is None and out["mgus_risk_mayo"] is None
    assert out["cytogenetic_risk"]["ims2025"] == "high"
    assert all({"section", "criterion", "verdict", "source"} <= set(t) for t in out["trace"])


def test_empty_case():
    out = assess({}).to_dict()
    assert out["diagnosis"] == "indeterminate"
    assert out["crab"] == {"C": None, "R": None, "A": None, "B": None}
    for key in ("iss", "riss", "r2iss", "crcl_ml_min", "egfr_ml_min_1_73m2", "corrected_calcium_mg_dl",
                "flc_ratio_involved_uninvolved", "smm_risk_mayo2018", "cytogenetic_risk"):
        assert out[key] is None


def test_smm_models_only_for_smm():
    smm = assess(with_(NORMAL, m_protein_g_dl=3.5, bmpc_percent=25, flc_kappa_mg_l=250.0, flc_lambda_mg_l=10.0))
    out = smm.to_dict()
    assert out["diagnosis"] == "smoldering_multiple_myeloma"
    # Mayo 2018: BMPC > 20, M > 2, FLC ratio 25 > 20 → 3 factors → high
    assert out["smm_risk_mayo2018"] == {"score": 3, "group": "high"}
    assert out["smm_risk_imwg2020"]["group"] is not None
    assert out["mgus_risk_mayo"] is None
    assert "仅适用于" in smm.explain()
    mgus = assess(with_(NORMAL, m_protein_g_dl=1.6, bmpc_percent=5, isotype="IgA")).to_dict()
    assert mgus["diagnosis"] == "mgus"
    # Mayo MGUS: M ≥ 1.5 g/dL and non-IgG; κ/λ 1.25 normal → 2 factors
    assert mgus["mgus_risk_mayo"] == {"score": 2, "group": "high_intermediate"}
    assert mgus["smm_risk_mayo2018"] is None


def test_provisional_smm_runs_the_smm_models():
    out = assess({"m_protein_g_dl": 3.5, "bmpc_percent": 25, "flc_kappa_mg_l": 250.0,
                  "flc_lambda_mg_l": 10.0}).to_dict()
    assert out["diagnosis"] == "indeterminate"
    assert out["diagnosis_detail"]["provisional"] == "smoldering_multiple_myeloma"
    assert out["smm_risk_mayo2018"]["group"] == "high"


def test_explain_report():
    text = assess(MM).explain(full=True)
    assert text.splitlines()[2] == "诊断（IMWG 2014）：多发性骨髓瘤（MM）"
    for section in ("一、实验室计算", "二、终末器官损害（CRAB）", "三、恶性生物标志（SLiM）", "四、诊断推理", "五、分期",
                    "参考文献"):
        assert section in text
    assert "Rajkumar SV" in text and "10.1016/S1470-2045(14)70442-5" in text
    assert text.splitlines()[-1] == DISCLAIMER
    # the trace and the report use the same numbers (rendered from the thresholds)
    assert "标准 > 2.75 mmol/L" in text and "标准 > 177 µmol/L" in text
    for word in ("治疗", "推荐使用", "应给予", "化疗", "移植"):
        assert word not in text.replace("不包含任何治疗建议", "")


def test_explain_indeterminate_and_staging_note():
    text = assess({"m_protein_g_dl": 2.8, "bmpc_percent": 8, "beta2m_mg_l": 2.0, "albumin_g_dl": 4.0}).explain()
    assert "原因：" in text and "缺少" in text
    assert "分期系统：该定义适用于已确诊的多发性骨髓瘤" in text


def test_trace_has_no_duplicates_and_sections():
    trace = assess(MM).to_dict()["trace"]
    keys = [json.dumps({k: v for k, v in t.items() if k != "section"}, sort_keys=True, ensure_ascii=False)
            for t in trace]
    assert len(keys) == len(set(keys))
    assert {t["section"] for t in trace} >= {"crcl", "crab", "slim", "diagnosis", "iss", "r2iss"}


def test_assess_accepts_case_and_package_exports():
    c = Case(bmpc_percent=65)
    assert isinstance(assess(c), Assessment)
    assert mmlib.assess(c).diagnosis == "multiple_myeloma"
    assert mmlib.Case is Case
    assert "assess" in dir(mmlib)
    with pytest.raises(AttributeError):
        mmlib.no_such_thing  # noqa: B018


def test_import_is_fast_and_lazy():
    code = "import sys, mmlib; print('numpy' in sys.modules, 'mmlib.assess' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_contract_md_lists_every_key():
    text = (ROOT / "CONTRACT.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z0-9_]+)`", text))
    assert set(CONTRACT_KEYS) <= documented
    import mmlib.assess as module
    assert all(f"``{k}``" in module.__doc__ for k in CONTRACT_KEYS)
