"""The IMWG 2016 response table on the 疗效评估与 MRD page agrees with mmlib.response.RESPONSE_TABLE.

The page marks the table with ``<!-- response-table: imwg2016 -->`` (not ``criteria-table``, whose sets live
in :data:`mmlib.diagnosis.CRITERIA_TABLES`); it is read and compared with the parser of
``test_criteria_tables``, whose units are extended by the two that only this table uses (cm, cells/µL).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.site import test_criteria_tables as tct

PAGE = Path(__file__).resolve().parents[2] / "docs" / "chapter_applications" / "response-mrd.md"
MARK = "<!-- response-table: imwg2016 -->"


@pytest.fixture
def parser(monkeypatch):
    aliases = {**tct.UNIT_ALIASES, "cm": "cm", "个/µl": "个/µL", "个/μl": "个/µL"}
    units = "|".join(sorted((re.escape(u) for u in aliases if u), key=len, reverse=True))
    quantity = re.compile(
        r"(?P<sign>>=|<=|&gt;|&lt;|[><≥≤])\s*(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*"
        rf"(?P<unit>(?:{units})(?![A-Za-z/]))?", re.I)
    monkeypatch.setattr(tct, "UNIT_ALIASES", aliases)
    monkeypatch.setattr(tct, "QUANTITY", quantity)
    return tct


def _rows(parser, text: str):
    assert text.count(MARK) == 1, "the page marks the response table exactly once"
    return parser.find_tables(text.replace(MARK, "<!-- criteria-table: response -->"))["response"]


def test_every_number_of_the_table_is_a_response_threshold_and_every_threshold_is_shown(parser):
    from mmlib.response import RESPONSE_TABLE

    rows = _rows(parser, PAGE.read_text(encoding="utf-8"))
    assert len(rows) == 7 and [r[0] for r in rows] == ["sCR", "CR", "VGPR", "PR", "MR", "SD", "PD"]
    assert parser.compare(rows, RESPONSE_TABLE) == []


@pytest.mark.parametrize("right, wrong, why", [
    ("≥ 90%", "≥ 80%", "no mmlib threshold"),
    ("< 100 mg/24 h", "≤ 100 mg/24 h", "sign"),
    ("≥ 200 个/µL", "≥ 100 个/µL", "no mmlib threshold"),
    ("> 1 cm", "> 2 cm", "no mmlib threshold"),
    ("≥ 0.5 g/dL，即 ≥ 5 g/L", "≥ 0.5 g/dL", "missing from the table"),
])
def test_a_changed_table_fails(parser, right, wrong, why):
    from mmlib.response import RESPONSE_TABLE

    text = PAGE.read_text(encoding="utf-8")
    assert right in text
    problems = parser.compare(_rows(parser, text.replace(right, wrong, 1)), RESPONSE_TABLE)
    assert any(why in p for p in problems), problems
