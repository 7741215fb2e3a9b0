"""The book's practice problems, kept as data.

Each entry names the page it practises (``section``), its level (基础 / 进阶 /
综合), the source document's problem id it stands for (``seed_problem_id``,
or ``None``), the inputs the vignette states, the :mod:`mmlib.practice.compute`
function that computes the reference answer from them, the answer type, the
common mistakes (``traps``) with their feedback, progressive hints and the
worked solution.  Texts are templates: ``{field}`` is replaced by an input
value and ``{fact}`` by a fact computed by mmlib, so a number is never typed
twice.  No answer is written here where mmlib can compute it; only
conceptual answers (a mechanism, a drug's target) are given (``compute:
"given"``).

>>> len(PROBLEMS) >= 40
True
>>> sorted({p["level"] for p in PROBLEMS})
['基础', '综合', '进阶']
"""

from __future__ import annotations

from typing import Any

from ..labs import CKD_EPI_2021
from ..trace import fmt_number

__all__ = ["PROBLEMS", "SECTION_ZH", "SEED_PROBLEM_IDS"]

#: The CKD-EPI 2021 coefficients for women, from mmlib.labs (a hint, not a second copy of the numbers).
_CKD_EPI_FEMALE_HINT = "女性的 κ = {}，α = {}。".format(*(fmt_number(x).replace("-", "−") for x in CKD_EPI_2021["female"]))

P = "chapter_principles/"
A = "chapter_applications/"

#: Chinese titles of the pages the problems practise.
SECTION_ZH: dict[str, str] = {
    P + "plasma-cell.md": "恶性浆细胞：起源与特征",
    P + "monoclonality.md": "单克隆性：疾病的分子印记",
    P + "disease-spectrum.md": "疾病谱系：从前驱状态到活动性疾病",
    P + "end-organ-damage.md": "终末器官损害的机制：CRAB 标准",
    P + "bone-calcium.md": "骨骼病变与高钙血症",
    P + "renal.md": "肾功能不全：管型肾病",
    P + "anemia.md": "贫血：多因素病因学",
    P + "microenvironment.md": "肿瘤微环境：相互支持的恶性循环",
    P + "genetics.md": "遗传发病机制：疾病的驱动因素",
    P + "therapy.md": "治疗原理：利用细胞的特异性弱点",
    A + "diagnosis.md": "诊断路径：整合实验室与影像学证据",
    A + "staging.md": "分期与危险分层",
    A + "therapy.md": "治疗策略与分子靶点",
    A + "resistance.md": "耐药机制",
    A + "response-mrd.md": "疗效评估与 MRD",
    A + "interdisciplinary.md": "跨学科关联",
}

#: The practice problems the source document cites, each with one problem here.
SEED_PROBLEM_IDS: tuple[int, ...] = (4410285, 4410286, 4410328, 4410334, 4410309, 4410338, 4410269, 4808641,
                                     4808665, 4410281)

_DX = {"type": "choice", "options": "diagnosis"}
_CRAB = {"type": "set", "options": "crab"}
_YES_NO = {"type": "choice", "options": "yes_no"}
_RESP = {"type": "choice", "options": "response"}
_DX_HINTS = ["先找出克隆性证据：M 蛋白、骨髓克隆性浆细胞比例、游离轻链。",
             "再逐项查 CRAB 和 SLiM（骨髓瘤定义事件）：任何一项成立即为活动性骨髓瘤。",
             "没有骨髓瘤定义事件时，用 M 蛋白与骨髓浆细胞的阈值区分 MGUS 与 SMM；注意化验单的单位。"]
_DX_EXPLAIN = "mmlib.diagnosis.classify 的结论：{diagnosis}。{basis}"
_TARGETS = {"proteasome": "蛋白酶体（20S 核心颗粒）", "cereblon": "cereblon（CRL4 E3 泛素连接酶的底物受体）",
            "CD38": "CD38", "SLAMF7": "SLAMF7", "BCMA": "BCMA", "BCL2": "BCL-2", "XPO1": "XPO1（核输出蛋白 1）"}


def _p(**kw: Any) -> dict[str, Any]:
    kw.setdefault("seed_problem_id", None)
    kw.setdefault("traps", [])
    return kw


PROBLEMS: list[dict[str, Any]] = [
    # ------------------------------------------------------------------ plasma-cell.md
    _p(id="plasmablast-4410285", title="浆母细胞还是成熟浆细胞", section=P + "plasma-cell.md", level="基础",
       seed_problem_id=4410285, compute="given", inputs={"answer": "plasmablast"},
       vignette="淋巴结活检中见到一群细胞：体积较大，染色质疏松，可见核仁，Ki-67 高表达；胞浆内开始出现免疫球蛋白，"
                "CD138 弱阳性，CD19 仍阳性而 CD20 已阴性。",
       question="这群细胞最可能处于 B 细胞分化的哪一阶段？",
       answer={"type": "choice", "options": {"naive_b": "初始 B 细胞", "germinal_center_b": "生发中心 B 细胞",
                                             "plasmablast": "浆母细胞", "plasma_cell": "成熟浆细胞"}},
       traps=[{"key": "mature", "value": "plasma_cell",
               "feedback": "成熟浆细胞不再增殖（Ki-67 低）、核仁通常不明显、CD138 强阳性；"
                           "题中细胞仍在增殖并刚开始合成胞浆免疫球蛋白，是过渡阶段。"}],
       hints=["比较增殖活性：成熟浆细胞是终末分化、几乎不分裂的细胞。",
              "“开始表达胞浆免疫球蛋白”且仍在增殖，说明它介于生发中心 B 细胞与成熟浆细胞之间。"],
       explanation="浆母细胞是生发中心 B 细胞与成熟浆细胞之间的过渡细胞：体积大、核仁可见、增殖活跃，"
                   "已开始合成胞浆免疫球蛋白；成熟浆细胞则 CD19 阴性、CD38 强阳性、CD138 阳性、"
                   "表面免疫球蛋白阴性而胞浆免疫球蛋白阳性，且不再增殖。答案：{answer}。"),
    _p(id="flow-light-chain-restriction", title="读流式图：轻链限制", section=P + "plasma-cell.md", level="进阶",
       compute="flow", figure="flow",
       inputs={"n_events": 20000, "fractions": {"clonal_pc": 0.05, "normal_pc": 0.01, "other": 0.94},
               "clonal_light_chain": "lambda", "seed": 4},
       vignette="一份骨髓标本做多参数流式细胞术（20000 个事件）。在 CD38 强阳性 / CD138 阳性门内共 {n_pc} 个浆细胞，"
                "胞浆轻链染色：κ 阳性 {n_kappa} 个，λ 阳性 {n_lambda} 个（κ:λ = {ratio}）。",
       question="门内浆细胞的轻链分布说明什么？",
       answer={"type": "choice", "options": {"kappa": "κ 限制（克隆性）", "lambda": "λ 限制（克隆性）",
                                             "polyclonal": "多克隆（κ、λ 混合）"}},
       traps=[{"key": "kappa_default", "value": "kappa",
               "feedback": "正常浆细胞中 κ 约占三分之二，但这里 λ 阳性细胞占绝大多数，κ:λ 远低于正常。"}],
       hints=["正常多克隆浆细胞的 κ:λ 大约为 2:1。", "κ:λ 明显低于正常下限，说明哪一种轻链占优势？"],
       explanation="mmlib.models.immunophenotype.gate_plasma_cells 在门内数到 κ {n_kappa} 个、λ {n_lambda} 个，"
                   "κ:λ = {ratio}，远低于正常，判断为 {answer}。单一轻链占优势是单克隆增殖的证据。"),
    # ------------------------------------------------------------------ monoclonality.md
    _p(id="ife-isotype-4410286", title="读免疫固定电泳：M 蛋白的类型", section=P + "monoclonality.md",
       level="基础", seed_problem_id=4410286, compute="ife", figure="ife",
       inputs={"heavy": "IgA", "light": "lambda", "m_spike_g_dl": 2.2},
       vignette="一位患者血清蛋白电泳在 β–γ 区见一条窄带。免疫固定电泳：抗 IgA 泳道与抗 λ 泳道在同一位置出现清晰的窄带；"
                "抗 IgG、抗 IgM 和抗 κ 泳道只见弥散的淡染。",
       question="M 蛋白的类型是什么？",
       answer={"type": "choice", "options": {"IgG κ": "IgG κ", "IgG λ": "IgG λ", "IgA κ": "IgA κ",
                                             "IgA λ": "IgA λ", "IgM κ": "IgM κ", "IgM λ": "IgM λ"}},
       traps=[{"key": "both_light", "value": "IgA κ",
               "feedback": "κ 泳道只有弥散淡染（残余的多克隆免疫球蛋白），没有窄带；只有一种轻链成带，这就是轻链限制。"}],
       hints=["找出在同一位置出现窄带的重链泳道和轻链泳道。", "弥散淡染是多克隆背景，不是 M 蛋白。"],
       explanation="mmlib.models.electrophoresis.read_immunofixation 读出的类型是 {answer}。"
                   "克隆的同种型排斥决定了一个克隆只产生一种轻链，因此只有 λ 泳道成带——轻链限制是单克隆增殖的决定性证据。"),
    _p(id="spep-quantify-spike", title="读蛋白电泳图：估算 M 峰", section=P + "monoclonality.md", level="进阶",
       compute="spep", figure="spep", inputs={"kind": "monoclonal", "m_spike_g_dl": 2.6, "heavy": "IgG",
                                              "light": "kappa"},
       vignette="血清蛋白电泳扫描图按分割点积分：白蛋白 {albumin} g/dL，α1 {alpha1} g/dL，α2 {alpha2} g/dL，"
                "β {beta} g/dL，γ {gamma} g/dL。γ 区中部有一个狭窄、高耸的峰，峰两侧迅速回落到低平的背景。",
       question="用垂直分割法（从峰两侧回落处垂直分割）估算 M 峰的量，单位 g/dL。",
       answer={"type": "number", "unit": "g/dL", "tolerance": 0.3, "analyte": "m_protein", "digits": 2},
       traps=[{"key": "gamma", "feedback": "你报告的是整个 γ 区的面积。M 峰只算窄峰两侧垂直分割线之间的部分，"
                                           "不含窄峰以外的多克隆 γ 球蛋白。"}],
       hints=["M 峰比整个 γ 区窄：不要把 γ 区全部算进去。",
              "峰下面积（含少量多克隆背景）约为 γ 区面积减去峰外的平坦背景。"],
       explanation="mmlib.models.electrophoresis.quantify_m_spike 在峰两侧曲线变平处垂直分割，积分得 M 峰 ≈ {spike} g/dL；"
                   "整个 γ 区为 {gamma} g/dL，其中峰外的部分是被抑制的多克隆免疫球蛋白。"),
    _p(id="spep-polyclonal", title="宽基底的 γ 区升高", section=P + "monoclonality.md", level="基础",
       compute="spep_pattern", figure="spep", inputs={"kind": "polyclonal"},
       vignette="一位慢性肝病患者的血清蛋白电泳：白蛋白 {albumin} g/dL，γ 区 {gamma} g/dL，"
                "γ 区整体抬高、基底宽阔、没有窄峰。",
       question="γ 区的这种改变属于哪一类？",
       answer={"type": "choice", "options": {"monoclonal": "单克隆（M 峰）", "polyclonal": "多克隆高丙种球蛋白血症",
                                             "normal": "正常"}},
       traps=[{"key": "high_gamma", "value": "monoclonal",
               "feedback": "γ 区升高本身不等于 M 蛋白：许多克隆各自产生不同的抗体，迁移率各不相同，形成宽基底的隆起而不是窄峰。"}],
       hints=["单克隆蛋白分子完全相同，迁移到同一位置：峰很窄。", "宽基底说明迁移率各不相同的许多种抗体。"],
       explanation="mmlib.models.electrophoresis.quantify_m_spike 在这份扫描图上找不到窄峰；γ 区 {gamma} g/dL 的宽基底升高"
                   "是多克隆反应（慢性炎症、肝病等）。答案：{answer}。"),
    # ------------------------------------------------------------------ disease-spectrum.md
    _p(id="spectrum-mm-mri-4410328", title="没有 CRAB 的活动性骨髓瘤", section=P + "disease-spectrum.md",
       level="基础", seed_problem_id=4410328, compute="classify",
       inputs={"m_protein_g_dl": 1.8, "bmpc_percent": 12, "mri_lesion_sizes_mm": [8, 11], "calcium_mg_dl": 9.6,
               "creatinine_mg_dl": 0.9, "hemoglobin_g_dl": 12.8, "lytic_lesions": 0,
               "flc_kappa_mg_l": 45, "flc_lambda_mg_l": 12},
       vignette="58 岁男性，无症状，体检发现血清 M 蛋白 {m_protein_g_dl} g/dL。骨髓克隆性浆细胞 {bmpc_percent}%。"
                "血钙 {calcium_mg_dl} mg/dL，肌酐 {creatinine_mg_dl} mg/dL，血红蛋白 {hemoglobin_g_dl} g/dL，"
                "低剂量全身 CT 未见溶骨性病变。全脊柱 MRI 见两处局灶性病变，直径 {mri_lesion_sizes_mm} mm。"
                "血清游离轻链 κ {flc_kappa_mg_l} mg/L、λ {flc_lambda_mg_l} mg/L。既往有高血压，血脂偏高。",
       question="按 IMWG 2014 标准，诊断是什么？", answer=_DX,
       traps=[{"key": "ignored_mde", "value": "smoldering_multiple_myeloma",
               "feedback": "没有 CRAB 不等于冒烟型：MRI 上多于一处 ≥ 5 mm 的局灶性病变是骨髓瘤定义事件（SLiM 的 M），"
                           "加上骨髓克隆性浆细胞达到阈值，即为活动性骨髓瘤。"},
              {"key": "mgus", "value": "mgus", "feedback": "骨髓克隆性浆细胞已达到 MGUS 的上限，不再是 MGUS。"}],
       hints=_DX_HINTS, explanation=_DX_EXPLAIN),
    _p(id="spectrum-mgus-basic", title="MGUS：两个数字都在阈值之下", section=P + "disease-spectrum.md",
       level="基础", compute="classify",
       inputs={"crab_absent": True, "m_protein_g_dl": 2.8, "bmpc_percent": 8, "calcium_mg_dl": 9.4, "creatinine_mg_dl": 0.8,
               "hemoglobin_g_dl": 13.6, "lytic_lesions": 0, "mri_focal_lesions": 0,
               "flc_kappa_mg_l": 30, "flc_lambda_mg_l": 14},
       vignette="66 岁女性，无症状，因血沉增快检查发现血清 M 蛋白 {m_protein_g_dl} g/dL（IgG κ）。骨髓克隆性浆细胞 "
                "{bmpc_percent}%。血钙 {calcium_mg_dl} mg/dL，肌酐 {creatinine_mg_dl} mg/dL，血红蛋白 "
                "{hemoglobin_g_dl} g/dL，全身低剂量 CT 与 MRI 均无病变。游离轻链 κ {flc_kappa_mg_l} mg/L、"
                "λ {flc_lambda_mg_l} mg/L。临床评估无高钙血症、肾功能不全、贫血或骨病变（CRAB 均阴性）。",
       question="按 IMWG 2014 标准，诊断是什么？", answer=_DX,
       traps=[{"key": "smm", "value": "smoldering_multiple_myeloma",
               "feedback": "SMM 需要 M 蛋白或骨髓克隆性浆细胞至少一项达到阈值；本例两项都在阈值之下。"}],
       hints=_DX_HINTS, explanation=_DX_EXPLAIN),
    _p(id="spectrum-smm-units", title="SMM：别把 g/L 的阈值用在 g/dL 上", section=P + "disease-spectrum.md",
       level="基础", compute="classify",
       inputs={"crab_absent": True, "m_protein_g_dl": 3.5, "bmpc_percent": 8, "calcium_mg_dl": 9.8, "creatinine_mg_dl": 1.0,
               "hemoglobin_g_dl": 12.9, "lytic_lesions": 0, "mri_focal_lesions": 0,
               "flc_kappa_mg_l": 60, "flc_lambda_mg_l": 15},
       vignette="61 岁男性，无症状。血清 M 蛋白 {m_protein_g_dl} g/dL，骨髓克隆性浆细胞 {bmpc_percent}%。血钙 "
                "{calcium_mg_dl} mg/dL，肌酐 {creatinine_mg_dl} mg/dL，血红蛋白 {hemoglobin_g_dl} g/dL，"
                "PET-CT 与 MRI 无病变。游离轻链 κ {flc_kappa_mg_l} mg/L、λ {flc_lambda_mg_l} mg/L。"
                "同事说：“M 蛋白 3.5，离 30 还远，是 MGUS。”临床评估无高钙血症、肾功能不全、贫血或骨病变（CRAB 均阴性）。",
       question="按 IMWG 2014 标准，诊断是什么？", answer=_DX,
       traps=[{"key": "g_l_threshold", "value": "mgus",
               "feedback": "这是把以 g/L 表示的阈值（30 g/L）用在了以 g/dL 表示的数值上：3.5 g/dL 即 35 g/L，"
                           "已达到 SMM 的 M 蛋白阈值。比较前先统一单位。"}],
       hints=["同事的比较用了哪个单位的阈值？M 蛋白的单位是什么？"] + _DX_HINTS[2:],
       explanation=_DX_EXPLAIN + "M 蛋白 {m_protein_g_dl} g/dL 达到 SMM 阈值，即使骨髓浆细胞未达阈值也足够。"),
    _p(id="spectrum-mgus-g-l", title="以 g/L 报告的 M 蛋白", section=P + "disease-spectrum.md", level="基础",
       compute="classify",
       inputs={"crab_absent": True, "m_protein_g_l": 28, "bmpc_percent": 6, "calcium_mmol_l": 2.35, "creatinine_umol_l": 80,
               "hemoglobin_g_l": 132, "lytic_lesions": 0, "mri_focal_lesions": 0,
               "flc_kappa_mg_l": 28, "flc_lambda_mg_l": 16},
       vignette="70 岁男性，无症状。化验单：血清 M 蛋白 {m_protein_g_l} g/L，骨髓克隆性浆细胞 {bmpc_percent}%，"
                "血钙 {calcium_mmol_l} mmol/L，肌酐 {creatinine_umol_l} µmol/L，血红蛋白 {hemoglobin_g_l} g/L，"
                "影像学无病变，游离轻链 κ {flc_kappa_mg_l} mg/L、λ {flc_lambda_mg_l} mg/L。临床评估无高钙血症、肾功能不全、贫血或骨病变（CRAB 均阴性）。",
       question="按 IMWG 2014 标准，诊断是什么？", answer=_DX,
       traps=[{"key": "g_dl_threshold", "value": "smoldering_multiple_myeloma",
               "feedback": "这是把以 g/dL 表示的阈值（3 g/dL）用在了以 g/L 表示的数值上：28 g/L 即 2.8 g/dL，"
                           "低于 SMM 的 M 蛋白阈值。"}],
       hints=["化验单用的是国际单位：把阈值也换成 g/L 再比较。"] + _DX_HINTS[2:], explanation=_DX_EXPLAIN),
    _p(id="spectrum-mri-4mm", title="MRI 病变要数几个", section=P + "disease-spectrum.md", level="进阶",
       compute="classify",
       inputs={"crab_absent": True, "m_protein_g_dl": 3.2, "bmpc_percent": 25, "mri_lesion_sizes_mm": [4, 9], "calcium_mg_dl": 9.7,
               "creatinine_mg_dl": 0.9, "hemoglobin_g_dl": 12.4, "lytic_lesions": 0,
               "flc_kappa_mg_l": 120, "flc_lambda_mg_l": 9},
       vignette="63 岁女性，无症状。血清 M 蛋白 {m_protein_g_dl} g/dL，骨髓克隆性浆细胞 {bmpc_percent}%，"
                "血钙 {calcium_mg_dl} mg/dL，肌酐 {creatinine_mg_dl} mg/dL，血红蛋白 {hemoglobin_g_dl} g/dL，"
                "PET-CT 无溶骨性病变。全身 MRI 报告两处局灶性病变，直径分别为 {mri_lesion_sizes_mm} mm。"
                "游离轻链 κ {flc_kappa_mg_l} mg/L、λ {flc_lambda_mg_l} mg/L。临床评估无高钙血症、肾功能不全、贫血或骨病变（CRAB 均阴性）。",
       question="按 IMWG 2014 标准，诊断是什么？", answer=_DX,
       traps=[{"key": "counted_4mm", "value": "multiple_myeloma",
               "feedback": "你把 4 mm 的病变也算进去了。SLiM 的 M 只计直径 ≥ 5 mm 的局灶性病变，且需要多于一处；"
                           "本例只有一处达标，不构成骨髓瘤定义事件。"}],
       hints=["SLiM 的 M 对病变大小有要求。", "数一数直径达到标准的病变有几处；再查受累/非受累轻链比值是否达到 SLiM 的 Li。"],
       explanation=_DX_EXPLAIN),
    _p(id="spectrum-flc-ratio", title="受累/非受累游离轻链比值", section=P + "disease-spectrum.md", level="进阶",
       compute="flc_involved_ratio",
       inputs={"flc_kappa_mg_l": 6.5, "flc_lambda_mg_l": 780, "bmpc_percent": 18, "m_protein_g_dl": 0.9},
       vignette="54 岁男性，血清 M 蛋白 {m_protein_g_dl} g/dL（IgG λ），骨髓克隆性浆细胞 {bmpc_percent}%。"
                "血清游离轻链：κ {flc_kappa_mg_l} mg/L，λ {flc_lambda_mg_l} mg/L。",
       question="计算受累/非受累血清游离轻链比值（无单位）。",
       answer={"type": "number", "unit": "", "tolerance": 1.0, "digits": 1},
       traps=[{"key": "kappa_lambda", "feedback": "你算的是 κ/λ 比值。SLiM 的 Li 用的是受累/非受累比值：本例受累轻链是 λ，"
                                                  "应以 λ 为分子、κ 为分母。"},
              {"key": "dflc", "feedback": "你算的是受累与非受累轻链之差（dFLC），不是比值。"}],
       hints=["先判断受累轻链：M 蛋白的轻链类型或数值明显升高的那一条。", "受累轻链作分子，另一条作分母。"],
       explanation="受累轻链为 {involved}，受累/非受累比值 = {ratio}（mmlib.labs.flc_ratio）；κ/λ 比值为 {kappa_lambda}，"
                   "它在 λ 型疾病中小于 1，不能直接与 SLiM 的阈值比较。"),
    _p(id="spectrum-light-chain-mgus", title="轻链型 MGUS", section=P + "disease-spectrum.md", level="进阶",
       compute="classify",
       inputs={"crab_absent": True, "isotype": "light_chain", "flc_kappa_mg_l": 68, "flc_lambda_mg_l": 11, "bmpc_percent": 5,
               "urine_m_protein_mg_24h": 150, "calcium_mg_dl": 9.5, "creatinine_mg_dl": 0.9,
               "hemoglobin_g_dl": 13.2, "lytic_lesions": 0, "mri_focal_lesions": 0},
       vignette="68 岁男性，因蛋白尿评估。血清免疫固定电泳未见重链，仅见游离 κ 轻链；游离轻链 κ {flc_kappa_mg_l} mg/L、"
                "λ {flc_lambda_mg_l} mg/L。24 小时尿 M 蛋白 {urine_m_protein_mg_24h} mg，骨髓克隆性浆细胞 "
                "{bmpc_percent}%。血钙、肌酐、血红蛋白正常，影像学无病变。临床评估无高钙血症、肾功能不全、贫血或骨病变（CRAB 均阴性）。",
       question="按 IMWG 2014 标准，诊断是什么？", answer=_DX,
       traps=[{"key": "abnormal_ratio_is_mm", "value": "multiple_myeloma",
               "feedback": "κ/λ 比值异常只说明有克隆；受累/非受累比值远未达到 SLiM 的阈值，又没有 CRAB，不是骨髓瘤。"}],
       hints=["没有重链、只有游离轻链：想到轻链型疾病的专门标准。", "比较 κ/λ 比值、尿 M 蛋白和骨髓浆细胞与轻链型 MGUS 的标准。"],
       explanation=_DX_EXPLAIN),
    _p(id="spectrum-plasmacytoma", title="孤立性浆细胞瘤", section=P + "disease-spectrum.md", level="进阶",
       compute="classify",
       inputs={"crab_absent": True, "biopsy_proven_plasmacytoma": True, "bmpc_percent": 0, "lytic_lesions": 1, "mri_focal_lesions": 0,
               "m_protein_g_dl": 0.4, "calcium_mg_dl": 9.3, "creatinine_mg_dl": 0.8, "hemoglobin_g_dl": 13.8,
               "flc_kappa_mg_l": 22, "flc_lambda_mg_l": 15},
       vignette="49 岁男性，胸椎疼痛。CT 引导活检证实第 9 胸椎单一溶骨性病灶为克隆性浆细胞瘤；全身 MRI 未见其他病变。"
                "骨髓活检未见克隆性浆细胞（{bmpc_percent}%）。血清 M 蛋白 {m_protein_g_dl} g/dL，血钙、肌酐、血红蛋白正常。临床评估无高钙血症、肾功能不全、贫血或骨病变（CRAB 均阴性）。",
       question="按 IMWG 2014 标准，诊断是什么？", answer=_DX,
       traps=[{"key": "lytic_is_crab", "value": "multiple_myeloma",
               "feedback": "活检证实的浆细胞瘤本身就是那一处骨病变；骨髓无克隆性浆细胞、只有一处病变时，"
                           "它不被当作 CRAB 的 B 项，诊断为孤立性浆细胞瘤。"}],
       hints=["骨髓里有没有克隆性浆细胞？", "IMWG 的脚注：浆细胞瘤伴骨髓浆细胞未达标准时，骨病变要多于一处才算 B。"],
       explanation=_DX_EXPLAIN),
    _p(id="spectrum-bmpc-60", title="骨髓浆细胞 ≥ 60%", section=P + "disease-spectrum.md", level="基础",
       compute="classify",
       inputs={"bmpc_percent": 65, "m_protein_g_dl": 2.1, "calcium_mg_dl": 9.9, "creatinine_mg_dl": 1.0,
               "hemoglobin_g_dl": 11.6, "lytic_lesions": 0, "mri_focal_lesions": 0,
               "flc_kappa_mg_l": 80, "flc_lambda_mg_l": 12},
       vignette="60 岁女性，无症状。血清 M 蛋白 {m_protein_g_dl} g/dL，骨髓克隆性浆细胞 {bmpc_percent}%，"
                "血钙 {calcium_mg_dl} mg/dL，肌酐 {creatinine_mg_dl} mg/dL，血红蛋白 {hemoglobin_g_dl} g/dL，"
                "影像学无病变。",
       question="按 IMWG 2014 标准，诊断是什么？", answer=_DX,
       traps=[{"key": "no_crab_smm", "value": "smoldering_multiple_myeloma",
               "feedback": "骨髓克隆性浆细胞达到 SLiM 的 S 阈值本身就是骨髓瘤定义事件，不需要 CRAB。"}],
       hints=_DX_HINTS, explanation=_DX_EXPLAIN),
    _p(id="smm-imwg2020-score", title="SMM 的 IMWG 2020 风险评分", section=P + "disease-spectrum.md",
       level="综合", compute="imwg2020",
       inputs={"m_protein_g_dl": 2.5, "flc_kappa_mg_l": 300, "flc_lambda_mg_l": 10, "bmpc_percent": 25,
               "t4_14": True, "t14_16": False, "gain_1q": False, "del13q": False},
       vignette="59 岁女性，诊断 SMM。血清 M 蛋白 {m_protein_g_dl} g/dL，游离轻链 κ {flc_kappa_mg_l} mg/L、"
                "λ {flc_lambda_mg_l} mg/L，骨髓克隆性浆细胞 {bmpc_percent}%。FISH：t(4;14) 阳性，"
                "t(14;16)、1q 增益、del(13q) 阴性。",
       question="计算 IMWG 2020 风险评分并判断风险组。",
       answer={"type": "score_group"},
       traps=[{"key": "kappa_lambda_points", "value": "group=low_intermediate",
               "feedback": "分数偏低：检查是否每一项都按受累/非受累比值、M 蛋白和骨髓浆细胞的分档给分，"
                           "并加上 FISH 异常的分数。"}],
       hints=["四项分别计分：受累/非受累 FLC 比值、M 蛋白、骨髓浆细胞、FISH 异常。", "分档的下界是“大于”：恰在分界点上的值属于较低一档。",
              "把总分与分组界值比较。"],
       explanation="mmlib.risk.smm_imwg2020：FLC 比值 {pts_flc_ratio} 分，M 蛋白 {pts_m_protein} 分，骨髓浆细胞 {pts_bmpc} 分，"
                   "FISH 异常 {pts_fish_abnormality} 分，总分 {score}，属{group}（原始队列 2 年进展率约 {progression}%）。"),
    # ------------------------------------------------------------------ end-organ-damage.md
    _p(id="crab-items-basic", title="逐项判断 CRAB", section=P + "end-organ-damage.md", level="基础",
       compute="crab_items",
       inputs={"calcium_mg_dl": 11.6, "creatinine_mg_dl": 1.1, "age_years": 64, "sex": "male", "weight_kg": 75,
               "hemoglobin_g_dl": 11.5, "hemoglobin_lln_g_dl": 13.5, "lytic_lesions": 0, "mri_focal_lesions": 0},
       vignette="64 岁男性，体重 {weight_kg} kg。血钙 {calcium_mg_dl} mg/dL，肌酐 {creatinine_mg_dl} mg/dL，"
                "血红蛋白 {hemoglobin_g_dl} g/dL（正常下限 {hemoglobin_lln_g_dl} g/dL），低剂量全身 CT 与 MRI 未见病变。"
                "空腹血糖 6.1 mmol/L。",
       question="CRAB 四项中哪些成立？", answer=_CRAB,
       traps=[{"key": "anemia_mild", "value": "+A",
               "feedback": "血红蛋白 11.5 g/dL 虽低于正常，但未达到 CRAB 的贫血标准（绝对值或低于 LLN 的幅度）。"}],
       hints=["每一项都是“数值 + 比较符 + 阈值”。", "没有 LLN/ULN 时，用绝对阈值判断。"],
       explanation="mmlib.diagnosis.crab 的结论：成立的项为 {items}。"),
    _p(id="crab-full-case", title="化验单上的 CRAB（国际单位）", section=P + "end-organ-damage.md", level="综合",
       compute="crab_items",
       inputs={"calcium_mmol_l": 2.9, "creatinine_umol_l": 150, "age_years": 78, "sex": "female", "weight_kg": 48,
               "hemoglobin_g_l": 104, "hemoglobin_lln_g_l": 115, "lytic_lesions": 3},
       vignette="78 岁女性，体重 {weight_kg} kg，腰背痛 2 个月。血钙 {calcium_mmol_l} mmol/L，肌酐 "
                "{creatinine_umol_l} µmol/L，血红蛋白 {hemoglobin_g_l} g/L（实验室正常下限 {hemoglobin_lln_g_l} g/L），"
                "PET-CT 见 {lytic_lesions} 处溶骨性病变。尿酸 420 µmol/L，ALT 正常。",
       question="CRAB 四项中哪些成立？（肾功能用 Cockcroft–Gault 估算肌酐清除率。）", answer=_CRAB,
       traps=[{"key": "missed_r", "value": "-R",
               "feedback": "只看肌酐会漏掉 R：肌酐未超过阈值，但高龄、低体重的患者 Cockcroft–Gault 清除率已低于 40 mL/min。"},
              {"key": "anemia_absolute", "value": "+A",
               "feedback": "血红蛋白未低于绝对阈值，低于 LLN 的幅度也未超过标准；A 不成立。"}],
       hints=["R 有两条途径：肌酐或肌酐清除率。", "先把肌酐换成 mg/dL，再代入 Cockcroft–Gault 公式（女性乘 0.85）。"],
       explanation="mmlib.diagnosis.crab 的结论：成立的项为 {items}。"),
    # ------------------------------------------------------------------ bone-calcium.md
    _p(id="crab-thresholds-4410334", title="C、R、A 三项的阈值", section=P + "bone-calcium.md", level="进阶",
       seed_problem_id=4410334, compute="crab_items",
       inputs={"calcium_mg_dl": 10.9, "calcium_uln_mg_dl": 10.2, "creatinine_mg_dl": 2.3,
               "hemoglobin_g_dl": 10.8, "hemoglobin_lln_g_dl": 13.5, "lytic_lesions": 0, "mri_focal_lesions": 0},
       vignette="一位新诊断浆细胞疾病的患者：血钙 {calcium_mg_dl} mg/dL（正常上限 {calcium_uln_mg_dl} mg/dL），"
                "肌酐 {creatinine_mg_dl} mg/dL，血红蛋白 {hemoglobin_g_dl} g/dL（正常下限 {hemoglobin_lln_g_dl} g/dL），"
                "影像学未见骨病变。",
       question="按 IMWG 对高钙血症、肾功能不全和贫血的定义，CRAB 中哪些项成立？", answer=_CRAB,
       traps=[{"key": "c_above_uln", "value": "+C",
               "feedback": "血钙高于正常上限，但只高出 {ca_over_uln} mg/dL：C 要求高出 ULN 的幅度 {c_rule_uln}，或绝对值 {c_rule_abs}。"},
              {"key": "a_missed", "value": "-A",
               "feedback": "血红蛋白未达到绝对阈值（{a_rule_abs}），但比正常下限低了 {hb_below_lln} g/dL，满足低于 LLN 的幅度 {a_rule_lln}，A 成立。"}],
       hints=["C 和 A 各有两条途径：绝对阈值，或与实验室正常界限的差值。", "分别算血钙高出 ULN 多少、血红蛋白低于 LLN 多少。"],
       explanation="mmlib.diagnosis.crab 的结论：成立的项为 {items}。血钙 {calcium_mg_dl} mg/dL 只比 ULN 高 {ca_over_uln} mg/dL；"
                   "肌酐 {creatinine_mg_dl} mg/dL 超过阈值；血红蛋白比 LLN 低 {hb_below_lln} g/dL。"),
    _p(id="corrected-calcium-4410309", title="白蛋白校正钙", section=P + "bone-calcium.md", level="基础",
       seed_problem_id=4410309, compute="corrected_ca", inputs={"calcium_mg_dl": 10.4, "albumin_g_l": 25},
       vignette="一位骨髓瘤患者血清总钙 {calcium_mg_dl} mg/dL，白蛋白 {albumin_g_l} g/L。",
       question="计算白蛋白校正钙（mg/dL）。",
       answer={"type": "number", "unit": "mg/dL", "tolerance": 0.1, "analyte": "calcium", "digits": 2},
       traps=[{"key": "albumin_unit", "feedback": "你把以 g/L 表示的白蛋白直接代入了以 g/dL 为单位的公式："
                                                  "{albumin_g_l} g/L 是 {albumin} g/dL，先换算再计算。"},
              {"key": "measured", "feedback": "这是实测总钙，尚未校正。"}],
       hints=["公式：校正钙 = 实测钙 + {per} ×（{ref} − 白蛋白 g/dL）。", "白蛋白的单位是 g/L，先换算成 g/dL。"],
       explanation="校正钙 = {measured} + {per} ×（{ref} − {albumin}）= {corrected} mg/dL（mmlib.labs.corrected_calcium）。"
                   "低白蛋白时，实测总钙会低估离子钙；但 CRAB 的 C 仍按实测总钙判断。"),
    _p(id="crab-c-measured-calcium", title="C 项用实测钙还是校正钙", section=P + "bone-calcium.md", level="进阶",
       compute="crab_c", inputs={"calcium_mg_dl": 10.6, "albumin_g_dl": 2.4, "calcium_uln_mg_dl": 10.2},
       vignette="一位骨髓瘤患者血清总钙 {calcium_mg_dl} mg/dL（正常上限 {calcium_uln_mg_dl} mg/dL），白蛋白 "
                "{albumin_g_dl} g/dL；按公式算出的白蛋白校正钙为 {corrected} mg/dL。",
       question="按 IMWG 2014（mmlib 的实现），CRAB 的 C 项是否成立？", answer=_YES_NO,
       traps=[{"key": "used_corrected", "value": "yes",
               "feedback": "你用了校正钙。IMWG 的 C 项按实测血清总钙判断：{calcium_mg_dl} mg/dL 既未超过 11 mg/dL，"
                           "高出 ULN 也未超过 1 mg/dL。校正钙供临床参考，可以提示需要测离子钙。"}],
       hints=["C 项比较的是哪一个数值？", "实测钙 {calcium_mg_dl} mg/dL 与两条阈值分别比较。"],
       explanation="mmlib.diagnosis.crab 用实测总钙判断 C：结论为 {answer}。校正钙 {corrected} mg/dL 提示离子钙可能升高，"
                   "应测离子钙，但不替代 C 项的定义。"),
    _p(id="calcium-boundary-mmol", title="恰好在阈值上", section=P + "bone-calcium.md", level="基础",
       compute="crab_c", inputs={"calcium_mmol_l": 2.75, "calcium_uln_mmol_l": 2.6},
       vignette="一位骨髓瘤患者血清总钙 {calcium_mmol_l} mmol/L（实验室正常上限 {calcium_uln_mmol_l} mmol/L）。",
       question="CRAB 的 C 项是否成立？", answer=_YES_NO,
       traps=[{"key": "boundary", "value": "yes",
               "feedback": "阈值是“大于 2.75 mmol/L”，恰好等于阈值不满足。"}],
       hints=["注意比较符：大于，还是大于等于？", "再看另一条途径：高出正常上限的幅度。"],
       explanation="C 的绝对阈值是严格的“大于”；{calcium_mmol_l} mmol/L 恰在阈值上，高出正常上限也只有 0.15 mmol/L，"
                   "mmlib.diagnosis.crab 判为 {answer}。"),
    # ------------------------------------------------------------------ renal.md
    _p(id="crcl-4410338", title="Cockcroft–Gault 肌酐清除率", section=P + "renal.md", level="基础",
       seed_problem_id=4410338, compute="crcl",
       inputs={"age_years": 72, "sex": "female", "weight_kg": 52, "creatinine_mg_dl": 1.6},
       vignette="72 岁女性骨髓瘤患者，体重 {weight_kg} kg，血清肌酐 {creatinine_mg_dl} mg/dL。",
       question="用 Cockcroft–Gault 公式估算肌酐清除率（mL/min）。",
       answer={"type": "number", "unit": "mL/min", "tolerance": 1.0, "digits": 1},
       traps=[{"key": "no_female_factor", "feedback": "你忘了女性的校正系数 {female_factor}。"}],
       hints=["公式：(140 − 年龄) × 体重 /（{cg_constant} × 肌酐 mg/dL），女性再乘 {female_factor}。",
              "代入：(140 − {age_years}) × {weight_kg} /（{cg_constant} × {creatinine_mg_dl}）。"],
       explanation="CrCl = (140 − {age_years}) × {weight_kg} /（{cg_constant} × {scr_mg_dl}）× {female_factor} = {crcl} mL/min"
                   "（mmlib.labs.cockcroft_gault）。肌酐只比正常略高，但清除率已低于 CRAB 的 R 阈值。"),
    _p(id="crcl-umol", title="肌酐以 µmol/L 报告时", section=P + "renal.md", level="进阶", compute="crcl",
       inputs={"age_years": 68, "sex": "male", "weight_kg": 60, "creatinine_umol_l": 160},
       vignette="68 岁男性，体重 {weight_kg} kg，血清肌酐 {creatinine_umol_l} µmol/L。",
       question="用 Cockcroft–Gault 公式估算肌酐清除率（mL/min）。",
       answer={"type": "number", "unit": "mL/min", "tolerance": 1.0, "digits": 1},
       traps=[{"key": "umol_unconverted", "feedback": "你把 µmol/L 的数值直接代入了以 mg/dL 为单位的公式；"
                                                      "先除以 {umol_per_mg} 换算成 mg/dL。"},
              {"key": "no_female_factor", "feedback": "男性不乘 {female_factor}。"}],
       hints=["这个公式的肌酐单位是 mg/dL。", "{creatinine_umol_l} µmol/L ÷ {umol_per_mg} ≈ {scr_mg_dl} mg/dL。"],
       explanation="肌酐 {creatinine_umol_l} µmol/L = {scr_mg_dl} mg/dL；CrCl = (140 − {age_years}) × {weight_kg} /"
                   "（{cg_constant} × {scr_mg_dl}）= {crcl} mL/min（mmlib.labs.cockcroft_gault）。"),
    _p(id="urine-ph-cast", title="尿 pH 与管型形成", section=P + "renal.md", level="进阶", compute="urine_ph",
       inputs={"sequence": "ILLUSTRATIVE_VL", "options": ["5.0", "6.5", "8.0"]},
       vignette="某患者的单克隆游离轻链（本书 notebook 中的示意序列）等电点约为 {pi}。它在 pH 5.0、6.5、8.0 时的净电荷"
                "分别约为 {z_5_0}、{z_6_5}、{z_8_0}。",
       question="在哪一个尿 pH 下，这条轻链最容易与 Tamm-Horsfall 蛋白聚集成管型？",
       answer={"type": "choice", "options": {"5.0": "pH 5.0", "6.5": "pH 6.5", "8.0": "pH 8.0"}},
       traps=[{"key": "alkaline", "value": "8.0",
               "feedback": "碱性尿使这条轻链带更多负电荷，与同样带负电的 Tamm-Horsfall 蛋白互相排斥，反而不易结合成管型。"}],
       hints=["Tamm-Horsfall 蛋白带负电：轻链带的负电越多，两者越互相排斥。", "净电荷最接近零的 pH 是哪一个？"],
       explanation="mmlib.models.cast_nephropathy.net_charge：三个 pH 中净电荷绝对值最小的是 pH {answer}，最接近等电点 {pi}；"
                   "此时轻链几乎不带负电，不再受同样带负电的 Tamm-Horsfall 蛋白排斥，最容易与之结合聚集。"
                   "脱水使小管液减少、轻链浓度升高，进一步促进管型形成。"),
    _p(id="renal-egfr-vs-crcl", title="eGFR 与 Cockcroft–Gault", section=P + "renal.md", level="综合",
       compute="ckd_epi", inputs={"age_years": 80, "sex": "female", "weight_kg": 45, "creatinine_mg_dl": 1.3},
       vignette="80 岁女性，体重 {weight_kg} kg，血清肌酐 {creatinine_mg_dl} mg/dL。Cockcroft–Gault 估算的肌酐清除率为 "
                "{crcl} mL/min。",
       question="用 CKD-EPI 2021（不含种族系数）计算 eGFR（mL/min/1.73 m²）。",
       answer={"type": "number", "unit": "mL/min/1.73 m²", "tolerance": 1.5, "digits": 1},
       traps=[{"key": "used_cockcroft_gault", "feedback": "这是 Cockcroft–Gault 清除率。CKD-EPI 不用体重，"
                                                          "结果以 1.73 m² 体表面积标化。"}],
       hints=["CKD-EPI 2021 用肌酐、年龄、性别，不用体重。", _CKD_EPI_FEMALE_HINT],
       explanation="mmlib.labs.ckd_epi_2021 给出 eGFR = {egfr} mL/min/1.73 m²，而 Cockcroft–Gault 为 {crcl} mL/min："
                   "低体重的高龄患者两者差别很大。IMWG 的 R 项写的是肌酐清除率。"),
    # ------------------------------------------------------------------ anemia.md
    _p(id="anemia-mechanisms-4410269", title="贫血的三种机制", section=P + "anemia.md", level="综合",
       seed_problem_id=4410269, compute="anemia",
       inputs={"hemoglobin_g_dl": 8.2, "bmpc_percent": 40, "ferritin_ng_ml": 600,
               "transferrin_saturation_percent": 10, "creatinine_mg_dl": 2.8, "epo_miu_ml": 6},
       vignette="一位骨髓瘤患者血红蛋白 {hemoglobin_g_dl} g/dL，骨髓浆细胞浸润 {bmpc_percent}%。铁蛋白 "
                "{ferritin_ng_ml} ng/mL，转铁蛋白饱和度 {transferrin_saturation_percent}%。肌酐 "
                "{creatinine_mg_dl} mg/dL，EPO {epo_miu_ml} mIU/mL。",
       question="这位患者的贫血有哪些机制参与？", answer={"type": "set", "options": "anemia"},
       traps=[{"key": "ferritin_high", "value": "-functional_iron_deficiency",
               "feedback": "铁蛋白高并不排除铁缺乏：铁调素把铁锁在巨噬细胞里，转铁蛋白饱和度低说明红系可用的铁不足。"},
              {"key": "epo_normal", "value": "-inappropriately_low_epo",
               "feedback": "EPO 数值在“正常范围”，但对这么重的贫血来说太低了；肾功能受损是主要原因。"}],
       hints=["三组数据分别对应一种机制：骨髓、铁、肾与 EPO。", "铁蛋白与转铁蛋白饱和度的方向为什么相反？",
              "贫血越重，EPO 本应越高。"],
       explanation="mmlib.mechanisms.anemia_mechanisms 找到的机制：{answer}。"),
    _p(id="anemia-a-criterion", title="A 项：两条途径", section=P + "anemia.md", level="基础", compute="crab_items",
       inputs={"hemoglobin_g_dl": 10.4, "hemoglobin_lln_g_dl": 12.0, "calcium_mg_dl": 9.5, "calcium_uln_mg_dl": 10.2,
               "creatinine_mg_dl": 1.0, "age_years": 58, "sex": "female", "weight_kg": 62,
               "lytic_lesions": 0, "mri_focal_lesions": 0},
       vignette="{age_years} 岁女性，体重 {weight_kg} kg。血红蛋白 {hemoglobin_g_dl} g/dL（正常下限 {hemoglobin_lln_g_dl} g/dL），"
                "血钙 {calcium_mg_dl} mg/dL（正常上限 {calcium_uln_mg_dl} mg/dL），肌酐 {creatinine_mg_dl} mg/dL，影像学无骨病变。",
       question="CRAB 四项中哪些成立？", answer=_CRAB,
       traps=[{"key": "a_low", "value": "+A",
               "feedback": "血红蛋白低于正常，但未低于 10 g/dL，低于 LLN 的幅度也只有 1.6 g/dL，A 不成立。"}],
       hints=["A 的两条途径：绝对值，或低于 LLN 的幅度。"],
       explanation="mmlib.diagnosis.crab：成立的项为 {items}。"),
    _p(id="hepcidin-iron", title="IL-6、铁调素与铁", section=P + "anemia.md", level="进阶", compute="hepcidin",
       inputs={"il6_low": 2.0, "il6_high": 20.0},
       vignette="骨髓瘤微环境分泌大量 IL-6。本书的铁代谢模型中，IL-6 从 {il6_low} pg/mL 升高到 {il6_high} pg/mL。",
       question="肝脏合成的铁调素会怎样变化？",
       answer={"type": "choice", "options": {"up": "升高（膜铁转运蛋白被内化，铁被锁在巨噬细胞中）",
                                             "down": "降低（铁释放增加）"}},
       traps=[{"key": "iron_deficiency_lowers", "value": "down",
               "feedback": "单纯缺铁时铁调素会降低；但在炎症中 IL-6 直接诱导铁调素升高，这正是功能性铁缺乏的原因。"}],
       hints=["IL-6 通过 JAK–STAT3 作用于肝细胞。", "铁调素升高 → 膜铁转运蛋白降解 → 铁出不来。"],
       explanation="模型（mmlib.models.iron.hepcidin_relative）中铁调素升高约 {fold} 倍；铁调素使膜铁转运蛋白内化降解，"
                   "铁蛋白正常或升高而转铁蛋白饱和度降低。"),
    # ------------------------------------------------------------------ microenvironment.md
    _p(id="ecm-4808641", title="细胞外基质的作用", section=P + "microenvironment.md", level="基础",
       seed_problem_id=4808641, compute="given", inputs={"answer": "both"},
       vignette="骨髓瘤细胞黏附在骨髓细胞外基质（ECM）的纤连蛋白上后，对化疗药物的敏感性下降；"
                "同时，ECM 中储存的细胞因子在局部维持高浓度。",
       question="下列哪一项最准确地描述 ECM 在骨髓瘤中的作用？",
       answer={"type": "choice", "options": {
           "scaffold": "只是惰性的支架，为细胞提供附着位置",
           "integrin": "只通过整合素直接传递生存信号",
           "reservoir": "只作为细胞因子的蓄水池",
           "both": "既通过整合素等受体直接传递生存信号，又储存并呈递细胞因子和生长因子"}},
       traps=[{"key": "inert", "value": "scaffold", "feedback": "ECM 不是惰性的：黏附本身就会激活生存信号（黏附介导的耐药）。"}],
       hints=["题中描述了两个现象：黏附后耐药、局部细胞因子浓度高。"],
       explanation="ECM 是动态的信号平台：整合素介导的黏附直接传递生存信号，ECM 又像蓄水池一样储存并呈递细胞因子。答案：{answer}。"),
    # ------------------------------------------------------------------ genetics.md
    _p(id="genetics-4808665", title="从分子表型推断遗传事件", section=P + "genetics.md", level="综合",
       seed_problem_id=4808665, compute="given", inputs={"answer": "t4_14_1q"},
       vignette="一个骨髓瘤克隆：FGFR3 与 MMSET（NSD2）高表达，H3K36me2 水平高；cyclin D1 水平正常；DNA 损伤后 p21 仍能被诱导；"
                "CKS1B 与 MCL1 高表达。",
       question="最可能的遗传事件组合是什么？",
       answer={"type": "choice", "options": {"t4_14_1q": "t(4;14) 合并 1q 增益", "t11_14": "t(11;14)",
                                             "t4_14_del17p": "t(4;14) 合并 del(17p)", "hyperdiploid": "超二倍体"}},
       traps=[{"key": "tp53", "value": "t4_14_del17p",
               "feedback": "DNA 损伤后 p21 仍能被诱导，说明 TP53 功能完整，不支持 del(17p)。"},
              {"key": "ccnd1", "value": "t11_14", "feedback": "t(11;14) 使 cyclin D1 高表达；本例 cyclin D1 正常。"}],
       hints=["FGFR3 和 MMSET 同时高表达来自哪一个 IGH 易位？", "CKS1B 与 MCL1 都位于哪一条染色体臂？", "p21 能被诱导说明什么？"],
       explanation="FGFR3/MMSET 高表达与 H3K36me2 升高指向 t(4;14)；CKS1B、MCL1 位于 1q21，高表达提示 1q 增益；"
                   "p21 可诱导说明 TP53 通路完整。答案：{answer}。mmlib.mechanisms.infer_genetic_events 对同一表型给出同样的推断。"),
    _p(id="r2iss-points", title="R2-ISS 计分", section=A + "staging.md", level="进阶", compute="r2iss_points",
       inputs={"beta2m_mg_l": 4.2, "albumin_g_dl": 3.2, "ldh_u_l": 310, "ldh_uln_u_l": 250, "del17p": False,
               "t4_14": True, "gain_1q": True, "amp_1q": False},
       vignette="新诊断骨髓瘤患者：β2 微球蛋白 {beta2m_mg_l} mg/L，白蛋白 {albumin_g_dl} g/dL，LDH {ldh_u_l} U/L"
                "（正常上限 {ldh_uln_u_l} U/L）。FISH：t(4;14) 阳性，1q 增益阳性，del(17p) 阴性。",
       question="计算 R2-ISS 总分。", answer={"type": "number", "unit": "", "tolerance": 0.0, "digits": 1},
       traps=[{"key": "integer_1q", "feedback": "1q 增益在 R2-ISS 中计 {r2_gain_or_amp_1q} 分，不是 1 分。"}],
       hints=["R2-ISS 的计分：ISS II {r2_iss_ii} 分、ISS III {r2_iss_iii} 分，del(17p) {r2_del17p} 分，"
              "LDH 升高 {r2_ldh_high} 分，t(4;14) {r2_t4_14} 分，1q+ {r2_gain_or_amp_1q} 分。",
              "先确定 ISS 分期。"],
       explanation="mmlib.staging.r2iss：总分 {points}，属 R2-ISS {stage} 期。"),
    # ------------------------------------------------------------------ therapy.md (principles)
    _p(id="proteasome-double-hit-4410281", title="蛋白酶体抑制的“双重打击”", section=P + "therapy.md",
       level="基础", seed_problem_id=4410281, compute="given", inputs={"answer": "double_hit"},
       vignette="蛋白酶体抑制剂使骨髓瘤细胞内错误折叠的免疫球蛋白堆积，未折叠蛋白反应持续激活；"
                "同时 PERK 通路抑制全局翻译。",
       question="为什么骨髓瘤细胞比大多数正常细胞对蛋白酶体抑制剂更敏感？",
       answer={"type": "choice", "options": {
           "dna": "药物直接损伤 DNA",
           "double_hit": "持续的 UPR 激活促凋亡程序，同时翻译抑制耗尽 MCL1 等短半衰期抗凋亡蛋白",
           "receptor": "药物阻断了 IL-6 受体",
           "division": "骨髓瘤细胞分裂更快，因而更易受损"}},
       traps=[{"key": "proliferation", "value": "division",
               "feedback": "许多骨髓瘤细胞增殖并不快；敏感性来自巨大的免疫球蛋白合成负荷与对 MCL1 的依赖。"}],
       hints=["想一想骨髓瘤细胞每天要合成多少免疫球蛋白。", "MCL1 的半衰期很短。"],
       explanation="“双重打击”：一方面终末 UPR 激活促凋亡程序，另一方面翻译被抑制、MCL1 等抗凋亡蛋白得不到补充。答案：{answer}。"),
    _p(id="proteasome-ic50", title="模型中的药物敏感性", section=P + "therapy.md", level="进阶",
       compute="proteasome", inputs={},
       vignette="本书的蛋白酶体抑制模型中有两种细胞：免疫球蛋白合成负荷很高的骨髓瘤细胞，与负荷低的正常细胞。",
       question="哪一种细胞的半数抑制浓度（IC50）更低？",
       answer={"type": "choice", "options": {"myeloma": "骨髓瘤细胞", "normal": "正常细胞"}},
       hints=["合成负荷越高，蛋白酶体的“余量”越小。"],
       explanation="mmlib.models.proteasome.ic50：骨髓瘤细胞 {ic50_myeloma} nM，正常细胞 {ic50_normal} nM，"
                   "相差约 {fold} 倍。答案：{answer}。"),
    _p(id="drug-targets-principles", title="药物与靶点配对", section=P + "therapy.md", level="基础",
       compute="given",
       inputs={"answer": {"bortezomib": "proteasome", "lenalidomide": "cereblon", "daratumumab": "CD38",
                          "venetoclax": "BCL2"}},
       vignette="四种药物：硼替佐米（bortezomib）、来那度胺（lenalidomide）、达雷妥尤单抗（daratumumab）、"
                "维奈克拉（venetoclax）。",
       question="把每种药物与它的主要分子靶点配对（键为药物英文名，值为靶点代码）。",
       answer={"type": "match", "options": _TARGETS},
       traps=[{"key": "imid_cd38", "value": "lenalidomide=proteasome",
               "feedback": "来那度胺不是蛋白酶体抑制剂：它结合 cereblon，使 IKZF1/IKZF3 被泛素化降解。"}],
       hints=["“-zomib”是蛋白酶体抑制剂的词尾。", "“-mab”是单克隆抗体；“-clax”是 BCL-2 抑制剂。"],
       explanation="答案：{answer}。"),
    # ------------------------------------------------------------------ applications: diagnosis.md
    _p(id="dx-full-case", title="完整病例：诊断", section=A + "diagnosis.md", level="综合", compute="classify",
       inputs={"isotype": "IgA", "light_chain": "lambda", "m_protein_g_l": 21, "bmpc_percent": 35,
               "calcium_mmol_l": 2.45, "creatinine_umol_l": 95, "age_years": 65, "sex": "male", "weight_kg": 70,
               "hemoglobin_g_l": 98, "lytic_lesions": 3, "flc_kappa_mg_l": 9, "flc_lambda_mg_l": 240},
       vignette="65 岁男性，腰痛 3 个月。血清 IgA λ 型 M 蛋白 {m_protein_g_l} g/L，骨髓克隆性浆细胞 {bmpc_percent}%。"
                "血钙 {calcium_mmol_l} mmol/L，肌酐 {creatinine_umol_l} µmol/L，血红蛋白 {hemoglobin_g_l} g/L，"
                "PET-CT 见 {lytic_lesions} 处溶骨性病变。游离轻链 κ {flc_kappa_mg_l} mg/L、λ {flc_lambda_mg_l} mg/L。"
                "既往 2 型糖尿病，HbA1c 7.2%。",
       question="按 IMWG 2014 标准，诊断是什么？", answer=_DX,
       traps=[{"key": "m_low", "value": "smoldering_multiple_myeloma",
               "feedback": "M 蛋白未达到 SMM 阈值并不重要：已有 CRAB（贫血、骨病变），又有克隆性骨髓浆细胞，即为活动性骨髓瘤。"}],
       hints=_DX_HINTS, explanation=_DX_EXPLAIN),
    _p(id="dx-light-chain-smm", title="轻链型疾病与尿 M 蛋白", section=A + "diagnosis.md", level="进阶",
       compute="classify",
       inputs={"crab_absent": True, "isotype": "light_chain", "flc_kappa_mg_l": 180, "flc_lambda_mg_l": 9, "bmpc_percent": 14,
               "urine_m_protein_mg_24h": 650, "calcium_mg_dl": 9.4, "creatinine_mg_dl": 0.9,
               "hemoglobin_g_dl": 12.8, "lytic_lesions": 0, "mri_focal_lesions": 0},
       vignette="57 岁女性，无症状。免疫固定电泳仅见游离 κ 轻链；游离轻链 κ {flc_kappa_mg_l} mg/L、λ {flc_lambda_mg_l} mg/L。"
                "24 小时尿 M 蛋白 {urine_m_protein_mg_24h} mg，骨髓克隆性浆细胞 {bmpc_percent}%。血钙、肌酐、血红蛋白正常，"
                "MRI 与 CT 无病变。临床评估无高钙血症、肾功能不全、贫血或骨病变（CRAB 均阴性）。",
       question="按 IMWG 2014 标准，诊断是什么？", answer=_DX,
       traps=[{"key": "lc_mgus", "value": "light_chain_mgus",
               "feedback": "轻链型 MGUS 要求骨髓浆细胞和尿 M 蛋白都低于阈值；本例两项都已达到冒烟型的标准。"},
              {"key": "ratio_is_li", "value": "multiple_myeloma",
               "feedback": "受累/非受累比值 20，未达到 SLiM 的 Li 阈值（≥ 100）。"}],
       hints=["先算受累/非受累比值，判断是否达到 SLiM 的 Li。"] + _DX_HINTS[2:], explanation=_DX_EXPLAIN),
    _p(id="dx-li-myeloma", title="游离轻链比值作为骨髓瘤定义事件", section=A + "diagnosis.md", level="进阶",
       compute="classify",
       inputs={"m_protein_g_dl": 1.2, "flc_kappa_mg_l": 4, "flc_lambda_mg_l": 520, "bmpc_percent": 22,
               "calcium_mg_dl": 9.6, "creatinine_mg_dl": 1.0, "hemoglobin_g_dl": 12.5, "lytic_lesions": 0,
               "mri_focal_lesions": 0},
       vignette="62 岁男性，无症状。血清 IgG λ M 蛋白 {m_protein_g_dl} g/dL，游离轻链 κ {flc_kappa_mg_l} mg/L、"
                "λ {flc_lambda_mg_l} mg/L，骨髓克隆性浆细胞 {bmpc_percent}%。血钙、肌酐、血红蛋白正常，影像学无病变。",
       question="按 IMWG 2014 标准，诊断是什么？", answer=_DX,
       traps=[{"key": "kappa_lambda_li", "value": "smoldering_multiple_myeloma",
               "feedback": "κ/λ 比值（约 0.008）小于 1，看上去“不高”；但 Li 用的是受累/非受累比值：λ/κ = 130，"
                           "且受累轻链 ≥ 100 mg/L，是骨髓瘤定义事件。"}],
       hints=["受累轻链是哪一条？", "受累/非受累比值和受累轻链的绝对值都要看。"], explanation=_DX_EXPLAIN),
    # ------------------------------------------------------------------ applications: staging.md
    _p(id="iss-stage-iii", title="ISS 分期", section=A + "staging.md", level="基础", compute="iss",
       inputs={"beta2m_mg_l": 6.1, "albumin_g_dl": 3.8},
       vignette="新诊断骨髓瘤患者：β2 微球蛋白 {beta2m_mg_l} mg/L，白蛋白 {albumin_g_dl} g/dL。",
       question="ISS 分期是几期？", answer={"type": "stage", "options": "iss"},
       traps=[{"key": "albumin_ok", "value": "stage=I",
               "feedback": "白蛋白正常并不能抵消 β2 微球蛋白：β2M 达到 III 期阈值时无论白蛋白如何都是 III 期。"}],
       hints=["先看 β2 微球蛋白是否达到 III 期的阈值。"],
       explanation="mmlib.staging.iss：{answer}。"),
    _p(id="iss-albumin-g-l", title="ISS：白蛋白以 g/L 报告", section=A + "staging.md", level="基础", compute="iss",
       inputs={"beta2m_mg_l": 3.1, "albumin_g_l": 38},
       vignette="新诊断骨髓瘤患者：β2 微球蛋白 {beta2m_mg_l} mg/L，白蛋白 {albumin_g_l} g/L。",
       question="ISS 分期是几期？", answer={"type": "stage", "options": "iss"},
       traps=[{"key": "units", "value": "stage=II",
               "feedback": "白蛋白 38 g/L 即 3.8 g/dL，达到 I 期的要求；β2M 也低于 3.5 mg/L。"}],
       hints=["I 期要求 β2M 低于 3.5 mg/L 且白蛋白 ≥ 3.5 g/dL（35 g/L）。"],
       explanation="mmlib.staging.iss：{answer}。"),
    _p(id="riss-stage", title="R-ISS 分期", section=A + "staging.md", level="进阶", compute="riss",
       inputs={"beta2m_mg_l": 4.0, "albumin_g_dl": 3.2, "ldh_u_l": 200, "ldh_uln_u_l": 250, "del17p": False,
               "t4_14": False, "t14_16": False},
       vignette="新诊断骨髓瘤患者：β2 微球蛋白 {beta2m_mg_l} mg/L，白蛋白 {albumin_g_dl} g/dL，LDH {ldh_u_l} U/L"
                "（正常上限 {ldh_uln_u_l} U/L）。FISH：del(17p)、t(4;14)、t(14;16) 均阴性。",
       question="R-ISS 分期是几期？", answer={"type": "stage", "options": "iss"},
       traps=[{"key": "riss_i", "value": "stage=I",
               "feedback": "R-ISS I 期要求 ISS I 期；本例 β2M 与白蛋白对应 ISS II 期。"}],
       hints=["先算 ISS，再看 LDH 和高危 FISH。"], explanation="mmlib.staging.riss：{answer}。"),
    _p(id="r2iss-stage", title="R2-ISS 分期", section=A + "staging.md", level="综合", compute="r2iss",
       inputs={"beta2m_mg_l": 6.0, "albumin_g_dl": 3.0, "ldh_u_l": 300, "ldh_uln_u_l": 250, "del17p": True,
               "t4_14": False, "gain_1q": True, "amp_1q": False},
       vignette="新诊断骨髓瘤患者：β2 微球蛋白 {beta2m_mg_l} mg/L，白蛋白 {albumin_g_dl} g/dL，LDH {ldh_u_l} U/L"
                "（正常上限 {ldh_uln_u_l} U/L）。FISH：del(17p) 阳性，1q 增益阳性，t(4;14) 阴性。",
       question="R2-ISS 分期是几期？", answer={"type": "stage", "options": "r2iss"},
       traps=[{"key": "riss_cap", "value": "stage=III",
               "feedback": "R2-ISS 有四期：本例总分超过 III 期的上限，属 IV 期。"}],
       hints=["把各项分数相加：ISS III {r2_iss_iii} 分，del(17p) {r2_del17p} 分，LDH 升高 {r2_ldh_high} 分，"
              "1q+ {r2_gain_or_amp_1q} 分。"],
       explanation="mmlib.staging.r2iss：总分 {points}，{answer}。"),
    # ------------------------------------------------------------------ applications: therapy.md
    _p(id="drug-targets-applications", title="新药与靶点", section=A + "therapy.md", level="基础", compute="given",
       inputs={"answer": {"carfilzomib": "proteasome", "pomalidomide": "cereblon", "elotuzumab": "SLAMF7",
                          "teclistamab": "BCMA", "selinexor": "XPO1"}},
       vignette="五种药物：卡非佐米（carfilzomib）、泊马度胺（pomalidomide）、埃罗妥珠单抗（elotuzumab）、"
                "特立妥单抗（teclistamab，双特异性抗体）、塞利尼索（selinexor）。",
       question="把每种药物与它的主要分子靶点配对（键为药物英文名，值为靶点代码）。",
       answer={"type": "match", "options": _TARGETS},
       traps=[{"key": "teclistamab_cd38", "value": "teclistamab=CD38",
               "feedback": "特立妥单抗一端结合 BCMA，另一端结合 T 细胞的 CD3；靶向 CD38 的是达雷妥尤单抗等。"}],
       hints=["双特异性抗体在骨髓瘤细胞一侧结合的是 BCMA。", "塞利尼索阻断核输出。"],
       explanation="答案：{answer}。"),
    _p(id="therapy-mab-class", title="单克隆抗体的作用方式", section=A + "therapy.md", level="基础",
       compute="given", inputs={"answer": "cd38"},
       vignette="一种治疗骨髓瘤的人源化单克隆抗体结合浆细胞表面高表达的一种糖蛋白，通过补体依赖的细胞毒、"
                "抗体依赖的细胞毒和吞噬作用清除骨髓瘤细胞。该抗原在成熟浆细胞上强表达（流式设门时常用它圈出浆细胞）。",
       question="它最可能针对哪个抗原？",
       answer={"type": "choice", "options": {"cd38": "CD38", "cd20": "CD20", "cd19": "CD19", "cd3": "CD3"}},
       traps=[{"key": "cd20", "value": "cd20", "feedback": "浆细胞已下调 CD20（和 CD19），抗 CD20 抗体对骨髓瘤细胞基本无效。"}],
       hints=["回忆浆细胞的典型免疫表型：CD19 阴性，CD38 强阳性，CD138 阳性。"], explanation="答案：{answer}。"),
    # ------------------------------------------------------------------ applications: resistance.md
    _p(id="resistance-crbn", title="免疫调节药物耐药", section=A + "resistance.md", level="进阶", compute="given",
       inputs={"answer": "crbn"},
       vignette="一位患者长期使用来那度胺后疾病进展。测序发现骨髓瘤细胞 CRBN 基因失活突变，其表达显著降低。",
       question="这一改变最直接导致哪类药物失效？",
       answer={"type": "choice", "options": {"crbn": "免疫调节药物（来那度胺、泊马度胺）",
                                             "pi": "蛋白酶体抑制剂", "cd38": "抗 CD38 抗体", "bcl2": "BCL-2 抑制剂"}},
       traps=[{"key": "pi", "value": "pi", "feedback": "蛋白酶体抑制剂不需要 cereblon；cereblon 是免疫调节药物结合的底物受体。"}],
       hints=["免疫调节药物通过哪一个蛋白使 IKZF1/IKZF3 降解？"], explanation="答案：{answer}。"),
    _p(id="resistance-bcma-loss", title="靶抗原丢失", section=A + "resistance.md", level="进阶", compute="given",
       inputs={"answer": "bcma"},
       vignette="一位患者接受 BCMA 导向的 CAR-T 治疗后复发。复发时骨髓瘤细胞流式检测 BCMA 阴性，基因检测见 TNFRSF17 双等位缺失。",
       question="复发最可能的机制是什么？",
       answer={"type": "choice", "options": {"bcma": "靶抗原 BCMA 丢失（抗原逃逸）", "crbn": "cereblon 失活",
                                             "mdr": "药物外排泵上调", "tp53": "TP53 缺失"}},
       hints=["TNFRSF17 编码哪一个蛋白？"], explanation="TNFRSF17 编码 BCMA；双等位缺失使肿瘤细胞失去靶抗原。答案：{answer}。"),
    # ------------------------------------------------------------------ applications: response-mrd.md
    _p(id="response-percent-reduction", title="M 蛋白下降百分比", section=A + "response-mrd.md", level="基础",
       compute="m_reduction",
       inputs={"baseline": {"m_protein_g_dl": 4.2}, "current": {"m_protein_g_dl": 1.8}},
       vignette="一位骨髓瘤患者治疗前血清 M 蛋白 {baseline_m_protein_g_dl} g/dL，治疗 4 个周期后 {current_m_protein_g_dl} g/dL。",
       question="M 蛋白较基线下降了百分之多少？（答数字，单位 %）",
       answer={"type": "number", "unit": "%", "tolerance": 0.5, "digits": 1},
       traps=[{"key": "remaining", "feedback": "这是剩余的百分比（当前值 / 基线），不是下降的百分比。"},
              {"key": "from_current", "feedback": "分母应是基线值，而不是当前值。"}],
       hints=["下降百分比 =（基线 − 当前）/ 基线 × 100。"],
       explanation="（{baseline_m_protein_g_dl} − {current_m_protein_g_dl}）/ {baseline_m_protein_g_dl} × 100 = {fall}%；"
                   "mmlib.response.assess_response 据此判为 {category}。"),
    _p(id="response-vgpr", title="疗效分类：VGPR 还是 PR", section=A + "response-mrd.md", level="进阶",
       compute="response",
       inputs={"baseline": {"m_protein_g_dl": 4.0, "urine_m_protein_mg_24h": 120},
               "current": {"m_protein_g_dl": 0.35, "urine_m_protein_mg_24h": 30}},
       vignette="治疗前血清 M 蛋白 {baseline_m_protein_g_dl} g/dL，24 小时尿 M 蛋白 {baseline_urine_m_protein_mg_24h} mg；"
                "治疗后血清 M 蛋白 {current_m_protein_g_dl} g/dL，24 小时尿 M 蛋白 {current_urine_m_protein_mg_24h} mg；"
                "免疫固定电泳仍阳性，未做骨髓检查。",
       question="按 IMWG 2016，疗效类别是什么？", answer=_RESP,
       traps=[{"key": "pr", "value": "PR", "feedback": "下降已超过 90%（约 91%），达到 VGPR 的标准。"},
              {"key": "cr", "value": "CR", "feedback": "免疫固定电泳仍阳性，不能判为 CR。"}],
       hints=["先算下降百分比。", "VGPR 要求血清 M 蛋白下降 ≥ 90%。"], explanation="mmlib.response.assess_response：{answer}。"),
    _p(id="response-trajectory-pd", title="读疗效轨迹：进展", section=A + "response-mrd.md", level="综合",
       compute="response",
       inputs={"baseline": {"m_protein_g_dl": 3.6}, "nadir": {"m_protein_g_dl": 0.8},
               "current": {"m_protein_g_dl": 1.4}},
       vignette="一位患者的血清 M 蛋白轨迹：基线 {baseline_m_protein_g_dl} g/dL，最低值 {nadir_m_protein_g_dl} g/dL，"
                "本次复查 {current_m_protein_g_dl} g/dL（两次复查一致）。",
       question="按 IMWG 2016，当前的疗效类别是什么？", answer=_RESP,
       traps=[{"key": "vs_baseline", "value": "PR",
               "feedback": "你和基线比较了：相对基线仍下降 61%。但判断进展要与最低值比较：升高 75% 且绝对升高 0.6 g/dL，"
                           "满足疾病进展。"}],
       hints=["判断进展时的参照是哪一个值？", "相对最低值升高 ≥ 25%，且绝对升高 ≥ 0.5 g/dL。"],
       explanation="mmlib.response.assess_response 先检查进展：相对最低值 {nadir_m_protein_g_dl} g/dL 升高 0.6 g/dL（75%），"
                   "判为 {answer}。"),
    _p(id="response-flc-only", title="仅游离轻链可测的疗效", section=A + "response-mrd.md", level="进阶",
       compute="response",
       inputs={"baseline": {"flc_kappa_mg_l": 500, "flc_lambda_mg_l": 5},
               "current": {"flc_kappa_mg_l": 40, "flc_lambda_mg_l": 5}},
       vignette="一位轻链型骨髓瘤患者，血清和尿中都没有可测的 M 蛋白。游离轻链：基线 κ {baseline_flc_kappa_mg_l} mg/L、"
                "λ {baseline_flc_lambda_mg_l} mg/L；治疗后 κ {current_flc_kappa_mg_l} mg/L、λ {current_flc_lambda_mg_l} mg/L。",
       question="按 IMWG 2016，疗效类别是什么？", answer=_RESP,
       traps=[{"key": "kappa_only", "value": "PR",
               "feedback": "按受累与非受累轻链之差（dFLC）计算：从 495 降到 35 mg/L，下降超过 90%，达到 VGPR。"}],
       hints=["只有游离轻链可测时，用 dFLC（受累 − 非受累）判断。"],
       explanation="mmlib.response.assess_response：{answer}。"),
    # ------------------------------------------------------------------ applications: interdisciplinary.md
    _p(id="corrected-calcium-si", title="校正钙（国际单位）", section=A + "interdisciplinary.md", level="基础",
       compute="corrected_ca", inputs={"calcium_mmol_l": 2.55, "albumin_g_l": 25},
       vignette="一位骨髓瘤患者（肾内科会诊）血清总钙 {calcium_mmol_l} mmol/L，白蛋白 {albumin_g_l} g/L。",
       question="计算白蛋白校正钙（mmol/L）。",
       answer={"type": "number", "unit": "mmol/L", "tolerance": 0.03, "analyte": "calcium", "digits": 2},
       traps=[{"key": "albumin_unit", "feedback": "国际单位公式里白蛋白用 g/L：校正钙 = 钙 + {per} ×（{ref} − 白蛋白 g/L）。"},
              {"key": "measured", "feedback": "这是实测总钙，尚未校正。"}],
       hints=["国际单位公式：校正钙 = 钙 mmol/L + {per} ×（{ref} − 白蛋白 g/L）。"],
       explanation="校正钙 = {measured} + {per} ×（{ref} − {albumin}）= {corrected} mmol/L（mmlib.labs.corrected_calcium）。"),
    _p(id="interdisciplinary-crcl-imaging", title="肾功能与影像检查", section=A + "interdisciplinary.md",
       level="综合", compute="crcl", inputs={"age_years": 75, "sex": "male", "weight_kg": 58, "creatinine_umol_l": 190},
       vignette="75 岁男性骨髓瘤患者，体重 {weight_kg} kg，肌酐 {creatinine_umol_l} µmol/L。放射科询问能否进行含碘造影剂增强 CT。",
       question="先估算 Cockcroft–Gault 肌酐清除率（mL/min），作为与放射科讨论的依据。",
       answer={"type": "number", "unit": "mL/min", "tolerance": 1.0, "digits": 1},
       traps=[{"key": "umol_unconverted", "feedback": "先把 µmol/L 除以 {umol_per_mg} 换算成 mg/dL。"},
              {"key": "no_female_factor", "feedback": "男性不乘 {female_factor}。"}],
       hints=["肌酐换算：µmol/L ÷ {umol_per_mg} = mg/dL。"],
       explanation="肌酐 {scr_mg_dl} mg/dL，CrCl = {crcl} mL/min（mmlib.labs.cockcroft_gault）；低于 CRAB 的 R 阈值。"
                   "骨髓瘤患者的影像学评估常选不需要含碘造影剂的低剂量全身 CT、MRI 或 PET-CT。"),
]
