"""The Case record: validation, unit mix-ups, round trip, and fuzzing with junk."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mm_cases import case_dicts

from mmlib.case import (BOOL_FIELDS, CHOICES, FIELD_NAMES, MEASURED, PLAUSIBLE, Case, CaseFormatError,
                        FieldConflictError, Measured, load_json_object)
from mmlib.errors import InputError, MMLibError, UnitConflictError, UnknownFieldError


def test_every_field_optional():
    c = Case()
    assert all(getattr(c, n) is None for n in FIELD_NAMES)
    assert c.to_dict() == {}


@pytest.mark.parametrize("field, value, hint", [
    ("calcium_mg_dl", 2.6, "calcium_mmol_l"),
    ("calcium_mmol_l", 10.4, "calcium_mg_dl"),
    ("hemoglobin_g_dl", 95, "hemoglobin_g_l"),
    ("hemoglobin_g_l", 9.5, "hemoglobin_g_dl"),
    ("creatinine_mg_dl", 180, "creatinine_umol_l"),
    ("creatinine_umol_l", 1.8, "creatinine_mg_dl"),
    ("albumin_g_dl", 35, "albumin_g_l"),
    ("albumin_g_l", 3.5, "albumin_g_dl"),
    ("m_protein_g_dl", 32, "m_protein_g_l"),
    ("height_cm", 1.72, "metres"),
    ("ldh_u_l", 3.5, "µkat/L"),
    ("beta2m_mg_l", 400, "nmol/L"),
])
def test_unit_mixups_are_named(field, value, hint):
    with pytest.raises(InputError) as info:
        Case.from_dict({field: value})
    err = info.value
    assert err.field == field and err.value == value
    assert hint in str(err) and field in err.zh and field in err.en
    lo, hi = PLAUSIBLE[field]
    assert f"{lo:g}" in err.en.replace(",", "")


@pytest.mark.parametrize("field, value", [
    ("m_protein_g_l", 3.2), ("m_protein_g_dl", 0.2), ("calcium_mmol_l", 4.5), ("calcium_mg_dl", 4.5),
    ("creatinine_umol_l", 20), ("creatinine_mg_dl", 20), ("hemoglobin_g_dl", 3.5), ("hemoglobin_g_l", 45),
    ("albumin_g_l", 12), ("albumin_g_dl", 1.2), ("bmpc_percent", 0), ("bmpc_percent", 100),
])
def test_real_values_in_either_unit_are_accepted(field, value):
    assert getattr(Case.from_dict({field: value}), field) == value


@pytest.mark.parametrize("value", ["yes", 1, 0, "true", None.__class__, 1.0])
def test_booleans_must_be_bool(value):
    with pytest.raises(InputError):
        Case.from_dict({"del17p": value})


@pytest.mark.parametrize("value", ["60", float("nan"), float("inf"), -1, True, [60], {"v": 60}])
def test_numbers_must_be_finite_non_negative_numbers(value):
    with pytest.raises(InputError) as info:
        Case.from_dict({"age_years": value})
    assert isinstance(info.value, ValueError)


def test_counts_must_be_whole():
    assert Case(lytic_lesions=2.0).lytic_lesions == 2
    with pytest.raises(InputError):
        Case(lytic_lesions=1.5)


def test_choices():
    with pytest.raises(InputError) as info:
        Case(isotype="igg")
    assert "light_chain" in str(info.value)
    for name, values in CHOICES.items():
        for v in values:
            assert getattr(Case.from_dict({name: v}), name) == v


def test_unknown_field_lists_valid_ones():
    with pytest.raises(UnknownFieldError) as info:
        Case.from_dict({"calcium": 2.5})
    assert "calcium_mg_dl" in str(info.value) and "calcium_mmol_l" in str(info.value)


@pytest.mark.parametrize("stem", list(MEASURED))
def test_both_units_conflict(stem):
    s = MEASURED[stem]
    lo_c, hi_c = PLAUSIBLE[s.conventional_field]
    lo_s, hi_s = PLAUSIBLE[s.si_field]
    with pytest.raises(UnitConflictError):
        Case.from_dict({s.conventional_field: (lo_c + hi_c) / 2, s.si_field: (lo_s + hi_s) / 2})


def test_mri_forms_conflict():
    with pytest.raises(FieldConflictError):
        Case(mri_lesion_sizes_mm=[6.0], mri_focal_lesions=1)


def test_measured_and_conversion():
    c = Case(calcium_mmol_l=2.5, creatinine_mg_dl=1.0, calcium_uln_mg_dl=10.2)
    assert c.measured("calcium") == Measured(2.5, "mmol/L", "calcium_mmol_l")
    assert c.measured("calcium").to("mg/dL") == pytest.approx(10.02)
    assert c.measured("creatinine").to("µmol/L") == pytest.approx(88.4)
    assert c.measured("calcium_uln").to("mmol/L") == pytest.approx(10.2 / 4.008, rel=1e-5)
    assert c.measured("hemoglobin") is None
    with pytest.raises(UnknownFieldError):
        c.measured("sodium")


def test_from_json_text_file_and_errors(tmp_path):
    p = tmp_path / "case.json"
    p.write_text(json.dumps({"bmpc_percent": 12, "sex": "male"}), encoding="utf-8")
    assert Case.from_json(p) == Case.from_json(str(p)) == Case(bmpc_percent=12, sex="male")
    assert Case.from_json('{"sex": "female"}').sex == "female"
    for bad in ("[1, 2]", '{"a": NaN}', '{"bmpc_percent": 12', str(tmp_path / "missing.json")):
        with pytest.raises(CaseFormatError):
            Case.from_json(bad)
    (tmp_path / "bin.json").write_bytes(b"\xff\xfe\x00")
    with pytest.raises(CaseFormatError):
        load_json_object(tmp_path / "bin.json")
    with pytest.raises(CaseFormatError):
        Case.from_dict([("sex", "male")])


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(case_dicts())
def test_round_trip(d):
    c = Case.from_dict(d)
    assert Case.from_dict(c.to_dict()) == c
    assert Case.from_dict(json.loads(json.dumps(c.to_dict()))) == c
    assert hash(c) == hash(Case.from_dict(c.to_dict()))


JUNK = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-10**400, max_value=10**400), st.floats(),
    st.text(max_size=5), st.lists(st.one_of(st.floats(), st.text(max_size=2), st.integers()), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2), st.tuples(st.integers()),
)
KEYS = st.one_of(st.sampled_from(FIELD_NAMES), st.text(max_size=12))


@settings(max_examples=600, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(KEYS, JUNK, max_size=6))
def test_fuzz_only_mmlib_errors(d):
    """Junk either makes a valid Case or raises an MMLibError (a ValueError) — nothing else."""
    try:
        c = Case.from_dict(d)
    except MMLibError as exc:
        assert isinstance(exc, ValueError)
        assert " / " in str(exc) and exc.zh and exc.en
    else:
        for name in c.given():
            v = getattr(c, name)
            if name in BOOL_FIELDS:
                assert isinstance(v, bool)
            elif name in PLAUSIBLE and not isinstance(v, tuple):
                assert math.isfinite(v) and PLAUSIBLE[name][0] <= v <= PLAUSIBLE[name][1]


@settings(max_examples=300)
@given(st.text(max_size=40), st.sampled_from(["{", "", " [", "/tmp/"]))
def test_fuzz_json_text_and_paths(text, prefix):
    try:
        Case.from_json(prefix + text)
    except MMLibError:
        pass
