"""Tests of mmlib.models.immunophenotype against numbers that do not come from the model."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mmlib.errors import InputError, MMLibError
from mmlib.models import immunophenotype as im


def test_seed_makes_sample_reproducible():
    a = im.simulate_marrow(2000, seed=42)
    b = im.simulate_marrow(2000, seed=42)
    c = im.simulate_marrow(2000, seed=43)
    assert np.array_equal(a.events, b.events)
    assert not np.array_equal(a.events, c.events)


def test_gate_finds_the_true_plasma_cells():
    s = im.simulate_marrow(30_000, seed=5)
    g = im.gate_plasma_cells(s)
    true_pc = np.isin(s.population, ["normal_pc", "clonal_pc"])
    purity = true_pc[g.in_pc_gate].mean()
    recall = g.in_pc_gate[true_pc].mean()
    assert purity > 0.99 and recall > 0.9
    # aberrant cells are the clone, not normal plasma cells
    assert (s.population[g.aberrant] == "clonal_pc").mean() > 0.99
    # clonal share among gated PCs close to the true share 0.04 / 0.05 = 0.8
    assert g.clonal_fraction == pytest.approx(0.8, abs=0.03)


def test_polyclonal_ratio_matches_two_to_one_within_binomial_band():
    # The textbook normal κ:λ usage ≈ 2:1 (p = 2/3): check the κ share among
    # gated normal plasma cells lies inside a 4-sigma binomial band.
    s = im.simulate_marrow(60_000, fractions={"normal_pc": 0.05, "other": 0.95}, seed=11)
    g = im.gate_plasma_cells(s)
    n = g.n_pc
    share = g.n_kappa / n
    assert abs(share - 2 / 3) < 4 * math.sqrt((2 / 3) * (1 / 3) / n)
    assert g.restricted is False and g.n_aberrant == 0


def test_simulated_mixture_matches_closed_form_ratio():
    # 30 % λ clone among plasma cells: expected κ share = 0.7 * 2/3
    s = im.simulate_marrow(80_000, fractions={"normal_pc": 0.035, "clonal_pc": 0.015, "other": 0.95},
                           clonal_light_chain="lambda", seed=3)
    g = im.gate_plasma_cells(s)
    expected_share = 0.7 * 2 / 3
    share = g.n_kappa / g.n_pc
    assert abs(share - expected_share) < 4 * math.sqrt(expected_share * (1 - expected_share) / g.n_pc)
    r = im.expected_kappa_lambda_ratio(0.3, clone="lambda")
    assert r == pytest.approx(expected_share / (1 - expected_share))


def test_minimal_clone_fractions_solved_by_hand():
    # κ clone: f + (1-f)·2/3 = 0.8 (ratio 4:1) -> f/3 = 0.8 - 2/3 -> f = 0.4
    assert im.minimal_restricted_clone_fraction("kappa") == pytest.approx(0.4)
    # λ clone: λ share = f + (1-f)/3 = 2/3 (ratio 1:2) -> 2f/3 = 1/3 -> f = 0.5
    assert im.minimal_restricted_clone_fraction("lambda") == pytest.approx(0.5)
    assert im.expected_kappa_lambda_ratio(0.4) == pytest.approx(4.0)
    assert im.expected_kappa_lambda_ratio(0.5, clone="lambda") == pytest.approx(0.5)


def _sample_with(n_kappa, n_lambda):
    n = n_kappa + n_lambda
    ev = np.tile(np.array([2.8, 1, 4.2, 3.6, 2.8, 1, 1, 4, 1, 1], dtype=float), (n, 1))
    ev[:n_kappa, 8] = 4.0
    ev[n_kappa:, 9] = 4.0
    lc = np.array(["kappa"] * n_kappa + ["lambda"] * n_lambda)
    return im.FlowSample(events=ev, population=np.array(["normal_pc"] * n), light_chain=lc)


def test_ratio_cutoffs_are_strict_as_published():
    # IMWG 2016: abnormal if κ/λ > 4:1 or < 1:2; exactly 4:1 and 1:2 are normal.
    assert im.gate_plasma_cells(_sample_with(400, 100)).restricted is False
    assert im.gate_plasma_cells(_sample_with(401, 100)).restricted_chain == "kappa"
    assert im.gate_plasma_cells(_sample_with(100, 200)).restricted is False
    assert im.gate_plasma_cells(_sample_with(100, 201)).restricted_chain == "lambda"


def test_too_few_plasma_cells_is_not_evaluable():
    g = im.gate_plasma_cells(_sample_with(80, 10))
    assert g.restricted is None and g.restricted_chain is None


@given(f1=st.floats(0, 0.99), f2=st.floats(0, 0.99), p=st.floats(0.05, 0.95))
def test_ratio_is_monotone_in_clone_size(f1, f2, p):
    lo, hi = sorted((f1, f2))
    assert im.expected_kappa_lambda_ratio(lo, kappa_fraction_normal=p) <= \
        im.expected_kappa_lambda_ratio(hi, kappa_fraction_normal=p) * (1 + 1e-12)
    assert im.expected_kappa_lambda_ratio(lo, clone="lambda", kappa_fraction_normal=p) >= \
        im.expected_kappa_lambda_ratio(hi, clone="lambda", kappa_fraction_normal=p) * (1 - 1e-12)


@settings(max_examples=30, deadline=None)
@given(p=st.floats(0.05, 0.95))
def test_minimal_fraction_hits_the_cutoff(p):
    fk = im.minimal_restricted_clone_fraction("kappa", kappa_fraction_normal=p)
    if 0 < fk < 1:
        assert im.expected_kappa_lambda_ratio(fk, kappa_fraction_normal=p) == pytest.approx(4.0)
    fl = im.minimal_restricted_clone_fraction("lambda", kappa_fraction_normal=p)
    if 0 < fl < 1:
        assert im.expected_kappa_lambda_ratio(fl, clone="lambda", kappa_fraction_normal=p) == pytest.approx(0.5)


@pytest.mark.parametrize("kwargs", [
    {"n_events": 0}, {"clonal_light_chain": "mu"}, {"kappa_fraction_normal": 1.5},
    {"fractions": {"B": 0.5}}, {"fractions": {"T": 1.0}}, {"spread": -1},
])
def test_bad_inputs_raise_bilingual_errors(kwargs):
    with pytest.raises(InputError) as exc:
        im.simulate_marrow(**({"n_events": 100} | kwargs))
    assert "应为" in str(exc.value) and "expected" in str(exc.value)


def test_parameters_mark_provenance():
    sources = {p.name: p.is_published for p in im.PARAMETERS}
    assert sources["KAPPA_LAMBDA_RESTRICTED_ABOVE"] and not sources["spread"]
    with pytest.raises(MMLibError):
        im.FlowSample(np.zeros((1, 10)), np.array(["B"]), np.array([""])).marker("CD3")
