"""IMWG 2016 response (Kumar 2016): missing urine, relapse from CR, imaging and blood PD items, visits.

Expected categories are written by hand from the 2016 table (Table 3 and the relapse
definitions of Kumar 2016), with values chosen so that each boundary is hit exactly as a
quotient (2.0 → 3.0 is exactly + 50 %).
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mmlib.cli import main
from mmlib.errors import InputError, UnknownFieldError
from mmlib.response import assess_response, assess_visits

G_DL, URINE = "m_protein_g_dl", "urine_m_protein_mg_24h"


def run(**kw):
    return assess_response(kw)


# --- (a) missing urine: VGPR is capped, PR is decided on serum with a stated assumption -------------
def test_vgpr_without_urine_is_capped_at_pr_with_provisional_vgpr():
    r = run(baseline={G_DL: 3.0}, current={G_DL: 0.3})
    assert r.value == "PR"
    assert r.details["provisional"] == "VGPR"
    assert "current.urine_m_protein_mg_24h" in r.details["missing"]
    assert "current.urine_m_protein_mg_24h" in r.to_dict()["missing"]
    assert any("假定尿 M 蛋白不可测量" in n for n in r.details["notes"])


@pytest.mark.parametrize("urine, expected", [(99, "VGPR"), (100, "PR")])
def test_vgpr_with_urine_measured(urine, expected):
    r = run(baseline={G_DL: 3.0}, current={G_DL: 0.3, URINE: urine})
    assert r.value == expected
    assert r.details["provisional"] is None


def test_measurable_urine_at_baseline_and_none_now_leaves_every_level_open():
    # serum fell 50 % (PR on serum; VGPR excluded by the serum), but urine was 1000 mg at baseline
    # and is not reported now: PR and MR both need the urine
    r = run(baseline={G_DL: 4.0, URINE: 1000}, current={G_DL: 2.0})
    assert r.value is None
    assert r.details["provisional"] == "PR"
    assert r.details["missing"] == ["current.urine_m_protein_mg_24h"]


def test_pr_on_serum_alone_lists_both_urine_fields():
    r = run(baseline={G_DL: 4.0}, current={G_DL: 2.0})
    assert r.value == "PR"
    assert set(r.details["missing"]) == {"baseline.urine_m_protein_mg_24h", "current.urine_m_protein_mg_24h"}


def test_baseline_urine_not_measurable_and_current_given_needs_no_assumption():
    r = run(baseline={G_DL: 4.0, URINE: 150}, current={G_DL: 2.0, URINE: 150})
    assert r.value == "PR" and r.details["missing"] == [] and r.details["provisional"] is None


def test_cr_open_without_marrow_is_provisional():
    r = run(baseline={G_DL: 3.0}, current={G_DL: 0, URINE: 0}, serum_ife_negative=True,
            urine_ife_negative=True, soft_tissue_plasmacytoma_present=False)
    assert r.value == "VGPR" and r.details["provisional"] == "CR"
    assert r.details["missing"] == ["bmpc_percent"]


# --- (b) relapse from CR -----------------------------------------------------------------------------
CR_NOW = dict(baseline={G_DL: 3.0}, current={G_DL: 0, URINE: 0}, serum_ife_negative=True,
              urine_ife_negative=True, soft_tissue_plasmacytoma_present=False, new_lesions=False,
              hypercalcemia=False)


@pytest.mark.parametrize("marrow, expected", [(5, True), (4.9, False)])
def test_relapse_from_cr_marrow_exactly_5_percent(marrow, expected):
    r = run(**CR_NOW, bmpc_percent=marrow, prior_cr=True)
    assert r.details["relapse_from_cr"] is expected
    assert r.to_dict()["relapse_from_cr"] is expected


def test_relapse_from_cr_by_immunofixation_alone():
    data = {**CR_NOW, "serum_ife_negative": False, "bmpc_percent": 2, "prior_cr": True}
    r = assess_response(data)
    assert r.details["relapse_from_cr"] is True
    assert r.value == "VGPR"  # IFE-positive, electrophoresis 0: no PD, but no longer CR


@pytest.mark.parametrize("flag", ["new_lesions", "hypercalcemia"])
def test_relapse_from_cr_by_other_signs(flag):
    r = run(**{**CR_NOW, flag: True}, bmpc_percent=2, prior_cr=True)
    assert r.details["relapse_from_cr"] is True


def test_relapse_from_cr_unknown_without_marrow_and_not_applicable_without_prior_cr():
    assert run(**CR_NOW, prior_cr=True).details["relapse_from_cr"] is None
    assert run(**CR_NOW, bmpc_percent=2).details["relapse_from_cr"] is None
    assert run(**CR_NOW, bmpc_percent=2, prior_cr=False).details["relapse_from_cr"] is None


# --- (c) imaging, circulating plasma cells, marrow -----------------------------------------------------
SERUM_PR = dict(baseline={G_DL: 4.0, URINE: 0}, nadir={G_DL: 2.0, URINE: 0})


@pytest.mark.parametrize("spd, lesions, expected", [
    (3.0, 2, "PD"),     # 2.0 → 3.0 cm²: exactly + 50 %, two lesions
    (2.99, 2, "PR"),    # + 49.5 %
    (3.0, 1, "PR"),     # SPD of a single lesion: this item needs > 1 lesion
])
def test_pd_spd_of_more_than_one_lesion(spd, lesions, expected):
    r = run(baseline={G_DL: 4.0, URINE: 0, "lesion_spd_cm2": 4.0}, nadir={G_DL: 2.0, "lesion_spd_cm2": 2.0},
            current={G_DL: 2.0, URINE: 0, "lesion_spd_cm2": spd}, spd_lesion_count=lesions)
    assert r.value == expected


def test_pd_spd_without_lesion_count_is_open():
    r = run(baseline={G_DL: 4.0, URINE: 0, "lesion_spd_cm2": 2.0},
            current={G_DL: 2.0, URINE: 0, "lesion_spd_cm2": 3.0})
    assert "spd_lesion_count" in r.details["missing"]


@pytest.mark.parametrize("ld, axis, expected", [
    (2.1, 1.2, "PD"),   # 1.4 → 2.1 cm is + 50 % (0.7 / 1.4, a quotient that is not exact in binary)
    (2.09, 1.2, "PR"),
    (2.1, 1.0, "PR"),   # short axis exactly 1 cm: not "> 1 cm"
])
def test_pd_longest_diameter_of_a_lesion_over_1_cm_short_axis(ld, axis, expected):
    r = run(baseline={G_DL: 4.0, URINE: 0, "lesion_longest_diameter_cm": 3.0},
            nadir={G_DL: 2.0, "lesion_longest_diameter_cm": 1.4, "lesion_short_axis_cm": axis},
            current={G_DL: 2.0, URINE: 0, "lesion_longest_diameter_cm": ld})
    assert r.value == expected


def test_new_lesion_is_pd_even_with_a_falling_m_protein():
    assert run(baseline={G_DL: 4.0}, current={G_DL: 0.3, URINE: 0}, new_lesions=True).value == "PD"


@pytest.mark.parametrize("nadir, cur, expected", [
    (134, 201, True),    # exactly + 50 % and ≥ 200/µL
    (134, 200, False),   # + 49.3 %
    (100, 150, False),   # + 50 % but below the 200/µL minimum
    (0, 200, True),      # from 0 any rise is ≥ 50 %; 200/µL meets the minimum exactly
])
def test_pd_circulating_plasma_cells_only_measure(nadir, cur, expected):
    r = run(baseline={"circulating_pc_per_ul": 400}, nadir={"circulating_pc_per_ul": nadir},
            current={"circulating_pc_per_ul": cur})
    assert (r.value == "PD") is expected


def test_circulating_plasma_cells_ignored_when_serum_is_measurable():
    r = run(baseline={G_DL: 4.0, URINE: 0, "circulating_pc_per_ul": 100},
            current={G_DL: 2.0, URINE: 0, "circulating_pc_per_ul": 1000})
    assert r.value == "PR"


@pytest.mark.parametrize("cur, expected", [(20, "PD"), (19.9, "PR")])
def test_marrow_rule_exactly_10_percent_when_nothing_else_is_measurable(cur, expected):
    r = run(baseline={"bmpc_percent": 40, "flc_kappa_mg_l": 20, "flc_lambda_mg_l": 10},
            nadir={"bmpc_percent": 10}, bmpc_percent=cur)
    assert r.value == expected


def test_marrow_rule_not_used_when_serum_is_measurable():
    r = run(baseline={G_DL: 4.0, URINE: 0, "bmpc_percent": 40}, nadir={"bmpc_percent": 10},
            current={G_DL: 2.0, URINE: 0}, bmpc_percent=30)
    assert r.value == "PR"


@pytest.mark.parametrize("field, value", [
    ("lesion_spd_cm2", -1), ("circulating_pc_per_ul", "200"), ("lesion_short_axis_cm", True),
])
def test_bad_imaging_and_blood_values(field, value):
    with pytest.raises(InputError, match=field):
        run(baseline={G_DL: 4.0}, current={field: value})


@pytest.mark.parametrize("count", [0, 1.5, True, 101])
def test_bad_lesion_count(count):
    with pytest.raises(InputError, match="spd_lesion_count"):
        run(baseline={G_DL: 4.0}, current={G_DL: 2.0}, spd_lesion_count=count)


# --- (d) visits: category at each visit, confirmation, PD dated at the first of two ------------------
def visit(date, m, urine=0, **kw):
    return {"date": date, "current": {G_DL: m, URINE: urine}, **kw}


def test_series_pr_vgpr_then_pd_confirmed():
    s = assess_visits({"baseline": {G_DL: 4.0}, "visits": [
        visit("2024-01-10", 2.0), visit("2024-02-10", 0.4), visit("2024-03-10", 0.4),
        visit("2024-04-10", 0.9), visit("2024-05-10", 1.2)]})
    assert s.value == ("PR", "VGPR", "VGPR", "PD", "PD")
    assert [v.confirmed for v in s.visits] == [True, True, False, True, None]
    assert s.best_confirmed_response == "VGPR"
    assert s.progression_date == "2024-04-10"
    # the nadir used at the fourth visit is the 0.4 g/dL of the second and third
    assert s.visits[3].to_dict()["nadir"][G_DL] == 0.4


def test_single_pd_not_confirmed_is_not_dated():
    s = assess_visits({"baseline": {G_DL: 4.0}, "visits": [
        visit("2024-01-10", 2.0), visit("2024-02-10", 2.5), visit("2024-03-10", 2.0)]})
    assert s.value == ("PR", "PD", "PR")
    assert s.visits[1].confirmed is False and s.progression_date is None
    # after the unconfirmed rise the nadir is still 2.0: 2.0 again is no PD
    assert s.best_confirmed_response is None  # PR at visit 1 is followed by PD, PR at visit 3 is the last


def test_relapse_from_cr_across_visits():
    cr = dict(serum_ife_negative=True, urine_ife_negative=True, soft_tissue_plasmacytoma_present=False,
              bmpc_percent=2, new_lesions=False, hypercalcemia=False)
    s = assess_visits({"baseline": {G_DL: 3.0}, "visits": [
        {"date": "2024-01-01", "current": {}, **cr},
        {"date": "2024-04-01", "current": {}, **cr},
        {"date": "2024-07-01", "current": {G_DL: 0.2}, **{**cr, "serum_ife_negative": False}}]})
    # from a nadir of 0, + 0.2 g/dL is not PD (< 0.5 g/dL): the category is VGPR, but this is relapse from CR
    assert s.value == ("CR", "CR", "VGPR")
    assert [v.to_dict()["relapse_from_cr"] for v in s.visits] == [None, False, True]


def test_visits_cli_and_single_form_unchanged(tmp_path, capsys):
    series = {"baseline": {G_DL: 4.0}, "visits": [visit("2024-01-10", 2.0), visit("2024-02-10", 1.0)]}
    path = tmp_path / "visits.json"
    path.write_text(json.dumps(series), encoding="utf-8")
    assert main(["response", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [v["category"] for v in out["visits"]] == ["PR", "PR"]
    assert out["visits"][0]["confirmed"] is True and out["progression_date"] is None
    assert main(["response", str(path)]) == 0
    assert "2024-01-10：PR" in capsys.readouterr().out
    single = tmp_path / "single.json"
    single.write_text(json.dumps({"baseline": {G_DL: 4.0}, "current": {G_DL: 2.0}}), encoding="utf-8")
    assert main(["response", str(single), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["category"] == "PR"


@pytest.mark.parametrize("data, field", [
    ({"baseline": {G_DL: 4.0}, "visits": []}, "visits"),
    ({"baseline": {G_DL: 4.0}, "visits": "x"}, "visits"),
    ({"baseline": {G_DL: 4.0}, "visits": [{"current": {G_DL: 2.0}}]}, "visits[0].date"),
    ({"baseline": {G_DL: 4.0}, "visits": [{"date": "2024-13-01"}]}, "visits[0].date"),
    ({"baseline": {G_DL: 4.0}, "visits": [visit("2024-02-01", 2.0), visit("2024-01-01", 2.0)]},
     "visits[1].date"),
    ({"baseline": {G_DL: 4.0}, "visits": [visit("2024-02-01", 2.0, bmpc_percent="x")]}, "bmpc_percent"),
])
def test_bad_visits(data, field):
    with pytest.raises(InputError, match=field.replace("[", r"\[").replace("]", r"\]")):
        assess_visits(data)


def test_unknown_visit_key():
    with pytest.raises(UnknownFieldError, match="prior_cr"):
        assess_visits({"baseline": {G_DL: 4.0}, "visits": [{**visit("2024-01-01", 2.0), "prior_cr": True}]})


def test_series_cli_bad_input_exits_2(tmp_path, capsys):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"baseline": {G_DL: 4.0}, "visits": [{"date": "yesterday"}]}), encoding="utf-8")
    assert main(["response", str(path)]) == 2
    err = capsys.readouterr().err
    assert "visits[0].date" in err and len(err.strip().splitlines()) == 1


def test_imaging_and_blood_items_without_a_reference_are_open():
    r = run(baseline={G_DL: 4.0, URINE: 0}, current={G_DL: 2.0, URINE: 0, "lesion_spd_cm2": 3.0},
            spd_lesion_count=2)
    assert r.value == "PR" and any("PD 不能完全排除" in n for n in r.details["notes"])
    r = run(baseline={"circulating_pc_per_ul": 400}, current={})
    assert r.value is None and "current.circulating_pc_per_ul" in r.details["missing"]


def test_series_report_shows_provisional_and_relapse():
    cr = dict(serum_ife_negative=True, urine_ife_negative=True, soft_tissue_plasmacytoma_present=False,
              bmpc_percent=2, new_lesions=False, hypercalcemia=False)
    s = assess_visits({"baseline": {G_DL: 3.0}, "visits": [
        {"date": "2024-01-01", "current": {}, **cr},
        {"date": "2024-04-01", "current": {G_DL: 0.3}},
        {"date": "2024-07-01", "current": {G_DL: 0.3}, **{**cr, "serum_ife_negative": False}}]})
    text = s.explain()
    assert "2024-04-01：PR（部分缓解）" in text and "暂定上限 VGPR" in text
    assert "CR 后复发" in text and "疾病进展（PD）：未确认" in text


def _cr_visit(day, mrd_negative=True, pet=True):
    return {"date": day, "current": {}, "serum_ife_negative": True, "urine_ife_negative": True,
            "soft_tissue_plasmacytoma_present": False, "bmpc_percent": 1,
            "mrd": {"method": "flow", "negative": mrd_negative, "sensitivity": 1e-5, "pet_negative": pet}}


@pytest.mark.parametrize("second, expected", [
    ("2025-01-10", "sustained_mrd_negative"),    # exactly one year later
    ("2025-01-09", "imaging_plus_mrd_negative"),  # one day short
])
def test_sustained_mrd_negativity_across_visits(second, expected):
    s = assess_visits({"baseline": {G_DL: 3.0}, "visits": [
        _cr_visit("2024-01-10"), {"date": "2024-06-01", "current": {}, "serum_ife_negative": True,
                                  "urine_ife_negative": True},
        _cr_visit(second)]})
    assert s.visits[0].to_dict()["mrd"] == "imaging_plus_mrd_negative"
    assert s.visits[2].to_dict()["mrd"] == expected


def test_sustained_mrd_run_is_broken_by_a_positive_result():
    s = assess_visits({"baseline": {G_DL: 3.0}, "visits": [
        _cr_visit("2024-01-10"), _cr_visit("2024-07-10", mrd_negative=False), _cr_visit("2025-01-10"),
        _cr_visit("2026-01-10")]})
    assert [v.to_dict()["mrd"] for v in s.visits] == [
        "imaging_plus_mrd_negative", None, "imaging_plus_mrd_negative", "sustained_mrd_negative"]


def test_sustained_mrd_from_29_february():
    s = assess_visits({"baseline": {G_DL: 3.0}, "visits": [_cr_visit("2024-02-29"), _cr_visit("2025-02-28"),
                                                          _cr_visit("2025-03-01")]})
    assert [v.to_dict()["mrd"] for v in s.visits][1:] == ["imaging_plus_mrd_negative", "sustained_mrd_negative"]


def test_cr_followed_by_a_visit_without_marrow_is_not_unconfirmed():
    s = assess_visits({"baseline": {G_DL: 3.0}, "visits": [
        _cr_visit("2024-01-10"),
        {"date": "2024-03-10", "current": {}, "serum_ife_negative": True, "urine_ife_negative": True,
         "soft_tissue_plasmacytoma_present": False},                      # no marrow: VGPR, CR open
        {"date": "2024-05-10", "current": {G_DL: 0.3, URINE: 0}}]})      # IFE-positive: VGPR, CR excluded
    assert s.value == ("CR", "VGPR", "VGPR")
    assert s.visits[0].confirmed is None        # the open CR at the next visit could confirm it
    assert s.visits[1].confirmed is True        # VGPR then VGPR


def test_cr_followed_by_positive_immunofixation_is_not_confirmed():
    s = assess_visits({"baseline": {G_DL: 3.0}, "visits": [
        _cr_visit("2024-01-10"), {"date": "2024-03-10", "current": {G_DL: 0.3, URINE: 0}}]})
    assert s.value == ("CR", "VGPR") and s.visits[0].confirmed is False


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from([0.2, 0.3, 0.5, 0.8, 1.0, 1.3, 2.0, 2.5, 3.0, 4.0, 5.0]), min_size=1, max_size=7))
def test_series_agrees_with_single_assessments_and_dates_pd_at_the_first(values):
    base = {G_DL: 4.0, URINE: 0}
    visits = [visit(f"2024-{i + 1:02d}-01", m) for i, m in enumerate(values)]
    s = assess_visits({"baseline": base, "visits": visits})
    for i, m in enumerate(values):
        nadir = min([4.0, *values[:i]])
        single = assess_response({"baseline": base, "nadir": {G_DL: nadir, URINE: 0},
                                  "current": {G_DL: m, URINE: 0}, "prior_cr": False})
        assert s.visits[i].category == single.value
    cats = list(s.value)
    pairs = [i for i in range(len(cats) - 1) if cats[i] == cats[i + 1] == "PD"]
    assert s.progression_date == (visits[pairs[0]]["date"] if pairs else None)


def test_reports_read_as_chinese():
    from test_reader_facing import _problems  # the battery of the reader-facing tests

    cr = dict(serum_ife_negative=True, urine_ife_negative=True, soft_tissue_plasmacytoma_present=False,
              bmpc_percent=2, new_lesions=False, hypercalcemia=False)
    texts = [
        run(baseline={G_DL: 3.0}, current={G_DL: 0.3}).explain(),
        run(baseline={G_DL: 4.0, URINE: 1000}, current={G_DL: 2.0}).explain(),
        run(baseline={"circulating_pc_per_ul": 400}, current={}).explain(),
        run(**CR_NOW, bmpc_percent=5, prior_cr=True).explain(),
        run(baseline={G_DL: 4.0, URINE: 0, "lesion_longest_diameter_cm": 3.0},
            nadir={G_DL: 2.0, "lesion_longest_diameter_cm": 1.4, "lesion_short_axis_cm": 1.2},
            current={G_DL: 2.0, URINE: 0, "lesion_longest_diameter_cm": 2.1, "lesion_spd_cm2": 3.0}).explain(),
        assess_visits({"baseline": {G_DL: 3.0}, "visits": [
            {"date": "2024-01-01", "current": {}, **cr}, {"date": "2024-04-01", "current": {G_DL: 0.3}},
            {"date": "2024-07-01", "current": {G_DL: 0.9}, **{**cr, "serum_ife_negative": False}},
            _cr_visit("2024-09-01")]}).explain(),
    ]
    problems = [p for text in texts for p in _problems(text)]
    assert not problems, "\n".join(problems[:10])


def test_mrd_negativity_in_the_last_representable_year_is_not_sustained_and_does_not_crash():
    s = assess_visits({"baseline": {G_DL: 3.0}, "visits": [_cr_visit("9999-01-10"), _cr_visit("9999-12-31")]})
    assert [v.to_dict()["mrd"] for v in s.visits] == ["imaging_plus_mrd_negative"] * 2


@pytest.mark.parametrize("unit_field", ["m_protein_g_dl", "m_protein_g_l"])
def test_an_m_spike_with_negative_immunofixation_names_the_field_that_was_given(unit_field):
    with pytest.raises(InputError) as err:
        assess_response({"baseline": {unit_field: 3.0}, "current": {unit_field: 0.4}, "serum_ife_negative": True})
    assert err.value.field == f"current.{unit_field}"
