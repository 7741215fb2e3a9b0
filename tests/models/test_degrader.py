"""Tests of mmlib.models.degrader: closed forms by hand, the ODE against them, CRBN dependence."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mmlib.errors import InputError
from mmlib.models import degrader as dg


def test_steady_state_and_dmax_by_hand():
    p = dg.IMID_LIKE                       # r = 10, EC50 = 1, h = 1
    # at C = EC50 the ligase is half occupied: P* = 1/(1 + 10·0.5) = 1/6
    assert dg.steady_state(p, 1.0) == pytest.approx(1 / 6, rel=1e-12)
    assert dg.dmax(p) == pytest.approx(10 / 11, rel=1e-12)
    assert dg.steady_state(p, 0.0) == 1.0


@pytest.mark.parametrize("params", [dg.IMID_LIKE, dg.CELMOD_LIKE, dg.DegraderParams(hill=2.0, fold=5.0)])
def test_dc50_gives_half_of_dmax(params):
    c = dg.dc50(params)
    degraded = 1.0 - dg.steady_state(params, c)
    assert degraded == pytest.approx(dg.dmax(params) / 2, rel=1e-10)
    # catalytic amplification: degradation is half-maximal below the binding EC50
    assert c < params.ec50


def test_celmod_like_is_more_potent_and_deeper():
    assert dg.dc50(dg.CELMOD_LIKE) < dg.dc50(dg.IMID_LIKE)
    assert dg.dmax(dg.CELMOD_LIKE) > dg.dmax(dg.IMID_LIKE)


def test_time_to_fraction_by_hand():
    p = dg.IMID_LIKE
    k = math.log(2) / 8 * 6                # k0 (1 + r E) with E = 0.5
    assert dg.time_to_fraction(p, 1.0, 0.5) == pytest.approx(math.log((5 / 6) / (1 / 2 - 1 / 6)) / k, rel=1e-12)
    assert dg.time_to_fraction(p, 1.0, 1.0) == 0.0
    assert math.isinf(dg.time_to_fraction(p, 1.0, 1 / 6))      # the steady state is approached, never reached


@pytest.mark.parametrize("conc", [0.3, 1.0, 5.0])
def test_ode_matches_closed_form_course(conc):
    p = dg.IMID_LIKE
    tr = dg.simulate(p, conc, t_end=48, n_points=97)
    assert np.allclose(tr.target, dg.analytic_course(p, conc, tr.t), rtol=1e-6, atol=1e-8)


def test_ode_reaches_level_at_the_closed_form_time():
    p, conc, f = dg.CELMOD_LIKE, 0.2, 0.25
    t_f = dg.time_to_fraction(p, conc, f)
    tr = dg.simulate(p, conc, t_end=3 * t_f, n_points=3001)
    crossed = tr.t[np.argmax(tr.target <= f)]
    assert crossed == pytest.approx(t_f, abs=3 * t_f / 3000)


def test_downstream_signal_lags_the_target():
    tr = dg.simulate(dg.IMID_LIKE, 2.0, t_end=24, n_points=241)
    assert (tr.downstream[1:] >= tr.target[1:] - 1e-12).all()
    assert tr.downstream[-1] < 1.0


def test_without_crbn_nothing_is_degraded():
    lost = dg.with_crbn(dg.IMID_LIKE, 0.0)
    assert dg.steady_state(lost, 100.0) == 1.0 and dg.dmax(lost) == 0.0
    assert math.isnan(dg.dc50(lost))
    tr = dg.simulate(lost, 10.0, t_end=24)
    assert np.allclose(tr.target, 1.0)


@settings(max_examples=40, deadline=None)
@given(c1=st.floats(0, 1e3), c2=st.floats(0, 1e3), crbn=st.floats(0, 2))
def test_more_drug_or_more_crbn_never_leaves_more_target(c1, c2, crbn):
    p = dg.with_crbn(dg.IMID_LIKE, crbn)
    lo, hi = sorted((c1, c2))
    assert dg.steady_state(p, hi) <= dg.steady_state(p, lo) + 1e-15
    assert dg.steady_state(dg.IMID_LIKE, hi) <= dg.steady_state(dg.with_crbn(dg.IMID_LIKE, min(crbn, 1.0)), hi) + 1e-15


def test_pulsed_exposure_closed_form_sum():
    c = dg.pulsed_exposure(2.0, 4.0, 24.0)
    ke = math.log(2) / 4
    t = 24 * 3 + 5.0                       # 5 h after the fourth pulse
    expected = sum(2.0 * math.exp(-ke * (t - 24 * n)) for n in range(4))
    assert c(t) == pytest.approx(expected, rel=1e-12)
    assert c(-1.0) == 0.0
    assert np.allclose(c(np.array([0.0, 4.0])), [2.0, 1.0])   # one half-life after the first pulse


def test_pulsed_course_recovers_between_pulses_when_elimination_is_fast():
    tr = dg.simulate(dg.IMID_LIKE, dg.pulsed_exposure(5.0, 2.0, 24.0), t_end=96, n_points=961)
    last_day = tr.t >= 72
    assert tr.target[last_day].min() < 0.3 and tr.target[last_day].max() > 0.6


def test_bad_inputs():
    with pytest.raises(InputError):
        dg.DegraderParams(half_life_h=0)
    with pytest.raises(InputError):
        dg.steady_state(dg.IMID_LIKE, -1.0)
    with pytest.raises(InputError):
        dg.occupancy(dg.IMID_LIKE, np.array([1.0, float("nan")]))
    with pytest.raises(InputError):
        dg.time_to_fraction(dg.IMID_LIKE, 1.0, 1.5)
    with pytest.raises(InputError):
        dg.pulsed_exposure(1.0, 0.0, 24.0)
    with pytest.raises(InputError):
        dg.simulate(dg.IMID_LIKE, 1.0, t_end=-1)
