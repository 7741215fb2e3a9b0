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
# # 病例：从分子表型推断遗传事件
#
# 学完本页你能：
#
# - 从分子表型推断原发与继发遗传事件；
# - 比较 R-ISS、R2-ISS 与 IMS/IMWG 2025 的高危定义；
# - 说明“未检测”与“阴性”的区别。
#
# 源文档“遗传发病机制”一节描述了一个骨髓瘤克隆：FGFR3 和 MMSET 高表达（H3K36me2 升高）、
# Cyclin D1 水平正常、TP53 功能完整（DNA 损伤后 p21 仍能被诱导）、CKS1B 和 MCL1 高表达，
# 并由此推断它携带 **t(4;14) 合并 1q 获得**这一高危组合。
#
# 本页分三步：
#
# 1. 用 `mmlib.mechanisms.infer_genetic_events` 把“表型 → 遗传事件”的推理写成可检查的规则；
# 2. 用 `mmlib.cytogenetics.cytogenetic_risk` 说明这些事件的危险分层意义——经典 IMWG 定义
#    （Sonneveld 2016）与 IMS/IMWG 2025 共识有时给出不同的答案；
# 3. 为一位携带这一克隆的示例患者计算 R2-ISS 分期的各项得分。
#
# > **注意**：由表型推断遗传事件是本书的**教学启发式**。临床上，遗传学异常要用 CD138 分选后的
# > 间期 FISH（或测序）直接检测。

# %%
from mmlib.plotting import PALETTE, use_book_style

use_book_style()

from dataclasses import asdict

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import Markdown, display

from mmlib import cytogenetics as cg
from mmlib import mechanisms as mech
from mmlib import staging
from mmlib.case import Case
from mmlib.trace import fmt_number

# %% [markdown]
# ## 第一步：从表型到遗传事件
#
# `MolecularPhenotype` 记录对克隆测得的分子特征，每一项为“是 / 否 / 未测”。源文档的克隆已作为
# `SEED_PHENOTYPE` 收在库中：

# %%
seed = mech.SEED_PHENOTYPE
r = mech.infer_genetic_events(seed)
print(r.summary)
print()
for c in r.checks:
    if c.criterion.startswith(("mechanisms.phenotype.", "mechanisms.infer.")) and c.criterion != "mechanisms.infer.risk":
        print(c.explain())

# %% [markdown]
# 推理的要点：
#
# - **t(4;14)**：14q32 上的 IGH 增强子同时驱动两条衍生染色体上的 FGFR3 和 MMSET（NSD2）；MMSET 是组蛋白
#   甲基转移酶，使全基因组 H3K36me2 升高。约三分之一的 t(4;14) 丢失 der(14)、不表达 FGFR3，但 MMSET/H3K36me2
#   仍然升高，所以规则以“任一”作为证据。
# - **不是 t(11;14)**：Cyclin D1 正常。
# - **1q 获得**：1q21 上的 CKS1B（促进 p27<sup>Kip1</sup> 降解）与 MCL1（抗凋亡）**同时**剂量依赖性高表达。
# - **TP53 通路完整**：p21 可被诱导，不支持 TP53 双等位失活；但单等位 del(17p) 仍不能由此排除。
#
# 推断出的事件被分为原发性事件与继发性事件：

# %%
pd.DataFrame({"原发性事件": [", ".join(r.details["primary"])], "继发性事件": [", ".join(r.details["secondary"])],
              "TP53": [r.details["tp53"]], "传给危险分层的字段": [r.details["implied_case"]]}).T.rename(columns={0: ""})

# %% [markdown]
# ### 表型改变，推断也随之改变
#
# 每次只改动一两个标志物：

# %%
variants = {
    "源文档克隆": {},
    "CKS1B、MCL1 正常": {"cks1b_high": False, "mcl1_high": False},
    "只有 CKS1B 高表达（MCL1 未测）": {"mcl1_high": None},
    "FGFR3 不表达（丢失 der(14)）": {"fgfr3_high": False},
    "p21 不能被诱导": {"tp53_functional": False},
    "Cyclin D1 高表达、MMSET/FGFR3/H3K36me2 正常": {"ccnd1_high": True, "mmset_high": False, "fgfr3_high": False,
                                                 "h3k36me2_high": False},
}
zh_risk = {"high": "高危", "standard": "标准危", None: "无法判断"}
rows = []
for label, change in variants.items():
    res = mech.infer_genetic_events(mech.MolecularPhenotype.from_dict({**asdict(seed), **change}))
    rows.append({"表型": label, "推断的事件": res.value or "—",
                 "经典 IMWG": zh_risk[res.details["risk_classic"]], "IMS/IMWG 2025": zh_risk[res.details["risk_ims2025"]]})
pd.DataFrame(rows).set_index("表型")

# %% [markdown]
# 几行“无法判断”值得注意：分子表型只回答了少数几个问题（没有 del(17p)、del(1p32)、t(14;20)、β2 微球蛋白……），
# 规则不会把“没测”当成“没有”。只有当已经成立的那一条足以定为高危时，结论才不依赖缺失的信息。
#
# ## 第二步：这些事件意味着什么
#
# `cytogenetic_risk` 同时给出两种定义的结论。对源文档的 t(4;14) + 1q 获得：

# %%
risk = cg.cytogenetic_risk(Case(**r.details["implied_case"]))
print(risk.explain().splitlines()[0])
for c in risk.checks:
    if c.criterion == "ims2025.criterion":
        print(" ", c.explain())

# %% [markdown]
# IMS/IMWG 2025 的四条标准（任一条成立即为高危），由库中的阈值常量生成：

# %%
display(Markdown("\n".join([
    f"1. del(17p) 且癌细胞分数（CCF）{cg.DEL17P_CCF.describe()}，和/或 *TP53* 突变；",
    "2. t(4;14)、t(14;16) 或 t(14;20) **合并** 1q+ 和/或 del(1p32)；",
    "3. 单等位 del(1p32) 合并 1q+，或双等位 del(1p32)；",
    f"4. β2 微球蛋白 {cg.BETA2M_HIGH.describe()} 且肌酐正常（{cg.CREATININE_NORMAL.describe()}，"
    f"即 {cg.CREATININE_NORMAL.describe('µmol/L')}）。",
])))

# %% [markdown]
# 与经典定义相比，2025 共识更强调**组合**。下面对一组 FISH 结果齐全的假想克隆比较三种定义
# （R-ISS 的高危细胞遗传学、经典 IMWG、IMS/IMWG 2025）。所有克隆的其他检查都为阴性，倍体未检测，
# β2 微球蛋白和肌酐正常：

# %%
negative = dict(del17p=False, t4_14=False, t14_16=False, t14_20=False, t11_14=False, gain_1q=False, amp_1q=False,
                del1p32=False, tp53_mutation=False, beta2m_mg_l=2.8, creatinine_mg_dl=0.9)
profiles = {
    "t(4;14) + 1q 获得（源文档）": {"t4_14": True, "gain_1q": True},
    "单独 t(4;14)": {"t4_14": True},
    "单独 1q 获得": {"gain_1q": True},
    "单独 t(11;14)": {"t11_14": True},
    f"del(17p)，CCF {fmt_number(cg.DEL17P_CCF.value - 5)}%": {"del17p": True,
                                                           "del17p_ccf_percent": cg.DEL17P_CCF.value - 5},
    f"del(17p)，CCF {fmt_number(cg.DEL17P_CCF.value + 40)}%": {"del17p": True,
                                                            "del17p_ccf_percent": cg.DEL17P_CCF.value + 40},
    "双等位 del(1p32)": {"del1p32": True, "del1p32_biallelic": True},
    f"无 FISH 异常，β2M {fmt_number(cg.BETA2M_HIGH.value + 0.5)} mg/L": {"beta2m_mg_l": cg.BETA2M_HIGH.value + 0.5},
}
yes_no = {True: "是", False: "否", None: "?"}
rows = []
for label, change in profiles.items():
    res = cg.cytogenetic_risk(Case(**{**negative, **change}))
    rows.append({"克隆": label, "R-ISS 高危 CA": yes_no[res.details["riss_high_risk_ca"]],
                 "经典 IMWG": zh_risk[res.details["classic"]], "IMS/IMWG 2025": zh_risk[res.value],
                 "2025 成立的条目": "、".join("①②③④"[i] for i, v in enumerate(res.details["criteria"]) if v) or "—"})
pd.DataFrame(rows).set_index("克隆")

# %% [markdown]
# 从表中可以读出：
#
# - **单独的 t(4;14)** 或**单独的 1q 获得**在经典定义中都是高危，在 2025 共识中却是标准危；二者**同时**出现
#   （源文档的克隆）才是 2025 意义上的高危。
# - del(17p) 的意义取决于它占多大比例的肿瘤细胞：小克隆不满足 2025 的 CCF 条件。
# - 2025 共识把不属于经典高危的异常（双等位 del(1p32)）和一个非遗传学指标（肌酐正常时的高 β2 微球蛋白）也纳入高危。
#
# 生物学上，t(4;14) 提供增殖与表观遗传的驱动（FGFR3 信号、MMSET），1q 获得又叠加了 CKS1B 介导的细胞周期加速
# 和 MCL1 介导的抗凋亡——这就是源文档说这一组合“解释了高增殖和抗凋亡表型”的含义。
#
# ## 第三步：示例患者的 R2-ISS
#
# R2-ISS（D'Agostino 2022）把 ISS 分期、LDH 和三种遗传学异常加权相加：

# %%
factor_zh = {"iss_ii": "ISS II", "iss_iii": "ISS III", "del17p": "del(17p)", "ldh_high": "LDH 高于 ULN",
             "t4_14": "t(4;14)", "gain_or_amp_1q": "1q+（获得或扩增）"}
pd.DataFrame({"因素": [factor_zh[k] for k in staging.R2ISS_POINTS], "分值": list(staging.R2ISS_POINTS.values())}
             ).set_index("因素").T

# %% [markdown]
# 总分落入的分组由阈值常量给出：

# %%
print("；".join(f"{t.describe()} → R2-ISS {staging.STAGES[i + 1]}" for i, t in enumerate(staging.R2ISS_GROUPS)))

# %% [markdown]
# 设想一位新诊断的多发性骨髓瘤患者，克隆就是源文档的这一个：FISH 检出 t(4;14) 与 1q 获得（3 个拷贝），
# 未检出 del(17p)；β2 微球蛋白 4.1 mg/L，白蛋白 3.1 g/dL，LDH 210 U/L（正常上限 250 U/L）。以下均为示例数值。

# %%
patient = dict(beta2m_mg_l=4.1, albumin_g_dl=3.1, ldh_u_l=210, ldh_uln_u_l=250,
               del17p=False, t4_14=True, t14_16=False, gain_1q=True, amp_1q=False)
case = Case(**patient)
for rule in (staging.iss, staging.riss, staging.r2iss):
    print(rule(case).explain().splitlines()[0])
print()
print(staging.r2iss(case).explain())

# %% [markdown]
# 同一位患者若 1q 正常、若 β2 微球蛋白升至 ISS III 水平、若再加上 LDH 升高，得分如何变化？
# 下图把每种情形的得分拆成各因素的贡献，虚线是分组界限。

# %%
scenarios = {
    "示例患者": {},
    "1q 正常": {"gain_1q": False},
    "β2M 达到 ISS III": {"beta2m_mg_l": staging.ISS_B2M_III.value + 0.5},
    "β2M 达到 ISS III\n且 LDH 升高": {"beta2m_mg_l": staging.ISS_B2M_III.value + 0.5, "ldh_u_l": 320},
    "t(11;14) 代替 t(4;14)\n且 1q 正常": {"t4_14": False, "t11_14": True, "gain_1q": False},
}
parts = ["r2iss2022.iss", "r2iss2022.del17p", "r2iss2022.ldh_high", "r2iss2022.t4_14", "r2iss2022.gain_or_amp_1q"]
names = {"r2iss2022.iss": "ISS 分期", "r2iss2022.del17p": "del(17p)", "r2iss2022.ldh_high": "LDH 升高",
         "r2iss2022.t4_14": "t(4;14)", "r2iss2022.gain_or_amp_1q": "1q+"}
table = {}
for label, change in scenarios.items():
    res = staging.r2iss(Case(**{**patient, **change}))
    points = {c.criterion: c.value for c in res.checks if c.criterion in parts}
    table[label] = {**{names[k]: points[k] for k in parts}, "总分": res.details["points"], "分组": res.value}
scores = pd.DataFrame(table).T
display(scores.rename(index=lambda s: s.replace("\n", "")))

fig, ax = plt.subplots(figsize=(8, 4))
left = pd.Series(0.0, index=scores.index)
for i, k in enumerate(parts):
    width = scores[names[k]].astype(float)
    ax.barh(scores.index, width, left=left, color=PALETTE[i], label=names[k], edgecolor="white")
    left += width
for t in staging.R2ISS_GROUPS:
    ax.axvline(t.value, color="k", ls="--", lw=1)
edges = [0.0] + [t.value for t in staging.R2ISS_GROUPS]
for i, x in enumerate(edges):
    ax.text(x + 0.05, -0.75, f"R2-ISS {staging.STAGES[i]}", fontsize=9)
for y, (label, row) in enumerate(scores.iterrows()):
    ax.text(row["总分"] + 0.05, y, f"{fmt_number(row['总分'])} 分 → {row['分组']}", va="center", fontsize=9)
ax.invert_yaxis()
ax.set_xlim(0, 5)
ax.set_ylim(len(scores) - 0.4, -1.0)
ax.set_xlabel("R2-ISS 总分（分）")
ax.set_title("R2-ISS：各因素的得分贡献")
ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
# alt: 水平堆叠条形图：每个情景一行，各色条段是 ISS 分期、del(17p)、LDH 升高、t(4;14) 和 1q+ 对 R2-ISS 总分的贡献；竖虚线是各组的分界，条末标出总分和所属分组。
plt.show()

# %% [markdown]
# t(14;16) 不计入 R2-ISS；t(11;14) 在任何一种定义里都不是高危。
#
# ## 小结

# %%
display(Markdown("\n".join([
    "- FGFR3/MMSET 高表达与 H3K36me2 升高指向 t(4;14)；CKS1B 与 MCL1 同时高表达指向 1q 获得；"
    "p21 可诱导说明 TP53 通路完整。",
    "- t(4;14) 是原发性事件（IGH 易位），1q 获得是继发性事件。",
    f"- 源文档的组合在经典 IMWG 与 IMS/IMWG 2025 中都是高危；单独的 t(4;14) 或 1q 获得只在经典定义中是高危。",
    f"- R2-ISS 为加权计分：示例患者 {fmt_number(staging.r2iss(case).details['points'])} 分，"
    f"R2-ISS {staging.r2iss(case).value}。",
    "- 由表型推断的事件要以 FISH/测序确认；缺失的检查结果是“未知”，不是“阴性”。",
])))

# %% [markdown]
# ## 练习
#
# 1. 把示例患者的 del(17p) 改为阳性、CCF 为 50%，分别计算 R-ISS、R2-ISS 和 IMS/IMWG 2025 的结论。
#    哪个定义对这一改变最敏感？
# 2. 一个克隆 MAF 高表达，同时 MMSET 高表达。`infer_genetic_events` 为什么不推断 t(14;16)？你会建议做什么检查？
# 3. 为什么说“TP53 功能完整”不能排除单等位 del(17p)？这一点对 2025 共识的第①条有什么影响？
# 4. 用 `mmlib.practice` 自测：运行下面两格，读题后把答案写进 `answer = ...`（替换 `...`）再运行，会得到中文反馈和提示（题号 `genetics-4808665`；更多题目见本书“动手实践”一章）。
#
# *本页是教学材料，不构成临床建议。*

# %%
from mmlib import practice

practice.show("genetics-4808665")

# %%
answer = ...  # ← 在这里写下你的答案
practice.attempt("genetics-4808665", answer);
