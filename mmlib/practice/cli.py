"""``python -m mmlib practice …``: list, show, check, solution and new (the contract is in CONTRACT.md).

:func:`add_parser` registers the subcommand on the main parser of
:mod:`mmlib.cli`; :func:`run` returns the text to print.  Errors are
:class:`~mmlib.errors.MMLibError` (unknown id, malformed or wrong-type
answer), which the main CLI turns into exit status 2 and one bilingual line.

>>> import argparse
>>> p = argparse.ArgumentParser(); sub = p.add_subparsers(dest="command"); _ = add_parser(sub)
>>> print(run(p.parse_args(["practice", "check", "calcium-boundary-mmol", '"no"', "--json"])))
{"correct": true, "feedback": "正确：否（no）。", "hint": null}
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from . import core
from .generator import KINDS, new

__all__ = ["add_parser", "run"]


def add_parser(sub: Any) -> argparse.ArgumentParser:
    """Add ``practice`` and its five actions to the subparsers ``sub``."""
    p = sub.add_parser("practice", help="动手实践：练习题、答案检查与出题 / practice problems")
    acts = p.add_subparsers(dest="practice_command", required=True, parser_class=type(p))
    ls = acts.add_parser("list", help="列出全部练习题 / list the problems")
    ls.add_argument("--json", action="store_true", help="输出 JSON / print JSON")
    sh = acts.add_parser("show", help="显示题目 / show a problem")
    sh.add_argument("id")
    sh.add_argument("--json", action="store_true", help="输出 JSON / print JSON")
    ck = acts.add_parser("check", help="检查答案 / check an answer")
    ck.add_argument("id")
    ck.add_argument("answer", help="JSON 文本，如 12.5、'\"mgus\"'、'{\"stage\": \"II\"}' / the answer as JSON text")
    ck.add_argument("--attempt", type=int, default=1, help="第几次作答（决定给出第几条提示） / attempt number")
    ck.add_argument("--json", action="store_true", help="输出 JSON / print JSON")
    so = acts.add_parser("solution", help="参考答案与解析 / the worked solution")
    so.add_argument("id")
    so.add_argument("--json", action="store_true", help="输出 JSON / print JSON")
    nw = acts.add_parser("new", help="按随机种子生成新题 / generate a problem from a seed")
    nw.add_argument("--kind", choices=sorted(KINDS), default="diagnosis")
    nw.add_argument("--seed", type=int, required=True)
    nw.add_argument("--json", action="store_true", help="输出 JSON / print JSON")
    return p


def _dump(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False)


def _problem_json(p: core.Problem) -> dict[str, Any]:
    return {**p.summary(), "vignette": p.vignette, "question": p.question, "answer_format": p.answer_format(),
            "hints": list(p.hints)}


def run(args: argparse.Namespace) -> str:
    """The output of one ``practice`` action (raises :class:`~mmlib.errors.MMLibError` on bad input)."""
    act = args.practice_command
    if act == "list":
        rows = core.listing()
        if args.json:
            return _dump(rows)
        return "\n".join(f"{r['id']}\t{r['level']}\t{r['section']}\t{r['title']}" for r in rows)
    if act == "new":
        p = new(args.kind, args.seed)
        return _dump(_problem_json(p)) if args.json else core.show_text(p.id)
    if act == "show":
        return _dump(_problem_json(core.get(args.id))) if args.json else core.show_text(args.id)
    if act == "check":
        answer = core.parse_answer(args.answer)
        result = core.check(args.id, answer, attempt=args.attempt)
        if args.json:
            return _dump(result)
        lines = [("✓ " if result["correct"] else "✗ ") + result["feedback"]]
        if result["hint"]:
            lines.append(f"提示：{result['hint']}")
        return "\n".join(lines)
    result = core.solution(args.id)
    if args.json:
        return _dump(result)
    return f"参考答案：{_dump(result['answer'])}\n\n{result['explanation']}"
