"""耐药机制：sensitive and resistant subclones under therapy, pre-existing versus acquired resistance.

Two populations of myeloma cells, counted relative to the tumour burden at the
start of therapy (time in months):

* sensitive cells ``S`` shrink under therapy with net rate ``λ_S < 0``;
* resistant cells ``R`` keep growing with net rate ``λ_R > 0``;
* a resistant cell is *pre-existing* when it is already there at the start
  (fraction ``f0``), or *acquired* when a sensitive cell mutates during
  therapy: each sensitive division (rate ``b``) gives rise to a resistant
  daughter with probability ``μ``.

.. math::

    \\dot S = (\\lambda_S - \\mu b) S, \\qquad \\dot R = \\lambda_R R + \\mu b S .

With ``S(0) = 1 − f0`` and ``R(0) = f0`` the solution is closed-form
(``λ'_S = λ_S − μb``):

.. math::

    S(t) = (1-f_0) e^{\\lambda'_S t}, \\qquad
    R(t) = f_0 e^{\\lambda_R t} + \\frac{\\mu b (1-f_0)}{\\lambda_R - \\lambda'_S}
           \\left(e^{\\lambda_R t} - e^{\\lambda'_S t}\\right).

The M-protein is taken proportional to ``S + R`` (every cell secretes alike;
the weeks-long half-life of IgG is ignored), so "relapse" — the M-protein back
at its pre-treatment value — is the first time after the nadir at which
``S + R = 1``.  Three results the notebook and the tests use:

* the nadir is at ``t* = ln(−λ'_S S0 / (λ_R R_eff)) / (λ_R − λ'_S)`` for a
  pre-existing clone (``R_eff = f0``);
* for small ``f0`` the time to relapse is close to, and slightly shorter than,
  ``ln(1/f0) / λ_R`` — the resistant clone alone has to grow back from
  ``f0`` to 1;
* acquired resistance during therapy behaves like a pre-existing fraction
  ``μb / (λ_R − λ'_S)``: mutations can only come from sensitive cells, which
  are being killed, so their contribution is small.

Pre-existing resistant cells come from the years of growth before diagnosis.
:func:`luria_delbruck` simulates that growth (synchronous divisions, one
resistant daughter with probability ``μ`` per division, as in Luria &
Delbrück's fluctuation test): the mean resistant count after ``G``
generations is ``μ G 2^(G−1)``, but the distribution is dominated by rare
"jackpots" from early mutations, so patients with the same tumour size differ
enormously in their resistant fraction.

>>> p = SubcloneParams()
>>> round(relapse_time(p), 1), round(math.log(1 / p.f0) / p.lambda_r, 1)
(61.4, 61.4)
>>> round(nadir_time(p), 1)
16.0
>>> ld_mean(20, 1e-5), ld_variance(20, 0.0)
(104.8576, 0.0)

All rates are illustrative (示意值).  Teaching material, not clinical advice.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np
from scipy.integrate import solve_ivp
from scipy.optimize import brentq

from ..errors import MMLibError
from ._common import Parameter, check_fraction, check_range, make_rng

__all__ = ["SubcloneParams", "SubcloneTrajectory", "PARAMETERS", "burden", "sensitive", "resistant",
           "effective_resistant_fraction", "nadir_time", "relapse_time", "simulate", "ld_mean", "ld_variance",
           "luria_delbruck", "with_resistance"]


@dataclass(frozen=True)
class SubcloneParams:
    """Rates per month; ``f0`` is the resistant fraction at the start of therapy.

    ``lambda_s`` must be negative (therapy works on the sensitive clone) and
    ``lambda_r`` positive (the resistant clone escapes it).
    """

    f0: float = 1e-4
    lambda_s: float = -0.5
    lambda_r: float = 0.15
    birth_s: float = 0.3
    mu: float = 0.0

    def __post_init__(self) -> None:
        check_fraction("f0", self.f0, allow_one=False)
        check_range("lambda_s", self.lambda_s, None, 0.0, hi_open=True, unit="/月")
        check_range("lambda_r", self.lambda_r, 0.0, None, lo_open=True, unit="/月")
        check_range("birth_s", self.birth_s, 0.0, None, unit="/月")
        check_fraction("mu", self.mu)

    @property
    def lambda_s_eff(self) -> float:
        """``λ'_S = λ_S − μ b``: sensitive cells are also lost to mutation."""
        return self.lambda_s - self.mu * self.birth_s


#: Default: a pre-existing resistant fraction of 1 in 10 000 and no mutation during therapy.
PARAMETERS: tuple[Parameter, ...] = (
    Parameter("涨落试验", "机制", "", "耐药突变在接触选择压力之前随机产生（预先存在的耐药）", "luria1943"),
    Parameter("f0", 1e-4, "—", "治疗开始时耐药亚克隆所占比例", "illustrative"),
    Parameter("lambda_s", -0.5, "1/月", "治疗中敏感亚克隆的净增长率（负值 = 缩小）", "illustrative"),
    Parameter("lambda_r", 0.15, "1/月", "治疗中耐药亚克隆的净增长率", "illustrative"),
    Parameter("birth_s", 0.3, "1/月", "敏感细胞的分裂速率（获得性突变只在分裂时发生）", "illustrative"),
    Parameter("mu", "0 或 1e-6", "每次分裂", "每次分裂产生一个耐药子细胞的概率", "illustrative"),
)


@dataclass(frozen=True)
class SubcloneTrajectory:
    """Numerical solution from :func:`simulate` (months; burden relative to the start of therapy)."""

    t: np.ndarray
    sensitive: np.ndarray
    resistant: np.ndarray

    @property
    def total(self) -> np.ndarray:
        """``S + R``: proportional to the M-protein."""
        return self.sensitive + self.resistant

    def relapse_time(self, level: float = 1.0) -> float:
        """First sampled time after the nadir at which the burden is back at ``level`` (linear interpolation)."""
        tot = self.total
        i0 = int(np.argmin(tot))
        above = np.nonzero(tot[i0:] >= level)[0]
        if above.size == 0:
            return float("inf")
        j = i0 + int(above[0])
        if j == i0:
            return float(self.t[j])
        t1, t2, y1, y2 = self.t[j - 1], self.t[j], tot[j - 1], tot[j]
        return float(t1 + (level - y1) * (t2 - t1) / (y2 - y1))


def sensitive(params: SubcloneParams, t: float | np.ndarray) -> np.ndarray:
    """``S(t) = (1 − f0)·exp(λ'_S t)``.

    >>> float(sensitive(SubcloneParams(), 0.0))
    0.9999
    """
    return (1.0 - params.f0) * np.exp(params.lambda_s_eff * np.asarray(t, dtype=float))


def effective_resistant_fraction(params: SubcloneParams) -> float:
    """The pre-existing fraction that would give the same late resistant clone: ``f0 + μb(1 − f0)/(λ_R − λ'_S)``.

    >>> effective_resistant_fraction(SubcloneParams(f0=0.0, mu=1e-6)) < 1e-6
    True
    """
    p = params
    return p.f0 + p.mu * p.birth_s * (1.0 - p.f0) / (p.lambda_r - p.lambda_s_eff)


def resistant(params: SubcloneParams, t: float | np.ndarray) -> np.ndarray:
    """``R(t)``: the pre-existing clone plus the cells that arose by mutation during therapy.

    >>> float(resistant(SubcloneParams(f0=0.0, mu=1e-6), 0.0))
    0.0
    """
    p = params
    tt = np.asarray(t, dtype=float)
    acquired = p.mu * p.birth_s * (1.0 - p.f0) / (p.lambda_r - p.lambda_s_eff)
    return p.f0 * np.exp(p.lambda_r * tt) + acquired * (np.exp(p.lambda_r * tt) - np.exp(p.lambda_s_eff * tt))


def burden(params: SubcloneParams, t: float | np.ndarray) -> np.ndarray:
    """Total burden ``S + R`` relative to the start of therapy (∝ M-protein).

    >>> float(burden(SubcloneParams(), 0.0))
    1.0
    """
    return sensitive(params, t) + resistant(params, t)


def nadir_time(params: SubcloneParams) -> float:
    """Time of the minimum of ``S + R`` (months), from ``dB/dt = 0``; ``inf`` when nothing is resistant.

    Without mutation, ``t* = ln(−λ_S (1 − f0) / (λ_R f0)) / (λ_R − λ_S)``;
    with mutation the same form holds with the coefficients of the two
    exponentials of ``S + R``.

    >>> nadir_time(SubcloneParams(f0=0.0))
    inf
    """
    p = params
    a = p.f0 + p.mu * p.birth_s * (1.0 - p.f0) / (p.lambda_r - p.lambda_s_eff)   # coefficient of exp(λ_R t)
    c = (1.0 - p.f0) - (a - p.f0)                                                  # coefficient of exp(λ'_S t)
    if a <= 0:
        return float("inf")
    ratio = -p.lambda_s_eff * c / (p.lambda_r * a)
    if ratio <= 1.0:
        return 0.0
    return math.log(ratio) / (p.lambda_r - p.lambda_s_eff)


def relapse_time(params: SubcloneParams, level: float = 1.0) -> float:
    """Months until the burden (∝ M-protein) is back at ``level`` times its pre-treatment value, after the nadir.

    Solved by bracketing on the closed form; ``inf`` without any resistance.

    >>> relapse_time(SubcloneParams(f0=0.0))
    inf
    """
    level = check_range("level", level, 0.0, None, lo_open=True)
    t_min = nadir_time(params)
    if math.isinf(t_min):
        return float("inf")
    if float(burden(params, t_min)) >= level:
        return t_min
    hi = max(t_min, 1.0)
    while float(burden(params, hi)) < level:
        hi *= 2.0
        if hi > 1e9:  # pragma: no cover - cannot happen with λ_R > 0 and a resistant fraction
            raise MMLibError("复发时间求解失败。", "Relapse-time search failed.")
    return float(brentq(lambda x: float(burden(params, x)) - level, t_min, hi, xtol=1e-12, rtol=1e-12))


def simulate(params: SubcloneParams, *, t_end: float = 120.0, n_points: int = 1201) -> SubcloneTrajectory:
    """Integrate the two-clone equations numerically (to check the closed form, and for plotting).

    >>> tr = simulate(SubcloneParams(), t_end=80)
    >>> bool(abs(tr.relapse_time() - relapse_time(SubcloneParams())) < 0.01)
    True
    """
    t_end = check_range("t_end", t_end, 0.0, 10_000.0, lo_open=True, unit="月")
    n = int(check_range("n_points", n_points, 2, 1_000_000))
    p = params

    def rhs(t: float, y: np.ndarray) -> list[float]:
        s, r = y
        return [p.lambda_s_eff * s, p.lambda_r * r + p.mu * p.birth_s * s]

    t_eval = np.linspace(0.0, t_end, n)
    sol = solve_ivp(rhs, (0.0, t_end), [1.0 - p.f0, p.f0], method="LSODA", t_eval=t_eval, rtol=1e-10,
                    atol=1e-16)
    if not sol.success:  # pragma: no cover - defensive
        raise MMLibError(f"亚克隆模型积分失败：{sol.message}", f"Subclone model integration failed: {sol.message}")
    return SubcloneTrajectory(sol.t, sol.y[0], sol.y[1])


def ld_mean(generations: int, mu: float) -> float:
    """Mean resistant count after ``G`` synchronous generations from one cell: ``μ G 2^(G−1)``.

    Generation ``g`` has ``2^g`` dividing sensitive cells (their loss to
    mutation is neglected, ``μ ≪ 1``); a mutant arising there doubles for the
    remaining ``G − g − 1`` generations.

    >>> ld_mean(3, 0.5)
    6.0
    """
    g = int(check_range("generations", generations, 1, 62))
    m = check_fraction("mu", mu)
    return m * g * 2.0 ** (g - 1)


def ld_variance(generations: int, mu: float) -> float:
    """Variance of the resistant count: ``μ(1 − μ)·2^(2G−1)·(1 − 2^(−G))`` (sum of independent binomials).

    >>> ld_variance(1, 0.5)
    0.25
    """
    g = int(check_range("generations", generations, 1, 62))
    m = check_fraction("mu", mu)
    return m * (1.0 - m) * 2.0 ** (2 * g - 1) * (1.0 - 2.0 ** (-g))


def luria_delbruck(generations: int, mu: float, replicates: int, *,
                   seed: int | np.random.Generator | None = 0) -> np.ndarray:
    """Resistant cell counts in ``replicates`` independent tumours grown from one cell for ``G`` generations.

    Each generation every sensitive cell divides once and yields a resistant
    daughter with probability ``μ`` (binomial draw); resistant cells double.

    >>> counts = luria_delbruck(10, 0.0, 5)
    >>> counts.tolist()
    [0.0, 0.0, 0.0, 0.0, 0.0]
    """
    g = int(check_range("generations", generations, 1, 62))
    m = check_fraction("mu", mu)
    n = int(check_range("replicates", replicates, 1, 10_000_000))
    rng = make_rng(seed)
    r = np.zeros(n)
    for gen in range(g):
        new = rng.binomial(2 ** gen, m, size=n).astype(float)
        r = 2.0 * r + new
    return r


def with_resistance(params: SubcloneParams, *, f0: float | None = None, mu: float | None = None) -> SubcloneParams:
    """A copy with another pre-existing fraction and/or mutation probability (for knob loops).

    >>> with_resistance(SubcloneParams(), f0=1e-3).f0
    0.001
    """
    return replace(params, f0=params.f0 if f0 is None else f0, mu=params.mu if mu is None else mu)
