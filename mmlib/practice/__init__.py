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
    【calcium-boundary-mmol】恰好在阈值上
    基础；练习的内容：chapter_principles/bone-calcium.md
    ...
    """
    print(_wrap(show_text(pid)))


#: Display columns per printed line in a notebook (a Chinese character takes two; output boxes do not wrap).
LINE_COLUMNS = 76


def _wrap_line(line: str) -> list[str]:
    import unicodedata

    out, cur, width = [], "", 0
    for ch in line:
        w = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        breakable = w == 2 or ch == " "          # never inside a Latin word or a number
        if width + w > LINE_COLUMNS and breakable and cur:
            out.append(cur.rstrip())
            cur, width = ("" if ch == " " else ch), (0 if ch == " " else w)
            continue
        cur += ch
        width += w
    return out + [cur]


def _wrap(text: str) -> str:
    """Wrap Chinese text for a notebook's output box.

    >>> print(_wrap("骨" * 40))
    骨骨骨骨骨骨骨骨骨骨骨骨骨骨骨骨骨骨骨骨骨骨骨骨骨骨骨骨骨骨骨骨骨骨骨骨骨骨
    骨骨
    """
    return "\n".join(part for line in text.splitlines() for part in _wrap_line(line))


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
    print(_wrap(("✓ " if result["correct"] else "✗ ") + result["feedback"]))
    if result["hint"]:
        print(_wrap(f"提示：{result['hint']}"))
    return result
