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
# # 模型：铁调素与促红细胞生成素
#
# 学完本页你能：
#
# - 用三室铁循环模型解释 IL-6 → 铁调素 → 功能性铁缺乏；
# - 说明肾功能受损时 EPO 为什么“不适当地低”；
# - 把骨髓浸润、铁利用障碍和 EPO 不足放在同一框架中比较。
#
# 正文把骨髓瘤贫血归纳为三种机制：骨髓浸润、炎症性贫血（IL-6 → 铁调素 → “功能性铁缺乏”）
# 和相对性 EPO 缺乏（肾功能受损）。本页用一个闭合的三室铁循环模型把三者放在同一个框架里：
#
# - $P$：血浆中与转铁蛋白结合的铁；$R$：红细胞（血红蛋白）中的铁；$M$：巨噬细胞中回收和贮存的铁（铁蛋白）。
#
# $$\frac{dP}{dt} = E - U,\qquad \frac{dR}{dt} = U - \frac{R}{\tau},\qquad \frac{dM}{dt} = \frac{R}{\tau} - E,$$
#
# $$E = k_{fpn}\,F(h)\,M\,\Big(1 - \frac{P}{\mathrm{TIBC}}\Big),\qquad U = V_{max}\,D\,\frac{P}{K_m + P},\qquad F(h) = \frac{1}{1 + h\,r_0}.$$
#
# 三个方程相加为 0，所以总铁量 $P + R + M$ **守恒**。IL-6 诱导肝脏合成铁调素 $h$（Nemeth 2004），
# 铁调素使铁转运蛋白（ferroportin）降解，巨噬细胞中的铁“出不来”。铁调素主要经肾脏清除，肾功能受损时它在血中蓄积
# （慢性肾脏病患者铁调素升高，Mercadal 2014）：模型中相对铁调素
# $h = \text{IL-6 诱导} \,/\, [(1 - f_r) + f_r \cdot \text{肾功能}]$，$f_r$ 是肾脏清除所占的份额（示意值）。红系造血驱动
# $D = (1 - \text{浸润比例})\,(\mathrm{EPO}/\mathrm{EPO}_0)^{\gamma}$，EPO 随 Hb 下降而对数线性上升，
# 肾功能受损按比例削弱这一反应。

# %%
from mmlib.plotting import use_book_style

use_book_style()

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from mmlib.models import iron
from mmlib.models import parameter_table

# %% [markdown]
# ## 参数
#
# 只有三个方向来自文献：IL-6 诱导铁调素并导致低铁血症（Nemeth 2004），慢性肾脏病中铁调素升高（Mercadal 2014），骨髓瘤贫血中 EPO 相对贫血程度分泌不足（Beguin 1992）；红细胞寿命、血红蛋白含铁量等是生理学常识值；
# 其余数值是**示意值**，调到正常状态下 Hb 14 g/dL、转铁蛋白饱和度 30%、每日回收铁约 20 mg。

# %%
parameter_table(iron.PARAMETERS).style.hide(axis="index")

# %% [markdown]
# ## 三种机制的稳态比较

# %%
scenarios = {
    "正常": {},
    "炎症（IL-6 40 pg/mL）": {"il6_pg_ml": 40},
    "肾功能受损（肾功能 10%）": {"renal_capacity": 0.1},
    "骨髓浸润 40%": {"infiltration": 0.4},
    "三者并存（各取中等程度）": {"il6_pg_ml": 20, "renal_capacity": 0.3, "infiltration": 0.3},
}
rows = []
for name, kw in scenarios.items():
    s = iron.steady_state(**kw)
    rows.append({"情景": name, "Hb (g/dL)": round(s.hb_g_dl, 1), "转铁蛋白饱和度 (%)": round(s.tsat * 100, 1),
                 "血清铁 (µg/dL)": round(s.serum_iron_ug_dl), "铁蛋白 (ng/mL)": round(s.ferritin_ng_ml),
                 "EPO (mIU/mL)": round(s.epo_miu_ml, 1), "相对铁调素": round(s.hepcidin_rel, 2)})
pd.DataFrame(rows).set_index("情景")

# %% [markdown]
# 炎症情景呈现典型的**功能性铁缺乏**：铁蛋白（贮存铁）升高，而转铁蛋白饱和度和血清铁降低——
# 体内并不缺铁，只是铁被“锁”在巨噬细胞里。
#
# 肾功能受损时同时发生两件事：EPO 对贫血的反应明显不足，红系摄铁减少；而铁调素因清除减少而蓄积，
# 同样把铁锁在巨噬细胞里。后者占了上风，所以转铁蛋白饱和度低于正常、铁蛋白升高——这与慢性肾脏病患者
# 常见的铁指标一致。单纯的骨髓浸润则不同：铁调素不变，红系摄铁减少，血浆铁偏高。
#
# ## IL-6 升高后的时间进程

# %%
tr = iron.simulate(il6_pg_ml=40, t_end=365)
fig, axes = plt.subplots(1, 3, figsize=(13, 3.6))
axes[0].plot(tr.t, tr.tsat * 100, color="#D55E00")
axes[0].set_ylabel("转铁蛋白饱和度（%）")
axes[0].set_title("数天内降低")
axes[1].plot(tr.t, tr.ferritin_ng_ml, color="#E69F00")
axes[1].set_ylabel("铁蛋白（ng/mL）")
axes[1].set_title("贮存铁逐渐增加")
axes[2].plot(tr.t, tr.hb_g_dl, color="#0072B2")
axes[2].set_ylabel("血红蛋白（g/dL）")
axes[2].set_title("Hb 按红细胞寿命的时间尺度下降")
for ax in axes:
    ax.set_xlabel("时间（天）")
fig.tight_layout()
# alt: 三幅并排曲线，横轴为时间（天）：转铁蛋白饱和度在数天内降低，铁蛋白（贮存铁）逐渐升高，血红蛋白按红细胞寿命的时间尺度缓慢下降。
plt.show()
print(f"总铁量：起点 {tr.total_mg[0]:.3f} mg，终点 {tr.total_mg[-1]:.3f} mg（守恒）")

# %% [markdown]
# ## 转动旋钮 1：IL-6 浓度

# %%
il6 = np.linspace(0, 120, 61)
states = [iron.steady_state(il6_pg_ml=x) for x in il6]
fig, ax1 = plt.subplots(figsize=(7, 4))
ax1.plot(il6, [s.tsat * 100 for s in states], color="#D55E00", label="转铁蛋白饱和度（%，左轴）")
ax1.plot(il6, [s.hb_g_dl for s in states], color="#0072B2", label="Hb（g/dL，左轴）")
ax1.set_xlabel("血清 IL-6（pg/mL）")
ax1.set_ylabel("转铁蛋白饱和度（%）/ Hb（g/dL）")
ax2 = ax1.twinx()
ax2.plot(il6, [s.ferritin_ng_ml for s in states], color="#E69F00", ls="--", label="铁蛋白（ng/mL，右轴）")
ax2.set_ylabel("铁蛋白（ng/mL）")
ax2.grid(False)
fig.legend(loc="upper center", bbox_to_anchor=(0.55, 0.85), fontsize=9)
ax1.set_title("IL-6 越高：贮存铁越多，可利用铁越少")
# alt: 双纵轴曲线：随血清 IL-6 升高，铁蛋白（虚线，右轴）上升，转铁蛋白饱和度与血红蛋白（左轴）下降。
plt.show()

# %% [markdown]
# ## 转动旋钮 2：肾功能与 EPO 反应
#
# 在健康肾脏中，$\log_{10}\mathrm{EPO}$ 随 Hb 线性上升（Hb 越低，EPO 越高）；肾功能受损时整条直线向下平移。
# 图中的点是各肾功能水平下模型的稳态：贫血越重，EPO 却越“不相称地低”。

# %%
hb_axis = np.linspace(6, 15, 50)
fig, ax = plt.subplots(figsize=(7, 4.2))
for rc in (1.0, 0.3, 0.1, 0.03):
    ax.plot(hb_axis, iron.epo_level(hb_axis, rc), label=f"肾脏 EPO 反应 {rc:.0%}")
    s = iron.steady_state(renal_capacity=rc, il6_pg_ml=20)
    ax.plot(s.hb_g_dl, s.epo_miu_ml, "ko")
ax.set_yscale("log")
ax.set_yticks([1, 3, 10, 30, 100, 300, 1000], labels=["1", "3", "10", "30", "100", "300", "1000"])
ax.minorticks_off()
ax.invert_xaxis()
ax.set_xlabel("血红蛋白（g/dL，向右递减）")
ax.set_ylabel("血清 EPO（mIU/mL，对数刻度）")
ax.set_title("肾功能受损使 EPO 对贫血的反应变钝（黑点：IL-6 20 pg/mL 时的稳态）")
ax.legend(fontsize=9)
# alt: 曲线图：几种肾脏 EPO 反应水平下，血清 EPO（对数刻度）随血红蛋白降低而升高，肾脏反应越差曲线越低；黑点为 IL-6 为 20 pg/mL 时各自的稳态。
plt.show()

# %% [markdown]
# ## 小结
#
# - 铁在血浆、红细胞和巨噬细胞之间循环；闭合模型中总铁量守恒。
# - IL-6 → 铁调素 ↑ → 铁转运蛋白 ↓：铁被锁在巨噬细胞中，铁蛋白升高而转铁蛋白饱和度下降（功能性铁缺乏）。
# - 正常肾脏中 EPO 随 Hb 下降而对数线性上升；肾功能受损使这一反应按比例减弱，EPO 相对贫血程度“不适当地低”；
#   同时铁调素因肾脏清除减少而蓄积，转铁蛋白饱和度降低。
# - 骨髓浸润直接削弱红系造血；三种机制叠加时贫血最重。
#
# *本页为教学模型，除铁调素机制的方向外参数均为示意值，不构成临床建议。*

# %% [markdown]
# ## 练习
#
# 1. 正文病例：Hb 8.2 g/dL、铁蛋白 600 ng/mL、转铁蛋白饱和度 10%、肌酐 2.8 mg/dL、EPO 6 mIU/mL。
#    在本模型中分别调节 `il6_pg_ml`、`renal_capacity` 和 `infiltration`，哪一个旋钮最能解释“铁蛋白高而饱和度低”？
#    哪一个最能解释“EPO 只有 6 mIU/mL”？
# 2. 本模型是闭合系统（不吸收、不丢失铁）。若加入肠道吸收（同样受铁调素抑制），长期炎症时总铁量会怎样变化？
#    为什么口服铁剂对炎症性贫血往往效果不佳？
# 3. 用 `mmlib.practice` 自测：运行下面两格，读题后把答案写进 `answer = ...`（替换 `...`）再运行，会得到中文反馈和提示（题号 `hepcidin-iron`；更多题目见本书“动手实践”一章）。

# %%
from mmlib import practice

practice.show("hepcidin-iron")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("hepcidin-iron", answer);
