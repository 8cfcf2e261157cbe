"""A small SVG chart of cooperation and conflict per period, written by hand (no plotting library).

Bars above the axis count cooperative events, bars below conflictual ones; a line shows the
period's mean Goldstein score on its own -10..+10 axis on the right. Text is escaped; the file
is self-contained.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

WIDTH, HEIGHT, PAD = 760, 360, 48
COOP, CONF, LINE = "#2e8b57", "#c0392b", "#1f3b73"


def relations_svg(rows: Sequence[dict[str, Any]], title: str) -> str:
    """The chart for :func:`dyad.stories.relations.relations` rows."""
    n = max(len(rows), 1)
    top = max([r["cooperative"] for r in rows] + [r["conflictual"] for r in rows] + [1])
    plot_w, plot_h = WIDTH - 2 * PAD, HEIGHT - 2 * PAD
    mid = PAD + plot_h / 2
    step = plot_w / n
    bar = max(step * 0.35, 1.0)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="11">',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#fff"/>',
        f'<text x="{PAD}" y="{PAD / 2}" font-size="14" font-weight="bold">{escape(title)}</text>',
        f'<line x1="{PAD}" y1="{mid}" x2="{WIDTH - PAD}" y2="{mid}" stroke="#999"/>',
        f'<text x="{PAD - 6}" y="{PAD + 4}" text-anchor="end">{top}</text>',
        f'<text x="{PAD - 6}" y="{PAD + plot_h + 4}" text-anchor="end">{top}</text>',
        f'<text x="{WIDTH - PAD + 6}" y="{PAD + 4}">+10</text>',
        f'<text x="{WIDTH - PAD + 6}" y="{PAD + plot_h + 4}">-10</text>',
    ]
    points = []
    for i, r in enumerate(rows):
        x = PAD + i * step + step / 2
        up = plot_h / 2 * r["cooperative"] / top
        down = plot_h / 2 * r["conflictual"] / top
        label = escape(str(r["period"]))
        parts.append(
            f'<rect x="{x - bar:.1f}" y="{mid - up:.1f}" width="{bar:.1f}" height="{up:.1f}" '
            f'fill="{COOP}"><title>{label}: {r["cooperative"]} cooperative</title></rect>'
        )
        parts.append(
            f'<rect x="{x:.1f}" y="{mid:.1f}" width="{bar:.1f}" height="{down:.1f}" '
            f'fill="{CONF}"><title>{label}: {r["conflictual"]} conflictual</title></rect>'
        )
        points.append(f"{x:.1f},{mid - plot_h / 2 * r['score'] / 10:.1f}")
        if n <= 24 or i % max(n // 12, 1) == 0:
            parts.append(
                f'<text x="{x:.1f}" y="{HEIGHT - PAD + 16}" text-anchor="middle">{label}</text>'
            )
    if len(points) > 1:
        parts.append(
            f'<polyline points="{" ".join(points)}" fill="none" stroke="{LINE}" stroke-width="2"/>'
        )
    for i, point in enumerate(points):
        px, py = point.split(",")
        parts.append(
            f'<circle cx="{px}" cy="{py}" r="3" fill="{LINE}"><title>'
            f"{escape(str(rows[i]['period']))}: score {rows[i]['score']}</title></circle>"
        )
    legend = [(COOP, "cooperative events"), (CONF, "conflictual events"), (LINE, "mean score")]
    for j, (colour, text) in enumerate(legend):
        x = PAD + j * 170
        parts.append(f'<rect x="{x}" y="{HEIGHT - 18}" width="10" height="10" fill="{colour}"/>')
        parts.append(f'<text x="{x + 14}" y="{HEIGHT - 9}">{text}</text>')
    parts.append("</svg>\n")
    return "\n".join(parts)
