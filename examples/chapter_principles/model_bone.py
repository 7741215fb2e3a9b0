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
# # 模型：骨重塑
#
# 学完本页你能：
#
# - 用 Komarova 模型说明破骨细胞与成骨细胞的偶联，以及骨髓瘤如何造成解偶联；
# - 解释 RANKL/OPG 与 DKK1/硬骨素在溶骨中的作用；
# - 说明抗骨吸收治疗能减缓骨量流失、却不能重建已被吸收的骨。
#
# 正文把骨髓瘤骨病概括为**骨重塑的解偶联**：RANKL/OPG 比值升高使破骨细胞活化，
# DKK1 与硬骨素抑制 Wnt 通路使成骨细胞功能低下。本页用一个经典的常微分方程模型把这句话算出来。
#
# Komarova 等（2003）用三个变量描述一个骨重塑单位：破骨细胞数 $C$、成骨细胞数 $B$ 和局部骨量 $z$（初始值的百分比）：
#
# $$\frac{dC}{dt} = \alpha_1 C^{g_{11}} B^{g_{21}} - \beta_1 C,\qquad
# \frac{dB}{dt} = \alpha_2 C^{g_{12}} B^{g_{22}} - \beta_2 B,$$
#
# $$\frac{dz}{dt} = -k_1 \max(C - \bar C, 0) + k_2 \max(B - \bar B, 0).$$
#
# 指数 $g_{ij}$ 表示自分泌（$g_{11}$、$g_{22}$）与旁分泌（$g_{21}$：成骨细胞经 RANKL/OPG 影响破骨细胞；
# $g_{12}$：破骨细胞刺激成骨细胞，即“偶联”）的效应强度。稳态有解析解：
#
# $$\bar C = \left(\tfrac{\beta_1}{\alpha_1}\right)^{(1-g_{22})/\Gamma}\left(\tfrac{\beta_2}{\alpha_2}\right)^{g_{21}/\Gamma},\quad
# \bar B = \left(\tfrac{\beta_1}{\alpha_1}\right)^{g_{12}/\Gamma}\left(\tfrac{\beta_2}{\alpha_2}\right)^{(1-g_{11})/\Gamma},\quad
# \Gamma = g_{12}g_{21} - (1-g_{11})(1-g_{22}).$$
#
# **骨髓瘤扩展**（仿 Ayati 等 2010 的思路：肿瘤负荷改变自分泌/旁分泌增益）：肿瘤按 Gompertz 规律生长，
# 相对负荷 $u = T/L$；RANKL/OPG 升高使破骨细胞生成乘以 $1 + \rho u$，DKK1/硬骨素使 $g_{22}$ 降为 $g_{22} - \delta u$。
# 抗骨吸收药物在第 $t_0$ 天起效：阻断破骨细胞生成（类地舒单抗）或降低单个破骨细胞的吸收能力（类双膦酸盐）。
# 破骨细胞只能吸收还存在的骨：骨量低于一个示意的下限（`resorbable_floor`，5%）后，净丢失速率按剩余骨量成比例减小，
# 所以骨量逼近 0（溶骨性病变）而不会越过 0，钙释放代理指标也随可吸收的骨耗尽而连续减小，不会突然归零。
#
# 正文“用数学模型描述骨重塑”一框使用同样的记号 $C$、$B$、$z$；肿瘤的 RANKL 效应只通过 $\alpha_1$ 进入模型，
# Komarova 的旁分泌指数 $g_{21}$ 保持原值。

# %%
from mmlib.plotting import use_book_style

use_book_style()

import matplotlib.pyplot as plt
import numpy as np

from mmlib.models import bone
from mmlib.models import parameter_table

# %% [markdown]
# ## 参数
#
# 细胞动力学和骨量方程的 10 个参数取自 Komarova 2003（BioModels 中的同一模型 BIOMD0000000148 使用相同数值）；
# 肿瘤、药物相关参数均为**示意值**。

# %%
parameter_table(bone.PARAMETERS).style.hide(axis="index")

# %%
c_bar, b_bar = bone.steady_state()
print(f"无肿瘤稳态：破骨细胞 C̄ = {c_bar:.4f}，成骨细胞 B̄ = {b_bar:.2f}（Γ = {bone.BoneParams().gamma:g}）")

# %% [markdown]
# ## 正常的骨重塑周期
#
# 在 $t = 0$ 时给一次破骨细胞“脉冲”（$C(0) = \bar C + 10$）：破骨细胞先吸收骨质，随后被招募的成骨细胞把骨“填回去”，
# 骨量回到起点——这就是**偶联**。

# %%
normal = bone.BoneParams(tumour0=0.0)
cycle = bone.simulate(normal, t_end=1000, n_points=1001, C0=c_bar + 10)
fig, axes = plt.subplots(1, 3, figsize=(13, 3.6))
axes[0].plot(cycle.t, cycle.C, color="#D55E00")
axes[0].set_title("破骨细胞")
axes[0].set_ylabel("细胞数（个）")
axes[1].plot(cycle.t, cycle.B, color="#0072B2")
axes[1].set_title("成骨细胞")
axes[1].set_ylabel("细胞数（个）")
axes[2].plot(cycle.t, cycle.z, color="k")
axes[2].set_title("局部骨量")
axes[2].set_ylabel("骨量（初始值的 %）")
for ax in axes:
    ax.set_xlabel("时间（天）")
fig.suptitle("正常的骨重塑周期：先吸收、后形成、骨量复原", y=1.03)
fig.tight_layout()
# alt: 三幅并排曲线，横轴为时间（天）：破骨细胞数先升高后回落，成骨细胞数随后升高再回落，局部骨量先下降、后恢复到初始水平。
plt.show()

# %% [markdown]
# ## 骨髓瘤：解偶联导致骨量流失与钙释放
#
# 默认参数下肿瘤在约两年内由 1% 增长到接近满负荷。骨量降为 0 表示该部位骨质被完全吸收——
# 对应影像上的**溶骨性病变**。“钙释放代理指标”是净骨吸收速率（吸收 − 形成，%/天）：
# 钙离开骨骼的速度超过肾脏排泄能力时，就会出现高钙血症。

# %%
mm = bone.simulate(bone.BoneParams(), t_end=730)
fig, axes = plt.subplots(2, 2, figsize=(11, 6.5), sharex=True)
axes[0, 0].plot(mm.t, mm.tumour * 100, color="#CC79A7")
axes[0, 0].set_ylabel("相对肿瘤负荷（%）")
axes[0, 0].set_title("肿瘤负荷（Gompertz 增长）")
axes[0, 1].plot(mm.t, mm.C / c_bar, color="#D55E00", label=r"破骨细胞 $C/\bar{C}$")
axes[0, 1].plot(mm.t, mm.B / b_bar, color="#0072B2", label=r"成骨细胞 $B/\bar{B}$")
axes[0, 1].axhline(1, color="grey", ls=":")
axes[0, 1].set_ylabel("相对无肿瘤稳态的倍数")
axes[0, 1].set_title("破骨细胞增多，成骨细胞不再跟上")
axes[0, 1].legend(fontsize=9)
axes[1, 0].plot(mm.t, mm.z, color="k")
axes[1, 0].set_ylabel("骨量（初始值的 %）")
axes[1, 0].set_title("局部骨量")
axes[1, 1].plot(mm.t, mm.calcium_release, color="#E69F00")
axes[1, 1].set_ylabel("净骨吸收速率（%/天）")
axes[1, 1].set_title("钙释放代理指标")
for ax in axes[1]:
    ax.set_xlabel("时间（天）")
fig.tight_layout()
# alt: 2×2 曲线图，横轴为时间（天）：肿瘤负荷沿 Gompertz 曲线上升；破骨细胞相对无肿瘤稳态持续增多，成骨细胞没有相应增加；局部骨量持续下降；净骨吸收速率（钙释放代理指标）升高。
plt.show()

# %% [markdown]
# ## 转动旋钮：RANKL 效应 ρ
#
# 在 DKK1 效应保持默认（$\delta = 0.2$）时，把 RANKL 效应从 0 调到 2。模型保证（并由测试检验）：
# **在成骨被抑制的解偶联状态下，RANKL 效应越强，任何时刻的骨量都不会更多。**

# %%
fig, ax = plt.subplots(figsize=(7, 4))
for rho in (0.0, 0.25, 0.5, 1.0, 2.0):
    r = bone.simulate(bone.BoneParams(rankl_effect=rho), t_end=730)
    ax.plot(r.t, r.z, label=f"ρ = {rho:g}")
ax.set_xlabel("时间（天）")
ax.set_ylabel("骨量（初始值的 %）")
ax.set_title("RANKL 效应越强，骨量流失越快")
ax.legend(fontsize=9)
# alt: 多条骨量随时间变化的曲线，每条对应一个 RANKL 效应 ρ：ρ 越大，骨量下降得越早、越快。
plt.show()

# %% [markdown]
# 反过来，如果没有 DKK1 的解偶联（$\delta = 0$），多出来的破骨细胞会招募更多成骨细胞，
# 在 Komarova 的参数下骨量甚至略有增加——**骨病的关键不只是“破骨增强”，而是“成骨跟不上”**。

# %%
fig, ax = plt.subplots(figsize=(7, 4))
for delta, ls in ((0.0, "--"), (0.2, "-")):
    for rho, color in ((0.0, "#0072B2"), (1.0, "#D55E00")):
        r = bone.simulate(bone.BoneParams(rankl_effect=rho, dkk1_effect=delta), t_end=730)
        ax.plot(r.t, r.z, ls=ls, color=color, label=f"ρ = {rho:g}，δ = {delta:g}")
ax.set_xlabel("时间（天）")
ax.set_ylabel("骨量（初始值的 %）")
ax.set_title("偶联完好（虚线）与解偶联（实线）")
ax.legend(fontsize=9)
# alt: 骨量随时间变化的曲线：虚线为偶联完好，实线为同时存在 DKK1/硬骨素抑制的解偶联；解偶联时骨量下降得更多。
plt.show()

# %% [markdown]
# ## 抗骨吸收治疗
#
# 第 180 天开始治疗。两种作用方式：阻断破骨细胞生成 60%（类地舒单抗，阻断 RANKL），
# 或单个破骨细胞的吸收能力下降 60%（类双膦酸盐）。

# %%
fig, axes = plt.subplots(1, 2, figsize=(11, 4))
scenarios = {"未治疗": {}, "阻断破骨细胞生成 60%": {"formation_block": 0.6},
             "降低吸收能力 60%": {"resorption_block": 0.6}}
for name, kw in scenarios.items():
    r = bone.simulate(bone.BoneParams(therapy_start=180, **kw), t_end=730)
    axes[0].plot(r.t, r.z, label=name)
    axes[1].plot(r.t, r.calcium_release, label=name)
for ax in axes:
    ax.axvline(180, color="grey", ls=":")
    ax.set_xlabel("时间（天）")
axes[0].set_ylabel("骨量（初始值的 %）")
axes[0].set_title("治疗保护骨量")
axes[1].set_ylabel("净骨吸收速率（%/天）")
axes[1].set_title("治疗降低钙释放")
axes[0].legend(fontsize=9)
fig.tight_layout()
# alt: 两幅曲线，竖点线标出开始治疗的时间：左图为骨量，治疗后下降减缓；右图为净骨吸收速率，治疗后降低；未治疗的曲线继续恶化。
plt.show()

# %% [markdown]
# ## 小结
#
# - Komarova 模型中破骨细胞与成骨细胞通过自分泌和旁分泌信号偶联，一次重塑周期后骨量复原；稳态有解析解（$\bar C \approx 1.06$，$\bar B \approx 212$）。
# - 骨髓瘤通过 RANKL/OPG 升高增加破骨细胞，通过 DKK1/硬骨素抑制成骨细胞；两者叠加造成解偶联和持续骨量流失。
# - 在解偶联状态下，RANKL 效应越强骨量越少；若偶联完好，额外的破骨细胞会被成骨“补偿”。
# - 抗骨吸收治疗减缓骨量流失和钙释放，但不能重建已被吸收的骨。
#
# *本页为教学模型，肿瘤与药物参数均为示意值，不构成临床建议。*

# %% [markdown]
# ## 练习
#
# 1. 在“阻断破骨细胞生成”的情景中，成骨细胞数量也随之下降。用偶联（$g_{12}$）解释原因。
#    这与临床上强效抗骨吸收药物同时降低骨形成标志物的现象一致吗？
# 2. 把 `resorption_block` 从 0 调到 0.9，观察第 730 天的骨量。为什么抗骨吸收药物能阻止溶骨继续进展，
#    却几乎不能让已经形成的溶骨性病变“长回来”？（提示：看成骨细胞是否超过 $\bar B$。）
# 3. 用 `mmlib.practice` 自测：运行下面两格，读题后把答案写进 `answer = ...`（替换 `...`）再运行，会得到中文反馈和提示（题号 `corrected-calcium-4410309`；更多题目见本书“动手实践”一章）。

# %%
from mmlib import practice

practice.show("corrected-calcium-4410309")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("corrected-calcium-4410309", answer);
