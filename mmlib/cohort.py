"""The same rules over a whole table: one row per patient, columns = case field names.

:func:`assess_frame` validates a :class:`pandas.DataFrame` with the rules of
:class:`~mmlib.case.Case` (unknown column → :class:`~mmlib.errors.UnknownFieldError`;
an implausible value → :class:`~mmlib.errors.InputError` naming the row and
the column) and evaluates, with numpy over whole columns, the laboratory
formulas, CRAB, SLiM, the IMWG 2014 diagnosis and ISS / R-ISS / R2-ISS.

Nothing is restated here: the thresholds are the objects of
:mod:`mmlib.diagnosis` and :mod:`mmlib.staging`, the formulas are the
``*_formula`` functions of :mod:`mmlib.labs`, three-valued logic comes from
:mod:`mmlib.tristate` and the diagnosis is :func:`mmlib.diagnosis.decide`,
the decision table that :func:`~mmlib.diagnosis.classify` also uses.  A
test checks row by row that the result equals :func:`mmlib.assess.assess`.
Missing values are ``NaN`` / ``None``.

>>> import pandas as pd
>>> df = pd.DataFrame({"bmpc_percent": [12, 8], "mri_focal_lesions": [2, None]})
>>> out = assess_frame(df)
>>> out["diagnosis"].tolist(), out["M"].tolist()
(['multiple_myeloma', 'indeterminate'], [True, <NA>])
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from .case import (ASSERTED_CRAB, BOOL_FIELDS, CHOICES, FIELD_NAMES, INT_FIELDS, MEASURED, PLAUSIBLE, _EXCLUSIVE, Case,
                   validate_field)
from .diagnosis import (BMPC_S, CALCIUM_ABOVE_ULN, CALCIUM_HIGH, CLONAL_BMPC, CREATININE_HIGH, CRCL_LOW,
                        DIAGNOSES, FLC_INVOLVED_LI, FLC_RATIO_LI, HB_BELOW_LLN, HB_LOW, LYTIC,
                        LYTIC_WITH_PLASMACYTOMA, M_PROTEIN_DETECTED, MRI_LESION_SIZE, MRI_LESIONS, REASONS,
                        SMM_M_PROTEIN, SMM_URINE, SP_MARROW, URINE_DETECTED, crab, decide, difference)
from .errors import InputError, MMLibError
from .labs import (FLC_KAPPA_ULN, FLC_LAMBDA_ULN, FLC_RATIO_HIGH, FLC_RATIO_LOW, FLC_RATIO_RENAL_HIGH,
                   FLC_RATIO_RENAL_LOW, RENAL_RANGE_GFR, ckd_epi_2021_formula, cockcroft_gault_formula,
                   corrected_calcium_formula)
from .staging import ISS_ALBUMIN_I, ISS_B2M_I, ISS_B2M_III, LDH_HIGH, STAGES, iss_codes, r2iss_group, r2iss_range, \
    riss_codes
from .trace import as_read
from .tristate import t_and, t_not, t_or, t_test
from .units import convert

__all__ = ["assess_frame", "validate_frame", "OUTPUT_COLUMNS"]

#: Columns of the result, in order.
OUTPUT_COLUMNS: tuple[str, ...] = (
    "diagnosis", "diagnosis_reason", "diagnosis_provisional", "C", "R", "A", "B", "S", "Li", "M",
    "crcl_ml_min", "egfr_ml_min_1_73m2", "corrected_calcium_mg_dl", "flc_ratio_involved_uninvolved",
    "iss", "riss", "r2iss", "r2iss_points",
)


# --------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------

def _row_error(exc: MMLibError, column: str, row: Any) -> MMLibError:
    """The same error as for one case, with the row named."""
    exc.zh = exc.zh.replace(f"字段 {column}", f"第 {row} 行的字段 {column}", 1)
    exc.en = exc.en.replace(f"field {column}", f"field {column} in row {row}", 1)
    if f"row {row}" not in exc.en:
        exc.zh, exc.en = f"第 {row} 行：{exc.zh}", f"Row {row}: {exc.en}"
    exc.args = (f"{exc.zh} / {exc.en}",)
    return exc


def _raise_for(column: str, series: pd.Series, bad: np.ndarray) -> None:
    """Re-validate the first flagged value as a single field and raise its error with the row named."""
    pos = int(np.flatnonzero(bad)[0])
    value, row = series.iloc[pos], series.index[pos]
    if isinstance(value, np.generic):
        value = value.item()
    try:
        validate_field(column, value)
    except MMLibError as exc:
        raise _row_error(exc, column, row) from None
    raise _row_error(InputError(column, value, "有效值", en_expected="a valid value"), column, row)  # pragma: no cover


def _is_missing(v: Any) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and v != v)


def _object_bad(series: pd.Series, column: str) -> np.ndarray:
    """Per-element check for object columns (strings, booleans, mixed)."""
    out = np.zeros(len(series), bool)
    for i, v in enumerate(series.to_numpy(object)):
        if _is_missing(v):
            continue
        try:
            validate_field(column, v.item() if isinstance(v, np.generic) else v)
        except MMLibError:
            out[i] = True
    return out


def _numeric(series: pd.Series, column: str) -> np.ndarray:
    kind = series.dtype.kind
    if kind in "iuf":  # also the nullable Int64/Float64 dtypes (pd.NA → NaN)
        x = series.to_numpy(float, na_value=np.nan)
    else:
        bad = _object_bad(series, column) if kind == "O" else np.ones(len(series), bool)
        if bad.any():
            _raise_for(column, series, bad)
        x = np.array([np.nan if _is_missing(v) else float(v) for v in series.to_numpy(object)], float)
    lo, hi = PLAUSIBLE[column]
    with np.errstate(invalid="ignore"):
        bad = ~np.isnan(x) & (~np.isfinite(x) | (x < lo) | (x > hi))
        if column in INT_FIELDS:
            bad |= ~np.isnan(x) & np.isfinite(x) & (x != np.round(x))
    if bad.any():
        _raise_for(column, series, bad)
    return x


def _boolean(series: pd.Series, column: str) -> np.ndarray:
    if series.dtype == bool:
        return series.to_numpy(float)
    if series.dtype.name == "boolean":
        return series.to_numpy(float, na_value=np.nan)
    bad = _object_bad(series, column) if series.dtype.kind == "O" else ~series.isna().to_numpy()
    if bad.any():
        _raise_for(column, series, bad)
    return np.array([np.nan if _is_missing(v) else float(bool(v)) for v in series.to_numpy(object)], float)


def _choice(series: pd.Series, column: str) -> np.ndarray:
    bad = _object_bad(series, column)
    if bad.any():
        _raise_for(column, series, bad)
    return np.array([None if _is_missing(v) else v for v in series.to_numpy(object)], object)


def _mri_count(series: pd.Series) -> np.ndarray:
    out = np.full(len(series), np.nan)
    for i, v in enumerate(series.to_numpy(object)):
        if v is None or (isinstance(v, float) and v != v):
            continue
        try:
            sizes = validate_field("mri_lesion_sizes_mm", v)
        except MMLibError as exc:
            raise _row_error(exc, "mri_lesion_sizes_mm", series.index[i]) from None
        out[i] = sum(1 for s in sizes if MRI_LESION_SIZE.test(s, "mm"))
    return out


def validate_frame(df: pd.DataFrame) -> dict[str, np.ndarray]:
    """Validate the columns and return them as arrays (floats with NaN; strings as object arrays).

    Numbers: float arrays; booleans: 1.0 / 0.0 / NaN; ``sex``, ``isotype``,
    ``light_chain``: object arrays with ``None``; ``mri_lesion_sizes_mm``: the
    count of lesions ≥ 5 mm (key ``mri_count``).

    >>> validate_frame(pd.DataFrame({"hemoglobin_g_dl": [12.0, 95.0]}))
    Traceback (most recent call last):
    ...
    mmlib.errors.InputError: 第 1 行的字段 hemoglobin_g_dl 的值 95.0 无效：应为 3–25 g/dL（看起来像 g/L 单位的数值；请改用字段 hemoglobin_g_l）。 / Invalid value 95.0 for field hemoglobin_g_dl in row 1: expected 3–25 g/dL (looks like a value in g/L; use field hemoglobin_g_l).
    """
    from .errors import UnknownFieldError

    for column in df.columns:
        if not isinstance(column, str) or column not in FIELD_NAMES:
            raise UnknownFieldError(str(column), FIELD_NAMES)
    n = len(df)
    cols: dict[str, np.ndarray] = {}
    for name in FIELD_NAMES:
        if name not in df.columns:
            cols[name] = np.full(n, None, object) if name in CHOICES else np.full(n, np.nan)
            continue
        s = df[name]
        if name in CHOICES:
            cols[name] = _choice(s, name)
        elif name in BOOL_FIELDS:
            cols[name] = _boolean(s, name)
        elif name == "mri_lesion_sizes_mm":
            cols[name] = _mri_count(s)
        else:
            cols[name] = _numeric(s, name)
    for first, second, error in _EXCLUSIVE:
        given = lambda c: (~np.isnan(cols[c])) if cols[c].dtype == float else np.array(  # noqa: E731
            [v is not None for v in cols[c]], bool)
        both = given(first) & given(second)
        if both.any():
            row = df.index[int(np.flatnonzero(both)[0])]
            raise _row_error(error(first, second), first, row)
    absent = cols["crab_absent"]
    stated_too = np.zeros(n, bool)
    for item in ASSERTED_CRAB.values():
        stated_too |= ~np.isnan(cols[item])
    bad = (absent == 0.0) | (~np.isnan(absent) & stated_too)
    if bad.any():
        _raise_case_error(df, int(np.flatnonzero(bad)[0]))
    return cols


def _raise_case_error(df: pd.DataFrame, pos: int) -> None:
    """Raise the error that one case built from row ``pos`` raises, with the row named."""
    row = df.iloc[pos]
    record = {k: (v.item() if isinstance(v, np.generic) else v) for k, v in row.items() if not _is_missing(v)}
    try:
        crab(Case.from_dict(record))
    except MMLibError as exc:
        raise _row_error(exc, exc.field or "", df.index[pos]) from None
    raise MMLibError("第 {pos} 行无法评估。", f"Row {pos} cannot be evaluated.")  # pragma: no cover


# --------------------------------------------------------------------------
# Evaluation
# --------------------------------------------------------------------------

def _pair(cols: dict[str, np.ndarray], stem: str) -> tuple[np.ndarray, np.ndarray, str, str]:
    s = MEASURED[stem]
    return cols[s.conventional_field], cols[s.si_field], s.conventional_unit, s.si_unit


def _either(threshold, conv: np.ndarray, si: np.ndarray, cu: str, su: str) -> np.ndarray:
    """Test in the unit given: the conventional value where present, else the SI value."""
    return np.where(~np.isnan(conv), t_test(threshold, conv, cu), t_test(threshold, si, su))


def _in_unit(analyte: str, conv: np.ndarray, si: np.ndarray, cu: str, su: str, unit: str) -> np.ndarray:
    """A quantity in ``unit``: the value as given if in that unit, else converted (unrounded)."""
    if unit == cu:
        return np.where(~np.isnan(conv), conv, convert(analyte, si, su, cu))
    return np.where(~np.isnan(si), si, convert(analyte, conv, cu, su))


def _relative(analyte: str, stem_value: str, stem_ref: str, threshold, cols, value_minus_ref: bool) -> np.ndarray:
    """Test a difference from a reference limit (Ca − ULN, LLN − Hb) in the unit of the measured value."""
    vc, vs, cu, su = _pair(cols, stem_value)
    rc, rs, _, _ = _pair(cols, stem_ref)
    ref_c = _in_unit(analyte, rc, rs, cu, su, cu)
    ref_s = _in_unit(analyte, rc, rs, cu, su, su)
    if value_minus_ref:
        dc, ds = difference(vc, ref_c), difference(vs, ref_s)
    else:
        dc, ds = difference(ref_c, vc), difference(ref_s, vs)
    return _either(threshold, dc, ds, cu, su)


def _labs(cols: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    age, weight, sex = cols["age_years"], cols["weight_kg"], cols["sex"]
    female = sex == "female"
    sex_known = np.array([v is not None for v in sex], bool)
    cc, cs, cu, su = _pair(cols, "creatinine")
    scr = _in_unit("creatinine", cc, cs, cu, su, "mg/dL")
    with np.errstate(invalid="ignore", divide="ignore"):
        cg = np.where(sex_known & ~np.isnan(weight), cockcroft_gault_formula(age, weight, female, scr), np.nan)
        egfr = np.where(sex_known, ckd_epi_2021_formula(age, female, scr), np.nan)
    crcl = np.where(~np.isnan(cols["crcl_ml_min"]), cols["crcl_ml_min"], cg)

    ca_c, ca_s, _, _ = _pair(cols, "calcium")
    ac, as_, au, asu = _pair(cols, "albumin")
    si = np.isnan(ca_c)
    ca = np.where(si, ca_s, ca_c)
    alb = np.where(si, _in_unit("albumin", ac, as_, au, asu, asu), _in_unit("albumin", ac, as_, au, asu, au))
    corrected = corrected_calcium_formula(ca, alb, si)
    corrected_mg = np.where(si, convert("calcium", corrected, "mmol/L", "mg/dL"), corrected)

    kappa, lam, chain = _flc(cols, "kappa"), _flc(cols, "lambda"), cols["light_chain"]
    kappa_involved = np.where(chain == "kappa", True, np.where(chain == "lambda", False, kappa >= lam))
    both = ~np.isnan(kappa) & ~np.isnan(lam)  # as in labs.flc_ratio: nothing without both chains
    involved = np.where(both, np.where(kappa_involved, kappa, lam), np.nan)
    uninvolved = np.where(kappa_involved, lam, kappa)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = as_read(kappa / lam)
        ratio_iu = as_read(involved / uninvolved)
    # the kidney function that picks the κ/λ range (labs.kidney_function): measured CrCl, CKD-EPI, reported eGFR
    measured = ~np.isnan(cols["crcl_ml_min"])
    gfr = np.where(measured, cols["crcl_ml_min"], np.where(~np.isnan(egfr), egfr, cols["egfr_ml_min_1_73m2"]))
    renal = t_test(RENAL_RANGE_GFR, gfr, "mL/min")
    standard = t_or(t_test(FLC_RATIO_LOW, ratio), t_test(FLC_RATIO_HIGH, ratio))
    renal_abn = t_or(t_test(FLC_RATIO_RENAL_LOW, ratio), t_test(FLC_RATIO_RENAL_HIGH, ratio))
    abnormal = np.where(renal == 1.0, renal_abn, standard)
    return {"crcl": crcl, "egfr": egfr, "corrected_mg_dl": corrected_mg, "ratio": ratio, "kappa": kappa,
            "lambda": lam, "involved": involved, "ratio_iu": ratio_iu, "ratio_abnormal": abnormal}


def _flc(cols: dict[str, np.ndarray], chain: str) -> np.ndarray:
    """A free light chain in mg/L, whichever unit was given (as :meth:`Case.flc_mg_l`)."""
    dl, l_ = cols[f"flc_{chain}_mg_dl"], cols[f"flc_{chain}_mg_l"]
    return np.where(~np.isnan(l_), l_, as_read(convert("flc", dl, "mg/dL", "mg/L")))


def _events(cols: dict[str, np.ndarray], labs: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    e: dict[str, np.ndarray] = {}
    e["C"] = t_or(_either(CALCIUM_HIGH, *_pair(cols, "calcium")),
                  _relative("calcium", "calcium", "calcium_uln", CALCIUM_ABOVE_ULN, cols, True))
    e["R"] = t_or(t_test(CRCL_LOW, labs["crcl"], "mL/min"), _either(CREATININE_HIGH, *_pair(cols, "creatinine")))
    e["A"] = t_or(_either(HB_LOW, *_pair(cols, "hemoglobin")),
                  _relative("hemoglobin", "hemoglobin", "hemoglobin_lln", HB_BELOW_LLN, cols, False))
    bm10 = t_test(CLONAL_BMPC, cols["bmpc_percent"])
    plasma = cols["biopsy_proven_plasmacytoma"] == 1.0
    b_std = t_test(LYTIC, cols["lytic_lesions"])
    b_fn = t_test(LYTIC_WITH_PLASMACYTOMA, cols["lytic_lesions"])
    e["B"] = np.where(~plasma | (bm10 == 1), b_std,
                      np.where(bm10 == 0, b_fn, np.where(b_std == b_fn, b_std, np.nan)))
    for item, field in ASSERTED_CRAB.items():  # a stated item decides only what the laboratory values leave open
        stated = np.where(cols["crab_absent"] == 1.0, 0.0, cols[field])
        lab = e[item]
        if (~np.isnan(stated) & ~np.isnan(lab) & (stated != lab)).any():
            raise_rows = np.flatnonzero(~np.isnan(stated) & ~np.isnan(lab) & (stated != lab))
            e["_conflict_row"] = raise_rows[:1]
            break
        e[item] = np.where(np.isnan(lab), stated, lab)
    e["S"] = t_test(BMPC_S, cols["bmpc_percent"])
    e["Li"] = t_and(t_test(FLC_RATIO_LI, labs["ratio_iu"]), t_test(FLC_INVOLVED_LI, labs["involved"], "mg/L"))
    count = np.where(np.isnan(cols["mri_lesion_sizes_mm"]), cols["mri_focal_lesions"], cols["mri_lesion_sizes_mm"])
    e["M"] = t_test(MRI_LESIONS, count)
    e["bmpc10"], e["plasmacytoma"] = bm10, plasma.astype(float)
    return e


def _diagnosis(cols, labs, e) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    m3 = _either(SMM_M_PROTEIN, *_pair(cols, "m_protein"))
    urine = t_test(SMM_URINE, cols["urine_m_protein_mg_24h"])
    ratio, kappa, lam = labs["ratio"], labs["kappa"], labs["lambda"]
    lc_flc = t_or(t_and(t_test(FLC_RATIO_HIGH, ratio), t_test(FLC_KAPPA_ULN, kappa, "mg/L")),
                  t_and(t_test(FLC_RATIO_LOW, ratio), t_test(FLC_LAMBDA_ULN, lam, "mg/L")))
    crab_ = t_or(e["C"], e["R"], e["A"], e["B"])
    isotype = cols["isotype"]
    heavy = np.array([v is not None and v != "light_chain" for v in isotype], bool)
    is_lc = (isotype == "light_chain").astype(float)
    m_pos = np.where(heavy, 1.0, _either(M_PROTEIN_DETECTED, *_pair(cols, "m_protein")))
    flags = {
        "mde": t_or(crab_, e["S"], e["Li"], e["M"]), "crab": crab_, "bmpc10": e["bmpc10"],
        "bmpc_zero": t_test(SP_MARROW, cols["bmpc_percent"]), "plasmacytoma": e["plasmacytoma"],
        "smm_marker": t_or(m3, urine), "mgus_m": t_not(m3), "lc_flc": lc_flc, "urine_lt500": t_not(urine),
        "is_igm": (isotype == "IgM").astype(float), "is_lc": is_lc, "m_pos": m_pos,
        "mp": t_or(m_pos, is_lc, t_test(URINE_DETECTED, cols["urine_m_protein_mg_24h"]), labs["ratio_abnormal"]),
    }
    return decide(flags)


def _staging(cols: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    b2m = cols["beta2m_mg_l"]
    iii = t_test(ISS_B2M_III, b2m)
    stage_i = t_and(t_test(ISS_B2M_I, b2m), _either(ISS_ALBUMIN_I, *_pair(cols, "albumin")))
    with np.errstate(invalid="ignore", divide="ignore"):
        ldh = t_test(LDH_HIGH, cols["ldh_u_l"] / cols["ldh_uln_u_l"])
    ca_high = t_or(cols["del17p"], cols["t4_14"], cols["t14_16"])
    # 1q+ as mmlib.cytogenetics.gain_1q_status reads it: gain or amplification; 'no gain' excludes both
    q1 = np.where((cols["gain_1q"] == 1) | (cols["amp_1q"] == 1), 1.0, np.where(cols["gain_1q"] == 0, 0.0, np.nan))
    lo, hi = r2iss_range(iii, stage_i, cols["del17p"], ldh, cols["t4_14"], q1)
    g_lo, g_hi = r2iss_group(lo), r2iss_group(hi)
    return {"iss": iss_codes(iii, stage_i), "riss": riss_codes(iii, stage_i, ca_high, ldh),
            "r2iss": np.where(g_lo == g_hi, g_lo, np.nan), "r2iss_points": np.where(lo == hi, lo, np.nan)}


def _roman(codes: np.ndarray) -> np.ndarray:
    out = np.full(len(codes), None, object)
    ok = ~np.isnan(codes)
    out[ok] = np.array(STAGES, object)[codes[ok].astype(int) - 1]
    return out


def _flags(x: np.ndarray) -> pd.arrays.BooleanArray:
    return pd.array(np.where(np.isnan(x), None, x == 1.0), dtype="boolean")


def assess_frame(df: pd.DataFrame) -> pd.DataFrame:
    """Evaluate every row; returns a DataFrame with :data:`OUTPUT_COLUMNS` and the input's index.

    Flags (``C`` … ``M``) are pandas nullable booleans (``<NA>`` = not
    evaluable); stages are ``"I"`` … ``"IV"`` or ``None``; ``diagnosis_reason``
    is ``""`` when a diagnosis was reached.

    >>> df = pd.DataFrame({"beta2m_mg_l": [3.4, 5.5], "albumin_g_l": [35, 40]})
    >>> assess_frame(df)["iss"].tolist()
    ['I', 'III']
    """
    cols = validate_frame(df)
    labs = _labs(cols)
    e = _events(cols, labs)
    if "_conflict_row" in e:
        _raise_case_error(df, int(e["_conflict_row"][0]))
    dx, reason, prov = _diagnosis(cols, labs, e)
    st = _staging(cols)
    names = np.array(DIAGNOSES, object)
    out = pd.DataFrame(index=df.index)
    obj = lambda a: pd.Series(a, index=df.index, dtype=object)  # noqa: E731  (keep None, not NaN)
    out["diagnosis"] = obj(names[dx])
    out["diagnosis_reason"] = obj(np.array(REASONS, object)[reason])
    out["diagnosis_provisional"] = obj(np.where(prov >= 0, names[np.maximum(prov, 0)], None))
    for k in ("C", "R", "A", "B", "S", "Li", "M"):
        out[k] = _flags(e[k])
    out["crcl_ml_min"] = labs["crcl"]
    out["egfr_ml_min_1_73m2"] = labs["egfr"]
    out["corrected_calcium_mg_dl"] = labs["corrected_mg_dl"]
    out["flc_ratio_involved_uninvolved"] = labs["ratio_iu"]
    for k in ("iss", "riss", "r2iss"):
        out[k] = obj(_roman(st[k]))
    out["r2iss_points"] = st["r2iss_points"]
    return out
