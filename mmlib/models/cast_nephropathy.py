"""肾功能不全：light-chain net charge, isoelectric point and an illustrative cast-risk index.

**Net charge.**  By Henderson–Hasselbalch, each ionisable group contributes a
fractional charge; summed over the sequence (plus the N- and C-terminus)

.. math::

    Z(\\mathrm{pH}) = \\sum_{\\text{basic}} \\frac{n_i}{1 + 10^{\\mathrm{pH} - \\mathrm{p}K_i}}
                 - \\sum_{\\text{acidic}} \\frac{n_j}{1 + 10^{\\mathrm{p}K_j - \\mathrm{pH}}},

basic = N-terminus, K, R, H; acidic = C-terminus, D, E, C, Y.  ``Z`` falls
strictly with pH, so the isoelectric point (``Z = 0``) is found by bisection.
Two pKa sets are implemented (clinical-criteria fact sheet §8): **EMBOSS**
(``iep``) and the **"Lehninger" set as tabulated by IPC** (Kozlowski 2016);
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
where it meets Tamm–Horsfall protein.  The index multiplies three factors:

* distal concentration: ``(filtered − reabsorbed) / tubular flow`` relative
  to a reference (saturable proximal reabsorption; less flow → more
  concentrated),
* residence time: ``flow_ref / flow`` (dehydration → slower flow),
* charge: ``1 / (1 + (Z/Z_half)²)`` — molecules near their pI repel each other
  least.

>>> round(isoelectric_point("AG", "emboss"), 3)   # only the two termini: (8.6 + 3.6) / 2
6.1
>>> round(net_charge("K", 7.0, "emboss"), 3)
0.976
>>> r = cast_risk_index(flc_mg_l=2000, urine_ph=5.5, tubular_flow_ml_min=0.5, pi=5.8)
>>> r.index > cast_risk_index(flc_mg_l=2000, urine_ph=7.0, tubular_flow_ml_min=2.0, pi=5.8).index
True

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
              "事实表 §8"),
    Parameter("pKa (Lehninger, IPC)", "见 PKA_SETS", "", "IPC 列出的“Lehninger”pKa 集", "kozlowski2016",
              "事实表 §8"),
    Parameter("IGKC_HUMAN", "107 aa", "", "人 κ 轻链恒定区序列（UniProt P01834）", "convention", "公共数据库序列"),
    Parameter("ILLUSTRATIVE_VL", "107 aa", "", "示意性可变区序列（IGKV1 样框架 + 虚构 CDR）", "illustrative"),
    Parameter("gfr_ml_min", 100.0, "mL/min", "肾小球滤过率", "physiology"),
    Parameter("sieving", 0.05, "", "游离轻链的肾小球筛系数", "illustrative"),
    Parameter("reabsorption_max_mg_min", 5.0, "mg/min", "近端小管重吸收上限", "illustrative"),
    Parameter("flow_ref_ml_min", 1.0, "mL/min", "参考远端小管液流量（约等于尿量）", "illustrative"),
    Parameter("flc_ref_mg_l", 2000.0, "mg/L", "参考血清受累游离轻链浓度", "illustrative"),
    Parameter("z_half", 2.0, "电荷", "电荷因子降到一半时的净电荷绝对值", "illustrative"),
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
    """Result of :func:`cast_risk_index` (all factors dimensionless; 1 = reference)."""

    filtered_mg_min: float
    reabsorbed_mg_min: float
    distal_load_mg_min: float
    distal_conc_mg_ml: float
    concentration_factor: float
    residence_factor: float
    charge: float
    charge_factor: float
    index: float


def cast_risk_index(*, flc_mg_l: float, urine_ph: float, tubular_flow_ml_min: float, pi: float | None = None,
                    sequence: str | None = None, pka_set: PkaSetName = BOOK_PKA_SET, gfr_ml_min: float = 100.0,
                    sieving: float = 0.05, reabsorption_max_mg_min: float = 5.0, flow_ref_ml_min: float = 1.0,
                    flc_ref_mg_l: float = 2000.0, z_half: float = 2.0) -> CastRisk:
    """Illustrative aggregation-risk index for light-chain cast formation.

    Give either ``sequence`` (the net charge at ``urine_ph`` is computed) or
    ``pi``; with only ``pi`` the charge is approximated as
    ``Z ≈ −slope·(pH − pI)`` with a slope of 2 charges per pH unit
    (illustrative).  The reference state is ``flc_ref_mg_l`` at
    ``flow_ref_ml_min`` and the same GFR, far from the pI.

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
    conc = load / flow                                       # mg/mL
    conc_ref = load_ref / fref if load_ref > 0 else 1.0
    conc_factor = conc / conc_ref
    residence = fref / flow
    charge_factor = 1.0 / (1.0 + (z / zh) ** 2)
    return CastRisk(filt, reab, load, conc, conc_factor, residence, z, charge_factor,
                    conc_factor * residence * charge_factor)
