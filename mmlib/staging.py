"""Staging of multiple myeloma: ISS (Greipp 2005), R-ISS (Palumbo 2015), R2-ISS (D'Agostino 2022).

The stages apply to patients with (newly diagnosed) multiple myeloma.  Each
function returns a :class:`~mmlib.trace.RuleResult` whose ``value`` is the
stage ("I" … "IV") or ``None``; ``details`` holds ``stage``, ``points``
(R2-ISS only) and the outcome figures of the original cohorts that the
project's fact sheet marks as confirmed in a source.

Missing data follow Kleene logic (:mod:`mmlib.tristate`): a stage is given
whenever the known fields already decide it (β2M ≥ 5.5 mg/L is ISS III
whatever the albumin; ISS III + del(17p) + high LDH is R2-ISS IV whatever
the other factors), otherwise it is ``None`` with the missing fields listed.
For R2-ISS the lowest and highest possible totals are computed; the group is
given when both fall in the same group (``points`` is then ``None`` unless
every factor is known).

Conventions
-----------
* ISS I: β2M < 3.5 mg/L **and** albumin ≥ 3.5 g/dL (≥ 35 g/L); III: β2M
  ≥ 5.5 mg/L; II: neither (Greipp 2005 — "≥ 5.5", not the "> 5.5" of some
  secondary pages).
* LDH is "high" when > ULN (LDH/ULN > 1); LDH equal to the ULN is normal
  (the R-ISS paper defines normal as < ULN and high as > ULN; = ULN is not
  defined and is read as not high).
* R-ISS high-risk CA = del(17p) and/or t(4;14) and/or t(14;16).
* R2-ISS points: ISS II 1, ISS III 1.5, del(17p) 1, high LDH 1, t(4;14) 1,
  1q+ (gain or amplification) 0.5; t(14;16) is not scored.  Totals 0 → I,
  0.5–1 → II, 1.5–2.5 → III, 3–5 → IV.

>>> from mmlib.case import Case
>>> iss(Case(beta2m_mg_l=3.5, albumin_g_l=40)).value
'II'
>>> r2iss(Case(beta2m_mg_l=6, albumin_g_dl=3, del17p=True, ldh_u_l=300, ldh_uln_u_l=250)).details["stage"]
'IV'
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .case import Case, either_field
from .cytogenetics import ONE_Q_ZH, gain_1q_status
from .trace import Check, RuleResult, Threshold, fmt_number, info
from .tristate import k_and, k_or, t_and, t_not, t_or, tri

__all__ = [
    "ISS_B2M_III", "ISS_B2M_I", "ISS_ALBUMIN_I", "LDH_HIGH", "R2ISS_POINTS", "R2ISS_GROUPS",
    "ISS_OUTCOMES", "RISS_OUTCOMES", "STAGES", "CRITERIA_TABLES", "TABLE_POINTS",
    "iss", "riss", "r2iss", "iss_codes", "riss_codes", "r2iss_range", "r2iss_group",
]

ISS_B2M_III = Threshold("iss2005.b2m_iii", "血清 β2 微球蛋白", "≥", 5.5, "mg/L", source="iss2005")
ISS_B2M_I = Threshold("iss2005.b2m_i", "血清 β2 微球蛋白", "<", 3.5, "mg/L", source="iss2005")
ISS_ALBUMIN_I = Threshold("iss2005.albumin_i", "血清白蛋白", "≥", 3.5, "g/dL", si=35, si_unit="g/L",
                          source="iss2005")
#: LDH above the upper limit of normal, as the ratio LDH/ULN (so LDH = ULN gives exactly 1, not high).
LDH_HIGH = Threshold("riss2015.ldh", "LDH / 正常上限（ULN）", ">", 1, source="riss2015")

#: R2-ISS points (D'Agostino 2022).
R2ISS_POINTS: dict[str, float] = {"iss_ii": 1.0, "iss_iii": 1.5, "del17p": 1.0, "ldh_high": 1.0, "t4_14": 1.0,
                                  "gain_or_amp_1q": 0.5}
#: Lower edge of each R2-ISS group above I (totals 0.5–1 → II, 1.5–2.5 → III, 3–5 → IV).
R2ISS_GROUPS: tuple[Threshold, ...] = (
    Threshold("r2iss2022.ii", "R2-ISS 总分", "≥", 0.5, "分", source="r2iss2022"),
    Threshold("r2iss2022.iii", "R2-ISS 总分", "≥", 1.5, "分", source="r2iss2022"),
    Threshold("r2iss2022.iv", "R2-ISS 总分", "≥", 3, "分", source="r2iss2022"),
)
STAGES: tuple[str, ...] = ("I", "II", "III", "IV")

#: The cut-offs each staging table of the book prints (the pages are checked against these by
#: tests/site/test_criteria_tables.py, as for :data:`mmlib.diagnosis.CRITERIA_TABLES`).
CRITERIA_TABLES: dict[str, tuple[Threshold, ...]] = {
    "iss": (ISS_B2M_I, ISS_ALBUMIN_I, ISS_B2M_III),
    "riss": (LDH_HIGH,),
    "r2iss": (LDH_HIGH, *R2ISS_GROUPS),
}
#: The points a scored table prints, by table (R2-ISS: ISS II 1, ISS III 1.5, del(17p) 1, …).
TABLE_POINTS: dict[str, dict[str, float]] = {"r2iss": R2ISS_POINTS}

#: Outcomes of the original cohorts (fact sheet items marked [S]).
ISS_OUTCOMES: dict[str, dict[str, float]] = {"I": {"median_os_months": 62}, "II": {"median_os_months": 44},
                                             "III": {"median_os_months": 29}}
RISS_OUTCOMES: dict[str, dict[str, float]] = {
    "I": {"five_year_os_percent": 82, "five_year_pfs_percent": 55, "median_pfs_months": 66},
    "II": {"five_year_os_percent": 62, "five_year_pfs_percent": 36, "median_pfs_months": 42},
    "III": {"five_year_os_percent": 40, "five_year_pfs_percent": 24, "median_pfs_months": 29},
}
_R2ISS_OUTCOME_NOTE = "R2-ISS 各组中位 OS/PFS 在项目资料中尚未核对原文，暂不显示"


# --------------------------------------------------------------------------
# Decision functions on 1/0/NaN arrays (shared with mmlib.cohort)
# --------------------------------------------------------------------------

def iss_codes(iii, stage_i) -> np.ndarray:
    """ISS stage 1/2/3 (NaN unknown) from the flags "β2M ≥ 5.5" and "β2M < 3.5 and albumin ≥ 3.5".

    >>> iss_codes(np.array([1.0, 0.0, 0.0, np.nan]), np.array([0.0, 1.0, 0.0, 0.0])).tolist()
    [3.0, 1.0, 2.0, nan]
    """
    iii, stage_i = np.asarray(iii, float), np.asarray(stage_i, float)
    return np.where(iii == 1, 3.0, np.where(stage_i == 1, 1.0, np.where((iii == 0) & (stage_i == 0), 2.0, np.nan)))


def riss_codes(iii, stage_i, ca_high, ldh_high) -> np.ndarray:
    """R-ISS stage 1/2/3 (NaN unknown): I = ISS I + standard CA + normal LDH; III = ISS III + (high CA or LDH).

    >>> riss_codes(1.0, 0.0, 0.0, 1.0).tolist(), riss_codes(0.0, 1.0, 0.0, 0.0).tolist()
    (3.0, 1.0)
    """
    one = t_and(np.asarray(stage_i, float), t_not(np.asarray(ca_high, float)), t_not(np.asarray(ldh_high, float)))
    three = t_and(np.asarray(iii, float), t_or(np.asarray(ca_high, float), np.asarray(ldh_high, float)))
    return np.where(one == 1, 1.0, np.where(three == 1, 3.0, np.where((one == 0) & (three == 0), 2.0, np.nan)))


def _range(flag, points: float) -> tuple[np.ndarray, np.ndarray]:
    flag = np.asarray(flag, float)
    return np.where(flag == 1, points, 0.0), np.where(flag == 0, 0.0, points)


def r2iss_range(iii, stage_i, del17p, ldh_high, t4_14, q1) -> tuple[np.ndarray, np.ndarray]:
    """Lowest and highest possible R2-ISS totals given 1/0/NaN factor flags.

    >>> lo, hi = r2iss_range(1.0, 0.0, 1.0, 1.0, np.nan, np.nan)
    >>> float(lo), float(hi)
    (3.5, 5.0)
    """
    iii, stage_i = np.asarray(iii, float), np.asarray(stage_i, float)
    p2, p3 = R2ISS_POINTS["iss_ii"], R2ISS_POINTS["iss_iii"]
    # ISS contribution: III → 1.5; I → 0; II (known not I, not III) → 1; otherwise the possible span.
    iss_lo = np.where(iii == 1, p3, np.where(stage_i == 1, 0.0, np.where(stage_i == 0, p2, 0.0)))
    iss_hi = np.where(iii == 1, p3, np.where(stage_i == 1, 0.0, np.where(iii == 0, p2, p3)))
    lo, hi = iss_lo, iss_hi
    for flag, key in ((del17p, "del17p"), (ldh_high, "ldh_high"), (t4_14, "t4_14"), (q1, "gain_or_amp_1q")):
        a, b = _range(flag, R2ISS_POINTS[key])
        lo, hi = lo + a, hi + b
    return lo, hi


def r2iss_group(points) -> np.ndarray:
    """R2-ISS group 1–4 for a total (array or float).

    >>> r2iss_group(np.array([0, 0.5, 1, 1.5, 2.5, 3, 5])).tolist()
    [1, 2, 2, 3, 3, 4, 4]
    """
    points = np.asarray(points, float)
    return 1 + sum(np.asarray(t.test(points, "分"), int) for t in R2ISS_GROUPS)


# --------------------------------------------------------------------------
# Rules
# --------------------------------------------------------------------------

def _roman(code: float) -> str | None:
    return None if code != code else STAGES[int(code) - 1]


def _stage_zh(stage: str | None) -> str | None:
    """'II' → 'II 期' (the headline of a staging result)."""
    return None if stage is None else f"{stage} 期"


def _iss_parts(case: Case) -> tuple[bool | None, bool | None, list[Check], tuple[str, ...]]:
    alb = case.measured("albumin")
    c3 = ISS_B2M_III.check(case.beta2m_mg_l, label=f"{ISS_B2M_III.zh}（III 期界值）")
    c1 = ISS_B2M_I.check(case.beta2m_mg_l, label=f"{ISS_B2M_I.zh}（I 期界值）")
    ca = ISS_ALBUMIN_I.check(alb.value if alb else None, alb.unit if alb else None,
                             label=f"{ISS_ALBUMIN_I.zh}（I 期界值）")
    missing = tuple(f for f, v in (("beta2m_mg_l", case.beta2m_mg_l), (either_field("albumin"), alb)) if v is None)
    return c3.verdict, k_and(c1.verdict, ca.verdict), [c3, c1, ca], missing


def iss(case: Case) -> RuleResult:
    """International Staging System (Greipp 2005).

    >>> r = iss(Case(beta2m_mg_l=3.4, albumin_g_dl=3.5))
    >>> r.value, r.details["median_os_months"]
    ('I', 62)
    >>> iss(Case(beta2m_mg_l=5.5)).value
    'III'
    >>> iss(Case(beta2m_mg_l=2.0)).missing
    ('albumin_g_dl/albumin_g_l',)
    """
    iii, one, checks, missing = _iss_parts(case)
    stage = _roman(float(iss_codes(tri(iii), tri(one))))
    details: dict[str, Any] = {"stage": stage, "points": None, **(ISS_OUTCOMES[stage] if stage else {})}
    summary = f"原始队列中位总生存期（OS）{ISS_OUTCOMES[stage]['median_os_months']} 个月" if stage else ""
    return RuleResult("iss", "ISS 分期", stage, tuple(checks), missing=missing if stage is None else (),
                      source="iss2005", summary=summary, details=details, shown=_stage_zh(stage))


def _ldh(case: Case) -> tuple[bool | None, Check]:
    if case.ldh_u_l is None or case.ldh_uln_u_l is None:
        return None, LDH_HIGH.check(None)
    ratio = case.ldh_u_l / case.ldh_uln_u_l
    return LDH_HIGH.test(ratio), LDH_HIGH.check(ratio, note=f"{fmt_number(case.ldh_u_l)} / "
                                                              f"{fmt_number(case.ldh_uln_u_l)} U/L")


def _fish_line(case: Case, name: str, label: str, source: str, note: str = "") -> Check:
    v = getattr(case, name)
    return info(f"{source}.{name}", label, {True: "阳性", False: "阴性", None: "未提供"}[v], source=source, note=note)


_LDH_MISSING = ("ldh_u_l", "ldh_uln_u_l")


def riss(case: Case) -> RuleResult:
    """Revised ISS (Palumbo 2015).

    >>> base = dict(beta2m_mg_l=6.0, albumin_g_dl=3.0, ldh_u_l=200, ldh_uln_u_l=200)
    >>> riss(Case(**base, del17p=False, t4_14=False, t14_16=False)).value   # ISS III, standard CA, LDH = ULN
    'II'
    >>> riss(Case(**base, t14_16=True)).value
    'III'
    """
    iii, one, checks, missing = _iss_parts(case)
    ca_high = k_or(case.del17p, case.t4_14, case.t14_16)
    ldh_high, ldh_check = _ldh(case)
    code = float(riss_codes(tri(iii), tri(one), tri(ca_high), tri(ldh_high)))
    stage = _roman(code)
    checks += [_fish_line(case, n, l, "riss2015") for n, l in
               (("del17p", "del(17p)"), ("t4_14", "t(4;14)"), ("t14_16", "t(14;16)"))]
    checks += [info("riss2015.ca", "高危细胞遗传学（任一阳性）",
                    {True: "是", False: "否", None: "无法判断"}[ca_high], source="riss2015"), ldh_check]
    if stage is None:
        missing += tuple(n for n in ("del17p", "t4_14", "t14_16") if getattr(case, n) is None)
        missing += _LDH_MISSING if ldh_high is None else ()
    details: dict[str, Any] = {"stage": stage, "points": None, "high_risk_ca": ca_high, "ldh_high": ldh_high,
                               **(RISS_OUTCOMES[stage] if stage else {})}
    summary = (f"原始队列 5 年总生存率（OS）{RISS_OUTCOMES[stage]['five_year_os_percent']}%" if stage else "")
    return RuleResult("riss", "R-ISS 分期", stage, tuple(checks), missing=missing if stage is None else (),
                      source="riss2015", summary=summary, details=details, shown=_stage_zh(stage))


def r2iss(case: Case) -> RuleResult:
    """Second revision of the ISS (D'Agostino 2022): additive points → groups I–IV.

    >>> r = r2iss(Case(beta2m_mg_l=4.0, albumin_g_dl=4.0, del17p=False, t4_14=True, gain_1q=True,
    ...                amp_1q=False, ldh_u_l=100, ldh_uln_u_l=250))
    >>> r.value, r.details["points"]   # ISS II 1 + t(4;14) 1 + 1q+ 0.5
    ('III', 2.5)
    >>> r2iss(Case(beta2m_mg_l=2.0, albumin_g_dl=4.0, del17p=False, t4_14=False, gain_1q=False,
    ...            ldh_u_l=100, ldh_uln_u_l=250)).value   # 'no 1q gain' on FISH: 1q+ absent
    'I'
    """
    iii, one, checks, missing = _iss_parts(case)
    ldh_high, ldh_check = _ldh(case)
    q1 = gain_1q_status(case)   # as in the cytogenetic rules: a FISH 'no 1q gain' excludes amplification too
    lo, hi = r2iss_range(tri(iii), tri(one), tri(case.del17p), tri(ldh_high), tri(case.t4_14), tri(q1))
    lo, hi = float(lo), float(hi)
    g_lo, g_hi = int(r2iss_group(lo)), int(r2iss_group(hi))
    stage = STAGES[g_lo - 1] if g_lo == g_hi else None
    points = lo if lo == hi else None
    iss_stage = _roman(float(iss_codes(tri(iii), tri(one))))
    iss_pts = {"I": 0.0, "II": R2ISS_POINTS["iss_ii"], "III": R2ISS_POINTS["iss_iii"]}.get(iss_stage or "", None)
    factor_values: dict[str, bool | None] = {"del17p": case.del17p, "ldh_high": ldh_high, "t4_14": case.t4_14,
                                             "gain_or_amp_1q": q1}
    checks.append(ldh_check)
    checks.append(info("r2iss2022.iss", f"ISS {iss_stage} 期计分" if iss_stage else "ISS 分期（未定）计分", iss_pts,
                       "分", source="r2iss2022"))
    labels = {"del17p": "del(17p) 计分", "ldh_high": "LDH 高于 ULN 计分", "t4_14": "t(4;14) 计分",
              "gain_or_amp_1q": f"{ONE_Q_ZH}计分"}
    for key, v in factor_values.items():
        pts = None if v is None else (R2ISS_POINTS[key] if v else 0.0)
        checks.append(info(f"r2iss2022.{key}", labels[key], pts, "分", source="r2iss2022"))
    checks.append(info("r2iss2022.t14_16", "t(14;16)", "R2-ISS 不计分", source="r2iss2022"))
    checks.append(info("r2iss2022.total", "R2-ISS 总分", points if points is not None else
                       f"{fmt_number(lo)}–{fmt_number(hi)}（部分因素未知）", "分" if points is not None else None,
                       source="r2iss2022"))
    if points is not None:
        checks += [t.check(points, "分", label=f"R2-ISS 总分（{STAGES[i + 1]} 组下限）")
                   for i, t in enumerate(R2ISS_GROUPS)]
    if stage is None:
        missing += tuple(n for n in ("del17p", "t4_14") if getattr(case, n) is None)
        missing += _LDH_MISSING if ldh_high is None else ()
        missing += ("gain_1q",) if q1 is None else ()
    details: dict[str, Any] = {"stage": stage, "points": points, "points_min": lo, "points_max": hi,
                               "factors": {"iss": iss_stage, **factor_values}, "outcomes_note": _R2ISS_OUTCOME_NOTE}
    summary = (f"总分 {fmt_number(points)}" if points is not None
               else f"总分可能为 {fmt_number(lo)}–{fmt_number(hi)}（部分因素未知）")
    return RuleResult("r2iss", "R2-ISS 分期", stage, tuple(checks), missing=missing if stage is None else (),
                      source="r2iss2022", summary=summary, details=details, shown=_stage_zh(stage))
