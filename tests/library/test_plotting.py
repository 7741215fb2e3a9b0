"""Chinese plot labels render with the bundled font, without missing-glyph warnings."""

from __future__ import annotations

import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from fontTools.ttLib import TTFont  # noqa: E402

from mmlib.plotting import FONT_FAMILY, FONT_PATH, use_book_style  # noqa: E402

SAMPLE = "疾病谱系：MGUS → SMM → 多发性骨髓瘤；血清 M 蛋白（g/dL）κ/λ ≥ 100，Δ −3.5 µmol/L ± 2%"


def test_font_covers_the_characters_of_the_book_labels():
    cmap = TTFont(str(FONT_PATH)).getBestCmap()
    missing = sorted({c for c in SAMPLE if not c.isspace() and ord(c) not in cmap})
    assert missing == []


def test_a_figure_with_chinese_labels_draws_without_glyph_warnings(tmp_path):
    assert use_book_style() == FONT_FAMILY
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig, ax = plt.subplots()
        ax.plot([-2, -1, 0, 1], [3, -1, 2, 0], label=SAMPLE)
        ax.set_yscale("symlog")
        ax.set_title(SAMPLE)
        ax.set_xlabel("时间（年）")
        ax.legend()
        fig.savefig(tmp_path / "f.png")
        fig.savefig(tmp_path / "f.svg")
        plt.close(fig)
    assert (tmp_path / "f.png").stat().st_size > 10_000


def test_the_font_actually_used_for_chinese_is_the_bundled_one():
    from matplotlib import font_manager

    use_book_style()
    path = font_manager.findfont(font_manager.FontProperties(family=["sans-serif"]))
    assert path == str(FONT_PATH)
