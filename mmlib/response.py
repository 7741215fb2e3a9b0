"""IMWG 2016 response categories and MRD (Kumar 2016), from a JSON-like record.

The input is a plain dict (the CLI reads it from JSON)::

    {"baseline": {...}, "nadir": {...}, "current": {...},
     "serum_ife_negative": bool, "urine_ife_negative": bool,
     "soft_tissue_plasmacytoma_present": bool, "bmpc_percent": float,
     "clonal_pc_by_ihc_absent": bool, "new_lesions": bool, "hypercalcemia": bool,
     "spd_lesion_count": int, "prior_cr": bool,
     "mrd": {"method": "flow" | "ngs", "negative": bool, "sensitivity": 1e-5,
             "pet_negative": bool, "sustained_years": float}}

``baseline``/``nadir``/``current`` each hold ``m_protein_g_dl`` *or*
``m_protein_g_l``, ``urine_m_protein_mg_24h``, ``flc_kappa_mg_l``,
``flc_lambda_mg_l``, ``bmpc_percent`` and the imaging and blood items of PD:
``lesion_spd_cm2`` (sum of the products of the perpendicular diameters of the
measured lesions; ``spd_lesion_count`` says how many), ``lesion_longest_diameter_cm``
and ``lesion_short_axis_cm`` (one followed lesion), ``circulating_pc_per_ul``.
``new_lesions`` means new bone lesions or soft-tissue plasmacytomas;
``hypercalcemia`` is hypercalcaemia attributed to the plasma-cell disorder;
``prior_cr`` says the patient had reached CR before (it turns on
``relapse_from_cr``).  Every key is optional, every key is checked (an unknown
key is an :class:`~mmlib.errors.UnknownFieldError`, a bad value an
:class:`~mmlib.errors.InputError`).  The top-level ``bmpc_percent`` is the
current marrow; ``current.bmpc_percent`` is accepted as a synonym.

An object with ``visits`` instead — ``{"baseline": {...}, "visits": [{"date":
"2024-03-01", "current": {...}, ...}, ...]}`` — is a series of assessments and
goes to :func:`assess_visits` (the CLI ``python -m mmlib response FILE.json``
accepts both forms).

Order of evaluation (Kumar 2016, Table 3): measurable disease at baseline →
progressive disease first → sCR → CR → VGPR → PR → MR → SD.  A patient is
given the *highest* category whose criteria are all confirmed; a level whose
data are missing is skipped with a note (e.g. CR cannot be confirmed without a
marrow), and if no level can be confirmed and some could not be assessed the
category is ``None``.

Decisions where the sources differ or are silent (fact sheet §5 and §10):

* **Comparison signs** are those of the 2016 table: "≥ 90 %", "≥ 50 %",
  "≥ 25 %", urine "< 100 mg/24 h" and "< 200 mg/24 h"; PD "increase of 25 %"
  is read as ≥ 25 % with absolute increases "≥ 0.5 g/dL", "≥ 200 mg/24 h",
  dFLC "> 10 mg/dL" and marrow "≥ 10 %" (a secondary table's "> 0.5 g/dL" and
  "> 50 %" are not used).
* **MR "≥ 25 % but ≤ 49 %"** (2016) vs "< 49 %" (2006/2011): both upper bounds
  only mark where PR begins.  Read literally, a 49.5 % fall would be neither MR
  nor PR; so MR is implemented as serum fall ≥ 25 % and urine fall ≥ 50 %, and
  the hierarchy (PR is tested first) supplies the upper bound.
* **Nadir ≥ 5 g/dL**: the 2016 table lists "serum M-protein increase ≥ 1 g/dL if
  the lowest M component was ≥ 5 g/dL" under the 25 % stem; as an extra
  condition it would be void (25 % of ≥ 5 g/dL is already ≥ 1.25 g/dL), so it
  is read as in the 2011 footnote: an increase ≥ 1 g/dL is *sufficient* for PD.
* **Reference for PD** is the lowest value seen, per item: the smaller of
  ``nadir`` and ``baseline`` (``baseline`` alone when no nadir is given).
* **Involved light chain** is taken from the baseline κ/λ ratio (> 1.65 → κ,
  < 0.26 → λ); with a normal baseline ratio the FLC is not measurable.
* **FLC-only disease** (footnote of the 2016 table): VGPR needs a > 90 % fall in
  dFLC, and CR additionally needs a normal FLC ratio.
* **Urine criteria** of VGPR/PR apply when urine was measurable at baseline *or*
  a current urine value is given; the MR urine criterion (a relative fall)
  only when urine was measurable at baseline.
* **Missing urine (the rule for VGPR and PR).**  VGPR requires "urine M-protein
  < 100 mg/24 h" in every version of the criteria, so it is never assumed: without
  a current 24-h urine value VGPR cannot be confirmed and the category is *capped*
  at the best level that can be decided without it.  ``provisional`` then names
  the higher level the missing value could give (``"VGPR"``) and ``missing`` the
  field (``current.urine_m_protein_mg_24h``).  The same holds for any level left
  open by a missing value (CR without a marrow, PR with measurable baseline urine
  and no current urine): the highest open level is ``provisional``.  When *no*
  urine value is given at all (neither baseline nor current), urine disease is
  assumed not measurable and PR/MR are decided on serum; the result says so in a
  note and lists both urine fields under ``missing``.
* **Relapse from CR** (``relapse_from_cr``, only when ``prior_cr`` is true):
  any one of reappearance of serum or urine M-protein by immunofixation or
  electrophoresis, marrow plasma cells ≥ 5 %, a new plasmacytoma or lytic lesion,
  or hypercalcaemia; Kleene "or", so ``false`` needs every item known to be
  absent and ``null`` means not applicable or not decidable.
* **Imaging and blood items of PD** are used when they are reported (imaging is
  not part of every assessment, so absence does not block PD): a new lesion; SPD
  ≥ 50 % above its lowest value when the SPD covers > 1 lesion; the longest
  diameter of a followed lesion ≥ 50 % above its lowest value when that lesion
  measured > 1 cm in short axis (at its smallest); circulating plasma cells ≥ 50 %
  above their lowest value and ≥ 200 cells/µL, only when no other measure of
  disease exists.  The marrow ≥ 10 % rise applies only when serum, urine and FLC
  are all unmeasurable.
* **Soft-tissue plasmacytoma size** in PR/MR (the ≥ 50 % SPD reduction) is not
  checked: when a plasmacytoma is still present the requirement is flagged.
* **Negative immunofixation** with no electrophoresis value given is read as an
  M-spike of 0 (nothing can be seen on electrophoresis when IFE is negative).
* **Confirmation** by two consecutive assessments: :func:`assess_visits`.  A
  category is confirmed when the next visit shows it or a better one; PD is
  confirmed by PD at the next visit and dated at the first of the two.  The
  nadir of each item is the lowest value at baseline and the earlier visits (the
  paper's "lowest confirmed response value" would differ only after a single
  unconfirmed low value).
* **Percentages** are rounded to 6 decimals before comparison, so that an exact
  90 % fall is not lost to binary floating point (3.0 → 0.3 g/dL is 90 %).

>>> r = assess_response({"baseline": {"m_protein_g_dl": 3.0, "urine_m_protein_mg_24h": 50},
...                      "current": {"m_protein_g_dl": 0.3, "urine_m_protein_mg_24h": 40}})
>>> r.value, r.details["measurable_disease"]
('VGPR', 'serum')
>>> r.to_dict()["category"]
'VGPR'
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any, Mapping

from .case import validate_field
from .errors import InputError, UnitConflictError, UnknownFieldError
from .jsonio import JSONFormatError, load_json_object
from .labs import FLC_RATIO_HIGH, FLC_RATIO_LOW
from .trace import Check, RuleResult, Threshold, fmt_number, zh_join
from .tristate import k_and, k_not, k_or
from .units import URINE_24H_UNIT, to_conventional, to_si

__all__ = [
    "CATEGORIES",
    "CATEGORY_ZH",
    "CATEGORY_GLOSS",
    "MRD_ZH",
    "MISSING_ZH",
    "ResponseResult",
    "VisitResult",
    "SeriesResult",
    "assess_response",
    "assess_visits",
    "response_from_json",
    "RESPONSE_TABLE",
    "ResponseFormatError",
    "SERUM_MEASURABLE", "URINE_MEASURABLE", "FLC_MEASURABLE", "MARROW_MEASURABLE",
    "FLC_RATIO_NORMAL_FROM", "FLC_RATIO_NORMAL_TO",
    "CR_MARROW", "VGPR_SERUM_FALL", "VGPR_URINE", "VGPR_DFLC_FALL", "PR_SERUM_FALL",
    "PR_URINE_FALL", "PR_URINE", "PR_DFLC_FALL", "PR_MARROW_FALL", "MR_SERUM_FALL", "MR_URINE_FALL",
    "PD_RISE", "PD_SERUM_RISE", "PD_SERUM_HIGH_NADIR", "PD_SERUM_RISE_HIGH_NADIR", "PD_URINE_RISE",
    "PD_DFLC_RISE", "PD_MARROW_RISE", "PD_SPD_RISE", "PD_SPD_LESIONS", "PD_LD_RISE", "PD_SHORT_AXIS",
    "PD_CPC_RISE", "PD_CPC_MIN", "RELAPSE_CR_MARROW", "MRD_CELLS", "MRD_SUSTAINED_YEARS",
]

_SRC = "imwg2016response"
_URINE_UNIT = URINE_24H_UNIT

#: Response categories from worst to best (the order used to rank them).
CATEGORIES: tuple[str, ...] = ("PD", "SD", "MR", "PR", "VGPR", "CR", "sCR")
#: Chinese glosses of the categories (the abbreviations themselves are used in Chinese texts as they are).
CATEGORY_GLOSS: dict[str, str] = {
    "sCR": "严格意义的完全缓解", "CR": "完全缓解", "VGPR": "非常好的部分缓解", "PR": "部分缓解",
    "MR": "微小缓解", "SD": "疾病稳定", "PD": "疾病进展",
}
#: Chinese names of the categories, e.g. "完全缓解（CR）".
CATEGORY_ZH: dict[str, str] = {k: f"{v}（{k}）" for k, v in CATEGORY_GLOSS.items()}
#: Chinese names of the inputs a result can list as ``missing`` (the keys stay in the JSON).
MISSING_ZH: dict[str, str] = {
    "current.urine_m_protein_mg_24h": "本次 24 小时尿 M 蛋白", "baseline.urine_m_protein_mg_24h": "基线 24 小时尿 M 蛋白",
    "current.m_protein_g_dl/current.m_protein_g_l": "本次血清 M 蛋白",
    "current.flc_kappa_mg_l/current.flc_lambda_mg_l": "本次血清游离轻链", "bmpc_percent": "骨髓浆细胞比例",
    "serum_ife_negative": "血清免疫固定电泳结果", "urine_ife_negative": "尿免疫固定电泳结果",
    "soft_tissue_plasmacytoma_present": "软组织浆细胞瘤是否存在", "spd_lesion_count": "SPD 所含病灶数",
    "lesion_short_axis_cm": "原有病灶短轴", "current.circulating_pc_per_ul": "本次外周血循环浆细胞计数",
}
#: Chinese names of the MRD categories.
MRD_ZH: dict[str, str] = {
    "flow_mrd_negative": "流式 MRD 阴性", "sequencing_mrd_negative": "测序 MRD 阴性",
    "imaging_plus_mrd_negative": "影像学 + MRD 阴性", "sustained_mrd_negative": "持续 MRD 阴性",
}


def _t(key: str, zh: str, op: str, value: float, unit: str = "%", **kw: Any) -> Threshold:
    return Threshold(f"imwg2016.{key}", zh, op, value, unit, source=kw.pop("source", _SRC), **kw)


# --- measurable disease (baseline) --------------------------------------------
SERUM_MEASURABLE = _t("measurable.serum", "基线血清 M 蛋白", "≥", 1, "g/dL", si=10, si_unit="g/L")
URINE_MEASURABLE = _t("measurable.urine", "基线 24 小时尿 M 蛋白", "≥", 200, _URINE_UNIT)
FLC_MEASURABLE = _t("measurable.flc", "基线受累游离轻链", "≥", 10, "mg/dL", si=100, si_unit="mg/L")
#: Marrow-only disease can be followed when the baseline marrow holds ≥ 30 % plasma cells.
MARROW_MEASURABLE = _t("measurable.marrow", "基线骨髓浆细胞", "≥", 30)
#: A normal κ/λ ratio (sCR; CR in FLC-only disease) is the complement of :data:`mmlib.labs.FLC_RATIO_LOW`/``HIGH``.
FLC_RATIO_NORMAL_FROM = FLC_RATIO_LOW.negate("imwg2016.flc_ratio.normal_low", "当前 κ/λ 比值（正常下限）")
FLC_RATIO_NORMAL_TO = FLC_RATIO_HIGH.negate("imwg2016.flc_ratio.normal_high", "当前 κ/λ 比值（正常上限）")
# --- response levels ----------------------------------------------------------
CR_MARROW = _t("cr.marrow", "骨髓浆细胞", "<", 5)
VGPR_SERUM_FALL = _t("vgpr.serum_fall", "血清 M 蛋白较基线下降", "≥", 90)
VGPR_URINE = _t("vgpr.urine", "24 小时尿 M 蛋白", "<", 100, _URINE_UNIT)
VGPR_DFLC_FALL = _t("vgpr.dflc_fall", "dFLC 较基线下降", ">", 90)
PR_SERUM_FALL = _t("pr.serum_fall", "血清 M 蛋白较基线下降", "≥", 50)
PR_URINE_FALL = _t("pr.urine_fall", "24 小时尿 M 蛋白较基线下降", "≥", 90)
PR_URINE = _t("pr.urine", "24 小时尿 M 蛋白", "<", 200, _URINE_UNIT)
PR_DFLC_FALL = _t("pr.dflc_fall", "dFLC 较基线下降", "≥", 50)
PR_MARROW_FALL = _t("pr.marrow_fall", "骨髓浆细胞较基线下降", "≥", 50)
MR_SERUM_FALL = _t("mr.serum_fall", "血清 M 蛋白较基线下降", "≥", 25)
MR_URINE_FALL = _t("mr.urine_fall", "24 小时尿 M 蛋白较基线下降", "≥", 50)
# --- progressive disease ---------------------------------------------------------
PD_RISE = _t("pd.rise", "较最低值升高", "≥", 25)
PD_SERUM_RISE = _t("pd.serum_abs", "血清 M 蛋白绝对升高", "≥", 0.5, "g/dL", si=5, si_unit="g/L")
PD_SERUM_HIGH_NADIR = _t("pd.serum_nadir", "血清 M 蛋白最低值", "≥", 5, "g/dL", si=50, si_unit="g/L")
PD_SERUM_RISE_HIGH_NADIR = _t("pd.serum_abs_high", "血清 M 蛋白绝对升高", "≥", 1, "g/dL", si=10, si_unit="g/L")
PD_URINE_RISE = _t("pd.urine_abs", "24 小时尿 M 蛋白绝对升高", "≥", 200, _URINE_UNIT)
PD_DFLC_RISE = _t("pd.dflc_abs", "dFLC 绝对升高", ">", 10, "mg/dL", si=100, si_unit="mg/L")
PD_MARROW_RISE = _t("pd.marrow_abs", "骨髓浆细胞绝对升高", "≥", 10)
#: Imaging items of PD: "≥ 50 % increase from nadir in SPD of > 1 lesion, or ≥ 50 % increase in the
#: longest diameter of a previous lesion > 1 cm in short axis" (Kumar 2016, Table 3).
PD_SPD_RISE = _t("pd.spd", "病灶最大垂直径乘积之和（SPD）较最低值增大", "≥", 50)
PD_SPD_LESIONS = _t("pd.spd_lesions", "SPD 所含病灶数", ">", 1, "处")
PD_LD_RISE = _t("pd.longest_diameter", "原有病灶最长径较最低值增大", "≥", 50)
PD_SHORT_AXIS = _t("pd.short_axis", "原有病灶短轴", ">", 1, "cm")
#: Circulating plasma cells, "if the only measure of disease": ≥ 50 % increase, minimum 200 cells/µL.
PD_CPC_RISE = _t("pd.cpc", "外周血循环浆细胞较最低值增加", "≥", 50)
PD_CPC_MIN = _t("pd.cpc_min", "外周血循环浆细胞绝对数", "≥", 200, "个/µL")
# --- relapse from CR ----------------------------------------------------------------
#: Relapse from CR: "development of ≥ 5 % plasma cells in the bone marrow" — the complement of the CR marrow cut-off.
RELAPSE_CR_MARROW = CR_MARROW.negate("imwg2016.relapse_cr.marrow", "骨髓浆细胞（CR 后复发）")
# --- MRD -------------------------------------------------------------------------
#: MRD negativity counts only with a sensitivity of at least 1 clonal cell in 10⁵ nucleated cells.
MRD_CELLS = _t("mrd.sensitivity", "MRD 检测灵敏度（每 N 个有核细胞检出 1 个）", "≥", 100_000, "个细胞")
MRD_SUSTAINED_YEARS = _t("mrd.sustained", "MRD 阴性持续时间", "≥", 1, "年")

#: The thresholds of the book's IMWG 2016 response table (response levels and PD), each once.
RESPONSE_TABLE: tuple[Threshold, ...] = (
    CR_MARROW, VGPR_SERUM_FALL, VGPR_URINE, VGPR_DFLC_FALL, PR_SERUM_FALL, PR_URINE_FALL, PR_URINE,
    PR_DFLC_FALL, PR_MARROW_FALL, MARROW_MEASURABLE, MR_SERUM_FALL, MR_URINE_FALL, PD_RISE, PD_SERUM_RISE,
    PD_SERUM_HIGH_NADIR, PD_SERUM_RISE_HIGH_NADIR, PD_URINE_RISE, PD_DFLC_RISE, PD_MARROW_RISE, PD_SPD_RISE,
    PD_SPD_LESIONS, PD_LD_RISE, PD_SHORT_AXIS, PD_CPC_RISE, PD_CPC_MIN,
)

_LAB_KEYS = ("m_protein_g_dl", "m_protein_g_l", "urine_m_protein_mg_24h", "flc_kappa_mg_l",
             "flc_lambda_mg_l", "bmpc_percent", "lesion_spd_cm2", "lesion_longest_diameter_cm",
             "lesion_short_axis_cm", "circulating_pc_per_ul")
#: Lab keys that are not :class:`~mmlib.case.Case` fields: (upper plausible limit, unit).
_EXTRA_LABS: dict[str, tuple[float, str]] = {
    "lesion_spd_cm2": (2500.0, "cm²"), "lesion_longest_diameter_cm": (50.0, "cm"),
    "lesion_short_axis_cm": (50.0, "cm"), "circulating_pc_per_ul": (500_000.0, "个/µL"),
}
_FLAG_KEYS = ("serum_ife_negative", "urine_ife_negative", "soft_tissue_plasmacytoma_present",
              "clonal_pc_by_ihc_absent", "new_lesions", "hypercalcemia")
#: Keys of one assessment (a visit of :func:`assess_visits` holds the same keys with ``date``).
_VISIT_KEYS = ("current", *_FLAG_KEYS, "bmpc_percent", "spd_lesion_count", "mrd")
_TOP_KEYS = ("baseline", "nadir", "prior_cr", *_VISIT_KEYS)
_SERIES_KEYS = ("baseline", "visits")
_MAX_LESIONS = 100
_MRD_KEYS = ("method", "negative", "sensitivity", "pet_negative", "sustained_years")
#: Longest plausible duration of sustained MRD negativity (rejects typing errors only).
_MAX_YEARS = 100.0
_NDIGITS = 6


# ----------------------------------------------------------------------------------
# input parsing
# ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Labs:
    serum: float | None = None  # in ``unit``
    unit: str = "g/dL"
    urine: float | None = None
    kappa: float | None = None
    lam: float | None = None
    bmpc: float | None = None
    spd: float | None = None  # cm², sum of the products of the diameters of the measured lesions
    ld: float | None = None  # cm, longest diameter of the followed lesion
    short_axis: float | None = None  # cm, short axis of that lesion
    cpc: float | None = None  # circulating plasma cells per µL

    def serum_in(self, unit: str) -> float | None:
        if self.serum is None or unit == self.unit:
            return self.serum
        convert = to_si if unit == "g/L" else to_conventional
        return convert("m_protein", self.serum, self.unit)


@dataclass(frozen=True)
class _Input:
    baseline: _Labs
    nadir: _Labs | None
    current: _Labs
    flags: dict[str, bool | None]
    mrd: dict[str, Any] | None
    spd_lesions: int | None = None
    prior_cr: bool | None = None


def _years(field: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= _MAX_YEARS:
        text = f"0–{fmt_number(_MAX_YEARS)}"
        raise InputError(field, value, f"{text} 年", en_expected=f"{text} years")
    return float(value)


def _flag(field: str, value: Any) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    raise InputError(field, value, "true 或 false", en_expected="true or false")


def _mapping(field: str, value: Any, valid: tuple[str, ...]) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise InputError(field, value, "一个对象（字典）", en_expected="an object (dict)")
    for key in value:
        if key not in valid:
            raise UnknownFieldError(f"{field}.{key}" if field != "data" else str(key), valid)
    return value


def _labs(field: str, raw: Any) -> _Labs:
    d = _mapping(field, raw, _LAB_KEYS)
    if d.get("m_protein_g_dl") is not None and d.get("m_protein_g_l") is not None:
        raise UnitConflictError(f"{field}.m_protein_g_dl", f"{field}.m_protein_g_l")
    v = {k: validate_field(k, d.get(k)) for k in _LAB_KEYS if k not in _EXTRA_LABS}  # Case ranges, unit hints
    v.update({k: _measure(f"{field}.{k}", d.get(k), *limit) for k, limit in _EXTRA_LABS.items()})
    unit = "g/L" if v["m_protein_g_l"] is not None else "g/dL"
    serum = v["m_protein_g_l"] if unit == "g/L" else v["m_protein_g_dl"]
    return _Labs(serum, unit, v["urine_m_protein_mg_24h"], v["flc_kappa_mg_l"], v["flc_lambda_mg_l"],
                 v["bmpc_percent"], v["lesion_spd_cm2"], v["lesion_longest_diameter_cm"],
                 v["lesion_short_axis_cm"], v["circulating_pc_per_ul"])


def _measure(field: str, value: Any, upper: float, unit: str) -> float | None:
    """A non-negative measurement up to a plausible ``upper`` limit (imaging sizes, cell counts)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= upper:
        text = f"0–{fmt_number(upper)} {unit}"
        raise InputError(field, value, text, en_expected=text)
    return float(value)


def _count(field: str, value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= _MAX_LESIONS:
        text = f"1–{_MAX_LESIONS}"
        raise InputError(field, value, f"{text} 的整数", en_expected=f"an integer {text}")
    return value


def _parse_mrd(raw: Any, prefix: str = "") -> dict[str, Any] | None:
    if raw is None:
        return None
    d = _mapping(f"{prefix}mrd", raw, _MRD_KEYS)
    method = d.get("method")
    if method is not None and method not in ("flow", "ngs"):
        raise InputError(f"{prefix}mrd.method", method, "'flow' 或 'ngs'", en_expected="'flow' or 'ngs'")
    sens = d.get("sensitivity")
    if sens is not None and (isinstance(sens, bool) or not isinstance(sens, (int, float))
                             or not 0 < sens < 1):
        raise InputError(f"{prefix}mrd.sensitivity", sens, "0 与 1 之间的小数，如 1e-5",
                         en_expected="a fraction between 0 and 1, e.g. 1e-5")
    years = d.get("sustained_years")
    return {
        "method": method,
        "negative": _flag(f"{prefix}mrd.negative", d.get("negative")),
        "sensitivity": None if sens is None else float(sens),
        "pet_negative": _flag(f"{prefix}mrd.pet_negative", d.get("pet_negative")),
        "sustained_years": None if years is None else _years(f"{prefix}mrd.sustained_years", years),
    }


def _assessment_part(d: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """The keys one assessment shares with a visit: current labs, findings, marrow, MRD."""
    current = _labs(f"{prefix}current", d.get("current", {}))
    if d.get("bmpc_percent") is not None:
        marrow = validate_field("bmpc_percent", d["bmpc_percent"])
        if current.bmpc is not None and current.bmpc != marrow:
            raise InputError(f"{prefix}bmpc_percent", marrow,
                             f"与 current.bmpc_percent（{fmt_number(current.bmpc)}）一致",
                             en_expected=f"the same as current.bmpc_percent ({fmt_number(current.bmpc)})")
        current = replace(current, bmpc=marrow)
    flags = {k: _flag(f"{prefix}{k}", d.get(k)) for k in _FLAG_KEYS}
    if flags["serum_ife_negative"] and current.serum:
        raise InputError(f"{prefix}current.m_protein_{'g_l' if current.unit == 'g/L' else 'g_dl'}", current.serum,
                         "0（血清免疫固定电泳阴性时电泳不可能检出 M 蛋白）",
                         en_expected="0 (an M-spike cannot be seen when serum immunofixation is negative)")
    if flags["urine_ife_negative"] and current.urine:
        raise InputError(f"{prefix}current.urine_m_protein_mg_24h", current.urine, "0（尿免疫固定电泳阴性）",
                         en_expected="0 (urine immunofixation is negative)")
    # a negative immunofixation means nothing is visible on electrophoresis either: the spike is 0
    serum = 0.0 if flags["serum_ife_negative"] and current.serum is None else current.serum
    urine = 0.0 if flags["urine_ife_negative"] and current.urine is None else current.urine
    return {"current": replace(current, serum=serum, urine=urine), "flags": flags,
            "mrd": _parse_mrd(d.get("mrd"), prefix),
            "spd_lesions": _count(f"{prefix}spd_lesion_count", d.get("spd_lesion_count"))}


def _parse(data: Any) -> _Input:
    d = _mapping("data", data, _TOP_KEYS)
    baseline = _labs("baseline", d.get("baseline", {}))
    nadir = None if d.get("nadir") is None else _labs("nadir", d["nadir"])
    return _Input(baseline, nadir, **_assessment_part(d), prior_cr=_flag("prior_cr", d.get("prior_cr")))


# ----------------------------------------------------------------------------------
# small helpers
# ----------------------------------------------------------------------------------
def _fall(before: float | None, after: float | None) -> float | None:
    """Percentage fall from ``before`` to ``after`` (negative for a rise)."""
    if before is None or after is None or before <= 0:
        return None
    return round((before - after) / before * 100, _NDIGITS)


def _involved(labs: _Labs) -> str | None:
    """'kappa' / 'lambda' from an abnormal κ/λ ratio, else ``None``."""
    if labs.kappa is None or labs.lam is None or labs.lam == 0:
        return None
    ratio = labs.kappa / labs.lam
    if FLC_RATIO_HIGH.test(ratio):
        return "kappa"
    return "lambda" if FLC_RATIO_LOW.test(ratio) else None


def _dflc(labs: _Labs, chain: str | None) -> float | None:
    if chain is None or labs.kappa is None or labs.lam is None:
        return None
    involved, uninvolved = (labs.kappa, labs.lam) if chain == "kappa" else (labs.lam, labs.kappa)
    return round(involved - uninvolved, _NDIGITS)


def _ratio_normal(labs: _Labs) -> list[Check]:
    """Two lines: κ/λ ≥ 0.26 and κ/λ ≤ 1.65 (the normal range, both ends included)."""
    ratio = None if labs.kappa is None or not labs.lam else round(labs.kappa / labs.lam, _NDIGITS)
    return [FLC_RATIO_NORMAL_FROM.check(ratio), FLC_RATIO_NORMAL_TO.check(ratio)]


def _fact(key: str, label: str, value: bool | None) -> Check:
    """A yes/no finding that must be true for the criterion."""
    return Check(f"imwg2016.{key}", label, value, None, None, None, value, _SRC)


def _relative_rise(t: Threshold, ref: float | None, cur: float | None) -> Check:
    """The rise from the lowest value ``ref`` to ``cur`` in % of ``ref``, compared with ``t``.

    From a lowest value of 0 any rise is an infinite relative increase: the line then shows
    the absolute rise and is met when there is one.
    """
    if ref is None or cur is None:
        return t.check(None)
    if ref > 0:
        return t.check(round((cur - ref) / ref * 100, _NDIGITS))
    return Check(t.key, zh_join(t.zh, "（最低值为 0）"), cur, None, 0, ">", cur > 0, t.source,
                 f"最低值为 0，任何升高都满足 {t.describe()}")


def _lesion_reference(b: _Labs, n: _Labs) -> tuple[float | None, float | None]:
    """Longest diameter and short axis of the followed lesion at its smallest (baseline or nadir)."""
    if n.ld is not None and (b.ld is None or n.ld <= b.ld):
        return n.ld, n.short_axis
    return b.ld, b.short_axis


def _reappeared(ife_negative: bool | None, spike: float | None) -> bool | None:
    """M-protein seen again, by immunofixation or electrophoresis (``None``: neither says)."""
    if ife_negative is False or (spike is not None and spike > 0):
        return True
    return False if ife_negative else None


def _lowest(a: float | None, b: float | None) -> float | None:
    vals = [v for v in (a, b) if v is not None]
    return min(vals) if vals else None


# ----------------------------------------------------------------------------------
# the rule
# ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class ResponseResult(RuleResult):
    """A :class:`~mmlib.trace.RuleResult` whose ``value`` is the IMWG category.

    ``to_dict()`` adds ``category``, ``mrd`` and ``measurable_disease`` at the
    top level; ``explain()`` adds the notes (decisions, items not assessable).

    >>> r = ResponseResult("x", "疗效", "PR", details={"mrd": None, "measurable_disease": "urine",
    ...                                              "notes": ["示例说明"]}, source="imwg2016response")
    >>> print(r.explain())
    疗效：PR
      * 示例说明
    >>> {k: r.to_dict()[k] for k in ("category", "mrd", "measurable_disease")}
    {'category': 'PR', 'mrd': None, 'measurable_disease': 'urine'}
    """

    def explain(self) -> str:
        """The Chinese explanation: headline, one line per check, what is missing, then the notes."""
        text = RuleResult.explain(replace(self, missing=()))
        if self.missing:
            text += "\n  - 缺少数据：" + "、".join(MISSING_ZH.get(m, m) for m in self.missing)
        notes = self.details.get("notes", [])
        return text + "".join(f"\n  * {n}" for n in notes)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict with ``category``, ``mrd``, ``measurable_disease`` and ``trace``."""
        out = super().to_dict()
        out.update(category=self.value, mrd=self.details.get("mrd"),
                   measurable_disease=self.details.get("measurable_disease"),
                   provisional=self.details.get("provisional"),
                   relapse_from_cr=self.details.get("relapse_from_cr"))
        return out


class _Assessment:
    """Collects checks and notes while the levels are evaluated (private, one call)."""

    def __init__(self, inp: _Input) -> None:
        self.inp = inp
        self.checks: list[Check] = []
        self.notes: list[str] = []
        self.level = "PD"  # the level being evaluated: the fields it lacks are filed under it
        self.missing: dict[str, list[str]] = {}
        self.fields: list[str] = []  # the missing inputs reported with the result
        self.provisional: str | None = None
        self.relapse: bool | None = None
        self.imaging_reported = False
        b, c = inp.baseline, inp.current
        self.unit = b.unit if b.serum is not None else c.unit
        self.chain = _involved(b)

        serum = SERUM_MEASURABLE.check(b.serum, self.unit) if b.serum is not None else None
        urine = URINE_MEASURABLE.check(b.urine) if b.urine is not None else None
        self.serum_m = bool(serum and serum.verdict)
        self.urine_m = bool(urine and urine.verdict)
        self.checks += [x for x in (serum, urine) if x is not None]
        involved = None if self.chain is None else (b.kappa if self.chain == "kappa" else b.lam)
        if self.serum_m or self.urine_m:
            self.basis = "+".join(n for n, m in (("serum", self.serum_m), ("urine", self.urine_m)) if m)
        else:
            flc = FLC_MEASURABLE.check(involved, "mg/L", label=f"基线受累游离轻链（{self._chain_zh()}）",
                                       note="且 κ/λ 比值异常" if involved is not None else "κ/λ 比值正常或缺失")
            self.checks.append(flc)
            if flc.verdict:
                self.basis: str | None = "flc"
            else:
                marrow = MARROW_MEASURABLE.check(b.bmpc)
                self.checks.append(marrow)
                self.basis = "marrow" if marrow.verdict else None

    def _chain_zh(self) -> str:
        return {"kappa": "κ", "lambda": "λ"}.get(self.chain or "", "未定")

    def need(self, field: str, value: Any) -> Any:
        """Return ``value``; when it is ``None``, file ``field`` as missing for the current level."""
        if value is None:
            fields = self.missing.setdefault(self.level, [])
            if field not in fields:
                fields.append(field)
        return value

    # -- progressive disease ---------------------------------------------------
    def _rise(self, label: str, ref: float | None, cur: float | None, absolute: Threshold,
              unit: str, field: str) -> bool | None:
        if ref is None or self.need(field, cur) is None:
            self.checks.append(PD_RISE.check(None, label=zh_join(label, "较最低值升高")))
            return None
        rise = round(cur - ref, _NDIGITS)
        if ref > 0:
            rel = PD_RISE.check(round(rise / ref * 100, _NDIGITS), label=zh_join(label, "较最低值升高"))
        else:  # from 0 any rise is an infinite relative increase
            rel = Check(PD_RISE.key, zh_join(label, "较最低值（0）升高"), rise, unit, 0, ">",
                        rise > 0, PD_RISE.source, f"最低值为 0，任何升高都满足 {PD_RISE.describe()}")
        abs_check = absolute.check(rise, unit)
        self.checks += [rel, abs_check]
        return bool(rel.verdict and abs_check.verdict)

    def progression(self) -> bool | None:
        inp, b, c = self.inp, self.inp.baseline, self.inp.current
        n = inp.nadir or _Labs()
        verdicts: list[bool | None] = []
        ref_s = _lowest(b.serum_in(self.unit), n.serum_in(self.unit))
        cur_s = c.serum_in(self.unit)
        serum_field = "current.m_protein_g_dl/current.m_protein_g_l"
        if ref_s is not None:
            verdicts.append(self._rise("血清 M 蛋白", ref_s, cur_s, PD_SERUM_RISE, self.unit, serum_field))
            if PD_SERUM_HIGH_NADIR.test(ref_s, self.unit):
                rise = None if cur_s is None else round(cur_s - ref_s, _NDIGITS)
                note = f"最低值 {PD_SERUM_HIGH_NADIR.describe(self.unit)}，此项单独即足够"
                high = PD_SERUM_RISE_HIGH_NADIR.check(rise, self.unit, note=note)
                self.checks.append(high)
                verdicts.append(high.verdict)
        ref_u = _lowest(b.urine, n.urine)
        if ref_u is not None:
            verdicts.append(self._rise("24 小时尿 M 蛋白", ref_u, c.urine, PD_URINE_RISE, _URINE_UNIT,
                                       "current.urine_m_protein_mg_24h"))
        if self.basis == "flc":
            ref_d = _lowest(_dflc(b, self.chain), _dflc(n, self.chain))
            verdicts.append(self._rise("dFLC", ref_d, _dflc(c, self.chain), PD_DFLC_RISE, "mg/L",
                                       "current.flc_kappa_mg_l/current.flc_lambda_mg_l"))
        if self.basis in ("marrow", None):  # only when serum, urine and FLC are not measurable
            verdicts.append(self._rise("骨髓浆细胞", _lowest(b.bmpc, n.bmpc), c.bmpc, PD_MARROW_RISE, "%",
                                       "bmpc_percent"))
        if self.basis is None:  # circulating plasma cells count only as the sole measure of disease
            verdicts += self._circulating(_lowest(b.cpc, n.cpc), c.cpc)
        imaging = self._imaging(n)
        lesions = inp.flags["new_lesions"]
        self.checks.append(_fact("pd.new_lesions", "出现新的骨病变或软组织浆细胞瘤", lesions))
        # imaging is not part of every assessment: "not reported" does not block the other items
        if lesions or imaging or any(verdicts):
            return True
        if any(v is None for v in verdicts) or (imaging is None and self.imaging_reported):
            self.notes.append("部分 PD 条目因缺少数据未能评估，PD 不能完全排除。")
            return None
        return False

    def _circulating(self, ref: float | None, cur: float | None) -> list[bool | None]:
        if ref is None and cur is None:
            return []
        if ref is None or self.need("current.circulating_pc_per_ul", cur) is None:
            self.checks.append(PD_CPC_RISE.check(None))
            return [None]
        rel = _relative_rise(PD_CPC_RISE, ref, cur)
        floor = PD_CPC_MIN.check(cur)
        self.checks += [rel, floor]
        return [k_and(rel.verdict, floor.verdict)]

    def _imaging(self, n: _Labs) -> bool | None:
        """The SPD and longest-diameter items (``None`` also when no measurement was reported)."""
        b, c = self.inp.baseline, self.inp.current
        items: list[bool | None] = []
        ref_spd = _lowest(b.spd, n.spd)
        self.imaging_reported = c.spd is not None or c.ld is not None
        if c.spd is not None:
            rise = _relative_rise(PD_SPD_RISE, ref_spd, c.spd)
            count = PD_SPD_LESIONS.check(self.need("spd_lesion_count", self.inp.spd_lesions))
            self.checks += [rise, count]
            items.append(k_and(rise.verdict, count.verdict))
        if c.ld is not None:
            ref, axis = _lesion_reference(b, n)
            rise = _relative_rise(PD_LD_RISE, ref, c.ld)
            short = PD_SHORT_AXIS.check(self.need("lesion_short_axis_cm", axis))
            self.checks += [rise, short]
            items.append(k_and(rise.verdict, short.verdict))
        return k_or(*items) if items else None

    # -- response levels --------------------------------------------------------
    def complete(self) -> bool | None:
        f, c = self.inp.flags, self.inp.current
        checks = [
            self._ife("serum", "血清免疫固定电泳阴性", f["serum_ife_negative"], c.serum),
            self._ife("urine", "尿免疫固定电泳阴性", f["urine_ife_negative"], c.urine),
            _fact("cr.plasmacytoma", "软组织浆细胞瘤已消失", k_not(f["soft_tissue_plasmacytoma_present"])),
            CR_MARROW.check(self.inp.current.bmpc),
        ]
        fields = ["serum_ife_negative", "urine_ife_negative", "soft_tissue_plasmacytoma_present", "bmpc_percent"]
        if self.basis == "flc":
            checks += _ratio_normal(self.inp.current)
            fields += ["current.flc_kappa_mg_l/current.flc_lambda_mg_l"] * 2
        for field, check in zip(fields, checks):
            self.need(field, None if check.verdict is None else True)
        self.checks += checks
        verdict = k_and(*(x.verdict for x in checks))
        if verdict is None and any(x.verdict for x in checks):
            self.notes.append("CR 未能确认：" + "、".join(x.label for x in checks if x.verdict is None) + " 缺失。")
        return verdict

    @staticmethod
    def _ife(kind: str, label: str, negative: bool | None, spike: float | None) -> Check:
        if negative is None and spike:  # an M-spike visible on electrophoresis means a positive IFE
            return Check(f"imwg2016.cr.{kind}_ife", label, False, None, None, None, False, _SRC,
                         "未报告免疫固定结果，但电泳仍可见 M 蛋白，故必然阳性")
        return _fact(f"cr.{kind}_ife", label, negative)

    def stringent(self) -> bool | None:
        checks = [*_ratio_normal(self.inp.current),
                  _fact("scr.ihc", "骨髓活检免疫组化未见克隆性浆细胞", self.inp.flags["clonal_pc_by_ihc_absent"])]
        self.checks += checks
        return k_and(*(x.verdict for x in checks))

    def _urine_applies(self) -> bool:
        """The relative urine criteria of PR/MR apply to urine disease measurable at baseline.

        A current urine value is always checked against the absolute PR limit; with no urine
        at all (baseline and current) urine disease is *assumed* not measurable (see run()).
        """
        return self.urine_m or self.inp.current.urine is not None

    def _serum_fall(self, t: Threshold) -> Check:
        cur = self.need("current.m_protein_g_dl/current.m_protein_g_l", self.inp.current.serum_in(self.unit))
        return t.check(_fall(self.inp.baseline.serum_in(self.unit), cur))

    def _urine(self) -> float | None:
        return self.need("current.urine_m_protein_mg_24h", self.inp.current.urine)

    def _urine_fall(self, t: Threshold) -> Check:
        return t.check(_fall(self.inp.baseline.urine, self._urine()))

    def _flc_fall(self, t: Threshold) -> Check:
        cur = self.need("current.flc_kappa_mg_l/current.flc_lambda_mg_l", _dflc(self.inp.current, self.chain))
        return t.check(_fall(_dflc(self.inp.baseline, self.chain), cur))

    def _level(self, checks: list[Check | list[Check]]) -> bool | None:
        """All items must hold; an item given as a list holds when any of its checks does."""
        verdicts: list[bool | None] = []
        for item in checks:
            group = item if isinstance(item, list) else [item]
            self.checks += group
            verdicts.append(k_or(*(x.verdict for x in group)))
        return k_and(*verdicts)

    def very_good(self) -> bool | None:
        if self.basis == "flc":
            return self._level([self._flc_fall(VGPR_DFLC_FALL)])
        if self.basis == "marrow":
            return False
        c = self.inp.current
        if c.serum == 0 and c.urine == 0:
            self.checks.append(_fact("vgpr.ife_only", "血、尿 M 蛋白仅免疫固定电泳可见（电泳为 0）", True))
            return True
        items: list[Check | list[Check]] = []
        if self.serum_m:
            items.append(self._serum_fall(VGPR_SERUM_FALL))
        # "urine M-protein < 100 mg/24 h" is part of VGPR whatever the baseline urine: never assumed
        items.append(VGPR_URINE.check(self._urine()))
        return self._level(items)

    def partial(self) -> bool | None:
        if self.basis == "flc":
            return self._level([self._flc_fall(PR_DFLC_FALL)])
        if self.basis == "marrow":
            return self._level([PR_MARROW_FALL.check(_fall(self.inp.baseline.bmpc,
                                                           self.need("bmpc_percent", self.inp.current.bmpc)))])
        items: list[Check | list[Check]] = []
        if self.serum_m:
            items.append(self._serum_fall(PR_SERUM_FALL))
        if self._urine_applies():
            items.append([self._urine_fall(PR_URINE_FALL), PR_URINE.check(self._urine())])
        return self._level(items)

    def minimal(self) -> bool | None:
        if self.basis in ("flc", "marrow"):
            return False
        items: list[Check | list[Check]] = []
        if self.serum_m:
            items.append(self._serum_fall(MR_SERUM_FALL))
        if self.urine_m:
            items.append(self._urine_fall(MR_URINE_FALL))
        return self._level(items)

    # -- relapse from CR -----------------------------------------------------------
    def relapse_from_cr(self) -> bool | None:
        """Kumar 2016: any of reappearing M-protein (IFE or electrophoresis), marrow ≥ 5 %, or another
        sign of progression (new plasmacytoma or bone lesion, hypercalcaemia); ``None`` without prior CR."""
        if self.inp.prior_cr is not True:
            return None
        f, c = self.inp.flags, self.inp.current
        checks = [
            _fact("relapse_cr.serum", "血清 M 蛋白重新出现（免疫固定或电泳）", _reappeared(f["serum_ife_negative"], c.serum)),
            _fact("relapse_cr.urine", "尿 M 蛋白重新出现（免疫固定或电泳）", _reappeared(f["urine_ife_negative"], c.urine)),
            RELAPSE_CR_MARROW.check(c.bmpc),
            _fact("relapse_cr.lesions", "新的浆细胞瘤或溶骨性病变", f["new_lesions"]),
            _fact("relapse_cr.calcium", "高钙血症（归因于浆细胞疾病）", f["hypercalcemia"]),
        ]
        self.checks += checks
        return k_or(*(x.verdict for x in checks))

    # -- MRD ---------------------------------------------------------------------
    def mrd(self, category: str | None) -> str | None:
        m = self.inp.mrd
        if m is None:
            return None
        if category not in ("sCR", "CR"):
            self.notes.append("MRD 仅在达到 CR 及以上时评估；本次未达 CR，MRD 结果不予分级。")
            return None
        if m["negative"] is not True:
            self.notes.append("MRD 未报告为阴性。" if m["negative"] is None else "MRD 阳性。")
            return None
        cells = None if m["sensitivity"] is None else round(1 / m["sensitivity"], _NDIGITS)
        sens = MRD_CELLS.check(cells)
        self.checks.append(sens)
        if not sens.verdict or m["method"] is None:
            self.notes.append("MRD 阴性需注明检测方法（流式或测序，即 method 为 flow 或 ngs），"
                              f"且检测灵敏度 {MRD_CELLS.describe()}；条件不满足，不予分级。")
            return None
        label = "flow_mrd_negative" if m["method"] == "flow" else "sequencing_mrd_negative"
        pet = _fact("mrd.pet", "PET/CT 示原有摄取灶消失", m["pet_negative"])
        self.checks.append(pet)
        if not pet.verdict:
            return label
        sustained = MRD_SUSTAINED_YEARS.check(m["sustained_years"])
        self.checks.append(sustained)
        return "sustained_mrd_negative" if sustained.verdict else "imaging_plus_mrd_negative"

    # -- driver ------------------------------------------------------------------
    def run(self) -> tuple[str | None, str | None]:
        pd = self.progression()
        self.relapse = self.relapse_from_cr()
        if pd:
            return "PD", None
        if self.basis is None:
            self.notes.append("基线无可测量病灶（血清、尿、FLC 与骨髓均未达标准），IMWG 疗效分级不适用。")
            self._conclude(None, [], pd)
            return None, None
        undecided: list[str] = []
        for name, level in (("CR", self.complete), ("VGPR", self.very_good), ("PR", self.partial),
                            ("MR", self.minimal)):
            self.level = name
            verdict = level()
            if verdict:
                category = ("sCR" if self.stringent() else "CR") if name == "CR" else name
                self._conclude(category, undecided, pd)
                return category, self.mrd(category)
            if verdict is None:
                undecided.append(name)
        self._conclude(None if undecided else "SD", undecided, pd)
        if undecided:
            self.notes.append("因缺少数据，无法确认任何缓解等级，也不能判为 SD。")
            return None, None
        self.mrd("SD")
        return "SD", None

    def _conclude(self, category: str | None, undecided: list[str], pd: bool | None) -> None:
        """Set ``provisional`` and the notes on what a missing value left open (rule of the module doc)."""
        levels = (["PD"] if pd is None else []) + undecided
        self.fields = list(dict.fromkeys(f for lvl in levels for f in self.missing.get(lvl, [])))
        if undecided:
            self.provisional = undecided[0]
            shown = "、".join(MISSING_ZH.get(f, f) for f in self.fields) or "部分数据"
            reported = zh_join("按已能确认的最高等级", category, "报告") if category else "目前无法给出任何等级"
            self.notes.append(zh_join("缺少", shown, "：", undecided[0], "无法确认，", reported,
                                      "（暂定上限：", undecided[0], "）。"))
        b, c = self.inp.baseline, self.inp.current
        if category in ("PR", "MR") and self.serum_m and b.urine is None and c.urine is None:
            self.fields += [f for f in ("baseline.urine_m_protein_mg_24h", "current.urine_m_protein_mg_24h")
                            if f not in self.fields]
            self.notes.append("未提供 24 小时尿 M 蛋白：假定尿 M 蛋白不可测量，PR/MR 仅依据血清 M 蛋白判定。")
        if category in ("PR", "MR") and self.inp.flags["soft_tissue_plasmacytoma_present"]:
            self.notes.append("仍有软组织浆细胞瘤：PR/MR 还要求其大小（SPD）相应缩小；此项本模型未核对。")


class ResponseFormatError(JSONFormatError):
    """The response data are not a readable JSON object (see :mod:`mmlib.jsonio`).

    >>> print(ResponseFormatError("r.json", "文件不存在", "no such file").en)
    Cannot read response data 'r.json': no such file.
    """

    noun_zh = "疗效评估数据"
    noun_en = "response data"


def assess_response(data: Mapping[str, Any]) -> ResponseResult:
    """Assign the IMWG 2016 response category (and MRD category) to ``data``.

    Returns a :class:`ResponseResult`: ``value`` is one of ``"sCR", "CR",
    "VGPR", "PR", "MR", "SD", "PD"`` (or ``None`` when not evaluable), the
    ``details`` hold ``category``, ``mrd``, ``measurable_disease``,
    ``involved_light_chain`` and ``notes``.

    >>> base = {"m_protein_g_dl": 4.0}
    >>> assess_response({"baseline": base, "current": {"m_protein_g_dl": 2.0}}).value
    'PR'
    >>> assess_response({"baseline": base, "current": {"m_protein_g_dl": 3.0}}).value
    'MR'
    >>> assess_response({"baseline": base, "nadir": {"m_protein_g_dl": 1.0},
    ...                  "current": {"m_protein_g_dl": 1.5}}).value
    'PD'
    >>> r = assess_response({"baseline": base, "current": {"m_protein_g_dl": 0, "urine_m_protein_mg_24h": 0},
    ...     "serum_ife_negative": True, "urine_ife_negative": True, "bmpc_percent": 2,
    ...     "soft_tissue_plasmacytoma_present": False,
    ...     "mrd": {"method": "ngs", "negative": True, "sensitivity": 1e-5}})
    >>> r.value, r.details["mrd"]
    ('CR', 'sequencing_mrd_negative')
    >>> print(r.explain().splitlines()[0])
    IMWG 2016 疗效评估：CR（完全缓解）。MRD：测序 MRD 阴性

    Without a 24-h urine value VGPR is not assumed: the category is capped and
    ``provisional`` names what the urine could give.

    >>> r = assess_response({"baseline": {"m_protein_g_dl": 3.0}, "current": {"m_protein_g_dl": 0.3}})
    >>> r.value, r.details["provisional"], r.details["missing"][0]
    ('PR', 'VGPR', 'current.urine_m_protein_mg_24h')

    An object with ``visits`` is a series (the result is a :class:`SeriesResult`):

    >>> assess_response({"baseline": base, "visits": [
    ...     {"date": "2024-01-01", "current": {"m_protein_g_dl": 2.0, "urine_m_protein_mg_24h": 0}}]}).value
    ('PR',)
    >>> assess_response({"baseline": {"m_protein": 3}})
    Traceback (most recent call last):
    ...
    mmlib.errors.UnknownFieldError: 未知字段 'baseline.m_protein'。有效字段：m_protein_g_dl, m_protein_g_l, urine_m_protein_mg_24h, flc_kappa_mg_l, flc_lambda_mg_l, bmpc_percent, lesion_spd_cm2, lesion_longest_diameter_cm, lesion_short_axis_cm, circulating_pc_per_ul。 / Unknown field 'baseline.m_protein'. Valid fields: m_protein_g_dl, m_protein_g_l, urine_m_protein_mg_24h, flc_kappa_mg_l, flc_lambda_mg_l, bmpc_percent, lesion_spd_cm2, lesion_longest_diameter_cm, lesion_short_axis_cm, circulating_pc_per_ul.
    """
    if isinstance(data, Mapping) and "visits" in data:
        return assess_visits(data)  # type: ignore[return-value]  # a series: see assess_visits
    return _evaluate(_parse(data))


def _evaluate(inp: _Input) -> ResponseResult:
    a = _Assessment(inp)
    category, mrd = a.run()
    shown = f"{category}（{CATEGORY_GLOSS[category]}）" if category else None
    summary = f"MRD：{MRD_ZH[mrd]}" if mrd else ""
    missing = tuple(a.fields)
    details = {
        "category": category,
        "mrd": mrd,
        "measurable_disease": a.basis,
        "involved_light_chain": a.chain,
        "serum_unit": a.unit,
        "provisional": a.provisional,
        "relapse_from_cr": a.relapse,
        "missing": list(missing),
        "notes": a.notes,
    }
    return ResponseResult("imwg2016_response", "IMWG 2016 疗效评估", category, tuple(a.checks), missing,
                          source=_SRC, summary=summary, details=details, shown=shown)


# ----------------------------------------------------------------------------------
# a series of dated visits: nadir, confirmation, the date of progression
# ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class VisitResult:
    """One visit of a series: its date, its assessment and whether the next visit confirms it.

    ``confirmed`` is ``True`` when the next assessment shows the same category or a better
    one (for PD: PD again), ``False`` when it does not, ``None`` when the next visit is
    missing or not evaluable.
    """

    date: str
    result: ResponseResult
    confirmed: bool | None

    @property
    def category(self) -> str | None:
        """The IMWG category of this visit (``None`` when not evaluable)."""
        return self.result.value

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: date, category, confirmed, provisional, relapse_from_cr, mrd, missing, nadir."""
        d = self.result.details
        return {"date": self.date, "category": self.category, "confirmed": self.confirmed,
                "provisional": d.get("provisional"), "relapse_from_cr": d.get("relapse_from_cr"),
                "mrd": d.get("mrd"), "missing": d.get("missing", []), "nadir": d.get("nadir")}


@dataclass(frozen=True)
class SeriesResult:
    """The assessment of a list of dated visits (:func:`assess_visits`)."""

    visits: tuple[VisitResult, ...]
    best_confirmed_response: str | None
    progression_date: str | None

    @property
    def value(self) -> tuple[str | None, ...]:
        """The category at each visit."""
        return tuple(v.category for v in self.visits)

    def explain(self) -> str:
        """Chinese report: one line per visit, then the best confirmed response and the PD date."""
        mark = {True: "已确认", False: "未确认", None: "待确认"}
        lines = ["IMWG 2016 疗效评估（多次随访）："]
        for v in self.visits:
            shown = v.result.shown or "无法判断"
            extra = [mark[v.confirmed]]
            if v.result.details.get("provisional"):
                extra.append(f"暂定上限 {v.result.details['provisional']}")
            if v.result.details.get("relapse_from_cr"):
                extra.append("CR 后复发")
            lines.append(f"  {v.date}：{shown}（{'；'.join(extra)}）")
        lines.append(f"最佳已确认疗效：{self.best_confirmed_response or '无'}")
        lines.append("疾病进展（PD）：" + (f"{self.progression_date}（两次连续评估中的第一次）"
                                        if self.progression_date else "未确认"))
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: ``visits`` (see :meth:`VisitResult.to_dict`), best response, progression date."""
        return {"name": "imwg2016_response_series", "source": _SRC,
                "visits": [v.to_dict() for v in self.visits],
                "best_confirmed_response": self.best_confirmed_response,
                "progression_date": self.progression_date}


def _date(field: str, value: Any) -> date:
    try:
        if not isinstance(value, str):
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(field, value, "ISO 日期，如 2024-03-01",
                         en_expected="an ISO date such as 2024-03-01") from None


def _series_nadir(seen: list[_Labs], unit: str, chain: str | None) -> _Labs:
    """The lowest value of each item over ``seen`` (FLC pair and lesion taken from one time point)."""
    def low(values: list[float | None]) -> float | None:
        vals = [v for v in values if v is not None]
        return min(vals) if vals else None

    flc = [x for x in seen if _dflc(x, chain) is not None]
    flc_low = min(flc, key=lambda x: _dflc(x, chain) or 0.0) if flc else _Labs()
    lesion = [x for x in seen if x.ld is not None]
    ld_low = min(lesion, key=lambda x: x.ld or 0.0) if lesion else _Labs()
    return _Labs(low([x.serum_in(unit) for x in seen]), unit, low([x.urine for x in seen]),
                 flc_low.kappa, flc_low.lam, low([x.bmpc for x in seen]), low([x.spd for x in seen]),
                 ld_low.ld, ld_low.short_axis, low([x.cpc for x in seen]))


def _nadir_dict(n: _Labs) -> dict[str, float | None]:
    key = "m_protein_g_l" if n.unit == "g/L" else "m_protein_g_dl"
    return {key: n.serum, "urine_m_protein_mg_24h": n.urine, "bmpc_percent": n.bmpc}


def _years_later(day: date, years: int) -> date | None:
    """The same day ``years`` later (1 March for 29 February in a common year); ``None`` after year 9999.

    >>> _years_later(date(2024, 2, 29), 1), _years_later(date(9999, 1, 1), 1)
    (datetime.date(2025, 3, 1), None)
    """
    if day.year + years > date.max.year:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return date(day.year + years, 3, 1)


def _sustained_mrd(results: list[tuple[str, ResponseResult]], assessed: list[bool]) -> None:
    """Upgrade imaging-plus MRD negativity confirmed ≥ 1 year after the first of an unbroken run of them.

    The run is broken by an MRD assessment that is not imaging-plus negative, by PD and by relapse from CR.
    """
    years = int(MRD_SUSTAINED_YEARS.value)
    start: date | None = None
    for (when, r), has_mrd in zip(results, assessed):
        d = r.details
        if r.value == "PD" or d.get("relapse_from_cr") or (has_mrd and d["mrd"] not in (
                "imaging_plus_mrd_negative", "sustained_mrd_negative")):
            start = None
            continue
        if not has_mrd:
            continue
        day = date.fromisoformat(when)
        start = start or day
        later = _years_later(start, years)
        if d["mrd"] == "imaging_plus_mrd_negative" and later is not None and day >= later:
            d["mrd"] = "sustained_mrd_negative"
            d["notes"].append(f"骨髓与影像学 MRD 阴性自 {start.isoformat()} 起持续，间隔 {MRD_SUSTAINED_YEARS.describe()}："
                              "持续 MRD 阴性。")


def _confirmed(category: str | None, following: ResponseResult | None) -> bool | None:
    """Two consecutive assessments: PD needs PD again; a response needs the same or a better one.

    ``None`` when the next visit is missing or not evaluable, or when it is lower only because a
    value is missing there and its ``provisional`` level would confirm (a CR is not confirmed by a
    second marrow, IMWG: the repeat marrow is not required).
    """
    nxt = None if following is None else following.value
    if category is None or nxt is None:
        return None
    if category == "PD" or nxt == "PD":
        return category == nxt
    if CATEGORIES.index(nxt) >= CATEGORIES.index(category):
        return True
    open_level = following.details.get("provisional") if following is not None else None
    return None if open_level and CATEGORIES.index(open_level) >= CATEGORIES.index(category) else False


def assess_visits(data: Mapping[str, Any]) -> SeriesResult:
    """Assess a baseline and a list of dated visits (IMWG 2016), visit by visit.

    ``data`` is ``{"baseline": {...}, "visits": [{"date": "YYYY-MM-DD", "current": {...}, ...}]}``;
    a visit holds the keys of one assessment (``current``, the findings, ``bmpc_percent``,
    ``spd_lesion_count``, ``mrd``) besides its ``date``; dates must increase.  For each visit:

    * the **nadir** is the lowest value of each item at baseline and at the earlier visits;
    * ``prior_cr`` is true once an earlier visit was CR or sCR, so ``relapse_from_cr`` is reported;
    * the category is **confirmed** when the next visit shows the same or a better category
      (PD: PD again); PD is dated at the *first* of the two consecutive PD assessments;
    * imaging-plus MRD negativity (marrow and PET-CT) seen again at least 1 year after the first
      of an unbroken run of such results becomes *sustained MRD negativity*.

    >>> visits = [{"date": d, "current": {"m_protein_g_dl": m, "urine_m_protein_mg_24h": 0}}
    ...           for d, m in (("2024-01-01", 2.0), ("2024-02-01", 1.9), ("2024-03-01", 0.9),
    ...                        ("2024-04-01", 1.4), ("2024-05-01", 1.5))]
    >>> s = assess_visits({"baseline": {"m_protein_g_dl": 4.0}, "visits": visits})
    >>> s.value
    ('PR', 'PR', 'PR', 'PD', 'PD')
    >>> [v.confirmed for v in s.visits]
    [True, True, False, True, None]
    >>> s.best_confirmed_response, s.progression_date
    ('PR', '2024-04-01')
    """
    d = _mapping("data", data, _SERIES_KEYS)
    raw_visits = d.get("visits")
    if not isinstance(raw_visits, list) or not raw_visits:
        raise InputError("visits", raw_visits, "非空的随访列表（每项含 date）",
                         en_expected="a non-empty list of visits, each with a date")
    baseline = _labs("baseline", d.get("baseline", {}))
    parsed: list[tuple[str, dict[str, Any]]] = []
    last: date | None = None
    for i, raw in enumerate(raw_visits):
        v = _mapping(f"visits[{i}]", raw, ("date", *_VISIT_KEYS))
        when = _date(f"visits[{i}].date", v.get("date"))
        if last is not None and when <= last:
            raise InputError(f"visits[{i}].date", v.get("date"), f"晚于上一次随访（{last.isoformat()}）",
                             en_expected=f"later than the previous visit ({last.isoformat()})")
        last = when
        parsed.append((when.isoformat(), _assessment_part(v, f"visits[{i}].")))
    unit = baseline.unit if baseline.serum is not None else parsed[0][1]["current"].unit
    chain = _involved(baseline)
    results: list[tuple[str, ResponseResult]] = []
    for i, (when, part) in enumerate(parsed):
        earlier = [p["current"] for _, p in parsed[:i]]
        nadir = _series_nadir(earlier, unit, chain) if earlier else None
        prior_cr = any(r.value in ("CR", "sCR") for _, r in results)
        result = _evaluate(_Input(baseline, nadir, **part, prior_cr=prior_cr))
        result.details["nadir"] = _nadir_dict(_series_nadir([baseline, *earlier], unit, chain))
        results.append((when, result))
    _sustained_mrd(results, [p["mrd"] is not None for _, p in parsed])
    visits = tuple(VisitResult(when, r, _confirmed(r.value, results[i + 1][1] if i + 1 < len(results) else None))
                   for i, (when, r) in enumerate(results))
    pd_dates = [v.date for v in visits if v.category == "PD" and v.confirmed]
    progression = pd_dates[0] if pd_dates else None
    responses = [v.category for v in visits if v.confirmed and v.category not in (None, "PD")
                 and (progression is None or v.date < progression)]
    best = max(responses, key=CATEGORIES.index) if responses else None
    return SeriesResult(visits, best, progression)


def response_from_json(path_or_text: str | Path) -> ResponseResult:
    """Run :func:`assess_response` on a JSON file path or a JSON text.

    A string whose first non-blank character is ``{`` is read as JSON text,
    anything else as a file path; the rules (duplicate keys at any level, BOM,
    NaN, nesting) are those of :mod:`mmlib.jsonio`.

    >>> response_from_json('{"baseline": {"m_protein_g_l": 30}, "current": {"m_protein_g_l": 30}}').value
    'SD'
    >>> response_from_json('{"baseline": ')
    Traceback (most recent call last):
    ...
    mmlib.response.ResponseFormatError: 无法读取疗效评估数据 '<JSON 文本>'：JSON 格式错误（第 1 行第 14 列）。 / Cannot read response data '<JSON text>': invalid JSON (line 1, column 14).
    """
    return assess_response(load_json_object(path_or_text, ResponseFormatError))
