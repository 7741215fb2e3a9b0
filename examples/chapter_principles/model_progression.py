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
# # 模型：疾病进展
#
# 学完本页你能：
#
# - 把“每年 x%”的进展率换算成风险率与累积发生率；
# - 用模拟队列检验解析公式；
# - 说明死亡竞争风险如何改变对进展风险的解读。
#
# 正文指出 MGUS 每年约有 1% 进展为骨髓瘤或相关疾病（包括淋巴系统疾病，Kyle 2002），而 SMM 的进展风险高得多。“每年 1%”“前 5 年每年 10%”
# 这样的数字究竟意味着什么？本页用已发表的进展数据构建**风险率（hazard）**模型，模拟上万名患者的队列，
# 再把模拟得到的累积发生率曲线与解析公式
#
# $$F(t) = 1 - e^{-\Lambda(t)},\qquad \Lambda(t) = \int_0^t h(s)\,ds$$
#
# 对照。所有发表数字都从 `mmlib.risk` 导入（全书只定义一次）；本页只负责把它们换算成风险率。
#
# | 数据 | 换算方式 |
# |---|---|
# | MGUS 每年约 1%（Kyle 2002）；IgM 型约 1.5%（Kyle 2003）、轻链型约 0.3%（Dispenzieri 2010） | 视为年概率 $p$，恒定风险率 $\lambda = -\ln(1-p)$ |
# | SMM 前 5 年每年 10%、其后 5 年每年 3%、再往后每年 1%，终点为活动性骨髓瘤或淀粉样变性（Kyle 2007） | 分段恒定风险率，使累积发生率在 5、10、20 年处与发表值一致 |
# | Mayo 2018 三组中位进展时间 110 / 68 / 29 个月 | 指数分布，$\lambda = \ln 2 / \text{中位数}$ |
# | IMWG 2020 四组 2 年进展率 3.8% / 26% / 51% / 73% | 指数分布，过 2 年点 |
# | Mayo MGUS 四组 20 年进展风险 5% / 21% / 37% / 58% | 指数分布，过 20 年点 |

# %%
from mmlib.plotting import use_book_style

use_book_style()

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from mmlib import risk
from mmlib.models import parameter_table
from mmlib.models import progression as pg

# %% [markdown]
# ## 参数

# %%
parameter_table(pg.PARAMETERS).style.hide(axis="index")

# %% [markdown]
# ## MGUS 与 SMM：模拟与解析曲线
#
# 每组模拟 20 000 名患者（随机数种子固定）。阴影是解析曲线两侧的 95% 二项分布置信带
# （$\pm 1.96\sqrt{F(1-F)/n}$）：模拟的 Kaplan–Meier 曲线应落在带内。

# %%
n = 20_000
years = np.linspace(0, 20, 201)
fig, ax = plt.subplots(figsize=(7.5, 4.5))
for hazard, color in ((pg.mgus_hazard(), "#0072B2"), (pg.smm_kyle_hazard(), "#D55E00")):
    f = hazard.cdf(years)
    band = pg.binomial_band(f, n, z=1.96)
    cohort = pg.simulate_cohort(hazard, n, seed=1)
    ax.fill_between(years, (f - band) * 100, (f + band) * 100, color=color, alpha=0.2)
    ax.plot(years, f * 100, color=color, label=f"{hazard.label}：解析")
    ax.step(years, pg.kaplan_meier(cohort, years) * 100, where="post", color=color, ls="--", lw=1,
            label=f"{hazard.label}：模拟 KM")
ax.set_xlabel("随访时间（年）")
ax.set_ylabel("累积进展比例（%）")
ax.set_title("MGUS 与 SMM 的累积进展（未计死亡竞争风险）")
ax.legend(fontsize=8)
# alt: 累积进展曲线：MGUS 与 SMM 各有一条解析曲线（带阴影）和一条模拟的 Kaplan–Meier 阶梯线，两者吻合；SMM 的曲线远高于 MGUS。
plt.show()

# %% [markdown]
# ## “每年 10%”是什么意思？
#
# Kyle 2007 的“前 5 年每年约 10%”是**原始队列中每年新增的进展比例**：5 年累积约 50%。
# 如果把 10% 直接当作恒定风险率，5 年累积只有 $1 - e^{-0.5} \approx 39\%$——同一句话，两种读法相差 11 个百分点。

# %%
fig, ax = plt.subplots(figsize=(7, 4))
ax.plot(years, pg.smm_kyle_hazard().cdf(years) * 100, label="按累积发生率增量解释（本书默认）")
ax.plot(years, pg.smm_kyle_hazard(convention="hazard").cdf(years) * 100, ls="--", label="把 10%/3%/1% 当作风险率")
knots = [5, 10, 15, 20]
ax.plot(knots, [risk.cumulative_progression(risk.SMM_PROGRESSION_PIECEWISE, t) * 100 for t in knots], "ko",
        label="Kyle 2007 的累积值（逐年相加）")
ax.set_xlabel("随访时间（年）")
ax.set_ylabel("累积进展比例（%）")
ax.set_title("SMM：同一组数字的两种读法")
ax.legend(fontsize=9)
# alt: SMM 的累积进展曲线：实线把每年的百分比读作累积发生率的增量，虚线把它们读作风险率；黑点为 Kyle 2007 逐年相加的累积值。
plt.show()

# %% [markdown]
# ## Mayo 2018 风险分组：中位数由构造保证
#
# 指数模型 $\lambda = \ln 2 / \text{中位数}$ 使解析中位进展时间**恰好等于**发表值；模拟队列的中位数也应接近它。

# %%
rows = []
fig, ax = plt.subplots(figsize=(7, 4))
t10 = np.linspace(0, 10, 121)
for group in ("low", "intermediate", "high"):
    h = pg.mayo2018_hazard(group)
    c = pg.simulate_cohort(h, n, seed=3, follow_up_years=100)
    ax.plot(t10, h.cdf(t10) * 100, label=h.label)
    ax.step(t10, pg.kaplan_meier(c, t10) * 100, where="post", ls="--", lw=1, color=ax.lines[-1].get_color())
    rows.append({"分组": h.label, "发表中位数（月）": risk.MAYO2018_MEDIAN_TTP_MONTHS[group],
                 "解析中位数（月）": round(h.median_years * 12, 2), "模拟中位数（月）": round(float(np.median(c.time)) * 12, 1),
                 "解析 2 年进展（%）": round(h.cdf(2.0) * 100, 1),
                 "IMWG 验证队列 2 年进展（%）": risk.MAYO2018_IMWG_VALIDATION_2Y_PERCENT[group]})
ax.axhline(50, color="grey", ls=":")
ax.set_xlabel("随访时间（年）")
ax.set_ylabel("累积进展比例（%）")
ax.set_title("Mayo 2018 三组（实线：解析；虚线：模拟）")
ax.legend(fontsize=9)
# alt: Mayo 2018 低、中、高危三组的累积进展曲线（实线为解析，虚线为模拟），风险越高上升越快；水平点线标出 50%，与曲线的交点就是中位进展时间。
plt.show()
pd.DataFrame(rows).set_index("分组")

# %% [markdown]
# 指数模型的 2 年进展率与 IMWG 验证队列的观察值并不完全一致：恒定风险率只是一个近似，
# 真实的风险率随时间变化（例如 SMM 早期风险高、后期下降）。
#
# ## 竞争风险：死亡（示意）
#
# MGUS 患者多为老年人，很多人在进展之前死于其他原因。把死亡视为删失的 Kaplan–Meier 估计的是“如果没有人死亡”的假想进展比例；
# 实际会发生进展的比例要用累积发生率函数（CIF，Aalen–Johansen 估计）计算。
# 下面用一个**示意性**的恒定死亡风险率 $\mu$，它被拟合为使 Mayo MGUS 四组的 20 年 CIF 尽量接近发表的“计入死亡”数值。

# %%
mu = pg.calibrate_death_hazard()
print(f"拟合的死亡风险率 μ = {mu:.3f} /年（示意值）")
rows = []
for group in risk.MGUS_20Y_PROGRESSION_PERCENT:
    h = pg.mgus_mayo_hazard(group)
    c = pg.simulate_cohort(h, n, seed=5, death_rate=mu)
    rows.append({"分组": h.label,
                 "发表 20 年风险（%）": risk.MGUS_20Y_PROGRESSION_PERCENT[group],
                 "KM（死亡删失）模拟（%）": round(pg.kaplan_meier(c, [20.0])[0] * 100, 1),
                 "发表计入死亡（%）": risk.MGUS_20Y_PROGRESSION_COMPETING_PERCENT[group],
                 "CIF 解析（%）": round(pg.analytic_cif_competing(h, mu, [20.0])[0] * 100, 1),
                 "CIF 模拟（%）": round(pg.cumulative_incidence(c, [20.0])[0] * 100, 1)})
pd.DataFrame(rows).set_index("分组")

# %% [markdown]
# ### 转动旋钮：死亡风险率 μ
#
# 以 Mayo MGUS 高危组为例，把死亡风险率从 0 调到 0.2 /年：进展的“假想风险”（KM）不变，实际累积发生率（CIF）随之下降。

# %%
h = pg.mgus_mayo_hazard("high")
t20 = np.linspace(0, 25, 101)
fig, ax = plt.subplots(figsize=(7, 4))
ax.plot(t20, h.cdf(t20) * 100, color="k", lw=2, label="1 - exp(-Λ)（无死亡）")
for m in (0.02, 0.05, 0.1, 0.2):
    ax.plot(t20, pg.analytic_cif_competing(h, m, t20) * 100, label=f"CIF，μ = {m:g} /年")
ax.set_xlabel("随访时间（年）")
ax.set_ylabel("累积进展比例（%）")
ax.set_title("死亡风险越高，真正发生进展的人越少")
ax.legend(fontsize=9)
# alt: 累积进展曲线：黑色粗线为不计死亡时的 1 − exp(−Λ)，其余曲线为不同死亡率 μ 下的累积发生函数，μ 越大曲线越低。
plt.show()

# %% [markdown]
# ## 小结
#
# - 恒定风险率 $\lambda$ 对应指数分布：$F(t) = 1 - e^{-\lambda t}$，中位数 $\ln 2/\lambda$；分段恒定风险率可以刻画“早期高、后期低”的进展模式。
# - 发表的“每年 x%”有不同读法；Kyle 2007 的 SMM 数字是累积发生率的逐年增量，直接当作风险率会低估早期进展。
# - 两万人的模拟队列与解析曲线的差异落在二项分布置信带内——模拟是检验解析推导的有力工具。
# - 有死亡竞争风险时，KM（死亡删失）高估实际进展比例，应使用累积发生率函数。
#
# *本页为教学模型，死亡风险率为示意性拟合值，不构成临床建议。*

# %% [markdown]
# ## 练习
#
# 1. 一位 SMM 患者问：“我每年有 10% 的进展风险，10 年后是不是 100%？”用本页的两种读法分别回答，
#    并解释为什么 Kyle 2007 的累积进展在 10 年时只有约 65%。
# 2. 对一位 85 岁、合并严重心脏病的低危 MGUS 患者，20 年进展风险“5%”和“2%”哪一个更贴近他的实际处境？为什么？
# 3. 用 `mmlib.practice` 自测：运行下面两格，读题后把答案写进 `answer = ...`（替换 `...`）再运行，会得到中文反馈和提示（题号 `smm-imwg2020-score`；更多题目见本书“动手实践”一章）。

# %%
from mmlib import practice

practice.show("smm-imwg2020-score")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("smm-imwg2020-score", answer);
