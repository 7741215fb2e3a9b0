"""Run the ``>>>`` examples of fenced ``pycon`` blocks in the book's Markdown pages, with sybil.

Each page is one namespace (like a module's doctests): its examples run in order,
so a later block can use names from an earlier one.  Every ``>>>`` example is one
test item, reported with the page and its line, e.g. ``docs/x.md::line:42,column:1``.
Only ``pycon`` blocks run; ``python`` blocks in the pages are shown, not executed.
"""

from __future__ import annotations

import doctest

from sybil import Sybil
from sybil.evaluators.python import PythonEvaluator
from sybil.parsers.markdown import CodeBlockParser, PythonCodeBlockParser

FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


class PyconParser(PythonCodeBlockParser):
    """Sybil's Markdown Python parser, for ``pycon`` fences: each ``>>>`` example is a doctest."""

    def __init__(self, doctest_optionflags: int = FLAGS) -> None:
        super().__init__(doctest_optionflags=doctest_optionflags)
        self.codeblock_parser = CodeBlockParser("pycon", PythonEvaluator())


pytest_collect_file = Sybil(parsers=[PyconParser()], path="docs", patterns=["*.md"]).pytest()
