"""What the on-page calculators need from :mod:`mmlib`, as one JSON-ready dict.

:func:`calculator_data` reads every value from the object in :mod:`mmlib` that
defines it — the :class:`~mmlib.trace.Threshold` instances, the field table of
:mod:`mmlib.case`, the unit factors of :mod:`mmlib.units`, the source labels —
so the browser's rules use the same numbers and the same Chinese words as the
library.  The build writes it into the calculator script (:func:`bundle`); it is
never edited by hand.

>>> d = calculator_data()
>>> t = d["thresholds"]["imwg2014.crab.calcium"]
>>> (t["op"], t["value"], t["unit"], t["si"], t["si_unit"])
('>', 11, 'mg/dL', 2.75, 'mmol/L')
>>> d["fields"]["calcium_mg_dl"]["plausible"], d["fields"]["calcium_mg_dl"]["sibling"]
([4.0, 20.0], 'calcium_mmol_l')
>>> d["sources"]["imwg2014"]
'Rajkumar 2014'
>>> data_script(d).startswith("globalThis.MM_DATA = {")
True
"""

from __future__ import annotations

import importlib
import json
import pkgutil
from pathlib import Path
from typing import Any, Callable

from .. import case as _case
from .. import units as _units
from ..errors import MMLibError
from ..sources import SOURCES
from ..trace import NEGATED, SIGNIFICANT_DIGITS, Threshold

__all__ = ["calculator_data", "data_script", "bundle", "thresholds", "JS_DIR", "JS_FILES", "SECTIONS"]

#: The JavaScript rules, beside this module.
JS_DIR = Path(__file__).resolve().parent / "js"
#: Load order of the JavaScript files (a missing file is skipped by :func:`bundle`).
JS_FILES: tuple[str, ...] = (
    "mm-core.js", "mm-diagnosis.js", "mm-staging.js", "mm-risk.js", "mm-cytogenetics.js", "mm-mechanisms.js",
    "mm-assess.js", "mm-response.js", "mm-ui.js",
)


def _threshold_dict(t: Threshold) -> dict[str, Any]:
    return {"key": t.key, "zh": t.zh, "op": t.op, "value": t.value, "unit": t.unit, "si": t.si,
            "si_unit": t.si_unit, "source": t.source}


def thresholds() -> dict[str, dict[str, Any]]:
    """Every :class:`~mmlib.trace.Threshold` defined at module level in :mod:`mmlib` (also inside tuples, lists
    and dicts), by key.

    Two definitions under one key must be the same criterion; otherwise the
    export fails, naming the key.

    >>> ts = thresholds()
    >>> ts["imwg2014.slim.flc_ratio"]["op"], ts["imwg2014.slim.flc_ratio"]["value"]
    ('≥', 100)
    >>> len(ts) >= 40
    True
    """
    import mmlib

    found: dict[str, dict[str, Any]] = {}

    def visit(obj: Any, depth: int = 0) -> None:
        if isinstance(obj, Threshold):
            d = _threshold_dict(obj)
            if found.setdefault(obj.key, d) != d:
                raise MMLibError(f"阈值键 {obj.key} 有两种不同的定义。",
                                 f"Threshold key {obj.key} has two different definitions.", field=obj.key)
        elif isinstance(obj, (tuple, list)) and depth < 4:
            for x in obj:
                visit(x, depth + 1)
        elif isinstance(obj, dict) and depth < 4:
            for x in obj.values():
                visit(x, depth + 1)

    for info in pkgutil.walk_packages(mmlib.__path__, "mmlib."):
        if info.name.startswith(("mmlib.calculator", "mmlib.practice", "mmlib.models")):
            continue
        for value in vars(importlib.import_module(info.name)).values():
            visit(value)
    return dict(sorted(found.items()))


def _fields() -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for name in _case.FIELD_NAMES:
        if name in _case.CHOICES:
            kind = "choice"
        elif name in _case.BOOL_FIELDS:
            kind = "bool"
        elif name == "mri_lesion_sizes_mm":
            kind = "list"
        elif name in _case.INT_FIELDS:
            kind = "int"
        else:
            kind = "number"
        entry: dict[str, Any] = {"zh": _case.FIELD_ZH[name], "kind": kind}
        if name in _case.PLAUSIBLE:
            entry["plausible"] = list(_case.PLAUSIBLE[name])
            entry["range_text"] = _case._range_text(name)
            entry["unit"] = _case._unit_text(name)
        if name in _case.CHOICES:
            entry["choices"] = list(_case.CHOICES[name])
        sibling = _case._sibling(name)
        if sibling:
            entry["sibling"] = sibling
            entry["stem"] = _case._UNIT_OF[name][0]
        if name in _case._HINTS:
            entry["hints"] = [list(h) for h in _case._HINTS[name]]
        out[name] = entry
    return out


def _core() -> dict[str, Any]:
    """The record, the units and the comparison rule."""
    return {
        "significant_digits": SIGNIFICANT_DIGITS,
        "negated": dict(NEGATED),
        "field_order": list(_case.FIELD_NAMES),
        "fields": _fields(),
        "either_zh": dict(_case._EITHER_ZH),
        "exclusive": [[a, b, "unit" if err is not _case.FieldConflictError else "field"]
                      for a, b, err in _case._EXCLUSIVE],
        "asserted_crab": dict(_case.ASSERTED_CRAB),
        "measured": {stem: {"analyte": s.analyte, "conventional_field": s.conventional_field,
                            "conventional_unit": s.conventional_unit, "si_field": s.si_field, "si_unit": s.si_unit}
                     for stem, s in _case.MEASURED.items()},
        "analytes": {name: {"zh": a.zh, "conventional_unit": a.conventional_unit, "si_unit": a.si_unit,
                            "factor": a.factor} for name, a in _units.ANALYTES.items()},
        "urine_24h_unit": _units.URINE_24H_UNIT,
        "thresholds": thresholds(),
        "sources": {key: s.short for key, s in SOURCES.items()},
    }


#: The sections of the export: each returns a dict merged into the data.  The rules of each part of the
#: calculator add their own section here (read from the mmlib objects that define the values).
SECTIONS: list[Callable[[], dict[str, Any]]] = [_core]


# --- calcresp: the IMWG 2016 response rules (js/mm-response.js) ---------------------------------------------
def _response() -> dict[str, Any]:
    """The constants and Chinese tables of :mod:`mmlib.response`, and its thresholds by constant name.

    >>> d = _response()["response"]
    >>> d["t"]["VGPR_SERUM_FALL"], d["t"]["FLC_RATIO_HIGH"], d["categories"][0]
    ('imwg2016.vgpr.serum_fall', 'flc.ratio_high', 'PD')
    """
    from .. import labs as _labs
    from .. import response as r

    named = {n: getattr(r, n) for n in r.__all__} | {n: getattr(_labs, n) for n in ("FLC_RATIO_LOW", "FLC_RATIO_HIGH")}
    return {"response": {
        "t": {n: t.key for n, t in named.items() if isinstance(t, Threshold)},
        "src": r._SRC, "ndigits": r._NDIGITS, "urine_unit": r._URINE_UNIT, "max_lesions": r._MAX_LESIONS,
        "max_years": r._MAX_YEARS, "categories": list(r.CATEGORIES), "category_gloss": dict(r.CATEGORY_GLOSS),
        "mrd_zh": dict(r.MRD_ZH), "missing_zh": dict(r.MISSING_ZH), "lab_keys": list(r._LAB_KEYS),
        "extra_labs": {k: list(v) for k, v in r._EXTRA_LABS.items()}, "flag_keys": list(r._FLAG_KEYS),
        "visit_keys": list(r._VISIT_KEYS), "top_keys": list(r._TOP_KEYS), "series_keys": list(r._SERIES_KEYS),
        "mrd_keys": list(r._MRD_KEYS),
    }}


SECTIONS.append(_response)
# --- end calcresp ------------------------------------------------------------------------------------------------


# --- calcdx: labs and the IMWG 2014 diagnosis (js/mm-diagnosis.js) ------------------------------------------------
def _diagnosis() -> dict[str, Any]:
    """The constants of :mod:`mmlib.labs` and the Chinese tables of :mod:`mmlib.diagnosis` (``MM.data.labs_diagnosis``).

    >>> d = _diagnosis()["labs_diagnosis"]
    >>> d["labs"]["ckd_epi"]["female"], d["labs"]["cg_female"], d["diagnosis_zh"]["mgus"][:4]
    ([0.7, -0.241], 0.85, '意义未明')
    """
    from .. import diagnosis as dx
    from .. import labs

    return {"labs_diagnosis": {
        "labs": {"cg_female": labs.CG_FEMALE_FACTOR, "cg_constant": labs.CG_CONSTANT,
                 "ckd_epi": {sex: list(k) for sex, k in labs.CKD_EPI_2021.items()}, "ckd_k": labs.CKD_EPI_2021_K,
                 "ckd_high_exp": labs.CKD_EPI_2021_HIGH_EXP, "ckd_age_base": labs.CKD_EPI_2021_AGE_BASE,
                 "ckd_female": labs.CKD_EPI_2021_FEMALE, "ca_per_g_dl": labs.CORRECTED_CA_PER_G_DL,
                 "ref_albumin_g_dl": labs.REFERENCE_ALBUMIN_G_DL, "ca_per_g_l": labs.CORRECTED_CA_PER_G_L,
                 "ref_albumin_g_l": labs.REFERENCE_ALBUMIN_G_L, "payne_factor": labs.PAYNE_1973_FACTOR,
                 "creatinine_factor": _units.CREATININE_UMOL_L_PER_MG_DL, "not_computed": labs._NOT_COMPUTED},
        "diagnosis_zh": dict(dx.DIAGNOSIS_ZH), "subtype_zh": dict(dx.SUBTYPE_ZH),
        "reason_zh": {r: dx._reason_zh(r) for r in dx.REASONS},
    }}


SECTIONS.append(_diagnosis)
# --- end calcdx ------------------------------------------------------------------------------------------------------


def calculator_data() -> dict[str, Any]:
    """Everything the calculator's JavaScript reads, JSON-ready (see the module docstring).

    A key given by two sections is an error (one value, one place).

    >>> sorted(calculator_data())[:4]
    ['analytes', 'asserted_crab', 'either_zh', 'exclusive']
    """
    data: dict[str, Any] = {}
    for section in SECTIONS:
        part = section()
        clash = sorted(set(part) & set(data))
        if clash:
            raise MMLibError(f"计算器数据键重复：{', '.join(clash)}。",
                             f"Calculator data keys defined twice: {', '.join(clash)}.", field=clash[0])
        data.update(part)
    return data


def data_script(data: dict[str, Any] | None = None) -> str:
    """The data as a script that sets ``globalThis.MM_DATA`` (a script, not JSON, so it loads from ``file://``).

    ``<`` is escaped, so the text can also be inlined in an HTML ``<script>``.

    >>> data_script({"a": "<b>"})
    'globalThis.MM_DATA = {"a":"\\\\u003cb>"};\\n'
    """
    text = json.dumps(calculator_data() if data is None else data, ensure_ascii=False, separators=(",", ":"))
    return "globalThis.MM_DATA = " + text.replace("<", "\\u003c") + ";\n"


def bundle(files: tuple[str, ...] = JS_FILES, data: dict[str, Any] | None = None) -> str:
    """The calculator script: the data, then the JavaScript files in load order (those that exist).

    >>> text = bundle(("mm-core.js",))
    >>> text.index("globalThis.MM_DATA") < text.index("function asRead")
    True
    """
    parts = [data_script(data)]
    for name in files:
        path = JS_DIR / name
        if path.exists():
            parts.append(f"/* {name} */\n" + path.read_text(encoding="utf-8"))
    return "\n".join(parts)


# --- calcstage: the tables of staging, risk, cytogenetics, anaemia mechanisms and assess (stage_data.py) ---
from .stage_data import stage_data  # noqa: E402  (a section module imports mmlib's rules, not this module)

SECTIONS.append(stage_data)
# --- end calcstage ---------------------------------------------------------------------------------------------------
