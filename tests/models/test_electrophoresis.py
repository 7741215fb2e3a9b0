"""Tests of mmlib.models.electrophoresis against exact Gaussian integrals and known isotypes."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import norm

from mmlib.errors import InputError
from mmlib.models import electrophoresis as ep


def _exact_between(serum, a, b):
    return sum(band.g_dl * (norm.cdf(b, band.position, band.sd) - norm.cdf(a, band.position, band.sd))
               for band in serum.bands)


def test_area_is_total_protein():
    for kind in ("normal", "polyclonal", "monoclonal"):
        s = ep.make_serum(kind)
        # the trace spans x in [0, 1]; the γ band's far tail lies just beyond it
        assert ep.densitogram(s).total_area == pytest.approx(_exact_between(s, 0.0, 1.0), rel=1e-6)
        assert ep.densitogram(s).total_area == pytest.approx(s.total_protein_g_dl, rel=2e-3)


def test_fractions_of_normal_serum_recover_band_amounts():
    s = ep.make_serum("normal")
    d = ep.densitogram(s)
    fr = ep.fraction_areas(d)
    edges = (0.0, 0.26, 0.39, 0.515, 0.67, 1.0)
    for (name, value), a, b in zip(fr.items(), edges[:-1], edges[1:]):
        assert value == pytest.approx(_exact_between(s, a, b), rel=1e-4)
    expected = {b.name: b.g_dl for b in ep.NORMAL_BANDS}
    for name in expected:  # band overlap moves < 0.1 g/dL across each cut
        assert fr[name] == pytest.approx(expected[name], abs=0.1)


def test_spike_alone_is_recovered_exactly():
    # No polyclonal background: the perpendicular drop should recover the spike
    # up to the tails outside the drop lines (≈ ±2.75 SD -> ≥ 99 %).
    s = ep.make_serum("monoclonal", m_spike_g_dl=2.0, polyclonal_gamma_g_dl=0.0)
    sp = ep.quantify_m_spike(ep.densitogram(s))
    assert sp.detected
    assert sp.g_dl == pytest.approx(2.0, rel=0.01)
    assert sp.g_l == pytest.approx(10 * sp.g_dl)


@pytest.mark.parametrize("m", [0.3, 1.0, 3.0, 5.0])
def test_perpendicular_drop_equals_exact_integral_and_overestimates(m):
    s = ep.make_serum("monoclonal", m_spike_g_dl=m)
    sp = ep.quantify_m_spike(ep.densitogram(s))
    exact = _exact_between(s, sp.left, sp.right)
    assert sp.g_dl == pytest.approx(exact, rel=1e-3)
    background = exact - m * (norm.cdf(sp.right, 0.8, 0.012) - norm.cdf(sp.left, 0.8, 0.012))
    assert background > 0 and sp.g_dl > m * 0.99


def test_polyclonal_and_normal_have_no_spike():
    for kind in ("normal", "polyclonal"):
        sp = ep.quantify_m_spike(ep.densitogram(ep.make_serum(kind)))
        assert not sp.detected and sp.g_dl == 0.0


@pytest.mark.parametrize("heavy", ["IgG", "IgA", "IgM", None])
@pytest.mark.parametrize("light", ["kappa", "lambda"])
def test_immunofixation_names_the_isotype(heavy, light):
    s = ep.make_serum("monoclonal", m_spike_g_dl=0.8, heavy=heavy, light=light)
    assert ep.read_immunofixation(ep.immunofixation(s)) == s.monoclonal.isotype


def test_immunofixation_lanes_conserve_immunoglobulin():
    s = ep.make_serum("monoclonal", m_spike_g_dl=1.5)
    lanes = ep.immunofixation(s)
    heavy = lanes.lane("G") + lanes.lane("A") + lanes.lane("M")
    light = lanes.lane("κ") + lanes.lane("λ")
    ig = s.polyclonal_ig.density(lanes.x) + s.monoclonal.band.density(lanes.x)
    assert np.allclose(heavy, ig) and np.allclose(light, ig)


@settings(max_examples=20, deadline=None)
@given(m1=st.floats(0.3, 6.0), m2=st.floats(0.3, 6.0))
def test_measured_spike_is_monotone_in_true_spike(m1, m2):
    lo, hi = sorted((m1, m2))
    a = ep.quantify_m_spike(ep.densitogram(ep.make_serum("monoclonal", m_spike_g_dl=lo))).g_dl
    b = ep.quantify_m_spike(ep.densitogram(ep.make_serum("monoclonal", m_spike_g_dl=hi))).g_dl
    assert b >= a - 1e-9


def test_total_protein_scaling_and_errors():
    d = ep.densitogram(ep.make_serum("monoclonal", m_spike_g_dl=2.0))
    sp = ep.quantify_m_spike(d)
    sp2 = ep.quantify_m_spike(d, total_protein_g_dl=2 * d.total_area)
    assert sp2.g_dl == pytest.approx(2 * sp.g_dl)
    with pytest.raises(InputError):
        ep.make_serum("monoclonal", m_spike_g_dl=-1)
    with pytest.raises(InputError):
        ep.make_serum("weird")
    with pytest.raises(InputError):
        ep.immunofixation(ep.make_serum("normal")).lane("D")
