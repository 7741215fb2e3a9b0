"""Problems built from their data: reference answers computed, vignettes filled in, answers checked.

A problem's data (:mod:`mmlib.practice.problems`) names a computation of
:mod:`mmlib.practice.compute`; building the problem runs it on the inputs the
vignette states, so the reference answer, the values of the common mistakes
and the numbers in the worked solution all come from mmlib.

>>> p = get("spectrum-mgus-basic")
>>> p.answer.reference()
'mgus'
>>> check("spectrum-mgus-basic", "mgus")["correct"]
True
>>> r = check("spectrum-mgus-basic", "smoldering_multiple_myeloma", attempt=1)
>>> r["correct"], r["hint"] == p.hints[0]
(False, True)
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Mapping

from ..errors import MMLibError
from ..trace import fmt_number
from .answers import (Answer, AnswerError, ChoiceAnswer, MappingAnswer, NumberAnswer, SetAnswer, Trap)
from .compute import COMPUTE, Computed

__all__ = ["Problem", "UnknownProblemError", "LEVELS", "option_set", "specs", "get", "listing", "check",
           "solution", "show_text", "parse_answer", "reset_attempts"]

LEVELS: tuple[str, ...] = ("基础", "进阶", "综合")


def _options() -> dict[str, dict[str, str]]:
    from ..diagnosis import DIAGNOSIS_ZH
    from ..response import CATEGORY_ZH
    from ..risk import GROUP_ZH

    return {
        "diagnosis": {k: v for k, v in DIAGNOSIS_ZH.items() if k != "indeterminate"},
        "response": {k: CATEGORY_ZH[k] for k in reversed(tuple(CATEGORY_ZH))},
        "crab": {"C": "高钙血症", "R": "肾功能不全", "A": "贫血", "B": "骨病变"},
        "yes_no": {"yes": "是", "no": "否"},
        "iss": {"I": "I 期", "II": "II 期", "III": "III 期"},
        "r2iss": {"I": "I 期", "II": "II 期", "III": "III 期", "IV": "IV 期"},
        "imwg2020_group": {k: GROUP_ZH[k] for k in ("low", "low_intermediate", "high_intermediate", "high")},
        "anemia": {"marrow_infiltration": "骨髓浸润与造血抑制", "functional_iron_deficiency": "功能性铁缺乏",
                   "inappropriately_low_epo": "EPO 相对不足"},
    }


@lru_cache(maxsize=None)
def option_set(name: str) -> dict[str, str]:
    """A named option list (``diagnosis``, ``response``, ``crab``, …), read from mmlib.

    >>> option_set("crab")["C"]
    '高钙血症'
    """
    return _options()[name]


class UnknownProblemError(MMLibError):
    """No problem has this id.

    >>> print(UnknownProblemError("x").en)
    Unknown practice problem 'x'. See 'python -m mmlib practice list'.
    """

    def __init__(self, pid: str) -> None:
        super().__init__(f"没有编号为 '{pid}' 的练习题；可用 'python -m mmlib practice list' 查看全部题目。",
                         f"Unknown practice problem '{pid}'. See 'python -m mmlib practice list'.",
                         field="id", value=pid)


@dataclass(frozen=True)
class Problem:
    """One practice problem, with its answer computed."""

    id: str
    title: str
    section: str
    level: str
    seed_problem_id: int | None
    vignette: str
    question: str
    answer: Answer
    hints: tuple[str, ...]
    explanation: str
    inputs: Mapping[str, Any]
    figure: str | None = None

    def summary(self) -> dict[str, Any]:
        """The five keys of ``practice list``."""
        return {"id": self.id, "title": self.title, "section": self.section, "level": self.level,
                "seed_problem_id": self.seed_problem_id}

    def answer_format(self) -> str:
        return self.answer.format_zh()


def _flat(inputs: Mapping[str, Any], prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for k, v in inputs.items():
        if isinstance(v, Mapping):
            out.update(_flat(v, f"{prefix}{k}_"))
        elif isinstance(v, (list, tuple)):
            out[prefix + k] = "、".join(fmt_number(x) if isinstance(x, (int, float)) else str(x) for x in v)
        elif isinstance(v, (int, float)) and not isinstance(v, bool):
            out[prefix + k] = fmt_number(v)
        else:
            out[prefix + k] = str(v)
    return out


def _build_answer(spec: Mapping[str, Any], computed: Computed, traps: list[Mapping[str, Any]],
                  values: Mapping[str, str]) -> Answer:
    kind = spec["type"]

    def trap_list(value_of) -> tuple[Trap, ...]:
        return tuple(Trap(t["key"], value_of(t), t["feedback"].format(**values)) for t in traps)

    if kind == "number":
        return NumberAnswer(float(computed.value), spec.get("unit", ""), float(spec["tolerance"]),
                            spec.get("analyte"), spec.get("digits", 2),
                            trap_list(lambda t: computed.traps[t["key"]]))
    if kind == "choice":
        options = spec["options"] if isinstance(spec["options"], Mapping) else option_set(spec["options"])
        return ChoiceAnswer(computed.value, dict(options), trap_list(lambda t: t["value"]))
    if kind == "set":
        options = spec["options"] if isinstance(spec["options"], Mapping) else option_set(spec["options"])
        return SetAnswer(frozenset(computed.value), dict(options), trap_list(lambda t: t["value"]))
    if kind == "stage":
        options = option_set(spec["options"])
        return MappingAnswer({"stage": ChoiceAnswer(computed.value["stage"], options)},
                             trap_list(lambda t: t["value"]))
    if kind == "score_group":
        return MappingAnswer({"score": NumberAnswer(float(computed.value["score"]), "", 0.0, digits=0),
                              "group": ChoiceAnswer(computed.value["group"], option_set("imwg2020_group"))},
                             trap_list(lambda t: t["value"]))
    if kind == "match":
        options = dict(spec["options"])
        return MappingAnswer({k: ChoiceAnswer(v, options) for k, v in computed.value.items()},
                             trap_list(lambda t: t["value"]))
    raise ValueError(f"unknown answer type {kind!r}")  # pragma: no cover - a data error caught by the tests


def build(spec: Mapping[str, Any]) -> Problem:
    """Build a problem from its data: compute the answer and fill in the texts."""
    inputs = spec["inputs"]
    computed = COMPUTE[spec["compute"]](inputs)
    values = {**_flat(inputs), **computed.facts}
    answer = _build_answer(spec["answer"], computed, list(spec.get("traps", ())), values)
    values["answer"] = answer.shown()
    return Problem(
        id=spec["id"], title=spec["title"], section=spec["section"], level=spec["level"],
        seed_problem_id=spec.get("seed_problem_id"),
        vignette=spec["vignette"].format(**values), question=spec["question"].format(**values),
        answer=answer, hints=tuple(h.format(**values) for h in spec["hints"]),
        explanation=spec["explanation"].format(**values), inputs=inputs, figure=spec.get("figure"),
    )


def specs() -> list[Mapping[str, Any]]:
    """The data of every registered problem, in the book's order."""
    from .problems import PROBLEMS

    return list(PROBLEMS)


@lru_cache(maxsize=None)
def _registered(pid: str) -> Problem:
    for spec in specs():
        if spec["id"] == pid:
            return build(spec)
    raise UnknownProblemError(pid)


def get(pid: str) -> Problem:
    """The problem with this id (registered, or generated: ``gen-<kind>-<seed>``)."""
    if not isinstance(pid, str):
        raise UnknownProblemError(str(pid))
    if pid.startswith("gen-"):
        from .generator import from_id

        return from_id(pid)
    return _registered(pid)


def listing() -> list[dict[str, Any]]:
    """``[{"id", "title", "section", "level", "seed_problem_id"}, ...]`` without computing any answer."""
    return [{"id": s["id"], "title": s["title"], "section": s["section"], "level": s["level"],
             "seed_problem_id": s.get("seed_problem_id")} for s in specs()]


def parse_answer(text: str) -> Any:
    """An answer given as JSON text (``12.5``, ``"mgus"``, ``{"stage": "II"}``).

    >>> parse_answer('{"stage": "II"}')
    {'stage': 'II'}
    >>> parse_answer("mgus")
    Traceback (most recent call last):
    ...
    mmlib.practice.answers.AnswerError: 答案 'mgus' 的格式无效：应为 JSON 文本，字符串要加双引号（如 "mgus"）。 / Invalid answer 'mgus': expected JSON text; strings need double quotes (e.g. "mgus").
    """
    try:
        return json.loads(text, parse_constant=lambda c: (_ for _ in ()).throw(ValueError(c)))
    except ValueError:
        raise AnswerError("应为 JSON 文本，字符串要加双引号（如 \"mgus\"）",
                          "expected JSON text; strings need double quotes (e.g. \"mgus\")", text) from None


_attempts: dict[str, int] = {}


def reset_attempts() -> None:
    """Forget the wrong attempts counted by :func:`check` in this session."""
    _attempts.clear()


def section_note(p: Problem) -> str:
    from .problems import SECTION_ZH

    return f"复习：《{SECTION_ZH.get(p.section, p.section)}》（{p.section}）。"


def check(pid: str, answer: Any, attempt: int | None = None) -> dict[str, Any]:
    """Judge an answer: ``{"correct", "feedback", "hint"}``.

    ``hint`` is ``None`` for a right answer; for a wrong one it is the hint of
    this attempt (the first hint first; without ``attempt`` the wrong answers
    to this problem in this session are counted, so hints come progressively).
    """
    p = get(pid)
    verdict = p.answer.judge(answer)
    if verdict.correct:
        _attempts.pop(pid, None)
        return {"correct": True, "feedback": verdict.feedback, "hint": None}
    if attempt is None:
        _attempts[pid] = _attempts.get(pid, 0) + 1
        attempt = _attempts[pid]
    hint = p.hints[min(max(attempt, 1), len(p.hints)) - 1] if p.hints else None
    return {"correct": False, "feedback": f"{verdict.feedback}{section_note(p)}", "hint": hint}


def solution(pid: str) -> dict[str, Any]:
    """``{"answer": ..., "explanation": ...}``: the computed reference answer and the worked solution."""
    p = get(pid)
    return {"answer": p.answer.reference(), "explanation": p.explanation}


def show_text(pid: str) -> str:
    """The vignette, the question and the answer format, in Chinese."""
    p = get(pid)
    options = getattr(p.answer, "options", None)
    if options is None:
        fmt = p.answer_format()
    else:
        head = {"choice": "选一个代码（带引号的字符串）", "set": "列出所有符合的代码（都不符合时写 []）",
                "mapping": "JSON 对象 {" + ", ".join(f'"{k}": …' for k in getattr(p.answer, "parts", ())) +
                           "}，每个值选一个代码"}[p.answer.kind]
        fmt = head + "：\n" + "\n".join(f"  \"{code}\"：{name}" for code, name in options.items())
    return (f"【{p.id}】{p.title}\n{p.level}；练习的内容：{p.section}\n\n{p.vignette}\n\n问题：{p.question}\n\n"
            f"答案格式：{fmt}")
