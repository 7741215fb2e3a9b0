"""The labs and IMWG diagnosis rules of the calculator (mm-diagnosis.js) against mmlib.

Every function is run on the book's worked cases and on generated cases that sit on the cut-offs
(both unit systems, missing fields, malformed values, asserted CRAB findings) and its whole result is
compared with mmlib's ``RuleResult.to_dict()`` (plus ``label`` and ``summary``, which the calculator
shows): same verdicts, trace lines, notes, missing fields and numbers.

No tolerance, not even for the eGFR: CKD-EPI 2021 raises numbers to non-integer powers, which
numpy's ``power`` (a vector routine on CPUs with AVX-512) and JavaScript's ``Math.pow`` do not round
correctly, so both mmlib and the calculator read the eGFR at 12 significant digits (``as_read``) and
the calculator computes a correctly rounded power.  The ulp counter below stays as a diagnostic: it
reports how many eGFR values would differ only in their last bits, and the test requires none.
"""

from __future__ import annotations

import json
import math
import subprocess
import time
from collections import Counter
from concurrent.futures import Future, ThreadPoolExecutor
from functools import lru_cache
from typing import Any, Callable

import pytest

from mmlib import diagnosis as dx
from mmlib import labs
from mmlib.case import Case
from mmlib.errors import MMLibError

from .cases import book_cases, generated_cases
from .jsrun import NODE, RUNNER, bundle_path, differences, python_side, run_js

N_GENERATED = 10_000
#: Trace lines (by criterion) and results (by name) whose ``value`` is an eGFR.
EGFR_LINES = {"labs.egfr_ckd_epi_2021", "imwg2016renal.egfr", "flc.renal_range_gfr"}
EGFR_RESULTS = {"egfr_ckd_epi_2021"}
MAX_ULPS = 0
#: Wall-clock seconds of each function's Node batch.
JS_SECONDS: dict[str, float] = {}


def _full(r) -> dict[str, Any]:
    """What the calculator returns: the JSON contract of a result plus the label and summary it shows."""
    return {**r.to_dict(), "label": r.label, "summary": r.summary}


def _parts(fn: Callable[[Case], dict]) -> Callable[[Case], dict]:
    return lambda c: {k: _full(r) for k, r in fn(c).items()}


#: JavaScript function → the mmlib function it mirrors (on a Case).
FUNCTIONS: dict[str, Callable[[Case], Any]] = {
    "labs.cockcroftGault": lambda c: _full(labs.cockcroft_gault(c)),
    "labs.ckdEpi2021": lambda c: _full(labs.ckd_epi_2021(c)),
    "labs.correctedCalcium": lambda c: _full(labs.corrected_calcium(c)),
    "labs.flcRatio": lambda c: _full(labs.flc_ratio(c)),
    "diagnosis.crab": lambda c: _full(dx.crab(c)),
    "diagnosis.slim": lambda c: _full(dx.slim(c)),
    "diagnosis.crabParts": _parts(dx.crab_items),
    "diagnosis.slimParts": _parts(dx.slim_items),
    "diagnosis.classify": lambda c: _full(dx.classify(c)),
}


def _ulps(a: Any, b: Any) -> float:
    if not all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in (a, b)):
        return math.inf
    return abs(a - b) / math.ulp(max(abs(a), abs(b)))


def _reconcile(p: Any, j: Any) -> int:
    """Accept eGFR values within MAX_ULPS of mmlib's (copied into ``j``); returns how many were accepted."""
    n = 0
    if isinstance(p, dict) and isinstance(j, dict):
        egfr = p.get("criterion") in EGFR_LINES or p.get("name") in EGFR_RESULTS
        for k in p.keys() & j.keys():
            if egfr and k == "value" and p[k] != j[k] and _ulps(p[k], j[k]) <= MAX_ULPS:
                j[k] = p[k]
                n += 1
            else:
                n += _reconcile(p[k], j[k])
    elif isinstance(p, list) and isinstance(j, list):
        n += sum(_reconcile(x, y) for x, y in zip(p, j))
    return n


@lru_cache(maxsize=1)
def _cases() -> tuple[list[dict], list[dict]]:
    return book_cases(), generated_cases(N_GENERATED) + diagnosis_cases()


#: Starting points of :func:`diagnosis_cases`, one per branch of the classification.
_NORMAL = {"calcium_mg_dl": 9.5, "calcium_uln_mg_dl": 10.5, "creatinine_mg_dl": 0.9, "crcl_ml_min": 90,
           "hemoglobin_g_dl": 13.5, "hemoglobin_lln_g_dl": 12.0, "lytic_lesions": 0, "flc_kappa_mg_l": 15,
           "flc_lambda_mg_l": 10, "mri_focal_lesions": 0}
_TEMPLATES: tuple[dict[str, Any], ...] = (
    {"isotype": "IgG", "m_protein_g_dl": 2.8, "bmpc_percent": 8, "urine_m_protein_mg_24h": 100},       # MGUS
    {"isotype": "IgM", "m_protein_g_dl": 1.2, "bmpc_percent": 4},                                      # IgM MGUS
    {"isotype": "IgM", "m_protein_g_dl": 3.5, "bmpc_percent": 4},                                      # IgM, outside
    {"isotype": "IgA", "m_protein_g_l": 35, "bmpc_percent": 20},                                       # SMM
    {"isotype": "IgG", "m_protein_g_dl": 1.5, "bmpc_percent": 12, "mri_focal_lesions": 2},             # MM
    {"isotype": "IgG", "m_protein_g_dl": 1.5, "bmpc_percent": 30, "circulating_pc_percent": 5},        # PCL
    {"m_protein_g_dl": 0, "urine_m_protein_mg_24h": 0, "bmpc_percent": 30, "lytic_lesions": 3},        # non-secretory
    {"isotype": "light_chain", "light_chain": "kappa", "m_protein_g_dl": 0, "flc_kappa_mg_l": 45,       # LC-MGUS
     "flc_lambda_mg_l": 12, "bmpc_percent": 5, "urine_m_protein_mg_24h": 100},
    {"isotype": "light_chain", "m_protein_g_dl": 0, "bmpc_percent": 5, "urine_m_protein_mg_24h": 100},  # LC not met
    {"isotype": "light_chain", "flc_kappa_mg_l": 1200, "flc_lambda_mg_l": 8, "bmpc_percent": 30},       # LC myeloma
    {"biopsy_proven_plasmacytoma": True, "bmpc_percent": 0, "lytic_lesions": 1},                        # SP
    {"biopsy_proven_plasmacytoma": True, "bmpc_percent": 5, "lytic_lesions": 1},                        # SP, marrow
    {"m_protein_g_dl": 0, "urine_m_protein_mg_24h": 0, "bmpc_percent": 3},                              # none
    {"m_protein_g_l": 0, "urine_m_protein_mg_24h": 600},                                                # isotype needed
    {"m_protein_g_dl": 1.0, "bmpc_percent": 5, "lytic_lesions": 2},                                     # MDE, no basis
)
#: Values that switch a rule (cut-offs and their neighbours), for the perturbations.
_SWITCHES: dict[str, tuple[Any, ...]] = {
    "isotype": ("IgG", "IgA", "IgM", "light_chain", "IgD"), "light_chain": ("kappa", "lambda"),
    "m_protein_g_dl": (0, 0.5, 2.9, 3, 3.1), "m_protein_g_l": (0, 29.9, 30, 31),
    "urine_m_protein_mg_24h": (0, 100, 499, 500, 501), "bmpc_percent": (0, 5, 9.9, 10, 59, 60, 61),
    "biopsy_proven_plasmacytoma": (True, False), "circulating_pc_percent": (0, 4.9, 5, 20),
    "flc_kappa_mg_l": (8, 19.4, 19.5, 45, 100, 440, 1200), "flc_lambda_mg_l": (4.4, 12, 26.3, 26.4, 90, 300),
    "calcium_mg_dl": (9.5, 11, 11.01, 12), "calcium_mmol_l": (2.4, 2.75, 2.76), "calcium_uln_mg_dl": (10, 10.5),
    "creatinine_mg_dl": (0.9, 2, 2.01, 3.1), "creatinine_umol_l": (80, 177, 178), "crcl_ml_min": (25, 40, 39.9, 90),
    "egfr_ml_min_1_73m2": (30, 60, 59.9, 90), "age_years": (45, 70, 88), "sex": ("male", "female"),
    "weight_kg": (45, 70), "hemoglobin_g_dl": (9.9, 10, 12.5), "hemoglobin_lln_g_dl": (12, 12.1),
    "albumin_g_l": (30, 40), "lytic_lesions": (0, 1, 2), "mri_focal_lesions": (0, 1, 2),
    "hypercalcemia": (True, False), "renal_insufficiency": (True, False), "anemia": (True, False),
    "bone_lesions": (True, False),
}
_ASSERTED = ("hypercalcemia", "renal_insufficiency", "anemia", "bone_lesions")
_TWINS = (("m_protein_g_dl", "m_protein_g_l"), ("calcium_mg_dl", "calcium_mmol_l"),
          ("creatinine_mg_dl", "creatinine_umol_l"), ("flc_kappa_mg_l", "flc_kappa_mg_dl"),
          ("flc_lambda_mg_l", "flc_lambda_mg_dl"))


def diagnosis_cases(n: int = 2000, seed: int = 13) -> list[dict[str, Any]]:
    """Cases around every branch of the classification: a template, then fields dropped, switched or added.

    Half of them state CRAB in words (``crab_absent`` or one finding per item) instead of laboratory values.
    """
    import random

    rng = random.Random(seed)
    out = []
    for _ in range(n):
        case = dict(rng.choice(_TEMPLATES))
        if rng.random() < 0.5:
            case = {**_NORMAL, **case}
        else:
            case.setdefault("mri_focal_lesions", 0)
            if rng.random() < 0.7:
                case["crab_absent"] = True
            else:
                case.update({a: rng.random() < 0.3 for a in _ASSERTED if rng.random() < 0.8})
        drop, switch = rng.choice((0, 0.1, 0.3)), rng.choice((0, 0.1, 0.3))
        case = {k: v for k, v in case.items() if rng.random() >= drop}
        for k in list(case) + [k for k in _SWITCHES if rng.random() < 0.05]:
            if k in _SWITCHES and (k not in case or rng.random() < switch):
                case[k] = rng.choice(_SWITCHES[k])
        for a, b in _TWINS:
            if a in case and b in case:
                del case[rng.choice((a, b))]
        if case.get("crab_absent"):
            for a in _ASSERTED:
                case.pop(a, None)
        out.append(case)
    return out


@lru_cache(maxsize=1)
def _records() -> tuple[Case | MMLibError, ...]:
    """Every case read once by mmlib (or the error reading it raised)."""
    out: list[Case | MMLibError] = []
    for a in _all():
        try:
            out.append(Case.from_dict(a))
        except MMLibError as e:
            out.append(e)
    return tuple(out)


def _all() -> list[dict[str, Any]]:
    book, generated = _cases()
    return book + generated


def _answers(texts: list[str]) -> tuple[list[dict], list[tuple[int, int]]]:
    """JSON lines → answers, with how many ``true`` / ``false`` each holds (a cheap guard against 1 == True)."""
    return [json.loads(t) for t in texts], [(t.count("true"), t.count("false")) for t in texts]


def _python(fn: str) -> list[str]:
    records, call, out = _records(), FUNCTIONS[fn], []
    for r in records:
        if isinstance(r, MMLibError):
            out.append(json.dumps({"error": {"name": type(r).__name__, "field": r.field, "zh": r.zh, "en": r.en}}))
            continue
        try:
            out.append(json.dumps({"ok": call(r)}, ensure_ascii=False))
        except MMLibError as e:
            out.append(json.dumps({"error": {"name": type(e).__name__, "field": e.field, "zh": e.zh, "en": e.en}}))
    return out


def _node(fn: str) -> list[str]:
    """The JSON lines of ``MM.<fn>(MM.readCase(case))`` for every case, from one Node process."""
    if NODE is None:
        raise RuntimeError("node is required for the calculator parity tests (the build uses it too)")
    jobs = "".join(json.dumps({"fn": fn, "arg": a, "case": True}, ensure_ascii=False) + "\n" for a in _all())
    start = time.perf_counter()
    proc = subprocess.run([NODE, str(RUNNER), str(bundle_path())], input=jobs.encode(), capture_output=True, check=False)
    JS_SECONDS[fn] = time.perf_counter() - start
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")[-3000:]
    return [line for line in proc.stdout.decode().split("\n") if line.strip()]


@lru_cache(maxsize=1)
def _batches() -> dict[str, Future]:
    """The Node batches of every function, one after the other in a background thread while mmlib answers."""
    _all(), bundle_path()
    pool = ThreadPoolExecutor(max_workers=1)
    return {fn: pool.submit(_node, fn) for fn in FUNCTIONS}


@lru_cache(maxsize=None)
def _run(fn: str) -> tuple[list[dict], list[dict], list[bool], int]:
    """mmlib's and the calculator's answers for every case, which of them agree, and the eGFR values tolerated.

    Two answers agree when they are equal as JSON values (numbers by value: JSON has no int/float
    distinction) with as many ``true`` and ``false`` in each, or, failing that, after the eGFR tolerance.
    """
    batch = _batches()[fn]                    # Node works while mmlib answers
    py, py_bools = _answers(_python(fn))
    js, js_bools = _answers(batch.result())
    assert len(py) == len(js)
    same, tolerated = [], 0
    for i, (p, j) in enumerate(zip(py, js)):
        ok = p == j and py_bools[i] == js_bools[i]
        if not ok and p != j:
            tolerated += _reconcile(p.get("ok"), j.get("ok"))
            ok = p == j and py_bools[i] == js_bools[i]
        same.append(ok)
    return py, js, same, tolerated


def _split(fn: str, book: bool) -> tuple[list[dict], list[dict], list[dict]]:
    """The book's or the generated cases whose answers disagree, with both answers (for the minimal diff)."""
    py, js, same, _ = _run(fn)
    n = len(_cases()[0])
    rows = [(a, p, j) for i, (a, p, j) in enumerate(zip(_all(), py, js)) if (i < n) == book and not same[i]]
    return [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]


def _check(fn: str, book: bool) -> None:
    cases, py, js = _split(fn, book)
    diffs = differences(cases, py, js)
    assert not diffs and not cases, "\n".join(diffs) or f"{len(cases)} answers differ in true/false: {cases[:3]}"


@pytest.mark.parametrize("fn", sorted(FUNCTIONS))
def test_book_cases_match_mmlib(fn):
    assert len(_cases()[0]) >= 100
    _check(fn, book=True)


@pytest.mark.parametrize("fn", sorted(FUNCTIONS))
def test_generated_cases_match_mmlib(fn):
    _check(fn, book=False)
    generated = _cases()[1]
    assert len(generated) >= N_GENERATED
    answered = _run(fn)[0][len(_cases()[0]):]
    assert sum("ok" in r for r in answered) > 0.5 * len(generated)
    assert _run(fn)[3] == 0                     # every eGFR equal to the bit


def test_generated_cases_reach_every_branch_of_the_classification():
    """The sample exercises every diagnosis, reason, provisional diagnosis, subtype and asserted-finding error."""
    py = _run("diagnosis.classify")[0][len(_cases()[0]):]
    ok = [r["ok"] for r in py if "ok" in r]
    seen = Counter(r["value"] for r in ok)
    assert set(dx.DIAGNOSES) <= set(seen), seen
    assert set(dx.REASONS) <= {r["details"]["reason"] for r in ok}
    assert {p for p in dx.DIAGNOSES if p not in ("multiple_myeloma", "indeterminate")} <= {
        r["details"]["provisional"] for r in ok}
    assert set(dx.SUBTYPE_ZH) <= {r["details"]["subtype"] for r in ok}
    conflicts = [r for r in py if "error" in r and "与检验结果一致" in r["error"]["zh"]]
    assert conflicts, "no case asserts a CRAB item against its laboratory values"


def test_worked_values_from_the_formulas():
    """A few values computed by hand from the published formulas, through the JavaScript."""
    args = [{"age_years": 60, "sex": "male", "weight_kg": 70, "creatinine_mg_dl": 1.0},          # 80 × 70 / 72
            {"age_years": 60, "sex": "female", "weight_kg": 70, "creatinine_umol_l": 88.4},      # × 0.85
            {"calcium_mg_dl": 10.0, "albumin_g_dl": 3.0},                                        # 10 + 0.8 × 1
            {"calcium_mmol_l": 2.5, "albumin_g_l": 30},                                          # 2.5 + 0.02 × 10
            {"flc_kappa_mg_l": 440, "flc_lambda_mg_l": 4.4}]                                     # κ/λ = 100
    cg = run_js("labs.cockcroftGault", args[:2], case=True)
    assert round(cg[0]["ok"]["value"], 2) == 77.78 and cg[0]["ok"]["shown"] == "77.8 mL/min"
    assert round(cg[1]["ok"]["value"], 2) == 66.11
    cc = run_js("labs.correctedCalcium", args[2:4], case=True)
    assert cc[0]["ok"]["value"] == 10.8 and round(cc[1]["ok"]["value"], 10) == 2.7
    flc = run_js("labs.flcRatio", args[4:], case=True)[0]["ok"]
    assert flc["value"] == 100 and flc["details"]["abnormal"] is True
    egfr = run_js("labs.ckdEpi2021", [{"age_years": 50, "sex": "male", "creatinine_mg_dl": 1.0}], case=True)[0]["ok"]
    assert round(egfr["value"], 1) == 91.7          # 142 × (1/0.9)^−1.2 × 0.9938^50 (Inker 2021)
    r = run_js("diagnosis.classify", [{"bmpc_percent": 12, "creatinine_mg_dl": 2.5}])[0]["ok"]   # a plain object too
    assert (r["value"], r["details"]["crab"]["R"]) == ("multiple_myeloma", True)
    assert run_js("diagnosis.crab", [{"calcium_mg_dl": 2.6}])[0]["error"]["field"] == "calcium_mg_dl"


def test_the_power_is_correctly_rounded():
    """The calculator's pow against a 60-digit decimal computation, on the CKD-EPI bases and exponents."""
    import random
    from decimal import Decimal, getcontext

    getcontext().prec = 60
    rng = random.Random(5)
    jobs = [[rng.choice((rng.uniform(0.05, 1), rng.uniform(1, 30))), rng.choice((-0.241, -0.302, -1.2))]
            for _ in range(3000)] + [[0.9938, float(a)] for a in range(0, 121)] + [[0.9938, 70.5], [1.0, -1.2]]
    got = [r["ok"] for r in run_js("labs.pow", jobs, spread=True)]
    want = [float(Decimal(b) ** Decimal(e)) for b, e in jobs]
    assert got == want


def test_items_are_the_public_names_of_the_parts():
    """``crabItems`` / ``slimItems`` mirror mmlib's public ``crab_items`` / ``slim_items`` (the same functions)."""
    cases = _cases()[0][:60]
    for fn, call in (("diagnosis.crabItems", dx.crab_items), ("diagnosis.slimItems", dx.slim_items)):
        py = python_side(lambda a: {k: _full(r) for k, r in call(Case.from_dict(a)).items()}, cases)
        js = run_js(fn, cases, case=True)
        assert not differences(cases, py, js), "\n".join(differences(cases, py, js))


def test_inputs_that_contradict_an_assertion_are_errors_in_both_languages():
    bad = [{"anemia": False, "hemoglobin_g_dl": 8}, {"crab_absent": True, "creatinine_mg_dl": 2.5},
           {"hypercalcemia": True, "calcium_mg_dl": 9, "calcium_uln_mg_dl": 10.5}]
    for fn in ("diagnosis.classify", "diagnosis.crab"):
        py = python_side(lambda a: FUNCTIONS[fn](Case.from_dict(a)), bad)
        js = run_js(fn, bad, case=True)
        assert all("error" in p for p in py) and js == py, (py, js)


def test_one_node_process_per_batch_is_fast():
    """All the cases of a function run in one Node process, in seconds (the whole classification included)."""
    _run("diagnosis.classify")
    assert JS_SECONDS["diagnosis.classify"] < 45, JS_SECONDS
    assert json.dumps(run_js("labs.ckdEpi2021", [{}], case=True)[0]["ok"]["missing"]) == \
        '["age_years", "sex", "creatinine_mg_dl/creatinine_umol_l"]'
