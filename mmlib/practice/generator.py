"""Fresh practice problems from a seed: ``gen-<kind>-<seed>``.

A generated problem is a vignette with realistic values in the units a
Chinese or an American laboratory would print, a few irrelevant findings
(distractors), and an answer computed by mmlib — the same path as the book's
own problems (:func:`mmlib.practice.core.build`).  The same kind and seed
always give the same problem, so the id is all that ``check`` and
``solution`` need.

>>> p = new("crab", 7)
>>> p.id, p.id == new("crab", 7).id, p.vignette == new("crab", 7).vignette
('gen-crab-7', True, True)
>>> from_id("gen-staging-3").answer.kind
'mapping'
"""

from __future__ import annotations

import random
from typing import Any, Callable

from ..trace import fmt_number
from ..units import CALCIUM_MG_DL_PER_MMOL_L, CREATININE_UMOL_L_PER_MG_DL, G_L_PER_G_DL
from .compute import COMPUTE
from .core import Problem, UnknownProblemError, build

__all__ = ["KINDS", "new", "from_id"]

_DISTRACTORS: tuple[Callable[[random.Random], str], ...] = (
    lambda r: f"血压 {r.randint(118, 156)}/{r.randint(70, 95)} mmHg",
    lambda r: f"总胆固醇 {r.uniform(4.2, 6.8):.1f} mmol/L",
    lambda r: f"ALT {r.randint(12, 48)} U/L",
    lambda r: f"空腹血糖 {r.uniform(4.6, 7.4):.1f} mmol/L",
    lambda r: f"尿酸 {r.randint(260, 480)} µmol/L",
    lambda r: f"TSH {r.uniform(0.8, 3.9):.1f} mIU/L",
    lambda r: f"吸烟 {r.randint(5, 30)} 年",
    lambda r: f"白细胞 {r.uniform(4.0, 9.5):.1f} × 10⁹/L",
    lambda r: f"血小板 {r.randint(150, 380)} × 10⁹/L",
)


def _n(x: float) -> str:
    return fmt_number(x)


def _finding(name: str, positive: bool) -> str:
    """``t(4;14) 阳性`` / ``1q 增益阴性``: a space only after Latin text."""
    return name + (" " if name[-1].isascii() else "") + ("阳性" if positive else "阴性")


def _distractors(r: random.Random) -> str:
    picks = r.sample(_DISTRACTORS, 2)
    return "其他：" + "，".join(p(r) for p in picks) + "。"


def _person(r: random.Random) -> tuple[dict[str, Any], str]:
    sex = r.choice(("male", "female"))
    age = r.randint(45, 80)
    weight = r.randint(55, 90)
    return ({"age_years": age, "sex": sex, "weight_kg": weight},
            f"{age} 岁{'男' if sex == 'male' else '女'}性，体重 {weight} kg。")


def _si(r: random.Random) -> bool:
    return r.random() < 0.5


def _labs(r: random.Random, inputs: dict[str, Any], *, ca: float, cr: float, hb: float) -> list[str]:
    """Calcium, creatinine and haemoglobin in conventional or SI units (chosen per analyte)."""
    out = []
    if _si(r):
        v = round(ca / CALCIUM_MG_DL_PER_MMOL_L, 2)
        inputs.update({"calcium_mmol_l": v, "calcium_uln_mmol_l": 2.6})
        out.append(f"血钙 {_n(v)} mmol/L（正常上限 2.6 mmol/L）")
    else:
        inputs.update({"calcium_mg_dl": round(ca, 1), "calcium_uln_mg_dl": 10.2})
        out.append(f"血钙 {_n(round(ca, 1))} mg/dL（正常上限 10.2 mg/dL）")
    if _si(r):
        v = round(cr * CREATININE_UMOL_L_PER_MG_DL)
        inputs["creatinine_umol_l"] = v
        out.append(f"肌酐 {v} µmol/L")
    else:
        inputs["creatinine_mg_dl"] = round(cr, 2)
        out.append(f"肌酐 {_n(round(cr, 2))} mg/dL")
    lln = 13.0 if inputs.get("sex") == "male" else 12.0
    if _si(r):
        v = round(hb * G_L_PER_G_DL)
        inputs.update({"hemoglobin_g_l": v, "hemoglobin_lln_g_l": round(lln * G_L_PER_G_DL)})
        out.append(f"血红蛋白 {v} g/L（正常下限 {round(lln * G_L_PER_G_DL)} g/L）")
    else:
        inputs.update({"hemoglobin_g_dl": round(hb, 1), "hemoglobin_lln_g_dl": lln})
        out.append(f"血红蛋白 {_n(round(hb, 1))} g/dL（正常下限 {_n(lln)} g/dL）")
    return out


def _m_protein(r: random.Random, inputs: dict[str, Any], g_dl: float) -> str:
    if _si(r):
        v = round(g_dl * G_L_PER_G_DL)
        inputs["m_protein_g_l"] = v
        return f"血清 M 蛋白 {v} g/L"
    inputs["m_protein_g_dl"] = round(g_dl, 1)
    return f"血清 M 蛋白 {_n(round(g_dl, 1))} g/dL"


def _diagnosis(r: random.Random) -> dict[str, Any]:
    target = r.choice(("mgus", "smm", "mm_crab", "mm_slim"))
    inputs, who = _person(r)
    m = r.uniform(0.5, 2.9) if target == "mgus" else r.uniform(1.0, 5.5)
    bmpc = r.randint(1, 9) if target == "mgus" else r.randint(10, 55) if target != "mm_slim" else r.randint(10, 80)
    if target == "smm" and m < 3 and bmpc < 10:
        bmpc = r.randint(10, 55)
    ca, cr, hb = r.uniform(8.8, 10.2), r.uniform(0.6, 1.2), r.uniform(11.5, 15.0)
    lytic, mri = 0, [r.randint(2, 4)] if r.random() < 0.4 else []
    if target == "mm_crab":
        which = r.choice("CRAB")
        ca = r.uniform(11.3, 13.5) if which == "C" else ca
        cr = r.uniform(2.3, 4.5) if which == "R" else cr
        hb = r.uniform(7.0, 9.6) if which == "A" else hb
        lytic = r.randint(1, 6) if which == "B" else 0
    if target == "mm_slim":
        mri = [r.randint(6, 20) for _ in range(r.randint(2, 4))] if r.random() < 0.5 else mri
    chain = r.choice(("kappa", "lambda"))
    involved = r.uniform(20, 90) if target != "mm_slim" or mri and max(mri) >= 5 else r.uniform(300, 1500)
    uninvolved = r.uniform(3, 15) if involved > 200 else r.uniform(8, 25)
    inputs.update({"flc_kappa_mg_l": round(involved if chain == "kappa" else uninvolved, 1),
                   "flc_lambda_mg_l": round(uninvolved if chain == "kappa" else involved, 1),
                   "bmpc_percent": bmpc, "lytic_lesions": lytic, "mri_lesion_sizes_mm": mri})
    parts = [_m_protein(r, inputs, m) + f"（IgG {'κ' if chain == 'kappa' else 'λ'}）",
             f"骨髓克隆性浆细胞 {bmpc}%", *_labs(r, inputs, ca=ca, cr=cr, hb=hb),
             f"游离轻链 κ {_n(inputs['flc_kappa_mg_l'])} mg/L、λ {_n(inputs['flc_lambda_mg_l'])} mg/L",
             f"低剂量全身 CT 见 {lytic} 处溶骨性病变" if lytic else "低剂量全身 CT 未见溶骨性病变",
             ("全身 MRI 见局灶性病变，直径 " + "、".join(map(str, mri)) + " mm") if mri else "全身 MRI 未见局灶性病变"]
    return {"compute": "classify", "inputs": inputs, "answer": {"type": "choice", "options": "diagnosis"},
            "section": "chapter_principles/disease-spectrum.md", "title": "生成题：IMWG 2014 诊断",
            "vignette": who + "；".join(parts) + "。" + _distractors(r),
            "question": "按 IMWG 2014 标准，诊断是什么？",
            "hints": ["先逐项查 CRAB 与 SLiM（注意单位，MRI 病变只计 ≥ 5 mm 的）。",
                      "没有骨髓瘤定义事件时，用 M 蛋白与骨髓浆细胞区分 MGUS 与 SMM。"],
            "explanation": "mmlib.diagnosis.classify 的结论：{diagnosis}。{basis}"}


def _crab(r: random.Random) -> dict[str, Any]:
    inputs, who = _person(r)
    ca = r.choice((r.uniform(8.6, 10.8), r.uniform(11.1, 13.5)))
    cr = r.choice((r.uniform(0.6, 1.6), r.uniform(1.6, 2.0), r.uniform(2.1, 4.0)))
    hb = r.choice((r.uniform(10.2, 14.5), r.uniform(7.0, 9.9)))
    parts = _labs(r, inputs, ca=ca, cr=cr, hb=hb)
    albumin = round(r.uniform(2.2, 4.4), 1)
    inputs["albumin_g_dl"] = albumin
    parts.append(f"白蛋白 {_n(albumin)} g/dL")
    lytic = r.choice((0, 0, r.randint(1, 5)))
    inputs["lytic_lesions"] = lytic
    inputs["mri_focal_lesions"] = 0
    parts.append(f"PET-CT 见 {lytic} 处溶骨性病变" if lytic else "PET-CT 与 MRI 未见骨病变")
    return {"compute": "crab_items", "inputs": inputs, "answer": {"type": "set", "options": "crab"},
            "traps": [{"key": "corrected_calcium", "value": "+C",
                       "feedback": "C 项按实测血清总钙判断；白蛋白校正钙只供参考。"}],
            "section": "chapter_principles/end-organ-damage.md", "title": "生成题：逐项判断 CRAB",
            "vignette": "骨髓克隆性浆细胞 30% 的患者，" + who + "；".join(parts) + "。" + _distractors(r),
            "question": "CRAB 四项中哪些成立？（肾功能：肌酐或 Cockcroft–Gault 肌酐清除率，任一达标即成立。）",
            "hints": ["每项都是“数值 + 比较符 + 阈值”，比较前统一单位。",
                      "R 有两条途径；C 按实测总钙判断。"],
            "explanation": "mmlib.diagnosis.crab 的结论：成立的项为 {items}。"}


def _staging(r: random.Random) -> dict[str, Any]:
    system = r.choice(("iss", "riss", "r2iss"))
    b2m = round(r.choice((r.uniform(1.5, 3.4), r.uniform(3.5, 5.4), r.uniform(5.5, 12.0))), 1)
    alb = round(r.uniform(2.5, 4.5), 1)
    uln = 250
    ldh = r.choice((r.randint(140, 240), r.randint(260, 480)))
    fish = {k: r.random() < 0.2 for k in ("del17p", "t4_14", "t14_16")}
    fish["gain_1q"] = r.random() < 0.35
    inputs: dict[str, Any] = {"beta2m_mg_l": b2m}
    text = [f"β2 微球蛋白 {_n(b2m)} mg/L"]
    if _si(r):
        inputs["albumin_g_l"] = round(alb * G_L_PER_G_DL)
        text.append(f"白蛋白 {inputs['albumin_g_l']} g/L")
    else:
        inputs["albumin_g_dl"] = alb
        text.append(f"白蛋白 {_n(alb)} g/dL")
    if system != "iss":
        inputs.update({"ldh_u_l": ldh, "ldh_uln_u_l": uln})
        text.append(f"LDH {ldh} U/L（正常上限 {uln} U/L）")
        names = {"del17p": "del(17p)", "t4_14": "t(4;14)", "t14_16": "t(14;16)", "gain_1q": "1q 增益"}
        keys = ("del17p", "t4_14", "t14_16") if system == "riss" else ("del17p", "t4_14", "gain_1q")
        inputs.update({k: fish[k] for k in keys})
        if system == "r2iss":
            inputs["amp_1q"] = False
        text.append("FISH：" + "，".join(_finding(names[k], fish[k]) for k in keys))
    label = {"iss": "ISS", "riss": "R-ISS", "r2iss": "R2-ISS"}[system]
    return {"compute": system, "inputs": inputs,
            "answer": {"type": "stage", "options": "r2iss" if system == "r2iss" else "iss"},
            "section": "chapter_applications/staging.md", "title": f"生成题：{label} 分期",
            "vignette": "新诊断多发性骨髓瘤患者：" + "；".join(text) + "。" + _distractors(r),
            "question": f"{label} 分期是几期？",
            "hints": ["先算 ISS：β2 微球蛋白与白蛋白（注意白蛋白的单位）。",
                      "R-ISS 再看 LDH 与高危 FISH；R2-ISS 把各项分数相加。"],
            "explanation": f"mmlib.staging.{system}：" + "{answer}。"}


def _smm_risk(r: random.Random) -> dict[str, Any]:
    m = round(r.uniform(0.5, 4.5), 1)
    bmpc = r.randint(10, 55)
    chain = r.choice(("kappa", "lambda"))
    unin = round(r.uniform(4, 20), 1)
    inv = round(unin * r.choice((r.uniform(2, 10), r.uniform(10.5, 25), r.uniform(25.5, 40), r.uniform(41, 90))), 1)
    fish = {k: r.random() < 0.25 for k in ("t4_14", "t14_16", "gain_1q", "del13q")}
    inputs = {"m_protein_g_dl": m, "bmpc_percent": bmpc, **fish,
              "flc_kappa_mg_l": inv if chain == "kappa" else unin, "flc_lambda_mg_l": unin if chain == "kappa" else inv}
    names = {"t4_14": "t(4;14)", "t14_16": "t(14;16)", "gain_1q": "1q 增益", "del13q": "del(13q)"}
    return {"compute": "imwg2020", "inputs": inputs, "answer": {"type": "score_group"},
            "section": "chapter_principles/disease-spectrum.md", "title": "生成题：SMM 的 IMWG 2020 评分",
            "vignette": (f"冒烟型骨髓瘤患者：血清 M 蛋白 {_n(m)} g/dL，骨髓克隆性浆细胞 {bmpc}%，游离轻链 κ "
                         f"{_n(inputs['flc_kappa_mg_l'])} mg/L、λ {_n(inputs['flc_lambda_mg_l'])} mg/L；FISH："
                         + "，".join(_finding(names[k], v) for k, v in fish.items()) + "。"
                         + _distractors(r)),
            "question": "计算 IMWG 2020 风险评分并判断风险组。",
            "hints": ["四项计分：受累/非受累 FLC 比值、M 蛋白、骨髓浆细胞、FISH 异常（任一即计分）。",
                      "分档的下界是“大于”。"],
            "explanation": "mmlib.risk.smm_imwg2020：FLC 比值 {pts_flc_ratio} 分，M 蛋白 {pts_m_protein} 分，"
                           "骨髓浆细胞 {pts_bmpc} 分，FISH {pts_fish_abnormality} 分，总分 {score}，属{group}。"}


def _response(r: random.Random) -> dict[str, Any]:
    base = round(r.uniform(1.5, 6.0), 1)
    course = r.choice(("fall", "fall", "rise"))
    if course == "fall":
        cur = round(base * r.uniform(0.03, 1.05), 2)
        inputs: dict[str, Any] = {"baseline": {"m_protein_g_dl": base}, "current": {"m_protein_g_dl": cur}}
        text = f"基线血清 M 蛋白 {_n(base)} g/dL，治疗后 {_n(cur)} g/dL"
    else:
        nadir = round(base * r.uniform(0.1, 0.6), 2)
        cur = round(nadir + r.uniform(0.1, 1.5), 2)
        inputs = {"baseline": {"m_protein_g_dl": base}, "nadir": {"m_protein_g_dl": nadir},
                  "current": {"m_protein_g_dl": cur}}
        text = f"基线血清 M 蛋白 {_n(base)} g/dL，治疗中最低 {_n(nadir)} g/dL，本次复查 {_n(cur)} g/dL"
    u0, u1 = r.randint(20, 180), r.randint(0, 90)
    inputs["baseline"]["urine_m_protein_mg_24h"] = u0
    inputs["current"]["urine_m_protein_mg_24h"] = u1
    text += f"；24 小时尿 M 蛋白基线 {u0} mg，本次 {u1} mg"
    inputs["serum_ife_negative"] = False
    return {"compute": "response", "inputs": inputs, "answer": {"type": "choice", "options": "response"},
            "section": "chapter_applications/response-mrd.md", "title": "生成题：IMWG 2016 疗效",
            "vignette": text + "；免疫固定电泳仍阳性。" + _distractors(r),
            "question": "按 IMWG 2016，当前的疗效类别是什么？",
            "hints": ["先看是否进展：与最低值比较（相对与绝对升高）。", "再算相对基线的下降百分比。"],
            "explanation": "mmlib.response.assess_response：{answer}。"}


KINDS: dict[str, Callable[[random.Random], dict[str, Any]]] = {
    "diagnosis": _diagnosis, "crab": _crab, "staging": _staging, "smm-risk": _smm_risk, "response": _response}

_TRIES = 20
_LEVEL = {"diagnosis": "进阶", "crab": "基础", "staging": "进阶", "smm-risk": "综合", "response": "进阶"}


def new(kind: str = "diagnosis", seed: int = 0) -> Problem:
    """Generate the problem ``gen-<kind>-<seed>``."""
    if kind not in KINDS or isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise UnknownProblemError(f"gen-{kind}-{seed}")
    rng = random.Random(f"mmlib-practice-{kind}-{seed}")
    for _ in range(_TRIES):  # the same seed always takes the same path, so the problem stays reproducible
        spec = KINDS[kind](rng)
        if COMPUTE[spec["compute"]](spec["inputs"]).value not in (None, "indeterminate"):
            break
    else:  # pragma: no cover - the tests run 200 seeds of every kind
        raise UnknownProblemError(f"gen-{kind}-{seed}")
    spec.update({"id": f"gen-{kind}-{seed}", "level": _LEVEL[kind], "seed_problem_id": None})
    spec.setdefault("traps", [])
    return build(spec)


def from_id(pid: str) -> Problem:
    """The generated problem an id names (``gen-smm-risk-12`` → kind ``smm-risk``, seed 12)."""
    body, _, seed = pid[len("gen-"):].rpartition("-")
    if not seed.isdigit() or body not in KINDS or len(seed) > 9:
        raise UnknownProblemError(pid)
    return new(body, int(seed))
