"""IMWG 2014 diagnosis: every published boundary, in both unit systems.

Expected verdicts come from the wording of Rajkumar 2014 (Lancet Oncol 15:e538) as
quoted in the project's fact sheet, not from running the code:
C "> 11 mg/dL (> 2.75 mmol/L)" or "> 1 mg/dL (> 0.25 mmol/L) higher than ULN";
R "CrCl < 40 mL/min" or "creatinine > 2 mg/dL (> 177 µmol/L)";
A "Hb < 10 g/dL (< 100 g/L)" or "> 2 g/dL (> 20 g/L) below LLN"; B "≥ 1 osteolytic lesion";
S "≥ 60 %"; Li "involved/uninvolved ≥ 100 and involved ≥ 100 mg/L"; M "> 1 focal lesion ≥ 5 mm";
MGUS "< 3 g/dL, < 10 %"; SMM "≥ 3 g/dL or urine ≥ 500 mg/24 h and/or 10–60 %".
"""

from __future__ import annotations

import pytest
from mm_cases import NORMAL, NORMAL_SI, with_

from mmlib.case import Case
from mmlib.diagnosis import (CRITERIA_TABLES, classify, crab, criteria_rows, slim, table_numbers)

MGUS_BASE = with_(NORMAL, m_protein_g_dl=1.0, bmpc_percent=5)
SMM_BASE = with_(NORMAL, m_protein_g_dl=1.0, bmpc_percent=20)


def dx(base=NORMAL, **kw):
    return classify(Case.from_dict(with_(base, **kw))).value


def crab_of(base=NORMAL, **kw):
    return crab(Case.from_dict(with_(base, **kw))).details


def slim_of(base=NORMAL, **kw):
    return slim(Case.from_dict(with_(base, **kw))).details


# --- the seed's three cases ---------------------------------------------------------------
def test_seed_mgus():
    assert dx(m_protein_g_dl=2.8, bmpc_percent=8) == "mgus"


def test_seed_smm():
    assert dx(m_protein_g_dl=3.5, bmpc_percent=20) == "smoldering_multiple_myeloma"


def test_seed_mm_two_mri_lesions():
    assert dx(bmpc_percent=12, mri_focal_lesions=2) == "multiple_myeloma"


def test_seed_cases_in_si_units():
    assert dx(NORMAL_SI, m_protein_g_l=28, bmpc_percent=8) == "mgus"
    assert dx(NORMAL_SI, m_protein_g_l=35, bmpc_percent=20) == "smoldering_multiple_myeloma"
    assert dx(NORMAL_SI, bmpc_percent=12, mri_focal_lesions=2) == "multiple_myeloma"


# --- M-protein 3 g/dL / 30 g/L ----------------------------------------------------------
@pytest.mark.parametrize("field, value, expected", [
    ("m_protein_g_dl", 3.0, "smoldering_multiple_myeloma"),   # ≥ 3 g/dL
    ("m_protein_g_dl", 2.99, "mgus"),
    ("m_protein_g_l", 30.0, "smoldering_multiple_myeloma"),   # ≥ 30 g/L
    ("m_protein_g_l", 29.9, "mgus"),
    ("m_protein_g_l", 3.2, "mgus"),                           # a small M-spike in g/L is plausible
])
def test_m_protein_boundary(field, value, expected):
    assert dx(MGUS_BASE, **{field: value}) == expected


# --- urine M-protein 500 mg/24 h ----------------------------------------------------------
@pytest.mark.parametrize("urine, expected", [(500.0, "smoldering_multiple_myeloma"), (499.0, "mgus")])
def test_urine_boundary(urine, expected):
    assert dx(MGUS_BASE, urine_m_protein_mg_24h=urine) == expected


# --- BMPC 10 % and 60 % -----------------------------------------------------------------------
@pytest.mark.parametrize("bmpc, expected", [
    (9.9, "mgus"), (10.0, "smoldering_multiple_myeloma"),      # SMM: 10 %
    (59.9, "smoldering_multiple_myeloma"), (60.0, "multiple_myeloma"),   # S: ≥ 60 %
])
def test_bmpc_boundaries(bmpc, expected):
    assert dx(MGUS_BASE, bmpc_percent=bmpc) == expected


def test_s_alone_is_mm_even_without_other_data():
    """BMPC ≥ 60 % is an MDE and BMPC ≥ 10 %: MM whatever else is missing."""
    assert classify(Case(bmpc_percent=60)).value == "multiple_myeloma"


# --- Li: ratio 100 and involved FLC 100 mg/L -----------------------------------------------
@pytest.mark.parametrize("kappa, lam, li", [
    (100.0, 1.0, True),      # ratio exactly 100, involved exactly 100 mg/L
    (99.9, 0.5, False),      # ratio 199.8 but involved 99.9 mg/L < 100
    (198.0, 2.0, False),     # involved 198 mg/L but ratio 99
    (999.0, 10.0, False),    # ratio 99.9
    (1.0, 100.0, True),      # λ involved: 100 / 1
])
def test_li_boundaries(kappa, lam, li):
    assert slim_of(flc_kappa_mg_l=kappa, flc_lambda_mg_l=lam)["Li"] is li
    assert dx(SMM_BASE, flc_kappa_mg_l=kappa, flc_lambda_mg_l=lam) == (
        "multiple_myeloma" if li else "smoldering_multiple_myeloma")


def test_li_uses_the_declared_light_chain():
    """With light_chain = lambda, λ is the involved chain even when κ is larger."""
    assert slim_of(flc_kappa_mg_l=150.0, flc_lambda_mg_l=1.0, light_chain="lambda")["Li"] is False


# --- M: MRI focal lesions ------------------------------------------------------------------
@pytest.mark.parametrize("kw, m", [
    ({"mri_focal_lesions": 1}, False), ({"mri_focal_lesions": 2}, True),
    ({"mri_lesion_sizes_mm": [5.0, 5.0]}, True), ({"mri_lesion_sizes_mm": [5.0, 4.9]}, False),
    ({"mri_lesion_sizes_mm": [12.0]}, False), ({"mri_lesion_sizes_mm": []}, False),
])
def test_mri_boundaries(kw, m):
    assert slim_of(**kw)["M"] is m


# --- C: calcium ------------------------------------------------------------------------------
@pytest.mark.parametrize("kw, c", [
    ({"calcium_mg_dl": 11.0}, False), ({"calcium_mg_dl": 11.1}, True),
    ({"calcium_mmol_l": 2.75, "calcium_uln_mmol_l": 2.6}, False),
    ({"calcium_mmol_l": 2.76, "calcium_uln_mmol_l": 2.6}, True),
    # ULN + 1 mg/dL / 0.25 mmol/L exactly is not "> 1 above the ULN"
    ({"calcium_mg_dl": 10.5, "calcium_uln_mg_dl": 9.5}, False),
    ({"calcium_mg_dl": 10.6, "calcium_uln_mg_dl": 9.5}, True),
    ({"calcium_mmol_l": 2.65, "calcium_uln_mmol_l": 2.40}, False),
    ({"calcium_mmol_l": 2.66, "calcium_uln_mmol_l": 2.40}, True),
    # ULN in the other unit: converted to the unit of the calcium (2.2 mmol/L = 8.8176 mg/dL)
    ({"calcium_mg_dl": 10.9, "calcium_uln_mmol_l": 2.2}, True),
    ({"calcium_mg_dl": 10.9, "calcium_uln_mmol_l": 2.5}, False),
])
def test_calcium_boundaries(kw, c):
    assert crab_of(**kw)["C"] is c


def test_calcium_gap_between_the_published_parallels():
    """11 mg/dL = 2.745 mmol/L: 2.748 mmol/L (= 11.01 mg/dL) is not > 2.75, but 11.01 mg/dL is > 11.

    The library compares in the unit given (documented in mmlib.diagnosis)."""
    assert crab_of(calcium_mmol_l=2.748, calcium_uln_mmol_l=2.6)["C"] is False
    assert crab_of(calcium_mg_dl=11.01, calcium_uln_mg_dl=10.5)["C"] is True


def test_calcium_uses_measured_not_corrected_value():
    """Ca 10.8 mg/dL with albumin 2.0 g/dL corrects to 12.4 mg/dL, but C reads the measured serum calcium."""
    r = crab(Case.from_dict(with_(NORMAL, calcium_mg_dl=10.8, albumin_g_dl=2.0)))
    assert r.details["C"] is False
    corrected = [c for c in r.checks if c.criterion == "imwg2014.crab.corrected_calcium"]
    assert corrected and corrected[0].value == pytest.approx(10.8 + 0.8 * (4.0 - 2.0))


# --- R: creatinine and CrCl ------------------------------------------------------------------
@pytest.mark.parametrize("kw, r", [
    ({"creatinine_mg_dl": 2.0}, False), ({"creatinine_mg_dl": 2.01}, True),
    ({"creatinine_umol_l": 177.0}, False), ({"creatinine_umol_l": 178.0}, True),
    ({"crcl_ml_min": 40.0}, False), ({"crcl_ml_min": 39.9}, True),
])
def test_renal_boundaries(kw, r):
    assert crab_of(**kw)["R"] is r


def test_creatinine_gap():
    """2 mg/dL = 176.8 µmol/L: 176.9 µmol/L (= 2.001 mg/dL) is not > 177, but 2.001 mg/dL is > 2."""
    assert crab_of(creatinine_umol_l=176.9)["R"] is False
    assert crab_of(creatinine_mg_dl=2.001)["R"] is True


def test_crcl_estimated_by_cockcroft_gault_at_40():
    """(140 − 60) × 72 kg / (72 × 2.0 mg/dL) = 40 mL/min exactly: not < 40; with 71.9 kg it is 39.94."""
    base = {k: v for k, v in NORMAL.items() if k != "crcl_ml_min"}
    assert crab_of(base, age_years=60, sex="male", weight_kg=72, creatinine_mg_dl=2.0)["R"] is False
    assert crab_of(base, age_years=60, sex="male", weight_kg=71.9, creatinine_mg_dl=2.0)["R"] is True


def test_renal_without_crcl_is_unknown_unless_creatinine_decides():
    """With no clearance and no Cockcroft–Gault inputs, a creatinine ≤ 2 mg/dL leaves R unknown (an
    85-year-old 50-kg woman with SCr 1.4 has ~23 mL/min), and the missing list names the clearance inputs;
    a creatinine > 2 mg/dL decides R on its own."""
    base = {k: v for k, v in NORMAL.items() if k != "crcl_ml_min"}
    r = crab(Case.from_dict(with_(base, creatinine_mg_dl=1.4)))
    assert r.details["R"] is None
    crcl_line = next(c for c in r.checks if c.criterion == "imwg2014.crab.crcl")
    assert crcl_line.verdict is None and "crcl_ml_min" in r.missing and "weight_kg" in r.missing
    assert crab_of(base, creatinine_mg_dl=1.4, age_years=85, sex="female", weight_kg=50)["R"] is True
    assert crab_of(base, creatinine_mg_dl=2.1)["R"] is True


@pytest.mark.parametrize("kw, item, expected", [
    ({"calcium_mg_dl": 11.0}, "C", None),       # exactly 11 without a ULN: the ULN arm could still be met
    ({"calcium_mg_dl": 11.1}, "C", True),       # one arm met is enough
    ({"calcium_mmol_l": 2.75}, "C", None),
    ({"hemoglobin_g_dl": 10.0}, "A", None),     # exactly 10 without an LLN: the LLN arm could still be met
    ({"hemoglobin_g_l": 99.0}, "A", True),
    ({"creatinine_umol_l": 177.0}, "R", None),  # no clearance: the clearance arm could still be met
    ({"creatinine_mg_dl": 2.01}, "R", True),
])
def test_single_measurement_decides_its_item_only_when_met(kw, item, expected):
    """Kleene "or" of the two published arms: a met arm decides; a negative arm alone does not."""
    assert crab(Case.from_dict(kw)).details[item] is expected


def test_relative_arm_still_counts_when_the_limit_is_given():
    # Hb 10.5 g/dL is above the absolute cut-off, but 2.5 g/dL below an LLN of 13: anaemia by the relative arm
    assert crab(Case.from_dict({"hemoglobin_g_dl": 10.5, "hemoglobin_lln_g_dl": 13.0})).details["A"] is True
    assert crab(Case.from_dict({"hemoglobin_g_dl": 10.5, "hemoglobin_lln_g_dl": 12.0})).details["A"] is False
    assert crab(Case.from_dict({"hemoglobin_g_dl": 10.5})).details["A"] is None


# --- A: haemoglobin ----------------------------------------------------------------------------
@pytest.mark.parametrize("kw, a", [
    ({"hemoglobin_g_dl": 10.0, "hemoglobin_lln_g_dl": 12.0}, False),
    ({"hemoglobin_g_dl": 9.9, "hemoglobin_lln_g_dl": 12.0}, True),
    ({"hemoglobin_g_l": 100.0, "hemoglobin_lln_g_l": 120.0}, False),
    ({"hemoglobin_g_l": 99.0, "hemoglobin_lln_g_l": 120.0}, True),
    # exactly 2 g/dL / 20 g/L below the LLN is not "> 2 below"
    ({"hemoglobin_g_dl": 11.5, "hemoglobin_lln_g_dl": 13.5}, False),
    ({"hemoglobin_g_dl": 11.4, "hemoglobin_lln_g_dl": 13.5}, True),
    ({"hemoglobin_g_l": 115.0, "hemoglobin_lln_g_l": 135.0}, False),
    ({"hemoglobin_g_l": 114.0, "hemoglobin_lln_g_l": 135.0}, True),
    ({"hemoglobin_g_dl": 11.4, "hemoglobin_lln_g_l": 135.0}, True),   # LLN in the other unit
])
def test_anaemia_boundaries(kw, a):
    assert crab_of(**kw)["A"] is a


# --- B: bone lesions and the plasmacytoma footnote ---------------------------------------------------
@pytest.mark.parametrize("lesions, b", [(0, False), (1, True)])
def test_bone_boundary(lesions, b):
    assert crab_of(lytic_lesions=lesions)["B"] is b


@pytest.mark.parametrize("bmpc, lesions, expected", [
    (0.0, 1, "solitary_plasmacytoma"),
    (5.0, 1, "solitary_plasmacytoma_minimal_marrow"),   # one lesion = the plasmacytoma itself
    (5.0, 2, "multiple_myeloma"),                        # > 1 bone lesion needed when BMPC < 10 %
    (10.0, 1, "multiple_myeloma"),                       # BMPC ≥ 10 %: one lesion is B
])
def test_plasmacytoma_footnote(bmpc, lesions, expected):
    assert dx(biopsy_proven_plasmacytoma=True, bmpc_percent=bmpc, lytic_lesions=lesions) == expected


def test_plasmacytoma_without_marrow_is_indeterminate():
    r = classify(Case.from_dict(with_(NORMAL, biopsy_proven_plasmacytoma=True, lytic_lesions=1)))
    assert (r.value, r.details["reason"]) == ("indeterminate", "missing_data")
    assert "bmpc_percent" in r.missing


# --- light-chain MGUS ------------------------------------------------------------------------------
LC = with_(NORMAL, isotype="light_chain", bmpc_percent=5, urine_m_protein_mg_24h=100.0)


@pytest.mark.parametrize("kappa, lam, expected", [
    (40.0, 10.0, "light_chain_mgus"),    # κ/λ 4 > 1.65 and κ 40 > 19.4
    (19.4, 10.0, "indeterminate"),       # ratio 1.94 but κ not above 19.4 mg/L
    (16.5, 10.0, "indeterminate"),       # ratio exactly 1.65: not > 1.65
    (5.2, 20.0, "indeterminate"),        # ratio exactly 0.26: not < 0.26 (and λ not raised)
    (5.0, 30.0, "light_chain_mgus"),     # κ/λ 0.167 < 0.26 and λ 30 > 26.3
])
def test_light_chain_mgus(kappa, lam, expected):
    r = classify(Case.from_dict(with_(LC, flc_kappa_mg_l=kappa, flc_lambda_mg_l=lam)))
    assert r.value == expected
    if expected == "indeterminate":
        assert r.details["reason"] == "light_chain_criteria_not_met"


def test_light_chain_urine_500_is_smm():
    assert dx(LC, flc_kappa_mg_l=40.0, flc_lambda_mg_l=10.0, urine_m_protein_mg_24h=500.0) == \
        "smoldering_multiple_myeloma"


def test_light_chain_mgus_needs_urine():
    r = classify(Case.from_dict({k: v for k, v in with_(LC, flc_kappa_mg_l=40.0).items()
                                 if k != "urine_m_protein_mg_24h"}))
    assert (r.value, r.details["provisional"]) == ("indeterminate", None)
    assert "urine_m_protein_mg_24h" in r.missing


# --- IgM ------------------------------------------------------------------------------------------
def test_igm_large_is_outside_the_model():
    r = classify(Case.from_dict(with_(NORMAL, isotype="IgM", m_protein_g_dl=3.0, bmpc_percent=5)))
    assert (r.value, r.details["reason"]) == ("indeterminate", "igm_outside_model")
    assert "Waldenström" in r.details["reason_zh"]


def test_igm_with_a_myeloma_defining_event_follows_the_mm_rule():
    # IgM myeloma: >= 10 % clonal plasma cells (here 65 %, also S) with an MDE is MM, not "outside the model"
    r = classify(Case.from_dict(with_(NORMAL, isotype="IgM", m_protein_g_dl=3.5, bmpc_percent=65)))
    assert r.value == "multiple_myeloma"
    r = classify(Case.from_dict(with_(NORMAL, isotype="IgM", biopsy_proven_plasmacytoma=True, hemoglobin_g_dl=8.0,
                                      m_protein_g_dl=1.0, bmpc_percent=12)))
    assert r.value == "multiple_myeloma"


def test_igm_small_is_igm_mgus():
    r = classify(Case.from_dict(with_(NORMAL, isotype="IgM", m_protein_g_dl=1.0, bmpc_percent=5)))
    assert (r.value, r.details["subtype"]) == ("mgus", "igm_mgus")


# --- missing data and other indeterminate cases ------------------------------------------------------------
def test_crab_without_clonal_basis():
    r = classify(Case.from_dict(with_(MGUS_BASE, hemoglobin_g_dl=8.0)))
    assert (r.value, r.details["reason"]) == ("indeterminate", "mde_without_clonal_basis")


def test_mgus_needs_every_crab_item():
    r = classify(Case(m_protein_g_dl=2.8, bmpc_percent=8))
    assert (r.value, r.details["provisional"]) == ("indeterminate", "mgus")
    assert "lytic_lesions" in r.missing


def test_mgus_does_not_need_slim_data():
    """IMWG defines MGUS by the absence of CRAB; unknown Li/M are noted, not blocking."""
    base = {k: v for k, v in MGUS_BASE.items() if k not in ("flc_kappa_mg_l", "flc_lambda_mg_l", "mri_focal_lesions")}
    r = classify(Case.from_dict(base))
    assert r.value == "mgus"
    assert any("SLiM" in n for n in r.details["notes"])


def test_smm_needs_every_mde():
    base = {k: v for k, v in SMM_BASE.items() if k != "mri_focal_lesions"}
    r = classify(Case.from_dict(base))
    assert (r.value, r.details["provisional"]) == ("indeterminate", "smoldering_multiple_myeloma")
    assert r.missing == ("mri_lesion_sizes_mm/mri_focal_lesions",)


def test_mm_from_one_event_despite_missing_fields():
    r = classify(Case(bmpc_percent=15, hemoglobin_g_l=85))
    assert r.value == "multiple_myeloma" and r.details["crab"]["A"] is True


def test_event_with_unknown_marrow():
    r = classify(Case(hemoglobin_g_dl=8.0))
    assert (r.value, r.missing) == ("indeterminate", ("bmpc_percent",))


# --- criteria tables ---------------------------------------------------------------------------------
def test_criteria_tables_hold_the_published_numbers():
    assert table_numbers("crab") == {11, 2.75, 1, 0.25, 40, 2, 177, 10, 100, 20}
    assert table_numbers("slim") == {60, 100, 1, 5}
    assert table_numbers("spectrum") == {3, 30, 10, 60, 500}
    assert table_numbers("light_chain_mgus") == {0.26, 1.65, 19.4, 26.3, 10, 500}
    assert set(CRITERIA_TABLES) == {"crab", "slim", "spectrum", "light_chain_mgus"}
    rows = criteria_rows("spectrum")
    assert {"< 3 g/dL", "≥ 3 g/dL"} <= {r["常规单位"] for r in rows}
    assert {"< 30 g/L", "≥ 30 g/L"} <= {r["国际单位"] for r in rows}


def test_plasmacytoma_with_unknown_crab_is_provisional():
    r = classify(Case(biopsy_proven_plasmacytoma=True, bmpc_percent=0, lytic_lesions=1))
    assert (r.value, r.details["provisional"]) == ("indeterminate", "solitary_plasmacytoma")
    assert "calcium_mg_dl/calcium_mmol_l" in r.missing and "lytic_lesions" not in r.missing
    r = classify(Case(biopsy_proven_plasmacytoma=True, bmpc_percent=4, lytic_lesions=1))
    assert r.details["provisional"] == "solitary_plasmacytoma_minimal_marrow"
