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
# # 病例：诊断路径
#
# [诊断路径](diagnosis.md)一节把诊断拆成了四个问题：血液和尿液中有没有单克隆蛋白？骨髓中有多少克隆性浆细胞、
# 带有哪些遗传学异常？影像学上有没有骨病变或局灶性病变？最后属于谱系中的哪一种疾病？
#
# 本页让几位患者完整地走一遍这条路径。每位患者先列出各项检查的结果（像一份化验与影像报告汇总），
# 再把这些结果写成 `mmlib.case.Case`，由 `mmlib.diagnosis.classify` 按 IMWG 标准分类，
# 并只打印**决定诊断的那几行推理轨迹**。确诊为骨髓瘤的患者，再接着做分期与细胞遗传学危险分层。
#
# 病例是为教学编写的，数值不来自真实患者。

# %%
from mmlib.plotting import PALETTE, use_book_style

use_book_style()

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import Markdown, display

from mmlib import diagnosis as dx
from mmlib import risk, staging
from mmlib.case import Case
from mmlib.cytogenetics import RISK_ZH, cytogenetic_risk

# %% [markdown]
# ## 几个通用的工具
#
# `show_workup` 把一位患者的检查结果排成表格；`decisive_lines` 只保留推理轨迹中“符合”的比较
# （以及调用者点名要看的其他比较），这些正是让诊断成立的证据；`stage_line` 汇总三种分期和高危判断；`work_up` 依次调用这三步。

# %%
def show_workup(title: str, findings: dict[str, str]) -> None:
    """A patient's results as a two-column table (检查 → 结果)."""
    table = "\n".join(f"| {k} | {v} |" for k, v in findings.items())
    display(Markdown(f"**{title}**\n\n| 检查 | 结果 |\n|---|---|\n{table}"))


def decisive_lines(result, also: tuple[str, ...] = ()) -> list[str]:
    """The trace lines that are met, plus the criteria named in ``also`` whatever their verdict."""
    return [c.explain() for c in result.checks if c.verdict is True or c.criterion in also]


def diagnose(fields: dict, also: tuple[str, ...] = ()):
    """Classify a case and print the diagnosis with its decisive trace lines."""
    r = dx.classify(Case(**fields))
    subtype = r.details.get("subtype")
    print("诊断：", dx.DIAGNOSIS_ZH[r.value])
    if subtype:
        print("亚型：", dx.SUBTYPE_ZH.get(subtype, subtype))
    for line in decisive_lines(r, also):
        print("  -", line)
    return r


def stage_line(fields: dict) -> str:
    """ISS / R-ISS / R2-ISS and the IMS/IMWG 2025 cytogenetic risk of a case, in one line."""
    case = Case(**fields)
    r2 = staging.r2iss(case)
    parts = [f"ISS {staging.iss(case).value}", f"R-ISS {staging.riss(case).value}",
             f"R2-ISS {r2.value}（{r2.details['points']} 分）" if r2.details["points"] is not None
             else f"R2-ISS {r2.value}"]
    risk_ = cytogenetic_risk(case)
    return "；".join(parts) + (f"；IMS/IMWG 2025：{RISK_ZH[risk_.value]}"
                               f"（经典 IMWG：{RISK_ZH[risk_.details['classic']]}）")


def work_up(title: str, fields: dict, findings: dict[str, str], also: tuple[str, ...] = (), stage: bool = False):
    """One patient through the path: the results table, the diagnosis with its decisive lines, the staging."""
    show_workup(f"{title} 的检查结果", findings)
    r = diagnose(fields, also)
    if stage:
        print(stage_line(fields))
    return r


#: 排除 CRAB 所需的一组正常化验（各病例在此基础上修改）
NORMAL = dict(calcium_mg_dl=9.4, calcium_uln_mg_dl=10.5, creatinine_mg_dl=0.9, crcl_ml_min=85,
              hemoglobin_g_dl=13.2, hemoglobin_lln_g_dl=12.0, lytic_lesions=0, mri_focal_lesions=0)

# %% [markdown]
# ## 患者 A：贫血、骨痛与 IgG-κ 型 M 蛋白
#
# 一位 66 岁男性因腰背痛 3 个月、乏力就诊。这是最“典型”的一条路径：三项血清检查都阳性，骨髓浆细胞明显增多，
# 影像学发现多处溶骨性病变。

# %%
patient_a = dict(
    NORMAL, isotype="IgG", light_chain="kappa", m_protein_g_dl=4.1, flc_kappa_mg_l=310, flc_lambda_mg_l=9.5,
    bmpc_percent=45, hemoglobin_g_dl=8.9, calcium_mg_dl=10.2, creatinine_mg_dl=1.1, crcl_ml_min=62, lytic_lesions=4,
    beta2m_mg_l=5.8, albumin_g_dl=3.1, ldh_u_l=280, ldh_uln_u_l=250,
    del17p=False, t4_14=False, t14_16=False, t14_20=False, t11_14=True, gain_1q=False, amp_1q=False, del1p32=False,
)
r_a = work_up("患者 A", patient_a, {
    "血清蛋白电泳": "γ 区 M 峰，4.1 g/dL",
    "免疫固定电泳": "IgG-κ",
    "血清游离轻链": "κ 310 mg/L，λ 9.5 mg/L",
    "骨髓活检（CD138）": "克隆性浆细胞 45%",
    "流式细胞术": "CD38⁺CD138⁺CD19⁻CD56⁺，胞浆 κ 限制",
    "FISH（CD138 分选）": "t(11;14) 阳性；del(17p)、t(4;14)、t(14;16)、t(14;20)、1q+、del(1p32) 阴性",
    "低剂量全身 CT": "腰椎、骨盆和肋骨共 4 处溶骨性病变",
    "血常规与生化": "Hb 8.9 g/dL；血钙 10.2 mg/dL；肌酐 1.1 mg/dL；β2 微球蛋白 5.8 mg/L；白蛋白 3.1 g/dL；LDH 280 U/L（ULN 250）",
}, stage=True)

# %% [markdown]
# 诊断由 A（贫血）和 B（溶骨性病变）两项 CRAB 以及骨髓克隆性浆细胞 ≥ 10% 共同确立；受累游离轻链超过 100 mg/L，
# 但受累/未受累比值约为 33，没有达到 SLiM 的 Li。分期上，β2 微球蛋白 ≥ 5.5 mg/L 使 ISS 为 III 期，
# LDH 高于正常上限使 R-ISS 也为 III 期。t(11;14) 本身不是高危异常，经典 IMWG 定义因此判为标准危；
# IMS/IMWG 2025 判为高危，是因为第 4 条：β2 微球蛋白 ≥ 5.5 mg/L 而肌酐正常。

# %% [markdown]
# ## 患者 B：急性肾损伤，血清蛋白电泳“阴性”
#
# 一位 63 岁女性因少尿、肌酐升高住院。血清蛋白电泳没有 M 峰——如果只做这一项检查，诊断就会被漏掉。

# %%
patient_b = dict(
    NORMAL, isotype="light_chain", light_chain="kappa", flc_kappa_mg_l=1200, flc_lambda_mg_l=8,
    urine_m_protein_mg_24h=2600, bmpc_percent=30, creatinine_mg_dl=3.1, crcl_ml_min=25, hemoglobin_g_dl=10.6,
    beta2m_mg_l=9.2, albumin_g_dl=3.6, ldh_u_l=190, ldh_uln_u_l=250,
    del17p=False, t4_14=True, t14_16=False, gain_1q=True, amp_1q=False,
)
r_b = work_up("患者 B", patient_b, {
    "血清蛋白电泳": "未见 M 峰",
    "免疫固定电泳": "仅见游离 κ 带，无重链带",
    "血清游离轻链": "κ 1,200 mg/L，λ 8 mg/L",
    "24 小时尿": "尿蛋白电泳 M 蛋白 2,600 mg/24 h，尿免疫固定为游离 κ",
    "骨髓活检（CD138）": "克隆性浆细胞 30%",
    "FISH（CD138 分选）": "t(4;14) 阳性，1q 增益；del(17p)、t(14;16) 阴性",
    "低剂量全身 CT": "未见溶骨性病变",
    "生化": "肌酐 3.1 mg/dL，实测肌酐清除率 25 mL/min；β2 微球蛋白 9.2 mg/L；白蛋白 3.6 g/dL",
}, stage=True)

# %% [markdown]
# 轻链型骨髓瘤：R（肾功能不全）和 Li（受累/未受累比值 150、受累轻链 1,200 mg/L）两项骨髓瘤定义事件。
# 这位患者的 β2 微球蛋白很高，但其中一部分来自肾功能下降——这正是 ISS 把肾功能和肿瘤负荷混在一起的例子；
# IMS/IMWG 2025 的第 4 条因此要求肌酐正常，而她的高危判断来自第 2 条：t(4;14) 合并 1q 增益。

# %% [markdown]
# ## 患者 C：体检发现的 IgA-λ 型 M 蛋白
#
# 一位 58 岁男性在体检中发现球蛋白升高，没有任何症状。

# %%
patient_c = dict(
    NORMAL, isotype="IgA", light_chain="lambda", m_protein_g_dl=3.2, flc_kappa_mg_l=7, flc_lambda_mg_l=85,
    bmpc_percent=18, t4_14=False, t14_16=False, gain_1q=False, del13q=True,
)
r_c = work_up("患者 C", patient_c, {
    "血清蛋白电泳": "β 区 M 峰，3.2 g/dL",
    "免疫固定电泳": "IgA-λ",
    "血清游离轻链": "κ 7 mg/L，λ 85 mg/L",
    "骨髓活检（CD138）": "克隆性浆细胞 18%",
    "FISH（CD138 分选）": "del(13q)；t(4;14)、t(14;16)、1q+ 阴性",
    "低剂量全身 CT 与全身 MRI": "无溶骨性病变，无局灶性病变",
    "血常规与生化": "血钙、肌酐、血红蛋白均正常",
}, also=(dx.BMPC_S.key, dx.FLC_RATIO_LI.key, dx.MRI_LESIONS.key))
for model in (risk.smm_mayo2018, risk.smm_imwg2020):
    m = model(Case(**patient_c))
    print(f"{m.label}：{risk.GROUP_ZH[m.value]}，总分 {m.details['score']}")

# %% [markdown]
# 两项负荷指标（M 蛋白 ≥ 3 g/dL、骨髓浆细胞 ≥ 10%）都满足冒烟型骨髓瘤的条件，而三项 SLiM 都不满足
# （上面同时列出了这三行“不符合”的比较）。IgA 型 M 蛋白常迁移到 β 区，容易与转铁蛋白混淆，这时免疫固定电泳尤其重要。
# 风险模型回答的是下一个问题：这位患者近期进展的可能性有多大（见[分期与危险分层](staging.md)）。

# %% [markdown]
# ## 患者 D：一处肋骨肿块
#
# 一位 52 岁女性因胸壁疼痛发现右侧第 6 肋骨溶骨性肿块，穿刺活检为 κ 限制的克隆性浆细胞肿瘤。
# 问题是：这是孤立性浆细胞瘤，还是骨髓瘤的一处表现？答案取决于骨髓和全身影像。

# %%
patient_d = dict(
    NORMAL, biopsy_proven_plasmacytoma=True, lytic_lesions=1, bmpc_percent=4, flc_kappa_mg_l=24, flc_lambda_mg_l=11,
)
r_d = work_up("患者 D", patient_d, {
    "病灶活检": "右第 6 肋骨，克隆性浆细胞（κ 限制）",
    "血清蛋白电泳 / 免疫固定": "未见 M 峰 / 阴性",
    "血清游离轻链": "κ 24 mg/L，λ 11 mg/L",
    "骨髓活检 + 流式细胞术": "形态计数 4%，流式细胞术检出少量 κ 限制的克隆性浆细胞",
    "PET-CT 与脊柱骨盆 MRI": "除肋骨病灶外未见其他病变",
    "血常规与生化": "正常",
}, also=(dx.CLONAL_BMPC.key, dx.LYTIC.key, dx.LYTIC_WITH_PLASMACYTOMA.key))

# %% [markdown]
# 骨髓中有少量克隆性浆细胞（< 10%），所以是**伴微量骨髓受累**的孤立性浆细胞瘤。注意轨迹中的骨病变判断：
# 骨髓浆细胞不足 10% 时需要多于一处骨病变才算 CRAB 的 B，而这位患者只有活检证实的那一处。
# 如果骨髓中完全没有克隆性浆细胞，诊断就是孤立性浆细胞瘤；如果 ≥ 10%，就是多发性骨髓瘤：

# %%
for bmpc in (0, 4, 12):
    print(f"骨髓克隆性浆细胞 {bmpc}% →", dx.DIAGNOSIS_ZH[dx.classify(Case(**{**patient_d, "bmpc_percent": bmpc})).value])

# %% [markdown]
# ## 患者 E：血常规里的“异型细胞”
#
# 一位 59 岁男性因乏力、体重下降就诊，血常规自动分类报告“异型细胞”，白细胞 11.2×10⁹/L。
# 人工复核外周血涂片时发现大量浆细胞——这一步决定了他的诊断名称。

# %%
patient_e = dict(
    NORMAL, isotype="IgG", light_chain="lambda", m_protein_g_dl=2.1, flc_kappa_mg_l=6, flc_lambda_mg_l=640,
    bmpc_percent=70, hemoglobin_g_dl=7.9, circulating_pc_percent=12,
    beta2m_mg_l=7.4, albumin_g_dl=3.3, ldh_u_l=520, ldh_uln_u_l=250,
    del17p=True, del17p_ccf_percent=60, t4_14=False, t14_16=False, gain_1q=True, amp_1q=False,
)
r_e = work_up("患者 E", patient_e, {
    "外周血涂片（人工复核）": "浆细胞占白细胞 12%",
    "血清蛋白电泳 / 免疫固定": "M 峰 2.1 g/dL / IgG-λ",
    "血清游离轻链": "κ 6 mg/L，λ 640 mg/L",
    "骨髓活检（CD138）": "克隆性浆细胞 70%",
    "FISH（CD138 分选）": "del(17p)（克隆比例 60%），1q 增益；t(4;14)、t(14;16) 阴性",
    "低剂量全身 CT": "未见溶骨性病变",
    "血常规与生化": "Hb 7.9 g/dL；β2 微球蛋白 7.4 mg/L；白蛋白 3.3 g/dL；LDH 520 U/L（ULN 250）",
}, also=(dx.PCL_CIRCULATING.key,), stage=True)

# %% [markdown]
# 骨髓浆细胞 70% 本身就是 SLiM 的 S，游离轻链比值约 107 也满足 Li，贫血是 CRAB 的 A，所以他无论如何都是多发性骨髓瘤；
# 外周血浆细胞 ≥ 5%
# 使他进一步归为**原发性浆细胞白血病**（IMWG 2021）。del(17p) 克隆比例 60% 使他按 IMS/IMWG 2025 属于高危。如果没有复核涂片，程序仍诊断为多发性骨髓瘤，
# 但会在 `notes` 中提醒缺少循环浆细胞比例：

# %%
r_e_no_smear = dx.classify(Case(**{**patient_e, "circulating_pc_percent": None}))
print(r_e_no_smear.details["subtype"])
print(r_e_no_smear.details["notes"][-1])

# %% [markdown]
# ## 患者 F：多处骨病变，化验却“全阴性”
#
# 一位 61 岁女性因病理性骨折就诊，低剂量全身 CT 显示多处溶骨性病变。血清与尿液的电泳、免疫固定都是阴性，
# 游离轻链比值也正常。转移癌需要首先排除，但骨髓活检给出了答案。

# %%
patient_f = dict(
    NORMAL, m_protein_g_dl=0, urine_m_protein_mg_24h=0, flc_kappa_mg_l=14, flc_lambda_mg_l=13,
    bmpc_percent=35, lytic_lesions=5, circulating_pc_percent=0,
)
r_f = work_up("患者 F", patient_f, {
    "血清蛋白电泳 / 免疫固定": "未见 M 峰 / 阴性",
    "24 小时尿": "尿蛋白电泳与尿免疫固定均阴性",
    "血清游离轻链": "κ 14 mg/L，λ 13 mg/L（比值正常）",
    "骨髓活检（CD138）+ 流式细胞术": "克隆性浆细胞 35%，胞浆 κ 限制",
    "低剂量全身 CT": "股骨、骨盆和椎体共 5 处溶骨性病变",
    "外周血涂片": "未见浆细胞",
}, also=(dx.M_PROTEIN_DETECTED.key, dx.URINE_DETECTED.key))

# %% [markdown]
# 骨髓克隆性浆细胞 ≥ 10% 加上溶骨性病变（CRAB 的 B），诊断为多发性骨髓瘤；血清和尿液都没有检出单克隆蛋白、
# 比值正常，所以是**非分泌型**。同样“全阴性”的化验，如果骨髓克隆性浆细胞很少，结论就是“未检出单克隆丙种球蛋白”；
# 如果没有做骨髓，结论只能是“无法确定”：

# %%
for bmpc in (2, None):
    r = dx.classify(Case(**{**patient_f, "bmpc_percent": bmpc, "lytic_lesions": 0}))
    print(f"骨髓克隆性浆细胞 {bmpc}：", dx.DIAGNOSIS_ZH[r.value], "；缺少：", r.missing or "无")

# %% [markdown]
# ## 汇总：六位患者，六条路径
#
# 最后把几位患者的关键证据放在一张图里：横轴是骨髓克隆性浆细胞比例，纵轴是受累/未受累游离轻链比值（对数坐标）。
# 图中的虚线是 `mmlib` 中的阈值：骨髓浆细胞 10% 和 60%、游离轻链比值 100。
# 同一张图上位置相近的患者可以有完全不同的诊断——决定诊断的常常是图上看不到的第三维：器官损害和影像学。

# %%
patients = {"A": (patient_a, r_a), "B": (patient_b, r_b), "C": (patient_c, r_c), "D": (patient_d, r_d),
            "E": (patient_e, r_e), "F": (patient_f, r_f)}
rows = []
for name, (fields, r) in patients.items():
    ratio = r.details.get("flc_ratio_involved_uninvolved")
    if ratio is None:
        kappa, lam = fields["flc_kappa_mg_l"], fields["flc_lambda_mg_l"]
        ratio = max(kappa, lam) / min(kappa, lam)
    rows.append({"患者": name, "骨髓克隆性浆细胞（%）": fields["bmpc_percent"], "受累/未受累 FLC 比值": round(ratio, 1),
                 "CRAB": "".join(k for k, v in r.details["crab"].items() if v) or "无",
                 "SLiM": "".join(k for k, v in r.details["slim"].items() if v) or "无",
                 "诊断": dx.DIAGNOSIS_ZH[r.value],
                 "亚型": dx.SUBTYPE_ZH.get(r.details.get("subtype"), "—")})
summary = pd.DataFrame(rows).set_index("患者")
summary

# %%
fig, ax = plt.subplots(figsize=(7.0, 4.4))
for i, (name, row) in enumerate(summary.iterrows()):
    ax.scatter(row["骨髓克隆性浆细胞（%）"], row["受累/未受累 FLC 比值"], s=90, color=PALETTE[i], zorder=3)
    label = row["诊断"] if row["亚型"] == "—" else row["亚型"].split("（")[0]
    ax.annotate(f"{name}：{label}", (row["骨髓克隆性浆细胞（%）"], row["受累/未受累 FLC 比值"]),
                xytext=(8, 6), textcoords="offset points", fontsize=9)
for t in (dx.CLONAL_BMPC, dx.BMPC_S):
    ax.axvline(t.value, color="0.5", ls="--", lw=0.9)
    ax.text(t.value, 1.2, f" {t.describe()}", color="0.4", fontsize=8)
ax.axhline(dx.FLC_RATIO_LI.value, color="0.5", ls="--", lw=0.9)
ax.text(62, dx.FLC_RATIO_LI.value * 1.15, f"FLC 比值 {dx.FLC_RATIO_LI.describe()}", color="0.4", fontsize=8)
ax.set_yscale("log")
ax.set_xlim(0, 80)
ax.set_ylim(1, 1000)
ax.set_xlabel("骨髓克隆性浆细胞（%）")
ax.set_ylabel("受累/未受累游离轻链比值")
ax.set_title("几位患者在两项负荷指标上的位置")
plt.tight_layout()
# alt: 散点图，横轴为骨髓克隆性浆细胞（%），纵轴为受累/未受累游离轻链比值（对数刻度），两条竖虚线和一条横虚线标出骨髓浆细胞比例与 FLC 比值的诊断阈值；患者 A–F 各为一点并标出诊断：B 的浆细胞比例中等而 FLC 比值在横线以上，E 的浆细胞比例在最右一条竖线以右，A 的两项都未越过图中最高的阈值、仍诊断为多发性骨髓瘤，F 的比值接近 1，D 两项都最低——同一诊断可以落在图上不同位置，两项负荷指标只是诊断依据的一部分。
plt.show()

# %% [markdown]
# ## 动手试一试
#
# - 把患者 C 的 MRI 改为两处 ≥ 5 mm 的局灶性病变（`mri_focal_lesions=2`），诊断会怎样变化？风险模型还适用吗？
# - 把患者 B 的 `crcl_ml_min` 删除、只保留肌酐，`classify` 还能判断 R 吗？（提示：看 `r.missing` 和轨迹中的说明。）
# - 把患者 D 的 `lytic_lesions` 改为 2：骨髓浆细胞仍是 4%，诊断变成什么？为什么？
