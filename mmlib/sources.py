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
    pmid: str | None = None
    note: str = ""
    web: str | None = None

    def __post_init__(self) -> None:
        if not (self.doi or self.pmid or self.web):
            raise MMLibError(f"文献 '{self.key}' 缺少 DOI、PubMed 号或出版方网址。",
                             f"Source '{self.key}' has no DOI, PubMed id or publisher address.",
                             field="source", value=self.key)

    @property
    def url(self) -> str | None:
        """The DOI as a resolvable address (for the references page)."""
        return f"https://doi.org/{self.doi}" if self.doi else None

    @property
    def pubmed_url(self) -> str | None:
        """The PubMed record's address, when the PubMed id is known.

        >>> SOURCES["hutchison2008"].pubmed_url
        'https://pubmed.ncbi.nlm.nih.gov/18808676/'
        """
        return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/" if self.pmid else None


def _s(key: str, short: str, citation: str, doi: str | None, topic: str, *, pmid: str | None = None,
       note: str = "", web: str | None = None) -> Source:
    return Source(key=key, short=short, citation=citation, doi=doi, topic=topic, pmid=pmid, note=note, web=web)


# Identifiers checked against stored PubMed/PMC/publisher pages (December 2026): every PubMed id below, the
# DOIs of ims2025highrisk, chng2014, hutchison2008, long2022, ying2001, mercadal2014, nencioni2005, sanmiguel2014,
# raje2018, dosani2015, lopes2021, dispenzieri2010, ludwig2015, beguin1992 and the publisher addresses of
# bianchi2009, obeng2006 and munshi2011.  For rajkumar2022smm, imwg2016renal, komarova2003 and morgan2012
# the reference itself was confirmed but not the DOI string.
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
    _s("kyle2003igm", "Kyle 2003",
       "Kyle RA, Therneau TM, Rajkumar SV, et al. Long-term follow-up of IgM monoclonal gammopathy of "
       "undetermined significance. Semin Oncol. 2003;30(2):169–171.",
       None, "IgM 型 MGUS 进展为淋巴瘤或相关疾病：平均每年约 1.5%", pmid="12720130"),
    _s("dispenzieri2010", "Dispenzieri 2010",
       "Dispenzieri A, Katzmann JA, Kyle RA, et al. Prevalence and risk of progression of light-chain "
       "monoclonal gammopathy of undetermined significance: a retrospective population-based cohort study. "
       "Lancet. 2010;375(9727):1721–1728.",
       "10.1016/S0140-6736(10)60482-5", "轻链型 MGUS 的患病率与进展率", pmid="20472173",
       note="勘误：Lancet. 2010;376(9738):332，DOI 10.1016/S0140-6736(10)61186-5。"),
    _s("kyle2007smm", "Kyle 2007",
       "Kyle RA, Remstein ED, Therneau TM, et al. Clinical course and prognosis of smoldering "
       "(asymptomatic) multiple myeloma. N Engl J Med. 2007;356(25):2582–2590.",
       "10.1056/NEJMoa070389", "SMM 随时间递减的分段进展率（终点：活动性骨髓瘤或淀粉样变性）"),
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
       "10.1200/JCO-24-01893", "IMS/IMWG 2025 高危定义", pmid="40489728",
       note="勘误：J Clin Oncol. 2025;43(22):2553，DOI 10.1200/JCO-25-01367（PMID 40561387）。"),
    _s("munshi2011", "Munshi 2011",
       "Munshi NC, Anderson KC, Bergsagel PL, et al. Consensus recommendations for risk stratification in "
       "multiple myeloma: report of the International Myeloma Workshop Consensus Panel 2. Blood. "
       "2011;117(18):4696–4700.",
       None, "2009 年国际骨髓瘤研讨会的危险分层：核型检出的 13 号染色体缺失为高危，仅 FISH 检出者不是",
       web="https://ashpublications.org/blood/article/117/18/4696/21294/"),
    # --- response ----------------------------------------------------------
    _s("imwg2016response", "Kumar 2016",
       "Kumar S, Paiva B, Anderson KC, et al. International Myeloma Working Group consensus criteria for "
       "response and minimal residual disease assessment in multiple myeloma. Lancet Oncol. "
       "2016;17(8):e328–e346.",
       "10.1016/S1470-2045(16)30206-6", "IMWG 2016 疗效与 MRD 标准"),
    _s("floresmontero2017", "Flores-Montero 2017",
       "Flores-Montero J, Sanoja-Flores L, Paiva B, et al. Next Generation Flow for highly sensitive and "
       "standardized detection of minimal residual disease in multiple myeloma. Leukemia. "
       "2017;31(10):2094–2103.",
       "10.1038/leu.2017.29", "EuroFlow 新一代流式（NGF）检测骨髓瘤 MRD"),
    _s("ching2020", "Ching 2020",
       "Ching T, Duncan ME, Newman-Eerkes T, et al. Analytical evaluation of the clonoSEQ Assay for "
       "establishing measurable (minimal) residual disease in acute lymphoblastic leukemia, chronic "
       "lymphocytic leukemia, and multiple myeloma. BMC Cancer. 2020;20(1):612.",
       "10.1186/s12885-020-07077-9", "clonoSEQ 测序法 MRD 的分析性能"),
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
       "10.1093/clinchem/48.9.1437", "血清游离轻链参考范围", pmid="12194920"),
    # The renal κ/λ range 0.37–3.1 is printed (and tested against the standard range) in this BMC Nephrol
    # paper on dialysis-dependent renal failure (checked against its PubMed record).
    _s("hutchison2008", "Hutchison 2008",
       "Hutchison CA, Plant T, Drayson M, et al. Serum free light chain measurement aids the diagnosis of "
       "myeloma in patients with severe renal failure. BMC Nephrol. 2008;9:11.",
       "10.1186/1471-2369-9-11", "肾功能不全时的 κ/λ 比值参考范围 0.37–3.1", pmid="18808676"),
    # The switch to the renal range below 60 mL/min/1.73 m² is this book's convention (CKD G3–G5); Long 2022
    # is the largest cohort that evaluated the 0.37–3.10 range in exactly that population (eGFR < 60).
    _s("long2022", "Long 2022",
       "Long TE, Indridason OS, Palsson R, et al. Defining new reference intervals for serum free light "
       "chains in individuals with chronic kidney disease: results of the iStopMM study. Blood Cancer J. "
       "2022;12(9).",
       "10.1038/s41408-022-00732-3", "eGFR < 60 mL/min/1.73 m² 人群中的游离轻链参考范围（本书据此在该界值切换到肾脏参考范围）"),
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
       "10.1182/blood-2005-08-3531", "蛋白酶体抑制剂诱导终末 UPR",
       web="https://ashpublications.org/blood/article/107/12/4907/129315/"),
    _s("ying2001", "Ying 2001",
       "Ying WZ, Sanders PW. Mapping the binding domain of immunoglobulin light chains for Tamm-Horsfall "
       "protein. Am J Pathol. 2001;158(5):1859–1866.",
       "10.1016/S0002-9440(10)64142-9", "轻链 CDR3 与 Tamm–Horsfall 蛋白（尿调素）结合：管型形成的核心步骤",
       pmid="11337384"),
    _s("mercadal2014", "Mercadal 2014",
       "Mercadal L, Metzger M, Haymann JP, et al. The relation of hepcidin to iron disorders, inflammation "
       "and hemoglobin in chronic kidney disease. PLoS One. 2014;9(6):e99781.",
       "10.1371/journal.pone.0099781", "慢性肾脏病中的铁调素、铁指标与炎症"),
    _s("nencioni2005", "Nencioni 2005",
       "Nencioni A, Hua F, Dillon CP, et al. Evidence for a protective role of Mcl-1 in proteasome "
       "inhibitor-induced apoptosis. Blood. 2005;105(8):3255–3262.",
       "10.1182/blood-2004-10-3984", "蛋白酶体抑制剂使 MCL1 蓄积，减慢其促凋亡作用"),
    _s("sanmiguel2014", "San-Miguel 2014",
       "San-Miguel J, Bladé J, Shpilberg O, et al. Phase 2 randomized study of bortezomib-melphalan-"
       "prednisone with or without siltuximab (anti-IL-6) in multiple myeloma. Blood. 2014;123(26):4136–4142.",
       "10.1182/blood-2013-12-546374", "抗 IL-6 抗体司妥昔单抗未改善骨髓瘤的缓解深度和长期结局", pmid="24833354",
       note="勘误：Blood. 2014;124(7):1201。"),
    _s("raje2018", "Raje 2018",
       "Raje N, Terpos E, Willenbacher W, et al. Denosumab versus zoledronic acid in bone disease treatment "
       "of newly diagnosed multiple myeloma: an international, double-blind, double-dummy, randomised, "
       "controlled, phase 3 study. Lancet Oncol. 2018;19(3):370–381.",
       "10.1016/S1470-2045(18)30072-X", "地舒单抗（抗 RANKL）作为骨病治疗药物预防骨相关事件", pmid="29429912"),
    _s("dosani2015", "Dosani 2015",
       "Dosani T, Carlsten M, Maric I, Landgren O. The cellular immune system in myelomagenesis: NK cells "
       "and T cells in the development of MM and their uses in immunotherapies. Blood Cancer J. "
       "2015;5(4):e306.",
       "10.1038/bcj.2015.32", "骨髓瘤发生过程中的 NK 细胞、T 细胞与调节性 T 细胞", pmid="25885426"),
    _s("lopes2021", "Lopes 2021",
       "Lopes R, Caetano J, Ferreira B, et al. The immune microenvironment in multiple myeloma: friend or "
       "foe? Cancers (Basel). 2021;13(4):625.",
       "10.3390/cancers13040625", "骨髓瘤的免疫微环境与免疫逃逸（含髓系来源抑制细胞）", pmid="33562441"),
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
       "10.1007/s00508-015-0842-3", "肿瘤患者功能性铁缺乏的定义（转铁蛋白饱和度与铁蛋白）", pmid="26373748",
       note="勘误：DOI 10.1007/s00508-015-0893-5。"),
    _s("bianchi2009", "Bianchi 2009",
       "Bianchi G, Oliva L, Cascio P, et al. The proteasome load versus capacity balance determines apoptotic "
       "sensitivity of multiple myeloma cells to proteasome inhibition. Blood. 2009;113(13):3040–3049.",
       None, "蛋白酶体负荷与容量之比决定骨髓瘤细胞对蛋白酶体抑制剂的敏感性",
       web="https://ashpublications.org/blood/article/113/13/3040/24773/"),
    # --- therapy and resistance (应用与跨学科关联) ------------------------------
    _s("ito2010", "Ito 2010",
       "Ito T, Ando H, Suzuki T, et al. Identification of a primary target of thalidomide teratogenicity. "
       "Science. 2010;327(5971):1345–1350.",
       "10.1126/science.1177319", "沙利度胺的直接靶点 cereblon（CRBN–DDB1–CUL4A E3 连接酶）"),
    _s("kronke2014", "Krönke 2014",
       "Krönke J, Udeshi ND, Narla A, et al. Lenalidomide causes selective degradation of IKZF1 and IKZF3 in "
       "multiple myeloma cells. Science. 2014;343(6168):301–305.",
       "10.1126/science.1244851", "来那度胺经 CRBN 诱导 IKZF1/IKZF3 降解"),
    # DOI left empty until checked against the journal.
    _s("zhu2011", "Zhu 2011",
       "Zhu YX, Braggio E, Shi CX, et al. Cereblon expression is required for the antimyeloma activity of "
       "lenalidomide and pomalidomide. Blood. 2011;118(18):4771–4779.",
       None, "CRBN 缺失使骨髓瘤细胞对来那度胺、泊马度胺耐药",
       web="https://mayoclinic.pure.elsevier.com/en/publications/cereblon-expression-is-required-for-the-antimyeloma-activity-of-l"),
    _s("nijhof2016", "Nijhof 2016",
       "Nijhof IS, Casneuf T, van Velzen J, et al. CD38 expression and complement inhibitors affect response "
       "and resistance to daratumumab therapy in myeloma. Blood. 2016;128(7):959–970.",
       "10.1182/blood-2016-03-703439", "CD38 表达水平与达雷妥尤单抗疗效及耐药"),
    _s("lonial2015", "Lonial 2015",
       "Lonial S, Dimopoulos M, Palumbo A, et al. Elotuzumab therapy for relapsed or refractory multiple "
       "myeloma. N Engl J Med. 2015;373(7):621–631.",
       "10.1056/NEJMoa1505654", "抗 SLAMF7 抗体埃罗妥珠单抗（ELOQUENT-2）"),
    _s("raje2019", "Raje 2019",
       "Raje N, Berdeja J, Lin Y, et al. Anti-BCMA CAR T-cell therapy bb2121 in relapsed or refractory "
       "multiple myeloma. N Engl J Med. 2019;380(18):1726–1737.",
       "10.1056/NEJMoa1817226", "BCMA 导向的 CAR-T 细胞"),
    _s("moreau2022", "Moreau 2022",
       "Moreau P, Garfall AL, van de Donk NWCJ, et al. Teclistamab in relapsed or refractory multiple "
       "myeloma. N Engl J Med. 2022;387(6):495–505.",
       "10.1056/NEJMoa2203478", "BCMA×CD3 双特异性抗体特立妥单抗"),
    _s("lonial2020", "Lonial 2020",
       "Lonial S, Lee HC, Badros A, et al. Belantamab mafodotin for relapsed or refractory multiple myeloma "
       "(DREAMM-2): a two-arm, randomised, open-label, phase 2 study. Lancet Oncol. 2020;21(2):207–221.",
       "10.1016/S1470-2045(19)30788-0", "BCMA 抗体–药物偶联物"),
    _s("li2017fcrh5", "Li 2017",
       "Li J, Stagg NJ, Johnston J, et al. Membrane-proximal epitope facilitates efficient T cell synapse "
       "formation by anti-FcRH5/CD3 and is a requirement for myeloma cell killing. Cancer Cell. "
       "2017;31(3):383–395.",
       "10.1016/j.ccell.2017.02.001", "FcRH5×CD3 双特异性抗体与免疫突触"),
    # DOI left empty until checked against the journal.
    _s("kumar2017venetoclax", "Kumar 2017",
       "Kumar S, Kaufman JL, Gasparetto C, et al. Efficacy of venetoclax as targeted therapy for "
       "relapsed/refractory t(11;14) multiple myeloma. Blood. 2017;130(22):2401–2409.",
       "10.1182/blood-2017-06-788786", "维奈克拉与 t(11;14)：BCL2/BCL2L1、BCL2/MCL1 比值",
       note="DOI 按期刊编号规则填写，尚未在出版方页面核对。"),
    _s("chari2019", "Chari 2019",
       "Chari A, Vogl DT, Gavriatopoulou M, et al. Oral selinexor–dexamethasone for triple-class refractory "
       "multiple myeloma. N Engl J Med. 2019;381(8):727–738.",
       "10.1056/NEJMoa1903455", "XPO1 抑制剂塞利尼索（STORM）",
       note="DOI 按期刊编号规则填写，尚未在出版方页面核对。"),
    _s("raje2018denosumab", "Raje 2018",
       "Raje N, Terpos E, Willenbacher W, et al. Denosumab versus zoledronic acid in bone disease treatment "
       "of newly diagnosed multiple myeloma: an international, double-blind, double-dummy, randomised, "
       "controlled, phase 3 study. Lancet Oncol. 2018;19(3):370–381.",
       "10.1016/S1470-2045(18)30072-X", "地舒单抗（抗 RANKL）与唑来膦酸"),
    # DOI left empty until checked against the journal.
    _s("attal1996", "Attal 1996",
       "Attal M, Harousseau JL, Stoppa AM, et al. A prospective, randomized trial of autologous bone marrow "
       "transplantation and chemotherapy in multiple myeloma. N Engl J Med. 1996;335(2):91–97.",
       "10.1056/NEJM199607113350204", "大剂量治疗联合自体移植的原理性随机试验",
       note="DOI 按期刊编号规则填写，尚未在出版方页面核对。"),
    _s("davia2021", "Da Vià 2021",
       "Da Vià MC, Dietrich O, Truger M, et al. Homozygous BCMA gene deletion in response to anti-BCMA CAR T "
       "cells in a patient with multiple myeloma. Nat Med. 2021;27(4):616–619.",
       "10.1038/s41591-021-01245-5", "TNFRSF17 纯合缺失导致 BCMA 永久丢失"),
    _s("samur2021", "Samur 2021",
       "Samur MK, Fulciniti M, Aktas Samur A, et al. Biallelic loss of BCMA as a resistance mechanism to CAR "
       "T cell therapy in a patient with multiple myeloma. Nat Commun. 2021;12(1):868.",
       "10.1038/s41467-021-21177-5", "BCMA 双等位基因丢失"),
    _s("allmeroth2021", "Allmeroth 2021",
       "Allmeroth K, Horn M, Kroef V, et al. Bortezomib resistance mutations in PSMB5 determine response to "
       "second-generation proteasome inhibitors in multiple myeloma. Leukemia. 2021;35(3):887–892.",
       "10.1038/s41375-020-0989-4", "PSMB5 点突变与蛋白酶体抑制剂耐药"),
    # DOI left empty until checked against the journal.
    _s("damiano1999", "Damiano 1999",
       "Damiano JS, Cress AE, Hazlehurst LA, Shtil AA, Dalton WS. Cell adhesion mediated drug resistance "
       "(CAM-DR): role of integrins and resistance to apoptosis in human myeloma cell lines. Blood. "
       "1999;93(5):1658–1667.",
       None, "细胞黏附介导的耐药（CAM-DR）",
       web="https://ashpublications.org/blood/article/93/5/1658/247882/"),
    _s("luria1943", "Luria 1943",
       "Luria SE, Delbrück M. Mutations of bacteria from virus sensitivity to virus resistance. Genetics. "
       "1943;28(6):491–511.",
       "10.1093/genetics/28.6.491", "涨落试验：耐药突变在接触选择压力之前随机产生"),
    # --- diagnostic work-up (chapter 应用与跨学科关联) ------------------------
    # DOI left empty until checked against the journal.
    _s("hillengass2019imaging", "Hillengass 2019",
       "Hillengass J, Usmani S, Rajkumar SV, et al. International Myeloma Working Group consensus "
       "recommendations on imaging in monoclonal plasma cell disorders. Lancet Oncol. 2019.",
       None, "单克隆浆细胞疾病影像学检查的 IMWG 共识：全身低剂量 CT、PET-CT 与 MRI",
       web="https://mayoclinic.elsevierpure.com/en/publications/international-myeloma-working-group-consensus-recommendations-on-"),
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
