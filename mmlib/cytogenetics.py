"""Cytogenetic risk: the classic IMWG high-risk set and the IMS/IMWG 2025 definition.

:func:`cytogenetic_risk` reads the FISH findings of a :class:`~mmlib.case.Case`
and reports three things at once:

(a) **Classic IMWG high risk** (Sonneveld 2016): t(4;14), del(17/17p),
    t(14;16), t(14;20), gain(1q) and non-hyperdiploidy.  Also the R-ISS trio
    del(17p)/t(4;14)/t(14;16) (Palumbo 2015), which :mod:`mmlib.staging` uses.

    *Decision on non-hyperdiploidy.*  Sonneveld 2016 lists "nonhyperdiploidy"
    with the FISH lesions.  Ploidy is not part of the usual CD138-sorted FISH
    panel, so ``hyperdiploid=None`` (not assessed) is **not** read as
    non-hyperdiploid and does not block a "standard" verdict; only an explicit
    ``hyperdiploid=False`` counts as a high-risk marker.  A trace line says
    which case applies.  ``amp_1q`` (≥ 4 copies) counts as gain(1q).

(b) **IMS/IMWG 2025 high risk** (Avet-Loiseau 2025) — high risk when ≥ 1 of:

    1. del(17p) with cancer clonal fraction **> 20 %**, and/or a *TP53* mutation;
    2. t(4;14), t(14;16) or t(14;20) **with** 1q+ and/or del(1p32);
    3. monoallelic del(1p32) with 1q+, or biallelic del(1p32);
    4. β2-microglobulin **≥ 5.5 mg/L** with normal creatinine (**< 1.2 mg/dL**).

    The CCF cut-off is strict ("> 20 %", as in the abstract; a lay summary's
    "20 % or more" is not used).  When ``del17p`` is positive but
    ``del17p_ccf_percent`` is missing, criterion 1 is *unknown* and the trace
    says so: the library never assumes a clone size.  The paper gives the
    creatinine limit in mg/dL only; the µmol/L limit used here is the exact
    conversion 1.2 × 88.4 = 106.08 µmol/L (not a rounded parallel), so a
    value gets the same verdict in either unit.  Unknown inputs follow
    Kleene logic (:mod:`mmlib.tristate`): the verdict is "high" as soon as one
    criterion is met, "standard" only when all four are excluded, else ``None``
    with the missing fields named.

(c) **Primary vs secondary events** (Morgan 2012; the seed's 遗传发病机制
    section): primary = IGH translocations t(11;14), t(4;14), t(14;16),
    t(14;20) and hyperdiploidy; secondary = 1q gain/amplification, del(1p32),
    del(17p), *TP53* mutation, del(13q).

>>> from mmlib.case import Case
>>> r = cytogenetic_risk(Case(t4_14=True, gain_1q=True))
>>> r.value, r.details["classic"], r.details["primary"], r.details["secondary"]
('high', 'high', ['t(4;14)'], ['1q 获得'])
>>> print(r.explain().splitlines()[0])
细胞遗传学危险分层（IMS/IMWG 2025）：高危。经典 IMWG 高危标准（Sonneveld 2016）：高危
"""

from __future__ import annotations

from typing import Any

from .case import FIELD_ZH, Case, either_field
from .trace import Check, RuleResult, Threshold, info
from .tristate import k_and, k_not, k_or
from .units import CREATININE_UMOL_L_PER_MG_DL

__all__ = [
    "cytogenetic_risk",
    "gain_1q_status",
    "CLASSIC_HIGH_RISK",
    "RISS_HIGH_RISK",
    "PRIMARY_EVENTS",
    "SECONDARY_EVENTS",
    "EVENT_NAMES",
    "ONE_Q_ZH",
    "RISK_ZH",
    "DEL17P_CCF",
    "BETA2M_HIGH",
    "CREATININE_NORMAL",
]

_SRC = "ims2025highrisk"

#: IMS/IMWG 2025 criterion 1: del(17p) counts when its cancer clonal fraction is > 20 %.
DEL17P_CCF = Threshold("ims2025.del17p_ccf", "del(17p) 克隆比例（CCF）", ">", 20, "%", source=_SRC)
#: IMS/IMWG 2025 criterion 4: β2-microglobulin ≥ 5.5 mg/L ...
BETA2M_HIGH = Threshold("ims2025.beta2m", "β2 微球蛋白", "≥", 5.5, "mg/L", source=_SRC)
#: ... with normal creatinine, < 1.2 mg/dL (SI: the exact conversion, 106.08 µmol/L).
CREATININE_NORMAL = Threshold("ims2025.creatinine_normal", "血清肌酐（正常）", "<", 1.2, "mg/dL",
                              si=round(1.2 * CREATININE_UMOL_L_PER_MG_DL, 2), si_unit="µmol/L", source=_SRC)

#: Chinese display names of the abnormalities (Case field → name), those of :data:`mmlib.case.FIELD_ZH`:
#: the standard notation (t(4;14), del(17p) …) is kept as used in Chinese texts, the rest is Chinese
#: (超二倍体, 1q 获得 = 3 copies, 1q 扩增 = ≥ 4 copies, TP53 突变).
EVENT_NAMES: dict[str, str] = {f: FIELD_ZH[f] for f in (
    "t11_14", "t4_14", "t14_16", "t14_20", "hyperdiploid", "gain_1q", "amp_1q", "del1p32", "del17p",
    "tp53_mutation", "del13q")}
#: The name of "1q+" (gain or amplification), as one finding.
ONE_Q_ZH = "1q+（获得或扩增）"
#: Chinese names of the risk verdicts.
RISK_ZH: dict[str | None, str] = {"high": "高危", "standard": "标准危", None: "无法判断"}
#: Primary (initiating) events: IGH translocations and hyperdiploidy (Morgan 2012).
PRIMARY_EVENTS: tuple[str, ...] = ("t11_14", "t4_14", "t14_16", "t14_20", "hyperdiploid")
#: Secondary (progression) events (Morgan 2012).
SECONDARY_EVENTS: tuple[str, ...] = ("gain_1q", "amp_1q", "del1p32", "del17p", "tp53_mutation", "del13q")
#: Sonneveld 2016 FISH high-risk lesions ("1q" = gain or amplification); non-hyperdiploidy is handled apart.
CLASSIC_HIGH_RISK: tuple[str, ...] = ("t4_14", "del17p", "t14_16", "t14_20", "1q")
#: The R-ISS high-risk chromosomal abnormalities (Palumbo 2015).
RISS_HIGH_RISK: tuple[str, ...] = ("del17p", "t4_14", "t14_16")
_IGH_HIGH_RISK = ("t4_14", "t14_16", "t14_20")


def gain_1q_status(case: Case) -> bool | None:
    """1q+ = gain (3 copies) or amplification (≥ 4 copies); a FISH 1q21 result of 'no gain' excludes both.

    >>> gain_1q_status(Case(gain_1q=False, amp_1q=True)), gain_1q_status(Case(gain_1q=False)), gain_1q_status(Case())
    (True, False, None)
    """
    if case.gain_1q or case.amp_1q:
        return True
    return False if case.gain_1q is False else None


def _present(field: str, value: bool | None, src: str = _SRC, note: str = "") -> Check:
    label = ONE_Q_ZH if field == "1q" else EVENT_NAMES[field]
    return Check(f"cytogenetics.{field}", label, value, None, None, None, value, src, note)


def _unknown(case: Case, fields: tuple[str, ...]) -> list[str]:
    return [f for f in fields if getattr(case, f) is None]


def _classic(case: Case, one_q: bool | None) -> tuple[str | None, list[Check], list[str]]:
    values = {f: (one_q if f == "1q" else getattr(case, f)) for f in CLASSIC_HIGH_RISK}
    checks = [_present(f, v, "sonneveld2016") for f, v in values.items()]
    nonhyper = case.hyperdiploid is False  # only an explicit "not hyperdiploid" counts
    checks.append(Check("cytogenetics.non_hyperdiploid", "非超二倍体", k_not(case.hyperdiploid), None, None, None,
                        nonhyper, "sonneveld2016",
                        "倍体未检测：不计为非超二倍体，也不妨碍判为标准危" if case.hyperdiploid is None else ""))
    verdict = k_or(*values.values(), nonhyper)
    missing = [f for f in ("t4_14", "del17p", "t14_16", "t14_20") if values[f] is None]
    if one_q is None:
        missing.append("gain_1q")
    return {True: "high", False: "standard", None: None}[verdict], checks, missing if verdict is None else []


def _criterion_1(case: Case) -> tuple[bool | None, list[Check], list[str]]:
    missing: list[str] = []
    if case.del17p:
        ccf = DEL17P_CCF.check(case.del17p_ccf_percent,
                               note="" if case.del17p_ccf_percent is not None
                               else f"del(17p) 阳性但未给出 CCF：无法判断是否 {DEL17P_CCF.describe()}，不作默认假设")
        checks = [_present("del17p", True), ccf]
        big = ccf.verdict
        if big is None:
            missing.append("del17p_ccf_percent")
    else:
        checks = [_present("del17p", case.del17p)]
        big = None if case.del17p is None else False
        missing += _unknown(case, ("del17p",))
    checks.append(_present("tp53_mutation", case.tp53_mutation))
    missing += _unknown(case, ("tp53_mutation",))
    return k_or(big, case.tp53_mutation), checks, missing


def _criterion_2(case: Case, one_q: bool | None) -> tuple[bool | None, list[Check], list[str]]:
    igh = k_or(*(getattr(case, f) for f in _IGH_HIGH_RISK))
    partner = k_or(one_q, case.del1p32)
    missing = _unknown(case, _IGH_HIGH_RISK) if igh is None else []
    if partner is None:
        missing += ["gain_1q"] * (one_q is None) + _unknown(case, ("del1p32",))
    lines = [_present(f, getattr(case, f)) for f in _IGH_HIGH_RISK] + [_present("1q", one_q)]
    return k_and(igh, partner), lines, missing


def _criterion_3(case: Case, one_q: bool | None) -> tuple[bool | None, list[Check], list[str]]:
    biallelic = False if case.del1p32 is False else case.del1p32_biallelic
    checks = [_present("del1p32", case.del1p32),
              Check("cytogenetics.del1p32_biallelic", "del(1p32) 双等位缺失", biallelic, None, None, None,
                    biallelic, _SRC)]
    verdict = k_or(biallelic, k_and(case.del1p32, one_q))
    missing: list[str] = []
    if verdict is None:
        missing = _unknown(case, ("del1p32",)) + (["del1p32_biallelic"] if biallelic is None else [])
        missing += ["gain_1q"] * (one_q is None and case.del1p32 is not False)
    return verdict, checks, missing


def _criterion_4(case: Case) -> tuple[bool | None, list[Check], list[str]]:
    b2m = BETA2M_HIGH.check(case.beta2m_mg_l)
    crea = case.measured("creatinine")
    normal = CREATININE_NORMAL.check(None if crea is None else crea.value, None if crea is None else crea.unit)
    verdict = k_and(b2m.verdict, normal.verdict)
    missing: list[str] = []
    if verdict is None:
        missing = (["beta2m_mg_l"] if b2m.verdict is None else []) + (
            [either_field("creatinine")] if normal.verdict is None else [])
    return verdict, [b2m, normal], missing


_CRITERIA_ZH = (
    f"① del(17p)（CCF {DEL17P_CCF.describe()}）和/或 TP53 突变",
    "② t(4;14)/t(14;16)/t(14;20) 合并 1q+ 和/或 del(1p32)",
    "③ 单等位 del(1p32) 合并 1q+，或双等位 del(1p32)",
    f"④ β2M {BETA2M_HIGH.describe()} 且肌酐正常（{CREATININE_NORMAL.describe()}）",
)


_CLASSIC_ZH = "经典 IMWG 高危标准（Sonneveld 2016）"


def _events(case: Case, fields: tuple[str, ...]) -> list[str]:
    names = []
    for f in fields:
        if getattr(case, f):
            name = EVENT_NAMES[f]
            if f == "del1p32" and case.del1p32_biallelic:
                name += "（双等位）"
            names.append(name)
    return names


def cytogenetic_risk(case: Case) -> RuleResult:
    """Classic IMWG (Sonneveld 2016) and IMS/IMWG 2025 cytogenetic risk, with primary/secondary events.

    ``value`` is the 2025 verdict (``"high"``/``"standard"``/``None``).
    ``details``: ``classic``, ``ims2025``, ``riss_high_risk_ca`` (bool/None),
    ``criteria`` (the four 2025 criteria, each True/False/None), ``primary``,
    ``secondary`` (Chinese display names, :data:`EVENT_NAMES`), ``primary_fields``,
    ``secondary_fields`` (the same events as Case field names), ``missing_classic``.  ``missing`` lists the fields that
    kept the 2025 verdict open.

    >>> r = cytogenetic_risk(Case(del17p=True, t4_14=False, t14_16=False, t14_20=False,
    ...                           gain_1q=False, del1p32=False, tp53_mutation=False, beta2m_mg_l=3))
    >>> r.value, r.details["classic"], r.missing
    (None, 'high', ('del17p_ccf_percent',))
    >>> "未给出 CCF" in r.explain()
    True
    >>> cytogenetic_risk(Case(del17p=True, del17p_ccf_percent=20.1)).value
    'high'
    >>> r = cytogenetic_risk(Case(t11_14=True, hyperdiploid=True, del17p=False, t4_14=False, t14_16=False,
    ...     t14_20=False, gain_1q=False, del1p32=False, tp53_mutation=False, beta2m_mg_l=2.1,
    ...     creatinine_mg_dl=0.9))
    >>> r.value, r.details["classic"], r.details["primary"]
    ('standard', 'standard', ['t(11;14)', '超二倍体'])
    """
    one_q = gain_1q_status(case)
    classic, classic_checks, missing_classic = _classic(case, one_q)
    checks: list[Check] = [info("cytogenetics.classic", _CLASSIC_ZH, RISK_ZH[classic], source="sonneveld2016"),
                           *classic_checks]
    results = [_criterion_1(case), _criterion_2(case, one_q), _criterion_3(case, one_q), _criterion_4(case)]
    criteria: dict[str, bool | None] = {}
    missing: list[str] = []
    for zh, (verdict, lines, miss) in zip(_CRITERIA_ZH, results):
        criteria[zh] = verdict
        checks.append(Check("ims2025.criterion", zh, verdict, None, None, None, verdict, _SRC))
        checks += lines
        missing += miss
    verdict = k_or(*criteria.values())
    ims = {True: "high", False: "standard", None: None}[verdict]
    riss = k_or(*(getattr(case, f) for f in RISS_HIGH_RISK))
    details: dict[str, Any] = {
        "classic": classic, "ims2025": ims, "riss_high_risk_ca": riss,
        "criteria": list(criteria.values()),
        "primary": _events(case, PRIMARY_EVENTS), "secondary": _events(case, SECONDARY_EVENTS),
        "primary_fields": [f for f in PRIMARY_EVENTS if getattr(case, f)],
        "secondary_fields": [f for f in SECONDARY_EVENTS if getattr(case, f)],
        "missing_classic": missing_classic,
    }
    return RuleResult("cytogenetic_risk", "细胞遗传学危险分层（IMS/IMWG 2025）", ims, tuple(checks),
                      tuple(dict.fromkeys(missing)) if ims is None else (), source=_SRC,
                      summary=f"{_CLASSIC_ZH}：{RISK_ZH[classic]}", details=details,
                      shown=None if ims is None else RISK_ZH[ims])
