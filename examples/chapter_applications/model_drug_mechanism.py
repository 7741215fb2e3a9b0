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
# # 模型：药物作用机制
#
# **IMiD 诱导的 IKZF1/IKZF3 降解动力学。**
#
# 正文讲到，来那度胺（lenalidomide）、泊马度胺（pomalidomide）等免疫调节药物并不“抑制”某个酶，
# 而是一种“分子胶”：药物结合 cereblon（CRBN），让 CRL4–CRBN E3 泛素连接酶去识别本来不认识的底物——
# 淋巴系转录因子 IKZF1（Ikaros）和 IKZF3（Aiolos）。它们被泛素化、由蛋白酶体降解，下游 IRF4 与 MYC 随之下降，
# 骨髓瘤细胞失去生存程序。本页用一个最简单的“合成—降解”平衡模型，把这个机制变成可以计算的曲线。
#
# 靶蛋白 $P$（相对于无药时的水平，时间单位：小时）：
#
# $$\frac{dP}{dt} = k_0 - \bigl(k_0 + k_{\max}\, c_{\mathrm{CRBN}}\, E(C)\bigr) P,\qquad
# E(C) = \frac{C^h}{\mathrm{EC}_{50}^h + C^h}.$$
#
# $k_0 = \ln 2 / t_{1/2}$ 是基础更新速率（合成速率也取 $k_0$，使无药时 $P = 1$），
# $k_{\max} = r\,k_0$ 是连接酶被药物饱和时额外的降解速率，$c_{\mathrm{CRBN}}$ 是 CRBN 的相对表达量，
# $C$ 是以结合 $\mathrm{EC}_{50}$ 为单位的药物浓度——本页**不涉及任何剂量**，只讨论曲线的形状。
# 下游信号 $S$（IRF4/MYC 活性）跟随靶蛋白变化：$dS/dt = \delta_S (P - S)$。

# %%
from mmlib.plotting import use_book_style

use_book_style()

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from mmlib.models import degrader as dg
from mmlib.models import parameter_table

# %% [markdown]
# ## 参数
#
# 机制来自文献（Ito 2010：CRBN 是沙利度胺的直接靶点；Krönke 2014：来那度胺诱导 IKZF1/IKZF3 降解；
# Zhu 2011：没有 CRBN 药物就失效）。所有数值都是**示意值**：它们让机制看得见，但不是某个药物的测量值。

# %%
parameter_table(dg.PARAMETERS)

# %% [markdown]
# ## 闭式解
#
# 浓度恒定时方程是线性的，一切都有解析式：
#
# * 稳态 $P^* = 1/(1 + r\,c\,E)$，最大降解 $D_{\max} = r c/(1 + r c)$；
# * 使降解达到一半 $D_{\max}$ 的浓度 $\mathrm{DC}_{50} = \mathrm{EC}_{50}\,(1 + r c)^{-1/h}$——
#   比结合的 $\mathrm{EC}_{50}$ 更低，因为一个连接酶分子可以反复降解许多底物分子（催化性放大）；
# * 加药后 $P(t) = P^* + (1 - P^*)e^{-kt}$，$k = k_0(1 + rcE)$，降到水平 $f$ 所需时间
#   $t_f = \ln\frac{1 - P^*}{f - P^*}/k$（若 $f \le P^*$ 则永远达不到）。

# %%
rows = []
for p in (dg.IMID_LIKE, dg.CELMOD_LIKE):
    rows.append({"药物类型": p.name, "EC50（相对浓度）": p.ec50, "r = kmax/k0": p.fold,
                 "Dmax": round(dg.dmax(p), 3), "DC50（相对浓度）": round(dg.dc50(p), 4),
                 "DC50 / EC50": round(dg.dc50(p) / p.ec50, 3),
                 "C = 1 时的稳态 P*": round(dg.steady_state(p, 1.0), 3),
                 "C = 1 时降到一半所需（小时）": round(dg.time_to_fraction(p, 1.0, 0.5), 2)})
pd.DataFrame(rows).set_index("药物类型")

# %% [markdown]
# ## 浓度—降解曲线
#
# 横轴是药物浓度（以 IMiD 类的结合 EC50 为单位，对数刻度），纵轴是稳态时被降解掉的靶蛋白比例。
# 虚线是 CRBN 结合（占有率）本身：降解曲线总在结合曲线的左边——这就是催化性放大。

# %%
conc = np.logspace(-4, 2, 200)
fig, ax = plt.subplots(figsize=(7.2, 4.4))
for p, color in ((dg.IMID_LIKE, "#0072B2"), (dg.CELMOD_LIKE, "#D55E00")):
    degraded = 1 - np.array([dg.steady_state(p, c) for c in conc])
    ax.plot(conc, degraded * 100, color=color, label=f"{p.name}：降解比例")
    ax.plot(conc, dg.occupancy(p, conc) * 100, color=color, ls="--", label=f"{p.name}：CRBN 占有率")
    ax.axvline(dg.dc50(p), color=color, ls=":")
ax.set_xscale("log")
ax.set_xlabel("药物浓度（相对于 IMiD 类的结合 EC50，对数刻度，示意）")
ax.set_ylabel("%")
ax.set_title("降解（实线）总比结合（虚线）更灵敏；点线为 DC50")
ax.legend(fontsize=8)
# alt: 浓度—效应曲线，横轴为药物浓度（对数刻度，示意），纵轴为百分比：IMiD 类（蓝）和 CELMoD 类（橙）各有一条稳态降解比例实线和一条 CRBN 占有率虚线；每类药物的降解曲线都在自己的结合曲线左侧，CELMoD 类的降解曲线最靠左、平台最高；竖点线标出两类药物的 DC50。
plt.show()

# %% [markdown]
# ## 加药后的时间进程
#
# 浓度恒定在 1 个 EC50 时，IKZF 蛋白在数小时内下降；下游的 IRF4/MYC 活性（虚线）滞后于靶蛋白，
# 因为它有自己的更新速度。数值积分（实线）与闭式解（圆点）重合。

# %%
fig, ax = plt.subplots(figsize=(7.2, 4.2))
for p, color in ((dg.IMID_LIKE, "#0072B2"), (dg.CELMOD_LIKE, "#D55E00")):
    tr = dg.simulate(p, 1.0, t_end=48, n_points=241)
    ax.plot(tr.t, tr.target, color=color, label=f"{p.name}：IKZF 蛋白")
    ax.plot(tr.t, tr.downstream, color=color, ls="--", label=f"{p.name}：IRF4/MYC 活性")
    ax.plot(tr.t[::20], dg.analytic_course(p, 1.0, tr.t[::20]), "o", color=color, ms=4)
ax.set_xlabel("加药后时间（小时）")
ax.set_ylabel("相对于无药时的水平")
ax.set_ylim(0, 1.05)
ax.set_title("靶蛋白快速下降，下游信号随后下降")
ax.legend(fontsize=8)
# alt: 时间进程曲线，横轴为加药后时间（0–48 小时），纵轴为相对于无药时的水平：两类药物的 IKZF 蛋白（实线）在数小时内降到平台，CELMoD 类降得更快、更深；IRF4/MYC 活性（虚线）下降慢得多，明显滞后于靶蛋白；圆点为闭式解，落在数值积分的实线上。
plt.show()

# %% [markdown]
# ## 转动旋钮：CRBN 的表达量
#
# 耐药一节会讲到，CRBN 的丢失或突变是 IMiD 耐药的重要途径。在模型里，CRBN 表达量 $c_{\mathrm{CRBN}}$
# 乘在降解速率上：CRBN 降低时，最大降解 $D_{\max}$ 变浅、$\mathrm{DC}_{50}$ 右移；CRBN 为 0 时药物完全失效。
# 结合能力更强、降解效率更高的 CELMoD 类在 CRBN 部分降低时仍能保留较深的降解——
# 这是新一代 CRBN 调节剂的设计思路之一。

# %%
levels = np.linspace(0, 1, 11)
table = pd.DataFrame({
    "CRBN 相对表达": levels,
    "IMiD 类 Dmax": [round(dg.dmax(dg.with_crbn(dg.IMID_LIKE, c)), 3) for c in levels],
    "CELMoD 类 Dmax": [round(dg.dmax(dg.with_crbn(dg.CELMOD_LIKE, c)), 3) for c in levels],
    "IMiD 类 C = 1 时 P*": [round(dg.steady_state(dg.with_crbn(dg.IMID_LIKE, c), 1.0), 3) for c in levels],
    "CELMoD 类 C = 1 时 P*": [round(dg.steady_state(dg.with_crbn(dg.CELMOD_LIKE, c), 1.0), 3) for c in levels],
}).set_index("CRBN 相对表达")
table

# %%
fig, axes = plt.subplots(1, 2, figsize=(12, 4.2), sharey=True)
for ax, p, color in zip(axes, (dg.IMID_LIKE, dg.CELMOD_LIKE), ("#0072B2", "#D55E00")):
    for c, ls in ((1.0, "-"), (0.3, "--"), (0.1, ":"), (0.0, "-.")):
        q = dg.with_crbn(p, c)
        ax.plot(conc, [100 * (1 - dg.steady_state(q, x)) for x in conc], color=color, ls=ls, label=f"CRBN = {c:g}")
    ax.set_xscale("log")
    ax.set_xlabel("药物浓度（相对于 IMiD 类的结合 EC50，对数刻度，示意）")
    ax.set_title(f"{p.name}：CRBN 越少，降解越浅")
    ax.legend(fontsize=8, loc="upper left")
axes[0].set_ylabel("稳态降解比例（%）")
fig.tight_layout()
# alt: 两幅浓度—降解曲线，左为 IMiD 类、右为 CELMoD 类，横轴为药物浓度（对数刻度，示意），纵轴为稳态降解比例（%）；每幅四条线对应 CRBN 相对表达 1、0.3、0.1 和 0：CRBN 越少，平台越低、曲线越向右移，CRBN 为 0 时完全没有降解；同样降低 CRBN，CELMoD 类保留的降解比 IMiD 类深。
plt.show()

# %% [markdown]
# ## 间歇暴露：靶蛋白的“恢复速度”
#
# 真实的药物浓度不是常数。下面用一个重复脉冲的浓度曲线（每 24 小时一个脉冲、一级消除，全部为示意形状，
# 不是给药方案）比较两种消除半衰期：药物消除得快时，靶蛋白在两次脉冲之间会回升，
# 回升的速度由靶蛋白自身的再合成（$k_0$）决定。这说明降解类药物的效果不仅取决于“药有多强”，
# 还取决于“靶蛋白恢复得多快”。

# %%
fig, axes = plt.subplots(1, 2, figsize=(12, 4.0), sharey=True)
for ax, t_half in zip(axes, (2.0, 12.0)):
    exposure = dg.pulsed_exposure(5.0, t_half, 24.0)
    tr = dg.simulate(dg.IMID_LIKE, exposure, t_end=96, n_points=961)
    ax.plot(tr.t, tr.target, color="#0072B2", label="IKZF 蛋白")
    ax.plot(tr.t, tr.downstream, color="#009E73", ls="--", label="IRF4/MYC 活性")
    ax2 = ax.twinx()
    ax2.fill_between(tr.t, tr.concentration, color="grey", alpha=0.15)
    ax2.set_ylabel("药物浓度（相对 EC50，灰色）")
    ax.set_title(f"药物消除半衰期 {t_half:g} 小时（示意）")
    ax.set_xlabel("时间（小时）")
    ax.set_ylim(0, 1.05)
    ax.legend(fontsize=8, loc="upper right")
axes[0].set_ylabel("相对于无药时的水平")
fig.tight_layout()
# alt: 两幅时间进程图，横轴为时间（0–96 小时），灰色阴影为每 24 小时一次的药物浓度脉冲（右侧纵轴）：左图消除半衰期 2 小时，IKZF 蛋白（实线）每次脉冲后骤降、在两次脉冲之间明显回升，IRF4/MYC 活性（虚线）随之起伏；右图半衰期 12 小时，两次脉冲之间浓度仍高，IKZF 蛋白一直停在低水平，下游活性持续下降。
plt.show()

# %% [markdown]
# ## 思考题
#
# 1. 用 `dg.dc50(dg.DegraderParams(fold=r))` 计算 $r$ = 1、10、100 时的 DC50。为什么 $r$ 越大，
#    降解在越低的浓度下就达到半数？这与“一个连接酶分子可以反复使用”有什么关系？
# 2. 把 `half_life_h` 从 8 小时改成 48 小时（靶蛋白更稳定），再画“间歇暴露”的图。两次脉冲之间的回升
#    会变大还是变小？为什么？
# 3. CRBN 降到原来的 30% 时，IMiD 类和 CELMoD 类的稳态降解分别剩下多少？这对理解“换用新一代药物”
#    有什么启发？

# %% [markdown]
# ## 小结
#
# - IMiD/CELMoD 是“分子胶”降解剂：结合 CRBN，使 CRL4–CRBN 连接酶降解 IKZF1/IKZF3，下游 IRF4/MYC 随之下降。
# - 合成—降解平衡给出闭式解：稳态水平、最大降解 Dmax、DC50 和降到某一水平所需的时间。
# - 由于连接酶可以反复使用，降解的 DC50 低于结合的 EC50（催化性放大）。
# - CRBN 是药物起效的必要条件：CRBN 降低使降解变浅，CRBN 缺失使药物完全失效——这是 IMiD 耐药的一条途径。
#
# *本页为教学模型，所有数值均为示意值，不构成临床建议。*
