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
# # 练习 notebook：浆细胞与单克隆性
#
# 学完本页你能：
#
# - 从形态与免疫表型区分浆母细胞和成熟浆细胞；
# - 读流式数据判断轻链限制；
# - 读免疫固定电泳确定 M 蛋白类型，在蛋白电泳图上估算 M 峰，区分单克隆与多克隆。
#
# 本 notebook 有 5 道题，练习《恶性浆细胞：起源与特征》、《单克隆性：疾病的分子印记》。用法：运行 `practice.show(...)` 读题，把答案写进下一格的 `answer = ...`（替换 `...`），再运行这一格；`practice.attempt` 会用中文告诉你对错、原因和下一条提示。参考答案由 `mmlib` 从题中数值计算得出；想看答案时运行 `practice.solution("题号")`。

# %%
import matplotlib.pyplot as plt

from mmlib import practice

# %% [markdown]
# ## 1. 浆母细胞还是成熟浆细胞（基础）

# %%
practice.show("plasmablast-4410285")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("plasmablast-4410285", answer);

# %% [markdown]
# ## 2. 读流式图：轻链限制（进阶）

# %%
practice.show("flow-light-chain-restriction")

# %%
practice.draw("flow-light-chain-restriction")
# alt: 流式散点图，门内为 CD38 强阳性、CD138 阳性的浆细胞，横轴为胞浆 κ、纵轴为胞浆 λ（均为 log10 荧光强度）：绝大多数细胞聚成一大团，位于 κ 低、λ 高的左上角；另有一小团细胞位于 κ 高、λ 低的右下角。
plt.show()

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("flow-light-chain-restriction", answer);

# %% [markdown]
# ## 3. 读免疫固定电泳：M 蛋白的类型（基础）

# %%
practice.show("ife-isotype-4410286")

# %%
practice.draw("ife-isotype-4410286")
# alt: 免疫固定电泳图，六条泳道从左到右为 SPE、G、A、M、κ、λ，纵轴为迁移位置：SPE 泳道靠阳极一端有白蛋白带，靠阴极一侧有一条窄而清晰的带；A 泳道和 λ 泳道在与这条窄带相同的位置各有一条窄带；G、M、κ 泳道只在更靠阴极处有宽而弥散的着色，没有窄带。
plt.show()

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("ife-isotype-4410286", answer);

# %% [markdown]
# ## 4. 读蛋白电泳图：估算 M 峰（进阶）

# %%
practice.show("spep-quantify-spike")

# %%
practice.draw("spep-quantify-spike")
# alt: 血清蛋白电泳扫描曲线，横轴为迁移位置（阳极到阴极），纵轴为密度：靠阳极一端为白蛋白峰，其后有三个低矮的小峰，γ 区有一个窄而高的尖峰，比白蛋白峰还高，峰底很窄。
plt.show()

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("spep-quantify-spike", answer);

# %% [markdown]
# ## 5. 宽基底的 γ 区升高（基础）

# %%
practice.show("spep-polyclonal")

# %%
practice.draw("spep-polyclonal")
# alt: 血清蛋白电泳扫描曲线，横轴为迁移位置（阳极到阴极），纵轴为密度：靠阳极一端为白蛋白峰，其后有三个低矮的小峰，γ 区是一个宽而低的圆顶形隆起，远低于白蛋白峰，没有窄的尖峰。
plt.show()

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("spep-polyclonal", answer);

# %% [markdown]
# ## 再练一题：生成新题
#
# `practice.new(kind, seed)` 按随机种子生成一道新题（题中数值和干扰信息都不同，答案由 `mmlib` 计算）；换一个 `seed` 就是另一道题。题号可以直接交给 `practice.attempt`。

# %%
extra = practice.new("diagnosis", seed=1)
practice.show(extra.id)

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt(extra.id, answer);

# %% [markdown]
# *教学材料，不构成临床建议。*
