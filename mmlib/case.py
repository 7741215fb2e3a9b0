"""The case record: one patient's findings, validated once, in explicit units.

Every rule in :mod:`mmlib` reads a :class:`Case`.  A case is built from a
dict (or JSON) whose keys are the field names below; each field is optional
(``None`` = not measured / not known).  Validation happens when the record is
made, so a rule never sees a string, ``NaN``, a negative count or a value in
the wrong unit.

Units are part of the field name.  A quantity that laboratories report in two
unit systems has two fields (``calcium_mg_dl`` / ``calcium_mmol_l``); either
may be given, not both (:class:`~mmlib.errors.UnitConflictError`).  The value
is kept **as given**: rules compare it with the threshold published in that
unit (see :mod:`mmlib.diagnosis`).  :meth:`Case.measured` is the one accessor
for these quantities.

Plausibility
------------
Each numeric field has a *plausible range* (:data:`PLAUSIBLE`), wide enough
for every real value in its unit and narrow enough to catch the common unit
mix-ups.  Where the ranges of the two spellings of one quantity do not
overlap, an out-of-range value that fits the *other* unit is reported as a
likely mix-up (``calcium_mg_dl: 2.6`` → "looks like mmol/L; use
calcium_mmol_l").  Small values that are real in both units (an M-spike of
3.2 g/L) are accepted.

Fields
------
Demographics
    ``age_years``, ``sex`` (``"male"``/``"female"``), ``weight_kg``, ``height_cm``.
Monoclonal protein
    ``isotype`` (IgG, IgA, IgM, IgD, IgE or ``light_chain`` = no heavy chain on
    immunofixation), ``light_chain`` (``kappa``/``lambda``, the light chain of
    the M-protein), ``m_protein_g_dl`` | ``m_protein_g_l`` (serum M-spike),
    ``urine_m_protein_mg_24h``, ``flc_kappa_mg_l`` | ``flc_kappa_mg_dl``,
    ``flc_lambda_mg_l`` | ``flc_lambda_mg_dl`` (serum free light chains,
    Freelite, in mg/L or in mg/dL; must be > 0 — enter the assay's lower
    detection limit for an undetectable chain).  An M-protein of 0 with no
    ``isotype`` means none was detected (serum immunofixation negative).
Marrow and plasmacytoma
    ``bmpc_percent`` (clonal bone-marrow plasma cells, %),
    ``biopsy_proven_plasmacytoma`` (bool), ``circulating_pc_percent`` (clonal
    plasma cells in the peripheral-blood smear, % of leukocytes; IMWG 2021
    plasma cell leukaemia).
Chemistry
    ``calcium_mg_dl`` | ``calcium_mmol_l`` (total serum calcium),
    ``calcium_uln_mg_dl`` | ``calcium_uln_mmol_l`` (the laboratory's upper
    limit of normal), ``albumin_g_dl`` | ``albumin_g_l``,
    ``creatinine_mg_dl`` | ``creatinine_umol_l``, ``crcl_ml_min`` (a
    *measured* creatinine clearance, if known), ``egfr_ml_min_1_73m2`` (an
    eGFR as reported by the laboratory; used where creatinine is not given, to
    pick the FLC reference range — never for CRAB-R, which is a clearance),
    ``beta2m_mg_l``, ``ldh_u_l``, ``ldh_uln_u_l``.
Blood count
    ``hemoglobin_g_dl`` | ``hemoglobin_g_l``, ``hemoglobin_lln_g_dl`` |
    ``hemoglobin_lln_g_l`` (the laboratory's lower limit of normal).
Imaging
    ``lytic_lesions`` (count of osteolytic lesions on radiography, CT or
    PET-CT); ``mri_lesion_sizes_mm`` (diameters of the MRI focal lesions) *or*
    ``mri_focal_lesions`` (count of MRI focal lesions ≥ 5 mm), not both.
Cytogenetics (FISH; bool)
    ``del17p``, ``t4_14``, ``t14_16``, ``t14_20``, ``t11_14``, ``gain_1q``
    (3 copies), ``amp_1q`` (≥ 4 copies), ``del1p32``, ``tp53_mutation``,
    ``del1p32_biallelic`` (both copies of 1p32 lost; IMS/IMWG 2025),
    ``del13q``, ``hyperdiploid``; and ``del17p_ccf_percent`` (cancer clonal
    fraction of the del(17p) clone, %, for the IMS/IMWG 2025 "> 20 %" rule).
Anaemia mechanisms
    ``ferritin_ng_ml`` | ``ferritin_ug_l`` (the same number),
    ``transferrin_saturation_percent``, ``epo_miu_ml``.
Asserted findings (bool; for vignettes that state a CRAB item in words)
    ``hypercalcemia``, ``renal_insufficiency``, ``anemia``, ``bone_lesions``
    (one CRAB item each), or ``crab_absent: true`` (all four absent).  An
    assertion decides its item only where the laboratory values leave it
    undecided; the trace marks it as asserted.  A laboratory value that decides
    the item the other way is an input error.

>>> c = Case.from_dict({"m_protein_g_l": 28, "bmpc_percent": 8, "sex": "female"})
>>> c.measured("m_protein")
Measured(value=28.0, unit='g/L', field='m_protein_g_l')
>>> c.measured("m_protein").to("g/dL")
2.8
>>> c.measured("calcium") is None
True
>>> Case.from_dict({"calcium_mg_dl": 2.6})
Traceback (most recent call last):
...
mmlib.errors.InputError: 字段 calcium_mg_dl 的值 2.6 无效：应为 4–20 mg/dL（看起来像 mmol/L 单位的数值；请改用字段 calcium_mmol_l）。 / Invalid value 2.6 for field calcium_mg_dl: expected 4–20 mg/dL (looks like a value in mmol/L; use field calcium_mmol_l).
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass, fields as _dc_fields
from pathlib import Path
from typing import Any, Mapping

from .errors import InputError, MMLibError, UnitConflictError, UnknownFieldError
from .jsonio import JSONFormatError, load_json_object as _load_json_object
from .trace import as_read, fmt_number
from .units import URINE_24H_UNIT, convert as _convert

__all__ = [
    "Case",
    "Measured",
    "MeasuredSpec",
    "MEASURED",
    "PLAUSIBLE",
    "FIELD_NAMES",
    "FIELD_ZH",
    "field_zh",
    "CHOICES",
    "BOOL_FIELDS",
    "ASSERTED_CRAB",
    "INT_FIELDS",
    "CaseFormatError",
    "FieldConflictError",
    "validate_field",
]


class CaseFormatError(JSONFormatError):
    """The case text is not a JSON object, or the file cannot be read (see :mod:`mmlib.jsonio`).

    >>> print(CaseFormatError("[1]", "不是 JSON 对象", "not a JSON object").en)
    Cannot read case '[1]': not a JSON object.
    """

    noun_zh = "病例"
    noun_en = "case"


class FieldConflictError(MMLibError):
    """Two fields describe the same finding in two forms; only one may be given.

    >>> print(FieldConflictError("mri_lesion_sizes_mm", "mri_focal_lesions").en)
    Fields mri_lesion_sizes_mm and mri_focal_lesions describe the same finding; give only one.
    """

    def __init__(self, first: str, second: str) -> None:
        super().__init__(f"字段 {first} 与 {second} 描述同一项检查，只能给出其中一个。",
                         f"Fields {first} and {second} describe the same finding; give only one.", field=first)


# --------------------------------------------------------------------------
# Quantities reported in two unit systems
# --------------------------------------------------------------------------

@dataclass(frozen=True)
class MeasuredSpec:
    """A quantity with a conventional and an SI field (``analyte`` names the :mod:`mmlib.units` entry).

    >>> MEASURED["hemoglobin_lln"].si_field, MEASURED["hemoglobin_lln"].analyte
    ('hemoglobin_lln_g_l', 'hemoglobin')
    """

    stem: str
    analyte: str
    conventional_field: str
    conventional_unit: str
    si_field: str
    si_unit: str


MEASURED: dict[str, MeasuredSpec] = {
    s.stem: s
    for s in (
        MeasuredSpec("m_protein", "m_protein", "m_protein_g_dl", "g/dL", "m_protein_g_l", "g/L"),
        MeasuredSpec("calcium", "calcium", "calcium_mg_dl", "mg/dL", "calcium_mmol_l", "mmol/L"),
        MeasuredSpec("calcium_uln", "calcium", "calcium_uln_mg_dl", "mg/dL", "calcium_uln_mmol_l", "mmol/L"),
        MeasuredSpec("albumin", "albumin", "albumin_g_dl", "g/dL", "albumin_g_l", "g/L"),
        MeasuredSpec("creatinine", "creatinine", "creatinine_mg_dl", "mg/dL", "creatinine_umol_l", "µmol/L"),
        MeasuredSpec("hemoglobin", "hemoglobin", "hemoglobin_g_dl", "g/dL", "hemoglobin_g_l", "g/L"),
        MeasuredSpec("hemoglobin_lln", "hemoglobin", "hemoglobin_lln_g_dl", "g/dL", "hemoglobin_lln_g_l", "g/L"),
        MeasuredSpec("ferritin", "ferritin", "ferritin_ng_ml", "ng/mL", "ferritin_ug_l", "µg/L"),
        # free light chains: Freelite's own unit (mg/L) is listed first, so missing lists read "flc_kappa_mg_l/…"
        MeasuredSpec("flc_kappa", "flc", "flc_kappa_mg_l", "mg/L", "flc_kappa_mg_dl", "mg/dL"),
        MeasuredSpec("flc_lambda", "flc", "flc_lambda_mg_l", "mg/L", "flc_lambda_mg_dl", "mg/dL"),
    )
}

#: Field name → (stem, unit) for every two-unit field.
_UNIT_OF: dict[str, tuple[str, str]] = {}
for _s in MEASURED.values():
    _UNIT_OF[_s.conventional_field] = (_s.stem, _s.conventional_unit)
    _UNIT_OF[_s.si_field] = (_s.stem, _s.si_unit)


@dataclass(frozen=True)
class Measured:
    """A measured value *as given*: the number, its unit and the field it came from.

    >>> m = Measured(2.6, "mmol/L", "calcium_mmol_l")
    >>> m.to("mg/dL")
    10.4208
    >>> m.to("mmol/L")
    2.6
    """

    value: float
    unit: str
    field: str

    @property
    def analyte(self) -> str:
        """The :mod:`mmlib.units` analyte (``calcium_uln`` → ``calcium``).

        >>> Measured(10.2, "mg/dL", "calcium_uln_mg_dl").analyte
        'calcium'
        """
        return MEASURED[_UNIT_OF[self.field][0]].analyte

    def to(self, unit: str) -> float:
        """The value in ``unit`` (rounded to 6 significant digits), for calculations that need a fixed unit.

        Threshold comparisons do **not** use this: they compare the value as given.

        >>> Measured(95.0, "g/L", "hemoglobin_g_l").to("g/dL")
        9.5
        """
        return float(f"{_convert(self.analyte, self.value, self.unit, unit):.6g}")


# --------------------------------------------------------------------------
# Allowed values and plausible ranges (defined once; inclusive bounds)
# --------------------------------------------------------------------------

CHOICES: dict[str, tuple[str, ...]] = {
    "sex": ("male", "female"),
    "isotype": ("IgG", "IgA", "IgM", "IgD", "IgE", "light_chain"),
    "light_chain": ("kappa", "lambda"),
}

BOOL_FIELDS: tuple[str, ...] = (
    "biopsy_proven_plasmacytoma", "del17p", "t4_14", "t14_16", "t14_20", "t11_14", "gain_1q", "amp_1q",
    "del1p32", "tp53_mutation", "del1p32_biallelic", "del13q", "hyperdiploid",
    "hypercalcemia", "renal_insufficiency", "anemia", "bone_lesions", "crab_absent",
)

#: The asserted-finding fields, by CRAB item.
ASSERTED_CRAB: dict[str, str] = {"C": "hypercalcemia", "R": "renal_insufficiency", "A": "anemia", "B": "bone_lesions"}

INT_FIELDS: tuple[str, ...] = ("lytic_lesions", "mri_focal_lesions")

#: Plausible range of every numeric field, (low, high), inclusive, in the field's unit.
#: Chosen so that every real value is accepted and the usual unit mix-ups are not;
#: where the two spellings of one quantity do not overlap, the mix-up is named.
PLAUSIBLE: dict[str, tuple[float, float]] = {
    "age_years": (0, 120),
    "weight_kg": (20, 350),
    "height_cm": (100, 250),            # < 3 would be metres
    # serum M-spike: the largest reported are ~12–15 g/dL; g/L may be small (3.2 g/L is real)
    "m_protein_g_dl": (0, 15),
    "m_protein_g_l": (0, 150),
    "urine_m_protein_mg_24h": (0, 60_000),  # Bence Jones proteinuria can exceed 20 g/24 h
    # free light chains: must be > 0 (a ratio is taken); extreme LC myeloma reaches tens of g/L
    "flc_kappa_mg_l": (0.01, 100_000),
    "flc_lambda_mg_l": (0.01, 100_000),
    "flc_kappa_mg_dl": (0.001, 10_000),
    "flc_lambda_mg_dl": (0.001, 10_000),
    "circulating_pc_percent": (0, 100),
    "egfr_ml_min_1_73m2": (0, 250),
    "bmpc_percent": (0, 100),
    # total calcium: 4–20 mg/dL is 1.0–5.0 mmol/L; 2.6 mg/dL is a mmol/L value
    "calcium_mg_dl": (4.0, 20.0),
    "calcium_mmol_l": (1.0, 5.0),
    "calcium_uln_mg_dl": (8.0, 12.0),
    "calcium_uln_mmol_l": (2.0, 3.0),
    # albumin: 0.8–7 g/dL and 8–70 g/L do not overlap
    "albumin_g_dl": (0.8, 7.0),
    "albumin_g_l": (8.0, 70.0),
    # creatinine: 0.2–25 mg/dL ≈ 18–2200 µmol/L; 180 "mg/dL" is a µmol/L value
    "creatinine_mg_dl": (0.2, 25.0),
    "creatinine_umol_l": (18.0, 2200.0),
    "crcl_ml_min": (0, 250),
    # haemoglobin: 3–25 g/dL and 30–250 g/L do not overlap; 95 "g/dL" is a g/L value
    "hemoglobin_g_dl": (3.0, 25.0),
    "hemoglobin_g_l": (30.0, 250.0),
    "hemoglobin_lln_g_dl": (8.0, 16.0),
    "hemoglobin_lln_g_l": (80.0, 160.0),
    "lytic_lesions": (0, 1000),
    "mri_focal_lesions": (0, 1000),
    "mri_lesion_sizes_mm": (1.0, 300.0),  # each diameter; < 1 would be cm
    "beta2m_mg_l": (0.1, 150.0),        # > 150 would be nmol/L (1 mg/L ≈ 84.7 nmol/L)
    "ldh_u_l": (20, 20_000),            # < 20 would be µkat/L (1 µkat/L = 60 U/L)
    "ldh_uln_u_l": (50, 1000),
    "del17p_ccf_percent": (0, 100),
    "ferritin_ng_ml": (0, 100_000),
    "ferritin_ug_l": (0, 100_000),
    "transferrin_saturation_percent": (0, 100),
    "epo_miu_ml": (0, 100_000),
}

#: Unit shown in range messages for single-unit fields.
_UNIT_TEXT: dict[str, str] = {
    "age_years": "岁/years", "weight_kg": "kg", "height_cm": "cm", "urine_m_protein_mg_24h": URINE_24H_UNIT,
    "bmpc_percent": "%", "crcl_ml_min": "mL/min",
    "circulating_pc_percent": "%", "egfr_ml_min_1_73m2": "mL/min/1.73 m²",
    "lytic_lesions": "", "mri_focal_lesions": "", "mri_lesion_sizes_mm": "mm", "beta2m_mg_l": "mg/L",
    "ldh_u_l": "U/L", "ldh_uln_u_l": "U/L", "del17p_ccf_percent": "%", "transferrin_saturation_percent": "%",
    "epo_miu_ml": "mIU/mL",
}

#: Mix-up hints for single-unit fields: (low, high, zh, en) – a value in [low, high) outside the range.
_HINTS: dict[str, tuple[tuple[float, float, str, str], ...]] = {
    "height_cm": ((0.5, 3.0, "看起来像以米为单位", "looks like metres"),),
    "mri_lesion_sizes_mm": ((0.0, 1.0, "看起来像以厘米为单位", "looks like centimetres"),),
    "beta2m_mg_l": ((150.0, 20_000.0, "看起来像 nmol/L（1 mg/L ≈ 84.7 nmol/L）",
                     "looks like nmol/L (1 mg/L ≈ 84.7 nmol/L)"),),
    "ldh_u_l": ((0.0, 20.0, "看起来像 µkat/L（1 µkat/L = 60 U/L）", "looks like µkat/L (1 µkat/L = 60 U/L)"),),
    "ldh_uln_u_l": ((0.0, 50.0, "看起来像 µkat/L（1 µkat/L = 60 U/L）", "looks like µkat/L (1 µkat/L = 60 U/L)"),),
}
for _f in ("flc_kappa_mg_l", "flc_lambda_mg_l", "flc_kappa_mg_dl", "flc_lambda_mg_dl"):
    _HINTS[_f] = ((0.0, PLAUSIBLE[_f][0], "无法检出时请填写检测下限", "enter the assay's detection limit if undetectable"),)

FIELD_NAMES: tuple[str, ...] = (
    "age_years", "sex", "weight_kg", "height_cm",
    "isotype", "light_chain", "m_protein_g_dl", "m_protein_g_l", "urine_m_protein_mg_24h",
    "flc_kappa_mg_l", "flc_lambda_mg_l", "flc_kappa_mg_dl", "flc_lambda_mg_dl",
    "bmpc_percent", "biopsy_proven_plasmacytoma", "circulating_pc_percent",
    "calcium_mg_dl", "calcium_mmol_l", "calcium_uln_mg_dl", "calcium_uln_mmol_l", "albumin_g_dl", "albumin_g_l",
    "creatinine_mg_dl", "creatinine_umol_l", "crcl_ml_min", "egfr_ml_min_1_73m2",
    "hemoglobin_g_dl", "hemoglobin_g_l", "hemoglobin_lln_g_dl", "hemoglobin_lln_g_l",
    "lytic_lesions", "mri_lesion_sizes_mm", "mri_focal_lesions",
    "beta2m_mg_l", "ldh_u_l", "ldh_uln_u_l",
    "del17p", "t4_14", "t14_16", "t14_20", "t11_14", "gain_1q", "amp_1q", "del1p32", "tp53_mutation",
    "del17p_ccf_percent", "del1p32_biallelic", "del13q", "hyperdiploid",
    "ferritin_ng_ml", "ferritin_ug_l", "transferrin_saturation_percent", "epo_miu_ml",
    "hypercalcemia", "renal_insufficiency", "anemia", "bone_lesions", "crab_absent",
)

#: Chinese name of every field (both spellings of a two-unit quantity share one name), for the
#: reader-facing lists of missing data.  The cytogenetic names are also the event names of
#: :data:`mmlib.cytogenetics.EVENT_NAMES` (standard notation such as t(4;14) is kept as is).
FIELD_ZH: dict[str, str] = {
    "age_years": "年龄", "sex": "性别", "weight_kg": "体重", "height_cm": "身高",
    "isotype": "M 蛋白类型", "light_chain": "M 蛋白的轻链类型",
    "m_protein_g_dl": "血清 M 蛋白", "m_protein_g_l": "血清 M 蛋白",
    "urine_m_protein_mg_24h": "24 小时尿 M 蛋白",
    "flc_kappa_mg_l": "血清游离 κ 轻链", "flc_lambda_mg_l": "血清游离 λ 轻链",
    "flc_kappa_mg_dl": "血清游离 κ 轻链", "flc_lambda_mg_dl": "血清游离 λ 轻链",
    "bmpc_percent": "骨髓克隆性浆细胞比例", "biopsy_proven_plasmacytoma": "活检证实的浆细胞瘤",
    "circulating_pc_percent": "外周血克隆性浆细胞比例", "egfr_ml_min_1_73m2": "检验报告的 eGFR",
    "calcium_mg_dl": "血清钙", "calcium_mmol_l": "血清钙",
    "calcium_uln_mg_dl": "血清钙正常上限", "calcium_uln_mmol_l": "血清钙正常上限",
    "albumin_g_dl": "血清白蛋白", "albumin_g_l": "血清白蛋白",
    "creatinine_mg_dl": "血清肌酐", "creatinine_umol_l": "血清肌酐", "crcl_ml_min": "实测肌酐清除率",
    "hemoglobin_g_dl": "血红蛋白", "hemoglobin_g_l": "血红蛋白",
    "hemoglobin_lln_g_dl": "血红蛋白正常下限", "hemoglobin_lln_g_l": "血红蛋白正常下限",
    "lytic_lesions": "溶骨性病变数", "mri_lesion_sizes_mm": "MRI 局灶性病变直径",
    "mri_focal_lesions": "MRI 局灶性病变数",
    "beta2m_mg_l": "血清 β2 微球蛋白", "ldh_u_l": "乳酸脱氢酶", "ldh_uln_u_l": "乳酸脱氢酶正常上限",
    "del17p": "del(17p)", "t4_14": "t(4;14)", "t14_16": "t(14;16)", "t14_20": "t(14;20)", "t11_14": "t(11;14)",
    "gain_1q": "1q 获得", "amp_1q": "1q 扩增", "del1p32": "del(1p32)", "tp53_mutation": "TP53 突变",
    "del17p_ccf_percent": "del(17p) 的癌细胞克隆比例", "del1p32_biallelic": "del(1p32) 双等位缺失",
    "del13q": "del(13q)", "hyperdiploid": "超二倍体",
    "ferritin_ng_ml": "铁蛋白", "ferritin_ug_l": "铁蛋白", "transferrin_saturation_percent": "转铁蛋白饱和度",
    "epo_miu_ml": "血清 EPO",
    "hypercalcemia": "高钙血症（陈述）", "renal_insufficiency": "肾功能不全（陈述）", "anemia": "贫血（陈述）",
    "bone_lesions": "溶骨性骨病变（陈述）", "crab_absent": "无 CRAB 表现（陈述）",
}
#: Alternatives that are one item of data (either spelling / either form).
_EITHER_ZH: dict[str, str] = {"mri_lesion_sizes_mm/mri_focal_lesions": "MRI 局灶性病变直径或个数"}


def field_zh(name: str) -> str:
    """A field (or ``a/b`` alternatives) as a reader sees it: the Chinese name, then the key(s) to enter.

    >>> field_zh("age_years"), field_zh("calcium_mg_dl/calcium_mmol_l")
    ('年龄（age_years）', '血清钙（calcium_mg_dl 或 calcium_mmol_l）')
    >>> field_zh("mri_lesion_sizes_mm/mri_focal_lesions")
    'MRI 局灶性病变直径或个数（mri_lesion_sizes_mm 或 mri_focal_lesions）'
    >>> field_zh("no_such_field")
    'no_such_field'
    """
    parts = name.split("/")
    label = _EITHER_ZH.get(name) or FIELD_ZH.get(parts[0])
    if label is None:
        return name
    return f"{label}（{' 或 '.join(parts)}）"


#: Pairs of fields of which at most one may be given.
_EXCLUSIVE: tuple[tuple[str, str, type[MMLibError]], ...] = tuple(
    (s.conventional_field, s.si_field, UnitConflictError) for s in MEASURED.values()
) + (("mri_lesion_sizes_mm", "mri_focal_lesions", FieldConflictError),)


def _unit_text(name: str) -> str:
    return _UNIT_OF[name][1] if name in _UNIT_OF else _UNIT_TEXT.get(name, "")


def _range_text(name: str) -> str:
    lo, hi = PLAUSIBLE[name]
    unit = _unit_text(name)
    return f"{fmt_number(lo)}–{fmt_number(hi)}" + (f" {unit}" if unit else "")


def _sibling(name: str) -> str | None:
    if name not in _UNIT_OF:
        return None
    spec = MEASURED[_UNIT_OF[name][0]]
    return spec.si_field if name == spec.conventional_field else spec.conventional_field


def _mixup_hint(name: str, x: float) -> tuple[str | None, str | None]:
    other = _sibling(name)
    if other is not None:
        lo, hi = PLAUSIBLE[other]
        if lo <= x <= hi:
            unit = _UNIT_OF[other][1]
            return (f"看起来像 {unit} 单位的数值；请改用字段 {other}",
                    f"looks like a value in {unit}; use field {other}")
    for lo, hi, zh, en in _HINTS.get(name, ()):
        if lo <= x < hi:
            return zh, en
    return None, None


def _is_bool(v: Any) -> bool:
    return isinstance(v, bool) or type(v).__name__ == "bool_"


def _number(name: str, v: Any) -> float:
    """A finite, non-negative real number inside the plausible range."""
    if _is_bool(v) or not isinstance(v, numbers.Real):
        raise InputError(name, v, f"数值（{_range_text(name)}）", en_expected=f"a number ({_range_text(name)})")
    try:
        x = float(v)
    except OverflowError:  # an integer beyond the float range (shown as inf, not as thousands of digits)
        x = v = math.inf
    if not math.isfinite(x):
        raise InputError(name, v, f"有限数值（{_range_text(name)}）", en_expected=f"a finite number ({_range_text(name)})")
    lo, hi = PLAUSIBLE[name]
    if not lo <= x <= hi:
        zh, en = _mixup_hint(name, x)
        if x < 0:
            zh, en = "不能为负数", "must not be negative"
        raise InputError(name, v, _range_text(name), zh_hint=zh, en_hint=en)
    return x


def validate_field(name: str, v: Any) -> Any:
    """Check one field value and return it normalised (numbers as ``float``, counts as ``int``, lists as tuples).

    ``None`` (not measured) is always allowed.

    >>> validate_field("lytic_lesions", 2.0)
    2
    >>> validate_field("sex", "female")
    'female'
    >>> validate_field("del17p", 1)
    Traceback (most recent call last):
    ...
    mmlib.errors.InputError: 字段 del17p 的值 1 无效：应为 true 或 false（布尔值）。 / Invalid value 1 for field del17p: expected true or false (a boolean).
    """
    if name not in FIELD_NAMES:
        raise UnknownFieldError(name, FIELD_NAMES)
    if v is None:
        return None
    if name in CHOICES:
        if not isinstance(v, str) or v not in CHOICES[name]:
            listing = "、".join(CHOICES[name])
            raise InputError(name, v, f"以下之一：{listing}", en_expected="one of " + ", ".join(CHOICES[name]))
        return v
    if name in BOOL_FIELDS:
        if not _is_bool(v):
            raise InputError(name, v, "true 或 false（布尔值）", en_expected="true or false (a boolean)")
        return bool(v)
    if name == "mri_lesion_sizes_mm":
        if isinstance(v, (str, bytes, Mapping)) or not hasattr(v, "__iter__"):
            raise InputError(name, v, "病灶直径列表（mm）", en_expected="a list of lesion diameters (mm)")
        items = list(v)
        if len(items) > PLAUSIBLE["mri_focal_lesions"][1]:
            raise InputError(name, f"<{len(items)} 项>", "不超过 1000 个病灶", en_expected="at most 1000 lesions")
        return tuple(_number(name, x) for x in items)
    x = _number(name, v)
    if name in INT_FIELDS:
        if not x.is_integer():
            raise InputError(name, v, f"整数（{_range_text(name)}）", en_expected=f"a whole number ({_range_text(name)})")
        return int(x)
    return x


# --------------------------------------------------------------------------
# The record
# --------------------------------------------------------------------------

@dataclass(frozen=True)
class Case:
    """One patient's findings; every field optional.  See the module docstring for the fields.

    Built with :meth:`from_dict` / :meth:`from_json` or directly with keyword
    arguments; both validate.

    >>> Case(hemoglobin_g_dl=95)
    Traceback (most recent call last):
    ...
    mmlib.errors.InputError: 字段 hemoglobin_g_dl 的值 95 无效：应为 3–25 g/dL（看起来像 g/L 单位的数值；请改用字段 hemoglobin_g_l）。 / Invalid value 95 for field hemoglobin_g_dl: expected 3–25 g/dL (looks like a value in g/L; use field hemoglobin_g_l).
    """

    age_years: float | None = None
    sex: str | None = None
    weight_kg: float | None = None
    height_cm: float | None = None
    isotype: str | None = None
    light_chain: str | None = None
    m_protein_g_dl: float | None = None
    m_protein_g_l: float | None = None
    urine_m_protein_mg_24h: float | None = None
    flc_kappa_mg_l: float | None = None
    flc_lambda_mg_l: float | None = None
    flc_kappa_mg_dl: float | None = None
    flc_lambda_mg_dl: float | None = None
    bmpc_percent: float | None = None
    biopsy_proven_plasmacytoma: bool | None = None
    circulating_pc_percent: float | None = None
    calcium_mg_dl: float | None = None
    calcium_mmol_l: float | None = None
    calcium_uln_mg_dl: float | None = None
    calcium_uln_mmol_l: float | None = None
    albumin_g_dl: float | None = None
    albumin_g_l: float | None = None
    creatinine_mg_dl: float | None = None
    creatinine_umol_l: float | None = None
    crcl_ml_min: float | None = None
    egfr_ml_min_1_73m2: float | None = None
    hemoglobin_g_dl: float | None = None
    hemoglobin_g_l: float | None = None
    hemoglobin_lln_g_dl: float | None = None
    hemoglobin_lln_g_l: float | None = None
    lytic_lesions: int | None = None
    mri_lesion_sizes_mm: tuple[float, ...] | None = None
    mri_focal_lesions: int | None = None
    beta2m_mg_l: float | None = None
    ldh_u_l: float | None = None
    ldh_uln_u_l: float | None = None
    del17p: bool | None = None
    t4_14: bool | None = None
    t14_16: bool | None = None
    t14_20: bool | None = None
    t11_14: bool | None = None
    gain_1q: bool | None = None
    amp_1q: bool | None = None
    del1p32: bool | None = None
    tp53_mutation: bool | None = None
    del17p_ccf_percent: float | None = None
    del1p32_biallelic: bool | None = None
    del13q: bool | None = None
    hyperdiploid: bool | None = None
    ferritin_ng_ml: float | None = None
    ferritin_ug_l: float | None = None
    transferrin_saturation_percent: float | None = None
    epo_miu_ml: float | None = None
    hypercalcemia: bool | None = None
    renal_insufficiency: bool | None = None
    anemia: bool | None = None
    bone_lesions: bool | None = None
    crab_absent: bool | None = None

    def __post_init__(self) -> None:
        for name in FIELD_NAMES:
            object.__setattr__(self, name, validate_field(name, getattr(self, name)))
        for first, second, error in _EXCLUSIVE:
            if getattr(self, first) is not None and getattr(self, second) is not None:
                raise error(first, second)
        if self.crab_absent is False:
            raise InputError("crab_absent", False, "true（如存在 CRAB 表现，请逐项陈述 hypercalcemia、renal_insufficiency、"
                             "anemia、bone_lesions）", en_expected="true (state a present CRAB item by its own field: "
                             "hypercalcemia, renal_insufficiency, anemia, bone_lesions)")
        if self.crab_absent is not None:
            for item in ASSERTED_CRAB.values():
                if getattr(self, item) is not None:
                    raise FieldConflictError("crab_absent", item)

    # -- constructors ------------------------------------------------------

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "Case":
        """Build a case from a mapping of field names to values; unknown names are an error.

        >>> Case.from_dict({"calcium": 2.6})  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        mmlib.errors.UnknownFieldError: 未知字段 'calcium'。有效字段：age_years, sex, ... / Unknown field 'calcium'. Valid fields: age_years, sex, ...
        >>> Case.from_dict({"calcium_mg_dl": 10.2, "calcium_mmol_l": 2.55})
        Traceback (most recent call last):
        ...
        mmlib.errors.UnitConflictError: 字段 calcium_mg_dl 与 calcium_mmol_l 是同一指标的两种单位，只能给出其中一个。 / Fields calcium_mg_dl and calcium_mmol_l give the same quantity in two units; give only one.
        """
        if not isinstance(d, Mapping):
            raise CaseFormatError(type(d).__name__, "病例应为键值对象（dict / JSON 对象）",
                                  "a case must be a mapping (dict / JSON object)")
        for key in d:
            if not isinstance(key, str) or key not in FIELD_NAMES:
                raise UnknownFieldError(str(key), FIELD_NAMES)
        return cls(**dict(d))

    @classmethod
    def from_json(cls, text_or_path: str | Path) -> "Case":
        """Build a case from JSON text or from the path of a JSON file.

        >>> Case.from_json('{"bmpc_percent": 12, "mri_focal_lesions": 2}').mri_focal_lesions
        2
        >>> Case.from_json('{"bmpc_percent": 12,')
        Traceback (most recent call last):
        ...
        mmlib.case.CaseFormatError: 无法读取病例 '<JSON 文本>'：JSON 格式错误（第 1 行第 21 列）。 / Cannot read case '<JSON text>': invalid JSON (line 1, column 21).
        """
        return cls.from_dict(load_json_object(text_or_path))

    # -- access ------------------------------------------------------------

    def measured(self, name: str) -> Measured | None:
        """The quantity ``name`` (an analyte stem, e.g. ``"calcium"``) as given, or ``None``.

        >>> Case(creatinine_umol_l=177).measured("creatinine")
        Measured(value=177.0, unit='µmol/L', field='creatinine_umol_l')
        >>> Case().measured("potassium")
        Traceback (most recent call last):
        ...
        mmlib.errors.UnknownFieldError: 未知字段 'potassium'。有效字段：m_protein, calcium, calcium_uln, albumin, creatinine, hemoglobin, hemoglobin_lln, ferritin, flc_kappa, flc_lambda。 / Unknown field 'potassium'. Valid fields: m_protein, calcium, calcium_uln, albumin, creatinine, hemoglobin, hemoglobin_lln, ferritin, flc_kappa, flc_lambda.
        """
        spec = MEASURED.get(name)
        if spec is None:
            raise UnknownFieldError(name, tuple(MEASURED))
        for fname, unit in ((spec.conventional_field, spec.conventional_unit), (spec.si_field, spec.si_unit)):
            v = getattr(self, fname)
            if v is not None:
                return Measured(v, unit, fname)
        return None

    def flc_mg_l(self, chain: str) -> float | None:
        """The serum free light chain ``chain`` (``"kappa"``/``"lambda"``) in mg/L, whichever unit was given.

        >>> Case(flc_kappa_mg_dl=4.4).flc_mg_l("kappa"), Case(flc_lambda_mg_l=4.4).flc_mg_l("lambda")
        (44.0, 4.4)
        >>> Case().flc_mg_l("kappa") is None
        True
        """
        m = self.measured(f"flc_{chain}")
        return None if m is None else as_read(_convert("flc", m.value, m.unit, "mg/L"))

    def asserted(self, item: str) -> bool | None:
        """The stated verdict of CRAB item ``item`` (``"C"``, ``"R"``, ``"A"``, ``"B"``), or ``None``.

        >>> Case(crab_absent=True).asserted("R"), Case(anemia=True).asserted("A"), Case().asserted("C")
        (False, True, None)
        """
        if self.crab_absent:
            return False
        return getattr(self, ASSERTED_CRAB[item])

    def given(self) -> tuple[str, ...]:
        """The names of the fields that are set.

        >>> Case(sex="male", bmpc_percent=5).given()
        ('sex', 'bmpc_percent')
        """
        return tuple(n for n in FIELD_NAMES if getattr(self, n) is not None)

    def to_dict(self) -> dict[str, Any]:
        """The fields that are set, JSON-ready; ``Case.from_dict(c.to_dict()) == c``.

        >>> Case(mri_lesion_sizes_mm=[6, 4.9]).to_dict()
        {'mri_lesion_sizes_mm': [6.0, 4.9]}
        """
        out: dict[str, Any] = {}
        for n in self.given():
            v = getattr(self, n)
            out[n] = list(v) if isinstance(v, tuple) else v
        return out


def either_field(stem: str) -> str:
    """The two spellings of a quantity, for 'missing field' lists.

    >>> either_field("calcium")
    'calcium_mg_dl/calcium_mmol_l'
    """
    s = MEASURED[stem]
    return f"{s.conventional_field}/{s.si_field}"


def load_json_object(text_or_path: str | Path) -> dict[str, Any]:
    """Parse JSON text (starting with ``{``) or read a JSON file; the result must be an object.

    The rules (duplicate keys, BOM, NaN, nesting) are those of :mod:`mmlib.jsonio`.

    >>> load_json_object('{"a": 1}')
    {'a': 1}
    >>> load_json_object("/no/such/case.json")
    Traceback (most recent call last):
    ...
    mmlib.case.CaseFormatError: 无法读取病例 '/no/such/case.json'：文件不存在。 / Cannot read case '/no/such/case.json': no such file.
    """
    return _load_json_object(text_or_path, CaseFormatError)


_DATACLASS_FIELDS = tuple(f.name for f in _dc_fields(Case))
assert _DATACLASS_FIELDS == FIELD_NAMES, "Case fields and FIELD_NAMES must list the same names in the same order"
