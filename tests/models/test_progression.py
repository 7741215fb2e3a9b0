"""Tests of mmlib.models.progression: simulation vs the analytic curve, published values by construction."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mmlib import risk
from mmlib.errors import InputError
from mmlib.models import progression as pg

N = 20_000
TIMES = np.array([0.5, 1, 2, 3, 5, 7.5, 10, 15, 20])

HAZARDS = [pg.mgus_hazard(), pg.mgus_hazard("light_chain"), pg.smm_kyle_hazard(),
           pg.smm_kyle_hazard(convention="hazard"), pg.mayo2018_hazard("low"), pg.mayo2018_hazard("high"),
           pg.imwg2020_hazard("low_intermediate"), pg.mgus_mayo_hazard("high")]


@pytest.mark.parametrize("hazard", HAZARDS, ids=lambda h: h.label)
def test_simulated_km_lies_in_binomial_band_of_analytic_curve(hazard):
    cohort = pg.simulate_cohort(hazard, N, seed=2024)
    km = pg.kaplan_meier(cohort, TIMES)
    f = hazard.cdf(TIMES)
    # 4.5 sigma pointwise band (9 time points): a false alarm is ~1e-4
    assert (np.abs(km - f) <= pg.binomial_band(f, N, z=4.5) + 1e-12).all()


@pytest.mark.parametrize("group", ["low", "intermediate", "high"])
def test_analytic_median_equals_published_median(group):
    h = pg.mayo2018_hazard(group)
    assert h.median_years * 12 == pytest.approx(risk.MAYO2018_MEDIAN_TTP_MONTHS[group], rel=1e-12)
    assert h.cdf(h.median_years) == pytest.approx(0.5, rel=1e-12)
    c = pg.simulate_cohort(h, N, seed=7, follow_up_years=100)
    sim_median = np.median(c.time)
    # the sample median of an exponential has sd ≈ median / sqrt(N ln(2)^2 ... ) ; 3 % is > 4 sd here
    assert sim_median == pytest.approx(h.median_years, rel=0.03)


def test_published_points_reproduced_by_construction():
    for g, pct in risk.IMWG2020_2Y_PROGRESSION_PERCENT.items():
        assert pg.imwg2020_hazard(g).cdf(2.0) == pytest.approx(pct / 100, rel=1e-12)
    for g, pct in risk.MGUS_20Y_PROGRESSION_PERCENT.items():
        assert pg.mgus_mayo_hazard(g).cdf(20.0) == pytest.approx(pct / 100, rel=1e-12)
    assert pg.mgus_hazard().cdf(1.0) == pytest.approx(risk.MGUS_ANNUAL_PROGRESSION.per_year, rel=1e-12)


def test_smm_conventions():
    h = pg.smm_kyle_hazard()
    for t in (5, 10, 20):
        assert h.cdf(t) == pytest.approx(risk.cumulative_progression(risk.SMM_PROGRESSION_PIECEWISE, t), rel=1e-12)
    naive = pg.smm_kyle_hazard(convention="hazard")
    assert naive.cdf(5) == pytest.approx(1 - math.exp(-0.5))
    assert naive.cdf(10) == pytest.approx(1 - math.exp(-0.65))


def test_competing_risk_estimators_against_analytic_curves():
    h, mu = pg.mgus_mayo_hazard("high"), 0.1
    cohort = pg.simulate_cohort(h, N, seed=11, death_rate=mu)
    aj = pg.cumulative_incidence(cohort, TIMES)
    cif = pg.analytic_cif_competing(h, mu, TIMES)
    assert (np.abs(aj - cif) <= pg.binomial_band(cif, N, z=4.5) + 1e-12).all()
    # constant hazards: CIF(t) = λ/(λ+μ) (1 − e^{−(λ+μ)t}) written out by hand
    lam = h.rates[0]
    assert cif[-1] == pytest.approx(lam / (lam + mu) * (1 - math.exp(-(lam + mu) * 20)), rel=1e-12)
    # KM with deaths censored estimates the hypothetical 1 − e^{−Λ}, larger than the CIF
    km = pg.kaplan_meier(cohort, [20.0])[0]
    assert km == pytest.approx(h.cdf(20.0), abs=0.05)
    assert km > aj[-1] + 0.1


def test_calibrated_death_hazard_lands_near_the_published_competing_figures():
    mu = pg.calibrate_death_hazard()
    for g, pct in risk.MGUS_20Y_PROGRESSION_COMPETING_PERCENT.items():
        got = pg.analytic_cif_competing(pg.mgus_mayo_hazard(g), mu, [20.0])[0]
        assert got == pytest.approx(pct / 100, abs=0.015)


@settings(max_examples=50, deadline=None)
@given(rates=st.lists(st.floats(0.0, 2.0), min_size=1, max_size=4), t1=st.floats(0, 50), t2=st.floats(0, 50))
def test_cdf_is_monotone_and_inverse_is_consistent(rates, t1, t2):
    starts = tuple(float(5 * i) for i in range(len(rates)))
    h = pg.PiecewiseHazard(starts, tuple(rates))
    lo, hi = sorted((t1, t2))
    assert h.cdf(lo) <= h.cdf(hi) + 1e-15
    lam = h.cumulative_hazard(hi)
    if 1e-9 < lam < 1e6 and np.isfinite(lam):
        back = h.inverse_cumulative_hazard(np.array([lam]))[0]
        assert h.cumulative_hazard(back) == pytest.approx(lam, rel=1e-9, abs=1e-12)


def test_seeded_simulation_is_reproducible():
    a = pg.simulate_cohort(pg.smm_kyle_hazard(), 500, seed=3, death_rate=0.05)
    b = pg.simulate_cohort(pg.smm_kyle_hazard(), 500, seed=3, death_rate=0.05)
    assert np.array_equal(a.time, b.time) and np.array_equal(a.event, b.event)


@pytest.mark.parametrize("call", [
    lambda: pg.mayo2018_hazard("medium"), lambda: pg.imwg2020_hazard("x"), lambda: pg.mgus_hazard("igg"),
    lambda: pg.smm_kyle_hazard(convention="linear"), lambda: pg.PiecewiseHazard((1.0,), (0.1,)),
    lambda: pg.simulate_cohort(pg.mgus_hazard(), 0),
])
def test_bad_inputs(call):
    with pytest.raises(InputError):
        call()
