"""The seed's two mechanistic cases: why a patient is anaemic, and which genetic events a phenotype implies.

Both functions are **teaching heuristics** that make the reasoning of the
seed text (sections 贫血 and 遗传发病机制) explicit and testable.  They are
not IMWG criteria and not diagnostic tests; every result says so.

Anaemia (:func:`anemia_mechanisms`) — the three mechanisms of the seed:

1. **Marrow infiltration** — clonal BMPC **≥ 30 %**.  There is no published
   cut-off at which infiltration "causes" anaemia (Beguin 1992 found defective
   red-cell production even without massive infiltration).  The teaching
   cut-off re-uses the IMWG 2016 level at which the marrow alone counts as
   measurable disease (:data:`mmlib.response.MARROW_MEASURABLE`), i.e. a
   marrow burden large enough to follow on its own.
2. **Functional iron deficiency / anaemia of inflammation** — ferritin
   **≥ 100 ng/mL** (iron stores present) with transferrin saturation
   **< 20 %** (iron not delivered): the definition used for cancer patients
   by the Austrian consensus (Ludwig 2015; absolute deficiency there is
   ferritin < 100 with TSAT < 20 %).  Definitions of functional iron
   deficiency differ between guidelines; this is a heuristic.
3. **Inappropriately low EPO** — Hb **< 10 g/dL** (the IMWG anaemia level,
   :data:`mmlib.diagnosis.HB_LOW`) with serum EPO **< 30 mIU/mL**, i.e. not
   above the upper end of the usual non-anaemic reference interval (about
   20–30 mIU/mL, assay dependent), whereas a kidney responding to such an
   anaemia raises EPO many-fold.  Beguin 1992 judged adequacy by the
   observed/predicted log(EPO) ratio against a reference regression; the
   fixed cut-off is a simplification.  Raised creatinine (IMWG "R" level,
   :data:`mmlib.diagnosis.CREATININE_HIGH`) is reported as the likely cause
   but is **not required**: Beguin 1992 also saw inadequate EPO with normal
   renal function (cytokine suppression).

Genetics (:func:`infer_genetic_events`) — from a :class:`MolecularPhenotype`:
t(4;14) from MMSET(NSD2)/H3K36me2 (or FGFR3) over-expression; t(11;14) from
cyclin D1; t(14;16) from MAF; hyperdiploidy from odd-chromosome trisomies;
1q gain from CKS1B *and* MCL1; TP53 loss from absent p21 induction.  The
inferred events are turned into a :class:`~mmlib.case.Case` and passed to
:func:`mmlib.cytogenetics.cytogenetic_risk` for their risk meaning.

>>> from mmlib.case import Case
>>> seed = Case(hemoglobin_g_dl=8.2, bmpc_percent=40, ferritin_ng_ml=600, transferrin_saturation_percent=10,
...             creatinine_mg_dl=2.8, epo_miu_ml=6)
>>> anemia_mechanisms(seed).value
['marrow_infiltration', 'functional_iron_deficiency', 'inappropriately_low_epo']
>>> r = infer_genetic_events(SEED_PHENOTYPE)
>>> r.value, r.details["risk_ims2025"], r.details["tp53"]
('t(4;14) + 1q 获得', 'high', 'intact')
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any, Mapping

from .case import Case, either_field
from .cytogenetics import EVENT_NAMES, RISK_ZH, cytogenetic_risk
from .diagnosis import CREATININE_HIGH, HB_LOW
from .errors import InputError, UnknownFieldError
from .response import MARROW_MEASURABLE
from .trace import Check, RuleResult, Threshold, info, zh_join
from .tristate import k_and, k_not, k_or

__all__ = [
    "anemia_mechanisms", "MechanismResult", "MECHANISMS", "MECHANISM_ZH",
    "INFILTRATION_BMPC", "TP53_LOSS_ZH", "mechanisms_zh", "FERRITIN_REPLETE", "TSAT_LOW", "EPO_INAPPROPRIATE",
    "MolecularPhenotype", "SEED_PHENOTYPE", "infer_genetic_events",
]

_TEACHING = "教学启发式，非 IMWG 诊断标准"
#: The secondary event reported when the TP53 pathway is found lost (not a specific lesion).
TP53_LOSS_ZH = "TP53 失活"

#: Mechanism 1: marrow burden ≥ the IMWG 2016 "marrow-measurable" level (teaching cut-off): the same
#: number as :data:`mmlib.response.MARROW_MEASURABLE`, under a key and label that fit the anaemia context.
INFILTRATION_BMPC = MARROW_MEASURABLE.relabel("mechanisms.bmpc", "骨髓克隆性浆细胞（浸润程度）")
#: Mechanism 2: iron stores present (ferritin ≥ 100 ng/mL = 100 µg/L) ...
FERRITIN_REPLETE = Threshold("mechanisms.ferritin", "铁蛋白", "≥", 100, "ng/mL", si=100, si_unit="µg/L",
                             source="ludwig2015")
#: ... but transferrin saturation < 20 % (functional iron deficiency, Ludwig 2015).
TSAT_LOW = Threshold("mechanisms.tsat", "转铁蛋白饱和度", "<", 20, "%", source="ludwig2015")
#: Mechanism 3: EPO < 30 mIU/mL while Hb is below the IMWG anaemia level (teaching simplification of Beguin 1992).
EPO_INAPPROPRIATE = Threshold("mechanisms.epo", "血清 EPO", "<", 30, "mIU/mL", source="beguin1992")

#: The three mechanisms, in the seed's order.
MECHANISMS: tuple[str, ...] = ("marrow_infiltration", "functional_iron_deficiency", "inappropriately_low_epo")
MECHANISM_ZH: dict[str, str] = {
    "marrow_infiltration": "骨髓浸润与造血抑制",
    "functional_iron_deficiency": "炎症性贫血 / 功能性铁缺乏",
    "inappropriately_low_epo": "EPO 相对不足",
}
_WHY_ZH: dict[str, str] = {
    "marrow_infiltration": "克隆性浆细胞大量占据骨髓，挤占正常造血干/祖细胞的空间，红系前体减少。",
    "functional_iron_deficiency": ("IL-6 诱导肝脏合成铁调素（hepcidin），巨噬细胞中的铁无法释放、肠道吸铁受抑："
                                   "铁储备（铁蛋白）不低，但可供红系利用的铁（转铁蛋白饱和度）不足。"),
    "inappropriately_low_epo": "贫血已明显，EPO 却没有相应升高，骨髓缺乏足够的促红细胞生成信号。",
}


@dataclass(frozen=True)
class MechanismResult(RuleResult):
    """A :class:`~mmlib.trace.RuleResult` whose ``value`` is a list of mechanism keys;
    ``explain()`` names them in Chinese.

    >>> r = MechanismResult("x", "贫血机制", ["marrow_infiltration"], source="beguin1992")
    >>> r.explain()
    '贫血机制：骨髓浸润与造血抑制'
    >>> MechanismResult("x", "贫血机制", [], source="beguin1992").explain()
    '贫血机制：无'
    """

    def explain(self) -> str:
        """The Chinese explanation: the mechanisms named in the headline, one line of reasoning per mechanism
        shown (``details["explanations"]``), then the trace."""
        if self.value is not None and self.shown is None:
            return replace(self, shown=mechanisms_zh(self.value)).explain()
        head, *rest = super().explain().split("\n")
        why = [f"  * {MECHANISM_ZH[n]}：{text}" for n, text in self.details.get("explanations", {}).items()]
        return "\n".join([head, *why, *rest])


def mechanisms_zh(names: list[str]) -> str:
    """The Chinese names of a list of mechanism keys ("无" for none).

    >>> mechanisms_zh(["marrow_infiltration", "inappropriately_low_epo"]), mechanisms_zh([])
    ('骨髓浸润与造血抑制、EPO 相对不足', '无')
    """
    return "、".join(MECHANISM_ZH[n] for n in names) or "无"


def _measured(case: Case, stem: str) -> tuple[float | None, str | None]:
    m = case.measured(stem)
    return (None, None) if m is None else (m.value, m.unit)


def anemia_mechanisms(case: Case) -> RuleResult:
    """Which of the seed's three anaemia mechanisms the findings show (teaching heuristic).

    ``value`` lists the mechanisms shown (possibly empty); ``None`` only when
    none can be evaluated.  ``details["mechanisms"]`` gives each as
    True/False/None, ``details["renal_impairment"]`` the supporting renal
    finding, ``details["explanations"]`` the Chinese reasoning.

    >>> r = anemia_mechanisms(Case(hemoglobin_g_l=82, bmpc_percent=12, ferritin_ug_l=40,
    ...                            transferrin_saturation_percent=8, epo_miu_ml=250, creatinine_umol_l=80))
    >>> r.value, r.details["mechanisms"]["functional_iron_deficiency"]
    ([], False)
    >>> anemia_mechanisms(Case()).value is None
    True
    """
    bmpc = INFILTRATION_BMPC.check(case.bmpc_percent, note="教学界值：借用 IMWG 2016 骨髓可作为可测病灶的水平")
    ferritin_v, ferritin_u = _measured(case, "ferritin")
    ferritin = FERRITIN_REPLETE.check(ferritin_v, ferritin_u)
    tsat = TSAT_LOW.check(case.transferrin_saturation_percent)
    hb_v, hb_u = _measured(case, "hemoglobin")
    hb = HB_LOW.check(hb_v, hb_u)
    epo = EPO_INAPPROPRIATE.check(case.epo_miu_ml)
    crea_v, crea_u = _measured(case, "creatinine")
    crea = CREATININE_HIGH.check(crea_v, crea_u, note="肾脏是 EPO 的主要来源；非必需条件")

    verdicts = {
        "marrow_infiltration": bmpc.verdict,
        "functional_iron_deficiency": k_and(ferritin.verdict, tsat.verdict),
        "inappropriately_low_epo": k_and(hb.verdict, epo.verdict),
    }
    inputs: dict[str, list[tuple[Check, str]]] = {
        "marrow_infiltration": [(bmpc, "bmpc_percent")],
        "functional_iron_deficiency": [(ferritin, either_field("ferritin")), (tsat, "transferrin_saturation_percent")],
        "inappropriately_low_epo": [(hb, either_field("hemoglobin")), (epo, "epo_miu_ml")],
    }
    checks: list[Check] = []
    missing: list[str] = []
    explanations: dict[str, str] = {}
    for name in MECHANISMS:
        verdict = verdicts[name]
        checks.append(Check(f"mechanisms.{name}", f"机制：{MECHANISM_ZH[name]}", verdict, None, None, None, verdict,
                            inputs[name][-1][0].source, _TEACHING))
        checks += [c for c, _ in inputs[name]]
        if verdict is None:
            missing += [f for c, f in inputs[name] if c.verdict is None]
        elif verdict:
            explanations[name] = _WHY_ZH[name]
    checks.append(crea)
    if verdicts["inappropriately_low_epo"]:
        explanations["inappropriately_low_epo"] += {
            True: "肌酐升高，肾功能受损是 EPO 分泌不足的最可能原因。",
            False: "肌酐不高：EPO 不足也可由炎症细胞因子抑制 EPO 产生引起（Beguin 1992）。",
            None: "未提供肌酐，无法判断是否由肾功能受损所致。",
        }[crea.verdict]
    shown = [n for n in MECHANISMS if verdicts[n]]
    value = None if all(v is None for v in verdicts.values()) else shown
    summary = f"{_TEACHING}。" + ("未见上述机制的证据。" if value == [] else "")
    details: dict[str, Any] = {
        "mechanisms": verdicts, "renal_impairment": crea.verdict, "anaemia": hb.verdict,
        "explanations": explanations, "teaching_heuristic": True,
    }
    return MechanismResult("anemia_mechanisms", "贫血机制（教学启发式）", value, tuple(checks), tuple(missing),
                           source="beguin1992", summary=summary, details=details,
                           shown=None if value is None else mechanisms_zh(value))


# ----------------------------------------------------------------------------------
# genetics: from a molecular phenotype to the primary/secondary events
# ----------------------------------------------------------------------------------
_PHENO_ZH: dict[str, str] = {
    "fgfr3_high": "FGFR3 高表达", "mmset_high": "MMSET（NSD2）高表达", "h3k36me2_high": "H3K36me2 升高",
    "ccnd1_high": "细胞周期蛋白 D1（cyclin D1）高表达", "tp53_functional": "TP53 功能完整（DNA 损伤后 p21 可被诱导）",
    "cks1b_high": "CKS1B 高表达", "mcl1_high": "MCL1 高表达", "maf_high": "MAF 高表达",
    "odd_chromosome_trisomies": "多个奇数号染色体三体",
}


@dataclass(frozen=True)
class MolecularPhenotype:
    """What was measured in the myeloma clone; each marker ``True``/``False``/``None`` (not measured).

    >>> MolecularPhenotype(fgfr3_high="yes")
    Traceback (most recent call last):
    ...
    mmlib.errors.InputError: 字段 fgfr3_high 的值 'yes' 无效：应为 true、false 或 null。 / Invalid value 'yes' for field fgfr3_high: expected true, false or null.
    """

    fgfr3_high: bool | None = None
    mmset_high: bool | None = None
    h3k36me2_high: bool | None = None
    ccnd1_high: bool | None = None
    tp53_functional: bool | None = None
    cks1b_high: bool | None = None
    mcl1_high: bool | None = None
    maf_high: bool | None = None
    odd_chromosome_trisomies: bool | None = None

    def __post_init__(self) -> None:
        for f in fields(self):
            v = getattr(self, f.name)
            if v is not None and not isinstance(v, bool):
                raise InputError(f.name, v, "true、false 或 null", en_expected="true, false or null")

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "MolecularPhenotype":
        """Build from a mapping; unknown keys are an error.

        >>> MolecularPhenotype.from_dict({"mmset_high": True}).mmset_high
        True
        >>> MolecularPhenotype.from_dict({"p53": True})  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        mmlib.errors.UnknownFieldError: 未知字段 'p53'。...
        """
        names = tuple(f.name for f in fields(cls))
        for key in d:
            if key not in names:
                raise UnknownFieldError(str(key), names)
        return cls(**dict(d))


#: The seed's example clone: FGFR3 and MMSET high (high H3K36me2), normal cyclin D1,
#: p21 still inducible after DNA damage, CKS1B and MCL1 high.
SEED_PHENOTYPE = MolecularPhenotype(fgfr3_high=True, mmset_high=True, h3k36me2_high=True, ccnd1_high=False,
                                    tp53_functional=True, cks1b_high=True, mcl1_high=True)


def _line(key: str, label: str, value: bool | None, note: str) -> Check:
    return Check(f"mechanisms.infer.{key}", label, value, None, None, None, value, "morgan2012", note)


def _infer(p: MolecularPhenotype) -> tuple[dict[str, bool | None], list[Check]]:
    """Case fields implied by the phenotype, with one reasoning line per inference."""
    lines: list[Check] = []
    t4_14 = k_or(p.mmset_high, p.h3k36me2_high, p.fgfr3_high)
    note = "IGH 增强子驱动 FGFR3 与 MMSET 过表达；MMSET 使全基因组 H3K36me2 升高"
    if t4_14 and not p.fgfr3_high:
        note += "；部分 t(4;14) 丢失 der(14)，不表达 FGFR3，但 MMSET/H3K36me2 仍升高"
    lines.append(_line("t4_14", "推断 t(4;14)", t4_14, note))

    t11_14 = p.ccnd1_high
    note = "IGH 增强子驱动 CCND1，细胞周期蛋白 D1 促进 G1→S 期转换"
    if p.ccnd1_high and p.odd_chromosome_trisomies:
        t11_14, note = None, "细胞周期蛋白 D1 高表达也见于伴 11 号三体的超二倍体骨髓瘤，需 FISH 区分"
    lines.append(_line("t11_14", "推断 t(11;14)", t11_14, note))

    t14_16 = p.maf_high
    note = "IGH 增强子驱动 MAF"
    if p.maf_high and t4_14:
        t14_16, note = None, "t(4;14) 克隆也可经 MEK–ERK 通路上调 MAF，不能据此推断 t(14;16)，需 FISH"
    lines.append(_line("t14_16", "推断 t(14;16)", t14_16, note))

    lines.append(_line("hyperdiploid", zh_join("推断", EVENT_NAMES["hyperdiploid"]), p.odd_chromosome_trisomies,
                       "奇数号染色体（3、5、7、9、11、15、19、21）三体" if p.odd_chromosome_trisomies is not False
                       else "未见三体特征，但这不能证明核型为非超二倍体，倍体按未知处理"))

    gain = k_and(p.cks1b_high, p.mcl1_high)
    note = "1q21 拷贝数增加使 CKS1B（促 p27 降解）与 MCL1（抗凋亡）剂量依赖性高表达"
    if gain is None and (p.cks1b_high or p.mcl1_high):
        note += "；仅一个 1q 基因高表达，证据不足"
    lines.append(_line("gain_1q", zh_join("推断", EVENT_NAMES["gain_1q"]), gain, note))

    tp53_lost = k_not(p.tp53_functional)
    note = ("p21 可被诱导：TP53 通路功能完整，不支持 TP53 双等位失活；但单等位 del(17p) 仍不能排除"
            if p.tp53_functional else "p21 不能被诱导：TP53 通路失活，提示 del(17p) 和/或 TP53 突变，需 FISH/测序确认")
    lines.append(_line("tp53_loss", zh_join("推断", TP53_LOSS_ZH), tp53_lost, note))

    # no trisomy signature is not proof of a non-hyperdiploid karyotype: only "present" is passed on
    implied = {"t4_14": t4_14, "t11_14": t11_14, "t14_16": t14_16, "hyperdiploid": p.odd_chromosome_trisomies or None,
               "gain_1q": gain, "amp_1q": False if gain is False else None}
    return implied, lines


def infer_genetic_events(phenotype: MolecularPhenotype) -> RuleResult:
    """Infer the primary and secondary genetic events behind a molecular phenotype (teaching heuristic).

    ``value`` names the inferred events (e.g. ``'t(4;14) + 1q 获得'``);
    ``details``: ``primary``, ``secondary``, ``tp53`` ('intact'/'lost'/None),
    ``implied_case`` (the Case fields passed on), ``risk_ims2025``,
    ``risk_classic`` and ``risk`` (the :func:`~mmlib.cytogenetics.cytogenetic_risk`
    details).  A lost TP53 function is reported as a secondary event
    (:data:`TP53_LOSS_ZH`) but is not converted into a specific lesion: the risk rule
    sees del(17p) and TP53 mutation as unknown and the trace says why.

    >>> r = infer_genetic_events(MolecularPhenotype(ccnd1_high=True, mmset_high=False, h3k36me2_high=False,
    ...     fgfr3_high=False, maf_high=False, odd_chromosome_trisomies=False, cks1b_high=False,
    ...     mcl1_high=False, tp53_functional=True))
    >>> r.value, r.details["primary"], r.details["implied_case"]
    ('t(11;14)', ['t(11;14)'], {'t4_14': False, 't14_16': False, 't11_14': True, 'gain_1q': False, 'amp_1q': False})
    >>> r.details["risk_ims2025"] is None  # del(17p), t(14;20), del(1p32), β2M are not in the phenotype
    True
    """
    implied, lines = _infer(phenotype)
    case = Case(**{k: v for k, v in implied.items() if v is not None})
    risk = cytogenetic_risk(case)
    tp53 = {True: "intact", False: "lost", None: None}[phenotype.tp53_functional]
    primary = list(risk.details["primary"])
    secondary = list(risk.details["secondary"]) + ([TP53_LOSS_ZH] if tp53 == "lost" else [])
    markers = [Check(f"mechanisms.phenotype.{f.name}", _PHENO_ZH[f.name], getattr(phenotype, f.name), None, None,
                     None, None, "morgan2012") for f in fields(phenotype)]
    checks = [*markers, *lines,
              info("mechanisms.infer.risk", "遗传学危险（IMS/IMWG 2025）", RISK_ZH[risk.value], source="ims2025highrisk",
                   note=f"经典 IMWG 标准：{RISK_ZH[risk.details['classic']]}"), *risk.checks]
    events = primary + secondary
    value = " + ".join(events) if events else None
    reasoning = "；".join(c.label + "：" + c.note for c in lines if c.verdict)
    summary = (f"{_TEACHING}。" + (f"{zh_join('推断', value)}。{reasoning}。" if value else "表型不足以推断具体遗传学事件。")
               + f"危险分层（IMS/IMWG 2025）：{RISK_ZH[risk.value]}")
    details: dict[str, Any] = {
        "primary": primary, "secondary": secondary, "tp53": tp53,
        "implied_case": case.to_dict(), "risk_ims2025": risk.value, "risk_classic": risk.details["classic"],
        "risk": risk.details, "teaching_heuristic": True,
    }
    return RuleResult("infer_genetic_events", "由分子表型推断遗传学事件（教学启发式）", value, tuple(checks),
                      source="morgan2012", summary=summary, details=details)


assert set(EVENT_NAMES) >= {"t4_14", "t11_14", "t14_16", "hyperdiploid", "gain_1q"}
