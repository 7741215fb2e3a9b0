"""恶性浆细胞：simulated flow-cytometry events and a plasma-cell gate.

A bone-marrow aspirate is simulated as a list of *events* (cells), each with a
log10 fluorescence intensity on ten channels: CD19, CD20, CD38, CD138, CD45,
CD56, surface Ig (sIg), cytoplasmic Ig (cIg), κ and λ.  Five populations are
mixed:

==============  ===========================================================
population      phenotype (textbook; intensities are illustrative)
==============  ===========================================================
``B``           CD19+ CD20+ CD38 dim, CD45 bright, sIg+ cIg−, κ or λ (≈ 2:1)
``plasmablast`` CD19+ CD20− CD38 high, CD138 dim/−, cIg+, κ or λ
``normal_pc``   CD19+ CD45+ CD56− CD38 bright CD138+, sIg− cIg+, polyclonal κ:λ ≈ 2:1
``clonal_pc``   CD19− CD45 dim/− CD56+ CD38 bright CD138+, sIg− cIg+, one light chain only
``other``       remaining leukocytes: CD45 bright, B/PC markers negative
==============  ===========================================================

:func:`gate_plasma_cells` finds the plasma-cell gate (CD38 bright and CD138+),
calls a plasma cell *aberrant* (clonal phenotype) when it has at least two of
CD19−, CD56+ and CD45 dim/−, and computes the κ:λ ratio among the gated cells.
The ratio is called *restricted* when it is > 4:1 or < 1:2, the cut-offs that
the IMWG 2016 response criteria use for clonality by immunohistochemistry
(with ≥ 100 plasma cells counted) [Kumar 2016].

For a clone of fraction ``f`` of the plasma cells in a polyclonal background
with κ fraction ``p`` the expected ratio has a closed form
(:func:`expected_kappa_lambda_ratio`), so the smallest clone that light-chain
restriction alone can reveal is known exactly
(:func:`minimal_restricted_clone_fraction`): 40 % of plasma cells for a κ
clone and 50 % for a λ clone when ``p = 2/3``.  The aberrant phenotype finds
far smaller clones — the idea behind flow MRD.

>>> sample = simulate_marrow(20_000, seed=1)
>>> g = gate_plasma_cells(sample)
>>> g.n_pc > 500, round(g.clonal_fraction, 1), g.restricted, g.restricted_chain
(True, 0.8, True, 'kappa')
>>> round(minimal_restricted_clone_fraction("kappa"), 3), round(minimal_restricted_clone_fraction("lambda"), 3)
(0.4, 0.5)

Teaching material, not clinical advice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Mapping

import numpy as np
import pandas as pd

from ..errors import InputError
from ._common import Parameter, check_fraction, check_range, make_rng

__all__ = [
    "MARKERS", "POPULATIONS", "POPULATION_ZH", "PHENOTYPES", "DEFAULT_FRACTIONS",
    "KAPPA_LAMBDA_RESTRICTED_ABOVE", "KAPPA_LAMBDA_RESTRICTED_BELOW", "MIN_PCS_FOR_RATIO",
    "PARAMETERS", "FlowSample", "GateResult",
    "simulate_marrow", "gate_plasma_cells", "expected_kappa_lambda_ratio",
    "minimal_restricted_clone_fraction",
]

LightChain = Literal["kappa", "lambda"]

#: The ten channels, in column order.
MARKERS: tuple[str, ...] = ("CD19", "CD20", "CD38", "CD138", "CD45", "CD56", "sIg", "cIg", "kappa", "lambda")

#: The simulated populations.
POPULATIONS: tuple[str, ...] = ("B", "plasmablast", "normal_pc", "clonal_pc", "other")

#: Chinese names of the populations (for legends).
POPULATION_ZH: dict[str, str] = {
    "B": "B 细胞", "plasmablast": "浆母细胞", "normal_pc": "正常浆细胞",
    "clonal_pc": "克隆性浆细胞", "other": "其他白细胞",
}

# Intensity levels in log10 units (illustrative): negative, dim, positive, bright.
_NEG, _DIM, _POS, _BRIGHT = 1.0, 2.0, 3.0, 4.0

#: Mean log10 intensity of every marker in every population ("LC" = the light
#: chain the cell expresses; the other light chain is negative).  Illustrative
#: values that encode the textbook phenotypes in the module docstring.
PHENOTYPES: dict[str, dict[str, float]] = {
    "B":           {"CD19": _POS, "CD20": 3.3, "CD38": _DIM, "CD138": _NEG, "CD45": 3.6,
                    "CD56": _NEG, "sIg": _POS, "cIg": 1.3, "LC": _POS},
    "plasmablast": {"CD19": _POS, "CD20": _NEG, "CD38": 3.8, "CD138": _DIM, "CD45": _POS,
                    "CD56": _NEG, "sIg": 1.8, "cIg": 3.6, "LC": 3.6},
    "normal_pc":   {"CD19": 2.8, "CD20": _NEG, "CD38": 4.2, "CD138": 3.6, "CD45": 2.8,
                    "CD56": _NEG, "sIg": _NEG, "cIg": _BRIGHT, "LC": _BRIGHT},
    "clonal_pc":   {"CD19": _NEG, "CD20": _NEG, "CD38": 3.8, "CD138": 3.8, "CD45": 1.5,
                    "CD56": 3.5, "sIg": _NEG, "cIg": _BRIGHT, "LC": _BRIGHT},
    "other":       {"CD19": _NEG, "CD20": _NEG, "CD38": 1.8, "CD138": _NEG, "CD45": 3.8,
                    "CD56": 1.2, "sIg": _NEG, "cIg": _NEG, "LC": _NEG},
}

#: Default composition of a myeloma aspirate (fractions of all events; illustrative).
DEFAULT_FRACTIONS: dict[str, float] = {
    "B": 0.05, "plasmablast": 0.005, "normal_pc": 0.01, "clonal_pc": 0.04, "other": 0.895,
}

#: κ:λ ratio among plasma cells above which a κ clone is called (> 4:1) [Kumar 2016].
KAPPA_LAMBDA_RESTRICTED_ABOVE: float = 4.0
#: κ:λ ratio below which a λ clone is called (< 1:2) [Kumar 2016].
KAPPA_LAMBDA_RESTRICTED_BELOW: float = 0.5
#: Fewest plasma cells for which the ratio is evaluated [Kumar 2016].
MIN_PCS_FOR_RATIO: int = 100

PARAMETERS: tuple[Parameter, ...] = (
    Parameter("PHENOTYPES", "见表", "log10 荧光强度", "各群体各标志物的平均强度（阴性 1、弱 2、阳性 3、强 4）",
              "illustrative", "按教科书表型编码"),
    Parameter("spread", 0.25, "log10", "群体内强度的标准差", "illustrative"),
    Parameter("kappa_fraction_normal", 2 / 3, "", "多克隆浆细胞/B 细胞中 κ 的比例（κ:λ ≈ 2:1）", "approximate"),
    Parameter("DEFAULT_FRACTIONS", "见表", "", "骨髓样本中各群体的比例", "illustrative"),
    Parameter("cd38_bright", 3.3, "log10", "浆细胞门：CD38 强阳性阈值", "illustrative"),
    Parameter("cd138_positive", 2.8, "log10", "浆细胞门：CD138 阳性阈值", "illustrative"),
    Parameter("KAPPA_LAMBDA_RESTRICTED_ABOVE", KAPPA_LAMBDA_RESTRICTED_ABOVE, "", "κ:λ > 4:1 判为 κ 限制",
              "imwg2016response"),
    Parameter("KAPPA_LAMBDA_RESTRICTED_BELOW", KAPPA_LAMBDA_RESTRICTED_BELOW, "", "κ:λ < 1:2 判为 λ 限制",
              "imwg2016response"),
    Parameter("MIN_PCS_FOR_RATIO", MIN_PCS_FOR_RATIO, "个细胞", "计算 κ:λ 比值至少需计数的浆细胞数",
              "imwg2016response"),
)


@dataclass(frozen=True)
class FlowSample:
    """Simulated flow-cytometry events.

    Attributes
    ----------
    events : numpy.ndarray
        Shape ``(n, 10)``: log10 intensities, columns in :data:`MARKERS` order.
    population : numpy.ndarray
        Shape ``(n,)``: the true population label of each event (the answer
        key — a real cytometer does not have it).
    light_chain : numpy.ndarray
        Shape ``(n,)``: ``'kappa'``, ``'lambda'`` or ``''`` (no light chain).
    """

    events: np.ndarray
    population: np.ndarray
    light_chain: np.ndarray

    def marker(self, name: str) -> np.ndarray:
        """The column of one marker.

        >>> simulate_marrow(10, seed=0).marker("CD38").shape
        (10,)
        """
        if name not in MARKERS:
            raise InputError("marker", name, "、".join(MARKERS), en_expected=", ".join(MARKERS))
        return self.events[:, MARKERS.index(name)]

    def to_frame(self) -> pd.DataFrame:
        """The events as a DataFrame (one column per marker plus ``population``)."""
        df = pd.DataFrame(self.events, columns=list(MARKERS))
        df["population"] = self.population
        return df


@dataclass(frozen=True)
class GateResult:
    """The result of :func:`gate_plasma_cells`.

    ``in_pc_gate`` and ``aberrant`` are boolean masks over all events.
    ``clonal_fraction`` is the aberrant share of the gated plasma cells;
    ``kappa_lambda_ratio`` is κ:λ among the gated plasma cells (``inf`` when no
    λ cell is seen); ``restricted`` is ``None`` when fewer than
    :data:`MIN_PCS_FOR_RATIO` plasma cells were gated.
    """

    in_pc_gate: np.ndarray
    aberrant: np.ndarray
    n_events: int
    n_pc: int
    n_aberrant: int
    n_kappa: int
    n_lambda: int
    pc_fraction: float
    clonal_fraction: float
    kappa_lambda_ratio: float
    restricted: bool | None
    restricted_chain: LightChain | None


def simulate_marrow(n_events: int = 20_000, *, fractions: Mapping[str, float] | None = None,
                    clonal_light_chain: LightChain = "kappa", kappa_fraction_normal: float = 2 / 3,
                    spread: float = 0.25, seed: int | np.random.Generator | None = 0) -> FlowSample:
    """Simulate the events of a bone-marrow aspirate.

    Parameters
    ----------
    n_events : int
        Number of events (cells).
    fractions : mapping, optional
        Population → fraction of events (must sum to 1); default
        :data:`DEFAULT_FRACTIONS`.  Missing populations count as 0.
    clonal_light_chain : {'kappa', 'lambda'}
        The single light chain of the clone.
    kappa_fraction_normal : float
        Probability that a polyclonal B cell, plasmablast or plasma cell uses κ.
    spread : float
        Standard deviation of log10 intensity within a population.
    seed : int or Generator, optional
        Seed for :func:`numpy.random.default_rng`.

    Returns
    -------
    FlowSample

    Examples
    --------
    >>> s = simulate_marrow(1000, fractions={"clonal_pc": 1.0}, clonal_light_chain="lambda", seed=3)
    >>> set(s.light_chain.tolist())
    {'lambda'}
    >>> bool((s.marker("lambda") > s.marker("kappa")).all())
    True
    """
    n = int(check_range("n_events", n_events, 1, None))
    if clonal_light_chain not in ("kappa", "lambda"):
        raise InputError("clonal_light_chain", clonal_light_chain, "'kappa' 或 'lambda'",
                         en_expected="'kappa' or 'lambda'")
    p_kappa = check_fraction("kappa_fraction_normal", kappa_fraction_normal)
    sd = check_range("spread", spread, 0.0, 2.0)
    frac = dict(DEFAULT_FRACTIONS if fractions is None else fractions)
    for k, v in frac.items():
        if k not in POPULATIONS:
            raise InputError("fractions", k, "、".join(POPULATIONS), en_expected=", ".join(POPULATIONS))
        check_fraction(f"fractions[{k}]", v)
    probs = np.array([frac.get(p, 0.0) for p in POPULATIONS], dtype=float)
    if abs(probs.sum() - 1.0) > 1e-9:
        raise InputError("fractions", round(float(probs.sum()), 6), "各群体比例之和 = 1",
                         en_expected="fractions summing to 1")
    rng = make_rng(seed)
    labels = rng.choice(len(POPULATIONS), size=n, p=probs)
    population = np.array(POPULATIONS, dtype=object)[labels].astype(str)
    means = np.empty((n, len(MARKERS)))
    light = np.full(n, "", dtype=object)
    for i, pop in enumerate(POPULATIONS):
        idx = np.flatnonzero(labels == i)
        ph = PHENOTYPES[pop]
        for j, m in enumerate(MARKERS[:8]):
            means[idx, j] = ph[m]
        if pop == "other":
            light[idx] = ""
        elif pop == "clonal_pc":
            light[idx] = clonal_light_chain
        else:
            is_k = rng.random(idx.size) < p_kappa
            light[idx] = np.where(is_k, "kappa", "lambda")
        lc = ph["LC"]
        means[idx, 8] = np.where(light[idx] == "kappa", lc, _NEG)
        means[idx, 9] = np.where(light[idx] == "lambda", lc, _NEG)
    events = means + rng.normal(0.0, sd, size=means.shape) if sd > 0 else means
    return FlowSample(events=events, population=population, light_chain=light.astype(str))


def gate_plasma_cells(sample: FlowSample, *, cd38_bright: float = 3.3, cd138_positive: float = 2.8,
                      cd19_negative: float = 2.0, cd56_positive: float = 2.5, cd45_dim: float = 2.2,
                      ratio_above: float = KAPPA_LAMBDA_RESTRICTED_ABOVE,
                      ratio_below: float = KAPPA_LAMBDA_RESTRICTED_BELOW,
                      min_pcs: int = MIN_PCS_FOR_RATIO) -> GateResult:
    """Gate the plasma cells and report clonality.

    The gate is CD38 > ``cd38_bright`` and CD138 > ``cd138_positive``.  A gated
    cell is aberrant when at least two of CD19 < ``cd19_negative``,
    CD56 > ``cd56_positive`` and CD45 < ``cd45_dim`` hold.  A cell is counted
    κ (λ) when its κ (λ) channel is the brighter of the two.

    Examples
    --------
    >>> normal = simulate_marrow(20_000, fractions={"normal_pc": 0.02, "other": 0.98}, seed=2)
    >>> g = gate_plasma_cells(normal)
    >>> g.n_aberrant, g.restricted
    (0, False)
    >>> round(g.kappa_lambda_ratio, 1)
    2.0
    """
    ev = sample.events
    cd38, cd138 = ev[:, MARKERS.index("CD38")], ev[:, MARKERS.index("CD138")]
    gate = (cd38 > cd38_bright) & (cd138 > cd138_positive)
    score = ((ev[:, MARKERS.index("CD19")] < cd19_negative).astype(int)
             + (ev[:, MARKERS.index("CD56")] > cd56_positive).astype(int)
             + (ev[:, MARKERS.index("CD45")] < cd45_dim).astype(int))
    aberrant = gate & (score >= 2)
    k, lam = ev[:, MARKERS.index("kappa")], ev[:, MARKERS.index("lambda")]
    n_pc = int(gate.sum())
    n_k = int((gate & (k > lam)).sum())
    n_l = n_pc - n_k
    ratio = n_k / n_l if n_l > 0 else (float("inf") if n_k > 0 else float("nan"))
    if n_pc < min_pcs:
        restricted: bool | None = None
        chain: LightChain | None = None
    elif ratio > ratio_above:
        restricted, chain = True, "kappa"
    elif ratio < ratio_below:
        restricted, chain = True, "lambda"
    else:
        restricted, chain = False, None
    n = ev.shape[0]
    return GateResult(
        in_pc_gate=gate, aberrant=aberrant, n_events=n, n_pc=n_pc, n_aberrant=int(aberrant.sum()),
        n_kappa=n_k, n_lambda=n_l, pc_fraction=n_pc / n if n else 0.0,
        clonal_fraction=float(aberrant.sum()) / n_pc if n_pc else 0.0,
        kappa_lambda_ratio=float(ratio), restricted=restricted, restricted_chain=chain,
    )


def expected_kappa_lambda_ratio(clonal_fraction: float, *, clone: LightChain = "kappa",
                                kappa_fraction_normal: float = 2 / 3) -> float:
    """Expected κ:λ ratio among plasma cells when a share of them is one clone.

    With clone share ``f`` and polyclonal κ fraction ``p``:
    κ:λ = (f + (1−f)p) / ((1−f)(1−p)) for a κ clone and
    (1−f)p / (f + (1−f)(1−p)) for a λ clone.

    Examples
    --------
    >>> round(expected_kappa_lambda_ratio(0.0), 6)
    2.0
    >>> round(expected_kappa_lambda_ratio(0.4), 6)
    4.0
    >>> round(expected_kappa_lambda_ratio(0.5, clone="lambda"), 6)
    0.5
    """
    f = check_fraction("clonal_fraction", clonal_fraction)
    p = check_fraction("kappa_fraction_normal", kappa_fraction_normal)
    if clone == "kappa":
        den = (1 - f) * (1 - p)
        return (f + (1 - f) * p) / den if den > 0 else float("inf")
    if clone == "lambda":
        return (1 - f) * p / (f + (1 - f) * (1 - p))
    raise InputError("clone", clone, "'kappa' 或 'lambda'", en_expected="'kappa' or 'lambda'")


def minimal_restricted_clone_fraction(clone: LightChain = "kappa", *, kappa_fraction_normal: float = 2 / 3,
                                      ratio_above: float = KAPPA_LAMBDA_RESTRICTED_ABOVE,
                                      ratio_below: float = KAPPA_LAMBDA_RESTRICTED_BELOW) -> float:
    """Smallest clone share (of plasma cells) whose expected κ:λ crosses the restriction cut-off.

    Solving :func:`expected_kappa_lambda_ratio` for a ratio equal to the
    cut-off ``R``: a κ clone needs ``f = (R(1−p) − p) / ((1−p)(1+R))`` and a λ
    clone ``f = (p − R(1−p)) / (p(1+R))``.  Returns 0 when the polyclonal
    background alone already crosses the cut-off.

    >>> round(minimal_restricted_clone_fraction("kappa", kappa_fraction_normal=0.5), 4)
    0.6
    """
    p = check_fraction("kappa_fraction_normal", kappa_fraction_normal)
    if clone == "kappa":
        r = ratio_above
        # (f + (1-f)p) = r (1-f)(1-p)  ->  f (1 - p + r(1-p)) = r(1-p) - p
        f = (r * (1 - p) - p) / ((1 - p) * (1 + r))
    elif clone == "lambda":
        r = ratio_below
        # (1-f)p = r (f + (1-f)(1-p))  ->  p - r(1-p) = f (p + r - r(1-p)) = f p (1 + r)
        f = (p - r * (1 - p)) / (p * (1 + r))
    else:
        raise InputError("clone", clone, "'kappa' 或 'lambda'", en_expected="'kappa' or 'lambda'")
    return float(min(max(f, 0.0), 1.0))
