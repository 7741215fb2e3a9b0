"""Answer kinds of the practice problems and the checker that compares a learner's answer.

Four kinds cover every problem of the book:

:class:`NumberAnswer`
    a number in a stated unit, within a tolerance; ``30``, ``"30 g/L"`` or
    ``{"value": 30, "unit": "g/L"}``.  A unit of the same analyte is converted
    with :func:`mmlib.units.convert` (``"3 g/dL"`` equals ``"30 g/L"``).
:class:`ChoiceAnswer`
    one code among named options (``"multiple_myeloma"``); the Chinese name of
    an option is accepted too.
:class:`SetAnswer`
    the options that apply, in any order (``["C", "R"]``; ``[]`` for none).
:class:`MappingAnswer`
    several named parts, each a choice or a number (``{"stage": "II"}``,
    ``{"score": 9, "group": "high_intermediate"}``).  With one part, the bare
    value is accepted (``"II"``).

A wrong answer that matches a *trap* (a common mistake, whose value the problem
computes from its own data) gets that trap's feedback.  An answer of the wrong
form raises :class:`AnswerError` (an :class:`~mmlib.errors.MMLibError`).

>>> a = NumberAnswer(30.0, "g/L", 0.5, analyte="m_protein")
>>> a.judge("3 g/dL").correct
True
>>> a.judge(3).feedback
'数值 3 对应的是 g/dL 单位下的答案；题目要求以 g/L 作答（3 g/dL = 30 g/L）。'
>>> ChoiceAnswer("mgus", {"mgus": "MGUS", "smoldering_multiple_myeloma": "SMM"}).judge("SMM").correct
False
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any, Mapping

from ..errors import MMLibError
from ..trace import fmt_number
from ..units import ANALYTES, convert

__all__ = ["AnswerError", "Verdict", "Trap", "NumberAnswer", "ChoiceAnswer", "SetAnswer", "MappingAnswer",
           "Answer", "unit_key"]


class AnswerError(MMLibError):
    """The learner's answer has the wrong form (not a malformed *value*: a wrong one is just wrong).

    >>> print(AnswerError("应为数字", "expected a number", "abc").en)
    Invalid answer 'abc': expected a number.
    """

    def __init__(self, zh_expected: str, en_expected: str, value: Any) -> None:
        shown = repr(value) if isinstance(value, str) else str(value)
        super().__init__(f"答案 {shown} 的格式无效：{zh_expected}。", f"Invalid answer {shown}: {en_expected}.",
                         field="answer", value=value)


@dataclass(frozen=True)
class Verdict:
    """Whether an answer is right, and a Chinese sentence that says why (``trap`` names a matched mistake)."""

    correct: bool
    feedback: str
    trap: str | None = None


@dataclass(frozen=True)
class Trap:
    """A common wrong answer and the feedback it deserves.

    ``value`` is what the mistake produces: a number (in the answer's unit), an
    option code, a ``"+X"``/``"-X"`` marker for a set (X wrongly included /
    omitted) or ``"part=value"`` for a mapping.
    """

    key: str
    value: Any
    feedback: str


def unit_key(unit: str) -> str:
    """A unit spelling normalised for comparison (case, spaces, ``u`` for ``µ``).

    >>> unit_key(" ML/min "), unit_key("umol/L") == unit_key("µmol/L")
    ('ml/min', True)
    """
    return unit.strip().replace(" ", "").replace("μ", "u").replace("µ", "u").lower()


_NUMBER_TEXT = re.compile(r"^\s*([-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)\s*(.*?)\s*$")


def _is_number(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


@dataclass(frozen=True)
class NumberAnswer:
    """A number in ``unit`` within ``tolerance`` (absolute, in ``unit``).

    ``analyte`` (a key of :data:`mmlib.units.ANALYTES`) lets the learner answer
    in the other unit of that analyte.

    >>> NumberAnswer(24.3, "mL/min", 1.0).judge({"value": 25, "unit": "ml/min"}).correct
    True
    >>> NumberAnswer(120.0, "", 2.0).shown()
    '120'
    """

    value: float
    unit: str
    tolerance: float
    analyte: str | None = None
    digits: int = 2
    traps: tuple[Trap, ...] = ()

    kind = "number"

    def shown(self, value: float | None = None) -> str:
        v = round(self.value if value is None else value, self.digits)
        text = fmt_number(v)
        return f"{text} {self.unit}".strip() if self.unit and self.unit != "%" else text + (self.unit or "")

    def units(self) -> tuple[str, ...]:
        if self.analyte:
            a = ANALYTES[self.analyte]
            return (self.unit, *(u for u in (a.conventional_unit, a.si_unit) if u != self.unit))
        return (self.unit,)

    def format_zh(self) -> str:
        if not self.unit:
            return "一个数字（无单位）"
        return f"一个数字（单位 {self.unit}），也可写成 \"数值 单位\"" + \
            (f"，可用单位：{'、'.join(self.units())}" if len(self.units()) > 1 else "")

    def _parse(self, answer: Any) -> tuple[float, str | None]:
        if _is_number(answer):
            return float(answer), None
        if isinstance(answer, str):
            m = _NUMBER_TEXT.match(answer)
            if m:
                return float(m.group(1)), (m.group(2) or None)
        if isinstance(answer, Mapping) and set(answer) <= {"value", "unit"} and _is_number(answer.get("value")):
            unit = answer.get("unit")
            if unit is None or isinstance(unit, str):
                return float(answer["value"]), unit
        raise AnswerError(f"应为{self.format_zh()}", f"expected a number in {self.unit or 'no unit'}", answer)

    def _to_unit(self, value: float, unit: str | None, answer: Any) -> float:
        if unit is None or unit_key(unit) == unit_key(self.unit):
            return value
        for u in self.units():
            if unit_key(u) == unit_key(unit):
                return float(convert(self.analyte, value, u, self.unit))  # type: ignore[arg-type]
        raise AnswerError(f"单位应为 {'、'.join(u for u in self.units() if u) or '无单位'}",
                          f"unit must be {', '.join(u for u in self.units() if u) or 'none'}", answer)

    def close(self, value: float, target: float) -> bool:
        return abs(value - target) <= self.tolerance + 1e-9

    def judge(self, answer: Any) -> Verdict:
        raw, unit = self._parse(answer)
        value = self._to_unit(raw, unit, answer)
        if self.close(value, self.value):
            return Verdict(True, f"正确：{self.shown()}（{self._tolerance_zh()}）。")
        for trap in self.traps:
            if self.close(value, float(trap.value)):
                return Verdict(False, trap.feedback, trap.key)
        if unit is None and self.analyte:
            for u in self.units()[1:]:
                other = float(convert(self.analyte, self.value, self.unit, u))
                if abs(raw - other) <= self.tolerance * abs(other / self.value if self.value else 1) + 1e-9:
                    return Verdict(False, f"数值 {fmt_number(raw)} 对应的是 {u} 单位下的答案；题目要求以 "
                                          f"{self.unit} 作答（{fmt_number(raw)} {u} = {self.shown()}）。", "unit")
        direction = "偏大" if value > self.value else "偏小"
        mine = f"{fmt_number(round(value, self.digits))} {self.unit}".strip()
        return Verdict(False, f"不正确：你的结果 {mine} {direction}（{self._tolerance_zh()}）。")

    def reference(self) -> Any:
        v = round(self.value, self.digits)
        return int(v) if self.digits == 0 else v

    def _tolerance_zh(self) -> str:
        return f"允许误差 ±{fmt_number(self.tolerance)}" if self.tolerance else "须与参考答案一致"


def _option(options: Mapping[str, str], answer: Any, what: str) -> str:
    if isinstance(answer, str):
        text = answer.strip()
        for code, zh in options.items():
            if text.lower() == code.lower() or text == zh:
                return code
    listing = "、".join(options)
    raise AnswerError(f"{what}应为以下代码之一：{listing}", f"{what and 'part ' + what + ' '}must be one of: "
                      f"{', '.join(options)}", answer)


@dataclass(frozen=True)
class ChoiceAnswer:
    """One option code; ``options`` maps code → Chinese name.

    >>> a = ChoiceAnswer("b", {"a": "甲", "b": "乙"}, traps=(Trap("t", "a", "甲是常见误选。"),))
    >>> a.judge("a").feedback, a.judge("乙").correct
    ('甲是常见误选。', True)
    """

    value: str
    options: Mapping[str, str]
    traps: tuple[Trap, ...] = ()

    kind = "choice"

    def shown(self) -> str:
        name = self.options[self.value]
        return name if name == self.value else f"{name}（{self.value}）"

    def format_zh(self) -> str:
        return "以下代码之一（带引号的字符串）：" + "；".join(f"\"{c}\" = {z}" for c, z in self.options.items())

    def judge(self, answer: Any) -> Verdict:
        code = _option(self.options, answer, "")
        if code == self.value:
            return Verdict(True, f"正确：{self.shown()}。")
        for trap in self.traps:
            if trap.value == code:
                return Verdict(False, trap.feedback, trap.key)
        return Verdict(False, f"不正确：你选的是「{self.options[code]}」，但题中的数据不支持这一结论。")

    def reference(self) -> Any:
        return self.value


@dataclass(frozen=True)
class SetAnswer:
    """The options that apply (order does not matter; ``[]`` = none).

    >>> a = SetAnswer(frozenset({"R"}), {"C": "高钙", "R": "肾"}, traps=(Trap("ca", "+C", "C 用的是实测钙。"),))
    >>> a.judge(["R", "C"]).feedback, a.judge(["R"]).correct, a.reference()
    ('C 用的是实测钙。', True, ['R'])
    """

    value: frozenset[str]
    options: Mapping[str, str]
    traps: tuple[Trap, ...] = ()

    kind = "set"

    def shown(self) -> str:
        return "、".join(f"{c}（{self.options[c]}）" if len(c) <= 2 else self.options[c] for c in self.reference()) or "无"

    def format_zh(self) -> str:
        return "一个列表，列出所有符合的代码（都不符合时写 []）：" + \
            "；".join(f"\"{c}\" = {z}" for c, z in self.options.items())

    def judge(self, answer: Any) -> Verdict:
        if not isinstance(answer, (list, tuple)):
            raise AnswerError("应为代码列表，如 [\"C\", \"R\"]", "expected a list of codes such as [\"C\", \"R\"]",
                              answer)
        given = {_option(self.options, a, "") for a in answer}
        if given == self.value:
            return Verdict(True, f"正确：{self.shown()}。")
        extra = sorted(given - self.value, key=list(self.options).index)
        lacking = sorted(self.value - given, key=list(self.options).index)
        for trap in self.traps:
            sign, code = trap.value[0], trap.value[1:]
            if (sign == "+" and code in extra) or (sign == "-" and code in lacking):
                return Verdict(False, trap.feedback, trap.key)
        parts = []
        if extra:
            parts.append("多选了 " + "、".join(extra))
        if lacking:
            parts.append("漏选了 " + "、".join(lacking))
        return Verdict(False, "不正确：" + "，".join(parts) + "。逐项把数值与标准比较一遍。")

    def reference(self) -> Any:
        return [c for c in self.options if c in self.value]


@dataclass(frozen=True)
class MappingAnswer:
    """Named parts, each a :class:`ChoiceAnswer` or a :class:`NumberAnswer`.

    >>> a = MappingAnswer({"stage": ChoiceAnswer("II", {"I": "I 期", "II": "II 期", "III": "III 期"})})
    >>> a.judge("II").correct, a.judge({"stage": "III"}).correct, a.reference()
    (True, False, {'stage': 'II'})
    """

    parts: Mapping[str, ChoiceAnswer | NumberAnswer]
    traps: tuple[Trap, ...] = ()

    kind = "mapping"

    def shown(self) -> str:
        if len(self.parts) == 1:
            part = next(iter(self.parts.values()))
            return part.options[part.value] if isinstance(part, ChoiceAnswer) else part.shown()
        return "，".join(f"{k} = {p.shown()}" for k, p in self.parts.items())

    @property
    def options(self) -> Mapping[str, str] | None:
        """The options shared by every part (a matching question), else ``None``."""
        parts = list(self.parts.values())
        if len(parts) > 1 and all(isinstance(p, ChoiceAnswer) and p.options == parts[0].options for p in parts):
            return parts[0].options  # type: ignore[union-attr]
        return None

    def format_zh(self) -> str:
        keys = ", ".join(f"\"{k}\": …" for k in self.parts)
        head = "一个 JSON 对象 {" + keys + "}；"
        if self.options is not None:
            return head + "每个值从以下代码中选一个：" + "；".join(f"\"{c}\" = {z}" for c, z in self.options.items())
        return head + "；".join(f"{k}：{p.format_zh()}" for k, p in self.parts.items())

    def judge(self, answer: Any) -> Verdict:
        if len(self.parts) == 1 and not isinstance(answer, Mapping):
            answer = {next(iter(self.parts)): answer}
        if not isinstance(answer, Mapping) or set(answer) != set(self.parts):
            raise AnswerError(f"应为含 {'、'.join(self.parts)} 的 JSON 对象",
                              f"expected a JSON object with keys {', '.join(self.parts)}", answer)
        wrong: list[tuple[str, Verdict]] = []
        for key, part in self.parts.items():
            v = part.judge(answer[key])
            if not v.correct:
                wrong.append((key, v))
        if not wrong:
            return Verdict(True, f"正确：{self.shown()}。")
        for trap in self.traps:
            key, _, value = trap.value.partition("=")
            if key in answer and str(answer[key]) == value:
                return Verdict(False, trap.feedback, trap.key)
        first = next((w for w in wrong if w[1].trap), wrong[0])
        return Verdict(False, f"{first[0]} 一项" + first[1].feedback.replace("不正确：", "不正确，"), first[1].trap)

    def reference(self) -> Any:
        return {k: p.reference() for k, p in self.parts.items()}


Answer = NumberAnswer | ChoiceAnswer | SetAnswer | MappingAnswer
