"""ISS (Greipp 2005), R-ISS (Palumbo 2015), R2-ISS (D'Agostino 2022): boundaries and point totals.

Expected stages are read from the published definitions: ISS I = β2M < 3.5 mg/L and albumin
≥ 3.5 g/dL (≥ 35 g/L), III = β2M ≥ 5.5 mg/L; R-ISS uses del(17p)/t(4;14)/t(14;16) and LDH > ULN;
R2-ISS points ISS II 1, ISS III 1.5, del(17p) 1, LDH 1, t(4;14) 1, 1q+ 0.5 → 0 I, 0.5–1 II,
1.5–2.5 III, 3–5 IV.
"""

from __future__ import annotations

import pytest

from mmlib.case import Case
from mmlib.staging import iss, r2iss, riss

STANDARD_CA = dict(del17p=False, t4_14=False, t14_16=False, gain_1q=False, amp_1q=False)
NORMAL_LDH = dict(ldh_u_l=180.0, ldh_uln_u_l=250.0)


@pytest.mark.parametrize("b2m, albumin, stage", [
    (3.49, {"albumin_g_dl": 3.5}, "I"),
    (3.5, {"albumin_g_dl": 3.5}, "II"),       # β2M 3.5 is not < 3.5
    (3.0, {"albumin_g_dl": 3.4}, "II"),
    (3.0, {"albumin_g_l": 35.0}, "I"),        # ≥ 35 g/L
    (3.0, {"albumin_g_l": 34.9}, "II"),
    (5.49, {"albumin_g_dl": 2.0}, "II"),
    (5.5, {"albumin_g_dl": 4.5}, "III"),      # ≥ 5.5, not > 5.5
])
def test_iss_boundaries(b2m, albumin, stage):
    r = iss(Case(beta2m_mg_l=b2m, **albumin))
    assert r.value == stage
    assert r.details["median_os_months"] == {"I": 62, "II": 44, "III": 29}[stage]


def test_iss_missing_albumin_only_matters_for_stage_i():
    assert iss(Case(beta2m_mg_l=6.0)).value == "III"
    assert iss(Case(beta2m_mg_l=4.0)).value == "II"
    r = iss(Case(beta2m_mg_l=3.0))
    assert r.value is None and r.missing == ("albumin_g_dl/albumin_g_l",)


@pytest.mark.parametrize("kw, stage", [
    (dict(beta2m_mg_l=3.0, albumin_g_dl=4.0, **STANDARD_CA, **NORMAL_LDH), "I"),
    (dict(beta2m_mg_l=3.0, albumin_g_dl=4.0, **STANDARD_CA, ldh_u_l=251.0, ldh_uln_u_l=250.0), "II"),
    (dict(beta2m_mg_l=3.0, albumin_g_dl=4.0, **{**STANDARD_CA, "t4_14": True}, **NORMAL_LDH), "II"),
    # LDH equal to the ULN is not "> ULN"
    (dict(beta2m_mg_l=6.0, albumin_g_dl=3.0, **STANDARD_CA, ldh_u_l=250.0, ldh_uln_u_l=250.0), "II"),
    (dict(beta2m_mg_l=6.0, albumin_g_dl=3.0, **STANDARD_CA, ldh_u_l=251.0, ldh_uln_u_l=250.0), "III"),
    (dict(beta2m_mg_l=6.0, albumin_g_dl=3.0, **{**STANDARD_CA, "t14_16": True}, **NORMAL_LDH), "III"),
    (dict(beta2m_mg_l=6.0, albumin_g_dl=3.0, **{**STANDARD_CA, "del17p": True}, **NORMAL_LDH), "III"),
    (dict(beta2m_mg_l=4.0, albumin_g_dl=3.0, **{**STANDARD_CA, "del17p": True}, ldh_u_l=400.0, ldh_uln_u_l=250.0),
     "II"),
])
def test_riss(kw, stage):
    r = riss(Case(**kw))
    assert r.value == stage
    assert r.details["five_year_os_percent"] == {"I": 82, "II": 62, "III": 40}[stage]


def test_riss_needs_the_ca_fields():
    r = riss(Case(beta2m_mg_l=3.0, albumin_g_dl=4.0, **NORMAL_LDH))
    assert r.value is None and {"del17p", "t4_14", "t14_16"} <= set(r.missing)
    # ISS III with high LDH is III whatever the FISH shows
    assert riss(Case(beta2m_mg_l=6.0, ldh_u_l=300.0, ldh_uln_u_l=250.0)).value == "III"


ISS_I = dict(beta2m_mg_l=3.0, albumin_g_dl=4.0)
ISS_II = dict(beta2m_mg_l=4.0, albumin_g_dl=4.0)
ISS_III = dict(beta2m_mg_l=6.0, albumin_g_dl=4.0)


@pytest.mark.parametrize("iss_kw, extra, points, stage", [
    (ISS_I, {}, 0.0, "I"),
    (ISS_I, {"gain_1q": True}, 0.5, "II"),
    (ISS_I, {"amp_1q": True}, 0.5, "II"),
    (ISS_II, {}, 1.0, "II"),
    (ISS_III, {}, 1.5, "III"),
    (ISS_II, {"gain_1q": True}, 1.5, "III"),
    (ISS_III, {"del17p": True}, 2.5, "III"),
    (ISS_II, {"del17p": True, "t4_14": True}, 3.0, "IV"),
    (ISS_III, {"del17p": True, "t4_14": True, "gain_1q": True, "hi_ldh": True}, 5.0, "IV"),
    (ISS_I, {"t14_16": True}, 0.0, "I"),   # t(14;16) is not scored
])
def test_r2iss_group_edges(iss_kw, extra, points, stage):
    kw = {**iss_kw, **STANDARD_CA, **NORMAL_LDH, **{k: v for k, v in extra.items() if k != "hi_ldh"}}
    if extra.get("hi_ldh"):
        kw.update(ldh_u_l=300.0)
    r = r2iss(Case(**kw))
    assert (r.value, r.details["points"]) == (stage, points)


def test_r2iss_decided_despite_missing_factors():
    r = r2iss(Case(**ISS_III, del17p=True, ldh_u_l=300.0, ldh_uln_u_l=250.0))   # ≥ 3.5 → IV whatever the rest
    assert (r.value, r.details["points"], r.details["points_min"], r.details["points_max"]) == ("IV", None, 3.5, 5.0)
    r = r2iss(Case(**ISS_I, del17p=False))
    assert r.value is None and {"t4_14", "ldh_u_l", "gain_1q"} <= set(r.missing)


def test_r2iss_unknown_iss_spans_groups():
    r = r2iss(Case(beta2m_mg_l=3.0, **STANDARD_CA, **NORMAL_LDH))   # ISS I or II (albumin missing) → 0 or 1
    assert (r.value, r.details["points_min"], r.details["points_max"]) == (None, 0.0, 1.0)
    r = r2iss(Case(albumin_g_dl=2.0, **{**STANDARD_CA, "del17p": True, "t4_14": True}, ldh_u_l=300.0,
                   ldh_uln_u_l=250.0))   # β2M missing: 3 + ISS (1 or 1.5) → IV either way
    assert r.value == "IV"
