"""Command-line interface: ``mmlib assess CASE.json`` and ``mmlib response FILE.json``.

``assess`` prints the concise Chinese report of :func:`mmlib.assess.assess`
(with ``--full``, every check of the trace; with ``--json``, its JSON
contract); ``response`` prints the IMWG 2016 response assessment of
:func:`mmlib.response.assess_response`.  ``-`` reads the JSON from standard
input; the JSON is read by :mod:`mmlib.jsonio` (duplicate keys rejected, a
byte-order mark accepted).

Bad input — a library error, invalid JSON, a missing file — ends with exit
status 2 and one line in Chinese and English on standard error, never a
traceback; values echoed in the message are cut short
(:func:`mmlib.errors.shown`).

>>> main(["assess", '{"bmpc_percent": 12, "mri_focal_lesions": 2}', "--json"])  # doctest: +ELLIPSIS
{"contract_version": 1, "diagnosis": "multiple_myeloma", ...}
0
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, Sequence

from .errors import SHOWN_CHARS, MMLibError, shown
from .jsonio import STDIN_LABEL, JSONFormatError, load_json_object, parse_json_object, read_stream

__all__ = ["main", "build_parser", "EXIT_BAD_INPUT", "EXIT_INTERNAL"]

#: Exit status for bad input (a field error, invalid JSON, a missing file, bad arguments).
EXIT_BAD_INPUT = 2
#: Exit status when mmlib itself fails (a bug); still one line on standard error, no traceback.
EXIT_INTERNAL = 1


class _Parser(argparse.ArgumentParser):
    """argparse with a bilingual one-line usage error (exit status 2)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        message = _one_line(message).encode("utf-8", "backslashreplace").decode("utf-8")  # bytes of argv
        if len(message) > 2 * SHOWN_CHARS:  # e.g. a huge unrecognised argument
            message = message[:2 * SHOWN_CHARS] + "…"
        self.exit(EXIT_BAD_INPUT, f"mmlib：命令行参数错误：{message} / mmlib: invalid arguments: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (subcommands ``assess`` and ``response``).

    >>> build_parser().parse_args(["assess", "case.json", "--json"]).json
    True
    """
    p = _Parser(prog="mmlib", description="多发性骨髓瘤教学计算库 / teaching calculators for multiple myeloma. "
                                          "教学材料，不构成临床建议。")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    a = sub.add_parser("assess", help="诊断、CRAB/SLiM、分期与风险（IMWG） / diagnosis, staging and risk")
    a.add_argument("case", help="病例 JSON 文件、JSON 文本，或 '-' 表示标准输入 / case JSON file, text, or '-'")
    a.add_argument("--json", action="store_true", help="输出 JSON / print the JSON contract")
    a.add_argument("--full", action="store_true",
                   help="完整报告：列出每一项核对 / the full report with every check of the trace")
    r = sub.add_parser("response", help="IMWG 2016 疗效评估 / response assessment")
    r.add_argument("file", help="含 baseline/nadir/current 的 JSON 文件，或 '-' / JSON file, or '-'")
    r.add_argument("--json", action="store_true", help="输出 JSON / print JSON")
    from .practice.cli import add_parser as add_practice

    add_practice(sub)
    return p


def _read(arg: str, error: type[JSONFormatError]) -> dict[str, Any]:
    """The JSON object named by ``arg``: ``-`` (standard input), JSON text, or a file path."""
    if arg == "-":
        return parse_json_object(read_stream(sys.stdin, error), STDIN_LABEL, error)
    return load_json_object(arg, error)


def _run(args: argparse.Namespace) -> str:
    if args.command == "practice":
        from .practice.cli import run as run_practice

        return run_practice(args)
    if args.command == "assess":
        from .assess import assess
        from .case import CaseFormatError

        result: Any = assess(_read(args.case, CaseFormatError))
    else:
        from .response import ResponseFormatError, assess_response

        result = assess_response(_read(args.file, ResponseFormatError))
    if args.json:
        return json.dumps(result.to_dict(), ensure_ascii=False)
    if args.command == "response":  # the assess report ends with the teaching-material line already
        from .assess import DISCLAIMER

        return f"{result.explain()}\n\n{DISCLAIMER}"
    return result.explain(full=args.full)


def _one_line(text: str) -> str:
    """``text`` on one line (every line break, including U+2028 and the like, becomes a space)."""
    return " ".join(text.splitlines())


def _fail(zh: str, en: str, status: int = EXIT_BAD_INPUT) -> int:
    print(_one_line(f"mmlib：{zh} / mmlib: {en}"), file=sys.stderr)
    return status


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status (0 ok, 2 bad input, 1 an internal error).

    >>> main(["assess", '{"bmpc_percent": "12"}'])
    2
    """
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):  # UTF-8 whatever the locale; never fail on an unpaired surrogate
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # --help (0) or a usage error (2, one line already printed)
        return exc.code if isinstance(exc.code, int) else EXIT_BAD_INPUT
    try:
        out = _run(args)
    except MMLibError as exc:
        return _fail(exc.zh, exc.en)
    except OSError as exc:  # standard input unreadable
        reason = shown(exc.strerror or str(exc))
        return _fail(f"无法读取输入（{reason}）", f"cannot read input ({reason})")
    except RecursionError:  # pragma: no cover - the JSON reader limits nesting first
        return _fail("输入嵌套层数过多", "the input is nested too deeply")
    except Exception as exc:  # a bug in mmlib: one line, never a traceback
        name = type(exc).__name__
        return _fail(f"内部错误（{name}），请报告此问题", f"internal error ({name}); please report it", EXIT_INTERNAL)
    try:
        print(out)
        sys.stdout.flush()
    except BrokenPipeError:  # pragma: no cover - e.g. `mmlib assess x.json | head`
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0
