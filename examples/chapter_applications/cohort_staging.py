# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 病例：队列分期
#
# [分期与危险分层](staging.md)一节用一位患者说明了 ISS、R-ISS 和 R2-ISS 的差别。本页把同样的比较放大到
# 一个**合成队列**：先生成 600 位“患者”的化验和 FISH 结果，再用 `mmlib.cohort.assess_frame` 一次性算出三种分期，
# 然后回答三个问题：
#
# 1. 三种分期各自把患者分成怎样的比例？
# 2. 从 ISS 到 R-ISS、再到 R2-ISS，患者在各期之间怎样“迁移”？（交叉表和流向图）
# 3. 按原始文献报告的中位生存期，各期之间的差别有多大？（示意性的生存曲线）
#
# **说明**：队列是随机生成的教学数据，各项异常的频率和化验值的分布都是示意性的假设，不代表任何真实人群；
# 分期规则和生存数字则全部从 `mmlib` 中读出，每个数字都有出处。

# %%
from mmlib.plotting import PALETTE, use_book_style

use_book_style()

import math

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.patches import PathPatch
from matplotlib.path import Path as MplPath

from mmlib import staging
from mmlib.case import Case
from mmlib.cohort import assess_frame
from mmlib.models.progression import PiecewiseHazard
from mmlib.sources import source

# %% [markdown]
# ## 生成合成队列
#
# 每位患者有 β2 微球蛋白、白蛋白、LDH 及其正常上限，以及 del(17p)、t(4;14)、t(14;16)、1q 增益和 1q 扩增五项 FISH 结果。
# 为了让分期之间的迁移更有代表性，β2 微球蛋白与 LDH 取对数正态分布，白蛋白取正态分布；FISH 异常按下面的示意频率独立抽取。
# 这些频率只是为了让队列“看起来像”一个新诊断人群，并非文献值。

# %%
rng = np.random.default_rng(2024)
N = 600
ILLUSTRATIVE_FREQUENCY = {"del17p": 0.10, "t4_14": 0.12, "t14_16": 0.04, "gain_1q": 0.30, "amp_1q": 0.08}

cohort = pd.DataFrame({
    "beta2m_mg_l": np.round(np.exp(rng.normal(math.log(4.0), 0.55, N)), 1),
    "albumin_g_dl": np.round(np.clip(rng.normal(3.6, 0.5, N), 2.0, 5.0), 1),
    "ldh_u_l": np.round(np.exp(rng.normal(math.log(190), 0.30, N))),
    "ldh_uln_u_l": np.full(N, 250.0),
})
for field, p in ILLUSTRATIVE_FREQUENCY.items():
    cohort[field] = rng.random(N) < p
cohort.loc[cohort["amp_1q"], "gain_1q"] = False   # 扩增（≥ 4 拷贝）与增益（3 拷贝）互斥
cohort.head()

# %% [markdown]
# ## 三种分期
#
# `assess_frame` 对整张表逐列计算，规则与单个病例的 `mmlib.staging.iss / riss / r2iss` 完全相同（测试逐行核对两者）。

# %%
staged = assess_frame(cohort)
stages = staged[["iss", "riss", "r2iss"]].rename(columns={"iss": "ISS", "riss": "R-ISS", "r2iss": "R2-ISS"})
counts = pd.DataFrame({name: stages[name].value_counts().reindex(list(staging.STAGES)) for name in stages}).fillna(0)
shares = (100 * counts / N).round(1)
shares.index = [f"{s} 期/组" for s in shares.index]
shares

# %% [markdown]
# 百分比一栏中可以看到三种系统的“形状”：ISS 的三期大致均衡；R-ISS 的 I 期和 III 期都要求多个条件同时成立，
# 大多数患者落入 II 期；R2-ISS 用加权计分把这一大组拆成了两组（II 组与 III 组）。

# %%
fig, ax = plt.subplots(figsize=(7.0, 3.6))
left = np.zeros(len(shares.columns))
for i, stage in enumerate(shares.index):
    values = shares.loc[stage].to_numpy()
    ax.barh(shares.columns, values, left=left, color=PALETTE[i], label=stage)
    for y, (x0, w) in enumerate(zip(left, values)):
        if w >= 6:
            ax.text(x0 + w / 2, y, f"{w:.0f}%", ha="center", va="center", color="white", fontsize=9)
    left += values
ax.invert_yaxis()
ax.set_xlabel("患者比例（%）")
ax.set_xlim(0, 100)
ax.legend(ncol=4, loc="upper center", bbox_to_anchor=(0.5, -0.22))
ax.set_title("同一合成队列的三种分期")
plt.tight_layout()
# alt: 水平堆叠条形图，三行依次为 ISS、R-ISS、R2-ISS，横轴为患者比例（%）：ISS 三期各占一块，II 期约占一半；R-ISS 的 II 期约占四分之三，I 期和 III 期都很窄；R2-ISS 分成四组，II 组和 III 组占大部分，IV 组最窄——R2-ISS 把 R-ISS 的大 II 期拆开了。
plt.show()

# %% [markdown]
# ## 患者在各期之间的迁移
#
# 交叉表的每一行是旧系统中的一期，每一列是新系统中的一期；对角线以外的格子就是“换了期”的患者。

# %%
iss_to_riss = pd.crosstab(stages["ISS"], stages["R-ISS"], rownames=["ISS"], colnames=["R-ISS"])
iss_to_riss

# %%
riss_to_r2 = pd.crosstab(stages["R-ISS"], stages["R2-ISS"], rownames=["R-ISS"], colnames=["R2-ISS"])
riss_to_r2

# %% [markdown]
# 两张表有一个共同的结构：R-ISS 从不把患者分到比 ISS 更“远”的一期——ISS I 期的患者不会成为 R-ISS III 期，
# ISS III 期的患者不会成为 R-ISS I 期，因为 R-ISS 的 I 期要求 ISS I 期，III 期要求 ISS III 期。
# R-ISS II 期则在 R2-ISS 中散开到几乎所有组，这正是 R2-ISS 想要解决的问题。
#
# 下面把两步迁移画成一张流向（冲积）图：每一列是一种分期，色带的宽度与患者人数成正比，颜色表示患者在 ISS 中的分期。

# %%
def column_blocks(labels: pd.Series, gap: float) -> dict[str, tuple[float, float]]:
    """Vertical extent (bottom, top) of each stage's block in one column, stages stacked from the top."""
    blocks, top = {}, 1.0
    total = len(labels)
    for s in staging.STAGES:
        n = int((labels == s).sum())
        if n:
            blocks[s] = (top - n / total, top)
            top -= n / total + gap
    return blocks


def ribbon(ax, x0: float, x1: float, y0: tuple[float, float], y1: tuple[float, float], color: str) -> None:
    """A band from (x0, y0 bottom–top) to (x1, y1 bottom–top) with S-shaped edges."""
    xm = (x0 + x1) / 2
    verts = [(x0, y0[1]), (xm, y0[1]), (xm, y1[1]), (x1, y1[1]), (x1, y1[0]), (xm, y1[0]), (xm, y0[0]), (x0, y0[0]),
             (x0, y0[1])]
    codes = [MplPath.MOVETO] + [MplPath.CURVE4] * 3 + [MplPath.LINETO] + [MplPath.CURVE4] * 3 + [MplPath.CLOSEPOLY]
    ax.add_patch(PathPatch(MplPath(verts, codes), facecolor=color, edgecolor="none", alpha=0.55))


columns = ["ISS", "R-ISS", "R2-ISS"]
GAP, WIDTH = 0.02, 0.08
blocks = {c: column_blocks(stages[c], GAP) for c in columns}
colour = {s: PALETTE[i] for i, s in enumerate(staging.STAGES)}

fig, ax = plt.subplots(figsize=(7.5, 5.0))
for k in range(len(columns) - 1):
    a, b = columns[k], columns[k + 1]
    out_pos = {s: blocks[a][s][1] for s in blocks[a]}   # next free height at the right edge of column a
    in_pos = {s: blocks[b][s][1] for s in blocks[b]}    # next free height at the left edge of column b
    for sa in blocks[a]:
        for sb in blocks[b]:
            for si in staging.STAGES:                   # split each band by the ISS stage (its colour)
                n = int(((stages[a] == sa) & (stages[b] == sb) & (stages["ISS"] == si)).sum())
                if not n:
                    continue
                h = n / N
                ribbon(ax, k + WIDTH / 2, k + 1 - WIDTH / 2, (out_pos[sa] - h, out_pos[sa]),
                       (in_pos[sb] - h, in_pos[sb]), colour[si])
                out_pos[sa] -= h
                in_pos[sb] -= h
for k, c in enumerate(columns):
    for s, (lo, hi) in blocks[c].items():
        ax.add_patch(plt.Rectangle((k - WIDTH / 2, lo), WIDTH, hi - lo, color="0.25"))
        ax.text(k + (-WIDTH if k == 0 else WIDTH), (lo + hi) / 2, f"{s}（{int(round((hi - lo) * N))}）",
                ha="right" if k == 0 else "left", va="center", fontsize=9,
                bbox=dict(boxstyle="round,pad=0.15", facecolor="white", edgecolor="none", alpha=0.85))
ax.set_xticks(range(len(columns)), columns)
ax.set_xlim(-0.45, len(columns) - 0.55)
ax.set_ylim(min(lo for b in blocks.values() for lo, _ in b.values()) - 0.02, 1.02)
ax.set_yticks([])
ax.grid(False)
for side in ("left", "bottom"):
    ax.spines[side].set_visible(False)
ax.set_title("合成队列在三种分期之间的流向（颜色 = ISS 分期，括号内为人数）")
plt.tight_layout()
# alt: 流向（冲积）图，三列深色竖条从左到右为 ISS、R-ISS、R2-ISS 的各期（括号内为人数），色带宽度与人数成正比，颜色表示患者的 ISS 分期：ISS II 期全部流入 R-ISS II 期，ISS I 期和 III 期各有一部分留在 R-ISS I、III 期，其余也流入 R-ISS II 期；R-ISS II 期在 R2-ISS 中分散到 II、III 组，少数到 IV 组。
plt.show()

# %% [markdown]
# ## 生存曲线：由已发表的中位数画出的示意图
#
# 原始文献报告了各期的中位生存期。如果假设每一期的死亡（或进展）风险率在时间上恒定，生存曲线就是一条
# 通过该中位数的指数曲线 $S(t) = \exp(-\lambda t)$，$\lambda = \ln 2 / \text{中位数}$。
# 这是一个**示意性的简化**：真实的生存曲线并不是指数形状，而且这些数字反映的是原始队列当时的治疗水平。
# 它只帮助我们直观地比较各期之间的相对差别。曲线用 `mmlib.models.progression.PiecewiseHazard`（只有一段的分段恒定风险）计算。

# %%
def through_median(months: float, label: str) -> PiecewiseHazard:
    """Exponential (one-piece) hazard whose median is ``months``."""
    return PiecewiseHazard((0.0,), (math.log(2) / (months / 12.0),), label)


iss_curves = {s: through_median(v["median_os_months"], f"ISS {s} 期") for s, v in staging.ISS_OUTCOMES.items()}
riss_curves = {s: through_median(v["median_pfs_months"], f"R-ISS {s} 期") for s, v in staging.RISS_OUTCOMES.items()}

years = np.linspace(0, 10, 241)
fig, axes = plt.subplots(1, 2, figsize=(9.5, 4.0), sharey=True)
for ax, curves, what, src in ((axes[0], iss_curves, "总生存（OS）", "iss2005"),
                              (axes[1], riss_curves, "无进展生存（PFS）", "riss2015")):
    for i, (s, h) in enumerate(curves.items()):
        ax.plot(years, 1 - h.cdf(years), color=PALETTE[i], label=f"{h.label}，中位 {h.median_years * 12:.0f} 个月")
    ax.axhline(0.5, color="0.6", lw=0.8, ls="--")
    ax.set_xlabel("诊断后年数")
    ax.set_title(f"{what}：示意性指数曲线\n（中位数取自 {source(src).short}）", fontsize=11)
    ax.legend(fontsize=8.5, loc="upper right")
axes[0].set_ylabel("仍然存活（或未进展）的比例")
axes[0].set_ylim(0, 1.02)
plt.tight_layout()
# alt: 两幅示意性指数生存曲线，横轴为诊断后年数（0–10 年），纵轴为仍然存活（或未进展）的比例，水平虚线为 50%：左图为 ISS I、II、III 期的总生存，右图为 R-ISS I、II、III 期的无进展生存；两幅图中分期越高，曲线下降越快，每条曲线与 50% 虚线相交处就是文献报告的中位数。
plt.show()

# %% [markdown]
# 两幅图的虚线是 50%：每条曲线与它相交的位置正是文献报告的中位数。R2-ISS 原文也报告了四组的生存数据，
# 但这些数字尚未在本书的资料中逐一核对原文，`mmlib` 暂不显示它们（见 `r2iss(...).details["outcomes_note"]`），所以这里不画 R2-ISS 的曲线：

# %%
print(staging.r2iss(Case()).details["outcomes_note"])

# %% [markdown]
# ## 把合成队列“映射”到示意曲线
#
# 最后一个问题：如果这个合成队列的每位患者都按其 ISS 分期的示意曲线生存，整个队列的生存曲线是什么样子？
# 它就是三条曲线按各期人数加权的平均。与单独一期的曲线相比，混合曲线在早期下降得更快（III 期患者先去世），
# 后期变得平缓（剩下的多是 I 期患者）——这说明即使每一期内部风险恒定，整个人群的风险也会随时间下降。

# %%
weights = counts["ISS"] / counts["ISS"].sum()
mixture = sum(weights[s] * (1 - iss_curves[s].cdf(years)) for s in iss_curves)
fig, ax = plt.subplots(figsize=(7.0, 4.0))
for i, (s, h) in enumerate(iss_curves.items()):
    ax.plot(years, 1 - h.cdf(years), color=PALETTE[i], lw=1, alpha=0.6, label=f"{h.label}（{weights[s]:.0%}）")
ax.plot(years, mixture, color="black", lw=2.2, label="整个合成队列（加权平均）")
ax.set_xlabel("诊断后年数")
ax.set_ylabel("仍然存活的比例（示意）")
ax.set_ylim(0, 1.02)
ax.legend(fontsize=9)
ax.set_title("按 ISS 分期组成加权的队列生存曲线（示意）")
plt.tight_layout()
# alt: 生存曲线图，横轴为诊断后年数，纵轴为仍然存活的比例（示意）：三条细线为 ISS I、II、III 期的示意曲线，粗黑线为按各期人数加权的整个合成队列；粗线位于 I 期与 III 期之间，与 II 期曲线接近，早期下降较快、后期渐趋平缓。
plt.show()

# %% [markdown]
# ## 动手试一试
#
# - 把 `ILLUSTRATIVE_FREQUENCY` 中 1q 增益的频率改为 0.45，重新运行：R2-ISS 的 III 组会变大多少？R-ISS 会变吗？为什么？
# - 把所有患者的 LDH 上调 30%，观察 R-ISS III 期和 R2-ISS IV 组的人数变化。
# - 在流向图中找出从 ISS I 期直接进入 R2-ISS III 组的患者（第一列最上面的色带），他们带有哪些不良因素？
