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
# # 练习 notebook：治疗、耐药与疗效评估
#
# 学完本页你能：
#
# - 把新药与其靶点配对，说出常见耐药机制；
# - 计算 M 蛋白下降百分比；
# - 按 IMWG 2016 判断疗效类别，读懂疗效轨迹中的进展。
#
# 本 notebook 有 8 道题，练习《治疗》、《耐药》、《疗效评估与微小残留病》。用法：运行 `practice.show(...)` 读题，把答案写进下一格的 `answer = ...`（替换 `...`），再运行这一格；`practice.attempt` 会用中文告诉你对错、原因和下一条提示。参考答案由 `mmlib` 从题中数值计算得出；想看答案时运行 `practice.solution("题号")`。

# %%
from mmlib import practice

# %% [markdown]
# ## 1. 新药与靶点（基础）

# %%
practice.show("drug-targets-applications")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("drug-targets-applications", answer);

# %% [markdown]
# ## 2. 单克隆抗体的作用方式（基础）

# %%
practice.show("therapy-mab-class")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("therapy-mab-class", answer);

# %% [markdown]
# ## 3. 免疫调节药物耐药（进阶）

# %%
practice.show("resistance-crbn")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("resistance-crbn", answer);

# %% [markdown]
# ## 4. 靶抗原丢失（进阶）

# %%
practice.show("resistance-bcma-loss")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("resistance-bcma-loss", answer);

# %% [markdown]
# ## 5. M 蛋白下降百分比（基础）

# %%
practice.show("response-percent-reduction")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("response-percent-reduction", answer);

# %% [markdown]
# ## 6. 疗效分类：VGPR 还是 PR（进阶）

# %%
practice.show("response-vgpr")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("response-vgpr", answer);

# %% [markdown]
# ## 7. 读疗效轨迹：进展（综合）

# %%
practice.show("response-trajectory-pd")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("response-trajectory-pd", answer);

# %% [markdown]
# ## 8. 仅游离轻链可测的疗效（进阶）

# %%
practice.show("response-flc-only")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("response-flc-only", answer);

# %% [markdown]
# ## 再练一题：生成新题
#
# `practice.new(kind, seed)` 按随机种子生成一道新题（题中数值和干扰信息都不同，答案由 `mmlib` 计算）；换一个 `seed` 就是另一道题。题号可以直接交给 `practice.attempt`。

# %%
extra = practice.new("response", seed=1)
practice.show(extra.id)

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt(extra.id, answer);

# %% [markdown]
# *教学材料，不构成临床建议。*
