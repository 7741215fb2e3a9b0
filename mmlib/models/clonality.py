"""单克隆性：V(D)J combinatorial diversity and sampled B-cell repertoires.

Combinatorial diversity counts the distinct gene-segment choices: a heavy chain
picks one V, one D and one J segment (``V_H × D_H × J_H``), a κ light chain one
V and one J (``V_κ × J_κ``), a λ light chain likewise.  With the approximate
numbers of functional human segments in :data:`SEGMENTS` (they vary between
haplotypes; see the IMGT gene tables), the heavy locus alone gives
40 × 23 × 6 = 5 520 rearrangements and a heavy–light pair 5 520 × (200 + 120)
≈ 1.8 million.  Junctional diversity (nucleotide trimming and N/P additions)
and somatic hypermutation add many orders of magnitude more and are not
counted here.

:func:`sample_repertoire` draws cells from a polyclonal repertoire (every cell
an independent, uniformly random rearrangement) mixed with one expanded clone;
:func:`shannon_entropy`, :func:`simpson_index` and :func:`clonality_index`
quantify how a single clone collapses the diversity.

>>> d = combinatorial_diversity()
>>> d.heavy, d.kappa, d.lambda_, d.paired
(5520, 200, 120, 1766400)
>>> rep = sample_repertoire(5000, clone_fraction=0.6, seed=1)
>>> round(float(top_clone_fraction(clonotype_counts(rep))), 2)
0.6

Teaching material, not clinical advice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

import numpy as np

from ..errors import InputError
from ._common import Parameter, check_fraction, check_range, make_rng

__all__ = [
    "SEGMENTS", "PARAMETERS", "CombinatorialDiversity", "Repertoire",
    "combinatorial_diversity", "sample_repertoire", "clonotype_counts",
    "shannon_entropy", "simpson_index", "clonality_index", "top_clone_fraction",
    "expected_distinct_clonotypes",
]

#: Approximate numbers of functional human gene segments (IMGT gene tables;
#: haplotype-dependent, rounded).
SEGMENTS: dict[str, int] = {"IGHV": 40, "IGHD": 23, "IGHJ": 6, "IGKV": 40, "IGKJ": 5, "IGLV": 30, "IGLJ": 4}

PARAMETERS: tuple[Parameter, ...] = (
    Parameter("IGHV", 40, "个", "功能性重链 V 基因片段数", "approximate", "IMGT 基因表，约 38–46，随单倍型而异"),
    Parameter("IGHD", 23, "个", "功能性重链 D 基因片段数", "approximate", "IMGT 基因表"),
    Parameter("IGHJ", 6, "个", "功能性重链 J 基因片段数", "approximate", "IMGT 基因表"),
    Parameter("IGKV", 40, "个", "功能性 κ 链 V 基因片段数", "approximate", "IMGT 基因表，约 31–40"),
    Parameter("IGKJ", 5, "个", "功能性 κ 链 J 基因片段数", "approximate", "IMGT 基因表"),
    Parameter("IGLV", 30, "个", "功能性 λ 链 V 基因片段数", "approximate", "IMGT 基因表，约 29–33"),
    Parameter("IGLJ", 4, "个", "功能性 λ 链 J 基因片段数", "approximate", "IMGT 基因表，4–5"),
    Parameter("kappa_fraction", 2 / 3, "", "使用 κ 轻链的 B 细胞比例（κ:λ ≈ 2:1）", "approximate"),
    Parameter("clone_fraction", 0.0, "", "单个扩增克隆在样本中所占比例", "illustrative", "旋钮"),
)


@dataclass(frozen=True)
class CombinatorialDiversity:
    """Counts of distinct segment combinations (junctional diversity not included)."""

    heavy: int
    kappa: int
    lambda_: int

    @property
    def light(self) -> int:
        """κ plus λ light-chain rearrangements."""
        return self.kappa + self.lambda_

    @property
    def paired(self) -> int:
        """Heavy × light pairs."""
        return self.heavy * self.light


@dataclass(frozen=True)
class Repertoire:
    """A sampled repertoire: one row per cell.

    ``clonotype`` is an integer code of the (heavy V, D, J, light locus, light V,
    light J) choice, unique per combination; ``light_chain`` is ``'kappa'`` or
    ``'lambda'``; ``from_clone`` marks the cells of the expanded clone.
    """

    clonotype: np.ndarray
    light_chain: np.ndarray
    from_clone: np.ndarray


def combinatorial_diversity(segments: Mapping[str, int] | None = None) -> CombinatorialDiversity:
    """Combinatorial V(D)J diversity from gene-segment numbers.

    Parameters
    ----------
    segments : mapping, optional
        Counts for the keys of :data:`SEGMENTS` (missing keys take the default).

    Examples
    --------
    >>> combinatorial_diversity({"IGHV": 1, "IGHD": 1, "IGHJ": 1}).heavy
    1
    """
    seg = _segments(segments)
    return CombinatorialDiversity(
        heavy=seg["IGHV"] * seg["IGHD"] * seg["IGHJ"],
        kappa=seg["IGKV"] * seg["IGKJ"],
        lambda_=seg["IGLV"] * seg["IGLJ"],
    )


def _segments(segments: Mapping[str, int] | None) -> dict[str, int]:
    seg = dict(SEGMENTS)
    for k, v in (segments or {}).items():
        if k not in SEGMENTS:
            raise InputError("segments", k, "、".join(SEGMENTS), en_expected=", ".join(SEGMENTS))
        seg[k] = int(check_range(f"segments[{k}]", v, 1, 10_000))
    return seg


def sample_repertoire(n_cells: int, *, clone_fraction: float = 0.0, kappa_fraction: float = 2 / 3,
                      segments: Mapping[str, int] | None = None,
                      seed: int | np.random.Generator | None = 0) -> Repertoire:
    """Sample ``n_cells`` B cells/plasma cells: a polyclonal background plus one clone.

    Each background cell draws every segment uniformly and independently and
    uses κ with probability ``kappa_fraction`` (isotypic exclusion: one light
    chain per cell).  A share ``clone_fraction`` of cells (rounded to the
    nearest integer) is a copy of one founder cell, drawn the same way.

    Examples
    --------
    >>> rep = sample_repertoire(100, clone_fraction=1.0, seed=0)
    >>> len(np.unique(rep.clonotype)), len(set(rep.light_chain.tolist()))
    (1, 1)
    """
    n = int(check_range("n_cells", n_cells, 1, 10_000_000))
    f = check_fraction("clone_fraction", clone_fraction)
    pk = check_fraction("kappa_fraction", kappa_fraction)
    seg = _segments(segments)
    rng = make_rng(seed)

    def draw(m: int) -> tuple[np.ndarray, np.ndarray]:
        hv = rng.integers(0, seg["IGHV"], m)
        hd = rng.integers(0, seg["IGHD"], m)
        hj = rng.integers(0, seg["IGHJ"], m)
        is_k = rng.random(m) < pk
        lv = np.where(is_k, rng.integers(0, seg["IGKV"], m), rng.integers(0, seg["IGLV"], m))
        lj = np.where(is_k, rng.integers(0, seg["IGKJ"], m), rng.integers(0, seg["IGLJ"], m))
        # mixed-radix code, unique per combination
        nv = max(seg["IGKV"], seg["IGLV"])
        nj = max(seg["IGKJ"], seg["IGLJ"])
        code = ((((hv * seg["IGHD"] + hd) * seg["IGHJ"] + hj) * 2 + (~is_k).astype(np.int64)) * nv + lv) * nj + lj
        return code.astype(np.int64), np.where(is_k, "kappa", "lambda")

    n_clone = int(round(f * n))
    founder_code, founder_lc = draw(1)
    bg_code, bg_lc = draw(n - n_clone)
    code = np.concatenate([np.repeat(founder_code, n_clone), bg_code])
    lc = np.concatenate([np.repeat(founder_lc, n_clone), bg_lc])
    from_clone = np.concatenate([np.ones(n_clone, bool), np.zeros(n - n_clone, bool)])
    order = rng.permutation(n)
    return Repertoire(clonotype=code[order], light_chain=lc[order].astype(str), from_clone=from_clone[order])


def clonotype_counts(rep: Repertoire) -> np.ndarray:
    """Cells per distinct clonotype, largest first.

    >>> clonotype_counts(Repertoire(np.array([3, 1, 3, 3]), np.array(["kappa"] * 4), np.zeros(4, bool)))
    array([3, 1])
    """
    _, counts = np.unique(rep.clonotype, return_counts=True)
    return np.sort(counts)[::-1]


def _as_counts(counts: np.ndarray) -> np.ndarray:
    c = np.asarray(counts, dtype=float)
    if c.ndim != 1 or c.size == 0 or (c < 0).any() or c.sum() <= 0:
        raise InputError("counts", "…", "非负计数且总和 > 0", en_expected="non-negative counts with a positive sum")
    return c[c > 0]


def shannon_entropy(counts: np.ndarray) -> float:
    """Shannon entropy ``H = −Σ p_i ln p_i`` (nats) of clonotype frequencies.

    >>> round(shannon_entropy(np.array([1, 1, 1, 1])), 6) == round(float(np.log(4)), 6)
    True
    >>> shannon_entropy(np.array([10]))
    0.0
    """
    c = _as_counts(counts)
    p = c / c.sum()
    return float(-(p * np.log(p)).sum()) + 0.0


def simpson_index(counts: np.ndarray) -> float:
    """Simpson's index ``Σ n_i(n_i−1) / (N(N−1))``: the chance that two cells drawn
    without replacement share a clonotype (1 for a monoclonal sample).

    >>> simpson_index(np.array([5]))
    1.0
    >>> simpson_index(np.array([1, 1, 1]))
    0.0
    """
    c = _as_counts(counts)
    n = c.sum()
    if n < 2:
        return 1.0
    return float((c * (c - 1)).sum() / (n * (n - 1)))


def clonality_index(counts: np.ndarray) -> float:
    """Clonality ``1 − H / ln S`` (S = number of clonotypes): 0 when all clonotypes
    are equally frequent, → 1 when one clone dominates; 1 for a single clonotype.

    >>> round(clonality_index(np.array([2, 2, 2])), 12)
    0.0
    >>> clonality_index(np.array([7]))
    1.0
    """
    c = _as_counts(counts)
    if c.size == 1:
        return 1.0
    return float(1.0 - shannon_entropy(c) / np.log(c.size)) + 0.0


def top_clone_fraction(counts: np.ndarray) -> float:
    """Share of the most frequent clonotype.

    >>> top_clone_fraction(np.array([6, 3, 1]))
    0.6
    """
    c = _as_counts(counts)
    return float(c.max() / c.sum())


def expected_distinct_clonotypes(n_cells: int, n_combinations: int) -> float:
    """Expected number of distinct clonotypes among ``n_cells`` uniform draws from
    ``n_combinations`` equally likely ones: ``K (1 − (1 − 1/K)^n)``.

    (Exact for uniform usage; the κ/λ split in :func:`sample_repertoire` makes
    the combinations not exactly equally likely.)

    >>> expected_distinct_clonotypes(1, 100)
    1.0
    >>> round(expected_distinct_clonotypes(1000, 10), 6)
    10.0
    """
    n = check_range("n_cells", n_cells, 0, None)
    k = check_range("n_combinations", n_combinations, 1, None)
    return float(k * -np.expm1(n * np.log1p(-1.0 / k))) if k > 1 else (1.0 if n >= 1 else 0.0)
