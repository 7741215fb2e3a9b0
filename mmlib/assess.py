"""One entry point: run every rule the fields of a case allow.

:func:`assess` takes a :class:`~mmlib.case.Case` (or a dict of case fields)
and returns an :class:`Assessment`: the laboratory calculations, CRAB, SLiM,
the IMWG 2014 diagnosis, ISS / R-ISS / R2-ISS staging and — when the
modules are present — the progression-risk models (:mod:`mmlib.risk`), the
cytogenetic risk (:mod:`mmlib.cytogenetics`) and the anaemia mechanisms
(:mod:`mmlib.mechanisms`).  Which rule ran, and why another did not, is in
the trace.

* The SMM risk models run only when the diagnosis is SMM (or SMM is the
  provisional diagnosis of an indeterminate case); the Mayo MGUS model only
  for (provisional) MGUS.  Applying them to another stage would give a
  number without meaning.
* Staging is computed whenever its fields are present; the report says that
  it applies to multiple myeloma when the diagnosis is something else.

JSON contract (``Assessment.to_dict()``, version 1)
---------------------------------------------------
Every key is always present; a value that cannot be evaluated is ``null``.

=================================  =====================================================================
key                                value
=================================  =====================================================================
``contract_version``               ``1``
``diagnosis``                      one of ``mgus``, ``light_chain_mgus``, ``smoldering_multiple_myeloma``,
                                   ``multiple_myeloma``, ``solitary_plasmacytoma``,
                                   ``solitary_plasmacytoma_minimal_marrow``, ``indeterminate``,
                                   ``no_monoclonal_gammopathy``
``diagnosis_detail``               ``{reason, reason_zh, provisional, subtype, missing: [...], notes: [...]}``
``crab``                           ``{C, R, A, B}``: each ``true`` / ``false`` / ``null``
``slim``                           ``{S, Li, M}``: each ``true`` / ``false`` / ``null``
``flc_ratio_involved_uninvolved``  number or ``null``
``flc_ratio_kappa_lambda``         number or ``null`` (κ/λ)
``involved_light_chain``           ``"kappa"`` / ``"lambda"`` or ``null``
``crcl_ml_min``                    number or ``null`` (measured if given, else Cockcroft–Gault)
``egfr_ml_min_1_73m2``             number or ``null`` (CKD-EPI 2021)
``corrected_calcium_mg_dl``        number or ``null`` (0.8 × (4 − albumin g/dL) + Ca, in mg/dL)
``iss``, ``riss``, ``r2iss``       ``{stage: "I".."IV", points: number or null}`` or ``null``
``smm_risk_mayo2018``              ``{score, group}`` or ``null``
``smm_risk_imwg2020``              ``{score, group}`` or ``null``
``mgus_risk_mayo``                 ``{score, group}`` or ``null``
``cytogenetic_risk``               ``{ims2025, classic}`` or ``null``
``anemia_mechanisms``              the mechanism result's ``{value, details}`` or ``null``
``trace``                          list of ``{section, criterion, label, value, unit, threshold,
                                   comparison, verdict, source, note}``
=================================  =====================================================================

``score`` is ``null`` when a factor is missing but the group is already
decided.  The same contract is in ``CONTRACT.md`` at the repository root.

>>> a = assess({"bmpc_percent": 12, "mri_focal_lesions": 2})
>>> a.diagnosis
'multiple_myeloma'
>>> d = a.to_dict()
>>> d["slim"], d["crab"]["C"], d["iss"]
({'S': False, 'Li': None, 'M': True}, None, None)
>>> a.explain().splitlines()[-1]
'本报告为教学材料，不构成临床建议，也不包含任何治疗建议。'
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Mapping

from .case import Case
from .case import field_zh
from .diagnosis import DIAGNOSIS_ZH, classify, crab_items, slim_items, crab, slim
from .labs import ckd_epi_2021, cockcroft_gault, corrected_calcium, flc_ratio
from .sources import source
from .staging import iss, r2iss, riss
from .trace import Check, RuleResult, fmt_quantity, info, zh_join

__all__ = ["assess", "Assessment", "CONTRACT_KEYS", "DISCLAIMER"]

CONTRACT_VERSION = 1
CONTRACT_KEYS: tuple[str, ...] = (
    "contract_version", "diagnosis", "diagnosis_detail", "crab", "slim", "flc_ratio_involved_uninvolved",
    "flc_ratio_kappa_lambda", "involved_light_chain", "crcl_ml_min", "egfr_ml_min_1_73m2", "corrected_calcium_mg_dl", "iss", "riss", "r2iss",
    "smm_risk_mayo2018", "smm_risk_imwg2020", "mgus_risk_mayo", "cytogenetic_risk", "anemia_mechanisms", "trace",
)
DISCLAIMER = "本报告为教学材料，不构成临床建议，也不包含任何治疗建议。"
#: Said wherever a result defined for diagnosed MM (staging, IMS/IMWG 2025 high risk) is shown for another diagnosis.
MM_ONLY_CAVEAT = "该定义适用于已确诊的多发性骨髓瘤；当前诊断不是 MM，结果仅供练习"

#: Optional modules written alongside this one: key → (module, function).
_OPTIONAL: dict[str, tuple[str, str]] = {
    "smm_risk_mayo2018": ("mmlib.risk", "smm_mayo2018"),
    "smm_risk_imwg2020": ("mmlib.risk", "smm_imwg2020"),
    "mgus_risk_mayo": ("mmlib.risk", "mgus_mayo"),
    "cytogenetic_risk": ("mmlib.cytogenetics", "cytogenetic_risk"),
    "anemia_mechanisms": ("mmlib.mechanisms", "anemia_mechanisms"),
}
_SMM = "smoldering_multiple_myeloma"
_GATES: dict[str, tuple[str, ...]] = {
    "smm_risk_mayo2018": (_SMM,), "smm_risk_imwg2020": (_SMM,), "mgus_risk_mayo": ("mgus",),
}
_SECTION_TITLES: dict[str, str] = {
    "crcl": "肌酐清除率", "egfr": "eGFR", "corrected_calcium": "校正钙", "flc_ratio": "游离轻链",
    "crab": "CRAB", "slim": "SLiM", "diagnosis": "诊断", "iss": "ISS", "riss": "R-ISS", "r2iss": "R2-ISS",
    "smm_risk_mayo2018": "SMM 风险（Mayo 2018）", "smm_risk_imwg2020": "SMM 风险（IMWG 2020）",
    "mgus_risk_mayo": "MGUS 风险（Mayo）", "cytogenetic_risk": "细胞遗传学危险分层",
    "anemia_mechanisms": "贫血机制",
}


#: The staging and risk sections of the concise report, in order.
_REPORT_ORDER = ("iss", "riss", "r2iss", "smm_risk_mayo2018", "smm_risk_imwg2020", "mgus_risk_mayo",
                 "cytogenetic_risk", "anemia_mechanisms")


def _headline_of(result: RuleResult) -> str:
    """The first line of a result's explanation (its headline)."""
    return result.explain().split("\n", 1)[0]


def _optional(key: str) -> Callable[[Case], RuleResult] | None:
    """The colleague module's function if that module exists (its own import errors are not hidden)."""
    module, name = _OPTIONAL[key]
    if importlib.util.find_spec(module) is None:  # pragma: no cover - depends on the tree
        return None
    return getattr(importlib.import_module(module), name, None)


@dataclass(frozen=True)
class Assessment:
    """Everything :func:`assess` found for one case.

    ``results`` maps a section key (``crcl``, ``egfr``, ``corrected_calcium``,
    ``flc_ratio``, ``crab``, ``slim``, ``diagnosis``, ``iss``, ``riss``,
    ``r2iss`` and the optional ones) to its :class:`~mmlib.trace.RuleResult`;
    ``skipped`` maps a section that did not run to the reason.

    >>> a = assess({"bmpc_percent": 5})
    >>> {"crab", "slim", "diagnosis", "iss"} <= set(a.results), a.skipped["smm_risk_mayo2018"]
    (True, '仅适用于冒烟型多发性骨髓瘤（SMM）')
    """

    case: Case
    results: dict[str, RuleResult]
    skipped: dict[str, str] = field(default_factory=dict)

    @property
    def diagnosis(self) -> str:
        """The diagnosis code (see :data:`mmlib.diagnosis.DIAGNOSES`).

        >>> assess({"bmpc_percent": 60}).diagnosis
        'multiple_myeloma'
        """
        return self.results["diagnosis"].value

    # -- JSON ----------------------------------------------------------------

    def _stage(self, key: str) -> dict[str, Any] | None:
        r = self.results[key]
        return None if r.value is None else {"stage": r.value, "points": r.details.get("points")}

    def _score(self, key: str) -> dict[str, Any] | None:
        r = self.results.get(key)
        if r is None or r.value is None:
            return None
        return {"score": r.details.get("score"), "group": r.value}

    def _cytogenetics(self) -> dict[str, Any] | None:
        r = self.results.get("cytogenetic_risk")
        if r is None or (r.value is None and r.details.get("classic") is None):
            return None
        return {"ims2025": r.value, "classic": r.details.get("classic")}

    def _mechanisms(self) -> dict[str, Any] | None:
        r = self.results.get("anemia_mechanisms")
        if r is None or r.value is None:
            return None
        return {"value": r.value, "details": r.details}

    def trace(self) -> list[dict[str, Any]]:
        """Every check of every section, once, with the section it belongs to.

        >>> t = assess({"bmpc_percent": 60}).trace()
        >>> [(x["section"], x["verdict"]) for x in t if x["criterion"] == "imwg2014.slim.bmpc"]
        [('slim', True)]
        """
        seen: set[Check] = set()
        out: list[dict[str, Any]] = []
        for key, r in self.results.items():
            for c in r.checks:
                if c in seen:
                    continue
                seen.add(c)
                out.append({"section": key, **c.to_dict()})
        return out

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract (see the module docstring and ``CONTRACT.md``).

        >>> assess({"beta2m_mg_l": 5.5}).to_dict()["iss"]
        {'stage': 'III', 'points': None}
        """
        r = self.results
        dx = r["diagnosis"]
        cc = r["corrected_calcium"]
        crcl = r["crcl"]
        return {
            "contract_version": CONTRACT_VERSION,
            "diagnosis": dx.value,
            "diagnosis_detail": {
                "reason": dx.details["reason"], "reason_zh": dx.details["reason_zh"],
                "provisional": dx.details["provisional"], "subtype": dx.details["subtype"],
                "missing": list(dx.missing), "notes": list(dx.details["notes"]),
            },
            "crab": dict(r["crab"].details),
            "slim": dict(r["slim"].details),
            "flc_ratio_involved_uninvolved": r["flc_ratio"].details.get("involved_uninvolved"),
            "flc_ratio_kappa_lambda": r["flc_ratio"].value,
            "involved_light_chain": r["flc_ratio"].details.get("involved"),
            "crcl_ml_min": crcl.value,
            "egfr_ml_min_1_73m2": r["egfr"].value,
            "corrected_calcium_mg_dl": None if cc.value is None else cc.details["mg_dl"],
            "iss": self._stage("iss"),
            "riss": self._stage("riss"),
            "r2iss": self._stage("r2iss"),
            "smm_risk_mayo2018": self._score("smm_risk_mayo2018"),
            "smm_risk_imwg2020": self._score("smm_risk_imwg2020"),
            "mgus_risk_mayo": self._score("mgus_risk_mayo"),
            "cytogenetic_risk": self._cytogenetics(),
            "anemia_mechanisms": self._mechanisms(),
            "trace": self.trace(),
        }

    # -- report ----------------------------------------------------------------

    def explain(self, full: bool = False) -> str:
        """A Chinese report; concise by default, every check of the trace with ``full=True``.

        The concise report (about 40 lines for a complete case) gives the
        diagnosis with its basis, the lines that decide it (the diagnostic
        criteria and the CRAB/SLiM items that are met), the laboratory
        calculations, the stages and risk groups as one-line headlines, what
        is missing, the sources and the teaching-material line.  The full
        report adds every check of every section and the full citations
        (``python -m mmlib assess CASE.json --full``).

        >>> a = assess({"bmpc_percent": 60})
        >>> print(a.explain().splitlines()[2])
        诊断（IMWG 2014）：多发性骨髓瘤（MM）
        >>> print([x for x in a.explain().splitlines() if x.startswith("SLiM")][0])
        SLiM（恶性生物标志）：是。S 阳性，Li 无法评估，M 无法评估
        >>> len(a.explain()) < len(a.explain(full=True))
        True
        """
        lines = self._full_report() if full else self._concise_report()
        return "\n".join(lines + ["", DISCLAIMER])

    def _headline(self) -> list[str]:
        dx = self.results["diagnosis"]
        return ["多发性骨髓瘤教学评估报告", "=" * 24, f"诊断（IMWG 2014）：{dx.shown}",
                f"  {'原因' if dx.details['reason'] else '依据'}：{dx.summary}"]

    def _staging_note(self) -> list[str]:
        if self.diagnosis == "multiple_myeloma":
            return []
        return [f"（分期系统：{MM_ONLY_CAVEAT}。）"]

    def _decisive(self) -> list[str]:
        """The lines that decide the diagnosis: its own checks, then the CRAB/SLiM items that are met.

        A check whose input is missing did not decide the diagnosis: for a
        definite diagnosis it is left to the full report (the notes say what a
        missing value could add, e.g. a subtype).  An indeterminate diagnosis
        was decided by nothing yet: it shows the criteria that are met and
        names, once, those that could not be evaluated (the missing fields are
        in the headline); the criteria not met are in the full report.
        """
        r = self.results
        events = set(r["crab"].checks) | set(r["slim"].checks)
        own = [c for c in r["diagnosis"].checks if c not in events]
        if self.diagnosis == "indeterminate":
            lines = [f"  - {c.explain()}" for c in own if c.value is not None and c.verdict is not False]
            open_labels = list(dict.fromkeys(c.label for c in own if c.value is None))
            if open_labels:
                lines.append("  - 缺少数据、无法评估的标准：" + "、".join(open_labels))
        else:
            lines = [f"  - {c.explain()}" for c in own if c.value is not None]
        for key, items in (("crab", crab_items(self.case)), ("slim", slim_items(self.case))):
            lines.append(_headline_of(r[key]))
            for item in items.values():
                if item.value is True:  # a met item, by the checks that meet it
                    met = [c for c in item.checks if c.verdict is True] or list(item.checks)
                    lines += [f"  - {item.label}：{c.explain()}" for c in met]
        return lines

    def _not_computed(self) -> list[str]:
        """One line for the models that did not run, grouped by the reason."""
        by_reason: dict[str, list[str]] = {}
        for key, reason in self.skipped.items():
            by_reason.setdefault(reason, []).append(_SECTION_TITLES[key])
        parts = [f"{'、'.join(titles)}：未计算，{reason}" for reason, titles in by_reason.items()]
        return ["；".join(parts)] if parts else []

    def _missing_lines(self) -> list[str]:
        dx = self.results["diagnosis"]
        other = [m for m in self.missing() if m not in dx.missing]
        if not dx.missing and not other:
            return ["缺少数据：无"]
        shown_above = dx.details["reason"] == "missing_data"  # the headline already names them
        return ["诊断缺少的数据：" + ("见上" if shown_above else "、".join(map(field_zh, dx.missing)) or "无"),
                "其他计算缺少的数据：" + ("、".join(map(field_zh, other)) or "无")]

    def _concise_report(self) -> list[str]:
        r = self.results
        lines = self._headline() + ["", "决定诊断的标准"] + self._decisive()
        lines += ["", "实验室计算"] + [_headline_of(r[k]) for k in ("crcl", "egfr", "corrected_calcium", "flc_ratio")]
        lines += ["", "分期与风险"] + self._staging_note()
        lines += [_headline_of(r[k]) for k in _REPORT_ORDER if k in r] + self._not_computed()
        lines += [""] + self._missing_lines()
        lines += ["参考文献：" + "；".join(source(k).short for k in self.source_keys())
                  + "（完整报告列出每一项核对与完整文献：命令行加 --full，或 explain(full=True)）"]
        return lines

    def _full_report(self) -> list[str]:
        r = self.results
        lines = self._headline()
        numbered = [
            ("一、实验室计算", ("crcl", "egfr", "corrected_calcium", "flc_ratio")),
            ("二、终末器官损害（CRAB）", ("crab",)),
            ("三、恶性生物标志（SLiM）", ("slim",)),
            ("四、诊断推理", ("diagnosis",)),
            ("五、分期", ("iss", "riss", "r2iss")),
            ("六、进展风险与细胞遗传学", ("smm_risk_mayo2018", "smm_risk_imwg2020", "mgus_risk_mayo",
                                   "cytogenetic_risk")),
            ("七、贫血机制", ("anemia_mechanisms",)),
        ]
        event_checks = set(r["crab"].checks) | set(r["slim"].checks)
        for title, keys in numbered:
            body: list[str] = self._staging_note() if title.startswith("五") else []
            for key in keys:
                if key in r:
                    res = r[key]
                    if key == "diagnosis":  # the CRAB/SLiM lines are already shown in sections 二 and 三
                        res = replace(res, checks=tuple(c for c in res.checks if c not in event_checks))
                    body.append(res.explain())
                elif key in self.skipped:
                    body.append(f"{_SECTION_TITLES[key]}：未计算，{self.skipped[key]}")
            if body:
                lines += ["", title] + body
        lines += ["", "参考文献"] + [f"  - {source(k).citation}" + (f" doi:{source(k).doi}" if source(k).doi else "")
                                  for k in self.source_keys()]
        return lines

    def missing(self) -> list[str]:
        """The fields missing anywhere in the assessment, those of the diagnosis first.

        >>> assess({"m_protein_g_dl": 2.8, "bmpc_percent": 8, "sex": "male"}).missing()[:2]
        ['calcium_mg_dl/calcium_mmol_l', 'calcium_uln_mg_dl/calcium_uln_mmol_l']
        """
        order = ["diagnosis"] + [k for k in self.results if k != "diagnosis"]
        return list(dict.fromkeys(m for k in order for m in self.results[k].missing))

    def source_keys(self) -> list[str]:
        """The sources cited anywhere in the assessment, in order of first use.

        >>> "imwg2014" in assess({"bmpc_percent": 60}).source_keys()
        True
        """
        keys: dict[str, None] = {}
        for res in self.results.values():
            keys[res.source] = None
            for c in res.checks:
                keys[c.source] = None
        return list(keys)


def assess(case_or_dict: Case | Mapping[str, Any]) -> Assessment:
    """Run every rule the fields allow and return an :class:`Assessment`.

    >>> a = assess({"m_protein_g_dl": 3.5, "bmpc_percent": 20, "calcium_mg_dl": 9.5,
    ...             "calcium_uln_mg_dl": 10.5, "creatinine_mg_dl": 0.9, "crcl_ml_min": 90,
    ...             "hemoglobin_g_dl": 13.5, "hemoglobin_lln_g_dl": 12, "lytic_lesions": 0,
    ...             "flc_kappa_mg_l": 30, "flc_lambda_mg_l": 10, "mri_focal_lesions": 0})
    >>> a.diagnosis, a.to_dict()["smm_risk_mayo2018"]["group"] in ("low", "intermediate", "high")
    ('smoldering_multiple_myeloma', True)
    """
    case = case_or_dict if isinstance(case_or_dict, Case) else Case.from_dict(case_or_dict)
    results: dict[str, RuleResult] = {}
    kf = case.crcl_ml_min
    results["crcl"] = (cockcroft_gault(case) if kf is None else
                       RuleResult("crcl_measured", "肌酐清除率（实测）", kf,
                                  (info("labs.crcl_measured", "实测肌酐清除率", kf, "mL/min", source="imwg2014"),),
                                  source="imwg2014", shown=fmt_quantity(kf, "mL/min")))
    results["egfr"] = ckd_epi_2021(case)
    results["corrected_calcium"] = corrected_calcium(case)
    results["flc_ratio"] = flc_ratio(case)
    results["crab"] = crab(case)
    results["slim"] = slim(case)
    results["diagnosis"] = dx = classify(case)
    results["iss"] = iss(case)
    results["riss"] = riss(case)
    results["r2iss"] = r2iss(case)
    skipped: dict[str, str] = {}
    target = dx.value if dx.value != "indeterminate" else dx.details["provisional"]
    for key in _OPTIONAL:
        fn = _optional(key)
        if fn is None:  # pragma: no cover - depends on the tree
            skipped[key] = "模块尚未提供"
            continue
        gate = _GATES.get(key)
        if gate is not None and target not in gate:
            skipped[key] = "仅适用于" + "、".join(DIAGNOSIS_ZH[g] for g in gate)
            continue
        results[key] = fn(case)
    cyto = results.get("cytogenetic_risk")
    if cyto is not None and cyto.value is not None and dx.value != "multiple_myeloma":
        results["cytogenetic_risk"] = replace(cyto, summary=zh_join(cyto.summary, "；", MM_ONLY_CAVEAT))
    return Assessment(case, results, skipped)


class _CallableModule(types.ModuleType):
    """``mmlib.assess`` is both this module and the function: calling the module runs :func:`assess`.

    (Importing the submodule ``mmlib.assess`` rebinds the package attribute
    ``mmlib.assess`` to the module, so the module itself must be callable.)

    >>> import mmlib, mmlib.assess
    >>> mmlib.assess({"bmpc_percent": 65}).to_dict()["slim"]["S"]
    True
    """

    def __call__(self, case_or_dict: Case | Mapping[str, Any]) -> Assessment:
        return assess(case_or_dict)


sys.modules[__name__].__class__ = _CallableModule
