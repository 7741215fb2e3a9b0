"""Laboratory formulas: expected values computed by hand from the published formulas in each test."""

from __future__ import annotations

import math

import pytest

from mmlib.case import Case
from mmlib.labs import ckd_epi_2021, cockcroft_gault, corrected_calcium, flc_ratio, kidney_function


# --- Cockcroft–Gault (Cockcroft 1976) ------------------------------------------------------------
def test_cockcroft_gault_reference_example():
    # (140 − 60) × 70 / (72 × 1.0) = 5600 / 72 = 77.777…
    r = cockcroft_gault(Case(age_years=60, sex="male", weight_kg=70, creatinine_mg_dl=1.0))
    assert r.value == pytest.approx(77.78, abs=0.005)
    assert "72" in r.checks[-1].note


def test_cockcroft_gault_female_and_si():
    # 88.4 µmol/L = 1.0 mg/dL; female × 0.85: 80 × 70 × 0.85 / 72 = 66.11
    r = cockcroft_gault(Case(age_years=60, sex="female", weight_kg=70, creatinine_umol_l=88.4))
    assert r.value == pytest.approx(80 * 70 * 0.85 / 72)
    assert "88.4" in r.checks[0].note


def test_cockcroft_gault_si_equals_conventional():
    a = cockcroft_gault(Case(age_years=75, sex="male", weight_kg=62, creatinine_mg_dl=1.7)).value
    b = cockcroft_gault(Case(age_years=75, sex="male", weight_kg=62, creatinine_umol_l=1.7 * 88.4)).value
    assert a == pytest.approx(b, rel=1e-12)
    assert a == pytest.approx((140 - 75) * 62 / (72 * 1.7))


def test_cockcroft_gault_missing():
    r = cockcroft_gault(Case(sex="male"))
    assert r.value is None
    assert r.missing == ("age_years", "weight_kg", "creatinine_mg_dl/creatinine_umol_l")


# --- CKD-EPI 2021 (Inker 2021) ------------------------------------------------------------------------------
def ckd_epi_by_hand(scr, age, female):
    kappa, alpha = (0.7, -0.241) if female else (0.9, -0.302)
    return (142 * min(scr / kappa, 1) ** alpha * max(scr / kappa, 1) ** -1.200 * 0.9938 ** age
            * (1.012 if female else 1))


def test_ckd_epi_50_year_old_man():
    # 142 × (1/0.9)^−1.2 × 0.9938^50 ≈ 91.7
    r = ckd_epi_2021(Case(age_years=50, sex="male", creatinine_mg_dl=1.0))
    assert r.value == pytest.approx(142 * (1 / 0.9) ** -1.2 * 0.9938 ** 50)
    assert 91 < r.value < 93


@pytest.mark.parametrize("scr, age, female", [(0.6, 40, True), (0.7, 40, True), (1.3, 70, True),
                                              (0.8, 30, False), (0.9, 55, False), (2.4, 80, False)])
def test_ckd_epi_by_hand(scr, age, female):
    r = ckd_epi_2021(Case(age_years=age, sex="female" if female else "male", creatinine_mg_dl=scr))
    assert r.value == pytest.approx(ckd_epi_by_hand(scr, age, female))


def test_ckd_epi_male_low_creatinine_uses_kappa_0_9():
    """MedCalc-Bench's explanation code uses κ = 0.7 for men with SCr ≤ 0.9 (a bug): not here."""
    r = ckd_epi_2021(Case(age_years=40, sex="male", creatinine_mg_dl=0.7))
    right = 142 * (0.7 / 0.9) ** -0.302 * 0.9938 ** 40
    wrong = 142 * 1.0 * 0.9938 ** 40
    assert r.value == pytest.approx(right) and abs(r.value - wrong) > 5


def test_ckd_epi_missing():
    assert ckd_epi_2021(Case(age_years=40)).missing == ("sex", "creatinine_mg_dl/creatinine_umol_l")


# --- corrected calcium ------------------------------------------------------------------------------------
def test_corrected_calcium_conventional():
    r = corrected_calcium(Case(calcium_mg_dl=9.0, albumin_g_dl=2.5))
    assert r.value == pytest.approx(9.0 + 0.8 * (4.0 - 2.5))
    assert r.details["unit"] == "mg/dL" and "Payne 1973" in r.checks[0].note


def test_corrected_calcium_si_and_mixed():
    r = corrected_calcium(Case(calcium_mmol_l=2.2, albumin_g_l=25))
    assert r.value == pytest.approx(2.2 + 0.02 * (40 - 25))
    assert r.details["mg_dl"] == pytest.approx((2.2 + 0.3) * 4.008)
    r = corrected_calcium(Case(calcium_mg_dl=9.0, albumin_g_l=25))   # albumin converted to g/dL
    assert r.value == pytest.approx(9.0 + 0.8 * 1.5)


def test_corrected_calcium_applied_symmetrically_above_4():
    assert corrected_calcium(Case(calcium_mg_dl=10.0, albumin_g_dl=5.0)).value == pytest.approx(9.2)


def test_corrected_calcium_missing():
    assert corrected_calcium(Case(calcium_mg_dl=10.0)).missing == ("albumin_g_dl/albumin_g_l",)


# --- free light chains ------------------------------------------------------------------------------------
def test_flc_involved_is_larger_without_light_chain():
    d = flc_ratio(Case(flc_kappa_mg_l=8.0, flc_lambda_mg_l=400.0)).details
    assert (d["involved"], d["involved_uninvolved"], d["dflc_mg_l"]) == ("lambda", 50.0, 392.0)
    assert d["kappa_lambda"] == pytest.approx(0.02)


def test_flc_involved_follows_light_chain():
    d = flc_ratio(Case(flc_kappa_mg_l=20.0, flc_lambda_mg_l=10.0, light_chain="lambda")).details
    assert (d["involved"], d["involved_uninvolved"], d["dflc_mg_l"]) == ("lambda", 0.5, -10.0)


@pytest.mark.parametrize("kappa, lam, standard, renal", [
    (26.0, 100.0, False, True),     # 0.26: not < 0.26; < 0.37
    (25.9, 100.0, True, True),
    (16.5, 10.0, False, False),     # 1.65: not > 1.65
    (16.6, 10.0, True, False),      # > 1.65 but ≤ 3.1
    (31.0, 10.0, True, False),      # 3.1: not > 3.1
    (37.0, 100.0, False, False),    # 0.37: not < 0.37
])
def test_flc_ranges(kappa, lam, standard, renal):
    d = flc_ratio(Case(flc_kappa_mg_l=kappa, flc_lambda_mg_l=lam)).details
    assert (d["abnormal_standard"], d["abnormal_renal"]) == (standard, renal)


def test_flc_renal_range_is_used_below_60():
    """κ/λ 2.0 is abnormal by 0.26–1.65 but normal by the renal range 0.37–3.1 (eGFR < 60)."""
    case = dict(flc_kappa_mg_l=40.0, flc_lambda_mg_l=20.0)
    assert flc_ratio(Case(**case, crcl_ml_min=59.9)).details["abnormal"] is False
    assert flc_ratio(Case(**case, crcl_ml_min=60.0)).details["abnormal"] is True
    assert flc_ratio(Case(**case)).details["renal_range"] is None
    # CKD-EPI when no measured CrCl: a 70-year-old woman with SCr 1.5 mg/dL
    egfr = 142 * (1.5 / 0.7) ** -1.2 * 0.9938 ** 70 * 1.012
    assert egfr < 60
    d = flc_ratio(Case(**case, age_years=70, sex="female", creatinine_mg_dl=1.5)).details
    assert d["renal_range"] is True and d["abnormal"] is False


def test_kidney_function_measured_then_ckd_epi():
    # no sex → no CKD-EPI; with age, sex and creatinine → CKD-EPI; a measured CrCl wins
    assert kidney_function(Case(age_years=70, weight_kg=60, creatinine_mg_dl=1.0)) == (None, None, None)
    value, unit, _ = kidney_function(Case(age_years=70, sex="male", weight_kg=60, creatinine_mg_dl=1.0))
    assert unit == "mL/min/1.73 m²" and value == pytest.approx(142 * (1 / 0.9) ** -1.2 * 0.9938 ** 70)
    assert kidney_function(Case(crcl_ml_min=35, age_years=70, sex="male", creatinine_mg_dl=1.0))[:2] == (35.0, "mL/min")


def test_flc_missing():
    r = flc_ratio(Case(flc_kappa_mg_l=10.0))
    assert r.value is None and r.missing == ("flc_lambda_mg_l/flc_lambda_mg_dl",)
    assert math.isclose(flc_ratio(Case(flc_kappa_mg_l=10.0, flc_lambda_mg_l=4.0)).value, 2.5)
