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
