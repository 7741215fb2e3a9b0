"""Run the ``>>>`` examples of fenced ``pycon`` blocks in the book's Markdown pages.

Each page is one namespace (like a module's doctests): its blocks run in order,
so a later block can use names from an earlier one.  A failure is reported with
the page and the line of the failing example, e.g. ``docs/x.md:42``.
"""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
DOCS = ROOT / "docs"
FENCE = re.compile(r"^(?P<indent>[ \t]*)```pycon[^\n]*\n(?P<body>.*?)^(?P=indent)```[ \t]*$", re.S | re.M)
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def pycon_blocks(text: str) -> list[tuple[int, str]]:
    """(line number of the block's first line, dedented body) for each pycon fence.

    >>> pycon_blocks("x\\n```pycon\\n>>> 1 + 1\\n2\\n```\\n")
    [(3, '>>> 1 + 1\\n2\\n')]
    """
    blocks = []
    for m in FENCE.finditer(text):
        indent = m.group("indent")
        body = "".join(line[len(indent):] if line.startswith(indent) else line
                       for line in m.group("body").splitlines(keepends=True))
        blocks.append((text.count("\n", 0, m.start("body")) + 1, body))
    return blocks


def pytest_collect_file(parent, file_path: Path):
    if file_path.suffix == ".md" and DOCS in file_path.parents:
        if "```pycon" in file_path.read_text(encoding="utf-8"):
            return MarkdownDoctestFile.from_parent(parent, path=file_path)
    return None


class MarkdownDoctestFile(pytest.File):
    def collect(self):
        globs: dict = {"__name__": "__md__"}
        text = self.path.read_text(encoding="utf-8")
        for lineno, body in pycon_blocks(text):
            yield PyconBlock.from_parent(self, name=f"line {lineno}", lineno=lineno, body=body, globs=globs)


class PyconFailure(Exception):
    pass


class PyconBlock(pytest.Item):
    def __init__(self, *, lineno: int, body: str, globs: dict, **kw):
        super().__init__(**kw)
        self.lineno0 = lineno
        self.body = body
        self.globs = globs

    def runtest(self):
        rel = self.path.relative_to(ROOT)
        test = doctest.DocTestParser().get_doctest(self.body, self.globs, str(rel), str(rel), self.lineno0 - 1)
        if not test.examples:
            raise PyconFailure(f"{rel}:{self.lineno0}: a pycon block without any >>> example")
        failures: list[str] = []

        class Runner(doctest.DocTestRunner):
            def report_failure(self, out, test, example, got):
                failures.append(f"{rel}:{test.lineno + example.lineno + 1}: {example.source.strip()}\n"
                                f"  expected: {example.want.strip()}\n  got:      {got.strip()}")

            def report_unexpected_exception(self, out, test, example, exc_info):
                failures.append(f"{rel}:{test.lineno + example.lineno + 1}: {example.source.strip()}\n"
                                f"  raised {exc_info[0].__name__}: {exc_info[1]}")

        Runner(optionflags=FLAGS).run(test, out=lambda s: None, clear_globs=False)
        self.globs.update(test.globs)  # DocTest works on a copy; later blocks of the page see these names
        if failures:
            raise PyconFailure("\n".join(failures))

    def repr_failure(self, excinfo):
        if isinstance(excinfo.value, PyconFailure):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, self.lineno0, f"pycon block at line {self.lineno0}"
