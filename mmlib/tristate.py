"""Three-valued (Kleene) logic: ``True`` / ``False`` / unknown.

A criterion whose input is missing is *unknown*, never ``False``.  An "or" of
criteria is true as soon as one is true and false only when all are false; an
"and" is false as soon as one is false.  The scalar functions work on
``bool | None``; the ``t_*`` functions on float numpy arrays coded 1.0 / 0.0 /
NaN (the form :mod:`mmlib.cohort` uses for whole columns).

>>> k_or(None, True), k_or(None, False), k_or(False, False)
(True, None, False)
>>> k_and(None, False), k_and(True, None), k_and(True, True)
(False, None, True)
>>> import numpy as np
>>> t_or(np.array([np.nan, 0.0, 0.0]), np.array([1.0, np.nan, 0.0])).tolist()
[1.0, nan, 0.0]
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["k_or", "k_and", "k_not", "tri", "untri", "t_or", "t_and", "t_not", "t_test"]


def k_or(*values: bool | None) -> bool | None:
    """Kleene "or" of ``bool | None`` values.

    >>> k_or(), k_or(None, True)
    (False, True)
    """
    if any(v is True for v in values):
        return True
    if all(v is False for v in values):
        return False
    return None


def k_and(*values: bool | None) -> bool | None:
    """Kleene "and" of ``bool | None`` values.

    >>> k_and(), k_and(None, True)
    (True, None)
    """
    if any(v is False for v in values):
        return False
    if all(v is True for v in values):
        return True
    return None


def k_not(value: bool | None) -> bool | None:
    """Kleene "not".

    >>> k_not(None), k_not(True)
    (None, False)
    """
    return None if value is None else not value


def tri(value: bool | None) -> float:
    """``True``/``False``/``None`` → 1.0 / 0.0 / NaN.

    >>> tri(True), tri(None)
    (1.0, nan)
    """
    return float("nan") if value is None else float(bool(value))


def untri(value: Any) -> bool | None:
    """1.0 / 0.0 / NaN → ``True``/``False``/``None``.

    >>> untri(1.0), untri(float("nan"))
    (True, None)
    """
    v = float(value)
    return None if v != v else v == 1.0


def t_or(*arrays: np.ndarray) -> np.ndarray:
    """Kleene "or" of 1/0/NaN arrays.

    >>> t_or(np.array([0.0, 0.0]), np.array([0.0, 1.0])).tolist()
    [0.0, 1.0]
    """
    stack = np.stack(np.broadcast_arrays(*arrays))
    return np.where((stack == 1.0).any(axis=0), 1.0, np.where((stack == 0.0).all(axis=0), 0.0, np.nan))


def t_and(*arrays: np.ndarray) -> np.ndarray:
    """Kleene "and" of 1/0/NaN arrays.

    >>> t_and(np.array([np.nan, 1.0]), np.array([0.0, 1.0])).tolist()
    [0.0, 1.0]
    """
    stack = np.stack(np.broadcast_arrays(*arrays))
    return np.where((stack == 0.0).any(axis=0), 0.0, np.where((stack == 1.0).all(axis=0), 1.0, np.nan))


def t_not(array: np.ndarray) -> np.ndarray:
    """Kleene "not" of a 1/0/NaN array (NaN stays NaN).

    >>> t_not(np.array([1.0, np.nan])).tolist()
    [0.0, nan]
    """
    return 1.0 - array


def t_test(threshold: Any, values: np.ndarray, unit: str | None = None) -> np.ndarray:
    """Apply a :class:`~mmlib.trace.Threshold` to an array: 1.0 / 0.0, NaN where the value is missing.

    >>> from mmlib.trace import Threshold
    >>> t = Threshold("x", "骨髓浆细胞", "≥", 60, "%")
    >>> t_test(t, np.array([60.0, 59.9, np.nan])).tolist()
    [1.0, 0.0, nan]
    """
    values = np.asarray(values, dtype=float)
    with np.errstate(invalid="ignore"):
        hit = threshold.test(values, unit)
    return np.where(np.isnan(values), np.nan, np.asarray(hit, dtype=float))
