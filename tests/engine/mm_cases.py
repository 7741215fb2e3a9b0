"""Shared case builders and hypothesis strategies for the engine tests (diagnosis, staging, cohort)."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

#: A complete set of normal findings: every CRAB and SLiM item is evaluable and absent.
#: (Numbers chosen well inside the normal ranges; CrCl measured so that age/weight do not matter.)
NORMAL: dict[str, Any] = dict(
    calcium_mg_dl=9.5, calcium_uln_mg_dl=10.5, creatinine_mg_dl=0.9, crcl_ml_min=90.0,
    hemoglobin_g_dl=13.5, hemoglobin_lln_g_dl=12.0, lytic_lesions=0,
    flc_kappa_mg_l=15.0, flc_lambda_mg_l=12.0, mri_focal_lesions=0, biopsy_proven_plasmacytoma=False,
    urine_m_protein_mg_24h=100.0,
)

#: The same normal findings in SI units.
NORMAL_SI: dict[str, Any] = dict(
    calcium_mmol_l=2.35, calcium_uln_mmol_l=2.6, creatinine_umol_l=80.0, crcl_ml_min=90.0,
    hemoglobin_g_l=135.0, hemoglobin_lln_g_l=120.0, lytic_lesions=0,
    flc_kappa_mg_l=15.0, flc_lambda_mg_l=12.0, mri_focal_lesions=0, biopsy_proven_plasmacytoma=False,
    urine_m_protein_mg_24h=100.0,
)


def with_(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """``base`` updated with ``changes``; setting one spelling of a quantity drops the other."""
    from mmlib.case import MEASURED

    out = dict(base)
    for key in changes:
        for spec in MEASURED.values():
            if key == spec.conventional_field:
                out.pop(spec.si_field, None)
            elif key == spec.si_field:
                out.pop(spec.conventional_field, None)
        if key == "mri_lesion_sizes_mm":
            out.pop("mri_focal_lesions", None)
        if key == "mri_focal_lesions":
            out.pop("mri_lesion_sizes_mm", None)
    out.update(changes)
    return {k: v for k, v in out.items() if v is not None}


def _dec(lo: float, hi: float, places: int = 1) -> st.SearchStrategy[float]:
    """Decimal numbers with ``places`` decimals (what a laboratory prints)."""
    scale = 10 ** places
    return st.integers(int(lo * scale), int(hi * scale)).map(lambda i: round(i / scale, places))


def _opt(s: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), s)


#: Conventional-unit values with laboratory precision (1 decimal; creatinine 2), so that the
#: SI conversions never fall inside the documented parallel-threshold gaps (11 vs 2.75, 2 vs 177).
CONVENTIONAL = {
    "calcium_mg_dl": _dec(5, 16), "calcium_uln_mg_dl": _dec(8.5, 11), "creatinine_mg_dl": _dec(0.3, 12, 2),
    "hemoglobin_g_dl": _dec(4, 18), "hemoglobin_lln_g_dl": _dec(10, 15), "albumin_g_dl": _dec(1, 6),
    "m_protein_g_dl": st.one_of(st.just(0.0), _dec(0, 9)),
}


@st.composite
def case_dicts(draw: st.DrawFn, units: str = "conventional", complete: bool = False,
               stated: bool = False) -> dict[str, Any]:
    """A random case (conventional units, laboratory precision); fields may be missing unless ``complete``.

    ``stated``: also draw asserted CRAB findings (which may contradict the laboratory values: an input error).
    """
    o = (lambda s: s) if complete else _opt
    d: dict[str, Any] = {
        "age_years": draw(o(st.integers(30, 90))),
        "sex": draw(o(st.sampled_from(["male", "female"]))),
        "weight_kg": draw(o(_dec(40, 120))),
        "isotype": draw(_opt(st.sampled_from(["IgG", "IgA", "IgM", "IgD", "light_chain"]))),
        "light_chain": draw(_opt(st.sampled_from(["kappa", "lambda"]))),
        "urine_m_protein_mg_24h": draw(o(st.sampled_from([0.0, 100.0, 499.0, 500.0, 1200.0]))),
        "flc_kappa_mg_l": draw(o(st.sampled_from([3.0, 15.0, 19.4, 19.5, 40.0, 100.0, 150.0, 2000.0]))),
        "flc_lambda_mg_l": draw(o(st.sampled_from([1.0, 1.5, 10.0, 26.3, 26.4, 60.0, 100.0, 2000.0]))),
        "bmpc_percent": draw(o(st.sampled_from([0.0, 5.0, 9.9, 10.0, 20.0, 59.9, 60.0, 80.0]))),
        "biopsy_proven_plasmacytoma": draw(o(st.booleans())),
        "crcl_ml_min": draw(_opt(st.sampled_from([20.0, 39.9, 40.0, 80.0]))),
        "lytic_lesions": draw(o(st.integers(0, 3))),
        "beta2m_mg_l": draw(o(st.sampled_from([2.0, 3.4, 3.5, 5.4, 5.5, 8.0]))),
        "ldh_u_l": draw(o(st.sampled_from([150.0, 250.0, 251.0, 400.0]))),
        "ldh_uln_u_l": draw(o(st.just(250.0))),
    }
    for name in ("del17p", "t4_14", "t14_16", "gain_1q", "amp_1q"):
        d[name] = draw(o(st.booleans()))
    # fields laboratories and vignettes also give: a reported eGFR, FLC in mg/dL, stated CRAB items
    d["egfr_ml_min_1_73m2"] = draw(_opt(st.sampled_from([30.0, 59.9, 60.0, 90.0])))
    d["circulating_pc_percent"] = draw(_opt(st.sampled_from([0.0, 4.9, 5.0, 30.0])))
    if draw(st.booleans()) and "flc_kappa_mg_l" in d and d["flc_kappa_mg_l"] is not None:
        d["flc_kappa_mg_dl"] = d.pop("flc_kappa_mg_l") / 10
    kind = draw(st.sampled_from(["none", "none", "absent", "items"])) if stated else "none"
    if kind == "absent":
        d["crab_absent"] = True
    elif kind == "items":
        for name in ("hypercalcemia", "renal_insufficiency", "anemia", "bone_lesions"):
            d[name] = draw(_opt(st.booleans()))
    mri = draw(st.sampled_from(["sizes", "count", "none"] if not complete else ["sizes", "count"]))
    if mri == "sizes":
        d["mri_lesion_sizes_mm"] = draw(st.lists(st.sampled_from([3.0, 4.9, 5.0, 8.0]), max_size=3))
    elif mri == "count":
        d["mri_focal_lesions"] = draw(st.integers(0, 3))
    for name, strategy in CONVENTIONAL.items():
        d[name] = draw(o(strategy))
    d = {k: v for k, v in d.items() if v is not None}
    return to_si(d) if units == "si" else d


#: conventional field → (SI field, function)
SI_OF = {
    "calcium_mg_dl": ("calcium_mmol_l", lambda x: x / 4.008),
    "calcium_uln_mg_dl": ("calcium_uln_mmol_l", lambda x: x / 4.008),
    "creatinine_mg_dl": ("creatinine_umol_l", lambda x: x * 88.4),
    "hemoglobin_g_dl": ("hemoglobin_g_l", lambda x: x * 10),
    "hemoglobin_lln_g_dl": ("hemoglobin_lln_g_l", lambda x: x * 10),
    "albumin_g_dl": ("albumin_g_l", lambda x: x * 10),
    "m_protein_g_dl": ("m_protein_g_l", lambda x: x * 10),
}


def to_si(d: dict[str, Any]) -> dict[str, Any]:
    """The same case with every two-unit quantity in SI units (exact conversion, no rounding)."""
    out = {}
    for k, v in d.items():
        if k in SI_OF:
            name, f = SI_OF[k]
            out[name] = f(v)
        else:
            out[k] = v
    return out
