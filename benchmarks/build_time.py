"""Build time of the book, measured in one run: a clean build, a warm rebuild and ``serve``.

1. **clean**: ``mkdocs build --strict`` with an empty cache (``MM_BOOK_CACHE`` points the
   hooks at a fresh temporary folder), so every notebook is executed and every cached
   artefact (wheel, converted notebook pages) is made anew;
2. **warm**: the same build again with the cache the clean build left;
3. **serve**: ``python3 tools/book.py serve``'s command on a free port with the warm cache,
   timed until the first page answers; the number of builds it ran is read from its log.

The repository's own ``.cache`` and ``site/`` are not touched.  Prints the figures and the
slowest notebook steps the hooks logged; not a timed test, asserts nothing.

    python benchmarks/build_time.py [--no-serve] [--profile]

``--profile`` also runs the warm build under cProfile and prints the 25 most expensive calls.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable


def _env(cache: Path) -> dict[str, str]:
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", MM_BOOK_CACHE=str(cache))


def _cpu() -> float:
    """CPU seconds (user + system) of every finished child process, kernels included."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def build(cache: Path, site: Path, profile: Path | None = None) -> tuple[float, float, str]:
    """(wall seconds, CPU seconds, log) of one strict build."""
    cmd = [PY]
    if profile:
        cmd += ["-m", "cProfile", "-o", str(profile)]
    cmd += ["-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    start, cpu = time.perf_counter(), _cpu()
    proc = subprocess.run(cmd, cwd=ROOT, env=_env(cache), capture_output=True, text=True)
    seconds = time.perf_counter() - start
    log = proc.stdout + proc.stderr
    if proc.returncode != 0:
        sys.exit(f"build failed:\n{log[-3000:]}")
    return seconds, _cpu() - cpu, log


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(cache: Path) -> tuple[float, int, str]:
    """Seconds until ``book.py serve`` answers, and how many builds it ran by then."""
    port = _free_port()
    env = _env(cache)
    env["MM_BOOK_SERVE_ADDR"] = f"127.0.0.1:{port}"
    out = tempfile.TemporaryFile(mode="w+")
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, str(ROOT / "tools" / "book.py"), "serve"], cwd=ROOT, env=env,
                            stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        while True:
            if proc.poll() is not None:
                out.seek(0)
                sys.exit(f"serve stopped:\n{out.read()[-3000:]}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(0.2)
        seconds = time.perf_counter() - start
        time.sleep(1.0)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    out.seek(0)
    log = out.read()
    builds = len(re.findall(r"Documentation built in", log))
    return seconds, builds, log


def kernel_warnings(log: str) -> list[str]:
    return [line for line in log.splitlines() if re.search(r"WARNING|running over TCP|Warning", line)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-serve", action="store_true")
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="mm-build-") as tmp:
        cache, site = Path(tmp) / "cache", Path(tmp) / "site"
        load = os.getloadavg()[0]
        clean, clean_cpu, log = build(cache, site)
        executed = re.findall(r"notebook (\S+): executed in ([\d.]+) s", log)
        warm, warm_cpu, wlog = build(cache, site)
        print(f"{os.cpu_count()} cores, load average {load:.1f} before / {os.getloadavg()[0]:.1f} after "
              f"(wall times grow with other processes' load; CPU times much less)")
        print(f"clean build (every notebook executed): {clean:6.1f} s wall, {clean_cpu:6.1f} s CPU   "
              f"[{len(executed)} notebooks]")
        print(f"warm rebuild (cache from the clean build): {warm:6.1f} s wall, {warm_cpu:6.1f} s CPU")
        for name, s in sorted(executed, key=lambda x: -float(x[1]))[:5]:
            print(f"    executing {name}: {float(s):.1f} s")
        for line in wlog.splitlines():
            if re.search(r"timing|ready in|built in", line):
                print("    warm log:", line.strip())
        noisy = kernel_warnings(log + wlog)
        print(f"warnings in the build logs: {len(noisy)}")
        for line in noisy[:5]:
            print("    ", line[:160])
        if not args.no_serve:
            seconds, builds, slog = serve(cache)
            print(f"serve (warm cache), until the first page answers: {seconds:6.1f} s wall   [{builds} build(s)]")
        if args.profile:
            import pstats

            prof = Path(tmp) / "warm.prof"
            build(cache, site, profile=prof)  # wall-clock profile: noisy on a loaded machine
            pstats.Stats(str(prof)).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
