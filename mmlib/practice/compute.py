"""Reference answers computed by mmlib from the values a vignette states.

Each function takes the problem's inputs (a plain dict) and returns a
:class:`Computed`: the answer in machine form, named facts for the worked
solution (already formatted for a reader) and the values that common mistakes
produce (the traps), so that nothing in a problem is typed twice.

>>> r = COMPUTE["crcl"]({"age_years": 72, "sex": "female", "weight_kg": 52, "creatinine_mg_dl": 1.6})
>>> round(r.value, 1), r.traps["no_female_factor"] > r.value
(26.1, True)
>>> COMPUTE["classify"]({"m_protein_g_dl": 2.8, "bmpc_percent": 8}).value   # CRAB and SLiM unknown
'indeterminate'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from ..case import Case
from ..trace import fmt_number

__all__ = ["Computed", "COMPUTE", "percent_reduction"]


@dataclass(frozen=True)
class Computed:
    """A computed answer, facts for the explanation, and the values of common mistakes."""

    value: Any
    facts: dict[str, str] = field(default_factory=dict)
    traps: dict[str, Any] = field(default_factory=dict)


def _r(x: float, digits: int = 2) -> str:
    return fmt_number(round(x, digits))


def _case(inputs: Mapping[str, Any]) -> Case:
    return Case.from_dict(dict(inputs))


def crcl(inputs: Mapping[str, Any]) -> Computed:
    """Cockcroft–Gault creatinine clearance (mL/min) with :func:`mmlib.labs.cockcroft_gault`."""
    from ..labs import CG_CONSTANT, CG_FEMALE_FACTOR, cockcroft_gault

    case = _case(inputs)
    value = cockcroft_gault(case).value
    scr = case.measured("creatinine")
    female = case.sex == "female"
    traps = {"no_female_factor": value / CG_FEMALE_FACTOR if female else value * CG_FEMALE_FACTOR}
    if scr.unit != "mg/dL":  # µmol/L put straight into the mg/dL formula
        traps["umol_unconverted"] = value * scr.to("mg/dL") / scr.value
    from ..units import CREATININE_UMOL_L_PER_MG_DL

    return Computed(value, {"crcl": _r(value, 1), "scr_mg_dl": _r(scr.to("mg/dL"), 2),
                            "cg_constant": fmt_number(CG_CONSTANT), "female_factor": fmt_number(CG_FEMALE_FACTOR),
                            "umol_per_mg": fmt_number(CREATININE_UMOL_L_PER_MG_DL)}, traps)


def ckd_epi(inputs: Mapping[str, Any]) -> Computed:
    """CKD-EPI 2021 eGFR (mL/min/1.73 m²) with :func:`mmlib.labs.ckd_epi_2021`."""
    from ..labs import ckd_epi_2021

    value = ckd_epi_2021(_case(inputs)).value
    cg = crcl(inputs).value
    return Computed(value, {"egfr": _r(value, 1), "crcl": _r(cg, 1)}, {"used_cockcroft_gault": cg})


def corrected_ca(inputs: Mapping[str, Any]) -> Computed:
    """Albumin-corrected calcium in the unit of the measured calcium (:func:`mmlib.labs.corrected_calcium`)."""
    from ..labs import (CORRECTED_CA_PER_G_DL, CORRECTED_CA_PER_G_L, REFERENCE_ALBUMIN_G_DL,
                        REFERENCE_ALBUMIN_G_L, corrected_calcium)

    case = _case(inputs)
    r = corrected_calcium(case)
    ca, alb = case.measured("calcium"), case.measured("albumin")
    si = ca.unit == "mmol/L"
    value = r.details["mmol_l" if si else "mg_dl"]
    # the other unit system's albumin put into this formula without conversion
    wrong_alb = alb.to("g/L") if si is False else alb.to("g/dL")
    per, ref = (CORRECTED_CA_PER_G_L, REFERENCE_ALBUMIN_G_L) if si else (CORRECTED_CA_PER_G_DL, REFERENCE_ALBUMIN_G_DL)
    traps = {"albumin_unit": ca.value + per * (ref - wrong_alb), "measured": ca.value}
    return Computed(value, {"corrected": _r(value, 2), "measured": fmt_number(ca.value), "unit": ca.unit,
                            "per": fmt_number(per), "ref": fmt_number(ref),
                            "albumin": _r(alb.to("g/L" if si else "g/dL"), 2)}, traps)


def flc_involved_ratio(inputs: Mapping[str, Any]) -> Computed:
    """Involved/uninvolved serum FLC ratio (:func:`mmlib.labs.flc_ratio`)."""
    from ..labs import flc_ratio

    d = flc_ratio(_case(inputs)).details
    return Computed(d["involved_uninvolved"],
                    {"ratio": _r(d["involved_uninvolved"], 1), "kappa_lambda": _r(d["kappa_lambda"], 4),
                     "involved": "κ" if d["involved"] == "kappa" else "λ"},
                    {"kappa_lambda": d["kappa_lambda"], "dflc": d["dflc_mg_l"]})


def percent_reduction(before: float, after: float) -> float:
    """Fall from ``before`` to ``after`` in percent of ``before``.

    >>> round(percent_reduction(4.2, 1.8), 1)
    57.1
    """
    return (before - after) / before * 100.0


def m_reduction(inputs: Mapping[str, Any]) -> Computed:
    """Percent fall of the serum M-protein from baseline (the quantity IMWG 2016 compares)."""
    from ..response import assess_response

    b, c = inputs["baseline"]["m_protein_g_dl"], inputs["current"]["m_protein_g_dl"]
    value = percent_reduction(b, c)
    category = assess_response(inputs).value
    return Computed(value, {"fall": _r(value, 1), "category": str(category)},
                    {"remaining": 100.0 - value, "from_current": (b - c) / c * 100.0})


def classify(inputs: Mapping[str, Any]) -> Computed:
    """IMWG 2014 diagnosis with :func:`mmlib.diagnosis.classify` (the basis in ``facts['basis']``)."""
    from ..diagnosis import DIAGNOSIS_ZH, classify as _classify

    r = _classify(_case(inputs))
    return Computed(r.value, {"diagnosis": DIAGNOSIS_ZH[r.value], "basis": r.summary or r.shown or ""})


def crab_items(inputs: Mapping[str, Any]) -> Computed:
    """The CRAB items present (:func:`mmlib.diagnosis.crab`), as a set of letters."""
    from ..diagnosis import crab

    case = _case(inputs)
    d = crab(case).details
    present = frozenset(k for k, v in d.items() if v is True)
    decided = all(d[k] is not None for k in "CRAB")  # a set answer needs every item decided
    facts = {"items": "、".join(k for k in "CRAB" if k in present) or "无", **_crab_margins(case)}
    return Computed(present if decided else None, facts)


def _crab_margins(case: Case) -> dict[str, str]:
    """How far calcium is above its ULN and haemoglobin below its LLN (as read), with the two-arm criteria as text.

    >>> m = _crab_margins(_case({"calcium_mg_dl": 10.9, "calcium_uln_mg_dl": 10.2}))
    >>> m["ca_over_uln"], m["c_rule_uln"], m["c_rule_abs"]
    ('0.7', '> 1 mg/dL', '> 11 mg/dL')
    """
    from ..diagnosis import CALCIUM_ABOVE_ULN, CALCIUM_HIGH, HB_BELOW_LLN, HB_LOW, difference

    out: dict[str, str] = {}
    for key, value, limit, sign in (("ca_over_uln", "calcium", "calcium_uln", 1),
                                    ("hb_below_lln", "hemoglobin", "hemoglobin_lln", -1)):
        v, lim = case.measured(value), case.measured(limit)
        if v is not None and lim is not None and v.unit == lim.unit:
            out[key] = fmt_number(float(difference(v.value, lim.value)) * sign)
    c = case.measured("calcium")
    a = case.measured("hemoglobin")
    c_unit = c.unit if c else CALCIUM_HIGH.unit
    a_unit = a.unit if a else HB_LOW.unit
    out.update(c_rule_uln=CALCIUM_ABOVE_ULN.describe(c_unit), c_rule_abs=CALCIUM_HIGH.describe(c_unit),
               a_rule_lln=HB_BELOW_LLN.describe(a_unit), a_rule_abs=HB_LOW.describe(a_unit))
    return out


def crab_c(inputs: Mapping[str, Any]) -> Computed:
    """Is CRAB-C met ("yes"/"no")?  The criterion reads the *measured* total calcium."""
    from ..diagnosis import crab

    met = crab(_case(inputs)).details["C"]
    if met is None:
        return Computed(None)
    corrected = corrected_ca(inputs) if "albumin_g_dl" in inputs or "albumin_g_l" in inputs else None
    facts = {"corrected": corrected.facts["corrected"]} if corrected else {}
    return Computed("yes" if met else "no", facts)


def stage(system: str) -> Callable[[Mapping[str, Any]], Computed]:
    """ISS / R-ISS / R2-ISS stage as ``{"stage": ...}`` (R2-ISS points in the facts)."""

    def run(inputs: Mapping[str, Any]) -> Computed:
        from .. import staging

        r = getattr(staging, system)(_case(inputs))
        facts = {"stage": str(r.value)}
        if r.details.get("points") is not None:
            facts["points"] = fmt_number(r.details["points"])
            facts.update(_r2iss_facts())
        return Computed({"stage": r.value}, facts)

    run.__doc__ = f"{system} stage"
    return run


def _r2iss_facts() -> dict[str, str]:
    from ..staging import R2ISS_POINTS

    return {f"r2_{k}": fmt_number(v) for k, v in R2ISS_POINTS.items()}


def r2iss_points(inputs: Mapping[str, Any]) -> Computed:
    """R2-ISS points (D'Agostino 2022) with :func:`mmlib.staging.r2iss`."""
    from ..staging import r2iss

    d = r2iss(_case(inputs)).details
    return Computed(d["points"], {"points": fmt_number(d["points"]), "stage": d["stage"], **_r2iss_facts()},
                    {"integer_1q": d["points"] + (0.5 if d["factors"].get("gain_or_amp_1q") else 0)})


def imwg2020(inputs: Mapping[str, Any]) -> Computed:
    """IMWG 2020 SMM score and group (:func:`mmlib.risk.smm_imwg2020`)."""
    from ..risk import GROUP_ZH, smm_imwg2020

    d = smm_imwg2020(_case(inputs)).details
    facts = {"score": fmt_number(d["score"]), "group": GROUP_ZH[d["group"]],
             "progression": fmt_number(d["progression_2y_percent"])}
    facts.update({f"pts_{k}": fmt_number(v) for k, v in d["factors"].items()})
    return Computed({"score": d["score"], "group": d["group"]}, facts)


def response(inputs: Mapping[str, Any]) -> Computed:
    """IMWG 2016 response category (:func:`mmlib.response.assess_response`)."""
    from ..response import CATEGORY_ZH, assess_response

    r = assess_response(inputs)
    return Computed(r.value, {"category": CATEGORY_ZH[r.value]})


def anemia(inputs: Mapping[str, Any]) -> Computed:
    """The anaemia mechanisms a case supports (:func:`mmlib.mechanisms.anemia_mechanisms`)."""
    from ..mechanisms import anemia_mechanisms

    d = anemia_mechanisms(_case(inputs)).details["mechanisms"]
    return Computed(frozenset(k for k, v in d.items() if v), {})


def ife(inputs: Mapping[str, Any]) -> Computed:
    """The isotype read from the immunofixation lanes of a teaching serum (:mod:`mmlib.models.electrophoresis`)."""
    from ..models.electrophoresis import immunofixation, make_serum, read_immunofixation

    serum = make_serum("monoclonal", **inputs)
    return Computed(read_immunofixation(immunofixation(serum)), {})


def spep(inputs: Mapping[str, Any]) -> Computed:
    """The M-spike (g/dL) quantified on a teaching densitogram, with the fraction areas as facts."""
    from ..models.electrophoresis import densitogram, fraction_areas, make_serum, quantify_m_spike

    serum = make_serum(**inputs)
    dens = densitogram(serum)
    spike = quantify_m_spike(dens)
    facts = {k: _r(v, 2) for k, v in fraction_areas(dens).items()}
    value = round(spike.g_dl, 2) if spike.detected else 0.0
    facts["spike"] = _r(value, 2)
    facts["pattern"] = "monoclonal" if spike.detected else "polyclonal" if serum.kind == "polyclonal" else "normal"
    return Computed(value, facts, {"gamma": fraction_areas(dens)["gamma"]})


def spep_pattern(inputs: Mapping[str, Any]) -> Computed:
    """The pattern of a teaching densitogram: ``monoclonal``, ``polyclonal`` or ``normal``."""
    r = spep(inputs)
    return Computed(r.facts["pattern"], r.facts)


def flow(inputs: Mapping[str, Any]) -> Computed:
    """Gate a simulated marrow (:mod:`mmlib.models.immunophenotype`): the light-chain restriction found."""
    from ..models.immunophenotype import gate_plasma_cells, simulate_marrow

    g = gate_plasma_cells(simulate_marrow(**inputs))
    value = g.restricted_chain if g.restricted else "polyclonal"
    return Computed(value, {"n_pc": str(g.n_pc), "n_kappa": str(g.n_kappa), "n_lambda": str(g.n_lambda),
                            "ratio": _r(g.kappa_lambda_ratio, 2)})


def urine_ph(inputs: Mapping[str, Any]) -> Computed:
    """Of the urine pH options, the one where the light chain's net charge is closest to zero."""
    from ..models import cast_nephropathy as cn

    seq = getattr(cn, inputs["sequence"])
    charges = {ph: abs(float(cn.net_charge(seq, float(ph)))) for ph in inputs["options"]}
    best = min(charges, key=charges.get)
    return Computed(best, {"pi": _r(cn.isoelectric_point(seq), 1),
                           **{f"z_{ph.replace('.', '_')}": _r(float(cn.net_charge(seq, float(ph))), 2)
                              for ph in inputs["options"]}})


def proteasome_sensitivity(inputs: Mapping[str, Any]) -> Computed:
    """Which teaching cell has the lower IC50 for proteasome inhibition (:mod:`mmlib.models.proteasome`)."""
    from ..models.proteasome import MYELOMA_CELL, NORMAL_CELL, ic50

    m, n = ic50(MYELOMA_CELL), ic50(NORMAL_CELL)
    return Computed("myeloma" if m < n else "normal", {"ic50_myeloma": _r(m, 1), "ic50_normal": _r(n, 1),
                                                        "fold": _r(n / m, 1)})


def hepcidin(inputs: Mapping[str, Any]) -> Computed:
    """Direction of hepcidin when IL-6 rises (:func:`mmlib.models.iron.hepcidin_relative`)."""
    from ..models.iron import hepcidin_relative

    lo, hi = hepcidin_relative(inputs["il6_low"]), hepcidin_relative(inputs["il6_high"])
    return Computed("up" if hi > lo else "down", {"fold": _r(hi / lo, 1)})


def given(inputs: Mapping[str, Any]) -> Computed:
    """A conceptual answer with no calculation behind it (mechanism, drug target): ``inputs['answer']``."""
    return Computed(inputs["answer"])


COMPUTE: dict[str, Callable[[Mapping[str, Any]], Computed]] = {
    "crcl": crcl, "ckd_epi": ckd_epi, "corrected_ca": corrected_ca, "flc_involved_ratio": flc_involved_ratio,
    "m_reduction": m_reduction, "classify": classify, "crab_items": crab_items, "crab_c": crab_c,
    "iss": stage("iss"), "riss": stage("riss"), "r2iss": stage("r2iss"), "r2iss_points": r2iss_points,
    "imwg2020": imwg2020, "response": response, "anemia": anemia, "ife": ife, "spep": spep, "spep_pattern": spep_pattern, "flow": flow,
    "urine_ph": urine_ph, "proteasome": proteasome_sensitivity, "hepcidin": hepcidin, "given": given,
}
