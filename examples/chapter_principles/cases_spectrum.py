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
# # 病例：三位患者的诊断
#
# 学完本页你能：
#
# - 按 IMWG 2014 区分 MGUS、SMM 与活动性骨髓瘤；
# - 找出改变诊断的单个检查结果；
# - 用已发表的进展率比较 MGUS 与 SMM 的风险。
#
# 源文档在“疾病谱系”一节给出了三位患者：
#
# 1. 血清 M 蛋白 2.8 g/dL，骨髓克隆性浆细胞 8%，无 CRAB、无骨髓瘤定义事件；
# 2. 血清 M 蛋白 3.5 g/dL，骨髓克隆性浆细胞 20%，无 CRAB、无骨髓瘤定义事件；
# 3. 骨髓克隆性浆细胞 12%，无 CRAB，但 MRI 显示两处局灶性病变（每处直径 ≥ 5 mm）。
#
# 本页用 `mmlib.diagnosis.classify` 按 IMWG 2014 标准逐一判断，打印每一步的推理过程；
# 再用国际单位（g/L、mmol/L、µmol/L）重做一遍；然后在“M 蛋白 × 骨髓浆细胞比例”平面上
# 画出三种诊断的边界，找出改变每个诊断的**单个**检查结果；最后用已发表的进展率看
# MGUS 与冒烟型骨髓瘤（SMM）随时间的进展风险。
#
# 页面上出现的每个阈值都从 `mmlib` 的 `Threshold` 常量中读出，而不是手写在这里。

# %%
from mmlib.plotting import PALETTE, use_book_style

use_book_style()

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from IPython.display import Markdown, display
from matplotlib.colors import ListedColormap
from matplotlib.patches import Patch

from mmlib import diagnosis as dx
from mmlib import risk
from mmlib.case import MEASURED, Case
from mmlib.cohort import assess_frame
from mmlib.sources import source
from mmlib.trace import fmt_number
from mmlib.units import to_si

# %% [markdown]
# ## 诊断标准（由 mmlib 列出）
#
# `mmlib.diagnosis.criteria_rows` 把诊断所用的全部阈值列成表：每一行都是一个 `Threshold` 对象，
# 常规单位和国际单位是 IMWG 原文并列给出的两个数值。先看三个阶段（MGUS、SMM、MM）的负荷指标，
# 再看三项恶性生物标志（SLiM）。

# %%
spectrum_keys = {dx.MGUS_M_PROTEIN.key, dx.SMM_M_PROTEIN.key, dx.SMM_URINE.key, dx.MGUS_BMPC.key,
                 dx.CLONAL_BMPC.key, dx.SMM_BMPC_UPPER.key}
rows = [r for r in dx.criteria_rows("spectrum") if r["key"] in spectrum_keys] + dx.criteria_rows("slim")
pd.DataFrame(rows).drop(columns="key")

# %% [markdown]
# ## 三个病例
#
# 源文档说这些患者“无 CRAB、无 MDE”。程序不能凭一句话判断“没有”：只有给出具体的正常化验值，
# 才能逐项排除 CRAB 和 SLiM。`classify` 对缺失的数据采用三值逻辑——缺失不等于阴性，
# 缺少排除所需的数据时结论是“无法确定”。下面这组正常值对三个病例通用：

# %%
no_mde = dict(
    calcium_mg_dl=9.5, calcium_uln_mg_dl=10.5,        # 血清钙及其正常上限
    creatinine_mg_dl=0.9, crcl_ml_min=90,             # 肌酐与实测肌酐清除率
    hemoglobin_g_dl=13.5, hemoglobin_lln_g_dl=12.0,   # 血红蛋白及其正常下限
    lytic_lesions=0,                                  # 溶骨性病变数
    flc_kappa_mg_l=30, flc_lambda_mg_l=10,            # 血清游离轻链
    mri_focal_lesions=0,                              # MRI 上直径 ≥ 5 mm 的局灶性病变数
)
cases = {
    "病例 1": dict(m_protein_g_dl=2.8, bmpc_percent=8, **no_mde),
    "病例 2": dict(m_protein_g_dl=3.5, bmpc_percent=20, **no_mde),
    "病例 3": dict(bmpc_percent=12, **{**no_mde, "mri_focal_lesions": 2}),
}
results = {name: dx.classify(Case.from_dict(d)) for name, d in cases.items()}


def items(verdicts: dict) -> str:
    """{'C': False, 'R': True} → 'C− R+'（+ 阳性，− 阴性，? 无法评估）"""
    return " ".join(k + {True: "+", False: "−", None: "?"}[v] for k, v in verdicts.items())


pd.DataFrame({name: {"诊断": dx.DIAGNOSIS_ZH[r.value], "CRAB": items(r.details["crab"]),
                     "SLiM": items(r.details["slim"])} for name, r in results.items()}).T

# %% [markdown]
# ### 推理过程
#
# 每个结论都带有完整的推理轨迹（`.explain()`）：每一行是一次比较——患者数值、所用阈值、是否符合，
# 以及出处。病例 1 的轨迹最长，因为诊断 MGUS 需要逐项排除所有 CRAB：

# %%
print(results["病例 1"].explain())

# %% [markdown]
# 病例 2 与病例 3 只看决定诊断的几行：血清 M 蛋白、骨髓浆细胞比例和 MRI。

# %%
key_criteria = (dx.SMM_M_PROTEIN.key, dx.CLONAL_BMPC.key, dx.BMPC_S.key, dx.MRI_LESIONS.key)
for name in ("病例 2", "病例 3"):
    r = results[name]
    print(f"{name}：{dx.DIAGNOSIS_ZH[r.value]}")
    for c in r.checks:
        if c.criterion in key_criteria:
            print("  -", c.explain())

# %% [markdown]
# 病例 3 没有 M 蛋白数值，诊断也不需要它：骨髓克隆性浆细胞达到 MM 的骨髓标准，加上 MRI 满足 SLiM 中的 M，
# 一项骨髓瘤定义事件已经足够。

# %% [markdown]
# ## 换成国际单位
#
# 国内化验单多用国际单位。把上面每个双单位字段按 `mmlib.units.to_si` 换算（M 蛋白、血红蛋白 ×10，
# 钙 ÷ 4.008，肌酐 × 88.4），改用对应的 SI 字段名，再诊断一次。`classify` 会把数值与
# **同一单位下公布的阈值**比较。

# %%
def in_si(record: dict) -> dict:
    """The same findings with every two-unit field given in SI units."""
    out = dict(record)
    for spec in MEASURED.values():
        if spec.conventional_field in out:
            value = out.pop(spec.conventional_field)
            out[spec.si_field] = to_si(spec.analyte, value, spec.conventional_unit)
    return out


si_results = {name: dx.classify(Case.from_dict(in_si(d))) for name, d in cases.items()}
pd.DataFrame({
    name: {"M 蛋白（g/L）": in_si(d).get("m_protein_g_l", "—"), "血钙（mmol/L）": round(in_si(d)["calcium_mmol_l"], 2),
           "肌酐（µmol/L）": round(in_si(d)["creatinine_umol_l"], 1), "常规单位诊断": dx.DIAGNOSIS_ZH[results[name].value],
           "国际单位诊断": dx.DIAGNOSIS_ZH[si_results[name].value],
           "一致": results[name].value == si_results[name].value}
    for name, d in cases.items()}).T

# %%
for c in si_results["病例 2"].checks:
    if c.criterion == dx.SMM_M_PROTEIN.key:
        print(c.explain())

# %% [markdown]
# M 蛋白的两个阈值（g/dL 与 g/L）恰好相差 10 倍，换算没有误差，所以两种单位的结论必然一致。
# 钙和肌酐的并列阈值是取整后的数值，在阈值附近会出现“单位缺口”，见本章的“病例：逐项评估 CRAB”一页。

# %% [markdown]
# ## 诊断的边界
#
# 固定其他检查为正常（`no_mde`），设免疫固定显示 IgG 型 M 蛋白（所以即使 M 峰小到无法定量，单克隆蛋白也已检出），
# 只改变血清 M 蛋白和骨髓克隆性浆细胞比例，判断平面上每一点的诊断并按诊断着色。整张网格用 `mmlib.cohort.assess_frame`
# 一次算完（它逐列计算，规则与 `classify` 相同，测试逐行核对两者；下面再抽查一部分格点）。图中的虚线直接取自阈值常量。

# %%
# 每个格子 [m, m + 0.1) × [b, b + 1) 按其左下角的数值判断，所以颜色的分界正好落在阈值上
m_grid = np.round(np.arange(0.1, 6.0, 0.1), 2)       # g/dL；M 蛋白为 0 时需要尿检和免疫固定才能分类，不在图中
bm_grid = np.arange(0, 80, 1.0)                      # %
order = ["mgus", "smoldering_multiple_myeloma", "multiple_myeloma"]
grid = pd.DataFrame([{**no_mde, "isotype": "IgG", "m_protein_g_dl": float(m), "bmpc_percent": float(b)}
                     for b in bm_grid for m in m_grid])
diagnoses = assess_frame(grid)["diagnosis"]
codes = np.array([order.index(d) for d in diagnoses]).reshape(len(bm_grid), len(m_grid))
sample = grid.index[::37]
agree = all(dx.classify(Case.from_dict(grid.loc[i].to_dict())).value == diagnoses[i] for i in sample)
print(f"抽查 {len(sample)} 个格点，assess_frame 与 classify 的诊断一致：{agree}")

short = {"mgus": "MGUS", "smoldering_multiple_myeloma": "冒烟型骨髓瘤（SMM）",
         "multiple_myeloma": "活动性骨髓瘤（MM，因 SLiM 的 S）"}
colors = [PALETTE[2], PALETTE[4], PALETTE[1]]
fig, ax = plt.subplots(figsize=(7.5, 5))
ax.pcolormesh(np.append(m_grid, m_grid[-1] + 0.1), np.append(bm_grid, bm_grid[-1] + 1), codes,
              cmap=ListedColormap(colors), vmin=-0.5, vmax=2.5, shading="flat", alpha=0.55)
ax.axvline(dx.SMM_M_PROTEIN.value, color="k", ls="--", lw=1)
for t in (dx.CLONAL_BMPC, dx.BMPC_S):
    ax.axhline(t.value, color="k", ls="--", lw=1)
ax.text(dx.SMM_M_PROTEIN.value + 0.05, 75, f"M 蛋白 {dx.SMM_M_PROTEIN.describe()}", fontsize=9)
ax.text(4.3, dx.CLONAL_BMPC.value + 1, f"浆细胞 {dx.CLONAL_BMPC.describe()}", fontsize=9)
ax.text(4.3, dx.BMPC_S.value + 1, f"浆细胞 {dx.BMPC_S.describe()}（S）", fontsize=9)
for name in ("病例 1", "病例 2"):
    d = cases[name]
    ax.plot(d["m_protein_g_dl"], d["bmpc_percent"], "ko", ms=7)
    ax.annotate(name, (d["m_protein_g_dl"], d["bmpc_percent"]), xytext=(6, 4), textcoords="offset points")
ax.set_xlabel("血清 M 蛋白（g/dL）")
ax.set_ylabel("骨髓克隆性浆细胞比例（%）")
ax.set_title("其他检查均正常时，M 蛋白与骨髓浆细胞比例决定的诊断")
ax.legend(handles=[Patch(color=c, alpha=0.55, label=short[k]) for k, c in zip(order, colors)],
          loc="center right", fontsize=9, framealpha=0.9, frameon=True)
# alt: 区域图：横轴为血清 M 蛋白，纵轴为骨髓克隆性浆细胞比例；虚线阈值把平面分成 MGUS、冒烟型骨髓瘤和活动性骨髓瘤（浆细胞达到 SLiM 标准）等区域，黑点是三位患者所在的位置。
plt.show()

# %% [markdown]
# 三点值得注意：
#
# - MGUS 只占左下角的矩形：**两项**都必须低于阈值；SMM 只要求**一项**达到（“和/或”），所以呈 L 形。
# - 浆细胞比例达到 S 的阈值后，不论 M 蛋白多少都是活动性骨髓瘤：这是一项骨髓瘤定义事件。
# - 病例 3 的 M 蛋白未知、浆细胞 12%，在这张图上会落在 SMM 区域；让它成为 MM 的是图上没有画出的
#   第三个维度——MRI。

# %% [markdown]
# ## 哪一个检查结果会改变诊断？
#
# 对每个病例只改动**一项**检查，看诊断如何变化。改动后的数值都取在阈值上或刚越过阈值，
# 数值由阈值常量算出。

# %%
what_if = {
    "病例 1": [
        ("M 蛋白升到 SMM 阈值", {"m_protein_g_dl": dx.SMM_M_PROTEIN.value}),
        ("浆细胞升到 10% 阈值", {"bmpc_percent": dx.CLONAL_BMPC.value}),
        ("出现 2 处 MRI 局灶性病变", {"mri_focal_lesions": 2}),
        ("血钙刚超过 C 的阈值", {"calcium_mg_dl": dx.CALCIUM_HIGH.value + 0.1}),
    ],
    "病例 2": [
        ("M 蛋白降到阈值以下", {"m_protein_g_dl": dx.SMM_M_PROTEIN.value - 0.1}),
        ("浆细胞升到 S 阈值", {"bmpc_percent": dx.BMPC_S.value}),
        ("受累/非受累 FLC 比值达到 Li 阈值",
         {"flc_kappa_mg_l": dx.FLC_RATIO_LI.value * no_mde["flc_lambda_mg_l"]}),
        ("血红蛋白刚低于 A 的阈值", {"hemoglobin_g_dl": dx.HB_LOW.value - 0.1}),
        ("出现 1 处溶骨性病变", {"lytic_lesions": dx.LYTIC.value}),
    ],
    "病例 3": [
        ("MRI 只有 1 处病变", {"mri_focal_lesions": 1}),
        ("浆细胞降到 10% 以下", {"bmpc_percent": dx.CLONAL_BMPC.value - 1}),
    ],
}
table = []
for name, changes in what_if.items():
    before = results[name].value
    for label, change in changes:
        after = dx.classify(Case.from_dict({**cases[name], **change}))
        shown = ", ".join(f"{k} = {fmt_number(v)}" for k, v in change.items())
        table.append({"病例": name, "原诊断": dx.DIAGNOSIS_ZH[before], "改动": label, "新数值": shown,
                      "新诊断": dx.DIAGNOSIS_ZH[after.value], "改变": after.value != before,
                      "原因代码": after.details["reason"] or "—"})
pd.DataFrame(table)

# %% [markdown]
# 两处结果值得细读：
#
# - 病例 1 出现高钙血症或 MRI 病变，程序并**没有**把诊断改成 MM，而是“无法确定”
#   （原因代码 `mde_without_clonal_basis`，中文说明见下一格）：IMWG 的 MM 诊断以
#   骨髓克隆性浆细胞达标（或活检证实的浆细胞瘤）为前提。浆细胞不足而出现骨髓瘤定义事件时，
#   应寻找其他原因或对病灶取活检。
# - 病例 2 把 M 蛋白降到阈值以下仍是 SMM：浆细胞比例一项已经满足。这正是“和/或”的含义。

# %%
print(dx.classify(Case.from_dict({**cases["病例 1"], "calcium_mg_dl": dx.CALCIUM_HIGH.value + 0.1})).summary)

# %% [markdown]
# ## 进展风险随时间的变化
#
# MGUS 与 SMM 都是“观察、不治疗”的阶段，但进展风险相差很大。`mmlib.risk` 收录了已发表的进展率：
#
# - MGUS：总体每年约 1% 进展为骨髓瘤或相关疾病（Kyle 2002）；按类型，IgM 型约 1.5%（进展为淋巴瘤或相关疾病，
#   Kyle 2003），轻链型约 0.3%（Dispenzieri 2010）；
# - SMM：前 5 年每年约 10% 进展为活动性骨髓瘤或淀粉样变性，随后 5 年每年约 3%，此后每年约 1%（Kyle 2007）。
#
# Kyle 报告的是**累积进展比例每年增加的量**，所以累积风险是各段的直线相加：
#
# $$P(t) = \sum_k r_k \cdot \max\bigl(0,\ \min(t, b_k) - a_k\bigr),$$
#
# 其中 $r_k$ 是第 $k$ 段（从第 $a_k$ 年到第 $b_k$ 年）每年增加的比例。各危险分层模型的已发表数字以散点
# 叠加在图上：Mayo 2018 SMM 三组的中位进展时间（此时累积进展 50%）、IMWG 验证队列中这三组的 2 年进展率，
# 以及 Mayo MGUS 模型各组的 20 年进展率。

# %%
years = np.linspace(0, 20, 201)
fig, ax = plt.subplots(figsize=(7, 4.8))
ax.plot(years, [100 * risk.cumulative_progression(risk.SMM_PROGRESSION_PIECEWISE, t) for t in years],
        color=PALETTE[1], lw=2.5, label=f"SMM（{source('kyle2007smm').short}）")
ax.plot(years, [100 * risk.cumulative_progression(risk.MGUS_ANNUAL_PROGRESSION, t) for t in years],
        color=PALETTE[0], lw=2.5, label=f"MGUS 总体（{source('kyle2002mgus').short}）")
for (kind, rate), ls in zip(risk.MGUS_ANNUAL_PROGRESSION_BY_TYPE.items(), (":", "-.", (0, (5, 2)))):
    ax.plot(years, [100 * risk.cumulative_progression(rate, t) for t in years], color=PALETTE[0], ls=ls, lw=1.2,
            label=rate.zh)
markers = {"low": "o", "intermediate": "s", "high": "^"}
for group, months in risk.MAYO2018_MEDIAN_TTP_MONTHS.items():
    ax.plot(months / 12, 50, markers[group], color=PALETTE[3], ms=8,
            label=f"Mayo 2018 SMM {risk.GROUP_ZH[group]}：中位进展时间")
for group, pct in risk.MAYO2018_IMWG_VALIDATION_2Y_PERCENT.items():
    ax.plot(2, pct, markers[group], color=PALETTE[4], ms=8, mfc="none", mew=2,
            label=f"2/20/20 {risk.GROUP_ZH[group]}：2 年（IMWG 验证）")
for i, (group, pct) in enumerate(risk.MGUS_20Y_PROGRESSION_PERCENT.items()):
    ax.plot(20, pct, "D", color=PALETTE[0], ms=6, mfc="white", mew=1.5,
            label=f"Mayo MGUS 模型各组：20 年（{source('mayo2005mgus').short}）" if i == 0 else None)
    ax.annotate(f"MGUS {risk.GROUP_ZH[group]}", (20, pct), xytext=(-6, 0), textcoords="offset points",
                ha="right", va="center", fontsize=8)
ax.set_xlim(0, 20.5)
ax.set_ylim(0, 100)
ax.set_xlabel("诊断后时间（年）")
ax.set_ylabel("累积进展比例（%）")
ax.set_title("MGUS 与冒烟型骨髓瘤的累积进展风险")
ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
# alt: 累积进展曲线：横轴为诊断后年数，纵轴为累积进展比例；冒烟型骨髓瘤的曲线在前几年上升得远比 MGUS 总体快，细线为 MGUS 各类型，另用标记点标出 Mayo 2018 与 2/20/20 各风险组以及 Mayo MGUS 模型各组发表的进展比例。
plt.show()

# %% [markdown]
# 几个由上图读出的数字：

# %%
smm, mgus = risk.SMM_PROGRESSION_PIECEWISE, risk.MGUS_ANNUAL_PROGRESSION
lines = [f"- SMM 5 年累积进展约 {100 * risk.cumulative_progression(smm, 5):.0f}%，"
         f"10 年约 {100 * risk.cumulative_progression(smm, 10):.0f}%；"
         f"MGUS 10 年约 {100 * risk.cumulative_progression(mgus, 10):.0f}%，"
         f"20 年约 {100 * risk.cumulative_progression(mgus, 20):.0f}%。",
         "- Mayo 2018 “20/2/20” 模型三组的中位进展时间为 "
         + "、".join(f"{risk.GROUP_ZH[g]} {m} 个月（约 {m / 12:.1f} 年）"
                     for g, m in risk.MAYO2018_MEDIAN_TTP_MONTHS.items()) + "。",
         "- Mayo MGUS 模型各组 20 年进展率："
         + "、".join(f"{risk.GROUP_ZH[g]} {fmt_number(p)}%" for g, p in risk.MGUS_20Y_PROGRESSION_PERCENT.items())
         + "；把死亡作为竞争风险时为 "
         + "、".join(f"{fmt_number(p)}%" for p in risk.MGUS_20Y_PROGRESSION_COMPETING_PERCENT.values()) + "。"]
display(Markdown("\n".join(lines)))

# %% [markdown]
# 同样叫“SMM”，高危组约 2 年半就有一半患者进展，低危组则接近 10 年——这正是 SMM 需要进一步危险分层、
# 而一部分高危 SMM 被 SLiM 标准直接归入活动性骨髓瘤的原因。这些曲线是队列的平均值，不是对个人的预测；
# 直线相加也只是对已发表年率的最简单读法。

# %% [markdown]
# ## 小结

# %%
display(Markdown("\n".join([
    f"- MGUS：血清 M 蛋白 {dx.MGUS_M_PROTEIN.describe()}（{dx.MGUS_M_PROTEIN.describe('g/L')}）**且**骨髓克隆性浆细胞 "
    f"{dx.MGUS_BMPC.describe()}，并已排除全部 CRAB。",
    f"- SMM：M 蛋白 {dx.SMM_M_PROTEIN.describe()}（或尿 M 蛋白 {dx.SMM_URINE.describe()}）**和/或**浆细胞 "
    f"{dx.CLONAL_BMPC.describe()} 且 {dx.SMM_BMPC_UPPER.describe()}，无任何骨髓瘤定义事件。",
    f"- MM：浆细胞 {dx.CLONAL_BMPC.describe()}（或活检证实的浆细胞瘤）加至少一项 CRAB 或 SLiM；"
    f"病例 3 只凭 MRI（{dx.MRI_LESIONS.describe()} 处、每处 {dx.MRI_LESION_SIZE.describe()}）即成立。",
    "- “没有 CRAB”必须由正常化验值证明；缺失数据时 `classify` 给出“无法确定”和缺失字段。",
    "- M 蛋白的常规与国际单位阈值换算精确，两种单位结论一致。",
    "- SMM 的进展风险远高于 MGUS，且 SMM 内部差异很大，需要危险分层。",
])))

# %% [markdown]
# ## 练习
#
# 1. 把病例 2 的骨髓浆细胞改为 9%、M 蛋白保持 3.5 g/dL，诊断是什么？再把 M 蛋白改成 30 g/L（国际单位）
#    运行一次，结论是否相同？为什么？
# 2. 去掉 `no_mde` 中的 `lytic_lesions`，对病例 1 和病例 3 分别调用 `classify`。哪一个仍能得出诊断？
#    用 `.missing` 和 `.details["provisional"]` 解释差别。
# 3. 用 `mmlib.risk.smm_mayo2018` 计算病例 2 的 Mayo 2018 危险分组，并在上面的进展图上找到它对应的点。
# 4. 用 `mmlib.practice` 自测：运行下面两格，读题后把答案写进 `answer = ...`（替换 `...`）再运行，会得到中文反馈和提示（题号 `spectrum-mm-mri-4410328`；更多题目见本书“动手实践”一章）。
#
# *本页是教学材料，不构成临床建议。*

# %%
from mmlib import practice

practice.show("spectrum-mm-mri-4410328")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("spectrum-mm-mri-4410328", answer);
