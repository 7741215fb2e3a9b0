"""治疗原理：proteasome load versus capacity, the terminal UPR and MCL1 depletion.

A minimal cell model (time in hours, all quantities relative):

* ``U`` — misfolded / polyubiquitinated protein awaiting the proteasome.
  Influx ``φL·τ`` (``φL`` = misfolded-protein load, proportional to
  immunoglobulin synthesis; ``τ`` = global translation), removal by the
  proteasome ``V(1 − i)·U/(K_m + U)`` with inhibited fraction
  ``i = dose^h / (IC50_enz^h + dose^h)``.
* PERK activity ``P = U^n / (K_P^n + U^n)`` (fast): PERK phosphorylates eIF2α,
  so global translation falls, ``τ = 1 − a_P·P``, while ATF4 is selectively
  translated (taken ∝ P) and induces the pro-apoptotic transcription factor
  CHOP: ``dCHOP/dt = k_C·P − δ_C·CHOP``.
* MCL1, a short-lived anti-apoptotic protein whose level depends on
  continuous translation: ``dMCL1/dt = k_M·τ − δ_M·MCL1``.
* The apoptotic signal is the ratio ``R = CHOP/MCL1``; the fraction of cells
  dying is ``R^m / (θ^m + R^m)``.

The myeloma cell carries a ~10× larger immunoglobulin load with only a
moderately larger proteasome capacity — the load-versus-capacity idea of
Bianchi et al. (2009) — so it reaches the terminal UPR (Obeng et al. 2006) at a
lower dose than a normal cell: ``IC50_myeloma < IC50_normal``.

Simplification, stated honestly: MCL1 is itself a proteasome substrate, and
proteasome inhibitors often *stabilise* it — MCL1 accumulates after exposure
and blunts the drugs' effect (Nencioni et al. 2005); cells still die, largely
because NOXA neutralises MCL1.  The model keeps only the translation-dependent
loss that the textbook emphasises, so its MCL1 read-out is best read as the
*functionally available* MCL1.  All numbers are illustrative, including the
dose scale labelled "nM" and the IC50 values it yields (4.5 nM for the
myeloma cell): they are not the measured potency of any drug.

>>> mm, normal = MYELOMA_CELL, NORMAL_CELL
>>> round(ic50(mm), 2), round(ic50(normal), 2)
(4.5, 18.75)
>>> round(ic50(normal) / ic50(mm), 1)
4.2

Teaching material, not clinical advice.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np
from scipy.integrate import solve_ivp
from scipy.optimize import brentq

from ..errors import MMLibError
from ._common import Parameter, check_range

__all__ = ["CellParams", "CellState", "CellTrajectory", "MYELOMA_CELL", "NORMAL_CELL", "PARAMETERS", "with_load",
           "inhibition", "steady_state", "viability", "dose_response", "ic50", "simulate"]


@dataclass(frozen=True)
class CellParams:
    """Parameters of one cell type (illustrative; time in hours)."""

    name: str = "骨髓瘤细胞"
    load: float = 1.0
    capacity: float = 2.0
    k_m: float = 1.0
    ic50_enzyme_nm: float = 5.0
    hill_dose: float = 1.0
    k_perk: float = 1.0
    n_perk: float = 2.0
    a_perk: float = 0.8
    k_chop: float = 0.1
    delta_chop: float = 0.1
    k_mcl1: float = 1.0
    delta_mcl1: float = 1.0
    theta: float = 1.0
    m_death: float = 4.0

    def __post_init__(self) -> None:
        for name in ("load", "capacity", "k_m", "ic50_enzyme_nm", "hill_dose", "k_perk", "n_perk", "k_chop",
                     "delta_chop", "k_mcl1", "delta_mcl1", "theta", "m_death"):
            check_range(name, getattr(self, name), 0.0, None, lo_open=True)
        check_range("a_perk", self.a_perk, 0.0, 1.0, hi_open=True)


#: A myeloma cell: large immunoglobulin load, somewhat larger proteasome capacity.
MYELOMA_CELL = CellParams()
#: A normal cell: small secretory load, ample spare proteasome capacity.
NORMAL_CELL = CellParams(name="正常细胞", load=0.1, capacity=0.5)

PARAMETERS: tuple[Parameter, ...] = (
    Parameter("终末 UPR", "机制", "", "蛋白酶体抑制剂诱导 PERK–eIF2α–ATF4–CHOP 终末 UPR", "obeng2006"),
    Parameter("负荷/容量", "机制", "", "蛋白酶体负荷与容量之比决定敏感性", "bianchi2009"),
    Parameter("MCL1 稳定化", "机制（未建模）", "", "蛋白酶体抑制剂常使 MCL1 蓄积；模型只保留翻译依赖性耗竭", "nencioni2005",
              "模型中的 MCL1 应读作功能上可用的 MCL1"),
    Parameter("load (骨髓瘤 / 正常)", "1.0 / 0.1", "1/小时", "错误折叠蛋白的产生速率（∝ 免疫球蛋白合成）", "illustrative"),
    Parameter("capacity (骨髓瘤 / 正常)", "2.0 / 0.5", "1/小时", "蛋白酶体最大降解速率", "illustrative"),
    Parameter("k_m", 1.0, "相对单位", "蛋白酶体半饱和底物量", "illustrative"),
    Parameter("ic50_enzyme_nm, hill_dose", "5, 1", "示意 nM, —",
              "药物抑制蛋白酶体活性的半数浓度与 Hill 系数（剂量刻度为示意，不是任何药物的实测效价）", "illustrative"),
    Parameter("k_perk, n_perk", "1, 2", "相对单位, —", "PERK 激活的半量与 Hill 系数", "illustrative"),
    Parameter("a_perk", 0.8, "", "PERK 完全激活时全局翻译被抑制的比例", "illustrative"),
    Parameter("k_chop, delta_chop", "0.1, 0.1", "1/小时", "CHOP 的诱导与降解（半衰期约 7 小时）", "illustrative"),
    Parameter("k_mcl1, delta_mcl1", "1, 1", "1/小时", "MCL1 的合成与降解（半衰期约 0.7 小时）", "illustrative"),
    Parameter("theta, m_death", "1, 4", "", "凋亡阈值（CHOP/MCL1）与陡度", "illustrative"),
)


@dataclass(frozen=True)
class CellState:
    """Steady state at a fixed dose; ``U = inf`` when the proteasome cannot keep up at any level."""

    dose_nm: float
    inhibition: float
    U: float
    perk: float
    translation: float
    chop: float
    mcl1: float
    death_signal: float
    viability: float


@dataclass(frozen=True)
class CellTrajectory:
    """Time courses from :func:`simulate` (hours)."""

    t: np.ndarray
    U: np.ndarray
    perk: np.ndarray
    translation: np.ndarray
    chop: np.ndarray
    mcl1: np.ndarray

    @property
    def death_signal(self) -> np.ndarray:
        """CHOP / MCL1."""
        return self.chop / self.mcl1


def inhibition(dose_nm: float, cell: CellParams = MYELOMA_CELL) -> float:
    """Fraction of proteasome activity blocked at ``dose_nm``.

    >>> inhibition(0.0), inhibition(5.0)
    (0.0, 0.5)
    """
    d = check_range("dose_nm", dose_nm, 0.0, 1e9, unit="nM")
    if d == 0:
        return 0.0
    x = (d / cell.ic50_enzyme_nm) ** cell.hill_dose
    return x / (1.0 + x)


def _perk(cell: CellParams, u: float) -> float:
    if math.isinf(u):
        return 1.0
    x = (u / cell.k_perk) ** cell.n_perk
    return x / (1.0 + x)


def _state_from_u(cell: CellParams, dose: float, inh: float, u: float) -> CellState:
    p = _perk(cell, u)
    tau = 1.0 - cell.a_perk * p
    chop = cell.k_chop * p / cell.delta_chop
    mcl1 = cell.k_mcl1 * tau / cell.delta_mcl1
    r = chop / mcl1
    return CellState(dose, inh, u, p, tau, chop, mcl1, r, viability(r, cell))


def viability(death_signal: float, cell: CellParams = MYELOMA_CELL) -> float:
    """Surviving fraction 1 − R^m/(θ^m + R^m) = θ^m/(θ^m + R^m).

    >>> viability(1.0)
    0.5
    """
    r = max(float(death_signal), 0.0)
    return 1.0 / (1.0 + (r / cell.theta) ** cell.m_death)


def steady_state(cell: CellParams = MYELOMA_CELL, dose_nm: float = 0.0) -> CellState:
    """Steady state at a constant dose.

    ``U*`` solves ``φL·τ(U) = V(1 − i)·U/(K_m + U)``; the left side falls and
    the right side rises with ``U``, so the root is unique when the saturated
    capacity ``V(1 − i)`` exceeds the minimal influx ``φL(1 − a_P)``, and
    ``U* = inf`` (unresolvable stress) otherwise.  CHOP* = k_C P/δ_C and
    MCL1* = k_M τ/δ_M follow.

    >>> s = steady_state(NORMAL_CELL)
    >>> s.viability > 0.99
    True
    """
    inh = inhibition(dose_nm, cell)
    cap = cell.capacity * (1.0 - inh)

    def f(u: float) -> float:
        return cell.load * (1.0 - cell.a_perk * _perk(cell, u)) - cap * u / (cell.k_m + u)

    if cap <= cell.load * (1.0 - cell.a_perk):
        return _state_from_u(cell, float(dose_nm), inh, float("inf"))
    hi = 1.0
    while f(hi) > 0:
        hi *= 2.0
        if hi > 1e12:  # pragma: no cover - cannot happen when cap > minimal influx
            raise MMLibError("稳态求解失败。", "Steady-state search failed.")
    u = brentq(f, 0.0, hi, xtol=1e-14, rtol=1e-13)
    return _state_from_u(cell, float(dose_nm), inh, u)


def dose_response(cell: CellParams, doses_nm: np.ndarray) -> np.ndarray:
    """Steady-state viability at each dose.

    >>> dose_response(MYELOMA_CELL, np.array([0.0, 4.5, 100.0])).round(2).tolist()
    [0.98, 0.5, 0.0]
    """
    return np.array([steady_state(cell, float(d)).viability for d in np.asarray(doses_nm, dtype=float)])


def ic50(cell: CellParams = MYELOMA_CELL) -> float:
    """Dose (nM) at which steady-state viability is 50 % (death signal = θ), by bisection in log dose.

    >>> round(ic50(NORMAL_CELL), 1)
    18.8
    """
    def g(logd: float) -> float:
        return steady_state(cell, 10.0 ** logd).viability - 0.5

    lo, hi = -6.0, 9.0
    if g(lo) <= 0:
        return 0.0
    if g(hi) > 0:
        return float("inf")
    return float(10.0 ** brentq(g, lo, hi, xtol=1e-12))


def simulate(cell: CellParams = MYELOMA_CELL, dose_nm: float = 10.0, *, t_end: float = 48.0,
             n_points: int = 241) -> CellTrajectory:
    """Add the drug at t = 0 to a cell at its drug-free steady state and integrate (hours).

    >>> tr = simulate(MYELOMA_CELL, 10.0, t_end=24)
    >>> bool(tr.chop[-1] > tr.chop[0] and tr.mcl1[-1] < tr.mcl1[0])
    True
    """
    start = steady_state(cell, 0.0)
    cap = cell.capacity * (1.0 - inhibition(dose_nm, cell))
    t_end = check_range("t_end", t_end, 0.0, 10_000.0, lo_open=True, unit="小时")
    n = int(check_range("n_points", n_points, 2, 1_000_000))

    def rhs(t: float, y: np.ndarray) -> list[float]:
        u, chop, mcl1 = y
        u = max(u, 0.0)
        p = _perk(cell, u)
        tau = 1.0 - cell.a_perk * p
        return [cell.load * tau - cap * u / (cell.k_m + u),
                cell.k_chop * p - cell.delta_chop * chop,
                cell.k_mcl1 * tau - cell.delta_mcl1 * mcl1]

    t_eval = np.linspace(0.0, t_end, n)
    sol = solve_ivp(rhs, (0.0, t_end), [start.U, start.chop, start.mcl1], method="LSODA", t_eval=t_eval,
                    rtol=1e-9, atol=1e-12)
    if not sol.success:  # pragma: no cover - defensive
        raise MMLibError(f"蛋白酶体模型积分失败：{sol.message}", f"Proteasome model integration failed: {sol.message}")
    u, chop, mcl1 = sol.y
    perk = np.array([_perk(cell, max(x, 0.0)) for x in u])
    return CellTrajectory(sol.t, u, perk, 1.0 - cell.a_perk * perk, chop, mcl1)


def with_load(cell: CellParams, load: float) -> CellParams:
    """A copy of ``cell`` with another misfolded-protein load (for knob loops).

    >>> with_load(MYELOMA_CELL, 2.0).load
    2.0
    """
    return replace(cell, load=check_range("load", load, 0.0, None, lo_open=True))
