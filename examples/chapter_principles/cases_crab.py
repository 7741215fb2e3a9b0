# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 病例：逐项评估 CRAB
#
# 学完本页你能：
#
# - 逐项判断 CRAB，注意恰在阈值上的数值；
# - 在常规单位与国际单位之间换算并保持结论一致；
# - 计算校正钙、Cockcroft–Gault 肌酐清除率与 CKD-EPI 2021 eGFR。
#
# CRAB 四项——高钙血症（C）、肾功能不全（R）、贫血（A）、骨病变（B）——每一项都是“数值 + 比较符 + 阈值”。
# 本页用 `mmlib.diagnosis.crab` 对一组患者逐项评估，同时计算白蛋白校正钙、Cockcroft–Gault 肌酐清除率和
# CKD-EPI 2021 eGFR，重点看三类容易出错的情况：
#
# 1. **恰好落在阈值上**的数值（“大于”不含等于）；
# 2. **同一个人用两种单位**表示时结论是否一致；
# 3. IMWG 并列给出的常规单位与国际单位阈值是**取整值**，二者之间有一道窄窄的“单位缺口”。

# %%
from mmlib.plotting import PALETTE, use_book_style

use_book_style()

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from IPython.display import Markdown, display

from mmlib import diagnosis as dx
from mmlib import labs
from mmlib.case import MEASURED, Case
from mmlib.trace import fmt_number
from mmlib.units import CALCIUM_MG_DL_PER_MMOL_L, CREATININE_UMOL_L_PER_MG_DL, to_conventional, to_si

# %% [markdown]
# ## CRAB 阈值
#
# 下表由 `mmlib.diagnosis.criteria_rows("crab")` 生成：每个阈值只在库中写一次，表格、推理轨迹和判断都用同一个对象。

# %%
pd.DataFrame(dx.criteria_rows("crab")).drop(columns="key")

# %% [markdown]
# ## 三个计算公式
#
# 判断 C 与 R 时还要用到三个公式。下面公式中的常数都从 `mmlib.labs` 读出：

# %%
k_f, a_f = labs.CKD_EPI_2021["female"]
k_m, a_m = labs.CKD_EPI_2021["male"]
display(Markdown(
    "**白蛋白校正钙**（常用的 Payne 式）：\n\n"
    f"$$\\mathrm{{Ca}}_{{\\text{{校正}}}} = \\mathrm{{Ca}} + {labs.CORRECTED_CA_PER_G_DL}\\times"
    f"({fmt_number(labs.REFERENCE_ALBUMIN_G_DL)} - \\mathrm{{Alb}})\\quad(\\mathrm{{mg/dL}},\\ \\mathrm{{g/dL}})$$\n\n"
    f"$$\\mathrm{{Ca}}_{{\\text{{校正}}}} = \\mathrm{{Ca}} + {labs.CORRECTED_CA_PER_G_L}\\times"
    f"({fmt_number(labs.REFERENCE_ALBUMIN_G_L)} - \\mathrm{{Alb}})\\quad(\\mathrm{{mmol/L}},\\ \\mathrm{{g/L}})$$\n\n"
    "**Cockcroft–Gault 肌酐清除率**（mL/min，实际体重，女性乘以 "
    f"{labs.CG_FEMALE_FACTOR}）：\n\n"
    f"$$\\mathrm{{CrCl}} = \\frac{{(140 - \\text{{年龄}})\\times \\text{{体重(kg)}}}}"
    f"{{{fmt_number(labs.CG_CONSTANT)}\\times \\mathrm{{SCr\\ (mg/dL)}}}}$$\n\n"
    "**CKD-EPI 2021 eGFR**（mL/min/1.73 m²，不含种族项）：\n\n"
    f"$$\\mathrm{{eGFR}} = {fmt_number(labs.CKD_EPI_2021_K)}\\cdot\\min(S/\\kappa,1)^{{\\alpha}}\\cdot"
    f"\\max(S/\\kappa,1)^{{{labs.CKD_EPI_2021_HIGH_EXP}}}\\cdot{labs.CKD_EPI_2021_AGE_BASE}^{{\\text{{年龄}}}}"
    f"\\cdot{labs.CKD_EPI_2021_FEMALE}\\,[\\text{{女性}}]$$\n\n"
    f"其中 $S$ 为肌酐（mg/dL），女性 $\\kappa = {k_f},\\ \\alpha = {a_f}$，男性 $\\kappa = {k_m},\\ \\alpha = {a_m}$。"
))

# %% [markdown]
# IMWG 2014 对 R 只说“肌酐清除率（实测或用经过验证的公式估算）”；`mmlib` 用实测值，没有实测值时用
# Cockcroft–Gault 估算，CKD-EPI 2021 eGFR 只作参考（IMWG 2016 肾脏工作组推荐用 CKD-EPI 评估肾功能）。
# 钙的判断用**实测总钙**，校正钙只列在轨迹中供参考。
#
# ## 六位患者
#
# - **甲**：每一项都**恰好**落在阈值上；
# - **甲′**：同一个人，全部化验值按 `mmlib.units.to_si` 换算成国际单位；
# - **乙**：化验单直接报告国际单位，血钙恰为公布的 SI 阈值、肌酐恰为公布的 SI 阈值；
# - **丙**：白蛋白很低，实测总钙不高而校正钙明显升高；
# - **丁**：高龄、低体重的女性，肌酐不到 R 的阈值，肌酐清除率却很低；血红蛋白高于 A 的绝对阈值，但比正常下限低得多；
# - **戊**：四项都阳性的典型病例。
#
# 阈值上的数值都从 `Threshold` 常量取得，而不是手写。

# %%
def in_si(record: dict) -> dict:
    """The same findings with every two-unit field given in SI units (exact conversion, 6 significant digits)."""
    out = dict(record)
    for spec in MEASURED.values():
        if spec.conventional_field in out:
            out[spec.si_field] = to_si(spec.analyte, out.pop(spec.conventional_field), spec.conventional_unit)
    return out


jia = dict(age_years=45, sex="male", weight_kg=80,
           calcium_mg_dl=dx.CALCIUM_HIGH.value, calcium_uln_mg_dl=dx.CALCIUM_HIGH.value - dx.CALCIUM_ABOVE_ULN.value,
           albumin_g_dl=labs.REFERENCE_ALBUMIN_G_DL,
           creatinine_mg_dl=dx.CREATININE_HIGH.value,
           hemoglobin_g_dl=dx.HB_LOW.value, hemoglobin_lln_g_dl=dx.HB_LOW.value + dx.HB_BELOW_LLN.value,
           lytic_lesions=dx.LYTIC.value - 1)
patients = {
    "甲（常规单位）": jia,
    "甲′（国际单位）": in_si(jia),
    "乙（国际单位）": dict(age_years=45, sex="male", weight_kg=85,
                      calcium_mmol_l=dx.CALCIUM_HIGH.si, calcium_uln_mmol_l=2.6, albumin_g_l=40,
                      creatinine_umol_l=dx.CREATININE_HIGH.si, hemoglobin_g_l=118, hemoglobin_lln_g_l=115,
                      lytic_lesions=0),
    "丙（低白蛋白）": dict(age_years=70, sex="male", weight_kg=68, calcium_mg_dl=10.6, calcium_uln_mg_dl=10.2,
                      albumin_g_dl=2.4, creatinine_mg_dl=1.1, hemoglobin_g_dl=11.8, hemoglobin_lln_g_dl=13.0,
                      lytic_lesions=0),
    "丁（高龄低体重）": dict(age_years=82, sex="female", weight_kg=45, calcium_mg_dl=9.4, calcium_uln_mg_dl=10.2,
                       albumin_g_dl=3.6, creatinine_mg_dl=1.6, hemoglobin_g_dl=10.3, hemoglobin_lln_g_dl=12.5,
                       lytic_lesions=0),
    "戊（典型）": dict(age_years=66, sex="male", weight_kg=72, calcium_mg_dl=12.4, calcium_uln_mg_dl=10.2,
                   albumin_g_dl=3.3, creatinine_mg_dl=3.1, hemoglobin_g_dl=8.2, hemoglobin_lln_g_dl=13.0,
                   lytic_lesions=4),
}
cases = {name: Case.from_dict(d) for name, d in patients.items()}


def show(m, digits=4):
    return "—" if m is None else f"{fmt_number(round(m.value, digits))} {m.unit}"


def sign(v):
    return {True: "阳性", False: "阴性", None: "无法评估"}[v]


rows = []
for name, c in cases.items():
    r = dx.crab(c)
    cc, cg, egfr = labs.corrected_calcium(c), labs.cockcroft_gault(c), labs.ckd_epi_2021(c)
    rows.append({
        "患者": name,
        "血钙": show(c.measured("calcium")),
        "校正钙": f"{fmt_number(round(cc.value, 2))} {cc.details['unit']}",
        "C": sign(r.details["C"]),
        "肌酐": show(c.measured("creatinine")),
        "CrCl（CG，mL/min）": round(cg.value, 1),
        "eGFR（CKD-EPI 2021）": round(egfr.value, 1),
        "R": sign(r.details["R"]),
        "血红蛋白": show(c.measured("hemoglobin")),
        "LLN": show(c.measured("hemoglobin_lln")),
        "A": sign(r.details["A"]),
        "溶骨性病变": c.lytic_lesions,
        "B": sign(r.details["B"]),
        "CRAB": sign(r.value),
    })
table = pd.DataFrame(rows).set_index("患者")
table

# %% [markdown]
# ## 逐个读结果
#
# ### 甲与甲′：恰在阈值上，两种单位结论相同
#
# IMWG 的 C、R、A 都是严格不等式，所以**恰好等于**阈值的数值都不满足：

# %%
strict = (dx.CALCIUM_HIGH, dx.CALCIUM_ABOVE_ULN, dx.CRCL_LOW, dx.CREATININE_HIGH, dx.HB_LOW, dx.HB_BELOW_LLN)
print("；".join(f"{t.zh} {t.describe()}" for t in strict))
print()
print(dx.crab(cases["甲（常规单位）"]).explain())

# %% [markdown]
# 甲′ 是同一个人换算成国际单位。钙和肌酐的阈值精确换算后都略低于公布的 SI 阈值，
# 所以甲′ 仍然“恰在或低于”阈值，结论与常规单位一致：

# %%
for t, analyte in ((dx.CALCIUM_HIGH, "calcium"), (dx.CREATININE_HIGH, "creatinine")):
    print(f"{t.zh} {fmt_number(t.value)} {t.unit} 精确换算为 {to_si(analyte, t.value, t.unit)} {t.si_unit}，"
          f"公布的 SI 阈值为 {t.describe(t.si_unit)}")
print()
for c in dx.crab(cases["甲′（国际单位）"]).checks:
    if c.criterion in (dx.CALCIUM_HIGH.key, dx.CREATININE_HIGH.key, dx.HB_LOW.key, dx.HB_BELOW_LLN.key):
        print(c.explain())

# %% [markdown]
# ### 乙：单位缺口
#
# 乙的化验单报告血钙恰为公布的 SI 阈值。按“用化验单的单位与该单位下公布的阈值比较”，乙**没有**高钙血症；
# 但若先把它换算成常规单位，就越过了常规单位阈值：

# %%
ca_si = dx.CALCIUM_HIGH.si
ca_conv = to_conventional("calcium", ca_si, "mmol/L")
cr_si = dx.CREATININE_HIGH.si
cr_conv = to_conventional("creatinine", cr_si, "µmol/L")
print(dx.CALCIUM_HIGH.check(ca_si, "mmol/L").explain())
print(dx.CALCIUM_HIGH.check(ca_conv, "mg/dL", label="同一血钙换算成常规单位").explain())
print(dx.CREATININE_HIGH.check(cr_si, "µmol/L").explain())
print(dx.CREATININE_HIGH.check(cr_conv, "mg/dL", label="同一肌酐换算成常规单位").explain())

# %% [markdown]
# 原因是 IMWG 的两组数值都是取整的并列值：

# %%
rows = []
for t, analyte in ((dx.CALCIUM_HIGH, "calcium"), (dx.CREATININE_HIGH, "creatinine")):
    exact_si = to_si(analyte, t.value, t.unit)
    back = to_conventional(analyte, t.si, t.si_unit)
    rows.append({"阈值": t.zh, "常规单位阈值": t.describe(), "精确换算为 SI": f"{exact_si} {t.si_unit}",
                 "公布的 SI 阈值": t.describe(t.si_unit), "SI 阈值换算回常规单位": f"{back} {t.unit}",
                 "缺口（常规单位）": f"({fmt_number(t.value)}, {back}] {t.unit}"})
pd.DataFrame(rows).set_index("阈值")

# %% [markdown]
# 缺口里的数值用常规单位报告时满足 C（或 R），用国际单位报告时不满足。
# 下图把这两段缺口放大：横轴是同一个真实浓度（常规单位），两条线分别是“化验单用常规单位”和
# “化验单用国际单位（精确换算）”时的判断。换算系数来自 `mmlib.units`：

# %%
display(Markdown(f"钙：$1\\ \\mathrm{{mmol/L}} = {CALCIUM_MG_DL_PER_MMOL_L}\\ \\mathrm{{mg/dL}}$；"
                 f"肌酐：$1\\ \\mathrm{{mg/dL}} = {CREATININE_UMOL_L_PER_MG_DL}\\ \\mu\\mathrm{{mol/L}}$。"))
inside = round((dx.CALCIUM_HIGH.value + ca_conv) / 2, 3)
inside_si = to_si("calcium", inside, "mg/dL")
print(f"例：血钙 {inside} mg/dL（= {inside_si} mmol/L）")
print(dx.CALCIUM_HIGH.check(inside, "mg/dL", label="用常规单位报告").explain())
print(dx.CALCIUM_HIGH.check(inside_si, "mmol/L", label="用国际单位报告").explain())

# %%
fig, axes = plt.subplots(1, 2, figsize=(10, 3.4))
for ax, t, analyte, width in ((axes[0], dx.CALCIUM_HIGH, "calcium", 0.05),
                              (axes[1], dx.CREATININE_HIGH, "creatinine", 0.006)):
    x = np.linspace(t.value - width, t.value + width, 2001)
    si = np.array([to_si(analyte, v, t.unit) for v in x])
    conv_verdict = np.array([t.test(v, t.unit) for v in x], dtype=float)
    si_verdict = np.array([t.test(v, t.si_unit) for v in si], dtype=float)
    ax.step(x, conv_verdict + 0.02, where="post", lw=2, color=PALETTE[0], label=f"按常规单位判断（{t.describe()}）")
    ax.step(x, si_verdict - 0.02, where="post", lw=2, color=PALETTE[1], ls="--",
            label=f"按国际单位判断（{t.describe(t.si_unit)}）")
    gap_hi = to_conventional(analyte, t.si, t.si_unit)
    ax.axvspan(t.value, gap_hi, color=PALETTE[4], alpha=0.3, label="单位缺口")
    ax.set_yticks([0, 1], ["不符合", "符合"])
    ax.set_ylim(-0.3, 1.5)
    ax.set_xlabel(f"{t.zh}（真实浓度，{t.unit}）")
    ax.set_title(f"{t.zh}：“{t.describe()}”与“{t.describe(t.si_unit)}”")
    ax.legend(fontsize=8, loc="upper left")
fig.tight_layout()
# alt: 两幅阶梯图，左为血钙、右为血肌酐：横轴为真实浓度，纵轴为是否符合 CRAB 标准；实线按常规单位阈值判断，虚线按国际单位阈值判断，两者的跳变点不重合，中间的阴影带就是换算取整造成的单位缺口。
plt.show()

# %% [markdown]
# 血红蛋白（g/dL × 10 = g/L）和 M 蛋白的两种单位换算是精确的，没有缺口。
# `mmlib` 的约定是：**用化验单给出的单位，与该单位下公布的阈值直接比较**，不先换算；
# 这样同一张化验单总得到同一个结论，但同一个人两家医院的化验单可能在缺口里得到不同结论——
# 这正说明阈值是人为选定的操作性切点。
#
# ### 丙：校正钙
#
# 丙的白蛋白很低。血清总钙中约一半与白蛋白结合，低白蛋白时总钙会“假性偏低”；校正钙估计白蛋白正常时的
# 总钙。丙的实测总钙没有越过 C 的任何一条阈值，校正钙却越过了 C 的绝对阈值：

# %%
r = dx.crab(cases["丙（低白蛋白）"])
for c in r.checks:
    if c.criterion.startswith("imwg2014.crab.calcium") or c.criterion == "imwg2014.crab.corrected_calcium":
        print(c.explain())
cc = labs.corrected_calcium(cases["丙（低白蛋白）"])
print(f"校正钙 {fmt_number(round(cc.value, 2))} mg/dL 是否 {dx.CALCIUM_HIGH.describe()}：",
      dx.CALCIUM_HIGH.test(cc.value, "mg/dL"))

# %% [markdown]
# IMWG 2014 的原文只说“血清钙”，`mmlib` 按实测总钙判断并把校正钙列出供参考。临床上遇到这种情况，
# 通常会测定**离子钙**来确认——这是模型之外的判断。
#
# ### 丁：肌酐“正常范围”里的肾功能不全
#
# 肌酐反映的是肌肉量与肾功能的平衡。高龄、低体重的女性肌肉量少，肌酐不高时肾功能可能已经明显下降：

# %%
c = cases["丁（高龄低体重）"]
print(labs.cockcroft_gault(c).explain())
print(labs.ckd_epi_2021(c).explain())
print(dx.crab(c).explain())

# %% [markdown]
# 丁同时说明了贫血的第二条标准：血红蛋白没有低于 A 的绝对阈值，但比本实验室的正常下限低得足够多，
# 仍满足 A（见上面轨迹中“低于正常下限的幅度”一行）。
#
# ### 戊：四项都阳性

# %%
print(dx.crab(cases["戊（典型）"]).summary)

# %% [markdown]
# ## 整个队列一次评估：cohort.assess_frame
#
# 同样的规则也可以对一整张表（每行一位患者、列名即字段名）一次性向量化计算。它与逐例调用共用同一批阈值、
# 公式和判定表；每行可以用不同的单位（没有用到的列留空）。先用上面六位患者核对两条路径的结果一致：

# %%
from mmlib.cohort import assess_frame

frame = pd.DataFrame(list(patients.values()), index=list(patients))
out = assess_frame(frame)
per_case = pd.DataFrame({name: dx.crab(c).details for name, c in cases.items()}).T
check = out[["C", "R", "A", "B", "crcl_ml_min", "egfr_ml_min_1_73m2"]].copy()
check["与逐例 crab() 一致"] = [all(out.loc[n, k] == per_case.loc[n, k] for k in "CRAB") for n in out.index]
check.round(1)

# %% [markdown]
# 再用它“实验性地”找出单位缺口：模拟 20 000 个围绕阈值的血钙数值（常规单位，保留 3 位小数），
# 把每个数值精确换算成国际单位，作为两份化验单分别评估 C，找出结论不一致的那些人。

# %%
rng = np.random.default_rng(2014)
ca = np.round(rng.uniform(dx.CALCIUM_HIGH.value - 0.2, dx.CALCIUM_HIGH.value + 0.2, 20_000), 3)
uln = dx.CALCIUM_HIGH.value     # 一个假想的高 ULN：让“高出 ULN”那一条不起作用，只比较绝对阈值
conv = assess_frame(pd.DataFrame({"calcium_mg_dl": ca, "calcium_uln_mg_dl": uln}))
si = assess_frame(pd.DataFrame({"calcium_mmol_l": [to_si("calcium", v, "mg/dL") for v in ca],
                                "calcium_uln_mmol_l": to_si("calcium", uln, "mg/dL")}))
differ = (conv["C"] != si["C"]).to_numpy(dtype=bool)
print(f"结论不一致：{differ.sum()} / {len(ca)} 人；这些人的血钙在 {ca[differ].min()}–{ca[differ].max()} mg/dL，"
      f"都落在上面算出的缺口 ({fmt_number(dx.CALCIUM_HIGH.value)}, {ca_conv}] mg/dL 之内："
      f"{bool(((ca[differ] > dx.CALCIUM_HIGH.value) & (ca[differ] <= ca_conv)).all())}")

# %% [markdown]
# ## 小结

# %%
display(Markdown("\n".join([
    f"- C：血钙 {dx.CALCIUM_HIGH.describe()}（{dx.CALCIUM_HIGH.describe('mmol/L')}），或高出 ULN "
    f"{dx.CALCIUM_ABOVE_ULN.describe()}（{dx.CALCIUM_ABOVE_ULN.describe('mmol/L')}）；按实测总钙判断，校正钙供参考。",
    f"- R：肌酐清除率 {dx.CRCL_LOW.describe()}，或肌酐 {dx.CREATININE_HIGH.describe()}"
    f"（{dx.CREATININE_HIGH.describe('µmol/L')}）；清除率可实测或用公式估算，低体重高龄者肌酐会低估肾损害。",
    f"- A：血红蛋白 {dx.HB_LOW.describe()}（{dx.HB_LOW.describe('g/L')}），或低于 LLN "
    f"{dx.HB_BELOW_LLN.describe()}（{dx.HB_BELOW_LLN.describe('g/L')}）。",
    f"- B：溶骨性病变数 {dx.LYTIC.describe()}（X 线、CT 或 PET-CT）。",
    "- C、R、A 都是严格不等式：恰在阈值上的数值不满足。",
    f"- 钙与肌酐的两种单位阈值是取整的并列值：钙的缺口为 ({fmt_number(dx.CALCIUM_HIGH.value)}, "
    f"{ca_conv}] mg/dL，肌酐为 ({fmt_number(dx.CREATININE_HIGH.value)}, {cr_conv}] mg/dL；"
    "用化验单的单位直接比较。",
])))

# %% [markdown]
# ## 练习
#
# 1. 一位患者血钙 2.76 mmol/L，正常上限 2.60 mmol/L。用 `mmlib.diagnosis.crab` 判断 C，再把血钙改为 2.75 mmol/L。
#    两次结果为什么不同？如果这位患者的化验单用 mg/dL 报告，会怎样？
# 2. 把患者丁的体重改为 70 kg、年龄改为 50 岁，重新计算 Cockcroft–Gault 和 CKD-EPI 2021。R 的判断会改变吗？
# 3. 患者丙的离子钙若明显升高，你会如何在报告中说明“C 阴性”这一结论的局限？
# 4. 用 `mmlib.practice` 自测：运行下面两格，读题后把答案写进 `answer = ...`（替换 `...`）再运行，会得到中文反馈和提示（题号 `crab-full-case`；更多题目见本书“动手实践”一章）。
#
# *本页是教学材料，不构成临床建议。*

# %%
from mmlib import practice

practice.show("crab-full-case")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("crab-full-case", answer);
