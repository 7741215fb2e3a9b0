"""Progression-risk models for MGUS and smoldering myeloma, and the published progression rates.

Three models, each a :class:`~mmlib.trace.RuleResult` whose ``value`` is the
group name and whose ``details`` hold ``score``, ``group``, ``factors`` and the
group's published outcome:

* :func:`smm_mayo2018` — Lakshman 2018 "20/2/20": BMPC **> 20 %**, serum
  M-protein **> 2 g/dL (> 20 g/L)**, involved/uninvolved FLC ratio **> 20**
  (all strict); 0 / 1 / ≥ 2 factors = low / intermediate / high, median time
  to progression 110 / 68 / 29 months.
* :func:`smm_imwg2020` — Mateos 2020 IMWG score (points below); 0–4 low,
  5–8 low-intermediate, 9–12 high-intermediate, > 12 high; 2-year progression
  3.8 / 26 / 51 / 73 %.
* :func:`mgus_mayo` — Rajkumar 2005: abnormal FLC ratio (< 0.26 or > 1.65),
  M-protein **≥ 1.5 g/dL (≥ 15 g/L)**, non-IgG isotype; 0 / 1 / 2 / 3 factors →
  20-year progression 5 / 21 / 37 / 58 % (2 / 10 / 18 / 27 % when death is
  taken as a competing risk).

Missing data.  A factor whose input is missing is *unknown*.  The model then
computes the lowest and the highest score the unknown factors allow; when
both fall in the same group the group is reported (the fields are still
listed in ``missing``), otherwise ``value`` is ``None``.  So a case with two
Mayo factors present is "high" whatever its third value is.

Comparisons are made in the unit given (M-protein in g/dL or g/L against the
published parallel value).  The FLC ratios come from :func:`mmlib.labs.flc_ratio`
(involved chain = the M-protein's ``light_chain`` if given, else the larger).

The progression-rate constants at the end (:data:`MGUS_ANNUAL_PROGRESSION`,
:data:`MGUS_ANNUAL_PROGRESSION_BY_TYPE`, :data:`SMM_PROGRESSION_PIECEWISE`)
are the figures the book's progression teaching model uses.

>>> from mmlib.case import Case
>>> r = smm_mayo2018(Case(bmpc_percent=25, m_protein_g_dl=2.5, flc_kappa_mg_l=100, flc_lambda_mg_l=10))
>>> r.value, r.details["score"], r.details["median_ttp_months"]
('high', 2, 29)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

from .case import Case, either_field
from .cytogenetics import EVENT_NAMES, ONE_Q_ZH, gain_1q_status
from .errors import InputError
from .labs import FLC_RATIO_HIGH, FLC_RATIO_LOW, flc_ratio
from .trace import Check, RuleResult, Threshold, fmt_number, info
from .tristate import k_or

__all__ = [
    "smm_mayo2018", "smm_imwg2020", "mgus_mayo",
    "GROUP_ZH",
    "MAYO2018_BMPC", "MAYO2018_M_PROTEIN", "MAYO2018_FLC_RATIO", "MAYO2018_GROUPS",
    "MAYO2018_MEDIAN_TTP_MONTHS", "MAYO2018_IMWG_VALIDATION_2Y_PERCENT",
    "IMWG2020_FLC_BANDS", "IMWG2020_M_PROTEIN_BANDS", "IMWG2020_BMPC_BANDS", "IMWG2020_FISH_POINTS",
    "IMWG2020_FISH_ABNORMALITIES", "IMWG2020_GROUPS", "IMWG2020_2Y_PROGRESSION_PERCENT", "IMWG2020_HAZARD_RATIO",
    "MGUS_M_PROTEIN", "MGUS_GROUPS", "MGUS_20Y_PROGRESSION_PERCENT", "MGUS_20Y_PROGRESSION_COMPETING_PERCENT",
    "ProgressionRate", "MGUS_ANNUAL_PROGRESSION", "MGUS_ANNUAL_PROGRESSION_BY_TYPE", "SMM_PROGRESSION_PIECEWISE",
    "cumulative_progression", "CRITERIA_TABLES", "TABLE_POINTS",
]

#: Chinese names of the risk groups.
GROUP_ZH: dict[str, str] = {"low": "低危", "intermediate": "中危", "low_intermediate": "低中危",
                            "high_intermediate": "中高危", "high": "高危"}

_M_FIELD = either_field("m_protein")
_FLC_FIELDS = (either_field("flc_kappa"), either_field("flc_lambda"))

# ----------------------------------------------------------------------------------
# Mayo 2018 "20/2/20" (Lakshman 2018)
# ----------------------------------------------------------------------------------
_MAYO = "mayo2018smm"
MAYO2018_BMPC = Threshold("mayo2018.bmpc", "骨髓克隆性浆细胞", ">", 20, "%", source=_MAYO)
MAYO2018_M_PROTEIN = Threshold("mayo2018.m_protein", "血清 M 蛋白", ">", 2, "g/dL", si=20, si_unit="g/L", source=_MAYO)
MAYO2018_FLC_RATIO = Threshold("mayo2018.flc_ratio", "受累/非受累游离轻链比值", ">", 20, source=_MAYO)
#: Groups by number of factors: the group starts where its threshold is met (the first has none).
MAYO2018_GROUPS: tuple[tuple[str, Threshold | None], ...] = (
    ("low", None),
    ("intermediate", Threshold("mayo2018.group.intermediate", "Mayo 2018 危险因素个数", "≥", 1, source=_MAYO)),
    ("high", Threshold("mayo2018.group.high", "Mayo 2018 危险因素个数", "≥", 2, source=_MAYO)),
)
#: Median time to progression (months) in the Mayo cohort (n = 417 with complete data).
MAYO2018_MEDIAN_TTP_MONTHS: dict[str, int] = {"low": 110, "intermediate": 68, "high": 29}
#: 2-year progression (%) of the 2/20/20 groups in the IMWG validation (Mateos 2020, 1,996 patients).
MAYO2018_IMWG_VALIDATION_2Y_PERCENT: dict[str, float] = {"low": 6, "intermediate": 18, "high": 44}

# ----------------------------------------------------------------------------------
# IMWG 2020 score (Mateos 2020)
# ----------------------------------------------------------------------------------
_IMWG = "imwg2020smm"


def _bands(key: str, zh: str, edges: Sequence[tuple[float, int]], unit: str = "",
           si: Sequence[float] | None = None, si_unit: str | None = None) -> tuple[tuple[Threshold, int], ...]:
    """Point bands written as the original table: a band starts *above* (``>``) its lower edge."""
    return tuple(
        (Threshold(f"imwg2020.{key}.gt{fmt_number(edge)}", zh, ">", edge, unit,
                   si=None if si is None else si[i], si_unit=si_unit, source=_IMWG), points)
        for i, (edge, points) in enumerate(edges))


#: FLC ratio 0–10 → 0; > 10–25 → 2; > 25–40 → 3; > 40 → 5.
IMWG2020_FLC_BANDS = _bands("flc_ratio", "受累/非受累游离轻链比值", ((10, 2), (25, 3), (40, 5)))
#: Serum M-protein 0–1.5 → 0; > 1.5–3 → 3; > 3 g/dL → 4 (15 and 30 g/L).
IMWG2020_M_PROTEIN_BANDS = _bands("m_protein", "血清 M 蛋白", ((1.5, 3), (3, 4)), "g/dL", si=(15, 30), si_unit="g/L")
#: Clonal BMPC 0–15 → 0; > 15–20 → 2; > 20–30 → 3; > 30–40 → 5; > 40 % → 6.
IMWG2020_BMPC_BANDS = _bands("bmpc", "骨髓克隆性浆细胞", ((15, 2), (20, 3), (30, 5), (40, 6)), "%")
#: Points for a FISH abnormality.
IMWG2020_FISH_POINTS = 2
#: The FISH abnormalities of the original model (Mateos 2020): t(4;14), t(14;16), +1q, del(13q)/monosomy 13.
IMWG2020_FISH_ABNORMALITIES: tuple[str, ...] = ("t4_14", "t14_16", "1q", "del13q")
IMWG2020_GROUPS: tuple[tuple[str, Threshold | None], ...] = (
    ("low", None),
    ("low_intermediate", Threshold("imwg2020.group.low_intermediate", "IMWG 2020 总分", ">", 4, source=_IMWG)),
    ("high_intermediate", Threshold("imwg2020.group.high_intermediate", "IMWG 2020 总分", ">", 8, source=_IMWG)),
    ("high", Threshold("imwg2020.group.high", "IMWG 2020 总分", ">", 12, source=_IMWG)),
)
#: 2-year progression (%) by group (n = 689 with complete data).
IMWG2020_2Y_PROGRESSION_PERCENT: dict[str, float] = {
    "low": 3.8, "low_intermediate": 26, "high_intermediate": 51, "high": 73}
#: Hazard ratios versus the low-risk group.
IMWG2020_HAZARD_RATIO: dict[str, float] = {
    "low": 1.0, "low_intermediate": 7.56, "high_intermediate": 17.3, "high": 31.9}

# ----------------------------------------------------------------------------------
# MGUS (Rajkumar 2005)
# ----------------------------------------------------------------------------------
_MGUS = "mayo2005mgus"
MGUS_M_PROTEIN = Threshold("mayo2005.m_protein", "血清 M 蛋白", "≥", 1.5, "g/dL", si=15, si_unit="g/L", source=_MGUS)
MGUS_GROUPS: tuple[tuple[str, Threshold | None], ...] = (
    ("low", None),
    ("low_intermediate", Threshold("mayo2005.group.low_intermediate", "MGUS 危险因素个数", "≥", 1, source=_MGUS)),
    ("high_intermediate", Threshold("mayo2005.group.high_intermediate", "MGUS 危险因素个数", "≥", 2, source=_MGUS)),
    ("high", Threshold("mayo2005.group.high", "MGUS 危险因素个数", "≥", 3, source=_MGUS)),
)
#: Absolute risk of progression at 20 years (%).
MGUS_20Y_PROGRESSION_PERCENT: dict[str, float] = {
    "low": 5, "low_intermediate": 21, "high_intermediate": 37, "high": 58}
#: The same, accounting for death as a competing risk (%).
MGUS_20Y_PROGRESSION_COMPETING_PERCENT: dict[str, float] = {
    "low": 2, "low_intermediate": 10, "high_intermediate": 18, "high": 27}


# ----------------------------------------------------------------------------------
# the tables the book prints (checked against the pages by tests/site/test_criteria_tables.py)
# ----------------------------------------------------------------------------------
def _cuts(*bands: tuple[tuple[Threshold, int], ...]) -> tuple[Threshold, ...]:
    return tuple(t for band in bands for t, _ in band)


#: The cut-offs each risk table of the book prints.
CRITERIA_TABLES: dict[str, tuple[Threshold, ...]] = {
    "smm_mayo2018": (MAYO2018_BMPC, MAYO2018_M_PROTEIN, MAYO2018_FLC_RATIO),
    "smm_imwg2020": _cuts(IMWG2020_FLC_BANDS, IMWG2020_M_PROTEIN_BANDS, IMWG2020_BMPC_BANDS)
    + tuple(t for _, t in IMWG2020_GROUPS if t is not None),
    "mgus_mayo": (FLC_RATIO_LOW, FLC_RATIO_HIGH, MGUS_M_PROTEIN),
}
#: The points a scored table prints (IMWG 2020: the points of each band and of a FISH abnormality).
TABLE_POINTS: dict[str, dict[str, float]] = {
    "smm_imwg2020": {
        **{f"{t.key}.points": p for t, p in IMWG2020_FLC_BANDS + IMWG2020_M_PROTEIN_BANDS + IMWG2020_BMPC_BANDS},
        "imwg2020.fish.points": IMWG2020_FISH_POINTS,
    },
}


# ----------------------------------------------------------------------------------
# the shared scoring engine
# ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Factor:
    """One scored factor: its points (``None`` = unknown), the most it could score, its trace."""

    name: str
    points: int | None
    max_points: int
    checks: tuple[Check, ...]
    missing: tuple[str, ...] = ()


def _binary(name: str, checks: Sequence[Check], missing: tuple[str, ...], points: int = 1) -> _Factor:
    """A factor that scores ``points`` when any of its checks is met (Kleene "or")."""
    hit = k_or(*(c.verdict for c in checks))
    if hit is None:
        return _Factor(name, None, points, tuple(checks), missing)
    return _Factor(name, points * hit, points, tuple(checks))


def _banded(name: str, value: float | None, unit: str | None, bands: tuple[tuple[Threshold, int], ...],
            missing: tuple[str, ...]) -> _Factor:
    """Points of the highest band whose lower edge is exceeded; the trace shows the two edges around the value."""
    top = max(p for _, p in bands)
    if value is None:
        return _Factor(name, None, top, (bands[0][0].check(None),), missing)
    passed = [i for i, (t, _) in enumerate(bands) if t.test(value, unit)]
    points = bands[passed[-1]][1] if passed else 0
    shown = ([passed[-1]] if passed else []) + ([len(passed)] if len(passed) < len(bands) else [])
    checks = tuple(bands[i][0].check(value, unit, note=f"本项得 {points} 分") for i in shown)
    return _Factor(name, points, top, checks)


def _group_of(score: float, groups: tuple[tuple[str, Threshold | None], ...]) -> str:
    return [name for name, t in groups if t is None or t.test(score)][-1]


def _group_checks(score: float, groups: tuple[tuple[str, Threshold | None], ...], which: str = "") -> list[Check]:
    return [t.check(score, label=f"{t.zh}（{which}）" if which else None) for _, t in groups if t is not None]


def _grouped(name: str, label: str, source: str, factors: Sequence[_Factor],
             groups: tuple[tuple[str, Threshold | None], ...], outcomes: dict[str, dict[str, float]],
             extra: dict[str, Any] | None = None) -> RuleResult:
    """Sum the factors, place the score in a group and attach the group's outcomes."""
    low = sum(f.points or 0 for f in factors)
    high = sum(f.max_points if f.points is None else f.points for f in factors)
    missing = tuple(dict.fromkeys(m for f in factors for m in f.missing))
    checks = [c for f in factors for c in f.checks]
    g_low, g_high = _group_of(low, groups), _group_of(high, groups)
    group = g_low if g_low == g_high else None
    if not missing:
        checks += _group_checks(low, groups)
        summary = f"总分 {fmt_number(low)}"
    else:
        checks.append(info(f"{name}.score_range", "可能的总分范围（缺失项取最低/最高分）",
                           f"{fmt_number(low)}–{fmt_number(high)}", source=source))
        checks += _group_checks(low, groups, "最低可能值") + _group_checks(high, groups, "最高可能值")
        summary = (f"部分数据缺失，但总分 {fmt_number(low)}–{fmt_number(high)} 均属{GROUP_ZH[group]}" if group
                   else f"数据缺失，总分可能为 {fmt_number(low)}–{fmt_number(high)}，跨越不同分组，无法判断")
    details: dict[str, Any] = {
        "score": low if not missing else None,
        "score_range": [low, high],
        "group": group,
        "factors": {f.name: f.points for f in factors},
        **(extra or {}),
    }
    for key, table in outcomes.items():
        details[key] = None if group is None else table[group]
    return RuleResult(name, label, group, tuple(checks), missing, source=source, summary=summary, details=details,
                      shown=None if group is None else GROUP_ZH[group])


def _m_protein(case: Case) -> tuple[float | None, str | None]:
    m = case.measured("m_protein")
    return (None, None) if m is None else (m.value, m.unit)


def _flc(case: Case, key: str) -> float | None:
    return flc_ratio(case).details.get(key)


# ----------------------------------------------------------------------------------
# the three models
# ----------------------------------------------------------------------------------
def smm_mayo2018(case: Case) -> RuleResult:
    """Mayo 2018 "20/2/20" SMM risk (Lakshman 2018); strict inequalities.

    >>> smm_mayo2018(Case(bmpc_percent=20, m_protein_g_l=20, flc_kappa_mg_l=200, flc_lambda_mg_l=10)).value
    'low'
    >>> r = smm_mayo2018(Case(bmpc_percent=20.1, m_protein_g_dl=2.1))
    >>> r.value, r.missing, r.details["score_range"]
    ('high', ('flc_kappa_mg_l/flc_kappa_mg_dl', 'flc_lambda_mg_l/flc_lambda_mg_dl'), [2, 3])
    >>> smm_mayo2018(Case(bmpc_percent=25)).value is None
    True
    """
    m, unit = _m_protein(case)
    factors = [
        _binary("bmpc", [MAYO2018_BMPC.check(case.bmpc_percent)], ("bmpc_percent",)),
        _binary("m_protein", [MAYO2018_M_PROTEIN.check(m, unit)], (_M_FIELD,)),
        _binary("flc_ratio", [MAYO2018_FLC_RATIO.check(_flc(case, "involved_uninvolved"))], _FLC_FIELDS),
    ]
    return _grouped("smm_mayo2018", "SMM 危险分层（Mayo 2018 “20/2/20”）", _MAYO, factors, MAYO2018_GROUPS,
                    {"median_ttp_months": MAYO2018_MEDIAN_TTP_MONTHS,
                     "imwg_validation_2y_progression_percent": MAYO2018_IMWG_VALIDATION_2Y_PERCENT})


def _fish_factor(case: Case) -> _Factor:
    one_q = gain_1q_status(case)
    values = {f: (one_q if f == "1q" else getattr(case, f)) for f in IMWG2020_FISH_ABNORMALITIES}
    checks = [Check(f"imwg2020.fish.{f}", ONE_Q_ZH if f == "1q" else EVENT_NAMES[f], v, None, None, None,
                    v, _IMWG, f"本项得 {IMWG2020_FISH_POINTS} 分" if v else "") for f, v in values.items()]
    missing = tuple("gain_1q" if f == "1q" else f for f, v in values.items() if v is None)
    return _binary("fish_abnormality", checks, missing, IMWG2020_FISH_POINTS)


def smm_imwg2020(case: Case) -> RuleResult:
    """IMWG 2020 SMM risk score (Mateos 2020).

    Band edges follow the original table: each band starts *above* its lower
    edge ("0–10, >10–25, >25–40, >40"), so a value exactly on an edge scores
    the lower band (FLC ratio 10 → 0 points, 25 → 2, 40 → 3; M-protein
    1.5 g/dL → 0, 3 → 3; BMPC 15 → 0, 20 → 2, 30 → 3, 40 → 5).  The Rajkumar
    2022 review prints integer bands ("11–25", "1.6–2.9") that leave values
    such as 25.5 or 3.0 undefined and is not used for the edges.

    *FISH list.*  The model uses the abnormalities it was fitted with in the
    original paper: t(4;14), t(14;16), +1q and del(13q)/monosomy 13.  The
    Rajkumar 2022 review lists del(17p), t(4;14), 1q gain and del(13)
    instead; del(17p) was not one of the model's variables, so adding it would
    change the model rather than apply it.  A case whose only abnormality is
    del(17p) therefore scores 0 FISH points here (the trace lists the four
    abnormalities that count).

    >>> r = smm_imwg2020(Case(flc_kappa_mg_l=300, flc_lambda_mg_l=10, m_protein_g_dl=2.0, bmpc_percent=25,
    ...                       t4_14=False, t14_16=False, gain_1q=True, del13q=False))
    >>> r.details["factors"], r.details["score"], r.value, r.details["progression_2y_percent"]
    ({'flc_ratio': 3, 'm_protein': 3, 'bmpc': 3, 'fish_abnormality': 2}, 11, 'high_intermediate', 51)
    """
    m, unit = _m_protein(case)
    factors = [
        _banded("flc_ratio", _flc(case, "involved_uninvolved"), None, IMWG2020_FLC_BANDS, _FLC_FIELDS),
        _banded("m_protein", m, unit, IMWG2020_M_PROTEIN_BANDS, (_M_FIELD,)),
        _banded("bmpc", case.bmpc_percent, None, IMWG2020_BMPC_BANDS, ("bmpc_percent",)),
        _fish_factor(case),
    ]
    return _grouped("smm_imwg2020", "SMM 危险评分（IMWG 2020）", _IMWG, factors, IMWG2020_GROUPS,
                    {"progression_2y_percent": IMWG2020_2Y_PROGRESSION_PERCENT,
                     "hazard_ratio": IMWG2020_HAZARD_RATIO})


def mgus_mayo(case: Case) -> RuleResult:
    """Mayo MGUS progression-risk model (Rajkumar 2005).

    Factors: κ/λ outside 0.26–1.65 (both ends normal; the standard range of
    the paper, not the renal range), M-protein ≥ 1.5 g/dL (≥ 15 g/L), non-IgG
    isotype.  The model was built on heavy-chain MGUS; for ``isotype =
    "light_chain"`` it is not applicable (``value`` None, ``details
    ["applicable"]`` False).  The fact sheet notes one secondary source's
    "> 1.5 g/dL"; the original and its validations use ≥.

    >>> r = mgus_mayo(Case(isotype="IgA", m_protein_g_l=15, flc_kappa_mg_l=16.6, flc_lambda_mg_l=10))
    >>> r.value, r.details["score"], r.details["progression_20y_percent"]
    ('high', 3, 58)
    >>> mgus_mayo(Case(isotype="IgG", m_protein_g_dl=1.49, flc_kappa_mg_l=2.6, flc_lambda_mg_l=10)).value
    'low'
    >>> mgus_mayo(Case(isotype="light_chain")).details["applicable"]
    False
    """
    label = "MGUS 进展风险（Mayo 2005）"
    if case.isotype == "light_chain":
        return RuleResult("mgus_mayo", label, None, source=_MGUS, details={"applicable": False},
                          summary="该模型建立于有重链 M 蛋白的 MGUS，不适用于轻链型 MGUS")
    m, unit = _m_protein(case)
    ratio = _flc(case, "kappa_lambda")
    iso = None if case.isotype is None else case.isotype != "IgG"
    factors = [
        _binary("abnormal_flc_ratio", [FLC_RATIO_LOW.check(ratio, label="κ/λ 比值"),
                                       FLC_RATIO_HIGH.check(ratio, label="κ/λ 比值")], _FLC_FIELDS),
        _binary("m_protein", [MGUS_M_PROTEIN.check(m, unit)], (_M_FIELD,)),
        _binary("non_igg", [Check("mayo2005.isotype", "M 蛋白类型为非 IgG", case.isotype, None, None, None, iso,
                                  _MGUS)], ("isotype",)),
    ]
    return _grouped("mgus_mayo", label, _MGUS, factors, MGUS_GROUPS,
                    {"progression_20y_percent": MGUS_20Y_PROGRESSION_PERCENT,
                     "progression_20y_competing_percent": MGUS_20Y_PROGRESSION_COMPETING_PERCENT},
                    extra={"applicable": True})


# ----------------------------------------------------------------------------------
# progression rates for the teaching model
# ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class ProgressionRate:
    """A published progression rate: ``per_year`` (a fraction, 0.01 = 1 %/year) over years
    ``start_year``–``end_year`` of follow-up (``end_year=None``: open-ended).

    ``subject`` names who progresses; :attr:`zh` renders the rate in Chinese from the numbers.

    >>> first = SMM_PROGRESSION_PIECEWISE[0]
    >>> first.per_year, first.start_year, first.end_year, first.source
    (0.1, 0, 5, 'kyle2007smm')
    >>> [r.zh for r in SMM_PROGRESSION_PIECEWISE]
    ['SMM 前 5 年每年约 10%', 'SMM 第 5–10 年每年约 3%', 'SMM 10 年后每年约 1%']
    >>> MGUS_ANNUAL_PROGRESSION_BY_TYPE["igm"].zh
    'IgM 型 MGUS 每年约 1.5%'
    """

    per_year: float
    start_year: float
    end_year: float | None
    source: str
    subject: str

    @property
    def zh(self) -> str:
        """The rate in Chinese, rendered from ``per_year`` and the years (never typed by hand)."""
        start, end = fmt_number(self.start_year), None if self.end_year is None else fmt_number(self.end_year)
        if self.start_year == 0:
            when = "" if end is None else f"前 {end} 年"
        else:
            when = f"{start} 年后" if end is None else f"第 {start}–{end} 年"
        return f"{self.subject} {when}每年约 {fmt_number(self.per_year * 100)}%"


#: MGUS progresses to myeloma or a related disorder (plasma-cell or lymphoid) at about 1 % per year (Kyle 2002;
#: a Mayo cohort of 1384 patients, mostly IgG and IgA).
MGUS_ANNUAL_PROGRESSION = ProgressionRate(0.01, 0, None, "kyle2002mgus", "MGUS")
#: Rates by MGUS type, each from the primary cohort that printed it: IgM MGUS to lymphoma or a related disorder
#: about 1.5 %/year (Kyle 2003); light-chain MGUS about 0.3 per 100 person-years (Dispenzieri 2010).  No primary
#: source prints a separate non-IgM rate, so none is given (the overall 1 %/year is mostly non-IgM MGUS).
MGUS_ANNUAL_PROGRESSION_BY_TYPE: dict[str, ProgressionRate] = {
    "igm": ProgressionRate(0.015, 0, None, "kyle2003igm", "IgM 型 MGUS"),
    "light_chain": ProgressionRate(0.003, 0, None, "dispenzieri2010", "轻链型 MGUS"),
}
#: SMM (Kyle 2007): ~10 %/year for the first 5 years, ~3 %/year for the next 5, ~1 %/year after.
#: Kyle reported these as yearly increments of the *cumulative* probability of progression
#: (share of the original cohort), not as constant hazards; :func:`cumulative_progression` adds them up.
SMM_PROGRESSION_PIECEWISE: tuple[ProgressionRate, ...] = (
    ProgressionRate(0.10, 0, 5, "kyle2007smm", "SMM"),
    ProgressionRate(0.03, 5, 10, "kyle2007smm", "SMM"),
    ProgressionRate(0.01, 10, None, "kyle2007smm", "SMM"),
)


def cumulative_progression(rates: ProgressionRate | Sequence[ProgressionRate], years: float) -> float:
    """Cumulative probability of progression after ``years``, adding the yearly increments (capped at 1).

    >>> round(cumulative_progression(SMM_PROGRESSION_PIECEWISE, 5), 4), round(cumulative_progression(
    ...     SMM_PROGRESSION_PIECEWISE, 10), 4), round(cumulative_progression(SMM_PROGRESSION_PIECEWISE, 15), 4)
    (0.5, 0.65, 0.7)
    >>> round(cumulative_progression(MGUS_ANNUAL_PROGRESSION, 20), 4)
    0.2
    >>> cumulative_progression(MGUS_ANNUAL_PROGRESSION, -1)
    Traceback (most recent call last):
    ...
    mmlib.errors.InputError: 字段 years 的值 -1 无效：应为 ≥ 0 的年数。 / Invalid value -1 for field years: expected a number of years ≥ 0.
    """
    if isinstance(years, bool) or not isinstance(years, (int, float)) or not years >= 0:
        raise InputError("years", years, "≥ 0 的年数", en_expected="a number of years ≥ 0")
    pieces = (rates,) if isinstance(rates, ProgressionRate) else tuple(rates)
    total = 0.0
    for r in pieces:
        end = years if r.end_year is None else min(years, r.end_year)
        total += r.per_year * max(0.0, end - r.start_year)
    return min(total, 1.0)
