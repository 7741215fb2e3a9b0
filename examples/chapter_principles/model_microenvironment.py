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
# # 模型：恶性循环
#
# 学完本页你能：
#
# - 写出肿瘤—基质细胞—破骨细胞的正反馈环路；
# - 用环路增益解释微环境对肿瘤负荷的放大作用；
# - 比较切断不同环节的效果。
#
# 正文描述了骨髓微环境中的“恶性循环”：骨髓瘤细胞黏附基质细胞，诱导其分泌 IL-6；
# 肿瘤细胞升高 RANKL，激活破骨细胞；活化的破骨细胞分泌 APRIL 和 BAFF，反过来支持肿瘤细胞存活。
# 本页用三个变量的常微分方程把这个循环写出来，并回答一个治疗问题：**切断其中一环会怎样？**
#
# $$\frac{dS}{dt} = s_0 + s_T T - \delta_S S,\qquad
# \frac{dO}{dt} = (1-\varepsilon_R)(o_0 + o_T T) - \delta_O O,$$
#
# $$\frac{dT}{dt} = T\left[b_0 + (1-\varepsilon_6)\,b_S S + (1-\varepsilon_A)\,b_A O - d - c\,T\right].$$
#
# $T$ 为相对肿瘤负荷（任意单位，尺度由拥挤系数 $c$ 决定：没有微环境支持时，肿瘤停在 $(b_0 - d)/c$，
# 默认参数下为 0.200，见下面的输出），$S$ 为基质细胞分泌的 IL-6，
# $O$ 为破骨细胞活性（其分泌的 APRIL/BAFF 与 $O$ 成正比）。$\varepsilon_6$、$\varepsilon_R$、$\varepsilon_A$
# 分别代表抗 IL-6、抗 RANKL 和抗 APRIL/BAFF 治疗切断相应环节的比例。

# %%
from mmlib.plotting import use_book_style

use_book_style()

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from mmlib.models import microenvironment as me
from mmlib.models import parameter_table

# %% [markdown]
# ## 参数
#
# 这是一个纯粹的**示意模型**：所有参数都是为了让机制清晰可见而选定的，没有拟合任何数据。

# %%
parameter_table(me.PARAMETERS).style.hide(axis="index")

# %% [markdown]
# ## 稳态的解析解与“环路增益”
#
# 由于 $S$、$O$ 对 $T$ 是线性的，令导数为 0 可以手算出肿瘤稳态：
#
# $$T^* = \frac{b_0 - d + b_S s_0/\delta_S + b_A o_0/\delta_O}{c\,(1 - G)},\qquad
# G = \frac{b_S s_T/\delta_S + b_A o_T/\delta_O}{c}.$$
#
# $G$ 是反馈环路的**增益**：肿瘤每增加一份，经微环境“返还”给自身的促生长信号相当于拥挤抑制的多少倍。
# $G < 1$ 时循环被拥挤效应约束；$G \ge 1$ 时正反馈失控（本模型中肿瘤无限增长）。

# %%
p = me.MicroenvParams()
s = me.steady_state(p)
print(f"环路增益 G = {me.loop_gain(p):.2f}")
print(f"稳态：T* = {s.T:.3f}，S* = {s.S:.3f}，O* = {s.O:.3f}")
print(f"没有微环境支持时的肿瘤水平 (b0 − d)/c = {(p.b0 - p.d) / p.c:.3f}")
print(f"微环境支持把肿瘤负荷放大到 {s.T / ((p.b0 - p.d) / p.c):.1f} 倍")

tr = me.simulate(p, t_end=300)
fig, ax = plt.subplots(figsize=(7, 4))
ax.plot(tr.t, tr.T, label="肿瘤负荷 T")
ax.plot(tr.t, tr.S, label="基质 IL-6 S")
ax.plot(tr.t, tr.O, label="破骨细胞活性 O")
ax.axhline(s.T, color="grey", ls=":", label="解析稳态 T*")
ax.set_xlabel("时间（天）")
ax.set_ylabel("相对水平（无量纲）")
ax.set_title("肿瘤与微环境相互放大，趋于稳态")
ax.legend(fontsize=9)
# alt: 曲线图：肿瘤负荷、基质 IL-6 和破骨细胞活性随时间相互放大而上升，最后趋于稳定；肿瘤负荷停在灰色点线标出的解析稳态 T* 上。
plt.show()

# %% [markdown]
# ## 切断一个环节
#
# 第 300 天开始治疗，分别完全阻断 IL-6 信号、RANKL 或 APRIL/BAFF。

# %%
treatments = {"不治疗": {}, "抗 IL-6": {"anti_il6": 1.0}, "抗 RANKL": {"anti_rankl": 1.0},
              "抗 APRIL/BAFF": {"anti_april": 1.0}, "抗 IL-6 + 抗 RANKL": {"anti_il6": 1.0, "anti_rankl": 1.0}}
fig, ax = plt.subplots(figsize=(7, 4))
rows = []
for name, kw in treatments.items():
    treated = me.with_blockade(p, **kw)
    run = me.simulate(treated, untreated=p, treatment_start=300, t_end=900, n_points=901)
    ax.plot(run.t, run.T, label=name)
    rows.append({"治疗": name, "环路增益 G": round(me.loop_gain(treated), 2),
                 "稳态肿瘤负荷 T*": round(me.steady_state(treated).T, 3)})
ax.axvline(300, color="grey", ls=":")
ax.set_xlabel("时间（天）")
ax.set_ylabel("相对肿瘤负荷 T")
ax.set_title("切断任何一环都会降低肿瘤稳态")
ax.legend(fontsize=9)
# alt: 多条肿瘤负荷随时间变化的曲线：竖点线处起分别切断恶性循环的不同环节，每一种都使肿瘤负荷下降到更低的稳态。
plt.show()
pd.DataFrame(rows).set_index("治疗")

# %% [markdown]
# > **注意：模型里的“治疗”是思想实验，不是药物**
# >
# > 在这个模型中，完全阻断 IL-6 使肿瘤负荷降得最多。现实并非如此：抗 IL-6 单克隆抗体司妥昔单抗（siltuximab）
# > 加入标准方案后，没有改善骨髓瘤患者的缓解深度和长期结局（San-Miguel 2014）。原因之一是真实肿瘤有许多并行、
# > 可以相互替代的生存信号，而本模型只有两条反馈环路，单切一条就显得格外有效。
# > 同样，抗 RANKL 抗体地舒单抗（denosumab）在骨髓瘤中是防治**骨病**的药物——与唑来膦酸相比，它在预防骨相关事件上
# > 效果相当（Raje 2018）——并不是用来杀伤骨髓瘤细胞的抗肿瘤药。
#
# ## 转动旋钮：IL-6 环节的强度（参数 b_S）
#
# 把基质 IL-6 对肿瘤的促进作用从 0 调大：当环路增益接近 1 时，肿瘤稳态急剧升高——
# 正反馈越接近“临界”，微环境的作用就越被放大。

# %%
b_s_values = np.linspace(0, 0.079, 80)
t_star = [me.steady_state(me.MicroenvParams(b_s=b)).T for b in b_s_values]
gains = [me.loop_gain(me.MicroenvParams(b_s=b)) for b in b_s_values]
fig, axes = plt.subplots(1, 2, figsize=(11, 4))
axes[0].plot(b_s_values, t_star)
axes[0].set_xlabel("IL-6 对肿瘤的促进 b_S（1/天）")
axes[0].set_ylabel("稳态肿瘤负荷 T*")
axes[0].set_title("接近临界时肿瘤负荷急剧上升")
axes[1].plot(gains, t_star, color="#D55E00")
axes[1].axvline(1, color="grey", ls=":")
axes[1].set_xlabel("环路增益 G")
axes[1].set_ylabel("稳态肿瘤负荷 T*")
axes[1].set_title("T* ∝ 1/(1 - G)")
fig.tight_layout()
# alt: 两幅图：左图稳态肿瘤负荷 T* 随 IL-6 对肿瘤的促进系数 b_S 增大而越来越快地上升；右图 T* 随环路增益 G 接近 1（竖点线）而急剧上升。
plt.show()

# %% [markdown]
# ## 小结
#
# - 肿瘤—基质 IL-6—破骨细胞—APRIL/BAFF 构成正反馈环路，其强度可以用环路增益 $G$ 概括。
# - 稳态肿瘤负荷 $T^* \propto 1/(1 - G)$：$G$ 越接近 1，微环境对肿瘤的放大作用越强。
# - 切断任何一个环节都会降低 $G$ 和 $T^*$；同时切断两个环节效果更大。
# - 这是一个示意模型，用来说明“恶性循环”的逻辑，而不是预测具体药物的疗效：抗 IL-6 抗体在临床试验中未能改善结局，
#   抗 RANKL 抗体地舒单抗是骨病治疗药物而非抗骨髓瘤药物。
#
# *本页为教学模型，所有参数均为示意值，不构成临床建议。*

# %% [markdown]
# ## 练习
#
# 1. 从公式看，为什么切断任意一个环节（增大任一 $\varepsilon$）都**不可能**使 $T^*$ 升高？
#    分别看分子和分母的变化。
# 2. 在默认参数下，抗 RANKL 与抗 APRIL/BAFF 给出相同的 $T^*$，为什么？
#    （提示：两者都作用在同一条“肿瘤 → 破骨细胞 → APRIL/BAFF → 肿瘤”通路上。）
#    如果破骨细胞还通过其他途径（例如释放骨基质中的生长因子）支持肿瘤，两种治疗的效果还会相同吗？
# 3. 用 `mmlib.practice` 自测：运行下面两格，读题后把答案写进 `answer = ...`（替换 `...`）再运行，会得到中文反馈和提示（题号 `ecm-4808641`；更多题目见本书“动手实践”一章）。

# %%
from mmlib import practice

practice.show("ecm-4808641")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("ecm-4808641", answer);
