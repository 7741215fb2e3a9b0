"""动手实践: the book's practice problems, a checker with Chinese feedback, and a problem generator.

>>> from mmlib import practice
>>> practice.check("crcl-4410338", "26.1 mL/min")["correct"]
True
>>> practice.solution("spectrum-mgus-basic")["answer"]
'mgus'
>>> practice.new("diagnosis", 42).id
'gen-diagnosis-42'

Command line: ``python -m mmlib practice list|show|check|solution|new`` (see CONTRACT.md).
Teaching material, not clinical advice.
"""

from __future__ import annotations

from .answers import AnswerError
from .core import (LEVELS, Problem, UnknownProblemError, check, get, listing, parse_answer, reset_attempts,
                   show_text, solution)
from .generator import KINDS, new


def draw(pid: str):
    """The figure of a read-a-figure problem (see :mod:`mmlib.practice.figures`)."""
    from .figures import draw as _draw

    return _draw(pid)

__all__ = ["AnswerError", "LEVELS", "KINDS", "Problem", "UnknownProblemError", "attempt", "check", "draw", "get",
           "listing", "new", "parse_answer", "reset_attempts", "show", "solution"]


def show(pid: str) -> None:
    """Print the vignette, the question and the answer format of a problem.

    >>> show("calcium-boundary-mmol")  # doctest: +ELLIPSIS
    【calcium-boundary-mmol】恰好在阈值上（基础；chapter_principles/bone-calcium.md）
    ...
    """
    print(show_text(pid))


def attempt(pid: str, answer: object = ...) -> dict | None:
    """Check an answer written in a notebook cell and print the feedback (``...`` = not answered yet).

    >>> attempt("calcium-boundary-mmol")
    还没有作答：把 answer = ... 中的 ... 换成你的答案（答案格式见题目），再运行本格。
    >>> r = attempt("calcium-boundary-mmol", "no")
    ✓ 正确：否（no）。
    >>> r["correct"]
    True
    """
    if answer is ...:
        print("还没有作答：把 answer = ... 中的 ... 换成你的答案（答案格式见题目），再运行本格。")
        return None
    result = check(pid, answer)
    print(("✓ " if result["correct"] else "✗ ") + result["feedback"])
    if result["hint"]:
        print(f"提示：{result['hint']}")
    return result
