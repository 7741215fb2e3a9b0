"""Command-line interface: ``mmlib assess CASE.json`` and ``mmlib response FILE.json``.

``assess`` prints the Chinese report of :func:`mmlib.assess.assess` (or, with
``--json``, its JSON contract); ``response`` prints the IMWG 2016 response
assessment of :func:`mmlib.response.assess_response`.  ``-`` reads the JSON
from standard input.

Bad input — a library error, invalid JSON, a missing file — ends with exit
status 2 and one line in Chinese and English on standard error, never a
traceback.

>>> main(["assess", '{"bmpc_percent": 12, "mri_focal_lesions": 2}', "--json"])  # doctest: +ELLIPSIS
{"contract_version": 1, "diagnosis": "multiple_myeloma", ...}
0
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, Sequence

from .errors import MMLibError

__all__ = ["main", "build_parser", "EXIT_BAD_INPUT"]

EXIT_BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    """argparse with a bilingual one-line usage error (exit status 2)."""

    def error(self, message: str) -> None:  # type: ignore[override]
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
    r = sub.add_parser("response", help="IMWG 2016 疗效评估 / response assessment")
    r.add_argument("file", help="含 baseline/nadir/current 的 JSON 文件，或 '-' / JSON file, or '-'")
    r.add_argument("--json", action="store_true", help="输出 JSON / print JSON")
    from .practice.cli import add_parser as add_practice

    add_practice(sub)
    return p


def _read(arg: str) -> dict[str, Any]:
    from .case import CaseFormatError, load_json_object

    if arg == "-":
        text = sys.stdin.read()
        if not text.lstrip().startswith(("{", "[")):
            raise CaseFormatError("<stdin>", "标准输入不是 JSON 对象", "standard input is not a JSON object")
        return load_json_object(text)
    return load_json_object(arg)


def _run(args: argparse.Namespace) -> str:
    if args.command == "practice":
        from .practice.cli import run as run_practice

        return run_practice(args)
    data = _read(args.case if args.command == "assess" else args.file)
    if args.command == "assess":
        from .assess import assess

        result: Any = assess(data)
    else:
        from .response import assess_response

        result = assess_response(data)
    if args.json:
        return json.dumps(result.to_dict(), ensure_ascii=False)
    if args.command == "response":  # the assess report ends with the teaching-material line already
        from .assess import DISCLAIMER

        return f"{result.explain()}\n\n{DISCLAIMER}"
    return result.explain()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status (0 ok, 2 bad input).

    >>> main(["assess", '{"bmpc_percent": "12"}'])
    2
    """
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    args = build_parser().parse_args(argv)
    try:
        out = _run(args)
    except MMLibError as exc:
        print(f"mmlib：{exc.zh} / mmlib: {exc.en}".replace("\n", " "), file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as exc:
        print(f"mmlib：无法读取输入（{exc.strerror or exc}） / mmlib: cannot read input ({exc.strerror or exc})",
              file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        print(out)
        sys.stdout.flush()
    except BrokenPipeError:  # pragma: no cover - e.g. `mmlib assess x.json | head`
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0
