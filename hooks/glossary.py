"""Glossary and references for the book, each defined once.

* ``docs/glossary.yml`` holds every term (id, zh, en, definition).  The
  glossary page renders them where it says ``<!-- glossary-entries -->``, and
  every Markdown link to ``glossary.md#<id>`` gets the definition as its hover
  title (shown by Material's ``content.tooltips``).
* ``mmlib.sources.SOURCES`` holds every reference; ``references.md`` renders
  them where it says ``<!-- reference-list -->``, each with its key as anchor.

Unknown ids, duplicate ids, entries without a definition, a glossary link to a
missing id or a reference link to an unknown key stop the build.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError

GLOSSARY_MARK = "<!-- glossary-entries -->"
REFERENCES_MARK = "<!-- reference-list -->"
REQUIRED = ("id", "zh", "en", "definition")
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# [text](../glossary.md#id) or [text](glossary.md#id "title")
GLOSSARY_LINK = re.compile(r"\]\(((?:\.\./)*glossary\.md)#([^)\s\"]+)\)")
REFERENCE_LINK = re.compile(r"\]\(((?:\.\./)*references\.md)#([^)\s\"]+)\)")

_terms: dict[str, dict] = {}


def load_glossary(path: Path) -> dict[str, dict]:
    """Read and validate the glossary file; raise PluginError on any defect."""
    if not path.is_file():
        raise PluginError(f"glossary: {path} is missing")
    # libyaml's safe loader when present: the same data, ten times faster than the Python one
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if not isinstance(data, list):
        raise PluginError(f"glossary: {path} must be a list of entries")
    terms: dict[str, dict] = {}
    for i, entry in enumerate(data):
        if not isinstance(entry, dict):
            raise PluginError(f"glossary: entry #{i + 1} is not a mapping")
        missing = [k for k in REQUIRED if not str(entry.get(k, "")).strip()]
        if missing:
            raise PluginError(f"glossary: entry #{i + 1} ({entry.get('id')}) lacks {', '.join(missing)}")
        unknown = set(entry) - set(REQUIRED) - {"aliases", "chapter", "seed_links", "correction"}
        if unknown:
            raise PluginError(f"glossary: entry {entry['id']} has unknown keys {sorted(unknown)}")
        if not ID_RE.match(entry["id"]):
            raise PluginError(f"glossary: id {entry['id']!r} must be lowercase ASCII words joined by '-'")
        if entry["id"] in terms:
            raise PluginError(f"glossary: duplicate id {entry['id']!r}")
        terms[entry["id"]] = entry
    return terms


def _title(entry: dict) -> str:
    text = f"{entry['zh']}（{entry['en']}）：{' '.join(str(entry['definition']).split())}"
    return text.replace('"', "“")


def render_glossary(terms: dict[str, dict]) -> str:
    """Markdown for the glossary page: one H3 per term, anchored by its id."""
    out = []
    chapter = None
    for entry in terms.values():
        if entry.get("chapter") and entry["chapter"] != chapter:
            chapter = entry["chapter"]
            out.append(f"\n## {chapter}\n")
        out.append(f"### {entry['zh']}（{entry['en']}） {{: #{entry['id']} .mm-term }}\n")
        out.append(" ".join(str(entry["definition"]).split()) + "\n")
    return "\n".join(out)


def render_references() -> str:
    """Markdown for the references page, from mmlib.sources (one paragraph per source)."""
    from mmlib.sources import SOURCES

    out = []
    for n, src in enumerate(SOURCES.values(), start=1):
        doi = f" DOI: [{src.doi}]({src.url})" if src.doi else ""
        pmid = f" PMID: [{src.pmid}]({src.pubmed_url})" if src.pmid else ""
        web = f" [出版方页面]({src.web})" if src.web and not src.doi else ""
        note = f" {src.note}" if src.note else ""
        topic = f"  \n*用于：{src.topic}*" if src.topic else ""
        out.append(f"**[{n}] {src.short}.** {src.citation}{doi}{pmid}{web}{note}{topic}\n{{: #{src.key} }}\n")
    return "\n".join(out)


def on_config(config):
    global _terms
    _terms = load_glossary(Path(config["docs_dir"]) / "glossary.yml")
    return config


def on_page_markdown(markdown: str, page, config, files):
    from mmlib.sources import SOURCES

    if GLOSSARY_MARK in markdown:
        markdown = markdown.replace(GLOSSARY_MARK, render_glossary(_terms))
    if REFERENCES_MARK in markdown:
        markdown = markdown.replace(REFERENCES_MARK, render_references())

    def glossary_link(m: re.Match) -> str:
        target, term_id = m.group(1), m.group(2)
        if term_id not in _terms:
            raise PluginError(f"{page.file.src_uri}: glossary link to unknown term id {term_id!r}")
        return f']({target}#{term_id} "{_title(_terms[term_id])}"){{ .mm-glossary-link }}'

    def reference_link(m: re.Match) -> str:
        if m.group(2) not in SOURCES:
            raise PluginError(f"{page.file.src_uri}: reference link to unknown source key {m.group(2)!r}")
        return m.group(0)

    markdown = GLOSSARY_LINK.sub(glossary_link, markdown)
    REFERENCE_LINK.sub(reference_link, markdown)
    return markdown
