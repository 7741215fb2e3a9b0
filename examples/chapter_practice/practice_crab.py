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
# # 练习 notebook：疾病谱系与 CRAB
#
# 学完本页你能：
#
# - 按 IMWG 2014 区分 MGUS、SMM、活动性骨髓瘤、轻链型 MGUS 与孤立性浆细胞瘤；
# - 逐项判断 CRAB，计算校正钙、Cockcroft–Gault 肌酐清除率与受累/非受累游离轻链比值；
# - 识别常见错误：单位混用、用校正钙判断 C、把 < 5 mm 的 MRI 病变算进去；
# - 说出贫血的三种机制，解释尿 pH 与管型形成的关系。
#
# 本 notebook 有 23 道题，练习《疾病谱系：从前驱状态到活动性疾病》、《终末器官损害的机制：CRAB 标准》、《骨骼病变与高钙血症》、《肾功能不全：管型肾病》、《贫血：多因素病因学》。用法：运行 `practice.show(...)` 读题，把答案写进下一格的 `answer = ...`（替换 `...`），再运行这一格；`practice.attempt` 会用中文告诉你对错、原因和下一条提示。参考答案由 `mmlib` 从题中数值计算得出；想看答案时运行 `practice.solution("题号")`。

# %%
from mmlib import practice

# %% [markdown]
# ## 1. 没有 CRAB 的活动性骨髓瘤（基础）

# %%
practice.show("spectrum-mm-mri-4410328")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("spectrum-mm-mri-4410328", answer);

# %% [markdown]
# ## 2. MGUS：两个数字都在阈值之下（基础）

# %%
practice.show("spectrum-mgus-basic")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("spectrum-mgus-basic", answer);

# %% [markdown]
# ## 3. SMM：别把 g/L 的阈值用在 g/dL 上（基础）

# %%
practice.show("spectrum-smm-units")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("spectrum-smm-units", answer);

# %% [markdown]
# ## 4. 以 g/L 报告的 M 蛋白（基础）

# %%
practice.show("spectrum-mgus-g-l")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("spectrum-mgus-g-l", answer);

# %% [markdown]
# ## 5. MRI 病变要数几个（进阶）

# %%
practice.show("spectrum-mri-4mm")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("spectrum-mri-4mm", answer);

# %% [markdown]
# ## 6. 受累/非受累游离轻链比值（进阶）

# %%
practice.show("spectrum-flc-ratio")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("spectrum-flc-ratio", answer);

# %% [markdown]
# ## 7. 轻链型 MGUS（进阶）

# %%
practice.show("spectrum-light-chain-mgus")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("spectrum-light-chain-mgus", answer);

# %% [markdown]
# ## 8. 孤立性浆细胞瘤（进阶）

# %%
practice.show("spectrum-plasmacytoma")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("spectrum-plasmacytoma", answer);

# %% [markdown]
# ## 9. 骨髓浆细胞 ≥ 60%（基础）

# %%
practice.show("spectrum-bmpc-60")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("spectrum-bmpc-60", answer);

# %% [markdown]
# ## 10. SMM 的 IMWG 2020 风险评分（综合）

# %%
practice.show("smm-imwg2020-score")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("smm-imwg2020-score", answer);

# %% [markdown]
# ## 11. 逐项判断 CRAB（基础）

# %%
practice.show("crab-items-basic")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("crab-items-basic", answer);

# %% [markdown]
# ## 12. 化验单上的 CRAB（国际单位）（综合）

# %%
practice.show("crab-full-case")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("crab-full-case", answer);

# %% [markdown]
# ## 13. C、R、A 三项的阈值（进阶）

# %%
practice.show("crab-thresholds-4410334")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("crab-thresholds-4410334", answer);

# %% [markdown]
# ## 14. 白蛋白校正钙（基础）

# %%
practice.show("corrected-calcium-4410309")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("corrected-calcium-4410309", answer);

# %% [markdown]
# ## 15. C 项用实测钙还是校正钙（进阶）

# %%
practice.show("crab-c-measured-calcium")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("crab-c-measured-calcium", answer);

# %% [markdown]
# ## 16. 恰好在阈值上（基础）

# %%
practice.show("calcium-boundary-mmol")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("calcium-boundary-mmol", answer);

# %% [markdown]
# ## 17. Cockcroft–Gault 肌酐清除率（基础）

# %%
practice.show("crcl-4410338")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("crcl-4410338", answer);

# %% [markdown]
# ## 18. 肌酐以 µmol/L 报告时（进阶）

# %%
practice.show("crcl-umol")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("crcl-umol", answer);

# %% [markdown]
# ## 19. 尿 pH 与管型形成（进阶）

# %%
practice.show("urine-ph-cast")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("urine-ph-cast", answer);

# %% [markdown]
# ## 20. eGFR 与 Cockcroft–Gault（综合）

# %%
practice.show("renal-egfr-vs-crcl")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("renal-egfr-vs-crcl", answer);

# %% [markdown]
# ## 21. 贫血的三种机制（综合）

# %%
practice.show("anemia-mechanisms-4410269")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("anemia-mechanisms-4410269", answer);

# %% [markdown]
# ## 22. A 项：两条途径（基础）

# %%
practice.show("anemia-a-criterion")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("anemia-a-criterion", answer);

# %% [markdown]
# ## 23. IL-6、铁调素与铁（进阶）

# %%
practice.show("hepcidin-iron")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("hepcidin-iron", answer);

# %% [markdown]
# ## 再练一题：生成新题
#
# `practice.new(kind, seed)` 按随机种子生成一道新题（题中数值和干扰信息都不同，答案由 `mmlib` 计算）；换一个 `seed` 就是另一道题。题号可以直接交给 `practice.attempt`。

# %%
extra = practice.new("crab", seed=1)
practice.show(extra.id)

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt(extra.id, answer);

# %% [markdown]
# *教学材料，不构成临床建议。*
