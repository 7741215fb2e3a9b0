"""Serum protein electrophoresis (SPEP), M-spike quantification and immunofixation.

A densitogram is modelled as a sum of Gaussian bands on a relative migration
axis ``x`` from 0 (anode, albumin side) to 1 (cathode, γ side).  Each band's
area is its protein concentration, so the curve is in g/dL per unit of ``x``
and the total area is the total protein.  Three kinds of serum are built by
:func:`make_serum`:

* ``'normal'`` — albumin, α1, α2, β and γ at typical mid-reference values;
* ``'polyclonal'`` — a broad, raised γ band (many clones, many charges: chronic
  inflammation, liver disease);
* ``'monoclonal'`` — a narrow spike (one clone: identical molecules migrate
  together) on a suppressed polyclonal γ background (immunoparesis).

:func:`quantify_m_spike` finds the narrow peak and integrates it between the
valleys on either side (*perpendicular drop*), the usual laboratory method; it
therefore also counts the polyclonal γ under the spike — the test suite checks
that excess against the exact Gaussian integral.  :func:`immunofixation`
returns the six IFE lanes (SPE, G, A, M, κ, λ) and :func:`read_immunofixation`
names the monoclonal protein from the lanes that carry a narrow band.

The band positions, widths and amounts are illustrative; the amounts are
typical mid-range adult values (albumin 3.5–5.0, α1 0.1–0.3, α2 0.6–1.0,
β 0.7–1.2, γ 0.7–1.6 g/dL are commonly quoted reference intervals, which are
laboratory-specific).

>>> serum = make_serum("monoclonal", m_spike_g_dl=3.0)
>>> spike = quantify_m_spike(densitogram(serum))
>>> spike.detected, round(spike.g_dl, 1), round(spike.g_l)
(True, 3.2, 32)
>>> read_immunofixation(immunofixation(serum))
'IgG κ'

Teaching material, not clinical advice.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

import numpy as np
from scipy.signal import find_peaks, peak_widths

from ..errors import InputError
from ._common import Parameter, check_range

__all__ = [
    "Band", "MonoclonalComponent", "Serum", "Densitogram", "MSpike", "ImmunofixationLanes",
    "NORMAL_BANDS", "IG_CLASS_SHARE", "SPIKE_POSITION", "IFE_LANES", "PARAMETERS",
    "make_serum", "densitogram", "fraction_areas", "quantify_m_spike", "immunofixation",
    "read_immunofixation",
]

Heavy = Literal["IgG", "IgA", "IgM"]
Light = Literal["kappa", "lambda"]


@dataclass(frozen=True)
class Band:
    """A Gaussian band: name, centre, standard deviation (in ``x`` units) and amount (g/dL)."""

    name: str
    position: float
    sd: float
    g_dl: float

    def density(self, x: np.ndarray) -> np.ndarray:
        """The band's contribution to the densitogram (g/dL per unit ``x``)."""
        return self.g_dl * np.exp(-0.5 * ((x - self.position) / self.sd) ** 2) / (self.sd * np.sqrt(2 * np.pi))


#: Non-immunoglobulin bands and the polyclonal γ band of a normal serum (illustrative shape,
#: amounts at typical mid-reference values).
NORMAL_BANDS: tuple[Band, ...] = (
    Band("albumin", 0.18, 0.025, 4.0),
    Band("alpha1", 0.33, 0.020, 0.25),
    Band("alpha2", 0.45, 0.025, 0.75),
    Band("beta", 0.58, 0.030, 0.95),
    Band("gamma", 0.78, 0.070, 1.10),
)

#: Share of polyclonal immunoglobulin by heavy-chain class (approximate adult serum levels:
#: IgG ≈ 10, IgA ≈ 2, IgM ≈ 1 g/L).
IG_CLASS_SHARE: dict[str, float] = {"IgG": 0.75, "IgA": 0.17, "IgM": 0.08}

#: Typical spike position by isotype (IgG in γ, IgA often β–γ); ``None`` = free light chain only.
SPIKE_POSITION: dict[str | None, float] = {"IgG": 0.80, "IgA": 0.66, "IgM": 0.74, None: 0.70}

#: The six immunofixation lanes, in gel order.
IFE_LANES: tuple[str, ...] = ("SPE", "G", "A", "M", "κ", "λ")

#: Polyclonal κ share (κ:λ ≈ 2:1).
_KAPPA_SHARE = 2 / 3

PARAMETERS: tuple[Parameter, ...] = (
    Parameter("albumin", 4.0, "g/dL", "白蛋白（参考范围常引 3.5–5.0）", "approximate", "实验室依赖"),
    Parameter("alpha1", 0.25, "g/dL", "α1 球蛋白（0.1–0.3）", "approximate", "实验室依赖"),
    Parameter("alpha2", 0.75, "g/dL", "α2 球蛋白（0.6–1.0）", "approximate", "实验室依赖"),
    Parameter("beta", 0.95, "g/dL", "β 球蛋白（0.7–1.2）", "approximate", "实验室依赖"),
    Parameter("gamma", 1.10, "g/dL", "γ 球蛋白（0.7–1.6）", "approximate", "实验室依赖"),
    Parameter("band positions/sd", "见 NORMAL_BANDS", "相对迁移距离", "各条带位置与宽度", "illustrative"),
    Parameter("gamma_sd_polyclonal", 0.085, "相对迁移距离", "多克隆增高时 γ 带的宽度", "illustrative"),
    Parameter("spike_sd", 0.012, "相对迁移距离", "M 峰宽度（单一分子 → 窄峰）", "illustrative"),
    Parameter("IG_CLASS_SHARE", "0.75 / 0.17 / 0.08", "", "多克隆 IgG / IgA / IgM 所占份额", "approximate"),
    Parameter("kappa share", round(_KAPPA_SHARE, 3), "", "多克隆免疫球蛋白中 κ 的份额（κ:λ ≈ 2:1）", "approximate"),
    Parameter("max_width", 0.06, "相对迁移距离", "判定“窄峰”的最大半高宽", "illustrative"),
)


@dataclass(frozen=True)
class MonoclonalComponent:
    """The M-protein: amount, heavy chain (``None`` for free light chain only), light chain, shape."""

    g_dl: float
    heavy: Heavy | None = "IgG"
    light: Light = "kappa"
    position: float | None = None
    sd: float = 0.012

    @property
    def band(self) -> Band:
        """The spike as a :class:`Band`."""
        pos = SPIKE_POSITION[self.heavy] if self.position is None else self.position
        return Band("M", pos, self.sd, self.g_dl)

    @property
    def isotype(self) -> str:
        """E.g. ``'IgG κ'`` or ``'游离 λ 轻链'``."""
        lc = "κ" if self.light == "kappa" else "λ"
        return f"{self.heavy} {lc}" if self.heavy else f"游离 {lc} 轻链"


@dataclass(frozen=True)
class Serum:
    """A serum: the non-Ig bands, the polyclonal Ig band and an optional M-protein."""

    other_bands: tuple[Band, ...]
    polyclonal_ig: Band
    monoclonal: MonoclonalComponent | None = None
    kind: str = "custom"

    @property
    def bands(self) -> tuple[Band, ...]:
        """All bands, the spike last."""
        extra = (self.monoclonal.band,) if self.monoclonal is not None else ()
        return self.other_bands + (self.polyclonal_ig,) + extra

    @property
    def total_protein_g_dl(self) -> float:
        """Sum of all band amounts."""
        return float(sum(b.g_dl for b in self.bands))


@dataclass(frozen=True)
class Densitogram:
    """Densitometer trace: positions ``x`` and density ``y`` (g/dL per unit ``x``)."""

    x: np.ndarray
    y: np.ndarray
    components: dict[str, np.ndarray] = field(default_factory=dict)

    @property
    def total_area(self) -> float:
        """Integral of ``y`` (≈ total protein in g/dL)."""
        return float(np.trapezoid(self.y, self.x))


@dataclass(frozen=True)
class MSpike:
    """Result of :func:`quantify_m_spike`.

    ``left``/``right`` are the perpendicular-drop limits; ``g_dl`` and ``g_l``
    the integrated spike (0 when none was detected); ``fwhm`` the full width at
    half prominence.
    """

    detected: bool
    position: float | None
    fwhm: float | None
    left: float | None
    right: float | None
    g_dl: float

    @property
    def g_l(self) -> float:
        """The M-spike in g/L (× 10)."""
        return self.g_dl * 10.0


@dataclass(frozen=True)
class ImmunofixationLanes:
    """Six lanes (rows, in :data:`IFE_LANES` order) of density along ``x``."""

    x: np.ndarray
    lanes: np.ndarray
    names: tuple[str, ...] = IFE_LANES

    def lane(self, name: str) -> np.ndarray:
        """One lane by name (``'SPE'``, ``'G'``, ``'A'``, ``'M'``, ``'κ'``, ``'λ'``)."""
        if name not in self.names:
            raise InputError("lane", name, "、".join(self.names), en_expected=", ".join(self.names))
        return self.lanes[self.names.index(name)]


def make_serum(kind: Literal["normal", "polyclonal", "monoclonal"] = "normal", *, m_spike_g_dl: float = 3.0,
               heavy: Heavy | None = "IgG", light: Light = "kappa", spike_position: float | None = None,
               spike_sd: float = 0.012, polyclonal_gamma_g_dl: float | None = None) -> Serum:
    """Build one of the three teaching sera.

    Parameters
    ----------
    kind : {'normal', 'polyclonal', 'monoclonal'}
    m_spike_g_dl : float
        Amount of M-protein for ``'monoclonal'``.
    heavy, light : str
        Isotype of the M-protein (``heavy=None`` for light-chain only).
    spike_position, spike_sd : float
        Override the spike's position (default by isotype) and width.
    polyclonal_gamma_g_dl : float, optional
        Override the polyclonal γ amount (defaults: normal 1.1, polyclonal 2.8,
        monoclonal 0.6 — the suppressed background).

    Examples
    --------
    >>> round(make_serum("normal").total_protein_g_dl, 2)
    7.05
    >>> make_serum("monoclonal", heavy="IgA", light="lambda").monoclonal.isotype
    'IgA λ'
    """
    albumin, a1, a2, beta, gamma = NORMAL_BANDS
    if kind == "normal":
        g = gamma if polyclonal_gamma_g_dl is None else replace(gamma, g_dl=polyclonal_gamma_g_dl)
        return Serum((albumin, a1, a2, beta), g, None, kind)
    if kind == "polyclonal":
        g = replace(gamma, sd=0.085, g_dl=2.8 if polyclonal_gamma_g_dl is None else polyclonal_gamma_g_dl)
        return Serum((replace(albumin, g_dl=3.4), a1, a2, beta), g, None, kind)
    if kind == "monoclonal":
        amount = check_range("m_spike_g_dl", m_spike_g_dl, 0.0, 15.0, lo_open=True, unit="g/dL")
        if heavy not in ("IgG", "IgA", "IgM", None):
            raise InputError("heavy", heavy, "'IgG'、'IgA'、'IgM' 或 None", en_expected="'IgG', 'IgA', 'IgM' or None")
        if light not in ("kappa", "lambda"):
            raise InputError("light", light, "'kappa' 或 'lambda'", en_expected="'kappa' or 'lambda'")
        pos = None if spike_position is None else check_range("spike_position", spike_position, 0.0, 1.0)
        sd = check_range("spike_sd", spike_sd, 0.002, 0.2, unit="")
        g = replace(gamma, g_dl=0.6 if polyclonal_gamma_g_dl is None else polyclonal_gamma_g_dl)
        return Serum((albumin, a1, a2, beta), g, MonoclonalComponent(amount, heavy, light, pos, sd), kind)
    raise InputError("kind", kind, "'normal'、'polyclonal' 或 'monoclonal'",
                     en_expected="'normal', 'polyclonal' or 'monoclonal'")


def densitogram(serum: Serum, x: np.ndarray | None = None) -> Densitogram:
    """Evaluate the densitogram on ``x`` (default 2 001 points on [0, 1]).

    >>> d = densitogram(make_serum("normal"))
    >>> round(d.total_area, 2)
    7.05
    """
    xs = np.linspace(0.0, 1.0, 2001) if x is None else np.asarray(x, dtype=float)
    comps = {b.name: b.density(xs) for b in serum.bands}
    return Densitogram(xs, np.sum(list(comps.values()), axis=0), comps)


def fraction_areas(dens: Densitogram, cuts: tuple[float, ...] = (0.26, 0.39, 0.515, 0.67),
                   total_protein_g_dl: float | None = None) -> dict[str, float]:
    """Split the trace at ``cuts`` into albumin, α1, α2, β, γ and return g/dL per fraction.

    As in the laboratory, each fraction's share of the total area is multiplied
    by the total protein (measured separately; default: the trace's own area).

    >>> fr = fraction_areas(densitogram(make_serum("normal")))
    >>> list(fr), round(sum(fr.values()), 2)
    (['albumin', 'alpha1', 'alpha2', 'beta', 'gamma'], 7.05)
    """
    names = ("albumin", "alpha1", "alpha2", "beta", "gamma")
    if len(cuts) != 4 or list(cuts) != sorted(cuts):
        raise InputError("cuts", cuts, "4 个递增的分割点", en_expected="4 increasing cut positions")
    total = dens.total_area
    tp = total if total_protein_g_dl is None else check_range("total_protein_g_dl", total_protein_g_dl, 0, 20,
                                                              lo_open=True, unit="g/dL")
    edges = (dens.x[0],) + tuple(cuts) + (dens.x[-1],)
    out = {}
    for name, a, b in zip(names, edges[:-1], edges[1:]):
        m = (dens.x >= a) & (dens.x <= b)
        out[name] = float(np.trapezoid(dens.y[m], dens.x[m]) / total * tp)
    return out


def quantify_m_spike(dens: Densitogram, *, region: tuple[float, float] = (0.5, 1.0), max_width: float = 0.06,
                     min_prominence: float = 1.0, edge_slope_fraction: float = 0.1,
                     total_protein_g_dl: float | None = None) -> MSpike:
    """Detect a narrow peak in ``region`` and integrate it by perpendicular drop.

    A peak counts as an M-spike when its prominence is at least
    ``min_prominence`` (g/dL per unit ``x``) and its width at half prominence
    is below ``max_width``.  The perpendiculars are dropped where the spike
    meets its surroundings: walking outwards from the peak, at the first point
    that is a local minimum (a valley) or where the trace has flattened to
    less than ``edge_slope_fraction`` of the spike's steepest slope on that
    side (≈ ±2.75 SD of a Gaussian spike for the default 0.1).  Everything
    between the perpendiculars is counted, including the polyclonal γ under
    the spike.  The area is converted to g/dL with the total protein (default:
    the trace's own area, i.e. no conversion).

    Examples
    --------
    >>> quantify_m_spike(densitogram(make_serum("polyclonal"))).detected
    False
    """
    x, y = dens.x, dens.y
    dx = float(np.mean(np.diff(x)))
    in_region = (x >= region[0]) & (x <= region[1])
    peaks, props = find_peaks(y, prominence=min_prominence)
    best = None
    if peaks.size:
        widths = peak_widths(y, peaks, rel_height=0.5)[0] * dx
        for p, w, prom in zip(peaks, widths, props["prominences"]):
            if in_region[p] and w < max_width and (best is None or prom > best[2]):
                best = (int(p), float(w), float(prom))
    if best is None:
        return MSpike(False, None, None, None, None, 0.0)
    p, w, _ = best
    frac = check_range("edge_slope_fraction", edge_slope_fraction, 0.0, 1.0, lo_open=True)
    slope = np.gradient(y, x)
    half = max(int(round(w / dx)), 1)
    steep_left = float(slope[max(p - 3 * half, 0):p + 1].max())
    steep_right = float(-slope[p:p + 3 * half + 1].min())
    lo = p
    while lo > 0 and y[lo - 1] < y[lo] and not (lo < p - 1 and slope[lo] < frac * steep_left):
        lo -= 1
    hi = p
    while hi < y.size - 1 and y[hi + 1] < y[hi] and not (hi > p + 1 and -slope[hi] < frac * steep_right):
        hi += 1
    area = float(np.trapezoid(y[lo:hi + 1], x[lo:hi + 1]))
    if total_protein_g_dl is not None:
        tp = check_range("total_protein_g_dl", total_protein_g_dl, 0, 20, lo_open=True, unit="g/dL")
        area *= tp / dens.total_area
    return MSpike(True, float(x[p]), w, float(x[lo]), float(x[hi]), area)


def immunofixation(serum: Serum, x: np.ndarray | None = None) -> ImmunofixationLanes:
    """The six IFE lanes: SPE (all protein), then the proteins precipitated by anti-G, -A, -M, -κ, -λ.

    Polyclonal immunoglobulin is shared among G/A/M by :data:`IG_CLASS_SHARE`
    and between κ/λ 2:1; the M-protein appears only in its own heavy- and
    light-chain lanes.

    >>> lanes = immunofixation(make_serum("monoclonal", heavy=None, light="lambda"))
    >>> read_immunofixation(lanes)
    '游离 λ 轻链'
    """
    xs = np.linspace(0.0, 1.0, 2001) if x is None else np.asarray(x, dtype=float)
    poly = serum.polyclonal_ig.density(xs)
    spike = serum.monoclonal.band.density(xs) if serum.monoclonal is not None else np.zeros_like(xs)
    mc = serum.monoclonal
    rows = [densitogram(serum, xs).y]
    for cls in ("IgG", "IgA", "IgM"):
        rows.append(IG_CLASS_SHARE[cls] * poly + (spike if mc is not None and mc.heavy == cls else 0.0))
    rows.append(_KAPPA_SHARE * poly + (spike if mc is not None and mc.light == "kappa" else 0.0))
    rows.append((1 - _KAPPA_SHARE) * poly + (spike if mc is not None and mc.light == "lambda" else 0.0))
    return ImmunofixationLanes(xs, np.vstack(rows))


def read_immunofixation(lanes: ImmunofixationLanes, *, max_width: float = 0.06, min_prominence: float = 1.0) -> str:
    """Name the monoclonal protein from the lanes that show a narrow band.

    Returns e.g. ``'IgG κ'``, ``'游离 κ 轻链'`` (light-chain lane only),
    ``'未见单克隆条带'`` (no narrow band), or ``'双克隆或不确定'``.

    >>> read_immunofixation(immunofixation(make_serum("normal")))
    '未见单克隆条带'
    """
    def has_band(row: np.ndarray) -> bool:
        return quantify_m_spike(Densitogram(lanes.x, row), region=(0.0, 1.0), max_width=max_width,
                                min_prominence=min_prominence).detected

    heavy = [h for h, lane in (("IgG", "G"), ("IgA", "A"), ("IgM", "M")) if has_band(lanes.lane(lane))]
    light = [lc for lc, lane in (("κ", "κ"), ("λ", "λ")) if has_band(lanes.lane(lane))]
    if not heavy and not light:
        return "未见单克隆条带"
    if len(heavy) == 1 and len(light) == 1:
        return f"{heavy[0]} {light[0]}"
    if not heavy and len(light) == 1:
        return f"游离 {light[0]} 轻链"
    return "双克隆或不确定"
