"""Thresholds, comparisons and the reasoning trace that every rule returns.

A :class:`Threshold` holds one published cut-off in both unit systems with its
comparison sign and source.  Comparing through it (never with a hand-typed
number) guarantees that the verdict, the trace and the Chinese explanation all
use the same value.

>>> t = Threshold("demo.calcium", "血清钙", ">", 11, "mg/dL", si=2.75, si_unit="mmol/L", source="imwg2014")
>>> t.test(11.0, "mg/dL"), t.test(11.01, "mg/dL"), t.test(2.76, "mmol/L")
(False, True, True)
>>> t.describe("mmol/L")
'> 2.75 mmol/L'
>>> c = t.check(11.4, "mg/dL")
>>> c.verdict, c.threshold, c.comparison
(True, 11, '>')
>>> print(c.explain())
血清钙 = 11.4 mg/dL，标准 > 11 mg/dL → 符合 [Rajkumar 2014]
"""

from __future__ import annotations

import math
import operator
import re
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from .errors import MMLibError
from .sources import source as _source

__all__ = ["OPS", "NEGATED", "SIGNIFICANT_DIGITS", "as_read", "Threshold", "Check", "RuleResult", "fmt_number", "fmt_quantity", "zh_join", "info"]

#: The four comparison signs used by the published criteria.
OPS: dict[str, Callable[[float, float], bool]] = {
    ">": operator.gt,
    "≥": operator.ge,
    "<": operator.lt,
    "≤": operator.le,
}

#: The complementary sign: ``not (x > t)`` is ``x ≤ t`` and so on.
NEGATED: dict[str, str] = {">": "≤", "≥": "<", "<": "≥", "≤": ">"}

#: Significant digits at which every compared value is read (see :func:`as_read`).
SIGNIFICANT_DIGITS = 12


def as_read(x):
    """A value as the reader sees it: rounded to :data:`SIGNIFICANT_DIGITS` significant digits.

    The one comparison rule of :mod:`mmlib`.  Every value is rounded to 12
    significant digits before it is compared with a published cut-off (which
    has at most 4), so a ratio, product, difference or unit conversion that is
    *mathematically* on the cut-off is decided as on the cut-off, whatever the
    binary floating-point error of its computation (about 1 part in 10¹⁶).
    κ 440 / λ 4.4 is 99.99999999999999 in binary floating point, and 100 as
    read.  Entered values never carry 12 significant digits, so rounding
    never moves a real value across a cut-off.  Works on numbers and numpy
    arrays alike (NaN and ±inf pass through), so the per-case rules and the
    cohort path share it.

    >>> 440 / 4.4, as_read(440 / 4.4)
    (99.99999999999999, 100.0)
    >>> as_read(3.29 - 2.99), as_read(0.1 + 0.2), as_read(0.0), as_read(-1.5e-20)
    (0.3, 0.3, 0.0, -1.5e-20)
    >>> as_read(np.array([2.2 * 3, np.nan, np.inf])).tolist()
    [6.6, nan, inf]
    """
    if isinstance(x, (float, int)):
        return _as_read_scalar(float(x))
    a = np.asarray(x, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        finite = np.isfinite(a) & (a != 0)
        safe = np.where(finite, np.abs(a), 1.0)
        exponent = np.floor(np.log10(safe)).astype(int)
        decimals = np.clip(SIGNIFICANT_DIGITS - 1 - exponent, -300, 300)
        up = decimals >= 0
        # scale by an exact power of ten (10**k is exact for k <= 22; the clip keeps k in range
        # for every value a criterion can meet), round half to even, scale back
        k = np.clip(np.abs(decimals), 0, 22).astype(float)
        p = np.power(10.0, k)
        rounded = np.where(up, np.round(a * p) / p, np.round(a / p) * p)
        out = np.where(finite & (np.abs(decimals) <= 22), rounded, a)
    if out.ndim == 0:
        return float(out)
    return out


def _as_read_scalar(a: float) -> float:
    """:func:`as_read` of one float, step for step the array path without numpy's per-call overhead.

    The per-case rules read a handful of scalars per decision; the array path costs
    about 30 µs per call on a scalar, this one about 2 µs.  Same exponent (numpy's
    ``log10``), same exact power of ten, same round-half-to-even, so the same bits.

    >>> _as_read_scalar(440 / 4.4), _as_read_scalar(-0.0), _as_read_scalar(float("nan")) != 0
    (100.0, -0.0, True)
    """
    if not math.isfinite(a) or a == 0:
        return a
    exponent = math.floor(np.log10(abs(a)))
    decimals = min(max(SIGNIFICANT_DIGITS - 1 - exponent, -300), 300)
    if abs(decimals) > 22:
        return a
    p = 10.0 ** abs(decimals)
    return round(a * p) / p if decimals >= 0 else round(a / p) * p


def fmt_number(x: float | int) -> str:
    """Format a number for a Chinese report: no trailing zeros, at most 4 decimals.

    >>> fmt_number(3.0), fmt_number(2.7450), fmt_number(12), fmt_number(0.333333)
    ('3', '2.745', '12', '0.3333')
    """
    if isinstance(x, bool):
        return str(x)
    if float(x).is_integer():
        return str(int(x))
    return f"{x:.4f}".rstrip("0").rstrip(".")


def unit_suffix(unit: str | None) -> str:
    """The unit as it follows a number in the book: ``'%'`` directly (``10%``), any other unit after a space.

    >>> "10" + unit_suffix("%"), "2" + unit_suffix("mg/dL"), "3" + unit_suffix("")
    ('10%', '2 mg/dL', '3')
    """
    if not unit:
        return ""
    return unit if unit == "%" else f" {unit}"


def fmt_quantity(x: float | int, unit: str = "", digits: int | None = None) -> str:
    """A value for a headline: rounded to ``digits`` decimals (if given), then its unit.

    >>> fmt_quantity(19.2578, "mL/min", 1), fmt_quantity(2.0, "g/dL"), fmt_quantity(3.14159, digits=2)
    ('19.3 mL/min', '2 g/dL', '3.14')
    """
    number = fmt_number(x if digits is None else round(x, digits))
    return f"{number}{unit_suffix(unit)}"


_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN_END = re.compile(r"[A-Za-z0-9)\]+%κλβµ]")
_LATIN_START = re.compile(r"[A-Za-z0-9(κλβµ]")


def zh_join(*parts: str) -> str:
    """Concatenate pieces of a Chinese sentence, with a space where Chinese meets Latin letters or digits.

    >>> zh_join("推断", "t(4;14)"), zh_join("推断", "超二倍体"), zh_join("dFLC", "较最低值升高")
    ('推断 t(4;14)', '推断超二倍体', 'dFLC 较最低值升高')
    >>> zh_join("1q+（获得或扩增）", "计分"), zh_join("del(17p)", "计分")
    ('1q+（获得或扩增）计分', 'del(17p) 计分')
    """
    out = ""
    for part in parts:
        if out and part and ((_CJK.match(out[-1]) and _LATIN_START.match(part[0]))
                             or (_LATIN_END.match(out[-1]) and _CJK.match(part[0]))):
            out += " "
        out += part
    return out


@dataclass(frozen=True)
class Threshold:
    """A published cut-off: ``value <op> threshold`` in the unit given.

    ``si`` is the parallel value the paper prints in SI units, where it differs
    from the conventional one (IMWG's parallels are rounded, e.g. 11 mg/dL and
    2.75 mmol/L); a threshold without units (a percentage, a ratio) leaves the
    SI fields empty.
    """

    key: str
    zh: str
    op: str
    value: float
    unit: str = ""
    si: float | None = None
    si_unit: str | None = None
    source: str = "imwg2014"

    def __post_init__(self) -> None:
        if self.op not in OPS:
            raise MMLibError(f"未知比较符 '{self.op}'。", f"Unknown comparison '{self.op}'.", field="op", value=self.op)
        _source(self.source)  # fail at import time on a mistyped source key

    def value_in(self, unit: str) -> float:
        """The threshold expressed in ``unit`` (conventional or SI, as published).

        >>> Threshold("x", "肌酐", ">", 2, "mg/dL", si=177, si_unit="µmol/L").value_in("µmol/L")
        177
        """
        if unit == self.unit:
            return self.value
        if self.si is not None and unit == self.si_unit:
            return self.si
        raise MMLibError(
            f"阈值 {self.key} 没有以 {unit} 表示的版本（可用：{self.unit}"
            + (f"、{self.si_unit}" if self.si_unit else "") + "）。",
            f"Threshold {self.key} is not published in {unit} (available: {self.unit}"
            + (f", {self.si_unit}" if self.si_unit else "") + ").",
            field=self.key, value=unit,
        )

    def test(self, value: float, unit: str | None = None) -> bool:
        """``True`` when ``value`` (in ``unit``, default the conventional unit) meets the criterion.

        The value is compared as read (:func:`as_read`), so a quotient that is
        mathematically on the cut-off is on the cut-off:

        >>> Threshold("x", "比值", "≥", 100).test(440 / 4.4)
        True
        """
        return OPS[self.op](as_read(value), self.value_in(self.unit if unit is None else unit))

    def describe(self, unit: str | None = None) -> str:
        """The criterion as text, e.g. ``'≥ 10%'`` or ``'> 2.75 mmol/L'`` (no space before ``%``, as in the prose)."""
        u = self.unit if unit is None else unit
        number = fmt_number(self.value_in(u))
        return f"{self.op} {number}{unit_suffix(u)}"

    def negate(self, key: str, zh: str | None = None) -> "Threshold":
        """The complementary criterion with the same published number(s).

        Used where a paper states both sides of one boundary (MGUS "< 3 g/dL",
        SMM "≥ 3 g/dL"), so that the number is written once.

        >>> smm = Threshold("x.smm", "M 蛋白", "≥", 3, "g/dL", si=30, si_unit="g/L")
        >>> smm.negate("x.mgus").describe("g/L")
        '< 30 g/L'
        """
        return Threshold(key, zh or self.zh, NEGATED[self.op], self.value, self.unit,
                         si=self.si, si_unit=self.si_unit, source=self.source)

    def relabel(self, key: str, zh: str) -> "Threshold":
        """The same criterion (sign, number(s), source) under another key and Chinese label.

        Used where one published number is re-used in another context, so that
        the trace names it in that context while the number is written once.

        >>> marrow = Threshold("x.measurable", "基线骨髓浆细胞", "≥", 30, "%")
        >>> t = marrow.relabel("y.infiltration", "骨髓克隆性浆细胞（浸润程度）")
        >>> t.key, t.zh, t.describe(), t.value == marrow.value
        ('y.infiltration', '骨髓克隆性浆细胞（浸润程度）', '≥ 30%', True)
        """
        return Threshold(key, zh, self.op, self.value, self.unit, si=self.si, si_unit=self.si_unit,
                         source=self.source)

    def check(self, value: float | None, unit: str | None = None, *, label: str | None = None,
              note: str = "") -> "Check":
        """Compare and return the trace line; ``value=None`` gives a 'not evaluable' line."""
        u = self.unit if unit is None else unit
        verdict = None if value is None else self.test(value, u)
        return Check(
            criterion=self.key, label=label or self.zh, value=value, unit=u,
            threshold=self.value_in(u), comparison=self.op, verdict=verdict,
            source=self.source, note=note,
        )


@dataclass(frozen=True)
class Check:
    """One line of a reasoning trace.

    ``verdict`` is ``True`` (criterion met), ``False`` (not met) or ``None``
    (not evaluable because an input is missing).
    """

    criterion: str
    label: str
    value: Any
    unit: str | None
    threshold: Any
    comparison: str | None
    verdict: bool | None
    source: str
    note: str = ""

    def explain(self) -> str:
        """One Chinese sentence: the value, the criterion, the verdict, the source."""
        short = _source(self.source).short
        if self.value is None:
            text = f"{self.label}：缺少数据，无法评估"
        else:
            shown = fmt_number(self.value) if isinstance(self.value, (int, float)) and not isinstance(
                self.value, bool) else ("是" if self.value is True else "否" if self.value is False else str(self.value))
            unit = unit_suffix(self.unit)
            sep = "：" if isinstance(self.value, str) and self.comparison is None else " = "
            text = f"{self.label}{sep}{shown}{unit}"
            if self.comparison is not None and self.threshold is not None:
                text += f"，标准 {self.comparison} {fmt_number(self.threshold)}{unit}"
            if self.verdict is not None:
                text += " → " + ("符合" if self.verdict else "不符合")
        if self.note:
            text += f"（{self.note}）"
        return f"{text} [{short}]"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (the ``trace`` entries of the JSON contract)."""
        return {
            "criterion": self.criterion,
            "label": self.label,
            "value": self.value,
            "unit": self.unit,
            "threshold": self.threshold,
            "comparison": self.comparison,
            "verdict": self.verdict,
            "source": self.source,
            "note": self.note,
        }


def info(criterion: str, label: str, value: Any, unit: str | None = None, *, source: str,
         note: str = "") -> Check:
    """A trace line that reports a value (a calculation, an input) without a verdict.

    >>> print(info("labs.crcl", "肌酐清除率", 77.78, "mL/min", source="cockcroft1976").explain())
    肌酐清除率 = 77.78 mL/min [Cockcroft 1976]
    >>> print(info("x.note", "说明", "淀粉样变性不在本模型输入中", source="imwg2014").explain())
    说明：淀粉样变性不在本模型输入中 [Rajkumar 2014]
    """
    return Check(criterion=criterion, label=label, value=value, unit=unit, threshold=None,
                 comparison=None, verdict=None, source=source, note=note)


@dataclass(frozen=True)
class RuleResult:
    """The result of one rule: its value, the trace behind it and what was missing.

    ``value`` is machine-readable (a code such as ``'mgus'``, a stage ``'II'``
    or an unrounded number); ``shown``, when set, is what a reader sees in the
    headline of :meth:`explain` (a Chinese name, a rounded value with its
    unit, or "无法计算" for a calculation without its inputs; without it the
    headline of ``None`` is "无法判断").  ``summary`` adds a sentence after the
    headline.

    >>> r = RuleResult("demo.crcl", "肌酐清除率", 19.2578, shown="19.3 mL/min", source="cockcroft1976")
    >>> print(r.explain())
    肌酐清除率：19.3 mL/min
    >>> r.to_dict()["value"], r.to_dict()["shown"]
    (19.2578, '19.3 mL/min')
    >>> RuleResult("demo.score", "总分", 2.5, source="imwg2014").explain()   # without ``shown``: the value itself
    '总分：2.5'
    >>> t = Threshold("demo.bmpc", "骨髓克隆性浆细胞", "≥", 60, "%")
    >>> r = RuleResult("demo", "S（≥ 60% 浆细胞）", True, (t.check(65, "%"),), source="imwg2014")
    >>> r.evaluable, r.to_dict()["value"]
    (True, True)
    >>> print(r.explain())
    S（≥ 60% 浆细胞）：是
      - 骨髓克隆性浆细胞 = 65%，标准 ≥ 60% → 符合 [Rajkumar 2014]
    """

    name: str
    label: str
    value: Any
    checks: tuple[Check, ...] = ()
    missing: tuple[str, ...] = ()
    source: str = "imwg2014"
    summary: str = ""
    details: dict[str, Any] = field(default_factory=dict)
    shown: str | None = None

    @property
    def evaluable(self) -> bool:
        """``False`` when the rule could not reach a value (``value is None``)."""
        return self.value is not None

    def explain(self) -> str:
        """A short Chinese paragraph: the headline and one line per check."""
        if self.shown is not None:
            head = self.shown
        elif self.value is None:
            head = "无法判断"
        elif self.value is True:
            head = "是"
        elif self.value is False:
            head = "否"
        elif isinstance(self.value, (int, float)):
            head = fmt_number(self.value)
        else:
            head = str(self.value)
        lines = [f"{self.label}：{head}" + (f"。{self.summary}" if self.summary else "")]
        lines += [f"  - {c.explain()}" for c in self.checks]
        if self.missing:
            from .case import field_zh  # lazy: mmlib.case imports this module

            lines.append("  - 缺少数据：" + "、".join(field_zh(m) for m in self.missing))
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "name": self.name,
            "value": self.value,
            "shown": self.shown,
            "missing": list(self.missing),
            "source": self.source,
            "details": self.details,
            "trace": [c.to_dict() for c in self.checks],
        }
