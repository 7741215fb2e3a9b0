"""IMWG 2016 response categories and MRD (Kumar 2016), from a JSON-like record.

The input is a plain dict (the CLI reads it from JSON)::

    {"baseline": {...}, "nadir": {...}, "current": {...},
     "serum_ife_negative": bool, "urine_ife_negative": bool,
     "soft_tissue_plasmacytoma_present": bool, "bmpc_percent": float,
     "clonal_pc_by_ihc_absent": bool, "new_lesions": bool,
     "mrd": {"method": "flow" | "ngs", "negative": bool, "sensitivity": 1e-5,
             "pet_negative": bool, "sustained_years": float}}

``baseline``/``nadir``/``current`` each hold ``m_protein_g_dl`` *or*
``m_protein_g_l``, ``urine_m_protein_mg_24h``, ``flc_kappa_mg_l``,
``flc_lambda_mg_l`` and ``bmpc_percent``.  Every key is optional, every key is
checked (an unknown key is an :class:`~mmlib.errors.UnknownFieldError`, a bad
value an :class:`~mmlib.errors.InputError`).  The top-level ``bmpc_percent`` is
the current marrow; ``current.bmpc_percent`` is accepted as a synonym.

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
* **Soft-tissue plasmacytoma size** (SPD) is not an input: when a plasmacytoma
  is still present the PR/MR size requirement is flagged, not checked.
* **Negative immunofixation** with no electrophoresis value given is read as an
  M-spike of 0 (nothing can be seen on electrophoresis when IFE is negative).
* **Confirmation** by two consecutive assessments is the caller's job.
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

from dataclasses import dataclass
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
    "ResponseResult",
    "assess_response",
    "response_from_json",
    "ResponseFormatError",
    "SERUM_MEASURABLE", "URINE_MEASURABLE", "FLC_MEASURABLE", "MARROW_MEASURABLE",
    "FLC_RATIO_NORMAL_FROM", "FLC_RATIO_NORMAL_TO",
    "CR_MARROW", "VGPR_SERUM_FALL", "VGPR_URINE", "VGPR_DFLC_FALL", "PR_SERUM_FALL",
    "PR_URINE_FALL", "PR_URINE", "PR_DFLC_FALL", "PR_MARROW_FALL", "MR_SERUM_FALL", "MR_URINE_FALL",
    "PD_RISE", "PD_SERUM_RISE", "PD_SERUM_HIGH_NADIR", "PD_SERUM_RISE_HIGH_NADIR", "PD_URINE_RISE",
    "PD_DFLC_RISE", "PD_MARROW_RISE", "MRD_CELLS", "MRD_SUSTAINED_YEARS",
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
# --- MRD -------------------------------------------------------------------------
#: MRD negativity counts only with a sensitivity of at least 1 clonal cell in 10⁵ nucleated cells.
MRD_CELLS = _t("mrd.sensitivity", "MRD 检测灵敏度（每 N 个有核细胞检出 1 个）", "≥", 100_000, "个细胞")
MRD_SUSTAINED_YEARS = _t("mrd.sustained", "MRD 阴性持续时间", "≥", 1, "年")

_LAB_KEYS = ("m_protein_g_dl", "m_protein_g_l", "urine_m_protein_mg_24h", "flc_kappa_mg_l",
             "flc_lambda_mg_l", "bmpc_percent")
_FLAG_KEYS = ("serum_ife_negative", "urine_ife_negative", "soft_tissue_plasmacytoma_present",
              "clonal_pc_by_ihc_absent", "new_lesions")
_TOP_KEYS = ("baseline", "nadir", "current", *_FLAG_KEYS, "bmpc_percent", "mrd")
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
    v = {k: validate_field(k, d.get(k)) for k in _LAB_KEYS}  # the Case ranges and unit-mix-up hints
    unit = "g/L" if v["m_protein_g_l"] is not None else "g/dL"
    serum = v["m_protein_g_l"] if unit == "g/L" else v["m_protein_g_dl"]
    return _Labs(serum, unit, v["urine_m_protein_mg_24h"], v["flc_kappa_mg_l"], v["flc_lambda_mg_l"],
                 v["bmpc_percent"])


def _parse_mrd(raw: Any) -> dict[str, Any] | None:
    if raw is None:
        return None
    d = _mapping("mrd", raw, _MRD_KEYS)
    method = d.get("method")
    if method is not None and method not in ("flow", "ngs"):
        raise InputError("mrd.method", method, "'flow' 或 'ngs'", en_expected="'flow' or 'ngs'")
    sens = d.get("sensitivity")
    if sens is not None and (isinstance(sens, bool) or not isinstance(sens, (int, float))
                             or not 0 < sens < 1):
        raise InputError("mrd.sensitivity", sens, "0 与 1 之间的小数，如 1e-5",
                         en_expected="a fraction between 0 and 1, e.g. 1e-5")
    years = d.get("sustained_years")
    return {
        "method": method,
        "negative": _flag("mrd.negative", d.get("negative")),
        "sensitivity": None if sens is None else float(sens),
        "pet_negative": _flag("mrd.pet_negative", d.get("pet_negative")),
        "sustained_years": None if years is None else _years("mrd.sustained_years", years),
    }


def _parse(data: Any) -> _Input:
    d = _mapping("data", data, _TOP_KEYS)
    baseline = _labs("baseline", d.get("baseline", {}))
    nadir = None if d.get("nadir") is None else _labs("nadir", d["nadir"])
    current = _labs("current", d.get("current", {}))
    if d.get("bmpc_percent") is not None:
        marrow = validate_field("bmpc_percent", d["bmpc_percent"])
        if current.bmpc is not None and current.bmpc != marrow:
            raise InputError("bmpc_percent", marrow, f"与 current.bmpc_percent（{fmt_number(current.bmpc)}）一致",
                             en_expected=f"the same as current.bmpc_percent ({fmt_number(current.bmpc)})")
        current = _Labs(current.serum, current.unit, current.urine, current.kappa, current.lam, marrow)
    flags = {k: _flag(k, d.get(k)) for k in _FLAG_KEYS}
    if flags["serum_ife_negative"] and current.serum:
        raise InputError("current.m_protein", current.serum, "0（血清免疫固定电泳阴性时电泳不可能检出 M 蛋白）",
                         en_expected="0 (an M-spike cannot be seen when serum immunofixation is negative)")
    if flags["urine_ife_negative"] and current.urine:
        raise InputError("current.urine_m_protein_mg_24h", current.urine, "0（尿免疫固定电泳阴性）",
                         en_expected="0 (urine immunofixation is negative)")
    # a negative immunofixation means nothing is visible on electrophoresis either: the spike is 0
    serum = 0.0 if flags["serum_ife_negative"] and current.serum is None else current.serum
    urine = 0.0 if flags["urine_ife_negative"] and current.urine is None else current.urine
    current = _Labs(serum, current.unit, urine, current.kappa, current.lam, current.bmpc)
    return _Input(baseline, nadir, current, flags, _parse_mrd(d.get("mrd")))


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
        """The Chinese explanation: headline, one line per check, then the notes."""
        text = super().explain()
        notes = self.details.get("notes", [])
        return text + "".join(f"\n  * {n}" for n in notes)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict with ``category``, ``mrd``, ``measurable_disease`` and ``trace``."""
        out = super().to_dict()
        out.update(category=self.value, mrd=self.details.get("mrd"),
                   measurable_disease=self.details.get("measurable_disease"))
        return out


class _Assessment:
    """Collects checks and notes while the levels are evaluated (private, one call)."""

    def __init__(self, inp: _Input) -> None:
        self.inp = inp
        self.checks: list[Check] = []
        self.notes: list[str] = []
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

    # -- progressive disease ---------------------------------------------------
    def _rise(self, label: str, ref: float | None, cur: float | None, absolute: Threshold,
              unit: str) -> bool | None:
        if ref is None or cur is None:
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
        if ref_s is not None:
            verdicts.append(self._rise("血清 M 蛋白", ref_s, cur_s, PD_SERUM_RISE, self.unit))
            if PD_SERUM_HIGH_NADIR.test(ref_s, self.unit):
                rise = None if cur_s is None else round(cur_s - ref_s, _NDIGITS)
                note = f"最低值 {PD_SERUM_HIGH_NADIR.describe(self.unit)}，此项单独即足够"
                high = PD_SERUM_RISE_HIGH_NADIR.check(rise, self.unit, note=note)
                self.checks.append(high)
                verdicts.append(high.verdict)
        ref_u = _lowest(b.urine, n.urine)
        if ref_u is not None:
            verdicts.append(self._rise("24 小时尿 M 蛋白", ref_u, c.urine, PD_URINE_RISE, _URINE_UNIT))
        if self.basis == "flc":
            ref_d = _lowest(_dflc(b, self.chain), _dflc(n, self.chain))
            verdicts.append(self._rise("dFLC", ref_d, _dflc(c, self.chain), PD_DFLC_RISE, "mg/L"))
        if self.basis in ("marrow", None):
            verdicts.append(self._rise("骨髓浆细胞", _lowest(b.bmpc, n.bmpc), c.bmpc, PD_MARROW_RISE, "%"))
        lesions = inp.flags["new_lesions"]
        self.checks.append(_fact("pd.new_lesions", "出现新病灶", lesions))
        if lesions:  # imaging is not part of every assessment: "not reported" does not block
            return True
        if any(verdicts):
            return True
        if any(v is None for v in verdicts):
            self.notes.append("部分 PD 条目因缺少数据未能评估，PD 不能完全排除。")
            return None
        return False

    # -- response levels --------------------------------------------------------
    def complete(self) -> bool | None:
        f, c = self.inp.flags, self.inp.current
        checks = [
            self._ife("serum", "血清免疫固定电泳阴性", f["serum_ife_negative"], c.serum),
            self._ife("urine", "尿免疫固定电泳阴性", f["urine_ife_negative"], c.urine),
            _fact("cr.plasmacytoma", "软组织浆细胞瘤已消失", k_not(f["soft_tissue_plasmacytoma_present"])),
            CR_MARROW.check(self.inp.current.bmpc),
        ]
        if self.basis == "flc":
            checks += _ratio_normal(self.inp.current)
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
        return self.urine_m or self.inp.current.urine is not None

    def _serum_fall(self, t: Threshold) -> Check:
        return t.check(_fall(self.inp.baseline.serum_in(self.unit), self.inp.current.serum_in(self.unit)))

    def _urine_fall(self, t: Threshold) -> Check:
        return t.check(_fall(self.inp.baseline.urine, self.inp.current.urine))

    def _flc_fall(self, t: Threshold) -> Check:
        return t.check(_fall(_dflc(self.inp.baseline, self.chain), _dflc(self.inp.current, self.chain)))

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
        if self._urine_applies():
            items.append(VGPR_URINE.check(c.urine))
        return self._level(items)

    def partial(self) -> bool | None:
        if self.basis == "flc":
            return self._level([self._flc_fall(PR_DFLC_FALL)])
        if self.basis == "marrow":
            return self._level([PR_MARROW_FALL.check(_fall(self.inp.baseline.bmpc, self.inp.current.bmpc))])
        items: list[Check | list[Check]] = []
        if self.serum_m:
            items.append(self._serum_fall(PR_SERUM_FALL))
        if self._urine_applies():
            items.append([self._urine_fall(PR_URINE_FALL), PR_URINE.check(self.inp.current.urine)])
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
        if pd:
            return "PD", None
        if self.basis is None:
            self.notes.append("基线无可测量病灶（血清、尿、FLC 与骨髓均未达标准），IMWG 疗效分级不适用。")
            return None, None
        undecided = False
        for name, level in (("CR", self.complete), ("VGPR", self.very_good), ("PR", self.partial),
                            ("MR", self.minimal)):
            verdict = level()
            if verdict and name == "CR":
                category = "sCR" if self.stringent() else "CR"
                return category, self.mrd(category)
            if verdict:
                if self.inp.flags["soft_tissue_plasmacytoma_present"] and name in ("PR", "MR"):
                    self.notes.append("仍有软组织浆细胞瘤：PR/MR 还要求其大小（SPD）相应缩小；本模型不输入病灶大小，此项未核对。")
                self.mrd(name)
                return name, None
            undecided = undecided or verdict is None
        if undecided:
            self.notes.append("因缺少数据，无法确认任何缓解等级，也不能判为 SD。")
            return None, None
        self.mrd("SD")
        return "SD", None


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
    >>> assess_response({"baseline": {"m_protein": 3}})
    Traceback (most recent call last):
    ...
    mmlib.errors.UnknownFieldError: 未知字段 'baseline.m_protein'。有效字段：m_protein_g_dl, m_protein_g_l, urine_m_protein_mg_24h, flc_kappa_mg_l, flc_lambda_mg_l, bmpc_percent。 / Unknown field 'baseline.m_protein'. Valid fields: m_protein_g_dl, m_protein_g_l, urine_m_protein_mg_24h, flc_kappa_mg_l, flc_lambda_mg_l, bmpc_percent.
    """
    inp = _parse(data)
    a = _Assessment(inp)
    category, mrd = a.run()
    shown = f"{category}（{CATEGORY_GLOSS[category]}）" if category else None
    summary = f"MRD：{MRD_ZH[mrd]}" if mrd else ""
    details = {
        "category": category,
        "mrd": mrd,
        "measurable_disease": a.basis,
        "involved_light_chain": a.chain,
        "serum_unit": a.unit,
        "notes": a.notes,
    }
    return ResponseResult("imwg2016_response", "IMWG 2016 疗效评估", category, tuple(a.checks), (),
                          source=_SRC, summary=summary, details=details, shown=shown)


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
