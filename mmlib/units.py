"""Unit systems and conversion factors, defined once.

Chinese laboratories report SI units (g/L, mmol/L, µmol/L); the seed and the
IMWG papers quote conventional units (g/dL, mg/dL).  :mod:`mmlib` accepts both,
always *explicitly* (the unit is part of the field name), and compares a value
with the threshold published **in the unit it was given in** (IMWG prints
parallel values such as ``> 11 mg/dL (> 2.75 mmol/L)``, which are rounded
equivalents, not exact conversions).

>>> to_conventional("calcium", 2.75, "mmol/L")
11.022
>>> to_si("creatinine", 2.0, "mg/dL")
176.8
>>> round(CALCIUM_MG_DL_PER_MMOL_L * 2.5, 2)
10.02
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import MMLibError, shown

__all__ = [
    "URINE_24H_UNIT",
    "CALCIUM_MG_DL_PER_MMOL_L",
    "CREATININE_UMOL_L_PER_MG_DL",
    "G_L_PER_G_DL",
    "Analyte",
    "ANALYTES",
    "to_conventional",
    "to_si",
    "convert",
]

#: The 24-hour urine protein unit, one spelling everywhere (SI style, a space before "h").
URINE_24H_UNIT = "mg/24 h"

#: Calcium: molar mass 40.08 g/mol, so 1 mmol/L = 4.008 mg/dL.
CALCIUM_MG_DL_PER_MMOL_L = 4.008
#: Creatinine: molar mass 113.12 g/mol, so 1 mg/dL = 88.4 µmol/L.
CREATININE_UMOL_L_PER_MG_DL = 88.4
#: Mass concentrations: 1 g/dL = 10 g/L (also mg/dL → mg/L).
G_L_PER_G_DL = 10.0


@dataclass(frozen=True)
class Analyte:
    """One measured quantity with its conventional and SI unit.

    ``factor`` converts conventional to SI: ``si = conventional * factor``.
    """

    name: str
    zh: str
    conventional_unit: str
    si_unit: str
    factor: float


ANALYTES: dict[str, Analyte] = {
    a.name: a
    for a in (
        Analyte("m_protein", "血清 M 蛋白", "g/dL", "g/L", G_L_PER_G_DL),
        Analyte("albumin", "白蛋白", "g/dL", "g/L", G_L_PER_G_DL),
        Analyte("hemoglobin", "血红蛋白", "g/dL", "g/L", G_L_PER_G_DL),
        Analyte("calcium", "血清钙", "mg/dL", "mmol/L", 1.0 / CALCIUM_MG_DL_PER_MMOL_L),
        Analyte("creatinine", "血清肌酐", "mg/dL", "µmol/L", CREATININE_UMOL_L_PER_MG_DL),
        # ng/mL and µg/L are the same number; listed so both field spellings are explicit.
        Analyte("ferritin", "铁蛋白", "ng/mL", "µg/L", 1.0),
        # serum free light chains: Freelite reports mg/L; several laboratories report mg/dL
        Analyte("flc", "血清游离轻链", "mg/dL", "mg/L", G_L_PER_G_DL),
    )
}


def _analyte(name: str) -> Analyte:
    try:
        return ANALYTES[name]
    except KeyError:
        raise MMLibError(
            f"未知检验项目 {shown(name, 'zh')}，可选：{', '.join(ANALYTES)}。",
            f"Unknown analyte {shown(name)}; choose one of: {', '.join(ANALYTES)}.",
            field="analyte", value=name,
        ) from None


def to_conventional(analyte: str, value: float, unit: str) -> float:
    """Convert ``value`` given in ``unit`` to the conventional unit (rounded to 6 significant digits).

    >>> to_conventional("hemoglobin", 95, "g/L")
    9.5
    >>> to_conventional("hemoglobin", 9.5, "g/dL")
    9.5
    >>> to_conventional("hemoglobin", 9.5, "mg/L")
    Traceback (most recent call last):
    ...
    mmlib.errors.MMLibError: 血红蛋白 的单位 'mg/L' 无效：应为 g/dL 或 g/L。 / Invalid unit 'mg/L' for hemoglobin: expected g/dL or g/L.
    """
    a = _analyte(analyte)
    if unit == a.conventional_unit:
        return float(value)
    if unit == a.si_unit:
        return float(f"{value / a.factor:.6g}")
    raise _unit_error(a, unit)


def to_si(analyte: str, value: float, unit: str) -> float:
    """Convert ``value`` given in ``unit`` to the SI unit (rounded to 6 significant digits).

    >>> to_si("calcium", 11, "mg/dL")
    2.74451
    >>> to_si("m_protein", 3, "g/dL")
    30.0
    """
    a = _analyte(analyte)
    if unit == a.si_unit:
        return float(value)
    if unit == a.conventional_unit:
        return float(f"{value * a.factor:.6g}")
    raise _unit_error(a, unit)


def convert(analyte: str, value, from_unit: str, to_unit: str):
    """Convert ``value`` (a float or a numpy array) between the two units, unrounded.

    For calculations (not for display): the same arithmetic is applied to one
    case and to a whole cohort column, so both give bit-identical results.

    >>> convert("creatinine", 176.8, "µmol/L", "mg/dL")
    2.0
    >>> convert("albumin", 3.5, "g/dL", "g/dL")
    3.5
    """
    a = _analyte(analyte)
    for u in (from_unit, to_unit):
        if u not in (a.conventional_unit, a.si_unit):
            raise _unit_error(a, u)
    if from_unit == to_unit:
        return value
    return value * a.factor if to_unit == a.si_unit else value / a.factor


def _unit_error(a: Analyte, unit: str) -> MMLibError:
    return MMLibError(
        f"{a.zh} 的单位 {shown(unit, 'zh')} 无效：应为 {a.conventional_unit} 或 {a.si_unit}。",
        f"Invalid unit {shown(unit)} for {a.name}: expected {a.conventional_unit} or {a.si_unit}.",
        field=a.name, value=unit,
    )
