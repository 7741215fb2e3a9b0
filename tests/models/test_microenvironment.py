"""Tests of mmlib.models.microenvironment: steady state by hand and the 'cutting a link never helps the tumour' property."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mmlib.errors import InputError
from mmlib.models import microenvironment as me


def test_default_steady_state_by_hand():
    # S* = (s0 + sT T)/δS, O* = (o0 + oT T)/δO; substitute into the T-equation:
    # 0.12 - 0.1 + 0.04 (0.2 + T) + 0.02 (0.05 + 0.25 T)/0.25 - 0.1 T = 0
    # 0.02 + 0.008 + 0.004 + (0.04 + 0.02 - 0.1) T = 0  ->  T = 0.032 / 0.04 = 0.8
    s = me.steady_state()
    assert s.T == pytest.approx(0.8, rel=1e-12)
    assert s.S == pytest.approx(0.2 + 0.8, rel=1e-12)
    assert s.O == pytest.approx((0.05 + 0.25 * 0.8) / 0.25, rel=1e-12)
    assert me.loop_gain(me.MicroenvParams()) == pytest.approx(0.6)


def test_ode_converges_to_closed_form():
    for kw in ({}, {"anti_il6": 0.5}, {"anti_rankl": 1.0, "anti_april": 0.3}):
        p = me.with_blockade(me.MicroenvParams(), **kw)
        tr = me.simulate(p, t_end=3000, n_points=301)
        s = me.steady_state(p)
        assert tr.T[-1] == pytest.approx(s.T, rel=1e-5)
        assert tr.S[-1] == pytest.approx(s.S, rel=1e-5)
        assert tr.O[-1] == pytest.approx(s.O, rel=1e-5)


def test_without_microenvironment_the_tumour_sits_at_its_intrinsic_level():
    p = me.MicroenvParams(anti_il6=1.0, anti_april=1.0)
    assert me.steady_state(p).T == pytest.approx((0.12 - 0.1) / 0.1)


def test_loop_gain_above_one_runs_away():
    p = me.MicroenvParams(b_s=0.08, b_a=0.04)
    assert me.loop_gain(p) >= 1
    s = me.steady_state(p)
    assert not s.bounded and s.T == float("inf")
    tr = me.simulate(p, t_end=300)
    assert tr.T[-1] > 10


params_strategy = st.fixed_dictionaries({
    "b0": st.floats(0, 0.3), "d": st.floats(0, 0.3), "c": st.floats(0.05, 0.5),
    "b_s": st.floats(0, 0.1), "b_a": st.floats(0, 0.1), "s0": st.floats(0, 1), "s_t": st.floats(0, 2),
    "delta_s": st.floats(0.1, 2), "o0": st.floats(0, 1), "o_t": st.floats(0, 1), "delta_o": st.floats(0.1, 2),
})


@settings(max_examples=200, deadline=None)
@given(kw=params_strategy, link=st.sampled_from(["anti_il6", "anti_rankl", "anti_april"]),
       e1=st.floats(0, 1), e2=st.floats(0, 1))
def test_cutting_a_link_never_increases_the_tumour(kw, link, e1, e2):
    lo, hi = sorted((e1, e2))
    p = me.MicroenvParams(**kw)
    a = me.steady_state(me.with_blockade(p, **{link: lo}))
    b = me.steady_state(me.with_blockade(p, **{link: hi}))
    assert b.T <= a.T * (1 + 1e-9) + 1e-12
    assert me.loop_gain(me.with_blockade(p, **{link: hi})) <= me.loop_gain(me.with_blockade(p, **{link: lo})) + 1e-12


def test_treatment_switched_on_mid_course():
    p = me.MicroenvParams()
    treated = me.with_blockade(p, anti_il6=1.0)
    tr = me.simulate(treated, untreated=p, treatment_start=300, t_end=1500, n_points=1501)
    assert tr.T[299] == pytest.approx(me.steady_state(p).T, rel=2e-2)
    assert tr.T[-1] == pytest.approx(me.steady_state(treated).T, rel=1e-3)


@pytest.mark.parametrize("kw", [{"c": 0}, {"anti_il6": 1.5}, {"b_s": -0.1}])
def test_bad_parameters(kw):
    with pytest.raises(InputError):
        me.MicroenvParams(**kw)
