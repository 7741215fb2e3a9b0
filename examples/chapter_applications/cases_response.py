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
# # 病例：疗效轨迹与 MRD
#
# 一位 IgG κ 型多发性骨髓瘤患者开始治疗后每月随访一次。本页用 `mmlib.response.assess_visits` 按 IMWG
# 2016 标准逐次判定疗效，回答三个问题：
#
# 1. 每次随访的疗效等级是什么？它被下一次评估**确认**了吗？
# 2. M 蛋白回升时，从哪一次开始算**疾病进展（PD）**？
# 3. 达到完全缓解以后，要获取多少个骨髓细胞才能可靠地说“MRD 阴性”？
#
# 页面上的阈值、最低值（nadir）与确认规则都由 `mmlib` 计算；病例数据是为教学虚构的。

# %%
from mmlib.plotting import PALETTE, use_book_style

use_book_style()

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from IPython.display import Markdown, display

from mmlib import mrd
from mmlib import response as rsp
from mmlib.trace import fmt_number

# %% [markdown]
# ## 疗效与进展的阈值
#
# 下表由 `mmlib.response.RESPONSE_TABLE` 生成：每一行都是库中的一个 `Threshold` 常量，
# 疗效判断、推理轨迹和本页表格用的是同一个对象。

# %%
pd.DataFrame([{"条目": t.zh, "标准": t.describe(), "常规/国际单位": t.describe(t.si_unit) if t.si_unit else ""}
              for t in rsp.RESPONSE_TABLE])

# %% [markdown]
# ## 随访数据
#
# 基线：血清 M 蛋白 4.2 g/dL，24 小时尿 M 蛋白 350 mg（二者都达到“可测量病灶”标准）。
# 此后 9 次随访都同时测了血清和尿 M 蛋白。

# %%
baseline = {"m_protein_g_dl": 4.2, "urine_m_protein_mg_24h": 350}
course = [("2024-02-01", 2.6, 120), ("2024-03-01", 1.8, 60), ("2024-04-01", 0.9, 40),
          ("2024-05-01", 0.4, 0), ("2024-06-01", 0.35, 0), ("2024-08-01", 0.3, 0),
          ("2024-10-01", 0.6, 0), ("2024-11-01", 0.8, 0), ("2024-12-01", 1.1, 0)]
visits = [{"date": d, "current": {"m_protein_g_dl": m, "urine_m_protein_mg_24h": u}} for d, m, u in course]
series = rsp.assess_visits({"baseline": baseline, "visits": visits})
print(series.explain())

# %% [markdown]
# 把每次随访的结果列成表：`最低值` 是判定这一次 PD 时所用的参照值（基线和此前各次随访中的最低值），
# `PD 线` 是这一次血清 M 蛋白达到即判为 PD 的数值——较最低值升高 ≥ 25%，且绝对升高 ≥ 0.5 g/dL，两者都要满足，
# 所以取二者中较高的一个。

# %%
def pd_line(nadir: float) -> float:
    """The serum value at which PD is reached from this nadir (both the relative and the absolute rise)."""
    return max(nadir * (1 + rsp.PD_RISE.value / 100), nadir + rsp.PD_SERUM_RISE.value)


rows = []
for (date, m, u), v in zip(course, series.visits):
    nadir = v.to_dict()["nadir"]["m_protein_g_dl"]
    fall = (baseline["m_protein_g_dl"] - m) / baseline["m_protein_g_dl"] * 100
    rows.append({"日期": date, "血清 M 蛋白 (g/dL)": m, "尿 M 蛋白 (mg/24 h)": u, "较基线下降 (%)": round(fall, 1),
                 "最低值 (g/dL)": nadir, "PD 线 (g/dL)": round(pd_line(nadir), 3), "疗效": v.category,
                 "已确认": {True: "是", False: "否", None: "待定"}[v.confirmed]})
table = pd.DataFrame(rows)
table

# %%
display(Markdown(
    f"最佳已确认疗效：**{series.best_confirmed_response}**；疾病进展（PD）记在 **{series.progression_date}**——"
    "这是两次连续 PD 评估中的第一次。"))

# %% [markdown]
# 读表时注意三处：
#
# * **2024-05-01** 血清 M 蛋白较基线下降超过 90%，尿 M 蛋白为 0，达到 VGPR；下一次仍为 VGPR，故已确认。
# * **2024-10-01** 血清 M 蛋白从最低值 0.3 g/dL 升到 0.6 g/dL，相对升高达 100%，但绝对升高只有 0.3 g/dL，
#   未达 0.5 g/dL，因此**不是** PD——低水平时的波动主要由检测误差决定，绝对阈值就是为此而设。
# * **2024-11-01** 升到 0.8 g/dL，相对与绝对两条都满足，判为 PD；2024-12-01 再次满足，PD 得到确认，
#   进展日期记为两次中的第一次。

# %% [markdown]
# ## M 蛋白轨迹
#
# 图中点的颜色表示每次随访的疗效等级，空心点是未被下一次评估确认的结果；虚线是当时的最低值，
# 点线是“达到即为 PD”的数值。

# %%
colors = {"PD": PALETTE[1], "SD": PALETTE[7], "MR": PALETTE[4], "PR": PALETTE[0], "VGPR": PALETTE[2],
          "CR": PALETTE[3], "sCR": PALETTE[3]}
dates = pd.to_datetime(table["日期"])
fig, ax = plt.subplots(figsize=(8, 4.6))
ax.plot(dates, table["血清 M 蛋白 (g/dL)"], color="0.6", lw=1.2, zorder=1)
ax.step(dates, table["最低值 (g/dL)"], where="post", ls="--", color=PALETTE[5], label="最低值（nadir）")
pd_shown = table["PD 线 (g/dL)"].where(table["PD 线 (g/dL)"] < 4.6)  # the first, from baseline, is off the scale
ax.step(dates, pd_shown, where="post", ls=":", color=PALETTE[1], label="PD 线")
for d, m, v in zip(dates, table["血清 M 蛋白 (g/dL)"], series.visits):
    c = colors.get(v.category or "", "0.5")
    ax.scatter(d, m, s=60, zorder=3, color=c if v.confirmed else "white", edgecolors=c, linewidths=1.8)
    ax.annotate(v.category or "？", (d, m), textcoords="offset points", xytext=(0, 9), ha="center", fontsize=9)
ax.axhline(baseline["m_protein_g_dl"], color="0.8", lw=0.8)
ax.text(dates.iloc[0], baseline["m_protein_g_dl"] + 0.08, "基线 4.2 g/dL", fontsize=9, color="0.4")
pd_day = pd.to_datetime(series.progression_date)
ax.axvline(pd_day, color=PALETTE[1], lw=0.8, alpha=0.6)
ax.text(pd_day, 3.6, " PD 日期", color=PALETTE[1], fontsize=9)
ax.set_ylim(0, 4.6)
ax.set_ylabel("血清 M 蛋白（g/dL）")
ax.set_title("一位患者的血清 M 蛋白轨迹与 IMWG 2016 疗效")
ax.legend(loc="upper right", frameon=False)
fig.autofmt_xdate()
# alt: 折线图，横轴为 2024 年 2 月至 12 月的随访日期，纵轴为血清 M 蛋白（g/dL）：M 蛋白从基线逐月下降，各点依次标为 MR、PR、VGPR，随后在低水平缓慢回升，最后两次标为 PD，竖线标出 PD 日期；阶梯虚线为当时的最低值，阶梯点线为 PD 线，回升初期的点仍在 PD 线以下；实心点为已确认的疗效，空心点为未被下一次评估确认的疗效。
plt.show()

# %% [markdown]
# ## 缺少尿检时会怎样
#
# 同一位患者若在 2024-05-01 没有送检 24 小时尿，VGPR 所要求的“尿 M 蛋白 < 100 mg/24 h”无从判断。
# `mmlib` 不会默认尿检正常：它只报告不需要这一项就能确认的最高等级，并用 `provisional` 写出补上数据后可能达到的等级、
# 用 `missing` 写出缺少的字段。基线尿 M 蛋白 350 mg 已达可测量标准，
# PR 也需要当次的尿值，所以这一次连 PR 都无法确认。

# %%
no_urine = rsp.assess_response({"baseline": baseline, "current": {"m_protein_g_dl": 0.4}})
print(no_urine.value, no_urine.details["provisional"], no_urine.details["missing"])

# %% [markdown]
# ## MRD：一个抽样问题
#
# 达到 CR 之后，电泳和免疫固定已看不到 M 蛋白，疗效评估转向骨髓中的残留克隆细胞。
# 若克隆细胞在有核细胞中的比例为 $f$，获取 $n$ 个细胞时看到的克隆细胞数近似服从均值为 $\lambda = nf$
# 的泊松分布，至少看到 $k$ 个的概率是
#
# $$P(X \ge k) = 1 - \sum_{i=0}^{k-1} \frac{e^{-\lambda}\lambda^{i}}{i!}$$
#
# 下表列出两种频率下，以 95% 的把握看到至少 1 个、至少 20 个（检测限的事件数约定）克隆细胞所需获取的细胞数。
#

# %%
levels = {"10⁻⁵": mrd.IMWG_SENSITIVITY, "10⁻⁶": mrd.DEEP_SENSITIVITY}
tex = {"10⁻⁵": "$10^{-5}$", "10⁻⁶": "$10^{-6}$"}  # the plot font has no superscript digits: mathtext
pd.DataFrame([{"克隆细胞比例": name,
               "≥ 1 个（95%）": f"{mrd.cells_required(f):,}",
               f"≥ {mrd.LOD_EVENTS} 个（95%）": f"{mrd.cells_required(f, mrd.LOD_EVENTS):,}",
               f"期望 {mrd.LOD_EVENTS} 个所需细胞": f"{mrd.cells_for_limit(f):,}"}
              for name, f in levels.items()])

# %% [markdown]
# 检测概率随获取细胞数的变化画成曲线。实线为“至少 1 个”，虚线为“至少 20 个”；
# 水平线是 95%。

# %%
cells = np.logspace(4, 8.5, 400)
fig, ax = plt.subplots(figsize=(8, 4.6))
for (name, f), color in zip(levels.items(), (PALETTE[0], PALETTE[1])):
    ax.plot(cells, [mrd.detection_probability(n, f) for n in cells], color=color, label=f"f = {tex[name]}，≥ 1 个")
    ax.plot(cells, [mrd.detection_probability(n, f, mrd.LOD_EVENTS) for n in cells], color=color, ls="--",
            label=f"f = {tex[name]}，≥ {mrd.LOD_EVENTS} 个")
ax.axhline(mrd.DEFAULT_PROBABILITY, color="0.5", lw=0.8)
ax.text(1.2e4, mrd.DEFAULT_PROBABILITY - 0.06, f"{mrd.DEFAULT_PROBABILITY:.0%}", color="0.4", fontsize=9)
ax.set_xscale("log")
ax.set_xlabel("获取的有核细胞数")
ax.set_ylabel("检测到克隆的概率")
ax.set_title("MRD 检测概率与获取细胞数")
ax.legend(frameon=False, fontsize=9)
# alt: S 形曲线图，横轴为获取的有核细胞数（对数刻度），纵轴为检测到克隆的概率，水平线为目标检测概率：较高的那个克隆比例的两条曲线在左，低十倍的比例的两条在右、整体向右平移约一个数量级；每种比例中，要求至少 20 个克隆细胞的虚线比至少 1 个的实线需要多得多的细胞、上升也更陡。
plt.show()

# %% [markdown]
# 结论很直接：要在 10⁻⁶ 水平上可靠地看到哪怕 1 个克隆细胞，也需要约 300 万个细胞；
# 若按 20 个事件的约定“判为阳性”，则需要约 2,000 万个细胞。样本不足时的“MRD 阴性”
# 只说明“在这个样本量下没有看到”，并不能推出克隆比例低于 10⁻⁶。

# %%
for n in (1_000_000, 3_000_000, 10_000_000):
    p = mrd.detection_probability(n, mrd.DEEP_SENSITIVITY)
    print(f"获取 {n:>10,} 个细胞，克隆比例 10⁻⁶：至少看到 1 个的概率 {p:.3%}，"
          f"按 {mrd.LOD_EVENTS} 个事件计的检测限 = {fmt_number(round(mrd.limit_of_detection(n) * 1e6, 2))} × 10⁻⁶")
