#!/usr/bin/env python3
"""The book's two commands; each does all of its own set-up.

    python3 tools/book.py serve     # build the book and serve it on http://127.0.0.1:8000/
    python3 tools/book.py test      # run the whole test suite

Other sub-commands: ``build`` (build into site/ only), ``offline`` (build, write
the PDF edition dist/mm-book.pdf — also copied to site/downloads/ — and zip the
offline copy into dist/mm-book-offline.zip), ``setup`` (set-up only).
``serve`` listens on ``$MM_BOOK_SERVE_ADDR`` if set (default 127.0.0.1:8000).

Set-up, done once and redone only when pyproject.toml or a package-lock.json
changes: a virtual environment in .venv with mmlib installed in editable mode
plus the ``book`` and ``test`` extras; Debian's ``chromium`` and
``fonts-noto-cjk`` through apt (the build draws the Mermaid diagrams in
headless Chromium; the browser tests use it too) and ``nodejs`` if there is no
``node`` (the build renders formulas with KaTeX in Node), ``npm`` if there is no
``npm``; terser from npm (``npm ci`` in tools/npm; the build minifies the
calculator script) and, for ``test``, axe-core (``npm ci`` in tests/site/npm).  The front-end assets the
site serves are already vendored in docs/assets/vendor (see tools/vendor_assets.py).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv"
PY = VENV / "bin" / "python"
STAMP = VENV / ".mm-book-setup"
APT_PACKAGES = ["chromium", "fonts-noto-cjk", "libpango-1.0-0", "libpangoft2-1.0-0"]  # pango: WeasyPrint (PDF)
TEST_NPM = ROOT / "tests" / "site" / "npm"   # axe-core for the accessibility test
TOOLS_NPM = ROOT / "tools" / "npm"   # terser for the calculator script (hooks/calculator.py)


def run(cmd: list[str], **kw) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    subprocess.run([str(c) for c in cmd], check=True, cwd=ROOT, **kw)


def _fingerprint() -> str:
    h = hashlib.sha256()
    for name in ("pyproject.toml", "tools/book.py", "tests/site/npm/package-lock.json", "tools/npm/package-lock.json"):
        h.update((ROOT / name).read_bytes())
    return h.hexdigest()


def apt_install(packages: list[str]) -> None:
    missing = [p for p in packages
               if subprocess.run(["dpkg", "-s", p], capture_output=True).returncode != 0]
    if not missing:
        return
    if shutil.which("apt-get") is None:
        print(f"警告 / warning: apt-get not found; install {missing} yourself for the browser tests")
        return
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    run(sudo + ["apt-get", "update", "-qq"], env=env)
    run(sudo + ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing], env=env)


def system_packages(for_tests: bool) -> list[str]:
    """Debian packages to make sure of.

    The tests use Debian's chromium; a build only needs some Chromium (a CI image may
    have Google Chrome instead).  Node.js only when no ``node`` is on PATH.
    """
    packages = list(APT_PACKAGES)
    browsers = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
    if not for_tests and any(shutil.which(b) for b in browsers):
        packages.remove("chromium")
    if shutil.which("node") is None:
        packages.append("nodejs")
    if shutil.which("npm") is None:
        packages.append("npm")
    return packages


def npm_ci(folder: Path) -> None:
    if shutil.which("npm") is None:
        print(f"警告 / warning: npm not found; install Node.js and npm, then run 'npm ci' in {folder}")
        return
    run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--prefix", folder])


def setup(for_tests: bool = True) -> None:
    apt_install(system_packages(for_tests))
    if STAMP.is_file() and STAMP.read_text() == _fingerprint():
        return
    if not PY.exists():
        venv.EnvBuilder(with_pip=True).create(VENV)
    run([PY, "-m", "pip", "install", "-q", "--upgrade", "pip"])
    run([PY, "-m", "pip", "install", "-q", "-e", ".[book,test]"])
    run([PY, "-m", "ipykernel", "install", "--sys-prefix", "--name", "python3"])
    npm_ci(TEST_NPM)
    npm_ci(TOOLS_NPM)
    STAMP.write_text(_fingerprint())


def build(*extra: str) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    run([PY, "-m", "mkdocs", "build", "--strict", *extra], env=env)


def main(argv: list[str]) -> int:
    cmd = argv[1] if len(argv) > 1 else "help"
    if cmd == "setup":
        setup()
    elif cmd == "build":
        setup(for_tests=False)
        build()
    elif cmd == "serve":
        setup(for_tests=False)
        # one build: mkdocs serve's own (strict, like `build`), then live reload on every edit
        addr = os.environ.get("MM_BOOK_SERVE_ADDR", "127.0.0.1:8000")
        print(f"\n构建本书，完成后浏览地址 / building, then serving at: http://{addr}/\n", flush=True)
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        os.execve(str(PY), [str(PY), "-m", "mkdocs", "serve", "--strict", "--dev-addr", addr], env)
    elif cmd == "offline":
        setup()  # the PDF needs Chromium and the CJK fonts from apt
        build()
        pdf = ROOT / "dist" / "mm-book.pdf"
        run([PY, "tools/pdf.py", "site", pdf])
        (ROOT / "site" / "downloads").mkdir(exist_ok=True)
        shutil.copy2(pdf, ROOT / "site" / "downloads" / pdf.name)
        out = ROOT / "dist" / "mm-book-offline.zip"
        out.parent.mkdir(exist_ok=True)
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for path in sorted((ROOT / "site").rglob("*")):
                if path.is_file():
                    z.write(path, Path("mm-book") / path.relative_to(ROOT / "site"))
        print(f"离线版 / offline copy: {out} (unzip, then open mm-book/index.html)")
    elif cmd == "test":
        setup()
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        # the whole suite also measures line coverage of mmlib (at least 95 %)
        extra = argv[2:] or ["--cov=mmlib", "--cov-report=term", "--cov-fail-under=95"]
        return subprocess.run([str(PY), "-m", "pytest", *extra], cwd=ROOT, env=env).returncode
    else:
        print(__doc__)
        return 0 if cmd in ("help", "-h", "--help") else 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
