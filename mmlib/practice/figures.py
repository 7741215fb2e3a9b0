"""Figures of the read-a-figure problems, drawn by the teaching models from the problem's own inputs.

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> fig = draw("spep-quantify-spike")
>>> fig.axes[0].get_title()
'血清蛋白电泳扫描图'
"""

from __future__ import annotations

from typing import Any, Mapping

__all__ = ["draw"]


def _spep(inputs: Mapping[str, Any]):
    import matplotlib.pyplot as plt

    from ..models.electrophoresis import densitogram, make_serum
    from ..plotting import PALETTE

    d = densitogram(make_serum(**inputs))
    fig, ax = plt.subplots(figsize=(6.4, 2.6))
    ax.plot(d.x, d.y, color=PALETTE[0])
    ax.set_xlabel("迁移位置（阳极 → 阴极）")
    ax.set_ylabel("密度")
    ax.set_title("血清蛋白电泳扫描图")
    return fig


def _ife(inputs: Mapping[str, Any]):
    import matplotlib.pyplot as plt

    from ..models.electrophoresis import immunofixation, make_serum

    lanes = immunofixation(make_serum("monoclonal", **inputs))
    fig, axes = plt.subplots(1, len(lanes.names), figsize=(7, 2.4), sharey=True)
    for ax, name in zip(axes, lanes.names):
        ax.imshow(lanes.lane(name)[:, None], aspect="auto", cmap="Greys", extent=(0, 1, 1, 0))
        ax.set_title(name)
        ax.set_xticks([])
    axes[0].set_ylabel("迁移位置")
    return fig


def _flow(inputs: Mapping[str, Any]):
    import matplotlib.pyplot as plt

    from ..models.immunophenotype import gate_plasma_cells, simulate_marrow
    from ..plotting import PALETTE

    sample = simulate_marrow(**inputs)
    gate = gate_plasma_cells(sample)
    fig, ax = plt.subplots(figsize=(4.2, 4))
    ax.scatter(sample.marker("kappa")[gate.in_pc_gate], sample.marker("lambda")[gate.in_pc_gate], s=3,
               color=PALETTE[0], alpha=0.5)
    ax.set_xlabel("胞浆 κ（log10 荧光强度）")
    ax.set_ylabel("胞浆 λ（log10 荧光强度）")
    ax.set_title("CD38 强阳性 / CD138 阳性门内的浆细胞")
    return fig


_DRAW = {"spep": _spep, "ife": _ife, "flow": _flow}


def draw(pid: str):
    """The figure a problem asks the learner to read (a matplotlib Figure).

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> [len(draw(p).axes) for p in ("ife-isotype-4410286", "flow-light-chain-restriction")]
    [6, 1]
    """
    from ..errors import MMLibError
    from ..plotting import use_book_style
    from .core import get

    p = get(pid)
    if p.figure not in _DRAW:
        raise MMLibError(f"练习题 '{pid}' 没有图。", f"Practice problem '{pid}' has no figure.", field="id", value=pid)
    use_book_style()
    return _DRAW[p.figure](p.inputs)
