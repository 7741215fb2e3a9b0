"""IMWG 2016 response (Kumar 2016): every published boundary, both unit systems.

Expected categories are written by hand from the 2016 table (fact sheet §5).
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mmlib.errors import InputError, MMLibError, UnitConflictError, UnknownFieldError
from mmlib.response import CATEGORIES, ResponseFormatError, assess_response, response_from_json


def cat(baseline: dict, current: dict, **kw) -> str | None:
    return assess_response({"baseline": baseline, "current": current, **kw}).value


G_DL, G_L = "m_protein_g_dl", "m_protein_g_l"
URINE = "urine_m_protein_mg_24h"


# --- serum reductions: 90 / 50 / 25 % -----------------------------------------
@pytest.mark.parametrize("field, base, cur, expected", [
    (G_DL, 3.0, 0.3, "VGPR"),      # exactly 90 %
    (G_DL, 3.0, 0.303, "PR"),      # 89.9 %
    (G_L, 30, 3, "VGPR"),
    (G_L, 30, 3.03, "PR"),
    (G_DL, 4.0, 2.0, "PR"),        # exactly 50 %
    (G_DL, 4.0, 2.004, "MR"),      # 49.9 %
    (G_L, 40, 20, "PR"),
    (G_L, 40, 20.04, "MR"),
    (G_DL, 4.0, 3.0, "MR"),        # exactly 25 %
    (G_DL, 4.0, 3.004, "SD"),      # 24.9 %
    (G_L, 40, 30, "MR"),
    (G_L, 40, 30.04, "SD"),
])
def test_serum_reduction_boundaries(field, base, cur, expected):
    # a measured urine (0 mg/24 h): VGPR needs urine < 100 mg/24 h, which is never assumed
    assert cat({field: base}, {field: cur, URINE: 0}) == expected


def test_units_may_differ_between_timepoints():
    assert cat({G_DL: 3.0}, {G_L: 3, URINE: 0}) == "VGPR"
    assert cat({G_L: 40}, {G_DL: 2.0}) == "PR"


# --- urine: < 100 (VGPR), < 200 or ≥ 90 % (PR), ≥ 50 % (MR) -----------------------
@pytest.mark.parametrize("urine, expected", [(100, "PR"), (99.9, "VGPR")])
def test_vgpr_urine_exactly_100_is_not_enough(urine, expected):
    assert cat({G_DL: 3.0, URINE: 300}, {G_DL: 0.3, URINE: urine}) == expected


@pytest.mark.parametrize("urine, expected", [(200, "MR"), (199.9, "PR")])
def test_pr_urine_exactly_200_is_not_enough(urine, expected):
    # baseline 1000 mg: 200 mg is an 80 % fall (not ≥ 90 %), so only "< 200" can give PR
    assert cat({G_DL: 4.0, URINE: 1000}, {G_DL: 2.0, URINE: urine}) == expected


@pytest.mark.parametrize("urine, expected", [(300, "PR"), (301, "MR")])
def test_pr_urine_fall_exactly_90_percent(urine, expected):
    assert cat({URINE: 3000}, {URINE: urine}) == expected


@pytest.mark.parametrize("urine, expected", [(500, "MR"), (501, "SD")])
def test_mr_urine_fall_exactly_50_percent(urine, expected):
    assert cat({URINE: 1000}, {URINE: urine}) == expected


def test_urine_only_disease_vgpr():
    assert cat({URINE: 1000}, {URINE: 99}) == "VGPR"


def test_both_compartments_needed_for_mr():
    # serum 30 % fall, urine only 40 % fall → not MR
    assert cat({G_DL: 2.0, URINE: 1000}, {G_DL: 1.4, URINE: 600}) == "SD"


def test_ife_only_detectable_is_vgpr():
    assert cat({G_DL: 2.0}, {G_DL: 0, URINE: 0}) == "VGPR"


# --- PD: +25 % and ≥ 0.5 g/dL from the lowest value --------------------------------
@pytest.mark.parametrize("field, nadir, cur, expected", [
    (G_DL, 2.0, 2.5, "PD"),     # exactly +25 % and exactly +0.5 g/dL
    (G_DL, 2.0, 2.49, "PR"),    # +24.5 %
    (G_DL, 1.0, 1.5, "PD"),     # +50 %, exactly +0.5 g/dL
    (G_DL, 1.0, 1.49, "PR"),    # +49 %, only +0.49 g/dL
    (G_L, 20, 25, "PD"),
    (G_L, 20, 24.9, "PR"),
    (G_L, 10, 15, "PD"),
    (G_L, 10, 14.9, "PR"),
])
def test_pd_serum_boundaries(field, nadir, cur, expected):
    data = {"baseline": {field: 8.0 if field == G_DL else 80}, "nadir": {field: nadir}, "current": {field: cur}}
    assert assess_response(data).value == expected


@pytest.mark.parametrize("nadir, cur, expected", [
    (5.0, 6.0, "PD"),   # nadir ≥ 5 g/dL: +1 g/dL (only +20 %) is sufficient
    (5.0, 5.99, "MR"),
    (4.9, 5.9, "MR"),   # nadir < 5: +20.4 % is not PD (25 % rule applies)
])
def test_pd_high_nadir_rule(nadir, cur, expected):
    data = {"baseline": {G_DL: 10.0}, "nadir": {G_DL: nadir}, "current": {G_DL: cur}}
    assert assess_response(data).value == expected


def test_pd_high_nadir_in_g_l():
    data = {"baseline": {G_L: 100}, "nadir": {G_L: 50}, "current": {G_L: 60}}
    assert assess_response(data).value == "PD"


@pytest.mark.parametrize("cur, expected", [(1000, "PD"), (999, "SD")])
def test_pd_urine_exactly_plus_25_percent_and_200_mg(cur, expected):
    data = {"baseline": {URINE: 800}, "current": {URINE: cur}}
    assert assess_response(data).value == expected


def test_pd_urine_absolute_rise_must_reach_200():
    data = {"baseline": {URINE: 2000}, "nadir": {URINE: 400}, "current": {URINE: 599}}
    assert assess_response(data).value == "MR"  # +49.75 % but only +199 mg: no PD; 70 % fall: MR


def test_pd_from_zero_nadir():
    data = {"baseline": {G_DL: 3.0}, "nadir": {G_DL: 0}, "current": {G_DL: 0.5}}
    r = assess_response(data)
    assert r.value == "PD"
    assert any("最低值为 0" in c.note for c in r.checks)


FLC_BASE = {"flc_kappa_mg_l": 500, "flc_lambda_mg_l": 10}  # κ involved, dFLC 490


@pytest.mark.parametrize("kappa, expected", [(410, "SD"), (410.1, "PD")])
def test_pd_dflc_rise_must_exceed_10_mg_dl(kappa, expected):
    # nadir dFLC 300 mg/L → current dFLC 400 is +33 % but exactly +100 mg/L (= 10 mg/dL): not "> 10"
    data = {"baseline": {**FLC_BASE, G_DL: 0.2}, "nadir": {"flc_kappa_mg_l": 310, "flc_lambda_mg_l": 10},
            "current": {"flc_kappa_mg_l": kappa, "flc_lambda_mg_l": 10, G_DL: 0.2}}
    assert assess_response(data).value == expected


@pytest.mark.parametrize("cur, expected", [(20, "PD"), (19.9, "PR")])
def test_pd_marrow_absolute_rise_10_percent(cur, expected):
    data = {"baseline": {"bmpc_percent": 40}, "nadir": {"bmpc_percent": 10}, "bmpc_percent": cur}
    assert assess_response(data).value == expected


def test_new_lesions_are_pd():
    assert cat({G_DL: 3.0}, {G_DL: 0.3}, new_lesions=True) == "PD"


def test_pd_is_checked_before_response():
    # a serum rise from the nadir is PD even though the fall from baseline is still ≥ 50 %
    data = {"baseline": {G_DL: 6.0}, "nadir": {G_DL: 1.0}, "current": {G_DL: 2.0}}
    assert assess_response(data).value == "PD"


# --- measurable disease --------------------------------------------------------------
@pytest.mark.parametrize("baseline, basis", [
    ({G_DL: 1.0}, "serum"), ({G_L: 10}, "serum"),
    ({G_DL: 0.99, URINE: 200}, "urine"),
    ({G_DL: 1.0, URINE: 200}, "serum+urine"),
    ({G_DL: 0.99, URINE: 199, "flc_kappa_mg_l": 100, "flc_lambda_mg_l": 10}, "flc"),
    ({G_DL: 0.99, URINE: 199, "flc_kappa_mg_l": 10, "flc_lambda_mg_l": 100}, "flc"),
    ({"flc_kappa_mg_l": 99.9, "flc_lambda_mg_l": 10, "bmpc_percent": 30}, "marrow"),
    ({"flc_kappa_mg_l": 150, "flc_lambda_mg_l": 100, "bmpc_percent": 29.9}, None),  # ratio 1.5 normal
])
def test_measurable_disease_boundaries(baseline, basis):
    r = assess_response({"baseline": baseline, "current": {}})
    assert r.details["measurable_disease"] == basis


def test_no_measurable_disease_is_not_evaluable():
    r = assess_response({"baseline": {G_DL: 0.5}, "current": {G_DL: 0.1}})
    assert r.value is None and "不适用" in r.explain()


# --- FLC-only disease --------------------------------------------------------------------
@pytest.mark.parametrize("kappa, expected", [
    (255, "PR"),     # dFLC 490 → 245: exactly 50 %
    (255.1, "SD"),
    (59, "PR"),      # dFLC 49: exactly 90 %, VGPR needs > 90 %
    (58.9, "VGPR"),
])
def test_flc_only_boundaries(kappa, expected):
    assert cat(FLC_BASE, {"flc_kappa_mg_l": kappa, "flc_lambda_mg_l": 10}) == expected


def test_flc_only_cr_needs_normal_ratio():
    cr = dict(serum_ife_negative=True, urine_ife_negative=True, soft_tissue_plasmacytoma_present=False,
              bmpc_percent=1)
    assert cat(FLC_BASE, {"flc_kappa_mg_l": 16.5, "flc_lambda_mg_l": 10}, **cr) == "CR"
    assert cat(FLC_BASE, {"flc_kappa_mg_l": 16.6, "flc_lambda_mg_l": 10}, **cr) == "VGPR"


# --- marrow-only disease -----------------------------------------------------------------
@pytest.mark.parametrize("cur, expected", [(20, "PR"), (20.1, "SD")])
def test_marrow_only_pr_exactly_50_percent(cur, expected):
    assert cat({"bmpc_percent": 40}, {}, bmpc_percent=cur) == expected


# --- CR and sCR -----------------------------------------------------------------------
CR_FLAGS = dict(serum_ife_negative=True, urine_ife_negative=True, soft_tissue_plasmacytoma_present=False)
ZERO = {G_DL: 0, URINE: 0}


@pytest.mark.parametrize("bmpc, expected", [(4.9, "CR"), (5, "VGPR")])
def test_cr_marrow_below_5_percent(bmpc, expected):
    assert cat({G_DL: 3.0}, ZERO, bmpc_percent=bmpc, **CR_FLAGS) == expected


def test_cr_needs_plasmacytoma_gone_and_both_ife():
    assert cat({G_DL: 3.0}, ZERO, bmpc_percent=1, **{**CR_FLAGS, "soft_tissue_plasmacytoma_present": True}) == "VGPR"
    assert cat({G_DL: 3.0}, ZERO, bmpc_percent=1, **{**CR_FLAGS, "urine_ife_negative": False}) == "VGPR"


def test_cr_without_marrow_cannot_be_confirmed():
    r = assess_response({"baseline": {G_DL: 3.0}, "current": ZERO, **CR_FLAGS})
    assert r.value == "VGPR"
    assert any("CR 未能确认" in n for n in r.details["notes"])


@pytest.mark.parametrize("kappa, lam, expected", [
    (2.6, 10, "sCR"), (16.5, 10, "sCR"),   # ratio exactly 0.26 and 1.65: normal
    (2.5, 10, "CR"), (16.6, 10, "CR"),     # 0.25 and 1.66: abnormal
])
def test_scr_flc_ratio_boundaries(kappa, lam, expected):
    cur = {**ZERO, "flc_kappa_mg_l": kappa, "flc_lambda_mg_l": lam}
    assert cat({G_DL: 3.0}, cur, bmpc_percent=1, clonal_pc_by_ihc_absent=True, **CR_FLAGS) == expected


def test_scr_needs_ihc():
    cur = {**ZERO, "flc_kappa_mg_l": 10, "flc_lambda_mg_l": 10}
    assert cat({G_DL: 3.0}, cur, bmpc_percent=1, clonal_pc_by_ihc_absent=False, **CR_FLAGS) == "CR"


def test_missing_current_value_is_not_evaluable():
    r = assess_response({"baseline": {G_DL: 3.0}, "current": {}})
    assert r.value is None
    assert r.to_dict()["category"] is None


# --- MRD ---------------------------------------------------------------------------------
def mrd(**m) -> str | None:
    data = {"baseline": {G_DL: 3.0}, "current": ZERO, "bmpc_percent": 1, **CR_FLAGS, "mrd": m}
    return assess_response(data).details["mrd"]


def test_mrd_categories():
    assert mrd(method="flow", negative=True, sensitivity=1e-5) == "flow_mrd_negative"
    assert mrd(method="ngs", negative=True, sensitivity=1e-6) == "sequencing_mrd_negative"
    assert mrd(method="ngs", negative=True, sensitivity=1e-4) is None
    assert mrd(method="flow", negative=False, sensitivity=1e-5) is None
    assert mrd(method="flow", sensitivity=1e-5) is None
    assert mrd(negative=True, sensitivity=1e-5) is None
    assert mrd(method="flow", negative=True, sensitivity=1e-5, pet_negative=True) == "imaging_plus_mrd_negative"
    assert mrd(method="flow", negative=True, sensitivity=1e-5, pet_negative=True,
               sustained_years=1) == "sustained_mrd_negative"
    assert mrd(method="flow", negative=True, sensitivity=1e-5, pet_negative=True,
               sustained_years=0.9) == "imaging_plus_mrd_negative"


def test_mrd_only_in_cr():
    r = assess_response({"baseline": {G_DL: 3.0}, "current": {G_DL: 0.3, URINE: 20},
                         "mrd": {"method": "flow", "negative": True, "sensitivity": 1e-5}})
    assert r.value == "VGPR" and r.details["mrd"] is None
    assert any("仅在达到 CR" in n for n in r.details["notes"])
    assert "仅在达到 CR" in r.explain()


# --- output contract ------------------------------------------------------------------------
def test_to_dict_contract():
    d = assess_response({"baseline": {G_DL: 3.0}, "current": {G_DL: 0.3, URINE: 20}}).to_dict()
    assert d["category"] == "VGPR" and d["mrd"] is None and d["measurable_disease"] == "serum"
    assert d["provisional"] is None and d["relapse_from_cr"] is None and d["missing"] == []
    assert d["trace"] and all("criterion" in t for t in d["trace"])
    json.dumps(d, ensure_ascii=False)


def test_plasmacytoma_size_is_flagged_for_pr():
    r = assess_response({"baseline": {G_DL: 4.0}, "current": {G_DL: 2.0},
                         "soft_tissue_plasmacytoma_present": True})
    assert r.value == "PR" and any("SPD" in n for n in r.details["notes"])


def test_unknown_pd_items_are_noted():
    r = assess_response({"baseline": {G_DL: 4.0, URINE: 50}, "current": {G_DL: 2.0}})
    assert r.value == "PR" and any("PD 不能完全排除" in n for n in r.details["notes"])


# --- validation -------------------------------------------------------------------------------
@pytest.mark.parametrize("data, error", [
    ({"foo": 1}, UnknownFieldError),
    ({"baseline": {"m_protein": 1}}, UnknownFieldError),
    ({"mrd": {"depth": 1}}, UnknownFieldError),
    ({"baseline": {G_DL: 1, G_L: 10}}, UnitConflictError),
    ({"baseline": {G_DL: -1}}, InputError),
    ({"mrd": {"sustained_years": -1}}, InputError),
    ({"baseline": {G_DL: 95}}, InputError),
    ({"baseline": {G_DL: "3"}}, InputError),
    ({"baseline": {G_DL: True}}, InputError),
    ({"baseline": {G_DL: float("nan")}}, InputError),
    ({"baseline": []}, InputError),
    ({"bmpc_percent": 101}, InputError),
    ({"new_lesions": "yes"}, InputError),
    ({"mrd": {"method": "pcr"}}, InputError),
    ({"mrd": {"sensitivity": 5}}, InputError),
    ({"mrd": {"sensitivity": True}}, InputError),
    ({"current": {G_DL: 0.2}, "serum_ife_negative": True}, InputError),
    ({"current": {URINE: 20}, "urine_ife_negative": True}, InputError),
    ({"current": {"bmpc_percent": 3}, "bmpc_percent": 4}, InputError),
    ([1, 2], InputError),
])
def test_validation(data, error):
    with pytest.raises(error) as info:
        assess_response(data)
    assert isinstance(info.value, MMLibError) and isinstance(info.value, ValueError)
    assert info.value.zh and info.value.en


def test_current_bmpc_synonym():
    assert cat({"bmpc_percent": 40}, {"bmpc_percent": 20}, bmpc_percent=20) == "PR"


# --- JSON entry point -------------------------------------------------------------------------
def test_response_from_json_file_and_text(tmp_path):
    data = {"baseline": {G_L: 40}, "current": {G_L: 20}}
    f = tmp_path / "r.json"
    f.write_text(json.dumps(data), encoding="utf-8")
    assert response_from_json(f).value == "PR"
    assert response_from_json(str(f)).value == "PR"
    assert response_from_json("  " + json.dumps(data)).value == "PR"
    with pytest.raises(ResponseFormatError):
        response_from_json(tmp_path / "missing.json")
    with pytest.raises(ResponseFormatError):
        response_from_json("{not json")


# --- properties ---------------------------------------------------------------------------------
RANK = {c: i for i, c in enumerate(CATEGORIES)}
amount = st.floats(min_value=0, max_value=1, allow_nan=False)


@settings(max_examples=200, deadline=None)
@given(base=st.floats(min_value=1, max_value=10), f1=amount, f2=amount,
       base_urine=st.one_of(st.none(), st.floats(min_value=0, max_value=3000)), urine_left=amount)
def test_more_serum_reduction_never_worse(base, f1, f2, base_urine, urine_left):
    """With the urine held fixed, a deeper serum fall never gives a lower category."""
    lo, hi = sorted((f1, f2))
    baseline, urine = {G_DL: base}, {}
    if base_urine is not None:  # urine never rises above baseline, so PD logic stays out
        baseline[URINE] = base_urine
        urine = {URINE: base_urine * urine_left}
    worse = assess_response({"baseline": baseline, "current": {G_DL: base * (1 - lo), **urine}}).value
    better = assess_response({"baseline": baseline, "current": {G_DL: base * (1 - hi), **urine}}).value
    assert worse != "PD" and better != "PD"
    assert RANK[better] >= RANK[worse]


@settings(max_examples=200, deadline=None)
@given(base=st.floats(min_value=200, max_value=5000), f1=amount, f2=amount)
def test_more_urine_reduction_never_worse(base, f1, f2):
    lo, hi = sorted((f1, f2))
    worse = cat({URINE: base}, {URINE: base * (1 - lo)})
    better = cat({URINE: base}, {URINE: base * (1 - hi)})
    assert RANK[better] >= RANK[worse]


def test_explain_renders_every_line():
    cur = {**ZERO, "flc_kappa_mg_l": 10, "flc_lambda_mg_l": 10}
    r = assess_response({"baseline": {G_DL: 3.0, URINE: 400}, "nadir": {G_DL: 0}, "current": cur,
                         "bmpc_percent": 1, "clonal_pc_by_ihc_absent": True, **CR_FLAGS, "new_lesions": False,
                         "mrd": {"method": "flow", "negative": True, "sensitivity": 1e-5, "pet_negative": True,
                                 "sustained_years": 2}})
    text = r.explain()
    assert r.value == "sCR" and r.details["mrd"] == "sustained_mrd_negative"
    assert "标准 ≥ 0.26" in text and "标准 ≤ 1.65" in text and "持续 MRD 阴性" in text
    assert len(text.splitlines()) == len(r.checks) + 1 + len(r.details["notes"])


def test_negative_ife_without_values_means_zero_spike():
    r = assess_response({"baseline": {G_DL: 3.0, URINE: 500}, "current": {}, "bmpc_percent": 2, **CR_FLAGS})
    assert r.value == "CR"
    assert not any("PD 不能完全排除" in n for n in r.details["notes"])
