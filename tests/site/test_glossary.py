"""Glossary: every term the source links has an entry, every link resolves, hover shows the definition."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
DOC_LINK = re.compile(r"\]\((?:\.\./)*glossary\.md#([^)\s\"]+)")


@pytest.fixture(scope="module")
def glossary() -> list[dict]:
    return yaml.safe_load((DOCS / "glossary.yml").read_text(encoding="utf-8"))


def _forms(entry: dict) -> set[str]:
    forms = {entry["zh"], *entry.get("aliases", [])}
    return {f.replace(" ", "") for f in forms}


def test_entries_are_complete_and_unique(glossary):
    ids = [e["id"] for e in glossary]
    assert len(ids) == len(set(ids))
    for e in glossary:
        assert e["zh"].strip() and e["en"].strip(), e
        definition = " ".join(str(e["definition"]).split())
        assert 10 <= len(definition) <= 300, e["id"]


def test_every_term_linked_in_the_source_has_an_entry(seed_outline, glossary):
    """Each seed link text is recorded on exactly one entry; a changed term says why."""
    linked = {text for text, _ in seed_outline["entry_links"]}
    assert len(linked) == 76
    recorded: dict[str, str] = {}
    for e in glossary:
        for text in e.get("seed_links", []):
            assert text not in recorded, f"{text} recorded on {recorded.get(text)} and {e['id']}"
            recorded[text] = e["id"]
    assert set(recorded) == linked
    by_id = {e["id"]: e for e in glossary}
    for text, term_id in recorded.items():
        entry = by_id[term_id]
        if text.replace(" ", "") not in _forms(entry):
            assert entry.get("correction", "").strip(), f"{text} -> {entry['zh']} without a reason"


def test_known_wrong_links_of_the_source_are_corrected(glossary):
    forms = set().union(*(_forms(e) for e in glossary))
    # a physics "hadron" and "cell-mediated immunity" are not what the sentences mean
    assert "强子" not in forms and "增强子" in forms
    assert "细胞免疫" not in forms and "免疫表型" in forms
    assert "超二倍体" in forms


def test_every_glossary_link_in_the_pages_resolves(glossary):
    ids = {e["id"] for e in glossary}
    broken = []
    for path in sorted(DOCS.rglob("*.md")):
        for term_id in DOC_LINK.findall(path.read_text(encoding="utf-8")):
            if term_id not in ids:
                broken.append(f"{path.relative_to(ROOT)}#{term_id}")
    assert broken == []


@pytest.mark.slow
def test_glossary_links_carry_the_definition_on_hover(glossary, html_pages):
    by_id = {e["id"]: e for e in glossary}
    linked = 0
    for page, text in html_pages.items():
        for tag in re.findall(r"<a\b[^>]*\bmm-glossary-link\b[^>]*>", text):
            href = re.search(r'href="[^"]*glossary\.html#([^"]+)"', tag).group(1)
            title = re.search(r'title="([^"]+)"', tag).group(1)
            assert title.startswith(by_id[href]["zh"]), (page, href)
            linked += 1
    assert linked >= 76


@pytest.mark.slow
def test_glossary_page_has_an_anchor_for_every_entry(glossary, html_pages):
    page = html_pages["glossary.html"]
    for e in glossary:
        assert f'id="{e["id"]}"' in page, e["id"]
