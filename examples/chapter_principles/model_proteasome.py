# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 模型：蛋白酶体抑制与未折叠蛋白反应
#
# 学完本页你能：
#
# - 用负荷/容量平衡解释未折叠蛋白反应；
# - 说明蛋白酶体抑制的“双重打击”（CHOP 上升、MCL1 耗竭）；
# - 解释骨髓瘤细胞为什么比正常细胞更敏感，并设想一种耐药途径。
#
# 正文解释了蛋白酶体抑制剂为什么对骨髓瘤细胞特别有效：骨髓瘤细胞是“蛋白质工厂”，
# 持续合成大量免疫球蛋白，错误折叠蛋白的清除高度依赖蛋白酶体。抑制蛋白酶体后，错误折叠蛋白堆积，
# 激活 PERK → eIF2α 磷酸化 → 全局翻译下降、ATF4 选择性翻译 → CHOP 升高；同时短半衰期的抗凋亡蛋白 MCL1
# 因翻译受抑而得不到补充——“双重打击”触发凋亡。
#
# 本页的细胞模型（时间单位：小时，数量均为相对值）：
#
# $$\frac{dU}{dt} = \phi L\,\tau - V(1-i)\frac{U}{K_m + U},\qquad
# P = \frac{U^n}{K_P^n + U^n},\qquad \tau = 1 - a_P P,$$
#
# $$\frac{d\,\mathrm{CHOP}}{dt} = k_C P - \delta_C\,\mathrm{CHOP},\qquad
# \frac{d\,\mathrm{MCL1}}{dt} = k_M \tau - \delta_M\,\mathrm{MCL1},\qquad
# R = \frac{\mathrm{CHOP}}{\mathrm{MCL1}}.$$
#
# $U$ 为待降解的错误折叠蛋白，$\phi L$ 为其产生速率（与免疫球蛋白合成量成正比），$V$ 为蛋白酶体容量，
# $i$ 为药物抑制的比例，$P$ 为 PERK 活性，$\tau$ 为全局翻译水平。存活比例为 $\theta^m/(\theta^m + R^m)$。

# %%
from mmlib.plotting import use_book_style

use_book_style()

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from mmlib.models import parameter_table
from mmlib.models import proteasome as pr

# %% [markdown]
# ## 参数
#
# 机制来自文献：蛋白酶体抑制剂诱导终末 UPR（Obeng 2006），负荷与容量之比决定敏感性（Bianchi 2009）。
# 所有数值都是**示意值**。
#
# 模型有意省略了一点：MCL1 本身也由蛋白酶体降解，蛋白酶体抑制剂**常常**使 MCL1 稳定、蓄积（Nencioni 2005）；
# 这里只保留教科书强调的“翻译依赖性耗竭”。下文凡是显示 MCL1 下降之处，都应读作“功能上可用的 MCL1”减少。
#
# 剂量轴标作 nM，只是为了有一个熟悉的刻度：**所有剂量和由此得到的 IC50 都是示意值**，不是任何药物的实测效价。

# %%
parameter_table(pr.PARAMETERS).style.hide(axis="index")

# %% [markdown]
# ## 无药物时的稳态
#
# 骨髓瘤细胞的错误折叠蛋白负荷是正常细胞的 10 倍，蛋白酶体容量只高 4 倍：它平时就处在更高的应激水平上。

# %%
rows = []
for cell in (pr.MYELOMA_CELL, pr.NORMAL_CELL):
    s = pr.steady_state(cell)
    rows.append({"细胞": cell.name, "负荷 φL": cell.load, "容量 V": cell.capacity, "负荷/容量": cell.load / cell.capacity,
                 "U*": round(s.U, 3), "PERK 活性": round(s.perk, 3), "翻译水平": round(s.translation, 3),
                 "CHOP/MCL1": round(s.death_signal, 3), "存活比例": round(s.viability, 3)})
pd.DataFrame(rows).set_index("细胞")

# %% [markdown]
# ## 加药后的时间进程（10 nM，示意剂量）

# %%
fig, axes = plt.subplots(1, 3, figsize=(13, 3.8))
for cell, color in ((pr.MYELOMA_CELL, "#D55E00"), (pr.NORMAL_CELL, "#0072B2")):
    tr = pr.simulate(cell, 10.0, t_end=48)
    axes[0].plot(tr.t, tr.U, color=color, label=cell.name)
    axes[1].plot(tr.t, tr.chop, color=color, label=f"{cell.name} CHOP")
    axes[1].plot(tr.t, tr.mcl1, color=color, ls="--", label=f"{cell.name} MCL1")
    axes[2].plot(tr.t, tr.death_signal, color=color, label=cell.name)
axes[2].axhline(pr.MYELOMA_CELL.theta, color="grey", ls=":", label="凋亡阈值 θ")
axes[0].set_ylabel("错误折叠蛋白 U（相对量）")
axes[0].set_title("错误折叠蛋白堆积")
axes[1].set_ylabel("蛋白水平（相对量）")
axes[1].set_title("CHOP 升高（实线），MCL1 下降（虚线）")
axes[2].set_ylabel("CHOP / MCL1")
axes[2].set_title("凋亡信号越过阈值")
for ax in axes:
    ax.set_xlabel("加药后时间（小时）")
    ax.legend(fontsize=8)
fig.tight_layout()
# alt: 三幅并排曲线，横轴为加药后时间（小时），骨髓瘤细胞与正常细胞各一条：错误折叠蛋白堆积；CHOP 升高（实线）而 MCL1 下降（虚线）；凋亡信号 CHOP/MCL1 上升，点线为凋亡阈值 θ。
plt.show()

# %% [markdown]
# MCL1 的半衰期短（模型中约 0.7 小时），翻译一受抑制就在数小时内下降；CHOP 的积累较慢。
# 两者的比值同时从分子和分母两个方向增大——这就是“双重打击”。
#
# > **注意：中间图里的 MCL1 下降是模型假设**
# >
# > 真实的骨髓瘤细胞在接触蛋白酶体抑制剂后，MCL1 蛋白**常常反而升高**：它本身由蛋白酶体降解，降解受阻后会蓄积，
# > 并减慢药物的促凋亡作用（Nencioni 2005）。细胞仍会死亡，主要是因为 NOXA 等促凋亡蛋白被诱导、与 MCL1 结合并使之失活。
# > 所以这里的 MCL1 曲线应理解为“功能上可用、未被中和的 MCL1”，而不是用免疫印迹测得的 MCL1 蛋白总量。
#
# ## 剂量—反应曲线与 IC50

# %%
doses = np.logspace(-1, 3, 120)
ic50_mm, ic50_normal = pr.ic50(pr.MYELOMA_CELL), pr.ic50(pr.NORMAL_CELL)
fig, ax = plt.subplots(figsize=(7, 4.2))
ax.plot(doses, pr.dose_response(pr.MYELOMA_CELL, doses) * 100, color="#D55E00", label="骨髓瘤细胞")
ax.plot(doses, pr.dose_response(pr.NORMAL_CELL, doses) * 100, color="#0072B2", label="正常细胞")
for value, color in ((ic50_mm, "#D55E00"), (ic50_normal, "#0072B2")):
    ax.axvline(value, color=color, ls=":")
ax.set_xscale("log")
ax.set_xticks([0.1, 1, 10, 100, 1000], labels=["0.1", "1", "10", "100", "1000"])
ax.set_xlabel("药物浓度（示意剂量，以 nM 标度，对数刻度）")
ax.set_ylabel("稳态存活比例（%）")
ax.set_title(f"示意 IC50：骨髓瘤 {ic50_mm:.1f} nM，正常细胞 {ic50_normal:.1f} nM（比值 {ic50_normal / ic50_mm:.1f}）")
ax.legend(fontsize=9)
# alt: 剂量反应曲线：稳态存活比例随药物浓度（对数刻度）升高而下降，骨髓瘤细胞的曲线在正常细胞左侧；竖点线标出两者的 IC50，标题给出数值与比值。
plt.show()

# %% [markdown]
# ## 转动旋钮：免疫球蛋白合成负荷
#
# 保持蛋白酶体容量不变，改变骨髓瘤细胞的错误折叠蛋白负荷 $\phi L$：负荷越高，IC50 越低——
# 分泌免疫球蛋白越多的细胞对蛋白酶体抑制越敏感。

# %%
loads = np.linspace(0.1, 1.5, 29)
ic50s = [pr.ic50(pr.with_load(pr.MYELOMA_CELL, load)) for load in loads]
fig, ax = plt.subplots(figsize=(7, 4))
ax.plot(loads / pr.MYELOMA_CELL.capacity, ic50s, "o-")
ax.set_yscale("log")
ax.set_yticks([1, 3, 10, 30, 100], labels=["1", "3", "10", "30", "100"])
ax.minorticks_off()
ax.set_xlabel("负荷 / 容量（φL / V）")
ax.set_ylabel("示意 IC50（nM 标度，对数刻度）")
ax.set_title("负荷越接近容量，所需剂量越低")
# alt: 曲线图：所需的 IC50（对数刻度）随蛋白负荷与降解容量之比 φL/V 增大而下降。
plt.show()

# %% [markdown]
# ## 小结
#
# - 错误折叠蛋白的产生（负荷）与蛋白酶体的降解（容量）之间的平衡决定细胞的应激水平。
# - 抑制蛋白酶体使错误折叠蛋白堆积，PERK 活化：全局翻译下降、ATF4–CHOP 上升，短命的 MCL1 随之耗竭。
# - CHOP/MCL1 比值越过阈值触发凋亡；骨髓瘤细胞负荷/容量比高，IC50 比正常细胞低数倍。
# - 负荷越接近容量，细胞越敏感；提高蛋白酶体容量是一种可以设想的耐药途径。
#
# *本页为教学模型，所有数值均为示意值，不构成临床建议。*

# %% [markdown]
# ## 练习
#
# 1. 如果肿瘤细胞通过上调蛋白酶体亚基把容量 $V$ 从 2.0 提高到 3.0，IC50 会怎样变化？
#    用 `pr.ic50(pr.CellParams(capacity=3.0))` 验证，并据此解释一种可能的耐药机制。
# 2. 把 MCL1 的降解速率 `delta_mcl1` 调小（半衰期变长），骨髓瘤细胞在加药后 6 小时的 CHOP/MCL1 比值会怎样？
#    这说明“短半衰期”在双重打击中起什么作用？
# 3. 用 `mmlib.practice` 自测：运行下面两格，读题后把答案写进 `answer = ...`（替换 `...`）再运行，会得到中文反馈和提示（题号 `proteasome-ic50`；更多题目见本书“动手实践”一章）。

# %%
from mmlib import practice

practice.show("proteasome-ic50")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("proteasome-ic50", answer);
