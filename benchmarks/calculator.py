"""Weight and speed of the on-page calculators.

* the gzip size of ``assets/calculator/mm-calculator.js`` (data + rules + interface), with the share
  of the data and of each JavaScript file, against the budget of 40 KB gzip;
* the time of one ``window.mmCalculator.assess(case)`` in Chromium (the book's worked cases,
  ``tests/fixtures/book_cases.json``, each run many times), and of one form update (typing a
  value: read the form, assess, draw the result and the trace).

    python benchmarks/calculator.py [site-dir]     # default: site/; exit status 1 if over budget
"""

from __future__ import annotations

import gzip
import json
import shutil
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KB = 1000
BUDGET = 40 * KB
SCRIPT = "assets/calculator/mm-calculator.js"


def gz(text: str) -> int:
    return len(gzip.compress(text.encode("utf-8"), 6))


def parts() -> dict[str, int]:
    """gzip size of each part alone, minified as the build does: the data, then each JavaScript file."""
    sys.path.insert(0, str(ROOT / "hooks"))
    import calculator as hook  # hooks/calculator.py
    from mmlib.calculator.export import JS_DIR, JS_FILES, data_script

    out = {"data (MM_DATA)": gz(hook.minify(data_script(hook.calculator_data())))}
    for name in JS_FILES:
        if (JS_DIR / name).exists():
            out[name] = gz(hook.minify((JS_DIR / name).read_text(encoding="utf-8")))
    return out


def timings(site: Path, cases: list[dict]) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.goto((site / "chapter_calculators" / "diagnosis.html").as_uri())
        page.wait_for_function("() => window.mmCalculator")
        per_case = page.evaluate("""cases => {
            const out = [];
            for (const c of cases) {
                let ok = true;
                try { window.mmCalculator.assess(c); } catch (e) { ok = false; }
                if (!ok) continue;
                const n = 50, t0 = performance.now();
                for (let i = 0; i < n; i++) window.mmCalculator.assess(c);
                out.push((performance.now() - t0) / n);
            }
            return out;
        }""", cases)
        updates = []
        box = page.locator('#mm-diagnosis [name="bmpc_percent"]')
        for i in range(30):
            box.fill(str(5 + i))
            updates.append(page.evaluate("() => window.mmCalculator.lastMs"))
        browser.close()
    return {"assess_median_ms": statistics.median(per_case) if per_case else float("nan"),
            "assess_max_ms": max(per_case) if per_case else float("nan"), "cases": len(per_case),
            "update_median_ms": statistics.median(updates), "update_max_ms": max(updates)}


def main(argv: list[str]) -> int:
    site = Path(argv[1]) if len(argv) > 1 else ROOT / "site"
    text = (site / SCRIPT).read_text(encoding="utf-8")
    total = gz(text)
    print(f"{SCRIPT}: {len(text.encode()) / KB:.1f} KB, {total / KB:.1f} KB gzip (budget {BUDGET / KB:.0f} KB)")
    for name, size in parts().items():
        print(f"  {name:<22} {size / KB:6.1f} KB gzip (alone)")
    cases = json.loads((ROOT / "tests" / "fixtures" / "book_cases.json").read_text(encoding="utf-8"))
    t = timings(site, cases)
    print(f"assess in Chromium: median {t['assess_median_ms']:.3f} ms, max {t['assess_max_ms']:.3f} ms "
          f"over {t['cases']} book cases")
    print(f"form update (read, assess, draw): median {t['update_median_ms']:.2f} ms, "
          f"max {t['update_max_ms']:.2f} ms (one frame: 16.7 ms)")
    ok = total <= BUDGET
    print(f"budget {'met' if ok else 'EXCEEDED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
