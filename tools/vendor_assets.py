"""Copy the pinned front-end assets from node_modules into docs/assets/vendor.

The book loads nothing from another host, so KaTeX, Mermaid and the
iframe-worker shim (offline search from file://) are served from the site
itself.  Versions are pinned in package.json; to update one:

    npm install --ignore-scripts <name>@<version> --save-dev --save-exact
    python tools/vendor_assets.py
    python -m pytest tests/site -q   # rebuild and re-check the offline guarantees

The script copies only what the site uses, keeps each package's licence, and
writes docs/assets/vendor/VERSIONS.txt.  It fails loudly if an expected file
is missing (a renamed file in a new upstream release must not slip through).
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NODE = ROOT / "node_modules"
DEST = ROOT / "docs" / "assets" / "vendor"

# package -> list of (source relative to the package, destination relative to DEST/package)
PLAN: dict[str, list[tuple[str, str]]] = {
    "katex": [
        ("dist/katex.min.js", "katex.min.js"),
        ("dist/katex.min.css", "katex.min.css"),
        ("dist/contrib/auto-render.min.js", "auto-render.min.js"),
        ("dist/fonts", "fonts"),
        ("LICENSE", "LICENSE"),
    ],
    "mermaid": [
        ("dist/mermaid.min.js", "mermaid.min.js"),
        ("LICENSE", "LICENSE"),
    ],
    "iframe-worker": [
        ("shim/index.js", "shim.js"),
        ("LICENSE", "LICENSE"),
    ],
}


def main() -> int:
    pinned = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]
    lines = []
    for package, items in PLAN.items():
        src_root = NODE / package
        meta = json.loads((src_root / "package.json").read_text(encoding="utf-8"))
        if meta["version"] != pinned[package]:
            sys.exit(f"{package}: node_modules has {meta['version']}, package.json pins {pinned[package]}; run npm install")
        target = DEST / package
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        for src, dst in items:
            s = src_root / src
            if not s.exists():
                sys.exit(f"{package}: expected file {src} is missing in version {meta['version']}")
            if s.is_dir():
                shutil.copytree(s, target / dst)
            else:
                shutil.copy2(s, target / dst)
        lines.append(f"{package} {meta['version']} ({meta.get('license', 'see LICENSE')})")
    (DEST / "VERSIONS.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
