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
# # 模型：克隆多样性与蛋白电泳
#
# 学完本页你能：
#
# - 说明 V(D)J 重组的组合多样性，以及克隆扩增如何降低多样性指数；
# - 区分正常、多克隆增高与单克隆（M 峰）三种蛋白电泳图谱，用垂直分割法定量 M 峰；
# - 读免疫固定电泳，识别轻链限制。
#
# 正常的 B 细胞群体是**多克隆**的：每个 B 细胞经 V(D)J 重组得到独一无二的免疫球蛋白。
# 骨髓瘤则是**单克隆**的：一个始祖细胞的全部后代产生完全相同的分子——同样的氨基酸序列、
# 同样的分子量、同样的等电点。本页用两个小模型把这条因果链算出来：
#
# 1. **克隆多样性**（`mmlib.models.clonality`）：由基因片段数算出组合多样性，再抽样一个
#    含扩增克隆的细胞群体，用多样性指数描述“多克隆 → 单克隆”的坍缩；
# 2. **蛋白电泳**（`mmlib.models.electrophoresis`）：把血清蛋白写成若干高斯条带之和，
#    比较正常、多克隆增高和单克隆（M 峰）三种图谱，用垂直分割法（perpendicular drop）定量 M 峰，
#    并模拟免疫固定电泳（IFE）的六条泳道。

# %%
from mmlib.plotting import use_book_style

use_book_style()

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from mmlib.models import clonality as cl
from mmlib.models import electrophoresis as ep
from mmlib.models import parameter_table

# %% [markdown]
# ## 参数
#
# 功能性基因片段数取自 IMGT 基因表，随单倍型不同而略有差异，这里取**近似的整数**。
# 电泳条带的含量取成人参考范围的中间值（参考范围因实验室而异），条带位置和宽度是**示意值**。

# %%
pd.concat([parameter_table(cl.PARAMETERS), parameter_table(ep.PARAMETERS)], ignore_index=True).style.hide(axis="index")

# %% [markdown]
# ## V(D)J 组合多样性
#
# 重链从 $V$、$D$、$J$ 中各取一个片段，轻链从 $V$、$J$ 中各取一个：
#
# $$N_H = n_{V_H}\, n_{D_H}\, n_{J_H},\qquad N_L = n_{V_\kappa} n_{J_\kappa} + n_{V_\lambda} n_{J_\lambda},\qquad N_{H\times L} = N_H N_L .$$

# %%
d = cl.combinatorial_diversity()
print(f"重链组合 N_H = 40 × 23 × 6 = {d.heavy:,}")
print(f"κ 链 {d.kappa}，λ 链 {d.lambda_}，轻链合计 N_L = {d.light}")
print(f"重链 × 轻链配对 = {d.paired:,}（约 {d.paired / 1e6:.1f} 百万，尚未计入连接多样性和体细胞高频突变）")

# %% [markdown]
# ## 抽样：多克隆背景中的一个扩增克隆
#
# 下面从 5 000 个细胞中抽样：一部分来自同一个克隆（比例 $f$），其余各自独立重排。
# 用三个指标描述多样性：Shannon 熵 $H = -\sum_i p_i \ln p_i$，
# Simpson 指数（随机两个细胞属于同一克隆型的概率），以及克隆性 $1 - H/\ln S$（$S$ 为克隆型数目）。

# %%
fig, axes = plt.subplots(1, 2, figsize=(11, 4))
for ax, f, title in ((axes[0], 0.0, "多克隆（f = 0）"), (axes[1], 0.6, "单克隆扩增（f = 0.6）")):
    counts = cl.clonotype_counts(cl.sample_repertoire(5000, clone_fraction=f, seed=1))
    ax.bar(np.arange(1, 31), counts[:30] / counts.sum() * 100, color="#0072B2" if f == 0 else "#D55E00")
    ax.set_xlabel("克隆型排序（按细胞数从多到少，前 30 个）")
    ax.set_ylabel("占全部细胞的百分比（%）")
    ax.set_title(f"{title}：Shannon 熵 {cl.shannon_entropy(counts):.2f} nat")
fig.tight_layout()
# alt: 两幅条形图：按细胞数排序的前 30 个克隆型各占全部细胞的百分比。左图多克隆，各克隆型都很小且相近；右图单克隆扩增，第一个克隆型独占大部分细胞；标题给出两者的 Shannon 熵。
plt.show()

# %% [markdown]
# ### 转动旋钮：克隆比例 f 从 0 到 1

# %%
fs = np.linspace(0, 1, 21)
rows = []
for f in fs:
    c = cl.clonotype_counts(cl.sample_repertoire(5000, clone_fraction=f, seed=2))
    rows.append((cl.shannon_entropy(c), cl.simpson_index(c), cl.clonality_index(c)))
H, simpson, clonality = np.array(rows).T

fig, ax1 = plt.subplots(figsize=(7, 4))
ax1.plot(fs, H, "o-", label="Shannon 熵（左轴）")
ax1.set_xlabel("扩增克隆占细胞的比例 f")
ax1.set_ylabel("Shannon 熵（nat）")
ax2 = ax1.twinx()
ax2.plot(fs, simpson, "s-", color="#D55E00", label="Simpson 指数（右轴）")
ax2.plot(fs, clonality, "^-", color="#009E73", label="克隆性 1 - H/ln S（右轴）")
ax2.set_ylabel("Simpson 指数 / 克隆性（0–1）")
ax2.grid(False)
fig.legend(loc="upper center", bbox_to_anchor=(0.5, 0.88), fontsize=9)
ax1.set_title("一个克隆扩增时多样性的坍缩")
# alt: 双纵轴曲线：随扩增克隆占细胞的比例 f 增大，Shannon 熵（左轴）下降，Simpson 指数与克隆性（右轴）上升。
plt.show()

# %% [markdown]
# Simpson 指数近似等于 $f^2$：当克隆占一半细胞时，随机两个细胞同属该克隆的概率约为 1/4。
#
# ## 血清蛋白电泳：三种图谱
#
# 每个条带是一个高斯峰，峰下面积等于该组分的浓度（g/dL）。多克隆免疫球蛋白由成千上万种分子组成，
# 等电点各不相同，所以 γ 带宽而平缓；单克隆蛋白的分子完全相同，迁移速度一致，形成窄而高的 **M 峰**。

# %%
sera = {"正常血清": ep.make_serum("normal"),
        "多克隆增高（如慢性炎症）": ep.make_serum("polyclonal"),
        "单克隆（IgG κ，M 蛋白 3 g/dL）": ep.make_serum("monoclonal", m_spike_g_dl=3.0)}
fig, axes = plt.subplots(1, 3, figsize=(13, 3.8), sharey=True)
for ax, (name, serum) in zip(axes, sera.items()):
    dens = ep.densitogram(serum)
    ax.plot(dens.x, dens.y, color="k")
    ax.fill_between(dens.x, dens.y, alpha=0.15)
    for label, pos in (("白蛋白", 0.18), ("α1", 0.33), ("α2", 0.45), ("β", 0.58), ("γ", 0.80)):
        ax.text(pos, -6, label, ha="center", fontsize=9)
    ax.set_title(name, fontsize=11)
    ax.set_xlabel("相对迁移距离（阳极 → 阴极）", labelpad=14)
axes[0].set_ylabel("光密度（g/dL 每单位迁移距离）")
axes[0].set_ylim(-10, 110)
fig.tight_layout()
# alt: 三幅血清蛋白电泳图并排，横轴标出白蛋白、α1、α2、β、γ 区：正常血清的 γ 区是低而宽的丘；多克隆增高时 γ 区整体抬高、仍然宽；单克隆时 γ 区出现一个窄而高的 M 峰。
plt.show()

pd.DataFrame({name: ep.fraction_areas(ep.densitogram(s)) for name, s in sera.items()}).round(2).rename(
    index={"albumin": "白蛋白 (g/dL)", "alpha1": "α1 (g/dL)", "alpha2": "α2 (g/dL)", "beta": "β (g/dL)",
           "gamma": "γ (g/dL)"})

# %% [markdown]
# ## M 峰定量：垂直分割法
#
# 实验室通常在 M 峰两侧与背景交汇处各画一条垂线，积分两垂线之间的面积，再乘以总蛋白得到 M 蛋白浓度。
# 垂线之间**也包含了 M 峰下方的多克隆 γ 球蛋白**，所以小 M 峰会被高估。

# %%
serum = ep.make_serum("monoclonal", m_spike_g_dl=1.0)
dens = ep.densitogram(serum)
spike = ep.quantify_m_spike(dens)
fig, ax = plt.subplots(figsize=(7, 4))
ax.plot(dens.x, dens.y, color="k", label="电泳图")
ax.plot(dens.x, dens.components["gamma"], color="#0072B2", ls="--", label="其中的多克隆 γ 背景")
m = (dens.x >= spike.left) & (dens.x <= spike.right)
ax.fill_between(dens.x[m], dens.y[m], color="#D55E00", alpha=0.4, label="垂直分割积分区")
ax.set_xlim(0.5, 1.0)
ax.set_xlabel("相对迁移距离")
ax.set_ylabel("光密度（g/dL 每单位迁移距离）")
ax.set_title(f"真实 M 蛋白 1.0 g/dL，测得 {spike.g_dl:.2f} g/dL（{spike.g_l:.1f} g/L）")
ax.legend(fontsize=9)
# alt: 电泳曲线：γ 区的 M 峰叠在多克隆 γ 背景（虚线）之上，橙色阴影为垂直分割法的积分区；标题给出真实 M 蛋白与测得值。
plt.show()

# %% [markdown]
# ### 转动旋钮：M 蛋白从 0.2 到 5 g/dL，测量值与真实值之比

# %%
true_m = np.array([0.2, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 4.0, 5.0])
measured = np.array([ep.quantify_m_spike(ep.densitogram(ep.make_serum("monoclonal", m_spike_g_dl=m))).g_dl
                     for m in true_m])
fig, axes = plt.subplots(1, 2, figsize=(11, 4))
axes[0].plot(true_m, measured, "o-", label="垂直分割法测得值")
axes[0].plot([0, 5], [0, 5], color="grey", ls=":", label="y = x")
axes[0].set_xlabel("真实 M 蛋白（g/dL）")
axes[0].set_ylabel("测得 M 蛋白（g/dL）")
axes[0].legend(fontsize=9)
axes[1].plot(true_m, measured / true_m, "o-", color="#D55E00")
axes[1].axhline(1, color="grey", ls=":")
axes[1].set_xlabel("真实 M 蛋白（g/dL）")
axes[1].set_ylabel("测得值 / 真实值")
axes[1].set_title("M 峰越小，背景造成的相对高估越大")
fig.tight_layout()
# alt: 两幅图：左图测得 M 蛋白对真实 M 蛋白，各点都在 y = x 线上方；右图测得值与真实值之比随真实 M 蛋白增大而下降、逐渐接近 1。
plt.show()

# %% [markdown]
# ## 免疫固定电泳：轻链限制
#
# 六条泳道依次为：总蛋白（SPE），以及被抗 IgG、抗 IgA、抗 IgM、抗 κ、抗 λ 抗血清沉淀的蛋白。
# 多克隆免疫球蛋白在 G、A、M 和 κ、λ 泳道都呈弥散的淡染区；单克隆蛋白只在**一条重链泳道和一条轻链泳道**
# 出现同一位置的致密条带。

# %%
cases = {"IgG κ 骨髓瘤": ep.make_serum("monoclonal", m_spike_g_dl=2.5),
         "IgA λ 骨髓瘤": ep.make_serum("monoclonal", m_spike_g_dl=1.5, heavy="IgA", light="lambda"),
         "轻链型（游离 κ）": ep.make_serum("monoclonal", m_spike_g_dl=0.5, heavy=None, light="kappa")}
fig, axes = plt.subplots(1, 3, figsize=(12, 4.2))
for ax, (name, serum) in zip(axes, cases.items()):
    lanes = ep.immunofixation(serum)
    img = lanes.lanes.T ** 0.5
    ax.imshow(img, aspect="auto", cmap="Greys", extent=(-0.5, 5.5, 1, 0), vmax=np.sqrt(40))
    ax.set_xticks(range(6), ep.IFE_LANES)
    ax.set_ylabel("相对迁移距离（上为阳极）")
    ax.set_title(f"{name}\n判读：{ep.read_immunofixation(lanes)}", fontsize=11)
    ax.grid(False)
fig.tight_layout()
# alt: 三幅模拟的免疫固定电泳胶图，每幅有 SPE、G、A、M、κ、λ 六条泳道：IgG κ 骨髓瘤在 G 与 κ 泳道同一位置出现窄带，IgA λ 骨髓瘤在 A 与 λ 泳道出现窄带，轻链型只在 κ 泳道出现窄带；标题写出判读结果。
plt.show()

# %% [markdown]
# ## 小结
#
# - 只算片段组合，重链 × 轻链配对就约有 $1.8 \times 10^6$ 种；连接多样性使真实库容大得多。
# - 一个克隆扩增时，Shannon 熵下降，Simpson 指数约随 $f^2$ 上升，克隆型分布被一个“巨峰”主导。
# - 多克隆免疫球蛋白形成宽 γ 带；单克隆蛋白分子完全相同，形成窄 M 峰。
# - 垂直分割法把峰下的多克隆背景也计入，小 M 峰被相对高估。
# - 免疫固定电泳中同一位置只出现一种重链和一种轻链条带——轻链限制是单克隆性的直接证据。
#
# *本页为教学模型，条带形状与含量为示意值，不构成临床建议。*

# %% [markdown]
# ## 练习
#
# 1. 一位患者 SPEP 的 M 峰测得 0.4 g/dL，而 γ 区背景仍有约 0.6 g/dL 多克隆免疫球蛋白。
#    结合上面的旋钮图，真实的 M 蛋白可能是多少？为什么随访时应尽量用同一实验室、同一方法？
# 2. 为什么轻链型骨髓瘤在血清蛋白电泳上可能几乎看不到 M 峰，却在免疫固定电泳的 κ 或 λ 泳道出现条带？
#    （提示：游离轻链分子量约 22–24 kDa，可经肾小球滤过。）
# 3. 用 `mmlib.practice` 自测：运行下面两格，读题后把答案写进 `answer = ...`（替换 `...`）再运行，会得到中文反馈和提示（题号 `spep-quantify-spike`；更多题目见本书“动手实践”一章）。

# %%
from mmlib import practice

practice.show("spep-quantify-spike")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("spep-quantify-spike", answer);
