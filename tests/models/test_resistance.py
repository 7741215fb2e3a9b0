"""Tests of mmlib.models.resistance: closed forms by hand, the ODE against them, Luria–Delbrück statistics."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mmlib.errors import InputError
from mmlib.models import resistance as rs


def test_pre_existing_burden_is_a_sum_of_two_exponentials():
    p = rs.SubcloneParams(f0=0.01, lambda_s=-0.4, lambda_r=0.1)
    for t in (0.0, 3.0, 12.0, 40.0):
        expected = 0.99 * math.exp(-0.4 * t) + 0.01 * math.exp(0.1 * t)
        assert float(rs.burden(p, t)) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("params", [
    rs.SubcloneParams(),
    rs.SubcloneParams(f0=0.01, lambda_s=-0.4, lambda_r=0.1),
    rs.SubcloneParams(f0=0.0, mu=1e-6),
    rs.SubcloneParams(f0=1e-5, mu=1e-4, birth_s=0.5),
])
def test_ode_matches_closed_form(params):
    tr = rs.simulate(params, t_end=100, n_points=501)
    assert np.allclose(tr.sensitive, rs.sensitive(params, tr.t), rtol=1e-7, atol=1e-14)
    assert np.allclose(tr.resistant, rs.resistant(params, tr.t), rtol=1e-7, atol=1e-14)


def test_relapse_time_solves_the_exponential_equation_and_matches_the_simulation():
    p = rs.SubcloneParams(f0=0.01, lambda_s=-0.4, lambda_r=0.1)
    t = rs.relapse_time(p)
    assert 0.99 * math.exp(-0.4 * t) + 0.01 * math.exp(0.1 * t) == pytest.approx(1.0, abs=1e-10)
    # the resistant clone alone needs ln(1/f0)/λ_R; the surviving sensitive cells make relapse a little earlier
    bound = math.log(100) / 0.1
    assert t < bound and t == pytest.approx(bound, rel=0.01)
    tr = rs.simulate(p, t_end=60, n_points=6001)
    assert tr.relapse_time() == pytest.approx(t, abs=0.01)


def test_nadir_formula_by_hand():
    p = rs.SubcloneParams(f0=0.01, lambda_s=-0.4, lambda_r=0.1)
    t_star = math.log(0.4 * 0.99 / (0.1 * 0.01)) / 0.5
    assert rs.nadir_time(p) == pytest.approx(t_star, rel=1e-12)
    tr = rs.simulate(p, t_end=40, n_points=40001)
    assert tr.t[np.argmin(tr.total)] == pytest.approx(t_star, abs=2e-3)


def test_acquired_resistance_acts_like_a_small_pre_existing_fraction():
    acquired = rs.SubcloneParams(f0=0.0, mu=1e-6, birth_s=0.3, lambda_s=-0.5, lambda_r=0.15)
    f_eq = 1e-6 * 0.3 / (0.15 - (-0.5 - 1e-6 * 0.3))
    assert rs.effective_resistant_fraction(acquired) == pytest.approx(f_eq, rel=1e-12)
    equivalent = rs.SubcloneParams(f0=f_eq, lambda_s=-0.5 - 3e-7, lambda_r=0.15)
    # late in therapy the two resistant clones coincide
    t = 150.0
    assert float(rs.resistant(acquired, t)) == pytest.approx(float(rs.resistant(equivalent, t)), rel=1e-6)
    assert rs.relapse_time(acquired) == pytest.approx(rs.relapse_time(equivalent), rel=1e-3)
    # and relapse comes much later than with a 1-in-10 000 pre-existing clone
    assert rs.relapse_time(acquired) > rs.relapse_time(rs.SubcloneParams())


def test_no_resistance_means_no_relapse():
    p = rs.SubcloneParams(f0=0.0, mu=0.0)
    assert math.isinf(rs.relapse_time(p)) and math.isinf(rs.nadir_time(p))
    assert math.isinf(rs.simulate(p, t_end=50).relapse_time())


def test_a_resistant_majority_has_no_response():
    p = rs.SubcloneParams(f0=0.9, lambda_s=-0.1, lambda_r=0.2)
    assert rs.nadir_time(p) == 0.0 and rs.relapse_time(p) == 0.0
    assert rs.simulate(p, t_end=10, n_points=11).relapse_time() == 0.0


@settings(max_examples=40, deadline=None)
@given(a=st.floats(1e-9, 0.5), b=st.floats(1e-9, 0.5))
def test_larger_resistant_fraction_relapses_sooner(a, b):
    lo, hi = sorted((a, b))
    base = rs.SubcloneParams()
    assert rs.relapse_time(rs.with_resistance(base, f0=hi)) <= rs.relapse_time(rs.with_resistance(base, f0=lo)) + 1e-9


def test_relapse_to_a_lower_level_comes_earlier():
    p = rs.SubcloneParams()
    assert rs.relapse_time(p, 0.25) < rs.relapse_time(p, 1.0)


def test_luria_delbruck_mean_and_variance_by_hand():
    g, mu, n = 16, 1e-3, 40_000
    assert rs.ld_mean(g, mu) == pytest.approx(mu * g * 2 ** (g - 1))
    counts = rs.luria_delbruck(g, mu, n, seed=11)
    sd_of_mean = math.sqrt(rs.ld_variance(g, mu) / n)
    assert abs(counts.mean() - rs.ld_mean(g, mu)) < 5 * sd_of_mean
    # the fluctuation-test signature: variance far above the mean (a Poisson count would have them equal)
    assert counts.var() > 20 * counts.mean()
    # jackpots: the median is well below the mean
    assert np.median(counts) < 0.6 * counts.mean()


def test_ld_variance_small_case_by_enumeration():
    # G = 2: R = 2·M0 + M1, M0 ~ Bin(1, μ), M1 ~ Bin(2, μ)  ->  Var = 4μ(1−μ) + 2μ(1−μ) = 6μ(1−μ)
    mu = 0.3
    assert rs.ld_variance(2, mu) == pytest.approx(6 * mu * (1 - mu))
    assert rs.ld_mean(2, mu) == pytest.approx(2 * mu + 2 * mu)


def test_bad_inputs():
    with pytest.raises(InputError):
        rs.SubcloneParams(lambda_s=0.1)
    with pytest.raises(InputError):
        rs.SubcloneParams(lambda_r=-0.1)
    with pytest.raises(InputError):
        rs.SubcloneParams(f0=1.0)
    with pytest.raises(InputError):
        rs.relapse_time(rs.SubcloneParams(), level=0)
    with pytest.raises(InputError):
        rs.luria_delbruck(0, 1e-3, 10)
    with pytest.raises(InputError):
        rs.ld_mean(10, 2.0)
