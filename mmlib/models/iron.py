"""贫血：IL-6 → hepcidin → ferroportin, iron recycling and the EPO response.

A closed three-compartment iron model (mg of iron):

* ``P`` — plasma iron bound to transferrin;
* ``R`` — iron in red cells (haemoglobin);
* ``M`` — macrophage (reticulo-endothelial) iron, recycled from senescent red
  cells and stored as ferritin.

.. math::

    \\dot P = E - U,\\qquad \\dot R = U - R/\\tau,\\qquad \\dot M = R/\\tau - E,

    E = k_{fpn}\\,F(h)\\,M\\,(1 - P/\\mathrm{TIBC}),\\qquad
    U = V_{max}\\,D\\,\\frac{P}{K_m + P},

so ``P + R + M`` is conserved exactly (no absorption or loss in the toy).
Export ``E`` from macrophages through ferroportin slows as transferrin fills
up; uptake ``U`` by the erythron is saturable and scaled by the erythroid
drive ``D``.  IL-6 induces hepcidin (Nemeth et al. 2004); hepcidin degrades
the iron exporter ferroportin, ``F(h) = 1 / (1 + h·r0)``, trapping recycled
iron in macrophages: stores (ferritin) rise while transferrin saturation
falls — the *functional iron deficiency* of anaemia of inflammation.

Hepcidin is cleared partly by the kidney, so in renal impairment it
accumulates (higher in chronic kidney disease, Mercadal et al. 2014): the
relative level is ``h = induction(IL-6) / ((1 − f_r) + f_r·renal_capacity)``
with ``f_r`` the renal share of its clearance (illustrative).  Renal
impairment therefore lowers transferrin saturation as well as blunting EPO.

The erythroid drive ``D = (1 − infiltration)·(EPO/EPO0)^γ`` couples back to
haemoglobin through erythropoietin: in healthy kidneys EPO rises
log-linearly as Hb falls, ``log10 EPO = log10 EPO0 + s·(Hb_ref − Hb)``;
renal impairment scales the response down (``renal_capacity`` < 1).  Marrow
infiltration by plasma cells lowers ``D`` directly.

Only directions are taken from the literature — IL-6 → hepcidin →
hypoferraemia (Nemeth 2004), hepcidin raised in chronic kidney disease
(Mercadal 2014) and EPO production inappropriately low for the degree of
anaemia in myeloma (Beguin 1992); every number is illustrative
(the normal state is tuned to Hb 14 g/dL, TSAT 30 % and ~20 mg/day of iron
recycled, as in physiology texts).

>>> normal = steady_state()
>>> round(normal.hb_g_dl, 1), round(normal.tsat * 100), round(normal.ferritin_ng_ml)
(14.0, 30, 75)
>>> inflamed = steady_state(il6_pg_ml=40)
>>> inflamed.tsat < normal.tsat, inflamed.ferritin_ng_ml > normal.ferritin_ng_ml
(True, True)

Teaching material, not clinical advice.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.integrate import solve_ivp
from scipy.optimize import brentq

from ..errors import MMLibError
from ._common import Parameter, check_fraction, check_range

__all__ = [
    "IronParams", "IronState", "IronTrajectory", "PARAMETERS",
    "hepcidin_relative", "ferroportin_activity", "epo_level", "erythroid_drive",
    "steady_state", "simulate",
]


@dataclass(frozen=True)
class IronParams:
    """Parameters of the iron model (all illustrative unless stated; time in days)."""

    total_iron_mg: float = 2983.0
    tau_rbc_days: float = 120.0
    v_max_mg_day: float = 39.67
    k_m_mg: float = 3.0
    k_fpn: float = 0.09444
    r0: float = 1.0
    il6_normal_pg_ml: float = 2.0
    il6_half_pg_ml: float = 5.0
    epo0_miu_ml: float = 10.0
    hb_ref_g_dl: float = 14.0
    epo_slope_per_g_dl: float = 0.2
    drive_exponent: float = 0.5
    tibc_mg: float = 10.0
    plasma_volume_l: float = 3.0
    blood_volume_dl: float = 50.0
    iron_per_g_hb_mg: float = 3.4
    storage_mg_per_ng_ml: float = 8.0
    hepcidin_renal_share: float = 0.9

    def __post_init__(self) -> None:
        for name, value in vars(self).items():
            check_range(name, value, 0.0, None, lo_open=True)
        check_range("hepcidin_renal_share", self.hepcidin_renal_share, 0.0, 1.0, lo_open=True, hi_open=True)

    def hb_from_rbc_iron(self, r_mg: float | np.ndarray) -> float | np.ndarray:
        """Hb (g/dL) from red-cell iron (mg): R / (3.4 mg/g × blood volume in dL)."""
        return r_mg / (self.iron_per_g_hb_mg * self.blood_volume_dl)


PARAMETERS: tuple[Parameter, ...] = (
    Parameter("IL-6 → hepcidin", "方向", "", "IL-6 诱导铁调素，导致低铁血症", "nemeth2004"),
    Parameter("EPO 相对不足", "方向", "", "骨髓瘤贫血中 EPO 分泌相对于贫血程度不足", "beguin1992",
              "仅方向；对数线性斜率与肾功能缩放为示意"),
    Parameter("肾功能不全时铁调素蓄积", "方向", "", "慢性肾脏病患者铁调素升高，转铁蛋白饱和度通常偏低", "mercadal2014",
              "仅方向"),
    Parameter("hepcidin_renal_share", 0.9, "", "铁调素清除中经肾脏的份额（肾功能下降时铁调素按此蓄积）", "illustrative"),
    Parameter("il6_normal_pg_ml, il6_half_pg_ml", "2, 5", "pg/mL", "正常 IL-6 与铁调素诱导的半量浓度", "illustrative"),
    Parameter("r0", 1.0, "", "正常铁调素水平下对铁转运蛋白的抑制强度", "illustrative"),
    Parameter("tau_rbc_days", 120.0, "天", "红细胞寿命", "physiology"),
    Parameter("iron_per_g_hb_mg", 3.4, "mg/g", "每克血红蛋白含铁量（血红蛋白含铁约 0.34%）", "physiology"),
    Parameter("blood_volume_dl", 50.0, "dL", "血容量（约 5 L）", "physiology"),
    Parameter("plasma_volume_l", 3.0, "L", "血浆容量", "physiology"),
    Parameter("tibc_mg", 10.0, "mg", "血浆转铁蛋白总结合铁量（约 330 µg/dL × 3 L）", "physiology"),
    Parameter("total_iron_mg", 2983.0, "mg", "闭合系统中的循环铁总量（不含肝细胞贮存）", "illustrative"),
    Parameter("v_max_mg_day", 39.67, "mg/天", "驱动 D = 1 时红系摄铁的最大速率", "illustrative",
              "使正常每日约 20 mg 铁周转"),
    Parameter("k_m_mg", 3.0, "mg", "红系摄铁的半饱和血浆铁量", "illustrative"),
    Parameter("k_fpn", 0.09444, "1/天", "巨噬细胞经铁转运蛋白释放铁的速率常数", "illustrative"),
    Parameter("epo0_miu_ml, hb_ref_g_dl", "10, 14", "mIU/mL, g/dL", "正常 EPO 与对应的 Hb", "illustrative"),
    Parameter("epo_slope_per_g_dl", 0.2, "log10 单位/(g/dL)", "Hb 每下降 1 g/dL，log10 EPO 上升的幅度", "illustrative"),
    Parameter("drive_exponent", 0.5, "", "EPO 对红系造血驱动的幂次", "illustrative"),
    Parameter("storage_mg_per_ng_ml", 8.0, "mg/(ng/mL)", "每 1 ng/mL 铁蛋白对应的贮存铁（经验换算）", "illustrative"),
)


@dataclass(frozen=True)
class IronState:
    """A steady state: compartments (mg) and the laboratory read-outs."""

    plasma_mg: float
    rbc_mg: float
    macrophage_mg: float
    hb_g_dl: float
    tsat: float
    serum_iron_ug_dl: float
    ferritin_ng_ml: float
    epo_miu_ml: float
    hepcidin_rel: float
    ferroportin: float
    drive: float


@dataclass(frozen=True)
class IronTrajectory:
    """Time courses from :func:`simulate` (days)."""

    t: np.ndarray
    plasma_mg: np.ndarray
    rbc_mg: np.ndarray
    macrophage_mg: np.ndarray
    hb_g_dl: np.ndarray
    tsat: np.ndarray
    ferritin_ng_ml: np.ndarray

    @property
    def total_mg(self) -> np.ndarray:
        """P + R + M (conserved)."""
        return self.plasma_mg + self.rbc_mg + self.macrophage_mg


def hepcidin_relative(il6_pg_ml: float, params: IronParams | None = None, renal_capacity: float = 1.0) -> float:
    """Hepcidin relative to normal: induction by IL-6 over the share of clearance left.

    ``h = [(1 + IL6/K) / (1 + IL6_normal/K)] / [(1 − f_r) + f_r·renal_capacity]``: 1 at normal IL-6 and
    normal kidneys; renal impairment (``renal_capacity`` < 1) slows the renal share ``f_r`` of its clearance.

    >>> hepcidin_relative(2.0)
    1.0
    >>> round(hepcidin_relative(40.0), 2)
    6.43
    >>> round(hepcidin_relative(2.0, renal_capacity=0.1), 2)   # 1 / (0.1 + 0.9 × 0.1)
    5.26
    """
    p = params or IronParams()
    il6 = check_range("il6_pg_ml", il6_pg_ml, 0.0, 10_000.0, unit="pg/mL")
    rc = check_range("renal_capacity", renal_capacity, 0.0, 1.0, lo_open=True)
    induction = (1 + il6 / p.il6_half_pg_ml) / (1 + p.il6_normal_pg_ml / p.il6_half_pg_ml)
    return induction / ((1 - p.hepcidin_renal_share) + p.hepcidin_renal_share * rc)


def ferroportin_activity(il6_pg_ml: float, params: IronParams | None = None, renal_capacity: float = 1.0) -> float:
    """Fraction of ferroportin left at the membrane: 1 / (1 + h·r0).

    >>> ferroportin_activity(2.0)
    0.5
    """
    p = params or IronParams()
    return 1.0 / (1.0 + hepcidin_relative(il6_pg_ml, p, renal_capacity) * p.r0)


def epo_level(hb_g_dl: float | np.ndarray, renal_capacity: float = 1.0,
              params: IronParams | None = None) -> float | np.ndarray:
    """Serum EPO (mIU/mL): log-linear in Hb, scaled by the kidney's capacity.

    >>> [round(float(epo_level(hb, rc)), 1) for hb, rc in ((14.0, 1.0), (9.0, 1.0), (9.0, 0.1))]
    [10.0, 100.0, 10.0]
    """
    p = params or IronParams()
    rc = check_range("renal_capacity", renal_capacity, 0.0, 1.0, lo_open=True)
    return rc * p.epo0_miu_ml * 10.0 ** (p.epo_slope_per_g_dl * (p.hb_ref_g_dl - np.asarray(hb_g_dl, dtype=float)))


def erythroid_drive(hb_g_dl: float, renal_capacity: float = 1.0, infiltration: float = 0.0,
                    params: IronParams | None = None) -> float:
    """Erythroid iron-uptake drive D = (1 − infiltration)·(EPO/EPO0)^γ (1 at normal).

    >>> round(erythroid_drive(14.0), 6)
    1.0
    """
    p = params or IronParams()
    inf = check_fraction("infiltration", infiltration, allow_one=False)
    return float((1 - inf) * (epo_level(hb_g_dl, renal_capacity, p) / p.epo0_miu_ml) ** p.drive_exponent)


def _state(p: IronParams, pl: float, r: float, m: float, il6: float, renal: float, infiltration: float,
           epo_feedback: bool) -> IronState:
    hb = float(p.hb_from_rbc_iron(r))
    epo = float(epo_level(hb if epo_feedback else p.hb_ref_g_dl, renal, p))
    return IronState(
        plasma_mg=pl, rbc_mg=r, macrophage_mg=m, hb_g_dl=hb, tsat=pl / p.tibc_mg,
        serum_iron_ug_dl=pl / p.plasma_volume_l * 100.0, ferritin_ng_ml=m / p.storage_mg_per_ng_ml,
        epo_miu_ml=epo, hepcidin_rel=hepcidin_relative(il6, p, renal),
        ferroportin=ferroportin_activity(il6, p, renal),
        drive=_drive(p, hb, renal, infiltration, epo_feedback),
    )


def _drive(p: IronParams, hb: float, renal: float, infiltration: float, epo_feedback: bool) -> float:
    return erythroid_drive(hb if epo_feedback else p.hb_ref_g_dl, renal, infiltration, p)


def _fluxes(p: IronParams, pl: float, r: float, m: float, f: float, d: float) -> tuple[float, float, float]:
    """(export E, uptake U, senescence R/τ) in mg/day."""
    export = p.k_fpn * f * m * max(1.0 - pl / p.tibc_mg, 0.0)
    uptake = p.v_max_mg_day * d * max(pl, 0.0) / (p.k_m_mg + max(pl, 0.0))
    return export, uptake, r / p.tau_rbc_days


def steady_state(params: IronParams | None = None, *, il6_pg_ml: float = 2.0, renal_capacity: float = 1.0,
                 infiltration: float = 0.0, epo_feedback: bool = True) -> IronState:
    """The steady state of the closed model.

    At steady state the three fluxes equal Φ = R/τ, so
    ``P = K_m Φ / (V_max D − Φ)`` and ``M = Φ / (k_fpn F (1 − P/TIBC))``;
    conservation ``R + P + M = Fe_tot`` is then one increasing equation in
    ``R``, solved with :func:`scipy.optimize.brentq`.  With
    ``epo_feedback=False`` the drive is held at the value it has at the
    reference Hb (EPO not responding to anaemia).

    >>> s = steady_state(renal_capacity=0.05, infiltration=0.3, il6_pg_ml=20)
    >>> round(s.hb_g_dl, 1) < 10, bool(s.epo_miu_ml < 0.1 * epo_level(s.hb_g_dl))   # EPO inappropriately low
    (True, True)
    """
    p = params or IronParams()
    check_range("renal_capacity", renal_capacity, 0.0, 1.0, lo_open=True)
    check_fraction("infiltration", infiltration, allow_one=False)
    f = ferroportin_activity(il6_pg_ml, p, renal_capacity)
    big = 1e12

    def parts(r: float) -> tuple[float, float, float]:
        phi = r / p.tau_rbc_days
        d = _drive(p, float(p.hb_from_rbc_iron(r)), renal_capacity, infiltration, epo_feedback)
        if phi >= p.v_max_mg_day * d:
            return d, big, big
        pl = p.k_m_mg * phi / (p.v_max_mg_day * d - phi)
        if pl >= p.tibc_mg:
            return d, big, big
        return d, pl, phi / (p.k_fpn * f * (1.0 - pl / p.tibc_mg))

    def g(r: float) -> float:
        _, pl, m = parts(r)
        return min(r + pl + m - p.total_iron_mg, big)

    r = brentq(g, 1e-9, p.total_iron_mg, xtol=1e-12, rtol=1e-14, maxiter=500)
    _, pl, m = parts(r)
    return _state(p, pl, r, m, il6_pg_ml, renal_capacity, infiltration, epo_feedback)


def simulate(params: IronParams | None = None, *, il6_pg_ml: float = 2.0, renal_capacity: float = 1.0,
             infiltration: float = 0.0, epo_feedback: bool = True, t_end: float = 365.0, n_points: int = 366,
             initial: IronState | None = None) -> IronTrajectory:
    """Integrate the model from ``initial`` (default: the normal steady state) with constant inputs.

    >>> tr = simulate(il6_pg_ml=40, t_end=200)
    >>> bool(abs(tr.total_mg[-1] - tr.total_mg[0]) < 1e-6 * tr.total_mg[0])
    True
    """
    p = params or IronParams()
    t_end = check_range("t_end", t_end, 0.0, 100_000.0, lo_open=True, unit="天")
    n = int(check_range("n_points", n_points, 2, 1_000_000))
    start = initial or steady_state(p)
    check_range("renal_capacity", renal_capacity, 0.0, 1.0, lo_open=True)
    f = ferroportin_activity(il6_pg_ml, p, renal_capacity)
    check_fraction("infiltration", infiltration, allow_one=False)

    def rhs(t: float, y: np.ndarray) -> list[float]:
        pl, r, m = y
        d = _drive(p, float(p.hb_from_rbc_iron(max(r, 0.0))), renal_capacity, infiltration, epo_feedback)
        export, uptake, senescence = _fluxes(p, pl, r, m, f, d)
        return [export - uptake, uptake - senescence, senescence - export]

    t_eval = np.linspace(0.0, t_end, n)
    sol = solve_ivp(rhs, (0.0, t_end), [start.plasma_mg, start.rbc_mg, start.macrophage_mg], method="LSODA",
                    t_eval=t_eval, rtol=1e-10, atol=1e-10)
    if not sol.success:  # pragma: no cover - defensive
        raise MMLibError(f"铁代谢模型积分失败：{sol.message}", f"Iron model integration failed: {sol.message}")
    pl, r, m = sol.y
    return IronTrajectory(t=sol.t, plasma_mg=pl, rbc_mg=r, macrophage_mg=m, hb_g_dl=p.hb_from_rbc_iron(r),
                          tsat=pl / p.tibc_mg, ferritin_ng_ml=m / p.storage_mg_per_ng_ml)
