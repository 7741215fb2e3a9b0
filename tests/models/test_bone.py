"""Tests of mmlib.models.bone: the Komarova steady state solved by hand, published behaviour, monotonicity."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mmlib.errors import InputError
from mmlib.models import bone


def test_steady_state_by_hand():
    # Setting dC/dt = dB/dt = 0 and taking logs gives a 2x2 linear system in
    # (ln C, ln B):  (g11-1) lnC + g21 lnB = ln(b1/a1);  g12 lnC + (g22-1) lnB = ln(b2/a2)
    a1, a2, b1, b2, g11, g21, g12, g22 = 3, 4, 0.2, 0.02, 0.5, -0.5, 1, 0
    lhs = np.array([[g11 - 1, g21], [g12, g22 - 1]])
    rhs = np.log([b1 / a1, b2 / a2])
    ln_c, ln_b = np.linalg.solve(lhs, rhs)
    c, b = bone.steady_state()
    assert c == pytest.approx(math.exp(ln_c), rel=1e-12)
    assert b == pytest.approx(math.exp(ln_b), rel=1e-12)
    # the values reported for Komarova 2003 (C̄ ≈ 1.06, B̄ ≈ 212.13)
    assert c == pytest.approx(15 * math.sqrt(0.005), rel=1e-12)   # = 1.0607
    assert b == pytest.approx(15 / math.sqrt(0.005), rel=1e-12)   # = 212.13


def test_closed_form_steady_state_with_tumour_terms_zeroes_the_rhs():
    p = bone.BoneParams(rankl_effect=0.7, dkk1_effect=0.3, formation_block=0.2)
    u = 0.6
    c, b = bone.steady_state(p, u)
    a1 = p.alpha1 * (1 + p.rankl_effect * u) * (1 - p.formation_block)
    assert a1 * c ** p.g11 * b ** p.g21 == pytest.approx(p.beta1 * c, rel=1e-10)
    assert p.alpha2 * c ** p.g12 * b ** (p.g22 - p.dkk1_effect * u) == pytest.approx(p.beta2 * b, rel=1e-10)


def test_simulation_stays_at_steady_state_without_tumour():
    r = bone.simulate(bone.BoneParams(tumour0=0.0), t_end=500)
    c, b = bone.steady_state()
    assert np.allclose(r.C, c, rtol=1e-6) and np.allclose(r.B, b, rtol=1e-6)
    assert np.allclose(r.z, 100.0)


def test_single_remodelling_cycle_restores_bone():
    # Komarova 2003: a burst of osteoclasts (C̄ + 10) is followed by osteoblasts
    # that refill the resorbed cavity; bone dips and returns to its start.
    p = bone.BoneParams(tumour0=0.0)
    r = bone.simulate(p, t_end=1200, C0=bone.steady_state(p)[0] + 10)
    assert r.z.min() < 95
    assert r.z[-1] == pytest.approx(100.0, abs=0.1)
    assert r.C[-1] == pytest.approx(bone.steady_state(p)[0], rel=1e-3)


def test_gompertz_closed_form_solves_its_ode():
    p = bone.BoneParams()
    t = np.linspace(0, 1000, 2001)
    u = bone.tumour_burden(t, p)
    du = np.gradient(u, t)
    # dT/dt = γ T ln(L/T)  <=>  du/dt = γ u ln(1/u)
    assert np.allclose(du[1:-1], p.tumour_growth * u[1:-1] * np.log(1 / u[1:-1]), rtol=2e-3)


def test_myeloma_loses_bone_and_releases_calcium():
    r = bone.simulate(bone.BoneParams(), t_end=730)
    assert r.z[-1] < 50
    assert r.calcium_release.max() > 0
    assert (r.z >= 0).all()


@settings(max_examples=15, deadline=None)
@given(r1=st.floats(0, 2), r2=st.floats(0, 2), dkk=st.floats(0.1, 0.4))
def test_more_rankl_never_gives_more_bone(r1, r2, dkk):
    lo, hi = sorted((r1, r2))
    a = bone.simulate(bone.BoneParams(rankl_effect=lo, dkk1_effect=dkk), t_end=730, n_points=74)
    b = bone.simulate(bone.BoneParams(rankl_effect=hi, dkk1_effect=dkk), t_end=730, n_points=74)
    assert (b.z <= a.z + 1e-4).all()


@settings(max_examples=10, deadline=None)
@given(e1=st.floats(0, 0.9), e2=st.floats(0, 0.9))
def test_more_antiresorptive_never_gives_less_bone(e1, e2):
    lo, hi = sorted((e1, e2))
    for field in ("resorption_block", "formation_block"):
        a = bone.simulate(bone.BoneParams(**{field: lo}, therapy_start=180), t_end=730, n_points=74)
        b = bone.simulate(bone.BoneParams(**{field: hi}, therapy_start=180), t_end=730, n_points=74)
        assert (b.z >= a.z - 1e-4).all()


def test_intact_coupling_caveat_is_real():
    # Documented caveat: without the DKK1 uncoupling term, extra RANKL recruits
    # extra osteoblasts and the published k1, k2 make the net effect anabolic.
    a = bone.simulate(bone.BoneParams(rankl_effect=0.0, dkk1_effect=0.0), t_end=730)
    b = bone.simulate(bone.BoneParams(rankl_effect=1.0, dkk1_effect=0.0), t_end=730)
    assert b.z[-1] > a.z[-1]


@pytest.mark.parametrize("kwargs", [{"alpha1": 0}, {"rankl_effect": -1}, {"formation_block": 1.0},
                                    {"tumour0": 1000}, {"dkk1_effect": 2}])
def test_bad_parameters(kwargs):
    with pytest.raises(InputError):
        bone.BoneParams(**kwargs)


def test_calcium_release_fades_continuously_as_the_bone_runs_out():
    # The net-loss rate is limited by the bone that is left, so the proxy cannot jump from its peak to 0 in one
    # step when the site is used up (the artefact of a hard floor at z = 0): on a 0.1-day grid no step changes
    # it by more than 5 % of its peak, and the bone mass approaches 0 without reaching it.
    r = bone.simulate(bone.BoneParams(), t_end=730, n_points=7301)
    ca = r.calcium_release
    assert ca.max() > 0.1
    assert np.abs(np.diff(ca)).max() < 0.05 * ca.max()
    assert 0 < r.z.min() < 1
