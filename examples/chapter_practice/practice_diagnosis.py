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
# # 练习 notebook：诊断、分期与跨学科
#
# 学完本页你能：
#
# - 对完整病例作出 IMWG 2014 诊断；
# - 计算 ISS、R-ISS 与 R2-ISS 分期；
# - 在跨学科会诊中估算肾功能、计算校正钙。
#
# 本 notebook 有 10 道题，练习《诊断》、《分期与危险分层》、《跨学科关联》。用法：运行 `practice.show(...)` 读题，把答案写进下一格的 `answer = ...`（替换 `...`），再运行这一格；`practice.attempt` 会用中文告诉你对错、原因和下一条提示。参考答案由 `mmlib` 从题中数值计算得出；想看答案时运行 `practice.solution("题号")`。

# %%
from mmlib import practice

# %% [markdown]
# ## 1. 完整病例：诊断（综合）

# %%
practice.show("dx-full-case")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("dx-full-case", answer);

# %% [markdown]
# ## 2. 轻链型疾病与尿 M 蛋白（进阶）

# %%
practice.show("dx-light-chain-smm")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("dx-light-chain-smm", answer);

# %% [markdown]
# ## 3. 游离轻链比值作为骨髓瘤定义事件（进阶）

# %%
practice.show("dx-li-myeloma")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("dx-li-myeloma", answer);

# %% [markdown]
# ## 4. R2-ISS 计分（进阶）

# %%
practice.show("r2iss-points")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("r2iss-points", answer);

# %% [markdown]
# ## 5. ISS 分期（基础）

# %%
practice.show("iss-stage-iii")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("iss-stage-iii", answer);

# %% [markdown]
# ## 6. ISS：白蛋白以 g/L 报告（基础）

# %%
practice.show("iss-albumin-g-l")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("iss-albumin-g-l", answer);

# %% [markdown]
# ## 7. R-ISS 分期（进阶）

# %%
practice.show("riss-stage")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("riss-stage", answer);

# %% [markdown]
# ## 8. R2-ISS 分期（综合）

# %%
practice.show("r2iss-stage")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("r2iss-stage", answer);

# %% [markdown]
# ## 9. 校正钙（国际单位）（基础）

# %%
practice.show("corrected-calcium-si")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("corrected-calcium-si", answer);

# %% [markdown]
# ## 10. 肾功能与影像检查（综合）

# %%
practice.show("interdisciplinary-crcl-imaging")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("interdisciplinary-crcl-imaging", answer);

# %% [markdown]
# ## 再练一题：生成新题
#
# `practice.new(kind, seed)` 按随机种子生成一道新题（题中数值和干扰信息都不同，答案由 `mmlib` 计算）；换一个 `seed` 就是另一道题。题号可以直接交给 `practice.attempt`。

# %%
extra = practice.new("staging", seed=1)
practice.show(extra.id)

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt(extra.id, answer);

# %% [markdown]
# *教学材料，不构成临床建议。*
