"""The seed's two mechanistic cases (贫血 and 遗传发病机制) as teaching heuristics."""

from __future__ import annotations

import pytest

from mmlib.case import Case
from mmlib.errors import InputError, UnknownFieldError
from mmlib.mechanisms import (
    MECHANISMS, SEED_PHENOTYPE, MolecularPhenotype, anemia_mechanisms, infer_genetic_events,
)

#: The seed case: Hb 8.2 g/dL, 40 % plasma cells, ferritin 600 ng/mL, TSAT 10 %, creatinine 2.8 mg/dL, EPO 6 mIU/mL.
SEED = dict(hemoglobin_g_dl=8.2, bmpc_percent=40, ferritin_ng_ml=600, transferrin_saturation_percent=10,
            creatinine_mg_dl=2.8, epo_miu_ml=6)
SEED_SI = dict(hemoglobin_g_l=82, bmpc_percent=40, ferritin_ug_l=600, transferrin_saturation_percent=10,
               creatinine_umol_l=247.5, epo_miu_ml=6)


def mech(**kw):
    return anemia_mechanisms(Case.from_dict({**SEED, **kw}))


@pytest.mark.parametrize("data", [SEED, SEED_SI])
def test_seed_case_shows_all_three(data):
    r = anemia_mechanisms(Case.from_dict(data))
    assert r.value == list(MECHANISMS)
    assert r.details["renal_impairment"] is True and r.details["anaemia"] is True
    assert "肾功能受损" in r.details["explanations"]["inappropriately_low_epo"]
    assert "教学启发式" in r.summary and r.details["teaching_heuristic"] is True


# --- each mechanism switches off when its finding is normal ---------------------------
@pytest.mark.parametrize("kw, off", [
    (dict(bmpc_percent=29.9), "marrow_infiltration"),
    (dict(bmpc_percent=5), "marrow_infiltration"),
    (dict(ferritin_ng_ml=99.9), "functional_iron_deficiency"),   # stores low: absolute, not functional
    (dict(transferrin_saturation_percent=20), "functional_iron_deficiency"),
    (dict(transferrin_saturation_percent=35), "functional_iron_deficiency"),
    (dict(epo_miu_ml=30), "inappropriately_low_epo"),
    (dict(epo_miu_ml=250), "inappropriately_low_epo"),           # appropriate rise
    (dict(hemoglobin_g_dl=10.0), "inappropriately_low_epo"),     # no anaemia below the IMWG level
])
def test_mechanism_switches_off(kw, off):
    r = mech(**kw)
    assert r.details["mechanisms"][off] is False
    assert r.value == [m for m in MECHANISMS if m != off]


@pytest.mark.parametrize("kw, on", [
    (dict(bmpc_percent=30), "marrow_infiltration"),
    (dict(ferritin_ng_ml=100, transferrin_saturation_percent=19.9), "functional_iron_deficiency"),
    (dict(epo_miu_ml=29.9, hemoglobin_g_dl=9.9), "inappropriately_low_epo"),
])
def test_mechanism_boundaries_on(kw, on):
    assert mech(**kw).details["mechanisms"][on] is True


def test_normal_creatinine_keeps_low_epo_but_changes_the_explanation():
    r = mech(creatinine_mg_dl=0.9)
    assert r.details["mechanisms"]["inappropriately_low_epo"] is True
    assert r.details["renal_impairment"] is False
    assert "炎症细胞因子" in r.details["explanations"]["inappropriately_low_epo"]
    r = anemia_mechanisms(Case.from_dict({k: v for k, v in SEED.items() if k != "creatinine_mg_dl"}))
    assert r.details["renal_impairment"] is None and "未提供肌酐" in r.details["explanations"]["inappropriately_low_epo"]


def test_all_normal():
    r = anemia_mechanisms(Case(hemoglobin_g_dl=13.5, bmpc_percent=3, ferritin_ng_ml=150,
                               transferrin_saturation_percent=30, epo_miu_ml=12, creatinine_mg_dl=0.8))
    assert r.value == [] and "未见" in r.summary
    assert r.explain().startswith("贫血机制（教学启发式）：无。")


def test_missing_fields_are_named():
    r = anemia_mechanisms(Case(bmpc_percent=45))
    assert r.value == ["marrow_infiltration"]
    assert r.missing == ("ferritin_ng_ml/ferritin_ug_l", "transferrin_saturation_percent",
                         "hemoglobin_g_dl/hemoglobin_g_l", "epo_miu_ml")
    assert r.details["mechanisms"]["functional_iron_deficiency"] is None
    empty = anemia_mechanisms(Case())
    assert empty.value is None and "无法判断" in empty.explain()


def test_explain_lists_every_finding():
    text = mech().explain()
    for word in ("骨髓克隆性浆细胞", "铁蛋白", "转铁蛋白饱和度", "血红蛋白", "血清 EPO", "血清肌酐"):
        assert word in text


# ======================================================================================
# genetics
# ======================================================================================
def test_seed_phenotype_is_t4_14_with_gain_1q_high_risk_tp53_intact():
    r = infer_genetic_events(SEED_PHENOTYPE)
    assert r.value == "t(4;14) + 1q 获得"
    assert r.details["primary"] == ["t(4;14)"] and r.details["secondary"] == ["1q 获得"]
    assert r.details["tp53"] == "intact"
    assert r.details["risk_ims2025"] == "high" and r.details["risk_classic"] == "high"
    assert r.details["risk"]["criteria"][1] is True        # IGH translocation with 1q+
    assert "t(11;14)" not in r.value                       # cyclin D1 normal
    assert "教学启发式" in r.summary and "高危" in r.summary
    assert "单等位 del(17p) 仍不能排除" in r.explain()


def test_mmset_without_fgfr3_still_t4_14():
    r = infer_genetic_events(MolecularPhenotype(mmset_high=True, fgfr3_high=False))
    assert r.details["primary"] == ["t(4;14)"] and "der(14)" in r.explain()


def test_cyclin_d1_with_trisomies_is_ambiguous():
    r = infer_genetic_events(MolecularPhenotype(ccnd1_high=True, odd_chromosome_trisomies=True))
    assert r.details["primary"] == ["超二倍体"]
    assert "11 号三体" in r.explain()


def test_maf_with_t4_14_is_not_t14_16():
    r = infer_genetic_events(MolecularPhenotype(mmset_high=True, maf_high=True))
    assert r.details["primary"] == ["t(4;14)"] and "MEK" in r.explain()
    r = infer_genetic_events(MolecularPhenotype(maf_high=True, mmset_high=False, h3k36me2_high=False,
                                                fgfr3_high=False))
    assert r.details["primary"] == ["t(14;16)"]


def test_one_1q_gene_is_not_enough():
    r = infer_genetic_events(MolecularPhenotype(cks1b_high=True))
    assert r.details["secondary"] == [] and "证据不足" in r.explain()


def test_absent_p21_induction_means_tp53_loss():
    r = infer_genetic_events(MolecularPhenotype(tp53_functional=False))
    assert r.details["tp53"] == "lost" and r.details["secondary"] == ["TP53 失活"]
    assert r.value == "TP53 失活"
    assert r.details["implied_case"] == {}      # not converted into a specific lesion


def test_empty_phenotype():
    r = infer_genetic_events(MolecularPhenotype())
    assert r.value is None and "不足以推断" in r.summary


def test_phenotype_validation():
    with pytest.raises(InputError):
        MolecularPhenotype(tp53_functional=1)
    with pytest.raises(UnknownFieldError):
        MolecularPhenotype.from_dict({"fgfr3": True})
    assert MolecularPhenotype.from_dict({"maf_high": False}).maf_high is False
