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
# # 练习 notebook：微环境、遗传与治疗原理
#
# 学完本页你能：
#
# - 说明细胞外基质在微环境中的两种作用；
# - 从分子表型推断遗传事件；
# - 解释蛋白酶体抑制剂的“双重打击”，把药物与靶点配对。
#
# 本 notebook 有 5 道题，练习《肿瘤微环境：相互支持的恶性循环》、《遗传发病机制：疾病的驱动因素》、《治疗原理：利用细胞的特异性弱点》。用法：运行 `practice.show(...)` 读题，把答案写进下一格的 `answer = ...`（替换 `...`），再运行这一格；`practice.attempt` 会用中文告诉你对错、原因和下一条提示。参考答案由 `mmlib` 从题中数值计算得出；想看答案时运行 `practice.solution("题号")`。

# %%
from mmlib import practice

# %% [markdown]
# ## 1. 细胞外基质的作用（基础）

# %%
practice.show("ecm-4808641")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("ecm-4808641", answer);

# %% [markdown]
# ## 2. 从分子表型推断遗传事件（综合）

# %%
practice.show("genetics-4808665")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("genetics-4808665", answer);

# %% [markdown]
# ## 3. 蛋白酶体抑制的“双重打击”（基础）

# %%
practice.show("proteasome-double-hit-4410281")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("proteasome-double-hit-4410281", answer);

# %% [markdown]
# ## 4. 模型中的药物敏感性（进阶）

# %%
practice.show("proteasome-ic50")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("proteasome-ic50", answer);

# %% [markdown]
# ## 5. 药物与靶点配对（基础）

# %%
practice.show("drug-targets-principles")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("drug-targets-principles", answer);

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
