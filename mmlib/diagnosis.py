"""IMWG 2014 diagnostic criteria: CRAB, SLiM and the plasma-cell disorder spectrum.

Source: Rajkumar SV et al., Lancet Oncol 2014;15:e538–e548 (``imwg2014``).
Every cut-off below is a module-level :class:`~mmlib.trace.Threshold`; the
rules compare through them, the trace prints them and :data:`CRITERIA_TABLES`
lists them for the book, so a number is written exactly once.

Decisions on ambiguous points
-----------------------------
Units.
    A value is compared with the threshold *published in the unit it was
    given in* (IMWG prints both: "> 0.25 mmol/L (> 1 mg/dL) higher than the
    ULN or > 2.75 mmol/L (> 11 mg/dL)").  The parallel values are rounded, so
    there is a narrow **gap** where the verdict depends on the unit:
    11 mg/dL = 2.745 mmol/L, so 2.748 mmol/L (= 11.01 mg/dL) is *not*
    hypercalcaemic in SI but 11.01 mg/dL is; likewise creatinine 2 mg/dL =
    176.8 µmol/L, so 176.9 µmol/L is not "> 177" although 2.001 mg/dL is
    "> 2".  Hb (10 g/dL = 100 g/L) and M-protein (3 g/dL = 30 g/L) convert
    exactly and have no gap.  When a ULN/LLN is given in the other unit, it
    is converted to the unit of the measured value (a calculation) and the
    difference is compared with the threshold of that unit.
Calcium.
    The paper says "serum calcium"; the measured total calcium is compared.
    The albumin-corrected value (0.8 × (4 − albumin)) is reported alongside in
    the trace, not used for the verdict.
Alternative arms of C, R and A.
    Each of these items is published as two alternatives joined by "or"
    (calcium > 11 mg/dL *or* > 1 mg/dL above the ULN; creatinine clearance
    < 40 mL/min *or* creatinine > 2 mg/dL; Hb < 10 g/dL *or* > 2 g/dL below the
    LLN), and they are combined with Kleene logic: the item is present as soon
    as one arm is met, absent only when *both* arms are evaluated and not met,
    and unknown otherwise.  Calcium 10.8 mg/dL with no ULN is therefore not
    "C absent" (with a ULN of 9.7 mg/dL it would be present), and creatinine
    1.5 mg/dL with no body weight is not "R absent" (an 85-year-old woman of
    45 kg has a Cockcroft–Gault clearance below 40 mL/min).  The trace shows
    the arm that could not be evaluated and ``missing`` names its fields.
Asserted findings.
    A vignette that says "无 CRAB 表现" or "无贫血" without laboratory values
    can state the item (``hypercalcemia``, ``renal_insufficiency``, ``anemia``,
    ``bone_lesions`` or ``crab_absent``).  The assertion decides an item only
    where the laboratory values leave it unknown, and the trace marks it as
    asserted; laboratory values that decide the item the other way are an
    input error (:class:`~mmlib.errors.InputError` naming both).
Renal (R).
    "Creatinine clearance < 40 mL/min": a measured ``crcl_ml_min`` if given,
    otherwise Cockcroft–Gault with actual body weight (the paper allows
    "measured or estimated by validated equations" and does not name one).
    CKD-EPI 2021 eGFR is shown for information (the IMWG 2016 renal paper
    prefers it) but is not used for R.
Bone (B) and the plasmacytoma footnote.
    "If bone marrow has < 10 % clonal plasma cells, more than one bone lesion
    is required to distinguish from solitary plasmacytoma with minimal marrow
    involvement": with a biopsy-proven plasmacytoma and BMPC < 10 %, B needs
    ≥ 2 osteolytic lesions (a single lesion is taken to be the plasmacytoma).
    The footnote is applied to CRAB-B only, as printed; the MRI criterion is
    "> 1 focal lesion" in every case.
MRI (M).
    "> 1 focal lesion on MRI studies, each ≥ 5 mm": with
    ``mri_lesion_sizes_mm`` the lesions ≥ 5 mm are counted; ``mri_focal_lesions``
    is already such a count.
Light chains (Li).
    Involved/uninvolved ratio ≥ 100 *and* involved FLC ≥ 100 mg/L; the
    involved chain is ``light_chain`` if given, else the larger one
    (:func:`mmlib.labs.flc_ratio`).
Missing data.
    A criterion whose input is missing is *unknown* (``None``), never
    negative; criteria are combined with Kleene logic
    (:mod:`mmlib.tristate`).  So MM is concluded from BMPC ≥ 10 % plus one
    present myeloma-defining event (MDE) even if other fields are missing,
    while MGUS needs the M-protein, the BMPC and *every* CRAB item to be
    known and absent.  IMWG defines MGUS by the absence of CRAB (not of
    SLiM), so unknown SLiM items do not block MGUS; SMM requires the absence
    of every MDE, so it needs the FLC and MRI data as well.  When data are
    missing the diagnosis is ``"indeterminate"`` with the missing fields and,
    where only the exclusion of events is missing, a ``provisional``
    diagnosis ("MGUS if the missing CRAB items are normal").
A monoclonal protein is required.
    MGUS, SMM by its M-protein arm and light-chain MGUS presuppose a
    monoclonal protein.  One is *detected* when the serum M-protein is > 0, an
    isotype was identified by immunofixation, the urine M-protein is > 0 or
    the κ/λ ratio is outside its reference range (the renal range where
    kidney function is < 60).  Serum M-protein 0 with no isotype, urine
    M-protein 0 and a normal ratio is ``no_monoclonal_gammopathy``, provided
    the marrow (if examined) has < 10 % clonal plasma cells; with ≥ 10 % the
    SMM / MM rules apply and an MM is ``non_secretory_myeloma``.  Serum
    M-protein 0 with a light chain in the urine or an abnormal ratio needs the
    immunofixation result (``isotype``): ``light_chain`` leads to the
    light-chain MGUS rule.
Subtypes of MM.
    ``plasma_cell_leukemia``: MM with ≥ 5 % clonal plasma cells in the
    peripheral-blood smear (IMWG 2021, "in patients otherwise meeting the
    diagnostic criteria of MM"); ``non_secretory_myeloma``: MM with no
    monoclonal protein detected; ``light_chain_myeloma``: MM of isotype
    ``light_chain``.  The first that applies is reported.  With the
    circulating plasma cells not given the subtype cannot be plasma cell
    leukaemia and the notes say so; the diagnosis (MM) stands either way.
Findings that are not inputs of this model.
    Amyloidosis, attributability of CRAB to the plasma-cell disorder and the
    symptoms that define IgM MGUS (constitutional symptoms, hyperviscosity,
    lymphadenopathy, hepatosplenomegaly) cannot be entered; the trace says so
    each time they matter.  An absent ``biopsy_proven_plasmacytoma`` means
    "none known" and the trace says so.
IgM.
    IgM with M-protein ≥ 3 g/dL, BMPC ≥ 10 % or another smouldering criterion
    and *no* myeloma-defining event is outside this model (consider Waldenström
    macroglobulinaemia): ``"indeterminate"``.  With a myeloma-defining event
    and ≥ 10 % clonal plasma cells or a plasmacytoma the MM rule applies (IgM
    myeloma is rare but defined by the same criteria), so adding a finding never
    makes the result less definite.  IgM below these limits follows the MGUS rule
    (``details["subtype"] == "igm_mgus"``), BMPC standing in for the
    lymphoplasmacytic infiltrate.
Solitary plasmacytoma.
    Biopsy-proven plasmacytoma, no CRAB (B by the footnote, i.e. at most the
    one lesion), BMPC 0 % → ``solitary_plasmacytoma``; 0 < BMPC < 10 % →
    ``solitary_plasmacytoma_minimal_marrow``.  With BMPC ≥ 10 % the SMM / MM
    rules apply.

>>> from mmlib.case import Case
>>> normal = dict(calcium_mg_dl=9.5, calcium_uln_mg_dl=10.5, creatinine_mg_dl=0.9, crcl_ml_min=90,
...               hemoglobin_g_dl=13.5, hemoglobin_lln_g_dl=12.0, lytic_lesions=0,
...               flc_kappa_mg_l=30, flc_lambda_mg_l=10, mri_focal_lesions=0)
>>> classify(Case(m_protein_g_dl=2.8, bmpc_percent=8, **normal)).value
'mgus'
>>> classify(Case(m_protein_g_dl=3.5, bmpc_percent=20, **normal)).value
'smoldering_multiple_myeloma'
>>> classify(Case(**{**normal, "bmpc_percent": 12, "mri_focal_lesions": 2})).value
'multiple_myeloma'
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .case import ASSERTED_CRAB, Case, either_field, field_zh
from .errors import InputError
from .labs import (FLC_KAPPA_ULN, FLC_LAMBDA_ULN, FLC_RATIO_HIGH, FLC_RATIO_LOW, ckd_epi_2021, cockcroft_gault,
                   corrected_calcium, flc_ratio, range_text)
from .trace import Check, RuleResult, Threshold, as_read, fmt_number, info
from .tristate import k_and, k_not, k_or, tri
from .units import URINE_24H_UNIT, convert

__all__ = [
    "CALCIUM_HIGH", "CALCIUM_ABOVE_ULN", "CRCL_LOW", "CREATININE_HIGH", "HB_LOW", "HB_BELOW_LLN",
    "LYTIC", "LYTIC_WITH_PLASMACYTOMA", "BMPC_S", "FLC_RATIO_LI", "FLC_INVOLVED_LI", "MRI_LESION_SIZE",
    "MRI_LESIONS", "SMM_M_PROTEIN", "MGUS_M_PROTEIN", "SMM_URINE", "LC_MGUS_URINE", "CLONAL_BMPC",
    "MGUS_BMPC", "SMM_BMPC_UPPER", "SP_MARROW", "M_PROTEIN_DETECTED", "URINE_DETECTED", "PCL_CIRCULATING",
    "CRITERIA_TABLES", "criteria_rows", "table_numbers",
    "DIAGNOSES", "DIAGNOSIS_ZH", "SUBTYPE_ZH", "REASONS", "SEVERITY",
    "crab", "slim", "crab_items", "slim_items", "classify", "decide", "difference",
]

# --------------------------------------------------------------------------
# Thresholds (IMWG 2014), each written once
# --------------------------------------------------------------------------

# CRAB -----------------------------------------------------------------------
CALCIUM_HIGH = Threshold("imwg2014.crab.calcium", "血清钙", ">", 11, "mg/dL", si=2.75, si_unit="mmol/L")
CALCIUM_ABOVE_ULN = Threshold("imwg2014.crab.calcium_above_uln", "血清钙高出正常上限（ULN）的幅度", ">", 1,
                              "mg/dL", si=0.25, si_unit="mmol/L")
CRCL_LOW = Threshold("imwg2014.crab.crcl", "肌酐清除率", "<", 40, "mL/min")
CREATININE_HIGH = Threshold("imwg2014.crab.creatinine", "血清肌酐", ">", 2, "mg/dL", si=177, si_unit="µmol/L")
HB_LOW = Threshold("imwg2014.crab.hemoglobin", "血红蛋白", "<", 10, "g/dL", si=100, si_unit="g/L")
HB_BELOW_LLN = Threshold("imwg2014.crab.hemoglobin_below_lln", "血红蛋白低于正常下限（LLN）的幅度", ">", 2,
                         "g/dL", si=20, si_unit="g/L")
LYTIC = Threshold("imwg2014.crab.bone", "溶骨性病变数（X 线、CT 或 PET-CT）", "≥", 1)
#: IMWG footnote: with BMPC < 10 % and a plasmacytoma, more than one bone lesion is needed.
LYTIC_WITH_PLASMACYTOMA = Threshold("imwg2014.crab.bone_with_plasmacytoma",
                                    "溶骨性病变数（有活检证实的浆细胞瘤且骨髓浆细胞未达 MM 标准时）", ">", 1)

# SLiM -----------------------------------------------------------------------
BMPC_S = Threshold("imwg2014.slim.bmpc", "骨髓克隆性浆细胞", "≥", 60, "%")
FLC_RATIO_LI = Threshold("imwg2014.slim.flc_ratio", "受累/非受累血清游离轻链比值", "≥", 100)
FLC_INVOLVED_LI = Threshold("imwg2014.slim.flc_involved", "受累游离轻链", "≥", 100, "mg/L")
MRI_LESION_SIZE = Threshold("imwg2014.slim.mri_size", "MRI 局灶性病变直径", "≥", 5, "mm")
MRI_LESIONS = Threshold("imwg2014.slim.mri", f"MRI 局灶性病变数（直径 {MRI_LESION_SIZE.describe()}）", ">", 1)

# The spectrum: MGUS, SMM, MM, light-chain MGUS, solitary plasmacytoma ----------
SMM_M_PROTEIN = Threshold("imwg2014.smm.m_protein", "血清 M 蛋白", "≥", 3, "g/dL", si=30, si_unit="g/L")
MGUS_M_PROTEIN = SMM_M_PROTEIN.negate("imwg2014.mgus.m_protein")
SMM_URINE = Threshold("imwg2014.smm.urine", "24 小时尿 M 蛋白", "≥", 500, URINE_24H_UNIT)
LC_MGUS_URINE = SMM_URINE.negate("imwg2014.lc_mgus.urine")
#: ≥ 10 % clonal BMPC: the lower bound of SMM and the marrow criterion of MM.
CLONAL_BMPC = Threshold("imwg2014.bmpc", "骨髓克隆性浆细胞", "≥", 10, "%")
MGUS_BMPC = CLONAL_BMPC.negate("imwg2014.mgus.bmpc")
SMM_BMPC_UPPER = BMPC_S.negate("imwg2014.smm.bmpc_upper")
SP_MARROW = Threshold("imwg2014.sp.bmpc", "骨髓克隆性浆细胞（孤立性浆细胞瘤要求无）", "≤", 0, "%")
#: A monoclonal protein detected: a serum or urine M-protein above 0.
M_PROTEIN_DETECTED = Threshold("imwg2014.m_protein_detected", "血清 M 蛋白（检出）", ">", 0, "g/dL", si=0,
                               si_unit="g/L")
URINE_DETECTED = Threshold("imwg2014.urine_detected", "24 小时尿 M 蛋白（检出）", ">", 0, URINE_24H_UNIT)

# Plasma cell leukaemia (IMWG 2021) ------------------------------------------
PCL_CIRCULATING = Threshold("imwg2021pcl.circulating", "外周血克隆性浆细胞（占白细胞）", "≥", 5, "%",
                            source="imwg2021pcl")

#: The thresholds shown in the book's tables, read from the objects above.
CRITERIA_TABLES: dict[str, tuple[Threshold, ...]] = {
    "crab": (CALCIUM_HIGH, CALCIUM_ABOVE_ULN, CRCL_LOW, CREATININE_HIGH, HB_LOW, HB_BELOW_LLN, LYTIC,
             LYTIC_WITH_PLASMACYTOMA),
    "slim": (BMPC_S, FLC_RATIO_LI, FLC_INVOLVED_LI, MRI_LESIONS, MRI_LESION_SIZE),
    "spectrum": (MGUS_M_PROTEIN, MGUS_BMPC, SMM_M_PROTEIN, SMM_URINE, CLONAL_BMPC, SMM_BMPC_UPPER),
    "light_chain_mgus": (FLC_RATIO_LOW, FLC_RATIO_HIGH, FLC_KAPPA_ULN, FLC_LAMBDA_ULN, MGUS_BMPC, LC_MGUS_URINE),
}


def table_numbers(table: str) -> frozenset[float]:
    """Every number printed in a criteria table (conventional and SI).

    >>> sorted(table_numbers("slim"))
    [1, 5, 60, 100]
    >>> {11, 2.75, 177, 100, 20} <= table_numbers("crab")
    True
    """
    out: set[float] = set()
    for t in CRITERIA_TABLES[table]:
        out.add(t.value)
        if t.si is not None:
            out.add(t.si)
    return frozenset(out)


def criteria_rows(table: str) -> list[dict[str, str]]:
    """The rows of a criteria table for the book: label, conventional and SI criterion, source.

    >>> criteria_rows("crab")[0]
    {'key': 'imwg2014.crab.calcium', '指标': '血清钙', '常规单位': '> 11 mg/dL', '国际单位': '> 2.75 mmol/L', '来源': 'Rajkumar 2014'}
    """
    from .sources import source

    return [{"key": t.key, "指标": t.zh, "常规单位": t.describe(),
             "国际单位": t.describe(t.si_unit) if t.si_unit else t.describe(),
             "来源": source(t.source).short} for t in CRITERIA_TABLES[table]]


# --------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------

DIAGNOSES: tuple[str, ...] = (
    "mgus", "light_chain_mgus", "smoldering_multiple_myeloma", "multiple_myeloma", "solitary_plasmacytoma",
    "solitary_plasmacytoma_minimal_marrow", "indeterminate", "no_monoclonal_gammopathy",
)
DIAGNOSIS_ZH: dict[str, str] = {
    "mgus": "意义未明的单克隆丙种球蛋白血症（MGUS）",
    "light_chain_mgus": "轻链型 MGUS",
    "smoldering_multiple_myeloma": "冒烟型多发性骨髓瘤（SMM）",
    "multiple_myeloma": "多发性骨髓瘤（MM）",
    "solitary_plasmacytoma": "孤立性浆细胞瘤",
    "solitary_plasmacytoma_minimal_marrow": "孤立性浆细胞瘤伴微量骨髓受累",
    "indeterminate": "无法确定",
    "no_monoclonal_gammopathy": "未检出单克隆丙种球蛋白",
}
#: Chinese names of the subtypes (``details["subtype"]``).
SUBTYPE_ZH: dict[str, str] = {
    "igm_mgus": "IgM 型意义未明的单克隆丙种球蛋白血症（IgM MGUS）",
    "plasma_cell_leukemia": "原发性浆细胞白血病（多发性骨髓瘤伴外周血浆细胞 ≥ 5%）",
    "non_secretory_myeloma": "非分泌型多发性骨髓瘤",
    "light_chain_myeloma": "轻链型多发性骨髓瘤",
}
#: Severity order used by the monotonicity property test (indeterminate and plasmacytoma are not ranked).
SEVERITY: dict[str, int] = {"mgus": 0, "light_chain_mgus": 0, "smoldering_multiple_myeloma": 1,
                            "multiple_myeloma": 2}
REASONS: tuple[str, ...] = ("", "missing_data", "mde_without_clonal_basis", "igm_outside_model",
                            "light_chain_criteria_not_met", "isotype_needed")


def _reason_zh(reason: str) -> str:
    return {
        "": "",
        "missing_data": "判断所需的数据不全",
        "mde_without_clonal_basis": (
            f"存在骨髓瘤定义事件（CRAB 或 SLiM），但骨髓克隆性浆细胞不满足 {CLONAL_BMPC.describe()}，也没有活检证实的"
            "浆细胞瘤，不满足 IMWG 多发性骨髓瘤的诊断前提；应寻找其他原因或对病灶取活检"),
        "igm_outside_model": (
            f"IgM 型且 M 蛋白 {SMM_M_PROTEIN.describe()}、骨髓浆细胞 {CLONAL_BMPC.describe()} 或尿 M 蛋白 "
            f"{SMM_URINE.describe()}：超出本模型（非 IgM 浆细胞疾病与 IgM MGUS）的范围，应考虑华氏巨球蛋白血症"
            "（Waldenström）等 IgM 相关疾病"),
        "light_chain_criteria_not_met": (
            f"免疫固定无重链，但 κ/λ 比值未超出 {range_text(FLC_RATIO_LOW, FLC_RATIO_HIGH)} 的范围，或相应的受累轻链未"
            "高于参考上限：不满足轻链型 MGUS 的标准"),
        "isotype_needed": (
            "血清 M 蛋白为 0，但尿 M 蛋白或 κ/λ 比值提示存在单克隆轻链；需要免疫固定电泳的结果（M 蛋白类型，"
            "无重链时为 light_chain）才能按轻链型 MGUS 的标准判断"),
    }[reason]


# --------------------------------------------------------------------------
# Small shared pieces
# --------------------------------------------------------------------------

def difference(a, b):
    """``a − b`` as read (:func:`mmlib.trace.as_read`), so a difference lands exactly on a boundary (floats or arrays).

    >>> 3.29 - 2.99, float(difference(3.29, 2.99))
    (0.2999999999999998, 0.3)
    """
    return as_read(np.subtract(a, b))


def _part(name: str, label: str, value: bool | None, checks: list[Check], missing: tuple[str, ...] = (),
          summary: str = "") -> RuleResult:
    return RuleResult(name, label, value, tuple(checks), missing=missing if value is None else (),
                      source="imwg2014", summary=summary)


def _crab_item(case: Case, item: str, label: str, measured: bool | None, checks: list[Check],
               missing: tuple[str, ...]) -> RuleResult:
    """A CRAB item from its laboratory verdict and, where that is unknown, the vignette's assertion.

    A laboratory verdict that contradicts the assertion is an input error.

    >>> _crab_item(Case(anemia=False), "A", "A（贫血）", None, [], ("hemoglobin_g_dl/hemoglobin_g_l",)).value
    False
    >>> _crab_item(Case(anemia=False), "A", "A（贫血）", True, [], ())  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    mmlib.errors.InputError: 字段 anemia 的值 False 无效：应为 与检验结果一致（检验结果判定 A 项为阳性）...
    >>> _crab_item(Case(crab_absent=True), "C", "C（高钙血症）", True, [], ())  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    mmlib.errors.InputError: 字段 crab_absent 的值 True 无效：应为 与检验结果一致（检验结果判定 C 项为阳性）...
    """
    stated = case.asserted(item)
    field = "crab_absent" if case.crab_absent else ASSERTED_CRAB[item]
    if stated is not None and measured is not None and stated != measured:
        verdict_zh, verdict_en = ("阳性", "present") if measured else ("阴性", "absent")
        raise InputError(field, getattr(case, field), f"与检验结果一致（检验结果判定 {item} 项为{verdict_zh}）",
                         en_expected=f"consistent with the laboratory values (they decide item {item} as {verdict_en})")
    if measured is None and stated is not None:
        checks = checks + [info(f"imwg2014.crab.asserted_{item}", f"{label}：病例陈述（未测量）",
                                "阳性" if stated else "阴性", source="imwg2014", note=f"字段 {field}")]
        return _part(f"crab.{item}", label, stated, checks)
    return _part(f"crab.{item}", label, measured, checks, missing)


def _crcl(case: Case) -> tuple[float | None, str]:
    """CrCl for CRAB-R: measured if given, else Cockcroft–Gault; and how it was obtained."""
    if case.crcl_ml_min is not None:
        return case.crcl_ml_min, "实测"
    r = cockcroft_gault(case)
    return r.value, "Cockcroft–Gault 估算，实际体重"


def _bone_threshold(case: Case) -> list[Threshold]:
    """The B threshold(s) that may apply: the footnote needs BMPC < 10 % and a plasmacytoma."""
    if case.biopsy_proven_plasmacytoma is not True:
        return [LYTIC]
    if case.bmpc_percent is None:
        return [LYTIC, LYTIC_WITH_PLASMACYTOMA]
    return [LYTIC] if CLONAL_BMPC.test(case.bmpc_percent) else [LYTIC_WITH_PLASMACYTOMA]


# --------------------------------------------------------------------------
# CRAB
# --------------------------------------------------------------------------

def _crab_c(case: Case) -> RuleResult:
    ca, uln = case.measured("calcium"), case.measured("calcium_uln")
    checks = [CALCIUM_HIGH.check(ca.value if ca else None, ca.unit if ca else None)]
    if ca and uln:
        uln_value = float(convert("calcium", uln.value, uln.unit, ca.unit))
        excess = float(difference(ca.value, uln_value))
        checks.append(CALCIUM_ABOVE_ULN.check(excess, ca.unit, note=f"{fmt_number(ca.value)} − ULN "
                                              f"{fmt_number(round(uln_value, 4))} {ca.unit}"))
    else:
        checks.append(CALCIUM_ABOVE_ULN.check(None, ca.unit if ca else None))
    value = k_or(*(c.verdict for c in checks))
    cc = corrected_calcium(case)
    if cc.value is not None:
        checks.append(info("imwg2014.crab.corrected_calcium", "白蛋白校正钙（仅供参考，判断用实测血清总钙）",
                           cc.value, cc.details["unit"], source="payne1973", note=cc.checks[0].note))
    missing = tuple(f for f, m in ((either_field("calcium"), ca), (either_field("calcium_uln"), uln)) if m is None)
    return _crab_item(case, "C", "C（高钙血症）", value, checks, missing)


def _crab_r(case: Case) -> RuleResult:
    crcl, how = _crcl(case)
    cr = case.measured("creatinine")
    checks = [CRCL_LOW.check(crcl, "mL/min", label=f"肌酐清除率（{how}）"),
              CREATININE_HIGH.check(cr.value if cr else None, cr.unit if cr else None)]
    value = k_or(*(c.verdict for c in checks))
    egfr = ckd_epi_2021(case)
    if egfr.value is not None:
        checks.append(info("imwg2016renal.egfr", "eGFR（CKD-EPI 2021，仅供参考；R 按肌酐清除率判断）", egfr.value,
                           "mL/min/1.73 m²", source="imwg2016renal"))
    missing: tuple[str, ...] = ()
    if crcl is None:
        missing += ("crcl_ml_min",) + cockcroft_gault(case).missing
    if cr is None and either_field("creatinine") not in missing:
        missing += (either_field("creatinine"),)
    return _crab_item(case, "R", "R（肾功能不全）", value, checks, missing)


def _crab_a(case: Case) -> RuleResult:
    hb, lln = case.measured("hemoglobin"), case.measured("hemoglobin_lln")
    checks = [HB_LOW.check(hb.value if hb else None, hb.unit if hb else None)]
    if hb and lln:
        lln_value = float(convert("hemoglobin", lln.value, lln.unit, hb.unit))
        deficit = float(difference(lln_value, hb.value))
        checks.append(HB_BELOW_LLN.check(deficit, hb.unit, note=f"LLN {fmt_number(round(lln_value, 4))} − "
                                         f"{fmt_number(hb.value)} {hb.unit}"))
    else:
        checks.append(HB_BELOW_LLN.check(None, hb.unit if hb else None))
    value = k_or(*(c.verdict for c in checks))
    missing = tuple(f for f, m in ((either_field("hemoglobin"), hb), (either_field("hemoglobin_lln"), lln))
                    if m is None)
    return _crab_item(case, "A", "A（贫血）", value, checks, missing)


def _crab_b(case: Case) -> RuleResult:
    thresholds = _bone_threshold(case)
    checks = [t.check(case.lytic_lesions) for t in thresholds]
    verdicts = {c.verdict for c in checks}
    value = verdicts.pop() if len(verdicts) == 1 else None  # two footnote readings that disagree → unknown
    missing = ("lytic_lesions",) if case.lytic_lesions is None else ("bmpc_percent",)
    return _crab_item(case, "B", "B（骨病变）", value, checks, missing)


def crab_items(case: Case) -> dict[str, RuleResult]:
    """The four CRAB items (IMWG 2014), each a :class:`RuleResult` with its own checks and missing fields.

    >>> {k: r.value for k, r in crab_items(Case(hemoglobin_g_dl=9.9, lytic_lesions=0)).items()}
    {'C': None, 'R': None, 'A': True, 'B': False}
    """
    return {"C": _crab_c(case), "R": _crab_r(case), "A": _crab_a(case), "B": _crab_b(case)}


def _combine(name: str, label: str, parts: dict[str, RuleResult]) -> RuleResult:
    value = k_or(*(p.value for p in parts.values()))
    shown = "，".join(f"{k} " + {True: "阳性", False: "阴性", None: "无法评估"}[p.value] for k, p in parts.items())
    checks = tuple(c for p in parts.values() for c in p.checks)
    missing = tuple(dict.fromkeys(m for p in parts.values() for m in p.missing))
    return RuleResult(name, label, value, checks, missing=missing, source="imwg2014", summary=shown,
                      details={k: p.value for k, p in parts.items()})


def crab(case: Case) -> RuleResult:
    """CRAB end-organ damage (IMWG 2014): ``details`` has ``C``, ``R``, ``A``, ``B`` = True/False/None.

    ``value`` is True if any item is present, False if all are absent, None otherwise.

    >>> r = crab(Case(calcium_mmol_l=2.76, creatinine_umol_l=177, crcl_ml_min=40, lytic_lesions=0))
    >>> r.details
    {'C': True, 'R': False, 'A': None, 'B': False}
    >>> r.value
    True
    """
    return _combine("crab", "CRAB（终末器官损害）", crab_items(case))


# --------------------------------------------------------------------------
# SLiM
# --------------------------------------------------------------------------

def _slim_s(case: Case) -> RuleResult:
    c = BMPC_S.check(case.bmpc_percent)
    return _part("slim.S", "S（骨髓克隆性浆细胞）", c.verdict, [c], ("bmpc_percent",))


def _slim_li(case: Case) -> RuleResult:
    r = flc_ratio(case)
    if r.value is None:
        checks = [FLC_RATIO_LI.check(None), FLC_INVOLVED_LI.check(None)]
        return _part("slim.Li", "Li（游离轻链）", None, checks, r.missing)
    d = r.details
    chain = "κ" if d["involved"] == "kappa" else "λ"
    checks = [FLC_RATIO_LI.check(d["involved_uninvolved"], note=f"受累链 {chain}"),
              FLC_INVOLVED_LI.check(d["involved_mg_l"], "mg/L", label=f"受累游离轻链（{chain}）")]
    return _part("slim.Li", "Li（游离轻链）", k_and(*(c.verdict for c in checks)), checks)


def _mri_count(case: Case) -> tuple[int | None, list[Check]]:
    if case.mri_lesion_sizes_mm is not None:
        sizes = case.mri_lesion_sizes_mm
        count = sum(1 for s in sizes if MRI_LESION_SIZE.test(s, "mm"))
        shown = "、".join(fmt_number(s) for s in sizes) or "无"
        line = info("imwg2014.slim.mri_sizes", "MRI 局灶性病变直径", shown, source="imwg2014",
                    note=f"其中 {MRI_LESION_SIZE.describe()} 的有 {count} 个")
        return count, [line]
    return case.mri_focal_lesions, []


def _slim_m(case: Case) -> RuleResult:
    count, lines = _mri_count(case)
    c = MRI_LESIONS.check(count)
    return _part("slim.M", "M（MRI 局灶性病变）", c.verdict, lines + [c], ("mri_lesion_sizes_mm/mri_focal_lesions",))


def slim_items(case: Case) -> dict[str, RuleResult]:
    """The three SLiM biomarkers (IMWG 2014), each a :class:`RuleResult` with its own checks and missing fields.

    >>> {k: r.value for k, r in slim_items(Case(bmpc_percent=59.9, mri_focal_lesions=2)).items()}
    {'S': False, 'Li': None, 'M': True}
    """
    return {"S": _slim_s(case), "Li": _slim_li(case), "M": _slim_m(case)}


def slim(case: Case) -> RuleResult:
    """SLiM biomarkers of malignancy (IMWG 2014): ``details`` has ``S``, ``Li``, ``M``.

    >>> slim(Case(bmpc_percent=60, flc_kappa_mg_l=100, flc_lambda_mg_l=1, mri_lesion_sizes_mm=[5, 4.9])).details
    {'S': True, 'Li': True, 'M': False}
    """
    return _combine("slim", "SLiM（恶性生物标志）", slim_items(case))


# --------------------------------------------------------------------------
# The decision table, shared with mmlib.cohort (works on 1/0/NaN arrays)
# --------------------------------------------------------------------------

#: Flags ``decide`` reads; each is a 1/0/NaN array (``is_igm``, ``is_lc``, ``plasmacytoma`` are 0/1).
#: ``m_pos``: a serum monoclonal protein (M-spike > 0 or a heavy-chain isotype on immunofixation);
#: ``mp``: any monoclonal protein (``m_pos``, urine M-protein > 0, or an abnormal κ/λ ratio).
DECISION_FLAGS: tuple[str, ...] = (
    "mde", "crab", "bmpc10", "bmpc_zero", "plasmacytoma", "smm_marker", "mgus_m", "lc_flc", "urine_lt500",
    "is_igm", "is_lc", "m_pos", "mp",
)


def decide(f: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The IMWG 2014 decision over flag arrays → (diagnosis index, reason index, provisional index or −1).

    Indices refer to :data:`DIAGNOSES` and :data:`REASONS`.  The order of the
    rules is the order of the tuples below (first match wins).

    >>> one = lambda **kw: {k: np.array([float(kw.get(k, 0))]) for k in DECISION_FLAGS}
    >>> dx, reason, prov = decide(one(mde=1, bmpc10=1, mp=1, m_pos=1))
    >>> DIAGNOSES[dx[0]]
    'multiple_myeloma'
    >>> dx, reason, prov = decide(one(mde=np.nan, crab=0, smm_marker=1, mgus_m=0, mp=1, m_pos=1))
    >>> DIAGNOSES[dx[0]], REASONS[reason[0]], DIAGNOSES[prov[0]]
    ('indeterminate', 'missing_data', 'smoldering_multiple_myeloma')
    """
    d = {name: i for i, name in enumerate(DIAGNOSES)}
    r = {name: i for i, name in enumerate(REASONS)}
    T = lambda x: x == 1.0  # noqa: E731  (known true)
    F = lambda x: x == 0.0  # noqa: E731  (known false)
    U = np.isnan
    mde, crab_, bm10, plasma = f["mde"], f["crab"], f["bmpc10"], T(f["plasmacytoma"])
    igm, lc = T(f["is_igm"]), T(f["is_lc"])
    base_true = T(bm10) | plasma
    base_false = F(bm10) & ~plasma
    smm_arm = T(f["smm_marker"]) | T(bm10)
    bmpc_known = ~U(bm10)
    lc_core = T(f["lc_flc"]) & F(bm10) & T(f["urine_lt500"])
    mgus_core = T(f["mgus_m"]) & F(bm10)
    ind, miss = d["indeterminate"], r["missing_data"]
    none_detected = F(f["mp"])
    rules = (
        # (condition, diagnosis, reason, provisional)
        (T(mde) & base_true, d["multiple_myeloma"], 0, -1),
        (igm & (T(f["smm_marker"]) | T(bm10)), ind, r["igm_outside_model"], -1),
        (T(mde) & base_false, ind, r["mde_without_clonal_basis"], -1),
        (T(mde), ind, miss, -1),
        (smm_arm & F(mde), d["smoldering_multiple_myeloma"], 0, -1),
        (smm_arm, ind, miss, d["smoldering_multiple_myeloma"]),
        (plasma & ~bmpc_known, ind, miss, -1),
        (plasma & F(crab_) & T(f["bmpc_zero"]), d["solitary_plasmacytoma"], 0, -1),
        (plasma & F(crab_), d["solitary_plasmacytoma_minimal_marrow"], 0, -1),
        (plasma & T(f["bmpc_zero"]), ind, miss, d["solitary_plasmacytoma"]),
        (plasma, ind, miss, d["solitary_plasmacytoma_minimal_marrow"]),
        (none_detected & F(bm10), d["no_monoclonal_gammopathy"], 0, -1),
        (none_detected, ind, miss, d["no_monoclonal_gammopathy"]),
        (lc & F(f["lc_flc"]), ind, r["light_chain_criteria_not_met"], -1),
        (lc & lc_core & F(crab_), d["light_chain_mgus"], 0, -1),
        (lc & lc_core, ind, miss, d["light_chain_mgus"]),
        (lc, ind, miss, -1),
        (mgus_core & T(f["m_pos"]) & F(crab_), d["mgus"], 0, -1),
        (mgus_core & T(f["m_pos"]), ind, miss, d["mgus"]),
        (mgus_core & F(f["m_pos"]) & T(f["mp"]), ind, r["isotype_needed"], -1),
    )
    conds = [c for c, *_ in rules]
    dx = np.select(conds, [np.full(conds[0].shape, x) for _, x, _, _ in rules], default=ind)
    reason = np.select(conds, [np.full(conds[0].shape, x) for _, _, x, _ in rules], default=miss)
    prov = np.select(conds, [np.full(conds[0].shape, x) for _, _, _, x in rules], default=-1)
    return dx.astype(int), reason.astype(int), prov.astype(int)


# --------------------------------------------------------------------------
# classify
# --------------------------------------------------------------------------

def _spectrum_checks(case: Case) -> dict[str, Check]:
    m = case.measured("m_protein")
    bm = case.bmpc_percent
    checks = {
        "m3": SMM_M_PROTEIN.check(m.value if m else None, m.unit if m else None),
        "urine": SMM_URINE.check(case.urine_m_protein_mg_24h),
        "bmpc10": CLONAL_BMPC.check(bm),
        "m_detected": M_PROTEIN_DETECTED.check(m.value if m else None, m.unit if m else None),
        "urine_detected": URINE_DETECTED.check(case.urine_m_protein_mg_24h),
    }
    if case.biopsy_proven_plasmacytoma is True:
        checks["bmpc_zero"] = SP_MARROW.check(bm)
    if case.isotype == "light_chain":
        r = flc_ratio(case)
        ratio = r.value
        checks["ratio_low"] = FLC_RATIO_LOW.check(ratio, label="κ/λ 比值")
        checks["ratio_high"] = FLC_RATIO_HIGH.check(ratio, label="κ/λ 比值")
        checks["kappa_uln"] = FLC_KAPPA_ULN.check(case.flc_mg_l("kappa"), "mg/L")
        checks["lambda_uln"] = FLC_LAMBDA_ULN.check(case.flc_mg_l("lambda"), "mg/L")
    return checks


def _serum_monoclonal(case: Case, detected: bool | None) -> bool | None:
    """A serum monoclonal protein: a heavy-chain isotype on immunofixation, else the M-spike > 0."""
    if case.isotype not in (None, "light_chain"):
        return True
    return detected


def _flags(case: Case, crab_parts: dict[str, RuleResult], slim_parts: dict[str, RuleResult],
           sc: dict[str, Check], ratio_abnormal: bool | None) -> dict[str, bool | None]:
    v = lambda key: sc[key].verdict if key in sc else None  # noqa: E731
    crab_value = k_or(*(p.value for p in crab_parts.values()))
    m_pos = _serum_monoclonal(case, v("m_detected"))
    lc_flc = k_or(k_and(v("ratio_high"), v("kappa_uln")), k_and(v("ratio_low"), v("lambda_uln")))
    return {
        "mde": k_or(crab_value, *(p.value for p in slim_parts.values())),
        "crab": crab_value,
        "bmpc10": v("bmpc10"),
        "bmpc_zero": v("bmpc_zero"),
        "plasmacytoma": case.biopsy_proven_plasmacytoma is True,
        "smm_marker": k_or(v("m3"), v("urine")),
        "mgus_m": k_not(v("m3")),
        "lc_flc": lc_flc,
        "urine_lt500": k_not(v("urine")),
        "is_igm": case.isotype == "IgM",
        "is_lc": case.isotype == "light_chain",
        "m_pos": m_pos,
        "mp": k_or(m_pos, case.isotype == "light_chain", v("urine_detected"), ratio_abnormal),
    }


_FLAG_FIELDS: dict[str, tuple[str, ...]] = {
    "bmpc10": ("bmpc_percent",), "bmpc_zero": ("bmpc_percent",), "mgus_m": (either_field("m_protein"),),
    "lc_flc": (either_field("flc_kappa"), either_field("flc_lambda")), "urine_lt500": ("urine_m_protein_mg_24h",),
    "mp": (either_field("m_protein"), "urine_m_protein_mg_24h", either_field("flc_kappa"), either_field("flc_lambda")),
}


def _missing_for(case: Case, prov: str | None, flags: dict[str, bool | None], crab_parts: dict[str, RuleResult],
                 slim_parts: dict[str, RuleResult]) -> tuple[str, ...]:
    """The fields whose absence left the case indeterminate (by the branch that was reached)."""
    if prov == "no_monoclonal_gammopathy":
        needed = ["bmpc10"]
    elif prov == "smoldering_multiple_myeloma":
        needed = ["crab", "slim"]
    elif prov in ("solitary_plasmacytoma", "solitary_plasmacytoma_minimal_marrow"):
        needed = ["crab"]
    elif flags["mde"] is True:
        needed = ["bmpc10"]
    elif flags["plasmacytoma"]:
        needed = ["bmpc10", "crab"]
    elif flags["is_lc"]:
        needed = ["lc_flc", "bmpc10", "urine_lt500", "crab"]
    else:
        needed = ["mgus_m", "mp", "bmpc10", "crab"]
    out: list[str] = []
    for flag in needed:
        if flag == "mp":
            if flags["mp"] is None:
                out += [f for f in _FLAG_FIELDS["mp"] if all(getattr(case, g) is None for g in f.split("/"))]
        elif flag == "crab":
            out += [m for p in crab_parts.values() if p.value is None for m in p.missing]
        elif flag == "slim":
            out += [m for p in slim_parts.values() if p.value is None for m in p.missing]
        elif flags[flag] is None:
            out += _FLAG_FIELDS[flag]
    return tuple(dict.fromkeys(out))


def _notes(case: Case, dx: str, prov: str | None, flags: dict[str, bool | None],
           slim_parts: dict[str, RuleResult]) -> list[str]:
    """What the model could not see, stated whenever it matters for the diagnosis reached."""
    target = prov or dx
    notes: list[str] = []
    if target in ("mgus", "light_chain_mgus", "smoldering_multiple_myeloma", "solitary_plasmacytoma",
                  "solitary_plasmacytoma_minimal_marrow"):
        notes.append("淀粉样变性（AL）不是本模型的输入；以上诊断以无淀粉样变性为前提")
    if flags["crab"] is True:
        notes.append("CRAB 须能归因于浆细胞疾病；是否可归因需临床判断，本模型按可归因处理")
    if case.biopsy_proven_plasmacytoma is None and target != "multiple_myeloma":
        notes.append(f"未提供{field_zh('biopsy_proven_plasmacytoma')}一项：按“无已知活检证实的浆细胞瘤”处理")
    if target in ("mgus", "light_chain_mgus"):
        unknown = [k for k, p in slim_parts.items() if p.value is None]
        if unknown:
            notes.append("IMWG 的 MGUS 定义只要求无 CRAB；未评估的 SLiM 项：" + "、".join(unknown))
    if target == "mgus" and case.urine_m_protein_mg_24h is None:
        notes.append(f"未提供 24 小时尿 M 蛋白；若 {SMM_URINE.describe()} 则属 SMM")
    if target == "mgus" and case.isotype == "IgM":
        notes.append("IgM MGUS 还要求无体质症状、高黏滞、淋巴结肿大和肝脾肿大（不在本模型输入中）；"
                     "此处以骨髓克隆性浆细胞比例代替淋巴浆细胞浸润比例")
    if dx == "multiple_myeloma" and case.circulating_pc_percent is None:
        notes.append(f"未提供{field_zh('circulating_pc_percent')}：若 {PCL_CIRCULATING.describe()}，则为原发性浆细胞白血病"
                     "（IMWG 2021）")
    if dx == "no_monoclonal_gammopathy" and case.bmpc_percent is not None and case.bmpc_percent > 0:
        notes.append("骨髓中有少量克隆性浆细胞，但血清、尿中均未检出单克隆蛋白且 κ/λ 比值正常，不构成 MGUS 的诊断")
    if target.startswith("solitary_plasmacytoma") and slim_parts["M"].value is None:
        notes.append("孤立性浆细胞瘤要求除原发灶外脊柱和骨盆 MRI（或 CT）正常；未提供 MRI 数据")
    return notes


def _basis_zh(dx: str, case: Case, crab_parts: dict[str, RuleResult], slim_parts: dict[str, RuleResult],
              sc: dict[str, Check]) -> str:
    """Why a diagnosis was reached, in one Chinese sentence rendered from the thresholds."""
    m = case.measured("m_protein")
    unit = m.unit if m else None
    no_crab = "且无 CRAB"
    if dx == "multiple_myeloma":
        base = [f"骨髓克隆性浆细胞 {CLONAL_BMPC.describe()}"] if sc["bmpc10"].verdict else []
        if case.biopsy_proven_plasmacytoma:
            base.append("活检证实的浆细胞瘤")
        events = [p.label for p in (*crab_parts.values(), *slim_parts.values()) if p.value]
        return f"{'、'.join(base)}，且存在骨髓瘤定义事件：{'、'.join(events)}"
    if dx == "smoldering_multiple_myeloma":
        met = []
        if sc["m3"].verdict:
            met.append(f"血清 M 蛋白 {SMM_M_PROTEIN.describe(unit)}")
        if sc["urine"].verdict:
            met.append(f"24 小时尿 M 蛋白 {SMM_URINE.describe()}")
        if sc["bmpc10"].verdict:
            met.append(f"骨髓克隆性浆细胞 {CLONAL_BMPC.describe()}（且 {SMM_BMPC_UPPER.describe()}）")
        return "、".join(met) + "，且无骨髓瘤定义事件（CRAB 与 SLiM 均为阴性）"
    if dx == "mgus":
        return f"血清 M 蛋白 {MGUS_M_PROTEIN.describe(unit)}、骨髓克隆性浆细胞 {MGUS_BMPC.describe()}，{no_crab}"
    if dx == "light_chain_mgus":
        return (f"免疫固定无重链，κ/λ 比值在 {range_text(FLC_RATIO_LOW, FLC_RATIO_HIGH)} 之外且相应的受累轻链高于"
                f"参考上限，骨髓克隆性浆细胞 {MGUS_BMPC.describe()}，24 小时尿 M 蛋白 {LC_MGUS_URINE.describe()}，"
                f"{no_crab}")
    if dx == "solitary_plasmacytoma":
        return f"活检证实的浆细胞瘤，骨髓未见克隆性浆细胞，{no_crab}（骨病变仅为浆细胞瘤本身）"
    if dx == "no_monoclonal_gammopathy":
        return (f"血清 M 蛋白为 0 且免疫固定未见单克隆蛋白、24 小时尿 M 蛋白为 0、κ/λ 比值在参考范围内，"
                f"骨髓克隆性浆细胞 {MGUS_BMPC.describe()}")
    # solitary_plasmacytoma_minimal_marrow (indeterminate cases are explained by their reason)
    return (f"活检证实的浆细胞瘤，骨髓克隆性浆细胞 > 0 且 {MGUS_BMPC.describe()}，{no_crab}"
            "（骨病变仅为浆细胞瘤本身）")


def _subtype(case: Case, dx: str, flags: dict[str, bool | None], pcl: Check | None) -> str | None:
    """The subtype reported with the diagnosis (the first that applies; see "Subtypes of MM")."""
    if dx == "mgus" and case.isotype == "IgM":
        return "igm_mgus"
    if dx != "multiple_myeloma":
        return None
    if pcl is not None and pcl.verdict:
        return "plasma_cell_leukemia"
    if flags["mp"] is False:
        return "non_secretory_myeloma"
    if case.isotype == "light_chain":
        return "light_chain_myeloma"
    return None


def classify(case: Case) -> RuleResult:
    """The IMWG 2014 diagnosis with its full trace.

    ``value`` is one of :data:`DIAGNOSES`.  ``details`` holds ``reason``
    (one of :data:`REASONS`, '' when a diagnosis was reached), ``reason_zh``,
    ``provisional`` (what an indeterminate case would be if the missing
    event fields were normal, or None), ``crab`` / ``slim`` (the item
    verdicts), ``mde``, ``subtype`` ('igm_mgus' or None) and ``notes``.

    >>> r = classify(Case(bmpc_percent=12, creatinine_mg_dl=2.5))
    >>> r.value, r.details["crab"]["R"]
    ('multiple_myeloma', True)
    >>> r = classify(Case(m_protein_g_dl=2.8, bmpc_percent=8))
    >>> r.value, r.details["provisional"], r.missing[:2]
    ('indeterminate', 'mgus', ('calcium_mg_dl/calcium_mmol_l', 'calcium_uln_mg_dl/calcium_uln_mmol_l'))
    """
    crab_parts, slim_parts = crab_items(case), slim_items(case)
    sc = _spectrum_checks(case)
    ratio = flc_ratio(case)
    flags = _flags(case, crab_parts, slim_parts, sc, ratio.details.get("abnormal") if ratio.value is not None else None)
    arrays = {k: np.array([tri(v)]) for k, v in flags.items()}
    dx_i, reason_i, prov_i = decide(arrays)
    dx, reason = DIAGNOSES[int(dx_i[0])], REASONS[int(reason_i[0])]
    prov = DIAGNOSES[int(prov_i[0])] if int(prov_i[0]) >= 0 else None
    missing = _missing_for(case, prov, flags, crab_parts, slim_parts) if reason == "missing_data" else ()
    if reason == "isotype_needed":
        missing = ("isotype",)
    pcl = PCL_CIRCULATING.check(case.circulating_pc_percent) if dx == "multiple_myeloma" else None
    subtype = _subtype(case, dx, flags, pcl)
    notes = _notes(case, dx, prov, flags, slim_parts)
    if ratio.value is not None and flags["mp"] is not None:
        sc["ratio_abnormal"] = info("imwg2014.flc_ratio_abnormal", "κ/λ 比值是否超出参考范围（判断是否检出单克隆蛋白）",
                                    "是" if ratio.details["abnormal"] else "否", source="katzmann2002",
                                    note=ratio.summary)

    checks: list[Check] = [c for p in crab_parts.values() for c in p.checks]
    checks += [c for p in slim_parts.values() for c in p.checks]
    checks += list(sc.values())
    if pcl is not None:
        checks.append(pcl)
    checks.append(info("imwg2014.plasmacytoma", "活检证实的浆细胞瘤",
                       {True: "有", False: "无", None: "未提供"}[case.biopsy_proven_plasmacytoma], source="imwg2014"))
    checks += [info("imwg2014.note", "说明", n, source="imwg2014") for n in notes]

    shown = SUBTYPE_ZH[subtype] if subtype else DIAGNOSIS_ZH[dx]
    if reason == "isotype_needed":
        summary_missing = "，缺少：" + field_zh("isotype")
    else:
        summary_missing = ""
    if reason:
        summary = _reason_zh(reason) + summary_missing
        if missing and reason != "isotype_needed":
            summary += "，缺少：" + "、".join(field_zh(f) for f in missing)
        if prov == "no_monoclonal_gammopathy":
            summary += f"；若骨髓克隆性浆细胞 {MGUS_BMPC.describe()}，则为{DIAGNOSIS_ZH[prov]}"
        elif prov:
            summary += f"；若缺失的事件项均为阴性，则为{DIAGNOSIS_ZH[prov]}"
    else:
        summary = _basis_zh(dx, case, crab_parts, slim_parts, sc)
    details: dict[str, Any] = {
        "reason": reason, "reason_zh": _reason_zh(reason), "provisional": prov,
        "crab": {k: p.value for k, p in crab_parts.items()}, "slim": {k: p.value for k, p in slim_parts.items()},
        "mde": flags["mde"], "subtype": subtype, "notes": notes,
    }
    return RuleResult("diagnosis", "IMWG 2014 诊断", dx, tuple(checks), missing=missing, source="imwg2014",
                      summary=summary, details=details, shown=shown)
