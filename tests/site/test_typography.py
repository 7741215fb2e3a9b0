"""Typography of the Chinese prose: no gap before or after a bold or linked Chinese term.

The style guide puts a space between Chinese and Latin letters or digits, but
never between two Chinese characters: ``称为**[核周淡染区](…)**`` reads as one
run of text, while ``称为 **[核周淡染区](…)**`` shows a visible gap on the page.
A term set in bold or as a link is still Chinese text, so a space between it
and the neighbouring Chinese character is an error.  Terms that begin or end
with a Latin letter (``**RANKL**``, ``[B 细胞](…)``) keep their space.

The second check: a glossary term is linked at most once per paragraph (a
second link to the same entry in the same paragraph only adds noise).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
HAN = r"\u3400-\u9fff"
#: Chinese character, space(s), then an opening ``*``/``**`` and/or ``[`` whose text starts with a Chinese character.
GAP_BEFORE = re.compile(rf"[{HAN}]( +)(?=(?:\*{{1,2}}\[?|\[)[{HAN}“])")
#: A bold/italic or linked term ending in a Chinese character, its closing marks, space(s), then a Chinese character.
GAP_AFTER = re.compile(rf"[{HAN}”](?:\]\([^)\s]*\))?\*{{0,2}}(?<=[*)])( +)(?=[{HAN}])")
GLOSSARY_LINK = re.compile(r"\]\((?:\.\./)?glossary\.md#([a-z0-9-]+)\)")


def prose(text: str) -> str:
    """The page with code blocks, inline code, math, HTML comments and Mermaid blanked out (lines kept)."""
    blank = lambda m: re.sub(r"[^\n]", " ", m.group(0))  # noqa: E731
    text = re.sub(r"```.*?```", blank, text, flags=re.S)
    text = re.sub(r"\$\$.*?\$\$", blank, text, flags=re.S)
    text = re.sub(r"<!--.*?-->", blank, text, flags=re.S)
    text = re.sub(r"`[^`\n]*`", blank, text)
    return re.sub(r"\$[^$\n]*\$", blank, text)


def gaps(text: str) -> list[tuple[int, str]]:
    """(line, excerpt) of every space between a Chinese character and a bold/linked Chinese term."""
    found = []
    clean = prose(text)
    for pattern in (GAP_BEFORE, GAP_AFTER):
        for m in pattern.finditer(clean):
            line = clean.count("\n", 0, m.start()) + 1
            found.append((line, text[max(0, m.start() - 6): m.end() + 8].replace("\n", " ")))
    return sorted(found)


def repeated_links(text: str) -> list[tuple[str, str]]:
    """(glossary id, paragraph start) for each glossary entry linked twice in one paragraph."""
    out = []
    for para in re.split(r"\n\s*\n", prose(text)):
        ids = GLOSSARY_LINK.findall(para)
        out += [(i, para.strip()[:30]) for i in sorted({i for i in ids if ids.count(i) > 1})]
    return out


PAGES = sorted(p for p in DOCS.rglob("*.md") if "assets" not in p.parts)


@pytest.mark.parametrize("text, expected", [
    ("称为 **[核周淡染区](../glossary.md#perinuclear-hof)**（perinuclear hof）", 1),
    ("称为**[核周淡染区](../glossary.md#perinuclear-hof)**（perinuclear hof）", 0),
    ("这一过程称为 **解偶联**。", 1),
    ("出现所谓的 **“解偶联”**（uncoupling）", 1),
    ("由 **[骨髓基质细胞](../glossary.md#bone-marrow-stromal-cell)** 分泌", 2),
    ("与 **RANKL** 结合", 0),                     # a Latin term keeps its spaces
    ("起源于 [B 细胞分化](../glossary.md#b-cell-differentiation)的终末阶段", 0),
    ("见 `mmlib.risk` 模块", 0),                  # code is not prose
    ("- **t(11;14)**：导致过表达", 0),
])
def test_checker_finds_the_gap(text, expected):
    assert len(gaps(text)) == expected


def test_checker_finds_a_repeated_link():
    para = "[RANKL](../glossary.md#rankl) 与 RANK 结合。[RANKL](../glossary.md#rankl) 还……\n\n[RANKL](../glossary.md#rankl)"
    assert [i for i, _ in repeated_links(para)] == ["rankl"]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(DOCS)))
def test_no_gap_around_a_bold_or_linked_chinese_term(page):
    assert gaps(page.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(DOCS)))
def test_a_glossary_entry_is_linked_once_per_paragraph(page):
    assert repeated_links(page.read_text(encoding="utf-8")) == []


def linked_after_italic(text: str) -> list[str]:
    """Terms introduced in italics (``*X*``) and linked to the glossary only at a later mention."""
    clean = prose(text)
    out = []
    for m in re.finditer(r"\[([^\]]+)\]\((?:\.\./)?glossary\.md#[a-z0-9-]+\)", clean):
        first = clean.find(f"*{m.group(1)}*")
        if 0 <= first < m.start():
            out.append(m.group(1))
    return out


def test_checker_finds_a_late_link():
    assert linked_after_italic("*浆细胞*（plasma cell）……正常[浆细胞](../glossary.md#plasma-cell)") == ["浆细胞"]
    assert linked_after_italic("[浆细胞](../glossary.md#plasma-cell)（plasma cell）……*浆细胞*") == []


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(DOCS)))
def test_the_glossary_link_is_on_the_first_mention(page):
    assert linked_after_italic(page.read_text(encoding="utf-8")) == []
