"""Cold-load weight of every page of the built book, measured in headless Chromium.

Serves site/ on 127.0.0.1 (an ephemeral port), opens each page in a fresh
browser context (empty cache) and sums the bytes of every response the page
loads (HTML, CSS, JS, fonts, images; including Mermaid and KaTeX where used).
Prints the heaviest pages and the site's total size on disk.

    python benchmarks/page_weight.py [site-dir]     # default: site/
"""

from __future__ import annotations

import functools
import gzip
import http.server
import shutil
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site"
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    http.server.SimpleHTTPRequestHandler.log_message = lambda *a: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.name != "404.html")
    rows = []
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"])
        for page_path in pages:
            context = browser.new_context()
            page = context.new_page()
            sizes: dict[str, int] = {}
            gzipped: dict[str, int] = {}

            def on_response(response, sizes=sizes, gzipped=gzipped):
                try:
                    body = response.body()
                except Exception:
                    return
                sizes[response.url] = len(body)
                gzipped[response.url] = len(gzip.compress(body, 6))

            page.on("response", on_response)
            page.goto(base + page_path, wait_until="networkidle")
            page.wait_for_timeout(500)
            foreign = [u for u in sizes if not u.startswith(base)]
            rows.append((sum(sizes.values()), len(sizes), page_path, foreign, sum(gzipped.values())))
            context.close()
        browser.close()
    server.shutdown()
    rows.sort(reverse=True)
    print(f"{'bytes':>12} {'gzip':>12} {'files':>6}  page   (gzip: what a server with compression sends)")
    for total, count, path, foreign, zipped in rows[:10]:
        print(f"{total:>12,} {zipped:>12,} {count:>6}  {path}" + (f"  FOREIGN: {foreign}" if foreign else ""))
    disk = sum(f.stat().st_size for f in site.rglob("*") if f.is_file())
    print(f"\n{len(rows)} pages; heaviest cold load {rows[0][0] / 1e6:.2f} MB ({rows[0][2]}); "
          f"{rows[0][4] / 1e6:.2f} MB gzipped; median {sorted(r[0] for r in rows)[len(rows) // 2] / 1e6:.2f} MB; "
          f"site on disk {disk / 1e6:.1f} MB")
    if any(r[3] for r in rows):
        sys.exit("some page loaded from another host")


if __name__ == "__main__":
    main()
