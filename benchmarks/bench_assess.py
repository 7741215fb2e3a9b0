"""Throughput of mmlib: ``assess`` one case at a time, ``assess_frame`` on 100,000 rows, and import time.

Run: ``python benchmarks/bench_assess.py [--cases 2000] [--rows 100000]``.  Prints figures; it is
not a timed test and asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mmlib.assess import assess  # noqa: E402
from mmlib.cohort import assess_frame  # noqa: E402


def synthetic_frame(n: int, seed: int = 1) -> pd.DataFrame:
    """``n`` plausible patients in conventional units, about 10 % of each column missing."""
    rng = np.random.default_rng(seed)
    df = pd.DataFrame({
        "age_years": rng.integers(35, 90, n).astype(float),
        "sex": rng.choice(["male", "female"], n).astype(object),
        "weight_kg": rng.uniform(45, 110, n).round(1),
        "isotype": rng.choice(["IgG", "IgA", "light_chain", "IgD"], n, p=[0.6, 0.25, 0.13, 0.02]).astype(object),
        "light_chain": rng.choice(["kappa", "lambda"], n).astype(object),
        "m_protein_g_dl": rng.gamma(2.0, 1.2, n).clip(0, 14).round(1),
        "urine_m_protein_mg_24h": rng.gamma(1.0, 300, n).clip(0, 50_000).round(0),
        "flc_kappa_mg_l": np.exp(rng.normal(3.5, 1.5, n)).clip(0.5, 50_000).round(2),
        "flc_lambda_mg_l": np.exp(rng.normal(2.8, 1.0, n)).clip(0.5, 50_000).round(2),
        "bmpc_percent": rng.uniform(0, 80, n).round(0),
        "calcium_mg_dl": rng.normal(9.8, 1.0, n).clip(6, 16).round(1),
        "calcium_uln_mg_dl": np.full(n, 10.4),
        "albumin_g_dl": rng.normal(3.7, 0.5, n).clip(1.5, 5.5).round(1),
        "creatinine_mg_dl": np.exp(rng.normal(0.1, 0.5, n)).clip(0.3, 15).round(2),
        "hemoglobin_g_dl": rng.normal(11.5, 2.0, n).clip(4, 18).round(1),
        "hemoglobin_lln_g_dl": np.full(n, 12.0),
        "lytic_lesions": rng.poisson(0.8, n).astype(float),
        "mri_focal_lesions": rng.poisson(0.7, n).astype(float),
        "beta2m_mg_l": np.exp(rng.normal(1.2, 0.5, n)).clip(0.5, 40).round(1),
        "ldh_u_l": rng.normal(200, 60, n).clip(60, 2000).round(0),
        "ldh_uln_u_l": np.full(n, 250.0),
        "del17p": rng.random(n) < 0.1, "t4_14": rng.random(n) < 0.12, "t14_16": rng.random(n) < 0.04,
        "gain_1q": rng.random(n) < 0.35, "amp_1q": rng.random(n) < 0.05,
    })
    for col in df.columns:
        mask = rng.random(n) < 0.1
        if df[col].dtype == bool:
            df[col] = df[col].astype(object)
        df.loc[mask, col] = None if df[col].dtype == object else np.nan
    return df


def bench_assess(n_cases: int) -> float:
    df = synthetic_frame(n_cases, seed=2)
    records = [{k: v for k, v in row.items() if v is not None and not (isinstance(v, float) and v != v)}
               for row in df.to_dict("records")]
    start = time.perf_counter()
    for d in records:
        assess(d)
    return n_cases / (time.perf_counter() - start)


def bench_frame(n_rows: int) -> tuple[float, float]:
    df = synthetic_frame(n_rows)
    start = time.perf_counter()
    assess_frame(df)
    elapsed = time.perf_counter() - start
    return n_rows / elapsed, elapsed


def import_time(repeat: int = 7) -> tuple[float, float, float]:
    """Median wall time of ``python -c 'import mmlib'`` minus ``python -c 'pass'`` (ms), and -X importtime (ms)."""
    def wall(code: str) -> float:
        times = []
        for _ in range(repeat):
            t = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
            times.append(time.perf_counter() - t)
        return statistics.median(times) * 1000
    base, with_mmlib = wall("pass"), wall("import mmlib")
    out = subprocess.run([sys.executable, "-X", "importtime", "-c", "import mmlib"], cwd=ROOT, check=True,
                         capture_output=True, text=True).stderr
    cumulative = [int(line.split("|")[1]) for line in out.splitlines() if line.rstrip().endswith("| mmlib")]
    full = subprocess.run([sys.executable, "-X", "importtime", "-c", "import mmlib.assess"], cwd=ROOT, check=True,
                          capture_output=True, text=True).stderr
    full_us = [int(line.split("|")[1]) for line in full.splitlines() if line.rstrip().endswith("| mmlib.assess")]
    return with_mmlib - base, cumulative[-1] / 1000, full_us[-1] / 1000


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--cases", type=int, default=2000)
    p.add_argument("--rows", type=int, default=100_000)
    args = p.parse_args()
    rate = bench_assess(args.cases)
    print(f"assess (one case at a time): {rate:,.0f} cases/s  ({args.cases} cases)")
    frame_rate, elapsed = bench_frame(args.rows)
    print(f"assess_frame:               {frame_rate:,.0f} rows/s  ({args.rows:,} rows in {elapsed:.2f} s)")
    wall, imp, full = import_time()
    print(f"import mmlib:               {imp:.1f} ms (-X importtime, cumulative); {wall:.1f} ms wall over bare python")
    print(f"import mmlib.assess:        {full:.1f} ms (-X importtime; loads numpy, done lazily on first use)")


if __name__ == "__main__":
    main()
