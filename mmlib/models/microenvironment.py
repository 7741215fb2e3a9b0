"""肿瘤微环境：the IL-6 / osteoclast / APRIL–BAFF vicious cycle as a small ODE model.

Three variables (all relative, dimensionless; time in days):

* ``T`` — tumour burden in arbitrary relative units (``c`` sets the scale:
  without any support from the microenvironment the niche holds
  ``(b0 − d)/c`` = 0.2 with the default parameters; the support lifts this to
  ``T*`` = 0.8);
* ``S`` — IL-6 secreted by marrow stromal cells (rises when myeloma cells
  adhere to stroma via VLA-4/VCAM-1);
* ``O`` — osteoclast activity (rises with tumour-driven RANKL); active
  osteoclasts secrete the survival factors APRIL and BAFF, taken
  proportional to ``O``.

.. math::

    \\dot S = s_0 + s_T T - \\delta_S S,\\qquad
    \\dot O = (1-\\varepsilon_R)(o_0 + o_T T) - \\delta_O O,

    \\dot T = T\\,[\\,b_0 + (1-\\varepsilon_6)\\,b_S S + (1-\\varepsilon_A)\\,b_A O - d - c\\,T\\,].

The ε's are treatments that cut one link: anti-IL-6 (ε6, e.g. an IL-6 or
IL-6-receptor antibody), anti-RANKL (εR) and anti-APRIL/BAFF (εA).  They are
thought experiments on the loop, not drugs: the anti-IL-6 antibody siltuximab
did not improve outcomes in myeloma trials (San-Miguel et al. 2014), and the
anti-RANKL antibody denosumab is used for myeloma *bone disease* (skeletal
events, Raje et al. 2018), not as an anti-myeloma drug.  The toy has no
redundant survival pathways, which is why one cut looks so effective here.  Because ``S`` and ``O`` are linear in ``T``, the tumour steady state
has a closed form

.. math::

    T^* = \\frac{b_0 - d + b_S' s_0/\\delta_S + b_A' o_0'/\\delta_O}
                 {c - b_S' s_T/\\delta_S - b_A' o_T'/\\delta_O}

(primes: after the cuts), valid while the **loop gain**
``G = (b_S' s_T/δ_S + b_A' o_T'/δ_O)/c`` is below 1; with ``G ≥ 1`` the
positive feedback outruns crowding and the tumour grows without bound in this
toy.  Cutting any link lowers the numerator and raises the denominator, so it
can never raise ``T*``.

All parameters are illustrative.

>>> p = MicroenvParams()
>>> round(loop_gain(p), 3), round(steady_state(p).T, 3)
(0.6, 0.8)
>>> round(steady_state(with_blockade(p, anti_il6=1.0)).T, 3)
0.3

Teaching material, not clinical advice.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from scipy.integrate import solve_ivp

from ..errors import MMLibError
from ._common import Parameter, check_fraction, check_range

__all__ = ["MicroenvParams", "MicroenvState", "MicroenvTrajectory", "PARAMETERS",
           "with_blockade", "loop_gain", "steady_state", "simulate"]


@dataclass(frozen=True)
class MicroenvParams:
    """Parameters (illustrative) and treatment cuts of the vicious-cycle model."""

    b0: float = 0.12
    d: float = 0.1
    c: float = 0.1
    b_s: float = 0.04
    b_a: float = 0.02
    s0: float = 0.2
    s_t: float = 1.0
    delta_s: float = 1.0
    o0: float = 0.05
    o_t: float = 0.25
    delta_o: float = 0.25
    anti_il6: float = 0.0
    anti_rankl: float = 0.0
    anti_april: float = 0.0

    def __post_init__(self) -> None:
        for name in ("b0", "d", "b_s", "b_a", "s0", "s_t", "o0", "o_t"):
            check_range(name, getattr(self, name), 0.0, None)
        for name in ("c", "delta_s", "delta_o"):
            check_range(name, getattr(self, name), 0.0, None, lo_open=True)
        for name in ("anti_il6", "anti_rankl", "anti_april"):
            check_fraction(name, getattr(self, name))

    @property
    def eff_b_s(self) -> float:
        """IL-6 → tumour gain after anti-IL-6."""
        return (1 - self.anti_il6) * self.b_s

    @property
    def eff_b_a(self) -> float:
        """APRIL/BAFF → tumour gain after anti-APRIL/BAFF."""
        return (1 - self.anti_april) * self.b_a

    @property
    def eff_o0(self) -> float:
        """Basal osteoclastogenesis after anti-RANKL."""
        return (1 - self.anti_rankl) * self.o0

    @property
    def eff_o_t(self) -> float:
        """Tumour-driven osteoclastogenesis after anti-RANKL."""
        return (1 - self.anti_rankl) * self.o_t


PARAMETERS: tuple[Parameter, ...] = (
    Parameter("b0, d", "0.12, 0.1", "1/天", "肿瘤内在增殖率与死亡率", "illustrative"),
    Parameter("c", 0.1, "1/天", "龛位拥挤（逻辑斯谛）系数", "illustrative"),
    Parameter("b_s", 0.04, "1/天", "基质 IL-6 对肿瘤增殖/存活的促进", "illustrative"),
    Parameter("b_a", 0.02, "1/天", "破骨细胞来源 APRIL/BAFF 对肿瘤存活的促进", "illustrative"),
    Parameter("s0, s_t, delta_s", "0.2, 1, 1", "相对单位, 1/天", "基质 IL-6 的基础分泌、肿瘤黏附诱导与清除", "illustrative"),
    Parameter("o0, o_t, delta_o", "0.05, 0.25, 0.25", "相对单位, 1/天", "破骨细胞的基础生成、肿瘤 RANKL 诱导与清除",
              "illustrative"),
    Parameter("anti_il6, anti_rankl, anti_april", "0, 0, 0", "", "三种阻断治疗切断相应环节的比例", "illustrative"),
    Parameter("抗 IL-6 的临床结果", "阴性", "", "司妥昔单抗加入 VMP 未改善缓解深度和长期结局", "sanmiguel2014",
              "模型没有冗余生存通路，因此高估了单一阻断的效果"),
    Parameter("抗 RANKL 的临床定位", "骨病治疗", "", "地舒单抗用于预防骨相关事件，不是抗骨髓瘤药物", "raje2018"),
)


@dataclass(frozen=True)
class MicroenvState:
    """Steady state (T, S, O); ``bounded`` is False when the loop gain is ≥ 1."""

    T: float
    S: float
    O: float
    bounded: bool


@dataclass(frozen=True)
class MicroenvTrajectory:
    """Time courses from :func:`simulate`."""

    t: np.ndarray
    T: np.ndarray
    S: np.ndarray
    O: np.ndarray


def with_blockade(params: MicroenvParams, *, anti_il6: float | None = None, anti_rankl: float | None = None,
                  anti_april: float | None = None) -> MicroenvParams:
    """A copy of ``params`` with some treatment cuts changed (fractions 0–1).

    >>> with_blockade(MicroenvParams(), anti_rankl=0.5).anti_rankl
    0.5
    """
    changes = {k: v for k, v in (("anti_il6", anti_il6), ("anti_rankl", anti_rankl), ("anti_april", anti_april))
               if v is not None}
    return replace(params, **changes)


def loop_gain(params: MicroenvParams) -> float:
    """G = (b_S' s_T/δ_S + b_A' o_T'/δ_O) / c — the feedback gain of the cycle.

    >>> loop_gain(with_blockade(MicroenvParams(), anti_il6=1, anti_april=1))
    0.0
    """
    p = params
    return (p.eff_b_s * p.s_t / p.delta_s + p.eff_b_a * p.eff_o_t / p.delta_o) / p.c


def steady_state(params: MicroenvParams | None = None) -> MicroenvState:
    """The stable steady state in closed form.

    The tumour-free state ``T = 0`` is the answer when the tumour cannot grow
    even with the basal support (numerator ≤ 0); with loop gain ≥ 1 there is
    no finite steady state (``T = inf``, ``bounded=False``).

    >>> steady_state(MicroenvParams(b0=0.0, s0=0.0, o0=0.0)).T
    0.0
    """
    p = params or MicroenvParams()
    num = p.b0 - p.d + p.eff_b_s * p.s0 / p.delta_s + p.eff_b_a * p.eff_o0 / p.delta_o
    den = p.c * (1.0 - loop_gain(p))
    if den <= 0:
        return MicroenvState(float("inf"), float("inf"), float("inf"), False)
    t = max(num / den, 0.0)
    return MicroenvState(t, (p.s0 + p.s_t * t) / p.delta_s, (p.eff_o0 + p.eff_o_t * t) / p.delta_o, True)


def simulate(params: MicroenvParams | None = None, *, t_end: float = 365.0, n_points: int = 366,
             T0: float = 0.01, S0: float | None = None, O0: float | None = None,
             treatment_start: float | None = None, untreated: MicroenvParams | None = None) -> MicroenvTrajectory:
    """Integrate the model (:func:`scipy.integrate.solve_ivp`, LSODA).

    ``S0``/``O0`` default to their tumour-free levels.  To switch a treatment
    on at day ``treatment_start``, pass the untreated parameters as
    ``untreated`` and the treated ones as ``params``.

    >>> tr = simulate(t_end=2000)
    >>> round(float(tr.T[-1]), 3)
    0.8
    """
    p = params or MicroenvParams()
    base = untreated or p
    t_end = check_range("t_end", t_end, 0.0, 100_000.0, lo_open=True, unit="天")
    n = int(check_range("n_points", n_points, 2, 1_000_000))
    t0 = check_range("T0", T0, 0.0, None)
    s0 = base.s0 / base.delta_s if S0 is None else check_range("S0", S0, 0.0, None)
    o0 = base.eff_o0 / base.delta_o if O0 is None else check_range("O0", O0, 0.0, None)

    def rhs(t: float, y: np.ndarray) -> list[float]:
        q = p if (treatment_start is None or t >= treatment_start) else base
        tt, s, o = y
        return [tt * (q.b0 + q.eff_b_s * s + q.eff_b_a * o - q.d - q.c * tt),
                q.s0 + q.s_t * tt - q.delta_s * s,
                q.eff_o0 + q.eff_o_t * tt - q.delta_o * o]

    t_eval = np.linspace(0.0, t_end, n)
    sol = solve_ivp(rhs, (0.0, t_end), [t0, s0, o0], method="LSODA", t_eval=t_eval, rtol=1e-9, atol=1e-12,
                    max_step=max(t_end / 200, 0.1))
    if not sol.success:  # pragma: no cover - defensive
        raise MMLibError(f"微环境模型积分失败：{sol.message}", f"Microenvironment integration failed: {sol.message}")
    return MicroenvTrajectory(sol.t, *sol.y)
