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
# # 病例：贫血的三种机制
#
# 学完本页你能：
#
# - 用血红蛋白、骨髓、铁指标、肌酐与 EPO 区分贫血的三种机制；
# - 判断 IMWG 的 A 项；
# - 说明机制分析与诊断标准回答的是不同问题。
#
# 源文档“贫血”一节的病例：一位骨髓瘤患者血红蛋白 8.2 g/dL，骨髓活检克隆性浆细胞 40%，铁蛋白 600 ng/mL，
# 转铁蛋白饱和度 10%，肌酐 2.8 mg/dL，血清 EPO 6 mIU/mL。源文档说这三组检查分别指向三种机制：
#
# 1. **骨髓浸润与造血抑制**——浆细胞挤占造血空间；
# 2. **炎症性贫血 / 功能性铁缺乏**——IL-6 → 铁调素 → 铁被“锁”在巨噬细胞里；
# 3. **EPO 相对不足**——严重贫血时 EPO 本应成倍升高，肾功能受损的肾脏却做不到。
#
# 本页用 `mmlib.mechanisms.anemia_mechanisms` 把这段推理写成可以检查的规则，然后逐一把每项检查“恢复正常”，
# 看哪个机制随之消失；最后用 IMWG 2014 的 A 标准检查同一位患者。
#
# > **注意**：三种机制的判断界值是本书的**教学启发式**，不是 IMWG 诊断标准；每个界值的出处和理由写在
# > `mmlib.mechanisms` 的说明中，下表也列出了出处。

# %%
from mmlib.plotting import PALETTE, use_book_style

use_book_style()

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from IPython.display import Markdown, display
from matplotlib.colors import ListedColormap

from mmlib import diagnosis as dx
from mmlib import mechanisms as mech
from mmlib.case import Case
from mmlib.sources import source
from mmlib.trace import fmt_number

# %% [markdown]
# ## 所用的界值
#
# 每个机制由一到两条比较构成。下表直接从 `Threshold` 常量生成：

# %%
used = [
    ("骨髓浸润", "骨髓克隆性浆细胞", mech.INFILTRATION_BMPC, "借用 IMWG 2016 “骨髓可作为可测病灶”的水平（教学界值）"),
    ("功能性铁缺乏", "铁蛋白", mech.FERRITIN_REPLETE, "铁储备不低"),
    ("功能性铁缺乏", "转铁蛋白饱和度", mech.TSAT_LOW, "可利用的铁不足"),
    ("EPO 相对不足", "血红蛋白", dx.HB_LOW, "IMWG 的贫血水平"),
    ("EPO 相对不足", "血清 EPO", mech.EPO_INAPPROPRIATE, "未高于非贫血人群参考范围的上端（教学简化）"),
    ("（支持证据）", "血清肌酐", dx.CREATININE_HIGH, "IMWG 的 R 水平；提示 EPO 不足源于肾脏，但不是必需条件"),
]
pd.DataFrame([{"机制": m, "检查": label, "界值": t.describe(), "出处": source(t.source).short, "说明": why}
              for m, label, t, why in used])

# %% [markdown]
# 功能性铁缺乏是两条比较的“且”：
#
# $$\text{功能性铁缺乏} = [\text{铁蛋白} \ge F] \wedge [\mathrm{TSAT} < T],\qquad
# \mathrm{TSAT} = \frac{\text{血清铁}}{\text{总铁结合力}}\times 100\%,$$
#
# EPO 相对不足同样是“且”：$[\mathrm{Hb} < H] \wedge [\mathrm{EPO} < E]$。$F$、$T$、$H$、$E$ 即上表中的界值。

# %% [markdown]
# ## 源文档的病例

# %%
seed = dict(hemoglobin_g_dl=8.2, bmpc_percent=40, ferritin_ng_ml=600, transferrin_saturation_percent=10,
            creatinine_mg_dl=2.8, epo_miu_ml=6)
r = mech.anemia_mechanisms(Case.from_dict(seed))
print(r.explain())

# %% [markdown]
# 三种机制都成立，肌酐升高提示 EPO 不足的原因在肾脏。同一位患者用国际单位（血红蛋白 g/L、铁蛋白 µg/L、
# 肌酐 µmol/L）输入，结论相同：

# %%
seed_si = dict(hemoglobin_g_l=82, bmpc_percent=40, ferritin_ug_l=600, transferrin_saturation_percent=10,
               creatinine_umol_l=248, epo_miu_ml=6)
r_si = mech.anemia_mechanisms(Case.from_dict(seed_si))
print("国际单位：", [mech.MECHANISM_ZH[m] for m in r_si.value], "；与常规单位一致：", r_si.value == r.value)

# %% [markdown]
# ## 如果某项检查是正常的
#
# 把每项检查依次换成一个**示例正常值**（其余不变），重新判断。示例正常值只是典型的参考范围内数值，
# 不是阈值：骨髓浆细胞 2%，铁蛋白 150 ng/mL 且转铁蛋白饱和度 30%，肌酐 0.9 mg/dL，
# 以及对 8.2 g/dL 的贫血来说“适当”升高的 EPO 300 mIU/mL。最后一行把血红蛋白也恢复正常。

# %%
scenarios = {
    "源文档病例": {},
    "骨髓浆细胞 → 2%": {"bmpc_percent": 2},
    "转铁蛋白饱和度 → 30%": {"transferrin_saturation_percent": 30},
    "铁蛋白 → 30 ng/mL（铁储备耗竭）": {"ferritin_ng_ml": 30},
    "肌酐 → 0.9 mg/dL": {"creatinine_mg_dl": 0.9},
    "EPO → 300 mIU/mL": {"epo_miu_ml": 300},
    "血红蛋白 → 13.5 g/dL": {"hemoglobin_g_dl": 13.5},
}
rows, matrix = [], []
for label, change in scenarios.items():
    case = Case.from_dict({**seed, **change})
    res = mech.anemia_mechanisms(case)
    verdicts = res.details["mechanisms"]
    matrix.append([verdicts[m] for m in mech.MECHANISMS])
    rows.append({"情景": label, **{mech.MECHANISM_ZH[m]: {True: "有", False: "无", None: "?"}[verdicts[m]]
                                  for m in mech.MECHANISMS},
                 "肾功能受损": {True: "是", False: "否", None: "?"}[res.details["renal_impairment"]],
                 "IMWG A": {True: "阳性", False: "阴性", None: "?"}[dx.crab(case).details["A"]]})
pd.DataFrame(rows).set_index("情景")

# %%
fig, ax = plt.subplots(figsize=(7.5, 4.2))
m = np.array(matrix, dtype=float)
ax.imshow(m, cmap=ListedColormap(["#DDDDDD", PALETTE[1]]), vmin=0, vmax=1, aspect="auto")
ax.set_xticks(range(len(mech.MECHANISMS)), [mech.MECHANISM_ZH[k] for k in mech.MECHANISMS], fontsize=9)
ax.set_yticks(range(len(scenarios)), list(scenarios), fontsize=9)
for i in range(m.shape[0]):
    for j in range(m.shape[1]):
        ax.text(j, i, "有" if m[i, j] else "无", ha="center", va="center", color="white" if m[i, j] else "black")
ax.grid(False)
ax.set_title("每次只让一项检查恢复正常：哪种机制随之消失")
ax.set_xlabel("贫血机制（教学启发式）")
# alt: 网格图：每一行把一项检查改回正常值，每一列是一种贫血机制，格中写“有”或“无”，可以看出哪种机制随该项检查恢复而消失。
plt.show()

# %% [markdown]
# 读这张表时注意：
#
# - 每个机制只对**自己的**检查敏感：三种机制彼此独立，这正是源文档说它们“共同导致”贫血的含义。
# - 把铁蛋白降到很低，功能性铁缺乏消失，但这**不是**好消息：铁蛋白低且转铁蛋白饱和度低是**绝对性**
#   铁缺乏（储备耗竭），需要另找原因（如失血）。
# - 血红蛋白恢复正常时，IMWG 的 A 显示为“?”（无法评估），而不是阴性：血红蛋白已不低于绝对阈值，但病例
#   没有给出正常下限（LLN），“低于 LLN 的幅度”那一条无法评估，而它仍有可能成立。两条标准是“或”的关系，
#   `mmlib` 按三值逻辑合并：任一条成立即为阳性，两条都评估过且都不成立才是阴性，其余情况是“无法评估”，
#   缺失的字段列在结果中。实验室报告上有 LLN 时应一并给出。
# - 肌酐恢复正常时，EPO 相对不足的判断**仍然成立**：炎症细胞因子本身也能抑制 EPO 的产生
#   （Beguin 1992）。轨迹中的解释随之改变：

# %%
print(mech.anemia_mechanisms(Case.from_dict({**seed, "creatinine_mg_dl": 0.9})).details["explanations"]
      ["inappropriately_low_epo"])

# %% [markdown]
# ## 铁蛋白 × 转铁蛋白饱和度平面
#
# 机制二只取决于两个数，可以画成一张平面图。虚线是两个界值，颜色是 `anemia_mechanisms` 对平面上每一点的判断。

# %%
ferritin = np.geomspace(5, 2000, 120)
tsat = np.linspace(1, 60, 100)
grid = np.array([[bool(mech.anemia_mechanisms(Case(ferritin_ng_ml=float(f), transferrin_saturation_percent=float(t)))
                       .details["mechanisms"]["functional_iron_deficiency"]) for f in ferritin] for t in tsat])
fig, ax = plt.subplots(figsize=(7, 4.5))
ax.pcolormesh(ferritin, tsat, grid, cmap=ListedColormap(["#FFFFFF", PALETTE[1]]), alpha=0.35, shading="nearest")
ax.axvline(mech.FERRITIN_REPLETE.value, color="k", ls="--", lw=1)
ax.axhline(mech.TSAT_LOW.value, color="k", ls="--", lw=1)
ax.plot(seed["ferritin_ng_ml"], seed["transferrin_saturation_percent"], "ko", ms=8)
ax.annotate("源文档病例", (seed["ferritin_ng_ml"], seed["transferrin_saturation_percent"]), xytext=(8, 6),
            textcoords="offset points")
ax.text(mech.FERRITIN_REPLETE.value * 1.1, 2,
        f"功能性铁缺乏\n铁蛋白 {mech.FERRITIN_REPLETE.describe()}\nTSAT {mech.TSAT_LOW.describe()}", fontsize=9)
ax.text(6, 2, f"绝对性铁缺乏\n（{source(mech.TSAT_LOW.source).short}）", fontsize=9)
ax.text(mech.FERRITIN_REPLETE.value * 1.1, mech.TSAT_LOW.value * 2, "铁的利用未见明显障碍", fontsize=9)
ax.set_xscale("log")
ax.set_xlim(ferritin[0], ferritin[-1])
ax.set_xlabel("血清铁蛋白（ng/mL，对数刻度）")
ax.set_ylabel("转铁蛋白饱和度（%）")
ax.set_title("功能性铁缺乏：储备不低，却供不上")
# alt: 散点图：横轴为血清铁蛋白（对数刻度），纵轴为转铁蛋白饱和度；两条虚线把平面分为绝对性铁缺乏、功能性铁缺乏和铁利用未见明显障碍三个区域，病例的点落在铁蛋白不低、饱和度却低的功能性铁缺乏区。
plt.show()

# %% [markdown]
# 铁蛋白是急性期反应物，炎症本身就会使它升高，所以单看铁蛋白容易误以为“铁充足”；转铁蛋白饱和度
# 反映的是真正送到红系前体的铁。
#
# ## IMWG 的 A：同一位患者
#
# 机制分析解释贫血**为什么**发生；IMWG 的 A 标准只回答贫血**是否**达到骨髓瘤定义事件的程度。
# 病例没有给出实验室正常下限（LLN），所以第二条（低于 LLN 的幅度）无法评估；但第一条已经成立，A 为阳性：

# %%
a = dx.crab(Case.from_dict(seed))
for c in a.checks:
    if c.criterion in (dx.HB_LOW.key, dx.HB_BELOW_LLN.key, dx.CREATININE_HIGH.key):
        print(c.explain())
print("A：", a.details["A"], "；R：", a.details["R"])

# %% [markdown]
# 假设这家实验室女性血红蛋白的正常下限为 11.5 g/dL（一个示例值），低于 LLN 的幅度也可以算出：

# %%
a_lln = dx.crab(Case.from_dict({**seed, "hemoglobin_lln_g_dl": 11.5}))
print([c.explain() for c in a_lln.checks if c.criterion == dx.HB_BELOW_LLN.key][0])

# %% [markdown]
# 最后提醒：A 与 R 都要求损害**可归因于浆细胞疾病**。本例的肌酐升高若由其他原因（如糖尿病肾病）引起，
# 就不能计为 R，但它对 EPO 的影响——也就是对贫血的贡献——依然存在。
#
# ## 小结

# %%
display(Markdown("\n".join([
    "- 骨髓瘤的贫血通常是多种机制叠加的结果；本例三种机制同时存在。",
    f"- 骨髓浸润：本书以骨髓克隆性浆细胞 {mech.INFILTRATION_BMPC.describe()} 为教学界值。",
    f"- 功能性铁缺乏：铁蛋白 {mech.FERRITIN_REPLETE.describe()} 且转铁蛋白饱和度 {mech.TSAT_LOW.describe()}"
    f"（{source(mech.TSAT_LOW.source).short}）；铁蛋白也低则是绝对性铁缺乏。",
    f"- EPO 相对不足：血红蛋白 {dx.HB_LOW.describe()} 而 EPO {mech.EPO_INAPPROPRIATE.describe()}；"
    "肾功能受损是最常见的原因，但不是唯一原因。",
    f"- IMWG 的 A：血红蛋白 {dx.HB_LOW.describe()}（{dx.HB_LOW.describe('g/L')}）或低于 LLN "
    f"{dx.HB_BELOW_LLN.describe()}（{dx.HB_BELOW_LLN.describe('g/L')}）。",
])))

# %% [markdown]
# ## 练习
#
# 1. 一位患者血红蛋白 9.0 g/dL、骨髓浆细胞 15%、铁蛋白 40 ng/mL、转铁蛋白饱和度 8%、肌酐 1.0 mg/dL、
#    EPO 250 mIU/mL。用 `anemia_mechanisms` 判断，并解释为什么三种机制都不成立。你会考虑哪些其他原因？
# 2. 源文档病例若 EPO 为 25 mIU/mL，机制三是否成立？如果是 35 mIU/mL 呢？这说明用固定界值判断
#    “不适当地低”有什么局限？
# 3. 为什么说机制分析和 IMWG 的 A 回答的是两个不同的问题？各举一个临床上的用途。
# 4. 用 `mmlib.practice` 自测：运行下面两格，读题后把答案写进 `answer = ...`（替换 `...`）再运行，会得到中文反馈和提示（题号 `anemia-mechanisms-4410269`；更多题目见本书“动手实践”一章）。
#
# *本页是教学材料，不构成临床建议。*

# %%
from mmlib import practice

practice.show("anemia-mechanisms-4410269")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("anemia-mechanisms-4410269", answer);
