"""What a reader sees: headlines, names, units and Chinese typography of every explanation.

The machine-readable ``value`` of a rule stays a code or an unrounded number;
the headline of ``explain()`` shows ``shown`` (a Chinese name, a rounded value
with its unit).  The battery at the end renders a spread of reports and checks
them for internal codes, English words and half-width punctuation in Chinese
sentences.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mmlib import labs
from mmlib.assess import DISCLAIMER, assess
from mmlib.case import FIELD_NAMES, FIELD_ZH, Case, field_zh
from mmlib.cytogenetics import cytogenetic_risk
from mmlib.diagnosis import DIAGNOSES, DIAGNOSIS_ZH, SMM_URINE, classify
from mmlib.mechanisms import INFILTRATION_BMPC, SEED_PHENOTYPE, MolecularPhenotype, anemia_mechanisms, \
    infer_genetic_events
from mmlib.response import CATEGORIES, MARROW_MEASURABLE, PD_URINE_RISE, PR_URINE, URINE_MEASURABLE, VGPR_URINE, \
    assess_response
from mmlib.risk import GROUP_ZH, MGUS_ANNUAL_PROGRESSION_BY_TYPE, SMM_PROGRESSION_PIECEWISE, smm_mayo2018
from mmlib.staging import iss, r2iss, riss
from mmlib.trace import RuleResult, fmt_number
from mmlib.units import URINE_24H_UNIT

from mm_cases import NORMAL, with_

ROOT = Path(__file__).resolve().parents[2]
CJK = r"[\u4e00-\u9fff]"

#: The seed's three diagnostic examples (IMWG 2014), with every other finding normal.
SEED_MGUS = with_(NORMAL, m_protein_g_dl=2.8, bmpc_percent=8)
SEED_SMM = with_(NORMAL, m_protein_g_dl=3.5, bmpc_percent=20)
SEED_MM = with_(NORMAL, bmpc_percent=12, mri_focal_lesions=2)
#: The seed's anaemia case.
SEED_ANAEMIA = dict(hemoglobin_g_dl=8.2, bmpc_percent=40, ferritin_ng_ml=600, transferrin_saturation_percent=10,
                    creatinine_mg_dl=2.8, epo_miu_ml=6)


def head(r: RuleResult) -> str:
    return r.explain().splitlines()[0]


# --- 1. headlines show names and rounded values; value stays machine-readable ----------
def test_diagnosis_headline_names_the_diagnosis_in_chinese():
    r = classify(Case.from_dict(SEED_MGUS))
    assert r.value == "mgus" and r.to_dict()["value"] == "mgus"
    assert r.shown == DIAGNOSIS_ZH["mgus"] and r.to_dict()["shown"] == DIAGNOSIS_ZH["mgus"]
    assert head(r) == ("IMWG 2014 诊断：意义未明的单克隆丙种球蛋白血症（MGUS）。"
                       "血清 M 蛋白 < 3 g/dL、骨髓克隆性浆细胞 < 10%，且无 CRAB")


@pytest.mark.parametrize("case, dx, basis", [
    (SEED_SMM, "smoldering_multiple_myeloma",
     "血清 M 蛋白 ≥ 3 g/dL、骨髓克隆性浆细胞 ≥ 10%（且 < 60%），且无骨髓瘤定义事件"),
    (with_(NORMAL, m_protein_g_l=10, bmpc_percent=5, urine_m_protein_mg_24h=600), "smoldering_multiple_myeloma",
     "24 小时尿 M 蛋白 ≥ 500 mg/24 h，且无骨髓瘤定义事件"),
    (with_(NORMAL, m_protein_g_l=28, bmpc_percent=8), "mgus", "血清 M 蛋白 < 30 g/L"),
    (SEED_MM, "multiple_myeloma", "骨髓克隆性浆细胞 ≥ 10%，且存在骨髓瘤定义事件：M（MRI 局灶性病变）"),
    (with_(NORMAL, bmpc_percent=5, biopsy_proven_plasmacytoma=True, calcium_mg_dl=12),
     "multiple_myeloma", "活检证实的浆细胞瘤，且存在骨髓瘤定义事件：C（高钙血症）"),
    (with_(NORMAL, isotype="light_chain", flc_kappa_mg_l=80, bmpc_percent=5), "light_chain_mgus",
     "κ/λ 比值在 0.26–1.65 之外"),
    (with_(NORMAL, biopsy_proven_plasmacytoma=True, bmpc_percent=0, lytic_lesions=1), "solitary_plasmacytoma",
     "骨髓未见克隆性浆细胞"),
    (with_(NORMAL, biopsy_proven_plasmacytoma=True, bmpc_percent=5, lytic_lesions=1),
     "solitary_plasmacytoma_minimal_marrow", "骨髓克隆性浆细胞 > 0 且 < 10%"),
])
def test_every_diagnosis_states_its_basis(case, dx, basis):
    r = classify(Case.from_dict(case))
    assert r.value == dx and head(r).startswith(f"IMWG 2014 诊断：{DIAGNOSIS_ZH[dx]}。")
    assert basis in r.summary


def test_igm_mgus_subtype_is_named_once():
    r = classify(Case.from_dict(with_(SEED_MGUS, isotype="IgM", m_protein_g_dl=1.0, bmpc_percent=5)))
    assert r.value == "mgus" and r.details["subtype"] == "igm_mgus"
    assert head(r).startswith("IMWG 2014 诊断：IgM 型意义未明的单克隆丙种球蛋白血症（IgM MGUS）。")


def test_indeterminate_headline_gives_the_reason_with_readable_fields():
    r = classify(Case(m_protein_g_dl=2.8, bmpc_percent=8))
    assert head(r).startswith("IMWG 2014 诊断：无法确定。判断所需的数据不全，缺少：血清钙（calcium_mg_dl 或")
    assert "意义未明的单克隆丙种球蛋白血症（MGUS）" in r.summary
    assert r.missing[0] == "calcium_mg_dl/calcium_mmol_l"  # machine-readable in the result itself


def test_lab_headlines_are_rounded_with_unit():
    c = Case(age_years=75, sex="female", weight_kg=53, creatinine_mg_dl=2.05, calcium_mg_dl=10.13,
             albumin_g_dl=2.87, flc_kappa_mg_l=33.3, flc_lambda_mg_l=9.7)
    crcl = labs.cockcroft_gault(c)
    assert head(crcl) == f"肌酐清除率（Cockcroft–Gault）：{fmt_number(round(crcl.value, 1))} mL/min"
    assert fmt_number(crcl.value) not in head(crcl)              # the unrounded number is in the trace only
    egfr = labs.ckd_epi_2021(c)
    assert head(egfr) == f"eGFR（CKD-EPI 2021）：{fmt_number(round(egfr.value, 1))} mL/min/1.73 m²"
    ca = labs.corrected_calcium(c)
    assert head(ca) == f"白蛋白校正钙：{fmt_number(round(ca.value, 2))} mg/dL。即 " \
                       f"{fmt_number(round(ca.details['mmol_l'], 2))} mmol/L"
    flc = labs.flc_ratio(c)
    assert head(flc) == f"血清游离轻链比值：κ/λ = {fmt_number(round(flc.value, 4))}。异常（按肾功能不全参考范围 0.37–3.1）"
    assert head(labs.flc_ratio(Case(flc_kappa_mg_l=30, flc_lambda_mg_l=9))) == \
        "血清游离轻链比值：κ/λ = 3.3333。异常（参考范围 0.26–1.65）"
    assert isinstance(crcl.value, float) and crcl.to_dict()["value"] == crcl.value
    for rule in (labs.cockcroft_gault, labs.ckd_epi_2021, labs.corrected_calcium, labs.flc_ratio):
        r = rule(Case())
        assert r.value is None and head(r).endswith("：无法计算")


def test_measured_crcl_headline_in_the_report():
    text = assess(SEED_MM).explain()
    assert "肌酐清除率（实测）：90 mL/min\n" in text and "90。90" not in text


def test_staging_headlines_name_the_stage():
    c = Case(beta2m_mg_l=4.1, albumin_g_dl=3.1, ldh_u_l=210, ldh_uln_u_l=250, del17p=False, t4_14=True,
             t14_16=False, gain_1q=True, amp_1q=False)
    assert head(iss(c)) == "ISS 分期：II 期。原始队列中位总生存期（OS）44 个月"
    assert head(riss(c)) == "R-ISS 分期：II 期。原始队列 5 年总生存率（OS）62%"
    assert head(r2iss(c)) == "R2-ISS 分期：III 期。总分 2.5"
    assert iss(c).value == "II"
    assert head(iss(Case())) == "ISS 分期：无法判断" and "None" not in riss(Case()).explain()
    assert head(r2iss(Case())) == "R2-ISS 分期：无法判断。总分可能为 0–5（部分因素未知）"


def test_risk_group_headlines_are_chinese():
    r = smm_mayo2018(Case(bmpc_percent=20, m_protein_g_dl=3.5, flc_kappa_mg_l=30, flc_lambda_mg_l=10))
    assert r.value == "intermediate" and head(r) == "SMM 危险分层（Mayo 2018 “20/2/20”）：中危。总分 1"
    assert "intermediate" not in r.explain()


@pytest.mark.parametrize("data, shown", [
    ({"baseline": {"m_protein_g_dl": 4.0}, "current": {"m_protein_g_dl": 2.0}}, "PR（部分缓解）"),
    ({"baseline": {"m_protein_g_dl": 4.0}, "nadir": {"m_protein_g_dl": 1.0}, "current": {"m_protein_g_dl": 1.5}},
     "PD（疾病进展）"),
])
def test_response_headline_keeps_the_abbreviation_with_a_gloss(data, shown):
    r = assess_response(data)
    assert r.value in CATEGORIES and head(r) == f"IMWG 2016 疗效评估：{shown}"
    assert r.to_dict()["category"] == r.value


def test_cytogenetic_risk_headline_is_chinese():
    r = cytogenetic_risk(Case(t4_14=True, gain_1q=True))
    assert r.value == "high" and head(r).startswith("细胞遗传学危险分层（IMS/IMWG 2025）：高危。")
    assert not re.search(r"\b(high|standard)\b", r.explain())


def test_anaemia_headline_names_the_mechanisms_and_explains_each():
    r = anemia_mechanisms(Case.from_dict(SEED_ANAEMIA))
    lines = r.explain().splitlines()
    assert lines[0].startswith("贫血机制（教学启发式）：骨髓浸润与造血抑制、炎症性贫血 / 功能性铁缺乏、EPO 相对不足。")
    assert lines[1].startswith("  * 骨髓浸润与造血抑制：") and lines[3].startswith("  * EPO 相对不足：")
    assert r.value == ["marrow_infiltration", "functional_iron_deficiency", "inappropriately_low_epo"]


def test_genetics_headline_and_spacing():
    r = infer_genetic_events(MolecularPhenotype(odd_chromosome_trisomies=True))
    assert r.value == "超二倍体" and "推断超二倍体。" in r.summary
    r = infer_genetic_events(SEED_PHENOTYPE)
    assert head(r).startswith("由分子表型推断遗传学事件（教学启发式）：t(4;14) + 1q 获得。") and "推断 t(4;14)" in r.summary


# --- 2. one spelling of the 24-hour urine unit ----------------------------------------------
def test_urine_unit_is_spelled_once():
    assert URINE_24H_UNIT == "mg/24 h"
    for t in (SMM_URINE, URINE_MEASURABLE, VGPR_URINE, PR_URINE, PD_URINE_RISE):
        assert t.unit == URINE_24H_UNIT
    assert "≥ 500 mg/24 h 则属 SMM" in classify(Case.from_dict(with_(SEED_MGUS, urine_m_protein_mg_24h=None))
                                             ).explain()
    for path in (ROOT / "mmlib").glob("*.py"):
        assert "mg/24h" not in path.read_text(encoding="utf-8"), path


# --- 3. the marrow threshold of the anaemia heuristic has its own label -----------------------
def test_infiltration_threshold_is_the_response_number_under_its_own_label():
    assert (INFILTRATION_BMPC.op, INFILTRATION_BMPC.value, INFILTRATION_BMPC.unit, INFILTRATION_BMPC.source) == (
        MARROW_MEASURABLE.op, MARROW_MEASURABLE.value, MARROW_MEASURABLE.unit, MARROW_MEASURABLE.source)
    assert INFILTRATION_BMPC.key != MARROW_MEASURABLE.key and "基线" not in INFILTRATION_BMPC.zh
    assert MARROW_MEASURABLE.zh == "基线骨髓浆细胞"                    # the response rule keeps its label
    line = next(c for c in anemia_mechanisms(Case.from_dict(SEED_ANAEMIA)).checks
                if c.criterion == INFILTRATION_BMPC.key)
    assert line.label == INFILTRATION_BMPC.zh and "基线" not in line.explain()


# --- missing data and rates, as a reader sees them ---------------------------------------------
def test_missing_fields_are_named_in_chinese_with_their_keys():
    assert set(FIELD_ZH) == set(FIELD_NAMES)
    text = labs.ckd_epi_2021(Case()).explain()
    assert "缺少数据：年龄（age_years）、性别（sex）、血清肌酐（creatinine_mg_dl 或 creatinine_umol_l）" in text
    assert field_zh("mri_lesion_sizes_mm/mri_focal_lesions").startswith("MRI 局灶性病变直径或个数（")


def test_progression_rates_are_rendered_from_their_numbers():
    for rate in (*SMM_PROGRESSION_PIECEWISE, *MGUS_ANNUAL_PROGRESSION_BY_TYPE.values()):
        assert rate.zh.endswith(f"每年约 {fmt_number(rate.per_year * 100)}%") and rate.zh.startswith(rate.subject)


# --- 5. the seed cases' reports: no codes, no English, full-width punctuation -------------------
BATTERY = [
    SEED_MGUS, SEED_SMM, SEED_MM, SEED_ANAEMIA,
    {"m_protein_g_l": 28, "bmpc_percent": 8},
    {"isotype": "IgM", "m_protein_g_dl": 3.5},
    with_(NORMAL, isotype="light_chain", flc_kappa_mg_l=80, bmpc_percent=5),
    with_(NORMAL, isotype="light_chain", bmpc_percent=5),
    with_(NORMAL, biopsy_proven_plasmacytoma=True, bmpc_percent=0, lytic_lesions=1),
    with_(NORMAL, bmpc_percent=5, calcium_mmol_l=2.9),
    with_(NORMAL, m_protein_g_dl=1.0, bmpc_percent=15, urine_m_protein_mg_24h=600, del17p=True, t4_14=True,
          gain_1q=True, t14_16=False, t14_20=False, del13q=False, hyperdiploid=False, tp53_mutation=True,
          del1p32=True, del1p32_biallelic=True, beta2m_mg_l=6.0, albumin_g_dl=3.0, ldh_u_l=300, ldh_uln_u_l=250),
    with_(NORMAL, bmpc_percent=70, t11_14=True, hyperdiploid=True, amp_1q=True, age_years=60, sex="female",
          weight_kg=60, albumin_g_l=40, beta2m_mg_l=2.0),
    {"bmpc_percent": 30, "mri_lesion_sizes_mm": [4, 6, 7], "calcium_mg_dl": 11.5, "albumin_g_dl": 3.0},
    {"m_protein_g_dl": 3.5, "bmpc_percent": 25, "flc_kappa_mg_l": 250.0, "flc_lambda_mg_l": 10.0},
    with_(NORMAL, m_protein_g_dl=1.6, bmpc_percent=5, isotype="IgA"),
]
RESPONSES = [
    {"baseline": {"m_protein_g_dl": 4.0}, "current": {"m_protein_g_dl": 3.0}},
    {"baseline": {"flc_kappa_mg_l": 500, "flc_lambda_mg_l": 5}, "nadir": {"flc_kappa_mg_l": 40, "flc_lambda_mg_l": 5},
     "current": {"flc_kappa_mg_l": 45, "flc_lambda_mg_l": 5}},
    {"baseline": {"bmpc_percent": 50}, "current": {"bmpc_percent": 20}},
    {"baseline": {"m_protein_g_dl": 4.0, "urine_m_protein_mg_24h": 500},
     "current": {"m_protein_g_dl": 0, "urine_m_protein_mg_24h": 0}, "serum_ife_negative": True,
     "urine_ife_negative": True, "bmpc_percent": 2, "soft_tissue_plasmacytoma_present": False,
     "clonal_pc_by_ihc_absent": True, "mrd": {"method": "ngs", "negative": True, "sensitivity": 1e-5,
                                              "pet_negative": True, "sustained_years": 1.5}},
]
#: Lower-case Latin words allowed in Chinese text: units, formula names, glosses and input values.
_ALLOWED_WORDS = {"min", "max", "mmol", "µmol", "cyclin", "hepcidin", "flow", "ngs", "der", "del"}
#: Codes that must never reach a reader (diagnoses, groups, verdicts, mechanism keys).
_CODES = set(DIAGNOSES) | set(GROUP_ZH) | {"standard", "marrow_infiltration", "functional_iron_deficiency",
                                            "inappropriately_low_epo", "None", "True", "False"}


def _texts():
    for case in BATTERY:
        for full in (False, True):
            text = assess(case).explain(full=full)
            assert text.splitlines()[-1] == DISCLAIMER
            yield text.split("\n参考文献")[0]          # the references (and the --full hint) are in English
    for data in RESPONSES:
        yield assess_response(data).explain()
    for p in (SEED_PHENOTYPE, MolecularPhenotype(tp53_functional=False),
              MolecularPhenotype(ccnd1_high=True, odd_chromosome_trisomies=True)):
        yield infer_genetic_events(p).explain()


def _problems(text: str) -> list[str]:
    out = []
    for line in text.splitlines():
        body = re.sub(r" \[[^\]]*\]$", "", line)                           # the source label
        body = re.sub(r"（[a-z0-9_]+(?: 或 [a-z0-9_]+)?）", "", body)        # field keys after their names
        for pattern, what in ((rf"{CJK}[,:;()?!]|[,:;()?!]{CJK}", "half-width punctuation"),
                              (rf"{CJK}[A-Za-z0-9]|[A-Za-z0-9]{CJK}", "no space between Chinese and Latin"),
                              (rf"{CJK} {CJK}", "space between Chinese characters")):
            out += [f"{what}: {line}" for _ in re.finditer(pattern, body)]
        words = set(re.findall(r"\b[a-z]{3,}\b", body)) - _ALLOWED_WORDS
        out += [f"English word '{w}': {line}" for w in words]
        out += [f"internal code '{w}': {line}" for w in set(re.findall(r"\b\w+\b", body)) & (_CODES | set(FIELD_NAMES))]
    return out


def test_reports_have_no_codes_english_or_half_width_punctuation():
    problems = [p for text in _texts() for p in _problems(text)]
    assert not problems, "\n".join(problems[:20])


def test_the_checker_catches_what_it_should():
    assert _problems("诊断:mgus（见 age_years）")            # half-width colon, code, bare field key
    assert _problems("推断TP53 mutation")                     # missing space, English word
    assert not _problems("血清钙（calcium_mg_dl 或 calcium_mmol_l） = 9.5 mg/dL [Rajkumar 2014]")


def test_report_states_the_basis_and_skips_without_nested_brackets():
    text = assess(SEED_SMM).explain()
    assert text.splitlines()[3].startswith("  依据：血清 M 蛋白 ≥ 3 g/dL")
    assert "MGUS 风险（Mayo）：未计算，仅适用于意义未明的单克隆丙种球蛋白血症（MGUS）" in text
