#!/usr/bin/env python3
"""Extract what the tests need from the source document into a fixture in the repository.

The book was written from one source document (a Markdown-like text whose
section headings and glossary links the book mirrors).  The tests check the
built site against that structure; they read this fixture, never the source
document itself, so they pass on any clone.

    python3 tools/seed_outline.py SOURCE.txt [SOURCE2.txt ...]   # rewrites tests/fixtures/seed_outline.json

What is extracted:

* ``headings``: every ``##``–``####`` heading, in order, as ``[level, text]``
  (text as written, including ``[term](@entry_id:N)`` links);
* ``entry_links``: every distinct ``[text](@entry_id:N)`` glossary link, as
  ``[text, N]`` sorted by text;
* ``problem_ids``: the distinct ``@problem_id:N`` placeholders, sorted;
* ``provenance``: source file names, their SHA-256, the date and this command.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "fixtures" / "seed_outline.json"
HEADING = re.compile(r"^(#{2,4})\s+(.+?)\s*$", re.M)
ENTRY_LINK = re.compile(r"\[([^\]]+)\]\(@entry_id:(\d+)\)")
PROBLEM_ID = re.compile(r"@problem_id:(\d+)")


def outline(text: str) -> dict:
    """The structure of one source text.

    >>> o = outline("## 引言\\n见[浆细胞](@entry_id:7)。\\n#### 肾 (R)\\n@problem_id:12\\n")
    >>> o["headings"], o["entry_links"], o["problem_ids"]
    ([[2, '引言'], [4, '肾 (R)']], [['浆细胞', 7]], [12])
    """
    links = {(m.group(1), int(m.group(2))) for m in ENTRY_LINK.finditer(text)}
    return {
        "headings": [[len(m.group(1)), m.group(2)] for m in HEADING.finditer(text)],
        "entry_links": [list(x) for x in sorted(links)],
        "problem_ids": sorted({int(m) for m in PROBLEM_ID.findall(text)}),
    }


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__)
        return 2
    paths = [Path(a) for a in argv[1:]]
    text = "\n".join(p.read_text(encoding="utf-8") for p in paths)
    data = {
        "provenance": {
            "files": [{"name": p.name, "sha256": hashlib.sha256(p.read_bytes()).hexdigest()} for p in paths],
            "extracted": _dt.date.today().isoformat(),
            "command": "python3 tools/seed_outline.py " + " ".join(p.name for p in paths),
            "note": "extracted once from the source document the book was written from; "
                    "the tests read this file, never the source document",
        },
        **outline(text),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(data['headings'])} headings, "
          f"{len(data['entry_links'])} entry links, {len(data['problem_ids'])} problem ids")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
