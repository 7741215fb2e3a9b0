"""Laboratory calculations: creatinine clearance, eGFR, corrected calcium, free-light-chain ratios.

Every function takes a :class:`~mmlib.case.Case` and returns a
:class:`~mmlib.trace.RuleResult` whose ``value`` is the number (``None`` with
``missing`` listing the absent fields when it cannot be computed) and whose
trace states the formula.  The arithmetic lives in small ``*_formula``
functions that accept floats *or* numpy arrays, so :mod:`mmlib.cohort` applies
bit-for-bit the same formula to a whole table.

Formulas
--------
Cockcroft–Gault (Cockcroft 1976)
    CrCl (mL/min) = (140 − age) × weight (kg) × 0.85 [female] / (72 × SCr mg/dL).
    Actual body weight, as in the original paper (no ideal/adjusted weight;
    MedCalc-Bench's BMI-dependent weight choice is *not* used).  Creatinine
    given in µmol/L is divided by 88.4 (M = 113.12 g/mol) before use, so the
    result equals the mg/dL result; the SI "shortcut" constants 1.23/1.04 are
    rounded and give slightly different numbers, so they are not used.
CKD-EPI 2021, race-free (Inker 2021)
    eGFR = 142 × min(SCr/κ, 1)^α × max(SCr/κ, 1)^−1.200 × 0.9938^age × 1.012 [female],
    κ = 0.7 (female) / 0.9 (male), α = −0.241 (female) / −0.302 (male),
    SCr in mg/dL.  (MedCalc-Bench's explanation code uses κ = 0.7 for men with
    SCr ≤ 0.9; that is a bug and is not reproduced here.)
Albumin-corrected calcium
    corrected Ca (mg/dL) = Ca + 0.8 × (4.0 − albumin g/dL), or, when calcium is
    given in mmol/L, corrected Ca (mmol/L) = Ca + 0.02 × (40 − albumin g/L).
    This is the form used in practice and usually credited to Payne; the 1973
    paper's own abstract uses a factor of 1.0 (Ca − albumin + 4.0, in mg/100 mL
    and g/100 mL).  Applied symmetrically (also when albumin > 4 g/dL).
Free light chains (Katzmann 2002; Hutchison 2008)
    κ/λ ratio, the involved/uninvolved ratio (involved = the ``light_chain`` of
    the M-protein if given, else the larger of κ and λ, κ on a tie), dFLC =
    involved − uninvolved, and whether κ/λ lies outside the standard
    diagnostic range 0.26–1.65 and the renal range 0.37–3.1.  The renal range
    applies when kidney function is < 60 mL/min: measured CrCl if given, else
    CKD-EPI 2021 eGFR (the IMWG renal group prefers CKD-EPI).  With neither,
    the standard range is used and the trace says that kidney function is
    unknown.

>>> from mmlib.case import Case
>>> c = Case(age_years=60, sex="male", weight_kg=70, creatinine_mg_dl=1.0)
>>> round(cockcroft_gault(c).value, 2)
77.78
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .case import Case, either_field
from .units import CREATININE_UMOL_L_PER_MG_DL, convert as _convert
from .trace import Check, RuleResult, Threshold, as_read, fmt_number, fmt_quantity, info

__all__ = [
    "cockcroft_gault", "ckd_epi_2021", "corrected_calcium", "flc_ratio", "kidney_function",
    "cockcroft_gault_formula", "ckd_epi_2021_formula", "corrected_calcium_formula",
    "FLC_RATIO_LOW", "FLC_RATIO_HIGH", "FLC_RATIO_RENAL_LOW", "FLC_RATIO_RENAL_HIGH",
    "FLC_KAPPA_ULN", "range_text", "PAYNE_1973_FACTOR", "FLC_LAMBDA_ULN", "RENAL_RANGE_GFR",
    "CG_FEMALE_FACTOR", "CKD_EPI_2021",
    "CORRECTED_CA_PER_G_DL", "CORRECTED_CA_PER_G_L", "REFERENCE_ALBUMIN_G_DL", "REFERENCE_ALBUMIN_G_L",
]

# --------------------------------------------------------------------------
# Constants (each written once)
# --------------------------------------------------------------------------

#: Cockcroft–Gault: women × 0.85; the constant 72 is in the formula below.
CG_FEMALE_FACTOR = 0.85
CG_CONSTANT = 72.0

#: CKD-EPI 2021 coefficients (Inker 2021): sex → (κ, α); 142, −1.200, 0.9938 and 1.012 below.
CKD_EPI_2021: dict[str, tuple[float, float]] = {"female": (0.7, -0.241), "male": (0.9, -0.302)}
CKD_EPI_2021_K = 142.0
CKD_EPI_2021_HIGH_EXP = -1.200
CKD_EPI_2021_AGE_BASE = 0.9938
CKD_EPI_2021_FEMALE = 1.012

#: Corrected calcium: 0.8 mg/dL per g/dL below 4.0 g/dL, i.e. 0.02 mmol/L per g/L below 40 g/L.
CORRECTED_CA_PER_G_DL = 0.8
REFERENCE_ALBUMIN_G_DL = 4.0
CORRECTED_CA_PER_G_L = 0.02
REFERENCE_ALBUMIN_G_L = 40.0
#: The factor in the Payne 1973 abstract itself (Ca − albumin + 4.0), shown in the trace for comparison only.
PAYNE_1973_FACTOR = 1.0

#: Standard diagnostic κ/λ range 0.26–1.65 (Katzmann 2002; adopted by IMWG 2014).
FLC_RATIO_LOW = Threshold("flc.ratio_low", "κ/λ 比值（低于标准范围）", "<", 0.26, source="katzmann2002")
FLC_RATIO_HIGH = Threshold("flc.ratio_high", "κ/λ 比值（高于标准范围）", ">", 1.65, source="katzmann2002")
#: Renal reference range 0.37–3.1 (Hutchison 2008), for kidney function < 60 mL/min.
FLC_RATIO_RENAL_LOW = Threshold("flc.ratio_renal_low", "κ/λ 比值（低于肾功能不全参考范围）", "<", 0.37,
                                source="hutchison2008")
FLC_RATIO_RENAL_HIGH = Threshold("flc.ratio_renal_high", "κ/λ 比值（高于肾功能不全参考范围）", ">", 3.1,
                                 source="hutchison2008")
#: Upper reference limits of the free light chains (Katzmann 2002, 95 % interval 3.3–19.4 / 5.7–26.3 mg/L).
FLC_KAPPA_ULN = Threshold("flc.kappa_uln", "游离 κ 轻链（高于参考上限）", ">", 19.4, "mg/L", source="katzmann2002")
FLC_LAMBDA_ULN = Threshold("flc.lambda_uln", "游离 λ 轻链（高于参考上限）", ">", 26.3, "mg/L", source="katzmann2002")
#: Kidney function below which the renal κ/λ range is used: the book's convention (CKD G3–G5), the
#: population (eGFR < 60) in which Long 2022 evaluated the 0.37–3.10 range; Hutchison 2008 gives no cut-off.
RENAL_RANGE_GFR = Threshold("flc.renal_range_gfr", "肾功能（用于选择 κ/λ 参考范围）", "<", 60, "mL/min",
                            si=60, si_unit="mL/min/1.73 m²", source="long2022")

#: The headline of a calculation whose inputs are missing.
_NOT_COMPUTED = "无法计算"
_NEEDS_CRCL = (("age_years", "sex", "weight_kg"), ("creatinine",))
_NEEDS_EGFR = (("age_years", "sex"), ("creatinine",))


# --------------------------------------------------------------------------
# Formulas (floats or numpy arrays)
# --------------------------------------------------------------------------

def cockcroft_gault_formula(age, weight_kg, female, scr_mg_dl):
    """(140 − age) × weight × 0.85 [female] / (72 × SCr); ``female`` is a bool or bool array.

    >>> round(float(cockcroft_gault_formula(60, 70, False, 1.0)), 2)   # 80 × 70 / 72
    77.78
    """
    sex_factor = np.where(female, CG_FEMALE_FACTOR, 1.0)
    return (140.0 - age) * weight_kg * sex_factor / (CG_CONSTANT * scr_mg_dl)


def ckd_epi_2021_formula(age, female, scr_mg_dl):
    """The CKD-EPI 2021 creatinine equation (SCr in mg/dL; result in mL/min/1.73 m²), as read.

    The non-integer powers are not correctly rounded by every maths library (numpy's vector
    routines and the C library differ in the last bit for a few % of inputs), so the result is
    read at 12 significant digits (:func:`~mmlib.trace.as_read`): the same on every machine.

    >>> round(float(ckd_epi_2021_formula(50, False, 1.0)), 1)   # 142 × (1/0.9)^−1.2 × 0.9938^50
    91.7
    """
    kappa = np.where(female, CKD_EPI_2021["female"][0], CKD_EPI_2021["male"][0])
    alpha = np.where(female, CKD_EPI_2021["female"][1], CKD_EPI_2021["male"][1])
    s = scr_mg_dl / kappa
    return as_read(CKD_EPI_2021_K * np.power(np.minimum(s, 1.0), alpha)
                   * np.power(np.maximum(s, 1.0), CKD_EPI_2021_HIGH_EXP)
                   * np.power(CKD_EPI_2021_AGE_BASE, age) * np.where(female, CKD_EPI_2021_FEMALE, 1.0))


def corrected_calcium_formula(calcium, albumin, si):
    """Corrected calcium in the calcium's unit; ``si`` True → mmol/L with albumin in g/L.

    >>> float(corrected_calcium_formula(10.0, 3.0, False))   # 10 + 0.8 × (4.0 − 3.0)
    10.8
    >>> round(float(corrected_calcium_formula(2.5, 30.0, True)), 4)   # 2.5 + 0.02 × (40 − 30)
    2.7
    """
    return np.where(si, calcium + CORRECTED_CA_PER_G_L * (REFERENCE_ALBUMIN_G_L - albumin),
                    calcium + CORRECTED_CA_PER_G_DL * (REFERENCE_ALBUMIN_G_DL - albumin))[()]


# --------------------------------------------------------------------------
# Rules
# --------------------------------------------------------------------------

def _missing(case: Case, needs: tuple[tuple[str, ...], tuple[str, ...]]) -> tuple[str, ...]:
    """The absent fields among plain field names and two-unit stems."""
    plain, stems = needs
    return (tuple(f for f in plain if getattr(case, f) is None)
            + tuple(either_field(s) for s in stems if case.measured(s) is None))


def range_text(low: Threshold, high: Threshold) -> str:
    """A reference range rendered from its two thresholds.

    >>> range_text(FLC_RATIO_LOW, FLC_RATIO_HIGH)
    '0.26–1.65'
    """
    return f"{fmt_number(low.value)}–{fmt_number(high.value)}"


def _creatinine_mg_dl(case: Case, source: str) -> tuple[float, Check]:
    m = case.measured("creatinine")
    assert m is not None
    scr = float(_convert("creatinine", m.value, m.unit, "mg/dL"))
    note = "" if m.unit == "mg/dL" else f"由 {fmt_number(m.value)} µmol/L ÷ {CREATININE_UMOL_L_PER_MG_DL} 换算"
    return scr, info("labs.creatinine", "血清肌酐", scr, "mg/dL", source=source, note=note)


def cockcroft_gault(case: Case) -> RuleResult:
    """Creatinine clearance by Cockcroft–Gault (mL/min), actual body weight.

    >>> r = cockcroft_gault(Case(age_years=60, sex="female", weight_kg=70, creatinine_umol_l=88.4))
    >>> round(r.value, 2)   # 80 × 70 × 0.85 / 72
    66.11
    >>> cockcroft_gault(Case(age_years=60)).missing
    ('sex', 'weight_kg', 'creatinine_mg_dl/creatinine_umol_l')
    """
    label = "肌酐清除率（Cockcroft–Gault）"
    missing = _missing(case, _NEEDS_CRCL)
    if missing:
        return RuleResult("crcl_cockcroft_gault", label, None, missing=missing, source="cockcroft1976",
                          shown=_NOT_COMPUTED)
    scr, scr_line = _creatinine_mg_dl(case, "cockcroft1976")
    female = case.sex == "female"
    value = float(cockcroft_gault_formula(case.age_years, case.weight_kg, female, scr))
    formula = (f"(140 − {fmt_number(case.age_years)}) × {fmt_number(case.weight_kg)} kg"
               + (f" × {CG_FEMALE_FACTOR}" if female else "")
               + f" / ({fmt_number(CG_CONSTANT)} × {fmt_number(scr)} mg/dL)；实际体重")
    checks = (scr_line, info("labs.crcl_cockcroft_gault", label, value, "mL/min", source="cockcroft1976",
                             note=formula))
    return RuleResult("crcl_cockcroft_gault", label, value, checks, source="cockcroft1976",
                      details={"unit": "mL/min"}, shown=fmt_quantity(value, "mL/min", 1))


def ckd_epi_2021(case: Case) -> RuleResult:
    """eGFR by the race-free CKD-EPI 2021 creatinine equation (mL/min/1.73 m²).

    >>> round(ckd_epi_2021(Case(age_years=50, sex="male", creatinine_mg_dl=1.0)).value, 1)
    91.7
    """
    label = "eGFR（CKD-EPI 2021）"
    missing = _missing(case, _NEEDS_EGFR)
    if missing:
        return RuleResult("egfr_ckd_epi_2021", label, None, missing=missing, source="ckdepi2021", shown=_NOT_COMPUTED)
    scr, scr_line = _creatinine_mg_dl(case, "ckdepi2021")
    kappa, alpha = CKD_EPI_2021[case.sex]
    female = case.sex == "female"
    value = float(ckd_epi_2021_formula(case.age_years, female, scr))
    formula = (f"{fmt_number(CKD_EPI_2021_K)} × min(S/{kappa}, 1)^{alpha} × max(S/{kappa}, 1)^{CKD_EPI_2021_HIGH_EXP}"
               f" × {CKD_EPI_2021_AGE_BASE}^{fmt_number(case.age_years)}"
               + (f" × {CKD_EPI_2021_FEMALE}" if female else "") + f"，S = {fmt_number(scr)} mg/dL")
    checks = (scr_line, info("labs.egfr_ckd_epi_2021", label, value, "mL/min/1.73 m²", source="ckdepi2021",
                             note=formula))
    return RuleResult("egfr_ckd_epi_2021", label, value, checks, source="ckdepi2021",
                      details={"unit": "mL/min/1.73 m²"}, shown=fmt_quantity(value, "mL/min/1.73 m²", 1))


def corrected_calcium(case: Case) -> RuleResult:
    """Albumin-corrected calcium, in the unit the calcium was given in.

    ``details`` holds the value in both units (``mg_dl``, ``mmol_l``).

    >>> r = corrected_calcium(Case(calcium_mg_dl=10.0, albumin_g_l=30))
    >>> r.value, r.details["unit"]
    (10.8, 'mg/dL')
    """
    label = "白蛋白校正钙"
    missing = _missing(case, ((), ("calcium", "albumin")))
    if missing:
        return RuleResult("corrected_calcium", label, None, missing=missing, source="payne1973", shown=_NOT_COMPUTED)
    ca = case.measured("calcium")
    alb = case.measured("albumin")
    si = ca.unit == "mmol/L"
    alb_unit = "g/L" if si else "g/dL"
    alb_value = float(_convert("albumin", alb.value, alb.unit, alb_unit))
    value = float(corrected_calcium_formula(ca.value, alb_value, si))
    factor, ref = (CORRECTED_CA_PER_G_L, REFERENCE_ALBUMIN_G_L) if si else (CORRECTED_CA_PER_G_DL,
                                                                           REFERENCE_ALBUMIN_G_DL)
    formula = (f"{fmt_number(ca.value)} + {factor} × ({fmt_number(ref)} − {fmt_number(alb_value)} {alb_unit})"
               f"；Payne 1973 原文系数为 {PAYNE_1973_FACTOR:.1f}（mg/dL 每 g/dL）")
    both = {"mg_dl": float(_convert("calcium", value, ca.unit, "mg/dL")),
            "mmol_l": float(_convert("calcium", value, ca.unit, "mmol/L"))}
    checks = (info("labs.corrected_calcium", label, value, ca.unit, source="payne1973", note=formula),)
    other, other_key = ("mg/dL", "mg_dl") if si else ("mmol/L", "mmol_l")
    return RuleResult("corrected_calcium", label, value, checks, source="payne1973",
                      summary=f"即 {fmt_quantity(both[other_key], other, 2)}",
                      details={"unit": ca.unit, **both}, shown=fmt_quantity(value, ca.unit, 2))


def kidney_function(case: Case) -> tuple[float | None, str | None, Check | None]:
    """The kidney-function figure used to pick the FLC reference range.

    Measured CrCl if given, else CKD-EPI 2021 eGFR; returns ``(value, unit, trace line)`` or ``(None, None, None)``.

    >>> kidney_function(Case(crcl_ml_min=35))[:2]
    (35.0, 'mL/min')
    """
    if case.crcl_ml_min is not None:
        return case.crcl_ml_min, "mL/min", info("labs.crcl_measured", "实测肌酐清除率", case.crcl_ml_min, "mL/min",
                                                source="imwg2014")
    r = ckd_epi_2021(case)  # Cockcroft–Gault needs the same fields plus weight, so it is never a fallback
    if r.value is not None:
        return r.value, "mL/min/1.73 m²", r.checks[-1]
    if case.egfr_ml_min_1_73m2 is not None:  # the laboratory's figure, where creatinine was not given
        return case.egfr_ml_min_1_73m2, "mL/min/1.73 m²", info(
            "labs.egfr_reported", "检验报告的 eGFR", case.egfr_ml_min_1_73m2, "mL/min/1.73 m²", source="imwg2016renal")
    return None, None, None


def flc_ratio(case: Case) -> RuleResult:
    """Serum free-light-chain ratios (Freelite).

    ``value`` is the κ/λ ratio.  ``details`` holds: ``kappa_lambda``,
    ``involved`` ('kappa'/'lambda'), ``involved_mg_l``, ``uninvolved_mg_l``,
    ``involved_uninvolved`` (the ratio used by IMWG SLiM and the SMM models),
    ``dflc_mg_l``, ``abnormal_standard`` (outside 0.26–1.65),
    ``abnormal_renal`` (outside 0.37–3.1), ``renal_range`` (True when kidney
    function < 60, None when unknown) and ``abnormal`` (by the range that
    applies; the standard one when kidney function is unknown).

    >>> r = flc_ratio(Case(flc_kappa_mg_l=150, flc_lambda_mg_l=1.5))
    >>> r.value, r.details["involved"], r.details["involved_uninvolved"], r.details["dflc_mg_l"]
    (100.0, 'kappa', 100.0, 148.5)
    >>> r.details["abnormal_standard"], r.details["abnormal_renal"]
    (True, True)
    """
    label = "血清游离轻链比值"
    kappa, lam = case.flc_mg_l("kappa"), case.flc_mg_l("lambda")
    missing = tuple(either_field(f"flc_{c}") for c, v in (("kappa", kappa), ("lambda", lam)) if v is None)
    if kappa is None or lam is None:
        return RuleResult("flc_ratio", label, None, missing=missing, source="katzmann2002", shown=_NOT_COMPUTED)
    ratio = as_read(kappa / lam)
    involved = case.light_chain or ("kappa" if kappa >= lam else "lambda")
    inv, uninv = (kappa, lam) if involved == "kappa" else (lam, kappa)
    how = "按 M 蛋白轻链类型" if case.light_chain else "取数值较大者"
    checks: list[Check] = [
        info("labs.flc_kappa", "游离 κ", kappa, "mg/L", source="katzmann2002"),
        info("labs.flc_lambda", "游离 λ", lam, "mg/L", source="katzmann2002"),
        FLC_RATIO_LOW.check(ratio, label="κ/λ 比值"),
        FLC_RATIO_HIGH.check(ratio, label="κ/λ 比值"),
    ]
    abnormal_standard = FLC_RATIO_LOW.test(ratio) or FLC_RATIO_HIGH.test(ratio)
    abnormal_renal = FLC_RATIO_RENAL_LOW.test(ratio) or FLC_RATIO_RENAL_HIGH.test(ratio)
    gfr, gfr_unit, gfr_line = kidney_function(case)
    if gfr is None:
        renal: bool | None = None
        checks.append(RENAL_RANGE_GFR.check(
            None, note=f"肾功能未知，采用标准范围 {range_text(FLC_RATIO_LOW, FLC_RATIO_HIGH)}"))
    else:
        renal = RENAL_RANGE_GFR.test(gfr, gfr_unit)
        checks.append(gfr_line)
        checks.append(RENAL_RANGE_GFR.check(gfr, gfr_unit))
        checks += [FLC_RATIO_RENAL_LOW.check(ratio, label="κ/λ 比值"),
                   FLC_RATIO_RENAL_HIGH.check(ratio, label="κ/λ 比值")]
    checks += [
        info("labs.flc_involved_uninvolved", "受累/非受累轻链比值", as_read(inv / uninv), "",
             source="imwg2014", note=f"受累链为 {'κ' if involved == 'kappa' else 'λ'}，{how}"),
        info("labs.dflc", "dFLC（受累 − 非受累）", as_read(inv - uninv), "mg/L", source="imwg2016response"),
    ]
    abnormal = abnormal_renal if renal else abnormal_standard
    details: dict[str, Any] = {
        "kappa_lambda": ratio, "involved": involved, "involved_mg_l": inv, "uninvolved_mg_l": uninv,
        "involved_uninvolved": as_read(inv / uninv), "dflc_mg_l": as_read(inv - uninv),
        "abnormal_standard": abnormal_standard, "abnormal_renal": abnormal_renal,
        "renal_range": renal, "abnormal": abnormal,
    }
    summary = (("异常" if abnormal else "正常")
               + (f"（按肾功能不全参考范围 {range_text(FLC_RATIO_RENAL_LOW, FLC_RATIO_RENAL_HIGH)}）" if renal
                  else f"（参考范围 {range_text(FLC_RATIO_LOW, FLC_RATIO_HIGH)}）"))
    return RuleResult("flc_ratio", label, ratio, tuple(checks), source="katzmann2002", summary=summary,
                      details=details, shown=f"κ/λ = {fmt_quantity(ratio, digits=4)}")
