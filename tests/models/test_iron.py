"""Tests of mmlib.models.iron: conservation, steady state by hand, directions."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mmlib.errors import InputError
from mmlib.models import iron


@pytest.mark.parametrize("kw", [{}, {"il6_pg_ml": 60}, {"renal_capacity": 0.1, "infiltration": 0.5},
                                {"il6_pg_ml": 30, "epo_feedback": False}])
def test_total_iron_is_conserved(kw):
    tr = iron.simulate(t_end=400, **kw)
    assert np.allclose(tr.total_mg, iron.IronParams().total_iron_mg, rtol=1e-8)


def test_normal_state_matches_physiology_targets():
    s = iron.steady_state()
    assert s.hb_g_dl == pytest.approx(14.0, abs=0.01)
    assert s.tsat == pytest.approx(0.30, abs=0.001)
    assert s.serum_iron_ug_dl == pytest.approx(100, abs=0.5)
    # daily iron recycling R/τ ≈ 20 mg/day (textbook physiology)
    assert s.rbc_mg / iron.IronParams().tau_rbc_days == pytest.approx(19.8, abs=0.2)


@pytest.mark.parametrize("kw", [{}, {"il6_pg_ml": 40}, {"renal_capacity": 0.2, "infiltration": 0.3, "il6_pg_ml": 10}])
def test_steady_state_balances_fluxes_by_hand(kw):
    p = iron.IronParams()
    s = iron.steady_state(p, **kw)
    rc = kw.get("renal_capacity", 1.0)
    # hepcidin: IL-6 induction (1 + IL6/5)/(1 + 2/5) over the clearance left, 0.1 + 0.9·renal_capacity
    h = (1 + kw.get("il6_pg_ml", 2.0) / 5) / (1 + 2 / 5) / (0.1 + 0.9 * rc)
    assert s.hepcidin_rel == pytest.approx(h, rel=1e-12)
    f = 1 / (1 + h * p.r0)
    hb = s.rbc_mg / (3.4 * 50)
    epo = rc * 10 * 10 ** (0.2 * (14 - hb))
    d = (1 - kw.get("infiltration", 0.0)) * (epo / 10) ** 0.5
    export = p.k_fpn * f * s.macrophage_mg * (1 - s.plasma_mg / p.tibc_mg)
    uptake = p.v_max_mg_day * d * s.plasma_mg / (p.k_m_mg + s.plasma_mg)
    senescence = s.rbc_mg / p.tau_rbc_days
    assert export == pytest.approx(senescence, rel=1e-8)
    assert uptake == pytest.approx(senescence, rel=1e-8)
    assert s.plasma_mg + s.rbc_mg + s.macrophage_mg == pytest.approx(p.total_iron_mg, rel=1e-10)


def test_ode_converges_to_steady_state():
    tr = iron.simulate(il6_pg_ml=40, t_end=3000, n_points=301)
    s = iron.steady_state(il6_pg_ml=40)
    assert tr.hb_g_dl[-1] == pytest.approx(s.hb_g_dl, rel=1e-4)
    assert tr.tsat[-1] == pytest.approx(s.tsat, rel=1e-3)


def test_epo_is_log_linear_and_blunted_by_renal_failure():
    hb = np.linspace(6, 15, 10)
    log_epo = np.log10(iron.epo_level(hb))
    assert np.allclose(np.diff(log_epo), -0.2 * np.diff(hb)[0])
    assert np.allclose(iron.epo_level(hb, renal_capacity=0.25), 0.25 * iron.epo_level(hb))


@settings(max_examples=30, deadline=None)
@given(a=st.floats(0, 200), b=st.floats(0, 200))
def test_more_il6_lowers_tsat_and_raises_ferritin(a, b):
    lo, hi = sorted((a, b))
    s_lo = iron.steady_state(il6_pg_ml=lo)
    s_hi = iron.steady_state(il6_pg_ml=hi)
    assert s_hi.tsat <= s_lo.tsat + 1e-12
    assert s_hi.ferritin_ng_ml >= s_lo.ferritin_ng_ml - 1e-9
    assert s_hi.hb_g_dl <= s_lo.hb_g_dl + 1e-12


def test_functional_iron_deficiency_signature():
    normal, inflamed = iron.steady_state(), iron.steady_state(il6_pg_ml=40)
    assert inflamed.ferritin_ng_ml > normal.ferritin_ng_ml   # stores up
    assert inflamed.tsat < normal.tsat                        # transferrin saturation down
    assert inflamed.hb_g_dl < normal.hb_g_dl


@settings(max_examples=20, deadline=None)
@given(a=st.floats(0.02, 1.0), b=st.floats(0.02, 1.0))
def test_worse_kidneys_give_lower_hb_and_inappropriately_low_epo(a, b):
    lo, hi = sorted((a, b))
    s_lo = iron.steady_state(renal_capacity=lo)
    s_hi = iron.steady_state(renal_capacity=hi)
    assert s_lo.hb_g_dl <= s_hi.hb_g_dl + 1e-12
    # at the same Hb, a healthy kidney would secrete more EPO than the failing one does
    assert s_lo.epo_miu_ml <= iron.epo_level(s_lo.hb_g_dl) + 1e-12


def test_renal_impairment_traps_iron_like_ckd():
    # In chronic kidney disease hepcidin accumulates and transferrin saturation is usually low (Mercadal 2014):
    # the renal scenario must not show "plasma iron high", and iron stores rise as in inflammation.
    normal, ckd = iron.steady_state(), iron.steady_state(renal_capacity=0.1)
    assert ckd.hepcidin_rel > 1
    assert ckd.tsat < normal.tsat
    assert ckd.serum_iron_ug_dl < normal.serum_iron_ug_dl
    assert ckd.ferritin_ng_ml > normal.ferritin_ng_ml


def test_bad_inputs():
    with pytest.raises(InputError):
        iron.steady_state(renal_capacity=0.0)
    with pytest.raises(InputError):
        iron.steady_state(infiltration=1.0)
    with pytest.raises(InputError):
        iron.hepcidin_relative(-1)
    with pytest.raises(InputError):
        iron.IronParams(tau_rbc_days=0)
