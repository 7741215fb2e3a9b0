"""MRD sampling (mmlib.mrd): Poisson detection probabilities checked against closed forms."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mmlib import mrd
from mmlib.errors import InputError


def poisson_at_least(k: int, lam: float) -> float:
    """1 − Σ_{i<k} e^{−λ} λ^i / i!, written out (independent of scipy)."""
    return 1 - sum(math.exp(-lam) * lam ** i / math.factorial(i) for i in range(k))


def test_sensitivities_follow_imwg():
    assert mrd.IMWG_SENSITIVITY == pytest.approx(1e-5)   # Kumar 2016: at least 1 in 10⁵
    assert mrd.DEEP_SENSITIVITY == pytest.approx(1e-6)


@pytest.mark.parametrize("cells, f, k", [
    (100_000, 1e-5, 1), (300_000, 1e-5, 1), (1_000_000, 1e-6, 1), (3_000_000, 1e-6, 1),
    (2_000_000, 1e-5, 20), (10_000_000, 1e-6, 20), (5_000_000, 1e-5, 50),
])
def test_detection_probability_is_the_poisson_tail(cells, f, k):
    assert mrd.detection_probability(cells, f, k) == pytest.approx(poisson_at_least(k, cells * f), rel=1e-9)


def test_one_event_closed_form():
    # P(≥ 1) = 1 − e^{−λ}: λ = 1 gives 63.2 %, λ = ln 20 gives exactly 95 %
    assert mrd.detection_probability(1_000_000, 1e-6) == pytest.approx(1 - math.exp(-1))
    assert mrd.detection_probability(math.log(20) * 1e5, 1e-5) == pytest.approx(0.95)


@pytest.mark.parametrize("f, k, p", [(1e-5, 1, 0.95), (1e-6, 1, 0.95), (1e-5, 20, 0.95), (1e-6, 20, 0.9),
                                      (1e-5, 50, 0.99), (1e-4, 3, 0.5)])
def test_cells_required_is_the_smallest_sufficient_count(f, k, p):
    n = mrd.cells_required(f, k, p)
    assert poisson_at_least(k, n * f) >= p > poisson_at_least(k, (n - 1) * f)


def test_cells_required_one_event_is_ln20_over_f():
    assert mrd.cells_required(1e-5) == math.ceil(math.log(20) / 1e-5) == 299_574
    assert mrd.cells_required(1e-6) == 2_995_733


@settings(max_examples=60, deadline=None)
@given(st.floats(1e-7, 1e-2), st.integers(1, 60), st.floats(0.05, 0.995))
def test_cells_required_property(f, k, p):
    n = mrd.cells_required(f, k, p)
    assert mrd.detection_probability(n, f, k) >= p
    assert n == 1 or mrd.detection_probability(n - 1, f, k) < p


def test_limits_are_event_count_over_cells():
    assert mrd.limit_of_detection(10_000_000) == pytest.approx(2e-6)    # 20 events
    assert mrd.limit_of_quantification(10_000_000) == pytest.approx(5e-6)  # 50 events
    assert mrd.cells_for_limit(1e-5) == 2_000_000
    assert mrd.cells_for_limit(1e-6) == 20_000_000
    assert mrd.cells_for_limit(1e-6, mrd.LOQ_EVENTS) == 50_000_000
    # exactly on the limit, the 20-event count is reached only about half the time (mean = 20)
    assert 0.5 < mrd.detection_probability(2_000_000, 1e-5, mrd.LOD_EVENTS) < 0.56


@pytest.mark.parametrize("call, field", [
    (lambda: mrd.detection_probability(0, 1e-5), "cells"),
    (lambda: mrd.detection_probability(True, 1e-5), "cells"),
    (lambda: mrd.detection_probability(1e6, 0), "frequency"),
    (lambda: mrd.detection_probability(1e6, 1e-5, 0), "events"),
    (lambda: mrd.detection_probability(1e6, 1e-5, 1.5), "events"),
    (lambda: mrd.cells_required(1e-5, 1, 1.0), "probability"),
    (lambda: mrd.cells_required(1e-5, 1, "0.9"), "probability"),
    (lambda: mrd.limit_of_detection(-5), "cells"),
])
def test_bad_input_is_a_bilingual_error(call, field):
    with pytest.raises(InputError, match=field) as err:
        call()
    assert "/" in str(err.value)


@pytest.mark.parametrize("factor", [0.97, 1.03])
def test_cells_required_corrects_an_inexact_inverse(monkeypatch, factor):
    exact = mrd.cells_required(1e-5, 3)
    real = mrd.pdtri
    monkeypatch.setattr(mrd, "pdtri", lambda k, y: real(k, y) * factor)
    assert mrd.cells_required(1e-5, 3) == exact
