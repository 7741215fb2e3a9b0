"""骨骼病变与高钙血症：the Komarova 2003 bone-remodelling model with a myeloma extension.

Komarova et al. (2003) describe one basic multicellular unit by the number of
osteoclasts ``C`` and osteoblasts ``B`` and the local bone mass ``z`` (% of
the initial mass):

.. math::

    \\dot C = \\alpha_1 C^{g_{11}} B^{g_{21}} - \\beta_1 C, \\qquad
    \\dot B = \\alpha_2 C^{g_{12}} B^{g_{22}} - \\beta_2 B,

    \\dot z = -k_1 \\max(C - \\bar C, 0) + k_2 \\max(B - \\bar B, 0),

where ``g11`` is osteoclast autocrine regulation, ``g21`` the net effect of
osteoblast-derived factors (RANKL/OPG) on osteoclast formation, ``g12`` the
osteoclast-derived stimulation of osteoblasts (coupling) and ``g22``
osteoblast autocrine regulation.  With the paper's parameters (α1 = 3, α2 = 4,
β1 = 0.2, β2 = 0.02, g11 = 0.5, g21 = −0.5, g12 = 1, g22 = 0, k1 = 0.24,
k2 = 0.0017 — the BioModels encoding BIOMD0000000148 uses the same values) the
non-trivial steady state has the closed form

.. math::

    \\bar C = (\\beta_1/\\alpha_1)^{(1-g_{22})/\\Gamma} (\\beta_2/\\alpha_2)^{g_{21}/\\Gamma},\\quad
    \\bar B = (\\beta_1/\\alpha_1)^{g_{12}/\\Gamma} (\\beta_2/\\alpha_2)^{(1-g_{11})/\\Gamma},\\quad
    \\Gamma = g_{12} g_{21} - (1-g_{11})(1-g_{22}),

i.e. C̄ ≈ 1.06 and B̄ ≈ 212.13, and a single remodelling cycle started by a
burst of osteoclasts returns the bone mass to its starting value.

**Myeloma extension** (in the spirit of Ayati et al. 2010, who let tumour
burden modify the autocrine/paracrine gains).  A tumour grows by Gompertz law
``u(t) = T/L`` (closed form) and

* RANKL/OPG ↑: osteoclast formation is multiplied by ``1 + rankl_effect·u``;
* DKK1/sclerostin ↓ osteoblasts: ``g22 → g22 − dkk1_effect·u`` (Ayati's form);
* anti-resorptive therapy from day ``therapy_start``: osteoclast formation ×
  ``1 − formation_block`` (denosumab-like: RANKL blocked) and resorption per
  osteoclast × ``1 − resorption_block`` (bisphosphonate-like).

``z`` keeps the tumour-free reference C̄, B̄.  Osteoclasts can only resorb
bone that is still there: below ``resorbable_floor`` (% of the initial mass,
illustrative) the net loss rate is scaled by ``z / resorbable_floor``, so the
bone mass approaches 0 (a lytic lesion) without crossing it and the release of
calcium fades continuously as the site is used up, instead of stopping
abruptly.  The *calcium-release proxy* is the net resorption rate
``max(−ż, 0)`` in % of local bone mass per day: calcium leaves the skeleton
when resorption outruns formation.

Coupling matters: with intact coupling (``dkk1_effect = 0``) extra osteoclasts
recruit extra osteoblasts and, with the published k1, k2, a sustained rise in
turnover is even net anabolic.  Bone is lost when the tumour *uncouples*
formation from resorption (DKK1 keeps osteoblasts at or below baseline); in
that regime more RANKL effect never gives more bone (tested).

>>> c, b = steady_state()
>>> round(c, 4), round(b, 2)
(1.0607, 212.13)
>>> res = simulate(BoneParams(), t_end=600)
>>> bool(res.z[-1] < 100.0)
True

Tumour, drug and calcium-proxy parameters are illustrative.  Teaching material, not clinical advice.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from scipy.integrate import solve_ivp

from ..errors import MMLibError
from ._common import Parameter, check_fraction, check_range

__all__ = ["BoneParams", "BoneResult", "PARAMETERS", "steady_state", "tumour_burden", "simulate"]


@dataclass(frozen=True)
class BoneParams:
    """Parameters of the bone model (defaults: Komarova 2003 + illustrative myeloma terms).

    Time is in days; C and B are cell numbers of one remodelling unit; z is %
    of the initial local bone mass.
    """

    alpha1: float = 3.0
    alpha2: float = 4.0
    beta1: float = 0.2
    beta2: float = 0.02
    g11: float = 0.5
    g21: float = -0.5
    g12: float = 1.0
    g22: float = 0.0
    k1: float = 0.24
    k2: float = 0.0017
    # myeloma extension (illustrative)
    tumour0: float = 1.0
    tumour_max: float = 100.0
    tumour_growth: float = 0.005
    rankl_effect: float = 0.5
    dkk1_effect: float = 0.2
    # anti-resorptive therapy (illustrative)
    formation_block: float = 0.0
    resorption_block: float = 0.0
    therapy_start: float = 0.0
    # resorption limited by the bone left (illustrative)
    resorbable_floor: float = 5.0

    def __post_init__(self) -> None:
        for name in ("alpha1", "alpha2", "beta1", "beta2", "k1", "k2", "tumour_max"):
            check_range(name, getattr(self, name), 0.0, None, lo_open=True)
        check_range("tumour0", self.tumour0, 0.0, self.tumour_max)
        check_range("tumour_growth", self.tumour_growth, 0.0, 1.0)
        check_range("rankl_effect", self.rankl_effect, 0.0, 100.0)
        check_range("dkk1_effect", self.dkk1_effect, 0.0, 1.0)
        check_fraction("formation_block", self.formation_block, allow_one=False)
        check_fraction("resorption_block", self.resorption_block)
        check_range("therapy_start", self.therapy_start, 0.0, None)
        check_range("resorbable_floor", self.resorbable_floor, 0.0, 100.0, lo_open=True)
        if self.gamma == 0:
            raise MMLibError("Γ = g12·g21 − (1−g11)(1−g22) 为 0，稳态不存在。",
                             "Γ = g12·g21 − (1−g11)(1−g22) is 0: no steady state.", field="g11", value=self.g11)

    @property
    def gamma(self) -> float:
        """Γ = g12·g21 − (1 − g11)(1 − g22) of the tumour-free model."""
        return self.g12 * self.g21 - (1 - self.g11) * (1 - self.g22)


PARAMETERS: tuple[Parameter, ...] = (
    Parameter("alpha1", 3.0, "1/天", "破骨细胞生成速率", "komarova2003"),
    Parameter("alpha2", 4.0, "1/天", "成骨细胞生成速率", "komarova2003"),
    Parameter("beta1", 0.2, "1/天", "破骨细胞清除速率", "komarova2003"),
    Parameter("beta2", 0.02, "1/天", "成骨细胞清除速率", "komarova2003"),
    Parameter("g11", 0.5, "", "破骨细胞自分泌效应", "komarova2003"),
    Parameter("g21", -0.5, "", "成骨细胞对破骨细胞的旁分泌效应（RANKL/OPG 净效应）", "komarova2003"),
    Parameter("g12", 1.0, "", "破骨细胞对成骨细胞的旁分泌效应（偶联）", "komarova2003"),
    Parameter("g22", 0.0, "", "成骨细胞自分泌效应", "komarova2003"),
    Parameter("k1", 0.24, "%/（天·细胞）", "每个过量破骨细胞的骨吸收速率", "komarova2003"),
    Parameter("k2", 0.0017, "%/（天·细胞）", "每个过量成骨细胞的骨形成速率", "komarova2003"),
    Parameter("tumour0, tumour_max", "1, 100", "相对单位", "肿瘤初始负荷与上限（Gompertz）", "illustrative",
              "形式仿 Ayati 2010"),
    Parameter("tumour_growth", 0.005, "1/天", "Gompertz 增长速率", "illustrative"),
    Parameter("rankl_effect", 0.5, "", "满负荷肿瘤使破骨细胞生成增加的比例（RANKL/OPG ↑）", "illustrative"),
    Parameter("dkk1_effect", 0.2, "", "满负荷肿瘤使 g22 下降的幅度（DKK1/硬骨素）", "illustrative",
              "形式仿 Ayati 2010"),
    Parameter("formation_block", 0.0, "", "抗骨吸收药：破骨细胞生成被阻断的比例（类地舒单抗）", "illustrative"),
    Parameter("resorption_block", 0.0, "", "抗骨吸收药：单个破骨细胞吸收能力下降比例（类双膦酸盐）", "illustrative"),
    Parameter("resorbable_floor", 5.0, "%", "骨量低于此值时，净丢失速率按剩余骨量成比例减小（可吸收的骨所剩无几）",
              "illustrative"),
)


@dataclass(frozen=True)
class BoneResult:
    """Time courses from :func:`simulate` (all arrays on the same time grid ``t`` in days).

    ``z`` is bone mass (% of initial), ``tumour`` the relative burden u = T/L,
    ``resorption`` and ``formation`` the rates (%/day) in the z-equation and
    ``calcium_release`` = max(resorption − formation, 0), the net loss rate used
    as a proxy for calcium released into the blood.
    """

    t: np.ndarray
    C: np.ndarray
    B: np.ndarray
    z: np.ndarray
    tumour: np.ndarray
    resorption: np.ndarray
    formation: np.ndarray

    @property
    def calcium_release(self) -> np.ndarray:
        """Net resorption rate (% bone mass per day), ≥ 0."""
        return np.maximum(self.resorption - self.formation, 0.0)


def steady_state(params: BoneParams | None = None, u: float = 0.0) -> tuple[float, float]:
    """Closed-form non-trivial steady state (C̄, B̄) at a fixed relative tumour burden ``u``.

    The tumour terms enter as α1 → α1(1 + rankl_effect·u)(1 − formation_block)
    and g22 → g22 − dkk1_effect·u; resorption_block does not change the cells.

    >>> c0, b0 = steady_state()
    >>> c1, b1 = steady_state(u=1.0)
    >>> c1 > c0, b1 < b0
    (True, True)
    """
    p = params or BoneParams()
    uu = check_range("u", u, 0.0, 1.0)
    a1 = p.alpha1 * (1 + p.rankl_effect * uu) * (1 - p.formation_block)
    g22 = p.g22 - p.dkk1_effect * uu
    gam = p.g12 * p.g21 - (1 - p.g11) * (1 - g22)
    c = (p.beta1 / a1) ** ((1 - g22) / gam) * (p.beta2 / p.alpha2) ** (p.g21 / gam)
    b = (p.beta1 / a1) ** (p.g12 / gam) * (p.beta2 / p.alpha2) ** ((1 - p.g11) / gam)
    return float(c), float(b)


def tumour_burden(t: np.ndarray | float, params: BoneParams | None = None) -> np.ndarray:
    """Relative tumour burden u(t) = T(t)/L of Gompertz growth, in closed form.

    T(t) = L·exp(ln(T0/L)·e^(−γt)); u = 0 for all t when T0 = 0.

    >>> round(float(tumour_burden(0.0)), 6)
    0.01
    >>> round(float(tumour_burden(1e6)), 6)
    1.0
    """
    p = params or BoneParams()
    tt = np.asarray(t, dtype=float)
    if p.tumour0 <= 0:
        return np.zeros_like(tt)
    return np.exp(np.log(p.tumour0 / p.tumour_max) * np.exp(-p.tumour_growth * tt))


def simulate(params: BoneParams | None = None, *, t_end: float = 730.0, n_points: int = 731,
             C0: float | None = None, B0: float | None = None, z0: float = 100.0) -> BoneResult:
    """Integrate the model with :func:`scipy.integrate.solve_ivp` (LSODA, max step 1 day).

    Parameters
    ----------
    params : BoneParams, optional
    t_end : float
        Length of the simulation (days).
    n_points : int
        Number of output times (evenly spaced).
    C0, B0 : float, optional
        Initial cells (default: the tumour-free steady state).
    z0 : float
        Initial bone mass (%).

    Examples
    --------
    A single remodelling cycle (osteoclasts C̄ + 10 at t = 0, no tumour)
    returns the bone to its starting mass, as in Komarova 2003:

    >>> p = BoneParams(tumour0=0.0)
    >>> r = simulate(p, t_end=1000, C0=steady_state(p)[0] + 10)
    >>> round(float(r.z.min()), 0) < 100, abs(float(r.z[-1]) - 100) < 0.1
    (True, True)
    """
    p = params or BoneParams()
    t_end = check_range("t_end", t_end, 0.0, 100_000.0, lo_open=True, unit="天")
    n = int(check_range("n_points", n_points, 2, 1_000_000))
    c_bar, b_bar = steady_state(replace(p, formation_block=0.0), 0.0)
    c0 = c_bar if C0 is None else check_range("C0", C0, 0.0, None, lo_open=True)
    b0 = b_bar if B0 is None else check_range("B0", B0, 0.0, None, lo_open=True)

    def rates(t: float, c: float, b: float) -> tuple[float, float, float, float]:
        u = float(tumour_burden(t, p))
        on = t >= p.therapy_start
        a1 = p.alpha1 * (1 + p.rankl_effect * u) * (1 - (p.formation_block if on else 0.0))
        g22 = p.g22 - p.dkk1_effect * u
        k1 = p.k1 * (1 - (p.resorption_block if on else 0.0))
        dc = a1 * c ** p.g11 * b ** p.g21 - p.beta1 * c
        db = p.alpha2 * c ** p.g12 * b ** g22 - p.beta2 * b
        return dc, db, k1 * max(c - c_bar, 0.0), p.k2 * max(b - b_bar, 0.0)

    def available(z: float | np.ndarray) -> float | np.ndarray:
        """Share of the net loss that finds bone to act on: 1 above the floor, z/floor below it."""
        return np.clip(np.asarray(z, dtype=float) / p.resorbable_floor, 0.0, 1.0)

    def rhs(t: float, y: np.ndarray) -> list[float]:
        c, b = max(y[0], 1e-12), max(y[1], 1e-12)
        dc, db, res, form = rates(t, c, b)
        net = form - res
        return [dc, db, net if net >= 0 else net * float(available(y[2]))]

    sol = solve_ivp(rhs, (0.0, t_end), [c0, b0, z0], method="LSODA", t_eval=np.linspace(0.0, t_end, n),
                    max_step=1.0, rtol=1e-8, atol=1e-10)
    if not sol.success:  # pragma: no cover - defensive
        raise MMLibError(f"骨重塑模型积分失败：{sol.message}", f"Bone model integration failed: {sol.message}")
    sol_t, sol_y = sol.t, sol.y

    c, b, z = sol_y
    z = np.maximum(z, 0.0)
    res = np.array([rates(t, max(ci, 1e-12), max(bi, 1e-12))[2:] for t, ci, bi in zip(sol_t, c, b)])
    net_loss = np.maximum(res[:, 0] - res[:, 1], 0.0) * available(z)
    resorption = res[:, 1] + net_loss    # what formation plus the (bone-limited) net loss add up to
    return BoneResult(t=sol_t, C=c, B=b, z=z, tumour=tumour_burden(sol_t, p),
                      resorption=resorption, formation=res[:, 1])
