"""治疗策略与分子靶点：IMiD / CELMoD-induced degradation of IKZF1 and IKZF3.

Thalidomide analogues bind cereblon (CRBN), the substrate receptor of the
CRL4 E3 ubiquitin ligase (Ito et al. 2010), and change which proteins it
marks: the lymphoid transcription factors IKZF1 (Ikaros) and IKZF3 (Aiolos)
become "neosubstrates", are ubiquitinated and degraded by the proteasome, and
their loss lowers IRF4 and MYC in myeloma cells (Krönke et al. 2014).  Without
CRBN the drug has nothing to act through (Zhu et al. 2011).

The model is the simplest synthesis/degradation balance for the target
protein ``P`` (IKZF1 or IKZF3, relative to its drug-free level; time in hours):

.. math::

    \\frac{dP}{dt} = k_0 - \\bigl(k_0 + k_{\\max}\\,c_{\\mathrm{CRBN}}\\,E(C)\\bigr) P,
    \\qquad E(C) = \\frac{C^h}{\\mathrm{EC}_{50}^h + C^h},

``k0 = ln 2 / t½`` (the basal turnover, which also sets synthesis so that
``P = 1`` without drug), ``kmax = r·k0`` the extra degradation rate when the
ligase is saturated with drug, ``c_CRBN`` the cereblon level relative to a
normal myeloma cell and ``C`` the drug concentration in multiples of the
binding EC50 (no doses: the model is about shapes, not about mg).  Because the
equation is linear in ``P`` at a constant ``C``, everything has a closed form:

* steady state ``P* = 1 / (1 + r·c·E)``; maximal degradation
  ``Dmax = r·c / (1 + r·c)``;
* the concentration giving half of ``Dmax`` is
  ``DC50 = EC50·(1 + r·c)^(−1/h)`` — below the binding EC50 because one
  ligase molecule destroys many substrate molecules (catalytic amplification);
* after the drug is added ``P(t) = P* + (1 − P*)·exp(−k t)`` with
  ``k = k0(1 + r·c·E)``, so the time to fall to a fraction ``f`` is
  ``t_f = ln((1 − P*)/(f − P*)) / k`` (infinite when ``f ≤ P*``).

A downstream signal ``S`` (IRF4/MYC activity, relative) follows the target
with its own turnover, ``dS/dt = δ_S (P − S)``, so it falls later than the
target itself.

>>> p = IMID_LIKE
>>> round(dmax(p), 3), round(dc50(p), 3)
(0.909, 0.091)
>>> round(steady_state(p, 1.0), 3)
0.167
>>> round(time_to_fraction(p, 1.0, 0.5), 2)
1.76

All rates are illustrative (示意值); the mechanism is from the papers above.
Teaching material, not clinical advice.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Callable

import numpy as np
from scipy.integrate import solve_ivp

from ..errors import MMLibError
from ._common import Parameter, check_fraction, check_range

__all__ = ["DegraderParams", "DegradationTrajectory", "IMID_LIKE", "CELMOD_LIKE", "PARAMETERS",
           "occupancy", "steady_state", "dmax", "dc50", "time_to_fraction", "analytic_course",
           "pulsed_exposure", "simulate", "with_crbn"]


@dataclass(frozen=True)
class DegraderParams:
    """One drug–target pair (illustrative numbers; time in hours, concentration in multiples of EC50).

    ``fold`` is ``r = kmax / k0``: how much faster than its basal turnover the
    target is destroyed when the CRBN ligase is saturated with drug.
    """

    name: str = "IMiD 类（示意）"
    half_life_h: float = 8.0
    fold: float = 10.0
    ec50: float = 1.0
    hill: float = 1.0
    crbn: float = 1.0
    downstream_half_life_h: float = 12.0

    def __post_init__(self) -> None:
        for field in ("half_life_h", "ec50", "hill", "downstream_half_life_h"):
            check_range(field, getattr(self, field), 0.0, None, lo_open=True)
        check_range("fold", self.fold, 0.0, None)
        check_range("crbn", self.crbn, 0.0, None)

    @property
    def k0(self) -> float:
        """Basal degradation rate ln 2 / t½ (1/h)."""
        return math.log(2.0) / self.half_life_h

    @property
    def gain(self) -> float:
        """``r · c_CRBN``: the drug-induced rate at saturation, in units of k0."""
        return self.fold * self.crbn


#: An IMiD-like degrader (lenalidomide/pomalidomide-like shape; all numbers illustrative).
IMID_LIKE = DegraderParams()
#: A CELMoD-like degrader: tighter CRBN binding (lower EC50) and faster degradation at saturation.
CELMOD_LIKE = DegraderParams(name="CELMoD 类（示意）", fold=40.0, ec50=0.1)

PARAMETERS: tuple[Parameter, ...] = (
    Parameter("CRBN 靶点", "机制", "", "沙利度胺类药物结合 CRBN（CRL4 E3 连接酶的底物受体）", "ito2010"),
    Parameter("新底物降解", "机制", "", "药物使 CRBN 招募 IKZF1/IKZF3，经泛素化由蛋白酶体降解", "kronke2014"),
    Parameter("CRBN 依赖", "机制", "", "CRBN 缺失时药物失效", "zhu2011"),
    Parameter("half_life_h", 8.0, "小时", "IKZF 蛋白的基础半衰期（决定 k0 与合成速率）", "illustrative"),
    Parameter("fold (IMiD / CELMoD)", "10 / 40", "—", "连接酶饱和时药物诱导的降解速率，以 k0 为单位", "illustrative"),
    Parameter("ec50 (IMiD / CELMoD)", "1 / 0.1", "相对浓度", "药物–CRBN 结合的半效浓度（浓度以 IMiD 的 EC50 为单位）",
              "illustrative"),
    Parameter("hill", 1.0, "—", "结合曲线的 Hill 系数", "illustrative"),
    Parameter("crbn", 1.0, "相对量", "CRBN 表达水平（1 = 敏感细胞）", "illustrative"),
    Parameter("downstream_half_life_h", 12.0, "小时", "下游信号（IRF4/MYC 活性）的半衰期", "illustrative"),
)


@dataclass(frozen=True)
class DegradationTrajectory:
    """Time courses from :func:`simulate` (hours)."""

    t: np.ndarray
    concentration: np.ndarray
    target: np.ndarray
    downstream: np.ndarray


def occupancy(params: DegraderParams, concentration: float | np.ndarray) -> float | np.ndarray:
    """Hill occupancy ``E(C) = C^h / (EC50^h + C^h)`` of the CRBN ligase by the drug.

    >>> occupancy(IMID_LIKE, 1.0), occupancy(IMID_LIKE, 0.0)
    (0.5, 0.0)
    """
    c = np.asarray(concentration, dtype=float)
    bad = ~np.isfinite(c) | (c < 0)
    if np.any(bad):
        check_range("concentration", float(c[bad].flat[0]), 0.0, None)
    x = (c / params.ec50) ** params.hill
    e = x / (1.0 + x)
    return float(e) if e.ndim == 0 else e


def steady_state(params: DegraderParams, concentration: float) -> float:
    """Target level at a constant concentration, ``P* = 1 / (1 + r·c·E(C))``.

    >>> steady_state(IMID_LIKE, 0.0)
    1.0
    """
    return 1.0 / (1.0 + params.gain * occupancy(params, concentration))


def dmax(params: DegraderParams) -> float:
    """Maximal fraction degraded at saturating drug, ``r·c / (1 + r·c)``.

    >>> dmax(with_crbn(IMID_LIKE, 0.0))
    0.0
    """
    return params.gain / (1.0 + params.gain)


def dc50(params: DegraderParams) -> float:
    """Concentration giving half of the maximal degradation, ``EC50 · (1 + r·c)^(−1/h)``.

    Undefined (``nan``) without CRBN, where nothing is degraded at any concentration.

    >>> round(dc50(CELMOD_LIKE) / CELMOD_LIKE.ec50, 3)
    0.024
    """
    if params.gain == 0:
        return float("nan")
    return params.ec50 * (1.0 + params.gain) ** (-1.0 / params.hill)


def time_to_fraction(params: DegraderParams, concentration: float, fraction: float) -> float:
    """Hours until the target falls to ``fraction`` of its drug-free level at a constant concentration.

    ``inf`` when the steady state ``P*`` is not below ``fraction`` (the level
    is never reached); ``0`` for ``fraction = 1``.

    >>> time_to_fraction(IMID_LIKE, 1.0, 0.1)
    inf
    """
    f = check_fraction("fraction", fraction)
    p_star = steady_state(params, concentration)
    if f >= 1.0:
        return 0.0
    if f <= p_star:
        return float("inf")
    k = params.k0 * (1.0 + params.gain * occupancy(params, concentration))
    return math.log((1.0 - p_star) / (f - p_star)) / k


def analytic_course(params: DegraderParams, concentration: float, t: np.ndarray) -> np.ndarray:
    """``P(t) = P* + (1 − P*)·exp(−k t)`` after a constant concentration is switched on at t = 0.

    >>> float(analytic_course(IMID_LIKE, 1.0, np.array([0.0]))[0])
    1.0
    """
    p_star = steady_state(params, concentration)
    k = params.k0 * (1.0 + params.gain * occupancy(params, concentration))
    return p_star + (1.0 - p_star) * np.exp(-k * np.asarray(t, dtype=float))


def pulsed_exposure(peak: float, elimination_half_life_h: float, interval_h: float
                    ) -> Callable[[float | np.ndarray], float | np.ndarray]:
    """A repeated-exposure profile: a pulse of height ``peak`` every ``interval_h``, first-order decay.

    ``C(t) = peak · Σ_{n: nτ ≤ t} exp(−k_e (t − nτ))`` with ``k_e = ln 2 / t½``
    (closed form of the sum).  Concentrations are in multiples of EC50; this is
    a shape for teaching, not a dosing schedule.

    >>> c = pulsed_exposure(4.0, 3.0, 24.0)
    >>> round(float(c(0.0)), 6), round(float(c(3.0)), 6)
    (4.0, 2.0)
    """
    peak = check_range("peak", peak, 0.0, None)
    t_half = check_range("elimination_half_life_h", elimination_half_life_h, 0.0, None, lo_open=True)
    tau = check_range("interval_h", interval_h, 0.0, None, lo_open=True)
    ke = math.log(2.0) / t_half

    def c(t: float | np.ndarray) -> float | np.ndarray:
        tt = np.asarray(t, dtype=float)
        n = np.floor(tt / tau)                      # pulses already given, minus one
        since = tt - n * tau                        # time since the last pulse
        q = math.exp(-ke * tau)
        total = np.exp(-ke * since) * (1.0 - q ** (n + 1.0)) / (1.0 - q)
        out = np.where(tt < 0, 0.0, peak * total)
        return float(out) if out.ndim == 0 else out

    return c


def simulate(params: DegraderParams, exposure: float | Callable[[float], float], *, t_end: float = 96.0,
             n_points: int = 481) -> DegradationTrajectory:
    """Integrate target ``P`` and downstream signal ``S`` from the drug-free state (P = S = 1).

    ``exposure`` is a constant concentration or a function of time (hours),
    e.g. :func:`pulsed_exposure`.

    >>> tr = simulate(IMID_LIKE, 1.0, t_end=48)
    >>> bool(tr.target[-1] < 0.2 and tr.downstream[-1] > tr.target[-1])
    True
    """
    t_end = check_range("t_end", t_end, 0.0, 100_000.0, lo_open=True, unit="小时")
    n = int(check_range("n_points", n_points, 2, 1_000_000))
    if callable(exposure):
        conc = exposure
    else:
        value = check_range("concentration", exposure, 0.0, None)

        def conc(t: float) -> float:
            return value
    k0, gain = params.k0, params.gain
    ds = math.log(2.0) / params.downstream_half_life_h

    def rhs(t: float, y: np.ndarray) -> list[float]:
        p, s = y
        e = occupancy(params, max(float(conc(t)), 0.0))
        return [k0 - k0 * (1.0 + gain * e) * p, ds * (p - s)]

    t_eval = np.linspace(0.0, t_end, n)
    # the pulses are discontinuities: bound the step so none is jumped over
    max_step = t_end / 400.0
    sol = solve_ivp(rhs, (0.0, t_end), [1.0, 1.0], method="LSODA", t_eval=t_eval, rtol=1e-9, atol=1e-12,
                    max_step=max_step)
    if not sol.success:  # pragma: no cover - defensive
        raise MMLibError(f"降解模型积分失败：{sol.message}", f"Degrader model integration failed: {sol.message}")
    c_values = np.array([float(conc(x)) for x in sol.t])
    return DegradationTrajectory(sol.t, c_values, sol.y[0], sol.y[1])


def with_crbn(params: DegraderParams, crbn: float) -> DegraderParams:
    """A copy with another cereblon level (0 = CRBN lost: the drug has no ligase to act through).

    >>> with_crbn(IMID_LIKE, 0.25).gain
    2.5
    """
    return replace(params, crbn=check_range("crbn", crbn, 0.0, None))
