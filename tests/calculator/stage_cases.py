"""Cases and a background Node run for the staging/risk/assess parity tests (``test_parity_staging``,
``test_parity_assess``).

``targeted_cases`` aims at the cut-offs of this part (β2M, albumin in g/dL and g/L, LDH/ULN, the IMWG
2020 band edges, the Mayo 20/2/20 edges, del(17p) CCF, creatinine for the 2025 β2M criterion,
ferritin/TSAT/EPO) with fields missing at random; ``start_node`` runs jobs in Node while mmlib
computes its side (the machine has few cores; the two sides then overlap).
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable

import pytest

from mmlib.calculator import JS_DIR

from .jsrun import NODE, RUNNER, bundle_path

#: The risk models and assess call the labs and diagnosis rules of ``mm-diagnosis.js`` (helper calcdx).
HAS_DIAGNOSIS = (JS_DIR / "mm-diagnosis.js").exists()
NEEDS_DIAGNOSIS = pytest.mark.skipif(not HAS_DIAGNOSIS, reason="mm-diagnosis.js (MM.labs, MM.diagnosis) not present")

_BOOLS = ("del17p", "t4_14", "t14_16", "t14_20", "t11_14", "gain_1q", "amp_1q", "del1p32", "del1p32_biallelic",
          "tp53_mutation", "del13q", "hyperdiploid")
# values on, and one step beside, this part's cut-offs (as typed decimals)
_ON = {
    "beta2m_mg_l": ("3.5", "5.5", "3.49", "5.49", "5.51", "2.1", "8"),
    "albumin_g_dl": ("3.5", "3.49", "3.51", "2.8", "4.2"),
    "albumin_g_l": ("35", "34.9", "35.1", "28", "42"),
    "bmpc_percent": ("15", "20", "30", "40", "15.1", "20.1", "30.1", "40.1", "10", "60", "5"),
    "m_protein_g_dl": ("1.5", "2", "3", "1.49", "1.51", "2.01", "3.01", "0.5"),
    "m_protein_g_l": ("15", "20", "30", "14.9", "15.1", "20.1", "30.1", "5"),
    "del17p_ccf_percent": ("20", "20.1", "19.9", "60"),
    "creatinine_mg_dl": ("1.2", "1.19", "1.21", "2.5"),
    "creatinine_umol_l": ("106.08", "106.07", "106.09", "80", "200"),
    "ferritin_ng_ml": ("100", "99.9", "400"),
    "ferritin_ug_l": ("100", "100.1", "40"),
    "transferrin_saturation_percent": ("20", "19.9", "35"),
    "epo_miu_ml": ("30", "29.9", "250"),
    "hemoglobin_g_dl": ("10", "9.9", "12"),
    "hemoglobin_g_l": ("100", "99", "125"),
}
_RATIOS = ("10", "25", "40", "20", "1.65", "0.26", "10.1", "24.9", "40.1", "20.1", "3")
_EXCLUSIVE = (("albumin_g_dl", "albumin_g_l"), ("m_protein_g_dl", "m_protein_g_l"),
              ("creatinine_mg_dl", "creatinine_umol_l"), ("ferritin_ng_ml", "ferritin_ug_l"),
              ("hemoglobin_g_dl", "hemoglobin_g_l"))


def targeted_cases(n: int, seed: int = 13) -> list[dict[str, Any]]:
    """Cases on this part's cut-offs, with fields missing at random and both unit systems."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        p = rng.choice((0.3, 0.6, 0.9))
        case: dict[str, Any] = {}
        for name, values in _ON.items():
            if rng.random() < p:
                case[name] = float(rng.choice(values))
        for a, b in _EXCLUSIVE:
            if a in case and b in case:
                del case[rng.choice((a, b))]
        for name in _BOOLS:
            if rng.random() < p:
                case[name] = rng.random() < 0.4
        if rng.random() < p:
            small = Decimal(rng.choice(("4.4", "10", "1.1", "12.5", "0.3")))
            ratio = Decimal(rng.choice(_RATIOS))
            kappa, lam = (ratio * small, small) if rng.random() < 0.5 else (small, ratio * small)
            case["flc_kappa_mg_l"], case["flc_lambda_mg_l"] = float(kappa), float(lam)
            if rng.random() < 0.3:
                case["light_chain"] = rng.choice(("kappa", "lambda"))
        if rng.random() < p:
            uln = float(rng.choice(("250", "225", "190.5")))
            case["ldh_uln_u_l"] = uln
            case["ldh_u_l"] = rng.choice((uln, uln + 1, uln - 1, uln * 2))
        if rng.random() < p:
            case["isotype"] = rng.choice(("IgG", "IgA", "IgM", "IgD", "light_chain"))
        out.append(case)
    return out


def start_node(jobs: list[dict[str, Any]]) -> Callable[[], list[dict[str, Any]]]:
    """Start ``node_runner.js`` on ``jobs`` ({"fn", "arg", "case"}); the returned function waits for its answers."""
    folder = Path(tempfile.mkdtemp(prefix="mm-stage-"))
    (folder / "in.jsonl").write_text("".join(json.dumps(j, ensure_ascii=False) + "\n" for j in jobs),
                                     encoding="utf-8")
    with open(folder / "in.jsonl", "rb") as stdin, open(folder / "out.jsonl", "wb") as stdout:
        proc = subprocess.Popen([str(NODE), str(RUNNER), str(bundle_path())], stdin=stdin, stdout=stdout)

    def wait() -> list[dict[str, Any]]:
        assert proc.wait(timeout=600) == 0, "node failed"
        text = (folder / "out.jsonl").read_text(encoding="utf-8")
        shutil.rmtree(folder)
        out = json.loads("[" + ",".join(line for line in text.splitlines() if line.strip()) + "]")
        assert len(out) == len(jobs)
        return out
    return wait
