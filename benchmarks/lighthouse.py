"""Lighthouse 12 (mobile) scores of three kinds of page, served with gzip as a static host does.

Prints performance / accessibility / best-practices (targets: ≥ 95 / 100 / 100) with the main
performance metrics, and every audit that cost a point in accessibility or best practices.
Lighthouse comes from npm (pinned in ``benchmarks/npm/package.json``; installed there with
``npm ci`` on first use) and runs the machine's Chromium.  Asserts nothing; exit status 1 if
a target is missed.

Lighthouse's performance score moves by several points from one run to the next on a small,
busy machine (its simulated 4x CPU slowdown multiplies whatever else the machine is doing), so
``--runs N`` (default 3) runs each page N times, prints every run and judges the targets on each
page's median.

    python benchmarks/lighthouse.py [--runs N] [site-dir] [page ...]
    # default: site/; index.html, a text page with a diagram and a notebook page
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from static_server import serve  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
NPM_DIR = Path(__file__).resolve().parent / "npm"
CLI = NPM_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"
PAGES = ["index.html", "chapter_principles/disease-spectrum.html", "chapter_principles/model_bone.html"]
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100}
METRICS = ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift",
           "speed-index"]


def ensure_lighthouse() -> None:
    if CLI.is_file():
        return
    if shutil.which("npm") is None:
        sys.exit("npm is needed to install Lighthouse (benchmarks/npm); install Node.js and npm")
    subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=NPM_DIR, check=True)


def run(url: str, chromium: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        cmd = ["node", str(CLI), url, "--quiet", "--output=json", f"--output-path={out}",
               "--only-categories=performance,accessibility,best-practices",
               "--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run"]
        env = dict(os.environ, CHROME_PATH=chromium)
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)
        if proc.returncode != 0 or not out.is_file():
            raise RuntimeError(f"lighthouse failed on {url}:\n{proc.stderr[-3000:]}")
        return json.loads(out.read_text(encoding="utf-8"))


def report_lines(page: str, report: dict) -> tuple[dict[str, int], list[str]]:
    """The scores of one Lighthouse report, and the lines that describe it."""
    scores = {k: round(report["categories"][k]["score"] * 100) for k in TARGETS}
    audits = report["audits"]
    lines = [f"{page}: " + "  ".join(f"{k} {v}" for k, v in scores.items())
             + f"   (Lighthouse {report['lighthouseVersion']}, {report['configSettings']['formFactor']})",
             "    " + "  ".join(f"{m.replace('-', ' ')}: {audits[m]['displayValue']}" for m in METRICS)]
    for category in ("accessibility", "best-practices"):
        for ref in report["categories"][category]["auditRefs"]:
            audit = audits[ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                lines.append(f"    {category}: {ref['id']} — {audit['title']}")
    return scores, lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3, help="runs per page; targets are judged on the median")
    ap.add_argument("site", nargs="?", default=str(ROOT / "site"))
    ap.add_argument("pages", nargs="*")
    args = ap.parse_args()
    site, pages = Path(args.site), args.pages or PAGES
    chromium = shutil.which("chromium") or shutil.which("google-chrome") or "/usr/bin/chromium"
    ensure_lighthouse()
    missed = False
    with serve(site) as base:
        for page in pages:
            runs = []
            for _ in range(max(1, args.runs)):
                scores, lines = report_lines(page, run(base + page, chromium))
                runs.append(scores)
                print("\n".join(lines))
            median = {k: statistics.median(r[k] for r in runs) for k in TARGETS}
            print(f"  median of {len(runs)}: " + "  ".join(f"{k} {v:g}" for k, v in median.items())
                  + f"   (performance runs: {', '.join(str(r['performance']) for r in runs)})")
            missed |= any(median[k] < target for k, target in TARGETS.items())
    print("targets (medians): performance ≥ 95, accessibility 100, best practices 100:",
          "missed" if missed else "met")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
