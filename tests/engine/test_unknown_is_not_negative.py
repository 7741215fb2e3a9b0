"""Missing data is unknown, never negative; asserted findings; a monoclonal protein is required.

Expected values follow IMWG 2014 (Rajkumar et al., Lancet Oncol 2014): each of C, R and A is met by either of
two arms, so an item is absent only when both arms are known and not met; MGUS, SMM and light-chain MGUS
presuppose a monoclonal protein; plasma cell leukaemia is ≥ 5 % circulating plasma cells in a patient who
otherwise meets the MM criteria (Fernández de Larrea et al., Blood Cancer J 2021).
"""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from mmlib import assess
from mmlib.case import ASSERTED_CRAB, Case
from mmlib.cohort import assess_frame
from mmlib.diagnosis import classify, crab
from mmlib.errors import InputError, MMLibError
from mmlib.labs import cockcroft_gault

NORMAL_EVENTS = dict(lytic_lesions=0, flc_kappa_mg_l=15, flc_lambda_mg_l=12, mri_focal_lesions=0)


# --- the two cases of the issue ----------------------------------------------------------------------

def test_elderly_woman_without_weight_is_not_called_smm():
    base = dict(age_years=85, sex="female", creatinine_mg_dl=1.5, m_protein_g_dl=3.5, bmpc_percent=20,
                calcium_mg_dl=9.5, calcium_uln_mg_dl=10.5, hemoglobin_g_dl=13, hemoglobin_lln_g_dl=12,
                **NORMAL_EVENTS)
    r = classify(Case(**base))
    assert r.value == "indeterminate"
    assert r.details["provisional"] == "smoldering_multiple_myeloma"
    assert r.details["crab"]["R"] is None and "weight_kg" in r.missing
    # with 45 kg: (140 − 85) × 45 × 0.85 / (72 × 1.5) = 19.5 mL/min < 40 → R, and MM
    with_weight = Case(**base, weight_kg=45)
    assert round(cockcroft_gault(with_weight).value, 1) == 19.5
    assert classify(with_weight).value == "multiple_myeloma"


def test_calcium_below_11_without_uln_is_unknown_not_absent():
    r = crab(Case(calcium_mg_dl=10.8))
    assert r.details["C"] is None
    assert "calcium_uln_mg_dl/calcium_uln_mmol_l" in r.missing
    assert crab(Case(calcium_mg_dl=10.8, calcium_uln_mg_dl=9.7)).details["C"] is True   # 1.1 above the ULN
    assert crab(Case(calcium_mg_dl=10.8, calcium_uln_mg_dl=10.2)).details["C"] is False


@pytest.mark.parametrize("kw, item", [
    (dict(hemoglobin_g_l=105), "A"),
    (dict(calcium_mmol_l=2.6), "C"),
    (dict(creatinine_umol_l=150), "R"),
])
def test_a_negative_arm_alone_leaves_the_item_open_in_si_units_too(kw, item):
    assert crab(Case(**kw)).details[item] is None


# --- asserted findings -------------------------------------------------------------------------------

def test_crab_absent_makes_a_vignette_classifiable_and_is_shown_as_asserted():
    r = classify(Case(m_protein_g_dl=2.0, bmpc_percent=5, isotype="IgG", crab_absent=True))
    assert r.value == "mgus"
    a = assess(Case(m_protein_g_dl=2.0, bmpc_percent=5, isotype="IgG", crab_absent=True))
    asserted = [t for t in a.trace() if t["criterion"].startswith("imwg2014.crab.asserted_")]
    assert {t["criterion"][-1] for t in asserted} == {"C", "R", "A", "B"}
    assert all("病例陈述" in t["label"] for t in asserted)


@pytest.mark.parametrize("item, field", sorted(ASSERTED_CRAB.items()))
def test_each_item_assertion_decides_only_its_item(item, field):
    r = crab(Case(**{field: False}))
    assert r.details[item] is False
    assert all(v is None for k, v in r.details.items() if k != item)
    assert crab(Case(**{field: True})).details[item] is True


def test_assertion_fills_the_open_arm_but_cannot_contradict_a_decided_one():
    # Hb 10.5 g/dL with no LLN: A is open; the vignette's "无贫血" closes it
    assert crab(Case(hemoglobin_g_dl=10.5, anemia=False)).details["A"] is False
    with pytest.raises(InputError) as err:
        crab(Case(hemoglobin_g_dl=9.0, anemia=False))
    assert err.value.field == "anemia" and "A" in err.value.en
    with pytest.raises(InputError):
        crab(Case(calcium_mg_dl=9.0, calcium_uln_mg_dl=10.5, hypercalcemia=True))
    with pytest.raises(InputError):
        crab(Case(lytic_lesions=3, crab_absent=True))


def test_crab_absent_false_and_double_statements_are_input_errors():
    with pytest.raises(InputError) as err:
        Case(crab_absent=False)
    assert err.value.field == "crab_absent"
    with pytest.raises(MMLibError):
        Case(crab_absent=True, anemia=False)


def test_cohort_path_raises_the_same_errors_with_the_row():
    df = pd.DataFrame({"hemoglobin_g_dl": [12.0, 9.0], "anemia": [None, False]})
    with pytest.raises(InputError) as err:
        assess_frame(df)
    assert "第 1 行" in err.value.zh and "row 1" in err.value.en
    df = pd.DataFrame({"crab_absent": [True, None], "anemia": [False, None]})
    with pytest.raises(MMLibError):
        assess_frame(df)


# --- a monoclonal protein is required ----------------------------------------------------------------

def test_no_monoclonal_protein_is_not_mgus():
    r = classify(Case(m_protein_g_dl=0, urine_m_protein_mg_24h=0, flc_kappa_mg_l=12, flc_lambda_mg_l=14,
                      bmpc_percent=3, crab_absent=True))
    assert r.value == "no_monoclonal_gammopathy"
    assert assess(Case(m_protein_g_l=0, urine_m_protein_mg_24h=0, flc_kappa_mg_l=12, flc_lambda_mg_l=14,
                       bmpc_percent=0)).to_dict()["diagnosis"] == "no_monoclonal_gammopathy"


def test_no_monoclonal_protein_without_marrow_is_provisional():
    r = classify(Case(m_protein_g_dl=0, urine_m_protein_mg_24h=0, flc_kappa_mg_l=12, flc_lambda_mg_l=14))
    assert r.value == "indeterminate"
    assert r.details["provisional"] == "no_monoclonal_gammopathy" and r.missing == ("bmpc_percent",)


def test_serum_zero_without_urine_or_flc_is_not_decided():
    r = classify(Case(m_protein_g_dl=0, bmpc_percent=3, crab_absent=True))
    assert r.value == "indeterminate" and r.details["provisional"] is None
    assert "urine_m_protein_mg_24h" in r.missing and "flc_kappa_mg_l/flc_kappa_mg_dl" in r.missing


def test_light_chain_only_presentation():
    # no spike, abnormal ratio: the immunofixation result decides which rule applies
    base = dict(m_protein_g_dl=0, flc_kappa_mg_l=120, flc_lambda_mg_l=10, bmpc_percent=3, crab_absent=True,
                urine_m_protein_mg_24h=100)
    r = classify(Case(**base))
    assert r.value == "indeterminate" and r.details["reason"] == "isotype_needed" and r.missing == ("isotype",)
    assert classify(Case(**base, isotype="light_chain")).value == "light_chain_mgus"


def test_urine_only_presentation():
    base = dict(m_protein_g_dl=0, flc_kappa_mg_l=15, flc_lambda_mg_l=12, bmpc_percent=3, crab_absent=True,
                mri_focal_lesions=0)
    assert classify(Case(**base, urine_m_protein_mg_24h=300)).details["reason"] == "isotype_needed"
    assert classify(Case(**base, urine_m_protein_mg_24h=600)).value == "smoldering_multiple_myeloma"


def test_heavy_chain_isotype_counts_as_a_serum_protein_even_without_a_spike():
    r = classify(Case(isotype="IgA", m_protein_g_dl=0, bmpc_percent=4, crab_absent=True))
    assert r.value == "mgus"


# --- subtypes of MM ------------------------------------------------------------------------------------

MM = dict(m_protein_g_dl=3.5, bmpc_percent=30, lytic_lesions=3)


@pytest.mark.parametrize("cpc, subtype", [(5.0, "plasma_cell_leukemia"), (4.9, None), (20.0, "plasma_cell_leukemia")])
def test_plasma_cell_leukaemia_at_5_percent(cpc, subtype):
    r = classify(Case(**MM, circulating_pc_percent=cpc))
    assert r.value == "multiple_myeloma" and r.details["subtype"] == subtype


def test_circulating_cells_without_mm_are_not_pcl():
    r = classify(Case(m_protein_g_dl=2.0, bmpc_percent=5, crab_absent=True, circulating_pc_percent=8))
    assert r.value == "mgus" and r.details["subtype"] is None


def test_pcl_unknown_is_said():
    r = classify(Case(**MM))
    assert r.details["subtype"] is None
    assert any("circulating_pc_percent" in n for n in r.details["notes"])


def test_non_secretory_and_light_chain_myeloma():
    ns = classify(Case(m_protein_g_dl=0, urine_m_protein_mg_24h=0, flc_kappa_mg_l=12, flc_lambda_mg_l=14,
                       bmpc_percent=30, lytic_lesions=2))
    assert ns.value == "multiple_myeloma" and ns.details["subtype"] == "non_secretory_myeloma"
    lc = classify(Case(isotype="light_chain", light_chain="kappa", flc_kappa_mg_l=900, flc_lambda_mg_l=5,
                       bmpc_percent=30))
    assert lc.value == "multiple_myeloma" and lc.details["subtype"] == "light_chain_myeloma"


# --- units and fields laboratories report ------------------------------------------------------------

def test_flc_in_mg_dl_equals_mg_l_times_ten():
    a = assess(Case(flc_kappa_mg_dl=30, flc_lambda_mg_dl=1)).to_dict()
    b = assess(Case(flc_kappa_mg_l=300, flc_lambda_mg_l=10)).to_dict()
    assert a["flc_ratio_kappa_lambda"] == b["flc_ratio_kappa_lambda"] == 30
    assert a["involved_light_chain"] == "kappa"
    with pytest.raises(MMLibError):
        Case(flc_kappa_mg_dl=3, flc_kappa_mg_l=30)


def test_reported_egfr_selects_the_renal_flc_range():
    # κ/λ 2.0: abnormal by the standard range (> 1.65), normal by the renal range (≤ 3.1; Hutchison 2008)
    from mmlib.labs import flc_ratio
    assert flc_ratio(Case(flc_kappa_mg_l=40, flc_lambda_mg_l=20)).details["abnormal"] is True
    assert flc_ratio(Case(flc_kappa_mg_l=40, flc_lambda_mg_l=20, egfr_ml_min_1_73m2=35)).details["abnormal"] is False
    assert flc_ratio(Case(flc_kappa_mg_l=40, flc_lambda_mg_l=20, egfr_ml_min_1_73m2=75)).details["abnormal"] is True


def test_cytogenetic_high_risk_for_a_non_mm_case_says_it_is_defined_for_mm():
    a = assess(Case(m_protein_g_dl=3.5, bmpc_percent=20, del17p=True, del17p_ccf_percent=60, crab_absent=True,
                    flc_kappa_mg_l=30, flc_lambda_mg_l=10, mri_focal_lesions=0))
    assert a.diagnosis == "smoldering_multiple_myeloma"
    assert "适用于已确诊的多发性骨髓瘤" in a.results["cytogenetic_risk"].summary
    mm = assess(Case(**MM, del17p=True, del17p_ccf_percent=60))
    assert "适用于已确诊" not in mm.results["cytogenetic_risk"].summary


# --- property: information never flips a decided item --------------------------------------------------

LAB = {
    "calcium_mg_dl": st.floats(6, 15), "calcium_uln_mg_dl": st.floats(9, 11),
    "hemoglobin_g_dl": st.floats(5, 16), "hemoglobin_lln_g_dl": st.floats(11, 14),
    "creatinine_mg_dl": st.floats(0.4, 6), "age_years": st.integers(30, 95),
    "weight_kg": st.floats(40, 120), "sex": st.sampled_from(["male", "female"]),
    "lytic_lesions": st.integers(0, 4),
}


@settings(max_examples=300, deadline=None)
@given(st.fixed_dictionaries(LAB), st.sets(st.sampled_from(sorted(LAB))))
def test_dropping_inputs_never_flips_a_crab_item(full, dropped):
    """Kleene monotonicity: with fewer inputs an item keeps its verdict or becomes unknown."""
    known = crab(Case(**full)).details
    assert all(v is not None for v in known.values())
    partial = crab(Case(**{k: v for k, v in full.items() if k not in dropped})).details
    for item, v in partial.items():
        assert v is None or v == known[item], (item, dropped)
