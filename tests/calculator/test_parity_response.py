"""Parity of the calculator's IMWG 2016 response rule (``js/mm-response.js``) with :mod:`mmlib.response`.

``MM.response(obj)`` must return exactly the JSON of ``python -m mmlib response FILE.json --json`` for
the same object: the category, MRD, measurable disease, provisional level, missing inputs, relapse
from CR, every trace line and note, the series fields — or the same bilingual input error.  Cases:
the inputs the book and its tests give to the rule (``tests/fixtures/response_cases.json``, collected
by ``tools/collect_response_cases.py``), and generated single assessments and visit series whose
values sit exactly on the response cut-offs (and one typed step beside them), with missing values
and a few malformed ones.
"""

from __future__ import annotations

import json
import random
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from mmlib import response as r
from mmlib.response import assess_response

from .jsrun import NODE, differences, python_side, run_js

pytestmark = pytest.mark.skipif(NODE is None, reason="node is not installed")

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "response_cases.json"
N_SINGLE, N_SERIES = 2500, 600


def _num(x: Decimal | float | int) -> float | int:
    """A value as typed in a form: a whole number is an int (as JSON text and JavaScript read it)."""
    f = float(x)
    return int(f) if f.is_integer() else f


def _d(x: float | int) -> Decimal:
    return Decimal(repr(float(x)))


def _beside(x: Decimal, rng: random.Random) -> Decimal:
    """One typed step below or above ``x`` (the last decimal place, at least the first)."""
    places = max(-x.normalize().as_tuple().exponent, 1)
    return x + Decimal(1).scaleb(-places) * rng.choice((-1, 1))


def _pick(rng: random.Random, exact: Decimal, other: Decimal) -> Decimal:
    """The exact cut-off value, a step beside it, or another value."""
    roll = rng.random()
    return exact if roll < 0.5 else _beside(exact, rng) if roll < 0.8 else other


def _fall_to(base: Decimal, percent: float) -> Decimal:
    return base * (100 - _d(percent)) / 100


def _rise_to(ref: Decimal, rng: random.Random, absolute: float) -> Decimal:
    """A value on the PD rise: exactly +25 % or exactly the absolute rise (whichever the draw picks)."""
    if rng.random() < 0.5:
        return ref * (100 + _d(r.PD_RISE.value)) / 100
    return ref + _d(absolute)


def _serum(rng: random.Random, unit: str) -> Decimal:
    si = unit == "g/L"
    cuts = [r.SERUM_MEASURABLE, r.PD_SERUM_HIGH_NADIR]
    t = rng.choice(cuts)
    exact = _d(t.si if si else t.value)
    other = _d(round(rng.uniform(0.2, 8.0) * (10 if si else 1), rng.choice((0, 1, 2))))
    return max(_pick(rng, exact, other), Decimal("0.1"))


def _labs_pair(rng: random.Random) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any] | None]:
    """Baseline, current and (sometimes) nadir labs on the cut-offs."""
    b: dict[str, Any] = {}
    c: dict[str, Any] = {}
    n: dict[str, Any] = {}
    units = ("g/dL", "g/L")
    ub, uc = rng.choice(units), rng.choice(units)
    kb, kc = ("m_protein_g_l" if u == "g/L" else "m_protein_g_dl" for u in (ub, uc))
    if rng.random() < 0.75:  # serum
        base = _serum(rng, ub)
        b[kb] = _num(base)
        base_c = base * (10 if uc == "g/L" else 1) / (10 if ub == "g/L" else 1)
        roll = rng.random()
        if roll < 0.55:
            p = rng.choice((r.VGPR_SERUM_FALL, r.PR_SERUM_FALL, r.MR_SERUM_FALL)).value
            c[kc] = _num(max(_pick(rng, _fall_to(base_c, p), base_c * _d(rng.random())), Decimal(0)))
        elif roll < 0.8:
            low = base_c * _d(rng.choice((0.1, 0.2, 0.5, 1.0)))
            if rng.random() < 0.6:
                n[kc] = _num(low)
            si = uc == "g/L"
            absolute = rng.choice((r.PD_SERUM_RISE, r.PD_SERUM_RISE_HIGH_NADIR))
            ref = min(low, base_c) if n else base_c
            c[kc] = _num(max(_pick(rng, _rise_to(ref, rng, absolute.si if si else absolute.value), ref), Decimal(0)))
        elif roll < 0.9:
            c[kc] = 0
        # else: current serum missing
    if rng.random() < 0.6:  # urine
        ub_cut = _d(r.URINE_MEASURABLE.value)
        base = _pick(rng, ub_cut, _d(rng.choice((50, 150, 350, 1000, 3000))))
        if rng.random() < 0.85:
            b["urine_m_protein_mg_24h"] = _num(base)
        roll = rng.random()
        if roll < 0.6:
            exact = rng.choice((_d(r.VGPR_URINE.value), _d(r.PR_URINE.value), _fall_to(base, r.PR_URINE_FALL.value),
                                _fall_to(base, r.MR_URINE_FALL.value)))
            c["urine_m_protein_mg_24h"] = _num(max(_pick(rng, exact, Decimal(0)), Decimal(0)))
        elif roll < 0.8:
            low = base * _d(rng.choice((0.1, 0.5, 1.0)))
            if rng.random() < 0.5:
                n["urine_m_protein_mg_24h"] = _num(low)
            ref = min(low, base) if "urine_m_protein_mg_24h" in n else base
            c["urine_m_protein_mg_24h"] = _num(max(_pick(rng, _rise_to(ref, rng, r.PD_URINE_RISE.value), ref), Decimal(0)))
    if rng.random() < 0.45:  # FLC
        unit_cut = _d(r.FLC_MEASURABLE.si)  # mg/L
        inv = _pick(rng, unit_cut + _d(rng.choice((0, 10, 400))), _d(rng.choice((20, 60, 500))))
        un = _d(rng.choice((5, 10, 12.5, 3.3)))
        chain = rng.choice(("kappa", "lambda"))
        keys = ("flc_kappa_mg_l", "flc_lambda_mg_l") if chain == "kappa" else ("flc_lambda_mg_l", "flc_kappa_mg_l")
        if rng.random() < 0.2:  # a ratio on the normal-range bounds
            ratio = _d(rng.choice((r.FLC_RATIO_NORMAL_FROM.value, r.FLC_RATIO_NORMAL_TO.value)))
            b["flc_kappa_mg_l"], b["flc_lambda_mg_l"] = _num(ratio * un), _num(un)
        else:
            b[keys[0]], b[keys[1]] = _num(inv), _num(un)
        d0 = inv - un
        roll = rng.random()
        if roll < 0.6:
            p = rng.choice((r.VGPR_DFLC_FALL, r.PR_DFLC_FALL)).value
            target = _pick(rng, _fall_to(d0, p), d0 * _d(rng.random()))
            c[keys[0]], c[keys[1]] = _num(max(target + un, Decimal(0))), _num(un)
        elif roll < 0.8:
            ratio = _d(rng.choice((r.FLC_RATIO_NORMAL_FROM.value, r.FLC_RATIO_NORMAL_TO.value)))
            c["flc_kappa_mg_l"], c["flc_lambda_mg_l"] = _num(_pick(rng, ratio * un, un)), _num(un)
        elif roll < 0.95:
            ref = d0 * _d(rng.choice((0.2, 1.0)))
            if ref < d0 and rng.random() < 0.7:
                n[keys[0]], n[keys[1]] = _num(ref + un), _num(un)
            else:
                ref = d0
            target = _pick(rng, _rise_to(ref, rng, r.PD_DFLC_RISE.si), ref)
            c[keys[0]], c[keys[1]] = _num(target + un), _num(un)
    if rng.random() < 0.5:  # marrow
        base = _pick(rng, _d(r.MARROW_MEASURABLE.value), _d(rng.choice((10, 40, 60))))
        b["bmpc_percent"] = _num(base)
        if rng.random() < 0.3:
            low = _d(rng.choice((2, 5, 20)))
            n["bmpc_percent"] = _num(low)
        exact = rng.choice((_d(r.CR_MARROW.value), _fall_to(base, r.PR_MARROW_FALL.value),
                            min(base, _d(n.get("bmpc_percent", base))) + _d(r.PD_MARROW_RISE.value)))
        if rng.random() < 0.7:
            c["bmpc_percent"] = _num(min(max(_pick(rng, exact, _d(rng.choice((0, 3, 50)))), Decimal(0)), Decimal(100)))
    if rng.random() < 0.25:  # imaging
        spd = _d(rng.choice((4, 6.25, 10, 0)))
        if rng.random() < 0.8:
            b["lesion_spd_cm2"] = _num(spd)
        if rng.random() < 0.3:
            n["lesion_spd_cm2"] = _num(spd / 2)
        c["lesion_spd_cm2"] = _num(_pick(rng, spd * (100 + _d(r.PD_SPD_RISE.value)) / 100, spd + 1))
    if rng.random() < 0.25:
        ld = _d(rng.choice((2, 3.2, 0)))
        axis = _pick(rng, _d(r.PD_SHORT_AXIS.value), Decimal("1.5"))
        if rng.random() < 0.8:
            b["lesion_longest_diameter_cm"] = _num(ld)
            if rng.random() < 0.8:
                b["lesion_short_axis_cm"] = _num(axis)
        if rng.random() < 0.3:
            n["lesion_longest_diameter_cm"], n["lesion_short_axis_cm"] = _num(ld / 2), _num(axis / 2)
        c["lesion_longest_diameter_cm"] = _num(_pick(rng, ld * (100 + _d(r.PD_LD_RISE.value)) / 100, ld + 1))
    if rng.random() < 0.2:  # circulating plasma cells
        ref = _d(rng.choice((100, 133.4, 150, 0)))
        if rng.random() < 0.8:
            b["circulating_pc_per_ul"] = _num(ref)
        c["circulating_pc_per_ul"] = _num(_pick(rng, rng.choice((ref * (100 + _d(r.PD_CPC_RISE.value)) / 100,
                                                                _d(r.PD_CPC_MIN.value))), ref + 1))
    return b, c, (n or None)


def _flags(rng: random.Random, out: dict[str, Any], c: dict[str, Any]) -> None:
    for k in ("serum_ife_negative", "urine_ife_negative", "soft_tissue_plasmacytoma_present",
              "clonal_pc_by_ihc_absent", "new_lesions", "hypercalcemia"):
        roll = rng.random()
        if roll < 0.3:
            out[k] = rng.random() < (0.15 if k in ("new_lesions", "hypercalcemia", "soft_tissue_plasmacytoma_present")
                                     else 0.7)
        elif roll < 0.35:
            out[k] = None
    # a negative immunofixation with a visible spike is an input error: keep it rare
    for flag, keys in (("serum_ife_negative", ("m_protein_g_dl", "m_protein_g_l")),
                       ("urine_ife_negative", ("urine_m_protein_mg_24h",))):
        if out.get(flag) and rng.random() < 0.9:
            for k in keys:
                if c.get(k):
                    c[k] = 0 if rng.random() < 0.7 else c[k]
                    if c[k] and rng.random() < 0.8:
                        del c[k]
    if rng.random() < 0.3:
        out["spd_lesion_count"] = rng.choice((1, 2, 2, 3))
    if rng.random() < 0.3:
        out["mrd"] = _mrd(rng)


def _complete(rng: random.Random, out: dict[str, Any], c: dict[str, Any]) -> None:
    for k in ("m_protein_g_dl", "m_protein_g_l", "urine_m_protein_mg_24h", "lesion_spd_cm2", "lesion_longest_diameter_cm",
              "circulating_pc_per_ul"):
        if k in c and rng.random() < 0.9:
            del c[k]
    for k in ("serum_ife_negative", "urine_ife_negative"):
        out[k] = rng.random() < 0.9
    out["soft_tissue_plasmacytoma_present"] = rng.random() < 0.1
    out["new_lesions"] = rng.random() < 0.05
    out["hypercalcemia"] = rng.random() < 0.05
    out.pop("bmpc_percent", None)
    c["bmpc_percent"] = _num(_pick(rng, _d(r.CR_MARROW.value), Decimal(1)))
    if rng.random() < 0.6:
        ratio = _d(rng.choice((r.FLC_RATIO_NORMAL_FROM.value, r.FLC_RATIO_NORMAL_TO.value, 1)))
        un = _d(rng.choice((10, 12.5, 3.3)))
        c["flc_kappa_mg_l"], c["flc_lambda_mg_l"] = _num(_pick(rng, ratio * un, un)), _num(un)
    if rng.random() < 0.7:
        out["clonal_pc_by_ihc_absent"] = rng.random() < 0.8
    if rng.random() < 0.5:
        out["mrd"] = _mrd(rng)


def _mrd(rng: random.Random) -> dict[str, Any]:
    m: dict[str, Any] = {}
    if rng.random() < 0.85:
        m["method"] = rng.choice(("flow", "ngs"))
    if rng.random() < 0.9:
        m["negative"] = rng.random() < 0.85
    if rng.random() < 0.85:
        cells = _d(r.MRD_CELLS.value) * _d(rng.choice((1, 1, 10, 0.1)))
        m["sensitivity"] = _num(1 / cells)
    if rng.random() < 0.6:
        m["pet_negative"] = rng.random() < 0.7
    if rng.random() < 0.4:
        m["sustained_years"] = _num(_pick(rng, _d(r.MRD_SUSTAINED_YEARS.value), Decimal("2.5")))
    return m


_MALFORMED: tuple[Any, ...] = ("12", -1, True, [], {}, "flow", 1e9, 2.6, 0.5, 101, 0, "2024-13-01")


def _malform(rng: random.Random, obj: dict[str, Any]) -> None:
    """Replace one value at any depth by a malformed one (or add an unknown key)."""
    target = obj
    while True:
        keys = [k for k in target if k != "visits"]
        if not keys:
            break
        k = rng.choice(keys)
        if isinstance(target[k], dict) and target[k] and rng.random() < 0.7:
            target = target[k]
            continue
        if rng.random() < 0.1:
            target[k + "_x"] = 1
        else:
            target[k] = rng.choice(_MALFORMED)
        return
    target["unknown"] = 1


def single(rng: random.Random) -> dict[str, Any]:
    """One assessment on the cut-offs, with missing values."""
    b, c, n = _labs_pair(rng)
    out: dict[str, Any] = {}
    if b or rng.random() < 0.5:
        out["baseline"] = b
    if n:
        out["nadir"] = n
    if c or rng.random() < 0.5:
        out["current"] = c
    if "bmpc_percent" in c and rng.random() < 0.4:  # the top-level marrow (the same value, or a conflict)
        out["bmpc_percent"] = c.pop("bmpc_percent") if rng.random() < 0.9 else c["bmpc_percent"] + 1
    _flags(rng, out, c)
    if rng.random() < 0.25:  # towards CR: negative immunofixation, marrow on the CR cut-off, no plasmacytoma
        _complete(rng, out, c)
    if rng.random() < 0.3:
        out["prior_cr"] = rng.random() < 0.7
    if rng.random() < 0.03:
        _malform(rng, out)
    return out


def _date(day: int) -> str:
    from datetime import date, timedelta

    return (date(2023, 1, 1) + timedelta(days=day)).isoformat()


def series(rng: random.Random) -> dict[str, Any]:
    """A baseline and 1–6 dated visits: falls, rises from the running nadir, MRD runs ≥ 1 year."""
    b, _, _ = _labs_pair(rng)
    visits = []
    day = rng.choice((0, 59, 424, 1154))  # 2023-01-01, 2023-03-01, 2024-02-29 in reach, ...
    level = 1.0
    for _ in range(rng.randint(1, 6)):
        day += rng.choice((28, 30, 31, 60, 365, 366))
        v: dict[str, Any] = {"date": _date(day)}
        level = 0.0 if level == 0 and rng.random() < 0.6 else rng.choice((level * 0.5, level * 0.1, level, level * 1.25,
                                                                           level * 2, 0.0, 0.0))
        cur: dict[str, Any] = {}
        for k, x in b.items():
            if k in ("lesion_short_axis_cm",) or rng.random() < 0.15:
                continue
            val = _d(x) * _d(level)
            if k.startswith("flc") and k != max((kk for kk in b if kk.startswith("flc")), key=lambda kk: b[kk]):
                val = _d(x)
            if k.startswith("flc"):
                val = max(val, Decimal("0.5"))  # an assay's detection limit, not 0
            cur[k] = _num(min(val, _d(r._EXTRA_LABS.get(k, (1e9,))[0]), _d(100) if k == "bmpc_percent" else _d(1e9)))
        if "m_protein_g_dl" in cur and rng.random() < 0.2:  # the unit may change between visits
            cur["m_protein_g_l"] = _num(_d(cur.pop("m_protein_g_dl")) * 10)
        if cur or rng.random() < 0.7:
            v["current"] = cur
        _flags(rng, v, cur)
        if level == 0 and rng.random() < 0.8:  # a complete response, MRD negative by marrow and PET-CT
            _complete(rng, v, cur)
            if rng.random() < 0.8:
                v["mrd"] = {"method": "ngs", "negative": True, "sensitivity": 1e-5, "pet_negative": True}
        visits.append(v)
    out: dict[str, Any] = {"baseline": b, "visits": visits}
    roll = rng.random()
    if roll < 0.02:
        visits[-1]["date"] = visits[0]["date"] if len(visits) > 1 else "2024-02-30"
    elif roll < 0.04:
        out["visits"] = rng.choice(([], None, {"date": "2024-01-01"}))
    elif roll < 0.06:
        _malform(rng, visits[rng.randrange(len(visits))])
    return out


def _normalise(obj: Any) -> Any:
    """The object as a form gives it to both sides: whole numbers as ints (JavaScript has one number type)."""
    if isinstance(obj, dict):
        return {k: _normalise(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_normalise(v) for v in obj]
    return _num(obj) if isinstance(obj, float) else obj


def _compare(args: list[Any]) -> tuple[list[dict[str, Any]], list[str]]:
    py = python_side(lambda a: assess_response(a).to_dict(), args)
    js = run_js("response", args)
    return py, differences(args, py, js)


def test_book_and_test_inputs_agree():
    args = json.loads(FIXTURE.read_text(encoding="utf-8"))
    assert len(args) > 500
    py, diffs = _compare(args)
    assert not diffs, "\n".join(diffs)
    categories = {p["ok"].get("category") for p in py if "ok" in p}
    assert {"sCR", "CR", "VGPR", "PR", "MR", "SD", "PD", None} <= categories


def _agreeing(draw: Any, n: int, seed: int) -> tuple[int, list[dict[str, Any]]]:
    """Draw ``n`` inputs, require identical answers; the number of inputs and mmlib's results."""
    rng = random.Random(seed)
    args = [_normalise(draw(rng)) for _ in range(n)]
    py, diffs = _compare(args)
    assert not diffs, "\n".join(diffs)
    return len(py), [p["ok"] for p in py if "ok" in p]


def test_generated_assessments_agree():
    total, ok = _agreeing(single, N_SINGLE, 20261201)
    assert len(ok) >= 2000
    # the draws reach every category, provisional levels, relapse from CR and input errors
    assert {"sCR", "CR", "VGPR", "PR", "MR", "SD", "PD", None} <= {o["category"] for o in ok}
    assert {"CR", "VGPR", "PR"} <= {o["provisional"] for o in ok}
    assert {True, False} <= {o["relapse_from_cr"] for o in ok}
    assert {"flow_mrd_negative", "sequencing_mrd_negative", "imaging_plus_mrd_negative",
            "sustained_mrd_negative"} <= {o["mrd"] for o in ok}
    assert total - len(ok) >= 40
    # every numeric cut-off of the rule is met exactly by some case (the value in the trace is the threshold)
    lines = [t for o in ok for t in o["trace"] if t["threshold"] is not None]
    assert {t["criterion"] for t in lines} == {t["criterion"] for t in lines if t["value"] == t["threshold"]}
    # (the lowest value ≥ 5 g/dL is a condition, not a trace line: it adds the serum_abs_high line)
    assert {t["criterion"] for t in lines} >= {t.key for t in r.RESPONSE_TABLE} - {r.PD_SERUM_HIGH_NADIR.key}


def test_generated_series_agree():
    _, ok = _agreeing(series, N_SERIES, 7)
    assert len(ok) >= 500
    assert any(o["progression_date"] for o in ok)
    assert {True, False, None} <= {v["confirmed"] for o in ok for v in o["visits"]}
    assert any(v["mrd"] == "sustained_mrd_negative" for o in ok for v in o["visits"])


_B = {"m_protein_g_dl": 3.0}
_CR = {"current": {"m_protein_g_dl": 0, "urine_m_protein_mg_24h": 0, "bmpc_percent": 2}, "serum_ife_negative": True,
       "urine_ife_negative": True, "soft_tissue_plasmacytoma_present": False,
       "mrd": {"method": "ngs", "negative": True, "sensitivity": 1e-5, "pet_negative": True}}
EDGE_CASES: list[Any] = [
    None, [], "text", 3, {"visits": None}, {"visits": [{}]}, {"visits": [], "baseline": _B}, [{"visits": []}],
    {"baseline": {"m_protein_g_dl": 3, "m_protein_g_l": 30}}, {"nadir": {"m_protein_g_dl": 3, "m_protein_g_l": 30}},
    {"baseline": None}, {"current": None}, {"nadir": None, "current": {}}, {"baseline": _B, "extra": 1},
    {"baseline": {**_B, "x": 1}}, {"mrd": {"method": "pcr"}}, {"mrd": {"sensitivity": 0}}, {"mrd": {"sensitivity": 1}},
    {"mrd": {"sensitivity": True}}, {"mrd": {"negative": 1}}, {"mrd": {"sustained_years": 101}},
    {"mrd": {"sustained_years": -1}}, {"mrd": {"sustained_years": "1"}}, {"mrd": {"pet_negative": "yes"}}, {"mrd": []},
    {"spd_lesion_count": 0}, {"spd_lesion_count": 101}, {"spd_lesion_count": True}, {"spd_lesion_count": 1.5},
    {"current": {"lesion_spd_cm2": 2500}}, {"current": {"lesion_spd_cm2": 2500.1}}, {"current": {"lesion_short_axis_cm": -0.1}},
    {"current": {"circulating_pc_per_ul": "200"}}, {"current": {"lesion_longest_diameter_cm": False}},
    {"bmpc_percent": 12, "current": {"bmpc_percent": 13}}, {"bmpc_percent": 12.5, "current": {"bmpc_percent": 13}},
    {"bmpc_percent": 12, "current": {"bmpc_percent": 12}}, {"bmpc_percent": "12"},
    {"serum_ife_negative": True, "current": {"m_protein_g_dl": 5}},
    {"urine_ife_negative": True, "current": {"urine_m_protein_mg_24h": 40}},
    {"serum_ife_negative": True, "current": {"m_protein_g_l": 0.5}}, {"prior_cr": "no"}, {"prior_cr": None},
    {"baseline": {"m_protein_g_dl": 95}}, {"baseline": {"flc_kappa_mg_l": 0}},
    {"baseline": _B, "prior_cr": True, "current": {"m_protein_g_dl": 0.2}, "serum_ife_negative": False},
    {"baseline": _B, "prior_cr": True, **_CR}, {"baseline": _B, **_CR, "clonal_pc_by_ihc_absent": True},
    {"baseline": {"flc_kappa_mg_l": 500, "flc_lambda_mg_l": 0}, "current": {"flc_kappa_mg_l": 10, "flc_lambda_mg_l": 0.01}},
    {"baseline": {"m_protein_g_dl": 0}, "nadir": {"m_protein_g_dl": 0}, "current": {"m_protein_g_dl": 0.5}},
    {"baseline": {"bmpc_percent": 40}, "nadir": {"bmpc_percent": 0}, "current": {"bmpc_percent": 10}},
    {"baseline": {"circulating_pc_per_ul": 0}, "current": {"circulating_pc_per_ul": 250}},
    {"baseline": {"lesion_spd_cm2": 0}, "current": {"lesion_spd_cm2": 1}, "spd_lesion_count": 2},
]
_V = {"current": {"m_protein_g_dl": 1.0}}
for _d0 in ("20240301", "2024-W01-1", "2024W011xx", "2020-W53-7", "2024-W53", "2024-W00", "2024W01", "0000-01-01",
            "9999-12-31", "2024-02-30", "2023-02-29", "２０２４-03-01", "20240301é", "2024-03-01 ", "2024-3-1", 20240301,
            None, "0001-W01-1", "9999-W52-5", "2024-W01-8"):
    EDGE_CASES.append({"baseline": _B, "visits": [{"date": _d0, **_V}]})
EDGE_CASES += [
    {"baseline": _B, "visits": [{"date": "2024-03-01", **_V}, {"date": "2024-03-01", **_V}]},
    {"baseline": _B, "visits": [{"date": "2024-03-01", **_V}, {"date": "20240201", **_V}]},
    {"baseline": _B, "visits": [{"date": "2024-03-01", "current": {"x": 1}}]},
    {"baseline": _B, "visits": [{"date": "2024-03-01", "nadir": {}}]},
    {"baseline": _B, "visits": [{"date": d, **_CR} for d in ("2024-02-29", "2024-06-01", "2025-02-28", "2025-03-01")]},
    {"baseline": _B, "visits": [{"date": d, **_CR} for d in ("2023-03-01", "2024-02-29", "2024-03-01")]},
    {"baseline": {"m_protein_g_l": 30}, "visits": [{"date": "2024-01-01", "current": {"m_protein_g_dl": 1.0}},
                                                   {"date": "2024-02-01", "current": {"m_protein_g_l": 16}}]},
    {"visits": [{"date": "2024-01-01", "current": {"m_protein_g_l": 20}}, {"date": "2024-02-01", "current": {"m_protein_g_dl": 3}}]},
]


def test_edge_inputs_agree():
    """Errors (types, ranges, unknown keys, conflicts, dates as Python reads them) and rare paths of the rule."""
    py, diffs = _compare(EDGE_CASES)
    assert not diffs, "\n".join(diffs)
    assert sum("error" in p for p in py) >= 40


def _date_text(rng: random.Random) -> str:
    """A string near the ISO forms Python reads (YYYY-MM-DD, YYYYMMDD, week dates), often slightly off."""
    year = rng.choice(("2024", "2020", "2021", "0001", "0000", "9999", "1900", "2000"))
    form = rng.choice(("{y}-{m}-{d}", "{y}{m}{d}", "{y}-W{w}", "{y}W{w}", "{y}-W{w}-{k}", "{y}W{w}{k}"))
    text = form.format(y=year, m=rng.choice(("01", "02", "12", "13", "00")), d=rng.choice(("01", "28", "29", "30", "31")),
                       w=rng.choice(("01", "52", "53", "00", "54")), k=rng.choice("0178"))
    roll = rng.random()
    if roll < 0.3:
        i = rng.randrange(len(text) + 1)
        text = text[:i] + rng.choice(("x", "-", "é", "1", "W", " ")) + text[i:]
    elif roll < 0.45:
        i = rng.randrange(len(text))
        text = text[:i] + text[i + 1:]
    return text


def test_visit_dates_read_as_python_reads_them():
    rng = random.Random(3)
    args = [{"baseline": _B, "visits": [{"date": _date_text(rng), **_V}]} for _ in range(600)]
    py, diffs = _compare(args)
    assert not diffs, "\n".join(diffs)
    assert 50 < sum("ok" in p for p in py) < 550

