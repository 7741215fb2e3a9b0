"""What the staging, risk, cytogenetics, anaemia-mechanism and assess ports need from :mod:`mmlib`.

One function, :func:`stage_data`, merged into :func:`mmlib.calculator.export.calculator_data`
(keys ``staging``, ``risk``, ``genetics`` (cytogenetics), ``mechanisms`` and ``report`` (assess)).
Every number, list and Chinese string table is read from the mmlib object that defines it;
thresholds are referred to by key (``MM.T(key)``: the core export holds every Threshold of mmlib).

>>> d = stage_data()
>>> d["staging"]["r2iss_points"]["iss_iii"], d["risk"]["imwg2020"]["fish_points"]
(1.5, 2)
>>> d["risk"]["mayo2018"]["groups"][1]
['intermediate', 'mayo2018.group.intermediate']
>>> d["genetics"]["risk_zh"]["null"]
'无法判断'
"""

from __future__ import annotations

from typing import Any

from .. import cytogenetics, diagnosis, mechanisms, risk, staging
from ..assess import _GATES, _OPTIONAL, _SECTION_TITLES, CONTRACT_VERSION, MM_ONLY_CAVEAT
from ..trace import Threshold

__all__ = ["stage_data"]

_Groups = tuple[tuple[str, "Threshold | None"], ...]


def _groups(groups: _Groups) -> list[list[Any]]:
    return [[name, None if t is None else t.key] for name, t in groups]


def _bands(bands: tuple[tuple[Threshold, int], ...]) -> list[list[Any]]:
    return [[t.key, points] for t, points in bands]


def stage_data() -> dict[str, Any]:
    """The tables of :mod:`mmlib.staging`, :mod:`mmlib.risk`, :mod:`mmlib.cytogenetics`,
    :mod:`mmlib.mechanisms` and :mod:`mmlib.assess` that the JavaScript ports read."""
    cy = cytogenetics
    return {
        "staging": {
            "stages": list(staging.STAGES),
            "r2iss_points": dict(staging.R2ISS_POINTS),
            "r2iss_groups": [t.key for t in staging.R2ISS_GROUPS],
            "iss_outcomes": staging.ISS_OUTCOMES,
            "riss_outcomes": staging.RISS_OUTCOMES,
            "r2iss_outcome_note": staging._R2ISS_OUTCOME_NOTE,
        },
        "risk": {
            "group_zh": dict(risk.GROUP_ZH),
            "mayo2018": {
                "groups": _groups(risk.MAYO2018_GROUPS),
                "outcomes": {"median_ttp_months": risk.MAYO2018_MEDIAN_TTP_MONTHS,
                             "imwg_validation_2y_progression_percent": risk.MAYO2018_IMWG_VALIDATION_2Y_PERCENT},
            },
            "imwg2020": {
                "flc_bands": _bands(risk.IMWG2020_FLC_BANDS),
                "m_protein_bands": _bands(risk.IMWG2020_M_PROTEIN_BANDS),
                "bmpc_bands": _bands(risk.IMWG2020_BMPC_BANDS),
                "fish_points": risk.IMWG2020_FISH_POINTS,
                "fish": list(risk.IMWG2020_FISH_ABNORMALITIES),
                "groups": _groups(risk.IMWG2020_GROUPS),
                "outcomes": {"progression_2y_percent": risk.IMWG2020_2Y_PROGRESSION_PERCENT,
                             "hazard_ratio": risk.IMWG2020_HAZARD_RATIO},
            },
            "mgus": {
                "groups": _groups(risk.MGUS_GROUPS),
                "outcomes": {"progression_20y_percent": risk.MGUS_20Y_PROGRESSION_PERCENT,
                             "progression_20y_competing_percent": risk.MGUS_20Y_PROGRESSION_COMPETING_PERCENT},
            },
        },
        "genetics": {
            "event_names": dict(cy.EVENT_NAMES),
            "one_q_zh": cy.ONE_Q_ZH,
            "risk_zh": {"null" if k is None else k: v for k, v in cy.RISK_ZH.items()},
            "primary": list(cy.PRIMARY_EVENTS),
            "secondary": list(cy.SECONDARY_EVENTS),
            "classic_high_risk": list(cy.CLASSIC_HIGH_RISK),
            "riss_high_risk": list(cy.RISS_HIGH_RISK),
            "igh_high_risk": list(cy._IGH_HIGH_RISK),
            "criteria_zh": list(cy._CRITERIA_ZH),
            "classic_zh": cy._CLASSIC_ZH,
        },
        "mechanisms": {
            "order": list(mechanisms.MECHANISMS),
            "zh": dict(mechanisms.MECHANISM_ZH),
            "why_zh": dict(mechanisms._WHY_ZH),
            "teaching": mechanisms._TEACHING,
        },
        "report": {
            "contract_version": CONTRACT_VERSION,
            "optional": list(_OPTIONAL),
            "gates": {k: list(v) for k, v in _GATES.items()},
            "mm_only_caveat": MM_ONLY_CAVEAT,
            "section_titles": dict(_SECTION_TITLES),
            "diagnosis_zh": dict(diagnosis.DIAGNOSIS_ZH),
        },
    }
