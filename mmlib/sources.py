"""The published sources behind every criterion, formula and model parameter.

Each constant, rule and model in :mod:`mmlib` names one of these keys; the
book's 参考文献 page is rendered from this registry, so a reference is written
exactly once.

>>> SOURCES["imwg2014"].short
'Rajkumar 2014'
>>> SOURCES["imwg2014"].doi
'10.1016/S1470-2045(14)70442-5'
>>> source("no-such-paper")
Traceback (most recent call last):
...
mmlib.errors.MMLibError: 未知文献键 'no-such-paper'。 / Unknown source key 'no-such-paper'.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import MMLibError

__all__ = ["Source", "SOURCES", "source"]


@dataclass(frozen=True)
class Source:
    """One published source.

    ``short`` is the author–year label used in traces and on the pages;
    ``citation`` is the full reference in the Vancouver style.
    """

    key: str
    short: str
    citation: str
    doi: str | None = None
    topic: str = ""

    @property
    def url(self) -> str | None:
        """The DOI as a resolvable address (for the references page)."""
        return f"https://doi.org/{self.doi}" if self.doi else None


def _s(key: str, short: str, citation: str, doi: str | None, topic: str) -> Source:
    return Source(key=key, short=short, citation=citation, doi=doi, topic=topic)


_ALL = [
    # --- diagnosis -------------------------------------------------------
    _s("imwg2014", "Rajkumar 2014",
       "Rajkumar SV, Dimopoulos MA, Palumbo A, et al. International Myeloma Working Group updated "
       "criteria for the diagnosis of multiple myeloma. Lancet Oncol. 2014;15(12):e538–e548.",
       "10.1016/S1470-2045(14)70442-5", "IMWG 2014 诊断标准：MGUS、SMM、MM、CRAB 与 SLiM"),
    _s("imwg2021pcl", "Fernández de Larrea 2021",
       "Fernández de Larrea C, Kyle R, Rosiñol L, et al. Primary plasma cell leukemia: consensus definition "
       "by the International Myeloma Working Group according to peripheral blood plasma cell percentage. "
       "Blood Cancer J. 2021;11(12):192.",
       "10.1038/s41408-021-00587-0", "IMWG 2021 原发性浆细胞白血病定义（外周血浆细胞比例）"),
    # --- staging ---------------------------------------------------------
    _s("iss2005", "Greipp 2005",
       "Greipp PR, San Miguel J, Durie BGM, et al. International staging system for multiple myeloma. "
       "J Clin Oncol. 2005;23(15):3412–3420.",
       "10.1200/JCO.2005.04.242", "ISS 分期"),
    _s("riss2015", "Palumbo 2015",
       "Palumbo A, Avet-Loiseau H, Oliva S, et al. Revised International Staging System for multiple "
       "myeloma: a report from International Myeloma Working Group. J Clin Oncol. 2015;33(26):2863–2869.",
       "10.1200/JCO.2015.61.2267", "R-ISS 分期"),
    _s("r2iss2022", "D'Agostino 2022",
       "D'Agostino M, Cairns DA, Lahuerta JJ, et al. Second Revision of the International Staging System "
       "(R2-ISS) for overall survival in multiple myeloma: a European Myeloma Network (EMN) report within "
       "the HARMONY project. J Clin Oncol. 2022;40(29):3406–3418.",
       "10.1200/JCO.21.02614", "R2-ISS 分期"),
    # --- smoldering myeloma and MGUS risk -------------------------------
    _s("mayo2018smm", "Lakshman 2018",
       "Lakshman A, Rajkumar SV, Buadi FK, et al. Risk stratification of smoldering multiple myeloma "
       "incorporating revised IMWG diagnostic criteria. Blood Cancer J. 2018;8(6):59.",
       "10.1038/s41408-018-0077-4", "SMM 的 Mayo 2018 “20/2/20” 风险模型"),
    _s("imwg2020smm", "Mateos 2020",
       "Mateos MV, Kumar S, Dimopoulos MA, et al. International Myeloma Working Group risk stratification "
       "model for smoldering multiple myeloma (SMM). Blood Cancer J. 2020;10(10):102.",
       "10.1038/s41408-020-00366-3", "SMM 的 IMWG 2020 风险评分"),
    _s("rajkumar2022smm", "Rajkumar 2022",
       "Rajkumar SV, Kumar S, Lonial S, Mateos MV. Smoldering multiple myeloma current treatment "
       "algorithms. Blood Cancer J. 2022;12(9):129.",
       "10.1038/s41408-022-00719-0", "SMM 风险评分的积分表"),
    _s("mayo2005mgus", "Rajkumar 2005",
       "Rajkumar SV, Kyle RA, Therneau TM, et al. Serum free light chain ratio is an independent risk "
       "factor for progression in monoclonal gammopathy of undetermined significance. Blood. "
       "2005;106(3):812–817.",
       "10.1182/blood-2005-03-1038", "MGUS 进展风险的 Mayo 模型"),
    _s("kyle2002mgus", "Kyle 2002",
       "Kyle RA, Therneau TM, Rajkumar SV, et al. A long-term study of prognosis in monoclonal gammopathy "
       "of undetermined significance. N Engl J Med. 2002;346(8):564–569.",
       "10.1056/NEJMoa01133202", "MGUS 的长期进展率"),
    _s("kyle2007smm", "Kyle 2007",
       "Kyle RA, Remstein ED, Therneau TM, et al. Clinical course and prognosis of smoldering "
       "(asymptomatic) multiple myeloma. N Engl J Med. 2007;356(25):2582–2590.",
       "10.1056/NEJMoa070389", "SMM 随时间递减的分段进展率"),
    # --- cytogenetics ----------------------------------------------------
    _s("chng2014", "Chng 2014",
       "Chng WJ, Dispenzieri A, Chim CS, et al. IMWG consensus on risk stratification in multiple "
       "myeloma. Leukemia. 2014;28(2):269–277.",
       "10.1038/leu.2013.247", "IMWG 2014 分子危险分层"),
    _s("sonneveld2016", "Sonneveld 2016",
       "Sonneveld P, Avet-Loiseau H, Lonial S, et al. Treatment of multiple myeloma with high-risk "
       "cytogenetics: a consensus of the International Myeloma Working Group. Blood. "
       "2016;127(24):2955–2962.",
       "10.1182/blood-2016-01-631200", "经典的 IMWG 高危细胞遗传学"),
    _s("ims2025highrisk", "Avet-Loiseau 2025",
       "Avet-Loiseau H, Davies FE, Samur MK, et al. International Myeloma Society/International Myeloma "
       "Working Group consensus recommendations on the definition of high-risk multiple myeloma. "
       "J Clin Oncol. 2025;43(24):2739–2751.",
       "10.1200/JCO-24-01893", "IMS/IMWG 2025 高危定义"),
    # --- response ----------------------------------------------------------
    _s("imwg2016response", "Kumar 2016",
       "Kumar S, Paiva B, Anderson KC, et al. International Myeloma Working Group consensus criteria for "
       "response and minimal residual disease assessment in multiple myeloma. Lancet Oncol. "
       "2016;17(8):e328–e346.",
       "10.1016/S1470-2045(16)30206-6", "IMWG 2016 疗效与 MRD 标准"),
    # --- laboratory --------------------------------------------------------
    _s("cockcroft1976", "Cockcroft 1976",
       "Cockcroft DW, Gault MH. Prediction of creatinine clearance from serum creatinine. Nephron. "
       "1976;16(1):31–41.",
       "10.1159/000180580", "Cockcroft–Gault 肌酐清除率"),
    _s("ckdepi2021", "Inker 2021",
       "Inker LA, Eneanya ND, Coresh J, et al. New creatinine- and cystatin C-based equations to estimate "
       "GFR without race. N Engl J Med. 2021;385(19):1737–1749.",
       "10.1056/NEJMoa2102953", "CKD-EPI 2021 eGFR"),
    _s("imwg2016renal", "Dimopoulos 2016",
       "Dimopoulos MA, Sonneveld P, Leung N, et al. International Myeloma Working Group recommendations "
       "for the diagnosis and management of myeloma-related renal impairment. J Clin Oncol. "
       "2016;34(13):1544–1557.",
       "10.1200/JCO.2015.65.0044", "骨髓瘤肾损害：推荐用 CKD-EPI 评估肾功能"),
    _s("payne1973", "Payne 1973",
       "Payne RB, Little AJ, Williams RB, Milner JR. Interpretation of serum calcium in patients with "
       "abnormal serum proteins. Br Med J. 1973;4(5893):643–646.",
       "10.1136/bmj.4.5893.643", "白蛋白校正钙"),
    _s("katzmann2002", "Katzmann 2002",
       "Katzmann JA, Clark RJ, Abraham RS, et al. Serum reference intervals and diagnostic ranges for free "
       "kappa and free lambda immunoglobulin light chains: relative sensitivity for detection of "
       "monoclonal light chains. Clin Chem. 2002;48(9):1437–1444.",
       "10.1093/clinchem/48.9.1437", "血清游离轻链参考范围"),
    # The renal κ/λ range 0.37–3.1 comes from the CKD cohort paper (CJASN), not from the BMC Nephrol paper
    # on severe renal failure; DOI left empty until checked against the journal.
    _s("hutchison2008", "Hutchison 2008",
       "Hutchison CA, Harding S, Hewins P, et al. Quantitative assessment of serum and urinary polyclonal "
       "free light chains in patients with chronic kidney disease. Clin J Am Soc Nephrol. 2008;3(6):1684–1690.",
       None, "慢性肾脏病患者的多克隆游离轻链：肾功能不全时的 κ/λ 比值参考范围"),
    # --- teaching models ---------------------------------------------------
    _s("komarova2003", "Komarova 2003",
       "Komarova SV, Smith RJ, Dixon SJ, Sims SM, Wahl LM. Mathematical model predicts a critical role "
       "for osteoclast autocrine regulation in the control of bone remodeling. Bone. 2003;33(2):206–215.",
       "10.1016/S8756-3282(03)00157-1", "破骨–成骨耦联的常微分方程模型"),
    _s("ayati2010", "Ayati 2010",
       "Ayati BP, Edwards CM, Webb GF, Wikswo JP. A mathematical model of bone remodeling dynamics for "
       "normal bone cell populations and myeloma bone disease. Biol Direct. 2010;5:28.",
       "10.1186/1745-6150-5-28", "骨髓瘤骨病的骨重塑模型"),
    _s("kozlowski2016", "Kozlowski 2016",
       "Kozlowski LP. IPC – Isoelectric Point Calculator. Biol Direct. 2016;11:55.",
       "10.1186/s13062-016-0159-9", "等电点计算与 pKa 参数集"),
    _s("nemeth2004", "Nemeth 2004",
       "Nemeth E, Rivera S, Gabayan V, et al. IL-6 mediates hypoferremia of inflammation by inducing the "
       "synthesis of the iron regulatory hormone hepcidin. J Clin Invest. 2004;113(9):1271–1276.",
       "10.1172/JCI20945", "IL-6 诱导铁调素"),
    _s("obeng2006", "Obeng 2006",
       "Obeng EA, Carlson LM, Gutman DM, et al. Proteasome inhibitors induce a terminal unfolded protein "
       "response in multiple myeloma cells. Blood. 2006;107(12):4907–4916.",
       "10.1182/blood-2005-08-3531", "蛋白酶体抑制剂诱导终末 UPR"),
    # --- mechanisms (risk / cytogenetics / anaemia helper) ------------------
    _s("morgan2012", "Morgan 2012",
       "Morgan GJ, Walker BA, Davies FE. The genetic architecture of multiple myeloma. Nat Rev Cancer. "
       "2012;12(5):335–348.",
       "10.1038/nrc3257", "骨髓瘤的原发性与继发性遗传学事件"),
    _s("beguin1992", "Beguin 1992",
       "Beguin Y, Yerna M, Loo M, Weber M, Fillet G. Erythropoiesis in multiple myeloma: defective red cell "
       "production due to inappropriate erythropoietin production. Br J Haematol. 1992;82(4):648–653.",
       "10.1111/j.1365-2141.1992.tb06939.x", "骨髓瘤贫血中 EPO 分泌相对于贫血程度不足"),
    _s("ludwig2015", "Ludwig 2015",
       "Ludwig H, Evstatiev R, Kornek G, et al. Iron metabolism and iron supplementation in cancer patients. "
       "Wien Klin Wochenschr. 2015;127(23–24):907–919.",
       "10.1007/s00508-015-0842-3", "肿瘤患者功能性铁缺乏的定义（转铁蛋白饱和度与铁蛋白）"),
    _s("bianchi2009", "Bianchi 2009",
       "Bianchi G, Oliva L, Cascio P, et al. The proteasome load versus capacity balance determines apoptotic "
       "sensitivity of multiple myeloma cells to proteasome inhibition. Blood. 2009;113(13):3040–3049.",
       None, "蛋白酶体负荷与容量之比决定骨髓瘤细胞对蛋白酶体抑制剂的敏感性"),
]

SOURCES: dict[str, Source] = {s.key: s for s in _ALL}


def source(key: str) -> Source:
    """Return the source registered under ``key``; an unknown key is an error.

    >>> source("iss2005").short
    'Greipp 2005'
    """
    try:
        return SOURCES[key]
    except KeyError:
        raise MMLibError(f"未知文献键 '{key}'。", f"Unknown source key '{key}'.", field="source", value=key) from None
