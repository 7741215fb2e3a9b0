"""Shared helpers for the teaching models: parameter tables and range checks.

Every teaching model publishes a ``PARAMETERS`` tuple of :class:`Parameter`
records.  A parameter's ``source`` is either a key of
:data:`mmlib.sources.SOURCES` (a published value) or one of the tags in
:data:`PROVENANCE_TAGS` ("illustrative", "approximate", "physiology",
"convention"), so that a reader can always tell a literature number from a
number chosen only to make the mechanism visible.

>>> p = Parameter("alpha1", 3.0, "1/天", "破骨细胞自分泌生成速率", "komarova2003")
>>> p.provenance
'Komarova 2003'
>>> Parameter("k", 0.1, "", "示意参数", "illustrative").provenance
'示意值 (illustrative)'
>>> parameter_table([p]).columns.tolist()
['参数', '含义', '数值', '单位', '来源或示意']
>>> check_range("dose", 0.5, 0.0, 1.0)
0.5
>>> check_range("dose", -1, 0.0, 1.0)
Traceback (most recent call last):
...
mmlib.errors.InputError: 字段 dose 的值 -1 无效：应为 0 ≤ dose ≤ 1。 / Invalid value -1 for field dose: expected 0 ≤ dose ≤ 1.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable

import numpy as np
import pandas as pd

from ..errors import InputError, MMLibError
from ..sources import SOURCES
from ..trace import fmt_number, unit_suffix

__all__ = ["Parameter", "PROVENANCE_TAGS", "parameter_table", "check_range", "check_fraction", "make_rng"]

#: Provenance tags for parameters that are not taken from a registered paper.
PROVENANCE_TAGS: dict[str, str] = {
    "illustrative": "示意值 (illustrative)",
    "approximate": "近似值 (approximate)",
    "physiology": "生理学常识值 (textbook physiology)",
    "convention": "约定 (convention)",
}


@dataclass(frozen=True)
class Parameter:
    """One model parameter with its provenance.

    Parameters
    ----------
    name : str
        The symbol used in the code and the notebook (e.g. ``"alpha1"``).
    value : float or str
        The default value.
    unit : str
        Unit ('' for dimensionless).
    zh : str
        Meaning, in Chinese.
    source : str
        A key of :data:`mmlib.sources.SOURCES`, or a tag of :data:`PROVENANCE_TAGS`.
    note : str
        Optional remark (e.g. how the value was derived).
    """

    name: str
    value: float | str
    unit: str
    zh: str
    source: str
    note: str = ""

    def __post_init__(self) -> None:
        if self.source not in SOURCES and self.source not in PROVENANCE_TAGS:
            raise MMLibError(
                f"参数 {self.name} 的来源 '{self.source}' 既不是文献键也不是来源标签。",
                f"Parameter {self.name}: source '{self.source}' is neither a source key nor a provenance tag.",
                field="source", value=self.source,
            )

    @property
    def is_published(self) -> bool:
        """``True`` when the value comes from a registered paper."""
        return self.source in SOURCES

    @property
    def provenance(self) -> str:
        """Short label: the paper's author–year, or the Chinese/English tag."""
        return SOURCES[self.source].short if self.is_published else PROVENANCE_TAGS[self.source]


def parameter_table(params: Iterable[Parameter]) -> pd.DataFrame:
    """The parameters as a table for a notebook (one row per parameter).

    The last column says, for every row, whether the number is published
    (author–year) or illustrative.
    """
    rows = []
    for p in params:
        value = fmt_number(p.value) if isinstance(p.value, (int, float)) else str(p.value)
        prov = p.provenance + (f"；{p.note}" if p.note else "")
        rows.append({"参数": p.name, "含义": p.zh, "数值": value, "单位": p.unit, "来源或示意": prov})
    return pd.DataFrame(rows, columns=["参数", "含义", "数值", "单位", "来源或示意"])


def check_range(field: str, value: float, lo: float | None = None, hi: float | None = None, *,
                lo_open: bool = False, hi_open: bool = False, unit: str = "") -> float:
    """Return ``float(value)`` if it is a finite number inside the range, else raise :class:`InputError`.

    ``lo``/``hi`` of ``None`` leave that side unbounded; ``lo_open``/``hi_open``
    make that bound strict.

    >>> check_range("n", 3, 1, None)
    3.0
    >>> check_range("x", 0.0, 0.0, 1.0, lo_open=True)
    Traceback (most recent call last):
    ...
    mmlib.errors.InputError: 字段 x 的值 0.0 无效：应为 0 < x ≤ 1。 / Invalid value 0.0 for field x: expected 0 < x ≤ 1.
    """
    u = unit_suffix(unit)
    parts = []
    if lo is not None:
        parts.append(f"{fmt_number(lo)}{u} {'<' if lo_open else '≤'} ")
    parts.append(field)
    if hi is not None:
        parts.append(f" {'<' if hi_open else '≤'} {fmt_number(hi)}{u}")
    expected = "".join(parts) if (lo is not None or hi is not None) else "有限实数"
    en_expected = "".join(parts) if (lo is not None or hi is not None) else "a finite real number"
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise InputError(field, value, expected, en_expected=en_expected) from None
    if isinstance(value, bool) or not math.isfinite(x):
        raise InputError(field, value, expected, en_expected=en_expected)
    if lo is not None and (x < lo or (lo_open and x == lo)):
        raise InputError(field, value, expected, en_expected=en_expected)
    if hi is not None and (x > hi or (hi_open and x == hi)):
        raise InputError(field, value, expected, en_expected=en_expected)
    return x


def check_fraction(field: str, value: float, *, allow_one: bool = True) -> float:
    """A fraction in [0, 1] (or [0, 1) when ``allow_one`` is false).

    >>> check_fraction("f", 0.25)
    0.25
    """
    return check_range(field, value, 0.0, 1.0, hi_open=not allow_one)


def make_rng(seed: int | np.random.Generator | None) -> np.random.Generator:
    """``numpy.random.default_rng(seed)``; a Generator is passed through unchanged.

    >>> bool(make_rng(1).integers(0, 100) == make_rng(1).integers(0, 100))
    True
    """
    if isinstance(seed, np.random.Generator):
        return seed
    return np.random.default_rng(seed)
