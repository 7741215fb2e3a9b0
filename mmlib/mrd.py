"""MRD sensitivity as a sampling problem: how many cells must be acquired to see the clone.

A marrow sample in which a fraction ``f`` of the nucleated cells are clonal plasma cells
is read cell by cell (next-generation flow) or molecule by molecule (sequencing).  If
``n`` cells are acquired, the number of clonal cells seen is close to a Poisson variable
with mean ``λ = n f`` (binomial with tiny ``f``).  Three questions follow:

* the **probability of detection** — seeing at least ``k`` clonal events —
  ``P(X ≥ k) = 1 − Σ_{i<k} e^{−λ} λ^i / i!``  (:func:`detection_probability`);
* the **number of cells** needed to reach a probability ``p``  (:func:`cells_required`);
* the **limits** a laboratory states from an event-count convention: the limit of
  detection (LOD) and of quantification (LOQ) are ``events / n``  (:func:`limit_of_detection`,
  :func:`limit_of_quantification`).

IMWG 2016 counts MRD negativity only at a sensitivity of at least one clonal cell in
10⁵ nucleated cells (:data:`mmlib.response.MRD_CELLS`, Kumar 2016); 10⁻⁶ is the depth
that current NGF and NGS assays report.  The event counts of LOD (20) and LOQ (50) are
the convention used for next-generation flow (``floresmontero2017``): they are shown here
to teach the idea and are **illustrative** — every laboratory states its own validated
limits.

>>> round(detection_probability(300_000, 1e-5), 4)      # λ = 3 expected clonal cells
0.9502
>>> cells_required(1e-5)                                 # P(at least one clonal cell) ≥ 95 %
299574
>>> limit_of_detection(10_000_000)                       # 20 events in 10⁷ cells
2e-06
"""

from __future__ import annotations

import math

from scipy.special import pdtrc, pdtri

from .errors import InputError
from .response import MRD_CELLS

__all__ = [
    "IMWG_SENSITIVITY", "DEEP_SENSITIVITY", "LOD_EVENTS", "LOQ_EVENTS", "DEFAULT_PROBABILITY",
    "detection_probability", "cells_required", "expected_events", "limit_of_detection",
    "limit_of_quantification", "cells_for_limit",
]

#: The IMWG 2016 minimum: one clonal cell in 10⁵ nucleated cells (read from :data:`mmlib.response.MRD_CELLS`).
IMWG_SENSITIVITY: float = 1 / MRD_CELLS.value
#: The deeper level reported by NGF and NGS assays: one clonal cell in 10⁶.
DEEP_SENSITIVITY: float = IMWG_SENSITIVITY / 10
#: Clonal events counted as "detected" in next-generation flow (illustrative convention, Flores-Montero 2017).
LOD_EVENTS: int = 20
#: Clonal events needed to report a number, not only "present" (illustrative convention, Flores-Montero 2017).
LOQ_EVENTS: int = 50
#: The probability used when none is given: 95 %.
DEFAULT_PROBABILITY: float = 0.95


def _frequency(value: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < 1:
        raise InputError("frequency", value, "0 与 1 之间的比例，如 1e-5", en_expected="a fraction between 0 and 1, e.g. 1e-5")
    return float(value)


def _cells(value: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < math.inf:
        raise InputError("cells", value, "正数（获取的细胞数）", en_expected="a positive number of cells")
    return float(value)


def _events(value: int, field: str = "events") -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InputError(field, value, "≥ 1 的整数", en_expected="an integer ≥ 1")
    return value


def expected_events(cells: float, frequency: float) -> float:
    """Mean number of clonal cells among ``cells`` acquired at clonal ``frequency``: ``λ = n f``.

    >>> expected_events(2_000_000, 1e-5), expected_events(2_000_000, 1e-6)
    (20.0, 2.0)
    """
    return _cells(cells) * _frequency(frequency)


def detection_probability(cells: float, frequency: float, events: int = 1) -> float:
    """Probability of seeing at least ``events`` clonal cells (Poisson with mean ``cells × frequency``).

    >>> round(detection_probability(1_000_000, 1e-6), 4)          # one expected cell: 1 − e⁻¹
    0.6321
    >>> round(detection_probability(2_000_000, 1e-5, events=20), 3)  # mean 20, need ≥ 20
    0.53
    >>> detection_probability(1_000_000, 2.0)
    Traceback (most recent call last):
    ...
    mmlib.errors.InputError: 字段 frequency 的值 2.0 无效：应为 0 与 1 之间的比例，如 1e-5。 / Invalid value 2.0 for field frequency: expected a fraction between 0 and 1, e.g. 1e-5.
    """
    lam = expected_events(cells, frequency)
    return float(pdtrc(_events(events) - 1, lam))


def cells_required(frequency: float, events: int = 1, probability: float = DEFAULT_PROBABILITY) -> int:
    """Smallest number of acquired cells giving ``P(≥ events clonal cells) ≥ probability``.

    >>> cells_required(1e-6)                          # ≈ 3.0 million: −ln(0.05) / 10⁻⁶
    2995733
    >>> cells_required(1e-5, events=LOD_EVENTS)       # to reach the 20-event LOD with 95 % probability
    2787924
    """
    f, k = _frequency(frequency), _events(events)
    if isinstance(probability, bool) or not isinstance(probability, (int, float)) or not 0 < probability < 1:
        raise InputError("probability", probability, "0 与 1 之间（不含两端）", en_expected="between 0 and 1 (exclusive)")
    lam = float(pdtri(k - 1, 1 - probability))  # the Poisson mean with P(X ≤ k − 1) = 1 − p
    n = max(1, math.ceil(lam / f))
    while n > 1 and detection_probability(n - 1, f, k) >= probability:  # guard the rounding of the inverse
        n -= 1
    while detection_probability(n, f, k) < probability:
        n += 1
    return n


def limit_of_detection(cells: float, events: int = LOD_EVENTS) -> float:
    """Lowest clonal frequency reported as detected: ``events / cells`` (LOD).

    >>> limit_of_detection(2_000_000), limit_of_detection(20_000_000)
    (1e-05, 1e-06)
    """
    return _events(events) / _cells(cells)


def limit_of_quantification(cells: float, events: int = LOQ_EVENTS) -> float:
    """Lowest clonal frequency reported as a number: ``events / cells`` (LOQ).

    >>> limit_of_quantification(10_000_000)
    5e-06
    """
    return limit_of_detection(cells, events)


def cells_for_limit(frequency: float, events: int = LOD_EVENTS) -> int:
    """Cells to acquire so that ``events`` clonal cells are expected at ``frequency`` (the LOD reaches it).

    >>> cells_for_limit(1e-5), cells_for_limit(1e-6)
    (2000000, 20000000)
    """
    return math.ceil(round(_events(events) / _frequency(frequency), 6))
