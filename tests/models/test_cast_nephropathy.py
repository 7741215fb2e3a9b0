"""Tests of mmlib.models.cast_nephropathy against hand-computed charges and analytic pIs."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mmlib.errors import InputError
from mmlib.models import cast_nephropathy as cn

AMINO = "ACDEFGHIKLMNPQRSTVWY"


def test_pka_sets_match_the_ipc_tables():
    assert cn.PKA_SETS["emboss"] == {"Nterm": 8.6, "Cterm": 3.6, "C": 8.5, "D": 3.9, "E": 4.1, "H": 6.5,
                                     "K": 10.8, "R": 12.5, "Y": 10.1}
    assert cn.PKA_SETS["lehninger"] == {"Nterm": 9.69, "Cterm": 2.34, "C": 8.33, "D": 3.86, "E": 4.25,
                                        "H": 6.0, "K": 10.5, "R": 12.4, "Y": 10.0}
    assert cn.BOOK_PKA_SET == "emboss"


@pytest.mark.parametrize("pka_set", ["emboss", "lehninger", "solomon"])
def test_two_group_peptide_pi_is_mean_of_termini(pka_set):
    # With only two ionisable groups, Z = 0 exactly at (pK_N + pK_C) / 2.
    pk = cn.PKA_SETS[pka_set]
    assert cn.isoelectric_point("GA", pka_set) == pytest.approx((pk["Nterm"] + pk["Cterm"]) / 2, abs=1e-5)


def test_hand_computed_charge_of_a_short_peptide():
    # "DKH" at pH 7 with EMBOSS pKa, written out term by term (Henderson–Hasselbalch):
    ph = 7.0
    n_term = 1 / (1 + 10 ** (ph - 8.6))
    lys = 1 / (1 + 10 ** (ph - 10.8))
    his = 1 / (1 + 10 ** (ph - 6.5))
    c_term = 1 / (1 + 10 ** (3.6 - ph))
    asp = 1 / (1 + 10 ** (3.9 - ph))
    expected = n_term + lys + his - c_term - asp
    assert cn.net_charge("DKH", ph, "emboss") == pytest.approx(expected, abs=1e-12)
    assert expected == pytest.approx(0.2168, abs=1e-4)


def test_lysine_like_peptide_pi_solved_as_quadratic():
    # Peptide "K" (N-term, Lys side chain, C-term). With x = 10^(-pH) and Ka = 10^(-pK):
    # x/(x+Kn) + x/(x+Kk) = Kc/(Kc+x). Multiply out -> cubic; solve with numpy.roots.
    kn, kk, kc = (10 ** -cn.PKA_SETS["emboss"][g] for g in ("Nterm", "K", "Cterm"))
    # x(x+Kk)(Kc+x) + x(x+Kn)(Kc+x) - Kc(x+Kn)(x+Kk) = 0
    p1 = np.polymul(np.polymul([1, 0], [1, kk]), [1, kc])
    p2 = np.polymul(np.polymul([1, 0], [1, kn]), [1, kc])
    p3 = kc * np.polymul([1, kn], [1, kk])
    roots = np.roots(np.polysub(np.polyadd(p1, p2), p3))
    x = max(r.real for r in roots if abs(r.imag) < 1e-20 and r.real > 0)
    assert cn.isoelectric_point("K", "emboss") == pytest.approx(-math.log10(x), abs=1e-5)


@settings(max_examples=60, deadline=None)
@given(seq=st.text(alphabet=AMINO, min_size=1, max_size=60), pka_set=st.sampled_from(["emboss", "lehninger"]))
def test_charge_is_zero_at_pi_and_decreasing(seq, pka_set):
    pi = cn.isoelectric_point(seq, pka_set)
    assert abs(cn.net_charge(seq, pi, pka_set)) < 1e-4
    z = cn.net_charge(seq, np.linspace(0, 14, 141), pka_set)
    assert (np.diff(z) < 0).all()


def test_constant_domain_sequence_and_book_value():
    assert len(cn.IGKC_HUMAN) == 107
    assert cn.IGKC_HUMAN.startswith("RTVAAPSVFIFPP") and cn.IGKC_HUMAN.endswith("NRGEC")
    assert cn.isoelectric_point(cn.IGKC_HUMAN) == pytest.approx(6.50, abs=0.01)


def test_cast_risk_directions():
    base = dict(flc_mg_l=3000, urine_ph=6.0, tubular_flow_ml_min=1.0, pi=6.0)
    r = cn.cast_risk_index(**base).index
    assert cn.cast_risk_index(**(base | {"tubular_flow_ml_min": 0.5})).index > r   # dehydration
    assert cn.cast_risk_index(**(base | {"urine_ph": 7.5})).index < r              # alkalinised urine
    assert cn.cast_risk_index(**(base | {"flc_mg_l": 6000})).index > r             # more FLC
    normal = cn.cast_risk_index(flc_mg_l=15, urine_ph=6.0, tubular_flow_ml_min=1.0, pi=6.0)
    assert normal.distal_load_mg_min == 0.0 and normal.index == 0.0


def test_reference_state_is_one():
    r = cn.cast_risk_index(flc_mg_l=2000, urine_ph=6.0, tubular_flow_ml_min=1.0, pi=6.0)
    assert r.concentration_factor == pytest.approx(1.0) and r.thp_binding_factor == pytest.approx(1.0)
    assert r.index == pytest.approx(1.0)


def test_flow_enters_once():
    # Halving the flow doubles the distal concentration exactly (the load is unchanged); the index, which is
    # saturable THP-site occupancy a·x/(1 + a·x) relative to 1/2, then goes from 1 to 2·(2/3) = 4/3 — not the
    # 1/flow² = 4 of a model that counts concentration and residence time separately.
    base = dict(flc_mg_l=2000, urine_ph=6.0, pi=6.0)
    a = cn.cast_risk_index(**base, tubular_flow_ml_min=1.0)
    b = cn.cast_risk_index(**base, tubular_flow_ml_min=0.5)
    assert b.concentration_factor == pytest.approx(2 * a.concentration_factor)
    assert b.index == pytest.approx(4 / 3)


def test_cdr3_binding_to_uromodulin_is_required():
    # Ying & Sanders 2001: casts form when the light chain's CDR3 binds THP. No binding, no casts.
    base = dict(flc_mg_l=3000, urine_ph=6.0, tubular_flow_ml_min=1.0, pi=6.0)
    assert cn.cast_risk_index(**base, cdr3_affinity=0).index == 0.0
    weak, ref, strong = (cn.cast_risk_index(**base, cdr3_affinity=a).index for a in (0.3, 1.0, 3.0))
    assert 0 < weak < ref < strong


@settings(max_examples=40, deadline=None)
@given(ph1=st.floats(4.5, 8.0), ph2=st.floats(4.5, 8.0))
def test_acidic_urine_never_protects(ph1, ph2):
    # More acidic urine never lowers the index: below the pI the light chain is not repelled by THP (plateau),
    # above it the negative charge lowers the index.
    lo, hi = sorted((ph1, ph2))
    f = lambda ph: cn.cast_risk_index(flc_mg_l=3000, urine_ph=ph, tubular_flow_ml_min=1.0,  # noqa: E731
                                      sequence=cn.ILLUSTRATIVE_VL + cn.IGKC_HUMAN).index
    assert f(lo) >= f(hi) - 1e-12


def test_below_the_pi_the_charge_factor_is_one():
    pi = 6.0
    for ph in (4.5, 5.0, 5.9, 6.0):
        assert cn.cast_risk_index(flc_mg_l=2000, urine_ph=ph, tubular_flow_ml_min=1.0, pi=pi).charge_factor == 1.0
    # 1 pH unit above the pI: Z = −2, so 1/(1 + (−2/2)²) = 1/2
    assert cn.cast_risk_index(flc_mg_l=2000, urine_ph=7.0, tubular_flow_ml_min=1.0, pi=pi).charge_factor == 0.5


@settings(max_examples=40, deadline=None)
@given(f1=st.floats(0.1, 10), f2=st.floats(0.1, 10), ph=st.floats(4.5, 8.0))
def test_more_flow_never_raises_risk(f1, f2, ph):
    lo, hi = sorted((f1, f2))
    a = cn.cast_risk_index(flc_mg_l=4000, urine_ph=ph, tubular_flow_ml_min=lo, sequence=cn.IGKC_HUMAN).index
    b = cn.cast_risk_index(flc_mg_l=4000, urine_ph=ph, tubular_flow_ml_min=hi, sequence=cn.IGKC_HUMAN).index
    assert b <= a + 1e-12


@pytest.mark.parametrize("call", [
    lambda: cn.net_charge("ABZ", 7.0),
    lambda: cn.net_charge("AK", 15.0),
    lambda: cn.net_charge("AK", 7.0, "bogus"),
    lambda: cn.cast_risk_index(flc_mg_l=100, urine_ph=6, tubular_flow_ml_min=0, pi=6),
    lambda: cn.cast_risk_index(flc_mg_l=100, urine_ph=6, tubular_flow_ml_min=1),
    lambda: cn.cast_risk_index(flc_mg_l=100, urine_ph=6, tubular_flow_ml_min=1, pi=6, cdr3_affinity=-1),
])
def test_bad_inputs(call):
    with pytest.raises(InputError):
        call()
