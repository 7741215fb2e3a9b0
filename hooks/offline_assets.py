"""Nothing is loaded from another host; no page loads Mermaid.

* Diagrams are inline SVG drawn at build time (hooks/prerender.py); a page that
  still holds a ``class="mermaid"`` block (which Material's bundle would draw
  with a Mermaid it downloads) stops the build.
* Material's bundle names two CDN fallbacks (Mermaid, a ResizeObserver
  polyfill); they are replaced by inert ``data:`` URLs so that no code path can
  reach another host.  If a new Material release changes these strings the build
  stops, so the replacement is checked again rather than silently skipped.
* After the build every HTML/CSS/JS file is scanned for loads from other hosts
  (script/link/img/iframe sources, CSS ``url()``/``@import``, JS ``import()``,
  ``importScripts`` and ``fetch``); any hit stops the build.  The results are
  cached by each file's hash (``.cache/offline-scan.json``), so a rebuild scans
  only files that changed.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[1]
SCAN_CACHE = Path(os.environ.get("MM_BOOK_CACHE") or ROOT / ".cache") / "offline-scan.json"
BUNDLE_CDN = {
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js": "data:text/javascript,",
    "https://unpkg.com/resize-observer-polyfill": "data:text/javascript,",
}

# A load from another host: an attribute or CSS/JS call whose URL starts with a scheme or //.
REMOTE = r"(?:https?:)?//[^\s\"'<>)]+"
LOAD_PATTERNS = [
    re.compile(r"<(?:script|img|iframe|source|audio|video|embed|track)\b[^>]*\ssrc\s*=\s*[\"']?" + REMOTE, re.I),
    re.compile(r"<link\b(?=[^>]*\brel\s*=\s*[\"']?(?:stylesheet|preload|prefetch|preconnect|dns-prefetch|icon|"
               r"modulepreload|manifest))[^>]*\bhref\s*=\s*[\"']?" + REMOTE, re.I),
    re.compile(r"<object\b[^>]*\sdata\s*=\s*[\"']?" + REMOTE, re.I),
    re.compile(r"url\(\s*[\"']?" + REMOTE, re.I),
    re.compile(r"@import\s+[\"']" + REMOTE, re.I),
    re.compile(r"\bimport\s*\(\s*[\"'`]" + REMOTE),
    re.compile(r"\bimport\s+[^;()]*?from\s*[\"']" + REMOTE),
    re.compile(r"\bimportScripts\s*\(\s*[\"'`]" + REMOTE),
    re.compile(r"\bfetch\s*\(\s*[\"'`]" + REMOTE),
    re.compile(r"\.src\s*=\s*[\"'`]" + REMOTE),
    # any mention of a public CDN or font host, wherever it stands
    re.compile(r"(?:https?:)?//(?:unpkg\.com|cdn\.jsdelivr\.net|cdnjs\.cloudflare\.com|fonts\.googleapis\.com|"
               r"fonts\.gstatic\.com|polyfill\.io|esm\.sh|ajax\.googleapis\.com)[^\s\"'<>)]*", re.I),
]


def remote_loads(text: str) -> list[str]:
    """Every load from another host found in an HTML/CSS/JS text.

    >>> remote_loads('<script src="https://cdn.example/x.js"></script><a href="https://doi.org/1">x</a>')
    ['<script src="https://cdn.example/x.js']
    >>> remote_loads("@font-face{src:url(fonts/KaTeX.woff2)}")
    []
    """
    hits = []
    for pattern in LOAD_PATTERNS:
        hits += [m.group(0)[:120] for m in pattern.finditer(text)]
    return hits


def _scan_cache_key() -> str:
    return hashlib.sha256("\n".join(p.pattern for p in LOAD_PATTERNS).encode()).hexdigest()[:16]


def scan_site(site_dir: Path, cache: Path | None = None) -> dict[str, list[str]]:
    """Map of file -> remote loads, over every .html/.css/.js file of a built site.

    With ``cache`` (a JSON file), files whose bytes were scanned before by the same
    patterns (the vendored bundles, unchanged pages) are not scanned again.
    """
    key = _scan_cache_key()
    known: dict[str, list[str]] = {}
    if cache is not None and cache.is_file():
        stored = json.loads(cache.read_text(encoding="utf-8"))
        known = stored.get("results", {}) if stored.get("patterns") == key else {}
    seen: dict[str, list[str]] = {}
    found = {}
    for path in sorted(site_dir.rglob("*")):
        if path.suffix in {".html", ".css", ".js", ".mjs"} and path.is_file():
            data = path.read_bytes()
            digest = hashlib.sha256(data).hexdigest()
            hits = known.get(digest)
            if hits is None:
                hits = remote_loads(data.decode("utf-8", errors="replace"))
            seen[digest] = hits
            if hits:
                found[str(path.relative_to(site_dir))] = hits
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(json.dumps({"patterns": key, "results": seen}), encoding="utf-8")
    return found


def on_post_page(output: str, page, config):
    if re.search(r'class="mermaid"|mermaid(?:\.min)?\.js', output):
        raise PluginError(f"offline_assets: {page.file.src_uri} still has a Mermaid block or script; diagrams "
                          f"must be drawn at build time by hooks/prerender.py")
    return output


def on_post_build(config):
    site = Path(config["site_dir"])
    bundles = list((site / "assets" / "javascripts").glob("bundle.*.min.js"))
    if len(bundles) != 1:
        raise PluginError(f"offline_assets: expected one Material bundle, found {len(bundles)}")
    text = bundles[0].read_text(encoding="utf-8")
    for url, replacement in BUNDLE_CDN.items():
        if url not in text:
            raise PluginError(f"offline_assets: Material bundle no longer contains {url}; review the CDN "
                              f"fallbacks of this Material version and update BUNDLE_CDN")
        text = text.replace(url, replacement)
    bundles[0].write_text(text, encoding="utf-8")
    found = scan_site(site, cache=SCAN_CACHE)
    if found:
        lines = [f"  {f}: {hits[:3]}" for f, hits in list(found.items())[:10]]
        raise PluginError("offline_assets: the site loads from other hosts:\n" + "\n".join(lines))
