"""The relations chart as a PNG, drawn with matplotlib (Agg, no display needed).

The same picture as :mod:`dyad.stories.svg`: cooperative events above the axis, conflictual
ones below, the period's mean Goldstein score as a line on its own -10..+10 axis.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .svg import CONF, COOP, LINE


def relations_png(rows: Sequence[dict[str, Any]], title: str, path: Path) -> None:
    """Write the chart for :func:`dyad.stories.relations.relations` rows to ``path``."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    from matplotlib.ticker import MaxNLocator

    periods = [str(r["period"]) for r in rows]
    xs = list(range(len(rows)))
    fig, ax = plt.subplots(figsize=(8, 3.8), dpi=120)
    # cooperation up, conflict down: the two bars of a period never overlap, so they share x
    ax.bar(xs, [r["cooperative"] for r in rows], 0.6, color=COOP, label="cooperative events")
    ax.bar(xs, [-r["conflictual"] for r in rows], 0.6, color=CONF, label="conflictual events")
    ax.set_xlim(-0.7, len(rows) - 0.3)  # one period stays one slim bar, not the whole width
    ax.axhline(0, color="#999", linewidth=0.8)
    top = max([r["cooperative"] for r in rows] + [r["conflictual"] for r in rows] + [1])
    ax.set_ylim(
        -top * 1.1, top * 1.1
    )  # symmetric: conflict reads as far below as cooperation above
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel("events (conflict below the axis)")
    rotate = len(rows) > 12
    ax.set_xticks(xs, periods, rotation=45 if rotate else 0, ha="right" if rotate else "center")
    score = ax.twinx()
    score.plot(xs, [r["score"] for r in rows], color=LINE, marker="o", label="mean score")
    score.set_ylim(-10, 10)
    score.set_ylabel("Goldstein score")
    handles = ax.get_legend_handles_labels()[0] + score.get_legend_handles_labels()[0]
    fig.legend(handles=handles, loc="lower center", ncol=3, fontsize=8, frameon=False)
    ax.set_title(title)
    fig.tight_layout(rect=(0, 0.07, 1, 1))
    fig.savefig(path, format="png")
    plt.close(fig)
