"""疾病进展：simulated MGUS and SMM cohorts from the published progression figures.

Every published figure is imported from :mod:`mmlib.risk` (defined once in the
library); this module only turns them into hazards, simulates cohorts and
compares the simulation with the analytic curve ``F(t) = 1 − exp(−Λ(t))``.

How each figure becomes a hazard (the conversion is a modelling choice and is
stated for each):

* **MGUS ≈ 1 %/year** to myeloma or a related (plasma-cell or lymphoid)
  disorder (Kyle 2002); by type, IgM MGUS ≈ 1.5 %/year to lymphoma or a
  related disorder (Kyle 2003) and light-chain MGUS ≈ 0.3 %/year (Dispenzieri
  2010): read as an *annual probability* ``p``, so the constant hazard is
  ``λ = −ln(1 − p)``.
* **SMM 10 %/year for 5 years, 3 %/year for the next 5, 1 %/year after**
  (Kyle 2007): Kyle's figures are yearly increments of the *cumulative*
  probability (51 % at 5 years, 66 % at 10).  The default
  ``convention='cumulative'`` uses the piecewise-constant hazard that
  reproduces that cumulative curve at 5, 10 and 20 years exactly;
  ``convention='hazard'`` reads the numbers naively as hazards (only 39 % at
  5 years) — the notebook shows the difference.
* **Mayo 2018 groups**: exponential with ``λ = ln 2 / median TTP``
  (110 / 68 / 29 months), so the analytic median equals the published median
  by construction.
* **IMWG 2020 groups**: exponential through the published 2-year risk,
  ``λ = −ln(1 − p₂)/2``.
* **Mayo MGUS groups**: exponential through the published 20-year risk.

Death as a competing risk (illustrative): a constant death hazard ``μ``;
:func:`calibrate_death_hazard` fits ``μ`` so the analytic cumulative incidence
comes close to the Mayo MGUS figures that account for death (2 / 10 / 18 / 27 %
at 20 years).  Ignoring death (Kaplan–Meier with deaths censored) estimates
``1 − exp(−Λ)``, which overstates how many patients will actually progress.

>>> h = mayo2018_hazard("high")
>>> round(h.median_years * 12, 6)
29.0
>>> round(smm_kyle_hazard().cdf(5.0), 6), round(smm_kyle_hazard(convention="hazard").cdf(5.0), 3)
(0.5, 0.393)
>>> cohort = simulate_cohort(mgus_hazard(), 20_000, seed=1)
>>> bool(abs(kaplan_meier(cohort, [10.0])[0] - mgus_hazard().cdf(10.0)) < 0.01)
True

Teaching material, not clinical advice.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal, Sequence

import numpy as np
from scipy.optimize import minimize_scalar

from .. import risk
from ..errors import InputError
from ._common import Parameter, check_range, make_rng

__all__ = [
    "PiecewiseHazard", "Cohort", "PARAMETERS",
    "mgus_hazard", "smm_kyle_hazard", "mayo2018_hazard", "imwg2020_hazard", "mgus_mayo_hazard",
    "simulate_cohort", "kaplan_meier", "cumulative_incidence", "analytic_cif_competing",
    "binomial_band", "calibrate_death_hazard",
]

#: Horizon (years) used to fit the open-ended last piece of Kyle's SMM curve.
SMM_FIT_HORIZON_YEARS = 20.0

PARAMETERS: tuple[Parameter, ...] = (
    Parameter("MGUS_ANNUAL_PROGRESSION", risk.MGUS_ANNUAL_PROGRESSION.per_year, "/年",
              "MGUS 进展为骨髓瘤或相关疾病的年进展率", "kyle2002mgus", "按年概率换算为风险率 λ = −ln(1 − p)"),
    *(Parameter(f"MGUS_ANNUAL_PROGRESSION_BY_TYPE['{kind}']", rate.per_year, "/年", f"{rate.subject}年进展率",
                rate.source) for kind, rate in risk.MGUS_ANNUAL_PROGRESSION_BY_TYPE.items()),
    Parameter("SMM_PROGRESSION_PIECEWISE", "0.10 / 0.03 / 0.01", "/年", "SMM 前 5 年 / 第 5–10 年 / 10 年后",
              "kyle2007smm", "默认按累积发生率增量解释"),
    Parameter("MAYO2018_MEDIAN_TTP_MONTHS", "110 / 68 / 29", "月", "Mayo 2018 低 / 中 / 高危中位进展时间",
              "mayo2018smm", "指数分布 λ = ln2 / 中位数"),
    Parameter("IMWG2020_2Y_PROGRESSION_PERCENT", "3.8 / 26 / 51 / 73", "%", "IMWG 2020 四组 2 年进展率",
              "imwg2020smm", "指数分布过 2 年点"),
    Parameter("MGUS_20Y_PROGRESSION_PERCENT", "5 / 21 / 37 / 58", "%", "Mayo MGUS 四组 20 年进展风险",
              "mayo2005mgus", "指数分布过 20 年点"),
    Parameter("death_rate", "拟合值（约 0.103）", "/年", "恒定死亡风险率（竞争风险）", "illustrative",
              "拟合到 Rajkumar 2005 计入死亡的 2/10/18/27%"),
)


@dataclass(frozen=True)
class PiecewiseHazard:
    """A piecewise-constant hazard: ``rates[k]`` (per year) from ``starts[k]`` to the next start
    (the last piece is open-ended).

    >>> h = PiecewiseHazard((0.0, 5.0), (0.1, 0.05), "demo")
    >>> round(h.cumulative_hazard(7.0), 6)
    0.6
    """

    starts: tuple[float, ...]
    rates: tuple[float, ...]
    label: str = ""

    def __post_init__(self) -> None:
        if len(self.starts) != len(self.rates) or not self.starts or self.starts[0] != 0.0 \
                or list(self.starts) != sorted(set(self.starts)):
            raise InputError("starts", self.starts, "从 0 开始严格递增、与 rates 等长",
                             en_expected="strictly increasing, starting at 0, same length as rates")
        for r in self.rates:
            check_range("rate", r, 0.0, None)

    def cumulative_hazard(self, t: float | np.ndarray) -> float | np.ndarray:
        """Λ(t) = ∫₀ᵗ h(s) ds."""
        tt = np.asarray(t, dtype=float)
        ends = list(self.starts[1:]) + [np.inf]
        lam = np.zeros_like(tt)
        for a, b, r in zip(self.starts, ends, self.rates):
            lam = lam + r * np.clip(np.minimum(tt, b) - a, 0.0, None)
        return float(lam) if lam.ndim == 0 else lam

    def cdf(self, t: float | np.ndarray) -> float | np.ndarray:
        """Probability of progression by time t (no competing risk): 1 − exp(−Λ(t))."""
        out = -np.expm1(-np.asarray(self.cumulative_hazard(t)))
        return float(out) if np.ndim(out) == 0 else out

    def inverse_cumulative_hazard(self, e: np.ndarray) -> np.ndarray:
        """The time at which Λ reaches ``e`` (``inf`` if it never does)."""
        e = np.asarray(e, dtype=float)
        out = np.full(e.shape, np.inf)
        lam_start = 0.0
        ends = list(self.starts[1:]) + [np.inf]
        for a, b, r in zip(self.starts, ends, self.rates):
            if r <= 0:
                continue  # Λ is flat here: no event time falls inside this piece
            lam_end = lam_start + r * (b - a) if np.isfinite(b) else np.inf
            m = (e >= lam_start) & (e <= lam_end) & np.isinf(out)
            out[m] = a + (e[m] - lam_start) / r
            lam_start = lam_end
        return out

    @property
    def median_years(self) -> float:
        """The time at which F = 1/2 (``inf`` if never reached).

        >>> round(PiecewiseHazard((0.0,), (math.log(2) / 3,)).median_years, 6)
        3.0
        """
        return float(self.inverse_cumulative_hazard(np.array([math.log(2)]))[0])

    def sample(self, n: int, rng: np.random.Generator) -> np.ndarray:
        """n event times by inversion: T = Λ⁻¹(E) with E ~ Exp(1)."""
        return self.inverse_cumulative_hazard(rng.exponential(1.0, size=n))


def _rate_from_annual_probability(p: float) -> float:
    return -math.log1p(-p)


def mgus_hazard(kind: Literal["all", "igm", "light_chain"] = "all") -> PiecewiseHazard:
    """Constant hazard for MGUS (Kyle 2002 overall, Kyle 2003 for IgM, Dispenzieri 2010 for light-chain MGUS).

    >>> round(mgus_hazard().rates[0], 6)
    0.01005
    """
    if kind == "all":
        rate = risk.MGUS_ANNUAL_PROGRESSION
    elif kind in risk.MGUS_ANNUAL_PROGRESSION_BY_TYPE:
        rate = risk.MGUS_ANNUAL_PROGRESSION_BY_TYPE[kind]
    else:
        raise InputError("kind", kind, "'all'、" + "、".join(risk.MGUS_ANNUAL_PROGRESSION_BY_TYPE),
                         en_expected="'all', " + ", ".join(risk.MGUS_ANNUAL_PROGRESSION_BY_TYPE))
    zh = {"all": "全部", "igm": "IgM 型", "light_chain": "轻链型"}[kind]
    return PiecewiseHazard((0.0,), (_rate_from_annual_probability(rate.per_year),), f"MGUS（{zh}）")


def smm_kyle_hazard(convention: Literal["cumulative", "hazard"] = "cumulative") -> PiecewiseHazard:
    """Piecewise-constant hazard for SMM from Kyle 2007.

    ``'cumulative'``: hazards chosen so that F(t) equals
    :func:`mmlib.risk.cumulative_progression` at the knots 5, 10 and 20 years;
    ``'hazard'``: the quoted yearly rates used directly as hazards.

    >>> [round(r, 4) for r in smm_kyle_hazard().rates]
    [0.1386, 0.0713, 0.0336]
    """
    pieces = risk.SMM_PROGRESSION_PIECEWISE
    starts = tuple(float(p.start_year) for p in pieces)
    if convention == "hazard":
        return PiecewiseHazard(starts, tuple(p.per_year for p in pieces), "SMM（Kyle 2007，按风险率）")
    if convention != "cumulative":
        raise InputError("convention", convention, "'cumulative' 或 'hazard'", en_expected="'cumulative' or 'hazard'")
    knots = [p.end_year if p.end_year is not None else SMM_FIT_HORIZON_YEARS for p in pieces]
    rates, prev_t, prev_f = [], 0.0, 0.0
    for t in knots:
        f = risk.cumulative_progression(pieces, t)
        rates.append(math.log((1 - prev_f) / (1 - f)) / (t - prev_t))
        prev_t, prev_f = t, f
    return PiecewiseHazard(starts, tuple(rates), "SMM（Kyle 2007，按累积发生率）")


def mayo2018_hazard(group: str) -> PiecewiseHazard:
    """Exponential hazard through the Mayo 2018 median TTP of ``group`` ('low', 'intermediate', 'high').

    >>> round(mayo2018_hazard("low").median_years, 4)
    9.1667
    """
    if group not in risk.MAYO2018_MEDIAN_TTP_MONTHS:
        raise InputError("group", group, "、".join(risk.MAYO2018_MEDIAN_TTP_MONTHS),
                         en_expected=", ".join(risk.MAYO2018_MEDIAN_TTP_MONTHS))
    median = risk.MAYO2018_MEDIAN_TTP_MONTHS[group] / 12.0
    return PiecewiseHazard((0.0,), (math.log(2) / median,), f"Mayo 2018 {risk.GROUP_ZH.get(group, group)}")


def _hazard_through(table: dict[str, float], group: str, years: float, label: str) -> PiecewiseHazard:
    """Constant hazard whose cumulative incidence at ``years`` is ``table[group]`` per cent."""
    if group not in table:
        raise InputError("group", group, "、".join(table), en_expected=", ".join(table))
    p = table[group] / 100.0
    return PiecewiseHazard((0.0,), (-math.log1p(-p) / years,), f"{label} {risk.GROUP_ZH.get(group, group)}")


def imwg2020_hazard(group: str) -> PiecewiseHazard:
    """Exponential hazard through the IMWG 2020 2-year progression of ``group``.

    >>> round(imwg2020_hazard("high").cdf(2.0), 6)
    0.73
    """
    return _hazard_through(risk.IMWG2020_2Y_PROGRESSION_PERCENT, group, 2.0, "IMWG 2020")


def mgus_mayo_hazard(group: str) -> PiecewiseHazard:
    """Exponential hazard through the Mayo MGUS 20-year risk of ``group``.

    >>> round(mgus_mayo_hazard("high").cdf(20.0), 6)
    0.58
    """
    return _hazard_through(risk.MGUS_20Y_PROGRESSION_PERCENT, group, 20.0, "Mayo MGUS")


@dataclass(frozen=True)
class Cohort:
    """Simulated patients: observed ``time`` (years) and ``event`` (1 progression, 2 death, 0 censored)."""

    time: np.ndarray
    event: np.ndarray

    @property
    def n(self) -> int:
        """Number of patients."""
        return int(self.time.size)


def simulate_cohort(hazard: PiecewiseHazard, n: int, *, seed: int | np.random.Generator | None = 0,
                    death_rate: float = 0.0, follow_up_years: float = 30.0) -> Cohort:
    """Simulate ``n`` patients: progression time from ``hazard``, death time ~ Exp(death_rate),
    administrative censoring at ``follow_up_years``.

    >>> c = simulate_cohort(mayo2018_hazard("high"), 1000, seed=0, follow_up_years=5)
    >>> sorted(set(c.event.tolist()))
    [0, 1]
    """
    m = int(check_range("n", n, 1, 10_000_000))
    mu = check_range("death_rate", death_rate, 0.0, 10.0, unit="/年")
    fu = check_range("follow_up_years", follow_up_years, 0.0, 200.0, lo_open=True, unit="年")
    rng = make_rng(seed)
    t_prog = hazard.sample(m, rng)
    t_death = rng.exponential(1.0 / mu, size=m) if mu > 0 else np.full(m, np.inf)
    time = np.minimum(np.minimum(t_prog, t_death), fu)
    event = np.where(time == t_prog, 1, np.where(time == t_death, 2, 0))
    return Cohort(time=time, event=event.astype(int))


def kaplan_meier(cohort: Cohort, times: Sequence[float] | np.ndarray) -> np.ndarray:
    """1 − KM survival for progression, treating deaths and censoring as censored.

    Without competing risks this estimates 1 − exp(−Λ(t)); with deaths it
    estimates the same *hypothetical* quantity (progression if nobody died).
    """
    t, ev = cohort.time, cohort.event
    order = np.argsort(t, kind="stable")
    t, ev = t[order], ev[order]
    uniq, first = np.unique(t, return_index=True)
    n_at_risk = t.size - first
    d = np.add.reduceat((ev == 1).astype(int), first)
    surv = np.cumprod(1.0 - d / n_at_risk)
    idx = np.searchsorted(uniq, np.asarray(times, dtype=float), side="right") - 1
    return np.where(idx >= 0, 1.0 - surv[np.clip(idx, 0, None)], 0.0)


def cumulative_incidence(cohort: Cohort, times: Sequence[float] | np.ndarray, cause: int = 1) -> np.ndarray:
    """Aalen–Johansen cumulative incidence of ``cause`` with the other cause competing.

    CIF(t) = Σ_{tᵢ ≤ t} S(tᵢ−)·dᵢ/nᵢ, where S is the all-cause KM survival.
    """
    t, ev = cohort.time, cohort.event
    order = np.argsort(t, kind="stable")
    t, ev = t[order], ev[order]
    uniq, first = np.unique(t, return_index=True)
    n_at_risk = t.size - first
    d_cause = np.add.reduceat((ev == cause).astype(int), first)
    d_any = np.add.reduceat((ev != 0).astype(int), first)
    surv = np.cumprod(1.0 - d_any / n_at_risk)
    surv_before = np.concatenate([[1.0], surv[:-1]])
    cif = np.cumsum(surv_before * d_cause / n_at_risk)
    idx = np.searchsorted(uniq, np.asarray(times, dtype=float), side="right") - 1
    return np.where(idx >= 0, cif[np.clip(idx, 0, None)], 0.0)


def analytic_cif_competing(hazard: PiecewiseHazard, death_rate: float,
                           times: Sequence[float] | np.ndarray) -> np.ndarray:
    """Analytic cumulative incidence of progression with a constant competing death hazard μ.

    Piece by piece: CIF += S(a)·λ/(λ+μ)·(1 − e^{−(λ+μ)(min(t,b)−a)}), S(a) = e^{−Λ(a) − μa}.
    With μ = 0 it reduces to 1 − exp(−Λ(t)).

    >>> h = mgus_hazard()
    >>> bool(abs(analytic_cif_competing(h, 0.0, [10.0])[0] - h.cdf(10.0)) < 1e-12)
    True
    """
    mu = check_range("death_rate", death_rate, 0.0, 10.0, unit="/年")
    tt = np.asarray(times, dtype=float)
    out = np.zeros_like(tt)
    ends = list(hazard.starts[1:]) + [np.inf]
    for a, b, lam in zip(hazard.starts, ends, hazard.rates):
        s_a = math.exp(-float(hazard.cumulative_hazard(a)) - mu * a)
        span = np.clip(np.minimum(tt, b) - a, 0.0, None)
        tot = lam + mu
        if tot > 0:
            out = out + s_a * lam / tot * -np.expm1(-tot * span)
    return out


def binomial_band(p: np.ndarray | float, n: int, z: float = 4.0) -> np.ndarray:
    """Half-width z·√(p(1−p)/n) of a binomial confidence band around probabilities ``p``.

    >>> round(float(binomial_band(0.5, 10_000, 2.0)), 4)
    0.01
    """
    pp = np.asarray(p, dtype=float)
    return z * np.sqrt(pp * (1 - pp) / n)


def calibrate_death_hazard(horizon_years: float = 20.0) -> float:
    """Constant death hazard (per year) that best reproduces the Mayo MGUS 20-year risks
    *accounting for death* (least squares over the four groups), given the
    exponential progression hazards of :func:`mgus_mayo_hazard`.

    >>> round(calibrate_death_hazard(), 3)
    0.103
    """
    groups = list(risk.MGUS_20Y_PROGRESSION_COMPETING_PERCENT)

    def loss(mu: float) -> float:
        return sum((analytic_cif_competing(mgus_mayo_hazard(g), mu, [horizon_years])[0]
                    - risk.MGUS_20Y_PROGRESSION_COMPETING_PERCENT[g] / 100.0) ** 2 for g in groups)

    return float(minimize_scalar(loss, bounds=(0.0, 1.0), method="bounded", options={"xatol": 1e-8}).x)
