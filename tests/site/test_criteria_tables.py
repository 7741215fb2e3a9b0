"""The criteria tables in the prose agree with mmlib's thresholds, both ways.

A page marks a criteria table with an HTML comment right before it::

    <!-- criteria-table: crab -->
    | 字母 | 损害 | 阈值（满足任一即可） |
    |---|---|---|
    | C | 高钙血症 | … > 11 mg/dL（> 2.75 mmol/L） |

For each marked table this test extracts every number written with a
comparison sign and a unit (``> 11 mg/dL``, ``≥ 10%``, ``< 40 mL/min``,
``≥ 100``, ``> 1 处``) and checks that

(a) each one is a threshold of that criterion set in :mod:`mmlib` — same
    number, same unit (conventional or SI, as published) and the same sign or
    its complement (a table states both sides of a boundary: MGUS "< 3 g/dL",
    SMM "≥ 3 g/dL"); and
(b) each of mmlib's thresholds of that set appears in the table, in every unit
    it is published in.

The sets are the ``CRITERIA_TABLES`` of :mod:`mmlib.diagnosis` (IMWG 2014),
:mod:`mmlib.staging` (ISS, R-ISS, R2-ISS) and :mod:`mmlib.risk` (SMM and MGUS
risk models).  A scored table also prints points without a sign ("1.5 分");
those are compared with the module's ``TABLE_POINTS`` in the same two
directions.  Cytogenetic names (``t(4;14)``, ``del(17p)``, ``1q+``) and
names with digits (``β2M``) are not numbers.

The parser has its own tests below, including a table with a wrong number, so
that a broken parser cannot make the comparison pass vacuously.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"

MARKER = re.compile(r"<!--\s*criteria-table:\s*(?P<name>[\w-]+)\s*-->")
#: The sets the book marks and the page each is expected on.
EXPECTED_TABLES = {
    "spectrum": "chapter_principles/disease-spectrum.md",
    "slim": "chapter_principles/disease-spectrum.md",
    "crab": "chapter_principles/end-organ-damage.md",
    "light_chain_mgus": "chapter_principles/disease-spectrum.md",
    "iss": "chapter_applications/staging.md",
    "riss": "chapter_applications/staging.md",
    "r2iss": "chapter_applications/staging.md",
    "smm_mayo2018": "chapter_applications/staging.md",
    "smm_imwg2020": "chapter_applications/staging.md",
    "mgus_mayo": "chapter_applications/staging.md",
}
#: The mmlib modules whose ``CRITERIA_TABLES`` (and ``TABLE_POINTS``) the pages print.
TABLE_MODULES = ("mmlib.diagnosis", "mmlib.staging", "mmlib.risk")

#: Unit spellings in the prose → the spelling mmlib's Threshold uses.
#: Counts ("处", "个") and bare ratios are unitless.
UNIT_ALIASES = {
    "g/dl": "g/dL", "g/l": "g/L", "mg/dl": "mg/dL", "mg/l": "mg/L", "mmol/l": "mmol/L",
    "µmol/l": "µmol/L", "μmol/l": "µmol/L", "umol/l": "µmol/L", "ml/min": "mL/min",
    "mg/24 h": "mg/24 h", "mg/24h": "mg/24 h", "%": "%", "mm": "mm", "处": "", "个": "", "分": "", "": "",
}
_UNIT_RE = "|".join(sorted((re.escape(u) for u in UNIT_ALIASES if u), key=len, reverse=True))
SIGNS = {">": ">", "≥": "≥", "<": "<", "≤": "≤", ">=": "≥", "<=": "≤", "&gt;": ">", "&lt;": "<"}
NEGATED = {">": "≤", "≥": "<", "<": "≥", "≤": ">", "=": "="}
#: a sign, a number (1,200 or 2.75), an optional unit; the unit must not run into a word (mm vs mmol)
QUANTITY = re.compile(
    r"(?P<sign>>=|<=|&gt;|&lt;|[><≥≤])\s*(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*"
    rf"(?P<unit>(?:{_UNIT_RE})(?![A-Za-z/]))?",
    re.I,
)
#: points of a scored table, written without a sign: "1 分", "0.5 分" (read after the signed numbers are removed)
POINTS = re.compile(r"(?<![\d.])(?P<num>\d+(?:\.\d+)?)\s*分")
#: cytogenetic names whose digits are not numbers: t(4;14), del(17p), del(1p32), 1q+, +1q, 13q
CYTOGENETIC = re.compile(r"\b(?:t|del|amp|der|inv)\([^)]*\)|[+]?\b\d{1,2}[pq]\d*\b[+]?")


@dataclass(frozen=True, order=True)
class Quantity:
    """One number of a table cell: ``sign value unit`` (unit '' for ratios and counts)."""

    value: float
    unit: str
    sign: str

    def __str__(self) -> str:
        number = f"{self.value:g}"
        return f"{self.sign} {number}{' ' + self.unit if self.unit else ''}"


def find_tables(text: str) -> dict[str, list[list[str]]]:
    """Each marked table as rows of cells (header and separator row dropped).

    The table must start on the line right after the marker (blank lines are
    allowed in between); a marker without a table is an error.

    >>> t = find_tables("<!-- criteria-table: x -->\\n| a | b |\\n|---|---|\\n| 1 | ≥ 2% |\\n\\nafter")
    >>> t
    {'x': [['1', '≥ 2%']]}
    """
    lines = text.splitlines()
    tables: dict[str, list[list[str]]] = {}
    for i, line in enumerate(lines):
        m = MARKER.search(line)
        if not m:
            continue
        name = m.group("name")
        if name in tables:
            raise ValueError(f"criteria-table '{name}' is marked twice")
        j = i + 1
        while j < len(lines) and not lines[j].strip():
            j += 1
        block = []
        while j < len(lines) and lines[j].lstrip().startswith("|"):
            block.append(lines[j].strip())
            j += 1
        if len(block) < 3 or not re.fullmatch(r"\|(\s*:?-{3,}:?\s*\|)+", block[1].replace(" ", "")):
            raise ValueError(f"criteria-table '{name}' (line {i + 1}) is not followed by a Markdown table")
        tables[name] = [[c.strip() for c in row.strip("|").split("|")] for row in block[2:]]
    return tables


def quantities(cell: str) -> list[Quantity]:
    """Every signed number in a cell, with its unit normalised to mmlib's spelling.

    A Chinese connective between number and unit is not a unit; a bare
    comparison without a unit (a ratio, a count) has unit ''.

    >>> [str(q) for q in quantities("血清钙 > 11 mg/dL（> 2.75 mmol/L）")]
    ['> 11 mg/dL', '> 2.75 mmol/L']
    >>> [str(q) for q in quantities("≥ 10% 且 < 60%")]
    ['≥ 10 %', '< 60 %']
    >>> [str(q) for q in quantities("> 1 处，每处直径 ≥ 5 mm")]
    ['> 1', '≥ 5 mm']
    >>> [str(q) for q in quantities("≥ 100，且受累游离轻链浓度 ≥ 100 mg/L")]
    ['≥ 100', '≥ 100 mg/L']
    >>> [str(q) for q in quantities("> 177 µmol/L, ≥ 1,200 mg/24 h")]
    ['> 177 µmol/L', '≥ 1200 mg/24 h']
    >>> [str(q) for q in quantities("ISS III 期 1.5 分；总分 ≥ 3 分")]
    ['≥ 3', '= 1.5']
    """
    found = []
    for m in QUANTITY.finditer(cell):
        unit = UNIT_ALIASES[(m.group("unit") or "").lower()]
        found.append(Quantity(float(m.group("num").replace(",", "")), unit, SIGNS[m.group("sign").lower()]))
    for m in POINTS.finditer(QUANTITY.sub(" ", cell)):
        found.append(Quantity(float(m.group("num")), "", "="))
    return found


def unsigned_numbers(cell: str) -> list[str]:
    """Numbers in a cell that carry no comparison sign (they would escape the check).

    Years in a citation and the digits of names (SLiM, CRAB) are not numbers
    here; anything else is reported so that a table cannot hide a threshold
    written without its sign ("10–60%").

    >>> unsigned_numbers("≥ 10% 且 < 60%"), unsigned_numbers("10–60%")
    ([], ['10', '60'])
    >>> unsigned_numbers("β2M ≥ 5.5 mg/L；t(4;14)、del(17p)、1q+ 0.5 分"), unsigned_numbers("2 个因素")
    ([], ['2'])
    """
    stripped = POINTS.sub(" ", QUANTITY.sub(" ", cell))
    stripped = CYTOGENETIC.sub(" ", stripped)
    stripped = re.sub(r"\b(?:19|20)\d{2}\b", " ", stripped)          # years of citations
    stripped = re.sub(r"[A-Za-z\u03b1-\u03c9]+\d+[A-Za-z]*", " ", stripped)  # names like β2M, PET-CT2, p21
    return re.findall(r"\d+(?:\.\d+)?", stripped)


def table_quantities(rows: list[list[str]]) -> set[Quantity]:
    return {q for row in rows for cell in row for q in quantities(cell)}


@dataclass(frozen=True)
class Expected:
    """One published cut-off in one unit, from an mmlib Threshold."""

    key: str
    sign: str
    value: float
    unit: str


def threshold_quantities(thresholds, points: dict[str, float] | None = None) -> list[Expected]:
    """Every (sign, value, unit) a set of mmlib Thresholds is published with (conventional and SI),
    and the points of a scored table (sign '=')."""
    out = [Expected(key, "=", float(v), "") for key, v in (points or {}).items()]
    for t in thresholds:
        out.append(Expected(t.key, t.op, float(t.value), _mmlib_unit(t.unit)))
        if t.si is not None and t.si_unit:
            out.append(Expected(t.key, t.op, float(t.si), _mmlib_unit(t.si_unit)))
    return out


def _mmlib_unit(unit: str) -> str:
    """mmlib's units for counts ('处', '个', 'lesions') and ratios are unitless in the comparison."""
    return UNIT_ALIASES.get((unit or "").lower(), unit or "")


def compare(rows: list[list[str]], thresholds, points: dict[str, float] | None = None) -> list[str]:
    """The disagreements between a table and a set of Thresholds and points (empty = they agree)."""
    expected = threshold_quantities(thresholds, points)
    problems = []
    in_table = table_quantities(rows)
    for q in sorted(in_table):
        matches = [e for e in expected if e.value == q.value and e.unit == q.unit]
        if not matches:
            problems.append(f"table has '{q}', which is no mmlib threshold of this set "
                            f"(mmlib: {', '.join(sorted({f'{e.sign} {e.value:g} {e.unit}'.strip() for e in expected}))})")
        elif not any(q.sign in (e.sign, NEGATED[e.sign]) for e in matches):
            problems.append(f"table has '{q}' but mmlib's sign is '{matches[0].sign}' ({matches[0].key})")
    for e in expected:
        if not any(q.value == e.value and q.unit == e.unit and q.sign in (e.sign, NEGATED[e.sign])
                   for q in in_table):
            shown = f"{e.sign} {e.value:g} {e.unit}".strip()
            problems.append(f"mmlib threshold {e.key} '{shown}' is missing from the table")
    for row in rows:
        for cell in row:
            for n in unsigned_numbers(cell):
                problems.append(f"cell '{cell}' has the number {n} without a comparison sign")
    return problems


# --------------------------------------------------------------------------
# The book's pages against mmlib.diagnosis.CRITERIA_TABLES
# --------------------------------------------------------------------------

#: Thresholds that mmlib lists for a table but the page states only in prose
#: (or not at all).  Each is a strict xfail: the day the page (or mmlib's
#: CRITERIA_TABLES) is brought in line, the XPASS fails and the entry must go.
KNOWN_GAPS: dict[tuple[str, str], str] = {}


def _page_tables() -> dict[str, list[list[str]]]:
    found: dict[str, list[list[str]]] = {}
    for page in sorted(DOCS.rglob("*.md")):
        for name, rows in find_tables(page.read_text(encoding="utf-8")).items():
            assert name not in found, f"criteria-table '{name}' is marked on two pages"
            found[name] = rows
    return found


def _all_tables() -> tuple[dict, dict]:
    """The criteria sets and the table points of every module in :data:`TABLE_MODULES` (names are unique)."""
    import importlib

    tables: dict = {}
    points: dict = {}
    for module in map(importlib.import_module, TABLE_MODULES):
        for name, thresholds in module.CRITERIA_TABLES.items():
            assert name not in tables, f"criteria-table '{name}' is defined by two modules"
            tables[name] = thresholds
        points.update(getattr(module, "TABLE_POINTS", {}))
    return tables, points


def _criteria_tables():
    pytest.importorskip("mmlib.diagnosis")
    return _all_tables()[0]


def _table_points(name: str) -> dict[str, float]:
    return _all_tables()[1].get(name, {})


def _threshold_params():
    try:
        tables, points = _all_tables()
    except ImportError:
        return []
    params = []
    for name, thresholds in tables.items():
        for key in [t.key for t in thresholds] + list(points.get(name, {})):
            gap = KNOWN_GAPS.get((name, key))
            marks = [pytest.mark.xfail(strict=True, reason=gap)] if gap else []
            params.append(pytest.param(name, key, id=f"{name}-{key}", marks=marks))
    return params


def test_every_expected_table_is_marked_on_its_page():
    for name, page in EXPECTED_TABLES.items():
        text = (DOCS / page).read_text(encoding="utf-8")
        assert name in find_tables(text), f"docs/{page} has no '<!-- criteria-table: {name} -->' table"


def test_every_marked_table_has_an_mmlib_criteria_set():
    tables = _criteria_tables()
    assert set(_page_tables()) <= set(tables), set(_page_tables()) - set(tables)
    assert set(EXPECTED_TABLES) <= set(tables)


@pytest.mark.parametrize("name", sorted(EXPECTED_TABLES))
def test_every_number_in_the_table_is_an_mmlib_threshold(name):
    """(a) Each signed number of the table is one of mmlib's thresholds of that set, in its unit."""
    rows = _page_tables()[name]
    assert table_quantities(rows), f"no numbers found in criteria-table '{name}'"
    problems = [p for p in compare(rows, _criteria_tables()[name], _table_points(name))
                if "missing from the table" not in p]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name, key", _threshold_params())
def test_every_mmlib_threshold_is_in_the_table(name, key):
    """(b) Each of mmlib's thresholds (and points) of the set is printed in the table, in every published unit."""
    thresholds = [t for t in _criteria_tables()[name] if t.key == key]
    points = {k: v for k, v in _table_points(name).items() if k == key}
    assert len(thresholds) + len(points) == 1
    rows = _page_tables()[name]
    problems = [p for p in compare(rows, thresholds, points) if "missing from the table" in p]
    assert not problems, "\n".join(problems)


def test_mmlib_table_numbers_agree_with_the_thresholds():
    """mmlib's own summary of each table (table_numbers) is what this test reads from the thresholds."""
    diagnosis = pytest.importorskip("mmlib.diagnosis")
    for name, thresholds in diagnosis.CRITERIA_TABLES.items():
        assert {e.value for e in threshold_quantities(thresholds)} == set(map(float, diagnosis.table_numbers(name)))


# --------------------------------------------------------------------------
# The parser itself (runs without the pages or mmlib.diagnosis)
# --------------------------------------------------------------------------

class _T:
    """A stand-in with the attributes of mmlib.trace.Threshold used here."""

    def __init__(self, key, op, value, unit="", si=None, si_unit=None):
        self.key, self.op, self.value, self.unit, self.si, self.si_unit = key, op, value, unit, si, si_unit


DEMO = """
Text before.

<!-- criteria-table: demo -->
| 指标 | MGUS | SMM |
|---|---|---|
| 血清 M 蛋白 | < 3 g/dL（< 30 g/L） | ≥ 3 g/dL（≥ 30 g/L） |
| 骨髓克隆性浆细胞 | < 10% | ≥ 10% 且 < 60% |

Text after | not a table.
"""
DEMO_THRESHOLDS = [_T("smm.m", "≥", 3, "g/dL", 30, "g/L"), _T("smm.bmpc", "≥", 10, "%"), _T("slim.s", "≥", 60, "%")]


def test_parser_reads_the_demo_table():
    rows = find_tables(DEMO)["demo"]
    assert len(rows) == 2
    assert sorted(map(str, table_quantities(rows))) == sorted(
        ["< 3 g/dL", "< 30 g/L", "≥ 3 g/dL", "≥ 30 g/L", "< 10 %", "≥ 10 %", "< 60 %"])
    assert compare(rows, DEMO_THRESHOLDS) == []


@pytest.mark.parametrize("wrong, right, why", [
    ("≥ 30 g/L", "≥ 35 g/L", "no mmlib threshold"),            # a wrong number
    ("< 10%", "< 10 g/L", "no mmlib threshold"),               # a wrong unit
    ("≥ 3 g/dL", "> 3 g/dL", "sign"),                           # a wrong sign
    ("≥ 10% 且 < 60%", "10–60%", "without a comparison sign"),  # a range written without signs
])
def test_a_wrong_table_fails(wrong, right, why):
    rows = find_tables(DEMO.replace(wrong, right, 1))["demo"]
    problems = compare(rows, DEMO_THRESHOLDS)
    assert problems and any(why in p for p in problems), problems


def test_a_threshold_missing_from_the_table_fails():
    rows = find_tables(DEMO.replace("（≥ 30 g/L）", "").replace("（< 30 g/L）", ""))["demo"]
    assert any("missing from the table" in p for p in compare(rows, DEMO_THRESHOLDS))
    extra = DEMO_THRESHOLDS + [_T("crab.c", ">", 11, "mg/dL", 2.75, "mmol/L")]
    problems = compare(find_tables(DEMO)["demo"], extra)
    assert sum("missing from the table" in p for p in problems) == 2


POINTS_DEMO = """
<!-- criteria-table: pts -->
| 因素 | 分值 |
|---|---|
| ISS III 期 | 1.5 分 |
| del(17p) | 1 分 |
| 总分 | ≥ 3 分为 IV 组 |
"""


def test_points_are_compared_both_ways():
    rows = find_tables(POINTS_DEMO)["pts"]
    thresholds = [_T("g.iv", "≥", 3, "分")]
    assert compare(rows, thresholds, {"iss_iii": 1.5, "del17p": 1}) == []
    wrong = compare(find_tables(POINTS_DEMO.replace("1.5 分", "2 分"))["pts"], thresholds, {"iss_iii": 1.5, "del17p": 1})
    assert any("no mmlib threshold" in p for p in wrong) and any("missing from the table" in p for p in wrong)


def test_a_marker_without_a_table_is_an_error():
    with pytest.raises(ValueError, match="not followed by a Markdown table"):
        find_tables("<!-- criteria-table: x -->\n\nJust text.\n")

