"""Readable reports (issue 11, item 7): a concise report by default, every check under ``--full``.

The expected decisive items come from the IMWG 2014 criteria (Rajkumar et al., Lancet Oncol 2014):
calcium > 11 mg/dL (C), creatinine clearance < 40 mL/min or creatinine > 2 mg/dL (R), haemoglobin
< 10 g/dL (A), ≥ 1 osteolytic lesion (B), clonal BMPC ≥ 60 % (S), involved/uninvolved FLC ratio ≥ 100
with the involved FLC ≥ 100 mg/L (Li), > 1 MRI focal lesion (M).
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings

from mmlib.assess import DISCLAIMER, MM_ONLY_CAVEAT, assess
from mmlib.case import field_zh
from mmlib.sources import source

from mm_cases import NORMAL, case_dicts, with_
from test_cli_input import cli

#: A complete case: every field of the record that a report uses.
COMPLETE = {
    "age_years": 66, "sex": "male", "weight_kg": 72, "height_cm": 172, "isotype": "IgG", "light_chain": "kappa",
    "m_protein_g_dl": 3.8, "urine_m_protein_mg_24h": 350, "flc_kappa_mg_l": 420, "flc_lambda_mg_l": 9.5,
    "bmpc_percent": 45, "biopsy_proven_plasmacytoma": False, "calcium_mg_dl": 11.8, "calcium_uln_mg_dl": 10.5,
    "albumin_g_dl": 3.2, "creatinine_mg_dl": 1.6, "beta2m_mg_l": 6.1, "ldh_u_l": 310, "ldh_uln_u_l": 250,
    "hemoglobin_g_dl": 9.1, "hemoglobin_lln_g_dl": 12.0, "lytic_lesions": 3, "mri_focal_lesions": 2,
    "del17p": False, "t4_14": True, "t14_16": False, "t14_20": False, "t11_14": False, "gain_1q": True,
    "amp_1q": False, "del1p32": False, "del1p32_biallelic": False, "tp53_mutation": False, "del13q": False,
    "hyperdiploid": False, "ferritin_ng_ml": 400, "transferrin_saturation_percent": 18, "epo_miu_ml": 30,
    "circulating_pc_percent": 1,
}
#: Words of treatment advice that no report may contain (the disclaimer line names treatment once).
TREATMENT = ("治疗方案", "推荐使用", "建议使用", "应给予", "给予", "化疗", "移植", "剂量", "疗程", "首选", "用药")


def lines_of(text: str) -> list[str]:
    return text.splitlines()


def test_complete_case_concise_report_is_short():
    a = assess(COMPLETE)
    concise, full = a.explain(), a.explain(full=True)
    # a complete case takes about 42 lines; the worst case (every CRAB and SLiM item met, each by two
    # arms, plus a plasmacytoma) adds a few decisive lines, never the whole trace
    assert len(lines_of(concise)) <= 50
    assert len(lines_of(concise)) < len(lines_of(full))
    assert len(lines_of(full)) >= 100                    # the full trace is still there
    status, out, err = cli("assess", json.dumps(COMPLETE))
    assert (status, err) == (0, "") and out == concise + "\n" and len(lines_of(out)) <= 45


def test_full_contains_every_trace_line():
    a = assess(COMPLETE)
    full = a.explain(full=True)
    for result in a.results.values():
        for check in result.checks:
            assert check.explain() in full, check
    for key in a.source_keys():                          # full citations
        assert source(key).citation in full
    status, out, _ = cli("assess", json.dumps(COMPLETE), "--full")
    assert status == 0 and out == full + "\n"


def test_concise_report_names_the_decisive_criteria():
    text = assess(COMPLETE).explain()
    # met: C (11.8 > 11 mg/dL), A (9.1 < 10 g/dL), B (3 lytic lesions ≥ 1), M (2 MRI lesions > 1)
    assert "C（高钙血症）：血清钙 = 11.8 mg/dL，标准 > 11 mg/dL → 符合" in text
    assert "A（贫血）：血红蛋白 = 9.1 g/dL，标准 < 10 g/dL → 符合" in text
    assert "B（骨病变）：溶骨性病变数" in text and "= 3，标准 ≥ 1 → 符合" in text
    assert "M（MRI 局灶性病变）：MRI 局灶性病变数（直径 ≥ 5 mm） = 2，标准 > 1 → 符合" in text
    # not met, so not listed as items: R (CrCl 46 ≥ 40, creatinine 1.6 ≤ 2), S (45 % < 60 %), Li (ratio 44 < 100)
    for item in ("R（", "S（", "Li（"):
        assert f"  - {item}" not in text
    assert "CRAB（终末器官损害）：是。C 阳性，R 阴性，A 阳性，B 阳性" in text
    assert "SLiM（恶性生物标志）：是。S 阴性，Li 阴性，M 阳性" in text
    assert "骨髓克隆性浆细胞 = 45%，标准 ≥ 10% → 符合" in text       # the clonal basis
    # stages and risk groups as one-line headlines, without their checks
    for head in ("ISS 分期：III 期", "R-ISS 分期：III 期", "R2-ISS 分期：IV 期", "细胞遗传学危险分层（IMS/IMWG 2025）：高危"):
        assert head in text
    assert "R2-ISS 总分（IV 组下限）" not in text and "参考文献：" in text
    assert lines_of(text)[-1] == DISCLAIMER


def test_concise_report_of_non_mm_diagnoses_shows_what_decides_them():
    smm = assess(with_(NORMAL, m_protein_g_dl=3.5, bmpc_percent=20)).explain()
    assert "诊断（IMWG 2014）：冒烟型多发性骨髓瘤（SMM）" in smm
    assert "血清 M 蛋白 = 3.5 g/dL，标准 ≥ 3 g/dL → 符合" in smm
    assert "CRAB（终末器官损害）：否。C 阴性，R 阴性，A 阴性，B 阴性" in smm
    assert "SLiM（恶性生物标志）：否" in smm
    assert f"（分期系统：{MM_ONLY_CAVEAT}。）" in smm
    mgus = assess(with_(NORMAL, m_protein_g_dl=2.8, bmpc_percent=8)).explain()
    assert "血清 M 蛋白 = 2.8 g/dL，标准 ≥ 3 g/dL → 不符合" in mgus
    assert "骨髓克隆性浆细胞 = 8%，标准 ≥ 10% → 不符合" in mgus
    s_only = assess(with_(NORMAL, bmpc_percent=65)).explain()     # MM by S alone (≥ 60 %)
    assert "S（骨髓克隆性浆细胞）：骨髓克隆性浆细胞 = 65%，标准 ≥ 60% → 符合" in s_only


def test_concise_report_names_the_missing_fields():
    case = {"m_protein_g_dl": 3.5, "bmpc_percent": 20, "calcium_mg_dl": 9.5, "calcium_uln_mg_dl": 10.5}
    a = assess(case)
    text = a.explain()
    assert a.diagnosis == "indeterminate"
    head = lines_of(text)[3]
    assert head.startswith("  原因：")
    for name in a.results["diagnosis"].missing:          # the fields that would decide the diagnosis
        assert field_zh(name) in head
    assert "诊断缺少的数据：见上" in text
    other = [m for m in a.missing() if m not in a.results["diagnosis"].missing]
    assert "beta2m_mg_l" in other                      # ISS needs β2-microglobulin
    line = next(x for x in lines_of(text) if x.startswith("其他计算缺少的数据："))
    for name in other:
        assert field_zh(name) in line
    complete = assess(COMPLETE).explain()
    assert "缺少数据：无" in complete and "诊断缺少的数据" not in complete


def test_reports_contain_no_treatment_advice():
    cases = [COMPLETE, with_(NORMAL, m_protein_g_dl=3.5, bmpc_percent=20), with_(NORMAL, m_protein_g_dl=2.8,
             bmpc_percent=8, isotype="IgA"), {"bmpc_percent": 60}, {}]
    for case in cases:
        for full in (False, True):
            text = assess(case).explain(full=full).replace(DISCLAIMER, "")
            for word in TREATMENT:
                assert word not in text, (word, case)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case_dicts())
def test_every_report_is_concise_and_the_full_one_has_every_check(case):
    a = assess(case)
    concise, full = a.explain(), a.explain(full=True)
    # a complete case takes about 42 lines; the worst case (every CRAB and SLiM item met, each by two
    # arms, plus a plasmacytoma) adds a few decisive lines, never the whole trace
    assert len(lines_of(concise)) <= 50
    assert len(lines_of(concise)) < len(lines_of(full))
    assert lines_of(concise)[:4] == lines_of(full)[:4]      # the same headline and basis
    assert lines_of(concise)[-1] == lines_of(full)[-1] == DISCLAIMER
    for result in a.results.values():
        for check in result.checks:
            assert check.explain() in full


def test_missing_inputs_of_a_definite_diagnosis_are_left_to_the_full_report():
    case = {k: v for k, v in COMPLETE.items() if k != "circulating_pc_percent"}
    a = assess(case)
    missing_line = "外周血克隆性浆细胞（占白细胞）：缺少数据，无法评估"
    assert a.diagnosis == "multiple_myeloma"
    assert missing_line not in a.explain() and missing_line in a.explain(full=True)
    assert "circulating_pc_percent" in a.explain()          # the note says what the value could add (PCL)
    undecided = assess({"m_protein_g_dl": 3.5, "bmpc_percent": 20})
    assert undecided.diagnosis == "indeterminate"
    open_line = next(x for x in undecided.explain().splitlines() if "缺少数据、无法评估的标准：" in x)
    assert "24 小时尿 M 蛋白" in open_line                   # an undecided diagnosis names them, once
    assert "24 小时尿 M 蛋白：缺少数据，无法评估" in undecided.explain(full=True)
