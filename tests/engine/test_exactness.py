"""Every cut-off is decided on the value as the reader sees it (issue: binary floats at the boundary).

Values that land *exactly* on a published threshold are built as quotients, products, differences and unit
round trips; each must get the verdict of the published sign (≥ and ≤ met, > and < not met).  The expected
verdicts come from exact rational arithmetic (``fractions.Fraction`` of the decimal literals), never from
the code under test.
"""

from __future__ import annotations

import importlib
import pkgutil
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

import mmlib
from mmlib.case import Case
from mmlib.cohort import assess_frame
from mmlib.diagnosis import slim
from mmlib.labs import flc_ratio
from mmlib.risk import mgus_mayo, smm_imwg2020, smm_mayo2018
from mmlib.trace import OPS, Threshold, as_read
from mmlib.tristate import t_test
from mmlib.units import ANALYTES, convert


def _all_thresholds() -> list[Threshold]:
    """Every Threshold defined at module level in mmlib (also inside tuples of bands)."""
    found: dict[str, Threshold] = {}

    def visit(obj, depth=0):
        if isinstance(obj, Threshold):
            found[f"{obj.key}|{obj.op}|{obj.value}|{obj.unit}"] = obj
        elif isinstance(obj, (tuple, list)) and depth < 3:
            for x in obj:
                visit(x, depth + 1)

    for info in pkgutil.walk_packages(mmlib.__path__, "mmlib."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            visit(value)
    return list(found.values())


THRESHOLDS = _all_thresholds()
_ANALYTE_OF_PAIR = {(a.conventional_unit, a.si_unit): name for name, a in ANALYTES.items()}


def _units(t: Threshold) -> list[str]:
    return [t.unit] + ([t.si_unit] if t.si_unit else [])


def _on_cut_off(v: float) -> list[float]:
    """Floating-point computations whose exact (decimal) result is v."""
    exact = Fraction(str(v))
    out = []
    for k in ("3", "7", "4.4", "0.3", "1.1", "13", "4.008", "88.4"):
        numerator = Decimal(str(v)) * Decimal(k)          # exact decimal product, typed by a reader
        x = float(numerator) / float(k)
        if Fraction(str(numerator)) / Fraction(k) == exact:
            out.append(x)
    for k in ("2", "4", "5", "10", "0.1", "0.2", "3.3"):
        part = Decimal(str(v)) / Decimal(k)
        if part * Decimal(k) == Decimal(str(v)) and len(part.as_tuple().digits) <= 10:
            out.append(float(part) * float(k))
    out.append((v + 2.99) - 2.99)
    out.append((v + 0.1) - 0.1)
    return out


def test_the_inventory_is_real():
    keys = {t.key for t in THRESHOLDS}
    assert {"imwg2014.slim.flc_ratio", "imwg2014.crab.calcium", "flc.ratio_low", "flc.ratio_high"} <= keys
    assert len(THRESHOLDS) >= 40


def test_binary_float_error_exists_without_the_rule():
    # the defect the rule removes: the quotient is below 100 in binary floating point
    assert 440 / 4.4 < 100 and as_read(440 / 4.4) == 100


@pytest.mark.parametrize("t", THRESHOLDS, ids=lambda t: f"{t.key}{t.op}{t.value}")
def test_value_exactly_on_every_threshold_follows_the_sign(t):
    for unit in _units(t):
        v = t.value_in(unit)
        expected = OPS[t.op](Fraction(str(v)), Fraction(str(v)))   # True for ≥ ≤, False for > <
        for x in _on_cut_off(v):
            assert t.test(x, unit) is expected or bool(t.test(x, unit)) == expected, (t.key, unit, x)
            assert t.check(x, unit).verdict == expected
        analyte = _ANALYTE_OF_PAIR.get((t.unit, t.si_unit))
        if analyte:
            other = t.si_unit if unit == t.unit else t.unit
            round_trip = convert(analyte, convert(analyte, v, unit, other), other, unit)
            assert bool(t.test(round_trip, unit)) == expected, (t.key, unit, round_trip)


@pytest.mark.parametrize("t", THRESHOLDS, ids=lambda t: f"{t.key}{t.op}{t.value}")
def test_cohort_arrays_use_the_same_rule(t):
    for unit in _units(t):
        v = t.value_in(unit)
        xs = np.array(_on_cut_off(v) + [np.nan])
        got = t_test(t, xs, unit)
        scalar = [float(t.test(x, unit)) for x in xs[:-1]]
        assert got[:-1].tolist() == scalar and np.isnan(got[-1])


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(THRESHOLDS), st.integers(-3, 3), st.integers(1, 7),
       st.sampled_from(["3", "7", "4.4", "0.3", "13"]))
def test_near_the_cut_off_the_exact_comparison_decides(t, steps, scale, k):
    """A value a few units of the 7th significant digit away from the cut-off, built as a quotient."""
    v = Decimal(str(t.value))
    if v == 0:
        return
    step = abs(v).scaleb(-scale) if scale < 7 else Decimal("1e-6") * abs(v)
    target = v + steps * step
    if target < 0:
        return
    numerator = target * Decimal(k)
    x = float(numerator) / float(k)
    expected = OPS[t.op](Fraction(str(numerator)) / Fraction(k), Fraction(str(v)))
    assert bool(t.test(x, t.unit)) == expected


# --- the reported cases, per case and through the cohort path ---------------------------------------

def test_li_at_exactly_100_as_a_quotient():
    r = slim(Case(bmpc_percent=20, flc_kappa_mg_l=440, flc_lambda_mg_l=4.4))
    assert r.details["Li"] is True
    line = next(c for c in r.checks if c.criterion == "imwg2014.slim.flc_ratio")
    assert line.verdict is True and "→ 符合" in line.explain()


def test_li_with_flc_in_mg_dl_and_mg_l_agree():
    a = slim(Case(flc_kappa_mg_dl=44, flc_lambda_mg_dl=0.44)).details["Li"]
    b = slim(Case(flc_kappa_mg_l=440, flc_lambda_mg_l=4.4)).details["Li"]
    assert a is b is True


def test_kappa_lambda_limits_exactly():
    # 16.5 / 10 = 1.65 is not > 1.65; 2.6 / 10 = 0.26 is not < 0.26: both normal (Katzmann 2002)
    assert flc_ratio(Case(flc_kappa_mg_l=16.5, flc_lambda_mg_l=10)).details["abnormal_standard"] is False
    assert flc_ratio(Case(flc_kappa_mg_l=2.6, flc_lambda_mg_l=10)).details["abnormal_standard"] is False
    assert flc_ratio(Case(flc_kappa_mg_l=4.62, flc_lambda_mg_l=2.8)).details["abnormal_standard"] is False  # 1.65
    # Mayo MGUS model: the ratio factor is not present at exactly 1.65
    assert mgus_mayo(Case(isotype="IgG", m_protein_g_dl=1.0, flc_kappa_mg_l=4.62, flc_lambda_mg_l=2.8)).value == "low"


def test_mayo2018_ratio_exactly_20_is_not_above_20():
    r = smm_mayo2018(Case(bmpc_percent=10, m_protein_g_dl=1.0, flc_kappa_mg_l=88, flc_lambda_mg_l=4.4))
    assert r.details["score"] == 0


def test_imwg2020_flc_band_exactly_25():
    # > 10–25 → 2 points (Mateos 2020): exactly 25 is in the 2-point band, 25.0000001 would be 3
    r = smm_imwg2020(Case(flc_kappa_mg_l=110, flc_lambda_mg_l=4.4, m_protein_g_dl=1.0, bmpc_percent=10,
                          t4_14=False, t14_16=False, gain_1q=False, del13q=False))
    assert r.details["factors"]["flc_ratio"] == 2


def test_cohort_path_decides_the_same_at_the_cut_offs():
    df = pd.DataFrame({
        "bmpc_percent": [20.0, 20.0], "flc_kappa_mg_l": [440.0, 16.5], "flc_lambda_mg_l": [4.4, 10.0],
        "mri_focal_lesions": [0, 0],
    })
    out = assess_frame(df)
    assert out["Li"].tolist() == [True, False]
    assert out["flc_ratio_involved_uninvolved"].tolist()[0] == 100.0
