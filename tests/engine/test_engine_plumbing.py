"""Small pieces the engine relies on: units, thresholds, Kleene logic, CLI in-process paths."""

from __future__ import annotations

import io
import json
import runpy

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mmlib import cli
from mmlib.case import Case, validate_field
from mmlib.cohort import assess_frame
from mmlib.errors import InputError, MMLibError, UnknownFieldError
from mmlib.trace import Check, Threshold, fmt_number
from mmlib.tristate import k_and, k_not, k_or, t_and, t_not, t_or, tri, untri
from mmlib.units import convert, to_conventional, to_si

TRI = st.sampled_from([True, False, None])


@given(st.lists(TRI, min_size=1, max_size=4))
def test_scalar_and_array_kleene_agree(values):
    arrays = [np.array([tri(v)]) for v in values]
    assert untri(t_or(*arrays)[0]) == k_or(*values)
    assert untri(t_and(*arrays)[0]) == k_and(*values)
    assert untri(t_not(arrays[0])[0]) == k_not(values[0])


def test_unit_errors():
    with pytest.raises(MMLibError):
        convert("calcium", 1.0, "mg/dL", "g/L")
    with pytest.raises(MMLibError):
        to_si("potassium", 4.0, "mmol/L")
    with pytest.raises(MMLibError):
        to_si("calcium", 4.0, "mg/L")
    assert to_conventional("creatinine", 88.4, "µmol/L") == 1.0
    assert to_si("creatinine", 88.4, "µmol/L") == 88.4
    assert convert("calcium", np.array([4.008]), "mg/dL", "mmol/L")[0] == pytest.approx(1.0)


def test_threshold_errors_and_formatting():
    with pytest.raises(MMLibError):
        Threshold("x", "x", "=", 1)
    with pytest.raises(MMLibError):
        Threshold("x", "x", ">", 1, "mg/dL", si=2, si_unit="mmol/L").value_in("g/L")
    assert fmt_number(True) == "True"
    c = Check("x", "标签", True, None, None, None, True, "imwg2014")
    assert "是" in c.explain()


def test_validate_field_unknown_and_long_mri_list():
    with pytest.raises(UnknownFieldError):
        validate_field("nope", 1)
    with pytest.raises(InputError):
        Case(mri_lesion_sizes_mm=[6.0] * 1001)
    for junk in ("5", 5, {"a": 5}):
        with pytest.raises(InputError):
            Case(mri_lesion_sizes_mm=junk)


def test_cohort_object_numeric_column_and_float_dtypes():
    df = pd.DataFrame({"bmpc_percent": pd.Series([12, None], dtype=object),
                       "mri_focal_lesions": pd.array([2.0, None], dtype="Float64")})
    assert assess_frame(df)["diagnosis"].tolist() == ["multiple_myeloma", "indeterminate"]


def test_cli_stdin_and_response_in_process(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps({"bmpc_percent": 65})))
    assert cli.main(["assess", "-", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["diagnosis"] == "multiple_myeloma"
    monkeypatch.setattr("sys.stdin", io.StringIO("garbage"))
    assert cli.main(["assess", "-"]) == 2
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps({"baseline": {"m_protein_g_dl": 3.0},
                                                              "current": {"m_protein_g_dl": 1.0}})))
    assert cli.main(["response", "-"]) == 0
    assert "IMWG 2016" in capsys.readouterr().out
    assert cli.main(["nope"]) == 2                     # a usage error: the status, one line, no SystemExit


def test_cli_os_error(monkeypatch, capsys):
    def boom(*_args):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(cli, "_read", boom)
    assert cli.main(["assess", "x.json"]) == 2
    assert "Permission denied" in capsys.readouterr().err


def test_dunder_main_imports_the_cli():
    ns = runpy.run_module("mmlib", run_name="not_main")
    assert ns["main"] is cli.main
