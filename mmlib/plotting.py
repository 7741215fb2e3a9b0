"""One plot style for the whole book, with a bundled CJK font.

Chinese labels must render as real glyphs on the website and on a learner's
machine that has no CJK font installed.  :func:`use_book_style` registers the
font that ships inside :mod:`mmlib` (a GB 2312 subset of Noto Sans CJK SC,
SIL OFL 1.1, see ``mmlib/data/OFL-NotoSansSC.txt``) and sets a consistent
matplotlib style.  Glyphs outside the subset fall back to DejaVu Sans, which
matplotlib always has.

>>> family = use_book_style()
>>> family
'Noto Sans SC mmlib'
>>> import matplotlib
>>> matplotlib.rcParams["font.sans-serif"][:2]
['Noto Sans SC mmlib', 'DejaVu Sans']
>>> FONT_PATH.name
'NotoSansSC-mmlib.otf'
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["FONT_PATH", "FONT_FAMILY", "PALETTE", "use_book_style"]

FONT_FAMILY = "Noto Sans SC mmlib"
FONT_PATH = Path(str(resources.files("mmlib") / "data" / "NotoSansSC-mmlib.otf"))

#: Colours used throughout the book (colour-blind-safe Okabe–Ito order).
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000")


def use_book_style() -> str:
    """Register the bundled font and apply the book's matplotlib style.

    Returns the font family name.  Safe to call more than once.
    """
    import matplotlib
    from cycler import cycler
    from matplotlib import font_manager

    if FONT_FAMILY not in {f.name for f in font_manager.fontManager.ttflist}:
        font_manager.fontManager.addfont(str(FONT_PATH))
    matplotlib.rcParams.update(
        {
            "font.family": "sans-serif",
            "font.sans-serif": [FONT_FAMILY, "DejaVu Sans"],
            "axes.unicode_minus": True,   # U+2212 is in the bundled font
            "axes.prop_cycle": cycler(color=list(PALETTE)),
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.grid": True,
            "grid.alpha": 0.3,
            "axes.titlesize": 13,
            "axes.labelsize": 11,
            "legend.frameon": False,
            "figure.figsize": (7.0, 4.2),
            "figure.dpi": 100,
            "savefig.dpi": 150,
            "savefig.bbox": "tight",
            "svg.fonttype": "path",
        }
    )
    return FONT_FAMILY
