"""Cold-load weight of every page of the built book, and the book's weight budgets.

Serves site/ on 127.0.0.1 as a static host does (text gzip-compressed, see
``static_server.py``), opens each page in a fresh browser context (empty cache)
and adds up the bytes of every response the page loads (HTML, CSS, JS, fonts,
images, the search index), both as sent over the wire (gzip) and decoded.
Prints every page, then the budgets and whether each is met:

* a text page: at most 350 KB sent (gzip);
* a notebook page: at most 700 KB sent (gzip);
* the search index: at most 400 KB sent (gzip).

    python benchmarks/page_weight.py [site-dir]     # default: site/; exit status 1 if a budget is exceeded
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from static_server import gzip_size, serve  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
KB = 1000
BUDGETS = {"text page": 350 * KB, "notebook page": 700 * KB, "search index": 400 * KB}
SEARCH_INDEX = "search/search_index.js"   # what the offline search loads (same data as search_index.json)


def kind(html: str) -> str:
    """``notebook page`` for pages made from a notebook, ``text page`` otherwise."""
    return "notebook page" if 'class="jupyter-wrapper"' in html else "text page"


def measure(site: Path) -> list[dict]:
    """One row per page: wire bytes, decoded bytes, number of files, foreign loads."""
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.name != "404.html")
    rows = []
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"])
        for page_path in pages:
            context = browser.new_context()
            page = context.new_page()
            responses = []
            context.on("requestfinished", lambda request: responses.append(request))
            page.goto(base + page_path, wait_until="networkidle")
            page.wait_for_timeout(300)
            wire = decoded = 0
            foreign = []
            for request in responses:
                if not request.url.startswith((base, "data:", "blob:")):
                    foreign.append(request.url)
                if request.url.startswith(("data:", "blob:")):
                    continue
                sizes = request.sizes()
                wire += sizes["responseBodySize"]
                response = request.response()
                decoded += len(response.body()) if response else 0
            rows.append({"page": page_path, "wire": wire, "decoded": decoded, "files": len(responses),
                         "foreign": foreign, "kind": kind((site / page_path).read_text(encoding="utf-8"))})
            context.close()
        browser.close()
    return rows


def main() -> int:
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site"
    rows = measure(site)
    rows.sort(key=lambda r: -r["wire"])
    print(f"{'sent (gzip)':>12} {'decoded':>12} {'files':>6}  page")
    for r in rows:
        print(f"{r['wire']:>12,} {r['decoded']:>12,} {r['files']:>6}  {r['page']}"
              + (f"  FOREIGN: {r['foreign']}" if r["foreign"] else ""))
    disk = sum(f.stat().st_size for f in site.rglob("*") if f.is_file())
    print(f"\n{len(rows)} pages; site on disk {disk / 1e6:.1f} MB")

    heaviest = {"search index": (gzip_size(site / SEARCH_INDEX), SEARCH_INDEX)}
    for name in ("text page", "notebook page"):
        of_kind = [r for r in rows if r["kind"] == name]
        if of_kind:
            heaviest[name] = (of_kind[0]["wire"], of_kind[0]["page"])
    print("\nbudget (bytes sent, gzip)        heaviest     budget  status")
    failed = False
    for name, budget in BUDGETS.items():
        size, where = heaviest.get(name, (0, "-"))
        ok = size <= budget
        failed |= not ok
        print(f"  {name:<14} {where:<40.40} {size:>10,} {budget:>10,}  {'ok' if ok else 'OVER'}")
    if any(r["foreign"] for r in rows):
        print("some page loaded from another host")
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
