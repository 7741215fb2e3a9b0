"""Cytogenetic risk: Sonneveld 2016 classic set and IMS/IMWG 2025 (Avet-Loiseau 2025)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mmlib.case import Case
from mmlib.cytogenetics import EVENT_NAMES, ONE_Q_ZH, cytogenetic_risk

#: A complete FISH panel with nothing found and normal β2M/creatinine: standard risk everywhere.
NEG = dict(del17p=False, t4_14=False, t14_16=False, t14_20=False, t11_14=False, gain_1q=False, amp_1q=False,
           del1p32=False, del1p32_biallelic=False, tp53_mutation=False, del13q=False, beta2m_mg_l=2.0,
           creatinine_mg_dl=0.9)


def risk(**kw):
    return cytogenetic_risk(Case.from_dict({**NEG, **kw}))


def test_all_negative_is_standard():
    r = risk()
    assert (r.value, r.details["classic"], r.details["riss_high_risk_ca"]) == ("standard", "standard", False)
    assert r.details["criteria"] == [False, False, False, False]


# --- criterion 1: del(17p) CCF > 20 % --------------------------------------------------
@pytest.mark.parametrize("ccf, expected", [(20, "standard"), (20.1, "high")])
def test_del17p_ccf_boundary(ccf, expected):
    r = risk(del17p=True, del17p_ccf_percent=ccf)
    assert r.value == expected
    assert r.details["classic"] == "high"  # the classic set counts any del(17p)


def test_del17p_without_ccf_is_not_assumed():
    r = risk(del17p=True)
    assert r.value is None and r.missing == ("del17p_ccf_percent",)
    assert "未给出 CCF" in r.explain()


def test_del17p_without_ccf_but_tp53_mutation_is_high():
    assert risk(del17p=True, tp53_mutation=True).value == "high"


def test_tp53_mutation_alone_is_high():
    r = risk(tp53_mutation=True)
    assert r.value == "high" and r.details["classic"] == "standard"


# --- criterion 2: IGH translocation + 1q+/del(1p32) ----------------------------------------
@pytest.mark.parametrize("igh", ["t4_14", "t14_16", "t14_20"])
def test_igh_translocation_needs_a_partner(igh):
    assert risk(**{igh: True}).value == "standard"
    assert risk(**{igh: True}).details["classic"] == "high"
    assert risk(**{igh: True, "gain_1q": True}).value == "high"
    assert risk(**{igh: True, "amp_1q": True}).value == "high"
    assert risk(**{igh: True, "del1p32": True}).value == "high"


def test_t11_14_is_standard():
    r = risk(t11_14=True, gain_1q=True)
    assert r.value == "standard" and r.details["classic"] == "high"  # classic: gain(1q) alone is high


# --- criterion 3: del(1p32) ---------------------------------------------------------------
def test_del1p32_rules():
    assert risk(del1p32=True).value == "standard"
    assert risk(del1p32=True, gain_1q=True).value == "high"
    assert risk(del1p32=True, del1p32_biallelic=True).value == "high"
    r = risk(del1p32=True, del1p32_biallelic=None)
    assert r.value is None and "del1p32_biallelic" in r.missing


# --- criterion 4: β2M ≥ 5.5 with creatinine < 1.2 mg/dL ------------------------------------
@pytest.mark.parametrize("b2m, crea, expected", [
    (5.5, {"creatinine_mg_dl": 1.19}, "high"),
    (5.5, {"creatinine_mg_dl": 1.2}, "standard"),
    (5.49, {"creatinine_mg_dl": 1.19}, "standard"),
    (5.5, {"creatinine_umol_l": 106.07}, "high"),   # SI: exact conversion 1.2 × 88.4 = 106.08
    (5.5, {"creatinine_umol_l": 106.08}, "standard"),
    (5.5, {"creatinine_umol_l": 105.2}, "high"),    # 1.19 mg/dL ≈ 105.2 µmol/L
])
def test_beta2m_with_normal_creatinine(b2m, crea, expected):
    base = {k: v for k, v in NEG.items() if k != "creatinine_mg_dl"}
    assert cytogenetic_risk(Case.from_dict({**base, "beta2m_mg_l": b2m, **crea})).value == expected


def test_beta2m_high_without_creatinine_is_open():
    base = {k: v for k, v in NEG.items() if k != "creatinine_mg_dl"}
    r = cytogenetic_risk(Case.from_dict({**base, "beta2m_mg_l": 6}))
    assert r.value is None and r.missing == ("creatinine_mg_dl/creatinine_umol_l",)


# --- classic set and ploidy ----------------------------------------------------------------
def test_non_hyperdiploidy_counts_only_when_explicit():
    assert risk().details["classic"] == "standard"                      # ploidy unknown: not counted
    assert risk(hyperdiploid=True).details["classic"] == "standard"
    r = risk(hyperdiploid=False)
    assert r.details["classic"] == "high" and r.value == "standard"
    assert "倍体未检测" in risk().explain()


def test_classic_unknown():
    r = cytogenetic_risk(Case(t4_14=False))
    assert r.details["classic"] is None
    assert r.details["missing_classic"] == ["del17p", "t14_16", "t14_20", "gain_1q"]


def test_riss_trio():
    assert risk(t14_16=True).details["riss_high_risk_ca"] is True
    assert risk(t14_20=True).details["riss_high_risk_ca"] is False
    assert cytogenetic_risk(Case()).details["riss_high_risk_ca"] is None


def test_empty_case_lists_missing_fields():
    r = cytogenetic_risk(Case())
    assert r.value is None
    for f in ("del17p", "tp53_mutation", "t4_14", "del1p32", "beta2m_mg_l"):
        assert f in r.missing


# --- primary / secondary events ---------------------------------------------------------
def test_event_classification():
    r = risk(t11_14=True, hyperdiploid=True, amp_1q=True, del1p32=True, del1p32_biallelic=True, del13q=True,
             tp53_mutation=True)
    assert r.details["primary"] == ["t(11;14)", "超二倍体"]
    assert r.details["secondary"] == ["1q 扩增", "del(1p32)（双等位）", "TP53 突变", "del(13q)"]
    assert r.details["primary_fields"] == ["t11_14", "hyperdiploid"]
    assert r.details["secondary_fields"] == ["amp_1q", "del1p32", "tp53_mutation", "del13q"]


def test_event_names_are_chinese():
    """Every event has a Chinese name: only the standard notation (t(4;14), del(17p) …) stays Latin."""
    notation = re.compile(r"^(t\(\d+;\d+\)|del\(\d+[pq]\d*\))$")
    for field, name in EVENT_NAMES.items():
        assert notation.match(name) or re.search(r"[\u4e00-\u9fff]", name), (field, name)
        assert not re.search(r"\b(mutation|hyperdiploidy|gain|amp|loss|biallelic)\b", name), name
    text = risk(hyperdiploid=False, tp53_mutation=True, gain_1q=True).explain()
    assert not re.search(r"\b(mutation|hyperdiploidy|gain|amp)\b", text), text
    assert "TP53 突变" in text and ONE_Q_ZH in text


def test_trace_and_summary_agree():
    r = risk(t4_14=True, gain_1q=True)
    assert r.shown == "高危" and r.summary == "经典 IMWG 高危标准（Sonneveld 2016）：高危"
    assert r.explain().startswith("细胞遗传学危险分层（IMS/IMWG 2025）：高危。")
    line = next(c for c in r.checks if c.criterion == "cytogenetics.classic")
    assert line.value == "高危"                            # the trace names the verdict in Chinese, not "high"
    assert r.to_dict()["value"] == "high"
    assert any(c.criterion == "ims2025.criterion" and c.verdict for c in r.checks)


# --- property: adding an abnormality never lowers the risk -------------------------------
FLAGS = ("del17p", "t4_14", "t14_16", "t14_20", "gain_1q", "amp_1q", "del1p32", "del1p32_biallelic",
         "tp53_mutation", "del13q", "t11_14")
tri = st.sampled_from([True, False, None])


@settings(max_examples=300, deadline=None)
@given(values=st.fixed_dictionaries({f: tri for f in FLAGS}), add=st.sampled_from(FLAGS),
       ccf=st.one_of(st.none(), st.floats(0, 100)), b2m=st.one_of(st.none(), st.floats(0.5, 20)))
def test_adding_an_abnormality_never_lowers_risk(values, add, ccf, b2m):
    before = {**values, "del17p_ccf_percent": ccf, "beta2m_mg_l": b2m, "creatinine_mg_dl": 1.0}
    after = {**before, add: True}
    r0, r1 = cytogenetic_risk(Case.from_dict(before)), cytogenetic_risk(Case.from_dict(after))
    for key in ("ims2025", "classic"):
        if r0.details[key] == "high":
            assert r1.details[key] == "high"
        if r1.details[key] == "standard":
            assert r0.details[key] in ("standard", None)
