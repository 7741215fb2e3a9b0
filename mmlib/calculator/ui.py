"""The words the calculator's page interface shows, read from the mmlib tables that define them.

:func:`ui_data` is the ``ui`` section of the calculator data
(:func:`mmlib.calculator.export.calculator_data`): the Chinese names of the
diagnoses, subtypes, CRAB/SLiM items, risk groups, response categories and
report sections, exactly as :mod:`mmlib` writes them in its own reports, and
the Chinese names of the choice values of a case (the only words defined here:
mmlib's case record stores the codes, ``"female"``, ``"kappa"``).

>>> ui = ui_data()["ui"]
>>> ui["diagnosis"]["multiple_myeloma"], ui["crab"]["C"], ui["group"]["high"]
('多发性骨髓瘤（MM）', 'C（高钙血症）', '高危')
>>> ui["choice"]["sex"]["female"], ui["section"]["iss"]
('女', 'ISS')
"""

from __future__ import annotations

from typing import Any

from .. import assess as _assess
from .. import cytogenetics as _cyto
from .. import diagnosis as _dx
from .. import response as _resp
from .. import risk as _risk
from ..case import CHOICES, Case

__all__ = ["CHOICE_ZH", "RESPONSE_ZH", "ui_data"]

#: Chinese names of the values of the choice fields of :data:`mmlib.case.CHOICES`.
CHOICE_ZH: dict[str, dict[str, str]] = {
    "sex": {"male": "男", "female": "女"},
    "isotype": {"IgG": "IgG", "IgA": "IgA", "IgM": "IgM", "IgD": "IgD", "IgE": "IgE",
                "light_chain": "仅轻链（无重链）"},
    "light_chain": {"kappa": "κ", "lambda": "λ"},
}

#: Chinese names of the inputs of :func:`mmlib.response.assess_response` that are not case fields
#: (the lab values of ``baseline``/``nadir``/``current`` take the names of :data:`mmlib.case.FIELD_ZH`).
RESPONSE_ZH: dict[str, str] = {
    "baseline": "基线", "nadir": "最低值", "current": "本次评估",
    "serum_ife_negative": "血清免疫固定电泳阴性", "urine_ife_negative": "尿免疫固定电泳阴性",
    "soft_tissue_plasmacytoma_present": "仍有软组织浆细胞瘤", "clonal_pc_by_ihc_absent": "骨髓免疫组化无克隆性浆细胞",
    "new_lesions": "新的骨病变或软组织浆细胞瘤", "hypercalcemia": "浆细胞疾病所致高钙血症",
    "prior_cr": "既往曾达完全缓解", "spd_lesion_count": "SPD 所含病灶数",
    "lesion_spd_cm2": "病灶垂直径乘积之和（SPD）", "lesion_longest_diameter_cm": "随访病灶最长径",
    "lesion_short_axis_cm": "随访病灶短轴", "circulating_pc_per_ul": "外周血循环浆细胞",
    "mrd.method": "MRD 检测方法", "mrd.negative": "MRD 阴性", "mrd.sensitivity": "MRD 检测灵敏度",
    "mrd.pet_negative": "PET-CT 阴性", "mrd.sustained_years": "MRD 阴性持续时间",
    "mrd.method.flow": "二代流式细胞术", "mrd.method.ngs": "二代测序",
}


def ui_data() -> dict[str, Any]:
    """The ``ui`` section of the calculator data: display names keyed as in the JSON contract.

    Every choice of :data:`mmlib.case.CHOICES` has a name here (checked below).

    >>> all(set(CHOICE_ZH[k]) == set(v) for k, v in CHOICES.items())
    True
    >>> ui_data()["ui"]["category"]["VGPR"]
    '非常好的部分缓解（VGPR）'
    """
    empty = Case()
    return {"ui": {
        "diagnosis": dict(_dx.DIAGNOSIS_ZH),
        "subtype": dict(_dx.SUBTYPE_ZH),
        "crab": {k: r.label for k, r in _dx.crab_items(empty).items()},
        "slim": {k: r.label for k, r in _dx.slim_items(empty).items()},
        "group": dict(_risk.GROUP_ZH),
        "cyto": {("" if k is None else k): v for k, v in _cyto.RISK_ZH.items()},
        "section": dict(_assess._SECTION_TITLES),
        "category": dict(_resp.CATEGORY_ZH),
        "response_missing": dict(_resp.MISSING_ZH),
        "mrd": dict(_resp.MRD_ZH),
        "choice": {k: dict(v) for k, v in CHOICE_ZH.items()},
        "response": dict(RESPONSE_ZH),
    }}
