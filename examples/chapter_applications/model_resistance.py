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
# # 模型：耐药亚克隆
#
# **预先存在与获得性耐药、复发时间与 Luria–Delbrück 涨落。**
#
# 耐药一节的核心问题是：治疗初期 M 蛋白明显下降，为什么几年后又回升？本页用两个亚克隆的模型回答。
# 肿瘤负荷以治疗开始时为 1（时间单位：月）：
#
# $$\dot S = (\lambda_S - \mu b)\,S,\qquad \dot R = \lambda_R R + \mu b\,S .$$
#
# 敏感亚克隆 $S$ 在治疗下以净速率 $\lambda_S < 0$ 缩小；耐药亚克隆 $R$ 以 $\lambda_R > 0$ 继续生长。
# 耐药细胞有两个来源：治疗开始时**已经存在**（比例 $f_0$），或治疗中由敏感细胞**突变获得**
# （每次分裂以概率 $\mu$ 产生一个耐药子细胞，分裂速率 $b$）。方程有闭式解：
#
# $$S(t) = (1-f_0)e^{\lambda'_S t},\qquad
# R(t) = f_0 e^{\lambda_R t} + \frac{\mu b (1-f_0)}{\lambda_R - \lambda'_S}\bigl(e^{\lambda_R t} - e^{\lambda'_S t}\bigr),
# \qquad \lambda'_S = \lambda_S - \mu b .$$
#
# 假定每个细胞分泌的 M 蛋白相同（忽略 IgG 数周的半衰期），M 蛋白与 $S + R$ 成正比；
# “复发”定义为最低点之后 M 蛋白回到治疗前水平的时刻。

# %%
from mmlib.plotting import use_book_style

use_book_style()

import math

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from mmlib.models import parameter_table
from mmlib.models import resistance as rs

# %% [markdown]
# ## 参数
#
# 所有速率都是**示意值**；“耐药突变先于选择压力随机产生”这一思想来自 Luria 与 Delbrück 的涨落试验（1943）。

# %%
parameter_table(rs.PARAMETERS)

# %% [markdown]
# ## 预先存在的耐药：M 蛋白的“V 形”曲线
#
# 耐药比例 $f_0$ 越大，最低点越浅、越早，复发越早。圆点是数值积分，实线是闭式解。

# %%
base = rs.SubcloneParams()
fig, ax = plt.subplots(figsize=(7.5, 4.4))
rows = []
for f0, color in ((1e-2, "#D55E00"), (1e-4, "#0072B2"), (1e-6, "#009E73")):
    p = rs.with_resistance(base, f0=f0)
    t = np.linspace(0, 120, 601)
    ax.plot(t, rs.burden(p, t) * 100, color=color, label=f"f0 = {f0:g}")
    tr = rs.simulate(p, t_end=120, n_points=25)
    ax.plot(tr.t, tr.total * 100, "o", color=color, ms=3)
    t_rel = rs.relapse_time(p)
    ax.axvline(t_rel, color=color, ls=":")
    rows.append({"f0": f0, "最低点时间（月）": round(rs.nadir_time(p), 1),
                 "最低点 M 蛋白（% 基线）": float(f"{100 * float(rs.burden(p, rs.nadir_time(p))):.3g}"),
                 "复发时间（月，精确）": round(t_rel, 3),
                 "ln(1/f0)/λ_R（月，近似）": round(math.log(1 / f0) / p.lambda_r, 3)})
ax.set_yscale("log")
ax.set_xlabel("治疗开始后时间（月）")
ax.set_ylabel("M 蛋白（% 基线，对数刻度）")
ax.set_title("敏感亚克隆消退、耐药亚克隆生长：点线为复发时间")
ax.axhline(100, color="grey", lw=0.8)
ax.legend(fontsize=9)
# alt: M 蛋白曲线（% 基线，对数纵轴），横轴为治疗开始后时间（0–120 个月），三条曲线对应耐药比例 f0 为 0.01、0.0001 和 0.000001：每条都先下降、后沿直线上升，呈 V 形；f0 越大，最低点越浅、越早，竖点线标出的复发时间也越早，三条竖线大致等间距，说明复发时间只随 f0 的对数变化；圆点为数值积分，落在闭式解的实线上。
plt.show()
pd.DataFrame(rows).set_index("f0")

# %% [markdown]
# 表中最后两列几乎相等（差别在小数点后第二、三位）：当 $f_0$ 很小时，复发时间约为 $\ln(1/f_0)/\lambda_R$——耐药亚克隆要从 $f_0$
# 长回 1。精确解总是略早一点，因为残存的敏感细胞也贡献了一部分 M 蛋白。
#
# 这带来一个重要的直觉：**复发时间对 $f_0$ 只是对数依赖**。耐药细胞减少 100 倍，
# 只换来 $\ln 100/\lambda_R$ 个月的额外时间；而 $\lambda_R$（耐药亚克隆长得多快）是线性地决定复发时间的。

# %% [markdown]
# ## 获得性耐药：治疗中才出现的突变
#
# 若治疗开始时没有耐药细胞（$f_0 = 0$），耐药只能由仍在分裂的敏感细胞突变产生。但敏感细胞正在被清除，
# 突变的“供体”越来越少。闭式解显示，这等价于一个很小的预先存在比例
# $f_{\mathrm{eq}} = \mu b/(\lambda_R - \lambda'_S)$。

# %%
acq = rs.SubcloneParams(f0=0.0, mu=1e-6)
pre = rs.SubcloneParams(f0=1e-4)
both = rs.SubcloneParams(f0=1e-4, mu=1e-6)
t = np.linspace(0, 160, 801)
fig, ax = plt.subplots(figsize=(7.5, 4.4))
for p, label, color in ((pre, "预先存在（f0 = 1e-4）", "#0072B2"), (acq, "获得性（μ = 1e-6）", "#D55E00"),
                        (both, "两者兼有", "#CC79A7")):
    ax.plot(t, rs.burden(p, t) * 100, color=color, label=label)
    ax.plot(t, rs.resistant(p, t) * 100, color=color, ls="--", lw=1)
ax.set_yscale("log")
ax.set_ylim(1e-4, 300)
ax.axhline(100, color="grey", lw=0.8)
ax.set_xlabel("治疗开始后时间（月）")
ax.set_ylabel("M 蛋白（% 基线，对数刻度）")
ax.set_title("实线：总负荷；虚线：耐药亚克隆")
ax.legend(fontsize=9)
# alt: M 蛋白曲线（% 基线，对数纵轴），横轴为治疗开始后时间（月），实线为总负荷、虚线为耐药亚克隆：预先存在耐药与两者兼有两种情形几乎重合，在一年多时见底后回升；只有获得性耐药时，耐药亚克隆从无到有，最低点更深、更晚，复发也晚得多。
plt.show()
pd.DataFrame([{"情形": name, "等效预先存在比例": float(f"{rs.effective_resistant_fraction(p):.3g}"),
               "复发时间（月）": round(rs.relapse_time(p), 1)}
              for name, p in (("预先存在", pre), ("获得性", acq), ("两者兼有", both))]).set_index("情形")

# %% [markdown]
# ## 预先存在的耐药从哪里来：Luria–Delbrück 涨落
#
# 在诊断前的多年生长中，肿瘤从一个细胞扩增到大量细胞。若每次分裂都有很小的概率产生耐药子细胞，
# 那么**早期**出现的突变会留下巨大的耐药克隆（“中彩”，jackpot），晚期的突变只留下少数细胞。
# 下面模拟 4000 个“肿瘤”，每个从 1 个细胞同步分裂 30 代（约 10⁹ 个细胞），比较耐药细胞数的分布。
# 平均数有解析式 $\mu G 2^{G-1}$，但中位数远小于平均数、方差远大于平均数——这正是 Luria 与 Delbrück
# 用来证明“突变先于选择”的统计指纹。

# %%
G, MU, N_REP = 30, 1e-9, 4000
counts = rs.luria_delbruck(G, MU, N_REP, seed=2026)
n_cells = 2.0 ** G
summary = pd.DataFrame([{
    "肿瘤细胞数": f"{n_cells:.3g}",
    "解析平均耐药细胞数": round(rs.ld_mean(G, MU), 1),
    "模拟平均数": round(counts.mean(), 1),
    "模拟中位数": float(np.median(counts)),
    "方差 / 平均数": round(counts.var() / counts.mean(), 1),
    "没有耐药细胞的肿瘤比例": round(float(np.mean(counts == 0)), 3),
}])
summary

# %% [markdown]
# 模拟平均数与解析平均数可能相差不少，这不是错误：平均数由极少数“中彩”的肿瘤主导，
# 几千个样本也不足以把它估准——这本身就是涨落的表现。中位数和“方差 / 平均数”才是稳定的指纹。

# %%
fig, ax = plt.subplots(figsize=(7.2, 4.0))
positive = counts[counts > 0]
ax.hist(np.log10(positive), bins=40, color="#0072B2", alpha=0.8)
ax.axvline(math.log10(rs.ld_mean(G, MU)), color="#D55E00", ls="--", label="解析平均数")
ax.axvline(math.log10(np.median(positive)), color="black", ls=":", label="中位数（有耐药细胞者）")
ax.set_xlabel("log10（诊断时的耐药细胞数）")
ax.set_ylabel("肿瘤数")
ax.set_title("同样大小的肿瘤，耐药细胞数可以相差几个数量级")
ax.legend(fontsize=9)
# alt: 直方图，横轴为诊断时耐药细胞数的 log10，纵轴为肿瘤数（只计有耐药细胞的模拟肿瘤）：分布强烈右偏，多数肿瘤只有一到几个耐药细胞，少数“中彩”的肿瘤有成百上千个；点线标出的中位数远在虚线标出的解析平均数左侧。
plt.show()

# %% [markdown]
# ## 从涨落到复发时间的差异
#
# 把每个模拟肿瘤的耐药比例 $f_0 = R/2^G$ 代入亚克隆模型（其余参数相同），就得到复发时间的分布：
# 有些“患者”几年内复发，有些在模型时间内根本不复发（诊断时没有耐药细胞，且治疗中没有突变）。
# 同样的治疗、同样的肿瘤大小，结局却不同——克隆演化的随机性本身就是预后差异的来源之一。

# %%
f0s = counts / n_cells
times = np.array([rs.relapse_time(rs.with_resistance(base, f0=f)) if f > 0 else np.inf for f in f0s])
finite = times[np.isfinite(times)]
fig, ax = plt.subplots(figsize=(7.2, 4.0))
ax.hist(finite, bins=40, color="#009E73", alpha=0.85)
ax.set_xlabel("复发时间（月）")
ax.set_ylabel("模拟患者数")
ax.set_title(f"{np.mean(np.isinf(times)):.0%} 的模拟肿瘤没有预先存在的耐药细胞，未画出")
# alt: 直方图，横轴为复发时间（月），纵轴为模拟患者数，只画诊断时已有耐药细胞的肿瘤（标题给出未画出的比例）：多数模拟患者集中在较晚的复发时间，耐药细胞多的少数肿瘤复发早得多，形成向左拖长的尾巴。
plt.show()
pd.DataFrame([{"复发时间中位数（月，有耐药者）": round(float(np.median(finite)), 1),
               "第 10 百分位（月）": round(float(np.percentile(finite, 10)), 1),
               "第 90 百分位（月）": round(float(np.percentile(finite, 90)), 1)}])

# %% [markdown]
# ## 思考题
#
# 1. 两个药物作用机制互不相关时，同时对两者耐药的细胞比例约为两个比例的乘积。用
#    `rs.relapse_time(rs.SubcloneParams(f0=1e-4 * 1e-4))` 与单药 `f0=1e-4` 比较，解释联合治疗的原理。
# 2. 把 `lambda_r` 从 0.15 降到 0.05（耐药亚克隆因“适应性代价”而长得更慢），复发时间如何变化？
#    与把 `f0` 缩小 100 倍相比，哪一个影响更大？
# 3. 在获得性耐药的情形下，把 `lambda_s` 从 −0.5 改为 −1.5（治疗更强），等效预先存在比例会变大还是变小？为什么？

# %% [markdown]
# ## 小结
#
# - 治疗中的 M 蛋白曲线是两个指数之和：敏感亚克隆消退、耐药亚克隆生长，形成“V 形”，最低点与复发时间都有解析式。
# - 耐药比例很小时，复发时间约为 ln(1/f0)/λR：对耐药细胞数只是对数依赖，对耐药亚克隆的生长速率是线性依赖。
# - 治疗中获得的耐药相当于一个很小的预先存在比例 μb/(λR − λ′S)，因为突变只能来自正在被清除的敏感细胞。
# - 诊断前生长中的随机突变（Luria–Delbrück 涨落）使同样大小的肿瘤耐药细胞数相差几个数量级，复发时间因此分散。
#
# *本页为教学模型，所有数值均为示意值，不构成临床建议。*
