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
# # 模型：免疫表型与流式设门
#
# 学完本页你能：
#
# - 用 CD38/CD138 设门找出浆细胞；
# - 识别克隆性浆细胞的异常表型（CD19−、CD56+、CD45 弱）；
# - 计算 κ:λ 比值，判断轻链限制并说明它的灵敏度局限。
#
# 正文说明了成熟浆细胞的典型免疫表型：$CD19^{-}$、$CD38^{\text{bright}}$、$CD138^{+}$，
# 表面免疫球蛋白（sIg）阴性而胞浆免疫球蛋白（cIg）阳性。本页用一个**模拟的流式细胞术实验**
# 把这些文字变成数据：我们生成一份骨髓样本中每个细胞在 10 个通道上的荧光强度（取 $\log_{10}$），
# 再像流式实验室那样“设门”（gating），找出浆细胞、判断其中有多少是表型异常的克隆性浆细胞，
# 并计算 κ:λ 比值，看是否存在**轻链限制**。
#
# 模型中的五个细胞群体：
#
# | 群体 | 表型要点 |
# |---|---|
# | B 细胞 | CD19+ CD20+，CD38 弱，CD45 强，sIg+，κ 或 λ（约 2:1） |
# | 浆母细胞 | CD19+ CD20−，CD38 高，CD138 弱/阴性，cIg+ |
# | 正常浆细胞 | CD19+ CD45+ CD56−，CD38 强，CD138+，sIg− cIg+，多克隆 κ:λ ≈ 2:1 |
# | 克隆性浆细胞 | CD19− CD56+ CD45 弱/阴性，CD38 强，CD138+，只表达一种轻链 |
# | 其他白细胞 | CD45 强，B 细胞和浆细胞标志物阴性 |

# %%
from mmlib.plotting import use_book_style

use_book_style()

import matplotlib.pyplot as plt
import numpy as np

from mmlib.models import immunophenotype as im
from mmlib.models import parameter_table

# %% [markdown]
# ## 参数：哪些来自文献，哪些是示意值
#
# 荧光强度与群体比例都是**示意值**：真实仪器的强度取决于抗体克隆、荧光素和仪器设置。
# 只有判定轻链限制的比值界值来自文献：IMWG 2016 疗效标准规定，计数至少 100 个浆细胞后，
# κ/λ > 4:1 或 < 1:2 视为存在克隆性浆细胞 [Kumar 2016]。

# %%
parameter_table(im.PARAMETERS).style.hide(axis="index")

# %% [markdown]
# ## 模拟一份骨髓样本
#
# 默认组成：B 细胞 5%、浆母细胞 0.5%、正常浆细胞 1%、克隆性浆细胞 4%（κ 型），其余为其他白细胞。
# 随机数种子固定，结果可以复现。

# %%
sample = im.simulate_marrow(20_000, seed=1)
gate = im.gate_plasma_cells(sample)

fig, axes = plt.subplots(1, 2, figsize=(11, 4.5))
colors = {"B": "#0072B2", "plasmablast": "#E69F00", "normal_pc": "#009E73", "clonal_pc": "#D55E00", "other": "#BBBBBB"}
for pop in im.POPULATIONS:
    m = sample.population == pop
    axes[0].scatter(sample.marker("CD38")[m], sample.marker("CD138")[m], s=3, alpha=0.5,
                    color=colors[pop], label=im.POPULATION_ZH[pop])
axes[0].axvline(3.3, color="k", lw=1, ls="--")
axes[0].axhline(2.8, color="k", lw=1, ls="--")
axes[0].set_xlabel("CD38 荧光强度（log$_{10}$，任意单位）")
axes[0].set_ylabel("CD138 荧光强度（log$_{10}$，任意单位）")
axes[0].set_title("第一步：CD38 强阳性且 CD138 阳性 = 浆细胞门")
axes[0].legend(markerscale=4, fontsize=9, loc="upper left")

pcs = gate.in_pc_gate
axes[1].scatter(sample.marker("CD19")[pcs], sample.marker("CD56")[pcs], s=6, alpha=0.6,
                c=np.where(gate.aberrant[pcs], "#D55E00", "#009E73"))
axes[1].axvline(2.0, color="k", lw=1, ls="--")
axes[1].axhline(2.5, color="k", lw=1, ls="--")
axes[1].set_xlabel("CD19 荧光强度（log$_{10}$，任意单位）")
axes[1].set_ylabel("CD56 荧光强度（log$_{10}$，任意单位）")
axes[1].set_title("第二步：门内细胞按 CD19 / CD56 区分")
axes[1].text(0.42, 0.85, "异常表型：CD19- CD56+", color="#D55E00", transform=axes[1].transAxes)
axes[1].text(0.6, 0.36, "正常表型：CD19+ CD56-", color="#009E73", transform=axes[1].transAxes)
fig.tight_layout()
# alt: 两幅流式散点图：左图 CD38 对 CD138，虚线把 CD38 强阳性且 CD138 阳性的细胞圈为浆细胞门；右图为门内细胞的 CD19 对 CD56，异常表型（CD19 阴性、CD56 阳性）与正常表型（CD19 阳性、CD56 阴性）分成两群。
plt.show()

print(f"浆细胞门内细胞：{gate.n_pc} 个（占全部事件 {gate.pc_fraction:.1%}）")
print(f"表型异常（克隆性）浆细胞占浆细胞的比例：{gate.clonal_fraction:.1%}")
print(f"κ:λ = {gate.n_kappa}:{gate.n_lambda} = {gate.kappa_lambda_ratio:.1f}，"
      f"轻链限制：{gate.restricted}（{gate.restricted_chain}）")

# %% [markdown]
# 图中可以看到：浆母细胞 CD38 很高，但 CD138 弱，大多落在门外；B 细胞 CD38 只是弱阳性。
# 在浆细胞门内，正常浆细胞位于右下（CD19+ CD56−），克隆性浆细胞位于左上（CD19− CD56+）。
# 模型把同时满足 CD19−、CD56+、CD45 弱/阴性中**至少两项**的浆细胞判为异常表型。

# %%
fig, ax = plt.subplots(figsize=(6, 4.5))
k, lam = sample.marker("kappa")[pcs], sample.marker("lambda")[pcs]
ax.scatter(k, lam, s=6, alpha=0.6, c=np.where(gate.aberrant[pcs], "#D55E00", "#009E73"))
ax.plot([0, 5], [0, 5], color="k", lw=1, ls="--")
ax.set_xlabel("胞浆 κ 荧光强度（log$_{10}$，任意单位）")
ax.set_ylabel("胞浆 λ 荧光强度（log$_{10}$，任意单位）")
ax.set_title("浆细胞的胞浆轻链：克隆细胞全部为 κ")
# alt: 散点图：浆细胞胞浆 κ 对 λ 荧光强度；异常表型的克隆细胞（橙色）全部偏向 κ 一侧，正常表型细胞（绿色）分布在对角虚线两侧。
plt.show()

# %% [markdown]
# ## 转动旋钮：克隆要多大，κ:λ 比值才会“越界”？
#
# 设浆细胞中克隆所占比例为 $f$，多克隆背景中 κ 的比例为 $p \approx 2/3$。对 κ 型克隆，
#
# $$\frac{\kappa}{\lambda} = \frac{f + (1-f)p}{(1-f)(1-p)}.$$
#
# 令它等于 4，解得 $f = 0.4$；对 λ 型克隆，令比值等于 $1/2$，解得 $f = 0.5$。
# 也就是说，**单靠 κ:λ 比值，克隆至少要占浆细胞的 40%–50% 才能被发现**。
# 下面把克隆比例从 0 调到 0.9，比较模拟结果与公式，并同时记录表型异常的检出情况。

# %%
fractions_pc = np.linspace(0.0, 0.9, 10)
sim_ratio, pheno_fraction = [], []
for i, f in enumerate(fractions_pc):
    comp = {"normal_pc": 0.03 * (1 - f), "clonal_pc": 0.03 * f, "other": 0.97}
    s = im.simulate_marrow(20_000, fractions=comp, clonal_light_chain="kappa", seed=100 + i)
    g = im.gate_plasma_cells(s)
    sim_ratio.append(g.kappa_lambda_ratio)
    pheno_fraction.append(g.clonal_fraction)

f_grid = np.linspace(0, 0.9, 200)
fig, axes = plt.subplots(1, 2, figsize=(11, 4))
axes[0].plot(f_grid, [im.expected_kappa_lambda_ratio(x) for x in f_grid], label="公式（κ 型克隆）")
axes[0].plot(fractions_pc, sim_ratio, "o", label="模拟（每点 2 万个事件）")
axes[0].axhline(im.KAPPA_LAMBDA_RESTRICTED_ABOVE, color="#D55E00", ls="--", label="界值 4:1 [Kumar 2016]")
axes[0].axvline(im.minimal_restricted_clone_fraction("kappa"), color="grey", ls=":")
axes[0].set_yscale("log")
axes[0].set_yticks([1, 2, 4, 10, 20, 40], labels=["1", "2", "4", "10", "20", "40"])
axes[0].minorticks_off()
axes[0].set_xlabel("克隆性浆细胞占浆细胞的比例 f")
axes[0].set_ylabel("κ:λ 比值（对数刻度）")
axes[0].set_title("轻链比值要到 f ≥ 0.4 才越界")
axes[0].legend(fontsize=9)

axes[1].plot(fractions_pc, pheno_fraction, "o-", label="表型异常细胞比例（模型设门）")
axes[1].plot([0, 0.9], [0, 0.9], color="grey", ls=":", label="真实克隆比例")
axes[1].set_xlabel("克隆性浆细胞占浆细胞的比例 f")
axes[1].set_ylabel("设门得到的异常浆细胞比例")
axes[1].set_title("异常表型在很小的克隆中也能检出")
axes[1].legend(fontsize=9)
fig.tight_layout()
# alt: 两幅图：左图 κ:λ 比值随克隆比例 f 上升，公式曲线与模拟点吻合，f 较大时才越过界值虚线；右图设门得到的异常浆细胞比例与真实克隆比例几乎重合，克隆很小时也能检出。
plt.show()

# %% [markdown]
# 右图说明了为什么流式检测**微小残留病**（MRD）依赖异常表型而不是 κ:λ 比值：
# 只要异常细胞被设门挑出来，哪怕它们只占浆细胞的几个百分点，也能被计数；
# 而轻链比值被大量正常多克隆浆细胞“稀释”了。

# %% [markdown]
# ## 小结
#
# - 浆细胞门：CD38 强阳性且 CD138 阳性；浆母细胞 CD138 弱，B 细胞 CD38 弱，因而大多在门外。
# - 克隆性浆细胞的典型异常表型是 CD19−、CD56+、CD45 弱/阴性；正常浆细胞为 CD19+ CD56−。
# - 多克隆浆细胞的 κ:λ 约为 2:1；IMWG 以 > 4:1 或 < 1:2（至少计数 100 个浆细胞）判为轻链限制。
# - κ:λ 比值只在克隆占浆细胞 40%（κ 型）或 50%（λ 型）以上时越界，异常表型的检出灵敏得多。
#
# *本页为教学模型，强度与比例均为示意值，不构成临床建议。*

# %% [markdown]
# ## 练习
#
# 1. 如果某患者的克隆是 λ 型，而背景中 κ:λ 恰好是 2:1，克隆要占浆细胞的多少，κ:λ 才会低于 1:2？
#    用 `im.minimal_restricted_clone_fraction("lambda")` 验证你的手算结果。
# 2. 正常浆细胞中也有一部分是 CD19 阴性的。若把正常浆细胞的 CD19 平均强度从 2.8 降到 2.2，
#    仅凭“CD19−”一项判断异常会出现什么问题？为什么模型要求“至少两项异常”？
# 3. 用 `mmlib.practice` 自测：运行下面两格，读题后把答案写进 `answer = ...`（替换 `...`）再运行，会得到中文反馈和提示（题号 `flow-light-chain-restriction`；更多题目见本书“动手实践”一章）。

# %%
from mmlib import practice

practice.show("flow-light-chain-restriction")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("flow-light-chain-restriction", answer);
