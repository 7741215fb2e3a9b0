"""The staging and risk tables the book prints: the cut-offs and points as published.

``CRITERIA_TABLES`` / ``TABLE_POINTS`` of :mod:`mmlib.staging` and :mod:`mmlib.risk`
are what tests/site/test_criteria_tables.py compares the pages with; here they are
compared with the papers (expected values typed from the publications, not from
the code).
"""

from __future__ import annotations

import pytest

from mmlib import diagnosis, risk, staging


def _cuts(table) -> set[tuple[str, float, str, float | None]]:
    return {(t.op, float(t.value), t.unit, None if t.si is None else float(t.si)) for t in table}


def test_iss_table_is_greipp_2005():
    assert _cuts(staging.CRITERIA_TABLES["iss"]) == {
        ("<", 3.5, "mg/L", None), ("≥", 3.5, "g/dL", 35.0), ("≥", 5.5, "mg/L", None)}


def test_riss_and_r2iss_tables():
    # R-ISS: LDH above the upper limit of normal (Palumbo 2015)
    assert _cuts(staging.CRITERIA_TABLES["riss"]) == {(">", 1.0, "", None)}
    # R2-ISS groups: 0 → I, 0.5–1 → II, 1.5–2.5 → III, 3–5 → IV (D'Agostino 2022)
    assert {(o, v) for o, v, _, _ in _cuts(staging.CRITERIA_TABLES["r2iss"])} == {
        (">", 1.0), ("≥", 0.5), ("≥", 1.5), ("≥", 3.0)}


def test_r2iss_points_are_the_published_points():
    assert staging.TABLE_POINTS["r2iss"] == {"iss_ii": 1, "iss_iii": 1.5, "del17p": 1, "ldh_high": 1, "t4_14": 1,
                                             "gain_or_amp_1q": 0.5}


def test_mayo_2018_and_mgus_tables():
    assert _cuts(risk.CRITERIA_TABLES["smm_mayo2018"]) == {
        (">", 20.0, "%", None), (">", 2.0, "g/dL", 20.0), (">", 20.0, "", None)}
    assert _cuts(risk.CRITERIA_TABLES["mgus_mayo"]) == {
        ("<", 0.26, "", None), (">", 1.65, "", None), ("≥", 1.5, "g/dL", 15.0)}


def test_imwg_2020_bands_and_points_are_mateos_2020():
    cuts = _cuts(risk.CRITERIA_TABLES["smm_imwg2020"])
    assert {(v, u) for _, v, u, _ in cuts if u == "%"} == {(15.0, "%"), (20.0, "%"), (30.0, "%"), (40.0, "%")}
    assert {(v, si) for _, v, u, si in cuts if u == "g/dL"} == {(1.5, 15.0), (3.0, 30.0)}
    # unitless: the FLC ratio edges 10 / 25 / 40 and the group edges 4 / 8 / 12 of the total score
    assert sorted(v for _, v, u, _ in cuts if u == "") == [4.0, 8.0, 10.0, 12.0, 25.0, 40.0]
    assert all(op == ">" for op, *_ in cuts)
    points = risk.TABLE_POINTS["smm_imwg2020"]
    assert sorted(points.values()) == sorted([2, 3, 5, 3, 4, 2, 3, 5, 6, 2])
    assert points["imwg2020.m_protein.gt3.points"] == 4 and points["imwg2020.bmpc.gt40.points"] == 6


@pytest.mark.parametrize("module", [diagnosis, staging, risk])
def test_table_names_are_unique_across_modules(module):
    others = [m for m in (diagnosis, staging, risk) if m is not module]
    assert not set(module.CRITERIA_TABLES) & {n for m in others for n in m.CRITERIA_TABLES}
