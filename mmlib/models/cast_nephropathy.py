"""肾功能不全：light-chain net charge, isoelectric point and an illustrative cast-risk index.

**Net charge.**  By Henderson–Hasselbalch, each ionisable group contributes a
fractional charge; summed over the sequence (plus the N- and C-terminus)

.. math::

    Z(\\mathrm{pH}) = \\sum_{\\text{basic}} \\frac{n_i}{1 + 10^{\\mathrm{pH} - \\mathrm{p}K_i}}
                 - \\sum_{\\text{acidic}} \\frac{n_j}{1 + 10^{\\mathrm{p}K_j - \\mathrm{pH}}},

basic = N-terminus, K, R, H; acidic = C-terminus, D, E, C, Y.  ``Z`` falls
strictly with pH, so the isoelectric point (``Z = 0``) is found by bisection.
Two pKa sets are implemented, both as tabulated in the IPC paper (Kozlowski
2016): **EMBOSS** (``iep``) and the **"Lehninger" set**;
the Solomon set is included for comparison.  *The book uses EMBOSS* by
default: it is the set of a named, widely used program whose values are
unambiguous, whereas two different tables circulate under the name
"Lehninger" (the IPC one and the textbook free-amino-acid table).

**Sequence.**  :data:`IGKC_HUMAN` is the constant domain of the human κ light
chain (IGKC, UniProt P01834; 107 residues, Eu numbering 108–214).  A whole free
light chain also carries a patient-specific variable domain, which dominates
the differences in pI between patients; :data:`ILLUSTRATIVE_VL` is a made-up
variable-domain-like sequence (not a real antibody) for the notebook.

**Cast-risk index** (illustrative, dimensionless, 1 = reference).  Free light
chains (≈ 22–24 kDa) are filtered at the glomerulus and reabsorbed by the
proximal tubule up to a capacity; what escapes reaches the distal nephron,
where it meets uromodulin (Tamm–Horsfall protein, THP).  The core step of cast
formation is the binding of the light chain's third complementarity-
determining region (CDR3) to a single site on THP (Ying and Sanders 2001);
the LC–THP complexes then aggregate.  The index multiplies two factors:

* **CDR3–THP binding**: the relative distal concentration
  ``x = [(filtered − reabsorbed) / flow] / reference`` (saturable proximal
  reabsorption; dehydration → less flow → higher ``x``) occupies the THP
  binding site as ``a·x / (1 + a·x)``, where ``a`` is the CDR3's relative
  affinity (``cdr3_affinity``: 1 = reference light chain, 0 = a CDR3 that does
  not bind THP), expressed relative to the reference occupancy 1/2.  Flow
  enters once, through the concentration; the longer residence time of slow
  flow is the same consequence and is not counted again.
* **charge**: THP is an acidic glycoprotein, negatively charged in urine.  A
  light chain at or below its pI (net charge ``Z ≥ 0``) is not repelled by it:
  factor 1.  Above its pI the light chain becomes negative and is repelled:
  ``1 / (1 + (Z/Z_half)²)``.  So alkaline urine lowers the index and very
  acidic urine never lowers it — there is no "protection" below the pI.

All tubular quantities are illustrative; the model reports relative numbers,
never a measured concentration.

>>> round(isoelectric_point("AG", "emboss"), 3)   # only the two termini: (8.6 + 3.6) / 2
6.1
>>> round(net_charge("K", 7.0, "emboss"), 3)
0.976
>>> r = cast_risk_index(flc_mg_l=2000, urine_ph=5.5, tubular_flow_ml_min=0.5, pi=5.8)
>>> r.index > cast_risk_index(flc_mg_l=2000, urine_ph=7.0, tubular_flow_ml_min=2.0, pi=5.8).index
True
>>> cast_risk_index(flc_mg_l=2000, urine_ph=6.0, tubular_flow_ml_min=1.0, pi=6.0, cdr3_affinity=0).index
0.0

Teaching material, not clinical advice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from ..errors import InputError
from ._common import Parameter, check_range

__all__ = [
    "PKA_SETS", "BOOK_PKA_SET", "IGKC_HUMAN", "ILLUSTRATIVE_VL", "PARAMETERS", "CastRisk",
    "composition", "net_charge", "isoelectric_point", "cast_risk_index",
]

PkaSetName = Literal["emboss", "lehninger", "solomon"]

#: pKa sets: keys Nterm, Cterm and the residue letters C, D, E, H, K, R, Y.
#: EMBOSS and "Lehninger" as tabulated by IPC (Kozlowski 2016); Solomon for comparison.
PKA_SETS: dict[str, dict[str, float]] = {
    "emboss":    {"Nterm": 8.6, "Cterm": 3.6, "C": 8.5, "D": 3.9, "E": 4.1, "H": 6.5, "K": 10.8, "R": 12.5,
                  "Y": 10.1},
    "lehninger": {"Nterm": 9.69, "Cterm": 2.34, "C": 8.33, "D": 3.86, "E": 4.25, "H": 6.0, "K": 10.5, "R": 12.4,
                  "Y": 10.0},
    "solomon":   {"Nterm": 9.6, "Cterm": 2.4, "C": 8.3, "D": 3.9, "E": 4.3, "H": 6.0, "K": 10.5, "R": 12.5,
                  "Y": 10.1},
}

#: The pKa set the book uses (see the module docstring for why).
BOOK_PKA_SET: PkaSetName = "emboss"

_BASIC = ("K", "R", "H")
_ACIDIC = ("D", "E", "C", "Y")
_AMINO = set("ACDEFGHIKLMNPQRSTVWY")

#: Human κ light-chain constant domain (IGKC, UniProt P01834), 107 residues.
IGKC_HUMAN: str = (
    "RTVAAPSVFIFPPSDEQLKSGTASVVCLLNNFYPREAKVQWKVDNALQSGNSQESVTEQDSKDSTYSLSSTLTLSKA"
    "DYEKHKVYACEVTHQGLSSPVTKSFNRGEC"
)

#: An illustrative variable-domain-like sequence: an IGKV1-like framework with invented CDRs
#: (made up for teaching; not the light chain of any patient or antibody).
ILLUSTRATIVE_VL: str = (
    "DIQMTQSPSSLSASVGDRVTITCRASQSISNYLAWYQQKPGEAPKLLIYAASTLQSGVPSRFSGSGSGTDFTLTISSLQPEDFATYYC"
    "QQYDSLPLTFGQGTKVEIK"
)

PARAMETERS: tuple[Parameter, ...] = (
    Parameter("pKa (EMBOSS)", "见 PKA_SETS", "", "EMBOSS iep 的 pKa 集（本书默认）", "kozlowski2016",
              "按 IPC 论文所列的数值"),
    Parameter("pKa (Lehninger, IPC)", "见 PKA_SETS", "", "IPC 列出的“Lehninger”pKa 集", "kozlowski2016",
              "与教科书中游离氨基酸的表不同"),
    Parameter("CDR3–THP 结合", "机制", "", "轻链经 CDR3 与尿调素（Tamm–Horsfall 蛋白）上的单一位点结合", "ying2001",
              "CDR3 序列不同，结合强弱不同"),
    Parameter("IGKC_HUMAN", "107 aa", "", "人 κ 轻链恒定区序列（UniProt P01834）", "convention", "公共数据库序列"),
    Parameter("ILLUSTRATIVE_VL", "107 aa", "", "示意性可变区序列（IGKV1 样框架 + 虚构 CDR）", "illustrative"),
    Parameter("gfr_ml_min", 100.0, "mL/min", "肾小球滤过率", "physiology"),
    Parameter("sieving", 0.05, "", "游离轻链的肾小球筛系数", "illustrative"),
    Parameter("reabsorption_max_mg_min", 5.0, "mg/min", "近端小管重吸收上限", "illustrative"),
    Parameter("flow_ref_ml_min", 1.0, "mL/min", "参考远端小管液流量（约等于尿量）", "illustrative"),
    Parameter("flc_ref_mg_l", 2000.0, "mg/L", "参考血清受累游离轻链浓度", "illustrative"),
    Parameter("z_half", 2.0, "电荷", "轻链带负电时，电荷因子降到一半的净电荷绝对值", "illustrative"),
    Parameter("cdr3_affinity", 1.0, "", "轻链 CDR3 对尿调素结合位点的相对亲和力（1 = 参考轻链，0 = 不结合）",
              "illustrative"),
)


def composition(sequence: str) -> dict[str, int]:
    """Counts of the ionisable residues in a one-letter sequence (whitespace ignored).

    >>> composition("DEK KR")
    {'C': 0, 'D': 1, 'E': 1, 'H': 0, 'K': 2, 'R': 1, 'Y': 0}
    """
    seq = "".join(str(sequence).split()).upper()
    bad = sorted(set(seq) - _AMINO)
    if not seq or bad:
        raise InputError("sequence", "".join(bad) or "(空)", "20 种标准氨基酸的单字母序列",
                         en_expected="a one-letter sequence of the 20 standard amino acids")
    return {aa: seq.count(aa) for aa in ("C", "D", "E", "H", "K", "R", "Y")}


def _pka(pka_set: str) -> dict[str, float]:
    if pka_set not in PKA_SETS:
        raise InputError("pka_set", pka_set, "、".join(PKA_SETS), en_expected=", ".join(PKA_SETS))
    return PKA_SETS[pka_set]


def net_charge(sequence: str, ph: float | np.ndarray, pka_set: PkaSetName = BOOK_PKA_SET) -> float | np.ndarray:
    """Net charge Z(pH) by Henderson–Hasselbalch (termini included).

    Parameters
    ----------
    sequence : str
        One-letter amino-acid sequence.
    ph : float or array
        pH value(s), 0–14.
    pka_set : {'emboss', 'lehninger', 'solomon'}

    Examples
    --------
    >>> round(net_charge("GG", 6.1, "emboss"), 12)
    0.0
    >>> net_charge("DDDD", np.array([1.0, 13.0])).round(2).tolist()
    [0.99, -5.0]
    """
    pk = _pka(pka_set)
    comp = composition(sequence)
    p = np.asarray(ph, dtype=float)
    if np.any((p < 0) | (p > 14)) or not np.all(np.isfinite(p)):
        raise InputError("ph", ph, "0 ≤ pH ≤ 14")
    pos = 1.0 / (1.0 + 10.0 ** (p - pk["Nterm"]))
    neg = 1.0 / (1.0 + 10.0 ** (pk["Cterm"] - p))
    for aa in _BASIC:
        pos = pos + comp[aa] / (1.0 + 10.0 ** (p - pk[aa]))
    for aa in _ACIDIC:
        neg = neg + comp[aa] / (1.0 + 10.0 ** (pk[aa] - p))
    z = pos - neg
    return float(z) if np.ndim(z) == 0 else z


def isoelectric_point(sequence: str, pka_set: PkaSetName = BOOK_PKA_SET, *, tol: float = 1e-6) -> float:
    """The pH at which Z = 0, by bisection on [0, 14] (Z decreases strictly with pH).

    >>> round(isoelectric_point("AG", "lehninger"), 3)   # (9.69 + 2.34) / 2
    6.015
    >>> round(isoelectric_point(IGKC_HUMAN), 2)
    6.5
    """
    lo, hi = 0.0, 14.0
    if net_charge(sequence, lo, pka_set) <= 0:
        return lo
    if net_charge(sequence, hi, pka_set) >= 0:
        return hi
    while hi - lo > tol:
        mid = 0.5 * (lo + hi)
        if net_charge(sequence, mid, pka_set) > 0:
            lo = mid
        else:
            hi = mid
    return 0.5 * (lo + hi)


@dataclass(frozen=True)
class CastRisk:
    """Result of :func:`cast_risk_index`.

    The loads (mg/min) follow from illustrative tubular parameters; every
    factor is dimensionless with 1 = the reference state.
    """

    filtered_mg_min: float
    reabsorbed_mg_min: float
    distal_load_mg_min: float
    concentration_factor: float
    thp_binding_factor: float
    charge: float
    charge_factor: float
    index: float


def cast_risk_index(*, flc_mg_l: float, urine_ph: float, tubular_flow_ml_min: float, pi: float | None = None,
                    sequence: str | None = None, pka_set: PkaSetName = BOOK_PKA_SET, gfr_ml_min: float = 100.0,
                    sieving: float = 0.05, reabsorption_max_mg_min: float = 5.0, flow_ref_ml_min: float = 1.0,
                    flc_ref_mg_l: float = 2000.0, z_half: float = 2.0, cdr3_affinity: float = 1.0) -> CastRisk:
    """Illustrative aggregation-risk index for light-chain cast formation.

    Give either ``sequence`` (the net charge at ``urine_ph`` is computed) or
    ``pi``; with only ``pi`` the charge is approximated as
    ``Z ≈ −slope·(pH − pI)`` with a slope of 2 charges per pH unit
    (illustrative).  The reference state is ``flc_ref_mg_l`` at
    ``flow_ref_ml_min`` and the same GFR, a light chain with the reference CDR3
    (``cdr3_affinity`` 1) and urine at or below its pI.

    Examples
    --------
    >>> cast_risk_index(flc_mg_l=15, urine_ph=6, tubular_flow_ml_min=1, pi=6).index   # normal FLC: all reabsorbed
    0.0
    """
    flc = check_range("flc_mg_l", flc_mg_l, 0.0, 100_000.0, unit="mg/L")
    ph = check_range("urine_ph", urine_ph, 4.0, 8.5)
    flow = check_range("tubular_flow_ml_min", tubular_flow_ml_min, 0.0, 50.0, lo_open=True, unit="mL/min")
    gfr = check_range("gfr_ml_min", gfr_ml_min, 0.0, 200.0, lo_open=True, unit="mL/min")
    sc = check_range("sieving", sieving, 0.0, 1.0, lo_open=True)
    tmax = check_range("reabsorption_max_mg_min", reabsorption_max_mg_min, 0.0, None)
    fref = check_range("flow_ref_ml_min", flow_ref_ml_min, 0.0, None, lo_open=True)
    cref = check_range("flc_ref_mg_l", flc_ref_mg_l, 0.0, None, lo_open=True)
    zh = check_range("z_half", z_half, 0.0, None, lo_open=True)
    aff = check_range("cdr3_affinity", cdr3_affinity, 0.0, None)
    if sequence is not None:
        z = float(net_charge(sequence, ph, pka_set))
    elif pi is not None:
        z = -2.0 * (ph - check_range("pi", pi, 0.0, 14.0))
    else:
        raise InputError("pi", None, "给出 pi 或 sequence 之一", en_expected="either pi or sequence")

    def distal(flc_value: float, gfr_value: float) -> tuple[float, float, float]:
        filt = gfr_value * flc_value / 1000.0 * sc          # mL/min × mg/mL = mg/min
        reab = min(filt, tmax)
        return filt, reab, filt - reab

    filt, reab, load = distal(flc, gfr)
    _, _, load_ref = distal(cref, gfr)
    conc_ref = load_ref / fref if load_ref > 0 else 1.0
    x = (load / flow) / conc_ref                             # relative distal concentration: flow enters here only
    binding = (aff * x / (1.0 + aff * x)) / 0.5              # CDR3–THP site occupancy relative to the reference 1/2
    charge_factor = 1.0 if z >= 0 else 1.0 / (1.0 + (z / zh) ** 2)
    return CastRisk(filt, reab, load, x, binding, z, charge_factor, binding * charge_factor)
