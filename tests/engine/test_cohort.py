"""assess_frame agrees with assess row by row; column validation names the row and the column."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mm_cases import case_dicts, to_si

from mmlib.assess import assess
from mmlib.case import FIELD_NAMES
from mmlib.cohort import OUTPUT_COLUMNS, assess_frame, validate_frame
from mmlib.errors import InputError, MMLibError, UnitConflictError, UnknownFieldError

NUMBERS = ("crcl_ml_min", "egfr_ml_min_1_73m2", "corrected_calcium_mg_dl", "flc_ratio_involved_uninvolved")


def _same_number(a, b) -> bool:
    if a is None or (isinstance(a, float) and math.isnan(a)):
        return b is None or (isinstance(b, float) and math.isnan(b))
    return b is not None and not (isinstance(b, float) and math.isnan(b)) and math.isclose(a, b, rel_tol=1e-12)


def _agree(cases: list[dict]) -> None:
    valid = []
    for d in cases:  # a case that one path rejects (a stated item the lab values contradict) the other rejects too
        try:
            assess(d)
        except MMLibError:
            one = pd.DataFrame([d], columns=[f for f in FIELD_NAMES if f in d])
            with pytest.raises(MMLibError):
                assess_frame(one)
            continue
        valid.append(d)
    cases = valid
    if not cases:
        return
    df = pd.DataFrame(cases, columns=[f for f in FIELD_NAMES if any(f in c for c in cases)])
    out = assess_frame(df)
    assert list(out.columns) == list(OUTPUT_COLUMNS)
    for i, d in enumerate(cases):
        row = out.iloc[i]
        j = assess(d).to_dict()
        assert row["diagnosis"] == j["diagnosis"], (d, row["diagnosis"], j["diagnosis"])
        assert row["diagnosis_reason"] == j["diagnosis_detail"]["reason"]
        assert row["diagnosis_provisional"] == j["diagnosis_detail"]["provisional"]
        for k in ("C", "R", "A", "B"):
            assert (None if row[k] is pd.NA else bool(row[k])) == j["crab"][k], (k, d)
        for k in ("S", "Li", "M"):
            assert (None if row[k] is pd.NA else bool(row[k])) == j["slim"][k], (k, d)
        for k in NUMBERS:
            assert _same_number(j[k], row[k]), (k, j[k], row[k], d)
        for k in ("iss", "riss", "r2iss"):
            assert row[k] == (j[k] or {}).get("stage"), (k, d)
        pts = (j["r2iss"] or {}).get("points")
        assert _same_number(pts, row["r2iss_points"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(st.one_of(case_dicts(), case_dicts(units="si"), case_dicts(complete=True), case_dicts(stated=True)),
                min_size=1, max_size=12))
def test_agrees_with_assess_hypothesis(cases):
    _agree(cases)


def test_agrees_with_assess_on_random_cases():
    """A few hundred random cases with missing values, mixed units, and the list-valued MRI field."""
    rng = np.random.default_rng(20240601)
    _agree([_random_case(rng) for _ in range(400)])


def _random_case(rng: np.random.Generator) -> dict:
    """Half the cases are 'near-complete and mostly normal' (so MGUS/SMM/LC-MGUS/plasmacytoma occur)."""
    healthy = rng.random() < 0.5

    def maybe(p=0.75):
        return rng.random() < (0.97 if healthy else p)
    d: dict = {}
    if maybe():
        d["age_years"] = int(rng.integers(30, 91))
    if maybe():
        d["sex"] = str(rng.choice(["male", "female"]))
    if maybe():
        d["weight_kg"] = round(float(rng.uniform(40, 120)), 1)
    if maybe(0.6):
        d["isotype"] = str(rng.choice(["IgG", "IgA", "IgM", "IgD", "IgE", "light_chain"]))
    if maybe(0.5):
        d["light_chain"] = str(rng.choice(["kappa", "lambda"]))
    if maybe():
        x = round(float(rng.uniform(0, 6)), 1)
        if maybe(0.5):
            d["m_protein_g_dl"] = x
        else:
            d["m_protein_g_l"] = round(x * 10, 1)
    bm_hi, ca_lo, ca_hi, hb_lo, cr_hi, flc_hi = (25, 8.5, 10.4, 12.5, 1.2, 4) if healthy else (90, 7, 14, 6, 5, 8)
    for f, lo, hi in (("urine_m_protein_mg_24h", 0, 800), ("bmpc_percent", 0, bm_hi), ("beta2m_mg_l", 1, 9),
                      ("ldh_u_l", 100, 500), ("crcl_ml_min", 15, 120)):
        if maybe(0.7 if f != "crcl_ml_min" else 0.3):
            d[f] = round(float(rng.uniform(lo, hi)), 1)
    if "ldh_u_l" in d:
        d["ldh_uln_u_l"] = float(rng.choice([220.0, 250.0]))
    if maybe():
        d["flc_kappa_mg_l"] = round(float(np.exp(rng.uniform(0, flc_hi))), 2)
    if maybe():
        d["flc_lambda_mg_l"] = round(float(np.exp(rng.uniform(0, flc_hi))), 2)
    if maybe(0.4):
        d["biopsy_proven_plasmacytoma"] = bool(rng.random() < 0.3)
    for conv, si, lo, hi, factor in (("calcium_mg_dl", "calcium_mmol_l", ca_lo, ca_hi, 1 / 4.008),
                                     ("calcium_uln_mg_dl", "calcium_uln_mmol_l", 9.5, 10.8, 1 / 4.008),
                                     ("albumin_g_dl", "albumin_g_l", 2, 5, 10),
                                     ("creatinine_mg_dl", "creatinine_umol_l", 0.5, cr_hi, 88.4),
                                     ("hemoglobin_g_dl", "hemoglobin_g_l", hb_lo, 16, 10),
                                     ("hemoglobin_lln_g_dl", "hemoglobin_lln_g_l", 11.5, 13.5, 10)):
        if maybe():
            x = round(float(rng.uniform(lo, hi)), 1)
            if maybe(0.5):
                d[conv] = x
            else:
                d[si] = round(x * factor, 2)
    if maybe():
        d["lytic_lesions"] = int(rng.integers(0, 2 if healthy else 4))
    r = rng.random()
    if r < 0.3:
        d["mri_focal_lesions"] = int(rng.integers(0, 2 if healthy else 4))
    elif r < 0.6:
        d["mri_lesion_sizes_mm"] = [float(x) for x in rng.choice([3.0, 4.9, 5.0, 9.0], size=int(rng.integers(0, 4)))]
    for f in ("del17p", "t4_14", "t14_16", "gain_1q", "amp_1q"):
        if maybe(0.6):
            d[f] = bool(rng.random() < 0.3)
    return d


def test_boundary_rows_agree():
    """Rows exactly on the published boundaries (where a vectorised rewrite would most likely slip)."""
    base = dict(calcium_mg_dl=9.5, calcium_uln_mg_dl=10.5, creatinine_mg_dl=0.9, crcl_ml_min=90.0,
                hemoglobin_g_dl=13.5, hemoglobin_lln_g_dl=12.0, lytic_lesions=0, flc_kappa_mg_l=15.0,
                flc_lambda_mg_l=12.0, mri_focal_lesions=0, urine_m_protein_mg_24h=100.0, m_protein_g_dl=1.0,
                bmpc_percent=5.0)
    rows = [base, {**base, "m_protein_g_dl": 3.0}, {**base, "bmpc_percent": 10.0}, {**base, "bmpc_percent": 60.0},
            {**base, "flc_kappa_mg_l": 100.0, "flc_lambda_mg_l": 1.0, "bmpc_percent": 20.0},
            {**base, "calcium_mg_dl": 11.0}, {**base, "calcium_mg_dl": 10.5, "calcium_uln_mg_dl": 9.5},
            {**base, "creatinine_mg_dl": 2.0}, {**base, "crcl_ml_min": 40.0}, {**base, "hemoglobin_g_dl": 10.0},
            {**base, "hemoglobin_g_dl": 11.5, "hemoglobin_lln_g_dl": 13.5},
            {**base, "biopsy_proven_plasmacytoma": True, "lytic_lesions": 1},
            {**base, "biopsy_proven_plasmacytoma": True, "bmpc_percent": 0.0, "lytic_lesions": 1},
            {**base, "isotype": "light_chain", "flc_kappa_mg_l": 40.0, "flc_lambda_mg_l": 10.0},
            {**base, "isotype": "IgM", "m_protein_g_dl": 3.0},
            {"beta2m_mg_l": 5.5, "albumin_g_dl": 3.5, "ldh_u_l": 250.0, "ldh_uln_u_l": 250.0, "del17p": False,
             "t4_14": False, "t14_16": False, "gain_1q": True}]
    rows += [to_si(r) for r in rows]
    _agree(rows)


# --- validation -------------------------------------------------------------------------------------
def test_unknown_column():
    with pytest.raises(UnknownFieldError):
        assess_frame(pd.DataFrame({"calcium": [2.5]}))


@pytest.mark.parametrize("frame, row, column", [
    (pd.DataFrame({"calcium_mg_dl": [9.5, 2.6]}, index=["p1", "p2"]), "p2", "calcium_mg_dl"),
    (pd.DataFrame({"hemoglobin_g_dl": [12.0, 95.0]}), 1, "hemoglobin_g_dl"),
    (pd.DataFrame({"age_years": [60.0, -1.0]}), 1, "age_years"),
    (pd.DataFrame({"age_years": [60.0, np.inf]}), 1, "age_years"),
    (pd.DataFrame({"lytic_lesions": [1.5]}), 0, "lytic_lesions"),
    (pd.DataFrame({"age_years": ["60", 70]}), 0, "age_years"),
    (pd.DataFrame({"age_years": [True, False]}), 0, "age_years"),
    (pd.DataFrame({"del17p": [1, 0]}), 0, "del17p"),
    (pd.DataFrame({"del17p": [True, "yes"]}), 1, "del17p"),
    (pd.DataFrame({"sex": ["male", "m"]}), 1, "sex"),
    (pd.DataFrame({"mri_lesion_sizes_mm": [[5.0], [0.5]]}), 1, "mri_lesion_sizes_mm"),
])
def test_implausible_values_name_row_and_column(frame, row, column):
    with pytest.raises(InputError) as info:
        assess_frame(frame)
    assert f"row {row}" in info.value.en and f"第 {row} 行" in info.value.zh and column in str(info.value)


def test_unit_conflict_in_a_row():
    with pytest.raises(UnitConflictError) as info:
        validate_frame(pd.DataFrame({"calcium_mg_dl": [9.5, np.nan], "calcium_mmol_l": [np.nan, 2.4],
                                     "albumin_g_dl": [4.0, 4.1], "albumin_g_l": [40.0, np.nan]}))
    assert "row 0" in info.value.en or "Row 0" in info.value.en


def test_nullable_dtypes_and_missing_values():
    df = pd.DataFrame({
        "bmpc_percent": pd.array([12, None], dtype="Int64"),
        "mri_focal_lesions": pd.array([2, None], dtype="Int64"),
        "del17p": pd.array([True, None], dtype="boolean"),
        "sex": ["male", None],
    })
    out = assess_frame(df)
    assert out["diagnosis"].tolist() == ["multiple_myeloma", "indeterminate"]
    assert isinstance(MMLibError("a", "b"), ValueError)


def test_empty_frame():
    out = assess_frame(pd.DataFrame({"bmpc_percent": pd.Series([], dtype=float)}))
    assert len(out) == 0 and list(out.columns) == list(OUTPUT_COLUMNS)
