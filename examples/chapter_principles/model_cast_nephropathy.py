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
# # 模型：轻链电荷与管型形成
#
# 学完本页你能：
#
# - 用 Henderson–Hasselbalch 方程计算轻链的净电荷与等电点；
# - 解释尿 pH 接近等电点和脱水为什么促进管型形成；
# - 说出近端小管重吸收饱和在管型肾病中的作用。
#
# 正文指出，管型肾病的核心一步是游离轻链（FLC）经其互补决定区 3（CDR3）与远端肾单位中的尿调素
# （Tamm–Horsfall 蛋白，THP）结合（Ying 2001），结合物再聚集成管型。两类理化因素影响这一步：
# **酸性尿**——尿液 pH 接近或低于 FLC 的等电点（pI）时，轻链不再带负电，不受同样带负电的 THP 排斥；
# **脱水**——小管液流量减少，同样的轻链溶在更少的液体里，浓度升高。本页把这几点变成可以计算的量。
#
# 1. 用 Henderson–Hasselbalch 方程计算一条序列在任意 pH 下的净电荷：
#
# $$Z(\mathrm{pH}) = \sum_{\text{碱性基团}} \frac{n_i}{1 + 10^{\mathrm{pH} - \mathrm{p}K_i}} - \sum_{\text{酸性基团}} \frac{n_j}{1 + 10^{\mathrm{p}K_j - \mathrm{pH}}}$$
#
#    碱性基团为 N 端、K、R、H，酸性基团为 C 端、D、E、C、Y。$Z$ 随 pH 单调下降，用二分法求 $Z = 0$ 的 pH，即 pI。
# 2. 用一个**示意性的**聚集风险指数，把 CDR3–THP 结合、浓度和电荷放在一起。

# %%
from mmlib.plotting import use_book_style

use_book_style()

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import FuncFormatter

from mmlib.models import cast_nephropathy as cn
from mmlib.models import parameter_table

# %% [markdown]
# ## 参数
#
# pKa 取自两个常用参数集（见 IPC，Kozlowski 2016）：EMBOSS 与 IPC 列出的“Lehninger”集。
# **本书默认使用 EMBOSS**：它是一个具名软件的参数集，数值没有歧义；而以“Lehninger”为名流传的表格至少有两种。
# 肾小管相关参数和 CDR3 亲和力全部是**示意值**；模型只报告相对量（参考状态 = 1），不给出任何“实测”浓度。

# %%
parameter_table(cn.PARAMETERS).style.hide(axis="index")

# %%
pd.DataFrame(cn.PKA_SETS).T.rename(columns={"Nterm": "N 端", "Cterm": "C 端"})

# %% [markdown]
# ## 序列与等电点
#
# `IGKC_HUMAN` 是人 κ 轻链恒定区（107 个氨基酸，UniProt P01834）。真实的游离轻链还带有一段**因人而异**的可变区，
# 不同患者的 pI 主要由可变区决定。这里的可变区 `ILLUSTRATIVE_VL` 是为教学虚构的序列（IGKV1 样框架 + 虚构 CDR）。

# %%
full_lc = cn.ILLUSTRATIVE_VL + cn.IGKC_HUMAN
rows = []
for name, seq in (("κ 恒定区 (CL)", cn.IGKC_HUMAN), ("示意性完整轻链 (VL + CL)", full_lc)):
    comp = cn.composition(seq)
    rows.append({"序列": name, "长度": len(seq), "D+E": comp["D"] + comp["E"], "K+R": comp["K"] + comp["R"],
                 "H": comp["H"], "pI (EMBOSS)": round(cn.isoelectric_point(seq, "emboss"), 2),
                 "pI (Lehninger, IPC)": round(cn.isoelectric_point(seq, "lehninger"), 2)})
pd.DataFrame(rows)

# %%
ph = np.linspace(3, 11, 400)
fig, ax = plt.subplots(figsize=(7, 4.2))
for name, seq, color in (("κ 恒定区", cn.IGKC_HUMAN, "#0072B2"), ("示意性完整轻链", full_lc, "#D55E00")):
    for pka_set, ls in (("emboss", "-"), ("lehninger", "--")):
        ax.plot(ph, cn.net_charge(seq, ph, pka_set), color=color, ls=ls, label=f"{name}（{pka_set}）")
ax.axhline(0, color="k", lw=0.8)
ax.axvspan(4.5, 8.0, color="grey", alpha=0.1, label="尿液 pH 的生理范围 4.5–8")
ax.set_xlabel("pH")
ax.set_ylabel("净电荷 Z（基本电荷数）")
ax.set_title("净电荷随 pH 单调下降，与 0 的交点就是 pI")
ax.legend(fontsize=8)
# alt: 曲线图：几条轻链序列（两组 pKa）的净电荷随 pH 升高单调下降，与零线的交点即等电点 pI；灰色阴影为尿液 pH 的生理范围。
plt.show()

# %% [markdown]
# 两个 pKa 集给出的 pI 相差约 0.1–0.4 个 pH 单位：计算结果**依赖所选参数集**，报告时应注明。
#
# ## 聚集风险指数（示意）
#
# FLC 经肾小球滤过（滤过量 = GFR × 血清 FLC × 筛系数），近端小管最多重吸收一个上限量，剩余部分进入远端小管。
# 远端浓度相对参考状态的倍数为
#
# $$x = \frac{\max(\text{滤过量} - \text{重吸收上限},\, 0)\,/\,\text{小管液流量}}{\text{参考状态下的同一量}}.$$
#
# 流量只在这里出现一次：流量减少时停留时间延长，与浓度升高是同一件事，不再重复计算。
#
# - **CDR3–THP 结合**：轻链占据 THP 结合位点的比例为 $a x/(1 + a x)$，$a$ 是 CDR3 的相对亲和力
#   （1 = 参考轻链，0 = 不与 THP 结合的 CDR3），再除以参考状态下的占据比例 1/2。
# - **电荷**：THP 在尿中带负电。轻链在 pI 或更酸的尿中（$Z \ge 0$）不受排斥，因子为 1；
#   在 pI 以上带负电，因子为 $1/(1 + (Z/Z_{1/2})^2)$。所以碱性尿降低指数，而极酸的尿**不会**降低指数。
#
# 指数 = 结合因子 × 电荷因子，参考状态为 1。

# %%
for label, kw in (("补液充分，尿 pH 7.0", dict(urine_ph=7.0, tubular_flow_ml_min=2.0)),
                  ("参考流量，尿 pH 6.0", dict(urine_ph=6.0, tubular_flow_ml_min=1.0)),
                  ("脱水，酸性尿 pH 5.5", dict(urine_ph=5.5, tubular_flow_ml_min=0.4))):
    r = cn.cast_risk_index(flc_mg_l=3000, sequence=full_lc, **kw)
    print(f"{label}：相对远端浓度 ×{r.concentration_factor:.1f}，净电荷 {r.charge:+.1f}，"
          f"电荷因子 {r.charge_factor:.2f}，风险指数 {r.index:.2f}（示意值，参考状态 = 1）")

# %% [markdown]
# ### 转动旋钮：尿液 pH 与小管液流量

# %%
phs = np.linspace(4.5, 8.0, 71)
flows = (0.3, 0.5, 1.0, 2.0, 4.0)
fig, axes = plt.subplots(1, 2, figsize=(11, 4))
for flow in flows:
    idx = [cn.cast_risk_index(flc_mg_l=3000, urine_ph=p, tubular_flow_ml_min=flow, sequence=full_lc).index
           for p in phs]
    axes[0].plot(phs, idx, label=f"流量 {flow:g} mL/min")
axes[0].axvline(cn.isoelectric_point(full_lc), color="grey", ls=":", label="pI")
axes[0].set_yscale("log")
axes[0].yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
axes[0].set_xlabel("尿液 pH")
axes[0].set_ylabel("聚集风险指数（参考 = 1，对数刻度）")
axes[0].set_title("尿越酸（至 pI 为止）、流量越低，风险越高")
axes[0].legend(fontsize=8)

flcs = np.linspace(0, 10_000, 101)
for p in (5.5, 6.5, 7.5):
    axes[1].plot(flcs, [cn.cast_risk_index(flc_mg_l=f, urine_ph=p, tubular_flow_ml_min=1.0,
                                           sequence=full_lc).index for f in flcs], label=f"尿 pH {p}")
axes[1].set_xlabel("血清受累游离轻链（mg/L）")
axes[1].set_ylabel("聚集风险指数（参考 = 1）")
axes[1].set_title("超过近端小管重吸收上限后风险才出现")
axes[1].legend(fontsize=9)
fig.tight_layout()
# alt: 两幅图：左图为不同小管流量下聚集风险指数随尿液 pH 的变化，在 pI 附近（竖点线）最高，流量越低越高；右图为不同尿 pH 下风险指数随血清受累游离轻链浓度的变化，超过近端小管重吸收上限后才开始上升。
plt.show()

# %% [markdown]
# 左图中，pI 左侧（更酸的尿）曲线是平的：轻链已不带负电，再酸也不会“保护”它；pI 右侧，轻链带负电、被 THP 排斥，
# 风险随 pH 升高而下降。流量对指数的影响是饱和的：THP 的结合位点接近占满后，再浓缩也只增加有限的风险。
#
# ### CDR3 决定“致管型性”
#
# 同样的血清 FLC 和尿液条件下，不同克隆的轻链因 CDR3 序列不同而与 THP 结合强弱不同（Ying 2001）。

# %%
affinities = np.logspace(-1.5, 1, 60)
fig, ax = plt.subplots(figsize=(7, 4))
for flow, color in ((0.5, "#D55E00"), (1.0, "#0072B2"), (2.0, "#009E73")):
    ax.plot(affinities, [cn.cast_risk_index(flc_mg_l=3000, urine_ph=6.0, tubular_flow_ml_min=flow, sequence=full_lc,
                                            cdr3_affinity=a).index for a in affinities],
            color=color, label=f"流量 {flow:g} mL/min")
ax.set_xscale("log")
ax.set_xlabel("CDR3 对 THP 的相对亲和力 a（参考轻链 = 1，示意）")
ax.set_ylabel("聚集风险指数（参考 = 1）")
ax.set_title("亲和力低的轻链即使大量存在也较少形成管型")
ax.legend(fontsize=9)
# alt: 曲线图：横轴为 CDR3 对 THP 的相对亲和力（对数刻度），三条曲线对应三种小管流量；聚集风险指数随亲和力升高而上升，亲和力低时即使游离轻链很多风险也低，流量越低曲线越高。
plt.show()

# %% [markdown]
# ## 小结
#
# - 净电荷由 Henderson–Hasselbalch 方程逐个基团求和得到，随 pH 单调下降；pI 可用二分法精确求出。
# - pI 依赖所选的 pKa 参数集；本书默认 EMBOSS，并与 IPC 的“Lehninger”集对照。
# - 游离轻链只有在超过近端小管重吸收能力后才大量到达远端小管。
# - 轻链经 CDR3 与尿调素（THP）结合是管型形成的核心；脱水（浓度升高）和酸性尿（pH 接近或低于 pI）都会增加聚集倾向。
#
# *本页为教学模型，肾小管参数与风险指数均为示意，不构成临床建议。*

# %% [markdown]
# ## 练习
#
# 1. 右图中，血清 FLC 低于约 1000 mg/L 时指数为 0。这个“阈值”由哪两个示意参数决定？
#    如果 GFR 从 100 降到 30 mL/min，阈值会怎样变化？这是否意味着肾功能差的患者更“安全”？
# 2. 把可变区中的一个天冬氨酸（D）改成天冬酰胺（N），pI 会升高还是降低？用 `cn.isoelectric_point` 验证。
#    对 pI 较高的轻链，碱化尿液的效果会更好还是更差？
# 3. 用 `mmlib.practice` 自测：运行下面两格，读题后把答案写进 `answer = ...`（替换 `...`）再运行，会得到中文反馈和提示（题号 `urine-ph-cast`；更多题目见本书“动手实践”一章）。

# %%
from mmlib import practice

practice.show("urine-ph-cast")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("urine-ph-cast", answer);
