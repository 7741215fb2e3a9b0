"""SMM and MGUS risk models: every published boundary, both unit systems.

Expected values are written by hand from Lakshman 2018, Mateos 2020 and
Rajkumar 2005 (fact sheet §3–§4).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mmlib.case import Case
from mmlib.errors import InputError
from mmlib.risk import (
    MGUS_ANNUAL_PROGRESSION, MGUS_ANNUAL_PROGRESSION_BY_TYPE, SMM_PROGRESSION_PIECEWISE, cumulative_progression,
    mgus_mayo, smm_imwg2020, smm_mayo2018,
)

NO_FISH = dict(t4_14=False, t14_16=False, gain_1q=False, del13q=False)


def case(flc: float | None = 1.0, m: float | None = 0.5, bmpc: float | None = 5, unit: str = "g_dl", **kw) -> Case:
    """κ/λ = ``flc`` with λ = 10 mg/L (κ involved), serum M in ``unit``, BMPC %."""
    d = {"bmpc_percent": bmpc, f"m_protein_{unit}": m, **kw}
    if flc is not None:
        d.update(flc_kappa_mg_l=flc * 10, flc_lambda_mg_l=10)
    return Case.from_dict(d)


# ======================================================================================
# Mayo 2018 "20/2/20"
# ======================================================================================
@pytest.mark.parametrize("kw, factor, points", [
    (dict(bmpc=20), "bmpc", 0), (dict(bmpc=20.1), "bmpc", 1),
    (dict(m=2.0), "m_protein", 0), (dict(m=2.01), "m_protein", 1),
    (dict(m=20, unit="g_l"), "m_protein", 0), (dict(m=20.1, unit="g_l"), "m_protein", 1),
    (dict(flc=20), "flc_ratio", 0), (dict(flc=20.1), "flc_ratio", 1),
])
def test_mayo2018_boundaries_are_strict(kw, factor, points):
    assert smm_mayo2018(case(**kw)).details["factors"][factor] == points


def test_mayo2018_lambda_involved_ratio():
    c = Case(flc_kappa_mg_l=10, flc_lambda_mg_l=200, bmpc_percent=5, m_protein_g_dl=1)
    assert smm_mayo2018(c).details["factors"]["flc_ratio"] == 0      # 200/10 = 20, not > 20
    c = Case(flc_kappa_mg_l=10, flc_lambda_mg_l=201, bmpc_percent=5, m_protein_g_dl=1)
    assert smm_mayo2018(c).details["factors"]["flc_ratio"] == 1


@pytest.mark.parametrize("kw, group, ttp", [
    (dict(), "low", 110),
    (dict(bmpc=25), "intermediate", 68),
    (dict(bmpc=25, m=2.5), "high", 29),
    (dict(bmpc=25, m=2.5, flc=30), "high", 29),
])
def test_mayo2018_groups_and_outcomes(kw, group, ttp):
    r = smm_mayo2018(case(**kw))
    assert (r.value, r.details["group"], r.details["median_ttp_months"]) == (group, group, ttp)
    assert r.details["score"] == sum(r.details["factors"].values())


def test_mayo2018_missing():
    r = smm_mayo2018(case(bmpc=None))
    assert r.value is None and r.missing == ("bmpc_percent",) and r.details["median_ttp_months"] is None
    assert "无法判断" in r.explain()
    r = smm_mayo2018(case(bmpc=None, m=3, flc=25))      # two factors already: high whatever BMPC is
    assert r.value == "high" and r.missing == ("bmpc_percent",) and r.details["score"] is None
    assert r.details["score_range"] == [2, 3]


# ======================================================================================
# IMWG 2020 score
# ======================================================================================
@pytest.mark.parametrize("flc, points", [
    (10, 0), (10.1, 2), (25, 2), (25.1, 3), (40, 3), (40.1, 5),
])
def test_imwg2020_flc_band_edges(flc, points):
    assert smm_imwg2020(case(flc=flc, **NO_FISH)).details["factors"]["flc_ratio"] == points


@pytest.mark.parametrize("m, unit, points", [
    (1.5, "g_dl", 0), (1.51, "g_dl", 3), (3.0, "g_dl", 3), (3.01, "g_dl", 4),
    (15, "g_l", 0), (15.1, "g_l", 3), (30, "g_l", 3), (30.1, "g_l", 4),
])
def test_imwg2020_m_protein_band_edges(m, unit, points):
    assert smm_imwg2020(case(m=m, unit=unit, **NO_FISH)).details["factors"]["m_protein"] == points


@pytest.mark.parametrize("bmpc, points", [
    (15, 0), (15.1, 2), (20, 2), (20.1, 3), (30, 3), (30.1, 5), (40, 5), (40.1, 6),
])
def test_imwg2020_bmpc_band_edges(bmpc, points):
    assert smm_imwg2020(case(bmpc=bmpc, **NO_FISH)).details["factors"]["bmpc"] == points


@pytest.mark.parametrize("kw, score, group, two_year", [
    (dict(m=3.5), 4, "low", 3.8),                                      # 0 + 4 + 0 + 0
    (dict(flc=15, m=2), 5, "low_intermediate", 26),                    # 2 + 3 + 0 + 0
    (dict(flc=30, m=2, bmpc=18), 8, "low_intermediate", 26),           # 3 + 3 + 2 + 0
    (dict(flc=30, m=3.5, bmpc=18), 9, "high_intermediate", 51),        # 3 + 4 + 2 + 0
    (dict(flc=50, m=3.5, bmpc=25), 12, "high_intermediate", 51),       # 5 + 4 + 3 + 0
    (dict(flc=50, m=3.5, bmpc=18, t4_14=True), 13, "high", 73),        # 5 + 4 + 2 + 2
    (dict(flc=50, m=35, unit="g_l", bmpc=50, del13q=True), 17, "high", 73),
])
def test_imwg2020_group_edges(kw, score, group, two_year):
    r = smm_imwg2020(case(**{**NO_FISH, **kw}))
    assert (r.details["score"], r.value, r.details["progression_2y_percent"]) == (score, group, two_year)


@pytest.mark.parametrize("kw, points", [
    (dict(t4_14=True), 2), (dict(t14_16=True), 2), (dict(gain_1q=True), 2), (dict(amp_1q=True), 2),
    (dict(del13q=True), 2), (dict(del17p=True), 0), (dict(t14_20=True), 0), (dict(t11_14=True), 0),
])
def test_imwg2020_fish_list_is_mateos_original(kw, points):
    assert smm_imwg2020(case(**{**NO_FISH, **kw})).details["factors"]["fish_abnormality"] == points


def test_imwg2020_missing_fish_can_still_decide():
    r = smm_imwg2020(case(flc=50, m=3.5, bmpc=50))       # 15 without FISH: high either way
    assert r.value == "high" and r.missing == ("t4_14", "t14_16", "gain_1q", "del13q")
    r = smm_imwg2020(case(flc=15, m=2, bmpc=18))         # 7 or 9: undecided
    assert r.value is None and r.details["score_range"] == [7, 9]


def test_imwg2020_missing_flc():
    r = smm_imwg2020(case(flc=None, **NO_FISH))
    assert r.value is None and r.missing == ("flc_kappa_mg_l/flc_kappa_mg_dl", "flc_lambda_mg_l/flc_lambda_mg_dl")


# ======================================================================================
# Mayo MGUS 2005
# ======================================================================================
@pytest.mark.parametrize("m, unit, points", [
    (1.5, "g_dl", 1), (1.49, "g_dl", 0), (15, "g_l", 1), (14.9, "g_l", 0),
])
def test_mgus_m_protein_boundary_is_inclusive(m, unit, points):
    c = Case.from_dict({f"m_protein_{unit}": m, "isotype": "IgG", "flc_kappa_mg_l": 10, "flc_lambda_mg_l": 10})
    assert mgus_mayo(c).details["factors"]["m_protein"] == points


@pytest.mark.parametrize("kappa, lam, points", [
    (2.6, 10, 0), (16.5, 10, 0),   # 0.26 and 1.65: normal
    (2.5, 10, 1), (16.6, 10, 1),   # 0.25 and 1.66: abnormal
])
def test_mgus_flc_ratio_boundaries(kappa, lam, points):
    c = Case(m_protein_g_dl=1.0, isotype="IgG", flc_kappa_mg_l=kappa, flc_lambda_mg_l=lam)
    assert mgus_mayo(c).details["factors"]["abnormal_flc_ratio"] == points


@pytest.mark.parametrize("isotype, points", [("IgG", 0), ("IgA", 1), ("IgM", 1), ("IgD", 1)])
def test_mgus_non_igg(isotype, points):
    c = Case(m_protein_g_dl=1.0, isotype=isotype, flc_kappa_mg_l=10, flc_lambda_mg_l=10)
    assert mgus_mayo(c).details["factors"]["non_igg"] == points


@pytest.mark.parametrize("kw, group, risk, competing", [
    (dict(), "low", 5, 2),
    (dict(isotype="IgA"), "low_intermediate", 21, 10),
    (dict(isotype="IgA", m_protein_g_dl=1.5), "high_intermediate", 37, 18),
    (dict(isotype="IgA", m_protein_g_dl=1.5, flc_kappa_mg_l=30), "high", 58, 27),
])
def test_mgus_groups_and_outcomes(kw, group, risk, competing):
    base = dict(m_protein_g_dl=1.0, isotype="IgG", flc_kappa_mg_l=10, flc_lambda_mg_l=10)
    r = mgus_mayo(Case.from_dict({**base, **kw}))
    assert (r.value, r.details["progression_20y_percent"], r.details["progression_20y_competing_percent"]) == (
        group, risk, competing)


def test_mgus_light_chain_not_applicable():
    r = mgus_mayo(Case(isotype="light_chain", flc_kappa_mg_l=100, flc_lambda_mg_l=10))
    assert r.value is None and r.details["applicable"] is False and "不适用" in r.explain()


def test_mgus_missing_isotype():
    r = mgus_mayo(Case(m_protein_g_dl=1.0, flc_kappa_mg_l=10, flc_lambda_mg_l=10))
    assert r.value is None and r.missing == ("isotype",)


# ======================================================================================
# progression-rate constants
# ======================================================================================
def test_progression_constants():
    assert MGUS_ANNUAL_PROGRESSION.per_year == 0.01 and MGUS_ANNUAL_PROGRESSION.source == "kyle2002mgus"
    # Kyle 2003 (Semin Oncol): IgM MGUS "averaged 1.5% per year"; Dispenzieri 2010: light-chain MGUS 0.3 per
    # 100 person-years.  No primary source prints a separate non-IgM rate.
    assert {k: (v.per_year, v.source) for k, v in MGUS_ANNUAL_PROGRESSION_BY_TYPE.items()} == {
        "igm": (0.015, "kyle2003igm"), "light_chain": (0.003, "dispenzieri2010")}
    assert [(r.per_year, r.start_year, r.end_year) for r in SMM_PROGRESSION_PIECEWISE] == [
        (0.10, 0, 5), (0.03, 5, 10), (0.01, 10, None)]
    assert all(r.source == "kyle2007smm" for r in SMM_PROGRESSION_PIECEWISE)


def test_cumulative_progression():
    assert cumulative_progression(SMM_PROGRESSION_PIECEWISE, 0) == 0
    assert cumulative_progression(SMM_PROGRESSION_PIECEWISE, 2.5) == pytest.approx(0.25)
    assert cumulative_progression(SMM_PROGRESSION_PIECEWISE, 20) == pytest.approx(0.75)
    assert cumulative_progression(MGUS_ANNUAL_PROGRESSION, 200) == 1.0
    with pytest.raises(InputError):
        cumulative_progression(MGUS_ANNUAL_PROGRESSION, float("nan"))


# ======================================================================================
# properties: a worse finding never lowers the group
# ======================================================================================
ORDER3 = {"low": 0, "intermediate": 1, "high": 2}
ORDER4 = {"low": 0, "low_intermediate": 1, "high_intermediate": 2, "high": 3}
pos = st.floats(min_value=0.01, max_value=100, allow_nan=False)
bump = st.floats(min_value=0, max_value=50, allow_nan=False)


@settings(max_examples=200, deadline=None)
@given(flc=st.floats(1.0, 200), m=st.floats(0, 10), bmpc=st.floats(0, 60), which=st.sampled_from("fmb"),
       more=bump, fish=st.fixed_dictionaries({k: st.booleans() for k in NO_FISH}), add_fish=st.booleans())
def test_smm_models_monotone(flc, m, bmpc, which, more, fish, add_fish):
    values = dict(flc=flc, m=m, bmpc=bmpc)
    worse = dict(values)
    key = {"f": "flc", "m": "m", "b": "bmpc"}[which]
    worse[key] = min(worse[key] + more, {"flc": 1000, "m": 15, "bmpc": 100}[key])
    fish_after = {**fish, "t4_14": True} if add_fish else fish
    for model, order in ((smm_mayo2018, ORDER3), (smm_imwg2020, ORDER4)):
        g0 = model(case(**values, **fish)).value
        g1 = model(case(**worse, **fish_after)).value
        assert order[g1] >= order[g0]


@settings(max_examples=200, deadline=None)
@given(m=st.floats(0, 10), more=st.floats(0, 5), kappa=pos, lam=pos,
       iso=st.sampled_from(["IgG", "IgA", "IgM", "IgD"]), to_non_igg=st.booleans())
def test_mgus_monotone(m, more, kappa, lam, iso, to_non_igg):
    g0 = mgus_mayo(Case(m_protein_g_dl=m, isotype=iso, flc_kappa_mg_l=kappa, flc_lambda_mg_l=lam)).value
    iso1 = "IgA" if to_non_igg else iso
    g1 = mgus_mayo(Case(m_protein_g_dl=min(m + more, 15), isotype=iso1, flc_kappa_mg_l=kappa,
                        flc_lambda_mg_l=lam)).value
    assert ORDER4[g1] >= ORDER4[g0]
