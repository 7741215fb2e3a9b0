"""Tests of mmlib.models.proteasome: zero-dose steady state by hand, monotone dose response, IC50 ordering."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mmlib.errors import InputError
from mmlib.models import proteasome as pr


def test_zero_dose_steady_state_without_translational_feedback_by_hand():
    # With a_P = 0, φL = V U/(K_m + U)  ->  U* = K_m φL / (V − φL).
    cell = pr.CellParams(a_perk=0.0, load=1.0, capacity=2.0, k_m=1.0)
    assert pr.steady_state(cell).U == pytest.approx(1.0 * 1.0 / (2.0 - 1.0), rel=1e-10)
    normal = pr.CellParams(a_perk=0.0, load=0.1, capacity=0.5, k_m=1.0)
    assert pr.steady_state(normal).U == pytest.approx(0.1 / 0.4, rel=1e-10)


@pytest.mark.parametrize("cell", [pr.MYELOMA_CELL, pr.NORMAL_CELL])
@pytest.mark.parametrize("dose", [0.0, 3.0, 12.0])
def test_steady_state_zeroes_every_equation(cell, dose):
    s = pr.steady_state(cell, dose)
    i = dose / (cell.ic50_enzyme_nm + dose)  # Hill coefficient 1
    p = s.U ** 2 / (1 + s.U ** 2)            # K_P = 1, n = 2
    tau = 1 - 0.8 * p
    assert cell.load * tau == pytest.approx(cell.capacity * (1 - i) * s.U / (1 + s.U), rel=1e-10)
    assert s.chop == pytest.approx(cell.k_chop * p / cell.delta_chop, rel=1e-10)
    assert s.mcl1 == pytest.approx(cell.k_mcl1 * tau / cell.delta_mcl1, rel=1e-10)


def test_ode_converges_to_steady_state():
    tr = pr.simulate(pr.MYELOMA_CELL, 8.0, t_end=400, n_points=401)
    s = pr.steady_state(pr.MYELOMA_CELL, 8.0)
    assert tr.U[-1] == pytest.approx(s.U, rel=1e-5)
    assert tr.chop[-1] == pytest.approx(s.chop, rel=1e-5)
    assert tr.mcl1[-1] == pytest.approx(s.mcl1, rel=1e-5)


@settings(max_examples=50, deadline=None)
@given(d1=st.floats(0, 500), d2=st.floats(0, 500), which=st.sampled_from(["mm", "normal"]))
def test_dose_response_is_monotone(d1, d2, which):
    cell = pr.MYELOMA_CELL if which == "mm" else pr.NORMAL_CELL
    lo, hi = sorted((d1, d2))
    assert pr.steady_state(cell, hi).viability <= pr.steady_state(cell, lo).viability + 1e-12


def test_myeloma_ic50_below_normal_ic50():
    mm, normal = pr.ic50(pr.MYELOMA_CELL), pr.ic50(pr.NORMAL_CELL)
    assert mm < normal
    assert pr.steady_state(pr.MYELOMA_CELL, mm).viability == pytest.approx(0.5, abs=1e-9)
    # hand solution of the myeloma IC50: R = P/τ = 1 and τ = 1 - 0.8 P  ->  P = 1/1.8,
    # U = sqrt(P/(1-P)); influx τ = 2 (1-i) U/(1+U)  ->  i; dose = 5 i/(1-i)
    p = 1 / 1.8
    u = math.sqrt(p / (1 - p))
    one_minus_i = (1 - 0.8 * p) * (1 + u) / (2 * u)
    assert mm == pytest.approx(5 * (1 - one_minus_i) / one_minus_i, rel=1e-8)


@settings(max_examples=20, deadline=None)
@given(l1=st.floats(0.05, 1.5), l2=st.floats(0.05, 1.5))
def test_more_immunoglobulin_load_means_more_sensitive(l1, l2):
    lo, hi = sorted((l1, l2))
    assert pr.ic50(pr.with_load(pr.MYELOMA_CELL, hi)) <= pr.ic50(pr.with_load(pr.MYELOMA_CELL, lo)) * (1 + 1e-9)


def test_overwhelmed_proteasome_has_no_finite_steady_state():
    s = pr.steady_state(pr.MYELOMA_CELL, 1e6)
    assert math.isinf(s.U) and s.viability < 0.01


def test_time_course_directions():
    tr = pr.simulate(pr.MYELOMA_CELL, 10.0, t_end=24)
    assert tr.U[-1] > tr.U[0] and tr.chop[-1] > tr.chop[0]
    assert tr.mcl1[-1] < tr.mcl1[0] and tr.translation[-1] < tr.translation[0]
    assert (np.diff(tr.death_signal) >= -1e-9).all()


def test_bad_inputs():
    with pytest.raises(InputError):
        pr.inhibition(-1)
    with pytest.raises(InputError):
        pr.CellParams(a_perk=1.0)
    with pytest.raises(InputError):
        pr.CellParams(capacity=0)
